"""Hedge detection against the Szeged Uncertainty Corpus (``scoring.gold.szeged``).

Run: ``python -m bench.evals.hedging [--limit N] [--part dev|heldout]``; while tuning, score the dev
part alone (``--part dev``) and read the held-out part once, at the end.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from scoring.gold.szeged import DEV_SHARE, GOLD, load_szeged, predict, score

def evaluate(shared: Path, limit: int | None = None, parts: tuple[str, ...] = ("dev", "heldout")) -> dict[str, float]:
    """Dev (first 70% of documents) and held-out (last 30%) scores, flat, for the named ``parts``.

    ``limit`` caps the number of documents taken from each part.
    """
    docs = load_szeged(Path(shared) / GOLD)
    cut = int(len(docs) * DEV_SHARE)
    split = {"dev": docs[:cut], "heldout": docs[cut:]}
    out: dict[str, float] = {}
    for name in parts:
        part = split[name]
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
    ap.add_argument("--part", choices=["dev", "heldout"], action="append",
                    help="part to score (repeatable; default: both)")
    args = ap.parse_args()
    parts = tuple(args.part) if args.part else ("dev", "heldout")
    for k, v in evaluate(args.shared, args.limit, parts).items():
        print(f"{k:45s} {v:.4f}")


if __name__ == "__main__":
    main()
