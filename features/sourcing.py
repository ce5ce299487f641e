"""Sourcing: whom an article cites, how, and how much it asserts on its own.

Rule-based, in three steps over the cleaned body:

1. Reporting cues from a lexicon (``said``, ``according to``, ``wrote``, plus the
   stance cues PolNeAR annotates: ``accused``, ``wants``, ``praised``), extended
   by a manner phrase ("said in a statement").
2. For each cue, the source noun phrase: after the cue when the clause is
   inverted ("..., said the source", "Writes the New York Times") or after
   "according to"; otherwise the subject right before the cue ("A source in
   Ankara said", "Sezer, an expert, said", "he told"). The addressee of ``told``
   is not a source, even an outlet ("he told Arab News"): the statement is his.
3. Each source is labelled named / anonymous / media / document from word
   classes (``sourcing_nouns_v1``, ``sourcing_media_v1``); a pronoun source is
   labelled ``pronoun`` (``anonymous pronoun`` when it stands for an unnamed
   source), and the features count it as the nearest earlier fitting source.

The word classes and patterns live in ``source_words``, the test of a cue word used as something other
than a report in ``source_cue_use``, the noun-phrase parsing of
steps 2 and 3 in ``source_np`` (one phrase and its label), ``source_phrases`` (where it stands around
a cue) and ``source_groups``. Direct quotes and attributed paraphrase come from ``doc.quotes``;
their spans are made in ``source_quotes``.
Only non-stance cues count as sourcing in the features; stance cues still give
spans, since they are attributions of belief or opinion.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress

from .base import ArticleTransformer, Extraction, Span, per_100, safe_div
from .insertions import clean_doc
from .source_cue_use import reports_no_one, writer_speaking_now
from .source_groups import (
    _PP_PREPS, document_before_phrase, object_before_for, quoted_speakers, relative_sources, with_coordinated,
)
from .source_np import NounPhrase, function_form, np_forward
from .source_phrases import (
    first_verb_subject, in_teaser_headline, inverted_speaker, np_before_gerund, relative_quote_source,
    resolve_pronoun, sentence_subject, subject_before,
)
from .source_quotes import content_for_cue, one_span_per_quote, quote_spans, quote_tail_cues
from .source_words import (
    BELIEF, BY_AGENT_RE, COLON_CUE_RE, COLON_SPEAKER_RE, FIRST_SECOND, FORMS, FROM_LINE_RE, FROM_OPENING_RE,
    FUSED_WILL_WOULD_RE, GERUND_WHILE_RE, INFERENCE_GERUNDS, Lexicon, MANNER_LABEL, MANNER_RE, NEGATED_LAST_LETTERS,
    NEGATED_RE, NEITHER_RE, NEW_SUBJECT_RE, NP_STOP, PASSIVE_AGENT_BEFORE_RE, PASSIVE_BEFORE_RE, PER_RE, POLL_IN_RE,
    QUOTED_CLAUSE_START_RE, QUOTED_CUES, QUOTED_PAST, RELATIVE, SOURCE_LABELS, STANCE, STANDALONE_MANNER_RE,
    SUBORDINATORS, THAT_RE, TIME_WORDS, TOOK_TO_RE, lexicon,
)
from .text import Doc

SOURCING_FEATURES: tuple[str, ...] = (
    "attributions_per_100_words",
    "stance_attributions_per_100_words",
    "distinct_sources",
    "named_sources",
    "anonymous_sources",
    "media_sources",
    "document_sources",
    "named_source_share",
    "media_source_share",
    "quoted_word_share",
    "attributed_sentence_share",
    "unattributed_claim_share",
)

def _find_cues(doc: Doc, lex: Lexicon) -> tuple[list[tuple[int, int, str, str]], dict[int, NounPhrase]]:
    """(start, end, label, cue form) of every cue, manner phrases attached, and the source of
    each relay cue ("From NBC News:", ", per Politico") by the cue's start: finding the cue
    needs its source, so it is parsed once here.

    Stance, belief and evidence cues inside a quotation or paraphrase are dropped (the
    reported clause, not a new attribution); a speech cue inside a direct quote is kept
    for the speaker's own report ("“They say it's bad,” he said") and needs a source.
    """
    text = doc.text
    toks = doc.tokens
    n = len(toks)
    out: list[tuple[int, int, str, str]] = []
    low = doc.lowered
    cues = lex.cues
    # only the few cue tokens enter the loop, picked in C
    for i in compress(range(n), map(cues.__contains__, low)):
        s, e = toks[i]
        entries = cues[low[i]]
        for words, need, label in entries:
            k = len(words)
            if i + k > n:
                continue
            if k > 1 and not all(
                low[i + j] == words[j]
                and text[toks[i + j - 1][1] : toks[i + j][0]].isspace()
                for j in range(1, k)
            ):
                continue
            if need is not None and (i + k >= n or low[i + k] not in need):
                continue
            # the word's own use is read only where its next words make it a cue ("would" needs "like",
            # "states" needs "that")
            if reports_no_one(text, toks, low, i, lex) or in_teaser_headline(text, s):
                break
            end = toks[i + k - 1][1]
            region = doc.region_at(s, end)
            # inside a quotation only a speech act counts ("“I told you ...”", "“They say ...”"):
            # the speaker reports someone else; it is kept only with a source of its own.
            # A passive accusation ("“Abedin has been accused of ...”") reports one all the same.
            if region is not None and label in (STANCE, BELIEF, "evidence") and not _passive_report(text, s, end):
                break
            if label in ("speech", "publication"):
                mm = MANNER_RE.match(text, end)
                if mm:
                    end = mm.end()
                    label = MANNER_LABEL.get(mm.group(1).lower(), "statement")
            if out and out[-1][1] > s:
                break  # inside the previous cue ("said in a statement")
            out.append((s, end, label, " ".join(words)))
            break
    extra = []
    cue_sents = {doc.sentence_index(c[0]) for c in out if not _in_direct(doc, c[0], c[1])}
    # every manner phrase ends in "statement", which most texts lack: a substring test skips its scan
    manner = (STANDALONE_MANNER_RE, "manner") if "statement" in text else None
    for rx, form in (x for x in (manner, (COLON_CUE_RE, ":")) if x):
        for m in rx.finditer(text):
            si = doc.sentence_index(m.start())
            if si in cue_sents or doc.region_at(m.start(), m.end()) is not None:
                continue
            if form == ":" and not _speaker_before_colon(doc, si, m.start(), lex):
                continue  # "a placard in English: “...”", "the answer is: “...”": no one speaks before the colon
            label = MANNER_LABEL.get(m.group(1).lower(), "statement") if form == "manner" else "speech"
            st, en = (m.start(), m.end()) if form == "manner" else (m.start(1), m.end(1))
            extra.append((st, en, label, form))
            cue_sents.add(si)
    out, took = _took_to_cues(doc, out)
    extra += took + _poll_cues(doc, lex) + quote_tail_cues(doc, out)
    relayed: dict[int, NounPhrase] = {}
    for rx in (FROM_LINE_RE, PER_RE):
        for m in rx.finditer(text):
            if not (rx is PER_RE or FROM_OPENING_RE.search(text, max(0, m.start() - 12), m.start())):
                continue
            np_ = _relayed_from(text, m.end(1), lex) if doc.region_at(m.start(1), m.end(1)) is None else None
            if np_ is not None:
                extra.append((m.start(1), m.end(1), "publication", m.group(1).lower()))
                relayed[m.start(1)] = np_
    if extra:
        out = sorted(out + extra)
    return out, relayed


def _took_to_cues(
    doc: Doc, out: list[tuple[int, int, str, str]],
) -> tuple[list[tuple[int, int, str, str]], list[tuple[int, int, str, str]]]:
    """The cues found so far without those inside a "took to Twitter to ..." cue, and those cues: the act
    named inside ("took to Twitter to say") is part of the one cue."""
    took = [(m.start(), m.end(), "publication", "took to") for m in TOOK_TO_RE.finditer(doc.text)
            if doc.region_at(m.start(), m.end()) is None]
    if took:
        out = [c for c in out if not any(t[0] <= c[0] and c[1] <= t[1] for t in took)]
    return out, took


def _poll_cues(doc: Doc, lex: Lexicon) -> list[tuple[int, int, str, str]]:
    """A poll or study opening a sentence ("In a CBS News poll last month, ..."): not the manner of a cue
    verb ("said in a report"), not inside a quotation."""
    text = doc.text
    found = []
    for m in POLL_IN_RE.finditer(text):
        prev = text[max(0, m.start() - 20) : m.start()].split()
        if doc.region_at(m.start(), m.end()) is None and not (prev and prev[-1].lower() in lex.cue_words):
            found.append((m.start(1), m.end(1), "evidence", "in"))
    return found


def _speaker_before_colon(doc: Doc, si: int, colon: int, lex: Lexicon) -> bool:
    """Someone speaks before a colon that opens a quotation: a line of names ("Sanders on Clinton:"), an act
    of speaking the lexicon lacks ("then leaned in and boomed:"), or a named subject opening the sentence
    ("Axios put it this way:", "The memo goes on:")."""
    text = doc.text
    if COLON_SPEAKER_RE.search(text, max(text.rfind("\n", 0, colon) + 1, colon - 80), colon):
        return True
    head = sentence_subject(text, doc.sentences[si][0], colon, lex, max_commas=1)
    return (head is not None and (head.proper or head.typed) and not head.pronoun
            and text[head.start : head.end].split()[0].lower() not in NP_STOP)  # not "To which the answer is:"


def _speaks_in_quote(text: str, np_: NounPhrase, cue: tuple[int, int, str, str]) -> bool:
    """A speaker's own report inside a quotation: a plain reporting verb after a pronoun, a name
    or a source noun ("“They say ...", "“Ryan called the attacks ...", "“sources claim ...")."""
    form = cue[3]
    if np_.end > cue[0] or np_.end - np_.start > 60 or form not in QUOTED_CUES:
        return False
    if not QUOTED_CLAUSE_START_RE.search(text, max(0, np_.start - 12), np_.start):
        return False  # "what he said", "everything I have said": the words said, not a report
    if np_.pronoun:
        if FUSED_WILL_WOULD_RE.match(text, np_.end) and form not in QUOTED_PAST:
            return False  # "they’ll say, ...", "he’d say yes": what someone would say, not a report
        return np_.pronoun not in FIRST_SECOND or form in QUOTED_PAST
    return np_.typed or (np_.proper and form != "say")


def _passive_report(text: str, s: int, e: int) -> bool:
    """A passive accusation with its subject ("has been accused of", "is accused of"): a report with
    no speaker named, which a quotation may carry as well as the author's text."""
    return (text[s:e].lower() == "accused" and text.startswith(" of ", e)
            and PASSIVE_BEFORE_RE.search(text, max(0, s - 12), s) is not None)


