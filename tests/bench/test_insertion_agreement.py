"""A second annotation compared line by line, shown blind, and decisions merged back into the gold."""
from __future__ import annotations

import json

import pytest

from bench.evals.insertion_agreement import blind, disagreements, merge, replace_lines
from features.base import Span
from scoring.gold.realnews import GoldDoc

TEXT = ("Photo: AP\n"
        "The council voted on Tuesday to close the library, the mayor said.\n"
        "READ MORE: Five things to know about the budget\n"
        "Share this story")
LINE2 = TEXT.index("READ")
LINE3 = TEXT.index("Share")


def _span(quote: str, label: str, kind: str = "insertion") -> Span:
    start = TEXT.index(quote)
    return Span(start, start + len(quote), kind, label)


SAID = _span("said", "", "attribution")
FIRST = GoldDoc("a1", "example.com", "test", None, TEXT,
                (_span("Photo: AP", "credit"), SAID, _span(TEXT[LINE2:LINE3 - 1], "related")),
                frozenset({"insertion", "attribution"}))
SECOND = GoldDoc("a1", "example.com", "test", None, TEXT,
                 (_span("Photo: A", "credit"),
                  _span("Share this story", "share")), frozenset({"insertion"}))


def test_only_lines_read_differently_beyond_the_slack_are_listed():
    rows = disagreements(FIRST, SECOND)
    # the credit differs by one character ("Photo: A" against "Photo: AP"): the same reading
    assert [r["line_start"] for r in rows] == [LINE2, LINE3]
    teaser, share = rows
    assert teaser["line"].startswith("READ MORE:") and teaser["second"] == []
    assert teaser["first"] == [{"label": "related", "quote": TEXT[LINE2:LINE3 - 1]}]
    assert share["first"] == [] and share["before"] == TEXT[LINE2:LINE3 - 1] and share["after"] == ""


def test_an_edge_label_against_a_counted_label_is_a_disagreement():
    byline = GoldDoc("a1", "o", "test", None, TEXT, (_span("Share this story", "byline"),), frozenset({"insertion"}))
    share = GoldDoc("a1", "o", "test", None, TEXT, (_span("Share this story", "share"),), frozenset({"insertion"}))
    assert [r["line_start"] for r in disagreements(byline, share)] == [LINE3]
    assert disagreements(share, share) == []


def test_the_blind_file_hides_which_reading_is_the_gold_and_the_key_restores_it():
    rows = disagreements(FIRST, SECOND)
    shown, key = blind(rows, seed=1)
    assert all(set(r) >= {"X", "Y", "line"} and "first" not in r and "second" not in r for r in shown)
    for row, seen in zip(rows, shown):
        x_is = key[f"{row['id']}@{row['line_start']}"]
        assert seen["X"] == row[x_is]
        assert seen["Y"] == row["second" if x_is == "first" else "first"]
    assert blind(rows, seed=1) == (shown, key)
    orders = {tuple(blind(rows, seed=s)[1].values()) for s in range(20)}
    assert len(orders) > 1  # the order really varies with the seed


def test_a_decision_replaces_only_its_lines_insertions():
    decided = replace_lines(FIRST, [{"line_start": LINE2, "spans": []},
                                    {"line_start": LINE3, "spans": [{"label": "share", "quote": "Share this story"}]}])
    assert [(TEXT[s.start:s.end], s.kind, s.label) for s in decided] == [
        ("Photo: AP", "insertion", "credit"), ("said", "attribution", ""),
        ("Share this story", "insertion", "share")]


def test_a_quote_not_in_its_line_is_an_error_naming_the_article_and_line():
    with pytest.raises(ValueError, match=f"a1@{LINE3}"):
        replace_lines(FIRST, [{"line_start": LINE3, "spans": [{"label": "share", "quote": "Photo: AP"}]}])


def test_merge_rewrites_the_decided_articles_and_counts_whom_they_side_with(tmp_path):
    corpus = tmp_path / "gold.jsonl"
    other = {"id": "b2", "spans": [{"start": 0, "end": 4, "kind": "hedge", "label": "", "voice": "author"}]}
    row = {"id": "a1", "spans": [{"start": s.start, "end": s.end, "kind": s.kind, "label": s.label,
                                  "voice": s.voice} for s in FIRST.spans]}
    corpus.write_text(json.dumps(row) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    out = tmp_path / "adjudicated.jsonl"
    sides = merge(corpus, [FIRST], [SECOND], [
        {"id": "a1", "line_start": LINE2, "spans": [{"label": "related", "quote": TEXT[LINE2:LINE3 - 1]}]},
        {"id": "a1", "line_start": LINE3, "spans": [{"label": "share", "quote": "Share this story"}]}], out)
    assert sides == {"first": 1, "second": 1, "both": 0, "neither": 0}
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[1] == other
    assert [(TEXT[s["start"]:s["end"]], s["label"]) for s in rows[0]["spans"]] == [
        ("Photo: AP", "credit"), ("said", ""), (TEXT[LINE2:LINE3 - 1], "related"), ("Share this story", "share")]


def test_a_lines_neighbours_skip_blank_lines():
    text = "First paragraph of the story.\n\nREAD MORE: Another story\n\nLast paragraph."
    start = text.index("READ")
    first = GoldDoc("c3", "o", "test", None, text, (Span(start, start + 24, "insertion", "related"),),
                    frozenset({"insertion"}))
    second = GoldDoc("c3", "o", "test", None, text, (), frozenset({"insertion"}))
    (row,) = disagreements(first, second)
    assert (row["before"], row["line"], row["after"]) == (
        "First paragraph of the story.", "READ MORE: Another story", "Last paragraph.")
