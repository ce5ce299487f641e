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
