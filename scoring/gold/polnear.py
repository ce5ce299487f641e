"""PolNeAR attribution gold (Source, Cue, Content) and the span scores of METRICS.md:
``attribution`` vs Cue, ``source`` vs Source, ``quote`` vs Content; recall = share of gold
spans overlapped by some predicted span of the kind, precision = share of predicted spans
overlapping some gold span of the role.

Articles are split deterministically by a hash of the file name: about 70% form the dev
part the cue lexicon was tuned on, the rest is reported as pseudo-held-out. Articles
annotated by several annotators use the first annotator's file (sorted by annotator id).
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from features import analyze

ROLES = {"attribution": "Cue", "source": "Source", "quote": "Content"}
DEV_SHARE = 0.7

Frag = tuple[int, int]


@dataclass(slots=True)
class Article:
    name: str
    text: str
    gold: dict[str, list[list[Frag]]] = field(default_factory=dict)


def is_dev(name: str) -> bool:
    """Stable 70/30 split of PolNeAR file names into dev / pseudo-held-out."""
    h = int(hashlib.md5(name.encode("utf-8")).hexdigest()[:8], 16)
    return (h % 1000) < DEV_SHARE * 1000


def read_ann(path: Path) -> dict[str, list[list[Frag]]]:
    """Gold spans by role; a discontinuous brat span is a list of fragments."""
    gold: dict[str, list[list[Frag]]] = {r: [] for r in ROLES.values()}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        role, _, offsets = parts[1].partition(" ")
        if role not in gold:
            continue
        frags = []
        for piece in offsets.split(";"):
            a, b = piece.split()
            frags.append((int(a), int(b)))
        gold[role].append(frags)
    return gold


def load(shared: Path, part: str = "all", limit: int | None = None) -> list[Article]:
    """PolNeAR train articles with gold spans; ``part`` is 'dev', 'heldout' or 'all'."""
    root = Path(shared) / "data" / "gold" / "polnear_train"
    anns: dict[str, Path] = {}
    for p in sorted((root / "attributions").glob("*.ann")):
        name = p.stem.rsplit("_", 1)[0]
        anns.setdefault(name, p)
    out = []
    for name, ann in anns.items():
        if part != "all" and is_dev(name) != (part == "dev"):
            continue
        txt = root / "text" / f"{name}.txt"
        if not txt.exists():
            continue
        out.append(Article(name, txt.read_text(encoding="utf-8"), read_ann(ann)))
        if limit is not None and len(out) >= limit:
            break
    return out


def _hits(spans: list[Frag], gold: list[list[Frag]]) -> tuple[int, int]:
    """(predicted spans overlapping some gold span, gold spans overlapped by some prediction)."""
    flat = sorted((a, b, i) for i, frags in enumerate(gold) for a, b in frags)
    starts = [a for a, _, _ in flat]
    ends_max = []  # running max of fragment ends, for a quick left bound
    m = -1
    for _, b, _ in flat:
        m = max(m, b)
        ends_max.append(m)
    hit_gold: set[int] = set()
    n_pred = 0
    for s, e in spans:
        hi = bisect_left(starts, e)
        lo = bisect_right(ends_max, s)
        found = False
        for a, b, i in flat[lo:hi]:
            if min(e, b) - max(s, a) > 0:
                hit_gold.add(i)
                found = True
        n_pred += found
    return n_pred, len(hit_gold)


def predict(articles: list[Article]) -> list[list]:
    """Spans of each article, through the public pipeline."""
    return [analyze(a.text).spans for a in articles]


def score(
    articles: list[Article], predicted: list[list], quote_labels: tuple[str, ...] = ("direct", "paraphrase"),
    nested: bool = False,
) -> dict[str, float]:
    """Precision / recall / F1 per role over all articles.

    PolNeAR annotates the article's own attributions, not a speaker's reports inside a direct quotation
    (12 of the 12,983 gold cues of the dev part lie inside one): cues and sources in quoted voice are left
    out unless ``nested``."""
    tot = {k: [0, 0, 0, 0] for k in ROLES}  # pred, pred_hit, gold, gold_hit
    for art, spans in zip(articles, predicted):
        for kind, role in ROLES.items():
            pred = [(s.start, s.end) for s in spans if s.kind == kind and (kind != "quote" or s.label in quote_labels)
                    and (nested or kind == "quote" or s.voice != "quoted")]
            ph, gh = _hits(pred, art.gold[role])
            t = tot[kind]
            t[0] += len(pred)
            t[1] += ph
            t[2] += len(art.gold[role])
            t[3] += gh
    out: dict[str, float] = {}
    for kind, (p, ph, g, gh) in tot.items():
        prec = ph / p if p else 0.0
        rec = gh / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[f"{kind}_precision"] = round(prec, 4)
        out[f"{kind}_recall"] = round(rec, 4)
        out[f"{kind}_f1"] = round(f1, 4)
    return out
