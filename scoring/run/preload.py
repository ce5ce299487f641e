"""What a run loads once in its own process, before worker processes fork and
share it: the lexicons of the extractors and the scoring models."""
from __future__ import annotations

import gc
from typing import Sequence

from features import analyze
from scoring.model.scores import predict_scores, warm_up_models
from scoring.run.chunks import PredictFn


def preload_features() -> None:
    """Load the extractors' lexicons in this process."""
    analyze("Warm up. The minister said it may rain.", "Warm up")


def load_predict(model_paths: Sequence[str] | None = None) -> PredictFn:
    """The model scoring function with its models loaded: the files in
    ``model_paths``, else the bundled ones. Raises whatever keeps them from
    loading (a missing or foreign file, a model of another feature set)."""
    # What is loaded here (lexicons, models) lives as long as the process: the cyclic collector,
    # which would walk it again and again as it comes, is paused meanwhile.
    enabled = gc.isenabled()
    gc.disable()
    try:
        preload_features()
        warm_up_models(model_paths)
    finally:
        if enabled:
            gc.enable()
    return predict_scores
