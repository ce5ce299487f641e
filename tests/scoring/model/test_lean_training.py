"""Lean labels per article and per outlet, the labelled frame, and the lean model's training."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scoring.model.datasets import shared_dir
from scoring.model.lean_training import (
    LeanTrainError, apply_lean_labels, lean_class, lean_frame, train_lean, training_ids,
)
from tests.scoring.model.test_lean import fixture_corpus

RATINGS = {"left": "Lean Left", "centre": "Center", "right": "Right"}


def write_corpus(tmp_path: Path, per_outlet: int = 6) -> tuple[Path, pd.DataFrame]:
    """The lean fixture corpus as JSONL articles with ids, URLs on each outlet's domain and dates."""
    d = fixture_corpus(per_outlet=per_outlet)
    d["id"] = [f"a{i:03d}" for i in range(len(d))]
    path = tmp_path / "lean.jsonl"
    path.write_text("".join(json.dumps({"id": r.id, "title": r.title, "text": r.text, "date": r.date,
                                        "url": f"https://{r.outlet}/news/{r.id}"}) + "\n"
                            for r in d.itertuples()), encoding="utf-8")
    return path, d


@pytest.mark.parametrize("value, cls", [
    ("left", 0), ("Lean Left", 0), ("lean-left", 0), ("left-center", 0), ("extreme-left", 0), (-1, 0),
    ("center", 1), ("Centre", 1), ("least-biased", 1), (0, 1), ("0", 1),
    ("right", 2), ("right-center", 2), ("Lean Right", 2), ("+1", 2), (1.0, 2),
    ("fake-news", None), ("satire", None), ("high", None), (None, None), (float("nan"), None), (2, None)])
def test_lean_class_reads_label_and_rating_words(value, cls):
    assert lean_class(value) == cls


def test_outlet_ratings_and_article_labels_join(tmp_path):
    corpus, d = write_corpus(tmp_path, per_outlet=2)
    ratings = tmp_path / "ratings.csv"
    rated = d.drop_duplicates("outlet")
    pd.DataFrame({"domain": rated["outlet"], "rating": rated["label"].map(RATINGS)}).iloc[1:].to_csv(ratings, index=False)
    by_article = tmp_path / "articles.csv"
    pd.DataFrame({"id": d["id"].iloc[:2], "lean": ["right", "right"]}).to_csv(by_article, index=False)
    frame = d[["id", "outlet", "date"]].assign(outlet=d["outlet"], date=pd.to_datetime(d["date"]))
    out = apply_lean_labels(frame, [by_article, ratings])
    truth = d["label"].map({"left": 0, "centre": 1, "right": 2}).astype(float)
    # the first outlet is unrated: only the two articles labelled one by one get a class, the earlier file's
    first = d["outlet"].eq(d["outlet"].iloc[0]).to_numpy()
    assert out.loc[first, "y"].tolist() == [2.0, 2.0]
    np.testing.assert_array_equal(out.loc[~first, "y"], truth[~first])


def test_lean_frame_reads_a_corpus_with_ratings_and_blanks_quotations(tmp_path):
    corpus, d = write_corpus(tmp_path)
    ratings = tmp_path / "ratings.csv"
    rated = d.drop_duplicates("outlet")
    pd.DataFrame({"domain": rated["outlet"], "rating": rated["label"].map(RATINGS)}).to_csv(ratings, index=False)
    df, sources = lean_frame([str(corpus)], labels=[str(ratings)], processes=1)
    assert len(df) == len(d) and df["outlet"].nunique() == 9 and sorted(df["y"].unique()) == [0, 1, 2]
    assert df["outlet"].tolist() == d["outlet"].tolist()
    assert all(len(a) == len(t) for a, t in zip(df["author_text"], df["text"]))
    assert any("ratings.csv" in s for s in sources)
    model = train_lean(df, sources=sources, n_splits=3)
    assert model.meta_["n_outlets"] == 9 and model.meta_["sources"] == sources
    assert model.meta_["date_range"] == ["2016-01-15", "2019-03-15"]


def test_lean_frame_refuses_what_cannot_train(tmp_path):
    corpus, d = write_corpus(tmp_path, per_outlet=2)
    with pytest.raises(LeanTrainError, match="all three classes"):
        lean_frame([str(corpus)], processes=1)  # no labels at all
    one_side = tmp_path / "one.csv"
    pd.DataFrame({"id": d["id"], "label": "left"}).to_csv(one_side, index=False)
    with pytest.raises(LeanTrainError, match=r"classes \[0\]"):
        lean_frame([str(corpus)], labels=[str(one_side)], processes=1)
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"id": d["id"], "side": "left"}).to_csv(bad, index=False)
    with pytest.raises(LeanTrainError, match="'lean', 'label'"):
        lean_frame([str(corpus)], labels=[str(bad)], processes=1)
    with pytest.raises(LeanTrainError, match="corpora and/or"):
        lean_frame()


def test_training_ids_are_the_articles_lean_frame_trains_on():
    shared = shared_dir()
    if not (shared / "data" / "allsides").is_dir():
        pytest.skip("needs ../shared (the AllSides corpus)")
    df, _ = lean_frame(shared_data=shared, cap=2, processes=1)
    assert training_ids(shared, cap=2) == set(df["id"].str.removeprefix("as_"))
