"""LeanModel: the estimator contract, the author's voice (a quoted phrase is the speaker's), the
explanations adding up, evidence spans that slice the text outside quotations, and the skops file."""
from __future__ import annotations

import heapq
import zipfile

import numpy as np
import pandas as pd
import pytest
import skops.io as sio
from sklearn.base import clone

from features import analyze
from features.mark_repair import repair_marks
from features.text import parse
from scoring.model.datasets import load_allsides, shared_dir
from scoring.model.lean import (
    CLASSES, HEADLINE_FAMILY, WORDS_FAMILY, LeanModel, _scan_hits, _token_hits, author_voice, fit_temperature,
    lean_evidence, lean_labels, lean_of, lean_spans,
)

# Sentences in the register each side's outlets write in; the pairs differ by the loaded term.
LEFT = [
    "The raids terrified undocumented immigrants across the city.",
    "Advocates for undocumented immigrants criticised the detention centres.",
    "Anti-abortion activists rallied outside the clinic on Saturday.",
    "The court heard a challenge to the anti-abortion law.",
    "Supporters of gun safety measures pressed lawmakers after the shooting.",
    "Scientists warned that the climate crisis is accelerating.",
    "Workers demanded a living wage from the retail giant.",
    "Critics said the tax cuts for the wealthy would widen inequality.",
]
RIGHT = [
    "Border agents detained dozens of illegal aliens near the river.",
    "Sheriffs said illegal aliens released from custody had reoffended.",
    "Pro-life activists rallied outside the clinic on Saturday.",
    "The court heard a challenge to the pro-life law.",
    "Defenders of gun rights pressed lawmakers after the vote.",
    "The radical left pushed the job-killing regulations through.",
    "Taxpayers would foot the bill for the government takeover of health care.",
    "Supporters said the tax relief for families would boost growth.",
]
CENTRE = [
    "The committee will meet on Tuesday to review the budget.",
    "Officials released quarterly figures showing modest growth.",
    "The city council approved the new transit schedule.",
    "Lawmakers from both parties discussed the spending bill.",
    "The agency published its annual report on Monday.",
    "Analysts expect the central bank to hold rates steady.",
]
FILLER = [
    "The meeting took place in the capital.",
    "More details are expected later this week.",
    "A spokesperson did not respond to a request for comment.",
    "The figures were first reported on Thursday.",
]
POOLS = {"left": LEFT, "centre": CENTRE, "right": RIGHT}


def fixture_corpus(per_outlet: int = 8, seed: int = 0, outlets: int = 3) -> pd.DataFrame:
    """``outlets`` outlets per side, ``per_outlet`` articles each: three sentences of the side's register,
    two of filler, a headline from the register; dated 2016-2019."""
    rng = np.random.default_rng(seed)
    rows = []
    for label, pool in POOLS.items():
        for o in range(outlets):
            for i in range(per_outlet):
                body = [pool[j] for j in rng.choice(len(pool), 3, replace=False)]
                body += [FILLER[j] for j in rng.choice(len(FILLER), 2, replace=False)]
                rng.shuffle(body)
                rows.append({"outlet": f"{label}{o}.example.com", "label": label,
                             "title": pool[int(rng.integers(len(pool)))].rstrip("."),
                             "text": "\n\n".join(body), "date": f"{2016 + i % 4}-{1 + o:02d}-15"})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def fitted():
    d = fixture_corpus()
    return d, LeanModel(n_splits=3).fit(d, d["label"], groups=d["outlet"])


NEUTRAL = "Officials released quarterly figures showing modest growth. The mayor spoke at the council."


