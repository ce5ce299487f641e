"""The score model: skops round-trip, refusal of untrusted files, grouped evaluation,
and predict_scores on the bundled sample articles."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io as sio
from sklearn.linear_model import LogisticRegression

from scoring.model.evaluate import Prepared, evaluate_prepared, model_runners
from scoring.model.estimator import (
    TARGETS, UntrustedModelError, balanced_sigmoid, fit_model, load_model, outlet_weights, predict_scores,
    predict_with_explanation, save_model,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "notebooks" / "data" / "samples"
FAMILIES = {"style": ["exclaims"], "sourcing": ["quotes"]}

# Two registers of real-looking news prose: sourced wire copy vs a ranting blog.
CALM = [
    "The ministry said on Tuesday that talks would resume next week, according to two officials.",
    "Officials told reporters the figures were preliminary and could be revised, the agency said.",
    "The company reported quarterly revenue of $2.1 billion, in line with analysts' estimates.",
    "The court adjourned until Monday; lawyers for both sides declined to comment.",
]
RANT = [
    "This is an OUTRAGE! The corrupt elites are lying to you again and nobody will stop them!",
    "Wake up, people! The disgusting traitors want to destroy everything we love!",
    "Total disaster! These clowns are ruining the country and the fake media covers it up!",
    "Shameful! They think you are stupid, and they laugh at you while they steal!",
]


def tiny_corpus(n_outlets: int = 10, per_outlet: int = 6, seed: int = 0) -> pd.DataFrame:
    """Outlets whose articles are all calm (label 1) or all ranting (label 0)."""
    rng = np.random.default_rng(seed)
    rows = []
    for o in range(n_outlets):
        good = o % 2 == 0
        for i in range(per_outlet):
            pool = CALM if good else RANT
            text = " ".join(rng.choice(pool, size=3, replace=True))
            rows.append({
                "id": f"o{o}-{i}", "corpus": "tiny", "outlet": f"outlet{o}.com",
                "date": pd.Timestamp("2016-01-01") + pd.Timedelta(days=int(rng.integers(0, 900))),
                "text": text, "exclaims": text.count("!") + rng.normal(0, 0.3),
                "quotes": text.count(" said") + rng.normal(0, 0.3), "y": 1.0 if good else 0.0,
            })
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def tiny_model():
    d = tiny_corpus()
    return d, fit_model(d[["exclaims", "quotes"]], d["y"].astype(int), d["outlet"], "reliability",
                        texts=d["text"].tolist(), feature_names=["exclaims", "quotes"], families=FAMILIES,
                        n_splits=3)


def test_model_separates_the_registers_and_explains_by_family(tiny_model):
    d, model = tiny_model
    p, why = predict_with_explanation(model, d[["exclaims", "quotes"]], d["text"].tolist())
    assert p[d["y"] == 1].mean() > 0.6 > 0.4 > p[d["y"] == 0].mean()
    assert list(why.columns) == ["style", "sourcing", "wording"]
    # points add up to the score's distance from the typical article
    base = model["meta"]["base_score"]
    assert np.allclose(why.sum(axis=1), 100 * p - base, atol=0.05)


CALM_HEADLINES = ["Talks to resume next week, officials say", "Court adjourns until Monday",
                  "Company revenue in line with estimates", "Ministry revises preliminary figures"]
SHOUT_HEADLINES = ["STUNNING: Elites CAUGHT Lying Again!", "WATCH => Traitors DESTROY Everything!",
                   "SHOCKING: The ‘Experts’ Laugh At You!", "BOOM! Corrupt Clowns EXPOSED!"]


def uninformative_corpus(seed: int) -> tuple[pd.DataFrame, np.random.Generator]:
    """``tiny_corpus`` with every body drawn from the same calm pool and noise for features, so only
    what a test adds tells the classes apart; and the generator, to draw that addition from."""
    d = tiny_corpus(per_outlet=8)
    rng = np.random.default_rng(seed)
    d["text"] = [" ".join(rng.choice(CALM, size=3)) for _ in range(len(d))]
    d["exclaims"] = rng.normal(0, 1, len(d))
    d["quotes"] = rng.normal(0, 1, len(d))
    return d, rng


def fit_bias_file(d: pd.DataFrame, path: Path, **kw) -> dict:
    """A bias model on ``d`` (features exclaims, quotes) through a skops round trip."""
    model = fit_model(d[["exclaims", "quotes"]], d["y"].astype(int), d["outlet"], "bias", texts=d["text"].tolist(),
                      feature_names=["exclaims", "quotes"], families=FAMILIES, n_splits=3, **kw)
    return load_model(save_model(model, path))


def headline_corpus() -> pd.DataFrame:
    """Only the headlines tell the hyperpartisan outlets (y = 1) from the others."""
    d, rng = uninformative_corpus(1)
    d["y"] = 1.0 - d["y"]
    d["title"] = [rng.choice(SHOUT_HEADLINES if y else CALM_HEADLINES) for y in d["y"]]
    return d


def test_the_bias_model_reads_headlines_and_treats_a_missing_one_as_average(tmp_path: Path):
    d = headline_corpus()
    X = d[["exclaims", "quotes"]]
    model = fit_bias_file(d, tmp_path / "b.skops", titles=d["title"].tolist())
    assert model["headline_model"] is not None and "headline_wording_logit" in model["columns"]
    p, why = predict_with_explanation(model, X, d["text"].tolist(), d["title"].tolist())
    assert p[d["y"] == 1].min() > 0.5 > p[d["y"] == 0].max()
    assert list(why.columns) == ["style", "sourcing", "wording"]  # the headline counts as wording
    assert (why.loc[d["y"] == 1, "wording"] > 0).all()
    # a new headline in the same register moves the score the same way
    unseen = predict_with_explanation(model, X.iloc[:1], d["text"].tolist()[:1], ["EXPOSED: Lying Traitors!"])[0]
    calm = predict_with_explanation(model, X.iloc[:1], d["text"].tolist()[:1], ["Officials revise figures"])[0]
    assert unseen[0] > 0.5 > calm[0]
    # no headline: no headline evidence, whether the title is empty or absent
    empty, why_empty = predict_with_explanation(model, X, d["text"].tolist(), [""] * len(d))
    absent, _ = predict_with_explanation(model, X, d["text"].tolist(), None)
    np.testing.assert_allclose(empty, absent)
    gap = empty[d["y"] == 1].mean() - empty[d["y"] == 0].mean()
    assert abs(gap) < 0.15 < p[d["y"] == 1].mean() - p[d["y"] == 0].mean()
    # reliability models do not read headlines (not validated there)
    rel = fit_model(X, d["y"].astype(int), d["outlet"], "reliability", texts=d["text"].tolist(),
                    titles=d["title"].tolist(), feature_names=["exclaims", "quotes"], families=FAMILIES, n_splits=3)
    assert rel["headline_model"] is None and "headline_wording_logit" not in rel["columns"]


def test_url_paths_keep_the_path_words_only():
    from scoring.model.estimator import url_paths

    assert url_paths([
        "https://www.example.com/opinion/2017/10/12/a-cruel-old-man.html?utm_source=feed#comments",
        "example.co.uk/News/Caf%C3%A9-Owner_Fined-2", "http://example.com", None, "",
    ]) == ["opinion cruel old man html", "news café owner fined", "", "", ""]


def url_corpus(seed: int = 3) -> pd.DataFrame:
    """Every outlet files both kinds of article; bodies, headlines and features say nothing, only the
    URL's section does: hyperpartisan articles (y = 1) under /opinion/ or /commentary/, others under /news/."""
    d, rng = uninformative_corpus(seed)
    d["y"] = (np.arange(len(d)) % 2).astype(float)
    section = np.where(d["y"] == 1, rng.choice(["opinion", "commentary"], len(d)), "news")
    d["url"] = [f"https://www.{o}/{s}/2018/05/story-{i}" for i, (o, s) in enumerate(zip(d["outlet"], section))]
    return d


