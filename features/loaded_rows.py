"""The score columns of a token type's row in the loaded-language model (see ``TypeScorer``):
the model's weights of the features ``token_features_pair`` gives a token string, summed in its order.
"""
from __future__ import annotations

from typing import Any, Mapping

from .loaded_words import (
    FUNCTION_WORDS, PAD, WordCues, bias_lexicon, intensifiers, shape, subjectivity_band, word_clusters,
)


class _GroupWeights(dict):
    """The weights of one feature group by the feature's value (the feature is ``prefix`` + value:
    "len=" 7 is "len=7"), each looked up in ``weights`` on first use."""

    def __init__(self, weights: Mapping[str, Any], prefix: str, default: Any) -> None:
        super().__init__()
        self._weights, self._prefix, self._default = weights, prefix, default

    def __missing__(self, value: Any) -> Any:
        w = self[value] = self._weights.get(f"{self._prefix}{value}", self._default)
        return w


class TypeScorer:
    """The score columns of a token type's row: the weights of the features ``token_features_pair``
    gives a token string, times their values, summed in that function's order.

    Building the two feature dicts (a dozen new key strings) is most of what a new type costs; here
    the same terms are taken in the same order from the type's word cues, the open-vocabulary
    features (word, stem, suffixes) by their keys and the others from weights indexed by feature
    value (``_GroupWeights``), so every sum adds the same floats in the same order: equal to the bit
    (tests/features/test_loaded_model.py compares the two on the model's and the clusters' words).
    ``own`` weighs a token's features in its own position, ``near`` (feature -> one weight per
    neighbour offset) those of its context features; every context feature has the value 1."""

    def __init__(self, own: Mapping[str, float], near: Mapping[str, tuple[float, ...]], n_offsets: int) -> None:
        self._own, self._near, self._none = own.get, near.get, [0.0] * n_offsets
        self._single = {k: own.get(k, 0.0) for k in (
            "v=none", "vabs", "vneg", "vpos", "bias_lex", "intensifier", "superlative", "subj", "boost", "soften",
            "function", "c=none")}
        self._near_single = {k: near.get(k) for k in (
            "bias_lex", "charged", "intensifier", "boost", "soften", "function")}
        self._groups = {p: _GroupWeights(own, p, 0.0) for p in (
            "shape=", "len=", "v=", "charged=", "subj=", "c256=", "c1024=")}
        self._near_groups = {p: _GroupWeights(near, p, None) for p in ("v=", "subj=", "c256=")}

    def scores(self, raw: str, cues: WordCues) -> tuple[float, list[float]]:
        """(own score, score given to each neighbour offset) of token string ``raw`` with cues ``word_cues(raw)``."""
        own = self._own
        if raw == PAD:
            return sum([own("w=" + PAD, 0.0)]), self._neighbour_sums([self._near("w=" + PAD)])
        w, s, v, hit, sup, subj = cues
        one, near_one, g, near_g = self._single, self._near_single, self._groups, self._near_groups
        word = "w=" + w
        terms = [own(word, 0.0), own("s=" + s, 0.0), own("x3=" + w[-3:], 0.0), own("x4=" + w[-4:], 0.0),
                 g["shape="][shape(raw)], g["len="][min(len(w), 12)]]
        near = [self._near(word)]
        if v is None:
            terms.append(one["v=none"])
        else:
            terms += (g["v="][round(v)], one["vabs"] * (abs(v) / 4.0), one["vneg" if v < 0 else "vpos"])
            near.append(near_g["v="][round(v)])
        if w in bias_lexicon():
            terms.append(one["bias_lex"])
            near.append(near_one["bias_lex"])
        elif s in bias_lexicon():
            terms.append(one["bias_lex"])
        if hit and hit[0]:
            terms.append(g["charged="][hit[0]])
            near.append(near_one["charged"])
        if w in intensifiers():
            terms.append(one["intensifier"])
            near.append(near_one["intensifier"])
        if sup:
            terms.append(one["superlative"])
        if subj is not None:
            band = subjectivity_band(subj[0])
            terms += (g["subj="][band], one["subj"] * subj[0])
            near.append(near_g["subj="][band])
            if subj[1] != 1.0:
                key = "boost" if subj[1] > 1.0 else "soften"
                terms.append(one[key])
                near.append(near_one[key])
        if w in FUNCTION_WORDS:
            terms.append(one["function"])
            near.append(near_one["function"])
        clusters = word_clusters()
        own_cluster = clusters.get(w)
        cluster = own_cluster or clusters.get(s)
        if cluster is None:
            terms.append(one["c=none"])
        else:
            terms += (g["c256="][cluster[0]], g["c1024="][cluster[1]])
        if own_cluster is not None:
            near.append(near_g["c256="][own_cluster[0]])
        return sum(terms), self._neighbour_sums(near)

    def _neighbour_sums(self, near: list[tuple[float, ...] | None]) -> list[float]:
        # features no offset weighs are left out, as adding 0.0 to a sum that starts at 0 changes no bit
        weighed = [t for t in near if t is not None]
        return [sum(col) for col in zip(*weighed)] if weighed else self._none
