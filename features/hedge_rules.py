"""Context rules of the hedge finder: each rejects the false friends of one kind of cue.

A rule gets the token context, the cue's first and last token and returns the token the
hedge span ends at (usually the cue's own last one; after an approximator, the number it
qualifies) or None when the words around the cue show it is no hedge: "May 2020" and
Theresa May, "military might", "appeared in court", "could not attend", "the accused".
The lexicon (``hedges_v1.txt``) names each cue's rule.
"""
from __future__ import annotations

import re
from typing import Callable

from .hedge_modal_uses import concedes_every_case, made_appearance, permission, reader_address


class Ctx:
    """Token access for the context rules: lower-cased words and the gaps between them."""

    __slots__ = ("text", "toks", "low")

    def __init__(self, text: str, toks: list[tuple[int, int]]) -> None:
        self.text = text
        self.toks = toks
        low = text.lower().replace("’", "'")
        # lower() can change the length of a few characters (e.g. 'İ'); then go per token
        self.low = low if len(low) == len(text) else None

    def word(self, k: int) -> str:
        """Lower-cased token ``k`` ('' outside the text); curly apostrophes normalised."""
        if k < 0 or k >= len(self.toks):
            return ""
        s, e = self.toks[k]
        if self.low is not None:
            return self.low[s:e]
        return self.text[s:e].lower().replace("’", "'")

    def raw(self, k: int) -> str:
        s, e = self.toks[k]
        return self.text[s:e]

    def joined(self, k: int) -> bool:
        """True when only whitespace separates token ``k`` from token ``k + 1``."""
        if k + 1 >= len(self.toks):
            return False
        return self.text[self.toks[k][1] : self.toks[k + 1][0]].isspace()

    def prev(self, k: int) -> str:
        """Previous word when no sentence punctuation intervenes, else ''."""
        if k <= 0 or not _soft_gap(self.text[self.toks[k - 1][1] : self.toks[k][0]]):
            return ""
        return self.word(k - 1)

    def before(self, k: int, n: int) -> list[str]:
        """Up to ``n`` words before token ``k`` in the same clause, nearest first."""
        out = []
        while len(out) < n:
            w = self.prev(k)
            if not w:
                break
            out.append(w)
            k -= 1
        return out

    def next(self, k: int) -> str:
        """Next word when no sentence punctuation intervenes, else ''."""
        if k + 1 >= len(self.toks) or not _soft_gap(self.text[self.toks[k][1] : self.toks[k + 1][0]]):
            return ""
        return self.word(k + 1)


_HARD_PUNCT = re.compile(r"[.!?;:()\[\]]")


def _soft_gap(gap: str) -> bool:
    return len(gap) < 6 and not _HARD_PUNCT.search(gap)


_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’')\]]|$)")
# A colon ends the clause a modal belongs to ("One may ask: why?" asks nothing with "may");
# a "?" after a space or another "?" is a character lost to encoding ("the Russian word ?????").
_CLAUSE_END = re.compile(r"(?:[.!]|(?<![\s?])\?)(?=[\s\"”’')\]]|$)|:")


def _in_question(ctx: Ctx, j: int) -> bool:
    """Does the clause of token ``j`` end in a question mark? A modal in a question ("Could we
    share opposing outlooks ...?", "what might be going on here?") asks; it asserts no doubt."""
    start = ctx.toks[j][1]
    m = _CLAUSE_END.search(ctx.text, start, start + 400)
    return bool(m) and m.group() == "?"


# ---- context rules: (ctx, first token, last token) -> still a hedge? ----------
# Each rule returns an end-token index (to widen the span) or None to reject;
# most return the cue's own last token.
Rule = Callable[[Ctx, int, int], "int | None"]