def test_the_bias_model_reads_the_url_section_and_treats_a_missing_url_as_average(tmp_path: Path):
    from scoring.model.estimator import URL_COLUMN

    d = url_corpus()
    X = d[["exclaims", "quotes"]]
    model = fit_bias_file(d, tmp_path / "u.skops", urls=d["url"].tolist())
    assert model["families"]["url"] == [URL_COLUMN]
    # articles of an outlet never seen in training, filed under either kind of section
    urls = ["https://other.org/opinion/2019/01/story-1", "https://other.org/news/2019/01/story-2",
            "other.org/commentary/2019/02/story-3", "https://www.other.org/news/2019/02/story-4?ref=home"]
    p, why = predict_with_explanation(model, X.iloc[:4], d["text"].tolist()[:4], urls=urls)
    assert p[0] > 0.5 > p[1] and p[2] > 0.5 > p[3]
    assert why["url"].iloc[0] > 0 > why["url"].iloc[1]
    # no URL, or one without a path: no URL evidence, the average training article's value
    none, why_none = predict_with_explanation(model, X.iloc[:4], d["text"].tolist()[:4], urls=None)
    bare, _ = predict_with_explanation(model, X.iloc[:4], d["text"].tolist()[:4], urls=["https://other.org"] * 4)
    np.testing.assert_allclose(none, bare)
    assert np.allclose(why_none["url"], 0.0)
    # reliability models do not read URLs (not validated there)
    rel = fit_model(X, d["y"].astype(int), d["outlet"], "reliability", texts=d["text"].tolist(),
                    urls=d["url"].tolist(), feature_names=["exclaims", "quotes"], families=FAMILIES, n_splits=3)
    assert rel["url_model"] is None and URL_COLUMN not in rel["columns"]


