"""Word classes and patterns of the sourcing extractor: the reporting-cue lexicon
(``sourcing_cues_v1``), the noun classes that label a source (``sourcing_nouns_v1``,
``sourcing_media_v1``) and the closed word lists and patterns of news attribution.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import lexicon_lines

INVERSION_MARKS = ",”\"’'—:–"
SOURCE_LABELS = ("named", "anonymous", "media", "document")
STANCE = "stance"
# Beliefs, wishes and acts ("wants", "sought", "supports"): counted with the stance cues,
# but they report no statement, so they are evidence only as "X believes that ...".
BELIEF = "belief"

# A word token: dotted abbreviations and titles stay whole ("U.S.", "Mr."); a
# possessive stays on its word ("Russia's"); a sentence-final period does not. A middle
# initial ("George W. Bush") and the "&" of a firm's name ("Pacific Gas & Electric") are tokens,
# as is "Co."/"Inc." unless a capital follows (then it may end the sentence).
TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|St|Jr|Sr|Adm|Capt|Gens|Reps|Sens)\."
    r"|(?<![\w.])[A-Z]\.(?=[ \t][A-Z][a-z])|&(?=[ \t][A-Z])|(?:Co|Corp|Inc|Ltd)\.(?![ \t]*[A-Z\n])"
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
# A poll or study opening a sentence as the frame of its finding: "In a CBS News poll last month,
# 38 percent ..."; the cue is "In", the source the phrase up to the document noun. ("A lead in the
# polls" mid-sentence is no attribution.) The literal comes first and the start-of-word check
# after it as a lookbehind: the engine then jumps from one "In" to the next instead of trying
# every position.
POLL_IN_RE = re.compile(
    r"(In)(?<![\w-]In)\s+((?:a|an|the|its|this|that|one|another)\s+"
    r"(?:[\w’'./&-]+\s+){0,6}?(poll|survey|study|report))\b(?=[^,.;:\n]{0,40},)"
)
# A source a passage is relayed from: a "From NBC News:" line before a pasted block ("This is from the
# U-T San Diego:"), and ", per Politico" after what it reports ("via" is left out: "sent, via the Postal Service").
# (The word first, the start-of-word check after it: the engine jumps from one "rom" to the next; where the
# line or sentence starts is checked on the match.)
FROM_LINE_RE = re.compile(r"([Ff]rom)(?<![\w-][Ff]rom)[ \t]+[^\n.:]{1,80}:[ \t]*\n")
FROM_OPENING_RE = re.compile(r"(?:^|[\n.!?]|\b(?:This|Here) is)[ \t]*$")
# Not ", per CDC guidelines", ", per the Constitution", ", per Section 8": in keeping with a rule, not a source.
PER_RE = re.compile(
    r",[ \t]+(per)[ \t]+(?=(?:the[ \t]+)?[A-Z])(?!(?:the[ \t]+)?(?:[\w.’'-]+[ \t]+){0,3}?"
    r"(?i:rules?|laws?|guidelines?|guidance|polic(?:y|ies)|constitution|section|article|terms|statutes?"
    r"|regulations?|protocols?|ordinances?|codes?)\b)"
)
# Taking to a medium to do something publishes it: "took to Twitter on Saturday to criticize the briefings",
# "have taken to social media to call out Trump". The cue runs from the verb of taking to the act; its subject
# speaks. Marches and stages are left out ("took to the streets to protest" is an act, not a statement), and
# so is a second verb ("took to Twitter and decided to campaign"): the time or place between is a few words.
TOOK_TO_RE = re.compile(
    r"[Tt](?<![\w-][Tt])(?:ook|ake|akes|aken|aking)(?i:[ \t]+to[ \t]+(?:the[ \t]+)?(?:(?:his|her|their|its)[ \t]+)?"
    r"(?:twitter|facebook|instagram|youtube|tiktok|truth[ \t]+social|social[ \t]+media|(?:the[ \t]+)?airwaves"
    r"|(?:house[ \t]+|senate[ \t]+)?floor|pages[ \t]+of|blog|podcast|television|tv|radio)\b"
    r"(?:,?[ \t]+(?!(?:and|but|then|to)\b)[^\s.,;:!?“”\"]+){0,5}?[ \t]+to[ \t]+[a-z]+(?:[ \t]+out\b)?)"
)
# A colon introducing a direct quote after a name: "Sanders on Clinton: “...”".
# (The colon first and the letter before it as a lookbehind: a fast scan for ':'.)
COLON_CUE_RE = re.compile(r"(:)(?<=[^\W\d_]:)[ \t]*[“\"]")
# A verb the lexicon lacks between a quotation and the end of its clause, after the speaker's name or pronoun:
# '..., ” Norquist summarized.', '“Denver,” he answered.', '..., ” Trump went on, as if ...'. The shape of a
# speech tag; group 1 is the verb.
QUOTE_TAIL_CUE_RE = re.compile(
    r"[,?!—–-][”\"][^\S\n]+(?:(?!(?:The|A|An|His|Her|Their|Its|Our|My|Or|And|But)\b)[A-Z][\w.’'-]*[^\S\n]+){0,3}?"
    r"(?:(?!(?:The|A|An|His|Her|Their|Its|Our|My|Or|And|But)\b)[A-Z][\w’'-]+|he|she)[^\S\n]+"
    r"((?:[a-z]{2,}ed|[a-z]{2,}[^su\W]s|went[^\S\n]+on))(?=[^\S\n]*[.,;:])")
# The tag inverted, the verb before the speaker's name ('“This is fantastic!” beamed Donald Hartley of Madison',
# '...,” concludes Tucker.'): a verb in -ed or -s right after the closing mark, then a name of up to four
# capitalised words (no article or possessive first) that ends the clause or takes an "of" place; group 1 is the verb.
QUOTE_INVERTED_CUE_RE = re.compile(
    r"[,?!—–-][”\"][^\S\n]+([a-z]{2,}ed|[a-z]{2,}[^su\W]s)[^\S\n]+"
    r"(?=(?:(?!(?:The|A|An|His|Her|Their|Its|Our|My|Or|And|But)\b)[A-Z][\w.’'-]*[^\S\n]+){0,3}"
    r"(?!(?:The|A|An|His|Her|Their|Its|Our|My|Or|And|But)\b)[A-Z][\w’'-]+(?:[^\S\n]*[.,;:]|[^\S\n]+of\b))")
# A cue right after a quotation's closing mark: its speaker follows it ('“...,” said a person close to the
# Clintons.'), matched on the text just before the cue.
AFTER_QUOTE_RE = re.compile(r"[,?!—–-][”\"][^\S\n]*\Z")
# A relative clause inside a phrase that np_forward ran on ("one source who identified Sullivan").
RELATIVE_AFTER_RE = re.compile(r"[ \t]+(?:who|whom|which|that)\b")
# The same verb before a quotation it opens, after the speaker ('Norquist went on, “[H]e raised ...', 'he demurred:
# “Whichever ...'): past tense only (a plural noun before a quotation is no verb: 'Democratic voters, "he's ...');
# matched backwards from the opening mark, whose next character ``quote_tail_cues`` checks.
QUOTE_LEAD_CUE_RE = re.compile(
    r"(?:\b[A-Z][\w’'-]+|\bhe|\bshe)[^\S\n]+([a-z]{2,}ed|went[^\S\n]+on)[,:][^\S\n]*[“\"]\Z")
# What stands before such a colon when someone speaks: a line that is only names ("Clinton:", "Sanders on
# Clinton:"), or an act of speaking the lexicon lacks ("then leaned in and boomed:", "banners proclaiming:").
COLON_SPEAKER_RE = re.compile(
    r"(?:\b[a-z]{3,}(?:ed|ing)|^[ \t]*[A-Z][\w.’'-]*(?:[ \t]+(?:(?:on|to|at|and)[ \t]+)?[A-Z][\w.’'-]*){0,3})$",
    re.MULTILINE)
# A negated cue reports nothing ("has not revealed", "did not mention", "without
# referring to", "failed to mention"); matched on the text right before the cue.
NEGATED_RE = re.compile(
    r"(?:\b(?:not|never|without)|n[’']t|\b(?:failed|fails|fail|refused|declined)\s+to)"
    r"(?:\s+(?:yet|publicly|officially|explicitly|directly|even|ever|once|specifically))?\s*$",
    re.IGNORECASE,
)
# The last letter, in both cases, of every word a NEGATED_RE match can end in ("not", "never", "without", "n't", "to"
# and the adverbs): a text whose last letter before its trailing spaces is none of these cannot match, a cheap test
# before the search (no other character matches these letters case-insensitively). Kept with the pattern.
NEGATED_LAST_LETTERS = "tTrRoOyYnNeE"
# "neither Russia nor Turkey have admitted": the subject itself negates the cue (searched up to the cue); not a
# "neither ... nor" of the reported words before the tag's comma ("..., neither plan would ..., analysts say").
NEITHER_RE = re.compile(r"\bneither\b[^,;:]*\bnor\b[^,;:]*\Z", re.IGNORECASE)
THAT_RE = re.compile(r"\s+that\b")
RELATIVE = frozenset("who which that".split())
RELATIVE_RE = re.compile(r"\b(?:who|which)\b", re.IGNORECASE)
# A "content" that opens with a conjunction is a second verb phrase ("insisted and gambled").
COORD_START_RE = re.compile(r"(?:and|or|but|as)\b", re.IGNORECASE)
PASSIVE_BEFORE_RE = re.compile(r"\b(?:be|is|was|were|been|being|are)\s+$", re.IGNORECASE)
# A passive cue with its agent: "was noted by X", "we've been told by the FBI", "was asked a question
# by a member of the audience", "is acknowledged even by the Times": the agent speaks.
PASSIVE_AGENT_BEFORE_RE = re.compile(
    r"\b(?:be|is|was|were|been|being|are|get|got|gets)[^\S\n]+(?:(?:not|never|also|now|already|first|still|\w+ly)[^\S\n]+)?$",
    re.IGNORECASE,
)
BY_AGENT_RE = re.compile(r"[^\S\n]+(?:(?!to\b)[a-z]+[^\S\n]+){0,2}?by[^\S\n]+")
# Left at the end of a paraphrase cut before an inner attribution ("..., and", "..., that").
TRAILING_JOIN_RE = re.compile(r"(?:[\s,;:—–]|\b(?:and|but|that|as|while|the|a|an)\b)*$", re.IGNORECASE)
# "Both Sauve and State Attorney Dave Aronberg said": titles may stand between "and" and the name
AND_BEFORE_RE = re.compile(r"\s+and\s+(?:[A-Z][\w.]*\s+){0,3}$")
# A cue that is the second verb of its clause: "... undermined the plan and said".
# "of Russia" between a common head and a coordinated name: one phrase, not two speakers.
OF_NAME_RE = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*){1,4}")
COORD_VERB_RE = re.compile(
    r"\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+|(?:on|last|this|late|early)\s+[A-Z]?[a-z]+\s+)?$")
# An infinitive cue after a verb ("came forward to say", "went on to say", "scrambled to warn"): the subject
# of the sentence's verb speaks; not after an adjective or "has" ("safe to say", "has to say"), nor after a verb of
# wish, plan or refusal, which reports nothing said ("wanted to say", "is expected to say", "declined to say")
TO_BEFORE_RE = re.compile(
    r"(?:\b(?!(?:want|need|plann|expect|hop|tri|seem|intend|refus|declin|fail|prepar|schedul|slat|us|allow|ask|forc|"
    r"requir|invit|wish|decid|agre|promis|vow|threaten|offer|attempt|struggl|manag|dar)ed\b)[a-z]+ed|\b(?:on|forward))\s+to\s+$")
# "..., while accusing some Republicans of ...", "made it known by saying", "veered from claiming": a gerund cue
# joined to its main clause, whose subject speaks
# A clause with a subject of its own after "but" ("Biden may not have noticed but commentators were quick to ...,
# criticizing"): the gerund is that subject's, not the sentence's.
NEW_SUBJECT_RE = re.compile(r"\b(?:but|whereas)\s+(?!also\b)(?:[\w’'-]+\s+){1,3}(?:were|was|are|is|have|has|had)\b")
GERUND_WHILE_RE = re.compile(r",?\s*\b(?:while|by|from)$")
# Pronouns for things, capitalised at a sentence's start but no speaker ("Nothing is gained by saying").
THINGS = frozenset("nothing something everything anything".split())
# Subordinators opening a clause before the main clause, whose own subject a "by saying" belongs to ("When Trump
# dinged Rubio, Rubio defended it by saying"); a gerund after a comma may belong to the subordinate clause.
SUBORDINATORS = frozenset("when if after as because while although though since before once unless until".split())
# A sentence's subject is followed by a lower-case word (its verb or an adverb).
VERB_NEXT_RE = re.compile(r"[ \t]+[a-z]")
# An appositive or "including" phrase between a subject and its verb, with no commas or quotation of its own
# ("Suzan Harjo, the lead plaintiff in the case, rejected"; "Critics of the deal, including Republicans, objected").
APPOSITIVE_AFTER_RE = re.compile(r",[^\S\n]+(?:the|a|an|including)[^\S\n][^,;:“”\"()\n]{1,120},(?=[ \t]+[a-z])")
# An opening phrase before the subject: "In an interview last week, ".
INTRO_RE = re.compile(
    r"(?:[A-Z][\w .,]{0,40}\([^()]{1,30}\)\s*[—–-]+\s*)?"  # a dateline: "Washington (CNN) – "
    r"(?:(?:In|On|At|During|After|Before|Earlier|Later|Last)\b[^,.;]{0,60},\s*"
    # a short adverb of time or sequence: "Back then, ", "That month however, ", "Meanwhile, "
    r"|(?:(?:Back|Since|By|Until|Even)\s+then|(?:This|That|Next)\s+(?:day|week|month|year|morning|evening|weekend)"
    r"|Meanwhile|However|Instead|Separately|Similarly|Moreover|Now|Then|Today|Yesterday)(?:\s+however)?,\s*)?"
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
# ", said his grandson, David Eisenhower, a historian": the name set beside an inverted speaker's role.
APPOSED_NAME_RE = re.compile(r",[ \t]+(?=[A-Z])")
MANNER_LABEL = {"interview": "interview", "conference": "interview", "briefing": "interview", "speech": "interview"}

DETERMINERS = frozenset(
    "the a an one two three four several some many other his her their its our this these those "
    "another two-thirds three-quarters one-third most few both every each".split()
)
INDEFINITE = frozenset("a an one two three four several some many another most few".split())
# Quantifiers that stand alone as a subject ("Many argue", "Both have said"): an unnamed group speaks.
ARTICLE_BEFORE_RE = re.compile(r"\b(?:the|a)\s+$", re.IGNORECASE)
LONE_QUANTIFIERS = frozenset("many some most both several another two-thirds three-quarters one-third".split())
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
    is was were are been being just still even further since earlier subsequently only""".split()
)
# "quoted" reports a speaker only with "as saying" after it ("Reuters quoted the minister as saying", "was quoted
# by Tasnim as saying"); that "saying" belongs to the "quoted" cue.
QUOTED_AS_RE = re.compile(r"[^.;:!?\n“”\"]{0,80}?\bas[^\S\n]+(?:saying|telling)\b")
QUOTED_AS_BEFORE_RE = re.compile(r"\bquoted\b[^.;:!?\n“”\"]{0,80}?\bas[^\S\n]+$")
BY_RE = re.compile(r"[^\S\n]+by[^\S\n]+")
NOUN_BEFORE = frozenset("the a an this that his her their its our my your talk tv game radio road".split())
# Broadcasters named by their medium ("Press TV said", "state radio reported"): a verb form after them is a report.
BROADCAST = frozenset("tv radio".split())
# Words before a cue that make it no report ("worth noting that" is the author's aside).
NOT_A_CUE_BEFORE = frozenset("worth".split())
# Particles after a cue that make it another verb ("called off a rally", "called up reservists").
# "adding to his lead", "had added $9 trillion", "are adding new weapons": adding things, not words.
_ADD_THINGS = frozenset("to new another more".split())
NOT_A_CUE_AFTER = {
    "called": frozenset("off up in back".split()), "calling": frozenset("off up in back".split()),
    "added": _ADD_THINGS, "adding": _ADD_THINGS, "adds": _ADD_THINGS,
    # "a lady identified as Monisola", "countries identified in a 2015 law": a participle, not a report
    "identified": frozenset("as in".split()),
    # "explain away the midterm results": dismissing, not explaining
    "explain": frozenset(["away"]), "explains": frozenset(["away"]), "explained": frozenset(["away"]),
    # "Sunni Arabs feel threatened by Iran", "children threatened with deportation": a state, no threat reported
    "threatened": frozenset("by with".split()),
    "show": frozenset(["up"]), "shows": frozenset(["up"]), "showed": frozenset(["up"]),
    # "campuses have become characterized by speech codes": a trait, not a description someone gave
    "characterized": frozenset(["by"]), "characterised": frozenset(["by"]),
}
# "According to" in the sense "in keeping with" names a rule or a measure, not a source: "go according to
# plan", "distributed according to a set of principles", "web browsing according to race".
CONFORMITY_RE = re.compile(
    r"[ \t]+to[ \t]+(?:(?:the|a|an|his|her|their|its|our|your|each|one's)[ \t]+)?(?:[\w-]+[ \t]+){0,3}?"
    r"(?:plans?|way|schedule|label|instructions|guidelines|principles|race|age|level|preferences?|standards"
    r"|tradition|protocol|script|needs?|size|type|income)\b(?![’'-])"
    # the noun ends the phrase: "according to Census Bureau income data", "according to Pew age data" name sources
    r"(?=[^\w \t]|[ \t]*$|[ \t]+(?:of|and|or|but|for|in|on|at|to|with|by|from|as|than|when|while|not)\b|[ \t]*\n)"
)
# Bare "say"/"tell" after a modal is a hypothetical or a manner of speaking, not a report ("I would
# say", "they can say whatever they want", "they must tell the American people").
MODALS = frozenset("could would can might should may must will shall cannot can't couldn't wouldn't won't".split())
MODAL_REPORTS = frozenset("say tell".split())
# Bare forms that are a plan, not a report, after "to" ("help us continue to write about ...").
NOT_AFTER_TO = frozenset(["write"])
# Set phrases in which "said", "told" or "say" reports nothing: "That being said,", "All told,", "in accordance
# with said values", "than, say, Mr. Cruz's plan" (for example), "suffice it to say", the noun "say" after a
# determiner or an adjective of amount ("had no say in", "a greater say in"; "More say in a poll that ..." is people
# saying, see source_phrases.in_set_phrase). After a possessive ("their say on") no subject is found, so no entry.
SET_PHRASE_RE = re.compile(
    r"(?i:(?:that|this)[ \t]+being[ \t]+said\b|\ball[ \t]+told,|,[ \t]*say[ \t]*,|\bwith[ \t]+said[ \t]+(?-i:[a-z])"
    r"|\bsuffice[ \t]+it[ \t]+to[ \t]+say\b|\b(?:no|a|any|the|final|more|little|equal|greater|bigger|larger|much"
    r"|real|direct)[ \t]+say[ \t]+(?:in|over|on)\b)")
