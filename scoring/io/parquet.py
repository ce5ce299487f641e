"""Parquet corpora, read one batch of one row group at a time.

``pyarrow.parquet`` is imported by the functions that read a file, not with this module: it maps
libparquet and pyarrow's cloud file systems (about 0.02 s), which a run over text files never uses.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutOfRange:
    """A cell Python cannot hold, such as a date past year 9999: the row is still
    read, and this value is no date, text or number (a date column gives an unknown date)."""

    type: str


def parquet_columns(path: Path) -> list[str]:
    """The file's column names (from its schema; no data is read)."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    try:
        return list(pf.schema_arrow.names)
    finally:
        pf.close()


def batch_records(batch: pa.RecordBatch, where: str = "") -> list[dict[str, Any]]:
    """The rows of ``batch`` as dicts of Python values; a value Python cannot hold
    (a date past year 9999, a timestamp near 2**62) becomes :class:`OutOfRange`,
    with a warning naming ``where`` (the file), instead of failing the whole batch."""
    try:
        return batch.to_pylist()
    except (OverflowError, ValueError):
        pass
    columns: dict[str, list[Any]] = {}
    for name, col in zip(batch.schema.names, batch.columns):
        try:
            columns[name] = col.to_pylist()
        except (OverflowError, ValueError):
            columns[name] = _one_by_one(col)
            bad = sum(isinstance(v, OutOfRange) for v in columns[name])
            log.warning("%s: %d value(s) of column %r beyond what Python can hold (%s); read as unknown",
                        where or "parquet", bad, name, col.type)
    return [dict(zip(columns, row)) for row in zip(*columns.values())]


def _one_by_one(col: pa.Array) -> list[Any]:
    out: list[Any] = []
    for scalar in col:
        try:
            out.append(scalar.as_py())
        except (OverflowError, ValueError):
            out.append(OutOfRange(str(col.type)))
    return out


def iter_parquet(path: Path, columns: list[str]) -> Iterator[tuple[int, Any]]:
    """(row number from 1, row as a dict of ``columns``) in file order."""
    import pyarrow.parquet as pq

    # Pages are read as needed (no pre-buffering): a file-sized row group otherwise
    # sits decoded in memory for the whole run (~90 MB for the AllSides corpus).
    pf = pq.ParquetFile(path, buffer_size=1 << 20, pre_buffer=False)
    try:
        n = 0
        # One batch reader per row group: a single iter_batches over the file
        # kept decoded batches allocated until its end (pyarrow 26), and
        # read_row_group decodes a whole (possibly file-sized) group at once.
        for g in range(pf.num_row_groups):
            for batch in pf.iter_batches(batch_size=512, columns=columns, row_groups=[g]):
                for rec in batch_records(batch, f"{path} rows {n + 1}-{n + batch.num_rows}"):
                    n += 1
                    yield n, rec
    finally:
        pf.close()
