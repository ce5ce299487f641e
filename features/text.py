"""Segmentation shared by every extractor: paragraphs, sentences, tokens and
quotation regions, all as character offsets into the original text.

``parse(text, exclude=...)`` blanks excluded ranges (off-topic insertions) with
spaces of the same length, so every extractor measures the cleaned body while
its offsets still slice the original text exactly.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, islice
from typing import Iterable, Sequence

from .quote_single import find_single_quotes, merge_single_quotes
from .report_content import reports_clause
from .report_frame import (
    NOUN_FORMS, inverted_tag, lead_adjunct_end, listener_end, noun_form, tags_quotation, writer_frame,
)

# Abbreviations whose period does not end a sentence (lower-case, without the final dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov lt-gen
    pres supt insp det st jr sr rev fr hon messrs mmes amb atty gen. no nos vol vs v
    etc al approx dept univ inc corp co ltd bros est fig jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ft mt ave blvd rd
    u.s u.n u.k u.s.a e.u d.c a.m p.m e.g i.e n.y l.a r gop op ed""".split()
)

WORD_RE = re.compile(r"[^\W_]+(?:[’'.\-][^\W_]+)*", re.UNICODE)
# The same pattern as one group: ``split`` returns gap, token, gap, ..., gap. Its quantifiers are possessive,
# which matches the same (a run of letters ends at a separator or a gap, and nothing follows the last one) with
# no backtracking state kept.
_WORD_SPLIT_RE = re.compile(r"([^\W_]++(?:[’'.\-][^\W_]++)*+)")
# The same for a text without "_", where [^\W_] is \w, which the regex engine tests faster.
_WORD_SPLIT_NO_UNDERSCORE_RE = re.compile(r"(\w++(?:[’'.\-]\w++)*+)")
LINE_RE = re.compile(r"[^\n]+")
# A candidate sentence end: terminal punctuation, optional closing quotes/brackets, then space.
SENT_END_RE = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
# Where split_sentences may end a sentence: a candidate as above, or a full stop run into the next sentence
# with no space ("in Asia and Africa.The EIA predicts"): a lower-case word of two letters or more before it, a
# capitalised word after. "U.S.The", "p.m.The", "example.com" and "Mr.Smith" do not match (an initial or a
# capital before the stop, a lower-case letter after it): those may be abbreviations or names, and a wrong split
# there costs more than a missed one. (One character class first: the engine jumps between candidates.)
_SPLIT_AT_RE = re.compile(r"[.!?…](?:[.!?…]*[\"”’')\]]*(?=\s)|(?<=[a-z][a-z]\.)[”’)]?(?=[A-Z][a-z]))")
# A text (a line, a paragraph) that ends a sentence: closing quotes and brackets allowed after the mark.
ENDS_SENTENCE_RE = re.compile(r"[.!?…][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class Region:
    """A quotation region: ``label`` is 'direct' (inside quote marks), 'scare'
    (a short quoted phrase with no speaker) or 'paraphrase' (reported speech)."""

    start: int
    end: int
    label: str = "direct"


@dataclass(slots=True)
class Doc:
    """One article, segmented. ``text`` is the analysed text (insertions blanked),
    ``original`` the input; both have the same length."""

    original: str
    text: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    tokens: list[tuple[int, int]]
    quotes: list[Region] = field(default_factory=list)
    _q_starts: list[int] = field(default_factory=list, repr=False)
    sent_starts: list[int] = field(default_factory=list, repr=False)
    tok_starts: list[int] = field(default_factory=list, repr=False)
    #: The token strings (``text[s:e]`` for each token), computed once for all extractors.
    words: list[str] = field(default_factory=list, repr=False)
    _lowered: list[str] | None = field(default=None, repr=False)

    @property
    def n_words(self) -> int:
        return len(self.tokens)

    @property
    def lowered(self) -> list[str]:
        """The token strings lower-cased (cached; read-only by convention)."""
        if self._lowered is None:
            if len(self.words) != len(self.tokens):
                self.words = [self.text[s:e] for s, e in self.tokens]
            self._lowered = list(map(str.lower, self.words))
        return self._lowered

    def voice_at(self, start: int, end: int | None = None) -> str:
        """'quoted' if the range lies in a direct quote or attributed paraphrase."""
        end = start + 1 if end is None else end
        r = self.region_at(start, end)
        return "quoted" if r is not None and r.label != "scare" else "author"

    def region_at(self, start: int, end: int) -> Region | None:
        """The innermost quotation region containing [start, end), if any.

        Paraphrase regions may contain short quoted phrases, so a few regions
        that start before ``start`` are checked, innermost (latest start) first.
        """
        i = bisect_right(self._q_starts, start) - 1
        for j in range(i, max(-1, i - 4), -1):
            r = self.quotes[j]
            if r.start <= start and end <= r.end:
                return r
        return None

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence containing ``pos`` (or the one before it)."""
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def words_in(self, start: int, end: int) -> int:
        """Number of tokens that start inside [start, end)."""
        return bisect_right(self.tok_starts, end - 1) - bisect_right(self.tok_starts, start - 1)

    def quoted_words(self) -> int:
        return sum(self.words_in(r.start, r.end) for r in self.quotes if r.label != "scare")


def blank(text: str, exclude: Iterable[tuple[int, int]]) -> str:
    """Replace excluded ranges with spaces (newlines kept) so offsets are unchanged."""
    ranges = sorted(exclude)
    if not ranges:
        return text
    parts, pos = [], 0
    for s, e in ranges:
        s, e = max(s, pos), min(e, len(text))
        if e <= s:
            continue
        parts.append(text[pos:s])
        seg = text[s:e]
        # most ranges hold no newline: one run of spaces, not a regex replacement per character
        parts.append(_NOT_NEWLINE.sub(" ", seg) if "\n" in seg else " " * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs: one per non-blank line.

    Scraped news arrives both blank-line separated and one paragraph per line,
    often mixed in one article; hard-wrapped paragraphs are rare, while treating
    a caption or a "Short Url" line as part of the body paragraph below it would
    hide exactly the lines the insertion detector must see.
    """
    return [strip_span(text, m.start(), m.end()) for m in LINE_RE.finditer(text) if m.group().strip()]


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """``[s, e)`` without white space at either end."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1 and text[j].isupper():  # an initial: "John F. Kennedy", not "Plan B." or "Vitamin D."
        prev = _PREV_WORD.search(text, max(0, j - 20), j)
        return not (prev and prev.group(1).lower() in _LETTER_NAMED)
    # dotted acronyms: U.S., U.N., D.C.
    return bool(_DOTTED_ACRONYM.fullmatch(word))


# Nouns named by a letter ("Plan B", "Vitamin D", "Title IX"): the letter after them is no initial.
_LETTER_NAMED = frozenset(
    "plan vitamin type class group category section phase option tier grade title schedule part model "
    "article appendix exhibit hepatitis proposition prop measure stage zone gate terminal block wing row war".split()
)
_PREV_WORD = re.compile(r"([A-Za-z]+)[ \t]+$")
_STARTERS = frozenset("The A An But He She It They We I In On This That These Those However Meanwhile".split())


def _starts_sentence(text: str, end: int, pe: int, dot: int) -> bool:
    """After a dotted acronym ("... in the U.S. The talks"), a typical sentence
    opener means the acronym did end the sentence; titles ("Mr.") never do."""
    prev = text[max(0, dot - 4) : dot]
    if not _ACRONYM_END.search(prev):
        return False
    m = _NEXT_CAP_WORD.match(text[end : min(pe, end + 30)])
    return bool(m and m.group(1) in _STARTERS)


def split_sentences(text: str, paragraphs: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentences within paragraphs; abbreviations (Mr., U.N., Gen.) do not end one."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs:
        start = ps
        for m in _SPLIT_AT_RE.finditer(text, ps, pe):
            end = m.end()
            punct = text[m.start()]
            if punct == "." and text[m.start() : m.end()].rstrip("\"”’')]") == ".":
                if _is_abbreviation(text, m.start()) and not _starts_sentence(text, end, pe, m.start()):
                    continue
            nxt = text[end : min(pe, end + 3)].lstrip()
            # A lower-case continuation means the period was not a sentence end.
            if nxt and nxt[0].islower():
                continue
            s, e = strip_span(text, start, end)
            if e > s:
                out.append((s, e))
            start = end
        s, e = strip_span(text, start, pe)
        if e > s:
            out.append((s, e))
    return out


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word tokens as (start, end); contractions and hyphenated words stay whole."""
    end = len(text) if end is None else end
    return [m.span() for m in WORD_RE.finditer(text, start, end)]


# A quotation mark, or a typewriter pair '' or ``, or a pair of curly single marks ‘‘ or ’’ typed for a
# double one ("the world,’’ said Marsha Gordon"); a single ’ is an apostrophe. It opens with a character
# class so that the regex engine skips in C to the next candidate character, as it cannot for an alternation.
_QUOTE_MARK_RE = re.compile(r"[“”„«»\"'`‘’](?:(?<=')'|(?<=`)`|(?<=‘)‘|(?<=’)’|(?<=[“”„«»\"]))")
_OPENING_MARKS = ("“", "„", "«", "``", "‘‘")
_CLOSING_MARKS = ("”", "»", "’’")
# Before an opening mark: the paragraph start, a space or an opening bracket/dash.
_OPENS_AFTER = " \t\n([{—–-/"
# A quotation runs a few sentences at most; a "quote" far longer than this, with no
# closing mark or speaker to bound it, is an export's wrapping or a lost mark.
MAX_QUOTE_CHARS = 1500
MAX_QUOTE_SENTENCES = 8


def _handedness(text: str, m: re.Match[str], ps: int, pe: int) -> str:
    """'open', 'close' or '' (either) for a symmetric mark, from the characters around it."""
    before = text[m.start() - 1] if m.start() > ps else " "
    after = text[m.end()] if m.end() < pe else " "
    opens = before in _OPENS_AFTER and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return ""


def wrapping_marks(text: str, paragraphs: Sequence[tuple[int, int]]) -> set[int]:
    """Positions of a pair of marks that wrap the whole text (CSV/JSON exports leave them).

    The text must start and end with a mark, and the opening one must have no partner:
    the next mark opens a quotation of its own or lies in a later paragraph. A text with
    no inner marks is wrapped when it holds more than one sentence.
    """
    if not paragraphs:
        return set()
    first = _QUOTE_MARK_RE.match(text, paragraphs[0][0])
    last = None
    for m in _QUOTE_MARK_RE.finditer(text, paragraphs[-1][0], paragraphs[-1][1]):
        last = m
    if first is None or last is None or last.end() != paragraphs[-1][1] or last.start() <= first.start():
        return set()
    wrap = {first.start(), last.start()}
    nxt = _QUOTE_MARK_RE.search(text, first.end(), last.start())
    if nxt is None:
        return wrap if len(SENT_END_RE.findall(text, first.end(), last.start())) >= 2 else set()
    ps, pe = paragraphs[0]
    if nxt.start() >= pe or _handedness(text, nxt, ps, pe) == "open" or nxt.group() in _OPENING_MARKS:
        return wrap
    return set()


_RUN_ON_END = re.compile(r"[.!?…]\s+$")


def _plausible(text: str, start: int, end: int) -> bool:
    """A quotation of plausible extent: not thousands of characters or many sentences."""
    return end - start <= MAX_QUOTE_CHARS and len(SENT_END_RE.findall(text, start, end)) <= MAX_QUOTE_SENTENCES


def find_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Region]:
    """Direct-quote regions (content between the marks, marks included).

    Handles curly and straight double quotes, and the typewriter pairs ``…''
    and ''…'' some archives (e.g. NYT wire copy) use, single marks where a speech
    tag or a colon proves a quotation (:mod:`features.quote_single`), plus the news convention
    for a quote that runs across paragraphs: the opening mark is repeated at the
    start of each paragraph and only the last one is closed. Straight marks are
    paired by which side their words are on, so one lost mark does not flip the
    rest of a paragraph into quoted voice; regions of implausible extent are not
    quotations. Marks that wrap the whole text are blanked by :func:`parse` first.
    """
    regions: list[Region] = []
    for k, (ps, pe) in enumerate(paragraphs):
        marks = list(_QUOTE_MARK_RE.finditer(text, ps, pe))
        if not marks:
            continue
        open_at: int | None = None
        for m in marks:
            mark, pos = m.group(), m.start()
            if mark in _OPENING_MARKS:
                side = "open"
            elif mark in _CLOSING_MARKS:
                side = "close"
            else:
                side = _handedness(text, m, ps, pe)
            if open_at is None:
                if side != "close":  # a stray closing mark cannot open a quote
                    open_at = pos
            elif side == "open":
                # An opening mark inside an open quote. After a sentence end it is the news
                # convention for a quote running on into a new paragraph, whose break was lost
                # ("... the end. “Next part"): the earlier part ends here. Otherwise the
                # earlier mark lost its partner.
                if _RUN_ON_END.search(text, max(open_at, pos - 4), pos) and _plausible(text, open_at, pos):
                    end = pos
                    while text[end - 1].isspace():
                        end -= 1
                    regions.append(Region(open_at, end))
                open_at = pos
            else:
                if _plausible(text, open_at, m.end()):
                    regions.append(Region(open_at, m.end()))
                open_at = None
        if open_at is not None:
            # Unclosed at the paragraph end: the quote runs on into the next paragraph
            # (which reopens with a mark), or its closing mark is missing. Either way this
            # paragraph's part ends here, if its extent is plausible.
            reopens = k + 1 < len(paragraphs) and _QUOTE_MARK_RE.match(text, paragraphs[k + 1][0])
            if _plausible(text, open_at, pe) and (reopens or len(SENT_END_RE.findall(text, open_at, pe)) <= 3):
                regions.append(Region(open_at, pe))
    # Single marks double as apostrophes: only quotations a speech tag or a colon proves are added.
    proven = find_single_quotes(text, paragraphs)
    if not proven:
        return sorted(regions, key=lambda r: r.start)  # most articles: no merge to make
    keep, single = merge_single_quotes([(r.start, r.end) for r in regions], proven)
    return sorted([regions[j] for j in keep] + [Region(s, e) for s, e in single], key=lambda r: r.start)


