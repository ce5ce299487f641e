"""Outlet identity: host names and URLs normalised to the outlet's domain."""
import pytest

from scoring.io.outlets import candidate_domains, domain_from_url, looks_like_domain, normalize_domain


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


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1/news/x", "https://[zz]/a", "[::1"])
def test_malformed_host_is_no_domain_not_an_error(url):
    assert domain_from_url(url) is None and normalize_domain(url) is None and list(candidate_domains(url)) == []