_NUM_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion billions dozen dozens half""".split()
)
_SCALE = frozenset("hundred thousand million billion trillion percent per-cent".split())
_NUM_GAP = re.compile(r"\s*(?:US|A|C|HK)?[$€£¥]?\s*")
_MONTH_PREV = frozenset("in on since until till by from through early mid late last next this of during before after".split())
_MIGHT_NOUN_PREV = frozenset(
    """the its his her their our my your whose this that sheer full great military economic naval
    air nuclear financial industrial political technological growing russian chinese american
    soviet western imperial of through by with""".split()
)
_OBJ_PRONOUNS = frozenset("me him her us them you".split())
_BE = frozenset("is are was were be been being am it's that's 's".split())
_SUBJECTS = frozenset(
    """i we you they he she who people some many others most experts analysts scientists
    scholars critics officials researchers observers historians""".split()
)
_BELIEF_ADV = frozenset(
    """widely generally once also long commonly originally traditionally initially previously
    often first still now""".split()
)


def _is_number(ctx: Ctx, k: int) -> bool:
    w = ctx.word(k)
    return bool(w) and (w[0].isdigit() or w in _NUM_WORDS or (w in ("a", "an") and ctx.word(k + 1) in _NUM_WORDS))


def _is_year(ctx: Ctx, k: int) -> bool:
    """'around 1721' dates an event; 'about 2000 people' counts (a plural follows)."""
    w = ctx.word(k)
    if not (len(w) == 4 and w.isdigit() and 1500 <= int(w) <= 2100):
        return False
    nxt = ctx.next(k)
    return not (nxt.endswith("s") or nxt in _SCALE)


def _rule_number(ctx: Ctx, i: int, j: int) -> int | None:
    """Approximators only before a number; the span takes in the number."""
    k = j + 1
    if k >= len(ctx.toks) or not _NUM_GAP.fullmatch(ctx.text[ctx.toks[j][1] : ctx.toks[k][0]]):
        return None
    if not _is_number(ctx, k) or _is_year(ctx, k):
        return None
    if ctx.word(k) in ("a", "an"):
        k += 1
    # "1,000" and "1,000,000" are several tokens: keep the whole figure
    while k + 1 < len(ctx.toks) and ctx.text[ctx.toks[k][1] : ctx.toks[k + 1][0]] == "," and ctx.word(k + 1).isdigit():
        k += 1
    if ctx.word(k + 1) in _SCALE and ctx.joined(k):
        k += 1
    return k


def number_end(ctx: Ctx, k: int) -> int:
    """End offset of the figure ending at token ``k``, with a trailing '%' if any."""
    end = ctx.toks[k][1]
    return end + 1 if ctx.text[end : end + 1] == "%" else end


# "you may recall", "as much as we may hope": an aside to the reader or a concession,
# not doubt about a claim
_MAY_ASIDE = frozenset("recall remember".split())
_MAY_CONCEDE = frozenset("hope wish want like".split())


def _rule_may(ctx: Ctx, i: int, j: int) -> int | None:
    # Capitalised "May" is the month or a name (Theresa May, May Day), never the modal
    # in running news text; a lower-case month before a day or year is a typo'd date.
    if ctx.raw(i)[0].isupper():
        return None
    nxt = ctx.next(i)
    if nxt[:1].isdigit() or (ctx.prev(i) in _MONTH_PREV and nxt in ("", "and", "or")):
        return None
    if nxt in _MAY_ASIDE or (nxt in _MAY_CONCEDE and "much" in ctx.before(i, 4)):
        return None
    if reader_address(ctx, i) or permission(ctx, i) or concedes_every_case(ctx, i):
        return None
    return None if _in_question(ctx, j) else j


def _rule_might(ctx: Ctx, i: int, j: int) -> int | None:
    prev = ctx.prev(i)
    if prev in _MIGHT_NOUN_PREV or prev.endswith("'s") or ctx.next(i) in ("of", "and", "makes"):
        return None
    if reader_address(ctx, i) or concedes_every_case(ctx, i):
        return None
    return None if _in_question(ctx, j) else j


_ABILITY_NEXT = frozenset("not hardly barely scarcely never only no also still always see hear afford find".split())
# "so that they could", "a site where people could", "before he could": purpose and
# ability clauses, common in narrative, where 'could' is the past of 'can'
_ABILITY_PREV = frozenset("so where which who before until no nothing one whatever anyone".split())


# A person as the subject of 'could' with an action verb states what they were able or
# claimed to be able to do ("he could get rid of the debt", "I could even surprise you");
# with these verbs the same subject is a possibility ("he could face charges").
_PERSON_SUBJECTS = frozenset("i he she we they you".split())
_PERSON_POSSIBLE = frozenset("be have face lose soon well".split())


def _rule_could(ctx: Ctx, i: int, j: int) -> int | None:
    nxt = ctx.next(j)
    before = ctx.before(i, 10)
    if nxt in _ABILITY_NEXT or any(w in _ABILITY_PREV for w in before[:3]):
        return None
    if ctx.prev(i) in _PERSON_SUBJECTS and nxt not in _PERSON_POSSIBLE:
        return None
    # "so that hospitals wouldn't be overwhelmed and governments could take measures": purpose
    if any(w == "that" and before[k + 1 : k + 2] == ["so"] for k, w in enumerate(before)):
        return None
    return None if _in_question(ctx, j) else j


_UNVERIFIED = frozenset(
    """ruled excluded confirmed verified determined established substantiated corroborated
    proven proved confirm verify determine establish substantiate corroborate""".split()
)


def _rule_could_not(ctx: Ctx, i: int, j: int) -> int | None:
    """'could not' is past inability ("He could not attend") except when a claim
    could not be checked: "could not be ruled out", "could not independently verify"."""
    k = j + 1
    for _ in range(3):
        w = ctx.word(k)
        if w in _UNVERIFIED:
            if w == "ruled" and ctx.word(k + 1) == "out":
                k += 1
            return k if all(ctx.joined(x) for x in range(j, k)) else None
        if w not in ("be", "been", "have", "immediately", "independently", "yet", "out"):
            return None
        k += 1
    return None


_APPEAR_NEXT = frozenset("to that likely unlikely certain set poised increasingly".split())


def _rule_appear(ctx: Ctx, i: int, j: int) -> int | None:
    """'appears to/that' is epistemic; 'appeared in court / on TV' is showing up."""
    if made_appearance(ctx, i):
        return None
    nxt = ctx.next(j)
    if nxt == "to" and ctx.word(j + 2) in ("the", "a", "an", "his", "her", "their", "court"):
        return None
    if nxt in _APPEAR_NEXT or ctx.prev(i) in ("it", "would", "there"):
        return j
    return None


def _rule_seem(ctx: Ctx, i: int, j: int) -> int | None:
    return None if made_appearance(ctx, i) else j


def _rule_suggest(ctx: Ctx, i: int, j: int) -> int | None:
    # "suggested him for the post", "suggested to them", "suggest deactivating" recommend
    nxt = ctx.next(j)
    if nxt in _OBJ_PRONOUNS or nxt == "to" or (len(nxt) > 5 and nxt.endswith("ing")):
        return None
    return j


# "Trump has suggested he would ..." reports what a person said; evidence ("the data suggest"),
# scholars as a class ("historians suggest") or no owner ("it has been suggested") leave the claim in doubt
_EVIDENCE = frozenset("evidence data research study studies results findings poll polls analysis analyses records "
                      "documents figures numbers survey surveys tests it this that which experts scientists researchers "
                      "historians scholars economists analysts".split())


def _rule_suggested(ctx: Ctx, i: int, j: int) -> int | None:
    prev = ctx.prev(i)
    if prev not in _EVIDENCE and prev not in _BE and prev not in ("would", "might", "may", "could", "seems", "seem"):
        return None
    return _rule_suggest(ctx, i, j)




def _belief_hedges(ctx: Ctx, i: int) -> bool:
    """A belief verb hedges when the belief has no owner ("is believed", "widely believed");
    "he believes" reports a view, and in news "I think" / "we believe" mostly states one."""
    return ctx.prev(i) in _BE or ctx.prev(i) in _BELIEF_ADV


def _rule_believe(ctx: Ctx, i: int, j: int) -> int | None:
    return j if ctx.next(j) != "in" and _belief_hedges(ctx, i) else None


_THINK_NOT = frozenset("tank tanks of about twice again big".split())


# "I don't think anyone has walked out thinking we've done enough" denies; it is not doubt
_NEGATION = frozenset("don't didn't doesn't not never".split())


def _rule_think(ctx: Ctx, i: int, j: int) -> int | None:
    if ctx.next(j) in _THINK_NOT or any(w in _NEGATION for w in ctx.before(i, 2)):
        return None
    return j if _belief_hedges(ctx, i) else None


# "He thought it was his dad" narrates what someone believed; only an explicit "that"
# or an ownerless belief ("is thought to") hedges the proposition
_THIRD_PERSON = frozenset("he she they who".split())


def _rule_thought(ctx: Ctx, i: int, j: int) -> int | None:
    """Verb 'thought' ("is thought to", "experts thought that"), not the noun."""
    prev, nxt = ctx.prev(i), ctx.next(j)
    if "than" in ctx.before(i, 3):
        return None  # "more than I initially thought" compares
    if prev in _BE or prev in _BELIEF_ADV:
        return j
    # "I thought it was pretty cool", "then I thought maybe we could": the speaker narrates
    # a view of their own; "everything that people thought of" names a thing thought about
    if prev in ("i", "we") or nxt == "of":
        return None
    if nxt in ("to", "that"):
        return j
    return j if prev in _SUBJECTS and prev not in _THIRD_PERSON else None


_REFLEXIVE = frozenset("themselves himself herself itself ourselves myself yourself".split())


def _rule_consider(ctx: Ctx, i: int, j: int) -> int | None:
    if ctx.next(j) in _REFLEXIVE or ctx.prev(i) in _SUBJECTS:
        return j
    return None


def _rule_considered(ctx: Ctx, i: int, j: int) -> int | None:
    # "considered calling", "was considered for the role": deliberation, not belief
    nxt = ctx.next(j)
    return None if nxt == "for" or (len(nxt) > 4 and nxt.endswith("ing")) else j


_QUESTIONED_PREV = frozenset("been have has had widely critics some many others".split())


def _rule_questioned(ctx: Ctx, i: int, j: int) -> int | None:
    """'questioned whether', 'has been questioned' doubt a claim; 'police questioned
    the suspect' is an interrogation."""
    return j if ctx.next(j) in ("whether", "if") or ctx.prev(i) in _QUESTIONED_PREV else None


