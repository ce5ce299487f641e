"""The loaded-language token model: a linear scorer over each token's word cues, its
neighbours' cues, word bigrams and dense position features, folded into a per-type table so
scoring an article is one cached look-up per token plus a few numpy operations.
"""
from __future__ import annotations

import json
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from .lexicons import lexicon_arrays
from .loaded_rows import TypeScorer
from .loaded_words import (
    FUNCTION_WORDS, PAD, WordCues, charged_entry, intensifiers, is_spelling_noise, token_strings, word_cues,
)
from .text import Doc

MODEL_RESOURCE = "loaded_model_v1.npz"
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
#: Bigram weights by table ("next", "prev") and lower-cased "a|b" key.
BigramWeights = dict[str, dict[str, float]]
_QUOTE_CHARS = frozenset("\"“”‘’'«»")

_ADJ_ENDINGS = ("ous", "ive", "ful", "able", "ible", "al", "ic", "ant", "ent", "less", "ing", "ed", "y")


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
# Whether a code point is a quotation mark, by table look-up: every code past the table's end is not.
_QUOTE_TABLE = np.zeros(max(map(ord, _QUOTE_CHARS)) + 2, dtype=bool)
_QUOTE_TABLE[[ord(c) for c in _QUOTE_CHARS]] = True
_COL = {name: i for i, name in enumerate(DENSE_FEATURES)}
_REGION_COLUMN = {"direct": _COL["in_direct_quote"], "scare": _COL["in_scare_quote"]}


def _is_quote_mark(codes: np.ndarray) -> np.ndarray:
    return _QUOTE_TABLE[np.minimum(codes, len(_QUOTE_TABLE) - 1)]


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


def _marked_sentences(text: str, sentences: list[tuple[int, int]], mark: str,
                      codes: np.ndarray | None = None) -> np.ndarray:
    """Per sentence, whether the one-character ``mark`` occurs in it (``codes``: the text's
    code points, when the caller has them: the marks are then found by one numpy comparison)."""
    ns = len(sentences)
    if mark not in text:
        return np.zeros(ns, dtype=bool)
    at = np.flatnonzero((codes if codes is not None else _codepoints(text)) == ord(mark))
    bounds = np.array(sentences, dtype=np.int64).reshape(ns, 2)
    return np.searchsorted(at, bounds[:, 1]) > np.searchsorted(at, bounds[:, 0])


def _quote_columns(doc: Doc, starts: np.ndarray, out: np.ndarray) -> None:
    """Set the in-quote columns of the tokens of each quotation region."""
    if not doc.quotes:
        return
    first = np.searchsorted(starts, [r.start for r in doc.quotes]).tolist()
    last = np.searchsorted(starts, [r.end for r in doc.quotes]).tolist()
    for r, a, b in zip(doc.quotes, first, last):
        if b > a:
            out[a:b, _REGION_COLUMN.get(r.label, _COL["in_paraphrase"])] = 1.0


def position_matrix(doc: Doc, abs_valence: np.ndarray | None = None, capitalised: np.ndarray | None = None,
                    charged: np.ndarray | None = None, words: list[str] | None = None,
                    lengths: np.ndarray | None = None) -> np.ndarray:
    """Dense per-token features (columns: DENSE_FEATURES). ``capitalised`` and
    ``charged`` (per-token flags) are computed from the text when not given; ``words``
    or ``lengths`` (the tokens' lengths) spare reading the token ends."""
    n = len(doc.tokens)
    out = np.zeros((n, len(DENSE_FEATURES)), dtype=float)
    if n == 0:
        return out
    text = doc.text
    starts = np.asarray(doc.tok_starts, dtype=np.int64) if len(doc.tok_starts) == n else \
        np.fromiter((s for s, _ in doc.tokens), dtype=np.int64, count=n)
    if lengths is not None:
        ends = starts + lengths.astype(np.int64)
    elif words is not None:
        ends = starts + np.fromiter(map(len, words), dtype=np.int64, count=n)
    else:
        ends = np.fromiter((e for _, e in doc.tokens), dtype=np.int64, count=n)
    va = abs_valence if abs_valence is not None else np.zeros(n)
    col = _COL
    cps = _codepoints(text)
    _quote_columns(doc, starts, out)
    if doc.sentences:
        ns = len(doc.sentences)
        sst = np.asarray(doc.sent_starts, dtype=np.int64) if len(doc.sent_starts) == ns else \
            np.fromiter((s for s, _ in doc.sentences), dtype=np.int64, count=ns)
        sidx = np.searchsorted(sst, starts, side="right") - 1
        sidx[sidx < 0] = 0
        out[:, col["sentence_has_exclamation"]] = _marked_sentences(text, doc.sentences, "!", cps)[sidx]
        out[:, col["sentence_has_question"]] = _marked_sentences(text, doc.sentences, "?", cps)[sidx]
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
    L = len(text)
    before = _is_quote_mark(cps[np.maximum(starts - 1, 0)]) & (starts > 0)
    after = _is_quote_mark(cps[np.minimum(ends, L - 1)]) & (ends < L)
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


