"""The lean model (issue 23) on outlets it never saw, its variants, and the cost of its build.

    python -m bench.lean_experiments evaluate [--cap 100] [--seed 0] [--folds 5] [--json out.json]
    python -m bench.lean_experiments variants [--cap 100] [--variants shipped,final,quotes_kept,...]
    python -m bench.lean_experiments build [--cap 300] [--out /tmp/lean.skops]
    python -m bench.lean_experiments tune [--train-cap 30] [--seeds 0,1,2] [--variants shipped,head0.5,tfidf_lr]
    python -m bench.lean_experiments evidence [--n 500] [--runs 3] [--variant shipped --rev b3fcef3]

``evaluate``: ``scoring.model.lean_eval.evaluate_lean`` on the non-dev outlets (grouped 5-fold CV
against the majority class and TF-IDF + LR in the same folds, the article split beside it, the time
split, the outlet-level Spearman). ``variants``: grouped CV of the lean model only on the non-dev
outlets, one ``TUNING`` variant per line (same folds). ``build``: fit on the capped corpus, save with
skops, report time, file size and prediction speed (median of repeated batches). ``tune``: the
tuning protocol: each ``TUNING`` variant trained on the non-dev outlets (``lean_eval.dev_split``, at
most ``--train-cap`` articles each) and scored on the dev outlets only, with the TF-IDF + LR
baseline (``tfidf_lr``) on the same split, an outlet bootstrap of each variant's macro-F1 difference
from the first, and with ``--seeds`` the mean over several corpus samples. ``evidence``: ms/article
of probabilities + explanation + lean spans for a batch of dev-outlet articles given their
author-voice text and Doc, one article at a time against ``lean_evidence``. ``--append`` adds the
printed report with its command to bench/RESULTS.md. The author-voice texts are cached per feature
version.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
import types
import zipfile
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
import skops.io as sio
from sklearn.metrics import f1_score

from scoring.model.datasets import CACHE_DIR, feature_version, shared_dir
from features.mark_repair import repair_marks
from features.text import parse
from scoring.model.lean import CLASSES, LeanModel, author_texts, author_voice, lean_evidence, lean_spans
from scoring.model.lean_eval import EVAL_CAP, dev_outlets, dev_split, evaluate_lean, format_lean_report, lean_metrics, \
    lean_runner, load_lean_corpus, run_folds, summarise, tfidf_runner
from scoring.model.grouping import grouped_splits

log = logging.getLogger("lean_experiments")
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"

#: The settings of 2026-12-05 every ``tune`` variant starts from, so the variants' names keep their
#: meaning whatever LeanModel's defaults are (the chosen ones are head0.5+chars50k).
TUNING_BASE: dict[str, Any] = {"text_chars": 8000, "headline_weight": 1.0, "C": 1.0, "max_terms": 20000,
                               "min_outlets": 3, "max_df": 0.5, "outlet_power": 0.5, "headline": True}
#: Parameters tried on the dev outlets (``tune``); the first is the reference of the bootstrap.
TUNING: dict[str, dict[str, Any]] = {
    "shipped": {},
    "chars50k": {"text_chars": 50000},
    "terms50k": {"max_terms": 50000},
    "max_df0.9": {"max_df": 0.9},
    "C0.3": {"C": 0.3},
    "C3": {"C": 3.0},
    "min_outlets2": {"min_outlets": 2},
    "min_outlets1": {"min_outlets": 1},
    "no_headline": {"headline": False},
    "quotes_kept": {"quotes_kept": True},
    "outlet_power0": {"outlet_power": 0.0},
    "outlet_power1": {"outlet_power": 1.0},
    "terms30k": {"max_terms": 30000},
    **{f"head{w:g}": {"headline_weight": w} for w in (0.7, 0.5, 0.3, 0.1)},
    "terms5000": {"max_terms": 5000},
    "final": {"text_chars": 50000, "headline_weight": 0.5},  # LeanModel's defaults (= head0.5+chars50k)
}


def variant_spec(name: str) -> dict[str, Any]:
    """LeanModel parameters of a ``TUNING`` name (``+`` joins names), from ``TUNING_BASE``; the key
    ``quotes_kept`` asks for the raw text to be read."""
    return {**TUNING_BASE, **{k: v for part in name.split("+") for k, v in TUNING[part].items()}}


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
    """Grouped CV of each named ``TUNING`` variant of the lean model on the non-dev outlets, one line each."""
    d = d[~d["outlet"].astype(str).isin(dev_outlets(d["outlet"]))].reset_index(drop=True)
    splits = grouped_splits(d["y"].to_numpy(), d["outlet"].astype(str).tolist(), folds, seed)
    lines = ["variant          macro-F1        accuracy        MAE    MAE(expected)  seconds/fold"]
    for name in names:
        spec = variant_spec(name)
        data = d.assign(author_text=d["text"], author_title=d["title"]) if spec.pop("quotes_kept", False) else d
        t0 = time.perf_counter()
        res, _ = run_folds(data, splits, {"lean": lean_runner(seed=seed, **spec)})
        m = summarise(res, ["lean"])["lean"]
        lines.append(f"{name:<16} {m['macro_f1']:.3f}±{m['macro_f1_sd']:.3f}  {m['accuracy']:.3f}±{m['accuracy_sd']:.3f}"
                     f"  {m['mae']:.3f}  {m['mae_expected']:.3f}          {(time.perf_counter() - t0) / folds:.0f}")
        print(lines[-1], flush=True)
    return "\n".join(lines)


def tune(d: pd.DataFrame, names: list[str], train_cap: int, seed: int, boot: int = 1000
         ) -> tuple[str, dict[str, float]]:
    """Each named ``TUNING`` variant (``+``-joined names combine) trained on the non-dev outlets and
    scored on the dev outlets; the bootstrap resamples dev outlets (paired, same resamples for all)."""
    train, dev = dev_split(d, train_cap, seed)
    y = dev["y"].to_numpy()
    codes, _ = pd.factorize(dev["outlet"])
    rows = [np.flatnonzero(codes == c) for c in range(codes.max() + 1)]
    rng = np.random.default_rng(seed)
    samples = [np.concatenate([rows[c] for c in rng.integers(0, len(rows), len(rows))]) for _ in range(boot)]
    lines = [f"tuning split: train {len(train)} articles of {train['outlet'].nunique()} non-dev outlets (cap {train_cap}), "
             f"dev {len(dev)} articles of {dev['outlet'].nunique()} outlets",
             "variant                    macro-F1  accuracy  MAE    MAE(exp)  dF1 vs first (boot sd, P>0)  fit s"]
    ref, scores = None, {}
    for name in names:
        t0 = time.perf_counter()
        if name == "tfidf_lr":
            p = tfidf_runner(seed=seed)(train, dev)
        else:
            spec = variant_spec(name)
            raw = spec.pop("quotes_kept", False)
            voiced = (lambda f: f.assign(author_text=f["text"], author_title=f["title"])) if raw else (lambda f: f)
            p = lean_runner(seed=seed, **spec)(voiced(train), voiced(dev))
        secs = time.perf_counter() - t0
        m = lean_metrics(y, p)
        scores[name] = m["macro_f1"]
        f1s = np.array([f1_score(y[s], p[s].argmax(axis=1), average="macro", labels=[0, 1, 2], zero_division=0)
                        for s in samples])
        ref = f1s if ref is None else ref
        diff = f1s - ref
        lines.append(f"{name:<26} {m['macro_f1']:.3f}     {m['accuracy']:.3f}     {m['mae']:.3f}  {m['mae_expected']:.3f}"
                     f"     {diff.mean():+.3f} ({diff.std():.3f}, {np.mean(diff > 0):.2f})            {secs:.0f}")
        print(lines[-1], flush=True)
    return "\n".join(lines), scores


def tune_seeds(cap: int, names: list[str], train_cap: int, seeds: list[int]) -> str:
    """``tune`` once per seed (each seed draws its own capped corpus, training sample and model seed;
    the dev outlets stay the same), then each variant's dev macro-F1 over the seeds."""
    parts, table = [], {}
    for seed in seeds:
        text, scores = tune(corpus(cap, seed), names, train_cap, seed)
        parts.append(f"seed {seed}: {text}")
        for name, f1 in scores.items():
            table.setdefault(name, []).append(f1)
    ref = np.array(table[names[0]])
    parts.append(f"dev macro-F1 over seeds {seeds} (mean, sd; mean difference from {names[0]}, seeds where higher):")
    parts += [f"{name:<26} {np.mean(v):.3f} {np.std(v):.3f}   {np.mean(np.array(v) - ref):+.3f}  "
              f"{int(np.sum(np.array(v) > ref))}/{len(v)}" for name, v in table.items()]
    return "\n".join(parts)


