"""Off-topic insertion detector: the bundled samples and real-text rule cases."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from features.insertions import (
    FURNITURE_FEATURES,
    INSERTION_FEATURES,
    InsertionFeatures,
    clean_doc,
    find_insertions,
    insertion_features,
    is_edge_label,
)

BODY2 = ("Democrats said the vote showed the majority was willing to ignore the concerns of civil rights "
         "groups, while Republicans praised her experience as a trial judge.")
SAMPLES = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"


def _sample(prefix: str) -> str:
    return next(SAMPLES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _flagged(text: str, title: str | None = None) -> dict[str, str]:
    return {text[s.start : s.end]: s.label for s in find_insertions(text, title)}


def test_sample_001_read_also_and_caption_lines():
    text = _sample("001")
    flagged = _flagged(text)
    read_also = [t for t in flagged if t.startswith("READ ALSO")]
    assert len(read_also) == 2 and all(flagged[t] == "related" for t in read_also)
    assert any("Pandemic is Over" in t for t in read_also)
    assert any("Huawei CFO" in t for t in read_also)
    caps = [t for t in flagged if t.startswith("Ahmad al-Mesmari")]
    assert len(caps) == 2
    assert any(t.endswith("(Photo by ABDULLAH DOMA/AFP via Getty Images)") for t in caps)
    assert any(t.endswith("© Abdullah Doma/AFP/Getty") for t in caps)
    assert all(flagged[t] in ("caption", "credit") for t in caps)
    # nothing else in the body is flagged (the "Via Financial Times" line is edge metadata)
    assert {t for t, lab in flagged.items() if not is_edge_label(lab)} == set(read_also) | set(caps)
    assert flagged.get("Via Financial Times", "").startswith("byline")


def test_sample_000_caption_short_url_and_teaser():
    text = _sample("000")
    flagged = _flagged(text)
    cap = next(t for t in flagged if t.startswith("Russia's President Vladimir Putin (2nd L)"))
    assert cap.endswith("(REUTERS)") and flagged[cap] == "caption"
    assert flagged["Short Url"] == "navigation"  # page furniture, not spam
    # a summary bullet restating the story is its standfirst: edge metadata, as the gold has it
    teaser = next(t for t in flagged if t.startswith("• Sezer said"))
    assert flagged[teaser] == "headline_repeat"
    # the body from the "ANKARA: As Russia's..." paragraph on is untouched
    body_start = text.index("ANKARA: As Russia")
    assert all(s.end <= body_start for s in find_insertions(text))


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_samples_002_003_body_not_flagged(prefix):
    text = _sample(prefix)
    spans = find_insertions(text)
    assert all(is_edge_label(s.label) for s in spans), [(text[s.start:s.end], s.label) for s in spans]


def test_sample_002_repeated_headline_and_dateline():
    text = _sample("002")
    labels = {text[s.start : s.end]: s.label for s in find_insertions(text)}
    assert labels["ANKARA"] == "dateline"
    assert "headline" in labels["Russian ministers’ visit to Turkey postponed"]


def test_sample_003_subtitle_and_subhead_kept():
    text = _sample("003")
    title, body = text.split("\n", 1)
    spans = find_insertions(body, title)
    assert spans == []
    assert body.startswith("Turkish FM says")  # the standfirst stays in the body


def test_sample_004_byline_and_timestamp():
    text = _sample("004")
    labels = {text[s.start : s.end]: s.label for s in find_insertions(text)}
    assert labels["By Beka Alexishvili"] == "byline"
    assert labels["06 March 2020 14:34"] == "timestamp"
    assert all(is_edge_label(lab) for lab in labels.values())


_PASTED = ("The Federal Reserve held interest rates steady on Wednesday, with policymakers signalling that "
           "borrowing costs for mortgages, car loans and credit cards would stay near record lows while "
           "inflation remains below the central bank's target and hiring in manufacturing slows.")


def test_unrelated_paragraph_closing_the_story_is_offtopic_and_quote_is_not():
    quote = "“We will not accept this, we will not stand by,” he said."
    doc = _sample("001").rstrip() + "\n\n" + quote + "\n\n" + _PASTED
    flagged = _flagged(doc)
    assert flagged.get(_PASTED) == "offtopic"
    assert quote not in flagged


def test_unrelated_paragraph_is_offtopic_with_title_too():
    doc = _sample("001").rstrip() + "\n\n" + _PASTED
    assert _flagged(doc, "Russia and Turkey call for a ceasefire in Libya").get(_PASTED) == "offtopic"


def test_unrelated_paragraph_inside_the_body_stays_in_the_body():
    """Low similarity alone is no evidence (issue 18): between two of the story's paragraphs the
    same paragraph is left in the body."""
    parts = _sample("001").split("\n\nThe UN has been trying")
    doc = parts[0] + "\n\n" + _PASTED + "\n\nThe UN has been trying" + parts[1]
    assert _PASTED not in _flagged(doc, "Russia and Turkey call for a ceasefire in Libya")


def test_spans_are_stripped_and_slice_the_text():
    text = _sample("000")
    for s in find_insertions(text):
        ev = text[s.start : s.end]
        assert ev and ev == ev.strip() and s.kind == "insertion" and s.voice == "author"


def test_clean_doc_blanks_insertions_only():
    text = _sample("001")
    doc, spans = clean_doc(text)
    assert len(doc.text) == len(text)
    assert "READ ALSO" not in doc.text and "Getty" not in doc.text
    assert "Wolfram Lacher, a Libya specialist" in doc.text


def test_features_groups_and_edge_cases():
    text = _sample("001")
    f = insertion_features(text, find_insertions(text))
    assert set(f) == set(INSERTION_FEATURES + FURNITURE_FEATURES)
    assert f["insertion_count"] == 2.0  # the two READ ALSO lines: spam inside the body
    assert f["furniture_count"] == 3.0  # "Via Financial Times" and the two caption lines: the site's template
    assert f["related_char_share"] > 0 and f["caption_char_share"] > 0 and f["edge_meta_char_share"] > 0
    assert f["insertion_char_share"] == pytest.approx(
        f["related_char_share"] + f["promo_char_share"] + f["offtopic_char_share"]
    )
    assert f["furniture_char_share"] == pytest.approx(f["caption_char_share"] + f["edge_meta_char_share"])
    for t in ["", "word", "  \n\n ", "Advertisement"]:
        g = insertion_features(t, find_insertions(t))
        assert all(np.isfinite(v) for v in g.values())


def test_huge_text_runs():
    text = _sample("001") * 1500  # about 5 MB
    assert len(text) > 5_000_000
    spans = find_insertions(text)
    assert sum(s.label == "related" for s in spans) == 3000


def test_transformer():
    tr = InsertionFeatures().fit([])
    X = tr.transform([_sample("000"), ""])
    names = list(tr.get_feature_names_out())
    assert X.shape == (2, len(INSERTION_FEATURES + FURNITURE_FEATURES))
    # sample 000: a caption, "Short Url" and a bullet teaser are furniture; nothing is spam
    assert X[0, names.index("insertion_count")] == 0.0
    assert X[0, names.index("furniture_count")] == 3.0
    with pytest.raises(TypeError):
        tr.transform("a bare string")


BODY = ("The Senate voted 52 to 48 on Tuesday to confirm the nominee after a long and bitter debate. "
        "Democrats had argued that her record on voting rights disqualified her from the bench.")
LATER = ("The vote came after weeks of hearings in which the nominee declined to say how she would rule "
         "on cases involving the administration, citing the rules of judicial conduct.")


def test_share_count_furniture_opens_a_one_block_text() -> None:
    text = '"26 SHARES Facebook Twitter ' + BODY + " " + LATER + '"'
    spans = find_insertions(text)
    assert [(text[s.start:s.end], s.label) for s in spans] == [("26 SHARES Facebook Twitter ", "share")]
    f = insertion_features(text, spans)
    assert f["furniture_count"] == 1.0 and f["insertion_count"] == 0.0


def test_story_highlights_run_into_the_first_point_mark_the_label_only():
    text = ("Story highlights On Tuesday, President Trump is expected to announce $800 billion in cuts to Medicaid\n"
            "(CNN) In the budget that President Donald Trump is expected to release Tuesday, CNN has reported that "
            "there will be $800 billion in cuts to Medicaid.\n"
            "Story highlights of the budget were leaked to reporters on Monday, officials said.")
    spans = [s for s in find_insertions(text) if s.label == "navigation"]
    assert [(text[s.start:s.end], s.start) for s in spans] == [("Story highlights", 0)]


def test_a_dated_update_note_run_into_a_paragraph_is_marked_alone() -> None:
    line = "UPDATE: Dec. 3, 2018, 3:19 p.m. PST Tesla has said it supports a level playing field for all car makers."
    text = f"{BODY}\n\n{line}\n\n{LATER}"
    spans = [s for s in find_insertions(text) if s.label == "editor_note"]
    assert [text[s.start:s.end] for s in spans] == ["UPDATE: Dec. 3, 2018, 3:19 p.m. PST"]




@pytest.mark.parametrize(
    "label_text, lead, label, prose",
    [
        # people.com: the video player's script left in front of the story's first sentence
        ("brightcove.createExperiences();", "Donald Trump is one step closer to securing the Republican nomination.",
         "navigation", "The site's createExperiences() call failed on Monday, the company said, and videos went dark."),
        # kiro7.com: "Original report:" heads the first version of a developing story
        ("Original report:", "Web hosting company GoDaddy is booting the Daily Stormer, a neo-Nazi website, over a post.",
         "editor_note", "The original report was published on Monday and corrected on Tuesday, the newspaper said."),
    ],
)
def test_a_label_run_into_a_paragraph_is_the_sites_but_the_same_words_in_prose_are_not(label_text, lead, label, prose):
    assert _flagged(f"{BODY2}\n\n{label_text} {lead}\n\n{BODY2}") == {label_text: label}
    assert _flagged(f"{BODY2}\n\n{prose}\n\n{BODY2}") == {}


@pytest.mark.parametrize("note", ["Update 4 p.m. ET:", "[Updated, 2:10 p.m. Aug. 27:", "UPDATE, 11:05 a.m.:"])
def test_a_timed_update_note_run_into_a_paragraph_is_marked_alone(note: str) -> None:
    para = "The governor signed the bill after the Senate passed it by two votes on Thursday night."
    text = f"{note} {para}\n\nThe measure takes effect in January, officials said."
    spans = find_insertions(text)
    assert [(text[s.start:s.end], s.label) for s in spans] == [(note, "editor_note")]


# An embedded tweet with its signature run into the same line is content the outlet chose to show
# (dailywire.com, ijr.com, breitbart.com, cnn.com); its own first word ("Video:", "WATCH:", "CORRECTION:",
# "Photo:") made a caption, a related teaser or a note of it. Without the signature the same line is the page's.
@pytest.mark.parametrize("tweet", [
    "Video: @CBSNews's @Weijia Jiang came back for round two, bashing Trump for talking about testing like it's a "
    "\"global competition\" when so many are dying. pic.twitter.com/YYF13b3JrS",
    "WATCH: President Trump says \"Robert E. Lee was a great general\" during Ohio rally, calling the Confederate "
    "leader \"incredible.\" pic.twitter.com/HhsLI1Mk05",
    "CORRECTION: An earlier tweet misidentified the general President Trump described as \"incredible\" at a rally "
    "in Ohio. Here is the full clip. pic.twitter.com/NZHj3Q2dHL",
    "Photo: In the cell of one of escaped inmates, looking at the hole cut in the wall as part of escape "
    "pic.twitter.com/tGAtt8xHyb",
])
def test_an_embedded_tweet_run_into_its_signature_is_content(tweet: str) -> None:
    body = ("The president spoke for more than an hour at the rally on Friday night, and his remarks drew "
            "criticism from historians and from several members of his own party.")
    later = ("Aides said on Saturday that the president had meant no offence and that he would keep holding "
             "rallies in the state before the election in November.")
    signed = f"{tweet} — Curtis Houck (@CurtisHouck) May 11, 2020"
    assert signed not in _flagged(f"{body}\n\n{signed}\n\n{later}\n\n{BODY2}")
    assert tweet in _flagged(f"{body}\n\n{tweet}\n\n{later}\n\n{BODY2}")


def test_a_wiki_edit_link_run_onto_a_heading_is_marked_alone() -> None:
    text = f"{BODY2}\n\nBackground [ edit ]\n\n{LATER}\n\nSee also [ edit ]\n\n{BODY2}"
    assert _flagged(text) == {"[ edit ]": "navigation", "See also [ edit ]": "navigation"}
    prose = f"{BODY2}\n\nHe said he would [edit] the draft himself before the vote on Friday.\n\n{LATER}"
    assert _flagged(prose) == {}


def test_a_video_players_fallback_line_is_marked() -> None:
    # opslens.com: the Video.js player's notice when no source loads, worded for a video
    text = f"{BODY2}\n\nNo compatible source was found for this video.\n\n{LATER}"
    assert _flagged(text) == {"No compatible source was found for this video.": "navigation"}
    prose = f"{BODY2}\n\nNo compatible source was found for the claim, the fact-checkers said on Monday.\n\n{LATER}"
    assert _flagged(prose) == {}
