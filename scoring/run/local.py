"""The local engine of ``relscore score``: stream articles in batches through
:func:`scoring.run.chunks.score_chunk` on N worker processes and write every batch,
in input order, as soon as it is done.

Memory stays flat: at most ``jobs + 2`` batches are in flight and nothing
is kept after it is written (except article texts when an HTML report needs
them). A worker that dies (a segfault, the out-of-memory killer) breaks the
pool; the batches in flight are then re-run one article per task in a fresh
pool, so the article that kills a worker is found, listed in the errors file
with that reason, and the run goes on.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import pandas as pd

from scoring.run import resume
from scoring.run.chunks import ChunkResult, score_chunk
from scoring.io.records import Article, BadRow
from scoring.io.output import (
    CsvTableWriter, JsonlTableWriter, PartsParquetWriter, RecordWriter, table_format,
)
from scoring.run.progress import Progress

log = logging.getLogger(__name__)

CRASH_REASON = "worker process crashed while analysing this article ({})"
#: Fresh worker processes after this many batches: their caches and heap
#: fragmentation otherwise grow slowly over a long run (PSS +15% from 5k to 50k articles
#: without recycling, +7% recycling every 40 batches).
RECYCLE_BATCHES = 10


@dataclass
class Batch:
    """Input items in order: articles to score and rows already rejected."""

    items: list[Article | BadRow] = field(default_factory=list)
    n_articles: int = 0

    @property
    def articles(self) -> list[Article]:
        return [a for a in self.items if isinstance(a, Article)]


class Output:
    """The files of one run (table, spans, errors) and their resume point."""

    def __init__(self, out_path: Path, spans_path: Path | None, errors_path: Path,
                 errors_lazy: bool, columns: list[str], state: resume.ResumeState) -> None:
        self.out_path = out_path
        self.fmt = table_format(out_path)
        self.columns = columns
        append = state.resumed
        if append and state.columns is not None and state.columns != columns:
            raise resume.ResumeError(
                f"cannot resume: {out_path} has other columns than this run would write "
                f"(another model or relscore version?); run without --resume")
        if self.fmt == "parquet":
            self.table: Any = PartsParquetWriter(out_path, columns, resume.parts_dir(out_path), start=state.parts)
        else:
            has_rows = append and out_path.exists() and out_path.stat().st_size > 0
            cls = CsvTableWriter if self.fmt == "csv" else JsonlTableWriter
            self.table = cls(out_path, columns, append=has_rows)
        self.spans = RecordWriter(spans_path, append=append) if spans_path else None
        self.errors = RecordWriter(errors_path, lazy=errors_lazy, append=append)

    def write(self, frame: pd.DataFrame | None, spans: list[dict[str, Any]], errors: list[BadRow]) -> None:
        if errors:
            self.errors.write_many([b.as_dict() for b in errors])
        if frame is not None and len(frame):
            self.table.write(frame)
        if self.spans is not None and spans:
            self.spans.write_many(spans)
        resume.write_checkpoint(self.out_path, self.fmt, self.columns, {
            "out": self.table.position(),
            "spans": self.spans.position() if self.spans is not None else 0,
            "errors": self.errors.position(),
        })

    def finish(self) -> None:
        """The run is complete: join Parquet parts, close, drop the resume point."""
        if isinstance(self.table, PartsParquetWriter):
            self.table.finish()
        self.close()
        resume.clear(self.out_path)

    def close(self) -> None:
        self.table.close()
        self.errors.close()
        if self.spans is not None:
            self.spans.close()


@dataclass
class Counts:
    read: int = 0
    scored: int = 0
    rejected: int = 0
    filtered: int = 0
    already_done: int = 0
    dates_missing: int = 0
    dates_unparseable: int = 0
    headlines_missing: int = 0


class Workers:
    """A process pool that survives a worker dying (see the module docstring)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        # fork: workers inherit the lexicons and models the parent has already loaded.
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # Objects loaded so far move out of the collector's reach: its passes would
        # otherwise write to every object and copy the parent's pages into each worker.
        gc.freeze()
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=self._ctx, initializer=_ignore_sigint)

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()

    def recycle(self) -> None:
        """Replace idle workers by fresh ones (call with nothing in flight)."""
        self.pool.shutdown(wait=True)
        self.pool = self._new_pool()

    def submit(self, articles: list[Article], **kw: Any) -> Future:
        try:
            return self.pool.submit(score_chunk, articles, **kw)
        except BrokenProcessPool as e:
            # a worker died since the last submit: hand the failure to whoever collects the
            # result, which re-runs the batches in flight, this one included
            failed: Future = Future()
            failed.set_exception(e)
            return failed

    def one_by_one(self, articles: list[Article], **kw: Any) -> ChunkResult:
        """Score each article in its own task; one that kills its worker becomes an error."""
        parts: list[ChunkResult] = []
        for art in articles:
            try:
                parts.append(self.submit([art], **kw).result())
            except BrokenProcessPool as e:
                log.warning("article %s (%s line %d) crashed a worker process; listed in the errors file",
                            art.id, art.file, art.line)
                parts.append(ChunkResult(pd.DataFrame(), [], [BadRow(art.file, art.line, CRASH_REASON.format(e), art.id)]))
                self.restart()
        frames = [p.frame for p in parts if len(p.frame)]
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return ChunkResult(frame, [s for p in parts for s in p.spans], [b for p in parts for b in p.errors])

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops cleanly at a resume point."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _in_input_order(batch: Batch, result: ChunkResult) -> list[BadRow]:
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


