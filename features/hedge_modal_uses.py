"""Uses of a modal or an appearance verb that hedge nothing, for the context rules of
``features.hedge_rules``: the writer addressing the reader ("As you may know", "you might
think"), "may" of a rule ("may lawfully engage"), a concession over every case ("regardless of
which candidate they may support") and a made appearance ("making the accounts seem real").
Each check gets the token context (``hedge_rules.Ctx``) and the cue's first token.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .hedge_rules import Ctx


# "As you may know", "You might think ...", "as Mr. Serling might say", "what many people might
# guess": the writer addresses the reader or frames a view; nothing in the claim is in doubt
# ("You may wonder how ..." and "You may have noticed" are marked hedges and stay)
_ADDRESS_VERBS = frozenset("know think say guess call".split())
_ADDRESS_SUBJECTS = frozenset("you one people".split())
_AS_NAME = re.compile(r"\b[Aa]s\s+(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?(?:[A-Z][\w’'.-]*\s+){1,3}$")
# "may lawfully engage in", "may legally buy": a right the law grants, not a possibility
_PERMITTED = frozenset("lawfully legally".split())
# "who may not buy a gun": a prohibition on a purchase or possession
_RESTRICTED_ACTS = frozenset("buy own possess purchase carry".split())
_STATES = frozenset("be have not need want feel face get also well still experience develop suffer soon".split())
# "regardless of which candidate they may support", "no matter how ... might", "as much as
# readers ... might wish otherwise": a concession over every case, which doubts none of them
_WHATEVER = (("regardless", "of"), ("no", "matter"), ("much", "as"))


def reader_address(ctx: Ctx, i: int) -> bool:
    """Is modal ``i`` the reader address or view frame of ``_ADDRESS_VERBS``?"""
    k = i + 1
    while ctx.word(k) in ("well", "also") and ctx.joined(k - 1):
        k += 1
    verb = ctx.word(k) if ctx.joined(k - 1) else ""
    if verb not in _ADDRESS_VERBS:
        return False
    start = ctx.toks[i][0]
    return ctx.prev(i) in _ADDRESS_SUBJECTS or (
        verb == "say" and bool(_AS_NAME.search(ctx.text, max(0, start - 60), start)))


def concedes_every_case(ctx: Ctx, i: int) -> bool:
    """Is modal ``i`` inside a "regardless of" / "no matter" / "as much as" clause? A comma after the opener
    ends it: "no matter how imperfect the agreement is, it may ease the fear" hedges."""
    before = ctx.before(i, 16)
    # before() runs nearest first, so a two-word opener reads back to front
    for k in range(len(before) - 1):
        if (before[k + 1], before[k]) in _WHATEVER:
            return "," not in ctx.text[ctx.toks[i - k - 1][0] : ctx.toks[i][0]]
    return False


def permission(ctx: Ctx, i: int) -> bool:
    """"may" of a rule: "may lawfully engage", "Anyone who is registered ... may cast a ballot",
    "who may not buy a gun"."""
    nxt = ctx.next(i)
    if nxt in _PERMITTED:
        return True
    if ctx.prev(i) == "who" and nxt == "not" and ctx.next(i + 1) in _RESTRICTED_ACTS:
        return True
    # an act, not a state: "Anyone who took the pills may be at risk" is a hedge
    if nxt in _STATES:
        return False
    before = ctx.before(i, 16)
    return "anyone" in before and "who" in before[: before.index("anyone")]


# "making sock puppet accounts seem real", "make the Supreme Court seem more human": an
# appearance someone produces, not the writer's doubt
_MAKE = frozenset("make makes made making".split())
# words that cannot sit inside the object of "make": "comments may have been made about the
# story appear to", "make a decision that appeared to some"
_NOT_OBJECT = frozenset("that which who whom about of in on for by with from at and or".split())
# "makes it appear highly unlikely he would approve": the writer still weighs a likelihood;
# "make it seem so" / "true" weighs the claim itself
_LIKELIHOOD = frozenset("likely unlikely possible probable improbable highly so true".split())


def made_appearance(ctx: Ctx, i: int) -> bool:
    """Is "seem"/"appear" at ``i`` the complement of a causative "make", its object between
    ("the decisions they made seem rushed" has none between and still hedges)?"""
    if ctx.next(i) in _LIKELIHOOD:
        return False
    before = ctx.before(i, 6)
    for k in range(1, len(before)):
        if before[k] in _MAKE:
            between = before[:k]
            return not any(w in _NOT_OBJECT for w in between) and "," not in ctx.text[ctx.toks[i - k][0] : ctx.toks[i][0]]
    return False
