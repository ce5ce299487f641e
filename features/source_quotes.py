"""Quote spans of the sourcing extractor: one span per quotation or attributed paraphrase, and the content a
cue attributes when no quotation covers it ("accused Ankara of ..."), and the speech tags beside a quotation whose
verb the lexicon lacks. ``sourcing`` finds the other cues and the sources."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .base import Span
from .report_content import reports_clause
from .report_frame import inverted_tag, lead_adjunct_end, listener_end, tags_quotation, writer_frame
from .source_np import NounPhrase
from .source_words import (
    CONTENT_START_RE, COORD_START_RE, QUOTE_INVERTED_CUE_RE, QUOTE_LEAD_CUE_RE, QUOTE_TAIL_CUE_RE, TRAILING_JOIN_RE,
)
from .text import Doc, strip_span


def quote_spans(doc: Doc, contents: list[tuple[int, int]]) -> tuple[list[Span], int, set[int]]:
    """Quote spans of the quotations and of cue contents no quotation covers, the words in
    direct quotes and the sentences that hold a quotation."""
    text = doc.text
    spans: list[Span] = []
    direct_words = 0
    quoted_sents: set[int] = set()
    for r in doc.quotes:
        if r.label == "scare":
            continue
        a, b = strip_span(text, r.start, r.end)
        if b <= a:
            continue
        spans.append(Span(a, b, "quote", r.label, "quoted"))
        if r.label == "direct":
            direct_words += doc.words_in(a, b)
        for k in range(doc.sentence_index(a), doc.sentence_index(max(a, b - 1)) + 1):
            quoted_sents.add(k)
    # content of cues that text.py's paraphrase finder does not cover ("accused Ankara of ...")
    taken = [(r.start, r.end) for r in doc.quotes if r.label != "scare"]
    starts = [a for a, _ in taken]
    for a, b in contents:
        i = bisect_right(starts, b) - 1
        if any(max(a, x) < min(b, y) for x, y in taken[max(0, i - 3) : i + 1]):
            continue
        spans.append(Span(a, b, "quote", "paraphrase", "quoted"))
    return spans, direct_words, quoted_sents


def one_span_per_quote(text: str, spans: list[Span]) -> list[Span]:
    """The quote spans, one per quotation: a paraphrase ends before an attribution or
    source in the author's voice inside it (its voice would contradict theirs), and a
    quote span overlapping one already kept (direct quotations first) is dropped."""
    inner = sorted((sp.start, sp.end) for sp in spans if sp.kind in ("attribution", "source") and sp.voice == "author")
    inner_starts = [x for x, _ in inner]
    kept: list[Span] = []
    # kept in order of start; they never overlap and are non-empty (quote_spans makes no empty one, a paraphrase
    # here has 12 characters), so their ends rise too: a new span overlaps one of them only if it overlaps the last
    # that starts before its end
    kept_starts: list[int] = []
    for q in sorted((sp for sp in spans if sp.kind == "quote"), key=lambda sp: (sp.label != "direct", sp.start)):
        a, b = q.start, q.end
        if q.label != "direct":
            i = bisect_right(inner_starts, a - 1)
            if i < len(inner) and inner[i][0] < b:
                a, b = strip_span(text, a, inner[i][0])
                b -= len(TRAILING_JOIN_RE.search(text, a, b).group())
            if b - a < 12 or not any(ch.isalpha() for ch in text[a:b]):
                continue
        j = bisect_left(kept_starts, b) - 1
        if j >= 0 and kept[j].end > a:
            continue
        kept.insert(j + 1, Span(a, b, "quote", q.label, q.voice))
        kept_starts.insert(j + 1, a)
    return kept


_BY_BEFORE_AGENT_RE = re.compile(r"\bby[^\S\n]+$")
_THAT_END_RE = re.compile(r"\bthat\s*$")
# Cues that report a clause even without "that" when they follow a quotation's tag ('"...," Obama said, adding the
# glitches were the same ...'); "according to" reports what follows its source.
CLAUSE_CUES = frozenset({
    "according to", "adding", "saying", "arguing", "noting", "insisting", "explaining", "warning", "claiming",
    "asserting", "stressing", "suggesting", "acknowledging", "conceding", "contending", "predicting", "promising",
    "vowing", "declaring", "maintaining", "countering", "complaining", "lamenting", "recalling", "telling",
})
# Cues that name a thing with the speaker's words ('called X "Y"', 'described X as "Y"'): the object is the writer's
# way of naming it.
NAMING_CUES = frozenset({
    "call", "calls", "called", "calling", "describe", "describes", "described", "describing", "dismiss", "dismisses",
    "dismissed", "dismissing", "label", "labels", "labeled", "labelled", "labeling", "labelling", "brand", "brands",
    "branded", "branding", "term", "terms", "termed", "characterize", "characterizes", "characterized",
    "characterizing", "deride", "derides", "derided", "deriding",
})


def content_for_cue(
    text: str, sent: tuple[int, int], cue: tuple[int, int, str, str], sources: list[NounPhrase]
) -> tuple[int, int] | None:
    """What the cue attributes: the rest of the clause after it, or, when the
    source follows the cue ("..., said the source"), the part of the sentence
    before it."""
    s, e, label, form = cue
    sent_s, sent_e = sent
    if sources and sources[0].start >= e and _BY_BEFORE_AGENT_RE.search(text, e, sources[0].start):
        return None  # "the incident described by Thomas": like a passive's, the phrase before is no content
    if sources and sources[0].start >= e and form != "according to":
        a, b = strip_span(text, sent_s, s)
        while b > a and text[b - 1] in ",;:—–":
            b -= 1
    else:
        if not sources and inverted_tag(text, sent_s, s, sent_e):
            return None  # "..., said a source close to the family.": the words after the tag are its speaker's name
        if sources and sources[0].end <= s and text[sent_s : sources[0].start].rstrip().endswith(("”", '"')):
            return None  # "“...,” he said on Wednesday": the quotation is the content
        if form == "according to" and sources:
            e = max(e, sources[0].end)
        m = CONTENT_START_RE.match(text, e, sent_e)
        a = m.end() if m else e
        if writer_frame(text, sent_s, s) or (
            form not in CLAUSE_CUES and "that" not in text[e:a] and tags_quotation(text, sent_s, s)
        ):
            return None  # '"...," one supporter told CNN, speaking on ...': the quotation is the content
        if "that" not in text[e:a]:
            a = listener_end(text, a, sent_e, form)  # "told CNN on Monday that ...": the addressee is no content
        after_that = "that" in text[e:a]
        a2 = lead_adjunct_end(text, a, sent_e, after_that)  # "said Monday it is ...": the day is the writer's
        after_that = after_that or _THAT_END_RE.search(text, a, a2) is not None
        a = a2
        b = sent_e
        q = min((text.find(c, a, b) for c in "“\"" if text.find(c, a, b) >= 0), default=-1)
        if q >= 0:
            if (form in NAMING_CUES and len(text[a:q].split()) <= 8) or _THAT_END_RE.search(text, a, q):
                # 'called Trump's visit an "energizer"', 'told reporters Monday that "..."': the quotation holds the
                # words; before it, the writer's name for the thing or the addressee
                return None
            b = q
        a, b = strip_span(text, a, b)
        while b > a and text[b - 1] in ",;:—–.":
            b -= 1
        if not reports_clause(text, a, b, form, after_that, label):
            return None  # "touted the drug for weeks", "blasted the Russians": the object names no words
    if b - a < 12 or not any(ch.isalpha() for ch in text[a:b]) or COORD_START_RE.match(text, a, b):
        return None
    return a, b


def quote_tail_cues(doc: Doc, cues: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Speech verbs the lexicon lacks in a speech tag after a quotation ('...,” Norquist summarized.', '...!” beamed
    Donald Hartley') or before one ('Norquist went on, “...')."""
    text = doc.text
    if "”" not in text and '"' not in text:
        return []
    starts = {c[0] for c in cues}
    out = []
    # only the marks are visited: a closing one after a quotation's last punctuation, an opening one before a
    # capital, an editor's bracket or a single mark
    closing = [p for p in _marks(text, '”"') if p and text[p - 1] in ",?!—–-"]
    tails = []
    for p in closing:
        tails.append(QUOTE_TAIL_CUE_RE.match(text, p - 1))
        # the inverted tag only after a quotation that opens its clause: 'praised the “warm welcome,” visited Paris'
        # narrates
        inv = QUOTE_INVERTED_CUE_RE.match(text, p - 1)
        tails.append(inv if inv is not None and _opens_clause(text, p) else None)
    leads = (QUOTE_LEAD_CUE_RE.search(text, max(0, p - 80), p + 1) for p in _marks(text, '“"')
             if text[p + 1 : p + 2] in ("[", "‘", "'") or "A" <= text[p + 1 : p + 2] <= "Z")
    for m in (*tails, *leads):
        if m is not None and m.start(1) not in starts and doc.region_at(*m.span(1)) is None:
            out.append((m.start(1), m.end(1), "speech", " ".join(m.group(1).lower().split())))
    return out


def _opens_clause(text: str, close: int) -> bool:
    """The quotation closed at ``close`` stands as a clause: nothing but a sentence end, a comma, a colon or a dash
    before its opening mark on the line ('a neighborly tone, “it was a fiasco,” chuckles Maria Loucraft'), not an
    object or title inside the clause ('praised the “warm welcome,”')."""
    o = text.rfind("“" if text[close] == "”" else '"', 0, close)
    before = text[text.rfind("\n", 0, max(o, 0)) + 1 : max(o, 0)].rstrip()
    return o >= 0 and (not before or before[-1] in ".!?,:;—–-”\"(")


def _marks(text: str, chars: str) -> list[int]:
    """Positions of the given quotation marks (plain scans: a pattern over curly marks is several times slower)."""
    out = []
    for ch in chars:
        p = text.find(ch)
        while p >= 0:
            out.append(p)
            p = text.find(ch, p + 1)
    return out