# "expected to meet on Friday" reports a schedule, not doubt about it
_SCHEDULED = frozenset(
    """meet arrive attend announce release visit travel sign hold begin start vote return testify
    speak appear address unveil present deliver publish issue take convene resume open close
    join host leave launch introduce submit file have focus discuss include cover last gather talk
    negotiate review examine brief""".split()
)


# "is widely expected", "the widely expected choice": a forecast nobody in particular owns
_EXPECTED_ADV = frozenset("widely generally long broadly".split())
# adverbs that may stand between the auxiliary and "expected" (and any word in -ly)
_EXPECTED_GAP = frozenset("not also still now already long therefore thus however much".split())
# "he's expected to", "there's expected to be": the contracted "is"
_S_IS = frozenset("he's she's it's that's there's who's what's here's".split())
# an active subject or perfect auxiliary owns the expectation ("he expected to be reconnected")
_EXPECTED_OWNER = frozenset("i we you he she they who have has had 'd 've".split())


def _rule_expected(ctx: Ctx, i: int, j: int) -> int | None:
    """A forecast hedges: the passive ("is expected to win", "can be expected") or a reduced
    passive before "to" ("a buyback expected to cost $138 million"). The active verb reports
    whose expectation it was ("they expected Congress to pass it", "no one had expected"),
    and "the expected margins" names a figure; neither doubts the claim."""
    prev = ctx.prev(i)
    # "than expected" / "as expected" report an outcome, they do not hedge it
    if prev in ("than", "as"):
        return None
    if ctx.next(j) == "to" and ctx.next(j + 1) in _SCHEDULED:
        return None
    if prev in _EXPECTED_ADV:
        return j
    for w in ctx.before(i, 3):
        if w in _BE or w in _S_IS:
            return j
        if w not in _EXPECTED_GAP and not w.endswith("ly"):
            break
    if ctx.next(j) == "to" and prev and prev not in _EXPECTED_OWNER:
        return j
    return None


