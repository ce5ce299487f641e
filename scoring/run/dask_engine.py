"""``relscore score --engine dask``: score a Parquet dataset on a Dask cluster.

The dataset is cut into pieces of at most ``--partition-rows`` rows (a row
group, or a slice of one), one Dask partition per piece. Each partition reads
its own rows straight from the files, so article text never travels through the
scheduler, and runs :func:`scoring.run.chunks.score_chunk`, the same per-chunk
function as the local engine, through ``dask.dataframe.map_partitions``. The
scored rows are written as a Parquet dataset (``OUT/part-00000.parquet``, ...,
in input order); spans and errors as JSON Lines parts in their own folders.
Workers must be able to read the input and write the output paths (a shared
file system), and have relscore installed. ``pyarrow.parquet`` is imported by the functions that
use it (see ``scoring.io.parquet``), since every ``relscore score`` imports this module.
"""
from __future__ import annotations

import importlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import pandas as pd
import pyarrow as pa

from scoring.io.records import Article, Resolved, Source
from scoring.io.rows import build_article
from scoring.io.output import META_COLUMNS, RecordWriter
from scoring.io.parquet import batch_records
from scoring.model.scores import SCORE_COLUMNS
from scoring.run.chunks import Batch, PredictFn, in_input_order, output_columns, score_chunk
from scoring.run.errors import RunError, writing

PIECE_COLUMNS = ("piece", "path", "row_group", "offset", "rows", "first_line")
#: Articles per partition unless the caller says otherwise.
PARTITION_ROWS = 2000
DASK_MISSING = "--engine dask needs Dask, which cannot be imported ({}): pip install 'relscore[dask]'"


@dataclass(frozen=True)
class Piece:
    """Rows ``offset`` .. ``offset + rows`` of one row group of one file;
    ``first_line`` is the 1-based row number of its first row in the file."""

    path: str
    row_group: int
    offset: int
    rows: int
    first_line: int


def plan_pieces(sources: Sequence[Source], partition_rows: int) -> list[Piece]:
    """Every row of every Parquet file, in order, as pieces of at most ``partition_rows``."""
    import pyarrow.parquet as pq

    pieces: list[Piece] = []
    for src in sources:
        meta = pq.ParquetFile(src.path).metadata
        before = 0
        for g in range(meta.num_row_groups):
            n = meta.row_group(g).num_rows
            for off in range(0, n, partition_rows):
                pieces.append(Piece(str(src.path), g, off, min(partition_rows, n - off), before + off + 1))
            before += n
    return pieces


