"""The lean validation: metrics on the -1/0/+1 scale, folds that keep each outlet on one side, the
baselines' probabilities, the outlet ratings as positions, and a JSON-able result."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from scoring.model.datasets import shared_dir
from scoring.model.grouping import grouped_splits
from scoring.model.lean import lean_labels
from scoring.model.lean_eval import (
    dev_outlets, dev_split, evaluate_lean, format_lean_report, lean_metrics, lean_runner, majority_runner,
    outlet_ratings, run_folds, tfidf_runner, time_split,
)
from tests.scoring.model.test_lean import fixture_corpus

LABELS = shared_dir() / "data" / "labels"


def corpus() -> pd.DataFrame:
    d = fixture_corpus(per_outlet=6, outlets=5)  # three-fold training parts keep >= 3 outlets a side
    d["y"] = lean_labels(d["label"])
    return d


def test_metrics_on_the_three_class_scale():
    y = np.array([0, 1, 2, 2])  # left, centre, right, right
    proba = np.array([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7], [0.7, 0.2, 0.1]])
    m = lean_metrics(y, proba)
    assert m["n"] == 4 and m["accuracy"] == 0.75
    assert m["mae"] == pytest.approx(2 / 4)  # one right article called left: two steps off
    # expected positions -0.7, -0.1, 0.6, -0.6 against -1, 0, 1, 1
    assert m["mae_expected"] == pytest.approx((0.3 + 0.1 + 0.4 + 1.6) / 4)
    # calibration: log-loss and Brier of the true class; ECE of the top probability in tenths
    assert m["log_loss"] == pytest.approx(-np.mean(np.log([0.8, 0.7, 0.7, 0.1])))
    assert m["brier"] == pytest.approx((0.06 + 0.14 + 0.14 + 1.34) / 4)
    assert m["ece"] == pytest.approx(0.2 / 4 + abs(2 / 3 - 0.7) * 3 / 4)
    # F1 per class: left 2/3, centre 1, right 2/3
    assert m["macro_f1"] == pytest.approx((2 / 3 + 1 + 2 / 3) / 3)
    assert lean_metrics(np.array([], int), np.zeros((0, 3))) == {"n": 0}


def test_folds_keep_outlets_apart_and_every_row_is_scored_once():
    d = corpus()
    splits = grouped_splits(d["y"].to_numpy(), d["outlet"].tolist(), 3, 0)
    runners = {"lean": lean_runner(n_splits=3), "majority": majority_runner}
    folds, pooled = run_folds(d, splits, runners)
    assert len(folds) == 3 and sum(f["n_test"] for f in folds) == len(d)
    assert all(np.isfinite(p).all() and np.allclose(p.sum(axis=1), 1) for p in pooled.values())
    # the fixture's sides write in their own registers: unseen outlets are still told apart
    assert lean_metrics(d["y"].to_numpy(), pooled["lean"])["accuracy"] > 0.8
    assert lean_metrics(d["y"].to_numpy(), pooled["majority"])["accuracy"] < 0.5
    # an article split would put outlets on both sides: refused
    mixed = [(np.arange(0, len(d), 2), np.arange(1, len(d), 2))]
    with pytest.raises(AssertionError, match="outlets on both sides"):
        run_folds(d, mixed, {"majority": majority_runner})


def test_the_tfidf_baseline_gives_probabilities_in_class_order():
    d = corpus()
    held = d["outlet"].str.endswith("4.example.com")
    train, test = d[~held], d[held]
    p = tfidf_runner()(train, test)
    assert p.shape == (len(test), 3) and np.allclose(p.sum(axis=1), 1)
    assert (p.argmax(axis=1) == test["y"].to_numpy()).mean() > 0.8


def test_evaluation_result_is_json_and_reports():
    d = corpus()
    runners = {"lean": lean_runner(n_splits=3), "majority": majority_runner}
    res = evaluate_lean(d, n_splits=3, runners=runners, labels_dir=LABELS, exclude_dev=False)
    json.dumps(res)  # the lead writes it into evaluation.json
    assert set(res["mean"]) == {"lean", "majority"} and res["mean"]["lean"]["accuracy"] > 0.8
    assert set(res["random_split"]["mean"]) == {"lean"}  # the majority class has no article-split figure
    ts = res["time_split"]
    assert ts["cutoff"] == "2018-01-01" and ts["n_train"] + ts["n_test"] == len(d)
    text = format_lean_report(res)
    assert "random split" in text and "time split at 2018-01-01" in text and "no outlets set aside" in text


def test_dev_outlets_are_a_stable_fifth_by_name():
    names = [f"site{i}.example.org" for i in range(2000)]
    dev = dev_outlets(names)
    assert 0.17 < len(dev) / len(names) < 0.23
    # membership follows the name alone: a subset of outlets keeps its dev outlets, case and spaces aside
    assert dev_outlets(names[:300]) == dev & set(names[:300])
    assert dev_outlets([n.upper() + " " for n in names[:300]]) == {n.upper() + " " for n in dev & set(names[:300])}
    assert dev_outlets(names, fraction=0.0) == set() and dev_outlets(names, fraction=1.0) == set(names)


def test_the_evaluation_leaves_the_dev_outlets_out():
    d = fixture_corpus(per_outlet=4, outlets=8)
    d["y"] = lean_labels(d["label"])
    dev = dev_outlets(d["outlet"])
    assert 0 < len(dev) < d["outlet"].nunique()
    seen: set[str] = set()

    def spy(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
        seen.update(train["outlet"])
        seen.update(test["outlet"])
        return majority_runner(train, test)
    res = evaluate_lean(d, n_splits=3, runners={"majority": spy}, labels_dir=LABELS)
    assert seen and not seen & dev and seen == set(d["outlet"]) - dev
    assert res["n_outlets"] == d["outlet"].nunique() - len(dev) and res["dev_outlets_excluded"] == len(dev)
    assert f"excluding {len(dev)} dev outlets set aside for tuning" in format_lean_report(res)
    # the tuning split: non-dev outlets (capped) to train on, the dev outlets to score
    train, held = dev_split(d, train_cap=2)
    assert set(held["outlet"]) == dev and not set(train["outlet"]) & dev
    assert train.groupby("outlet").size().max() == 2 and len(held) == d["outlet"].isin(dev).sum()


@pytest.mark.skipif(not LABELS.exists(), reason="needs ../shared/data/labels")
def test_outlet_ratings_as_positions():
    outlets = pd.DataFrame({"outlet": ["foxnews.com", "breitbart.com", "motherjones.com", "reuters.com",
                                       "nowhere.example.com"],
                            "date": pd.to_datetime(["2018-06-01"] * 5), "allsides": [1.0, 1.0, -1.0, 0.0, 0.0]})
    r = outlet_ratings(outlets, LABELS).set_index("outlet")
    assert r.loc["foxnews.com", "mbfc"] > 0 and r.loc["breitbart.com", "mbfc"] > 0
    assert r.loc["motherjones.com", "mbfc"] < 0 and r.loc["reuters.com", "mbfc"] in (-1, 0, 1)
    assert r.loc["breitbart.com", "baly2020"] > 0 > r.loc["motherjones.com", "baly2020"]
    assert r.loc["nowhere.example.com", ["mbfc", "baly2018", "baly2020"]].isna().all()


def test_a_time_split_part_too_small_to_fit_is_said_not_hidden():
    d = pd.DataFrame({"date": ["2016-05-01", "2017-02-01", "2019-01-01", "2019-06-01"], "outlet": ["a", "b", "a", "c"],
                      "y": [0, 2, 1, 2], "text": ["x"] * 4})

    def too_small(train, test):
        raise ValueError("empty vocabulary passed to fit")

    res = time_split(d, {"lean": too_small, "majority": majority_runner})
    assert res["lean"] == {"skipped": "empty vocabulary passed to fit"}
    assert (res["n_train"], res["n_test"], res["n_test_unseen_outlets"]) == (2, 2, 1)
    assert res["majority"]["all"]["n"] == 2
