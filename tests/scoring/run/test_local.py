"""The local engine called as a library: rows in input order whatever the
number of workers, counts of what became of every input row, the progress
callback, the default errors file and the texts kept for a report."""
import gc
from pathlib import Path

import pandas as pd
import pytest

from scoring.io.corpus import prepare
from scoring.io.tables import read_table
from scoring.run import local, run_local
from scoring.run.local import LocalRun
from scoring.run.workers import SCORING_GC_THRESHOLD

from .conftest import read_jsonl, write_corpus

FIX = Path(__file__).resolve().parents[1] / "fixtures"


def test_jobs_2_gives_the_same_rows_and_spans_as_jobs_1(tmp_path, monkeypatch):
    monkeypatch.setattr(local, "RECYCLE_BATCHES", 2)  # fresh workers mid-run change nothing
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 23, bad_every=7)
    for jobs in (1, 2):
        result = run_local(prepare([corpus]), tmp_path / f"o{jobs}.csv", spans=tmp_path / f"s{jobs}.jsonl",
                           errors=tmp_path / f"e{jobs}.jsonl", jobs=jobs, batch_size=4)
        assert (result.counts.read, result.counts.scored, result.counts.rejected) == (24, len(ids), 4)
    assert read_table(tmp_path / "o1.csv")["id"].tolist() == ids
    assert (tmp_path / "o1.csv").read_bytes() == (tmp_path / "o2.csv").read_bytes()
    assert (tmp_path / "s1.jsonl").read_bytes() == (tmp_path / "s2.jsonl").read_bytes()
    errors = read_jsonl(tmp_path / "e2.jsonl")
    # the malformed line (line 2) and every 7th row without text, in input order
    assert [e["line"] for e in errors] == sorted(e["line"] for e in errors)
    assert len(errors) == 1 + 23 // 7 and errors[0]["line"] == 2
    assert all(e["reason"] == "no text" for e in errors[1:])


def test_counts_paths_and_progress_of_a_run(tmp_path):
    """The mixed fixture corpus, filtered to 2020-03-06..07: every row read is
    scored, rejected or filtered, and the callback hears of every one."""
    inputs = [FIX / "txt", FIX / "articles.jsonl", FIX / "nela_json"]
    done = []
    out = tmp_path / "o.jsonl"
    result = run_local(prepare(inputs), out, on_progress=done.append, since="2020-03-06", until="2020-03-07",
                       keep_texts=True)
    c = result.counts
    # anotheroutlet (03-05) and Drone strikes (03-08) are outside; the undated are kept
    assert (c.read, c.scored, c.rejected, c.filtered) == (14, 6, 6, 2)
    assert c.read == c.scored + c.rejected + c.filtered and sum(done) == c.read
    assert (c.dates_missing, c.dates_unparseable, c.already_done) == (3, 1, 0)
    assert result.out == out and result.spans is None and not result.resumed
    assert result.errors == tmp_path / "o.errors.jsonl" and len(read_jsonl(result.errors)) == 6
    ids = [r["id"] for r in read_jsonl(out)]
    assert ids == ["a_talks", "b_ceasefire", "j1", "j7", "j8", "thenewsoutlet--2020-03-06--Talks postponed"]
    assert list(result.texts) == ids  # the texts of what was scored, for the report
    assert result.texts["a_talks"] == (FIX / "txt" / "a_talks.txt").read_text(encoding="utf-8").split("\n", 1)[1]


def test_default_errors_file_only_when_there_are_errors(tmp_path):
    out = tmp_path / "o.csv"
    result = run_local(prepare([FIX / "txt" / "a_talks.txt"]), out, limit=1)
    assert result.counts.scored == 1 and not result.errors.exists()
    assert list(read_table(out)["id"]) == ["a_talks"]


def test_limit_stops_after_n_input_rows(tmp_path):
    result = run_local(prepare([FIX / "articles.jsonl"]), tmp_path / "o.parquet", limit=3)
    assert (result.counts.read, result.counts.scored, result.counts.rejected) == (3, 1, 2)
    assert pd.read_parquet(tmp_path / "o.parquet")["id"].tolist() == ["j1"]


def test_counts_are_live_while_the_run_goes(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 6)
    job = LocalRun(prepare([corpus]), tmp_path / "o.csv", batch_size=2)
    seen = []
    job.run(on_progress=lambda n: seen.append(job.counts.scored))
    assert seen == [2, 4, 6]  # each call comes after its batch is written and counted


def test_a_one_process_run_keeps_what_is_loaded_out_of_the_collector_and_hands_it_back(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 4)
    gc.unfreeze()  # a --jobs 2 run earlier in this process leaves its parent frozen
    during: list[int] = []
    LocalRun(prepare([corpus]), tmp_path / "o.csv", batch_size=2).run(
        on_progress=lambda n: during.append(gc.get_freeze_count()))
    assert len(during) == 2 and min(during) > 0 and gc.get_freeze_count() == 0
    gc.freeze()  # frozen by someone else before the run: left as it was found
    try:
        LocalRun(prepare([corpus]), tmp_path / "o2.csv", batch_size=2).run()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert (tmp_path / "o.csv").read_bytes() == (tmp_path / "o2.csv").read_bytes()


