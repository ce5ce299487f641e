"""STUB - to be replaced."""
from __future__ import annotations
from .base import Extraction
from .text import Doc
STYLE_FEATURES: tuple[str, ...] = ()
def extract_style(doc: Doc, title: str | None = None) -> Extraction:
    return Extraction({}, [])
