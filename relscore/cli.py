"""The ``relscore`` command. ``relscore score`` reads corpora, measures every
article and writes one row per article plus its evidence spans; other
subcommands (``train``, ``evaluate``, ``report``) plug in through
``register(subparsers)`` in their own modules."""
from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from scoring.io.corpus import iter_prepared, prepare
from scoring.io.dates import parse_date
from scoring.io.output import TABLE_FORMATS, table_format
from scoring.io.records import ColumnError, ColumnSpec, InputError
from scoring.io.tables import read_records, read_table

log = logging.getLogger(__name__)

BATCH_SIZE = 256
#: Modules whose ``register(subparsers)`` adds subcommands, when they are installed.
PLUGINS = ("relscore.train", "relscore.report")

PredictFn = Callable[..., Any]


class UsageError(Exception):
    """A command-line mistake: printed and exit code 2."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("relscore")
    except PackageNotFoundError:
        return "unknown"


def _load_predict(model_paths: list[str] | None) -> PredictFn | None:
    """``scoring.model.scores.predict_scores`` when that module exists."""
    try:
        from scoring.model.scores import predict_scores
    except ModuleNotFoundError as e:
        if e.name != "scoring.model.scores":
            raise
        if model_paths:
            raise UsageError("--model was given but scoring.model.scores is not available in this install") from e
        log.warning("scoring.model.scores not available: writing features without reliability/bias scores")
        return None
    return predict_scores


def _ready_predict(model_paths: list[str] | None) -> PredictFn | None:
    """The predict function with its models loaded (before workers fork), or
    None with a warning when the bundled models cannot be used."""
    predict = _load_predict(model_paths)
    if predict is None:
        return None
    from scoring.run.local import warm_up

    try:
        if predict.__module__ == "scoring.model.scores":
            warm_up(True, True, model_paths)
    except Exception as e:
        if model_paths:
            raise UsageError(f"cannot score with --model {' '.join(model_paths)}: {type(e).__name__}: {e}") from e
        # No bundled model (or it cannot load): features are still worth writing.
        log.warning("model scores skipped: %s: %s", type(e).__name__, e)
        return None
    return predict


def _default_jobs() -> int:
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _date_arg(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    d = parse_date(value)
    if d is None:
        raise UsageError(f"{flag} {value!r} is not a date; use YYYY-MM-DD")
    return d.isoformat()


def run_score(args: argparse.Namespace) -> int:
    """``relscore score``: see ``relscore score --help``."""
    report_dir = Path(args.report) if args.report else None
    if args.out is None and report_dir is None:
        raise UsageError("give --out OUT.csv|.parquet|.jsonl (or --report DIR)")
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

    render_site = None
    if report_dir is not None:
        try:
            from reports import render_site
        except ImportError as e:
            print(f"relscore score: error: --report needs reports.render_site, which cannot be imported: {e}",
                  file=sys.stderr)
            return 1
    spec = ColumnSpec(text=args.text_column, title=args.title_column, id=args.id_column,
                      outlet=args.outlet_column, date=args.date_column, url=args.url_column)
    try:
        prepared = prepare(args.inputs, spec)
    except (InputError, ColumnError) as e:
        raise UsageError(str(e)) from e
    for m in args.model or ():
        if not Path(m).exists():
            raise UsageError(f"--model file not found: {m}")
    if args.engine == "dask":
        if args.resume or args.report or args.limit is not None:
            raise UsageError("--engine dask does not take --resume, --report or --limit")
        if importlib.util.find_spec("dask") is None or importlib.util.find_spec("distributed") is None:
            raise UsageError("--engine dask needs Dask: pip install 'relscore[dask]'")
    predict = _ready_predict(args.model)

    spans_path = Path(args.spans) if args.spans else (report_dir / "spans.jsonl" if report_dir else None)
    errors_path = Path(args.errors) if args.errors else out_path.with_name(out_path.stem + ".errors.jsonl")
    if args.engine == "dask":
        from scoring.run.dask_engine import run_dask

        return run_dask(args, prepared, predict, out_path, spans_path, errors_path, since, until)
    return _run_local(args, prepared, predict, out_path, spans_path, errors_path, since, until,
                      report_dir, render_site)


def _run_local(args: argparse.Namespace, prepared: Any, predict: PredictFn | None, out_path: Path,
               spans_path: Path | None, errors_path: Path, since: str | None, until: str | None,
               report_dir: Path | None, render_site: Any) -> int:
    from scoring.run import resume
    from scoring.run.chunks import output_columns
    from scoring.run.local import LocalEngine, Output, warm_up
    from scoring.run.progress import Progress, count_rows

    fmt = table_format(out_path)
    try:
        if args.resume:
            state = resume.prepare_resume(out_path, fmt, spans_path, errors_path)
        else:
            resume.clear(out_path)
            state = resume.ResumeState()
        output = Output(out_path, spans_path, errors_path, errors_lazy=args.errors is None and not state.resumed,
                        columns=output_columns(predict is not None), state=state)
    except resume.ResumeError as e:
        raise UsageError(str(e)) from e
    if state.resumed:
        log.warning("resuming: %d articles and %d rejected rows already done in %s",
                    len(state.done_ids), len(state.done_errors), out_path)
    if args.jobs > 1:
        warm_up(True, False, None)
    engine = LocalEngine(
        output=output, jobs=args.jobs, batch_size=args.batch_size,
        score_kw={"predict": predict, "model_paths": args.model, "with_spans": spans_path is not None},
        state=state, since=since, until=until, keep_texts=report_dir is not None,
    )
    mode = Progress.choose_mode(args.quiet)
    total = None
    if mode != "off":
        total = count_rows(src for src, _ in prepared)
        if args.limit is not None:
            total = args.limit if total is None else min(total, args.limit)
    if mode == "log":
        logging.getLogger("scoring.run.progress").setLevel(logging.INFO)
    import tqdm as _tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    _tqdm.tqdm.monitor_interval = 0  # no monitor thread: worker processes may fork at any time
    progress = Progress(total, mode)
    finished = False
    try:
        with logging_redirect_tqdm():  # warnings print above the bar instead of through it
            engine.run(iter_prepared(prepared, args.limit), progress)
        finished = True
    finally:
        progress.close()
        if finished:
            output.finish()
        else:
            output.close()
            print(f"relscore score: stopped after {engine.counts.scored} articles; "
                  f"run the same command with --resume to finish", file=sys.stderr)
    c = engine.counts
    summary = f"read {c.read}, scored {c.scored}, rejected {c.rejected}"
    if c.rejected:
        summary += f" (errors: {errors_path})"
    if state.resumed:
        summary += f"; already done {c.already_done}"
    summary += f"; dates missing {c.dates_missing}"
    if c.dates_unparseable:
        summary += f" ({c.dates_unparseable} unparseable)"
    summary += f"; filtered {c.filtered}"
    if c.headlines_missing and predict is not None:
        # the bias model then reads the body alone (its headline evidence counts as average)
        summary += f"; {c.headlines_missing} without a headline (bias from the body alone)"
    if mode != "off":
        summary += f"; {progress.line()}"
    print(summary, file=sys.stderr)
    print(f"wrote {out_path}" + (f" and {spans_path}" if spans_path else ""), file=sys.stderr)

    if render_site is not None and report_dir is not None:
        site = render_site(read_table(out_path), read_records(spans_path), engine.texts, report_dir)
        print(f"report: {site}", file=sys.stderr)
    rejected_total = c.rejected + (len(state.done_errors) if state.resumed else 0)
    return 0 if c.scored or c.already_done or not rejected_total else 1


def add_score_parser(subparsers: Any) -> argparse.ArgumentParser:
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
    p.add_argument("--model", metavar="PATH", nargs="+", action="extend",
                   help="model file(s) for the reliability/bias scores (default: the bundled models); "
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
    p.add_argument("--partition-rows", type=int, default=2000, metavar="N",
                   help="with --engine dask: articles per partition (default 2000)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress output (default: a bar on a terminal, a log line every 30 s otherwise)")
    p.set_defaults(func=run_score)
    return p


def _register_plugins(subparsers: Any) -> None:
    """Subcommands from other modules, skipped while those modules do not exist."""
    for name in PLUGINS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name in (name, name.rpartition(".")[0]):
                log.debug("%s not available; its subcommands are skipped", name)
                continue
            raise
        module.register(subparsers)


def build_parser(plugins: bool = True) -> argparse.ArgumentParser:
    """The argument parser; ``plugins=False`` leaves out the plugin subcommands
    (importing them costs about a second of start-up that ``score`` does not need)."""
    parser = argparse.ArgumentParser(
        prog="relscore",
        description="Score news articles for reliability and bias, with the evidence behind every score.",
    )
    parser.add_argument("--version", action="version", version=f"relscore {_version()}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_score_parser(subparsers)
    if plugins:
        _register_plugins(subparsers)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv``: its first argument that is not an option
    (the top-level options take no values)."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``relscore`` console script; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(plugins=_command(argv) != "score")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version and argparse usage errors
        return int(e.code or 0) if not isinstance(e.code, str) else 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="relscore: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(func(args) or 0)
    except UsageError as e:
        print(f"relscore {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("relscore: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
