"""The worker pool survives a worker dying: the article that killed it is found,
listed in the errors file with that reason, and the run goes on; and workers die
with their parent."""
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from scoring.io.corpus import prepare
from scoring.io.tables import read_table
from scoring.run import chunks, run_local
from scoring.run import workers
from scoring.run.workers import CRASH_REASON

from .conftest import ROOT, SAMPLES, read_jsonl, write_corpus

try:
    import psutil  # optional (relscore[bench]); /proc serves without it
except ImportError:
    psutil = None


def test_an_article_that_kills_its_worker_goes_to_the_errors_file(tmp_path, monkeypatch):
    """A worker dying (here: os._exit, as a segfault or the OOM killer would)
    breaks the pool; the run finds the article, lists it and goes on."""
    if "fork" not in multiprocessing.get_all_start_methods():
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
    result = run_local(prepare([corpus]), out, errors=errs, jobs=2, batch_size=3)
    assert (result.counts.scored, result.counts.rejected) == (13, 2)
    assert read_table(out)["id"].tolist() == [i for i in ids if i != "a0009"]
    errors = read_jsonl(errs)
    assert [e.get("id") for e in errors] == [None, "a0009"]
    assert errors[1]["reason"].startswith(CRASH_REASON.split("(")[0])


def _children(pid: int) -> list[int]:
    if psutil is not None:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for whoever adopted it to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes through /proc (Linux)")
def test_workers_die_when_their_parent_is_killed(tmp_path):
    """kill -9 of ``relscore score --jobs 2`` leaves no worker behind."""
    corpus = tmp_path / "c.jsonl"
    texts = [f.read_text(encoding="utf-8").split("\n", 1) for f in SAMPLES]
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "title": texts[i % 5][0], "text": texts[i % 5][1][:1500]})
                              + "\n" for i in range(300)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "relscore", "score", str(corpus), "--out", str(tmp_path / "o.csv"),
                             "--jobs", "2", "--batch-size", "40", "-q"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kids: list[int] = []
    try:
        deadline = time.monotonic() + 300
        while len(kids) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            kids = _children(proc.pid)
        assert len(kids) >= 2, "the run started no workers"
        time.sleep(0.5)  # the workers are past their start-up, busy scoring
        # 300 articles in batches of 40 stay under RECYCLE_BATCHES, so no worker is replaced
        # on purpose; a look just before the kill still takes whatever workers run then
        kids = [k for k in _children(proc.pid) if _alive(k)]
        assert len(kids) >= 2 and proc.poll() is None, "the workers ended before the kill"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 5
        while any(_alive(k) for k in kids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [k for k in kids if _alive(k)], "workers outlived their killed parent"
    finally:
        if proc.poll() is None:
            proc.kill()
        for k in kids:
            if _alive(k):
                os.kill(k, signal.SIGKILL)


def test_the_watchdog_ends_a_worker_whose_parent_is_gone(monkeypatch):
    """Where prctl is missing, the watching thread notices the parent id change."""
    exits = []
    monkeypatch.setattr(workers, "WATCH_INTERVAL", 0.01)
    monkeypatch.setattr(workers.os, "_exit", exits.append)
    parents = iter([os.getpid()] * 3 + [1] * 100)  # adopted by init at the fourth look
    monkeypatch.setattr(workers.os, "getppid", lambda: next(parents))
    t = threading.Thread(target=workers._watch_parent, args=(os.getpid(),))
    t.start()
    t.join(5)
    assert exits == [1] and not t.is_alive() and len(list(parents)) == 99  # looked 4 times


def _worker_pid(articles, **kw):
    """Stands in for score_chunk: which process ran the batch."""
    time.sleep(0.05)
    return os.getpid()


def test_each_worker_is_replaced_after_its_batches_while_the_other_goes_on(monkeypatch):
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the patched task reaches worker processes only through fork")
    monkeypatch.setattr(workers, "score_chunk", _worker_pid)
    pool = workers.Workers(2, recycle_after=2)
    assert [lane.left for lane in pool.lanes] == [2, 1]  # staggered: never both replaced at once
    futures, alive = [], []
    try:
        for _ in range(10):
            while not pool.has_room():
                pool.wait_any()
            futures.append(pool.submit([]))
            alive.append(len(multiprocessing.active_children()))
        pids = [f.result(timeout=60) for f in futures]
    finally:
        pool.close()
    # no process ran more than its two batches, both workers were busy from the start, and a
    # worker is replaced only once it is done: never a third process (memory)
    assert max(pids.count(p) for p in pids) <= 2 and len(set(pids)) >= 5
    assert pids[0] != pids[1] and max(alive) <= 2
    assert multiprocessing.active_children() == []  # the replaced workers were shut down too
