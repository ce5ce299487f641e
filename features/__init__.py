"""relscore feature extractors: how an article is written, with the evidence.

``analyze(text, title=None)`` runs every extractor once and returns the
features, the evidence spans (offsets into ``text``) and the cleaned body;
``ArticleFeatures`` is the same as a scikit-learn transformer.
"""
from .base import Extraction, Span
from .pipeline import FAMILIES, FEATURE_NAMES, Analysis, ArticleFeatures, analyze
from .text import Doc, parse

__all__ = [
    "Analysis", "ArticleFeatures", "Doc", "Extraction", "FAMILIES", "FEATURE_NAMES",
    "Span", "analyze", "parse",
]
