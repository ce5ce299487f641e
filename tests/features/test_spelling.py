"""Spelling: the word list and the inflection, derivation and prefix rules."""
from __future__ import annotations

from features.spelling import is_known_word, misspellings, word_list


def test_known_misspellings_are_out_of_the_list():
    assert "goverment" in misspellings() and "goverment" not in word_list()
    assert not is_known_word("goverments")   # a rule must not re-admit it ("goverment" + "-s")


def test_inflections_and_compounds_are_known():
    for w in ("negotiating", "postponement", "de-escalation", "counteroffensive", "recognised",
              "stopped", "biggest", "rebranding", "observantly"):
        assert all(is_known_word(p) for p in w.split("-")), w
    for w in ("broight", "goverment", "goverments", "campagin"):
        assert not is_known_word(w), w


def test_word_list_is_plausible():
    wl = word_list()
    assert 100_000 < len(wl) < 200_000
    assert {"the", "ceasefire", "armistice", "kremlin"} <= wl
