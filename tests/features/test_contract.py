"""One contract over every extractor transformer and over ``features.analyze`` spans.

scikit-learn's ``check_estimator`` skips almost everything for text input, so the
parts of the estimator contract relscore relies on are checked here directly.
"""
from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from features.base import SPAN_KINDS, VOICES

SAMPLES = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"

TRANSFORMERS = [
    ("features.insertions", "InsertionFeatures"),
    ("features.hedging", "HedgingFeatures"),
    ("features.sourcing", "SourcingFeatures"),
    ("features.loaded", "LoadedFeatures"),
    ("features.style", "StyleFeatures"),
    ("features.pipeline", "ArticleFeatures"),
]
IDS = [cls for _, cls in TRANSFORMERS]


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]


@pytest.fixture(scope="module")
def huge_text() -> str:
    """~5 MB of real article text: the samples repeated."""
    unit = "\n\n".join(sample_texts()) + "\n\n"
    return (unit * (5_000_000 // len(unit) + 1))[:5_000_000]


@pytest.fixture(params=TRANSFORMERS, ids=IDS)
def transformer_cls(request):
    module, name = request.param
    # imported here, so one missing extractor fails only its own cases
    return getattr(importlib.import_module(module), name)


def test_fit_transform_shape_and_names(transformer_cls):
    texts = sample_texts()
    est = transformer_cls()
    assert est.fit(texts) is est
    X = est.transform(texts)
    names = list(est.get_feature_names_out())
    assert isinstance(X, np.ndarray) and X.dtype == float
    assert X.shape == (len(texts), len(names))
    assert len(names) > 0 and len(set(names)) == len(names)
    assert names == list(transformer_cls.feature_names)
    assert np.isfinite(X).all()
    np.testing.assert_array_equal(transformer_cls().fit_transform(texts), X)


def test_pandas_output(transformer_cls):
    texts = sample_texts()
    est = transformer_cls().set_output(transform="pandas").fit(texts)
    df = est.transform(texts)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == list(est.get_feature_names_out())
    assert len(df) == len(texts)


def test_clone(transformer_cls):
    texts = sample_texts()[:2]
    est = transformer_cls().fit(texts)
    twin = clone(est)
    assert type(twin) is type(est) and twin.get_params() == est.get_params()
    with pytest.raises(NotFittedError):  # a clone is unfitted
        twin.transform(texts)
    np.testing.assert_array_equal(twin.fit(texts).transform(texts), est.transform(texts))


def test_empty_input_gives_zero_rows(transformer_cls):
    est = transformer_cls().fit([])
    assert est.transform([]).shape == (0, len(est.get_feature_names_out()))


def test_degenerate_texts_give_finite_values(transformer_cls):
    texts = ["", "Libya", " \n\n \t", "“", "READ ALSO"]
    X = transformer_cls().fit(texts).transform(texts)
    assert X.shape[0] == len(texts)
    assert np.isfinite(X).all()


def test_huge_text_gives_finite_values(transformer_cls, huge_text):
    X = transformer_cls().fit([huge_text]).transform([huge_text])
    assert X.shape == (1, len(transformer_cls.feature_names))
    assert np.isfinite(X).all()


def test_bare_string_is_rejected(transformer_cls):
    est = transformer_cls().fit(["Russia and Turkey met."])
    with pytest.raises(TypeError, match="single string"):
        est.transform("Russia and Turkey met.")


# --- spans of features.analyze -------------------------------------------------------

EDGE_TEXTS = [
    "",
    "Libya",
    "“Unclosed quote at the very end",
    "READ ALSO  Canada police conduct under microscope in witness testimony\n"
    "Russia may have sent \"hundreds of mercenaries,\" officials said. It is a “red line”.",
]


@pytest.mark.parametrize("text", sample_texts() + EDGE_TEXTS, ids=lambda t: t[:20] or "empty")
def test_analyze_spans_slice_the_original(text):
    from features import analyze

    result = analyze(text)
    for sp, record in zip(result.spans, result.span_records()):
        assert 0 <= sp.start < sp.end <= len(text), sp
        evidence = text[sp.start:sp.end]
        assert evidence and evidence == evidence.strip(), sp
        assert sp.kind in SPAN_KINDS, sp
        assert sp.voice in VOICES, sp
        assert sp.score is None or np.isfinite(sp.score), sp
        assert record["text"] == evidence
