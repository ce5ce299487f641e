"""Every extractor on the real-news regression corpus (tests/regression/realnews), per half.

Scored through the public pipeline (``features.analyze`` with each article's title), with the
definitions of ``../shared/METRICS.md`` as implemented in ``scoring.regression``. Rules are tuned on
the ``dev`` half; ``test`` is the number to report.

Run: ``python -m bench.evals.realnews [--split test]``
"""
from __future__ import annotations

import argparse
from pathlib import Path

from features import analyze
from scoring.regression import GoldDoc, evaluate, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "regression" / "realnews" / "gold.jsonl"


def predict(docs: list[GoldDoc]) -> dict[str, list]:
    """Spans relscore finds in each article."""
    return {d.id: analyze(d.text, d.title).spans for d in docs}


def run(split: str | None) -> dict[str, float]:
    """Figures on one half (or all articles when ``split`` is None)."""
    docs = load_corpus(CORPUS, split=split)
    return evaluate(docs, predict(docs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", action="append", choices=["dev", "test", "samples"],
                    help="half to score (repeatable; default: test, dev and samples)")
    args = ap.parse_args()
    splits = args.split or ["test", "dev", "samples"]
    results = {s: run(s) for s in splits}
    keys = [k for k in results[splits[0]] if not k.startswith("insertion_recall_")]
    print(f"{'metric':34s}" + "".join(f"{s:>10s}" for s in splits))
    for k in keys:
        print(f"{k:34s}" + "".join(f"{results[s].get(k, float('nan')):10.3f}" for s in splits))


if __name__ == "__main__":
    main()
