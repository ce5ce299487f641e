"""One source noun phrase: parsed from where it starts and labelled.

A name ("Foreign Minister Mevlüt Çavuşoğlu", "the New York Times"), an unnamed source
with its post-modifier ("people familiar with the matter"), a document or a pronoun,
labelled named / anonymous / media / document from the word classes. ``source_phrases``
finds where such a phrase stands around a cue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .source_words import (
    APPROXIMATORS, ARTICLE_BEFORE_RE, DAY_PARTS, DETERMINERS, INDEFINITE, Lexicon, LONE_QUANTIFIERS, MEDIA_SUFFIX,
    NAME_CONNECTORS, NP_STOP, ORG_HEADS, PERSON_PRONOUNS, POSTMOD, PRONOUNS, SENTENCE_ADVERBS, TIME_WORDS, TOKEN_RE,
    WEEKDAYS,
)

@dataclass(slots=True)
class NounPhrase:
    """A source noun phrase: its token spans, the evidence span and the label."""

    start: int
    end: int
    label: str
    key: str
    person: bool = False
    pronoun: str = ""
    proper: bool = False
    typed: bool = False  # the head is a known source noun ("source", "report", "newspaper")


# A pronoun with its verb fused on ("I’m", "they’ve", "she'd"): no token of a name.
PRONOUN_CONTRACTION_RE: re.Pattern[str] = re.compile(r"(?i)(he|she|they|it|i|we|you)[’'](?:m|ve|ll|d|re|s)$")
# Compiled once: it runs per word of every candidate source phrase.
POSSESSIVE_RE: re.Pattern[str] = re.compile(r"[’']s$")


def tokens_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) offsets of the word tokens in ``text[start:end]``."""
    return [m.span() for m in TOKEN_RE.finditer(text, start, end)]


def is_cap(w: str) -> bool:
    """True when ``w`` opens with a capital letter."""
    return w[:1].isupper()


def function_form(w: str) -> str:
    """``w`` lower-cased for the function-word lists; an acronym ("the WHO", "IT staff") stays upper
    case, so it matches none of them."""
    return w if len(w) > 1 and w.isupper() else w.lower()


def _strip_poss(w: str) -> str:
    return POSSESSIVE_RE.sub("", w)


def clean_gap(text: str, a: int, b: int) -> bool:
    """True when only spaces separate two tokens (no punctuation, no line break)."""
    gap = text[a:b]
    if gap[:1] == "%" and a > 0 and text[a - 1].isdigit():
        gap = gap[1:]  # "55% of Americans": the sign belongs to its number
    elif gap == "/" and text[a - 1].isalpha() and text[b : b + 1].isupper():
        return True  # "ABC News/Washington Post", "ADL/Greenblatt": two names of one source
    return gap.strip() == "" and "\n" not in gap


def np_forward(text: str, pos: int, limit: int, lex: Lexicon, chunk: bool = False) -> NounPhrase | None:
    """Parse a source noun phrase starting at ``pos`` (at most up to ``limit``).

    ``chunk`` means [pos, limit) was already cut out as a subject, so an unnamed
    source or document keeps everything up to ``limit`` ("a source in Ankara").
    """
    np_ = _np_forward(text, pos, limit, lex, chunk)
    if np_ is not None and text[np_.end : np_.end + 1] == "%" and text[np_.end - 1].isdigit():
        np_.end += 1  # "55% said": the share with its sign
    return np_


