"""Lines that point the reader at something the scraped text does not hold: a video or audio
player ("Watch it below."), a link to another page ("More on John Kasich here"), the story's own
update status ("This story is being updated."), a bracketed source credit ("(Source: KWES)"), a
picture's credit given with "via" ("Featured image via Flickr user X"), a pointer to more on the subject
("For more on X, listen to Y."), a note on the text itself at the story's foot ("This piece is also
featured in Axios.");
the newsroom's labelled notes on the story ("Correction, Feb. 24, 2020: ...", "Editor's note:
...", "—Updated at 1:54 p.m.", "Source: State Department") and a bare contact line
("john.doe@example.com").

The rules read a line's form, not one site's wording: a short imperative sentence whose object
sits "below"/"above", or a link to more coverage or to media whose anchor is "here". A player
pointer is also found run into the end of a paragraph, as the paragraph's last sentence; only
that sentence is marked. Applied after the off-topic model, whose paragraph statistics were fitted on bodies that
still held such lines.
"""
from __future__ import annotations

import re

from .base import Span
from .insertion_rules import MONTH_PATTERN, Line, is_body, story_above, story_below

__all__ = ["pointer_labels", "pointer_tails", "runin_pointers"]

# A player the text lost: "Watch it below.", "Listen to the full interview above:", "Video below…",
# "Please enable JavaScript to watch this video", "Watch the video:". "Read it below." and "Check out ... below"
# without a medium are left alone: the text they point at usually follows in the scrape.
_PLAYER = re.compile(
    r"(?:(?:Please\s+)?(?:Watch|Listen\s+to)\b[^.!?\n]{0,60}?\s(?:below|above)"
    r"|(?:The\s+)?(?:[Ff]ull\s+)?(?:Video|Clip|Audio|Footage)\s+below"
    # "Check out" only with a medium named: "Check out the full interview below…"; "Check out the list below" may
    # point at text the scrape holds
    r"|Check\s+out\s+(?:the|this|our|his|her|their)\s+(?:full\s+|entire\s+|whole\s+)?(?:video|interview|clip|footage|trailer"
    r"|performance|segment|episode|podcast)\s+(?:below|above)"
    r"|(?:Watch|View)\s+(?:the|this)\s+(?:full\s+)?(?:video|clip|footage)(?=\s*:$)"
    r"|(?:Please\s+)?[Ee]nable\s+[Jj]ava[Ss]cript\s+to\s+(?:watch|view|play|see)\s+this\s+(?:video|content|media|player))"
    r"\s*(?:\.\.\.|[.:!…])?$")
# A link whose anchor is "here": to more coverage ("Read more about the bill here.", "More on
# John Kasich here") or to media the text lacks ("Listen to the full radio segment here:"). A link
# to a document the story cites ("You can read the full report here.") is the author's sourcing.
_LINK = re.compile(
    r"^(?:(?:Read|See|Find)\s+more|More\s+on|(?:Continuing|Full)\s+coverage"
    r"|(?:Read|See)\s+the\s+(?:full|whole|rest\s+of\s+the|original)\s+(?:article|story|post)"
    r"|(?:You\s+can\s+)?(?:[Ll]isten\s+to|[Ww]atch))\b[^.!?\n]{0,70}\shere\s*[.:!]?$")
# A pointer to more on the subject elsewhere, a line of its own: "Read more from X's archive.", "Learn more
# about how Gallup Daily tracking works.", "To learn more about the study in general, see this project's page
# on ...", "For more on the impact of the coronavirus, listen to What Next.", "For more information about ...,
# visit: http://...". A purpose clause of the story's ("To learn more about the virus, researchers ...") has
# no imperative after its comma.
_MORE = re.compile(
    r"^(?:(?:Learn|Read|Hear|Find\s+out)\s+more\s+(?:about|on|from|in|at)\b"
    r"|(?:To\s+(?:learn|read|hear|find\s+out)\s+more|For\s+more(?:\s+(?:information|info|details))?)\s+(?:about|on)\b"
    r"[^.!?\n]{3,120}?,\s*(?:please\s+)?(?:see|visit|go\s+to|click|read|listen\s+to|watch|check\s+out|head\s+to)\b)")
