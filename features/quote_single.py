"""Quotations in single marks ('...' or ‘...’) where a speech tag or a colon proves them.

British and tabloid outlets quote in single marks ('We will not back down,' he said.), but the
same characters are apostrophes (don't, the '90s, rock 'n' roll, voters' rights), so a single
mark is taken as a quotation mark only with unmistakable evidence:

- a tag: the opening mark starts a sentence before a capital, and the closing mark follows a
  comma, "?" or "!" and is followed by a speech tag ("..., he said", "..., Smith told MailOnline",
  "..., said Mr Smith");
- a colon: a speech verb or a paragraph's leading name, then ":", then the opening mark before a
  capital ("He said: 'We will...'", "Lerner: 'I have not...'");
- a run-on: the next sentence after a tagged quotation's tag opens with a mark before a capital
  ("'We will not back down,' he said. 'We will fight.'").

After a colon or a run-on the closing mark is the first one that follows sentence punctuation
(".'" ",'" "?'" "!'") and precedes a space or the paragraph's end; an apostrophe never stands
there. Unclosed, the quotation runs to its paragraph's end only when the next paragraph reopens
with a single mark (the news convention for a quotation over several paragraphs). Headline scare
quotes with no tag ('Just insane') stay unmarked: nothing proves them quoted speech.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Sequence

from .lexicons import lexicon_lines

__all__ = ["find_single_quotes", "merge_single_quotes"]

# A single quotation far longer than this is two quotations whose marks were misread.
MAX_CHARS = 1500

# An opening mark: at the text start or after a space, bracket or dash, before a capital (or a
# double mark and a capital). Capitalised elisions ('Tis, 'Twas, 'Til, 'Cause, 'Em, Guns 'N' Roses)
# are apostrophes.
_OPEN = re.compile(r"(?<![^\s(\[—–])['‘](?=[\"“]?[A-Z])(?!(?:Tis|Twas|Til|Cause|Em|N)\b)")
# An opening mark inside a sentence, before any letter, for a partial quotation that a tag closes
# ("a 'chaotic disaster,' Obama tells"); elisions after a space ('em, 'til, 'n', 'cause) are apostrophes.
_OPEN_MID = re.compile(
    r"(?<![^\s(\[—–])['‘](?=[^\W\d_])(?!(?:[Tt]is|[Tt]was|[Tt]il|[Cc]ause|[Cc]os|[Cc]uz|[Ee]m|[Nn]|[Bb]out|[Rr]ound|s)\b)"
)
# A bare closing mark at a paragraph's end, not after a plural's s; and any single mark that is no
# apostrophe inside a word, which makes such a bare end ambiguous ("'Empire' star, he says, 'He lied'").
_BARE_END = re.compile(r"[^\Ws]['’]")
_STRAY_MARK = re.compile(r"['‘’](?<![^\W\d_]['’](?=[^\W\d_]))")
_SENTENCE_END = re.compile(r"[.!?…]\s")
# Before an opening mark that starts a sentence (other than its paragraph's first): a sentence end
# or a colon, with an optional closing mark, then spaces.
_SENTENCE_BEFORE = re.compile(r"[.!?…:][\"”'’)]?\s+$")
# A closing mark after sentence punctuation, before a space, a bracket, or the text end; not after
# an abbreviation's dot ("the U.S.' allies" is a possessive).
_TAG_END = re.compile(r"[.!?]\s+")
_PUNCT_CLOSE = re.compile(
    r"(?<=[.,!?…\"”])(?<![A-Z]\.)['’](?=[\s)\]]|$)"
    # or British style, the point after the mark ('Get up, he's coming'.), never after an s
    # ("the voters'." is a possessive)
    r"|(?<=[^\Ws])['’](?=[.,;:!?](?:\s|$))"
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(tag after a closing mark, speech verb before a colon, leading name before a colon)."""
    verbs = "|".join(sorted(map(re.escape, lexicon_lines("quote_tag_verbs_v1.txt")), key=len, reverse=True))
    if not verbs:
        raise ValueError("quote_tag_verbs_v1.txt is empty")
    verb = rf"(?:{verbs})\b"
    name = r"(?:[A-Z][a-z][\w’'.-]*|[A-Z]\.)"  # a capitalised word or an initial, never all capitals
    tag = re.compile(
        r"(?<=[,?!])['’]\s+(?:"
        rf"(?:he|she|they|we|I|it|you)\s+(?:\w+ly\s+)?{verb}"  # ..., he said / he later told
        rf"|{name}(?:\s+{name}){{0,3}}\s+(?:\w+ly\s+)?{verb}"  # ..., Mr Smith said
        rf"|(?:the|a|an|his|her|their|its|one)\s+(?:[\w’'-]+\s+){{0,4}}?{verb}"  # ..., a spokesman for X said
        rf"|{verb}\s+(?![A-Z][\w.-]*['’]s\b)(?:[A-Z]|(?:the|a|an|his|her|their|one)\b)"  # ..., said Mr Smith
        r")"
    )
    colon_verb = re.compile(rf"\b{verb}(?:\s+[\w’'.-]+){{0,5}}?:\s*$")
    lead_name = re.compile(rf"^\s*{name}(?:\s+{name}){{1,2}}:\s*$")  # a full name: "Photos:" is none
    return tag, colon_verb, lead_name


def _opens_sentence(text: str, ps: int, pos: int) -> bool:
    """Whether the mark at ``pos`` starts its paragraph or follows a sentence end or a colon."""
    before = text[max(ps, pos - 8):pos]
    return text[ps:pos].strip() == "" or _SENTENCE_BEFORE.search(before) is not None


