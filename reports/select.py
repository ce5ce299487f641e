"""Which articles get their own page (``--articles all|flagged|N``)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .prepare import Corpus

#: Cap on flagged articles (insertions, extreme scores) before the per-outlet picks.
FLAG_CAP = 300
#: Most and least reliable articles per outlet given pages (and listed on outlet pages).
PER_OUTLET = 3
#: Share of the corpus counted as extreme at each end of a score.
EXTREME_SHARE = 0.01
#: Scores whose extremes flag an article (a strong lean is a side, not a fault to look into).
FLAG_SCORES = ("reliability", "bias")
#: The selection note when no texts were given.
NO_TEXTS = "none: article pages need the texts and their evidence spans (relscore report --spans --texts)"


@dataclass
class Selection:
    rows: list[int]  # row positions in corpus.df, in priority order
    reasons: dict[int, list[str]] = field(default_factory=dict)
    note: str = ""


def parse_articles(value: str | int) -> str | int:
    """'all', 'flagged' or a non-negative integer; anything else is an error naming the choices."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"articles must be 'all', 'flagged' or a count >= 0, got {value}")
        return int(value)
    v = str(value).strip().lower()
    if v in ("all", "flagged"):
        return v
    if v.isdigit():
        return int(v)
    raise ValueError(f"articles must be 'all', 'flagged' or a count >= 0, got {value!r}")


def outlet_extremes(corpus: Corpus, k: int = PER_OUTLET) -> dict[str, tuple[list[int], list[int]]]:
    """Per outlet, row positions of its k most and k least reliable articles
    (when not scored: its first k articles by date, as 'most' and none as 'least')."""
    df = corpus.df
    out: dict[str, tuple[list[int], list[int]]] = {}
    if "reliability" in corpus.scores:
        d = df[["_outlet", "reliability"]].dropna()
        d = d.assign(_pos=d.index).sort_values(["reliability", "_pos"], kind="stable")
        for outlet, g in d.groupby("_outlet", sort=False):
            pos = g["_pos"].tolist()
            top = pos[::-1][:k]
            bottom = [p for p in pos[:k] if p not in top]
            out[outlet] = (top, bottom)
    else:
        d = df[["_outlet", "_date"]].assign(_pos=df.index).sort_values(["_date", "_pos"], kind="stable")
        for outlet, g in d.groupby("_outlet", sort=False):
            out[outlet] = (g["_pos"].tolist()[:k], [])
    return out


def _flagged(corpus: Corpus) -> tuple[list[int], dict[int, list[str]]]:
    """Articles worth a look, most notable first: insertions, then extreme scores."""
    df = corpus.df
    reasons: dict[int, list[str]] = {}
    ins = corpus.n_ins[corpus.n_ins > 0].sort_values(ascending=False, kind="stable")
    for i in ins.index:
        reasons.setdefault(int(i), []).append(f"{int(corpus.n_ins[i])} insertion(s)")
    extreme: list[tuple[float, int]] = []
    for s in (s for s in corpus.scores if s in FLAG_SCORES):
        v = df[s].dropna()
        if len(v) * EXTREME_SHARE < 1:  # fewer articles than make one extreme: the min and max are not extreme
            continue
        lo, hi = v.quantile([EXTREME_SHARE, 1 - EXTREME_SHARE])
        med = v.median()
        for i, x in v[(v <= lo) | (v >= hi)].items():
            reasons.setdefault(int(i), []).append(f"extreme {s} ({x:.0f})")
            extreme.append((abs(x - med), int(i)))
    extreme.sort(key=lambda t: -t[0])
    # Alternate insertion and extreme-score articles so the cap keeps some of both.
    order: list[int] = []
    seen: set[int] = set()
    a, b = [int(i) for i in ins.index], [i for _, i in extreme]
    for pair in zip(a + [None] * max(0, len(b) - len(a)), b + [None] * max(0, len(a) - len(b))):
        for i in pair:
            if i is not None and i not in seen:
                seen.add(i)
                order.append(i)
    return order, reasons


def select(corpus: Corpus, articles: str | int) -> Selection:
    """Row positions that get an article page, and why each was chosen."""
    mode = parse_articles(articles)
    n = len(corpus.df)
    if mode == "all":
        return Selection(list(range(n)), {}, f"all {n} articles")
    if mode == "flagged" and n <= FLAG_CAP:
        # A corpus this small makes a small site anyway: every article gets its page.
        _, reasons = _flagged(corpus)
        return Selection(list(range(n)), reasons, f"all {n} articles (a corpus of at most {FLAG_CAP} is shown whole)")
    flagged, reasons = _flagged(corpus)
    per_outlet: list[int] = []
    for outlet, (top, bottom) in outlet_extremes(corpus).items():
        scored = "reliability" in corpus.scores
        for i in top:
            reasons.setdefault(i, []).append("most reliable in outlet" if scored else "first in outlet")
            per_outlet.append(i)
        for i in bottom:
            reasons.setdefault(i, []).append("least reliable in outlet")
            per_outlet.append(i)
    if mode == "flagged":
        rows = list(dict.fromkeys(flagged[:FLAG_CAP] + per_outlet))
        note = (f"flagged: up to {FLAG_CAP} articles with off-topic insertions or extreme scores "
                f"(top/bottom {EXTREME_SHARE:.0%}), plus the {PER_OUTLET} most and least reliable of each outlet")
        return Selection(rows, reasons, note)
    rows = list(dict.fromkeys(flagged + per_outlet + list(range(n))))[:mode]
    return Selection(rows, reasons, f"the first {mode} articles by priority (insertions, extreme scores, per-outlet extremes, then the rest)")
