"""Photo captions and credits among a scraped page's lines: a credit line ("REUTERS/Name",
"Photo: X", "(AP Photo/Name)"), a caption that ends in its credit or opens with a caption
marker, a player's or gallery's caption, and a short caption standing directly above its
credit line. Agency names come from the ``insertion_agencies_v1.txt`` lexicon; the patterns
are compiled once.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .insertion_bio import REPORTED_RE
from .lexicons import lexicon_lines
from .text import ENDS_SENTENCE_RE

__all__ = ["MONTH_NAMES", "NAME_RX", "caption_above_credit", "caption_label", "is_gallery_line", "is_scene_caption", "points_into_picture",
           "runin_credits"]


@lru_cache(maxsize=1)
def _agency_rx() -> str:
    names = sorted(lexicon_lines("insertion_agencies_v1.txt"), key=len, reverse=True)
    if not names:
        raise ValueError("insertion_agencies_v1.txt is empty")
    return "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + ")"


_CAP = r"[A-Z][\w.'’-]*"
#: A capitalised name of one to five words ("Tom Williams", "Charles de Gaulle"), as credits and bylines give it.
NAME_RX = rf"{_CAP}(?:\s+(?:de|da|van|von|al|el|bin|del|la|le)?\s*{_CAP}){{0,4}}"
#: A month's full name, as regex source.
MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# A person's first and last name ("Nick Iannelli", "Corey J. Hook"), as a credit gives it.
_PERSON = r"[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z][\w'’-]*"
# one to five words of a name or handle, no digit, comma or sentence mark
_SEG = r"[A-Za-z][A-Za-z.'’&-]*(?:\s+[A-Za-z][A-Za-z.'’&-]*){0,4}"
_BOUND = r"(?:^|(?<=[.!?”\"’)\]])\s+|\s+[|•]\s*|\s+-\s+|\s{2,})"


class _CreditEnd(NamedTuple):
    """One alternative of a credit closing a line: ``pattern`` is its ``source`` anchored at the line's end."""

    #: groups of lower-case strings: every match holds one string of each group
    hints: tuple[tuple[str, ...], ...]
    pattern: re.Pattern[str]
    source: str


