"""Line-labelling rules for off-topic insertions: which single lines of a scraped page
are not the story's body, and what they are.

Each rule reads one line (and, for the few that need it, its neighbours): promotions of
other stories under a lead-in ("READ ALSO <headline>"), photo captions and credits
(their patterns in ``features.insertion_captions``), newsletter and social calls, bullet teasers, a biography closing the page, and page
metadata at the edges (byline, timestamp, dateline, a repeated headline). Patterns come
from the ``insertion_*_v1.txt`` lexicons and are compiled once.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from .insertion_bio import is_bio, is_callout, label_foot_bios, named_in_heading, names_again
from .insertion_boxes import BOX_WORDS, box_label, has_box_word, picker_words, repeats_a_sentence
from .insertion_captions import NAME_RX, caption_above_credit, caption_label, is_gallery_line
from .insertion_triggers import TriggerSet
from .lexicons import lexicon_lines
from .text import ENDS_SENTENCE_RE, split_paragraphs, wrapping_marks

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
def _line_rules() -> tuple[int, ...]:
    """Indices of the whole-line rules, in order."""
    return tuple(i for i, r in enumerate(_promo_rules()) if r.whole_line)


@lru_cache(maxsize=1)
def _trigger_set() -> TriggerSet:
    return TriggerSet(_promo_triggers())


# --- line-level patterns ----------------------------------------------------------
_LINE_RE = re.compile(r"[^\n]+")
# A word of a line as the line rules read it (a hyphenated compound is one word).
LINE_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
# (an arrow the scraper left HTML-escaped, "&gt;&gt; Related: ...", counts as one)
_LEAD_OPEN = re.compile(r"[\s(\[{]*(?:(?:[►▶▸»>•·■▪◆→*]|->|>>|&gt;|&raquo;)[\s]*)*")
# Between lead-in and headline: punctuation, a non-breaking space or a wide gap.
_LEAD_SEP = re.compile(r"[ \t]*(?::|\||»|>>|->|→|—|–|-(?=\s)|…|\.\.\.)[\s\u00a0]*|[ \t]*\u00a0[\s\u00a0]*|[ \t]{2,}")
_LEAD_OUTLET = re.compile(r"\s+(?:on|from|at|in|by|via)\s+(?:the\s+)?[A-Z0-9][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,3}")
# The line's first word (what _leadin's word loop looks at first: _LEAD_OPEN holds no letters).
_FIRST_WORD = re.compile(r"(?:[^A-Za-z&]|&(?:gt|raquo);)*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")


_TEASER_RE = re.compile(r"^(?:[•·▪■◆►▶‣●]|[-–*]\s)\s*\S")
NOTE_WORD_RE = re.compile(r"\b(?:[Uu]pdated?|UPDATED?|[Pp]ublished|[Pp]osted|[Cc]orrect(?:ed|ion)|[Ee]ditor)\b")
_BRACKETED = re.compile(r"^\[[^\[\]]+\]$")  # one bracketed group, not "[Source, date] text [Source, date]"
# A sentence break inside a line; abbreviations ("U.S.", "Sen.", "Dr.") are not one: a teaser bullet holds one sentence.
_SENT_BREAK = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][\"”’')\]]*\s+(?=[\"“‘]?[A-Z])")
_TEASER_HEAD = re.compile(r"^(?:story highlights|highlights|key points|in brief|at a glance|summary|tl;?dr)\s*:?$", re.I)

# --- edge metadata ------------------------------------------------------------
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
#: A month's name or abbreviation, as regex source for other modules' date patterns.
MONTH_PATTERN = _MONTH
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?"
_TIME = r"\d{1,2}(?::|\.)\d{2}(?:\s*(?:[ap]\.?m\.?|AM|PM))?(?:\s*(?:[A-Z]{2,4}|GMT[+-]?\d*))?"
_DATE = (rf"(?:{_DAY},?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
         rf"|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH})")
_TIMESTAMP_RE = re.compile(
    rf"^(?:(?:Published|Updated|Posted|Last (?:updated|modified)|Modified|Created|Date|First published|Originally published)"
    rf"(?:\s+(?:on|at))?\s*:?\s*)?(?:{_DATE}|{_TIME})(?:\s*(?:,|at|\||-|–|—|/|•)?\s*(?:{_DATE}|{_TIME}|{_DAY}))*"
    rf"(?:\s*(?:\||,|-|–)?\s*(?:Updated|Last updated)\s*:?\s*(?:{_DATE}|{_TIME})(?:,?\s*(?:at\s*)?(?:{_DATE}|{_TIME}))*)?\s*$"
    rf"|^(?:(?:Published|Updated|Posted|Last updated)\s*:?\s*)?\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago$",
    re.I,
)
_BYLINE_RE = re.compile(
    rf"^(?:[Bb]y|BY|[Ww]ritten by|[Ss]tory by|[Ww]ords by|[Aa]uthor:?|[Rr]eporting by|[Rr]eport by|[Pp]osted by)\s+"
    rf"{NAME_RX}(?:\s*(?:,|and|&)\s*{NAME_RX}){{0,3}}(?:\s*(?:,|\||–|—|-)\s*[^.!?]{{0,60}})?\.?$"
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


class Line(NamedTuple):
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
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
            out.append(Line(s, e, text[s:e]))
    return out


_MARK_CHARS = "\"“”„«»'`"


def word_count(s: str) -> int:
    """Words of a line, split at white space as the line rules count them."""
    return len(s.split())


def line_sizes(lines: list[Line]) -> list[int]:
    """Each line's number of words (split on white space), as every line rule counts them."""
    return [len(ln.text.split()) for ln in lines]


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
    for m in LINE_WORD_RE.finditer(line, pos):
        if len(words) >= 6:
            break
        if words and not _BLANKS.fullmatch(line[words[-1].end():m.start()]):
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
    if not lead_only and (word_count(rest) > 40 or not re.search(r"[A-Za-z0-9]", rest)):
        return None
    if not lead_only and _FULL_STOP_END.search(rest) and word_count(rest) >= 20:
        return None  # "Flashback: When coronavirus reached Iran, ... would swiftly return to normal.": a paragraph's run-in label, not a headline
    return best


