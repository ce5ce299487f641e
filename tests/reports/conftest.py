"""Fixtures: the five bundled samples measured by the real feature pipeline."""
from __future__ import annotations

import json
import zlib
from pathlib import Path

import pandas as pd
import pytest

import features
from features.criteria import CRITERIA, assess

SAMPLES = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"
#: The shipped scores of the 37.5k AllSides articles (features, criteria and scores; no texts).
ALLSIDES_SCORES = SAMPLES.parent / "allsides_scores.parquet"

# An article written to attack the report: every piece must render as text.
XSS_ID = "xss<'\"&>"
XSS_TITLE = "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\">"
XSS_TEXT = (
    "Officials said <script>window.__pwned = 1; document.title = 'PWNED';</script> nothing.\n\n"
    "<img src=x onerror=\"window.__pwned = 2\"> A source said the plan may fail.\n\n"
    "<a href=\"javascript:window.__pwned = 3\">click me</a> <svg onload=\"window.__pwned = 4\"></svg>\n"
)
#: A criterion's reason quotes the article (the creators' byline): markup there must stay text too.
XSS_WHY = "byline names its author ('<script>window.__pwned = 5</script>')"


def read_sample(path: Path) -> tuple[str, str]:
    """(title, text) as scoring.io.corpus reads a .txt file: first line is the title."""
    title, _, text = path.read_text(encoding="utf-8").partition("\n")
    return title.strip(), text


def card_columns(a: features.Analysis, title: str, url: str) -> dict[str, object]:
    """The criteria card's columns as `relscore score` writes them."""
    card = assess(a, title, url)
    return {**card.values(), "criteria_why": card.why_json()}


def build_inputs(with_xss: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """scored/spans/texts for the samples (outlet = one per sample, dated Jan 2020), with the
    features and the criteria card as `relscore score` writes them."""
    rows, spans, texts = [], [], {}
    for i, path in enumerate(sorted(SAMPLES.glob("*.txt"))):
        title, text = read_sample(path)
        a = features.analyze(text, title)
        url = f"https://sample{i}.example/{path.stem}"
        rows.append({"id": path.stem, "outlet": f"Sample outlet {i}", "date": f"2020-01-{8 + i:02d}",
                     "title": title, "domain": f"sample{i}.example", "url": url, **a.features,
                     **card_columns(a, title, url)})
        spans += [{"id": path.stem, **r} for r in a.span_records()]
        texts[path.stem] = text
    if with_xss:
        a = features.analyze(XSS_TEXT, XSS_TITLE)
        why = json.loads(card_columns(a, XSS_TITLE, "")["criteria_why"])
        why["creators"] = {"score": 100.0, "why": XSS_WHY, "evidence": {"bylines": 1.0}}
        rows.append({"id": XSS_ID, "outlet": "<b onmouseover=alert(1)>Evil</b>", "date": "2020-01-20",
                     "title": XSS_TITLE, "domain": "evil.example", "url": "javascript:alert(1)", **a.features,
                     **card_columns(a, XSS_TITLE, ""), "criterion_creators": 100.0, "criteria_why": json.dumps(why)})
        spans += [{"id": XSS_ID, **r} for r in a.span_records()]
        # A hand-made span whose label carries markup too.
        spans.append({"id": XSS_ID, "start": 0, "end": 9, "kind": "source", "label": "<i>named</i>", "voice": "author", "text": "Officials"})
        texts[XSS_ID] = XSS_TEXT
    cols = ["id", "start", "end", "kind", "label", "voice", "text"]
    return pd.DataFrame(rows), pd.DataFrame(spans, columns=cols), texts


def without_card(scored: pd.DataFrame) -> pd.DataFrame:
    """The scores table as it was before the criteria card."""
    return scored.drop(columns=[*CRITERIA, "criteria_why"], errors="ignore")


def add_fake_model_columns(scored: pd.DataFrame) -> pd.DataFrame:
    """FAKE model output, standing in for scoring's model (built in parallel):
    deterministic pseudo-scores from the id, and made-up explanations. Only
    the report's handling of these columns is under test, not their values."""
    out = scored.copy()
    h = out["id"].map(lambda s: zlib.crc32(s.encode()) % 1000 / 1000)
    out["reliability"] = (20 + 60 * h).round(1)
    out["bias"] = (80 - 60 * h).round(1)
    out["reliability_why"] = [json.dumps({"sourcing": round(10 * v - 5, 2), "hedging": 1.5, "insertions": -2.0}) for v in h]
    out["bias_why"] = [json.dumps({"loaded": round(8 * v, 2), "style": -1.0}) for v in h]
    return out


def bare(scored: pd.DataFrame) -> pd.DataFrame:
    """The five samples as a folder of .txt files gives them (no outlet, date or URL), with fake model columns."""
    keep = scored["id"].isin([p.stem for p in SAMPLES.glob("*.txt")])
    return add_fake_model_columns(scored[keep].drop(columns=["outlet", "date", "url", "domain"]))


@pytest.fixture(scope="session")
def sample_inputs() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    if not SAMPLES.is_dir():
        pytest.skip("bundled samples missing")
    return build_inputs()


@pytest.fixture(scope="session")
def scored_site(tmp_path_factory, sample_inputs) -> Path:
    """The site for the samples plus the XSS article, with fake model columns."""
    from reports import render_site

    scored, spans, texts = sample_inputs
    out = tmp_path_factory.mktemp("site")
    render_site(add_fake_model_columns(scored), spans, texts, out, articles="all")
    return out


@pytest.fixture(scope="session")
def allsides_site(tmp_path_factory) -> Path:
    """`relscore report` on 3,000 articles of the 20 largest outlets of the shipped AllSides scores
    table, from the table alone (the whole table takes ~20 s; the sample keeps 2012-2020)."""
    from relscore.cli import main

    if not ALLSIDES_SCORES.is_file():
        pytest.skip(f"{ALLSIDES_SCORES} missing")
    out = tmp_path_factory.mktemp("allsides")
    table = pd.read_parquet(ALLSIDES_SCORES)
    table = table[table["outlet"].isin(table["outlet"].value_counts().index[:20])]
    table.sample(n=3000, random_state=0).to_parquet(out / "scores.parquet")
    assert main(["report", str(out / "scores.parquet"), "--out", str(out / "site")]) == 0
    return out / "site"