# "more" before the noun "say" only after a word it can qualify; after these or at a sentence's start it is people
# ("many more say ...", "found that more say ..."); after "far", "and" or "but" it is mostly the noun ("want far more
# say in", "better pay and more say in")
MORE_PEOPLE_BEFORE = frozenset("many most that while".split())
SET_PHRASE_WORDS = frozenset("said told say".split())


# The writer's own frame before "to say"/"to tell" ("it's safe to say", "hard to tell", "a strange thing to
# say", "what he has to say"): a manner of speaking or the words themselves, not a report.
SAY_FRAMES = frozenset(
    """safe fair hard difficult easy impossible possible needless accurate enough has have had having
    thing things something anything nothing""".split())
# Cue forms that report only in some contexts (checked in source_cue_use.reports_no_one):
#   add       adding things, not words: "adding to his lead", "had added $9 trillion"
#   evidence  no finding: "showed up", "found herself", "as if it shows what happens" (no "that")
#   data      "show"/"showing"/"suggest" report data only after a data noun ("polls show", "polls suggest") or before
#             "that"; elsewhere they display or propose ("or show images of his supporters", "I would suggest")
#   quoting   "read(s)"/"reading"/"continued"/"continues" only next to the quotation they introduce or close ("“...,” read
#             the email", "a statement that read, “...”", "“...,” he continued"), not "read the report",
#             "continued to condemn", "the tone continued the next night"
#   writing   "writing" only before the quotation or that-clause it introduces (", writing on Twitter: “...”",
#             ", writing that"), not "writing a book" or "his writing"
#   naming    "called" naming a thing ("a tool called CRISPR", "who calls himself") or the noun
#             "calls" ("phone calls")
FORMS = {
    "add": frozenset("added adding adds".split()),
    "evidence": frozenset("show shows showed found finds".split()),
    "data": frozenset("show shows showing suggest".split()),
    "finding": frozenset("found finds".split()),
    "quoting": frozenset("read reads reading continued continues".split()),
    "naming": frozenset("called calls calling".split()),
    "writing": frozenset(["writing"]),
}
# What follows a "called" set off by a comma after a common noun when it names that noun, not a speaker's words: a
# name closed by punctuation ("the vaccine, called AZD1222, has", "a super PAC, called Friends of Democracy, that"),
# a short quoted title before a comma ("the farm bill, called “permanent law,” that") or a bare plural term
# ("Smaller drops, called aerosols, are"). A speaker's "called" goes on to what the thing is called ("Romney,
# R-Utah, called the slams “absurd”", "called it a stunt", "called McMaster “a man of ...”").
_CAP_WORD = r"[A-Z0-9][\w’'&-]*"
NAMED_AFTER_COMMA_RE = re.compile(
    rf"[ \t]+(?:(?:the[ \t]+)?{_CAP_WORD}(?:[ \t]+(?:of|for|on|to|the|{_CAP_WORD}))*?(?=[,;)]|\.(?:\s|$)|[ \t]+or[ \t])"
    r"|[“\"][^“”\"\n]{1,60}?(?:,[”\"]|[”\"](?=,))"
    r"|(?!(?:it|him|her|them|us|me|you|the|a|an|his|her|their|its|this|that|these|those|our|my|your)\b)"
    r"[a-z][\w-]*(?:[ \t]+[a-z][\w-]*){0,2}(?=,))")
