"""The wording models: TF-IDF + logistic regression over what an article says in words.

Each kind reads one input: the body's words (``body``), the headline's character n-grams
(``headline``), the body as distributional word-cluster ids (``clusters``) and the words of
the URL's path (``url``). Their out-of-fold log-odds become stacked columns of the score
model; ``make_text_model`` is the plain full-text model (the evaluation's baseline, and the
model a blended target mixes into its final log-odds).
"""
from __future__ import annotations

import copy
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import repeat
from typing import Any, Sequence
from urllib.parse import unquote

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from features.loaded import word_clusters

#: Characters of each article the wording model reads: the opening carries the style,
#: and the tail of long articles is mostly outlet boilerplate (and slow to tokenise).
TEXT_CHARS = 8000
#: Headlines are short; this only bounds a pathological "title" field.
HEADLINE_CHARS = 300
#: Bounds a pathological text field for the full-text model; 1 of 6,366 training articles is longer.
FULLTEXT_CHARS = 50000
#: URLs longer than this are not article addresses; the bound keeps a pathological field cheap.
URL_CHARS = 1000
#: The word-cluster table the ``clusters`` kind reads; a model file names it, so a model built on
#: another table is refused rather than misread.
CLUSTER_LEXICON = "loaded_clusters_v1/c1024"

#: How each text column is tokenised: the body by word uni/bigrams; the headline by character
#: 2-5-grams inside word boundaries with case kept ("STUNNING:", "=>", scare quotes).
VECTORIZERS: dict[str, dict[str, Any]] = {
    "body": {"ngram_range": (1, 2), "strip_accents": "unicode"},
    "headline": {"analyzer": "char_wb", "ngram_range": (2, 5), "lowercase": False, "strip_accents": "unicode"},
    # cluster-id texts (see cluster_texts): ids and pairs of ids
    "clusters": {"ngram_range": (1, 2), "lowercase": False, "token_pattern": r"\S+"},
    # URL path words (see url_paths)
    "url": {"ngram_range": (1, 2), "token_pattern": r"\S+"},
}

_MAX_TERMS = {"body": 20000, "headline": 20000, "clusters": 40000, "url": 5000}
_CLUSTER_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# scheme and host ("https://www.x.com", "//x.com", or a bare "x.com" before the first "/"), query, fragment
_URL_HOST = re.compile(r"^(?:(?:[a-z][a-z0-9+.-]*:)?//[^/?#]*|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?=[/?#]|$))|[?#].*$")
_URL_WORD = re.compile(r"[^\W\d_]{2,}")
#: The ASCII byte values, deleted from a UTF-8 encoding to leave the bytes of its other characters.
_ASCII_BYTES = bytes(range(128))


def clip_texts(texts: Sequence[str], n_chars: int = TEXT_CHARS) -> list[str]:
    """The first ``n_chars`` of each text ('' for missing ones)."""
    return [t[:n_chars] if isinstance(t, str) else "" for t in texts]


@lru_cache(maxsize=1)
def _fine_clusters() -> dict[str, str]:
    return {w: f"c{c[1]}" for w, c in word_clusters().items()}


#: The cluster id of a word outside the clusters' vocabulary.
NO_CLUSTER = "cx"


def cluster_words(texts: Sequence[str], n_chars: int = TEXT_CHARS) -> list[list[str]]:
    """The words of each text (clipped to ``n_chars``) that ``cluster_texts`` maps, in order."""
    return [_CLUSTER_WORD.findall(t.lower()) for t in clip_texts(texts, n_chars)]


def cluster_texts(texts: Sequence[str], n_chars: int = TEXT_CHARS) -> list[str]:
    """Each text (clipped to ``n_chars``) as the sequence of its words' cluster ids ("c17 c903 ..."),
    ``cx`` for a word outside the clusters' 40,000-word vocabulary."""
    return mapped_texts(cluster_words(texts, n_chars), _fine_clusters(), NO_CLUSTER)


def mapped_texts(words: Sequence[Sequence[str]], mapping: dict[str, str], default: str) -> list[str]:
    """Each word list's words read through ``mapping`` (``default`` for a word it lacks), joined by spaces."""
    # map over the dict's own get: no Python frame per word
    return [" ".join(map(mapping.get, ws, repeat(default))) for ws in words]


