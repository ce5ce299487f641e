"""Outlet weights and outlet-grouped folds."""
from __future__ import annotations

import numpy as np
import pytest

from scoring.model.grouping import grouped_splits, outlet_weights


def test_outlet_weights_give_every_outlet_the_same_total():
    w = outlet_weights(["big"] * 8 + ["small"] * 2)
    assert w[:8].sum() == pytest.approx(w[8:].sum())


def test_outlet_weights_then_balance_the_classes():
    w = outlet_weights(["a", "a", "b", "c"], [1, 1, 1, 0])
    assert w[:3].sum() == pytest.approx(w[3]) and w.mean() == pytest.approx(1.0)


def test_grouped_splits_keep_each_outlet_on_one_side_and_repeat_for_a_seed():
    groups = [f"o{i // 3}" for i in range(30)]
    y = np.array([i // 3 % 2 for i in range(30)])
    splits = grouped_splits(y, groups, 5, seed=1)
    assert len(splits) == 5
    for tr, te in splits:
        assert not {groups[i] for i in tr} & {groups[i] for i in te}
    again = grouped_splits(y, groups, 5, seed=1)
    assert all((a[1] == b[1]).all() for a, b in zip(splits, again))
    # never more folds than outlets
    assert len(grouped_splits(y[:6], groups[:6], 5, seed=0)) == 2
