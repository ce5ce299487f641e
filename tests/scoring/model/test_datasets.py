"""The training-corpus loaders, the hyperpartisan XML reader and the feature cache."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from features import FEATURE_NAMES
from features.criteria import CRITERIA
from scoring.model import datasets
from scoring.model.datasets import _element_text, cached_features, compute_features, load_allsides, shared_dir

SAMPLES = Path(__file__).resolve().parents[3] / "notebooks" / "data" / "samples"


def _samples() -> pd.DataFrame:
    rows = []
    for p in sorted(SAMPLES.glob("*.txt")):
        title, _, text = p.read_text(encoding="utf-8").partition("\n")
        rows.append({"id": p.stem, "title": title.strip(), "text": text})
    return pd.DataFrame(rows)


def test_element_text_keeps_one_line_per_paragraph_with_inline_links() -> None:
    el = ET.fromstring('<article id="1"><p>The  senator <a href="x">said</a> on\tTuesday.</p>'
                       '<p>"We will vote," she said.</p> <p> </p></article>')
    assert _element_text(el) == 'The senator said on Tuesday.\n"We will vote," she said.'


def test_compute_features_gives_every_feature_and_the_body() -> None:
    df = _samples()
    feats = compute_features(df, processes=1)
    assert list(feats.columns) == [*FEATURE_NAMES, *CRITERIA, "body"]
    assert list(feats.index) == list(df.index)
    assert feats[list(FEATURE_NAMES)].notna().all().all()
    # sample 001 carries two READ ALSO lines: counted as insertions and left out of the body
    row = df.index[df["id"].str.startswith("001")][0]
    assert feats.at[row, "insertion_count"] >= 2
    assert "READ ALSO" not in feats.at[row, "body"]


def test_compute_features_refuses_when_too_many_articles_fail() -> None:
    df = pd.DataFrame({"text": ["A normal sentence about a vote.", None], "title": ["", ""]})
    with pytest.raises(RuntimeError, match="failed on 1 of 2 articles"):
        compute_features(df, processes=1)
    tolerated = compute_features(df, processes=1, max_error_share=0.6)
    assert tolerated.iloc[1][list(FEATURE_NAMES)].isna().all()


def test_cached_features_reads_back_what_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datasets, "CACHE_DIR", tmp_path)
    df = _samples()
    first = cached_features(df, "samples", processes=1)
    (path,) = tmp_path.glob("samples_*.parquet")
    assert path.stem.endswith(datasets.feature_version())
    # a subset in another order comes from the cache, aligned to the asking frame's index
    sub = df.iloc[[3, 0]]
    again = cached_features(sub, "samples", processes=1)
    pd.testing.assert_frame_equal(again, first.loc[[3, 0]])


def test_allsides_cap_keeps_at_most_that_many_per_outlet() -> None:
    if not (shared_dir() / "data" / "allsides").is_dir():
        pytest.skip(f"{shared_dir()} not found: AllSides lives there")
    capped = load_allsides(per_outlet_cap=3)
    assert capped.groupby("outlet").size().max() == 3
    assert list(capped.columns[:6]) == ["id", "corpus", "outlet", "date", "title", "text"]
    assert capped["id"].str.startswith("as_").all()


def test_the_cache_holds_the_criteria_of_real_articles(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(datasets, "CACHE_DIR", tmp_path)
    rows = []
    for p in sorted(SAMPLES.glob("*.txt")):
        title, _, text = p.read_text(encoding="utf-8").partition("\n")
        rows.append({"id": p.stem, "title": title.strip(), "text": text, "url": None})
    df = pd.DataFrame(rows)
    first = cached_features(df, "samples", processes=1)[list(CRITERIA)]
    assert list(first.columns) == list(CRITERIA)
    assert first.loc[df["id"].str.startswith("001"), "criterion_ads"].item() == 50
    (path,) = tmp_path.glob("samples_*.parquet")  # the feature cache, filled by the same analysis
    assert path.stem.endswith(datasets.feature_version())
    again = cached_features(df.iloc[[4, 1]], "samples", processes=1)[list(CRITERIA)]
    pd.testing.assert_frame_equal(again, first.loc[[4, 1]])
