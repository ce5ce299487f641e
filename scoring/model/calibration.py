"""The score models' calibration: the sigmoid that turns a classifier's log-odds into a 0-1 score.

The feature pipeline ends in ``CalibratedClassifierCV(LogisticRegression, method="sigmoid",
ensemble=False)``: one linear classifier and one sigmoid, so a score stays a monotone function
of a linear sum and can be explained family by family.
"""
from __future__ import annotations

import logging
from typing import Any, Sequence

import numpy as np
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import QuantileTransformer

from scoring.model.signed import SignedLogisticRegression

log = logging.getLogger(__name__)


def make_feature_pipeline(cv: Any, C: float = 0.3, seed: int = 0, n_quantiles: int = 200,
                          nonneg: Sequence[int] = ()) -> Pipeline:
    """Quantile scaling to a normal shape, then a sigmoid-calibrated linear classifier; the columns
    at the ``nonneg`` indices get non-negative coefficients (``SignedLogisticRegression``)."""
    lr = (SignedLogisticRegression(nonneg=tuple(nonneg), C=C, max_iter=5000, random_state=seed) if nonneg
          else LogisticRegression(C=C, max_iter=5000, random_state=seed))
    return Pipeline([
        ("scale", QuantileTransformer(n_quantiles=n_quantiles, output_distribution="normal", random_state=seed)),
        ("clf", CalibratedClassifierCV(lr, method="sigmoid", cv=cv, ensemble=False)),
    ])


def pipeline_parts(pipe: Pipeline) -> tuple[Any, LogisticRegression, Any]:
    """The fitted pipeline's scaling steps, its linear classifier and its sigmoid calibrator."""
    clf = pipe.named_steps["clf"]
    cc = clf.calibrated_classifiers_[0]
    return pipe[:-1], cc.estimator, cc.calibrators[0]


def recalibrate(pipe: Pipeline, Z: np.ndarray, y: np.ndarray, w: np.ndarray,
                splits: Sequence[tuple[np.ndarray, np.ndarray]], rows: np.ndarray,
                blend: tuple[float, np.ndarray] | None = None) -> None:
    """Refit the fitted ``pipe``'s sigmoid calibration on the out-of-fold log-odds of ``rows`` only
    (``Z``: the training rows as the pipeline's scaling step outputs them).

    The weaker (outlet-level) labels still train the classifier, but they no longer decide
    where its log-odds turn into 50: within ``rows`` each outlet keeps its weight from ``w``
    and both classes get the same total. The result is again one sigmoid of the log-odds, so
    the model's structure and the explanations are unchanged. When ``rows`` do not hold both
    classes the calibration is left as fitted (with a warning). ``blend`` (weight ``a``, the
    full-text model's out-of-fold log-odds) makes the sigmoid read ``(1 - a) * oof + a * those``.
    """
    _, lr, cal = pipeline_parts(pipe)
    oof = np.full(len(y), np.nan)
    for tr, te in splits:
        oof[te] = clone(lr).fit(Z[tr], y[tr], sample_weight=w[tr]).decision_function(Z[te])
    if blend is not None:
        oof = (1 - blend[0]) * oof + blend[0] * np.asarray(blend[1], dtype=float)
    m = rows & np.isfinite(oof)
    if len(np.unique(y[m])) < 2:
        log.warning("calibration rows hold %d articles of one class only: calibration kept as fitted", int(m.sum()))
        return
    cal.a_, cal.b_ = balanced_sigmoid(oof[m], y[m], np.asarray(w)[m])


def balanced_sigmoid(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """The sigmoid ``1 / (1 + exp(a * z + b))`` (``_SigmoidCalibration``'s form) fitted to labels ``y``
    of log-odds ``z``, each row weighted by ``w`` and both classes given the same total."""
    y, w = np.asarray(y), np.asarray(w, dtype=float)
    sw = w / np.where(y == 1, w[y == 1].sum(), w[y == 0].sum())
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(np.asarray(z, dtype=float)[:, None], y,
                                                       sample_weight=sw * len(sw))
    return -float(fit.coef_[0, 0]), -float(fit.intercept_[0])


def blended_logit(lr: LogisticRegression, Z: np.ndarray, blend: float = 0.0, fulltext: Any = 0.0) -> Any:
    """The log-odds the calibration reads: the classifier's on scaled rows ``Z``, blended at weight
    ``blend`` with the full-text model's log-odds ``fulltext``."""
    return (1 - blend) * (Z @ lr.coef_[0] + lr.intercept_[0]) + blend * fulltext


def base_probability(pipe: Pipeline, reference: np.ndarray, blend: float = 0.0, fulltext_reference: float = 0.0
                     ) -> float:
    """The score (0-1) of the reference article, the one explanations are measured from."""
    _, lr, cal = pipeline_parts(pipe)
    return float(np.clip(cal.predict(np.array([blended_logit(lr, reference, blend, fulltext_reference)])), 0, 1)[0])
