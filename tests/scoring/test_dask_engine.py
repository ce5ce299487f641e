"""``relscore score --engine dask`` on a LocalCluster gives the local engine's
rows, spans and errors, row for row."""
import json
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")

from relscore import cli  # noqa: E402
from scoring.run.dask_engine import plan_pieces, read_piece  # noqa: E402
from scoring.io.corpus import expand_inputs  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "notebooks" / "data" / "samples").glob("*.txt"))


def make_corpus(path: Path) -> pd.DataFrame:
    """17 rows in row groups of 6, no id column (ids come from file and row),
    one row without text and dates in two formats."""
    texts = [f.read_text(encoding="utf-8").split("\n", 1) for f in SAMPLES]
    rows = []
    for i in range(17):
        title, text = texts[i % len(texts)]
        rows.append({"title": title, "content": "" if i == 8 else text,
                     "published": f"2020-01-{i + 1:02d}" if i % 2 else f"Jan {i + 1}, 2021",
                     "url": f"https://www.example{i % 3}.com/story/{i}"})
    df = pd.DataFrame(rows)
    df.to_parquet(path, row_group_size=6)
    return df


def test_pieces_cover_every_row_once_in_order(tmp_path):
    p = tmp_path / "c.parquet"
    df = make_corpus(p)
    pieces = plan_pieces(expand_inputs([p]), partition_rows=4)
    assert [x.rows for x in pieces] == [4, 2, 4, 2, 4, 1]  # row groups 6, 6, 5
    titles = [r["title"] for x in pieces for r in read_piece(x, ["title"])]
    assert titles == df["title"].tolist()
    assert [x.first_line for x in pieces] == [1, 5, 7, 11, 13, 17]


def test_dask_localcluster_equals_local_engine(tmp_path):
    corpus = tmp_path / "c.parquet"
    make_corpus(corpus)
    local = tmp_path / "local.parquet"
    assert cli.main(["score", str(corpus), "--out", str(local), "--spans", str(tmp_path / "local.spans.jsonl"),
                     "--errors", str(tmp_path / "local.errors.jsonl"), "--jobs", "1", "-q"]) == 0
    out, spans, errors = tmp_path / "dask_out", tmp_path / "dask_spans", tmp_path / "dask_errors"
    assert cli.main(["score", str(corpus), "--engine", "dask", "--jobs", "2", "--partition-rows", "4",
                     "--out", str(out), "--spans", str(spans), "--errors", str(errors), "-q"]) == 0
    want, got = pd.read_parquet(local), pd.read_parquet(out)
    assert len(want) == 16 and {"reliability", "bias"} <= set(want.columns)
    assert got["id"].tolist() == want["id"].tolist() == [f"c-{i + 1}" for i in range(17) if i != 8]
    pd.testing.assert_frame_equal(got, want)
    parts = sorted(spans.glob("*.jsonl"))
    assert len(parts) == 6
    assert b"".join(p.read_bytes() for p in parts) == (tmp_path / "local.spans.jsonl").read_bytes()
    errs = [json.loads(x) for p in sorted(errors.glob("*.jsonl")) for x in p.read_text().splitlines()]
    assert errs == [json.loads(x) for x in (tmp_path / "local.errors.jsonl").read_text().splitlines()]
    assert errs[0]["line"] == 9 and errs[0]["reason"] == "no text"


def test_dask_engine_refuses_other_inputs(tmp_path, capsys):
    assert cli.main(["score", str(SAMPLES[0].parent), "--engine", "dask", "--out", str(tmp_path / "o"), "-q"]) == 2
    assert "Parquet inputs only" in capsys.readouterr().err
