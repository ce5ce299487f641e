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
    ("Democrats and Republicans were equally likely to express this incivility.", []),
    ("Democrats and Republicans were likely to express this incivility.", ["likely"]),
    ("Russia most likely intends to coordinate with Turkey.", ["likely"]),
    # a modal in a question asks; the same modal in a statement hedges
    ("Could we share opposing outlooks without belittling each other?", []),
    ("Neighbours could share opposing outlooks without belittling each other.", ["could"]),
    ("Got any idea what might be going on here?", []),
    ("Something might be going on here.", ["might"]),
    ("Is it possible that Canada has escaped the polarization?", []),
    ("It is possible that Canada has escaped the polarization.", ["possible"]),
    # the question mark must end the modal's own clause: a colon ends it first
    ("You might wonder: how did they even notice us?", ["might"]),
    # a run of "?" is text lost to encoding, not a question
    ("The word may be pronounced as the Russian word ????? (from French) is.", ["may"]),
    # the active verb says whose expectation it was; the passive forecast is ownerless
    ("Republicans said they expected Congress to pass the overhaul this week.", []),
    ("Congress is expected to pass the overhaul this week.", ["expected"]),
    ("He's expected to win the vote comfortably.", ["expected"]),
    # a reduced passive before "to" is still a forecast
    ("He sold his rifle into a government buyback expected to cost up to $138 million.", ["expected"]),
    ("Companies were loyal to their workers and expected loyalty in return.", []),
    ("He surprised his detractors with comments no one had expected.", []),
    ("Whatever Trump might have expected, he will face results beyond his expectation.", ["might"]),
    ("The order was therefore expected to go into immediate effect Tuesday.", ["expected"]),
    ("Here are the expected margins of victory in each state.", []),
    ("The widely expected choice was Cardinal Montini.", ["expected"]),
    # the degree of a likelihood, measured or asked about
    ("Similar shares said it would make them more likely (22%) or less likely (20%) to vote for that person.", []),
    ("They were asked how likely it was they would engage in future political activities.", []),
    ("The survey identified Democratic women as the most likely of all groups to block someone.", []),
    ("Maxton's victory was made more likely by the Conservative Party's opposition.", []),
    # a guess about one event stays a hedge
    ("The church was built in late 1200AD, most likely by Normans.", ["likely"]),
    ("A recession is likely to happen sometime over the next year.", ["likely"]),
    ("The hill was more likely a tumulus.", ["likely"]),
    # an impersonal "it looks like" infers; a resemblance describes
    ("Increasingly, it looks like the latter conclusion may carry the day.", ["it looks like", "may"]),
    ("Earlier this year, it looked as though he was losing support downstate.", ["it looked as though"]),
    ("After the storm, it looks like a war zone.", []),
    ("The new logo looks like the old one.", []),
    # the speaker narrating a view of their own, and a thing thought about, are no hedge
    ("I thought it was pretty cool that mine was the first song they heard.", []),
    ("He had just hijacked everything that people thought of.", []),
    # an ownerless or general belief is
    ("The tanker is thought to be headed for a Syrian port.", ["thought"]),
    ("Some thought that the vote was rigged.", ["thought"]),
    ("Zero-sum can be thought of more generally as constant sum.", ["thought"]),
    # a determiner before "possible" and a noun after: the thing may not be real
    ("The discussion was drowned out by talk of possible military action in Syria.", ["possible"]),
    ("He answered a question about a possible strike against Iran.", ["possible"]),
    # feasibility and degree are no doubt
    ("Please reply as soon as possible.", []),
    ("The win was made possible by a late goal.", []),
    ("The team wanted the best possible outcome.", []),
])
def test_news_false_friends(text, cues):
    assert [text[s.start:s.end] for s in find_hedges(parse(text)) if s.kind == "hedge"] == cues


