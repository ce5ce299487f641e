"""Experiment: would a per-outlet template memory find the insertion lines the rules miss?

A line that recurs word for word (digits folded, spacing and case ignored) in at least ``--min-repeats``
other articles of the same outlet in ``../shared`` is taken as the outlet's template furniture and added
to relscore's insertion spans. The real-news corpus's gold then says what that adds, with the metric of
``bench.evals.realnews`` (line recall, character precision). Rules tuned on a batch make it look useless
on that batch, so the honest estimate runs the rules of a commit that had not seen it: run this file by
path with ``PYTHONPATH`` pointing at that commit's checkout.

Run: ``python bench/template_memory.py --split dev [--ids FILE] [--min-repeats 3] [--show]``
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from features.base import Span
from features.insertion_rules import split_lines
from features.insertions import find_insertions
from scoring.gold.realnews import load_corpus, score_insertions
from scoring.model.datasets import load_allsides, load_fakenews, load_hyperpartisan, shared_dir

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "regression" / "realnews" / "gold.jsonl"
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def line_key(line: str) -> str:
    """The form under which two lines count as the same template line."""
    return _SPACE.sub(" ", _DIGITS.sub("0", line.strip().lower()))


def outlet_line_counts(frame: pd.DataFrame, skip_id: str, outlet: str) -> Counter:
    """In how many of the outlet's other articles each line key occurs (copies of the article itself left out)."""
    counts: Counter = Counter()
    own = frame.loc[frame["id"] == skip_id, "text"]
    others = frame[(frame["outlet"] == outlet) & (frame["id"] != skip_id) & ~frame["text"].isin(own)]
    for text in others["text"]:
        counts.update({line_key(x) for x in text.split("\n") if x.strip()})
    return counts


def template_spans(text: str, counts: Counter, min_repeats: int) -> list[Span]:
    """Lines of ``text`` that recur in at least ``min_repeats`` of the outlet's other articles."""
    return [Span(ln.start, ln.end, "insertion", "template") for ln in split_lines(text)
            if counts[line_key(ln.text)] >= min_repeats]


def main() -> None:
    """Score the rules with and without the template lines on one half of the corpus."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "samples"], default="dev")
    ap.add_argument("--ids", type=Path, help="only the article ids listed in this file")
    ap.add_argument("--min-repeats", type=int, default=3)
    ap.add_argument("--show", action="store_true", help="print each template line the rules missed")
    args = ap.parse_args()
    ids = frozenset(args.ids.read_text(encoding="utf-8").split()) if args.ids else None
    docs = [d for d in load_corpus(CORPUS, split=args.split) if ids is None or d.id in ids]
    if ids is not None and len(docs) < len(ids):
        print(f"note: {len(ids) - len(docs)} of the listed ids are not in the {args.split} half")
    frame = pd.concat([f(shared_dir())[["id", "outlet", "text"]]
                       for f in (load_allsides, load_hyperpartisan, load_fakenews)])
    frame = frame.drop_duplicates(["outlet", "text"])
    sizes = frame["outlet"].value_counts()
    rules, both = [], []
    per_doc: dict[str, int] = defaultdict(int)
    for d in docs:
        gold = [s for s in d.spans if s.kind == "insertion"]
        pred = find_insertions(d.text, d.title)
        extra = template_spans(d.text, outlet_line_counts(frame, d.id, d.outlet), args.min_repeats)
        covered = [s for s in extra if not any(p.start < s.end and s.start < p.end for p in pred)]
        per_doc[d.id] = len(covered)
        if args.show:
            for s in covered:
                print(f"  {d.outlet:32s} {d.text[s.start:s.end][:100]!r}")
        rules.append((pred, gold))
        both.append((pred + covered, gold))
    a, b = score_insertions(rules), score_insertions(both)
    big = sum(sizes.get(d.outlet, 0) > args.min_repeats for d in docs)
    print(f"{len(docs)} articles ({big} from outlets with more than {args.min_repeats} articles in ../shared); "
          f"template lines added to {sum(1 for v in per_doc.values() if v)} articles, {sum(per_doc.values())} lines")
    print(f"rules:            line recall {a['line_recall']:.3f}  char precision {a['char_precision']:.3f}")
    print(f"rules + template: line recall {b['line_recall']:.3f}  char precision {b['char_precision']:.3f}")


if __name__ == "__main__":
    main()
