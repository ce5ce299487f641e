"""Train the loaded-language token model shipped as
features/lexicons/loaded_model_v1.npz (layout: features/loaded_model.py), from the SemEval-2020 Task 11 corpus
(PTC train, Loaded_Language spans) in ../shared.

    python -m bench.train_loaded            # word clusters, 5-fold CV report, then train on all and write the model
    python -m bench.train_loaded --keep-clusters   # reuse the shipped clusters (saves ~4 min)
    python -m bench.train_loaded --cv-only  # just the cross-validated numbers
    python -m bench.train_loaded --cv-only --window 3 --probs-file w3.npz  # another neighbour window; fits kept

Also rebuilds features/lexicons/loaded_clusters_v1.json from the AllSides corpus.

Honest validation: folds are by article id. The regularisation strength (C_GRID)
and the span decoding settings (thresholds, edge trimming) are chosen on
out-of-fold predictions *inside* the training folds (nested: for outer fold f the
other four folds serve as inner folds), never on the fold being reported. Every
inner model is trained on three outer folds, so one fit serves two outer folds:
10 three-fold fits plus 5 four-fold fits per C, run on --jobs processes. The
shipped model is fitted on all articles; its C and decoding are chosen on the
outer CV's out-of-fold probabilities.
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple, Sequence

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.linear_model import LogisticRegression

from scoring.gold.ptc import Interval, load_ptc, score, span_prf
from features.insertions import clean_doc
from features.loaded_model import save_model_file
from features.loaded import (
    DENSE_FEATURES, MODEL_FORMAT, OFFSETS, PAD, LoadedModel, bigram_keys,
    context_features, decode_runs, is_spelling_noise, position_matrix, scare_quotes, token_strings, type_features,
    valence,
)
from features.loaded_words import FUNCTION_WORDS, forced_tokens
from features.text import Doc

log = logging.getLogger("train_loaded")

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
OUT = Path(__file__).resolve().parents[1] / "features" / "lexicons" / "loaded_model_v1.npz"
N_FOLDS = 5
SEED = 20200
#: Regularisation strengths tried; each outer fold keeps the one with the best inner
#: out-of-fold F1, the shipped model the one with the best outer out-of-fold F1. One
#: value: C = 0.3 and C = 3 had lower inner F1 than 1.0 in all five folds (bench/RESULTS.md),
#: and each value costs 15 more fits.
C_GRID: tuple[float, ...] = (1.0,)
C = C_GRID[0]
# Features seen once in the training folds still get a weight: nested CV F1
# 0.321 with 1 vs 0.312 with 2 (the regulariser keeps rare ones small).
MIN_COUNT = 1
T_HI_GRID = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
T_LO_RATIO = (0.2, 0.35, 0.5, 0.75, 1.0)
#: Decodings this close to the best F1 count as equal; the most precise one wins.
F1_TOLERANCE = 0.005
#: Word-bigram features (word|next, previous|word); worth ~0.003-0.005 F1 on a
#: nested-CV screen; they cost ~0.5 ms per article in look-ups.
USE_BIGRAMS = True


@dataclass
class Article:
    aid: str
    text: str
    gold: list[Interval]
    doc: Doc
    words: list[str]
    y: np.ndarray
    pos: np.ndarray
    bigrams: list[str]
    forced: np.ndarray
    function: np.ndarray
    noise: np.ndarray
    scare: list[Interval]


def prepare(shared: Path, limit: int | None = None) -> list[Article]:
    """Parse every PTC article the way the pipeline does and label its tokens."""
    out = []
    for aid, text, gold in load_ptc(shared, limit):
        doc, _ = clean_doc(text)
        words = token_strings(doc)
        y = np.zeros(len(words), dtype=np.int8)
        starts = np.array([s for s, _ in doc.tokens], dtype=np.int64)
        ends = np.array([e for _, e in doc.tokens], dtype=np.int64)
        for gs, ge in gold:
            y[(starts < ge) & (ends > gs)] = 1
        lw = [w.lower() for w in words]
        va = np.array([abs(valence(w) or 0.0) for w in lw])
        nk, pk = bigram_keys(lw)
        out.append(Article(aid, text, gold, doc, words, y, position_matrix(doc, va),
                           ["bn=" + k for k in nk] + ["bp=" + k for k in pk], forced_tokens(words),
                           np.array([w in FUNCTION_WORDS for w in lw], dtype=bool),
                           np.array([is_spelling_noise(w) for w in words], dtype=bool), scare_quotes(doc)))
    return out


def folds(arts: Sequence[Article], k: int = N_FOLDS, seed: int = SEED) -> list[np.ndarray]:
    """Article indices split into k folds by a seeded shuffle of the article ids."""
    ids = sorted(range(len(arts)), key=lambda i: arts[i].aid)
    rng = np.random.default_rng(seed)
    rng.shuffle(ids)
    return [np.array(sorted(ids[f::k])) for f in range(k)]


def fold_numbers(fl: Sequence[np.ndarray], n: int) -> np.ndarray:
    """Each of ``n`` articles' fold number, from the folds' article indices ``fl``."""
    out = np.zeros(n, dtype=int)
    for f, idx in enumerate(fl):
        out[idx] = f
    return out


class OuterFold(NamedTuple):
    """One outer fold of the nested CV, as a decode-only experiment on saved fits reads it."""

    f: int
    ids: list[int]  # the fold's articles
    inner_ids: list[int]  # the other folds' articles
    inner_probs: list[np.ndarray]  # theirs, each from the fit on the three folds that are neither f nor its own
    inner_groups: np.ndarray  # each inner article's fold
    probs: dict[int, np.ndarray]  # the fold's articles', from the fit on the other four folds


def outer_folds(arts: Sequence[Article], probs: dict[frozenset[int], dict[int, np.ndarray]]) -> Iterator[OuterFold]:
    """The outer folds of ``arts`` with their inner and outer out-of-fold probabilities from
    ``probs`` (one C's nested fits, as ``load_probs`` gives them)."""
    fl = folds(arts)
    fold_of = fold_numbers(fl, len(arts))
    everything = frozenset(range(N_FOLDS))
    for f, fold in enumerate(fl):
        ids = [i for g in range(N_FOLDS) if g != f for i in fl[g].tolist()]
        yield OuterFold(f, fold.tolist(), ids, [probs[everything - {f, int(fold_of[i])}][i] for i in ids],
                        fold_of[ids], {i: probs[everything - {f}][i] for i in fold.tolist()})


def decode_only_main(description: str | None,
                     run: Callable[[Sequence[Article], Path], dict[str, float]]) -> None:
    """Command line of a decode-only experiment on saved fits: ``run(articles, probs_file)``'s figures as JSON."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--probs-file", type=Path, required=True, help="the nested fits of bench.train_loaded")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    print(json.dumps(run(prepare(args.shared), args.probs_file), indent=2))


def _vocab(dicts: Sequence[dict[str, float]], counts: np.ndarray, min_count: int,
           drop: set[str] | frozenset[str] = frozenset()) -> dict[str, int]:
    """Features seen in at least ``min_count`` training tokens, except those in ``drop``."""
    tally: dict[str, int] = {}
    for d, c in zip(dicts, counts):
        if c:
            for k in d:
                tally[k] = tally.get(k, 0) + int(c)
    return {k: i for i, k in enumerate(sorted(k for k, v in tally.items() if v >= min_count and k not in drop))}


def _type_matrix(dicts: Sequence[dict[str, float]], vocab: dict[str, int]) -> sp.csr_matrix:
    rows, cols, vals = [], [], []
    for r, d in enumerate(dicts):
        for k, v in d.items():
            j = vocab.get(k)
            if j is not None:
                rows.append(r)
                cols.append(j)
                vals.append(v)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(dicts), len(vocab)))


def _bigram_matrix(arts: Sequence[Article]) -> tuple[sp.csr_matrix, dict[str, int]]:
    """Token x bigram-key indicator matrix (keys seen at least MIN_COUNT times)."""
    tally: dict[str, int] = {}
    for a in arts:
        for k in a.bigrams:
            tally[k] = tally.get(k, 0) + 1
    vocab = {k: i for i, k in enumerate(sorted(k for k, v in tally.items() if v >= MIN_COUNT))}
    rows, cols = [], []
    r0 = 0
    for a in arts:
        n = len(a.words)
        for j, k in enumerate(a.bigrams):
            c = vocab.get(k)
            if c is not None:
                rows.append(r0 + j % n)
                cols.append(c)
        r0 += n
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r0, len(vocab))), vocab


@dataclass(frozen=True)
class FitSpec:
    """What the token model sees: ``offsets``, the neighbour positions whose context features
    enter a token's score; ``lexicon_offsets``, further positions that give only their lexicon
    cues (valence, bias, charged, intensifier, subjectivity, function word; no word identity,
    no cluster); ``min_articles``, the number of training articles a word or stem must occur
    in for its identity features (w=, s=) to get a weight."""

    offsets: tuple[int, ...] = OFFSETS
    lexicon_offsets: tuple[int, ...] = ()
    min_articles: int = 1

    def label(self) -> str:
        """A short text naming the spec (stored with saved probabilities)."""
        return f"offsets={list(self.offsets)} lexicon_offsets={list(self.lexicon_offsets)} min_articles={self.min_articles}"


_IDENTITY_PREFIXES = ("w=", "s=")
_LEXICON_ONLY_DROP = ("w=", "c256=")


def _lexicon_only(ctx: dict[str, float]) -> dict[str, float]:
    """The lexicon cues of a token's context features (its word and cluster left out; the
    padding marker kept, since it says where the text ends)."""
    return {k: v for k, v in ctx.items() if k == "w=" + PAD or not k.startswith(_LEXICON_ONLY_DROP)}


def _rare_identities(seqs: Sequence[np.ndarray], feats: Sequence[dict[str, float]], min_articles: int) -> set[str]:
    """Word-identity features (w=, s=) of ``feats`` (per type id) found in fewer than
    ``min_articles`` of the articles ``seqs`` (type ids per article)."""
    if min_articles <= 1:
        return set()
    seen: dict[str, int] = {}
    for s in seqs:
        keys = {k for t in np.unique(s).tolist() for k in feats[t] if k.startswith(_IDENTITY_PREFIXES)}
        for k in keys:
            seen[k] = seen.get(k, 0) + 1
    return {k for k, n in seen.items() if n < min_articles and k != "w=" + PAD}


def fit(arts: Sequence[Article], C: float = C, decode: dict[str, Any] | None = None,
        spec: FitSpec = FitSpec()) -> LoadedModel:
    """Fit the token logistic model on ``arts`` and fold it into a LoadedModel
    (``spec``: the neighbour window and feature pruning, see FitSpec)."""
    types: dict[str, int] = {PAD: 0}
    seqs = []
    for a in arts:
        seqs.append(np.array([types.setdefault(w, len(types)) for w in a.words], dtype=np.int64))
    names = list(types)
    tf = [type_features(w) for w in names]
    cf = [context_features(w) for w in names]
    counts = np.bincount(np.concatenate(seqs) if seqs else np.zeros(0, dtype=np.int64), minlength=len(names))
    counts[0] = max(counts[0], sum(len(s) for s in seqs))  # the pad is everyone's neighbour at the edges
    rare = _rare_identities(seqs, tf, spec.min_articles) | _rare_identities(seqs, cf, spec.min_articles)
    v0, vc = _vocab(tf, counts, MIN_COUNT, rare), _vocab(cf, counts, MIN_COUNT, rare)
    S, Cm = _type_matrix(tf, v0), _type_matrix(cf, vc)
    lf = [_lexicon_only(d) for d in cf]
    vl = _vocab(lf, counts, MIN_COUNT) if spec.lexicon_offsets else {}
    Cl = _type_matrix(lf, vl)
    t_all = np.concatenate(seqs)
    blocks_X = [S[t_all]]
    for o in spec.offsets + spec.lexicon_offsets:
        nb = []
        for s in seqs:
            sh = np.zeros(len(s), dtype=np.int64)  # pad
            if o > 0:
                sh[: max(len(s) - o, 0)] = s[o:]
            else:
                sh[-o:] = s[: len(s) + o] if len(s) > -o else sh[-o:]
            nb.append(sh)
        blocks_X.append((Cm if o in spec.offsets else Cl)[np.concatenate(nb)])
    P = np.vstack([a.pos for a in arts])
    mats = blocks_X + [sp.csr_matrix(P)]
    vb: dict[str, int] = {}
    if USE_BIGRAMS:
        B, vb = _bigram_matrix(arts)
        mats.append(B)
    X = sp.hstack(mats, format="csr")
    y = np.concatenate([a.y for a in arts])
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=200, tol=1e-3, intercept_scaling=10.0)
    clf.fit(X, y)
    w = clf.coef_.ravel()
    blocks: dict[str, dict[str, float]] = {}
    off = 0
    for key, vocab in [("0", v0)] + [(f"{o:+d}", vc) for o in spec.offsets] + \
            [(f"{o:+d}", vl) for o in spec.lexicon_offsets]:
        ws = w[off: off + len(vocab)]
        blocks[key] = {k: round(float(ws[j]), 4) for k, j in vocab.items() if abs(ws[j]) >= 5e-4}
        off += len(vocab)
    position = {n: round(float(x), 4) for n, x in zip(DENSE_FEATURES, w[off: off + len(DENSE_FEATURES)])}
    off += len(DENSE_FEATURES)
    bigrams: dict[str, dict[str, float]] = {"next": {}, "prev": {}}
    for k, j in vb.items():
        if abs(w[off + j]) >= 0.02:  # small bigram weights cost look-up time and JSON size for little F1
            bigrams["next" if k.startswith("bn=") else "prev"][k[3:]] = round(float(w[off + j]), 4)
    dec = decode or {"t_hi": 0.5, "t_lo": 0.5}
    return LoadedModel(float(clf.intercept_[0]), blocks, position, dec, {"C": C}, bigrams if vb else None)


def predict(model: LoadedModel, arts: Sequence[Article]) -> list[np.ndarray]:
    return [model.token_probabilities(a.doc, a.words) for a in arts]


def intervals(a: Article, probs: np.ndarray, decode: dict[str, Any]) -> list[Interval]:
    """Predicted character spans of one article, decoded as the pipeline does
    (features.loaded.decode_runs, then scare quotes replacing spans inside them)."""
    runs = decode_runs(a.doc, probs, decode, a.forced, a.function, a.noise)
    toks = a.doc.tokens
    out = [(toks[s][0], toks[e - 1][1]) for s, e, _ in runs]
    if decode.get("scare_quotes", True) and a.scare:
        out = [x for x in out if not any(s <= x[0] and x[1] <= e for s, e in a.scare)] + a.scare
    return sorted(out)


def decode_all(arts: Sequence[Article], probs: Sequence[np.ndarray], decode: dict[str, Any]) -> list[list[Interval]]:
    return [intervals(a, p, decode) for a, p in zip(arts, probs)]


def tune_decode(arts: Sequence[Article], probs: Sequence[np.ndarray]) -> tuple[dict[str, Any], float]:
    """Decoding settings for (out-of-fold) probabilities: the most precise of
    those within F1_TOLERANCE of the best span F1 (a wrong highlight costs more
    trust than a missed one, and F1 is flat across neighbouring thresholds)."""
    gold = [a.gold for a in arts]
    scored: list[tuple[float, float, dict[str, Any]]] = []
    # Scare quotes (features.loaded.scare_quotes, narrow) and the forced charged
    # words are product choices, not tuned; they are scored here as they ship.
    for trim, t_hi, ratio in itertools.product((True, False), T_HI_GRID, T_LO_RATIO):
        dec = {"t_hi": float(t_hi), "t_lo": round(float(t_hi * ratio), 3), "trim": trim, "scare_quotes": True,
               "force_charged": True, "max_gap_chars": 3}
        m = span_prf(decode_all(arts, probs, dec), gold)
        scored.append((m["f1"], m["precision"], dec))
    best = max(f for f, _, _ in scored)
    f, _, dec = max((x for x in scored if x[0] >= best - F1_TOLERANCE), key=lambda x: x[1])
    return dec, f


def _held_out_probs(arts: Sequence[Article], fold_of: np.ndarray, train_folds: tuple[int, ...],
                    c: float, spec: FitSpec = FitSpec()) -> dict[int, np.ndarray]:
    """Token probabilities of the articles outside ``train_folds`` from a model fitted on those folds."""
    t0 = time.time()
    model = fit([a for i, a in enumerate(arts) if fold_of[i] in train_folds], c, spec=spec)
    held = [i for i in range(len(arts)) if fold_of[i] not in train_folds]
    out = dict(zip(held, predict(model, [arts[i] for i in held])))
    log.info("fit on folds %s (C=%g) in %.0fs", train_folds, c, time.time() - t0)
    return out


Probs = dict[float, dict[frozenset[int], dict[int, np.ndarray]]]


def _nested_probs(arts: Sequence[Article], fold_of: np.ndarray, jobs: int,
                  spec: FitSpec = FitSpec()) -> Probs:
    """Per C of C_GRID and per set of training folds (every 4 and every 3 of the 5), the
    held-out articles' token probabilities. The fits are independent, so they run on
    ``jobs`` processes (liblinear is single-threaded); the result does not depend on it."""
    trains = [tr for k in (N_FOLDS - 1, N_FOLDS - 2) for tr in itertools.combinations(range(N_FOLDS), k)]
    tasks = [(c, tr) for c in C_GRID for tr in trains]
    fitted = Parallel(n_jobs=jobs)(delayed(_held_out_probs)(arts, fold_of, tr, c, spec) for c, tr in tasks)
    out: Probs = {c: {} for c in C_GRID}
    for (c, tr), p in zip(tasks, fitted):
        out[c][frozenset(tr)] = p
    return out


def save_probs(path: Path, probs: Probs, spec: FitSpec) -> None:
    """The nested fits' token probabilities as an .npz (keys "C|folds|article", the window's
    offsets and the spec's label), so decoding variants can be compared on the same fits without refitting."""
    arrays = {f"{c}|{''.join(map(str, sorted(tr)))}|{i}": p
              for c, by_tr in probs.items() for tr, by_art in by_tr.items() for i, p in by_art.items()}
    np.savez_compressed(path, offsets=np.asarray(spec.offsets, dtype=np.int64), spec=np.asarray(spec.label()),
                        **arrays)


