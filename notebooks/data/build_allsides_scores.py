"""Build notebooks/data/allsides_scores.parquet: relscore's scores and features
for the 37.5k AllSides articles, without any article text (ids, outlets, dates,
the per-article AllSides left/center/right rating, features and scores only).

    python notebooks/data/build_allsides_scores.py            # ~15 min on 2 cores

Reads ../shared/data/allsides/articles.parquet; scores it with the installed
`relscore score` (bundled default model) into a temporary folder, then keeps
the text-free columns. Notebook 02 reads the result, so it runs on a fresh
install without ../shared.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides" / "articles.parquet"
OUT = Path(__file__).resolve().parent / "allsides_scores.parquet"
# Free text never leaves ../shared: titles and URLs (which often spell the headline) are dropped.
TEXT_COLUMNS = ("title", "url", "text")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not ALLSIDES.exists():
        sys.exit(f"{ALLSIDES} not found: this build needs the shared data beside the project")
    relscore = Path(sys.executable).with_name("relscore")
    with tempfile.TemporaryDirectory() as tmp:
        scored_path = Path(tmp) / "scored.parquet"
        subprocess.run([str(relscore), "score", str(ALLSIDES), "--out", str(scored_path),
                        "--errors", str(Path(tmp) / "errors.jsonl"), "--jobs", str(args.jobs)], check=True)
        scored = pd.read_parquet(scored_path)
    labels = pd.read_parquet(ALLSIDES, columns=["ID", "bias_text", "topic"]).rename(
        columns={"ID": "id", "bias_text": "allsides_rating"})
    scored["id"] = scored["id"].astype(str)
    labels["id"] = labels["id"].astype(str)
    df = scored.drop(columns=[c for c in TEXT_COLUMNS if c in scored.columns]).merge(labels, on="id", how="left")
    floats = df.select_dtypes("float64").columns
    df[floats] = df[floats].astype("float32")  # the table ships in git: keep it small
    for c in ("outlet", "domain", "allsides_rating", "topic"):
        if c in df.columns:
            df[c] = df[c].astype("category")
    df.to_parquet(args.out, index=False, compression="zstd")
    print(f"wrote {args.out} ({len(df)} rows, {args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
