"""Choose the articles of the real-news regression corpus and split them by outlet.

The corpus (tests/regression/realnews/) holds only ids, offsets and labels; the
texts are read from ../shared. Outlets are assigned to the dev or test half by a
hash of their name before any annotation, so no outlet is in both halves.

Run: ``python -m bench.realnews_select --out tests/regression/realnews/articles.csv``

A later batch of dev-half articles, from outlets not in the corpus yet, is appended with
``python -m bench.realnews_select --out tests/regression/realnews/articles.csv --extend dev --seed 23``.
"""
from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

import pandas as pd

from scoring.model.datasets import load_allsides, load_fakenews, load_hyperpartisan, shared_dir

# Lines that look like page furniture or inserted content: articles carrying one are
# over-sampled so the corpus has insertions as they occur naturally, not only clean prose.
FURNITURE = re.compile(
    r"(?im)^(?:read (?:also|more)|related|photo|image|getty|ap photo|follow|sign up|subscribe|advertisement|"
    r"share|click|watch|\(?reuters|by [A-Z])|shares\b|facebook twitter|newsletter|@\w+")


def split_of(outlet: str) -> str:
    """'dev' or 'test', fixed by the outlet's name alone."""
    return "test" if int(hashlib.sha1(outlet.encode()).hexdigest(), 16) % 2 else "dev"


def choose(shared: Path, per_corpus: dict[str, int], seed: int = 11, half: str | None = None,
           exclude: frozenset[str] = frozenset(), length: tuple[int, int] = (150, 700)) -> pd.DataFrame:
    """One article per outlet, short enough to read whole, half of them with furniture-like lines.

    ``half`` keeps only outlets hashed to that half; ``exclude`` names outlets already taken;
    ``length`` bounds an article's length in words.
    """
    frames = {"allsides": load_allsides(shared), "hyperpartisan": load_hyperpartisan(shared),
              "fakenews": load_fakenews(shared)}
    picked = []
    for name, n in per_corpus.items():
        df = frames[name]
        df = df[~df["outlet"].isin(exclude)]
        if half is not None:
            df = df[df["outlet"].map(split_of) == half]
        words = df["text"].str.split().str.len()
        df = df[(words >= length[0]) & (words <= length[1])].copy()
        df["furniture"] = df["text"].str.contains(FURNITURE)
        df = df.sample(frac=1.0, random_state=seed)
        # furniture-bearing first, then plain, one per outlet
        df = df.sort_values("furniture", ascending=False, kind="stable")
        one = df.drop_duplicates("outlet")
        with_f = one[one["furniture"]].head(n // 2)
        rest = one[~one["outlet"].isin(with_f["outlet"])].head(n - len(with_f))
        picked.append(pd.concat([with_f, rest]))
    out = pd.concat(picked, ignore_index=True)
    out["split"] = out["outlet"].map(split_of)
    return out[["id", "corpus", "outlet", "split", "furniture", "title"]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=shared_dir())
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--extend", choices=("dev", "test"), help="append a batch of this half from new outlets")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--words", type=int, nargs=2, default=(150, 700), metavar=("MIN", "MAX"),
                    help="article length bounds in words (default 150 700)")
    ap.add_argument("--per-corpus", type=int, nargs=3, default=(20, 12, 8),
                    metavar=("ALLSIDES", "HYPERPARTISAN", "FAKENEWS"), help="articles per corpus for --extend")
    args = ap.parse_args()
    if args.extend:
        old = pd.read_csv(args.out)
        df = choose(args.shared, dict(zip(("allsides", "hyperpartisan", "fakenews"), args.per_corpus)),
                    seed=args.seed, half=args.extend, exclude=frozenset(old["outlet"]), length=tuple(args.words))
        df = pd.concat([old, df], ignore_index=True)
    else:
        df = choose(args.shared, {"allsides": 50, "hyperpartisan": 24, "fakenews": 14}, seed=args.seed)
    df.to_csv(args.out, index=False)
    print(df.groupby(["corpus", "split"]).size(), df["outlet"].nunique(), "outlets")


if __name__ == "__main__":
    main()
