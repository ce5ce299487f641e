"""CSV and TSV corpora, streamed record by record (a quoted field may span lines).

Quotes are read strictly: a quote that is never closed would otherwise swallow the
rows after it into one field. When a record breaks the rules and the lines after its
first one read as whole rows on their own, the first line is the culprit (its quote
is not closed): it is listed as a bad row and the lines after it are read again.
"""
from __future__ import annotations

import csv
import logging
import sys
from collections import deque
from pathlib import Path
from typing import Any, Iterator, TextIO

from scoring.io.records import BadRow, InputError
from scoring.io.textfiles import open_text

log = logging.getLogger(__name__)


def csv_columns(path: Path, delimiter: str) -> list[str]:
    """The header's column names (``[]`` for an empty file). Raises
    :class:`InputError` when the header cannot be decoded (not UTF-8, or UTF-16
    without a byte-order mark)."""
    try:
        with open_text(path) as fh:
            header = next(csv.reader(fh, delimiter=delimiter), None)
    except UnicodeDecodeError as e:
        raise InputError(f"cannot read {path}: its header is not {e.encoding} ({e.reason})") from e
    header = [h.strip() for h in header] if header else []
    joined = "".join(header)
    if "\x00" in joined:
        raise InputError(f"{path} line 1 holds NUL characters: it looks like UTF-16 without a byte-order "
                         "mark; save it as UTF-8")
    if any("\udc80" <= c <= "\udcff" for c in joined):
        raise InputError(f"{path} line 1 (the header) is not UTF-8; save the file as UTF-8")
    return header


def _set_csv_field_limit() -> None:
    # Default limit is 128 KB per field; article texts can be megabytes.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


class _Lines:
    """The lines of a file, numbered, for ``csv.reader``: it keeps the lines of the
    record being read so that they can be read again (:meth:`again`)."""

    def __init__(self, fh: TextIO) -> None:
        self.fh = fh
        self.n = 0
        self.pending: deque[tuple[int, str]] = deque()
        self.record: list[tuple[int, str]] = []

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        if self.pending:
            item = self.pending.popleft()
        else:
            text = next(self.fh)  # StopIteration at the end of the file
            self.n += 1
            item = (self.n, text)
        self.record.append(item)
        return item[1]

    def again(self, lines: list[tuple[int, str]]) -> None:
        """Read ``lines`` again before the rest of the file."""
        self.pending.extendleft(reversed(lines))


def _whole_rows(lines: list[tuple[int, str]], delimiter: str, width: int, share: float = 1.0) -> bool:
    """True when ``lines`` read on their own as at least one row and nothing else, at least
    ``share`` of those rows with ``width`` fields (the last row may run on past them: it is
    read again in full)."""
    reader = csv.reader((t for _, t in lines), delimiter=delimiter, strict=True)
    rows = fitting = 0
    try:
        for row in reader:
            rows += 1
            fitting += len(row) == width
    except csv.Error as e:
        # Only a quote still open where the lines end is allowed: that row is read again in full.
        if "unexpected end of data" not in str(e):
            return False
        if rows == 0:
            return len(lines) == 1
    return rows > 0 and fitting >= share * rows


def iter_csv(path: Path, delimiter: str) -> Iterator[tuple[int, Any]]:
    """(line, row as a dict) per record, empty cells as None; a malformed record
    comes as (line, BadRow). Lines count from 1 with the header."""
    _set_csv_field_limit()
    file = str(path)
    with open_text(path) as fh:
        lines = _Lines(fh)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as e:
            yield 1, BadRow(file, 1, f"malformed CSV header: {e}; file not read")
            return
        if not header:
            return
        header = [h.strip() for h in header]
        while True:
            lines.record = []
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as e:
                yield lines.n + 1, BadRow(file, lines.n + 1, f"not {e.encoding} ({e.reason}); rest of file not read")
                return
            except csv.Error as e:
                yield _rejected(lines, file, delimiter, len(header), f"malformed CSV: {e}")
                continue
            if not row:  # blank line: not a row
                continue
            start, end = lines.record[0][0], lines.record[-1][0]
            if len(row) != len(header):
                yield _rejected(lines, file, delimiter, len(header),
                                f"malformed CSV: {len(row)} fields, header has {len(header)}")
                continue
            if end > start and _whole_rows(lines.record[1:], delimiter, len(header)):
                log.warning("%s line %d: a quoted field runs to line %d, and the lines inside it read as "
                            "whole rows; if its quote should have closed on line %d, rows were merged",
                            file, start, end, start)
            yield start, {h: (v if v != "" else None) for h, v in zip(header, row)}


def _rejected(lines: _Lines, file: str, delimiter: str, width: int, reason: str) -> tuple[int, BadRow]:
    """The BadRow of a malformed record; when its quote swallowed whole rows, only its
    first line is rejected and the lines after it are read again."""
    record = lines.record
    start, end = record[0][0], record[-1][0]
    # Most lines after the first read as rows: the first opened a stray quote. A row among them
    # with a wrong field count is rejected on its own line when they are read again.
    if end > start and _whole_rows(record[1:], delimiter, width, share=0.5):
        lines.again(record[1:])
        return start, BadRow(file, start, f"malformed CSV: the quote opened on line {start} is not closed "
                                          f"(it ran to line {end}); line {start} not read, the lines after it are")
    return start, BadRow(file, start, f"{reason} (lines {start}-{end})" if end > start else reason)
