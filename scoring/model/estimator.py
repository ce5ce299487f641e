"""The reliability and bias models: fit, save/load (skops, never pickle), predict, explain.

One model file holds one target. Its pipeline is a scikit-learn ``Pipeline``
(quantile scaling -> ``CalibratedClassifierCV(LogisticRegression)``) over the
relscore feature columns plus stacked columns: ``wording_logit``, the
out-of-fold log-odds of a TF-IDF + logistic-regression model of the article's
words, and for ``bias`` ``headline_wording_logit``, the same over the character
n-grams of its headline, ``cluster_wording_logit``, the same over its words'
distributional clusters, and ``url_wording_logit``, the same over the words of its
URL's path (the section it was filed under: "/opinion/", "/news/", "/blog/").
For ``bias`` the classifier's log-odds are then blended with those of a plain
TF-IDF + logistic-regression model of the whole text (``BLEND_WEIGHTS``) before
the calibration. Because all of it is linear in the log-odds, each score is
explained by family: the signed points each feature family (and ``wording``,
``url``) adds to the 0-100 score, relative to the average training article
(``meta["base_score"]``).
"""
from __future__ import annotations

import json
import logging
import re
import zipfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import unquote

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import QuantileTransformer

log = logging.getLogger(__name__)

TARGETS = ("reliability", "bias")
WORDING_COLUMN = "wording_logit"
HEADLINE_COLUMN = "headline_wording_logit"
WORDING_FAMILY = "wording"
#: Targets whose model also reads the headline. Grouped CV on the hand-labelled SemEval articles
#: (bench/bias_experiments.py, variant bal_title_char): bias AUC 0.851 -> 0.857, balanced accuracy
#: 0.760 -> 0.774 (second fold partition: 0.848 -> 0.853, 0.759 -> 0.768). Not measured for reliability.
HEADLINE_TARGETS = ("bias",)
#: Headlines are short; this only bounds a pathological "title" field.
HEADLINE_CHARS = 300
CLUSTER_COLUMN = "cluster_wording_logit"
#: Targets whose model also reads the body as a sequence of distributional word clusters
#: (``features.loaded.word_clusters``, 1,024 clusters): words of like use count as one, so what
#: is learned from one outlet's vocabulary carries to another's. Grouped CV on the hand-labelled
#: SemEval articles (bench/bias_experiments.py, variant clu1024): bias AUC 0.857 -> 0.860,
#: balanced accuracy 0.774 -> 0.785 (second fold partition: 0.853 -> 0.861, 0.768 -> 0.774;
#: 10 folds: 0.865 -> 0.867, 0.772 -> 0.781). Not measured for reliability.
CLUSTER_TARGETS = ("bias",)
CLUSTER_LEXICON = "loaded_clusters_v1/c1024"
URL_COLUMN = "url_wording_logit"
#: Its own family in the explanations: where an article was filed is not how it is written.
URL_FAMILY = "url"
#: Targets whose model also reads the words of the article's URL path: the section an outlet
#: files an article under ("/opinion/", "/news/", "/blog/", "/commentary/") tells opinion from
#: reporting, and only words used by 3+ training outlets count, so no outlet's own path
#: scheme. The URL model learns from the calibration rows only (for bias, the hand-labelled
#: articles): an outlet rated as a whole files its news and its opinion under one label.
#: Grouped CV on the hand-labelled SemEval articles (bench/bias_experiments.py, variant
#: clu_url12_hand, path word 1-2-grams): bias AUC 0.860 -> 0.869, accuracy 0.784 -> 0.791
#: (second fold partition: 0.861 -> 0.867; 10 folds: 0.867 -> 0.872); learning from every
#: row (clu_url12) gave 0.865, 0.865 and 0.869. An article without a URL stands at the
#: average training article's value. Not measured for reliability.
URL_TARGETS = ("bias",)
#: Targets whose final log-odds are ``(1 - a) * stacker + a * full-text model``, the full-text
#: model being the TF-IDF + LR baseline (``make_text_model``: word 1-2-grams of the whole text,
#: no outlet restriction) fitted on the same rows and weights, with the calibration refitted on
#: the out-of-fold blend. The two read words differently (the stacked columns only terms shared
#: by 3+ outlets, clipped texts, under a regularised stacker), and averaging them gains a little
#: on every fold partition measured. Grouped CV on the hand-labelled SemEval articles
#: (bench/bias_experiments.py, on top of clu_url12_hand, 0.869 | 0.867): a = 0.2 / 0.3 / 0.5
#: 0.870 / 0.871 / 0.873 (second partition 0.869 / 0.869 / 0.872), accuracy 0.792 / 0.786 / 0.778
#: (0.777 / 0.780 / 0.769); 0.3 is the weight first measured in session 5 (+0.003 AUC on three
#: partitions then), kept rather than re-chosen. Its points count in the ``wording`` family.
BLEND_WEIGHTS = {"bias": 0.3}
#: Bounds a pathological text field for the full-text model; 1 of 6,366 training articles is longer.
FULLTEXT_CHARS = 50000
MODEL_FORMAT = "relscore-model/1"
DEFAULT_MODELS = {t: f"{t}.skops" for t in TARGETS}

