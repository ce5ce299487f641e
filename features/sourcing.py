"""Sourcing: whom an article cites, how, and how much it asserts on its own.

Rule-based, in three steps over the cleaned body:

1. Reporting cues from a lexicon (``said``, ``according to``, ``wrote``, plus the
   stance cues PolNeAR annotates: ``accused``, ``wants``, ``praised``), extended
   by a manner phrase ("said in a statement").
2. For each cue, the source noun phrase: after the cue when the clause is
   inverted ("..., said the source", "Writes the New York Times") or after
   "according to"; otherwise the subject right before the cue ("A source in
   Ankara said", "Sezer, an expert, said", "he told"). The addressee of ``told``
   is not a source, even an outlet ("he told Arab News"): the statement is his.
3. Each source is labelled named / anonymous / media / document from word
   classes (``sourcing_nouns_v1``, ``sourcing_media_v1``); pronouns take the
   label and identity of the nearest earlier fitting source.

Direct quotes and attributed paraphrase come from ``doc.quotes``.
Only non-stance cues count as sourcing in the features; stance cues still give
spans, since they are attributions of belief or opinion.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .base import ArticleTransformer, Extraction, Span, per_100, safe_div
from .lexicons import lexicon_lines
from .text import Doc

SOURCING_FEATURES: tuple[str, ...] = (
    "attributions_per_100_words",
    "stance_attributions_per_100_words",
    "distinct_sources",
    "named_sources",
    "anonymous_sources",
    "media_sources",
    "document_sources",
    "named_source_share",
    "media_source_share",
    "quoted_word_share",
    "attributed_sentence_share",
    "unattributed_claim_share",
)

INVERSION_MARKS = ",”\"’—:–"
SOURCE_LABELS = ("named", "anonymous", "media", "document")
STANCE = "stance"
# Beliefs, wishes and acts ("wants", "sought", "supports"): counted with the stance cues,
# but they report no statement, so they are evidence only as "X believes that ...".
BELIEF = "belief"

# A word token: dotted abbreviations and titles stay whole ("U.S.", "Mr."); a
# possessive stays on its word ("Russia's"); a sentence-final period does not.
TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|St|Jr|Sr|Adm|Capt|Gens|Reps|Sens)\."
    r"|[^\W_]+(?:[-’'][^\W_]+)*"
)
# Manner phrase right after a cue: "said in a written statement", "told ... in an interview".
MANNER_RE = re.compile(
    r"\s+(?:in|during)\s+(?:a|an)\s+(?:(?:written|joint|brief|short|televised|separate|emailed|"
    r"phone|telephone|exclusive|recent|radio|television|tv|video|press|news)\s+){0,2}"
    r"(statement|interview|tweet|post|release|conference|briefing|email|e-mail|speech|letter|op-ed)\b",
    re.IGNORECASE,
)
# A manner phrase with no cue verb: "In a statement, the ministry condemned ...".
# (Literal alternatives first, the "not inside a word" check after them: the regex
# engine then jumps between candidate letters instead of trying every position.)
STANDALONE_MANNER_RE = re.compile(
    r"(?:In|in|During|during)(?<![\w-]In|[\w-]in)(?<![\w-]During|[\w-]during)\s+(?:a|an)\s+"
    r"(?:(?:written|joint|brief|separate|emailed|phone|telephone|exclusive|recent|televised|press|news)\s+){0,2}"
    r"(statement)\b"
)
# A colon introducing a direct quote after a name: "Sanders on Clinton: “...”".
# (The colon first and the letter before it as a lookbehind: a fast scan for ':'.)
COLON_CUE_RE = re.compile(r"(:)(?<=[^\W\d_]:)[ \t]*[“\"]")
# A negated cue reports nothing ("has not revealed", "did not mention", "without
# referring to", "failed to mention"); matched on the text right before the cue.
NEGATED_RE = re.compile(
    r"(?:\b(?:not|never|without)|n[’']t|\b(?:failed|fails|fail|refused|declined)\s+to)"
    r"(?:\s+(?:yet|publicly|officially|explicitly|directly|even|ever|once|specifically))?\s*$",
    re.IGNORECASE,
)
# "neither Russia nor Turkey have admitted": the subject itself negates the cue.
NEITHER_RE = re.compile(r"\bneither\b[^,;:]*\bnor\b", re.IGNORECASE)
THAT_RE = re.compile(r"\s+that\b")
RELATIVE = frozenset("who which that".split())
RELATIVE_RE = re.compile(r"\b(?:who|which)\b", re.IGNORECASE)
# A "content" that opens with a conjunction is a second verb phrase ("insisted and gambled").
COORD_START_RE = re.compile(r"(?:and|or|but|as)\b", re.IGNORECASE)
PASSIVE_BEFORE_RE = re.compile(r"\b(?:be|is|was|were|been|being|are)\s+$", re.IGNORECASE)
# Left at the end of a paraphrase cut before an inner attribution ("..., and", "..., that").
TRAILING_JOIN_RE = re.compile(r"(?:[\s,;:—–]|\b(?:and|but|that|as|while|the|a|an)\b)*$", re.IGNORECASE)
# "Both Sauve and State Attorney Dave Aronberg said": titles may stand between "and" and the name
AND_BEFORE_RE = re.compile(r"\s+and\s+(?:[A-Z][\w.]*\s+){0,3}$")
# A cue that is the second verb of its clause: "... undermined the plan and said".
COORD_VERB_RE = re.compile(r"\s+(?:and|but)\s+(?:also\s+|then\s+)?$")
# "..., while accusing some Republicans of ...": a gerund cue joined to its main clause
GERUND_WHILE_RE = re.compile(r",?\s*\bwhile$")
# A sentence's subject is followed by a lower-case word (its verb or an adverb).
VERB_NEXT_RE = re.compile(r"[ \t]+[a-z]")
# An opening phrase before the subject: "In an interview last week, ".
INTRO_RE = re.compile(
    r"(?:[A-Z][\w .,]{0,40}\([^()]{1,30}\)\s*[—–-]+\s*)?"  # a dateline: "Washington (CNN) – "
    r"(?:(?:In|On|At|During|After|Before|Earlier|Later|Last)\b[^,.;]{0,60},\s*)?"
)
QUOTE_MARK_RE = re.compile(r"[“”\"]")
SHORT_QUOTE_RE = re.compile(r"[“\"][^”\".,;]{1,40}[”\"]")  # a named thing in marks: “Cairo initiative”
# Skipped between a cue and its content: punctuation and a complementiser.
CONTENT_START_RE = re.compile(r"[\s,:]*(?:that\b)?\s*")
# Masthead words that make a capitalised name an outlet ("Arab News", "the Daily Sabah").
MEDIA_SUFFIX = re.compile(
    r"(?:News|Times|Post|Journal|Tribune|Herald|Gazette|Telegraph|Chronicle|Observer|Daily|Mail|"
    r"Express|Monitor|Review|Magazine|Insider|Report|Radio|TV|Television|Agency|Press|Wire|Today|"
    r"Standard|Independent|Examiner|Sun|Star|Mirror|Globe|Inquirer|Bulletin|Courier|Register)$"
)
MANNER_LABEL = {"interview": "interview", "conference": "interview", "briefing": "interview", "speech": "interview"}

DETERMINERS = frozenset(
    "the a an one two three four several some many other his her their its our this these those "
    "another two-thirds most few both".split()
)
INDEFINITE = frozenset("a an one two three four several some many another most few".split())
PRONOUNS = frozenset("he she they it i we you who".split())
PERSON_PRONOUNS = frozenset("he she i we you who".split())
# Words that close a clause: the subject of a cue never reaches back past them.
BOUNDARY = frozenset(
    """and but or nor that which while as because when whenever if although though whether after
    before since so than where what how why until unless whom whose though yet then also even
    said says say told added""".split()
)
# Adverbs and auxiliaries between a subject and its cue ("has repeatedly said").
SKIP_BEFORE = frozenset(
    """also has have had 's ’s would will could did does do not never repeatedly later recently
    previously often again once then publicly privately already long initially first reportedly
    is was were are been being just still even further since earlier subsequently""".split()
)
NOUN_BEFORE = frozenset("the a an this that his her their its our my your talk tv game radio road".split())
PASSIVE_AUX = frozenset("be is was were been being are get got gets".split())
# Capitalised prepositions that open a sentence with a phrase, not a name.
INTRO_PREPS = frozenset("At In On During After Before For From By With Since Under Over Amid".split())
PRESENT_AUX = frozenset("is are am".split())
# Where the noun before a relative pronoun begins: not past a verb, a pronoun or "to"
# ("gave it to the local police who found ...").
RELATIVE_STOP = PASSIVE_AUX | PRONOUNS | frozenset(["to"])
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday week month year morning night
    evening afternoon weekend today yesterday january february march april may june july august
    september october november december""".split()
)
TIME_PREPS = frozenset("on last this earlier late early in at".split())
# Words that end a noun phrase scanned forward.
NP_STOP = frozenset(
    """of in at from with on for to by about over after before during into than as that which who
    whom whose and or but while because when if is was were are has have had will would could can
    may might should did does do said says say told added adding saying not also, standing speaking
    according more less along amid despite against under among between through across toward towards
    without like just only even""".split()
)
# Words that may open a post-modifier of an unnamed source or a document.
POSTMOD = frozenset(
    "in at from with close familiar who inside involved briefed knowledgeable for of by on near within".split()
)
NAME_CONNECTORS = frozenset("of for de del da al bin van von la le".split())
# Cues after which the source may follow ("..., said the source").
POSTPOSABLE = frozenset(
    """said says say writes wrote added adds asked asks explained explains noted notes continued
    insisted insists argued argues recalled recalls warned warns stressed replied responded
    concluded declared tweeted according reported reports""".split()
)
# Capitalised at a sentence start but not names.
SENTENCE_ADVERBS = frozenset(
    """therefore however meanwhile moreover indeed instead still now then so yet also thus hence
    but and or nevertheless nonetheless furthermore later earlier previously separately
    similarly likewise""".split()
)
ORG_HEADS = frozenset(
    """ministry department office council committee commission party agency government administration
    campaign company corporation university institute foundation association union bank court army
    police embassy kremlin pentagon house senate congress parliament group organization organisation
    center centre service services board authority federation league network""".split()
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled word lists. ``cues`` maps a cue's first word to its entries
    (words, required next words or None, label), longest first."""

    cues: dict[str, list[tuple[tuple[str, ...], frozenset[str] | None, str]]]
    cue_words: frozenset[str]
    classes: dict[str, frozenset[str]]
    media_names: frozenset[str]
    common_heads: frozenset[str]  # unnamed-source, document and media nouns


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the sourcing lexicons once."""
    cues: dict[str, list[tuple[tuple[str, ...], frozenset[str] | None, str]]] = {}
    for line in lexicon_lines("sourcing_cues_v1.txt"):
        form, _, label = line.partition("\t")
        form, label = form.strip().lower(), label.strip()
        need: frozenset[str] | None = None
        m = re.match(r"^(.*?)\s*\[([^\]]+)\]$", form)
        if m:
            form, need = m.group(1), frozenset(m.group(2).split("|"))
        words = tuple(form.split())
        if not words or not label:
            raise ValueError(f"sourcing_cues_v1.txt: bad line {line!r}; expected FORM<TAB>LABEL")
        cues.setdefault(words[0], []).append((words, need, label))
    for entries in cues.values():
        entries.sort(key=lambda x: -len(x[0]))
    classes: dict[str, set[str]] = {}
    for line in lexicon_lines("sourcing_nouns_v1.txt"):
        cls, _, word = line.partition("\t")
        classes.setdefault(cls.strip(), set()).add(word.strip().lower())
    for need_cls in ("anonymous", "role", "document", "media", "title", "demonym"):
        if not classes.get(need_cls):
            raise ValueError(f"sourcing_nouns_v1.txt: class {need_cls!r} is missing or empty")
    media = frozenset(ln.strip() for ln in lexicon_lines("sourcing_media_v1.txt"))
    common = frozenset(classes["anonymous"] | classes["document"] | classes["media"])
    return Lexicon(cues, frozenset(cues), {k: frozenset(v) for k, v in classes.items()}, media, common)


@dataclass(slots=True)
class _NP:
    """A source noun phrase: its token spans, the evidence span and the label."""

    start: int
    end: int
    label: str
    key: str
    person: bool = False
    pronoun: str = ""
    proper: bool = False
    typed: bool = False  # the head is a known source noun ("source", "report", "newspaper")


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, end)]


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


