"""``relscore train`` and ``relscore evaluate``: fit a score model on labelled
corpora, and validate it (grouped by outlet, plus a time split) against baselines.

Corpora: anything ``relscore score`` reads, a precomputed feature table (a
.parquet holding every FEATURE_NAMES column, e.g. ``relscore score --out x.parquet``
output; add a ``text`` column for the wording component), and/or the shared
training corpora with ``--shared-data ../shared``.
Labels: MBFC snapshots, ``domain,label`` CSVs, continuous ``domain,score`` CSVs
(Lin et al. 2023) and article-level ``id,label`` CSVs (e.g. hyperpartisan true/false).
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from scoring.model.evaluate import (
    Prepared, attach_labels, binary_metrics, calibration_rows, calibration_table, evaluate_prepared, format_report,
    prepare, titles_of, training_weights, urls_of,
)
from scoring.model.labels import REPORTING_TO_REL3, LabelTable, normalize_domain, read_labels
from scoring.model.estimator import TARGETS, fit_model, load_model, predict_with_explanation, save_model

log = logging.getLogger(__name__)

_TRUE = {"true", "1", "yes", "hyperpartisan", "partisan"}
_FALSE = {"false", "0", "no", "not-hyperpartisan", "mainstream"}


class TrainError(Exception):
    """A usage problem with train/evaluate inputs (printed, exit code 2)."""


# ------------------------------------------------------------------ corpora
def _feature_table(path: Path) -> pd.DataFrame | None:
    """A parquet that already holds every feature column, else None."""
    from features import FEATURE_NAMES

    if path.suffix.lower() not in {".parquet", ".pq"} or not path.is_file():
        return None
    import pyarrow.parquet as pq

    cols = set(pq.read_schema(path).names)
    if not set(FEATURE_NAMES) <= cols:
        return None
    df = pd.read_parquet(path)
    if "id" not in df:
        df["id"] = [f"{path.stem}-{i + 1}" for i in range(len(df))]
    return df


def load_corpus(paths: Sequence[str], limit: int | None = None, processes: int = 2) -> pd.DataFrame:
    """Articles with features: columns id, corpus, outlet, date, title, text, FEATURE_NAMES."""
    from features import FEATURE_NAMES

    from scoring.io.corpus import read_articles
    from scoring.io.records import ColumnError, InputError
    from scoring.model.datasets import compute_features

    frames = []
    for p in paths:
        path = Path(p)
        table = _feature_table(path)
        if table is None:
            try:
                arts, bad = read_articles([path], limit=limit)
            except (InputError, ColumnError) as e:
                raise TrainError(str(e)) from e
            if bad:
                log.warning("%s: %d rows could not be read (first: line %d, %s)", path, len(bad), bad[0].line,
                            bad[0].reason)
            if arts.empty:
                continue
            feats = compute_features(arts, processes)
            table = pd.concat([arts, feats[list(FEATURE_NAMES)]], axis=1)
        elif limit:
            table = table.head(limit)
        outlet = table.get("domain", pd.Series(None, index=table.index))
        if "url" in table:
            outlet = outlet.fillna(table["url"].map(lambda u: normalize_domain(u) or None))
        if "outlet" in table:
            outlet = outlet.fillna(table["outlet"].map(lambda o: normalize_domain(o) or (str(o).strip().lower() or None)
                                                       if isinstance(o, str) else None))
        frames.append(pd.DataFrame({
            "id": table["id"].astype(str), "corpus": path.stem, "outlet": outlet.fillna("").astype(str),
            "date": pd.to_datetime(table["date"], errors="coerce") if "date" in table else pd.NaT,
            "title": table["title"] if "title" in table else "",
            "text": table["text"] if "text" in table else None,
            "url": table["url"] if "url" in table else None,
            **{n: table[n].astype(float) for n in FEATURE_NAMES},
        }))
    if not frames:
        raise TrainError(f"no readable articles in {list(paths)}")
    df = pd.concat(frames, ignore_index=True)
    no_outlet = df["outlet"].eq("")
    if no_outlet.any():
        log.warning("%d articles have no outlet (no domain, URL or outlet column): left out, since labels "
                    "and validation folds are per outlet", int(no_outlet.sum()))
        df = df[~no_outlet].reset_index(drop=True)
    return df


def load_shared(shared: Path, allsides_cap: int | None, seed: int = 0) -> pd.DataFrame:
    """The three shared training corpora with their built-in labels and cached features."""
    from features import FEATURE_NAMES

    from scoring.model.datasets import cached_features, load_training_corpora

    if not (shared / "data").is_dir():
        raise TrainError(f"--shared-data {shared}: no data/ folder there; point it at the shared/ directory")
    df = load_training_corpora(shared, allsides_cap=allsides_cap, seed=seed)
    feats = cached_features(df, f"shared_cap{allsides_cap or 'all'}_seed{seed}")
    return pd.concat([df, feats[list(FEATURE_NAMES)]], axis=1)


# ------------------------------------------------------------------ labels
def apply_label_files(df: pd.DataFrame, paths: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """Join every label file to ``df``; returns the frame and a description of each source."""
    mbfc: LabelTable | None = None
    lin: LabelTable | None = None
    described = []
    for p in paths:
        path = Path(p)
        head = pd.read_csv(path, sep="\t" if path.suffix == ".tsv" else ",", nrows=5, dtype=str)
        cols = {c.lower() for c in head.columns}
        if "id" in cols and not cols & {"domain", "source", "outlet", "url", "source_url_normalized"}:
            df = _article_labels(df, path)
            described.append(f"{path.name} (article-level)")
            continue
        table = read_labels(path)
        described.append(f"{path.name} ({table.kind}, {len(table.data)} rows)")
        if table.kind == "mbfc":
            mbfc = table
        elif table.kind == "continuous":
            lin = table
        else:
            df = _categorical(df, table)
    df = attach_labels(df, mbfc, lin)
    return df, described


def _article_labels(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    lab = pd.read_csv(path, dtype=str, sep="\t" if path.suffix == ".tsv" else ",")
    col = next((c for c in lab.columns if c.lower() in ("hyperpartisan", "label")), None)
    if col is None:
        raise TrainError(f"{path}: article-level labels need a 'label' or 'hyperpartisan' column; "
                         f"columns are {list(lab.columns)}")
    values = lab.set_index(lab.columns[[c.lower() for c in lab.columns].index("id")])[col].str.strip().str.lower()
    mapped = values.map(lambda v: True if v in _TRUE else False if v in _FALSE else None)
    hp = df["id"].map(mapped)
    if "hyperpartisan" in df:
        hp = hp.fillna(df["hyperpartisan"])
    df = df.copy()
    df["hyperpartisan"] = hp
    return df


def _categorical(df: pd.DataFrame, table: LabelTable) -> pd.DataFrame:
    from scoring.model.labels import join_labels

    lab = join_labels(df["outlet"].tolist(), None, table)["label"].to_numpy()
    df = df.copy()
    values = pd.Series(lab, index=df.index).astype(object)
    rel = values.map(lambda v: v if v in ("reliable", "mixed", "unreliable") else REPORTING_TO_REL3.get(v))
    if rel.notna().any():
        df["rel3"] = rel if "rel3" not in df else df["rel3"].fillna(rel)
    bias = values.map(lambda v: v if isinstance(v, str) and v not in REPORTING_TO_REL3 else None)
    if bias.notna().any():
        df["mbfc_bias"] = bias if "mbfc_bias" not in df else df["mbfc_bias"].fillna(bias)
    return df


# ------------------------------------------------------------------ commands
def _gather(args: argparse.Namespace) -> tuple[pd.DataFrame, list[str]]:
    frames, sources = [], []
    if args.shared_data:
        shared = Path(args.shared_data)
        frames.append(load_shared(shared, args.allsides_cap, args.seed))
        sources += ["shared corpora: allsides (Baly et al. 2020), hyperpartisan (SemEval-2019 by-article), "
                    "fakenews_sample (FakeNewsCorpus)"]
        labels = args.labels or [str(shared / "data/labels/mbfc_snapshots.csv"),
                                 str(shared / "data/labels/lin2023_domain_pc1.csv")]
    else:
        labels = args.labels
    if args.corpus:
        frames.append(load_corpus(args.corpus, args.limit))
        sources += [str(p) for p in args.corpus]
    if not frames:
        raise TrainError("give --corpus INPUT... and/or --shared-data DIR")
    if not labels and not any("hyperpartisan" in f for f in frames):
        raise TrainError("give --labels (MBFC snapshots, domain,label or domain,score CSV, or id,label CSV)")
    df = pd.concat(frames, ignore_index=True)
    df, described = apply_label_files(df, labels or [])
    return df, sources + [f"labels: {d}" for d in described]


def _prepared(df: pd.DataFrame, target: str) -> Prepared:
    from features import FEATURE_NAMES

    prep = prepare(df, target, list(FEATURE_NAMES))
    if prep.data.empty or prep.data["y"].nunique() < 2:
        raise TrainError(f"no usable {target} labels: {len(prep.data)} labelled articles, "
                         f"classes {sorted(prep.data['y'].unique().tolist())}; check --labels")
    return prep


def class_summary(prep: Prepared) -> dict[str, Any]:
    """Articles and outlets per class (for the model card)."""
    d = prep.data
    return {str(int(k)): {"articles": int((d["y"] == k).sum()), "outlets": int(d.loc[d["y"] == k, "outlet"].nunique())}
            for k in sorted(d["y"].unique())}


def train_target(df: pd.DataFrame, target: str, seed: int = 0, use_text: bool = True,
                 sources: Sequence[str] = ()) -> dict:
    """Fit one target's shipped-style model on everything labelled in ``df``."""
    prep = _prepared(df, target)
    d = prep.data
    has_text = use_text and "text" in d and d["text"].notna().all()
    if use_text and not has_text:
        log.warning("no text column for every article: training without the wording component")
    w = training_weights(d, target)
    dates = pd.to_datetime(d["date"], errors="coerce")
    meta = {
        "trained_on": date.today().isoformat(),
        "sources": list(sources),
        "classes": class_summary(prep),
        "date_range": [str(dates.min().date()) if dates.notna().any() else None,
                       str(dates.max().date()) if dates.notna().any() else None],
        "corpora": {str(k): int(v) for k, v in d["corpus"].value_counts().items()} if "corpus" in d else {},
    }
    return fit_model(d[prep.feature_names], d["y"].astype(int), d["outlet"], target,
                     texts=d["text"].tolist() if has_text else None, sample_weight=w,
                     titles=titles_of(d) if has_text else None, urls=urls_of(d) if has_text else None,
                     feature_names=prep.feature_names, seed=seed, meta=meta,
                     calibrate_on=calibration_rows(d, target))


