"""Build a synthetic off-topic-insertion test set from real articles.

There is no insertion gold in ``shared/data``, so this inserts real material
into real articles: other articles' headlines behind "Related:"-style lead-ins,
photo captions and credits, promotional lines, and whole paragraphs taken from
articles on another topic. Every template list is split into a ``dev`` part
(used while writing the detector) and a held-out ``test`` part (lead-in
phrasings, separators, agencies, credit formats and promo lines never seen in
development), and base articles, headlines and donor paragraphs are split by
article id, so a test score shows whether the detector generalises beyond the
lists it was written against.

Off-topic paragraphs come from a donor on another topic (most) or on the same
AllSides topic but from an article at least ``SAME_TOPIC_MIN_DAYS`` apart (a
different story, not the same event told by another outlet); ``Sample.same_topic``
lists the latter so recall can be reported for each.

Usage: ``python -m bench.make_insertion_set [--split test] [--n 400] [--out /tmp/ins.jsonl]``
(writes nothing unless ``--out`` is given; the set is built in memory by
``bench/evals/insertions.py``).
``offtopic_training_rows`` gives the off-topic model's synthetic rows (fitted by bench/offtopic_real.py);
``--build-idf PATH`` writes ``features/lexicons/insertion_idf_v1.txt`` from the corpus.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from features.insertion_rules import rule_labels, split_lines
from features.offtopic import MIN_PARAS, idf_table, paragraph_features, stem_bag

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEED = 20240611
SAME_TOPIC_SHARE = 0.4      # share of off-topic paragraphs taken from a same-topic donor
SAME_TOPIC_MIN_DAYS = 60    # a same-topic donor is at least this far apart in time

# --- templates: dev (seen while developing) / test (held out) -----------------
LEADINS = {
    "dev": [
        "Read also", "Read more", "Related", "Recommended", "Watch", "See also", "More",
        "Also read", "You may also like", "Related story", "Read", "Related coverage",
        "Also on {outlet}", "More from {outlet}", "Trending", "Don't miss", "Latest",
        "Related article", "Must read", "Video",
    ],
    "test": [
        "Read next", "Related stories", "Also see", "More on this", "Related news",
        "Editor's pick", "Recommended for you", "Top story", "Continue reading",
        "In case you missed it", "ICYMI", "Related content", "See more", "Popular now",
        "Read the latest", "More coverage", "Most read", "Related reading", "Listen",
        "Check out", "You might also like", "More stories", "Don't Miss",
    ],
}
# {L} lead-in as written, {U} upper-cased, {h} the headline
LEAD_FORMATS = {
    "dev": [
        "{L}: {h}", "{U}: {h}", "{U}\u00a0{h}", "{L} - {h}", "{L} | {h}", "{L} — {h}",
        "({L}: {h})", "{U} {h}", "► {L}: {h}", "{L}:\n{h}", "{U}:  {h}",
    ],
    "test": [
        "{L} » {h}", "[{L}: {h}]", "{U} >> {h}", ">> {L}: {h}", "{L} – {h}", "{U} | {h}",
        "{L}:\u00a0{h}", "▶ {U}: {h}", "{U}\n{h}", "{L}: {h}",
    ],
}
AGENCIES = {
    "dev": ["AP", "Reuters", "AFP", "Getty Images", "EPA", "Bloomberg", "Shutterstock",
            "Anadolu Agency", "Xinhua", "PA"],
    "test": ["Alamy", "Sputnik", "TASS", "ZUMA Press", "NurPhoto", "UPI", "Kyodo", "DPA",
             "SIPA", "iStock", "Pool", "Rex Features", "EPA-EFE", "The Washington Post"],
}
# {c} caption sentence, {n} photographer, {a} agency, {N}/{A} upper-cased
CAPTION_FORMATS = {
    "dev": [
        "{c} (AP Photo/{n})", "{c} REUTERS/{n}", "{c} (Photo by {n}/{a})", "{c} Photo: {n}/{a}",
        "{c} © {n}/{a}", "{c} Photograph: {n}/{a}", "{c} (Photo: {a})", "FILE PHOTO: {c} {A}/{n}",
        "{c}\n{n}/{a}", "{c}\nImage copyright {a}", "{c} ({A})", "{c} (Photo by {N}/{A} via Getty Images)",
    ],
    "test": [
        "{c}\nCredit: {n}/{a}", "{c} (Image: {a})", "{c} Picture: {n}/{a}", "{c} | {n}/{a}",
        "{c} ({n} / {a})", "{c}\nImage: {a} via Getty Images", "{A} file photo: {c}",
        "{c}\nPhoto credit: {n}", "{c} Photo by {n} for {a}", "{c} (Photo credit should read {N}/{A} via Getty Images)",
        "{c} ({a} Photo/{n})", "{c}\nPhotograph: {n} / {a}",
    ],
}
CREDIT_ONLY = {
    "dev": ["Photo: {n}/{a}", "{n}/{a}", "Image copyright {a}", "(Photo by {n}/{a})", "© {n}/{a}"],
    "test": ["Credit: {n}/{a}", "Picture: {n}/{a}", "(Image: {a})", "Photo credit: {n} / {a}",
             "Image source: {a}", "Photograph by {n} for {a}"],
}
PROMOS = {
    "dev": [
        "ADVERTISEMENT", "Advertisement", "Short Url", "Share this article",
        "Click here to subscribe to our newsletter.", "Follow us on Twitter", "Sign up for our daily newsletter",
        "Subscribe to our YouTube channel", "Like us on Facebook", "Click here for reprint permission.",
        "Share on Facebook", "Download our app for the latest news", "Get the latest headlines delivered to your inbox.",
        "Support independent journalism. Donate today.", "Story continues below advertisement",
        "Follow {outlet} on Twitter for more updates", "Copyright © 2019 {outlet}. All rights reserved.",
    ],
    "test": [
        "Sponsored content", "Join our mailing list", "Want more stories like this? Sign up for our newsletter.",
        "Follow {outlet} on Instagram", "Tap here to get breaking news alerts", "Become a member today",
        "SUBSCRIBE NOW", "Share this story", "Listen to this article", "Enjoyed this article? Share it with your friends.",
        "Get our free app", "Never miss a story: subscribe to our newsletter", "Print this page",
        "Continue reading below", "Email this article", "Advertisement - scroll to continue",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "Sign up to receive our weekly newsletter in your inbox", "Click to share on Twitter",
    ],
}
OUTLETS = {"dev": ["Politico", "Fox News", "The Guardian", "Reuters", "CNN"],
           "test": ["Al Jazeera", "NBC News", "The Hill", "Daily Sabah", "Arab News"]}
CAPTION_VERBS = ["speaks to reporters", "attends a news conference", "arrives for a meeting", "looks on",
                 "gestures as he speaks", "waves to supporters", "addresses the media", "walks past police officers",
                 "delivers remarks", "listens during a hearing"]
CITIES = ["Washington", "Moscow", "Ankara", "Paris", "Berlin", "Brussels", "Geneva", "London", "Tokyo", "Cairo"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

KINDS = ("related", "caption", "credit", "promo", "offtopic", "teaser")
# Base articles must be clean of real insertions, or they would count as false positives.
_DIRTY = re.compile(
    r"^\W*(?:advertisement|read|related|more|see|watch|also|photo|image|credit|click|subscribe|follow|share|"
    r"sign up|by |contributing|copyright|update|correction|editor)\b|getty|reuters/|ap photo|afp|©|photograph|"
    r"image copyright|click here|newsletter|pic\.twitter|https?:|caption|^\W*[•·*►▶»>-]|inbox|subscri|sign(?:ing)? up|"
    r"contributed to|is a (?:\w+ )?(?:writer|columnist|contributor|fellow|editor|author|professor)|follow (?:him|her|us|@)|"
    r"write to|@\w+\.com|all rights",
    re.I,
)


@dataclass
class Sample:
    """One synthetic article; ``gold`` holds (start, end, kind) of inserted lines."""

    text: str
    title: str
    base_id: str
    gold: list[tuple[int, int, str]] = field(default_factory=list)
    #: (start, end) of the off-topic gold lines whose donor has the base article's topic
    same_topic: list[tuple[int, int]] = field(default_factory=list)


def _split_of(key: str) -> str:
    return "test" if int(hashlib.md5(key.encode()).hexdigest(), 16) % 2 else "dev"


def _is_clean(paras: list[str]) -> bool:
    return all(not _DIRTY.search(p) and len(p.split()) > 6 for p in paras)


@lru_cache(maxsize=2)
def load_allsides(shared: Path) -> pd.DataFrame:
    return pd.read_parquet(shared / "data/allsides/articles.parquet",
                           columns=["ID", "title", "content_original", "topic", "authors", "date"])


_P_RE = re.compile(r"<p>(.*?)</p>", re.S)
_ART_RE = re.compile(r'<article id="(\d+)"[^>]*title="([^"]*)"[^>]*>(.*?)</article>', re.S)
_TAG_RE = re.compile(r"<[^>]+>")


@lru_cache(maxsize=2)
def load_hyperpartisan(shared: Path) -> list[tuple[str, str, list[str]]]:
    """(id, title, paragraphs) with <p> breaks kept and tags removed."""
    raw = (shared / "data/hyperpartisan/articles-training-byarticle-20181122.xml").read_text(encoding="utf-8")
    out = []
    for m in _ART_RE.finditer(raw):
        paras = [html.unescape(_TAG_RE.sub("", p)).strip() for p in _P_RE.findall(m.group(3))]
        paras = [re.sub(r"\s+", " ", p) for p in paras if p]
        out.append(("hp" + m.group(1), html.unescape(m.group(2)), paras))
    return out


def _days(dates: pd.Series) -> list[float]:
    """Dates as days since the epoch (NaN when missing or invalid)."""
    d = pd.to_datetime(dates, errors="coerce", format="%Y-%m-%d")
    valid = d.notna() & (d.dt.year >= 1990) & (d.dt.year <= 2030)
    return [(x - pd.Timestamp("1970-01-01")).days if ok else float("nan") for x, ok in zip(d, valid)]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _names(df: pd.DataFrame) -> list[str]:
    names = set()
    for a in df["authors"].dropna().head(20000):
        for n in re.split(r",|\band\b", a):
            n = n.strip()
            if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}", n):
                names.add(n)
    return sorted(names)


class _Pools:
    """Material for one split: headlines, donor paragraphs, names, captions."""

    def __init__(self, shared: Path, split: str, seed: int = SEED) -> None:
        df = load_allsides(shared)
        sub = df[df["ID"].map(_split_of) == split].sample(frac=1.0, random_state=seed % 2**32)
        self.headlines = [t.strip() for t in sub["title"].dropna() if 4 <= len(t.split()) <= 20]
        self.names = [n for n in _names(df) if _split_of(n) == split]
        days = _days(sub["date"])
        self.donors: list[tuple[str, str, float, list[str]]] = []  # (id, topic, day, paragraphs)
        self.by_topic: dict[str, list[int]] = {}  # topic -> indices into donors
        for i, topic, day, text in zip(sub["ID"][:6000], sub["topic"][:6000], days[:6000], sub["content_original"][:6000]):
            paras = [p for p in _paragraphs(text) if 20 <= len(p.split()) <= 140 and not _DIRTY.search(p)]
            if len(paras) >= 3:
                self.by_topic.setdefault(topic, []).append(len(self.donors))
                self.donors.append((i, topic, day, paras))
        self.bases: list[tuple[str, str, float, str, list[str]]] = []  # (id, topic, day, title, paragraphs)
        rest = sub.iloc[6000:12000]
        for i, topic, day, title, text in zip(rest["ID"], rest["topic"], days[6000:12000], rest["title"],
                                              rest["content_original"]):
            paras = _paragraphs(text)
            if 5 <= len(paras) <= 60 and _is_clean(paras):
                self.bases.append((i, topic, day, title, paras))
        for i, title, paras in load_hyperpartisan(shared):
            if _split_of(i) != split:
                continue
            self.headlines.append(title)
            if 5 <= len(paras) <= 60 and _is_clean(paras):
                self.bases.append((i, "hyperpartisan", float("nan"), title, paras))
        self.captions = _real_captions(sub["content_original"])


_CAP_CREDIT = re.compile(r"\s*(?:\(AP Photo/[^()]*\)|REUTERS/[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}|\|?\s*(?:[A-Z][\w.'-]* ){1,3}?[A-Z][\w.'-]*/(?:AFP/)?Getty Images)\s*$")


def _real_captions(texts: pd.Series) -> list[str]:
    """Real photo captions from the corpus, with their credit removed."""
    out = []
    for text in texts:
        if "AP Photo" not in text and "REUTERS/" not in text and "Getty Images" not in text:
            continue
        for p in _paragraphs(text):
            if "AP Photo" not in p and "REUTERS/" not in p and "Getty Images" not in p:
                continue
            m = _CAP_CREDIT.search(p[-120:])
            cut = len(p) - 120 + m.start() if m and len(p) > 120 else (m.start() if m else 0)
            cap = p[:cut].strip()
            if m and 8 <= len(cap.split()) <= 60 and not p.startswith(("(", "FILE")) and not re.search(
                r"[Pp]hoto|[Ii]mage|caption|Getty|©|/", cap
            ):
                out.append(cap)
    return out


def _caption_sentence(rng: random.Random, pools: _Pools) -> str:
    if pools.captions and rng.random() < 0.6:
        return rng.choice(pools.captions)
    name = rng.choice(pools.names)
    return (f"{name} {rng.choice(CAPTION_VERBS)} in {rng.choice(CITIES)} on "
            f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2012, 2020)}.")


def _make_related(rng: random.Random, pools: _Pools, split: str) -> list[tuple[str, str]]:
    lead = rng.choice(LEADINS[split]).format(outlet=rng.choice(OUTLETS[split]))
    fmt = rng.choice(LEAD_FORMATS[split])
    h = rng.choice(pools.headlines)
    line = fmt.format(L=lead, U=lead.upper(), h=h)
    return [(part, "related") for part in line.split("\n")]


def _make_caption(rng: random.Random, pools: _Pools, split: str) -> list[tuple[str, str]]:
    n, a = rng.choice(pools.names), rng.choice(AGENCIES[split])
    if rng.random() < 0.2:
        fmt = rng.choice(CREDIT_ONLY[split])
        return [(fmt.format(n=n, a=a), "credit")]
    fmt = rng.choice(CAPTION_FORMATS[split])
    text = fmt.format(c=_caption_sentence(rng, pools), n=n, a=a, N=n.upper(), A=a.upper())
    parts = text.split("\n")
    return [(parts[0], "caption")] + [(p, "credit") for p in parts[1:]]


def _make_promo(rng: random.Random, pools: _Pools, split: str) -> list[tuple[str, str]]:
    return [(rng.choice(PROMOS[split]).format(outlet=rng.choice(OUTLETS[split])), "promo")]


def _make_offtopic(rng: random.Random, pools: _Pools, topic: str, day: float,
                   base_id: str) -> tuple[list[tuple[str, str]], bool]:
    """Paragraph(s) of an unrelated article, and whether its donor shares the base's topic."""
    same = rng.random() < SAME_TOPIC_SHARE and topic in pools.by_topic and day == day
    for _ in range(50):
        if same:
            did, dtopic, dday, paras = pools.donors[rng.choice(pools.by_topic[topic])]
            ok = abs(dday - day) >= SAME_TOPIC_MIN_DAYS  # False for NaN
        else:
            did, dtopic, dday, paras = rng.choice(pools.donors)
            ok = dtopic != topic
        if ok and did != base_id:
            k = rng.randrange(len(paras))
            out = [(paras[k], "offtopic")]
            if rng.random() < 0.25 and k + 1 < len(paras):
                out.append((paras[k + 1], "offtopic"))
            return out, same
    return [], False


