"""Marks lost to an old encoding (features.mark_repair)."""
from __future__ import annotations

from features.mark_repair import repair_marks


def test_repair_marks_finds_mangled_marks_at_line_starts_brackets_and_dashes():
    text = "?We will win,? he said.\n(?Never again?) and we?re sure it?s true.\n—?Go? now, asked who?"
    fixed = repair_marks(text)
    assert fixed == "“We will win,” he said.\n(“Never again”) and we’re sure it’s true.\n—“Go” now, asked who?"
    assert len(fixed) == len(text)
    # one sign of damage is not enough: a real question mark before a word stays
    assert repair_marks("Who? Them. (?Maybe)") == "Who? Them. (?Maybe)"
