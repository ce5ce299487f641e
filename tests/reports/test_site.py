"""The report site for the bundled samples: pages, evidence markup, safety."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from reports import render_site

from .conftest import SAMPLES, read_sample
from .htmlcheck import Page


def _page(site: Path, rel: str) -> Page:
    return Page((site / rel).read_text(encoding="utf-8"))


def _article_file(site: Path, stem: str) -> Path:
    hits = [p for p in (site / "articles").glob("*.html") if p.stem == stem or p.stem.startswith(stem)]
    assert len(hits) == 1, f"expected one page for {stem}, got {hits}"
    return hits[0]


def test_site_has_every_page(scored_site: Path):
    assert (scored_site / "index.html").is_file()
    assert (scored_site / "comparison.html").is_file()
    assert (scored_site / "articles.html").is_file()
    assert len(list((scored_site / "outlets").glob("*.html"))) == 6  # five samples + the hostile outlet
    assert len(list((scored_site / "articles").glob("*.html"))) == 6


def test_read_also_lines_struck_through_as_insertions(scored_site: Path):
    """Sample 001 carries two off-topic "READ ALSO" lines: both must be inside
    insertion markup (<del>, struck through) and announced by a text label."""
    title, text = read_sample(next(SAMPLES.glob("001_*.txt")))
    lines = [ln.strip() for ln in text.splitlines() if ln.startswith("READ ALSO")]
    assert len(lines) == 2
    page = _page(scored_site, f"articles/{_article_file(scored_site, '001_').name}")
    for ln in lines:
        assert page.is_struck(ln), f"not struck through: {ln!r}"
    assert sum(lab.startswith("inserted") for lab in page.labels) >= 2
    # The body around them is not struck through.
    assert not page.is_struck("Russia and Turkey have called for a ceasefire")


def test_article_page_shows_scores_and_explanations(scored_site: Path):
    page = _page(scored_site, f"articles/{_article_file(scored_site, '001_').name}")
    assert re.search(r"Reliability: \d+ / 100", page.body)
    assert re.search(r"Bias: \d+ / 100", page.body)
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) >= 2  # one explanation chart per score
    assert "sourcing" in page.body and "points" in page.body


def test_headings_are_in_order(scored_site: Path):
    for p in scored_site.rglob("*.html"):
        h = _page(scored_site, str(p.relative_to(scored_site))).headings
        assert h[0] == 1 and h.count(1) == 1, p
        assert all(b <= a + 1 for a, b in zip(h, h[1:])), (p, h)


def test_pages_are_self_contained(scored_site: Path):
    """No external resource: no src/href to another host, no stylesheet or script files."""
    for p in scored_site.rglob("*.html"):
        page = _page(scored_site, str(p.relative_to(scored_site)))
        for tag, attrs in page.tags:
            assert tag not in ("link", "iframe", "object", "embed", "img"), (p, tag)
            assert "src" not in attrs, (p, tag, attrs)
            href = attrs.get("href") or ""
            if tag == "a" and href.startswith("http"):
                assert attrs.get("rel") and "noreferrer" in attrs["rel"]  # the article's original, a plain link
            else:
                assert not re.match(r"^[a-z]+:", href) or href.startswith("#"), (p, href)


def test_hostile_article_renders_as_text(scored_site: Path):
    site = scored_site
    f = [p for p in (site / "articles").glob("xss*.html")]
    assert len(f) == 1
    html = f[0].read_text(encoding="utf-8")
    page = Page(html)
    # Only our own script element; no injected element or handler attribute anywhere.
    assert len(page.scripts) == 0 or all("window.__pwned" not in s for s in page.scripts)
    assert [t for t, _ in page.tags].count("script") <= 1
    for tag, attrs in page.tags:
        assert tag not in ("img", "svg") or tag == "svg" and "onload" not in attrs
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
    # ...and the hostile text is shown verbatim to the reader.
    assert "<script>window.__pwned = 1;" in page.body
    assert '<img src=x onerror="window.__pwned = 2">' in page.body
    assert "&lt;script&gt;" in html
    title = page.body
    assert "<script>document.title='PWNED'</script>" in title
    # The outlet name with markup is text on the overview too.
    index = _page(site, "index.html")
    assert "<b onmouseover=alert(1)>Evil</b>" in index.body
    assert all(not any(k.startswith("on") for k in a) for _, a in index.tags)


def test_not_scored_corpus_renders(tmp_path: Path, sample_inputs):
    """Without model columns every page still renders and says so."""
    scored, spans, texts = sample_inputs
    index = render_site(scored, spans, texts, tmp_path, articles="flagged")
    body = Page(index.read_text(encoding="utf-8")).body
    assert "not scored" in body.lower()
    outlet = next((tmp_path / "outlets").glob("*.html"))
    assert "not scored" in Page(outlet.read_text(encoding="utf-8")).body.lower()
    art = next((tmp_path / "articles").glob("*.html"))
    assert "Reliability: not scored" in Page(art.read_text(encoding="utf-8")).body


def test_articles_n_limits_pages(tmp_path: Path, sample_inputs):
    scored, spans, texts = sample_inputs
    render_site(scored, spans, texts, tmp_path, articles=2)
    assert len(list((tmp_path / "articles").glob("*.html"))) == 2
    with pytest.raises(ValueError, match="articles must be"):
        render_site(scored, spans, texts, tmp_path / "x", articles="some")


def test_missing_text_and_odd_inputs(tmp_path: Path):
    """Empty text, one-word text, missing text and missing columns all render."""
    scored = pd.DataFrame({"id": ["a", "b", "c"], "title": [None, "One", "Gone"]})
    spans = pd.DataFrame(columns=["id", "start", "end", "kind", "label", "voice", "text"])
    index = render_site(scored, spans, {"a": "", "b": "word"}, tmp_path, articles="all")
    assert index.is_file()
    pages = {p.stem: Page(p.read_text(encoding="utf-8")) for p in (tmp_path / "articles").glob("*.html")}
    assert "(text not available)" in pages["c"].body
    assert "word" in pages["b"].body
    assert "(untitled)" in pages["a"].body


def test_flagged_selection_on_a_large_corpus(tmp_path: Path, sample_inputs):
    """Past the small-corpus size, 'flagged' writes insertion articles, extreme
    scores and each outlet's top/bottom articles, not everything."""
    from reports.prepare import prepare
    from reports.select import FLAG_CAP, PER_OUTLET, select

    from .conftest import add_fake_model_columns

    scored, spans, texts = sample_inputs
    n = FLAG_CAP * 3
    big = pd.concat([scored] * (n // len(scored) + 1), ignore_index=True).head(n)
    big["id"] = [f"a{i}" for i in range(n)]
    big["outlet"] = [f"outlet {i % 4}" for i in range(n)]
    big = add_fake_model_columns(big)
    big = big.drop(columns="insertion_count")  # counted from the spans: inserted content only
    big_spans = pd.DataFrame({"id": ["a7", "a7", "a11", "a3", "a3"], "start": [0, 5, 0, 0, 4], "end": [3, 9, 2, 3, 8],
                              "kind": "insertion", "label": ["related", "promo", "related", "caption", "byline"],
                              "voice": "author"})
    sel = select(prepare(big, big_spans), "flagged")
    assert "insertion(s)" not in " ".join(sel.reasons.get(3, []))  # page furniture is not spam
    assert len(sel.rows) < n
    # The article with most insertions leads; insertion and extreme-score articles alternate.
    assert sel.rows[0] == 7 and sel.rows[2] == 11 and "extreme" in " ".join(sel.reasons[sel.rows[1]])
    assert "2 insertion(s)" in sel.reasons[7]
    assert sum("most reliable in outlet" in r for r in sel.reasons.values()) == 4 * PER_OUTLET
    top = big["reliability"].idxmax()
    assert top in sel.rows and "most reliable in outlet" in sel.reasons[top]


def test_insertion_count_is_the_tables_definition_when_present(sample_inputs):
    """The report counts insertions as the scores table does (inserted content only)."""
    from reports.prepare import prepare

    scored, spans, _ = sample_inputs
    corpus = prepare(scored, spans)
    assert corpus.n_ins.tolist() == scored["insertion_count"].astype(int).tolist()
    # sample 001 carries two READ ALSO lines and two captions: 2 insertions, not 4
    i = scored.index[scored["id"].astype(str).str.startswith("001")][0]
    assert corpus.n_ins[i] == 2


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory, sample_inputs) -> Path:
    """The samples as a folder of .txt files gives them: no outlet, no date, no URL."""
    from .conftest import bare

    scored, spans, texts = sample_inputs
    out = tmp_path_factory.mktemp("bare")
    render_site(bare(scored), spans, texts, out)
    return out


def test_input_without_outlets_or_dates_says_what_would_fill_the_pages(bare_site: Path):
    index = _page(bare_site, "index.html").body
    assert "No article names its outlet" in index and "No article has a date" in index
    assert "unknown outlet" not in index and "undated" not in index
    assert 'id="league"' not in (bare_site / "index.html").read_text(encoding="utf-8")
    assert not (bare_site / "outlets").exists()
    cmp = _page(bare_site, "comparison.html").body
    assert "No article has an outlet or a date, so outlets cannot be compared over time" in cmp
    assert "No outlet has dated articles" not in cmp
    art = _page(bare_site, f"articles/{_article_file(bare_site, '001_').name}")
    assert "no outlet given · no date given" in art.body
    assert "Outlet median" not in art.body  # one group: its median is the corpus median


def test_overview_lists_the_article_pages_with_their_evidence(bare_site: Path):
    html = (bare_site / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<td><a href="(articles/[^"]+)">', re.search(r'<table id="look">.*?</table>', html, re.S).group(0))
    assert sorted(rows) == sorted(f"articles/{p.name}" for p in (bare_site / "articles").glob("*.html")) and len(rows) == 5
    # Five articles make no extremes: the top and bottom 1% of five is just the max and the min.
    assert "extreme" not in _page(bare_site, "articles.html").body


