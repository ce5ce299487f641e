"""Writers: formats told by the file name, Parquet parts joined in order, lazy record files."""
import pandas as pd
import pytest

from scoring.io.output import PartsParquetWriter, RecordWriter, encode_records, table_format


def test_table_format_from_the_name():
    assert [table_format(n) for n in ("s.CSV", "s.parquet", "s.jsonl")] == ["csv", "parquet", "jsonl"]
    with pytest.raises(ValueError, match=r"'scores\.xlsx'.*\.csv, \.parquet, \.jsonl"):
        table_format("scores.xlsx")


def test_parquet_parts_resume_and_join_in_order(tmp_path):
    cols = ["id", "outlet", "reliability"]
    parts = tmp_path / "parts"
    w = PartsParquetWriter(tmp_path / "s.parquet", cols, parts)
    w.write(pd.DataFrame({"id": ["1"], "outlet": [None], "reliability": [0.5]}))   # no outlet yet: still text
    assert w.position() == 1
    w = PartsParquetWriter(tmp_path / "s.parquet", cols, parts, start=1)              # a resumed run
    w.write(pd.DataFrame({"id": ["2"], "outlet": ["cnn.com"], "reliability": [0.25]}))
    w.finish()
    back = pd.read_parquet(tmp_path / "s.parquet")
    assert back["id"].tolist() == ["1", "2"] and back["reliability"].tolist() == [0.5, 0.25]
    assert pd.isna(back["outlet"].iloc[0]) and back["outlet"].iloc[1] == "cnn.com"
    assert not parts.exists()


def test_lazy_record_file_appears_with_its_first_record(tmp_path):
    w = RecordWriter(tmp_path / "errors.jsonl", lazy=True)
    assert w.position() == 0 and not (tmp_path / "errors.jsonl").exists()
    w.write({"file": "a.jsonl", "line": 2, "reason": "café"})
    w.close()
    assert (tmp_path / "errors.jsonl").read_text(encoding="utf-8") == '{"file": "a.jsonl", "line": 2, "reason": "café"}\n'


def test_records_encoded_elsewhere_are_written_as_write_many_writes_them(tmp_path):
    recs = [{"id": "a", "text": "line one\nline two", "start": 3}, {"id": "b", "text": "naïve “quote”", "start": 0}]
    direct, encoded = RecordWriter(tmp_path / "direct.jsonl"), RecordWriter(tmp_path / "encoded.jsonl")
    direct.write_many(recs)
    encoded.write_lines(encode_records(recs))
    encoded.write_lines(encode_records([]))  # nothing to write
    assert encode_records([]) == "" and encoded.count == direct.count == 2
    direct.close(), encoded.close()
    text = (tmp_path / "encoded.jsonl").read_text(encoding="utf-8")
    assert text == (tmp_path / "direct.jsonl").read_text(encoding="utf-8")
    assert text.splitlines()[1] == '{"id": "b", "text": "naïve “quote”", "start": 0}'