_ASSUME_NOT = frozenset(
    "office command control power responsibility responsibilities duties leadership the his her their its a an full".split()
)


def _rule_assume(ctx: Ctx, i: int, j: int) -> int | None:
    """'assumed that' is a belief; 'assumed office / the role' is taking up a post."""
    return None if ctx.next(j) in _ASSUME_NOT else j


_POSSIBLE_NOT_NEXT = frozenset("to for by through with in thanks".split())
_POSSIBLE_PREV = _BE | frozenset("seems appears also quite very entirely well remains becomes become".split())


# "a possible strike", "cases of possible exposure": the thing itself may not be real
_POSSIBLE_ATTRIBUTIVE = frozenset("a an the of about any".split())


def _rule_possible(ctx: Ctx, i: int, j: int) -> int | None:
    """'it is possible that', 'a possible strike' hedge; 'as soon as possible', 'made possible
    by', 'the best possible outcome' do not."""
    nxt, prev = ctx.next(j), ctx.prev(i)
    if nxt == "that" or (prev in _POSSIBLE_PREV and nxt not in _POSSIBLE_NOT_NEXT):
        return None if _in_question(ctx, j) else j
    if prev in _POSSIBLE_ATTRIBUTIVE and nxt.isalpha() and nxt not in _POSSIBLE_NOT_NEXT:
        return j
    return None