def load_probs(path: Path, spec: FitSpec) -> Probs:
    """The probabilities written by ``save_probs`` (plain arrays, no pickles) for fits of this
    ``spec``; a file of other fits is an error, not a silent mix-up (a file without a label
    holds fits of a plain window)."""
    out: Probs = {}
    with np.load(path, allow_pickle=False) as z:
        saved = str(z["spec"]) if "spec" in z.files else FitSpec(tuple(z["offsets"].tolist())).label()
        if saved != spec.label():
            raise ValueError(f"{path}: fits of {saved}, not {spec.label()}")
        for key in z.files:
            if key in ("offsets", "spec"):
                continue
            c, tr, i = key.split("|")
            out.setdefault(float(c), {}).setdefault(frozenset(map(int, tr)), {})[int(i)] = z[key]
    return out


def cross_validate(shared: Path = SHARED, limit: int | None = None, arts: Sequence[Article] | None = None,
                   oof: dict[float, list[np.ndarray]] | None = None, jobs: int = 1,
                   spec: FitSpec = FitSpec(), probs_file: Path | None = None) -> dict[str, float]:
    """Nested 5-fold CV by article id; returns cv_* metrics over all articles
    plus per-fold F1 and C (cv_fold<k>_f1, cv_fold<k>_C).

    Each outer fold's model, C and decoding come from the other folds only: C
    and the decoding are chosen on inner out-of-fold probabilities (4 inner
    folds), each inner model trained on three outer folds. When ``oof`` is a
    dict it receives, per C, the outer out-of-fold token probabilities.
    ``jobs``: processes for the fits; ``spec``: the window and pruning of the fits (see ``FitSpec``).
    ``probs_file``: an .npz of the nested fits' probabilities, read when it exists (the
    fits skipped), else written after the fits.
    """
    arts = list(arts) if arts is not None else prepare(shared, limit)
    fl = folds(arts)
    fold_of = fold_numbers(fl, len(arts))
    if probs_file is not None and probs_file.exists():
        probs = load_probs(probs_file, spec)
    else:
        probs = _nested_probs(arts, fold_of, jobs, spec)
        if probs_file is not None:
            save_probs(probs_file, probs, spec)
    everything = frozenset(range(N_FOLDS))
    preds: list[list[Interval]] = [[] for _ in arts]
    fold_f1: dict[str, float] = {}
    for f, fold in enumerate(fl):
        inner_ids = [i for g in range(N_FOLDS) if g != f for i in fl[g].tolist()]
        best: tuple[float, float, dict[str, Any]] | None = None
        for c in C_GRID:  # the first C of the grid wins ties
            inner = [probs[c][everything - {f, int(fold_of[i])}][i] for i in inner_ids]
            dec, inner_f = tune_decode([arts[i] for i in inner_ids], inner)
            if best is None or inner_f > best[0]:
                best = (inner_f, c, dec)
        inner_f, c, dec = best
        for i in fold.tolist():
            preds[i] = intervals(arts[i], probs[c][everything - {f}][i], dec)
        m = span_prf([preds[i] for i in fold.tolist()], [arts[i].gold for i in fold.tolist()])
        fold_f1[f"cv_fold{f}_f1"], fold_f1[f"cv_fold{f}_C"] = m["f1"], c
        log.info("fold %d: C=%g decode=%s inner F1=%.3f outer F1=%.3f P=%.3f R=%.3f", f, c, dec, inner_f, m["f1"],
                 m["precision"], m["recall"])
    if oof is not None:
        oof.clear()
        for c in C_GRID:
            oof[c] = [probs[c][everything - {int(fold_of[i])}][i] for i in range(len(arts))]
    from features.text import tokenize

    out = score(preds, [a.gold for a in arts], [len(tokenize(a.text)) for a in arts], "cv")
    out.update(fold_f1)
    return out