def _in_direct(doc: Doc, s: int, e: int) -> bool:
    region = doc.region_at(s, e)
    return region is not None and region.label == "direct"


_ACT_BEFORE_COLON_RE = re.compile(r"\b[a-z]{3,}(?:ed|ing)$")


def _doc_pp_re(lex: Lexicon) -> re.Pattern[str]:
    """A document noun followed by a preposition ("notices to", "a letter on"), compiled once per noun set."""
    return _doc_pp_pattern(frozenset(lex.classes["document"]))


@lru_cache(maxsize=4)
def _doc_pp_pattern(nouns: frozenset[str]) -> re.Pattern[str]:
    # keyed by the nouns themselves: two lexicons with the same nouns share one pattern, and a new
    # lexicon never receives a pattern built from another's nouns
    alts = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    preps = "|".join(sorted(_PP_PREPS))
    return re.compile(rf"\b(?:{alts})[ \t]+(?:{preps})\b", re.IGNORECASE)


def _relayed_from(text: str, pos: int, lex: Lexicon) -> NounPhrase | None:
    """The named or typed source after "From"/"per" ("From NBC News:", ", per Politico"); not "From our partners:"."""
    end = text.find("\n", pos)
    np_ = np_forward(text, pos, len(text) if end < 0 else end, lex)
    return np_ if np_ is not None and (np_.proper or np_.typed) and not np_.pronoun else None


