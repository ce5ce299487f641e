"""Loaded-language extractor: real sentences, the bundled opinionated sample,
the span metric and the feature contract."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from scoring.gold.ptc import load_ptc, span_prf
from features import analyze, parse
from features.loaded import LOADED_FEATURES, LoadedFeatures, extract_loaded

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
SAMPLE_004 = next((ROOT / "notebooks" / "data" / "samples").glob("004_*.txt"))


def loaded_spans(text: str):
    return [s for s in analyze(text).spans if s.kind == "loaded"]


def overlapping(spans, text: str, phrase: str, after: str = ""):
    """Loaded spans overlapping the first occurrence of ``phrase`` after ``after``."""
    a = text.index(phrase, text.index(after) if after else 0)
    b = a + len(phrase)
    return [s for s in spans if s.start < b and a < s.end]


@pytest.fixture(scope="module")
def sample():
    text = SAMPLE_004.read_text(encoding="utf-8")
    return text, loaded_spans(text)


@pytest.mark.parametrize("phrase, after", [
    ("merciless", ""),        # "merciless drone killings"
    ("façade", ""),           # "this façade of an armistice"
    ("regime", "Putin’s"),    # "Putin’s regime has long been cautious"
    ("manipulate", ""),       # "planned resolutions to manipulate Erdogan"
    ("observantly", ""),      # "Putin observantly realizes that"
    ("rightfully", ""),       # "TheKremlin has rightfully and carefully abstained"
    ("‘treaty’", ""),         # "the 2018 ‘treaty’ between Moscow and Ankara"
])
def test_sample_004_author_loaded_words(sample, phrase, after):
    text, spans = sample
    hits = overlapping(spans, text, phrase, after)
    assert hits, f"no loaded span over {phrase!r}"
    assert all(s.voice == "author" for s in hits)


def test_sample_004_typo_is_not_loaded(sample):
    # "has broight stark setback": a misspelling and a plain adjective, not the writer's judgment.
    text, spans = sample
    assert overlapping(spans, text, "broight stark setback") == []


def test_sample_004_czar_is_loaded_in_quoted_voice(sample):
    text, spans = sample
    hits = overlapping(spans, text, "czar")
    assert hits and all(s.voice == "quoted" for s in hits)


def test_sample_004_facade_is_author_voice(sample):
    text, spans = sample
    assert all(s.voice == "author" for s in overlapping(spans, text, "façade"))


def test_plain_wire_sentence_has_no_loaded_span():
    assert loaded_spans("The ministers were expected to have consultations on Idlib and Syria.") == []


@pytest.mark.parametrize("text, word", [
    ("Critics called the vote a sham designed to keep the ruling party in power.", "sham"),
    ("The senator launched a vicious attack on the judge on Tuesday.", "vicious"),
])
def test_charged_words_in_author_voice(text, word):
    spans = loaded_spans(text)
    hits = overlapping(spans, text, word)
    assert hits and hits[0].voice == "author" and 0.0 <= hits[0].score <= 1.0


@pytest.mark.parametrize("text, typo, word", [
    # Typos carry the model's unknown-word cues; they never start or widen a span.
    ("The freshly lit conflict has broight stark setback to Putin’s planned resolutions.", "broight", None),
    ("Assad's regime launched a brutal crackdwon on the protesters.", "crackdwon", "brutal"),
    ("The senator launched a vicious atack on the judge on Tuesday.", "atack", "vicious"),
])
def test_spelling_noise_is_never_loaded(text, typo, word):
    spans = loaded_spans(text)
    assert overlapping(spans, text, typo) == []
    assert word is None or overlapping(spans, text, word)


@pytest.mark.parametrize("text, phrase, label", [
    # The writer disowns a name or title.
    ("Libya’s internationally recognised Government of National Accord (GNA) has advanced for weeks "
     "against Khalifa Haftar’s self-styled Libyan National Army (LNA).", "self-styled", "distancing"),
    ("It was a strategic move to let the government take some zones around the city of Sirte, "
     "the so-called oil crescent.", "so-called", "distancing"),
    ("The self-proclaimed caliph of the Islamic State appeared in a new video.", "self-proclaimed", "distancing"),
    # Judgments of people and conduct in the writer's voice.
    ("Tripoli has been fending off an offensive led by the military strongman Khalifa Haftar.", "strongman",
     "judgmental"),
    ("The freshly lit conflict has set back Putin’s planned resolutions to manipulate Erdogan.", "manipulate",
     "judgmental"),
    ("Turkey is a potential threat to Russia and Putin observantly realizes that.", "observantly", "judgmental"),
    ("The Kremlin has rightfully and carefully abstained from attacking Turkish bases.", "rightfully",
     "judgmental"),
])
def test_distancing_and_judgmental_words(text, phrase, label):
    hits = overlapping(loaded_spans(text), text, phrase)
    assert hits and hits[0].voice == "author"
    assert hits[0].label == label or phrase in text[hits[0].start:hits[0].end]


@pytest.mark.parametrize("text, quoted", [
    # Single marks around one word heading a noun phrase: the writer's scare quote.
    ("No one really knows how long this armistice will endure, since the 2018 ‘treaty’ between Moscow "
     "and Ankara has broken down in shatters.", ["‘treaty’"]),
    ("A group of migrants who had split off from the main ‘caravan’ of thousands arrived at the border.",
     ["‘caravan’"]),
    # A word quoted as a word, and a speaker's word in double marks, are not scare quotes.
    ("So just to repeat it, I said the word ‘would’ instead of ‘wouldn’t’.", []),
    ("French President Emmanuel Macron criticized Turkey’s “aggressive” intervention in Libya.", []),
    ("Sezer said the situation of Syrian mercenaries is a “red line” for the Kremlin.", []),
])
def test_scare_quotes_in_the_writers_voice(text, quoted):
    spans = [s for s in loaded_spans(text) if s.label == "scare_quote"]
    assert [text[s.start:s.end] for s in spans] == quoted
    assert all(s.voice == "author" for s in spans)


def test_quoted_loaded_words_belong_to_the_speaker():
    text = ("“Putin is Russia’s czar and Erdogan would like to be Turkey’s sultan, but he is not,” "
            "Dimitry Trenin said.")
    spans = loaded_spans(text)
    for word in ("czar", "sultan"):
        hits = overlapping(spans, text, word)
        assert hits and all(s.voice == "quoted" for s in hits)


@pytest.mark.parametrize("text, phrase, voice", [
    # An intensifier heading a judgment is loaded, in the writer's voice or in the speaker's.
    ("The new tax is extremely unfair to the poor, and the vote was absolutely shameful.", "absolutely shameful",
     "author"),
    ("The new tax is extremely unfair to the poor, and the vote was absolutely shameful.", "extremely unfair",
     "author"),
    ("“This is an absolutely disgraceful decision,” the senator said.", "absolutely disgraceful", "quoted"),
    ("“The new tax is extremely unfair to the poor,” the senator said.", "extremely unfair", "quoted"),
])
def test_intensified_judgments_belong_to_their_voice(text, phrase, voice):
    hits = overlapping(loaded_spans(text), text, phrase)
    assert hits and all(s.voice == voice for s in hits)
    assert all(w in text[hits[0].start:hits[0].end] for w in phrase.split())


@pytest.mark.parametrize("text", [
    # An intensifier before a descriptive word reports a size or a novelty, not a judgment.
    "The company reported a very large increase in profits.",
    "The council approved a completely new budget on Tuesday.",
])
def test_intensified_descriptions_are_not_loaded(text):
    assert loaded_spans(text) == []


def test_spans_slice_the_text_exactly(sample):
    text, spans = sample
    assert spans
    for s in spans:
        ev = text[s.start:s.end]
        assert ev and ev == ev.strip()
        assert s.kind == "loaded" and s.voice in ("author", "quoted") and s.label


def test_intensifier_and_superlative_rates():
    text = "It was the deadliest and most brutal attack in years, an extremely grim day for the city."
    f = extract_loaded(parse(text)).features
    n = 17  # words in the sentence
    assert f["intensifiers_per_100_words"] == pytest.approx(100 / n)        # extremely
    assert f["superlatives_per_100_words"] == pytest.approx(200 / n)        # deadliest, most brutal


def test_forest_and_interest_are_not_superlatives():
    f = extract_loaded(parse("The forest fire drew interest from the west coast.")).features
    assert f["superlatives_per_100_words"] == 0.0


def test_scare_quotes_rate_counts_scare_quotes():
    text = "The government called the raids a “security operation” and moved on."
    f = extract_loaded(parse(text)).features
    assert f["scare_quotes_per_100_words"] > 0


@pytest.mark.parametrize("text", ["", "Word", "     \n\n  "])
def test_degenerate_inputs(text):
    ex = extract_loaded(parse(text))
    assert set(ex.features) == set(LOADED_FEATURES)
    assert all(math.isfinite(v) for v in ex.features.values())


def test_huge_text_is_fine():
    text = SAMPLE_004.read_text(encoding="utf-8")
    big = (text + "\n\n") * (5_000_000 // len(text))
    ex = extract_loaded(parse(big))
    assert all(math.isfinite(v) for v in ex.features.values())
    assert len(ex.spans) > 100


def test_transformer_contract():
    tr = LoadedFeatures().fit(["x"])
    X = tr.transform(["", SAMPLE_004.read_text(encoding="utf-8")])
    assert X.shape == (2, len(LOADED_FEATURES))
    assert list(tr.get_feature_names_out()) == list(LOADED_FEATURES)
    assert X[1, LOADED_FEATURES.index("loaded_per_100_words_author")] > 0
    with pytest.raises(TypeError):
        tr.transform("a bare string")


def test_span_metric_partial_credit():
    # One prediction covering half of a gold span and nothing else.
    m = span_prf([[(0, 5)]], [[(0, 10)]])
    assert m["precision"] == pytest.approx(1.0) and m["recall"] == pytest.approx(0.5)
    # A huge span earns little precision.
    m = span_prf([[(0, 100)]], [[(10, 20)]])
    assert m["precision"] == pytest.approx(0.1) and m["recall"] == pytest.approx(1.0)
    assert span_prf([[]], [[]])["f1"] == 0.0


def test_shipped_model_finds_ptc_loaded_language():
    if not (SHARED / "data" / "gold" / "ptc_train").is_dir():
        pytest.skip("../shared/data/gold/ptc_train not available")
    arts = load_ptc(SHARED, limit=25)
    pred = [[(s.start, s.end) for s in loaded_spans(text)] for _, text, _ in arts]
    m = span_prf(pred, [g for _, _, g in arts])
    # In-sample (the shipped model saw these articles): a sanity floor, not the CV number.
    assert m["f1"] >= 0.3
