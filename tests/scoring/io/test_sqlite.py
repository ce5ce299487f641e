"""NELA-GT SQLite reader: the newsdata table, bad bytes rejecting their row only."""
import sqlite3

import pytest

from scoring.io.corpus import iter_articles
from scoring.io.records import ColumnError
from scoring.io.sqlite import connect, find_table, quote, sqlite_columns

from .conftest import split


def make_nela_db(path):
    con = sqlite3.connect(path)
    con.execute(
        "CREATE TABLE newsdata (id TEXT, date TEXT, source TEXT, title TEXT, content TEXT, "
        "author TEXT, url TEXT, published TEXT, published_utc INTEGER, collection_utc INTEGER)"
    )
    rows = [
        ("thehill--2020-03-06--Talks", "2020-03-06", "thehill", "Talks", "Ankara talks were postponed, officials said.",
         "A", "https://thehill.com/a", "Fri, 06 Mar 2020 14:34:00 +0000", 1583505240, 1583510000),
        ("thehill--2020-03-07--Empty", "2020-03-07", "thehill", "Empty", None,
         "A", "https://thehill.com/b", None, 1583571600, 1583580000),
        ("npr--2020-03-07--Bytes", "2020-03-07", "npr", "Bytes", None,
         "B", "https://www.npr.org/c", None, 1583571600, 1583580000),
        ("npr--2020-03-08--Drones", None, "npr", "Drones", "Drone strikes continued, the observatory said.",
         "B", "https://www.npr.org/d", "Sun, 08 Mar 2020 09:00:00 +0000", 1583658000, 1583660000),
    ]
    con.executemany("INSERT INTO newsdata VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    # a content cell holding Latin-1 bytes, stored as TEXT the way a broken scraper would
    con.execute("UPDATE newsdata SET content = CAST(? AS TEXT) WHERE id = 'npr--2020-03-07--Bytes'",
                ("Caf\xe9 owners complained.".encode("latin-1"),))
    con.commit()
    con.close()


def test_nela_sqlite(tmp_path):
    db = tmp_path / "nela-gt-2020.db"
    make_nela_db(db)
    arts, bad = split(list(iter_articles([db])))
    assert [a.id for a in arts] == ["thehill--2020-03-06--Talks", "npr--2020-03-08--Drones"]
    assert [(a.outlet, a.domain, a.date) for a in arts] == [
        ("thehill", "thehill.com", "2020-03-06"), ("npr", "npr.org", "2020-03-08"),   # date from 'published'
    ]
    assert [(b.line, b.id, b.reason) for b in bad] == [
        (2, "thehill--2020-03-07--Empty", "no text"), (3, "npr--2020-03-07--Bytes", "not UTF-8: column 'content'"),
    ]


def test_table_found_or_named_in_the_error(tmp_path):
    one = tmp_path / "one.db"
    con = sqlite3.connect(one)
    con.execute('CREATE TABLE "my ""articles""" (id TEXT, content TEXT)')
    con.commit()
    con.close()
    assert sqlite_columns(one) == ["id", "content"]
    with connect(one) as con:
        assert find_table(con, one) == 'my "articles"'
        assert con.execute(f"SELECT COUNT(*) FROM {quote(find_table(con, one))}").fetchone() == (0,)
    two = tmp_path / "two.db"
    con = sqlite3.connect(two)
    con.execute("CREATE TABLE a (x TEXT)")
    con.execute("CREATE TABLE b (x TEXT)")
    con.commit()
    con.close()
    with connect(two) as con, pytest.raises(ColumnError, match=r"no table 'newsdata' in .*two\.db; tables are \['a', 'b'\]"):
        find_table(con, two)
