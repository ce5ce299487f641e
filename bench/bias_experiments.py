"""Experiments on the ``bias`` model: which text columns, labels and weights score best
on the hand-labelled SemEval articles of held-out outlets.

    python -m bench.bias_experiments [--shared ../shared] [--cache-version HASH | --allsides-cap N] [--seed 0]
        [--variants current,bal_source,...] [--baseline]

Same data, labels, weights and outer folds as ``bench.build_model`` (StratifiedGroupKFold,
5 folds grouped by outlet, seed 0; ``--seed 1`` gives a second partition to confirm a
choice on); every text column is stacked out-of-fold on inner folds of the training part
only. Prints, per variant, the fold means of ROC AUC, accuracy and balanced accuracy at
0.5 on the hand-labelled test articles, the worst fold's AUC, the pooled AUC and the share
predicted hyperpartisan. Features come from a feature cache file (``--cache-version``).

Results (feature cache 972526ad3f67; AUC / acc / balanced acc, outer seed 0 | seed 1):
  current recipe                      0.839 / 0.766 / 0.753 | 0.840 / 0.772 / 0.764
  classes balanced per label source   0.849 / 0.755 / 0.756 | 0.847 / 0.757 / 0.761  (ported)
  ... with text C=3                   0.851 / 0.752 / 0.750 | 0.844 / 0.749 / 0.755
  ... plus a hand-label-only column   0.848 / 0.764 / 0.765 | 0.842 / 0.746 / 0.751
  ... outlet-label weight 0.15 / 0.6  0.850 / 0.758 / 0.758 | 0.846 / 0.750 / 0.755 ; 0.843 / 0.750 / 0.755 | 0.841 / 0.740 / 0.747
  ... plus pronoun/ellipsis rates     0.847 / 0.760 / 0.763 | 0.841 / 0.741 / 0.749
  soft outlet labels (hyperpartisan share of the MBFC category among training hand labels)
                                      0.842 / 0.778 / 0.777 | 0.836 / 0.752 / 0.751
  text model on hand labels only      0.832 / 0.775 / 0.762
  hand-only + all-label text columns  0.839 / 0.777 / 0.762
  text C=3 / C=1 stacker / C=0.1      0.842 / 0.778 / 0.765 ; 0.839 / 0.771 / 0.757 ; 0.840 / 0.768 / 0.754
  NB log-count-ratio LR               0.821 / 0.774 / 0.751
  40k terms / whole text / +pronouns and punctuation
                                      0.841 / 0.775 / 0.763 ; 0.837 / 0.764 / 0.749 ; 0.839 / 0.772 / 0.762
  + char 3-5-gram column              0.839 / 0.764 / 0.752
  + LSA (300-d SVD) column            0.839 / 0.764 / 0.751
  features only                       0.770 / 0.729 / 0.695
  TF-IDF + LR baseline                0.832 / 0.752 / 0.713
Feature cache e424b621a046 (seed 0): current 0.840 / 0.771 / 0.757, per-source balance
0.851 / 0.760 / 0.760, baseline 0.832 / 0.752 / 0.713 -- the same numbers `relscore evaluate` gives.

Session 3 (feature cache 8ac4170e66e8, same features; all with classes balanced per source):
  bal_source (shipped before)         0.851 / 0.760 / 0.760 | 0.848 / 0.754 / 0.759
  + headline word 1-2-grams           0.854 / 0.764 / 0.767 | 0.851 / 0.760 / 0.766
  + headline words, case and marks    0.853 / 0.767 / 0.768 | 0.853 / 0.764 / 0.769
  + headline char 2-5-grams (shipped) 0.857 / 0.772 / 0.774 | 0.853 / 0.763 / 0.768
    ... C 0.3 / C 3 / hand rows only  0.857 / 0.772 / 0.775 ; 0.856 / 0.775 / 0.778 ; 0.852 / 0.772 / 0.774
    ... both headline columns         0.853 / 0.767 / 0.767 | 0.851 / 0.763 / 0.769
  headline prepended to the body      0.851 / 0.764 / 0.764
  sentence-level LR (document label on each sentence), top-3 / mean / max sentence log-odds as a
  column beside word12                0.852 / 0.763 / 0.762 ; 0.847 / 0.758 / 0.759 ; 0.851 / 0.760 / 0.758
    ... with the headline column      0.858 / 0.777 / 0.778
  gradient boosting (HistGradientBoosting) in place of the linear stacker
                                      0.837 / 0.747 / 0.749 ; with headline 0.840 / 0.746 / 0.750
  An opinion-vs-news text model trained on AllSides URL sections (/opinion/, /editorials/ ...;
  within-outlet AUC 0.82) scores 0.72 AUC on the hand labels with no hyperpartisan supervision,
  but as a stacked column it changed nothing (0.851 / 0.760 / 0.760): the word column already
  carries it. Not kept.
  Learning curve of the shipped recipe, hand labels of only a share of each fold's training outlets
  (hand50, hand75): 50% 0.807 / 0.730 / 0.733; 75% 0.839 / 0.757 / 0.760; 100% 0.857 / 0.772 / 0.774.
  Still rising steeply: more hand-labelled articles are the lever, not another text column.
  More or fewer outlet-labelled AllSides articles (--allsides-cap, shipped recipe): 30 per outlet
  0.845 / 0.753 / 0.758; 60 (shipped) 0.857 / 0.772 / 0.774; 150 0.814 / 0.724 / 0.725.
  Outlet labels left out: left-/right-centre negatives (aux_no_lean) 0.848 / 0.771 / 0.773;
  fake-news/conspiracy positives (aux_no_fake) 0.857 / 0.772 / 0.774.
  The baseline's own vocabulary (no outlet restriction, whole texts) as a third column (free):
  0.854 / 0.778 / 0.781; in place of the word column (free_only): 0.853 / 0.772 / 0.774.

Session 4 (feature cache 4c6cf21a8ee6; all on top of bal_title_char, the recipe shipped before):
  bal_title_char (shipped before)     0.857 / 0.772 / 0.774 | 0.853 / 0.763 / 0.768 ; 10 folds 0.865 / 0.766 / 0.772
  + word-cluster 1-2-gram column (clu1024, 1,024 distributional clusters of features.loaded)
                                      0.860 / 0.780 / 0.785 | 0.861 / 0.769 / 0.774 ; 10 folds 0.867 / 0.772 / 0.781
    ... and the calibration refitted on hand labels (clu1024_cal, shipped)
                                      0.860 / 0.784 / 0.787 | 0.861 / 0.775 / 0.778
    ... cluster column C 3 / C 0.3    0.861 / 0.783 / 0.787 | 0.861 / 0.768 / 0.772 ; 0.858 / 0.775 / 0.779
    ... cluster unigrams / 1-3-grams  0.854 / 0.781 / 0.784 ; 0.860 / 0.774 / 0.777
    ... 256 clusters, 1-3-grams       0.858 / 0.780 / 0.786 ; both cluster columns 0.860 / 0.774 / 0.780
    ... trained on hand rows only     0.858 / 0.775 / 0.777 ; in place of the word column 0.855 / 0.767 / 0.769
  calibration refitted on hand labels alone (calib_hand): 0.857 / 0.778 / 0.777 ; 10 folds 0.865 / 0.767 / 0.771
  the stacker fitted on hand rows only / outlet rows at 0.3 / 0.1 of their weight:
                                      0.844 / 0.770 / 0.770 ; 0.852 / 0.767 / 0.769 ; 0.846 / 0.758 / 0.759
  a stacked column trained on outlet ratings of every row, hand rows included: MBFC factual
  reporting (rel_col) 0.854 / 0.767 / 0.769; MBFC partisan rating (lean_col) 0.855 / 0.774 / 0.775
  word column variants: first 4,000 characters 0.853 / 0.766 / 0.767; terms of >= 2 outlets
  0.857 / 0.772 / 0.774; unigrams 0.844 / 0.766 / 0.767; plain (not sublinear) tf 0.850 / 0.778 / 0.775
  On top of the shipped clu1024_cal, a fourth column (seed 0): headline clusters (clu_t) 0.858 / 0.785 /
  0.785; the baseline's vocabulary (clu_free) 0.857 / 0.780 / 0.782; sentence-level top-3 (clu_sent)
  0.862 / 0.784 / 0.785; cluster vocabulary of 80k terms (clu_80k) 0.858 / 0.781 / 0.786, in place of the
  40k one (clu80k_only) 0.859 / 0.778 / 0.783. None kept.
  TF-IDF + LR baseline, 10 folds: 0.832 / 0.757 / 0.720 (5 folds: 0.832 / 0.752 / 0.713).

Session 5 (same cache; all on top of the shipped clu1024_cal, seed 0):
  outlet-label weight 0.15 / 0.6 (shipped 0.3)  0.859 / 0.771 / 0.771 ; 0.851 / 0.772 / 0.775
  stacker C 0.1 / 1 (shipped 0.3)               0.860 / 0.777 / 0.780 ; 0.859 / 0.786 / 0.789
  PTC articles (SemEval-2020 Task 11, --ptc 0.5) as extra text-column training rows, hyperpartisan when
  their hand-annotated charged-span density is above the median; weight 0.1 / 0.3 / 1 x the hand rows'
  total (clu_ptc*): 0.858 / 0.780 / 0.780 ; 0.854 / 0.767 / 0.770 ; 0.846 / 0.771 / 0.772 (without: 0.859
  on the same representations). Span density is not what the SemEval annotators judged.
  log-odds blend with the TF-IDF baseline, sigmoid refitted on the hand rows' out-of-fold blend (clu_blend*):
  weight 0.3 / 0.5: 0.863 / 0.783 / 0.788 ; 0.864 / 0.772 / 0.777. Uncalibrated blends of the --dump outputs
  (AUC only) gain the same on every partition: weight 0.5 seed 0 +0.005, seed 1 +0.005, 10 folds +0.001
  (0.3: +0.003, +0.003, +0.003). Too small for a second full-text vectorizer at scoring time; not kept.
  cluster ids of the words found by the tokeniser the cluster table was built with (features.text.WORD_RE:
  curly apostrophes, hyphens, digits; clu_wre): 0.857 / 0.788 / 0.789. Not kept.
  the outlet's own voice: word and cluster columns over the text with its direct quotations
  (features.text.find_quotes) replaced by one placeholder word (clu_author) 0.848 / 0.760 / 0.756; the
  word column only (clu_author_w) 0.857 / 0.772 / 0.771; as a fourth column (clu_author4) 0.860 / 0.780 /
  0.783. What an outlet chooses to quote is evidence of its slant too; not kept.
  scored without headlines (clu_no_titles: the test articles' features computed without their headline, the
  headline column at its median): 0.847 / 0.746 / 0.674 with 18% predicted hyperpartisan while the
  headline features' zeros counted; 0.847 / 0.760 / 0.758 with 43% once scoring.model.estimator reads them as
  missing (headline_features_as_missing, shipped).

Session 6 (same cache, seed 0, on top of clu1024_cal 0.860 / 0.784 / 0.787):
  the stacker trained on text-column log-odds averaged over 3 inner partitions (clu_inner3): 0.862 / 0.786 /
  0.787; the text columns alone, no extracted features (clu_text_only): 0.854 / 0.760 / 0.776. Not kept.
  clu1024_cal on 20 outer folds (each trains on 95% of the outlets): 0.865 / 0.773 / 0.780, worst fold 0.785;
  TF-IDF + LR baseline 0.846 / 0.766 / 0.736.
  covariate-shift weights (clu_shift*: outlet-labelled rows weighted by (p / (1 - p)) ** a, p a word model's
  out-of-fold odds that the row is hand-labelled): that model tells the two apart at AUC 0.54-0.58 only, so the
  weights barely move (10th/90th percentile 0.95-1.05 of the mean); a = 0.5 / 1: 0.859 / 0.778 / 0.781 ;
  0.860 / 0.778 / 0.780. Not kept.
  a fourth column over the opening or the end of the body: first 400 characters as headline character
  n-grams (clu_lede_char) 0.858 / 0.777 / 0.780; first 600 characters' words (clu_lede_word) 0.860 / 0.785 /
  0.787; last 600 characters' words (clu_end_word) 0.862 / 0.783 / 0.785. Not kept.
  the two small gains together (end column, 3 inner partitions; clu_end_inner3), seed 0 | seed 1:
  0.863 / 0.783 / 0.784 | 0.856 / 0.766 / 0.772 against clu1024_cal's 0.860 / 0.784 / 0.787 | 0.862 / 0.775 /
  0.778: the seed-0 gains are noise. Not kept.

Session 7 (same cache, seed 0, on top of clu1024_cal 0.860 / 0.784 / 0.787):
  label cleaning (clu_clean<q>: in each class, the share q of outlet-labelled training rows that a word model
  trained on the hand-labelled rows alone disputes most, left out): q = 0.1 / 0.25 / 0.4: 0.860 / 0.780 /
  0.782 ; 0.856 / 0.769 / 0.772 ; 0.853 / 0.757 / 0.757. The outlet labels' noise is not what holds the
  score back. Not kept.
  self-training (--pool 30: 1,740 unlabelled AllSides articles, up to 30 per outlet, scored by a first pass
  in folds where their outlet is a training outlet; the top and bottom share q become y = 1 / 0 and join the
  second pass's text columns at w x the hand rows' weight). clu1024_cal with the pool in the vocabulary
  0.861 / 0.780 / 0.782; q = 0.1, w = 0.3 / 1: 0.857 / 0.777 / 0.783 ; 0.855 / 0.767 / 0.773; q = 0.25,
  w = 0.3 / 1: 0.857 / 0.766 / 0.768 ; 0.852 / 0.761 / 0.765. The model's own confident guesses teach it
  nothing new. Not kept.
  checked and left alone: AllSides' per-article bias labels are its outlet labels again (3 of the 95 outlets
  with 20+ articles have more than one), so they add no per-article signal; PolNeAR's 7 publishers are
  AllSides outlets already.

Session 8 (same cache; on top of clu1024_cal, 0.860 / 0.784 / 0.787 | 0.861 / 0.775 / 0.778):
  a fourth column over the words of the article's URL path (scoring.model.estimator.url_paths: scheme, host, query,
  fragment and digits dropped; words used by 3+ training outlets). The section an article is filed under
  carries what the text columns miss: in the hand-labelled set, 88% of the 26 URLs with "opinion" are
  hyperpartisan, 7% of the 135 with "news/". Unigrams (clu_url) 0.863 / 0.780 / 0.785 | 0.863 / 0.777 /
  0.783; 1-2-grams (clu_url12) 0.865 / 0.780 / 0.785 | 0.865 / 0.775 / 0.781. With the log-odds
  blend (clu_url_blend0.3; measured with an earlier tokenisation that kept query strings, whose clu_url
  scored 0.865 | 0.864): seed 1 0.867 / 0.782 / 0.788; seed 0 not measured (the blend's full-text TF-IDF
  fits took over 15 minutes). Blend not kept, as before.
  The URL column's C 0.3 / 3 (shipped 1): 0.866 / 0.777 / 0.783 | 0.864 / 0.782 / 0.789 ; 0.863 / 0.780 /
  0.786. Learning from the hand-labelled rows only (clu_url12_hand, shipped): 0.869 / 0.791 / 0.798 |
  0.867 / 0.775 / 0.783; 10 folds 0.872 / 0.781 / 0.788 against clu_url12's 0.869 / 0.775 / 0.781: an outlet
  rated as a whole files its news and its opinion under one label, so its rows teach the URL column little.
  Scored without URLs (the URL column at its median, as scoring does; *_no_urls): clu_url12 0.858 / 0.784 /
  0.785, clu_url12_hand 0.857 / 0.783 / 0.781, against clu1024_cal's 0.860 / 0.784 / 0.787.

Session 9 (same cache; on top of clu_url12_hand, 0.869 / 0.791 / 0.798 | 0.867 / 0.775 / 0.783; 10 folds 0.872 /
0.781 / 0.788): the log-odds blend with the TF-IDF baseline (clu_url12_hand_blend<a>, sigmoid refitted on the
hand rows' out-of-fold blend). a = 0.2 / 0.3 / 0.5: 0.870 / 0.792 / 0.800 ; 0.871 / 0.786 / 0.795 ; 0.873 / 0.778 /
0.787 | 0.869 / 0.777 / 0.784 ; 0.869 / 0.780 / 0.787 ; 0.872 / 0.769 / 0.778. a = 0.3, 10 folds: 0.873 / 0.778 /
0.785; scored without URLs (clu_url12_hand_blend0.3_no_urls): 0.861 / 0.783 / 0.782 against 0.857 / 0.783 /
0.781. Shipped at a = 0.3, the weight first measured in session 5, not re-chosen here (scoring.model.estimator.BLEND_WEIGHTS;
the shipped full-text model is weighted as the stacker is, the harness's as the baseline is).
"""
from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, balanced_accuracy_score, roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scoring.model.datasets import CACHE_DIR, load_training_corpora, shared_dir  # noqa: E402
from scoring.model.evaluate import _strata, prepare, training_weights  # noqa: E402
from scoring.model.estimator import cluster_texts as model_cluster_texts  # noqa: E402
from scoring.model.estimator import (  # noqa: E402
    balanced_sigmoid, clip_texts, grouped_splits, make_feature_pipeline, make_text_model, outlet_counts, outlet_weights,
    recalibrate, url_paths,
)
from scoring.model.training import apply_label_files, load_shared  # noqa: E402

