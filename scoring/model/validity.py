"""How far each journalistic criterion alone tells reliable outlets from unreliable ones.

Labels are per outlet, so validity is measured per outlet: an outlet's criterion is the mean
over its articles where the criterion is measurable, its label the date-matched MBFC rating of
the reliability target (reliable vs unreliable; "mixed" outlets left out), and each criterion is
also ranked against Lin et al.'s domain quality score (Spearman). The criteria are fixed formulas
(nothing is fitted to these labels), so every outlet is held out from them; the folds only show
how much the AUC moves between outlet samples. The full reliability score beside them is the
shipped recipe's out-of-fold prediction under the same outlet-grouped folds.
"""
from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from features.criteria import CRITERIA
from scoring.model.evaluate import Prepared, fold_strata, score_model_runner
from scoring.model.grouping import grouped_splits

log = logging.getLogger(__name__)

#: Outlets with fewer measured articles than this are left out of a criterion's outlet table.
MIN_ARTICLES = 3
FULL_SCORE = "reliability (full score)"


def full_score_oof(prep: Prepared, n_splits: int = 5, seed: int = 0) -> np.ndarray:
    """Out-of-fold reliability of the shipped recipe, under the evaluation's outlet-grouped folds."""
    d = prep.data
    run = score_model_runner(seed=seed)
    oof = np.full(len(d), np.nan)
    for k, (tr, te) in enumerate(grouped_splits(d["y"].to_numpy(), d["outlet"].astype(str).tolist(), n_splits, seed,
                                                strata=fold_strata(prep))):
        oof[te] = run(d.iloc[tr], d.iloc[te], prep)
        log.info("full score, fold %d done", k)
    return oof


def outlet_table(prep: Prepared, columns: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: its reliable/unreliable label, Lin et al.'s score, and each column's mean over its
    measured articles (NaN below MIN_ARTICLES of them)."""
    d = prep.data.reset_index(drop=True)
    cols = columns.reset_index(drop=True)
    label = d["eval_rel_vs_unrel"].groupby(d["outlet"]).mean()
    lin = pd.to_numeric(d.get("lin_pc1", pd.Series(np.nan, index=d.index)), errors="coerce").groupby(d["outlet"]).mean()
    grouped = cols.groupby(d["outlet"])
    means = grouped.mean().where(grouped.count() >= MIN_ARTICLES)
    return pd.concat([label.rename("label"), lin.rename("lin_pc1"), means], axis=1)


def _auc(label: pd.Series, value: pd.Series) -> float:
    ok = label.isin([0.0, 1.0]) & value.notna()
    if ok.sum() < 4 or label[ok].nunique() < 2:
        return float("nan")
    return float(roc_auc_score(label[ok], value[ok]))


def _column_validity(table: pd.DataFrame, column: str, outlet_folds: list[np.ndarray]) -> dict[str, Any]:
    label, value = table["label"], table[column]
    per_fold = [_auc(label.iloc[idx], value.iloc[idx]) for idx in outlet_folds]
    both = value.notna() & table["lin_pc1"].notna()
    ranked = both.sum() >= 5 and value[both].nunique() > 1
    rho = float(spearmanr(value[both], table.loc[both, "lin_pc1"]).statistic) if ranked else float("nan")
    measured = label.isin([0.0, 1.0]) & value.notna()
    return {"outlet_auc": _auc(label, value), "fold_aucs": per_fold,
            "n_outlets": {"reliable": int((measured & label.eq(1.0)).sum()),
                          "unreliable": int((measured & label.eq(0.0)).sum())},
            "spearman_lin": rho, "n_lin_outlets": int(both.sum())}


def _article_validity(prep: Prepared, columns: pd.DataFrame) -> dict[str, Any]:
    """Article-level AUC (reliable vs unreliable outlet) of each column, over all rated articles and
    within each corpus that holds both classes: most unreliable articles are in the fakenews and
    hyperpartisan corpora, so the pooled figure also tells corpora apart."""
    d = prep.data.reset_index(drop=True)
    label = d["eval_rel_vs_unrel"]
    corpus = d.get("corpus", pd.Series("all", index=d.index)).astype(str)
    scopes = {"all": pd.Series(True, index=d.index)}
    for c in sorted(corpus.unique()):
        m = corpus.eq(c) & label.isin([0.0, 1.0])
        if label[m].nunique() == 2:
            scopes[c] = corpus.eq(c)
    out: dict[str, Any] = {}
    for name in columns.columns:
        value = columns[name].reset_index(drop=True)
        out[name] = {scope: {"auc": _auc(label[m], value[m]),
                             "reliable": int((m & label.eq(1.0) & value.notna()).sum()),
                             "unreliable": int((m & label.eq(0.0) & value.notna()).sum()),
                             "mean_reliable": float(value[m & label.eq(1.0)].mean()),
                             "mean_unreliable": float(value[m & label.eq(0.0)].mean())}
                     for scope, m in scopes.items()}
    return out


def criteria_validity(prep: Prepared, criteria: pd.DataFrame, full_score: np.ndarray | None = None,
                      n_splits: int = 5, seed: int = 0) -> dict[str, Any]:
    """Outlet-level AUC (reliable vs unreliable, per fold and over all outlets) and Spearman with Lin et
    al. of each criterion alone and, given ``full_score``, of the full reliability score."""
    columns = criteria.copy()
    if full_score is not None:
        columns[FULL_SCORE] = 100.0 * np.asarray(full_score)  # on the 0-100 scale of the score and the criteria
    table = outlet_table(prep, columns)
    rated = table.index[table["label"].isin([0.0, 1.0])]
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(rated))
    folds = [np.flatnonzero(table.index.isin(rated[order[k::n_splits]])) for k in range(n_splits)]
    return {"split": f"{n_splits} folds of outlets (seed {seed}); outlet value = mean over >= {MIN_ARTICLES} "
                     "measured articles",
            "criteria": {c: _column_validity(table, c, folds) for c in columns.columns},
            "articles": _article_validity(prep, columns)}
