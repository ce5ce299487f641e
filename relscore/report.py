"""``relscore report``: the HTML site from a scores table, its spans and the texts."""
from __future__ import annotations

import argparse
import logging

from relscore.cli import UsageError
from relscore.progress import page_bar
from reports import render_site
from reports.select import parse_articles
from scoring.io.corpus import iter_articles
from scoring.io.records import Article, ColumnSpec
from scoring.io.tables import read_table

log = logging.getLogger(__name__)


def register(subparsers: "argparse._SubParsersAction") -> argparse.ArgumentParser:
    """Add the ``report`` subcommand; its handler is ``args.func(args) -> int``."""
    p = subparsers.add_parser(
        "report",
        help="write the HTML report site from scored articles",
        description="Write a self-contained HTML site (overview, outlet pages, comparison over time, "
                    "article pages with highlighted evidence) from the output of `relscore score`.",
    )
    p.add_argument("scores", metavar="SCORES", help="scores table written by `relscore score` (.csv, .parquet or .jsonl)")
    p.add_argument("--spans", required=True, metavar="SPANS", help="evidence spans (.jsonl, .csv or .parquet)")
    p.add_argument("--texts", required=True, nargs="+", metavar="INPUT",
                   help="the inputs that were scored (same files/folders as for `relscore score`), for the article texts")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the site into")
    p.add_argument("--articles", default="flagged", type=_articles_arg, metavar="all|flagged|N",
                   help="which article pages to write (default: flagged)")
    p.add_argument("--compare", default=None, metavar="A,B,C",
                   help="comma-separated outlet names for the comparison over time (default: the largest few)")
    p.add_argument("--text-column", default=None, help="column holding the article text in INPUT, if not found automatically")
    p.add_argument("--id-column", default=None, help="column holding the article id in INPUT, if not found automatically")
    p.set_defaults(func=run)
    return p


def _articles_arg(value: str) -> str | int:
    try:
        return parse_articles(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def read_texts(inputs: list[str], ids: set[str], text_column: str | None = None, id_column: str | None = None) -> dict[str, str]:
    """Article texts by id, read with the same readers as `relscore score`."""
    spec = ColumnSpec(text=text_column, id=id_column)
    out: dict[str, str] = {}
    for item in iter_articles(inputs, spec):
        if isinstance(item, Article) and item.id in ids:
            out[item.id] = item.text
    return out


def run(args: argparse.Namespace) -> int:
    """Handler of ``relscore report``."""
    try:
        scored = read_table(args.scores, "SCORES")
        spans = read_table(args.spans, "--spans")
    except (FileNotFoundError, ValueError) as e:
        raise UsageError(str(e)) from e
    if "id" not in scored:
        raise UsageError(f"SCORES {args.scores!r} has no 'id' column; columns are {list(scored.columns)[:20]}")
    scored["id"] = scored["id"].astype(str)
    texts = read_texts(args.texts, set(scored["id"]), args.text_column, args.id_column)
    missing = len(set(scored["id"]) - set(texts))
    if missing:
        print(f"warning: {missing} scored article(s) not found in --texts; their pages show no text")
    compare = [c.strip() for c in args.compare.split(",") if c.strip()] if args.compare else None
    index = render_site(scored, spans, texts, args.out, articles=args.articles, compare=compare,
                        page_progress=page_bar)
    print(f"report written: {index}")
    return 0
