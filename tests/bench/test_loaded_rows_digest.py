"""The loaded model's row digests: equal rows give equal digests, and a blanked line or a moved
sentence boundary shows in the fields that read it, with the blanked line's gold in the report."""
from __future__ import annotations

import numpy as np

from bench.loaded_rows_digest import article_digest, blanked_changes, diff_digests, digest_all
from bench.train_loaded import Article
from features.insertions import clean_doc
from features.loaded import bigram_keys, position_matrix, scare_quotes, token_strings, valence
from features.loaded_words import FUNCTION_WORDS, forced_tokens, is_spelling_noise
from features.text import Doc, parse

STORY = ("The senator called the plan a disgraceful sham on Tuesday.\n"
         "Sign up for our newsletter to get the latest news.\n"
         "Critics said the reform was dead on arrival.\n")
GOLD = [(STORY.index("disgraceful sham"), STORY.index("disgraceful sham") + len("disgraceful sham")),
        (STORY.index("latest news"), STORY.index("latest news") + len("latest news"))]


def _article(text: str, doc: Doc) -> Article:
    """An Article built as bench.train_loaded.prepare builds one, from a given parse."""
    words = token_strings(doc)
    y = np.zeros(len(words), dtype=np.int8)
    for gs, ge in GOLD:
        y[[i for i, (s, e) in enumerate(doc.tokens) if s < ge and e > gs]] = 1
    lw = [w.lower() for w in words]
    nk, pk = bigram_keys(lw)
    return Article("a1", text, GOLD, doc, words, y,
                   position_matrix(doc, np.array([abs(valence(w) or 0.0) for w in lw])),
                   ["bn=" + k for k in nk] + ["bp=" + k for k in pk], forced_tokens(words),
                   np.array([w in FUNCTION_WORDS for w in lw], dtype=bool),
                   np.array([is_spelling_noise(w) for w in words], dtype=bool), scare_quotes(doc))


def test_the_same_rows_give_the_same_digests() -> None:
    one = digest_all([_article(STORY, clean_doc(STORY)[0])])
    two = digest_all([_article(STORY, clean_doc(STORY)[0])])
    assert diff_digests(one, two) == {"articles": {}, "words_changed": [], "words_only_old": 0, "words_only_new": 0}


def test_a_line_blanked_in_one_tree_only_is_reported_with_its_gold() -> None:
    doc, spans = clean_doc(STORY)
    assert [STORY[s.start:s.end] for s in spans] == ["Sign up for our newsletter to get the latest news."]
    plain = _article(STORY, parse(STORY))
    cleaned = _article(STORY, doc)
    old = {"articles": {"a1": article_digest(plain, [])}, "words": {}}
    new = {"articles": {"a1": article_digest(cleaned, [(s.start, s.end, s.label) for s in spans])}, "words": {}}
    fields = diff_digests(old, new)["articles"]["a1"]
    assert {"tokens", "labels", "bigrams"} <= set(fields)
    lines = blanked_changes(old["articles"]["a1"], new["articles"]["a1"], STORY, GOLD)
    assert len(lines) == 1 and lines[0].startswith("  + promo") and "['latest news']" in lines[0]


def test_a_moved_sentence_boundary_shows_in_sentences_not_tokens() -> None:
    text = "The plan was a sham.It was dead on arrival, critics said."
    split = parse(text)
    assert split.sentences == [(0, 20), (20, len(text))]
    joined = Doc(split.original, split.text, split.paragraphs, [(0, len(text))], split.tokens, split.quotes)
    fields = diff_digests({"articles": {"a1": article_digest(_article(text, joined), [])}, "words": {}},
                          {"articles": {"a1": article_digest(_article(text, split), [])}, "words": {}})
    assert "sentences" in fields["articles"]["a1"] and "tokens" not in fields["articles"]["a1"]