_OPEN = (("(",),)


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[tuple[_CreditEnd, ...], re.Pattern[str], re.Pattern[str]]:
    """(the alternatives of a credit at the end of a line, caption/credit marker at its start, whole-line credit)."""
    ag = _agency_rx()
    # one word before a credit's slash: an agency, a web site or a kind of picture ("Screenshot/CBS")
    solo = rf"(?:(?i:{ag})|[\w-]+\.(?:com|org|net|gov)|Screenshot|SCREENSHOT|Handout|HANDOUT|File|FILE)"
    photo = r"(?:[Pp]hoto(?:graph)?s?|PHOTO(?:GRAPH)?S?|[Ii]mages?|IMAGE|[Pp]icture|PICTURE|[Pp]ic|[Ii]llustration|[Gg]raphic|[Vv]ideo|[Ff]ootage|[Ss]creen ?(?:grab|shot|cap(?:ture)?)s?)"
    photo_words = ("photo", "image", "pic", "illustration", "graphic", "video", "footage", "screen")  # {photo}, lower-cased
    # Each alternative of the credit at a line's end with the literals every match of it holds (groups, one string
    # of each occurring in the lower-cased tail): an alternative is searched only where they occur.
    tails = [
        # (AP Photo/Name), (Photo by ...), (Photo: X), (Image: X), (Photo credit should read ...)
        (_OPEN,
            rf"\((?:[^()]{{0,40}}\s)?{photo}(?:\s+[Cc]redit)?(?:\s*(?:by\b|courtesy\b|from\b|[:/])|\s+should\s+read)[^()]{{0,120}}(?:\([^()]{{0,40}}\)[^()]{{0,60}})?\)"),
        # (REUTERS), (AFP/Name), (Name/AP), (Name / Agency), (Agency Photo/Name)
        (_OPEN,
            rf"\(\s*(?i:{ag})(?:\s*(?:/|{photo}\b)[^()]{{0,80}})?\)"),
        (_OPEN,
            rf"\({NAME_RX}\s*/\s*(?:(?i:{ag})|{_CAP})(?:[\s/]+[\w&.'’-]+){{0,5}}\)"),
        # Photo: X / Photograph by X for Y / Credit: X / Image copyright X, after a sentence or at the start
        ((photo_words + ("credit", "courtesy"),),
            rf"{_BOUND}(?:{photo}(?:\s+(?:[Cc]redit|[Cc]ourtesy|[Ss]ource|[Cc]opyright))?|[Cc]redit|CREDIT|[Pp]hotographer|[Cc]ourtesy(?:\s+of)?)"
            rf"(?:\s+by)?\s*[:|]?\s*[A-Z©(][^.!?]{{1,100}}"),
        # "Hillary Clinton Photo Credit: Contributed", "Donald Trump. Photo from whitehouse.gov."
        ((("credit",),),
            r"(?:^|\s+)(?:[Pp]hoto|PHOTO|[Ii]mage|IMAGE)\s+(?:[Cc]redit|CREDIT)s?\s*:\s*\S[^.!?]{0,100}"),
        ((photo_words, ("from",)),
            rf"{_BOUND}{photo}\s+from\s+(?:(?:www\.)?[\w-]+\.(?:com|org|gov|net|edu)|{_CAP}(?:\s+{_CAP}){{0,4}})"),
        # © Name/Agency, Copyright X
        ((("©",),),
            r"©\s*[^©.!?]{2,100}"),
        # REUTERS/Name, AFP/Name; a lower-case word after the name is a sentence's ("the latest Reuters/Ipsos tracking poll.")
        ((("/",),),
            rf"\b(?:REUTERS|Reuters|AFP|AP|EPA|EPA-EFE)\s*/\s*{_CAP}\b(?!\s+(?!via\b|for\b)[a-z])[^.!?()]{{0,60}}"),
        # Name/Agency, Name / Agency via Getty Images, | Name/Agency (one word before the slash only with an agency after it)
        ((("/",),),
            rf"{_BOUND}(?:(?:{_CAP}\s+{NAME_RX}|{solo})\s*/\s*(?:(?i:{ag})|{_CAP}(?:\s+{_CAP}){{0,3}})|{NAME_RX}\s*/\s*(?i:{ag}))(?:\s*(?:/|via|for)\s*[\w&.'’ -]{{1,40}})?"),
        ((("getty",),),
            rf"{_BOUND}(?:(?i:{ag})\s+)?(?:via\s+)?Getty\s+Images(?:\s+for\s+[\w&.'’ -]{{1,40}})?"),
        # (dclerch / Flickr), (Name/for The Post), (Board via Wikipedia), [Name | Paper via TNS]: names joined
        # by a slash, bar or "via" in a closing bracket, with no digit or comma (a poll's or a citation's has)
        # "... on Dec. 22, 2019. Handout": a handout's credit after the caption's sentence, no bracket
        ((("handout",),),
            r"(?<=[.!?”’])\s+(?:Handout|HANDOUT)"),
        # "(Jesse Paul. The Colorado Sun)": a photographer's full name, a full stop, the outlet
        (_OPEN,
            rf"\({_PERSON}\.\s+(?:The\s+)?[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’-]+){{0,3}}\)"),
        ((("(", "["),),
            rf"[(\[]{_SEG}(?:\s*[/|]\s*(?:for\s+)?|\s+via\s+)(?=[A-Z]){_SEG}(?:(?:\s*[/|]\s*|\s+via\s+){_SEG})?[)\]]"),
    ]
    # a gallery may leave its "More" button after the credit
    ends = tuple(_CreditEnd(hints, re.compile(rf"(?:{src})(?:\s+More)?[\s.]*$"), src) for hints, src in tails)
    start = re.compile(
        r"^(?:(?:[A-Z][\w-]*\s+){0,3}(?:[Ff]ile [Pp]hoto|FILE PHOTO|[Ff]ile [Ii]mage)\s*[:\-–—.]"
        r"|FILE\s*[-–—:]|(?:[Ii]mage|[Mm]edia) (?:copyright|caption)\b|Media playback\b|Enlarge this image\b"
        r"|(?:[Tt]oggle|[Hh]ide) caption\b|Facebook Twitter Pinterest\b"
        rf"|(?={_CAP}\s+{_CAP}[^/]{{0,40}}/){_CAP}\s+{NAME_RX}\s*/\s*(?i:{ag})\s+(?=[A-Z])"
        rf"|(?:{photo}|[Cc]aption|CAPTION|[Pp]ictured|PICTURED|Above|ABOVE|Top photo|Main image|Featured? image|"
        r"Image source|Photo [Cc]redit|Image [Cc]redit|Credit|CREDIT|Photographer|Cover(?: [Pp]hoto| [Ii]mage)?)\s*:"
        r"|In this (?:\w+ )?(?:file )?(?:photo|image|picture)\b|Open this (?:photo|image) in gallery\b)"
    )
    # a whole-line credit names a person (two words at least) or an agency before the slash, not a
    # heading's "Economic/Political" or a table's "BEAUMONT/PORT ARTHUR 47.35"; or is a bracketed name alone ("(Channel 4)", not "(BEGIN VIDEO CLIP)")
    whole = re.compile(
        rf"^(?:(?:{_CAP}\s+{NAME_RX}|{solo})\s*/\s*[\w&.'’ -]{{2,50}}|(?i:{ag})(?:\s+(?:photo|images?|file photo|handout))?"
        rf"|(?:{NAME_RX}\s+)?(?:for|via)\s+Getty\s+Images|{photo}\s+(?:by|from|courtesy(?:\s+of)?|[Cc]redit\s*:)\s+[\w&.'’ /-]{{2,60}}"
        r"|\([A-Z][a-z][\w.'’-]*(?:\s+(?:[A-Z][a-z][\w.'’&-]*|\d+)){1,3}\)"
        # "DISTRIBUTED BY UNIVERSAL UCLICK": a syndicated column's distributor
        r"|(?:DISTRIBUTED BY|Distributed by)\s+(?:[A-Z][\w&.'’-]*\s*){1,5}"
        # "(stock photo)", "(File photo)": the kind of picture alone
        r"|\((?:[Ss]tock|STOCK|[Ff]ile|FILE|[Hh]andout|HANDOUT|[Ss]ubmitted|[Cc]ontributed)\s+(?:[Pp]hoto|PHOTO|[Ii]mage|IMAGE)s?\))$"
    )
    return ends, start, whole


