"""Decoding variants for loaded-language spans, measured by nested CV on saved fits: how the
token probabilities become spans, with every setting chosen on the inner folds' out-of-fold
probabilities and the outer fold scored once.

    python -m bench.train_loaded --keep-clusters --cv-only --jobs 1 --probs-file P.npz  # the fits, once
    python -m bench.loaded_decode --probs-file P.npz [--variants base force_min ...]    # decode only

Variants (each adds settings to the shipped decoding grid of ``tune_decode``; "base" adds none
and reproduces the shipped CV to the last digit, a check that the same fits are read):
- prior, no_marks, no_drop: the shipped decoding without its quotation-mark gaps and without dropping
  runs of function words only (``features.loaded_spans.decode_spans``'s ``marks`` and
  ``drop_function``), or without one of them;
- force_min: a charged-lexicon word seeds a span only at or above a minimum probability;
- asym: separate extension thresholds to the left and to the right of a seed;
- trim: function words trimmed off the right edge only, or a leading determiner kept;
- phrase: a span ending on an adjective-like word takes the lower-case content word after it;
- minlen: spans shorter than 2 or 3 tokens take their more probable neighbours (a length prior);
- lowratio: extension thresholds below the grid's lowest (0.05-0.15 of the seed threshold);
- tolerance0: the best inner F1 wins, not the most precise decoding within F1_TOLERANCE;
- calib: each article's seed threshold set so that it seeds as many tokens as the training
  folds' gold spans per token times a factor (span-count calibration).
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from bench.train_loaded import (
    F1_TOLERANCE, SHARED, T_HI_GRID, T_LO_RATIO, Article, FitSpec, Interval, load_probs, outer_folds, prepare,
    span_prf,
)
from features.loaded_spans import _joinable, voice_zones

log = logging.getLogger("loaded_decode")

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "such"})
#: Endings of adjective-like words for the "phrase" variant (no tagger ships with relscore).
MODIFIER_ENDINGS = ("ous", "ful", "ive", "ic", "al", "ible", "able", "ing", "ed", "less", "ly", "ish", "ant", "ent",
                    "ary")


def runs(a: Article, p: np.ndarray, dec: dict[str, Any], zones: np.ndarray) -> list[tuple[int, int]]:
    """Token runs (first, last + 1) of one article under ``dec``: the shipped decoder
    (features.loaded_spans.decode_spans) with the variants' extra settings."""
    n = len(p)
    if n == 0:
        return []
    t_hi, t_lo = dec["t_hi"], dec["t_lo"]
    if "calib_factor" in dec:
        k = min(n, max(1, int(round(dec["calib_factor"] * dec["rate"] * n))))
        t_hi = max(float(np.sort(p)[-k]), dec["calib_floor"])
        t_lo = t_hi * dec["calib_ratio"]
    forced = a.forced & ~a.noise
    seed = ((p >= t_hi) | (forced & (p >= dec.get("force_min", 0.0)))) & ~a.noise
    ext_left = ((p >= dec.get("t_lo_left", t_lo)) | seed) & ~a.noise
    ext_right = ((p >= dec.get("t_lo_right", t_lo)) | seed) & ~a.noise
    join = np.ones(n, dtype=bool)
    join[1:] = zones[1:] == zones[:-1]
    text, toks = a.doc.text, a.doc.tokens

    marks = dec.get("marks", True)

    def joins(i: int, gap: int = 3) -> bool:  # token i may share a span with token i - 1
        return bool(join[i]) and _joinable(text, toks[i - 1][1], toks[i][0], gap, marks)

    out: list[tuple[int, int]] = []
    taken = -1
    for k in np.flatnonzero(seed).tolist():
        if k < taken:
            continue
        s, e = k, k + 1
        while s > 0 and ext_left[s - 1] and joins(s):
            s -= 1
        while e < n and ext_right[e] and joins(e):
            e += 1
        if out and s <= out[-1][1] - 1:
            s = out.pop()[0]
        out.append((s, e))
        taken = e
    mode = dec.get("trim_mode", "both" if dec["trim"] else "none")
    out = [_trim(a, s, e, mode) for s, e in out]
    if mode != "none" and dec.get("drop_function", True):
        out = [(s, e) for s, e in out if not (a.function & ~a.forced)[s:e].all()]
    if dec.get("minlen", 1) > 1:
        out = [_lengthen(a, p, s, e, dec["minlen"], dec.get("minlen_content", False), joins) for s, e in out]
    if dec.get("phrase"):
        out = [_phrase(a, s, e, joins) for s, e in out]
    return out