def train_shipped(arts: Sequence[Article], cv: dict[str, float] | None,
                  oof: dict[float, list[np.ndarray]] | None, spec: FitSpec = FitSpec()) -> LoadedModel:
    """Fit on all articles with the C and decoding that do best on the outer CV's
    out-of-fold probabilities (honest for every article), or on a fresh 5-fold OOF run."""
    if not oof:
        oof = {}
        for c in C_GRID:
            oof[c] = [np.zeros(0)] * len(arts)
            for fold in folds(arts):
                test = set(fold.tolist())
                model = fit([a for i, a in enumerate(arts) if i not in test], c, spec=spec)
                for i in fold.tolist():
                    oof[c][i] = model.token_probabilities(arts[i].doc, arts[i].words)
    tuned = [(tune_decode(arts, oof[c]), c) for c in C_GRID]
    (dec, f), c = max(tuned, key=lambda x: x[0][1])  # max keeps the first C of the grid on ties
    model = fit(arts, c, dec, spec)
    model.meta = {
        "trained_on": "SemEval-2020 Task 11 PTC train, Loaded_Language spans (%d articles)" % len(arts),
        "C": c, "oof_f1_for_thresholds": round(f, 4),
        "cv": {k: round(v, 4) for k, v in (cv or {}).items()},
        "rebuild": "python -m bench.train_loaded --keep-clusters",
    }
    return model


