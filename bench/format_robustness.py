"""How much do features and scores move when an article arrives in a messy export format?

Each article is scored as it is and re-saved the ways exports damage text: wrapped in a pair of
straight quotation marks, paragraph breaks removed (one block), curly quotes mangled to ``?`` by an
old encoding, and all of these plus a share-count line on top. Reported per variant: the median and
90th percentile of |change| in reliability and bias, and the mean quoted-word share.

Each article is scored from the row ``relscore score`` gives it (features, criteria, the text as
read, the headline). ``--samples`` prints instead each bundled sample's change per variant.

Run: ``python -m bench.format_robustness [--n 200]`` or ``python -m bench.format_robustness --samples``
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
import pandas as pd

from features import FEATURE_NAMES, analyze
from features.criteria import assess
from scoring.model.datasets import load_allsides, load_fakenews, load_hyperpartisan
from scoring.model.scores import predict_scores

SAMPLES = Path(__file__).resolve().parents[1] / "notebooks" / "data" / "samples"
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
    rows = []
    for t, ti in zip(texts, titles):
        a = analyze(t, ti or None)
        rows.append({**a.features, **assess(a, ti or None, None).values(), "text": a.read, "title": ti})
    feats = pd.DataFrame(rows)
    return pd.concat([feats[list(FEATURE_NAMES)], predict_scores(feats)], axis=1)


def sample_moves() -> None:
    """Print each bundled sample's change of reliability and bias under each variant."""
    paths = sorted(SAMPLES.glob("*.txt"))
    titles, texts = zip(*(p.read_text(encoding="utf-8").split("\n", 1) for p in paths))
    base = score(list(texts), list(titles))
    print("variant    score        " + " ".join(f"{p.name[:3]:>6s}" for p in paths))
    for name, fn in VARIANTS.items():
        if name == "original":
            continue
        out = score([fn(t) for t in texts], list(titles))
        for col in ("reliability", "bias"):
            print(f"{name:10s} {col:12s} " + " ".join(f"{v:+6.1f}" for v in out[col] - base[col]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--samples", action="store_true", help="per-sample changes of the five bundled samples")
    args = ap.parse_args()
    if args.samples:
        sample_moves()
        return
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
