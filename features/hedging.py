"""Hedging: words that mark a claim as uncertain ("may", "reportedly", "about 300").

Cues come from the ``hedges_v1`` lexicon (a data file); each cue names a
context rule that rejects its false friends: "May 2020" and Theresa May,
"military might", "appeared in court", "could not attend", "the accused".
Every hedge is a span of kind ``hedge`` labelled ``epistemic``,
``conditional``, ``attribution`` or ``approximator``, with the voice of the
passage it sits in (inside a quotation or attributed paraphrase: ``quoted``).

Rates separate the author's own hedging from hedging the author reports, since
a careful writer quoting a cautious expert is not hedging their own claims.
The ``hedges_*`` and ``hedged_sentence_*`` features count epistemic and
attribution hedges. Approximators ("about 300") and conditionals ("if",
"unless") are spans too (the Szeged annotation counts conditionals as
uncertainty) but have rates of their own: vague numbers and hypotheticals are
routine in news and say little about how sure the writer is of a claim.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from .base import ArticleTransformer, Extraction, Span, per_100, safe_div
from .insertions import clean_doc
from .lexicons import lexicon_entries
from .text import Doc

HEDGING_FEATURES: tuple[str, ...] = (
    "hedges_per_100_words_author",
    "hedges_per_100_words_quoted",
    "hedged_sentence_share_author",
    "hedged_sentence_share_quoted",
    "attribution_hedges_per_100_words",
    "approximators_per_100_words",
    "conditionals_per_100_words",
)
LABELS = ("epistemic", "conditional", "attribution", "approximator")
#: Labels whose spans are hedges (kind ``hedge``). Approximators and conditionals are
#: evidence of kind ``qualifier``: a vague number or an "if" marks no doubt about a claim.
HEDGE_LABELS = ("epistemic", "attribution")
LEXICON = "hedges_v1"


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry: its words, label and the name of its context rule."""

    words: tuple[str, ...]
    label: str
    rule: str


def parse_lexicon(entries: Iterable[tuple[int, str]], source: str = LEXICON) -> dict[str, tuple[Cue, ...]]:
    """Lexicon entries ((line number, line), as ``lexicon_entries`` gives them) -> cues
    indexed by their first word, longest cue first."""
    by_first: dict[str, list[Cue]] = {}
    for n, raw in entries:
        line = raw.strip()
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not parts[0]:
            raise ValueError(f"{source} line {n}: expected 'PHRASE | LABEL | RULE', got {raw!r}")
        phrase, label, rule = parts
        if label not in LABELS:
            raise ValueError(f"{source} line {n}: label {label!r} is not one of {LABELS}")
        if rule != "-" and rule not in RULES:
            raise ValueError(f"{source} line {n}: unknown rule {rule!r}; known: {sorted(RULES)}")
        words = tuple(phrase.lower().split())
        by_first.setdefault(words[0], []).append(Cue(words, label, rule))
    if not by_first:
        raise ValueError(f"{source}: no cues found")
    return {w: tuple(sorted(c, key=lambda c: -len(c.words))) for w, c in by_first.items()}


@lru_cache(maxsize=None)
def load_lexicon(name: str = LEXICON) -> dict[str, tuple[Cue, ...]]:
    """The named lexicon from ``features.lexicons`` (cached)."""
    return parse_lexicon(lexicon_entries(f"{name}.txt"), name)


class _Ctx:
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


# ---- context rules: (ctx, first token, last token) -> still a hedge? ----------
# Each rule returns an end-token index (to widen the span) or None to reject;
# most return the cue's own last token.
Rule = Callable[[_Ctx, int, int], "int | None"]

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


def _is_number(ctx: _Ctx, k: int) -> bool:
    w = ctx.word(k)
    return bool(w) and (w[0].isdigit() or w in _NUM_WORDS or (w in ("a", "an") and ctx.word(k + 1) in _NUM_WORDS))


def _is_year(ctx: _Ctx, k: int) -> bool:
    """'around 1721' dates an event; 'about 2000 people' counts (a plural follows)."""
    w = ctx.word(k)
    if not (len(w) == 4 and w.isdigit() and 1500 <= int(w) <= 2100):
        return False
    nxt = ctx.next(k)
    return not (nxt.endswith("s") or nxt in _SCALE)


def _rule_number(ctx: _Ctx, i: int, j: int) -> int | None:
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


def _number_end(ctx: _Ctx, k: int) -> int:
    """End offset of the figure ending at token ``k``, with a trailing '%' if any."""
    end = ctx.toks[k][1]
    return end + 1 if ctx.text[end : end + 1] == "%" else end


# "you may recall", "as much as we may hope": an aside to the reader or a concession,
# not doubt about a claim
_MAY_ASIDE = frozenset("recall remember".split())
_MAY_CONCEDE = frozenset("hope wish want like".split())