def _sources_for_cue(
    text: str, sent: tuple[int, int], cue: tuple[int, int, str, str], lex: Lexicon, main_cue: bool = True,
    relayed: dict[int, NounPhrase] | None = None,
) -> list[NounPhrase]:
    """The sources of one cue; ``main_cue`` says an earlier cue in the sentence has its own subject,
    ``relayed`` holds the sources ``_find_cues`` parsed for relay cues."""
    s, e, label, form = cue
    sent_s, sent_e = sent
    first = form.split()[0]
    out: list[NounPhrase] = []
    if form == "according to":
        np_ = np_forward(text, e, sent_e, lex)
        return [np_] if np_ else []
    if form in ("from", "per"):
        np_ = (relayed or {}).get(s)
        return [np_] if np_ is not None else []
    if first == "quoted":
        return quoted_speakers(text, sent, s, e, lex)
    if form == "in":
        m = POLL_IN_RE.match(text, s)
        head = m.group(3).lower() if m else ""
        return [NounPhrase(m.start(2), m.end(2), "document", f"document:{head}:{m.group(2).lower()}", typed=True)] if m else []
    # only a participle takes a "by" agent: after an -ing cue "by" is the manner ("is claiming by tweet",
    # "are saying by the hundreds") and the subject speaks
    by = None if first.endswith("ing") else BY_AGENT_RE.match(text, e)
    if by and PASSIVE_AGENT_BEFORE_RE.search(text, max(sent_s, s - 24), s):
        return _agent(text, by.end(), sent_e, lex)
    before = text[sent_s:s].rstrip()
    if first.endswith("ing") and (before.endswith(",") or GERUND_WHILE_RE.search(before)):
        # "..., adding that": the source is the main clause's subject, found at its own cue;
        # with no cue of its own ("Khan began the war of words with an op-ed, calling Trump ..."),
        # the subject opening the sentence speaks
        if main_cue:
            return []
        head = sentence_subject(text, sent_s, s, lex, max_commas=1)
        opener = "" if head is None or before.endswith(",") else text[head.start : head.end].split()[0].lower()
        return [head] if head is not None and not NEW_SUBJECT_RE.search(text, head.end, s) and (
            opener not in SUBORDINATORS) else []
    inverted = inverted_speaker(text, s, e, sent_e, first, before, lex)
    if inverted is not None:
        return [inverted]
    borne = relative_quote_source(text, sent_s, s, e, lex)
    if borne is not None:
        return borne
    beside = _speaker_beside_act(text, sent_s, s, form, before, lex)
    if beside is not None:
        return beside
    if first.endswith("ing") and first not in FORMS["quoting"]:
        # "a study claiming that"; but "posted a message reading: ..." is the poster's
        np_ = np_before_gerund(text, sent_s, s, lex)
        # a document noun and a preposition within the last words (a cheap test before the token scan)
        near = _doc_pp_re(lex).search(text, max(sent_s, s - 100), s)
        doc_np = document_before_phrase(text, sent_s, s, lex) if near else None
        if doc_np is not None and (np_ is None or np_.start > doc_np.start):
            np_ = doc_np  # "a letter to colleagues saying", not "colleagues"; "a memo from Comey claiming" stays whole
        if np_ is not None:
            return [np_]
    if form != "manner":
        np_ = subject_before(text, sent_s, s, lex)
        rel = function_form(text[np_.start : np_.end]) if np_ is not None else ""
        if rel in RELATIVE:
            out.extend(relative_sources(text, sent_s, np_, rel, lex))
        elif np_ is not None:
            out.extend(with_coordinated(text, sent_s, np_, lex))
        else:
            head = first_verb_subject(text, sent_s, s, lex)
            out.extend([head] if head is not None else [])
    return out