def test_the_estimator_contract(fitted):
    d, model = fitted
    proba = model.predict_proba(d)
    assert proba.shape == (len(d), 3) and np.allclose(proba.sum(axis=1), 1.0)
    assert list(model.classes_) == list(CLASSES)
    np.testing.assert_array_equal(model.predict(d), np.asarray(CLASSES)[proba.argmax(axis=1)])
    np.testing.assert_allclose(model.predict_lean(d), 100 * (proba[:, 2] - proba[:, 0]))
    assert model.score(d, d["label"]) > 0.9
    # each side's articles lean its way
    lean = model.predict_lean(d)
    assert lean[d["label"].eq("right")].mean() > 20 > -20 > lean[d["label"].eq("left")].mean()
    params = model.get_params()
    assert params["n_splits"] == 3 and params["min_outlets"] == 3
    copy = clone(model)
    assert copy.get_params() == params and not hasattr(copy, "lr_")
    no_head = copy.set_params(headline=False).fit(d, d["label"], groups=d["outlet"])
    assert list(no_head.explain(d).columns) == [WORDS_FAMILY]


def test_labels_groups_and_classes_are_checked():
    d = fixture_corpus(per_outlet=4)
    np.testing.assert_array_equal(lean_labels(["left", "Center", "centre", "right", -1, 0, 1]), [0, 1, 1, 2, 0, 1, 2])
    with pytest.raises(ValueError, match="not one of"):
        lean_labels(["far-left"])
    with pytest.raises(ValueError, match="grouped by outlet"):
        LeanModel().fit(d.drop(columns="outlet"), d["label"])
    two = d[d["label"] != "centre"]
    with pytest.raises(ValueError, match="all three classes"):
        LeanModel().fit(two, two["label"], groups=two["outlet"])
    with pytest.raises(ValueError, match="'text' column"):
        LeanModel().fit(d.rename(columns={"text": "body"}), d["label"], groups=d["outlet"])


def test_words_used_by_fewer_than_three_outlets_are_not_read():
    d = fixture_corpus(per_outlet=4)
    # one left outlet signs every article; its signature must not become a left term
    signed = d["outlet"].eq("left0.example.com")
    d.loc[signed, "text"] = d.loc[signed, "text"] + "\n\nSubscribe to the Daily Lantern newsletter."
    model = LeanModel(n_splits=3).fit(d, d["label"], groups=d["outlet"])
    vocab = set(model.body_counter_.get_feature_names_out())
    assert "lantern" not in vocab and "undocumented immigrants" in vocab and "illegal aliens" in vocab


def test_a_quoted_loaded_phrase_is_the_speakers(fitted):
    _, model = fitted
    quoted = NEUTRAL + " He said: “We will deport every one of the illegal aliens.”"
    other_quote = NEUTRAL + " He said: “We will welcome every one of the new neighbours.”"
    own = NEUTRAL + " He wants to deport every one of the illegal aliens."
    lean = model.predict_lean(pd.DataFrame({"text": [quoted, other_quote, own]}))
    assert lean[0] == pytest.approx(lean[1], abs=1e-9)  # what the quote says does not move the lean
    assert lean[2] > lean[0] + 5  # the same words in the author's voice do
    assert author_voice(quoted).strip().endswith("He said:")


def test_explanations_add_up_to_the_lean(fitted):
    d, model = fitted
    proba, why = model.predict_with_explanation(d)
    assert list(why.columns) == [WORDS_FAMILY, HEADLINE_FAMILY]
    np.testing.assert_allclose(why.sum(axis=1), lean_of(proba) - model._base_lean(), atol=1e-6)
    assert model.meta_["base_lean"] == pytest.approx(model._base_lean(), abs=0.01)
    # an article without a headline: the headline family is what an empty headline adds, and it still adds up
    p2, why2 = model.predict_with_explanation(pd.DataFrame({"text": [NEUTRAL + " Illegal aliens crossed."]}))
    np.testing.assert_allclose(why2.sum(axis=1), lean_of(p2) - model._base_lean(), atol=1e-6)
    assert why2[WORDS_FAMILY].iloc[0] > 0


def test_precomputed_author_voice_gives_the_same_scores(fitted):
    d, model = fitted
    voiced = d.assign(author_text=[author_voice(t) for t in d["text"]],
                      author_title=[author_voice(t) for t in d["title"]]).drop(columns=["text", "title"])
    np.testing.assert_allclose(model.predict_proba(voiced), model.predict_proba(d))


