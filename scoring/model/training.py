"""Training on labelled corpora: read them, attach labels, fit a target's model, score model files.

Corpora: anything ``relscore score`` reads, a precomputed feature table (a .parquet
holding every FEATURE_NAMES column, e.g. ``relscore score --out x.parquet`` output; add a
``text`` column for the wording component), and/or the shared training corpora.
Labels: MBFC snapshots, ``domain,label`` CSVs, continuous ``domain,score`` CSVs
(Lin et al. 2023) and article-level ``id,label`` CSVs (e.g. hyperpartisan true/false).
The command line (``relscore train``/``evaluate``) is ``relscore.train``.
"""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from features import FEATURE_NAMES
from features.criteria import CRITERIA
from scoring.io.corpus import read_articles
from scoring.io.records import ColumnError, InputError
from scoring.model.datasets import cached_features, compute_features, load_training_corpora
from scoring.model.estimator import SCORE_FEATURES, TARGETS, ScoreModel
from scoring.model.evaluate import (
    Prepared, attach_labels, binary_metrics, calibration_rows, calibration_table, evaluate_prepared, prepare,
    training_weights,
)
from scoring.model.files import load_model
from scoring.model.labels import REPORTING_TO_REL3, LabelTable, join_labels, normalize_domain, read_labels

log = logging.getLogger(__name__)

_TRUE = {"true", "1", "yes", "hyperpartisan", "partisan"}
_FALSE = {"false", "0", "no", "not-hyperpartisan", "mainstream"}


class TrainError(Exception):
    """A problem with the training inputs (no readable articles, no usable labels)."""


# ------------------------------------------------------------------ corpora
def _feature_table(path: Path) -> pd.DataFrame | None:
    """A parquet that already holds every feature column, else None."""
    if path.suffix.lower() not in {".parquet", ".pq"} or not path.is_file():
        return None
    cols = set(pq.read_schema(path).names)
    if not set(FEATURE_NAMES) <= cols:
        return None
    df = pd.read_parquet(path)
    if "id" not in df:
        df["id"] = [f"{path.stem}-{i + 1}" for i in range(len(df))]
    return df


def read_input(path: Path, limit: int | None = None) -> pd.DataFrame:
    """The readable articles of one corpus input (``read_articles``); a warning counts the rows that
    could not be read, and an input that cannot be read at all is a TrainError."""
    try:
        arts, bad = read_articles([path], limit=limit)
    except (InputError, ColumnError) as e:
        raise TrainError(str(e)) from e
    if bad:
        log.warning("%s: %d rows could not be read (first: line %d, %s)", path, len(bad), bad[0].line, bad[0].reason)
    return arts


def article_outlets(table: pd.DataFrame) -> pd.Series:
    """Each row's outlet: its ``domain``, else its ``url``'s domain, else its ``outlet`` column (as a
    domain where it names one); '' where none of them tells."""
    outlet = table.get("domain", pd.Series(None, index=table.index))
    if "url" in table:
        outlet = outlet.fillna(table["url"].map(lambda u: normalize_domain(u) or None))
    if "outlet" in table:
        outlet = outlet.fillna(table["outlet"].map(lambda o: normalize_domain(o) or (str(o).strip().lower() or None)
                                                   if isinstance(o, str) else None))
    return outlet.fillna("").astype(str)


