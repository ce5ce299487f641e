"""End-to-end: ``features.analyze`` on the bundled sample articles."""
from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from features import FEATURE_NAMES, analyze
from features.pipeline import FAMILIES, feature_matrix

SAMPLES = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"
PATHS = sorted(SAMPLES.glob("*.txt"))


def split(path: Path) -> tuple[str, str]:
    """(title, body): the first line of a sample is its headline."""
    title, body = path.read_text(encoding="utf-8").split("\n", 1)
    return title, body


def test_there_are_five_samples():
    assert len(PATHS) == 5


def test_feature_names_are_unique_and_grouped():
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert FEATURE_NAMES == tuple(n for names in FAMILIES.values() for n in names)
    assert set(FAMILIES) == {"insertions", "furniture", "hedging", "sourcing", "loaded", "style"}


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name[:3])
def test_every_feature_is_a_finite_float(path):
    title, body = split(path)
    result = analyze(body, title)
    assert list(result.features) == list(FEATURE_NAMES)
    for name, value in result.features.items():
        assert type(value) is float and math.isfinite(value), name
    assert result.features["word_count"] > 300
    assert result.features["headline_word_count"] == len(title.split())


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name[:3])
def test_spans_are_sorted(path):
    title, body = split(path)
    spans = analyze(body, title).spans
    assert spans == sorted(spans, key=lambda s: (s.start, s.end, s.kind))


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name[:3])
def test_body_excludes_flagged_insertions(path):
    title, body = split(path)
    result = analyze(body, title)
    for sp in result.spans:
        if sp.kind == "insertion":
            assert body[sp.start:sp.end].strip() not in result.body, sp
    # the body keeps the article's own sentences
    assert "Turkey" in result.body


def test_read_also_lines_of_sample_001_are_removed():
    # README of the shared data: sample 001 carries two off-topic "READ ALSO" lines
    title, body = split(next(p for p in PATHS if p.name.startswith("001")))
    result = analyze(body, title)
    assert "READ ALSO" in body
    assert "READ ALSO" not in result.body
    assert "Huawei" not in result.body
    assert sum(1 for s in result.spans if s.kind == "insertion" and "READ ALSO" in body[s.start:s.end]) == 2


def test_title_only_changes_headline_features():
    title, body = split(PATHS[0])
    with_title, without = analyze(body, title), analyze(body)
    assert with_title.features["headline_word_count"] == len(title.split())
    assert without.features["headline_word_count"] == 0
    if with_title.body == without.body:  # the title may help find insertions; here it did not
        for name in FEATURE_NAMES:
            if not name.startswith(("headline_", "insertion")):
                assert with_title.features[name] == without.features[name], name


def test_feature_matrix_matches_analyze():
    pairs = [split(p) for p in PATHS[:2]]
    X = feature_matrix([b for _, b in pairs], [t for t, _ in pairs])
    assert X.shape == (2, len(FEATURE_NAMES))
    expected = [[analyze(b, t).features[n] for n in FEATURE_NAMES] for t, b in pairs]
    np.testing.assert_allclose(X, expected)


def test_analyze_rejects_non_text():
    with pytest.raises(TypeError):
        analyze(["not", "a", "string"])  # type: ignore[arg-type]


# --- the ways exports damage a text (CSV/JSON wrapping, lost breaks, lost encodings) ----
def _sample_parts(path: Path) -> tuple[str, str]:
    title, _, text = path.read_text(encoding="utf-8").partition("\n")
    return title, text


def _wrapped(text: str) -> str:
    return f'"{text.strip()}"'


def _one_block(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text.strip())


def _mangled(text: str) -> str:
    return re.sub("[“”‘’]", "?", text)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_an_article_wrapped_in_quotation_marks_keeps_its_voice(path):
    title, text = _sample_parts(path)
    a = analyze(text, title).features
    for variant in (_wrapped(text), _wrapped(_one_block(text))):
        b = analyze(variant, title).features
        # the wrapping pair is the export's, not a quotation: the author's text stays the author's
        assert abs(b["quoted_word_share"] - a["quoted_word_share"]) <= 0.04
        assert b["attributions_per_100_words"] > 0.5 * a["attributions_per_100_words"]
    b = analyze(_wrapped(text), title).features
    assert all(abs(b[n] - a[n]) <= 0.02 * max(1.0, abs(a[n])) for n in FEATURE_NAMES if n != "word_count")


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_quotes_mangled_to_question_marks_are_read_as_quotes(path):
    title, text = _sample_parts(path)
    a, b = analyze(text, title), analyze(_mangled(text), title)
    assert abs(b.features["quoted_word_share"] - a.features["quoted_word_share"]) <= 0.005
    assert all(b.text[s.start:s.end] == _mangled(text)[s.start:s.end] for s in b.spans)


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_an_article_without_paragraph_breaks_keeps_its_voice(prefix):
    # samples without page furniture: what the breaks told apart is only the paragraphs
    title, text = _sample_parts(next(SAMPLES.glob(f"{prefix}_*.txt")))
    a, b = analyze(text, title).features, analyze(_one_block(text), title).features
    assert abs(b["quoted_word_share"] - a["quoted_word_share"]) <= 0.01
    assert abs(b["attributions_per_100_words"] - a["attributions_per_100_words"]) <= 0.06
    assert abs(b["loaded_per_100_words_author"] - a["loaded_per_100_words_author"]) <= 0.1


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_spans_inside_a_quotation_speak_in_its_voice(path):
    title, text = _sample_parts(path)
    spans = analyze(text, title).spans
    quotes = [s for s in spans if s.kind == "quote"]
    assert all(q.voice == "quoted" for q in quotes)
    inner = [s for s in spans if s.kind in ("hedge", "loaded", "qualifier")
             and any(q.start <= s.start and s.end <= q.end for q in quotes)]
    assert all(s.voice == "quoted" for s in inner), [(text[s.start:s.end], s.voice) for s in inner]


def test_the_authors_own_hedge_is_not_inside_a_paraphrase():
    # sample 004: "the heads of Russia and Turkey declared what is thought to be a deal"
    title, text = _sample_parts(next(SAMPLES.glob("004_*.txt")))
    spans = analyze(text, title).spans
    at = text.index("thought to be a deal")
    hedge = next(s for s in spans if s.kind == "hedge" and s.start == at)
    assert hedge.voice == "author"
    assert not any(s.kind == "quote" and s.start <= at < s.end for s in spans)
