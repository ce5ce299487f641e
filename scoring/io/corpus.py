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

import csv
import json
import logging
import re
import sqlite3
import sys
from contextlib import closing
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, TextIO

from scoring.io.dates import is_missing, iso_date
from scoring.io.outlets import domain_from_url, looks_like_domain, normalize_domain

log = logging.getLogger(__name__)

#: Column names tried, in order, for each field when no override is given.
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "content_original", "article", "full_text"),
    "title": ("title", "headline"),
    "id": ("id", "ID", "article_id", "uuid"),
    "outlet": ("outlet", "source", "source_name", "publisher", "site", "domain"),
    "date": ("date", "published", "published_utc", "publish_date", "datetime", "timestamp"),
    "url": ("url", "link"),
}
FIELDS = tuple(ALIASES)

KINDS = {
    ".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
    ".tsv": "tsv", ".parquet": "parquet", ".pq": "parquet", ".db": "sqlite",
    ".sqlite": "sqlite", ".sqlite3": "sqlite",
}
NELA_TABLE = "newsdata"

# Undecodable bytes, kept as lone surrogates by errors="surrogateescape".
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
_NONSPACE = re.compile(r"\S")


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
    """One readable input file and how to read it."""

    path: Path
    kind: str


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


class _NotUtf8(ValueError):
    pass


# -- inputs and columns -------------------------------------------------------

def expand_inputs(paths: Iterable[str | Path]) -> list[Source]:
    """Input paths as readable sources, folders expanded (sorted by file name).

    Raises :class:`InputError` naming the path when it does not exist, has an
    unsupported type, or is a folder with no readable files.
    """
    out: list[Source] = []
    for p in map(Path, paths):
        if not p.exists():
            raise InputError(f"input not found: {p}")
        if p.is_dir():
            found = [
                Source(f, KINDS[f.suffix.lower()])
                for f in sorted(p.iterdir(), key=lambda f: f.name)
                if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in KINDS
            ]
            if not found:
                raise InputError(
                    f"no readable files in folder {p}; expected {', '.join(sorted(KINDS))} files"
                )
            out.extend(found)
        else:
            kind = KINDS.get(p.suffix.lower())
            if kind is None:
                raise InputError(
                    f"unsupported input type {p.suffix or '(no extension)'!r}: {p}; "
                    f"expected a folder or one of {', '.join(sorted(KINDS))}"
                )
            out.append(Source(p, kind))
    return out


def resolve_columns(found: list[str], spec: ColumnSpec, path: Path | str) -> Resolved:
    """Pick the columns to read among ``found``: overrides first, then aliases
    (exact name, then case-insensitive). Raises :class:`ColumnError` when there
    is no text column or an override names a column that is not there."""
    for fld in FIELDS:
        override = getattr(spec, fld)
        if override is not None and override not in found:
            raise ColumnError(
                f"column {override!r} (--{fld}-column) not found in {path}; columns are {found}"
            )
    chosen = _choose(found, spec)
    if not chosen["text"]:
        raise ColumnError(
            f"no text column in {path}; columns are {found}; expected one of "
            f"{list(ALIASES['text'])} or pass --text-column NAME"
        )
    return _resolved(chosen, chosen["text"][0], spec)


def _choose(found: Iterable[str], spec: ColumnSpec) -> dict[str, tuple[str, ...]]:
    """Candidate columns per field: the override, else aliases present in
    ``found`` (exact names first, then case-insensitive matches)."""
    found = list(found)
    lower = {c.lower(): c for c in reversed(found)}
    chosen: dict[str, tuple[str, ...]] = {}
    for fld in FIELDS:
        override = getattr(spec, fld)
        if override is not None:
            chosen[fld] = (override,)
            continue
        names = [a for a in ALIASES[fld] if a in found]
        names += [lower[a.lower()] for a in ALIASES[fld] if a.lower() in lower]
        chosen[fld] = tuple(dict.fromkeys(names))
    return chosen


def _record_columns(keys: Iterable[str], base: Resolved) -> Resolved:
    """Columns of one JSON object; its text falls back to the file's text key
    (absent -> the row is rejected as "no text")."""
    chosen = _choose(keys, base.spec)
    return _resolved(chosen, chosen["text"][0] if chosen["text"] else base.text, base.spec)