def _strip_poss(w: str) -> str:
    return re.sub(r"[’']s$", "", w)


def _clean_gap(text: str, a: int, b: int) -> bool:
    """True when only spaces separate two tokens (no punctuation, no line break)."""
    gap = text[a:b]
    return gap.strip() == "" and "\n" not in gap


def _np_forward(text: str, pos: int, limit: int, lex: Lexicon, chunk: bool = False) -> _NP | None:
    """Parse a source noun phrase starting at ``pos`` (at most up to ``limit``).

    ``chunk`` means [pos, limit) was already cut out as a subject, so an unnamed
    source or document keeps everything up to ``limit`` ("a source in Ankara").
    """
    toks = _tokens(text, pos, min(limit, pos + 160))
    if not toks or not _clean_gap(text, pos, toks[0][0]) and text[pos:toks[0][0]].strip(" \t"):
        return None
    words = [text[a:b] for a, b in toks]
    low = [w.lower() for w in words]
    i = 0
    det = ""
    if low[0] in PRONOUNS and (len(toks) == 1 or not chunk or toks[-1][0] == toks[0][0]):
        return _NP(toks[0][0], toks[0][1], "", low[0], low[0] in PERSON_PRONOUNS, pronoun=low[0])
    if low[0] in DETERMINERS:
        det = low[0]
        i = 1
    core: list[int] = []
    seen_name = False
    j = i
    while j < len(toks) and len(core) < 8:
        if j > 0 and not _clean_gap(text, toks[j - 1][1], toks[j][0]):
            break
        w, lw = words[j], low[j]
        if not core and lw in lex.common_heads:
            # "Officials said", "Sources close to ...": capitalised only by position
            words[j] = lw
            w = lw
        if _is_cap(w):
            # a possessive name is a determiner for what follows ("Russia's foreign ministry")
            if not core and lw in SENTENCE_ADVERBS:
                j += 1
                continue
            core.append(j)
            # possessives ("Russia's foreign ministry"), nationality words and titles
            # come before a head; any other capitalised word is part of a name
            seen_name = not (
                re.search(r"[’']s$", w) or lw in lex.classes["demonym"] or lw in lex.classes["title"]
            )
            j += 1
            continue
        if lw in NAME_CONNECTORS and seen_name and j + 1 < len(toks) and (
            _is_cap(words[j + 1]) or (low[j + 1] == "the" and j + 2 < len(toks) and _is_cap(words[j + 2]))
        ) and _clean_gap(text, toks[j][1], toks[j + 1][0]):
            core.append(j)
            j += 1
            continue
        if seen_name or lw in NP_STOP or lw in lex.cue_words or lw in PRONOUNS:
            break
        if core and (lw.endswith("ing") or lw.endswith("ed")) and lw not in lex.classes["anonymous"]:
            break
        core.append(j)
        j += 1
    if not core and det and chunk and det in lex.common_heads and len(toks) == 1:
        # "some (who argue)": a quantifier alone is the unnamed source
        core = [0]
    if not core:
        return None
    head_i = core[-1]
    head, lhead = _strip_poss(words[head_i]), _strip_poss(low[head_i])
    start = toks[0][0]
    end = toks[head_i][1]
    cls = lex.classes
    if _is_cap(head):
        # a trailing run of capitalised words is the name
        run = [k for k in core]
        r0 = len(run) - 1
        while r0 > 0 and (_is_cap(words[run[r0 - 1]]) or low[run[r0 - 1]] in NAME_CONNECTORS):
            r0 -= 1
        run = run[r0:]
        name = " ".join(words[k] for k in run)
        bare = name[4:] if name.startswith("The ") else name
        if bare in lex.media_names or MEDIA_SUFFIX.search(head):
            s = toks[run[0]][0]
            if det == "the" and run[0] == 1:
                s = toks[0][0]
            return _NP(s, end, "media", "media:" + bare.lower(), proper=True)
        if lhead in ORG_HEADS or lhead in cls["role"] or len(run) == 1 and lhead in cls["demonym"]:
            return _NP(start, end, "named", "org:" + " ".join(low[k] for k in run), proper=True)
        # a person: drop titles and nationality words in front of the name
        k0 = 0
        while k0 < len(run) - 1 and (low[run[k0]] in cls["title"] or low[run[k0]] in cls["demonym"]):
            k0 += 1
        s = toks[run[k0]][0]
        return _NP(s, end, "named", "person:" + _strip_poss(low[run[-1]]), person=True, proper=True)
    # lower-case head: an unnamed source, a document, a medium or a role
    definite = det in ("the", "his", "her", "their", "its", "our", "this", "these", "those") or any(
        re.search(r"[’']s$", words[k]) for k in core[:-1]
    )
    if lhead in cls["document"]:
        label = "document"
    elif lhead in cls["media"]:
        label = "media"
    elif lhead in cls["role"] and definite:
        label = "named"
    elif lhead in cls["anonymous"] or lhead in cls["role"]:
        label = "anonymous"
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
        elif k < len(toks) and low[k] in POSTMOD and _clean_gap(text, toks[head_i][1], toks[k][0]):
            last = k
            while last + 1 < len(toks) and last - head_i < 12 and _clean_gap(text, toks[last][1], toks[last + 1][0]):
                if low[last + 1] in lex.cue_words:
                    break
                last += 1
            end = toks[last][1]
    key_words = " ".join(low[k] for k in core if low[k] not in DETERMINERS)
    typed = any(lhead in cls[c] for c in ("anonymous", "role", "document", "media"))
    return _NP(start, end, label, f"{label}:{lhead}:{key_words}", typed=typed)


