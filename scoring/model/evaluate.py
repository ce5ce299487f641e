"""Honest validation of the scores: folds grouped by outlet, a time split, baselines.

Labels are per outlet, so an article split would let a model recognise outlets;
every split here keeps each outlet on one side. In every fold the relscore model
is compared with a majority-class (prior) baseline and a TF-IDF + logistic
regression baseline over the raw text, and (when it has a text component) with
its own features-only variant, on the same test rows.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.dummy import DummyClassifier
from sklearn.metrics import accuracy_score, balanced_accuracy_score, brier_score_loss, f1_score, roc_auc_score

from scoring.model.estimator import TARGETS, ScoreModel
from scoring.model.grouping import grouped_splits, outlet_weights
from scoring.model.labels import LabelTable, join_labels, partisan_outlet, reliability_target
from scoring.model.wording import make_text_model

log = logging.getLogger(__name__)

#: Where the time split falls for each target (train before, test on/after): chosen so that both
#: sides hold unreliable outlets (18 before 2018, 19 after; before 2017 there are only 4).
TIME_CUTOFFS = {"reliability": "2018-01-01", "bias": "2017-07-01"}
#: Weight of date-matched MBFC "mixed" outlets (negatives) in the reliability target: they teach a
#: little about what is not reliable, but at full weight they drown the unreliable outlets.
MIXED_WEIGHT = 0.1
#: A within-corpus score needs this many outlets on each side to mean anything.
MIN_OUTLETS_PER_CLASS = 5
#: Weight of outlet-level (auxiliary) bias labels relative to hand-labelled articles.
AUX_BIAS_WEIGHT = 0.3


@dataclass
class Prepared:
    """Rows usable for one target: labels, outlet groups and what each row is scored on."""

    target: str
    data: pd.DataFrame  # id, outlet, date, text, features..., y, weight_factor, eval columns
    feature_names: list[str]
    eval_columns: dict[str, str] = field(default_factory=dict)  # metric group -> 0/1/NaN column


def attach_labels(df: pd.DataFrame, mbfc: LabelTable | None, lin: LabelTable | None) -> pd.DataFrame:
    """Add date-matched MBFC (``rel3``, ``mbfc_bias``, ``label_fell_back``) and ``lin_pc1`` columns."""
    out = df.copy()
    dates = out["date"] if "date" in out else None
    if dates is not None:
        # a missing date is labelled at its outlet's typical date, then the corpus's
        d = pd.to_datetime(out["date"], errors="coerce")
        d = d.fillna(d.groupby(out["outlet"]).transform("median")).fillna(d.median())
        out["date_imputed"] = pd.to_datetime(out["date"], errors="coerce").isna()
        dates = d
    if mbfc is not None:
        j = join_labels(out["outlet"].tolist(), None if dates is None else dates.tolist(), mbfc).set_index(out.index)
        if mbfc.kind == "mbfc":
            out["rel3"] = j["label"]
            out["mbfc_bias"] = j["mbfc_bias"]
            out["label_fell_back"] = j["label_fell_back"]
        elif mbfc.kind == "categorical":
            out["rel3"] = j["label"]
        else:
            out["lin_pc1"] = j["label"].astype(float)
    if lin is not None:
        out["lin_pc1"] = join_labels(out["outlet"].tolist(), None, lin)["label"].astype(float).to_numpy()
    return out


def prepare(df: pd.DataFrame, target: str, feature_names: Sequence[str]) -> Prepared:
    """Choose the labelled rows and their target for ``reliability`` or ``bias``.

    reliability: 1 = outlet rated reliable (date-matched MBFC; Lin et al. where MBFC is silent);
      MBFC "mixed" outlets count as 0 with weight MIXED_WEIGHT.
      Scored on reliable vs unreliable outlets, reliable vs the rest, Spearman with Lin pc1.
    bias: 1 = hyperpartisan. Hand labels where present (scored on those); outlets MBFC rates
      left/right/questionable vs centre-ish as weaker auxiliary labels.
    """
    if target not in TARGETS:
        raise ValueError(f"target must be one of {TARGETS}, got {target!r}")
    d = df.copy()
    rel3 = d["rel3"] if "rel3" in d else pd.Series(np.nan, index=d.index)
    lin = d["lin_pc1"] if "lin_pc1" in d else None
    evals: dict[str, str] = {}
    if target == "reliability":
        d["y"] = reliability_target(rel3, lin)
        # mixed outlets (CNN, Fox News ...) teach little about unreliable writing: down-weighted
        d["weight_factor"] = np.where(rel3.eq("mixed"), MIXED_WEIGHT, 1.0)
        d["eval_rel_vs_unrel"] = rel3.map({"reliable": 1.0, "unreliable": 0.0})
        d["eval_rel_vs_rest"] = rel3.map({"reliable": 1.0, "mixed": 0.0, "unreliable": 0.0})
        evals = {"reliable_vs_unreliable": "eval_rel_vs_unrel", "reliable_vs_rest": "eval_rel_vs_rest"}
        if "corpus" in d and d["corpus"].nunique() > 1:
            # Corpora differ in format and in label mix (fakenews is nearly all unreliable), so a
            # model can score well by telling corpora apart; within one corpus that confound is gone.
            for corpus in sorted(d["corpus"].dropna().unique()):
                col = f"eval_rel_vs_unrel_in_{corpus}"
                d[col] = d["eval_rel_vs_unrel"].where(d["corpus"].eq(corpus))
                per_class = d.loc[d[col].notna()].groupby(col)["outlet"].nunique()
                if len(per_class) == 2 and per_class.min() >= MIN_OUTLETS_PER_CLASS:
                    evals[f"reliable_vs_unreliable_within_{corpus}"] = col
    else:
        hand = d["hyperpartisan"].map({True: 1.0, False: 0.0}) if "hyperpartisan" in d else pd.Series(np.nan, index=d.index)
        aux = partisan_outlet(d["mbfc_bias"]) if "mbfc_bias" in d else pd.Series(np.nan, index=d.index)
        d["y"] = hand.fillna(aux)
        d["weight_factor"] = np.where(hand.notna(), 1.0, AUX_BIAS_WEIGHT)
        d["eval_hand"] = hand
        evals = {"hyperpartisan_hand": "eval_hand"} if hand.notna().any() else {"outlet_partisan": "y"}
    d = d[d["y"].notna()].reset_index(drop=True)
    return Prepared(target, d, list(feature_names), evals)


# ------------------------------------------------------------------ metrics
def binary_metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """ROC AUC, macro-F1, accuracy and balanced accuracy at p >= 0.5, Brier score, n."""
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    out = {"n": int(len(y)), "n_pos": int(y.sum())}
    if len(y) == 0:
        return out
    out["roc_auc"] = float(roc_auc_score(y, p)) if len(np.unique(y)) == 2 else float("nan")
    pred = (p >= 0.5).astype(int)
    out["macro_f1"] = float(f1_score(y, pred, average="macro", labels=[0, 1], zero_division=0))
    out["accuracy"] = float(accuracy_score(y, pred))
    # the mean of the per-class hit rates: what accuracy would be on a 50/50 test set
    out["balanced_accuracy"] = float(balanced_accuracy_score(y, pred)) if len(np.unique(y)) == 2 else float("nan")
    out["brier"] = float(brier_score_loss(y, p, pos_label=1)) if len(np.unique(y)) == 2 else float(np.mean((p - y) ** 2))
    return out


def calibration_table(y: np.ndarray, p: np.ndarray, n_bins: int = 10) -> list[dict[str, float]]:
    """Binned predicted vs observed rate (equal-width bins over 0-1; empty bins left out)."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    bins = np.clip((p * n_bins).astype(int), 0, n_bins - 1)
    rows = []
    for b in range(n_bins):
        m = bins == b
        if m.any():
            rows.append({"bin": f"{b / n_bins:.1f}-{(b + 1) / n_bins:.1f}", "n": int(m.sum()),
                         "mean_predicted": float(p[m].mean()), "observed_rate": float(y[m].mean())})
    return rows


