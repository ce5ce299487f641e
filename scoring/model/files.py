"""Model files: saved and loaded with skops (never pickle), trusting an exact list of types.

A model file holds one ``ScoreModel`` (reliability, bias) or one ``LeanModel`` (lean). Files
written before it held a dict (format ``relscore-model/1``); they still load, converted with
``ScoreModel.from_legacy``, so models users trained themselves keep working.

The word vectorisers' vocabularies are written as one array of terms each (a term's index is
its position) and rebuilt into dicts on load. skops writes a dict as one schema node per key
and per value (each NumPy integer its own file in the archive), so a 115,000-term bias model
took seconds to audit and load; as arrays it takes milliseconds, audited in full on every load.
Files written with dict vocabularies still load.
"""
from __future__ import annotations

import sys
import zipfile
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np
import sklearn.utils
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import QuantileTransformer

from scoring.model.estimator import MODEL_FORMAT, TARGETS, ScoreModel
from scoring.model.lean import LeanModel
from scoring.model.wording import CLUSTER_LEXICON

#: The scikit-learn estimators a relscore model file holds (``relscore train`` builds no other).
SKLEARN_ESTIMATORS = (CalibratedClassifierCV, CountVectorizer, LogisticRegression, Pipeline, QuantileTransformer,
                      TfidfTransformer, TfidfVectorizer)


#: Modules skops imports, when they are there, only to trust internal types of estimators no relscore
#: file holds: the binner of the histogram gradient boosting models, whose import brings all of
#: ``sklearn.ensemble`` (0.016-0.019 CPU s of a start, measured at load 7).
SKOPS_OPTIONAL_MODULES = ("sklearn.ensemble._hist_gradient_boosting.binning",)


