"""Training from labelled corpora as a library: gather, train a target, score model files."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scoring.model.estimator import ScoreModel
from scoring.model.files import load_model, save_model
from scoring.model.training import TrainError, evaluate_models, evaluate_targets, gather, train_target
from tests.scoring.model.corpora import tiny_corpus


def labelled_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A CSV of articles of 8 outlets and a domain,label CSV rating them."""
    d = tiny_corpus(n_outlets=8, per_outlet=4, seed=1)
    corpus = tmp_path / "corpus.csv"
    pd.DataFrame({"id": d["id"], "url": "https://www." + d["outlet"] + "/story/" + d["id"],
                  "date": d["date"].dt.strftime("%Y-%m-%d"), "title": "A headline", "text": d["text"]}
                 ).to_csv(corpus, index=False)
    labels = tmp_path / "labels.csv"
    outlets = d.drop_duplicates("outlet")
    pd.DataFrame({"domain": outlets["outlet"], "label": np.where(outlets["y"] == 1, "high", "low")}
                 ).to_csv(labels, index=False)
    return corpus, labels


@pytest.fixture(scope="module")
def gathered(tmp_path_factory):
    corpus, labels = labelled_corpus(tmp_path_factory.mktemp("train"))
    return gather([str(corpus)], labels=[str(labels)])


def test_gather_reads_the_corpus_and_joins_the_labels(gathered):
    df, sources = gathered
    assert len(df) == 32 and df["outlet"].nunique() == 8
    assert df["rel3"].value_counts().to_dict() == {"reliable": 16, "unreliable": 16}
    assert sources[0].endswith("corpus.csv") and sources[1].startswith("labels: labels.csv")


def test_gather_needs_inputs_and_labels(tmp_path: Path):
    with pytest.raises(TrainError, match="corpora"):
        gather()
    corpus, _ = labelled_corpus(tmp_path)
    with pytest.raises(TrainError, match="label files"):
        gather([str(corpus)])


def test_train_target_fits_a_score_model_with_its_provenance(gathered, tmp_path: Path):
    df, sources = gathered
    model = train_target(df, "reliability", sources=sources)
    assert isinstance(model, ScoreModel) and model.text_model_ is not None
    assert model.meta_["n_outlets"] == 8 and model.meta_["sources"] == sources
    assert list(model.meta_)[:5] == ["trained_on", "sources", "classes", "date_range", "corpora"]
    res = evaluate_models(df, [str(save_model(model, tmp_path / "rel.skops"))])["reliability"]
    assert res["reliable_vs_unreliable"]["n"] == 32 and res["reliable_vs_unreliable"]["roc_auc"] > 0.9
    assert load_model(tmp_path / "rel.skops").meta_ == model.meta_
    # without usable labels for a target: an error that says so
    with pytest.raises(TrainError, match="no usable bias labels"):
        train_target(df, "bias")


def test_evaluate_targets_skips_a_target_without_labels_when_both_are_asked(gathered, caplog):
    df, _ = gathered
    with caplog.at_level("WARNING"):
        res = evaluate_targets(df, "both", folds=4, use_text=False)
    assert list(res) == ["reliability"] and "bias skipped" in caplog.text
    assert len(res["reliability"]["folds"]) == 4
