"""The span-rescoring experiment's candidate labels and looser decoding."""
from __future__ import annotations

import numpy as np

from bench.loaded_rescore import _looser, _right


def test_a_candidate_mostly_inside_gold_is_right() -> None:
    cand = (10, 20, np.zeros(1), False)
    assert _right(cand, [(8, 17)])
    assert not _right(cand, [(16, 30)])
    assert not _right(cand, [])


def test_the_looser_decoding_steps_down_the_grid_keeping_the_ratio() -> None:
    dec = {"t_hi": 0.3, "t_lo": 0.15, "trim": True}
    low = _looser(dec)
    assert low["t_hi"] == 0.25 and low["t_lo"] == 0.125 and low["trim"]
    lowest = {"t_hi": 0.15, "t_lo": 0.05}
    assert _looser(lowest) == lowest
