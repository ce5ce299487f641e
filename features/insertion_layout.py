"""Page-layout rules of the insertion detector: runs of lines that only together show what
they are, applied after the single-line rules of ``features.insertion_rules``.

A video player's control text spread over many short lines, a row of links separated by
bars, a product push standing between two promotions at the foot of the page, and
headline-case lines closing the page after the story's last sentence.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .insertion_bio import REPORTED_RE
from .insertion_captions import points_into_picture
from .insertion_rules import (
    LINE_WORD_RE, NOTE_WORD_RE, QUOTE_MARK_RE, Line, is_body, line_sizes, story_above, word_count,
)
from .lexicons import lexicon_lines
from .text import ENDS_SENTENCE_RE

__all__ = ["foot_labels", "layout_labels"]


def layout_labels(lines: list[Line], labels: list[str | None], sizes: list[int] | None = None) -> None:
    """Label, in place, the lines that the layout rules mark (lines already labelled keep
    their label, except that a video player takes over its own button text); ``sizes`` are
    the lines' word counts (``line_sizes``) when the caller has them."""
    sizes = line_sizes(lines) if sizes is None else sizes
    _player_blocks(lines, labels, sizes)
    _link_lists(lines, labels, sizes)
    _promo_runs(lines, labels, sizes)
    _trailing_headlines(lines, labels, sizes)
    _kicker_teasers(lines, labels, sizes)
    _repeated_lines(lines, labels, sizes)
    _caption_runs(lines, labels, sizes)
    _headshot_names(lines, labels)


def foot_labels(lines: list[Line], labels: list[str | None], sizes: list[int] | None = None) -> None:
    """Label, in place, the author's box at the foot ("About <Name>" and the lines under it, a
    last line introducing someone the story never names). Run after the off-topic model, whose
    paragraph statistics were fitted on bodies that still held such lines."""
    sizes = line_sizes(lines) if sizes is None else sizes
    _about_box(lines, labels, sizes)
    _foot_bio(lines, labels, sizes)
    _reader_question(lines, labels, sizes)


