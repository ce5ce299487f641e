"""Reading back what the writers wrote (and tables in the same forms): a
scores table by its extension, and JSON Lines record files such as spans."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import pandas as pd

from scoring.io.output import META_COLUMNS

#: Table formats read, by file extension.
READ_FORMATS = {
    ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl",
}
SPAN_COLUMNS = ("id", "start", "end", "kind", "label", "voice", "text")


def read_table(path: str | Path, what: str = "table") -> pd.DataFrame:
    """A table by its extension (.csv, .tsv, .parquet or .jsonl), identity
    columns as text so ids such as "0001" keep their zeros. ``what`` names the
    file in errors (e.g. "SCORES"): FileNotFoundError when it does not exist,
    ValueError when its extension is not a table's."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{what} file {str(path)!r} does not exist")
    suffix = path.suffix.lower()
    fmt = READ_FORMATS.get(suffix)
    if fmt is None:
        raise ValueError(
            f"{what} file {str(path)!r} has extension {suffix!r}; use {', '.join(sorted(READ_FORMATS))}"
        )
    text_columns = {c: str for c in META_COLUMNS}
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt in ("csv", "tsv"):
        return pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", dtype=text_columns,
                           keep_default_na=False, na_values=[""])
    if path.stat().st_size == 0:  # no rows, not even a header to take columns from
        return pd.DataFrame()
    return pd.read_json(path, lines=True, dtype=text_columns, convert_dates=False)


def read_records(path: str | Path, columns: Iterable[str] = SPAN_COLUMNS) -> pd.DataFrame:
    """A JSON Lines record file (spans by default, or errors) as a frame with
    at least ``columns`` (an empty file gives an empty frame)."""
    p = Path(path)
    rows = []
    if p.exists():
        with open(p, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    frame = pd.DataFrame(rows)
    for c in columns:
        if c not in frame.columns:
            frame[c] = pd.Series(dtype=object)
    return frame
