"""CSV and TSV corpora, streamed record by record (a quoted field may span lines)."""
from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any, Iterator

from scoring.io.records import BadRow
from scoring.io.textfiles import open_text


def csv_columns(path: Path, delimiter: str) -> list[str]:
    """The header's column names (``[]`` for an empty file)."""
    with open_text(path) as fh:
        header = next(csv.reader(fh, delimiter=delimiter), None)
    return [h.strip() for h in header] if header else []


def _set_csv_field_limit() -> None:
    # Default limit is 128 KB per field; article texts can be megabytes.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


def iter_csv(path: Path, delimiter: str) -> Iterator[tuple[int, Any]]:
    """(line, row as a dict) per record, empty cells as None; a malformed record
    comes as (line, BadRow). Lines count from 1 with the header."""
    _set_csv_field_limit()
    file = str(path)
    with open_text(path) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header = next(reader, None)
        if not header:
            return
        header = [h.strip() for h in header]
        last = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield last + 1, BadRow(file, last + 1, f"malformed CSV: {e}")
                last = reader.line_num
                continue
            start, last = last + 1, reader.line_num
            if not row:  # blank line: not a row
                continue
            if len(row) != len(header):
                yield start, BadRow(file, start, f"malformed CSV: {len(row)} fields, header has {len(header)}")
                continue
            yield start, {h: (v if v != "" else None) for h, v in zip(header, row)}
