"""Off-topic paragraphs: unmarked paragraphs pasted into an article from another story.

Each body paragraph is compared with the rest of the article and its title by lexical
similarity (IDF-weighted cosine, a latent semantic space), shared names and content words,
and typography (quote and dash styles of another outlet); a quadratic logistic model
(``insertion_offtopic_v2.json``) turns that into a probability. The model judges
conservatively, because a quote or a short transition also shares few words with its
article: it was fitted on real paragraphs of unlabelled articles as negatives besides the
synthetic pastes, and a flag needs evidence beyond low similarity: the paragraph closes the
story (where sites append bios, disclaimers, pitches and teasers), with no link to the story
around it and no place the author gave it (those gates are ``features.offtopic_gates``).
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, fields
from itertools import chain
from functools import lru_cache
from typing import Collection, NamedTuple

import numpy as np
import scipy.sparse as sp

from .base import safe_div
from .insertion_rules import TOKEN_RE, Line
from .lexicons import lexicon_header, lexicon_json, lexicon_lines, lexicon_path
from .offtopic_gates import QUOTE_RE, cleared, closes_the_story

log = logging.getLogger(__name__)

_IDF_FILE = "insertion_idf_v1.txt"
# The IDF table's header states the corpus size and the document-frequency floor it was cut at
# ("N = 37554", "df >= 50"): an unlisted stem is at least that rare, so it gets ln(N / floor).
_IDF_N = re.compile(r"\bN = (\d+)")
_IDF_MIN_DF = re.compile(r"\bdf >= (\d+)")


def _header_int(name: str, pattern: re.Pattern[str]) -> int:
    for ln in lexicon_header(name):
        m = pattern.search(ln)
        if m:
            return int(m.group(1))
    raise ValueError(f"{name}: the header does not state {pattern.pattern!r}; rebuild it with bench/make_insertion_set.py --build-idf")


@lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float]:
    """Stem -> IDF, and the IDF of a stem the table does not list."""
    table = {}
    for ln in lexicon_lines(_IDF_FILE):
        w, v = ln.split("\t")
        table[w] = float(v)
    return table, math.log(_header_int(_IDF_FILE, _IDF_N) / _header_int(_IDF_FILE, _IDF_MIN_DF))



# A capitalised word inside a sentence: a name, place or organisation (sentence starts are ambiguous).
# (The capital comes first and the lookbehind after it, which reads the same three characters: a pattern that opens
# with a character class lets the engine skip to the capitals, one that opens with a lookbehind tries every position.)
_MID_CAP_RE = re.compile(r"[A-Z](?<=[a-z0-9,;%] [A-Z])[A-Za-z'’-]*[a-z]")
_CONTENT_IDF = 2.5      # words above this IDF carry the topic
_MIN_WORDS = 15         # shorter paragraphs are never judged off-topic
_MIN_CONTENT = 3        # nor those with fewer content words
_MAX_QUOTED = 0.9       # nor (almost) whole quotes: they share few words with their article
MIN_PARAS = 5          # too few paragraphs to know what the article is about
# Paragraphs closer than this to the rest of the article get a low probability anyway:
# skipping them saves most of the feature work.
_SKIP_COS_REST = 0.12
# Low similarity alone also fits an on-topic aside or an opinion writer's turn, so only
# near-certain flags count.
_OFFTOPIC_MIN_P = 0.9
# A pasted block may hold two paragraphs of one donor: a neighbour of a flagged paragraph
# needs somewhat less evidence.
_OFFTOPIC_NEIGHBOUR_P = 0.8


class _Model(NamedTuple):
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray       # over [1, x, upper triangle of x x^T] (sklearn PolynomialFeatures(2) order)
    intercept: float
    rows: np.ndarray
    cols: np.ndarray


@lru_cache(maxsize=1)
def _model() -> _Model:
    """Quadratic logistic model of bench/offtopic_real.py --fit (dev split and dev-half outlets only)."""
    raw = lexicon_json("insertion_offtopic_v2.json")
    if tuple(raw["features"]) != OFFTOPIC_FEATURES:
        raise ValueError("insertion_offtopic_v2.json was fitted on other features; refit it")
    rows, cols = np.triu_indices(len(OFFTOPIC_FEATURES))
    coef = np.array(raw["coef"], dtype=float)
    if len(coef) != 1 + len(OFFTOPIC_FEATURES) + len(rows):
        raise ValueError("insertion_offtopic_v2.json: wrong number of coefficients")
    return _Model(np.array(raw["mean"]), np.array(raw["scale"]), coef, float(raw["intercept"]), rows, cols)


@lru_cache(maxsize=1)
def _lsa() -> tuple[dict[str, int], np.ndarray]:
    """Stem -> row, and the word vectors of the latent semantic space (insertion_lsa_v1.npz)."""
    with lexicon_path("insertion_lsa_v1.npz").open("rb") as f:
        data = np.load(f)
        vocab, vectors = list(data["vocab"]), data["vectors"].astype(np.float32)
    return {str(w): i for i, w in enumerate(vocab)}, vectors


def _stem_word(w: str) -> str:
    w = w.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


# (Cached for ``stem_bag``; ``_WordIds`` stems each word once and calls ``_stem_word`` itself.)
_stem = lru_cache(maxsize=1 << 16)(_stem_word)


def stem_bag(text: str) -> Counter[str]:
    # words of >= 3 letters, as in the IDF table; counting before stemming stems each word once
    out: Counter[str] = Counter()
    for w, c in Counter(TOKEN_RE.findall(text.lower())).items():
        if len(w) > 2:
            out[_stem(w)] += c
    return out


def _quoted_share(s: str) -> float:
    if "“" not in s and '"' not in s:
        return 0.0
    return safe_div(sum(m.end() - m.start() for m in QUOTE_RE.finditer(s)), len(s))


# --- vectorised word statistics -------------------------------------------------
_TOKEN3_RE = re.compile(r"[a-z][a-z'’-]+[a-z]")  # the words of stem_bag (>= 3 letters), without the length filter
_MAX_CELLS = 3_000_000  # paragraphs x distinct words above which the off-topic model is skipped (memory)
_MAX_DYNAMIC_IDS = 100_000  # unknown words remembered across articles before the tables are reset (memory)


class _Vocab:
    """Word -> integer id of its stem, with IDF and latent-space row per id.

    Stems of the IDF table get fixed ids; other stems (rare words) get ids
    above them on first sight, so each word is stemmed and looked up once per
    process, not once per article.
    """

    def __init__(self) -> None:
        table, self.default_idf = idf_table()
        index, self.vectors = _lsa()
        stems = list(table)
        self.n_fixed = len(stems)
        self.base_stem_ids = {w: i for i, w in enumerate(stems)}
        self.idf = np.array([table[w] for w in stems], dtype=float)
        self.lsa_row = np.array([index.get(w, -1) for w in stems], dtype=np.int64)
        self.reset()

    def reset(self) -> None:
        self.stem_ids = dict(self.base_stem_ids)
        self.word_ids = _WordIds(self)

    def stem_id(self, stem: str) -> int:
        i = self.stem_ids.get(stem)
        if i is None:
            i = self.stem_ids[stem] = len(self.stem_ids)
        return i

    def check_size(self) -> None:
        if len(self.stem_ids) - self.n_fixed > _MAX_DYNAMIC_IDS or len(self.word_ids) > 2 * _MAX_DYNAMIC_IDS:
            self.reset()


class _WordIds(dict):
    """Lower-cased word -> stem id, filled on first lookup."""

    def __init__(self, vocab: _Vocab) -> None:
        super().__init__()
        self.vocab = vocab

    def __missing__(self, word: str) -> int:
        i = self[word] = self.vocab.stem_id(_stem_word(word))
        return i


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    return _Vocab()


def _row_cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine of each row of ``a`` with the same row of ``b`` (0 where either is zero)."""
    num = np.einsum("ij,ij->i", a, b)
    den = np.sqrt(np.einsum("ij,ij->i", a, a) * np.einsum("ij,ij->i", b, b))
    return np.where(den > 1e-12, num / np.maximum(den, 1e-300), 0.0)


