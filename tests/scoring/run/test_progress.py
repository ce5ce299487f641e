"""Rows ahead of a run, counted only where that is cheap and exact."""
import sqlite3

import pandas as pd

from scoring.io.corpus import expand_inputs
from scoring.run.progress import count_rows


def test_count_rows_for_cheap_inputs(tmp_path):
    j = tmp_path / "a.jsonl"
    j.write_text('{"text": "a"}\n\n{"text": "b"}', encoding="utf-8")  # a blank line and no final newline
    p = tmp_path / "b.parquet"
    pd.DataFrame({"text": ["x"] * 5}).to_parquet(p)
    db = tmp_path / "c.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE newsdata (id TEXT, content TEXT)")
    con.executemany("INSERT INTO newsdata VALUES (?, ?)", [(str(i), "t") for i in range(4)])
    con.commit()
    con.close()
    assert count_rows(expand_inputs([j, p, db])) == 2 + 5 + 4
    c = tmp_path / "d.csv"
    c.write_text('text\n"two\nlines"\n', encoding="utf-8")
    assert count_rows(expand_inputs([j, c])) is None  # CSV lines are not rows


def test_a_folder_of_txt_files_counts_one_row_per_file(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text("Title\nBody.\n", encoding="utf-8")
    assert count_rows(expand_inputs([tmp_path])) == 3