# Reporting cues that introduce reported speech; kept here (not in sourcing.py)
# because voice assignment needs them and every extractor needs voice.
_SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|noted|notes|argued|argues|claimed|claims|"
    r"warned|warns|stated|states|insisted|insists|explained|explains|believes|"
    r"thinks|stressed|stresses|wrote|writes|contended|contends|maintained|maintains|"
    r"asserted|asserts|recalled|recalls|pointed out|points out"
)
# Verbs that report speech only with an explicit "that" clause ("acknowledged the presence" is not).
_THAT_VERBS = (
    r"acknowledged|acknowledges|announced|announces|confirmed|confirms|reported|reports|"
    r"alleged|alleges|predicted|predicts|estimated|estimates|admitted|admits|denied|denies|"
    r"suggested|suggests|doubted|doubts|feared|fears|hoped|hopes|expects|expected|believed|thought"
)
# Not after a quotation that just closed ("...,” said the ministry"): what follows
# the verb there is its speaker, the quotation before it is the content.
# The word boundary comes first: the engine rejects most positions on it before the look-behinds.
PARAPHRASE_RE = re.compile(
    r"\b(?<![”\"’],\s)(?<![”\"’],)(?<![,.!?][”\"’]\s)(?:(?:" + _SPEECH_VERBS + r")\b"
    r"(?:\s+(?:\w+\s+){0,2}?(?:News|Times|Post|reporters?|journalists?))?"
    r"(?:\s+(?:on|last|this|in)\s+(?!(?:a|an|the|his|her|their|its|my|our|your)\b)\w+(?:\s+\d+)?)?[,:]?\s+(?:that\s+)?"
    r"|(?:" + _THAT_VERBS + r")\s+that\s+)(?=[^\s“\"])(?!(?:and|or|but)\b)",
)
TRAILING_ATTR_RE = re.compile(
    r",\s+(?:(?:according to\s+[^,.;]+)|(?:[^,.;“”\"]{1,60}?\s+(?:" + _SPEECH_VERBS + r"))"
    r"|(?:(?:" + _SPEECH_VERBS + r")\s+[^,.;“”\"]{1,60}?))\s*[.!?]?[\"”’]?\s*$"
)
# What follows "told"/"tells" is its addressee when the sentence ends within a few
# words ("told Arab News.", "told reporters on Monday."): no reported clause there.
_ADDRESSEE_ONLY = re.compile(r"(?:[\w’'.-]+\s+){0,4}[\w’'.-]+\s*[.!?]?[\"”’)]?\s*$")
_STATEMENT_TAIL = re.compile(
    r"^(?:the|a|an|his|her|their|its)?\s*[\w\s’'-]{0,60}?\b(?:in|on)\s+(?:a|an|the)\s+"
    r"(?:(?:written|joint|brief|separate|emailed|televised|press|news)\s+){0,2}"
    r"(?:statement|interview|post|tweet|release|conference|briefing)\b"
)


