"""One source noun phrase parsed and labelled: the phrase after an inverted cue, a subject chunk, names."""
from __future__ import annotations

import pytest

from features.source_np import np_forward
from features.source_words import lexicon

LEX = lexicon()


def _forward(text: str, chunk: bool = False) -> tuple[str, str, str] | None:
    np_ = np_forward(text, 0, len(text), LEX, chunk=chunk)
    return None if np_ is None else (text[np_.start:np_.end], np_.label, np_.key)


@pytest.mark.parametrize("text, found", [
    ("the New York Times reported", ("the New York Times", "media", "media:new york times")),
    ("Foreign Minister Mevlüt Çavuşoğlu said", ("Foreign Minister Mevlüt Çavuşoğlu", "named", "person:çavuşoğlu")),
    ("the Russian Foreign Ministry said", ("the Russian Foreign Ministry", "named", "org:russian foreign ministry")),
    ("people familiar with the matter said", ("people familiar with the matter", "anonymous",
                                              "anonymous:familiar:people familiar")),
    ("the report", ("the report", "document", "document:report:report")),
    # "of the" cut at the article: the name before it ("said Doug Obegi of the Natural Resources ...")
    ("Doug Obegi of the Natural Resources Defense Council.", ("Doug Obegi", "named", "person:obegi")),
])
def test_phrase_after_a_cue(text, found):
    assert _forward(text) == found


def test_a_subject_chunk_keeps_its_post_modifier():
    assert _forward("a source in Ankara", chunk=True) == ("a source in Ankara", "anonymous", "anonymous:source:source")


# A job word between two names joins them into one phrase; the person is the name after it.
@pytest.mark.parametrize("text, found", [
    ("his Fox News colleague Ed Henry confirmed", ("Ed Henry", "named", "person:henry")),
    ("Trump aide Stephen Miller said", ("Trump aide Stephen Miller", "named", "person:miller")),
])
def test_job_word_between_names(text, found):
    assert _forward(text) == found


def test_no_job_word_without_a_second_name():
    assert _forward("the Fox News team said") == ("the Fox News", "media", "media:fox news")


# A name followed by a source noun at the end of the subject: the noun is the head.
@pytest.mark.parametrize("text, found", [
    ("FEC records", ("FEC records", "document", "document:records:fec records")),
    ("a Google spokesperson", ("a Google spokesperson", "anonymous", "anonymous:spokesperson:google spokesperson")),
])
def test_name_before_a_source_noun(text, found):
    assert _forward(text, chunk=True) == found


def test_name_before_a_source_noun_inside_a_longer_subject():
    text = "Hawaii representative and hopeful Tulsi Gabbard"
    assert _forward(text, chunk=True)[0] != "Hawaii representative"