def _timed(runs: int, n: int, call: Callable[[], Any]) -> tuple[list[float], Any]:
    """ms/article of ``runs`` calls of ``call`` over ``n`` articles, and the last call's result."""
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = call()
        times.append((time.perf_counter() - t) / n * 1000)
    return times, out


def old_lean_module(rev: str) -> types.ModuleType:
    """``scoring/model/lean.py`` as it was at git revision ``rev`` (to time the code before a change)."""
    src = subprocess.run(["git", "show", f"{rev}:scoring/model/lean.py"], capture_output=True, text=True, check=True,
                         cwd=RESULTS.parent.parent).stdout
    mod = types.ModuleType(f"lean_at_{rev}")
    exec(compile(src, f"{rev}:scoring/model/lean.py", "exec"), mod.__dict__)  # our own file from our own history
    return mod


def evidence(d: pd.DataFrame, n: int, runs: int, seed: int, variant: str = "", rev: str = "") -> str:
    """ms/article of probabilities + explanation + lean spans for ``n`` dev-outlet articles (the model
    trained on the non-dev outlets), given each article's author-voice text and Doc: one article at a
    time (``predict_with_explanation`` on the batch, then ``lean_spans`` per article) against the batch
    ``lean_evidence``; with ``rev``, also the one-by-one path of ``lean.py`` at that revision (its
    model fitted with its own defaults, so give the ``variant`` that equals them). Medians of ``runs``."""
    params = variant_spec(variant) if variant else {}
    train, dev = dev_split(d, None, seed)
    names = np.asarray(CLASSES)[train["y"]]
    model = LeanModel(seed=seed, **params).fit(train, names, groups=train["outlet"])
    batch = dev.sample(min(n, len(dev)), random_state=seed + 1).reset_index(drop=True)
    texts, titles = batch["text"].tolist(), batch["title"].fillna("").tolist()
    docs = [parse(repair_marks(t)) for t in texts]
    bodies = [author_voice(t, doc) for t, doc in zip(texts, docs)]
    heads = [author_voice(t) for t in titles]
    voiced = pd.DataFrame({"author_text": bodies, "author_title": heads})

    def one_by_one(m: Any, spans_of: Callable[..., Any]) -> Callable[[], Any]:
        return lambda: (m.predict_with_explanation(voiced),
                        [spans_of(x, m, title, k=8, doc=doc) for x, title, doc in zip(texts, titles, docs)])
    rows = []
    if rev:
        old = old_lean_module(rev)
        old_model = old.LeanModel(seed=seed).fit(train, names, groups=train["outlet"])
        t_old, (_, spans_old) = _timed(runs, len(batch), one_by_one(old_model, old.lean_spans))
        rows.append((f"one by one, lean.py at {rev}", t_old))
    t_one, (_, spans_one) = _timed(runs, len(batch), one_by_one(model, lean_spans))
    t_batch, (_, _, spans_batch) = _timed(runs, len(batch), lambda: lean_evidence(model, bodies, heads, texts, docs, k=8))
    rows += [("one by one (predict_with_explanation + lean_spans)", t_one), ("batch lean_evidence", t_batch)]
    lines = [f"evidence for {len(batch)} dev-outlet articles (model: {model.meta_['n_train']} articles of "
             f"{model.meta_['n_outlets']} non-dev outlets, {model.meta_['n_terms']} terms, "
             f"{variant or 'LeanModel defaults'}), given author-voice text and Doc, median of {runs} runs:"]
    lines += [f"  {name:<52} {statistics.median(t):.2f} ms/article (runs {', '.join(f'{x:.2f}' for x in t)})"
              for name, t in rows]
    lines.append(f"  batch spans identical to one by one: {spans_batch == spans_one}"
                 + (f"; to lean.py at {rev}: {spans_batch == spans_old}" if rev else ""))
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
    ap.add_argument("mode", choices=("evaluate", "variants", "build", "tune", "evidence"))
    ap.add_argument("--n", type=int, default=500, help="evidence: articles in the batch")
    ap.add_argument("--runs", type=int, default=3, help="evidence: timed runs")
    ap.add_argument("--variant", default="", help="evidence: a TUNING variant (default: LeanModel's defaults)")
    ap.add_argument("--rev", default="", help="evidence: also time the one-by-one path of lean.py at this git revision")
    ap.add_argument("--train-cap", type=int, default=30, help="tune: articles per non-dev outlet to train on")
    ap.add_argument("--cap", type=int, default=None, help=f"articles per outlet (evaluate/variants {EVAL_CAP}, build 300)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seeds", help="tune: comma-separated seeds, each its own corpus sample and training sample")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--variants", default="shipped,final", help="variants/tune: names of TUNING, + combines")
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
        elif args.mode == "evidence":
            report = evidence(d, args.n, args.runs, args.seed, args.variant, args.rev)
        elif args.mode == "tune":
            names = args.variants.split(",")
            seeds = [int(x) for x in args.seeds.split(",")] if args.seeds else [args.seed]
            report = tune_seeds(args.cap or EVAL_CAP, [v for v in names if v], args.train_cap, seeds)
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