CLUSTERS_OUT = OUT.with_name("loaded_clusters_v1.json")
CLUSTER_ARTICLES = 20_000
CLUSTER_VOCAB = 40_000
CLUSTER_CONTEXTS = 3_000


def build_clusters(shared: Path, out: Path = CLUSTERS_OUT) -> None:
    """Distributional word clusters from AllSides news (no text is kept):
    PPMI of +-2 word windows over the commonest context words, a 100-d SVD,
    then k-means with 256 and 1024 clusters. Lets the token model generalise
    from annotated loaded words to unseen ones used alike ("testy" ~ "acrimonious")."""
    import collections

    import pandas as pd
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.utils.extmath import randomized_svd

    from features.text import WORD_RE

    df = pd.read_parquet(shared / "data" / "allsides" / "articles.parquet", columns=["ID", "content_original"])
    texts = df.sort_values("ID").content_original.tolist()[:CLUSTER_ARTICLES]
    toks = [WORD_RE.findall(x.lower()) for x in texts]
    cnt: collections.Counter[str] = collections.Counter()
    for ts in toks:
        cnt.update(ts)
    V = [w for w, c in cnt.most_common(CLUSTER_VOCAB) if c >= 5]
    vid = {w: i for i, w in enumerate(V)}
    K = CLUSTER_CONTEXTS
    ids = np.concatenate([np.array([vid.get(w, -1) for w in ts] + [-1], dtype=np.int64) for ts in toks])
    M = np.zeros((len(V), 2 * K))
    for o in (-2, -1, 1, 2):
        b = ids[max(0, o): len(ids) + min(0, o)]
        a = ids[max(0, -o): len(ids) - max(0, o)]
        ok = (a >= 0) & (b >= 0) & (b < K)
        flat = a[ok] * (2 * K) + b[ok] + (0 if o < 0 else K)
        M += np.bincount(flat, minlength=len(V) * 2 * K).reshape(len(V), 2 * K)
    tot = M.sum()
    pr = np.maximum(M.sum(1, keepdims=True), 1)
    pc = np.maximum(M.sum(0, keepdims=True), 1)
    P = np.maximum(np.log(np.maximum(M * tot / (pr * pc ** 0.75 * (pc.sum() ** 0.25)), 1e-12)), 0)
    U, S, _ = randomized_svd(P, n_components=100, random_state=0)
    E = U * np.sqrt(S)
    E /= np.linalg.norm(E, axis=1, keepdims=True) + 1e-9
    labels = {k: MiniBatchKMeans(k, random_state=0, batch_size=4096, n_init=3).fit(E).labels_ for k in (256, 1024)}
    d = {
        "about": "loaded_clusters_v1: distributional word clusters (PPMI of +-2 word windows, 100-d SVD, "
                 "k-means) built by bench/train_loaded.py from the first 20,000 articles by ID of the AllSides "
                 "corpus (Baly et al. 2020) in ../shared. Derived statistics only, no text. License: Apache-2.0 (relscore).",
        "format": "words: newline-joined lower-cased words; cNNN[i]: cluster id of words[i] among NNN clusters",
        "words": "\n".join(V), "c256": labels[256].tolist(), "c1024": labels[1024].tolist(),
    }
    out.write_text(json.dumps(d, separators=(",", ":")), encoding="utf-8")


