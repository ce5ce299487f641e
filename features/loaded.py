"""Loaded language: emotive, judgmental and intensifying wording, with evidence.

A token-level logistic model (trained on the Loaded_Language spans of the
SemEval-2020 Task 11 propaganda corpus by ``bench/train_loaded.py``) scores every
word from lexical features of the word and its neighbours: the word, a crude
stem, suffixes, VADER valence, distributional word clusters (built from
AllSides news so unseen words used like annotated ones still score), membership
in the Recasens et al. (2013) bias lexicon and in relscore's charged-word and
intensifier lists, plus where the word sits (quotes, exclamations). Words of the
charged lexicon always count. Scare quotes are counted as a rate but are not
spans by themselves (on the annotated corpus that cost ~5 points of F1). Consecutive words above a threshold become
one span. A lexicon alone is weak here (the bias lexicon barely overlaps the
annotated spans); the model learns which cues matter and how spans extend.

The model is linear, so its weights fold into a per-word table: scoring an
article is one cached dictionary look-up per token plus a few numpy operations.
"""
from __future__ import annotations

import json
import logging
import math
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from .base import ArticleTransformer, Extraction, Span, per_100
from .text import Doc

log = logging.getLogger(__name__)

LOADED_FEATURES: tuple[str, ...] = (
    "loaded_per_100_words_author",
    "loaded_per_100_words_quoted",
    "loaded_mean_intensity",
    "intensifiers_per_100_words",
    "superlatives_per_100_words",
    "scare_quotes_per_100_words",
)

MODEL_RESOURCE = "loaded_model_v1.json"
MODEL_FORMAT = "relscore-loaded-token-logit-v1"
#: Neighbour offsets whose context features enter a token's score.
OFFSETS: tuple[int, ...] = (-2, -1, 1, 2)
#: Dense per-position features, in the order of ``position_matrix`` columns.
POSITION_FEATURES: tuple[str, ...] = (
    "in_direct_quote",
    "in_scare_quote",
    "in_paraphrase",
    "sentence_has_exclamation",
    "sentence_has_question",
    "sentence_first",
    "capitalised_inside_sentence",
    "in_first_paragraph",
    "quote_mark_before",
    "quote_mark_after",
    "sentence_mean_abs_valence",
)
PAD = "<pad>"

_QUOTE_CHARS = frozenset("\"“”‘’'«»")
# Adjectives in -est that are not superlatives.
_NOT_SUPERLATIVE = frozenset(
    """arrest behest bequest conquest contest digest divest earnest forest guest harvest
    honest infest inquest interest invest manifest modest molest nest pest priest protest
    request rest suggest test unrest west zest attest detest wrest chest crest quest jest
    lest vest best-seller""".split()
)
_IRREGULAR_SUPERLATIVES = frozenset("best worst least utmost uttermost foremost".split())
_EST_RE = re.compile(r"^[a-z]{2,}est$")
_FUNCTION_WORDS = frozenset(
    """the a an of to in on at for by with from and or but as is are was were be been
    being that this these those it its he she they we you i his her their our your not
    no than then so if when which who whom whose what there here""".split()
)
_SUFFIXES = ("ingly", "edly", "ness", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "ly", "es", "s")


# ---------------------------------------------------------------------------
# Lexicons (data files, loaded once)

