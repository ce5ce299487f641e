"""Loaded language: emotive, judgmental and intensifying wording, with evidence.

A token-level logistic model (trained on the Loaded_Language spans of the
SemEval-2020 Task 11 propaganda corpus by ``bench/train_loaded.py``) scores every
word from lexical features of the word and its neighbours: the word, a crude
stem, suffixes, VADER valence, distributional word clusters (built from
AllSides news so unseen words used like annotated ones still score), membership
in the Recasens et al. (2013) bias lexicon and in relscore's charged-word and
intensifier lists, word bigrams, plus where the word sits (quotes, exclamations,
place in the sentence) and how opinionated the whole article reads. Words of the
charged lexicon always count, including the writer's distancing words
("so-called", "self-styled"). Consecutive words above a threshold become one
span, with function words trimmed off its edges; a span never joins words of
two voices (a quotation and the writer's text around it), and a misspelt word
never starts or widens one. Short quoted phrases with no speaker nearby are
counted as a rate (scare_quotes_per_100_words), but only the narrow case that is
plainly the writer's own (one word in single marks heading a noun phrase: "the
2018 ‘treaty’") is a span: a word in double marks is usually a speaker's word
quoted in part, and the annotated corpus does not count those as loaded language.
A lexicon alone is weak here (the bias lexicon barely overlaps the annotated
spans); the model learns which cues matter and how spans extend.

The model is linear, so its per-word weights fold into a per-type table:
scoring an article is one cached look-up per token, two bigram look-ups and a
few numpy operations.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from itertools import repeat
from operator import mul
from importlib import resources
from typing import Any

import numpy as np

from .base import ArticleTransformer, Extraction, Span, per_100
from .lexicons import lexicon_json, lexicon_lines
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

@lru_cache(maxsize=1)
def bias_lexicon() -> frozenset[str]:
    """Recasens et al. (2013) bias-inducing lemmas."""
    return frozenset(w.lower() for w in lexicon_lines("loaded_bias_recasens2013_v1.txt"))


@lru_cache(maxsize=1)
def charged_lexicon() -> tuple[dict[str, tuple[str, str]], tuple[tuple[str, str, str], ...]]:
    """relscore's charged/judgmental words: exact entries and '*' prefixes,
    each with its label and an optional context condition."""
    exact: dict[str, tuple[str, str]] = {}
    prefixes: list[tuple[str, str, str]] = []
    for ln in lexicon_lines("loaded_charged_v1.txt"):
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
    d = lexicon_json("loaded_clusters_v1.json")
    return dict(zip(d["words"].split("\n"), zip(d["c256"], d["c1024"])))


@lru_cache(maxsize=1)
def intensifiers() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon_lines("loaded_intensifiers_v1.txt"))


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


@lru_cache(maxsize=65536)
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
    return _token_features(raw)[0]


def context_features(raw: str) -> dict[str, float]:
    """Features a token contributes to its neighbours' scores (a smaller set)."""
    return _token_features(raw)[1]


def _token_features(raw: str) -> tuple[dict[str, float], dict[str, float]]:
    """(type_features, context_features) of a token string, sharing the look-ups."""
    w = raw.lower()
    if raw == PAD:
        return {"w=" + PAD: 1.0}, {"w=" + PAD: 1.0}
    s = stem(w)
    f: dict[str, float] = {"w=" + w: 1.0, "s=" + s: 1.0, "x3=" + w[-3:]: 1.0, "x4=" + w[-4:]: 1.0,
                           "shape=" + _shape(raw): 1.0, "len=%d" % min(len(w), 12): 1.0}
    ctx: dict[str, float] = {"w=" + w: 1.0}
    v = valence(w)
    if v is None:
        f["v=none"] = 1.0
    else:
        f["v=%d" % round(v)] = 1.0
        f["vabs"] = abs(v) / 4.0
        f["vneg" if v < 0 else "vpos"] = 1.0
        ctx["v=%d" % round(v)] = 1.0
    bias = bias_lexicon()
    if w in bias:
        f["bias_lex"] = 1.0
        ctx["bias_lex"] = 1.0
    elif s in bias:
        f["bias_lex"] = 1.0
    lab = charged_label(w)
    if lab:
        f["charged=" + lab] = 1.0
        ctx["charged"] = 1.0
    if w in intensifiers():
        f["intensifier"] = 1.0
        ctx["intensifier"] = 1.0
    if is_superlative(w):
        f["superlative"] = 1.0
    if w in _FUNCTION_WORDS:
        f["function"] = 1.0
        ctx["function"] = 1.0
    clusters = word_clusters()
    own = clusters.get(w)
    cl = own or clusters.get(s)
    if cl is None:
        f["c=none"] = 1.0
    else:
        f["c256=%d" % cl[0]] = 1.0
        f["c1024=%d" % cl[1]] = 1.0
    if own is not None:
        ctx["c256=%d" % own[0]] = 1.0
    return f, ctx


