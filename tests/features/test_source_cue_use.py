"""Whether a cue word of the lexicon reports: acts that report no words."""
from __future__ import annotations

import pytest

from features.source_cue_use import act_without_words


# (text, the cue word, whether it names an act that reports no words): "offered" before nothing said, "talking
# about" with no topic after it, bare "explain" after "helps" or a modal; each with its twin that reports (issue 18)
ACTS = [
    ("The protests offered people a vision of Sudan.", "offered", True),
    ("Rubio offered emotional answers to the questions.", "offered", False),
    ("Mr. Boehner even offered some salty language from the lectern.", "offered", False),
    ("I knew what I was talking about, and said so.", "talking", True),
    ("Moore talked about “reds and yellows fighting” at a rally.", "talked", False),
    ("Fear of weakness helps explain why he mocked McCain.", "explain", True),
    ("Clinton will explain how this applies only to the rich.", "explain", True),
    ("As proponents of the movement explain it, the idea is simple.", "explain", False),
]


@pytest.mark.parametrize("text, word, silent", ACTS)
def test_act_without_words(text: str, word: str, silent: bool) -> None:
    start = text.index(word)
    assert act_without_words(text, start, start + len(word), word) is silent