def _resolved(chosen: dict[str, tuple[str, ...]], text: str, spec: ColumnSpec) -> Resolved:
    return Resolved(
        spec=spec,
        text=text,
        title=chosen["title"][:1],
        id=chosen["id"][0] if chosen["id"] else None,
        outlet=chosen["outlet"],
        date=chosen["date"],
        url=chosen["url"][:1],
    )


def source_columns(source: Source) -> list[str] | None:
    """Column names of a tabular source; for JSON the keys of its first object.
    None for ``.txt`` articles (they have no columns); ``[]`` for an empty input."""
    kind, path = source.kind, source.path
    if kind == "txt":
        return None
    if kind in ("csv", "tsv"):
        with _open_text(path) as fh:
            header = next(csv.reader(fh, delimiter="\t" if kind == "tsv" else ","), None)
        return [h.strip() for h in header] if header else []
    if kind == "parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        try:
            return list(pf.schema_arrow.names)
        finally:
            pf.close()
    if kind == "sqlite":
        with closing(_connect(path)) as con:
            table = _sqlite_table(con, path)
            return [_as_text(r[1]) or "" for r in con.execute(f"PRAGMA table_info({_quote(table)})")]
    with closing(_iter_json_source(source)) as rows:  # jsonl / json: first object decides
        for _line, rec in rows:
            if isinstance(rec, dict):
                return [str(k) for k in rec]
    return []


def prepare(paths: Iterable[str | Path], spec: ColumnSpec | None = None) -> list[tuple[Source, Resolved | None]]:
    """Check every input before reading any: paths exist and each has a text
    column. Returns the sources with their resolved columns (None for .txt and
    empty tables). Raises :class:`InputError` or :class:`ColumnError`."""
    spec = spec or ColumnSpec()
    out: list[tuple[Source, Resolved | None]] = []
    for src in expand_inputs(paths):
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


# -- reading ------------------------------------------------------------------

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
    n = 0
    if limit is not None and limit <= 0:
        return
    for src, res in prepared:
        for item in iter_source(src, res):
            yield item
            n += 1
            if limit is not None and n >= limit:
                return


def iter_source(source: Source, resolved: Resolved | None) -> Iterator[Article | BadRow]:
    """Rows of one input as Articles or BadRows (``resolved`` from :func:`prepare`)."""
    file = str(source.path)
    if source.kind == "txt":
        yield _read_txt(source.path)
        return
    if resolved is None:  # empty input
        return
    stem = source.path.stem
    if source.kind in ("csv", "tsv"):
        rows: Iterator[tuple[int, Any]] = _iter_csv(source.path, "\t" if source.kind == "tsv" else ",")
    elif source.kind == "parquet":
        rows = _iter_parquet(source.path, resolved.columns())
    elif source.kind == "sqlite":
        rows = _iter_sqlite(source.path, resolved.columns())
    else:
        rows = _iter_json_source(source)
    per_record = source.kind in ("jsonl", "json")
    cache: dict[tuple[str, ...], Resolved] = {}
    for line, rec in rows:
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
                res = cache.get(keys) or cache.setdefault(keys, _record_columns(keys, resolved))
            yield _build(rec, res, file, stem, line)


def read_articles(
    paths: Iterable[str | Path], spec: ColumnSpec | None = None, limit: int | None = None
) -> tuple["pandas.DataFrame", list[BadRow]]:  # noqa: F821
    """A small corpus in memory: one row per readable article (with its text)
    and the rows that could not be read. For large corpora use :func:`iter_articles`."""
    import pandas as pd

    good: list[dict[str, Any]] = []
    bad: list[BadRow] = []
    for item in iter_articles(paths, spec, limit):
        if isinstance(item, BadRow):
            bad.append(item)
        else:
            good.append(asdict(item))
    cols = [f.name for f in fields(Article)]
    return pd.DataFrame(good, columns=cols), bad


# -- row -> article -----------------------------------------------------------

def _as_text(value: Any) -> str | None:
    """A cell as text: None for empty cells, bytes decoded, numbers as written."""
    if value is None:
        return None
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError as e:
            raise _NotUtf8(str(e)) from e
    if isinstance(value, str):
        if _NOT_UTF8.search(value):
            raise _NotUtf8("undecodable bytes")
        return value
    if isinstance(value, float):
        if value != value:  # NaN: an empty cell from pandas-written files
            return None
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return str(value)
    return None