# Every match of PARAPHRASE_RE or TRAILING_ATTR_RE contains one of these as a whole word.
_CUE_FIRST_WORDS = frozenset(
    [v.split()[0] for v in (_SPEECH_VERBS + "|" + _THAT_VERBS).split("|")] + ["according"]
)
_NOUN_FORM_RE = re.compile(rf"(?:{'|'.join(sorted(NOUN_FORMS))})\b")
_CUE_FORM_RE = re.compile(r"\w+(?:\s+(?:out|to)\b)?")
_TOKEN_SEP = re.compile(r"[’'.\-]")
_TOKEN_SEPARATORS = ("’", "'", ".", "-")  # the characters _TOKEN_SEP matches
# Compiled once: these run per sentence, per period or per quotation of every article.
_NOT_NEWLINE = re.compile(r"[^\n]")
_DOTTED_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")
_ACRONYM_END = re.compile(r"[A-Z]\.[A-Z]$")
_NEXT_CAP_WORD = re.compile(r"\s+([A-Z][a-z]*)\b")
_ENDS_PUNCT = re.compile(r"[.!?,]$")
_SPEECH_VERB_RE = re.compile(r"\b(?:" + _SPEECH_VERBS + r")\b")


def cue_word_starts(tokens: Sequence[tuple[int, int]], words: Sequence[str]) -> list[int]:
    """Starts of the tokens that contain a reporting-verb word (or "according").

    A sentence without any cannot match the paraphrase patterns, so they are only
    tried on the few sentences that have one. Tokens joined by apostrophes, dots
    or hyphens ("he-said") are checked part by part, as the patterns' word
    boundaries would see them.
    """
    cue = _CUE_FIRST_WORDS
    return [
        tokens[i][0] for i, w in enumerate(words)
        if w in cue or (not w.isalpha() and not cue.isdisjoint(_TOKEN_SEP.split(w)))
    ]


