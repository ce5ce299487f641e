"""Hover cards run into a story's prose: a person's full name and a site's latest headlines about them.

Some sites (The Hill is the common case in scraped US political news) link each politician's name to a card holding
the full legal name and three recent headlines, and a text scrape pastes the card into the sentence:
"President Trump Donald John TrumpFederal judge halts California law ... MORE surprised observers". The card repeats
the name the story used, fuses its last word to the first headline, and closes on "MORE"; only what lies between
the repeated name and "MORE" is the site's, so the story keeps its own words on both sides ("President Trump ...
surprised observers"). Both marks are needed: the repeated, fused name alone occurs in prose ("Smith Jane
SmithJones"), and "MORE" alone is a word of shouted text.
"""
from __future__ import annotations

import re

__all__ = ["CARD_LABEL", "hover_cards"]

#: A site template's list of other stories: page furniture.
CARD_LABEL = "related_list"
# The story's last name (the card may be fused to it), the card's first and middle names (one to four Title-case words,
# an initial, a nickname in brackets or a particle), the
# last name again fused to the first headline (a capital, a digit or a quotation mark right after it, as a rule with no
# space between; "MORE" closing the line is the evidence either way).
_CARD_START_RE = re.compile(
    r"\b(?P<last>[A-Z][a-z][A-Za-z'’-]*) ?(?P<card>(?:(?:\(?[A-Z][a-z][A-Za-z'’.-]*\)?|[A-Z]\.|de|van|von|der|la|le|del"
    r"|da|di|bin|al) ){1,4})(?P=last) ?(?=[A-Z0-9'‘“\"])")
# The card's closing link, within one line of the card's start.
_CARD_END_RE = re.compile(r"[^\n]{10,700}? MORE\b(?![a-z])")


def hover_cards(text: str) -> list[tuple[int, int]]:
    """(start, end) of every hover card run into ``text``: from the card's full name through its "MORE"."""
    if "MORE" not in text:
        return []
    found: list[tuple[int, int]] = []
    for m in _CARD_START_RE.finditer(text):
        # "Joe Biden Joe Biden Parnas: ...": a card that repeats the whole name first matches one word early
        later = _CARD_START_RE.match(text, m.start("card"))
        start = later.start("card") if later else m.start("card")
        if found and start < found[-1][1]:
            continue  # a name inside the previous card's headlines
        end = _CARD_END_RE.match(text, start)
        if end:
            found.append((start, end.end()))
    return found
