"""The Dask engine on a LocalCluster gives the local engine's rows, spans and
errors, row for row; it refuses inputs it cannot read and says how to install
Dask when it is missing."""
import json
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scoring.io.corpus import expand_inputs, prepare
from scoring.run import RunError, load_predict, require_dask, run_dask, run_local
from scoring.run.dask_engine import DASK_MISSING, plan_pieces, read_piece

ROOT = Path(__file__).resolve().parents[3]
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


def test_a_piece_with_dates_beyond_python_range_keeps_its_rows(tmp_path):
    p = tmp_path / "far.parquet"
    pq.write_table(pa.table({
        "id": ["a", "b"], "text": ["The ministers met, officials said."] * 2,
        "date": pa.array([18330, 2_932_897 + 10], type=pa.date32()),  # day 2,932,897 is 10000-01-01
    }), p)
    rows = [r for x in plan_pieces(expand_inputs([p]), partition_rows=4) for r in read_piece(x, ["id", "date"])]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert str(rows[0]["date"]) == "2020-03-09" and type(rows[1]["date"]).__name__ == "OutOfRange"


def test_dask_localcluster_equals_local_engine(tmp_path):
    pytest.importorskip("distributed")
    corpus = tmp_path / "c.parquet"
    make_corpus(corpus)
    predict = load_predict(None)
    local = tmp_path / "local.parquet"
    run_local(prepare([corpus]), local, spans=tmp_path / "local.spans.jsonl",
              errors=tmp_path / "local.errors.jsonl", predict=predict)
    out, spans = tmp_path / "dask_out", tmp_path / "dask_spans"
    submitted = []
    result = run_dask(prepare([corpus]), out, spans=spans, predict=predict, jobs=2, partition_rows=4,
                      on_submit=submitted.append)
    errors = tmp_path / "dask_out_errors"  # the default: OUT's name + _errors
    assert (result.read, result.scored, result.rejected, result.filtered, result.partitions) == (17, 16, 1, 0, 6)
    assert result.errors == errors and len(submitted) == 1
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


def test_dask_engine_refuses_other_inputs(tmp_path):
    with pytest.raises(RunError, match="Parquet inputs only; convert these first: .*000_"):
        run_dask(prepare([SAMPLES[0].parent]), tmp_path / "o")
    assert not (tmp_path / "o").exists()


def test_partition_rows_must_be_positive(tmp_path):
    corpus = tmp_path / "c.parquet"
    make_corpus(corpus)
    with pytest.raises(RunError, match="--partition-rows must be >= 1"):
        run_dask(prepare([corpus]), tmp_path / "o", partition_rows=0)


@pytest.mark.parametrize("missing", ["dask", "dask.dataframe", "distributed"])
def test_missing_dask_says_how_to_install(tmp_path, monkeypatch, missing):
    """Dask absent, or installed without its dataframe requirements, or without distributed."""
    monkeypatch.setitem(sys.modules, missing, None)  # as if not installed
    with pytest.raises(RunError) as e:
        require_dask()
    assert str(e.value).startswith("--engine dask needs Dask, which cannot be imported (")
    assert missing in str(e.value) and str(e.value).endswith("): pip install 'relscore[dask]'")
    assert DASK_MISSING.endswith("pip install 'relscore[dask]'")
    corpus = tmp_path / "c.parquet"
    make_corpus(corpus)
    with pytest.raises(RunError, match="pip install 'relscore\\[dask\\]'"):
        run_dask(prepare([corpus]), tmp_path / "o")
