"""Story paragraphs to set lines among, and the labels the line rules give, shared by the
tests of the insertion line rules and of the whole finder."""
from __future__ import annotations

from features.insertion_rules import rule_labels, split_lines
from features.insertions import find_insertions

BODY = ("The Senate voted 52 to 48 on Tuesday to confirm the nominee after a long and bitter debate. "
        "Democrats had argued that her record on voting rights disqualified her from the bench.")
BODY2 = ("Democrats said the vote showed the majority was willing to ignore the concerns of civil rights "
         "groups, while Republicans praised her experience as a trial judge.")
LATER = ("The vote came after weeks of hearings in which the nominee declined to say how she would rule "
         "on cases involving the administration, citing the rules of judicial conduct.")


def marked_lines(text: str, title: str | None = None) -> list[tuple[str, str]]:
    """(line, label) for each line of ``text`` that a rule marks, in order."""
    lines = split_lines(text)
    return [(ln.text, lab) for ln, lab in zip(lines, rule_labels(lines, title)) if lab]


def flagged_lines(text: str, title: str | None = None) -> dict[str, str]:
    """The marked lines of ``text`` and their labels."""
    return dict(marked_lines(text, title))


def marked_spans(text: str) -> dict[str, str]:
    """The text of each insertion ``find_insertions`` marks in ``text`` and its label."""
    return {text[s.start:s.end]: s.label for s in find_insertions(text)}