def _speaker_beside_act(text: str, sent_s: int, s: int, form: str, before: str, lex: Lexicon) -> list[NounPhrase] | None:
    """The speaker of a colon after an act of speaking or of a gerund cue after "for"; None when neither applies."""
    if form == ":" and _ACT_BEFORE_COLON_RE.search(text, max(sent_s, s - 30), s):
        # "Trump leaned in and boomed: “...”": the act's subject speaks, not the act
        head = sentence_subject(text, sent_s, s, lex, max_commas=1)
        return [head] if head is not None else []
    if not (form.split()[0].endswith("ing") and before.endswith(" for")):
        return None
    # "attacked Trump for saying": the object speaks; "was criticized for saying": the subject does
    np_ = object_before_for(text, sent_s, sent_s + len(before) - 4, lex)
    if np_ is not None:
        return [np_]
    # only a participle before "for" leaves the subject as the speaker ("is looking for something saying")
    head = sentence_subject(text, sent_s, s, lex) if before[:-4].endswith("ed") else None
    return [head] if head is not None else []


def _agent(text: str, pos: int, sent_e: int, lex: Lexicon) -> list[NounPhrase]:
    """The agent after a passive cue's "by" ("was noted by Senator X"); a date there is a deadline ("by Friday")."""
    agent = np_forward(text, pos, sent_e, lex)
    if agent is None or text[agent.start : agent.end].split()[0].lower() in TIME_WORDS:
        return []
    return [agent] if agent.proper or agent.typed or agent.pronoun else []


