"""Resume points for ``relscore score``.

From its start and after every batch it writes, ``score`` records in
``OUT.progress`` how far each of its files is complete: bytes of the CSV/JSON
Lines table, of the spans file and of the errors file, or the number of Parquet
parts. A run killed at any moment therefore leaves files that are whole up to
that point plus, perhaps, a torn tail. ``--resume`` cuts the files back to the
recorded point (without one, a finished run's output or an older relscore's, it
cuts any partial last record), reads what is done (the ids in the output, file
and line in the errors file, both in input order) and scores only the rest,
appending; the result equals an uninterrupted run's.

What is done is matched by input position, not by id: the earlier run wrote its
rows in input order, so the done rows are the longest start of the input that
the output and errors file hold in that order. An input with repeated ids thus
loses none of them, and an output that does not follow the input is refused.
A finished run removes its ``.progress`` file; resuming a finished output
simply finds every row done.
"""
from __future__ import annotations

import csv
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from scoring.io.records import Article, BadRow
from scoring.run.errors import RunError, writing

log = logging.getLogger(__name__)

VERSION = 1


class ResumeError(RunError):
    """The existing output cannot be resumed (message says why and what to do)."""


def checkpoint_path(out: Path) -> Path:
    return out.with_name(out.name + ".progress")


def parts_dir(out: Path) -> Path:
    """Where a Parquet output keeps its finished batches until the run ends."""
    return out.with_name(f".{out.name}.parts")


@dataclass
class ResumeState:
    """What an earlier run already did."""

    #: Ids of the output's rows and (file, line) of the errors file's records, in file order.
    done_ids: list[str] = field(default_factory=list)
    done_errors: list[tuple[str, int]] = field(default_factory=list)
    columns: list[str] | None = None
    parts: int = 0
    resumed: bool = False


def write_checkpoint(out: Path, fmt: str, columns: list[str] | None, positions: dict[str, int]) -> None:
    """Record the complete length of every file (atomically: a torn checkpoint is impossible)."""
    path = checkpoint_path(out)
    tmp = path.with_name(path.name + ".tmp")
    with writing(path, "resume point"):
        tmp.write_text(json.dumps({"version": VERSION, "format": fmt, "columns": columns, "positions": positions}),
                       encoding="utf-8")
        os.replace(tmp, path)


def clear(out: Path) -> None:
    """Remove the resume point and any unjoined Parquet parts (a fresh run, or a finished one)."""
    checkpoint_path(out).unlink(missing_ok=True)
    shutil.rmtree(parts_dir(out), ignore_errors=True)


def _truncate(path: Path | None, size: int, what: str) -> None:
    if path is None:
        return
    if not path.exists():
        if size:
            raise ResumeError(f"cannot resume: the {what} file {path} is missing but the last run wrote {size} bytes to it")
        return
    actual = path.stat().st_size
    if actual < size:
        raise ResumeError(f"cannot resume: the {what} file {path} is shorter ({actual} bytes) than the last "
                          f"run recorded ({size}); was it changed? Run without --resume to start again")
    if actual > size:
        log.info("resume: cutting %s back from %d to %d bytes (a batch the last run did not finish)",
                 path, actual, size)
        _cut(path, size, what)


def _cut(path: Path, size: int, what: str) -> None:
    with writing(path, f"{what} file"), open(path, "r+b") as fh:
        fh.truncate(size)


