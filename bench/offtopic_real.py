"""Fit and judge the off-topic paragraph model on real negatives (issue 18).

The synthetic insertion set (bench/make_insertion_set.py) gives positives (paragraphs
pasted from another story) but its negatives are only the paragraphs of its clean base
articles, at a share of pasted paragraphs far above any real page's. Real negatives come
from unlabelled articles of dev-half outlets (``bench.realnews_select.split_of``), outside
the regression corpus: almost every paragraph of a real article is on topic, so all are
taken as negatives (the few real pastes among them only make the model more careful).
Test-half outlets are never read.

Disjoint article sets are drawn from those outlets (seeds fixed):
- the *check* sample (``--check-n`` articles, ``CHECK_SEED``): never fitted on; the shipped
  pipeline's off-topic flags on it are listed for reading (``--flags PATH``);
- the *training* pool: the other articles, at most ``PER_OUTLET`` per outlet;
- the *second* check sample (``--pool second``): neither of them, for a reading after the design.

``--cv`` prints a 5-fold cross-validation grouped by outlet (real rows) and by base article
(synthetic rows): per threshold, the share of held-out synthetic off-topic paragraphs caught
and the held-out real paragraphs flagged per 1,000 articles, for the model fitted with and
without the real negatives. ``--fit PATH`` writes the model file
(features/lexicons/insertion_offtopic_v2.json).

Run: ``python -m bench.offtopic_real --cv``; ``python -m bench.offtopic_real --fit
features/lexicons/insertion_offtopic_v2.json``; ``python -m bench.offtopic_real --flags
/tmp/flags.txt``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from bench.make_insertion_set import SEED, make_set, offtopic_training_rows
from bench.realnews_select import split_of
from features.insertion_layout import layout_labels
from features.insertion_rules import line_sizes, rule_labels, split_lines
from features.offtopic import MIN_PARAS, OFFTOPIC_FEATURES, paragraph_features
from scoring.model.datasets import load_allsides, load_hyperpartisan, shared_dir

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "regression" / "realnews" / "articles.csv"
CHECK_SEED = 31
TRAIN_SEED = 7
PER_OUTLET = 40
SYN_SEEDS = (SEED, 1, 2)
SYN_N = 1200
C = 0.3
REAL_WEIGHT = 3.0  # weight of a real negative row relative to a synthetic row (grouped CV: see RESULTS.md)
FOLDS = 5


def dev_articles(shared: Path) -> pd.DataFrame:
    """Unlabelled AllSides and hyperpartisan articles of dev-half outlets, corpus articles left out."""
    df = pd.concat([load_allsides(shared), load_hyperpartisan(shared)], ignore_index=True)
    df = df[df["outlet"].map(split_of) == "dev"]
    taken = set(pd.read_csv(CORPUS)["id"])
    df = df[~df["id"].isin(taken) & (df["text"].str.len() > 0)]
    return df[["id", "corpus", "outlet", "title", "text"]].reset_index(drop=True)


def check_and_train(shared: Path, check_n: int = 3000) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(check sample, training pool): disjoint, fixed by the seeds."""
    df = dev_articles(shared)
    check = df.sample(n=min(check_n, len(df)), random_state=CHECK_SEED)
    rest = df.drop(check.index).sample(frac=1.0, random_state=TRAIN_SEED)
    train = rest.groupby("outlet", group_keys=False).head(PER_OUTLET)
    return check.reset_index(drop=True), train.reset_index(drop=True)


def second_check(shared: Path, n: int = 3000, seed: int = CHECK_SEED + 1) -> pd.DataFrame:
    """A further check sample, drawn after the model and its gates were settled on the first one
    (whose flags were read while designing them): outside both the check sample and the pool."""
    df = dev_articles(shared)
    check, train = check_and_train(shared)
    df = df[~df["id"].isin(set(check["id"]) | set(train["id"]))]
    return df.sample(n=min(n, len(df)), random_state=seed).reset_index(drop=True)


def before_offtopic(text: str, title: str | None) -> tuple[list, list, list[int], list[int]] | None:
    """(lines, labels, body line indices, word counts) as ``find_insertions`` has them before the
    off-topic step; None when there are too few body paragraphs to judge."""
    lines = split_lines(text)
    if not lines:
        return None
    sizes = line_sizes(lines)
    labels = rule_labels(lines, title, sizes)
    layout_labels(lines, labels, sizes)
    body = [i for i, lab in enumerate(labels) if lab is None]
    return (lines, labels, body, sizes) if len(body) >= MIN_PARAS else None


