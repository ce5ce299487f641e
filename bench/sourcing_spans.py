"""Sourcing spans (attribution cues, sources, quotations) on unlabelled text of dev-half outlets, dumped and
diffed between two trees, so that every attribution rule change can be read for precision (issue 18).

    PYTHONPATH=<tree> python -m bench.sourcing_spans dump OUT.json [--n 2000] [--pools third fourth]
    PYTHONPATH=<tree> python -m bench.sourcing_spans dump OUT.json --draw 44 --n 1500 [--after 40:3000 41:1500 ...]
    python -m bench.sourcing_spans diff BEFORE.json AFTER.json

``dump`` runs ``extract_sourcing`` over the first ``n`` articles of each named pool of
``bench.insertion_spans.fresh_pool`` (dev-half outlets only; test-half outlets are never read), or over a
seeded draw of ``n`` unlabelled dev-outlet articles (``bench.offtopic_real.dev_articles``) made after the
earlier draws ``--after SEED:N`` are taken out in order, so that a fresh pool and its exclusions are one
command; it writes every span with the article text. ``diff`` lists the spans one dump has and the other lacks, each in its
sentence's context, and their count.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

Record = tuple[int, int, str, str]


def drawn(articles: "pd.DataFrame", seed: int, n: int, after: list[tuple[int, int]] = ()) -> "pd.DataFrame":
    """``n`` rows of ``articles`` drawn with ``seed`` once the earlier draws ``after`` ((seed, n) pairs, in the
    order they were made) are taken out, so that each new pool is disjoint from the ones read before."""
    rest = articles
    for s, k in after:
        rest = rest.drop(rest.sample(n=min(k, len(rest)), random_state=s).index)
    return rest.sample(n=min(n, len(rest)), random_state=seed)


def _seed_count(value: str) -> tuple[int, int]:
    seed, _, n = value.partition(":")
    try:
        return int(seed), int(n)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected SEED:N (as 40:3000), got {value!r}") from None


def dump(out: Path, n: int, pools: list[str], draw: int | None = None, after: list[tuple[int, int]] = ()) -> None:
    """Every sourcing span of the pools' first ``n`` articles each (or of a seeded draw of ``n``), with the text."""
    from bench.insertion_spans import fresh_pool
    from bench.offtopic_real import dev_articles
    from bench.realnews_select import split_of
    from features.sourcing import extract_sourcing
    from features.text import parse
    from scoring.model.datasets import shared_dir

    if draw is not None:
        named = {f"draw {draw}": drawn(dev_articles(shared_dir()), draw, n, after)}
    else:
        named = {pool: fresh_pool(shared_dir(), pool).head(n) for pool in pools}
    rows = {}
    for pool, arts in named.items():
        if not (arts["outlet"].map(split_of) == "dev").all():
            raise ValueError(f"pool {pool!r} holds an article of a test-half outlet")
        for aid, text in zip(arts["id"], arts["text"].astype(str)):
            spans = [(s.start, s.end, s.kind, s.label) for s in extract_sourcing(parse(text)).spans]
            rows[aid] = {"text": text, "spans": spans}
    out.write_text(json.dumps(rows), encoding="utf-8")


def changed(before: dict, after: dict, context: int = 80) -> list[str]:
    """One line per span that only one dump holds: GONE (only before) or NEW (only after), with context."""
    out = []
    for aid, row in before.items():
        old = {tuple(s) for s in row["spans"]}
        new = {tuple(s) for s in after.get(aid, {"spans": []})["spans"]}
        text = row["text"]
        for tag, spans in (("GONE", old - new), ("NEW", new - old)):
            for s, e, kind, label in sorted(spans):
                seen = text[max(0, s - context) : s] + "[[" + text[s:e] + "]]" + text[e : e + context]
                out.append(f"{tag} {kind} {label} {aid} {seen!r}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--n", type=int, default=2000)
    d.add_argument("--pools", nargs="+", choices=("third", "fourth"), default=["third", "fourth"])
    d.add_argument("--draw", type=int, metavar="SEED", help="a seeded draw of --n dev-outlet articles instead of the pools")
    d.add_argument("--after", type=_seed_count, nargs="+", default=[], metavar="SEED:N",
                   help="with --draw: earlier draws taken out first, in the order they were made")
    f = sub.add_parser("diff")
    f.add_argument("before", type=Path)
    f.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.out, args.n, args.pools, args.draw, args.after)
        return
    before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after))
    lines = changed(before, after)
    print("\n".join(lines + [f"{len(lines)} changed spans over {len(before)} articles"]))


if __name__ == "__main__":
    main()
