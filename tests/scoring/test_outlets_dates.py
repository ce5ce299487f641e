"""Date parsing and outlet-domain normalisation, as tables of real-world values."""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from scoring.io.dates import iso_date, parse_date
from scoring.io.outlets import candidate_domains, domain_from_url, looks_like_domain, normalize_domain

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


@pytest.mark.parametrize("host, expected", [
    ("www.nytimes.com", "nytimes.com"),
    ("WWW.CNN.COM", "cnn.com"),
    ("https://www.nytimes.com/2020/03/06/world/europe/russia-turkey.html", "nytimes.com"),
    ("m.edition.cnn.com", "cnn.com"),                  # mobile prefix, then alias
    ("edition.cnn.com", "cnn.com"),
    ("abcnews.go.com", "abcnews.com"),
    ("amp.theguardian.com", "theguardian.com"),
    ("www1.cbn.com", "cbn.com"),
    ("cnn.com:443", "cnn.com"),
    ("foxnews.com.", "foxnews.com"),
    ("uk.reuters.com", "uk.reuters.com"),              # a real subdomain is kept
    ("m.com", "m.com"),                                # never strip down to a bare suffix
    ("Fox News", None),
    ("", None),
    (None, None),
])
def test_normalize_domain(host, expected):
    assert normalize_domain(host) == expected


@pytest.mark.parametrize("host, expected", [
    ("video.foxnews.com", ["video.foxnews.com", "foxnews.com"]),
    ("www.politics.theguardian.com", ["politics.theguardian.com", "theguardian.com"]),
    ("news.bbc.co.uk", ["news.bbc.co.uk", "bbc.co.uk"]),   # never 'co.uk'
    ("bbc.co.uk", ["bbc.co.uk"]),
    ("someblog.blogspot.com", ["someblog.blogspot.com"]),  # not the hosting platform
    ("video.abcnews.go.com", ["video.abcnews.go.com", "abcnews.com"]),  # alias ends the walk (not go.com)
    ("nytimes.com", ["nytimes.com"]),
    ("CNN", []),
])
def test_candidate_domains(host, expected):
    assert list(candidate_domains(host)) == expected


def test_domain_from_url_and_outlet_fields():
    assert domain_from_url("https://amp.theguardian.com/world/2020/mar/06/x?y=1") == "theguardian.com"
    assert domain_from_url("www.arabnews.com/node/1") == "arabnews.com"   # no scheme
    assert domain_from_url("") is None
    assert looks_like_domain("awm.com") and looks_like_domain("www.cnn.com")
    assert not looks_like_domain("thenewyorktimes") and not looks_like_domain("Fox News")
