"""How much do features and scores move when an article arrives in a messy export format?

Each article is scored as it is and re-saved the ways exports damage text: wrapped in a pair of
straight quotation marks, paragraph breaks removed (one block), curly quotes mangled to ``?`` by an
old encoding, and all of these plus a share-count line on top. Reported per variant: the median and
90th percentile of |change| in reliability and bias, and the mean quoted-word share.

Run: ``python -m bench.format_robustness [--n 200]``
"""
from __future__ import annotations

import argparse
import re

import numpy as np
import pandas as pd

from features import FEATURE_NAMES, analyze
from features.text import repair_marks
from scoring.model.datasets import load_allsides, load_fakenews, load_hyperpartisan
from scoring.model.scores import predict_scores

VARIANTS = {
    "original": lambda t: t,
    "wrapped": lambda t: f'"{t.strip()}"',
    "one_block": lambda t: re.sub(r"\s*\n\s*", " ", t.strip()),
    "mangled": lambda t: re.sub("[“”‘’]", "?", t),
    "export": lambda t: '"26 SHARES Facebook Twitter ' + re.sub(r"\s*\n\s*", " ", re.sub("[“”‘’]", "?", t.strip())) + '"',
}


def sample(n: int, seed: int = 5) -> pd.DataFrame:
    """Articles from the three shared corpora, a third each."""
    parts = [load(None).sample(n=n // 3, random_state=seed) for load in (load_allsides, load_hyperpartisan, load_fakenews)]
    df = pd.concat(parts, ignore_index=True)
    return df[df["text"].str.split().str.len() >= 100].reset_index(drop=True)


def score(texts: list[str], titles: list[str]) -> pd.DataFrame:
    """Features and scores of each text."""
    rows = [analyze(t, ti or None).features for t, ti in zip(texts, titles)]
    feats = pd.DataFrame(rows)[list(FEATURE_NAMES)]
    scores = predict_scores(feats.assign(text=[repair_marks(t) for t in texts], title=titles))
    return pd.concat([feats, scores], axis=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    df = sample(args.n)
    titles = df["title"].fillna("").tolist()
    base = score(df["text"].tolist(), titles)
    print(f"{len(df)} articles")
    print(f"{'variant':10s} {'|d rel| med':>11s} {'p90':>6s} {'|d bias| med':>12s} {'p90':>6s} {'quoted share':>12s} {'rel mean':>8s}")
    for name, fn in VARIANTS.items():
        out = base if name == "original" else score([fn(t) for t in df["text"]], titles)
        dr = (out["reliability"] - base["reliability"]).abs()
        db = (out["bias"] - base["bias"]).abs()
        print(f"{name:10s} {dr.median():11.2f} {np.percentile(dr, 90):6.2f} {db.median():12.2f} "
              f"{np.percentile(db, 90):6.2f} {out['quoted_word_share'].mean():12.3f} {out['reliability'].mean():8.1f}")


if __name__ == "__main__":
    main()
