"""The lean model (issue 23) on outlets it never saw, its variants, and the cost of its build.

    python -m bench.lean_experiments evaluate [--cap 100] [--seed 0] [--folds 5] [--json out.json]
    python -m bench.lean_experiments variants [--cap 100] [--variants quotes_kept,no_headline,...]
    python -m bench.lean_experiments build [--cap 300] [--out /tmp/lean.skops]

``evaluate``: ``scoring.model.lean_eval.evaluate_lean`` (grouped 5-fold CV over the AllSides outlets
against the majority class and TF-IDF + LR in the same folds, the article split beside it, the time
split, the outlet-level Spearman). ``variants``: grouped CV of the lean model only, one variant per
line of ``VARIANTS`` (same folds). ``build``: fit on the capped corpus, save with skops, report
time, file size and prediction speed (median of repeated batches). ``--append`` adds the printed
report with its command to bench/RESULTS.md. The author-voice texts are cached per feature version.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import skops.io as sio

from scoring.model.datasets import CACHE_DIR, feature_version, shared_dir
from scoring.model.lean import LeanModel, author_texts
from scoring.model.lean_eval import EVAL_CAP, evaluate_lean, format_lean_report, lean_runner, load_lean_corpus, \
    run_folds, summarise
from scoring.model.grouping import grouped_splits

log = logging.getLogger("lean_experiments")
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"

#: LeanModel parameters per variant; ``quotes_kept`` reads the raw text (quotations not blanked).
VARIANTS: dict[str, dict[str, Any]] = {
    "shipped": {},
    "quotes_kept": {"quotes_kept": True},
    "no_headline": {"headline": False},
    **{f"C{c:g}": {"C": c} for c in (0.3, 3.0)},
    **{f"terms{n}": {"max_terms": n} for n in (5000, 50000)},
    **{f"outlet_power{p:g}": {"outlet_power": p} for p in (0.0, 1.0)},
    "min_outlets1": {"min_outlets": 1},
}


def corpus(cap: int, seed: int) -> pd.DataFrame:
    """``load_lean_corpus`` cached on disk (the author-voice parse is most of its cost)."""
    path = CACHE_DIR / f"lean_corpus_cap{cap}_seed{seed}_{feature_version()}.parquet"
    if path.exists():
        return pd.read_parquet(path)
    d = load_lean_corpus(shared_dir(), cap, seed, processes=2)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    d.to_parquet(path, index=False)
    return d


def run_variants(d: pd.DataFrame, names: list[str], folds: int, seed: int) -> str:
    """Grouped CV of each named variant of the lean model, one line each."""
    splits = grouped_splits(d["y"].to_numpy(), d["outlet"].astype(str).tolist(), folds, seed)
    lines = ["variant          macro-F1        accuracy        MAE    MAE(expected)  seconds/fold"]
    for name in names:
        spec = dict(VARIANTS[name])
        data = d.assign(author_text=d["text"], author_title=d["title"]) if spec.pop("quotes_kept", False) else d
        t0 = time.perf_counter()
        res, _ = run_folds(data, splits, {"lean": lean_runner(seed=seed, **spec)})
        m = summarise(res, ["lean"])["lean"]
        lines.append(f"{name:<16} {m['macro_f1']:.3f}±{m['macro_f1_sd']:.3f}  {m['accuracy']:.3f}±{m['accuracy_sd']:.3f}"
                     f"  {m['mae']:.3f}  {m['mae_expected']:.3f}          {(time.perf_counter() - t0) / folds:.0f}")
        print(lines[-1], flush=True)
    return "\n".join(lines)


def build(cap: int, seed: int, out: Path) -> str:
    """Fit the lean model on the capped corpus from raw text (the author-voice parse included in the
    time), save it with skops, measure size and prediction speed."""
    from scoring.model.datasets import load_allsides
    d = load_allsides(shared_dir(), cap, seed)
    d = d[d["text"].str.strip().str.len() > 0].reset_index(drop=True)
    t0 = time.perf_counter()
    model = LeanModel(seed=seed, processes=2).fit(d, d["allsides_bias"], groups=d["outlet"])
    fit_s = time.perf_counter() - t0
    sio.dump(model, out, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    untrusted = sio.get_untrusted_types(file=out)
    model = sio.load(out, trusted=untrusted)
    model.processes = 1  # prediction as scoring runs it, one article stream per worker
    batch = d.sample(1000, random_state=1)
    voiced = batch.assign(author_text=author_texts(batch["text"].tolist()),
                          author_title=author_texts(batch["title"].tolist()))
    only, full = [], []
    for _ in range(3):
        t = time.perf_counter()
        model.predict_with_explanation(voiced)
        only.append((time.perf_counter() - t) / len(batch) * 1000)
        t = time.perf_counter()
        model.predict_with_explanation(batch[["text", "title"]])
        full.append((time.perf_counter() - t) / len(batch) * 1000)
    return (f"build: {len(d)} articles, {d['outlet'].nunique()} outlets, cap {cap}; fit {fit_s:.0f} s on "
            f"{os.cpu_count()} cores (author-voice parse on 2 processes included); file {out.stat().st_size / 1e6:.2f} MB; "
            f"{model.meta_['n_terms']} terms\nprediction with explanation, median of 3 batches of 1000: "
            f"{statistics.median(only):.2f} ms/article given the author-voice text, "
            f"{statistics.median(full):.2f} ms/article from raw text (parse included)\n"
            f"types skops does not trust by default: {sorted(untrusted)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("evaluate", "variants", "build"))
    ap.add_argument("--cap", type=int, default=None, help=f"articles per outlet (evaluate/variants {EVAL_CAP}, build 300)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--variants", default=",".join(v for v in VARIANTS if v != "shipped"))
    ap.add_argument("--json", type=Path, help="write the evaluation dict here")
    ap.add_argument("--out", type=Path, default=Path("/tmp/lean.skops"))
    ap.add_argument("--append", action="store_true", help="append the report and its command to bench/RESULTS.md")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    t0 = time.perf_counter()
    if args.mode == "build":
        report = build(args.cap or 300, args.seed, args.out)
    else:
        d = corpus(args.cap or EVAL_CAP, args.seed)
        if args.mode == "variants":
            report = run_variants(d, [v for v in args.variants.split(",") if v], args.folds, args.seed)
        else:
            result = evaluate_lean(d, args.folds, args.seed)
            if args.json:
                args.json.write_text(json.dumps(result, indent=1))
            report = format_lean_report(result)
    report += f"\n(total {time.perf_counter() - t0:.0f} s on {os.cpu_count()} cores, machine shared with other jobs)"
    print(report)
    if args.append:
        cmd = "python -m bench.lean_experiments " + " ".join(sys.argv[1:] if argv is None else argv)
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(f"\n`{cmd}`\n```\n{report}\n```\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
