"""The loaded-language trainer's feature selection for the neighbour window and word identities."""
from __future__ import annotations

import numpy as np
import pytest

from bench.train_loaded import FitSpec, _lexicon_only, _rare_identities, load_probs, save_probs
from features.loaded_words import PAD, context_features, type_features


def test_lexicon_only_keeps_the_cues_of_a_charged_word_and_drops_its_identity() -> None:
    ctx = _lexicon_only(context_features("disgraceful"))
    assert "w=disgraceful" not in ctx
    assert not any(k.startswith("c256=") for k in ctx)
    assert any(k.startswith(("v=", "subj=", "charged", "bias_lex")) for k in ctx)


def test_lexicon_only_leaves_a_plain_word_nothing_but_keeps_the_text_end() -> None:
    assert _lexicon_only(context_features("Tuesday")) == {}
    assert _lexicon_only(context_features(PAD)) == {"w=" + PAD: 1.0}


def test_a_word_of_one_article_loses_its_identity_features() -> None:
    names = [PAD, "regime", "thugs", "the"]
    feats = [type_features(w) for w in names]
    seqs = [np.array([1, 2, 3]), np.array([1, 3]), np.array([3, 1])]
    rare = _rare_identities(seqs, feats, 2)
    assert "w=thugs" in rare
    assert "w=regime" not in rare and "w=the" not in rare
    assert not any(k.startswith(("c256=", "v=", "x3=")) for k in rare)


def test_pruning_by_articles_is_off_at_one() -> None:
    feats = [type_features(w) for w in (PAD, "thugs")]
    assert _rare_identities([np.array([1])], feats, 1) == set()


def test_saved_probabilities_of_another_spec_are_refused(tmp_path) -> None:
    probs = {1.0: {frozenset({0, 1, 2, 3}): {7: np.array([0.1, 0.9])}}}
    path = tmp_path / "p.npz"
    spec = FitSpec(lexicon_offsets=(-3, 3))
    save_probs(path, probs, spec)
    back = load_probs(path, spec)
    assert back[1.0][frozenset({0, 1, 2, 3})][7].tolist() == [0.1, 0.9]
    with pytest.raises(ValueError, match="lexicon_offsets"):
        load_probs(path, FitSpec())
