"""Hedge gold from the Szeged Uncertainty Corpus (Wikipedia part) and its scores.

Each gold document (title line, then its sentences joined into one paragraph) goes through
``features.analyze``; the ``hedge`` spans are mapped back to the gold sentences and cues by
character overlap. Metrics follow METRICS.md:

- sentence level (CoNLL-2010): a sentence is predicted uncertain when any hedge span overlaps
  it; gold uncertain = the sentence holds a ``<ccue>``;
- cue level: recall = share of gold cues overlapped by a predicted hedge span, precision =
  share of predicted hedge spans overlapping a gold cue.

The lexicon was tuned on the first ``DEV_SHARE`` of documents ("dev"); the rest ("heldout")
is only looked at for the reported numbers.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from features import analyze

GOLD = Path("data/gold/szeged_wiki/wiki.xml")
DEV_SHARE = 0.7


@dataclass(slots=True)
class GoldDoc:
    """One gold document as the text fed to the pipeline, with gold offsets into it."""

    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    cues: list[list[tuple[int, int]]] = field(default_factory=list)  # per sentence


def load_szeged(path: Path) -> list[GoldDoc]:
    """Documents of the Szeged Wikipedia XML: title on the first line, body sentences
    joined by spaces on the second; cue offsets point into that text."""
    docs = []
    for d in ET.parse(path).getroot().iter("Document"):
        doc = GoldDoc("")
        for part in d.findall("DocumentPart"):
            for k, sent in enumerate(part.findall("Sentence")):
                if doc.text:
                    doc.text += "\n" if part.get("type") == "Text" and k == 0 else " "
                start, cues = len(doc.text), []
                doc.text += sent.text or ""
                for cue in sent:
                    a = len(doc.text)
                    doc.text += cue.text or ""
                    if len(doc.text) > a:
                        cues.append((a, len(doc.text)))
                    doc.text += cue.tail or ""
                doc.sentences.append((start, len(doc.text)))
                doc.cues.append(cues)
        docs.append(doc)
    return docs


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def predict(docs: list[GoldDoc]) -> list[list[tuple[int, int, str]]]:
    """Hedge spans (start, end, label) per document, through the public pipeline."""
    return [[(s.start, s.end, s.label) for s in analyze(d.text).spans if s.kind == "hedge"] for d in docs]


def score(docs: list[GoldDoc], predicted: list[list[tuple[int, int, str]]]) -> dict[str, float]:
    """Sentence- and cue-level precision, recall and F1 over ``docs``."""
    s_tp = s_pred = s_gold = 0
    c_pred = c_pred_hit = c_gold = c_gold_hit = 0
    for doc, pred_spans in zip(docs, predicted):
        spans = [(a, b) for a, b, _ in pred_spans]
        gold_cues = [c for cues in doc.cues for c in cues]
        for sent, cues in zip(doc.sentences, doc.cues):
            pred = any(_overlaps(sp, sent) for sp in spans)
            s_pred += pred
            s_gold += bool(cues)
            s_tp += pred and bool(cues)
        c_pred += len(spans)
        c_pred_hit += sum(any(_overlaps(sp, c) for c in gold_cues) for sp in spans)
        c_gold += len(gold_cues)
        c_gold_hit += sum(any(_overlaps(sp, c) for sp in spans) for c in gold_cues)
    sp, sr, sf = _prf(s_tp, s_pred, s_tp, s_gold)
    cp, cr, cf = _prf(c_pred_hit, c_pred, c_gold_hit, c_gold)
    return {
        "sentence_precision": sp, "sentence_recall": sr, "sentence_f1": sf,
        "cue_precision": cp, "cue_recall": cr, "cue_f1": cf,
        "sentences": float(sum(len(d.sentences) for d in docs)), "gold_uncertain_sentences": float(s_gold),
    }
