"""Source noun phrases: who a reporting cue attributes its content to.

The subject before a cue ("A source in Ankara said", "Sezer, an expert, said", "he
told"), the phrase after an inverted cue ("..., said the source") or after "according
to", each labelled named / anonymous / media / document from the word classes
(``source_np`` parses and labels the phrase itself); pronouns take the label and
identity of the nearest earlier fitting source.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .report_frame import TAG_TAIL_ADJUNCT_RE
from .source_np import NounPhrase, POSSESSIVE_RE, clean_gap, function_form, is_cap, np_forward, tokens_in
from .source_words import (
    AFTER_QUOTE_RE, APPOSED_NAME_RE, APPOSITIVE_AFTER_RE, BOUNDARY, COORD_VERB_RE, DAY_PARTS, DETERMINERS,
    INTRO_PREPS, INTRO_RE, INVERSION_MARKS, Lexicon, LONE_QUANTIFIERS, MANNER_RE, MODALS, MORE_PEOPLE_BEFORE,
    NP_STOP, PASSIVE_AUX, PAST_PROGRESSIVE_AUX, PAST_PROGRESSIVE_CUES, PERSON_PRONOUNS, POSTMOD, POSTPOSABLE,
    PRESENT_AUX, PRONOUNS, QUOTE_AFTER_RE, QUOTE_INVERTED_CUE_RE, QUOTE_MARK_RE, RELATIVE, RELATIVE_AFTER_RE,
    RELATIVE_RE, RELATIVE_STOP, SET_PHRASE_RE, SET_PHRASE_WORDS, SHORT_QUOTE_RE, SKIP_BEFORE, SUBORDINATORS, THINGS,
    TICKER_BEFORE_RE, TIME_PREPS, TIME_WORDS, TO_BEFORE_RE, VERB_NEXT_RE, WEEKDAYS,
)

# Compiled once: these run per clause that ends at a cue.
_SHORT_NUMBER = re.compile(r"\d{1,4}")
_INITIAL_RE = re.compile(r"[A-Z]\.")
# '...,” Joshua Siepmann, a ... junior said': a name after a closing mark, then its role up to the cue
_QUOTED_NAME_ROLE_RE = re.compile(
    r"[”\"][ \t]*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){1,3}),[ \t]+(?:an?|the)[ \t][^,;:“”\"()\n]{1,120}[ \t]$")
PARTY_APPOSITIVE_RE = re.compile(r"(?:Republican|Democrat|Independent)\s+(?:of|from)\b")
_RELATIVE_WORD_RE = re.compile(r"\b(?:who|which|that)\b")
OF_PLACE_RE = re.compile(r"\s+of\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}\s*")  # "Rep. Jim Jordan of Ohio"
# an organisation a person is "of", closing an appositive ("John Curtice of Strathclyde University")
_OF_ORG_RE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}\s*")
_CLAUSE_MARKS = frozenset(",;:“”\"()—–\n")
_AGE_RE = re.compile(r"\d{1,3}")
# a place after a preposition, before the comma of its state or country ("from Austin, Texas")
# a state or country after its city: one capitalised word ("Texas", "Calif.") or a compass-named state
_STATE_RE = re.compile(r"(?:(?:New|North|South|West|Rhode)\s+)?[A-Z][\w.’'-]*")
_PLACE_END_RE = re.compile(r"\b(?:from|in|of|near)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}$")


_WORD_AT_RE = re.compile(r"[\w’']+")
# the forms of "be" a speech verb's progressive stands after: present ("is saying") and past ("was saying")
_SPEECH_PROGRESSIVE_AUX = PRESENT_AUX | PAST_PROGRESSIVE_AUX


def subject_before(text: str, sent_s: int, cue_s: int, lex: Lexicon) -> NounPhrase | None:
    """The subject of the clause that ends at the cue, if any."""
    name = _name_after_quote(text, sent_s, cue_s, lex)
    if name is not None:
        return name
    ticker = TICKER_BEFORE_RE.search(text, max(sent_s, cue_s - 30), cue_s)
    if ticker:
        cue_s = ticker.start()
    toks = tokens_in(text, max(sent_s, cue_s - 200), cue_s)
    if not toks:
        return None
    # "Trump is accusing", "Officials are calling it": a present progressive, not a passive
    # (a past one mostly narrates: "was talking about", "had been referring to")
    first = _WORD_AT_RE.match(text, cue_s)
    form = first.group(0).lower() if first else ""
    aux = (_SPEECH_PROGRESSIVE_AUX if form in PAST_PROGRESSIVE_CUES else PRESENT_AUX) if form.endswith("ing") else frozenset()
    skipped = _skip_to_subject(text, toks, cue_s, aux)
    if skipped is None:
        return None
    j, right = skipped
    gap = text[toks[j][1] : right].strip()
    if gap == "%" and text[toks[j][1] - 1].isdigit():
        gap = ""  # "55% said": the share of a poll's respondents speaks
    initial = gap == "." and _INITIAL_RE.fullmatch(text, toks[j][0], toks[j][1] + 1) is not None
    if initial and j > 0 and is_cap(text[toks[j - 1][0] : toks[j - 1][1]]) and clean_gap(text, toks[j - 1][1], toks[j][0]):
        gap = ""  # "George P. told": a name closed by its initial; the stop before a lower-case cue ends no sentence
    if gap:
        return _head_across_gap(text, sent_s, toks[j][1], gap, lex)
    word = text[toks[j][0] : toks[j][1]]
    lw = function_form(word)
    if lw in RELATIVE:
        head = antecedent(text, sent_s, toks[j][0], lw, lex)
        # the pronoun is the subject of the cue; it speaks for its antecedent (the same key and label)
        return None if head is None else replace(head, start=toks[j][0], end=toks[j][1])
    if lw in PRONOUNS:
        # "10 steps he says will ...", "alleged they shouted": a pronoun right before the cue is its subject
        return np_forward(text, toks[j][0], toks[j][1], lex)
    k = j
    while k > 0 and j - k < 14 and clean_gap(text, toks[k - 1][1], toks[k][0]):
        if text[toks[k - 1][0] : toks[k - 1][1]].lower() in BOUNDARY:
            break
        k -= 1
    if text[toks[k][0] : toks[k][1]].lower() in BOUNDARY:
        k += 1
    head = _head_of_relative(text, sent_s, toks[k][0] if k <= j else cue_s, cue_s, lex)
    if head is not None:
        return head
    if k > j or j - k >= 13 or not _np_like(text, toks[k:j + 1], lex):
        return None
    if toks[k][0] > sent_s and text[toks[k][0] - 1] in "/.@#_=":
        return None  # the tail of a link ("reut.rs/2WVPxuE shows"), not a phrase; "Africa.The EIA" opens a sentence
    if text[toks[k][0] : toks[k][1]].lower() == "there" and k < j:
        return None  # "there is no evidence suggesting": an existential clause, no speaker
    if text[toks[k][0] : toks[k][1]] in INTRO_PREPS:
        # "At the end of April the US Congressional Budget Office hinted": the subject is
        # the name after the opening phrase's last article, if there is one
        dets = [i for i in range(k + 1, j + 1) if text[toks[i][0] : toks[i][1]].lower() in ("the", "a", "an")]
        np_ = np_forward(text, toks[dets[-1]][0], toks[j][1], lex, chunk=True) if dets else None
        return np_ if np_ is not None and (np_.proper or np_.typed) else None  # "In its letter the group asked"
    np_ = np_forward(text, toks[k][0], toks[j][1], lex, chunk=True)
    if initial and np_ is not None and np_.end == toks[j][1]:
        np_.end += 1  # the initial with its stop
    return np_


def antecedent(text: str, sent_s: int, pron_s: int, lw: str, lex: Lexicon) -> NounPhrase | None:
    """The phrase a relative pronoun at ``pron_s`` stands for: "some who argue", "a think tank study which
    found": the noun before it; "Bruce Maxwell, who hinted": the one before the comma; "Cyril Abeh, the state
    commissioner of police, who said": the name the role is set beside."""
    end = pron_s
    comma = lw != "that" and text[max(sent_s, end - 2) : end].strip() == ","
    if comma:
        end = text.rindex(",", sent_s, end)
    head = chunk_before(text, sent_s, end, lex, stop=RELATIVE_STOP)
    role = comma and head is not None and not head.proper and text[head.start : head.end].split()[0].lower() == "the"
    before = text[sent_s : head.start].rstrip() if role else ""
    if before.endswith(","):
        name = chunk_before(text, sent_s, sent_s + len(before) - 1, lex)
        if name is not None and name.person and text[name.start : name.end].split()[0] not in INTRO_PREPS:
            return name  # not "In Washington, the senator, who said"
    return head