def url_paths(urls: Sequence[str | None]) -> list[str]:
    """The words of each URL's path, lower-cased and space-separated ('' for a missing URL).

    Scheme, host, query and fragment are dropped (the host names the outlet; queries are
    tracking codes), and so are digits (dates, story numbers): what is left is the section
    and the headline slug, "https://x.com/opinion/2017/10/a-cruel-old-man?utm=1" giving
    "opinion cruel old man"."""
    out = []
    for u in urls:
        if not isinstance(u, str):
            out.append("")
            continue
        path = _URL_HOST.sub("", unquote(u.strip()[:URL_CHARS]).lower())
        out.append(" ".join(_URL_WORD.findall(path)))
    return out


#: What each kind of wording model reads of its raw input (a body, a headline or a URL).
_TEXT_INPUT = {
    "body": lambda texts: clip_texts(texts, TEXT_CHARS),
    "headline": lambda texts: clip_texts(texts, HEADLINE_CHARS),
    "clusters": cluster_texts,
    "url": url_paths,
}


def outlet_counts(texts: Sequence[str], groups: Sequence[str], min_outlets: int = 3, max_features: int = 20000,
                  kind: str = "body", **vectorizer_kw: Any) -> tuple[CountVectorizer, sparse.csr_matrix]:
    """A counter (``VECTORIZERS[kind]``, updated by ``vectorizer_kw``) limited to terms used
    by at least ``min_outlets`` outlets (the most widespread first), and the count matrix
    of ``texts`` under it.

    Restricting the vocabulary this way keeps outlet signatures ("(AP) —", a site's
    own name, its newsletter plug) out of the text model, which otherwise learns to
    recognise outlets instead of writing.
    """
    kw = {**VECTORIZERS[kind], **vectorizer_kw}
    # in a body, terms in over half the articles are function words; in a headline they are rare
    max_df = kw.pop("max_df", 0.5 if kind == "body" else 1.0)
    cv = CountVectorizer(min_df=2, max_df=max_df, dtype=np.float32, **kw)
    m = cv.fit_transform(texts)
    codes, uniq = pd.factorize(pd.Series(list(groups)))
    # outlets-by-documents indicator times documents-by-terms: nonzeros per column = outlets using the term
    G = sparse.csr_matrix((np.ones(len(codes), dtype=np.float32), (codes, np.arange(len(codes)))),
                          shape=(len(uniq), len(codes)))
    n_out = np.asarray(((G @ m) > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(n_out >= min_outlets)
    keep = np.sort(keep[np.argsort(-n_out[keep], kind="stable")][:max_features])
    names = cv.get_feature_names_out()[keep]  # sorted, the order CountVectorizer gives a fixed vocabulary
    fixed = CountVectorizer(dtype=np.float32, vocabulary={t: i for i, t in enumerate(names)}, **kw)
    fixed.fit([""])  # a fixed vocabulary learns nothing from data; this only validates it
    fixed.vocabulary = None  # keep the fitted vocabulary_, drop the duplicate parameter (file size)
    return fixed, m[:, keep].tocsr()


def _fit_tfidf_lr(counts: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, C: float, seed: int
                  ) -> tuple[TfidfTransformer, LogisticRegression]:
    tf = TfidfTransformer(sublinear_tf=True).fit(counts)
    lr = LogisticRegression(C=C, max_iter=2000, random_state=seed).fit(tf.transform(counts), y, sample_weight=w)
    return tf, lr


def fit_text_model(texts: Sequence[str], y: np.ndarray, groups: Sequence[str], w: np.ndarray,
                   splits: list | None = None, C: float = 1.0, seed: int = 0,
                   kind: str = "body", fit_rows: np.ndarray | None = None) -> tuple[Pipeline, np.ndarray | None]:
    """A wording model (counts -> TF-IDF -> logistic regression) on what ``kind`` reads of
    ``texts`` (clipped texts; for "clusters" their cluster ids; for "url" URLs, read as their
    path words) and, given ``splits``, its out-of-fold log-odds for stacking. Texts are
    tokenised once. With ``fit_rows`` (a mask) the vocabulary still comes from every row but
    the model learns from those rows only; the out-of-fold log-odds cover every row."""
    counter, counts = outlet_counts(_TEXT_INPUT[kind](texts), groups, kind=kind, max_features=_MAX_TERMS[kind])
    use = np.ones(len(y), bool) if fit_rows is None else np.asarray(fit_rows, dtype=bool)
    oof = None
    if splits is not None:
        oof = np.zeros(len(y))
        for tr, te in splits:
            t = tr[use[tr]]
            tf, lr = _fit_tfidf_lr(counts[t], y[t], w[t], C, seed)
            oof[te] = lr.decision_function(tf.transform(counts[te]))
    tf, lr = _fit_tfidf_lr(counts[use], y[use], w[use], C, seed)
    return Pipeline([("counts", counter), ("tfidf", tf), ("lr", lr)]), oof


def make_text_model(C: float = 1.0, seed: int = 0) -> Pipeline:
    """Plain TF-IDF + logistic regression over the raw text: the baseline."""
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", dtype=np.float32,
                          min_df=3, max_df=0.5, max_features=30000)
    return Pipeline([("tfidf", vec), ("lr", LogisticRegression(C=C, max_iter=2000, random_state=seed))])


def fit_fulltext_model(texts: Sequence[str], y: np.ndarray, w: np.ndarray, splits: list | None = None,
                       C: float = 1.0, seed: int = 0) -> tuple[Pipeline, np.ndarray | None]:
    """The full-text model a blended target mixes into its final log-odds: ``make_text_model``
    fitted on ``texts`` (clipped to ``FULLTEXT_CHARS``) and, given ``splits``, its out-of-fold
    log-odds (each fold's vocabulary from its training part only)."""
    texts = clip_texts(texts, FULLTEXT_CHARS)
    oof = None
    if splits is not None:
        oof = np.zeros(len(y))
        for tr, te in splits:
            m = make_text_model(C, seed).fit([texts[i] for i in tr], y[tr], lr__sample_weight=w[tr])
            oof[te] = m.decision_function([texts[i] for i in te])
    return make_text_model(C, seed).fit(texts, y, lr__sample_weight=w), oof


#: The parameters that decide what a fitted vectoriser's analyzer makes of a text.
_ANALYZER_PARAMS = ("input", "encoding", "decode_error", "strip_accents", "lowercase", "preprocessor", "tokenizer",
                    "stop_words", "token_pattern", "ngram_range", "analyzer")


def analyzer_key(vectorizer: Any) -> tuple | None:
    """What decides ``vectorizer``'s analysis of a text, as a hashable key (two vectorisers with
    equal keys turn every text into the same terms); None for anything but a fitted word
    ``CountVectorizer`` (or ``TfidfVectorizer``) of built-in settings."""
    if not isinstance(vectorizer, CountVectorizer) or not hasattr(vectorizer, "vocabulary_"):
        return None
    params = tuple(getattr(vectorizer, k) for k in _ANALYZER_PARAMS)
    if vectorizer.analyzer != "word" or any(callable(v) for v in params) or vectorizer.stop_words is not None:
        return None
    return params


def non_ascii_chars(text: str) -> set[str]:
    """The distinct non-ASCII characters of ``text``, found in C: UTF-8 encodes every ASCII
    character as one byte below 0x80 and every other character as bytes from 0x80 up, so deleting
    the bytes below 0x80 leaves the other characters' whole encodings, in order. A lone surrogate
    (a broken JSON escape) is one of them ("surrogatepass")."""
    return set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))