# Types a model file may contain beyond skops' defaults. Anything else is refused.
# An exact list, not module prefixes: a prefix such as "numpy." would also admit
# functions a crafted file could call. These are the types relscore's own models
# need beyond what skops trusts by default; `relscore train` produces nothing else.
_TRUSTED_PREFIXES: tuple[str, ...] = ()
_TRUSTED_EXACT = frozenset({
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "builtins.slice",
    "collections.OrderedDict",
    "collections.defaultdict",
})


class UntrustedModelError(ValueError):
    """A model file references a type outside relscore's allowlist."""


# ------------------------------------------------------------------ building blocks
def outlet_weights(groups: Sequence[str], y: Sequence[float] | None = None, power: float = 1.0) -> np.ndarray:
    """Sample weights giving every outlet the same total weight (``power`` < 1 softens it),
    then every class the same total weight, normalised to mean 1."""
    g = pd.Series(list(groups))
    w = 1.0 / g.map(g.value_counts()).to_numpy(dtype=float) ** power
    if y is not None:
        ys = pd.Series(np.asarray(y)).reset_index(drop=True)
        totals = pd.Series(w).groupby(ys).transform("sum").to_numpy()
        w = w / totals
    return w * (len(w) / w.sum())


#: Characters of each article the wording model reads: the opening carries the style,
#: and the tail of long articles is mostly outlet boilerplate (and slow to tokenise).
TEXT_CHARS = 8000


def clip_texts(texts: Sequence[str], n_chars: int = TEXT_CHARS) -> list[str]:
    """The first ``n_chars`` of each text ('' for missing ones)."""
    return [t[:n_chars] if isinstance(t, str) else "" for t in texts]


#: How each text column is tokenised: the body by word uni/bigrams; the headline by character
#: 2-5-grams inside word boundaries with case kept ("STUNNING:", "=>", scare quotes).
VECTORIZERS: dict[str, dict[str, Any]] = {
    "body": {"ngram_range": (1, 2), "strip_accents": "unicode"},
    "headline": {"analyzer": "char_wb", "ngram_range": (2, 5), "lowercase": False, "strip_accents": "unicode"},
    # cluster-id texts (see cluster_texts): ids and pairs of ids
    "clusters": {"ngram_range": (1, 2), "lowercase": False, "token_pattern": r"\S+"},
    # URL path words (see url_paths)
    "url": {"ngram_range": (1, 2), "token_pattern": r"\S+"},
}


_MAX_TERMS = {"body": 20000, "headline": 20000, "clusters": 40000, "url": 5000}
_CLUSTER_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _fine_clusters() -> dict[str, str]:
    from features.loaded import word_clusters

    return {w: f"c{c[1]}" for w, c in word_clusters().items()}


def cluster_texts(texts: Sequence[str], n_chars: int = TEXT_CHARS) -> list[str]:
    """Each text (clipped to ``n_chars``) as the sequence of its words' cluster ids ("c17 c903 ..."),
    ``cx`` for a word outside the clusters' 40,000-word vocabulary."""
    fine = _fine_clusters()
    return [" ".join(fine.get(w, "cx") for w in _CLUSTER_WORD.findall(t.lower())) for t in clip_texts(texts, n_chars)]


# scheme and host ("https://www.x.com", "//x.com", or a bare "x.com" before the first "/"), query, fragment
_URL_HOST = re.compile(r"^(?:(?:[a-z][a-z0-9+.-]*:)?//[^/?#]*|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?=[/?#]|$))|[?#].*$")
_URL_WORD = re.compile(r"[^\W\d_]{2,}")
#: URLs longer than this are not article addresses; the bound keeps a pathological field cheap.
URL_CHARS = 1000