def find_paraphrase(
    text: str, sentences: Sequence[tuple[int, int]], direct: Sequence[Region],
    cue_starts: Sequence[int] | None = None,
) -> list[Region]:
    """Attributed paraphrase: "X said (that) CLAUSE." and "CLAUSE, X said.".

    ``cue_starts`` (from :func:`cue_word_starts`), when given, lets sentences
    without a reporting verb skip the patterns.
    """
    starts = [r.start for r in direct]
    out: list[Region] = []
    for s, e in sentences:
        first = 0  # where in the sentence a match of PARAPHRASE_RE can start
        if cue_starts is not None:
            k = bisect_left(cue_starts, s)
            if k == len(cue_starts) or cue_starts[k] >= e:
                continue
            # a match starts at a cue word, so in a token from the sentence's first cue token on, unless a token
            # runs across the sentence start ("Africa.The": a letter or a separator before it): then anywhere
            prev = text[s - 1 : s]
            if not (prev.isalnum() or prev in _TOKEN_SEPARATORS):
                first = cue_starts[k] - s
        if _covered(direct, starts, s, e):
            continue
        sent = text[s:e]
        m = PARAPHRASE_RE.search(sent, first)
        if m and m.group().startswith(("told", "tells")) and _ADDRESSEE_ONLY.match(sent, m.end()):
            m = None
        if m and noun_form(text, s, s + m.start(), _CUE_FORM_RE.match(m.group()).group().lower()):
            m = None  # "in states crucial for his re-election": the noun, no report
        if m and inverted_tag(text, s, s + m.start(), e):
            m = None  # "..., said a spokesman for the mayor on Monday.": the speaker follows, the content came first
        if m and _covered(direct, starts, s + m.start(), s + m.end()):
            continue  # the verb is the quoted speaker's own ("“Turkey insists on ...”")
        if m and _framed(text, s, m):
            # '"...," Rubio said early in the debate': the quotation is what he said; "That said, ...": nobody speaks
            m = PARAPHRASE_RE.search(sent, m.end())
            if m is None or _framed(text, s, m) or _covered(direct, starts, s + m.start(), s + m.end()):
                continue
        if m and m.start() < 80 and m.end() < len(sent) - 8 and not _STATEMENT_TAIL.match(sent[m.end():]):
            # "said in a statement" etc. without a clause are not paraphrase
            # "said Monday it is ...", "wrote in his memoir that ...": the adjunct is the writer's
            after_that = m.group().rstrip().endswith("that")
            form = _CUE_FORM_RE.match(m.group()).group()
            verb_end = s + m.end()
            if not after_that:  # "told CNN's Dana Bash on Tuesday that ...": the addressee is no content
                after_verb = s + m.start() + len(form)
                after_verb += len(text[after_verb:e]) - len(text[after_verb:e].lstrip(" \t"))
                verb_end = listener_end(text, after_verb, e, form.lower())
                after_that = text[after_verb:verb_end].rstrip().endswith("that")
                verb_end = max(verb_end, s + m.end())
            clause_start = lead_adjunct_end(text, verb_end, e, after_that)
            after_that = after_that or text[verb_end:clause_start].rstrip().endswith("that")
            q = _first_quote_start(direct, starts, clause_start, e)
            ce = q if q is not None else e
            # "explained his opposition to ...", "said about X": no clause, no paraphrase
            if ce - clause_start > 8 and reports_clause(text, clause_start, ce, form, after_that):
                out.append(Region(clause_start, ce, "paraphrase"))
            continue
        t = TRAILING_ATTR_RE.search(sent)
        n = _NOUN_FORM_RE.match(sent, t.end(0) - len(t.group(0).lstrip(", \t"))) if t else None
        if n and noun_form(text, s, s + n.start(), n.group().lower()):
            t = None  # "Under the U.S. Constitution, states have the authority ...": the noun, no speech tag
        if t and t.start() > 10:
            q = _first_quote_start(direct, starts, s, s + t.start())
            if q is None:
                out.append(Region(s, s + t.start(), "paraphrase"))
    return out


