"""The loaded-language token model: its table, position features, bigrams and file format."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from features.loaded_model import DENSE_FEATURES, LoadedModel, bigram_keys, load_model, position_matrix
from features.text import parse

SAMPLE_004 = next((Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples").glob("004_*.txt"))


def test_position_features_of_a_quoted_word_and_an_exclamation():
    text = "Critics were furious. “This is a disgrace!” he said."
    doc = parse(text)
    m = position_matrix(doc)
    col = {n: i for i, n in enumerate(DENSE_FEATURES)}
    words = [text[s:e] for s, e in doc.tokens]
    k = words.index("disgrace")
    assert m.shape == (len(doc.tokens), len(DENSE_FEATURES))
    assert m[k, col["in_direct_quote"]] == 1.0 and m[k, col["sentence_has_exclamation"]] == 1.0
    assert m[0, col["in_direct_quote"]] == 0.0 and m[0, col["sentence_first"]] == 1.0
    assert m[words.index("This"), col["quote_mark_before"]] == 1.0
    assert position_matrix(parse("")).shape == (0, len(DENSE_FEATURES))


def test_bigram_keys_have_sentinels_at_the_ends():
    nxt, prv = bigram_keys(["so", "called", "experts"])
    assert nxt == ["so|called", "called|experts", "experts|<e>"]
    assert prv == ["<s>|so", "so|called", "called|experts"]


def test_type_rows_of_new_words_repeated_in_one_article():
    # Words first met in one article (some twice) get the same rows as when scored alone.
    m = LoadedModel.from_dict(load_model().to_dict())
    words = ["zorblatt", "Putin’s", "zorblatt", "regime", "quixotry", "regime"]
    rows = m.type_rows(words)
    fresh = LoadedModel.from_dict(load_model().to_dict())
    for w, r in zip(words, rows):
        assert np.allclose(r, fresh.type_rows([w])[0]), w


def test_model_round_trips_and_rejects_other_formats():
    m = load_model()
    d = m.to_dict()
    again = LoadedModel.from_dict(json.loads(json.dumps(d)))
    doc = parse(SAMPLE_004.read_text(encoding="utf-8"))
    assert np.allclose(again.token_probabilities(doc), m.token_probabilities(doc))
    with pytest.raises(ValueError, match="format"):
        LoadedModel.from_dict({**d, "format": "pickle"})
