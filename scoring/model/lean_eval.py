"""Validation of the lean model on outlets it never saw.

AllSides labels each article, but the labels follow the outlet (414 of 459 outlets carry one
label throughout), so an article split lets a model recognise outlets and report figures far
too high. Every split here keeps each outlet on one side: grouped 5-fold CV over the AllSides
outlets and a time split; the article (random) split is run beside them only to show the gap.
In every fold the lean model meets a majority-class baseline and a plain TF-IDF + logistic
regression over the full text (every term, quotes kept) on the same test rows. The outlets'
mean out-of-fold lean is then set against their outlet ratings (AllSides, MBFC, Baly et al.).
"""
from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.metrics import accuracy_score, f1_score, log_loss
from sklearn.model_selection import StratifiedKFold

from scoring.model.datasets import load_allsides, shared_dir
from scoring.model.grouping import grouped_splits, outlet_weights
from scoring.model.labels import LabelTable, join_labels, normalize_domain, read_labels
from scoring.model.lean import CLASSES, LeanModel, author_texts, lean_labels, lean_of
from scoring.model.wording import FULLTEXT_CHARS, clip_texts, make_text_model

log = logging.getLogger(__name__)

#: Articles per outlet in the evaluation corpus (fixed before any result was seen): keeps the
#: big outlets from being most of every fold and the whole evaluation within an hour on 2 loaded cores.
EVAL_CAP = 50
#: The time split: train on articles dated before, test on those on or after (about 60/40).
TIME_CUTOFF = "2018-01-01"
#: An outlet's mean lean is compared with its ratings only over this many held-out articles.
MIN_OUTLET_ARTICLES = 5
#: Outlet ratings as positions on a left (-) to right (+) scale; other categories (fake-news,
#: conspiracy, satire, pro-science) say nothing about lean and are left out.
BIAS_SCALE = {"extreme-left": -3, "left": -2, "left-center": -1, "leftcenter": -1, "center": 0,
              "least-biased": 0, "right-center": 1, "rightcenter": 1, "right": 2, "extreme-right": 3}

#: Share of outlets set aside for tuning (see ``dev_outlets``); no figure reported as held out uses them.
DEV_FRACTION = 0.2

Runner = Callable[[pd.DataFrame, pd.DataFrame], np.ndarray]


def load_lean_corpus(shared: Path | None = None, cap: int | None = EVAL_CAP, seed: int = 0,
                     processes: int = 2, limit: int | None = None) -> pd.DataFrame:
    """The AllSides articles (at most ``cap`` per outlet; with ``limit``, that many of them drawn with
    ``seed``) with ``y`` (0 left, 1 centre, 2 right) and their author-voice texts (``author_text``,
    ``author_title``) computed once for every model."""
    d = load_allsides(shared, cap, seed)
    d = d[d["text"].str.strip().str.len() > 0].reset_index(drop=True)
    if limit:
        d = d.sample(n=min(limit, len(d)), random_state=seed).sort_index().reset_index(drop=True)
    d["y"] = lean_labels(d["allsides_bias"])
    d["author_text"] = author_texts(d["text"].tolist(), processes)
    d["author_title"] = author_texts(d["title"].tolist(), processes)
    return d


