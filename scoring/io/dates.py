"""Publication dates from whatever a corpus stores: ISO strings, Unix times,
RFC 2822 headers and the usual news formats ("06 March 2020 14:34"), one value
at a time (:func:`parse_date`) or a column at once (:func:`parse_dates`), with
one set of bounds for both."""
from __future__ import annotations

import math
import re
import warnings
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable

import numpy as np
import pandas as pd
from dateutil import parser as _dateutil_parser

# Dates outside these bounds are placeholders or scraping errors, not publication
# dates (the AllSides dump has years 1 and 2050). The upper bound moves with the
# clock so that real articles are never rejected in a later year.
EARLIEST = date(1990, 1, 1)
LATEST = date.today() + timedelta(days=366)

_NUMBER_RE = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
# dd.mm.yyyy is the European order; slashes stay month first (US news).
_DOTTED_RE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}\b")
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")
# US short form with a two-digit year ("7/23/17"), common in news CMS exports.
_US_SHORT_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2})$")
# Two defaults that differ in every field: a field missing from the string
# shows up as a disagreement, so "March 2020" is not silently read as a day.
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)


def _in_range(d: date) -> date | None:
    return d if EARLIEST <= d <= LATEST else None


def _from_unix(value: float) -> date | None:
    """Unix time in seconds, milliseconds or microseconds (told apart by size)."""
    if not math.isfinite(value) or value < 1e8:  # before 1973: a placeholder, not a publication time
        return None
    if value > 1e14:
        value /= 1e6
    elif value > 1e11:
        value /= 1e3
    try:
        return _in_range(datetime.fromtimestamp(value, tz=timezone.utc).date())
    except (OverflowError, OSError, ValueError):
        return None


def _from_digits(s: str) -> date | None:
    """A bare number: compact ``YYYYMMDD`` or a Unix time."""
    if len(s) == 8 and s.isdigit():
        try:
            return _in_range(datetime.strptime(s, "%Y%m%d").date())
        except ValueError:
            pass
    return _from_unix(float(s))


def _dateutil(s: str, fuzzy: bool) -> date | None:
    dayfirst = bool(_DOTTED_RE.match(s))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown timezone names: the date part is still right
        try:
            a = _dateutil_parser.parse(s, default=_DEFAULT_A, fuzzy=fuzzy, dayfirst=dayfirst)
            b = _dateutil_parser.parse(s, default=_DEFAULT_B, fuzzy=fuzzy, dayfirst=dayfirst)
        except (ValueError, OverflowError, TypeError):
            return None
    if a.date() != b.date():  # day, month or year missing from the string
        return None
    return _in_range(a.date())


def parse_date(value: Any) -> date | None:
    """Calendar date of a publication time, or None when it cannot be told.

    Timestamps with an offset keep the date as written (the outlet's local
    date); Unix times are read as UTC. Numeric day/month orders are ambiguous:
    ``03/06/2020`` is read month first unless the first number exceeds 12,
    ``06.03.2020`` (dotted) day first.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        try:
            return _in_range(value.date())
        except (ValueError, TypeError):  # pandas NaT is a datetime subclass
            return None
    if isinstance(value, date):
        return _in_range(value)
    if isinstance(value, (int, float)):
        return _from_unix(float(value))
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        try:
            return parse_date(value.item())
        except (ValueError, TypeError):
            return None
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 100:
        return None
    if _NUMBER_RE.match(s):
        return _from_digits(s)
    try:
        return _in_range(datetime.fromisoformat(s).date())
    except ValueError:
        pass
    m = _US_SHORT_RE.match(s)
    if m:
        month, day, yy = (int(g) for g in m.groups())
        try:
            return _in_range(date(2000 + yy if yy < 70 else 1900 + yy, month, day))
        except ValueError:
            return None
    if not _YEAR_RE.search(s):  # without a 4-digit year any reading is a guess
        return None
    return _dateutil(s, fuzzy=False) or _dateutil(s, fuzzy=True)


def parse_dates(values: Iterable[Any]) -> pd.Series:
    """:func:`parse_date` over a column: calendar dates as ``datetime64`` (at
    midnight), NaT where the date cannot be told. A Series keeps its index."""
    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    codes, uniques = pd.factorize(s)  # each distinct value parsed once; missing ones get code -1
    days = np.array([parse_date(u) for u in uniques] + [None], dtype="datetime64[D]")
    return pd.Series(days[codes].astype("datetime64[us]"), index=s.index, name=s.name)


def iso_date(value: Any) -> str | None:
    """``parse_date`` as ``YYYY-MM-DD`` text (None when unknown)."""
    d = parse_date(value)
    return d.isoformat() if d else None


def is_missing(value: Any) -> bool:
    """True when a raw date value is absent (as opposed to present but unreadable)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, (str, bytes)) and not value.strip():
        return True
    return False