def _name_after_quote(text: str, sent_s: int, cue_s: int, lex: Lexicon) -> NounPhrase | None:
    """The speaker after a quotation whose role's closing comma is missing ('...,” Joshua Siepmann, a School of ...
    junior said'): the name speaks, as it does when the comma is there."""
    # the last closing mark before the cue, found by a plain scan: the pattern runs only from there
    mark = max(text.rfind("”", max(sent_s, cue_s - 200), cue_s), text.rfind('"', max(sent_s, cue_s - 200), cue_s))
    named = _QUOTED_NAME_ROLE_RE.match(text, mark, cue_s) if mark > sent_s and text[mark - 1] in ",.?!" else None
    if named is None or named.group(1).split()[0] in INTRO_PREPS:
        return None  # not an opening phrase ("In Ohio, a junior said")
    name = np_forward(text, named.start(1), named.end(1), lex)
    ok = name is not None and name.proper and name.person and (name.start, name.end) == named.span(1)
    return name if ok else None


def _skip_to_subject(text: str, toks: list[tuple[int, int]], cue_s: int, aux: frozenset[str]) -> tuple[int, int] | None:
    """(index of the subject's last token, where the gap to the cue starts) after skipping adverbs,
    auxiliaries and a time phrase between subject and cue; None for a passive or no token left.
    ``aux``: the forms of "be" a progressive cue may stand after."""
    j = len(toks) - 1
    right = cue_s
    past = False
    while j >= 0 and clean_gap(text, toks[j][1], right):
        w = text[toks[j][0] : toks[j][1]].lower()
        if (w in PASSIVE_AUX and w not in aux) or (past and w in MODALS):
            return None  # "was announced", "be called into question", "would have been saying": no speaker here
        past = past or w in PAST_PROGRESSIVE_AUX
        # an adverb is lower case: "Cassilly said" is a name
        if w in SKIP_BEFORE or w in PRESENT_AUX or (
            w.endswith("ly") and len(w) > 4 and w not in ("italy", "family") and text[toks[j][0]].islower()
        ):
            right = toks[j][0]
            j -= 1
            continue
        if w in TIME_WORDS or _SHORT_NUMBER.fullmatch(w):
            k = j - 1
            while k >= 0 and k >= j - 3 and text[toks[k][0] : toks[k][1]].lower() not in TIME_PREPS:
                k -= 1
            if k >= 0 and k >= j - 3 and text[toks[k][0] : toks[k][1]].lower() in TIME_PREPS:
                right = toks[k][0]
                j = k - 1
                continue
            k = _bare_day(text, toks, j, w)
            if k is not None:
                right, j = toks[k][0], k - 1
                continue
        break
    return (j, right) if j >= 0 else None