# "calls" is the noun, not a speaker's call, after a preposition, a quantifier, a possessive or a number ("listening
# to calls to explore defunding", "Those calls came", "UNM’s calls for", "911 calls"), or before the callers
# ("calls by other Democrats for", "calls from key GOP senators")
CALLS_NOUN_BEFORE = frozenset(
    "to of about on for with amid despite in from among after over against at into by these those many several "
    "more any such no all".split())
CALLS_NOUN_AFTER = frozenset("by from".split())
POSSESSIVE_GAP_RE = re.compile(r"(?:['’]s|s['’])[ \t]+$")
# "showed" displays rather than reports after a picture ("Surveillance video showed the gunman", "Photos of Belan
# showed him", "Videos posted on social media showed passengers") and before a quality shown ("showed no signs of
# fatigue", "showed little interest", "showed no mercy"); polls, data and reports still show
SHOWED_PICTURE_BEFORE_RE = re.compile(
    r"\b(?:videos?|footage|photos?|photographs?|pictures?|images?|clips?|recordings?|tapes?|screenshots?|graphics?)\b"
    r"[^.;:!?\n“”\"]{0,45}$", re.IGNORECASE)
SHOWED_QUALITY_AFTER_RE = re.compile(
    r"[ \t]+(?:(?:no|little|few|some|any|more|initial|real|much|every|particular)[ \t]+)?(?:signs?|interest|mercy|"
    r"emotion|willingness|inclination|appetite|remorse|restraint|discipline|compassion|courage|leadership|"
    r"determination|patience)\b", re.IGNORECASE)