log = logging.getLogger("bias_experiments")


# ------------------------------------------------------------------ data
def load_bias(shared: Path, cache_version: str | None, allsides_cap: int = 60) -> tuple[pd.DataFrame, list[str]]:
    """The prepared bias rows and the feature names. Features come from the feature cache file
    ``cache_version`` when given (AllSides capped at 60), else from the current feature code."""
    from features import FEATURE_NAMES

    if cache_version:
        df = load_training_corpora(shared, allsides_cap=60, seed=0)
        path = CACHE_DIR / f"shared_cap60_seed0_{cache_version}.parquet"
        log.info("features from %s", path)
        feats = pd.read_parquet(path).set_index("id").loc[df["id"]].set_axis(df.index)
        df = pd.concat([df, feats[[n for n in FEATURE_NAMES if n in feats.columns]]], axis=1)
    else:
        df = load_shared(shared, allsides_cap, seed=0)
    names = [n for n in FEATURE_NAMES if n in df.columns]
    labels = [str(shared / "data/labels/mbfc_snapshots.csv"), str(shared / "data/labels/lin2023_domain_pc1.csv")]
    df, _ = apply_label_files(df, labels)
    prep = prepare(df, "bias", names)
    return prep, names


_NOT_CHARGED = {"Repetition", "Doubt", "Appeal_to_Authority"}