@pytest.mark.parametrize("text, phrase, label", [
    (NEUTRAL + "\n\nThe study counted illegal aliens.", "illegal aliens", "right"),
    (NEUTRAL + "\n\nThe study counted undocumented immigrants.", "undocumented immigrants", "left"),
    (NEUTRAL + "\n\nThe study counted pro-life voters.", "pro-life", "right"),
    (NEUTRAL + "\n\nThe study counted anti-abortion voters.", "anti-abortion", "left"),
])
def test_spans_show_the_loaded_phrase(fitted, text, phrase, label):
    _, model = fitted
    spans = lean_spans(text, model, k=4)
    found = {(text[s.start:s.end].lower(), s.label) for s in spans}
    assert any(phrase in t and lab == label for t, lab in found), found
    assert all(s.kind == "lean" and s.voice == "author" and (s.score > 0) == (s.label == "right") for s in spans)


def test_spans_slice_the_text_and_stay_out_of_quotations(fitted):
    _, model = fitted
    text = ("Sheriffs said the illegal aliens had reoffended. The senator said: “Undocumented immigrants are our "
            "neighbours, and illegal aliens is a slur.” The ‘pro-life’ law passed.")
    doc = parse(repair_marks(text))
    spans = lean_spans(text, model, k=10)
    assert spans and all(0 <= s.start < s.end <= len(text) for s in spans)
    for s in spans:
        assert text[s.start:s.end].strip() == text[s.start:s.end] and text[s.start:s.end]
        assert not any(r.start < s.end and s.start < r.end for r in doc.quotes)
    assert "undocumented" not in " ".join(text[s.start:s.end].lower() for s in spans)
    # the segmentation of features.analyze gives the same spans
    assert lean_spans(text, model, k=10, doc=analyze(text).doc) == spans


def assert_same_evidence(model, texts, titles, k=8):
    """``lean_evidence`` on the batch equals ``predict_with_explanation`` and, article by article, ``lean_spans``."""
    docs = [parse(repair_marks(t)) for t in texts]
    bodies = [author_voice(t, doc) for t, doc in zip(texts, docs)]
    heads = [author_voice(t) for t in titles]
    proba, why, spans = lean_evidence(model, bodies, heads, texts, docs, k=k)
    p1, why1 = model.predict_with_explanation(pd.DataFrame({"author_text": bodies, "author_title": heads}))
    np.testing.assert_array_equal(proba, p1)
    pd.testing.assert_frame_equal(why, why1)
    one_by_one = [lean_spans(t, model, title, k=k, doc=doc) for t, title, doc in zip(texts, titles, docs)]
    assert spans == one_by_one  # same offsets, labels and points, to the last digit
    return spans


def test_batch_evidence_is_the_one_by_one_evidence(fitted):
    _, model = fitted
    texts = [NEUTRAL + "\n\nThe study counted illegal aliens. Pro-life voters agreed.",
             "Sheriffs said the illegal aliens had reoffended. The senator said: “Undocumented immigrants are our "
             "neighbours.” The ‘pro-life’ law passed.",
             "Advocates for undocumented immigrants criticised the detention centres. Workers demanded a living wage.",
             "", NEUTRAL]
    titles = ["Illegal aliens counted", "Sheriffs: “illegal aliens” reoffended", "", "", "Budget review"]
    spans = assert_same_evidence(model, texts, titles, k=4)
    assert spans[0] and spans[2] and spans[3] == []
    assert {s.label for s in spans[0]} == {"right"} and {s.label for s in spans[2]} == {"left"}
    # without headlines, and with the texts parsed inside
    proba, why, spans2 = lean_evidence(model, [author_voice(t) for t in texts], None, texts, k=4)
    np.testing.assert_array_equal(proba, model.predict_proba(pd.DataFrame({"text": texts})))
    assert spans2 == [lean_spans(t, model, k=4) for t in texts]
    with pytest.raises(ValueError, match="2 bodies but 1 texts"):
        lean_evidence(model, texts[:2], None, texts[:1])
    with pytest.raises(TypeError, match="row 1"):
        lean_evidence(model, ["a", "b"], None, ["a", None])


