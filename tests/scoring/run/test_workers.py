"""The worker pool survives a worker dying: the article that killed it is found,
listed in the errors file with that reason, and the run goes on."""
import multiprocessing
import os

import pytest

from scoring.io.corpus import prepare
from scoring.io.tables import read_table
from scoring.run import chunks, run_local
from scoring.run.workers import CRASH_REASON

from .conftest import read_jsonl, write_corpus


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