def _score_rows(prep: Prepared, rows: pd.DataFrame, p: np.ndarray) -> dict[str, Any]:
    res: dict[str, Any] = {}
    for name, col in prep.eval_columns.items():
        m = rows[col].notna().to_numpy()
        res[name] = binary_metrics(rows.loc[m, col].to_numpy(), p[m])
    if prep.target == "reliability" and "lin_pc1" in rows:
        m = rows["lin_pc1"].notna().to_numpy()
        if m.sum() > 2 and np.ptp(p[m]) > 0:
            res["spearman_lin_pc1"] = float(spearmanr(p[m], rows.loc[m, "lin_pc1"]).statistic)
    return res


# ------------------------------------------------------------------ models compared
def _weights(train: pd.DataFrame, by_class: bool = True) -> np.ndarray:
    factor = train["weight_factor"].to_numpy() if "weight_factor" in train else 1.0
    return outlet_weights(train["outlet"], train["y"] if by_class else None) * factor


def training_weights(train: pd.DataFrame, target: str) -> np.ndarray:
    """Sample weights of the shipped recipe: every outlet the same total, both classes the same
    total, times ``weight_factor``. For ``bias`` the classes are balanced inside each label source
    (hand-labelled rows, ``eval_hand`` set; outlet-labelled rows), each source keeping a total
    proportional to its number of outlets: so 50 means "evidence balanced" on hand-labelled articles
    too."""
    if target != "bias" or "eval_hand" not in train:
        return _weights(train)
    hand = train["eval_hand"].notna().to_numpy()
    w = np.zeros(len(train))
    for m in (hand, ~hand):
        if m.any():
            part = train[m]
            w[m] = outlet_weights(part["outlet"], part["y"]) / m.sum() * part["outlet"].nunique()
    if "weight_factor" in train:
        w = w * train["weight_factor"].to_numpy()
    return w * (len(w) / w.sum())