def test_body_names_are_the_counters_terms_read_again_only_for_a_new_vocabulary(fitted):
    import copy

    _, model = fitted
    names = model.body_names()
    np.testing.assert_array_equal(names, model.body_counter_.get_feature_names_out())
    assert model.body_names() is names and not names.flags.writeable  # shared between batches, so never written
    other = copy.copy(model)
    other.body_counter_ = copy.copy(model.body_counter_)
    other.body_counter_.vocabulary_ = {t: i for i, t in enumerate(reversed(names.tolist()))}
    np.testing.assert_array_equal(other.body_names(), names[::-1])
    np.testing.assert_array_equal(model.body_names(), names)


def test_row_points_of_the_top_terms_are_the_largest_of_all(fitted):
    _, model = fitted
    texts = [NEUTRAL + " The study counted illegal aliens. Pro-life voters agreed.", NEUTRAL, ""]
    D, cols = model.design(texts, None)
    names = model.body_names()
    every = model.row_points(D, cols, names)
    for k in (1, 3, 8):
        for full, top in zip(every, model.row_points(D, cols, names, k)):
            best = heapq.nlargest(k, (t for t in full if full[t] != 0.0), key=lambda t: abs(full[t]))
            assert list(top) == [t for t in full if t in best] and top == {t: full[t] for t in best}
    assert len(every[0]) > 8 and every[2] == {}


def test_hits_inside_any_quotation_range_are_dropped_even_where_ranges_nest():
    from scoring.model.lean import _outside

    rng = np.random.default_rng(5)
    for _ in range(300):
        ranges = [tuple(sorted(rng.integers(0, 60, 2))) for _ in range(rng.integers(0, 5))]
        hits = [(s, s + int(rng.integers(1, 8)), "t") for s in rng.integers(0, 60, 6)]
        brute = [h for h in hits if not any(a < h[1] and h[0] < b for a, b in ranges)]
        assert _outside(hits, ranges) == brute
    assert _outside([(0, 4, "a"), (10, 14, "b"), (30, 34, "c")], [(2, 40), (12, 13)]) == []
    assert _outside([(0, 4, "a"), (10, 14, "b")], [(4, 10)]) == [(0, 4, "a"), (10, 14, "b")]


def test_the_scan_finds_what_the_tokens_find(fitted):
    _, model = fitted
    prep = model.body_counter_.build_preprocessor()
    text = ("Illegal aliens, illegal  a aliens; ILLEGAL-ALIENS illegal_aliens aliens aliens aliens. Pro-life pro "
            "life pro--life pro x y life, don't stop: 2020 census 2020 census; illegal\naliens illegalaliens aliens")
    wanted = {"illegal aliens", "aliens aliens", "aliens", "pro life", "don stop", "2020 census", "census", "life",
              "x y", "illegal_aliens", "stop"}
    got = sorted(_scan_hits(text, wanted))
    assert got == sorted(_token_hits(text, wanted, prep))
    assert (text.index("ILLEGAL-ALIENS"), text.index("ILLEGAL-ALIENS") + 14, "illegal aliens") in got
    assert sum(t == "aliens aliens" for *_, t in got) == 2 and not any(t == "x y" for *_, t in got)
    # curly quotes and dashes are no word characters: the scan reads such a text in place
    curly = text.replace("'", "’").replace("; ", " — ").replace(", ", "” “")
    got = sorted(_scan_hits(curly, wanted | {"don’t"}))
    assert got == sorted(_token_hits(curly, wanted, prep)) and any(t == "don stop" for *_, t in got)
    # an accented letter reads as its plain one (and 'İ' lower-cases to two characters): the token walk's
    for odd in ("Illegal aliens in Zürich: naïve pro-life café", "İllegal aliens", "Ⓐ illegal aliens ½"):
        assert _scan_hits(odd, wanted) is None
    assert _token_hits("Naïve census", {"naive census"}, prep) == [(0, 12, "naive census")]


