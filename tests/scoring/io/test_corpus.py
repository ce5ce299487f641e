"""Corpus readers: every input row becomes an Article or a BadRow, in order,
with the right line numbers, columns found by alias and dates parsed."""
import json
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scoring.io import jsonfiles
from scoring.io.corpus import iter_articles, read_articles
from scoring.io.records import Article, BadRow, ColumnError, ColumnSpec, InputError

FIX = Path(__file__).parents[1] / "fixtures"


def split(items):
    arts = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, BadRow)]
    return arts, bad


def test_txt_folder_sorted_title_first_line_text_verbatim():
    arts, bad = split(list(iter_articles([FIX / "txt"])))
    assert [a.id for a in arts] == ["a_talks", "b_ceasefire"]          # sorted; notes.md ignored
    raw = (FIX / "txt" / "b_ceasefire.txt").read_text(encoding="utf-8")
    assert arts[1].title == "Ceasefire in Idlib holds overnight"
    assert arts[1].text == raw.split("\n", 1)[1]                        # offsets stay file-relative
    assert [(b.id, b.line, b.reason) for b in bad] == [("c_title_only", 1, "no text")]


def test_jsonl_bad_rows_have_line_numbers_and_reasons():
    items = list(iter_articles([FIX / "articles.jsonl"]))
    arts, bad = split(items)
    assert [a.id for a in arts] == ["j1", "j7", "j8"]
    assert [(b.line, b.reason.split(":")[0]) for b in bad] == [
        (2, "malformed JSON"), (3, "not UTF-8"), (4, "no text"), (6, "not a JSON object (list)"),
    ]
    assert bad[2].id == "j4" and bad[0].id is None
    # the blank line 5 is not a row; every other line is accounted for
    assert sorted([a.line for a in arts] + [b.line for b in bad]) == [1, 2, 3, 4, 6, 7, 8]


def test_jsonl_fields_resolved_per_object():
    arts, _ = split(list(iter_articles([FIX / "articles.jsonl"])))
    j1, j7, j8 = arts
    assert (j1.outlet, j1.domain, j1.date) == ("Reuters", "reuters.com", "2020-03-06")
    assert (j7.outlet, j7.text, j7.date) == ("Arab News", "Resumed.", "2020-03-06")   # 'source' alias
    assert (j8.outlet, j8.domain) == ("cnn.com", "cnn.com")            # from the 'link' URL
    assert (j8.date, j8.date_status) == (None, "unparseable")
    assert (j7.date_status, j1.date_status) == ("ok", "ok")


def test_csv_aliases_and_multiline_rows():
    arts, bad = split(list(iter_articles([FIX / "articles.csv"])))
    assert [a.id for a in arts] == ["c1", "c3"]                         # article_id alias
    c1, c3 = arts
    assert c1.title == "Ministers postpone visit"                       # headline alias
    assert c1.text.endswith("Officials gave no reason.")               # quoted newline kept
    assert (c1.outlet, c1.date, c1.domain) == ("Reuters", "2020-03-06", "uk.reuters.com")
    assert (c3.date, c3.domain, c3.line) == ("2020-03-06", "arabnews.com", 5)  # Unix time; line after the 2-line row
    assert [(b.id, b.line, b.reason) for b in bad] == [("c2", 4, "no text")]


def test_nela_json_folder():
    arts, bad = split(list(iter_articles([FIX / "nela_json"])))
    assert [a.outlet for a in arts] == ["anotheroutlet", "thenewsoutlet", "thenewsoutlet"]
    assert arts[1].id == "thenewsoutlet--2020-03-06--Talks postponed"
    # 'date' is null in the third: the next date column (published_utc) gives it
    assert [a.date for a in arts] == ["2020-03-05", "2020-03-06", "2020-03-08"]
    assert arts[2].domain == "thenewsoutlet.com"                        # amp. stripped
    assert [(b.line, b.reason) for b in bad] == [(2, "no text")]


def test_json_truncated_list_reports_rest_not_read(tmp_path):
    good = {"id": "a", "content": "Talks resumed on Monday."}
    p = tmp_path / "outlet.json"
    p.write_text("[" + json.dumps(good) + ', {"id": "b", "content": "cut o', encoding="utf-8")
    arts, bad = split(list(iter_articles([p])))
    assert [a.id for a in arts] == ["a"]
    assert len(bad) == 1 and bad[0].line == 2 and "rest of file not read" in bad[0].reason


