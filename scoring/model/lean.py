"""Political lean per article (left, centre, right) as a scikit-learn classifier.

``LeanModel`` reads the author's voice: every quotation region of the text (direct quotes,
attributed paraphrase and scare quotes, as ``features.text.parse`` finds them) is blanked
before the words are counted, because a quoted phrase is the speaker's. Only terms used by at
least ``min_outlets`` outlets are kept (``scoring.model.wording.outlet_counts``), so outlet
signatures stay out. The body's words (up to 50,000 characters) and the headline's words are
TF-IDF blocks of one multinomial logistic regression, the headline's at half weight; its logits
are calibrated by a temperature and per-class offsets fitted on outlet-grouped out-of-fold logits.
``lean`` is ``100 * (P(right) - P(left))``.

Because the logits are linear in the terms, each article's lean is explained exactly: the
logit change from the average training article splits by block (and by term), and the path
integral of the lean's gradient along that change turns logits into signed lean points
(``predict_with_explanation``); ``lean_spans`` shows the terms that carried most of them.
"""
from __future__ import annotations

import heapq
import logging
import re
import weakref
from bisect import bisect_left
from collections import Counter
from itertools import accumulate
from multiprocessing import get_context
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import log_softmax, softmax
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from features.base import Span
from features.mark_repair import repair_marks
from features.text import Doc, blank, parse
from scoring.model.grouping import grouped_splits, outlet_weights
from scoring.model.ngrams import NgramCounts
from scoring.model.wording import FULLTEXT_CHARS, HEADLINE_CHARS, clip_texts, non_ascii_chars, outlet_counts

log = logging.getLogger(__name__)

#: The classes, in the order of ``predict_proba``'s columns.
CLASSES = ("left", "centre", "right")
#: Labels as the corpora spell them (AllSides writes "center") -> class index.
LABEL_INDEX = {"left": 0, "centre": 1, "center": 1, "right": 2}
#: Explanation families: the author's words in the body, and the headline's.
WORDS_FAMILY, HEADLINE_FAMILY = "words", "headline"
SPAN_KIND = "lean"
#: Gauss-Legendre nodes of the path integral that turns logit changes into lean points.
_N_NODES = 48
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(_N_NODES)
_NODES, _WEIGHTS = (_NODES + 1) / 2, _WEIGHTS / 2
#: The calibration's lowest temperature (see ``fit_temperature``).
MIN_TEMPERATURE = 0.5


# ------------------------------------------------------------------ the author's voice
def quote_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Every quotation region of ``doc`` (direct, paraphrase and scare) as (start, end)."""
    return [(r.start, r.end) for r in doc.quotes]


def author_voice(text: str, doc: Doc | None = None) -> str:
    """``text`` with every quotation region blanked (same length, so offsets still slice ``text``).

    ``doc`` is the article's segmentation when one is at hand (``features.analyze(text).doc``,
    which also blanks inserted lines); otherwise ``text`` is parsed here."""
    if not isinstance(text, str):
        return ""
    if doc is None:
        doc = parse(repair_marks(text))
    return blank(doc.text, quote_ranges(doc))


def author_texts(texts: Sequence[str], processes: int = 1) -> list[str]:
    """``author_voice`` of each text; with ``processes`` > 1 on a pool of worker processes."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    if processes > 1 and len(texts) > 200:
        with get_context("fork").Pool(processes) as pool:
            return pool.map(author_voice, texts, chunksize=64)
    return [author_voice(t) for t in texts]


def lean_inputs(X: pd.DataFrame, processes: int = 1) -> tuple[list[str], list[str] | None]:
    """The author-voice bodies and headlines of ``X``: its ``author_text`` column when present
    (precomputed by ``author_voice``), else ``text`` parsed here; ``title`` likewise
    (``author_title``), None without one."""
    if not isinstance(X, pd.DataFrame) or ("text" not in X.columns and "author_text" not in X.columns):
        got = list(X.columns) if isinstance(X, pd.DataFrame) else type(X).__name__
        raise ValueError(f"LeanModel reads a DataFrame with a 'text' column (optional 'title'); got {got}")

    def column(name: str, voiced: str) -> list[str] | None:
        if voiced in X.columns:
            return X[voiced].where(X[voiced].notna(), "").astype(str).tolist()
        if name in X.columns:
            return author_texts(X[name].where(X[name].notna(), "").astype(str).tolist(), processes)
        return None

    bodies = column("text", "author_text")
    return bodies, column("title", "author_title")  # type: ignore[return-value]


