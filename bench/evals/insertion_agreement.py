"""How well a second, independent annotation of insertions agrees with the corpus gold, and where not.

    python -m bench.evals.insertion_agreement SECOND.jsonl [--disagreements OUT.jsonl] [--seed N]
    python -m bench.evals.insertion_agreement SECOND.jsonl --merge DECISIONS.jsonl --key OUT.key.json --out ADJ.jsonl

``SECOND.jsonl`` is a second annotator's file for some corpus articles, built to offsets by
``python -m bench.realnews_gold build FILES --out SECOND.jsonl`` (annotated blind: no relscore
output, no first gold). The figures use METRICS.md's insertion measure with one annotation as the
gold and the other as the prediction, in both directions, so they read on the same scale as
relscore's own figures, which are printed beside them against each annotation.

``--disagreements`` writes the lines the two annotations cover differently (non-edge insertion
characters that differ by more than ``SLACK``), for a third reader to decide. Each record shows the
line and its neighbours and the two readings as ``X`` and ``Y`` in a seeded random order, so the
reader cannot tell the corpus gold from the second annotation (the order is kept apart in
``OUT.key.json``); relscore's output is not in it. The reader answers one JSON line per record,
``{"id", "line_start", "spans": [{"label", "quote"}, ...]}`` (the line's insertions as they should
be, ``[]`` for none); ``--merge`` writes the corpus gold with those lines replaced, every other
kind and line unchanged, and says how often the decision sided with each annotation.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Iterator, Sequence

from bench.evals.realnews import CORPUS, predict
from features.base import Span
from features.insertions import is_edge_label
from scoring.gold.realnews import GoldDoc, load_corpus, score_insertions

#: Characters two readings of a line may differ by (a full stop, a bracket, a space) and still agree.
SLACK = 3


def insertions(spans: Sequence[Span]) -> list[Span]:
    """The insertion spans of an annotation, edge metadata included."""
    return [s for s in spans if s.kind == "insertion"]


def lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line of ``text``."""
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def line_end(text: str, start: int) -> int:
    """Where the line that begins at ``start`` ends (its newline, or the text's end)."""
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def marked(text: str, spans: Sequence[Span], start: int, end: int) -> set[int]:
    """Non-space characters of ``text[start:end]`` inside a non-edge insertion span."""
    return {i for s in spans if not is_edge_label(s.label) for i in range(max(s.start, start), min(s.end, end))
            if not text[i].isspace()}


def readings(text: str, spans: Sequence[Span], start: int, end: int) -> list[dict[str, str]]:
    """An annotation's spans touching one line, as a reader sees them."""
    return [{"label": s.label, "quote": text[max(s.start, start):min(s.end, end)]}
            for s in spans if s.start < end and s.end > start]


def disagreements(first: GoldDoc, second: GoldDoc) -> list[dict]:
    """The lines of one article (blank ones aside) whose non-edge insertion characters differ by more than ``SLACK``."""
    a, b = insertions(first.spans), insertions(second.spans)
    out = []
    text = first.text
    bounds = [(start, end) for start, end in lines(text) if text[start:end].strip()]
    for n, (start, end) in enumerate(bounds):
        if len(marked(text, a, start, end) ^ marked(text, b, start, end)) <= SLACK:
            continue
        # the neighbours are the nearest lines with text: paragraphs are often apart by a blank line
        out.append({"id": first.id, "line_start": start, "line_end": end, "line": text[start:end],
                    "before": text[slice(*bounds[n - 1])] if n else "",
                    "after": text[slice(*bounds[n + 1])] if n + 1 < len(bounds) else "",
                    "first": readings(text, a, start, end), "second": readings(text, b, start, end)})
    return out


def blind(records: list[dict], seed: int) -> tuple[list[dict], dict[str, str]]:
    """The records with the two readings as X and Y in a seeded random order, and which one X is."""
    rng = random.Random(seed)
    out, key = [], {}
    for r in records:
        swap = rng.random() < 0.5
        x, y = (r["second"], r["first"]) if swap else (r["first"], r["second"])
        out.append({k: v for k, v in r.items() if k not in ("first", "second")} | {"X": x, "Y": y})
        key[f"{r['id']}@{r['line_start']}"] = "second" if swap else "first"
    return out, key


def replace_lines(doc: GoldDoc, decisions: Sequence[dict]) -> list[Span]:
    """The document's spans with the insertions of each decided line replaced by the decision's."""
    spans = list(doc.spans)
    for d in decisions:
        start = int(d["line_start"])
        end = line_end(doc.text, start)
        kept = []
        for s in spans:
            if s.kind != "insertion" or s.end <= start or s.start >= end:
                kept.append(s)
                continue
            # a span reaching over the line keeps its parts outside it
            if s.start < start:
                kept.append(Span(s.start, start - 1, s.kind, s.label, s.voice))
            if s.end > end:
                kept.append(Span(end + 1, s.end, s.kind, s.label, s.voice))
        line = doc.text[start:end]
        for new in d["spans"]:
            quote = new["quote"].strip()
            at = line.find(quote)
            if not quote or at < 0:
                raise ValueError(f"{doc.id}@{start}: decided quote not in the line: {quote!r}")
            kept.append(Span(start + at, start + at + len(quote), "insertion", new["label"], "author"))
        spans = kept
    return sorted(spans, key=lambda s: (s.start, s.end, s.kind))


