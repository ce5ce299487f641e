"""The scores of ``relscore score``: ``reliability`` and ``bias`` (0-100) and the points behind each."""
from __future__ import annotations

import json
from typing import Sequence

import numpy as np
import pandas as pd

from scoring.model.estimator import TARGETS
from scoring.model.files import load_models
from scoring.model.wording import cluster_texts

#: Score columns written by ``predict_scores``, in output order.
SCORE_COLUMNS = ("reliability", "bias", "reliability_why", "bias_why")


def _why_json(row: pd.Series) -> str:
    return json.dumps({k: round(float(v), 1) for k, v in row.items()}, separators=(",", ":"))


def predict_scores(features: pd.DataFrame, model_paths: list[str] | None = None) -> pd.DataFrame:
    """``reliability`` and ``bias`` (0-100) with ``reliability_why``/``bias_why`` JSON per row.

    ``features`` holds the FEATURE_NAMES columns and, for the wording components, a
    ``text`` column with the article text, a ``title`` column with its headline and a
    ``url`` column with its address (each optional: a missing one counts as the average
    training article's). Without ``model_paths`` the bundled models are used (loaded once). A target without
    a model gets NaN scores.
    """
    if not isinstance(features, pd.DataFrame):
        raise TypeError(f"predict_scores expects a pandas DataFrame of features, got {type(features).__name__}")
    models = load_models(model_paths)
    out = pd.DataFrame(index=features.index)
    for target in TARGETS:
        if target not in models:
            out[target] = np.nan
            out[f"{target}_why"] = "{}"
            continue
        if len(features) == 0:
            out[target] = pd.Series(dtype=float)
            out[f"{target}_why"] = pd.Series(dtype=str)
            continue
        p, why = models[target].predict_with_explanation(features)
        out[target] = np.round(100.0 * p, 2)
        out[f"{target}_why"] = why.apply(_why_json, axis=1).to_numpy()
    return out[list(SCORE_COLUMNS)]


def warm_up_models(model_paths: Sequence[str] | None = None) -> None:
    """Load the models (and the word -> cluster table a model reads) in this process, so that
    worker processes forked after it share them."""
    models = load_models(list(model_paths) if model_paths else None)
    if any(m.cluster_model_ is not None for m in models.values()):
        cluster_texts(["Warm up."])
