"""SignedLogisticRegression: scikit-learn's penalised logistic regression, with chosen coefficients
kept non-negative."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression

from scoring.model.signed import SignedLogisticRegression


def _data(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(400, 4))
    y = (X[:, 0] - 0.8 * X[:, 1] + rng.normal(size=400) > 0).astype(int)
    return X, y, rng.uniform(0.5, 2.0, size=400)


def test_without_bounds_it_solves_scikit_learns_problem() -> None:
    X, y, w = _data()
    ours = SignedLogisticRegression(C=0.3).fit(X, y, sample_weight=w)
    theirs = LogisticRegression(C=0.3, max_iter=5000, tol=1e-8).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-4)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, atol=1e-4)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-4)


def test_a_column_that_would_take_a_negative_weight_gets_none() -> None:
    X, y, w = _data()
    free = SignedLogisticRegression(C=0.3).fit(X, y, sample_weight=w)
    assert free.coef_[0, 1] < -0.5  # column 1 lowers the odds when left free
    bounded = SignedLogisticRegression(nonneg=(1,), C=0.3).fit(X, y, sample_weight=w)
    assert bounded.coef_[0, 1] == 0.0
    assert bounded.coef_[0, 0] > 0.5  # the other columns still learn
    # so raising column 1 can never lower a row's probability
    up = X.copy()
    up[:, 1] += 3.0
    assert np.all(bounded.predict_proba(up)[:, 1] >= bounded.predict_proba(X)[:, 1] - 1e-12)


def test_it_is_a_scikit_learn_estimator_that_checks_its_input() -> None:
    X, y, _ = _data()
    model = SignedLogisticRegression(nonneg=(0, 2), C=0.5)
    copy = clone(model)
    assert copy.get_params()["nonneg"] == (0, 2) and copy.get_params()["C"] == 0.5
    assert list(copy.fit(X, y).classes_) == [0, 1]
    with pytest.raises(ValueError, match="binary"):
        SignedLogisticRegression().fit(X, np.arange(len(y)) % 3)
    with pytest.raises(ValueError, match="outside"):
        SignedLogisticRegression(nonneg=(7,)).fit(X, y)
