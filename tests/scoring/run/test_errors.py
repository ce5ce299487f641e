"""RunError is the one exception a caller of scoring.run catches for "this run cannot be done as
asked" (the Dask engine's refusals are checked in test_dask_engine.py): a refused resume is one too."""
from pathlib import Path

import pandas as pd
import pytest

from scoring.io.corpus import prepare
from scoring.run import RunError, run_local

from .conftest import write_corpus


def _fake_predict(features: pd.DataFrame, model_paths=None, docs=None) -> pd.DataFrame:
    return pd.DataFrame({"reliability": 50.0, "bias": 10.0, "reliability_why": "{}", "bias_why": "{}"},
                        index=features.index)


def test_a_refused_resume_is_a_run_error(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 3)
    out = tmp_path / "o.csv"
    run_local(prepare([corpus]), out, limit=2)  # features only, then asked to resume with scores
    with pytest.raises(RunError, match="other columns"):
        run_local(prepare([corpus]), out, predict=_fake_predict, resume=True)