def make_set(shared: Path = SHARED, split: str = "test", n: int = 400, seed: int = SEED) -> list[Sample]:
    """``n`` synthetic articles for ``split`` ('dev' or 'test'), deterministic for a seed."""
    if split not in ("dev", "test"):
        raise ValueError(f"split must be 'dev' or 'test', got {split!r}")
    pools = _Pools(shared.resolve(), split, seed)
    rng = random.Random(f"{seed}-{split}")
    bases = rng.sample(pools.bases, min(n, len(pools.bases)))
    out = []
    for bid, topic, day, title, paras in bases:
        blocks: list[list[tuple[str, str]]] = [[(p, "")] for p in paras]
        k = 0 if rng.random() < 0.1 else rng.randint(1, 4)
        for _ in range(k):
            r = rng.random()
            if r < 0.3:
                ins = _make_related(rng, pools, split)
            elif r < 0.55:
                ins = _make_caption(rng, pools, split)
            elif r < 0.75:
                ins = _make_promo(rng, pools, split)
            else:
                ins, same = _make_offtopic(rng, pools, topic, day, bid)
                if same:  # marked until the gold is written
                    ins = [(line, "offtopic_same") for line, _ in ins]
            if ins:
                blocks.insert(rng.randint(1, len(blocks)), ins)
        if rng.random() < 0.05:  # a bullet teaser restating a body sentence, at the top
            sent = re.split(r"(?<=[.!?])\s+", paras[min(2, len(paras) - 1)])[0]
            blocks.insert(0, [(rng.choice(["• ", "  • ", "- "]) + sent, "teaser")])
        sep = "\n\n" if rng.random() < 0.7 else "\n"
        text, gold, same_spans = "", [], []
        for block in blocks:
            for line, kind in block:
                if text:
                    text += sep
                if kind:
                    s = len(text) + (len(line) - len(line.lstrip()))
                    gold.append((s, len(text) + len(line.rstrip()), kind.removesuffix("_same")))
                    if kind == "offtopic_same":
                        same_spans.append(gold[-1][:2])
                text += line
        out.append(Sample(text, title, bid, gold, same_spans))
    return out


