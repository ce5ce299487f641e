"""Model files: skops round trip, the exact-type allowlist, the dict files written before ScoreModel."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io as sio
from sklearn.preprocessing import StandardScaler

from scoring.model.estimator import MODEL_FORMAT, ScoreModel
from scoring.model.files import (
    _TRUSTED_EXACT, DEFAULT_MODELS, UntrustedModelError, _vectorizers, load_model, model_target, save_model,
)
from scoring.model.lean import LeanModel
from tests.scoring.model.corpora import ROOT, fit, tiny_corpus


@pytest.fixture(scope="module")
def tiny_model():
    d = tiny_corpus()
    return d, fit(d, "reliability")


def test_skops_round_trip_gives_identical_predictions(tiny_model, tmp_path: Path):
    d, model = tiny_model
    loaded = load_model(save_model(model, tmp_path / "m.skops"))
    assert isinstance(loaded, ScoreModel) and loaded.get_params() == model.get_params()
    assert loaded.columns_ == model.columns_ and loaded.meta_ == model.meta_
    p1, w1 = model.predict_with_explanation(d)
    p2, w2 = loaded.predict_with_explanation(d)
    np.testing.assert_array_equal(p1, p2)
    pd.testing.assert_frame_equal(w1, w2)


def test_the_allowlist_names_exact_types():
    assert "scoring.model.estimator.ScoreModel" in _TRUSTED_EXACT
    assert all(not t.endswith(".") for t in _TRUSTED_EXACT)


class Payload:
    """Stands in for anything a malicious file could smuggle in."""

    def __init__(self) -> None:
        self.cmd = "echo owned"


def test_a_file_with_an_untrusted_type_is_refused(tiny_model, tmp_path: Path):
    _, model = tiny_model
    path = tmp_path / "evil.skops"
    model.payload_ = Payload()
    try:
        sio.dump(model, path)
    finally:
        del model.payload_
    with pytest.raises(UntrustedModelError, match="Payload"):
        load_model(path)


def test_a_skops_file_that_is_not_a_model_is_refused(tmp_path: Path):
    path = tmp_path / "plain.skops"
    sio.dump({"target": "nonsense"}, path)
    with pytest.raises(ValueError, match="not a relscore model"):
        load_model(path)
    with pytest.raises(ValueError, match="not a fitted relscore model: ScoreModel"):
        save_model(ScoreModel(), tmp_path / "unfitted.skops")
    with pytest.raises(ValueError, match="not a fitted relscore model: LeanModel"):
        save_model(LeanModel(), tmp_path / "unfitted.skops")


def test_a_model_built_on_other_word_clusters_is_refused(tiny_model, tmp_path: Path):
    d, _ = tiny_model
    bias = fit(d.assign(y=1 - d["y"]), "bias")
    assert load_model(save_model(bias, tmp_path / "ok.skops")).cluster_model_ is not None
    bias.cluster_lexicon_ = "loaded_clusters_v0/c512"
    with pytest.raises(ValueError, match="word clusters 'loaded_clusters_v0/c512'"):
        load_model(save_model(bias, tmp_path / "other.skops"))


def legacy_dict(m: ScoreModel) -> dict:
    """The dict a model file held before ScoreModel (format relscore-model/1)."""
    return {"format": MODEL_FORMAT, "target": m.target, "feature_names": m.feature_names_, "columns": m.columns_,
            "families": m.families_, "text_model": m.text_model_, "text_chars": m.text_chars_,
            "headline_model": m.headline_model_, "cluster_model": m.cluster_model_,
            "cluster_lexicon": m.cluster_lexicon_, "url_model": m.url_model_, "fulltext_model": m.fulltext_model_,
            "blend_weight": m.blend_weight_, "fulltext_reference": m.fulltext_reference_, "pipeline": m.pipeline_,
            "reference": m.reference_, "meta": m.meta_}


def test_a_dict_file_written_before_score_model_still_loads_and_scores_the_same(tmp_path: Path):
    d = tiny_corpus().assign(title="A headline", url="https://x.org/opinion/a")
    d["y"] = 1 - d["y"]
    model = fit(d, "bias", calibrate_on=np.arange(len(d)) % 2 == 0)
    path = tmp_path / "old.skops"
    sio.dump(legacy_dict(model), path)
    loaded = load_model(path)
    assert isinstance(loaded, ScoreModel) and loaded.components() == model.components()
    # the dict names no switches: the conversion states the ones the model was fitted with
    assert loaded.get_params() == {**model.get_params(), **model.components()}
    pd.testing.assert_frame_equal(loaded.explain(d), model.explain(d))
    np.testing.assert_array_equal(loaded.predict_proba(d), model.predict_proba(d))
    with pytest.raises(ValueError, match="not a relscore model dict"):
        ScoreModel.from_legacy({"format": "relscore-model/0", "target": "bias"})


def test_the_bundled_files_hold_score_models_and_a_lean_model():
    assert set(DEFAULT_MODELS) == {"reliability", "bias", "lean"}
    for target, name in DEFAULT_MODELS.items():
        path = ROOT / "scoring" / "models" / name
        if not path.exists():
            pytest.skip(f"bundled model {name} not built")
        kind = "scoring.model.lean.LeanModel" if target == "lean" else "scoring.model.estimator.ScoreModel"
        assert kind in sio.get_untrusted_types(file=path)
        model = load_model(path)
        assert model_target(model) == target and type(model).__name__ == kind.rsplit(".", 1)[1]


def _schema_nodes(path: Path) -> int:
    """How many objects skops describes in the file (each one walked by its audit and its load)."""
    with zipfile.ZipFile(path) as z:
        return z.read("schema.json").decode().count('"__class__"')


def test_vocabularies_are_written_as_term_arrays_and_read_back_as_the_same_dicts(tmp_path: Path):
    d = tiny_corpus().assign(title="A headline", url="https://x.org/opinion/a")
    d["y"] = 1 - d["y"]
    model = fit(d, "bias", calibrate_on=np.arange(len(d)) % 2 == 0)
    vocabularies = [dict(v.vocabulary_) for v in _vectorizers(model)]
    assert len(vocabularies) == 5 and sum(len(v) > 10 for v in vocabularies) >= 3
    packed, plain = save_model(model, tmp_path / "packed.skops"), tmp_path / "plain.skops"
    sio.dump(model, plain)  # a file written before vocabularies became arrays
    # the caller's model keeps its dicts; the file holds one array per vocabulary, not one entry per term
    assert [v.vocabulary_ for v in _vectorizers(model)] == vocabularies
    terms = sum(len(v) for v in vocabularies)
    assert _schema_nodes(plain) - _schema_nodes(packed) > 1.9 * terms  # a key node and a value node per term
    for path in (packed, plain):
        loaded = load_model(path)
        assert [v.vocabulary_ for v in _vectorizers(loaded)] == vocabularies
        np.testing.assert_array_equal(loaded.predict_proba(d), model.predict_proba(d))
        pd.testing.assert_frame_equal(loaded.explain(d), model.explain(d))


def test_a_packed_file_is_still_audited_in_full(tiny_model, tmp_path: Path):
    _, model = tiny_model
    path = tmp_path / "evil_packed.skops"
    model.payload_ = [Payload()]
    try:
        save_model(model, path)
    finally:
        del model.payload_
    assert any(isinstance(v.vocabulary_, dict) for v in _vectorizers(model))
    with pytest.raises(UntrustedModelError, match="Payload"):
        load_model(path)


def _fresh_python(code: str, *args: str) -> str:
    """Run ``code`` in a new interpreter (skops not imported yet) from the project root; its stdout."""
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_skops_trusts_only_the_estimators_relscore_models_hold():
    code = ("import sklearn.utils, sklearn.utils.discovery, skops.io._trusted_types as tt\n"
            "import scoring.model.files as f\n"
            "print(sorted(tt.SKLEARN_ESTIMATOR_TYPE_NAMES) == sorted(f'{c.__module__}.{c.__name__}' "
            "for c in f.SKLEARN_ESTIMATORS))\n"
            "print(sklearn.utils.all_estimators is sklearn.utils.discovery.all_estimators)\n")
    # imported before relscore, skops keeps its own default (every estimator); after it, relscore's few
    assert _fresh_python(code).split() == ["False", "True"]
    assert _fresh_python(code.replace("import sklearn.utils, sklearn.utils.discovery, skops.io._trusted_types as tt\n"
                                      "import scoring.model.files as f\n",
                                      "import scoring.model.files as f\nimport sklearn.utils, sklearn.utils."
                                      "discovery, skops.io._trusted_types as tt\n")).split() == ["True", "True"]


def test_skops_is_imported_without_the_modules_it_needs_only_for_types_relscore_files_never_hold():
    code = ("import sys\nimport scoring.model.files as f\nimport skops.io._trusted_types as tt\n"
            "print('sklearn.ensemble' in sys.modules, any('_BinMapper' in t for t in tt.SKLEARN_INTERNAL_TYPE_NAMES))\n"
            "from sklearn.ensemble._hist_gradient_boosting.binning import _BinMapper\n"
            "print(_BinMapper.__module__, all(m in sys.modules for m in f.SKOPS_OPTIONAL_MODULES))\n")
    # the binner is neither imported nor trusted, and imports normally afterwards
    assert _fresh_python(code).split() == ["False", "False", "sklearn.ensemble._hist_gradient_boosting.binning",
                                           "True"]
    # imported before relscore, skops keeps its own default: the binner trusted
    assert _fresh_python("import sklearn.ensemble\n" + code).split()[:2] == ["True", "True"]


def test_a_file_holding_a_type_of_a_module_kept_from_skops_is_refused(tiny_model, tmp_path: Path):
    from sklearn.ensemble._hist_gradient_boosting.binning import _BinMapper

    _, model = tiny_model
    path = tmp_path / "binner.skops"
    model.binner_ = _BinMapper(n_bins=4).fit(np.arange(12.0).reshape(6, 2))
    try:
        sio.dump(model, path)
    finally:
        del model.binner_
    code = ("import sys\nfrom scoring.model.files import UntrustedModelError, load_model\n"
            "try:\n    load_model(sys.argv[1])\nexcept UntrustedModelError as e:\n    print('refused', '_BinMapper' in str(e))\n")
    assert _fresh_python(code, str(path)).splitlines() == ["refused True"]


def test_a_file_with_another_estimator_is_refused_and_the_bundled_ones_load(tiny_model, tmp_path: Path):
    _, model = tiny_model
    path = tmp_path / "other.skops"
    model.scaler_ = StandardScaler().fit(np.arange(6.0).reshape(3, 2))
    try:
        sio.dump(model, path)
    finally:
        del model.scaler_
    code = ("import sys\nfrom scoring.model.files import UntrustedModelError, load_model, load_models\n"
            "print(sorted(load_models()))\n"
            "try:\n    load_model(sys.argv[1])\nexcept UntrustedModelError as e:\n    print('refused', 'StandardScaler' in str(e))\n")
    assert _fresh_python(code, str(path)).splitlines() == ["['bias', 'lean', 'reliability']", "refused True"]
