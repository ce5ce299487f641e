"""Reading tables back: what the writers wrote, ids kept as text, errors naming the file."""
import pandas as pd
import pytest

from scoring.io.output import CsvTableWriter, JsonlTableWriter, RecordWriter
from scoring.io.tables import read_records, read_table

FRAME = pd.DataFrame({"id": ["0001", "0002"], "outlet": ["NA", "cnn.com"], "date": ["2020-03-06", None],
                      "reliability": [0.25, 0.75]})


@pytest.mark.parametrize("name, writer", [("s.csv", CsvTableWriter), ("s.jsonl", JsonlTableWriter)])
def test_round_trip_keeps_identity_columns_as_text(tmp_path, name, writer):
    w = writer(tmp_path / name, list(FRAME.columns))
    w.write(FRAME)
    w.close()
    back = read_table(tmp_path / name)
    assert back["id"].tolist() == ["0001", "0002"]                    # zeros kept
    assert back["outlet"].tolist() == ["NA", "cnn.com"]                # an outlet called NA is not missing
    assert back["date"].iloc[0] == "2020-03-06" and pd.isna(back["date"].iloc[1])
    assert back["reliability"].tolist() == [0.25, 0.75]


def test_tsv_parquet_and_empty_jsonl(tmp_path):
    FRAME.to_csv(tmp_path / "s.tsv", sep="\t", index=False)
    assert read_table(tmp_path / "s.tsv")["id"].tolist() == ["0001", "0002"]
    FRAME.to_parquet(tmp_path / "s.pq")
    assert read_table(tmp_path / "s.pq").equals(FRAME)
    (tmp_path / "spans.ndjson").write_text("", encoding="utf-8")
    assert read_table(tmp_path / "spans.ndjson").empty


def test_errors_name_the_file_and_what_is_wrong(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"SCORES file '.*nope\.csv' does not exist"):
        read_table(tmp_path / "nope.csv", "SCORES")
    (tmp_path / "scores.xlsx").write_bytes(b"PK")
    with pytest.raises(ValueError, match=r"--spans file '.*scores\.xlsx' has extension '\.xlsx'; use .*\.csv.*\.jsonl"):
        read_table(tmp_path / "scores.xlsx", "--spans")


def test_records_with_at_least_the_span_columns(tmp_path):
    w = RecordWriter(tmp_path / "spans.jsonl")
    w.write_many([{"id": "a", "start": 0, "end": 5, "kind": "hedge"}, {"id": "b", "start": 3, "end": 9, "kind": "quote"}])
    w.close()
    spans = read_records(tmp_path / "spans.jsonl")
    assert spans[["id", "start", "kind"]].values.tolist() == [["a", 0, "hedge"], ["b", 3, "quote"]]
    assert {"label", "voice", "text"} <= set(spans.columns)
    assert read_records(tmp_path / "absent.jsonl").empty
