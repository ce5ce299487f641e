"""One input row (a mapping of column to cell) as an :class:`Article`, or as a
:class:`BadRow` saying why it cannot be scored."""
from __future__ import annotations

import re
from typing import Any, Mapping

from scoring.io.dates import is_missing, iso_date
from scoring.io.outlets import domain_from_url, looks_like_domain, normalize_domain
from scoring.io.records import Article, BadRow, Resolved

# Undecodable bytes, kept as lone surrogates by errors="surrogateescape".
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
#: Any visible character: a text without one is no article.
NONSPACE = re.compile(r"\S")


class NotUtf8(ValueError):
    """A cell holding bytes that are not UTF-8 (its row is rejected, not the file)."""


def as_text(value: Any) -> str | None:
    """A cell as text: None for empty cells, bytes decoded, numbers as written."""
    if value is None:
        return None
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError as e:
            raise NotUtf8(str(e)) from e
    if isinstance(value, str):
        if _NOT_UTF8.search(value):
            raise NotUtf8("undecodable bytes")
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
        v = as_text(rec.get(c))
        if v is not None and v.strip():
            return v.strip()
    return None


def build_article(rec: Mapping[str, Any], res: Resolved, file: str, stem: str, line: int) -> Article | BadRow:
    """The Article in ``rec`` (columns from ``res``), or the BadRow saying why
    there is none; ``stem-line`` is the id when the row has none."""
    raw_id = rec.get(res.id) if res.id else None
    try:
        art_id = as_text(raw_id)
    except NotUtf8:
        return BadRow(file, line, "not UTF-8")
    art_id = art_id.strip() if art_id and art_id.strip() else None
    raw_text = rec.get(res.text)
    if raw_text is not None and not isinstance(raw_text, (str, bytes, float)):
        return BadRow(file, line, f"text is not a string ({type(raw_text).__name__})", art_id)
    try:
        text = as_text(raw_text)
        title = _first(rec, res.title)
        outlet = _first(rec, res.outlet)
        url = _first(rec, res.url)
    except NotUtf8:
        return BadRow(file, line, "not UTF-8", art_id)
    if isinstance(raw_text, float) and text is not None:  # a number is not an article
        return BadRow(file, line, "text is not a string (float)", art_id)
    if text is None or not NONSPACE.search(text):
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
