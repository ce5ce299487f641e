"""The wording models' inputs: URL path words, word-cluster texts, and what a cluster model carries."""
from __future__ import annotations

import numpy as np

from scoring.model.wording import clip_texts, cluster_texts, fit_text_model, outlet_counts, url_paths


def test_url_paths_keep_the_path_words_only():
    assert url_paths([
        "https://www.example.com/opinion/2017/10/12/a-cruel-old-man.html?utm_source=feed#comments",
        "example.co.uk/News/Caf%C3%A9-Owner_Fined-2", "http://example.com", None, "",
    ]) == ["opinion cruel old man html", "news café owner fined", "", "", ""]


def test_clip_texts_bounds_each_text_and_blanks_missing_ones():
    assert clip_texts(["abcdef", None, float("nan")], 3) == ["abc", "", ""]


def test_outlet_counts_keep_only_terms_shared_by_enough_outlets():
    texts = ["the minister said talks resume", "the minister said figures rise", "the minister said it rains",
             "SiteName exclusive report", "SiteName exclusive story"]
    groups = ["a.com", "b.com", "c.com", "d.com", "d.com"]
    counter, m = outlet_counts(texts, groups, min_outlets=3, max_df=1.0)
    vocab = set(counter.vocabulary_)
    assert {"minister", "said", "minister said"} <= vocab
    assert not vocab & {"sitename", "exclusive"}  # one outlet's signature
    assert m.shape == (5, len(vocab))


def test_cluster_texts_map_words_of_like_use_to_one_id():
    a, b = cluster_texts(["Traitors, thugs!", "On Tuesday and Wednesday: zxqvbn."])
    assert len(a.split()) == 2 and a.split()[0] == a.split()[1]  # traitors ~ thugs
    tue, _and, wed, unknown = b.split()[1:]
    assert tue == wed and unknown == "cx"


def test_the_cluster_column_carries_what_it_learned_to_words_it_never_saw():
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