def _subject_before(text: str, sent_s: int, cue_s: int, lex: Lexicon) -> _NP | None:
    """The subject of the clause that ends at the cue, if any."""
    toks = _tokens(text, max(sent_s, cue_s - 200), cue_s)
    if not toks:
        return None
    # "Trump is accusing", "Officials are calling it": a present progressive, not a passive
    # (a past one mostly narrates: "was talking about", "had been referring to")
    progressive = text[cue_s : cue_s + 24].split(None, 1)[0].lower().endswith("ing")
    j = len(toks) - 1
    right = cue_s
    # skip adverbs, auxiliaries and a time phrase between subject and cue
    while j >= 0 and _clean_gap(text, toks[j][1], right):
        w = text[toks[j][0] : toks[j][1]].lower()
        if w in PASSIVE_AUX and not (progressive and w in PRESENT_AUX):
            return None  # "was announced", "be called into question": no speaker here
        # an adverb is lower case: "Cassilly said" is a name
        if w in SKIP_BEFORE or w in PRESENT_AUX or (
            w.endswith("ly") and len(w) > 4 and w not in ("italy", "family") and text[toks[j][0]].islower()
        ):
            right = toks[j][0]
            j -= 1
            continue
        if w in TIME_WORDS or re.fullmatch(r"\d{1,4}", w):
            k = j - 1
            while k >= 0 and k >= j - 3 and text[toks[k][0] : toks[k][1]].lower() not in TIME_PREPS:
                k -= 1
            if k >= 0 and k >= j - 3 and text[toks[k][0] : toks[k][1]].lower() in TIME_PREPS:
                right = toks[k][0]
                j = k - 1
                continue
        break
    if j < 0:
        return None
    gap = text[toks[j][1] : right].strip()
    if gap:
        # "Sezer, an expert on Turkey, said", "One commenter — who ... — noted": skip back
        # over the appositive; "Another participant who chose ..., says": over the relative clause
        if gap in (",", "—", "–"):
            return _appositive_head(text, sent_s, toks[j][1], lex, gap) or _relative_head(text, sent_s, toks[j][1], lex)
        return None
    lw = text[toks[j][0] : toks[j][1]].lower()
    if lw in RELATIVE:
        # "some who argue", "a think tank study which found": the noun before the relative pronoun
        return _chunk_before(text, sent_s, toks[j][0], lex, stop=RELATIVE_STOP)
    if lw in PRONOUNS:
        # "10 steps he says will ...", "alleged they shouted": a pronoun right before the cue is its subject
        return _np_forward(text, toks[j][0], toks[j][1], lex)
    k = j
    while k > 0 and j - k < 14 and _clean_gap(text, toks[k - 1][1], toks[k][0]):
        if text[toks[k - 1][0] : toks[k - 1][1]].lower() in BOUNDARY:
            break
        k -= 1
    if text[toks[k][0] : toks[k][1]].lower() in BOUNDARY:
        k += 1
    if k > j or j - k >= 13 or not _np_like(text, toks[k:j + 1], lex):
        return None
    if text[toks[k][0] : toks[k][1]] in INTRO_PREPS:
        # "At the end of April the US Congressional Budget Office hinted": the subject is
        # the name after the opening phrase's last article, if there is one
        dets = [i for i in range(k + 1, j + 1) if text[toks[i][0] : toks[i][1]].lower() in ("the", "a", "an")]
        np_ = _np_forward(text, toks[dets[-1]][0], toks[j][1], lex, chunk=True) if dets else None
        return np_ if np_ is not None and np_.proper else None
    return _np_forward(text, toks[k][0], toks[j][1], lex, chunk=True)


