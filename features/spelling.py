"""Spelling: whether a lower-case word is English, by a word list plus regular inflections,
derivations and prefixes. A word the list lacks is not a typo when a rule reaches a listed
form ("stopped" from "stop"); known misspellings are taken out first, so no rule can re-admit
them ("goverment" is not "gover" + "-ment"). Style counts typos with it; the loaded-language
model keeps typos from seeding a span.
"""
from __future__ import annotations

from functools import lru_cache

from .lexicons import lexicon_lines

# Inflection and derivation rules: (suffix, replacement); tried when a word is not listed.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"), ("ily", "y"), ("iness", "y"),
    ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"),
    ("ly", ""), ("ly", "le"), ("er", ""), ("er", "e"), ("ers", ""), ("ers", "e"), ("est", ""),
    ("ness", ""), ("ment", ""), ("ments", ""), ("ism", ""), ("isms", ""), ("ist", ""), ("ists", ""),
    ("able", ""), ("able", "e"), ("ity", ""), ("ize", ""), ("izes", ""), ("ized", ""),
    ("ization", "ize"), ("isation", "ise"), ("ation", "e"), ("ation", ""), ("ful", ""), ("less", ""),
)
_PREFIXES = (
    "un", "re", "non", "pre", "anti", "over", "under", "counter", "co", "de", "dis", "mis", "sub",
    "inter", "multi", "post", "pro", "semi", "self", "out", "ultra", "mega", "super", "mid", "ex",
    "cross", "trans", "neo", "pseudo", "quasi", "hyper", "micro", "macro", "mini", "bi", "tri",
)


@lru_cache(maxsize=1)
def word_list() -> frozenset[str]:
    """Lower-case English word forms (see the header of style_wordlist_v1.txt)."""
    return frozenset(lexicon_lines("style_wordlist_v1.txt"))


@lru_cache(maxsize=1)
def misspellings() -> frozenset[str]:
    """Known misspellings taken out of the word list (see style_misspellings_v1.txt)."""
    return frozenset(lexicon_lines("style_misspellings_v1.txt"))


@lru_cache(maxsize=65536)
def is_known_word(word: str) -> bool:
    """True if ``word`` (lower case) or a regular inflection/derivation of a listed word."""
    wl = word_list()
    if word in wl:
        return True
    bad = misspellings()
    if word in bad or word[:-1] in bad or word[:-2] in bad:  # 'goverment', 'goverments'
        return False
    if _known_by_suffix(word, wl):
        return True
    for p in _PREFIXES:
        rest = word[len(p):]
        if word.startswith(p) and len(rest) >= 3 and (rest in wl or _known_by_suffix(rest, wl)):
            return True
    return False


def _known_by_suffix(word: str, wl: frozenset[str]) -> bool:
    for suf, rep in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 2:
            stem = word[: len(word) - len(suf)]
            if stem + rep in wl:
                return True
            # doubled final consonant: "stopped" -> "stop", "biggest" -> "big"
            if not rep and len(stem) >= 3 and stem[-1] == stem[-2] and stem[:-1] in wl:
                return True
    return False
