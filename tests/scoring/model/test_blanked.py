"""The tokens of a text's clips and its blanked copy's clips from one tokenisation: the analyzer's own."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from features.text import blank
from scoring.model.blanked import blanked_regions, clip_tokens
from scoring.model.lean import author_voice

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = sorted((ROOT / "notebooks" / "data" / "samples").glob("*.txt"))
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides" / "articles.parquet"
VECTORIZER = CountVectorizer(strip_accents="unicode")  # the body counters' analyzer: lower case, accents stripped
PREP = VECTORIZER.build_preprocessor()
SETTING = ("test", "unicode", True)

_NEWS = [
    "The minister said “talks would resume on Tuesday,” officials confirmed.\n\nCritics called it “a disgrace.”",
    "Café owners in Zürich said the new rules were “outrageous” — and would cost jobs, the naïve résumé says.",
    "“We will not back down,” said the mayor.\nRead more: the mayor’s plan\nThe council met again on Monday.",
    "No quotations at all in this one, and no accents either.",
    "",
]


def _tokens(text: str) -> list[str]:
    return VECTORIZER.build_tokenizer()(PREP(text))


def _check(text: str, voice: str, text_clips: tuple[int, ...], voice_clips: tuple[int, ...]) -> bool:
    """The pieces' tokens of every clip are the analyzer's; False where the clips were not read so."""
    got = clip_tokens(text, voice, text_clips, voice_clips, PREP, SETTING)
    if got is None:
        return False
    found, picks = got
    for c in text_clips:
        assert found[text[:c]] == _tokens(text[:c])
    for c in voice_clips:
        assert found[voice[:c]] == _tokens(voice[:c])
        if voice[:c] in picks:  # its tokens are some of a text clip's, at the positions given
            whole, at = picks[voice[:c]]
            assert [found[whole][i] for i in at] == found[voice[:c]]
    return True


def test_every_clip_of_a_text_and_its_author_voice_has_the_analyzers_tokens():
    texts = _NEWS + [p.read_text(encoding="utf-8") for p in SAMPLES]
    read = 0
    for text in texts:
        voice = author_voice(text)
        # clips that end inside words and inside quotations, and the lengths the models read
        for text_clips, voice_clips in (((8000, 50000), (50000,)), ((13, 61, 400), (400,)), ((50000,), (37, 50000))):
            read += _check(text, voice, text_clips, voice_clips)
    # most are read in pieces: not a text with an ellipsis (NFKD makes it three characters), nor a
    # blanked clip ending inside a word between two stretches
    assert read >= 2 * len(texts)


def test_real_articles_clips_have_the_analyzers_tokens():
    if not ALLSIDES.exists():
        pytest.skip("needs ../shared/data/allsides")
    df = pd.read_parquet(ALLSIDES, columns=["content_original"]).sample(150, random_state=5)
    texts = df["content_original"].fillna("").astype(str).tolist()
    read = sum(_check(t, author_voice(t), (500, 8000, 50000), (50000,)) for t in texts)
    assert read > len(texts) // 2  # most are read in pieces (the others hold an ellipsis or the like)


def test_a_text_whose_preprocessing_moves_offsets_is_tokenised_whole():
    for text in ("ΟΔΟΣ and the “quote” here", "He paused… then said “no”", "the ﬁnal “word”"):
        assert clip_tokens(text, author_voice(text), (8000,), (8000,), PREP, SETTING) is None
    # an accented letter keeps its offsets (one character once its mark is dropped)
    assert _check("Zürich’s “naïve” résumé", author_voice("Zürich’s “naïve” résumé"), (8000,), (8000,))


def test_a_copy_that_is_not_the_text_blanked_is_not_read():
    text = "The minister said “talks would resume,” officials confirmed."
    assert clip_tokens(text, text.replace("talks", "TALKS"), (100,), (100,), PREP, SETTING) is None
    assert clip_tokens(text, text[:-1], (100,), (100,), PREP, SETTING) is None
    assert blanked_regions(text, text) == []


def test_the_regions_are_the_blanked_ranges_with_their_spaces():
    text = "He said “it will rain\ntomorrow” and left. “Yes,” she said, “no.”"
    ranges = [(8, 31), (42, 48), (59, 64)]
    blanked = blank(text, ranges)
    regions = blanked_regions(text, blanked)
    assert len(regions) == 3
    for (s, e), (rs, re_) in zip(ranges, regions):
        assert rs <= s and e <= re_  # each range lies in its region, with the blanks around it
        assert not blanked[rs:re_].strip() and not text[rs:s].strip() and not text[e:re_].strip()