def _np_like(text: str, toks: list[tuple[int, int]], lex: Lexicon) -> bool:
    """Reject chunks that are verb phrases or end in a function word
    ("rushed everyone inside and", "months of")."""
    first = text[toks[0][0] : toks[0][1]]
    last = text[toks[-1][0] : toks[-1][1]].lower()
    if last in NP_STOP or last in DETERMINERS or last in BOUNDARY or last in ("a", "to", "by"):
        return False
    lf = first.lower()
    if first[:1].islower() and lf not in DETERMINERS and lf not in PRONOUNS and len(toks) > 1:
        # "rushed everyone", not "ship-tracking data" (a hyphenated compound is an adjective)
        if lf.endswith(("ed", "ing")) and "-" not in lf or lf in NP_STOP:
            return False
    return True


def _appositive_head(text: str, sent_s: int, app_end: int, lex: Lexicon, mark: str = ",") -> _NP | None:
    """The noun phrase before the mark (a comma or a dash) that opens an appositive
    ending at ``app_end``."""
    opening = "—–" if mark in "—–" else ","
    pos = app_end - 1
    floor = max(sent_s, app_end - 120)
    while pos > floor and text[pos] not in ",“”\"();:—–":
        pos -= 1
    if pos <= floor or text[pos] not in opening:
        return None
    return _chunk_before(text, sent_s, pos, lex)


