"""Loaded-language evaluation on the SemEval-2020 Task 11 corpus (METRICS.md).

Span precision/recall/F1 with partial overlap against the Loaded_Language gold
spans (stripped of trailing whitespace), over all articles, and the Spearman
correlation across articles of predicted vs gold loaded spans per word.

Two sets of numbers, labelled:
- ``shipped_*``: the shipped model run through ``features.analyze``. It was
  trained on these very articles, so these are in-sample (optimistic).
- ``cv_*``: 5-fold cross-validation by article id; each fold's model and
  decoding thresholds are fitted on the other four folds only. This is the
  number that predicts held-out performance. By default it is read from the
  shipped model (recorded by ``python -m bench.train_loaded``); ``--cv``
  re-runs it (~10-20 min on 2 cores; also reports cv_fold<k>_f1 and the C
  each fold chose).

    python -m bench.evals.loaded [--cv] [--jobs N] [--limit N]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from features import analyze
from features.loaded import load_model
from features.text import tokenize
from scoring.gold.ptc import load_ptc, score


def evaluate_shipped(shared: Path, limit: int | None = None) -> dict[str, float]:
    """The shipped model through the public pipeline (in-sample on PTC train)."""
    arts = load_ptc(shared, limit)
    preds, golds, nw = [], [], []
    for _, text, gold in arts:
        an = analyze(text)
        preds.append([(s.start, s.end) for s in an.spans if s.kind == "loaded"])
        golds.append(gold)
        nw.append(len(tokenize(text)))
    return score(preds, golds, nw, "shipped_insample")


def evaluate(shared: Path, limit: int | None = None, cv: bool = False, jobs: int = 2) -> dict[str, float]:
    """Shipped-model (in-sample) metrics, plus cross-validated ones: re-run when
    ``cv`` is True (minutes), else the cv_* numbers recorded in the shipped
    model by the training run that produced it (full corpus, same code);
    ``jobs``: processes for the cross-validation's fits."""
    out = evaluate_shipped(shared, limit)
    if cv:
        from bench.train_loaded import cross_validate

        out.update(cross_validate(shared, limit=limit, jobs=jobs))
    else:
        out.update({k: float(v) for k, v in load_model().meta.get("cv", {}).items()})
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / ".." / "shared")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cv", action="store_true", help="re-run the nested cross-validation (~10-20 min)")
    ap.add_argument("--jobs", type=int, default=2, help="processes for the cross-validation's fits")
    args = ap.parse_args()
    print(json.dumps(evaluate(args.shared, args.limit, cv=args.cv, jobs=args.jobs), indent=2))
