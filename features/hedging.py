"""STUB - to be replaced."""
from __future__ import annotations
from .base import Extraction
from .text import Doc
HEDGING_FEATURES: tuple[str, ...] = ()
def extract_hedging(doc: Doc) -> Extraction:
    return Extraction({}, [])
