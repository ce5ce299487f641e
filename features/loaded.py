"""Loaded language: emotive, judgmental and intensifying wording, with evidence.

A token-level logistic model (trained on the Loaded_Language spans of the
SemEval-2020 Task 11 propaganda corpus by ``bench/train_loaded.py``) scores every
word from lexical features of the word and its neighbours: the word, a crude
stem, suffixes, VADER valence, distributional word clusters (built from
AllSides news so unseen words used like annotated ones still score), membership
in the Recasens et al. (2013) bias lexicon and in relscore's charged-word and
intensifier lists, the subjectivity and intensity of adjectives in Pattern's lexicon
(De Smedt & Daelemans 2012; an -ly adverb reads its adjective's), word bigrams, plus where the word sits (quotes, exclamations,
place in the sentence) and how opinionated the whole article reads. Words of the
charged lexicon always count, including the writer's distancing words
("so-called", "self-styled"). Consecutive words above a threshold become one
span, with function words trimmed off its edges (a run of function words only is
no span); a span never joins words of two voices (a quotation and the writer's
text around it, nor words either side of a single quotation mark the quotation
finder missed), and a misspelt word never starts or widens one. Short quoted phrases with no speaker nearby are
counted as a rate (scare_quotes_per_100_words), but only the narrow case that is
plainly the writer's own (one word in single marks heading a noun phrase: "the
2018 ‘treaty’") is a span: a word in double marks is usually a speaker's word
quoted in part, and the annotated corpus does not count those as loaded language.
A lexicon alone is weak here (the bias lexicon barely overlaps the annotated
spans); the model learns which cues matter and how spans extend.

The model is linear, so its per-word weights fold into a per-type table:
scoring an article is one cached look-up per token, two bigram look-ups and a
few numpy operations. The word cues live in ``loaded_words``, the token model in
``loaded_model``, span decoding and scare quotes in ``loaded_spans``; this module
measures an article with them.
"""
from __future__ import annotations

import numpy as np

from .base import ArticleTransformer, Extraction, Span, per_100
from .insertions import clean_doc
from .loaded_model import (
    DENSE_FEATURES, MODEL_FORMAT, OFFSETS, ROW_ADJ, ROW_FORCED, ROW_FUNC, ROW_INT, ROW_MOST, ROW_NOISE, ROW_POSS,
    ROW_SUP, LoadedModel, bigram_keys, load_model, position_matrix,
)
from .loaded_spans import decode_runs, forced_from_flags, scare_quotes, spans_from_probabilities
from .loaded_words import (
    PAD, context_features, is_spelling_noise, token_strings, type_features, valence, word_clusters,
)
from .text import Doc

__all__ = [
    "DENSE_FEATURES", "LOADED_FEATURES", "MODEL_FORMAT", "OFFSETS", "PAD", "LoadedFeatures", "LoadedModel",
    "bigram_keys", "context_features", "decode_runs", "extract_loaded", "is_spelling_noise", "load_model",
    "position_matrix", "scare_quotes", "token_strings", "type_features", "valence", "word_clusters",
]

LOADED_FEATURES: tuple[str, ...] = (
    "loaded_per_100_words_author",
    "loaded_per_100_words_quoted",
    "loaded_mean_intensity",
    "intensifiers_per_100_words",
    "superlatives_per_100_words",
    "scare_quotes_per_100_words",
)


def _spans_and_rows(doc: Doc, model: LoadedModel, words: list[str]) -> tuple[list[Span], np.ndarray]:
    rows = model.type_rows(words)
    probs = model.token_probabilities(doc, words, rows)
    forced = forced_from_flags(model.flags(rows, ROW_FORCED), model.flags(rows, ROW_POSS))
    spans = spans_from_probabilities(doc, probs, model.decode, words, forced, model.flags(rows, ROW_FUNC) > 0,
                                     model.flags(rows, ROW_NOISE) > 0)
    return spans, rows


def extract_loaded(doc: Doc, model: LoadedModel | None = None) -> Extraction:
    """Loaded-language spans and per-article rates (author vs quoted voice)."""
    model = model or load_model()
    words = token_strings(doc)
    spans, rows = _spans_and_rows(doc, model, words)
    n = doc.n_words
    quoted_words = doc.quoted_words() if n else 0
    author_words = max(n - quoted_words, 0)
    n_author = sum(1 for s in spans if s.voice == "author")
    n_quoted = len(spans) - n_author
    n_int = int(model.flags(rows, ROW_INT).sum()) if len(rows) else 0
    n_sup = _count_superlatives(model, rows)
    n_scare = sum(1 for r in doc.quotes if r.label == "scare")
    scores = [s.score for s in spans if s.score is not None]
    feats = {
        "loaded_per_100_words_author": per_100(n_author, author_words),
        "loaded_per_100_words_quoted": per_100(n_quoted, quoted_words),
        "loaded_mean_intensity": float(np.mean(scores)) if scores else 0.0,
        "intensifiers_per_100_words": per_100(n_int, n),
        "superlatives_per_100_words": per_100(n_sup, n),
        "scare_quotes_per_100_words": per_100(n_scare, n),
    }
    return Extraction(feats, spans)


def _count_superlatives(model: LoadedModel, rows: np.ndarray) -> int:
    """'-est' superlatives, best/worst, and "most"/"least" before a content word."""
    if len(rows) == 0:
        return 0
    most = model.flags(rows, ROW_MOST) > 0
    adj_next = np.zeros(len(rows), dtype=bool)
    adj_next[:-1] = model.flags(rows, ROW_ADJ)[1:] > 0
    return int((model.flags(rows, ROW_SUP) > 0).sum() + (most & adj_next).sum())


class LoadedFeatures(ArticleTransformer):
    """Loaded-language rates per article (see LOADED_FEATURES)."""

    feature_names = LOADED_FEATURES

    def _features(self, text: str) -> dict[str, float]:
        doc, _ = clean_doc(text)
        return extract_loaded(doc).features