def test_the_url_model_learns_from_the_calibration_rows_only(tmp_path: Path):
    # outlet-labelled rows (not calibration rows) file their y = 1 articles under /news/ and their
    # y = 0 ones under /opinion/; the hand-labelled rows the other way round, and they decide
    d = pd.concat([url_corpus(3), url_corpus(4).assign(outlet=lambda t: "aux-" + t["outlet"])], ignore_index=True)
    hand = ~d["outlet"].str.startswith("aux-")
    d.loc[~hand, "url"] = d.loc[~hand, "url"].str.replace("/news/", "/tmp/").str.replace(
        r"/(opinion|commentary)/", "/news/", regex=True).str.replace("/tmp/", "/opinion/")
    model = fit_bias_file(d, tmp_path / "h.skops", urls=d["url"].tolist(), calibrate_on=hand.to_numpy())
    logit = model["url_model"].decision_function(["opinion story", "news story"])
    assert logit[0] > 0 > logit[1]
    # learning from every row, the two conventions cancel out
    every = fit_bias_file(d, tmp_path / "a.skops", urls=d["url"].tolist())["url_model"]
    gap = every.decision_function(["opinion story", "news story"])
    assert abs(gap[0] - gap[1]) < (logit[0] - logit[1]) / 4


def test_a_bias_model_trains_without_the_url_column_when_no_path_word_is_shared(caplog, tmp_path: Path):
    d = url_corpus()
    # each outlet's sections have names of their own: no path word is used by 3 outlets
    d["url"] = [f"https://{o}/desk{'abcdefghij'[int(o[6])]}/{i}" for i, o in enumerate(d["outlet"])]
    with caplog.at_level("WARNING", logger="scoring.model.estimator"):
        model = fit_bias_file(d, tmp_path / "n.skops", urls=d["url"].tolist())
    assert model["url_model"] is None and "url" not in model["families"]
    assert "without the URL component" in caplog.text


