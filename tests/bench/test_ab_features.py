"""bench/ab_features.py: two trees' feature stages side by side in one process, outputs compared."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from bench.ab_features import STAGES, compare, load_features, one_round, prepared, table

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "notebooks" / "data" / "samples").glob("*.txt"))


def _inputs(package):
    return prepared(package, [{"text": p.read_text(encoding="utf-8"), "title": None} for p in SAMPLES[:3]])


def test_a_tree_loaded_under_another_name_gives_the_same_stages_and_outputs():
    this = importlib.import_module("features")
    other = load_features(ROOT, "features_ab_test")
    assert other is not this and other.text.parse is not this.text.parse
    inputs = _inputs(this)
    assert inputs == _inputs(other)
    times = compare({"before": other, "this tree": this}, inputs, rounds=2)
    assert {tag: sorted(t) for tag, t in times.items()} == {tag: sorted(s for s, _, _ in STAGES)
                                                            for tag in ("before", "this tree")}
    assert all(len(v) == 2 and min(v) >= 0 for t in times.values() for v in t.values())
    assert len(table(times, "before", "this tree")) == 2 + len(STAGES)
    # the digest reads what the stages return: the same package, the same digest
    assert one_round(this, inputs)[1] == one_round(other, inputs)[1]


def test_outputs_that_differ_stop_the_comparison(monkeypatch):
    this = importlib.import_module("features")
    other = load_features(ROOT, "features_ab_test")
    hedging = importlib.import_module("features_ab_test.hedging")
    real = hedging.extract_hedging

    def fewer_spans(doc):
        ex = real(doc)
        return type(ex)(ex.features, ex.spans[1:])

    monkeypatch.setattr(hedging, "extract_hedging", fewer_spans)
    with pytest.raises(ValueError, match="outputs differ"):
        compare({"before": other, "this tree": this}, _inputs(this), rounds=1)
