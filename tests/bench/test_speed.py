"""The stage timer of bench/speed.py: collections timed apart from the stage they interrupt; the
functions and methods its stages wrap."""
from __future__ import annotations

import gc
import time
from collections import defaultdict

from bench.speed import STAGE_HOOKS, STAGES, SUB_STAGES, GcTimer, _timed, hook_target


class _Clock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_collection_inside_a_stage_is_taken_out_of_it_and_counted_once():
    clock, times = _Clock(), defaultdict(float)
    collections = GcTimer(clock)

    def work(pause: float) -> str:
        clock.now += 1.0
        collections("start", {})  # what gc.callbacks call around a collection
        clock.now += pause
        collections("stop", {})
        clock.now += 0.5
        return "done"

    inner = _timed(times, "inner", work, clock, collections)
    outer = _timed(times, "outer", lambda: inner(0.25), clock, collections)
    assert outer() == "done"
    assert times["inner"] == times["outer"] == 1.5 and collections.spent == 0.25
    plain = _timed(times, "plain", work, clock)  # without the timer the stage keeps the pause
    assert plain(0.25) == "done" and times["plain"] == 1.75


def test_the_timer_sees_real_collections_only_while_registered():
    with GcTimer(time.perf_counter) as collections:
        junk = [[] for _ in range(50_000)]
        for a in junk:
            a.append(a)  # cycles: the collection has work to do
        del junk, a
        gc.collect()
        seen = collections.spent
    assert seen > 0.0 and collections not in gc.callbacks
    gc.collect()
    assert collections.spent == seen


def test_a_dotted_hook_names_a_method_of_a_class_in_the_module():
    from features.loaded_model import LoadedModel

    assert hook_target("features.loaded_model", "LoadedModel.type_rows") == (LoadedModel, "type_rows")
    assert hook_target("features.loaded_model", "LoadedModel.no_such_method") is None
    assert hook_target("features.loaded_model", "NoSuchClass.type_rows") is None


def test_every_stage_hook_wraps_code_of_this_tree_and_is_reported():
    # a renamed function would otherwise drop out of the stages run without a word
    missing = [(m, n) for m, n, _ in STAGE_HOOKS if hook_target(m, n) is None]
    assert missing == []
    assert {stage for _, _, stage in STAGE_HOOKS} <= set(STAGES)
    assert set(SUB_STAGES) <= set(STAGES)
