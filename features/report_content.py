"""Whether the words after a reporting verb report a proposition or a question, or only name a thing.

A paraphrase's content is a clause, as the real-news guideline has it ('a paraphrase ("that ...")'): "that ...", a
wh- or "whether" clause, "to" and a verb ("urged Congress to act"), or a subject and its finite verb; and what
PolNeAR's Content and the guideline agree on besides: a request's or a promise's object, a charge denied, a reason
cited, a finding, a judgement's reason. The bare object of an act or a stance, which PolNeAR also marks, names no
words of the speaker ("touted [the drug] for weeks", "pleaded [guilty]", "blasted [the Russians]", "attacked [two
senators who have ...]"): the cue stays an attribution, but those words stay in the writer's voice.

Only a few closed word classes are read (pronouns, auxiliaries, prepositions, determiners), so a "that"-less
clause with a lexical verb ("admitted Trump lied") is missed after a cue that rarely drops "that"; the verbs that
often do (report_clause_verbs_v1.txt) keep any content that does not open with a preposition.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import lexicon_lines

_TOKEN_RE = re.compile(r"[^\W\d_][\w’'.-]*|[,;:—–()“”\"]")
_BREAK = frozenset(",;:—–()“”\"")
_WH = frozenset("how what why whether if when where who".split())  # not "which": "according to X, which ..."
_WH_INNER = frozenset("how what why whether if".split())  # "asked Americans what they think"
_SUBJECT = frozenset("he she we they there".split())  # "it" and "you" may be objects
_AUX = frozenset(
    "is are was were am will would can could should may might must shall has have had does do did "
    "isn’t aren’t wasn’t weren’t won’t wouldn’t can’t couldn’t shouldn’t hasn’t haven’t hadn’t doesn’t don’t didn’t "
    "isn't aren't wasn't weren't won't wouldn't can't couldn't shouldn't hasn't haven't hadn't doesn't don't didn't".split()
)
_RELATIVE = frozenset("who whom whose which that".split())
_PREP = frozenset(
    "about with for of to on in at from against by over into after before during under through toward towards "
    "upon as via".split()
)
_DET = frozenset("the a an his her their its this that these those my our your no some any all".split())
_POSSESSIVE = frozenset("his her their its my our your".split())
_DURATION = frozenset("weeks months years days decades hours minutes now ever long first time while moment "
                      "week month year day decade hour minute second".split())
# Requests: the thing asked for is the content ("calls for a ban", "urged Congress to act", "demanded changes").
# Commitments likewise: what was promised or threatened ("promised lower taxes", "threatened military strikes").
_REQUEST_RE = re.compile(r".*\bfor|call\w*\s+on|urg\w*|demand\w*|request\w*|propos\w*|recommend\w*|advocat\w*|"
                         r"promis\w*|pledg\w*|vow\w*|threat\w*")
# Cues that judge someone for something: the reason or charge after "for"/"of" is the judgement's content.
_JUDGING_RE = re.compile(r"criti|blam|prais|thank|fault|credit|apolog|commend|chastis|rebuk|scold|accus|condemn|slam|blast")
# Naming cues take a small clause, the object and what it is called: the second noun phrase opens with a determiner.
_NAMING_RE = re.compile(r"call(?:s|ed|ing)?|describ\w*|label\w*|brand\w*|term(?:s|ed)?|dub\w*|characteriz\w*")
# Cues whose object is itself something said: a charge denied, a reason cited.
_SAYING_OBJECT_RE = re.compile(r"den(?:y|ies|ied|ying)|cit(?:e|es|ed|ing)")
_WINDOW = 12


@lru_cache(maxsize=1)
def _clause_verbs() -> frozenset[str]:
    return frozenset(lexicon_lines("report_clause_verbs_v1.txt"))


def _infinitive(word: str) -> bool:
    """A word after "to" that may be a verb's bare form, not a noun ("to release", not "to abortion")."""
    w = word.lower()
    return (word[:1].islower() and w not in _DET and w not in _PREP
            and not w.endswith(("ion", "ment", "ness", "ity", "ing")) and (not w.endswith("s") or w.endswith("ss")))


