"""Segmentation and voice (features/text.py) on real sentences from the samples."""
from __future__ import annotations

from pathlib import Path

import pytest

from features.text import WORD_RE, blank, parse, word_tokens

SAMPLES = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"


def sample(prefix: str) -> str:
    return next(SAMPLES.glob(prefix + "_*.txt")).read_text(encoding="utf-8")


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in parse(text).sentences]


def voice_of(text: str, word: str, nth: int = 0) -> str:
    """Voice of the ``nth`` occurrence of ``word`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(word, pos + 1)
    return parse(text).voice_at(pos, pos + len(word))


def regions(text: str) -> list[tuple[str, str]]:
    return [(r.label, text[r.start:r.end]) for r in parse(text).quotes]


# --- sentences -------------------------------------------------------------------

@pytest.mark.parametrize("text, n", [
    # sample 004 (title "Mr." in the middle of the paragraph)
    ("Mr. Erdogan has delighted Moscow in recent years by feuding openly with Washington. "
     "Putin’s regime has long been cautious not to make a direct attack on NATO territory.", 2),
    # sample 002: "U.N.-recognized" inside a sentence
    ("The visit was planned amid a series of military victories of Libya’s U.N.-recognized Government "
     "of National Accord (GNA) against General Khalifa Haftar’s forces. The ministers were expected "
     "to have consultations on Idlib and Syria.", 2),
    # sample 001 with the dotted forms "Gen." and "Dr."
    ("Forces loyal to Gen. Haftar have been besieging the Libyan capital since April. "
     "Dr. Lacher said he doubted whether Russia and Turkey had sufficient influence.", 2),
    # "U.N." mid-sentence, then a sentence ending in "U.S." followed by a new sentence
    ("The U.N. has been trying to organise a conference in Berlin this month. Erdogan held a phone "
     "call with his counterpart in the U.S. The talks were postponed.", 3),
    # initials
    ("Russian President Vladimir V. Putin hosted Turkish leader Recep T. Erdogan in the Kremlin.", 1),
    # question and exclamation marks end sentences, closing quotes stay with them
    ("“Is this the end?” he asked. It is not!", 2),
    # two sentences run together without a space, after a word and before a capitalised word
    ("Nearly all of that increase will occur in Asia and Africa.The EIA predicts a 50% increase.", 2),
    ("I saw the “end.”The next one came.", 2),
    # no split inside a dotted acronym, after "p.m.", before a lower-case domain, or after a title
    ("He moved to the U.S.The company said so.", 1),
    ("It ended at 5 p.m.The next day he left.", 1),
    ("Visit breitbart.com for more. Mr.Smith said no.", 2),
])
def test_sentence_count(text, n):
    assert len(sentences(text)) == n, sentences(text)


def test_sentences_keep_abbreviations_whole():
    text = ("Mr. Erdogan has delighted Moscow in recent years. Gen. Haftar's forces advanced. "
            "Dr. Smith agreed with the U.N. envoy on Monday.")
    assert sentences(text) == [
        "Mr. Erdogan has delighted Moscow in recent years.",
        "Gen. Haftar's forces advanced.",
        "Dr. Smith agreed with the U.N. envoy on Monday.",
    ]


def test_every_paragraph_line_is_split_on_sample():
    text = sample("003")
    doc = parse(text)
    # each sentence lies in one paragraph and is stripped
    for s, e in doc.sentences:
        assert "\n" not in text[s:e] and text[s:e] == text[s:e].strip()
    assert len(doc.paragraphs) == len(text.strip().splitlines())


# --- quotes ----------------------------------------------------------------------

def test_curly_quote_found_with_its_marks():
    text = ("“Russia accuses Turkey of not eradicating these terrorists in Idlib and exporting them "
            "to Libya,” he added.")
    assert regions(text)[0] == ("direct", text[: text.index(",”") + 2])
    assert voice_of(text, "terrorists") == "quoted"
    assert voice_of(text, "added") == "author"


def test_straight_quote_found():
    text = ('All sides should "immediately come together around the negotiating table," '
            "Mr Putin and Mr Erdogan said.")
    assert ("direct", '"immediately come together around the negotiating table,"') in regions(text)
    assert voice_of(text, "negotiating") == "quoted"
    assert voice_of(text, "Putin") == "author"


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_quote_running_across_paragraphs_is_quoted_in_both(sep):
    # sample 000; news convention: the first paragraph is not closed, the next reopens with “
    text = ("“I think Russia and Turkey want to meet on Libya when a deal of sorts can be signed."
            + sep + "“They want progress on intra-Libyan peace negotiations,” he said."
            + sep + "The talks were postponed.")
    doc = parse(text)
    assert len(doc.paragraphs) == 3
    assert voice_of(text, "think") == "quoted"
    assert voice_of(text, "signed") == "quoted"
    assert voice_of(text, "progress") == "quoted"
    assert voice_of(text, "postponed") == "author"
    # the first paragraph's region stops at its own end
    first = doc.quotes[0]
    assert text[first.start:first.end].endswith("signed.")


def test_straight_quote_running_across_paragraphs():
    text = ('"We will stay in Libya until peace comes.\n'
            '"The Russians know it," the minister said.')
    assert voice_of(text, "stay") == "quoted"
    assert voice_of(text, "Russians") == "quoted"
    assert voice_of(text, "minister") == "author"


def test_single_mark_quote_with_a_tag_is_quoted_voice():
    # Daily Mail style: single marks, the tag after the quotation
    text = ("'Our intelligence agencies have warned that ZTE phones pose a major threat,' Schiff said. "
            "He added: 'You should care more about national security than Chinese jobs.'")
    assert ("direct", "'Our intelligence agencies have warned that ZTE phones pose a major threat,'") in regions(text)
    assert voice_of(text, "threat") == "quoted"
    assert voice_of(text, "jobs") == "quoted"
    assert voice_of(text, "Schiff") == "author"


def test_apostrophes_are_not_single_mark_quotes():
    text = ("The voters' mood in the '90s was grim: rock 'n' roll was loud, 'Tis the Season was sung at "
            "the rally, and 'Our Town' played. Chinese jobs don't matter to the voters'.")
    assert not [r for r in parse(text).quotes if r.label == "direct"]
    assert voice_of(text, "grim") == "author"


def test_double_quotes_inside_a_single_mark_quote_are_its_words():
    text = ("Hunter Biden recalled his father's words, saying: 'Dad said \"I hope you know what you are doing\", "
            "and I said \"I do\".' A visibly angry Biden said nothing more.")
    direct = [text[r.start:r.end] for r in parse(text).quotes if r.label != "paraphrase"]
    assert direct == ["'Dad said \"I hope you know what you are doing\", and I said \"I do\".'"]
    assert voice_of(text, "visibly") == "author"


# --- paraphrase and author voice ---------------------------------------------------

def test_attributed_paraphrase_is_quoted_voice():
    text = "Sezer said Ankara and Moscow are negotiating ways to decrease Turkey’s military footprint in Libya."
    assert regions(text) == [("paraphrase", text[len("Sezer said "):])]
    assert voice_of(text, "negotiating") == "quoted"
    assert voice_of(text, "Sezer") == "author"


def test_trailing_attribution_is_quoted_voice():
    # sample 003
    text = ("Turkey will continue talks with Russia over reaching a lasting ceasefire in Libya despite "
            "the postponement of talks on Sunday, Turkey’s foreign minister said.")
    assert voice_of(text, "ceasefire") == "quoted"
    assert voice_of(text, "minister") == "author"


@pytest.mark.parametrize("text", [
    # samples 002, 003, 004: the reporter's own sentences
    "Turkey supports Fayez al-Sarraj’s GNA, whose forces have in recent weeks repelled a 14-month "
    "assault on Tripoli by Haftar’s Libyan National Army (LNA).",
    "Heavy clashes have erupted as the GNA laid siege to LNA-held Sirte, close to major energy "
    "export terminals on the Mediterranean seaboard.",
    "Just hours before the armistice was announced, airstrikes in Idlib killed at least 16 displaced civilians.",
    "Russia has not acknowledged the presence of hundreds of mercenaries from the Wagner Group.",
])
def test_author_sentences_are_author_voice(text):
    doc = parse(text)
    assert doc.quotes == []
    assert all(doc.voice_at(s, e) == "author" for s, e in doc.tokens)


@pytest.mark.parametrize("text, phrase", [
    # sample 000: scare quotes, no speaker
    ("On the same day, French President Emmanuel Macron harshly criticized Turkey’s “aggressive” "
     "intervention in Libya.", "“aggressive”"),
    ("The situation of Syrian mercenaries fighting in Libya is a “red line” for the Kremlin.", "“red line”"),
])
def test_scare_quotes_are_labelled_scare_and_stay_author_voice(text, phrase):
    assert regions(text) == [("scare", phrase)]
    start = text.index(phrase)
    assert parse(text).voice_at(start, start + len(phrase)) == "author"


def test_scare_quote_inside_paraphrase():
    # sample 000: the phrase is scare-quoted, the clause around it is reported speech
    text = ("Sezer said the situation of Syrian mercenaries fighting in Libya is a “red line” for the "
            "Kremlin and another point of contention between Moscow and Ankara.")
    labels = [label for label, _ in regions(text)]
    assert labels == ["paraphrase", "scare"]
    assert voice_of(text, "mercenaries") == "quoted"


# Bug: "told" followed only by its addressee ("told Arab News.", "told reporters on
# Monday.") is taken for a reported clause, so the outlet's name becomes quoted voice.
@pytest.mark.parametrize("text, word", [
    ("“Russia wants to negotiate the Libya issue along with issues related to Syria,” he told Arab News.", "Arab"),
    ("“They want progress on intra-Libyan peace negotiations,” he told Arab News.", "Arab"),  # sample 000
    ("“Russia accuses Turkey of not eradicating these terrorists,” he told the Associated Press.", "Associated"),
    ("The minister told reporters on Monday.", "Monday"),
])
def test_told_addressee_is_not_paraphrase(text, word):
    assert [label for label, _ in regions(text) if label == "paraphrase"] == []
    assert voice_of(text, word) == "author"


def test_told_with_a_clause_is_still_paraphrase():
    text = "Ramani told Arab News another failed meeting would be seen in Russia as a blow to its status."
    assert voice_of(text, "failed") == "quoted"


# --- blanking ------------------------------------------------------------------------

def test_blank_spaces_every_character_of_a_range_but_newlines():
    # ranges with and without newlines, overlapping, unsorted, empty and past the end, on a real sample
    text = sample("004")
    nl = text.index("\n", 200)
    ranges = [(nl - 30, nl + 40), (10, 60), (40, 90), (120, 120), (len(text) - 5, len(text) + 50)]
    out = blank(text, ranges)
    inside = {i for s, e in ranges for i in range(s, min(e, len(text)))}
    assert len(out) == len(text) and blank(text, []) is text
    for i, (a, b) in enumerate(zip(text, out)):
        assert b == (" " if i in inside and a != "\n" else a), i
    assert out[nl] == "\n" and out[nl - 30:nl + 40].strip() == "" and text[nl - 30:nl + 40].strip()


def test_exclude_blanks_but_keeps_offsets():
    text = sample("001")
    start = text.rindex("\n", 0, text.index("Canada police conduct")) + 1  # the "READ ALSO" line
    end = text.index("\n", start)
    doc = parse(text, exclude=[(start, end)])
    assert doc.original is text
    assert len(doc.text) == len(text)
    assert doc.text[start:end].strip() == ""
    assert doc.text[:start] == text[:start] and doc.text[end:] == text[end:]
    # nothing is found inside the blanked range, and everything else slices the original
    for s, e in doc.tokens + doc.sentences + doc.paragraphs:
        assert e <= start or s >= end
        assert doc.text[s:e] == text[s:e]
    assert "Huawei" not in [text[s:e] for s, e in doc.tokens]
    assert doc.n_words == len(parse(text).tokens) - len(parse(text[start:end]).tokens)


def test_exclude_keeps_newlines_and_quote_offsets():
    text = "READ ALSO  Some unrelated headline\n“It is over,” he said.\nThe talks failed."
    cut = text.index("\n")
    doc = parse(text, exclude=[(0, cut + 1)])
    assert doc.text[cut] == "\n"
    [r] = doc.quotes
    assert text[r.start:r.end] == "“It is over,”"
    assert [text[s:e] for s, e in doc.sentences] == ["“It is over,” he said.", "The talks failed."]


def test_parse_rejects_non_text():
    with pytest.raises(TypeError):
        parse(None)  # type: ignore[arg-type]


def test_word_tokens_are_the_word_pattern_matches_with_their_offsets():
    text = ("The U.S.-backed plan_B, e-mail and don’t: it's the the 3.5% rise in Zürich — "
            "__init__ x_y a--b ‘quoted’ 'single' end.")
    tokens, words = word_tokens(text)
    assert tokens == [m.span() for m in WORD_RE.finditer(text)]
    assert words == [text[s:e] for s, e in tokens]
    assert {"U.S", "plan", "B", "don’t", "it's", "3.5", "Zürich", "init", "a", "b"} <= set(words)
    assert words.count("the") == 2 and word_tokens("") == ([], [])


def test_word_tokens_of_texts_without_underscores_are_the_word_pattern_matches():
    samples = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt"))]
    texts.append("ΟΔΟΣ Zürich² naïve x\u0301y ٣٤ 3.5% e-mail a--b don’t '' `` ½ Ⅻ ǅemal end.")
    for text in texts:
        assert "_" not in text
        tokens, words = word_tokens(text)
        assert tokens == [m.span() for m in WORD_RE.finditer(text)]
        assert words == [text[s:e] for s, e in tokens]


def test_typewriter_quote_pairs_and_lone_apostrophes_or_backticks():
    text = "``We will win,'' he said. Don't use `code' or 'single' marks. ``It is over.''"
    doc = parse(text)
    assert [text[r.start:r.end] for r in doc.quotes] == ["``We will win,''", "``It is over.''"]


def test_closing_quote_typed_as_two_curly_apostrophes_closes_the_quotation():
    text = ("The council met on Monday. “We are honored to lead in the nation and the world,’’ said Marsha "
            "Gordon, the council’s president. ‘‘It is over,’’ she added. The Smiths’ son left.")
    doc = parse(text)
    direct = [text[r.start:r.end] for r in doc.quotes if r.label == "direct"]
    assert direct == ["“We are honored to lead in the nation and the world,’’", "‘‘It is over,’’"]
    assert voice_of(text, "nation") == "quoted"
    assert voice_of(text, "Smiths") == "author"


def test_single_curly_apostrophes_open_no_quotation():
    text = "The Joneses’ house burned. It’s the Smiths’ son who called it ‘fine’ on Monday."
    assert [r for r in parse(text).quotes if r.label == "direct"] == []