def load_ptc(shared: Path, quantile: float = 0.5) -> pd.DataFrame:
    """The PTC training articles (SemEval-2020 Task 11) as extra bias rows: y = 1 when the article's
    density of hand-annotated charged-technique spans (all but repetition, doubt and appeal to
    authority) per word is at or above the ``quantile`` of the corpus. Each article its own outlet
    ("ptc:<id>"): the corpus gives no outlets."""
    root = shared / "data/gold/ptc_train"
    lab = pd.read_csv(root / "train-task2-TC.labels", sep="\t", header=None, names=["id", "tech", "s", "e"])
    n = lab[~lab["tech"].isin(_NOT_CHARGED)].groupby("id").size()
    rows = []
    for f in sorted((root / "articles").glob("article*.txt")):
        aid = int(f.stem[7:])
        raw = f.read_text(encoding="utf-8")
        title, _, body = raw.partition("\n")
        rows.append({"id": f"ptc:{aid}", "title": title.strip(), "text": body.strip(),
                     "density": n.get(aid, 0) / max(len(raw.split()), 1)})
    df = pd.DataFrame(rows)
    df["y"] = (df["density"] >= df["density"].quantile(quantile)).astype(float)
    df["outlet"] = df["id"]
    df["corpus"] = "ptc"
    df["weight_factor"] = 1.0
    df["eval_hand"] = np.nan
    return df


def load_pool(shared: Path, d: pd.DataFrame, per_outlet: int) -> pd.DataFrame:
    """Unlabelled extra rows for self-training: up to ``per_outlet`` AllSides articles per outlet that
    are not among the prepared rows ``d``, with their features; y is set per fold (``pseudo``)."""
    from features import FEATURE_NAMES
    from scoring.model.datasets import cached_features, load_allsides

    a = load_allsides(shared)
    a = a[~a["id"].isin(set(d["id"])) & a["text"].str.strip().astype(bool)]
    a = a.sample(frac=1.0, random_state=1).groupby("outlet", group_keys=False).head(per_outlet).sort_values("id")
    a = a.reset_index(drop=True)
    feats = cached_features(a, f"pool{per_outlet}")
    a = pd.concat([a, feats[[n for n in FEATURE_NAMES if n in feats.columns]]], axis=1)
    return a.assign(corpus="pool", y=0.0, weight_factor=1.0, eval_hand=np.nan)


# ------------------------------------------------------------------ text representations
def outlet_vocab_counts(train_texts: list[str], test_texts: list[str], groups: list[str], min_outlets: int = 3,
                        max_features: int = 20000, kind: str = "body", **cv_kw: Any
                        ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Counts of terms used by >= ``min_outlets`` training outlets (most widespread first)."""
    counter, m = outlet_counts(train_texts, groups, min_outlets, max_features, kind=kind, **cv_kw)
    return m, counter.transform(test_texts).tocsr()


def lsa(train_texts: list[str], test_texts: list[str], groups: list[str], k: int = 300
        ) -> tuple[np.ndarray, np.ndarray]:
    """Dense LSA document vectors (TruncatedSVD of the outlet-vocabulary TF-IDF), unit length."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    a, b = outlet_vocab_counts(clip_texts(train_texts), clip_texts(test_texts), groups, ngram_range=(1, 1),
                               max_df=1.0)
    tf = TfidfTransformer(sublinear_tf=True).fit(a)
    svd = TruncatedSVD(k, random_state=0).fit(tf.transform(a))
    return normalize(svd.transform(tf.transform(a))), normalize(svd.transform(tf.transform(b)))


_SENT = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\n+")


def sentence_counts(train_texts: list[str], test_texts: list[str], groups: list[str], **kw: Any) -> tuple:
    """Sentence-by-term counts (outlet vocabulary of the training documents) and each sentence's document."""
    def split(texts: list[str]) -> tuple[list[str], np.ndarray]:
        sents, doc = [], []
        for i, t in enumerate(clip_texts(texts)):
            parts = [x for x in _SENT.split(t) if len(x.split()) >= 3] or [t]
            sents += parts
            doc += [i] * len(parts)
        return sents, np.asarray(doc)
    sa, da = split(train_texts)
    sb, db = split(test_texts)
    # the terms of the document model: the outlet vocabulary of the training documents
    counter, _ = outlet_counts(clip_texts(train_texts), groups)
    return (counter.transform(sa).tocsr(), da), (counter.transform(sb).tocsr(), db)


def fit_sentence_lr(S: tuple, y: np.ndarray, w: np.ndarray, C: float = 1.0, agg: str = "top3") -> Callable:
    """LR on sentences labelled with their document's label (weight w/n_sentences); a document
    scorer aggregating its sentences' log-odds."""
    X, doc = S
    n = np.bincount(doc, minlength=len(y)).astype(float)
    sw = (w / np.maximum(n, 1))[doc]
    tf = TfidfTransformer(sublinear_tf=True).fit(X)
    lr = LogisticRegression(C=C, max_iter=3000).fit(tf.transform(X), y[doc], sample_weight=sw)

    def score(Z: tuple) -> np.ndarray:
        Xz, dz = Z
        s = lr.decision_function(tf.transform(Xz))
        out = np.zeros(dz.max() + 1 if len(dz) else 0)
        f = pd.Series(s).groupby(dz)
        if agg == "mean":
            r = f.mean()
        elif agg == "max":
            r = f.max()
        else:
            k = int(agg[3:])
            r = f.apply(lambda v: np.sort(v.to_numpy())[-k:].mean())
        out[r.index.to_numpy()] = r.to_numpy()
        return out
    return score


def _take(S: tuple, rows: np.ndarray) -> tuple:
    """The sentences of documents ``rows``, documents renumbered 0..len(rows)-1."""
    X, doc = S
    pos = np.full(doc.max() + 1, -1)
    pos[rows] = np.arange(len(rows))
    m = pos[doc] >= 0
    order = np.argsort(pos[doc][m], kind="stable")
    return X[np.flatnonzero(m)[order]], pos[doc][m][order]


def free_counts(train_texts: list[str], test_texts: list[str], groups: list[str]) -> tuple:
    """Counts under the baseline's vocabulary: no outlet restriction, whole texts."""
    cv = CountVectorizer(ngram_range=(1, 2), min_df=3, max_df=0.5, max_features=30000, strip_accents="unicode",
                         dtype=np.float32)
    return cv.fit_transform(train_texts).tocsr(), cv.transform(test_texts).tocsr()


def cluster_texts(texts: list[str], k: int) -> list[str]:
    """Texts as word-cluster ids: the shipped ``scoring.model.estimator.cluster_texts`` for k=1024, the coarse
    256 clusters of the same table otherwise."""
    if k == 1024:
        return model_cluster_texts(texts)
    from features.loaded import word_clusters
    coarse = {w: f"c{c[0]}" for w, c in word_clusters().items()}
    return [" ".join(coarse.get(w, "cx") for w in re.findall(r"[a-z]+(?:'[a-z]+)?", t.lower()))
            for t in clip_texts(texts)]


def text_ends(texts: list[str], n_chars: int) -> list[str]:
    """The last ``n_chars`` of each text ('' for missing ones)."""
    return [t[-n_chars:] if isinstance(t, str) else "" for t in texts]