_FULL_STOP_END = re.compile(r"(?<!\.)\.[\"”’')\]]*\s*$")  # a sentence's full stop, not a teaser's "..."


def _related_runin(line: str) -> str | None:
    """'related' for a teaser whose "Related" lead-in runs into the headline with no separator
    ("Related Forgotten Utah lands are key to economic growth"); a sentence is not one."""
    m = _RELATED_RUNIN.match(line)
    if m is None:
        return None
    rest = line[m.end():]
    return "related" if 3 <= word_count(rest) <= 20 and _headline_like(rest) else None


_RELATED_RUNIN = re.compile(r"^Related\s+(?=[A-Z0-9“\"‘'])")


def _headline_like(line: str) -> bool:
    """A bare headline under a lead-in: short and not a body sentence."""
    n = word_count(line)
    if n == 0 or n > 25:
        return False
    if _TEASER_RE.match(line):
        return True
    # truncated teasers end in an ellipsis, not a sentence
    return not ENDS_SENTENCE_RE.search(line) or line.endswith(("?", "...", "…"))


# A line opening with a quotation closed and attributed ('“... FINISH THE WALL!” it also says.'): the
# story quoting a text, whatever the text asks of its readers.
_QUOTED_RE = re.compile(r"[“\"][^“”\"]+[”\"]\s*,?\s+(?:(?:it|he|she|they|the\s+\w+|[A-Z][\w'’-]+)\s+)?(?:also\s+)?"
                        r"(?:says|said|reads|read|wrote|writes|adds|added|remarked|continues|continued|states|stated|told)\b")


