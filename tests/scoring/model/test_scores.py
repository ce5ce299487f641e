"""predict_scores with the bundled models on the sample articles."""
from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from features import analyze
from features.criteria import CRITERIA, assess
from scoring.model.estimator import TARGETS
from scoring.model.files import DEFAULT_MODELS, load_models
from scoring.model.scores import SCORE_COLUMNS, predict_scores
from scoring.run import chunks
from tests.samples import sample, with_paragraph
from tests.scoring.model.corpora import ROOT, SAMPLES, sample_frame

SAMPLE_PREFIXES = ("000", "001", "002", "003", "004")

pytestmark = pytest.mark.skipif(
    any(not (ROOT / "scoring" / "models" / f).exists() for f in DEFAULT_MODELS.values()),
    reason="bundled models not built")


def test_there_is_one_list_of_score_columns():
    assert chunks.SCORE_COLUMNS is SCORE_COLUMNS


def test_predict_scores_on_the_samples_with_the_bundled_models():
    frame = sample_frame()
    frame.index = [f"a{i}" for i in range(len(frame))]
    out = predict_scores(frame)
    assert list(out.columns) == list(SCORE_COLUMNS)
    assert list(out.index) == list(frame.index) and len(out) == 5
    for t in TARGETS:
        assert out[t].between(0, 100).all()
        for why in out[f"{t}_why"]:
            parts = json.loads(why)
            assert {"insertions", "hedging", "sourcing", "loaded", "style"} <= set(parts)
    # the wording components read the text and the headline: without them the scores change
    no_text = predict_scores(frame.drop(columns="text"))
    assert not np.allclose(no_text["bias"], out["bias"])
    no_title = predict_scores(frame.drop(columns="title"))
    assert not np.allclose(no_title["bias"], out["bias"])
    np.testing.assert_allclose(no_title["reliability"], out["reliability"])
    # and the bias model the URL's section: the same article filed as opinion scores higher than as news;
    # without a URL (the samples have none) the URL family adds nothing
    assert all(json.loads(why)["url"] == 0.0 for why in out["bias_why"])
    filed = pd.concat([frame.iloc[:1]] * 2).assign(url=["https://example.org/opinion/talks-on-libya",
                                                        "https://example.org/news/talks-on-libya"])
    opinion, news = predict_scores(filed)["bias"]
    assert opinion > news


def test_no_rows_give_an_empty_table_with_the_score_columns():
    out = predict_scores(sample_frame().iloc[:0])
    assert list(out.columns) == list(SCORE_COLUMNS) and out.empty
    with pytest.raises(TypeError, match="DataFrame"):
        predict_scores([{"word_count": 3}])  # type: ignore[arg-type]


def _sample_scores(transform) -> pd.DataFrame:
    """The bundled models' scores of the five samples after ``transform`` of each text, from the rows
    ``relscore score`` would give them (features, criteria, the text as read, the headline)."""
    titles, texts = zip(*(p.read_text(encoding="utf-8").split("\n", 1) for p in sorted(SAMPLES.glob("*.txt"))))
    rows = pd.DataFrame([_card_row(transform(t), h) for t, h in zip(texts, titles)], index=SAMPLE_PREFIXES)
    return predict_scores(rows)


#: Exports seen in the wild: a pair of quotation marks around the text, no paragraph breaks, curly
#: quotes mangled to "?" by an old encoding, and the worst one: all of these and share counts on top.
EXPORTS = {
    "wrapped": lambda t: f'"{t.strip()}"',
    "one_block": lambda t: re.sub(r"\s*\n\s*", " ", t.strip()),
    "mangled": lambda t: re.sub("[“”‘’]", "?", t),
    "worst": lambda t: '"26 SHARES Facebook Twitter ' + re.sub(r"\s*\n\s*", " ", re.sub("[“”‘’]", "?", t.strip())) + '"',
}


def test_export_damage_leaves_the_scores_nearly_unchanged():
    base = _sample_scores(lambda t: t)[["reliability", "bias"]]
    # each sample's change of reliability and bias from its clean scrape, per export
    export_moves = {name: _sample_scores(fn)[["reliability", "bias"]] - base for name, fn in EXPORTS.items()}
    # a pair of quotation marks around the whole text is an export's, not a quotation
    assert export_moves["wrapped"].abs().max().max() <= 0.5, export_moves["wrapped"].round(1).to_dict()
    # losing the layout (the byline, dateline and credits on lines of their own) or the curly quotes
    # moves no sample far
    for name in ("one_block", "mangled", "worst"):
        moves = export_moves[name].abs()
        assert len(moves) == 5 and moves.max().max() <= 10, (name, export_moves[name].round(1).to_dict())
        assert moves.mean().max() <= 5, (name, export_moves[name].round(1).to_dict())


