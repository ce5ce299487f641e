"""The writer's framing around a reporting verb, which is no part of what the verb reports.

Both paraphrase finders (``text.find_paraphrase`` and ``source_quotes.content_for_cue``) read from here:
- a time or place adjunct between the verb and its content ("said Monday it is ...", "tweeted on Oct. 19
  that ...", "wrote in his memoir that ..."): the content starts after it;
- a verb that is the speech tag of a quotation just closed ('"...," Rubio said early in the debate'): the
  quotation is the content, the words after the tag are the writer's;
- the writer's own discourse formulas ("That said, ...", "None of this is to say that ...", "I'd say that"):
  nobody is reported;
- the addressee of "told", "assured" and the like ("told CNN on Monday that ..."): the content starts after it;
- an inverted speech tag closing a clause ("..., said a spokesman for the mayor on Monday."): the clause before
  it is the content, the speaker and the writer's adjunct after it are not.
"""
from __future__ import annotations

import re

from .source_words import CLAIM_SUBJECTS, POSTPOSABLE, lexicon as source_lexicon

_SP = r"[^\S\n]+"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (r"(?:Jan(?:uary|\.)|Feb(?:ruary|\.)|March|April|May|June|July|Aug(?:ust|\.)|Sept?(?:ember|\.)|"
          r"Oct(?:ober|\.)|Nov(?:ember|\.)|Dec(?:ember|\.))")
_WHEN = r"(?:(?:on|last|this|this" + _SP + r"past|early|late|earlier|later)" + _SP + r")?"
# A weekday or a relative day, unless it is the subject of the reported clause ("said Monday was a holiday").
# A month only before "that": "said May would ..." and "said June was the hottest month" report a clause about it.
LEAD_ADJUNCT_RE = re.compile(
    r"(?:" + _WHEN + r"(?:" + _WEEKDAY + r"(?:" + _SP + r"(?:morning|afternoon|evening|night))?"
    r"|yesterday|today|tonight)"
    r"(?!" + _SP + r"(?:is|was|will|would|has|had)\b),?" + _SP + r"(?:that" + _SP + r")?"
    r"|(?:(?:on|in|last|this|this" + _SP + r"past)" + _SP + r")?" + _MONTH + r"(?:" + _SP + r"\d{1,2}(?:st|nd|rd|th)?)?"
    r"(?:," + _SP + r"\d{4})?,?" + _SP + r"that" + _SP +
    r")"
)
# A time or medium closing an inverted speech tag ("..., said a spokesman for the mayor on Monday."): the writer's,
# after the speaker.
TAG_TAIL_ADJUNCT_RE = re.compile(
    r"(?:(?:on|last|this|early|late|earlier|later)" + _SP + r")?(?:" + _WEEKDAY +
    r"(?:" + _SP + r"(?:morning|afternoon|evening|night))?|yesterday|today|tonight"
    r"|(?:last|this|earlier" + _SP + r"this|that)" + _SP + r"(?:week|month|year|morning|afternoon|evening|night)"
    r"|in" + _SP + r"an?" + _SP + r"(?:[\w-]+" + _SP + r"){0,2}(?:statement|interview|e-?mail|tweet|post|briefing|"
    r"call|letter|message)"
    r"|on" + _SP + r"(?:Twitter|Facebook|Instagram|CNN|MSNBC|Fox" + _SP + r"News))"
    r"[^\S\n]*[.!?]?[”\"’)]*[^\S\n]*$"
)
# A phrase naming where or when it was said, closed by "that" ("in his memoir that", "after the show that", "on
# Twitter that"); read only when no "that" came right after the verb, where "that" opens the content ("warned that
# in places that ..."). The noun is one of a medium or an occasion: after any other noun "that" may open a relative
# clause ("outlined in the tax framework that officials released").
_MEDIUM = (r"(?:interview|statement|memoir|book|letter|op-ed|column|editorial|tweet|post|report|speech|testimony|"
           r"filing|e-?mail|video|message|release|conference|briefing|hearing|podcast|show|broadcast|appearance|"
           r"remarks|address|debate|rally|meeting|call|session|episode|program|programme|segment|essay|article|"
           r"note|memo|complaint|lawsuit|motion|ruling|opinion|decision|document|court papers|response|reply|affidavit|"
           r"declaration|deposition|blog|newsletter|sermon|survey|poll|study|piece|campaign|"
           r"week|month|year|morning|afternoon|evening|night|weekend|time|day|outset|end|start)s?")