def test_signal_profile_shows_only_signals_that_differ(tmp_path: Path, sample_inputs):
    """Outlet pages chart the signals at least 0.1 SD from the corpus median and say how many are left out;
    an outlet that is the whole corpus gets no profile against itself."""
    from reports.labels import feature_label
    from reports.pages import PROFILE_MIN_Z, PROFILE_TOP, profile, summarise
    from reports.prepare import prepare

    scored, spans, _ = sample_inputs
    corpus = prepare(scored, spans)
    summ = summarise(corpus)
    p = profile(corpus, summ, "Sample outlet 1")
    assert p["rows"] and all(abs(r["z"]) >= PROFILE_MIN_Z for r in p["rows"])
    assert p["n_hidden"] == p["n_all"] - len(p["rows"]) > 0
    assert p["n_charted"] == min(PROFILE_TOP, len(p["rows"]))
    biggest = max(p["rows"], key=lambda r: abs(r["z"]))
    assert biggest["name"] == feature_label(biggest["column"]) and biggest["name"] in p["svg"]
    one = prepare(scored.assign(outlet="Only outlet"), spans)
    assert profile(one, summarise(one), "Only outlet")["whole_corpus"] is True
    render_site(scored.assign(outlet="Only outlet"), spans, None, tmp_path)
    page = Page(next((tmp_path / "outlets").glob("*.html")).read_text(encoding="utf-8")).body
    assert "are the whole corpus" in page and "+0.00" not in page


