"""The site in headless Chromium, from file://: no console errors, no network,
injected script inert, sorting and filtering work, screenshots saved."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from reports import render_site

from .cdp import CHROMIUM, Browser

pytestmark = pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"{CHROMIUM} not installed")

SHOTS = Path(tempfile.gettempdir()) / "relscore_report_screenshots"


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


def _load(browser: Browser, path: Path, width: int = 1280) -> int:
    start = browser.open(path.resolve().as_uri(), width=width)
    assert browser.problems(start) == []
    outside = [u for u in browser.requests(start) if not u.startswith(("file:", "data:"))]
    assert outside == []
    return start


def _shot(browser: Browser, tmp_path: Path, name: str) -> None:
    p = browser.screenshot(tmp_path / name)
    assert p.stat().st_size > 10_000  # a real rendering, not a blank image
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(p, SHOTS / name)


def test_overview_loads_sorts_and_filters(browser, scored_site, tmp_path):
    _load(browser, scored_site / "index.html")
    _shot(browser, tmp_path, "overview.png")
    col = "Array.from(document.querySelectorAll('#league tbody tr')).map(r => r.cells[2].getAttribute('data-sort'))"
    click = "document.querySelectorAll('#league thead button')[2].click()"  # Reliability
    browser.evaluate(click)
    nums = [float(v) for v in browser.evaluate(col) if v]
    assert len(nums) == 6 and nums == sorted(nums)
    assert browser.evaluate("document.querySelectorAll('#league thead th')[2].getAttribute('aria-sort')") == "ascending"
    browser.evaluate(click)
    nums = [float(v) for v in browser.evaluate(col) if v]
    assert nums == sorted(nums, reverse=True) and nums[0] > nums[-1]
    browser.evaluate("var f = document.getElementById('league-filter'); f.value = 'outlet 3'; f.dispatchEvent(new Event('input'))")
    shown = browser.evaluate("Array.from(document.querySelectorAll('#league tbody tr')).filter(r => !r.hidden).length")
    assert shown == 1
    assert "1 of 6" in browser.evaluate("document.getElementById('league-status').textContent")


def test_article_page_renders_and_fits_a_phone(browser, scored_site, tmp_path):
    page = next((scored_site / "articles").glob("001_*.html"))
    _load(browser, page)
    _shot(browser, tmp_path, "article_001.png")
    assert browser.evaluate("document.querySelectorAll('.article-text del.ev-insertion').length") >= 2
    _load(browser, page, width=390)
    _shot(browser, tmp_path, "article_001_phone.png")
    # Nothing wider than the screen: no sideways scrolling of the page itself.
    assert browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_injected_script_does_not_run(browser, scored_site, tmp_path):
    page = next((scored_site / "articles").glob("xss*.html"))
    _load(browser, page)
    browser.drain(0.5)
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    # Had the title's script run, the title would be just "PWNED".
    assert browser.evaluate("document.title").startswith("<script>document.title='PWNED'</script>")
    assert browser.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
    assert browser.evaluate("Array.from(document.querySelectorAll('*')).some(e => Array.from(e.attributes).some(a => a.name.startsWith('on')))") is False
    # The hostile markup is visible as text.
    assert "<script>window.__pwned = 1;" in browser.evaluate("document.querySelector('.article-text').textContent")
    _shot(browser, tmp_path, "article_hostile.png")


@pytest.mark.parametrize("rel", ["comparison.html", "articles.html"])
def test_other_pages_load_cleanly(browser, scored_site, rel):
    _load(browser, scored_site / rel)


def test_outlet_pages_load_cleanly(browser, scored_site):
    for p in sorted((scored_site / "outlets").glob("*.html")):
        _load(browser, p)


def test_league_sorts_by_a_criterion(browser, scored_site):
    """The criteria columns sort like the others; outlets where a criterion is not measurable go last."""
    _load(browser, scored_site / "index.html")
    col = ("Array.from(document.querySelectorAll('#league thead th')).findIndex("
           "h => h.getAttribute('data-criterion') === 'criterion_creators')")
    i = browser.evaluate(col)
    assert i == 8 and browser.evaluate(f"document.querySelectorAll('#league thead th')[{i}].textContent.trim()") == "Creators named"
    browser.evaluate(f"document.querySelectorAll('#league thead th')[{i}].querySelector('button').click()")
    cells = browser.evaluate(f"Array.from(document.querySelectorAll('#league tbody tr')).map(r => [r.cells[{i}].getAttribute('data-sort'), r.cells[{i}].textContent])")
    nums = [float(v) for v, _ in cells if v]
    assert nums == sorted(nums) and len(nums) >= 2
    assert [t for v, t in cells[len(nums):]] == ["not measurable here"] * (len(cells) - len(nums)) and len(cells) > len(nums)


def test_outlet_page_shows_the_card(browser, scored_site, tmp_path):
    page = next((scored_site / "outlets").glob("Sample-outlet-1-*.html"))
    _load(browser, page)
    rows = browser.evaluate("Array.from(document.querySelectorAll('#outlet-card tbody tr')).map(r => r.innerText)")
    assert len(rows) == 5 and rows[3].startswith("Ads labelled") and "1 of 1" in rows[3]
    assert "not measurable here" in rows[4]
    # The card is laid out and visible, with its charts over time drawn.
    assert browser.evaluate("document.getElementById('outlet-card').getBoundingClientRect().height") > 100
    assert browser.evaluate("document.querySelectorAll('#ocard-h ~ .grid2 figure svg').length") == 4
    browser.evaluate("document.getElementById('ocard-h').scrollIntoView()")
    _shot(browser, tmp_path, "outlet_card.png")


def test_allsides_table_alone_compares_outlets_over_time(browser, allsides_site, tmp_path):
    """From the shipped scores table alone: the comparison page charts several outlets over the years."""
    _load(browser, allsides_site / "comparison.html")
    assert browser.evaluate("document.getElementById('cmp-h').textContent").startswith("4 outlets, quarterly means")
    compared = browser.evaluate("Array.from(document.querySelectorAll('#cmp-h ~ p a')).map(a => a.textContent)")
    assert len(compared) == 4
    axis = browser.evaluate("document.querySelector('figure svg').textContent")
    assert "2013" in axis and "2019" in axis
    first = browser.evaluate("document.querySelector('figure svg').getBoundingClientRect().height")
    assert first > 150
    _shot(browser, tmp_path, "allsides_comparison.png")
    _load(browser, allsides_site / "index.html")
    assert browser.evaluate("document.querySelectorAll('#league tbody tr').length") == 20
    assert browser.evaluate("document.getElementById('look')") is None  # no texts given: no article pages
    page = next((allsides_site / "outlets").glob("Washington-Times-*.html"))
    _load(browser, page)
    bars = browser.evaluate("document.querySelectorAll('#prof-h ~ svg rect').length")
    assert 0 < bars <= 15


def test_the_readme_report_of_the_whole_shipped_table(browser, tmp_path):
    """The README's second command, as written, on the whole shipped table (37.5k articles): its comparison
    page charts several outlets over the years."""
    from relscore.cli import main

    from .conftest import ALLSIDES_SCORES

    if not ALLSIDES_SCORES.is_file():
        pytest.skip(f"{ALLSIDES_SCORES} missing")
    site = tmp_path / "allsides-report"
    assert main(["report", str(ALLSIDES_SCORES), "--out", str(site)]) == 0
    _load(browser, site / "comparison.html")
    compared = browser.evaluate("Array.from(document.querySelectorAll('#cmp-h ~ p a')).map(a => a.textContent)")
    assert len(compared) >= 3
    axis = browser.evaluate("document.querySelector('figure svg').textContent")
    assert "2013" in axis and "2019" in axis
    assert browser.evaluate("document.querySelectorAll('figure svg').length") >= 3
    _load(browser, site / "index.html")
    assert browser.evaluate("document.querySelectorAll('#league tbody tr').length") > 400


def test_first_run_without_outlets_or_dates(browser, tmp_path, sample_inputs):
    """The README's first run (a folder of .txt files): the overview says what is missing and leads to
    the article pages, whose evidence is what such input can show."""
    from reports import render_site

    from .conftest import bare

    scored, spans, texts = sample_inputs
    site = tmp_path / "site"
    render_site(bare(scored), spans, texts, site)
    _load(browser, site / "index.html")
    assert browser.evaluate("document.getElementById('missing-fields').getBoundingClientRect().height") > 0
    links = browser.evaluate("Array.from(document.querySelectorAll('#look a')).map(a => a.href)")
    assert len(links) == 5
    _shot(browser, tmp_path, "first_run_overview.png")
    _load(browser, Path(links[1].removeprefix("file://")))
    assert browser.evaluate("document.querySelectorAll('.article-text del.ev-insertion').length") >= 2
    _load(browser, site / "comparison.html")
    assert "cannot be compared over time" in browser.evaluate("document.getElementById('compare-empty').textContent")


def test_allsides_lean_column_and_map(browser, allsides_site, tmp_path):
    """With a lean column: the league table sorts by mean lean, and the overview places every outlet on
    the lean x bias chart, which fits a phone's width."""
    _load(browser, allsides_site / "index.html")
    i = browser.evaluate("Array.from(document.querySelectorAll('#league thead th')).findIndex(h => h.id === 'league-lean')")
    assert i == 4
    browser.evaluate(f"document.querySelectorAll('#league thead th')[{i}].querySelector('button').click()")
    col = f"Array.from(document.querySelectorAll('#league tbody tr')).map(r => [r.cells[{i}].getAttribute('data-sort'), r.cells[0].textContent])"
    cells = browser.evaluate(col)
    nums = [float(v) for v, _ in cells]
    assert len(nums) == 20 and nums == sorted(nums) and nums[0] < 0 < nums[-1]
    chart = "document.querySelector('#leanmap-h ~ figure svg')"
    assert browser.evaluate(f"{chart}.getBoundingClientRect().height") > 300
    tips = browser.evaluate(f"Array.from({chart}.querySelectorAll('circle title')).map(t => t.textContent.split(':')[0])")
    assert sorted(tips) == sorted(name for _, name in cells)
    named = browser.evaluate(f"Array.from({chart}.querySelectorAll('text.lg')).map(t => t.textContent)")
    assert len(set(named) & set(tips)) >= 10  # most of the 20 are named beside their point
    browser.evaluate("document.getElementById('leanmap-h').scrollIntoView()")
    _shot(browser, tmp_path, "allsides_lean_map.png")
    _load(browser, allsides_site / "index.html", width=390)
    assert browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert browser.evaluate(f"{chart}.getBoundingClientRect().width") <= 390