def _relative_head(text: str, sent_s: int, end: int, lex: Lexicon) -> _NP | None:
    """The noun phrase before a relative clause that runs up to ``end`` without
    punctuation ("Another participant who chose not to have his name used")."""
    m = None
    for m in RELATIVE_RE.finditer(text, max(sent_s, end - 120), end):
        pass
    if m is None or any(c in ",;:“”\"()—–" for c in text[m.end() : end]):
        return None
    return _chunk_before(text, sent_s, m.start(), lex, stop=RELATIVE_STOP)


def _chunk_before(text: str, sent_s: int, end: int, lex: Lexicon, stop: frozenset[str] = frozenset()) -> _NP | None:
    """The noun phrase that ends right before ``end`` (at most eight words, not
    across punctuation, a clause boundary or a word in ``stop``)."""
    toks = _tokens(text, max(sent_s, end - 200), end)
    if not toks or not _clean_gap(text, toks[-1][1], end):
        return None
    j = len(toks) - 1
    k = j
    while k > 0 and j - k < 8 and _clean_gap(text, toks[k - 1][1], toks[k][0]):
        w = text[toks[k - 1][0] : toks[k - 1][1]].lower()
        if w in BOUNDARY or w in stop:
            break
        k -= 1
    if text[toks[k][0] : toks[k][1]].lower() in BOUNDARY:
        k += 1
    if k > j:
        return None
    return _np_forward(text, toks[k][0], toks[j][1], lex, chunk=True)


