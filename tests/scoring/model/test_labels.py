"""Outlet labels: dated MBFC snapshots, fallbacks, plain and continuous label files."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scoring.model.labels import (
    candidate_domains, join_labels, normalize_domain, partisan_outlet, read_labels, reliability_target,
)

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"

SNAPSHOTS = """snapshot,commit,path,domain,name,reporting,bias,credibility,questionable,mbfc_url
2017-12-10,c1,docs/sources.json,example-news.com,Example News,mixed,right,,,
2020-06-29,c2,docs/v2/combined.json,example-news.com,Example News,high,right-center,,,
2017-12-10,c1,docs/sources.json,www.hoaxdaily.net,Hoax Daily,fake,fake-news,,,
2020-06-29,c2,docs/v2/combined.json,thejokesheet.com,The Joke Sheet,low,satire,,,
"""


@pytest.fixture()
def mbfc(tmp_path: Path):
    p = tmp_path / "mbfc.csv"
    p.write_text(SNAPSHOTS)
    return read_labels(p)


def test_snapshot_file_is_detected_and_normalised(mbfc):
    assert mbfc.kind == "mbfc"
    # www. is stripped from the label side too, so joins meet in the middle
    assert "hoaxdaily.net" in mbfc.domains


def test_article_gets_the_snapshot_in_force_at_its_date(mbfc):
    res = join_labels(["example-news.com", "example-news.com"], ["2016-05-01", "2019-03-02"], mbfc)
    # 2016 -> first snapshot after it (2017-12, "mixed"); 2019 -> the 2020 one ("high")
    assert res["reporting"].tolist() == ["mixed", "high"]
    assert res["label"].tolist() == ["mixed", "reliable"]
    assert res["snapshot"].dt.year.tolist() == [2017, 2020]
    assert not res["label_fell_back"].any()


def test_article_after_every_snapshot_or_undated_falls_back_and_says_so(mbfc):
    res = join_labels(["example-news.com", "example-news.com"], ["2023-01-01", None], mbfc)
    assert res["snapshot"].dt.year.tolist() == [2020, 2020]
    assert res["label"].tolist() == ["reliable", "reliable"]
    assert res["label_fell_back"].tolist() == [True, True]


def test_url_subdomain_falls_back_to_the_parent_domain(mbfc):
    res = join_labels(["https://m.politics.example-news.com/2019/story.html", "https://unrated.org/x"],
                      ["2019-01-01", "2019-01-01"], mbfc)
    assert res["label_domain"].tolist() == ["example-news.com", ""]
    assert res["label"].iloc[0] == "reliable"
    assert pd.isna(res["label"].iloc[1])


def test_fake_is_unreliable_and_satire_is_left_unlabelled(mbfc):
    res = join_labels(["hoaxdaily.net", "thejokesheet.com"], ["2017-01-01", "2019-01-01"], mbfc)
    assert res["label"].iloc[0] == "unreliable"
    assert pd.isna(res["label"].iloc[1])  # "low" factual reporting, but satire is not a factuality rating


def test_plain_and_continuous_label_files(tmp_path: Path):
    plain = tmp_path / "plain.csv"
    plain.write_text("domain,label\nwww.Reuters.com,reliable\ninfowars.com,unreliable\n")
    cont = tmp_path / "lin.csv"
    cont.write_text("domain,pc1\nreuters.com,1\ninfowars.com,0.0458\n")
    p, c = read_labels(plain), read_labels(cont)
    assert (p.kind, c.kind) == ("categorical", "continuous")
    res_p = join_labels(["https://www.reuters.com/world/x", "infowars.com"], None, p)
    res_c = join_labels(["https://www.reuters.com/world/x", "infowars.com"], None, c)
    assert res_p["label"].tolist() == ["reliable", "unreliable"]
    assert res_c["label"].tolist() == pytest.approx([1.0, 0.0458])


def test_domain_normalisation():
    assert normalize_domain("https://WWW.FoxNews.com/politics/x") == "foxnews.com"
    assert normalize_domain("amp.theguardian.com") == "theguardian.com"
    assert normalize_domain(None) == "" and normalize_domain("") == ""
    assert candidate_domains("video.foxnews.com")[-1] == "foxnews.com"
    assert "co.uk" not in candidate_domains("news.bbc.co.uk")


def test_reliability_target_prefers_mbfc_then_lin_with_a_grey_zone():
    rel3 = pd.Series(["reliable", "mixed", None, None, None])
    lin = pd.Series([0.1, 0.9, 0.9, 0.2, 0.6])
    y = reliability_target(rel3, lin)
    assert y.iloc[:4].tolist() == [1.0, 0.0, 1.0, 0.0]
    assert np.isnan(y.iloc[4])


def test_partisan_outlet_from_mbfc_bias():
    got = partisan_outlet(pd.Series(["right", "left-center", "conspiracy-pseudoscience", "satire", None]))
    assert got.iloc[:3].tolist() == [1.0, 0.0, 1.0]
    assert got.iloc[3:].isna().all()


def test_shared_snapshots_label_hyperpartisan_outlets_by_date():
    path = SHARED / "data" / "labels" / "mbfc_snapshots.csv"
    if not path.exists():
        pytest.skip("../shared not available")
    table = read_labels(path)
    # Breitbart was rated before and after 2018: a 2017 article gets the 2017-12 snapshot
    res = join_labels(["http://www.breitbart.com/big-government/2017/09/12/x/"], ["2017-09-12"], table)
    assert res["snapshot"].iloc[0] == pd.Timestamp("2017-12-10")
    assert res["label"].iloc[0] in {"mixed", "unreliable"}
