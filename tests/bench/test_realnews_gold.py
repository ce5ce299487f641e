"""The annotation builder's check for word spans whose ``nth`` landed inside a longer word."""
from __future__ import annotations

import pytest

from bench.realnews_gold import _locate, cuts_a_word

TEXT = "It was big, exciting weather,” he said. The report found that unfounded claims spread."


@pytest.mark.parametrize("quote, nth, cuts", [
    ("he", 0, True),       # the "he" of "weather"
    ("he", 1, False),      # "he said"
    ("found", 0, False),   # "The report found"
    ("found", 1, True),    # inside "unfounded"
    ("weather", 0, False),
    ("It", 0, False),      # at the very start of the text
    ("spread", 0, False),  # up to the full stop
])
def test_a_span_is_flagged_only_when_its_occurrence_sits_inside_a_word(quote, nth, cuts):
    start = _locate(TEXT, quote, nth)
    assert TEXT[start:start + len(quote)] == quote
    assert cuts_a_word(TEXT, start, start + len(quote)) is cuts


def test_two_words_the_text_runs_together_are_flagged_too():
    text = "Schwartz’ssuggestion that"
    start = text.index("suggestion")
    assert cuts_a_word(text, start, start + len("suggestion"))
