"""The journalistic-criteria card of one article: five of NewsGuard's criteria that can be seen in
an article's own text, each 0-100 (higher = better met) with the reason and the evidence counts.

- ``criterion_sourcing``: claims attributed to sources, named rather than anonymous, documents cited.
- ``criterion_news_opinion``: how little of the author's own voice is evaluative; full credit where
  the piece is labelled as opinion.
- ``criterion_headline``: the headline's terms and numbers borne out by the body, no clickbait form.
- ``criterion_ads``: no promotional or "READ ALSO" lines inside the body.
- ``criterion_creators``: a named author in a byline.

A criterion the text cannot tell (no headline given; a body without any page metadata, where a
missing byline says nothing) is NaN, never 0. Each score only moves one way with its evidence: more
attributions never lower sourcing, an added evaluative word never raises news/opinion, and so on;
the constants are set by reading, not fitted to any label.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .lexicons import lexicon_entries, lexicon_lines
from .pipeline import Analysis
from .text import Doc

CRITERIA: tuple[str, ...] = (
    "criterion_sourcing",
    "criterion_news_opinion",
    "criterion_headline",
    "criterion_ads",
    "criterion_creators",
)
#: Bodies shorter than this hold too little reporting to judge sourcing or voice.
MIN_WORDS = 80
#: Attributions per 100 words at which sourcing reaches 63% of its range (1 - 1/e).
ATTRIBUTION_SCALE = 1.0
#: Evaluative marks per 100 author words at which news/opinion falls to 37% (1/e).
EVALUATIVE_SCALE = 4.0
#: What an opinion piece labelled as such scores at least: it keeps news and opinion apart.
LABELLED_OPINION = 90.0
#: Points one unlabelled promotional line inside the body costs.
AD_LINE_COST = 25.0
#: Insertion labels of promotion inside the body (page furniture at the edges is not among them).
AD_LABELS = frozenset({"related", "promo", "social", "offtopic"})
#: Page-header lines whose presence shows the page's head was kept, so a missing byline is telling. A
#: dateline ("WASHINGTON —") is not among them: it opens the story itself, and scrapers that drop the
#: byline keep it.
PAGE_HEAD = frozenset({"timestamp", "headline"})

_AD_LABEL_RE = re.compile(r"^\W*(?:advertisement|sponsored|paid (?:content|post|partner)|promoted|partner content|ad)\b", re.I)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_NUMBER_RE = re.compile(r"\d[\d,.]*")
# The words I, me, my, mine, myself, we, us, our, ours, ourselves: a first letter, not after a word
# character, then the rest of a word that starts with it. Led by the character class, the regex engine
# skips in C to the next candidate letter; "\b(?:I|me|...)\b" is tried at every character (twice as slow).
_FIRST_PERSON_RE = re.compile(r"[Imwuo](?<!\w[Imwuo])(?:(?<=I)|(?<=m)(?:e|y|ine|yself)|(?<=w)e|(?<=u)s|(?<=o)ur(?:s|selves)?)\b")
_CAPS_LABEL_RE = re.compile(r"^[A-Z][A-Z ]{3,}:")
_BYLINE_PREFIX_RE = re.compile(r"^\W*(?:by|written by|story by|words by|author:?|reporting by|report by|posted by"
                               r"|additional reporting by)\s+", re.I)
_STOPWORDS = frozenset("""a an and are as at be but by for from has have he her his how in into is it its
    new not of on or over say says said she than that the their them they this to up was were what when where
    which who why will with after about more most just now out than then there these those amid""".split())


@dataclass(frozen=True)
class Criterion:
    """One criterion's score (NaN when the text cannot tell), its one-line reason and evidence counts."""

    score: float
    why: str
    evidence: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        score = None if math.isnan(self.score) else round(self.score, 1)
        return {"score": score, "why": self.why, "evidence": self.evidence}


@dataclass(frozen=True)
class Card:
    """The five criteria of one article, by column name."""

    criteria: dict[str, Criterion]

    def values(self) -> dict[str, float]:
        """Scores by column name, to 2 decimals (NaN where the text cannot tell)."""
        return {name: round(self.criteria[name].score, 2) for name in CRITERIA}

    def why_json(self) -> str:
        """The ``criteria_why`` column: reason and evidence per criterion, keyed without the prefix."""
        return json.dumps({n.removeprefix("criterion_"): self.criteria[n].as_dict() for n in CRITERIA},
                          separators=(",", ":"), ensure_ascii=False)


