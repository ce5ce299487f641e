"""Outlet-grouped folds and weights: labels belong to outlets, so every split and every
weight of the score models is taken per outlet."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedGroupKFold


def outlet_weights(groups: Sequence[str], y: Sequence[float] | None = None, power: float = 1.0) -> np.ndarray:
    """Sample weights giving every outlet the same total weight (``power`` < 1 softens it),
    then every class the same total weight, normalised to mean 1."""
    g = pd.Series(list(groups))
    w = 1.0 / g.map(g.value_counts()).to_numpy(dtype=float) ** power
    if y is not None:
        ys = pd.Series(np.asarray(y)).reset_index(drop=True)
        totals = pd.Series(w).groupby(ys).transform("sum").to_numpy()
        w = w / totals
    return w * (len(w) / w.sum())


def grouped_splits(y: np.ndarray, groups: Sequence[str], n_splits: int, seed: int,
                   strata: Sequence | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Outlet-grouped stratified folds (indices), reproducible for a seed."""
    strata = np.asarray(y if strata is None else strata)
    n_groups = len(set(groups))
    k = max(2, min(n_splits, n_groups))
    sgkf = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    return [(tr, te) for tr, te in sgkf.split(np.zeros(len(strata)), strata, groups=np.asarray(groups))]
