"""The wording models' inputs: URL path words, word-cluster texts, and what a cluster model carries."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction import text as sk_text
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from scoring.model.wording import (
    TermCounts, analyzer_key, build_analyzer, clip_texts, cluster_texts, fit_text_model, make_text_model, outlet_counts,
    _CLUSTER_WORD, _fine_clusters, non_ascii_chars, pipeline_decision, strip_accents_unicode, url_paths,
)

SAMPLE_004 = next((Path(__file__).resolve().parents[3] / "notebooks" / "data" / "samples").glob("004_*.txt"))


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


_NEWS = [
    "The minister said talks would resume on Tuesday, officials confirmed.",
    "Critics called the plan a disgrace; the minister’s office declined to comment.",
    "Café owners in Zürich said the new rules were “outrageous” and would cost jobs.",
    "Officials said the figures rose again this week, the third rise in a row.",
    "The ΟΔΟΣ sign and the naïve résumé: accents, Greek capitals and curly quotes.",
    "",
]


def test_term_counts_equal_each_vectorisers_own_transform_and_share_the_analysis():
    body = CountVectorizer(ngram_range=(1, 2), strip_accents="unicode", dtype=np.float32).fit(_NEWS[:3])
    full = TfidfVectorizer(ngram_range=(1, 2), strip_accents="unicode", dtype=np.float32).fit(_NEWS[2:])
    heads = CountVectorizer(ngram_range=(1, 2), lowercase=False, token_pattern=r"\S+").fit(_NEWS)
    assert analyzer_key(body) == analyzer_key(full) != analyzer_key(heads)
    counts = TermCounts()
    for vec in (body, full, heads):
        m, ref = counts.matrix(vec, _NEWS), CountVectorizer.transform(vec, _NEWS)
        assert m.dtype == ref.dtype and m.has_sorted_indices
        assert (m != ref).nnz == 0 and np.array_equal(m.indices, ref.indices) and np.array_equal(m.indptr, ref.indptr)
    assert len(counts._terms) == 2 and len(counts._terms[analyzer_key(body)]) == len(set(_NEWS))


def test_pipeline_decision_equals_the_pipelines_own():
    y = np.array([0, 1, 1, 0, 1, 0])
    for pipe in (make_text_model().set_params(tfidf__min_df=1, tfidf__max_df=1.0).fit(_NEWS, y),
                 Pipeline([("counts", CountVectorizer()), ("lr", LogisticRegression())]).fit(_NEWS, y)):
        counts = TermCounts()
        assert np.array_equal(pipeline_decision(pipe, _NEWS, counts), pipe.decision_function(_NEWS))
        assert np.array_equal(pipeline_decision(pipe, _NEWS[::-1], counts), pipe.decision_function(_NEWS[::-1]))


def test_term_counts_refuse_what_they_cannot_share():
    chars = CountVectorizer(analyzer="char_wb", ngram_range=(2, 3)).fit(_NEWS)
    assert analyzer_key(chars) is None and analyzer_key(CountVectorizer()) is None  # not fitted
    with pytest.raises(ValueError, match="not a fitted word vectoriser"):
        TermCounts().matrix(chars, _NEWS)
    pipe = Pipeline([("c", chars), ("lr", LogisticRegression())]).fit(_NEWS, [0, 1, 1, 0, 1, 0])
    assert np.array_equal(pipeline_decision(pipe, _NEWS, TermCounts()), pipe.decision_function(_NEWS))


def test_accent_stripping_gives_scikit_learns_string():
    samples = [*_NEWS, "ﬁnancial ﬂows", "Ångström Øre Łódź İstanbul ß", "Việt Nam phở", "한국어 텍스트", "e\u0301 a\u0308\u0301",
               "x²³ ½ Ⅻ ℌ", "emoji 👍🏽 and ’quotes’ — dashes", "\u0301 leading mark", "ascii only",
               "broken \ud83d escape é and \udc00 low", "Café Müller, café, CAFÉ: é" * 3, "“Curly” quotes — no marks"]
    # every character of the Basic Multilingual Plane and beyond that NFKD changes or that is a mark
    samples.append("".join(chr(c) for c in range(0x80, 0x30000)
                           if unicodedata.combining(chr(c)) or unicodedata.normalize("NFKD", chr(c)) != chr(c)))
    for s in samples:
        assert strip_accents_unicode(s) == sk_text.strip_accents_unicode(s)
    plain = "already plain"
    assert strip_accents_unicode(plain) is plain
    # every mark goes, wherever it stands; a text with other non-ASCII characters only is its NFKD form
    assert strip_accents_unicode("né, naïve, Zoë and e\u0301\u0301") == "ne, naive, Zoe and e"
    assert strip_accents_unicode("“fine” … ½") == unicodedata.normalize("NFKD", "“fine” … ½") == "“fine” ... 1⁄2"


def test_non_ascii_chars_are_every_character_above_ascii_once():
    for s in ("plain ASCII, digits 123 and ~!@", "Zürich’s “naïve” café — ½ İ 한국 👍🏽", "broken \ud83d and \udc00 escapes é",
              "".join(chr(c) for c in range(0, 0x3000, 7))):
        assert non_ascii_chars(s) == {c for c in s if ord(c) > 0x7F}
    assert non_ascii_chars("no marks here") == set()


def test_the_faster_analyzer_finds_the_same_terms_and_leaves_the_model_alone():
    vec = CountVectorizer(ngram_range=(1, 2), strip_accents="unicode").fit(_NEWS)
    fast, ref = build_analyzer(vec), vec.build_analyzer()
    for t in _NEWS:
        assert fast(t) == ref(t)
    assert vec.strip_accents == "unicode"  # the fitted vectoriser is not changed
    ascii_folded = CountVectorizer(strip_accents="ascii").fit(_NEWS)
    assert build_analyzer(ascii_folded)(_NEWS[2]) == ascii_folded.build_analyzer()(_NEWS[2])


def test_cluster_texts_equal_the_word_by_word_definition_on_real_text():
    fine = _fine_clusters()
    texts = [*_NEWS, SAMPLE_004.read_text(encoding="utf-8")]
    got = cluster_texts(texts, 100_000)
    want = [" ".join(fine.get(w, "cx") for w in _CLUSTER_WORD.findall(t.lower())) for t in texts]
    assert got == want and "cx" in got[-1] and len(set(got[-1].split())) > 10