def test_a_run_collects_less_often_while_it_scores_and_hands_the_thresholds_back(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 4)
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        during: list[tuple[int, int, int]] = []
        LocalRun(prepare([corpus]), tmp_path / "o.csv", batch_size=2).run(
            on_progress=lambda n: during.append(gc.get_threshold()))
        assert during == [(SCORING_GC_THRESHOLD, 10, 10)] * 2 and gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(0, 10, 10)  # automatic collection turned off: left off
        LocalRun(prepare([corpus]), tmp_path / "o2.csv", batch_size=2).run(
            on_progress=lambda n: during.append(gc.get_threshold()))
        assert during[2:] == [(0, 10, 10)] * 2 and gc.get_threshold() == (0, 10, 10)
    finally:
        gc.set_threshold(*before)
    assert (tmp_path / "o.csv").read_bytes() == (tmp_path / "o2.csv").read_bytes()


def test_a_run_told_its_loads_are_frozen_freezes_and_thaws_nothing(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 4)
    gc.unfreeze()
    during: list[int] = []
    LocalRun(prepare([corpus]), tmp_path / "o.csv", batch_size=2, loaded_frozen=True).run(
        on_progress=lambda n: during.append(gc.get_freeze_count()))
    assert during == [0, 0] and gc.get_freeze_count() == 0
    LocalRun(prepare([corpus]), tmp_path / "o2.csv", batch_size=2).run()
    assert (tmp_path / "o.csv").read_bytes() == (tmp_path / "o2.csv").read_bytes()


def test_a_model_that_fails_lists_its_articles_as_errors(tmp_path):
    def broken(features, model_paths=None, docs=None):
        raise RuntimeError("no weights")

    out = tmp_path / "o.csv"
    result = run_local(prepare([FIX / "txt"]), out, predict=broken, batch_size=1)
    assert (result.counts.scored, result.counts.rejected) == (0, 3)
    reasons = [e["reason"] for e in read_jsonl(result.errors)]
    assert reasons == ["model scoring failed: RuntimeError: no weights"] * 2 + ["no text"]  # input order
    assert len(read_table(out)) == 0 and "reliability" in read_table(out).columns


@pytest.mark.parametrize("suffix", [".xlsx", ""])
def test_an_unknown_table_format_is_refused_before_writing(tmp_path, suffix):
    with pytest.raises(ValueError):
        run_local(prepare([FIX / "txt"]), tmp_path / f"o{suffix}")
    assert list(tmp_path.iterdir()) == []



class _CountedWorkers(local.Workers):
    """The engine's worker pool, counting the pools a run starts."""

    started = 0

    def __init__(self, *args, **kwargs):
        type(self).started += 1
        super().__init__(*args, **kwargs)


@pytest.mark.parametrize("options", [{"batch_size": 7}, {"batch_size": 3, "limit": 3}])
def test_an_input_that_fits_one_batch_is_scored_without_worker_processes(tmp_path, monkeypatch, options):
    monkeypatch.setattr(local, "Workers", _CountedWorkers)
    monkeypatch.setattr(_CountedWorkers, "started", 0)
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 6)  # 7 rows with the malformed line
    for jobs in (1, 2):
        run_local(prepare([corpus]), tmp_path / f"o{jobs}.csv", spans=tmp_path / f"s{jobs}.jsonl", jobs=jobs,
                  **options)
    assert _CountedWorkers.started == 0
    assert (tmp_path / "o1.csv").read_bytes() == (tmp_path / "o2.csv").read_bytes()
    assert (tmp_path / "s1.jsonl").read_bytes() == (tmp_path / "s2.jsonl").read_bytes()


def test_an_input_of_more_than_one_batch_goes_to_worker_processes(tmp_path, monkeypatch):
    monkeypatch.setattr(local, "Workers", _CountedWorkers)
    monkeypatch.setattr(_CountedWorkers, "started", 0)
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 6)  # 7 rows: two batches of 6
    result = run_local(prepare([corpus]), tmp_path / "o.csv", jobs=2, batch_size=6)
    assert _CountedWorkers.started == 1 and result.counts.scored == 6


def test_a_run_of_several_batches_loads_the_workers_lexicons_once_before_they_fork(tmp_path, monkeypatch):
    events: list[str] = []

    class _Watched(local.Workers):
        def __init__(self, *args, **kwargs):
            events.append("workers fork")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(local, "Workers", _Watched)
    monkeypatch.setattr(local, "preload_for_workers", lambda: events.append("loaders"))
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 6)  # 7 rows: two batches of 6
    run_local(prepare([corpus]), tmp_path / "o.csv", jobs=2, batch_size=6)
    assert events == ["loaders", "workers fork"]
    events.clear()
    run_local(prepare([corpus]), tmp_path / "o1.csv", jobs=2, batch_size=7)  # one batch: scored here
    run_local(prepare([corpus]), tmp_path / "o2.csv", jobs=1, batch_size=6)
    assert events == []  # no worker: nothing loaded for one
