"""The hedge cue lister: right, false and missed cues against a hand-made gold article."""
from __future__ import annotations

from bench.evals.hedge_misses import CueRow, cue_rows, summary
from features.base import Span
from scoring.gold.realnews import GoldDoc

TEXT = ("The senator may resign next week, aides said. Could we share outlooks without belittling each other? "
        "The deal apparently collapsed on Friday.")


def _doc(spans: tuple[Span, ...]) -> GoldDoc:
    return GoldDoc("x1", "example.com", "dev", "", TEXT, spans, frozenset({"hedge"}))


def _gold(word: str) -> Span:
    start = TEXT.index(word)
    return Span(start, start + len(word), "hedge", "epistemic", "author")


def test_rows_sort_right_false_and_missed():
    predicted = [_gold("may"), _gold("Could")]
    rows = cue_rows(_doc((_gold("may"), _gold("apparently"))), predicted)
    assert [(r.status, r.cue) for r in rows] == [("right", "may"), ("false", "Could"), ("missed", "apparently")]
    assert rows[1].sentence == "Could we share outlooks without belittling each other?"


def test_summary_counts_per_cue_most_errors_first():
    rows = [CueRow("right", "may", "author", "a", ""), CueRow("false", "May", "author", "a", ""),
            CueRow("false", "could", "quoted", "b", ""), CueRow("missed", "could", "author", "b", "")]
    assert summary(rows) == [("could", 0, 1, 1), ("may", 1, 1, 0)]


def test_another_kind_is_listed_the_same_way():
    said = TEXT.index("said")
    aides = TEXT.index("aides")
    gold = (Span(said, said + 4, "attribution"), Span(aides, aides + 5, "source"), _gold("may"))
    predicted = [Span(said, said + 4, "attribution"), _gold("may")]
    rows = cue_rows(_doc(gold), predicted, kind="source")
    assert [(r.status, r.cue) for r in rows] == [("missed", "aides")]
    assert rows[0].sentence == "The senator may resign next week, aides said."
    assert [(r.status, r.cue) for r in cue_rows(_doc(gold), predicted, kind="attribution")] == [("right", "said")]
