"""Whether a cue word of the lexicon is used as something other than a report.

A reporting word also names things ("the claim", "phone calls", "a tool called CRISPR"), sets a phrase
("worth noting"), reads ("read the report") or reports no one in a passive ("was found guilty"): the form
around the word decides. ``sourcing`` asks this of every cue token before it looks for a source.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .source_phrases import in_set_phrase, relative_report
from .source_words import (
    ADJECTIVE_AFTER, ATTACKED_BODILY_RE, BOUNDARY, BROADCAST, CALLS_NOUN_AFTER, CALLS_NOUN_BEFORE, CLAIM_FORMS,
    CLAIM_SUBJECTS, CONFORMITY_RE, DENY_FORMS, DENY_GRANT_RE, DETERMINERS, EXPLAIN_NOT_SAID_BEFORE_RE, FINDERS,
    FORMS, Lexicon, MODALS, MODAL_REPORTS, NAMED_AFTER_COMMA_RE, NAMING_BEFORE, NOT_AFTER_TO,
    NOT_A_CUE_AFTER, NOT_A_CUE_BEFORE, NOUN_AFTER_RE, NOUN_BEFORE, NP_STOP, OBJECT_PRONOUNS, OFFERED_WORDS_PATTERN,
    ORG_HEADS, PASSIVE_AUX, PASSIVE_CUES, PASSIVE_GAP, PASSIVE_NEVER, PLACE_PREPS, PLACING_PARTICIPLES,
    POSSESSIVE_BEFORE_RE, POSSESSIVE_GAP_RE, PRONOUNS, QUOTED_AS_BEFORE_RE, QUOTED_AS_RE, QUOTE_AFTER_RE,
    QUOTE_BEFORE_RE, QUOTE_MARK_RE, REFLEXIVES, REPEATED_WORDS_RE, REPEATS, RESPONDED_TO_CALL_RE, SAY_FRAMES,
    SHOWED_PICTURE_BEFORE_RE, SHOWED_QUALITY_AFTER_RE, SKIP_BEFORE, STRANDED_ABOUT_RE, TALKING, TIME_WORDS,
    WRITING_AFTER_RE, lexicon,
)

_CLAUSE_END_RE = re.compile(r"[.!?;:,]\s|\n")


def reports_no_one(text: str, toks: list[tuple[int, int]], low: list[str], i: int, lex: Lexicon) -> bool:
    """The cue word at ``i`` used as something else: a noun ("the claim", "his support", "unfounded
    claims", "phone calls"), an aside ("worth noting"), a phrasal verb ("called off"), a name
    ("a tool called CRISPR"), reading ("read the report"), a passive with no speaker ("was found guilty",
    "charges were dismissed")."""
    w = low[i]
    nxt = low[i + 1] if i + 1 < len(low) else ""
    # only with nothing but a space between ('added, "To be clear ...' and '” added another official' report)
    joined = i + 1 < len(toks) and text[toks[i][1] : toks[i + 1][0]].rstrip("$£€").isspace() and (
        i == 0 or w not in FORMS["add"] or not QUOTE_MARK_RE.search(text, toks[i - 1][1], toks[i][0]))
    if joined and (nxt in NOT_A_CUE_AFTER.get(w, ()) or (w in FORMS["add"] and nxt[:1].isdigit())):
        return True
    if in_set_phrase(text, toks[i][0], w) or possessive_participle(text, *toks[i]):
        return True
    if w == "according" and CONFORMITY_RE.match(text, toks[i][1]):
        return True
    if act_without_words(text, *toks[i], w):
        return True
    if w == "showed" and (SHOWED_QUALITY_AFTER_RE.match(text, toks[i][1]) or nxt != "that" and (
            SHOWED_PICTURE_BEFORE_RE.search(text, max(0, toks[i][0] - 70), toks[i][0]))):
        return True  # "Surveillance video showed the gunman", "showed no signs of fatigue": shown, not reported
    if w in DENY_FORMS and DENY_GRANT_RE.match(text, toks[i][1]):
        return True  # "a judge denied a request", "deny Iran a nuclear weapon": refusing, not disputing
    if w == "responded" and RESPONDED_TO_CALL_RE.match(text, toks[i][1]):
        return True  # "Deputies responded to a call": answering it in person
    if w in FORMS["quoting"]:
        s, e = toks[i]
        return not (QUOTE_AFTER_RE.match(text, e) or QUOTE_BEFORE_RE.search(text, max(0, s - 60), s))
    if w in FORMS["writing"]:
        return not WRITING_AFTER_RE.match(text, toks[i][1])
    if w == "quoted" and not QUOTED_AS_RE.match(text, toks[i][1]):
        return True  # "the price quoted", "quoted a figure": no speaker quoted
    if w in ("saying", "telling") and QUOTED_AS_BEFORE_RE.search(text, max(0, toks[i][0] - 100), toks[i][0]):
        return True  # the "as saying" of "quoted the minister as saying": the cue is "quoted"
    if (w in FORMS["naming"] or w in FORMS["evidence"]) and nxt in REFLEXIVES:
        return True
    if (w in FORMS["data"] or w in FORMS["finding"]) and nxt != "that":
        verdict = _without_finder(text, toks, low, i, lex)
        if verdict is not None:
            return verdict
    if i == 0:
        return False
    prev = low[i - 1]
    spaced = text[toks[i - 1][1] : toks[i][0]].isspace()
    if w in NOT_AFTER_TO and prev == "to":
        return True
    if (w in PLACING_PARTICIPLES and spaced and nxt in PLACE_PREPS and prev in lex.classes["document"]
            and text[toks[i - 1][0]].islower() and text[toks[i][1] : toks[i + 1][0]].isspace()):
        return True  # "in a message posted on Facebook": a participle after its noun, not a report
    if w in MODAL_REPORTS and prev == "to" and i > 1 and low[i - 2] in SAY_FRAMES:
        return True
    if w in MODAL_REPORTS and (prev in MODALS or i > 1 and prev.endswith("ly") and low[i - 2] in MODALS):
        return True
    if w in PASSIVE_NEVER and prev in PASSIVE_AUX:
        return True
    if w == "expressed" and nxt == "by" and spaced and _common_noun(text, toks, prev, i - 1, lex):
        return True  # "the sentiments expressed by other candidates": a noun's participle, the words not reported
    if w == "asked" and _asked_passive(text, toks, low, i):
        return True  # "they were (then) asked to rate ...", "questions were asked": no asker, nothing reported
    # "Press TV said": a verb form after a broadcaster's medium is its report, not a noun compound ("TV interview")
    noun = prev in NOUN_BEFORE and not (prev in BROADCAST and (w.endswith("ed") or w in ("said", "says", "told")))
    noun = noun and not relative_report(text, *toks[i], w)
    if (noun or prev in NOT_A_CUE_BEFORE or prev in ADJECTIVE_AFTER and w.endswith("ed")) and spaced:
        return True  # 'that," said' is a cue: the gap holds more than a space
    if w in FORMS["evidence"] and nxt != "that" and (prev == "it" or prev.endswith("ly") and i > 1 and low[i - 2] == "it"):
        return True
    if w in CLAIM_FORMS and not (w == "notes" and nxt == "that"):
        return _claim_noun(text, toks, low, i, lex, spaced)
    if w in FORMS["naming"]:
        verdict = _naming(text, toks, low, i, lex, spaced)
        if verdict is not None:
            return verdict
    if (w.endswith("ed") or w == "found") and w not in PASSIVE_CUES and nxt not in ("by", "that"):
        j = i - 1 if prev not in PASSIVE_GAP and not prev.endswith("ly") else i - 2
        return j >= 0 and low[j] in PASSIVE_AUX and all(text[toks[k][1] : toks[k + 1][0]].isspace() for k in range(j, i))
    return False


def _naming(text: str, toks: list[tuple[int, int]], low: list[str], i: int, lex: Lexicon, spaced: bool) -> bool | None:
    """Whether a naming word ("called", "calls") at ``i`` names a thing rather than reports; None when its form
    leaves it to the other checks."""
    w, prev = low[i], low[i - 1]
    nxt = low[i + 1] if i + 1 < len(low) else ""
    if w == "calls" and (prev in CALLS_NOUN_BEFORE or nxt in CALLS_NOUN_AFTER or prev[:1].isdigit() or (
            POSSESSIVE_GAP_RE.search(text, toks[i - 1][0], toks[i][0]))):
        return True  # "responded to calls", "Those calls came", "UNM’s calls for": the noun
    if w == "called" and _names_after_comma(text, toks, i, lex):
        return True  # "The vaccine, called AZD1222, has been": the noun is named, no one speaks
    if not (spaced and (prev in NAMING_BEFORE or _common_noun(text, toks, prev, i - 1, lex))):
        return None
    # "a program called Sandy Hook Promise", "a group called the Atlanta Antifascists", "now called the
    # Adrian Darya", "It's called freedom", "kidnapping calls"; not "critics called Trump a liar"
    named = i + 1 < len(toks) and (text[toks[i + 1][0]].isupper() and nxt not in ("the", "a", "an") or (
        nxt == "the" and i + 2 < len(toks) and text[toks[i + 2][0]].isupper()))
    if prev in TIME_WORDS:
        return False  # "Trump this week called the White House a great place"
    if prev in NAMING_BEFORE:
        return w == "called" and (named or prev in ("it’s", "it's"))
    # an organisation after "a" is being named ("a group called ..."), after "the" it may speak
    indefinite = any(x in ("a", "an") for x in low[max(0, i - 4) : i - 1])
    speaker = not indefinite if prev in ORG_HEADS else prev in lex.common_heads or prev in lex.classes["role"]
    return not speaker and (w == "calls" and nxt not in OBJECT_PRONOUNS or named)


def _names_after_comma(text: str, toks: list[tuple[int, int]], i: int, lex: Lexicon) -> bool:
    """Whether "called" at ``i`` follows a comma after a lower-case noun and names it ("the plan, called the
    American Health Care Act, shows"); a speaker before the comma ends in a name ("Sen. Mitt Romney, R-Utah,
    called"), and his "called" goes on to a judgement the pattern does not take."""
    if i == 0 or not re.fullmatch(r",[ \t]+", text[toks[i - 1][1] : toks[i][0]]):
        return False
    return _common_noun(text, toks, text[toks[i - 1][0] : toks[i - 1][1]].lower(), i - 1, lex) and bool(
        NAMED_AFTER_COMMA_RE.match(text, toks[i][1]))


def _claim_noun(text: str, toks: list[tuple[int, int]], low: list[str], i: int, lex: Lexicon, spaced: bool) -> bool:
    """Whether a claim form ("claims", "notes", "reports", "ruled", "states") at ``i`` is the noun or a report with no
    speaker before it: it reports only after its speaker ("Trump claims", "the memo states.")."""
    w, prev = low[i], low[i - 1]
    if w in ("claims", "notes") and text[toks[i][0]].isupper():
        return True  # a sentence opening "Claims such as these need to be corroborated.": the noun, no speaker
    if w == "reports" and text[toks[i][0]].isupper() and spaced and text[toks[i - 1][0]].isupper():
        return True  # a name: "Rasmussen Reports", "Consumer Reports said" ("Reports emerged that" stays a report)
    if w == "states" and (low[i + 1] if i + 1 < len(low) else "") != "that":
        return not _document_states(text, toks, low, i, lex)
    speaker = prev in CLAIM_SUBJECTS or prev in lex.common_heads or prev in lex.classes["role"]
    if w == "states" and (text[toks[i][0]].isupper() or prev in lex.classes["demonym"] or prev == "united"
                          or spaced and not speaker):
        return True  # the noun ("the United States that", "Even states that"): only a speaker states
    return spaced and text[toks[i - 1][0]].islower() and not speaker and not prev.endswith("ly")


def _document_states(text: str, toks: list[tuple[int, int]], low: list[str], i: int, lex: Lexicon) -> bool:
    """Whether "states" at ``i`` (no "that" after it) is a document's report closing or opening its words
    ('..., the memo states.', 'The letter also states: “...”'): a lower-case noun of a document or of something said
    ("the guidance", "the announcement") right before it (maybe with "also") and a mark right after; "battleground
    states," and "many states." are the noun."""
    j = i - 1 if low[i - 1] != "also" else i - 2
    return (j >= 0 and (low[j] in lex.classes["document"] or low[j] in lex.classes["said"]) and text[toks[j][0]].islower()
            and all(text[toks[k][1] : toks[k + 1][0]].isspace() for k in range(j, i))
            and text[toks[i][1] : toks[i][1] + 1] in (".", ",", ":", ";"))


def _asked_passive(text: str, toks: list[tuple[int, int]], low: list[str], i: int) -> bool:
    """Whether "asked" at ``i`` is a passive whose subject is asked to do something ("were then asked to
    rate") or is the question itself ("the question was first asked in 1974"), with no asker named."""
    j = i - 1
    if j > 0 and (low[j] in PASSIVE_GAP or low[j] == "then" or low[j].endswith("ly")):
        j -= 1
    if j < 0 or low[j] not in PASSIVE_AUX or not all(text[toks[k][1] : toks[k + 1][0]].isspace() for k in range(j, i)):
        return False
    nxt = low[i + 1] if i + 1 < len(low) else ""
    if nxt == "by":
        return False  # "a question Ford was asked by the committee": the askers are named
    return nxt == "to" or any(w in ("question", "questions") for w in low[max(0, j - 4) : j])


def _without_finder(text: str, toks: list[tuple[int, int]], low: list[str], i: int, lex: Lexicon) -> bool | None:
    """Whether a data or finding verb without "that" reports nothing for want of a study or data noun before it;
    None when a finding verb is left to the other checks."""
    # a data noun as its subject, maybe before a phrase ("the latest polling in Wisconsin shows", "a study by the
    # Council of the Great City Schools found");
    # not "interview shows", "footage shows", "this once again shows"; "found" likewise after a study or
    # its researchers ("the audit found", "Pew researchers found"), not "police who found the checks",
    # "DNA sequences found in bacteria"
    finding = low[i] in FORMS["finding"]
    docs = [k for k in range(max(0, i - 9), i) if low[k] in lex.classes["document"] or finding and low[k] in FINDERS]
    no_finder = not docs or any(x in BOUNDARY or x in PRONOUNS for x in low[docs[-1] : i]) or bool(
        _CLAUSE_END_RE.search(text, toks[docs[-1]][1], toks[i][0]))
    if not finding:
        return no_finder
    # "found, similarly, that ...": a finding reported whatever its long subject
    return True if no_finder and not text.startswith(",", toks[i][1]) else None


def _common_noun(text: str, toks: list[tuple[int, int]], w: str, j: int, lex: Lexicon) -> bool:
    """A lower-case content word (no pronoun, auxiliary, adverb or function word) at token ``j``."""
    w = re.split(r"[’']", w)[0]  # "she’d called": a pronoun with its auxiliary
    return (text[toks[j][0]].islower() and w not in PRONOUNS and w not in SKIP_BEFORE and w not in BOUNDARY
            and w not in CLAIM_SUBJECTS and w not in NP_STOP and w not in PASSIVE_AUX and w not in DETERMINERS
            and not w.endswith("ly"))


def act_without_words(text: str, start: int, end: int, word: str) -> bool:
    """The cue ``word`` at ``start``-``end`` names an act that reports no words: "attacked" beside violence
    ("attacked and arrested journalists", "attacked protesters with tear gas"), "repeated" or "offered" before
    nothing said ("repeated the experiment", "offered asylum"), "talking about" with no topic after it ("what he
    was talking about"), "explain" after "helps" or a modal ("helps explain the trend")."""
    if word == "attacked":
        return ATTACKED_BODILY_RE.match(text, end) is not None
    if word == "offered":
        return _offered_words_re().match(text, end) is None
    if word in TALKING:
        return STRANDED_ABOUT_RE.match(text, end) is not None
    if word == "explain":
        return EXPLAIN_NOT_SAID_BEFORE_RE.search(text, max(0, start - 30), start) is not None
    return word in REPEATS and REPEATED_WORDS_RE.match(text, end) is None


@lru_cache(maxsize=1)
def _offered_words_re() -> re.Pattern[str]:
    """What follows "offered" when it reports: a quotation, or a phrase ending in a noun of something said."""
    nouns = "|".join(sorted(lexicon().classes["said"], key=len, reverse=True))
    return re.compile(OFFERED_WORDS_PATTERN.format(nouns=nouns), re.IGNORECASE)


def possessive_participle(text: str, start: int, end: int) -> bool:
    """The cue word at ``start``-``end`` is a participle in -ed between a noun's possessive and its own noun, an
    adjective ("the president's proposed budget", "ISIS’s declared capital"): it reports nothing."""
    return (text.endswith("ed", start, end) and NOUN_AFTER_RE.match(text, end) is not None
            and POSSESSIVE_BEFORE_RE.search(text, max(0, start - 40), start) is not None)


# Past forms of cue words that do not end in -ed.
_IRREGULAR_PAST = frozenset("said told wrote written thought found felt knew saw seen heard spoke spoken taught meant "
                            "made gave given put held stood sought".split())
# Between the writer and the cue: a modal or a fused "’ll" makes the act the writer's now or a hypothesis
# ("I would argue", "I’ll write"); "have"/"’ve" makes it a report of the writer's earlier words ("As I have argued").
# A fused "’d" is either: "would" before a bare form ("I’d argue"), "had" before a participle ("I’d asked").
_WRITER_GAP_MODAL_RE = re.compile(r"(?i)[’']ll\b|\b(?:" + "|".join(sorted(MODALS, key=len, reverse=True))
                                  + r")\b")
_WRITER_GAP_PERFECT_RE = re.compile(r"(?i)[’']ve\b|\b(?:have|has|had)\b")
# After the cue, the writer's own published work: "As I write in my book", "I argue in a recent column".
_OWN_WORK_AFTER_RE = re.compile(
    r"[^.!?;:\n]{0,30}?\bin (?:my|our|a|an|this|the)\b[^.!?;:\n]{0,30}?"
    r"\b(?:book|books|article|column|essay|paper|op-ed|piece|post|memoir|report|study|chapter)\b", re.IGNORECASE)


def writer_speaking_now(text: str, first_person_end: int, cue_start: int, cue_end: int) -> bool:
    """The writer's own act at the time of writing, not a report: "I would argue that", "I’m talking about",
    "I believe that", "as I write this", "we will point out". The writer (an author-voice "I" or "we" ending at
    ``first_person_end``) is no source of the text being read; their earlier or published words are ("As I wrote
    at the time", "As I’ve said before", "I tweeted last week", "As I explain in my book"), so those stay reports."""
    gap = text[first_person_end:cue_start]
    word = text[cue_start:cue_end].split()[0].lower()
    past = word.endswith("ed") or word in _IRREGULAR_PAST
    if _WRITER_GAP_MODAL_RE.search(gap):
        return True
    if _WRITER_GAP_PERFECT_RE.search(gap) or _OWN_WORK_AFTER_RE.match(text, cue_end):
        return False
    return not past