def _find_cues(doc: Doc, lex: Lexicon) -> list[tuple[int, int, str, str]]:
    """(start, end, label, cue form) of every cue, manner phrases attached.

    Cues inside direct quotes are dropped (they are the speaker's words, and in
    PolNeAR almost never annotated), as are stance and evidence cues inside
    paraphrase (the reported clause, not a new attribution).
    """
    text = doc.text
    toks = doc.tokens
    n = len(toks)
    out: list[tuple[int, int, str, str]] = []
    low = doc.lowered
    cues = lex.cues
    # only the few cue tokens enter the loop (a comprehension is far cheaper than a loop body)
    for i in [i for i, w in enumerate(low) if w in cues]:
        s, e = toks[i]
        entries = cues[low[i]]
        if i > 0 and low[i - 1] in NOUN_BEFORE and text[toks[i - 1][1] : s].isspace():
            continue  # "the claim", "his support", "a talk show": a noun, not a cue ('that," said' is one)
        for words, need, label in entries:
            k = len(words)
            if i + k > n:
                continue
            if k > 1 and not all(
                low[i + j] == words[j]
                and text[toks[i + j - 1][1] : toks[i + j][0]].isspace()
                for j in range(1, k)
            ):
                continue
            if need is not None and (i + k >= n or low[i + k] not in need):
                continue
            end = toks[i + k - 1][1]
            region = doc.region_at(s, end)
            if region is not None and (
                region.label == "direct" or (region.label == "paraphrase" and label in (STANCE, BELIEF, "evidence"))
            ):
                break
            if label in ("speech", "publication"):
                mm = MANNER_RE.match(text, end)
                if mm:
                    end = mm.end()
                    label = MANNER_LABEL.get(mm.group(1).lower(), "statement")
            if out and out[-1][1] > s:
                break  # inside the previous cue ("said in a statement")
            out.append((s, end, label, " ".join(words)))
            break
    extra = []
    cue_sents = {doc.sentence_index(c[0]) for c in out}
    for rx, form in ((STANDALONE_MANNER_RE, "manner"), (COLON_CUE_RE, ":")):
        for m in rx.finditer(text):
            si = doc.sentence_index(m.start())
            if si in cue_sents or doc.region_at(m.start(), m.end()) is not None:
                continue
            label = MANNER_LABEL.get(m.group(1).lower(), "statement") if form == "manner" else "speech"
            st, en = (m.start(), m.end()) if form == "manner" else (m.start(1), m.end(1))
            extra.append((st, en, label, form))
            cue_sents.add(si)
    if extra:
        out = sorted(out + extra)
    return out


def _resolve(np_: _NP, history: list[_NP]) -> _NP:
    """Give a pronoun the label and identity of the nearest fitting earlier source."""
    if not np_.pronoun:
        return np_
    for prev in reversed(history[-12:]):
        if prev.pronoun:
            continue
        if np_.pronoun in PERSON_PRONOUNS and np_.pronoun not in ("we", "you") and prev.person:
            return _NP(np_.start, np_.end, prev.label, prev.key, True, np_.pronoun)
        if np_.pronoun in ("they", "we") and not prev.person:
            return _NP(np_.start, np_.end, prev.label, prev.key, False, np_.pronoun)
        if np_.pronoun == "it" and not prev.person and prev.label != "anonymous":
            return _NP(np_.start, np_.end, prev.label, prev.key, False, np_.pronoun)
    if np_.pronoun == "they":
        return _NP(np_.start, np_.end, "anonymous", "anonymous:they", False, np_.pronoun)
    return _NP(np_.start, np_.end, "named", "pronoun:" + np_.pronoun, np_.pronoun in PERSON_PRONOUNS, np_.pronoun)


def _sentence_subject(text: str, sent_s: int, s: int, lex: Lexicon, max_commas: int = 0) -> _NP | None:
    """The named subject (or subject pronoun) opening the sentence, when the
    clause from it to ``s`` holds no quotation and at most ``max_commas`` commas."""
    intro = INTRO_RE.match(text, sent_s)
    head = _np_forward(text, intro.end(), s, lex)
    if head is None or not (head.proper or head.pronoun in PERSON_PRONOUNS or head.pronoun == "they"):
        return None
    # a subject is followed by its verb ("Khan began"), not by a dateline's "(CNN) –"
    if not VERB_NEXT_RE.match(text, head.end):
        return None
    between = text[head.end : s]
    if s - head.end > 160 or between.count(",") > max_commas or QUOTE_MARK_RE.search(SHORT_QUOTE_RE.sub("", between)):
        return None
    return head


