"""Lines that turn from the story to its reader: a question asking the reader's opinion ("What do you think?",
"Do you think she is correct about Pence?") and a call to act for a cause ("If you agree, ... sign the
petition to Congress!", "You can donate or sign up to volunteer at redcross.org", "Please help me spread
my message by joining my Liberty Network.").

The rules read a line's form, not one site's wording: second person, a question or an imperative at a
sentence's start, no declarative sentence beside it, no quotation (a question or a call someone voiced is
the story's), and the story above. A page of questions and answers (an interview) sets its questions as
lines of their own: a text with more than ``_MAX_QUESTION_LINES`` question lines is left alone.
"""
from __future__ import annotations

import re

from .base import Span
from .insertion_rules import Line, is_body, story_above, story_below

__all__ = ["reader_call_labels", "runin_reader_question"]

_QUOTE = re.compile(r"[\"“”]")
# A question asking the reader's opinion: "What do you think?", "Do you think she is correct about Pence?",
# "What are your thoughts?". A rhetorical question of the author's ("Would you follow the doctor's advice?",
# "What's $310 billion get you?") asks for no opinion.
_QUESTION = re.compile(r"(?:(?:What|Do|Don['’]t|Would|Did)\b[^.!?\n]{0,40}?\b(?i:you)\s+(?:think|agree|say|feel)\b"
                       r"|(?:What\s+are|What['’]s|What\s+is)\s+your\s+(?:thoughts?|take|opinion|views?)\b)[^.!?\n]{0,120}\?")
# The author's own voice: a question the author asks ("What media bias I ask you?") is the story's.
# A site's own call speaks as "we" ("What do you think? Let us know!"), so only the singular counts.
_FIRST_PERSON = re.compile(r"\b(?:I|me|my)\b")
# A declarative sentence (a full stop ends it): the line then holds more than a question or a call.
_STATEMENT = re.compile(r"[^.!?\n]\.(?:\s|$)")
# A call to act for a cause at a sentence's start, its object the cause: "sign the petition", "donate or
# sign up to volunteer", "help me ... by joining my network", "Join the surging response". The verb is an
# imperative, or a gerund only after "help us/me ... by": a sentence opening with a gerund ("Joining the
# campaign in 2015, she ...") narrates.
_ASK = re.compile(
    r"(?:^|[.!?]\s+)(?:If\s+you\b[^.!?\n]{0,80},\s*)?(?:(?:Please|You\s+can)\s+)?"
    r"(?:help\s+(?:us|me)\s+[^.!?\n]{0,40}?\bby\s+(?:sign|donat|volunteer|join|contribut)ing"
    r"|[Ss]ign|[Dd]onate|[Vv]olunteer|[Jj]oin|[Cc]ontribute)\b"
    r"[^.!?\n]{0,60}?\b(?i:petition|volunteer|network|campaign|movement|cause|response|team)\b")
# The same question run into the story's last paragraph, as its last sentence.
_LAST_QUESTION = re.compile(r"(?<=[.!?])[\"”’')]*\s+((?:What|Do|Don['’]t|Would|Did)\b[^.!?\n]*\?)\s*$")

_CALL_WORDS = 30
#: A bare question to the reader this short ("What do you think?") stands anywhere under the story.
_BARE_QUESTION_WORDS = 6
_MAX_QUESTION_LINES = 3


def _question_lines(lines: list[Line]) -> int:
    return sum(1 for ln in lines if ln.text.rstrip().endswith("?"))


def _at_foot(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """No story paragraph stands below line ``i`` (more questions to the reader may)."""
    return not story_below(lines, labels, i, lambda t: t.rstrip().endswith("?"))


def reader_call_labels(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """Label, in place, unmarked lines that ask the reader's opinion (``navigation``: a bare question,
    one at the story's foot, or one with a call after it: "What do YOU think? ... Sound off in today's
    poll!"; no statement beside it) or call the reader to act for a cause (``promo``), under the
    story. A longer question between the story's paragraphs, or one in the first person, is the
    author's."""
    interview = None
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if labels[i] is not None or sizes[i] > _CALL_WORDS or not t or _QUOTE.search(t):
            continue
        if _QUESTION.match(t) and t[-1] in "?!" and not _STATEMENT.search(t):
            if interview is None:
                interview = _question_lines(lines) > _MAX_QUESTION_LINES
            if (not interview and not _FIRST_PERSON.search(t) and story_above(lines, labels, i)
                    and (t[-1] == "!" or sizes[i] <= _BARE_QUESTION_WORDS or _at_foot(lines, labels, i))):
                labels[i] = "navigation"
        elif _may_ask(t) and _ASK.search(t) and story_above(lines, labels, i):
            labels[i] = "promo"


def _may_ask(t: str) -> bool:
    """The verbs one of which ``_ASK`` needs (sign, donate, volunteer, join, contribute; their case-free part),
    tested before the pattern, which, opening on "^" or a sentence end, is tried at every position."""
    return "ign" in t or "onat" in t or "olunteer" in t or "oin" in t or "ontribut" in t


def runin_reader_question(lines: list[Line], labels: list[str | None]) -> list[Span]:
    """The span of a question to the reader that closes the story's last paragraph ("... Do you
    think she is correct about Pence?"): only that sentence."""
    last = next((i for i in range(len(lines) - 1, -1, -1) if labels[i] is None and is_body(lines[i].text)), None)
    if last is None or not lines[last].text.rstrip().endswith("?"):
        return []
    m = _LAST_QUESTION.search(lines[last].text)
    if m is None or not _QUESTION.match(m.group(1)) or _QUOTE.search(m.group(1)) or _FIRST_PERSON.search(m.group(1)):
        return []
    if _question_lines(lines) > _MAX_QUESTION_LINES or not story_above(lines, labels, last):
        return []
    return [Span(lines[last].start + m.start(1), lines[last].start + m.end(1), "insertion", "navigation")]