def _first(rec: Mapping[str, Any], cols: tuple[str, ...]) -> str | None:
    for c in cols:
        v = _as_text(rec.get(c))
        if v is not None and v.strip():
            return v.strip()
    return None


def _build(rec: Mapping[str, Any], res: Resolved, file: str, stem: str, line: int) -> Article | BadRow:
    raw_id = rec.get(res.id) if res.id else None
    try:
        art_id = _as_text(raw_id)
    except _NotUtf8:
        return BadRow(file, line, "not UTF-8")
    art_id = art_id.strip() if art_id and art_id.strip() else None
    raw_text = rec.get(res.text)
    if raw_text is not None and not isinstance(raw_text, (str, bytes, float)):
        return BadRow(file, line, f"text is not a string ({type(raw_text).__name__})", art_id)
    try:
        text = _as_text(raw_text)
        title = _first(rec, res.title)
        outlet = _first(rec, res.outlet)
        url = _first(rec, res.url)
    except _NotUtf8:
        return BadRow(file, line, "not UTF-8", art_id)
    if isinstance(raw_text, float) and text is not None:  # a number is not an article
        return BadRow(file, line, "text is not a string (float)", art_id)
    if text is None or not _NONSPACE.search(text):
        return BadRow(file, line, "no text", art_id)
    date, status = _date_of(rec, res.date)
    domain = domain_from_url(url) or (normalize_domain(outlet) if looks_like_domain(outlet) else None)
    return Article(
        id=art_id or f"{stem}-{line}",
        text=text,
        title=title,
        outlet=outlet or domain,
        domain=domain,
        url=url,
        date=date,
        date_status=status,
        file=file,
        line=line,
    )


def _date_of(rec: Mapping[str, Any], cols: tuple[str, ...]) -> tuple[str | None, str]:
    """First readable date among the date columns, and whether any was present."""
    present = False
    for c in cols:
        raw = rec.get(c)
        if is_missing(raw):
            continue
        present = True
        d = iso_date(raw)
        if d:
            return d, "ok"
    return None, "unparseable" if present else "missing"


# -- format readers -----------------------------------------------------------

def _open_text(path: Path) -> TextIO:
    # surrogateescape: one bad byte marks its row, not the whole file.
    return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _read_txt(path: Path) -> Article | BadRow:
    """A .txt article: first line is the title, the rest (verbatim) the text."""
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return BadRow(str(path), 1, "not UTF-8", path.stem)
    title, _, text = content.partition("\n")
    if not _NONSPACE.search(text):
        return BadRow(str(path), 1, "no text", path.stem)
    return Article(
        id=path.stem, text=text, title=title.strip() or None, outlet=None, domain=None,
        url=None, date=None, date_status="missing", file=str(path), line=1,
    )


def _set_csv_field_limit() -> None:
    # Default limit is 128 KB per field; article texts can be megabytes.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


def _iter_csv(path: Path, delimiter: str) -> Iterator[tuple[int, Any]]:
    _set_csv_field_limit()
    file = str(path)
    with _open_text(path) as fh:
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


def _iter_parquet(path: Path, columns: list[str]) -> Iterator[tuple[int, Any]]:
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
                for rec in batch.to_pylist():
                    n += 1
                    yield n, rec
    finally:
        pf.close()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    # Bytes, decoded per cell: a bad byte must reject its row, not abort the cursor.
    con.text_factory = bytes
    return con


def _sqlite_table(con: sqlite3.Connection, path: Path) -> str:
    tables = [r[0].decode() if isinstance(r[0], bytes) else r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
    )]
    if NELA_TABLE in tables:
        return NELA_TABLE
    if len(tables) == 1:
        return tables[0]
    raise ColumnError(f"no table {NELA_TABLE!r} in {path}; tables are {tables}")


SQLITE_PAGE = 500


