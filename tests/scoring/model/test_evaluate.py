"""Grouped-by-outlet evaluation and the shipped recipe's weights."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoring.model.evaluate import (
    Prepared, binary_metrics, evaluate_prepared, model_runners, score_model_runner, training_weights,
)
from scoring.model.grouping import outlet_weights
from tests.scoring.model.corpora import FEATURES, tiny_corpus


def test_evaluate_keeps_each_outlet_on_one_side_of_every_fold():
    d = tiny_corpus(n_outlets=10, per_outlet=5)
    d["eval"] = d["y"]
    prep = Prepared("reliability", d, FEATURES, {"calm_vs_rant": "eval"})
    seen: list[tuple[set, set]] = []

    def spy(train: pd.DataFrame, test: pd.DataFrame, prep: Prepared) -> np.ndarray:
        seen.append((set(train["outlet"]), set(test["outlet"])))
        return np.full(len(test), 0.5)

    runners = {**model_runners(use_text=False), "spy": spy}
    res = evaluate_prepared(prep, n_splits=5, seed=0, runners=runners, time_split=False)
    assert len(seen) == 5
    for train_outlets, test_outlets in seen:
        assert test_outlets and not train_outlets & test_outlets
    # every outlet is tested exactly once
    assert sum(len(t) for _, t in seen) == 10
    # the features separate the registers on unseen outlets; the prior cannot
    assert res["mean"]["relscore"]["calm_vs_rant"]["roc_auc"] > 0.9
    assert res["mean"]["majority"]["calm_vs_rant"]["roc_auc"] == pytest.approx(0.5)
    assert {"roc_auc", "macro_f1", "brier"} <= set(res["folds"][0]["relscore"]["calm_vs_rant"])
    assert res["calibration"]["relscore"]["calm_vs_rant"]


def test_a_variant_is_a_setting_of_score_model_parameters():
    d = tiny_corpus(n_outlets=10, per_outlet=5)
    d["eval"] = d["y"]
    prep = Prepared("reliability", d, FEATURES, {"calm_vs_rant": "eval"})
    runners = {"words": score_model_runner(n_splits=3), "no_words": score_model_runner(n_splits=3, wording=False),
               "no_words_C": score_model_runner(n_splits=3, wording=False, C=0.01)}
    res = evaluate_prepared(prep, n_splits=3, seed=0, runners=runners, time_split=False)
    aucs = {k: v["calm_vs_rant"]["roc_auc"] for k, v in res["mean"].items()}
    assert aucs["words"] > 0.9 and aucs["no_words"] > 0.9
    briers = {k: v["calm_vs_rant"]["brier"] for k, v in res["mean"].items()}
    assert briers["no_words_C"] != briers["no_words"]  # a parameter that changes the model changes the numbers


def test_binary_metrics_at_the_50_point():
    m = binary_metrics(np.array([1, 1, 0, 0]), np.array([0.9, 0.4, 0.3, 0.6]))
    assert m["n"] == 4 and m["accuracy"] == 0.5 and m["roc_auc"] == 0.75


def test_bias_weights_balance_the_classes_inside_each_label_source():
    # hand labels: 2 hyperpartisan articles vs 6 not; outlet labels: 6 partisan vs 2 centre
    d = pd.DataFrame({
        "outlet": [f"h{i}.com" for i in range(8)] + [f"a{i}.com" for i in range(8)],
        "y": [1.0] * 2 + [0.0] * 6 + [1.0] * 6 + [0.0] * 2,
        "eval_hand": [1.0] * 2 + [0.0] * 6 + [np.nan] * 8,
        "weight_factor": [1.0] * 8 + [0.3] * 8,
    })
    w = training_weights(d, "bias")
    hand = d["eval_hand"].notna().to_numpy()
    for m in (hand, ~hand):
        pos, neg = w[m & (d["y"] == 1).to_numpy()].sum(), w[m & (d["y"] == 0).to_numpy()].sum()
        assert pos == pytest.approx(neg)
    # outlet labels keep their lower weight relative to hand labels
    assert w[~hand].sum() == pytest.approx(0.3 * w[hand].sum())
    # reliability keeps plain outlet-and-class balancing
    assert np.allclose(training_weights(d, "reliability"), outlet_weights(d["outlet"], d["y"]) * d["weight_factor"])
