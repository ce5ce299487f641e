"""What a run loads once in its own process, before worker processes fork and
share it: the lexicons of the extractors and the scoring models."""
from __future__ import annotations

import gc
import importlib
import inspect
import pkgutil
from typing import Any, Callable, Sequence

import features
from features import analyze
from scoring.model.scores import predict_scores, warm_up_models
from scoring.run.chunks import PredictFn


def preload_features() -> None:
    """Load the extractors' lexicons in this process: what a short warm-up article reads."""
    analyze("Warm up. The minister said it may rain.", "Warm up")


def preload_for_workers() -> None:
    """Every loader the warm-up of ``preload_features`` does not reach (``feature_loaders``: the
    off-topic model's word vectors, the hyphenation dictionary, the criteria card's patterns, ...),
    loaded before worker processes fork: each would otherwise load its own (about 0.1 CPU s and
    13 MiB a worker)."""
    for load in feature_loaders():
        load()


def feature_loaders() -> list[Callable[[], Any]]:
    """The cached loaders of the ``features`` modules: each function that keeps its result
    (``functools.lru_cache``) and is called without arguments (a lexicon, a model, compiled patterns)."""
    out = []
    for info in pkgutil.iter_modules(features.__path__, "features."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if callable(obj) and hasattr(obj, "cache_info") and getattr(obj, "__module__", None) == info.name \
                    and _takes_no_arguments(obj):
                out.append(obj)
    return out


def _takes_no_arguments(fn: Callable[..., Any]) -> bool:
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
               for p in inspect.signature(fn).parameters.values())


def load_predict(model_paths: Sequence[str] | None = None, *, keep: bool = False) -> PredictFn:
    """The model scoring function with its models loaded: the files in
    ``model_paths``, else the bundled ones. Raises whatever keeps them from
    loading (a missing or foreign file, a model of another feature set).

    With ``keep`` (a process that keeps what it loads until it exits: the command line) everything
    allocated by then is moved out of the cyclic collector's reach for good (``gc.freeze``), and a
    run told so (``LocalRun(..., loaded_frozen=True)``) need not freeze it again."""
    # What is loaded here (lexicons, models) lives as long as the process: the cyclic collector,
    # which would walk it again and again as it comes, is paused meanwhile.
    enabled = gc.isenabled()
    gc.disable()
    try:
        preload_features()
        warm_up_models(model_paths)
        if keep:  # else the collector's first pass walks everything loaded here (about 0.01 s of a start)
            gc.freeze()
    finally:
        if enabled:
            gc.enable()
    return predict_scores
