"""How many input rows a run has ahead of it, for a progress bar with an ETA.
Drawing the bar is the caller's business: the engines report rows done
through their ``on_progress`` callback."""
from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any, Iterable

from scoring.io.sqlite import connect, find_table, quote


def count_rows(sources: Iterable[Any], stop_above: int | None = None) -> int | None:
    """Rows in the inputs when that is cheap to know exactly (Parquet metadata,
    SQLite count, .txt files, JSON Lines newlines); None when any input is
    another kind (a CSV field may hold newlines, so its lines are not rows).
    With ``stop_above``, counting ends once the total exceeds it: the answer is
    then only known to be more than ``stop_above``."""
    total = 0
    for src in sources:
        if stop_above is not None and total > stop_above:
            break
        left = None if stop_above is None else stop_above + 1 - total
        path: Path = src.path
        if src.kind == "txt":
            total += 1
        elif src.kind == "parquet":
            import pyarrow.parquet as pq  # only here: a run over text files never loads it

            total += pq.ParquetFile(path).metadata.num_rows
        elif src.kind == "sqlite":
            total += _count_table(path, left)
        elif src.kind == "jsonl":
            total += _count_lines(path, left)
        else:
            return None
    return total


def _count_table(path: Path, at_most: int | None) -> int:
    """Rows of the SQLite input's table, up to ``at_most`` of them (all when None)."""
    con = connect(path)
    try:
        table = quote(find_table(con, path))
        if at_most is None:
            return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return con.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} LIMIT ?)", (at_most,)).fetchone()[0]
    finally:
        con.close()


def _count_lines(path: Path, at_most: int | None) -> int:
    """Non-blank lines (the JSON Lines reader skips blank ones), up to ``at_most`` of them (all when None)."""
    with open(path, "rb") as fh:
        return sum(1 for _ in islice((line for line in fh if not line.isspace()), at_most))
