"""The real-news gold format (ids, offsets, digests) and the METRICS.md scores over it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from features.base import Span
from scoring.gold.realnews import (
    SAMPLES_DIR, evaluate, load_corpus, read_texts, score_hedged_sentences, score_insertions, score_overlap, text_digest,
)

STEM = "001_c812bf1addc28d7f"


def _gold(tmp_path: Path, digest: str | None = None) -> Path:
    title, text = read_texts([f"sample:{STEM}"])[f"sample:{STEM}"]
    start = text.index("READ ALSO")
    end = text.index("\n", start)
    row = {"id": f"sample:{STEM}", "outlet": "example.com", "split": "samples",
           "digest": digest or text_digest(text), "kinds": ["insertion"],
           "spans": [{"start": start, "end": end, "kind": "insertion", "label": "related"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_load_corpus_reads_the_sample_and_its_spans(tmp_path: Path) -> None:
    (doc,) = load_corpus(_gold(tmp_path))
    assert doc.title and doc.text.startswith((SAMPLES_DIR / f"{STEM}.txt").read_text(encoding="utf-8").partition("\n")[2][:40])
    (span,) = doc.spans
    assert doc.text[span.start:span.end].startswith("READ ALSO")
    assert doc.kinds == {"insertion"} and span.voice == "author"


def test_load_corpus_refuses_a_text_that_changed(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="differs from the annotated one"):
        load_corpus(_gold(tmp_path, digest="0" * 16))


def test_score_overlap_counts_each_side() -> None:
    gold = [Span(0, 5, "hedge"), Span(20, 25, "hedge")]
    pred = [Span(3, 8, "hedge"), Span(40, 45, "hedge"), Span(41, 44, "hedge")]
    got = score_overlap([(pred, gold)])
    assert got["precision"] == pytest.approx(1 / 3) and got["recall"] == 0.5


def test_score_insertions_needs_half_a_line_and_leaves_edge_labels_out() -> None:
    gold = [Span(0, 100, "insertion", "related"), Span(200, 220, "insertion", "byline")]
    half = score_insertions([([Span(0, 50, "insertion", "related")], gold)])
    assert half["line_recall"] == 1.0 and half["char_precision"] == 1.0 and half["n_gold"] == 1.0
    short = score_insertions([([Span(0, 49, "insertion", "related"), Span(300, 351, "insertion", "promo")], gold)])
    assert short["line_recall"] == 0.0
    assert short["char_precision"] == pytest.approx(49 / 100)


def test_hedged_sentences_and_the_whole_evaluation(tmp_path: Path) -> None:
    (doc,) = load_corpus(_gold(tmp_path))
    predicted = {doc.id: [doc.spans[0]]}
    assert score_hedged_sentences([doc], predicted)["n_gold"] == 0.0
    got = evaluate([doc], predicted)
    assert got["insertion_line_recall"] == 1.0 and got["insertion_char_precision"] == 1.0
    assert got["n_docs"] == 1.0 and got["n_outlets"] == 1.0
    # kinds not annotated in full are not scored: no gold hedges means no hedge figures from this doc
    assert got["hedge_cue_n_gold"] == 0.0