def _rule_may(ctx: _Ctx, i: int, j: int) -> int | None:
    # Capitalised "May" is the month or a name (Theresa May, May Day), never the modal
    # in running news text; a lower-case month before a day or year is a typo'd date.
    if ctx.raw(i)[0].isupper():
        return None
    nxt = ctx.next(i)
    if nxt[:1].isdigit() or (ctx.prev(i) in _MONTH_PREV and nxt in ("", "and", "or")):
        return None
    if nxt in _MAY_ASIDE or (nxt in _MAY_CONCEDE and "much" in ctx.before(i, 4)):
        return None
    return j


def _rule_might(ctx: _Ctx, i: int, j: int) -> int | None:
    prev = ctx.prev(i)
    if prev in _MIGHT_NOUN_PREV or prev.endswith("'s") or ctx.next(i) in ("of", "and", "makes"):
        return None
    return j


_ABILITY_NEXT = frozenset("not hardly barely scarcely never only no also still always see hear afford find".split())
# "so that they could", "a site where people could", "before he could": purpose and
# ability clauses, common in narrative, where 'could' is the past of 'can'
_ABILITY_PREV = frozenset("so where which who before until no nothing one whatever anyone".split())


# A person as the subject of 'could' with an action verb states what they were able or
# claimed to be able to do ("he could get rid of the debt", "I could even surprise you");
# with these verbs the same subject is a possibility ("he could face charges").
_PERSON_SUBJECTS = frozenset("i he she we they you".split())
_PERSON_POSSIBLE = frozenset("be have face lose soon well".split())


def _rule_could(ctx: _Ctx, i: int, j: int) -> int | None:
    nxt = ctx.next(j)
    before = ctx.before(i, 10)
    if nxt in _ABILITY_NEXT or any(w in _ABILITY_PREV for w in before[:3]):
        return None
    if ctx.prev(i) in _PERSON_SUBJECTS and nxt not in _PERSON_POSSIBLE:
        return None
    # "so that hospitals wouldn't be overwhelmed and governments could take measures": purpose
    if any(w == "that" and before[k + 1 : k + 2] == ["so"] for k, w in enumerate(before)):
        return None
    return j


_UNVERIFIED = frozenset(
    """ruled excluded confirmed verified determined established substantiated corroborated
    proven proved confirm verify determine establish substantiate corroborate""".split()
)


def _rule_could_not(ctx: _Ctx, i: int, j: int) -> int | None:
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


def _rule_appear(ctx: _Ctx, i: int, j: int) -> int | None:
    """'appears to/that' is epistemic; 'appeared in court / on TV' is showing up."""
    nxt = ctx.next(j)
    if nxt == "to" and ctx.word(j + 2) in ("the", "a", "an", "his", "her", "their", "court"):
        return None
    if nxt in _APPEAR_NEXT or ctx.prev(i) in ("it", "would", "there"):
        return j
    return None


def _rule_suggest(ctx: _Ctx, i: int, j: int) -> int | None:
    # "suggested him for the post", "suggested to them", "suggest deactivating" recommend
    nxt = ctx.next(j)
    if nxt in _OBJ_PRONOUNS or nxt == "to" or (len(nxt) > 5 and nxt.endswith("ing")):
        return None
    return j


_FIRST_PERSON = frozenset("i we i'd we'd i’d we’d".split())


def _belief_hedges(ctx: _Ctx, i: int) -> bool:
    """A belief verb hedges when the speaker doubts aloud ("I think", "we believe") or the
    belief has no owner ("is believed", "widely believed"); "he believes" reports a view."""
    before = ctx.before(i, 3)
    return any(w in _FIRST_PERSON for w in before) or ctx.prev(i) in _BE or ctx.prev(i) in _BELIEF_ADV


def _rule_believe(ctx: _Ctx, i: int, j: int) -> int | None:
    return j if ctx.next(j) != "in" and _belief_hedges(ctx, i) else None


_THINK_NOT = frozenset("tank tanks of about twice again big".split())


# "I don't think anyone has walked out thinking we've done enough" denies; it is not doubt
_NEGATION = frozenset("don't didn't doesn't not never".split())


def _rule_think(ctx: _Ctx, i: int, j: int) -> int | None:
    if ctx.next(j) in _THINK_NOT or any(w in _NEGATION for w in ctx.before(i, 2)):
        return None
    return j if _belief_hedges(ctx, i) else None


# "He thought it was his dad" narrates what someone believed; only an explicit "that"
# or an ownerless belief ("is thought to") hedges the proposition
_THIRD_PERSON = frozenset("he she they who".split())


