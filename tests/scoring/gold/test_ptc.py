"""The PTC loader and the SemEval-2020 Task 11 span scores, on a two-article fixture in its format."""
from __future__ import annotations

from pathlib import Path

import pytest

from scoring.gold.ptc import load_ptc, rate_spearman, span_prf

TEXT = "The radical plan was a disaster for everyone.\nOfficials said little.\n"


def _fixture(root: Path) -> Path:
    arts = root / "data" / "gold" / "ptc_train" / "articles"
    arts.mkdir(parents=True)
    (arts / "article111.txt").write_text(TEXT, encoding="utf-8")
    (arts / "article222.txt").write_text("Nothing loaded here.\n", encoding="utf-8")
    # the gold "disaster " ends in a space, stripped on load; Doubt spans are another technique
    (arts.parent / "train-task2-TC.labels").write_text(
        "111\tLoaded_Language\t4\t11\n111\tLoaded_Language\t23\t32\n111\tDoubt\t46\t68\n", encoding="utf-8")
    return root


def test_load_ptc_reads_loaded_language_spans_stripped_of_trailing_space(tmp_path: Path) -> None:
    arts = load_ptc(_fixture(tmp_path))
    assert [a for a, _, _ in arts] == ["111", "222"]
    aid, text, spans = arts[0]
    assert [text[s:e] for s, e in spans] == ["radical", "disaster"]
    assert arts[1][2] == []


def test_span_prf_gives_partial_credit_for_partial_overlap() -> None:
    gold = [[(4, 11), (23, 31)]]  # "radical", "disaster"
    exact = span_prf(gold, gold)
    assert exact["precision"] == exact["recall"] == exact["f1"] == 1.0
    # "radical plan" (12 chars) holds all 7 gold chars: precision 7/12, recall of that gold span 1
    half = span_prf([[(4, 16)]], gold)
    assert half["precision"] == pytest.approx(7 / 12)
    assert half["recall"] == pytest.approx(0.5)
    assert span_prf([[]], gold)["f1"] == 0.0


def test_rate_spearman_follows_the_ranking_of_rates() -> None:
    gold = [[(0, 1)] * k for k in (1, 2, 3, 4)]
    words = [100, 100, 100, 100]
    assert rate_spearman(gold, gold, words) == pytest.approx(1.0)
    assert rate_spearman(list(reversed(gold)), gold, words) == pytest.approx(-1.0)
