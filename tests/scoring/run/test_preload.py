"""What a run loads before its workers fork: the bundled models give a scoring
function that scores; a file that is not a model is an error, not a silent skip."""
import gc
from pathlib import Path

import pandas as pd
import pytest

from features import FEATURE_NAMES, analyze
from scoring.model.scores import SCORE_COLUMNS
from scoring.run.preload import load_predict

from .conftest import SAMPLES


def test_bundled_models_score_the_samples():
    predict = load_predict(None)
    rows = []
    for path in SAMPLES:
        title, text = path.read_text(encoding="utf-8").split("\n", 1)
        a = analyze(text, title)
        rows.append({**a.features, "text": a.read, "title": title, "url": None})
    scores = predict(pd.DataFrame(rows)[[*FEATURE_NAMES, "text", "title", "url"]])
    assert list(scores.columns) == list(SCORE_COLUMNS) and len(scores) == len(SAMPLES)
    assert scores["reliability"].between(0, 100).all() and scores["bias"].between(0, 100).all()


def test_a_file_that_is_not_a_model_raises(tmp_path: Path):
    bad = tmp_path / "not-a-model.skops"
    bad.write_bytes(b"plain text, not a model")
    with pytest.raises(Exception):
        load_predict([str(bad)])


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_collector_as_it_found_it(enabled: bool, monkeypatch):
    seen = []
    monkeypatch.setattr("scoring.run.preload.warm_up_models", lambda paths: seen.append(gc.isenabled()))
    (gc.enable if enabled else gc.disable)()
    try:
        load_predict(None)
        assert gc.isenabled() == enabled and seen == [False]  # paused while the models load
    finally:
        gc.enable()
