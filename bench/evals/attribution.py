"""Attribution spans against PolNeAR gold (``scoring.gold.polnear``): held-out and dev scores.

    python -m bench.evals.attribution [SHARED [LIMIT]]
"""
from __future__ import annotations

import sys
from pathlib import Path

from scoring.gold.polnear import load, predict, score

def evaluate(shared: Path, limit: int | None = None) -> dict[str, float]:
    """Scores on the pseudo-held-out part (``heldout_*``) and the dev part (``dev_*``)."""
    out: dict[str, float] = {}
    for part in ("heldout", "dev"):
        arts = load(shared, part, limit)
        out[f"{part}_articles"] = float(len(arts))
        pred = predict(arts)
        for k, v in score(arts, pred).items():
            out[f"{part}_{k}"] = v
        # content F1 with direct quotes only, to show what paraphrase adds
        direct = score(arts, pred, ("direct",))
        out[f"{part}_quote_direct_only_f1"] = direct["quote_f1"]
        # the same spans counting the reports nested in quotations, which PolNeAR leaves unannotated
        for k, v in score(arts, pred, nested=True).items():
            if not k.startswith("quote"):
                out[f"{part}_with_nested_{k}"] = v
    return out


if __name__ == "__main__":
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / ".." / "shared"
    lim = int(sys.argv[2]) if len(sys.argv) > 2 else None
    for k, v in evaluate(shared, lim).items():
        print(f"{k}\t{v}")
