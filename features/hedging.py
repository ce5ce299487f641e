"""Hedging: words that mark a claim as uncertain ("may", "reportedly", "about 300").

Cues come from the ``hedges_v1`` lexicon (a data file); each cue names a
context rule (``features.hedge_rules``) that rejects its false friends: "May
2020" and Theresa May, "military might", "appeared in court", "could not
attend", "the accused".
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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Iterable

from .base import ArticleTransformer, Extraction, Span, per_100, safe_div
from .insertions import clean_doc
from .hedge_rules import RULES, Ctx, number_end
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





def _words_match(ctx: Ctx, i: int, cue: Cue) -> bool:
    """Do the tokens from ``i`` spell ``cue`` with only whitespace between them?"""
    for k, w in enumerate(cue.words[1:], 1):
        if ctx.word(i + k) != w or not ctx.joined(i + k - 1):
            return False
    return True


def find_hedges(doc: Doc, lexicon: str = LEXICON) -> list[Span]:
    """Hedge spans in ``doc`` (kind 'hedge'), in text order, with their voice."""
    lex = load_lexicon(lexicon)
    ctx = Ctx(doc.text, doc.tokens)
    toks = doc.tokens
    spans: list[Span] = []
    after = 0  # tokens before this one are inside a cue already found
    for i, first in _first_words(doc, ctx, lexicon):
        if i < after:
            continue
        end_tok = None
        second = None  # the next token's word, read once for all the cues of several words
        for cue in lex[first]:
            if len(cue.words) > 1:
                if second is None:
                    second = ctx.word(i + 1)
                # most first words ("in", "is", "not") are followed by none of their cues' second words
                if second != cue.words[1] or not _words_match(ctx, i, cue):
                    continue
            j = i + len(cue.words) - 1
            end_tok = j if cue.rule == "-" else RULES[cue.rule](ctx, i, j)
            if end_tok is not None:
                start = toks[i][0]
                end = number_end(ctx, end_tok) if cue.rule == "number" else toks[end_tok][1]
                kind = "hedge" if cue.label in HEDGE_LABELS else "qualifier"
                spans.append(Span(start, end, kind, cue.label, doc.voice_at(start, end)))
                break
        after = end_tok + 1 if end_tok is not None else i + 1
    return spans


@lru_cache(maxsize=None)
def first_word_forms(lexicon: str = LEXICON) -> dict[str, str] | None:
    """Each cue's first word in every spelling a lower-cased token can have (its apostrophes
    straight or curly) -> the word; None when a first word is not ASCII."""
    forms: dict[str, str] = {}
    for word in load_lexicon(lexicon):
        if not word.isascii():
            return None
        variants = [""]
        for part in word.split("'"):
            variants = [v + sep + part for v in variants for sep in (("'", "’") if v else ("",))]
        forms.update(dict.fromkeys(variants, word))
    return forms


def _first_words(doc: Doc, ctx: Ctx, lexicon: str) -> list[tuple[int, str]]:
    """(index, cue word) of the tokens that are a cue's first word, as ``ctx.word`` reads them.

    Read from ``doc.lowered``, which the other extractors share: a token whose ``ctx.word`` is
    an ASCII cue word is ASCII but for curly apostrophes, so lower-casing it alone or inside
    the whole text (which differs only at a Greek final sigma) gives the same letters.
    """
    forms = first_word_forms(lexicon)
    if forms is None:  # a lexicon with non-ASCII cues: token by token
        lex = load_lexicon(lexicon)
        return [(i, w) for i, w in enumerate(map(ctx.word, range(len(doc.tokens)))) if w in lex]
    low = doc.lowered
    # the few first words are picked in C
    return [(i, forms[low[i]]) for i in compress(range(len(low)), map(forms.__contains__, low))]


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
    placed = [(doc.sentence_index(h.start), h.voice) for h in hedges] if doc.sentences else []
    hedged = {k for k, _ in placed}
    # a sentence the author mostly wrote is hedged by the author only through an author-voice hedge: the
    # "may" of a partial quotation or a paraphrase inside it is the speaker's
    hedged_by_author = {k for k, voice in placed if voice == "author"}
    n_author_sent = sum(1 for v in voices if v == "author")
    hedged_author = sum(1 for k in hedged_by_author if voices[k] == "author")
    hedged_quoted = sum(1 for k in hedged if voices[k] == "quoted")
    return {
        "hedges_per_100_words_author": per_100(len(hedges) - n_quoted, author_words),
        "hedges_per_100_words_quoted": per_100(n_quoted, quoted_words),
        "hedged_sentence_share_author": safe_div(hedged_author, n_author_sent),
        "hedged_sentence_share_quoted": safe_div(hedged_quoted, len(voices) - n_author_sent),
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