def _trim(a: Article, s: int, e: int, mode: str) -> tuple[int, int]:
    keep = a.function & ~a.forced
    if mode in ("both", "keep_determiner"):
        while e - s > 1 and keep[s] and not (mode == "keep_determiner" and a.words[s].lower() in DETERMINERS):
            s += 1
    if mode != "none":
        while e - s > 1 and keep[e - 1]:
            e -= 1
    return s, e


def _lengthen(a: Article, p: np.ndarray, s: int, e: int, minlen: int, content: bool,
              joins: Callable[[int], bool]) -> tuple[int, int]:
    """Grow a short run by its more probable joinable neighbour until ``minlen`` tokens."""
    while e - s < minlen:
        cands = []
        if s > 0 and not a.noise[s - 1] and joins(s) and not (content and a.function[s - 1]):
            cands.append((float(p[s - 1]), s - 1, e))
        if e < len(p) and not a.noise[e] and joins(e) and not (content and a.function[e]):
            cands.append((float(p[e]), s, e + 1))
        if not cands:
            break
        _, s, e = max(cands)
    return s, e


def _phrase(a: Article, s: int, e: int, joins: Callable[..., bool]) -> tuple[int, int]:
    """A run ending on an adjective-like word takes the lower-case content word after it."""
    if e < len(a.words) and not a.function[e] and not a.noise[e] and joins(e, 1) \
            and a.words[e - 1].lower().endswith(MODIFIER_ENDINGS) and a.words[e][:1].islower():
        e += 1
    return s, e


def intervals(a: Article, p: np.ndarray, dec: dict[str, Any], zones: np.ndarray) -> list[Interval]:
    """Character spans as bench.train_loaded.intervals gives them (scare quotes replacing spans inside)."""
    toks = a.doc.tokens
    out = [(toks[s][0], toks[e - 1][1]) for s, e in runs(a, p, dec, zones)]
    if a.scare:
        out = [x for x in out if not any(s <= x[0] and x[1] <= e for s, e in a.scare)] + a.scare
    return sorted(set(out))


def _with(extra: Callable[[dict[str, Any]], list[dict[str, Any]]]) -> Callable[[float], list[dict[str, Any]]]:
    """The shipped grid, each decoding also with each of ``extra``'s additions."""
    def grid(rate: float) -> list[dict[str, Any]]:
        out = []
        for trim, t_hi, ratio in itertools.product((True, False), T_HI_GRID, T_LO_RATIO):
            b = {"t_hi": float(t_hi), "t_lo": round(float(t_hi * ratio), 3), "trim": trim}
            out += [{**b, **x} for x in [{}] + extra(b)]
        return out
    return grid


def _lowest_ratio(b: dict[str, Any]) -> bool:
    return b["t_lo"] == round(b["t_hi"] * min(T_LO_RATIO), 3)


def _calib_grid(rate: float) -> list[dict[str, Any]]:
    return [{"t_hi": 1.0, "t_lo": 1.0, "trim": trim, "rate": rate, "calib_factor": f, "calib_ratio": r,
             "calib_floor": fl}
            for trim, f, r, fl in itertools.product((True, False), (0.5, 0.75, 1.0, 1.5, 2.0), T_LO_RATIO,
                                                    (0.05, 0.1, 0.15))]