def test_the_bias_model_blends_in_the_full_text_model_which_reads_past_the_clip(tmp_path: Path):
    from scoring.model.estimator import BLEND_WEIGHTS, TEXT_CHARS

    # the register shows only at the end of long articles, past what the stacked wording columns read
    d, rng = uninformative_corpus(5)
    d["y"] = 1.0 - d["y"]
    # (the blank lines stand in for a long body; the calm openings are drawn per article)
    pad = "\n" * TEXT_CHARS
    d["text"] = [t + pad + " ".join(rng.choice(RANT if y else CALM, size=2)) for t, y in zip(d["text"], d["y"])]
    model = fit_bias_file(d, tmp_path / "f.skops")
    assert model["fulltext_model"] is not None and model["blend_weight"] == BLEND_WEIGHTS["bias"]
    X = d[["exclaims", "quotes"]]
    p, why = predict_with_explanation(model, X, d["text"].tolist())
    assert p[d["y"] == 1].mean() > 0.5 > p[d["y"] == 0].mean()
    assert (why.loc[d["y"] == 1, "wording"] > 0).mean() > 0.9
    # the points still add up to the distance from the base score
    assert np.allclose(why.sum(axis=1), 100 * p - model["meta"]["base_score"], atol=0.05)
    # a new article with a charged ending scores above the same article with a calm one
    ends = [d["text"][0][:TEXT_CHARS] + "Wake up, people! The corrupt traitors are lying to you!",
            d["text"][0][:TEXT_CHARS] + "The court adjourned until Monday."]
    q, _ = predict_with_explanation(model, X.iloc[:2], ends)
    assert q[0] > 0.5 > q[1]
    # without text, the full-text model adds nothing: the average training article's value
    _, why_none = predict_with_explanation(model, X, None)
    assert np.allclose(why_none["wording"], 0.0)


def test_an_article_without_a_headline_has_no_headline_feature_evidence():
    # every training article has a headline, and long headlines go with label 1
    d = tiny_corpus(per_outlet=8)
    rng = np.random.default_rng(2)
    d["headline_word_count"] = np.where(d["y"] == 1, 14, 7) + rng.integers(-2, 3, len(d))
    names = ["exclaims", "headline_word_count"]
    fams = {"style": ["exclaims"], "headline": ["headline_word_count"]}
    model = fit_model(d[names], d["y"].astype(int), d["outlet"], "reliability", feature_names=names,
                      families=fams, n_splits=3)
    titled, why = predict_with_explanation(model, d[names])
    assert why.loc[d["y"] == 1, "headline"].mean() > 5 and why.loc[d["y"] == 0, "headline"].mean() < -5
    # no headline: headline_word_count 0, which no training article has; it reads as the average
    # article's, not as an extreme short headline
    untitled = d[names].assign(headline_word_count=0.0)
    p0, why0 = predict_with_explanation(model, untitled)
    np.testing.assert_allclose(why0["headline"], 0.0, atol=1e-9)
    missing, _ = predict_with_explanation(model, d[names].assign(headline_word_count=np.nan))
    np.testing.assert_allclose(p0, missing)
    # the other evidence still decides
    assert p0[d["y"] == 1].mean() - p0[d["y"] == 0].mean() > 0.2


def test_skops_round_trip_gives_identical_predictions(tiny_model, tmp_path: Path):
    d, model = tiny_model
    path = save_model(model, tmp_path / "m.skops")
    loaded = load_model(path)
    assert loaded["target"] == "reliability" and loaded["columns"] == model["columns"]
    p1, w1 = predict_with_explanation(model, d[["exclaims", "quotes"]], d["text"].tolist())
    p2, w2 = predict_with_explanation(loaded, d[["exclaims", "quotes"]], d["text"].tolist())
    np.testing.assert_allclose(p1, p2)
    pd.testing.assert_frame_equal(w1, w2)


class Payload:
    """Stands in for anything a malicious file could smuggle in."""

    def __init__(self) -> None:
        self.cmd = "echo owned"


def test_a_file_with_an_untrusted_type_is_refused(tiny_model, tmp_path: Path):
    _, model = tiny_model
    path = tmp_path / "evil.skops"
    sio.dump({**model, "extra": Payload()}, path)
    with pytest.raises(UntrustedModelError, match="Payload"):
        load_model(path)


def test_a_skops_file_that_is_not_a_model_is_refused(tmp_path: Path):
    path = tmp_path / "plain.skops"
    sio.dump({"target": "nonsense"}, path)
    with pytest.raises(ValueError, match="not a relscore model"):
        load_model(path)


