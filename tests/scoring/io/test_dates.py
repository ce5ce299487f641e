"""Date parsing, one value or a column at once, as tables of real-world values."""
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scoring.io.dates import EARLIEST, LATEST, iso_date, parse_date, parse_dates

MARCH_6 = date(2020, 3, 6)


@pytest.mark.parametrize("value, expected", [
    ("2020-03-06", MARCH_6),
    ("2020-03-06T14:34:00Z", MARCH_6),
    ("2020-03-06 14:34:00.123456", MARCH_6),
    ("2020-03-06T23:30:00-05:00", MARCH_6),          # the outlet's local date is kept
    ("06 March 2020 14:34", MARCH_6),
    ("March 6, 2020", MARCH_6),
    ("Mar 6 2020", MARCH_6),
    ("Friday, March 6th, 2020", MARCH_6),
    ("Fri, 06 Mar 2020 14:34:00 +0000", MARCH_6),     # RFC 2822 (NELA-GT 'published')
    ("Fri, 06 Mar 2020 14:34:00 EST", MARCH_6),
    ("Published: March 6, 2020 at 2:34 pm ET", MARCH_6),
    ("2020/03/06", MARCH_6),
    ("03/06/2020", MARCH_6),                          # slashes: month first
    ("06.03.2020", MARCH_6),                          # dots: day first
    ("20200306", MARCH_6),
    ("3/6/20", MARCH_6),                              # US short form (AllSides has these)
    (1583505240, MARCH_6),                            # Unix seconds (2020-03-06 14:34 UTC)
    (1583505240000, MARCH_6),                         # Unix milliseconds
    ("1583505240", MARCH_6),
    (np.int64(1583505240), MARCH_6),
    (pd.Timestamp("2020-03-06 14:34"), MARCH_6),
    (MARCH_6, MARCH_6),
    # Not a date: kept as missing rather than guessed.
    ("March 2020", None),                             # no day
    ("13/6/20", None),                                # short form, no month 13
    ("2020", None),
    ("5", None),
    ("hello", None),
    ("sometime soon", None),
    ("", None),
    (None, None),
    (float("nan"), None),
    (pd.NaT, None),
    (0, None),                                        # a placeholder, not 1970
    ("1066-10-14", None),                             # outside news range
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_iso_date_is_text():
    assert iso_date("March 6, 2020") == "2020-03-06"
    assert iso_date("not a date") is None


SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"


def test_bounds_are_inclusive_and_shared_by_both_forms():
    edges = [EARLIEST - timedelta(days=1), EARLIEST, LATEST, LATEST + timedelta(days=1)]
    texts = [d.isoformat() for d in edges]
    assert [parse_date(t) for t in texts] == [None, EARLIEST, LATEST, None]
    assert parse_dates(texts).notna().tolist() == [False, True, True, False]
    assert parse_date("7/23/85") is None                             # 1985: before the news range


def test_column_form_on_dates_as_corpora_store_them():
    # Values as found in AllSides (ISO, US short form, empty, years 1 and 2050),
    # NELA (RFC 2822, Unix seconds) and scrape logs (time with microseconds).
    raw = ["2019-03-02", "0001-11-30", "2050-09-30", "", None, "not a date", "3/6/20",
           "Fri, 06 Mar 2020 14:34:00 +0000", 1583505240, "2018-01-25 16:17:44.789555",
           "2020-03-06T23:30:00-05:00", float("nan"), "2019-03-02"]
    s = pd.Series(raw, index=range(100, 100 + len(raw)), name="date", dtype=object)
    d = parse_dates(s)
    assert d.index.equals(s.index) and d.name == "date" and str(d.dtype) == "datetime64[us]"
    assert [None if pd.isna(x) else x.date().isoformat() for x in d] == [
        "2019-03-02", None, None, None, None, None, "2020-03-06",
        "2020-03-06", "2020-03-06", "2018-01-25",
        "2020-03-06", None, "2019-03-02"]                          # the outlet's local date, time of day dropped
    assert [None if pd.isna(x) else x.date() for x in d] == [parse_date(v) for v in raw]
    assert parse_dates([]).empty


def test_column_form_of_datetimes_and_of_a_plain_list():
    stamps = pd.Series([pd.Timestamp("2020-03-06 14:34"), pd.NaT, pd.Timestamp("1850-01-01")])
    assert parse_dates(stamps).dt.strftime("%Y-%m-%d").tolist()[0] == "2020-03-06"
    assert parse_dates(stamps).isna().tolist() == [False, True, True]
    assert parse_dates(iter(["2020-03-06", "hello"])).isna().tolist() == [False, True]


def test_allsides_dates_column_and_scalar_agree():
    path = SHARED / "data" / "allsides" / "articles.parquet"
    if not path.exists():
        pytest.skip("../shared/data/allsides not available")
    raw = pd.read_parquet(path, columns=["date"])["date"]
    d = parse_dates(raw)
    # 33,144 of 37,554 carry a usable date: 4,407 are empty, three are years 1 and 2050.
    assert (len(d), int(d.notna().sum())) == (37554, 33144)
    iso = d.dt.strftime("%Y-%m-%d").where(d.notna(), None)
    assert iso.tolist() == raw.map(iso_date).tolist()
