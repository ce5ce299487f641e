"""Political lean in the report (``lean``, ``lean_left``/``lean_centre``/``lean_right``, ``lean_why``
and evidence spans of kind ``lean`` from ``relscore score``): each article's lean and why, each
outlet's mean and how its articles split, and the outlets placed on two axes, lean against bias.

``lean`` runs from -100 (left) through 0 (centre) to +100 (right). A table without it (older
tables) makes no page mention lean.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from . import plots
from .env import fmt_signed
from .prepare import LEAN_PROBS, Corpus, finite, parse_why

LABEL = "Lean"
HELP = ("\u2212100 (left) \u2026 0 (centre) \u2026 +100 (right): the lean of the article's language, learned "
        "from AllSides editors' left/centre/right labels of articles; not a verdict on the article's honesty.")
#: The axis label of lean on charts.
AXIS = "lean (\u2212100 left, +100 right)"
CLASSES = ("left", "centre", "right")
#: Readable names of the lean explanation's families (``scoring.model.lean``'s words and headline).
FAMILY_LABELS = {"words": "words (author's voice)", "headline": "headline"}
#: An outlet is placed on the lean x bias chart only with at least this many articles carrying both
#: scores: with fewer, its means are too uncertain to place it among the others.
MAP_MIN_N = 50
#: Outlets named on the chart (the largest first, where the name fits); every point names itself on hover.
MAP_LABELS = 40


def probabilities(row: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The article's calibrated probabilities as [{name, p}] (left, centre, right); None when any is missing."""
    ps = [finite(row.get(k)) for k in LEAN_PROBS]
    if any(p is None for p in ps):
        return None
    return [{"name": n, "p": p} for n, p in zip(CLASSES, ps)]


def class_shares(rows: pd.DataFrame) -> dict[str, Any] | None:
    """Of the articles with all three probabilities, the share whose most probable class is left,
    centre and right; None without the probability columns or any article carrying them."""
    if not set(LEAN_PROBS) <= set(rows.columns):
        return None
    p = rows[list(LEAN_PROBS)].to_numpy(dtype=float)
    p = p[np.isfinite(p).all(axis=1)]
    if not len(p):
        return None
    counts = np.bincount(p.argmax(axis=1), minlength=3)
    return {"n": int(len(p)), "shares": [{"name": n, "share": float(k / len(p))} for n, k in zip(CLASSES, counts)]}


def article_lean(c: Corpus, row: dict[str, Any]) -> dict[str, Any] | None:
    """One article's lean: value, probabilities, and the points each family moved it, charted; None
    when the table has no lean."""
    if not c.has_lean:
        return None
    v = finite(row.get("lean"))
    out: dict[str, Any] = {"value": v, "shown": fmt_signed(v, 0), "probs": None, "likeliest": None, "svg": None,
                           "base": None, "help": HELP}
    if v is None:
        return out
    out["probs"] = probabilities(row)
    if out["probs"]:
        out["likeliest"] = max(out["probs"], key=lambda p: p["p"])["name"]
    why = parse_why(row.get("lean_why"))
    if why:
        out["base"] = fmt_signed(v - sum(why.values()), 0)
        out["svg"] = plots.diverging_bars([(FAMILY_LABELS.get(k, k), x) for k, x in why.items()],
                                          f"Why lean is {fmt_signed(v, 0)}: points towards left (\u2212) or right (+)",
                                          "lean points (\u2212 towards left, + towards right)", note="model baseline")
    return out


def outlet_lean(c: Corpus, ci: dict[str, dict[str, float]] | None, outlet: str) -> dict[str, Any] | None:
    """The outlet's mean lean with its interval and how its articles split; None without lean."""
    if not c.has_lean:
        return None
    return {"ci": ci, "split": class_shares(c.of_outlet(outlet))}


def _limits(lo: float, hi: float, step: float, floor: float, ceil: float) -> tuple[float, float]:
    """``lo``..``hi`` widened to multiples of ``step`` within ``floor``..``ceil``."""
    a = max(floor, math.floor(lo / step) * step)
    b = min(ceil, math.ceil(hi / step) * step)
    return (a, b) if b > a else (max(floor, a - step), min(ceil, b + step))


def outlet_map(c: Corpus, ci: dict[str, dict[str, dict[str, float]]], slugs: dict[str, str]) -> dict[str, Any] | None:
    """The outlets on two axes, mean lean (x) against mean bias (y), one point per outlet with at
    least MAP_MIN_N articles carrying both; None when the table has no lean or no outlets."""
    if not c.has_lean or not c.has_outlets:
        return None
    out: dict[str, Any] = {"svg": None, "rows": [], "min_n": MAP_MIN_N, "n_outlets": 0, "has_bias": "bias" in c.scores,
                           "max_labels": MAP_LABELS}
    if not out["has_bias"]:
        return out
    both = c.df[["_outlet", "lean", "bias"]].dropna()["_outlet"].value_counts()
    out["n_outlets"] = int(len(both))
    points = []
    for o, n in both[both >= MAP_MIN_N].items():
        lean, bias = ci["lean"].get(o), ci["bias"].get(o)
        if lean and bias:
            points.append(plots.Point(str(o), lean["mean"], lean["lo"], lean["hi"], bias["mean"], bias["lo"], bias["hi"], int(n)))
            out["rows"].append({"name": o, "slug": slugs[o], "n": int(n), "lean": lean, "bias": bias})
    out["rows"].sort(key=lambda r: r["lean"]["mean"])
    if not points:
        return out
    reach = max(max(abs(p.x_lo), abs(p.x_hi)) for p in points)
    half = min(100.0, max(10.0, math.ceil(reach * 1.1 / 10) * 10))
    ylim = _limits(min(p.y_lo for p in points), max(p.y_hi for p in points), 10.0, 0.0, 100.0)
    out["svg"] = plots.scatter(points, f"{len(points)} outlets by mean lean and mean bias", "mean lean", "mean bias",
                               (-half, half), ylim, x_ends=("left", "right"), max_labels=MAP_LABELS,
                               xfmt=lambda v: fmt_signed(v, 0))
    return out