def calibration_rows(train: pd.DataFrame, target: str) -> np.ndarray | None:
    """The rows whose labels define the score's 50 (see ``scoring.model.calibration.recalibrate``): for ``bias``
    the hand-labelled articles, when there are any; else None (calibrated on every row). Ranking (AUC)
    is unchanged by it: the calibration is monotone."""
    if target != "bias" or "eval_hand" not in train:
        return None
    hand = train["eval_hand"].notna().to_numpy()
    return hand if hand.any() else None


def fit_score_model(train: pd.DataFrame, prep: Prepared, **params: Any) -> ScoreModel:
    """A ``ScoreModel`` of ``prep``'s target (``params``: its other parameters) fitted on ``train`` with
    the shipped recipe's weights and calibration rows."""
    model = ScoreModel(target=prep.target, feature_names=prep.feature_names, **params)
    return model.fit(train, train["y"].astype(int), sample_weight=training_weights(train, prep.target),
                     groups=train["outlet"], calibrate_on=calibration_rows(train, prep.target))


def score_model_runner(**params: Any) -> Callable:
    """A runner (train, test, prep) -> probabilities of a ``ScoreModel`` with these parameters."""
    def run(train: pd.DataFrame, test: pd.DataFrame, prep: Prepared) -> np.ndarray:
        return fit_score_model(train, prep, **params).predict_proba(test)[:, 1]
    return run


def _tfidf_baseline(train: pd.DataFrame, test: pd.DataFrame, prep: Prepared) -> np.ndarray:
    w = _weights(train)
    m = make_text_model(C=1.0, seed=0)
    m.fit(train["text"].tolist(), train["y"].astype(int), lr__sample_weight=w)
    return m.predict_proba(test["text"].tolist())[:, 1]


def _majority(train: pd.DataFrame, test: pd.DataFrame, prep: Prepared) -> np.ndarray:
    w = _weights(train, by_class=False)
    d = DummyClassifier(strategy="prior").fit(np.zeros((len(train), 1)), train["y"].astype(int), sample_weight=w)
    return d.predict_proba(np.zeros((len(test), 1)))[:, 1]


def model_runners(use_text: bool = True, seed: int = 0) -> dict[str, Callable]:
    runners = {"relscore": score_model_runner(seed=seed, wording=use_text)}
    if use_text:
        runners["features_only"] = score_model_runner(seed=seed, wording=False)
    runners["tfidf_lr"] = _tfidf_baseline
    runners["majority"] = _majority
    return runners


def fold_strata(prep: Prepared) -> np.ndarray:
    """What the outlet-grouped folds stratify on: the MBFC class (reliability), corpus and class (bias)."""
    d = prep.data
    if prep.target == "reliability" and "rel3" in d:
        return d["rel3"].fillna("lin").astype(str).to_numpy()
    return (d.get("corpus", pd.Series("", index=d.index)).astype(str) + "_" + d["y"].astype(int).astype(str)).to_numpy()


def _summarise(folds: list[dict], models: Sequence[str]) -> dict[str, Any]:
    mean: dict[str, Any] = {}
    for m in models:
        mean[m] = {}
        for group in folds[0][m]:
            vals = [f[m][group] for f in folds if group in f[m]]
            if isinstance(vals[0], dict):
                mean[m][group] = {k: float(np.nanmean([v.get(k, np.nan) for v in vals])) for k in vals[0]
                                  if k not in ("n", "n_pos")}
            else:
                mean[m][group] = float(np.nanmean(vals))
    return mean


