"""Fuzzing ``relscore score`` with every input format (issue 22).

A seeded generator of our own (hypothesis is not in the test extra) writes a few hundred
rows of each format the readers take: a folder of .txt files with a manifest, CSV, TSV,
JSON Lines, a JSON array, Parquet (string dates, and real dates past Python's range) and
SQLite. Valid articles (sentences of the samples) are mixed with malformed rows: empty
and blank text, bytes that are not UTF-8, lone surrogates, JSON nested too deep for the
decoder, broken CSV quotes and field counts, values of the wrong type, huge ids and
texts, NULs, dates and URLs that cannot be read. One ``relscore score`` run over all of
them must exit 0 with no traceback, and every row given must be either scored or listed
in the errors file at its file and line, once, with the scored rows in input order.
Each generated row also says what must become of it: "ok" rows are scored, "bad" rows
rejected ("any": accounted for either way). Files that cannot be read at all are fed one
at a time and must end in one clean error line.

``RELSCORE_FUZZ_SEED=n pytest tests/test_fuzz.py`` tries another seed.
"""
from __future__ import annotations

import csv
import io
import json
import os
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from relscore import cli, score
from scoring.io.rows import MAX_TEXT_CHARS
from scoring.io.tables import read_table
from tests.samples import SAMPLES

SEED = int(os.environ.get("RELSCORE_FUZZ_SEED", "22"))
ROWS = 200  # per tabular format
COLUMNS = ["id", "text", "title", "outlet", "date", "url"]
SENTENCES = [s.strip() + "." for p in sorted(SAMPLES.glob("*.txt"))
             for s in p.read_text(encoding="utf-8").split("\n", 1)[1].replace("\n", " ").split(". ")
             if len(s.split()) > 6]
BAD_DATES = ["2020-13-45", "yesterday", "0000-00-00", "99999-01-01", "-1", "1e400", "\u0661\u0669\u0669\u0660", "2020/02/30"]
BAD_URLS = ["http://[::1", "http://[bad ipv6]/x", "javascript:alert(1)", "not a url", "https://" + "a" * 3000 + ".com",
            "http://exa mple.com/\x00", "//", "https://xn--/x"]


@dataclass
class Row:
    """One generated input row: its cells and what must become of it."""

    cells: dict[str, Any]
    expect: str  # "ok" | "bad" | "any"
    id: str | None = None  # the id it is scored under ("stem-line" when it has none)
    line: int = 0  # where the errors file must place it


def _text(rng: random.Random) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(1, 3)))


def _deep(n: int = 3000) -> Any:
    v: Any = "x"
    for _ in range(n):
        v = [v]
    return v


def valid(rng: random.Random, i: int) -> Row:
    cells = {"id": f"r{i:04d}", "text": _text(rng), "title": rng.choice(["", "Talks postponed", None]),
             "outlet": rng.choice(["Arab News", "Reuters", None]),
             "date": rng.choice(["2020-06-15", "15 June 2020", None]), "url": rng.choice(["https://www.reuters.com/a/1", None])}
    return Row(cells, "ok")


