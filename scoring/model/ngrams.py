"""Word n-gram count matrices of fitted vectorisers, the n-grams looked up as token-id pairs.

scikit-learn's ``CountVectorizer.transform`` builds a Python string for every bigram of every
text and looks each up in the vocabulary; most are not in it. ``NgramCounts`` tokenises each
text with the vectoriser's own preprocessor and tokenizer (once per analyzer setting, shared
between vectorisers, as ``TermCounts`` does), maps the tokens to ids of the vocabulary's words
and finds the vocabulary's unigrams and bigrams among the ids with numpy. A word n-gram is, by
scikit-learn's definition, the tokens of a run joined by one space, and the tokens of the
patterns below hold no space, so the two give the same matrix (tested against ``transform``).
Vectorisers of other settings are counted by ``TermCounts``.
"""
from __future__ import annotations

import copy
import re
import weakref
from itertools import chain, repeat
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from scoring.model.wording import TermCounts, analyzer_key, strip_accents_unicode

#: Fewer texts than this are counted by ``TermCounts`` while a vectoriser has no id table yet: building
#: one takes about as long as counting 30 texts the other way (so a run of five articles builds none).
MIN_TEXTS_FOR_TABLE = 32
#: Token patterns whose tokens cannot hold a space (so a vocabulary term splits into its words):
#: scikit-learn's default and the whitespace-separated ids of the cluster and URL inputs.
SPACELESS_PATTERNS = (r"(?u)\b\w\w+\b", r"\S+")
# The same tokens as those patterns, found faster: a maximal run of word characters is what both
# ends of "\b\w\w+\b" pin down, and a scan from the left only ever starts a match at a run's first
# character, so the word boundaries test nothing ``\w\w+`` does not; ``\S+`` splits where Python's
# ``str.split`` does (both read ``str.isspace``).
_DEFAULT_TOKENS = re.compile(r"\w\w+")


def _spaceless_tokenizer(pattern: str) -> Callable[[str], list[str]] | None:
    """The tokenizer of a ``SPACELESS_PATTERNS`` token pattern, faster than the pattern's own
    ``findall`` with the same tokens; None for another pattern."""
    if pattern == SPACELESS_PATTERNS[0]:
        return _DEFAULT_TOKENS.findall
    if pattern == SPACELESS_PATTERNS[1]:
        return str.split
    return None