def extract_sourcing(doc: Doc) -> Extraction:
    """Attribution cues, their sources and quotations, with sourcing-density features."""
    lex = lexicon()
    text = doc.text
    spans: list[Span] = []
    cues, relayed = _find_cues(doc, lex) if doc.sentences else ([], {})
    history: list[NounPhrase] = []
    keys: dict[str, set[str]] = {k: set() for k in SOURCE_LABELS}
    n_sourcing = n_stance = 0
    cue_sents: set[int] = set()
    seen_src: set[tuple[int, int]] = set()
    contents: list[tuple[int, int]] = []
    prev_si = -1
    for cue in cues:
        s, e, label, _ = cue
        # a cue inside paraphrase is still the article's attribution; direct-quote cues were dropped
        voice = "quoted" if _in_direct(doc, s, e) else "author"
        si = doc.sentence_index(s)
        sent = doc.sentences[si]
        sourcing = label not in (STANCE, BELIEF)
        cue_added = voice == "author" and si not in cue_sents
        if voice == "author":
            cue_sents.add(si)
            if sourcing:
                n_sourcing += 1
            else:
                n_stance += 1
        if _reports_nothing(text, sent[0], cue):
            continue
        if label == BELIEF and not THAT_RE.match(text, e):
            continue  # a belief reports only as "X believes that ...": no source to look for
        found = _sources_for_cue(text, sent, cue, lex, main_cue=prev_si == si, relayed=relayed)
        if not found and cue[3] in INFERENCE_GERUNDS and text[sent[0] : s].rstrip().endswith(","):
            continue  # "Trump was badly defeated on Saturday, suggesting that ...": the facts suggest, no one says
        if label == BELIEF and not found:
            continue
        if voice == "author" and _writer_now(doc, cue, found):
            # the writer's own voice now ("I would argue that ..."): no attribution, no source, no paraphrase
            n_sourcing, n_stance = n_sourcing - sourcing, n_stance - (not sourcing)
            if cue_added:
                cue_sents.discard(si)
            continue
        if voice == "quoted":
            # a report inside a quotation is the speaker's: evidence with its subject, never a feature
            found = [np_ for np_ in found if _speaks_in_quote(text, np_, cue)]
            if not found and not _passive_report(text, s, e):
                continue
        elif found:
            prev_si = si
        spans.append(Span(s, e, "attribution", label, voice))
        # what follows a passive ("Hours before the armistice was announced, airstrikes ...")
        # is the next clause, not what was announced
        if voice == "author" and cue[3] not in ("manner", "in") and label != BELIEF and not PASSIVE_BEFORE_RE.search(text, max(0, s - 12), s):
            content = content_for_cue(text, sent, cue, found)
            if content is not None:
                contents.append(content)
        for np_ in found:
            np_ = resolve_pronoun(np_, history)
            if not np_.pronoun and voice == "author":
                history.append(np_)
            if (np_.start, np_.end) in seen_src or np_.end <= np_.start:
                continue
            seen_src.add((np_.start, np_.end))
            # a source speaks in the voice of its cue (text.py may mark "told Arab News." as paraphrase)
            # the guideline labels the span by its form (the features count the antecedent's label);
            # a pronoun standing for an unnamed source keeps saying so to the reader
            spans.append(Span(np_.start, np_.end, "source", _span_label(np_), voice))
            mm = MANNER_RE.match(text, np_.end) if np_.start >= e else None
            if mm:
                # "..., said the ministry in a written statement": the manner phrase is a cue too
                ms = mm.start() + len(mm.group()) - len(mm.group().lstrip())
                spans.append(Span(ms, mm.end(), "attribution", MANNER_LABEL.get(mm.group(1).lower(), "statement"), voice))
            if sourcing and voice == "author":
                keys[np_.label].add(np_.key)
    quotes, direct_words, quoted_sents = quote_spans(doc, contents)
    spans = spans + quotes
    spans = [sp for sp in spans if sp.kind != "quote"] + one_span_per_quote(text, spans)
    return Extraction(_features(doc, keys, n_sourcing, n_stance, direct_words, cue_sents, quoted_sents), spans)


