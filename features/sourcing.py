"""STUB - to be replaced."""
from __future__ import annotations
from .base import Extraction
from .text import Doc
SOURCING_FEATURES: tuple[str, ...] = ()
def extract_sourcing(doc: Doc) -> Extraction:
    return Extraction({}, [])
