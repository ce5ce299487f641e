"""Progress of a long ``relscore score`` run: a bar with articles per second and
an ETA on a terminal, plain periodic log lines otherwise (CI logs, nohup)."""
from __future__ import annotations

import logging
import sys
import time
from typing import Any, Iterable, Sequence

from tqdm import tqdm

log = logging.getLogger(__name__)

#: Seconds between log lines when stderr is not a terminal.
LOG_EVERY = 30.0


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}h{m:02d}m{s:02d}s" if h else f"{m}m{s:02d}s"


class Progress:
    """Counts articles. ``mode``: "bar" (tqdm), "log" (a line every LOG_EVERY
    seconds) or "off". ``update`` is the engines' ``on_progress`` callback."""

    def __init__(self, total: int | None, mode: str, desc: str = "scoring") -> None:
        self.total = total
        self.mode = mode
        self.n = 0
        self._t0 = time.monotonic()
        self._next_log = self._t0 + LOG_EVERY
        self._bar: Any = None
        if mode == "bar":
            self._bar = tqdm(total=total, unit="article", file=sys.stderr, mininterval=0.5,
                             desc=desc, smoothing=0.1)

    @staticmethod
    def choose_mode(quiet: bool) -> str:
        if quiet:
            return "off"
        return "bar" if sys.stderr.isatty() else "log"

    def line(self) -> str:
        """``done [of total (share)], rate articles/s[, ETA]`` as text."""
        elapsed = max(time.monotonic() - self._t0, 1e-9)
        rate = self.n / elapsed
        text = f"{self.n:,}"
        if self.total:
            text += f" of {self.total:,} ({100 * self.n / self.total:.0f}%)"
        text += f" articles, {rate:.0f}/s, {_duration(elapsed)} elapsed"
        if self.total and rate > 0 and self.n < self.total:
            text += f", ETA {_duration((self.total - self.n) / rate)}"
        return text

    def update(self, k: int = 1) -> None:
        self.n += k
        if self._bar is not None:
            self._bar.update(k)
        elif self.mode == "log" and time.monotonic() >= self._next_log:
            self._next_log = time.monotonic() + LOG_EVERY
            log.warning("progress: %s", self.line())

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def page_bar(items: Sequence[Any], what: str) -> Iterable[Any]:
    """A bar over the report pages of one kind, on a terminal only."""
    return tqdm(items, desc=what, unit="page", disable=None)
