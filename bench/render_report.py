"""Render the HTML report for the 37.5k AllSides articles and time it.

    python -m bench.render_report [--limit N] [--out DIR] [--articles flagged]

Features and spans come from ``features.analyze`` (2 worker processes) and are
cached in /tmp/relscore_cache/report_* keyed by a fingerprint of the feature
code, so a second run only measures rendering. Scores come from the bundled
models when they exist (``scoring.model.scores.predict_scores``); without them the
report says "not scored". Several large outlets of different leanings are
compared over 2012-2020. Prints the time of each step.
"""
from __future__ import annotations

import argparse
import hashlib
import logging
import time
from multiprocessing import Pool
from pathlib import Path

import pandas as pd

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
CACHE = Path("/tmp/relscore_cache")
COMPARE = ["CNN (Web News)", "Fox News", "New York Times - News", "Washington Times", "Reuters", "Breitbart News"]
COLUMNS = ["ID", "title", "content_original", "source", "source_url", "url", "date"]


def _fingerprint() -> str:
    """Changes whenever any feature module or lexicon changes."""
    import features

    root = Path(features.__file__).parent
    h = hashlib.sha1()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".txt", ".json"):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def _analyze(item: tuple[str, str, str]) -> tuple[str, dict[str, float], list[dict]]:
    from features import analyze

    aid, text, title = item
    a = analyze(text, title)
    return aid, a.features, [s.as_dict() for s in a.spans]


def load_corpus(limit: int | None) -> pd.DataFrame:
    df = pd.read_parquet(SHARED / "data" / "allsides" / "articles.parquet", columns=COLUMNS)
    if limit:
        df = df.sample(n=min(limit, len(df)), random_state=0)
    df = df.rename(columns={"ID": "id", "content_original": "text", "source": "outlet", "source_url": "domain"})
    df["id"] = df["id"].astype(str)
    df["text"] = df["text"].fillna("").astype(str)
    d = pd.to_datetime(df["date"], errors="coerce", format="mixed")
    df["date"] = d.dt.strftime("%Y-%m-%d").where(d.notna(), None)
    return df.reset_index(drop=True)


def compute_features(df: pd.DataFrame, jobs: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Features (one row per id) and spans, from the cache when the code is unchanged."""
    key = f"{_fingerprint()}_{hashlib.sha1(''.join(df['id']).encode()).hexdigest()[:8]}"
    fpath, spath = CACHE / f"report_features_{key}.parquet", CACHE / f"report_spans_{key}.parquet"
    if fpath.exists() and spath.exists():
        print(f"features: cached ({fpath})")
        return pd.read_parquet(fpath), pd.read_parquet(spath)
    from tqdm import tqdm

    items = list(zip(df["id"], df["text"], df["title"].fillna("")))
    rows, spans = [], []
    t = time.perf_counter()
    with Pool(jobs) as pool:
        for aid, feats, sp in tqdm(pool.imap(_analyze, items, chunksize=64), total=len(items), desc="features"):
            rows.append({"id": aid, **feats})
            for s in sp:
                s["id"] = aid
            spans.extend(sp)
    print(f"features: {len(items)} articles in {time.perf_counter() - t:.0f}s with {jobs} processes")
    feats = pd.DataFrame(rows)
    sp = pd.DataFrame(spans, columns=["id", "start", "end", "kind", "label", "voice"])
    CACHE.mkdir(parents=True, exist_ok=True)
    feats.to_parquet(fpath)
    sp.to_parquet(spath)
    return feats, sp


def add_scores(scored: pd.DataFrame, texts: pd.Series) -> pd.DataFrame:
    try:
        from scoring.model.scores import predict_scores
    except ImportError as e:
        print(f"scores: model code not importable ({e}); report will say 'not scored'")
        return scored
    try:
        t = time.perf_counter()
        pred = predict_scores(scored.assign(text=texts.to_numpy()))
    except FileNotFoundError as e:
        print(f"scores: {e}; report will say 'not scored'")
        return scored
    print(f"scores: predicted in {time.perf_counter() - t:.0f}s")
    return pd.concat([scored, pred], axis=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="random sample of this many articles (default: all)")
    ap.add_argument("--out", default="/tmp/relscore_allsides_report", help="output folder")
    ap.add_argument("--articles", default="flagged")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    from reports import render_site

    t = time.perf_counter()
    df = load_corpus(args.limit)
    print(f"corpus: {len(df)} articles, {df['outlet'].nunique()} outlets ({time.perf_counter() - t:.0f}s)")
    feats, spans = compute_features(df, args.jobs)
    scored = df.drop(columns=["text"]).merge(feats, on="id", how="left")
    scored = add_scores(scored, df["text"])
    texts = dict(zip(df["id"], df["text"]))
    out = Path(args.out)
    if (out / "index.html").exists():  # a previous report: start clean so page counts are right
        import shutil

        shutil.rmtree(out)
    t = time.perf_counter()
    index = render_site(scored, spans, texts, args.out, articles=args.articles, compare=COMPARE)
    dt = time.perf_counter() - t
    n_pages = sum(1 for _ in (Path(args.out) / "articles").glob("*.html"))
    size = sum(p.stat().st_size for p in Path(args.out).rglob("*.html")) / 1e6
    print(f"render: {dt:.1f}s for {len(scored)} articles -> {index} ({n_pages} article pages, {size:.0f} MB)")


if __name__ == "__main__":
    main()
