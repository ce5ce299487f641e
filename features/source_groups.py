"""Speakers found beyond the plain subject of a cue: a document that speaks through a prepositional phrase before
its gerund cue, the names of a list of three or more speakers, the one blamed or praised "for saying",
the medium and the speaker of "quoted ... as saying", the names coordinated with a subject, and the name a
relative pronoun stands for;
``source_np`` and ``source_phrases`` parse the single phrases they are made of."""
from __future__ import annotations

import re

from .source_np import POSSESSIVE_RE, NounPhrase, clean_gap, np_forward, tokens_in
from .source_phrases import antecedent, chunk_before, subject_before
from .source_words import (
    AND_BEFORE_RE, BOUNDARY, BY_RE, DETERMINERS, INTRO_PREPS, NP_STOP, OF_NAME_RE, PASSIVE_AGENT_BEFORE_RE, PASSIVE_AUX,
    PRONOUNS, RELATIVE, SKIP_BEFORE, TIME_WORDS, Lexicon,
)


_PP_PREPS = frozenset("to on from in at for with of about".split())
# Words opening a sentence that end a list of speakers: a preposition of comparison or exception ("Like
# Politico, NBC and CBS reported") or a connective ("However, Smith, Jones and Brown said").
_LIST_OPENERS = INTRO_PREPS | frozenset(
    """Like Unlike Including Besides Despite Except However Meanwhile Moreover Furthermore Indeed Instead Still
    Yet Also Thus Hence Therefore Nevertheless Nonetheless Likewise Otherwise Now Then Again""".split())
# A capitalised -ly word ("Sadly", "Finally") is an adverb, not a name; names ending in -ly mostly end in
# "lly" (Kelly, Reilly) or are short (Emily, Daly), so those are kept.
_ADVERB_RE = re.compile(r"[A-Z][a-z]*(?:(?<!l)ly|(?:al|ful)ly|[a-z]{3}ily)")


def document_before_phrase(text: str, sent_s: int, end: int, lex: Lexicon) -> NounPhrase | None:
    """A document noun whose prepositional phrase runs up to its gerund cue ("sent notices to shoppers
    on Thursday saying", "a letter to colleagues saying", "the post on the site reading"): the document
    speaks, not the noun nearest the cue. Within ten words, with no punctuation, verb-like auxiliary,
    pronoun or relative word in between."""
    toks = tokens_in(text, max(sent_s, end - 100), end)
    if len(toks) < 3 or not clean_gap(text, toks[-1][1], end):
        return None
    low = [text[a:b].lower() for a, b in toks]
    for k in range(len(toks) - 2, max(-1, len(toks) - 11), -1):
        if not clean_gap(text, toks[k][1], toks[k + 1][0]):
            return None
        lw = low[k]
        if lw in lex.classes["document"] and low[k + 1] in _PP_PREPS:
            i = k
            while i > 0 and k - i < 3 and clean_gap(text, toks[i - 1][1], toks[i][0]) and low[i - 1] not in BOUNDARY:
                i -= 1
                if low[i] in DETERMINERS or POSSESSIVE_RE.search(low[i]):
                    break
            else:
                i = k  # no determiner near: a bare plural ("notices")
            return np_forward(text, toks[i][0], toks[k][1], lex, chunk=True)
        if lw in PASSIVE_AUX or lw in PRONOUNS or lw in RELATIVE or lw in BOUNDARY:
            return None
    return None


def listed_names(text: str, sent_s: int, end: int, lex: Lexicon) -> list[NounPhrase]:
    """The names of a list of three or more speakers that ends at ``end``, before its "and" ("NBC, the
    Associated Press, and Politico reported", "Smith, Jones and Brown said"), in order; empty unless
    at least two names, each a proper noun phrase, are separated by commas. An opening phrase of time
    or place ("This week,", "In Washington,"), an adverb ("Sadly,") or a connective is no name and ends the list."""
    items: list[NounPhrase] = []
    pos = end
    while True:
        head = text[sent_s:pos].rstrip()
        if head.endswith(","):
            head = head[:-1]
        elif items:
            break
        np_ = chunk_before(text, sent_s, sent_s + len(head), lex)
        words = text[np_.start : np_.end].split() if np_ is not None else []
        if (np_ is None or not np_.proper or np_.pronoun or words[0] in _LIST_OPENERS
                or (len(words) == 1 and _ADVERB_RE.fullmatch(words[0]))
                or any(w.lower() in TIME_WORDS for w in words)):
            break
        items.insert(0, np_)
        pos = np_.start
    return items if len(items) >= 2 else []


