"""From token probabilities to loaded-language spans: runs of likely tokens within one
quotation zone, function words trimmed off their edges, typos blocked, charged words forced,
and the writer's own scare quotes.
"""
from __future__ import annotations

import re
from typing import Any

import numpy as np

from .base import Span
from .loaded_words import FUNCTION_WORDS, charged_label, forced_tokens, intensifiers, is_spelling_noise, is_superlative, token_strings
from .text import Doc

_JOINABLE_GAP = re.compile(r"^[\s\-–—'’]*$")
# A single mark opening a quotation (after a space: "a 'disgrace") or closing one (before a
# space: "'disgrace' MORE") is a voice boundary even where the quotation finder missed the
# quotation, when its partner is on the same line: an elision ("whip 'em up") has no closing
# partner, and a plural possessive ("voters’ anger") no opening one left open before it.
_OPENING_GAP = re.compile(r"\s['’]\w")
_CLOSING_GAP = re.compile(r"\w['’]\s")
_CLOSING_MARK = re.compile(r"[^\s'’][’'](?!\w)")
_OPENING_MARK = re.compile(r"(?:^|[^\w'’])['’‘]\w")
_APOSTROPHES = ("'", "’")
_PARTNER_CHARS = 300


def forced_from_flags(code: np.ndarray, possessive: np.ndarray) -> np.ndarray:
    """Forced tokens from per-token charged codes (1 always, 2 after a possessive)."""
    prev_poss = np.zeros(len(code), dtype=bool)
    prev_poss[1:] = possessive[:-1] > 0
    return (code == 1) | ((code == 2) & prev_poss)


def voice_zones(doc: Doc) -> np.ndarray:
    """Per token, which quotation it sits in (0: none; else 1 + the index of the
    innermost region in ``doc.quotes``). A span never joins words of two zones,
    so a speaker's word and the writer's word next to it stay apart."""
    n = len(doc.tokens)
    zone = np.zeros(n, dtype=np.int64)
    if not n or not doc.quotes:
        return zone
    starts = np.asarray(doc.tok_starts, dtype=np.int64) if len(doc.tok_starts) == n else \
        np.fromiter((s for s, _ in doc.tokens), dtype=np.int64, count=n)
    # Regions are sorted by start, so an inner region (later start) overwrites its outer one.
    first = np.searchsorted(starts, [r.start for r in doc.quotes]).tolist()
    last = np.searchsorted(starts, [r.end for r in doc.quotes]).tolist()
    for k, (a, b) in enumerate(zip(first, last), start=1):
        zone[a:b] = k
    return zone


def decode_spans(doc: Doc, probs: np.ndarray, t_hi: float, t_lo: float, forced: np.ndarray | None = None,
                 max_gap_chars: int = 3, function: np.ndarray | None = None, blocked: np.ndarray | None = None,
                 zones: np.ndarray | None = None, marks: bool = False,
                 drop_function: bool = False) -> list[tuple[int, int, float]]:
    """Token probabilities -> (first token, last token + 1, max probability) runs.

    Tokens at or above ``t_hi`` (or ``forced``) seed a span; neighbours at or
    above ``t_lo`` extend it while only spaces or dashes separate the words.
    With ``function`` flags, function words at either edge are trimmed off
    (gold spans rarely end in "the"/"of", and precision is per character).
    ``blocked`` tokens (spelling noise) neither seed nor extend a span;
    with ``zones`` (see ``voice_zones``) a span stays inside one quotation zone.
    With ``marks``, a single quotation mark between two words also parts them
    (see ``_quotation_mark``); with ``drop_function`` (and ``function``), a run
    of function words only ("an" between two quoted insults) is dropped.
    """
    n = len(probs)
    if n == 0:
        return []
    seed = probs >= t_hi
    if forced is not None:
        seed = seed | forced
    ext = (probs >= t_lo) | seed
    if blocked is not None:
        seed = seed & ~blocked
        ext = ext & ~blocked
    # join[i]: token i may share a span with token i-1 (same quotation zone)
    join = np.ones(n, dtype=bool)
    if zones is not None:
        join[1:] = zones[1:] == zones[:-1]
    text, toks = doc.text, doc.tokens
    runs: list[tuple[int, int, float]] = []
    idx = np.flatnonzero(seed)
    taken_to = -1
    for k in idx.tolist():
        if k < taken_to:
            continue
        a = k
        while a > 0 and ext[a - 1] and join[a] and _joinable(text, toks[a - 1][1], toks[a][0], max_gap_chars, marks):
            a -= 1
        b = k + 1
        while b < n and ext[b] and join[b] and _joinable(text, toks[b - 1][1], toks[b][0], max_gap_chars, marks):
            b += 1
        if runs and a <= runs[-1][1] - 1:
            a = runs[-1][0]
            runs.pop()
        runs.append((a, b, float(probs[a:b].max())))
        taken_to = b
    if function is not None:
        runs = [_trim(a, b, p, function, forced) for a, b, p in runs]
        if drop_function:
            keep = function if forced is None else function & ~forced
            runs = [r for r in runs if not keep[r[0]:r[1]].all()]
    return runs


