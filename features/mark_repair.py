"""Quotation marks and apostrophes that an old encoding turned into ``?``, put back one character
for one, so that offsets found in the repaired text slice the original (``features.pipeline`` reads
every article through it before the extractors)."""
from __future__ import annotations

import re

from .text import split_paragraphs

__all__ = ["repair_marks"]

# Each pattern starts with its "?" and looks behind from there: a pattern that starts with a
# look-behind is tried at every character of the text, one that starts with "?" only at a "?".
_MANGLED_OPEN = re.compile(r"\?(?:(?<=^\?)|(?<=[\s(\[—–-]\?))(?=[^\W_])", re.M)
# "don?t", "Trump?s", "we?ve": an apostrophe, never a question mark
_MANGLED_APOSTROPHE = re.compile(r"\?(?<=[^\W\d_]\?)(?=(?:s|t|re|ve|ll|d|m)\b)")
_MANGLED_CLOSE = re.compile(r"(?<=\S)\?(?=[\s,.;:!?)\]—–-]|$)", re.M)


def repair_marks(text: str) -> str:
    """Undo quotation marks and apostrophes that an old encoding turned into ``?``.

    Only a text that shows the damage twice or more is touched (" ?We will", "don?t"),
    and each repair swaps one character for one, so offsets still slice the input.
    "?word ... word?" pairs become curly quotes, a closing "?" only where a repaired
    opening mark is still open.
    """
    if "?" not in text:
        return text
    apostrophes = _MANGLED_APOSTROPHE.findall(text)
    opens = {m.start() for m in _MANGLED_OPEN.finditer(text)}
    if len(apostrophes) < 2 and len(opens) < 2:
        return text
    chars = list(text)
    if len(apostrophes) >= 2:
        for m in _MANGLED_APOSTROPHE.finditer(text):
            chars[m.start()] = "’"
    if len(opens) < 2:
        return "".join(chars)
    closes = {m.start() for m in _MANGLED_CLOSE.finditer(text)}
    for ps, pe in split_paragraphs(text):
        open_at = None
        for i in range(ps, pe):
            if chars[i] != "?":
                continue
            if i in opens:
                chars[i] = "“"
                open_at = i
            elif open_at is not None and i in closes:
                chars[i] = "”"
                open_at = None
    return "".join(chars)
