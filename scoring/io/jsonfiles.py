"""JSON corpora: JSON Lines (one object per line) and NELA-GT ``.json`` files
(a list of article objects, streamed element by element)."""
from __future__ import annotations

import json
import re
from contextlib import closing
from pathlib import Path
from typing import Any, Iterator, TextIO

from scoring.io.records import BadRow
from scoring.io.rows import NONSPACE
from scoring.io.textfiles import open_text, text_encoding

#: The reason given for a value nested deeper than Python's JSON decoder can go.
TOO_DEEP = "malformed JSON: nested too deeply to read"
# Outside a string only brackets and quotes matter when skipping a value; inside, quotes and escapes.
_STRUCTURE = re.compile(r'[\[\]{}"]')
_IN_STRING = re.compile(r'["\\]')


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
    for n, line in _lines(path):
        if isinstance(line, BadRow):
            yield n, BadRow(file, n, line.reason)
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as e:
            yield n, BadRow(file, n, f"malformed JSON: {e}")
            continue
        except RecursionError:  # the decoder recurses per level: a deep value must not end the run
            yield n, BadRow(file, n, TOO_DEEP)
            continue
        if not isinstance(rec, dict):
            yield n, BadRow(file, n, f"not a JSON object ({type(rec).__name__})")
            continue
        yield n, rec


def _lines(path: Path) -> Iterator[tuple[int, str | BadRow]]:
    """(number, line) of a text file, ending at "\\n" only; a line that cannot be
    decoded comes as a BadRow with the reason. UTF-16 and UTF-32 are read when a
    byte-order mark says so (a decoding error there ends the file)."""
    encoding = text_encoding(path)
    if encoding != "utf-8-sig":
        with open(path, encoding=encoding, newline="\n") as fh:
            n = 0
            try:
                for n, line in enumerate(fh, 1):
                    yield n, line.rstrip("\r\n")
            except UnicodeDecodeError as e:
                yield n + 1, BadRow(str(path), n + 1, f"not {encoding} ({e.reason}); rest of file not read")
        return
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield n, raw.rstrip(b"\r\n").decode("utf-8")
            except UnicodeDecodeError:
                yield n, BadRow(str(path), n, "not UTF-8")


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
        except RecursionError:
            yield 1, BadRow(file, 1, TOO_DEEP)
            return
    yield 1, rec


def _first_line_is_object(path: Path) -> bool:
    with open(path, "rb") as fh:
        line = fh.readline()
    try:
        return isinstance(json.loads(line.decode("utf-8-sig")), dict)
    except (ValueError, RecursionError):
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
        except RecursionError:
            if not buf.skip_value():
                yield n, BadRow(file, n, f"{TOO_DEEP}, and it does not end; rest of file not read")
                return
            yield n, BadRow(file, n, TOO_DEEP)
        else:
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

    def skip_value(self) -> bool:
        """Move past the next value, an array or object, without decoding it (it may be
        too deep to decode); False when the file ends before it does."""
        depth, in_string, i = 0, False, self.pos
        while True:
            m = (_IN_STRING if in_string else _STRUCTURE).search(self.buf, i)
            if m is None or m.end() >= len(self.buf) and m.group() == "\\":
                i = (m.start() if m else len(self.buf)) - self.pos  # fill() drops what is before pos
                if not self.fill():
                    return False
                continue
            c, i = m.group(), m.end()
            if c == "\\":
                i += 1  # the escaped character, whatever it is
            elif c == '"':
                in_string = not in_string
            elif c in "[{":
                depth += 1
            else:
                depth -= 1
                if depth <= 0:
                    self.pos = i
                    return depth == 0