# "responded" of police and crews answering a call or a scene ("Deputies responded to a call", "officers responded to
# 911 calls", "responded to the scene"), not a reply to calls for something ("responded to calls for his resignation")
RESPONDED_TO_CALL_RE = re.compile(
    r"[ \t]+to[ \t]+(?:(?:a|an|the|several|multiple|numerous)[ \t]+)?(?:[\d,]+[ \t]+)?(?:(?:emergency|distress|"
    r"911)[ \t]+)?(?:calls?(?![ \t]+(?:for|from|by|to)\b)|scene|reports?[ \t]+of)\b", re.IGNORECASE)
# "deny" refusing a thing rather than a claim: before what is granted ("a judge denied a request from the ACLU",
# "decision to deny the petition", "denies key permit") or a person and what they are refused ("deny Iran a nuclear
# weapon", "deny him a first-ballot victory"); "denied the allegations", "denied any wrongdoing" still report
DENY_FORMS = frozenset("deny denies denied denying".split())
# "Tuesday evening": a day's name (and part) dates a clause, it never names a source.
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_WEEKDAYS = "(?:" + "|".join(sorted(d.capitalize() for d in WEEKDAYS)) + r")\b"
DENY_GRANT_RE = re.compile(
    r"[ \t]+(?:(?:him|her|them|us|me|you|(?!" + _WEEKDAYS + r")[A-Z][\w’'.-]*)[ \t]+(?:a|an|the)[ \t]+"
    r"|(?:(?:a|an|the|any|some|all|his|her|their|its|our|key)[ \t]+)?(?:[a-z][\w-]*[ \t]+)?(?:requests?|hearings?|"
    r"petitions?|stay|rehearing|permits?|visas?|bail|access|entry|benefits|services|funds|funding|offers?|"
    r"applications?|appeals?|motions?|due[ \t]+process|opportunit(?:y|ies)|chance|permission|licen[cs]es?|asylum|"
    r"admission|treatment|coverage)\b)")
