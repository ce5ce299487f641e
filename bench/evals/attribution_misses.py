"""PolNeAR cue misses by kind: how many of the gold cues relscore misses are of kinds the project's
guideline (tests/regression/realnews/GUIDELINE.md) does not count as attributions (beliefs, acts,
nouns, framing prepositions, negated and agentless passive cues).

    python -m bench.evals.attribution_misses [PART ...]     # PART: dev (default), heldout

A miss is sorted by its words alone (word lists below); what no list covers lands in "other", a
long tail of reporting verbs and other acts that only reading can split.
"""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

from features import analyze
from scoring.gold.polnear import load

BELIEF = frozenset("""think thinks thought believe believes believed believing want wants wanted wanting hope hopes
hoped hoping seem seems seemed seeming seemingly appear appears appeared appearing expect expects expected expecting
know knows knew known see sees saw seeing feel feels felt fear fears feared view views viewed consider considers
considered considering plan plans planned planning decide decides decided deciding worry worries worried doubt doubts
prefer prefers preferred favor favors favored favour like likes liked look looks looking mean means meant learned learn
realize realized wonder wondered wish wishes intend intends intended aim aims aimed trust trusts assume assumed imagine
imagined suspect suspected regard regarded understand understood recognize recognized sense sensed care cares
interested convinced sure confident skeptical eager determining determined estimate estimated estimates predict
would""".split())
ACT = frozenset("""support supports supported supporting backing backed back backs endorse endorses endorsed endorsing
oppose opposes opposed opposing defend defends defended defending declined decline declines refused refuse refuses
refusing agreed agree agrees agreeing sought seek seeks seeking pledged pledge pledges promise promises promised
promising named naming nominated ordered order signed sign cast voted vote votes gave give gives offered offering offers
rejected reject rejects sided passed included includes including welcomed appointed compared focused focuses focus put
raised pushed pushing allows allowed restricting delivered watched shared chanting chanted thanking thanked asks ask vow
vows vowed campaign campaigned attended fought fighting won win blocked approved joined joining listing lists""".split())
NOUNS = frozenset("""support criticism attacks attack questions question decision complaints complaint allegations
allegation accusations accusation supporter supporters opponent opponents view views comments comment claims claim
remarks statement statements favorite praise opposition endorsement endorsements calls call warnings warning promise
promises plan plans concerns concern response demands demand criticisms critics charges charge message""".split())
FRAMING = frozenset(': in for to of on by from under about - — " like with at as among according'.split())
AUX = frozenset("is are was were be been being has have had also to will can would did does do".split())
BE = frozenset("is are was were be been being".split())
KINDS = (
    "negated (did not mention)",
    "passive without agent (is expected, was asked)",
    "belief, wish, expectation, appearance",
    "act or stance without speech (support, declined, sought, named)",
    "noun (support for, criticism, questions about)",
    "framing (preposition, colon, dash)",
    "other: a long tail of reporting verbs, acts and phrases",
)


def kind_of(cue: str) -> str:
    """The kind of one missed cue, from its words."""
    low = cue.lower().strip()
    words = re.findall(r"[\w’'-]+|[^\w\s]", low)
    if not words:
        return KINDS[5]
    if re.search(r"\b(not|never|no|n[’']t)\b", low):
        return KINDS[0]
    content = [w for w in words if w not in AUX]
    head = content[0] if content else words[0]
    if words[0] in BE and len(words) > 1 and (words[-1].endswith("ed") or words[-1] in ("known", "called")):
        return KINDS[1]
    if head in BELIEF:
        return KINDS[2]
    if head in ACT:
        return KINDS[3]
    if head in NOUNS or (len(content) > 1 and content[1] in ("for", "on", "about", "of", "to")):
        return KINDS[4]
    if head in FRAMING or len(head) == 1:
        return KINDS[5]
    return KINDS[6]


def misses(shared: Path, part: str) -> tuple[int, dict[str, collections.Counter]]:
    """(gold cue count, missed cue texts by kind) on one PolNeAR part."""
    by_kind: dict[str, collections.Counter] = {k: collections.Counter() for k in KINDS}
    n_gold = 0
    for art in load(shared, part):
        pred = [(s.start, s.end) for s in analyze(art.text).spans if s.kind == "attribution"]
        for frags in art.gold["Cue"]:
            n_gold += 1
            if not any(min(e, b) - max(s, a) > 0 for s, e in pred for a, b in frags):
                text = " ".join(art.text[a:b] for a, b in frags)
                by_kind[kind_of(text)][text.lower()] += 1
    return n_gold, by_kind


def main() -> None:
    shared = Path(__file__).resolve().parents[2] / ".." / "shared"
    for part in sys.argv[1:] or ["dev"]:
        n_gold, by_kind = misses(shared, part)
        n_miss = sum(sum(c.values()) for c in by_kind.values())
        print(f"## PolNeAR {part}: {n_gold} gold cues, {n_miss} missed (recall {1 - n_miss / n_gold:.3f})")
        print("| kind | missed | share of misses | distinct forms | most frequent |\n|---|---|---|---|---|")
        for kind, forms in sorted(by_kind.items(), key=lambda kv: -sum(kv[1].values())):
            n = sum(forms.values())
            top = ", ".join(f"{w} {k}" for w, k in forms.most_common(6))
            print(f"| {kind} | {n} | {n / max(n_miss, 1):.1%} | {len(forms)} | {top} |")


if __name__ == "__main__":
    main()
