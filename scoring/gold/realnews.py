"""The real-news regression corpus: hand-checked gold spans over articles read from ``../shared``.

The corpus (``tests/regression/realnews/gold.jsonl``) stores ids, offsets and labels only; the
texts come from the shared corpora (``as_``/``hp_``/``fn_`` ids) or the bundled samples
(``sample:<stem>``), and a digest of each text guards the offsets. Scoring follows
``../shared/METRICS.md``: insertion line recall at 50% coverage and character precision (edge
metadata left out); hedged-sentence and hedge-cue P/R/F1; attribution cue and source P/R/F1 by
overlap.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from features.base import Span
from features.insertions import is_edge_label
from features.text import parse

from scoring.model.datasets import load_allsides, load_fakenews, load_hyperpartisan, shared_dir

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"


@dataclass(frozen=True)
class GoldDoc:
    """One annotated article: its text, title, outlet, half (dev/test) and gold spans."""

    id: str
    outlet: str
    split: str
    title: str | None
    text: str
    spans: tuple[Span, ...]
    kinds: frozenset[str] = field(default_factory=frozenset)  # span kinds annotated in full


def text_digest(text: str) -> str:
    """Short digest that pins the text the offsets point into."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def read_texts(ids: Iterable[str], shared: Path | None = None) -> dict[str, tuple[str | None, str]]:
    """``{id: (title, text)}`` for corpus ids (``as_``, ``hp_``, ``fn_``) and ``sample:<stem>`` ids."""
    ids = set(ids)
    out: dict[str, tuple[str | None, str]] = {}
    for i in ids:
        if i.startswith("sample:"):
            title, _, text = (SAMPLES_DIR / f"{i[7:]}.txt").read_text(encoding="utf-8").partition("\n")
            out[i] = (title.strip() or None, text)
    loaders = {"as_": load_allsides, "hp_": load_hyperpartisan, "fn_": load_fakenews}
    for prefix, loader in loaders.items():
        if any(i.startswith(prefix) for i in ids):
            df = loader(shared or shared_dir())
            df = df[df["id"].isin(ids)]
            out.update({r.id: (r.title or None, r.text) for r in df.itertuples()})
    return out


def load_corpus(path: Path, shared: Path | None = None, split: str | None = None) -> list[GoldDoc]:
    """The corpus at ``path`` (JSON Lines), optionally one half; texts checked against their digests."""
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows = [r for r in rows if split is None or r["split"] == split]
    texts = read_texts((r["id"] for r in rows), shared)
    docs = []
    for r in rows:
        if r["id"] not in texts:
            raise ValueError(f"{path}: article {r['id']} not found in the shared corpora")
        title, text = texts[r["id"]]
        if text_digest(text) != r["digest"]:
            raise ValueError(f"{path}: text of {r['id']} differs from the annotated one (digest)")
        spans = tuple(Span(s["start"], s["end"], s["kind"], s.get("label", ""), s.get("voice", "author"))
                      for s in r["spans"])
        docs.append(GoldDoc(r["id"], r["outlet"], r["split"], title, text, spans, frozenset(r["kinds"])))
    return docs


def overlap(a: Span, b: Span) -> int:
    """Characters two spans share; a cue counts as found when this is above zero."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 1.0
    r = tp_gold / n_gold if n_gold else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "n_pred": float(n_pred), "n_gold": float(n_gold)}


def score_overlap(pairs: Sequence[tuple[Sequence[Span], Sequence[Span]]]) -> dict[str, float]:
    """P/R/F1 where a span is right when it overlaps any span of the other side (per article)."""
    tp_pred = n_pred = tp_gold = n_gold = 0
    for pred, gold in pairs:
        n_pred += len(pred)
        n_gold += len(gold)
        tp_pred += sum(any(overlap(p, g) for g in gold) for p in pred)
        tp_gold += sum(any(overlap(p, g) for p in pred) for g in gold)
    return _prf(tp_pred, n_pred, tp_gold, n_gold)


def score_insertions(pairs: Sequence[tuple[Sequence[Span], Sequence[Span]]]) -> dict[str, float]:
    """Line recall (>= 50% of a gold line covered) and character precision; edge labels left out."""
    found = n_gold = pred_chars = tp_chars = 0
    per_label: dict[str, list[int]] = {}
    for pred, gold in pairs:
        pred = [p for p in pred if not is_edge_label(p.label)]
        gold = [g for g in gold if not is_edge_label(g.label)]
        for g in gold:
            hit = sum(overlap(p, g) for p in pred) >= 0.5 * (g.end - g.start)
            found += hit
            n_gold += 1
            per_label.setdefault(g.label, [0, 0])
            per_label[g.label][0] += hit
            per_label[g.label][1] += 1
        for p in pred:
            pred_chars += p.end - p.start
            tp_chars += sum(overlap(p, g) for g in gold)
    out = {"line_recall": found / n_gold if n_gold else 1.0,
           "char_precision": tp_chars / pred_chars if pred_chars else 1.0,
           "n_gold": float(n_gold), "pred_chars": float(pred_chars)}
    out.update({f"recall_{k}": f / n for k, (f, n) in sorted(per_label.items())})
    return out


def score_hedged_sentences(docs: Sequence[GoldDoc], predicted: Mapping[str, Sequence[Span]]) -> dict[str, float]:
    """CoNLL-2010 sentence measure: a sentence is uncertain when a hedge span overlaps it."""
    tp = n_pred = n_gold = 0
    for d in docs:
        gold = [s for s in d.spans if s.kind == "hedge"]
        pred = [s for s in predicted.get(d.id, ()) if s.kind == "hedge"]
        for start, end in parse(d.text).sentences:
            box = Span(start, end, "sentence")
            g = any(overlap(box, s) for s in gold)
            p = any(overlap(box, s) for s in pred)
            tp += g and p
            n_pred += p
            n_gold += g
    return _prf(tp, n_pred, tp, n_gold)


def evaluate(docs: Sequence[GoldDoc], predicted: Mapping[str, Sequence[Span]]) -> dict[str, float]:
    """Every extractor's figures on ``docs`` given the predicted spans per article id."""
    def pairs(kind: str, gold_kind: str | None = None) -> list[tuple[list[Span], list[Span]]]:
        gk = gold_kind or kind
        return [([s for s in predicted.get(d.id, ()) if s.kind == kind], [s for s in d.spans if s.kind == gk])
                for d in docs if gk in d.kinds]

    out: dict[str, float] = {}
    for name, res in (("insertion", score_insertions(pairs("insertion"))),
                      ("hedge_cue", score_overlap(pairs("hedge"))),
                      ("hedge_sentence", score_hedged_sentences([d for d in docs if "hedge" in d.kinds], predicted)),
                      ("attribution_cue", score_overlap(pairs("attribution"))),
                      ("attribution_source", score_overlap(pairs("source")))):
        out.update({f"{name}_{k}": v for k, v in res.items()})
    out["n_docs"] = float(len(docs))
    out["n_outlets"] = float(len({d.outlet for d in docs}))
    return out
