"""JSON corpora: JSON Lines (one object per line) and NELA-GT ``.json`` files
(a list of article objects, streamed element by element)."""
from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path
from typing import Any, Iterator, TextIO

from scoring.io.records import BadRow
from scoring.io.rows import NONSPACE
from scoring.io.textfiles import open_text


def json_columns(path: Path, kind: str) -> list[str]:
    """The keys of the first object (``[]`` when there is none)."""
    with closing(iter_json(path, kind)) as rows:
        for _line, rec in rows:
            if isinstance(rec, dict):
                return [str(k) for k in rec]
    return []


def iter_json(path: Path, kind: str) -> Iterator[tuple[int, Any]]:
    """(line or element number, value) per record of a ``jsonl`` or ``json``
    input; a record that cannot be read comes as (number, BadRow)."""
    if kind == "jsonl":
        yield from iter_jsonl(path)
        return
    yield from _iter_json_file(path)


def iter_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """(line, object) per non-blank line; bad lines as (line, BadRow)."""
    file = str(path)
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = raw.rstrip(b"\r\n").decode("utf-8")
            except UnicodeDecodeError:
                yield n, BadRow(file, n, "not UTF-8")
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                yield n, BadRow(file, n, f"malformed JSON: {e}")
                continue
            if not isinstance(rec, dict):
                yield n, BadRow(file, n, f"not a JSON object ({type(rec).__name__})")
                continue
            yield n, rec


def _iter_json_file(path: Path) -> Iterator[tuple[int, Any]]:
    """A .json input: a list of article objects (NELA-GT), streamed element by
    element; a file of one object per line is read as JSON Lines; a single
    (pretty-printed) object is one article."""
    file = str(path)
    with open_text(path) as fh:
        buf = JsonBuffer(fh)
        first = buf.peek()
        if first == "":
            return
        if first == "[":
            yield from _iter_json_array(buf, file)
            return
        if first != "{":
            yield 1, BadRow(file, 1, "malformed JSON: expected a list of article objects")
            return
    if _first_line_is_object(path):
        yield from iter_jsonl(path)
        return
    with open_text(path) as fh:
        try:
            rec = json.load(fh)
        except ValueError as e:
            yield 1, BadRow(file, 1, f"malformed JSON: {e}")
            return
    yield 1, rec


def _first_line_is_object(path: Path) -> bool:
    with open(path, "rb") as fh:
        line = fh.readline()
    try:
        return isinstance(json.loads(line.decode("utf-8-sig")), dict)
    except ValueError:
        return False


def _iter_json_array(buf: "JsonBuffer", file: str) -> Iterator[tuple[int, Any]]:
    decoder = json.JSONDecoder()
    buf.pos += 1  # the "["
    if buf.peek() == "]":
        return
    n = 0
    while True:
        n += 1
        try:
            rec = buf.decode(decoder)
        except json.JSONDecodeError as e:
            yield n, BadRow(file, n, f"malformed JSON at element {n}: {e.msg}; rest of file not read")
            return
        yield n, rec
        c = buf.peek()
        if c == ",":
            buf.pos += 1
        elif c == "]":
            return
        else:
            yield n + 1, BadRow(file, n + 1, f"malformed JSON after element {n}: expected ',' or ']'; rest of file not read")
            return


class JsonBuffer:
    """A growing window over a text file for decoding one JSON value at a time."""

    _CHUNK = 1 << 20

    def __init__(self, fh: TextIO) -> None:
        self.fh = fh
        self.buf = ""
        self.pos = 0
        self.eof = False

    def fill(self) -> bool:
        """Drop what was consumed and read more (at least doubling the window)."""
        if self.eof:
            return False
        data = self.fh.read(max(self._CHUNK, len(self.buf) - self.pos))
        if not data:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + data
        self.pos = 0
        return True

    def peek(self) -> str:
        """Next non-whitespace character ('' at end of file); pos moves onto it."""
        while True:
            m = NONSPACE.search(self.buf, self.pos)
            if m:
                self.pos = m.start()
                return self.buf[self.pos]
            self.pos = len(self.buf)
            if not self.fill():
                return ""

    def decode(self, decoder: json.JSONDecoder) -> Any:
        """The next JSON value (raw_decode does not skip leading whitespace)."""
        if self.peek() == "":
            raise json.JSONDecodeError("Expecting value", self.buf, self.pos)
        while True:
            try:
                value, end = decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if not self.fill():
                    raise
                continue
            # A value touching the window's end (a number) may continue past it.
            if end < len(self.buf) or self.eof or not self.fill():
                self.pos = end
                return value
