"""Named variants of the score model, evaluated on held-out outlets: a variant is a setting of
``ScoreModel``'s parameters, so an experiment is one line in ``VARIANTS``.

    python -m bench.bias_experiments [--shared ../shared] [--allsides-cap 60] [--limit N] [--seed 0]
        [--folds 5] [--target bias] [--variants shipped,features_only,...] [--baseline]

Same data, labels, weights, calibration rows and outer folds as the bundled build
(``relscore train --bundled``): ``scoring.model.evaluate.evaluate_prepared``, StratifiedGroupKFold
grouped by outlet (``--seed 1`` gives a second partition to confirm a choice on). Prints, per
variant, the fold means of ROC AUC, accuracy and balanced accuracy at 50 on the scored articles
(for bias: the hand-labelled SemEval articles), and the worst fold's AUC.
Results of past experiments, with their commands: bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from scoring.model.datasets import shared_dir
from scoring.model.evaluate import Prepared, evaluate_prepared, fit_score_model, model_runners
from scoring.model.training import apply_label_files, load_shared, prepared, shared_labels

log = logging.getLogger("bias_experiments")

#: ScoreModel parameters per variant; ``drop_at_test`` names input columns (title, url, text) the
#: test articles are scored without, as scoring does when a corpus lacks them.
VARIANTS: dict[str, dict[str, Any]] = {
    "shipped": {},
    "features_only": {"wording": False},
    "no_headline": {"headline": False},
    "no_clusters": {"clusters": False},
    "no_url": {"url": False},
    "no_blend": {"blend": 0.0},
    **{f"blend{a:g}": {"blend": a} for a in (0.2, 0.5)},
    **{f"stack_C{c:g}": {"C": c} for c in (0.1, 1.0)},
    **{f"text_C{c:g}": {"text_C": c} for c in (0.3, 3.0)},
    "inner_folds10": {"n_splits": 10},
    "no_titles_at_test": {"drop_at_test": ("title",)},
    "no_urls_at_test": {"drop_at_test": ("url",)},
}
GROUPS = {"reliability": "reliable_vs_unreliable", "bias": "hyperpartisan_hand"}


def variant_runner(spec: dict[str, Any], seed: int) -> Callable:
    """An evaluation runner fitting ``ScoreModel(**spec)`` on each fold's training part."""
    params = {"seed": seed, **{k: v for k, v in spec.items() if k != "drop_at_test"}}
    drop = list(spec.get("drop_at_test", ()))

    def run(train: pd.DataFrame, test: pd.DataFrame, prep: Prepared) -> np.ndarray:
        model = fit_score_model(train, prep, **params)
        return model.predict_proba(test.drop(columns=[c for c in drop if c in test.columns]))[:, 1]
    return run


def summary(res: dict[str, Any], group: str) -> pd.DataFrame:
    """One row per variant: mean AUC / accuracy / balanced accuracy, the worst fold's AUC."""
    rows = {}
    for name, mean in res["mean"].items():
        m = mean[group]
        rows[name] = {"auc": m["roc_auc"], "acc": m["accuracy"], "bal_acc": m.get("balanced_accuracy"),
                      "worst_fold_auc": min(f[name][group]["roc_auc"] for f in res["folds"])}
    return pd.DataFrame(rows).T


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=shared_dir())
    ap.add_argument("--allsides-cap", type=int, default=60, help="AllSides articles per outlet (default 60)")
    ap.add_argument("--limit", type=int, default=None, help="at most N articles per shared corpus (a quick run)")
    ap.add_argument("--target", choices=sorted(GROUPS), default="bias")
    ap.add_argument("--variants", default="shipped,features_only", help=f"comma-separated, of {', '.join(VARIANTS)}")
    ap.add_argument("--seed", type=int, default=0, help="seed of the outer folds and of the models")
    ap.add_argument("--folds", type=int, default=5, help="number of outer folds (10: each fold trains on 90%%)")
    ap.add_argument("--baseline", action="store_true", help="also the TF-IDF + LR baseline")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    unknown = [v for v in args.variants.split(",") if v not in VARIANTS]
    if unknown:
        ap.error(f"unknown variants {unknown}; known: {', '.join(VARIANTS)}")
    df = load_shared(args.shared, args.allsides_cap or None, seed=0, limit=args.limit)
    df, _ = apply_label_files(df, shared_labels(args.shared))
    prep = prepared(df, args.target)
    runners = {v: variant_runner(VARIANTS[v], args.seed) for v in args.variants.split(",")}
    if args.baseline:
        runners["tfidf_lr"] = model_runners(seed=args.seed)["tfidf_lr"]
    t0 = time.time()
    res = evaluate_prepared(prep, n_splits=args.folds, seed=args.seed, runners=runners, time_split=False)
    log.info("%d variants in %.0fs (%s)", len(runners), time.time() - t0, res["split"])
    print(summary(res, GROUPS[args.target]).round(3).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