def _head_across_gap(text: str, sent_s: int, end: int, gap: str, lex: Lexicon) -> NounPhrase | None:
    """The subject when punctuation (``gap``) separates the words before a cue from it."""
    if gap in (",", "—", "–"):
        # "Sezer, an expert on Turkey, said", "One commenter — who ... — noted": skip back
        # over the appositive; "Another participant who chose ..., says": over the relative clause
        return (_appositive_head(text, sent_s, end, lex, gap) or _relative_head(text, sent_s, end, lex)
                or _opening_subject(text, sent_s, end, lex))
    if gap == "),":
        return _opening_subject(text, sent_s, end, lex)  # "..., which has ties to ALEC (...), published"
    return None


def _opening_subject(text: str, sent_s: int, app_end: int, lex: Lexicon) -> NounPhrase | None:
    """The name or typed phrase opening the sentence when a long appositive or relative clause, with
    commas or brackets of its own, runs from it to the cue ("Liz Mair, a strategist who has worked for
    ..., told", "The Commonwealth Foundation, which has ties to ALEC (...), published")."""
    intro = INTRO_RE.match(text, sent_s)
    head = np_forward(text, intro.end(), app_end, lex)
    if head is None or head.pronoun or not (head.proper or head.typed):
        return None
    tag = TICKER_BEFORE_RE.match(text, head.end)
    between = text[tag.end() if tag else head.end : app_end]
    if not between.startswith(",") or len(between) > 260 or between.count(",") > 4:
        return None
    if QUOTE_MARK_RE.search(SHORT_QUOTE_RE.sub("", between)):
        return None  # a quotation between: the words before the cue are a quoted speaker's
    return head