def lean_labels(y: Sequence[Any]) -> np.ndarray:
    """Class indices (0 left, 1 centre, 2 right) of labels given as names or as -1/0/+1."""
    out = []
    for v in y:
        if isinstance(v, str) and v.strip().lower() in LABEL_INDEX:
            out.append(LABEL_INDEX[v.strip().lower()])
        elif isinstance(v, (int, float, np.integer, np.floating)) and v in (-1, 0, 1):
            out.append(int(v) + 1)
        else:
            raise ValueError(f"lean label {v!r} is not one of left/centre/center/right or -1/0/+1")
    return np.asarray(out, dtype=int)


def lean_of(proba: np.ndarray) -> np.ndarray:
    """``100 * (P(right) - P(left))`` of rows of class probabilities (left, centre, right)."""
    proba = np.asarray(proba, dtype=float)
    return 100.0 * (proba[..., 2] - proba[..., 0])


def _lean_gradient(s: np.ndarray) -> np.ndarray:
    """d lean / d s of calibrated logits ``s`` (rows of 3): 100 * p_k (e_k - p) for right minus left."""
    p = softmax(s, axis=-1)
    e_r = np.zeros(3)
    e_r[2] = 1.0
    e_l = np.zeros(3)
    e_l[0] = 1.0
    return 100.0 * (p[..., 2:3] * (e_r - p) - p[..., 0:1] * (e_l - p))


