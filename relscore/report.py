"""``relscore report``: the HTML site from a scores table, its spans and the texts."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pandas as pd

from reports import render_site
from reports.select import parse_articles
from scoring.io.corpus import iter_articles
from scoring.io.records import Article, ColumnSpec

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


def read_table(path: str | Path, what: str) -> pd.DataFrame:
    """A table by its extension: .csv, .tsv, .parquet or .jsonl/.ndjson."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{what} file {str(path)!r} does not exist")
    suf = path.suffix.lower()
    if suf in (".parquet", ".pq"):
        return pd.read_parquet(path)
    if suf == ".csv":
        return pd.read_csv(path, dtype={"id": str})
    if suf == ".tsv":
        return pd.read_csv(path, sep="\t", dtype={"id": str})
    if suf in (".jsonl", ".ndjson"):
        if path.stat().st_size == 0:
            return pd.DataFrame()
        return pd.read_json(path, lines=True, dtype={"id": str})
    raise ValueError(f"{what} file {str(path)!r} has extension {suf!r}; use .csv, .tsv, .parquet or .jsonl")


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
    scored = read_table(args.scores, "SCORES")
    if "id" not in scored:
        raise ValueError(f"SCORES {args.scores!r} has no 'id' column; columns are {list(scored.columns)[:20]}")
    scored["id"] = scored["id"].astype(str)
    spans = read_table(args.spans, "--spans")
    texts = read_texts(args.texts, set(scored["id"]), args.text_column, args.id_column)
    missing = len(set(scored["id"]) - set(texts))
    if missing:
        print(f"warning: {missing} scored article(s) not found in --texts; their pages show no text")
    compare = [c.strip() for c in args.compare.split(",") if c.strip()] if args.compare else None
    index = render_site(scored, spans, texts, args.out, articles=args.articles, compare=compare)
    print(f"report written: {index}")
    return 0
