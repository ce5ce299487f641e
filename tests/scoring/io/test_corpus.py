"""The corpus front: inputs checked before reading, inputs chained in order, limits, a
folder's manifest."""
import re

import pandas as pd
import pytest

from scoring.io.corpus import expand_inputs, iter_articles, prepare, read_articles
from scoring.io.dates import parse_date
from scoring.io.records import ColumnError, ColumnSpec, InputError
from tests.samples import SAMPLES

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


def _folder(tmp_path, manifest: str | None, name: str = "meta.csv"):
    """A folder of three .txt articles and, when given, a manifest beside them."""
    d = tmp_path / "arts"
    d.mkdir()
    for stem, body in (("a", "Talks were postponed, officials said."), ("b", "A ceasefire began at midnight."),
                       ("c", "Shelling resumed on Monday.")):
        (d / f"{stem}.txt").write_text(f"Headline {stem}\n{body}\n", encoding="utf-8")
    if manifest is not None:
        (d / name).write_text(manifest, encoding="utf-8")
    return d


def test_a_folder_manifest_gives_its_txt_files_outlet_date_and_url(tmp_path):
    d = _folder(tmp_path, "file,publisher,published,link,note\n"
                          "a.txt,Arab News,06 March 2020 14:34,https://www.arabnews.com/node/1,the byline says so\n"
                          "c.txt,hurriyetdailynews.com,sometime,,\n")
    items = list(iter_articles([d]))
    assert [i.id for i in items] == ["a", "b", "c"]  # the manifest holds no articles of its own
    a, b, c = items
    assert (a.outlet, a.domain, a.url, a.date, a.date_status) == (
        "Arab News", "arabnews.com", "https://www.arabnews.com/node/1", "2020-03-06", "ok")
    assert (b.outlet, b.domain, b.url, b.date, b.date_status) == (None, None, None, None, "missing")
    assert (c.outlet, c.domain, c.date_status) == ("hurriyetdailynews.com", "hurriyetdailynews.com", "unparseable")
    assert (a.title, a.text) == ("Headline a", "Talks were postponed, officials said.\n")


def test_a_tsv_manifest_and_a_table_with_a_file_column_and_text(tmp_path):
    d = _folder(tmp_path, "file\toutlet\nb.txt\tReuters\n", name="meta.tsv")
    assert [i.outlet for i in iter_articles([d])] == [None, "Reuters", None]
    # a table with a text column is articles, whatever else it has
    (d / "more.csv").write_text("file,text\nx.txt,Officials met in Ankara on Monday.\n", encoding="utf-8")
    assert [i.id for i in iter_articles([d])] == ["a", "b", "c", "more-2"]
    # and so is one whose text column is named on the command line
    (d / "more.csv").write_text("file,story\nx.txt,Officials met in Ankara on Monday.\n", encoding="utf-8")
    assert [i.id for i in iter_articles([d], ColumnSpec(text="story"))][-1] == "more-2"


def test_a_manifest_given_as_an_input_itself_is_no_table_of_articles(tmp_path):
    d = _folder(tmp_path, "file,outlet\na.txt,Reuters\n")
    with pytest.raises(ColumnError, match=r"no text column in .*meta.csv"):
        prepare([d / "meta.csv"])


@pytest.mark.parametrize("manifest, message", [
    ("file,outlet\na.txt,Reuters\nmissing.txt,AP\n", r"manifest .*meta.csv line 3: 'missing.txt' is not a .txt file in"),
    ("file,outlet\na.txt,Reuters\nb.txt,AP\na.txt,AFP\n", r"meta.csv line 4: 'a.txt' is listed twice \(first on line 2\)"),
    ("file,outlet\n,Reuters\n", r"meta.csv line 2: no file named in column 'file'"),
    ("file,outlet\na.txt,\"Reuters\nb.txt,AP\n", r"meta.csv line 2: malformed CSV"),
    ("file,outlet\na.txt,Reuters,extra\n", r"meta.csv line 2: malformed CSV: 3 fields"),
    ("file,outlet\n../a.txt,Reuters\n", r"'../a.txt' is not a .txt file"),
    ("file,outlet\na.txt,Caf\udce9\n", r"meta.csv line 2: not UTF-8: column 'outlet'"),
])
def test_manifest_mistakes_stop_the_run_naming_manifest_and_line(tmp_path, manifest, message):
    d = _folder(tmp_path, None)
    (d / "meta.csv").write_bytes(manifest.encode("utf-8", "surrogateescape"))
    with pytest.raises(InputError, match=message):
        prepare([d])


def test_a_file_in_two_manifests_is_refused(tmp_path):
    d = _folder(tmp_path, "file,outlet\na.txt,Reuters\n")
    (d / "more.tsv").write_text("file\tdate\na.txt\t2020-06-15\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"'a.txt' is listed twice in the manifests of .*arts"):
        prepare([d])


def test_the_samples_manifest_says_only_what_the_texts_say():
    """Every outlet and date of notebooks/data/samples/samples.csv is backed by the text: the
    outlet's name is in it, and a phrase the note quotes from the text reads as that date."""
    manifest = pd.read_csv(SAMPLES / "samples.csv", dtype=str, keep_default_na=False)
    assert sorted(manifest["file"]) == sorted(p.name for p in SAMPLES.glob("*.txt"))
    given = 0
    for row in manifest.itertuples():
        text = (SAMPLES / row.file).read_text(encoding="utf-8")
        quotes = re.findall(r'"([^"]+)"', row.note)
        assert quotes and all(q in text for q in quotes), row.file  # the note quotes the text
        if row.outlet:
            assert row.outlet in text
        if row.date:
            assert any(parse_date(q) and parse_date(q).isoformat() == row.date for q in quotes), row.file
        assert not row.url or row.url in text
        given += bool(row.outlet) + bool(row.date)
    df, bad = read_articles([SAMPLES])
    assert not bad and df.set_index("id")["outlet"].get("000_be9244692f936ce2") == "Arab News"
    assert given == int(df["outlet"].notna().sum() + df["date"].notna().sum()) == 2