class LeanModel(ClassifierMixin, BaseEstimator):
    """Political lean of an article's language; see the module docstring.

    ``fit(X, y, groups=...)``: ``X`` a DataFrame with ``text`` (optional ``title``; or their
    author-voice versions ``author_text``/``author_title``), ``y`` left/centre/right (or -1/0/+1),
    ``groups`` the outlet of each row (default ``X["outlet"]``), which every internal split and
    the weights follow. ``C``: inverse regularisation; ``max_terms``/``headline_terms``: vocabulary
    sizes; ``min_outlets``: outlets that must use a term; ``max_df``: body terms in a larger share
    of the articles are left out (function words); ``outlet_power``: how strongly each
    outlet's total weight is equalised (1 = fully, 0 = per article); ``text_chars``: characters
    of each body read; ``headline``: read the headline too; ``headline_weight``: the scale of the
    headline's TF-IDF block (each block is a unit vector, so at 1 a ten-word headline weighs as
    much as the whole body); ``n_splits``: grouped folds of the calibration. The defaults were
    chosen on the dev outlets only (``lean_eval.dev_outlets``), which the evaluation leaves out."""

    def __init__(self, C: float = 1.0, max_terms: int = 20000, headline_terms: int = 5000, min_outlets: int = 3,
                 outlet_power: float = 0.5, text_chars: int = FULLTEXT_CHARS, headline: bool = True,
                 n_splits: int = 5, seed: int = 0, processes: int = 1, max_df: float = 0.5,
                 headline_weight: float = 0.5) -> None:
        self.C, self.max_terms, self.headline_terms, self.min_outlets = C, max_terms, headline_terms, min_outlets
        self.max_df, self.headline_weight = max_df, headline_weight
        self.outlet_power, self.text_chars, self.headline = outlet_power, text_chars, headline
        self.n_splits, self.seed, self.processes = n_splits, seed, processes

    # ------------------------------------------------------------------ fitting
    def fit(self, X: pd.DataFrame, y: Sequence[Any], groups: Sequence[str] | None = None,
            sample_weight: np.ndarray | None = None) -> LeanModel:
        """Fit the vocabularies, the classifier and (on outlet-grouped out-of-fold logits) the calibration."""
        if groups is None:
            if "outlet" not in X.columns:
                raise ValueError("give groups= (the outlet of each row) or an 'outlet' column: every internal "
                                 "split is grouped by outlet")
            groups = X["outlet"]
        groups = [str(g) for g in groups]
        yi = lean_labels(y)
        if len(yi) != len(X) or len(groups) != len(X):
            raise ValueError(f"X has {len(X)} rows but y has {len(yi)} and groups {len(groups)}")
        if len(np.unique(yi)) < 3:
            raise ValueError(f"need articles of all three classes to train, got only {sorted(set(yi.tolist()))}")
        bodies, titles = lean_inputs(X, self.processes)
        w = outlet_weights(groups, yi, self.outlet_power) if sample_weight is None else np.asarray(sample_weight, float)
        self.classes_ = np.array(CLASSES)
        self.body_counter_, counts = outlet_counts(clip_texts(bodies, self.text_chars), groups, self.min_outlets,
                                                   self.max_terms, kind="body", max_df=self.max_df)
        blocks = [counts]
        self.headline_counter_ = None
        if self.headline and titles is not None and any(t.strip() for t in titles):
            self.headline_counter_, head = outlet_counts(clip_texts(titles, HEADLINE_CHARS), groups, self.min_outlets,
                                                         self.headline_terms, kind="body", max_df=1.0)
            blocks.append(head)
        self.tfidf_ = [TfidfTransformer(sublinear_tf=True).fit(b) for b in blocks]
        # float64 throughout, so the explanations' sums match the probabilities to the last digits
        scales = [1.0, self.headline_weight][:len(blocks)]
        Z = sparse.hstack([t.transform(b) * a for t, b, a in zip(self.tfidf_, blocks, scales)])
        Z = Z.tocsr().astype(np.float64)
        oof = np.zeros((len(yi), 3))
        for tr, te in grouped_splits(yi, groups, self.n_splits, self.seed):
            oof[te] = _class_logits(self._classifier().fit(Z[tr], yi[tr], sample_weight=w[tr]), Z[te])
        self.lr_ = self._classifier().fit(Z, yi, sample_weight=w)
        self.temperature_, self.offsets_ = fit_temperature(oof, yi, w)
        # explanations are measured from the average training article (its mean TF-IDF rows)
        self.reference_ = np.asarray(Z.mean(axis=0)).ravel()
        self.meta_ = {"n_train": int(len(yi)), "n_outlets": int(len(set(groups))), "seed": self.seed,
                      "n_terms": int(Z.shape[1]), "class_counts": np.bincount(yi, minlength=3).tolist(),
                      "base_lean": round(float(self._base_lean()), 2)}
        return self

    def _classifier(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, max_iter=3000, random_state=self.seed)

    # ------------------------------------------------------------------ prediction
    def _blocks(self) -> list[tuple[str, CountVectorizer]]:
        out = [(WORDS_FAMILY, self.body_counter_)]
        if self.headline_counter_ is not None:
            out.append((HEADLINE_FAMILY, self.headline_counter_))
        return out

    def design(self, bodies: list[str], titles: list[str] | None) -> tuple[sparse.csr_matrix, dict[str, slice]]:
        """The TF-IDF rows of author-voice ``bodies`` and ``titles``, and each family's columns."""
        check_is_fitted(self, "lr_")
        counts = NgramCounts()  # the counters' own ``transform``, faster
        mats, cols, at = [], {}, 0
        for (fam, counter), tf in zip(self._blocks(), self.tfidf_):
            texts = clip_texts(bodies, self.text_chars) if fam == WORDS_FAMILY else clip_texts(
                titles if titles is not None else [""] * len(bodies), HEADLINE_CHARS)
            m = tf.transform(counts.matrix(counter, texts))
            if fam == HEADLINE_FAMILY:
                m = m * self.headline_weight
            cols[fam] = slice(at, at + m.shape[1])
            at += m.shape[1]
            mats.append(m)
        return sparse.hstack(mats).tocsr().astype(np.float64), cols

    def _calibrated(self, z: np.ndarray) -> np.ndarray:
        return np.asarray(z) / self.temperature_ + self.offsets_

    def _base_lean(self) -> float:
        z0 = self.reference_ @ self.lr_.coef_.T + self.lr_.intercept_
        return float(lean_of(softmax(self._calibrated(z0))))

    def _path_gradient(self, dz: np.ndarray) -> np.ndarray:
        """Per row, the average gradient of the lean along the straight path of logits from the
        reference to the row (``dz`` = row logits minus the reference's), scaled so that
        ``gradient . dz`` is exactly the change of lean."""
        z0 = self.reference_ @ self.lr_.coef_.T + self.lr_.intercept_
        s0 = self._calibrated(z0)
        ds = dz / self.temperature_
        g = np.zeros_like(ds)
        for t, wt in zip(_NODES, _WEIGHTS):
            g += wt * _lean_gradient(s0 + t * ds)
        g /= self.temperature_  # d s / d z
        total = lean_of(softmax(s0 + ds, axis=1)) - lean_of(softmax(s0))
        approx = (g * dz).sum(axis=1)
        # the quadrature is accurate to ~1e-9 points; rescaling makes the sum exact
        scale = np.where(np.abs(approx) > 1e-12, total / np.where(approx == 0, 1, approx), 1.0)
        return g * scale[:, None]

    def predict_with_explanation(self, X: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
        """Class probabilities (left, centre, right) and, per row, the signed lean points each
        family adds relative to the average training article (``meta_["base_lean"]``): they add
        up to ``lean - base_lean`` exactly."""
        bodies, titles = lean_inputs(X, self.processes)
        D, cols = self.design(bodies, titles)
        return self.explained(D, cols, X.index)

    def explained(self, D: sparse.csr_matrix, cols: dict[str, slice], index: pd.Index | None = None
                  ) -> tuple[np.ndarray, pd.DataFrame]:
        """``predict_with_explanation`` of design rows ``D`` (``design``'s output)."""
        proba = softmax(self._calibrated(self.lr_.decision_function(D)), axis=1)
        # each family's logit change from the reference (sparse rows times coefficients, minus the reference's)
        dz = {fam: np.asarray(D[:, c] @ self.lr_.coef_[:, c].T) - self.reference_[c] @ self.lr_.coef_[:, c].T
              for fam, c in cols.items()}
        g = self._path_gradient(sum(dz.values()))
        why = pd.DataFrame({fam: (g * d).sum(axis=1) for fam, d in dz.items()}, index=index)
        return proba, why

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Calibrated probabilities of left, centre and right, one row per row of ``X``."""
        bodies, titles = lean_inputs(X, self.processes)
        D, _ = self.design(bodies, titles)
        return softmax(self._calibrated(self.lr_.decision_function(D)), axis=1)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """The most probable class name of each row."""
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def predict_lean(self, X: pd.DataFrame) -> np.ndarray:
        """``lean`` of each row: ``100 * (P(right) - P(left))``, -100 (left) .. +100 (right)."""
        return lean_of(self.predict_proba(X))

    def explain(self, X: pd.DataFrame) -> pd.DataFrame:
        """The signed lean points each family adds to each row, relative to the base lean."""
        return self.predict_with_explanation(X)[1]

    def score(self, X: pd.DataFrame, y: Sequence[Any], sample_weight: np.ndarray | None = None) -> float:
        """Accuracy on labels given as names (left/centre/center/right) or -1/0/+1."""
        pred = self.predict_proba(X).argmax(axis=1)
        return float(np.average(pred == lean_labels(y), weights=sample_weight))

    # ------------------------------------------------------------------ evidence
    def term_points(self, body: str, title: str | None = None) -> dict[str, float]:
        """Lean points of each body term of one author-voice ``body``: its TF-IDF value times its
        coefficients, through this article's path gradient (positive = towards right)."""
        D, cols = self.design([body], [title or ""])
        return self.row_points(D, cols, self.body_names())[0]

    def body_names(self) -> np.ndarray:
        """The body terms, in the order of the words family's columns (read-only)."""
        return _feature_names(self.body_counter_)

    def row_points(self, D: sparse.csr_matrix, cols: dict[str, slice], names: np.ndarray, k: int | None = None
                   ) -> list[dict[str, float]]:
        """``term_points`` of every row of design rows ``D``, from one pass over the matrix; with ``k``
        only each row's ``k`` terms of most |points| other than 0 (the earlier column first among
        equals, as ``heapq.nlargest`` picks them), in the row's order."""
        z0 = self.reference_ @ self.lr_.coef_.T + self.lr_.intercept_
        g = self._path_gradient(self.lr_.decision_function(D) - z0)
        W = D[:, cols[WORDS_FAMILY]].tocsr()
        coef = self.lr_.coef_[:, cols[WORDS_FAMILY]]
        out = []
        for i in range(W.shape[0]):
            idx, vals = W.indices[W.indptr[i]:W.indptr[i + 1]], W.data[W.indptr[i]:W.indptr[i + 1]]
            pts = vals * (g[i] @ coef[:, idx])
            if k is not None:
                top = np.flatnonzero(pts != 0.0)
                top = np.sort(top[np.argsort(-np.abs(pts[top]), kind="stable")[:k]])
                idx, pts = idx[top], pts[top]
            out.append({str(names[j]): float(p) for j, p in zip(idx, pts)})
        return out


#: Each counter's terms as ``get_feature_names_out`` gives them, with the vocabulary they were read from:
#: sorting 20,000 terms took about 8 ms of every batch's evidence.
_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _feature_names(counter: CountVectorizer) -> np.ndarray:
    """``counter.get_feature_names_out()``, read-only, built again only when its vocabulary is replaced."""
    vocabulary, names = _NAMES.get(counter, (None, None))
    if names is None or vocabulary is not counter.vocabulary_:
        names = counter.get_feature_names_out()
        names.flags.writeable = False
        _NAMES[counter] = (counter.vocabulary_, names)
    return names


def _class_logits(clf: LogisticRegression, Z: sparse.csr_matrix) -> np.ndarray:
    """Logits of the three classes from a classifier fitted on a part that may lack one (a small
    corpus's calibration fold): a missing class gets a logit far below the others."""
    d = clf.decision_function(Z)
    if d.ndim == 1:  # two classes: the score of the second against the first
        d = np.column_stack([np.zeros_like(d), d])
    out = np.full((Z.shape[0], 3), float(d.min()) - 10.0 if d.size else 0.0)
    out[:, clf.classes_] = d
    return out


def fit_temperature(logits: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, np.ndarray]:
    """Temperature ``T`` and per-class offsets ``b`` (centre's fixed at 0) minimising the weighted
    log-loss of ``softmax(logits / T + b)``: one monotone rescaling of every class, so the
    ranking of articles by each class stays the classifier's."""
    logits, w = np.asarray(logits, float), np.asarray(w, float) / np.sum(w)

    def loss(theta: np.ndarray) -> float:
        s = logits / np.exp(theta[0]) + np.array([theta[1], 0.0, theta[2]])
        return -float(np.sum(w * log_softmax(s, axis=1)[np.arange(len(y)), y]))

    # the temperature may soften the logits freely but sharpen them at most twofold: on a corpus the
    # classifier separates, out-of-fold logits would otherwise drive every probability to 0 or 1
    res = minimize(loss, np.zeros(3), method="L-BFGS-B", bounds=[(np.log(MIN_TEMPERATURE), np.log(100.0)), (-5, 5), (-5, 5)])
    t, bl, br = res.x
    return float(np.exp(t)), np.array([bl, 0.0, br])


# ------------------------------------------------------------------ evidence spans
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # CountVectorizer's default token_pattern, which the body counter uses
_WORD = re.compile(r"\w\w+")
_WORD_CHAR = re.compile(r"\w")


def lean_spans(text: str, model: LeanModel, title: str | None = None, k: int = 8, doc: Doc | None = None
               ) -> list[Span]:
    """Evidence of an article's lean: the occurrences, in the author's voice, of the ``k`` body terms
    that moved its lean most (by |points|), as ``Span(kind="lean", label="left"|"right")`` with
    ``score`` = the points each occurrence carries. Overlapping occurrences of one side merge into
    one phrase. Offsets slice ``text``; no span touches a quotation region. For many articles,
    ``lean_evidence`` gives the same spans from one pass over the batch."""
    if not isinstance(text, str):
        raise TypeError(f"lean_spans() expects the article text as str, got {type(text).__name__}")
    doc = doc if doc is not None else parse(repair_marks(text))
    body = author_voice(text, doc)
    points = model.term_points(body, author_voice(title) if title else "")
    return _spans_of(body, quote_ranges(doc), points, model, k)


def lean_evidence(model: LeanModel, bodies: Sequence[str], titles: Sequence[str] | None, texts: Sequence[str],
                  docs: Sequence[Doc | None] | None = None, k: int = 8
                  ) -> tuple[np.ndarray, pd.DataFrame, list[list[Span]]]:
    """Probabilities, explanation (``predict_with_explanation``'s) and lean spans (``lean_spans``'s,
    ``k`` terms each) of a batch of articles, tokenised once. ``bodies``/``titles``: the author-voice
    texts (``author_voice(text, doc)``, ``author_voice(title)``; ``titles`` None: no headlines);
    ``texts``: the original texts the spans slice; ``docs``: their segmentations (parsed here where
    None)."""
    bodies = ["" if b is None else str(b) for b in bodies]
    n = len(bodies)
    docs = list(docs) if docs is not None else [None] * n
    if len(texts) != n or len(docs) != n or (titles is not None and len(titles) != n):
        raise ValueError(f"lean_evidence: {n} bodies but {len(texts)} texts, {len(docs)} docs"
                         + ("" if titles is None else f", {len(titles)} titles"))
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"lean_evidence: text of row {i} is {type(t).__name__}, not str")
    heads = [t or "" for t in titles] if titles is not None else [""] * n
    D, cols = model.design(bodies, heads)
    proba, why = model.explained(D, cols)
    points = model.row_points(D, cols, model.body_names(), k)  # _spans_of reads the top k alone
    spans = [_spans_of(body, quote_ranges(doc if doc is not None else parse(repair_marks(text))), pts, model, k)
             for body, text, doc, pts in zip(bodies, texts, docs, points)]
    return proba, why, spans


