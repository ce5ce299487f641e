"""``relscore score``: read corpora, measure every article and write one row per
article plus its evidence spans. This module parses and checks the options,
calls the engines of :mod:`scoring.run` and tells the user what they did."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from relscore.cli import UsageError
from relscore.progress import Progress, page_bar
from relscore.report import articles_arg, compare_arg
from reports import render_site
from scoring.io.corpus import prepare
from scoring.io.records import ColumnError, ColumnSpec, InputError
from scoring.io.dates import parse_date
from scoring.io.output import TABLE_FORMATS, check_folder_writable, table_format
from scoring.io.tables import read_records, read_table
from scoring.run import (
    BATCH_SIZE, PARTITION_ROWS, DaskResult, LocalRun, OutputError, PredictFn, Prepared, RunError, RunResult,
    count_rows, load_predict, require_dask, run_dask,
)
from scoring.run.errors import writing

log = logging.getLogger(__name__)


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``score`` subcommand; its handler is ``args.func(args) -> int``."""
    p = subparsers.add_parser(
        "score",
        help="measure articles and write features, scores and evidence spans",
        description=(
            "Score news articles. INPUT is any mix of: a folder of .txt files (first line = title), "
            ".jsonl, .csv/.tsv, .parquet, a NELA-GT SQLite release (.db/.sqlite, table newsdata) or "
            "NELA-GT per-outlet .json files (a file or a folder). Rows that cannot be scored go to "
            "the errors file with their line number and reason."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="corpus files or folders")
    p.add_argument("--out", metavar="OUT", help=f"output table ({', '.join(TABLE_FORMATS)}): one row per article")
    p.add_argument("--spans", metavar="SPANS.jsonl", help="evidence spans, one JSON object per line")
    p.add_argument("--errors", metavar="ERRORS.jsonl",
                   help="rejected rows (default: OUT's name + .errors.jsonl, written only when there are errors)")
    p.add_argument("--report", metavar="DIR",
                   help="also write an HTML report to DIR (keeps every article text in memory "
                        "while scoring, about the size of the corpus text)")
    p.add_argument("--articles", type=articles_arg, metavar="all|flagged|N",
                   help="with --report: which article pages to write (default: flagged, see 'relscore report --help')")
    p.add_argument("--compare", type=compare_arg, metavar="A,B,C",
                   help="with --report: comma-separated outlet names for the comparison over time "
                        "(default: the largest few)")
    p.add_argument("--model", metavar="PATH", nargs="+", action="extend",
                   help="model file(s) for the reliability, bias and lean scores (default: the three bundled "
                        "models; given files replace them all, and a score without a file is left empty); "
                        "give the INPUTs before this option")
    p.add_argument("--limit", type=int, metavar="N", help="stop after N input rows")
    p.add_argument("--since", metavar="DATE", help="only articles dated on or after DATE (undated ones are kept)")
    p.add_argument("--until", metavar="DATE", help="only articles dated on or before DATE (undated ones are kept)")
    for fld in ("text", "title", "id", "outlet", "date", "url"):
        p.add_argument(f"--{fld}-column", metavar="C", help=f"column holding the {fld} (default: common names)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: all cores this process may use); with --engine dask, "
                        "the workers of the local cluster it starts")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, metavar="N",
                   help=f"articles per batch (default {BATCH_SIZE})")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run: keep what OUT (and the spans/errors files) already "
                        "hold and score only the articles not yet in them")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster (Parquet input, Parquet dataset output)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 "
                        "(default: start a LocalCluster with --jobs workers)")
    p.add_argument("--partition-rows", type=int, default=PARTITION_ROWS, metavar="N",
                   help=f"with --engine dask: articles per partition (default {PARTITION_ROWS})")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress output (default: a bar on a terminal, a log line every 30 s otherwise)")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Handler of ``relscore score``: check the options, then score with the chosen engine.
    An output that cannot be written ends it with one line naming the file and exit code 1."""
    try:
        return _run(args)
    except OutputError as e:
        print(f"relscore score: error: {e}", file=sys.stderr)
        if e.no_room:
            # nothing was scored yet (a failure mid-run says so in _score_local, with --resume)
            print("relscore score: free some space, then run the same command again", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    report_dir = Path(args.report) if args.report else None
    if args.out is None and report_dir is None:
        raise UsageError("give --out OUT.csv|.parquet|.jsonl (or --report DIR)")
    if report_dir is None and (args.articles is not None or args.compare is not None):
        raise UsageError("--articles and --compare choose what the report shows: give --report DIR too")
    out_path = Path(args.out) if args.out else report_dir / "scores.csv"  # type: ignore[operator]
    if args.engine != "dask":  # Dask writes a Parquet dataset: a folder of any name
        try:
            table_format(out_path)
        except ValueError as e:
            raise UsageError(str(e)) from e
    since = _date_arg(args.since, "--since")
    until = _date_arg(args.until, "--until")
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    if args.jobs is None:
        args.jobs = _default_jobs()
    if args.jobs < 1 or args.batch_size < 1 or (args.limit is not None and args.limit < 0):
        raise UsageError("--jobs and --batch-size must be >= 1 and --limit >= 0")
    prepared = _prepare(args)
    if args.engine == "dask":
        if args.resume or args.report or args.limit is not None:
            raise UsageError("--engine dask does not take --resume, --report or --limit")
        try:
            require_dask()
        except RunError as e:
            raise UsageError(str(e)) from e
    spans_path = Path(args.spans) if args.spans else (report_dir / "spans.jsonl" if report_dir else None)
    _check_folders(args, out_path, spans_path, report_dir)
    predict = _load_predict(args.model)
    if args.engine == "dask":
        return _score_dask(args, prepared, predict, out_path, spans_path, since, until)
    return _score_local(args, prepared, predict, out_path, spans_path, since, until, report_dir)


def _check_folders(args: argparse.Namespace, out: Path, spans: Path | None, report_dir: Path | None) -> None:
    """Fail before any scoring when a folder the run writes to cannot take a file."""
    errors = Path(args.errors) if args.errors else None
    for what, path in (("output", out), ("spans file", spans), ("errors file", errors)):
        if path is not None:
            with writing(path, what):
                check_folder_writable(path.parent)
    if report_dir is not None:
        with writing(report_dir, "report folder"):
            check_folder_writable(report_dir)


def _date_arg(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    d = parse_date(value)
    if d is None:
        raise UsageError(f"{flag} {value!r} is not a date; use YYYY-MM-DD")
    return d.isoformat()


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _prepare(args: argparse.Namespace) -> Prepared:
    """The inputs with their columns found, and the model files checked, before anything is written."""
    spec = ColumnSpec(text=args.text_column, title=args.title_column, id=args.id_column,
                      outlet=args.outlet_column, date=args.date_column, url=args.url_column)
    try:
        prepared = prepare(args.inputs, spec)
    except (InputError, ColumnError) as e:
        raise UsageError(str(e)) from e
    for m in args.model or ():
        if not Path(m).exists():
            raise UsageError(f"--model file not found: {m}")
    return prepared


def _load_predict(model_paths: list[str] | None) -> PredictFn | None:
    """The model scoring function with its models loaded (before workers fork), or
    None with a warning when the bundled models cannot be used."""
    try:
        return load_predict(model_paths, keep=True)  # this process keeps them until it exits
    except Exception as e:
        if model_paths:
            raise UsageError(f"cannot score with --model {' '.join(model_paths)}: {type(e).__name__}: {e}") from e
        # No bundled model (or it cannot load): features are still worth writing.
        log.warning("model scores skipped: %s: %s", type(e).__name__, e)
        return None


def _score_local(args: argparse.Namespace, prepared: Prepared, predict: PredictFn | None, out_path: Path,
                 spans_path: Path | None, since: str | None, until: str | None, report_dir: Path | None) -> int:
    try:
        job = LocalRun(prepared, out_path, spans=spans_path, errors=Path(args.errors) if args.errors else None,
                       predict=predict, model_paths=args.model, jobs=args.jobs, batch_size=args.batch_size,
                       resume=args.resume, since=since, until=until, limit=args.limit,
                       keep_texts=report_dir is not None, loaded_frozen=predict is not None)
    except OutputError:
        raise
    except RunError as e:
        raise UsageError(str(e)) from e
    mode = Progress.choose_mode(args.quiet)
    total = None
    if mode != "off":
        total = count_rows(src for src, _ in prepared)
        if args.limit is not None:
            total = args.limit if total is None else min(total, args.limit)
    tqdm.tqdm.monitor_interval = 0  # no monitor thread: worker processes may fork at any time
    progress = Progress(total, mode)
    try:
        with logging_redirect_tqdm():  # warnings print above the bar instead of through it
            result = job.run(on_progress=progress.update)
    except OutputError as e:
        progress.close()
        print(f"relscore score: error: {e}", file=sys.stderr)
        if e.no_room:
            print(f"relscore score: stopped after {job.counts.scored} articles; free some space, then run "
                  f"the same command with --resume to finish", file=sys.stderr)
        return 1
    except RunError as e:  # a resumed output that does not follow the input: nothing was written
        progress.close()
        raise UsageError(str(e)) from e
    except BaseException:
        progress.close()
        print(f"relscore score: stopped after {job.counts.scored} articles; "
              f"run the same command with --resume to finish", file=sys.stderr)
        raise
    progress.close()
    summary = _summary(result, predict is not None)
    if mode != "off":
        summary += f"; {progress.line()}"
    print(summary, file=sys.stderr)
    print(f"wrote {out_path}" + (f" and {spans_path}" if spans_path else ""), file=sys.stderr)
    if report_dir is not None:
        scored, spans = read_table(out_path), read_records(spans_path)
        with writing(report_dir, "report folder"):
            site = render_site(scored, spans, result.texts, report_dir, articles=args.articles or "flagged",
                               compare=args.compare or None, page_progress=page_bar)
        print(f"report: {site}", file=sys.stderr)
    c = result.counts
    return 0 if c.scored or c.already_done or not (c.rejected + result.earlier_rejected) else 1


def _summary(result: RunResult, with_scores: bool) -> str:
    """The counts line of a local run."""
    c = result.counts
    summary = f"read {c.read}, scored {c.scored}, rejected {c.rejected}"
    if c.rejected:
        summary += f" (errors: {result.errors})"
    if result.resumed:
        summary += f"; already done {c.already_done}"
    summary += f"; dates missing {c.dates_missing}"
    if c.dates_unparseable:
        summary += f" ({c.dates_unparseable} unparseable)"
    summary += f"; filtered {c.filtered}"
    if c.headlines_missing and with_scores:
        # the bias model then reads the body alone (its headline evidence counts as average)
        summary += f"; {c.headlines_missing} without a headline (bias from the body alone)"
    return summary


def _score_dask(args: argparse.Namespace, prepared: Prepared, predict: PredictFn | None, out_path: Path,
                spans_path: Path | None, since: str | None, until: str | None) -> int:
    if not args.verbose:  # distributed logs every worker start and stop at INFO
        for name in ("distributed", "dask"):
            logging.getLogger(name).setLevel(logging.WARNING)
    try:
        r: DaskResult = run_dask(
            prepared, out_path, spans=spans_path, errors=Path(args.errors) if args.errors else None,
            predict=predict, model_paths=args.model, since=since, until=until,
            partition_rows=args.partition_rows, scheduler=args.scheduler, jobs=args.jobs,
            on_submit=_dask_bar if not args.quiet and sys.stderr.isatty() else None)
    except OutputError:
        raise
    except (RunError, ValueError, OSError) as e:
        raise UsageError(str(e)) from e
    print(f"read {r.read}, scored {r.scored}, rejected {r.rejected}"
          + (f" (errors: {r.errors})" if r.rejected else "")
          + f"; filtered {r.filtered}; {r.partitions} partitions", file=sys.stderr)
    print(f"wrote {out_path}/" + (f" and {spans_path}/" if spans_path else ""), file=sys.stderr)
    return 0 if r.scored or not r.rejected else 1


def _dask_bar(future: Any) -> None:
    """Distributed's own progress bar for the submitted job."""
    from distributed import progress  # optional: installed with relscore[dask]

    progress(future)
    print(file=sys.stderr)