# The story's update status, a line of its own.
_STATUS = re.compile(
    r"^This\s+(?:story|article|post|report|page)\s+(?:is\s+(?:developing|breaking|being\s+updated)"
    r"|(?:will|may)\s+be\s+updated|has\s+been\s+updated)\b"
    r"|^(?:Further|More)\s+(?:coverage|details|updates)\s+(?:to\s+(?:come|follow)|will\s+follow)\b"
    r"|^Check\s+back\s+(?:later\s+)?for\s+(?:updates|more)\b"
    rf"|^(?:Originally|First)\s+(?:published|posted)\s+(?:on\s+)?(?:{MONTH_PATTERN}\s+\d|\d{{1,2}}/\d)")
# The time of the last update, a line of its own: "—Updated at 1:54 p.m.", "This report was updated on
# Sept. 11 at 2:03 p.m.", "Updated at 8:02 a.m. Friday to clarify ...", "Updated at 9:14 a.m. X contributed.".
# Words other than times and dates after it make a live blog's entry heading ("Updated at 7:18 p.m. ET
# Deaths In India, China", "Updated at 9:58 p.m. -- Ossoff concedes"): not marked.
_WHEN = (rf"(?:\d{{1,2}}(?::\d{{2}})?\s*[ap]\.?\s?m\b\.?|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|{MONTH_PATTERN}\s+\d{{1,2}}\b"
         r"|\d{4}\b|[A-Z][a-z]+day\b|[ECMP][SD]?T\b|GMT\b|at\b|on\b|and\b)")
_UPDATED_AT = re.compile(
    r"^[-—–]*\s*(?:This\s+(?:story|article|post|report|page)\s+(?:was|has\s+been)\s+(?=updated))?(?:[Uu]pdated|UPDATED)"
    rf"(?:[\s,]+{_WHEN})+[.,]?(?:\s+to\s+\w.*|\s+[A-Z][^.!?\n]{{0,80}}\bcontributed\.?)?\s*$")
# A credit standing alone in brackets under its label: "(Source: KWES)", "[Photo: Reuters]".
_SOURCE_CREDIT = re.compile(r"^[(\[](?:Source|Photo|Image|Credit|Photo\s+credit)\s*:\s*[^()\[\]:]{2,40}[)\]]$")
# A newsroom note under its label, a date in commas or brackets allowed before the colon:
# "Editor's note: ...", "Correction, Feb. 24, 2020: ...", "CORRECTION (Oct. 1, 12:43 p.m.): ...";
# or the label and its date alone ("Correction, Jan. 31"), the note on the lines after it.
_NOTE_LABEL = (r"[\[(]?(?:Editor['’]?s['’]?\s+[Nn]ote|EDITOR['’]?S['’]?\s+NOTE|Corrections?|CORRECTIONS?"
               r"|Clarifications?|CLARIFICATIONS?|Disclosures?|DISCLOSURES?|Disclaimers?|DISCLAIMERS?)")
_NOTE_DATE = r"(?:\s*,\s*[^:\n]{0,30}?\d[^:\n]{0,14}?|\s*\([^()\n]{0,30}?\d[^()\n]{0,14}?\))"
# "(Correction to my April 27 column: ...)": the label may name what it corrects.
_NOTE = re.compile(rf"^{_NOTE_LABEL}(?:{_NOTE_DATE}|\s+to\s+[^:\n]{{3,40}})?\s*:\s*\S")
_NOTE_DATED = re.compile(rf"^{_NOTE_LABEL}{_NOTE_DATE}\s*$")
# A source line under a chart, a cited paper or a linked story: "Source: State Department".
_SOURCE_LINE = re.compile(r"^(?:Sources?|SOURCES?)\s*:\s+\S")
# A contact line standing alone: a bare e-mail address, or "Name: 704-358-5059, @handle".
_CONTACT = re.compile(r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}:\s*"
                      r"(?:\(?\d{3}\)?[\s.-]?\d{3}[.-]\d{4}|@\w+)(?:\s*[,;]\s*(?:@\w+|[\w.+-]+@[\w.-]+\.\w+|\(?\d{3}\)?[\s.-]?\d{3}[.-]\d{4}))*)\.?$")