def _spans_of(body: str, quotes: list[tuple[int, int]], points: dict[str, float], model: LeanModel, k: int
              ) -> list[Span]:
    """The spans of the ``k`` terms of ``points`` with most |points| in author-voice ``body``."""
    top = heapq.nlargest(k, (t for t in points if points[t] != 0.0), key=lambda t: abs(points[t]))
    if not top:
        return []
    wanted = set(top)
    read = body[: model.text_chars]
    hits = _scan_hits(read, wanted)
    if hits is None:
        hits = _token_hits(read, wanted, model.body_counter_.build_preprocessor())
    hits = _outside(hits, quotes)
    n_hits = Counter(t for *_, t in hits)
    per_hit = {t: points[t] / max(1, n_hits[t]) for t in wanted}
    return _merge([(s, e, per_hit[t]) for s, e, t in hits])


def _token_hits(read: str, wanted: set[str], prep: Callable[[str], str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of every occurrence in ``read`` of the ``wanted`` uni- and bigrams, token by
    token as the body counter reads them (``prep``: its lower-casing and accent stripping)."""
    # an ASCII token's preprocessing is its lower case: the fast path
    toks = [(m.start(), m.end(), w.lower() if w.isascii() else prep(w))
            for m in _TOKEN.finditer(read) for w in (m.group(),)]
    hits: list[tuple[int, int, str]] = []
    for i, (s, e, w) in enumerate(toks):
        if w in wanted:
            hits.append((s, e, w))
        if i + 1 < len(toks) and f"{w} {toks[i + 1][2]}" in wanted:
            hits.append((s, toks[i + 1][1], f"{w} {toks[i + 1][2]}"))
    return hits


def _scan_hits(read: str, wanted: set[str]) -> list[tuple[int, int, str]] | None:
    """``_token_hits`` of ``read`` by a substring search per term, in C; None for a text with a
    non-ASCII character that is a word character or changes case (such as an accented letter),
    where only the token walk gives the counter's reading. Elsewhere every token is ASCII and its
    reading is its lower case, found in place in ``read.lower()``: a token is a maximal run of two
    or more word characters, so a bigram's second word is the next such run after the first."""
    if any(_WORD_CHAR.match(c) or c.lower() != c for c in non_ascii_chars(read)):
        return None
    low = read.lower()  # only ASCII letters change: same length, offsets still slice ``read``
    hits: list[tuple[int, int, str]] = []
    for t in wanted:
        first, _, second = t.partition(" ")
        if not all(_WORD.fullmatch(w) for w in (first, second or first)):
            continue  # not a token the body counter could have read (none in its vocabulary)
        at = low.find(first)
        while at >= 0:
            end = at + len(first)
            if not (at and _WORD_CHAR.match(low, at - 1) or _WORD_CHAR.match(low, end)):
                if not second:
                    hits.append((at, end, t))
                else:
                    nxt = _TOKEN.search(low, end)
                    if nxt is not None and nxt.group() == second:
                        hits.append((at, nxt.end(), t))
            at = low.find(first, at + 1)
    return hits


def _outside(hits: list[tuple[int, int, str]], ranges: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The hits that overlap none of ``ranges`` (which may nest or overlap): of the ranges starting
    before a hit ends, the furthest-reaching must end by the hit's start."""
    if not ranges:
        return hits
    ranges = sorted(ranges)
    starts = [a for a, _ in ranges]
    reach = list(accumulate((b for _, b in ranges), max))
    return [h for h in hits if not (i := bisect_left(starts, h[1])) or reach[i - 1] <= h[0]]


def _merge(hits: list[tuple[int, int, float]]) -> list[Span]:
    """Overlapping occurrences of the same side become one span carrying their summed points."""
    spans: list[Span] = []
    for s, e, p in sorted(hits):
        label = "right" if p > 0 else "left"
        if spans and spans[-1].label == label and s < spans[-1].end:
            last = spans.pop()
            spans.append(Span(last.start, max(last.end, e), SPAN_KIND, label, "author", (last.score or 0.0) + p))
        else:
            spans.append(Span(s, e, SPAN_KIND, label, "author", p))
    return spans