def test_evaluate_keeps_each_outlet_on_one_side_of_every_fold():
    d = tiny_corpus(n_outlets=10, per_outlet=5)
    d["eval"] = d["y"]
    prep = Prepared("reliability", d, ["exclaims", "quotes"], {"calm_vs_rant": "eval"})
    seen: list[tuple[set, set]] = []

    def spy(train: pd.DataFrame, test: pd.DataFrame, prep: Prepared) -> np.ndarray:
        seen.append((set(train["outlet"]), set(test["outlet"])))
        return np.full(len(test), 0.5)

    runners = {**model_runners(use_text=False), "spy": spy}
    res = evaluate_prepared(prep, n_splits=5, seed=0, runners=runners, time_split=False)
    assert len(seen) == 5
    for train_outlets, test_outlets in seen:
        assert test_outlets and not train_outlets & test_outlets
    # every outlet is tested exactly once
    assert sum(len(t) for _, t in seen) == 10
    # the features separate the registers on unseen outlets; the prior cannot
    assert res["mean"]["relscore"]["calm_vs_rant"]["roc_auc"] > 0.9
    assert res["mean"]["majority"]["calm_vs_rant"]["roc_auc"] == pytest.approx(0.5)
    assert {"roc_auc", "macro_f1", "brier"} <= set(res["folds"][0]["relscore"]["calm_vs_rant"])
    assert res["calibration"]["relscore"]["calm_vs_rant"]


def test_outlet_weights_give_every_outlet_the_same_total():
    w = outlet_weights(["big"] * 8 + ["small"] * 2)
    assert w[:8].sum() == pytest.approx(w[8:].sum())


def _sample_frame() -> pd.DataFrame:
    from features import FEATURE_NAMES, analyze

    rows = []
    for p in sorted(SAMPLES.glob("*.txt")):
        title, _, body = p.read_text(encoding="utf-8").partition("\n")
        feats = analyze(body, title).features
        rows.append({**feats, "text": body, "title": title})
    return pd.DataFrame(rows, columns=[*FEATURE_NAMES, "text", "title"])


def test_predict_scores_on_the_samples_with_the_bundled_models():
    from scoring.model.estimator import DEFAULT_MODELS

    missing = [f for f in DEFAULT_MODELS.values() if not (ROOT / "scoring" / "models" / f).exists()]
    if missing:
        pytest.skip(f"bundled models not built yet: {missing}")
    frame = _sample_frame()
    frame.index = [f"a{i}" for i in range(len(frame))]
    out = predict_scores(frame)
    assert list(out.columns) == ["reliability", "bias", "reliability_why", "bias_why"]
    assert list(out.index) == list(frame.index) and len(out) == 5
    for t in TARGETS:
        assert out[t].between(0, 100).all()
        for why in out[f"{t}_why"]:
            parts = json.loads(why)
            assert {"insertions", "hedging", "sourcing", "loaded", "style"} <= set(parts)
    # the wording components read the text and the headline: without them the scores change
    no_text = predict_scores(frame.drop(columns="text"))
    assert not np.allclose(no_text["bias"], out["bias"])
    no_title = predict_scores(frame.drop(columns="title"))
    assert not np.allclose(no_title["bias"], out["bias"])
    np.testing.assert_allclose(no_title["reliability"], out["reliability"])
    # and the bias model the URL's section: the same article filed as opinion scores higher than as news;
    # without a URL (the samples have none) the URL family adds nothing
    assert all(json.loads(why)["url"] == 0.0 for why in out["bias_why"])
    filed = pd.concat([frame.iloc[:1]] * 2).assign(url=["https://example.org/opinion/talks-on-libya",
                                                        "https://example.org/news/talks-on-libya"])
    opinion, news = predict_scores(filed)["bias"]
    assert opinion > news