# "calling out critics for saying": a verb's particle ends the object phrase
_PARTICLES = frozenset("out up down off back over".split())


def object_before_for(text: str, sent_s: int, for_s: int, lex: Lexicon) -> NounPhrase | None:
    """The object of the verb before "for" and a gerund cue ("attacked Trump for saying", "slams actress Stacey
    Dash for tweeting", "calling out critics for suggesting"): the one blamed or praised for what they said is
    its speaker. A name, a typed phrase or a plural noun, at most five words, that follows a verb; None when the
    word before "for" is no noun ("was criticized for saying": the subject speaks)."""
    toks = tokens_in(text, max(sent_s, for_s - 80), for_s)
    if not toks or not clean_gap(text, toks[-1][1], for_s):
        return None
    j = len(toks) - 1
    k = j
    while k >= 0 and j - k < 5:
        w = text[toks[k][0] : toks[k][1]]
        lw = w.lower()
        verb_like = w.islower() and (lw.endswith("ed") or lw in lex.cue_words)
        if (verb_like or lw in NP_STOP or lw in BOUNDARY or lw in PASSIVE_AUX or lw in SKIP_BEFORE or lw in _PARTICLES
                or lw in PRONOUNS):
            break
        if k < j and not clean_gap(text, toks[k][1], toks[k + 1][0]):
            break
        k -= 1
    if k == j or k < 0:
        return None  # no object, or the phrase opens the sentence (then it is the subject, found elsewhere)
    np_ = np_forward(text, toks[k + 1][0], toks[j][1], lex, chunk=True)
    if np_ is None or np_.pronoun or np_.end != toks[j][1]:
        return None
    return np_ if np_.proper or np_.typed or text[np_.start : np_.end].lower().endswith("s") else None


def quoted_speakers(text: str, sent: tuple[int, int], s: int, e: int, lex: Lexicon) -> list[NounPhrase]:
    """Both speakers of "quoted ... as saying": the medium and the one it quotes ("Tasnim quoted an official
    as saying"; "an official was quoted by Tasnim as saying"; "a senior official quoted by Haaretz")."""
    sent_s, sent_e = sent
    aux = PASSIVE_AGENT_BEFORE_RE.search(text, max(sent_s, s - 24), s)
    subject = subject_before(text, sent_s, aux.start() if aux else s, lex)
    by = BY_RE.match(text, e)
    other = np_forward(text, by.end() if by else e, sent_e, lex)
    if other is not None and by is None and aux is not None:
        other = None  # "was quoted as saying": the words after are the report
    return [np_ for np_ in (subject, other) if np_ is not None]


def relative_sources(text: str, sent_s: int, pron: NounPhrase, rel: str, lex: Lexicon) -> list[NounPhrase]:
    """The sources of a cue whose subject is a relative pronoun: after a comma ("Holder, who called Comey ...")
    the pronoun (the guideline's source) and the name it stands for; in a restrictive clause ("officials who
    said") the phrase it restricts, which the annotators mark instead."""
    head = antecedent(text, sent_s, pron.start, rel, lex)
    if head is None:
        return [pron]
    named = with_coordinated(text, sent_s, head, lex)
    return named + [pron] if text[max(sent_s, pron.start - 2) : pron.start].strip() == "," else named


def with_coordinated(text: str, sent_s: int, np_: NounPhrase, lex: Lexicon) -> list[NounPhrase]:
    """A subject with the names coordinated before it: "Mr Putin and Mr Erdogan said" (both speak),
    "NBC, the Associated Press, and Politico reported" (every name speaks)."""
    m = AND_BEFORE_RE.search(text, max(sent_s, np_.start - 40), np_.start) if np_.proper else None
    if m is None:
        return [np_]
    left = text[max(sent_s, m.start() - 40) : m.start()].split()
    if left and not (left[-1][:1].isupper() or left[-1].endswith(",")):
        return [np_]  # "co-founder and chief executive Jim VandeHei": two roles of one person
    listed = listed_names(text, sent_s, m.start(), lex)
    if listed:
        return listed + [np_]
    co = subject_before(text, sent_s, m.start(), lex)
    if co is not None and not co.proper and not co.pronoun and OF_NAME_RE.fullmatch(text, co.end, m.start()):
        # "the heads of Russia and Turkey declared": the names complete one common head
        return [NounPhrase(co.start, np_.end, co.label, co.key, co.person, typed=co.typed)]
    return [co, np_] if co is not None and co.proper and not co.pronoun else [np_]
