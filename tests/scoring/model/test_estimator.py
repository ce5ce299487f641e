"""ScoreModel: what each component reads, how a missing input counts, the calibration rows,
the explanations adding up, and the scikit-learn estimator contract."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from features import FEATURE_NAMES, analyze
from features.criteria import CRITERIA, assess
from scoring.model.calibration import pipeline_parts
from scoring.model.estimator import (
    BLEND_WEIGHTS, CLUSTER_COLUMN, CRITERIA_FAMILY, URL_COLUMN, ScoreModel,
)
from scoring.model.wording import TEXT_CHARS
from tests.scoring.model.corpora import (
    CALM, FAMILIES, FEATURES, RANT, fit, headline_corpus, tiny_corpus, two_source_corpus, uninformative_corpus, url_corpus,
)


@pytest.fixture(scope="module")
def tiny_model():
    d = tiny_corpus()
    return d, fit(d, "reliability")


def test_model_separates_the_registers_and_explains_by_family(tiny_model):
    d, model = tiny_model
    p, why = model.predict_with_explanation(d)
    assert p[d["y"] == 1].mean() > 0.6 > 0.4 > p[d["y"] == 0].mean()
    assert list(why.columns) == ["style", "sourcing", "wording"]
    # points add up to the score's distance from the typical article
    assert np.allclose(why.sum(axis=1), 100 * p - model.meta_["base_score"], atol=0.05)


def test_the_estimator_contract(tiny_model):
    d, model = tiny_model
    proba = model.predict_proba(d)
    assert proba.shape == (len(d), 2) and np.allclose(proba.sum(axis=1), 1.0)
    assert list(model.classes_) == [0, 1]
    np.testing.assert_array_equal(model.predict(d), (proba[:, 1] >= 0.5).astype(int))
    pd.testing.assert_frame_equal(model.explain(d), model.predict_with_explanation(d)[1])
    assert model.score(d, d["y"].astype(int)) > 0.9  # ClassifierMixin's accuracy
    # parameters are constructor arguments: clone gives an unfitted copy, set_params a variant
    params = model.get_params()
    assert params["target"] == "reliability" and params["n_splits"] == 3 and params["feature_names"] == FEATURES
    copy = clone(model)
    assert copy.get_params() == params and not hasattr(copy, "pipeline_")
    no_words = copy.set_params(wording=False).fit(d, d["y"].astype(int), groups=d["outlet"])
    assert "wording" not in no_words.explain(d).columns


def test_groups_default_to_the_outlet_column_and_are_required():
    d = tiny_corpus()
    a = ScoreModel(n_splits=3, feature_names=FEATURES).fit(d, d["y"])
    b = ScoreModel(n_splits=3, feature_names=FEATURES).fit(d, d["y"], groups=d["outlet"])
    np.testing.assert_array_equal(a.predict_proba(d), b.predict_proba(d))
    with pytest.raises(ValueError, match="grouped by outlet"):
        ScoreModel(feature_names=FEATURES).fit(d.drop(columns="outlet"), d["y"])
    with pytest.raises(ValueError, match="both classes"):
        ScoreModel(feature_names=FEATURES).fit(d, np.ones(len(d)))
    with pytest.raises(ValueError, match="target must be one of"):
        ScoreModel("nonsense", feature_names=FEATURES).fit(d, d["y"])


def test_the_bias_model_reads_headlines_and_treats_a_missing_one_as_average():
    d = headline_corpus()
    model = fit(d, "bias")
    assert model.headline_model_ is not None and "headline_wording_logit" in model.columns_
    p, why = model.predict_with_explanation(d)
    assert p[d["y"] == 1].min() > 0.5 > p[d["y"] == 0].max()
    assert list(why.columns) == ["style", "sourcing", "wording"]  # the headline counts as wording
    assert (why.loc[d["y"] == 1, "wording"] > 0).all()
    # a new headline in the same register moves the score the same way
    one = d.iloc[:1]
    assert model.predict_proba(one.assign(title="EXPOSED: Lying Traitors!"))[0, 1] > 0.5 \
        > model.predict_proba(one.assign(title="Officials revise figures"))[0, 1]
    # no headline: no headline evidence, whether the title is empty or absent
    empty = model.predict_proba(d.assign(title=""))[:, 1]
    absent = model.predict_proba(d.drop(columns="title"))[:, 1]
    np.testing.assert_allclose(empty, absent)
    gap = empty[d["y"] == 1].mean() - empty[d["y"] == 0].mean()
    assert abs(gap) < 0.15 < p[d["y"] == 1].mean() - p[d["y"] == 0].mean()
    # reliability models do not read headlines (not validated there), unless switched on
    rel = fit(d, "reliability")
    assert rel.headline_model_ is None and "headline_wording_logit" not in rel.columns_
    assert fit(d, "reliability", headline=True).headline_model_ is not None


def test_the_bias_model_reads_the_url_section_and_treats_a_missing_url_as_average():
    d = url_corpus()
    model = fit(d, "bias")
    assert model.families_["url"] == [URL_COLUMN]
    # articles of an outlet never seen in training, filed under either kind of section
    urls = ["https://other.org/opinion/2019/01/story-1", "https://other.org/news/2019/01/story-2",
            "other.org/commentary/2019/02/story-3", "https://www.other.org/news/2019/02/story-4?ref=home"]
    p, why = model.predict_with_explanation(d.iloc[:4].assign(url=urls))
    assert p[0] > 0.5 > p[1] and p[2] > 0.5 > p[3]
    assert why["url"].iloc[0] > 0 > why["url"].iloc[1]
    # no URL, or one without a path: no URL evidence, the average training article's value
    none, why_none = model.predict_with_explanation(d.iloc[:4].drop(columns="url"))
    bare = model.predict_proba(d.iloc[:4].assign(url="https://other.org"))[:, 1]
    np.testing.assert_allclose(none, bare)
    assert np.allclose(why_none["url"], 0.0)
    # reliability models do not read URLs (not validated there)
    rel = fit(d, "reliability")
    assert rel.url_model_ is None and URL_COLUMN not in rel.columns_


def test_the_url_model_learns_from_the_calibration_rows_only():
    # outlet-labelled rows (not calibration rows) file their y = 1 articles under /news/ and their
    # y = 0 ones under /opinion/; the hand-labelled rows the other way round, and they decide
    d = pd.concat([url_corpus(3), url_corpus(4).assign(outlet=lambda t: "aux-" + t["outlet"])], ignore_index=True)
    hand = ~d["outlet"].str.startswith("aux-")
    d.loc[~hand, "url"] = d.loc[~hand, "url"].str.replace("/news/", "/tmp/").str.replace(
        r"/(opinion|commentary)/", "/news/", regex=True).str.replace("/tmp/", "/opinion/")
    model = fit(d, "bias", calibrate_on=hand.to_numpy())
    logit = model.url_model_.decision_function(["opinion story", "news story"])
    assert logit[0] > 0 > logit[1]
    # learning from every row, the two conventions cancel out
    gap = fit(d, "bias").url_model_.decision_function(["opinion story", "news story"])
    assert abs(gap[0] - gap[1]) < (logit[0] - logit[1]) / 4


def test_a_bias_model_trains_without_the_url_column_when_no_path_word_is_shared(caplog):
    d = url_corpus()
    # each outlet's sections have names of their own: no path word is used by 3 outlets
    d["url"] = [f"https://{o}/desk{'abcdefghij'[int(o[6])]}/{i}" for i, o in enumerate(d["outlet"])]
    with caplog.at_level("WARNING", logger="scoring.model.estimator"):
        model = fit(d, "bias")
    assert model.url_model_ is None and "url" not in model.families_
    assert "without the URL component" in caplog.text


def test_the_bias_model_blends_in_the_full_text_model_which_reads_past_the_clip():
    # the register shows only at the end of long articles, past what the stacked wording columns read
    d, rng = uninformative_corpus(5)
    d["y"] = 1.0 - d["y"]
    # (the blank lines stand in for a long body; the calm openings are drawn per article)
    pad = "\n" * TEXT_CHARS
    d["text"] = [t + pad + " ".join(rng.choice(RANT if y else CALM, size=2)) for t, y in zip(d["text"], d["y"])]
    model = fit(d, "bias")
    assert model.fulltext_model_ is not None and model.blend_weight_ == BLEND_WEIGHTS["bias"]
    p, why = model.predict_with_explanation(d)
    assert p[d["y"] == 1].mean() > 0.5 > p[d["y"] == 0].mean()
    assert (why.loc[d["y"] == 1, "wording"] > 0).mean() > 0.9
    # the points still add up to the distance from the base score
    assert np.allclose(why.sum(axis=1), 100 * p - model.meta_["base_score"], atol=0.05)
    # a new article with a charged ending scores above the same article with a calm one
    ends = [d["text"][0][:TEXT_CHARS] + "Wake up, people! The corrupt traitors are lying to you!",
            d["text"][0][:TEXT_CHARS] + "The court adjourned until Monday."]
    q = model.predict_proba(d.iloc[:2].assign(text=ends))[:, 1]
    assert q[0] > 0.5 > q[1]
    # without text, the full-text model adds nothing: the average training article's value
    assert np.allclose(model.explain(d.drop(columns="text"))["wording"], 0.0)
    # blend=0 switches it off
    assert fit(d, "bias", blend=0.0).fulltext_model_ is None


def test_an_article_without_a_headline_has_no_headline_feature_evidence():
    # every training article has a headline, and long headlines go with label 1
    d = tiny_corpus(per_outlet=8)
    rng = np.random.default_rng(2)
    d["headline_word_count"] = np.where(d["y"] == 1, 14, 7) + rng.integers(-2, 3, len(d))
    names = ["exclaims", "headline_word_count"]
    model = fit(d.drop(columns="text"), "reliability", features=names,
                families={"style": ["exclaims"], "headline": ["headline_word_count"]})
    why = model.explain(d[names])
    assert why.loc[d["y"] == 1, "headline"].mean() > 5 and why.loc[d["y"] == 0, "headline"].mean() < -5
    # no headline: headline_word_count 0, which no training article has; it reads as the average
    # article's, not as an extreme short headline
    p0, why0 = model.predict_with_explanation(d[names].assign(headline_word_count=0.0))
    np.testing.assert_allclose(why0["headline"], 0.0, atol=1e-9)
    np.testing.assert_allclose(p0, model.predict_proba(d[names].assign(headline_word_count=np.nan))[:, 1])
    # the other evidence still decides
    assert p0[d["y"] == 1].mean() - p0[d["y"] == 0].mean() > 0.2


def test_recalibrating_on_hand_labels_moves_the_50_point_and_keeps_the_ranking():
    d = two_source_corpus()
    kw = dict(features=["x", "noise"], families={"style": ["x"], "sourcing": ["noise"]}, n_splits=4)
    plain = fit(d, "bias", **kw)
    hand = fit(d, "bias", calibrate_on=d["hand"], **kw)
    grid = pd.DataFrame({"x": np.linspace(-3, 3, 61), "noise": 0.0})
    p_plain = plain.predict_proba(grid)[:, 1]
    p_hand, why = hand.predict_with_explanation(grid)
    at = {name: float(np.interp(0.5, p, grid["x"])) for name, p in (("plain", p_plain), ("hand", p_hand))}
    # the weaker labels put 50 near their own cut; the hand labels' cut is x = 1
    assert at["plain"] < 0.3
    assert 0.6 < at["hand"] < 1.4
    # same classifier, another sigmoid: the order of the articles (hence AUC) does not change
    assert (np.argsort(p_plain, kind="stable") == np.argsort(p_hand, kind="stable")).all()
    # explanations still add up to the score's distance from the base score
    assert np.allclose(why.sum(axis=1), 100 * p_hand - hand.meta_["base_score"], atol=0.05)


def test_recalibration_needs_both_classes_among_the_marked_rows(caplog):
    d = two_source_corpus()
    kw = dict(features=["x", "noise"], families={"style": ["x"], "sourcing": ["noise"]}, n_splits=4)
    plain = fit(d, "bias", **kw)
    with caplog.at_level("WARNING"):
        kept = fit(d, "bias", calibrate_on=d["hand"] & (d["y"] == 0), **kw)
    assert "one class only" in caplog.text
    grid = pd.DataFrame({"x": [-2.0, 0.0, 2.0], "noise": 0.0})
    np.testing.assert_allclose(plain.predict_proba(grid), kept.predict_proba(grid))


def test_only_the_bias_model_reads_word_clusters(tiny_model):
    d, reliability = tiny_model
    assert reliability.cluster_model_ is None and CLUSTER_COLUMN not in reliability.columns_
    bias = fit(d.assign(y=1 - d["y"]), "bias")
    assert CLUSTER_COLUMN in bias.families_["wording"]
    p = bias.predict_proba(d)[:, 1]
    assert p[d["y"] == 0].mean() > p[d["y"] == 1].mean()
    assert not np.allclose(p, bias.predict_proba(d.drop(columns="text"))[:, 1])
    assert fit(d.assign(y=1 - d["y"]), "bias", clusters=False).cluster_model_ is None


def _with_criteria(d: pd.DataFrame) -> pd.DataFrame:
    """``d`` with bodies long enough to judge (each one's sentences four times over) and the criteria
    card of each (measured by ``features.criteria``), plus a creators value that, against its
    meaning, is high on the ranting outlets only."""
    d = d.assign(text=[" ".join([t] * 4) for t in d["text"]])
    cards = [assess(analyze(t)).values() for t in d["text"]]
    d = pd.concat([d, pd.DataFrame(cards, index=d.index)], axis=1)
    d["criterion_creators"] = np.where(d["y"] == 1, 0.0, 100.0)
    return d


def test_the_reliability_model_reads_the_criteria_and_none_lowers_the_score():
    d = _with_criteria(tiny_corpus())
    assert d.loc[d["y"] == 1, "criterion_news_opinion"].mean() > d.loc[d["y"] == 0, "criterion_news_opinion"].mean()
    model = fit(d, "reliability", wording=False)
    # without headlines the headline criterion is measured nowhere, so it is not read
    read = [c for c in CRITERIA if c != "criterion_headline"]
    assert model.families_[CRITERIA_FAMILY] == read
    p, why = model.predict_with_explanation(d)
    assert "criteria" in why.columns
    assert np.allclose(why.sum(axis=1), 100 * p - model.meta_["base_score"], atol=0.05)
    coef = dict(zip(model.columns_, pipeline_parts(model.pipeline_)[1].coef_[0]))
    assert all(coef[c] >= 0 for c in read)
    assert coef["criterion_news_opinion"] > 0  # it tells the calm outlets from the ranting ones
    # creators, high only on ranting outlets, would take a negative weight: bounded to none
    free = ScoreModel("reliability", n_splits=3, feature_names=[*FEATURES, *read], families=FAMILIES,
                      wording=False, criteria=False).fit(d, d["y"].astype(int), groups=d["outlet"])
    assert dict(zip(free.columns_, pipeline_parts(free.pipeline_)[1].coef_[0]))["criterion_creators"] < 0
    assert coef["criterion_creators"] == 0.0
    # every criterion raised, all else equal: no score falls
    for c in read:
        better = d.assign(**{c: np.minimum(d[c] + 30, 100)})
        assert np.all(model.predict_proba(better)[:, 1] >= p - 1e-9), c


def test_without_criterion_columns_the_model_trains_without_them_unless_asked(caplog):
    d = tiny_corpus()
    assert CRITERIA_FAMILY not in fit(d, "reliability", wording=False).families_
    assert "without the criteria" in caplog.text
    with pytest.raises(ValueError, match="criteria=True"):
        fit(d, "reliability", wording=False, criteria=True)
    # the bias model reads no criteria unless asked
    assert CRITERIA_FAMILY not in fit(_with_criteria(d), "bias", wording=False).families_


def test_the_score_models_do_not_read_page_furniture():
    # only the furniture family tells the classes apart: a byline, dateline and credits on every
    # article of the reliable outlets, none on the others (as when one saved its pages as one block)
    d, rng = uninformative_corpus(5)
    for c in FEATURE_NAMES:
        d[c] = rng.normal(0, 1, len(d))
    d["furniture_count"] = np.where(d["y"] == 1, 3.0, 0.0)
    d["furniture_char_share"] = np.where(d["y"] == 1, 0.08, 0.0)
    for target in ("reliability", "bias"):
        model = ScoreModel(target, n_splits=3, wording=False).fit(d, d["y"].astype(int))
        assert "furniture" not in model.families_ and "furniture_count" not in model.columns_
        p, why = model.predict_with_explanation(d)
        assert "furniture" not in why.columns and "insertions" in why.columns
        # the furniture found or lost (an export's one block) leaves the score as it was
        stripped = d.assign(furniture_count=0.0, furniture_char_share=0.0)
        np.testing.assert_allclose(model.predict_proba(stripped)[:, 1], p)
        # a model told to read every feature column learns the layout and moves with it
        told = ScoreModel(target, n_splits=3, wording=False, feature_names=FEATURE_NAMES).fit(d, d["y"].astype(int))
        q = told.predict_proba(d)[:, 1]
        assert q[d["y"] == 1].min() > q[d["y"] == 0].max()
        assert np.abs(told.predict_proba(stripped)[:, 1] - q).max() > 0.2
