"""The per-chunk work of ``relscore score``, shared by every engine.

A chunk is a list of :class:`~scoring.io.corpus.Article`; scoring it gives the
output rows (identity columns, every feature, the model scores), the evidence
span records and the articles that could not be analysed. The local engine runs
it in worker processes, the Dask engine inside ``map_partitions``; both call
:func:`score_chunk`, so they give the same rows.
"""
from __future__ import annotations

import ctypes
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import pandas as pd

from features import FEATURE_NAMES, analyze
from features.criteria import CRITERIA, Card, assess
from scoring.io.output import META_COLUMNS, encode_records
from scoring.io.records import Article, BadRow
from features.text import Doc
from scoring.model.lean import author_voice
from scoring.model.scores import LEAN_SPANS, SCORE_COLUMNS

log = logging.getLogger(__name__)

#: ``predict(features, model_paths=..., docs=...)`` -> the score columns, one row per article, and
#: with ``docs`` (each article's segmentation) a ``lean_spans`` column of evidence spans.
PredictFn = Callable[..., pd.DataFrame]


@dataclass
class ChunkResult:
    """What one chunk gives: rows in input order, their spans, and the rejects."""

    frame: pd.DataFrame
    spans: list[dict[str, Any]] = field(default_factory=list)
    errors: list[BadRow] = field(default_factory=list)
    #: The spans as JSON Lines text instead (``spans`` then empty), when asked for: one string
    #: crosses from a worker process far cheaper than thousands of dicts, and is written as it is.
    span_lines: str = ""


@dataclass
class Batch:
    """Input items in order: articles to score and rows already rejected."""

    items: list[Article | BadRow] = field(default_factory=list)
    n_articles: int = 0

    @property
    def articles(self) -> list[Article]:
        return [a for a in self.items if isinstance(a, Article)]


def in_input_order(batch: Batch, result: ChunkResult) -> list[BadRow]:
    """Reader rejects and analysis failures of one batch, in input order."""
    failed = {(b.file, b.line): b for b in result.errors}
    out: list[BadRow] = []
    for item in batch.items:
        if isinstance(item, BadRow):
            out.append(item)
        elif (item.file, item.line) in failed:
            out.append(failed.pop((item.file, item.line)))
    out.extend(failed.values())  # cannot happen, but never lose one
    return out


#: The criteria card's columns: one score per criterion, then the reasons and evidence as JSON.
CARD_COLUMNS = (*CRITERIA, "criteria_why")


def output_columns(with_scores: bool) -> list[str]:
    """Columns of the output table, in order."""
    return [*META_COLUMNS, *FEATURE_NAMES, *CARD_COLUMNS, *(SCORE_COLUMNS if with_scores else ())]


def model_view(doc: Doc) -> Doc:
    """The part of ``doc`` the model stage reads (its texts and quotation regions, see
    :func:`scoring.model.lean.quote_ranges`), held for a whole batch in place of the full
    segmentation, whose token lists are most of a worker's memory (~300 bytes a word)."""
    return Doc(original=doc.original, text=doc.text, paragraphs=[], sentences=[], tokens=[], quotes=doc.quotes)


def _analyze_one(art: Article) -> tuple[dict[str, float], list[dict[str, Any]], str, Card, Doc] | str:
    try:
        a = analyze(art.text, art.title)
        return a.features, a.span_records(), a.read, assess(a, art.title, art.url), a.doc
    except Exception as e:  # one odd article must not stop a long run: it is reported instead
        log.debug("analysis of %s failed", art.id, exc_info=True)
        return f"analysis failed: {type(e).__name__}: {e}"


def score_chunk(articles: Sequence[Article], predict: PredictFn | None = None,
                model_paths: Sequence[str] | None = None, with_spans: bool = True,
                spans_as_lines: bool = False) -> ChunkResult:
    """Analyse and score ``articles``; see the module docstring.

    ``predict`` (normally :func:`scoring.model.scores.predict_scores`) adds
    ``reliability``/``bias``/``lean`` and their explanations from ``model_paths``
    (the bundled models when None), and the lean evidence spans; without it the rows
    carry features only. If the model fails on this chunk, its articles are listed
    as errors, not written unscored. ``spans_as_lines``: the spans come as the JSON Lines
    text of ``span_lines`` (as :func:`scoring.io.output.encode_records` writes them).
    """
    rows: list[list[Any]] = []
    texts: list[str] = []
    spans: list[list[dict[str, Any]]] = []  # per kept article
    errors: list[BadRow] = []
    kept: list[Article] = []
    docs: list[Doc] = []
    for art in articles:
        res = _analyze_one(art)
        if isinstance(res, str):
            errors.append(BadRow(art.file, art.line, res, art.id))
            continue
        feats, span_recs, read, card, doc = res
        kept.append(art)
        docs.append(model_view(doc))
        texts.append(read)  # the wording models read what the extractors read
        values = card.values()
        rows.append([art.id, art.outlet, art.date, art.title, art.domain, art.url,
                     *(feats[n] for n in FEATURE_NAMES), *(values[n] for n in CRITERIA), card.why_json()])
        spans.append([{"id": art.id, **rec} for rec in span_recs] if with_spans else [])
    frame = pd.DataFrame(rows, columns=[*META_COLUMNS, *FEATURE_NAMES, *CARD_COLUMNS])
    if predict is not None:
        if rows:
            try:
                # the lean model reads the author's voice: the extractors' text, inserted lines and quotations blanked
                inputs = frame[[*FEATURE_NAMES, *CRITERIA]].assign(
                    text=texts, title=frame["title"], url=frame["url"],
                    author_text=[author_voice(t, d) for t, d in zip(texts, docs)])
                scores = _predict(predict, inputs, model_paths, docs)
                if with_spans and LEAN_SPANS in scores:
                    for own, art, found in zip(spans, kept, scores[LEAN_SPANS]):  # after the article's own
                        own.extend({"id": art.id, **s.as_dict(art.text)} for s in found)
                scores = scores.drop(columns=[LEAN_SPANS], errors="ignore")
            except Exception as e:  # listed, never dropped: every row is scored or in the errors
                log.debug("model scoring failed", exc_info=True)
                reason = f"model scoring failed: {type(e).__name__}: {e}"
                errors.extend(BadRow(a.file, a.line, reason, a.id) for a in kept)
                spans = []
                frame = frame.iloc[0:0]
                scores = pd.DataFrame(columns=list(SCORE_COLUMNS))
        else:
            scores = pd.DataFrame(columns=list(SCORE_COLUMNS))
        frame = pd.concat([frame.reset_index(drop=True), scores.reset_index(drop=True)], axis=1)
    records = [rec for own in spans for rec in own]
    if spans_as_lines:
        records, lines = [], encode_records(records)
    else:
        lines = ""
    _release_free_memory()
    return ChunkResult(frame, records, errors, lines)


def _release_free_memory() -> None:
    """Hand freed heap pages back to the system (glibc keeps them otherwise), so a
    long run's resident memory tracks what is in use, not its high-water mark."""
    global _TRIM
    if _TRIM is None:
        try:
            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):  # not glibc: nothing to do
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM: Any = None


def _predict(predict: PredictFn, features: pd.DataFrame, model_paths: Sequence[str] | None,
             docs: Sequence[Doc]) -> pd.DataFrame:
    scores = predict(features, model_paths=list(model_paths) if model_paths else None, docs=docs)
    if len(scores) != len(features):
        raise RuntimeError(f"predict_scores returned {len(scores)} rows for {len(features)} articles")
    return scores