def mangled(rng: random.Random, i: int, fmt: str) -> Row:
    """A row with one thing wrong (or odd), from the kinds ``fmt`` can hold."""
    row = valid(rng, i)
    c = row.cells
    kinds: dict[str, Callable[[], str]] = {
        "empty text": lambda: c.update(text="") or "bad",
        "blank text": lambda: c.update(text=" \t\n  ") or "bad",
        "missing text": lambda: c.update(text=None) or "bad",
        "bad date": lambda: c.update(date=rng.choice(BAD_DATES)) or "ok",
        "bad url": lambda: c.update(url=rng.choice(BAD_URLS)) or "ok",
        "huge id": lambda: c.update(id="id" + "9" * rng.choice([300, 20_000])) or "ok",
        "blank id": lambda: c.update(id="   ") or "ok",
        "NUL in text": lambda: c.update(text=c["text"] + "\x00 more") or "any",
        "text too long": lambda: c.update(text="word " * (MAX_TEXT_CHARS // 5 + 10)) or "bad",
        "markup": lambda: c.update(title="<script>alert(1)</script>", outlet="</td><b>x") or "ok",
    }
    if fmt != "parquet":
        kinds["bad bytes in text"] = lambda: c.update(text=c["text"] + " caf\udce9") or "bad"
        kinds["bad bytes in title"] = lambda: c.update(title="Caf\udce9") or "bad"
    if fmt in ("jsonl", "json"):
        kinds["lone surrogate"] = lambda: c.update(**{rng.choice(["id", "title", "outlet", "url", "text"]): "x\ud800y"}) or "bad"
        kinds["deep nesting"] = lambda: c.update(title=_deep()) or "bad"
        kinds["text not a string"] = lambda: c.update(text=rng.choice([[1, 2], {"a": "b"}, 12, True])) or "bad"
        kinds["huge int id"] = lambda: c.update(id=10 ** 40) or "ok"
        kinds["title an object"] = lambda: c.update(title={"nested": ["x"]}) or "ok"
    if fmt == "sqlite":
        kinds["text a number"] = lambda: c.update(text=rng.choice([12, 3.5])) or "bad"
        kinds["date a huge number"] = lambda: c.update(date=rng.choice([10 ** 18, -(10 ** 15), 1e300])) or "ok"
    kind = rng.choice(sorted(kinds))
    row.expect = kinds[kind]()
    return row


def generate(rng: random.Random, fmt: str, n: int) -> list[Row]:
    return [valid(rng, i) if rng.random() < 0.45 else mangled(rng, i, fmt) for i in range(n)]


def _id_of(row: Row, stem: str) -> str:
    v = row.cells.get("id")
    if isinstance(v, int):
        return str(v)
    return v.strip() if isinstance(v, str) and v.strip() else f"{stem}-{row.line}"


def write_delimited(path: Path, rows: list[Row], delimiter: str, rng: random.Random) -> list[Row]:
    """CSV/TSV, with broken records among the rows: an unclosed quote, a wrong field count."""
    buf, line = io.StringIO(), 2
    buf.write(delimiter.join(COLUMNS) + "\n")
    out: list[Row] = []
    for i, row in enumerate(rows):
        damage = rng.random()
        if damage < 0.04:  # a quote never closed: that line is rejected and the next ones read again
            rec = delimiter.join([f"q{i:04d}", '"unclosed ' + _text(rng).replace('"', ""), "t", "o", "", ""]) + "\n"
            row = Row({}, "bad")
        elif damage < 0.08:
            rec = delimiter.join([f"w{i:04d}", _text(rng), "t", "o", "", "", "extra field"]) + "\n"
            row = Row({}, "bad")
        else:
            s = io.StringIO()
            csv.writer(s, delimiter=delimiter, lineterminator="\n").writerow(
                ["" if row.cells[k] is None else row.cells[k] for k in COLUMNS])
            rec = s.getvalue()
        row.line = line
        row.id = _id_of(row, path.stem)
        out.append(row)
        buf.write(rec)
        line += rec.count("\n")
    path.write_bytes(buf.getvalue().encode("utf-8", "surrogateescape"))
    return out


def _dumps(row: Row) -> bytes:
    """One JSON object; bad bytes raw, lone surrogates escaped, nesting as deep as it is."""
    try:
        text = json.dumps(row.cells, ensure_ascii=False)
    except RecursionError:  # json's encoder recurses too: build the deep value by hand
        title = row.cells["title"]
        depth = 0
        while isinstance(title, list):
            title, depth = title[0], depth + 1
        text = json.dumps({**row.cells, "title": "@@"}, ensure_ascii=False).replace('"@@"', "[" * depth + '"x"' + "]" * depth)
    if any("\ud800" <= ch <= "\udbff" for ch in text):
        text = text.replace("\ud800", "\\ud800")
    return text.encode("utf-8", "surrogateescape")


def _json_records(path: Path, rows: list[Row], rng: random.Random, broken: list[bytes]) -> tuple[list[Row], list[bytes]]:
    """The rows as JSON values, one in twenty replaced by one of ``broken`` (a row to reject)."""
    raws, out = [], []
    for i, row in enumerate(rows):
        if rng.random() < 0.05:
            row, raw = Row({}, "bad"), rng.choice(broken)
        else:
            raw = _dumps(row)
        row.line = i + 1
        row.id = _id_of(row, path.stem)
        raws.append(raw)
        out.append(row)
    return out, raws


def write_jsonl(path: Path, rows: list[Row], rng: random.Random) -> list[Row]:
    """JSON Lines, with broken lines and values that are not objects among the rows."""
    out, lines = _json_records(path, rows, rng, [b'{"id": "x", "text": "cut', b'{"text": "a",}', b"[1, 2]", b"42",
                                                 b'"a string"', b"null", b"{'single': 'quotes'}"])
    path.write_bytes(b"\n".join(lines) + b"\n")
    return out


def write_json_array(path: Path, rows: list[Row], rng: random.Random) -> list[Row]:
    """A NELA-style .json list: every element well-formed JSON (a syntax error ends the file:
    that is the damaged-file case below), some of them not objects or too deep."""
    out, parts = _json_records(path, rows, rng, [b"42", b'"a string"', b"null", b"[1, {}]", b"true"])
    path.write_bytes(b"[\n" + b",\n".join(parts) + b"\n]\n")
    return out


def write_parquet(path: Path, rows: list[Row]) -> list[Row]:
    for i, row in enumerate(rows):
        row.line = i + 1
        row.id = _id_of(row, path.stem)
    table = pa.table({k: pa.array([r.cells[k] for r in rows], pa.string()) for k in COLUMNS})
    pq.write_table(table, path, row_group_size=64)
    return rows


def write_parquet_dates(path: Path, rng: random.Random, n: int) -> list[Row]:
    """Real date and timestamp columns, some past what Python's datetime holds."""
    rows = [valid(rng, i) for i in range(n)]
    days = [rng.choice([18_000, 2_932_897 + rng.randint(1, 10 ** 6), -800_000, None]) for _ in rows]
    stamps = [rng.choice([1_600_000_000_000_000, 2 ** 62, -(2 ** 62), None]) for _ in rows]
    for i, row in enumerate(rows):
        row.line, row.id = i + 1, row.cells["id"]
    pq.write_table(pa.table({"id": [r.cells["id"] for r in rows], "text": [r.cells["text"] for r in rows],
                             "date": pa.array(days, pa.date32()),
                             "published": pa.array(stamps, pa.timestamp("us"))}), path)
    return rows


def write_sqlite(path: Path, rows: list[Row]) -> list[Row]:
    """A NELA-GT-like table whose columns have no declared type, so that each cell keeps the
    type it is given (a TEXT column would store the number 12 as the text "12")."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE newsdata (id, content, title, source, published, url)")
    for i, row in enumerate(rows):
        row.line = i + 1
        row.id = _id_of(row, path.stem)
        cells = [v.encode("utf-8", "surrogateescape") if isinstance(v, str) and "\udce9" in v else v
                 for v in (row.cells[k] for k in COLUMNS)]
        con.execute("INSERT INTO newsdata VALUES (?, ?, ?, ?, ?, ?)", cells)
    con.commit()
    con.close()
    return rows


def write_txt_folder(folder: Path, rng: random.Random, n: int) -> list[Row]:
    """.txt articles (first line the title) with a manifest giving some of them outlet and date."""
    folder.mkdir()
    rows, manifest = [], [["file", "outlet", "date", "url"]]
    for i in range(n):
        name = f"t{i:04d}.txt"
        r = rng.random()
        if r < 0.5:
            body, expect = f"Headline {i}\n{_text(rng)}\n".encode(), "ok"
        elif r < 0.6:
            body, expect = f"Title only {i}\n".encode(), "bad"
        elif r < 0.7:
            body, expect = b"Caf\xe9 title\n" + _text(rng).encode() + b" caf\xe9", "bad"
        elif r < 0.8:
            body, expect = b"\xef\xbb\xbfBOM title\r\n" + _text(rng).encode() + b"\r\n", "ok"
        elif r < 0.9:
            body, expect = b"\n\n\n" + _text(rng).encode(), "ok"  # no title: the text still reads
        else:
            body, expect = b"Title\n" + _text(rng).encode() + b"\x00\x01\x02", "any"
        (folder / name).write_bytes(body)
        if rng.random() < 0.5:
            manifest.append([name, rng.choice(["Arab News", ""]), rng.choice(["2020-03-06", *BAD_DATES, ""]),
                             rng.choice(["", *BAD_URLS[:4]])])
        rows.append(Row({}, expect, id=f"t{i:04d}", line=1))
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(manifest)
    return rows


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[list[Path], list[tuple[str, Row]]]:
    """The inputs, and every row given as (file, row) in input order."""
    d = tmp_path_factory.mktemp("fuzz")
    rng = random.Random(SEED)
    inputs: list[tuple[Path, list[Row]]] = [(d / "txt", write_txt_folder(d / "txt", rng, 120))]
    for fmt, name in (("csv", "a.csv"), ("tsv", "b.tsv")):
        inputs.append((d / name, write_delimited(d / name, generate(rng, fmt, ROWS), "," if fmt == "csv" else "\t", rng)))
    inputs.append((d / "c.jsonl", write_jsonl(d / "c.jsonl", generate(rng, "jsonl", ROWS), rng)))
    inputs.append((d / "d.json", write_json_array(d / "d.json", generate(rng, "json", ROWS), rng)))
    inputs.append((d / "e.parquet", write_parquet(d / "e.parquet", generate(rng, "parquet", ROWS))))
    inputs.append((d / "f.parquet", write_parquet_dates(d / "f.parquet", rng, 60)))
    inputs.append((d / "g.db", write_sqlite(d / "g.db", generate(rng, "sqlite", ROWS))))
    given = []
    for path, rows in inputs:
        files = sorted(p for p in path.iterdir() if p.suffix == ".txt") if path.is_dir() else [path] * len(rows)
        given += [(str(f), r) for f, r in zip(files, rows)]
    return [p for p, _ in inputs], given


def test_every_row_of_every_format_is_scored_or_listed_in_order(corpus, tmp_path, capfd, monkeypatch):
    inputs, given = corpus
    monkeypatch.setattr(score, "_load_predict", lambda paths: None)  # features only: the readers are on trial
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    code = cli.main(["score", *map(str, inputs), "--out", str(out), "--errors", str(errors), "-q"])
    err = capfd.readouterr().err
    assert code == 0 and "Traceback" not in err, err[-3000:]
    rejected = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    where = [(e["file"], e["line"]) for e in rejected]
    assert len(set(where)) == len(where)  # each rejected row once
    lines = {(f, r.line) for f, r in given}
    assert set(where) <= lines, sorted(set(where) - lines)[:5]
    scored_ids = read_table(out)["id"].astype(str).tolist()
    assert len(scored_ids) + len(rejected) == len(given)
    listed = set(where)
    assert scored_ids == [r.id for f, r in given if (f, r.line) not in listed]  # input order kept
    wrong = [(f, r.line, r.expect) for f, r in given if r.expect != "any" and ((f, r.line) in listed) != (r.expect == "bad")]
    assert not wrong, wrong[:10]
    assert sum(r.expect == "bad" for _, r in given) > 150 and sum(r.expect == "ok" for _, r in given) > 500


def _truncated_parquet(p: Path) -> None:
    pq.write_table(pa.table({"id": ["a"] * 50, "text": ["Talks were postponed."] * 50}), p)
    p.write_bytes(p.read_bytes()[:-40])


@pytest.mark.parametrize("name, write, code", [
    ("cut.parquet", _truncated_parquet, 2),
    ("noise.parquet", lambda p: p.write_bytes(os.urandom(2048)), 2),
    ("noise.db", lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(2048)), 2),
    ("text.sqlite", lambda p: p.write_text("id,text\n1,a\n"), 2),
    ("utf16.csv", lambda p: p.write_bytes("id,text\n1,Talks were postponed.\n".encode("utf-16-le")), 2),
    ("header.csv", lambda p: p.write_bytes(b'id,"text\n1,a\n'), 2),
    ("notext.jsonl", lambda p: p.write_text('{"id": 1, "body2": "x"}\n'), 2),
    ("empty.csv", lambda p: p.write_bytes(b""), 0),
    ("empty.json", lambda p: p.write_bytes(b"[]"), 0),
    ("noise.json", lambda p: p.write_bytes(os.urandom(512)), 1),
    ("cut.json", lambda p: p.write_text('[{"id": "a", "text": "Talks were postponed."}, {"id": "b", "te'), 0),
])
def test_a_file_that_cannot_be_read_ends_in_one_clean_line(name, write, code, tmp_path, capfd, monkeypatch):
    monkeypatch.setattr(score, "_load_predict", lambda paths: None)
    p = tmp_path / name
    write(p)
    rc = cli.main(["score", str(p), "--out", str(tmp_path / "o.csv"), "-q", "--jobs", "1"])
    err = capfd.readouterr().err
    assert rc == code and "Traceback" not in err, err
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("relscore score: error: ") and name in lines[0], err