def table_tokens(texts: list[str]) -> list[str]:
    """Texts as 1,024-cluster ids, words found by the tokeniser the cluster table was built with
    (``features.text.WORD_RE``: curly apostrophes, hyphens and digits kept inside words)."""
    from features.loaded import word_clusters
    from features.text import WORD_RE
    fine = {w: f"c{c[1]}" for w, c in word_clusters().items()}
    return [" ".join(fine.get(w, "cx") for w in WORD_RE.findall(t.lower())) for t in clip_texts(texts)]


def author_texts(texts: list[str]) -> list[str]:
    """Texts with their direct quotations (``features.text.find_quotes``, marks included) replaced by
    one placeholder word: the outlet's own voice, not its speakers'."""
    from features.text import find_quotes, split_paragraphs
    out = []
    for t in clip_texts(texts):
        parts, pos = [], 0
        for r in find_quotes(t, split_paragraphs(t)):
            parts += [t[pos:r.start], " qqquote "]
            pos = r.end
        out.append("".join(parts) + t[pos:])
    return out


def cluster_counts(a: list[str], b: list[str], g: list[str], k: int = 1024, ngrams: tuple = (1, 2),
                   max_features: int = 40000) -> tuple:
    """Counts of cluster-id n-grams under the shipped model's "clusters" vectorizer settings."""
    return outlet_vocab_counts(cluster_texts(a, k), cluster_texts(b, k), g, kind="clusters", ngram_range=ngrams,
                               max_features=max_features)


REPRS: dict[str, Callable[[list[str], list[str], list[str]], tuple]] = {
    "clu1024": cluster_counts,
    "clu256_13": lambda a, b, g: cluster_counts(a, b, g, k=256, ngrams=(1, 3)),
    "clu1024_13": lambda a, b, g: cluster_counts(a, b, g, k=1024, ngrams=(1, 3)),
    "clu1024_1": lambda a, b, g: cluster_counts(a, b, g, k=1024, ngrams=(1, 1)),
    "t_clu1024": cluster_counts,
    "word12_author": lambda a, b, g: outlet_vocab_counts(author_texts(a), author_texts(b), g, ngram_range=(1, 2)),
    "clu1024_author": lambda a, b, g: cluster_counts(author_texts(a), author_texts(b), g),
    "clu1024_80k": lambda a, b, g: cluster_counts(a, b, g, max_features=80000),
    "clu1024_wre": lambda a, b, g: outlet_vocab_counts(table_tokens(a), table_tokens(b), g, kind="clusters",
                                                       ngram_range=(1, 2), max_features=40000),
    "word12": lambda a, b, g: outlet_vocab_counts(clip_texts(a), clip_texts(b), g, ngram_range=(1, 2)),
    "word12_full": lambda a, b, g: outlet_vocab_counts(clip_texts(a, 30000), clip_texts(b, 30000), g,
                                                       ngram_range=(1, 2)),
    "word12_40k": lambda a, b, g: outlet_vocab_counts(clip_texts(a), clip_texts(b), g, ngram_range=(1, 2),
                                                      max_features=40000),
    # keeps frequent words (pronouns, "we", "you") and single characters/punctuation marks
    "word12_func": lambda a, b, g: outlet_vocab_counts(clip_texts(a), clip_texts(b), g, ngram_range=(1, 2),
                                                       max_df=1.0, token_pattern=r"(?u)\b\w+\b|[!?\"“”]"),
    "word12_c4k": lambda a, b, g: outlet_vocab_counts(clip_texts(a, 4000), clip_texts(b, 4000), g, ngram_range=(1, 2)),
    "word12_c2k": lambda a, b, g: outlet_vocab_counts(clip_texts(a, 2000), clip_texts(b, 2000), g, ngram_range=(1, 2)),
    "word12_mo2": lambda a, b, g: outlet_vocab_counts(clip_texts(a), clip_texts(b), g, min_outlets=2,
                                                      ngram_range=(1, 2)),
    "word12_mo5": lambda a, b, g: outlet_vocab_counts(clip_texts(a), clip_texts(b), g, min_outlets=5,
                                                      ngram_range=(1, 2)),
    "word1": lambda a, b, g: outlet_vocab_counts(clip_texts(a), clip_texts(b), g, ngram_range=(1, 1)),
    "word13": lambda a, b, g: outlet_vocab_counts(clip_texts(a), clip_texts(b), g, ngram_range=(1, 3),
                                                  max_features=40000),
    # the opening (the first 400 characters as the headline is read; the first 600 as words) and the end
    "lede_char": lambda a, b, g: outlet_vocab_counts(clip_texts(a, 400), clip_texts(b, 400), g, kind="headline"),
    "lede_word": lambda a, b, g: outlet_vocab_counts(clip_texts(a, 600), clip_texts(b, 600), g, ngram_range=(1, 2),
                                                     max_df=1.0),
    "end_word": lambda a, b, g: outlet_vocab_counts(text_ends(a, 600), text_ends(b, 600), g, ngram_range=(1, 2),
                                                    max_df=1.0),
    "lsa300": lsa,
    "sent": sentence_counts,
    "free12": free_counts,
    "t_word12": lambda a, b, g: outlet_vocab_counts(a, b, g, ngram_range=(1, 2), max_df=1.0),
    "t_word12_case": lambda a, b, g: outlet_vocab_counts(a, b, g, ngram_range=(1, 2), max_df=1.0, lowercase=False,
                                                         token_pattern=r"(?u)\b\w+\b|[!?:\"“”‘’']"),
    "t_char": lambda a, b, g: outlet_vocab_counts(a, b, g, kind="headline"),
    "u_path": lambda a, b, g: outlet_vocab_counts(url_paths(a), url_paths(b), g, kind="url"),
    "u_path12": lambda a, b, g: outlet_vocab_counts(url_paths(a), url_paths(b), g, kind="url", ngram_range=(1, 2)),
    "tt_word12": lambda a, b, g: outlet_vocab_counts(clip_texts(a), clip_texts(b), g, ngram_range=(1, 2)),
    "char25": lambda a, b, g: outlet_vocab_counts(clip_texts(a, 4000), clip_texts(b, 4000), g, analyzer="char_wb",
                                                  ngram_range=(2, 5), lowercase=False, max_features=40000),
    "char35": lambda a, b, g: outlet_vocab_counts(clip_texts(a, 4000), clip_texts(b, 4000), g, analyzer="char_wb",
                                                  ngram_range=(3, 5), max_features=40000),
}


# ------------------------------------------------------------------ text classifiers
def fit_lr(X: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, C: float = 1.0, nb: bool = False,
           sublinear: bool = True) -> Callable[[sparse.csr_matrix], np.ndarray]:
    """TF-IDF (or NB log-count-ratio scaled binary) + LR; returns a log-odds scorer."""
    if isinstance(X, np.ndarray):
        lr = LogisticRegression(C=C, max_iter=3000).fit(X, y, sample_weight=w)
        return lr.decision_function
    if nb:
        B = (X > 0).astype(np.float32)
        pos = np.asarray(B[y == 1].multiply(w[y == 1][:, None]).sum(axis=0)).ravel() + 1.0
        neg = np.asarray(B[y == 0].multiply(w[y == 0][:, None]).sum(axis=0)).ravel() + 1.0
        r = np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)
        tf = TfidfTransformer(sublinear_tf=True).fit(X)
        D = sparse.diags(r)
        lr = LogisticRegression(C=C, max_iter=3000).fit(tf.transform(X) @ D, y, sample_weight=w)
        return lambda Z: lr.decision_function(tf.transform(Z) @ D)
    tf = TfidfTransformer(sublinear_tf=sublinear).fit(X)
    lr = LogisticRegression(C=C, max_iter=3000).fit(tf.transform(X), y, sample_weight=w)
    return lambda Z: lr.decision_function(tf.transform(Z))


# a text column: (representation, classifier kwargs, which training rows: "all" | "hand" | "aux")
ColumnSpec = tuple[str, dict, str]


def _rows(d: pd.DataFrame, which: str) -> np.ndarray:
    hand = d["eval_hand"].notna().to_numpy()
    return {"all": np.ones(len(d), bool), "hand": hand, "aux": ~hand}[which]


_PARTISAN = {"left": 1, "right": 1, "fake-news": 1, "conspiracy": 1, "conspiracy-pseudoscience": 1,
             "center": 0, "left-center": 0, "leftcenter": 0, "right-center": 0, "rightcenter": 0}
OUTLET_TARGETS: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    # not rated reliable (date-matched MBFC factual reporting)
    "rel": lambda t: t["rel3"].map({"reliable": 0, "mixed": 1, "unreliable": 1}),
    # rated partisan by MBFC, for every row (the hand-labelled rows' outlets too)
    "lean": lambda t: t["mbfc_bias"].astype(object).map(_PARTISAN),
}


