"""The sourcing lexicon and patterns: cues, noun classes, outlets, negation and manner phrases."""
from __future__ import annotations

import pytest

from features.source_words import MANNER_RE, MEDIA_SUFFIX, NEGATED_RE, STANDALONE_MANNER_RE, lexicon


def test_cue_lexicon_indexes_multiword_cues_by_their_first_word_longest_first():
    lex = lexicon()
    according = lex.cues["according"]
    assert according[0][0] == ("according", "to")
    for entries in lex.cues.values():
        assert [len(w) for w, _, _ in entries] == sorted((len(w) for w, _, _ in entries), reverse=True)
    assert {"said", "told", "according"} <= lex.cue_words


def test_noun_classes_and_outlets():
    lex = lexicon()
    assert "officials" in lex.classes["anonymous"] or "official" in lex.classes["anonymous"]
    assert "report" in lex.classes["document"]
    assert {"report", "newspaper"} <= lex.common_heads
    assert "Reuters" in lex.media_names


@pytest.mark.parametrize("before, negated", [
    ("Turkey has not ", True), ("He did not ", True), ("The ministry declined to ", True),
    ("without ", True), ("The ministry ", False), ("Notably, she ", False),
])
def test_negated_cue(before, negated):
    assert bool(NEGATED_RE.search(before)) is negated


def test_manner_phrases_and_masthead_words():
    m = MANNER_RE.match(" in a written statement on Friday")
    assert m is not None and m.group(1) == "statement"
    assert STANDALONE_MANNER_RE.search("In a statement, the ministry condemned the strike.") is not None
    assert STANDALONE_MANNER_RE.search("Within a statement period") is None
    assert MEDIA_SUFFIX.search("Arab News") and not MEDIA_SUFFIX.search("Arab League")