def _rule_if(ctx: Ctx, i: int, j: int) -> int | None:
    # "as if" compares, "if and only if" defines, "only if" states a requirement,
    # "if any" / "if anything" qualify an amount
    if ctx.prev(i) in ("as", "only") or ctx.next(j) in ("and", "any", "anything"):
        return None
    return j


def _rule_probable(ctx: Ctx, i: int, j: int) -> int | None:
    return None if ctx.next(j) == "cause" else j  # the legal standard, not a guess


_SOURCE_PREV = frozenset(
    """unnamed anonymous informed several some diplomatic government security military
    intelligence official other""".split()
)
_SAY = frozenset("say says said told tell claim claimed claims believe believed".split())


def _rule_sources(ctx: Ctx, i: int, j: int) -> int | None:
    """Unnamed sources reporting: "sources say", "sources close to the talks said"."""
    prev = ctx.prev(i)
    if prev and prev not in _SOURCE_PREV:
        return None  # "energy sources", "the sources of the river"
    for k in range(j + 1, min(j + 8, len(ctx.toks))):
        if ctx.word(k) in _SAY:
            return k
        if not _soft_gap(ctx.text[ctx.toks[k - 1][1] : ctx.toks[k][0]]):
            return None  # the clause ended first
    return None


_DENIED = frozenset("dismissed dismissing dismisses denied denying denies rejected rejecting rejects quashed downplayed".split())


def _rule_speculation(ctx: Ctx, i: int, j: int) -> int | None:
    # "dismissed speculation of a link" denies the doubt rather than voicing it
    return None if any(w in _DENIED for w in ctx.before(i, 3)) else j