LEAD_PHRASE_THAT_RE = re.compile(
    r"(?:in|on|at|after|before|during|via|through|last|this|earlier|later)" + _SP +
    r"(?:(?:[\w’'.-]+|\d+)" + _SP + r"){0,4}?" + _MEDIUM + _SP + r"that" + _SP +
    r"|(?:on|via)" + _SP + r"(?:[A-Z][\w.’'-]*" + _SP + r"){1,3}that" + _SP
)
# '"...," the person wrote ' before the verb: a closing mark after the quotation's comma or end, then a short speaker
# phrase with no new predicate in it.
_TAG_GAP_RE = re.compile(r"[,?!—–-]([”\"])[’']?" + _SP + r"([^.;:“”\"\n]{1,60}?)" + _SP + r"?$")
_NEW_PREDICATE_RE = re.compile(r"\b(?:and|but|or|then|while|who|which|that|before|after|when|by|without)\b")
# A reporting verb in the gap tags the quotation itself ('"The Room Where It Happened," Bolton says Trump made it
# clear'): the verb after it reports something new.
_GAP_VERB_RE = re.compile(r"\b(?:said|says|say|told|tells|wrote|writes|added|adds|asked|asks|according)\b")
# What may stand before a quotation that is a clause of its own: nothing, a sentence's or clause's punctuation, a
# conjunction ('But "one problem kept cropping up," he says'); not a verb or a noun whose object it is ('Calling
# the visit "historic," the press secretary says ...').
_CLAUSE_BEFORE_RE = re.compile(r"(?:^|[.!?,:;—–(\[]|\b(?:[Bb]ut|[Aa]nd|[Ss]o|[Yy]et|[Oo]r))\s*$")
# Before the verb: "That said," "Having said that," "That being said"; "is (not) to say", "Needless to say",
# "suffice it to say", "it's interesting to note"; the writer in the first person ("I'd say that", "we believe that").
_WRITER_FRAME_RE = re.compile(
    r"(?:(?:^|\b(?:[Bb]ut|[Aa]nd|[Yy]et|[Ss]till|[Ss]o)" + _SP + r")"
    r"(?:[Tt]hat" + _SP + r"(?:being" + _SP + r")?|[Hh]aving" + _SP + r")"
    r"|\b(?:is|was|not|[Nn]eedless|[Ss]uffice" + _SP + r"it|[’']s|interesting|important|worth|fair|safe)"
    + _SP + r"to" + _SP +
    r"|(?:^|[\s(])(?:I|[Ww]e)(?:[’'](?:d|ll)|"
    + _SP + r"(?:would|will|must|can|could|should|might|also|still))?" + _SP +
    r")$"
)


def lead_adjunct_end(text: str, pos: int, end: int, after_that: bool) -> int:
    """Where the content starts when a time or place adjunct opens it at ``pos`` (``pos`` itself if none);
    ``after_that``: the verb's "that" was already read, so a phrase closed by "that" is content."""
    for _ in range(2):  # "said Tuesday evening on CNN that ...": a day, then a medium
        m = LEAD_ADJUNCT_RE.match(text, pos, end)
        if m is None and not after_that:
            m = LEAD_PHRASE_THAT_RE.match(text, pos, end)
        if m is None:
            break
        pos = m.end()
        after_that = after_that or m.group().rstrip().endswith("that")
    return pos


# Verbs whose first object is the person told, not what is said: "told reporters on Monday that ...",
# "assured voters that ...". What stands between such a verb and its "that" is the addressee and the writer's
# adjuncts, never the content.
_ADDRESSEE_VERBS = frozenset(
    f"{stem}{end}" for stem, ends in (
        ("tell", ("", "s", "ing")), ("told", ("",)), ("assur", ("e", "es", "ed", "ing")),
        ("remind", ("", "s", "ed", "ing")), ("inform", ("", "s", "ed", "ing")), ("notif", ("y", "ies", "ied", "ying")),
        ("convinc", ("e", "es", "ed", "ing")), ("persuad", ("e", "es", "ed", "ing")), ("brief", ("", "s", "ed", "ing")),
        ("advis", ("e", "es", "ed", "ing")), ("warn", ("", "s", "ed", "ing")), ("promis", ("e", "es", "ed", "ing")),
    ) for end in ends
)
# Up to ten words with no clause punctuation before "that"; a finite or auxiliary verb in the gap means the
# gap is a clause ("told her he was briefed that ...": the content starts at "he"), and a preposition first
# means the gap is a topic ("warned of a crisis that ..."). The word after "that" must not be a verb: "told a
# story that went viral" is a relative clause.
_LISTENER_THAT_RE = re.compile(r"((?:[^\s;:!?“”\"]+" + _SP + r"){1,10}?)that" + _SP + r"(?=([\w’']+))")
# Without "that": an object pronoun is all the addressee ("told him the plan was dead"), or a short addressee ends
# where a subject pronoun opens the content ("told Fox News he would not run").
_OBJECT_PRONOUN_RE = re.compile(r"(?:him|them|me|us|you)" + _SP + r"(?=[\w’'])")
_LISTENER_SUBJECT_RE = re.compile(
    r"((?:[^\s;:!?“”\"]+" + _SP + r"){1,6}?)(?=(?:he|she|they|we|I|it|there)" + _SP + r"([\w’']+))"
)
# Auxiliaries and copulas: a gap holding one is a clause, not an addressee or a speaker.
_AUXILIARIES = frozenset("is was were are be been has have had will would could can may might should must did does do".split())
_NOT_LISTENER = _AUXILIARIES | frozenset(
    "being shall went said says told of about against for to with over from into as if when while because after before "
    "story stories lie lies joke jokes truth tale tales version account anecdote anything nothing something everything "
    "and or but by how why what whether who whom".split()
)
_CLAUSE_AFTER_THAT = _AUXILIARIES | frozenset("went came made got took gave".split())


