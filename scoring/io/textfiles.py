"""Text files: the ``.txt`` article (first line the title, the rest the text)
and the lenient UTF-8 opening shared by the CSV and JSON readers."""
from __future__ import annotations

import codecs
from pathlib import Path
from typing import TextIO

from scoring.io.columns import record_columns
from scoring.io.records import Article, BadRow, Resolved
from scoring.io.rows import build_article


# Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# A .txt article as a row: its text and title under these names, any other field from its manifest.
_TXT_COLUMNS = Resolved(text="text")


def text_encoding(path: Path) -> str:
    """The encoding a byte-order mark announces (``utf-16``, ``utf-32``), else UTF-8."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    return next((enc for bom, enc in _BOMS if head.startswith(bom)), "utf-8-sig")


def open_text(path: Path) -> TextIO:
    """``path`` for reading as text: UTF-8, or UTF-16/32 when a byte-order mark says so
    (the mark is skipped, newlines kept as written)."""
    encoding = text_encoding(path)
    # surrogateescape: one bad UTF-8 byte marks its row, not the whole file.
    errors = "surrogateescape" if encoding == "utf-8-sig" else "strict"
    return open(path, encoding=encoding, errors=errors, newline="")


def read_txt(path: Path, meta: tuple[tuple[str, str | None], ...] = ()) -> Article | BadRow:
    """A .txt article: first line is the title, the rest (verbatim) the text; ``meta``, the
    (column, value) cells of its row in the folder's manifest, read like a table's columns."""
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return BadRow(str(path), 1, "not UTF-8", path.stem)
    title, _, text = content.partition("\n")
    rec = {**dict(meta), "text": text, "title": title}
    item = build_article(rec, record_columns(rec, _TXT_COLUMNS), str(path), path.stem, 1)
    item.id = path.stem  # the file name, as written (build_article would strip it)
    return item
