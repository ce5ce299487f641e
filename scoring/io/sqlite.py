"""NELA-GT SQLite releases (table ``newsdata``, or a database's only table),
read read-only through a cursor, a page of rows at a time."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any, Iterator

from scoring.io.records import ColumnError
from scoring.io.rows import as_text

NELA_TABLE = "newsdata"
SQLITE_PAGE = 500


def quote(name: str) -> str:
    """``name`` as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection whose text cells come back as bytes."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    # Bytes, decoded per cell: a bad byte must reject its row, not abort the cursor.
    con.text_factory = bytes
    return con


def find_table(con: sqlite3.Connection, path: Path) -> str:
    """The table holding the articles: ``newsdata``, else the only table or view."""
    tables = [r[0].decode() if isinstance(r[0], bytes) else r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
    )]
    if NELA_TABLE in tables:
        return NELA_TABLE
    if len(tables) == 1:
        return tables[0]
    raise ColumnError(f"no table {NELA_TABLE!r} in {path}; tables are {tables}")


def sqlite_columns(path: Path) -> list[str]:
    """Column names of the articles table."""
    with closing(connect(path)) as con:
        table = find_table(con, path)
        return [as_text(r[1]) or "" for r in con.execute(f"PRAGMA table_info({quote(table)})")]


def iter_sqlite(path: Path, columns: list[str]) -> Iterator[tuple[int, Any]]:
    """(row number from 1, row as a dict of ``columns``) in table order."""
    con = connect(path)
    try:
        table = find_table(con, path)
        cur = con.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")
        n = 0
        # Pages of rows: SQLite steps the query as pages are fetched, so memory stays flat.
        while page := cur.fetchmany(SQLITE_PAGE):
            for row in page:
                n += 1
                yield n, dict(zip(columns, row))
    finally:
        con.close()