def _neighbours(m: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(previous row, next row) of rows ``k`` of ``m``, zeros past the ends; only those rows
    are copied, not the whole matrix shifted."""
    prev = m[np.maximum(k - 1, 0)]
    nxt = m[np.minimum(k + 1, len(m) - 1)]
    prev[k == 0] = 0
    nxt[k == len(m) - 1] = 0
    return prev, nxt


def _typography(text: str) -> tuple[bool, bool, bool, bool]:
    """(curly quotes, straight quotes, em dash, ASCII dash as a dash) used in ``text``."""
    return (any(c in text for c in "’‘“”"), "'" in text or '"' in text, "—" in text, "--" in text or " - " in text)


def _style_mismatch(style: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per paragraph (rows of ``_typography``): (quotes, dashes) written in a style the rest of
    the article never uses although it writes the other one -- text pasted from another outlet."""
    rest = style.sum(0) - style
    quotes = (style[:, 0] & (rest[:, 0] == 0) & (rest[:, 1] > 0)) | (style[:, 1] & (rest[:, 1] == 0) & (rest[:, 0] > 0))
    dashes = (style[:, 2] & (rest[:, 2] == 0) & (rest[:, 3] > 0)) | (style[:, 3] & (rest[:, 3] == 0) & (rest[:, 2] > 0))
    return quotes.astype(float), dashes.astype(float)


@dataclass(frozen=True, slots=True)
class ParagraphFeatures:
    """What the off-topic model reads of one body paragraph; the field order is the model's
    column order (``OFFTOPIC_FEATURES``). "Rest" is the article without the paragraph (the
    title included when given); "far" leaves its two neighbours out as well, since an
    inserted block may hold two paragraphs of one donor; "names" are mid-sentence capitals."""

    log_cos_rest: float         # IDF-weighted cosine with the rest
    log_rel_median: float       # that cosine over the article's median one
    shared_idf_share: float     # share of its content words' IDF mass found in the rest
    log_new_content: float      # content words found nowhere else
    log_content: float          # content words
    log_new_names: float        # names found nowhere else
    new_name_share: float
    log_names: float
    log_cos_adjacent: float     # cosine with its two neighbours together
    log_cos_neighbours: float   # cosine of the neighbours with each other (the median when one is missing)
    log_median_cos: float
    log_words: float
    log_paras: float
    quoted_share: float         # share of its characters inside quotation marks
    shared_far_share: float     # shared_idf_share, the neighbours left out
    log_new_names_far: float
    new_name_far_share: float
    lsa_cos_rest: float         # the same comparisons in the latent semantic space
    lsa_cos_far: float
    lsa_cos_adjacent: float
    lsa_rel_median: float
    quote_mismatch: float       # quotes written in a style the rest never uses
    dash_mismatch: float        # dashes likewise
    has_title: float
    log_cos_title: float        # 0 without a title: the model was fitted on both cases and reads has_title
    lsa_cos_title: float

    def as_row(self) -> tuple[float, ...]:
        """The values in ``OFFTOPIC_FEATURES`` order: one row of the model's input."""
        return tuple(getattr(self, name) for name in OFFTOPIC_FEATURES)


OFFTOPIC_FEATURES: tuple[str, ...] = tuple(f.name for f in fields(ParagraphFeatures))


@dataclass(slots=True)
class _WordMatrix:
    """The body paragraphs (rows 0 .. n-1) and the title (row n) as bags of word ids."""

    n: int
    uniq: np.ndarray     # the word id of each column
    counts: np.ndarray   # occurrences, (n + 1) x columns
    present: np.ndarray  # counts > 0
    w: np.ndarray        # (1 + log count) x IDF
    idf: np.ndarray      # per column
    fixed: np.ndarray    # columns whose stem the IDF table lists
    title_words: int


def _word_matrix(voc: _Vocab, texts: list[str], title: str | None) -> _WordMatrix | None:
    """None when there are no words, or so many that the matrix would not fit in memory."""
    n = len(texts)
    toks = [_TOKEN3_RE.findall(t.lower()) for t in texts]
    toks.append(_TOKEN3_RE.findall(title.lower()) if title else [])
    sizes = [len(t) for t in toks]
    n_tok = sum(sizes)
    if not n_tok:
        return None
    ids = np.fromiter(map(voc.word_ids.__getitem__, chain.from_iterable(toks)), dtype=np.int64, count=n_tok)
    uniq, inv = np.unique(ids, return_inverse=True)
    n_u = len(uniq)
    if (n + 1) * n_u > _MAX_CELLS:
        log.debug("off-topic model skipped: %d paragraphs x %d words", n, n_u)
        return None
    row = np.repeat(np.arange(n + 1), sizes)
    counts = np.bincount(row * n_u + inv, minlength=(n + 1) * n_u).reshape(n + 1, n_u)
    fixed = uniq < voc.n_fixed
    idf = np.full(n_u, voc.default_idf)
    idf[fixed] = voc.idf[uniq[fixed]]
    present = counts > 0
    w = np.log(np.maximum(counts, 1))
    w += present
    w *= idf
    return _WordMatrix(n, uniq, counts, present, w, idf, fixed, sizes[-1])


def _cos_with_rest(rows: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Leave-one-out cosine of each row v with (total - v), without forming total - v:
    v.(t-v) = v.t - |v|^2 and |t-v|^2 = |t|^2 - 2 v.t + |v|^2."""
    vt = np.einsum("ij,j->i", rows, total)
    nsq = np.einsum("ij,ij->i", rows, rows)
    rest_sq = float(np.einsum("i,i->", total, total)) - 2 * vt + nsq
    ok = (nsq > 0) & (rest_sq > 1e-9)
    return np.where(ok, (vt - nsq) / np.sqrt(np.where(ok, nsq * rest_sq, 1.0)), 0.0)


def _latent(voc: _Vocab, m: _WordMatrix) -> np.ndarray:
    """Each row in the latent space: the weighted sum of its words' vectors."""
    rows_u = np.full(len(m.uniq), -1, dtype=np.int64)
    rows_u[m.fixed] = voc.lsa_row[m.uniq[m.fixed]]
    has = rows_u >= 0
    # as a sparse product (few of the cells are filled): dense BLAS would start threads
    r, c = np.nonzero(m.present & has)
    indptr = np.zeros(m.n + 2, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=m.n + 1), out=indptr[1:])
    sparse = sp.csr_array((m.w[r, c].astype(np.float32), rows_u[c], indptr), shape=(m.n + 1, len(voc.vectors)))
    return (sparse @ voc.vectors).astype(float)


@dataclass(slots=True)
class _Compared:
    """Per candidate paragraph (in candidate order): how it compares with its neighbours,
    the rest of the article and the title."""

    cos_adj: np.ndarray
    cos_neighbours: np.ndarray
    df: np.ndarray        # per column: paragraphs (and title) holding the word
    near: np.ndarray      # per column: the candidate's neighbours holding it (0 to 2)
    idf_all: np.ndarray
    idf_shared: np.ndarray
    idf_far: np.ndarray
    n_new: np.ndarray
    lat_far: np.ndarray
    lat_adj: np.ndarray
    cos_title: np.ndarray
    lat_title: np.ndarray


def _compare(m: _WordMatrix, lat: np.ndarray, k: np.ndarray, content: np.ndarray, median: float,
             has_title: bool) -> _Compared:
    n = m.n
    wb, pb, latb = m.w[:n], m.present[:n], lat[:n]
    wp, wn = _neighbours(wb, k)
    p_prev, p_next = _neighbours(pb, k)
    l_prev, l_next = _neighbours(latb, k)
    wk = wb[k]
    has_both = (m.counts[:n].sum(1) > 0)
    both = np.zeros(n, dtype=bool)
    both[1:-1] = has_both[:-2] & has_both[2:]
    df = m.present.sum(0)
    near = p_prev.astype(np.int64) + p_next
    ck = pb[k] & content
    lk, ln_ = latb[k], l_prev + l_next
    if has_title:
        cos_title = _row_cos(wk, np.broadcast_to(m.w[n], wk.shape))
        lat_title = _row_cos(lk, np.broadcast_to(lat[n], lk.shape))
    else:
        cos_title = lat_title = np.zeros(len(k))
    return _Compared(
        cos_adj=_row_cos(wk, wp + wn),
        cos_neighbours=np.where(both[k], _row_cos(wp, wn), median),
        df=df,
        near=near,
        idf_all=(ck * m.idf).sum(1),
        idf_shared=((ck & (df > 1)) * m.idf).sum(1),
        idf_far=((ck & (df - near > 1)) * m.idf).sum(1),
        n_new=(ck & (df <= 1)).sum(1),
        lat_far=_row_cos(lk, lat.sum(0) - lk - ln_),
        lat_adj=_row_cos(lk, ln_),
        cos_title=cos_title,
        lat_title=lat_title,
    )


def _name_ids(voc: _Vocab, texts: list[str]) -> list[set[int]]:
    """Per text, the word ids of its names (mid-sentence capitals), given ids on first sight."""
    return [{voc.word_ids[x.lower()] for x in _MID_CAP_RE.findall(t)} for t in texts]


def _names(voc: _Vocab, texts: list[str], m: _WordMatrix, df: np.ndarray, near: np.ndarray) -> np.ndarray:
    """Per text (a candidate, row of ``near``): (names, names in no other paragraph, names in none
    but the neighbours), as a 3-column array; a name is a mid-sentence capital, looked up among
    the article's words. All candidates' names are looked up at once."""
    per_text = _name_ids(voc, texts)
    sizes = [len(ids) for ids in per_text]
    out = np.zeros((len(texts), 3), dtype=np.int64)
    out[:, 0] = sizes
    total = sum(sizes)
    if total:
        nid = np.fromiter(chain.from_iterable(per_text), dtype=np.int64, count=total)
        owner = np.repeat(np.arange(len(texts)), sizes)
        pos = np.minimum(np.searchsorted(m.uniq, nid), len(m.uniq) - 1)
        inside = m.uniq[pos] == nid
        d = np.where(inside, df[pos], 0)
        nr = np.where(inside, near[owner, pos], 0)
        out[:, 1] = np.bincount(owner[d <= 1], minlength=len(texts))
        out[:, 2] = np.bincount(owner[d - nr <= 1], minlength=len(texts))
    return out


def paragraph_features(lines: list[Line], body: list[int], title: str | None,
                       sizes: list[int] | None = None, wanted: Collection[int] | None = None
                       ) -> dict[int, ParagraphFeatures]:
    """The features of each judged body paragraph (keyed by its index into ``lines``);
    ``sizes``, the lines' word counts, when the caller has them. With ``wanted`` (indices into
    ``lines``), nothing unless one of those paragraphs is judged: the caller reads no other.

    Paragraphs too short, too close to the rest of the article or almost all quotation
    are not judged. All paragraphs are handled at once as a paragraph x word matrix.
    """
    voc = _vocab()
    voc.check_size()
    n = len(body)
    texts = [lines[i].text for i in body]
    m = _word_matrix(voc, texts, title)
    if m is None:
        return {}
    cos_rest = _cos_with_rest(m.w[:n], m.w.sum(0))
    median = float(np.sort(cos_rest)[n // 2])
    n_words = np.array([len(t.split()) for t in texts] if sizes is None else [sizes[i] for i in body], dtype=np.int64)
    content = m.idf > _CONTENT_IDF
    n_content = (m.present[:n] & content).sum(1)
    judged = (n_words >= _MIN_WORDS) & (cos_rest <= _SKIP_COS_REST) & (n_content >= _MIN_CONTENT)
    cand = [k for k in np.flatnonzero(judged).tolist() if _quoted_share(texts[k]) < _MAX_QUOTED]
    if not cand:
        return {}
    if wanted is not None and not any(body[k] in wanted for k in cand):
        # Nothing the caller reads: the candidates' names still get their word ids, as the full
        # pass gives them, since ids number the columns of later articles' matrices and sums in
        # another column order can differ in the last bit.
        _name_ids(voc, [texts[k] for k in cand])
        return {}
    lat = _latent(voc, m)
    latb = lat[:n]
    lat_rest = _row_cos(latb, lat.sum(0) - latb)
    lat_median = float(np.sort(lat_rest)[n // 2])
    has_title = bool(title) and m.title_words > 0
    cmp = _compare(m, lat, np.array(cand), content, median, has_title)
    style = np.array([_typography(t) for t in texts], dtype=np.int64)
    quote_mis, dash_mis = _style_mismatch(style)
    names = _names(voc, [texts[kk] for kk in cand], m, cmp.df, cmp.near).tolist()
    out = {}
    for j, kk in enumerate(cand):
        text = texts[kk]
        n_names, new_names, new_far = names[j]
        c = float(cos_rest[kk])
        out[body[kk]] = ParagraphFeatures(
            log_cos_rest=math.log(c + 0.005),
            log_rel_median=math.log(c / max(median, 1e-3) + 0.01),
            shared_idf_share=safe_div(cmp.idf_shared[j], cmp.idf_all[j]),
            log_new_content=math.log1p(cmp.n_new[j]),
            log_content=math.log1p(n_content[kk]),
            log_new_names=math.log1p(new_names),
            new_name_share=(new_names + 0.5) / (n_names + 1),
            log_names=math.log1p(n_names),
            log_cos_adjacent=math.log(cmp.cos_adj[j] + 0.005),
            log_cos_neighbours=math.log(cmp.cos_neighbours[j] + 0.005),
            log_median_cos=math.log(median + 0.01),
            log_words=math.log1p(n_words[kk]),
            log_paras=math.log1p(n),
            quoted_share=_quoted_share(text),
            shared_far_share=safe_div(cmp.idf_far[j], cmp.idf_all[j]),
            log_new_names_far=math.log1p(new_far),
            new_name_far_share=(new_far + 0.5) / (n_names + 1),
            lsa_cos_rest=float(lat_rest[kk]),
            lsa_cos_far=float(cmp.lat_far[j]),
            lsa_cos_adjacent=float(cmp.lat_adj[j]),
            lsa_rel_median=float(lat_rest[kk]) - lat_median,
            quote_mismatch=float(quote_mis[kk]),
            dash_mismatch=float(dash_mis[kk]),
            has_title=float(has_title),
            log_cos_title=math.log(cmp.cos_title[j] + 0.005) if has_title else 0.0,
            lsa_cos_title=float(cmp.lat_title[j]),
        )
    return out


def _probabilities(X: np.ndarray) -> np.ndarray:
    m = _model()
    z = (X - m.mean) / m.scale
    phi = np.hstack([np.ones((len(z), 1)), z, z[:, m.rows] * z[:, m.cols]])
    return 1.0 / (1.0 + np.exp(-np.clip(phi @ m.coef + m.intercept, -50.0, 50.0)))


def offtopic_paragraphs(lines: list[Line], labels: list[str | None], title: str | None,
                        sizes: list[int] | None = None) -> dict[int, float]:
    """Paragraphs that share (almost) nothing with the rest of the article and close the story
    (or are a flagged one's neighbour) -> probability (``sizes``: the lines' word counts, when
    the caller has them)."""
    body = [i for i, lab in enumerate(labels) if lab is None]
    if len(body) < MIN_PARAS:
        return {}
    # Only the closing paragraph can be flagged (its neighbour joins only a flag) and a gate clears it
    # whatever its probability: the model runs only where neither decides. Its features are computed
    # with every other candidate's: a row's probability can differ in the last bit with the rows scored.
    last = body[-1]
    feats = paragraph_features(lines, body, title, sizes, wanted=() if cleared(lines, labels, body, last) else (last,))
    if not feats:
        return {}
    p = dict(zip(feats, _probabilities(np.array([f.as_row() for f in feats.values()], dtype=float)).tolist()))
    for i in body[-2:]:
        if p.get(i, 0.0) >= _OFFTOPIC_NEIGHBOUR_P and cleared(lines, labels, body, i):
            p[i] = 0.0
    out = {i: q for i, q in p.items() if q >= _OFFTOPIC_MIN_P and closes_the_story(i, body)}
    pos = {i: k for k, i in enumerate(body)}
    for i in list(out):
        for k in (pos[i] - 1, pos[i] + 1):
            j = body[k] if 0 <= k < len(body) else -1
            if j not in out and p.get(j, 0.0) >= _OFFTOPIC_NEIGHBOUR_P:
                out[j] = p[j]
    return out