@dataclass
class LocalEngine:
    """Runs one ``score`` job; see the module docstring."""

    output: Output
    jobs: int
    batch_size: int
    score_kw: dict[str, Any]
    state: resume.ResumeState
    since: str | None = None
    until: str | None = None
    keep_texts: bool = False
    counts: Counts = field(default_factory=Counts)
    texts: dict[str, str] = field(default_factory=dict)

    def _write(self, batch: Batch, result: ChunkResult) -> None:
        errors = _in_input_order(batch, result)
        self.output.write(result.frame, result.spans, errors)
        self.counts.scored += len(result.frame)
        self.counts.rejected += len(errors)

    def _accept(self, item: Article | BadRow) -> bool:
        """Count one input item; False when it is not scored in this run."""
        c = self.counts
        c.read += 1
        if isinstance(item, BadRow):
            if (item.file, item.line) in self.state.done_errors:
                c.already_done += 1
                return False
            return True
        if item.id in self.state.done_ids or (item.file, item.line) in self.state.done_errors:
            c.already_done += 1
            if self.keep_texts:
                self.texts[item.id] = item.text
            return False
        if item.date is None:
            c.dates_missing += 1
            c.dates_unparseable += item.date_status == "unparseable"
        elif (self.since and item.date < self.since) or (self.until and item.date > self.until):
            c.filtered += 1
            return False
        if not (item.title or "").strip():
            c.headlines_missing += 1
        if self.keep_texts:
            self.texts[item.id] = item.text
        return True

    def run(self, items: Iterable[Article | BadRow], progress: Progress) -> None:
        workers = Workers(self.jobs) if self.jobs > 1 else None
        pending: deque[tuple[Batch, Future]] = deque()
        submitted = 0

        def drain_one() -> None:
            batch, fut = pending.popleft()
            try:
                result = fut.result()
            except BrokenProcessPool as e:
                assert workers is not None
                log.warning("a worker process died (%s); re-running the %d batch(es) in flight one "
                            "article at a time to find the cause", e, len(pending) + 1)
                redo = [batch, *(b for b, _ in pending)]
                pending.clear()
                workers.restart()
                for b in redo:
                    self._write(b, workers.one_by_one(b.articles, **self.score_kw))
                    progress.update(len(b.items))
                return
            self._write(batch, result)
            progress.update(len(batch.items))

        def submit(batch: Batch) -> None:
            nonlocal submitted
            if workers is None:
                self._write(batch, score_chunk(batch.articles, **self.score_kw))
                progress.update(len(batch.items))
                return
            submitted += 1
            if submitted % RECYCLE_BATCHES == 0:
                while pending:
                    drain_one()
                workers.recycle()
            pending.append((batch, workers.submit(batch.articles, **self.score_kw)))
            while len(pending) > self.jobs + 1:
                drain_one()

        try:
            batch = Batch()
            for item in items:
                if not self._accept(item):
                    progress.update(1)
                    continue
                batch.items.append(item)
                if isinstance(item, Article):
                    batch.n_articles += 1
                    if batch.n_articles >= self.batch_size:
                        submit(batch)
                        batch = Batch()
            if batch.items:
                submit(batch)
            while pending:
                drain_one()
        finally:
            if workers is not None:
                workers.close()


def warm_up(features: bool, with_scores: bool, model_paths: Sequence[str] | None) -> None:
    """Load the lexicons (``features``) and/or the models in this process."""
    if features:
        from features import analyze

        analyze("Warm up. The minister said it may rain.", "Warm up")
    if with_scores:
        from scoring.model.scores import warm_up_models

        warm_up_models(model_paths)
