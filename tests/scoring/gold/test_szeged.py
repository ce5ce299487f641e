"""The Szeged Wikipedia reader and the sentence- and cue-level hedge scores, on a small fixture."""
from __future__ import annotations

from pathlib import Path

import pytest

from scoring.gold.szeged import load_szeged, predict, score

XML = """<?xml version="1.0" encoding="UTF-8"?>
<Annotation><DocumentSet><Document>
<DocumentPart type="Title"><Sentence>Kings of Ur</Sentence></DocumentPart>
<DocumentPart type="Text">
<Sentence>The king <ccue type="speculation">may have</ccue> ruled for ten years.</Sentence>
<Sentence>He built a temple in the city.</Sentence>
<Sentence>Historians <ccue type="speculation">suggest</ccue> that he was popular.</Sentence>
</DocumentPart>
</Document></DocumentSet></Annotation>
"""


@pytest.fixture()
def docs(tmp_path: Path) -> list:
    path = tmp_path / "wiki.xml"
    path.write_text(XML, encoding="utf-8")
    return load_szeged(path)


def test_cue_offsets_point_into_the_text_fed_to_the_pipeline(docs: list) -> None:
    (doc,) = docs
    assert doc.text.startswith("Kings of Ur\nThe king may have ruled")
    assert [doc.text[a:b] for cues in doc.cues for a, b in cues] == ["may have", "suggest"]
    assert [doc.text[a:b] for a, b in doc.sentences][2] == "He built a temple in the city."


def test_score_counts_sentences_and_cues(docs: list) -> None:
    (doc,) = docs
    may = doc.text.index("may have")
    one_hit = [[(may, may + 3, "modal")]]
    got = score(docs, one_hit)
    assert got["sentence_precision"] == 1.0 and got["sentence_recall"] == 0.5
    assert got["cue_precision"] == 1.0 and got["cue_recall"] == 0.5
    assert got["gold_uncertain_sentences"] == 2.0


def test_predict_finds_the_plain_hedges_of_the_fixture(docs: list) -> None:
    got = score(docs, predict(docs))
    assert got["cue_recall"] == 1.0
    assert got["sentence_precision"] == 1.0
