"""Resume points: a run killed at any moment continues to the uninterrupted
result; resuming a finished run scores nothing again; an output written with
other columns is refused."""
import errno
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from scoring.io import output
from scoring.io.corpus import prepare
from scoring.io.tables import read_table
from scoring.run import ResumeError, resume, run_local
from scoring.run.errors import OutputError

from .conftest import ROOT, read_jsonl, write_corpus


def _run_until_killed(cmd: list[str], out: Path, min_rows: int) -> None:
    """Start ``cmd`` and SIGKILL it once its resume point records at least
    ``min_rows`` written rows (but before it finishes)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ckpt = resume.checkpoint_path(out)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail("the run finished before it could be interrupted; give it more articles")
            if ckpt.exists():
                try:
                    pos = json.loads(ckpt.read_text())["positions"]["out"]
                except (ValueError, KeyError):
                    pos = 0
                if pos >= min_rows:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    return
            time.sleep(0.01)
        pytest.fail("no resume point appeared")
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_killed_run_resumes_to_the_uninterrupted_result(tmp_path, fmt):
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 160, bad_every=25)
    base = [sys.executable, "-m", "relscore", "score", str(corpus), "--batch-size", "4", "--jobs", "1", "-q"]

    def files(name):
        return tmp_path / f"{name}.{fmt}", tmp_path / f"{name}.spans.jsonl", tmp_path / f"{name}.errors.jsonl"

    ref, ref_spans, ref_errors = files("ref")
    subprocess.run([*base, "--out", str(ref), "--spans", str(ref_spans), "--errors", str(ref_errors)],
                   check=True, cwd=ROOT)
    out, spans, errors = files("out")
    cmd = [*base, "--out", str(out), "--spans", str(spans), "--errors", str(errors)]
    # parquet records parts, CSV bytes: either way well past the first batches
    _run_until_killed(cmd, out, min_rows=3 if fmt == "parquet" else 20_000)
    assert resume.checkpoint_path(out).exists()
    if fmt == "csv":
        done = len(read_table(out))
        assert 0 < done < len(ids)
        with open(out, "a", encoding="utf-8") as fh:  # a row torn by the kill
            fh.write("a9999,half a row")
        with open(spans, "a", encoding="utf-8") as fh:
            fh.write('{"id": "a99')
    else:
        assert not out.exists() and resume.parts_dir(out).is_dir()

    res = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert re.search(r"already done [1-9]\d*", res.stderr)
    if fmt == "csv":
        assert out.read_bytes() == ref.read_bytes()
    else:
        pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(ref))
        assert not resume.parts_dir(out).exists()
    assert spans.read_bytes() == ref_spans.read_bytes()
    assert errors.read_bytes().replace(b"out.", b"ref.") == ref_errors.read_bytes().replace(b"out.", b"ref.")
    assert read_table(out)["id"].tolist() == ids
    assert not resume.checkpoint_path(out).exists()


def test_resume_of_a_finished_run_scores_nothing_again(tmp_path):
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 9, bad_every=4)
    out, errs = tmp_path / "o.parquet", tmp_path / "e.jsonl"
    options = {"errors": errs, "batch_size": 2}
    first_run = run_local(prepare([corpus]), out, **options)
    assert not first_run.resumed and first_run.counts.scored == len(ids)
    first, first_errors = pd.read_parquet(out), errs.read_bytes()
    again = run_local(prepare([corpus]), out, resume=True, **options)
    assert again.resumed and again.earlier_rejected == 3
    assert (again.counts.scored, again.counts.rejected, again.counts.already_done) == (0, 0, len(ids) + 3)
    pd.testing.assert_frame_equal(pd.read_parquet(out), first)
    assert errs.read_bytes() == first_errors
    assert pq.ParquetFile(out).num_row_groups == 1  # batches of 2 joined into one row group
    assert not resume.checkpoint_path(out).exists()


def test_resume_without_earlier_output_is_a_fresh_run(tmp_path):
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 3)
    result = run_local(prepare([corpus]), tmp_path / "o.csv", resume=True)
    assert not result.resumed and result.counts.scored == len(ids)


def test_resume_refuses_an_output_with_other_columns(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 3)
    out = tmp_path / "o.csv"
    run_local(prepare([corpus]), out, limit=2)  # features only

    def fake_predict(features, model_paths=None, docs=None):
        return pd.DataFrame({"reliability": 50.0, "bias": 10.0, "reliability_why": "{}", "bias_why": "{}"},
                            index=features.index)

    with pytest.raises(ResumeError, match="other columns"):
        run_local(prepare([corpus]), out, predict=fake_predict, resume=True)


def _interrupted(corpus: Path, out: Path, after: int, **options) -> None:
    """A run stopped (as by Ctrl-C) once ``after`` input rows are done."""
    done = []

    def stop(n):
        done.append(n)
        if sum(done) >= after:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_local(prepare([corpus]), out, on_progress=stop, **options)
    assert resume.checkpoint_path(out).exists()


def _with_duplicate_ids(path: Path, n: int) -> list[str]:
    """n sample articles whose ids repeat every 5 rows (a0000..a0004, a0000..)."""
    write_corpus(path, n)
    lines = path.read_text(encoding="utf-8").splitlines()
    recs = [json.loads(x) for x in lines if not x.startswith('{"id": "broken"')]
    for i, r in enumerate(recs):
        r["id"] = f"a{i % 5:04d}"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return [r["id"] for r in recs]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_resume_scores_every_row_of_an_input_with_duplicate_ids(tmp_path, fmt):
    """Resume tracks input positions: a later row with an id already written is not done."""
    corpus = tmp_path / "c.jsonl"
    ids = _with_duplicate_ids(corpus, 13)
    ref, out = tmp_path / f"ref.{fmt}", tmp_path / f"out.{fmt}"
    run_local(prepare([corpus]), ref, spans=tmp_path / "ref.spans.jsonl", batch_size=2)
    _interrupted(corpus, out, after=6, spans=tmp_path / "out.spans.jsonl", batch_size=2)
    again = run_local(prepare([corpus]), out, resume=True, spans=tmp_path / "out.spans.jsonl", batch_size=2)
    assert again.counts.already_done == 6 and again.counts.scored == len(ids) - 6
    assert read_table(out)["id"].tolist() == ids
    if fmt == "parquet":
        pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(ref))
    else:
        assert out.read_bytes() == ref.read_bytes()
    assert (tmp_path / "out.spans.jsonl").read_bytes() == (tmp_path / "ref.spans.jsonl").read_bytes()


def test_resume_refuses_an_output_that_does_not_follow_the_input(tmp_path):
    corpus, other = tmp_path / "c.jsonl", tmp_path / "d.jsonl"
    write_corpus(corpus, 6)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    other.write_text("\n".join([lines[0], *lines[3:], *lines[1:3]]) + "\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    _interrupted(corpus, out, after=4, batch_size=2)
    with pytest.raises(ResumeError, match=r"does not follow the input.*d\.jsonl"):
        run_local(prepare([other]), out, resume=True, batch_size=2)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_torn_last_record_without_a_resume_point_is_cut_and_redone(tmp_path, fmt):
    """An output torn mid-record with no resume point (written by an older relscore,
    or its .progress lost): every file loses its partial last record, which is redone."""
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 9, bad_every=4)
    ref, out = tmp_path / f"ref.{fmt}", tmp_path / f"out.{fmt}"
    names = {"ref": (ref, tmp_path / "ref.s.jsonl", tmp_path / "ref.e.jsonl"),
             "out": (out, tmp_path / "out.s.jsonl", tmp_path / "out.e.jsonl")}
    for t, s, e in names.values():
        run_local(prepare([corpus]), t, spans=s, errors=e, batch_size=2)
    # Out cut inside its 5th row; spans inside the record after the 4th article's (a0004;
    # a0003 has no text); errors inside its last record: nothing else changed.
    t, s, e = names["out"]
    body = t.read_bytes()
    ends = [i + 1 for i, b in enumerate(body) if b == ord("\n")]
    t.write_bytes(body[:ends[4 if fmt == "csv" else 3] + 30])
    span_lines = s.read_bytes().splitlines(keepends=True)
    s_ids = [json.loads(x)["id"] for x in span_lines]
    keep = max(i for i, x in enumerate(s_ids) if x == ids[3]) + 1
    s.write_bytes(b"".join(span_lines[:keep]) + span_lines[keep][:25])
    e.write_bytes(e.read_bytes()[:-10])
    again = run_local(prepare([corpus]), t, spans=s, errors=e, batch_size=2, resume=True)
    assert again.counts.already_done > 0 and again.counts.scored > 0
    for a, b in zip(names["out"], names["ref"]):
        assert a.read_bytes().replace(b"out.", b"ref.") == b.read_bytes().replace(b"out.", b"ref."), a


def test_a_disk_full_in_the_first_batch_resumes_to_the_uninterrupted_result(tmp_path, monkeypatch):
    """The disk fills while the first batch is written (before any batch is whole):
    the run stops with an OutputError that says so; resume cuts the torn row and
    span line back to the resume point the run wrote at its start."""
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 6)
    ref, out = tmp_path / "ref.csv", tmp_path / "out.csv"
    run_local(prepare([corpus]), ref, spans=tmp_path / "ref.s.jsonl", batch_size=3)
    real_write = output.CsvTableWriter.write

    def fill_up(self, frame):
        self._fh.write(frame.to_csv(index=False, header=False)[:40])  # a torn row reaches the disk
        self._fh.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.CsvTableWriter, "write", fill_up)
    with pytest.raises(OutputError, match=r"cannot write the output .*out\.csv: No space left") as e:
        run_local(prepare([corpus]), out, spans=tmp_path / "out.s.jsonl", batch_size=3)
    assert e.value.no_room and e.value.path == out
    assert resume.checkpoint_path(out).exists() and out.read_text(encoding="utf-8").count("\n") == 1
    monkeypatch.setattr(output.CsvTableWriter, "write", real_write)
    again = run_local(prepare([corpus]), out, spans=tmp_path / "out.s.jsonl", batch_size=3, resume=True)
    assert again.counts.already_done == 0 and again.counts.scored == 6
    assert out.read_bytes() == ref.read_bytes()
    assert (tmp_path / "out.s.jsonl").read_bytes() == (tmp_path / "ref.s.jsonl").read_bytes()


def test_a_csv_record_torn_inside_a_quoted_line_break_is_cut(tmp_path):
    out = tmp_path / "o.csv"
    pd.DataFrame({"id": ["a", "b"], "title": ["one", "two\nlines"], "x": [1.0, 2.0]}).to_csv(out, index=False)
    whole = out.read_bytes()
    out.write_bytes(whole[:whole.index(b"lines")])  # ends just after the newline inside the quotes
    state = resume.prepare_resume(out, "csv", None, None)
    assert state.done_ids == ["a"] and out.read_bytes() == whole[:whole.index(b"b,")]


def test_resume_from_another_folder_matches_the_rejected_rows(tmp_path, monkeypatch):
    """The errors file names inputs as given: ``c.jsonl`` then, resumed from a subfolder, ``../c.jsonl``."""
    write_corpus(tmp_path / "c.jsonl", 8, bad_every=3)
    monkeypatch.chdir(tmp_path)
    _interrupted(Path("c.jsonl"), Path("o.csv"), after=5, batch_size=2)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    again = run_local(prepare([Path("../c.jsonl")]), Path("../o.csv"), resume=True, batch_size=2)
    c = again.counts
    assert c.already_done >= 5 and c.already_done + c.scored + c.rejected == c.read == 9
    assert [e["line"] for e in read_jsonl(tmp_path / "o.errors.jsonl")] == [2, 4, 7]
    assert read_table(tmp_path / "o.csv")["id"].tolist() == ["a0000", "a0001", "a0003", "a0004", "a0006", "a0007"]


def test_a_resumed_run_of_one_batch_left_with_two_jobs_ends_as_the_uninterrupted_run(tmp_path):
    """The rest of a run stopped after its first batch fits one batch: it is scored in this process."""
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 6)
    ref, out = tmp_path / "ref.csv", tmp_path / "out.csv"
    run_local(prepare([corpus]), ref, spans=tmp_path / "ref.spans.jsonl", batch_size=2)
    _interrupted(corpus, out, after=3, spans=tmp_path / "out.spans.jsonl", batch_size=2)
    again = run_local(prepare([corpus]), out, resume=True, spans=tmp_path / "out.spans.jsonl", jobs=2,
                      batch_size=7)
    assert again.counts.already_done == 3 and again.counts.scored == len(ids) - 2
    assert out.read_bytes() == ref.read_bytes()
    assert (tmp_path / "out.spans.jsonl").read_bytes() == (tmp_path / "ref.spans.jsonl").read_bytes()
