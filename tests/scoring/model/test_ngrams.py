"""Word n-gram counts by token ids: the same matrices as the vectorisers' own ``transform``."""
from __future__ import annotations

import weakref
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from scoring.model import ngrams
from scoring.model.files import load_models
from scoring.model.ngrams import NgramCounts, counts_by_ids
from scoring.model.wording import clip_texts, cluster_texts, pipeline_decision, url_paths

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = sorted((ROOT / "notebooks" / "data" / "samples").glob("*.txt"))
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides" / "articles.parquet"

_NEWS = [
    "The minister said talks would resume on Tuesday, officials confirmed.",
    "Critics called the plan a disgrace; the minister’s office declined to comment.",
    "Café owners in Zürich said the new rules were “outrageous” and would cost jobs.",
    "Officials said the figures rose again this week, the third rise in a row. The minister said so.",
    "The ΟΔΟΣ sign and the naïve résumé: accents, Greek capitals and curly quotes.",
    "",
    "minister",  # one token: no bigram
    "said said said said",  # a bigram overlapping itself
]


@pytest.fixture(autouse=True)
def by_ids_at_any_size(monkeypatch):
    """Count by ids even the few texts of these tests (below ``MIN_TEXTS_FOR_TABLE``)."""
    monkeypatch.setattr(ngrams, "MIN_TEXTS_FOR_TABLE", 0)


def _same(m, ref) -> None:
    """``m`` is ``ref`` to the last bit: dtype, shape, index order, counts."""
    assert m.dtype == ref.dtype and m.shape == ref.shape and m.has_sorted_indices
    ref = ref.copy()
    ref.sort_indices()
    assert np.array_equal(m.indptr, ref.indptr) and np.array_equal(m.indices, ref.indices)
    assert np.array_equal(m.data, ref.data)


def test_ngram_counts_equal_each_vectorisers_own_transform():
    vecs = [CountVectorizer(ngram_range=(1, 2), strip_accents="unicode", dtype=np.float32).fit(_NEWS[:3]),
            CountVectorizer(ngram_range=(1, 2), max_features=12).fit(_NEWS),  # bigrams whose words are not kept
            CountVectorizer(ngram_range=(1, 1), strip_accents="unicode").fit(_NEWS),
            CountVectorizer(ngram_range=(1, 2), binary=True).fit(_NEWS),
            CountVectorizer(ngram_range=(1, 2), lowercase=False, token_pattern=r"\S+").fit(_NEWS),
            TfidfVectorizer(ngram_range=(1, 2), strip_accents="unicode", dtype=np.float32).fit(_NEWS[2:])]
    counts = NgramCounts()
    for vec in vecs:
        assert counts_by_ids(vec)
        _same(counts.matrix(vec, _NEWS), CountVectorizer.transform(vec, _NEWS))
        _same(counts.matrix(vec, _NEWS[::-1]), CountVectorizer.transform(vec, _NEWS[::-1]))
    # three settings of preprocessing and tokens among the six: each text tokenised once per setting
    assert len(counts._tokens) == 3 and all(len(memo) == len(set(_NEWS)) for memo in counts._tokens.values())


def test_the_vectorisers_of_one_setting_look_each_text_up_once(monkeypatch):
    monkeypatch.setattr(ngrams, "_WORDS", {})  # a shared index no other test has filled
    monkeypatch.setattr(ngrams, "_TABLES", weakref.WeakKeyDictionary())
    first = CountVectorizer(ngram_range=(1, 2)).fit(_NEWS[:3])
    second = CountVectorizer().fit(_NEWS[2:])
    texts = _NEWS[::-1]
    counts = NgramCounts()
    _same(counts.matrix(first, texts), first.transform(texts))
    key = ngrams._token_key(first)
    looked_up = dict(counts._shared[key])
    assert set(looked_up) == set(texts)
    _same(counts.matrix(second, texts), second.transform(texts))
    # the second vocabulary's words were new to the shared index: every text was read again, once
    again = dict(counts._shared[key])
    assert all(again[t] is not looked_up[t] for t in texts)
    _same(counts.matrix(first, texts), first.transform(texts))
    _same(counts.matrix(second, texts), second.transform(texts))
    assert all(counts._shared[key][t] is again[t] for t in texts)  # the index is complete: no text is read again