def _promo(line: str, n_words: int | None = None) -> str | None:
    n = word_count(line) if n_words is None else n_words
    if n > BOX_WORDS and has_box_word(line) and (picked := picker_words(line)):
        n = min(n - picked, BOX_WORDS)  # a form's select list makes the line a box however long, if two cues agree
    if n > BOX_WORDS or _QUOTED_RE.match(line):
        return None
    boxed = n > 40 and has_box_word(line)
    if n > 40 and not boxed and not repeats_a_sentence(line):
        return None  # most long lines: a paragraph with no sign-up or notice word, decided before the scan
    core = line.strip(" \t\u00a0.:!|·•-–—()[]»>")
    short = n <= 10
    low = core.lower()
    cued = _trigger_set().groups_in(low)
    if not short and not cued:
        return None
    if n > 40:  # (a repeated blurb is looked for only now where a box word let the line through)
        return box_label(line, core, cued, _promo_rules(), not boxed or repeats_a_sentence(line))
    rules = _promo_rules()
    # only the rules that can fire, in the rules' order: a short line's whole-line rules and the cued ones
    tried = (sorted(cued.union(_line_rules())) if cued else _line_rules()) if short else sorted(cued)
    for i in tried:
        rule = rules[i]
        if rule.whole_line:
            if short and rule.pattern.match(core):
                return rule.label
        elif i in cued and (m := rule.pattern.search(core)):
            if _TIME_THEN_STOP.search(line):
                continue  # "... residents can speak (18:30).": a sentence's full stop after the time, not a title's running time
            if _quote_open_at(core, m.start()):
                continue  # 'The website reads: "Parents, click here to read ..."': the story quotes the call
            return rule.label
    return None


def _quote_open_at(line: str, pos: int) -> bool:
    """True when the line opens with the story's words and a quotation is still open at ``pos``
    (the call is quoted, not the page's), whichever of the line's quotations holds it: a straight
    mark toggles, a curly one opens or closes (a straight quote closed by a curly one is closed)."""
    first = QUOTE_MARK_RE.search(line, 0, pos)
    if first is None or not _WORD.search(line, 0, first.start()):
        return False
    is_open = False
    for q in QUOTE_MARK_RE.finditer(line, first.start(), pos):
        is_open = (not is_open) if q.group() == '"' else q.group() == "“"
    return is_open


QUOTE_MARK_RE = re.compile(r"[“”\"]")
_WORD = re.compile(r"\w")

# A bracketed time closing a sentence (its full stop after the bracket); the stop is stripped from ``core``.
_TIME_THEN_STOP = re.compile(r"\(\d{1,2}:\d{2}\)\.\s*$")


def _edge_label(line: str, title_key: str | None) -> str | None:
    if word_count(line) > 30:
        return None
    if title_key and _norm(line) == title_key:
        return "headline"
    if _TIMESTAMP_RE.match(line):
        return "timestamp"
    if _BYLINE_RE.match(line) and word_count(line) <= 16:
        return "byline"
    if _CONTRIB_RE.match(line):
        return "byline"
    if _VIA_RE.match(line):
        return "byline_via"
    if _DATELINE_RE.match(line) and word_count(line) <= 8:
        return "dateline"
    return None


def _norm(s: str) -> str:
    return _NON_WORD_RUN.sub(" ", s.casefold()).strip()