def _sources_for_cue(
    text: str, sent: tuple[int, int], cue: tuple[int, int, str, str], lex: Lexicon, main_cue: bool = True
) -> list[_NP]:
    """The sources of one cue; ``main_cue`` says an earlier cue in the sentence has its own subject."""
    s, e, label, form = cue
    sent_s, sent_e = sent
    first = form.split()[0]
    out: list[_NP] = []
    if form == "according to":
        np_ = _np_forward(text, e, sent_e, lex)
        return [np_] if np_ else []
    before = text[sent_s:s].rstrip()
    if first.endswith("ing") and (before.endswith(",") or GERUND_WHILE_RE.search(before)):
        # "..., adding that": the source is the main clause's subject, found at its own cue;
        # with no cue of its own ("Khan began the war of words with an op-ed, calling Trump ..."),
        # the subject opening the sentence speaks
        if main_cue:
            return []
        head = _sentence_subject(text, sent_s, s, lex, max_commas=1)
        return [head] if head is not None else []
    # "One commenter — who appeared to be a student — noted": a closing dash, not an inversion
    paired_dash = bool(before) and before[-1] in "—–" and any(c in "—–" for c in before[:-1])
    if first in POSTPOSABLE and (not before or before[-1] in INVERSION_MARKS) and not paired_dash:
        np_ = _np_forward(text, e, sent_e, lex)
        if np_ is not None and not np_.pronoun:
            mm = MANNER_RE.match(text, np_.end)
            after = text[mm.end() if mm else np_.end : sent_e].lstrip()
            # "..., said the source." but not "..., said disagreements were behind it"
            fits = np_.proper or np_.typed or (bool(before) and before[-1] != ",")
            if fits and (not after or after[0] in ",.;:—–(" or (np_.proper and (not before or before[-1] != ","))):
                return [np_]
    if form != "manner":
        np_ = _subject_before(text, sent_s, s, lex)
        if np_ is not None:
            # "Mr Putin and Mr Erdogan said": both names speak
            m = AND_BEFORE_RE.search(text, max(sent_s, np_.start - 40), np_.start) if np_.proper else None
            co = _subject_before(text, sent_s, m.start(), lex) if m else None
            if co is not None and co.proper and not co.pronoun:
                out.append(co)
            out.append(np_)
        elif COORD_VERB_RE.search(text, max(sent_s, s - 12), s):
            # "Foreign Minister Mevlüt Çavuşoğlu undermined the plan and said ...", "He defended
            # his position but also promised ...": the subject of the sentence's first verb speaks
            head = _sentence_subject(text, sent_s, s, lex)
            if head is not None:
                out.append(head)
    return out


def extract_sourcing(doc: Doc) -> Extraction:
    """Attribution cues, their sources and quotations, with sourcing-density features."""
    lex = lexicon()
    text = doc.text
    spans: list[Span] = []
    cues = _find_cues(doc, lex) if doc.sentences else []
    history: list[_NP] = []
    keys: dict[str, set[str]] = {k: set() for k in SOURCE_LABELS}
    n_sourcing = n_stance = 0
    cue_sents: set[int] = set()
    seen_src: set[tuple[int, int]] = set()
    contents: list[tuple[int, int]] = []
    prev_si = -1
    for cue in cues:
        s, e, label, _ = cue
        # a cue inside paraphrase is still the article's attribution; direct-quote cues were dropped
        region = doc.region_at(s, e)
        voice = "quoted" if region is not None and region.label == "direct" else "author"
        si = doc.sentence_index(s)
        sent = doc.sentences[si]
        sourcing = label not in (STANCE, BELIEF)
        if voice == "author":
            cue_sents.add(si)
            if sourcing:
                n_sourcing += 1
            else:
                n_stance += 1
        if _reports_nothing(text, sent[0], cue):
            continue
        found = _sources_for_cue(text, sent, cue, lex, main_cue=prev_si == si)
        if label == BELIEF and not (found and THAT_RE.match(text, e)):
            continue
        if found:
            prev_si = si
        spans.append(Span(s, e, "attribution", label, voice))
        # what follows a passive ("Hours before the armistice was announced, airstrikes ...")
        # is the next clause, not what was announced
        if voice == "author" and cue[3] != "manner" and label != BELIEF and not PASSIVE_BEFORE_RE.search(text, max(0, s - 12), s):
            content = _content_for_cue(text, sent, cue, found)
            if content is not None:
                contents.append(content)
        for np_ in found:
            np_ = _resolve(np_, history)
            if not np_.pronoun:
                history.append(np_)
            if (np_.start, np_.end) in seen_src or np_.end <= np_.start:
                continue
            seen_src.add((np_.start, np_.end))
            # a source speaks in the voice of its cue (text.py may mark "told Arab News." as paraphrase)
            spans.append(Span(np_.start, np_.end, "source", np_.label, voice))
            mm = MANNER_RE.match(text, np_.end) if np_.start >= e else None
            if mm:
                # "..., said the ministry in a written statement": the manner phrase is a cue too
                ms = mm.start() + len(mm.group()) - len(mm.group().lstrip())
                spans.append(Span(ms, mm.end(), "attribution", MANNER_LABEL.get(mm.group(1).lower(), "statement"), voice))
            if sourcing and voice == "author":
                keys[np_.label].add(np_.key)
    direct_words = 0
    quoted_sents: set[int] = set()
    for r in doc.quotes:
        if r.label == "scare":
            continue
        a, b = _trim(text, r.start, r.end)
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
    spans = [sp for sp in spans if sp.kind != "quote"] + _one_span_per_quote(text, spans)
    return Extraction(_features(doc, keys, n_sourcing, n_stance, direct_words, cue_sents, quoted_sents), spans)


