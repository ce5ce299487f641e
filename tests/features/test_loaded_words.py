"""Word-level cues of the loaded-language model, on real words."""
from __future__ import annotations

import pytest

from features.loaded_words import (
    charged_entry, charged_label, context_features, forced_tokens, is_spelling_noise, is_superlative, stem,
    subjectivity, token_features_pair, type_features, valence, word_clusters, word_cues,
)


@pytest.mark.parametrize("word, superlative", [
    ("deadliest", True), ("greatest", True), ("best", True), ("worst", True),
    ("forest", False), ("interest", False), ("protest", False), ("honest", False),
])
def test_superlatives(word, superlative):
    assert is_superlative(word) is superlative


def test_charged_words_and_their_labels():
    assert charged_label("regime") is not None
    assert charged_label("so-called") is not None
    assert charged_label("government") is None
    assert charged_label("ministry") is None


def test_charged_prefix_entries_match_every_word_they_start():
    # "catastroph*" and "warmonger*" are prefix entries: their inflections hit, a word they are inside does not
    assert charged_label("catastrophic") == charged_label("catastrophe") is not None
    assert charged_entry("warmongers") is not None and charged_entry("warmonger’s") is not None
    assert charged_entry("noncatastrophic") is None and charged_entry("catastro") is None


def test_valence_falls_back_to_the_stem():
    assert valence("horrible") < 0 < valence("wonderful")
    assert valence("killings") is not None            # "killing" is VADER's, "killings" is not
    assert valence("ministry") is None


def test_typos_are_spelling_noise_names_are_not():
    assert is_spelling_noise("broight")
    assert not is_spelling_noise("brought")
    assert not is_spelling_noise("Erdogan")            # capitalised: a name
    assert not is_spelling_noise("de-escalation")


def test_stem_pools_inflections():
    assert stem("accusations") == stem("accusation")
    assert stem("Russia's") == "Russia"
    assert stem("stunningly") == "stunn" and stem("governments") == "govern"
    assert stem("the") == "the" and stem("gas") == "gas" and stem("3D") == "3D"   # no suffix, or too short a rest


def test_word_cues_are_what_the_features_read():
    cues = word_cues("Deadliest")
    # no VADER valence, not in the charged list nor in Pattern's subjectivity lexicon
    assert cues == ("deadliest", "deadliest", None, None, True, None)
    assert word_cues("regime’s").charged is not None and word_cues("regime’s").stem == "regime"
    assert word_cues("Horrible").valence < 0
    own, ctx = token_features_pair("Deadliest", cues)
    assert own["superlative"] == 1.0 and own["v=none"] == 1.0 and own["shape=title"] == 1.0
    assert (own, ctx) == token_features_pair("Deadliest")


def test_token_features_in_position_and_for_neighbours():
    own, ctx = type_features("Brutal"), context_features("Brutal")
    assert own["w=brutal"] == 1.0 and own["shape=title"] == 1.0 and "vneg" in own
    assert ctx["w=brutal"] == 1.0 and ctx["charged"] == 1.0   # a charged word colours its neighbours
    assert "shape=title" not in ctx and "x3=tal" not in ctx    # but they do not see its spelling
    assert "ceasefire" in word_clusters()


def test_subjectivity_of_adjectives_and_their_adverbs():
    # Pattern's lexicon: judging adjectives are subjective, descriptive ones are not
    assert subjectivity("ridiculous", "ridiculou")[0] >= 0.7
    assert subjectivity("political", "political")[0] < 0.4
    assert subjectivity("brutally", stem("brutally")) == subjectivity("brutal", "brutal")   # -ly adverb -> adjective
    assert subjectivity("happily", stem("happily")) == subjectivity("happy", "happy")       # -ily -> -y
    assert subjectivity("ministry", stem("ministry")) is None
    assert subjectivity("very", "very")[1] > 1.0                                              # a booster


def test_subjectivity_features_in_position_and_for_neighbours():
    own, ctx = token_features_pair("Ridiculous")
    assert own["subj=hi"] == 1.0 and ctx["subj=hi"] == 1.0 and own["subj"] >= 0.7
    own, ctx = token_features_pair("very")
    assert own["boost"] == 1.0 and ctx["boost"] == 1.0 and "soften" not in own
    own, ctx = token_features_pair("table")
    assert not any(k.startswith(("subj", "boost", "soften")) for k in own) and "subj=hi" not in ctx


def test_regime_needs_a_possessive():
    # "the regime" in a neutral construction is not forced; "Assad's regime" is.
    assert forced_tokens(["the", "regime", "said"]).tolist() == [False, False, False]
    assert forced_tokens(["Assad's", "regime", "said"]).tolist() == [False, True, False]
