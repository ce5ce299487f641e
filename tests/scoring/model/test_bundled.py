"""The bundled build on a capped copy of the shared corpora: both models, evaluation.json and the
card are written, and the card is what ``rewrite_card`` gives from that evaluation.json."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.model import datasets
from scoring.model.bundled import build_bundled, rewrite_card
from scoring.model.files import load_model, model_target

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared not available")
def test_a_tiny_bundled_build_writes_both_models_the_report_and_the_card(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(datasets, "CACHE_DIR", tmp_path / "cache")  # features of the capped corpora only
    out = tmp_path / "models"
    report = build_bundled(SHARED, out, allsides_cap=1, seed=0, folds=2, check_folds=0, limit=40,
                           targets=("reliability", "bias"))
    for target in ("reliability", "bias"):
        model = load_model(out / f"{target}.skops")
        assert model.target == target and model.meta_["n_train"] == report[target]["meta"]["n_train"]
        assert report[target]["evaluation"]["split"].startswith("StratifiedGroupKFold(n_splits=2")
    assert load_model(out / "bias.skops").headline_model_ is not None
    saved = json.loads((out / "evaluation.json").read_text())
    assert saved["limit"] == 40 and saved["allsides_cap"] == 1
    card = (out / "MODEL_CARD.md").read_text()
    assert "## `reliability`" in card and "## `bias`" in card
    assert f"{report['bias']['meta']['n_train']} articles from {report['bias']['meta']['n_outlets']} outlets" in card
    before = card
    (out / "MODEL_CARD.md").write_text("")
    assert rewrite_card(out).read_text() == before
    # the lean model joins that report: the others' entries stay as built
    lean = build_bundled(SHARED, out, seed=0, folds=2, limit=300, targets=("lean",))
    assert lean["bias"] == json.loads(json.dumps(report["bias"], default=str))
    model = load_model(out / "lean.skops")
    assert model_target(model) == "lean" and model.meta_["n_train"] == lean["lean"]["meta"]["n_train"] <= 300
    assert lean["lean"]["evaluation"]["split"].startswith("StratifiedGroupKFold(n_splits=2")
    card = (out / "MODEL_CARD.md").read_text()
    assert "## `lean`" in card and "## `bias`" in card and "TF-IDF + LR baseline" in card