# A line telling readers how to reach the writer: "Contact Tiger Sun at tgsun ‘at’ stanford.edu.", "Reach Joey
# Garrison on Twitter @joeygarrison." (stanforddaily, usatoday). The address or the handle
# decides it: "Contact the office at ..." and "reach Smith at home" are the story's.
_EMAIL = r"[\w.+-]+(?:@|\s*[‘'(\[]\s*at\s*[’')\]]\s*)[\w-]+(?:\.[\w-]+)*"
_HANDLE = r"(?:on\s+)+(?:Twitter|X|Instagram|Facebook)\s+(?:at\s+)?@\w+"
_CONTACT_LINE = re.compile(rf"^(?:Contact|Reach|E-?mail|Write to)\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}[A-Z][\w'’-]+\s+"
                           rf"(?:(?:at|via)\s+{_EMAIL}(?:,?\s+(?:(?:and|or)\s+)?{_HANDLE}|,?\s+(?:and|or)\s+[^.!?]{{0,50}})?|{_HANDLE})\.?$")
# A note on the text itself under the story: the text names itself as the subject and says where it
# ran, what it rests on or who paid for it ("This piece is also featured in Axios.", "This story is based
# on an interview from ...", "This article by X, the Y Professor ..., first appeared in Z.", "This research
# was supported by ...", "This endorsement is the opinion of the editorial board:").
_SELF_NOTE = re.compile(
    r"^(?:A\s+version\s+of\s+)?This\s+(?:article|piece|story|post|column|essay|op-ed|commentary|interview|report"
    r"|editorial|endorsement|research|reporting|series)"
    r"(?:\s+by\s+(?:[^.!?\n]|(?<=\s[A-Z])\.){3,160}?,)?\s+(?:(?:was|is|has\s+been)\s+)?"
    r"(?:(?:also|first|originally|previously|partly|in\s+part)\s+)?"
    r"(?:appeared|appears|featured|published|posted|republished|reprinted|adapted|excerpted|based\s+on|produced"
    r"|supported|funded|made\s+possible|underwritten|sponsored|the\s+opinion\s+of|distributed|syndicated)\b(?!\s*:)")
# A credit for the page's pictures or figures given with "via", a line of its own: "Featured image via
# Flickr user Gage Skidmore / CC BY-SA 2.0.", "Images via: Twitter / @edgette22", "Stats via: heyjackass.com".
_VIA_CREDIT = re.compile(
    r"^(?:(?:Featured|Top|Header|Cover|Lead)\s+)?(?:[Ii]mages?|[Pp]hotos?|[Pp]ictures?|[Ss]tats|[Ss]tatistics|[Vv]ideos?"
    r"|[Gg]raphics?|[Cc]harts?|[Mm]aps?|GIFs?)\s+(?:via|courtesy\s+of)\s*:?\s+(?P<src>[^!?\n]{2,80})$")
# Lower-case words a credit's source may hold ("Flickr user X", "X campaign"); a sentence holds more.
_SOURCE_LOWER = 2
# A note under a bare "Note:" label about the text itself: "Note: This post contains updated data on ...",
# "Note: This article gives the views of the author, and not the position of ...".
_LABELLED_SELF_NOTE = re.compile(r"^(?:Note|NOTE)\s*:\s*(?:This|The)\s+(?:article|piece|story|post|column|essay|op-ed"
                                 r"|commentary|report|interview|blog\s+post)\b")
# The last words a player pointer can end on; read first, so that the sentence search below runs
# only on the few paragraphs that end so.
_POINTER_TAIL = re.compile(r"(?:below|above|video|content|media|player)\s*(?:\.\.\.|[.:!…])?$")
# The last sentence of a paragraph: after a sentence end, to the end of the line.
_LAST_SENTENCE = re.compile(r"(?<=[.!?])[\"”’')]*\s+([A-Z][^.!?\n]*(?:\.\.\.|[.:!…])?)$")

# A link run onto the end of a story's paragraph: a bracketed pointer ("(click HERE if you missed
# that)") or the bare anchor of a link box ("Read more").
_LINK_TAIL = re.compile(r"\s(?P<tail>\((?=[^()]*\b(?:[Cc]lick|CLICK|here|HERE|[Rr]ead|[Ww]atch|[Ss]ee|[Ll]isten|missed)\b)"
                        r"[^()]{3,80}\)|Read [Mm]ore|READ MORE)(?P<stop>[.!]?)\s*$")
#: Words the paragraph before such a tail holds for it to be the story's, not a headline's link.
_TAIL_BODY_WORDS = 20

_POINTER_WORDS = 12
_STATUS_WORDS = 20
_NOTE_DATE_WORDS = 6
_SOURCE_WORDS = 25
_CONTACT_WORDS = 8
_CONTACT_LINE_WORDS = 16
_SELF_NOTE_WORDS = 60
_MORE_WORDS = 30


