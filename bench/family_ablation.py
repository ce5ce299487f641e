"""Which feature family moved a score's held-out AUC between two versions of the extractors?

Scores the features-only model (grouped 5-fold CV by outlet, the evaluation's own runner) on the
current features, on an older feature table, and on the current one with a single family put
back from the older table. The older table is the feature cache another checkout wrote, e.g.:

    git worktree add /tmp/orig <commit> && (cd /tmp/orig && python -c "from pathlib import Path; \
        from scoring.model.training import load_shared; load_shared(Path('../shared'), 60, 0)")
    python -m bench.family_ablation --old /tmp/relscore_cache/shared_cap60_seed0_<version>.parquet
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from features import FAMILIES
from scoring.model.datasets import shared_dir
from scoring.model.evaluate import evaluate_prepared, score_model_runner
from scoring.model.training import apply_label_files, load_shared, prepared, shared_labels

GROUPS = {"reliability": "reliable_vs_unreliable", "bias": "hyperpartisan_hand"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", type=Path, required=True, help="older feature cache (.parquet with an id column)")
    ap.add_argument("--target", choices=sorted(GROUPS), default="reliability")
    ap.add_argument("--shared", type=Path, default=shared_dir())
    args = ap.parse_args()
    df = load_shared(args.shared, 60, 0)
    df, _ = apply_label_files(df, shared_labels(args.shared))
    old = pd.read_parquet(args.old).set_index("id")
    families = [f for f in FAMILIES if any(c in old.columns for c in FAMILIES[f])]
    for variant in ["current", "old_all", *(f"old_{f}" for f in families)]:
        d = df.copy()
        put_back = families if variant == "old_all" else [variant[4:]] if variant != "current" else []
        for f in put_back:
            for c in FAMILIES[f]:
                d[c] = old.loc[d["id"], c].to_numpy() if c in old.columns else 0.0
        runners = {"features_only": score_model_runner(seed=0, wording=False)}
        res = evaluate_prepared(prepared(d, args.target), n_splits=5, seed=0, runners=runners, time_split=False)
        grp = GROUPS[args.target]
        folds = " ".join(f"{f['features_only'][grp]['roc_auc']:.3f}" for f in res["folds"])
        print(f"{variant:18s} {res['mean']['features_only'][grp]['roc_auc']:.4f}   folds {folds}", flush=True)


if __name__ == "__main__":
    main()