def text_column(spec: ColumnSpec, Xtr: sparse.csr_matrix, Xte: sparse.csr_matrix, train: pd.DataFrame,
                w: np.ndarray, inner: list, test: bool = True) -> tuple[np.ndarray, np.ndarray | None]:
    """Out-of-fold (inner folds) log-odds on the training rows and the full-fit log-odds on the test rows
    (None without ``test``: the out-of-fold part alone)."""
    _, kw, which = spec
    y = train["y"].to_numpy(dtype=int)
    if which in OUTLET_TARGETS:  # another label: the outlet rating of every training row, hand rows included
        lab = OUTLET_TARGETS[which](train)
        use = lab.notna().to_numpy()
        y = lab.fillna(0).to_numpy(dtype=int)
        wt = outlet_weights(train["outlet"][use], y[use])
        which = "rating"
    else:
        use = _rows(train, which)
    if which == "rating":
        pass
    elif which == "all":
        wt = w
    else:
        wt = outlet_weights(train["outlet"][use], y[use]) * train["weight_factor"].to_numpy()[use]
    wfull = np.zeros(len(y))
    wfull[use] = wt
    oof = np.zeros(len(y))
    if isinstance(Xtr, tuple):  # sentences
        for tr, te in inner:
            t = tr[use[tr]]
            oof[te] = fit_sentence_lr(_take(Xtr, t), y[t], wfull[t], **kw)(_take(Xtr, te))
        full = np.flatnonzero(use)
        return oof, fit_sentence_lr(_take(Xtr, full), y[full], wfull[full], **kw)(Xte) if test else None
    for tr, te in inner:
        t = tr[use[tr]]
        oof[te] = fit_lr(Xtr[t], y[t], wfull[t], **kw)(Xtr[te])
    full = np.flatnonzero(use)
    return oof, fit_lr(Xtr[full], y[full], wfull[full], **kw)(Xte) if test else None


# ------------------------------------------------------------------ the experiment loop
def soft_aux(train: pd.DataFrame, prior: float = 2.0) -> pd.DataFrame:
    """Each outlet-labelled row twice, as y=1 and y=0, weighted by the share of hyperpartisan
    hand-labelled training articles among outlets of the same MBFC bias category (smoothed)."""
    cat = train["mbfc_bias"].astype(object).fillna("").str.replace("leftcenter", "left-center") \
        .str.replace("rightcenter", "right-center")
    hand = train["eval_hand"].notna()
    overall = train.loc[hand, "y"].mean()
    stats = train[hand].groupby(cat[hand])["y"].agg(["sum", "count"])
    rate = ((stats["sum"] + prior * overall) / (stats["count"] + prior)).to_dict()
    p = cat.map(lambda c: rate.get(c, np.nan)).fillna(train["y"].map({1.0: 0.7, 0.0: 0.2}))
    aux = train[~hand]
    pos = aux.assign(y=1.0, soft=p[~hand].to_numpy())
    neg = aux.assign(y=0.0, soft=1 - p[~hand].to_numpy())
    return pd.concat([train[hand].assign(soft=1.0), pos, neg], ignore_index=True)


_VOICE = {
    "first_singular": r"\b(?:I|me|my|mine|myself)\b",
    "first_plural": r"\b(?:[Ww]e|[Uu]s|[Oo]ur|[Oo]urs|[Oo]urselves)\b",
    "second_person": r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself)\b",
    "ellipsis": r"\.\.\.|…",
}


def voice_rates(texts: pd.Series) -> pd.DataFrame:
    """Per-100-word rates of first/second-person pronouns and ellipses (author voice cues)."""
    words = texts.str.count(r"\w+").clip(lower=1)
    return pd.DataFrame({f"voice_{k}": 100 * texts.str.count(rx) / words for k, rx in _VOICE.items()})


def run_variant(prep: Any, names: list[str], splits: list, columns: list[ColumnSpec], reprs: dict,
                C: float = 0.3, use_features: bool = True, prior_shift: float = 0.0,
                balance: str = "all", soft: bool = False, aux_weight: float | None = None,
                voice: bool = False, clf: str = "lr", hand_keep: float = 1.0,
                aux_drop: tuple[str, ...] = (), stack_aux: float | None = None,
                calib_hand: bool = False, extra_weight: float = 0.0, blend: float = 0.0,
                blank_titles: bool = False, blank_urls: bool = False, inner_seeds: int = 1, shift: float = 0.0,
                clean: float = 0.0, fold_out: dict | None = None, labels: dict | None = None) -> np.ndarray:
    """Pooled out-of-fold probabilities of one stacking recipe (NaN outside the test rows).

    ``fold_out`` collects each fold's test-row probabilities (pool rows are test rows of several
    folds, so the pooled array alone would keep only the last); ``labels`` gives per fold the
    pseudo-labels of pool rows to train on (``self_train``)."""
    d = prep.data
    pooled = np.full(len(d), np.nan)
    extra = d["corpus"].isin(["ptc", "pool"]).to_numpy() if "corpus" in d else np.zeros(len(d), bool)
    for k, (tr, te) in enumerate(splits):
        # positions in the fold's representation rows of the rows trained on; extra rows (PTC, pool)
        # only where a variant asks for them, pool rows only with a pseudo-label
        order = np.flatnonzero(~extra[tr]) if not extra_weight else np.arange(len(tr))
        if labels is not None:
            order = order[~extra[tr[order]] | ~np.isnan(labels[k][tr[order]])]
        train, test = d.iloc[tr[order]].reset_index(drop=True), d.iloc[te].reset_index(drop=True)
        if labels is not None:
            is_pool = train["corpus"].eq("pool").to_numpy()
            train.loc[is_pool, "y"] = labels[k][tr[order]][is_pool]
        if hand_keep < 1.0:  # learning curve: the hand labels of only a share of the training outlets
            hand_outlets = np.sort(train.loc[train["eval_hand"].notna(), "outlet"].astype(str).unique())
            rng = np.random.default_rng(k)
            kept = set(rng.choice(hand_outlets, size=int(round(hand_keep * len(hand_outlets))), replace=False))
            order = order[np.flatnonzero(train["eval_hand"].isna() | train["outlet"].astype(str).isin(kept))]
            train = train.iloc[order].reset_index(drop=True)
        if aux_drop:  # outlet-labelled rows of these MBFC bias ratings left out of training
            drop = train["eval_hand"].isna() & train["mbfc_bias"].astype(str).isin(aux_drop)
            order = order[~drop.to_numpy()]
            train = train[~drop].reset_index(drop=True)
        if clean:  # outlet-labelled rows a hand-label word model most disagrees with, left out
            keep = ~disagreeing(reprs[("word12", k)][0][order], train, clean)
            order = order[keep]
            train = train[keep].reset_index(drop=True)
        if aux_weight is not None:
            train["weight_factor"] = np.where(train["eval_hand"].notna(), 1.0, aux_weight)
        if soft:
            train = soft_aux(train.assign(row=order))
            order = train["row"].to_numpy()
        y = train["y"].to_numpy(dtype=int)
        groups = train["outlet"].astype(str).tolist()
        is_extra = extra[tr[order]]  # train is d.iloc[tr[order]] whatever the steps above did
        w = np.zeros(len(train))
        w[~is_extra] = (outlet_weights([g for g, e in zip(groups, is_extra) if not e], y[~is_extra])
                        * train["weight_factor"].to_numpy()[~is_extra] if balance == "all"
                        else training_weights(train[~is_extra], "bias"))
        if is_extra.any():  # extra rows: classes balanced, all together extra_weight x the hand rows' total
            hand_total = w[train["eval_hand"].notna().to_numpy()].sum()
            we = outlet_weights(np.asarray(groups)[is_extra], y[is_extra])
            w[is_extra] = we / we.sum() * extra_weight * hand_total
        if soft:
            # every outlet the same total, split by the soft label, then both classes the same total
            g = train["outlet"]
            w = train["soft"].to_numpy() * train["weight_factor"].to_numpy() / g.map(g.value_counts()).to_numpy()
            w = w * np.where(train["eval_hand"].notna(), 1.0, 2.0)  # aux rows are there twice
            hand = train["eval_hand"].notna().to_numpy()
            key = y if balance == "all" else y * 2 + hand  # class totals equal overall, or inside each source
            w = w / pd.Series(w).groupby(key).transform("sum").to_numpy()
            if balance != "all":
                for m in (hand, ~hand):
                    w[m] *= train["outlet"][m].nunique() * train["weight_factor"].to_numpy()[m][0]
            w = w * len(w) / w.sum()
        inner = grouped_splits(y, groups, 5, 0)
        if shift:  # covariate shift: outlet-labelled rows reweighted by how much they read like hand-labelled ones
            w = shift_weights(reprs[("word12", k)][0][order], train, w, inner, shift)
        Xtr = train[names].astype(float).copy() if use_features else pd.DataFrame(index=train.index)
        Xte = test[names].astype(float).copy() if use_features else pd.DataFrame(index=test.index)
        if blank_titles and use_features:
            hand_te = np.flatnonzero(d["eval_hand"].iloc[te].notna().to_numpy())
            Xte.iloc[hand_te] = prep.untitled.loc[d.index[te[hand_te]]].to_numpy()
        if voice:
            Xtr = pd.concat([Xtr, voice_rates(train["text"])], axis=1)
            Xte = pd.concat([Xte, voice_rates(test["text"])], axis=1)
        med = Xtr.median()
        Xtr, Xte = Xtr.fillna(med), Xte.fillna(med)
        for i, spec in enumerate(columns):
            Rtr, Rte = reprs[(spec[0], k)]
            Rtr = _take(Rtr, order) if isinstance(Rtr, tuple) else Rtr[order]
            Xtr[f"text{i}"], Xte[f"text{i}"] = text_column(spec, Rtr, Rte, train, w, inner)
            if inner_seeds > 1:  # the stacker learns from out-of-fold log-odds averaged over inner partitions
                oofs = [text_column(spec, Rtr, Rte, train, w, grouped_splits(y, groups, 5, s), test=False)[0]
                        for s in range(1, inner_seeds)]
                Xtr[f"text{i}"] = np.mean([Xtr[f"text{i}"].to_numpy(), *oofs], axis=0)
            if (blank_titles and spec[0].startswith("t_")) or (blank_urls and spec[0].startswith("u_")):
                # as scoring does without a headline / a URL: the typical value
                Xte[f"text{i}"] = float(np.median(Xtr[f"text{i}"]))
        if clf == "hgb":
            from sklearn.calibration import CalibratedClassifierCV
            from sklearn.ensemble import HistGradientBoostingClassifier
            hgb = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=8,
                                                 min_samples_leaf=40, l2_regularization=1.0, random_state=0)
            pipe = CalibratedClassifierCV(hgb, method="sigmoid", cv=inner, ensemble=False)
            pipe.fit(Xtr, y, sample_weight=w)
        else:
            # the stacker's rows: outlet-labelled rows at stack_aux of their weight when asked; extra
            # rows teach the text columns only (their feature values would mislead the stacker: the
            # loaded-language extractor was trained on PTC spans)
            hand = train["eval_hand"].notna().to_numpy()
            ws = w if stack_aux is None else np.where(hand, w, w * stack_aux)
            keep = np.flatnonzero(~is_extra & ((ws > 0) | (stack_aux is None)))
            sub = inner if len(keep) == len(y) else grouped_splits(y[keep], [groups[i] for i in keep], 5, 0)
            pipe = make_feature_pipeline(sub, C=C, seed=0, n_quantiles=200)
            pipe.fit(Xtr.iloc[keep], y[keep], clf__sample_weight=ws[keep])
            if calib_hand:  # as shipped: the sigmoid refitted on the hand rows' out-of-fold log-odds
                recalibrate(pipe, np.asarray(pipe[:-1].transform(Xtr.iloc[keep]), dtype=float), y[keep], ws[keep],
                            sub, hand[keep])
        p = pipe.predict_proba(Xte)[:, 1]
        if blend:
            p = blended(pipe, Xtr, Xte, y, w, inner, train, test, k, blend)
        if prior_shift:
            p = 1 / (1 + np.exp(-(np.log(p / (1 - p)) + prior_shift)))
        pooled[te] = p
        if fold_out is not None:
            fold_out[k] = np.full(len(d), np.nan)
            fold_out[k][te] = p
    return pooled


