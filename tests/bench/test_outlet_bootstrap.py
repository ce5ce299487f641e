"""The outlet bootstrap rebuilds the corpus figures from per-article counts and resamples outlets."""
from __future__ import annotations

import pytest

from bench.evals.outlet_bootstrap import FIGURES, doc_counts, figures, outlet_intervals
from features.base import Span
from scoring.gold.realnews import GoldDoc
from scoring.gold.realnews import evaluate as score_spans

KINDS = frozenset({"insertion", "hedge", "attribution", "source"})
TEXT = ("Getty Images\n"
        "The minister said the plan may fail, officials told reporters.\n"
        "READ MORE: Ten ways to save\n"
        "Critics could not agree.")


def _doc(i: int, outlet: str) -> GoldDoc:
    credit = Span(0, 12, "insertion", "credit")
    teaser = Span(TEXT.index("READ"), TEXT.index("save") + 4, "insertion", "related")
    said = TEXT.index("said")
    gold = (credit, teaser, Span(13, 25, "source", "named"), Span(said, said + 4, "attribution"),
            Span(TEXT.index("may"), TEXT.index("may") + 3, "hedge"))
    return GoldDoc(f"d{i}", outlet, "test", None, TEXT, gold, KINDS)


def _predicted(docs: list[GoldDoc], good: set[str]) -> dict[str, list[Span]]:
    """Articles in ``good`` get their gold back; the others a miss and a false highlight."""
    out = {}
    for d in docs:
        if d.id in good:
            out[d.id] = list(d.spans)
        else:
            could = TEXT.index("could")
            out[d.id] = [Span(0, 12, "insertion", "credit"), Span(could, could + 5, "hedge"),
                         Span(TEXT.index("Critics"), TEXT.index("Critics") + 7, "insertion", "caption")]
    return out


def test_counts_summed_over_articles_give_the_corpus_figures():
    docs = [_doc(i, f"o{i % 3}") for i in range(6)]
    predicted = _predicted(docs, {"d0", "d2", "d3"})
    whole = score_spans(docs, predicted)
    totals: dict[str, float] = {}
    for d in docs:
        for k, v in doc_counts(d, predicted).items():
            totals[k] = totals.get(k, 0) + v
    rebuilt = figures(totals)
    assert rebuilt["insertion_line_recall"] == pytest.approx(whole["insertion_line_recall"])
    assert rebuilt["insertion_char_precision"] == pytest.approx(whole["insertion_char_precision"])
    for name in ("hedge_cue_f1", "hedge_sentence_f1", "attribution_cue_f1", "attribution_source_f1"):
        assert rebuilt[name] == pytest.approx(whole[name])
    assert 0 < whole["insertion_line_recall"] < 1  # the fixture is neither all right nor all wrong


def test_outlets_that_all_score_alike_give_no_spread_and_unlike_ones_do():
    docs = [_doc(i, f"o{i}") for i in range(8)]
    same = outlet_intervals(docs, _predicted(docs, {d.id for d in docs}), rounds=200)
    assert set(same) == set(FIGURES)
    assert all(low == high == value for value, low, high in same.values())
    mixed = outlet_intervals(docs, _predicted(docs, {"d0", "d1", "d2", "d3"}), rounds=200)
    value, low, high = mixed["insertion_line_recall"]
    assert value == 0.75  # the teaser missed in half the outlets: 12 of 16 lines found
    assert low < value < high


def test_an_outlet_is_drawn_with_all_its_articles():
    """Two articles of one outlet move together: with one outlet per side, a draw holds 0, 2 or 4 good ones."""
    docs = [_doc(0, "good"), _doc(1, "good"), _doc(2, "bad"), _doc(3, "bad")]
    out = outlet_intervals(docs, _predicted(docs, {"d0", "d1"}), rounds=400, seed=3)
    value, low, high = out["insertion_line_recall"]
    assert (low, value, high) == (0.5, 0.75, 1.0)


def test_the_same_seed_draws_the_same_interval():
    docs = [_doc(i, f"o{i % 5}") for i in range(10)]
    predicted = _predicted(docs, {"d1", "d4", "d7"})
    assert outlet_intervals(docs, predicted, rounds=300, seed=7) == outlet_intervals(docs, predicted, rounds=300, seed=7)