def _rule_likely(ctx: Ctx, i: int, j: int) -> int | None:
    # "more likely to go to the emergency room", "equally likely to retweet" compare groups; they doubt nothing
    # ("most likely intends" does hedge)
    prev, nxt = ctx.prev(i), ctx.next(j)
    if prev in ("more", "less", "most", "least", "as", "equally") and nxt in ("to", "than", "among", "for"):
        return None
    # the degree of a likelihood, measured or asked about, not a guess: "more likely (22%) or
    # less likely (20%)", "made more likely by", "the most likely of all groups", "how likely it was"
    # ("most likely by Normans" is "probably": only "of" after "most" measures)
    if prev == "how" or (prev in ("more", "less") and nxt in ("", "by", "as", "of")) or (
            prev in ("most", "least") and nxt == "of"):
        return None
    return j


# "Whether" hedges only after a word of doubt or not-knowing ("doubted whether", "not known
# whether"); elsewhere it opens a question someone reports ("announce whether", "asked whether")
# or a choice ("whether directly or not").
_WHETHER_PREV = frozenset("doubt doubts doubted doubtful wonder wonders wondered wondering known clear certain "
                          "sure question questioned questions".split())


def _rule_whether(ctx: Ctx, i: int, j: int) -> int | None:
    return j if ctx.prev(i) in _WHETHER_PREV else None


def _rule_maybe(ctx: Ctx, i: int, j: int) -> int | None:
    """'maybe' in a question ("Or maybe we could just bomb them?") or a concession
    ("Maybe in baseball ... , but in foreign policy ...") asserts nothing uncertain."""
    start = ctx.toks[j][1]
    m = _SENTENCE_END.search(ctx.text, start, start + 400)
    end = m.start() if m else min(len(ctx.text), start + 400)
    if m and m.group() == "?":
        return None
    if ctx.prev(i) == "" and ", but " in ctx.text[start:end]:
        return None
    return j


_CERTAIN_DOUBT = frozenset("reasonable no without beyond little".split())


def _rule_doubt(ctx: Ctx, i: int, j: int) -> int | None:
    # "beyond a reasonable doubt that", "no doubt that" assert certainty
    return None if ctx.prev(i) in _CERTAIN_DOUBT else j


_ALLEGED_CLAUSE = frozenset("that he she they it i we you his her their".split())


def _rule_alleged(ctx: Ctx, i: int, j: int) -> int | None:
    """'the alleged operator' doubts a charge; 'Smollett alleged they shouted' reports a
    statement (an attribution cue, not a hedge), unless ownerless ("it was alleged that")."""
    if ctx.next(j) in _ALLEGED_CLAUSE and ctx.prev(i) not in _BE:
        return None
    return j


def _rule_looks_like(ctx: Ctx, i: int, j: int) -> int | None:
    """'it looks like he may win' infers; 'it looks like a war zone' describes a resemblance."""
    return None if ctx.next(j) in ("a", "an") else j


RULES: dict[str, Rule] = {
    "number": _rule_number,
    "may": _rule_may,
    "might": _rule_might,
    "could": _rule_could,
    "could_not": _rule_could_not,
    "probable": _rule_probable,
    "appear": _rule_appear,
    "seem": _rule_seem,
    "suggest": _rule_suggest,
    "believe": _rule_believe,
    "suggested": _rule_suggested,
    "think": _rule_think,
    "thought": _rule_thought,
    "consider": _rule_consider,
    "considered": _rule_considered,
    "questioned": _rule_questioned,
    "expected": _rule_expected,
    "likely": _rule_likely,
    "speculation": _rule_speculation,
    "assume": _rule_assume,
    "possible": _rule_possible,
    "if": _rule_if,
    "sources": _rule_sources,
    "doubt": _rule_doubt,
    "whether": _rule_whether,
    "maybe": _rule_maybe,
    "alleged": _rule_alleged,
    "looks_like": _rule_looks_like,
}
