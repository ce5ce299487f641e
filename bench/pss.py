"""Memory of a process tree as Linux counts it: the proportional set size (PSS) of a
process and all its descendants, read from ``/proc/<pid>/smaps_rollup``, summed, and
sampled at a fixed interval while the tree runs. PSS splits every page among the
processes that map it, so pages a forked worker shares with its parent are counted
once; the resident sizes (RSS) summed are the upper bound that counts them in every
process. Standard library only; Linux 4.14 or later."""
from __future__ import annotations

import os
import statistics
import threading
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Sample:
    """One look at a tree (KiB): PSS and RSS summed over its processes, the root's own PSS."""

    pss_kib: int
    rss_kib: int
    root_pss_kib: int
    processes: int


def descendants(pid: int) -> list[int]:
    """The ids of ``pid``'s children, their children and so on (Linux's per-thread
    ``children`` lists); a process that ends meanwhile is left out."""
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = os.listdir(PROC / str(p) / "task")
        except OSError:
            continue
        for tid in tasks:
            try:
                kids = [int(k) for k in (PROC / str(p) / "task" / tid / "children").read_text().split()]
            except OSError:
                continue
            out.extend(kids)
            todo.extend(kids)
    return out


def rollup_kib(pid: int) -> tuple[int, int] | None:
    """(PSS, RSS) of one process in KiB, or None when it is gone or cannot be read."""
    pss = rss = None
    try:
        text = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Pss:"):
            pss = int(line.split()[1])
        elif line.startswith("Rss:"):
            rss = int(line.split()[1])
    return None if pss is None or rss is None else (pss, rss)


def sample_tree(pid: int) -> Sample:
    """PSS and RSS of ``pid`` and its descendants, summed."""
    pss = rss = own = n = 0
    for p in [pid, *descendants(pid)]:
        m = rollup_kib(p)
        if m is None:
            continue
        pss, rss, n = pss + m[0], rss + m[1], n + 1
        if p == pid:
            own = m[0]
    return Sample(pss, rss, own, n)


@dataclass
class TreeSampler:
    """Samples ``pid``'s tree every ``interval`` seconds on a thread, between ``start`` and ``stop``
    (a context manager). ``samples`` keeps every look in which the tree was seen."""

    pid: int
    interval: float = 0.2
    samples: list[Sample] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pss-sampler", daemon=True)

    def _run(self) -> None:
        while True:
            s = sample_tree(self.pid)
            if s.processes:
                self.samples.append(s)
            if self._stop.wait(self.interval):
                return

    def start(self) -> "TreeSampler":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def __enter__(self) -> "TreeSampler":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def peak_mib(self) -> float:
        """The largest tree PSS seen (MiB); 0 without samples."""
        return max((s.pss_kib for s in self.samples), default=0) / 1024

    def median_mib(self) -> float:
        """The median tree PSS over the samples (MiB); 0 without samples."""
        return statistics.median(s.pss_kib for s in self.samples) / 1024 if self.samples else 0.0
