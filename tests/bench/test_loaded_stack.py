"""The second-stage experiment's inputs: neighbours' logits, the sentence's strongest, the same word elsewhere."""
from __future__ import annotations

import numpy as np

from bench.loaded_stack import STACK_FEATURES, stack_features
from features.text import Doc, parse

COL = {n: i for i, n in enumerate(STACK_FEATURES)}


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def _tokens(text: str) -> tuple[Doc, list[str], np.ndarray]:
    """The parsed text, its token strings and a low first-stage probability for each."""
    doc = parse(text)
    words = [doc.text[s:e] for s, e in doc.tokens]
    return doc, words, np.full(len(words), 0.05)


def test_a_token_sees_its_neighbours_and_its_sentences_strongest_logit() -> None:
    doc, words, probs = _tokens("The vile regime lied again. Officials met on Monday.")
    probs[words.index("vile")] = 0.9
    X = stack_features(doc, words, probs)
    regime = words.index("regime")
    assert np.isclose(X[regime, COL["logit_prev1"]], _logit(0.9))
    assert np.isclose(X[regime, COL["sentence_max_logit"]], _logit(0.9))
    monday = words.index("Monday")
    assert np.isclose(X[monday, COL["sentence_max_logit"]], _logit(0.05))
    assert X[0, COL["logit_prev1"]] < _logit(0.01) and X[len(words) - 1, COL["logit_next2"]] < _logit(0.01)


def test_a_recurring_word_reads_its_strongest_other_occurrence() -> None:
    doc, words, probs = _tokens("The thugs came. The thugs left. Police arrived.")
    probs[:] = 0.1
    first, second = [i for i, w in enumerate(words) if w == "thugs"]
    probs[first] = 0.8
    X = stack_features(doc, words, probs)
    assert X[second, COL["word_recurs"]] == 1.0
    assert np.isclose(X[second, COL["same_word_max_logit"]], _logit(0.8))
    assert np.isclose(X[first, COL["same_word_max_logit"]], _logit(0.1))
    police = words.index("Police")
    assert X[police, COL["word_recurs"]] == 0.0
    assert np.isclose(X[police, COL["same_word_max_logit"]], _logit(0.1))