def story_above(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """True when an unmarked body paragraph stands above line ``i``: a rule for the page's foot
    needs the story before it (a one-block export is a single line, at its own foot)."""
    return any(labels[j] is None and is_body(lines[j].text) for j in range(i))


def story_below(lines: list[Line], labels: list[str | None], i: int, passes: Callable[[str], object]) -> bool:
    """True when an unmarked body paragraph stands below line ``i`` that ``passes`` does not let
    through (a rule for the foot names the lines that may follow it: more questions, more notes)."""
    return any(labels[j] is None and is_body(lines[j].text) and not passes(lines[j].text)
               for j in range(i + 1, len(lines)))


def is_body(line: str) -> bool:
    """A line that reads as a body paragraph (ends a sentence, long enough)."""
    return word_count(line) >= 15 and bool(ENDS_SENTENCE_RE.search(line)) and not _TEASER_RE.match(line)


def _between_paragraphs(lines: list[Line], labels: list[str | None], i: int) -> bool:
    """True when line ``i`` stands between the story's paragraphs: an unmarked body paragraph
    above it and one below that is not itself a biography. An author's biography heads or
    closes the page; a sentence introducing someone between paragraphs is the story's, unless a
    short heading above names that person (a contributor's section in a page of several writers)."""
    return story_above(lines, labels, i) and any(
        is_body(lines[j].text) and not is_bio(lines[j].text) for j in range(i + 1, len(lines))) \
        and not named_in_heading(lines[i].text, [ln.text for ln in lines[:i]])


def rule_labels(lines: list[Line], title: str | None, sizes: list[int] | None = None) -> list[str | None]:
    """The label of each line that a rule marks (None: a body line), ``title`` helping to
    spot a repeated headline; ``sizes`` are the lines' word counts (``line_sizes``) when the
    caller has them. Single-line rules first, then the rules that read a line's neighbours."""
    sizes = line_sizes(lines) if sizes is None else sizes
    labels = _single_line_labels(lines, title, sizes)
    caption_above_credit([ln.text for ln in lines], labels, sizes)
    _top_teasers(lines, labels)
    _resources_foot(lines, labels, sizes)
    _embedded_tweets(lines, labels)
    return labels


def _single_line_labels(lines: list[Line], title: str | None, sizes: list[int]) -> list[str | None]:
    n = len(lines)
    labels: list[str | None] = [None] * n
    title_key = _norm(title) if title and title.strip() else None
    seen_top: list[str] = []
    for i, ln in enumerate(lines):
        t = ln.text
        at_edge = i < _EDGE_LINES or i >= n - _EDGE_LINES
        lab = _promo(t, sizes[i])
        if lab is None or sizes[i] <= 4:  # a bare "LISTEN" / "CONTINUE READING" may still head a headline
            li = _leadin(t)
            if li is not None:
                lab = lab or "related"
                if li[0]:  # a bare "Related:" line: the headlines follow on their own lines
                    _headlines_under(lines, labels, i)
        if lab is None and t.startswith("Related"):
            lab = _related_runin(t)
        if lab is None and t[0] == "[" and _BRACKETED.match(t) and 5 <= sizes[i] <= 20 and _headline_like(t[1:-1]):
            # "[Spotted: Donald Trump Jr. heading toward Pelosi’s office]": a story's headline as a link;
            # "[Breaking news update at 10:34 p.m. ET]": the newsroom's note on this story
            lab = "editor_note" if NOTE_WORD_RE.search(t) else "related"
        if lab is None and _SEPARATOR.match(t):
            lab = "navigation"
        if lab is None and sizes[i] <= 5 and i >= n - 4 and _FOLLOW_FOOT.match(t):
            lab = "social"
        if lab is None and sizes[i] > 40 and i >= n - 4:
            lab = _foot_notice(t)
            if lab is not None and not story_above(lines, labels, i):
                lab = None  # a text without paragraph breaks is one line at its own foot: the notice opens the story
        if lab is None and sizes[i] <= 120 and is_callout(t):
            lab = "promo"
        if lab is None and labels[i] is None:
            lab = caption_label(t, sizes[i])
        if lab is None and is_gallery_line(t) and any(is_body(x.text) for j, x in enumerate(lines) if j != i):
            lab = "caption"  # a whole text run into one line holds the story too
        if lab is None and at_edge:
            lab = _edge_label(t, title_key)
        if lab is None and (i < _EDGE_LINES or i >= n - 8) and sizes[i] <= 80 and is_bio(t) \
                and not (i + 1 < n and names_again(t, lines[i + 1].text)) \
                and not (i < n - 8 and _between_paragraphs(lines, labels, i)):  # the foot's lines below are furniture
            lab = "bio"
        if lab is None and i < _EDGE_LINES + 2 and _TIMESTAMP_RE.match(t):
            lab = "timestamp"
        if lab is None and i < 3:  # the lines above normalised only for a short line (most top lines are paragraphs)
            if sizes[i] <= 30 and not is_body(t) and (key := _norm(t)) and key in map(_norm, seen_top):
                lab = "headline_repeat"
            seen_top.append(t)
        if lab is not None and labels[i] is None:
            labels[i] = lab
    label_foot_bios([ln.text for ln in lines], labels, sizes, _EDGE_LINES)
    return labels


def _headlines_under(lines: list[Line], labels: list[str | None], i: int) -> None:
    """Headlines on the lines after a bare lead-in at ``i`` are related stories."""
    for j in range(i + 1, min(len(lines), i + 6)):
        # "Source: Infowars" under a "Related Articles" head credits this story
        if _VIA_RE.match(lines[j].text) or _BYLINE_RE.match(lines[j].text):
            break  # a byline ("by Jane Doe") under "Video by ..." names the author, it is no headline
        if labels[j] is None and _headline_like(lines[j].text) and _leadin(lines[j].text) is None:
            labels[j] = "related"
        else:
            break


def _top_teasers(lines: list[Line], labels: list[str | None]) -> None:
    """Bullet teasers above the body; bullets that restate the story's own sentences are its
    standfirst (summary points), edge metadata like a repeated headline, while teasers for
    other stories share few words with it."""
    top = []
    for i in range(min(len(lines), 8)):
        if labels[i] is not None and labels[i] != "teaser":
            continue
        t = lines[i].text
        if (_TEASER_RE.match(t) and _SENT_BREAK.search(t) is None) or _TEASER_HEAD.match(t):
            labels[i] = "teaser"
            top.append(i)
        elif is_body(t):
            break
    if top:
        rest = set(TOKEN_RE.findall(" ".join(ln.text for ln in lines[top[-1] + 1 :]).lower()))
        for i in top:
            words = [w for w in TOKEN_RE.findall(lines[i].text.lower()) if len(w) > 3]
            if len(words) >= 3 and sum(w in rest for w in words) >= _RESTATED * len(words):
                labels[i] = "headline_repeat"


def _resources_foot(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """Under a "Recommended Resources" head at the foot of the page every line is the site's
    promotion of its own products, however much each reads like a sentence."""
    n = len(lines)
    for i in range(max(0, n - 15), n):
        if _RESOURCES_HEAD.match(lines[i].text):
            for j in range(i + 1, n):
                if labels[j] is None and sizes[j] <= 60:
                    labels[j] = "promo"
            break


def _embedded_tweets(lines: list[Line], labels: list[str | None]) -> None:
    """An embedded tweet ("... Follow @x so you don't miss it." then "— Name (@handle) date")
    is content the outlet chose to show, not the site's own social call."""
    for i in range(1, len(lines)):
        if is_tweet_signature(lines[i].text):
            if labels[i - 1] in ("social", "promo"):
                labels[i - 1] = None
            if labels[i] in ("caption", "credit"):  # the signature names the tweet's author
                labels[i] = None
            # a symbol line after a tweet divides the author's own run of quoted tweets
            if i + 1 < len(lines) and labels[i + 1] == "navigation" and _SEPARATOR.match(lines[i + 1].text):
                labels[i + 1] = None


def unmark_runin_tweets(lines: list[Line], labels: list[str | None]) -> None:
    """Clear, in place, the label of a line that closes with an embedded tweet's signature run
    into it ("Video: ... pic.twitter.com/x — Name (@handle) May 11, 2020"): the tweet is content
    the outlet chose to show, whatever its own first word ("Photo:", "WATCH:", "CORRECTION:")."""
    for i, ln in enumerate(lines):
        if labels[i] and "(@" in ln.text and _TWEET_RUNIN.search(ln.text):
            labels[i] = None


def is_tweet_signature(line: str) -> bool:
    """True for an embedded tweet's closing line ("— Name (@handle) May 4, 2018")."""
    return _TWEET_SIGNATURE.match(line) is not None


def _foot_notice(line: str) -> str | None:
    """A long paragraph at the foot that opens as a correction, disclosure or promotion does
    ("Correction: A previous version ...", "Subscribe to the ... newsletter ...")."""
    head = line[:_NOTICE_HEAD]
    rules = _promo_rules()
    for i in sorted(_trigger_set().groups_in(head.lower())):  # the rules whose trigger the head holds, in order
        m = rules[i].pattern.search(head)
        if m and m.start() == 0:
            return rules[i].label
    return None


# A bare "FOLLOW ZOA" under the story: mid-page, such a line is a crosshead ("FOLLOW SOCIAL DISTANCING").
_FOLLOW_FOOT = re.compile(r"^(?:FOLLOW|Follow)(?:\s+[A-Z@][\w@.&'’-]*){1,4}$")
_SEPARATOR = re.compile(r"^[-_=*~.•·#+|/\\<>–—…\s]+$")
# A foot notice's cue opens the paragraph: a later "sign up" or "follow" may be the story's.
_NOTICE_HEAD = 40


_RESOURCES_HEAD = re.compile(r"^(?:recommended|sponsored|partner) (?:resources|links)\s*:?$", re.I)
#: Share of a top bullet's words found in the body for it to be a summary of this story.
_RESTATED = 0.7
_TWEET_SIGNATURE = re.compile(rf"^[—–-]\s*[^\n]{{1,80}}\(@\w{{1,30}}\)\s+{_MONTH}\.?\s+\d{{1,2}},\s+\d{{4}}\s*$")
# The same signature closing the tweet's own text on one line.
_TWEET_RUNIN = re.compile(rf"\S\s+[—–-]\s*[^\n—–]{{1,80}}\(@\w{{1,30}}\)\s+{_MONTH}\.?\s+\d{{1,2}},\s+\d{{4}}\s*$")


TOKEN_RE = re.compile(r"[a-z][a-z'’-]*[a-z]")


# A section label the page runs into the line after it ("Story highlights Trump is expected to ...").
HEAD_PREFIX_RE = re.compile(r"(?:Story highlights|STORY HIGHLIGHTS)\s+(?=[A-Z0-9\"“‘'$(])")
# A dated update or correction note run into the paragraph it heads ("UPDATE: Dec. 3, 2018, 3:19 p.m. PST Tesla ..."),
# or an update's bare label.
# An "Original report:" label under the updates of a story that was rewritten as it developed.
NOTE_PREFIX_RE = re.compile(
    rf"\[?(?:(?:UPDATED?|Updated?|CORRECTION|Correction)\s*[:—–-]\s*{_MONTH}\.?\s+\d{{1,2}},?(?:\s+\d{{4}},?)?"
    r"(?:\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\.?(?:\s+[A-Z]{2,4})?)?\s*[:.—–-]?"
    rf"|(?:UPDATED?|Updated?),?\s+\d{{1,2}}(?::\d{{2}})?\s*[ap]\.?\s?m\.?(?:\s+[A-Z]{{2,4}})?(?:,?\s+{_MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?)?\s*:"
    r"|(?:Original|ORIGINAL) (?:[Rr]eport|[Ss]tory|[Pp]ost|REPORT|STORY|POST)\s*:"
    # the bare label of an update paragraph ("UPDATE: A smart reader points out ...")
    r"|(?:UPDATED?|Updated?)\s*:)\s+(?=[A-Z0-9\"“])")
# A wiki's section-edit link run onto its heading ("Background [ edit ]", MediaWiki): only the link is the site's,
# except under the headings of the page's own link lists ("See also [ edit ]"), which are navigation whole.
EDIT_TAIL_RE = re.compile(r"(?:^(?:See also|External links|Further reading|References)\s+|(?:^|(?<=\s)))\[\s?edit\s?\]$")
# A page script's call left in the text by the scraper ("brightcove.createExperiences();").
SCRIPT_PREFIX_RE = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+\([^()\n]{0,60}\);(?=\s|$)")


# "26 SHARES Facebook Twitter": share-button furniture at the top, a line of its own or the
# start of a text that arrives as one block.
SHARE_RE = re.compile(
    r"[\"“]?\d[\d,.]*[KkMm]?\s+(?:SHARES?|Shares?)\b(?:[\s|,]+(?:Facebook|Twitter|Tweet|Share|Email|E-mail|Pinterest|"
    r"WhatsApp|LinkedIn|Reddit|Print|Google\+|Messenger|Flipboard|Pin|Comments?))*\s*")


# Compiled once: these run per word of a line's lead and per line of every article.
_BLANKS = re.compile(r"[ \t]+")
_NON_WORD_RUN = re.compile(r"\W+")


def mark_edge_lists(labels: list[str | None]) -> None:
    """Related-story lines before the first or after the last body line are the site's list."""
    body = [i for i, lab in enumerate(labels) if lab is None]
    if not body:
        return
    for i, lab in enumerate(labels):
        if lab == "related" and (i < body[0] or i > body[-1]):
            labels[i] = "related_list"