def strip_accents_unicode(text: str) -> str:
    """scikit-learn's ``strip_accents_unicode``, the same string: NFKD, then every combining mark
    dropped. An ASCII character is never a combining mark, so only the text's distinct non-ASCII
    characters are tested (``non_ascii_chars``), and each mark found is removed by ``str.replace``:
    most news texts hold none (only curly quotes and dashes)."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    for c in non_ascii_chars(text):
        if unicodedata.combining(c):
            text = text.replace(c, "")
    return text


def build_analyzer(vectorizer: CountVectorizer) -> Any:
    """``vectorizer.build_analyzer()``, with :func:`strip_accents_unicode` where it strips accents
    the "unicode" way: the same terms, found faster."""
    if vectorizer.strip_accents == "unicode":
        vectorizer = copy.copy(vectorizer)  # shallow: the vocabulary is shared, the model untouched
        vectorizer.strip_accents = strip_accents_unicode
    return vectorizer.build_analyzer()


class TermCounts:
    """Count matrices of texts under fitted word vectorisers, each text analysed once per
    analyzer setting: the stacked body model and the full-text model read an article with
    the same analyzer, so its terms are found once for both. Each matrix equals the
    vectoriser's own ``transform`` (same counts, dtype and index order)."""

    def __init__(self) -> None:
        self._terms: dict[tuple, dict[str, Counter]] = {}

    def matrix(self, vectorizer: CountVectorizer, texts: Sequence[str]) -> sparse.csr_matrix:
        """``CountVectorizer.transform(texts)`` of ``vectorizer`` (a word counter, see ``analyzer_key``)."""
        key = analyzer_key(vectorizer)
        if key is None:
            raise ValueError(f"not a fitted word vectoriser of built-in settings: {vectorizer!r}")
        memo = self._terms.setdefault(key, {})
        analyze, vocab = None, vectorizer.vocabulary_
        indices: list[int] = []
        values: list[int] = []
        indptr = [0]
        for text in texts:
            terms = memo.get(text)
            if terms is None:
                analyze = analyze or build_analyzer(vectorizer)
                terms = memo[text] = Counter(analyze(text))
            for j, c in zip(map(vocab.get, terms), terms.values()):
                if j is not None:
                    indices.append(j)
                    values.append(c)
            indptr.append(len(indices))
        m = sparse.csr_matrix((np.array(values, dtype=np.intc), np.array(indices, dtype=np.int32),
                               np.array(indptr, dtype=np.int32)), shape=(len(indptr) - 1, len(vocab)),
                              dtype=vectorizer.dtype)
        m.sort_indices()
        if vectorizer.binary:
            m.data.fill(1)
        return m

    def mapped_matrix(self, vectorizer: CountVectorizer, words: Sequence[Sequence[str]], mapping: dict[str, str],
                      default: str) -> sparse.csr_matrix:
        """``matrix`` of the texts that are each word list's words read through ``mapping`` (``default``
        for a word it lacks) and joined by spaces."""
        return self.matrix(vectorizer, mapped_texts(words, mapping, default))