def _card_row(text: str, title: str) -> dict:
    a = analyze(text, title)
    return {**a.features, **assess(a, title, None).values(), "text": a.read, "title": title, "url": None}


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_the_scores_move_the_way_the_card_does_on_perturbed_articles(prefix):
    title, text = sample(prefix)
    teased = with_paragraph(with_paragraph(text, "READ ALSO: Ten things to know about the summit", 4),
                             "READ MORE: Why oil prices are falling again", 7)
    charged = with_paragraph(text, "This disgraceful, utterly shameful decision is the worst blunder we have ever "
                                    "seen from these incompetent, corrupt officials!", 3)
    rows = pd.DataFrame([_card_row(t, title) for t in (text, teased, charged)], index=["plain", "teased", "charged"])
    scores = predict_scores(rows)
    # READ ALSO teasers inside the body: the ads criterion falls and reliability does not rise
    assert rows.at["teased", "criterion_ads"] < rows.at["plain", "criterion_ads"]
    assert scores.at["teased", "reliability"] <= scores.at["plain", "reliability"]
    # an evaluative sentence in the author's voice: news/opinion falls and bias rises
    assert rows.at["charged", "criterion_news_opinion"] < rows.at["plain", "criterion_news_opinion"]
    assert scores.at["charged", "bias"] > scores.at["plain", "bias"]


def test_the_bundled_reliability_reads_the_card_and_no_criterion_lowers_it():
    rows = pd.DataFrame([_card_row(text, title) for title, text in (sample(p) for p in SAMPLE_PREFIXES)])
    assert all("criteria" in json.loads(w) for w in predict_scores(rows)["reliability_why"])
    for c in CRITERIA:
        # each criterion swept from not met to fully met, every other input as measured
        sweep = np.column_stack([predict_scores(rows.assign(**{c: v}))["reliability"] for v in range(0, 101, 20)])
        assert np.all(np.diff(sweep, axis=1) >= 0), c
        if c == "criterion_news_opinion":  # the criterion with the most weight moves every sample
            assert np.all(sweep[:, -1] > sweep[:, 0])


def test_lean_columns_of_the_bundled_lean_model_on_the_samples():
    frame = sample_frame()
    out = predict_scores(frame)
    proba = out[["lean_left", "lean_centre", "lean_right"]].to_numpy()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-3)
    assert out["lean"].between(-100, 100).all()
    np.testing.assert_allclose(out["lean"], 100 * (out["lean_right"] - out["lean_left"]), atol=0.02)
    # the families' points add up to the lean's distance from the average training article's
    base = load_models()["lean"].meta_["base_lean"]
    for lean, why in zip(out["lean"], out["lean_why"]):
        parts = json.loads(why)
        assert set(parts) == {"words", "headline"}
        assert abs(sum(parts.values()) - (lean - base)) <= 0.2
    # without any text the lean cannot be read: missing, not the average article's
    no_text = predict_scores(frame.drop(columns="text"))
    assert no_text["lean"].isna().all() and set(no_text["lean_why"]) == {"{}"}


def test_lean_evidence_slices_the_text_outside_quotations():
    rows, docs, texts = [], [], []
    for p in SAMPLE_PREFIXES:
        title, text = sample(p)
        a = analyze(text, title)
        rows.append({**a.features, **assess(a, title, None).values(), "text": a.read, "title": title})
        docs.append(a.doc)
        texts.append(text)
    out = predict_scores(pd.DataFrame(rows), docs=docs)
    assert "lean_spans" in out and "lean_spans" not in predict_scores(pd.DataFrame(rows)).columns
    assert sum(len(s) for s in out["lean_spans"]) > 0
    for text, doc, spans in zip(texts, docs, out["lean_spans"]):
        quotes = [(q.start, q.end) for q in doc.quotes]
        for s in spans:
            assert s.kind == "lean" and s.label in ("left", "right") and s.voice == "author"
            assert text[s.start:s.end].strip() == text[s.start:s.end] and text[s.start:s.end]
            assert not any(a < s.end and s.start < b for a, b in quotes)
            assert (s.score > 0) == (s.label == "right")
    with pytest.raises(ValueError, match="docs"):
        predict_scores(pd.DataFrame(rows), docs=docs[:2])


def test_why_json_gives_each_rows_points_to_one_decimal():
    from scoring.model.scores import _why_json

    why = pd.DataFrame({"wording": [1.25, -0.04, np.float64(12.349)], "style": [0, 3, -2]}, index=[7, 3, 5])
    assert _why_json(why) == ['{"wording":1.2,"style":0.0}', '{"wording":-0.0,"style":3.0}',
                              '{"wording":12.3,"style":-2.0}']
