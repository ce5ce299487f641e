"""Loaded-language gold from the SemEval-2020 Task 11 corpus (PTC) and its scores (METRICS.md).

Span precision/recall/F1 with partial overlap against the Loaded_Language gold spans
(stripped of trailing whitespace), over all articles, and the Spearman correlation across
articles of predicted vs gold loaded spans per word.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from scipy.stats import spearmanr

PTC = Path("data") / "gold" / "ptc_train"
TECHNIQUE = "Loaded_Language"

Interval = tuple[int, int]


def load_ptc(shared: Path, limit: int | None = None) -> list[tuple[str, str, list[Interval]]]:
    """(article id, text, gold Loaded_Language spans) for every PTC article, by id."""
    root = Path(shared) / PTC
    gold: dict[str, list[Interval]] = {}
    with open(root / "train-task2-TC.labels", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4 and parts[1] == TECHNIQUE:
                gold.setdefault(parts[0], []).append((int(parts[2]), int(parts[3])))
    out = []
    for path in sorted((root / "articles").glob("article*.txt")):
        aid = path.stem[len("article"):]
        text = path.read_text(encoding="utf-8")
        spans = []
        for s, e in gold.get(aid, []):
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
        out.append((aid, text, sorted(spans)))
    return out[:limit] if limit else out


def _overlap(a: Interval, b: Interval) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def span_prf(pred: Sequence[Sequence[Interval]], gold: Sequence[Sequence[Interval]]) -> dict[str, float]:
    """SemEval-2020 Task 11 span P/R/F1 with partial credit, over all articles."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for S, T in zip(pred, gold):
        n_pred += len(S)
        n_gold += len(T)
        for s in S:
            ls = s[1] - s[0]
            if ls > 0:
                p_sum += sum(_overlap(s, t) for t in T) / ls
        for t in T:
            lt = t[1] - t[0]
            if lt > 0:
                r_sum += sum(_overlap(s, t) for s in S) / lt
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "n_pred": float(n_pred), "n_gold": float(n_gold)}


def rate_spearman(pred: Sequence[Sequence[Interval]], gold: Sequence[Sequence[Interval]], n_words: Iterable[int]) -> float:
    """Spearman rho across articles of predicted vs gold spans per word."""
    n = np.maximum(np.asarray(list(n_words), dtype=float), 1.0)
    a = np.array([len(s) for s in pred]) / n
    b = np.array([len(t) for t in gold]) / n
    if len(a) < 3 or a.std() == 0 or b.std() == 0:
        return 0.0
    return float(spearmanr(a, b).statistic)


def score(pred: Sequence[Sequence[Interval]], gold: Sequence[Sequence[Interval]], n_words: Iterable[int], prefix: str) -> dict[str, float]:
    """Span P/R/F1 and the per-word rate correlation, keyed ``<prefix>_<metric>``."""
    m = span_prf(pred, gold)
    out = {f"{prefix}_{k}": v for k, v in m.items()}
    out[f"{prefix}_spearman_per_word"] = rate_spearman(pred, gold, n_words)
    return out
