"""Which columns of an input hold the text, title, id, outlet, date and URL:
an override given on the command line, else the first alias present."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from scoring.io.records import ColumnError, ColumnSpec, Resolved

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


def record_columns(keys: Iterable[str], base: Resolved) -> Resolved:
    """Columns of one JSON object; its text falls back to the file's text key
    (absent -> the row is rejected as "no text")."""
    chosen = _choose(keys, base.spec)
    return _resolved(chosen, chosen["text"][0] if chosen["text"] else base.text, base.spec)


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