def test_train_and_evaluate_commands_on_a_tiny_labelled_corpus(tmp_path: Path):
    from relscore.cli import main

    d = tiny_corpus(n_outlets=8, per_outlet=4, seed=1)
    corpus = tmp_path / "corpus.csv"
    pd.DataFrame({"id": d["id"], "url": "https://www." + d["outlet"] + "/story/" + d["id"],
                  "date": d["date"].dt.strftime("%Y-%m-%d"), "title": "A headline", "text": d["text"]}
                 ).to_csv(corpus, index=False)
    labels = tmp_path / "labels.csv"
    outlets = d.drop_duplicates("outlet")
    pd.DataFrame({"domain": outlets["outlet"], "label": np.where(outlets["y"] == 1, "high", "low")}
                 ).to_csv(labels, index=False)
    model_path = tmp_path / "rel.skops"
    assert main(["train", "--corpus", str(corpus), "--labels", str(labels), "--target", "reliability",
                 "--out", str(model_path)]) == 0
    model = load_model(model_path)
    assert model["target"] == "reliability" and model["meta"]["n_outlets"] == 8
    out_json = tmp_path / "eval.json"
    assert main(["evaluate", "--corpus", str(corpus), "--labels", str(labels), "--target", "reliability",
                 "--folds", "4", "--json", str(out_json)]) == 0
    res = json.loads(out_json.read_text())["reliability"]
    assert len(res["folds"]) == 4
    assert {"relscore", "features_only", "tfidf_lr", "majority"} <= set(res["mean"])
    assert res["mean"]["relscore"]["reliable_vs_unreliable"]["roc_auc"] > 0.8
    # scoring a given model file on labelled data needs no retraining
    assert main(["evaluate", "--corpus", str(corpus), "--labels", str(labels), "--model", str(model_path),
                 "--json", str(out_json)]) == 0
    assert json.loads(out_json.read_text())["models"]["reliability"]["reliable_vs_unreliable"]["n"] == 32


def test_bias_weights_balance_the_classes_inside_each_label_source():
    from scoring.model.evaluate import training_weights

    # hand labels: 2 hyperpartisan articles vs 6 not; outlet labels: 6 partisan vs 2 centre
    d = pd.DataFrame({
        "outlet": [f"h{i}.com" for i in range(8)] + [f"a{i}.com" for i in range(8)],
        "y": [1.0] * 2 + [0.0] * 6 + [1.0] * 6 + [0.0] * 2,
        "eval_hand": [1.0] * 2 + [0.0] * 6 + [np.nan] * 8,
        "weight_factor": [1.0] * 8 + [0.3] * 8,
    })
    w = training_weights(d, "bias")
    hand = d["eval_hand"].notna().to_numpy()
    for m in (hand, ~hand):
        pos, neg = w[m & (d["y"] == 1).to_numpy()].sum(), w[m & (d["y"] == 0).to_numpy()].sum()
        assert pos == pytest.approx(neg)
    # outlet labels keep their lower weight relative to hand labels
    assert w[~hand].sum() == pytest.approx(0.3 * w[hand].sum())
    # reliability keeps plain outlet-and-class balancing
    assert np.allclose(training_weights(d, "reliability"), outlet_weights(d["outlet"], d["y"]) * d["weight_factor"])


def two_source_corpus(seed: int = 0) -> pd.DataFrame:
    """A 'shouting' score x: hand labels call an article hyperpartisan from x > 1, the far more
    numerous outlet-level labels already from x > -1 (every article of a partisan outlet)."""
    rng = np.random.default_rng(seed)
    rows = []
    for source, n_outlets, cut in (("hand", 30, 1.0), ("outlet", 60, -1.0)):
        for o in range(n_outlets):
            for i in range(4):
                x = rng.normal(0, 1.5)
                rows.append({"outlet": f"{source}{o}.com", "x": x, "noise": rng.normal(),
                             "y": float(x + rng.normal(0, 0.3) > cut), "hand": source == "hand"})
    return pd.DataFrame(rows)