def run_train(args: argparse.Namespace) -> int:
    df, sources = _gather(args)
    model = train_target(df, args.target, seed=args.seed, use_text=not args.no_text, sources=sources)
    path = save_model(model, args.out)
    classes = model["meta"]["classes"]
    print(f"trained {args.target} on {model['meta']['n_train']} articles from {model['meta']['n_outlets']} outlets "
          f"(classes {classes}); wrote {path}", file=sys.stderr)
    return 0


def evaluate_models(df: pd.DataFrame, model_paths: Sequence[str]) -> dict[str, Any]:
    """Score labelled articles with given model files (no retraining)."""
    out: dict[str, Any] = {}
    for mp in model_paths:
        model = load_model(mp)
        prep = _prepared(df, model["target"])
        d = prep.data
        texts = d["text"].tolist() if "text" in d and d["text"].notna().all() else None
        p, _ = predict_with_explanation(model, d[model["feature_names"]], texts, titles_of(d), urls_of(d))
        res: dict[str, Any] = {"model": str(mp), "n_articles": len(d), "n_outlets": int(d["outlet"].nunique())}
        for name, col in prep.eval_columns.items():
            m = d[col].notna().to_numpy()
            res[name] = binary_metrics(d.loc[m, col].to_numpy(), p[m])
            res[f"{name}_calibration"] = calibration_table(d.loc[m, col].to_numpy(), p[m])
        out[model["target"]] = res
    return out