def cluster_decision(pipe: Pipeline, texts: Sequence[str], n_chars: int = TEXT_CHARS,
                     counts: TermCounts | None = None) -> np.ndarray:
    """``pipeline_decision(pipe, cluster_texts(texts, n_chars), counts)``, the words handed to
    ``counts`` as word lists (``TermCounts.mapped_matrix``), so an ``NgramCounts`` need not build
    the cluster texts and split them again."""
    first = pipe.steps[0][1]
    if counts is None or analyzer_key(first) is None:
        return pipeline_decision(pipe, cluster_texts(texts, n_chars), counts)
    return decision_of_counts(pipe, counts.mapped_matrix(first, cluster_words(texts, n_chars), _fine_clusters(),
                                                         NO_CLUSTER))


def pipeline_decision(pipe: Pipeline, texts: Sequence[str], counts: TermCounts | None = None) -> np.ndarray:
    """``pipe.decision_function(texts)``, its first step's counting done by ``counts`` when that
    step is a word vectoriser ``TermCounts`` can share (a ``TfidfVectorizer`` then weighs the counts)."""
    first = pipe.steps[0][1]
    if counts is None or analyzer_key(first) is None:
        return pipe.decision_function(texts)
    return decision_of_counts(pipe, counts.matrix(first, texts))


def decision_of_counts(pipe: Pipeline, X: sparse.csr_matrix) -> np.ndarray:
    """``pipe.decision_function`` of texts whose counts under its first step (a word vectoriser) are ``X``."""
    first = pipe.steps[0][1]
    if isinstance(first, TfidfVectorizer):
        X = first._tfidf.transform(X, copy=False)
    for _, step in pipe.steps[1:-1]:
        if step is not None and step != "passthrough":
            X = step.transform(X)
    return pipe.steps[-1][1].decision_function(X)
