"""Page navigation furniture told by its form: the widgets a page's template puts beside the story.

Each rule reads a shape no story sentence has: a blog's recent-comments widget (a run of
'Name: "first words of the comment ..."' lines, each cut off by the widget), a month calendar
("August 2018 M T W T F S S « Jul 1 2 3 ..."), a download's size ("2 pages, 94 KB"), a vote count
under an answer ("19 people found this useful"), a player's play-button instruction, a warning about
the video below, a lead-in to a document embedded below it, a share box's embed code, a wire story's closing
slug ("KRE/AMB END LUPFER"), a broken embed's "404" error page run into a paragraph, and a button's label run into the caption or headline beside it ("Buy Photo",
"Open this photo in gallery", from ``insertion_widgets_v1.txt``). A one-word line that could be a
crosshead ("Culture", "About") is left alone: its form cannot tell it from the story's own heading.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .base import Span
from .insertion_captions import MONTH_NAMES
from .insertion_rules import Line
from .lexicons import lexicon_lines

__all__ = ["nav_labels", "widget_spans"]

# One entry of a recent-comments widget: the commenter's name, a colon, and the comment's first words
# in quotation marks cut off by an ellipsis ('LeftCoast Dawg: "What is said at Bruce Ohr's behind ..."').
_COMMENT = re.compile(r"^[^\"“”\n]{1,120}?:\s*[\"“][^\n]{3,120}?\s(?:\.\.\.|…)\s*[\"”]$")
#: Entries in a row for a widget: a story quoting two people's cut-off words is not one.
_COMMENT_RUN = 3
# A month calendar's head and weekday initials, the days following.
_CALENDAR = re.compile(rf"^{MONTH_NAMES}\s+\d{{4}}\s+(?:M\s+T\s+W\s+T\s+F\s+S\s+S|S\s+M\s+T\s+W\s+T\s+F\s+S)\b")
# A download link's size line ("2 pages, 94 KB", "PDF, 1.2 MB").
_FILE_SIZE = re.compile(r"^(?:(?:PDF|DOCX?|PPTX?|XLSX?)\s*[,·|-]?\s*)?(?:\d+\s+pages?\s*[,·|]\s*)?\d+(?:\.\d+)?\s?(?:[KMG]B|kB)\)?$")
_FILE_PAGES = re.compile(r"^\d+\s+pages?\s*[,·|]")
# A Q&A site's vote count under an answer.
_FOUND_USEFUL = re.compile(r"^(?:\d[\d,]*\s+(?:of|out\s+of)\s+)?\d[\d,]*\s+(?:people|persons|users|readers)\s+found\s+this\s+"
                           r"(?:useful|helpful)\.?$")
# A player's own instruction: "Click the play button above to listen to this story."
_PLAY = re.compile(r"^(?:Click|Press|Tap|Hit)\s+(?:the\s+)?(?:play|►|▶)\s+(?:button|icon|arrow)?\s*(?:above|below|on\s+the\s+\w+)?"
                   r"\s*to\s+(?:listen|hear|watch|view|play)\b[^.!?\n]{0,60}[.!]")
# A warning about the media the text lost: "(Warning: Viewers may find the video below upsetting.)".
_WARNING = re.compile(r"^[(\[]?(?:Warning|WARNING|Caution|CAUTION|Viewer\s+discretion)\s*:?[^()\[\]\n]{0,80}?\b(?:video|footage|images?|clip|"
                      r"photos?)\s+(?:below|above)\b[^()\[\]\n]{0,60}?[.!]?[)\]]?$")
# A share box's embed code: "Embed <iframe width=...", the markup escaped or not.
_EMBED = re.compile(r"^(?:Embed(?:\s+code)?\s*:?\s*)?(?:<|&lt;)iframe\b")
# A wire story's closing slug: the editors' initials and the writer's name after END ("KRE/AMB END LUPFER").
_WIRE_END = re.compile(r"^[A-Z]{2,4}(?:/[A-Z]{2,4})+\s+END\s+[A-Z]{2,20}$")
# A lead-in to a document embedded below it ("Read FDA’s draft guidance on cannabis research below:"): the
# embed's own line must follow, already marked, or the text it points at may be the story's.
_READ_BELOW = re.compile(r"^(?:Read|See|View)\b[^.!?\n]{3,80}\s(?:below|here)\s*:$")
# A broken embed's error page run into the paragraph around it ("404 File not found this page does not exist.
# please check your URL or return to homepage"): the code, "not found" and a word of the page's address all needed,
# so that a story on a "404 error" is left alone.
_ERROR_PAGE = re.compile(r"\b(?:Error\s+)?404\b[^.\n]{0,30}?\bnot\s+found\b[^\n]{0,40}?\b(?:this\s+page|URL)\b[^\n]{0,60}?"
                         r"\b(?:homepage|home\s+page|URL)\b(?:\s+or\s+(?:return|go)(?:\s+back)?\s+to\s+(?:the\s+)?home\s?page)?\.?",
                         re.I)
_LINE_WORDS = 20


def nav_labels(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """Label, in place, unmarked lines that are a navigation widget by their form."""
    _comment_runs(lines, labels)
    for i, ln in enumerate(lines):
        if sizes[i] > _LINE_WORDS and not _CALENDAR.match(ln.text):
            continue
        t = ln.text
        # a file's size may repeat the line above it, which the repeated-headline rule took for a headline
        if labels[i] == "headline_repeat" and _FILE_PAGES.match(t) and _FILE_SIZE.match(t):
            labels[i] = "navigation"
        if labels[i] is not None:
            continue
        if (_CALENDAR.match(t) or _FILE_SIZE.match(t) or _FOUND_USEFUL.match(t) or _WARNING.match(t)
                or _WIRE_END.match(t) or ((m := _PLAY.match(t)) is not None and m.end() == len(t))):
            labels[i] = "navigation"
        elif _READ_BELOW.match(t) and i + 1 < len(lines) and labels[i + 1] in _EMBED_LABELS:
            labels[i] = "navigation"
    for i, ln in enumerate(lines):
        if labels[i] is None and _EMBED.match(ln.text):
            labels[i] = "share"


#: Labels of an embed's own line (its caption, its credit, its player's text).
_EMBED_LABELS = frozenset({"caption", "credit", "navigation"})


def _may_be_comment(t: str) -> bool:
    """The marks ``_COMMENT`` needs (a colon, an ellipsis, an opening quotation mark), tested before the pattern."""
    return ":" in t and ("..." in t or "…" in t) and ('"' in t or "“" in t)


def _comment_runs(lines: list[Line], labels: list[str | None]) -> None:
    """Runs of recent-comment entries, at least ``_COMMENT_RUN`` lines in a row."""
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and labels[i] is None and _may_be_comment(lines[i].text) and _COMMENT.match(lines[i].text):
            run.append(i)
            continue
        if len(run) >= _COMMENT_RUN:
            for j in run:
                labels[j] = "navigation"
        run = []


@lru_cache(maxsize=1)
def _widget_res() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """(label opening a line, label closing a line, the closing labels) over the widget lexicon."""
    start, end = [], []
    for ln in lexicon_lines("insertion_widgets_v1.txt"):
        place, label = ln.split("\t")
        start.append(re.escape(label))
        if place == "both":
            end.append(label)
    if not start or not end:
        raise ValueError("insertion_widgets_v1.txt needs 'start' and 'both' entries")
    return (re.compile(rf"^(?:{'|'.join(start)})(?=\s+\S|$)"),
            re.compile(rf"(?<=[\s).”\"’])(?:{'|'.join(map(re.escape, end))})$"), tuple(end))


def widget_spans(lines: list[Line], labels: list[str | None]) -> list[Span]:
    """Spans of a button's label run into an unmarked line, or standing alone, of a play-button
    instruction opening a line and of an error page's message inside one; only those words are marked."""
    head, tail, tail_labels = _widget_res()
    out = []
    for i, ln in enumerate(lines):
        if labels[i] is not None:
            continue
        t = ln.text
        if (m := head.match(t)) or (m := _PLAY.match(t)):
            out.append(Span(ln.start + m.start(), ln.start + m.end(), "insertion", "navigation"))
        if t.endswith(tail_labels) and (m := tail.search(t)) and m.start() > 0:
            out.append(Span(ln.start + m.start(), ln.start + m.end(), "insertion", "navigation"))
        if "404" in t and (m := _ERROR_PAGE.search(t)):
            out.append(Span(ln.start + m.start(), ln.start + m.end(), "insertion", "navigation"))
    return out