def evaluate_prepared(prep: Prepared, n_splits: int = 5, seed: int = 0, use_text: bool = True,
                      runners: dict[str, Callable] | None = None, time_split: bool = True) -> dict[str, Any]:
    """Grouped-by-outlet CV (per fold + mean + pooled calibration) and a time split."""
    d = prep.data
    runners = runners or model_runners(use_text, seed)
    names = list(runners)
    groups = d["outlet"].astype(str).tolist()
    splits = grouped_splits(d["y"].to_numpy(), groups, n_splits, seed, strata=fold_strata(prep))
    folds, pooled = [], {m: np.full(len(d), np.nan) for m in names}
    for k, (tr, te) in enumerate(splits):
        train, test = d.iloc[tr], d.iloc[te]
        shared_outlets = set(train["outlet"]) & set(test["outlet"])
        assert not shared_outlets, f"fold {k}: outlets on both sides {sorted(shared_outlets)[:5]}"
        fold: dict[str, Any] = {"fold": k, "n_train": len(tr), "n_test": len(te),
                                "test_outlets": int(test["outlet"].nunique())}
        for m, run in runners.items():
            p = run(train, test, prep)
            pooled[m][te] = p
            fold[m] = _score_rows(prep, test, p)
        log.info("fold %d done", k)
        folds.append(fold)
    calib = {}
    for m in names:
        for gname, col in prep.eval_columns.items():
            mask = d[col].notna().to_numpy() & np.isfinite(pooled[m])
            calib.setdefault(m, {})[gname] = calibration_table(d.loc[mask, col].to_numpy(), pooled[m][mask])
    pooled_scores = {m: _score_rows(prep, d, pooled[m]) for m in names}
    result: dict[str, Any] = {
        "target": prep.target, "n_articles": int(len(d)), "n_outlets": int(d["outlet"].nunique()),
        "class_counts": {str(k): int(v) for k, v in d["y"].value_counts().sort_index().items()},
        "split": f"StratifiedGroupKFold(n_splits={len(splits)}, groups=outlet, shuffle, seed={seed})",
        "folds": folds, "mean": _summarise(folds, names), "pooled": pooled_scores, "calibration": calib,
    }
    if time_split and "date" in d and d["date"].notna().any():
        result["time_split"] = time_split_eval(prep, runners)
    return result


def time_split_eval(prep: Prepared, runners: dict[str, Callable], cutoff: str | None = None) -> dict[str, Any]:
    """Train on articles dated before ``cutoff``, test on those after (also on unseen outlets only)."""
    d = prep.data
    cutoff = cutoff or TIME_CUTOFFS[prep.target]
    dates = pd.to_datetime(d["date"], errors="coerce")
    train, test = d[dates < cutoff], d[dates >= cutoff]
    out: dict[str, Any] = {"cutoff": cutoff, "n_train": int(len(train)), "n_test": int(len(test))}
    if len(train) == 0 or len(test) == 0 or train["y"].nunique() < 2:
        out["skipped"] = "not enough labelled articles on both sides of the cutoff"
        return out
    unseen = ~test["outlet"].isin(set(train["outlet"]))
    out["n_test_unseen_outlets"] = int(unseen.sum())
    for m, run in runners.items():
        p = run(train, test, prep)
        out[m] = {"all": _score_rows(prep, test, p), "unseen_outlets": _score_rows(prep, test[unseen], p[unseen.to_numpy()])}
    return out


# ------------------------------------------------------------------ printing
def format_report(result: dict[str, Any]) -> str:
    """Plain-text table: per fold and mean, every model, every metric group."""
    lines = [f"target={result['target']}  articles={result['n_articles']}  outlets={result['n_outlets']}  "
             f"classes={result['class_counts']}", f"split: {result['split']}"]
    models = [k for k in result["mean"]]
    groups = list(result["mean"][models[0]])
    for g in groups:
        if not isinstance(result["mean"][models[0]][g], dict):
            lines.append(f"\n[{g}] " + "  ".join(f"{m}={result['mean'][m].get(g, float('nan')):.3f}" for m in models))
            continue
        lines.append(f"\n[{g}]  fold  " + "".join(f"{m:>34}" for m in models))
        lines.append(" " * (len(g) + 9) + "".join(f"{'AUC   F1    acc   Brier':>34}" for _ in models))
        rows = [(str(f["fold"]), {m: f[m].get(g, {}) for m in models}) for f in result["folds"]]
        rows.append(("mean", {m: result["mean"][m].get(g, {}) for m in models}))
        for label, vals in rows:
            cells = "".join(f"{_fmt(vals[m]):>34}" for m in models)
            lines.append(f"{'':{len(g) + 3}}{label:>5} {cells}")
    ts = result.get("time_split")
    if ts and "skipped" not in ts:
        lines.append(f"\ntime split at {ts['cutoff']}: train {ts['n_train']}, test {ts['n_test']} "
                     f"({ts['n_test_unseen_outlets']} from unseen outlets)")
        for m in models:
            for part in ("all", "unseen_outlets"):
                for g, v in ts[m][part].items():
                    if isinstance(v, dict):
                        lines.append(f"  {m:>14} {part:>15} {g:>24}: {_fmt(v)}  (n={v.get('n', 0)})")
    return "\n".join(lines)


def _fmt(v: dict) -> str:
    def f(x: Any) -> str:
        return "  -  " if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.3f}"
    return " ".join(f(v.get(k)) for k in ("roc_auc", "macro_f1", "accuracy", "brier"))