def offtopic_training_rows(samples: list[Sample]) -> tuple[list[tuple[float, ...]], list[bool]]:
    """(OFFTOPIC_FEATURES, is off-topic) for every judged body paragraph of ``samples``, each
    article once with its title and once without (inputs come both ways)."""
    X, y = [], []
    for smp in samples:
        gold = {(s, e) for s, e, k in smp.gold if k == "offtopic"}
        lines = split_lines(smp.text)
        for title in (smp.title, None):
            labels = rule_labels(lines, title)
            body = [i for i, lab in enumerate(labels) if lab is None]
            if len(body) < MIN_PARAS:
                continue
            for i, x in paragraph_features(lines, body, title).items():
                X.append(x.as_row())
                y.append((lines[i].start, lines[i].end) in gold)
    return X, y


IDF_MIN_DF = 50
_IDF_HEADER = """\
# insertion_idf_v1 - inverse document frequency of word stems in news text
# Source: computed from the AllSides corpus (Baly et al., ACL 2020, "We Can Detect Your Bias";
#   ramybaly/Article-Bias-Prediction), {n:,} articles (title + content_original), by
#   bench/make_insertion_set.py --build-idf. Only aggregate counts are stored, no article text.
# License/terms: derived statistics; the corpus release is Apache-2.0, article texts remain their publishers'.
# Format: one "stem<TAB>idf" per line, idf = ln(N / df) rounded to 2 decimals, N = {n}.
#   Stems: lower-cased words of >= 3 letters, "'s" and a final plural "s" removed (see features/insertions.py).
#   Only stems with df >= {min_df} are listed; unlisted stems are rarer and get idf = ln(N / {min_df}).
"""