def _lexicon_lines(name: str) -> list[str]:
    text = resources.files("features.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def bias_lexicon() -> frozenset[str]:
    """Recasens et al. (2013) bias-inducing lemmas."""
    return frozenset(w.lower() for w in _lexicon_lines("loaded_bias_recasens2013_v1.txt"))


@lru_cache(maxsize=1)
def charged_lexicon() -> tuple[dict[str, tuple[str, str]], tuple[tuple[str, str, str], ...]]:
    """relscore's charged/judgmental words: exact entries and '*' prefixes,
    each with its label and an optional context condition."""
    exact: dict[str, tuple[str, str]] = {}
    prefixes: list[tuple[str, str, str]] = []
    for ln in _lexicon_lines("loaded_charged_v1.txt"):
        parts = [p.strip() for p in ln.split("\t")]
        word = parts[0].lower()
        label = parts[1] if len(parts) > 1 and parts[1] else "charged"
        cond = parts[2] if len(parts) > 2 else ""
        if not word.rstrip("*"):
            raise ValueError(f"empty entry {ln!r} in loaded_charged_v1.txt; it would match every word")
        if cond not in ("", "after_possessive"):
            raise ValueError(f"unknown condition {cond!r} in loaded_charged_v1.txt; use 'after_possessive' or nothing")
        if word.endswith("*"):
            prefixes.append((word[:-1], label, cond))
        else:
            exact[word] = (label, cond)
    return exact, tuple(prefixes)


@lru_cache(maxsize=1)
def word_clusters() -> dict[str, tuple[int, int]]:
    """Distributional clusters (coarse, fine) of news words, built by bench/train_loaded.py."""
    d = json.loads(resources.files("features.lexicons").joinpath("loaded_clusters_v1.json").read_text(encoding="utf-8"))
    return dict(zip(d["words"].split("\n"), zip(d["c256"], d["c1024"])))


@lru_cache(maxsize=1)
def intensifiers() -> frozenset[str]:
    return frozenset(w.lower() for w in _lexicon_lines("loaded_intensifiers_v1.txt"))


@lru_cache(maxsize=1)
def vader_valence() -> dict[str, float]:
    """Mean valence (-4..4) of VADER's lexicon, read from the installed package."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for ln in text.splitlines():
        parts = ln.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return out


# ---------------------------------------------------------------------------
# Word-level cues

def stem(w: str) -> str:
    """A crude suffix-stripped form, enough to pool inflections of one word."""
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


@lru_cache(maxsize=200_000)
def charged_entry(w: str) -> tuple[str, str] | None:
    """(label, condition) of a lower-cased word in the charged lexicon, or None."""
    exact, prefixes = charged_lexicon()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    hit = exact.get(w)
    if hit is not None:
        return hit
    for p, label, cond in prefixes:
        if w.startswith(p):
            return label, cond
    return None


def charged_label(w: str) -> str | None:
    """Label of a lower-cased word in the charged lexicon, or None."""
    hit = charged_entry(w)
    return hit[0] if hit else None


def _forced(words: list[str]) -> np.ndarray:
    """Tokens the charged lexicon marks as loaded whatever the model says;
    'after_possessive' entries ("Putin's regime") need a possessive before them."""
    out = np.zeros(len(words), dtype=bool)
    for i, raw in enumerate(words):
        hit = charged_entry(raw.lower())
        if hit is None:
            continue
        if hit[1] == "after_possessive":
            out[i] = i > 0 and words[i - 1].endswith(("'s", "’s", "s'"))
        else:
            out[i] = True
    return out


def valence(w: str) -> float | None:
    """VADER valence of the word or of its stem."""
    lex = vader_valence()
    v = lex.get(w)
    if v is None:
        s = stem(w)
        v = lex.get(s)
        if v is None and s + "e" in lex:
            v = lex[s + "e"]
    return v


def is_superlative(w: str) -> bool:
    """'-est' adjectives (greatest, deadliest) and the irregular best/worst/least."""
    if w in _IRREGULAR_SUPERLATIVES:
        return True
    if not _EST_RE.match(w) or w in _NOT_SUPERLATIVE:
        return False
    base = w[:-3]
    lex = vader_valence()
    cands = {base, base + "e", base[:-1] if len(base) > 2 and base[-1] == base[-2] else base}
    if w.endswith("iest"):
        cands.add(w[:-4] + "y")
    # Only words whose base is a known adjective-ish form, to keep "forest" out.
    return any(c in lex or c in _COMMON_GRADABLE for c in cands)


_COMMON_GRADABLE = frozenset(
    """big small large great high low long short old new young late early fast slow hard
    strong weak deep wide broad close near far rich poor cheap dear heavy light dark bright
    hot cold warm cool clear tough harsh fierce grave dead deadly bloody busy easy heavy
    loud quick rare safe sharp simple steep tight tall vast wild wealthy mighty""".split()
)


def _shape(raw: str) -> str:
    if raw.isupper() and len(raw) > 1:
        return "upper"
    if raw[:1].isupper():
        return "title"
    if any(c.isdigit() for c in raw):
        return "digit"
    return "lower"


def type_features(raw: str) -> dict[str, float]:
    """Features of a token string in its own position."""
    w = raw.lower()
    if raw == PAD:
        return {"w=" + PAD: 1.0}
    s = stem(w)
    f: dict[str, float] = {"w=" + w: 1.0, "s=" + s: 1.0, "x3=" + w[-3:]: 1.0, "x4=" + w[-4:]: 1.0,
                           "shape=" + _shape(raw): 1.0, "len=%d" % min(len(w), 12): 1.0}
    v = valence(w)
    if v is None:
        f["v=none"] = 1.0
    else:
        f["v=%d" % round(v)] = 1.0
        f["vabs"] = abs(v) / 4.0
        f["vneg" if v < 0 else "vpos"] = 1.0
    if w in bias_lexicon() or s in bias_lexicon():
        f["bias_lex"] = 1.0
    lab = charged_label(w)
    if lab:
        f["charged=" + lab] = 1.0
    if w in intensifiers():
        f["intensifier"] = 1.0
    if is_superlative(w):
        f["superlative"] = 1.0
    if w in _FUNCTION_WORDS:
        f["function"] = 1.0
    cl = word_clusters().get(w) or word_clusters().get(s)
    if cl is None:
        f["c=none"] = 1.0
    else:
        f["c256=%d" % cl[0]] = 1.0
        f["c1024=%d" % cl[1]] = 1.0
    return f


def context_features(raw: str) -> dict[str, float]:
    """Features a token contributes to its neighbours' scores (a smaller set)."""
    w = raw.lower()
    if raw == PAD:
        return {"w=" + PAD: 1.0}
    f: dict[str, float] = {"w=" + w: 1.0}
    v = valence(w)
    if v is not None:
        f["v=%d" % round(v)] = 1.0
    if w in bias_lexicon():
        f["bias_lex"] = 1.0
    if charged_label(w):
        f["charged"] = 1.0
    if w in intensifiers():
        f["intensifier"] = 1.0
    if w in _FUNCTION_WORDS:
        f["function"] = 1.0
    cl = word_clusters().get(w)
    if cl is not None:
        f["c256=%d" % cl[0]] = 1.0
    return f


# ---------------------------------------------------------------------------
# Positions

def token_strings(doc: Doc) -> list[str]:
    t = doc.text
    return [t[s:e] for s, e in doc.tokens]


def position_matrix(doc: Doc, abs_valence: np.ndarray | None = None) -> np.ndarray:
    """Dense per-token position features (columns: POSITION_FEATURES)."""
    n = len(doc.tokens)
    out = np.zeros((n, len(POSITION_FEATURES)), dtype=float)
    if n == 0:
        return out
    text = doc.text
    starts = np.asarray(doc.tok_starts, dtype=np.int64) if len(doc.tok_starts) == n else \
        np.fromiter((s for s, _ in doc.tokens), dtype=np.int64, count=n)
    ends = np.fromiter((e for _, e in doc.tokens), dtype=np.int64, count=n)
    col = {name: i for i, name in enumerate(POSITION_FEATURES)}
    for r in doc.quotes:
        a, b = np.searchsorted(starts, r.start), np.searchsorted(starts, r.end)
        if b > a:
            c = {"direct": "in_direct_quote", "scare": "in_scare_quote"}.get(r.label, "in_paraphrase")
            out[a:b, col[c]] = 1.0
    if doc.sentences:
        sst = np.fromiter((s for s, _ in doc.sentences), dtype=np.int64, count=len(doc.sentences))
        sidx = np.searchsorted(sst, starts, side="right") - 1
        sidx[sidx < 0] = 0
        exc = np.zeros(len(doc.sentences))
        que = np.zeros(len(doc.sentences))
        for i, (s, e) in enumerate(doc.sentences):
            seg = text[s:e]
            exc[i] = "!" in seg
            que[i] = "?" in seg
        out[:, col["sentence_has_exclamation"]] = exc[sidx]
        out[:, col["sentence_has_question"]] = que[sidx]
        first = np.ones(n, dtype=bool)
        first[1:] = sidx[1:] != sidx[:-1]
        out[:, col["sentence_first"]] = first
        if abs_valence is not None:
            tot = np.bincount(sidx, weights=abs_valence, minlength=len(doc.sentences))
            cnt = np.bincount(sidx, minlength=len(doc.sentences))
            out[:, col["sentence_mean_abs_valence"]] = (tot / np.maximum(cnt, 1))[sidx] / 4.0
    else:
        first = np.zeros(n, dtype=bool)
        first[0] = True
        out[:, col["sentence_first"]] = first
    caps = np.fromiter((text[s].isupper() for s in starts.tolist()), dtype=bool, count=n)
    out[:, col["capitalised_inside_sentence"]] = caps & ~first
    if doc.paragraphs:
        out[:, col["in_first_paragraph"]] = starts < doc.paragraphs[0][1]
    L = len(text)
    out[:, col["quote_mark_before"]] = [s > 0 and text[s - 1] in _QUOTE_CHARS for s in starts.tolist()]
    out[:, col["quote_mark_after"]] = [e < L and text[e] in _QUOTE_CHARS for e in ends.tolist()]
    return out


# ---------------------------------------------------------------------------
# The model

class LoadedModel:
    """A trained token scorer with its span decoding settings.

    ``blocks`` maps an offset ("0" for the token itself, "-1", "+1", ...) to
    feature weights; ``position`` holds the weights of POSITION_FEATURES.
    """

    def __init__(self, bias: float, blocks: dict[str, dict[str, float]], position: dict[str, float],
                 decode: dict[str, Any], meta: dict[str, Any] | None = None):
        self.bias = float(bias)
        self.blocks = blocks
        self.position = np.array([position.get(n, 0.0) for n in POSITION_FEATURES], dtype=float)
        self.decode = dict(decode)
        self.meta = meta or {}
        self._offsets = [int(k) for k in blocks if k != "0"]
        self._cache: dict[str, tuple[float, ...]] = {}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "LoadedModel":
        if d.get("format") != MODEL_FORMAT:
            raise ValueError(f"loaded-language model format {d.get('format')!r}; expected {MODEL_FORMAT!r}")
        return cls(d["bias"], d["blocks"], d["position"], d["decode"], d.get("meta"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT, "meta": self.meta, "bias": self.bias, "decode": self.decode,
            "position": dict(zip(POSITION_FEATURES, map(float, self.position))), "blocks": self.blocks,
        }

    def _type_row(self, raw: str) -> tuple[float, ...]:
        """(own score, score given to each neighbour offset..., |valence|) of a token string."""
        row = self._cache.get(raw)
        if row is None:
            w0 = self.blocks["0"]
            own = sum(w0.get(k, 0.0) * v for k, v in type_features(raw).items())
            ctx = context_features(raw)
            # Weight of this token's features when it sits at offset -o from the scored token.
            nb = [sum(self.blocks[f"{o:+d}"].get(k, 0.0) * v for k, v in ctx.items()) for o in self._offsets]
            va = valence(raw.lower())
            row = (own, *nb, abs(va) if va is not None else 0.0)
            if len(self._cache) > 500_000:  # bound memory on endless streams of new words
                self._cache.clear()
            self._cache[raw] = row
        return row

    def token_probabilities(self, doc: Doc, words: list[str] | None = None) -> np.ndarray:
        """Probability that each token of ``doc`` is part of loaded language
        (``words``: the token strings, when the caller already has them)."""
        n = len(doc.tokens)
        if n == 0:
            return np.zeros(0)
        get = self._cache.get
        rows = np.array([get(t) or self._type_row(t) for t in (words if words is not None else token_strings(doc))],
                        dtype=float)
        score = self.bias + rows[:, 0]
        pad = self._type_row(PAD)
        for j, o in enumerate(self._offsets, start=1):
            # The token at i+o contributes rows[i+o, j] to token i.
            shifted = np.full(n, pad[j])
            if o > 0:
                if o < n:
                    shifted[: n - o] = rows[o:, j]
            else:
                if -o < n:
                    shifted[-o:] = rows[: n + o, j]
            score += shifted
        score += position_matrix(doc, rows[:, -1]) @ self.position
        return 1.0 / (1.0 + np.exp(-np.clip(score, -30, 30)))


@lru_cache(maxsize=1)
def load_model() -> LoadedModel:
    """The shipped model (features/lexicons/loaded_model_v1.json), loaded once."""
    text = resources.files("features.lexicons").joinpath(MODEL_RESOURCE).read_text(encoding="utf-8")
    return LoadedModel.from_dict(json.loads(text))


# ---------------------------------------------------------------------------
# Spans

_JOINABLE_GAP = re.compile(r"^[\s\-–—'’]*$")


def decode_spans(doc: Doc, probs: np.ndarray, t_hi: float, t_lo: float, forced: np.ndarray | None = None,
                 max_gap_chars: int = 3) -> list[tuple[int, int, float]]:
    """Token probabilities -> (first token, last token + 1, max probability) runs.

    Tokens at or above ``t_hi`` (or ``forced``) seed a span; neighbours at or
    above ``t_lo`` extend it while only spaces or dashes separate the words.
    """
    n = len(probs)
    if n == 0:
        return []
    seed = probs >= t_hi
    if forced is not None:
        seed = seed | forced
    ext = (probs >= t_lo) | seed
    text, toks = doc.text, doc.tokens
    runs: list[tuple[int, int, float]] = []
    idx = np.flatnonzero(seed)
    taken_to = -1
    for k in idx.tolist():
        if k < taken_to:
            continue
        a = k
        while a > 0 and ext[a - 1] and _joinable(text, toks[a - 1][1], toks[a][0], max_gap_chars):
            a -= 1
        b = k + 1
        while b < n and ext[b] and _joinable(text, toks[b - 1][1], toks[b][0], max_gap_chars):
            b += 1
        if runs and a <= runs[-1][1] - 1:
            a = runs[-1][0]
            runs.pop()
        runs.append((a, b, float(probs[a:b].max())))
        taken_to = b
    return runs


def _joinable(text: str, gap_start: int, gap_end: int, max_gap_chars: int) -> bool:
    return gap_end - gap_start <= max_gap_chars and bool(_JOINABLE_GAP.match(text[gap_start:gap_end]))


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
                             words: list[str] | None = None) -> list[Span]:
    """Turn per-token probabilities into labelled, voiced loaded spans."""
    if probs.size == 0:
        return []
    words = words if words is not None else token_strings(doc)
    forced = None
    if decode.get("force_charged", True):
        forced = _forced(words)
    runs = decode_spans(doc, probs, decode["t_hi"], decode["t_lo"], forced, int(decode.get("max_gap_chars", 3)))
    spans: list[Span] = []
    toks = doc.tokens
    for a, b, p in runs:
        s, e = toks[a][0], toks[b - 1][1]
        if forced is not None and forced[a:b].any():
            p = max(p, float(decode["t_hi"]))  # a charged word is loaded at least at threshold strength
        region = doc.region_at(s, e)
        label = "scare_quote" if region is not None and region.label == "scare" else _span_label(words[a:b], probs[a:b])
        spans.append(Span(s, e, "loaded", label, doc.voice_at(s, e), round(p, 4)))
    if decode.get("scare_quotes", True):
        spans = _add_scare_quotes(doc, spans)
    return spans


def find_loaded(doc: Doc, model: LoadedModel | None = None, words: list[str] | None = None) -> list[Span]:
    """Loaded-language spans of ``doc`` (the shipped model unless one is given)."""
    model = model or load_model()
    words = words if words is not None else token_strings(doc)
    return spans_from_probabilities(doc, model.token_probabilities(doc, words), model.decode, words)


def _add_scare_quotes(doc: Doc, spans: list[Span]) -> list[Span]:
    """Scare-quoted phrases are loaded by the writer's choice of marks; a model
    span inside one is replaced by the whole quoted phrase."""
    scare = [r for r in doc.quotes if r.label == "scare"]
    if not scare:
        return spans
    out = [s for s in spans if not any(r.start <= s.start and s.end <= r.end for r in scare)]
    text = doc.original
    for r in scare:
        s, e = r.start, r.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            inside = [x.score or 0.0 for x in spans if r.start <= x.start and x.end <= r.end]
            out.append(Span(s, e, "loaded", "scare_quote", doc.voice_at(s, e), round(max(inside, default=0.5), 4)))
    out.sort(key=lambda x: (x.start, x.end))
    return out


def extract_loaded(doc: Doc, model: LoadedModel | None = None) -> Extraction:
    """Loaded-language spans and per-article rates (author vs quoted voice)."""
    words = token_strings(doc)
    spans = find_loaded(doc, model, words)
    n = doc.n_words
    quoted_words = doc.quoted_words() if n else 0
    author_words = max(n - quoted_words, 0)
    n_author = sum(1 for s in spans if s.voice == "author")
    n_quoted = len(spans) - n_author
    lowered = [w.lower() for w in words]
    inten = intensifiers()
    n_int = sum(1 for w in lowered if w in inten)
    n_sup = _count_superlatives(lowered)
    n_scare = sum(1 for r in doc.quotes if r.label == "scare")
    scores = [s.score for s in spans if s.score is not None]
    feats = {
        "loaded_per_100_words_author": per_100(n_author, author_words),
        "loaded_per_100_words_quoted": per_100(n_quoted, quoted_words),
        "loaded_mean_intensity": float(np.mean(scores)) if scores else 0.0,
        "intensifiers_per_100_words": per_100(n_int, n),
        "superlatives_per_100_words": per_100(n_sup, n),
        "scare_quotes_per_100_words": per_100(n_scare, n),
    }
    return Extraction(feats, spans)


def _count_superlatives(lowered: list[str]) -> int:
    """'-est' superlatives, best/worst, and "most"/"least" before a content word."""
    n = 0
    for i, w in enumerate(lowered):
        if w in ("most", "least"):
            nxt = lowered[i + 1] if i + 1 < len(lowered) else ""
            if nxt and nxt not in _FUNCTION_WORDS and (valence(nxt) is not None or nxt.endswith(_ADJ_ENDINGS)):
                n += 1
        elif w[-3:] == "est" or w in _IRREGULAR_SUPERLATIVES:
            n += is_superlative(w)
    return n


_ADJ_ENDINGS = ("ous", "ive", "ful", "able", "ible", "al", "ic", "ant", "ent", "less", "ing", "ed", "y")


class LoadedFeatures(ArticleTransformer):
    """Loaded-language rates per article (see LOADED_FEATURES)."""

    feature_names = LOADED_FEATURES

    def _features(self, text: str) -> dict[str, float]:
        from .insertions import clean_doc  # late import: insertions may import text helpers only

        doc, _ = clean_doc(text)
        return extract_loaded(doc).features
