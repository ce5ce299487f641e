"""The journalistic-criteria card in the report: article and outlet pages, the league table, the
comparison over time, a table without the card, and `relscore report` on the card alone."""
from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from features.criteria import CRITERIA
from relscore.cli import main
from reports import render_site
from reports.card import LABELS, outlet_intervals
from reports.stats import bootstrap_ci

from .conftest import SAMPLES, XSS_WHY, add_fake_model_columns, without_card
from .htmlcheck import Page


def _html(site: Path, pattern: str) -> str:
    hits = sorted(site.glob(pattern))
    assert len(hits) == 1, (pattern, hits)
    return hits[0].read_text(encoding="utf-8")


def _card_rows(html: str) -> dict[str, list[str]]:
    """The card's rows (article or outlet table), by criterion column: each cell's visible text."""
    rows = re.findall(r'<tr data-criterion="(criterion_\w+)">(.*?)</tr>', html, re.S)
    return {name: [Page(c).body.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for name, row in rows}


def test_article_card_shows_scores_reasons_and_not_measurable(scored_site: Path, sample_inputs):
    """Sample 001's two READ ALSO lines cost it on ads; its body keeps no page metadata, so
    whether it names its creators is not measurable here."""
    scored = sample_inputs[0].set_index("id")
    sid = next(p.stem for p in SAMPLES.glob("001_*.txt"))
    rows = _card_rows(_html(scored_site, "articles/001_*.html"))
    assert list(rows) == list(CRITERIA)
    ads = " | ".join(rows["criterion_ads"])
    assert f"{scored.at[sid, 'criterion_ads']:.0f} / 100" in ads and "2 unlabelled promotional line(s)" in ads
    assert LABELS["criterion_ads"] in ads
    creators = " | ".join(rows["criterion_creators"])
    assert np.isnan(scored.at[sid, "criterion_creators"])
    assert "not measurable here" in creators and "/ 100" not in creators
    why = json.loads(scored.at[sid, "criteria_why"])
    assert why["sourcing"]["why"] in " | ".join(rows["criterion_sourcing"])


def test_card_reason_with_markup_is_text(scored_site: Path):
    html = _html(scored_site, "articles/xss*.html")
    page = Page(html)
    assert XSS_WHY in " | ".join(_card_rows(html)["criterion_creators"])
    assert "<script>window.__pwned = 5" not in html
    assert all("__pwned = 5" not in s for s in page.scripts)


def test_outlet_card_means_intervals_and_course(scored_site: Path, sample_inputs):
    scored = sample_inputs[0].set_index("id")
    sid = next(p.stem for p in SAMPLES.glob("001_*.txt"))
    html = _html(scored_site, "outlets/Sample-outlet-1-*.html")
    rows = _card_rows(html)
    assert list(rows) == list(CRITERIA)
    ads = rows["criterion_ads"]
    v = scored.at[sid, "criterion_ads"]
    assert ads[:4] == [LABELS["criterion_ads"], f"{v:.1f}", f"{v:.1f}\u2013{v:.1f}", "1 of 1"]
    assert rows["criterion_creators"][1:3] == ["not measurable here", "0 of 1"]
    headings = re.findall(r"<h3>([^<]*) by month</h3>", html)
    # The card's charts, one per measured criterion (creators has no measured article here), then the scores'.
    assert headings == [LABELS[k] for k in CRITERIA if k != "criterion_creators"] + ["Reliability", "Bias"]


def test_outlet_means_leave_out_not_measurable_articles():
    df = pd.DataFrame({"_outlet": ["A"] * 6 + ["B"] * 2,
                       "criterion_headline": [10, 20, np.nan, 40, 90, np.nan, np.nan, np.nan]})
    got = outlet_intervals(df, "criterion_headline")
    assert set(got) == {"A"}  # B has no measured article
    m, lo, hi = bootstrap_ci(np.array([10.0, 20, 40, 90]))
    assert got["A"] == {"mean": m, "lo": lo, "hi": hi, "n": 4}
    assert m == 40.0 and lo < m < hi


def test_league_table_has_the_criteria_columns(scored_site: Path, sample_inputs):
    scored = sample_inputs[0]
    html = _html(scored_site, "index.html")
    table = re.search(r'<table id="league".*?</table>', html, re.S).group(0)
    heads = re.findall(r'<th scope="col"[^>]*>(?:<button[^>]*>)?([^<]*)', table)
    assert heads == ["Outlet", "Articles", "Reliability", "Bias", *[LABELS[k] for k in CRITERIA], "Sets apart (z vs corpus)"]
    rows = re.findall(r'<tr>\s*<td data-sort="([^"]*)">(.*?)</tr>', table, re.S)
    assert len(rows) == len(scored)
    means = scored.groupby("outlet")[list(CRITERIA)].mean()
    for name, row in rows:
        cells = re.findall(r'<td class="num[^"]*" data-sort="([^"]*)"', row)
        expected = ["" if np.isnan(v) else f"{v:.3f}" for v in means.loc[html_lib.unescape(name)]]
        assert cells[3:] == expected, name
    assert "not measurable here" in Page(table).body


def test_comparison_charts_every_measured_criterion(scored_site: Path):
    html = _html(scored_site, "comparison.html")
    headings = re.findall(r"<h3>Criterion: ([^<]*)</h3>", html)
    assert headings == [LABELS[k] for k in CRITERIA]


def test_table_without_the_card_shows_no_card(tmp_path: Path, sample_inputs):
    scored, spans, texts = sample_inputs
    render_site(without_card(add_fake_model_columns(scored)), spans, texts, tmp_path, articles="all")
    for p in tmp_path.rglob("*.html"):
        html = p.read_text(encoding="utf-8")
        assert "Journalistic criteria" not in html and "data-criterion" not in html, p
        assert "not measurable here" not in html and "Criterion:" not in html, p
    league = re.search(r'<table id="league".*?</table>', _html(tmp_path, "index.html"), re.S).group(0)
    assert len(re.findall(r'<th scope="col"', league)) == 5


def test_report_command_on_the_card_alone(tmp_path: Path, sample_inputs, capsys: pytest.CaptureFixture[str]):
    """A scores table with the criteria card and nothing else scored still makes the whole site."""
    scored, spans, _ = sample_inputs
    keep = ["id", "outlet", "date", "title", *CRITERIA, "criteria_why"]
    scored[scored["id"].isin([p.stem for p in SAMPLES.glob("*.txt")])][keep].to_csv(tmp_path / "scores.csv", index=False)
    spans.to_csv(tmp_path / "spans.csv", index=False)
    assert main(["report", str(tmp_path / "scores.csv"), "--spans", str(tmp_path / "spans.csv"),
                 "--texts", str(SAMPLES), "--out", str(tmp_path / "site"), "--articles", "all"]) == 0
    site = tmp_path / "site"
    index = Page(_html(site, "index.html")).body
    assert "The journalistic-criteria card and the signals (features) are shown instead." in index
    assert LABELS["criterion_sourcing"] in index
    rows = _card_rows(_html(site, "outlets/Sample-outlet-1-*.html"))
    assert rows["criterion_ads"][3] == "1 of 1"
    art = _html(site, "articles/001_*.html")
    assert "Reliability: not scored" in Page(art).body
    assert "2 unlabelled promotional line(s)" in " | ".join(_card_rows(art)["criterion_ads"])
    assert re.findall(r"<h3>Criterion: ([^<]*)</h3>", _html(site, "comparison.html"))
