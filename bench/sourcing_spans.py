"""Sourcing spans (attribution cues, sources, quotations) on unlabelled text of dev-half outlets, dumped and
diffed between two trees, so that every attribution rule change can be read for precision (issue 18).

    PYTHONPATH=<tree> python -m bench.sourcing_spans dump OUT.json [--n 2000] [--pools third fourth]
    python -m bench.sourcing_spans diff BEFORE.json AFTER.json

``dump`` runs ``extract_sourcing`` over the first ``n`` articles of each named pool of
``bench.insertion_spans.fresh_pool`` (dev-half outlets only; test-half outlets are never read) and writes
every span with the article text. ``diff`` lists the spans one dump has and the other lacks, each in its
sentence's context, and their count.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

Record = tuple[int, int, str, str]


def dump(out: Path, n: int, pools: list[str]) -> None:
    """Every sourcing span of the pools' first ``n`` articles each, with the article text."""
    from bench.insertion_spans import fresh_pool
    from bench.realnews_select import split_of
    from features.sourcing import extract_sourcing
    from features.text import parse
    from scoring.model.datasets import shared_dir

    rows = {}
    for pool in pools:
        arts = fresh_pool(shared_dir(), pool).head(n)
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
    f = sub.add_parser("diff")
    f.add_argument("before", type=Path)
    f.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.out, args.n, args.pools)
        return
    before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after))
    lines = changed(before, after)
    print("\n".join(lines + [f"{len(lines)} changed spans over {len(before)} articles"]))


if __name__ == "__main__":
    main()