# Every end-of-line credit contains one of these (lower-cased; speed: most lines have none).
_CREDIT_TRIGGER = re.compile(r"/|©|photo|image|pic|credit|getty|courtesy|illustration|graphic|video|footage|handout")
_CLOSE_END = re.compile(r"(?:\)|\|[^\[\]]*\])\W*$")  # a closing parenthesis, or a bracket holding a bar ("[Name | Paper]")
_CAPTION_CUE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}(?:,\s*\d{4})?\b"
    r"|\((?:L|R|C|C-L|C-R|2nd L|2nd R|left|right|center|centre|front|back|top|bottom)\)"
    r"|,\s+(?:left|right|center|centre|second from (?:left|right))\s*,"
    r"|\b(?:speaks|attends|arrives|leaves|looks on|gestures|waves|walks|stands|sits|holds|listens|poses|delivers|"
    r"addresses|appears|participates|campaigns|celebrates|joins|is shown|are shown|talks|meets|shakes|greets|reacts|smiles|votes|testifies|displays|carries|rallies|marches|"
    r"protests|gather|wait|watches|departs|boards|prays|applauds|answers|takes part|is seen|are seen|is pictured|"
    r"are pictured|pictured)\b"
)
_NOT_UNDER_CAPTION = re.compile(r"\W*(?:(?:image|photo|picture) )?(?:copyright|©)|\W*(?:h/t|hat tip)\b", re.I)  # BBC's "Image copyright X" heads the next image; a hat tip credits the story
_MEDIA_LINE = re.compile(r"^(?:photos?|video|image|gallery|photo gallery|slideshow)$", re.I)


