"""Off-topic insertions: lines that are not part of the article's body.

Scraped news carries lines the author did not write as part of the story:
promotions of other stories ("READ ALSO <headline>"), photo captions and
credits, newsletter and social-media prompts, bullet teasers, page metadata at
the edges (byline, timestamp, dateline, a repeated headline) and whole
paragraphs pasted from unrelated articles. ``find_insertions`` marks each such
line as a ``Span`` (kind ``insertion``, label saying which); ``clean_doc``
parses the article with those lines blanked, so every other extractor measures
the body only.

Marked lines are found by rules over single lines (lexicons in
``features/lexicons/insertion_*_v1.txt``); unmarked off-topic paragraphs by
their lexical similarity (IDF-weighted cosine, a latent semantic space) to
the rest of the article and its title, and by typography unlike the rest's
(quote and dash styles of another outlet), conservatively, because a quote or
a short transition also shares few words with its article.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from itertools import chain
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from .base import ArticleTransformer, Span, safe_div
from .lexicons import lexicon_header, lexicon_json, lexicon_lines, lexicon_path
from .text import Doc, parse, split_paragraphs, wrapping_marks

log = logging.getLogger(__name__)

#: Labels of page metadata at the article's edges: removed from the body but,
#: per METRICS.md, not scored as insertions.
EDGE_LABEL_PARTS = ("headline", "title", "byline", "dateline", "timestamp")
#: Label -> feature group.
LABEL_GROUPS = {
    "related": "related", "related_list": "related",
    "caption": "caption", "credit": "caption",
    "promo": "promo", "social": "promo", "teaser": "promo",
    "offtopic": "offtopic",
    "navigation": "edge_meta", "share": "edge_meta", "editor_note": "edge_meta", "bio": "edge_meta",
}
#: Page furniture: lines a site's template adds around or beside the story (captions,
#: credits, share counts, summary bullets, related-link lists at the edges, and the edge
#: metadata). Everything else marked is inserted content: spam inside the body.
FURNITURE_LABELS = frozenset({"caption", "credit", "teaser", "related_list", "share", "navigation", "editor_note", "bio"})
INSERTION_FEATURES: tuple[str, ...] = (
    "insertion_count",
    "insertion_char_share",
    "related_char_share",
    "promo_char_share",
    "offtopic_char_share",
)
FURNITURE_FEATURES: tuple[str, ...] = (
    "furniture_count",
    "furniture_char_share",
    "caption_char_share",
    "edge_meta_char_share",
)


# --- lexicons -----------------------------------------------------------------
@lru_cache(maxsize=1)
def _leadin_words() -> tuple[frozenset[str], frozenset[str]]:
    """(anchor words, all lead-in words)."""
    anchors, words = set(), set()
    for ln in lexicon_lines("insertion_leadins_v1.txt"):
        role, word = ln.split("\t")
        words.add(word)
        if role == "anchor":
            anchors.add(word)
    if not anchors:
        raise ValueError("insertion_leadins_v1.txt has no anchor words")
    return frozenset(anchors), frozenset(words)


class PromoRule(NamedTuple):
    label: str
    whole_line: bool
    pattern: re.Pattern[str]
    #: cue rules: lower-case strings one of which every match contains
    triggers: tuple[str, ...]


@lru_cache(maxsize=1)
def _promo_rules() -> tuple[PromoRule, ...]:
    rules = []
    for ln in lexicon_lines("insertion_promo_v1.txt"):
        label, mode, rx, *rest = ln.split("\t")
        if not rx:
            raise ValueError(f"empty pattern in insertion_promo_v1.txt for {label}")
        triggers = tuple(t for t in rest[0].split("|") if t) if rest else ()
        if mode == "cue" and not triggers:
            raise ValueError(f"cue rule without triggers in insertion_promo_v1.txt: {rx}")
        pat = re.compile(rf"^(?:{rx})$" if mode == "line" else rx, re.I)
        rules.append(PromoRule(label, mode == "line", pat, triggers))
    return tuple(rules)


@lru_cache(maxsize=1)
def _promo_triggers() -> tuple[tuple[str, int], ...]:
    """(trigger, index of its cue rule) over all cue rules: most lines contain none, and
    plain substring tests are far cheaper than trying each rule's regex."""
    return tuple((t, i) for i, r in enumerate(_promo_rules()) for t in r.triggers)


@lru_cache(maxsize=1)
def _agency_rx() -> str:
    names = sorted(lexicon_lines("insertion_agencies_v1.txt"), key=len, reverse=True)
    if not names:
        raise ValueError("insertion_agencies_v1.txt is empty")
    return "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + ")"


_IDF_FILE = "insertion_idf_v1.txt"
# The IDF table's header states the corpus size and the document-frequency floor it was cut at
# ("N = 37554", "df >= 50"): an unlisted stem is at least that rare, so it gets ln(N / floor).
_IDF_N = re.compile(r"\bN = (\d+)")
_IDF_MIN_DF = re.compile(r"\bdf >= (\d+)")


def _header_int(name: str, pattern: re.Pattern[str]) -> int:
    for ln in lexicon_header(name):
        m = pattern.search(ln)
        if m:
            return int(m.group(1))
    raise ValueError(f"{name}: the header does not state {pattern.pattern!r}; rebuild it with bench/make_insertion_set.py --build-idf")


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    """Stem -> IDF, and the IDF of a stem the table does not list."""
    table = {}
    for ln in lexicon_lines(_IDF_FILE):
        w, v = ln.split("\t")
        table[w] = float(v)
    return table, math.log(_header_int(_IDF_FILE, _IDF_N) / _header_int(_IDF_FILE, _IDF_MIN_DF))


