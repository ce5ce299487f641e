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


def test_a_kept_load_is_frozen_out_of_the_collectors_reach():
    gc.unfreeze()  # a command-line run earlier in this process may have frozen its imports
    try:
        load_predict(None)
        assert gc.get_freeze_count() == 0 and gc.isenabled()
        load_predict(None, keep=True)
        assert gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        gc.unfreeze()


_LEFT_TO_LOAD = """
import sys
from pathlib import Path
from scoring.io.records import Article
from scoring.run.chunks import score_chunk
from scoring.run.preload import feature_loaders, load_predict, preload_for_workers

predict = load_predict(None)
preload_for_workers()  # as the local engine does before its workers fork
def cached():
    return {f"{m}.{k}": f for m, mod in list(sys.modules.items()) if m.startswith("features")
            for k, f in vars(mod).items() if callable(f) and hasattr(f, "cache_info")
            and f.cache_info().maxsize == 1}
before = {k: f.cache_info().currsize for k, f in cached().items()}
arts = []
for i, path in enumerate(sorted(Path(sys.argv[1]).glob("*.txt"))):
    title, text = path.read_text(encoding="utf-8").split("\\n", 1)
    arts.append(Article(id=str(i), text=text, title=title, outlet="x", date=None, url="https://x.com/a/b", file="x",
                        line=i, domain="x.com", date_status="missing"))
assert len(score_chunk(arts, predict).frame) == len(arts)
print(sorted(k for k, f in cached().items() if f.cache_info().currsize and not before.get(k)))
print(len(feature_loaders()))
"""


def test_scoring_after_the_preload_for_workers_leaves_them_nothing_to_load():
    # a fresh interpreter, as a forked worker starts from the parent's state (this one's caches are warm)
    import os
    import subprocess
    import sys

    root = SAMPLES[0].parents[3]
    done = subprocess.run([sys.executable, "-c", _LEFT_TO_LOAD, str(SAMPLES[0].parent)], capture_output=True,
                          text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    left, n_loaders = done.stdout.split("\n")[:2]
    # the samples reach the off-topic model, the hyphenation dictionary and the criteria card's patterns,
    # which a two-sentence warm-up does not
    assert left == "[]" and int(n_loaders) > 20
