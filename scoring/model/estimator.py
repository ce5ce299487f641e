"""The score model of one target (reliability or bias) as a scikit-learn classifier.

``ScoreModel`` stacks the relscore feature columns with the out-of-fold log-odds of wording
models (``scoring.model.wording``): the body's words, and as switched on per target the
headline, the body's word clusters and the URL's path. A quantile scaling and a
sigmoid-calibrated logistic regression (``scoring.model.calibration``) turn them into a
probability; a target may also blend its log-odds with a plain full-text model before the
calibration. Because all of it is linear in the log-odds, each score is explained by family:
the signed points each feature family (and ``wording``, ``url``) adds to the 0-100 score,
relative to the average training article (``meta_["base_score"]``).
"""
from __future__ import annotations

import logging
from typing import Any, Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin

from features import FAMILIES
from features.criteria import CRITERIA
from scoring.model.calibration import (
    base_probability, blended_logit, make_feature_pipeline, pipeline_parts, recalibrate,
)
from scoring.model.grouping import grouped_splits, outlet_weights
from scoring.model.wording import (
    CLUSTER_LEXICON, FULLTEXT_CHARS, HEADLINE_CHARS, TEXT_CHARS, TermCounts, clip_texts, cluster_decision,
    fit_fulltext_model, fit_text_model, pipeline_decision, url_paths,
)
from scoring.model.ngrams import NgramCounts

log = logging.getLogger(__name__)

TARGETS = ("reliability", "bias")
WORDING_COLUMN = "wording_logit"
HEADLINE_COLUMN = "headline_wording_logit"
CLUSTER_COLUMN = "cluster_wording_logit"
URL_COLUMN = "url_wording_logit"
WORDING_FAMILY = "wording"
#: Its own family in the explanations: where an article was filed is not how it is written.
URL_FAMILY = "url"
# The per-target defaults of the wording switches below are the components validated on each
# target's held-out outlets (bench/RESULTS.md); reliability was not measured with them.
#: Targets whose model also reads the headline's character n-grams.
HEADLINE_TARGETS = ("bias",)
#: Targets whose model also reads the body as distributional word clusters, so that what is
#: learned from one outlet's vocabulary carries to another's words of like use.
CLUSTER_TARGETS = ("bias",)
#: Targets whose model also reads the words of the URL path (the section an article is filed
#: under tells opinion from reporting); it learns from the calibration rows only, since an
#: outlet rated as a whole files its news and its opinion under one label.
URL_TARGETS = ("bias",)
#: Targets whose final log-odds are ``(1 - a) * stacker + a * full-text model``: the two read
#: words differently (shared terms of clipped texts vs every term of the whole text).
BLEND_WEIGHTS = {"bias": 0.3}
#: Targets whose model also reads the journalistic criteria (``features.criteria``), each with a
#: non-negative weight: a criterion better met never lowers the score.
CRITERIA_TARGETS = ("reliability",)
CRITERIA_FAMILY = "criteria"
#: Feature families measured and reported but read by no score model. Page furniture (captions,
#: credits, bylines, datelines, share lines) is what a site's template or an export format puts
#: around the story, not how the story is written: the same article saved as one block of text has
#: none of it, and a score that read it would move with the file format (bench/RESULTS.md, issue 18).
UNSCORED_FAMILIES = ("furniture",)
#: The feature columns the score models read by default: ``FEATURE_NAMES`` less ``UNSCORED_FAMILIES``.
SCORE_FEATURES: tuple[str, ...] = tuple(n for fam, names in FAMILIES.items() if fam not in UNSCORED_FAMILIES
                                        for n in names)
#: The format of the dict-shaped model files written before ``ScoreModel`` (still loaded).
MODEL_FORMAT = "relscore-model/1"


