"""The records a corpus read yields and the errors that stop one: an input
file (:class:`Source`), the columns asked for and found (:class:`ColumnSpec`,
:class:`Resolved`), and each row as an :class:`Article` or a :class:`BadRow`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


class InputError(ValueError):
    """An input path that does not exist or cannot be read as a corpus."""


class ColumnError(ValueError):
    """A required column (the text) is not in an input, or an override names no column."""


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """Column names given on the command line; ``None`` means "try the aliases"."""

    text: str | None = None
    title: str | None = None
    id: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    """The columns an input actually uses; several are tried for date and outlet."""

    text: str
    title: tuple[str, ...] = ()
    id: str | None = None
    outlet: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    url: tuple[str, ...] = ()
    spec: ColumnSpec = ColumnSpec()

    def columns(self) -> list[str]:
        """Every column read, each once, in a stable order."""
        out: list[str] = []
        for name in (self.text, *self.title, self.id, *self.outlet, *self.date, *self.url):
            if name is not None and name not in out:
                out.append(name)
        return out


@dataclass(frozen=True, slots=True)
class Source:
    """One readable input file and how to read it; ``meta`` holds the (column, value) cells
    a folder's manifest gives a ``.txt`` article (its outlet, date, URL)."""

    path: Path
    kind: str
    meta: tuple[tuple[str, str | None], ...] = ()


@dataclass(slots=True)
class Article:
    """One readable article. ``date`` is ``YYYY-MM-DD`` or None; ``date_status``
    says whether a missing date was absent or present but unreadable."""

    id: str
    text: str
    title: str | None
    outlet: str | None
    domain: str | None
    url: str | None
    date: str | None
    date_status: str  # "ok" | "missing" | "unparseable"
    file: str
    line: int


@dataclass(slots=True)
class BadRow:
    """An input row that cannot be scored. ``line`` is 1-based: the line in the
    file for text formats (CSV counts its header as line 1), the row or element
    number for Parquet, SQLite and JSON lists, 1 for a ``.txt`` article."""

    file: str
    line: int
    reason: str
    id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"file": self.file, "line": self.line}
        if self.id is not None:
            d["id"] = self.id
        d["reason"] = self.reason
        return d