def run_evaluate(args: argparse.Namespace) -> int:
    df, sources = _gather(args)
    results: dict[str, Any] = {"sources": sources}
    if args.model:
        results["models"] = evaluate_models(df, args.model)
        for target, res in results["models"].items():
            print(f"{target} ({res['model']}): " + json.dumps({k: v for k, v in res.items()
                                                               if not k.endswith("calibration")}, default=str))
    else:
        targets = TARGETS if args.target == "both" else (args.target,)
        for target in targets:
            try:
                prep = _prepared(df, target)
            except TrainError as e:
                if args.target != "both":
                    raise
                log.warning("%s skipped: %s", target, e)
                continue
            res = evaluate_prepared(prep, n_splits=args.folds, seed=args.seed, use_text=not args.no_text)
            results[target] = res
            print(format_report(res))
            print()
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=1, default=_jsonable))
        print(f"wrote {args.json}", file=sys.stderr)
    return 0


def _jsonable(v: Any) -> Any:
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    return str(v)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", nargs="+", action="extend", metavar="INPUT",
                   help="corpora (any input `relscore score` reads, or a .parquet feature table)")
    p.add_argument("--shared-data", metavar="DIR", help="also use the shared training corpora in DIR (../shared)")
    p.add_argument("--labels", nargs="+", action="extend", metavar="FILE",
                   help="label files: MBFC snapshots, domain,label, domain,score or id,label CSV "
                        "(default with --shared-data: MBFC snapshots + Lin et al. 2023)")
    p.add_argument("--allsides-cap", type=int, default=60, metavar="N",
                   help="with --shared-data: at most N AllSides articles per outlet (default 60; 0 = all)")
    p.add_argument("--limit", type=int, metavar="N", help="read at most N rows per --corpus input")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--no-text", action="store_true", help="features only: no TF-IDF wording component")


