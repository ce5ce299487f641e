"""The sourcing lexicon and patterns: cues, noun classes, outlets, negation and manner phrases."""
from __future__ import annotations

import re

import pytest

from features.source_words import MANNER_RE, MEDIA_SUFFIX, NEGATED_RE, POLL_IN_RE, STANDALONE_MANNER_RE, lexicon
from tests.samples import SAMPLES


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


POLL_LINES = (
    "In a CBS News poll last month, 38 percent of voters said the economy came first.",
    "According to LinkedIn a survey of 2,000 members, published Monday, found more.",
    "The check-In a survey of guests, he said, was quick.",
    "He led In a study of 400 schools, the authors found more.",
    "(In a new Gallup survey released Monday, approval fell.)",
)


def test_poll_frame_opens_on_a_word_start_only():
    found = [[(m.group(1), m.group(3)) for m in POLL_IN_RE.finditer(t)] for t in POLL_LINES]
    assert found == [[("In", "poll")], [], [], [("In", "study")], [("In", "survey")]]


def test_poll_frame_finds_what_the_lookbehind_first_form_finds():
    # the same pattern with the start-of-word check in front (a scan that tries every position)
    plain = re.compile(r"(?<![\w-])(In)" + POLL_IN_RE.pattern.split(r"(In)(?<![\w-]In)", 1)[1])
    assert plain.pattern != POLL_IN_RE.pattern
    texts = [*POLL_LINES, *(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))]
    spans = [[m.span(0) + m.span(2) for m in POLL_IN_RE.finditer(t)] for t in texts]
    assert spans == [[m.span(0) + m.span(2) for m in plain.finditer(t)] for t in texts]
    assert sum(map(len, spans)) >= 3


def test_standalone_manner_phrase_always_ends_in_statement():
    # extract_sourcing skips this scan on texts without "statement"
    assert STANDALONE_MANNER_RE.pattern.endswith(r"(statement)\b")
    texts = ["In a brief statement, the ministry condemned the strike.", "During a joint statement they spoke."]
    assert [m.group(1) for t in texts for m in STANDALONE_MANNER_RE.finditer(t)] == ["statement", "statement"]