def caption_label(line: str, n_words: int | None = None) -> str | None:
    """'caption' / 'credit' for a line that is a photo caption or credit, else None;
    ``n_words`` is the line's word count when the caller has it."""
    lab = _caption_or_credit(line, n_words)
    n = len(line.split()) if n_words is None else n_words
    if lab is None and n <= _SCENE_MAX_WORDS and is_scene_caption(line):
        return "caption"
    if lab is None and n <= _CUE_MAX_WORDS and _is_cued_caption(line):
        return "caption"
    if lab is None and n <= 12 and _DATED_NAME.match(line):
        return "caption"
    if lab == "caption" and REPORTED_RE.search(line) and not _PLAYER_CAPTION.match(line) \
            and not _PHOTO_PAREN_END.search(line) and not _BAR_CREDIT_END.search(line) and not is_scene_caption(line):
        return None  # "..., the post said.": a reporting sentence of the story, not a caption
    if lab == "caption" and _names_outlets(line):
        return None
    return lab


# A caption that points into its picture ("... may have been wearing a wig in this picture", "Protesters are
# pictured outside Parliament") is short and, unlike the story's sentences, ends without a full stop.
_CUE_MAX_WORDS = 30
_PICTURE_CUE = re.compile(
    r"\b(?:in (?:this|these|the above) (?:picture|photo(?:graph)?|image|still)s?|seen here|"
    r"(?<!not )pictured(?: (?:left|right|above|below|centre|center|here|inset))?)\b")
# "[Irfan Khan | Los Angeles Times via TNS]": a news service's credit, whatever the caption above it says.
_BAR_CREDIT_END = re.compile(r"\[[^\[\]|]{2,60}\|[^\[\]|]{2,80}\bvia\s+[A-Z][\w&.-]*\]\W*$")


def _is_cued_caption(line: str) -> bool:
    """A short line without a full stop that points into its picture, with no quotation and no reporting
    verb (a story's sentence reports; a caption shows). A list's item "(not pictured)" points nowhere."""
    if not _may_point_into_picture(line) or ENDS_SENTENCE_RE.search(line) or '"' in line or "“" in line \
            or REPORTED_RE.search(line):
        return False
    return points_into_picture(line)


def _may_point_into_picture(line: str) -> bool:
    """The words one of which every ``_PICTURE_CUE`` match holds ("in th(is|ese|e above)", "seen here",
    "pictured"), tested before the line's other patterns: few lines hold one."""
    return "in th" in line or "pictured" in line or "seen here" in line


def points_into_picture(line: str) -> bool:
    """True for a line that points into a picture: "in this picture", "(pictured)", "seen here"."""
    return _PICTURE_CUE.search(line) is not None


# "Terence Crutcher in August 2014": a person's name and when the picture was taken, no verb; a sentence has one.
_DATED_NAME = re.compile(
    rf"{_PERSON}(?:\s+[A-Z][a-z][\w'’-]*)?\s+(?:in|on|at|during)\s+(?:(?:the|a|an|of|and|in|on|at|[A-Z][\w'’-]*)\s+){{0,6}}?"
    rf"{MONTH_NAMES}\s+(?:\d{{1,2}},\s+)?(?:19|20)\d\d\.?$")


# A scene caption with the story's context after it runs to three or four sentences (CNN's galleries, Getty's
# captions); longer is a paragraph.
_SCENE_MAX_WORDS = 70


