"""Text files: the ``.txt`` article (first line the title, the rest the text)
and the lenient UTF-8 opening shared by the CSV and JSON readers."""
from __future__ import annotations

from pathlib import Path
from typing import TextIO

from scoring.io.records import Article, BadRow
from scoring.io.rows import NONSPACE


def open_text(path: Path) -> TextIO:
    """``path`` for reading as UTF-8 (a BOM is skipped, newlines kept as written)."""
    # surrogateescape: one bad byte marks its row, not the whole file.
    return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")


def read_txt(path: Path) -> Article | BadRow:
    """A .txt article: first line is the title, the rest (verbatim) the text."""
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return BadRow(str(path), 1, "not UTF-8", path.stem)
    title, _, text = content.partition("\n")
    if not NONSPACE.search(text):
        return BadRow(str(path), 1, "no text", path.stem)
    return Article(
        id=path.stem, text=text, title=title.strip() or None, outlet=None, domain=None,
        url=None, date=None, date_status="missing", file=str(path), line=1,
    )
