"""The model card is written from the build report alone."""
from __future__ import annotations

import json

from scoring.model.card import card_text
from scoring.model.files import BUILD_COMMAND
from tests.scoring.model.corpora import ROOT

MODELS = ROOT / "scoring" / "models"


def test_the_committed_card_is_the_committed_report_written_out():
    report = json.loads((MODELS / "evaluation.json").read_text())
    assert card_text(report) == (MODELS / "MODEL_CARD.md").read_text()


def test_the_card_names_the_build_command_and_the_numbers_of_the_report():
    report = json.loads((MODELS / "evaluation.json").read_text())
    report["bias"]["meta"]["base_score"] = 12.34
    text = card_text(report)
    assert f"```\n{BUILD_COMMAND}\n```" in text and "bench/build_model" not in text
    assert "explanations are points relative to it): 12.34." in text