def real_rows(articles: pd.DataFrame) -> tuple[list[tuple[float, ...]], list[str]]:
    """Features of every judged body paragraph (labels as ``find_insertions`` sets them before
    the off-topic step), each article with its title; and each row's outlet."""
    X, groups = [], []
    for outlet, title, text in zip(articles["outlet"], articles["title"], articles["text"]):
        got = before_offtopic(text, title or None)
        if got is None:
            continue
        lines, _, body, sizes = got
        for f in paragraph_features(lines, body, title or None, sizes).values():
            X.append(f.as_row())
            groups.append(outlet)
    return X, groups


def synthetic_rows(shared: Path) -> tuple[list[tuple[float, ...]], list[bool], list[str]]:
    """The synthetic dev split's rows (three insertion draws), each with its base article's id."""
    X, y, groups = [], [], []
    for seed in SYN_SEEDS:
        for smp in make_set(shared, "dev", SYN_N, seed):
            xs, ys = offtopic_training_rows([smp])
            X += xs
            y += ys
            groups += [smp.base_id] * len(xs)
    return X, y, groups


def _fold(key: str) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % FOLDS


def _fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, c: float = C) -> tuple:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import PolynomialFeatures, StandardScaler

    scaler = StandardScaler().fit(X)
    poly = PolynomialFeatures(2)
    model = LogisticRegression(C=c, max_iter=10000).fit(poly.fit_transform(scaler.transform(X)), y, sample_weight=w)
    return scaler, poly, model


def _predict(fitted, X: np.ndarray) -> np.ndarray:
    scaler, poly, model = fitted
    return model.predict_proba(poly.transform(scaler.transform(X)))[:, 1]


def _data(shared: Path, cache: Path | None) -> tuple[np.ndarray, ...]:
    # the cache holds rows of the default check sample (3,000); delete it after changing the draws or the rules
    if cache and cache.exists():
        with np.load(cache, allow_pickle=False) as d:
            return d["Xs"], d["ys"], d["gs"], d["Xr"], d["gr"], int(d["n_train"])
    _, train = check_and_train(shared)
    Xs, ys, gs = synthetic_rows(shared)
    Xr, gr = real_rows(train)
    out = (np.array(Xs), np.array(ys, dtype=int), np.array(gs), np.array(Xr), np.array(gr), len(train))
    if cache:
        np.savez(cache, Xs=out[0], ys=out[1], gs=out[2], Xr=out[3], gr=out[4], n_train=out[5])
    return out


def cross_validate(shared: Path, cache: Path | None, weights: tuple[float, ...], cs: tuple[float, ...]) -> None:
    """Print, per C and real-negative weight, synthetic recall and real flags per 1,000 articles by threshold
    (5 folds: real rows grouped by outlet, synthetic rows by base article)."""
    Xs, ys, gs, Xr, gr, n_train = _data(shared, cache)
    arts_per_fold = {}
    _, train = check_and_train(shared)
    for f in range(FOLDS):
        arts_per_fold[f] = int(sum(_fold(o) == f for o in train["outlet"]))
    fs = np.array([_fold(g) for g in gs])
    fr = np.array([_fold(g) for g in gr])
    print(f"synthetic rows {len(ys)} ({ys.sum()} off-topic); real rows {len(Xr)} from {n_train} articles, "
          f"{len(set(gr))} outlets")
    thresholds = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98)
    for c in cs:
        for wt in weights:
            ps, pr = np.zeros(len(ys)), np.zeros(len(Xr))
            for f in range(FOLDS):
                tr_s, tr_r = fs != f, fr != f
                X = np.vstack([Xs[tr_s], Xr[tr_r]]) if wt > 0 else Xs[tr_s]
                y = np.concatenate([ys[tr_s], np.zeros(tr_r.sum(), dtype=int)]) if wt > 0 else ys[tr_s]
                w = np.concatenate([np.ones(tr_s.sum()), np.full(tr_r.sum(), wt)]) if wt > 0 else np.ones(tr_s.sum())
                fitted = _fit(X, y, w, c)
                ps[~tr_s] = _predict(fitted, Xs[~tr_s])
                pr[~tr_r] = _predict(fitted, Xr[~tr_r])
            cells = []
            for t in thresholds:
                caught = float((ps[ys == 1] >= t).mean())
                false_syn = int((ps[ys == 0] >= t).sum())
                per_k = 1000 * (pr >= t).sum() / n_train
                cells.append(f"t={t}: syn recall {caught:.3f}, syn false {false_syn}, real flags/1k {per_k:.1f}")
            print(f"C={c} real weight={wt}:\n  " + "\n  ".join(cells))