def _framed(text: str, s: int, m: re.Match[str]) -> bool:
    """The match (in the sentence starting at ``s``) tags a quotation before it, unless a "that" clause follows,
    or stands in one of the writer's formulas."""
    v = s + m.start()
    return (tags_quotation(text, s, v) and not m.group().rstrip().endswith("that")) or writer_frame(text, s, v)


def _covered(regions: Sequence[Region], starts: list[int], s: int, e: int) -> bool:
    i = bisect_right(starts, s) - 1
    return i >= 0 and regions[i].start <= s and regions[i].end >= e


def _first_quote_start(regions: Sequence[Region], starts: list[int], s: int, e: int) -> int | None:
    i = bisect_right(starts, s - 1)
    if i < len(regions) and regions[i].start < e:
        return regions[i].start
    return None


def _label_scare(text: str, regions: list[Region]) -> list[Region]:
    """Short quoted phrases (1-3 words, no sentence-final punctuation inside) are
    scare quotes unless a speech verb sits right next to them."""
    out = []
    for r in regions:
        inner = text[r.start + 1 : r.end - 1].strip()
        n_words = sum(1 for _ in islice(WORD_RE.finditer(inner), 4))  # counted up to 4: only 1 to 3 matter
        if 0 < n_words <= 3 and not _ENDS_PUNCT.search(inner):
            around = text[max(0, r.start - 40) : r.start] + text[r.end : r.end + 30]
            if not _SPEECH_VERB_RE.search(around):
                out.append(Region(r.start, r.end, "scare"))
                continue
        out.append(r)
    return out


