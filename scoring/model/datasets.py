"""Loaders for the shared training corpora and a disk cache of their features.

Every loader returns one row per article with the columns
``id, corpus, outlet, date, title, text`` plus its own labels
(``allsides_bias``, ``hyperpartisan``, ``opensources_type``). ``outlet`` is a
normalised domain, which is what labels join on and what validation groups by.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import xml.etree.ElementTree as ET
from multiprocessing import get_context
from pathlib import Path

import pandas as pd

import features
from features import FEATURE_NAMES, analyze
from features.criteria import CRITERIA, assess
from scoring.io.dates import parse_dates
from scoring.model.labels import normalize_domain

log = logging.getLogger(__name__)

ARTICLE_COLUMNS = ["id", "corpus", "outlet", "date", "title", "text"]
CACHE_DIR = Path(os.environ.get("RELSCORE_CACHE", "/tmp/relscore_cache"))


def shared_dir() -> Path:
    """``../shared`` beside the project root (override with $RELSCORE_SHARED)."""
    env = os.environ.get("RELSCORE_SHARED")
    if env:
        return Path(env)
    return (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()


def load_allsides(shared: Path | None = None, per_outlet_cap: int | None = None, seed: int = 0) -> pd.DataFrame:
    """AllSides (Baly et al. 2020) articles; ``per_outlet_cap`` keeps at most that many per outlet."""
    shared = shared or shared_dir()
    a = pd.read_parquet(shared / "data" / "allsides" / "articles.parquet")
    a["outlet"] = a["source_url"].map(normalize_domain)
    if per_outlet_cap:
        a = (a.sample(frac=1.0, random_state=seed).groupby("outlet", group_keys=False).head(per_outlet_cap)
             .sort_values("ID"))
    return pd.DataFrame({
        "id": "as_" + a["ID"].astype(str),
        "corpus": "allsides",
        "outlet": a["outlet"],
        "date": parse_dates(a["date"]).to_numpy(),
        "title": a["title"].fillna(""),
        "text": a["content_original"].fillna(""),
        "url": a["url"],
        "allsides_bias": a["bias_text"],
    }).reset_index(drop=True)


_WS = re.compile(r"[ \t\r\f\v]+")


def _element_text(el: ET.Element) -> str:
    """Text of an article element, one line per <p> paragraph (links and quotes inline)."""
    parts: list[str] = []

    def walk(e: ET.Element) -> None:
        block = e.tag == "p"
        if block:
            parts.append("\n")
        if e.text:
            parts.append(e.text)
        for child in e:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(el)  # the <article> element itself is not a <p>, so no break is added around it
    lines = (_WS.sub(" ", ln).strip() for ln in "".join(parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def load_hyperpartisan(shared: Path | None = None) -> pd.DataFrame:
    """SemEval-2019 Task 4 by-article training half (645 hand-labelled articles)."""
    shared = shared or shared_dir()
    base = shared / "data" / "hyperpartisan"
    index = pd.read_csv(base / "train_index.csv", dtype={"id": str})
    texts = {}
    for el in ET.parse(base / "articles-training-byarticle-20181122.xml").getroot().iter("article"):
        texts[el.get("id")] = _element_text(el)
    truth = {el.get("id"): el.get("hyperpartisan") == "true"
             for el in ET.parse(base / "ground-truth-training-byarticle-20181122.xml").getroot().iter("article")}
    return pd.DataFrame({
        "id": "hp_" + index["id"],
        "corpus": "hyperpartisan",
        "outlet": index["url"].map(normalize_domain),
        "date": parse_dates(index["published_at"]).to_numpy(),
        "title": index["title"].fillna(""),
        "text": index["id"].map(texts).fillna(""),
        "url": index["url"],
        "hyperpartisan": index["id"].map(truth).astype(bool),
    })


def load_fakenews(shared: Path | None = None) -> pd.DataFrame:
    """FakeNewsCorpus sample (250 articles, OpenSources site types), scraped early 2018."""
    shared = shared or shared_dir()
    f = pd.read_csv(shared / "data" / "fakenews_sample" / "news_sample.csv")
    # the sample has no publication dates; the scrape date bounds them from above
    return pd.DataFrame({
        "id": "fn_" + f["id"].astype(str),
        "corpus": "fakenews",
        "outlet": f["domain"].map(normalize_domain),
        "date": parse_dates(f["scraped_at"]).to_numpy(),
        "title": f["title"].fillna(""),
        "text": f["content"].fillna(""),
        "url": f["url"],
        "opensources_type": f["type"],
    })


def load_training_corpora(shared: Path | None = None, allsides_cap: int | None = 60, seed: int = 0) -> pd.DataFrame:
    """All three shared corpora in one frame (empty texts dropped)."""
    shared = shared or shared_dir()
    df = pd.concat([load_allsides(shared, allsides_cap, seed), load_hyperpartisan(shared), load_fakenews(shared)],
                   ignore_index=True)
    keep = df["text"].str.strip().str.len() > 0
    if (~keep).any():
        log.info("dropping %d articles with empty text", int((~keep).sum()))
    return df[keep].reset_index(drop=True)


# ---------------------------------------------------------------- feature cache
def feature_version() -> str:
    """Hash of the feature code, lexicons and FEATURE_NAMES: the cache key."""
    h = hashlib.sha1("|".join(FEATURE_NAMES).encode())
    pkg = Path(features.__file__).parent
    for p in sorted(pkg.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def _analyze_one(args: tuple[str, str, str]) -> tuple[list[float], str, str]:
    text, title, url = args
    try:
        a = analyze(text, title or None)
        card = assess(a, title or None, url or None).values()
    except Exception as exc:  # one broken article must not sink a 40k-article pass; counted below
        return [float("nan")] * (len(FEATURE_NAMES) + len(CRITERIA)), "", f"{type(exc).__name__}: {exc}"
    return [*(a.features[n] for n in FEATURE_NAMES), *card.values()], a.body, ""


def compute_features(df: pd.DataFrame, processes: int = 2, max_error_share: float = 0.02) -> pd.DataFrame:
    """FEATURE_NAMES and CRITERIA columns (+ ``body``) for each row of ``df`` (columns text, title, url;
    the last two optional), from one analysis of each article.

    Articles whose analysis fails get NaN features (logged with the reason); more than
    ``max_error_share`` failures is an error, since the extractors are then broken.
    """
    blank = [""] * len(df)
    args = list(zip(df["text"].tolist(), df["title"].fillna("").tolist() if "title" in df else blank,
                    df["url"].fillna("").tolist() if "url" in df else blank))
    if processes > 1 and len(args) > 50:
        with get_context("fork").Pool(min(processes, 2)) as pool:
            rows = pool.map(_analyze_one, args, chunksize=64)
    else:
        rows = [_analyze_one(a) for a in args]
    out = pd.DataFrame([r[0] for r in rows], columns=[*FEATURE_NAMES, *CRITERIA], index=df.index, dtype=float)
    out["body"] = [r[1] for r in rows]
    errors = [(i, r[2]) for i, r in zip(df.index, rows) if r[2]]
    if errors:
        log.warning("feature extraction failed on %d of %d articles, e.g. row %s: %s",
                    len(errors), len(rows), errors[0][0], errors[0][1])
        if len(errors) > max_error_share * max(len(rows), 1):
            raise RuntimeError(f"feature extraction failed on {len(errors)} of {len(rows)} articles; "
                               f"first error (row {errors[0][0]}): {errors[0][1]}")
    return out


def cached_features(df: pd.DataFrame, name: str, processes: int = 2) -> pd.DataFrame:
    """Features for ``df`` (keyed by its ``id`` column), cached in CACHE_DIR per feature version."""
    path = CACHE_DIR / f"{name}_{feature_version()}.parquet"
    if path.exists():
        cached = pd.read_parquet(path)
        if set(df["id"]).issubset(set(cached["id"])):
            log.info("features from cache %s", path)
            return cached.set_index("id").loc[df["id"]].set_axis(df.index)
    log.info("computing features for %d articles (%s)", len(df), name)
    feats = compute_features(df, processes)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    feats.assign(id=df["id"].to_numpy()).to_parquet(path, index=False)
    return feats
