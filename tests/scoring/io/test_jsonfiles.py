"""JSON Lines and NELA-GT JSON readers: line and element numbers, per-object
columns, streamed lists."""
import json

from scoring.io import jsonfiles
from scoring.io.corpus import iter_articles
from scoring.io.jsonfiles import JsonBuffer, json_columns

from .conftest import FIX, split


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


def test_jsonl_with_no_valid_object_still_reports_every_line(tmp_path):
    p = tmp_path / "broken.jsonl"
    p.write_bytes(b'{"id": 1, "text": "cut\n[1, 2]\n\xff\xfe\n')
    bad = list(iter_articles([p]))
    assert [(b.line, b.reason.split(":")[0]) for b in bad] == [
        (1, "malformed JSON"), (2, "not a JSON object (list)"), (3, "not UTF-8"),
    ]


def test_json_columns_from_first_object():
    assert json_columns(FIX / "articles.jsonl", "jsonl")[:2] == ["id", "title"]
    nela = sorted((FIX / "nela_json").iterdir())[0]
    assert "content" in json_columns(nela, "json")


DEEP = "[" * 1000 + "]" * 1000       # deeper than Python's JSON decoder can recurse


def test_deep_json_line_is_a_bad_row_not_a_recursion_error(tmp_path):
    p = tmp_path / "deep.jsonl"
    p.write_text('{"id": "a", "text": "Talks resumed."}\n'
                 '{"id": "d", "text": "x", "title": ' + DEEP + '}\n'
                 '{"id": "b", "text": "Talks ended."}\n', encoding="utf-8")
    arts, bad = split(list(iter_articles([p])))
    assert [a.id for a in arts] == ["a", "b"]
    assert [(b.line, b.reason) for b in bad] == [(2, "malformed JSON: nested too deeply to read")]


def test_deep_element_of_json_list_is_skipped_and_the_rest_read(tmp_path, monkeypatch):
    monkeypatch.setattr(JsonBuffer, "_CHUNK", 16)  # the skipped value crosses many window refills
    deep = '{"id": "d", "text": "a \\" ] [ \\\\", "t": ' + "[" * 3000 + '"]\\"["' + "]" * 3000 + "}"
    p = tmp_path / "outlet.json"
    p.write_text(f'[{{"id": "a", "text": "One."}}, {deep}, {{"id": "b", "text": "Two ]."}}]', encoding="utf-8")
    arts, bad = split(list(iter_articles([p])))
    assert [(a.id, a.line, a.text) for a in arts] == [("a", 1, "One."), ("b", 3, "Two ].")]
    assert [(b.line, b.reason) for b in bad] == [(2, "malformed JSON: nested too deeply to read")]
    p.write_text('[{"id": "a", "text": "One."}, ' + deep[:-10], encoding="utf-8")   # and never ends
    arts, bad = split(list(iter_articles([p])))
    assert [a.id for a in arts] == ["a"] and bad[0].line == 2 and bad[0].reason.endswith("rest of file not read")


def test_deep_single_json_object_is_one_bad_row(tmp_path):
    p = tmp_path / "one.json"
    p.write_text('{"id": "d",\n "text": "Talks resumed.",\n "title": ' + DEEP + "}", encoding="utf-8")
    assert [(b.file, b.line, b.reason) for b in iter_articles([p])] == [
        (str(p), 1, "malformed JSON: nested too deeply to read")]


def test_utf16_jsonl_with_byte_order_mark(tmp_path):
    p = tmp_path / "u16.jsonl"
    p.write_bytes('{"id": "a", "text": "Caf\u00e9 talks resumed."}\n\n{"id": "b", "text": "Ended."}\n'.encode("utf-16"))
    arts, bad = split(list(iter_articles([p])))
    assert [(a.id, a.line, a.text) for a in arts] == [("a", 1, "Caf\u00e9 talks resumed."), ("b", 3, "Ended.")]
    assert bad == []
