"""Choose the articles of the real-news regression corpus and split them by outlet.

The corpus (tests/regression/realnews/) holds only ids, offsets and labels; the
texts are read from ../shared. Outlets are assigned to the dev or test half by a
hash of their name before any annotation, so no outlet is in both halves.

Run: ``python -m bench.realnews_select --out tests/regression/realnews/articles.csv``
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


def choose(shared: Path, per_corpus: dict[str, int], seed: int = 11) -> pd.DataFrame:
    """One article per outlet, short enough to read whole, half of them with furniture-like lines."""
    frames = {"allsides": load_allsides(shared), "hyperpartisan": load_hyperpartisan(shared),
              "fakenews": load_fakenews(shared)}
    picked = []
    for name, n in per_corpus.items():
        df = frames[name]
        words = df["text"].str.split().str.len()
        df = df[(words >= 150) & (words <= 700)].copy()
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
    args = ap.parse_args()
    df = choose(args.shared, {"allsides": 50, "hyperpartisan": 24, "fakenews": 14})
    df.to_csv(args.out, index=False)
    print(df.groupby(["corpus", "split"]).size(), df["outlet"].nunique(), "outlets")


if __name__ == "__main__":
    main()
