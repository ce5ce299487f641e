"""The off-topic paragraph model: its features on a real article with a pasted paragraph."""
from __future__ import annotations

import math
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from features.insertion_rules import line_sizes, rule_labels, split_lines
from features.lexicons import lexicon_json
from features.offtopic import (
    MIN_PARAS,
    OFFTOPIC_FEATURES,
    ParagraphFeatures,
    _neighbours,
    _vocab,
    _style_mismatch,
    _typography,
    idf_table,
    offtopic_paragraphs,
    paragraph_features,
    stem_bag,
)

SAMPLES = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"
PASTED = ("The Federal Reserve held interest rates steady on Wednesday, with policymakers signalling that "
          "borrowing costs for mortgages, car loans and credit cards would stay near record lows while "
          "inflation remains below the central bank's target and hiring in manufacturing slows.")


def _with_pasted(foot: bool = False) -> tuple[list, list[int], int]:
    """Sample 001 (Libya) with a paragraph on US interest rates pasted in, inside the body or
    (``foot``) after its last paragraph: its lines, the body lines and the index of the pasted one."""
    text = next(SAMPLES.glob("001_*.txt")).read_text(encoding="utf-8")
    if foot:
        lines = split_lines(text.rstrip() + "\n\n" + PASTED)
    else:
        head, tail = text.split("\n\nThe UN has been trying")
        lines = split_lines(head + "\n\n" + PASTED + "\n\nThe UN has been trying" + tail)
    labels = rule_labels(lines, None)
    body = [i for i, lab in enumerate(labels) if lab is None]
    return lines, body, next(i for i, ln in enumerate(lines) if ln.text == PASTED)


def test_feature_names_are_the_records_fields_and_the_models_columns():
    assert OFFTOPIC_FEATURES == tuple(f.name for f in fields(ParagraphFeatures))
    assert list(OFFTOPIC_FEATURES) == lexicon_json("insertion_offtopic_v2.json")["features"]


def test_pasted_paragraph_shares_less_with_the_article_than_its_own_paragraphs():
    lines, body, pasted = _with_pasted()
    feats = paragraph_features(lines, body, None)
    # the article's own paragraphs are too close to the rest to be judged at all
    assert list(feats) == [pasted]
    mine = feats[pasted]
    assert mine.log_cos_rest <= math.log(0.12 + 0.005)
    assert mine.log_new_content > 0 and mine.shared_idf_share < 1.0
    assert mine.has_title == 0.0 and mine.log_cos_title == 0.0
    assert mine.log_paras == pytest.approx(math.log1p(len(body)))
    assert mine.as_row() == tuple(getattr(mine, n) for n in OFFTOPIC_FEATURES)


def test_features_only_when_a_wanted_paragraph_is_judged_and_then_every_candidates():
    lines, body, pasted = _with_pasted()
    everything = paragraph_features(lines, body, None)
    # the pasted paragraph is the one candidate: asked about the story's end, nothing is computed
    assert paragraph_features(lines, body, None, wanted=body[-2:]) == {}
    # asked about it (and the end), the features are those of the full pass
    assert paragraph_features(lines, body, None, wanted=[pasted, body[-1]]) == everything


def test_an_early_stop_still_numbers_the_candidates_names():
    # word ids number later articles' matrix columns, so the early stop gives the names theirs
    lines, body, pasted = _with_pasted()
    text = PASTED.replace("The Federal Reserve", "Fed chair Xu Qiang of the Federal Reserve")
    lines[pasted] = lines[pasted]._replace(text=text)
    _vocab.cache_clear()
    assert list(paragraph_features(lines, body, None)) == [pasted]
    _vocab.cache_clear()
    assert paragraph_features(lines, body, None, wanted=body[-2:]) == {}
    assert "xu" in _vocab().word_ids  # two letters: no word of the matrix, a name only
    _vocab.cache_clear()


def test_title_is_compared_when_given():
    lines, body, pasted = _with_pasted()
    feats = paragraph_features(lines, body, "Russia and Turkey call for a ceasefire in Libya")
    assert feats[pasted].has_title == 1.0


def test_pasted_paragraph_closing_the_story_is_flagged_with_its_probability():
    lines, body, pasted = _with_pasted(foot=True)
    labels = [None if i in body else "x" for i in range(len(lines))]
    flagged = offtopic_paragraphs(lines, labels, None)
    assert list(flagged) == [pasted] and flagged[pasted] >= 0.9