# Words before a "called" that names rather than reports ("now called the Adrian Darya", "It's called freedom").
NAMING_BEFORE = frozenset("now formerly originally aptly it’s it's".split())
# Gerunds that, after a comma with no speaker of their own, draw an inference from the facts before them.
INFERENCE_GERUNDS = frozenset("suggesting indicating signaling signalling".split())
# Who finds as a study does: "found" without "that" reports only after them or a document noun.
FINDERS = frozenset("researchers investigators auditors authors pollsters".split())
# What follows "writing" when it reports: a quotation, perhaps after a short "on Twitter"/"in a post", or "that".
WRITING_AFTER_RE = re.compile(r"(?:[^\S\n]+(?:on|in)[^\S\n]+(?:[\w’'.@-]+[^\S\n]+){0,3}?[\w’'.@-]+)?[^\S\n]*(?:[,:][^\S\n]*[“\"]|[^\S\n]that\b)")
# "attacked" in words is a stance cue ("attacked Trump for saying"); beside another verb of violence or with a
# weapon it is a physical attack ("attacked and arrested journalists", "attacked protesters with tear gas").
ATTACKED_BODILY_RE = re.compile(
    r"(?:,?[ \t]+(?:and|or)[ \t]+(?:\w+ly[ \t]+)?(?:arrested|killed|beaten|beat|injured|wounded|robbed|raped|stabbed|shot|"
    r"abused|assaulted|kidnapped|detained)\b|[^.;:!?\n“”\"]{0,60}?\bwith[ \t]+(?:tear[ \t]+gas|pepper[ \t]+spray|"
    r"(?:a[ \t]+)?(?:knife|knives|guns?|bats?|rocks|stones|batons|clubs|weapons|machetes|hammers?|bricks)\b))")
