"""Hedge detection against the Szeged Uncertainty Corpus (``scoring.gold.szeged``).

Run: ``python -m bench.evals.hedging [--limit N]``.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from scoring.gold.szeged import DEV_SHARE, GOLD, load_szeged, predict, score

def evaluate(shared: Path, limit: int | None = None) -> dict[str, float]:
    """Dev (first 70% of documents) and held-out (last 30%) scores, flat.

    ``limit`` caps the number of documents taken from each part.
    """
    docs = load_szeged(Path(shared) / GOLD)
    cut = int(len(docs) * DEV_SHARE)
    parts = {"dev": docs[:cut], "heldout": docs[cut:]}
    out: dict[str, float] = {}
    for name, part in parts.items():
        part = part[:limit] if limit else part
        predicted = predict(part)
        for k, v in score(part, predicted).items():
            out[f"hedging_{name}_{k}"] = v
        # Szeged annotates no approximators ("about 300"): show what they cost here
        plain = [[sp for sp in spans if sp[2] != "approximator"] for spans in predicted]
        out[f"hedging_{name}_sentence_f1_without_approximators"] = score(part, plain)["sentence_f1"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / ".." / "shared")
    ap.add_argument("--limit", type=int, default=None, help="documents per part (default: all)")
    args = ap.parse_args()
    for k, v in evaluate(args.shared, args.limit).items():
        print(f"{k:45s} {v:.4f}")


if __name__ == "__main__":
    main()