def _cut_torn_line(path: Path | None, what: str) -> None:
    """Cut a JSON Lines file back to its last newline: a record is whole once its newline is written."""
    if path is None or not path.exists():
        return
    with open(path, "rb") as fh:
        end = fh.seek(0, os.SEEK_END)
        pos = end
        while pos > 0:
            start = max(0, pos - 65536)
            fh.seek(start)
            chunk = fh.read(pos - start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                pos = start + nl + 1
                break
            pos = start
    if pos < end:
        log.warning("resume: %s ends in a partial record (%d bytes); cut back to redo it", path, end - pos)
        _cut(path, pos, what)


def _ids_in_table(out: Path, fmt: str, parts: int) -> tuple[list[str], list[str] | None]:
    """The ids of the table's rows in order, and its columns (None when it has none yet)."""
    if fmt == "parquet":
        import pyarrow.parquet as pq  # only here: a run writing CSV or JSON Lines never loads it

        ids: list[str] = []
        columns = None
        for n in range(parts):
            part = parts_dir(out) / f"part-{n:06d}.parquet"
            ids.extend(pq.read_table(part, columns=["id"]).column("id").to_pylist())
            if columns is None:
                columns = pq.read_schema(part).names
        return ids, columns
    if fmt == "csv":
        return _csv_ids(out)
    _cut_torn_line(out, "output")
    ids, columns = [], None
    if not out.exists():
        return ids, columns
    with open(out, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise ResumeError(f"cannot resume: {out} line {n} is not JSON ({e})") from e
            columns = columns or list(rec)
            ids.append(str(rec.get("id")))
    return ids, columns


def _csv_records(fh: Any) -> Iterator[tuple[list[str] | None, int]]:
    """(fields, byte offset of the record's end) of a CSV file opened in binary;
    fields None for a record the csv module cannot read."""
    pos = 0

    def lines() -> Iterator[str]:
        nonlocal pos
        for raw in fh:
            pos += len(raw)
            yield raw.decode("utf-8", errors="replace")

    # csv reads exactly the lines of one record before it yields it, so pos is that record's end;
    # strict: a quote still open at the end of the file (a torn record) is an error, not a field.
    reader = csv.reader(lines(), strict=True)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield None, pos
            return
        yield row, pos


def _csv_ids(out: Path) -> tuple[list[str], list[str] | None]:
    """The ids of a CSV table and its header; a partial last record (no newline, a
    quote left open, fields missing) is cut off so that it is scored again."""
    if not out.exists() or out.stat().st_size == 0:
        return [], None
    ids: list[str] = []
    header: list[str] | None = None
    good = 0  # the end of the last whole record
    with open(out, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        fh.seek(size - 1)
        ends_whole = fh.read(1) == b"\n"
        fh.seek(0)
        for row, end in _csv_records(fh):
            whole = row is not None and (header is None or len(row) == len(header))
            if end >= size and not (whole and ends_whole):
                break  # the last record, torn
            if not whole:
                raise ResumeError(f"cannot resume: {out} has a malformed record ending at byte {end}; "
                                  f"run without --resume")
            good = end
            if header is None:
                header = row
                if "id" not in header:
                    raise ResumeError(f"cannot resume: {out} has no 'id' column")
                id_at = header.index("id")
            else:
                ids.append(row[id_at])
    if good < size:
        log.warning("resume: %s ends in a partial record (%d bytes); cut back to redo it", out, size - good)
        _cut(out, good, "output")
    return ids, header


def _errors_done(errors: Path | None) -> list[tuple[str, int]]:
    done: list[tuple[str, int]] = []
    _cut_torn_line(errors, "errors")
    if errors is None or not errors.exists():
        return done
    with open(errors, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rec: dict[str, Any] = json.loads(line)
                    done.append((str(rec["file"]), int(rec["line"])))
                except (ValueError, KeyError, TypeError) as e:
                    raise ResumeError(f"cannot resume: {errors} line {n} is not an errors record ({e}); "
                                      f"run without --resume") from e
    return done


def prepare_resume(out: Path, fmt: str, spans: Path | None, errors: Path | None) -> ResumeState:
    """Bring the files of an earlier run of the same command to their last
    complete point and say what is done. No earlier output: a fresh state."""
    ckpt = checkpoint_path(out)
    state = ResumeState(resumed=True)
    if ckpt.exists():
        try:
            info = json.loads(ckpt.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise ResumeError(f"cannot resume: {ckpt} is unreadable ({e}); run without --resume") from e
        if info.get("version") != VERSION or info.get("format") != fmt:
            raise ResumeError(f"cannot resume: {ckpt} was written for a {info.get('format')} output; "
                              f"run without --resume")
        pos = info.get("positions", {})
        if fmt == "parquet":
            state.parts = int(pos.get("out", 0))
            pdir = parts_dir(out)
            for extra in sorted(pdir.glob("part-*")) if pdir.exists() else []:
                stem = extra.name.split(".")[0]
                if int(stem.split("-")[1]) >= state.parts:
                    extra.unlink()
        else:
            _truncate(out, int(pos.get("out", 0)), "output")
        _truncate(spans, int(pos.get("spans", 0)), "spans")
        _truncate(errors, int(pos.get("errors", 0)), "errors")
        state.columns = info.get("columns")
    elif fmt == "parquet" and out.exists():
        # A finished Parquet output becomes the first part of the continued run.
        pdir = parts_dir(out)
        pdir.mkdir(parents=True, exist_ok=True)
        shutil.move(str(out), pdir / "part-000000.parquet")
        state.parts = 1
    elif not out.exists():
        return ResumeState(resumed=False)
    _cut_torn_line(spans, "spans")
    state.done_ids, columns = _ids_in_table(out, fmt, state.parts)
    state.columns = state.columns or columns
    state.done_errors = _errors_done(errors)
    return state


class DonePrefix:
    """Which input rows the resumed run already did (see the module docstring):
    feed every input row to :meth:`take` in order; the first row it does not
    take, and that the run does not filter out, goes to :meth:`end`."""

    def __init__(self, state: ResumeState, out: Path) -> None:
        self.ids, self.errors, self.out = state.done_ids, state.done_errors, out
        # Files by name: a run resumed from another folder spells a relative input path
        # differently; the order of the rows tells same-named inputs apart.
        self._error_keys = [(os.path.basename(f), line) for f, line in state.done_errors]
        self._i = self._e = 0

    def take(self, item: Article | BadRow) -> bool:
        """True when ``item`` is the next row the earlier run wrote (so it is done)."""
        if self._e < len(self.errors) and self._error_keys[self._e] == (os.path.basename(item.file), item.line):
            self._e += 1
            return True
        if isinstance(item, Article) and self._i < len(self.ids) and self.ids[self._i] == item.id:
            self._i += 1
            return True
        return False

    def end(self, item: Article | BadRow | None) -> None:
        """``item`` (None: the end of the input) is the first row still to do: the
        earlier run's files must hold nothing more."""
        if self._i == len(self.ids) and self._e == len(self.errors):
            return
        where = f"{item.file} line {item.line}" if item is not None else "the end of the input"
        held = (f"the output row {self._i + 1} (id {self.ids[self._i]!r})" if self._i < len(self.ids)
                else f"the errors record of {self.errors[self._e][0]} line {self.errors[self._e][1]}")
        raise ResumeError(f"cannot resume: {self.out} does not follow the input: at {where} the earlier run "
                          f"wrote {held} next; resume with the inputs and options of the interrupted run, "
                          f"or run without --resume")