def _player_blocks(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """A video player's control text ("Current Time 0:00", "Playback Rate", "Captions"), one
    label a line; inside a block of two or more unmistakable lines the short ambiguous ones
    around them ("/", "1", "White", "None") belong to the player too."""
    strong, weak = _player_patterns()
    hits = [i for i, ln in enumerate(lines) if sizes[i] <= 15 and labels[i] in _PLAYER_OVERRIDES and strong.match(ln.text)]
    for i in hits:
        labels[i] = "navigation"
    if len(hits) < 2:
        return
    for i in hits:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and labels[j] in _PLAYER_OVERRIDES and sizes[j] <= 4 \
                    and (weak.match(lines[j].text) or strong.match(lines[j].text)):
                labels[j] = "navigation"
                j += step


def _link_lists(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """A row of links to other stories separated by bars ("HURRICANE IRMA | Tracking maps |
    Supply kit"): several short headline fragments, none a sentence."""
    for i, ln in enumerate(lines):
        if labels[i] is not None or sizes[i] > 150 or " | " not in ln.text:
            continue
        parts = [p.strip() for p in _BAR_SPLIT.split(ln.text)]
        kicker = len(parts) >= 2 and _KICKER.match(parts[0]) is not None
        if (len(parts) >= 3 or kicker) and all(p and word_count(p) <= 15 and not ENDS_SENTENCE_RE.search(p) for p in parts):
            labels[i] = "related"


def _promo_runs(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """At the foot of the page, a line standing between two promotions is one of them (a book
    or product push whose own wording carries no cue). Bare "AD" markers between paragraphs
    do not count: they stand between the story's own paragraphs."""
    n = len(lines)
    push = [labels[i] in _PUSH and sizes[i] >= 5 for i in range(n)]
    for i in range(max(1, n - 10), n - 1):
        if labels[i] is None and sizes[i] <= 80 and push[i - 1] and push[i + 1] and not QUOTE_MARK_RE.search(lines[i].text):
            labels[i] = "promo"
    # Inside the body, a newsletter box's tagline ("The local news you need to start your day")
    # between its sign-up lines: short, not a sentence, both neighbours more than a bare marker.
    for i in range(1, n - 1):
        t = lines[i].text
        if labels[i] is None and sizes[i] <= 12 and labels[i - 1] in _PUSH and labels[i + 1] in _PUSH \
                and min(sizes[i - 1], sizes[i + 1]) >= 3 and not ENDS_SENTENCE_RE.search(t) and not QUOTE_MARK_RE.search(t):
            labels[i] = "promo"
    # A box's heading lines ("Breaking News", "Be the first to know when big news breaks") stand
    # above two or more of its sign-up lines: at most two short lines, none a sentence.
    starts = [j for j in range(1, n - 1) if labels[j] in _PUSH and labels[j + 1] in _PUSH
              and min(sizes[j], sizes[j + 1]) >= 3 and labels[j - 1] not in _PUSH]
    for j in starts:
        for k in (j - 1, j - 2):
            if k < 0 or labels[k] is not None or not _box_head(lines[k].text, sizes[k]):
                break
            labels[k] = "promo"


def _box_head(text: str, size: int) -> bool:
    """Short, not a sentence, no quotation: a box's heading or tagline."""
    return size <= 10 and not ENDS_SENTENCE_RE.search(text) and not QUOTE_MARK_RE.search(text) and not text.endswith(":")


def _repeated_lines(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """A line repeating the body line just above it word for word is a caption the page built
    from that sentence (a gallery's, or a photo's beside its paragraph). A repeat further away
    is more often an export that doubled the text, and is left alone."""
    for i in range(1, len(lines)):
        t = lines[i].text
        # (equal word counts first: case folding keeps white space and never folds a character to
        # nothing or to white space, so lines equal when folded have as many words)
        if labels[i] is None and labels[i - 1] is None and 6 <= sizes[i] <= 60 and sizes[i] == sizes[i - 1] \
                and "(@" not in t and t.casefold() == lines[i - 1].text.casefold():
            labels[i] = "caption"  # "(@": an embedded tweet's text repeated beside the embed


def _caption_runs(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """Two or more sentence-long lines in a row that end no sentence, standing between the story's
    paragraphs, are the captions of a gallery or of pictures set between them (a Daily Mail page:
    "Former VP Biden, pictured right, with his son Beau, who was Attorney General of Delaware").
    A story's own paragraphs end their sentences; a list's items end in ";" or ","; a page whose
    paragraphs end no sentence at all (an export that lost its full stops) is left alone."""
    n = len(lines)
    # a line already marked a caption by its own cue ("..., pictured right, ...") still belongs to the run
    cand = [(labels[i] is None or (labels[i] == "caption" and points_into_picture(lines[i].text)))
            and _caption_like(lines[i].text, sizes[i]) for i in range(n)]
    if sum(cand) < 2:
        return
    body = [i for i in range(n) if labels[i] is None and not cand[i] and sizes[i] >= _RUN_WORDS[0]]
    if sum(ENDS_SENTENCE_RE.search(lines[i].text) is not None for i in body) < _RUN_BODY * len(body):
        return
    # a paragraph, an embedded post or furniture on either side: not a crosshead over the lines, not
    # another item of a list, not the page's last lines
    beside = [labels[i] is not None or (sizes[i] >= _RUN_WORDS[0] and not cand[i]
                                        and (ENDS_SENTENCE_RE.search(lines[i].text) is not None or "(@" in lines[i].text))
              for i in range(n)]
    i = 0
    while i < n:
        if not cand[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and cand[j + 1]:
            j += 1
        # a line ending in ":" introduces a list ("... in the following ways:"), whose items end no sentence
        listed = lines[i - 1].text.endswith(":")
        # a short line over one twice its length: a crosshead over a paragraph that lost its full stop
        crosshead = j == i + 1 and sizes[i] <= 10 and sizes[j] >= 2 * sizes[i]
        # every line opening on a pronoun or connective: the text going on from line to line, not captions
        goes_on = all(_RUN_GOES_ON.match(lines[k].text) for k in range(i, j + 1))
        if (i >= _RUN_TOP or _story_then_furniture_above(lines, labels, sizes, i)) and not crosshead and not goes_on and 2 <= j - i + 1 <= _RUN_MAX and beside[i - 1] and not listed and j + 1 < n and beside[j + 1]:
            for k in range(i, j + 1):
                labels[k] = "caption"
        i = j + 1


def _story_then_furniture_above(lines: list[Line], labels: list[str | None], sizes: list[int], i: int) -> bool:
    """True when a page's lead-in ("Scroll down for video") stands right above line ``i`` and the story's
    sentences above that: the standfirst is over, what follows the lead-in is the page's. (A caption above
    leaves it open: a "Story highlights" box may follow the picture.)"""
    return i >= 2 and labels[i - 1] in _LEADIN_LABELS and any(
        labels[j] is None and sizes[j] >= _RUN_WORDS[0] and ENDS_SENTENCE_RE.search(lines[j].text) is not None
        for j in range(i - 1))


def _caption_like(text: str, size: int) -> bool:
    """A sentence's length, opening with a capital, ending no sentence, not a heading, a quotation,
    a kicker's headline ("Reports:Nancy Pelosi wants ...") or an embed."""
    if not _RUN_WORDS[0] <= size <= _RUN_WORDS[1] or ENDS_SENTENCE_RE.search(text) or text[-1] in ":;,":
        return False
    if not text[0].isupper() or _RUN_NOT.search(text) or _KICKER_HEAD.match(text):
        return False  # (a quotation mark opening it: the story quoting someone)
    if REPORTED_RE.search(text) and QUOTE_MARK_RE.search(text):
        return False  # '"Writing checks ... is Obamacare," the memo says': the story's quotation
    words = [w for w in LINE_WORD_RE.findall(text) if len(w) > 3]
    return sum(w[0].isupper() for w in words) < 0.8 * len(words)


def _headshot_names(lines: list[Line], labels: list[str | None]) -> None:
    """A bare name between two body paragraphs, once in the page, naming someone the page
    introduces elsewhere (the author's bio line), is the caption of a headshot."""
    hits = [i for i in range(1, len(lines) - 1) if labels[i] is None and _NAME_LINE.match(lines[i].text)]
    if len(hits) != 1:
        return  # a transcript's speaker names, not one headshot
    i = hits[0]
    name = lines[i].text
    if is_body(lines[i - 1].text) and is_body(lines[i + 1].text) \
            and any(name in ln.text and labels[j] == "bio" for j, ln in enumerate(lines)):
        labels[i] = "caption"


def _about_box(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """An "About the author" / "About <Name>" box at the foot: the head is the site's, the
    lines under it are the author's (or the organisation's) biography."""
    n = len(lines)
    for i in range(max(0, n - 5), n - 1):
        if labels[i] is None and _ABOUT_HEAD.match(lines[i].text):
            labels[i] = "navigation"
            for j in range(i + 1, n):
                if labels[j] is None and sizes[j] <= 80:
                    labels[j] = "bio"
            return


@lru_cache(maxsize=1)
def _role_pattern() -> re.Pattern[str]:
    """Any role word of the lexicon, whole, in either number. A news sentence about a newcomer
    usually says what they did; a biography says what they are."""
    words = sorted(lexicon_lines("insertion_roles_v1.txt"), key=len, reverse=True)
    if not words:
        raise ValueError("insertion_roles_v1.txt is empty")
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")s?\b", re.I)


def _foot_bio(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """One of the page's last two lines introducing, by a role, someone the rest of the page never
    names ("Christian Whiton was a senior advisor ...") is the author's biography, under the story's
    paragraphs (a short text of one or two lines may open with such a sentence)."""
    n = len(lines)
    for i in range(max(0, n - 2), n):
        t = lines[i].text
        m = _BIO_OPEN.match(t)
        # the role is what the person is ("... was a senior advisor"), not a title before the name ("Fed Chairman Jerome Powell is slated ...")
        if labels[i] is not None or sizes[i] > 80 or m is None or not _role_pattern().search(t, m.end()) or REPORTED_RE.search(t):
            continue
        surname = re.compile(rf"\b{re.escape(m.group(1))}\b")
        if not any(surname.search(ln.text) for j, ln in enumerate(lines) if j != i) and story_above(lines, labels, i):
            labels[i] = "bio"


# "What do you think?", "Do you agree with her?": the page asking its reader, not the story's own question
_ASKS_READER = re.compile(
    r"(?:what do you think|do you (?:think|agree|believe)|what are your thoughts|would you (?:support|vote))\b[^?\"“”]*\?$", re.I)


def _reader_question(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """The story's last unmarked line, when it is only a short question to the reader ("What do you
    think?") under the story's paragraphs, is the page's call for comments."""
    i = max((j for j in range(len(lines)) if labels[j] is None), default=-1)
    if i > 0 and sizes[i] <= 12 and _ASKS_READER.match(lines[i].text) and story_above(lines, labels, i):
        labels[i] = "navigation"


def _trailing_headlines(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """Headline-case lines closing the page, after the story's last sentence, are other
    stories' headlines or advertisers' ("How To Easily Kill All Indoor Odor ...")."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 8), -1):
        t = lines[i].text
        if labels[i] is not None or (sizes[i] <= 20 and not t.endswith(":") and _FOOT_CREDIT.search(t)):
            continue  # a contributor line is the story's byline, not a headline
        if not _headline_case(t, sizes[i]):
            break
        labels[i] = "related"


def _kicker_teasers(lines: list[Line], labels: list[str | None], sizes: list[int]) -> None:
    """Another story's headline under a capitalised kicker ("ENDORSEMENT: Hillary Clinton has
    needed knowledge, experience"), standing between body paragraphs with no lead-in: a kicker
    line that ends no sentence, whose nearest unmarked neighbours on both sides are paragraphs.
    A kicker heading two or more lines ("VERDICT: False", "VERDICT: True, but misleading") is the
    story's own section label, and a dated note's ("UPDATE:") is the newsroom's, not a teaser."""
    kickers = [m.group(1) if (m := _CAPS_KICKER.match(ln.text)) else None for ln in lines]
    seen = Counter(k for k in kickers if k)
    hits = [i for i, ln in enumerate(lines) if labels[i] is None and 5 <= sizes[i] <= 20 and kickers[i]
            and seen[kickers[i]] == 1 and not NOTE_WORD_RE.search(kickers[i]) and _kicker_line(ln.text)]
    for i in hits:
        if _body_beside(lines, labels, i, -1, hits) and _body_beside(lines, labels, i, 1, hits):
            labels[i] = "related"


def _kicker_line(text: str) -> bool:
    """A one- or two-word capitalised kicker, a colon, then a headline that ends no sentence; a
    line in capitals throughout is a warning or the page's own heading."""
    m = _CAPS_KICKER.match(text)
    if m is None:
        return False
    rest = text[m.end():]
    return rest[:1].isupper() and not rest.isupper() and not rest.rstrip().endswith(_SENTENCE_ENDS) \
        and not QUOTE_MARK_RE.search(rest)


def _body_beside(lines: list[Line], labels: list[str | None], i: int, step: int, hits: list[int]) -> bool:
    """The nearest line from ``i`` in direction ``step`` that is neither another kicker teaser
    nor a related-story line reads as a body paragraph."""
    j = i + step
    while 0 <= j < len(lines) and (j in hits or labels[j] == "related"):
        j += step
    return 0 <= j < len(lines) and labels[j] is None and is_body(lines[j].text)


_CAPS_KICKER = re.compile(r"^([A-Z]{3,}(?: [A-Z]{2,})?):\s*")
_SENTENCE_ENDS = (".", "!", "?", "\"", "”", "'", "’", ":", ";", ",")


def _headline_case(line: str, n_words: int) -> bool:
    """Four to 25 words, not ending a sentence, nearly every longer word capitalised."""
    if not 4 <= n_words <= 25 or line.endswith((".", "”", '"', ":")) or line[:1] in "“\"‘'—–-" or "(@" in line:
        return False  # a sentence, a quotation or a tweet's signature
    if n_words <= 7 and "," in line:
        return False  # "Kyle Smith, National Review": a writer and outlet credit
    if len(_EXCLAIMED.findall(line)) >= 2:
        return False  # "So, GO TRUMP GO! GOD BLESS AMERICA!": two exclamations or questions are speech, not a headline
    words = [w for w in LINE_WORD_RE.findall(line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_EXCLAIMED = re.compile(r"[!?](?=\s|$)")


@lru_cache(maxsize=1)
def _player_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(unmistakable, ambiguous) whole-line patterns of video-player text."""
    kinds: dict[str, list[str]] = {"strong": [], "weak": []}
    for ln in lexicon_lines("insertion_player_v1.txt"):
        kind, rx = ln.split("\t")
        if kind not in kinds:
            raise ValueError(f"insertion_player_v1.txt: unknown kind {kind!r} (strong or weak)")
        kinds[kind].append(rx)
    return tuple(re.compile("^(?:" + "|".join(kinds[k]) + ")$", re.I) for k in ("strong", "weak"))  # type: ignore[return-value]


# Labels a player block may take over: "Close" and "Play" alone read as promo buttons.
_PLAYER_OVERRIDES = (None, "promo", "navigation", "social")
_BAR_SPLIT = re.compile(r"\s+\|\s+")
_KICKER = re.compile(r"^[A-Z][A-Z0-9&'’ -]{2,40}$")
_PUSH = ("promo", "social")
_FOOT_CREDIT = re.compile(r"\b(?:[Rr]eport(?:ed|s|ing)|[Cc]ontribut\w+|[Ww]ritten|Credit)\b|^By\b")
# "Julian Zelizer": two or three capitalised words (a middle initial allowed), nothing else.
_NAME_LINE = re.compile(r"^[A-Z][a-z'’-]+(?: [A-Z]\.)?(?: [A-Z][a-z'’-]+){1,2}$")

# Caption runs: not among the first lines (a standfirst's summary points), 8-45 words a line, at most
# four in a row (a longer run is a list or a fact box); the page's other unmarked lines of that length mostly end their sentences.
_RUN_TOP = 5
_LEADIN_LABELS = ("navigation", "promo")
_RUN_WORDS = (8, 45)
_RUN_MAX = 4
_RUN_BODY = 0.6
# (a site's name hover-cards, "Joe Barton Joe Linus BartonLongtime GOP aide ... MORE (Texas)", mark a list of names)
_RUN_NOT = re.compile(r"[•|@]|[—–]\s|https?://|pic\.twitter|[a-z][A-Z][a-z][^\n]{0,300}?\bMORE\b")
_KICKER_HEAD = re.compile(r"^(?:\S+\s+){0,5}?\S*:")
# A caption names who or what the picture shows; a line opening on a pronoun or a connective goes on from the
# text before it. A run whose every line does so is prose that lost its full stops ("They generally can't be
# punished ..." over "And public school newspapers are ..."), not captions; a Daily Mail caption may open on "He"
# beside captions that name their subject, so one such line does not undo a run.
_RUN_GOES_ON = re.compile(r"(?:He|She|They|It|It's|We|I|You|Her|His|Their|Its|Our|My|And|But|So|Yet|Or)\b(?!\.)")

# "About the author", "About Anatoly Karlin": a lower-case word after "About" is a sentence.
_ABOUT_HEAD = re.compile(r"^About (?:the [Aa]uthors?|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,2})\s*:?$")

# The name (its last word captured: the surname) and the verb that introduces its bearer.
_BIO_OPEN = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}([A-Z][\w'’-]+)\s+(?:is|was|has been|(?:currently\s+)?serves)\b")
