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
from typing import Any

import pandas as pd

from scoring.io.records import Article, BadRow
from scoring.run.chunks import ChunkResult, score_chunk

log = logging.getLogger(__name__)

CRASH_REASON = "worker process crashed while analysing this article ({})"


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
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=self._ctx, initializer=_init_worker,
                                   initargs=(os.getpid(),))

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