def _trim(a: int, b: int, p: float, function: np.ndarray, forced: np.ndarray | None) -> tuple[int, int, float]:
    keep = function if forced is None else function & ~forced
    while b - a > 1 and keep[a]:
        a += 1
    while b - a > 1 and keep[b - 1]:
        b -= 1
    return a, b, p


def _joinable(text: str, gap_start: int, gap_end: int, max_gap_chars: int, marks: bool = False) -> bool:
    gap = text[gap_start:gap_end]
    if gap_end - gap_start > max_gap_chars or not _JOINABLE_GAP.match(gap):
        return False
    if not marks or not any(m in gap for m in _APOSTROPHES):
        return True
    return not _quotation_mark(text, gap_start, gap_end)


def _quotation_mark(text: str, gap_start: int, gap_end: int) -> bool:
    """Whether the gap between two words holds a single mark that opens or closes a quotation."""
    lo, hi = max(gap_start - 1, 0), min(gap_end + 1, len(text))
    if _OPENING_GAP.search(text, lo, hi):
        end = text.find("\n", gap_end)
        return bool(_CLOSING_MARK.search(text, gap_end, min(end if end >= 0 else len(text), gap_end + _PARTNER_CHARS)))
    if _CLOSING_GAP.search(text, lo, hi):
        start = max(text.rfind("\n", 0, gap_start) + 1, gap_start - _PARTNER_CHARS)
        opened = [m.end() for m in _OPENING_MARK.finditer(text, start, gap_start)]
        # the last opening mark before the gap, not closed before it
        return bool(opened) and not _CLOSING_MARK.search(text, opened[-1], gap_start)
    return False


def _span_label(words: list[str], probs: np.ndarray) -> str:
    """What kind of loaded wording the strongest word of a span is."""
    w = words[int(np.argmax(probs))].lower()
    lab = charged_label(w)
    if lab:
        return lab
    if w in intensifiers():
        return "intensifier"
    if is_superlative(w):
        return "superlative"
    return "charged"


def spans_from_probabilities(doc: Doc, probs: np.ndarray, decode: dict[str, Any],
                             words: list[str] | None = None, forced: np.ndarray | None = None,
                             function: np.ndarray | None = None, blocked: np.ndarray | None = None) -> list[Span]:
    """Turn per-token probabilities into labelled, voiced loaded spans
    (``forced``/``function``/``blocked``: per-token flags, computed from ``words`` when not given)."""
    if probs.size == 0:
        return []
    words = words if words is not None else token_strings(doc)
    if blocked is None:
        blocked = np.fromiter(map(is_spelling_noise, words), dtype=bool, count=len(words))
    if function is None and decode.get("trim", False):
        function = np.fromiter((w.lower() in FUNCTION_WORDS for w in words), dtype=bool, count=len(words))
    if forced is None:
        forced = forced_tokens(words)
    runs = decode_runs(doc, probs, decode, forced, function, blocked)
    spans: list[Span] = []
    toks = doc.tokens
    for a, b, p in runs:
        s, e = toks[a][0], toks[b - 1][1]
        if forced[a:b].any():
            p = max(p, float(decode["t_hi"]))  # a charged word is loaded at least at threshold strength
        spans.append(Span(s, e, "loaded", _span_label(words[a:b], probs[a:b]), doc.voice_at(s, e), round(p, 4)))
    if decode.get("scare_quotes", True):
        spans = _add_scare_quotes(spans, scare_quotes(doc))
    return spans