@contextmanager
def _skops_trusts_only(estimators: Sequence[type], absent: Sequence[str] = ()) -> Iterator[None]:
    """While ``skops.io`` is first imported, scikit-learn lists ``estimators`` as all its estimators,
    and the modules ``absent`` that are not imported yet cannot be imported.

    skops trusts every scikit-learn estimator by default and finds them with ``all_estimators``,
    which imports all of scikit-learn, a large share of every start-up. Its default list of trusted
    estimators is then these few, so a file holding any other estimator is refused; the internal
    types of an ``absent`` module, which skops trusts only when it imports, are refused too. Both
    are stricter than skops' own default, never laxer. Where skops was imported before, or finds the
    estimators another way, only the time differs. A module is made absent by a ``None`` entry in
    ``sys.modules`` (an import of it then raises ``ModuleNotFoundError``), removed again on the way
    out, so that later imports of it work.
    """
    saved = sklearn.utils.all_estimators
    sklearn.utils.all_estimators = lambda type_filter=None: [(c.__name__, c) for c in estimators]
    hidden = [name for name in absent if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        sklearn.utils.all_estimators = saved
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


with _skops_trusts_only(SKLEARN_ESTIMATORS, SKOPS_OPTIONAL_MODULES):
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

#: The political-lean target, a model of its own kind (``LeanModel``).
LEAN_TARGET = "lean"
#: Every target a model file can hold, in output order.
MODEL_TARGETS = (*TARGETS, LEAN_TARGET)
#: Any model relscore saves and loads.
Model = ScoreModel | LeanModel
DEFAULT_MODELS = {t: f"{t}.skops" for t in MODEL_TARGETS}
#: How the bundled models are rebuilt (named in errors and in the model card).
BUILD_COMMAND = "relscore train --bundled --shared-data ../shared --out scoring/models"

# Types a model file may contain beyond skops' defaults. Anything else is refused.
# An exact list, not module prefixes: a prefix such as "numpy." would also admit
# functions a crafted file could call. These are the types relscore's own models
# need beyond what skops trusts by default; `relscore train` produces nothing else.
_TRUSTED_EXACT = frozenset({
    "scoring.model.estimator.ScoreModel",
    "scoring.model.signed.SignedLogisticRegression",
    "scoring.model.lean.LeanModel",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "builtins.slice",
    "collections.OrderedDict",
    "collections.defaultdict",
})


class UntrustedModelError(ValueError):
    """A model file references a type outside relscore's allowlist."""


def _check_types(untrusted: list[str], path: str | Path) -> list[str]:
    bad = [t for t in untrusted if t not in _TRUSTED_EXACT]
    if bad:
        raise UntrustedModelError(
            f"refusing to load model file {path}: it contains types outside relscore's allowlist "
            f"(relscore's model types): {bad}. Only load model files you built with "
            "`relscore train`; nothing in this file was executed.")
    return list(untrusted)


def _vectorizers(obj: Any, seen: set[int] | None = None) -> Iterator[CountVectorizer]:
    """The fitted word vectorisers anywhere inside a model (its attributes, pipelines, lists, dicts)."""
    seen = set() if seen is None else seen
    if isinstance(obj, CountVectorizer):
        if hasattr(obj, "vocabulary_"):
            yield obj
        return
    # only containers and estimators are walked: other objects (frames, arrays, words) hold no vectoriser
    if isinstance(obj, dict):
        children = obj.values()
    elif isinstance(obj, (list, tuple)):
        children = obj
    elif type(obj).__module__.split(".")[0] in ("sklearn", "scoring") and hasattr(obj, "__dict__"):
        children = vars(obj).values()
    else:
        return
    if id(obj) in seen:
        return
    seen.add(id(obj))
    for child in children:
        if isinstance(child, (dict, list, tuple)) or hasattr(child, "__dict__"):
            yield from _vectorizers(child, seen)


def _term_array(vocabulary: Any) -> np.ndarray | None:
    """The vocabulary as an array of terms in index order, or None where that would not round-trip
    (indices not exactly 0..n-1, a key that is not a string, a trailing NUL NumPy would strip)."""
    if not isinstance(vocabulary, dict) or not vocabulary:
        return None
    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    if [vocabulary[t] for t in terms] != list(range(len(terms))) or not all(
            isinstance(t, str) and not t.endswith("\0") for t in terms):
        return None
    return np.array(terms, dtype=str)


def model_target(model: Any) -> str | None:
    """The target a fitted relscore model scores, or None for anything else."""
    if isinstance(model, LeanModel):
        return LEAN_TARGET if hasattr(model, "lr_") else None
    if isinstance(model, ScoreModel) and hasattr(model, "pipeline_") and model.target in TARGETS:
        return model.target
    return None


def save_model(model: Model, path: str | Path) -> Path:
    """Write a fitted ``ScoreModel`` or ``LeanModel`` with skops (never pickle), its vocabularies as term arrays."""
    if model_target(model) is None:
        raise ValueError(f"not a fitted relscore model: {type(model).__name__}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    packed = [(v, v.vocabulary_, terms) for v in _vectorizers(model)
              if (terms := _term_array(v.vocabulary_)) is not None]
    try:
        for v, _, terms in packed:
            v.vocabulary_ = terms
        sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    finally:  # the caller's model keeps its dicts
        for v, vocabulary, _ in packed:
            v.vocabulary_ = vocabulary
    return path


def _unpack_vocabularies(model: Any) -> None:
    for v in _vectorizers(model):
        if isinstance(v.vocabulary_, np.ndarray) and v.vocabulary_.dtype.kind == "U":
            v.vocabulary_ = dict(zip(v.vocabulary_.tolist(), range(len(v.vocabulary_))))


def load_model(path: str | Path) -> Model:
    """Load a model file, trusting only the exact types on relscore's allowlist."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"model file {path} not found")
    try:  # one audit: skops refuses any type outside its defaults and this allowlist
        model = sio.load(path, trusted=sorted(_TRUSTED_EXACT))
    except UntrustedTypesFoundException:
        _check_types(sio.get_untrusted_types(file=path), path)  # names what is outside the allowlist
        raise
    _unpack_vocabularies(model)
    if isinstance(model, dict) and model.get("format") == MODEL_FORMAT and model.get("target") in TARGETS:
        model = ScoreModel.from_legacy(model)
    if model_target(model) is None:
        raise ValueError(f"{path} is not a relscore model file (expected a fitted ScoreModel with target in "
                         f"{TARGETS}, a fitted LeanModel, or a dict of format {MODEL_FORMAT!r})")
    if isinstance(model, ScoreModel) and model.cluster_model_ is not None and model.cluster_lexicon_ != CLUSTER_LEXICON:
        raise ValueError(f"{path}: this {model.target} model reads word clusters {model.cluster_lexicon_!r}, "
                         f"but this relscore has {CLUSTER_LEXICON!r}; rebuild the model with this version")
    return model


@lru_cache(maxsize=None)
def _default_model(target: str) -> Model:
    ref = resources.files("scoring.models").joinpath(DEFAULT_MODELS[target])
    with resources.as_file(ref) as p:
        if not Path(p).exists():
            raise FileNotFoundError(f"the bundled {target} model {DEFAULT_MODELS[target]} is missing from "
                                    f"scoring/models; rebuild it with `{BUILD_COMMAND}`")
        return load_model(p)


@lru_cache(maxsize=16)
def _cached_model(path: str, mtime: float) -> Model:
    return load_model(path)


def load_models(model_paths: Sequence[str] | None = None) -> dict[str, Model]:
    """Models by target: the given files (each knows its target), else the bundled ones."""
    if not model_paths:
        return {t: _default_model(t) for t in MODEL_TARGETS}
    out: dict[str, Model] = {}
    for p in model_paths:
        m = _cached_model(str(Path(p).resolve()), Path(p).stat().st_mtime)
        out[str(model_target(m))] = m
    return out
