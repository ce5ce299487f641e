"""Insertion spans on unlabelled text of dev-half outlets, dumped and diffed between two trees (issue 18).

    PYTHONPATH=<tree> python -m bench.insertion_spans dump OUT.json [--n 3000]
        [--pool check|second|third|fourth] [--one-block] [--skip-outlets-of IDS]
    python -m bench.insertion_spans diff BEFORE.json AFTER.json [--out FILE]
    python -m bench.insertion_spans longest DUMP.json [--top 150] [--random 100] [--out FILE]

``dump`` runs ``find_insertions`` over the check sample of ``bench.offtopic_real`` (articles of
dev-half outlets outside the regression corpus; test-half outlets are never read) and writes every
span; ``--one-block`` first joins each article's lines into one, as an export without paragraph
breaks leaves it, and prints the spans that cover more than 30% of an article; ``--skip-outlets-of``
leaves out every article of the outlets of the corpus ids listed in a file (a batch being annotated
blind, kept unseen until its gold lands). ``diff`` lists the spans one dump has and the other lacks (a relabelled span counts as both),
each with the line before and after it, so that every rule change can be read for precision.
``longest`` lists a dump's non-edge spans longest first (and a fixed random sample of the rest), each with
its label and the paragraph before and after it, for reading precision by characters.

The *third* and *fourth* pools split in two, by a fixed seed, the dev-outlet articles that neither the
check nor the second pool holds (the off-topic model's negatives among them), with the fakenews
sample's dev-outlet articles: text that earlier readings of the check and second pools never saw.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from scoring.model.datasets import load_fakenews, shared_dir

if TYPE_CHECKING:
    import pandas as pd

EDGE = ("headline", "title", "byline", "dateline", "timestamp")
FRESH_SEED = 39


def _outlets_of(ids_file: Path) -> set[str]:
    """Outlets of the regression-corpus articles whose ids the file lists."""
    import pandas as pd

    from bench.offtopic_real import CORPUS

    ids = set(ids_file.read_text(encoding="utf-8").split())
    corpus = pd.read_csv(CORPUS)
    return set(corpus.loc[corpus["id"].isin(ids), "outlet"])


def fresh_pool(shared: Path, which: str) -> pd.DataFrame:
    """The third or fourth pool: disjoint halves of the dev-outlet articles outside the check and second pools."""
    import pandas as pd

    from bench.offtopic_real import CORPUS, check_and_train, dev_articles, second_check
    from bench.realnews_select import split_of

    seen = set(check_and_train(shared)[0]["id"]) | set(second_check(shared)["id"])
    fake = load_fakenews(shared)
    fake = fake[(fake["outlet"].map(split_of) == "dev") & ~fake["id"].isin(set(pd.read_csv(CORPUS)["id"]))
                & (fake["text"].str.len() > 0)]
    df = pd.concat([dev_articles(shared), fake[["id", "corpus", "outlet", "title", "text"]]], ignore_index=True)
    df = df[~df["id"].isin(seen)].sample(frac=1.0, random_state=FRESH_SEED).reset_index(drop=True)
    half = len(df) // 2
    return (df.iloc[:half] if which == "third" else df.iloc[half:]).reset_index(drop=True)


def dump(out: Path, n: int, pool: str, one_block: bool = False, skip_outlets_of: Path | None = None) -> None:
    """Every insertion span of the sample's articles, with the article text for reading."""
    from bench.offtopic_real import check_and_train, second_check
    from features.insertions import find_insertions

    shared = shared_dir()
    if pool in ("third", "fourth"):
        arts = fresh_pool(shared, pool).head(n)
    else:
        arts = second_check(shared, n) if pool == "second" else check_and_train(shared, n)[0]
    if skip_outlets_of is not None:
        arts = arts[~arts["outlet"].isin(_outlets_of(skip_outlets_of))]
    rows = {}
    big = 0
    for aid, outlet, title, text in zip(arts["id"], arts["outlet"], arts["title"], arts["text"]):
        if one_block:
            text = " ".join(ln.strip() for ln in text.split("\n") if ln.strip())
        spans = find_insertions(text, title or None)
        for s in spans:
            if one_block and s.end - s.start > 0.3 * len(text):
                big += 1
                print(f"{aid} {outlet} {s.label}: {text[s.start:s.end][:120]!r}")
        rows[str(aid)] = {"outlet": outlet, "text": text,
                          "spans": [[s.start, s.end, s.label] for s in spans]}
    out.write_text(json.dumps(rows), encoding="utf-8")
    print(f"{sum(len(r['spans']) for r in rows.values())} spans in {len(rows)} articles -> {out}"
          + (f"; {big} cover more than 30% of their article" if one_block else ""))