def load_corpus(paths: Sequence[str], limit: int | None = None, processes: int = 2) -> pd.DataFrame:
    """Articles with features: columns id, corpus, outlet, date, title, text, FEATURE_NAMES."""
    frames = []
    for p in paths:
        path = Path(p)
        table = _feature_table(path)
        if table is None:
            arts = read_input(path, limit)
            if arts.empty:
                continue
            feats = compute_features(arts, processes)
            table = pd.concat([arts, feats[[*FEATURE_NAMES, *CRITERIA]]], axis=1)
        elif limit:
            table = table.head(limit)
        frames.append(pd.DataFrame({
            "id": table["id"].astype(str), "corpus": path.stem, "outlet": article_outlets(table),
            "date": pd.to_datetime(table["date"], errors="coerce") if "date" in table else pd.NaT,
            "title": table["title"] if "title" in table else "",
            "text": table["text"] if "text" in table else None,
            "url": table["url"] if "url" in table else None,
            **{n: table[n].astype(float) for n in FEATURE_NAMES},
            # a feature table written without the criteria: not measurable, the model's average
            **{n: table[n].astype(float) if n in table else np.nan for n in CRITERIA},
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


def load_shared(shared: Path, allsides_cap: int | None, seed: int = 0, limit: int | None = None) -> pd.DataFrame:
    """The three shared training corpora with their built-in labels and cached features; with
    ``limit``, at most that many articles of each corpus (drawn with ``seed``)."""
    if not (shared / "data").is_dir():
        raise TrainError(f"shared data {shared}: no data/ folder there; point it at the shared/ directory")
    df = load_training_corpora(shared, allsides_cap=allsides_cap, seed=seed)
    if limit:
        df = df.sample(frac=1.0, random_state=seed).groupby("corpus").head(limit).sort_index().reset_index(drop=True)
    feats = cached_features(df, f"shared_cap{allsides_cap or 'all'}_seed{seed}")
    return pd.concat([df, feats[[*FEATURE_NAMES, *CRITERIA]]], axis=1)


def shared_labels(shared: Path) -> list[str]:
    """The label files that come with the shared data: MBFC snapshots and Lin et al. 2023."""
    return [str(shared / "data/labels/mbfc_snapshots.csv"), str(shared / "data/labels/lin2023_domain_pc1.csv")]


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


# ------------------------------------------------------------------ training and scoring
def gather(corpus: Sequence[str] = (), shared_data: str | Path | None = None, labels: Sequence[str] = (),
           allsides_cap: int | None = 60, seed: int = 0, limit: int | None = None) -> tuple[pd.DataFrame, list[str]]:
    """The labelled articles of ``corpus`` inputs and/or the shared corpora in ``shared_data``, with
    ``labels`` joined (default with shared data: its MBFC snapshots and Lin et al. 2023), and a
    description of every source. ``limit``: at most that many articles per input or shared corpus."""
    frames, sources = [], []
    if shared_data:
        shared = Path(shared_data)
        frames.append(load_shared(shared, allsides_cap, seed, limit=limit))
        sources += ["shared corpora: allsides (Baly et al. 2020), hyperpartisan (SemEval-2019 by-article), "
                    "fakenews_sample (FakeNewsCorpus)"]
        labels = list(labels) or shared_labels(shared)
    if corpus:
        frames.append(load_corpus(corpus, limit))
        sources += [str(p) for p in corpus]
    if not frames:
        raise TrainError("give corpora and/or the shared data directory")
    if not labels and not any("hyperpartisan" in f for f in frames):
        raise TrainError("give label files (MBFC snapshots, domain,label or domain,score CSV, or id,label CSV)")
    df = pd.concat(frames, ignore_index=True)
    df, described = apply_label_files(df, labels or [])
    return df, sources + [f"labels: {d}" for d in described]


def prepared(df: pd.DataFrame, target: str) -> Prepared:
    """The rows of ``df`` labelled for ``target``; TrainError without both classes."""
    prep = prepare(df, target, list(SCORE_FEATURES))
    if prep.data.empty or prep.data["y"].nunique() < 2:
        raise TrainError(f"no usable {target} labels: {len(prep.data)} labelled articles, "
                         f"classes {sorted(prep.data['y'].unique().tolist())}; check the label files")
    return prep


def class_summary(prep: Prepared) -> dict[str, Any]:
    """Articles and outlets per class (for the model card)."""
    d = prep.data
    return {str(int(k)): {"articles": int((d["y"] == k).sum()), "outlets": int(d.loc[d["y"] == k, "outlet"].nunique())}
            for k in sorted(d["y"].unique())}


def train_target(df: pd.DataFrame, target: str, seed: int = 0, use_text: bool = True,
                 sources: Sequence[str] = ()) -> ScoreModel:
    """Fit one target's shipped-style model on everything labelled in ``df``."""
    prep = prepared(df, target)
    d = prep.data
    has_text = use_text and "text" in d and d["text"].notna().all()
    if use_text and not has_text:
        log.warning("no text column for every article: training without the wording component")
    dates = pd.to_datetime(d["date"], errors="coerce")
    meta = {
        "trained_on": date.today().isoformat(),
        "sources": list(sources),
        "classes": class_summary(prep),
        "date_range": [str(dates.min().date()) if dates.notna().any() else None,
                       str(dates.max().date()) if dates.notna().any() else None],
        "corpora": {str(k): int(v) for k, v in d["corpus"].value_counts().items()} if "corpus" in d else {},
    }
    model = ScoreModel(target=target, seed=seed, feature_names=prep.feature_names, wording=bool(has_text))
    model.fit(d, d["y"].astype(int), sample_weight=training_weights(d, target), groups=d["outlet"],
              calibrate_on=calibration_rows(d, target))
    model.meta_ = {**meta, **model.meta_}
    return model


def evaluate_models(df: pd.DataFrame, model_paths: Sequence[str]) -> dict[str, Any]:
    """Score labelled articles with given model files (no retraining)."""
    out: dict[str, Any] = {}
    for mp in model_paths:
        model = load_model(mp)
        prep = prepared(df, model.target)
        d = prep.data
        if "text" in d and not d["text"].notna().all():
            d = d.drop(columns="text")  # as in training: the wording reads every article's text or none
        p = model.predict_proba(d)[:, 1]
        res: dict[str, Any] = {"model": str(mp), "n_articles": len(d), "n_outlets": int(d["outlet"].nunique())}
        for name, col in prep.eval_columns.items():
            m = d[col].notna().to_numpy()
            res[name] = binary_metrics(d.loc[m, col].to_numpy(), p[m])
            res[f"{name}_calibration"] = calibration_table(d.loc[m, col].to_numpy(), p[m])
        out[model.target] = res
    return out


def evaluate_targets(df: pd.DataFrame, target: str = "both", folds: int = 5, seed: int = 0,
                     use_text: bool = True) -> dict[str, Any]:
    """Grouped-by-outlet validation of the recipe against the baselines, per target ("both": each
    target with usable labels; the others are skipped with a warning)."""
    results: dict[str, Any] = {}
    for t in (TARGETS if target == "both" else (target,)):
        try:
            prep = prepared(df, t)
        except TrainError as e:
            if target != "both":
                raise
            log.warning("%s skipped: %s", t, e)
            continue
        results[t] = evaluate_prepared(prep, n_splits=folds, seed=seed, use_text=use_text)
    return results


def jsonable(v: Any) -> Any:
    """``json.dumps``'s ``default`` for numpy numbers (and anything else, as text)."""
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    return str(v)
