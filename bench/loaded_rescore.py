"""A second stage for loaded-language spans, measured by nested CV on saved fits: each span
the token decoder proposes is scored by span-level evidence (its strongest and mean token
probability, length, the probabilities just outside it, lexicon hits, quotation and sentence
position) and kept above a cut.

    python -m bench.train_loaded --keep-clusters --cv-only --probs-file P.npz   # the fits, once
    python -m bench.loaded_rescore --probs-file P.npz                           # decode only

Honest validation: for outer fold f, the token decoding, whether to rescore, the candidate
decoding and the cut are chosen on the inner folds' out-of-fold probabilities, the rescorer's
own predictions there cross-fitted over the four inner folds; the rescorer applied to fold f is
trained on all inner candidates. The baseline (no rescoring) is reported beside it, per fold.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench.train_loaded import (
    T_HI_GRID, Article, FitSpec, Interval, decode_only_main, intervals, load_probs, outer_folds, span_prf,
    tune_decode,
)
from features.loaded import DENSE_FEATURES, decode_runs, valence

log = logging.getLogger("loaded_rescore")

#: Cuts on the rescorer's probability (no rescoring is the plain decoding, not a cut of 0:
#: a looser decoding kept whole is a decoding choice, made by tune_decode).
CUTS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
#: A candidate counts as right when at least this share of its characters lies in gold.
RIGHT_SHARE = 0.5
_COL = {n: i for i, n in enumerate(DENSE_FEATURES)}

Candidate = tuple[int, int, np.ndarray, bool]  # start char, end char, features, forced


def _span_rows(a: Article, p: np.ndarray, dec: dict[str, Any]) -> list[Candidate]:
    """The decoder's runs of one article with their span-level features."""
    runs = decode_runs(a.doc, p, dec, a.forced, a.function, a.noise)
    toks, n = a.doc.tokens, len(p)
    out = []
    for s, e, _ in runs:
        q = p[s:e]
        length = e - s
        words = a.words[s:e]
        feats = np.array([
            q.max(), q.mean(), p[s - 1] if s > 0 else 0.0, p[e] if e < n else 0.0,
            length == 1, length == 2, 3 <= length <= 4, length >= 5, np.log(length),
            float(a.forced[s:e].any()),
            float(any(valence(w.lower()) is not None for w in words)),
            float(np.mean([w[:1].isupper() for w in words])),
            a.pos[s, _COL["in_direct_quote"]], a.pos[s, _COL["in_paraphrase"]],
            a.pos[s, _COL["sentence_first"]], a.pos[s, _COL["sentence_mean_abs_valence"]],
        ], dtype=float)
        out.append((toks[s][0], toks[e - 1][1], feats, bool(a.forced[s:e].any())))
    return out


def _right(c: Candidate, gold: Sequence[Interval]) -> bool:
    inside = sum(max(0, min(c[1], g[1]) - max(c[0], g[0])) for g in gold)
    return inside >= RIGHT_SHARE * (c[1] - c[0])


def _train(cands: Sequence[Sequence[Candidate]], golds: Sequence[Sequence[Interval]]) -> LogisticRegression | None:
    X = [c[2] for cs in cands for c in cs]
    y = [_right(c, g) for cs, g in zip(cands, golds) for c in cs]
    if len(set(y)) < 2:
        return None
    return LogisticRegression(C=1.0, max_iter=1000).fit(np.array(X), np.array(y))


def _kept(a: Article, cs: Sequence[Candidate], scores: np.ndarray, cut: float) -> list[Interval]:
    """The candidates at or above ``cut`` (charged-lexicon words always), scare quotes as the pipeline adds them."""
    out = [(c[0], c[1]) for c, s in zip(cs, scores) if c[3] or s >= cut]
    if a.scare:
        out = [x for x in out if not any(s <= x[0] and x[1] <= e for s, e in a.scare)] + a.scare
    return sorted(out)


def _score(model: LogisticRegression | None, cs: Sequence[Candidate]) -> np.ndarray:
    if model is None or not cs:
        return np.ones(len(cs))
    return model.predict_proba(np.array([c[2] for c in cs]))[:, 1]