def _head_of_relative(text: str, sent_s: int, chunk_s: int, cue_s: int, lex: Lexicon) -> NounPhrase | None:
    """The subject before a relative clause that runs, unpunctuated, into the cue's own clause
    ("Some lawmakers who sat in on the hearing are saying", "every agency that has assessed it
    has concluded"): the words right before the cue are the relative clause's, not the subject."""
    lo = max(sent_s, chunk_s - 80)
    window = text[lo:cue_s]
    if "who " not in window and "which " not in window and "that " not in window:
        return None  # most clauses hold no relative pronoun: a substring test skips the scan
    m = None
    for m in _RELATIVE_WORD_RE.finditer(text, lo, cue_s):
        pass
    if m is None or any(c in _CLAUSE_MARKS for c in text[m.end() : cue_s]):
        return None
    inner = tokens_in(text, m.end(), cue_s)
    if len(inner) < 3:
        return None  # "officials who said": the relative pronoun is the cue's own subject
    nxt = text[inner[0][0] : inner[0][1]]
    if not nxt.islower() or nxt in DETERMINERS or nxt in PRONOUNS or nxt == "there":
        return None  # "documents reinforce that the White House argued": a that-clause, no relative
    before = tokens_in(text, max(sent_s, m.start() - 30), m.start())
    if m.group().lower() == "that" and before and text[before[-1][0] : before[-1][1]].lower() in lex.cue_words:
        return None  # "said that officials have concluded": a that-clause, no relative
    head = chunk_before(text, sent_s, m.start(), lex, stop=RELATIVE_STOP)
    if head is None or head.pronoun or not (head.typed or head.proper):
        return None
    words = tokens_in(text, head.start, head.end)
    if not _np_like(text, words, lex) or any(text[a:b].lower() in SKIP_BEFORE for a, b in words):
        return None  # "the governor has praised the planning (that ...)": a clause, not a phrase
    dets = [a for a, b in words[1:] if text[a:b].lower() in DETERMINERS]
    if dets and text[words[0][0] : words[0][1]].lower() not in DETERMINERS:
        # "So far every agency": the phrase opens at its determiner
        return np_forward(text, dets[-1], head.end, lex, chunk=True) or head
    return head


def _bare_day(text: str, toks: list[tuple[int, int]], j: int, w: str) -> int | None:
    """Where a bare day's name ending at token ``j`` starts ("Maxwell's tweets Saturday made it
    clear", "... Tuesday evening said"), or None."""
    k = j - 1 if w in DAY_PARTS else j
    day = text[toks[k][0] : toks[k][1]] if k > 0 else ""
    if day.lower() in WEEKDAYS and is_cap(day) and clean_gap(text, toks[k][1], toks[j][0]):
        return k
    return None


def np_before_gerund(text: str, sent_s: int, end: int, lex: Lexicon) -> NounPhrase | None:
    """The noun phrase right before a gerund cue that it speaks through ("a study claiming",
    "her comments alleging", "a memo from Comey claiming"): it opens with a determiner or a
    possessive at most six words back, and its head is a source noun or a name."""
    toks = tokens_in(text, max(sent_s, end - 120), end)
    if not toks or not clean_gap(text, toks[-1][1], end):
        return None
    j = len(toks) - 1
    for k in range(j, max(-1, j - 6), -1):
        if k < j and not clean_gap(text, toks[k][1], toks[k + 1][0]):
            return None
        w = text[toks[k][0] : toks[k][1]]
        lw = w.lower()
        if lw in DETERMINERS or (k < j and POSSESSIVE_RE.search(w)):
            np_ = np_forward(text, toks[k][0], toks[j][1], lex, chunk=True)
            return np_ if np_ is not None and (np_.typed or np_.proper) else None
        if lw in BOUNDARY or lw in PASSIVE_AUX or lw in PRONOUNS or (lw in NP_STOP and lw not in POSTMOD):
            return None
    return None


def _np_like(text: str, toks: list[tuple[int, int]], lex: Lexicon) -> bool:
    """Reject chunks that are verb phrases or end in a function word
    ("rushed everyone inside and", "months of")."""
    first = text[toks[0][0] : toks[0][1]]
    last = function_form(text[toks[-1][0] : toks[-1][1]])
    if last in NP_STOP or last in BOUNDARY or last in ("a", "to", "by"):
        return False
    if last in DETERMINERS and not (len(toks) == 1 and last in LONE_QUANTIFIERS):
        return False
    lf = first.lower()
    if first[:1].islower() and lf not in DETERMINERS and lf not in PRONOUNS and len(toks) > 1:
        # "rushed everyone", not "ship-tracking data" (a hyphenated compound is an adjective)
        if lf.endswith(("ed", "ing")) and "-" not in lf or lf in NP_STOP:
            return False
    return True