def self_train(prep: Any, names: list[str], splits: list, reprs: dict, pseudo: float,
               extra_weight: float, **recipe: Any) -> np.ndarray:
    """``run_variant`` with self-training: a first pass scores the unlabelled pool rows (``--pool``) of
    each fold's training outlets; in each fold the ``pseudo`` share of them scored highest become y=1
    and the share scored lowest y=0, and a second pass trains with them as extra rows (text columns
    only, all together ``extra_weight`` x the hand rows' weight)."""
    d = prep.data
    first: dict = {}
    run_variant(prep, names, splits, reprs=reprs, fold_out=first, **recipe)
    labels = {}
    for k, (_, te) in enumerate(splits):
        p = first[k][te]
        lab = np.full(len(d), np.nan)
        m = d["corpus"].iloc[te].eq("pool").to_numpy()
        lo, hi = np.quantile(p[m], [pseudo, 1 - pseudo])
        lab[te[m & (p >= hi)]] = 1.0
        lab[te[m & (p <= lo)]] = 0.0
        labels[k] = lab
    return run_variant(prep, names, splits, reprs=reprs, extra_weight=extra_weight, labels=labels, **recipe)


def disagreeing(R: sparse.csr_matrix, train: pd.DataFrame, share: float) -> np.ndarray:
    """The outlet-labelled rows whose label a word model trained on the hand-labelled rows alone
    disputes most: in each class, the ``share`` of its rows with the log-odds furthest the other way."""
    hand = train["eval_hand"].notna().to_numpy()
    y = train["y"].to_numpy(dtype=int)
    h = np.flatnonzero(hand)
    z = fit_lr(R[h], y[h], outlet_weights(train["outlet"].iloc[h], y[h]))(R)
    out = np.zeros(len(y), bool)
    for c in (0, 1):
        m = ~hand & (y == c)
        s = z[m] if c == 1 else -z[m]  # low = disputed
        out[np.flatnonzero(m)[s <= np.quantile(s, share)]] = True
    log.info("clean: %d of %d outlet-labelled rows left out", out.sum(), (~hand).sum())
    return out


def shift_weights(R: sparse.csr_matrix, train: pd.DataFrame, w: np.ndarray, inner: list, power: float) -> np.ndarray:
    """``w`` with each outlet-labelled row's weight times (p / (1 - p)) ** power, p the out-of-fold
    probability of a word model telling hand-labelled from outlet-labelled rows that the row is
    hand-labelled; the outlet-labelled rows keep their total weight."""
    hand = train["eval_hand"].notna().to_numpy()
    dom = hand.astype(int)
    wd = np.where(hand, 1.0 / hand.sum(), 1.0 / (~hand).sum())
    z = np.zeros(len(dom))
    for tr, te in inner:
        z[te] = fit_lr(R[tr], dom[tr], wd[tr])(R[te])
    r = np.exp(np.clip(z, -5, 5) * power)
    out = w.copy()
    a = ~hand
    out[a] = w[a] * r[a] * w[a].sum() / (w[a] * r[a]).sum()
    log.info("shift weights: hand-vs-outlet AUC %.3f, aux weight ratio p10/p90 %.2f/%.2f", roc_auc_score(dom, z),
             *np.percentile(r[a] / r[a].mean(), [10, 90]))
    return out


_BASELINE_FITS: dict = {}


def _baseline_logodds(train: pd.DataFrame, test: pd.DataFrame, inner: list, key: int) -> tuple:
    """The TF-IDF + LR baseline's log-odds: out-of-fold (inner folds) on the training rows and
    fitted on all of them for the test rows (cached per outer fold: the same for every blend)."""
    if key not in _BASELINE_FITS:
        w = outlet_weights(train["outlet"], train["y"]) * train["weight_factor"].to_numpy()
        texts, y = train["text"].tolist(), train["y"].to_numpy(dtype=int)
        oof = np.zeros(len(train))
        for tr, te in inner:
            m = make_text_model(C=1.0, seed=0).fit([texts[i] for i in tr], y[tr], lr__sample_weight=w[tr])
            oof[te] = m.decision_function([texts[i] for i in te])
        m = make_text_model(C=1.0, seed=0).fit(texts, y, lr__sample_weight=w)
        _BASELINE_FITS[key] = (oof, m.decision_function(test["text"].tolist()))
    return _BASELINE_FITS[key]


def blended(pipe: Any, Xtr: pd.DataFrame, Xte: pd.DataFrame, y: np.ndarray, w: np.ndarray, inner: list,
            train: pd.DataFrame, test: pd.DataFrame, key: int, alpha: float) -> np.ndarray:
    """Probabilities of the log-odds blend (1 - alpha) * stacker + alpha * baseline, its sigmoid fitted
    on the hand rows' out-of-fold blend (classes the same total), as ``recalibrate`` does."""
    from sklearn.base import clone

    from scoring.model.estimator import _parts
    prep, lr, _ = _parts(pipe)
    Ztr, Zte = np.asarray(prep.transform(Xtr), dtype=float), np.asarray(prep.transform(Xte), dtype=float)
    s_oof = np.zeros(len(y))
    for tr, te in inner:
        s_oof[te] = clone(lr).fit(Ztr[tr], y[tr], sample_weight=w[tr]).decision_function(Ztr[te])
    b_oof, b_te = _baseline_logodds(train, test, inner, key)
    z = (1 - alpha) * s_oof + alpha * b_oof
    m = train["eval_hand"].notna().to_numpy()
    a, b = balanced_sigmoid(z[m], y[m], w[m])
    z_te = (1 - alpha) * lr.decision_function(Zte) + alpha * b_te
    return 1 / (1 + np.exp(a * z_te + b))


