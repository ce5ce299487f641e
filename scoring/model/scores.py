"""The scores of ``relscore score``: ``reliability`` and ``bias`` (0-100), political ``lean``
(-100 left .. +100 right, with its class probabilities) and the points behind each."""
from __future__ import annotations

import json
from typing import Sequence

import numpy as np
import pandas as pd

from features.base import Span
from features.text import Doc
from scoring.model.estimator import TARGETS, ScoreModel
from scoring.model.files import LEAN_TARGET, load_models
from scoring.model.lean import LeanModel, lean_evidence, lean_inputs, lean_of
from scoring.model.ngrams import NgramCounts
from scoring.model.wording import cluster_texts

#: The lean columns: the score, the calibrated probability of each class, the points behind it.
LEAN_COLUMNS = ("lean", "lean_left", "lean_centre", "lean_right", "lean_why")
#: Score columns written by ``predict_scores``, in output order.
SCORE_COLUMNS = ("reliability", "bias", "reliability_why", "bias_why", *LEAN_COLUMNS)
#: The extra column of ``predict_scores(..., docs=...)``: each row's lean evidence spans.
LEAN_SPANS = "lean_spans"
#: Lean evidence spans per article: the terms that moved its lean most.
LEAN_EVIDENCE_TERMS = 8


def _why_json(why: pd.DataFrame) -> list[str]:
    """Each row's points as JSON, one decimal: ``{"family": points, ...}``."""
    names = [str(c) for c in why.columns]
    return [json.dumps({k: round(v, 1) for k, v in zip(names, row)}, separators=(",", ":"))
            for row in why.to_numpy(dtype=float).tolist()]


def predict_scores(features: pd.DataFrame, model_paths: list[str] | None = None,
                   docs: Sequence[Doc] | None = None) -> pd.DataFrame:
    """The SCORE_COLUMNS of each row: ``reliability`` and ``bias`` (0-100), ``lean`` (-100..+100)
    with ``lean_left``/``lean_centre``/``lean_right``, and a ``*_why`` JSON of points per family.

    ``features`` holds the FEATURE_NAMES and CRITERIA columns and, for the wording components, a
    ``text`` column with the article text (as the extractors read it), a ``title`` column with its
    headline and a ``url`` column with its address (each optional: a missing one counts as the
    average training article's). The lean model reads ``author_text`` (the text with quotations
    blanked, see ``scoring.model.lean.author_voice``) when given, else parses ``text``. With
    ``docs`` (each row's segmentation, ``features.analyze(...).doc``) the result also has a
    ``lean_spans`` column: each row's lean evidence as ``Span``s that slice its ``text``.
    Without ``model_paths`` the bundled models are used (loaded once). A target without a model
    gets NaN scores.
    """
    if not isinstance(features, pd.DataFrame):
        raise TypeError(f"predict_scores expects a pandas DataFrame of features, got {type(features).__name__}")
    if docs is not None and len(docs) != len(features):
        raise ValueError(f"predict_scores got {len(docs)} docs for {len(features)} rows")
    models = load_models(model_paths)
    out = pd.DataFrame(index=features.index)
    counts = NgramCounts()  # the score models' word vectorisers read each text once between them
    for target in TARGETS:
        if target not in models:
            out[target] = np.nan
            out[f"{target}_why"] = "{}"
            continue
        if len(features) == 0:
            out[target] = pd.Series(dtype=float)
            out[f"{target}_why"] = pd.Series(dtype=str)
            continue
        p, why = models[target].predict_with_explanation(features, counts=counts)  # type: ignore[call-arg]
        out[target] = np.round(100.0 * p, 2)
        out[f"{target}_why"] = _why_json(why)
    lean = models.get(LEAN_TARGET)
    spans = _lean_columns(out, features, lean if isinstance(lean, LeanModel) else None, docs)
    out = out[list(SCORE_COLUMNS)]
    if docs is not None:
        out[LEAN_SPANS] = spans
    return out


def _lean_columns(out: pd.DataFrame, features: pd.DataFrame, model: LeanModel | None,
                  docs: Sequence[Doc] | None) -> list[list[Span]]:
    """Fill ``out``'s lean columns; return each row's lean evidence (empty lists without ``docs``).
    Without a text column the lean cannot be read: NaN, not the average article's."""
    if model is None or len(features) == 0 or not {"text", "author_text"} & set(features.columns):
        for c in LEAN_COLUMNS:
            out[c] = "{}" if c == "lean_why" else np.nan
        return [[] for _ in range(len(features))]
    if docs is None:
        proba, why = model.predict_with_explanation(features)
        spans: list[list[Span]] = [[] for _ in range(len(features))]
    else:  # one tokenisation gives the scores, the explanation and the evidence
        bodies, titles = lean_inputs(features)
        texts = [t if isinstance(t, str) else "" for t in features.get("text", pd.Series([""] * len(features)))]
        proba, why, spans = lean_evidence(model, bodies, titles, texts, docs, LEAN_EVIDENCE_TERMS)
        why.index = features.index
    out["lean"] = np.round(lean_of(proba), 2)
    for i, c in enumerate(("lean_left", "lean_centre", "lean_right")):
        out[c] = np.round(proba[:, i], 4)
    out["lean_why"] = _why_json(why)
    return spans


def warm_up_models(model_paths: Sequence[str] | None = None) -> None:
    """Load the models (and the word -> cluster table a model reads) in this process, so that
    worker processes forked after it share them."""
    models = load_models(list(model_paths) if model_paths else None)
    if any(isinstance(m, ScoreModel) and m.cluster_model_ is not None for m in models.values()):
        cluster_texts(["Warm up."])
