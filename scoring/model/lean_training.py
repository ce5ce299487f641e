"""Training and validating the lean model on labelled corpora: ``relscore train --target lean``
and ``relscore evaluate --target lean``.

Lean labels come per article (the AllSides corpus in the shared data; an ``id,label`` CSV with
left / centre / right, or -1 / 0 / +1) or per outlet (a ``domain,label`` CSV of ratings such as
AllSides' or MBFC's bias categories, read as positions: left of centre is left, right of centre
right). Every article needs an outlet, since every split of the validation is by outlet.
"""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from scoring.model.datasets import load_allsides
from scoring.model.labels import join_labels, read_labels
from scoring.model.lean import CLASSES, LeanModel, author_texts
from scoring.model.lean_eval import BIAS_SCALE, evaluate_lean, load_lean_corpus
from scoring.model.training import TrainError, article_outlets, read_input

log = logging.getLogger(__name__)

#: Articles per AllSides outlet the shipped lean model is fitted on.
BUNDLED_CAP = 200

#: Rating words beyond ``BIAS_SCALE`` (AllSides' own outlet scale).
_MORE_POSITIONS = {"lean left": -1, "lean-left": -1, "lean right": 1, "lean-right": 1, "centre": 0,
                   "-1": -1, "0": 0, "1": 1, "+1": 1}


class LeanTrainError(ValueError):
    """The corpora or label files give no usable lean labels."""


def lean_class(value: Any) -> int | None:
    """0 left, 1 centre, 2 right of a label or rating word; None for anything that is not a lean
    (MBFC's fake-news or satire, a reliability grade, a missing value)."""
    if not isinstance(value, str):
        if isinstance(value, (int, float, np.integer, np.floating)) and value in (-1, 0, 1):
            return int(value) + 1
        return None
    v = value.strip().lower()
    pos = BIAS_SCALE.get(v, _MORE_POSITIONS.get(v))
    return None if pos is None else int(np.sign(pos)) + 1


def _articles(path: Path, limit: int | None) -> pd.DataFrame:
    try:
        arts = read_input(path, limit)
    except TrainError as e:
        raise LeanTrainError(str(e)) from e
    return pd.DataFrame({"id": arts["id"].astype(str), "corpus": path.stem, "outlet": article_outlets(arts),
                         "date": pd.to_datetime(arts["date"], errors="coerce"), "title": arts["title"].fillna(""),
                         "text": arts["text"].fillna(""), "url": arts["url"]})


def _label_column(lab: pd.DataFrame, path: Path) -> str:
    for name in ("lean", "label", "bias", "rating"):
        for c in lab.columns:
            if c.lower() == name:
                return c
    raise LeanTrainError(f"{path}: lean labels need a 'lean', 'label', 'bias' or 'rating' column; "
                         f"columns are {list(lab.columns)}")


def apply_lean_labels(df: pd.DataFrame, paths: Sequence[str | Path]) -> pd.DataFrame:
    """``df`` with ``y`` (0 left, 1 centre, 2 right) from each label file: article-level (``id``
    column) or outlet-level (joined by domain; dated MBFC snapshots by date). Earlier files win."""
    y = df["y"].astype("float") if "y" in df else pd.Series(np.nan, index=df.index)
    for p in paths:
        path = Path(p)
        sep = "\t" if path.suffix == ".tsv" else ","
        head = pd.read_csv(path, sep=sep, nrows=5, dtype=str)
        cols = {c.lower() for c in head.columns}
        if "id" in cols and not cols & {"domain", "source", "outlet", "url"}:
            lab = pd.read_csv(path, sep=sep, dtype=str)
            ids = lab[next(c for c in lab.columns if c.lower() == "id")].str.strip()
            classes = pd.Series(lab[_label_column(lab, path)].map(lean_class).to_numpy(), index=ids)
            found = df["id"].map(classes[~classes.index.duplicated()])
        else:
            table = read_labels(path)
            joined = join_labels(df["outlet"].tolist(), df["date"], table)
            rating = joined["mbfc_bias" if table.kind == "mbfc" else "label"]
            found = pd.Series(rating.map(lean_class).to_numpy(), index=df.index)
        y = y.fillna(found.astype(float))
    return df.assign(y=y)


