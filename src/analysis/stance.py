"""Stance cues and attribution: who says what about whom, and how strongly the outlet commits to it.

Discourse analysts ask of every news text whose voices are heard (reported *statements* and their
speakers), how strongly each claim is committed to (reporting-verb commitment, hedges, boosters), and
which words are kept at a distance (scare quotes, evaluative lexis, naming choices). The cue lexicon is a
reviewed data file (``lexicons/stance.yaml``, format at its top; scheme in ``docs/stance.md``).

How it runs, per document, on normalized text (offsets mapped back to raw at the end):

1. one Aho-Corasick pass finds every lexicon form (inflections and clitics generated from the YAML), on a
   copy of the text where every non-word character is a space, so keys carry their word boundaries;
2. each reporting verb looks right for its complement (إن/أن, a quote, a colon) within the sentence: the
   words in between are the speaker (VSO); none, and an unprefixed verb takes the clause's preceding
   noun phrase (SVO); none again, and it continues the previous statement's speaker;
3. the speaker span gets its actor in ``analysis.speakers`` (speaker classes, mentions, names introduced
   with a role, institution anaphors, nisbas); an indirect clause with the speaker's quoted words is
   ``mixed``, its fragments kept in ``quoted_spans``;
4. quotations are names, speech, or scare quotes; cues take the voice of the statement they sit in.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import ahocorasick
import numpy as np

from . import config, speakers
from .lexicon.loading import compiled
from .lexicon.models import AccordingTo, StanceLexiconModel
from .lexicon.source import LexiconSource
from .normalize import Normalized, NormalizeConfig, normalize, normalize_text
from .segment import TOKEN_RE, Segmentation, segment

log = logging.getLogger(__name__)

__all__ = [
    "Cue", "Statement", "StanceLexicon", "load_lexicon", "find_cues", "find_statements", "analyze_text",
    "ROW_TABLES", "ANALYZER",
    "CATEGORIES", "OUTLET", "UNKNOWN", "DEFAULT_LEXICON",
]

OUTLET = "OUTLET"
UNKNOWN = "UNKNOWN"
CATEGORIES = ("reporting_verb", "hedge", "booster", "evaluative", "scare_quote", "naming")
COMMITMENTS = ("neutral", "assertive", "evaluative", "distancing")
DEFAULT_LEXICON = config.LEXICON_DIR / "stance.yaml"
QuoteType = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True)
class Statement:
    """One reported statement: content span (raw), speaker, reporting verb, direct, indirect or mixed.

    ``mixed``: an indirect (إن/أن) clause holding the speaker's own words in quotation marks;
    ``quoted_spans`` are those words (raw offsets, marks excluded), empty for other statements.
    """

    start: int
    end: int
    speaker_actor: str
    speaker_start: int | None
    speaker_end: int | None
    verb: str
    quote_type: QuoteType
    targets: tuple[str, ...]
    sentence_id: int
    commitment: str = ""
    n_words: int = 0
    quoted_spans: tuple[tuple[int, int], ...] = ()
    norm_start: int = field(default=0, repr=False, compare=False)
    norm_end: int = field(default=0, repr=False, compare=False)


@dataclass(frozen=True)
class Cue:
    """One stance cue (raw span) and the voice it is in."""

    start: int
    end: int
    surface: str
    category: str
    subtype: str
    speaker_actor: str
    sentence_id: int


# ---------------------------------------------------------------------------------------------------------
# The lexicon
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Entry:
    category: str  # reporting_verb | hedge | booster | evaluative
    subtype: str  # commitment for verbs
    lemma: str
    form: str = ""  # finite | participle | impersonal | "" (not a verb)
    preposition: str = ""
    source: str = ""


@dataclass(frozen=True)
class _According:
    """Attribution without a reporting verb (بحسب المرصد): markers and what makes the next phrase a source."""

    marker_re: re.Pattern[str]
    markers: dict[str, tuple[str, bool]]  # normalized marker -> (particle, fused ما)
    ma: str
    source_heads: tuple[tuple[str, ...], ...]
    pronoun_sources: frozenset[str]
    source_stop: frozenset[str]
    max_source_tokens: int
    entry: _Entry


@dataclass
class StanceLexicon:
    """The compiled lexicon: one automaton over every generated form, plus the attribution word lists."""

    automaton: Any
    entries: list[_Entry]
    settings: dict[str, int]
    qad: dict[str, Any]
    complementizer_re: re.Pattern[str]
    opener_re: re.Pattern[str]
    boundary_re: re.Pattern[str]  # clause openers only (no punctuation): a speaker span never crosses one
    outlet_voice: frozenset[str]
    colon_stop: frozenset[str]
    colon_max_speaker: int
    colon_min_content: int
    direct_markers: frozenset[str]
    quote_pairs: dict[str, str]
    name_heads: frozenset[str]
    name_triggers: frozenset[str]
    noun_proclitics: tuple[str, ...]
    naming: dict[str, list[tuple[str, tuple[str, ...]]]]  # actor -> [(variant, normalized forms)]
    n_keys: int = 0
    subordinators: frozenset[str] = frozenset()  # بعد أن: an adverbial أن, not a complement
    channel_preps: frozenset[str] = frozenset()  # في بيان, عبر حسابه: a channel, not the speaker
    channel_nouns: frozenset[str] = frozenset()
    addressees: frozenset[str] = frozenset()  # لرويترز, للجزيرة: an addressee, not the speaker
    speech_nouns: frozenset[str] = frozenset()  # عن مسؤول قوله إن: trimmed from the speaker span
    governing_preps: frozenset[str] = frozenset()  # عن "…" / في "…": a quotation that is an object, not speech
    according: _According | None = None


def _forms(stem: str, paradigm: dict[str, Any], article: str) -> set[tuple[str, bool]]:
    """(form, definite) pairs of one stem through one paradigm (prefixes x stem x suffixes [x article])."""
    out = set()
    for pre in paradigm.get("prefixes", [""]) or [""]:
        for suf in paradigm.get("suffixes", [""]) or [""]:
            out.add((f"{pre}{stem}{suf}", False))
            if paradigm.get("article") and not pre and suf in ("", "ة", "ات", "ون", "ين", "ان", "تان", "تين"):
                out.add((f"{article}{pre}{stem}{suf}", True))
    return out


def load_lexicon(path: str | Path | None = None, *, normalization: NormalizeConfig | None = None) -> StanceLexicon:
    """Read, validate and compile the stance lexicon (default: the packaged ``lexicons/stance.yaml``).

    The file is checked against :class:`analysis.lexicon.models.StanceLexiconModel` first (unknown keys,
    wrong types, misspelt categories and commitments are a ConfigurationError naming the file and the
    line); the compiled lexicon is cached by the SHA-256 of the file's bytes.
    """
    cfg = normalization or NormalizeConfig()
    return compiled("stance", path if path is not None else DEFAULT_LEXICON, _compile, cfg)


def _compile(model: StanceLexiconModel, source: LexiconSource, cfg: NormalizeConfig) -> StanceLexicon:
    """The compiled lexicon from the validated model (its defaults are those documented in the YAML)."""

    def n(s: Any) -> str:
        return " ".join(normalize_text(str(s), cfg).split())

    morph = model.morphology
    verb_procl = tuple(n(p) for p in morph.proclitics.verb)
    noun_procl = tuple(n(p) for p in morph.proclitics.noun)
    article = n(morph.article)
    normed_paradigms = {
        name: {"prefixes": [n(x) for x in p.prefixes], "suffixes": [n(x) for x in p.suffixes], "article": p.article}
        for name, p in morph.paradigms.items()
    }

    entries: list[_Entry] = []
    keys: dict[str, tuple[list[int], int, int]] = {}

    def add(body: str, entry_idx: int, proclitics: Sequence[str], definite: bool) -> None:
        for pro in proclitics:
            b = body
            if definite and pro.endswith("ل") and b.startswith(article):
                b = b[len(article) - 1 :]  # ل + ال -> لل: the alef of the article is not written
            key = f" {pro}{b} "
            refs = keys.setdefault(key, ([], len(pro), len(b)))[0]
            if entry_idx not in refs:
                refs.append(entry_idx)

    for i, verb in enumerate(model.reporting_verbs):
        impersonal = {n(x) for x in verb.impersonal}
        common = dict(category="reporting_verb", subtype=verb.commitment, lemma=n(verb.lemma),
                      preposition=n(verb.preposition), source=n(verb.source))
        idx = {}
        for form in ("finite", "participle", "impersonal"):
            idx[form] = len(entries)
            entries.append(_Entry(form=form, **common))
        for kind in ("perfect", "imperfect", "participle"):
            if kind not in normed_paradigms:
                raise source.error(("morphology", "paradigms"), f"morphology.paradigms lacks {kind!r} (reporting verbs "
                                                                "need perfect, imperfect and participle)")
            for stem in getattr(verb, kind):
                for form, _ in _forms(n(stem), normed_paradigms[kind], article):
                    which = "participle" if kind == "participle" else "impersonal" if form in impersonal else "finite"
                    add(form, idx[which], verb_procl, False)
        for form in impersonal:
            add(form, idx["impersonal"], verb_procl, False)

    for i, cue in enumerate(model.cues):
        if cue.surface is None and cue.stem is None:
            raise source.error(("cues", i), "a cue needs a surface or a stem")
        idx = len(entries)
        entries.append(_Entry(category=cue.category, subtype=cue.subtype, lemma=n(cue.surface or cue.stem or "")))
        if cue.surface is not None:
            add(n(cue.surface), idx, noun_procl, False)
        name = cue.paradigm or "noun"
        if cue.stem is not None:
            if name not in normed_paradigms:
                raise source.error(("cues", i, "paradigm"), f"unknown paradigm {name!r}; declared in "
                                                            f"morphology.paradigms: {', '.join(normed_paradigms)}")
            for form, definite in _forms(n(cue.stem), normed_paradigms[name], article):
                add(form, idx, noun_procl, definite)
        for form in cue.forms:  # irregular forms (broken plurals) take the same suffixes
            for generated, definite in _forms(n(form), normed_paradigms[name] if cue.stem is not None else {"article": True}, article):
                add(generated, idx, noun_procl, definite)

    automaton = ahocorasick.Automaton()
    for key, (refs, pl, bl) in keys.items():
        automaton.add_word(key, (tuple(refs), pl, bl))
    automaton.make_automaton()

    attr = model.attribution
    comps = "|".join(sorted({n(c) for c in attr.complementizers}, key=len, reverse=True))
    sufs = "|".join(sorted({n(s) for s in attr.complementizer_suffixes if s}, key=len, reverse=True))
    complementizer_re = re.compile(rf"(?<!\w)(?:ب|و)?(?P<c>(?:{comps})(?:{sufs})?)(?!\w)")
    openers = sorted({n(o) for o in attr.clause_openers}, key=len, reverse=True)
    opener_re = re.compile(
        r"[،,;؛:]|(?<!\w)(?:" + "|".join(re.escape(o) for o in openers + [comps]) + rf")(?:{sufs})?(?!\w)"
    )
    boundary_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(o) for o in openers) + r")(?!\w)")
    quotes = model.quotes
    pairs: dict[str, str] = {}
    for open_mark, close_mark in quotes.pairs:
        pairs.setdefault(open_mark, close_mark)
    naming = {str(actor): [(v.variant, tuple(n(f) for f in v.forms)) for v in variants]
              for actor, variants in model.naming.items()}
    qad = model.qad_hedge
    suffixes = [n(x) for x in attr.channel_suffixes] or [""]
    channel_nouns = frozenset(f"{n(w)}{x}" for w in attr.channel_nouns for x in suffixes)
    according = _load_according(model.according_to, n)
    settings = {"max_speaker_tokens": 16, "max_scare_quote_words": 4, "continuation_paragraphs": 2,
                "speech_after_complement_words": 0, **model.settings}
    return StanceLexicon(
        automaton=automaton,
        entries=entries,
        settings={k: int(v) for k, v in settings.items()},
        qad={
            "particle": n(qad.particle),
            "prefixes": tuple(n(p) for p in qad.imperfect_prefixes),
            "exceptions": frozenset(n(x) for x in qad.perfect_exceptions),
            "category": qad.category,
            "subtype": qad.subtype,
        },
        complementizer_re=complementizer_re,
        opener_re=opener_re,
        boundary_re=boundary_re,
        outlet_voice=frozenset(n(x) for x in attr.outlet_voice),
        colon_stop=frozenset(n(x) for x in attr.colon_labels_not_speakers),
        colon_max_speaker=attr.colon_max_speaker_tokens,
        colon_min_content=attr.colon_min_content_tokens,
        direct_markers=frozenset(n(x) for x in attr.direct_markers),
        quote_pairs=pairs,
        name_heads=frozenset(n(x) for x in quotes.name_heads),
        name_triggers=frozenset(n(x) for x in quotes.name_triggers),
        noun_proclitics=tuple(sorted((p for p in noun_procl if p), key=len, reverse=True)),
        naming=naming,
        n_keys=len(keys),
        subordinators=frozenset(n(x) for x in attr.subordinators),
        channel_preps=frozenset(n(x) for x in attr.channel_prepositions),
        channel_nouns=channel_nouns,
        addressees=frozenset(n(x).split()[0] for x in attr.addressee_nouns),
        speech_nouns=frozenset(n(x) for x in attr.speech_nouns),
        governing_preps=frozenset(n(x) for x in quotes.governing_prepositions),
        according=according,
    )


def _load_according(section: AccordingTo | None, n: Any) -> _According | None:
    """The ``according_to`` section: None when absent (a user lexicon without it has no such statements)."""
    if section is None:
        return None
    markers: dict[str, tuple[str, bool]] = {n(item.form): (n(item.particle), item.ma) for item in section.markers}
    alternatives = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    return _According(
        marker_re=re.compile(rf"(?<!\w)[وف]?(?P<m>{alternatives})(?!\w)"),
        markers=markers,
        ma=n(section.ma),
        source_heads=tuple(tuple(n(h).split()) for h in section.source_heads),
        pronoun_sources=frozenset(n(x) for x in section.pronoun_sources),
        source_stop=frozenset(n(x) for x in section.source_stop),
        max_source_tokens=section.max_source_tokens,
        entry=_Entry(category="reporting_verb", subtype=section.commitment, lemma="according_to", form="according_to"),
    )


# ---------------------------------------------------------------------------------------------------------
# One document
# ---------------------------------------------------------------------------------------------------------

_NONWORD = re.compile(r"[^\w]|_")
_WORD = re.compile(r"\w+")
_TRIM = " \t\n\r\u00a0،,.;؛:!؟?-–—()[]"


@dataclass
class _Hit:
    start: int  # normalized, body (proclitics excluded)
    end: int
    word_start: int  # with proclitics
    entries: tuple[int, ...]


@dataclass
class _Mention:
    """What stance needs from an actor mention (normalized offsets)."""

    start: int
    end: int
    actor: str
    kind: str
    alias: str
    raw_start: int
    raw_end: int


class _Doc:
    """One document on its way through stance: normalized text, sentences, mentions, lexicon hits."""

    def __init__(self, text: str, norm: Normalized, seg: Segmentation, mentions: Iterable[Any], lex: StanceLexicon,
                 rules: speakers.SpeakerRules | None = None):
        self.raw, self.norm, self.seg, self.lex = text, norm, seg, lex
        self.rules = rules if rules is not None else speakers.SpeakerRules()
        self.t = norm.text
        bounds = np.searchsorted(norm.starts, np.array([(s.start, s.end) for s in seg.sentences], dtype=np.int64).reshape(-1, 2))
        self.sent_starts = bounds[:, 0].tolist()
        self.sent_ends = bounds[:, 1].tolist()
        self.para_of_sent = [s.paragraph_id for s in seg.sentences]
        self.sid = [s.sentence_id for s in seg.sentences]
        mentions = list(mentions)
        ends = np.searchsorted(norm.starts, np.array([[m.start, m.end] for m in mentions], dtype=np.int64).reshape(-1, 2)).tolist()
        self.mentions = sorted(
            (_Mention(ns, ne, str(m.actor), str(getattr(m, "kind", "")), str(getattr(m, "alias", "")), m.start, m.end)
             for m, (ns, ne) in zip(mentions, ends)),
            key=lambda m: (m.start, m.end),
        )
        self.mention_starts = [m.start for m in self.mentions]
        self.hits = self._lexicon_hits()
        self.quotes = list(_quotations(self))
        self.quote_opens = [o for o, _ in self.quotes]
        paired = {o for o, _ in self.quotes} | {c for _, c in self.quotes}
        marks = set(lex.quote_pairs) | set(lex.quote_pairs.values())
        self.unpaired = [i for i, ch in enumerate(self.t) if ch in marks and i not in paired]  # a quote left open
        self.name_quotes = {o for o, c in self.quotes if _is_name_quote(self, o, c)}
        self.announcements: list[_Frame] = []  # subjects of reporting verbs without complement (see _frames)

    # --- lexicon pass -----------------------------------------------------------------------------------
    def _lexicon_hits(self) -> list[_Hit]:
        padded = " " + _NONWORD.sub(" ", self.t) + " "
        raw_hits = []
        for end_idx, (refs, pl, bl) in self.lex.automaton.iter(padded):
            word_start = end_idx - (pl + bl + 2) + 1  # index in padded of the leading space == normalized index of the word
            raw_hits.append((word_start, -(pl + bl), pl, bl, refs))
        raw_hits.sort()
        out: list[_Hit] = []
        last_end = -1
        for ws, _, pl, bl, refs in raw_hits:  # longest match at each position, no overlaps
            if ws < last_end:
                continue
            out.append(_Hit(ws + pl, ws + pl + bl, ws, refs))
            last_end = ws + pl + bl
        return out

    # --- helpers ----------------------------------------------------------------------------------------
    def sentence_index(self, pos: int) -> int:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return max(i, 0)

    def raw_span(self, s: int, e: int) -> tuple[int, int]:
        return self.norm.raw_span(s, e)

    def trim(self, s: int, e: int) -> tuple[int, int]:
        while s < e and self.t[s] in _TRIM:
            s += 1
        while e > s and self.t[e - 1] in _TRIM:
            e -= 1
        return s, e

    def mentions_in(self, s: int, e: int) -> list[_Mention]:
        i = bisect.bisect_left(self.mention_starts, s)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < e:
            if self.mentions[i].end <= e:
                out.append(self.mentions[i])
            i += 1
        return out

    def strip_proclitic(self, word: str, keep: frozenset[str]) -> str:
        if word in keep:
            return word
        for p in self.lex.noun_proclitics:
            if word.startswith(p) and word[len(p):] in keep:
                return word[len(p):]
        return word

    def speaker_actor(self, s: int, e: int) -> str:
        """OUTLET for the outlet's reporters; else the actor of a person mention, else of the first mention."""
        words = _WORD.findall(self.t, s, e)
        if any(self.strip_proclitic(w, self.lex.outlet_voice) in self.lex.outlet_voice for w in words[:3]):
            return OUTLET
        found = self.mentions_in(s, e)
        if not found:
            return UNKNOWN
        people = [m for m in found if m.kind == "person"]
        return (people or found)[0].actor