def listener_end(text: str, pos: int, end: int, form: str) -> int:
    """Where the content of an addressee verb (``form``, lower case) starts when its addressee and adjuncts stand
    between it and its "that" at ``pos`` ("told [CNN's Dana Bash on Tuesday] that ..."): after the "that";
    ``pos`` itself otherwise."""
    if form not in _ADDRESSEE_VERBS:
        return pos
    m = _LISTENER_THAT_RE.match(text, pos, end)
    if m is not None and m.group(2).lower() not in _CLAUSE_AFTER_THAT and _addressee(m.group(1)):
        return m.end()
    m = _OBJECT_PRONOUN_RE.match(text, pos, end)
    if m is not None:
        return m.end()
    m = _LISTENER_SUBJECT_RE.match(text, pos, end)
    if m is not None and m.group(2).lower() not in ("that", "and", "or") and _addressee(m.group(1)):
        return m.end(1)
    return pos


def _addressee(gap: str) -> bool:
    """``gap`` can be an addressee with the writer's adjuncts: no verb, preposition of topic or object noun in it."""
    words = gap.split()
    return not (any(w.lower().strip(",()") in _NOT_LISTENER for w in words) or ", " in gap and words[-1].endswith("ing"))


def tags_quotation(text: str, sent_start: int, verb_start: int) -> bool:
    """The verb at ``verb_start`` is the speech tag of a quotation that closed just before it in its sentence."""
    m = _TAG_GAP_RE.search(text, max(sent_start, verb_start - 80), verb_start)
    if m is None or _NEW_PREDICATE_RE.search(m.group(2)) is not None:
        return False
    if _GAP_VERB_RE.search(m.group(2)) and not m.group(2).rstrip().endswith(","):
        return False  # '"...," Bolton says Trump made it clear': but '"...," he said, referring to' is the tag's
    opening = text.rfind("“" if m.group(1) == "”" else '"', sent_start, m.start(1))
    # a quotation opened in an earlier sentence is a clause of its own
    return opening < 0 or _CLAUSE_BEFORE_RE.search(text[sent_start:opening]) is not None


def writer_frame(text: str, sent_start: int, verb_start: int) -> bool:
    """The verb at ``verb_start`` is in one of the writer's own formulas, not a report of anyone's words."""
    before = text[sent_start:verb_start]
    if len(before) > 40:
        before = "…" + before[-40:]  # a cut-off start is no sentence start for the pattern's "^"
    return _WRITER_FRAME_RE.search(before) is not None


# After an inverted tag's verb: a determiner and up to four words to a speaker noun, or a capitalised name, then
# anything up to the sentence's end but a clause's verb or "that".
_TAG_SPEAKER_RE = re.compile(
    r"[^\S\n]+(?:(?:a|an|the|one|another|two|three|several|some|other)[^\S\n]+((?:[\w’'-]+[^\S\n]+){0,4}?[\w’'-]+)"
    r"|((?:(?:[A-Z][\w’'.-]*|de|van|von|al|bin)[^\S\n]+)*[A-Z][\w’'-]*))\b"
)
# What may follow the speaker's head to the sentence's end: a sentence's end, an apposition, a qualifier.
_SPEAKER_TAIL_RE = re.compile(
    r"[^\S\n]*(?:[.!?,;:—–(]|(?:of|for|at|from|in|on|with|who|close|familiar|briefed|involved|knowledgeable|"
    r"speaking|based|told)\b)"
)
_NOT_SPEAKER_NAMES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tonight Jan Feb March April May June "
    "July Aug Sept Sep Oct Nov Dec January February August September October November December Last This Earlier "
    "In On At But And The A An".split()
)
_CLAUSE_WORDS = _AUXILIARIES | frozenset("shall that said says told".split())