# ---------------------------------------------------------------------------
# Positions

def token_strings(doc: Doc) -> list[str]:
    """The token strings of ``doc`` (the parser's list when it has one: do not modify it)."""
    if len(doc.words) == len(doc.tokens):
        return doc.words
    t = doc.text
    return [t[s:e] for s, e in doc.tokens]


#: Dense per-token features beyond POSITION_FEATURES: how opinionated the whole
#: article is (annotators mark loaded words far more densely in opinion pieces),
#: where in its sentence the word sits, and the valence of its neighbourhood.
CONTEXT_FEATURES: tuple[str, ...] = (
    "article_mean_abs_valence", "article_valence_word_share", "article_charged_rate",
    *(f"sentence_position_{i}" for i in range(5)), *(f"sentence_length_{i}" for i in range(7)),
    "window_abs_valence",
)
DENSE_FEATURES: tuple[str, ...] = POSITION_FEATURES + CONTEXT_FEATURES
#: Article-level rates are read over at least this many tokens (see position_matrix).
_MIN_ARTICLE_TOKENS = 100
#: Per-token values of a typical article (medians over PTC train): mean |VADER
#: valence|, share of words with a valence, share of charged-lexicon words.
_TYPICAL_ABS_VALENCE = 0.13
_TYPICAL_VALENCE_SHARE = 0.078
_TYPICAL_CHARGED_SHARE = 0.0015
_QUOTE_CODES = np.array(sorted(ord(c) for c in _QUOTE_CHARS), dtype=np.uint32)


def _window_sum(x: np.ndarray, k: int) -> np.ndarray:
    """Sum of x over [i-k, i+k] for every i (clipped at the ends)."""
    c = np.concatenate([[0.0], np.cumsum(x)])
    i = np.arange(len(x))
    return c[np.minimum(i + k + 1, len(x))] - c[np.maximum(i - k, 0)]


