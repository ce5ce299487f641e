"""The local engine of ``relscore score``: stream articles in batches through
:func:`scoring.run.chunks.score_chunk` on N worker processes and write every batch,
in input order, as soon as it is done. An input that fits one batch is scored in this process.

Memory stays flat: at most ``4 * jobs + 1`` batches are held (each worker's current
and next one, those done but waiting for an earlier one to be written, and the one being
read) and nothing is kept after it is written (except article texts when an HTML report needs
them). A worker that dies is survived (:mod:`scoring.run.workers`). Every
batch written moves the resume point (:mod:`scoring.run.resume`), so a run
stopped at any moment can be continued with ``resume=True``.
"""
from __future__ import annotations

import gc
import logging
from collections import deque
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import pandas as pd

from scoring.io.corpus import iter_prepared
from scoring.io.records import Article, BadRow, Resolved, Source
from scoring.io.output import (
    CsvTableWriter, JsonlTableWriter, PartsParquetWriter, RecordWriter, check_folder_writable, table_format,
)
from scoring.run import resume
from scoring.run.chunks import Batch, ChunkResult, PredictFn, in_input_order, output_columns, score_chunk
from scoring.run.errors import OutputError, writing
from scoring.run.preload import preload_features, preload_for_workers
from scoring.run.progress import count_rows
from scoring.run.workers import Workers, raise_gc_threshold

log = logging.getLogger(__name__)

#: Articles per batch unless the caller says otherwise. A worker's memory is mostly its
#: batch's high-water mark, and on AllSides articles 128 cost no more CPU per article than 256.
BATCH_SIZE = 128
#: A worker process is replaced by a fresh one after this many batches (1,280 articles): its
#: caches and heap fragmentation otherwise grow slowly over a long run.
RECYCLE_BATCHES = 10

#: Batches held at most per worker: in its hands, and done but waiting for an earlier one.
HELD_PER_WORKER = 4
#: ``on_progress(n)``: ``n`` more input rows are done (scored, rejected or skipped).
ProgressFn = Callable[[int], None]
Prepared = Sequence[tuple[Source, Resolved | None]]


class Output:
    """The files of one run (table, spans, errors) and their resume point. Any
    ``OSError`` on them becomes an :class:`~scoring.run.errors.OutputError` naming the file."""

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
        with writing(out_path, "output"):
            if self.fmt == "parquet":
                check_folder_writable(out_path.parent)  # the parts are joined there at the end
                self.table: Any = PartsParquetWriter(out_path, columns, resume.parts_dir(out_path),
                                                     start=state.parts)
            else:
                has_rows = append and out_path.exists() and out_path.stat().st_size > 0
                cls = CsvTableWriter if self.fmt == "csv" else JsonlTableWriter
                self.table = cls(out_path, columns, append=has_rows)
        self.spans = None
        if spans_path:
            with writing(spans_path, "spans file"):
                self.spans = RecordWriter(spans_path, append=append)
        with writing(errors_path, "errors file"):
            if errors_lazy:  # created with the first error, so its folder is checked now
                check_folder_writable(errors_path.parent)
            self.errors = RecordWriter(errors_path, lazy=errors_lazy, append=append)
        # A resume point from the start: a run stopped in its first batch is cut back to here.
        self._checkpoint()

    def write(self, frame: pd.DataFrame | None, spans: list[dict[str, Any]], errors: list[BadRow],
              span_lines: str = "") -> None:
        """Write one batch: its rows, its spans (records, or ``span_lines`` already encoded) and
        its rejects; then move the resume point."""
        if errors:
            with writing(self.errors.path, "errors file"):
                self.errors.write_many([b.as_dict() for b in errors])
        if frame is not None and len(frame):
            with writing(self.out_path, "output"):
                self.table.write(frame)
        if self.spans is not None and (spans or span_lines):
            with writing(self.spans.path, "spans file"):
                if spans:
                    self.spans.write_many(spans)
                self.spans.write_lines(span_lines)
        self._checkpoint()

    def _checkpoint(self) -> None:
        with writing(self.out_path, "output"):
            out = self.table.position()
        with writing(self.errors.path, "errors file"):
            errors = self.errors.position()
        spans = 0
        if self.spans is not None:
            with writing(self.spans.path, "spans file"):
                spans = self.spans.position()
        resume.write_checkpoint(self.out_path, self.fmt, self.columns,
                                {"out": out, "spans": spans, "errors": errors})

    def finish(self) -> None:
        """The run is complete: join Parquet parts, close, drop the resume point."""
        with writing(self.out_path, "output"):
            if isinstance(self.table, PartsParquetWriter):
                self.table.finish()
        self.close()
        resume.clear(self.out_path)

    def close(self, failed: bool = False) -> None:
        """Close every file; after a failure (``failed``) a file that cannot be flushed
        is left as it is: the resume point says how much of it is whole."""
        for what, path, writer in (("output", self.out_path, self.table),
                                   ("errors file", self.errors.path, self.errors),
                                   ("spans file", self.spans.path if self.spans else None, self.spans)):
            if writer is None:
                continue
            try:
                writer.close()
            except OSError as e:
                if not failed:
                    raise OutputError(path or self.out_path, what, e) from e