class _Table:
    """A vocabulary as ids: each word of its terms an id, each unigram's column by word id and
    each bigram's column by its pair code (first id * number of words + second id). Its words
    also hold an id in ``words``, the index shared by every vectoriser of one analyzer setting,
    so that a text's tokens are looked up once for all of them (``local_ids``)."""

    def __init__(self, vocabulary: dict[str, int], bigrams: bool, words: dict[str, int]) -> None:
        self.vocabulary = vocabulary  # the dict it was built from, to notice a replaced one
        self.words = words
        ids: dict[str, int] = {}
        uni_ids, uni_cols, pairs, pair_cols = [], [], [], []
        setdefault = ids.setdefault
        for term, col in vocabulary.items():
            first, _, second = term.partition(" ")
            if second and not bigrams:
                continue  # a term the vectoriser's analyzer never makes
            a = setdefault(first, len(ids))
            if second:  # a second part with a space in it is no token: its id is never read
                pairs.append((a, setdefault(second, len(ids))))
                pair_cols.append(col)
            else:
                uni_ids.append(a)
                uni_cols.append(col)
        self.n_words = n = len(ids)
        # the shared index's id of each word, in the order of this table's ids
        add = words.setdefault
        self.shared = np.array([add(w, len(words)) for w in ids], dtype=np.int64)
        self._local = np.zeros(0, dtype=np.int64)
        # one slot more, so the id -1 of an unknown word reads column -1 (none); columns as int32, so
        # that a batch's codes are int32 too where they fit (``codes_of``: half the bytes to sort)
        self.unigram = np.full(n + 1, -1, dtype=np.int32)
        self.unigram[uni_ids] = uni_cols
        # a hash index of the pair codes: a sorted search would read memory at random for every pair
        self.codes = pd.Index(np.array([a * n + b for a, b in pairs], dtype=np.int64))
        self.pair_cols = np.asarray(pair_cols, dtype=np.int32)
        # words that start or end some bigram: only pairs of them are looked up
        self.first = np.zeros(n + 1, dtype=bool)
        self.second = np.zeros(n + 1, dtype=bool)
        for a, b in pairs:
            self.first[a] = self.second[b] = True

    def local_ids(self, shared_ids: np.ndarray) -> np.ndarray:
        """This table's ids of words given by their ids in the shared index (-1: unknown to it)."""
        if len(self._local) != len(self.words) + 1:  # the index grew since: words of other tables
            self._local = np.full(len(self.words) + 1, -1, dtype=np.int64)  # the last slot reads id -1
            self._local[self.shared] = np.arange(self.n_words, dtype=np.int64)
        return self._local[shared_ids]

    def codes_of(self, ids: np.ndarray, rows: np.ndarray, n_cols: int) -> np.ndarray:
        """The sorted codes (row * ``n_cols`` + column) of every vocabulary unigram and bigram among
        token ``ids`` (all texts' tokens in a row, ``rows`` the text of each), once per occurrence; of
        ``rows``' integer type (``code_rows``)."""
        uni = self.unigram[ids]
        keep = uni >= 0
        found = [rows[keep] * n_cols + uni[keep]]
        if len(ids) > 1 and len(self.codes):
            a, b = ids[:-1], ids[1:]
            ok = np.flatnonzero((rows[:-1] == rows[1:]) & self.first[a] & self.second[b])
            at = self.codes.get_indexer(a[ok] * self.n_words + b[ok])
            hit = at >= 0
            found.append(rows[ok[hit]] * n_cols + self.pair_cols[at[hit]])
        codes = np.concatenate(found)
        codes.sort()
        return codes


_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: The shared word index of each analyzer setting (``_token_key``): word -> id. Ids only grow while
#: the index lives; it is replaced by an empty one when a new table finds that most of its words
#: belong to tables dropped since (``_index_for``), so it stays within twice the live tables' words.
_WORDS: dict[tuple, dict[str, int]] = {}


def _token_key(vectorizer: CountVectorizer) -> tuple:
    """The analyzer setting that decides a text's tokens (the n-gram range and analyzer aside)."""
    return analyzer_key(vectorizer)[:-2]  # type: ignore[index]


def _index_for(key: tuple) -> dict[str, int]:
    """The shared word index of setting ``key`` for a table about to be built: the current one, or an
    empty one when the tables still using it hold fewer than half its words (the rest are words of
    vectorisers gone since, as in cross-validation, where every fold fits new ones). Live tables of
    the old index are built again on their next use."""
    words = _WORDS.get(key)
    if words is None or len(words) > 2 * sum(t.n_words for t in list(_TABLES.values()) if t.words is words):
        words = _WORDS[key] = {}
    return words


def _table(vectorizer: CountVectorizer) -> _Table:
    table = _TABLES.get(vectorizer)
    key = _token_key(vectorizer)
    if table is None or table.vocabulary is not vectorizer.vocabulary_ or table.words is not _WORDS.get(key):
        table = _TABLES[vectorizer] = _Table(vectorizer.vocabulary_, tuple(vectorizer.ngram_range)[1] == 2,
                                             _index_for(key))
    return table