@lru_cache(maxsize=1)
def _scene_re() -> re.Pattern[str]:
    verbs = "|".join(sorted(map(re.escape, lexicon_lines("insertion_scene_verbs_v1.txt")), key=len, reverse=True))
    if not verbs:
        raise ValueError("insertion_scene_verbs_v1.txt is empty")
    # The subject: a capitalised first word, then up to nine words that are names, articles or nouns; no
    # auxiliary, relative or conjunction ("The court will listen", "The man who speaks") stands before the verb,
    # and the verb follows no article or possessive (a noun then: "a march", "their stand").
    aux = r"(?!(?:will|would|to|who|that|which|is|are|was|were|has|have|had|said|says|can|may|might|not|also|could" \
          r"|should|must|did|does|do|be|been|when|as|if|after|before|while)\b)"
    # A sentence opening on a preposition or conjunction ("After a five-day wait, ...", "By the time Trump delivers ...")
    # has no subject there.
    opener = r"(?!(?:After|Before|When|While|As|If|In|On|At|During|Since|Until|Once|Despite|Though|Although|For" \
             r"|By|Because|Unless|Whenever)\b)"
    # A lower-case word ending in "-ed" is a past verb ("BJP members led a march"): the story's narration.
    subject = rf"{opener}(?:[A-Z][\w.'’-]*|An?|The)(?:,?\s+(?:[A-Z][\w.'’-]*|an?|the|of|and|his|her|their" \
              rf"|{aux}(?![a-z]+ed\b|led\b)[a-z][a-z-]+)){{0,9}}"
    # The scene's date, in the first sentence (a dot inside a word, "HealthCare.gov", does not end it): a month
    # with its day or year ("on Sunday, November 1", "June 15, 2011", "in March 2019"), or "in a 2013 photo".
    # A weekday alone is how a story dates its news.
    month = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
    # A deadline's or a span's date ("by June 1", "until March 2019") is the story's, not a picture's moment.
    date = r"(?<!\bby )(?<!\buntil )(?<!\bbefore )(?<!\bafter )(?<!\bsince )(?<!\bfrom )(?<!\bto )(?<!\bthrough )" \
           rf"(?:{month}\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?\b|{month}\s+(?:19|20)\d\d\b" \
           r"|\bin\s+(?:a|this)\s+(?:(?:19|20)\d\d\s+)?(?:file\s+)?photo\b)"
    not_noun = r"(?<!\ba)(?<!\ban)(?<!\bthe)(?<!\bhis)(?<!\bher)(?<!\btheir)"
    return re.compile(rf"{subject}{not_noun}\s+(?:{verbs})\b(?!\s+(?:to|for)\s+be\b)(?:[^.!?]|\.(?=\S))*?{date}")


def is_scene_caption(line: str) -> bool:
    """True for a line whose first sentence is a photo caption in the photo desk's grammar: a subject, a
    present-simple verb of what the picture shows and the scene's date ("A woman looks at the HealthCare.gov
    site October 1, 2013 in Washington, DC.", "Kurdish fighters walk to positions ... on Sunday, October 19.").
    Story prose tells the past, and a heading carries no date; quoted text is a quotation's, never a caption."""
    if not line[:1].isupper() or '"' in line or "“" in line or "”" in line or "(@" in line or "pic.twitter" in line:
        return False  # an embedded tweet's signature ends "— Name (@handle) July 13, 2016": a tweet's date
    # the date's month or "photo" first (every match holds one): the subject's and verb's alternations are slow
    return _SCENE_DATE_HINT.search(line) is not None and _scene_re().match(line) is not None


# The start of every month name ``_scene_re``'s date accepts (case-sensitive, as there) and the word of its
# "in a ... photo" date: every match of the pattern holds one.
_SCENE_DATE_HINT = re.compile(r"Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec|photo")


def _names_outlets(line: str) -> bool:
    """True for a sentence that names outlets in brackets beside people or headlines ("Major Garrett (CBS),
    ... and Margaret Talev (Bloomberg).", "... (CNN) and ... (AP)."): its last bracket is one of a list,
    not a picture's credit."""
    m = _bare_agency_end().search(line)
    return m is not None and _OUTLET_PAREN.search(line, 0, m.start()) is not None


