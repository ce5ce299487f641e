"""Read news corpora in the forms they come in, one article at a time.

Inputs: folders of ``.txt`` files (first line = title), JSON Lines, CSV/TSV,
Parquet, NELA-GT SQLite releases (table ``newsdata``) and NELA-GT per-outlet
JSON files (a list of article objects, or a folder of them). Every input row
comes out either as an :class:`Article` or as a :class:`BadRow` saying why it
cannot be scored, so nothing is dropped silently. Readers stream: Parquet one
row group at a time, CSV and JSON Lines line by line, SQLite through a cursor and
JSON lists element by element, so memory does not grow with corpus size.
"""
from __future__ import annotations

import sqlite3
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import pandas as pd

from scoring.io.columns import ALIASES, record_columns, resolve_columns
from scoring.io.delimited import csv_columns, iter_csv
from scoring.io.jsonfiles import iter_json, json_columns
from scoring.io.parquet import iter_parquet, parquet_columns
from scoring.io.records import Article, BadRow, ColumnSpec, InputError, Resolved, Source
from scoring.io.rows import NotUtf8, as_text, build_article
from scoring.io.sqlite import iter_sqlite, sqlite_columns
from scoring.io.textfiles import read_txt

KINDS = {
    ".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
    ".tsv": "tsv", ".parquet": "parquet", ".pq": "parquet", ".db": "sqlite",
    ".sqlite": "sqlite", ".sqlite3": "sqlite",
}
_DELIMITERS = {"csv": ",", "tsv": "\t"}
#: The column naming a .txt file in a folder's manifest (:func:`read_manifest`).
MANIFEST_FILE = "file"


def expand_inputs(paths: Iterable[str | Path], spec: ColumnSpec | None = None) -> list[Source]:
    """Input paths as readable sources, folders expanded (sorted by file name); a
    folder's manifests (see :func:`read_manifest`) are read into its .txt sources.

    Raises :class:`InputError` naming the path when it does not exist, has an
    unsupported type, is a folder with no readable files or has a wrong manifest.
    """
    out: list[Source] = []
    for p in map(Path, paths):
        if not p.exists():
            raise InputError(f"input not found: {p}")
        if p.is_dir():
            out.extend(_folder_sources(p, spec or ColumnSpec()))
        else:
            kind = KINDS.get(p.suffix.lower())
            if kind is None:
                raise InputError(
                    f"unsupported input type {p.suffix or '(no extension)'!r}: {p}; "
                    f"expected a folder or one of {', '.join(sorted(KINDS))}"
                )
            out.append(Source(p, kind))
    return out


def _folder_sources(folder: Path, spec: ColumnSpec) -> list[Source]:
    """The readable files of one folder, its manifests read into its .txt files' sources."""
    files = [
        Source(f, KINDS[f.suffix.lower()])
        for f in sorted(folder.iterdir(), key=lambda f: f.name)
        if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in KINDS
    ]
    manifests = [s for s in files if s.kind in _DELIMITERS and is_manifest(s, spec)]
    meta: dict[str, tuple[tuple[str, str | None], ...]] = {}
    txt = {s.path.name for s in files if s.kind == "txt"}
    for m in manifests:
        for name, cells in read_manifest(m, txt):
            if name in meta:
                raise InputError(f"{name!r} is listed twice in the manifests of {folder}; keep one row per file")
            meta[name] = cells
    found = [Source(s.path, s.kind, meta.get(s.path.name, ())) for s in files if s not in manifests]
    if not found:
        raise InputError(f"no readable files in folder {folder}; expected {', '.join(sorted(KINDS))} files")
    return found


def is_manifest(source: Source, spec: ColumnSpec | None = None) -> bool:
    """True for a CSV/TSV with a ``file`` column and no text column: in a folder of .txt
    articles it gives their outlet, date and URL, it holds no articles of its own."""
    try:
        columns = [c.lower() for c in csv_columns(source.path, _DELIMITERS[source.kind])]
    except OSError:  # unreadable: prepare() says so when it reads the file as a table
        return False
    texts = {c.lower() for c in ALIASES["text"]} | ({spec.text.lower()} if spec and spec.text else set())
    return MANIFEST_FILE in columns and not texts & set(columns)


def read_manifest(source: Source, names: set[str]) -> Iterator[tuple[str, tuple[tuple[str, str | None], ...]]]:
    """(file name, its outlet/date/URL cells) per row of a manifest; ``names`` are the .txt
    files of its folder. Columns are found as in tables (``outlet``, ``source``, ``date``,
    ``published``, ``url``, ...); others (a note) are not read. Raises :class:`InputError`
    naming the manifest and line for a bad row, a file not in ``names`` or one listed twice."""
    path = source.path
    columns = csv_columns(path, _DELIMITERS[source.kind])
    file_col = next(c for c in columns if c.lower() == MANIFEST_FILE)
    res = record_columns(columns, Resolved(text=""))
    fields = [c for c in (*res.outlet, *res.date, *res.url) if c != file_col]
    seen: dict[str, int] = {}
    for line, row in iter_csv(path, _DELIMITERS[source.kind]):
        where = f"manifest {path} line {line}"
        if isinstance(row, BadRow):
            raise InputError(f"{where}: {row.reason}")
        cells = tuple((c, _manifest_cell(row, c, where)) for c in (file_col, *fields))
        name = (cells[0][1] or "").strip()
        cells = cells[1:]
        if not name:
            raise InputError(f"{where}: no file named in column {file_col!r}")
        if name not in names:
            raise InputError(f"{where}: {name!r} is not a .txt file in {path.parent}")
        if name in seen:
            raise InputError(f"{where}: {name!r} is listed twice (first on line {seen[name]})")
        seen[name] = line
        yield name, cells