def _lede_end(doc: Doc) -> int:
    """End of the first paragraph; for a text that arrives as one block (its breaks lost), the
    end of its second sentence, a lede's usual length, so the block is not all "first paragraph"."""
    if len(doc.paragraphs) == 1 and len(doc.sentences) > 3:
        return doc.sentences[1][1]
    return doc.paragraphs[0][1]


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def position_matrix(doc: Doc, abs_valence: np.ndarray | None = None, capitalised: np.ndarray | None = None,
                    charged: np.ndarray | None = None, words: list[str] | None = None) -> np.ndarray:
    """Dense per-token features (columns: DENSE_FEATURES). ``capitalised`` and
    ``charged`` (per-token flags) are computed from the text when not given."""
    n = len(doc.tokens)
    out = np.zeros((n, len(DENSE_FEATURES)), dtype=float)
    if n == 0:
        return out
    text = doc.text
    starts = np.asarray(doc.tok_starts, dtype=np.int64) if len(doc.tok_starts) == n else \
        np.fromiter((s for s, _ in doc.tokens), dtype=np.int64, count=n)
    if words is not None:
        ends = starts + np.fromiter(map(len, words), dtype=np.int64, count=n)
    else:
        ends = np.fromiter((e for _, e in doc.tokens), dtype=np.int64, count=n)
    va = abs_valence if abs_valence is not None else np.zeros(n)
    col = {name: i for i, name in enumerate(DENSE_FEATURES)}
    for r in doc.quotes:
        a, b = np.searchsorted(starts, r.start), np.searchsorted(starts, r.end)
        if b > a:
            c = {"direct": "in_direct_quote", "scare": "in_scare_quote"}.get(r.label, "in_paraphrase")
            out[a:b, col[c]] = 1.0
    if doc.sentences:
        ns = len(doc.sentences)
        sst = np.fromiter((s for s, _ in doc.sentences), dtype=np.int64, count=ns)
        sidx = np.searchsorted(sst, starts, side="right") - 1
        sidx[sidx < 0] = 0
        exc = np.fromiter(("!" in text[s:e] for s, e in doc.sentences), dtype=bool, count=ns)
        que = np.fromiter(("?" in text[s:e] for s, e in doc.sentences), dtype=bool, count=ns)
        out[:, col["sentence_has_exclamation"]] = exc[sidx]
        out[:, col["sentence_has_question"]] = que[sidx]
        first = np.ones(n, dtype=bool)
        first[1:] = sidx[1:] != sidx[:-1]
        out[:, col["sentence_first"]] = first
        cnt = np.bincount(sidx, minlength=ns)
        tot = np.bincount(sidx, weights=va, minlength=ns)
        out[:, col["sentence_mean_abs_valence"]] = (tot / np.maximum(cnt, 1))[sidx] / 4.0
        first_tok = np.searchsorted(sidx, np.arange(ns))
        length = cnt[sidx]
        rel = (np.arange(n) - first_tok[sidx]) / np.maximum(length, 1)
        pos_bin = np.minimum((rel * 5).astype(np.int64), 4)
        len_bin = np.minimum(length // 8, 6)
    else:
        first = np.zeros(n, dtype=bool)
        first[0] = True
        out[:, col["sentence_first"]] = first
        pos_bin = np.minimum((np.arange(n) * 5) // n, 4)
        len_bin = np.full(n, min(n // 8, 6))
    c0, l0 = col["sentence_position_0"], col["sentence_length_0"]
    rows = np.arange(n)
    out[rows, c0 + pos_bin] = 1.0
    out[rows, l0 + len_bin] = 1.0
    if capitalised is None:
        capitalised = np.fromiter((text[s].isupper() for s in starts.tolist()), dtype=bool, count=n)
    out[:, col["capitalised_inside_sentence"]] = capitalised & ~first
    if doc.paragraphs:
        out[:, col["in_first_paragraph"]] = starts < _lede_end(doc)
    cps = _codepoints(text)
    L = len(text)
    before = np.isin(cps[np.maximum(starts - 1, 0)], _QUOTE_CODES) & (starts > 0)
    after = np.isin(cps[np.minimum(ends, L - 1)], _QUOTE_CODES) & (ends < L)
    out[:, col["quote_mark_before"]] = before
    out[:, col["quote_mark_after"]] = after
    if charged is None:
        charged = np.fromiter((charged_entry(text[s:e].lower()) is not None for s, e in doc.tokens), dtype=bool, count=n)
    # A short text's own rates are noise (one charged word in a one-line text would
    # read as the most opinionated article there is), so texts shorter than
    # _MIN_ARTICLE_TOKENS are padded with a typical article's values. Every PTC
    # article is longer, so the trained weights see the same features as before.
    pad = max(0, _MIN_ARTICLE_TOKENS - n)
    denom = n + pad
    out[:, col["article_mean_abs_valence"]] = (va.sum() + pad * _TYPICAL_ABS_VALENCE) / denom
    out[:, col["article_valence_word_share"]] = (np.count_nonzero(va) + pad * _TYPICAL_VALENCE_SHARE) / denom
    out[:, col["article_charged_rate"]] = (np.count_nonzero(charged) + pad * _TYPICAL_CHARGED_SHARE) / denom * 10.0
    out[:, col["window_abs_valence"]] = np.minimum(_window_sum(va, 3), 12.0) / 12.0
    return out


def bigram_keys(lowered: list[str]) -> tuple[list[str], list[str]]:
    """Per token, the (word, next word) and (previous word, word) keys of the bigram weights."""
    nxt = lowered[1:] + ["<e>"]
    prv = ["<s>"] + lowered[:-1]
    return [f"{a}|{b}" for a, b in zip(lowered, nxt)], [f"{a}|{b}" for a, b in zip(prv, lowered)]


# ---------------------------------------------------------------------------
# The model

# Columns of a token type's cached row after the score columns (see LoadedModel._type_row).
_R_ABSVAL, _R_FORCED, _R_POSS, _R_FUNC, _R_INT, _R_SUP, _R_MOST, _R_ADJ, _R_CAP, _R_CHARGED, _R_NOISE = range(11)
_N_FLAGS = 11


def is_spelling_noise(raw: str) -> bool:
    """A lower-case word (or hyphenated part) that no English word list knows:
    a typo such as "broight". Unknown words carry the model's out-of-vocabulary
    cues (no cluster, no valence), which say nothing about judgment, so they
    never seed or join a loaded span. Capitalised tokens (names) are left alone."""
    if not raw.islower():
        return False
    from .style import is_known_word  # late import: style pulls in the insertion rules

    for part in raw.replace("’", "'").split("-"):
        part = part.split("'", 1)[0]
        if len(part) >= 3 and part.isalpha() and charged_entry(part) is None and not is_known_word(part):
            return True
    return False


def _type_flags(raw: str) -> tuple[float, ...]:
    """Per-type cues the decoder and the rate features need, computed once per word."""
    w = raw.lower()
    va = valence(w)
    hit = charged_entry(w)
    forced = 0.0 if hit is None else (2.0 if hit[1] == "after_possessive" else 1.0)
    adj = w not in _FUNCTION_WORDS and (va is not None or w.endswith(_ADJ_ENDINGS))
    most = w in ("most", "least")  # counted only before a content word
    sup = not most and (w[-3:] == "est" or w in _IRREGULAR_SUPERLATIVES) and is_superlative(w)
    return (abs(va) if va is not None else 0.0, forced, float(raw.endswith(("'s", "’s", "s'"))),
            float(w in _FUNCTION_WORDS), float(w in intensifiers()), float(sup), float(most),
            float(adj), float(raw[:1].isupper()), float(hit is not None), float(is_spelling_noise(raw)))


class LoadedModel:
    """A trained token scorer with its span decoding settings.

    ``blocks`` maps an offset ("0" for the token itself, "-1", "+1", ...) to
    feature weights; ``position`` holds the weights of DENSE_FEATURES;
    ``bigrams`` (optional) maps "next" / "prev" to weights of lower-cased
    "word|next" and "previous|word" keys.
    """

    def __init__(self, bias: float, blocks: dict[str, dict[str, float]], position: dict[str, float],
                 decode: dict[str, Any], meta: dict[str, Any] | None = None,
                 bigrams: dict[str, dict[str, float]] | None = None):
        self.bias = float(bias)
        self.blocks = blocks
        self.position = np.array([position.get(n, 0.0) for n in DENSE_FEATURES], dtype=float)
        self.decode = dict(decode)
        self.meta = meta or {}
        self.bigrams = bigrams or {}
        self._offsets = [int(k) for k in blocks if k != "0"]
        self._pairs: tuple[dict[tuple[str, str], int], np.ndarray] | None = None
        self._clear_cache()

    def _clear_cache(self) -> None:
        # Type rows live in one growing array; tokens map to row numbers, so an
        # article's rows are a single fancy-indexing step.
        self._index: dict[str, int] = {}
        self._table = np.zeros((1024, 1 + len(self._offsets) + _N_FLAGS))

    def _pair_table(self) -> tuple[dict[tuple[str, str], int], np.ndarray]:
        """The bigram weights as (word, next word) -> row of a (pairs + 1) x 2 array of
        ("next", "prev") weights, the last row all zero: one look-up per adjacent pair."""
        if self._pairs is None:
            nxt, prv = self.bigrams.get("next", {}), self.bigrams.get("prev", {})
            index: dict[tuple[str, str], int] = {}
            rows: list[tuple[float, float]] = []
            for key in {**nxt, **prv}:
                parts = key.split("|")
                if len(parts) == 2:  # tokens never contain "|": other keys cannot match
                    index[(parts[0], parts[1])] = len(rows)
                    rows.append((nxt.get(key, 0.0), prv.get(key, 0.0)))
            weights = np.zeros((len(rows) + 1, 2))
            if rows:
                weights[:-1] = rows
            self._pairs = index, weights
        return self._pairs

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "LoadedModel":
        if d.get("format") != MODEL_FORMAT:
            raise ValueError(f"loaded-language model format {d.get('format')!r}; expected {MODEL_FORMAT!r}")
        return cls(d["bias"], d["blocks"], d["position"], d["decode"], d.get("meta"), d.get("bigrams"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT, "meta": self.meta, "bias": self.bias, "decode": self.decode,
            "position": dict(zip(DENSE_FEATURES, map(float, self.position))), "blocks": self.blocks,
            "bigrams": self.bigrams,
        }

    def _type_row(self, raw: str) -> tuple[float, ...]:
        """(own score, score given to each neighbour offset..., flags...) of a token string."""
        tf, ctx = _token_features(raw)
        # sum(weight * value) in feature order, with map so no Python frame runs per feature
        own = sum(map(mul, map(self.blocks["0"].get, tf, repeat(0.0)), tf.values()))
        # Weight of this token's features when it sits at offset -o from the scored token.
        keys, vals = list(ctx), list(ctx.values())
        nb = [sum(map(mul, map(self.blocks[f"{o:+d}"].get, keys, repeat(0.0)), vals)) for o in self._offsets]
        return (own, *nb, *_type_flags(raw))

    def _add_type(self, raw: str) -> int:
        i = self._index.get(raw)  # a new word met twice in one article is added once
        if i is not None:
            return i
        i = len(self._index)
        if i >= len(self._table):
            self._table = np.vstack([self._table, np.zeros_like(self._table)])
        self._table[i] = self._type_row(raw)
        self._index[raw] = i
        return i

    def type_rows(self, words: list[str]) -> np.ndarray:
        """The per-type rows of ``words`` as one array (tokens x columns)."""
        idx = list(map(self._index.get, words))
        if None in idx:
            if len(self._index) > 150_000:  # bound memory on endless streams of new words
                self._clear_cache()
                idx = [None] * len(words)
            idx = [self._add_type(t) if i is None else i for t, i in zip(words, idx)]
        return self._table[np.array(idx, dtype=np.int64)]

    def flags(self, rows: np.ndarray, j: int) -> np.ndarray:
        """Column ``j`` (one of the _R_* flags) of ``type_rows`` output."""
        return rows[:, 1 + len(self._offsets) + j]

    def token_probabilities(self, doc: Doc, words: list[str] | None = None,
                            rows: np.ndarray | None = None) -> np.ndarray:
        """Probability that each token of ``doc`` is part of loaded language
        (``words``/``rows``: the token strings and their type rows, when the caller has them)."""
        n = len(doc.tokens)
        if n == 0:
            return np.zeros(0)
        words = words if words is not None else token_strings(doc)
        rows = rows if rows is not None else self.type_rows(words)
        score = self.bias + rows[:, 0]
        pad = self.type_rows([PAD])[0]
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
        if self.bigrams:
            lowered = doc.lowered if words is doc.words else [w.lower() for w in words]
            index, weights = self._pair_table()
            # Pair i is (word i-1, word i) with sentinels at both ends: the "next" weight of
            # token i is that of pair i+1, its "prev" weight that of pair i.
            ids = np.fromiter(map(index.get, zip(["<s>", *lowered], [*lowered, "<e>"]), repeat(len(weights) - 1)),
                              dtype=np.int64, count=n + 1)
            score += weights[ids[1:], 0]
            score += weights[ids[:-1], 1]
        dense = position_matrix(doc, self.flags(rows, _R_ABSVAL), self.flags(rows, _R_CAP) > 0,
                                self.flags(rows, _R_CHARGED) > 0, words)
        score += dense @ self.position
        return 1.0 / (1.0 + np.exp(-np.clip(score, -30, 30)))


@lru_cache(maxsize=1)
def load_model() -> LoadedModel:
    """The shipped model (features/lexicons/loaded_model_v1.json), loaded once."""
    return LoadedModel.from_dict(lexicon_json(MODEL_RESOURCE))


# ---------------------------------------------------------------------------
# Spans

_JOINABLE_GAP = re.compile(r"^[\s\-–—'’]*$")


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
    for k, r in enumerate(doc.quotes, start=1):
        a, b = np.searchsorted(starts, r.start), np.searchsorted(starts, r.end)
        zone[a:b] = k
    return zone


def decode_spans(doc: Doc, probs: np.ndarray, t_hi: float, t_lo: float, forced: np.ndarray | None = None,
                 max_gap_chars: int = 3, function: np.ndarray | None = None, blocked: np.ndarray | None = None,
                 zones: np.ndarray | None = None) -> list[tuple[int, int, float]]:
    """Token probabilities -> (first token, last token + 1, max probability) runs.

    Tokens at or above ``t_hi`` (or ``forced``) seed a span; neighbours at or
    above ``t_lo`` extend it while only spaces or dashes separate the words.
    With ``function`` flags, function words at either edge are trimmed off
    (gold spans rarely end in "the"/"of", and precision is per character).
    ``blocked`` tokens (spelling noise) neither seed nor extend a span;
    with ``zones`` (see ``voice_zones``) a span stays inside one quotation zone.
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
        while a > 0 and ext[a - 1] and join[a] and _joinable(text, toks[a - 1][1], toks[a][0], max_gap_chars):
            a -= 1
        b = k + 1
        while b < n and ext[b] and join[b] and _joinable(text, toks[b - 1][1], toks[b][0], max_gap_chars):
            b += 1
        if runs and a <= runs[-1][1] - 1:
            a = runs[-1][0]
            runs.pop()
        runs.append((a, b, float(probs[a:b].max())))
        taken_to = b
    if function is not None:
        runs = [_trim(a, b, p, function, forced) for a, b, p in runs]
    return runs


def _trim(a: int, b: int, p: float, function: np.ndarray, forced: np.ndarray | None) -> tuple[int, int, float]:
    keep = function if forced is None else function & ~forced
    while b - a > 1 and keep[a]:
        a += 1
    while b - a > 1 and keep[b - 1]:
        b -= 1
    return a, b, p


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
        function = np.fromiter((w.lower() in _FUNCTION_WORDS for w in words), dtype=bool, count=len(words))
    if forced is None:
        forced = _forced(words)
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
    the same function): spelling noise blocked, one quotation zone per span."""
    return decode_spans(doc, probs, decode["t_hi"], decode["t_lo"],
                        (forced & ~blocked) if decode.get("force_charged", True) else None,
                        int(decode.get("max_gap_chars", 3)), function if decode.get("trim", False) else None,
                        blocked, voice_zones(doc))


def _spans_and_rows(doc: Doc, model: LoadedModel, words: list[str]) -> tuple[list[Span], np.ndarray]:
    rows = model.type_rows(words)
    probs = model.token_probabilities(doc, words, rows)
    forced = forced_from_flags(model.flags(rows, _R_FORCED), model.flags(rows, _R_POSS))
    spans = spans_from_probabilities(doc, probs, model.decode, words, forced, model.flags(rows, _R_FUNC) > 0,
                                     model.flags(rows, _R_NOISE) > 0)
    return spans, rows


def find_loaded(doc: Doc, model: LoadedModel | None = None, words: list[str] | None = None) -> list[Span]:
    """Loaded-language spans of ``doc`` (the shipped model unless one is given)."""
    words = words if words is not None else token_strings(doc)
    return _spans_and_rows(doc, model or load_model(), words)[0]


# A single lower-case word in single quotation marks ("the 2018 ‘treaty’"). Double
# marks are how news quotes people, so a word in them is usually a speaker's word
# quoted in part ("criticized Turkey’s “aggressive” intervention"); single marks
# outside any quotation are the writer's own.
_QUOTED_WORD_RE = re.compile(r"(?<![\w’'])(?:‘([a-z][a-z\-]{2,})’|'([a-z][a-z\-]{2,})')(?![\w’'])")
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


def extract_loaded(doc: Doc, model: LoadedModel | None = None) -> Extraction:
    """Loaded-language spans and per-article rates (author vs quoted voice)."""
    model = model or load_model()
    words = token_strings(doc)
    spans, rows = _spans_and_rows(doc, model, words)
    n = doc.n_words
    quoted_words = doc.quoted_words() if n else 0
    author_words = max(n - quoted_words, 0)
    n_author = sum(1 for s in spans if s.voice == "author")
    n_quoted = len(spans) - n_author
    n_int = int(model.flags(rows, _R_INT).sum()) if len(rows) else 0
    n_sup = _count_superlatives(model, rows)
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


def _count_superlatives(model: LoadedModel, rows: np.ndarray) -> int:
    """'-est' superlatives, best/worst, and "most"/"least" before a content word."""
    if len(rows) == 0:
        return 0
    most = model.flags(rows, _R_MOST) > 0
    adj_next = np.zeros(len(rows), dtype=bool)
    adj_next[:-1] = model.flags(rows, _R_ADJ)[1:] > 0
    return int((model.flags(rows, _R_SUP) > 0).sum() + (most & adj_next).sum())


_ADJ_ENDINGS = ("ous", "ive", "ful", "able", "ible", "al", "ic", "ant", "ent", "less", "ing", "ed", "y")


class LoadedFeatures(ArticleTransformer):
    """Loaded-language rates per article (see LOADED_FEATURES)."""

    feature_names = LOADED_FEATURES

    def _features(self, text: str) -> dict[str, float]:
        from .insertions import clean_doc  # late import: insertions may import text helpers only

        doc, _ = clean_doc(text)
        return extract_loaded(doc).features