def _appositive_head(text: str, sent_s: int, app_end: int, lex: Lexicon, mark: str = ",") -> NounPhrase | None:
    """The noun phrase before the mark (a comma or a dash) that opens an appositive
    ending at ``app_end``."""
    opening = "—–" if mark in "—–" else ","
    pos = app_end - 1
    floor = max(sent_s, app_end - 120)
    while pos > floor and text[pos] not in ",“”\"();:—–":
        pos -= 1
    if pos <= floor or text[pos] not in opening:
        return None
    # "Sen. Carl Levin (D-Mich.), chairman of ...": the name stands before its party tag
    tag = TICKER_BEFORE_RE.search(text, max(sent_s, pos - 30), pos)
    np_ = chunk_before(text, sent_s, tag.start() if tag else pos, lex)
    if _STATE_RE.fullmatch(text[pos + 1 : app_end].strip()) and _PLACE_END_RE.search(text, max(sent_s, pos - 60), pos):
        # "Clark Lee Walker, a Comanche from Austin, Texas, told": the state of a place is no speaker;
        # the phrase holding the place, or the one before its own appositive, speaks
        return _appositive_head(text, sent_s, pos, lex) or np_
    name = _name_in_apposition(text, pos + 1, app_end, lex)
    if name is not None and (np_ is None or not np_.pronoun and not (np_.proper and np_.person)):
        # "The chairman of the committee, Rep. Elijah Cummings, said": the name set beside a role speaks
        return name
    second = np_ is not None and PARTY_APPOSITIVE_RE.match(text, np_.start)
    if second and text[sent_s : np_.start].rstrip().endswith(","):
        # "Senator Saxby Chambliss, Republican of Georgia, who ...": the party is a second appositive
        return chunk_before(text, sent_s, text.rindex(",", sent_s, np_.start), lex)
    if np_ is not None and _AGE_RE.fullmatch(text, np_.start, np_.end) and text[sent_s : np_.start].rstrip().endswith(","):
        # "Hennessey, 53, a teacher, said": the age is one more appositive; the phrase before it speaks
        return _appositive_head(text, sent_s, pos, lex) or np_
    return np_


def _name_in_apposition(text: str, start: int, end: int, lex: Lexicon) -> NounPhrase | None:
    """A person's name that fills [start, end) (an appositive between commas), or None."""
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    name = np_forward(text, start + lead, end, lex)
    of = _OF_ORG_RE.search(text, start + lead, end) if name is not None and not name.person else None
    if of is not None and of.end() == end and text[start + lead : start + lead + 4].lower() != "the ":
        # "John Curtice of Strathclyde University": the person before the "of" of an organisation's name; not
        # "the Fraternal Order of Police", one name
        name = np_forward(text, start + lead, of.start(), lex)
    if name is None or not name.proper or not name.person or name.start != start + lead:
        return None
    rest = text[name.end : end]
    return name if not rest.strip() or OF_PLACE_RE.fullmatch(rest) else None


def _relative_head(text: str, sent_s: int, end: int, lex: Lexicon) -> NounPhrase | None:
    """The noun phrase before a relative clause that runs up to ``end`` without
    punctuation ("Another participant who chose not to have his name used")."""
    m = None
    for m in RELATIVE_RE.finditer(text, max(sent_s, end - 120), end):
        pass
    if m is None or any(c in ",;:“”\"()—–" for c in text[m.end() : end]):
        return None
    return chunk_before(text, sent_s, m.start(), lex, stop=RELATIVE_STOP)


def chunk_before(text: str, sent_s: int, end: int, lex: Lexicon, stop: frozenset[str] = frozenset()) -> NounPhrase | None:
    """The noun phrase that ends right before ``end`` (at most eight words, not
    across punctuation, a clause boundary or a word in ``stop``)."""
    toks = tokens_in(text, max(sent_s, end - 200), end)
    if not toks or not clean_gap(text, toks[-1][1], end):
        return None
    j = len(toks) - 1
    k = j
    while k > 0 and j - k < 8 and clean_gap(text, toks[k - 1][1], toks[k][0]):
        w = text[toks[k - 1][0] : toks[k - 1][1]].lower()
        if w in BOUNDARY or w in stop:
            break
        k -= 1
    if text[toks[k][0] : toks[k][1]].lower() in BOUNDARY:
        k += 1
    if k > j:
        return None
    return np_forward(text, toks[k][0], toks[j][1], lex, chunk=True)