def test_temperature_recovers_a_known_scaling():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 2, size=(3000, 3))
    y = np.array([rng.choice(3, p=np.exp(r / 2.5) / np.exp(r / 2.5).sum()) for r in z])
    t, b = fit_temperature(z, y, np.ones(len(y)))
    assert t == pytest.approx(2.5, rel=0.15) and b[1] == 0 and np.all(np.abs(b) < 0.2)


def test_skops_round_trip_with_an_exact_type_list(fitted, tmp_path):
    d, model = fitted
    path = tmp_path / "lean.skops"
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    untrusted = sio.get_untrusted_types(file=path)
    # the exact names scoring.model.files would have to allowlist: the class itself, nothing else
    assert sorted(untrusted) == ["scoring.model.lean.LeanModel"]
    loaded = sio.load(path, trusted=untrusted)
    np.testing.assert_array_equal(loaded.predict_proba(d), model.predict_proba(d))
    pd.testing.assert_frame_equal(loaded.explain(d), model.explain(d))
    with pytest.raises(Exception, match="[Uu]ntrusted"):
        sio.load(path, trusted=[])


# ------------------------------------------------------------------ on real articles (../shared)
@pytest.fixture(scope="module")
def allsides_model():
    if not (shared_dir() / "data" / "allsides" / "articles.parquet").exists():
        pytest.skip("needs ../shared/data/allsides")
    d = load_allsides(per_outlet_cap=6, seed=0)
    big = d["outlet"].map(d["outlet"].value_counts()) >= 6
    d = d[big].reset_index(drop=True)
    held = d["outlet"].isin(sorted(d["outlet"].unique())[::7])  # every seventh outlet never seen
    train = d[~held]
    return d[held].reset_index(drop=True), LeanModel(n_splits=3).fit(train, train["allsides_bias"],
                                                                     groups=train["outlet"])


def test_on_real_articles_of_unseen_outlets(allsides_model):
    test, model = allsides_model
    proba, why = model.predict_with_explanation(test)
    np.testing.assert_allclose(why.sum(axis=1), lean_of(proba) - model._base_lean(), atol=1e-6)
    for text, title in zip(test["text"][:40], test["title"][:40]):
        doc = parse(repair_marks(text))
        for s in lean_spans(text, model, title, k=6, doc=doc):
            assert text[s.start:s.end] and s.label in ("left", "right")
            assert not any(r.start < s.end and s.start < r.end for r in doc.quotes)


def test_batch_evidence_on_real_articles(allsides_model):
    test, model = allsides_model
    spans = assert_same_evidence(model, test["text"][:30].tolist(), test["title"][:30].fillna("").tolist())
    assert sum(len(s) for s in spans) > 30  # real articles carry evidence
    # the scan and the token walk agree on real text, for every term the model reads in it
    prep = model.body_counter_.build_preprocessor()
    scanned = 0
    for text in test["text"][:30]:
        for read in (text, text.encode("ascii", "ignore").decode()):
            wanted = set(model.term_points(read))
            hits = _scan_hits(read, wanted)
            scanned += hits is not None
            assert hits is None or sorted(hits) == sorted(_token_hits(read, wanted, prep))
    assert scanned > 40


def test_a_calibration_fold_without_a_class_still_gives_three_logits():
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    from scoring.model.lean import _class_logits

    Z = sparse.csr_matrix(np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]]))
    clf = LogisticRegression().fit(Z, [0, 0, 2, 2])  # no centre article in this part
    out = _class_logits(clf, Z)
    assert out.shape == (4, 3)
    np.testing.assert_allclose(out[:, 2] - out[:, 0], clf.decision_function(Z))
    assert (out[:, 1] < out[:, [0, 2]].min(axis=1)).all()
    assert (out[:, 2] > out[:, 0]).tolist() == [False, False, True, True]
