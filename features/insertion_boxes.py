"""Sign-up, donation and notice boxes that a scraper ran into one long line of the article.

A box can run to 120 words, beyond the 40 the promotion cues of ``features.insertion_rules``
read, so it is told from a paragraph by what a written paragraph does not do: repeat its blurb
(desktop and mobile copies), or hold two different sign-up or notice cues ("Get the Slatest in
Your Inbox ... By signing up, you agree to our Privacy Policy ... Sign Up").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

__all__ = ["BOX_WORDS", "box_label", "has_box_word", "picker_words", "repeats_a_sentence"]

#: A scraped box runs its parts into one line of up to this many words.
BOX_WORDS = 120


# A form's select list run into the box ("Choose your country United States of America Afghanistan Albania ..."):
# thirty capitalised words in a row with no sentence between them are the list's options, not prose.
# (Each word is taken whole, possessively: with a free split of "McDonald" the engine would try every split of
# every word of a 29-word run before giving up.)
_PICKER_RE = re.compile(r"(?:(?:(?=[\w'’.-]*[A-Z])[\w'’.-]++|and|of|the|[(),&])\s++){30,}")


def picker_words(line: str) -> int:
    """Words of the select lists (runs of 30 or more capitalised words) in a line: a line with one is
    read as a box, whatever its length."""
    return sum(len(m.group().split()) for m in _PICKER_RE.finditer(line))


class CueRule(Protocol):
    """What a promotion cue rule offers here: its label and its pattern."""

    @property
    def label(self) -> str: ...

    @property
    def pattern(self) -> re.Pattern[str]: ...


def has_box_word(line: str) -> bool:
    """True when the line holds a sign-up, inbox, newsletter or notice word: a long line with none
    (and no repeated blurb) is no box, decided before any cue scan."""
    # A word every such box holds (its sign-up, inbox, newsletter, e-mail or notice cue), looked for in the
    # lower-cased line by substring tests: faster than one alternation of them (which the engine tries at
    # nearly every letter) and, many times over, than a case-insensitive one.
    low = line.lower()
    return ("sign" in low or "inbox" in low or "newsletter" in low or "subscri" in low or "email" in low
            or "e-mail" in low or "third party" in low or "to respond" in low or "donat" in low or "member" in low
            or "editor" in low)


def box_label(line: str, core: str, cued: set[int], rules: Sequence[CueRule], repeated: bool) -> str | None:
    """The label of a long line that is a scraped box, else None: its blurb repeated and a cue in
    it, or two different non-social cues outside a quotation (one cue in a paragraph of 40 words
    or more is the story reporting on newsletters or sign-ups). ``cued``: the indices of the rules
    whose trigger the line holds; ``core``: the line without its edge punctuation; ``repeated``:
    ``repeats_a_sentence(line)``, which the caller has already asked."""
    if repeated:
        hits = [rules[i].label for i in sorted(cued) if rules[i].pattern.search(core)]
        return hits[0] if hits else None
    # a quoted scene may mention a mailing list and a text-to-join number; a biography's
    # "Follow him on Twitter" is no second cue
    boxed = sorted(i for i in cued if rules[i].label != "social")
    if len(boxed) < 2 or line.startswith(("“", '"')):
        return None
    hits = [rules[i].label for i in boxed if rules[i].pattern.search(core)]
    return hits[0] if len(hits) >= 2 else None


def repeats_a_sentence(line: str) -> bool:
    """True when a run of eight words occurs twice in the line: a scraped sign-up or donation
    box repeats its blurb (desktop and mobile copies), a written paragraph does not."""
    words = line.lower().split()
    pairs = list(zip(words, words[1:]))
    if len(pairs) - len(set(pairs)) < 7:
        return False  # a run repeated repeats its seven word pairs: most paragraphs repeat fewer, decided here
    keys = list(zip(*(words[k:] for k in range(8))))
    if len(set(keys)) == len(keys):
        return False  # no run occurs twice (most paragraphs): decided without the loop
    first: dict[tuple[str, ...], int] = {}
    for i, key in enumerate(keys):
        if key in first and i - first[key] >= 8:
            return True
        first.setdefault(key, i)
    return False