def bigram_words(tables: list[Mapping[str, float]]) -> list[str]:
    """The distinct words of the "a|b" keys of ``tables``, in order of first sight."""
    return list(dict.fromkeys(w for t in tables for k in t for w in k.split("|")))


def bigram_ids(table: Mapping[str, float], words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The (n x 2) ids in ``words`` of the two words of each "a|b" key of ``table``, and the keys' weights."""
    ids = dict(zip(words, range(len(words))))
    pairs = np.fromiter((ids[w] for k in table for w in k.split("|")), dtype=np.uint32, count=2 * len(table))
    return pairs.reshape(-1, 2), np.fromiter(table.values(), dtype=np.float64, count=len(table))


# Columns of a token type's cached row after the score columns (see LoadedModel._type_row):
# flags and cues of the word, then its length and its word id in the bigram table.
ROW_ABSVAL, ROW_FORCED, ROW_POSS, ROW_FUNC, ROW_INT, ROW_SUP, ROW_MOST, ROW_ADJ, ROW_CAP, ROW_CHARGED, ROW_NOISE, \
    ROW_LEN, ROW_PAIR_WORD = range(13)
_N_FLAGS = 13


def _type_flags(raw: str, cues: WordCues | None = None) -> tuple[float, ...]:
    """Per-type cues the decoder and the rate features need, computed once per word
    (``cues``: ``word_cues(raw)`` when the caller has them)."""
    w, _, va, hit, superlative, _ = cues if cues is not None else word_cues(raw)
    forced = 0.0 if hit is None else (2.0 if hit[1] == "after_possessive" else 1.0)
    adj = w not in FUNCTION_WORDS and (va is not None or w.endswith(_ADJ_ENDINGS))
    most = w in ("most", "least")  # counted only before a content word
    sup = not most and superlative
    return (abs(va) if va is not None else 0.0, forced, float(raw.endswith(("'s", "’s", "s'"))),
            float(w in FUNCTION_WORDS), float(w in intensifiers()), float(sup), float(most),
            float(adj), float(raw[:1].isupper()), float(hit is not None), float(is_spelling_noise(raw)))


class PairTable:
    """The bigram weights by word ids: each word of a bigram key has an id (every other word
    the id ``none``), a pair of ids one integer code, and the codes sorted beside their
    ("next", "prev") weights, so an article's pairs are looked up by one ``searchsorted``.

    ``words`` lists the words by id; ``nxt`` and ``prv`` hold the (n x 2) word-id pairs of
    their keys and the keys' weights (the model file stores them so, see ``model_arrays``)."""

    def __init__(self, words: list[str], nxt: tuple[np.ndarray, np.ndarray],
                 prv: tuple[np.ndarray, np.ndarray]) -> None:
        self.words: dict[str, int] = dict(zip(words, range(len(words))))
        self.none = len(self.words)
        self.start, self.end = self.words.get("<s>", self.none), self.words.get("<e>", self.none)
        (next_ids, next_weights), (prev_ids, prev_weights) = nxt, prv
        codes = [self.code(ids[:, 0].astype(np.int64), ids[:, 1]) for ids in (next_ids, prev_ids)]
        # a key in both tables is one code: its row holds both weights
        self.codes, rows = np.unique(np.concatenate(codes), return_inverse=True)
        # the weights of the sorted codes, then one all-zero row for every pair not listed
        self.weights = np.zeros((len(self.codes) + 1, 2))
        self.weights[rows[:len(codes[0])], 0] = next_weights
        self.weights[rows[len(codes[0]):], 1] = prev_weights

    @classmethod
    def from_weights(cls, nxt: Mapping[str, float], prv: Mapping[str, float]) -> "PairTable":
        """The table of "word|next" and "previous|word" weight dicts."""
        # tokens never contain "|": a key that is not two words cannot match
        tables = [{k: w for k, w in t.items() if k.count("|") == 1} for t in (nxt, prv)]
        words = bigram_words(tables)
        return cls(words, *(bigram_ids(t, words) for t in tables))

    def code(self, a: Any, b: Any) -> Any:
        """The integer code of the word-id pair (a, b) (ints or int arrays)."""
        return a * (self.none + 1) + b

    def word_id(self, lowered: str) -> int:
        """The id of a lower-cased word (``none`` when no bigram key holds it)."""
        return self.words.get(lowered, self.none)

    def rows(self, ids: np.ndarray) -> np.ndarray:
        """Per adjacent pair of ``ids`` (word ids with the sentinels at both ends), its row of ``weights``."""
        codes = self.code(ids[:-1], ids[1:])
        if not len(self.codes):
            return np.zeros(len(codes), dtype=np.int64)
        # searched in increasing order: each search then starts where the last ended (about
        # twice as fast on an article's pairs as searching them in text order)
        order = np.argsort(codes)
        pos = np.empty_like(order)
        pos[order] = np.searchsorted(self.codes, codes[order])
        np.minimum(pos, len(self.codes) - 1, out=pos)
        return np.where(self.codes[pos] == codes, pos, len(self.codes))


class LoadedModel:
    """A trained token scorer with its span decoding settings.

    ``blocks`` maps an offset ("0" for the token itself, "-1", "+1", ...) to
    feature weights; ``position`` holds the weights of DENSE_FEATURES;
    ``bigrams`` (optional) maps "next" / "prev" to weights of lower-cased
    "word|next" and "previous|word" keys.
    """

    #: Token types cached at most; past it the cache starts again (memory stays bounded).
    max_types = 150_000

    def __init__(self, bias: float, blocks: dict[str, dict[str, float]], position: dict[str, float],
                 decode: dict[str, Any], meta: dict[str, Any] | None = None,
                 bigrams: BigramWeights | Callable[[], BigramWeights] | None = None,
                 pairs: PairTable | None = None):
        self.bias = float(bias)
        self.blocks = blocks
        self.position = np.array([position.get(n, 0.0) for n in DENSE_FEATURES], dtype=float)
        self.decode = dict(decode)
        self.meta = meta or {}
        # a callable gives the bigram dicts when first asked for: scoring reads ``pairs`` only
        self._bigrams = bigrams or {}
        self._has_bigrams = bool(bigrams)
        self._offsets = [int(k) for k in blocks if k != "0"]
        # the weight dicts of the token itself and of each neighbour offset, in _offsets order
        self._own_weights = blocks["0"]
        self._offset_weights = [blocks[f"{o:+d}"] for o in self._offsets]
        # per context feature, its weight at each neighbour offset (0.0 where an offset lacks it)
        keys = list(set().union(*self._offset_weights))
        self._ctx_weights: dict[str, tuple[float, ...]] = dict(zip(keys, zip(
            *(map(weights.get, keys, repeat(0.0)) for weights in self._offset_weights))))
        self._scorer = TypeScorer(self._own_weights, self._ctx_weights, len(self._offsets))
        if pairs is None:
            pairs = PairTable.from_weights(self.bigrams.get("next", {}), self.bigrams.get("prev", {}))
        self.pairs = pairs
        self._clear_cache()

    @property
    def bigrams(self) -> BigramWeights:
        """The bigram weights by table ("next", "prev") and "a|b" key."""
        if callable(self._bigrams):
            self._bigrams = self._bigrams()
        return self._bigrams

    def _clear_cache(self) -> None:
        # Type rows live in one growing array; tokens map to row numbers, so an
        # article's rows are a single fancy-indexing step.
        self._index: dict[str, int] = {}
        self._table = np.zeros((1024, 1 + len(self._offsets) + _N_FLAGS))

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
        cues = word_cues(raw)
        # nb: the weight of this token's features when it sits at offset -o from the scored token
        own, nb = self._scorer.scores(raw, cues)
        return (own, *nb, *_type_flags(raw, cues), float(len(raw)), float(self.pairs.word_id(cues.lower)))

    def type_rows(self, words: list[str]) -> np.ndarray:
        """The per-type rows of ``words`` as one array (tokens x columns)."""
        index = self._index
        idx = np.fromiter(map(index.get, words, repeat(-1)), dtype=np.int64, count=len(words))
        missing = np.flatnonzero(idx < 0)
        if len(missing):
            if len(index) > self.max_types:  # bound memory on endless streams of new words
                self._clear_cache()
                index, missing = self._index, np.arange(len(words))
            new = list(dict.fromkeys([words[i] for i in missing.tolist()]))  # a word met twice is added once
            first = len(index)
            while first + len(new) > len(self._table):
                self._table = np.vstack([self._table, np.zeros_like(self._table)])
            self._table[first:first + len(new)] = [self._type_row(w) for w in new]
            index.update(zip(new, range(first, first + len(new))))
            idx[missing] = [index[words[i]] for i in missing.tolist()]
        return self._table[idx]

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
        if self._has_bigrams:
            pairs = self.pairs
            word_ids = np.empty(n + 2, dtype=np.int64)
            word_ids[0], word_ids[-1] = pairs.start, pairs.end
            word_ids[1:-1] = self.flags(rows, ROW_PAIR_WORD)
            # Pair i is (word i-1, word i) with sentinels at both ends: the "next" weight of
            # token i is that of pair i+1, its "prev" weight that of pair i.
            ids = pairs.rows(word_ids)
            weights = pairs.weights
            score += weights[ids[1:], 0]
            score += weights[ids[:-1], 1]
        dense = position_matrix(doc, self.flags(rows, ROW_ABSVAL), self.flags(rows, ROW_CAP) > 0,
                                self.flags(rows, ROW_CHARGED) > 0, lengths=self.flags(rows, ROW_LEN))
        score += dense @ self.position
        return 1.0 / (1.0 + np.exp(-np.clip(score, -30, 30)))


# The model file is an .npz of numbers and bytes (read with allow_pickle=False), since its
# 240,000 weights decode several times faster from arrays than from JSON:
#   "header"       UTF-8 JSON of the model dict without its weight tables, plus "tables":
#                  the [group, name] of each table ("blocks"/"0", "bigrams"/"next", ...) in order;
#   "keys_<i>"     UTF-8 bytes of table i's keys joined by "\n" (no key holds a line break);
#   "weights_<i>"  float64 weights of those keys, in the same order.
# A bigram table's keys are word pairs, stored as the pair table reads them:
#   "pair_words"   UTF-8 bytes of the distinct words of all bigram keys joined by "\n";
#   "pairs_<i>"    uint32 (n x 2) ids in "pair_words" of the two words of each key, in key order.
_TABLE_GROUPS = ("blocks", "bigrams")


def model_arrays(d: dict[str, Any]) -> dict[str, np.ndarray]:
    """The arrays of the model file for a model dict (``LoadedModel.to_dict`` output)."""
    tables = [(g, name, weights) for g in _TABLE_GROUPS for name, weights in (d.get(g) or {}).items()]
    header = {k: v for k, v in d.items() if k not in _TABLE_GROUPS}
    header["tables"] = [[g, name] for g, name, _ in tables]
    out = {"header": _utf8(json.dumps(header, ensure_ascii=False))}
    pair_tables = [weights for g, _, weights in tables if g == "bigrams"]
    for g, name, weights in tables:
        if any("\n" in k for k in weights):
            raise ValueError(f"a key of {g}/{name} holds a line break")
        if g == "bigrams" and any(k.count("|") != 1 for k in weights):
            raise ValueError(f"a key of {g}/{name} is not two words joined by '|'")
    words = bigram_words(pair_tables)
    if pair_tables:
        out["pair_words"] = _utf8("\n".join(words))
    for i, (g, name, weights) in enumerate(tables):
        if g == "bigrams":
            out[f"pairs_{i}"], out[f"weights_{i}"] = bigram_ids(weights, words)
        else:
            out[f"keys_{i}"] = _utf8("\n".join(weights))
            out[f"weights_{i}"] = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
    return out


def _utf8(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _lines(array: np.ndarray) -> list[str]:
    text = array.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def _table_arrays(arrays: Mapping[str, np.ndarray], i: int, g: str, name: str,
                  words: list[str]) -> tuple[list[str] | np.ndarray, np.ndarray]:
    """Table i's keys (a bigram table: its word-id pairs) and weights, checked against each other."""
    weights = arrays[f"weights_{i}"]
    if g == "bigrams":
        keys: list[str] | np.ndarray = arrays[f"pairs_{i}"]
        if keys.ndim != 2 or keys.shape[1] != 2 or (len(keys) and int(keys.max()) >= len(words)):
            raise ValueError(f"{g}/{name}: word pairs of shape {keys.shape} outside the {len(words)} pair words")
    else:
        keys = _lines(arrays[f"keys_{i}"]) if len(weights) else []
    if len(keys) != len(weights):
        raise ValueError(f"{g}/{name}: {len(keys)} keys for {len(weights)} weights")
    return keys, weights


def _read_file(arrays: Mapping[str, np.ndarray]) -> tuple[dict[str, Any], list[str], dict[str, tuple[Any, Any]]]:
    """The header dict with the "blocks" tables decoded, the pair words, and each bigram table's
    (word-id pairs, weights) by name."""
    d = json.loads(arrays["header"].tobytes().decode("utf-8"))
    words = _lines(arrays["pair_words"]) if "pair_words" in arrays else []
    pairs: dict[str, tuple[Any, Any]] = {}
    for i, (g, name) in enumerate(d.pop("tables")):
        keys, weights = _table_arrays(arrays, i, g, name, words)
        if g == "bigrams":
            pairs[name] = (keys, weights)
        else:
            d.setdefault(g, {})[name] = dict(zip(keys, weights.tolist()))
    return d, words, pairs


def _bigram_dicts(words: list[str], pairs: dict[str, tuple[Any, Any]]) -> BigramWeights:
    return {name: dict(zip([f"{words[a]}|{words[b]}" for a, b in ids.tolist()], weights.tolist()))
            for name, (ids, weights) in pairs.items()}


def model_dict(arrays: Mapping[str, np.ndarray]) -> dict[str, Any]:
    """The model dict held by the arrays of a model file (inverse of ``model_arrays``)."""
    d, words, pairs = _read_file(arrays)
    if pairs:
        d["bigrams"] = _bigram_dicts(words, pairs)
    return d


def model_from_arrays(arrays: Mapping[str, np.ndarray]) -> LoadedModel:
    """The model of a model file's arrays; the bigram table is built from the stored word pairs,
    and the bigram dicts are decoded only if asked for."""
    d, words, pairs = _read_file(arrays)
    if d.get("format") != MODEL_FORMAT:
        raise ValueError(f"loaded-language model format {d.get('format')!r}; expected {MODEL_FORMAT!r}")
    none = (np.zeros((0, 2), dtype=np.uint32), np.zeros(0))
    table = PairTable(words, pairs.get("next", none), pairs.get("prev", none))
    return LoadedModel(d["bias"], d["blocks"], d["position"], d["decode"], d.get("meta"),
                       (lambda: _bigram_dicts(words, pairs)) if pairs else None, table)


def save_model_file(d: dict[str, Any], path: Path) -> None:
    """Write a model dict as a model file (compressed .npz)."""
    with open(path, "wb") as f:
        np.savez_compressed(f, **model_arrays(d))


@lru_cache(maxsize=1)
def load_model() -> LoadedModel:
    """The shipped model (features/lexicons/loaded_model_v1.npz), loaded once."""
    return model_from_arrays(lexicon_arrays(MODEL_RESOURCE))
