"""The decoding-variant experiment: its plain decoding is the pipeline's, and each variant's setting acts."""
from __future__ import annotations

import numpy as np

from bench.loaded_decode import VARIANTS, intervals, runs
from bench.train_loaded import Article
from bench.train_loaded import intervals as shipped_intervals
from features.insertions import clean_doc
from features.loaded_spans import voice_zones
from features.loaded_words import FUNCTION_WORDS, forced_tokens, is_spelling_noise, token_strings

TEXT = "The senator called the plan a disgraceful move, and critics said the so-called reform was dead."


def _article(text: str = TEXT) -> Article:
    doc, _ = clean_doc(text)
    words = token_strings(doc)
    lw = [w.lower() for w in words]
    return Article("t", text, [], doc, words, np.zeros(len(words), dtype=np.int8), np.zeros((len(words), 1)), [],
                   forced_tokens(words), np.array([w in FUNCTION_WORDS for w in lw], dtype=bool),
                   np.array([is_spelling_noise(w) for w in words], dtype=bool), [])


def _probs(a: Article, high: dict[str, float]) -> np.ndarray:
    return np.array([high.get(w, 0.01) for w in a.words])


def _texts(a: Article, spans: list[tuple[int, int]]) -> list[str]:
    return [a.text[s:e] for s, e in spans]


def test_the_plain_decoding_gives_the_shipped_decoders_spans() -> None:
    a = _article()
    p = _probs(a, {"disgraceful": 0.6, "move": 0.2, "a": 0.1, "dead": 0.35})
    for dec in VARIANTS["base"](0.01)[::5]:
        shipped = {**dec, "scare_quotes": True, "force_charged": True, "max_gap_chars": 3}
        assert intervals(a, p, dec, voice_zones(a.doc)) == shipped_intervals(a, p, shipped)


def test_a_minimum_length_takes_the_more_probable_neighbour() -> None:
    a = _article()
    p = _probs(a, {"disgraceful": 0.6, "move": 0.04})
    dec = {"t_hi": 0.3, "t_lo": 0.06, "trim": True}
    z = voice_zones(a.doc)
    toks = a.doc.tokens
    one = [(toks[s][0], toks[e - 1][1]) for s, e in runs(a, p, dec, z)]
    two = [(toks[s][0], toks[e - 1][1]) for s, e in runs(a, p, {**dec, "minlen": 2}, z)]
    assert "disgraceful" in _texts(a, one)
    assert "disgraceful move" in _texts(a, two)


def test_a_charged_word_below_the_minimum_seeds_nothing() -> None:
    a = _article()
    assert a.forced.any()  # "so-called", a charged-lexicon word
    p = _probs(a, {})
    dec = {"t_hi": 0.3, "t_lo": 0.06, "trim": True}
    z = voice_zones(a.doc)
    assert runs(a, p, dec, z)
    assert not runs(a, p, {**dec, "force_min": 0.05}, z)


def test_span_count_calibration_seeds_the_articles_top_tokens() -> None:
    a = _article()
    p = _probs(a, {"disgraceful": 0.2, "dead": 0.12})
    grid = [d for d in VARIANTS["calib"](1 / len(a.words)) if d["calib_factor"] == 2.0 and d["calib_floor"] == 0.1]
    dec = {**grid[0], "force_min": 1.0}  # the charged word aside
    toks = a.doc.tokens
    got = _texts(a, [(toks[s][0], toks[e - 1][1]) for s, e in runs(a, p, dec, voice_zones(a.doc))])
    assert got == ["disgraceful", "dead"]
