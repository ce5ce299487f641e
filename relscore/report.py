"""``relscore report``: the HTML site from a scores table, and article pages
from its spans and the texts when they are given."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pandas as pd
import pyarrow

from relscore.cli import UsageError
from relscore.progress import page_bar
from reports import render_site
from reports.select import parse_articles
from scoring.io.corpus import iter_articles
from scoring.io.records import Article, ColumnSpec
from scoring.io.tables import read_table

log = logging.getLogger(__name__)

#: Span columns the article pages need.
SPAN_NEEDS = ("id", "start", "end", "kind")
#: What reading a table may raise on a damaged or foreign file (pandas and pyarrow errors included).
_READ_ERRORS = (OSError, ValueError, TypeError, NotImplementedError, pyarrow.ArrowException)


def register(subparsers: "argparse._SubParsersAction") -> argparse.ArgumentParser:
    """Add the ``report`` subcommand; its handler is ``args.func(args) -> int``."""
    p = subparsers.add_parser(
        "report",
        help="write the HTML report site from scored articles",
        description="Write a self-contained HTML site from the output of 'relscore score': an overview, "
                    "outlet pages and a comparison of outlets over time from the scores table alone; "
                    "article pages with highlighted evidence when --spans and --texts are given too.",
    )
    p.add_argument("scores", metavar="SCORES", help="scores table written by 'relscore score' (.csv, .parquet or .jsonl)")
    p.add_argument("--spans", default=None, metavar="SPANS",
                   help="evidence spans (.jsonl, .csv or .parquet); with --texts, writes article pages")
    p.add_argument("--texts", default=None, nargs="+", metavar="INPUT",
                   help="the inputs that were scored (same files/folders as for 'relscore score'), for the article texts")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the site into")
    p.add_argument("--articles", default=None, type=articles_arg, metavar="all|flagged|N",
                   help="which article pages to write (default: flagged; needs --spans and --texts)")
    p.add_argument("--compare", default=None, type=compare_arg, metavar="A,B,C",
                   help="comma-separated outlet names for the comparison over time (default: the largest few)")
    p.add_argument("--text-column", default=None, metavar="NAME", help="column holding the article text in INPUT, if not found automatically")
    p.add_argument("--id-column", default=None, help="column holding the article id in INPUT, if not found automatically")
    p.set_defaults(func=run)
    return p


def articles_arg(value: str) -> str | int:
    """``--articles`` as parsed (argparse type): 'all', 'flagged' or a count."""
    try:
        return parse_articles(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def compare_arg(value: str) -> list[str]:
    """``--compare A,B,C`` as outlet names (argparse type)."""
    return [c.strip() for c in value.split(",") if c.strip()]


def _first_line(e: BaseException, limit: int = 200) -> str:
    msg = (str(e).strip().splitlines() or [type(e).__name__])[0]
    return msg if len(msg) <= limit else msg[: limit - 1] + "\u2026"


def load_table(path: str, what: str) -> pd.DataFrame:
    """``read_table`` with every failure as one UsageError line naming the file and what is wrong."""
    try:
        return read_table(path, what)
    except _READ_ERRORS as e:
        msg = _first_line(e)
        if msg.startswith(f"{what} file "):  # read_table's own errors already name the file
            raise UsageError(msg) from e
        if isinstance(e, IsADirectoryError):
            raise UsageError(f"{what} file {path!r} is a folder, not a table") from e
        raise UsageError(f"{what} file {path!r} cannot be read as a {Path(path).suffix.lstrip('.')} table: {msg}") from e


def read_texts(inputs: list[str], ids: set[str], text_column: str | None = None, id_column: str | None = None) -> dict[str, str]:
    """Article texts by id, read with the same readers as `relscore score`."""
    spec = ColumnSpec(text=text_column, id=id_column)
    out: dict[str, str] = {}
    for item in iter_articles(inputs, spec):
        if isinstance(item, Article) and item.id in ids:
            out[item.id] = item.text
    return out


def _inputs(args: argparse.Namespace) -> tuple[pd.DataFrame, pd.DataFrame | None, dict[str, str] | None]:
    """The scores table, and the spans and texts when given, each checked."""
    if (args.spans is None) != (args.texts is None):
        raise UsageError("give --spans and --texts together (article pages show the text with its evidence), or neither")
    if args.articles is not None and args.texts is None:
        raise UsageError("--articles needs --spans and --texts: article pages show the text with its evidence")
    scored = load_table(args.scores, "SCORES")
    if "id" not in scored:
        raise UsageError(f"SCORES file {args.scores!r} has no 'id' column; columns are {list(scored.columns)[:20]}")
    if not len(scored):
        raise UsageError(f"SCORES file {args.scores!r} has no rows: nothing to report")
    scored["id"] = scored["id"].astype(str)
    if args.spans is None:
        return scored, None, None
    spans = load_table(args.spans, "--spans")
    missing = [c for c in SPAN_NEEDS if c not in spans] if len(spans) else []
    if missing:
        raise UsageError(f"--spans file {args.spans!r} has no {', '.join(repr(c) for c in missing)} column(s); "
                         f"columns are {list(spans.columns)[:20]}")
    try:
        texts = read_texts(args.texts, set(scored["id"]), args.text_column, args.id_column)
    except _READ_ERRORS as e:
        raise UsageError(f"--texts: {_first_line(e)}") from e
    return scored, spans, texts


def run(args: argparse.Namespace) -> int:
    """Handler of ``relscore report``."""
    scored, spans, texts = _inputs(args)
    if texts is not None:
        missing = len(set(scored["id"]) - set(texts))
        if missing:
            print(f"warning: {missing} scored article(s) not found in --texts; their pages show no text")
    try:
        index = render_site(scored, spans, texts, args.out, articles=args.articles or "flagged",
                            compare=args.compare or None, page_progress=page_bar)
    except OSError as e:
        where = e.filename or args.out
        raise UsageError(f"cannot write the report to {str(where)!r}: {e.strerror or _first_line(e)}") from e
    print(f"report written: {index}")
    return 0
