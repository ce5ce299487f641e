"""STUB - to be replaced."""
from __future__ import annotations
from .base import Extraction
from .text import Doc
LOADED_FEATURES: tuple[str, ...] = ()
def extract_loaded(doc: Doc) -> Extraction:
    return Extraction({}, [])