def pointer_labels(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """Label, in place, unmarked whole lines that point at a missing player, a link or more on the
    subject, give the story's update status, a source or "via" picture credit, a labelled newsroom
    note, a bare contact line or a note on the text itself."""
    for i, ln in enumerate(lines):
        if labels[i] is not None:
            continue
        t = ln.text
        if sizes[i] <= _POINTER_WORDS and _PLAYER.match(t):
            labels[i] = "navigation"
        elif sizes[i] <= _POINTER_WORDS and _LINK.match(t):
            labels[i] = "related"
        elif sizes[i] <= _MORE_WORDS and _MORE.match(t) and story_above(lines, labels, i):
            labels[i] = "related"
        elif sizes[i] <= _STATUS_WORDS and (_STATUS.match(t) or _UPDATED_AT.match(t)):
            labels[i] = "editor_note"
        elif (_SOURCE_CREDIT.match(t) or (sizes[i] <= _SOURCE_WORDS and _SOURCE_LINE.match(t))
              or (sizes[i] <= _POINTER_WORDS and _via_credit(t))):
            labels[i] = "credit"
        elif _note(lines, labels, sizes, i):
            labels[i] = "editor_note"
        elif (sizes[i] <= _CONTACT_WORDS and _CONTACT.match(t)) or (sizes[i] <= _CONTACT_LINE_WORDS and _CONTACT_LINE.match(t)):
            labels[i] = "bio"
        elif sizes[i] <= _SELF_NOTE_WORDS and (
                (_LABELLED_SELF_NOTE.match(t) and _story_elsewhere(lines, labels, i))
                or (_SELF_NOTE.match(t) and _under_story(lines, labels, i))):
            labels[i] = "editor_note"


def _via_credit(line: str) -> bool:
    """A picture's or a figure's credit given with "via", its source a name, a handle or an address."""
    m = _VIA_CREDIT.match(line)
    return m is not None and sum(w.islower() for w in re.findall(r"[A-Za-z]+", m.group("src"))) <= _SOURCE_LOWER


def _under_story(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """Line ``i`` stands at the story's foot: a body paragraph above it, none below (other notes
    on the text may follow it)."""
    return not story_below(lines, labels, i, _LABELLED_SELF_NOTE.match) and story_above(lines, labels, i)


def _note(lines: list[Line], labels: list[str | None], sizes: list[int], i: int) -> bool:
    """A labelled newsroom note, with the story on other lines (a text that arrives as one
    block opens with the note and holds the story too)."""
    t = lines[i].text
    if not (_NOTE.match(t) or (sizes[i] <= _NOTE_DATE_WORDS and _NOTE_DATED.match(t))):
        return False
    return _story_elsewhere(lines, labels, i)


def _story_elsewhere(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """Another line of the text reads as a body paragraph."""
    return any(j != i and labels[j] is None and is_body(lines[j].text) for j in range(len(lines)))


def runin_pointers(lines: list[Line], labels: list[str | None]) -> list[Span]:
    """Spans of a player pointer that closes an unmarked paragraph ("... Watch below:")."""
    out = []
    for i, ln in enumerate(lines):
        if labels[i] is not None or not _POINTER_TAIL.search(ln.text, max(0, len(ln.text) - 12)):
            continue
        m = _LAST_SENTENCE.search(ln.text)
        if m and len(m.group(1).split()) <= _POINTER_WORDS and _PLAYER.match(m.group(1)):
            out.append(Span(ln.start + m.start(1), ln.start + m.end(1), "insertion", "navigation"))
    return out


def pointer_tails(lines: list[Line], labels: list[str | None]) -> dict[int, tuple[int, int]]:
    """For a line marked as a link to other stories that is a story's paragraph with the link run
    onto its end ("... didn't know her place (click HERE if you missed that).", "... about 2,100
    miles away. Read more"), the tail's offsets within the line: only the tail is the site's."""
    out = {}
    for i, ln in enumerate(lines):
        if labels[i] not in ("related", "promo"):
            continue
        m = _LINK_TAIL.search(ln.text)
        if m is None:
            continue
        body = ln.text[:m.start()].rstrip() + m.group("stop")  # a stop after the bracket ends the sentence
        if len(body.split()) >= _TAIL_BODY_WORDS and is_body(body):
            out[i] = (m.start("tail"), m.end("tail"))
    return out
