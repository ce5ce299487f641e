"""Parquet reader: rows streamed in file order across row groups."""
import pyarrow as pa
import pyarrow.parquet as pq

from scoring.io.corpus import iter_articles
from scoring.io.parquet import OutOfRange, batch_records, iter_parquet, parquet_columns

from .conftest import split


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


def test_only_the_asked_columns_are_read(tmp_path):
    p = tmp_path / "allsides_like.parquet"
    make_parquet(p, n=250)
    assert parquet_columns(p) == ["ID", "title", "content_original", "source", "url", "date"]
    rows = list(iter_parquet(p, ["ID", "date"]))
    assert [n for n, _ in rows] == list(range(1, 251))
    assert rows[1] == (2, {"ID": "p0001", "date": "2019-07-11"})


def test_dates_beyond_python_range_leave_the_row_undated(tmp_path, caplog):
    p = tmp_path / "far.parquet"
    text = "The ministers met in Ankara, officials said."
    pq.write_table(pa.table({
        "id": ["a", "b", "c", "d"], "text": [text] * 4,
        "date": pa.array([18330, 2_932_897 + 10, 18331, None], type=pa.date32()),     # day 2,932,897 is 10000-01-01
        "published": pa.array([1_583_000_000_000_000, 2**62, None, 2**62], type=pa.timestamp("us")),
    }), p)
    arts, bad = split(list(iter_articles([p])))
    assert bad == []
    assert [(a.id, a.text, a.date, a.date_status) for a in arts] == [
        ("a", text, "2020-03-09", "ok"), ("b", text, None, "unparseable"),
        ("c", text, "2020-03-10", "ok"), ("d", text, None, "unparseable")]
    assert "2 value(s) of column 'published' beyond what Python can hold" in caplog.text


def test_batch_records_marks_only_the_cells_out_of_range():
    batch = pa.record_batch({"t": ["x", "y"], "d": pa.array([0, 2**62], type=pa.timestamp("us"))})
    recs = batch_records(batch, "f.parquet")
    assert recs[0]["d"].year == 1970 and recs[1] == {"t": "y", "d": OutOfRange("timestamp[us]")}


_SCORE_TEXT_FILES = """
import sys
from pathlib import Path
from relscore import cli
folder, out = sys.argv[1:]
assert cli.main(["score", folder, "--out", out, "--spans", out + ".jsonl", "-q", "--jobs", "1"]) == 0
print("pyarrow.parquet" in sys.modules, len(Path(out).read_text(encoding="utf-8").splitlines()))
"""


def test_scoring_text_files_to_csv_never_imports_pyarrow_parquet(tmp_path):
    # a fresh interpreter: this one has imported pyarrow.parquet above
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    folder = tmp_path / "texts"
    folder.mkdir()
    text = "Ministers met in Ankara on Tuesday.\n\nThey agreed on a ceasefire, officials said.\n"
    (folder / "a.txt").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _SCORE_TEXT_FILES, str(folder), str(tmp_path / "s.csv")],
                          capture_output=True, text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "2"]  # the header and the one article's row
