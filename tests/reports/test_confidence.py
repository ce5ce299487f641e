"""Which loaded spans the report highlights by default (reports.confidence)."""
from __future__ import annotations

import math

from reports.confidence import LOADED_SHOWN_FROM, loaded_shown, low_confidence


def test_a_high_score_span_is_shown_and_a_low_one_of_neutral_words_is_not():
    assert loaded_shown(0.84, "grave injustice")
    assert loaded_shown(LOADED_SHOWN_FROM, "advantage")  # the line itself is shown
    # a neutral phrase the model scores just under the line (read wrong on news: "claims of bias")
    assert not loaded_shown(0.31, "claims of bias")
    assert not loaded_shown(LOADED_SHOWN_FROM - 0.01, "out of sight")


def test_a_charged_lexicon_word_is_shown_whatever_its_score():
    assert loaded_shown(0.3, "draconian cuts")
    assert loaded_shown(0.42, "the hypocrisy")
    # ... but the distancing words, which mostly name an established term ("so-called fiscal cliff"), are not
    assert not loaded_shown(0.3, "so-called")
    assert not loaded_shown(0.3, "self-proclaimed")


def test_a_word_the_lexicon_marks_after_a_possessive_needs_one():
    assert loaded_shown(0.3, "regime")  # forced alone: the possessive stood just before the span
    assert loaded_shown(0.4, "Putin\u2019s regime")
    assert not loaded_shown(0.4, "regime change talks")


def test_a_span_without_a_usable_score_is_shown_as_before():
    assert loaded_shown(None, "advantage")
    assert loaded_shown(math.nan, "advantage")
    assert loaded_shown("n/a", "advantage")


def test_low_confidence_lists_only_hidden_loaded_spans_in_text_order():
    text = "A merciless raid. Down the road, an advantage. She said it was so-called reform."
    spans = [
        {"start": text.index("so-called"), "end": text.index("so-called") + 9, "kind": "loaded",
         "label": "distancing", "voice": "quoted", "score": 0.3},
        {"start": text.index("advantage"), "end": text.index("advantage") + 9, "kind": "loaded",
         "label": "charged", "voice": "author", "score": 0.41},
        {"start": 2, "end": 11, "kind": "loaded", "label": "charged", "voice": "author", "score": 0.3},
        {"start": 18, "end": 31, "kind": "hedge", "label": "", "voice": "author"},
        {"start": 0, "end": 999, "kind": "loaded", "label": "charged", "voice": "author", "score": 0.9},
    ]
    low = low_confidence(text, spans)
    assert [(x["text"], x["score"], x["voice"]) for x in low] == [("advantage", 0.41, "author"),
                                                                  ("so-called", 0.3, "quoted")]