def _looser(dec: dict[str, Any]) -> dict[str, Any]:
    """The decoding one step down the t_hi grid (same extension ratio)."""
    lower = [t for t in T_HI_GRID if t < dec["t_hi"]]
    if not lower:
        return dec
    t = max(lower)
    return {**dec, "t_hi": t, "t_lo": round(dec["t_lo"] * t / dec["t_hi"], 3)}


def choose(arts: Sequence[Article], probs: Sequence[np.ndarray], groups: np.ndarray,
           dec: dict[str, Any]) -> tuple[dict[str, Any], float, float, float]:
    """(candidate decoding, cut, cross-fitted F1, F1 without rescoring) on inner articles;
    cut 0 when no rescoring beats the plain decoding ``dec``."""
    gold = [a.gold for a in arts]
    plain = span_prf([intervals(a, p, dec) for a, p in zip(arts, probs)], gold)["f1"]
    best = (dec, 0.0, plain)
    for cand_dec in (dec, _looser(dec)):
        cands = [_span_rows(a, p, cand_dec) for a, p in zip(arts, probs)]
        scores: list[np.ndarray] = [np.zeros(0)] * len(arts)
        for g in np.unique(groups).tolist():
            tr = [i for i in range(len(arts)) if groups[i] != g]
            model = _train([cands[i] for i in tr], [gold[i] for i in tr])
            for i in np.flatnonzero(groups == g).tolist():
                scores[i] = _score(model, cands[i])
        for cut in CUTS:
            f = span_prf([_kept(a, c, s, cut) for a, c, s in zip(arts, cands, scores)], gold)["f1"]
            if f > best[2]:
                best = (cand_dec, cut, f)
    return best[0], best[1], best[2], plain


def cross_validate(arts: Sequence[Article], probs_file: Path, spec: FitSpec = FitSpec()) -> dict[str, float]:
    """Per outer fold, F1 without and with the rescoring stage (every choice on inner folds)."""
    out: dict[str, float] = {}
    base_all: list[list[Interval]] = [[] for _ in arts]
    resc_all: list[list[Interval]] = [[] for _ in arts]
    for f, ids, inner_ids, inner_p, inner_groups, outer_p in outer_folds(arts, load_probs(probs_file, spec)[1.0]):
        inner_arts = [arts[i] for i in inner_ids]
        dec, _ = tune_decode(inner_arts, inner_p)
        cand_dec, cut, inner_f, inner_plain = choose(inner_arts, inner_p, inner_groups, dec)
        cands = [_span_rows(a, p, cand_dec) for a, p in zip(inner_arts, inner_p)]
        model = _train(cands, [a.gold for a in inner_arts]) if cut > 0 else None
        for i, p in outer_p.items():
            base_all[i] = intervals(arts[i], p, dec)
            cs = _span_rows(arts[i], p, cand_dec)
            resc_all[i] = _kept(arts[i], cs, _score(model, cs), cut) if cut > 0 else base_all[i]
        g = [arts[i].gold for i in ids]
        b = span_prf([base_all[i] for i in ids], g)
        r = span_prf([resc_all[i] for i in ids], g)
        out[f"fold{f}_base_f1"], out[f"fold{f}_rescored_f1"] = b["f1"], r["f1"]
        log.info("fold %d: decode=%s candidates t_hi=%s cut=%g inner F1 %.4f -> %.4f; outer F1 %.4f -> %.4f "
                 "(P %.3f -> %.3f, R %.3f -> %.3f)", f, dec, cand_dec["t_hi"], cut, inner_plain, inner_f,
                 b["f1"], r["f1"], b["precision"], r["precision"], b["recall"], r["recall"])
    gold = [a.gold for a in arts]
    for name, preds in (("base", base_all), ("rescored", resc_all)):
        m = span_prf(preds, gold)
        out.update({f"{name}_{k}": v for k, v in m.items()})
    return out


if __name__ == "__main__":
    decode_only_main(__doc__, cross_validate)
