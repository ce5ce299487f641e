"""A site's notes to readers told by their form: a column's description of itself at the page's edge
("A Grain of Saul is a weekly column that digs into ..."), an archive's notice on reuse ("This archived
news story is available only for your personal, non-commercial use. ..."), and a closing status sentence
run onto the story's last words ("... at this time. Further coverage to come as information arrives.").
A note run into a story's paragraph is marked as its own sentences only: the words before it are the
story's.
"""
from __future__ import annotations

import re

from .insertion_rules import Line, is_tweet_signature

__all__ = ["column_note", "note_labels", "note_tails"]

# Lines from either edge of the page where a column describes itself.
_EDGE = 3
# "A Grain of Saul is a weekly column that digs into ...", "Ask Amy is a daily advice column by ...": the
# column's name, its rhythm and what it is, then what it does. A story says "Smith writes a weekly column"
# or "the paper's weekly column"; the column naming itself as the subject is the site's blurb.
_COLUMN_RE = re.compile(
    r"^(?:[A-Z][\w'’&.-]*\s+){0,2}(?:(?:of|the|a|in|on|for|and)\s+|[A-Z][\w'’&.-]*\s+){0,4}[A-Z][\w'’&.-]*\s+"
    r"is\s+an?\s+(?:(?:weekly|monthly|daily|biweekly|bi-weekly|fortnightly|regular|recurring|occasional|twice-monthly"
    r"|twice-weekly|new)\s+)(?:[\w-]+\s+){0,2}?(?:column|series|feature|newsletter|podcast|segment)\s+"
    r"(?:that|which|in\s+which|where|by|from|about|on|exploring|examining|looking|digging|answering|featuring)\b")
# "This archived news story is available only for your personal, non-commercial use.": the notice opens
# with the text naming itself and its terms of use; the notice's next sentences go on about the story's
# archived form.
_ARCHIVE_RE = re.compile(
    r"^This\s+(?:archived\s+)?(?:news\s+)?(?:story|article|content|material|report)\s+is\s+(?:available|provided)\s+"
    r"(?:only\s+)?for\s+(?:your\s+)?personal,?\s+non-?commercial\s+use\b")
# A status note closing a paragraph: "Further coverage to come as information arrives.", "More details to
# follow.", "This story is developing and will be updated.", "Check back for updates." Only the sentence.
_STATUS_TAIL = re.compile(
    r"(?<=[.!?])[\"”’')]*\s+((?:(?:Further|More)\s+(?:coverage|details|updates|information)\s+(?:to\s+(?:come|follow)"
    r"|will\s+(?:follow|be\s+(?:added|posted)))"
    r"|This\s+(?:story|article|post|report)\s+(?:is\s+developing|will\s+be\s+updated|(?:is|will\s+be)\s+updated\s+as)"
    r"|Check\s+back\s+(?:later\s+)?for\s+(?:updates|more))[^.!?\n]{0,60}[.!]?)\s*$")


def column_note(text: str, index: int, n_lines: int) -> bool:
    """A column's blurb about itself ("A Grain of Saul is a weekly column that digs into ...") among the
    page's first or last lines."""
    return (index < _EDGE or index >= n_lines - _EDGE) and " is a" in text and _COLUMN_RE.match(text) is not None


def note_labels(lines: list[Line], labels: list[str | None]) -> None:
    """Label "editor_note" an unlabelled line that is a column's blurb at the page's edge or opens with an
    archive's notice on personal, non-commercial use."""
    n = len(lines)
    for i, ln in enumerate(lines):
        if labels[i] is None and (column_note(ln.text, i, n) or _ARCHIVE_RE.match(ln.text)):
            labels[i] = "editor_note"


#: Words one of which ``_STATUS_TAIL`` needs; testing them first skips the search on nearly every line.
_STATUS_WORDS = ("coverage", "details", "updates", "information", "developing", "updated", "Check")


def _may_be_status(t: str) -> bool:
    """``t`` holds one of the opening words ``_STATUS_TAIL`` needs ("More", "Further", "This", "Check"; a few
    substring tests, cheaper than the loop over ``_STATUS_WORDS``) and one of those words."""
    return ("More" in t or "Further" in t or "This" in t or "Check" in t) and any(w in t for w in _STATUS_WORDS)


def note_tails(lines: list[Line], labels: list[str | None]) -> list[tuple[int, int, int]]:
    """(line index, start, end) of a status note closing an unlabelled line after the story's own
    sentence(s), the offsets within the line: the note's sentence only."""
    out = []
    for i, ln in enumerate(lines):
        if labels[i] is None and _may_be_status(ln.text) and (m := _STATUS_TAIL.search(ln.text)):
            if i + 1 < len(lines) and is_tweet_signature(lines[i + 1].text):
                continue  # an embedded tweet's own words ("... More details to follow." — Police (@x) ...)
            out.append((i, m.start(1), m.end(1)))
    return out
