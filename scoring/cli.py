"""The ``relscore`` command. ``relscore score`` reads corpora, measures every
article and writes one row per article plus its evidence spans; other
subcommands (``train``, ``evaluate``, ``report``) plug in through
``register(subparsers)`` in their own modules."""
from __future__ import annotations

import argparse
import importlib
import logging
import multiprocessing
import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from .corpus import Article, BadRow, ColumnError, ColumnSpec, InputError, iter_prepared, prepare
from .dates import parse_date
from .output import (
    META_COLUMNS, TABLE_FORMATS, RecordWriter, TableWriter, open_table_writer, read_records,
    read_table, table_format,
)

log = logging.getLogger(__name__)

BATCH_SIZE = 256
#: Score columns expected from scoring.model.predict_scores, in output order.
SCORE_COLUMNS = ("reliability", "bias", "reliability_why", "bias_why")
#: Modules whose ``register(subparsers)`` adds subcommands, when they are installed.
PLUGINS = ("scoring.train_cli", "reports.cli")

PredictFn = Callable[..., Any]


class UsageError(Exception):
    """A command-line mistake: printed and exit code 2."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("relscore")
    except PackageNotFoundError:
        return "unknown"


# -- scoring work (runs in worker processes with --jobs) ----------------------

def analyze_batch(batch: list[tuple[str, str | None]]) -> list[tuple[dict[str, float], list[dict[str, Any]]] | str]:
    """Features and span records for each (text, title); a failure becomes its
    message so one odd article cannot stop a long run."""
    from features import analyze

    out: list[tuple[dict[str, float], list[dict[str, Any]]] | str] = []
    for text, title in batch:
        try:
            a = analyze(text, title)
            out.append((a.features, a.span_records()))
        except Exception as e:  # reported per article in the errors file
            log.debug("analysis failed", exc_info=True)
            out.append(f"analysis failed: {type(e).__name__}: {e}")
    return out


def _load_predict(model_paths: list[str] | None) -> PredictFn | None:
    """``scoring.model.predict_scores`` when that module exists."""
    try:
        from scoring.model import predict_scores
    except ModuleNotFoundError as e:
        if e.name != "scoring.model":
            raise
        if model_paths:
            raise UsageError("--model was given but scoring.model is not available in this install") from e
        log.warning("scoring.model not available: writing features without reliability/bias scores")
        return None
    return predict_scores


@dataclass
class _Run:
    """State of one ``score`` run: writers, counters and the optional model."""

    out_path: Path
    errors: RecordWriter
    spans: RecordWriter | None
    predict: PredictFn | None
    model_paths: list[str] | None
    keep_texts: bool
    writer: TableWriter | None = None
    columns: list[str] | None = None
    read: int = 0
    scored: int = 0
    rejected: int = 0
    filtered: int = 0
    dates_missing: int = 0
    dates_unparseable: int = 0
    texts: dict[str, str] = field(default_factory=dict)
    analysis_failed: bool = False

    def reject(self, bad: BadRow) -> None:
        self.errors.write(bad.as_dict())
        self.rejected += 1

    def _scores(self, feats: "Any") -> "Any":
        """Model scores for a batch, or None when there is no usable model."""
        if self.predict is None:
            return None
        try:
            scores = self.predict(feats, model_paths=self.model_paths)
        except Exception as e:
            if self.model_paths:
                raise UsageError(f"cannot score with --model {' '.join(self.model_paths)}: "
                                 f"{type(e).__name__}: {e}") from e
            # No bundled model yet (or it cannot load): features are still worth writing.
            log.warning("model scores skipped: %s: %s", type(e).__name__, e)
            self.predict = None
            return None
        if len(scores) != len(feats):
            raise RuntimeError(f"predict_scores returned {len(scores)} rows for {len(feats)} articles")
        return scores.reset_index(drop=True)

    def write_batch(self, articles: list[Article], results: list[Any]) -> None:
        import pandas as pd
        from features import FEATURE_NAMES

        rows, texts = [], []
        for art, res in zip(articles, results):
            if isinstance(res, str):
                if not self.analysis_failed:
                    log.warning("article %s (%s line %d): %s", art.id, art.file, art.line, res)
                    self.analysis_failed = True
                self.reject(BadRow(art.file, art.line, res, art.id))
                continue
            texts.append(art.text)
            feats, span_recs = res
            rows.append([art.id, art.outlet, art.date, art.title, art.domain, art.url,
                         *(feats[n] for n in FEATURE_NAMES)])
            if self.spans is not None:
                self.spans.write_many([{"id": art.id, **rec} for rec in span_recs])
            if self.keep_texts:
                self.texts[art.id] = art.text
        if not rows:
            return
        frame = pd.DataFrame(rows, columns=[*META_COLUMNS, *FEATURE_NAMES])
        # The model's wording component reads the text next to the features.
        scores = self._scores(frame[list(FEATURE_NAMES)].assign(text=texts))
        if scores is not None:
            frame = pd.concat([frame, scores], axis=1)
        if self.writer is None:
            self.columns = list(frame.columns)
            self.writer = open_table_writer(self.out_path, self.columns)
        self.writer.write(frame)
        self.scored += len(rows)

    def close(self) -> None:
        if self.writer is None:  # nothing scored: still leave a table with the header
            from features import FEATURE_NAMES

            cols = [*META_COLUMNS, *FEATURE_NAMES, *(SCORE_COLUMNS if self.predict else ())]
            self.writer = open_table_writer(self.out_path, cols)
        self.writer.close()
        self.errors.close()
        if self.spans is not None:
            self.spans.close()


def _score_stream(run: _Run, items: Any, since: str | None, until: str | None,
                  pool: Any, jobs: int, batch_size: int, progress: Any) -> None:
    """Feed articles to the analysis in batches, in input order, writing each
    batch as it completes. With a pool at most 2*jobs batches are in flight,
    so memory stays bounded however fast the input is read."""
    pending: deque[tuple[list[Article], Any]] = deque()

    def submit(batch: list[Article]) -> None:
        payload = [(a.text, a.title) for a in batch]
        if pool is None:
            run.write_batch(batch, analyze_batch(payload))
            return
        pending.append((batch, pool.apply_async(analyze_batch, (payload,))))
        while len(pending) > 2 * jobs:
            done, res = pending.popleft()
            run.write_batch(done, res.get())

    batch: list[Article] = []
    for item in items:
        run.read += 1
        progress.update(1)
        if isinstance(item, BadRow):
            run.reject(item)
            continue
        if item.date is None:
            run.dates_missing += 1
            run.dates_unparseable += item.date_status == "unparseable"
        elif (since and item.date < since) or (until and item.date > until):
            run.filtered += 1
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            submit(batch)
            batch = []
    if batch:
        submit(batch)
    while pending:
        done, res = pending.popleft()
        run.write_batch(done, res.get())


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
    try:
        table_format(out_path)
    except ValueError as e:
        raise UsageError(str(e)) from e
    since = _date_arg(args.since, "--since")
    until = _date_arg(args.until, "--until")
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
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
    predict = _load_predict(args.model)

    spans_path = Path(args.spans) if args.spans else (report_dir / "spans.jsonl" if report_dir else None)
    errors_path = Path(args.errors) if args.errors else out_path.with_name(out_path.stem + ".errors.jsonl")
    run = _Run(
        out_path=out_path,
        errors=RecordWriter(errors_path, lazy=args.errors is None),
        spans=RecordWriter(spans_path) if spans_path else None,
        predict=predict,
        model_paths=args.model,
        keep_texts=report_dir is not None,
    )
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    # Workers start before the progress bar's monitor thread: no fork with threads running.
    pool = multiprocessing.get_context().Pool(args.jobs) if args.jobs > 1 else None
    progress = tqdm(total=args.limit, unit="article", file=sys.stderr, mininterval=0.5,
                    disable=args.quiet, desc="scoring")
    try:
        with logging_redirect_tqdm():  # warnings print above the bar instead of through it
            _score_stream(run, iter_prepared(prepared, args.limit), since, until,
                          pool, args.jobs, args.batch_size, progress)
    finally:
        progress.close()
        if pool is not None:
            pool.terminate()
            pool.join()
        run.close()

    summary = f"read {run.read}, scored {run.scored}, rejected {run.rejected}"
    if run.rejected:
        summary += f" (errors: {errors_path})"
    summary += f"; dates missing {run.dates_missing}"
    if run.dates_unparseable:
        summary += f" ({run.dates_unparseable} unparseable)"
    summary += f"; filtered {run.filtered}"
    print(summary, file=sys.stderr)
    print(f"wrote {out_path}" + (f" and {spans_path}" if spans_path else ""), file=sys.stderr)

    if render_site is not None and report_dir is not None:
        site = render_site(read_table(out_path), read_records(spans_path), run.texts, report_dir)
        print(f"report: {site}", file=sys.stderr)
    return 0 if run.scored or not run.rejected else 1


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
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, metavar="N",
                   help=f"articles per batch (default {BATCH_SIZE})")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
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
