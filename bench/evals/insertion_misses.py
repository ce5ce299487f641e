"""Insertion lines of the real-news dev half that relscore misses, and its false spans, by label.

    python -m bench.evals.insertion_misses [--ids FILE]

A gold line is missed when predicted insertion spans cover less than half of it (the metric's
rule, edge labels left out); a predicted span is false when it overlaps no gold line. Each is
printed with its article id, outlet and text, grouped by gold (or predicted) label, for reading,
and the misses' concentration: in how many articles they fall and what share the heaviest hold
(line recall counts lines, so one page's long template moves it more than many pages' single misses).
Only the dev half is read: the test half is the number to report, never a list to tune on.
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from bench.evals.realnews import CORPUS, predict
from features.insertions import is_edge_label
from scoring.gold.realnews import load_corpus


def concentration(article_ids: Iterable[str], tops: tuple[int, ...] = (5, 10)) -> dict[str, float]:
    """How the misses spread over articles, one id per missed line: lines, articles, and for each
    k in ``tops`` the lines the k heaviest articles hold and their share."""
    per = sorted(Counter(article_ids).values(), reverse=True)
    total = sum(per)
    out: dict[str, float] = {"lines": float(total), "articles": float(len(per))}
    for k in tops:
        out[f"top{k}_lines"] = float(sum(per[:k]))
        out[f"top{k}_share"] = round(sum(per[:k]) / total, 3) if total else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ids", type=Path, help="only the article ids listed in this file (one per line)")
    args = ap.parse_args()
    ids = frozenset(args.ids.read_text(encoding="utf-8").split()) if args.ids else None
    docs = [d for d in load_corpus(CORPUS, split="dev") if ids is None or d.id in ids]
    pred = predict(docs)
    missed, false = defaultdict(list), defaultdict(list)
    for d in docs:
        gold = [s for s in d.spans if s.kind == "insertion" and not is_edge_label(s.label)]
        found = [s for s in pred[d.id] if s.kind == "insertion" and not is_edge_label(s.label)]
        for g in gold:
            covered = sum(max(0, min(g.end, p.end) - max(g.start, p.start)) for p in found)
            if covered < 0.5 * (g.end - g.start):
                missed[g.label].append((d.id, d.outlet, d.text[g.start:g.end]))
        for p in found:
            if not any(min(g.end, p.end) > max(g.start, p.start) for g in gold):
                false[p.label].append((d.id, d.outlet, d.text[p.start:p.end]))
    spread = concentration(aid for rows in missed.values() for aid, _, _ in rows)
    print("== MISSED BY ARTICLE: " + ", ".join(f"{k} {v:g}" for k, v in spread.items()))
    for title, table in (("MISSED", missed), ("FALSE", false)):
        print(f"== {title}: {sum(map(len, table.values()))}")
        for label, rows in sorted(table.items(), key=lambda kv: -len(kv[1])):
            print(f"-- {label} ({len(rows)})")
            for aid, outlet, text in rows:
                print(f"   {aid} {outlet}: {text[:200]!r}")


if __name__ == "__main__":
    main()