@lru_cache(maxsize=1)
def _clickbait() -> re.Pattern[str]:
    phrases = sorted(lexicon_lines("criteria_clickbait_v1.txt"), key=len, reverse=True)
    body = "|".join(re.escape(p).replace("'", "['’]") for p in phrases)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I)


@lru_cache(maxsize=1)
def _opinion_labels() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {"url": [], "title": [], "text": []}
    for lineno, line in lexicon_entries("criteria_opinion_labels_v1.txt"):
        where, _, pattern = line.partition("\t")
        if where not in out or not pattern:
            raise ValueError(f"criteria_opinion_labels_v1.txt line {lineno}: expected '<url|title|text>\\t<pattern>'")
        out[where].append(pattern.lower())
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _staff_re() -> re.Pattern[str]:
    words = sorted(lexicon_lines("criteria_staff_bylines_v1.txt"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


def assess(analysis: Analysis, title: str | None = None, url: str | None = None) -> Card:
    """The criteria card of one analysed article (``title`` and ``url`` as given with it)."""
    f = analysis.features
    return Card({
        "criterion_sourcing": sourcing(f),
        "criterion_news_opinion": news_opinion(analysis, title, url),
        "criterion_headline": headline(title, analysis.body),
        "criterion_ads": ads(analysis),
        "criterion_creators": creators(analysis),
    })


def sourcing(f: dict[str, float]) -> Criterion:
    """Attributions per length, lifted by named sources and cited documents."""
    words = f["word_count"]
    if words < MIN_WORDS:
        return Criterion(math.nan, f"too short to judge ({words:.0f} words)")
    rate = f["attributions_per_100_words"]
    sources, named, docs = f["distinct_sources"], f["named_sources"], f["document_sources"]
    named_share = named / sources if sources else 0.0
    score = 100.0 * (1.0 - math.exp(-rate / ATTRIBUTION_SCALE)) * (0.7 + 0.3 * named_share)
    score = min(100.0, score + 10.0 * min(docs, 2.0))
    why = (f"{rate:.1f} attributions per 100 words; {named:.0f} of {sources:.0f} sources named"
           + (f"; {docs:.0f} document(s) cited" if docs else ""))
    return Criterion(score, why, {"attributions_per_100_words": round(rate, 2), "sources": sources,
                                  "named_sources": named, "anonymous_sources": f["anonymous_sources"],
                                  "document_sources": docs})


def opinion_label(title: str | None, url: str | None, text: str) -> str | None:
    """Where the piece is labelled as opinion ("url /opinion/", "title 'Analysis:'", ...), else None."""
    labels = _opinion_labels()
    if url:
        segments = [s for s in re.split(r"[/?#]", url.lower().split("://", 1)[-1])[1:] if s]
        hit = next((s for s in segments if s in labels["url"]), None)
        if hit:
            return f"url /{hit}/"
    if title:
        head = title.strip().lower()
        hit = next((p for p in labels["title"] if re.match(rf"{re.escape(p)}\s*[:|–—-]", head)), None)
        if hit:
            return f"title '{title.strip()[:len(hit)]}:'"
    low = text.lower()
    hit = next((p for p in labels["text"] if p in low), None)
    return f"text '{hit}'" if hit else None


def _first_person_author(doc: Doc) -> int:
    return sum(1 for m in _FIRST_PERSON_RE.finditer(doc.text) if doc.voice_at(m.start(), m.end()) == "author")


def news_opinion(analysis: Analysis, title: str | None, url: str | None) -> Criterion:
    """How little of the author's voice evaluates; an opinion label earns the criterion."""
    f = analysis.features
    words = f["word_count"]
    label = opinion_label(title, url, analysis.text)
    if words < MIN_WORDS and label is None:
        return Criterion(math.nan, f"too short to judge ({words:.0f} words)")
    first = 100.0 * _first_person_author(analysis.doc) / max(words, 1.0)
    marks = {"loaded": f["loaded_per_100_words_author"], "intensifiers": f["intensifiers_per_100_words"],
             "superlatives": f["superlatives_per_100_words"], "first_person": first,
             "exclamations": f["exclamation_per_100_words"], "questions": f["question_per_100_words"]}
    rate = sum(marks.values())
    score = 100.0 * math.exp(-rate / EVALUATIVE_SCALE)
    evidence = {k: round(v, 2) for k, v in marks.items()}
    top = ", ".join(f"{k} {v:.1f}" for k, v in sorted(marks.items(), key=lambda kv: -kv[1]) if v > 0)[:80]
    why = f"{rate:.1f} evaluative marks per 100 author words" + (f" ({top})" if top else "")
    if label is not None:
        evidence["labelled_opinion"] = 1.0
        return Criterion(max(score, LABELLED_OPINION), f"labelled as opinion ({label}); {why}", evidence)
    return Criterion(score, why, evidence)


def _terms(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD_RE.findall(text) if w.lower() not in _STOPWORDS and len(w) > 2]


def headline(title: str | None, body: str) -> Criterion:
    """The headline's terms and numbers found in the body, less points for clickbait form."""
    if not title or not title.strip():
        return Criterion(math.nan, "no headline given")
    terms = set(_terms(title))
    body_low = body.lower().replace("’", "'")
    found = {t for t in terms if t[:5] in body_low}
    coverage = len(found) / len(terms) if terms else 1.0
    numbers = {n.rstrip(".,") for n in _NUMBER_RE.findall(title)}
    missing_numbers = sorted(n for n in numbers if n not in body)
    bait = [m.group(0) for m in _clickbait().finditer(title)]
    letters = [c for c in title if c.isalpha()]
    all_caps = len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8
    flags = {"clickbait_phrases": float(len(bait)), "teaser_question": float(title.rstrip().endswith("?")),
             "exclamation": float("!" in title), "all_caps": float(all_caps),
             "caps_label": float(bool(_CAPS_LABEL_RE.match(title.strip()))),
             "numbers_not_in_body": float(len(missing_numbers))}
    penalty = (25 * flags["clickbait_phrases"] + 15 * flags["teaser_question"] + 10 * flags["exclamation"]
               + 20 * flags["all_caps"] + 15 * flags["caps_label"] + 15 * flags["numbers_not_in_body"])
    score = max(0.0, min(100.0, 40.0 + 60.0 * coverage - penalty))
    reasons = [f"{len(found)} of {len(terms)} headline terms in the body"]
    reasons += [f"clickbait '{b}'" for b in bait[:2]]
    reasons += [name.replace("_", " ") for name in ("teaser_question", "exclamation", "all_caps", "caps_label")
                if flags[name]]
    if missing_numbers:
        reasons.append(f"number(s) {', '.join(missing_numbers[:3])} not in the body")
    return Criterion(score, "; ".join(reasons), {"term_coverage": round(coverage, 3), **flags})


def _insertions(analysis: Analysis) -> list[tuple[str, str]]:
    return [(s.label, analysis.text[s.start:s.end]) for s in analysis.spans if s.kind == "insertion"]


def ads(analysis: Analysis) -> Criterion:
    """Promotional and "READ ALSO" lines inside the body that are not labelled as advertising."""
    lines = [(lab, txt) for lab, txt in _insertions(analysis) if lab in AD_LABELS]
    unlabelled = [(lab, txt) for lab, txt in lines if not _AD_LABEL_RE.match(txt)]
    counts: dict[str, float] = {}
    for lab, _ in unlabelled:
        counts[lab] = counts.get(lab, 0.0) + 1.0
    score = max(0.0, 100.0 - AD_LINE_COST * len(unlabelled))
    if not unlabelled:
        why = "no promotional lines inside the body" + (f" ({len(lines)} labelled as such)" if lines else "")
    else:
        kinds = ", ".join(f"{n:.0f} {lab}" for lab, n in sorted(counts.items()))
        why = f"{len(unlabelled)} unlabelled promotional line(s) inside the body ({kinds})"
    return Criterion(score, why, {"unlabelled_lines": float(len(unlabelled)),
                                  "labelled_lines": float(len(lines) - len(unlabelled)), **counts})


def _names_a_person(byline: str) -> bool:
    rest = _staff_re().sub(" ", _BYLINE_PREFIX_RE.sub("", byline))
    names = re.findall(r"\b[A-Z][a-zA-Z'’.-]+\b", rest)
    return len(names) >= 2


def creators(analysis: Analysis) -> Criterion:
    """A byline naming a person; a staff or wire credit earns half; no byline under a kept page
    header earns nothing; a body without its page header cannot tell."""
    ins = _insertions(analysis)
    bylines = [txt.strip() for lab, txt in ins if lab in ("byline", "byline_via")]
    if any(_names_a_person(b) for b in bylines):
        b = next(b for b in bylines if _names_a_person(b))
        return Criterion(100.0, f"byline names its author ('{b[:60]}')", {"bylines": float(len(bylines))})
    if bylines:
        return Criterion(50.0, f"staff or wire credit only ('{bylines[0][:60]}')", {"bylines": float(len(bylines))})
    if any(lab in PAGE_HEAD for lab, _ in ins):
        return Criterion(0.0, "page header kept (headline or timestamp) but no author named", {"bylines": 0.0})
    return Criterion(math.nan, "no byline or page metadata in the text: not measurable here")
