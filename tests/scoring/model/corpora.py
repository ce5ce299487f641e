"""Small labelled corpora for the model tests: real-looking news prose in two registers, spread
over outlets so that every outlet-grouped split has both classes."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from features import FEATURE_NAMES, analyze
from scoring.model.estimator import ScoreModel

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "notebooks" / "data" / "samples"
FEATURES = ["exclaims", "quotes"]
FAMILIES = {"style": ["exclaims"], "sourcing": ["quotes"]}

# Two registers of real-looking news prose: sourced wire copy vs a ranting blog.
CALM = [
    "The ministry said on Tuesday that talks would resume next week, according to two officials.",
    "Officials told reporters the figures were preliminary and could be revised, the agency said.",
    "The company reported quarterly revenue of $2.1 billion, in line with analysts' estimates.",
    "The court adjourned until Monday; lawyers for both sides declined to comment.",
]
RANT = [
    "This is an OUTRAGE! The corrupt elites are lying to you again and nobody will stop them!",
    "Wake up, people! The disgusting traitors want to destroy everything we love!",
    "Total disaster! These clowns are ruining the country and the fake media covers it up!",
    "Shameful! They think you are stupid, and they laugh at you while they steal!",
]
CALM_HEADLINES = ["Talks to resume next week, officials say", "Court adjourns until Monday",
                  "Company revenue in line with estimates", "Ministry revises preliminary figures"]
SHOUT_HEADLINES = ["STUNNING: Elites CAUGHT Lying Again!", "WATCH => Traitors DESTROY Everything!",
                   "SHOCKING: The ‘Experts’ Laugh At You!", "BOOM! Corrupt Clowns EXPOSED!"]


def tiny_corpus(n_outlets: int = 10, per_outlet: int = 6, seed: int = 0) -> pd.DataFrame:
    """Outlets whose articles are all calm (label 1) or all ranting (label 0)."""
    rng = np.random.default_rng(seed)
    rows = []
    for o in range(n_outlets):
        good = o % 2 == 0
        for i in range(per_outlet):
            pool = CALM if good else RANT
            text = " ".join(rng.choice(pool, size=3, replace=True))
            rows.append({
                "id": f"o{o}-{i}", "corpus": "tiny", "outlet": f"outlet{o}.com",
                "date": pd.Timestamp("2016-01-01") + pd.Timedelta(days=int(rng.integers(0, 900))),
                "text": text, "exclaims": text.count("!") + rng.normal(0, 0.3),
                "quotes": text.count(" said") + rng.normal(0, 0.3), "y": 1.0 if good else 0.0,
            })
    return pd.DataFrame(rows)


def uninformative_corpus(seed: int) -> tuple[pd.DataFrame, np.random.Generator]:
    """``tiny_corpus`` with every body drawn from the same calm pool and noise for features, so only
    what a test adds tells the classes apart; and the generator, to draw that addition from."""
    d = tiny_corpus(per_outlet=8)
    rng = np.random.default_rng(seed)
    d["text"] = [" ".join(rng.choice(CALM, size=3)) for _ in range(len(d))]
    d["exclaims"] = rng.normal(0, 1, len(d))
    d["quotes"] = rng.normal(0, 1, len(d))
    return d, rng


def headline_corpus() -> pd.DataFrame:
    """Only the headlines tell the hyperpartisan outlets (y = 1) from the others."""
    d, rng = uninformative_corpus(1)
    d["y"] = 1.0 - d["y"]
    d["title"] = [rng.choice(SHOUT_HEADLINES if y else CALM_HEADLINES) for y in d["y"]]
    return d


def url_corpus(seed: int = 3) -> pd.DataFrame:
    """Every outlet files both kinds of article; bodies, headlines and features say nothing, only the
    URL's section does: hyperpartisan articles (y = 1) under /opinion/ or /commentary/, others under /news/."""
    d, rng = uninformative_corpus(seed)
    d["y"] = (np.arange(len(d)) % 2).astype(float)
    section = np.where(d["y"] == 1, rng.choice(["opinion", "commentary"], len(d)), "news")
    d["url"] = [f"https://www.{o}/{s}/2018/05/story-{i}" for i, (o, s) in enumerate(zip(d["outlet"], section))]
    return d


def two_source_corpus(seed: int = 0) -> pd.DataFrame:
    """A 'shouting' score x: hand labels call an article hyperpartisan from x > 1, the far more
    numerous outlet-level labels already from x > -1 (every article of a partisan outlet)."""
    rng = np.random.default_rng(seed)
    rows = []
    for source, n_outlets, cut in (("hand", 30, 1.0), ("outlet", 60, -1.0)):
        for o in range(n_outlets):
            for i in range(4):
                x = rng.normal(0, 1.5)
                rows.append({"outlet": f"{source}{o}.com", "x": x, "noise": rng.normal(),
                             "y": float(x + rng.normal(0, 0.3) > cut), "hand": source == "hand"})
    return pd.DataFrame(rows)


def fit(d: pd.DataFrame, target: str, features: list[str] = FEATURES, families: dict = FAMILIES,
        n_splits: int = 3, calibrate_on=None, **params) -> ScoreModel:
    """A ``ScoreModel`` fitted on ``d`` (whatever text, title and url columns it has), grouped by its outlets."""
    model = ScoreModel(target, n_splits=n_splits, feature_names=features, families=families, **params)
    return model.fit(d, d["y"].astype(int), groups=d["outlet"], calibrate_on=calibrate_on)


def sample_frame() -> pd.DataFrame:
    """The five sample articles' features with their text and headline."""
    rows = []
    for p in sorted(SAMPLES.glob("*.txt")):
        title, _, body = p.read_text(encoding="utf-8").partition("\n")
        feats = analyze(body, title).features
        rows.append({**feats, "text": body, "title": title})
    return pd.DataFrame(rows, columns=[*FEATURE_NAMES, "text", "title"])