def test_the_shared_index_forgets_the_words_of_vectorisers_gone(monkeypatch):
    monkeypatch.setattr(ngrams, "_WORDS", {})
    monkeypatch.setattr(ngrams, "_TABLES", weakref.WeakKeyDictionary())
    kept = CountVectorizer().fit(_NEWS[:2])
    counts = NgramCounts()
    _same(counts.matrix(kept, _NEWS), kept.transform(_NEWS))
    key = ngrams._token_key(kept)
    index = ngrams._WORDS[key]
    # folds of a cross-validation: each fits its own vectoriser, which is dropped after its fold
    for k in range(4):
        fold = CountVectorizer(ngram_range=(1, 2)).fit([f"fold{k} word{k}{i} " + t for i, t in enumerate(_NEWS)])
        _same(counts.matrix(fold, _NEWS), fold.transform(_NEWS))
        del fold
    # each fold found the words of the folds before it in no live table: it started an index of its own
    assert ngrams._WORDS[key] is not index
    assert "fold3" in ngrams._WORDS[key] and not any(f"fold{k}" in ngrams._WORDS[key] for k in range(3))
    # the vectoriser that outlived them is built again on an index of its own words, and counts as before
    _same(counts.matrix(kept, _NEWS), kept.transform(_NEWS))
    assert ngrams._TABLES[kept].words is ngrams._WORDS[key]
    assert len(ngrams._WORDS[key]) == ngrams._TABLES[kept].n_words
    # while the tables live, the index only grows: two vocabularies of one setting share it
    other = CountVectorizer().fit(_NEWS[2:])
    _same(counts.matrix(other, _NEWS), other.transform(_NEWS))
    assert ngrams._TABLES[other].words is ngrams._TABLES[kept].words


def test_a_few_texts_build_no_table_until_enough_come(monkeypatch):
    monkeypatch.setattr(ngrams, "MIN_TEXTS_FOR_TABLE", 32)
    vec = CountVectorizer(ngram_range=(1, 2)).fit(_NEWS)
    few, many = _NEWS[:5], _NEWS * 4
    _same(NgramCounts().matrix(vec, few), vec.transform(few))
    assert vec not in ngrams._TABLES
    _same(NgramCounts().matrix(vec, many), vec.transform(many))
    assert vec in ngrams._TABLES
    counts = NgramCounts()
    _same(counts.matrix(vec, few), vec.transform(few))  # by ids now that the table is there
    assert len(counts._tokens) == 1 and not counts._terms


def test_a_vocabulary_term_the_analyzer_never_makes_is_never_counted():
    unigrams = CountVectorizer(vocabulary=["minister", "minister said", "said"]).fit(_NEWS)
    _same(NgramCounts().matrix(unigrams, _NEWS), unigrams.transform(_NEWS))
    assert NgramCounts().matrix(unigrams, ["The minister said."]).toarray().tolist() == [[1, 0, 1]]


def test_vectorisers_of_other_settings_are_counted_as_before():
    chars = CountVectorizer(analyzer="char_wb", ngram_range=(2, 3)).fit(_NEWS)
    trigrams = CountVectorizer(ngram_range=(1, 3)).fit(_NEWS)
    spaced = CountVectorizer(token_pattern=r"[\w ]+").fit(_NEWS)  # tokens with spaces in them
    assert not any(counts_by_ids(v) for v in (chars, trigrams, spaced))
    _same(NgramCounts().matrix(trigrams, _NEWS), trigrams.transform(_NEWS))
    y = [0, 1, 1, 0, 1, 0, 1, 0]
    for pipe in (Pipeline([("c", chars), ("lr", LogisticRegression())]).fit(_NEWS, y),
                 Pipeline([("c", spaced), ("lr", LogisticRegression())]).fit(_NEWS, y)):
        assert np.array_equal(pipeline_decision(pipe, _NEWS, NgramCounts()), pipe.decision_function(_NEWS))


def _bundled_inputs(texts: list[str], titles: list[str], urls: list[str]) -> list[tuple[CountVectorizer, list[str]]]:
    models = load_models(None)
    rel, bias, lean = models["reliability"], models["bias"], models["lean"]
    return [(rel.text_model_.steps[0][1], clip_texts(texts, rel.text_chars_)),
            (bias.text_model_.steps[0][1], clip_texts(texts, bias.text_chars_)),
            (bias.fulltext_model_.steps[0][1], clip_texts(texts, 50000)),
            (bias.cluster_model_.steps[0][1], cluster_texts(texts, bias.text_chars_)),
            (bias.url_model_.steps[0][1], url_paths(urls)),
            (lean.body_counter_, clip_texts(texts, lean.text_chars)),
            (lean.headline_counter_, clip_texts(titles, 300))]


def _check_bundled(texts: list[str], titles: list[str], urls: list[str]) -> None:
    counts = NgramCounts()
    for vec, inputs in _bundled_inputs(texts, titles, urls):
        assert counts_by_ids(vec)
        _same(counts.matrix(vec, inputs), CountVectorizer.transform(vec, inputs))


