"""Outlet-level validity of the criteria: outlet means over measured articles, AUC against the
outlets' ratings, Spearman with Lin et al."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoring.model.evaluate import Prepared
from scoring.model.validity import FULL_SCORE, criteria_validity, outlet_table


def _prep(n_outlets: int = 12, per_outlet: int = 4) -> tuple[Prepared, pd.DataFrame]:
    rows, crit = [], []
    for o in range(n_outlets):
        reliable = o % 2 == 0
        for a in range(per_outlet):
            rows.append({"outlet": f"o{o}.com", "eval_rel_vs_unrel": 1.0 if reliable else 0.0, "lin_pc1": o / n_outlets,
                         "y": float(reliable)})
            # sourcing separates the outlets; ads is noise; creators is never measured
            crit.append({"criterion_sourcing": 80.0 + o if reliable else 20.0 + o,
                         "criterion_news_opinion": float(o * 5 + a), "criterion_headline": 50.0,
                         "criterion_ads": float((o * 7 + a) % 3) * 10, "criterion_creators": np.nan})
    return Prepared("reliability", pd.DataFrame(rows), []), pd.DataFrame(crit)


def test_outlet_table_means_measured_articles_only() -> None:
    prep, crit = _prep()
    crit.loc[0, "criterion_sourcing"] = np.nan  # one unmeasured article of o0 leaves three
    table = outlet_table(prep, crit)
    assert table.loc["o0.com", "criterion_sourcing"] == pytest.approx(80.0)
    assert table.loc["o1.com", "label"] == 0.0 and table["criterion_creators"].isna().all()
    crit.loc[1, "criterion_sourcing"] = np.nan  # now two measured: below MIN_ARTICLES
    assert np.isnan(outlet_table(prep, crit).loc["o0.com", "criterion_sourcing"])


def test_a_separating_criterion_scores_auc_one_and_an_unmeasured_one_nan() -> None:
    prep, crit = _prep()
    got = criteria_validity(prep, crit, full_score=np.linspace(0, 1, len(crit)), n_splits=3)["criteria"]
    assert got["criterion_sourcing"]["outlet_auc"] == 1.0
    assert got["criterion_sourcing"]["n_outlets"] == {"reliable": 6, "unreliable": 6}
    assert np.isnan(got["criterion_creators"]["outlet_auc"])
    # news_opinion rises with the outlet number, as Lin's score does here
    assert got["criterion_news_opinion"]["spearman_lin"] == pytest.approx(1.0)
    assert FULL_SCORE in got and len(got[FULL_SCORE]["fold_aucs"]) == 3
