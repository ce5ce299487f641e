"""One raw row to an Article: ids, outlet and domain, dates, and why a row is rejected."""
from scoring.io.records import Article, BadRow, ColumnSpec
from scoring.io.columns import resolve_columns
from scoring.io.rows import as_text, build_article

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