def _np_forward(text: str, pos: int, limit: int, lex: Lexicon, chunk: bool) -> NounPhrase | None:
    toks = tokens_in(text, pos, min(limit, pos + 160))
    if not toks or not clean_gap(text, pos, toks[0][0]) and text[pos:toks[0][0]].strip(" \t"):
        return None
    words = [text[a:b] for a, b in toks]
    low = [w.lower() for w in words]
    lead = _date_words(words, low, 0)
    if lead and lead < len(toks):
        # "Saturday afternoon the coroner's office identified": the date opens the clause
        toks, words, low = toks[lead:], words[lead:], low[lead:]
    for k in (len(toks) - 2, len(toks) - 1):
        if k > 0 and _date_words(words, low, k) == len(toks) - k:
            toks, words, low = toks[:k], words[:k], low[:k]  # "a report Tuesday evening"
            break
    i = 0
    det = ""
    if function_form(words[0]) in PRONOUNS and (len(toks) == 1 or not chunk or toks[-1][0] == toks[0][0]):
        return NounPhrase(toks[0][0], toks[0][1], "", low[0], low[0] in PERSON_PRONOUNS, pronoun=low[0])
    contracted = PRONOUN_CONTRACTION_RE.match(words[0])
    if contracted:
        # "They’ve said", "I’m talking about": the pronoun speaks, its verb is fused to it; the span is the pronoun
        p = contracted.group(1).lower()
        return NounPhrase(toks[0][0], toks[0][0] + len(p), "", p, p in PERSON_PRONOUNS, pronoun=p)
    if low[0] in DETERMINERS:
        det = low[0]
        i = 1
    if det and len(toks) > 2 and low[1] == "of" and clean_gap(text, toks[0][1], toks[1][0]):
        # "one of the students", "some of his aides": a part of a group speaks, unnamed
        whole = _np_forward(text, toks[2][0], limit, lex, chunk)
        if whole is not None and not whole.pronoun:
            label = whole.label if whole.label in ("document", "media") else "anonymous"
            return NounPhrase(toks[0][0], whole.end, label, f"{label}:{det} of:{whole.key}", typed=True)
    core = _np_core(text, toks, words, low, i, lex)
    lone = det in lex.common_heads or det in LONE_QUANTIFIERS
    if not core and det and chunk and len(toks) == 1 and lone and not ARTICLE_BEFORE_RE.search(text, max(0, pos - 6), pos):
        # "some (who argue)", "Many argue": a quantifier alone is the unnamed source; not "the most telling"
        return NounPhrase(toks[0][0], toks[0][1], "anonymous", f"anonymous:{det}:", typed=True)
    if not core:
        return None
    if is_cap(_strip_poss(words[core[-1]])):
        return _named_np(toks, words, low, core, det, lex)
    return _common_np(text, toks, words, low, core, det, chunk, lex)


def _date_words(words: list[str], low: list[str], j: int) -> int:
    """How many words from ``j`` name a day ("Tuesday", "Tuesday evening"): 0, 1 or 2."""
    if j >= len(words) or low[j] not in WEEKDAYS or not is_cap(words[j]):
        return 0
    return 2 if j + 1 < len(words) and low[j + 1] in DAY_PARTS else 1


def _np_core(text: str, toks: list[tuple[int, int]], words: list[str], low: list[str], i: int, lex: Lexicon) -> list[int]:
    """The phrase's words after the determiner (indices into ``toks``): a run of
    capitalised words (a name, with "of"/"de" inside it) or of common words up to a
    stop word, a cue or a participle. Heads capitalised only by position are lowered
    in ``words``."""
    core: list[int] = []
    seen_name = False
    j = i
    while j < len(toks) and len(core) < 8:
        if j > 0 and not clean_gap(text, toks[j - 1][1], toks[j][0]):
            break
        w, lw = words[j], low[j]
        if not core and lw in lex.common_heads and not (
                j + 1 < len(toks) and is_cap(words[j + 1]) and clean_gap(text, toks[j][1], toks[j + 1][0])):
            # "Officials said", "Sources close to ...": capitalised only by position; before another
            # capitalised word it opens a name ("the Census Bureau", "Police Chief Jane Doe")
            words[j] = lw
            w = lw
        if core and _date_words(words, low, j):
            break  # "a report Tuesday evening confirming": the date follows the phrase
        if is_cap(w):
            # a possessive name is a determiner for what follows ("Russia's foreign ministry")
            if not core and (lw in SENTENCE_ADVERBS or lw in APPROXIMATORS):
                j += 1
                continue
            core.append(j)
            # possessives ("Russia's foreign ministry"), nationality words and titles
            # come before a head; any other capitalised word is part of a name
            seen_name = not (
                POSSESSIVE_RE.search(w) or lw in lex.classes["demonym"] or lw in lex.classes["title"]
            )
            j += 1
            continue
        if lw in NAME_CONNECTORS and seen_name and j + 1 < len(toks) and (
            is_cap(words[j + 1]) or (low[j + 1] == "the" and j + 2 < len(toks) and is_cap(words[j + 2]))
        ) and clean_gap(text, toks[j][1], toks[j + 1][0]):
            core.append(j)
            j += 1
            continue
        if seen_name and _title_between_names(text, toks, words, lw, j, lex):
            # "Oakland Athletics catcher Bruce Maxwell", "his Fox News colleague Ed Henry": one phrase
            core.append(j)
            seen_name = False
            j += 1
            continue
        if seen_name and lw in lex.common_heads and (j == len(toks) - 1 or low[j + 1] in lex.cue_words):
            # "FEC records", "Reuters calculations", "White House officials": the noun is the head
            core.append(j)
            break
        if seen_name or lw in NP_STOP or lw in lex.cue_words or lw in PRONOUNS:
            break
        if core and (lw.endswith("ing") or lw.endswith("ed")) and lw not in lex.classes["anonymous"]:
            break
        core.append(j)
        j += 1
    while core and low[core[-1]] in NAME_CONNECTORS:
        core.pop()  # "Doug Obegi of the Natural Resources ...": "of the" cut at the article ends no name
    return core


