"""Fixtures: the five bundled samples measured by the real feature pipeline."""
from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import numpy as np
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


#: FAKE lean evidence for the samples: real words of their texts, each given a side by hand.
LEAN_TERMS = {"military": "right", "strongman": "right", "civilians": "left", "ceasefire": "left"}
#: A lean span and an explanation whose label and family carry markup (the XSS article's).
XSS_LEAN_LABEL, XSS_LEAN_FAMILY = "<b class=\"lean-left\">right</b>", "<script>window.__pwned = 6</script>"


def lean_probabilities(lean: np.ndarray) -> np.ndarray:
    """Left, centre and right probabilities consistent with ``lean`` = 100 * (P(right) - P(left))."""
    x = np.clip(np.asarray(lean, float) / 100, -1, 1)
    centre = 0.6 * (1 - np.abs(x))  # the rest splits so that right - left = x
    return np.column_stack([(1 - centre - x) / 2, centre, (1 - centre + x) / 2])


def _lean_columns(out: pd.DataFrame, lean: np.ndarray) -> pd.DataFrame:
    p = lean_probabilities(lean)
    out["lean"] = np.round(lean, 1)
    out["lean_left"], out["lean_centre"], out["lean_right"] = (np.round(p[:, k], 4) for k in range(3))
    out["lean_why"] = [json.dumps({"words": round(0.8 * v, 2), "headline": round(0.2 * v - 1.5, 2)}) for v in lean]
    return out


def add_fake_lean(scored: pd.DataFrame, spans: pd.DataFrame, texts: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """FAKE lean output, standing in for scoring's lean model (built in parallel): a lean from the id,
    probabilities that agree with it, a made-up explanation, and lean spans on the LEAN_TERMS of each
    text (the first two occurrences of each). Only the report's handling is under test."""
    h = scored["id"].map(lambda s: zlib.crc32(s.encode()) % 1000 / 1000).to_numpy()
    out = _lean_columns(scored.copy(), 160 * h - 80)
    extra = []
    for aid, text in texts.items():
        for term, side in LEAN_TERMS.items():
            for m in list(re.finditer(rf"\b{term}\b", text))[:2]:
                extra.append({"id": aid, "start": m.start(), "end": m.end(), "kind": "lean", "label": side,
                              "voice": "author", "text": m.group()})
    if XSS_ID in texts:
        out.loc[out["id"] == XSS_ID, "lean_why"] = json.dumps({XSS_LEAN_FAMILY: 4.0, "words": -2.0})
        i = texts[XSS_ID].index("nothing")
        extra.append({"id": XSS_ID, "start": i, "end": i + 7, "kind": "lean", "label": XSS_LEAN_LABEL,
                      "voice": "author", "text": "nothing"})
    return out, pd.concat([spans, pd.DataFrame(extra, columns=spans.columns)], ignore_index=True)


def with_label_lean(table: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """The AllSides scores table with a TEST-ONLY lean: from each article's AllSides label (left -40,
    center 0, right +40) plus Gaussian noise (SD 30), clipped to -100..100, with probabilities and an
    explanation that agree with it. The shipped table has no lean yet; this stands in for the model's."""
    side = table["allsides_rating"].map({"left": -1.0, "center": 0.0, "right": 1.0}).fillna(0.0).to_numpy()
    rng = np.random.default_rng(seed)
    return _lean_columns(table.copy(), np.clip(40 * side + rng.normal(0, 30, len(table)), -100, 100))


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
def lean_site(tmp_path_factory, sample_inputs) -> Path:
    """The site for the samples plus the XSS article, with fake model columns and a fake lean."""
    from reports import render_site

    scored, spans, texts = sample_inputs
    scored, spans = add_fake_lean(add_fake_model_columns(scored), spans, texts)
    out = tmp_path_factory.mktemp("lean")
    render_site(scored, spans, texts, out, articles="all")
    return out


@pytest.fixture(scope="session")
def allsides_table() -> pd.DataFrame:
    """3,000 articles of the 20 largest outlets of the shipped AllSides scores table (the sample keeps
    2012-2020), with a test-only lean from their AllSides labels (``with_label_lean``)."""
    if not ALLSIDES_SCORES.is_file():
        pytest.skip(f"{ALLSIDES_SCORES} missing")
    table = pd.read_parquet(ALLSIDES_SCORES)
    table = table[table["outlet"].isin(table["outlet"].value_counts().index[:20])]
    return with_label_lean(table.sample(n=3000, random_state=0))


@pytest.fixture(scope="session")
def allsides_site(tmp_path_factory, allsides_table) -> Path:
    """`relscore report` on ``allsides_table``, from the table alone (the whole table takes ~20 s)."""
    from relscore.cli import main

    out = tmp_path_factory.mktemp("allsides")
    allsides_table.to_parquet(out / "scores.parquet")
    assert main(["report", str(out / "scores.parquet"), "--out", str(out / "site")]) == 0
    return out / "site"
