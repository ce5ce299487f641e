"""The records of a read: what a bad row reports, which columns a read asks for."""
from scoring.io.records import BadRow, ColumnSpec, Resolved


def test_bad_row_as_dict_orders_fields_and_omits_a_missing_id():
    assert list(BadRow("a.jsonl", 3, "no text", "j4").as_dict().items()) == [
        ("file", "a.jsonl"), ("line", 3), ("id", "j4"), ("reason", "no text")]
    assert BadRow("a.jsonl", 2, "malformed JSON").as_dict() == {"file": "a.jsonl", "line": 2, "reason": "malformed JSON"}


def test_resolved_columns_each_once_in_a_stable_order():
    res = Resolved(text="content", title=("title",), id="id", outlet=("source", "domain"),
                   date=("date", "published"), url=("url",), spec=ColumnSpec(text="content"))
    assert res.columns() == ["content", "title", "id", "source", "domain", "date", "published", "url"]
    assert Resolved(text="text", outlet=("text",), url=("text",)).columns() == ["text"]