def sided_with(doc_first: GoldDoc, doc_second: GoldDoc, decided: Sequence[Span], start: int, end: int) -> str:
    """Which annotation a decided line matches (within ``SLACK``): first, second, both or neither."""
    text = doc_first.text
    mine = marked(text, insertions(decided), start, end)
    a = marked(text, insertions(doc_first.spans), start, end)
    b = marked(text, insertions(doc_second.spans), start, end)
    near_a, near_b = len(mine ^ a) <= SLACK, len(mine ^ b) <= SLACK
    return "both" if near_a and near_b else "first" if near_a else "second" if near_b else "neither"


def merge(corpus: Path, firsts: Sequence[GoldDoc], seconds: Sequence[GoldDoc], decisions: Sequence[dict],
          out: Path) -> dict[str, int]:
    """Write the corpus with the decided lines replaced; count which annotation each decision sided with."""
    by_doc: dict[str, list[dict]] = {}
    for d in decisions:
        by_doc.setdefault(d["id"], []).append(d)
    pairs = {a.id: (a, b) for a, b in zip(firsts, seconds)}
    sides = {"first": 0, "second": 0, "both": 0, "neither": 0}
    rows = [json.loads(ln) for ln in corpus.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for row in rows:
        if row["id"] not in by_doc:
            continue
        a, b = pairs[row["id"]]
        decided = replace_lines(a, by_doc[row["id"]])
        for d in by_doc[row["id"]]:
            start = int(d["line_start"])
            sides[sided_with(a, b, decided, start, line_end(a.text, start))] += 1
        row["spans"] = [{"end": s.end, "kind": s.kind, "label": s.label, "start": s.start, "voice": s.voice}
                        for s in decided]
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return sides


def agreement(firsts: Sequence[GoldDoc], seconds: Sequence[GoldDoc]) -> dict[str, dict[str, float]]:
    """METRICS.md's insertion figures for each annotation against the other, and relscore's against both."""
    predicted = predict(list(firsts))
    pairs = list(zip(firsts, seconds))
    mine = [insertions(predicted[a.id]) for a in firsts]
    return {
        "second vs first gold": score_insertions([(insertions(b.spans), insertions(a.spans)) for a, b in pairs]),
        "first vs second gold": score_insertions([(insertions(a.spans), insertions(b.spans)) for a, b in pairs]),
        "relscore vs first gold": score_insertions([(p, insertions(a.spans)) for p, (a, _) in zip(mine, pairs)]),
        "relscore vs second gold": score_insertions([(p, insertions(b.spans)) for p, (_, b) in zip(mine, pairs)]),
    }


def matched(second_path: Path, corpus: Path = CORPUS) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """The corpus's and the second annotation's documents for the articles both cover, in one order."""
    seconds = {d.id: d for d in load_corpus(second_path)}
    firsts = [d for d in load_corpus(corpus) if d.id in seconds and "insertion" in d.kinds]
    return firsts, [seconds[d.id] for d in firsts]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("second", type=Path, help="the second annotation, built to offsets")
    ap.add_argument("--disagreements", type=Path, help="write the lines the two cover differently here (blind)")
    ap.add_argument("--seed", type=int, default=43, help="seed of the X/Y order in the disagreements file")
    ap.add_argument("--merge", type=Path, help="the third reader's decisions, one JSON line per disagreement")
    ap.add_argument("--out", type=Path, help="with --merge: where to write the adjudicated corpus")
    args = ap.parse_args()
    firsts, seconds = matched(args.second)
    if args.merge:
        if not args.out:
            ap.error("--merge needs --out")
        decisions = [json.loads(ln) for ln in args.merge.read_text(encoding="utf-8").splitlines() if ln.strip()]
        sides = merge(CORPUS, firsts, seconds, decisions, args.out)
        print(f"{len(decisions)} lines decided -> {args.out}; sided with " +
              ", ".join(f"{k} {v}" for k, v in sides.items()))
        return
    print(f"{len(firsts)} articles, {len({d.outlet for d in firsts})} outlets")
    for name, res in agreement(firsts, seconds).items():
        print(f"{name:26s} line recall {res['line_recall']:.3f} ({res['n_gold']:.0f} lines)   "
              f"char precision {res['char_precision']:.3f} ({res['pred_chars']:.0f} chars)")
    if args.disagreements:
        records, key = blind([r for a, b in zip(firsts, seconds) for r in disagreements(a, b)], args.seed)
        args.disagreements.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                      encoding="utf-8")
        args.disagreements.with_suffix(".key.json").write_text(json.dumps(key, indent=1) + "\n", encoding="utf-8")
        print(f"{len(records)} lines read differently -> {args.disagreements}")


if __name__ == "__main__":
    main()
