"""Lines about people and to readers that the insertion rules must tell from the story's own
sentences: an author's biography ("Jane Doe is a reporter for ...", "Maria Mueller teaches
Government at Mason High.") and a newsroom's call-out box to readers ("Help Us Report on
Coronavirus Are you a public health worker ...?"), however long the box runs.
"""
from __future__ import annotations

import re

from .text import ENDS_SENTENCE_RE

__all__ = ["REPORTED_RE", "bio_tails", "foot_bio_surname", "is_bio", "is_callout", "is_foot_bio", "label_signed_bios",
           "named_in_heading", "names_again"]

#: A reporting verb: a sentence carrying one reports what someone said, it is not furniture.
REPORTED_RE = re.compile(r"\b(?:said|says|told|according to)\b")

# A name does not open with a function word ("On Monday, the ... reporters", "The Illinois Democrat is").
_NAME_START = r"(?!(?:On|In|At|The|This|That|These|Those|But|And|After|Before|When|While|Last|Next|For|From|With|As|It|He|She|They|We|A|An)\b)"
_NAME = r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+"
_BIO_RE = re.compile(
    rf"[—–-]?\s*{_NAME_START}(?:(?P<appos>{_NAME},\s+)|(?:[A-Z][\w.'’-]*\s+){{0,3}}[A-Z][\w'’-]+\s+"
    r"(?:is|was|has been)\s+)(?:an?|the)\s+[^.]{0,120}?\b"
    r"(?:journalist|reporter|writer|author|columnist|editor|correspondent|contributor|professor|analyst|fellow|"
    r"commentator|blogger|novelist|historian|economist|lawyer|attorney)s?\b"
    # "Jim Bennett writes a weekly column offering historical context to current events."
    r"|[—–-]?\s*" + _NAME_START + r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+\s+writes\s+an?\s+(?:[\w-]+\s+){0,3}column\b")
# After "Name, a professor at X," a biography goes on with what the person is or does ("is", "served",
# "most recently"); a story's sentence with what the person said or did ("noted", "hailed", "issued").
_APPOS_NEXT = re.compile(
    r"[^,.]*,\s+(?:(?:is|was|are|were)\s+(?:an?|the|also|now|currently|formerly)|(?:has|had)\s+(?:been|served|worked|written|covered)|"
    r"serves|served|works|worked|writes|wrote|teaches|taught|lives|lived|"
    r"resides|holds|held|leads|led|directs|covers|covered|hosts|founded|co-founded|most|previously|also|currently|formerly|and)\b")
_CLAUSE_AFTER = re.compile(r",\s+[a-z]")
# "Maria Mueller teaches Advanced Placement U.S. Government in the Mason City Schools District.": a
# teacher's line names the course or the school; "Smith teaches his students that ..." names neither.
_TEACHES_RE = re.compile(
    rf"{_NAME_START}{_NAME}\s+teaches\s+(?:[A-Z]|(?:[a-z][\w-]*\s+){{0,5}}(?:at|in)\s+(?:the\s+)?[A-Z])[^!?]{{0,160}}$")
# A call-out box: its title-case heading, then a question to the reader.
_CALLOUT_RE = re.compile(
    r"(?:Help Us Report|Tell Us|Share Your Story|Got a Tip|Have a Tip|Do You Have a Tip)\b[^.?!]{0,80}?\s+"
    r"(?:Are|Do|Have|Did|Were|Can)\s+[Yy]ou\b[^?]{0,300}\?")


# "Kassig is the third American, after journalists James Foley and Steven Sotloff, to be beheaded ...", "Housley
# is the second Fox News reporter to leave in recent weeks.": a rank in a series of events is the story's fact
# about its subject; a biography says what the person is, not where they stand in a count.
_RANK_RE = re.compile(
    r"[^,.]{0,60}?\s(?:is|was|became|becomes)\s+the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\d+(?:st|nd|rd|th)|latest|last|only|next)\b[^.;]{0,120}?\bto\s+(?:be\s+)?[a-z]+")


def is_bio(line: str) -> bool:
    """An author's biography line: "Name is a <role> ...", "Name, a <role> ...," going on with what
    the person is or does (or ending there), or "Name teaches <course> at <school>"; a reporting
    sentence about a person is not one."""
    if " teaches" in line and _TEACHES_RE.match(line):
        return not REPORTED_RE.search(line)
    m = _BIO_RE.match(line)
    if m is None or REPORTED_RE.search(line) or _RANK_RE.match(line):
        return False
    if m.group("appos") is None:
        return True
    rest = line[m.end():]
    return _APPOS_NEXT.match(rest) is not None or _CLAUSE_AFTER.search(rest) is None


# "Devin Barricklow, a freshman at Columbia University and 2015 graduate of Pennsbury High School, is ...": a
# student's year and school in apposition (the name's own comma opens it).
_STUDENT_APPOS = (r"an?\s+(?:freshman|sophomore|junior|senior|first-year|second-year|graduate|doctoral|Ph\.D\.|law|"
                  r"medical)(?:\s+student)?\s+(?:at|of|in)\s+(?:the\s+)?[A-Z][^,;]{0,100},\s+(?=is|was|has|lives|plans|studies|writes)")
# "Alexi Stocker is a Weinberg senior. He can be reached at alexistocker2016@u.northwestern.edu.": a short
# "Name is ..." sentence, then how to reach the person.
_CONTACT_BIO_RE = re.compile(
    rf"{_NAME_START}(?P<name>{_NAME})\s+(?:is|writes)\s+[^.!?]{{3,120}}[.!?]\s+(?:(?:He|She|They|[A-Z][a-z]+)\s+can\s+be\s+"
    r"(?:reached|contacted|e-?mailed)\s+(?:at|by|via|on)\b|(?:Contact|E-?mail|Reach|Write to|Follow)\s+(?:him|her|them)\b)")

# "Arthur Rizer is director of justice policy at the R Street Institute.", "Gary Kaltbaum is a registered
# investment advisor ...": a person's name, "is", and a post of an organisation or trade. Words that
# also describe anyone in a story ("a senior at Lincoln High", "a former nurse", "a member") count
# only with the organisation they belong to: "of"/"at"/"with" and a capitalised name.
_ROLE_BIO_RE = re.compile(
    rf"{_NAME_START}(?P<name>{_NAME})(?:,\s+who\s+[^,.;]{{1,60}},)?(?:,\s+{_STUDENT_APPOS}|\s+(?:is\s+(?:(?:an?|the|also)\s+)?(?:[\w-]+\s+){{0,3}}?"
    r"(?:(?i:president|director|founder|co-founder|chairman|chairwoman|chair|CEO|chief executive|fellow|"
    r"scholar|advis[eo]r|strategist|consultant|pastor|rabbi|co-host|principal)\b"
    r"|(?i:executive|host|partner|senior|former|managing|member)\b[^.,;]{0,60}?\b(?:of|at|with)\s+(?:the\s+)?[A-Z])"
    # "Susan Stamper Brown lives in Alaska and writes on culture, politics and current events."
    r"|lives in [A-Z][^.]{0,40}? and (?:writes|blogs)\b|(?:writes|blogs) (?:about|on) [a-z]"
    # "Terry McLaughlin, who lives in Nevada City, writes a twice monthly column for The Union.", "Sally
    # Andrews studies Laws at the University of Sydney and works as ...": a column, or a student's school
    r"|writes\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}column\b|writes\s+for\s+(?:the\s+)?[A-Z]"
    r"|(?:studies|is studying)\s+[^.;]{0,80}?\bat\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}(?:University|College|School)\b))")


def foot_bio_surname(line: str) -> str | None:
    """The surname of the person a contributor's biography under a story is about ("Arthur Rizer is
    director of ... at the R Street Institute." -> "Rizer"): a name, then "is" and a post, or what
    they write; None for other lines. It is a biography only if the story never names them
    (``is_foot_bio``): a closing sentence about someone in the story is the story's."""
    if " is " not in line and " writes " not in line and " blogs " not in line and " studies " not in line and ", a" not in line:
        return None
    m = _ROLE_BIO_RE.match(line) or _CONTACT_BIO_RE.match(line)
    if m is None or REPORTED_RE.search(line) or "“" in line or '"' in line:
        return None
    return m.group("name").split()[-1]


def _names(surname: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(surname)}\b", text) is not None


def is_foot_bio(line: str, story: str) -> bool:
    """A contributor's biography under the story: ``foot_bio_surname`` finds one, and ``story``
    (the rest of the article, above and below the line) never names the person."""
    surname = foot_bio_surname(line)
    return surname is not None and not _names(surname, story)


# The person a biography-like line opens with: "Jane Q. Doe is a ...", "Moser, a writer ...".
_BIO_SUBJECT = re.compile(r"[—–-]?\s*(?:[A-Z][\w.'’-]*\s+){0,3}(?P<surname>[A-Z][\w'’-]+)(?:,|\s+(?:is|was|has been|teaches)\b)")


def names_again(line: str, next_line: str) -> bool:
    """True when ``next_line`` names the person ``line`` introduces ("Moser is a writer ..." then
    "Evidently believing that Moser is ..."): the story introducing someone it goes on about, not
    an author's biography, which the story's next paragraph does not continue."""
    m = _BIO_SUBJECT.match(line)
    return m is not None and _names(m.group("surname"), next_line)


def named_in_heading(line: str, above: list[str]) -> bool:
    """True when a short heading among the lines ``above`` names the person ``line`` introduces
    ("Kate Aronoff: Less than 10 minutes ..." over "Kate Aronoff is a writing fellow ..."): a
    contributor's section in a page of several writers, closed by the contributor's biography."""
    m = _BIO_SUBJECT.match(line)
    return m is not None and any(len(t.split()) <= 15 and not ENDS_SENTENCE_RE.search(t) and _names(m.group("surname"), t)
                                 for t in above)


def is_callout(line: str) -> bool:
    """A newsroom's call-out box asking readers for tips or stories ("Help Us Report on Coronavirus
    Are you a public health worker ...?"), told apart from prose by its title-case heading."""
    return "?" in line and _CALLOUT_RE.match(line) is not None


def label_foot_bios(texts: list[str], labels: list[str | None], sizes: list[int], first: int) -> None:
    """Label "bio" a contributor's biography among the page's last lines ("Arthur Rizer is director of ...
    at the R Street Institute."), once the single-line labels are known: only below the story's last
    paragraph, never among the first ``first`` lines, and only about someone the rest of the story, above or
    below, never names (the byline and other furniture left out, which name the author)."""
    n = len(texts)
    for i in range(n - 1, max(first, n - 8) - 1, -1):
        t = texts[i]
        if labels[i] is None and _story_paragraph(t, sizes[i]):
            break  # a story's paragraph: the lines above it are the story's, whoever they introduce
        if labels[i] is not None or sizes[i] > 80 or not foot_bio_surname(t):
            continue
        rest = "\n".join(texts[j] for j in range(n) if j != i and labels[j] is None)
        if is_foot_bio(t, rest):
            labels[i] = "bio"


def _story_paragraph(line: str, n_words: int) -> bool:
    """A full sentence of some length that is not itself a contributor's line."""
    return n_words >= 15 and ENDS_SENTENCE_RE.search(line) is not None and foot_bio_surname(line) is None


# A writer's signature under the story: "Staff Writer; Lloyd Marcus", "— Jane Q. Doe", "By John Smith": a
# short line that ends on a personal name (a title before it, no sentence after it).
_SIGNATURE_RE = re.compile(
    r"^(?:[—–-]+\s*|By\s+|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}\s*[;:|,]\s*)?"
    r"(?P<first>[A-Z][a-z’'-]+)\s+(?:[A-Z]\.\s+)?(?P<last>[A-Z][\w’'-]*[a-z][\w’'-]*)$")
# What a biography under a signature says: "Lloyd is singer/songwriter of ... and author of ...", or a post
# with no verb, "Chairman of The Campaign to Defeat Barack Obama.".
_POST_FRAGMENT_RE = re.compile(
    r"^(?:(?:Former|Founding|Co-|Senior|Executive|Managing|National)\s*)?(?i:chairman|chairwoman|chair|president|founder"
    r"|co-founder|director|editor|author|publisher|host|CEO|spokesman|spokeswoman)\s+(?:and\s+[\w-]+\s+)?"
    r"(?:of|at)\s+(?:the\s+)?[A-Z][^.!?]{0,120}[.!]?$")


def _signature(text: str) -> tuple[str, str] | None:
    m = _SIGNATURE_RE.match(text) if len(text) <= 60 else None
    return (m.group("first"), m.group("last")) if m else None


def label_signed_bios(texts: list[str], labels: list[str | None], sizes: list[int]) -> None:
    """Label "bio" the lines under a writer's signature at the page's foot ("Staff Writer; Lloyd Marcus")
    that say who the writer is: a sentence opening with the writer's first name or surname and "is"
    ("Lloyd is singer/songwriter of ..."), or a post with no verb ("Chairman of The Campaign to ...").
    Only below the story's paragraphs, among the page's last six lines, within three lines of the signature."""
    n = len(texts)
    for s in range(max(1, n - 6), n - 1):
        names = _signature(texts[s]) if labels[s] is None or "byline" in (labels[s] or "") else None
        if names is None or not any(labels[k] is None and sizes[k] >= 15 for k in range(s)):
            continue
        # a heading naming the story's subject ("President Trump" over "Trump was a winner ..."): the story
        # above names that person; a writer's signature names someone the story does not
        if _names(names[1], "\n".join(texts[k] for k in range(s) if labels[k] is None)):
            continue
        opener = re.compile(rf"(?:{re.escape(names[0])}|{re.escape(names[1])})\s+(?:is|was|has\s+been)\s+[^\"“”]{{3,300}}$")
        found = [j for j in range(s + 1, n) if labels[j] is None and sizes[j] <= 60 and not REPORTED_RE.search(texts[j])
                 and (opener.match(texts[j]) or _POST_FRAGMENT_RE.match(texts[j]))]
        # the signature closes the page: every unlabelled line below it is one of its biography's lines
        if found and found[-1] - s <= 3 and len(found) == sum(labels[j] is None for j in range(s + 1, n)):
            for j in found:
                labels[j] = "bio"


_SENTENCE_START = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[A-Z])")


def bio_tails(texts: list[str], labels: list[str | None]) -> list[tuple[int, int, int]]:
    """(line index, start, end) of a writer's biography run onto the end of a story's paragraph ("...
    Plainly put, Sharia subjugates women ... Hank Hanegraaff is president of the Christian Research
    Institute, and host of ..."): the closing sentence(s) introduce, by a post, the person whom a line
    labelled "bio" on the same page is about, and whom the story's own text names nowhere else."""
    bio_names = {m.group("surname") for t, lab in zip(texts, labels) if lab == "bio" and (m := _BIO_SUBJECT.match(t))}
    if not bio_names:
        return []
    out = []
    for i, t in enumerate(texts):
        if labels[i] is not None or not any(name in t for name in bio_names):
            continue
        for m in _SENTENCE_START.finditer(t):
            tail = t[m.end():]
            surname = foot_bio_surname(tail) if len(tail.split()) <= 60 else None
            if surname in bio_names:
                story = "\n".join([t[:m.start()]] + [x for j, x in enumerate(texts) if j != i and labels[j] is None])
                if not _names(surname, story):
                    out.append((i, m.end(), len(t.rstrip())))
                break
    return out
