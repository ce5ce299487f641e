"""What the loaded-language model's fits read from each PTC article, as short digests per field,
and the difference between two such files made in two trees (two commits).

    python -m bench.loaded_rows_digest --out new.json            # in one tree
    python /tmp/d.py --out old.json    # in an older tree (a detached worktree, PYTHONPATH=its root),
                                       # after git show <this commit>:bench/loaded_rows_digest.py > /tmp/d.py
    python -m bench.loaded_rows_digest --diff old.json new.json  # from either: articles and fields that differ

The nested CV of bench.train_loaded reads only these rows and the word types' features (the
shipped clusters and lexicons, covered by the per-word digests), so when its figure moves between
commits while the loaded code did not, the articles listed here are where it moved; the diff
also prints the lines one tree blanks as insertions and the other does not, with the gold
Loaded_Language spans inside them (a blanked line's gold span cannot be predicted).
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from bench.train_loaded import SHARED, Article, prepare
from features.insertions import find_insertions
from features.loaded import context_features, type_features

#: The per-article fields compared, each the digest of what one part of the fit reads.
FIELDS = ("tokens", "labels", "dense", "bigrams", "flags", "scare", "sentences", "quotes")

Blanked = list[tuple[int, int, str]]


def _h(obj: Any) -> str:
    """A short stable digest of a JSON-able object or of raw bytes."""
    raw = obj if isinstance(obj, bytes) else json.dumps(obj, separators=(",", ":")).encode()
    return hashlib.sha1(raw).hexdigest()[:12]


def article_digest(a: Article, blanked: Blanked) -> dict[str, Any]:
    """Digests of what the fits read from ``a`` (FIELDS), with its blanked lines (start, end, insertion label)
    and its token and gold-token counts kept in the clear for the diff's report."""
    d = a.doc
    return {
        "tokens": _h([list(t) for t in d.tokens]),
        "labels": _h(a.y.tolist()),
        "dense": _h(np.ascontiguousarray(a.pos, dtype=np.float64).tobytes()),
        "bigrams": _h(a.bigrams),
        "flags": _h([a.forced.tolist(), a.function.tolist(), a.noise.tolist()]),
        "scare": _h([list(x) for x in a.scare]),
        "sentences": _h([list(s) for s in d.sentences]),
        "quotes": _h([[q.start, q.end, q.label] for q in d.quotes]),
        "blanked": [list(b) for b in blanked],
        "n_tokens": len(d.tokens),
        "n_gold_tokens": int(a.y.sum()),
    }


def word_digests(arts: Sequence[Article]) -> dict[str, str]:
    """Each word type's digest of its own and context features (clusters and lexicon cues included)."""
    words = sorted({w for a in arts for w in a.words})
    return {w: _h([sorted(type_features(w).items()), sorted(context_features(w).items())]) for w in words}


def digest_all(arts: Sequence[Article]) -> dict[str, Any]:
    """The digest file's content for ``arts`` (PTC articles as bench.train_loaded.prepare gives them)."""
    return {"articles": {a.aid: article_digest(a, [(s.start, s.end, s.label) for s in find_insertions(a.text)])
                         for a in arts},
            "words": word_digests(arts)}


def diff_digests(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Articles whose fields differ ({id: [field, ...]}) and the word types whose features differ,
    or that one side has and the other has not."""
    arts = {}
    for aid, o in old["articles"].items():
        n = new["articles"].get(aid)
        fields = list(FIELDS) if n is None else [f for f in FIELDS if o[f] != n[f]]
        if fields:
            arts[aid] = fields
    ow, nw = old["words"], new["words"]
    return {"articles": arts,
            "words_changed": sorted(w for w in ow.keys() & nw.keys() if ow[w] != nw[w]),
            "words_only_old": len(ow.keys() - nw.keys()), "words_only_new": len(nw.keys() - ow.keys())}


def blanked_changes(old: dict[str, Any], new: dict[str, Any], text: str,
                    gold: Sequence[tuple[int, int]]) -> list[str]:
    """Report lines for one article: the lines blanked in one tree only ("-" old only, "+" new only),
    each with its insertion label and the gold spans it holds."""
    o = {tuple(b) for b in old["blanked"]}
    n = {tuple(b) for b in new["blanked"]}
    out = []
    for mark, side in (("-", o - n), ("+", n - o)):
        for s, e, label in sorted(side):
            held = [text[gs:ge] for gs, ge in gold if gs < e and ge > s]
            out.append(f"  {mark} {label}: {text[s:e][:160]!r}" + (f"  gold: {held}" if held else ""))
    return out


def report(old: dict[str, Any], new: dict[str, Any], arts: Sequence[Article]) -> str:
    """The diff of two digest files as text; ``arts`` give the articles' text and gold."""
    d = diff_digests(old, new)
    by_id = {a.aid: a for a in arts}
    lines = [f"articles differing: {len(d['articles'])} of {len(old['articles'])}"]
    for aid, fields in sorted(d["articles"].items()):
        o, n = old["articles"][aid], new["articles"].get(aid)
        if n is None:
            lines.append(f"{aid}: missing in the new file")
            continue
        lines.append(f"{aid}: {' '.join(fields)}; tokens {o['n_tokens']} -> {n['n_tokens']}, "
                     f"gold tokens {o['n_gold_tokens']} -> {n['n_gold_tokens']}")
        if aid in by_id:
            lines += blanked_changes(o, n, by_id[aid].text, by_id[aid].gold)
    lines.append(f"word types: {len(d['words_changed'])} with other features {d['words_changed'][:20]}, "
                 f"{d['words_only_old']} in the old file only, {d['words_only_new']} in the new only")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, help="write this tree's digests here")
    ap.add_argument("--diff", type=Path, nargs=2, metavar=("OLD", "NEW"), help="compare two digest files")
    args = ap.parse_args()
    if not args.out and not args.diff:
        ap.error("give --out or --diff")
    arts = prepare(args.shared)
    if args.out:
        args.out.write_text(json.dumps(digest_all(arts)), encoding="utf-8")
    if args.diff:
        old, new = (json.loads(p.read_text(encoding="utf-8")) for p in args.diff)
        print(report(old, new, arts))


if __name__ == "__main__":
    main()