@lru_cache(maxsize=1)
def _bare_agency_end() -> re.Pattern[str]:
    return re.compile(rf"\(\s*(?i:{_agency_rx()})\s*\)\W*$")


# An outlet's name in brackets: capitalised words, no digit, hyphen or slash (a party code "(R-Ohio)", a
# position "(L)" or a credit "(Name/AP)" is none), and no word a caption uses to point into its picture or say what
# it is ("(Left)", "(Center)", "(File Photo)").
_OUTLET_PAREN = re.compile(
    r"\((?![^)]*\b(?:Left|Right|Cent(?:er|re)|Middle|Top|Bottom|Front|Back|Row|Inset|Above|Below|File|Photo|Pictured"
    r"|Video|Illustration)\b)(?:The\s+)?[A-Z][A-Za-z.&'’]+(?:\s+[A-Z][A-Za-z.&'’]+){0,3}\)")


def _caption_or_credit(line: str, n_words: int | None = None) -> str | None:
    """'caption' / 'credit' for photo captions and credits, else None."""
    n = len(line.split()) if n_words is None else n_words
    if n > 150:
        return None
    ends, start, whole = _credit_patterns()
    if n <= 20 and whole.match(line):  # whole-line credits are short
        return "credit"
    if n <= 2 and _MEDIA_LINE.match(line):  # a bare "Photo" or "Video" marks where a picture stood
        return "caption"
    tail_at = max(0, len(line) - 240)  # credits are short: only the tail is searched
    tail = line[tail_at:]
    # (a closing bracket's character first: every ``_CLOSE_END`` match holds one, and few lines do)
    low = tail.lower()
    if ((")" in tail or "]" in tail) and _CLOSE_END.search(tail)) or _CREDIT_TRIGGER.search(low):
        at = _credit_end_start(ends, line, tail_at, low)
        if at is not None:
            return "credit" if len(line[:at].split()) <= 2 else "caption"
    m = start.match(line)
    if m:
        return "credit" if n <= 10 and not ENDS_SENTENCE_RE.search(line) else "caption"
    if _PLAYER_CAPTION.match(line):
        return "caption"
    return None


def _credit_end_start(ends: tuple[_CreditEnd, ...], line: str, at: int, low: str) -> int | None:
    """Where the leftmost credit closing ``line`` starts, searched from ``at`` (``low``: ``line[at:]``
    lower-cased), else None: the start the alternation of ``ends`` would give, as a position starts a match
    of it where one alternative matches; each is searched only where its literals occur."""
    starts = [m.start() for e in ends if all(any(h in low for h in g) for g in e.hints) and (m := e.pattern.search(line, at))]
    return min(starts) if starts else None


# "(Tom Williams/CQ Roll Call file photo)": a credit naming the picture closes a caption, not a story's sentence.
_PHOTO_PAREN_END = re.compile(r"\([^()]*\b(?:[Pp]hoto|PHOTO|[Ii]mage|IMAGE|[Ss]creen ?(?:grab|shot))s?\b[^()]*\)\W*$")
# A video player's or gallery's caption keeps the player's button text in front of it.
_PLAYER_CAPTION = re.compile(r"CLOSE (?=[A-Z])|Expand \| Collapse\b")


# A line opening with a connective ("Overall, ...", "Still, ...", "But ...") goes on from the paragraph
# before it: the story's prose, which a picture's credit may follow; a caption stands on its own.
_CONNECTIVE_START = re.compile(
    r"(?:Overall|Still|However|Instead|Indeed|Meanwhile|Moreover|Furthermore|Nonetheless|Nevertheless|Therefore|"
    r"Thus|Hence|Ultimately|Likewise|Similarly|Otherwise|Besides|Regardless|In (?:short|fact|sum|other words|turn)|"
    r"Of course|After all|That said|Even so|To be sure|As a result|In any case),\s|(?:But|And|Yet|So)\s+[a-z]")