SUBJECTIVITY_OUT = OUT.with_name("loaded_subjectivity_v1.txt")
_SUBJECTIVITY_HEADER = """\
# loaded_subjectivity_v1 — subjectivity and intensity of English adjectives (and a few other words)
# Source: the English sentiment lexicon of Pattern (De Smedt & Daelemans 2012, 'Pattern for Python',
# JMLR 13: 2063-2067), en-sentiment.xml v1.3 as shipped in TextBlob 0.20.1 (textblob/en/en-sentiment.xml).
# License: PDDL (public domain dedication, stated in the file); derived here without change of values.
# Derived by: python -m bench.train_loaded --build-subjectivity PATH/TO/en-sentiment.xml
# (one line per lower-cased single-word form: the mean over its senses).
# Format: <word>\\t<subjectivity 0..1>\\t<intensity (1.0 neutral, >1 boosting, <1 softening)>
"""


def build_subjectivity(xml_path: Path, out: Path = SUBJECTIVITY_OUT) -> None:
    """features/lexicons/loaded_subjectivity_v1.txt from Pattern's en-sentiment.xml: per
    single-word form, its subjectivity and intensity averaged over its senses."""
    import xml.etree.ElementTree as ET

    senses: dict[str, list[tuple[float, float]]] = {}
    for w in ET.parse(xml_path).getroot().iter("word"):
        form = (w.get("form") or "").lower().strip()
        if form and " " not in form:
            senses.setdefault(form, []).append((float(w.get("subjectivity", 0)), float(w.get("intensity", 1))))
    lines = [f"{f}\t{np.mean([x[0] for x in v]):.2f}\t{np.mean([x[1] for x in v]):.2f}" for f, v in sorted(senses.items())]
    out.write_text(_SUBJECTIVITY_HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--keep-clusters", action="store_true", help="reuse the shipped word clusters (saves ~4 min)")
    ap.add_argument("--jobs", type=int, default=2, help="processes for the cross-validation's fits (default 2)")
    ap.add_argument("--window", type=int, default=max(OFFSETS),
                    help="neighbour window: words at offsets -K..+K feed a token's score (default: the shipped one)")
    ap.add_argument("--lexicon-window", type=int, default=0,
                    help="words at offsets beyond --window up to this one give only their lexicon cues (default: none)")
    ap.add_argument("--min-articles", type=int, default=1,
                    help="a word or stem's identity features need this many training articles (default 1: all kept)")
    ap.add_argument("--probs-file", type=Path,
                    help="an .npz of the nested fits' probabilities: read if it exists (no refits), else written")
    ap.add_argument("--build-subjectivity", type=Path, metavar="XML",
                    help="only rebuild the subjectivity lexicon from Pattern's en-sentiment.xml")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.build_subjectivity:
        build_subjectivity(args.build_subjectivity)
        return
    t0 = time.time()
    if not args.keep_clusters:
        build_clusters(args.shared)
        from features.loaded import word_clusters

        word_clusters.cache_clear()
        log.info("built word clusters in %.0fs", time.time() - t0)
    lex = tuple(o for o in range(-args.lexicon_window, args.lexicon_window + 1) if abs(o) > args.window)
    spec = FitSpec(tuple(o for o in range(-args.window, args.window + 1) if o), lex, args.min_articles)
    arts = prepare(args.shared)
    log.info("prepared %d articles (%d tokens) in %.1fs", len(arts), sum(len(a.words) for a in arts), time.time() - t0)
    cv, oof = None, None
    if not args.no_cv:
        oof = {}
        cv = cross_validate(arts=arts, oof=oof, jobs=args.jobs, spec=spec, probs_file=args.probs_file)
        print(json.dumps(cv, indent=2))
    if args.cv_only:
        return
    model = train_shipped(arts, cv, oof, spec)
    d = model.to_dict()
    assert d["format"] == MODEL_FORMAT
    # keys sorted at every level, as in the JSON form the model had before the .npz
    save_model_file(json.loads(json.dumps(d, sort_keys=True)), args.out)
    log.info("wrote %s (%.0f KB) in %.0fs total", args.out, args.out.stat().st_size / 1024, time.time() - t0)


if __name__ == "__main__":
    main()
