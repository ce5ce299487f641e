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
# Any lone surrogate (JSON can spell one, "\\ud800"): no UTF-8 writer can write it.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Any visible character: a text without one is no article.
NONSPACE = re.compile(r"\S")
#: Longest article text read, in characters; a longer one is rejected with its length. The
#: longest of the 37.5k AllSides articles has 76,553, and the analysis of a many-megabyte
#: "article" (a scrape of a whole site) takes minutes and gigabytes that one row may not take
#: from a batch. Rejecting, not cutting, keeps every score about a whole article.
MAX_TEXT_CHARS = 500_000


class NotUtf8(ValueError):
    """A cell holding bytes that are not UTF-8, or a lone surrogate no UTF-8 file can hold
    (its row is rejected, not the file); ``what`` says which."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def as_text(value: Any) -> str | None:
    """A cell as text: None for empty cells, bytes decoded, numbers as written."""
    if value is None:
        return None
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError as e:
            raise NotUtf8("not UTF-8") from e
    if isinstance(value, str):
        bad = _SURROGATE.search(value)
        if bad:
            if _NOT_UTF8.match(bad.group()):
                raise NotUtf8("not UTF-8")
            raise NotUtf8(f"not valid Unicode (a lone surrogate U+{ord(bad.group()):04X})")
        return value
    if isinstance(value, float):
        if value != value:  # NaN: an empty cell from pandas-written files
            return None
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return str(value)
    return None


def too_long(text: str) -> str | None:
    """The reason a text is rejected for its length (None when it is within :data:`MAX_TEXT_CHARS`)."""
    if len(text) <= MAX_TEXT_CHARS:
        return None
    return f"text too long: {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} an article may have"


def _cell(rec: Mapping[str, Any], col: str | None) -> str | None:
    """``as_text`` of one column; a NotUtf8 names the column."""
    if col is None:
        return None
    try:
        return as_text(rec.get(col))
    except NotUtf8 as e:
        raise NotUtf8(f"{e.what}: column {col!r}") from e


def _first(rec: Mapping[str, Any], cols: tuple[str, ...]) -> str | None:
    for c in cols:
        v = _cell(rec, c)
        if v is not None and v.strip():
            return v.strip()
    return None


def build_article(rec: Mapping[str, Any], res: Resolved, file: str, stem: str, line: int) -> Article | BadRow:
    """The Article in ``rec`` (columns from ``res``), or the BadRow saying why
    there is none; ``stem-line`` is the id when the row has none."""
    try:
        art_id = _cell(rec, res.id)
    except NotUtf8 as e:
        return BadRow(file, line, e.what)
    art_id = art_id.strip() if art_id and art_id.strip() else None
    raw_text = rec.get(res.text)
    if raw_text is not None and not isinstance(raw_text, (str, bytes, float)):
        return BadRow(file, line, f"text is not a string ({type(raw_text).__name__})", art_id)
    try:
        text = _cell(rec, res.text)
        title = _first(rec, res.title)
        outlet = _first(rec, res.outlet)
        url = _first(rec, res.url)
    except NotUtf8 as e:
        return BadRow(file, line, e.what, art_id)
    if isinstance(raw_text, float) and text is not None:  # a number is not an article
        return BadRow(file, line, "text is not a string (float)", art_id)
    if text is None or not NONSPACE.search(text):
        return BadRow(file, line, "no text", art_id)
    if reason := too_long(text):
        return BadRow(file, line, reason, art_id)
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