def test_the_bundled_models_vectorisers_count_the_samples_as_their_own_transform():
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    assert len(texts) == 5
    titles = [t.splitlines()[0] for t in texts]
    _check_bundled(texts + _NEWS, titles + _NEWS, ["https://example.com/opinion/the-minister-said"] * len(texts + _NEWS))


def test_the_bundled_models_vectorisers_count_real_articles_as_their_own_transform():
    if not ALLSIDES.exists():
        pytest.skip("needs ../shared/data/allsides")
    df = pd.read_parquet(ALLSIDES, columns=["title", "content_original", "url"]).sample(300, random_state=3)
    texts = df["content_original"].fillna("").astype(str).tolist()
    _check_bundled(texts, df["title"].fillna("").astype(str).tolist(), df["url"].fillna("").astype(str).tolist())


def test_the_faster_tokenizers_find_the_token_patterns_own_tokens():
    tricky = ["snake_case a_b _x x_ __ a b cc 1 22 ΟΔΟΣ Zürich naïve İSTANBUL ǅemal x\u0301y 3.5% e-mail",
              "\u00a0nbsp\u2003em\u3000ideographic\x1cfile\x1dgroup\x85nel\u2028line\ttab\r\nend  ", ""]
    texts = _NEWS + tricky + [p.read_text(encoding="utf-8") for p in SAMPLES]
    for pattern in ngrams.SPACELESS_PATTERNS:
        own = CountVectorizer(token_pattern=pattern).build_tokenizer()
        fast = ngrams._spaceless_tokenizer(pattern)
        assert fast is not None and fast is not own
        for text in texts:
            assert fast(text) == own(text)
    assert ngrams._spaceless_tokenizer(r"(?u)\b\w+\b") is None


def test_word_lists_through_a_mapping_count_as_the_joined_texts():
    mapping = {"minister": "c1", "said": "c2", "talks": "c9", "resume": "c2"}  # c9: no word of the vocabulary
    vec = CountVectorizer(ngram_range=(1, 2), lowercase=False, token_pattern=r"\S+").fit(
        ["c1 c2 cx", "cx cx c2 c1", "c2 c2"])
    words = [t.lower().split() for t in _NEWS + ["talks resume said minister talks"]]
    joined = [" ".join(mapping.get(w, "cx") for w in ws) for ws in words]
    _same(NgramCounts().mapped_matrix(vec, words, mapping, "cx"), vec.transform(joined))
    assert ngrams._COMPOSED[vec][3][0] is ngrams._TABLES[vec]  # counted through the composed dict
    # values that are no single token of the vectoriser's: the texts are built and counted as usual
    spaced = {"minister": "c1 c2", "said": "c2"}
    joined = [" ".join(spaced.get(w, "cx") for w in ws) for ws in words]
    _same(NgramCounts().mapped_matrix(vec, words, spaced, "cx"), vec.transform(joined))


def test_the_bundled_cluster_model_reads_word_lists_as_its_cluster_texts():
    from scoring.model.wording import cluster_decision

    texts = [p.read_text(encoding="utf-8") for p in SAMPLES] + _NEWS
    pipe = load_models(None)["bias"].cluster_model_
    assert np.array_equal(cluster_decision(pipe, texts, 8000, NgramCounts()),
                          pipe.decision_function(cluster_texts(texts, 8000)))


def test_int32_code_rows_give_the_codes_of_int64_rows():
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES] + _NEWS
    vec = load_models(None)["bias"].fulltext_model_.steps[0][1]
    counts = NgramCounts()
    table = ngrams._table(vec)
    shared = counts.shared_ids(vec, texts, counts.tokens(vec, texts), table.words)
    lengths = np.array([len(s) for s in shared])
    ids = table.local_ids(np.concatenate(shared))
    rows = ngrams.code_rows(len(texts), len(vec.vocabulary_), lengths)
    assert rows.dtype == np.int32 and np.array_equal(rows, np.repeat(np.arange(len(texts)), lengths))
    narrow = table.codes_of(ids, rows, len(vec.vocabulary_))
    wide = table.codes_of(ids, rows.astype(np.int64), len(vec.vocabulary_))
    assert narrow.dtype == np.int32 and wide.dtype == np.int64 and np.array_equal(narrow, wide)
    # codes that would not fit in int32 are counted in int64
    assert ngrams.code_rows(70_000, 40_000, np.ones(70_000, dtype=np.int64)).dtype == np.int64
