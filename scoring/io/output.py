"""Writers for scored corpora, appended batch by batch so memory stays flat:
CSV, Parquet (parts joined at the end) or JSON Lines tables, and JSON Lines
record files (spans, errors). ``pyarrow.parquet`` is imported where a Parquet table is written
(see ``scoring.io.parquet``): a run writing CSV or JSON Lines never loads it."""
from __future__ import annotations

import json
import math
import shutil
import tempfile
from pathlib import Path
from typing import IO, Any, Iterable

import pandas as pd
import pyarrow as pa

TABLE_FORMATS = {".csv": "csv", ".parquet": "parquet", ".jsonl": "jsonl"}
#: Identity columns, always text.
META_COLUMNS = ("id", "outlet", "date", "title", "domain", "url")
# json.dumps(record, ensure_ascii=False) builds a new encoder per call; one shared
# encoder writes the same text (spans files hold many records per article).
_RECORD_ENCODER = json.JSONEncoder(ensure_ascii=False)


def table_format(path: str | Path) -> str:
    """'csv', 'parquet' or 'jsonl' from the file name; ValueError otherwise."""
    fmt = TABLE_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValueError(
            f"cannot tell the output format of {str(path)!r}; use a name ending in "
            f"{', '.join(TABLE_FORMATS)}"
        )
    return fmt


def _ensure_parent(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)


def check_folder_writable(folder: str | Path) -> None:
    """Create ``folder`` if needed and make (and drop) a file in it: raises the
    ``OSError`` a writer would meet there later (read-only, a file in the way)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:  # name the folder, not the probe's random file name
        raise OSError(e.errno, e.strerror, str(folder)) from e


class _TextTableWriter:
    """A table appended batch by batch to one text file; columns fixed at the start."""

    def __init__(self, path: str | Path, columns: list[str], append: bool = False) -> None:
        self.path = Path(path)
        self.columns = list(columns)
        _ensure_parent(self.path)
        self._fh: IO[str] | None = open(self.path, "a" if append else "w", encoding="utf-8", newline="")

    def position(self) -> int:
        """Bytes written so far, flushed to the file (a resume point)."""
        assert self._fh is not None, "writer is closed"
        self._fh.flush()
        return self._fh.tell()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class CsvTableWriter(_TextTableWriter):
    """CSV with a header, appended per batch; columns fixed by the first batch."""

    def __init__(self, path: str | Path, columns: list[str], append: bool = False) -> None:
        super().__init__(path, columns, append)
        if not append:
            pd.DataFrame(columns=self.columns).to_csv(self._fh, index=False)

    def write(self, frame: pd.DataFrame) -> None:
        assert self._fh is not None, "writer is closed"
        frame.reindex(columns=self.columns).to_csv(self._fh, index=False, header=False)


class JsonlTableWriter(_TextTableWriter):
    """One JSON object per row; missing values as null."""

    def write(self, frame: pd.DataFrame) -> None:
        assert self._fh is not None, "writer is closed"
        frame = frame.reindex(columns=self.columns)
        for rec in frame.to_dict(orient="records"):
            self._fh.write(json.dumps({k: _json_value(v) for k, v in rec.items()}, ensure_ascii=False) + "\n")


class PartsParquetWriter:
    """Parquet for long runs: each batch is first written as its own small file
    in ``parts_dir`` (complete on disk as soon as it is written, so a killed run
    can resume from it); :meth:`finish` joins the parts, in order, into ``path``
    and removes them. ``start`` continues the numbering of an earlier run's parts."""

    ROWS_PER_GROUP = 16384

    def __init__(self, path: str | Path, columns: list[str], parts_dir: str | Path, start: int = 0) -> None:
        self.path = Path(path)
        self.columns = list(columns)
        self.parts_dir = Path(parts_dir)
        self.parts = start
        self._schema: Any = None
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        if start:
            import pyarrow.parquet as pq

            self._schema = pq.read_schema(self._part(0))

    def _part(self, n: int) -> Path:
        return self.parts_dir / f"part-{n:06d}.parquet"

    def write(self, frame: pd.DataFrame) -> None:
        import pyarrow.parquet as pq

        frame = frame.reindex(columns=self.columns)
        if self._schema is None:
            self._schema = _parquet_schema(frame)
        table = pa.Table.from_pandas(frame, schema=self._schema, preserve_index=False)
        tmp = self._part(self.parts).with_suffix(".tmp")
        pq.write_table(table, tmp)
        tmp.replace(self._part(self.parts))  # a part on disk is always whole
        self.parts += 1

    def position(self) -> int:
        """Parts written so far (a resume point)."""
        return self.parts

    def finish(self) -> None:
        """Join the parts into ``path`` (row groups of about ROWS_PER_GROUP rows)."""
        import pyarrow.parquet as pq

        tmp = self.path.with_name(self.path.name + ".tmp")
        _ensure_parent(self.path)
        if self._schema is None:
            schema = pa.schema([pa.field(c, pa.string() if c in META_COLUMNS else pa.float64())
                                for c in self.columns])
            pq.write_table(schema.empty_table(), tmp)
        else:
            with pq.ParquetWriter(tmp, self._schema) as writer:
                pending: list[Any] = []
                size = 0
                for n in range(self.parts):
                    t = pq.read_table(self._part(n), schema=self._schema)
                    pending.append(t)
                    size += t.num_rows
                    if size >= self.ROWS_PER_GROUP:
                        writer.write_table(pa.concat_tables(pending), row_group_size=size)
                        pending, size = [], 0
                if pending:
                    writer.write_table(pa.concat_tables(pending), row_group_size=max(size, 1))
        tmp.replace(self.path)
        shutil.rmtree(self.parts_dir, ignore_errors=True)

    def close(self) -> None:
        """Nothing to release: parts are closed as they are written."""