def _context(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, max(0, start - 1))
    hi = text.find("\n", end + 1)
    return (text[lo + 1:start][-200:] + "[[" + text[start:end] + "]]" + text[end:hi if hi > 0 else None][:200])


def diff(before: Path, after: Path) -> str:
    """Spans new in ``after`` and gone from ``before``, with context and a count by label."""
    a, b = json.loads(before.read_text(encoding="utf-8")), json.loads(after.read_text(encoding="utf-8"))
    out, counts = [], Counter()
    for aid in sorted(set(a) & set(b)):
        old, new = {tuple(s) for s in a[aid]["spans"]}, {tuple(s) for s in b[aid]["spans"]}
        text = b[aid]["text"]
        for tag, spans in (("NEW", new - old), ("GONE", old - new)):
            for s, e, lab in sorted(spans):
                counts[tag, lab] += 1
                out.append(f"{tag} {lab} {aid} {b[aid]['outlet']}\n    {_context(text, s, e)!r}")
    head = ", ".join(f"{t} {lab}: {c}" for (t, lab), c in sorted(counts.items()))
    return f"{len(out)} changed spans ({head})\n" + "\n".join(out) + "\n"


def _paragraph_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The non-blank line before ``start`` and after ``end``."""
    before = [ln for ln in text[:start].split("\n") if ln.strip()]
    after = [ln for ln in text[end:].split("\n") if ln.strip()]
    head = text[:start].rsplit("\n", 1)[-1]
    return (before[-1] if before and not head.strip() else (before[-2] if len(before) > 1 else "")), \
        (after[0] if after and not text[end:].split("\n", 1)[0].strip() else (after[1] if len(after) > 1 else ""))


def longest(dump_file: Path, top: int, sample: int, seed: int = FRESH_SEED) -> str:
    """Non-edge spans longest first (``top``), then a random ``sample`` of the rest, with context."""
    import random

    rows = json.loads(dump_file.read_text(encoding="utf-8"))
    spans = [(e - s, aid, s, e, lab) for aid, r in rows.items() for s, e, lab in r["spans"]
             if not any(k in lab for k in EDGE)]
    spans.sort(key=lambda t: (-t[0], t[1], t[2]))
    total = sum(t[0] for t in spans)
    rest = spans[top:]
    picked = [("TOP", t) for t in spans[:top]] + [("RND", t) for t in
                                                   sorted(random.Random(seed).sample(rest, min(sample, len(rest))))]
    out = [f"{len(spans)} non-edge spans, {total} characters; top {top} hold "
           f"{sum(t[0] for t in spans[:top])}, the rest {sum(t[0] for t in rest)}"]
    for i, (tag, (n, aid, s, e, lab)) in enumerate(picked):
        text = rows[aid]["text"]
        before, after = _paragraph_around(text, s, e)
        body = text[s:e] if n <= 600 else text[s:s + 400] + " <...> " + text[e - 200:e]
        out.append(f"#{i} {tag} {n} {lab} {aid} {rows[aid]['outlet']}\n  < {before[-300:]!r}\n  "
                   f"[[{body!r}]]\n  > {after[:300]!r}")
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--n", type=int, default=3000)
    d.add_argument("--pool", choices=("check", "second", "third", "fourth"), default="check")
    d.add_argument("--one-block", action="store_true", help="join each article's lines into one first")
    d.add_argument("--skip-outlets-of", type=Path, help="leave out the outlets of the corpus ids in this file")
    f = sub.add_parser("diff")
    f.add_argument("before", type=Path)
    f.add_argument("after", type=Path)
    f.add_argument("--out", type=Path)
    g = sub.add_parser("longest")
    g.add_argument("dump", type=Path)
    g.add_argument("--top", type=int, default=150)
    g.add_argument("--random", type=int, default=100)
    g.add_argument("--out", type=Path)
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.out, args.n, args.pool, args.one_block, args.skip_outlets_of)
    else:
        text = (diff(args.before, args.after) if args.cmd == "diff"
                else longest(args.dump, args.top, args.random))
        if args.out:
            args.out.write_text(text, encoding="utf-8")
            print(text.splitlines()[0])
        else:
            print(text, end="")


if __name__ == "__main__":
    main()
