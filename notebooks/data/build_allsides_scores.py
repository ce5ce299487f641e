"""Build the notebooks' shipped data from ../shared:

* ``allsides_scores.parquet``: relscore's scores and features for the 37.5k
  AllSides articles, without any article text (ids, outlets, domains, dates, the
  per-article AllSides left/center/right rating and topic, features, scores, and
  ``lean_trained_on``: whether the bundled lean model was fitted on the article, so
  its lean there is in-sample);
* ``example_outlet_ratings.csv``: a small "bring your own ratings" example for
  notebook 03 — domain -> high/low, from Lin et al. 2023's consensus quality
  score (PNAS Nexus 2(9), pgad286) for the AllSides domains with >= 20 articles,
  thresholded at 0.7.

    python notebooks/data/build_allsides_scores.py            # ~15 min on 2 cores

Reads ../shared/data/allsides/articles.parquet; scores it with the installed
`relscore score` (bundled default model) into a temporary folder, then keeps
the text-free columns. Notebook 02 reads the result, so it runs on a fresh
install without ../shared.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from scoring.model.lean_training import BUNDLED_CAP, training_ids

ROOT = Path(__file__).resolve().parents[2]
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides" / "articles.parquet"
LIN = ROOT.parent / "shared" / "data" / "labels" / "lin2023_domain_pc1.csv"
OUT = Path(__file__).resolve().parent / "allsides_scores.parquet"
RATINGS = Path(__file__).resolve().parent / "example_outlet_ratings.csv"
LIN_THRESHOLD, MIN_ARTICLES = 0.7, 20
# Free text never leaves ../shared: titles and URLs (which often spell the headline) are dropped.
TEXT_COLUMNS = ("title", "url", "text")
# criteria_why quotes the byline it found (an author's name, up to 60 characters of article text):
# the shipped table keeps the reason's kind and drops the quoted words.
_QUOTED_BYLINE = re.compile(r" \('.*'\)$")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--ratings-only", action="store_true",
                    help="only rebuild example_outlet_ratings.csv from an existing table")
    args = ap.parse_args(argv)
    if args.ratings_only:
        write_example_ratings(pd.read_parquet(args.out), RATINGS)
        return 0
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
    df["lean_trained_on"] = df["id"].isin(training_ids(ALLSIDES.parents[2], BUNDLED_CAP, seed=0))
    if "criteria_why" in df.columns:
        df["criteria_why"] = df["criteria_why"].map(redact_criteria_why)
    floats = df.select_dtypes("float64").columns
    df[floats] = df[floats].astype("float32")  # the table ships in git: keep it small
    for c in ("outlet", "domain", "allsides_rating", "topic"):
        if c in df.columns:
            df[c] = df[c].astype("category")
    df.to_parquet(args.out, index=False, compression="zstd")
    print(f"wrote {args.out} ({len(df)} rows, {args.out.stat().st_size / 1e6:.1f} MB)")
    write_example_ratings(df, RATINGS)
    return 0


def redact_criteria_why(raw: str | None) -> str | None:
    """The criteria_why JSON without the byline words the creators' reason quotes."""
    if not isinstance(raw, str):
        return raw
    why = json.loads(raw)
    creators = why.get("creators")
    if isinstance(creators, dict) and isinstance(creators.get("why"), str):
        creators["why"] = _QUOTED_BYLINE.sub("", creators["why"])
    return json.dumps(why, separators=(",", ":"), ensure_ascii=False)


def write_example_ratings(df: pd.DataFrame, path: Path) -> None:
    """domain,label for the AllSides domains Lin et al. 2023 rate (>= MIN_ARTICLES articles)."""
    from scoring.io.outlets import candidate_domains

    lin = pd.read_csv(LIN).drop_duplicates("domain").set_index("domain")["pc1"]
    counts = df["domain"].astype(str).value_counts()
    rows = []
    for dom, n in counts.items():
        if n < MIN_ARTICLES:
            continue
        score = next((lin[c] for c in candidate_domains(dom) if c in lin.index), None)
        if score is not None:
            rows.append((dom, "high" if score >= LIN_THRESHOLD else "low"))
    out = pd.DataFrame(rows, columns=["domain", "label"]).sort_values("domain")
    path.write_text(
        "# Example outlet ratings for notebook 03. Derived from Lin et al. 2023, PNAS Nexus 2(9) pgad286,\n"
        f"# consensus domain quality score (pc1) >= {LIN_THRESHOLD} -> high, else low; AllSides domains with\n"
        f"# >= {MIN_ARTICLES} articles. Built by notebooks/data/build_allsides_scores.py.\n"
        + out.to_csv(index=False), encoding="utf-8")
    print(f"wrote {path} ({len(out)} domains: {out.label.value_counts().to_dict()})")


if __name__ == "__main__":
    raise SystemExit(main())
