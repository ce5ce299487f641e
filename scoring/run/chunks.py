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
from scoring.io.output import META_COLUMNS
from scoring.io.records import Article, BadRow
from scoring.model.scores import SCORE_COLUMNS

log = logging.getLogger(__name__)

#: ``predict(features, model_paths=...)`` -> the score columns, one row per article.
PredictFn = Callable[..., pd.DataFrame]


@dataclass
class ChunkResult:
    """What one chunk gives: rows in input order, their spans, and the rejects."""

    frame: pd.DataFrame
    spans: list[dict[str, Any]] = field(default_factory=list)
    errors: list[BadRow] = field(default_factory=list)


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


def _analyze_one(art: Article) -> tuple[dict[str, float], list[dict[str, Any]], str, Card] | str:
    try:
        a = analyze(art.text, art.title)
        return a.features, a.span_records(), a.read, assess(a, art.title, art.url)
    except Exception as e:  # one odd article must not stop a long run: it is reported instead
        log.debug("analysis of %s failed", art.id, exc_info=True)
        return f"analysis failed: {type(e).__name__}: {e}"


def score_chunk(articles: Sequence[Article], predict: PredictFn | None = None,
                model_paths: Sequence[str] | None = None, with_spans: bool = True) -> ChunkResult:
    """Analyse and score ``articles``; see the module docstring.

    ``predict`` (normally :func:`scoring.model.estimator.predict_scores`) adds
    ``reliability``/``bias`` and their explanations from ``model_paths`` (the
    bundled models when None); without it the rows carry features only. If the
    model fails on this chunk, its articles are listed as errors, not written unscored.
    """
    rows: list[list[Any]] = []
    texts: list[str] = []
    spans: list[dict[str, Any]] = []
    errors: list[BadRow] = []
    kept: list[Article] = []
    for art in articles:
        res = _analyze_one(art)
        if isinstance(res, str):
            errors.append(BadRow(art.file, art.line, res, art.id))
            continue
        feats, span_recs, read, card = res
        kept.append(art)
        texts.append(read)  # the wording models read what the extractors read
        values = card.values()
        rows.append([art.id, art.outlet, art.date, art.title, art.domain, art.url,
                     *(feats[n] for n in FEATURE_NAMES), *(values[n] for n in CRITERIA), card.why_json()])
        if with_spans:
            spans.extend({"id": art.id, **rec} for rec in span_recs)
    frame = pd.DataFrame(rows, columns=[*META_COLUMNS, *FEATURE_NAMES, *CARD_COLUMNS])
    if predict is not None:
        if rows:
            try:
                inputs = frame[[*FEATURE_NAMES, *CRITERIA]].assign(text=texts, title=frame["title"], url=frame["url"])
                scores = _predict(predict, inputs, model_paths)
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
    _release_free_memory()
    return ChunkResult(frame, spans, errors)


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


def _predict(predict: PredictFn, features: pd.DataFrame, model_paths: Sequence[str] | None) -> pd.DataFrame:
    scores = predict(features, model_paths=list(model_paths) if model_paths else None)
    if len(scores) != len(features):
        raise RuntimeError(f"predict_scores returned {len(scores)} rows for {len(features)} articles")
    return scores