def _title_between_names(text: str, toks: list[tuple[int, int]], words: list[str], lw: str, j: int,
                         lex: Lexicon) -> bool:
    """A lower-case job word between two names ("catcher", "colleague", "aide")."""
    return (
        j + 1 < len(toks) and is_cap(words[j + 1]) and clean_gap(text, toks[j][1], toks[j + 1][0])
        and lw.isalpha() and lw not in NP_STOP and lw not in lex.cue_words and lw not in PRONOUNS
        and lw not in DETERMINERS and not lw.endswith(("ly", "ed", "ing"))
    )


def _named_np(toks: list[tuple[int, int]], words: list[str], low: list[str], core: list[int], det: str,
              lex: Lexicon) -> NounPhrase:
    """A phrase with a capitalised head: an outlet, an organisation or a person."""
    head_i = core[-1]
    head, lhead = _strip_poss(words[head_i]), _strip_poss(low[head_i])
    start = toks[0][0]
    end = toks[head_i][1]
    cls = lex.classes
    # a trailing run of capitalised words is the name
    run = [k for k in core]
    r0 = len(run) - 1
    while r0 > 0 and (is_cap(words[run[r0 - 1]]) or low[run[r0 - 1]] in NAME_CONNECTORS):
        r0 -= 1
    run = run[r0:]
    name = " ".join(words[k] for k in run)
    bare = name[4:] if name.startswith("The ") else name
    if bare in lex.media_names or MEDIA_SUFFIX.search(head):
        s = toks[run[0]][0]
        if det == "the" and run[0] == 1:
            s = toks[0][0]
        return NounPhrase(s, end, "media", "media:" + bare.lower(), proper=True)
    if lhead in ORG_HEADS or lhead in cls["role"] or len(run) == 1 and lhead in cls["demonym"]:
        return NounPhrase(start, end, "named", "org:" + " ".join(low[k] for k in run), proper=True)
    # a person: the name with its title and role ("President Barack Obama", "White House spokesman
    # Jay Carney", "the FBI"), as the guideline marks it; no time word and no other determiner
    k = core.index(run[0])
    while k > 0 and core[k - 1] == core[k] - 1 and low[core[k - 1]] not in TIME_WORDS and (
        is_cap(words[core[k - 1]]) or _strip_poss(low[core[k - 1]]) in cls["title"] | cls["role"]
    ):
        k -= 1
    s = toks[0][0] if det == "the" and k == 0 and core[0] == 1 else toks[core[k]][0]
    return NounPhrase(s, end, "named", "person:" + _strip_poss(low[run[-1]]), person=True, proper=True)


def _common_np(text: str, toks: list[tuple[int, int]], words: list[str], low: list[str], core: list[int], det: str,
               chunk: bool, lex: Lexicon) -> NounPhrase:
    """A phrase with a lower-case head: an unnamed source, a document, a medium or a role."""
    head_i = core[-1]
    lhead = _strip_poss(low[head_i])
    start = toks[0][0]
    end = toks[head_i][1]
    cls = lex.classes
    definite = det in ("the", "his", "her", "their", "its", "our", "this", "these", "those") or any(
        POSSESSIVE_RE.search(words[k]) for k in core[:-1]
    )
    if lhead in cls["document"]:
        label = "document"
    elif lhead in cls["media"]:
        label = "media"
    elif lhead in cls["role"] and definite:
        label = "named"
    elif lhead in cls["anonymous"] or lhead in cls["role"] or lhead.isdigit():
        label = "anonymous"  # a number is a share of unnamed respondents ("the 46% who said")
    elif definite:
        label = "named"
    elif det in INDEFINITE or lhead.endswith("s") or not det:
        label = "anonymous"
    else:
        label = "named"
    if label in ("anonymous", "document"):
        # keep a post-modifier: "a source in Ankara", "people familiar with the matter"
        k = head_i + 1
        if chunk:
            end = toks[-1][1]
        elif k < len(toks) and low[k] in POSTMOD and clean_gap(text, toks[head_i][1], toks[k][0]):
            last = k
            while last + 1 < len(toks) and last - head_i < 12 and clean_gap(text, toks[last][1], toks[last + 1][0]):
                if low[last + 1] in lex.cue_words:
                    break
                last += 1
            end = toks[last][1]
    key_words = " ".join(low[k] for k in core if low[k] not in DETERMINERS)
    typed = any(lhead in cls[c] for c in ("anonymous", "role", "document", "media"))
    return NounPhrase(start, end, label, f"{label}:{lhead}:{key_words}", typed=typed)