def test_recalibrating_on_hand_labels_moves_the_50_point_and_keeps_the_ranking():
    d = two_source_corpus()
    fam = {"style": ["x"], "sourcing": ["noise"]}
    kw = dict(feature_names=["x", "noise"], families=fam, n_splits=4)
    plain = fit_model(d[["x", "noise"]], d["y"].astype(int), d["outlet"], "bias", **kw)
    hand = fit_model(d[["x", "noise"]], d["y"].astype(int), d["outlet"], "bias", calibrate_on=d["hand"], **kw)
    grid = pd.DataFrame({"x": np.linspace(-3, 3, 61), "noise": 0.0})
    p_plain, _ = predict_with_explanation(plain, grid)
    p_hand, why = predict_with_explanation(hand, grid)
    at = {name: float(np.interp(0.5, p, grid["x"])) for name, p in (("plain", p_plain), ("hand", p_hand))}
    # the weaker labels put 50 near their own cut; the hand labels' cut is x = 1
    assert at["plain"] < 0.3
    assert 0.6 < at["hand"] < 1.4
    # same classifier, another sigmoid: the order of the articles (hence AUC) does not change
    assert (np.argsort(p_plain, kind="stable") == np.argsort(p_hand, kind="stable")).all()
    # explanations still add up to the score's distance from the base score
    assert np.allclose(why.sum(axis=1), 100 * p_hand - hand["meta"]["base_score"], atol=0.05)


def test_recalibration_needs_both_classes_among_the_marked_rows(caplog):
    d = two_source_corpus()
    only_negatives = d["hand"] & (d["y"] == 0)
    kw = dict(feature_names=["x", "noise"], families={"style": ["x"], "sourcing": ["noise"]}, n_splits=4)
    plain = fit_model(d[["x", "noise"]], d["y"].astype(int), d["outlet"], "bias", **kw)
    with caplog.at_level("WARNING"):
        kept = fit_model(d[["x", "noise"]], d["y"].astype(int), d["outlet"], "bias", calibrate_on=only_negatives,
                         **kw)
    assert "one class only" in caplog.text
    grid = pd.DataFrame({"x": [-2.0, 0.0, 2.0], "noise": 0.0})
    assert np.allclose(predict_with_explanation(plain, grid)[0], predict_with_explanation(kept, grid)[0])


def test_the_balanced_sigmoid_puts_50_between_the_classes_whatever_their_sizes():
    rng = np.random.default_rng(0)
    # nine positives per negative, log-odds centred on +2 and -2
    z = np.concatenate([rng.normal(2, 1, 900), rng.normal(-2, 1, 100)])
    y = np.r_[np.ones(900), np.zeros(100)]
    a, b = balanced_sigmoid(z, y, np.ones_like(z))
    assert a < 0  # _SigmoidCalibration's sign: 1 / (1 + exp(a * z + b)) rises with z
    # the classes' log-likelihood ratio is 4z, so 50 belongs at z = 0 ...
    assert abs(-b / a) < 0.2
    # ... where an unbalanced fit would put it at about -ln(9) / 4 = -0.55, pulled towards the negatives
    plain = LogisticRegression(C=1e6).fit(z[:, None], y)
    assert -plain.intercept_[0] / plain.coef_[0, 0] < -0.4
    # each class is brought to the same total, so scaling one class's weights changes nothing
    a2, b2 = balanced_sigmoid(z, y, np.where(y == 1, 10.0, 1.0))
    assert np.isclose(-b2 / a2, -b / a, atol=1e-3)


def test_cluster_texts_map_words_of_like_use_to_one_id():
    from scoring.model.estimator import cluster_texts

    a, b = cluster_texts(["Traitors, thugs!", "On Tuesday and Wednesday: zxqvbn."])
    assert len(a.split()) == 2 and a.split()[0] == a.split()[1]  # traitors ~ thugs
    tue, _and, wed, unknown = b.split()[1:]
    assert tue == wed and unknown == "cx"