def _punct_close(text: str, start: int, pe: int) -> int | None:
    """End (after the mark) of the first closing mark after sentence punctuation in [start, pe)."""
    m = _PUNCT_CLOSE.search(text, start, pe)
    return m.end() if m else None


def _reopens(text: str, paragraphs: Sequence[tuple[int, int]], k: int) -> bool:
    return k + 1 < len(paragraphs) and _OPEN.match(text, paragraphs[k + 1][0]) is not None


def _open_quote(
    text: str, paragraphs: Sequence[tuple[int, int]], k: int, o: int, found: list[tuple[int, int]]
) -> tuple[int | None, bool]:
    """Close a colon or run-on quotation opened at ``o``: (where the search goes on, or None to stop
    the paragraph; whether the quotation is left open at the paragraph's end)."""
    pe = paragraphs[k][1]
    end = _punct_close(text, o + 1, pe)
    if end is None and pe - o > 2 and _BARE_END.match(text, pe - 2) and not _STRAY_MARK.search(text, o + 1, pe - 1):
        end = pe  # closed bare at the paragraph's end ("She captioned it: 'NOT GUILTY'")
    if end is None:
        if _reopens(text, paragraphs, k) and pe - o <= MAX_CHARS:
            found.append((o, pe))
            return None, True
        return None, False
    if end - o <= MAX_CHARS:
        found.append((o, end))
    return end, False


def _paragraph_quotes(
    text: str, paragraphs: Sequence[tuple[int, int]], k: int, carried: bool
) -> tuple[list[tuple[int, int]], bool]:
    """Single-mark quotations of paragraph ``k``, and whether one is left open at its end.

    ``carried``: the previous paragraph ended inside a colon or run-on quotation, so an opening
    mark at this paragraph's start continues it.
    """
    ps, pe = paragraphs[k]
    # both opening patterns match at a ' or ‘ (their look-behinds see the text before ``pos``): found by a plain
    # scan, the patterns are tried only from the first one
    a, b = text.find("'", ps, pe), text.find("‘", ps, pe)
    first = b if a < 0 else a if b < 0 else min(a, b)
    if first < 0 or (_OPEN_MID.search(text, first, pe) is None and _OPEN.search(text, first, pe) is None):
        return [], False  # no mark that could open a quotation: most paragraphs, decided before the tag scan
    tag, colon_verb, lead_name = _patterns()
    found: list[tuple[int, int]] = []
    opens = [m.start() for m in _OPEN.finditer(text, ps, pe)]
    tags = [t.start() for t in tag.finditer(text, ps, pe)]

    def after_colon(o: int) -> bool:
        return (
            (carried and o == ps)
            or colon_verb.search(text[max(ps, o - 80):o]) is not None
            or lead_name.match(text[ps:o]) is not None
        )

    pos: int | None = ps
    while pos is not None:
        starts = [o for o in opens if o >= pos]
        close = next((t for t in tags if t > pos), None)
        before_close = [o for o in starts if close is None or o < close]
        colon = next((o for o in before_close if after_colon(o)), None)
        if colon is not None:
            pos, left_open = _open_quote(text, paragraphs, k, colon, found)
            if left_open:
                return found, True
        elif close is None:
            break
        else:
            cands = [o for o in before_close if _opens_sentence(text, ps, o)]
            if not cands:
                # a partial quotation inside the sentence: the nearest mark before the tag, with no
                # sentence end between them
                mid = [m.start() for m in _OPEN_MID.finditer(text, pos, close)]
                cands = [o for o in mid[-1:] if not _SENTENCE_END.search(text, o, close)]
            pos = close + 1
            if cands:
                if close + 1 - cands[-1] <= MAX_CHARS:
                    found.append((cands[-1], close + 1))
                # A run-on: the sentence after the tag opens with a mark ("..., he said. 'We will...'").
                stop = _TAG_END.search(text, close + 1, min(pe, close + 120))
                if stop and _OPEN.match(text, stop.end()):
                    pos, left_open = _open_quote(text, paragraphs, k, stop.end(), found)
                    if left_open:
                        return found, True
        carried = False
    return found, False


def find_single_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of every single-mark quotation proven by a tag or a colon, marks included."""
    if "'" not in text and "‘" not in text:
        return []
    out: list[tuple[int, int]] = []
    carried = False
    for k in range(len(paragraphs)):
        found, carried = _paragraph_quotes(text, paragraphs, k, carried)
        out.extend(found)
    return out


def merge_single_quotes(
    existing: Sequence[tuple[int, int]], single: Sequence[tuple[int, int]]
) -> tuple[list[int], list[tuple[int, int]]]:
    """Which regions to keep and which single quotations to add, so that none overlap.

    A single quotation inside an existing one is nested ("He said, 'Go.'") and adds nothing; one
    that holds existing regions whole replaces them (their words are its speaker's too); one that
    overlaps a region partly is dropped. ``existing`` must be sorted by start; returns the indexes
    of ``existing`` to keep and the single quotations to add.
    """
    drop: set[int] = set()
    add: list[tuple[int, int]] = []
    starts = [s for s, _ in existing]
    for s, e in single:
        j = max(0, bisect_left(starts, s) - 1)
        inside = []
        while j < len(existing) and existing[j][0] < e:
            if existing[j][1] > s:
                inside.append(j)
            j += 1
        if all(s <= existing[j][0] and existing[j][1] <= e for j in inside):
            drop.update(inside)
            add.append((s, e))
    return [j for j in range(len(existing)) if j not in drop], add