# "repeated"/"repeats" report only before "that" or what was said ("repeated his claim", "repeated the attacks"),
# not "repeated the experiment" or the adjective ("his repeated requests")
REPEATS = frozenset("repeated repeats".split())
REPEATED_WORDS_RE = re.compile(
    r"[^\S\n]+(?:that\b|(?:his|her|their|its|the|that|a|this|those|"
    r"these)[^\S\n]+(?:claims?|contention|assertions?|accusations?|allegations?|charges?|promises?|pledge|vow|"
    r"warnings?|threats?|calls?|demands?|denial|criticism|attacks?|arguments?|insistence|message|remarks|comments|"
    r"statement|position|refrain|mantra)\b)", re.IGNORECASE)
# "offered" reports only before something said ("offered an explanation", "offered his own supportive take:
# “...”", "offered comments in support of"), not before a thing or a chance ("offered asylum", "offered the
# chance to", "plans offered through the exchange", "offered to brief"), nor "offered no details" (nothing said):
# a quotation mark, a phrase ending in a colon ("offered his own re-enactment of the decision:"), or a determiner,
# up to five words (a first object: "offered his fellow Republicans a new slogan") and a noun of class "said"
# (sourcing_nouns_v1.txt)
OFFERED_WORDS_PATTERN = (
    r"(?:[^\S\n]*[:,]?[^\S\n]*[“\"]|[^\S\n]+(?!to\b)(?:up[^\S\n]+)?(?:(?:his|her|their|its|the|a|an|some|several|this|that|"
    r"these|those|our|my|your|more|few|two|three|many|various|[a-z]+['’]s)[^\S\n]+)?(?:[\w’'-]+,?[^\S\n]+){{0,5}}?"
    r"(?:{nouns})\b|[^\S\n](?!to\b)[^.!?;:,\n“”\"]{{1,80}}:)")