def outlet_hash(outlet: str) -> float:
    """A stable number in [0, 1) for an outlet name (SHA-256 of the stripped, lower-cased name)."""
    digest = hashlib.sha256(str(outlet).strip().lower().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0 ** 64


def dev_outlets(outlets: Sequence[str], fraction: float = DEV_FRACTION) -> set[str]:
    """The tuning (dev) outlets among ``outlets``: those whose ``outlet_hash`` is below ``fraction``.

    Membership depends on the outlet's name only, so an outlet stays dev (or not) whatever else
    the corpus holds; about ``fraction`` of the outlets are chosen."""
    return {o for o in set(map(str, outlets)) if outlet_hash(o) < fraction}


def dev_split(d: pd.DataFrame, train_cap: int | None = None, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tuning split of ``load_lean_corpus``'s frame: the non-dev outlets' rows (at most
    ``train_cap`` per outlet, sampled with ``seed``) to train on, the dev outlets' rows to score."""
    dev = d["outlet"].astype(str).isin(dev_outlets(d["outlet"]))
    train = d[~dev]
    if train_cap is not None:
        train = train.sample(frac=1.0, random_state=seed).groupby("outlet").head(train_cap).sort_index()
    return train.reset_index(drop=True), d[dev].reset_index(drop=True)


def lean_metrics(y: np.ndarray, proba: np.ndarray) -> dict[str, float]:
    """Macro-F1 and accuracy of the most probable class; mean absolute error on the -1/0/+1 scale
    of that class (``mae``) and of the expected position ``P(right) - P(left)`` (``mae_expected``);
    and how well the probabilities are calibrated: log-loss, Brier score (summed over the three
    classes) and the expected calibration error of the most probable class's probability (``ece``,
    10 equal-width bins)."""
    y, proba = np.asarray(y, int), np.asarray(proba, float)
    if len(y) == 0:
        return {"n": 0}
    pred = proba.argmax(axis=1)
    onehot = np.eye(3)[y]
    conf = proba.max(axis=1)
    bins = np.minimum((conf * 10).astype(int), 9)
    hit = (pred == y).astype(float)
    ece = sum(abs(hit[bins == b].mean() - conf[bins == b].mean()) * np.mean(bins == b) for b in np.unique(bins))
    return {"n": int(len(y)), "macro_f1": float(f1_score(y, pred, average="macro", labels=[0, 1, 2], zero_division=0)),
            "accuracy": float(accuracy_score(y, pred)), "mae": float(np.mean(np.abs(pred - y))),
            "mae_expected": float(np.mean(np.abs(lean_of(proba) / 100 - (y - 1)))),
            "log_loss": float(log_loss(y, np.clip(proba, 1e-15, 1.0), labels=[0, 1, 2])),
            "brier": float(np.mean(np.sum((proba - onehot) ** 2, axis=1))), "ece": float(ece)}


# ------------------------------------------------------------------ the models compared
def lean_runner(**params: Any) -> Runner:
    """(train, test) -> probabilities of a ``LeanModel`` with these parameters fitted on ``train``."""
    def run(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
        names = np.asarray(CLASSES)[train["y"].to_numpy()]
        return LeanModel(**params).fit(train, names, groups=train["outlet"]).predict_proba(test)
    return run


def tfidf_runner(outlet_power: float = 0.5, seed: int = 0) -> Runner:
    """The plain baseline: ``wording.make_text_model`` over the full raw text (quotes kept, every
    term however few outlets use it), weighted per outlet as the lean model is."""
    def run(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
        w = outlet_weights(train["outlet"], train["y"], outlet_power)
        m = make_text_model(C=1.0, seed=seed).fit(clip_texts(train["text"].tolist(), FULLTEXT_CHARS),
                                                  train["y"].to_numpy(), lr__sample_weight=w)
        p = m.predict_proba(clip_texts(test["text"].tolist(), FULLTEXT_CHARS))
        out = np.zeros((len(test), 3))
        out[:, m.classes_] = p
        return out
    return run


def majority_runner(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    """The training part's class shares for every article (the prior): its most probable class is
    the majority class, and its probabilities are the best a model without the text can give."""
    prior = np.bincount(train["y"], minlength=3) / len(train)
    return np.tile(prior, (len(test), 1))


def default_runners(seed: int = 0, **params: Any) -> dict[str, Runner]:
    """The lean model (``params``), the TF-IDF + LR baseline and the majority class."""
    return {"lean": lean_runner(seed=seed, **params), "tfidf_lr": tfidf_runner(params.get("outlet_power", 0.5), seed),
            "majority": majority_runner}


# ------------------------------------------------------------------ the splits
def run_folds(d: pd.DataFrame, splits: list, runners: dict[str, Runner], grouped: bool = True
              ) -> tuple[list[dict[str, Any]], dict[str, np.ndarray]]:
    """Every runner on every fold: per-fold metrics and the pooled out-of-fold probabilities."""
    folds, pooled = [], {m: np.full((len(d), 3), np.nan) for m in runners}
    for k, (tr, te) in enumerate(splits):
        train, test = d.iloc[tr], d.iloc[te]
        if grouped:
            shared = set(train["outlet"]) & set(test["outlet"])
            assert not shared, f"fold {k}: outlets on both sides {sorted(shared)[:5]}"
        fold: dict[str, Any] = {"fold": k, "n_train": int(len(tr)), "n_test": int(len(te)),
                                "test_outlets": int(test["outlet"].nunique())}
        for name, run in runners.items():
            t0 = time.perf_counter()
            p = run(train, test)
            pooled[name][te] = p
            fold[name] = {**lean_metrics(test["y"].to_numpy(), p), "seconds": round(time.perf_counter() - t0, 1)}
        log.info("fold %d of %d done", k + 1, len(splits))
        folds.append(fold)
    return folds, pooled


def summarise(folds: list[dict[str, Any]], names: list[str]) -> dict[str, dict[str, float]]:
    """Mean and standard deviation over folds of each model's metrics."""
    out: dict[str, dict[str, float]] = {}
    for m in names:
        out[m] = {}
        for key in ("macro_f1", "accuracy", "mae", "mae_expected", "log_loss", "brier", "ece"):
            vals = [f[m][key] for f in folds if key in f[m]]
            out[m][key] = float(np.mean(vals))
            out[m][f"{key}_sd"] = float(np.std(vals))
    return out


def time_split(d: pd.DataFrame, runners: dict[str, Runner], cutoff: str = TIME_CUTOFF) -> dict[str, Any]:
    """Train before ``cutoff``, test on or after it; scored on all test rows and on those of unseen outlets."""
    dates = pd.to_datetime(d["date"], errors="coerce")
    train, test = d[dates < cutoff], d[dates >= cutoff]
    unseen = ~test["outlet"].isin(set(train["outlet"])).to_numpy()
    out: dict[str, Any] = {"cutoff": cutoff, "n_train": int(len(train)), "n_test": int(len(test)),
                           "n_test_unseen_outlets": int(unseen.sum())}
    for name, run in runners.items():
        try:
            p = run(train, test)
        except ValueError as e:  # a part too small to fit (a small corpus): said in the report, not hidden
            out[name] = {"skipped": str(e)}
            continue
        y = test["y"].to_numpy()
        out[name] = {"all": lean_metrics(y, p), "unseen_outlets": lean_metrics(y[unseen], p[unseen])}
    return out


# ------------------------------------------------------------------ outlet ratings
def _scale_table(domains: pd.Series, bias: pd.Series, source: str) -> LabelTable:
    pos = bias.astype(str).str.strip().str.lower().map(BIAS_SCALE)
    data = pd.DataFrame({"domain": domains.map(normalize_domain), "label": pos})
    data = data[(data["domain"] != "") & data["label"].notna()].drop_duplicates("domain")
    return LabelTable("continuous", data.reset_index(drop=True), source)


def outlet_ratings(outlets: pd.DataFrame, labels_dir: Path) -> pd.DataFrame:
    """Each outlet's rating positions (left - .. right +): ``allsides`` (the mean of its articles'
    labels), ``mbfc`` (the MBFC snapshot in force at the outlet's median article date), ``baly2018``
    (7-point) and ``baly2020`` (3-point); NaN where a source does not rate the outlet.
    ``outlets``: columns outlet, date (median), allsides."""
    out = outlets.copy()
    mbfc = read_labels(labels_dir / "mbfc_snapshots.csv")
    j = join_labels(out["outlet"].tolist(), out["date"].tolist(), mbfc)
    out["mbfc"] = j["mbfc_bias"].map(lambda b: BIAS_SCALE.get(str(b).lower(), np.nan)).to_numpy(dtype=float)
    # later snapshots rate some outlets "fake-news" or "conspiracy" instead of a lean: then the
    # latest snapshot that placed the outlet on the scale stands in
    placed = mbfc.data[mbfc.data["bias"].isin(BIAS_SCALE)].sort_values("snapshot").drop_duplicates("domain", keep="last")
    latest = _scale_table(placed["domain"], placed["bias"], "mbfc latest placement")
    out["mbfc"] = out["mbfc"].fillna(join_labels(out["outlet"].tolist(), None, latest)["label"].astype(float)
                                     .set_axis(out.index))
    for name, file in (("baly2018", "baly_emnlp18_corpus.tsv"), ("baly2020", "baly_acl2020_corpus.tsv")):
        raw = pd.read_csv(labels_dir / file, sep="\t", dtype=str)
        table = _scale_table(raw["source_url_normalized"], raw["bias"], file)
        out[name] = join_labels(out["outlet"].tolist(), None, table)["label"].astype(float).to_numpy()
    return out


def outlet_agreement(d: pd.DataFrame, proba: np.ndarray, labels_dir: Path,
                     min_articles: int = MIN_OUTLET_ARTICLES) -> dict[str, Any]:
    """Spearman correlation of held-out outlets' mean out-of-fold lean with their ratings (outlets
    with at least ``min_articles`` articles), and the per-outlet table behind it (``outlets``)."""
    per = pd.DataFrame({"outlet": d["outlet"], "lean": lean_of(proba), "allsides": d["y"] - 1.0,
                        "date": pd.to_datetime(d["date"], errors="coerce")})
    g = per.groupby("outlet").agg(lean=("lean", "mean"), allsides=("allsides", "mean"), date=("date", "median"),
                                  n=("lean", "size")).reset_index()
    g = outlet_ratings(g[g["n"] >= min_articles].reset_index(drop=True), labels_dir)
    res: dict[str, Any] = {"min_articles": min_articles, "n_outlets": int(len(g))}
    for src in ("allsides", "mbfc", "baly2018", "baly2020"):
        m = g[src].notna()
        rho = spearmanr(g.loc[m, "lean"], g.loc[m, src]).statistic if m.sum() > 2 else float("nan")
        res[src] = {"spearman": float(rho), "n_outlets": int(m.sum())}
    cols = ["outlet", "n", "lean", "allsides", "mbfc", "baly2018", "baly2020"]
    # per outlet, for reports: NaN (unrated) becomes None so the dict stays JSON
    res["outlets"] = [{k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()}
                      for r in g[cols].round(3).astype(object).to_dict("records")]
    return res


# ------------------------------------------------------------------ everything
def evaluate_lean(d: pd.DataFrame, n_splits: int = 5, seed: int = 0, runners: dict[str, Runner] | None = None,
                  random_split: bool = True, with_time_split: bool = True, labels_dir: Path | None = None,
                  exclude_dev: bool = True) -> dict[str, Any]:
    """Grouped-by-outlet CV (per fold and mean), the random-split figure beside it, the time split and
    the outlet-level check, as a JSON-able dict. ``d``: ``load_lean_corpus``'s frame. With
    ``exclude_dev`` every figure is on the outlets outside ``dev_outlets`` only (the dev outlets
    were used to choose the model's parameters)."""
    runners = runners or default_runners(seed)
    n_dev = 0
    if exclude_dev:
        dev = d["outlet"].astype(str).isin(dev_outlets(d["outlet"]))
        n_dev = int(d.loc[dev, "outlet"].nunique())
        d = d[~dev].reset_index(drop=True)
    names = list(runners)
    y, groups = d["y"].to_numpy(), d["outlet"].astype(str).tolist()
    splits = grouped_splits(y, groups, n_splits, seed)
    folds, pooled = run_folds(d, splits, runners)
    result: dict[str, Any] = {
        "n_articles": int(len(d)), "n_outlets": int(d["outlet"].nunique()), "classes": list(CLASSES),
        "dev_outlets_excluded": n_dev,
        "class_counts": np.bincount(y, minlength=3).tolist(),
        "split": f"StratifiedGroupKFold(n_splits={len(splits)}, groups=outlet, shuffle, seed={seed})",
        "folds": folds, "mean": summarise(folds, names),
        "pooled": {m: lean_metrics(y, pooled[m]) for m in names},
    }
    if random_split:
        rs = list(StratifiedKFold(n_splits, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))
        rnd = {m: runners[m] for m in names if m != "majority"}
        rfolds, _ = run_folds(d, rs, rnd, grouped=False)
        result["random_split"] = {"split": f"StratifiedKFold(n_splits={n_splits}, articles, shuffle, seed={seed})",
                                  "mean": summarise(rfolds, list(rnd))}
    if with_time_split:
        result["time_split"] = time_split(d, runners)
    labels_dir = labels_dir or shared_dir() / "data" / "labels"
    if "lean" in pooled and labels_dir.exists():
        result["outlet_check"] = outlet_agreement(d, pooled["lean"], labels_dir)
    return result


def format_lean_report(result: dict[str, Any]) -> str:
    """Plain-text summary: grouped-CV means, the random split, the time split, the outlet check."""
    dev = result.get("dev_outlets_excluded", 0)
    lines = [f"articles={result['n_articles']} outlets={result['n_outlets']} classes={result['class_counts']}"
             + (f" (excluding {dev} dev outlets set aside for tuning)" if dev else " (no outlets set aside)"),
             f"split: {result['split']}",
             "model           macro-F1        accuracy        MAE(class)  MAE(expected)  log-loss  Brier  ECE"]

    def row(name: str, v: dict[str, float]) -> str:
        sd = lambda k: f"±{v[k + '_sd']:.3f}" if k + "_sd" in v else "      "  # noqa: E731
        cal = "  ".join(f"{v[k]:.3f}" if k in v else "  -  " for k in ("log_loss", "brier", "ece"))
        return (f"{name:<15} {v['macro_f1']:.3f}{sd('macro_f1')}  {v['accuracy']:.3f}{sd('accuracy')}  "
                f"{v['mae']:.3f}       {v['mae_expected']:.3f}          {cal}")
    lines += [row(m, v) for m, v in result["mean"].items()]
    if "random_split" in result:
        lines.append(f"random split ({result['random_split']['split']}):")
        lines += [row(m, v) for m, v in result["random_split"]["mean"].items()]
    ts = result.get("time_split")
    if ts:
        lines.append(f"time split at {ts['cutoff']}: train {ts['n_train']}, test {ts['n_test']} "
                     f"({ts['n_test_unseen_outlets']} of unseen outlets)")
        for m in (k for k in ts if isinstance(ts[k], dict)):
            if "skipped" in ts[m]:
                lines.append(f"{m}: not fitted on the part before the cutoff ({ts[m]['skipped']})")
                continue
            lines += [row(f"{m}/{part}", ts[m][part]) for part in ("all", "unseen_outlets") if ts[m][part]["n"]]
    oc = result.get("outlet_check")
    if oc:
        lines.append(f"outlet check ({oc['n_outlets']} held-out outlets with >= {oc['min_articles']} articles): "
                     + ", ".join(f"{k} rho={oc[k]['spearman']:.3f} (n={oc[k]['n_outlets']})"
                                 for k in ("allsides", "mbfc", "baly2018", "baly2020")))
    return "\n".join(lines)