def _iter_sqlite(path: Path, columns: list[str]) -> Iterator[tuple[int, Any]]:
    con = _connect(path)
    try:
        table = _sqlite_table(con, path)
        cur = con.execute(f"SELECT {', '.join(map(_quote, columns))} FROM {_quote(table)}")
        n = 0
        # Pages of rows: SQLite steps the query as pages are fetched, so memory stays flat.
        while page := cur.fetchmany(SQLITE_PAGE):
            for row in page:
                n += 1
                yield n, dict(zip(columns, row))
    finally:
        con.close()


def _iter_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    file = str(path)
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = raw.rstrip(b"\r\n").decode("utf-8")
            except UnicodeDecodeError:
                yield n, BadRow(file, n, "not UTF-8")
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                yield n, BadRow(file, n, f"malformed JSON: {e}")
                continue
            if not isinstance(rec, dict):
                yield n, BadRow(file, n, f"not a JSON object ({type(rec).__name__})")
                continue
            yield n, rec


def _iter_json_source(source: Source) -> Iterator[tuple[int, Any]]:
    if source.kind == "jsonl":
        yield from _iter_jsonl(source.path)
        return
    yield from _iter_json_file(source.path)


def _iter_json_file(path: Path) -> Iterator[tuple[int, Any]]:
    """A .json input: a list of article objects (NELA-GT), streamed element by
    element; a file of one object per line is read as JSON Lines; a single
    (pretty-printed) object is one article."""
    file = str(path)
    with _open_text(path) as fh:
        buf = _JsonBuffer(fh)
        first = buf.peek()
        if first == "":
            return
        if first == "[":
            yield from _iter_json_array(buf, file)
            return
        if first != "{":
            yield 1, BadRow(file, 1, "malformed JSON: expected a list of article objects")
            return
    if _first_line_is_object(path):
        yield from _iter_jsonl(path)
        return
    with _open_text(path) as fh:
        try:
            rec = json.load(fh)
        except ValueError as e:
            yield 1, BadRow(file, 1, f"malformed JSON: {e}")
            return
    yield 1, rec


def _first_line_is_object(path: Path) -> bool:
    with open(path, "rb") as fh:
        line = fh.readline()
    try:
        return isinstance(json.loads(line.decode("utf-8-sig")), dict)
    except ValueError:
        return False


def _iter_json_array(buf: "_JsonBuffer", file: str) -> Iterator[tuple[int, Any]]:
    decoder = json.JSONDecoder()
    buf.pos += 1  # the "["
    if buf.peek() == "]":
        return
    n = 0
    while True:
        n += 1
        try:
            rec = buf.decode(decoder)
        except json.JSONDecodeError as e:
            yield n, BadRow(file, n, f"malformed JSON at element {n}: {e.msg}; rest of file not read")
            return
        yield n, rec
        c = buf.peek()
        if c == ",":
            buf.pos += 1
        elif c == "]":
            return
        else:
            yield n + 1, BadRow(file, n + 1, f"malformed JSON after element {n}: expected ',' or ']'; rest of file not read")
            return


class _JsonBuffer:
    """A growing window over a text file for decoding one JSON value at a time."""

    _CHUNK = 1 << 20

    def __init__(self, fh: TextIO) -> None:
        self.fh = fh
        self.buf = ""
        self.pos = 0
        self.eof = False

    def fill(self) -> bool:
        """Drop what was consumed and read more (at least doubling the window)."""
        if self.eof:
            return False
        data = self.fh.read(max(self._CHUNK, len(self.buf) - self.pos))
        if not data:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + data
        self.pos = 0
        return True

    def peek(self) -> str:
        """Next non-whitespace character ('' at end of file); pos moves onto it."""
        while True:
            m = _NONSPACE.search(self.buf, self.pos)
            if m:
                self.pos = m.start()
                return self.buf[self.pos]
            self.pos = len(self.buf)
            if not self.fill():
                return ""

    def decode(self, decoder: json.JSONDecoder) -> Any:
        """The next JSON value (raw_decode does not skip leading whitespace)."""
        if self.peek() == "":
            raise json.JSONDecodeError("Expecting value", self.buf, self.pos)
        while True:
            try:
                value, end = decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if not self.fill():
                    raise
                continue
            # A value touching the window's end (a number) may continue past it.
            if end < len(self.buf) or self.eof or not self.fill():
                self.pos = end
                return value
