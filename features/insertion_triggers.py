"""Which of many substrings occur in a line, found in one regex scan.

The promotion rules of ``features.insertion_rules`` are tried only on lines holding one of
their trigger strings. Testing some 150 triggers one by one with ``in`` costs more than all
the rules' regexes on most lines; one regex over all of them lets the engine skip in C to the
places where a trigger can start. The regex is the triggers' trie (``_trie_pattern``): at each
character one branch per distinct next character, so a position costs a few character tests
rather than one per trigger sharing its first letter.
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
        words = sorted({t for t, _ in pairs}, key=len, reverse=True)
        self._rx = re.compile(_trie_pattern(words)) if words else None
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


def _trie_pattern(words: list[str]) -> str:
    """A regex matching, at a position, the longest of ``words`` that starts there: the words'
    trie, each node an alternation of its children (distinct first characters, so at most one
    can match) and a node that ends a word optional after it (greedy: the longer word first)."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}  # the end of a word

    def pattern(node: dict[str, dict]) -> str:
        alts = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" not in node:
            return body
        return (body if len(alts) > 1 else "(?:" + body + ")") + "?"

    return pattern(trie)