def fit(shared: Path, cache: Path | None, wt: float = REAL_WEIGHT, c: float = C) -> dict:
    """The model file's content: scaler and coefficients fitted on every synthetic and real row."""
    Xs, ys, _, Xr, _, n_train = _data(shared, cache)
    X = np.vstack([Xs, Xr])
    y = np.concatenate([ys, np.zeros(len(Xr), dtype=int)])
    w = np.concatenate([np.ones(len(ys)), np.full(len(Xr), wt)])
    scaler, _, model = _fit(X, y, w, c)
    return {
        "_about": "Off-topic paragraph model of features/offtopic.py: logistic regression over "
                  "[1, z, z_i*z_j for i<=j], z = (x - mean) / scale. Fitted by bench/offtopic_real.py --fit: "
                  "positives and synthetic negatives from the dev split of the synthetic insertion set "
                  "(bench/make_insertion_set.py, three draws), real negatives from every judged paragraph of "
                  f"{n_train} unlabelled AllSides and hyperpartisan articles of dev-half outlets (at most "
                  f"{PER_OUTLET} per outlet, regression-corpus articles left out), weight {wt}, C = {c} "
                  "(Baly et al. 2020, Apache-2.0 release; Kiesel et al. 2019). License: Apache-2.0 (relscore).",
        "features": list(OFFTOPIC_FEATURES),
        "n_rows": int(len(y)), "n_positive": int(y.sum()), "n_real_negative": int(len(Xr)),
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scaler.scale_],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }


def flags(shared: Path, out: Path, check_n: int, pool: str = "check") -> None:
    """Every off-topic span the pipeline's insertion step finds on the check sample (or the
    training pool), with the lines around it, for reading."""
    from features.insertions import find_insertions

    check, train = check_and_train(shared, check_n)
    if pool == "train":
        check = train
    elif pool == "second":
        check = second_check(shared, check_n)
    n = chars = 0
    with out.open("w", encoding="utf-8") as f:
        for aid, outlet, title, text in zip(check["id"], check["outlet"], check["title"], check["text"]):
            for s in find_insertions(text, title or None):
                if s.label != "offtopic":
                    continue
                n += 1
                chars += s.end - s.start
                lo, hi = text.rfind("\n", 0, max(0, s.start - 300)), text.find("\n", s.end + 300)
                ctx = text[lo + 1:s.start] + "[[" + text[s.start:s.end] + "]]" + text[s.end:hi if hi > 0 else None]
                f.write(f"### {n} {aid} {outlet} p={s.score:.3f} title={title!r}\n{ctx}\n\n")
    print(f"{n} off-topic spans, {chars} characters, in {len(check)} articles -> {out}")


def main() -> None:
    """Command line: --cv, --fit FILE or --flags FILE (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=shared_dir())
    ap.add_argument("--cache", type=Path, help="keep the feature rows here (.npz) between runs")
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--weights", default="0,1", help="real-negative weights for --cv, comma-separated")
    ap.add_argument("--cs", default=str(C), help="L2 strengths for --cv, comma-separated")
    ap.add_argument("--fit", type=Path, metavar="PATH")
    ap.add_argument("--flags", type=Path, metavar="PATH")
    ap.add_argument("--check-n", type=int, default=3000)
    ap.add_argument("--pool", choices=("check", "second", "train"), default="check", help="articles --flags reads")
    args = ap.parse_args()
    if args.cv:
        cross_validate(args.shared, args.cache, tuple(map(float, args.weights.split(","))),
                       tuple(map(float, args.cs.split(","))))
    if args.fit:
        args.fit.write_text(json.dumps(fit(args.shared, args.cache), indent=1) + "\n", encoding="utf-8")
    if args.flags:
        flags(args.shared, args.flags, args.check_n, args.pool)


if __name__ == "__main__":
    main()
