"""Column resolution: overrides, aliases (exact, then any case), clear errors."""
import pytest

from scoring.io.columns import record_columns, resolve_columns
from scoring.io.corpus import iter_articles
from scoring.io.records import ColumnError, ColumnSpec

from .conftest import FIX, split


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


def test_aliases_exact_then_any_case_and_every_date_column():
    res = resolve_columns(["Content", "Headline", "ID", "published", "date", "Source_URL", "URL"], ColumnSpec(), "x.csv")
    assert (res.text, res.title, res.id, res.url) == ("Content", ("Headline",), "ID", ("URL",))
    assert res.date == ("date", "published")                            # alias order, all kept for fallback
    assert res.columns() == ["Content", "Headline", "ID", "date", "published", "URL"]


def test_record_columns_fall_back_to_the_files_text_key():
    base = resolve_columns(["id", "content"], ColumnSpec(), "x.jsonl")
    assert record_columns(["id", "body"], base).text == "body"
    assert record_columns(["id", "title"], base).text == "content"     # absent: the row will be "no text"
