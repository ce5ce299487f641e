"""Would lines that repeat across one outlet's articles find the insertions the rules miss? (dev half only)

    python -m bench.evals.insertion_repeats [--min-others N]

A site's template repeats its furniture on every page, so a line found again in other articles of the same
outlet is a candidate insertion that needs no wording rule. This counts, on the real-news dev half, how many
lines (split at line breaks, whitespace collapsed, case folded, digits folded to 0) also occur in at least N
other articles of the same outlet in ../shared (AllSides, hyperpartisan, fakenews sample): among gold insertion
lines (edge metadata left out), among the gold lines relscore misses today, and among ordinary lines (the
false flags the evidence would add). The test half is not read.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict

import pandas as pd

from bench.evals.realnews import CORPUS, predict
from features.insertions import is_edge_label
from scoring.gold.realnews import GoldDoc, load_corpus
from scoring.model.datasets import load_allsides, load_fakenews, load_hyperpartisan

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def line_key(line: str) -> str:
    """The form under which two lines count as the same line."""
    return _DIGITS.sub("0", _SPACE.sub(" ", line.strip().casefold()))


def outlet_line_counts(outlets: set[str]) -> tuple[dict[str, Counter], Counter]:
    """Per outlet: in how many of its articles in ../shared each line key occurs; and its article count."""
    frames = [f[["id", "outlet", "text"]] for f in (load_allsides(), load_hyperpartisan(), load_fakenews())]
    df = pd.concat(frames)
    counts: dict[str, Counter] = defaultdict(Counter)
    articles: Counter = Counter()
    for outlet, text in zip(df["outlet"], df["text"]):
        if outlet in outlets:
            counts[outlet].update({line_key(ln) for ln in text.split("\n") if ln.strip()})
            articles[outlet] += 1
    return counts, articles


def _lines(text: str):
    pos = 0
    for ln in text.split("\n"):
        if ln.strip():
            yield pos, pos + len(ln), ln
        pos += len(ln) + 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-others", type=int, default=2, help="other articles of the outlet the line must occur in")
    args = ap.parse_args()
    docs: list[GoldDoc] = load_corpus(CORPUS, split="dev")
    counts, articles = outlet_line_counts({d.outlet for d in docs})
    pred = predict(docs)
    per_outlet = Counter(d.outlet for d in docs)
    n = Counter()
    for d in docs:
        seen = counts[d.outlet]
        gold = [s for s in d.spans if s.kind == "insertion" and not is_edge_label(s.label)]
        found = [s for s in pred[d.id] if s.kind == "insertion" and not is_edge_label(s.label)]
        for start, end, ln in _lines(d.text):
            repeated = seen[line_key(ln)] - 1 >= args.min_others  # the article itself counts once
            in_gold = any(min(g.end, end) - max(g.start, start) > 0.5 * (end - start) for g in gold)
            covered = sum(max(0, min(p.end, end) - max(p.start, start)) for p in found)
            kind = "insertion" if in_gold else "ordinary"
            n[kind] += 1
            n[kind, "repeated"] += repeated
            if in_gold and covered < 0.5 * (end - start):
                n["missed"] += 1
                n["missed", "repeated"] += repeated
                if repeated:
                    print(f"missed, repeated: {d.outlet}: {ln[:100]!r}")
            if repeated and not in_gold:
                print(f"ordinary, repeated: {d.outlet} ({seen[line_key(ln)] - 1} others): {ln[:100]!r}")
    sizes = sorted(articles[o] for o in per_outlet)
    print(f"dev outlets {len(sizes)}, their articles in ../shared: median {sizes[len(sizes) // 2]}, "
          f"{sum(s > args.min_others for s in sizes)} outlets with more than {args.min_others}")
    print(f"lines repeated in >= {args.min_others} other articles of the outlet:")
    for kind in ("insertion", "missed", "ordinary"):
        print(f"  {kind} lines: {n[kind, 'repeated']} of {n[kind]}")


if __name__ == "__main__":
    main()
