"""Political lean in the report: article pages (value, probabilities, why, marked terms), the league
table's column, outlet pages, the comparison, the lean x bias chart of outlets, hostile lean inputs,
and tables without lean, whose pages never mention it."""
from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from markupsafe import escape

from reports import render_site
from reports.env import fmt_signed
from reports.lean import MAP_MIN_N, class_shares, outlet_map
from reports.pages import summarise
from reports.prepare import prepare
from reports.select import select
from reports.stats import bootstrap_ci

from .conftest import LEAN_TERMS, SAMPLES, XSS_LEAN_FAMILY, XSS_LEAN_LABEL, add_fake_lean, add_fake_model_columns
from .htmlcheck import Page

_WORD = re.compile(r"\blean\b", re.I)


def _html(site: Path, pattern: str) -> str:
    hits = sorted(site.glob(pattern))
    assert len(hits) == 1, (pattern, hits)
    return hits[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def lean_inputs(sample_inputs) -> tuple[pd.DataFrame, pd.DataFrame]:
    scored, spans, texts = sample_inputs
    return add_fake_lean(add_fake_model_columns(scored), spans, texts)


def test_signed_values_carry_a_true_minus():
    assert [fmt_signed(v) for v in (12.34, -12.34, -0.04, 0, None, float("nan"))] == ["+12.3", "\u221212.3", "0.0", "0.0",
                                                                                      "\u2013", "\u2013"]
    assert fmt_signed(-3.6, 0) == "\u22124"


def test_article_page_shows_lean_probabilities_and_why(lean_site: Path, lean_inputs):
    scored = lean_inputs[0].set_index("id")
    sid = next(p.stem for p in SAMPLES.glob("004_*.txt"))
    row = scored.loc[sid]
    body = Page(_html(lean_site, "articles/004_*.html")).body
    assert f"Lean: {fmt_signed(row['lean'], 0)} on a scale from \u2212100 (left) to +100 (right)" in body
    probs = [row["lean_left"], row["lean_centre"], row["lean_right"]]
    likeliest = ("left", "centre", "right")[int(np.argmax(probs))]
    assert (f"Probabilities: left {100 * probs[0]:.0f}%, centre {100 * probs[1]:.0f}%, right {100 * probs[2]:.0f}% "
            f"(most probable: {likeliest})") in body
    why = json.loads(row["lean_why"])
    assert f"relative to the model's baseline (lean {fmt_signed(row['lean'] - sum(why.values()), 0)}" in body
    assert f"words (author's voice): {why['words']:+.3g} lean points" in body  # the bar's tooltip


def test_lean_terms_are_marked_with_their_side(lean_site: Path, lean_inputs, sample_inputs):
    """Each lean span wraps exactly its words, says its side in a label (not by colour alone), and
    the legend counts the article's spans of each side."""
    _, spans = lean_inputs
    sid = next(p.stem for p in SAMPLES.glob("004_*.txt"))
    text = sample_inputs[2][sid]
    mine = spans[(spans["id"] == sid) & (spans["kind"] == "lean")]
    assert len(mine) >= 2 and set(mine["label"]) == {"left", "right"}  # the sample has words of both sides
    html = _html(lean_site, "articles/004_*.html")
    for s in mine.itertuples():
        word = text[s.start:s.end]
        assert LEAN_TERMS[word] == s.label
        tag = "\u25c0 left" if s.label == "left" else "right \u25b6"
        assert re.search(rf'<span class="tag tag-lean tag-lean-{s.label}">{tag}</span>'
                         rf'<span class="ev ev-lean v-author lean-{s.label}" title="lean · {s.label}">{word}</span>', html), word
    legend = Page(re.search(r'<ul class="legend">.*?</ul>', html, re.S).group(0)).body
    for side in ("left", "right"):
        n = int((mine["label"] == side).sum())
        assert re.search(rf"moved the lean {side} \(labelled [^)]*\)[^(]*\({n}\)", legend), (side, legend)


def test_hostile_lean_label_and_family_stay_text(lean_site: Path):
    html = _html(lean_site, "articles/xss*.html")
    assert "<script>window.__pwned = 6" not in html
    assert html_lib.escape(XSS_LEAN_FAMILY, quote=False) in html  # the family's name is shown, as text
    # The label is not a side: the span is a plain lean term, and its markup only an escaped tooltip.
    assert f'<span class="ev ev-lean v-author" title="lean · {escape(XSS_LEAN_LABEL)}">nothing</span>' in html
    assert '<span class="tag tag-lean">lean</span>' in html
    assert '<b class="lean-left">' not in html


def test_tables_without_lean_never_mention_it(scored_site: Path, tmp_path: Path, sample_inputs):
    scored, spans, texts = sample_inputs
    render_site(scored, spans, texts, tmp_path, articles="all")  # no model columns at all
    for site in (scored_site, tmp_path):
        for p in site.rglob("*.html"):
            html = p.read_text(encoding="utf-8")
            assert not _WORD.search(html) and "ev-lean" not in html, p


def test_lean_alone_without_probabilities_or_why(tmp_path: Path, lean_inputs, sample_inputs):
    """An older lean table (no probabilities, no explanation) still shows the lean, and says what it lacks."""
    scored, spans = lean_inputs
    texts = sample_inputs[2]
    render_site(scored.drop(columns=["lean_left", "lean_centre", "lean_right", "lean_why"]), spans, texts, tmp_path,
                articles="all")
    body = Page(_html(tmp_path, "articles/004_*.html")).body
    assert "Lean: " in body and "Probabilities:" not in body and "No explanation available." in body
    assert "most probable lean" not in Page(_html(tmp_path, "outlets/Sample-outlet-4-*.html")).body


def test_lean_extremes_do_not_flag_articles(lean_inputs):
    """A strong lean is a side, not a fault: flagged pages come from insertions and extreme reliability/bias."""
    scored, spans = lean_inputs
    big = pd.concat([scored] * 200, ignore_index=True)
    big["id"] = [f"a{i}" for i in range(len(big))]
    big["lean"] = np.linspace(-100, 100, len(big))
    reasons = " ".join(r for rs in select(prepare(big, spans), "flagged").reasons.values() for r in rs)
    assert "extreme reliability" in reasons and "extreme lean" not in reasons


def test_class_shares_count_the_most_probable_class():
    rows = pd.DataFrame({"lean_left": [0.7, 0.1, 0.2, 0.5, np.nan], "lean_centre": [0.2, 0.8, 0.3, 0.1, 0.5],
                         "lean_right": [0.1, 0.1, 0.5, 0.4, 0.5]})
    got = class_shares(rows)
    assert got["n"] == 4 and [(x["name"], x["share"]) for x in got["shares"]] == [("left", 0.5), ("centre", 0.25), ("right", 0.25)]
    assert class_shares(rows.drop(columns="lean_right")) is None
    assert class_shares(rows.iloc[4:]) is None


def test_league_lean_is_the_outlets_mean_with_its_interval(allsides_site: Path, allsides_table: pd.DataFrame):
    html = _html(allsides_site, "index.html")
    table = re.search(r'<table id="league".*?</table>', html, re.S).group(0)
    heads = re.findall(r'<th scope="col"[^>]*>(?:<button[^>]*>)?([^<]*)', table)
    assert heads[:5] == ["Outlet", "Articles", "Reliability", "Bias", "Lean"]
    rows = re.findall(r'<tr>\s*<td data-sort="([^"]*)">(.*?)</tr>', table, re.S)
    assert len(rows) == 20
    means = allsides_table.groupby("outlet", observed=True)["lean"].mean()
    for name, row in rows:
        cells = re.findall(r'<td class="num[^"]*" data-sort="([^"]*)">(.*?)</td>', row, re.S)
        name = html_lib.unescape(name)
        m, lo, hi = bootstrap_ci(allsides_table.loc[allsides_table["outlet"] == name, "lean"].to_numpy())
        assert cells[3][0] == f"{means[name]:.3f}" and abs(m - means[name]) < 1e-9
        assert Page(cells[3][1]).body == f"{fmt_signed(m)} [{fmt_signed(lo)}, {fmt_signed(hi)}]"
    # Outlets AllSides' editors mostly label right lean right of those they mostly label left.
    majority = allsides_table.groupby("outlet", observed=True)["allsides_rating"].agg(lambda s: s.value_counts().index[0])
    assert means[majority == "right"].min() > means[majority == "left"].max()


def test_outlet_page_shows_mean_split_distribution_and_course(allsides_site: Path, allsides_table: pd.DataFrame):
    html = _html(allsides_site, "outlets/Washington-Times-*.html")
    rows = allsides_table[allsides_table["outlet"] == "Washington Times"]
    m, lo, hi = bootstrap_ci(rows["lean"].to_numpy())
    facts = Page(re.search(r'<li id="outlet-lean">.*?</li>', html).group(0)).body
    assert facts.startswith(f"{fmt_signed(m)} mean lean [{fmt_signed(lo)}, {fmt_signed(hi)}]")
    split = class_shares(rows)["shares"]
    assert " · ".join(f"{x['name']} {100 * x['share']:.0f}%" for x in split) in Page(html).body
    headings = re.findall(r"<h3>([^<]*)</h3>", html)
    assert "Lean" in headings and "Lean by month" in headings
    course = re.search(r"<h3>Lean by month</h3></figcaption>(<svg.*?</svg>)", html, re.S).group(1)
    assert ">-100<" in course and ">100<" in course  # the whole scale, as for the other scores


def test_comparison_charts_lean_over_time(allsides_site: Path):
    html = _html(allsides_site, "comparison.html")
    assert re.findall(r"<h3>([^<]*)</h3>", html)[:3] == ["Reliability", "Bias", "Lean"]
    chart = re.search(r"<h3>Lean</h3></figcaption>(<svg.*?</svg>)", html, re.S).group(1)
    assert "lean (\u2212100 left, +100 right)" in chart and ">-100<" in chart
    assert len(re.findall(r"<title>[^<]*\(95% CI", chart)) > 20  # one point per outlet and quarter


def test_outlet_map_places_outlets_with_enough_articles(allsides_table: pd.DataFrame):
    table = allsides_table.assign(outlet=allsides_table["outlet"].astype(str))  # the shipped column is categorical
    small = table["outlet"].value_counts().index[-1]
    table = table[(table["outlet"] != small) | (np.arange(len(table)) % 7 == 0)]  # one outlet below the minimum
    n = table["outlet"].value_counts()
    assert n[small] < MAP_MIN_N and (n.drop(small) >= MAP_MIN_N).all()
    c = prepare(table, None)
    got = outlet_map(c, summarise(c).ci, c.outlet_slugs)
    names = [r["name"] for r in got["rows"]]
    assert small not in names and sorted(names) == sorted(n.drop(small).index)
    means = [r["lean"]["mean"] for r in got["rows"]]
    assert means == sorted(means)  # the table runs from left to right
    svg = str(got["svg"])
    tips = re.findall(r"<circle [^>]*><title>([^<]*)</title>", svg)
    assert len(tips) == len(names)
    washington = next(t for t in tips if t.startswith("Washington Times:"))
    w = table[table["outlet"] == "Washington Times"]
    assert f"mean bias {w['bias'].mean():.1f}" in washington and f"n={len(w)}" in washington


def test_outlet_map_needs_bias_and_enough_articles(allsides_table: pd.DataFrame, tmp_path: Path):
    c = prepare(allsides_table.drop(columns="bias"), None)
    got = outlet_map(c, summarise(c).ci, c.outlet_slugs)
    assert got["svg"] is None and got["has_bias"] is False
    few = allsides_table.groupby("outlet", observed=True).head(MAP_MIN_N - 1)
    render_site(few, None, None, tmp_path)
    body = Page(_html(tmp_path, "index.html")).body
    assert f"No outlet has {MAP_MIN_N} or more articles with both a lean and a bias score" in body
    c = prepare(allsides_table.drop(columns="lean"), None)
    assert outlet_map(c, summarise(c).ci, c.outlet_slugs) is None


def test_overview_says_what_the_axes_mean(allsides_site: Path):
    html = _html(allsides_site, "index.html")
    note = Page(re.search(r'<p class="note" id="leanmap-axes">.*?</p>', html, re.S).group(0)).body
    assert "learned from AllSides editors' left/centre/right labels" in note
    assert "how one-sided and charged the writing is, whichever side it is on" in note
    assert f"at least {MAP_MIN_N} articles carrying both scores (20 of 20 outlets)" in note
