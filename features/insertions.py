"""STUB - to be replaced."""
from __future__ import annotations
from .base import Span
from .text import Doc, parse
INSERTION_FEATURES: tuple[str, ...] = ("insertion_count",)
def find_insertions(text: str, title: str | None = None) -> list[Span]:
    return []
def insertion_features(text: str, spans: list[Span]) -> dict[str, float]:
    return {"insertion_count": float(len(spans))}
def clean_doc(text: str, title: str | None = None) -> tuple[Doc, list[Span]]:
    spans = find_insertions(text, title)
    return parse(text, [(s.start, s.end) for s in spans]), spans