@dataclass
class _Frame:
    verb_start: int  # normalized, body
    verb_end: int
    frame_start: int  # where the frame begins (clause opener, subject, or the verb)
    content_start: int
    content_end: int  # provisional: sentence end or closing quote
    closed: bool  # content end fixed (a quotation), not cut at the next frame
    quote_type: QuoteType
    entry: _Entry | None
    speaker: tuple[int, int] | None  # normalized span
    speaker_kind: Literal["span", "continuation", "impersonal"]
    sent: int
    attribution: tuple[int, int] | None = None  # verb/marker to complement (speaker, channel): no scare quotes here


def _frames(doc: _Doc) -> list[_Frame]:
    """Reporting frames: each reporting verb with a complement, and colon attributions at line starts.

    Reporting verbs without a complement (أعلن البنتاغون مقتل قيادي: an act announced, not speech reported)
    make no frame; when an actor mention is their subject they are kept in ``doc.announcements`` so that a
    following subjectless ``وقال في بيان إن`` continues that speaker.
    """
    lex, t = doc.lex, doc.t
    max_tok = lex.settings["max_speaker_tokens"]
    verb_hits = [h for h in doc.hits if lex.entries[h.entries[0]].category == "reporting_verb"]
    verb_starts = [h.word_start for h in verb_hits]
    frames: list[_Frame] = []
    silent: list[_Frame] = []
    for k, h in enumerate(verb_hits):
        entry = lex.entries[h.entries[0]]
        si = doc.sentence_index(h.start)
        s_end = doc.sent_ends[si]
        nxt = verb_starts[k + 1] if k + 1 < len(verb_starts) else len(t)
        frame = _frame_for(doc, h, entry, si, min(s_end, len(t)), nxt, max_tok)
        if frame is not None:
            frames.append(frame)
        else:
            announced = _announcement(doc, h, entry, si, max_tok)
            if announced is not None:
                silent.append(announced)
    frames.extend(_colon_frames(doc))
    frames.extend(_according_frames(doc, frames, verb_hits))
    frames.sort(key=lambda f: f.verb_start)
    doc.announcements = [
        a for a in silent
        if not any(f.sent == a.sent and f.content_start <= a.verb_start < (f.content_end if f.closed else doc.sent_ends[f.sent])
                   for f in frames)  # a verb inside reported speech is the speaker's, not a new subject
    ]
    return frames


