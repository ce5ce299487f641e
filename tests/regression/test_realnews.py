"""Regression guard: the extractors on the hand-checked real-news corpus do not fall below the
figures committed in ``realnews/baseline.json`` (``python -m bench.evals.realnews --write-baseline``).

The texts of the test half come from ``../shared``; without it those cases skip. The five bundled
samples are annotated too and always run.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from features import analyze
from scoring.model.datasets import shared_dir
from scoring.gold.realnews import evaluate, load_corpus

HERE = Path(__file__).parent / "realnews"
BASELINE = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))
#: Room for a deliberate trade of one or two spans; anything larger is a regression.
TOLERANCE = 0.01


def _figures(split: str) -> dict[str, float]:
    docs = load_corpus(HERE / "gold.jsonl", split=split)
    return evaluate(docs, {d.id: analyze(d.text, d.title).spans for d in docs})


@pytest.mark.parametrize("split", ["samples", "test", "dev"])
def test_extractors_do_not_fall_below_the_committed_figures(split: str) -> None:
    if split != "samples" and not (shared_dir() / "data").is_dir():
        pytest.skip(f"{shared_dir()} not found: the {split} half's texts live there")
    got = _figures(split)
    fallen = {k: (round(got[k], 4), v) for k, v in BASELINE[split].items() if got[k] < v - TOLERANCE}
    assert not fallen, f"{split} half fell below the committed figures (got, committed): {fallen}"


def test_the_halves_share_no_outlet() -> None:
    rows = [json.loads(ln) for ln in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    halves: dict[str, set[str]] = {}
    for r in rows:
        halves.setdefault(r["split"], set()).add(r["outlet"])
    assert not halves["dev"] & halves["test"]
    assert len(halves["dev"] | halves["test"]) >= 40 and sum(r["split"] != "samples" for r in rows) >= 80


def test_gold_spans_are_in_order_and_inside_their_texts() -> None:
    docs = load_corpus(HERE / "gold.jsonl", split="samples")
    assert len(docs) == 5
    for d in docs:
        assert all(0 <= s.start < s.end <= len(d.text) for s in d.spans)
        assert all(d.text[s.start:s.end] == d.text[s.start:s.end].strip() for s in d.spans)
