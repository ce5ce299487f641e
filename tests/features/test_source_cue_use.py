"""Whether a cue word of the lexicon reports: acts that report no words."""
from __future__ import annotations

import pytest

from features.source_cue_use import act_without_words, writer_speaking_now


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


# (text, the writer's "I"/"we", the cue, whether the act is the writer's own now): the writer is no source of the
# text being read, but their earlier or published words are; each form with its twin (issue 18)
WRITER_ACTS = [
    ("However, I would argue that such a statement begins one on a slippery slope.", "I", "argue", True),
    ("As I have argued before, we know precious little about Hawaii's politics.", "I", "argued", False),
    ("I’m talking about our country splitting in half.", "I", "talking about", True),
    ("Obama should have expected no less, as I wrote at the time of his first inaugural.", "I", "wrote", False),
    ("Now even as I write this, I’m skeptical of my own proposals.", "I", "write", True),
    ("As I write in more detail in my book, Invisible Countries, borders are arbitrary.", "I", "write", False),
    ("But I’d argue that equal opportunity currently does not exist.", "I", "argue", True),
    ("Earlier, I’d asked my 96-year-old grandma what she thought of climate change.", "I", "asked", False),
    ("Bots cannot be ignored, and we will point out in this space any bot activity.", "we", "point out", True),
    ("As we have previously noted, one in 10 victims are male.", "we", "noted", False),
]


@pytest.mark.parametrize("text, writer, cue, now", WRITER_ACTS)
def test_writer_speaking_now(text: str, writer: str, cue: str, now: bool) -> None:
    w = text.index(f"{writer} ") if f"{writer} " in text else text.index(writer)
    start = text.index(cue, w)
    assert writer_speaking_now(text, w + len(writer), start, start + len(cue)) is now
