"""Which of many substrings occur in a line, found in one regex scan.

The promotion rules of ``features.insertion_rules`` are tried only on lines holding one of
their trigger strings. Testing some 150 triggers one by one with ``in`` costs more than all
the rules' regexes on most lines; one regex over all of them, grouped by first character,
lets the engine skip in C to the places where a trigger can start.
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["TriggerSet"]


class TriggerSet:
    """Substrings, each naming a group (a rule's index); ``groups_in`` gives the groups of
    those occurring in a string, the same set as testing each substring with ``in``."""

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        pairs = [(t, g) for t, g in pairs if t]
        # longest first: at one position the alternation then finds the longest trigger there
        words = sorted({t for t, _ in pairs}, key=len, reverse=True)
        by_first: dict[str, list[str]] = {}
        for w in words:
            by_first.setdefault(w[0], []).append(w)
        rx = "|".join(re.escape(c) + "(?:" + "|".join(re.escape(w[1:]) for w in ws) + ")" for c, ws in sorted(by_first.items()))
        self._rx = re.compile(rx) if words else None
        # Two triggers occurring at one position are one and a prefix of it, so the longest one
        # found there stands for the groups of all its prefixes as well.
        self._groups = {w: frozenset(g for t, g in pairs if w.startswith(t)) for w in words}

    def groups_in(self, s: str) -> set[int]:
        """The groups of every trigger that occurs in ``s`` (overlapping occurrences included)."""
        out: set[int] = set()
        if self._rx is None:
            return out
        search = self._rx.search
        m = search(s)
        while m:
            out |= self._groups[m.group()]
            m = search(s, m.start() + 1)
        return out