# "talking about" with nothing after its "about" points back at a topic named elsewhere ("what he was talking
# about", "the ideas that he's talking about", "what we've been talking about all week"): it reports no words
STRANDED_ABOUT_RE = re.compile(
    r"[^\S\n]+about(?=[^\S\n]*(?:[.,;:!?)\]”’—–…]|\n|\Z)|"
    r"[^\S\n]+(?:and|but|or|in|on|at|here|there|for|with|when|all|"
    r"before|since|again|anymore|today|tonight|lately|recently)\b)", re.IGNORECASE)
TALKING = frozenset("talking talked talks".split())
# Bare "explain" after "help(s)" or a modal names a cause or a plan, no report ("three factors help explain
# the trend", "that could explain the suicides", "Clinton will explain how", "I can explain")
EXPLAIN_NOT_SAID_BEFORE_RE = re.compile(
    r"\b(?:help(?:s|ed|ing)?(?:[^\S\n]+to)?|could|would|can|cannot|can['’]t|might|may|must|should|will|shall|"
    r"won['’]t|[a-z]+['’]ll)(?:[^\S\n]+(?:well|also|not|\w+ly))?[^\S\n]+\Z", re.IGNORECASE)
# What follows a participle that places its noun ("a video posted on Facebook", "a report published in 2015").
PLACE_PREPS = frozenset("on in to at".split())
PLACING_PARTICIPLES = frozenset("posted published released issued uploaded shared filed written".split())
# A participle after a preposition is an adjective ("the number of confirmed cases", "for added comfort").
ADJECTIVE_AFTER = frozenset("of for with about from into".split())
# The quotation a quoting verb opens: on its line, or after a colon ending the line, in the next paragraph
# ("Cruz continued:" / "“You look at the questions ...”"); "continued" at a line's end without a colon narrates.
QUOTE_AFTER_RE = re.compile(r"[^\S\n]*(?:[,:]?[^\S\n]*|:[^\S\n]*\n\s*)(?:[“\"]|''|‘‘)")
# the speaker between may carry an aside in commas ('“...,” the statement, obtained by PEOPLE, read')
QUOTE_BEFORE_RE = re.compile(
    r"(?:[,!?.]?[”\"]|[,!?.](?:''|’’|['’]))[^\S\n]+(?:(?:[\w’'-]+[^\S\n]+){0,6}|(?:[\w’'-]+[^\S\n]+){0,3}[\w’'-]+,"
    r"(?:[^\S\n]+[\w’'-]+){1,4},[^\S\n]+)$")
REFLEXIVES = frozenset("himself herself itself themselves ourselves myself yourself".split())
OBJECT_PRONOUNS = frozenset("him her it them me us you".split())
# A participle after "is/was/been" is a passive with no speaker ("charges were dismissed", "the
# ruling was announced", "be described as"), unless an agent or a clause follows ("was first
# reported by", "it was reported that");
# being asked, accused or quoted still reports what someone said of or to the subject.
PASSIVE_CUES = frozenset("asked accused quoted".split())
# "is observed by millions": observing in the passive is watching or keeping, never a report.
PASSIVE_NEVER = frozenset(["observed"])
PASSIVE_GAP = frozenset("not never also now already first still".split())
# "claim(s)" reports only after its speaker ("Trump claims", "he falsely claimed"); after any
# other lower-case word it is the noun ("unfounded claims", "denied claims that ...").
# "notes" and "reports" likewise ("Viguerie notes", "..., reports Fox News"; not "his notes", "news reports"),
# and "states" before "that" ("He states that", "His lawyer states that"; not "those states that voted"),
# and "ruled" ("a federal appeals court ruled", "Judge Wilson ruled"; not "cities ruled by", "egalitarianism ruled").
CLAIM_FORMS = frozenset("claim claims notes reports ruled states".split())
CLAIM_SUBJECTS = frozenset("i we you he she it they who which that also now still often".split())
# A stock ticker or short aside between a company and its cue: "Apple Inc (AAPL.O) said", a poll
# share: "About half of Americans (51%) said".
# A party tag likewise, in brackets or commas: "Rep. Justin Amash (R-Mich.) said", "McKeon (R-Santa Clarita) said",
# "Sen. Rand Paul, R-Ky., told", "Sen. Lamar Alexander, R-Tenn., was denouncing", "(D-Calif.) last week said".
TICKER_BEFORE_RE = re.compile(
    r"(?:\s*\([A-Z0-9.^:%-]{1,12}\)|\s*\([RDI][-–][A-Z][\w. ]{1,20}\),?|,[ \t]*[RDI][-–][A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?,)"
    r"(?:[ \t]+(?:was|is|were|are|has|have|had|also|last|this|week|month|year|\w+ly|\w+day)){0,3}\s*$")
