"""Turn hand annotations of the real-news regression corpus into offsets, and show articles to annotate.

Annotators write JSON Lines outside the project (the texts are not ours to commit), one line per
article: ``{"id", "kinds": [...], "spans": [{"kind", "label", "voice", "quote", "nth"}]}`` where
``quote`` is the exact text of the span and ``nth`` which occurrence of it (0 = first). ``build``
finds each quote in the text, fails loudly when one is missing, and writes
``tests/regression/realnews/gold.jsonl`` with offsets and a digest of each text.

Run:
  python -m bench.realnews_gold show as_1234            # the text with character offsets per line
  python -m bench.realnews_gold build /path/annotations/*.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from scoring.gold.realnews import read_texts, text_digest

HERE = Path(__file__).resolve().parents[1] / "tests" / "regression" / "realnews"
KINDS = ("insertion", "hedge", "attribution", "source", "quote", "loaded")


def show(doc_id: str) -> None:
    """Print the title and each line of the text with its start offset."""
    title, text = read_texts([doc_id])[doc_id]
    print(f"TITLE: {title}")
    pos = 0
    for line in text.split("\n"):
        print(f"[{pos}] {line}")
        pos += len(line) + 1


def _locate(text: str, quote: str, nth: int) -> int:
    start = -1
    for _ in range(nth + 1):
        start = text.find(quote, start + 1)
        if start < 0:
            return -1
    return start


#: Kinds whose spans are words or phrases: a span of these that cuts a word is almost always an
#: ``nth`` that counted a match inside a longer word ("he" in "weather").
WORD_KINDS = ("hedge", "attribution", "source", "loaded")


def cuts_a_word(text: str, start: int, end: int) -> bool:
    """Does the span ``text[start:end]`` begin or end in the middle of a word?"""
    inside_start = 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum()
    inside_end = 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return inside_start or inside_end


def build(files: list[Path], out: Path) -> int:
    """Write the gold file from annotation files; returns the number of problems found."""
    articles = pd.read_csv(HERE / "articles.csv").set_index("id")
    rows = [json.loads(ln) for f in files for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
    texts = read_texts(r["id"] for r in rows)
    problems = 0
    records = []
    for r in sorted(rows, key=lambda r: r["id"]):
        doc = r["id"]
        _, text = texts[doc]
        spans = []
        for s in r["spans"]:
            if s["kind"] not in KINDS:
                print(f"{doc}: unknown kind {s['kind']!r}", file=sys.stderr)
                problems += 1
                continue
            q = s["quote"].strip()
            start = _locate(text, q, int(s.get("nth", 0)))
            if start < 0:
                print(f"{doc}: quote not found: {q!r}", file=sys.stderr)
                problems += 1
                continue
            if s["kind"] in WORD_KINDS and cuts_a_word(text, start, start + len(q)):
                # a warning, not a problem: the text itself may run two words together
                print(f"{doc}: warning: {s['kind']} {q!r} at {start} cuts a word "
                      f"({text[max(0, start - 15):start + len(q) + 15]!r}); check its nth", file=sys.stderr)
            spans.append({"start": start, "end": start + len(q), "kind": s["kind"], "label": s.get("label", ""),
                          "voice": s.get("voice", "author")})
        spans = [dict(t) for t in {tuple(sorted(d.items())) for d in spans}]
        spans.sort(key=lambda d: (d["start"], d["end"], d["kind"]))
        if doc.startswith("sample:"):
            outlet, split = doc[7:], "samples"
        else:
            outlet, split = articles.loc[doc, "outlet"], articles.loc[doc, "split"]
        records.append({"id": doc, "outlet": outlet, "split": split, "digest": text_digest(text),
                        "kinds": sorted(r["kinds"]), "spans": spans})
    out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    print(f"{len(records)} articles, {sum(len(r['spans']) for r in records)} spans -> {out}; {problems} problems")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("show")
    s.add_argument("id")
    b = sub.add_parser("build")
    b.add_argument("files", nargs="+", type=Path)
    b.add_argument("--out", type=Path, default=HERE / "gold.jsonl")
    args = ap.parse_args()
    if args.cmd == "show":
        show(args.id)
    else:
        sys.exit(1 if build(args.files, args.out) else 0)


if __name__ == "__main__":
    main()
