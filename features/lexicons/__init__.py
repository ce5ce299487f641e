"""The one loader of relscore's data files: word lists, rule tables and fitted models.

Files live in this package (``features/lexicons/<name>_v<N>.<ext>``) and are read
with ``importlib.resources``, so they are found inside an installed wheel as well
as in a checkout. A word-list file opens with a header of ``#`` lines (source,
license, format); entries are the other non-blank lines, kept exactly as written
because a trailing space can be part of an entry (a promo rule's trigger "back "
must not match "background"). Entries and headers are cached: each list is read
once per process.
"""
from __future__ import annotations

import json
import operator
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import compress, repeat
from typing import Any, Iterator

import numpy as np

__all__ = ["lexicon_arrays", "lexicon_entries", "lexicon_header", "lexicon_json", "lexicon_lines", "lexicon_path"]


def lexicon_path(name: str) -> Traversable:
    """The packaged file ``name`` (e.g. ``"hedges_v1.txt"``); an unknown name is an error
    that lists the files there are."""
    path = resources.files(__name__).joinpath(name)
    if not path.is_file():
        known = sorted(p.name for p in resources.files(__name__).iterdir() if not p.name.startswith(("_", ".")))
        raise FileNotFoundError(f"no lexicon file {name!r} in features/lexicons; files are {known}")
    return path


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _file_lines(name: str) -> list[str]:
    return lexicon_path(name).read_text(encoding="utf-8").splitlines()


def _entry_mask(lines: list[str]) -> Iterator[bool]:
    """Per line, whether it is an entry: neither blank nor a ``#`` comment once leading space is
    stripped. Built from C-level calls only, since the word lists run to 100,000 lines, read at
    every start: ``nonblank > comment`` is True exactly for a non-blank line that is no comment."""
    stripped = list(map(str.lstrip, lines))
    return map(operator.gt, map(bool, stripped), map(str.startswith, stripped, repeat("#")))


def lexicon_entries(name: str) -> list[tuple[int, str]]:
    """(line number in the file, line) of every entry of ``name``: header, comment
    and blank lines skipped. For parsers that name the line of a bad entry (and cache
    what they build)."""
    lines = _file_lines(name)
    return list(compress(enumerate(lines, 1), _entry_mask(lines)))


@lru_cache(maxsize=None)
def lexicon_lines(name: str) -> tuple[str, ...]:
    """The entries of ``name``, in file order, exactly as written."""
    lines = _file_lines(name)
    return tuple(compress(lines, _entry_mask(lines)))


@lru_cache(maxsize=None)
def lexicon_header(name: str) -> tuple[str, ...]:
    """The ``#`` lines that open ``name``, without the ``#`` and the space after it."""
    out = []
    for ln in _file_lines(name):
        if not _is_comment(ln):
            break
        out.append(ln.lstrip()[1:].removeprefix(" "))
    return tuple(out)


def lexicon_json(name: str) -> Any:
    """A packaged JSON file, parsed (callers keep what they build from it)."""
    return json.loads(lexicon_path(name).read_text(encoding="utf-8"))


def lexicon_arrays(name: str) -> dict[str, np.ndarray]:
    """The arrays of a packaged ``.npz`` file, read whole; object arrays are refused
    (``allow_pickle=False``), so a file can hold numbers and bytes only."""
    with lexicon_path(name).open("rb") as f, np.load(f, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}
