"""The loaded-language token model: its table, position features, bigrams and file format."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from features.loaded_model import (
    DENSE_FEATURES, MODEL_RESOURCE, ROW_LEN, ROW_PAIR_WORD, LoadedModel, PairTable, _marked_sentences, bigram_keys,
    load_model, model_arrays, model_dict, model_from_arrays, position_matrix, save_model_file,
)
from features.lexicons import lexicon_arrays, lexicon_path
from features.loaded_words import context_features, token_features_pair, word_clusters
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


def test_pair_table_finds_each_bigram_weight_and_zero_for_others():
    nxt = {"so|called": 1.5, "<s>|the": 0.25, "experts|<e>": -2.0, "bad|key|x": 9.0}
    prv = {"so|called": -0.5, "called|experts": 3.0}
    table = PairTable.from_weights(nxt, prv)
    words = ["the", "so", "called", "experts", "so", "the", "unlisted"]
    ids = np.array([table.start, *(table.word_id(w) for w in words), table.end])
    got = table.weights[table.rows(ids)]
    seq = ["<s>", *words, "<e>"]
    for (a, b), (n, p) in zip(zip(seq, seq[1:]), got):
        assert (n, p) == (nxt.get(f"{a}|{b}", 0.0), prv.get(f"{a}|{b}", 0.0)), (a, b)
    assert table.word_id("unlisted") == table.none
    empty = PairTable.from_weights({}, {})
    assert empty.weights[empty.rows(np.array([empty.start, empty.none, empty.end]))].tolist() == [[0.0, 0.0]] * 2


def test_type_rows_hold_each_words_length_and_bigram_word():
    m = load_model()
    words = ["The", "so-called", "zorblatt"]
    rows = m.type_rows(words)
    assert m.flags(rows, ROW_LEN).tolist() == [3.0, 9.0, 8.0]
    assert m.flags(rows, ROW_PAIR_WORD).tolist() == [float(m.pairs.word_id(w.lower())) for w in words]
    assert m.flags(rows, ROW_PAIR_WORD)[2] == m.pairs.none


def test_neighbour_scores_are_the_weighted_sums_of_context_features():
    m = load_model()
    words = ["The", "so-called", "disgraceful", "zorblatt", "very", "Putin’s", "<pad>", "2018"]
    rows = m.type_rows(words)
    for w, row in zip(words, rows):
        ctx = context_features(w)
        for j, o in enumerate(m._offsets, start=1):
            weights = m.blocks[f"{o:+d}"]
            assert row[j] == sum(weights.get(k, 0.0) * v for k, v in ctx.items()), (w, o)
    assert any(row[1:5].any() for row in rows)  # the sums are not all zero


def test_type_scores_from_grouped_weights_equal_the_feature_dicts_to_the_bit():
    # every word the model or the clusters know, in three cases and with a possessive, and odd tokens
    m = LoadedModel.from_dict(load_model().to_dict())
    known = sorted({*word_clusters(), *(k[2:] for k in m.blocks["0"] if k.startswith("w="))})
    words = [*known, *(w.title() for w in known[::3]), *(w.upper() for w in known[1::7]),
             *(w + "’s" for w in known[2::5]), "<pad>", "2018", "U.S.", "so-called", "’s", "--", "Putin's"]
    rows = m.type_rows(words)[:, :1 + len(m._offsets)]
    expected = []
    for w in words:
        own, ctx = token_features_pair(w)
        expected.append([sum(m.blocks["0"].get(k, 0.0) * v for k, v in own.items()),
                         *(sum(m.blocks[f"{o:+d}"].get(k, 0.0) * v for k, v in ctx.items()) for o in m._offsets)])
    expected = np.array(expected)
    mismatched = [w for w, a, b in zip(words, rows, expected) if not np.array_equal(a, b)]
    assert mismatched == [] and len(words) > 50_000
    assert (rows != 0).any(axis=0).all()  # every column holds some weight


def test_type_cache_starts_again_past_its_bound_with_the_same_rows():
    m = LoadedModel.from_dict(load_model().to_dict())
    m.max_types = 3
    first = m.type_rows(["alpha", "Beta", "gamma", "delta"])
    again = m.type_rows(["delta", "epsilon", "alpha"])  # past the bound: the cache is emptied first
    assert len(m._index) == 3
    fresh = LoadedModel.from_dict(load_model().to_dict())
    assert np.array_equal(again, fresh.type_rows(["delta", "epsilon", "alpha"]))
    assert np.array_equal(first[[3, 0]], again[[0, 2]])


def test_marks_found_by_code_points_as_by_the_text():
    doc = parse("Really? Yes! No. What?! “Why?” he asked. Fine.")
    codes = np.frombuffer(doc.text.encode("utf-32-le"), dtype=np.uint32)
    for mark in "?!":
        got = _marked_sentences(doc.text, doc.sentences, mark, codes)
        assert got.tolist() == [mark in doc.text[s:e] for s, e in doc.sentences]
        assert got.tolist() == _marked_sentences(doc.text, doc.sentences, mark).tolist()


def test_position_matrix_from_token_lengths_equals_from_words():
    doc = parse(SAMPLE_004.read_text(encoding="utf-8"))
    words = [doc.text[s:e] for s, e in doc.tokens]
    lengths = np.array([len(w) for w in words], dtype=float)
    assert np.array_equal(position_matrix(doc, lengths=lengths), position_matrix(doc, words=words))
    assert np.array_equal(position_matrix(doc, words=words), position_matrix(doc))


def test_model_round_trips_and_rejects_other_formats():
    m = load_model()
    d = m.to_dict()
    again = LoadedModel.from_dict(json.loads(json.dumps(d)))
    doc = parse(SAMPLE_004.read_text(encoding="utf-8"))
    assert np.allclose(again.token_probabilities(doc), m.token_probabilities(doc))
    with pytest.raises(ValueError, match="format"):
        LoadedModel.from_dict({**d, "format": "pickle"})


def test_a_model_file_reads_back_as_the_model_dict_it_was_written_from(tmp_path):
    d = copy.deepcopy(load_model().to_dict())  # to_dict shares the cached model's tables
    d["bias"] = 0.1 + 0.2  # a float that takes all 17 digits
    d["blocks"]["0"] = {"w=café": 1 / 3, "x4=“so”": -2.5e-17}
    d["bigrams"]["next"] = {}
    path = tmp_path / "m.npz"
    save_model_file(d, path)
    with np.load(path, allow_pickle=False) as data:
        back = model_dict({k: data[k] for k in data.files})
    assert back == d
    assert list(back["blocks"]) == list(d["blocks"]) and list(back["blocks"]["0"]) == ["w=café", "x4=“so”"]
    assert back["bigrams"]["next"] == {}


def test_a_key_with_a_line_break_is_refused_by_the_model_file():
    d = copy.deepcopy(load_model().to_dict())
    d["blocks"]["0"] = {"w=a\nb": 1.0}
    with pytest.raises(ValueError, match="line break"):
        model_arrays(d)
    d["blocks"]["0"] = {"w=a b": 1.0}
    assert model_dict(model_arrays(d))["blocks"]["0"] == {"w=a b": 1.0}


def test_the_model_read_from_the_file_scores_as_the_model_built_from_its_dict():
    # the file's stored word pairs give the same bigram weights as the "a|b" dicts
    arrays = lexicon_arrays(MODEL_RESOURCE)
    stored = model_from_arrays(arrays)
    d = model_dict(arrays)
    from_dicts = LoadedModel.from_dict(d)
    doc = parse(SAMPLE_004.read_text(encoding="utf-8"))
    assert np.array_equal(stored.token_probabilities(doc), from_dicts.token_probabilities(doc))
    assert len(stored.pairs.codes) > 10_000 and stored.pairs.words.keys() == from_dicts.pairs.words.keys()
    assert stored.bigrams == d["bigrams"] and list(stored.bigrams["next"]) == list(d["bigrams"]["next"])


def test_a_bigram_key_that_is_not_two_words_is_refused_by_the_model_file():
    d = copy.deepcopy(load_model().to_dict())
    d["bigrams"] = {"next": {"so|called|x": 1.0}, "prev": {}}
    with pytest.raises(ValueError, match="two words"):
        model_arrays(d)
    d["bigrams"] = {"next": {"so|called": 1.0}, "prev": {"called|experts": -0.5}}
    assert model_dict(model_arrays(d))["bigrams"] == d["bigrams"]


def test_word_pairs_outside_the_pair_words_are_refused():
    d = copy.deepcopy(load_model().to_dict())
    d["bigrams"] = {"next": {"so|called": 1.0}, "prev": {}}
    arrays = model_arrays(d)
    i = next(int(k.split("_")[1]) for k in arrays if k.startswith("pairs_"))
    arrays[f"pairs_{i}"] = np.array([[0, 7]], dtype=np.uint32)
    with pytest.raises(ValueError, match="outside"):
        model_dict(arrays)


def test_the_shipped_model_file_holds_numbers_and_bytes_only():
    arrays = lexicon_arrays(MODEL_RESOURCE)
    assert {a.dtype.kind for a in arrays.values()} == {"u", "f"}
    assert load_model().to_dict()["format"] == "relscore-loaded-token-logit-v1"
    assert len(load_model().blocks["0"]) > 10_000


def test_an_npz_holding_objects_is_not_loaded(tmp_path, monkeypatch):
    path = tmp_path / "evil.npz"
    np.savez(path, header=np.array([{"a": 1}], dtype=object))
    monkeypatch.setattr("features.lexicons.lexicon_path", lambda name: path)
    with pytest.raises(ValueError, match="pickle"):
        lexicon_arrays("evil.npz")
    assert lexicon_path(MODEL_RESOURCE).is_file()
