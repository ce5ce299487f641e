"""The per-chunk work every engine shares: rows in input order with every
feature, spans that slice the text, failures listed instead of dropped."""
import json

import pandas as pd

from features import FEATURE_NAMES
from features.criteria import CRITERIA
from scoring.io.records import Article, BadRow
from scoring.io.output import META_COLUMNS, encode_records
from scoring.run import chunks
from scoring.model.scores import SCORE_COLUMNS, predict_scores
from scoring.run.chunks import Batch, ChunkResult, in_input_order, output_columns, score_chunk

from .conftest import SAMPLES


def article(path, line: int) -> Article:
    title, text = path.read_text(encoding="utf-8").split("\n", 1)
    return Article(id=path.stem, text=text, title=title.strip(), outlet=None, domain=None, url=None, date=None,
                   date_status="missing", file=str(path), line=line)


def test_rows_in_order_and_spans_slice_the_text():
    arts = [article(p, 1) for p in SAMPLES[:3]]
    result = score_chunk(arts)
    assert result.frame["id"].tolist() == [a.id for a in arts]
    assert list(result.frame.columns) == output_columns(False) == [*META_COLUMNS, *FEATURE_NAMES, *CRITERIA, "criteria_why"]
    why = json.loads(result.frame["criteria_why"].iloc[1])
    assert set(why) == {c.removeprefix("criterion_") for c in CRITERIA}
    assert why["ads"]["score"] == result.frame["criterion_ads"].iloc[1] < 100  # sample 001's READ ALSO lines
    texts = {a.id: a.text for a in arts}
    assert result.spans and not result.errors
    for s in result.spans:
        assert texts[s["id"]][s["start"]:s["end"]] == s["text"]
    assert score_chunk(arts, with_spans=False).spans == []


def test_scored_rows_carry_the_lean_and_its_spans_follow_each_articles_own():
    arts = [article(p, i) for i, p in enumerate(SAMPLES[:3], 1)]
    plain = score_chunk(arts)
    result = score_chunk(arts, predict=predict_scores)
    assert list(result.frame.columns) == output_columns(True)
    assert result.frame["lean"].between(-100, 100).all()
    lean = [s for s in result.spans if s["kind"] == "lean"]
    # the extractors' spans are unchanged, each article's lean spans come after its own
    assert [s for s in result.spans if s["kind"] != "lean"] == plain.spans and lean
    assert [s["id"] for s in result.spans] == sorted((s["id"] for s in result.spans), key=[a.id for a in arts].index)
    texts = {a.id: a.text for a in arts}
    for s in lean:
        assert texts[s["id"]][s["start"]:s["end"]] == s["text"] and s["label"] in ("left", "right")
    assert score_chunk(arts, predict=predict_scores, with_spans=False).spans == []


def test_the_model_reads_the_same_from_the_held_view_as_from_the_whole_segmentation():
    from features import analyze
    from scoring.model.lean import author_voice

    arts = [article(p, i) for i, p in enumerate(SAMPLES, 1)]
    analyses = [analyze(a.text, a.title) for a in arts]
    full = [a.doc for a in analyses]
    views = [chunks.model_view(d) for d in full]
    assert all(v.tokens == [] and v.words == [] for v in views)  # the token lists are not held
    assert [v.quotes for v in views] == [d.quotes for d in full] and any(v.quotes for v in views)
    texts = [a.read for a in analyses]
    inputs = pd.DataFrame([a.features for a in analyses]).assign(
        **{c: [score_chunk([art]).frame[c].iloc[0] for art in arts] for c in CRITERIA},
        text=texts, title=[a.title for a in arts], url=None,
        author_text=[author_voice(t, d) for t, d in zip(texts, full)])
    assert [author_voice(t, v) for t, v in zip(texts, views)] == inputs["author_text"].tolist()
    by_full, by_view = predict_scores(inputs, docs=full), predict_scores(inputs, docs=views)
    pd.testing.assert_frame_equal(by_full.drop(columns="lean_spans"), by_view.drop(columns="lean_spans"))
    assert by_full["lean_spans"].tolist() == by_view["lean_spans"].tolist()
    assert sum(map(len, by_view["lean_spans"])) > 0


def test_spans_as_lines_are_the_records_encoded():
    arts = [article(p, i) for i, p in enumerate(SAMPLES[:2], 1)]
    records, encoded = score_chunk(arts), score_chunk(arts, spans_as_lines=True)
    assert encoded.spans == [] and records.span_lines == "" and len(records.spans) > 10
    assert encoded.span_lines == encode_records(records.spans)
    assert [json.loads(x) for x in encoded.span_lines.splitlines()] == records.spans
    pd.testing.assert_frame_equal(encoded.frame, records.frame)


def test_predict_reads_features_criteria_text_title_and_url():
    seen = {}

    def predict(features, model_paths=None, docs=None):
        seen.update(columns=list(features.columns), paths=model_paths, docs=len(docs))
        return pd.DataFrame({c: [1.0] * len(features) for c in SCORE_COLUMNS}, index=features.index)

    result = score_chunk([article(SAMPLES[0], 1)], predict=predict, model_paths=("m.skops",))
    assert seen == {"columns": [*FEATURE_NAMES, *CRITERIA, "text", "title", "url", "author_text"], "paths": ["m.skops"],
                    "docs": 1}
    assert list(result.frame.columns) == output_columns(True)


def test_an_analysis_that_fails_becomes_an_error(monkeypatch):
    def analyze(text, title=None):
        if "ceasefire" in text:
            raise ValueError("odd text")
        return real(text, title)

    real = chunks.analyze
    monkeypatch.setattr(chunks, "analyze", analyze)
    arts = [article(p, i) for i, p in enumerate(SAMPLES, 1)]
    result = score_chunk(arts)
    failed = [a.id for a in arts if "ceasefire" in a.text]
    assert failed and [e.id for e in result.errors] == failed
    assert all(e.reason == "analysis failed: ValueError: odd text" for e in result.errors)
    assert result.frame["id"].tolist() == [a.id for a in arts if a.id not in failed]


def test_rejects_keep_their_place_in_the_input():
    arts = [article(p, i) for i, p in enumerate(SAMPLES[:3], 1)]
    early = BadRow("x.jsonl", 0, "no text")
    batch = Batch([early, *arts])
    failed = BadRow(arts[1].file, arts[1].line, "analysis failed", arts[1].id)
    result = ChunkResult(pd.DataFrame(), errors=[failed])
    assert in_input_order(batch, result) == [early, failed]
    assert batch.articles == arts
