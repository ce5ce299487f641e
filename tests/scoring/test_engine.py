"""The local engine of ``relscore score``: worker processes, a worker that dies,
resuming a killed run, Parquet parts, progress output."""
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from relscore import cli
from scoring.run import chunks, resume
from scoring.io.tables import read_table
from scoring.run.progress import count_rows

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "notebooks" / "data" / "samples").glob("*.txt"))


def write_corpus(path: Path, n: int, bad_every: int = 0, crash_at: int | None = None) -> list[str]:
    """n articles built from the bundled samples (ids a0000...), optionally with
    a row without text every ``bad_every`` rows and a malformed JSON line after
    the first; returns the ids of the good articles in order."""
    texts = [f.read_text(encoding="utf-8").split("\n", 1) for f in SAMPLES]
    ids, lines = [], []
    for i in range(n):
        title, text = texts[i % len(texts)]
        if crash_at == i:
            text = "CRASH " + text
        if bad_every and i % bad_every == bad_every - 1:
            lines.append(json.dumps({"id": f"a{i:04d}", "title": title, "text": "  "}))
            continue
        lines.append(json.dumps({"id": f"a{i:04d}", "title": title, "text": text, "date": f"2019-03-{1 + i % 28:02d}"}))
        ids.append(f"a{i:04d}")
        if i == 0:
            lines.append('{"id": "broken", "text": ')  # malformed line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.fixture
def no_model(monkeypatch):
    monkeypatch.setattr(cli, "_load_predict", lambda paths: None)


def test_jobs_2_gives_the_same_rows_and_spans_as_jobs_1(tmp_path, monkeypatch, no_model):
    from scoring.run import local as engine

    monkeypatch.setattr(engine, "RECYCLE_BATCHES", 2)  # fresh workers mid-run change nothing
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 23, bad_every=7)
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"o{jobs}.csv"
        assert cli.main(["score", str(corpus), "--out", str(out), "--spans", str(tmp_path / f"s{jobs}.jsonl"),
                         "--errors", str(tmp_path / f"e{jobs}.jsonl"), "--jobs", str(jobs),
                         "--batch-size", "4", "-q"]) == 0
        outs[jobs] = out
    assert read_table(outs[1])["id"].tolist() == ids
    assert outs[1].read_bytes() == outs[2].read_bytes()
    assert (tmp_path / "s1.jsonl").read_bytes() == (tmp_path / "s2.jsonl").read_bytes()
    errors = read_jsonl(tmp_path / "e2.jsonl")
    # the malformed line (line 2) and every 7th row without text, in input order
    assert [e["line"] for e in errors] == sorted(e["line"] for e in errors)
    assert len(errors) == 1 + 23 // 7 and errors[0]["line"] == 2
    assert all(e["reason"] == "no text" for e in errors[1:])


def test_an_article_that_kills_its_worker_goes_to_the_errors_file(tmp_path, monkeypatch, no_model):
    """A worker dying (here: os._exit, as a segfault or the OOM killer would)
    breaks the pool; the run finds the article, lists it and goes on."""
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("the patched analysis reaches worker processes only through fork")
    real = chunks._analyze_one

    def crashing(art):
        if art.text.startswith("CRASH"):
            os._exit(3)
        return real(art)

    monkeypatch.setattr(chunks, "_analyze_one", crashing)
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 14, crash_at=9)
    out, errs = tmp_path / "o.csv", tmp_path / "e.jsonl"
    assert cli.main(["score", str(corpus), "--out", str(out), "--errors", str(errs), "--jobs", "2",
                     "--batch-size", "3", "-q"]) == 0
    assert read_table(out)["id"].tolist() == [i for i in ids if i != "a0009"]
    errors = read_jsonl(errs)
    assert [e.get("id") for e in errors] == [None, "a0009"]
    assert errors[1]["reason"].startswith("worker process crashed")


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
    base = [sys.executable, "-m", "relscore.cli", "score", str(corpus), "--batch-size", "4", "--jobs", "1", "-q"]

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


def test_resume_of_a_finished_run_scores_nothing_again(tmp_path, capsys, no_model):
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 9, bad_every=4)
    out, errs = tmp_path / "o.parquet", tmp_path / "e.jsonl"
    args = ["score", str(corpus), "--out", str(out), "--errors", str(errs), "--jobs", "1", "--batch-size", "2", "-q"]
    assert cli.main(args) == 0
    first, first_errors = pd.read_parquet(out), errs.read_bytes()
    capsys.readouterr()
    assert cli.main([*args, "--resume"]) == 0
    err = capsys.readouterr().err
    assert "scored 0, rejected 0" in err and f"already done {len(ids) + 3}" in err
    pd.testing.assert_frame_equal(pd.read_parquet(out), first)
    assert errs.read_bytes() == first_errors
    assert pq_row_groups(out) == 1  # batches of 2 joined into one row group


def pq_row_groups(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).num_row_groups


def test_progress_log_lines_when_not_on_a_terminal(tmp_path, caplog, monkeypatch, no_model):
    from scoring.run import progress

    monkeypatch.setattr(progress, "LOG_EVERY", 0.0)
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 6)
    assert cli.main(["score", str(corpus), "--out", str(tmp_path / "o.csv"), "--jobs", "1",
                     "--batch-size", "2"]) == 0
    err = caplog.text
    lines = re.findall(r"progress: (\d+) of 7 \(\d+%\) articles, \d+/s, \d+m\d\ds elapsed(, ETA \d+m\d\ds)?", err)
    assert len(lines) >= 2, err
    assert any(eta for _, eta in lines[:-1])


def test_count_rows_for_cheap_inputs(tmp_path):
    import sqlite3

    from scoring.io.corpus import expand_inputs

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