def _parquet_schema(frame: pd.DataFrame) -> Any:
    """Identity columns and columns with no value yet as text; others as inferred."""
    inferred = pa.Schema.from_pandas(frame, preserve_index=False)
    return pa.schema([pa.field(f.name, pa.string()) if f.name in META_COLUMNS or pa.types.is_null(f.type) else f
                      for f in inferred])


class RecordWriter:
    """JSON Lines records. With ``lazy=True`` the file is only created when the
    first record is written (an errors file appears only when there are errors)."""

    def __init__(self, path: str | Path, lazy: bool = False, append: bool = False) -> None:
        self.path = Path(path)
        self.count = 0
        self._fh: IO[str] | None = None
        self._append = append
        if not lazy:
            self._open()

    def _open(self) -> IO[str]:
        if self._fh is None:
            _ensure_parent(self.path)
            self._fh = open(self.path, "a" if self._append else "w", encoding="utf-8")
        return self._fh

    def position(self) -> int:
        """Bytes in the file so far, flushed (0 when a lazy file was never created)."""
        if self._fh is None:
            return self.path.stat().st_size if self._append and self.path.exists() else 0
        self._fh.flush()
        return self._fh.tell()

    def write(self, record: dict[str, Any]) -> None:
        self._open().write(_RECORD_ENCODER.encode(record) + "\n")
        self.count += 1

    def write_many(self, records: Iterable[dict[str, Any]]) -> None:
        """Write several records with one call to the file (same lines as ``write``)."""
        self.write_lines(encode_records(records))

    def write_lines(self, lines: str) -> None:
        """Write records already encoded by :func:`encode_records`."""
        if lines:
            self._open().write(lines)
            self.count += lines.count("\n")

    def flush(self) -> None:
        if self._fh is not None:
            self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def encode_records(records: Iterable[dict[str, Any]]) -> str:
    """The JSON Lines text of ``records`` as :class:`RecordWriter` writes it ("" for none)."""
    lines = [_RECORD_ENCODER.encode(r) for r in records]
    return "\n".join(lines) + "\n" if lines else ""


def _json_value(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float):
        return None if math.isnan(v) or math.isinf(v) else v
    if hasattr(v, "item"):  # numpy scalar
        return _json_value(v.item())
    if v is pd.NA or v is pd.NaT:
        return None
    return v