def _matrix_of_ids(vectorizer: CountVectorizer, table: _Table, ids: np.ndarray, lengths: np.ndarray
                   ) -> sparse.csr_matrix:
    """The count matrix of texts given as ``table``'s ids of their tokens (all texts' in a row,
    ``lengths`` the number of each text's)."""
    n_texts, n_cols = len(lengths), len(vectorizer.vocabulary_)
    codes = table.codes_of(ids, code_rows(n_texts, n_cols, lengths), n_cols)
    # runs of one code are one term's count in one text
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else np.zeros(0, np.int64)
    counts = np.diff(np.r_[starts, len(codes)])
    rows, cols = np.divmod(codes[starts], n_cols)
    indptr = np.searchsorted(rows, np.arange(n_texts + 1))
    m = sparse.csr_matrix((counts.astype(vectorizer.dtype), cols.astype(np.int32), indptr.astype(np.int32)),
                          shape=(n_texts, n_cols), dtype=vectorizer.dtype)
    if vectorizer.binary:
        m.data.fill(1)
    return m


def code_rows(n_texts: int, n_cols: int, lengths: np.ndarray) -> np.ndarray:
    """The text of each token (text ``i`` repeated ``lengths[i]`` times), as int32 when every code
    row * ``n_cols`` + column of the batch fits in it (a batch of 128 texts and 40,000 columns does),
    else int64: the codes are sorted, and int32 sorts in about half the time."""
    dtype = np.int32 if n_texts * n_cols < 2**31 else np.int64
    return np.repeat(np.arange(n_texts, dtype=dtype), lengths)


#: Per vectoriser, the dict that takes a word straight to its table id through a mapping
#: (``NgramCounts.mapped_matrix``), with the table, the mapping and the default it was made for.
_COMPOSED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _composed(vectorizer: CountVectorizer, mapping: dict[str, str], default: str
              ) -> tuple[_Table, Callable[..., Any], int] | None:
    """``vectorizer``'s table, the ``get`` of a dict from each word of ``mapping`` to the table id of
    its value (-1: no word of the table), and the id of ``default`` (which the words the dict lacks
    read); None when some value would not be one token of its own under ``vectorizer``'s analyzer."""
    table = _table(vectorizer)
    got = _COMPOSED.get(vectorizer)
    if got is not None and got[0] is table and got[1] is mapping and got[2] == default:
        return got[3]
    prep, tokenize = _token_functions(vectorizer)
    values = list(dict.fromkeys([*mapping.values(), default]))
    if any(tokenize(prep(v)) != [v] for v in values):
        return None
    local = table.local_ids(np.fromiter(map(table.words.get, values, repeat(-1)), dtype=np.int64,
                                        count=len(values))).tolist()
    of_value = dict(zip(values, local))
    missing = of_value[default]
    # a word whose value reads as the default's id needs no entry of its own
    to_id = {w: i for w, v in mapping.items() if (i := of_value[v]) != missing}
    result = (table, to_id.get, missing)
    _COMPOSED[vectorizer] = (table, mapping, default, result)
    return result


def counts_by_ids(vectorizer: Any) -> bool:
    """Whether ``NgramCounts`` counts ``vectorizer``'s terms by token ids: a fitted word counter of
    built-in settings (``analyzer_key``) reading unigrams or uni- and bigrams of a spaceless token
    pattern."""
    return (analyzer_key(vectorizer) is not None and tuple(vectorizer.ngram_range) in ((1, 1), (1, 2))
            and vectorizer.token_pattern in SPACELESS_PATTERNS and vectorizer.tokenizer is None)


def _token_functions(vectorizer: CountVectorizer) -> tuple[Callable[[str], str], Callable[[str], list[str]]]:
    """The vectoriser's decoder-plus-preprocessor and its tokenizer, accents stripped the fast way."""
    if vectorizer.strip_accents == "unicode":
        vectorizer = copy.copy(vectorizer)  # shallow: the vocabulary is shared, the model untouched
        vectorizer.strip_accents = strip_accents_unicode
    decode, prep = vectorizer.decode, vectorizer.build_preprocessor()
    tokenize = _spaceless_tokenizer(vectorizer.token_pattern) if vectorizer.tokenizer is None else None
    return (lambda text: prep(decode(text))), tokenize or vectorizer.build_tokenizer()