def caption_above_credit(texts: list[str], labels: list[str | None], sizes: list[int]) -> None:
    """Label "caption" each unmarked line (``texts``, with their ``labels`` and word counts
    ``sizes``) that is a caption sentence standing directly above its credit line."""
    for i in range(len(texts) - 1):
        if labels[i] is None and labels[i + 1] == "credit" and sizes[i] <= 70:
            t = texts[i]
            # short lines need no cue (a body paragraph above a credit is rarely this short) unless the credit captions no line above
            short = sizes[i] <= 15 and not _NOT_UNDER_CAPTION.match(texts[i + 1])
            if (short or _CAPTION_CUE.search(t)) and not re.search(r"[“”\"]", t) and not REPORTED_RE.search(t) \
                    and not _CONNECTIVE_START.match(t):
                labels[i] = "caption"


# A credit in brackets inside a line, where a gallery or a caption runs on after it: an outlet or
# agency in capitals and a photographer's full name joined by a slash ("(WTOP/Nick Iannelli)",
# "(Charles Dharapak/AP)"), or a photo label ("(Photo: Mark Marturello/Register Illustration)").
# Two capitalised names are asked for, not one ("(ISIS/ISIL)", "(Williams/Flanagan)" are prose).
_RUNIN_CREDIT = re.compile(
    rf"\((?:[A-Z]{{2,}}\s*/\s*{_PERSON}|{_PERSON}\s*/\s*[A-Z]{{2,}}"
    r"|(?:Photo|PHOTO|Image|IMAGE)s?\s*:\s*[^()\n]{2,60})\)")


def runin_credits(texts: list[str], labels: list[str | None]) -> list[tuple[int, int, int]]:
    """(line index, start, end within the line) of each bracketed photo credit inside an unmarked line."""
    out = []
    for i, t in enumerate(texts):
        # every run-in credit holds an opening bracket and a slash or a label's colon (speed: most lines hold neither)
        if labels[i] is None and "(" in t and ("/" in t or ":" in t):
            out.extend((i, m.start(), m.end()) for m in _RUNIN_CREDIT.finditer(t))
    return out


# A gallery's counter ("1 of 13", "( 1 /4)", "1 of / 3"; a slash only with a space or brackets beside it, so that
# "9/11" and "24/7" are no counters) next to one of its controls ("Hide Caption 1 of 13", "Image 1 of / 3 Caption
# Close", "( 1 /4) Share This Gallery"): the line is the gallery's captions, credits and buttons run together.
_GALLERY_WORD = r"(?:Caption|CAPTION|Gallery|GALLERY|Image|IMAGE|Photos?|PHOTOS?|Picture|Slide|SLIDE)"
_COUNTER = r"(?:\(\s?\d{1,3}\s?/\s?\d{1,3}\s?\)|\d{1,3}\s*(?:of\s*/?|\s/|/\s)\s*\d{1,3})(?!\d)"
_GALLERY_RE = re.compile(
    rf"\b{_GALLERY_WORD}\W{{1,3}}(?P<a>{_COUNTER})|(?<![\w/])(?P<b>{_COUNTER})(?:\s+[A-Z][a-z]+){{0,2}}\s+{_GALLERY_WORD}\b")
_DIGITS = re.compile(r"\d+")
_GALLERY_HINT = re.compile(r"Caption|CAPTION|Gallery|GALLERY|Image|IMAGE|Photo|PHOTO|Picture|Slide|SLIDE")


def is_gallery_line(line: str) -> bool:
    """A photo gallery's line: a counter k of M (k <= M) beside a gallery control word."""
    if not _GALLERY_HINT.search(line):
        return False  # speed: most lines hold no control word
    for m in _GALLERY_RE.finditer(line):
        k, total = (int(d) for d in _DIGITS.findall(m.group("a") or m.group("b")))
        if 1 <= k <= total:
            return True
    return False
