"""Sentences whose only job is to send the reader to another page.

A link pointer names where the text it points at lives and nothing else: "(See here and here for
how that's worked out.)", "Find last year's report on the street medicine team here.", "You can
read our main story with a summary of ... here.", "Responses to common arguments ... are here:
https://...", "— More on this subject by Dr. Joe Kort:". It stands as a line of its own or closes a
story's paragraph, where only that sentence is marked. A story's sentence that ends in "here"
("The senator voted here in 2016.") has a subject and a verb of its own, and a link to a document
the story cites ("You can read the full report here.") is the author's sourcing: only the outlet's
own earlier coverage ("our story", "last year's report", "an earlier post") counts.

"""
from __future__ import annotations

import re

from .base import Span
from .insertion_rules import Line, is_body

__all__ = ["here_pointer_labels", "runin_here_pointers"]

# "See here (and here) for ...", bracketed or not: the verb's object is the link itself.
_SEE_HERE = r"\(?(?:See|Read|Click|Look)\s+(?:here|HERE)(?:\s*(?:,|and)\s*(?:here|HERE))*(?:\s+(?:for|on|about)\b[^()\n]{0,80})?[.!]?\)?"
# The outlet's own earlier coverage, found "here": "Find last year's report on X here.", "You can
# read our main story with a summary of ... here."; the possessive or "earlier" makes it the outlet's.
_OWN = (r"(?:our|my|last\s+(?:year|week|month)['’]s|(?:an?|the|our)\s+(?:earlier|previous|prior|first|original)"
        r"|(?:an?|the)\s+(?:related|companion))")
_OWN_HERE = (rf"(?:You\s+can\s+(?:also\s+)?)?(?:[Rr]ead|[Ff]ind|[Ss]ee|[Cc]heck\s+out)\s+{_OWN}\b[^.!?\n]{{0,100}}?"
             r"\s(?:here|HERE)\s*[.!:]?")
# "Responses to ... are here: https://...": the sentence is the link's label.
_ARE_HERE = r"[A-Z][^.!?\n]{5,140}?\s(?:is|are)\s+(?:available\s+)?here\s*:\s*https?://\S+"
# A title's or an initial's stop inside a name: "Dr.", "Mr.", "J.".
_ABBREV = r"(?<=\s[A-Z][a-z])\.|(?<=\s[A-Z])\."
# "— More on this subject by Dr. Joe Kort:", the links below it lost.
_MORE_ON = rf"[—–-]*\s*More\s+(?:on|about)\s+(?:this|the|that)\s+(?:subject|topic|issue)\b(?:[^.!?\n]|{_ABBREV}){{0,60}}:"
# "Read more about this here.", "(Read more here.)", "Read the full story here": a link to more coverage, bracketed
# or closing a paragraph (a whole line of this form without brackets is insertion_pointers' "here" link).
_MORE_HERE = (r"\(?(?:(?:You\s+can\s+(?:also\s+)?)?(?:[Rr]ead|[Ll]earn|[Ff]ind\s+out|[Ss]ee)\s+more\b[^.!?\n()]{0,70}?"
              r"|Read\s+the\s+(?:full|whole|rest\s+of\s+the|original)\s+(?:article|story|post))\s(?:here|HERE)\s*[.!]?\)?")
_POINTER = re.compile(rf"^(?:{_SEE_HERE}|{_OWN_HERE}|{_ARE_HERE}|{_MORE_ON}|{_MORE_HERE})$")
# A sentence end inside a line, and what follows it.
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+")

_POINTER_WORDS = 40
#: Sentence ends tried, from the line's last, for where a run-in pointer starts.
_TRIED_ENDS = 3


def here_pointer_labels(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """Label, in place, unmarked whole lines that only point at a link ("related")."""
    for i, ln in enumerate(lines):
        if labels[i] is None and sizes[i] <= _POINTER_WORDS and _may_point(ln.text) and _POINTER.match(ln.text):
            labels[i] = "related"


def _may_point(t: str) -> bool:
    """The words one of which every ``_POINTER`` match holds ("here", "HERE", "More"), tested before the
    pattern, whose "... are here:" branch scans a line opening with any capital."""
    return "here" in t or "HERE" in t or "More" in t


def runin_here_pointers(lines: list[Line], labels: list[str | None]) -> list[Span]:
    """Spans of a link pointer that closes an unmarked story paragraph ("... (See here and here for
    how that's worked out.)"); the paragraph before it must read as the story's."""
    out = []
    for i, ln in enumerate(lines):
        t = ln.text
        if labels[i] is not None or ("here" not in t[-130:].lower() and not t.endswith(":")):
            continue
        # the last few sentence ends, latest first: an abbreviation ("Dr. Joe Kort:") may stand inside the pointer
        for m in list(_SENTENCE_END.finditer(t))[:-_TRIED_ENDS - 1:-1]:
            tail = t[m.end():]
            if len(tail.split()) > _POINTER_WORDS:
                break
            if _POINTER.match(tail):
                if is_body(t[:m.end()].rstrip()):
                    out.append(Span(ln.start + m.end(), ln.end, "insertion", "related"))
                break
    return out