def test_article_lean_terms_read_without_colour(browser, lean_site, tmp_path):
    """Left and right terms differ by their label and by the overline's style, not by colour alone."""
    page = next((lean_site / "articles").glob("004_*.html"))
    _load(browser, page)
    style = ("Array.from(document.querySelectorAll('.article-text .ev-lean.lean-{0}')).map(e => "
             "[getComputedStyle(e).textDecorationLine, getComputedStyle(e).textDecorationStyle, "
             "e.previousElementSibling && e.previousElementSibling.textContent])")
    left, right = browser.evaluate(style.format("left")), browser.evaluate(style.format("right"))
    assert left and right
    assert all(d == ["overline", "solid", "\u25c0 left"] for d in left), left
    assert all(d == ["overline", "dashed", "right \u25b6"] for d in right), right
    browser.evaluate("document.getElementById('lean-h').scrollIntoView()")
    _shot(browser, tmp_path, "article_lean.png")


def test_low_confidence_loaded_terms_show_only_when_asked(browser, tmp_path):
    text = "A grave injustice, they said, and an advantage down the road."
    g, v = text.index("grave injustice"), text.index("advantage")
    spans = pd.DataFrame({"id": ["a", "a"], "start": [g, v], "end": [g + 15, v + 9], "kind": ["loaded"] * 2,
                          "label": ["charged"] * 2, "voice": ["author"] * 2, "score": [0.88, 0.42]})
    render_site(pd.DataFrame({"id": ["a"], "title": ["Tiers"]}), spans, {"a": text}, tmp_path, articles="all")
    _load(browser, tmp_path / "articles" / "a.html")
    line = "getComputedStyle(document.querySelector('.article-text .ev-loaded%s')).textDecorationLine"
    assert browser.evaluate(line % ":not(.low)") == "underline"
    assert browser.evaluate(line % ".low") == "none"
    browser.evaluate("document.getElementById('show-low').click()")
    assert browser.evaluate(line % ".low") == "underline"