def build_idf(shared: Path = SHARED, min_df: int = IDF_MIN_DF) -> str:
    """The text of insertion_idf_v1.txt: document frequencies over all AllSides articles."""
    import math
    from collections import Counter

    df = load_allsides(shared.resolve())
    counts: Counter[str] = Counter()
    for title, text in zip(df["title"].fillna(""), df["content_original"].fillna("")):
        counts.update(stem_bag(f"{title}\n{text}").keys())
    n = len(df)
    rows = [f"{w}\t{math.log(n / c):.2f}" for w, c in sorted(counts.items()) if c >= min_df]
    return _IDF_HEADER.format(n=n, min_df=min_df) + "\n".join(rows) + "\n"


LSA_DIMS = 200
LSA_MIN_DF = 150


def build_lsa(shared: Path = SHARED, dims: int = LSA_DIMS, min_df: int = LSA_MIN_DF) -> tuple:
    """(vocab, word vectors) of a latent semantic space (truncated SVD of the IDF-weighted,
    L2-normalised article x stem matrix) over the dev-split AllSides articles only; stems
    with corpus df >= ``min_df``. The first component (the corpus mean) is dropped."""
    import math

    import numpy as np
    import scipy.sparse as sp
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    idf, _ = idf_table()
    df = load_allsides(shared.resolve())
    # the IDF table's document count is the whole corpus's, read before the dev filter
    vocab = sorted(w for w, v in idf.items() if v <= math.log(len(df) / min_df) + 1e-9)
    index = {w: i for i, w in enumerate(vocab)}
    df = df[df["ID"].map(_split_of) == "dev"]
    rows, cols, vals = [], [], []
    for r, (title, text) in enumerate(zip(df["title"].fillna(""), df["content_original"].fillna(""))):
        for w, c in stem_bag(f"{title}\n{text}").items():
            j = index.get(w)
            if j is not None:
                rows.append(r)
                cols.append(j)
                vals.append((1 + math.log(c)) * idf[w])
    m = normalize(sp.csr_matrix((vals, (rows, cols)), shape=(len(df), len(vocab))))
    svd = TruncatedSVD(dims, random_state=0).fit(m)
    return np.array(vocab), svd.components_[1:].T.astype(np.float16)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=["dev", "test"])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--out", type=Path, help="write JSONL here (e.g. /tmp/ins.jsonl)")
    ap.add_argument("--build-idf", type=Path, metavar="PATH",
                    help="write the IDF lexicon (features/lexicons/insertion_idf_v1.txt) to PATH and stop")
    ap.add_argument("--build-lsa", type=Path, metavar="PATH",
                    help="write the word-vector file (features/lexicons/insertion_lsa_v1.npz) to PATH and stop")
    args = ap.parse_args()
    if args.build_lsa:
        import numpy as np

        vocab, vectors = build_lsa(SHARED)
        with args.build_lsa.open("wb") as f:
            np.savez_compressed(f, vocab=vocab, vectors=vectors)
        return
    if args.build_idf:
        args.build_idf.write_text(build_idf(SHARED), encoding="utf-8")
        return
    samples = make_set(SHARED, args.split, args.n)
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for s in samples:
                f.write(json.dumps({"text": s.text, "title": s.title, "base_id": s.base_id, "gold": s.gold}) + "\n")
    counts: dict[str, int] = {}
    for s in samples:
        for *_, k in s.gold:
            counts[k] = counts.get(k, 0) + 1
    print(len(samples), "articles;", counts)


if __name__ == "__main__":
    main()
