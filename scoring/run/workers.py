"""A process pool for :func:`scoring.run.chunks.score_chunk` that survives a
worker dying: a segfault or the out-of-memory killer breaks the pool, and the
batches in flight are then re-run one article per task in a fresh pool, so the
article that kills a worker is found and listed with that reason. Workers die
with the process that started them, even when it is killed outright."""
from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from scoring.io.records import Article, BadRow
from scoring.run.chunks import ChunkResult, score_chunk

log = logging.getLogger(__name__)

CRASH_REASON = "worker process crashed while analysing this article ({})"
#: Batches a worker holds at once: the one it scores and the next, so it never waits for the parent.
IN_HAND = 2


@dataclass
class _Lane:
    """One worker process (a pool of one) and what it still takes before it is replaced."""

    pool: ProcessPoolExecutor
    left: int | None  # batches still to hand it; at 0 it retires (None: never)
    futures: set[Future] = field(default_factory=set)


class Workers:
    """Worker processes that survive a worker dying (see the module docstring).

    Each worker is a pool of its own, holding at most ``IN_HAND`` batches (the one it scores
    and the next), so that one can be replaced by a fresh process after ``recycle_after``
    batches while the others go on working: their caches and heap fragmentation otherwise grow
    over a long run. A worker is replaced once it has finished its last batch, and the workers'
    first turns are staggered, so they are not replaced at the same time."""

    def __init__(self, jobs: int, recycle_after: int | None = None) -> None:
        self.jobs, self.recycle_after = jobs, recycle_after
        # fork: workers inherit the lexicons and models the parent has already loaded.
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.lanes = self._new_lanes()

    def _new_lanes(self) -> list[_Lane]:
        step = (self.recycle_after or 0) // self.jobs
        return [self._new_lane(None if self.recycle_after is None else self.recycle_after - i * step)
                for i in range(self.jobs)]

    def _new_lane(self, left: int | None) -> _Lane:
        # Objects loaded so far move out of the collector's reach: its passes would
        # otherwise write to every object and copy the parent's pages into each worker.
        gc.freeze()
        pool = ProcessPoolExecutor(max_workers=1, mp_context=self._ctx, initializer=_init_worker,
                                   initargs=(os.getpid(),))
        return _Lane(pool, left)

    def _open_lanes(self) -> list[_Lane]:
        """The workers that take batches, after replacing those done with their last one."""
        for i, lane in enumerate(self.lanes):
            if lane.left is not None and lane.left <= 0 and not lane.futures:
                lane.pool.shutdown(wait=True)
                self.lanes[i] = self._new_lane(self.recycle_after)
        return [lane for lane in self.lanes if lane.left is None or lane.left > 0]

    def has_room(self) -> bool:
        """True when a worker can take a batch now (see ``submit``)."""
        return any(len(lane.futures) < IN_HAND for lane in self._open_lanes())

    def wait_any(self) -> None:
        """Wait until a batch in hand is done (at once when none is)."""
        running = [f for lane in self.lanes for f in list(lane.futures)]
        if running:
            wait(running, return_when=FIRST_COMPLETED)

    def restart(self) -> None:
        """Fresh workers, dropping whatever the old ones had in hand."""
        for lane in self.lanes:
            lane.pool.shutdown(wait=False, cancel_futures=True)
        self.lanes = self._new_lanes()

    def submit(self, articles: list[Article], **kw: Any) -> Future:
        """Hand ``articles`` to the open worker with the fewest batches in hand (one that has
        room when ``has_room``; otherwise the batch waits in that worker's queue)."""
        lane = min(self._open_lanes() or self.lanes, key=lambda lane: len(lane.futures))
        try:
            fut = lane.pool.submit(score_chunk, articles, **kw)
        except BrokenProcessPool as e:
            # a worker died since the last submit: hand the failure to whoever collects the
            # result, which re-runs the batches in flight, this one included
            failed: Future = Future()
            failed.set_exception(e)
            return failed
        lane.futures.add(fut)
        fut.add_done_callback(lane.futures.discard)
        if lane.left is not None:
            lane.left -= 1
        return fut

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
        return ChunkResult(frame, [s for p in parts for s in p.spans], [b for p in parts for b in p.errors],
                           "".join(p.span_lines for p in parts))

    def close(self) -> None:
        for lane in self.lanes:
            lane.pool.shutdown(wait=True, cancel_futures=True)


#: The cyclic collector's first threshold while articles are scored (CPython's default is 700). An
#: article allocates tens of thousands of containers that their reference counts free, so at 700 the
#: collector passes over them dozens of times an article, and its older generations' passes walk the
#: run's growing caches of word types each time. Collecting less often changes no output.
SCORING_GC_THRESHOLD = 20_000


def raise_gc_threshold() -> tuple[int, int, int]:
    """Raise the collector's first threshold to ``SCORING_GC_THRESHOLD`` (left alone when automatic
    collection is off, a threshold of 0, or already higher); returns the thresholds before."""
    before = gc.get_threshold()
    if 0 < before[0] < SCORING_GC_THRESHOLD:
        gc.set_threshold(SCORING_GC_THRESHOLD, *before[1:])
    return before


#: prctl(2) option: the signal a process gets when its parent dies (Linux).
PR_SET_PDEATHSIG = 1
#: Seconds between two looks at the parent, where prctl is not available.
WATCH_INTERVAL = 1.0


def _init_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the parent, which stops cleanly at a resume point;
    and they die with the parent: killed outright (``kill -9``), it cannot shut
    the pool down, and its workers would otherwise wait for work for ever. A worker only
    scores, so its collector keeps the scoring threshold for its whole life."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise_gc_threshold()
    if not _kill_me_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), name="relscore-watch-parent", daemon=True).start()
    elif os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _kill_me_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """The portable fallback: an orphan is adopted by another process, so its parent id changes."""
    while os.getppid() == parent:
        time.sleep(WATCH_INTERVAL)
    os._exit(1)
