"""The one-scan trigger search of the promotion rules, against testing each trigger with ``in``
on real lines: the sample articles and, when ../shared is present, AllSides articles."""
from __future__ import annotations

from pathlib import Path

import pytest

from features.insertion_rules import _promo_triggers, split_lines
from features.insertion_triggers import TriggerSet
from tests.samples import SAMPLES

ALLSIDES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "allsides" / "articles.parquet"


def _plain(pairs: tuple[tuple[str, int], ...], low: str) -> set[int]:
    return {g for t, g in pairs if t in low}


def _sample_lines() -> list[str]:
    return [ln.text.lower() for p in sorted(SAMPLES.glob("*.txt")) for ln in split_lines(p.read_text(encoding="utf-8"))]


def test_overlapping_and_nested_triggers_are_all_found():
    pairs = (("sign up", 0), ("sign up to", 1), ("up to", 2), ("?", 3), ("[ad", 4), (".com", 5), ("tip", 6))
    found = TriggerSet(pairs)
    # "sign up to" holds "sign up" at the same position and "up to" inside it
    assert found.groups_in("please sign up now") == {0}
    assert found.groups_in("a backup today") == {2}  # inside words, as with ``in``
    assert found.groups_in("sign up to our list") == {0, 1, 2}
    # regex metacharacters are literal text, and a trigger inside a word still counts (as with ``in``)
    assert found.groups_in("what now? see example.com [ad] multiple") == {3, 4, 5, 6}
    assert found.groups_in("nothing here") == set()
    assert TriggerSet([]).groups_in("anything") == set()


def test_promotion_triggers_on_the_sample_lines_match_plain_substring_tests():
    pairs = _promo_triggers()
    found = TriggerSet(pairs)
    lines = _sample_lines()
    assert len(lines) > 50
    assert [found.groups_in(s) for s in lines] == [_plain(pairs, s) for s in lines]
    # the samples carry promotion lines, so the comparison covers lines with triggers too
    assert sum(bool(_plain(pairs, s)) for s in lines) >= 5


def test_promotion_triggers_on_allsides_lines_match_plain_substring_tests():
    if not ALLSIDES.exists():
        pytest.skip("../shared/data/allsides/articles.parquet not available")
    pd = pytest.importorskip("pandas")
    texts = pd.read_parquet(ALLSIDES, columns=["content_original"])["content_original"].dropna().head(300)
    lines = [ln.text.lower() for t in texts for ln in split_lines(t)]
    pairs = _promo_triggers()
    found = TriggerSet(pairs)
    assert len(lines) > 3000
    assert [found.groups_in(s) for s in lines] == [_plain(pairs, s) for s in lines]