def resolve_pronoun(np_: NounPhrase, history: list[NounPhrase]) -> NounPhrase:
    """Give a pronoun the label and identity of the nearest fitting earlier source."""
    if not np_.pronoun:
        return np_
    for prev in reversed(history[-12:]):
        if prev.pronoun:
            continue
        if np_.pronoun in PERSON_PRONOUNS and np_.pronoun not in ("we", "you") and prev.person:
            return NounPhrase(np_.start, np_.end, prev.label, prev.key, True, np_.pronoun)
        if np_.pronoun in ("they", "we") and not prev.person:
            return NounPhrase(np_.start, np_.end, prev.label, prev.key, False, np_.pronoun)
        if np_.pronoun == "it" and not prev.person and prev.label != "anonymous":
            return NounPhrase(np_.start, np_.end, prev.label, prev.key, False, np_.pronoun)
    if np_.pronoun == "they":
        return NounPhrase(np_.start, np_.end, "anonymous", "anonymous:they", False, np_.pronoun)
    return NounPhrase(np_.start, np_.end, "named", "pronoun:" + np_.pronoun, np_.pronoun in PERSON_PRONOUNS, np_.pronoun)


def sentence_subject(text: str, sent_s: int, s: int, lex: Lexicon, max_commas: int = 0) -> NounPhrase | None:
    """The named subject (or subject pronoun) opening the sentence, when the
    clause from it to ``s`` holds no quotation and at most ``max_commas`` commas."""
    intro = INTRO_RE.match(text, sent_s)
    head = np_forward(text, intro.end(), s, lex)
    if head is None or not (head.proper or head.typed or head.pronoun in PERSON_PRONOUNS or head.pronoun == "they"):
        return None
    if text[head.start : head.end].lower() in THINGS:
        return None
    # a subject is followed by its verb ("Khan began"), not by a dateline's "(CNN) –"; an appositive may stand between
    app = APPOSITIVE_AFTER_RE.match(text, head.end, s) if max_commas else None
    verb_at = app.end() if app else head.end
    if not VERB_NEXT_RE.match(text, verb_at):
        return None
    between = text[verb_at:s]
    if s - head.end > 160 or between.count(",") > max_commas or QUOTE_MARK_RE.search(SHORT_QUOTE_RE.sub("", between)):
        return None
    return head


def first_verb_subject(text: str, sent_s: int, s: int, lex: Lexicon) -> NounPhrase | None:
    """The subject of the sentence's first verb for a cue coordinated with it ("Foreign Minister Mevlüt Çavuşoğlu
    undermined the plan and said ...", "He defended his position but also promised ...", "came forward to say");
    a comma may close the first verb phrase ("lost his seat, but insisted"), but then an opening clause ("If ...",
    "Pressed by ...") is no subject."""
    coord = COORD_VERB_RE.search(text, max(sent_s, s - 30), s)
    if coord is None and not TO_BEFORE_RE.search(text, max(sent_s, s - 24), s):
        return None
    comma = coord is not None and text[coord.start() - 1] == ","
    head = sentence_subject(text, sent_s, s, lex, max_commas=int(comma))
    first = text[head.start : head.end].split()[0].lower() if head is not None else ""
    return None if comma and (first in SUBORDINATORS or first.endswith("ed") and text.startswith(" by ", head.end)) else head