def headline_features_as_missing(X: pd.DataFrame) -> pd.DataFrame:
    """``X`` with the headline features (``features.style``'s ``headline_*``) of articles without a
    headline (``headline_word_count`` 0) set to NaN, in place.

    Their zeros would read as an extreme value no training article has (every training
    article has a headline) and drag the scores; as missing values they count as the
    average article's, as the headline wording column does.
    """
    if "headline_word_count" in X.columns:
        cols = [c for c in X.columns if c.startswith("headline_") and c != HEADLINE_COLUMN]
        X.loc[X["headline_word_count"].fillna(0).eq(0), cols] = np.nan
    return X


def text_columns(X: pd.DataFrame) -> tuple[list[str] | None, list[str] | None, list[str] | None]:
    """The ``text``, ``title`` and ``url`` columns of ``X`` as strings ('' where missing), None where absent."""
    return tuple(X[c].where(X[c].notna(), "").astype(str).tolist() if c in X.columns else None  # type: ignore
                 for c in ("text", "title", "url"))


class ScoreModel(ClassifierMixin, BaseEstimator):
    """One target's score model; see the module docstring.

    ``fit(X, y)`` reads the feature columns of ``X`` (``feature_names``, by default
    ``SCORE_FEATURES``) and, for the wording components, its optional ``text``,
    ``title`` and ``url`` columns. ``wording`` switches every text component off; ``headline``,
    ``clusters``, ``url`` (booleans) and ``blend`` (a weight) default, as None, to the target's
    choices (``HEADLINE_TARGETS``, ``CLUSTER_TARGETS``, ``URL_TARGETS``, ``BLEND_WEIGHTS``).
    ``criteria`` (default: ``CRITERIA_TARGETS``) adds the ``features.criteria.CRITERIA`` columns as
    their own family, each constrained to a non-negative weight after the monotone scaling, so the
    score never falls when a criterion rises (missing criteria count as the average article's).
    Every internal split (stacking, calibration) is grouped by outlet over ``n_splits`` folds.
    """

    def __init__(self, target: str = "reliability", n_splits: int = 5, seed: int = 0, C: float = 0.3,
                 text_C: float = 1.0, feature_names: Sequence[str] | None = None,
                 families: dict[str, Sequence[str]] | None = None, wording: bool = True,
                 headline: bool | None = None, clusters: bool | None = None, url: bool | None = None,
                 blend: float | None = None, criteria: bool | None = None) -> None:
        self.target, self.n_splits, self.seed, self.C, self.text_C = target, n_splits, seed, C, text_C
        self.feature_names, self.families = feature_names, families
        self.wording, self.headline, self.clusters, self.url, self.blend = wording, headline, clusters, url, blend
        self.criteria = criteria

    def __setstate__(self, state: dict[str, Any]) -> None:
        # model files written before the criteria existed read none
        state.setdefault("criteria", False)
        super().__setstate__(state)

    # ------------------------------------------------------------------ fitting
    def components(self) -> dict[str, Any]:
        """The wording switches as this model's parameters resolve them for its target."""
        def on(value: bool | None, targets: Sequence[str]) -> bool:
            return self.target in targets if value is None else bool(value)
        return {"headline": on(self.headline, HEADLINE_TARGETS), "clusters": on(self.clusters, CLUSTER_TARGETS),
                "url": on(self.url, URL_TARGETS), "criteria": on(self.criteria, CRITERIA_TARGETS),
                "blend": float(BLEND_WEIGHTS.get(self.target, 0.0) if self.blend is None else self.blend)}

    def fit(self, X: pd.DataFrame, y: Sequence[float], sample_weight: np.ndarray | None = None,
            groups: Sequence[str] | None = None, calibrate_on: Sequence[bool] | None = None) -> ScoreModel:
        """Fit on the rows of ``X``; ``groups`` (the outlet of each row, by default ``X["outlet"]``)
        drive every internal split, so the stacked columns and the calibration are learned
        out-of-outlet. ``sample_weight`` defaults to every outlet, then every class, the same total.
        ``calibrate_on`` marks the rows whose labels define what the score means (for ``bias``:
        the hand-labelled articles); the calibration is then refitted on their out-of-fold
        log-odds alone, both classes weighing the same (see ``calibration.recalibrate``)."""
        if self.target not in TARGETS:
            raise ValueError(f"target must be one of {TARGETS}, got {self.target!r}")
        if groups is None:
            if "outlet" not in X.columns:
                raise ValueError("give groups= (the outlet of each row) or an 'outlet' column: every internal "
                                 "split is grouped by outlet")
            groups = X["outlet"]
        y = np.asarray(y, dtype=int)
        groups = [str(g) for g in groups]
        if len(np.unique(y)) < 2:
            raise ValueError(f"target {self.target!r}: need both classes to train, got only {np.unique(y).tolist()}")
        self.feature_names_ = list(self.feature_names or SCORE_FEATURES)
        # a family none of whose columns the model reads has no points to explain
        self.families_ = {k: [c for c in v if c in self.feature_names_]
                          for k, v in (self.families or FAMILIES).items()}
        self.families_ = {k: v for k, v in self.families_.items() if v}
        if self.components()["criteria"]:
            self._add_criteria(X)
        self.classes_ = np.array([0, 1])
        w = outlet_weights(groups, y) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        Xf = self._training_features(X)
        splits = grouped_splits(y, groups, self.n_splits, self.seed)
        fulltext_oof = self._fit_wording(X, Xf, y, groups, w, splits, calibrate_on)
        self._fit_stacker(Xf, y, w, splits, calibrate_on, fulltext_oof)
        self.meta_ = {"n_train": int(len(y)), "n_outlets": int(len(set(groups))),
                      "base_score": round(100 * self._base(), 2), "seed": self.seed}
        return self

    def _add_criteria(self, X: pd.DataFrame) -> None:
        """Read the criteria ``X`` measures anywhere as one family; without any, say so (or refuse
        when ``criteria=True`` asked for them)."""
        present = [c for c in CRITERIA if c in X.columns and X[c].notna().any()]
        if not present:
            if self.criteria:
                raise ValueError(f"criteria=True, but the training rows have no values in {list(CRITERIA)}")
            log.warning("no criterion columns in the training rows: the %s model is trained without the criteria",
                        self.target)
            return
        self.feature_names_ += [c for c in present if c not in self.feature_names_]
        self.families_ = {k: [c for c in v if c not in present] for k, v in self.families_.items()}
        self.families_[CRITERIA_FAMILY] = present

    def _training_features(self, X: pd.DataFrame) -> pd.DataFrame:
        Xf = headline_features_as_missing(X.reindex(columns=self.feature_names_).astype(float).reset_index(drop=True))
        # a criterion the text cannot tell is missing by design; a missing feature is not
        features = [c for c in Xf.columns if c not in self.families_.get(CRITERIA_FAMILY, ())]
        n_missing = int(Xf[features].isna().any(axis=1).sum())
        if n_missing:
            # articles whose analysis failed (or absent feature columns): median values, said out loud
            log.warning("%d of %d training rows have missing features; filled with medians", n_missing, len(Xf))
        Xf = Xf.fillna(Xf.median()).fillna(0.0)
        return Xf

    def _fit_wording(self, X: pd.DataFrame, Xf: pd.DataFrame, y: np.ndarray, groups: list[str], w: np.ndarray,
                     splits: list, calibrate_on: Sequence[bool] | None) -> np.ndarray | None:
        """Fit the wording models, add their out-of-fold columns to ``Xf``; returns the full-text
        model's out-of-fold log-odds (None without a blend)."""
        self.text_model_ = self.headline_model_ = self.cluster_model_ = self.url_model_ = None
        self.fulltext_model_ = None
        self.text_chars_ = TEXT_CHARS
        self.blend_weight_ = 0.0
        texts, titles, urls = text_columns(X)
        if not self.wording or texts is None:
            return None
        parts = self.components()
        seed, C = self.seed, self.text_C
        self.text_model_, Xf[WORDING_COLUMN] = fit_text_model(texts, y, groups, w, splits, C, seed)
        self.families_[WORDING_FAMILY] = [WORDING_COLUMN]
        if titles is not None and parts["headline"]:
            self.headline_model_, oof = fit_text_model(titles, y, groups, w, splits, C, seed, kind="headline")
            # as at prediction, a missing headline stands at the typical value
            has = np.array([bool(t.strip()) for t in titles])
            Xf[HEADLINE_COLUMN] = np.where(has, oof, np.median(oof[has]) if has.any() else 0.0)
            self.families_[WORDING_FAMILY].append(HEADLINE_COLUMN)
        if parts["clusters"]:
            self.cluster_model_, Xf[CLUSTER_COLUMN] = fit_text_model(texts, y, groups, w, splits, C, seed,
                                                                     kind="clusters")
            self.families_[WORDING_FAMILY].append(CLUSTER_COLUMN)
        if urls is not None and parts["url"]:
            self._fit_url(urls, Xf, y, groups, w, splits, calibrate_on)
        if not parts["blend"]:
            return None
        self.blend_weight_ = parts["blend"]
        self.fulltext_model_, oof = fit_fulltext_model(texts, y, w, splits, C, seed)
        return oof

    def _fit_url(self, urls: list[str], Xf: pd.DataFrame, y: np.ndarray, groups: list[str], w: np.ndarray,
                 splits: list, calibrate_on: Sequence[bool] | None) -> None:
        paths = url_paths(urls)
        # the URL model learns from the calibration rows alone, with their own outlet and class balance
        rows, wu = np.ones(len(y), bool), w
        if calibrate_on is not None:
            rows, wu = np.asarray(calibrate_on, dtype=bool), np.zeros(len(y))
            wu[rows] = outlet_weights([g for g, r in zip(groups, rows) if r], y[rows])
        if not any(p for p, r in zip(paths, rows) if r):
            return
        try:
            self.url_model_, oof = fit_text_model(urls, y, groups, wu, splits, self.text_C, self.seed, kind="url",
                                                  fit_rows=rows)
        except ValueError as e:  # no path word used by enough outlets (a small corpus): no URL component
            log.warning("training without the URL component: %s", e)
            return
        has = np.array([bool(u) for u in paths])
        Xf[URL_COLUMN] = np.where(has, oof, np.median(oof[has]))
        self.families_[URL_FAMILY] = [URL_COLUMN]

    def _fit_stacker(self, Xf: pd.DataFrame, y: np.ndarray, w: np.ndarray, splits: list,
                     calibrate_on: Sequence[bool] | None, fulltext_oof: np.ndarray | None) -> None:
        blend = self.blend_weight_
        nonneg = [Xf.columns.get_loc(c) for c in self.families_.get(CRITERIA_FAMILY, ())]
        pipe = make_feature_pipeline(splits, C=self.C, seed=self.seed, n_quantiles=min(200, len(y)), nonneg=nonneg)
        pipe.fit(Xf, y, clf__sample_weight=w)
        Z = np.asarray(pipe[:-1].transform(Xf), dtype=float)
        if calibrate_on is not None or blend:
            # a blended model's sigmoid must read the blend, so it is refitted even without calibration rows
            rows = np.ones(len(y), bool) if calibrate_on is None else np.asarray(calibrate_on, dtype=bool)
            recalibrate(pipe, Z, y, w, splits, rows, blend=(blend, fulltext_oof) if blend else None)
        cal = pipeline_parts(pipe)[2]
        if nonneg and cal.a_ > 0:
            # The sigmoid 1 / (1 + exp(a * f + b)) must not fall as the log-odds rise, or the criteria's signs
            # would flip. Out-of-fold log-odds that fall with the labels transfer nothing: a flat score says so.
            log.warning("%s: the out-of-fold log-odds fell as the labels rose (too few labelled outlets?); the "
                        "calibration is made flat, every article gets the same score", self.target)
            cal.a_ = 0.0
        pipe.named_steps["clf"].cv = self.n_splits  # drop the stored index arrays; the folds were used already
        self.pipeline_ = pipe
        self.columns_ = list(Xf.columns)
        # explanations are relative to the average training article (in the scaled space)
        self.reference_ = np.nan_to_num(Z).mean(axis=0)
        # the average training article's full-text log-odds (out-of-fold), as ``reference_`` is for Z
        self.fulltext_reference_ = float(fulltext_oof.mean()) if blend else 0.0
        self.cluster_lexicon_ = CLUSTER_LEXICON if self.cluster_model_ is not None else None

    def _base(self) -> float:
        return base_probability(self.pipeline_, self.reference_, self.blend_weight_, self.fulltext_reference_)

    # ------------------------------------------------------------------ prediction
    def _design(self, X: pd.DataFrame, texts: list[str] | None, titles: list[str] | None,
                urls: list[str] | None, counts: TermCounts | None = None) -> pd.DataFrame:
        D = X.reindex(columns=self.feature_names_).astype(float).reset_index(drop=True)
        missing = [c for c in self.feature_names_ if c not in X.columns]
        if missing:
            log.warning("%d feature columns missing (%s...); treated as the average training article's",
                        len(missing), missing[:3])
        headline_features_as_missing(D)
        if self.text_model_ is not None:
            D[WORDING_COLUMN] = self._absent("text", "wording") if texts is None else \
                pipeline_decision(self.text_model_, clip_texts(texts, self.text_chars_), counts)
        if self.headline_model_ is not None:
            if titles is None:
                D[HEADLINE_COLUMN] = self._absent("title", "headline")
            else:
                heads = clip_texts(titles, HEADLINE_CHARS)
                logit = self.headline_model_.decision_function(heads)
                # an article without a headline has no headline evidence: the average article's value
                D[HEADLINE_COLUMN] = np.where([bool(h.strip()) for h in heads], logit, np.nan)
        if self.cluster_model_ is not None:
            D[CLUSTER_COLUMN] = np.nan if texts is None else cluster_decision(
                self.cluster_model_, texts, self.text_chars_, counts)
        if self.url_model_ is not None:
            D[URL_COLUMN] = self._url_column(urls, counts)
        return D

    def _absent(self, column: str, component: str) -> float:
        log.warning("no '%s' column: the %s component of the %s model is set to the average training article's",
                    column, component, self.target)
        return np.nan

    def _url_column(self, urls: list[str] | None, counts: TermCounts | None = None) -> Any:
        paths = url_paths(urls) if urls is not None else []
        if not any(paths):  # the usual case for text-only corpora: nothing to vectorise
            log.info("no URLs: the URL component of the %s model is set to the average training article's",
                     self.target)
            return np.nan
        return np.where([bool(u) for u in paths], pipeline_decision(self.url_model_, paths, counts), np.nan)

    def predict_with_explanation(self, X: pd.DataFrame, counts: TermCounts | None = None
                                 ) -> tuple[np.ndarray, pd.DataFrame]:
        """Probabilities (0-1) of class 1 and signed per-family points (0-100 scale) for each row.

        ``counts`` (a ``TermCounts``) shares each text's terms between the word vectorisers of
        like settings; passing the same one to several models of the same rows shares them
        across the models too. Without it the model's own vectorisers share one.

        Points: the linear log-odds contribution of each family, measured from the average
        training article, times the secant slope of the calibration curve between that
        average and this article, so the points add up exactly to (score - base score).
        A blended model's full-text log-odds count in the ``wording`` family.
        """
        texts, titles, urls = text_columns(X)
        prep, lr, cal = pipeline_parts(self.pipeline_)
        counts = NgramCounts() if counts is None else counts
        Z = np.asarray(prep.transform(self._design(X, texts, titles, urls, counts)), dtype=float)
        coef, ref = lr.coef_[0], self.reference_
        bad = ~np.isfinite(Z)
        Z[bad] = np.broadcast_to(ref, Z.shape)[bad]  # a missing value counts as the average article's
        a, g0 = self.blend_weight_, self.fulltext_reference_
        g = np.full(len(Z), g0)  # without a text, the average article's full-text log-odds
        if a and texts is not None:
            g = pipeline_decision(self.fulltext_model_, clip_texts(texts, FULLTEXT_CHARS), counts)
        f = blended_logit(lr, Z, a, g)
        p = np.clip(cal.predict(f), 0.0, 1.0)
        f0 = float(blended_logit(lr, ref, a, g0))
        p0 = float(np.clip(cal.predict(np.array([f0])), 0, 1)[0])
        eps = 1e-3
        deriv = (cal.predict(np.array([f0 + eps])) - cal.predict(np.array([f0 - eps])))[0] / (2 * eps)
        df = f - f0
        with np.errstate(divide="ignore", invalid="ignore"):
            slope = np.where(np.abs(df) > 1e-6, (p - p0) / df, deriv)
        contrib = (1 - a) * (Z - ref) * coef  # log-odds units per column, relative to the average article
        points = {}
        for fam, names in self.families_.items():
            idx = [self.columns_.index(n) for n in names if n in self.columns_]
            points[fam] = 100.0 * slope * (contrib[:, idx].sum(axis=1) if idx else 0.0)
        if a:
            points[WORDING_FAMILY] = points.get(WORDING_FAMILY, 0.0) + 100.0 * slope * a * (g - g0)
        return p, pd.DataFrame(points, index=X.index)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Probabilities of class 0 and class 1, one row per row of ``X``."""
        p, _ = self.predict_with_explanation(X)
        return np.column_stack([1.0 - p, p])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Class 1 where its probability is at least 0.5 (a score of 50 or more)."""
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)

    def explain(self, X: pd.DataFrame) -> pd.DataFrame:
        """The signed points (0-100 scale) each family adds to each row's score, relative to the base score."""
        return self.predict_with_explanation(X)[1]

    # ------------------------------------------------------------------ the dict files written before
    @classmethod
    def from_legacy(cls, d: dict) -> ScoreModel:
        """The ``ScoreModel`` a dict-shaped model file (format ``relscore-model/1``) holds."""
        if d.get("format") != MODEL_FORMAT or d.get("target") not in TARGETS:
            raise ValueError(f"not a relscore model dict (format={d.get('format')!r}, target={d.get('target')!r})")
        pipe = d["pipeline"]
        _, lr, _ = pipeline_parts(pipe)
        text_model = d.get("text_model")
        model = cls(target=d["target"], n_splits=int(pipe.named_steps["clf"].cv), seed=int(d["meta"].get("seed", 0)),
                    C=float(lr.C), text_C=float(text_model.named_steps["lr"].C) if text_model is not None else 1.0,
                    feature_names=list(d["feature_names"]),
                    families={k: list(v) for k, v in d["families"].items() if k not in (WORDING_FAMILY, URL_FAMILY)},
                    wording=text_model is not None, headline=d.get("headline_model") is not None,
                    clusters=d.get("cluster_model") is not None, url=d.get("url_model") is not None,
                    blend=float(d.get("blend_weight", 0.0)), criteria=False)
        model.feature_names_ = list(d["feature_names"])
        model.families_ = {k: list(v) for k, v in d["families"].items()}
        model.columns_ = list(d["columns"])
        model.classes_ = np.array([0, 1])
        model.text_model_, model.text_chars_ = text_model, int(d.get("text_chars", TEXT_CHARS))
        model.headline_model_ = d.get("headline_model")
        model.cluster_model_, model.cluster_lexicon_ = d.get("cluster_model"), d.get("cluster_lexicon")
        model.url_model_ = d.get("url_model")
        model.fulltext_model_ = d.get("fulltext_model")
        model.blend_weight_ = float(d.get("blend_weight", 0.0))
        model.fulltext_reference_ = float(d.get("fulltext_reference", 0.0))
        model.pipeline_ = pipe
        model.reference_ = np.asarray(d.get("reference", np.zeros(len(lr.coef_[0]))), dtype=float)
        model.meta_ = dict(d["meta"])
        return model
