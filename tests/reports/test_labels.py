"""Readable feature names in the report."""
from __future__ import annotations

from features import FAMILIES
from reports.labels import FAMILY_LABELS, FEATURE_LABELS, family_label, feature_label


def test_every_feature_and_family_has_a_readable_name():
    names = [f for fam in FAMILIES.values() for f in fam]
    assert sorted(FEATURE_LABELS) == sorted(names)
    assert sorted(FAMILY_LABELS) == sorted(FAMILIES)
    labels = [feature_label(f) for f in names]
    assert len(set(labels)) == len(labels)  # no two signals look alike
    assert all("_" not in lab for lab in labels)
    assert feature_label("hedges_per_100_words_author") == "Hedges per 100 words, author's voice"
    assert family_label("loaded") == "Loaded language"


def test_an_unknown_column_keeps_its_words():
    assert feature_label("new_signal_share") == "New signal share"