def _writer_now(doc: Doc, cue: tuple[int, int, str, str], found: list[NounPhrase]) -> bool:
    """The writer, outside any quotation, as the only source of a cue of their own act now ("I would argue")."""
    s, e = cue[0], cue[1]
    return (bool(found) and all(np_.pronoun in ("i", "we") for np_ in found) and doc.region_at(s, e) is None
            and writer_speaking_now(doc.text, max(np_.end for np_ in found), s, e))


def _span_label(np_: NounPhrase) -> str:
    """A source span's label: its kind, or ``pronoun`` (``anonymous pronoun``) for a pronoun."""
    if not np_.pronoun:
        return np_.label
    return "anonymous pronoun" if np_.label == "anonymous" else "pronoun"


def _reports_nothing(text: str, sent_s: int, cue: tuple[int, int, str, str]) -> bool:
    """A negated cue: "Turkey has not revealed that ...", "did not mention the debt"."""
    s = cue[0]
    before = text[max(sent_s, s - 60) : s]
    # plain tests first, each implied by its pattern's match: a negation's last letter before the spaces up to the
    # cue, and the "nor" of "neither ... nor" (no other character matches n, o or r case-insensitively); about
    # half of the cues pass the first, few the second
    if before.rstrip()[-1:] in NEGATED_LAST_LETTERS and NEGATED_RE.search(before):
        return True
    lo = max(sent_s, s - 120)
    return "nor" in text[lo:s].lower() and NEITHER_RE.search(text, lo, s) is not None


def _features(
    doc: Doc,
    keys: dict[str, set[str]],
    n_sourcing: int,
    n_stance: int,
    direct_words: int,
    cue_sents: set[int],
    quoted_sents: set[int],
) -> dict[str, float]:
    words = doc.n_words
    named, anon = len(keys["named"]), len(keys["anonymous"])
    media, docs = len(keys["media"]), len(keys["document"])
    distinct = named + anon + media + docs
    n_sent = len(doc.sentences)
    attributed = len(cue_sents | quoted_sents)
    claims = unattributed = 0
    for i, (a, b) in enumerate(doc.sentences):
        if i in cue_sents or i in quoted_sents:
            if doc.words_in(a, b) >= 6 and not doc.text[a:b].rstrip("”\"’' ").endswith("?"):
                claims += 1
            continue
        if doc.words_in(a, b) < 6 or doc.text[a:b].rstrip("”\"’' ").endswith("?"):
            continue
        claims += 1
        unattributed += 1
    return {
        "attributions_per_100_words": per_100(n_sourcing, words),
        "stance_attributions_per_100_words": per_100(n_stance, words),
        "distinct_sources": float(distinct),
        "named_sources": float(named),
        "anonymous_sources": float(anon),
        "media_sources": float(media),
        "document_sources": float(docs),
        "named_source_share": safe_div(named, named + anon),
        "media_source_share": safe_div(media, distinct),
        "quoted_word_share": safe_div(direct_words, words),
        "attributed_sentence_share": safe_div(attributed, n_sent),
        "unattributed_claim_share": safe_div(unattributed, claims),
    }


class SourcingFeatures(ArticleTransformer):
    """Sourcing-density features (see ``SOURCING_FEATURES``) for article texts."""

    feature_names = SOURCING_FEATURES

    def _features(self, text: str) -> dict[str, float]:
        doc, _ = clean_doc(text)
        return extract_sourcing(doc).features
