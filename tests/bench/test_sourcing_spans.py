"""The sourcing-span diff between two dumps lists what each lacks, in context."""
from __future__ import annotations

from bench.sourcing_spans import changed

TEXT = "Walmart's announced it will close 20 stores."


def test_a_span_only_one_dump_holds_is_listed_with_its_context() -> None:
    before = {"a1": {"text": TEXT, "spans": [[22, 31, "source", "named"]]}}
    after = {"a1": {"text": TEXT, "spans": [[10, 19, "attribution", "speech"], [22, 31, "source", "named"]]}}
    assert changed(before, after) == ["NEW attribution speech a1 \"Walmart's [[announced]] it will close 20 stores.\""]
    assert changed(after, before) == ["GONE attribution speech a1 \"Walmart's [[announced]] it will close 20 stores.\""]
    assert changed(before, before) == []


def test_a_draw_leaves_out_the_earlier_draws_and_repeats_exactly() -> None:
    import pandas as pd

    from bench.sourcing_spans import drawn

    arts = pd.DataFrame({"id": [f"a{i}" for i in range(40)], "outlet": "x.com", "text": "t"})
    first = drawn(arts, 40, 10)
    second = drawn(arts, 41, 10, after=[(40, 10)])
    third = drawn(arts, 42, 10, after=[(40, 10), (41, 10)])
    assert set(first["id"]).isdisjoint(second["id"]) and set(third["id"]).isdisjoint(set(first["id"]) | set(second["id"]))
    assert list(drawn(arts, 41, 10, after=[(40, 10)])["id"]) == list(second["id"])
    assert len(drawn(arts, 43, 100, after=[(40, 10)])) == 30  # no more than is left
