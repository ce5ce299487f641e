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
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from scoring.io.records import Article, BadRow
from scoring.run.chunks import ChunkResult, score_chunk

log = logging.getLogger(__name__)

CRASH_REASON = "worker process crashed while analysing this article ({})"


@dataclass
class _Lane:
    """One worker process (a pool of one) and what it still takes before it is replaced."""

    pool: ProcessPoolExecutor
    left: int | None  # batches still to hand it; at 0 it retires (None: never)
    futures: set[Future] = field(default_factory=set)


class Workers:
    """Worker processes that survive a worker dying (see the module docstring).

    Each worker is a pool of its own, so that one can be replaced by a fresh process after
    ``recycle_after`` batches while the others go on working: their caches and heap
    fragmentation otherwise grow over a long run. The fresh process starts when the old one is
    handed its last batch, so no core waits for the old one to finish; the workers' first turns
    are staggered, so they are not replaced at the same time."""

    def __init__(self, jobs: int, recycle_after: int | None = None) -> None:
        self.jobs, self.recycle_after = jobs, recycle_after
        # fork: workers inherit the lexicons and models the parent has already loaded.
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.lanes = self._new_lanes()
        self.retiring: list[_Lane] = []  # replaced, finishing the batches they were handed

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

    def _lane(self) -> _Lane:
        """The worker to take the next batch, the one with the fewest in hand; retired workers
        that are done are shut down."""
        for lane in [r for r in self.retiring if not r.futures]:
            lane.pool.shutdown(wait=True)
            self.retiring.remove(lane)
        return min(self.lanes, key=lambda lane: len(lane.futures))

    def restart(self) -> None:
        """Fresh workers, dropping whatever the old ones had in hand."""
        for lane in [*self.lanes, *self.retiring]:
            lane.pool.shutdown(wait=False, cancel_futures=True)
        self.lanes, self.retiring = self._new_lanes(), []

    def submit(self, articles: list[Article], **kw: Any) -> Future:
        lane = self._lane()
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
            if lane.left <= 0:  # its last batch: a fresh process takes its place from the next one
                self.lanes[self.lanes.index(lane)] = self._new_lane(self.recycle_after)
                self.retiring.append(lane)
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
        return ChunkResult(frame, [s for p in parts for s in p.spans], [b for p in parts for b in p.errors])

    def close(self) -> None:
        for lane in [*self.lanes, *self.retiring]:
            lane.pool.shutdown(wait=True, cancel_futures=True)


#: prctl(2) option: the signal a process gets when its parent dies (Linux).
PR_SET_PDEATHSIG = 1
#: Seconds between two looks at the parent, where prctl is not available.
WATCH_INTERVAL = 1.0


def _init_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the parent, which stops cleanly at a resume point;
    and they die with the parent: killed outright (``kill -9``), it cannot shut
    the pool down, and its workers would otherwise wait for work for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
