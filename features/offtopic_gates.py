"""Gates of the off-topic model (``features.offtopic``): where a paragraph's place or its ties to the
text around it show the author put it there, whatever its words share with the rest (the lede, an aside
in parentheses, a paragraph under a crosshead of a sectioned story, an embedded tweet, a connective or a
pointer back at its start, the author's own first person), and the one place where a flag may stand
(the story's last paragraph).
"""
from __future__ import annotations

import re
from typing import Callable

from .insertion_rules import Line, is_tweet_signature

__all__ = ["QUOTE_RE", "cleared", "closes_the_story", "first_person"]

#: A stretch in double quotation marks (unclosed at a paragraph's end too).
QUOTE_RE = re.compile(r"[“\"][^”\"]*[”\"]?")


def _placed_by_author(lines: list[Line], labels: list[str | None], i: int, first: bool, sections: bool) -> bool:
    """True when the paragraph's place shows the author put it there, however little it shares
    with the rest: the lede (``first``); a paragraph in parentheses (an aside); one under a
    crosshead when the story has sections (two or more crossheads: one heading over one paragraph is how a
    pasted teaser looks); an embedded tweet (its "— Name (@handle) date" signature at
    its end or on the next line); a paragraph carrying a site's name hover-cards ("Donald John
    TrumpGOP senators balk ... MORE"), whose teaser headlines drown its own words."""
    t = lines[i].text
    if first or (t.startswith("(") and t.endswith(")")) or _TWEET_END.search(t) or ("MORE" in t and _HOVER_CARD.search(t)):
        return True
    if i + 1 < len(lines) and is_tweet_signature(lines[i + 1].text):
        return True
    if i == 0:
        return False
    prev = lines[i - 1].text
    return sections and labels[i - 1] is None and _is_crosshead(prev)


def _linked_to_story(text: str, author_first_person: bool) -> bool:
    """True when the paragraph leans on the text around it, as a pasted paragraph from another
    story cannot: it opens with a connective ("And", "Finally", "On the other hand") or a word
    that points back ("He", "Their", "That legislation"), or speaks in the first person as the
    author does elsewhere in the article (``author_first_person``)."""
    if _LINK_OPEN.match(text):
        return True
    return author_first_person and first_person(text)


def closes_the_story(i: int, body: list[int]) -> bool:
    """True when the paragraph is the story's last: where sites append a contributor's bio, an
    editorial disclaimer, a membership pitch or a teaser for another story. Low similarity alone
    also fits an on-topic aside anywhere in the body; read on unlabelled text of dev-half outlets,
    the last paragraph was the one place where such flags were mostly inserted text (bench/RESULTS.md,
    issue 18), while a marked neighbouring line or another outlet's typography were not evidence."""
    return i == body[-1]


def cleared(lines: list[Line], labels: list[str | None], body: list[int], i: int) -> bool:
    """True when a gate clears body paragraph ``i`` whatever the model says (``_placed_by_author``,
    ``_linked_to_story``); the whole story's counts only when the paragraph's own test leaves them to decide."""
    text = lines[i].text
    under_crosshead = i > 0 and labels[i - 1] is None and _is_crosshead(lines[i - 1].text)
    sections = under_crosshead and _two_of(_is_crosshead, lines, body)
    if _placed_by_author(lines, labels, i, i == body[0], sections):
        return True
    return _linked_to_story(text, first_person(text) and _two_of(first_person, lines, body))


def _two_of(test: Callable[[str], bool], lines: list[Line], body: list[int]) -> bool:
    """True when ``test`` holds for two or more of the ``body`` lines (the lines after the second are not read)."""
    hits = (j for j in body if test(lines[j].text))
    return next(hits, None) is not None and next(hits, None) is not None


def first_person(text: str) -> bool:
    """The singular first person outside quotation marks: the author's own voice."""
    low = text.lower()
    # a cheap pre-check before the regex: "me" alone ("They told me ...") is the first person too
    return ("I" in text or "my" in low or "me" in low) and _FIRST_PERSON.search(QUOTE_RE.sub(" ", text)) is not None


# After an optional bullet or opening quotation mark.
_LINK_OPEN = re.compile(
    r"[\s•●▪➔*-]*[“\"‘']?(?:(?:And|But|So|Yet|Still|Also|Finally|Meanwhile|Even|Already|However|Instead|Then|"
    r"Perhaps|Indeed|Moreover|Plus|Besides|Otherwise|Thus|Hence|Nor|Or|Again|Likewise|Similarly|Nevertheless|"
    r"Nonetheless|Worse|Better yet|Right)\b[,\s]|(?:On the other hand|In other words|At the same time|By contrast|"
    r"In fact|Of course|As a result|In addition|In turn|Even so|That said|To be sure)\b|"
    r"(?:He|She|They|It|His|Her|Their|Its|Him|Them|This|That|These|Those|Such)\b(?![-’'])"
    r"(?!\s+(?:week|year|month|morning|afternoon|evening|weekend|season)\b))")
# A Roman numeral "I" in a name ("World War I", "Title I funds", "Phase I trial") is not the pronoun.
_FIRST_PERSON = re.compile(
    r"\b(?:(?<!War )(?<!Title )(?<!Phase )(?<!Part )(?<!Class )(?<!Chapter )I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]yself)\b")


def _is_crosshead(line: str) -> bool:
    """A short heading line: a few words, no sentence end."""
    return len(line.split()) <= _CROSSHEAD_WORDS and not _SENTENCE_END.search(line)


_CROSSHEAD_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?:;,…\"”’')\]]$")
_TWEET_END = re.compile(r"[—–-]\s*[^\n]{1,80}\(@\w{1,30}\)\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\s*$")
# A run-together name and teaser headline ("Jeff Lane FlakeRepublicans show ...") closed by "MORE".
_HOVER_CARD = re.compile(r"[a-z][A-Z][a-z][^\n]{0,300}?\bMORE\b")
