"""Insertions that a group of lines shows and a single line does not: native-ad widgets.

A native-ad widget ("chumbox") pastes clickbait headlines between a story's paragraphs:
"Doctor Says Don't Cover Up Your Dark Spots - (Try This Instead)", often the same three
repeated under every "ADVERTISEMENT" marker down the page. One such line could be a story's
own subhead, so a line is marked only on two kinds of evidence at once: the headline form of
the widget (Title Case, no sentence's full stop) and a phrase of its hooks
(``features/lexicons/insertion_chumbox_v1.txt``). Phrases an advertiser uses and a news subhead
does not ("without lifting a finger") are enough with the form; generic teaser phrases
("Here's Why ...") also need the block: the same line repeated in the article, or a neighbouring
line that is an ad line or an "Advertisement" marker.

Repetition alone and runs of short lines alone were tried before and caught the story's own
structure ("VERDICT: False" six times, live-blog author names, timelines): both need the form
and the phrase here.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from .lexicons import lexicon_entries

__all__ = ["AD_LABEL", "chumbox_labels", "headline_form"]

#: The label of a widget's headline: inserted content, not the site's furniture.
AD_LABEL = "promo"
_LEXICON = "insertion_chumbox_v1.txt"
_TIERS = ("ad", "bait")
# A widget headline runs 5-20 words; a scraper runs up to three together (about 60).
_MIN_WORDS, _MAX_WORDS = 5, 60
# Share of content words capitalised in Title Case; function words may stay lower case.
_TITLE_SHARE = 0.8
_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
_SMALL = frozenset("a an and as at but by for from in into of on or the to vs via with".split())
# A sentence's full stop or a colon ends the line: prose or a lead-in, not a headline ("..." and "…" may end one).
_PROSE_END = re.compile(r"(?:(?<!\.)\.|:)[\"”’')\]]*\s*$")
_MARKER = re.compile(r"^\W*(?:advertisements?|advertising|sponsored(?: content| links?)?|promoted(?: content)?)\W*$",
                     re.I)


class _Cues(NamedTuple):
    ad: re.Pattern[str]
    bait: re.Pattern[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    """The lexicon's phrases, one alternation per tier."""
    parts: dict[str, list[str]] = {t: [] for t in _TIERS}
    for lineno, entry in lexicon_entries(_LEXICON):
        tier, _, rx = entry.partition("\t")
        if tier not in parts or not rx:
            raise ValueError(f"{_LEXICON}:{lineno}: expected 'ad|bait<TAB>regex', got {entry!r}")
        re.compile(rx)  # a bad entry is named here, not inside the alternation
        parts[tier].append(rx)
    # matched against the lower-cased line: a case-insensitive alternation is several times slower
    return _Cues(*(re.compile("|".join(f"(?:{p})" for p in parts[t])) for t in _TIERS))


def _may_be_headline(line: str) -> bool:
    """A cheap first test of the form, run on every line before any regex: most lines are prose
    that ends with a full stop."""
    end = line.rstrip("\"”’')] ")
    if not end or end[-1] == ":" or (end[-1] == "." and not end.endswith("..")):
        return False
    return line.count(" ") < 2 * _MAX_WORDS


def headline_form(line: str) -> bool:
    """True for a line in a widget headline's form: 5-60 words, content words in Title Case,
    not shouted in capitals, no sentence's full stop or colon at the end."""
    words = _WORD.findall(line)
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS or _PROSE_END.search(line):
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    if not content:
        return False
    caps = sum(w[0].isupper() or w[0].isdigit() for w in content)
    shout = sum(w.isupper() and len(w) > 1 for w in content)
    return caps >= _TITLE_SHARE * len(content) and shout * 2 < len(content)


def chumbox_labels(texts: Sequence[str], labels: list[str | None]) -> None:
    """Label the native-ad widget headlines among ``texts`` (the article's lines) in place.

    Only unlabelled lines are changed; "Advertisement" markers count as block evidence whether or
    not a line rule has marked them already.
    """
    cues = _cues()
    tier: dict[int, str] = {}
    for i, t in enumerate(texts):
        if labels[i] is not None or not _may_be_headline(t):
            continue
        low = t.lower()
        kind = "ad" if cues.ad.search(low) else "bait" if cues.bait.search(low) else None
        if kind and headline_form(t):
            tier[i] = kind
    if not tier:
        return
    counts = Counter(texts[i] for i in tier)
    ads = {i for i, k in tier.items() if k == "ad"}

    def near_ad(i: int) -> bool:
        return any(j in ads or (0 <= j < len(texts) and _MARKER.match(texts[j])) for j in (i - 1, i + 1))

    for i in sorted(tier):
        if i in ads or counts[texts[i]] >= 2 or near_ad(i):
            labels[i] = AD_LABEL