def tfidf_baseline(prep: Any, splits: list) -> np.ndarray:
    d = prep.data
    pooled = np.full(len(d), np.nan)
    for tr, te in splits:
        train, test = d.iloc[tr], d.iloc[te]
        w = outlet_weights(train["outlet"], train["y"]) * train["weight_factor"].to_numpy()
        m = make_text_model(C=1.0, seed=0).fit(train["text"].tolist(), train["y"].astype(int), lr__sample_weight=w)
        pooled[te] = m.predict_proba(test["text"].tolist())[:, 1]
    return pooled


def score(prep: Any, splits: list, p: np.ndarray) -> dict[str, float]:
    """Fold-mean and pooled AUC / accuracy / balanced accuracy on the hand-labelled test rows."""
    d = prep.data
    hand = d["eval_hand"].notna().to_numpy()
    y = d["eval_hand"].to_numpy()
    per = []
    for _, te in splits:
        m = te[hand[te]]
        per.append((roc_auc_score(y[m], p[m]), accuracy_score(y[m], p[m] >= 0.5),
                    balanced_accuracy_score(y[m], p[m] >= 0.5)))
    per = np.array(per)
    out = dict(zip(("auc", "acc", "bacc"), per.mean(axis=0)))
    out.update(auc_min=per[:, 0].min(), pooled_auc=roc_auc_score(y[hand], p[hand]),
               pos_rate=float((p[hand] >= 0.5).mean()))
    return out


#: the text columns of clu1024_cal, the recipe shipped before session 8 and the base of every variant
#: built with ``shipped``; the shipped recipe is now clu_url12_hand (these plus the URL path column)
SHIPPED_COLUMNS: list[ColumnSpec] = [("word12", {}, "all"), ("t_char", {}, "all"), ("clu1024", {}, "all")]


def shipped(*extra: ColumnSpec, **kw: Any) -> dict:
    """clu1024_cal's settings (see SHIPPED_COLUMNS) with ``extra`` text columns and overrides ``kw``."""
    return dict(columns=SHIPPED_COLUMNS + list(extra), balance="source", calib_hand=True, **kw)