def inverted_speaker(
    text: str, s: int, e: int, sent_e: int, first: str, before: str, lex: Lexicon,
) -> NounPhrase | None:
    """The speaker after an inverted cue ('..., said the source.', '“...,” said a person close to the Clintons.',
    '“...!” beamed Donald Hartley'); ``before`` is the sentence's text before the cue at ``s``-``e``, ``first`` the
    cue's first word."""
    # the participle ends the cue: "first reported" is the lexicon's one cue with an adverb before it
    agent = _reduced_passive_agent(text, e, sent_e, text[s:e].split()[-1].lower(), lex)
    if agent is not None:
        return agent
    # "One commenter — who appeared to be a student — noted": a closing dash, not an inversion
    paired_dash = bool(before) and before[-1] in "—–" and any(c in "—–" for c in before[:-1])
    # right after a quotation's closing mark a reporting verb is a speech tag whose speaker follows it; any
    # other verb only in the tag's shape, a name ending the clause ('...!” beamed Donald Hartley.')
    mark = AFTER_QUOTE_RE.search(text, max(0, s - 4), s)
    after_quote = mark is not None and first in POSTPOSABLE
    tag = mark is not None and (t := QUOTE_INVERTED_CUE_RE.match(text, mark.start())) is not None and t.start(1) == s
    if (first in POSTPOSABLE or tag) and (not before or before[-1] in INVERSION_MARKS) and not paired_dash:
        np_ = np_forward(text, e, sent_e, lex)
        if np_ is not None and not np_.pronoun and not np_.proper and APPOSED_NAME_RE.match(text, np_.end):
            name = np_forward(text, APPOSED_NAME_RE.match(text, np_.end).end(), sent_e, lex)
            if name is not None and name.person:
                np_ = NounPhrase(np_.start, name.end, name.label, name.key, True, proper=True)
        if np_ is not None and not np_.pronoun:
            mm = MANNER_RE.match(text, np_.end)
            after = text[mm.end() if mm else np_.end : sent_e].lstrip()
            # "..., said the source." but not "..., said disagreements were behind it"
            fits = np_.proper or np_.typed or (bool(before) and before[-1] != ",")
            # after a quotation the phrase speaks whatever qualifies it ('said a person close to the Clintons.')
            tail = _tail_adjunct_start(text, np_.start, np_.end, sent_e) if not after_quote else None
            if tail is not None and tail > np_.start:
                np_, after = replace(np_, end=len(text[:tail].rstrip())), ""  # "said a spokesman [on Monday]."
            if fits and (after_quote or not after or after[0] in ",.;:—–(" or (
                    np_.proper and (not before or before[-1] != ","))):
                rel = RELATIVE_AFTER_RE.search(text, np_.start, np_.end)  # "one source [who spoke ...]"
                return replace(np_, end=rel.start()) if rel else np_
    return None


def _tail_adjunct_start(text: str, start: int, end: int, sent_e: int) -> int | None:
    """Where a time or medium adjunct that runs to the sentence's end starts, at a word of ``text[start:end]`` or
    right after it ("a spokesman for the mayor [on Monday].", "a spokesman [in a statement]."); None without one."""
    end += len(text[end:sent_e]) - len(text[end:sent_e].lstrip())
    for m in _WORD_START_RE.finditer(text, start, min(end + 1, sent_e)):
        if TAG_TAIL_ADJUNCT_RE.match(text, m.start(), sent_e):
            return m.start()
    return None


_WORD_START_RE = re.compile(r"(?<!\S)\S")
# a participle's "by" and its agent, maybe after one adverb ("as first reported by", "acknowledged even by")
_REDUCED_BY_RE = re.compile(r"[^\S\n]+(?:(?:even|first|also|later|originally|[a-z]+ly)[^\S\n]+)?by[^\S\n]+")
# participles of the guideline's speech and writing acts only: an act's agent ("proposed by", "confirmed by the
# Senate", "observed by") said nothing, and "asked by" is as often a request ("scientists asked by the president for
# a report") as a question whose asker the gold leaves unmarked
_SPOKEN_PARTICIPLES = frozenset("""said told written added announced described cited claimed denied explained
noted reported stated argued warned insisted tweeted""".split())
# what may follow an agent that ends its noun phrase: a word of NP_STOP or BOUNDARY, a time, an adverb, a past
# verb ("an article cited by her campaign quoted"), a mark
_AFTER_AGENT_RE = re.compile(r"[^\S\n]*(?:[^\w\s]|$|([a-z]+)\b)")


def _reduced_passive_agent(text: str, e: int, sent_e: int, first: str, lex: Lexicon) -> NounPhrase | None:
    """The agent of a spoken participle cue with no auxiliary ("Asked by Stephanopoulos", "as described by Politico",
    "an article cited by her campaign"): the one who spoke, not the phrase the participle qualifies. A
    passive with its auxiliary is sourcing's; a time ("by Friday") or a medium ("by email", "by phone") is no
    agent, so only a name, a pronoun or a typed source noun that is no document speaks."""
    if first not in _SPOKEN_PARTICIPLES:
        return None
    by = _REDUCED_BY_RE.match(text, e)
    agent = np_forward(text, by.end(), sent_e, lex) if by else None
    # the phrase must be the whole agent: not a part of "a CNN reporter", "the 4th Circuit", "the Trump administration"
    nxt = _AFTER_AGENT_RE.match(text, agent.end) if agent is not None and agent.start == by.end() else None
    word = nxt.group(1) if nxt else None
    if nxt is None or (word is not None and word not in NP_STOP and word not in BOUNDARY and word not in TIME_WORDS
                       and not word.endswith(("ly", "ed"))):
        return None
    if text[agent.start : agent.end].split()[0].lower() in TIME_WORDS:
        return None
    return agent if agent.proper or agent.pronoun or (agent.typed and agent.label != "document") else None