def _announcement(doc: _Doc, h: _Hit, entry: _Entry, si: int, max_tok: int) -> _Frame | None:
    """A reporting verb without complement whose subject is an actor mention: VSO (the mention right after
    the verb) or SVO (an unprefixed verb after the clause's noun phrase). Not a statement."""
    if entry.form != "finite":
        return None
    t = doc.t
    j = h.end
    while j < len(t) and t[j] in " \"«“":
        j += 1
    k = bisect.bisect_left(doc.mention_starts, j)
    if k < len(doc.mentions) and doc.mentions[k].start == j:
        m = doc.mentions[k]
        return _Frame(h.start, h.end, h.word_start, h.end, h.end, True, "indirect", entry, (m.start, m.end), "span", si)
    if h.word_start == h.start:
        clause_s = _clause_start(doc, h.word_start, doc.sent_starts[si])
        before = _unquote(doc, *doc.trim(clause_s, h.word_start))
        if before[0] < before[1] and len(_WORD.findall(t, *before)) <= max_tok and doc.mentions_in(*before):
            return _Frame(h.start, h.end, h.word_start, h.end, h.end, True, "indirect", entry, before, "span", si)
    return None


def _frame_for(doc: _Doc, h: _Hit, entry: _Entry, si: int, s_end: int, next_verb: int, max_tok: int) -> _Frame | None:
    lex, t = doc.lex, doc.t
    limit = min(s_end, next_verb)
    # the complement: إن/أن, a quotation mark, a colon or قائلا, whichever comes first
    comp = None
    for m in lex.complementizer_re.finditer(t, h.end, limit):
        if not _subordinated(doc, m.start()):
            comp = m  # not بعد أن / دون أن ...: an adverbial clause is no reported content
            break
    colon = _first_of(t, (":",), h.end, limit)
    quote_at = colon
    for o, c in doc.quotes[bisect.bisect_left(doc.quote_opens, h.end):]:  # quotations opening after the verb
        if o >= limit:
            break
        if o < h.end or o in doc.name_quotes or _governed_quote(doc, o, entry):
            continue
        if _short_quote(doc, o, c) and ((comp is not None and comp.start() > c) or (colon is not None and colon > c)):
            continue  # a short quotation before the complement is part of the speaker (عبر حسابه في "تويتر"، إن)
        quote_at = o if quote_at is None else min(quote_at, o)
        break
    marker = _marker_re(lex.direct_markers).search(t, h.end, limit)  # the first word that is قائلا, قائلة ...
    candidates = []
    if comp is not None:
        candidates.append((comp.start(), "comp"))
    if quote_at is not None:
        candidates.append((quote_at, "quote"))
    if marker is not None:
        candidates.append((marker.start(), "marker"))
    if not candidates:
        k = bisect.bisect_left(doc.unpaired, h.end)
        if k < len(doc.unpaired) and doc.unpaired[k] < limit and t[doc.unpaired[k]] in lex.quote_pairs:
            candidates.append((doc.unpaired[k], "open"))  # وأضاف "... : a quotation never closed runs to the sentence end
    if not candidates:
        return _postposed(doc, h, entry, si, s_end)
    pos, kind = min(candidates)
    gap_s, gap_e = doc.trim(h.end, pos)
    gap_words = _WORD.findall(t, gap_s, gap_e)
    if len(gap_words) > max_tok or lex.boundary_re.search(t, gap_s, gap_e):
        return None  # a subject never spans a new clause (فيما, لكن, في حين ...)
    if entry.preposition and gap_words and gap_words[0].startswith(entry.preposition) and gap_words[0] != entry.preposition \
            and len(gap_words[0]) <= len(entry.preposition) + 2:
        return None  # ما خلص إليه الفريق: the preposition's pronoun is a relative clause's object, not a complement
    if entry.preposition and gap_words and gap_words[-1] == entry.preposition:
        gap_e = doc.trim(gap_s, gap_e - len(entry.preposition))[1]
        gap_words = gap_words[:-1]
    if entry.source:
        src = re.search(rf"(?<!\w){re.escape(entry.source)}(?!\w)", t[gap_s:gap_e])
        if src is not None:
            gap_s = doc.trim(gap_s + src.end(), gap_e)[0]
    if kind == "marker":
        gap_e = doc.trim(gap_s, marker.start())[1]
        after = _first_of(t, tuple(lex.quote_pairs) + (":",), marker.end(), s_end)
        pos, kind = (after, "quote") if after is not None else (marker.end(), "colon_rest")
    gap_s, gap_e = _speaker_span(doc, gap_s, gap_e)
    if doc.rules.no_subject(_WORD.findall(t, gap_s, gap_e)):
        gap_s = gap_e  # قال، الأربعاء، إن / قال في أنقرة قبيل ... إن: a circumstantial, the subject is elsewhere
    if kind == "comp":
        content_start, content_end, closed, qtype = comp.start("c"), s_end, False, "indirect"
    elif kind == "open":
        content_start, content_end = doc.trim(pos + 1, s_end)
        closed, qtype = False, "direct"
    else:
        content_start, content_end, closed = _quoted_content(doc, pos, s_end)
        qtype = "direct"
    if content_start >= content_end:
        return None
    # the speaker
    if entry.form == "impersonal" and gap_s >= gap_e:
        speaker, speaker_kind = None, "impersonal"
    elif gap_s < gap_e:
        speaker, speaker_kind = (gap_s, gap_e), "span"
    else:
        speaker, speaker_kind = None, "continuation"
    frame_start = h.word_start
    clause_s = _clause_start(doc, h.word_start, doc.sent_starts[si])
    before = doc.trim(clause_s, h.word_start)
    if speaker_kind == "continuation" and entry.form == "finite" and h.word_start == h.start and before[0] < before[1]:
        before_words = _WORD.findall(t, *before)
        if len(before_words) <= max_tok and not _holds_speech(doc, *before) and not doc.rules.particles_only(before_words):
            # SVO: the clause's noun phrase before an unprefixed verb ("قسد" تعلن أن ...)
            speaker, speaker_kind = _unquote(doc, *before), "span"
            frame_start = _opener_before(doc, before[0], clause_s)
    if frame_start == h.word_start:
        frame_start = _opener_before(doc, h.word_start, clause_s)
    attribution = (h.end, pos) if pos > h.end else None
    return _Frame(h.start, h.end, frame_start, content_start, content_end, closed, qtype, entry, speaker, speaker_kind, si,
                  attribution)