def _rule_thought(ctx: _Ctx, i: int, j: int) -> int | None:
    """Verb 'thought' ("is thought to", "experts thought that"), not the noun."""
    prev, nxt = ctx.prev(i), ctx.next(j)
    if "than" in ctx.before(i, 3):
        return None  # "more than I initially thought" compares
    if nxt in ("to", "that") or prev in _BE or prev in _BELIEF_ADV:
        return j
    return j if prev in _SUBJECTS and prev not in _THIRD_PERSON else None


_REFLEXIVE = frozenset("themselves himself herself itself ourselves myself yourself".split())


def _rule_consider(ctx: _Ctx, i: int, j: int) -> int | None:
    if ctx.next(j) in _REFLEXIVE or ctx.prev(i) in _SUBJECTS:
        return j
    return None


def _rule_considered(ctx: _Ctx, i: int, j: int) -> int | None:
    # "considered calling", "was considered for the role": deliberation, not belief
    nxt = ctx.next(j)
    return None if nxt == "for" or (len(nxt) > 4 and nxt.endswith("ing")) else j


_QUESTIONED_PREV = frozenset("been have has had widely critics some many others".split())


def _rule_questioned(ctx: _Ctx, i: int, j: int) -> int | None:
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


def _rule_expected(ctx: _Ctx, i: int, j: int) -> int | None:
    # "than expected" / "as expected" report an outcome, they do not hedge it
    if ctx.prev(i) in ("than", "as"):
        return None
    if ctx.next(j) == "to" and ctx.next(j + 1) in _SCHEDULED:
        return None
    return j


_ASSUME_NOT = frozenset(
    "office command control power responsibility responsibilities duties leadership the his her their its a an full".split()
)


def _rule_assume(ctx: _Ctx, i: int, j: int) -> int | None:
    """'assumed that' is a belief; 'assumed office / the role' is taking up a post."""
    return None if ctx.next(j) in _ASSUME_NOT else j


_POSSIBLE_NOT_NEXT = frozenset("to for by through with in thanks".split())
_POSSIBLE_PREV = _BE | frozenset("seems appears also quite very entirely well remains becomes become".split())


def _rule_possible(ctx: _Ctx, i: int, j: int) -> int | None:
    """'it is possible that' hedges; 'as soon as possible', 'made possible by' do not."""
    nxt = ctx.next(j)
    if nxt == "that" or (ctx.prev(i) in _POSSIBLE_PREV and nxt not in _POSSIBLE_NOT_NEXT):
        return j
    return None


def _rule_if(ctx: _Ctx, i: int, j: int) -> int | None:
    # "as if" compares, "if and only if" defines, "only if" states a requirement,
    # "if any" / "if anything" qualify an amount
    if ctx.prev(i) in ("as", "only") or ctx.next(j) in ("and", "any", "anything"):
        return None
    return j


def _rule_probable(ctx: _Ctx, i: int, j: int) -> int | None:
    return None if ctx.next(j) == "cause" else j  # the legal standard, not a guess


_SOURCE_PREV = frozenset(
    """unnamed anonymous informed several some diplomatic government security military
    intelligence official other""".split()
)
_SAY = frozenset("say says said told tell claim claimed claims believe believed".split())


def _rule_sources(ctx: _Ctx, i: int, j: int) -> int | None:
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


def _rule_speculation(ctx: _Ctx, i: int, j: int) -> int | None:
    # "dismissed speculation of a link" denies the doubt rather than voicing it
    return None if any(w in _DENIED for w in ctx.before(i, 3)) else j


def _rule_likely(ctx: _Ctx, i: int, j: int) -> int | None:
    # "more likely to go to the emergency room" compares groups; it doubts nothing
    # ("most likely intends" does hedge)
    if ctx.prev(i) in ("more", "less", "most", "least", "as") and ctx.next(j) in ("to", "than", "among", "for"):
        return None
    return j


# Embedded questions ("was asked whether", "debate over whether") report a question, and
# after "unsure" the adjective already carries the doubt
_WHETHER_NOT_PREV = frozenset("asked ask asks asking over unsure".split())


def _rule_whether(ctx: _Ctx, i: int, j: int) -> int | None:
    return None if ctx.prev(i) in _WHETHER_NOT_PREV else j


_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’')\]]|$)")


def _rule_maybe(ctx: _Ctx, i: int, j: int) -> int | None:
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


def _rule_doubt(ctx: _Ctx, i: int, j: int) -> int | None:
    # "beyond a reasonable doubt that", "no doubt that" assert certainty
    return None if ctx.prev(i) in _CERTAIN_DOUBT else j


_ALLEGED_CLAUSE = frozenset("that he she they it i we you his her their".split())


def _rule_alleged(ctx: _Ctx, i: int, j: int) -> int | None:
    """'the alleged operator' doubts a charge; 'Smollett alleged they shouted' reports a
    statement (an attribution cue, not a hedge), unless ownerless ("it was alleged that")."""
    if ctx.next(j) in _ALLEGED_CLAUSE and ctx.prev(i) not in _BE:
        return None
    return j


