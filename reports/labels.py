"""Readable names of the feature columns for the report's charts and tables
(the column name stays in a tooltip, so a reader can find it in the scores table)."""
from __future__ import annotations

FEATURE_LABELS: dict[str, str] = {
    "insertion_count": "Inserted lines (READ ALSO, promos)",
    "insertion_char_share": "Share of text inserted",
    "related_char_share": "Share of text: related-article teasers",
    "promo_char_share": "Share of text: promotions",
    "offtopic_char_share": "Share of text: off-topic paragraphs",
    "furniture_count": "Page furniture lines",
    "furniture_char_share": "Share of text: page furniture",
    "caption_char_share": "Share of text: captions",
    "edge_meta_char_share": "Share of text: bylines, datelines at the edges",
    "hedges_per_100_words_author": "Hedges per 100 words, author's voice",
    "hedges_per_100_words_quoted": "Hedges per 100 words, quoted voice",
    "hedged_sentence_share_author": "Hedged sentences, author's voice",
    "hedged_sentence_share_quoted": "Hedged sentences, quoted voice",
    "attribution_hedges_per_100_words": "Hedged attributions per 100 words",
    "approximators_per_100_words": "Approximations per 100 words",
    "conditionals_per_100_words": "Conditions per 100 words",
    "attributions_per_100_words": "Attributions per 100 words",
    "stance_attributions_per_100_words": "Stance attributions per 100 words",
    "distinct_sources": "Distinct sources",
    "named_sources": "Named sources",
    "anonymous_sources": "Anonymous sources",
    "media_sources": "Media sources",
    "document_sources": "Documents cited",
    "named_source_share": "Share of sources named",
    "media_source_share": "Share of sources that are media",
    "quoted_word_share": "Share of words quoted",
    "attributed_sentence_share": "Sentences with an attribution",
    "unattributed_claim_share": "Unattributed claims",
    "loaded_per_100_words_author": "Loaded terms per 100 words, author's voice",
    "loaded_per_100_words_quoted": "Loaded terms per 100 words, quoted voice",
    "loaded_mean_intensity": "Mean intensity of loaded terms",
    "intensifiers_per_100_words": "Intensifiers per 100 words",
    "superlatives_per_100_words": "Superlatives per 100 words",
    "scare_quotes_per_100_words": "Scare quotes per 100 words",
    "word_count": "Words",
    "mean_sentence_length_words": "Mean sentence length (words)",
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "lexical_diversity_mattr": "Lexical diversity (MATTR)",
    "spelling_error_rate": "Spelling errors",
    "author_sentiment_mean": "Mean sentiment, author's voice",
    "author_negative_sentence_share": "Negative sentences, author's voice",
    "author_positive_sentence_share": "Positive sentences, author's voice",
    "exclamation_per_100_words": "Exclamations per 100 words",
    "question_per_100_words": "Questions per 100 words",
    "all_caps_word_share": "Share of words in capitals",
    "headline_word_count": "Headline words",
    "headline_all_caps": "Headline in capitals",
    "headline_question": "Headline is a question",
    "headline_exclamation": "Headline exclaims",
    "headline_breaking": "Headline says \u201cbreaking\u201d",
}

FAMILY_LABELS: dict[str, str] = {
    "insertions": "Inserted content", "furniture": "Page furniture", "hedging": "Hedging",
    "sourcing": "Sourcing", "loaded": "Loaded language", "style": "Style",
}


def feature_label(name: str) -> str:
    """The readable name of feature column ``name`` (an unknown column: its words, capitalised)."""
    if name in FEATURE_LABELS:
        return FEATURE_LABELS[name]
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def family_label(name: str) -> str:
    """The readable name of a feature family."""
    return FAMILY_LABELS.get(name, feature_label(name))
