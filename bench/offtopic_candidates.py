"""Off-topic candidates on unlabelled dev-half text and the real-news dev gold, for reading (issue 18).

    PYTHONPATH=<tree> python -m bench.offtopic_candidates OUT.txt [--min-p 0.5] [--sample 60] [--seed 33]

Every body paragraph the off-topic model scores at ``--min-p`` or above (before the placement and
link gates), over the check, second and training samples of ``bench.offtopic_real`` (articles of
dev-half outlets outside the regression corpus) and the corpus's dev half (test-half articles are
never read). Each is written with its probability, whether a gate cleared it, whether the tree
flags it, its place among the body paragraphs and the lines around it; ``--sample`` draws a fixed
random sample of them for reading by hand, and a count by outcome is printed.
"""
from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

import numpy as np

from scoring.model.datasets import shared_dir


def _articles(shared: Path) -> list[tuple[str, str, str, str, str]]:
    """(pool, id, outlet, title, text) of every article read."""
    from bench.evals.realnews import CORPUS
    from bench.offtopic_real import check_and_train, second_check
    from scoring.gold.realnews import load_corpus

    check, train = check_and_train(shared)
    out = []
    for pool, df in (("check", check), ("second", second_check(shared)), ("train", train)):
        out += [(pool, a, o, t or "", x) for a, o, t, x in zip(df["id"], df["outlet"], df["title"], df["text"])]
    out += [("gold", d.id, d.outlet, d.title or "", d.text) for d in load_corpus(CORPUS, split="dev")]
    return out


def candidates(shared: Path, min_p: float) -> list[dict]:
    """Paragraphs at ``min_p`` or above, with what the gates and the tree make of them."""
    from bench.offtopic_real import before_offtopic
    from features import offtopic as ot
    from features import offtopic_gates as gates

    rows = []
    for pool, aid, outlet, title, text in _articles(shared):
        got = before_offtopic(text, title or None)
        if got is None:
            continue
        lines, labels, body, sizes = got
        feats = ot.paragraph_features(lines, body, title or None, sizes)
        if not feats:
            continue
        p = dict(zip(feats, ot._probabilities(np.array([f.as_row() for f in feats.values()])).tolist()))
        flagged = ot.offtopic_paragraphs(lines, labels, title or None, sizes)
        sections = sum(gates._is_crosshead(lines[j].text) for j in body) >= 2
        first_person = sum(gates.first_person(lines[j].text) for j in body) >= 2
        for i, q in p.items():
            if q < min_p:
                continue
            gated = (gates._placed_by_author(lines, labels, i, i == body[0], sections)
                     or gates._linked_to_story(lines[i].text, first_person))
            foot = gates.closes_the_story(i, body)
            prev = lines[i - 1].text if i else ""
            nxt = lines[i + 1].text if i + 1 < len(lines) else ""
            rows.append({"pool": pool, "id": aid, "outlet": outlet, "p": q, "gated": gated, "foot": foot,
                         "flagged": i in flagged, "pos": body.index(i), "n_body": len(body),
                         "text": lines[i].text, "prev": prev, "next": nxt, "title": title})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--min-p", type=float, default=0.5)
    ap.add_argument("--sample", type=int, default=60)
    ap.add_argument("--seed", type=int, default=33)
    args = ap.parse_args()
    rows = candidates(shared_dir(), args.min_p)
    print(f"{len(rows)} candidates at p >= {args.min_p}:",
          dict(Counter((r["pool"], r["gated"], r["foot"], r["flagged"]) for r in rows)))
    picked = sorted(random.Random(args.seed).sample(range(len(rows)), min(args.sample, len(rows))))
    with args.out.open("w", encoding="utf-8") as f:
        for k in picked:
            r = rows[k]
            f.write(f"### {k} {r['pool']} {r['id']} {r['outlet']} p={r['p']:.3f} gated={r['gated']} "
                    f"foot={r['foot']} flagged={r['flagged']} pos={r['pos']}/{r['n_body']} title={r['title']!r}\n"
                    f"  PREV {r['prev'][:200]!r}\n  >>>> {r['text'][:600]!r}\n  NEXT {r['next'][:200]!r}\n\n")
    print(f"{len(picked)} written to {args.out}")


if __name__ == "__main__":
    main()