@dataclass
class Counts:
    """Input rows of one run, by what became of them."""

    read: int = 0
    scored: int = 0
    rejected: int = 0
    filtered: int = 0  # dated outside since..until
    already_done: int = 0  # in the output of the run being resumed
    dates_missing: int = 0
    dates_unparseable: int = 0
    headlines_missing: int = 0


@dataclass
class RunResult:
    """What a finished run did and where it wrote it."""

    counts: Counts
    out: Path
    spans: Path | None
    errors: Path
    resumed: bool
    #: Rejected rows the errors file already listed before this run resumed it.
    earlier_rejected: int = 0
    #: Article texts by id, when the run was asked to keep them.
    texts: dict[str, str] = field(default_factory=dict)


class LocalRun:
    """One scoring job on local worker processes; see the module docstring.

    Creating it opens the output files (a fresh run empties them; ``resume``
    cuts them back to the last resume point) and raises
    :class:`~scoring.run.resume.ResumeError` when they cannot be continued;
    :meth:`run` then scores. ``counts`` is live while it runs.
    """

    def __init__(self, prepared: Prepared, out: Path, *, spans: Path | None = None,
                 errors: Path | None = None, predict: PredictFn | None = None,
                 model_paths: Sequence[str] | None = None, jobs: int = 1, batch_size: int = BATCH_SIZE,
                 resume: bool = False, since: str | None = None, until: str | None = None,
                 limit: int | None = None, keep_texts: bool = False, loaded_frozen: bool = False) -> None:
        self.prepared = prepared
        self.loaded_frozen = loaded_frozen
        self.jobs, self.batch_size, self.limit = jobs, batch_size, limit
        self.since, self.until, self.keep_texts = since, until, keep_texts
        self.spans = spans
        self.errors = errors if errors is not None else out.with_name(out.stem + ".errors.jsonl")
        self.score_kw: dict[str, Any] = {"predict": predict, "model_paths": model_paths,
                                         "with_spans": spans is not None}
        # Workers send their spans back encoded: the parent, a third process on the cores,
        # then neither unpickles nor encodes them.
        self.worker_kw = {**self.score_kw, "spans_as_lines": True}
        self.state = self._resume_state(out, resume)
        self.done = _done_prefix(self.state, out)
        # Without an errors path asked for, the default file appears only when there are errors.
        self.output = Output(out, spans, self.errors, errors_lazy=errors is None and not self.state.resumed,
                             columns=output_columns(predict is not None), state=self.state)
        self.counts = Counts()
        self.texts: dict[str, str] = {}

    def _resume_state(self, out: Path, resume_: bool) -> resume.ResumeState:
        if not resume_:
            resume.clear(out)
            return resume.ResumeState()
        state = resume.prepare_resume(out, table_format(out), self.spans, self.errors)
        if state.resumed:
            log.warning("resuming: %d articles and %d rejected rows already done in %s",
                        len(state.done_ids), len(state.done_errors), out)
        return state

    def run(self, on_progress: ProgressFn | None = None) -> RunResult:
        """Score every input row not done yet; the files are complete when it returns.
        Stopped by an exception, the files stay whole up to the last resume point."""
        jobs = 1 if self.jobs == 1 or self._one_batch() else self.jobs
        if jobs > 1:  # loaded once here, before the workers fork, and shared by all of them
            preload_features()
            preload_for_workers()
        # What is loaded by now (models, lexicons) lives through the run, so the collector need not walk it
        # on every pass; it is handed back when the run ends, unless something was frozen before the run
        # (the command line freezes its imports): unfreezing is all or nothing, so this freeze then stays.
        # Where the loader froze it already (``loaded_frozen``), nothing is left to freeze or to count
        # (counting walks every frozen object: about 0.02 s of a start).
        freeze = jobs == 1 and not self.loaded_frozen
        thaw = freeze and gc.get_freeze_count() == 0
        if freeze:
            gc.freeze()
        thresholds = raise_gc_threshold()
        finished = False
        try:
            self._score(iter_prepared(list(self.prepared), self.limit), on_progress or _no_progress, jobs)
            if self.done is not None:
                self.done.end(None)
            finished = True
        finally:
            gc.set_threshold(*thresholds)
            if thaw:
                gc.unfreeze()
            if finished:
                self.output.finish()
            else:
                self.output.close(failed=True)
        return RunResult(self.counts, self.output.out_path, self.spans, self.errors, self.state.resumed,
                         len(self.state.done_errors) if self.state.resumed else 0, self.texts)

    def _one_batch(self) -> bool:
        """True when the input rows to read (``limit`` or a cheap count) fill at most one batch: a worker
        process would score it while this one waits, so it is scored here, without the fork and the
        worker's copy-on-write page faults."""
        if self.limit is not None and self.limit <= self.batch_size:
            return True
        n = count_rows((src for src, _ in self.prepared), stop_above=self.batch_size)
        return n is not None and n <= self.batch_size

    def _write(self, batch: Batch, result: ChunkResult) -> None:
        errors = in_input_order(batch, result)
        self.output.write(result.frame, result.spans, errors, result.span_lines)
        self.counts.scored += len(result.frame)
        self.counts.rejected += len(errors)

    def _accept(self, item: Article | BadRow) -> bool:
        """Count one input item; False when it is not scored in this run."""
        c = self.counts
        c.read += 1
        if self.done is not None:
            if self.done.take(item):
                c.already_done += 1
                if self.keep_texts and isinstance(item, Article):
                    self.texts[item.id] = item.text
                return False
            if not (isinstance(item, Article) and self._outside_dates(item)):
                self.done.end(item)  # the first row still to do: the earlier run's files hold no more
                self.done = None
        if isinstance(item, BadRow):
            return True
        if item.date is None:
            c.dates_missing += 1
            c.dates_unparseable += item.date_status == "unparseable"
        elif self._outside_dates(item):
            c.filtered += 1
            return False
        if not (item.title or "").strip():
            c.headlines_missing += 1
        if self.keep_texts:
            self.texts[item.id] = item.text
        return True

    def _outside_dates(self, item: Article) -> bool:
        return item.date is not None and bool((self.since and item.date < self.since)
                                              or (self.until and item.date > self.until))

    def _score(self, items: Iterable[Article | BadRow], progress: ProgressFn, jobs: int) -> None:
        workers = Workers(jobs, RECYCLE_BATCHES) if jobs > 1 else None
        pending: deque[tuple[Batch, Future]] = deque()

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
                    self._write(b, workers.one_by_one(b.articles, **self.worker_kw))
                    progress(len(b.items))
                return
            self._write(batch, result)
            progress(len(batch.items))

        def write_done() -> None:
            while pending and pending[0][1].done():
                drain_one()

        def submit(batch: Batch) -> None:
            if workers is None:
                self._write(batch, score_chunk(batch.articles, **self.score_kw))
                progress(len(batch.items))
                return
            # Batches are handed out as workers finish, in any order, and written in input order;
            # a slow batch holds back at most HELD_PER_WORKER batches per worker behind it.
            while len(pending) >= HELD_PER_WORKER * jobs or not workers.has_room():
                if len(pending) >= HELD_PER_WORKER * jobs:
                    drain_one()
                else:
                    workers.wait_any()
                write_done()
            pending.append((batch, workers.submit(batch.articles, **self.worker_kw)))
            write_done()

        try:
            batch = Batch()
            for item in items:
                if not self._accept(item):
                    progress(1)
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


def _done_prefix(state: resume.ResumeState, out: Path) -> resume.DonePrefix | None:
    return resume.DonePrefix(state, out) if state.resumed else None


def _no_progress(n: int) -> None:
    pass


def run_local(prepared: Prepared, out: Path, *, on_progress: ProgressFn | None = None,
              **options: Any) -> RunResult:
    """Score ``prepared`` inputs (:func:`scoring.io.corpus.prepare`) into ``out``
    (.csv, .parquet or .jsonl); ``options`` are those of :class:`LocalRun`."""
    return LocalRun(prepared, Path(out), **options).run(on_progress)