def lean_frame(corpus: Sequence[str] = (), shared_data: str | Path | None = None, labels: Sequence[str] = (),
               cap: int | None = BUNDLED_CAP, seed: int = 0, limit: int | None = None, processes: int = 2
               ) -> tuple[pd.DataFrame, list[str]]:
    """Lean-labelled articles (``id, corpus, outlet, date, title, text, y``, and their author-voice
    ``author_text``/``author_title``) of ``corpus`` inputs and/or the shared AllSides corpus (at
    most ``cap`` articles per outlet), with a description of each source."""
    frames, sources = [], []
    if shared_data:
        frames.append(load_lean_corpus(Path(shared_data), cap, seed, processes, limit=limit))
        sources.append(f"shared corpus: allsides (Baly et al. 2020), article labels, at most {cap or 'all'} per outlet")
    if corpus:
        arts = pd.concat([_articles(Path(p), limit) for p in corpus], ignore_index=True)
        arts = apply_lean_labels(arts, labels)
        arts["author_text"] = author_texts(arts["text"].tolist(), processes)
        arts["author_title"] = author_texts(arts["title"].tolist(), processes)
        frames.append(arts)
        sources += [str(p) for p in corpus] + [f"labels: {Path(p).name}" for p in labels]
    elif labels:
        raise LeanTrainError("--labels name the lean of --corpus articles; the shared AllSides corpus has its own")
    if not frames:
        raise LeanTrainError("give corpora and/or the shared data directory")
    df = pd.concat(frames, ignore_index=True)
    usable = df["y"].notna() & df["outlet"].astype(str).ne("") & df["text"].astype(str).str.strip().ne("")
    if (~usable).any():
        log.warning("%d articles without a lean label, an outlet or a text are left out", int((~usable).sum()))
    df = df[usable].reset_index(drop=True)
    df["y"] = df["y"].astype(int)
    if df["y"].nunique() < 3 or df["outlet"].nunique() < 3:
        raise LeanTrainError(f"lean needs labelled articles of all three classes from at least three outlets; got "
                             f"{len(df)} articles, classes {sorted(df['y'].unique().tolist())}, "
                             f"{df['outlet'].nunique()} outlets")
    return df, sources


def training_ids(shared: str | Path, cap: int | None = BUNDLED_CAP, seed: int = 0) -> set[str]:
    """The AllSides article ids (as the corpus file spells them) ``lean_frame`` trains on with this
    ``cap`` and ``seed``: the shipped lean model's training articles, whose lean is in-sample."""
    d = load_allsides(Path(shared), cap, seed)
    d = d[d["text"].str.strip().str.len().gt(0) & d["outlet"].astype(str).ne("")]
    return set(d["id"].str.removeprefix("as_"))


def train_lean(df: pd.DataFrame, seed: int = 0, sources: Sequence[str] = (), **params: Any) -> LeanModel:
    """Fit the lean model on ``lean_frame``'s articles; ``meta_`` says what it was trained on."""
    model = LeanModel(seed=seed, **params).fit(df, np.asarray(CLASSES)[df["y"].to_numpy()], groups=df["outlet"])
    dates = pd.to_datetime(df["date"], errors="coerce")
    model.meta_ = {"trained_on": date.today().isoformat(), "sources": list(sources),
                   "date_range": [str(dates.min().date()) if dates.notna().any() else None,
                                  str(dates.max().date()) if dates.notna().any() else None],
                   **model.meta_}
    return model


def evaluate_lean_frame(df: pd.DataFrame, folds: int = 5, seed: int = 0, **kw: Any) -> dict[str, Any]:
    """``lean_eval.evaluate_lean`` on ``lean_frame``'s articles (grouped by outlet)."""
    if df["outlet"].nunique() < folds:
        raise LeanTrainError(f"{folds} outlet-grouped folds need at least {folds} outlets; got {df['outlet'].nunique()}")
    return evaluate_lean(df, n_splits=folds, seed=seed, **kw)
