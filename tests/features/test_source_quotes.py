"""What a cue attributes (content spans) given the cue and its sources."""
from __future__ import annotations

import pytest

from features.source_np import np_forward
from features.source_quotes import content_for_cue
from features.source_words import lexicon

LEX = lexicon()


# (sentence, cue, its source, the content): a source after the cue's "by" is a participle's agent, and the phrase
# before the cue is what the participle qualifies, not what was said (issue 18); an inverted tag keeps its content
@pytest.mark.parametrize("sentence, cue, source, content", [
    ("The shooting incident at the store described by Thomas gained attention.", "described", "Thomas", None),
    ("The store was closed when the shooting happened, said Thomas.", "said", "Thomas",
     "The store was closed when the shooting happened"),
])
def test_content_beside_a_source_after_the_cue(sentence: str, cue: str, source: str, content: str | None) -> None:
    s = sentence.index(cue)
    src = np_forward(sentence, sentence.index(source), len(sentence), LEX)
    span = content_for_cue(sentence, (0, len(sentence)), (s, s + len(cue), "speech", cue), [src])
    assert (None if span is None else sentence[span[0]:span[1]]) == content