def _reason(prep: str, words: list[str], form: str) -> bool:
    """The words after "for"/"of" state a reason or a charge ("for attacks", "for an air attack", "of lying",
    "accused Israel of airstrikes"), not a duration or a part ("for weeks", "for the first time", "of Congress")."""
    w = words[0].lower()
    if w.endswith("ing") or w in _POSSESSIVE:
        return True
    if prep == "of" and not form.startswith(("accus", "suspect", "convict")):
        return False
    if w in _DET and len(words) > 1:
        w = words[1].lower()
    return words[0][:1].islower() and w not in _DET and (prep == "of" or w not in _DURATION)


def reports_clause(text: str, a: int, b: int, cue_form: str, after_that: bool, label: str = "speech") -> bool:
    """The content ``text[a:b]`` of the cue ``cue_form`` (of sourcing label ``label``) reports a proposition, a
    question, a request or a finding; ``after_that``: a "that" after the verb was read before ``a``."""
    form = " ".join(cue_form.lower().split())
    if after_that or label == "evidence" or _REQUEST_RE.fullmatch(form) or _SAYING_OBJECT_RE.fullmatch(form):
        # a finding ("the poll showed Trump trailing"), a request's object ("called for paid leave"), a charge
        # denied or a reason cited ("denied any wrongdoing", "citing regulatory concerns") are what the source
        # says: the guideline's "called on ... to apologise", PolNeAR's Content
        return True
    toks = []
    for m in _TOKEN_RE.finditer(text, a, b):
        if m.group() in _BREAK or len(toks) == _WINDOW:
            break
        toks.append(m.group())
    if not toks:
        return False
    first = toks[0].lower()
    if first in _WH or toks[0] == "I" or first in _SUBJECT:
        return True
    if first == "to" and len(toks) > 1 and _infinitive(toks[1]):
        return True  # "a boy said to have been killed", "vowed to fight"
    if first == "for" and form.startswith(("ask", "call", "press", "push", "appeal", "plead", "lobb")):
        return True  # "asked for a lesser sentence": a request
    if first == "to" and len(toks) > 1 and toks[1].endswith("ing") and form.startswith(("admit", "confess")):
        return True  # "admitted to stealing money": the admission is reported
    if first in ("about", "of") and form.startswith(("warn", "complain", "caution")):
        return True  # the worry is reported: "warned about the difficulty of ...", "warned of consequences"
    if first == "against" and form.startswith(("warn", "caution")):
        return True  # the warning is reported: "warned against abandoning the bill"
    if form in _clause_verbs() or form.split()[0] in _clause_verbs():
        # "said the plan is dead": any content but a prepositional phrase ("said about X") or a pronoun object
        # before one ("said this in a way that ...")
        if first not in _PREP and not (first in ("this", "it", "that") and len(toks) > 1 and toks[1].lower() in _PREP):
            return True
        # "said on Friday to Vermont Edition that he ...": the phrase may still lead to a clause
    naming = _NAMING_RE.fullmatch(form) is not None
    for i, w in enumerate(toks):
        lw = w.lower()
        if naming and i > 0 and (lw in _DET or lw in _POSSESSIVE) and not any(t.lower() in _RELATIVE for t in toks[:i]):
            return True  # "called economic recovery their top concern", "calling it an unreasonable manipulation"
        if lw in _AUX:
            return True
        if lw == "to" and i + 1 < len(toks) and _infinitive(toks[i + 1]):
            return True
        if i > 0 and lw in _WH_INNER:
            return True
        if lw in ("for", "of") and i + 1 < len(toks) and (label == "stance" or _JUDGING_RE.match(form)) \
                and _reason(lw, toks[i + 1:i + 3], form):
            # "criticized Trump for attacks on ...", "blamed for the instigation of", "accused Ankara of ...": the
            # complaint is reported
            return True
        if i > 0 and lw == "on" and form.startswith("blam"):
            return True  # "blamed his defeat on the pope's activism"
        if i > 0 and lw == "as" and i + 1 < len(toks):
            return True  # "identified the shooter as a white male", "blasting the impeachment as unfair"
        if i > 0 and lw == "who" and toks[i - 1][:1].isupper():
            return True  # "asked on Fox News who leads": a question; "senators who have": a relative
        if i > 0 and lw in _RELATIVE:
            # "reminded voters that the ...": a complementizer before a subject; "senators who have": a relative
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            return lw == "that" and (nxt.lower() in _SUBJECT or nxt.lower() in ("it", "you", "the", "a", "an")
                                     or nxt[:1].isupper())
    return False
