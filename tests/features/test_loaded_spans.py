"""Decoding loaded-language spans from token probabilities, and the writer's scare quotes."""
from __future__ import annotations

import numpy as np
import pytest

from features.base import Span
from features.loaded_spans import (
    _add_scare_quotes, decode_runs, decode_spans, forced_from_flags, scare_quotes, voice_zones,
)
from features.loaded_words import token_strings
from features.text import parse


@pytest.mark.parametrize("text, quoted", [
    ("Moscow and Ankara signed the 2018 ‘treaty’ between them.", ["‘treaty’"]),
    ("He dismissed the ‘experts’ and their warnings.", ["‘experts’"]),
    ("The word ‘treaty’ appears twice in the text.", []),                 # a word mentioned as a word
    ("Critics called it ‘reckless’ on Monday.", []),                      # someone's term, not the writer's
    ("“We signed the ‘treaty’ in 2018,” the minister said.", []),         # inside a quotation
])
def test_scare_quotes_are_the_writers_single_marked_words(text, quoted):
    assert [text[s:e] for s, e in scare_quotes(parse(text))] == quoted


def test_a_scare_quote_replaces_the_model_span_inside_it():
    inside = Span(10, 16, "loaded", "charged", "author", 0.7)
    outside = Span(30, 35, "loaded", "charged", "author", 0.6)
    out = _add_scare_quotes([inside, outside], [(9, 17)])
    assert out == [Span(9, 17, "loaded", "scare_quote", "author", 0.7), outside]


def test_forced_tokens_from_their_row_flags():
    code = np.array([0.0, 1.0, 2.0, 2.0])   # none, always, after a possessive (twice)
    possessive = np.array([0.0, 1.0, 0.0, 0.0])
    assert forced_from_flags(code, possessive).tolist() == [False, True, True, False]


def test_a_span_does_not_cross_a_quotation_boundary():
    # "shamelessly claimed" is the writer's judgment, "brutal" the minister's word.
    text = "The minister shamelessly claimed brutal raids were needed."
    doc = parse(text)
    probs = np.array([0.0, 0.0, 0.9, 0.4, 0.9, 0.0, 0.0, 0.0])
    span = lambda r: text[doc.tokens[r[0]][0]:doc.tokens[r[1] - 1][1]]
    assert [span(r) for r in decode_spans(doc, probs, 0.5, 0.2)] == ["shamelessly claimed brutal"]
    runs = decode_spans(doc, probs, 0.5, 0.2, zones=voice_zones(doc))
    assert [span(r) for r in runs] == ["shamelessly claimed", "brutal"]
    assert [doc.voice_at(doc.tokens[a][0], doc.tokens[b - 1][1]) for a, b, _ in runs] == ["author", "quoted"]


def test_decoder_trims_function_words_at_span_edges():
    doc = parse("He called it the most shameful act of the year.")
    words = token_strings(doc)
    # "the most shameful act of" scores above the extension threshold, "shameful" seeds it.
    probs = np.array([0.0, 0.0, 0.0, 0.3, 0.3, 0.9, 0.3, 0.3, 0.0, 0.0])
    function = np.array([w.lower() in ("he", "it", "the", "of") for w in words])
    untrimmed = decode_spans(doc, probs, 0.5, 0.2)
    trimmed = decode_spans(doc, probs, 0.5, 0.2, function=function)
    span = lambda r: doc.text[doc.tokens[r[0]][0]:doc.tokens[r[1] - 1][1]]
    assert [span(r) for r in untrimmed] == ["the most shameful act of"]
    assert [span(r) for r in trimmed] == ["most shameful act"]


def _decoded(text: str, high: dict[str, float]) -> list[str]:
    """The pipeline's runs (``decode_runs``, trimmed) for probabilities set per word."""
    doc = parse(text)
    words = token_strings(doc)
    probs = np.array([high.get(w, 0.01) for w in words])
    function = np.array([w.lower() in ("a", "an", "and", "the", "of", "he", "is") for w in words])
    none = np.zeros(len(words), dtype=bool)
    runs = decode_runs(doc, probs, {"t_hi": 0.3, "t_lo": 0.06, "trim": True}, none, function, none)
    return [text[doc.tokens[a][0]:doc.tokens[b - 1][1]] for a, b, _ in runs]


@pytest.mark.parametrize("text, high, spans", [
    # a single mark opening or closing a quotation the finder missed parts the words around it
    ("Trump defends firing of intel watchdog, calling him a 'disgrace' MORE and Sen. Bernie Sanders",
     {"him": 0.1, "disgrace": 0.5, "MORE": 0.1}, ["disgrace"]),
    ("Fauci says his meetings with Trump have 'dramatically decreased' McEnany criticizes DC mayor",
     {"have": 0.1, "dramatically": 0.7}, ["dramatically"]),
    ("Nadler rips into Pelosi at rally: 'It must suck to be that dumb' Iranian attacks expose vulnerability",
     {"dumb": 0.6, "Iranian": 0.1, "attacks": 0.2}, ["dumb"]),
    # quiet twins: an elision and a plural possessive are no quotation
    ("GILLUM ELECTION STRATEGY: You whip 'em up. The poor, the middle income.",
     {"whip": 0.5, "em": 0.1, "up": 0.1}, ["whip 'em up"]),
    ("The voters’ anger at the party grew all summer.", {"voters": 0.1, "anger": 0.5}, ["voters’ anger"]),
])
def test_a_span_does_not_join_words_across_a_single_quotation_mark(text, high, spans):
    assert _decoded(text, high) == spans


@pytest.mark.parametrize("text, high, spans", [
    # a run of function words only is no loaded wording
    ("He called a fellow guest on Fox News a moron and an idiot on air.", {"an": 0.4}, []),
    # quiet twin: a content word beside the function word stays
    ("He called a fellow guest on Fox News a moron and an utter idiot on air.", {"an": 0.4, "utter": 0.5}, ["utter"]),
])
def test_a_run_of_function_words_only_is_dropped(text, high, spans):
    assert _decoded(text, high) == spans