def test_the_cluster_column_carries_what_it_learned_to_words_it_never_saw():
    from scoring.model.estimator import cluster_texts, fit_text_model

    rng = np.random.default_rng(0)
    filler = "people say that the city and its new plan will be discussed again this week".split()

    def text(*cue: str) -> str:
        return " ".join([*rng.choice(filler, 6), *cue, *rng.choice(filler, 6)])

    # trained on one word of each cluster pair, scored on the other (never seen in training)
    train = [text("traitors", "outrageous") for _ in range(40)] + [text("tuesday", "officials") for _ in range(40)]
    y = np.array([1] * 40 + [0] * 40)
    groups = [f"outlet{i % 20}" for i in range(80)]
    w = np.ones(80)
    test = [text("thugs", "despicable") for _ in range(10)] + [text("wednesday", "agency") for _ in range(10)]
    words, _ = fit_text_model(train, y, groups, w)
    clusters, _ = fit_text_model(train, y, groups, w, kind="clusters")  # reads the texts' cluster ids

    def gap(model, texts: list[str]) -> float:
        s = model.decision_function(texts)
        return float(s[:10].mean() - s[10:].mean())

    assert abs(gap(words, test)) < 0.3  # the words themselves carry nothing the word model knows
    assert gap(clusters, cluster_texts(test)) > 1.0


def test_only_the_bias_model_reads_word_clusters(tiny_model):
    from scoring.model.estimator import CLUSTER_COLUMN

    d, reliability = tiny_model
    assert reliability["cluster_model"] is None and CLUSTER_COLUMN not in reliability["columns"]
    bias = fit_model(d[["exclaims", "quotes"]], 1 - d["y"].astype(int), d["outlet"], "bias",
                     texts=d["text"].tolist(), feature_names=["exclaims", "quotes"], families=FAMILIES, n_splits=3)
    assert CLUSTER_COLUMN in bias["families"]["wording"]
    p, _ = predict_with_explanation(bias, d[["exclaims", "quotes"]], d["text"].tolist())
    p_no_text, _ = predict_with_explanation(bias, d[["exclaims", "quotes"]], None)
    assert p[d["y"] == 0].mean() > p[d["y"] == 1].mean()
    assert not np.allclose(p, p_no_text)


def test_a_model_built_on_other_word_clusters_is_refused(tiny_model, tmp_path: Path):
    d, _ = tiny_model
    bias = fit_model(d[["exclaims", "quotes"]], 1 - d["y"].astype(int), d["outlet"], "bias",
                     texts=d["text"].tolist(), feature_names=["exclaims", "quotes"], families=FAMILIES, n_splits=3)
    assert load_model(save_model(bias, tmp_path / "ok.skops"))["cluster_model"] is not None
    bias["cluster_lexicon"] = "loaded_clusters_v0/c512"
    with pytest.raises(ValueError, match="word clusters 'loaded_clusters_v0/c512'"):
        load_model(save_model(bias, tmp_path / "other.skops"))


def _sample_scores(transform) -> pd.DataFrame:
    """The bundled models' scores of the five samples after ``transform`` of each text."""
    from features import FEATURE_NAMES, analyze
    from features.text import repair_marks

    titles, texts = zip(*(p.read_text(encoding="utf-8").split("\n", 1) for p in sorted(SAMPLES.glob("*.txt"))))
    texts = [transform(t) for t in texts]
    feats = pd.DataFrame([analyze(t, h).features for t, h in zip(texts, titles)])[list(FEATURE_NAMES)]
    return predict_scores(feats.assign(text=[repair_marks(t) for t in texts], title=list(titles)))


def test_export_damage_leaves_the_scores_nearly_unchanged():
    import re

    base = _sample_scores(lambda t: t)
    wrapped = _sample_scores(lambda t: f'"{t.strip()}"')
    # a pair of quotation marks around the whole text is an export's, not a quotation
    assert (wrapped[["reliability", "bias"]] - base[["reliability", "bias"]]).abs().max().max() <= 0.5
    # the worst export seen: wrapped, one block, curly quotes mangled to "?", share counts on top
    export = _sample_scores(lambda t: '"26 SHARES Facebook Twitter '
                            + re.sub(r"\s*\n\s*", " ", re.sub("[“”‘’]", "?", t.strip())) + '"')
    assert (export[["reliability", "bias"]] - base[["reliability", "bias"]]).abs().max().max() <= 10
