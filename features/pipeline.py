"""One pass over an article: insertions first, then every extractor on the
cleaned body, with all evidence spans mapped to the original text."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np

from .base import ArticleTransformer, Span, iter_texts
from .hedging import HEDGING_FEATURES, extract_hedging
from .insertions import FURNITURE_FEATURES, INSERTION_FEATURES, clean_doc, insertion_features
from .loaded import LOADED_FEATURES, extract_loaded
from .mark_repair import repair_marks
from .sourcing import SOURCING_FEATURES, extract_sourcing
from .style import STYLE_FEATURES, extract_style
from .text import Doc, parse

#: Feature families, in output order; reports and the model's explanations group by these.
FAMILIES: dict[str, tuple[str, ...]] = {
    "insertions": INSERTION_FEATURES,
    "furniture": FURNITURE_FEATURES,
    "hedging": HEDGING_FEATURES,
    "sourcing": SOURCING_FEATURES,
    "loaded": LOADED_FEATURES,
    "style": STYLE_FEATURES,
}
FEATURE_NAMES: tuple[str, ...] = tuple(n for names in FAMILIES.values() for n in names)


@dataclass(slots=True)
class Analysis:
    """Everything relscore measures in one article."""

    text: str
    features: dict[str, float]
    spans: list[Span] = field(default_factory=list)
    body: str = ""
    #: ``text`` as the extractors read it: export damage undone, same length (see ``repair_marks``).
    read: str = ""
    #: The segmentation the extractors read (inserted lines blanked), for readers of voice such as
    #: the criteria card; an Analysis built by hand gets its body's.
    doc: Doc | None = None

    def __post_init__(self) -> None:
        if not self.read:
            self.read = self.text
        if self.doc is None:
            self.doc = parse(self.body)

    def span_records(self) -> list[dict[str, Any]]:
        """Spans as dicts with the evidence text, in text order."""
        return [s.as_dict(self.text) for s in self.spans]


def analyze(text: str, title: str | None = None) -> Analysis:
    """Measure one article: features, evidence spans and the cleaned body."""
    if not isinstance(text, str):
        raise TypeError(f"analyze() expects the article text as str, got {type(text).__name__}")
    read = repair_marks(text)  # same length: spans found in it slice ``text`` too
    doc, ins_spans = clean_doc(read, title)
    features: dict[str, float] = dict(insertion_features(read, ins_spans))
    spans: list[Span] = list(ins_spans)
    for extract in (extract_hedging, extract_sourcing, extract_loaded):
        ex = extract(doc)
        features.update(ex.features)
        spans.extend(ex.spans)
    ex = extract_style(doc, title)
    features.update(ex.features)
    spans.extend(ex.spans)
    spans = _voice_consistent(spans)
    spans.sort(key=lambda s: (s.start, s.end, s.kind))
    body = "\n\n".join(doc.text[s:e] for s, e in doc.paragraphs)
    return Analysis(text, {n: float(features.get(n, 0.0)) for n in FEATURE_NAMES}, spans, body, read, doc)


def _voice_consistent(spans: list[Span]) -> list[Span]:
    """Drop a reported-content span that holds evidence read in the author's voice.

    The hedges and loaded words were measured as the author's (the segmentation found no
    quotation there), so a paraphrase span around them would contradict the features and
    the highlights inside it ("declared what is thought to be a deal").
    """
    own = sorted((s.start, s.end) for s in spans if s.voice == "author" and s.kind in ("hedge", "loaded", "qualifier"))
    if not own:
        return spans
    starts = [a for a, _ in own]
    out = []
    for s in spans:
        if s.kind == "quote" and s.label == "paraphrase":
            i = bisect_left(starts, s.start)
            if i < len(own) and own[i][1] <= s.end:
                continue
        out.append(s)
    return out


class ArticleFeatures(ArticleTransformer):
    """All relscore features for an iterable of article texts (one row each).

    Titles, when known, can be given as a list of the same length via ``titles``
    at transform time through :func:`analyze`; in a pipeline only the text is used.
    """

    feature_names = FEATURE_NAMES

    def _features(self, text: str) -> dict[str, float]:
        return analyze(text).features


def feature_matrix(texts: Iterable[str], titles: Iterable[str | None] | None = None) -> np.ndarray:
    """Features for many articles as a dense array (columns: FEATURE_NAMES)."""
    texts = iter_texts(texts)
    titles = list(titles) if titles is not None else [None] * len(texts)
    return np.array([[analyze(t, h).features[n] for n in FEATURE_NAMES] for t, h in zip(texts, titles)], dtype=float).reshape(len(texts), len(FEATURE_NAMES))
