"""Resume points: a run killed at any moment continues to the uninterrupted
result; resuming a finished run scores nothing again; an output written with
other columns is refused."""
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

from scoring.io.corpus import prepare
from scoring.io.tables import read_table
from scoring.run import ResumeError, resume, run_local

from .conftest import ROOT, write_corpus


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

    def fake_predict(features, model_paths=None):
        return pd.DataFrame({"reliability": 50.0, "bias": 10.0, "reliability_why": "{}", "bias_why": "{}"},
                            index=features.index)

    with pytest.raises(ResumeError, match="other columns"):
        run_local(prepare([corpus]), out, predict=fake_predict, resume=True)