RULES: dict[str, Rule] = {
    "number": _rule_number,
    "may": _rule_may,
    "might": _rule_might,
    "could": _rule_could,
    "could_not": _rule_could_not,
    "probable": _rule_probable,
    "appear": _rule_appear,
    "suggest": _rule_suggest,
    "believe": _rule_believe,
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
}


def _words_match(ctx: _Ctx, i: int, cue: Cue) -> bool:
    """Do the tokens from ``i`` spell ``cue`` with only whitespace between them?"""
    for k, w in enumerate(cue.words[1:], 1):
        if ctx.word(i + k) != w or not ctx.joined(i + k - 1):
            return False
    return True


def find_hedges(doc: Doc, lexicon: str = LEXICON) -> list[Span]:
    """Hedge spans in ``doc`` (kind 'hedge'), in text order, with their voice."""
    lex = load_lexicon(lexicon)
    ctx = _Ctx(doc.text, doc.tokens)
    toks = doc.tokens
    spans: list[Span] = []
    low = ctx.low
    i = 0
    while i < len(toks):
        s, e = toks[i]
        first = low[s:e] if low is not None else ctx.word(i)  # the hot loop: no call per token
        if first not in lex:
            i += 1
            continue
        end_tok = None
        for cue in lex[first]:
            if not _words_match(ctx, i, cue):
                continue
            j = i + len(cue.words) - 1
            end_tok = j if cue.rule == "-" else RULES[cue.rule](ctx, i, j)
            if end_tok is not None:
                start = toks[i][0]
                end = _number_end(ctx, end_tok) if cue.rule == "number" else toks[end_tok][1]
                kind = "hedge" if cue.label in HEDGE_LABELS else "qualifier"
                spans.append(Span(start, end, kind, cue.label, doc.voice_at(start, end)))
                break
        i = end_tok + 1 if end_tok is not None else i + 1
    return spans


def _sentence_voices(doc: Doc) -> list[str]:
    """Voice of each sentence: 'quoted' when most of its words are quoted."""
    quoted = [0] * len(doc.sentences)
    for r in doc.quotes:
        if r.label == "scare":
            continue
        a = max(0, bisect_right(doc.sent_starts, r.start) - 1)
        b = bisect_left(doc.sent_starts, r.end)
        for k in range(a, min(b, len(doc.sentences))):
            s, e = doc.sentences[k]
            lo, hi = max(s, r.start), min(e, r.end)
            if hi > lo:
                quoted[k] += doc.words_in(lo, hi)
    return [
        "quoted" if 2 * q > doc.words_in(s, e) else "author"
        for q, (s, e) in zip(quoted, doc.sentences)
    ]


def hedging_features(doc: Doc, spans: list[Span]) -> dict[str, float]:
    """Hedge rates by voice, hedged-sentence shares, attribution, approximator and conditional rates."""
    words = doc.n_words
    quoted_words = min(words, doc.quoted_words())
    author_words = words - quoted_words
    hedges = [h for h in spans if h.label in ("epistemic", "attribution")]
    n_quoted = sum(1 for h in hedges if h.voice == "quoted")
    voices = _sentence_voices(doc)
    hedged = {doc.sentence_index(h.start) for h in hedges} if doc.sentences else set()
    n_author_sent = sum(1 for v in voices if v == "author")
    hedged_author = sum(1 for k in hedged if voices[k] == "author")
    return {
        "hedges_per_100_words_author": per_100(len(hedges) - n_quoted, author_words),
        "hedges_per_100_words_quoted": per_100(n_quoted, quoted_words),
        "hedged_sentence_share_author": safe_div(hedged_author, n_author_sent),
        "hedged_sentence_share_quoted": safe_div(len(hedged) - hedged_author, len(voices) - n_author_sent),
        "attribution_hedges_per_100_words": per_100(sum(1 for h in spans if h.label == "attribution"), words),
        "approximators_per_100_words": per_100(sum(1 for h in spans if h.label == "approximator"), words),
        "conditionals_per_100_words": per_100(sum(1 for h in spans if h.label == "conditional"), words),
    }


def extract_hedging(doc: Doc) -> Extraction:
    """Hedging features and evidence spans for one parsed article."""
    spans = find_hedges(doc)
    return Extraction(hedging_features(doc, spans), spans)


class HedgingFeatures(ArticleTransformer):
    """Hedging rates per article (see ``HEDGING_FEATURES``), insertions removed first."""

    feature_names = HEDGING_FEATURES

    def _features(self, text: str) -> dict[str, float]:
        doc, _ = clean_doc(text)
        return extract_hedging(doc).features
