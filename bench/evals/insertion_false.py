"""Characters of predicted insertion spans that no gold insertion line holds, span by span, largest first.

    python -m bench.evals.insertion_false [--ids FILE] [--top N]

Character precision (``scoring.gold.realnews.score_insertions``) counts a predicted character as
right when a gold insertion line (edge labels left out) covers it. This lists every predicted span
with characters outside gold, by characters lost, with its label (the rule family that fired), the
gold label it overlaps if any (an edge label means edge metadata marked as an insertion) and its
text, then the lost characters per label. Only the dev half is read.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bench.evals.realnews import CORPUS, predict
from features.insertions import is_edge_label
from scoring.gold.realnews import load_corpus


def overlap(a, b) -> int:
    """Characters two spans share (kept here so the script runs in older trees too)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def false_spans(ids: frozenset[str] | None) -> tuple[list[tuple], int]:
    """(lost characters, span length, label, gold labels met, id, outlet, text) per span, and all predicted characters."""
    docs = [d for d in load_corpus(CORPUS, split="dev") if ids is None or d.id in ids]
    pred = predict(docs)
    rows, total = [], 0
    for d in docs:
        if "insertion" not in d.kinds:
            continue
        gold = [s for s in d.spans if s.kind == "insertion"]
        body = [g for g in gold if not is_edge_label(g.label)]
        for p in pred[d.id]:
            if p.kind != "insertion" or is_edge_label(p.label):
                continue
            size = p.end - p.start
            total += size
            lost = size - sum(overlap(p, g) for g in body)
            if lost > 0:
                met = sorted({g.label for g in gold if overlap(p, g)}) or ["-"]
                rows.append((lost, size, p.label, ",".join(met), d.id, d.outlet, d.text[p.start:p.end]))
    return sorted(rows, key=lambda r: -r[0]), total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ids", type=Path, help="only the article ids listed in this file (one per line)")
    ap.add_argument("--top", type=int, default=0, help="print only the N largest (0: all)")
    args = ap.parse_args()
    ids = frozenset(args.ids.read_text(encoding="utf-8").split()) if args.ids else None
    rows, total = false_spans(ids)
    lost = sum(r[0] for r in rows)
    print(f"== predicted chars {total}, not in gold {lost} ({lost / total if total else 0:.3f}), spans {len(rows)}")
    by_label = Counter()
    for r in rows:
        by_label[r[2]] += r[0]
    print("-- lost chars by label: " + ", ".join(f"{k} {v}" for k, v in by_label.most_common()))
    for lost_c, size, label, met, aid, outlet, text in rows[:args.top or None]:
        print(f"{lost_c:5d}/{size:<5d} {label:12} gold={met:14} {aid} {outlet}: {text[:220]!r}")


if __name__ == "__main__":
    main()