def _manifest_cell(row: Mapping[str, Any], column: str, where: str) -> str | None:
    try:
        return as_text(row.get(column))
    except NotUtf8 as e:
        raise InputError(f"{where}: {e.what}: column {column!r}") from e


def source_columns(source: Source) -> list[str] | None:
    """Column names of a tabular source; for JSON the keys of its first object.
    None for ``.txt`` articles (they have no columns); ``[]`` for an empty input."""
    kind, path = source.kind, source.path
    if kind == "txt":
        return None
    if kind in _DELIMITERS:
        return csv_columns(path, _DELIMITERS[kind])
    if kind == "parquet":
        return parquet_columns(path)
    if kind == "sqlite":
        return sqlite_columns(path)
    return json_columns(path, kind)  # jsonl / json: the first object decides


def prepare(paths: Iterable[str | Path], spec: ColumnSpec | None = None) -> list[tuple[Source, Resolved | None]]:
    """Check every input before reading any: paths exist and each has a text
    column. Returns the sources with their resolved columns (None for .txt and
    empty tables). Raises :class:`InputError` or :class:`ColumnError`."""
    spec = spec or ColumnSpec()
    out: list[tuple[Source, Resolved | None]] = []
    for src in expand_inputs(paths, spec):
        try:
            found = source_columns(src)
        except (sqlite3.DatabaseError, OSError) as e:
            raise InputError(f"cannot read {src.path} as {src.kind}: {e}") from e
        except Exception as e:  # pyarrow raises its own error types for non-parquet files
            if src.kind == "parquet":
                raise InputError(f"cannot read {src.path} as parquet: {e}") from e
            raise
        if found:
            res: Resolved | None = resolve_columns(found, spec, src.path)
        elif src.kind in ("jsonl", "json"):
            # No object to take columns from, but its lines may still be bad rows to report.
            res = Resolved(text=spec.text or ALIASES["text"][0], spec=spec)
        else:
            res = None
        out.append((src, res))
    return out


def iter_articles(
    paths: Iterable[str | Path], spec: ColumnSpec | None = None, limit: int | None = None
) -> Iterator[Article | BadRow]:
    """Every row of every input, in order, as an Article or a BadRow.

    ``limit`` stops after that many rows (bad rows count: they were read).
    Inputs are checked first (see :func:`prepare`), so a missing text column
    fails before anything is yielded.
    """
    prepared = prepare(paths, spec)
    return iter_prepared(prepared, limit)


def iter_prepared(prepared: list[tuple[Source, Resolved | None]], limit: int | None) -> Iterator[Article | BadRow]:
    """The rows of inputs checked by :func:`prepare`, at most ``limit`` of them."""
    n = 0
    if limit is not None and limit <= 0:
        return
    for src, res in prepared:
        for item in iter_source(src, res):
            yield item
            n += 1
            if limit is not None and n >= limit:
                return


def _rows(source: Source, resolved: Resolved) -> Iterator[tuple[int, Any]]:
    """(line, raw row) of one tabular input, in the reader of its kind."""
    if source.kind in _DELIMITERS:
        return iter_csv(source.path, _DELIMITERS[source.kind])
    if source.kind == "parquet":
        return iter_parquet(source.path, resolved.columns())
    if source.kind == "sqlite":
        return iter_sqlite(source.path, resolved.columns())
    return iter_json(source.path, source.kind)


def iter_source(source: Source, resolved: Resolved | None) -> Iterator[Article | BadRow]:
    """Rows of one input as Articles or BadRows (``resolved`` from :func:`prepare`)."""
    file = str(source.path)
    if source.kind == "txt":
        yield read_txt(source.path, source.meta)
        return
    if resolved is None:  # empty input
        return
    stem = source.path.stem
    per_record = source.kind in ("jsonl", "json")
    cache: dict[tuple[str, ...], Resolved] = {}
    for line, rec in _rows(source, resolved):
        if isinstance(rec, BadRow):
            yield rec
        elif not isinstance(rec, Mapping):
            yield BadRow(file, line, f"not a JSON object ({type(rec).__name__})")
        else:
            res = resolved
            if per_record:  # JSON objects need not share keys: resolve each key set once
                keys = tuple(rec)
                if len(cache) > 1000:  # objects with ever-new keys: keep memory flat
                    cache.clear()
                res = cache.get(keys) or cache.setdefault(keys, record_columns(keys, resolved))
            yield build_article(rec, res, file, stem, line)


def read_articles(
    paths: Iterable[str | Path], spec: ColumnSpec | None = None, limit: int | None = None
) -> tuple[pd.DataFrame, list[BadRow]]:
    """A small corpus in memory: one row per readable article (with its text)
    and the rows that could not be read. For large corpora use :func:`iter_articles`."""
    good: list[dict[str, Any]] = []
    bad: list[BadRow] = []
    for item in iter_articles(paths, spec, limit):
        if isinstance(item, BadRow):
            bad.append(item)
        else:
            good.append(asdict(item))
    cols = [f.name for f in fields(Article)]
    return pd.DataFrame(good, columns=cols), bad