def test_json_list_larger_than_read_window(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonfiles.JsonBuffer, "_CHUNK", 64)   # force many refills mid-object
    recs = [{"id": f"n{i}", "content": f"Article number {i}. " * (i + 1), "source": "x"} for i in range(40)]
    p = tmp_path / "outlet.json"
    p.write_text(json.dumps(recs, indent=2), encoding="utf-8")
    arts, bad = split(list(iter_articles([p])))
    assert not bad
    assert [a.id for a in arts] == [r["id"] for r in recs]
    assert [a.text for a in arts] == [r["content"] for r in recs]


def make_parquet(path, n=1200):
    ids = [f"p{i:04d}" for i in range(n)]
    texts = [None if i == 700 else f"Report {i}: the ministers met in Ankara." for i in range(n)]
    table = pa.table({
        "ID": ids,
        "title": [f"Title {i}" for i in range(n)],
        "content_original": texts,
        "source": ["CNN (Web News)"] * n,
        "url": ["https://www.cnn.com/2019/07/11/politics/x"] * n,
        "date": ["2019-07-11" if i % 2 else "" for i in range(n)],
    })
    pq.write_table(table, path, row_group_size=100)
    return ids


def test_parquet_streamed_in_order(tmp_path):
    p = tmp_path / "allsides_like.parquet"
    ids = make_parquet(p)
    arts, bad = split(list(iter_articles([p])))
    assert [a.id for a in arts] == ids[:700] + ids[701:]
    assert [(b.line, b.id, b.reason) for b in bad] == [(701, "p0700", "no text")]
    assert arts[1].domain == "cnn.com" and arts[1].date == "2019-07-11"
    assert arts[0].date is None and arts[0].date_status == "missing"   # '' is absent, not unparseable


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
        (2, "thehill--2020-03-07--Empty", "no text"), (3, "npr--2020-03-07--Bytes", "not UTF-8"),
    ]


def test_missing_text_column_names_file_columns_and_flag(tmp_path):
    p = tmp_path / "export.csv"
    p.write_text("id,body_text,source\n1,Ministers met.,AP\n", encoding="utf-8")
    with pytest.raises(ColumnError) as e:
        list(iter_articles([p]))
    msg = str(e.value)
    assert "export.csv" in msg and "'body_text'" in msg and "--text-column" in msg
    # and the override fixes it
    arts, _ = split(list(iter_articles([p], ColumnSpec(text="body_text"))))
    assert [(a.id, a.text, a.outlet) for a in arts] == [("1", "Ministers met.", "AP")]


def test_override_naming_absent_column_is_an_error():
    with pytest.raises(ColumnError, match="'headline_text'.*--title-column"):
        list(iter_articles([FIX / "articles.csv"], ColumnSpec(title="headline_text")))


def test_missing_input_and_unsupported_type(tmp_path):
    with pytest.raises(InputError, match="nope.jsonl"):
        list(iter_articles([tmp_path / "nope.jsonl"]))
    (tmp_path / "a.xlsx").write_bytes(b"PK")
    with pytest.raises(InputError, match="a.xlsx"):
        list(iter_articles([tmp_path / "a.xlsx"]))


def test_limit_counts_rows_read_and_inputs_chain_in_order():
    items = list(iter_articles([FIX / "txt", FIX / "articles.jsonl"], limit=4))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", "a_talks"), ("Article", "b_ceasefire"), ("BadRow", "c_title_only"), ("Article", "j1"),
    ]


def test_ids_generated_when_absent_and_read_articles_frame(tmp_path):
    p = tmp_path / "plain.jsonl"
    p.write_text('{"text": "First article."}\n{"text": "Second article."}\n', encoding="utf-8")
    df, bad = read_articles([p])
    assert df["id"].tolist() == ["plain-1", "plain-2"] and not bad
    assert df["text"].tolist() == ["First article.", "Second article."]


def test_every_fixture_row_accounted_for():
    # rows per fixture counted by hand: txt 3 files, jsonl 7 non-blank lines, csv 3 records, nela 4 objects
    items = list(iter_articles([FIX / "txt", FIX / "articles.jsonl", FIX / "articles.csv", FIX / "nela_json"]))
    assert len(items) == 3 + 7 + 3 + 4
    arts, bad = split(items)
    assert (len(arts), len(bad)) == (2 + 3 + 2 + 3, 1 + 4 + 1 + 1)


def test_jsonl_with_no_valid_object_still_reports_every_line(tmp_path):
    p = tmp_path / "broken.jsonl"
    p.write_bytes(b'{"id": 1, "text": "cut\n[1, 2]\n\xff\xfe\n')
    bad = list(iter_articles([p]))
    assert [(b.line, b.reason.split(":")[0]) for b in bad] == [
        (1, "malformed JSON"), (2, "not a JSON object (list)"), (3, "not UTF-8"),
    ]