def read_piece(piece: Piece, columns: list[str]) -> list[dict[str, Any]]:
    """The records of one piece, as Python values (the local reader's view)."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(piece.path, buffer_size=1 << 20, pre_buffer=False)
    out: list[dict[str, Any]] = []
    seen = 0
    try:
        # Batches are decoded one at a time and only the piece's rows are kept.
        for batch in pf.iter_batches(batch_size=512, columns=columns, row_groups=[piece.row_group]):
            start, stop = seen, seen + batch.num_rows
            seen = stop
            if stop <= piece.offset:
                continue
            lo, hi = max(piece.offset, start) - start, min(piece.offset + piece.rows, stop) - start
            out.extend(batch_records(batch.slice(lo, hi - lo), piece.path))
            if stop >= piece.offset + piece.rows:
                break
    finally:
        pf.close()
    return out


def _articles(piece: Piece, res: Resolved, since: str | None, until: str | None) -> Batch:
    file, stem = piece.path, Path(piece.path).stem
    batch = Batch()
    for i, rec in enumerate(read_piece(piece, res.columns())):
        item = build_article(rec, res, file, stem, piece.first_line + i)
        if isinstance(item, Article) and item.date is not None and (
                (since and item.date < since) or (until and item.date > until)):
            continue
        batch.items.append(item)
    return batch


def empty_output(with_scores: bool) -> pd.DataFrame:
    """The output's columns and types (Dask's ``meta``)."""
    cols = output_columns(with_scores)
    text = {*META_COLUMNS, "criteria_why"} | {c for c in SCORE_COLUMNS if c.endswith("_why")}
    return pd.DataFrame({c: pd.Series(dtype=object if c in text else "float64") for c in cols})


def score_partition(part: pd.DataFrame, resolved: dict[str, Resolved], since: str | None, until: str | None,
                    predict: Any, model_paths: Sequence[str] | None, spans_dir: str | None,
                    errors_dir: str) -> pd.DataFrame:
    """Score the pieces described by ``part`` (one row per piece): the function
    ``map_partitions`` runs on every worker."""
    meta = empty_output(predict is not None)
    frames = [meta]
    for row in part.itertuples(index=False):
        piece = Piece(row.path, int(row.row_group), int(row.offset), int(row.rows), int(row.first_line))
        batch = _articles(piece, resolved[row.path], since, until)
        result = score_chunk(batch.articles, predict=predict, model_paths=model_paths,
                             with_spans=spans_dir is not None)
        errors = in_input_order(batch, result)
        name = f"part-{int(row.piece):05d}.jsonl"
        if spans_dir is not None and result.spans:
            _write_records(Path(spans_dir) / name, result.spans)
        if errors:
            _write_records(Path(errors_dir) / name, [b.as_dict() for b in errors])
        if len(result.frame):
            frames.append(result.frame)
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else meta
    return out.astype(meta.dtypes.to_dict())


def _write_records(path: Path, records: list[dict[str, Any]]) -> None:
    w = RecordWriter(path)
    try:
        w.write_many(records)
    finally:
        w.close()


def _arrow_schema(with_scores: bool) -> Any:
    meta = empty_output(with_scores)
    return pa.schema([pa.field(c, pa.string() if meta[c].dtype == object else pa.float64()) for c in meta.columns])


def _client(scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster  # optional: installed with relscore[dask]

    if scheduler:
        return Client(scheduler), None
    # A random dashboard port: a second run (or another user's cluster) may hold the default one.
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0")
    return Client(cluster), cluster


def _prepare_folder(path: Path) -> None:
    if path.is_file():
        raise ValueError(f"{path} is a file; --engine dask writes a folder there")
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)


@dataclass
class DaskResult:
    """What a Dask run did (input rows by outcome) and where it wrote it."""

    read: int
    scored: int
    rejected: int
    filtered: int
    partitions: int
    out: Path
    spans: Path | None
    errors: Path


def require_dask() -> None:
    """Raise :class:`RunError` with the install command when Dask, its dataframe
    part or distributed cannot be imported (a plain ``pip install dask`` lacks the
    dataframe requirements)."""
    for name in ("dask", "dask.dataframe", "distributed"):
        try:
            importlib.import_module(name)
        except ImportError as e:
            raise RunError(DASK_MISSING.format(e)) from e


def run_dask(prepared: Sequence[tuple[Source, Resolved | None]], out: Path, *, spans: Path | None = None,
             errors: Path | None = None, predict: PredictFn | None = None,
             model_paths: Sequence[str] | None = None, since: str | None = None, until: str | None = None,
             partition_rows: int = PARTITION_ROWS, scheduler: str | None = None, jobs: int = 1,
             on_submit: Callable[[Any], None] | None = None) -> DaskResult:
    """Score every Parquet input on Dask (see the module docstring) into the
    folder ``out``, spans into the folder ``spans``, rejected rows into the
    folder ``errors`` (default: OUT's name + ``_errors``). ``scheduler`` is the
    address of a running cluster; without it a LocalCluster of ``jobs`` workers
    is started. ``on_submit(future)`` is called once the job is submitted (to
    watch it). Raises :class:`RunError` for inputs it cannot take."""
    import pyarrow.parquet as pq

    bad = [str(s.path) for s, _ in prepared if s.kind != "parquet"]
    if bad:
        raise RunError(f"--engine dask reads Parquet inputs only; convert these first: {', '.join(bad[:3])}")
    if partition_rows < 1:
        raise RunError("--partition-rows must be >= 1")
    require_dask()
    out = Path(out)
    errors_dir = Path(errors) if errors is not None else out.with_name(out.name + "_errors")
    sources = [s for s, r in prepared if r is not None]
    resolved = {str(s.path): r for s, r in prepared if r is not None}
    pieces = plan_pieces(sources, partition_rows)
    for d in (out, *([spans] if spans else []), errors_dir):
        with writing(d, "output folder"):
            _prepare_folder(d)
    table = pd.DataFrame([(i, p.path, p.row_group, p.offset, p.rows, p.first_line) for i, p in enumerate(pieces)],
                         columns=list(PIECE_COLUMNS))
    args = (resolved, since, until, predict, list(model_paths) if model_paths else None,
            str(spans) if spans else None, str(errors_dir))
    _compute(table, args, out, predict is not None, scheduler, jobs, on_submit)
    read = sum(p.rows for p in pieces)
    scored = sum(pq.ParquetFile(f).metadata.num_rows for f in sorted(out.glob("*.parquet")))
    rejected = sum(sum(1 for line in open(f, encoding="utf-8") if line.strip())
                   for f in sorted(errors_dir.glob("*.jsonl")))
    return DaskResult(read, scored, rejected, read - scored - rejected, len(pieces), out, spans, errors_dir)


def _compute(table: pd.DataFrame, args: tuple, out: Path, with_scores: bool, scheduler: str | None,
             jobs: int, on_submit: Callable[[Any], None] | None) -> None:
    """Run :func:`score_partition` over the piece table and write the Parquet dataset."""
    import dask  # optional: installed with relscore[dask]
    import dask.dataframe as dd

    client, cluster = _client(scheduler, jobs)
    try:
        # Keep the piece table's paths as Python strings (no automatic Arrow conversion).
        with dask.config.set({"dataframe.convert-string": False}):
            ddf = dd.from_pandas(table, npartitions=max(1, len(table)), sort=False)
            scored = ddf.map_partitions(score_partition, *args, meta=empty_output(with_scores))
            job = scored.to_parquet(out, write_index=False, schema=_arrow_schema(with_scores),
                                    name_function=lambda i: f"part-{i:05d}.parquet", compute=False)
            future = client.compute(job)
            if on_submit is not None:
                on_submit(future)
            future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