def test_low_similarity_inside_the_body_is_not_enough():
    """Evidence beyond low similarity (issue 18): inside the body an unrelated paragraph reads like
    an on-topic aside the model cannot tell apart, so only the story's last paragraph, where sites
    append bios, disclaimers and pitches, is judged off-topic; the model's probability is the same."""
    lines, body, pasted = _with_pasted()
    labels = [None if i in body else "x" for i in range(len(lines))]
    assert pasted != body[-1]
    assert paragraph_features(lines, body, None)[pasted].log_cos_rest <= math.log(0.12 + 0.005)
    assert offtopic_paragraphs(lines, labels, None) == {}


def test_the_same_paragraph_as_an_embedded_tweet_is_content():
    """Signed as a tweet the outlet embedded, the pasted paragraph is content (GUIDELINE.md);
    the same paragraph unsigned at the story's foot is flagged."""
    text = next(SAMPLES.glob("001_*.txt")).read_text(encoding="utf-8").rstrip()
    signature = "— Federal Reserve (@federalreserve) June 17, 2020"
    for sign_it, expected in ((True, False), (False, True)):
        lines = split_lines(text + "\n\n" + PASTED + ("\n" + signature if sign_it else ""))
        labels = rule_labels(lines, None)
        i = next(k for k, ln in enumerate(lines) if ln.text == PASTED)
        assert (i in offtopic_paragraphs(lines, labels, None)) is expected


def test_the_model_runs_only_where_the_closing_paragraph_can_be_flagged(monkeypatch):
    """Only the story's last paragraph can be flagged and a gate clears it whatever its probability,
    so the model is not run for a candidate inside the body nor for a closing paragraph a gate
    clears; the same closing paragraph without the gate is scored and flagged."""
    import features.offtopic as ot

    scored = []
    probabilities = ot._probabilities
    monkeypatch.setattr(ot, "_probabilities", lambda X: scored.append(len(X)) or probabilities(X))
    lines, body, pasted = _with_pasted()
    labels = [None if i in body else "x" for i in range(len(lines))]
    assert pasted in paragraph_features(lines, body, None)  # a candidate, but not the closing one
    assert offtopic_paragraphs(lines, labels, None) == {} and scored == []
    assert not _pasted_flagged("And " + PASTED[0].lower() + PASTED[1:]) and scored == []
    assert _pasted_flagged(PASTED) and scored == [1]


def test_too_few_paragraphs_are_not_judged():
    lines, body, _ = _with_pasted()
    labels = [None if i in body[: MIN_PARAS - 1] else "x" for i in range(len(lines))]
    assert offtopic_paragraphs(lines, labels, None) == {}


def test_idf_table_and_stems():
    table, unlisted = idf_table()
    assert unlisted == pytest.approx(math.log(37554 / 50))  # the header's N and df floor
    assert 0 < table["government"] < table["ceasefire"] <= unlisted
    assert stem_bag("The ceasefire's terms; ceasefires and terms held.") == {"the": 1, "ceasefire": 2, "term": 2, "and": 1, "held": 1}


def test_style_mismatch_marks_the_paragraph_written_unlike_the_rest():
    paras = ["He said it’s “time to act” on the bill.", "Critics called it “a mistake”.",
             'The mayor said "we are ready" and left.', "Officials — including two ministers — declined."]
    style = np.array([_typography(p) for p in paras], dtype=np.int64)
    quotes, dashes = _style_mismatch(style)
    assert quotes.tolist() == [0.0, 0.0, 1.0, 0.0]  # straight quotes where the rest uses curly ones
    assert dashes.tolist() == [0.0, 0.0, 0.0, 0.0]  # nobody else writes a dash: no contrast


def test_word_counts_handed_in_give_the_same_features():
    lines, body, pasted = _with_pasted()
    sizes = line_sizes(lines)
    assert sizes[pasted] == len(PASTED.split())
    title = "Russia and Turkey call for a ceasefire in Libya"
    given = {k: f.as_row() for k, f in paragraph_features(lines, body, title, sizes).items()}
    assert given == {k: f.as_row() for k, f in paragraph_features(lines, body, title).items()}
    assert list(given) == [pasted]