def inverted_tag(text: str, s: int, verb: int, e: int) -> bool:
    """The verb at ``verb`` (sentence ``s``-``e``) is an inverted speech tag closing a clause: a comma before it,
    a clause of three words or more before that, and after it only the speaker ("a spokesman for the mayor", "Mayor
    Bill de Blasio") with the writer's adjuncts to the sentence's end."""
    before = text[s:verb].rstrip()
    if not before.endswith(",") or len(before.split()) < 4:
        return False
    word = text[verb:e].split(None, 1)[0]
    if word.lower() not in POSTPOSABLE:
        return False  # "..., accusing Trump of wanting ...": the charge is the content
    m = _TAG_SPEAKER_RE.match(text, verb + len(word), e)
    if m is None:
        return False
    if m.group(2) is not None and m.group(2).split()[0].rstrip(".") in _NOT_SPEAKER_NAMES:
        return False  # "..., said Tuesday he's not ready": a day, not a name
    tail = text[m.end():e]
    words = tail.split()
    if len(words) > 10 or any(w.lower().strip(".,!?”\"’") in _CLAUSE_WORDS for w in words):
        return False
    if words and not (_SPEAKER_TAIL_RE.match(tail) or TAG_TAIL_ADJUNCT_RE.match(tail.lstrip())):
        return False  # "..., said some lawmakers only resign if ...": a clause, not a speaker
    if m.group(1) is not None:
        heads = source_lexicon().classes
        words = [w.lower() for w in m.group(1).split()]
        return any(w in heads["anonymous"] or w in heads["role"] or w in heads["media"] or w in heads["title"]
                   for w in words)
    return True


# Report verbs that are also plural nouns: "states crucial for his re-election", "its core claims are", "jobless
# claims report", "Trump's sharpie-written notes have been photographed".
NOUN_FORMS = frozenset("states claims reports notes".split())
# A nominal report's content: "claims that he ...", "reports he ..." (a verb after "that" makes it a relative clause).
_CLAIM_CONTENT_RE = re.compile(
    r"[^\S\n]+(?:that[^\S\n]+([\w’']+)|(he|she|they|it|we|I)[^\S\n]+"
    r"|(?!(?:of|by|in|for|about|from|to|on|over|with|against|and|or)\b)(?:[\w’'.-]+[^\S\n]+){1,4}?"
    r"(?:was|were|is|are|had|has|have|would|will|could|did|does|do)(?:n[’']t)?\b)"
)
# People the sourcing lexicon leaves to names ("One woman claims", "his son notes", "the author notes"), and a verb
# coordinated with another ("... has been in a feud with CyberBunker and claims spammers use it").
_PEOPLE = frozenset(
    "man woman men women son daughter wife husband mother father brother sister family author authors and".split()
)
_WORD_BEFORE_RE = re.compile(r"([\w’'.-]+)[^\S\n]+$")


def noun_form(text: str, sent_start: int, verb_start: int, form: str) -> bool:
    """The claim form ``form`` at ``verb_start`` is the plural noun: no speaker ends right before it (a name, a
    pronoun, a source, role or document noun: "Trump claims", "the memo states", "it also notes")."""
    if form not in NOUN_FORMS:
        return False
    after = _CLAIM_CONTENT_RE.match(text, verb_start + len(form))
    if form != "states" and after is not None and (after.group(1) or "").lower() not in _CLAUSE_AFTER_THAT:
        return False  # "pushed back against claims that he has used ...": the claims' content is reported
    pos = verb_start
    for _ in range(3):  # "The document also specifically notes": an adverb or two before the verb
        m = _WORD_BEFORE_RE.search(text, max(sent_start, pos - 40), pos)
        if m is None:
            return True  # the sentence's first word: "Claims such as these need to be corroborated."
        word = m.group(1)
        low = word.lower().rstrip(".")
        if low in ("also", "now", "still", "often") or low.endswith("ly"):
            pos = m.start()
            continue
        if low in CLAIM_SUBJECTS or low in _PEOPLE:
            return False
        if word[0].isupper():
            return low == "united" or low in source_lexicon().classes["demonym"]
        classes = source_lexicon().classes
        return not (low in source_lexicon().common_heads or low in classes["role"] or low in classes["said"])
    return True