def decode_runs(doc: Doc, probs: np.ndarray, decode: dict[str, Any], forced: np.ndarray,
                function: np.ndarray | None, blocked: np.ndarray) -> list[tuple[int, int, float]]:
    """The model's runs as the pipeline decodes them (bench/train_loaded.py scores
    the same function): spelling noise blocked, one quotation zone per span, no
    span across a single quotation mark, no span of function words only."""
    return decode_spans(doc, probs, decode["t_hi"], decode["t_lo"],
                        (forced & ~blocked) if decode.get("force_charged", True) else None,
                        int(decode.get("max_gap_chars", 3)), function if decode.get("trim", False) else None,
                        blocked, voice_zones(doc), marks=decode.get("marks", True),
                        drop_function=decode.get("drop_function", True))


# A single lower-case word in single quotation marks ("the 2018 ‘treaty’"). Double
# marks are how news quotes people, so a word in them is usually a speaker's word
# quoted in part ("criticized Turkey’s “aggressive” intervention"); single marks
# outside any quotation are the writer's own.
# The pattern starts with the mark and looks behind from it, so the engine tries it only at marks.
_QUOTED_WORD_RE = re.compile(r"[‘'](?<![\w’'][‘'])(?:(?<=‘)([a-z][a-z\-]{2,})’|(?<=')([a-z][a-z\-]{2,})')(?![\w’'])")
# ...heading a noun phrase the writer opened with a determiner: "the ‘experts’", "this ‘deal’".
_SCARE_LEFT_RE = re.compile(r"(?:^|[^\w’'-])(?:the|a|an|this|that|these|those|its|their|his|her|our|such)"
                            r"\s+(?:[\w’'-]+\s+)?$", re.IGNORECASE)
# A word quoted as a word, or as someone's term, is mention, not the writer's sneer.
_MENTION_RE = re.compile(
    r"\b(?:said|says|say|told|tells|added|wrote|writes|stated|states|claimed|claims|called|calls|call|"
    r"dubbed|dubs|termed|terms|labell?ed|described|describes|branded|brands|known|word|words|term|phrase|"
    r"slogan|label|name|named|headline|header|tweet|tweeted|according)\b", re.IGNORECASE)


def scare_quotes(doc: Doc) -> list[tuple[int, int]]:
    """Scare quotes in the writer's voice: one lower-case word in single quotation
    marks at the head of a noun phrase ("the 2018 ‘treaty’ between Moscow and
    Ankara"), with no speech or naming verb earlier in its sentence and outside
    any quotation. Quoted words after "called", "the word", "said" are someone's
    term, and longer quoted fragments are partial quotes, so neither counts."""
    text = doc.text
    out: list[tuple[int, int]] = []
    if "‘" not in text and "'" not in text:
        return out
    for m in _QUOTED_WORD_RE.finditer(text):
        s, e = m.span()
        sent = doc.sentences[doc.sentence_index(s)] if doc.sentences else (0, len(text))
        left = text[max(sent[0], s - 40):s]
        if not _SCARE_LEFT_RE.search(left) or _MENTION_RE.search(text[sent[0]:s]):
            continue
        if doc.voice_at(s, e) != "author" or doc.voice_at(s - 1 if s else s, s) != "author":
            continue
        out.append((s, e))
    return out


def _add_scare_quotes(spans: list[Span], quoted: list[tuple[int, int]]) -> list[Span]:
    """Scare-quoted words are loaded by the writer's choice of marks: each is a
    span, marks included, replacing any model span inside it."""
    if not quoted:
        return spans
    out = [x for x in spans if not any(s <= x.start and x.end <= e for s, e in quoted)]
    for s, e in quoted:
        inside = [x.score or 0.0 for x in spans if s <= x.start and x.end <= e]
        out.append(Span(s, e, "loaded", "scare_quote", "author", round(max(inside, default=0.5), 4)))
    out.sort(key=lambda x: (x.start, x.end))
    return out
