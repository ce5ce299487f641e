"""Context rules of the hedge finder, one rule at a time and through find_hedges, on real sentences."""
from __future__ import annotations

import pytest

from features.hedge_rules import RULES, Ctx, number_end
from features.hedging import find_hedges
from features.lexicons import lexicon_lines
from features.text import parse


def _ctx(text: str) -> tuple[Ctx, list[str]]:
    doc = parse(text)
    ctx = Ctx(doc.text, doc.tokens)
    return ctx, [ctx.word(k) for k in range(len(doc.tokens))]


def _rule(name: str, text: str, cue: str) -> str | None:
    """What rule ``name`` makes of the one-word cue ``cue`` in ``text``: the span's text, or None."""
    ctx, words = _ctx(text)
    i = words.index(cue)
    end = RULES[name](ctx, i, i)
    if end is None:
        return None
    return text[ctx.toks[i][0] : number_end(ctx, end) if name == "number" else ctx.toks[end][1]]


def test_context_words_stop_at_sentence_punctuation():
    ctx, words = _ctx("Officials said. The minister may resign, aides said.")
    k = words.index("may")
    assert ctx.prev(k) == "minister" and ctx.next(k) == "resign"
    assert ctx.before(k, 5) == ["minister", "the"]  # not back past "said."
    assert ctx.word(-1) == "" and ctx.word(len(words)) == ""


@pytest.mark.parametrize("text, cue, span", [
    ("The minister may resign, officials said.", "may", "may"),
    ("The talks were held in May 2020.", "may", None),             # the month (capitalised)
    ("As you may recall, the vote failed.", "may", None),          # an aside to the reader
])
def test_may(text, cue, span):
    assert _rule("may", text, cue) == span


@pytest.mark.parametrize("text, span", [
    ("About 300 people attended the rally.", "About 300"),
    ("Prices rose by about 4.5% last year.", "about 4.5%"),
    ("About 1,000,000 votes were counted.", "About 1,000,000"),
    ("The war started around 1721 in the north.", None),          # a year dates, it does not count
    ("He talked about the budget.", None),
])
def test_approximator_takes_in_its_number(text, span):
    cue = "about" if "about" in text.lower() else "around"
    assert _rule("number", text, cue) == span


@pytest.mark.parametrize("text, span", [
    ("He could not attend the meeting.", None),                      # past inability
    ("The report could not be independently verified.", "could not be independently verified"),
])
def test_could_not(text, span):
    ctx, words = _ctx(text)
    i = words.index("could")
    end = RULES["could_not"](ctx, i, i + 1)
    assert (None if end is None else text[ctx.toks[i][0] : ctx.toks[end][1]]) == span


def test_every_rule_named_by_the_lexicon_exists():
    named = {ln.split("|")[2].strip() for ln in lexicon_lines("hedges_v1.txt")} - {"-"}
    assert named <= set(RULES)


@pytest.mark.parametrize("text, cues", [
    # a schedule is reported, not doubted (samples 002 and 003)
    ("The ministers were expected to have consultations on Idlib and Syria.", []),
    ("Russia and Turkey postponed talks that were expected to focus on Libya and Syria.", []),
    ("The incumbent is expected to win the vote comfortably.", ["expected"]),  # a forecast
    # denying speculation voices no doubt (sample 003)
    ("He dismissed speculation of a link with the situation in Syria.", []),
    ("The move prompted speculation that he would resign.", ["speculation"]),
    # comparisons of groups are not hedges; "most likely" before a verb is
    ("Young adults are more likely to go to the emergency room than older adults.", []),
    ("Russia most likely intends to coordinate with Turkey.", ["likely"]),
])
def test_news_false_friends(text, cues):
    assert [text[s.start:s.end] for s in find_hedges(parse(text)) if s.kind == "hedge"] == cues