_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w’'-]*")


def in_teaser_headline(text: str, start: int) -> bool:
    """The capitalised cue word at ``start`` stands inside a line set in title case below the article's first line:
    a teaser or related-article headline ("Doctor Says Don't Cover Up Your Dark Spots"), no report in the body."""
    if not text[start].isupper():
        return False
    ls = text.rfind("\n", 0, start) + 1
    before = text[ls:start].rstrip()
    if ls == 0 or not before or before[-1] in ".!?:;“\"":
        return False  # the title line, or a cue opening its sentence
    le = text.find("\n", start)
    le = len(text) if le < 0 else le
    line = text[ls:le].rstrip()
    if line.endswith(":"):
        return False  # a crosshead introducing the words it reports ("Boehner Says:")
    if line.rstrip("”\"’'").endswith(".") and not any(c.islower() for c in line):
        return False  # body text set in capitals ends its sentences; a headline takes no full stop
    words = _TITLE_WORD_RE.findall(text, ls, le)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def in_set_phrase(text: str, start: int, word: str) -> bool:
    """The cue ``word`` starting at ``start`` lies inside one of the set phrases of ``SET_PHRASE_RE``, or is a
    "referring" with no comma before it (a gloss on the speaker's words follows a comma; "he was referring to"
    narrates)."""
    if word == "referring":
        return not text[max(0, start - 3) : start].rstrip().endswith(",")
    return word in SET_PHRASE_WORDS and any(
        m.start() <= start < m.end() and not _more_people(text, m.start())
        for m in SET_PHRASE_RE.finditer(text, max(0, start - 24), start + 8))


_RELATIVE_THAT_RE = re.compile(r"\w[^\S\n]+(that)[^\S\n]+$")
_OF_PLACE = frozenset("at in on from by of to for with about beside near".split())


def _relative_that(text: str, lo: int, start: int, end: int, word: str) -> re.Match[str] | None:
    """The relative "that" (searched from ``lo``) before the cue ``word`` at ``start``-``end`` when the cue is
    "said"/"says" and a quotation follows it; else None."""
    if word not in ("said", "says") or QUOTE_AFTER_RE.match(text, end) is None:
        return None
    return _RELATIVE_THAT_RE.search(text, max(lo, start - 40), start)


def relative_report(text: str, start: int, end: int, word: str) -> bool:
    """The cue ``word`` at ``start``-``end`` is "said"/"says" after a relative "that" and before the quotation it
    introduces ("a message that said, “Sorry, ...”", "water bottles that said “Welcome”"): a report, though
    "that" before a cue is otherwise its determiner ("that said," opening a sentence is the aside "That said")."""
    return _relative_that(text, 0, start, end, word) is not None


def relative_quote_source(text: str, sent_s: int, s: int, e: int, lex: Lexicon) -> list[NounPhrase] | None:
    """The phrase a relative "that" before "said"/"says" and a quotation stands for, which bears the words:
    "a message that said, “...”" gives "a message", "signs that said “...”" nothing (no determiner to find
    where the phrase starts, so "marched with signs" is not taken); None for any other cue. "that read" keeps the
    sentence's subject, whom the annotators mark ("The office of McCain sent a statement that read, ...")."""
    m = _relative_that(text, sent_s, s, e, text[s:e].lower())
    if m is None:
        return None
    head = antecedent(text, sent_s, m.start(1), "that", lex)
    if head is None or not text[head.end : m.start(1)].isspace():
        return []
    words = list(re.finditer(r"[\w’'-]+", text[head.start : head.end]))
    dets = [w for w in words if w.group().lower() in DETERMINERS]
    # a preposition after the determiner leaves it unclear which noun bears the words ("a statement at the sit-in
    # today", "a button on his left lapel")
    if not dets or words[-1].group().lower() in TIME_WORDS or any(
            w.group().lower() in _OF_PLACE for w in words if w.start() > dets[0].start()):
        return []
    np_ = np_forward(text, head.start + dets[0].start(), head.end, lex)
    return [np_] if np_ is not None and np_.end == head.end else []


def _more_people(text: str, start: int) -> bool:
    """The set phrase at ``start`` opens with "more" standing for people ("More say in a new poll that ...",
    "many more say on social media"), not qualifying the noun "say" ("want more say in")."""
    if text[start : start + 4].lower() != "more":
        return False
    before = text[max(0, start - 24) : start].rstrip()
    return not before or before[-1] in ".!?:;“”\"\n" or before.split()[-1].lower() in MORE_PEOPLE_BEFORE
