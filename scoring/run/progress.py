"""How many input rows a run has ahead of it, for a progress bar with an ETA.
Drawing the bar is the caller's business: the engines report rows done
through their ``on_progress`` callback."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from scoring.io.sqlite import connect, find_table, quote


def count_rows(sources: Iterable[Any]) -> int | None:
    """Rows in the inputs when that is cheap to know exactly (Parquet metadata,
    SQLite count, .txt files, JSON Lines newlines); None when any input is
    another kind (a CSV field may hold newlines, so its lines are not rows)."""
    total = 0
    for src in sources:
        path: Path = src.path
        if src.kind == "txt":
            total += 1
        elif src.kind == "parquet":
            import pyarrow.parquet as pq  # only here: a run over text files never loads it

            total += pq.ParquetFile(path).metadata.num_rows
        elif src.kind == "sqlite":
            con = connect(path)
            try:
                total += con.execute(f"SELECT COUNT(*) FROM {quote(find_table(con, path))}").fetchone()[0]
            finally:
                con.close()
        elif src.kind == "jsonl":
            total += _count_lines(path)
        else:
            return None
    return total


def _count_lines(path: Path) -> int:
    """Non-blank lines (the JSON Lines reader skips blank ones)."""
    with open(path, "rb") as fh:
        return sum(1 for line in fh if not line.isspace())