VARIANTS: dict[str, dict] = {
    "current": dict(columns=[("word12", {}, "all")]),
    "features_only": dict(columns=[]),
    "word_hand": dict(columns=[("word12", {}, "hand")]),
    "word_all+hand": dict(columns=[("word12", {}, "all"), ("word12", {}, "hand")]),
    "word_nb": dict(columns=[("word12", {"nb": True}, "all")]),
    "word_full": dict(columns=[("word12_full", {}, "all")]),
    "word_40k": dict(columns=[("word12_40k", {}, "all")]),
    "word_C3": dict(columns=[("word12", {"C": 3.0}, "all")]),
    "word_func": dict(columns=[("word12_func", {}, "all")]),
    "word_func_hand": dict(columns=[("word12_func", {}, "all"), ("word12_func", {}, "hand")]),
    "lsa": dict(columns=[("word12", {}, "all"), ("lsa300", {"C": 10.0}, "all")]),
    "lsa_hand": dict(columns=[("word12", {}, "all"), ("lsa300", {"C": 10.0}, "hand")]),
    "lsa_only": dict(columns=[("lsa300", {"C": 10.0}, "all")]),
    "bal_source": dict(columns=[("word12", {}, "all")], balance="source"),
    "bal_source_C3": dict(columns=[("word12", {"C": 3.0}, "all")], balance="source"),
    "soft": dict(columns=[("word12", {}, "all")], soft=True),
    "soft_C3": dict(columns=[("word12", {"C": 3.0}, "all")], soft=True),
    "bal_aux0.15": dict(columns=[("word12", {}, "all")], balance="source", aux_weight=0.15),
    "bal_aux0.6": dict(columns=[("word12", {}, "all")], balance="source", aux_weight=0.6),
    "bal_voice": dict(columns=[("word12", {}, "all")], balance="source", voice=True),
    "bal_hand": dict(columns=[("word12", {}, "all"), ("word12", {}, "hand")], balance="source"),
    "soft_bal": dict(columns=[("word12", {}, "all")], soft=True, balance="source"),
    "soft_bal_C3": dict(columns=[("word12", {"C": 3.0}, "all")], soft=True, balance="source"),
    "char25": dict(columns=[("word12", {}, "all"), ("char25", {}, "all")]),
    "char35": dict(columns=[("word12", {}, "all"), ("char35", {}, "all")]),
    "char35_only": dict(columns=[("char35", {}, "all")]),
    "bal_title": dict(columns=[("word12", {}, "all"), ("t_word12", {}, "all")], balance="source"),
    "bal_title_case": dict(columns=[("word12", {}, "all"), ("t_word12_case", {}, "all")], balance="source"),
    "bal_title_char": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source"),
    "bal_tt": dict(columns=[("tt_word12", {}, "all")], balance="source"),
    "bal_tt_title": dict(columns=[("tt_word12", {}, "all"), ("t_word12_case", {}, "all")], balance="source"),
    "bal_hgb": dict(columns=[("word12", {}, "all")], balance="source", clf="hgb"),
    "bal_title_char_hgb": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source", clf="hgb"),
    "bal_title2": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("t_word12_case", {}, "all")],
                       balance="source"),
    "bal_title_char_C03": dict(columns=[("word12", {}, "all"), ("t_char", {"C": 0.3}, "all")], balance="source"),
    "bal_title_char_C3": dict(columns=[("word12", {}, "all"), ("t_char", {"C": 3.0}, "all")], balance="source"),
    "sent_top3": dict(columns=[("word12", {}, "all"), ("sent", {}, "all")], balance="source"),
    "sent_mean": dict(columns=[("word12", {}, "all"), ("sent", {"agg": "mean"}, "all")], balance="source"),
    "sent_max": dict(columns=[("word12", {}, "all"), ("sent", {"agg": "max"}, "all")], balance="source"),
    "sent_top3_only": dict(columns=[("sent", {}, "all")], balance="source"),
    "sent_title": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("sent", {}, "all")],
                       balance="source"),
    "bal_title_char_hand": dict(columns=[("word12", {}, "all"), ("t_char", {}, "hand")], balance="source"),
    "bal_title_char_both": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("t_char", {}, "hand")],
                                balance="source"),
    "bal_title_char_nb": dict(columns=[("word12", {}, "all"), ("t_char", {"nb": True}, "all")], balance="source"),
    "hand50": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source", hand_keep=0.5),
    "hand75": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source", hand_keep=0.75),
    "aux_no_lean": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source",
                        aux_drop=("left-center", "leftcenter", "right-center", "rightcenter")),
    "aux_no_fake": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source",
                        aux_drop=("fake-news", "conspiracy", "conspiracy-pseudoscience")),
    "free": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("free12", {}, "all")], balance="source"),
    "free_only": dict(columns=[("free12", {}, "all"), ("t_char", {}, "all")], balance="source"),
    "stack_hand": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source", stack_aux=0.0),
    "stack_aux0.3": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source", stack_aux=0.3),
    "stack_aux0.1": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source", stack_aux=0.1),
    "stack_hand_C1": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source", stack_aux=0.0,
                          C=1.0),
    "stack_hand_C0.1": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source",
                            stack_aux=0.0, C=0.1),
    "rel_col": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("word12", {}, "rel")],
                    balance="source"),
    "lean_col": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("word12", {}, "lean")],
                     balance="source"),
    "rel_lean_col": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("word12", {}, "rel"),
                                  ("word12", {}, "lean")], balance="source"),
    **{f"rep_{r}": dict(columns=[(r, {}, "all"), ("t_char", {}, "all")], balance="source")
       for r in ("word12_c4k", "word12_c2k", "word12_mo2", "word12_mo5", "word1", "word13")},
    "rep_binary": dict(columns=[("word12", {"sublinear": False}, "all"), ("t_char", {}, "all")], balance="source"),
    "clu1024": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("clu1024", {}, "all")],
                    balance="source"),
    "clu256_13": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("clu256_13", {}, "all")],
                      balance="source"),
    "clu1024_cal": shipped(),
    "clu1024_13": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("clu1024_13", {}, "all")],
                       balance="source"),
    "clu1024_1": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("clu1024_1", {}, "all")],
                      balance="source"),
    "clu1024_C3": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("clu1024", {"C": 3.0}, "all")],
                       balance="source"),
    "clu1024_C03": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("clu1024", {"C": 0.3}, "all")],
                        balance="source"),
    "clu1024_hand": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("clu1024", {}, "hand")],
                         balance="source"),
    "clu_both": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("clu1024", {}, "all"),
                              ("clu256_13", {}, "all")], balance="source"),
    "clu1024_noword": dict(columns=[("clu1024", {}, "all"), ("t_char", {}, "all")], balance="source"),
    **{name: shipped(extra)
       for name, extra in (("clu_t", ("t_clu1024", {}, "all")), ("clu_free", ("free12", {}, "all")),
                           ("clu_sent", ("sent", {}, "all")), ("clu_80k", ("clu1024_80k", {}, "all")))},
    "clu80k_only": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("clu1024_80k", {}, "all")],
                        balance="source", calib_hand=True),
    **{f"clu_ptc{w:g}": shipped(extra_weight=w) for w in (0.1, 0.3, 1.0)},
    **{f"clu_aux{a:g}": shipped(aux_weight=a) for a in (0.15, 0.6)},
    **{f"clu_stackC{c:g}": shipped(C=c) for c in (0.1, 1.0)},
    "clu_wre": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all"), ("clu1024_wre", {}, "all")],
                    balance="source", calib_hand=True),
    **{f"clu_blend{a:g}": shipped(blend=a) for a in (0.3, 0.5)},
    "clu_author": dict(columns=[("word12_author", {}, "all"), ("t_char", {}, "all"), ("clu1024_author", {}, "all")],
                       balance="source", calib_hand=True),
    "clu_author_w": dict(columns=[("word12_author", {}, "all"), ("t_char", {}, "all"), ("clu1024", {}, "all")],
                         balance="source", calib_hand=True),
    "clu_author4": shipped(("clu1024_author", {}, "all")),
    "clu_inner3": shipped(inner_seeds=3),
    "clu_text_only": shipped(use_features=False),
    **{f"clu_shift{a:g}": shipped(shift=a) for a in (0.5, 1.0)},
    **{f"clu_{r}": shipped((r, {}, "all")) for r in ("lede_char", "lede_word", "end_word")},
    "clu_end_inner3": shipped(("end_word", {}, "all"), inner_seeds=3),
    "clu_no_titles": shipped(blank_titles=True),
    **{f"clu_pseudo{q:g}_w{w:g}": shipped(pseudo=q, extra_weight=w) for q in (0.1, 0.25) for w in (0.3, 1.0)},
    **{f"clu_clean{q:g}": shipped(clean=q) for q in (0.1, 0.25, 0.4)},
    **{name: shipped((r, {}, "all")) for name, r in (("clu_url", "u_path"), ("clu_url12", "u_path12"))},
    "clu_url_blend0.3": shipped(("u_path", {}, "all"), blend=0.3),
    "clu_url12_no_urls": shipped(("u_path12", {}, "all"), blank_urls=True),
    **{f"clu_url12_C{c:g}": shipped(("u_path12", {"C": c}, "all")) for c in (0.3, 3.0)},
    "clu_url12_hand": shipped(("u_path12", {}, "hand")),
    "clu_url12_hand_no_urls": shipped(("u_path12", {}, "hand"), blank_urls=True),
    **{f"clu_url12_hand_blend{a:g}": shipped(("u_path12", {}, "hand"), blend=a) for a in (0.2, 0.3, 0.5)},
    "clu_url12_hand_blend0.3_no_urls": shipped(("u_path12", {}, "hand"), blend=0.3, blank_urls=True),
    "calib_hand": dict(columns=[("word12", {}, "all"), ("t_char", {}, "all")], balance="source", calib_hand=True),
    "stackC1": dict(columns=[("word12", {}, "all")], C=1.0),
    "stackC0.1": dict(columns=[("word12", {}, "all")], C=0.1),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=shared_dir())
    ap.add_argument("--cache-version", default=None,
                    help="feature cache file to read (default: features of the current code, cached)")
    ap.add_argument("--allsides-cap", type=int, default=60, help="AllSides articles per outlet (without --cache-version)")
    ap.add_argument("--variants", default="current,features_only")
    ap.add_argument("--seed", type=int, default=0, help="seed of the outer folds")
    ap.add_argument("--folds", type=int, default=5, help="number of outer folds (10: each fold trains on 90%%)")
    ap.add_argument("--baseline", action="store_true", help="also the TF-IDF + LR baseline")
    ap.add_argument("--ptc", type=float, default=None, metavar="Q",
                    help="add the PTC articles as extra training rows (never tested), hyperpartisan when their "
                         "charged-span density is at or above quantile Q; used by variants with extra_weight")
    ap.add_argument("--pool", type=int, default=0, metavar="N",
                    help="add up to N unlabelled AllSides articles per outlet for self-training (pseudo variants)")
    ap.add_argument("--dump", type=Path, default=None,
                    help="write each variant's held-out probabilities of the hand-labelled rows to this Parquet file")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    prep, names = load_bias(args.shared, args.cache_version, args.allsides_cap)
    d = prep.data
    splits = grouped_splits(d["y"].to_numpy(), d["outlet"].astype(str).tolist(), args.folds, args.seed,
                            strata=_strata(prep))
    if args.pool:  # unlabelled rows: trained on in folds where their outlet is not tested, scored there too
        pool = load_pool(args.shared, d, args.pool)
        d = pd.concat([d, pool], ignore_index=True)
        prep.data = d
        idx = np.arange(len(d) - len(pool), len(d))
        out = []
        for tr, te in splits:
            ok = idx[~d["outlet"].iloc[idx].isin(set(d["outlet"].iloc[te])).to_numpy()]
            out.append((np.concatenate([tr, ok]), np.concatenate([te, ok])))
        splits = out
        log.info("pool: %d unlabelled AllSides rows from %d outlets", len(pool), pool["outlet"].nunique())
    if args.ptc is not None:  # appended after the folds are drawn: the same partition, PTC in every training part
        ptc = load_ptc(args.shared, args.ptc)
        d = pd.concat([d, ptc], ignore_index=True)
        prep.data = d
        extra = np.arange(len(d) - len(ptc), len(d))
        splits = [(np.concatenate([tr, extra]), te) for tr, te in splits]
    variants = args.variants.split(",")
    reprs: dict = {}
    needed = {c[0] for v in variants for c in VARIANTS[v]["columns"]}
    for r in sorted(needed):
        t0 = time.time()
        for k, (tr, te) in enumerate(splits):
            # t_: the headline alone; tt_: the headline as the body's first line; u_: the URL
            src = {"t_": d["title"], "tt": d["title"] + ".\n" + d["text"], "u_": d["url"]}.get(r[:2], d["text"])
            reprs[(r, k)] = REPRS[r](src.iloc[tr].tolist(), src.iloc[te].tolist(),
                                     d["outlet"].iloc[tr].astype(str).tolist())
        first = reprs[(r, 0)][0]
        n_terms = (first[0] if isinstance(first, tuple) else first).shape[1]
        log.info("representation %s: %d terms, %.0fs", r, n_terms, time.time() - t0)
    if any(VARIANTS[v].get("blank_titles") for v in variants):
        # the hand-labelled rows' features as scoring computes them without a headline (the test rows)
        from scoring.model.datasets import compute_features
        hand = d["eval_hand"].notna().to_numpy()
        untitled = compute_features(d.loc[hand, ["text"]].assign(title=""))
        prep.untitled = untitled[names].set_index(d.index[hand])
        # as scoring.model.estimator reads them: an absent headline is no headline evidence (median values)
        prep.untitled[[n for n in names if n.startswith("headline_")]] = np.nan
    rows, probs = {}, {}
    if args.baseline:
        probs["tfidf_baseline"] = tfidf_baseline(prep, splits)
        rows["tfidf_baseline"] = score(prep, splits, probs["tfidf_baseline"])
    for v in variants:
        t0 = time.time()
        run = self_train if "pseudo" in VARIANTS[v] else run_variant
        probs[v] = run(prep, names, splits, reprs=reprs, **VARIANTS[v])
        rows[v] = score(prep, splits, probs[v])
        log.info("%s: %s (%.0fs)", v, {k: round(x, 3) for k, x in rows[v].items()}, time.time() - t0)
    print(pd.DataFrame(rows).T.round(3).to_string())
    if args.dump:
        fold = np.full(len(d), -1)
        for k, (_, te) in enumerate(splits):
            fold[te] = k
        hand = d["eval_hand"].notna().to_numpy()
        out = d.loc[hand, ["id", "outlet", "title", "eval_hand"]].assign(fold=fold[hand])
        for v, p in probs.items():
            out[v] = p[hand]
        out.to_parquet(args.dump)
    return 0


if __name__ == "__main__":
    sys.exit(main())
