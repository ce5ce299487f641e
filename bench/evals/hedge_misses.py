"""False and missed hedge cues on the real-news regression corpus's dev half (or the samples); with
``--kind``, attribution cues or sources instead.

    python -m bench.evals.hedge_misses [--kind hedge|attribution|source] [--split dev|samples] [--ids FILE] [--summary]

One line per predicted span that overlaps no gold span of its kind (``FALSE``) and per gold span that
no predicted span overlaps (``MISSED``): the span's words, its voice, the article id and its sentence.
``--summary`` prints counts per lower-cased form instead: right, false and missed. The test half is
not offered: it is never tuned on.
"""
from __future__ import annotations

import argparse
import collections
from dataclasses import dataclass
from pathlib import Path

from features import analyze
from features.base import Span
from features.text import parse
from scoring.gold.realnews import GoldDoc, load_corpus, overlap

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "regression" / "realnews" / "gold.jsonl"


@dataclass(frozen=True, slots=True)
class CueRow:
    """One span (a hedge cue by default), predicted or gold, with what the other side says of it."""

    status: str  # "right", "false" (predicted, no gold overlaps) or "missed" (gold, no prediction overlaps)
    cue: str
    voice: str
    doc_id: str
    sentence: str


def _sentence(text: str, sentences: list[tuple[int, int]], span: Span) -> str:
    for s, e in sentences:
        if s <= span.start < e:
            return " ".join(text[s:e].split())
    return ""


def cue_rows(doc: GoldDoc, predicted: list[Span], kind: str = "hedge") -> list[CueRow]:
    """Right, false and missed spans of one ``kind`` in one article."""
    gold = [s for s in doc.spans if s.kind == kind]
    pred = [s for s in predicted if s.kind == kind]
    sentences = parse(doc.text).sentences
    rows = []
    for p in pred:
        status = "right" if any(overlap(p, g) for g in gold) else "false"
        rows.append(CueRow(status, doc.text[p.start : p.end], p.voice, doc.id, _sentence(doc.text, sentences, p)))
    for g in gold:
        if not any(overlap(p, g) for p in pred):
            rows.append(CueRow("missed", doc.text[g.start : g.end], g.voice, doc.id, _sentence(doc.text, sentences, g)))
    return rows


def all_rows(split: str, ids: frozenset[str] | None = None, kind: str = "hedge") -> list[CueRow]:
    """Rows of every article of ``split`` annotated for ``kind`` (optionally only ``ids``)."""
    docs = [d for d in load_corpus(CORPUS, split=split) if kind in d.kinds and (ids is None or d.id in ids)]
    return [row for d in docs for row in cue_rows(d, analyze(d.text, d.title).spans, kind)]


def summary(rows: list[CueRow]) -> list[tuple[str, int, int, int]]:
    """(cue, right, false, missed) per lower-cased cue, most errors first."""
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for r in rows:
        counts[" ".join(r.cue.lower().split())][r.status] += 1
    table = [(cue, c["right"], c["false"], c["missed"]) for cue, c in counts.items()]
    return sorted(table, key=lambda t: (-(t[2] + t[3]), t[0]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", choices=["hedge", "attribution", "source"], default="hedge")
    ap.add_argument("--split", choices=["dev", "samples"], default="dev")
    ap.add_argument("--ids", type=Path, help="only the article ids listed in this file (one per line)")
    ap.add_argument("--summary", action="store_true", help="counts per cue instead of one line per cue")
    args = ap.parse_args()
    ids = frozenset(args.ids.read_text(encoding="utf-8").split()) if args.ids else None
    rows = all_rows(args.split, ids, args.kind)
    if args.summary:
        print(f"{'form':28s} {'right':>5s} {'false':>5s} {'missed':>6s}")
        for cue, right, false, missed in summary(rows):
            print(f"{cue:28s} {right:5d} {false:5d} {missed:6d}")
        return
    for r in rows:
        if r.status != "right":
            print(f"{r.status.upper():6s}\t{r.cue}\t{r.voice}\t{r.doc_id}\t{r.sentence}")


if __name__ == "__main__":
    main()
