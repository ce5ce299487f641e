"""``relscore train`` and ``relscore evaluate`` on a tiny labelled corpus; ``--card-only``."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from relscore.cli import main
from scoring.model.files import load_model
from tests.scoring.model.corpora import ROOT
from tests.scoring.model.test_lean_training import RATINGS, write_corpus
from tests.scoring.model.test_training import labelled_corpus


def test_train_and_evaluate_commands_on_a_tiny_labelled_corpus(tmp_path: Path, capsys):
    corpus, labels = labelled_corpus(tmp_path)
    model_path = tmp_path / "rel.skops"
    assert main(["train", "--corpus", str(corpus), "--labels", str(labels), "--target", "reliability",
                 "--out", str(model_path)]) == 0
    assert "trained reliability on 32 articles from 8 outlets" in capsys.readouterr().err
    model = load_model(model_path)
    assert model.target == "reliability" and model.meta_["n_outlets"] == 8
    out_json = tmp_path / "eval.json"
    assert main(["evaluate", "--corpus", str(corpus), "--labels", str(labels), "--target", "reliability",
                 "--folds", "4", "--json", str(out_json)]) == 0
    assert "target=reliability" in capsys.readouterr().out
    res = json.loads(out_json.read_text())["reliability"]
    assert len(res["folds"]) == 4
    assert {"relscore", "features_only", "tfidf_lr", "majority"} <= set(res["mean"])
    assert res["mean"]["relscore"]["reliable_vs_unreliable"]["roc_auc"] > 0.8
    # scoring a given model file on labelled data needs no retraining
    assert main(["evaluate", "--corpus", str(corpus), "--labels", str(labels), "--model", str(model_path),
                 "--json", str(out_json)]) == 0
    assert json.loads(out_json.read_text())["models"]["reliability"]["reliable_vs_unreliable"]["n"] == 32


def test_train_and_evaluate_lean_on_a_corpus_with_outlet_ratings(tmp_path: Path, capsys):
    corpus, d = write_corpus(tmp_path)
    ratings = tmp_path / "ratings.csv"
    rated = d.drop_duplicates("outlet")
    pd.DataFrame({"domain": rated["outlet"], "rating": rated["label"].map(RATINGS)}).to_csv(ratings, index=False)
    model_path = tmp_path / "lean.skops"
    assert main(["train", "--target", "lean", "--corpus", str(corpus), "--labels", str(ratings),
                 "--out", str(model_path)]) == 0
    assert "trained lean on 54 articles from 9 outlets (left/centre/right [18, 18, 18])" in capsys.readouterr().err
    assert load_model(model_path).meta_["n_train"] == 54
    out_json = tmp_path / "lean.json"
    assert main(["evaluate", "--target", "lean", "--corpus", str(corpus), "--labels", str(ratings), "--folds", "3",
                 "--json", str(out_json)]) == 0
    printed = capsys.readouterr().out
    assert "groups=outlet" in printed and "tfidf_lr" in printed and "random split" in printed
    res = json.loads(out_json.read_text())["lean"]
    assert len(res["folds"]) == 3 and {"lean", "tfidf_lr", "majority"} <= set(res["mean"])
    # the fixture's sides write in their own registers: far above the majority class on unseen outlets
    assert res["mean"]["lean"]["macro_f1"] > res["mean"]["majority"]["macro_f1"] + 0.3
    assert main(["evaluate", "--corpus", str(corpus), "--labels", str(ratings), "--model", str(model_path),
                 "--json", str(out_json)]) == 0
    scored = json.loads(out_json.read_text())["lean"][str(model_path)]
    assert scored["n"] == 54 and scored["accuracy"] > 0.9


@pytest.mark.parametrize("argv, message", [
    (["train", "--out", "x.skops", "--target", "bias"], "--corpus INPUT"),
    (["train", "--out", "x.skops", "--corpus", "c.csv"], "--target"),
    (["train", "--bundled", "--out", "models"], "--shared-data"),
    (["train", "--card-only", "--out", "no-such-dir"], "evaluation.json"),
    (["train", "--out", "x.skops", "--target", "lean"], "--corpus INPUT"),
    (["evaluate", "--target", "lean", "--corpus", "no-such.jsonl"], "no-such.jsonl"),
    (["evaluate", "--model", "no-such.skops", "--corpus", "c.csv"], "no-such.skops"),
])
def test_usage_mistakes_are_said_in_one_line(argv, message, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_card_only_rewrites_the_committed_card_byte_for_byte(tmp_path: Path):
    models = ROOT / "scoring" / "models"
    for name in ("evaluation.json", "MODEL_CARD.md"):
        shutil.copy(models / name, tmp_path / name)
    (tmp_path / "MODEL_CARD.md").write_text("stale")
    assert main(["train", "--card-only", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "MODEL_CARD.md").read_bytes() == (models / "MODEL_CARD.md").read_bytes()
