"""Which feature family carries a score's held-out AUC, or moved it between two versions of the extractors?

Scores a model (grouped 5-fold CV by outlet, the evaluation's own runner; features only by
default, ``--runner relscore`` for the shipped recipe with its wording columns) on every feature
family (``all``), on all but each family named in ``--drop`` (``without_<family>``), and, given
an older feature table, on that table (``old_all``) and on the current one with a single family
put back from it (``old_<family>``). The older table is the feature cache another checkout wrote, e.g.:

    git worktree add /tmp/orig <commit> && (cd /tmp/orig && python -c "from pathlib import Path; \
        from scoring.model.training import load_shared; load_shared(Path('../shared'), 60, 0)")
    python -m bench.family_ablation --old /tmp/relscore_cache/shared_cap60_seed0_<version>.parquet

Families out of the shipped models: ``python -m bench.family_ablation --drop furniture --runner relscore``.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import pandas as pd

from features import FAMILIES, FEATURE_NAMES
from scoring.model.datasets import shared_dir
from scoring.model.evaluate import evaluate_prepared, score_model_runner
from scoring.model.training import apply_label_files, load_shared, prepared, shared_labels

GROUPS = {"reliability": "reliable_vs_unreliable", "bias": "hyperpartisan_hand"}


def _variants(df: pd.DataFrame, old: pd.DataFrame | None, drop: list[str]) -> dict[str, tuple[pd.DataFrame, list[str]]]:
    """Variant name -> (rows, feature columns read)."""
    out = {"all": (df, list(FEATURE_NAMES))}
    for f in drop:
        out[f"without_{f}"] = (df, [c for c in FEATURE_NAMES if c not in FAMILIES[f]])
    if old is None:
        return out
    families = [f for f in FAMILIES if any(c in old.columns for c in FAMILIES[f])]
    for name, put_back in [("old_all", families), *((f"old_{f}", [f]) for f in families)]:
        d = df.copy()
        for f in put_back:
            for c in FAMILIES[f]:
                d[c] = old.loc[d["id"], c].to_numpy() if c in old.columns else 0.0
        out[name] = (d, list(FEATURE_NAMES))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", type=Path, help="older feature cache (.parquet with an id column)")
    ap.add_argument("--drop", nargs="*", default=[], choices=sorted(FAMILIES), help="families to score without")
    ap.add_argument("--target", choices=sorted(GROUPS), default="reliability")
    ap.add_argument("--runner", choices=("features_only", "relscore"), default="features_only")
    ap.add_argument("--shared", type=Path, default=shared_dir())
    args = ap.parse_args()
    df = load_shared(args.shared, 60, 0)
    df, _ = apply_label_files(df, shared_labels(args.shared))
    old = pd.read_parquet(args.old).set_index("id") if args.old else None
    runners = {args.runner: score_model_runner(seed=0, wording=args.runner == "relscore")}
    grp = GROUPS[args.target]
    for variant, (d, columns) in _variants(df, old, args.drop).items():
        prep = replace(prepared(d, args.target), feature_names=columns)
        res = evaluate_prepared(prep, n_splits=5, seed=0, runners=runners, time_split=False)
        for metric in ("roc_auc", "accuracy"):
            folds = " ".join(f"{f[args.runner][grp][metric]:.3f}" for f in res["folds"])
            print(f"{variant:18s} {metric:9s} {res['mean'][args.runner][grp][metric]:.4f}   folds {folds}", flush=True)


if __name__ == "__main__":
    main()
