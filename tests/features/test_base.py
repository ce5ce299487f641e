"""Shared types: evidence spans, safe rates and the input check of every transformer."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from features.base import Span, iter_texts, per_100, safe_div


def test_span_record_carries_its_evidence():
    text = "The minister may resign, officials said."
    s = Span(13, 16, "hedge", "epistemic", "author", 0.123456)
    assert s.as_dict(text) == {"start": 13, "end": 16, "kind": "hedge", "label": "epistemic",
                               "voice": "author", "text": "may", "score": 0.1235}
    assert "score" not in Span(0, 3, "quote").as_dict()


def test_rates_of_empty_text_are_zero():
    assert safe_div(3, 0) == 0.0 and per_100(2, 0) == 0.0
    assert per_100(1, 8) == 12.5


def test_texts_from_lists_series_and_frames():
    assert iter_texts(["a", None, np.nan]) == ["a", "", ""]
    assert iter_texts(pd.Series(["x", "y"])) == ["x", "y"]
    assert iter_texts(pd.DataFrame({"id": [1], "text": ["body"]})) == ["body"]
    with pytest.raises(TypeError, match="single string"):
        iter_texts("an article")
    with pytest.raises(ValueError, match="columns"):
        iter_texts(pd.DataFrame({"a": ["x"], "b": ["y"]}))
    with pytest.raises(TypeError, match="item 1 is int"):
        iter_texts(["ok", 3])
