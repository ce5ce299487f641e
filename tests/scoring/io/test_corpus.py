"""The corpus front: inputs checked before reading, inputs chained in order, limits."""
import pytest

from scoring.io.corpus import expand_inputs, iter_articles, prepare, read_articles
from scoring.io.records import InputError

from .conftest import FIX, split


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


def test_prepare_resolves_each_input_and_folders_expand_sorted(tmp_path):
    sources = expand_inputs([FIX / "nela_json", FIX / "articles.csv"])
    assert [s.kind for s in sources][-1] == "csv" and all(s.kind == "json" for s in sources[:-1])
    assert [s.path.name for s in sources[:-1]] == sorted(s.path.name for s in sources[:-1])
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    prepared = prepare([FIX / "txt", FIX / "articles.csv", tmp_path / "empty.csv"])
    assert [(src.kind, res is None) for src, res in prepared] == [("txt", True)] * 3 + [("csv", False), ("csv", True)]
    assert prepared[3][1].id == "article_id"


def test_unreadable_parquet_is_an_input_error(tmp_path):
    p = tmp_path / "broken.parquet"
    p.write_text("id,text\n1,not parquet at all\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read .*broken.parquet as parquet"):
        prepare([p])