def _one_span_per_quote(text: str, spans: list[Span]) -> list[Span]:
    """The quote spans, one per quotation: a paraphrase ends before an attribution or
    source in the author's voice inside it (its voice would contradict theirs), and a
    quote span overlapping one already kept (direct quotations first) is dropped."""
    inner = sorted((sp.start, sp.end) for sp in spans if sp.kind in ("attribution", "source") and sp.voice == "author")
    inner_starts = [x for x, _ in inner]
    kept: list[Span] = []
    for q in sorted((sp for sp in spans if sp.kind == "quote"), key=lambda sp: (sp.label != "direct", sp.start)):
        a, b = q.start, q.end
        if q.label != "direct":
            i = bisect_right(inner_starts, a - 1)
            if i < len(inner) and inner[i][0] < b:
                a, b = _trim(text, a, inner[i][0])
                b -= len(TRAILING_JOIN_RE.search(text, a, b).group())
            if b - a < 12 or not any(ch.isalpha() for ch in text[a:b]):
                continue
        if any(k.start < b and a < k.end for k in kept):
            continue
        kept.append(Span(a, b, "quote", q.label, q.voice))
    return sorted(kept, key=lambda sp: sp.start)


def _reports_nothing(text: str, sent_s: int, cue: tuple[int, int, str, str]) -> bool:
    """A negated cue: "Turkey has not revealed that ...", "did not mention the debt"."""
    s = cue[0]
    before = text[max(sent_s, s - 60) : s]
    return bool(NEGATED_RE.search(before) or NEITHER_RE.search(text, max(sent_s, s - 120), s))


def _content_for_cue(
    text: str, sent: tuple[int, int], cue: tuple[int, int, str, str], sources: list[_NP]
) -> tuple[int, int] | None:
    """What the cue attributes: the rest of the clause after it, or, when the
    source follows the cue ("..., said the source"), the part of the sentence
    before it."""
    s, e, _, form = cue
    sent_s, sent_e = sent
    if sources and sources[0].start >= e and form != "according to":
        a, b = _trim(text, sent_s, s)
        while b > a and text[b - 1] in ",;:—–":
            b -= 1
    else:
        if sources and sources[0].end <= s and text[sent_s : sources[0].start].rstrip().endswith(("”", '"')):
            return None  # "“...,” he said on Wednesday": the quotation is the content
        if form == "according to" and sources:
            e = max(e, sources[0].end)
        m = CONTENT_START_RE.match(text, e, sent_e)
        a = m.end() if m else e
        b = sent_e
        q = min((text.find(c, a, b) for c in "“\"" if text.find(c, a, b) >= 0), default=-1)
        if q >= 0:
            b = q
        a, b = _trim(text, a, b)
        while b > a and text[b - 1] in ",;:—–.":
            b -= 1
    if b - a < 12 or not any(ch.isalpha() for ch in text[a:b]) or COORD_START_RE.match(text, a, b):
        return None
    return a, b


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _features(
    doc: Doc,
    keys: dict[str, set[str]],
    n_sourcing: int,
    n_stance: int,
    direct_words: int,
    cue_sents: set[int],
    quoted_sents: set[int],
) -> dict[str, float]:
    words = doc.n_words
    named, anon = len(keys["named"]), len(keys["anonymous"])
    media, docs = len(keys["media"]), len(keys["document"])
    distinct = named + anon + media + docs
    n_sent = len(doc.sentences)
    attributed = len(cue_sents | quoted_sents)
    claims = unattributed = 0
    for i, (a, b) in enumerate(doc.sentences):
        if i in cue_sents or i in quoted_sents:
            if doc.words_in(a, b) >= 6 and not doc.text[a:b].rstrip("”\"’' ").endswith("?"):
                claims += 1
            continue
        if doc.words_in(a, b) < 6 or doc.text[a:b].rstrip("”\"’' ").endswith("?"):
            continue
        claims += 1
        unattributed += 1
    return {
        "attributions_per_100_words": per_100(n_sourcing, words),
        "stance_attributions_per_100_words": per_100(n_stance, words),
        "distinct_sources": float(distinct),
        "named_sources": float(named),
        "anonymous_sources": float(anon),
        "media_sources": float(media),
        "document_sources": float(docs),
        "named_source_share": safe_div(named, named + anon),
        "media_source_share": safe_div(media, distinct),
        "quoted_word_share": safe_div(direct_words, words),
        "attributed_sentence_share": safe_div(attributed, n_sent),
        "unattributed_claim_share": safe_div(unattributed, claims),
    }


class SourcingFeatures(ArticleTransformer):
    """Sourcing-density features (see ``SOURCING_FEATURES``) for article texts."""

    feature_names = SOURCING_FEATURES

    def _features(self, text: str) -> dict[str, float]:
        from .insertions import clean_doc

        doc, _ = clean_doc(text)
        return extract_sourcing(doc).features