def _holds_speech(doc: _Doc, s: int, e: int) -> bool:
    """Does s..e open a quotation that is not a name (وأوضحت "أقوم بذلك لأنني اعتبر): then it is speech, no subject."""
    t = doc.t
    closes = {c for o, c in doc.quotes if s <= c < e}
    for i in range(s, e):
        if t[i] in doc.lex.quote_pairs and i not in closes:
            k = bisect.bisect_left(doc.quote_opens, i)
            if not (k < len(doc.quote_opens) and doc.quote_opens[k] == i and (i in doc.name_quotes or doc.quotes[k][1] < e)):
                return True
    return False


@functools.lru_cache(maxsize=8)
def _marker_re(markers: frozenset[str]) -> re.Pattern[str]:
    """One search for the first whole word that is a direct-speech marker (a word is a maximal run of \\w)."""
    words = sorted((w for w in markers if re.fullmatch(r"\w+", w)), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _word_before(doc: _Doc, pos: int, back: int = 1) -> str:
    """The ``back``-th word before ``pos`` (within 60 characters), or ""."""
    words = list(_WORD.finditer(doc.t, max(0, pos - 60), pos))
    if len(words) < back:
        return ""
    return words[-back].group()


def _subordinated(doc: _Doc, pos: int) -> bool:
    """Is the أن/إن at ``pos`` introduced by a subordinator (بعد أن, دون أن, بالرغم من أن)?"""
    subs = doc.lex.subordinators
    if not subs:
        return False
    prev = _word_before(doc, pos)
    if doc.strip_proclitic(prev, subs) in subs:
        return True
    return prev == "من" and doc.strip_proclitic(_word_before(doc, pos, 2), subs | {"الرغم"}) in subs | {"الرغم"}


def _governed_quote(doc: _Doc, o: int, entry: _Entry) -> bool:
    """A quotation right after a preposition (أعلن عن "…", في "تويتر") is its object, not speech; after the
    verb's own preposition (شدد على "…", أشار إلى "…") it is the verb's complement, a partial quotation."""
    preps = doc.lex.governing_preps - {entry.preposition}
    if not preps:
        return False
    j = o
    while j > 0 and doc.t[j - 1] == " ":
        j -= 1
    m = re.search(r"(\w+)$", doc.t[max(0, j - 20) : j])
    return m is not None and m.group(1) in preps


def _short_quote(doc: _Doc, o: int, c: int) -> bool:
    """At most ``max_scare_quote_words`` words and no clause punctuation: a name or a term, not a speech."""
    s, e = doc.trim(o + 1, c)
    words = _WORD.findall(doc.t, s, e)
    return 0 < len(words) <= doc.lex.settings["max_scare_quote_words"] and not re.search(r"[،,.;؛:!؟?]", doc.t[s:e])


def _unquote(doc: _Doc, s: int, e: int) -> tuple[int, int]:
    """A span that is one quotation ("قسد") without its marks."""
    t = doc.t
    while e - s >= 2 and t[s] in doc.lex.quote_pairs and t[e - 1] == doc.lex.quote_pairs[t[s]] and \
            t.find(doc.lex.quote_pairs[t[s]], s + 1, e - 1) < 0:
        s, e = doc.trim(s + 1, e - 1)
    return s, e


def _channel_start(doc: _Doc, s: int, e: int) -> int:
    """Where a channel (في بيان, عبر حسابه) or an addressee (لرويترز, للجزيرة, لـ"عنب بلدي") starts in s..e."""
    lex, t = doc.lex, doc.t
    words = list(_WORD.finditer(t, s, e))
    for i, w in enumerate(words):
        word = w.group()
        nxt = words[i + 1].group() if i + 1 < len(words) else ""
        if word in lex.channel_preps and nxt in lex.channel_nouns:
            return w.start()
        if word.startswith("ل") and len(word) > 2:
            rest = {word[1:]} | ({"ال" + word[2:]} if word.startswith("لل") else set())
            if rest & lex.addressees:
                return w.start()
        if word == "ل" and i + 1 < len(words):
            named = [m for m in doc.mentions_in(words[i + 1].start(), e) if m.start == words[i + 1].start()]
            if not named:
                return w.start()  # a detached لـ + a name that is not an actor: the addressee
    return e


def _speaker_span(doc: _Doc, s: int, e: int) -> tuple[int, int]:
    """The speaker part of the words between a verb and its complement: no channel, addressee or قوله."""
    if s >= e:
        return s, e
    cut = _channel_start(doc, s, e)
    if cut < e:
        e = doc.trim(s, cut)[1]
    words = list(_WORD.finditer(doc.t, s, e))
    said = [w for w in words if w.group() in doc.lex.speech_nouns]
    if said:  # عن مسؤول قوله إن / عن ليبرمان قوله لشويغو إن: the speaker ends before "his saying"
        e = doc.trim(s, said[0].start())[1]
    if s >= e:
        return e, e
    return _unquote(doc, s, e)


def _first_of(t: str, chars: tuple[str, ...], start: int, end: int) -> int | None:
    best = None
    for ch in chars:
        i = t.find(ch, start, end)
        if i >= 0 and (best is None or i < best):
            best = i
    return best


def _quoted_content(doc: _Doc, pos: int, s_end: int) -> tuple[int, int, bool]:
    """Content after a quote mark or a colon at ``pos``: inside the quotation, or the rest of the sentence."""
    t = doc.t
    if t[pos] == ":":
        nxt = pos + 1
        while nxt < s_end and t[nxt] == " ":
            nxt += 1
        if nxt < s_end and t[nxt] in doc.lex.quote_pairs:
            pos = nxt
        else:
            s, e = doc.trim(pos + 1, s_end)
            return s, e, False
    close = doc.lex.quote_pairs.get(t[pos], t[pos])
    end = t.find(close, pos + 1, _paragraph_end(doc, pos))
    if end < 0:
        s, e = doc.trim(pos + 1, s_end)
        return s, e, False
    s, e = doc.trim(pos + 1, end)
    return s, e, True


def _paragraph_end(doc: _Doc, pos: int) -> int:
    nl = doc.t.find("\n", pos)
    return len(doc.t) if nl < 0 else nl


def _clause_start(doc: _Doc, pos: int, sent_start: int) -> int:
    """End of the last clause boundary (punctuation, opener, complementizer) before ``pos`` in the sentence."""
    lo = max(sent_start, pos - 400)
    last = lo
    for m in doc.lex.opener_re.finditer(doc.t, lo, pos):
        last = m.end()
    return last


def _opener_before(doc: _Doc, verb_word_start: int, clause_s: int) -> int:
    """Frame start: a clause opener right before the verb (في حين أكدت) belongs to the frame."""
    s, e = doc.trim(clause_s, verb_word_start)
    if s < e:
        return verb_word_start
    for m in doc.lex.opener_re.finditer(doc.t, max(0, clause_s - 30), clause_s):
        if m.end() == clause_s and not doc.t[m.start()] in "،,;؛:":
            return m.start()
    return verb_word_start


def _postposed(doc: _Doc, h: _Hit, entry: _Entry, si: int, s_end: int) -> _Frame | None:
    """``"...", قال فلان``: a quotation closing right before the verb is its content."""
    t = doc.t
    j = h.word_start
    while j > 0 and t[j - 1] in " ،,":
        j -= 1
    if j == 0 or t[j - 1] not in doc.lex.quote_pairs.values():
        return None
    close = t[j - 1]
    openers = [o for o, c in doc.lex.quote_pairs.items() if c == close]
    para_start = t.rfind("\n", 0, j - 1) + 1
    o = max(t.rfind(op, para_start, j - 1) for op in openers)
    if o < 0 or o in doc.name_quotes:
        return None  # "قسد" تعلن بدء ...: a quoted name before the verb is its subject, not speech
    cs, ce = doc.trim(o + 1, j - 1)
    stop = min([x for x in (t.find("،", h.end, s_end), t.find(",", h.end, s_end)) if x >= 0] or [s_end])
    sp = _speaker_span(doc, *doc.trim(h.end, stop))
    speaker, kind = (sp, "span") if sp[0] < sp[1] else (None, "continuation")
    if cs >= ce:
        return None
    return _Frame(h.start, h.end, h.word_start, cs, ce, True, "direct", entry, speaker, kind, si, (h.end, stop))


_COLON_LINE = re.compile(r"[^\n:]{1,80}?:")
_CREDIT = re.compile(r"\s*\([^()\n]{1,40}\)\s*$")  # a photo credit closing a caption: (الأوروبية)


def _colon_frames(doc: _Doc) -> list[_Frame]:
    """Headline-style attribution at a line start: ``لافروف: موسكو وواشنطن اتفقتا ...``."""
    lex, t = doc.lex, doc.t
    out = []
    # every paragraph bound mapped at once (Normalized.norm_index, vectorised)
    bounds = np.searchsorted(doc.norm.starts, np.array(doc.seg.paragraphs, dtype=np.int64).reshape(-1, 2), side="left")
    for s, e in bounds.tolist():
        m = _COLON_LINE.match(t, s, e)
        if m is None:
            continue
        sp = doc.trim(s, m.end() - 1)
        words = _WORD.findall(t, *sp)
        label = " ".join(words)
        if not words or len(words) > lex.colon_max_speaker or label in lex.colon_stop or words[0] in lex.colon_stop:
            continue
        if not doc.mentions_in(*sp):
            continue  # only a known actor or person makes a label a speaker ("سوريا:" is a topic)
        credit = _CREDIT.search(t, m.end(), e)
        cs, ce = doc.trim(m.end(), credit.start() if credit else e)
        if len(_WORD.findall(t, cs, ce)) < lex.colon_min_content:
            continue
        out.append(_Frame(sp[0], sp[1], sp[0], cs, ce, True, "direct", None, sp, "span", doc.sentence_index(cs)))
    return out


_SOURCE_BREAK = re.compile(r"[،,.;؛:!؟?()\[\]\n]")


def _according_frames(doc: _Doc, frames: list[_Frame], verb_hits: list[_Hit]) -> list[_Frame]:
    """``وقتل 20 مدنيا، بحسب المرصد السوري`` / ``وبحسب المرصد، فإن ...``: attribution without a verb.

    The phrase after the marker (and its particle: وفقا لـ, نقلا عن) is the source when it holds an actor
    mention or starts with a source head; ``حسب قوله`` continues the previous speaker. The content is the
    clause before the marker in its sentence, or, when the marker opens the clause, the rest of the
    sentence after the source. A marker inside another statement's content is part of that speech.
    """
    acc, lex, t = doc.lex.according, doc.lex, doc.t
    if acc is None:
        return []
    verb_at = {h.word_start: h for h in verb_hits}
    out: list[_Frame] = []
    last_source_end: dict[int, int] = {}  # sentence -> end of the last source phrase (قتل 5 بحسب س، وجرح 10 بحسب ص)
    attributions = sorted(f.attribution for f in frames if f.attribution)
    framed_verbs = {f.verb_start for f in frames}
    for m in acc.marker_re.finditer(t):
        k = bisect.bisect_right(attributions, (m.start(), len(t))) - 1
        if m.start("m") in framed_verbs or (k >= 0 and attributions[k][0] <= m.start() < attributions[k][1]):
            continue  # ذكرت وكالة نقلا عن مسؤول أن: the relay belongs to a reporting frame, no second statement
        particle, fused_ma = acc.markers[m.group("m")]
        si = doc.sentence_index(m.start())
        s_start, s_end = doc.sent_starts[si], min(doc.sent_ends[si], len(t))
        if not s_start <= m.start() < s_end:
            continue
        words = list(_WORD.finditer(t, m.end(), s_end))
        i, src_start = 0, None
        if fused_ma or (words and words[0].group() == acc.ma and not particle):
            i = 0 if fused_ma else 1
            if i >= len(words):
                continue
            hit = verb_at.get(words[i].start())
            i += 1  # the verb after ما (أفادت, قاله ...)
            if hit is not None and lex.entries[hit.entries[0]].source:
                particle_at = [k for k in range(i, len(words)) if words[k].group() == lex.entries[hit.entries[0]].source]
                if particle_at:
                    i = particle_at[0] + 1  # بحسب ما نقلت وكالة عن مسؤول: the source is the official
        elif particle:
            if not words:
                continue
            first = words[0].group()
            if first == particle:
                i = 1
            elif first.startswith(particle) and len(first) > len(particle) + 1:
                src_start = words[0].start() + len(particle)  # وفقا للمرصد: the ل is the particle
            else:
                continue
        if i >= len(words) and src_start is None:
            continue
        src_s = src_start if src_start is not None else words[i].start()
        src_words: list[re.Match[str]] = []
        prev_end = src_s
        for w in words[i:]:
            if src_words and _SOURCE_BREAK.search(t, prev_end, w.start()):
                break
            if w.group() in acc.source_stop or w.start() in verb_at or lex.boundary_re.match(t, w.start()) \
                    or lex.complementizer_re.fullmatch(w.group()):
                break
            src_words.append(w)
            prev_end = w.end()
            if len(src_words) >= acc.max_source_tokens:
                break
        if not src_words:
            continue
        src_e = src_words[-1].end()
        after_src = src_e
        while after_src < s_end and t[after_src] in doc.lex.quote_pairs.values():
            after_src += 1  # وفقا لـ"الدفاع المدني"، ...: the closing mark belongs to the source
        first_words = [t[src_s:src_words[0].end()]] + [w.group() for w in src_words[1:]]
        if src_start is not None and particle == "ل" and src_words[0].group().startswith("لل"):
            first_words[0] = "ال" + src_words[0].group()[2:]  # وفقا للأمم المتحدة: ل + الأمم
        else:
            first_words[0] = _canonical_noun(doc, first_words[0])
        if first_words[0] in acc.pronoun_sources:
            speaker, speaker_kind = None, "continuation"
        elif doc.mentions_in(src_s, src_e) or any(tuple(first_words[: len(h)]) == h for h in acc.source_heads):
            speaker, speaker_kind = _speaker_span(doc, *_unquote(doc, src_s, src_e)), "span"
            if speaker[0] >= speaker[1]:
                speaker = _unquote(doc, src_s, src_e)
        else:
            continue  # حسب الخطة, وفقا للاتفاق: according to a thing, not a source
        # the content: the clause before the marker, or the rest of the sentence after a fronted source
        marker_start = m.start()
        if si in last_source_end and not _WORD.search(t, last_source_end[si], marker_start):
            last_source_end[si] = after_src
            continue  # وفقا لمسؤولين أميركيين، بحسب أسوشيتد برس: a relay of the source just named, which spoke
        clause_s, opener_s = max(s_start, last_source_end.get(si, s_start)), None
        last_source_end[si] = after_src
        for b in lex.boundary_re.finditer(t, clause_s, marker_start):
            clause_s, opener_s = b.end(), b.start()
        owner = [f for f in frames if f.sent == si and f.content_start < marker_start and f.verb_start < marker_start]
        if owner and (opener_s is None or max(f.content_start for f in owner) > opener_s):
            continue  # inside reported speech: the speaker's own sourcing
        before = doc.trim(clause_s, marker_start)
        if before[0] < before[1] and len(_WORD.findall(t, *before)) > 0:
            cs, ce, closed = before[0], before[1], True
            frame_start = opener_s if opener_s is not None else before[0]
        else:
            cs, ce = doc.trim(after_src, s_end)
            closed = False
            frame_start = opener_s if opener_s is not None else marker_start
        if cs >= ce:
            continue
        out.append(_Frame(m.start("m"), m.end("m"), frame_start, cs, ce, closed, "indirect", acc.entry,
                          speaker, speaker_kind, si, (m.end("m"), after_src)))
    return out


def _canonical_noun(doc: _Doc, word: str) -> str:
    """A source's first word without its proclitic (لمصادر -> مصادر, للمرصد -> المرصد)."""
    if word.startswith("لل"):
        return "ال" + word[2:]
    for p in doc.lex.noun_proclitics:
        if word.startswith(p) and len(word) > len(p) + 2:
            rest = word[len(p):]
            if any(h[0] == rest for h in doc.lex.according.source_heads) or rest in doc.lex.according.pronoun_sources:
                return rest
    return word


def _statements(doc: _Doc, frames: list[_Frame]) -> list[Statement]:
    """Fix content ends (cut at the next frame), resolve speakers (continuations keep the previous one)."""
    out: list[Statement] = []
    prev: tuple[str, tuple[int, int] | None, int, int] | None = None  # actor, speaker span, paragraph, position
    max_back = doc.lex.settings["continuation_paragraphs"]
    announcements = list(getattr(doc, "announcements", []))
    verbs = [h.word_start for h in doc.hits if doc.lex.entries[h.entries[0]].category == "reporting_verb"]
    resolver = speakers.Resolver(doc, doc.rules, verbs)

    def actor_of(span: tuple[int, int]) -> str:
        if doc.speaker_actor(*span) == OUTLET:
            return OUTLET
        return resolver.actor(*span, previous=prev[0] if prev is not None else None)

    for k, f in enumerate(frames):
        while announcements and announcements[0].verb_start < f.verb_start:
            a = announcements.pop(0)
            if prev is None or a.verb_start > prev[3]:
                prev = (actor_of(a.speaker), a.speaker, doc.para_of_sent[a.sent] if doc.para_of_sent else 0,
                        a.verb_start)
        ce = f.content_end
        if not f.closed:
            for g in frames[k + 1 :]:
                if g.frame_start >= ce:
                    break
                if g.frame_start > f.content_start and g.sent == f.sent:
                    ce = g.frame_start
                    break
        cs, ce = doc.trim(f.content_start, ce)
        if cs >= ce:
            continue
        para = doc.para_of_sent[f.sent] if doc.para_of_sent else 0
        if f.speaker_kind == "impersonal":
            actor, speaker = OUTLET, None
        elif f.speaker_kind == "span" and f.speaker is not None:
            actor, speaker = actor_of(f.speaker), f.speaker
        elif prev is not None and para - prev[2] <= max_back:
            actor, speaker = prev[0], prev[1]
        else:
            subject = _previous_subject(doc, f)
            actor, speaker = (UNKNOWN, None) if subject is None else (subject.actor, (subject.start, subject.end))
        prev = (actor, speaker, para, f.verb_start)
        rs, re_ = doc.raw_span(cs, ce)
        if speaker is not None:
            ss, se = doc.raw_span(*speaker)
        else:
            ss = se = None
        if f.entry is None:
            verb, commitment = ":", ""
        else:
            verb = doc.raw[slice(*doc.raw_span(f.verb_start, f.verb_end))]
            commitment = f.entry.subtype
        targets = tuple(sorted({m.actor for m in doc.mentions_in(cs, ce)}))
        quote_type, quoted = f.quote_type, ()
        if quote_type == "indirect" and f.entry is not None and f.entry.form != "according_to":
            quoted = tuple(doc.raw_span(a, b) for a, b in _quoted_fragments(doc, cs, ce))
            if quoted:
                quote_type = "mixed"
        out.append(Statement(rs, re_, actor, ss, se, verb, quote_type, targets, doc.sid[f.sent] if doc.sid else 0,
                             commitment, len(TOKEN_RE.findall(doc.raw, rs, re_)), quoted, cs, ce))
    return out


def _previous_subject(doc: _Doc, f: _Frame) -> _Mention | None:
    """A subjectless verb with no statement to continue: the person or actor opening its sentence or the
    previous one (``سئل ترامب عما إذا ... فأجاب "..."``), when that mention starts the clause's subject."""
    si = f.sent
    for k in (si, si - 1):
        if k < 0:
            continue
        lo, hi = doc.sent_starts[k], (f.frame_start if k == si else doc.sent_ends[k])
        words = list(_WORD.finditer(doc.t, lo, hi))[:6]  # the verb and its subject open an Arabic sentence
        found = [m for m in doc.mentions_in(lo, hi) if words and m.start <= words[-1].start()]
        people = [m for m in found if m.kind in ("person", "name")]
        if people:
            return people[0]
    return None


def _quoted_fragments(doc: _Doc, cs: int, ce: int) -> list[tuple[int, int]]:
    """The speaker's own words quoted inside an indirect clause cs..ce (normalized, marks excluded).

    Every quotation in the clause that is not a name (a place, an organisation, an actor; one quoted word
    quotation right after a preposition is taken for a name), and a quotation
    opened and never closed (to the clause end), is a fragment: ``قال إن الهجوم بدأ "لتطهير المناطق"``.
    """
    out = []
    k = bisect.bisect_left(doc.quote_opens, cs)
    while k < len(doc.quotes) and doc.quotes[k][0] < ce:
        o, c = doc.quotes[k]
        k += 1
        if c >= ce + 1 or o in doc.name_quotes:
            continue
        if len(_WORD.findall(doc.t, o + 1, c)) == 1 and _word_before(doc, o) in doc.lex.governing_preps:
            continue  # في "دوما", من "الرقة": one quoted word governed by a preposition is a place or a name
        s, e = doc.trim(o + 1, c)
        if s < e:
            out.append((s, e))
    u = bisect.bisect_left(doc.unpaired, cs)
    if u < len(doc.unpaired) and doc.unpaired[u] < ce and doc.t[doc.unpaired[u]] in doc.lex.quote_pairs:
        s, e = doc.trim(doc.unpaired[u] + 1, ce)
        if s < e and not any(a <= s < b for a, b in out):
            out.append((s, e))
    return sorted(out)


# --- cues ----------------------------------------------------------------------------------------------

def _voice(statements: Sequence[Statement], pos: int) -> str:
    """The speaker of the innermost statement whose content holds ``pos``; the outlet outside statements."""
    best = None
    for st in statements:
        if st.norm_start <= pos < st.norm_end and (best is None or st.norm_end - st.norm_start < best.norm_end - best.norm_start):
            best = st
    return best.speaker_actor if best is not None else OUTLET


def _quotations(doc: _Doc) -> Iterator[tuple[int, int]]:
    """(open, close) positions of quotation pairs within paragraphs (normalized offsets)."""
    t = doc.t
    opens = "".join(re.escape(o) for o in doc.lex.quote_pairs)
    pos = 0
    pattern = re.compile(f"[{opens}]")
    while True:
        m = pattern.search(t, pos)
        if m is None:
            return
        close = doc.lex.quote_pairs[m.group()]
        end = t.find(close, m.end(), _paragraph_end(doc, m.start()))
        if end < 0:
            pos = m.end()
            continue
        yield m.start(), end
        pos = end + 1


def _scare_quotes(doc: _Doc, frames: list[_Frame]) -> list[tuple[int, int]]:
    """Quotations that are neither names nor speech (spans include the marks)."""
    lex, t = doc.lex, doc.t
    max_words = lex.settings["max_scare_quote_words"]
    after_comp = lex.settings["speech_after_complement_words"]
    speech_starts = {f.content_start for f in frames if f.quote_type == "direct"}
    indirect = sorted((f for f in frames if f.quote_type == "indirect" and not (f.entry and f.entry.form == "according_to")),
                      key=lambda f: f.content_start)
    indirect_starts = [f.content_start for f in indirect]
    out = []
    for o, c in _quotations(doc):
        s, e = doc.trim(o + 1, c)
        if s >= e:
            continue
        words = _WORD.findall(t, s, e)
        if not words or len(words) > max_words or re.search(r"[،,.;؛:!؟?]", t[s:e]):
            continue  # speech spanning a clause
        if s in speech_starts:
            continue  # the content of a direct statement
        k = bisect.bisect_right(indirect_starts, o) - 1
        if k >= 0 and o - indirect_starts[k] < 80 and len(_WORD.findall(t, _comp_end(doc, indirect[k]), o)) <= after_comp:
            continue  # quoted right after إن/أن: the speech itself
        if o in doc.name_quotes:
            continue
        if any(f.attribution and f.attribution[0] <= o and c < f.attribution[1] for f in frames):
            continue  # a name in the attribution itself (عبر حسابه في "تويتر", لـ"عنب بلدي"), not distancing
        out.append((o, c + 1))
    return out


def _is_name_quote(doc: _Doc, o: int, c: int) -> bool:
    """A quotation that names something: starts with a name head, follows a name trigger, or is a mention."""
    lex, t = doc.lex, doc.t
    s, e = doc.trim(o + 1, c)
    words = _WORD.findall(t, s, e)
    if not words:
        return False
    prev_words = _WORD.findall(t, max(0, o - 30), o)
    prev = doc.strip_proclitic(prev_words[-1], lex.name_triggers) if prev_words else ""
    if words[0] in lex.name_heads or prev in lex.name_triggers:
        return True
    i = bisect.bisect_right(doc.mention_starts, s) - 1
    while i >= 0 and doc.mentions[i].start > s - 40:
        m = doc.mentions[i]
        if m.start <= s and m.end >= e:
            return True  # an actor's name, alone in the quotation
        i -= 1
    return False


def _comp_end(doc: _Doc, f: _Frame) -> int:
    m = _WORD.match(doc.t, f.content_start)
    return m.end() if m else f.content_start


def _qad_hedges(doc: _Doc) -> list[tuple[int, int]]:
    q = doc.lex.qad
    pat = re.compile(rf"(?<!\w)[وف]?(?P<q>{re.escape(q['particle'])}) (?P<v>\w+)")
    out = []
    for m in pat.finditer(doc.t):
        v = m.group("v")
        if v.startswith(q["prefixes"]) and v not in q["exceptions"] and len(v) >= 3:
            out.append((m.start("q"), m.end("v")))
    return out


def _naming_variant(lex: StanceLexicon, m: _Mention, text: str) -> str:
    variants = lex.naming.get(m.actor)
    if not variants:
        return ""
    # the form written decides (the alias is the lexicon's canonical name, the same for every variant)
    surface = " ".join(_WORD.findall(text, m.start, m.end))
    for variant, forms in variants:
        if surface in forms:
            return variant
    for variant, forms in variants:  # a proclitic on the surface (لتنظيم الدولة)
        for form in forms:
            if surface.endswith(form) and surface[: -len(form)] in lex.noun_proclitics:
                return variant
    alias = " ".join(m.alias.split())
    for variant, forms in variants:
        if alias in forms:
            return variant
    return ""


def _cues(doc: _Doc, statements: list[Statement], frames: list[_Frame]) -> list[Cue]:
    lex = doc.lex
    items: list[tuple[int, int, str, str]] = []  # normalized start, end, category, subtype
    for f in frames:
        if f.entry is not None and f.entry.form != "according_to":  # بحسب is not a verb: no reporting_verb cue
            items.append((f.verb_start, f.verb_end, "reporting_verb", f.entry.subtype))
    for h in doc.hits:
        for ref in h.entries:
            e = lex.entries[ref]
            if e.category != "reporting_verb":
                items.append((h.start, h.end, e.category, e.subtype))
    for s, e in _qad_hedges(doc):
        items.append((s, e, lex.qad["category"], lex.qad["subtype"]))
    for s, e in _scare_quotes(doc, frames):
        items.append((s, e, "scare_quote", "distancing"))
    for m in doc.mentions:
        variant = _naming_variant(lex, m, doc.t)
        if variant:
            items.append((m.start, m.end, "naming", variant))
    items.sort()
    out = []
    seen = set()
    for s, e, cat, sub in items:
        if (s, e, cat) in seen:
            continue
        seen.add((s, e, cat))
        rs, re_ = doc.raw_span(s, e)
        si = doc.sentence_index(s)
        out.append(Cue(rs, re_, doc.raw[rs:re_], cat, sub, _voice(statements, s), doc.sid[si] if doc.sid else 0))
    return out


# ---------------------------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------------------------

def _mentions_for(text: str, mentions: Iterable[Any] | None) -> list[Any]:
    if mentions is not None:
        return list(mentions)
    try:
        from .actors import find_mentions  # type: ignore[attr-defined]
    except ImportError:
        log.warning("analysis.actors is not available: speakers will be UNKNOWN unless mentions are given")
        return []
    return list(find_mentions(text))


def analyze_text(
    text: str,
    *,
    mentions: Iterable[Any] | None = None,
    lexicon: StanceLexicon | str | Path | None = None,
    normalization: NormalizeConfig | None = None,
) -> tuple[list[Statement], list[Cue]]:
    """Statements and cues of one text (for notebooks and tests).

    ``mentions``: actor mentions (objects with raw ``start``, ``end``, ``actor`` and optionally ``kind``,
    ``alias``); None runs ``analysis.actors.find_mentions`` when that module exists.
    """
    if not isinstance(text, str):
        raise ValueError("text must be a string")
    lex = lexicon if isinstance(lexicon, StanceLexicon) else load_lexicon(lexicon, normalization=normalization)
    rules_path = lexicon if isinstance(lexicon, (str, Path)) else DEFAULT_LEXICON
    rules = speakers.load_rules(str(rules_path), normalization)
    norm = normalize(text, normalization)
    seg = segment(text)
    return _analyze(text, norm, seg, _mentions_for(text, mentions), lex, rules)


def _analyze(text: str, norm: Normalized, seg: Segmentation, mentions: list[Any], lex: StanceLexicon,
             rules: speakers.SpeakerRules | None = None) -> tuple[list[Statement], list[Cue]]:
    doc = _Doc(text, norm, seg, mentions, lex, rules)
    frames = _frames(doc)
    statements = _statements(doc, frames)
    return statements, _cues(doc, statements, frames)


def find_statements(text: str, **kwargs: Any) -> list[Statement]:
    """Reported statements of one text; keyword options as :func:`analyze_text`."""
    return analyze_text(text, **kwargs)[0]


def find_cues(text: str, **kwargs: Any) -> list[Cue]:
    """Stance cues of one text; keyword options as :func:`analyze_text`."""
    return analyze_text(text, **kwargs)[1]


# --- the pipeline plug-in ------------------------------------------------------------------------------

ROW_TABLES: dict[str, list[str]] = {
    "statements": ["doc_id", "start", "end", "speaker_actor", "speaker_start", "speaker_end", "verb", "quote_type",
                   "targets", "sentence_id", "commitment", "n_words", "quoted_spans", "is_boilerplate"],
    "cues": ["doc_id", "start", "end", "surface", "category", "subtype", "speaker_actor", "sentence_id",
             "is_boilerplate"],
}  # is_boilerplate: set by the pipeline from the document's boilerplate spans (analysis.boilerplate)


def _statement_row(doc_id: str, st: Statement) -> dict[str, Any]:
    return {"doc_id": doc_id, "start": st.start, "end": st.end, "speaker_actor": st.speaker_actor,
            "speaker_start": st.speaker_start, "speaker_end": st.speaker_end, "verb": st.verb,
            "quote_type": st.quote_type, "targets": "|".join(st.targets), "sentence_id": st.sentence_id,
            "commitment": st.commitment, "n_words": st.n_words,
            "quoted_spans": "|".join(f"{a}-{b}" for a, b in st.quoted_spans)}


def _cue_row(doc_id: str, cue: Cue) -> dict[str, Any]:
    # a shallow copy: asdict() deep-copies every (immutable) cell and cost a fifth of the analyzer
    return {"doc_id": doc_id, "start": cue.start, "end": cue.end, "surface": cue.surface, "category": cue.category,
            "subtype": cue.subtype, "speaker_actor": cue.speaker_actor, "sentence_id": cue.sentence_id}


def ANALYZER(doc: Any, resources: Any) -> dict[str, list[dict[str, Any]]]:  # noqa: N802 (pipeline component)
    """Statements and cues of one document (an :class:`analysis.doc.Doc` with its ``mentions``); assigns
    its ``statements`` and ``cues`` layers for the components after it."""
    options = resources.options
    lex = resources.get(
        "stance.lexicon", lambda: load_lexicon(options.stance_lexicon, normalization=options.normalization)
    )
    path = options.stance_lexicon or DEFAULT_LEXICON
    actor_lexicon = getattr(options, "actor_lexicon", None)
    rules = resources.get(
        f"stance.speakers:{path}:{actor_lexicon or ''}",
        lambda: speakers.load_rules(str(path), options.normalization, str(actor_lexicon) if actor_lexicon else None),
    )
    statements, cues = _analyze(doc.text, doc.norm, doc.seg, list(doc.mentions), lex, rules)
    doc.statements = statements
    doc.cues = cues
    doc_id = doc.doc_id
    return {"statements": [_statement_row(doc_id, s) for s in statements], "cues": [_cue_row(doc_id, c) for c in cues]}


def _variant_of(lex: StanceLexicon, actor: str, alias: str, surface: str) -> str:
    if not lex.naming.get(actor):
        return ""  # no declared variants: nothing to normalize
    m = _Mention(0, len(surface), actor, "", normalize_text(alias or ""), 0, 0)
    return _naming_variant(lex, m, normalize_text(surface or ""))


