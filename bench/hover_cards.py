"""How many hover cards (features.insertion_cards) the AllSides corpus holds, per outlet, and how many " MORE" links
of each outlet no card accounts for.

    python -m bench.hover_cards [--shared ../shared] [--show N]   # N random cards printed with their context
"""
from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from pathlib import Path

from features.insertion_cards import hover_cards
from scoring.model.datasets import load_allsides

_MORE_RE = re.compile(r" MORE\b(?![a-z])")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--show", type=int, default=0, help="print this many random cards (seed 44)")
    args = ap.parse_args()
    df = load_allsides(args.shared)
    cards, links, left, articles = Counter(), Counter(), Counter(), Counter()
    shown = []
    for outlet, text in zip(df["outlet"], df["text"]):
        found = hover_cards(text)
        cards[outlet] += len(found)
        articles[outlet] += bool(found)
        shown += [(text, a, b) for a, b in found]
        for m in _MORE_RE.finditer(text):
            links[outlet] += 1
            left[outlet] += not any(a <= m.start() < b for a, b in found)
    print(f"{len(df):,} articles; cards {sum(cards.values()):,} in {sum(articles.values()):,} articles")
    print("| outlet | cards | articles with one | ' MORE' links | links no card holds |\n|---|---:|---:|---:|---:|")
    for outlet, n in cards.most_common():
        if n:
            print(f"| {outlet} | {n:,} | {articles[outlet]:,} | {links[outlet]:,} | {left[outlet]:,} |")
    for text, a, b in random.Random(44).sample(shown, min(args.show, len(shown))):
        print(f"{text[max(0, a - 45):a]!r} [[{text[a:b]}]] {text[b:b + 25]!r}")


if __name__ == "__main__":
    main()
