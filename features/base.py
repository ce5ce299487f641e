"""Shared types for every extractor: evidence spans, extraction results and the
thin scikit-learn wrapper that turns a per-article function into a transformer."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

SPAN_KINDS = ("insertion", "hedge", "attribution", "source", "quote", "loaded", "qualifier")
VOICES = ("author", "quoted")


@dataclass(frozen=True, slots=True)
class Span:
    """Evidence: ``text[start:end]`` of the original article is what was found."""

    start: int
    end: int
    kind: str
    label: str = ""
    voice: str = "author"
    score: float | None = None

    def as_dict(self, text: str | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "label": self.label,
            "voice": self.voice,
        }
        if text is not None:
            d["text"] = text[self.start : self.end]
        if self.score is not None:
            d["score"] = round(float(self.score), 4)
        return d


@dataclass(slots=True)
class Extraction:
    """What one extractor found in one article."""

    features: dict[str, float]
    spans: list[Span] = field(default_factory=list)


def safe_div(num: float, den: float) -> float:
    """Ratio that is 0.0, not an error, when the denominator is empty."""
    return float(num) / float(den) if den else 0.0


def per_100(count: float, words: int) -> float:
    return 100.0 * safe_div(count, words)


def iter_texts(X: Any) -> list[str]:
    """Accept an iterable of article strings (list, Series, array, one-column frame)."""
    if isinstance(X, (str, bytes)):
        raise TypeError(
            "expected an iterable of article texts, got a single string; "
            "wrap it in a list: transform([text])"
        )
    if hasattr(X, "columns"):  # a DataFrame: take its only (or 'text') column
        cols = list(X.columns)
        if "text" in cols:
            X = X["text"]
        elif len(cols) == 1:
            X = X[cols[0]]
        else:
            raise ValueError(f"expected one text column or a column named 'text'; got columns {cols}")
    out = []
    for i, t in enumerate(X):
        if t is None or (isinstance(t, float) and np.isnan(t)):
            t = ""
        if not isinstance(t, str):
            raise TypeError(f"item {i} is {type(t).__name__}, expected str")
        out.append(t)
    return out


class ArticleTransformer(TransformerMixin, BaseEstimator):
    """Base for the per-extractor transformers: subclasses set ``feature_names``
    and implement ``_features(text) -> dict``. Output is a dense float array so
    ``set_output(transform="pandas")`` works."""

    feature_names: tuple[str, ...] = ()

    def fit(self, X: Iterable[str], y: Any = None) -> "ArticleTransformer":
        self.n_features_out_ = len(self.feature_names)
        self.feature_names_out_ = np.asarray(self.feature_names, dtype=object)
        return self

    def _features(self, text: str) -> dict[str, float]:  # pragma: no cover - abstract
        raise NotImplementedError

    def transform(self, X: Iterable[str]) -> np.ndarray:
        check_is_fitted(self, "feature_names_out_")
        texts = iter_texts(X)
        out = np.zeros((len(texts), len(self.feature_names)), dtype=float)
        for i, t in enumerate(texts):
            f = self._features(t)
            out[i] = [f.get(n, 0.0) for n in self.feature_names]
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray(self.feature_names, dtype=object)
