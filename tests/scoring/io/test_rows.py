"""One raw row to an Article: ids, outlet and domain, dates, and why a row is rejected."""
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from scoring.io import rows
from scoring.io.records import Article, BadRow, ColumnSpec
from scoring.io.columns import resolve_columns
from scoring.io.rows import MAX_TEXT_CHARS, as_text, build_article

RES = resolve_columns(["id", "title", "content", "source", "url", "date", "published"], ColumnSpec(), "x")


def build(**rec):
    return build_article(rec, RES, "nela.db", "nela", 7)


def test_article_fields_from_a_nela_row():
    a = build(id=b"npr--2020-03-08--Drones", title="Drones", content="Drone strikes continued, the observatory said.",
              source="npr", url="https://www.npr.org/d", date=None, published="Sun, 08 Mar 2020 09:00:00 +0000")
    assert isinstance(a, Article)
    assert (a.id, a.outlet, a.domain, a.date, a.date_status) == (
        "npr--2020-03-08--Drones", "npr", "npr.org", "2020-03-08", "ok")   # date from the second date column
    assert (a.file, a.line) == ("nela.db", 7)


def test_outlet_from_domain_and_generated_id():
    a = build(content="Talks resumed.", source="www.ArabNews.com", date="March 2020")
    assert (a.id, a.outlet, a.domain) == ("nela-7", "www.ArabNews.com", "arabnews.com")
    assert (a.date, a.date_status) == (None, "unparseable")           # present but no day
    b = build(content="Talks resumed.", url="https://edition.cnn.com/x")
    assert (b.outlet, b.domain, b.date_status) == ("cnn.com", "cnn.com", "missing")


def test_rows_that_are_not_articles():
    assert build(id="n1", content="   \n ").reason == "no text"
    assert build(id="n2", content=3.5).reason == "text is not a string (float)"
    assert build(id="n3", content=["a", "list"]).reason == "text is not a string (list)"
    bad = build(id="n4", content="Caf\xe9".encode("latin-1"))
    assert isinstance(bad, BadRow) and (bad.id, bad.reason) == ("n4", "not UTF-8: column 'content'")
    assert build(id=b"\xff", content="x").as_dict() == {
        "file": "nela.db", "line": 7, "reason": "not UTF-8: column 'id'"}


def test_cells_as_text():
    assert [as_text(v) for v in (None, "x", b"caf\xc3\xa9", 12, 12.0, 1.5, float("nan"), True)] == [
        None, "x", "café", "12", "12", "1.5", None, None]


def test_lone_surrogate_in_any_field_rejects_the_row_naming_it():
    # json.loads("\"\\ud800\"") gives a lone surrogate: no UTF-8 file can hold it
    for field in ("id", "title", "source", "url", "content"):
        rec = {"id": "s1", "content": "Talks resumed.", field: "a\ud800b"}
        bad = build(**rec)
        assert isinstance(bad, BadRow)
        assert bad.reason == f"not valid Unicode (a lone surrogate U+D800): column '{field}'"
        assert bad.id == (None if field == "id" else "s1")


def test_malformed_url_host_keeps_the_article_with_its_outlet():
    a = build(id="u1", content="Talks resumed.", source="Reuters", url="http://[::1/x")
    assert isinstance(a, Article)
    assert (a.outlet, a.domain, a.url) == ("Reuters", None, "http://[::1/x")


def test_text_longer_than_the_limit_is_rejected_with_its_length(monkeypatch):
    monkeypatch.setattr(rows, "MAX_TEXT_CHARS", 20)
    assert isinstance(build(id="ok", content="x" * 20), Article)
    bad = build(id="big", content="x" * 21)
    assert (bad.id, bad.reason) == ("big", "text too long: 21 characters, more than the 20 an article may have")


def test_text_limit_rejects_no_real_article():
    corpus = Path(__file__).parents[3] / ".." / "shared" / "data" / "allsides" / "articles.parquet"
    if not corpus.exists():
        pytest.skip("needs ../shared (the AllSides corpus)")
    lengths = pc.utf8_length(pq.read_table(corpus, columns=["content_original"]).column(0))
    assert pc.max(lengths).as_py() * 5 <= MAX_TEXT_CHARS      # the longest, 76,553, with room to spare