def word_tokens(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """The ``WORD_RE`` tokens of ``text``: their (start, end) offsets and their strings.

    One ``split`` on the pattern gives the text as alternating gaps and tokens, so the running
    sum of the pieces' lengths holds every token's start and end, without a Match object each.
    """
    starts, ends, words = _word_bounds(text)
    return list(zip(starts, ends)), words


def _word_bounds(text: str) -> tuple[list[int], list[int], list[str]]:
    """The ``WORD_RE`` tokens of ``text``: their starts, their ends and their strings (see :func:`word_tokens`)."""
    parts = (_WORD_SPLIT_RE if "_" in text else _WORD_SPLIT_NO_UNDERSCORE_RE).split(text)
    bounds = list(accumulate(map(len, parts)))
    return bounds[0:-1:2], bounds[1::2], parts[1::2]  # the last bound is the end of the final gap


def parse(text: str, exclude: Iterable[tuple[int, int]] = ()) -> Doc:
    """Segment ``text``; ranges in ``exclude`` are blanked (same offsets)."""
    if not isinstance(text, str):
        raise TypeError(f"parse() expects str, got {type(text).__name__}")
    work = blank(text, exclude)
    paragraphs = split_paragraphs(work)
    wrap = wrapping_marks(work, paragraphs)
    if wrap:  # an export's pair of marks around the whole text: neither a quote nor a sentence
        work = blank(work, [(p, p + 1) for p in wrap])
        paragraphs = split_paragraphs(work)
    sentences = split_sentences(work, paragraphs)
    tok_starts, tok_ends, words = _word_bounds(work)
    tokens = list(zip(tok_starts, tok_ends))
    direct = _label_scare(work, find_quotes(work, paragraphs))
    para = find_paraphrase(work, sentences, [r for r in direct if r.label == "direct"], cue_word_starts(tokens, words))
    quotes = sorted(direct + para, key=lambda r: r.start)
    return Doc(
        text, work, paragraphs, sentences, tokens, quotes,
        [r.start for r in quotes], [a for a, _ in sentences], tok_starts, words,
    )