def register(subparsers: Any) -> None:
    """Add ``train`` and ``evaluate`` to the relscore command."""
    t = subparsers.add_parser("train", help="fit a reliability or bias model on labelled corpora",
                              description=__doc__)
    _common(t)
    t.add_argument("--target", required=True, choices=TARGETS)
    t.add_argument("--out", required=True, metavar="MODEL.skops")
    t.set_defaults(func=_guard(run_train))
    e = subparsers.add_parser("evaluate", help="grouped-by-outlet validation against baselines",
                              description=__doc__)
    _common(e)
    e.add_argument("--target", default="both", choices=(*TARGETS, "both"))
    e.add_argument("--model", nargs="+", action="extend", metavar="MODEL.skops",
                   help="score these model files on the corpus instead of cross-validating the recipe")
    e.add_argument("--folds", type=int, default=5, help="outlet-grouped folds (default 5)")
    e.add_argument("--json", metavar="OUT.json", help="also write every number to this JSON file")
    e.set_defaults(func=_guard(run_evaluate))


def _guard(func: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        if getattr(args, "allsides_cap", None) == 0:
            args.allsides_cap = None
        try:
            return func(args)
        except (TrainError, FileNotFoundError) as e:
            from relscore.cli import UsageError

            raise UsageError(str(e)) from e
    return run