def test_no_texts_means_no_article_pages(tmp_path: Path, sample_inputs):
    scored, spans, _ = sample_inputs
    render_site(scored, None, None, tmp_path)
    assert not (tmp_path / "articles").exists()
    body = _page(tmp_path, "articles.html").body
    assert "0 article pages" in body and "article pages need the texts and their evidence spans" in body
    assert 'id="look"' not in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert len(list((tmp_path / "outlets").glob("*.html"))) == 6


def test_low_confidence_loaded_terms_sit_behind_a_control_and_in_a_list(tmp_path: Path):
    text = "A grave injustice, they said, and an advantage down the road."
    scored = pd.DataFrame({"id": ["a", "b"], "title": ["Tiers", "High only"]})
    g, v = text.index("grave injustice"), text.index("advantage")
    spans = pd.DataFrame({"id": ["a", "a", "b"], "start": [g, v, g], "end": [g + 15, v + 9, g + 15],
                          "kind": ["loaded"] * 3, "label": ["charged"] * 3, "voice": ["author"] * 3,
                          "score": [0.88, 0.42, 0.88]})
    render_site(scored, spans, {"a": text, "b": text}, tmp_path, articles="all")
    raw = {p.stem: p.read_text(encoding="utf-8") for p in (tmp_path / "articles").glob("*.html")}
    page = Page(raw["a"])
    box = [a for t, a in page.tags if t == "input" and a.get("id") == "show-low"]
    assert box and box[0].get("type") == "checkbox"
    assert "Show low-confidence loaded terms (1)" in page.body
    assert re.search(r'class="ev ev-loaded v-author low"[^>]*>advantage<', raw["a"])
    assert re.search(r'class="ev ev-loaded v-author"[^>]*>grave injustice<', raw["a"])
    listed = raw["a"].split('<details class="low-list">', 1)[1].split("</details>", 1)[0]
    assert "advantage" in listed and "score 0.42" in listed and "grave injustice" not in listed
    # an article whose loaded terms are all shown has no control and no list
    assert 'id="show-low"' not in raw["b"] and '<details class="low-list">' not in raw["b"]