# --- line-level patterns ----------------------------------------------------------
_LINE_RE = re.compile(r"[^\n]+")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_LEAD_OPEN = re.compile(r"[\s(\[{]*(?:(?:[►▶▸»>•·■▪◆→*]|->|>>)[\s]*)*")
# Between lead-in and headline: punctuation, a non-breaking space or a wide gap.
_LEAD_SEP = re.compile(r"[ \t]*(?::|\||»|>>|->|→|—|–|-(?=\s)|…|\.\.\.)[\s\u00a0]*|[ \t]*\u00a0[\s\u00a0]*|[ \t]{2,}")
_LEAD_OUTLET = re.compile(r"\s+(?:on|from|at|in|by|via)\s+(?:the\s+)?[A-Z0-9][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,3}")
# The line's first word (what _leadin's word loop looks at first: _LEAD_OPEN holds no letters).
_FIRST_WORD = re.compile(r"[^A-Za-z]*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_SENT_END = re.compile(r"[.!?…][\"”’')\]]*$")

_CAP = r"[A-Z][\w.'’-]*"
_NAME = rf"{_CAP}(?:\s+(?:de|da|van|von|al|el|bin|del|la|le)?\s*{_CAP}){{0,4}}"
_BOUND = r"(?:^|(?<=[.!?”\"’)\]])\s+|\s+[|•]\s*|\s+-\s+|\s{2,})"


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(credit at the end of a line, caption/credit marker at its start, whole-line credit)."""
    ag = _agency_rx()
    photo = r"(?:[Pp]hoto(?:graph)?s?|PHOTO(?:GRAPH)?S?|[Ii]mages?|IMAGE|[Pp]icture|PICTURE|[Pp]ic|[Ii]llustration|[Gg]raphic|[Vv]ideo|[Ff]ootage)"
    tail = "|".join([
        # (AP Photo/Name), (Photo by ...), (Photo: X), (Image: X), (Photo credit should read ...)
        rf"\((?:[^()]{{0,40}}\s)?{photo}(?:\s+[Cc]redit)?(?:\s*(?:by\b|courtesy\b|[:/])|\s+should\s+read)[^()]{{0,120}}(?:\([^()]{{0,40}}\)[^()]{{0,60}})?\)",
        # (REUTERS), (AFP/Name), (Name/AP), (Name / Agency), (Agency Photo/Name)
        rf"\(\s*(?i:{ag})(?:\s*(?:/|{photo}\b)[^()]{{0,80}})?\)",
        rf"\({_NAME}\s*/\s*(?:(?i:{ag})|{_CAP})(?:[\s/]+[\w&.'’-]+){{0,5}}\)",
        # Photo: X / Photograph by X for Y / Credit: X / Image copyright X, after a sentence or at the start
        rf"{_BOUND}(?:{photo}(?:\s+(?:[Cc]redit|[Cc]ourtesy|[Ss]ource|[Cc]opyright))?|[Cc]redit|CREDIT|[Pp]hotographer|[Cc]ourtesy(?:\s+of)?)"
        rf"(?:\s+by)?\s*[:|]?\s*[A-Z©(][^.!?]{{1,100}}",
        # © Name/Agency, Copyright X
        r"©\s*[^©.!?]{2,100}",
        # REUTERS/Name, AFP/Name
        rf"\b(?:REUTERS|Reuters|AFP|AP|EPA|EPA-EFE)\s*/\s*{_CAP}[^.!?()]{{0,60}}",
        # Name/Agency, Name / Agency via Getty Images, | Name/Agency
        rf"{_BOUND}{_NAME}\s*/\s*(?:(?i:{ag})|{_CAP}(?:\s+{_CAP}){{0,3}})(?:\s*(?:/|via|for)\s*[\w&.'’ -]{{1,40}})?",
        rf"{_BOUND}(?:(?i:{ag})\s+)?(?:via\s+)?Getty\s+Images(?:\s+for\s+[\w&.'’ -]{{1,40}})?",
    ])
    end = re.compile(rf"(?:{tail})[\s.]*$")
    start = re.compile(
        r"^(?:(?:[A-Z][\w-]*\s+){0,3}(?:[Ff]ile [Pp]hoto|FILE PHOTO|[Ff]ile [Ii]mage)\s*[:\-–—.]"
        r"|FILE\s*[-–—:]|(?:[Ii]mage|[Mm]edia) (?:copyright|caption)\b|Media playback\b|Enlarge this image\b"
        r"|(?:[Tt]oggle|[Hh]ide) caption\b|Facebook Twitter Pinterest\b"
        rf"|(?:{photo}|[Cc]aption|CAPTION|[Pp]ictured|PICTURED|Above|ABOVE|Top photo|Main image|Featured? image|"
        r"Image source|Photo credit|Image credit|Credit|CREDIT|Photographer)\s*:"
        r"|In this (?:\w+ )?(?:file )?(?:photo|image|picture)\b)"
    )
    whole = re.compile(
        rf"^(?:{_NAME}\s*/\s*[\w&.'’ -]{{2,50}}|(?i:{ag})(?:\s+(?:photo|images?|file photo|handout))?"
        rf"|(?:{_NAME}\s+)?(?:for|via)\s+Getty\s+Images|{photo}\s+(?:by|courtesy(?:\s+of)?)\s+[\w&.'’ /-]{{2,60}})$"
    )
    return end, start, whole


# Every end-of-line credit contains one of these (lower-cased; speed: most lines have none).
_CREDIT_TRIGGER = re.compile(r"/|©|photo|image|pic|credit|getty|courtesy|illustration|graphic|video|footage")
_CLOSE_END = re.compile(r"\)\W*$")
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
_COPYRIGHT_START = re.compile(r"\W*(?:(?:image|photo|picture) )?(?:copyright|©)", re.I)
_TEASER_RE = re.compile(r"^(?:[•·▪■◆►▶‣●]|[-–*]\s)\s*\S")
_TEASER_HEAD = re.compile(r"^(?:story highlights|highlights|key points|in brief|at a glance|summary|tl;?dr)\s*:?$", re.I)

# --- edge metadata ------------------------------------------------------------
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?"
_TIME = r"\d{1,2}(?::|\.)\d{2}(?:\s*(?:[ap]\.?m\.?|AM|PM))?(?:\s*(?:[A-Z]{2,4}|GMT[+-]?\d*))?"
_DATE = (rf"(?:{_DAY},?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
         rf"|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH})")
_TIMESTAMP_RE = re.compile(
    rf"^(?:(?:Published|Updated|Posted|Last (?:updated|modified)|Modified|Created|Date|First published|Originally published)"
    rf"(?:\s+(?:on|at))?\s*:?\s*)?(?:{_DATE}|{_TIME})(?:\s*(?:,|at|\||-|–|—|/|•)?\s*(?:{_DATE}|{_TIME}|{_DAY}))*"
    rf"(?:\s*(?:\||,|-|–)?\s*(?:Updated|Last updated)\s*:?\s*(?:{_DATE}|{_TIME})(?:,?\s*(?:at\s*)?(?:{_DATE}|{_TIME}))*)?\s*$"
    rf"|^(?:Published|Updated|Posted|Last updated)\s*:?\s*\d+\s+(?:minutes?|hours?|days?)\s+ago$",
    re.I,
)
_BYLINE_RE = re.compile(
    rf"^(?:[Bb]y|BY|[Ww]ritten by|[Ss]tory by|[Ww]ords by|[Aa]uthor:?|[Rr]eporting by|[Rr]eport by|[Pp]osted by)\s+"
    rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}){{0,3}}(?:\s*(?:,|\||–|—|-)\s*[^.!?]{{0,60}})?\.?$"
)
_CONTRIB_RE = re.compile(
    r"^\(?(?:(?:Additional )?[Rr]eporting by\b.{0,200}|[Ee]dited by\b.{0,80}|[Ww]riting by\b.{0,120}|"
    r"[Cc]ontributing:.{0,200}|[Cc]ompiled by\b.{0,80}|.{0,200}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?)\)?$"
)
_VIA_RE = re.compile(r"^(?:[Vv]ia|VIA|[Ss]ource|SOURCE)\s*:?\s+(?:(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}"
                     r"|(?:https?://|www\.)\S+)$")
_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?"
    rf"(?:,?\s*{_DATE})?\s*(?:\((?:[A-Za-z]+)\))?\s*[-—–:]*$"
)
_EDGE_LINES = 4


class _Line(NamedTuple):
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    """Non-blank lines, stripped, with offsets into ``text``; quotation marks that wrap the
    whole text (an export's) are left out of its first and last line."""
    wrap = wrapping_marks(text, split_paragraphs(text)) if text[:1] in _MARK_CHARS or text.rstrip()[-1:] in _MARK_CHARS else set()
    out = []
    for m in _LINE_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and (text[s].isspace() or s in wrap):
            s += 1
        while e > s and (text[e - 1].isspace() or e - 1 in wrap):
            e -= 1
        if e > s:
            out.append(_Line(s, e, text[s:e]))
    return out


_MARK_CHARS = "\"“”„«»'`"


def _n_words(s: str) -> int:
    return len(s.split())


# --- rules --------------------------------------------------------------------------
def _leadin(line: str) -> tuple[bool, str] | None:
    """If ``line`` starts with a story-promoting lead-in, (lead_only, rest)."""
    anchors, vocab = _leadin_words()
    first = _FIRST_WORD.match(line)
    if first is None or first.group(1).lower().replace("’", "'") not in vocab:
        return None  # the common case, decided without the word loop
    pos = _LEAD_OPEN.match(line).end()
    opened = "(" in line[:pos] or "[" in line[:pos]
    words: list[re.Match[str]] = []
    best = None
    for m in _WORD_RE.finditer(line, pos):
        if len(words) >= 6:
            break
        if words and not re.fullmatch(r"[ \t]+", line[words[-1].end():m.start()]):
            break
        w = m.group().lower().replace("’", "'")
        if w not in vocab:
            break
        words.append(m)
        if not any(x.group().lower().replace("’", "'") in anchors for x in words):
            continue
        end = m.end()
        lead = line[pos:end]
        o = _LEAD_OUTLET.match(line, end)
        for after, strict in ((o.end(), True), (end, False)) if o else ((end, False),):
            rest = line[after:]
            if not rest.strip(" \t\u00a0:|)]-–—»>.…"):
                best = (True, "")
                continue
            sep = _LEAD_SEP.match(line, after)
            if sep:
                best = (False, line[sep.end():])
            elif not strict and lead.isupper() and sum(c.isalpha() for c in lead) >= 4:
                r = rest.strip()
                if r and not r[0].islower() and not r.isupper():
                    best = (False, r)
    if best is None:
        return None
    lead_only, rest = best
    if opened:
        rest = rest.rstrip(" )]")
    if not lead_only and (_n_words(rest) > 40 or not re.search(r"[A-Za-z0-9]", rest)):
        return None
    return best


def _headline_like(line: str) -> bool:
    """A bare headline under a lead-in: short and not a body sentence."""
    n = _n_words(line)
    if n == 0 or n > 25:
        return False
    if _TEASER_RE.match(line):
        return True
    # truncated teasers end in an ellipsis, not a sentence
    return not _SENT_END.search(line) or line.endswith(("?", "...", "…"))


def _promo(line: str, n_words: int | None = None) -> str | None:
    n = _n_words(line) if n_words is None else n_words
    if n > 40:
        return None
    core = line.strip(" \t\u00a0.:!|·•-–—()[]»>")
    short = n <= 10
    low = core.lower()
    cued = {i for t, i in _promo_triggers() if t in low}
    if not short and not cued:
        return None
    for i, rule in enumerate(_promo_rules()):
        if rule.whole_line:
            if short and rule.pattern.match(core):
                return rule.label
        elif i in cued and rule.pattern.search(core):
            return rule.label
    return None


def _caption(line: str, n_words: int | None = None) -> str | None:
    """'caption' / 'credit' for photo captions and credits, else None."""
    n = _n_words(line) if n_words is None else n_words
    if n > 150:
        return None
    end, start, whole = _credit_patterns()
    if n <= 20 and whole.match(line):  # whole-line credits are short
        return "credit"
    tail_at = max(0, len(line) - 240)  # credits are short: only the tail is searched
    tail = line[tail_at:]
    if _CREDIT_TRIGGER.search(tail.lower()) or _CLOSE_END.search(tail):
        m = end.search(line, tail_at)
        if m:
            return "credit" if _n_words(line[: m.start()]) <= 2 else "caption"
    m = start.match(line)
    if m:
        return "credit" if n <= 10 and not _SENT_END.search(line) else "caption"
    if _PLAYER_CAPTION.match(line):
        return "caption"
    return None


# A video player's or gallery's caption keeps the player's button text in front of it.
_PLAYER_CAPTION = re.compile(r"CLOSE (?=[A-Z])|Expand \| Collapse\b")


def _edge_label(line: str, title_key: str | None) -> str | None:
    if _n_words(line) > 30:
        return None
    if title_key and _norm(line) == title_key:
        return "headline"
    if _TIMESTAMP_RE.match(line):
        return "timestamp"
    if _BYLINE_RE.match(line) and _n_words(line) <= 16:
        return "byline"
    if _CONTRIB_RE.match(line):
        return "byline"
    if _VIA_RE.match(line):
        return "byline_via"
    if _DATELINE_RE.match(line) and _n_words(line) <= 8:
        return "dateline"
    return None


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.casefold()).strip()


def _is_body(line: str) -> bool:
    """A line that reads as a body paragraph (ends a sentence, long enough)."""
    return _n_words(line) >= 15 and bool(_SENT_END.search(line)) and not _TEASER_RE.match(line)


def _rule_labels(lines: list[_Line], title: str | None) -> list[str | None]:
    n = len(lines)
    labels: list[str | None] = [None] * n
    title_key = _norm(title) if title and title.strip() else None
    seen_top: set[str] = set()
    sizes = [_n_words(ln.text) for ln in lines]
    for i, ln in enumerate(lines):
        t = ln.text
        at_edge = i < _EDGE_LINES or i >= n - _EDGE_LINES
        lab = _promo(t, sizes[i])
        if lab is None or sizes[i] <= 4:  # a bare "LISTEN" / "CONTINUE READING" may still head a headline
            li = _leadin(t)
            if li is not None:
                lab = lab or "related"
                if li[0]:  # a bare "Related:" line: the headlines follow on their own lines
                    for j in range(i + 1, min(n, i + 6)):
                        # "Source: Infowars" under a "Related Articles" head credits this story
                        if _VIA_RE.match(lines[j].text):
                            break
                        if labels[j] is None and _headline_like(lines[j].text) and _leadin(lines[j].text) is None:
                            labels[j] = "related"
                        else:
                            break
        if lab is None and labels[i] is None:
            lab = _caption(t, sizes[i])
            if lab == "caption" and _REPORTED.search(t):
                lab = None  # "..., the post said.": a reporting sentence of the story, not a caption
        if lab is None and at_edge:
            lab = _edge_label(t, title_key)
        if lab is None and (i < _EDGE_LINES or i >= n - 8) and sizes[i] <= 80 and _BIO_RE.match(t) \
                and not _REPORTED.search(t):
            lab = "bio"
        if lab is None and i < _EDGE_LINES + 2 and _TIMESTAMP_RE.match(t):
            lab = "timestamp"
        if lab is None and i < 3:
            key = _norm(t)
            if key and key in seen_top and sizes[i] <= 30 and not _is_body(t):
                lab = "headline_repeat"
            seen_top.add(key)
        if lab is not None and labels[i] is None:
            labels[i] = lab
    # a caption sentence standing directly above its credit line
    for i in range(n - 1):
        if labels[i] is None and labels[i + 1] == "credit" and sizes[i] <= 70:
            t = lines[i].text
            # short lines need no cue: a body paragraph above a credit is rarely this short, except
            # above BBC-style "Image copyright X" credits, which head the next image, not this line
            short = sizes[i] <= 15 and not _COPYRIGHT_START.match(lines[i + 1].text)
            if (short or _CAPTION_CUE.search(t)) and not re.search(r"[“”\"]", t) and not _REPORTED.search(t):
                labels[i] = "caption"
    # bullet teasers above the body
    top = []
    for i in range(min(n, 8)):
        if labels[i] is not None and labels[i] != "teaser":
            continue
        t = lines[i].text
        if _TEASER_RE.match(t) or _TEASER_HEAD.match(t):
            labels[i] = "teaser"
            top.append(i)
        elif _is_body(t):
            break
    # Bullets that restate the story's own sentences are its standfirst (summary points),
    # edge metadata like a repeated headline; teasers for other stories share few words.
    if top:
        rest = set(_TOKEN_RE.findall(" ".join(ln.text for ln in lines[top[-1] + 1 :]).lower()))
        for i in top:
            words = [w for w in _TOKEN_RE.findall(lines[i].text.lower()) if len(w) > 3]
            if len(words) >= 3 and sum(w in rest for w in words) >= _RESTATED * len(words):
                labels[i] = "headline_repeat"
    # Under a "Recommended Resources" head at the foot of the page every line is the site's
    # promotion of its own products, however much each reads like a sentence.
    for i in range(max(0, n - 15), n):
        if _RESOURCES_HEAD.match(lines[i].text):
            for j in range(i + 1, n):
                if labels[j] is None and sizes[j] <= 60:
                    labels[j] = "promo"
            break
    # An embedded tweet ("... Follow @x so you don't miss it." then "— Name (@handle) date")
    # is content the outlet chose to show, not the site's own social call.
    for i in range(1, n):
        if _TWEET_SIGNATURE.match(lines[i].text) and labels[i - 1] in ("social", "promo"):
            labels[i - 1] = None
    return labels


_RESOURCES_HEAD = re.compile(r"^(?:recommended|sponsored|partner) (?:resources|links)\s*:?$", re.I)
#: Share of a top bullet's words found in the body for it to be a summary of this story.
_RESTATED = 0.7
_TWEET_SIGNATURE = re.compile(rf"^[—–-]\s*[^\n]{{1,80}}\(@\w{{1,30}}\)\s+{_MONTH}\.?\s+\d{{1,2}},\s+\d{{4}}\s*$")


# --- off-topic paragraphs -----------------------------------------------------
_TOKEN_RE = re.compile(r"[a-z][a-z'’-]*[a-z]")
# A capitalised word inside a sentence: a name, place or organisation (sentence starts are ambiguous).
_MID_CAP_RE = re.compile(r"(?<=[a-z0-9,;%] )[A-Z][A-Za-z'’-]*[a-z]")
_QUOTE_RE = re.compile(r"[“\"][^”\"]*[”\"]?")
_CONTENT_IDF = 2.5      # words above this IDF carry the topic
_MIN_WORDS = 15         # shorter paragraphs are never judged off-topic
_MIN_CONTENT = 3        # nor those with fewer content words
_MAX_QUOTED = 0.9       # nor (almost) whole quotes: they share few words with their article
_MIN_PARAS = 5          # too few paragraphs to know what the article is about
# Paragraphs closer than this to the rest of the article never scored p >= 0.3 on the dev split:
# skipping them saves most of the feature work.
_SKIP_COS_REST = 0.12
# Low similarity alone also fits an on-topic aside or an opinion writer's turn; on real news
# (the regression corpus's dev half) flags below this were asides, so only near-certain ones count.
_OFFTOPIC_MIN_P = 0.9
# A pasted block may hold two paragraphs of one donor: a neighbour of a flagged paragraph
# needs somewhat less evidence.
_OFFTOPIC_NEIGHBOUR_P = 0.8
OFFTOPIC_FEATURES = (
    "log_cos_rest", "log_rel_median", "shared_idf_share", "log_new_content", "log_content",
    "log_new_names", "new_name_share", "log_names", "log_cos_adjacent", "log_cos_neighbours",
    "log_median_cos", "log_words", "log_paras", "quoted_share",
    "shared_far_share", "log_new_names_far", "new_name_far_share",
    "lsa_cos_rest", "lsa_cos_far", "lsa_cos_adjacent", "lsa_rel_median",
    "quote_mismatch", "dash_mismatch", "has_title", "log_cos_title", "lsa_cos_title",
)


class _Model(NamedTuple):
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray       # over [1, x, upper triangle of x x^T] (sklearn PolynomialFeatures(2) order)
    intercept: float
    rows: np.ndarray
    cols: np.ndarray


@lru_cache(maxsize=1)
def _model() -> _Model:
    """Quadratic logistic model of bench/make_insertion_set.py --fit-offtopic (dev split only)."""
    raw = lexicon_json("insertion_offtopic_v1.json")
    if tuple(raw["features"]) != OFFTOPIC_FEATURES:
        raise ValueError("insertion_offtopic_v1.json was fitted on other features; refit it")
    rows, cols = np.triu_indices(len(OFFTOPIC_FEATURES))
    coef = np.array(raw["coef"], dtype=float)
    if len(coef) != 1 + len(OFFTOPIC_FEATURES) + len(rows):
        raise ValueError("insertion_offtopic_v1.json: wrong number of coefficients")
    return _Model(np.array(raw["mean"]), np.array(raw["scale"]), coef, float(raw["intercept"]), rows, cols)


@lru_cache(maxsize=1)
def _lsa() -> tuple[dict[str, int], np.ndarray]:
    """Stem -> row, and the word vectors of the latent semantic space (insertion_lsa_v1.npz)."""
    with lexicon_path("insertion_lsa_v1.npz").open("rb") as f:
        data = np.load(f)
        vocab, vectors = list(data["vocab"]), data["vectors"].astype(np.float32)
    return {str(w): i for i, w in enumerate(vocab)}, vectors


@lru_cache(maxsize=1 << 16)
def _stem(w: str) -> str:
    w = w.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def _bag(text: str) -> Counter[str]:
    # words of >= 3 letters, as in the IDF table; counting before stemming stems each word once
    out: Counter[str] = Counter()
    for w, c in Counter(_TOKEN_RE.findall(text.lower())).items():
        if len(w) > 2:
            out[_stem(w)] += c
    return out


def _quoted_share(s: str) -> float:
    if "“" not in s and '"' not in s:
        return 0.0
    return safe_div(sum(m.end() - m.start() for m in _QUOTE_RE.finditer(s)), len(s))


# --- vectorised word statistics -------------------------------------------------
_TOKEN3_RE = re.compile(r"[a-z][a-z'’-]+[a-z]")  # the words of _bag (>= 3 letters), without the length filter
_MAX_CELLS = 3_000_000  # paragraphs x distinct words above which the off-topic model is skipped (memory)
_MAX_DYNAMIC_IDS = 100_000  # unknown words remembered across articles before the tables are reset (memory)


class _Vocab:
    """Word -> integer id of its stem, with IDF and latent-space row per id.

    Stems of the IDF table get fixed ids; other stems (rare words) get ids
    above them on first sight, so each word is stemmed and looked up once per
    process, not once per article.
    """

    def __init__(self) -> None:
        table, self.default_idf = _idf()
        index, self.vectors = _lsa()
        stems = list(table)
        self.n_fixed = len(stems)
        self.base_stem_ids = {w: i for i, w in enumerate(stems)}
        self.idf = np.array([table[w] for w in stems], dtype=float)
        self.lsa_row = np.array([index.get(w, -1) for w in stems], dtype=np.int64)
        self.reset()

    def reset(self) -> None:
        self.stem_ids = dict(self.base_stem_ids)
        self.word_ids = _WordIds(self)

    def stem_id(self, stem: str) -> int:
        i = self.stem_ids.get(stem)
        if i is None:
            i = self.stem_ids[stem] = len(self.stem_ids)
        return i

    def check_size(self) -> None:
        if len(self.stem_ids) - self.n_fixed > _MAX_DYNAMIC_IDS or len(self.word_ids) > 2 * _MAX_DYNAMIC_IDS:
            self.reset()


class _WordIds(dict):
    """Lower-cased word -> stem id, filled on first lookup."""

    def __init__(self, vocab: _Vocab) -> None:
        super().__init__()
        self.vocab = vocab

    def __missing__(self, word: str) -> int:
        i = self[word] = self.vocab.stem_id(_stem(word))
        return i


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    return _Vocab()


def _row_cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine of each row of ``a`` with the same row of ``b`` (0 where either is zero)."""
    num = np.einsum("ij,ij->i", a, b)
    den = np.sqrt(np.einsum("ij,ij->i", a, a) * np.einsum("ij,ij->i", b, b))
    return np.where(den > 1e-12, num / np.maximum(den, 1e-300), 0.0)


def _shifted(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(previous row, next row) of each row of ``m``, zeros at the ends."""
    prev = np.zeros_like(m)
    nxt = np.zeros_like(m)
    prev[1:] = m[:-1]
    nxt[:-1] = m[1:]
    return prev, nxt


def _typography(text: str) -> tuple[bool, bool, bool, bool]:
    """(curly quotes, straight quotes, em dash, ASCII dash as a dash) used in ``text``."""
    return (any(c in text for c in "’‘“”"), "'" in text or '"' in text, "—" in text, "--" in text or " - " in text)


def _style_mismatch(style: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per paragraph (rows of ``_typography``): (quotes, dashes) written in a style the rest of
    the article never uses although it writes the other one -- text pasted from another outlet."""
    rest = style.sum(0) - style
    quotes = (style[:, 0] & (rest[:, 0] == 0) & (rest[:, 1] > 0)) | (style[:, 1] & (rest[:, 1] == 0) & (rest[:, 0] > 0))
    dashes = (style[:, 2] & (rest[:, 2] == 0) & (rest[:, 3] > 0)) | (style[:, 3] & (rest[:, 3] == 0) & (rest[:, 2] > 0))
    return quotes.astype(float), dashes.astype(float)


def _paragraph_features(lines: list[_Line], body: list[int], title: str | None) -> dict[int, tuple[float, ...]]:
    """OFFTOPIC_FEATURES for each judged body paragraph (index into ``lines``).

    Each paragraph is compared with the rest of the article (leave-one-out, the
    title included when given) and with the rest minus its two neighbours (an
    inserted block may hold two paragraphs of one donor): IDF-weighted cosine
    and its ratio to the article's median, the share of its content words' IDF
    mass found elsewhere, names (mid-sentence capitals) found nowhere else, the
    same comparisons in a latent semantic space (synonyms, related topics),
    coherence with its neighbours, similarity to the title (when given) and
    typography (quote and dash styles) unlike the rest of the article's. All
    paragraphs are handled at once as a paragraph x word matrix.
    """
    voc = _vocab()
    voc.check_size()
    n = len(body)
    texts = [lines[i].text for i in body]
    toks = [_TOKEN3_RE.findall(t.lower()) for t in texts]
    toks.append(_TOKEN3_RE.findall(title.lower()) if title else [])
    sizes = [len(t) for t in toks]
    n_tok = sum(sizes)
    if not n_tok:
        return {}
    ids = np.fromiter(map(voc.word_ids.__getitem__, chain.from_iterable(toks)), dtype=np.int64, count=n_tok)
    uniq, inv = np.unique(ids, return_inverse=True)
    n_u = len(uniq)
    if (n + 1) * n_u > _MAX_CELLS:
        log.debug("off-topic model skipped: %d paragraphs x %d words", n, n_u)
        return {}
    row = np.repeat(np.arange(n + 1), sizes)
    counts = np.bincount(row * n_u + inv, minlength=(n + 1) * n_u).reshape(n + 1, n_u)
    fixed = uniq < voc.n_fixed
    idf = np.full(n_u, voc.default_idf)
    idf[fixed] = voc.idf[uniq[fixed]]
    present = counts > 0
    w = np.log(np.maximum(counts, 1))
    w += present
    w *= idf
    # leave-one-out cosine with (total - v): v.(t-v) and |t-v|^2 = |t|^2 - 2 v.t + |v|^2
    total = w.sum(0)
    wb = w[:n]
    vt = np.einsum("ij,j->i", wb, total)
    nsq = np.einsum("ij,ij->i", wb, wb)
    rest_sq = float(np.einsum("i,i->", total, total)) - 2 * vt + nsq
    ok = (nsq > 0) & (rest_sq > 1e-9)
    cos_rest = np.where(ok, (vt - nsq) / np.sqrt(np.where(ok, nsq * rest_sq, 1.0)), 0.0)
    median = float(np.sort(cos_rest)[n // 2])
    n_words = np.fromiter((len(t.split()) for t in texts), dtype=np.int64, count=n)
    content = idf > _CONTENT_IDF
    pb = present[:n]
    n_content = (pb & content).sum(1)
    judged = (n_words >= _MIN_WORDS) & (cos_rest <= _SKIP_COS_REST) & (n_content >= _MIN_CONTENT)
    cand = [k for k in np.flatnonzero(judged).tolist() if _quoted_share(texts[k]) < _MAX_QUOTED]
    if not cand:
        return {}
    # latent space: each row is the weighted sum of its words' vectors
    rows_u = np.full(n_u, -1, dtype=np.int64)
    rows_u[fixed] = voc.lsa_row[uniq[fixed]]
    has = rows_u >= 0
    # as a sparse product (~700 non-zero cells of ~12,000): dense BLAS would start threads
    r, c = np.nonzero(present & has)
    indptr = np.zeros(n + 2, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=n + 1), out=indptr[1:])
    sparse = sp.csr_array((w[r, c].astype(np.float32), rows_u[c], indptr), shape=(n + 1, len(voc.vectors)))
    lat = (sparse @ voc.vectors).astype(float)
    lat_total = lat.sum(0)
    latb = lat[:n]
    lat_rest = _row_cos(latb, lat_total - latb)
    lat_median = float(np.sort(lat_rest)[n // 2])
    k = np.array(cand)
    # neighbours (body paragraphs only)
    w_prev, w_next = _shifted(wb)
    p_prev, p_next = _shifted(pb)
    l_prev, l_next = _shifted(latb)
    wk, wp, wn = wb[k], w_prev[k], w_next[k]
    cos_adj = _row_cos(wk, wp + wn)
    has_both = (counts[:n].sum(1) > 0)
    both = np.zeros(n, dtype=bool)
    both[1:-1] = has_both[:-2] & has_both[2:]
    nb = np.where(both[k], _row_cos(wp, wn), median)
    df = present.sum(0)
    near = p_prev[k].astype(np.int64) + p_next[k]
    ck = pb[k] & content
    idf_all = (ck * idf).sum(1)
    idf_shared = ((ck & (df > 1)) * idf).sum(1)
    idf_far = ((ck & (df - near > 1)) * idf).sum(1)
    n_new = (ck & (df <= 1)).sum(1)
    lk, ln_ = latb[k], l_prev[k] + l_next[k]
    lat_far = _row_cos(lk, lat_total - lk - ln_)
    lat_adj = _row_cos(lk, ln_)
    log_paras = math.log1p(n)
    has_title = bool(title) and sizes[-1] > 0
    if has_title:
        cos_title = _row_cos(wk, np.broadcast_to(w[n], wk.shape))
        lat_title = _row_cos(lk, np.broadcast_to(lat[n], lk.shape))
    else:  # no title: the model was fitted on both cases and reads has_title
        cos_title = lat_title = np.zeros(len(k))
    style = np.array([_typography(t) for t in texts], dtype=np.int64)
    quote_mis, dash_mis = _style_mismatch(style)
    out = {}
    for j, kk in enumerate(cand):
        text = texts[kk]
        # names: mid-sentence capitals, looked up among the article's words
        name_ids = {voc.word_ids[m.lower()] for m in _MID_CAP_RE.findall(text)}
        new_names = new_far = 0
        if name_ids:
            nid = np.fromiter(name_ids, dtype=np.int64, count=len(name_ids))
            pos = np.minimum(np.searchsorted(uniq, nid), n_u - 1)
            inside = uniq[pos] == nid
            d = np.where(inside, df[pos], 0)
            nr = np.where(inside, near[j][pos], 0)
            new_names = int((d <= 1).sum())
            new_far = int((d - nr <= 1).sum())
        n_names = len(name_ids)
        c = float(cos_rest[kk])
        out[body[kk]] = (
            math.log(c + 0.005), math.log(c / max(median, 1e-3) + 0.01), safe_div(idf_shared[j], idf_all[j]),
            math.log1p(n_new[j]), math.log1p(n_content[kk]),
            math.log1p(new_names), (new_names + 0.5) / (n_names + 1), math.log1p(n_names),
            math.log(cos_adj[j] + 0.005), math.log(nb[j] + 0.005),
            math.log(median + 0.01), math.log1p(n_words[kk]), log_paras, _quoted_share(text),
            safe_div(idf_far[j], idf_all[j]), math.log1p(new_far), (new_far + 0.5) / (n_names + 1),
            float(lat_rest[kk]), float(lat_far[j]), float(lat_adj[j]), float(lat_rest[kk]) - lat_median,
            float(quote_mis[kk]), float(dash_mis[kk]), float(has_title),
            math.log(cos_title[j] + 0.005) if has_title else 0.0, float(lat_title[j]),
        )
    return out


def _probabilities(X: np.ndarray) -> np.ndarray:
    m = _model()
    z = (X - m.mean) / m.scale
    phi = np.hstack([np.ones((len(z), 1)), z, z[:, m.rows] * z[:, m.cols]])
    return 1.0 / (1.0 + np.exp(-np.clip(phi @ m.coef + m.intercept, -50.0, 50.0)))


def offtopic_probability(x: tuple[float, ...]) -> float:
    """Probability that a paragraph with features ``x`` (OFFTOPIC_FEATURES) is off-topic."""
    return float(_probabilities(np.array([x], dtype=float))[0])


def _offtopic(lines: list[_Line], labels: list[str | None], title: str | None) -> dict[int, float]:
    """Paragraphs that share (almost) nothing with the rest of the article -> probability."""
    body = [i for i, lab in enumerate(labels) if lab is None]
    if len(body) < _MIN_PARAS:
        return {}
    feats = _paragraph_features(lines, body, title)
    if not feats:
        return {}
    p = dict(zip(feats, _probabilities(np.array(list(feats.values()), dtype=float)).tolist()))
    # a paragraph in parentheses is an aside of the author's ("(By the way, fake news! ...)"),
    # which no paste from another story looks like
    for i in p:
        t = lines[i].text
        if t.startswith("(") and t.endswith(")"):
            p[i] = 0.0
    out = {i: q for i, q in p.items() if q >= _OFFTOPIC_MIN_P}
    pos = {i: k for k, i in enumerate(body)}
    for i in list(out):
        for k in (pos[i] - 1, pos[i] + 1):
            j = body[k] if 0 <= k < len(body) else -1
            if j not in out and p.get(j, 0.0) >= _OFFTOPIC_NEIGHBOUR_P:
                out[j] = p[j]
    return out


# --- public API -----------------------------------------------------------------
def find_insertions(text: str, title: str | None = None) -> list[Span]:
    """Inserted lines of ``text`` as spans (kind 'insertion'); ``title`` helps spot a repeated headline."""
    if not isinstance(text, str):
        raise TypeError(f"find_insertions() expects the article text as str, got {type(text).__name__}")
    lines = _lines(text)
    if not lines:
        return []
    labels = _rule_labels(lines, title)
    off = _offtopic(lines, labels, title)
    for i in off:
        labels[i] = "offtopic"
    _mark_edge_lists(labels)
    spans = [Span(ln.start, ln.end, "insertion", lab, "author", off.get(i)) for i, (ln, lab) in enumerate(zip(lines, labels)) if lab]
    share = _SHARE_RE.match(text, lines[0].start)
    if share and not any(s.start <= share.start() < s.end for s in spans):
        spans.insert(0, Span(share.start(), share.end(), "insertion", "share"))
    return spans


# "26 SHARES Facebook Twitter": share-button furniture at the top, a line of its own or the
# start of a text that arrives as one block.
_SHARE_RE = re.compile(
    r"[\"“]?\d[\d,.]*[KkMm]?\s+(?:SHARES?|Shares?)\b(?:[\s|,]+(?:Facebook|Twitter|Tweet|Share|Email|E-mail|Pinterest|"
    r"WhatsApp|LinkedIn|Reddit|Print|Google\+|Messenger|Flipboard|Pin|Comments?))*\s*")


# An author's biography closing the page: "Jane Doe is a reporter for ...", "— Tom Roe is a writer".
_BIO_RE = re.compile(
    r"[—–-]?\s*(?:(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+,\s+|(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+\s+"
    r"(?:is|was|has been)\s+)(?:an?|the)\s+[^.]{0,120}?\b"
    r"(?:journalist|reporter|writer|author|columnist|editor|correspondent|contributor|professor|analyst|fellow|"
    r"commentator|blogger|novelist|historian|economist|lawyer|attorney)s?\b")
_REPORTED = re.compile(r"\b(?:said|says|told|according to)\b")


def _mark_edge_lists(labels: list[str | None]) -> None:
    """Related-story lines before the first or after the last body line are the site's list."""
    body = [i for i, lab in enumerate(labels) if lab is None]
    if not body:
        return
    for i, lab in enumerate(labels):
        if lab == "related" and (i < body[0] or i > body[-1]):
            labels[i] = "related_list"


def is_edge_label(label: str) -> bool:
    """Page metadata (byline, timestamp, ...): removed from the body, not scored as an insertion."""
    return any(p in label for p in EDGE_LABEL_PARTS)


def is_furniture(label: str) -> bool:
    """True for page furniture (captions, credits, edge metadata, ...), False for inserted content."""
    return label in FURNITURE_LABELS or is_edge_label(label)


def insertion_features(text: str, spans: list[Span]) -> dict[str, float]:
    """Counts and character shares of inserted content (spam) and of page furniture.

    ``insertion_count`` counts inserted-content lines only (READ ALSO teasers inside the
    body, promotions, social calls, off-topic paragraphs); ``furniture_count`` the rest.
    """
    n_chars = len(text)
    groups = dict.fromkeys(("related", "caption", "promo", "offtopic", "edge_meta"), 0)
    counts = {"insertion": 0, "furniture": 0}
    shares = {"insertion": 0, "furniture": 0}
    for s in spans:
        if s.kind != "insertion":
            continue
        size = s.end - s.start
        part = "furniture" if is_furniture(s.label) else "insertion"
        counts[part] += 1
        shares[part] += size
        groups["edge_meta" if is_edge_label(s.label) else LABEL_GROUPS.get(s.label, "promo")] += size
    out = {f"{p}_count": float(c) for p, c in counts.items()}
    out.update({f"{p}_char_share": safe_div(v, n_chars) for p, v in shares.items()})
    for g, v in groups.items():
        out[f"{g}_char_share"] = safe_div(v, n_chars)
    return out


def clean_doc(text: str, title: str | None = None) -> tuple[Doc, list[Span]]:
    """Parse ``text`` with every inserted line blanked (offsets unchanged)."""
    spans = find_insertions(text, title)
    return parse(text, [(s.start, s.end) for s in spans]), spans


class InsertionFeatures(ArticleTransformer):
    """Insertion counts and character shares for an iterable of article texts."""

    feature_names = INSERTION_FEATURES + FURNITURE_FEATURES

    def _features(self, text: str) -> dict[str, float]:
        return insertion_features(text, find_insertions(text))
