"""A logistic regression whose coefficients on chosen columns cannot be negative.

The reliability model reads the journalistic criteria (``features.criteria``), each higher when
the criterion is better met. A plain fit may give a criterion a negative weight where it
correlates with other inputs, and then meeting the criterion better would lower the score.
``SignedLogisticRegression`` solves the same penalised problem as scikit-learn's
``LogisticRegression`` (L2 penalty ``0.5 * |w|^2``, ``C`` times the weighted log-loss, intercept
not penalised) with the bound ``w_j >= 0`` on the ``nonneg`` columns (L-BFGS-B), so after a
monotone scaling each of them can only raise the log-odds.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_expit
from sklearn.linear_model import LogisticRegression


class SignedLogisticRegression(LogisticRegression):
    """``LogisticRegression`` (binary, L2) with non-negative coefficients on the ``nonneg`` column indices."""

    def __init__(self, nonneg: Sequence[int] = (), C: float = 1.0, max_iter: int = 5000, tol: float = 1e-6,
                 random_state: int | None = None) -> None:
        super().__init__(C=C, max_iter=max_iter, tol=tol, random_state=random_state)
        self.nonneg = nonneg

    def fit(self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> SignedLogisticRegression:
        """Fit the bounded problem; ``y`` must hold exactly two classes."""
        X = np.asarray(X, dtype=float)
        self.classes_, yi = np.unique(np.asarray(y), return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError(f"SignedLogisticRegression is binary; got classes {self.classes_.tolist()}")
        n, d = X.shape
        if any(not 0 <= j < d for j in self.nonneg):
            raise ValueError(f"nonneg column indices {list(self.nonneg)} outside 0..{d - 1}")
        s = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        sign = np.where(yi == 1, 1.0, -1.0)

        def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
            w, b = theta[:d], theta[d]
            margin = sign * (X @ w + b)
            value = 0.5 * w @ w - self.C * s @ log_expit(margin)
            r = -self.C * s * sign * expit(-margin)  # d(loss)/d(linear predictor), per row
            return float(value), np.concatenate([w + X.T @ r, [r.sum()]])

        bounds = [(0.0, None) if j in set(self.nonneg) else (None, None) for j in range(d)] + [(None, None)]
        res = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", bounds=bounds,
                       options={"maxiter": self.max_iter, "gtol": self.tol})
        self.coef_ = res.x[:d][None, :]
        self.intercept_ = res.x[d:]
        self.n_features_in_ = d
        self.n_iter_ = np.array([res.nit])
        return self