def _each(extra: dict[str, Any]) -> Callable[[float], list[dict[str, Any]]]:
    """The shipped grid with ``extra`` in every decoding (a fixed change, not a tuned one)."""
    return lambda rate: [{**d, **extra} for d in _with(lambda b: [])(rate)]


VARIANTS: dict[str, Callable[[float], list[dict[str, Any]]]] = {
    "base": _with(lambda b: []),
    "prior": _each({"marks": False, "drop_function": False}),
    "no_marks": _each({"marks": False}),
    "no_drop": _each({"drop_function": False}),
    "force_min": _with(lambda b: [{"force_min": m} for m in (0.05, 0.1, 0.2)]),
    "asym": _with(lambda b: [{"t_lo_left": round(b["t_hi"] * rl, 3), "t_lo_right": round(b["t_hi"] * rr, 3)}
                             for rl in T_LO_RATIO for rr in T_LO_RATIO if rl != rr] if _lowest_ratio(b) else []),
    "trim": _with(lambda b: [{"trim_mode": "right"}, {"trim_mode": "keep_determiner"}] if b["trim"] else []),
    "phrase": _with(lambda b: [{"phrase": True}]),
    "minlen": _with(lambda b: [{"minlen": k, "minlen_content": c} for k in (2, 3) for c in (False, True)]),
    "lowratio": _with(lambda b: [{"t_lo": round(b["t_hi"] * r, 3)} for r in (0.05, 0.1, 0.15)]
                      if _lowest_ratio(b) else []),
    "tolerance0": _with(lambda b: []),
    "calib": _calib_grid,
}


def tune(arts: Sequence[Article], probs: Sequence[np.ndarray], zones: Sequence[np.ndarray],
         grid: Sequence[dict[str, Any]], tolerance: float = F1_TOLERANCE) -> tuple[dict[str, Any], float]:
    """The most precise decoding of ``grid`` within ``tolerance`` of the best span F1 (as tune_decode)."""
    gold = [a.gold for a in arts]
    scored = []
    for dec in grid:
        m = span_prf([intervals(a, p, dec, z) for a, p, z in zip(arts, probs, zones)], gold)
        scored.append((m["f1"], m["precision"], dec))
    best = max(f for f, _, _ in scored)
    f, _, dec = max((x for x in scored if x[0] >= best - tolerance), key=lambda x: x[1])
    return dec, f


def cross_validate(arts: Sequence[Article], probs_file: Path, variants: Sequence[str],
                   spec: FitSpec = FitSpec()) -> dict[str, float]:
    """Per variant and outer fold, the outer F1 with every decoding setting chosen on the inner folds."""
    probs = load_probs(probs_file, spec)[1.0]
    zones = [voice_zones(a.doc) for a in arts]
    out: dict[str, float] = {}
    for name in variants:
        preds: list[list[Interval]] = [[] for _ in arts]
        for f, ids, inner_ids, inner_p, _, outer_p in outer_folds(arts, probs):
            inner = [arts[i] for i in inner_ids]
            rate = sum(len(a.gold) for a in inner) / sum(len(a.words) for a in inner)
            dec, inner_f = tune(inner, inner_p, [zones[i] for i in inner_ids], VARIANTS[name](rate),
                                0.0 if name == "tolerance0" else F1_TOLERANCE)
            for i in ids:
                preds[i] = intervals(arts[i], outer_p[i], dec, zones[i])
            m = span_prf([preds[i] for i in ids], [arts[i].gold for i in ids])
            out[f"{name}_fold{f}_f1"] = m["f1"]
            log.info("%s fold %d: decode=%s inner F1 %.4f outer F1 %.4f P %.3f R %.3f", name, f, dec, inner_f,
                     m["f1"], m["precision"], m["recall"])
        m = span_prf(preds, [a.gold for a in arts])
        out.update({f"{name}_{k}": v for k, v in m.items()})
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--probs-file", type=Path, required=True, help="the nested fits of bench.train_loaded")
    ap.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    print(json.dumps(cross_validate(prepare(args.shared), args.probs_file, args.variants), indent=2))
