"""The balanced sigmoid that puts a score's 50 between the classes."""
from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from scoring.model.calibration import balanced_sigmoid


def test_the_balanced_sigmoid_puts_50_between_the_classes_whatever_their_sizes():
    rng = np.random.default_rng(0)
    # nine positives per negative, log-odds centred on +2 and -2
    z = np.concatenate([rng.normal(2, 1, 900), rng.normal(-2, 1, 100)])
    y = np.r_[np.ones(900), np.zeros(100)]
    a, b = balanced_sigmoid(z, y, np.ones_like(z))
    assert a < 0  # _SigmoidCalibration's sign: 1 / (1 + exp(a * z + b)) rises with z
    # the classes' log-likelihood ratio is 4z, so 50 belongs at z = 0 ...
    assert abs(-b / a) < 0.2
    # ... where an unbalanced fit would put it at about -ln(9) / 4 = -0.55, pulled towards the negatives
    plain = LogisticRegression(C=1e6).fit(z[:, None], y)
    assert -plain.intercept_[0] / plain.coef_[0, 0] < -0.4
    # each class is brought to the same total, so scaling one class's weights changes nothing
    a2, b2 = balanced_sigmoid(z, y, np.where(y == 1, 10.0, 1.0))
    assert np.isclose(-b2 / a2, -b / a, atol=1e-3)
