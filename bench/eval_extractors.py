"""Score every extractor against the annotated gold in ../shared/data/gold and
print one table (definitions: ../shared/METRICS.md).

    python bench/eval_extractors.py            # everything
    python bench/eval_extractors.py --only hedging --limit 200

Each extractor's evaluation lives in bench/evals/<name>.py and runs the public
pipeline (features.analyze), i.e. exactly what `relscore score` writes.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVALS = {
    "loaded": ("loaded language (PTC Loaded_Language, span F1 w/ partial overlap)", "span F1 >= 0.30"),
    "hedging": ("hedging (Szeged Wikipedia)", "sentence F1 >= 0.60"),
    "attribution": ("attribution (PolNeAR)", "cue F1 >= 0.65"),
    "insertions": ("off-topic insertions (synthetic, see bench/make_insertion_set.py)", "recall >= 0.90, char precision >= 0.90"),
    "realnews": ("real-news regression corpus, test half (tests/regression/realnews; dev_ = tuning half)",
                 "insertion recall and char precision >= 0.92, attribution cue/source F1 >= 0.80, hedged-sentence F1 >= 0.78"),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=sorted(EVALS), action="append")
    ap.add_argument("--limit", type=int, default=None, help="at most N gold documents per evaluation")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found", file=sys.stderr)
        return 0
    sys.path.insert(0, str(ROOT))
    results: dict[str, dict[str, float]] = {}
    for name in args.only or list(EVALS):
        title, bar = EVALS[name]
        mod = importlib.import_module(f"bench.evals.{name}")
        t = time.perf_counter()
        res = mod.evaluate(SHARED, limit=args.limit)
        results[name] = res
        print(f"\n## {title}   [bar: {bar}]   ({time.perf_counter() - t:.0f}s)")
        width = max(len(k) for k in res) if res else 10
        for k, v in res.items():
            print(f"  {k:<{width}}  {v:.3f}" if isinstance(v, float) else f"  {k:<{width}}  {v}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
