"""A second stage for the loaded-language token model, measured by nested CV on saved fits:
each token is rescored by a small logistic model over the first stage's logits of the token
and its neighbours, the sentence's strongest logit, the article's mean logit and the strongest
logit of the same word elsewhere in the article (see ``stack_features``); the spans are then
decoded from the rescored probabilities as the pipeline decodes them.

    python -m bench.train_loaded --keep-clusters --cv-only --probs-file P.npz   # the fits, once
    python -m bench.loaded_stack --probs-file P.npz                             # second stage only

Honest validation: for outer fold f, the second stage is trained on the inner folds'
out-of-fold probabilities (the three-fold fits), its own inner predictions cross-fitted over
the four inner folds, and the decoding is tuned on those; the stage applied to fold f is
trained on all inner tokens. The first stage alone (tuned the same way) is reported beside it.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench.train_loaded import (
    Article, FitSpec, Interval, decode_only_main, intervals, load_probs, outer_folds, span_prf, tune_decode,
)
from features.text import Doc

log = logging.getLogger("loaded_stack")

#: Logit given to positions beyond the text's ends (a probability of about 0.0025).
_EDGE_LOGIT = -6.0
STACK_FEATURES = ("logit", "logit_prev1", "logit_next1", "logit_prev2", "logit_next2", "sentence_max_logit",
                  "article_mean_logit", "same_word_max_logit", "word_recurs")


def stack_features(doc: Doc, words: Sequence[str], probs: np.ndarray) -> np.ndarray:
    """Per token, the second stage's inputs (columns: STACK_FEATURES) from the first stage's
    probabilities ``probs`` of the tokens of ``doc`` (``words``: their strings)."""
    n = len(probs)
    out = np.zeros((n, len(STACK_FEATURES)))
    if n == 0:
        return out
    p = np.clip(probs, 1e-4, 1 - 1e-4)
    z = np.log(p / (1 - p))
    padded = np.concatenate([[_EDGE_LOGIT] * 2, z, [_EDGE_LOGIT] * 2])
    out[:, 0] = z
    out[:, 1], out[:, 2] = padded[1:n + 1], padded[3:n + 3]
    out[:, 3], out[:, 4] = padded[0:n], padded[4:n + 4]
    starts = np.fromiter((s for s, _ in doc.tokens), dtype=np.int64, count=n)
    if doc.sentences:
        sst = np.fromiter((s for s, _ in doc.sentences), dtype=np.int64, count=len(doc.sentences))
        sidx = np.maximum(np.searchsorted(sst, starts, side="right") - 1, 0)
    else:
        sidx = np.zeros(n, dtype=np.int64)
    smax = np.full(int(sidx.max()) + 1, -np.inf)
    np.maximum.at(smax, sidx, z)
    out[:, 5] = smax[sidx]
    out[:, 6] = z.mean()
    lowered = [w.lower() for w in words]
    by_word: dict[str, list[int]] = {}
    for i, w in enumerate(lowered):
        by_word.setdefault(w, []).append(i)
    out[:, 7] = z
    for idx in by_word.values():
        if len(idx) > 1:
            zs = z[idx]
            top2 = np.sort(zs)[-2:]
            # the strongest logit among the word's other occurrences
            out[idx, 7] = np.where(zs == top2[1], top2[0], top2[1])
            out[idx, 8] = 1.0
    return out


def _train(X: Sequence[np.ndarray], y: Sequence[np.ndarray]) -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=2000).fit(np.vstack(X), np.concatenate(y))


def _apply(model: LogisticRegression, X: np.ndarray) -> np.ndarray:
    return model.predict_proba(X)[:, 1] if len(X) else np.zeros(0)


def cross_validate(arts: Sequence[Article], probs_file: Path, spec: FitSpec = FitSpec()) -> dict[str, float]:
    """Per outer fold, F1 of the first stage alone and with the second stage (every choice on inner folds)."""
    out: dict[str, float] = {}
    base_all: list[list[Interval]] = [[] for _ in arts]
    stack_all: list[list[Interval]] = [[] for _ in arts]
    for f, ids, inner_ids, inner_p, groups, outer_p in outer_folds(arts, load_probs(probs_file, spec)[1.0]):
        inner_arts = [arts[i] for i in inner_ids]
        inner_X = [stack_features(a.doc, a.words, p) for a, p in zip(inner_arts, inner_p)]
        inner_q: list[np.ndarray] = [np.zeros(0)] * len(inner_ids)
        for g in np.unique(groups).tolist():
            tr = np.flatnonzero(groups != g).tolist()
            m = _train([inner_X[k] for k in tr], [inner_arts[k].y for k in tr])
            for k in np.flatnonzero(groups == g).tolist():
                inner_q[k] = _apply(m, inner_X[k])
        dec, inner_base = tune_decode(inner_arts, inner_p)
        sdec, inner_stack = tune_decode(inner_arts, inner_q)
        model = _train(inner_X, [a.y for a in inner_arts])
        for i, p in outer_p.items():
            base_all[i] = intervals(arts[i], p, dec)
            stack_all[i] = intervals(arts[i], _apply(model, stack_features(arts[i].doc, arts[i].words, p)), sdec)
        gold = [arts[i].gold for i in ids]
        b = span_prf([base_all[i] for i in ids], gold)
        s = span_prf([stack_all[i] for i in ids], gold)
        out[f"fold{f}_base_f1"], out[f"fold{f}_stacked_f1"] = b["f1"], s["f1"]
        out[f"fold{f}_inner_base_f1"], out[f"fold{f}_inner_stacked_f1"] = inner_base, inner_stack
        log.info("fold %d: weights %s; decode %s -> %s; inner F1 %.4f -> %.4f; outer F1 %.4f -> %.4f "
                 "(P %.3f -> %.3f, R %.3f -> %.3f)", f,
                 dict(zip(STACK_FEATURES, np.round(model.coef_.ravel(), 3).tolist())), dec, sdec,
                 inner_base, inner_stack, b["f1"], s["f1"], b["precision"], s["precision"], b["recall"], s["recall"])
    for name, preds in (("base", base_all), ("stacked", stack_all)):
        out.update({f"{name}_{k}": v for k, v in span_prf(preds, [a.gold for a in arts]).items()})
    return out


if __name__ == "__main__":
    decode_only_main(__doc__, cross_validate)
