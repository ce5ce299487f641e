"""Rows ahead of a run, counted only where that is cheap and exact."""
import sqlite3
from pathlib import Path

import pandas as pd

from scoring.io.corpus import expand_inputs
from scoring.run.progress import count_rows


def _newsdata(db: Path, n: int) -> Path:
    """A NELA-GT-like SQLite file of ``n`` rows."""
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE newsdata (id TEXT, content TEXT)")
    con.executemany("INSERT INTO newsdata VALUES (?, ?)", [(str(i), "t") for i in range(n)])
    con.commit()
    con.close()
    return db


def test_count_rows_for_cheap_inputs(tmp_path):
    j = tmp_path / "a.jsonl"
    j.write_text('{"text": "a"}\n\n{"text": "b"}', encoding="utf-8")  # a blank line and no final newline
    p = tmp_path / "b.parquet"
    pd.DataFrame({"text": ["x"] * 5}).to_parquet(p)
    db = _newsdata(tmp_path / "c.sqlite", 4)
    assert count_rows(expand_inputs([j, p, db])) == 2 + 5 + 4
    c = tmp_path / "d.csv"
    c.write_text('text\n"two\nlines"\n', encoding="utf-8")
    assert count_rows(expand_inputs([j, c])) is None  # CSV lines are not rows


def test_a_folder_of_txt_files_counts_one_row_per_file(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text("Title\nBody.\n", encoding="utf-8")
    assert count_rows(expand_inputs([tmp_path])) == 3


def test_a_bounded_count_stops_once_the_total_is_past_the_bound(tmp_path):
    j = tmp_path / "a.jsonl"
    j.write_text("".join(f'{{"text": "t{i}"}}\n\n' for i in range(10)), encoding="utf-8")
    db = _newsdata(tmp_path / "c.sqlite", 8)
    c = tmp_path / "d.csv"
    c.write_text("text\nx\n", encoding="utf-8")
    assert count_rows(expand_inputs([j]), stop_above=3) == 4  # more than 3, not how many more
    assert count_rows(expand_inputs([db]), stop_above=3) == 4
    assert count_rows(expand_inputs([j, db]), stop_above=12) == 10 + 3
    assert count_rows(expand_inputs([j, db]), stop_above=18) == 18
    assert count_rows(expand_inputs([j, db]), stop_above=30) == 18  # within the bound: exact
    assert count_rows(expand_inputs([j, c]), stop_above=5) == 6  # past the bound before the CSV
    assert count_rows(expand_inputs([j, c]), stop_above=10) is None