def url_paths(urls: Sequence[str | None]) -> list[str]:
    """The words of each URL's path, lower-cased and space-separated ('' for a missing URL).

    Scheme, host, query and fragment are dropped (the host names the outlet; queries are
    tracking codes), and so are digits (dates, story numbers): what is left is the section
    and the headline slug, "https://x.com/opinion/2017/10/a-cruel-old-man?utm=1" giving
    "opinion cruel old man"."""
    out = []
    for u in urls:
        if not isinstance(u, str):
            out.append("")
            continue
        path = _URL_HOST.sub("", unquote(u.strip()[:URL_CHARS]).lower())
        out.append(" ".join(_URL_WORD.findall(path)))
    return out


#: What each kind of wording model reads of its raw input (a body, a headline or a URL).
_TEXT_INPUT = {
    "body": lambda texts: clip_texts(texts, TEXT_CHARS),
    "headline": lambda texts: clip_texts(texts, HEADLINE_CHARS),
    "clusters": cluster_texts,
    "url": url_paths,
}


def outlet_counts(texts: Sequence[str], groups: Sequence[str], min_outlets: int = 3, max_features: int = 20000,
                  kind: str = "body", **vectorizer_kw: Any) -> tuple[CountVectorizer, sparse.csr_matrix]:
    """A counter (``VECTORIZERS[kind]``, updated by ``vectorizer_kw``) limited to terms used
    by at least ``min_outlets`` outlets (the most widespread first), and the count matrix
    of ``texts`` under it.

    Restricting the vocabulary this way keeps outlet signatures ("(AP) —", a site's
    own name, its newsletter plug) out of the text model, which otherwise learns to
    recognise outlets instead of writing.
    """
    kw = {**VECTORIZERS[kind], **vectorizer_kw}
    # in a body, terms in over half the articles are function words; in a headline they are rare
    max_df = kw.pop("max_df", 0.5 if kind == "body" else 1.0)
    cv = CountVectorizer(min_df=2, max_df=max_df, dtype=np.float32, **kw)
    m = cv.fit_transform(texts)
    codes, uniq = pd.factorize(pd.Series(list(groups)))
    # outlets-by-documents indicator times documents-by-terms: nonzeros per column = outlets using the term
    G = sparse.csr_matrix((np.ones(len(codes), dtype=np.float32), (codes, np.arange(len(codes)))),
                          shape=(len(uniq), len(codes)))
    n_out = np.asarray(((G @ m) > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(n_out >= min_outlets)
    keep = np.sort(keep[np.argsort(-n_out[keep], kind="stable")][:max_features])
    names = cv.get_feature_names_out()[keep]  # sorted, the order CountVectorizer gives a fixed vocabulary
    fixed = CountVectorizer(dtype=np.float32, vocabulary={t: i for i, t in enumerate(names)}, **kw)
    fixed.fit([""])  # a fixed vocabulary learns nothing from data; this only validates it
    fixed.vocabulary = None  # keep the fitted vocabulary_, drop the duplicate parameter (file size)
    return fixed, m[:, keep].tocsr()


def _fit_tfidf_lr(counts: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, C: float, seed: int
                  ) -> tuple[TfidfTransformer, LogisticRegression]:
    tf = TfidfTransformer(sublinear_tf=True).fit(counts)
    lr = LogisticRegression(C=C, max_iter=2000, random_state=seed).fit(tf.transform(counts), y, sample_weight=w)
    return tf, lr


def fit_text_model(texts: Sequence[str], y: np.ndarray, groups: Sequence[str], w: np.ndarray,
                   splits: list | None = None, C: float = 1.0, seed: int = 0,
                   kind: str = "body", fit_rows: np.ndarray | None = None) -> tuple[Pipeline, np.ndarray | None]:
    """A wording model (counts -> TF-IDF -> logistic regression) on what ``kind`` reads of
    ``texts`` (clipped texts; for "clusters" their cluster ids; for "url" URLs, read as their
    path words) and, given ``splits``, its out-of-fold log-odds for stacking. Texts are
    tokenised once. With ``fit_rows`` (a mask) the vocabulary still comes from every row but
    the model learns from those rows only; the out-of-fold log-odds cover every row."""
    counter, counts = outlet_counts(_TEXT_INPUT[kind](texts), groups, kind=kind, max_features=_MAX_TERMS[kind])
    use = np.ones(len(y), bool) if fit_rows is None else np.asarray(fit_rows, dtype=bool)
    oof = None
    if splits is not None:
        oof = np.zeros(len(y))
        for tr, te in splits:
            t = tr[use[tr]]
            tf, lr = _fit_tfidf_lr(counts[t], y[t], w[t], C, seed)
            oof[te] = lr.decision_function(tf.transform(counts[te]))
    tf, lr = _fit_tfidf_lr(counts[use], y[use], w[use], C, seed)
    return Pipeline([("counts", counter), ("tfidf", tf), ("lr", lr)]), oof


def make_text_model(C: float = 1.0, seed: int = 0) -> Pipeline:
    """Plain TF-IDF + logistic regression over the raw text: the baseline."""
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", dtype=np.float32,
                          min_df=3, max_df=0.5, max_features=30000)
    return Pipeline([("tfidf", vec), ("lr", LogisticRegression(C=C, max_iter=2000, random_state=seed))])


def fit_fulltext_model(texts: Sequence[str], y: np.ndarray, w: np.ndarray, splits: list | None = None,
                       C: float = 1.0, seed: int = 0) -> tuple[Pipeline, np.ndarray | None]:
    """The full-text model blended into the final log-odds (``BLEND_WEIGHTS``): ``make_text_model``
    fitted on ``texts`` (clipped to ``FULLTEXT_CHARS``) and, given ``splits``, its out-of-fold
    log-odds (each fold's vocabulary from its training part only)."""
    texts = clip_texts(texts, FULLTEXT_CHARS)
    oof = None
    if splits is not None:
        oof = np.zeros(len(y))
        for tr, te in splits:
            m = make_text_model(C, seed).fit([texts[i] for i in tr], y[tr], lr__sample_weight=w[tr])
            oof[te] = m.decision_function([texts[i] for i in te])
    return make_text_model(C, seed).fit(texts, y, lr__sample_weight=w), oof


def make_feature_pipeline(cv: Any, C: float = 0.3, seed: int = 0, n_quantiles: int = 200) -> Pipeline:
    """Quantile scaling to a normal shape, then a sigmoid-calibrated linear classifier."""
    lr = LogisticRegression(C=C, max_iter=5000, random_state=seed)
    return Pipeline([
        ("scale", QuantileTransformer(n_quantiles=n_quantiles, output_distribution="normal", random_state=seed)),
        ("clf", CalibratedClassifierCV(lr, method="sigmoid", cv=cv, ensemble=False)),
    ])


def grouped_splits(y: np.ndarray, groups: Sequence[str], n_splits: int, seed: int,
                   strata: Sequence | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Outlet-grouped stratified folds (indices), reproducible for a seed."""
    strata = np.asarray(y if strata is None else strata)
    n_groups = len(set(groups))
    k = max(2, min(n_splits, n_groups))
    sgkf = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    return [(tr, te) for tr, te in sgkf.split(np.zeros(len(strata)), strata, groups=np.asarray(groups))]


def fit_model(features: pd.DataFrame, y: Sequence[float], groups: Sequence[str], target: str,
              texts: Sequence[str] | None = None, sample_weight: np.ndarray | None = None,
              feature_names: Sequence[str] | None = None, families: dict[str, Sequence[str]] | None = None,
              n_splits: int = 5, seed: int = 0, text_C: float = 1.0, C: float = 0.3,
              meta: dict | None = None, titles: Sequence[str] | None = None,
              calibrate_on: Sequence[bool] | None = None, urls: Sequence[str | None] | None = None) -> dict:
    """Fit one target's model; returns the dict that :func:`save_model` writes.

    ``groups`` (the outlet of each row) drive every internal split, so the stacked
    wording columns and the calibration are all learned out-of-outlet. ``titles``
    (with ``texts``) add the headline column for targets in ``HEADLINE_TARGETS``, and
    ``urls`` (with ``texts``; None where an article has none) the URL column for targets in
    ``URL_TARGETS``, when any training article has a URL.
    ``calibrate_on`` marks the rows whose labels define what the score means (for
    ``bias``: the hand-labelled articles); the calibration is then refitted on their
    out-of-fold log-odds alone, both classes weighing the same, so 50 is the balance
    point on articles of that kind (see :func:`recalibrate`).
    """
    if target not in TARGETS:
        raise ValueError(f"target must be one of {TARGETS}, got {target!r}")
    from features import FAMILIES, FEATURE_NAMES

    feature_names = list(feature_names or FEATURE_NAMES)
    families = {k: list(v) for k, v in (families or FAMILIES).items()}
    y = np.asarray(y, dtype=int)
    groups = [str(g) for g in groups]
    if len(np.unique(y)) < 2:
        raise ValueError(f"target {target!r}: need both classes to train, got only {np.unique(y).tolist()}")
    w = outlet_weights(groups, y) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    X = headline_features_as_missing(features.reindex(columns=feature_names).astype(float).reset_index(drop=True))
    n_missing = int(X.isna().any(axis=1).sum())
    if n_missing:
        # articles whose analysis failed (or absent feature columns): median values, said out loud
        log.warning("%d of %d training rows have missing features; filled with medians", n_missing, len(X))
        X = X.fillna(X.median()).fillna(0.0)
    splits = grouped_splits(y, groups, n_splits, seed)
    text_model = headline_model = cluster_model = url_model = fulltext_model = None
    blend, fulltext_oof = BLEND_WEIGHTS.get(target, 0.0) if texts is not None else 0.0, None
    if texts is not None:
        text_model, oof = fit_text_model(list(texts), y, groups, w, splits, text_C, seed)
        X[WORDING_COLUMN] = oof
        families = {**families, WORDING_FAMILY: [WORDING_COLUMN]}
        if titles is not None and target in HEADLINE_TARGETS:
            titles = ["" if not isinstance(t, str) else t for t in titles]
            headline_model, oof = fit_text_model(titles, y, groups, w, splits, text_C, seed, kind="headline")
            # as at prediction, a missing headline stands at the typical value
            has = np.array([bool(t.strip()) for t in titles])
            X[HEADLINE_COLUMN] = np.where(has, oof, np.median(oof[has]) if has.any() else 0.0)
            families[WORDING_FAMILY] = [WORDING_COLUMN, HEADLINE_COLUMN]
        if target in CLUSTER_TARGETS:
            cluster_model, X[CLUSTER_COLUMN] = fit_text_model(texts, y, groups, w, splits, text_C, seed,
                                                              kind="clusters")
            families[WORDING_FAMILY] = [*families[WORDING_FAMILY], CLUSTER_COLUMN]
        paths = url_paths(urls) if urls is not None and target in URL_TARGETS else []
        # the URL model learns from the calibration rows alone (the hand-labelled articles), with
        # their own outlet and class balance: see URL_TARGETS
        rows, wu = np.ones(len(y), bool), w
        if calibrate_on is not None:
            rows, wu = np.asarray(calibrate_on, dtype=bool), np.zeros(len(y))
            wu[rows] = outlet_weights([g for g, r in zip(groups, rows) if r], y[rows])
        if any(p for p, r in zip(paths, rows) if r):
            try:
                url_model, oof = fit_text_model(list(urls), y, groups, wu, splits, text_C, seed, kind="url",
                                                fit_rows=rows)
            except ValueError as e:  # no path word used by enough outlets (a small corpus): no URL component
                log.warning("training without the URL component: %s", e)
            else:
                has = np.array([bool(u) for u in paths])
                X[URL_COLUMN] = np.where(has, oof, np.median(oof[has]))
                families[URL_FAMILY] = [URL_COLUMN]
        if blend:
            fulltext_model, fulltext_oof = fit_fulltext_model(list(texts), y, w, splits, text_C, seed)
    pipe = make_feature_pipeline(splits, C=C, seed=seed, n_quantiles=min(200, len(y)))
    pipe.fit(X, y, clf__sample_weight=w)
    Z = np.asarray(pipe[:-1].transform(X), dtype=float)
    if calibrate_on is not None or blend:
        # a blended model's sigmoid must read the blend, so it is refitted even without calibration rows
        rows = np.ones(len(y), bool) if calibrate_on is None else np.asarray(calibrate_on, dtype=bool)
        recalibrate(pipe, Z, y, w, splits, rows, blend=(blend, fulltext_oof) if blend else None)
    pipe.named_steps["clf"].cv = n_splits  # drop the stored index arrays; the folds were used already
    # explanations are relative to the average training article (in the scaled space)
    reference = np.nan_to_num(Z).mean(axis=0)
    fulltext_reference = float(fulltext_oof.mean()) if blend else 0.0
    base = _base_probability(pipe, reference, blend, fulltext_reference)
    return {
        "format": MODEL_FORMAT,
        "target": target,
        "feature_names": feature_names,
        "columns": list(X.columns),
        "families": families,
        "text_model": text_model,
        "text_chars": TEXT_CHARS,
        "headline_model": headline_model,
        "cluster_model": cluster_model,
        "cluster_lexicon": CLUSTER_LEXICON if cluster_model is not None else None,
        "url_model": url_model,
        "fulltext_model": fulltext_model,
        "blend_weight": float(blend),
        # the average training article's full-text log-odds (out-of-fold), as ``reference`` is for Z
        "fulltext_reference": fulltext_reference,
        "pipeline": pipe,
        "reference": reference,
        "meta": {**(meta or {}), "n_train": int(len(y)), "n_outlets": int(len(set(groups))),
                 "base_score": round(100 * base, 2), "seed": seed},
    }


# ------------------------------------------------------------------ save / load
def _check_types(untrusted: list[str], path: str | Path) -> list[str]:
    bad = [t for t in untrusted if not (t.startswith(_TRUSTED_PREFIXES) or t in _TRUSTED_EXACT)]
    if bad:
        raise UntrustedModelError(
            f"refusing to load model file {path}: it contains types outside relscore's allowlist "
            f"(relscore's model types): {bad}. Only load model files you built with "
            "`relscore train`; nothing in this file was executed.")
    return list(untrusted)


def save_model(model: dict, path: str | Path) -> Path:
    """Write a model dict with skops (never pickle)."""
    import skops.io as sio

    if model.get("format") != MODEL_FORMAT or model.get("target") not in TARGETS:
        raise ValueError(f"not a relscore model dict (format={model.get('format')!r}, target={model.get('target')!r})")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # the schema is verbose JSON (one node per vocabulary term): deflate shrinks it ~20x
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


def load_model(path: str | Path) -> dict:
    """Load a model file, trusting only the exact types on relscore's allowlist."""
    import skops.io as sio

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"model file {path} not found")
    trusted = _check_types(sio.get_untrusted_types(file=path), path)
    model = sio.load(path, trusted=trusted)
    if not isinstance(model, dict) or model.get("format") != MODEL_FORMAT or model.get("target") not in TARGETS:
        raise ValueError(f"{path} is not a relscore model file (expected a dict with format {MODEL_FORMAT!r} "
                         f"and target in {TARGETS})")
    if model.get("cluster_model") is not None and model.get("cluster_lexicon") != CLUSTER_LEXICON:
        raise ValueError(f"{path}: this {model['target']} model reads word clusters {model.get('cluster_lexicon')!r}, "
                         f"but this relscore has {CLUSTER_LEXICON!r}; rebuild the model with this version")
    return model


@lru_cache(maxsize=None)
def _default_model(target: str) -> dict:
    ref = resources.files("scoring.models").joinpath(DEFAULT_MODELS[target])
    with resources.as_file(ref) as p:
        if not Path(p).exists():
            raise FileNotFoundError(f"the bundled {target} model {DEFAULT_MODELS[target]} is missing from "
                                    "scoring/models; rebuild it with `python -m bench.build_model`")
        return load_model(p)


@lru_cache(maxsize=16)
def _cached_model(path: str, mtime: float) -> dict:
    return load_model(path)


def load_models(model_paths: Sequence[str] | None = None) -> dict[str, dict]:
    """Models by target: the given files (each names its target), else the bundled ones."""
    if not model_paths:
        return {t: _default_model(t) for t in TARGETS}
    out: dict[str, dict] = {}
    for p in model_paths:
        m = _cached_model(str(Path(p).resolve()), Path(p).stat().st_mtime)
        out[m["target"]] = m
    return out


# ------------------------------------------------------------------ prediction
def headline_features_as_missing(X: pd.DataFrame) -> pd.DataFrame:
    """``X`` with the headline features (``features.style``'s ``headline_*``) of articles without a
    headline (``headline_word_count`` 0) set to NaN, in place.

    Their zeros would read as an extreme value no training article has (every training
    article has a headline) and drag the scores: on hand-labelled SemEval articles of held-out
    outlets scored without headlines, 18% came out hyperpartisan instead of 43%. As missing
    values they count as the average article's, as the headline wording column does.
    """
    if "headline_word_count" in X.columns:
        cols = [c for c in X.columns if c.startswith("headline_") and c != HEADLINE_COLUMN]
        X.loc[X["headline_word_count"].fillna(0).eq(0), cols] = np.nan
    return X


def _design(model: dict, features: pd.DataFrame, texts: Sequence[str] | None,
            titles: Sequence[str] | None = None, urls: Sequence[str | None] | None = None) -> pd.DataFrame:
    X = features.reindex(columns=model["feature_names"]).astype(float).reset_index(drop=True)
    missing = [c for c in model["feature_names"] if c not in features.columns]
    if missing:
        log.warning("%d feature columns missing (%s...); treated as the average training article's", len(missing), missing[:3])
    headline_features_as_missing(X)
    if model.get("text_model") is not None:
        if texts is None:
            log.warning("no 'text' column: the wording component of the %s model is set to the average training article's",
                        model["target"])
            X[WORDING_COLUMN] = np.nan
        else:
            X[WORDING_COLUMN] = model["text_model"].decision_function(clip_texts(texts, model.get("text_chars", TEXT_CHARS)))
    if model.get("headline_model") is not None:
        if titles is None:
            log.warning("no 'title' column: the headline component of the %s model is set to the average "
                        "training article's", model["target"])
            X[HEADLINE_COLUMN] = np.nan
        else:
            heads = clip_texts(titles, HEADLINE_CHARS)
            logit = model["headline_model"].decision_function(heads)
            # an article without a headline has no headline evidence: the average article's value
            X[HEADLINE_COLUMN] = np.where([bool(h.strip()) for h in heads], logit, np.nan)
    if model.get("cluster_model") is not None:
        X[CLUSTER_COLUMN] = np.nan if texts is None else model["cluster_model"].decision_function(
            cluster_texts(texts, model.get("text_chars", TEXT_CHARS)))
    if model.get("url_model") is not None:
        paths = url_paths(urls) if urls is not None else []
        if any(paths):
            logit = model["url_model"].decision_function(paths)
            X[URL_COLUMN] = np.where([bool(u) for u in paths], logit, np.nan)
        else:  # the usual case for text-only corpora: nothing to vectorise
            log.info("no URLs: the URL component of the %s model is set to the average training article's",
                     model["target"])
            X[URL_COLUMN] = np.nan
    return X


def _parts(pipe: Pipeline) -> tuple[Any, LogisticRegression, Any]:
    clf = pipe.named_steps["clf"]
    cc = clf.calibrated_classifiers_[0]
    return pipe[:-1], cc.estimator, cc.calibrators[0]


def recalibrate(pipe: Pipeline, Z: np.ndarray, y: np.ndarray, w: np.ndarray,
                splits: Sequence[tuple[np.ndarray, np.ndarray]], rows: np.ndarray,
                blend: tuple[float, np.ndarray] | None = None) -> None:
    """Refit the fitted ``pipe``'s sigmoid calibration on the out-of-fold log-odds of ``rows`` only
    (``Z``: the training rows as the pipeline's scaling step outputs them).

    The weaker (outlet-level) labels still train the classifier, but they no longer decide
    where its log-odds turn into 50: within ``rows`` each outlet keeps its weight from ``w``
    and both classes get the same total. The result is again one sigmoid of the log-odds, so
    the model's structure and the explanations are unchanged. When ``rows`` do not hold both
    classes the calibration is left as fitted (with a warning). ``blend`` (weight ``a``, the
    full-text model's out-of-fold log-odds) makes the sigmoid read ``(1 - a) * oof + a * those``.
    """
    from sklearn.base import clone

    _, lr, cal = _parts(pipe)
    oof = np.full(len(y), np.nan)
    for tr, te in splits:
        oof[te] = clone(lr).fit(Z[tr], y[tr], sample_weight=w[tr]).decision_function(Z[te])
    if blend is not None:
        oof = (1 - blend[0]) * oof + blend[0] * np.asarray(blend[1], dtype=float)
    m = rows & np.isfinite(oof)
    if len(np.unique(y[m])) < 2:
        log.warning("calibration rows hold %d articles of one class only: calibration kept as fitted", int(m.sum()))
        return
    cal.a_, cal.b_ = balanced_sigmoid(oof[m], y[m], np.asarray(w)[m])


def balanced_sigmoid(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """The sigmoid ``1 / (1 + exp(a * z + b))`` (``_SigmoidCalibration``'s form) fitted to labels ``y``
    of log-odds ``z``, each row weighted by ``w`` and both classes given the same total."""
    y, w = np.asarray(y), np.asarray(w, dtype=float)
    sw = w / np.where(y == 1, w[y == 1].sum(), w[y == 0].sum())
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(np.asarray(z, dtype=float)[:, None], y,
                                                       sample_weight=sw * len(sw))
    return -float(fit.coef_[0, 0]), -float(fit.intercept_[0])


def _logit(lr: LogisticRegression, Z: np.ndarray, blend: float = 0.0, fulltext: Any = 0.0) -> Any:
    """The log-odds the calibration reads: the classifier's on scaled rows ``Z``, blended at weight
    ``blend`` with the full-text model's log-odds ``fulltext`` (``BLEND_WEIGHTS``)."""
    return (1 - blend) * (Z @ lr.coef_[0] + lr.intercept_[0]) + blend * fulltext


def _base_probability(pipe: Pipeline, reference: np.ndarray, blend: float = 0.0, fulltext_reference: float = 0.0
                      ) -> float:
    _, lr, cal = _parts(pipe)
    return float(np.clip(cal.predict(np.array([_logit(lr, reference, blend, fulltext_reference)])), 0, 1)[0])


def predict_with_explanation(model: dict, features: pd.DataFrame, texts: Sequence[str] | None = None,
                             titles: Sequence[str] | None = None, urls: Sequence[str | None] | None = None
                             ) -> tuple[np.ndarray, pd.DataFrame]:
    """Probabilities (0-1) and signed per-family points (0-100 scale) for each row.

    Points: the linear log-odds contribution of each family, measured from the average
    training article, times the secant slope of the calibration curve between that
    average and this article, so the points add up exactly to (score - base score).
    A blended model's full-text log-odds (``BLEND_WEIGHTS``) count in the ``wording`` family.
    """
    X = _design(model, features, texts, titles, urls)
    prep, lr, cal = _parts(model["pipeline"])
    Z = np.asarray(prep.transform(X), dtype=float)
    coef = lr.coef_[0]
    ref = np.asarray(model.get("reference", np.zeros(len(coef))), dtype=float)
    bad = ~np.isfinite(Z)
    Z[bad] = np.broadcast_to(ref, Z.shape)[bad]  # a missing value counts as the average article's
    a = float(model.get("blend_weight", 0.0))  # 0 for a model without a full-text part (and older files)
    g0 = float(model.get("fulltext_reference", 0.0))
    g = np.full(len(Z), g0)  # without a text, the average article's full-text log-odds
    if a and texts is not None:
        g = model["fulltext_model"].decision_function(clip_texts(texts, FULLTEXT_CHARS))
    f = _logit(lr, Z, a, g)
    p = np.clip(cal.predict(f), 0.0, 1.0)
    f0 = float(_logit(lr, ref, a, g0))
    p0 = float(np.clip(cal.predict(np.array([f0])), 0, 1)[0])
    eps = 1e-3
    deriv = (cal.predict(np.array([f0 + eps])) - cal.predict(np.array([f0 - eps])))[0] / (2 * eps)
    df = f - f0
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(np.abs(df) > 1e-6, (p - p0) / df, deriv)
    cols = model["columns"]
    contrib = (1 - a) * (Z - ref) * coef  # log-odds units per column, relative to the average article
    points = {}
    for fam, names in model["families"].items():
        idx = [cols.index(n) for n in names if n in cols]
        points[fam] = 100.0 * slope * (contrib[:, idx].sum(axis=1) if idx else 0.0)
    if a:
        points[WORDING_FAMILY] = points.get(WORDING_FAMILY, 0.0) + 100.0 * slope * a * (g - g0)
    return p, pd.DataFrame(points, index=features.index)


def _why_json(row: pd.Series) -> str:
    return json.dumps({k: round(float(v), 1) for k, v in row.items()}, separators=(",", ":"))


def predict_scores(features: pd.DataFrame, model_paths: list[str] | None = None) -> pd.DataFrame:
    """``reliability`` and ``bias`` (0-100) with ``reliability_why``/``bias_why`` JSON per row.

    ``features`` holds the FEATURE_NAMES columns and, for the wording components, a
    ``text`` column with the article text, a ``title`` column with its headline and a
    ``url`` column with its address (each optional: a missing one counts as the average
    training article's). Without ``model_paths`` the bundled models are used (loaded once). A target without
    a model gets NaN scores.
    """
    if not isinstance(features, pd.DataFrame):
        raise TypeError(f"predict_scores expects a pandas DataFrame of features, got {type(features).__name__}")
    models = load_models(model_paths)
    texts, titles, urls = (features[c].where(features[c].notna(), "").astype(str).tolist()
                           if c in features.columns else None for c in ("text", "title", "url"))
    out = pd.DataFrame(index=features.index)
    for target in TARGETS:
        if target not in models:
            out[target] = np.nan
            out[f"{target}_why"] = "{}"
            continue
        if len(features) == 0:
            out[target] = pd.Series(dtype=float)
            out[f"{target}_why"] = pd.Series(dtype=str)
            continue
        p, why = predict_with_explanation(models[target], features, texts, titles, urls)
        out[target] = np.round(100.0 * p, 2)
        out[f"{target}_why"] = why.apply(_why_json, axis=1).to_numpy()
    return out[["reliability", "bias", "reliability_why", "bias_why"]]
