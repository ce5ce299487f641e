"""Resume points for ``relscore score``.

After every batch it writes, ``score`` records in ``OUT.progress`` how far each
of its files is complete: bytes of the CSV/JSON Lines table, of the spans file
and of the errors file, or the number of Parquet parts. A run killed at any
moment therefore leaves files that are whole up to that point plus, perhaps, a
torn tail. ``--resume`` cuts the files back to the recorded point, reads which
articles are done (ids in the output, file and line in the errors file) and
scores only the rest, appending; the result equals an uninterrupted run's.
A finished run removes its ``.progress`` file; resuming a finished output
simply finds every article done.
"""
from __future__ import annotations

import csv
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from scoring.run.errors import RunError

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

    done_ids: set[str] = field(default_factory=set)
    done_errors: set[tuple[str, int]] = field(default_factory=set)
    columns: list[str] | None = None
    parts: int = 0
    resumed: bool = False


def write_checkpoint(out: Path, fmt: str, columns: list[str] | None, positions: dict[str, int]) -> None:
    """Record the complete length of every file (atomically: a torn checkpoint is impossible)."""
    path = checkpoint_path(out)
    tmp = path.with_name(path.name + ".tmp")
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
        with open(path, "r+b") as fh:
            fh.truncate(size)


def _ids_in_table(out: Path, fmt: str, parts: int) -> tuple[set[str], list[str] | None]:
    if fmt == "parquet":
        ids: set[str] = set()
        columns = None
        for n in range(parts):
            part = parts_dir(out) / f"part-{n:06d}.parquet"
            ids.update(pq.read_table(part, columns=["id"]).column("id").to_pylist())
            if columns is None:
                columns = pq.read_schema(part).names
        return ids, columns
    if not out.exists() or out.stat().st_size == 0:
        return set(), None
    if fmt == "csv":
        with open(out, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if not header or "id" not in header:
                raise ResumeError(f"cannot resume: {out} has no 'id' column")
            i = header.index("id")
            return {row[i] for row in reader if row}, header
    ids = set()
    columns = None
    with open(out, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise ResumeError(f"cannot resume: {out} line {n} is not JSON ({e})") from e
            columns = columns or list(rec)
            ids.add(str(rec.get("id")))
    return ids, columns


def _errors_done(errors: Path | None) -> set[tuple[str, int]]:
    done: set[tuple[str, int]] = set()
    if errors is None or not errors.exists():
        return done
    with open(errors, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec: dict[str, Any] = json.loads(line)
                done.add((str(rec.get("file")), int(rec.get("line", 0))))
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
    state.done_ids, columns = _ids_in_table(out, fmt, state.parts)
    state.columns = state.columns or columns
    state.done_errors = _errors_done(errors)
    return state