class NgramCounts(TermCounts):
    """``TermCounts`` whose word uni- and bigram vectorisers (``counts_by_ids``) count by token ids:
    each text is tokenised once per analyzer setting (the n-gram range aside), and the matrix equals
    the vectoriser's own ``transform`` (same counts, dtype and index order)."""

    def __init__(self) -> None:
        super().__init__()
        self._tokens: dict[tuple, dict[str, list[str]]] = {}
        # each text's tokens as ids of a shared word index, with that index and its size when read
        self._shared: dict[tuple, dict[str, tuple[dict[str, int], int, np.ndarray]]] = {}

    def matrix(self, vectorizer: CountVectorizer, texts: Sequence[str]) -> sparse.csr_matrix:
        """``CountVectorizer.transform(texts)`` of ``vectorizer`` (a word counter, see ``analyzer_key``)."""
        if not counts_by_ids(vectorizer) or (len(texts) < MIN_TEXTS_FOR_TABLE and vectorizer not in _TABLES):
            return super().matrix(vectorizer, texts)
        table = _table(vectorizer)
        tokens = self.tokens(vectorizer, texts)
        shared = self.shared_ids(vectorizer, texts, tokens, table.words)
        lengths = np.fromiter(map(len, shared), dtype=np.int64, count=len(shared))
        ids = table.local_ids(np.concatenate(shared) if shared else np.zeros(0, dtype=np.int64))
        return _matrix_of_ids(vectorizer, table, ids, lengths)

    def mapped_matrix(self, vectorizer: CountVectorizer, words: Sequence[Sequence[str]], mapping: dict[str, str],
                      default: str) -> sparse.csr_matrix:
        """``TermCounts.mapped_matrix``, as the cluster model's input is read (``cluster_decision``),
        without building the texts: each word goes to the table's id of its value through one composed
        dict. Where a value is not one token of ``vectorizer``'s the texts are built and counted as usual."""
        if not counts_by_ids(vectorizer) or (len(words) < MIN_TEXTS_FOR_TABLE and vectorizer not in _TABLES):
            return super().mapped_matrix(vectorizer, words, mapping, default)
        composed = _composed(vectorizer, mapping, default)
        if composed is None:
            return super().mapped_matrix(vectorizer, words, mapping, default)
        table, get, missing = composed
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        ids = np.fromiter(map(get, chain.from_iterable(words), repeat(missing)), dtype=np.int64,
                          count=int(lengths.sum()))
        return _matrix_of_ids(vectorizer, table, ids, lengths)

    def shared_ids(self, vectorizer: CountVectorizer, texts: Sequence[str], tokens: list[list[str]],
                   words: dict[str, int]) -> list[np.ndarray]:
        """Each text's ``tokens`` as ids of ``words``, the shared word index of ``vectorizer``'s setting
        (-1 for a word of no vocabulary), looked up once per text for all the vectorisers of that setting."""
        memo = self._shared.setdefault(_token_key(vectorizer), {})
        size, get = len(words), words.get
        out = []
        for text, toks in zip(texts, tokens):
            got = memo.get(text)
            # a table built since may know more of its words, or the index may have been replaced
            if got is None or got[0] is not words or got[1] != size:
                got = memo[text] = (words, size, np.fromiter(map(get, toks, repeat(-1)), dtype=np.int64,
                                                             count=len(toks)))
            out.append(got[2])
        return out

    def tokens(self, vectorizer: CountVectorizer, texts: Sequence[str]) -> list[list[str]]:
        """Each text's tokens as ``vectorizer``'s analyzer finds them before making n-grams."""
        key = _token_key(vectorizer)
        memo = self._tokens.setdefault(key, {})
        out, funcs = [], None
        for text in texts:
            toks = memo.get(text)
            if toks is None:
                funcs = funcs or _token_functions(vectorizer)
                toks = memo[text] = funcs[1](funcs[0](text))
            out.append(toks)
        return out