def test_pasted_paragraph_names_are_new_to_the_article():
    """The pasted paragraph's mid-sentence names ("The Federal Reserve held ... on Wednesday") are
    "federal", "reserve" and "wednesday"; the article itself mentions a Wednesday, not the Fed."""
    lines, body, pasted = _with_pasted()
    assert "wednesday" in " ".join(lines[i].text.lower() for i in body if i != pasted)
    mine = paragraph_features(lines, body, None)[pasted]
    assert math.expm1(mine.log_names) == pytest.approx(3)
    assert math.expm1(mine.log_new_names) == pytest.approx(2)
    assert math.expm1(mine.log_new_names_far) == pytest.approx(2)
    assert mine.new_name_share == pytest.approx(2.5 / 4)


def test_neighbour_rows_are_zero_past_the_ends():
    m = np.arange(12, dtype=float).reshape(4, 3)
    prev, nxt = _neighbours(m, np.array([0, 2, 3]))
    assert prev.tolist() == [[0, 0, 0], [3, 4, 5], [6, 7, 8]]
    assert nxt.tolist() == [[3, 4, 5], [9, 10, 11], [0, 0, 0]]
    assert m[0].tolist() == [0, 1, 2]  # the matrix itself is left alone


def _pasted_flagged(pasted: str, before: str = "", lede: bool = False, section: str = "") -> bool:
    """Whether ``pasted`` (the paragraph on interest rates, perhaps reworded) is flagged when put
    into sample 001 after its last paragraph, under the line ``before`` if given, or as its first
    paragraph; ``section`` is a further heading set above the story's last paragraphs."""
    text = next(SAMPLES.glob("001_*.txt")).read_text(encoding="utf-8").rstrip()
    head, tail = text.split("\n\nThe UN has been trying")
    if lede:
        text = pasted + "\n\n" + text
    else:
        text = head + "\n\n" + (section + "\n\n" if section else "") + "The UN has been trying" + tail
        text += "\n\n" + (before + "\n\n" if before else "") + pasted
    lines = split_lines(text)
    labels = rule_labels(lines, None)
    i = next(k for k, ln in enumerate(lines) if ln.text == pasted)
    return i in offtopic_paragraphs(lines, labels, None)


def test_a_paragraph_placed_by_the_author_is_not_off_topic():
    """Low similarity alone is no evidence (issue 18): the lede, a paragraph opening a section under
    a crosshead (in a story with sections), an embedded tweet signed on its own line and a paragraph whose words are drowned
    by a site's name hover-cards are the author's; the same paragraph closing the story is flagged."""
    assert _pasted_flagged(PASTED)
    assert not _pasted_flagged(PASTED, lede=True)
    # a heading over a paragraph opens a section only in a story that has sections; one heading over
    # one paragraph is how a pasted teaser looks
    assert not _pasted_flagged(PASTED, before="Interest rates", section="The talks")
    assert _pasted_flagged(PASTED, before="Interest rates")
    assert _pasted_flagged(PASTED, before="Interest rates stay low.")  # a sentence is no crosshead
    assert not _pasted_flagged(PASTED + " — Federal Reserve (@federalreserve) June 17, 2020")
    carded = PASTED.replace("policymakers", "Jerome Powell Jerome Hayden PowellFed chief warns of slow recovery MORE")
    assert not _pasted_flagged(carded)


def test_a_paragraph_leaning_on_the_story_is_not_off_topic():
    """Evidence beyond low similarity (issue 18): a paragraph that opens with a connective or a word
    pointing back ("And", "That"), or speaks as the author does elsewhere in the first person, leans on
    the text around it, as a paragraph pasted from another story cannot; the same paragraph without
    that link is flagged."""
    assert _pasted_flagged(PASTED)
    assert not _pasted_flagged("And " + PASTED[0].lower() + PASTED[1:])
    assert not _pasted_flagged("That decision, " + PASTED[0].lower() + PASTED[1:])
    assert _pasted_flagged("This week " + PASTED[0].lower() + PASTED[1:])  # a date, not a pointer
    mine = PASTED.replace("on Wednesday", "on Wednesday, as I wrote then")
    assert _pasted_flagged(mine)  # the author says "I" nowhere else: no voice to match