PASSIVE_AUX = frozenset("be is was were been being are get got gets".split())
# A noun's possessive right before a cue word, searched on the text before it ("Trump's proposed wall", "ISIS’s
# declared capital"), not a pronoun's contraction of "is"/"has" ("he’s said", "it's called").
POSSESSIVE_BEFORE_RE = re.compile(
    r"\b(?!(?:he|she|it|that|what|who|there|here|where|let)['’]s)[^\W\d_][\w.-]*(?:['’]s|s['’])[ \t]+\Z", re.IGNORECASE)
# A participle used as an adjective stands before its noun, not before a clause, a quotation, a comma, an object's
# determiner, a pronoun, a time or an adverb of the verb ("McDonald's announced Wednesday it ...", "Standard & Poor’s
# released a report", "Walmart's announced it will ...", "Trump's warned repeatedly ...").
NOUN_AFTER_RE = re.compile(
    r"[ \t]+(?!(?:that|to|as|by|in|on|at|and|or|but|a|an|the|his|her|their|its|our|this|these|those|last|today"
    r"|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|it|he|she|they|we|I|you|him|them|us|me|with|about|how|what|why|when|whether|if"
    r"|repeatedly|publicly|privately|previously|recently|already|again|twice)\b)[^\W\d_]")
# Reports a speaker makes inside a quotation ("“They say it's bad”", "“I told him no”"); the
# first and second person only in the past ("I say", "we're talking" are turns of speech). "declared" after a
# third person or name ("“Former Vice President Dick Cheney declared, ‘...’"): on the real-news dev half it adds
# reports without false cues (bench/RESULTS.md, stop 39).
QUOTED_CUES = frozenset(
    """said says say told claimed claims claim wrote writes tweeted reported announced warned denied
    insisted suggested called stated vowed declared""".split()
)
QUOTED_PAST = frozenset("said told claimed wrote tweeted reported announced warned denied insisted suggested called stated vowed".split())
FIRST_SECOND = frozenset("i we you".split())
# A pronoun's fused "’ll"/"’d" ("they’ll", "he’d"): what someone will or would say, not what they said.
FUSED_WILL_WOULD_RE = re.compile(r"[’'](?:ll|d)\b", re.IGNORECASE)
# Where a speaker's clause may open inside a quotation: after the mark, a sentence end, a comma,
# a dash, a colon or a conjunction (not after "what" or "everything that").
QUOTED_CLAUSE_START_RE = re.compile(r"(?:^|[“\"‘'.!?,;:—–…\[(]|\b(?:[Aa]nd|[Bb]ut|[Ss]o|[Tt]hen))\s*$")
# Capitalised prepositions that open a sentence with a phrase, not a name.
INTRO_PREPS = frozenset("At In On During After Before For From By With Since Under Over Amid".split())
PRESENT_AUX = frozenset("is are am".split())
# "He's been telling people", "he was saying that a year ago": a past progressive of a speech verb reports
# (of other verbs it mostly narrates: "was talking about", "had been referring to"), unless after a modal
# ("would have been saying": what was not said; MODALS above).
PAST_PROGRESSIVE_AUX = frozenset("was were been".split())
PAST_PROGRESSIVE_CUES = frozenset("saying telling claiming insisting arguing warning".split())
# Where the noun before a relative pronoun begins: not past a verb, a pronoun or "to"
# ("gave it to the local police who found ...").
RELATIVE_STOP = PASSIVE_AUX | PRONOUNS | frozenset(["to"])
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday week month year morning night
    evening afternoon weekend today yesterday january february march april may june july august
    september october november december""".split()
)
DAY_PARTS = frozenset("morning afternoon evening night".split())
TIME_PREPS = frozenset("on last this earlier late early in at".split())
# Words that end a noun phrase scanned forward.
NP_STOP = frozenset(
    """of in at from with on for to by about over after before during into than as that which who
    whom whose and or but while because when if is was were are has have had will would could can
    may might should did does do said says say told added adding saying not also, standing speaking
    according more less along amid despite against under among between through across toward towards
    without like just only even out up off down""".split()
)
# Words that may open a post-modifier of an unnamed source or a document.
POSTMOD = frozenset(
    "in at from with close familiar who inside involved briefed knowledgeable for of by on near within".split()
)
NAME_CONNECTORS = frozenset("of for de del da al bin van von la le &".split())
# Cues after which the source may follow ("..., said the source").
POSTPOSABLE = frozenset(
    """said says say write writes wrote added adds asked asks explained explains noted notes continued
    insisted insists argued argues recalled recalls warned warns stressed replied responded
    concluded declared tweeted according reported reports read reads exclaimed exclaims retorted retorts mused
    muses opined observed cautioned lamented seethed quipped""".split()
)
# Capitalised at a sentence start but not names.
SENTENCE_ADVERBS = frozenset(
    """therefore however meanwhile moreover indeed instead still now then so yet also thus hence
    but and or nevertheless nonetheless furthermore later earlier previously separately
    similarly likewise""".split()
)
# "About half of Americans said", "Just 28 percent of voters said": an approximate or limited share opens the
# phrase, it is no name.
APPROXIMATORS = frozenset("about nearly almost roughly approximately just only".split())
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
