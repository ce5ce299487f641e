"""How far a real-news figure could move with other outlets: a bootstrap over outlets.

The corpus's labels and furniture belong to outlets, so its figures are resampled by outlet (a
cluster bootstrap): each round draws as many outlets as the half has, with replacement, keeps every
article of each drawn outlet, and recomputes the figures from summed counts. The 2.5th and 97.5th
percentiles of the rounds give an interval that says how much of a difference between two figures
the number of outlets can explain (a figure's gap to a bar inside it is not resolved).

Counts come from ``scoring.gold.realnews.evaluate`` applied to one article at a time, so the
figures rebuilt from the full sample equal the corpus figures exactly.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Mapping, Sequence

import numpy as np

from features.base import Span
from scoring.gold.realnews import GoldDoc
from scoring.gold.realnews import evaluate as score_spans

#: ``figure -> (numerator count, denominator count)``: every guarded figure is a ratio of sums,
#: except the F1s, which are rebuilt from their precision and recall.
RATIOS = {
    "insertion_line_recall": ("insertion_found", "insertion_n_gold"),
    "insertion_char_precision": ("insertion_tp_chars", "insertion_pred_chars"),
}
PRF = ("hedge_cue", "hedge_sentence", "attribution_cue", "attribution_source")
FIGURES = tuple(RATIOS) + tuple(f"{name}_f1" for name in PRF)


def doc_counts(doc: GoldDoc, predicted: Mapping[str, Sequence[Span]]) -> dict[str, float]:
    """The counts behind every figure for one article (zero for kinds it is not annotated for)."""
    one = score_spans([doc], predicted)
    counts = {"insertion_n_gold": one["insertion_n_gold"], "insertion_pred_chars": one["insertion_pred_chars"]}
    counts["insertion_found"] = round(one["insertion_line_recall"] * one["insertion_n_gold"])
    counts["insertion_tp_chars"] = round(one["insertion_char_precision"] * one["insertion_pred_chars"])
    for name in PRF:
        n_pred, n_gold = one[f"{name}_n_pred"], one[f"{name}_n_gold"]
        counts[f"{name}_n_pred"], counts[f"{name}_n_gold"] = n_pred, n_gold
        counts[f"{name}_tp_pred"] = round(one[f"{name}_precision"] * n_pred)
        counts[f"{name}_tp_gold"] = round(one[f"{name}_recall"] * n_gold)
    return counts


def figures(totals: Mapping[str, float]) -> dict[str, float]:
    """The guarded figures from summed counts, with ``evaluate``'s conventions for empty sums."""
    out = {name: totals[num] / totals[den] if totals[den] else 1.0 for name, (num, den) in RATIOS.items()}
    for name in PRF:
        p = totals[f"{name}_tp_pred"] / totals[f"{name}_n_pred"] if totals[f"{name}_n_pred"] else 1.0
        r = totals[f"{name}_tp_gold"] / totals[f"{name}_n_gold"] if totals[f"{name}_n_gold"] else 1.0
        out[f"{name}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def outlet_intervals(docs: Sequence[GoldDoc], predicted: Mapping[str, Sequence[Span]],
                     rounds: int = 2000, seed: int = 0) -> dict[str, tuple[float, float, float]]:
    """``figure -> (value, low, high)``: the corpus figure and its 95% outlet-bootstrap interval."""
    by_outlet: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for d in docs:
        for k, v in doc_counts(d, predicted).items():
            by_outlet[d.outlet][k] += v
    keys = sorted(next(iter(by_outlet.values())))
    matrix = np.array([[c[k] for k in keys] for c in by_outlet.values()])  # outlets x counts
    full = figures(dict(zip(keys, matrix.sum(axis=0))))
    rng = np.random.default_rng(seed)
    n = len(matrix)
    draws = [figures(dict(zip(keys, matrix[rng.integers(0, n, n)].sum(axis=0)))) for _ in range(rounds)]
    out = {}
    for name in FIGURES:
        low, high = np.percentile([d[name] for d in draws], [2.5, 97.5])
        out[name] = (full[name], float(low), float(high))
    return out
