"""One document on its way through stance: normalized text, sentences, mentions, lexicon hits, quotations."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import morphology, speakers
from ..normalize import Normalized
from ..phrases import leftmost_longest, match_view
from ..segment import Segmentation
from .lexicon import Entry, StanceLexicon
from .records import OUTLET, UNKNOWN

if TYPE_CHECKING:
    from .frames import Frame

WORD = re.compile(r"\w+")
_TRIM = " \t\n\r\u00a0،,.;؛:!؟?-–—()[]"


@dataclass
class Hit:
    start: int  # normalized, body (proclitics excluded)
    end: int
    word_start: int  # with proclitics
    entries: tuple[int, ...]


@dataclass
class Mention:
    """What stance needs from an actor mention (normalized offsets)."""

    start: int
    end: int
    actor: str
    kind: str
    alias: str
    raw_start: int
    raw_end: int


class Doc:
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
            (Mention(ns, ne, str(m.actor), str(getattr(m, "kind", "")), str(getattr(m, "alias", "")), m.start, m.end)
             for m, (ns, ne) in zip(mentions, ends)),
            key=lambda m: (m.start, m.end),
        )
        self.mention_starts = [m.start for m in self.mentions]
        self.view = match_view(self.t)  # the lexicon pass and the names both match over it
        self.hits = self._lexicon_hits()
        self.quotes = list(quotations(self))
        self.quote_opens = [o for o, _ in self.quotes]
        paired = {o for o, _ in self.quotes} | {c for _, c in self.quotes}
        marks = set(lex.quote_pairs) | set(lex.quote_pairs.values())
        self.unpaired = [i for i, ch in enumerate(self.t) if ch in marks and i not in paired]  # a quote left open
        self.name_quotes = {o for o, c in self.quotes if is_name_quote(self, o, c)}
        self.announcements: list[Frame] = []  # subjects of reporting verbs without complement (see find_frames)

    # --- lexicon pass -----------------------------------------------------------------------------------
    def _lexicon_hits(self) -> list[Hit]:
        # each key spans the word with its proclitics; the longest word at each position wins, no overlaps
        words = [(ws, ws + pl + bl, (pl, bl, refs)) for ws, _, (refs, pl, bl) in self.lex.automaton.hits(self.view)]
        hits = [Hit(ws + pl, ws + pl + bl, ws, refs) for ws, _, (pl, bl, refs) in leftmost_longest(words)]
        entries = self.lex.entries
        if not any(e.marked for e in entries):
            return hits
        out = []
        for h in hits:  # a verb written with its shadda only (عبّر), else another word (عبر: via)
            refs = [r for r in h.entries if not entries[r].marked or _SHADDA in self.raw[slice(*self.raw_span(h.start, h.end))]]
            if refs:
                out.append(h if len(refs) == len(h.entries) else Hit(h.start, h.end, h.word_start, refs))
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

    def mentions_in(self, s: int, e: int) -> list[Mention]:
        i = bisect.bisect_left(self.mention_starts, s)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < e:
            if self.mentions[i].end <= e:
                out.append(self.mentions[i])
            i += 1
        return out

    def strip_proclitic(self, word: str, keep: frozenset[str]) -> str:
        """``word`` without the lexicon's noun proclitic when what remains is a word of ``keep``."""
        return morphology.strip_proclitic(word, keep, self.lex.noun_proclitics)

    def speaker_actor(self, s: int, e: int) -> str:
        """OUTLET for the outlet's reporters; else the actor of a person mention, else of the first mention."""
        words = WORD.findall(self.t, s, e)
        if any(self.strip_proclitic(w, self.lex.outlet_voice) in self.lex.outlet_voice for w in words[:3]):
            return OUTLET
        found = self.mentions_in(s, e)
        if not found:
            return UNKNOWN
        people = [m for m in found if m.kind == "person"]
        return (people or found)[0].actor


_SHADDA = "\u0651"


def word_before(doc: Doc, pos: int, back: int = 1) -> str:
    """The ``back``-th word before ``pos`` (within 60 characters), or ""."""
    words = list(WORD.finditer(doc.t, max(0, pos - 60), pos))
    if len(words) < back:
        return ""
    return words[-back].group()


_LAST_WORD = re.compile(r"(\w+) *$")


def word_right_before(doc: Doc, pos: int) -> str:
    """The word that ends right before ``pos``, only spaces between (within 40 characters), or "": a
    preposition governing what starts at ``pos`` (في "دوما", إلى تنظيم داعش)."""
    m = _LAST_WORD.search(doc.t, max(0, pos - 40), pos)
    return m.group(1) if m else ""


_HARAKAT = re.compile(r"[\u064b-\u0652\u0640]+$")


def written(doc: Doc, m: re.Match[str]) -> str:
    """The text word ``m`` as the raw text writes it, without final harakat or tatweel: what the normalization
    folded (ة into ه) is visible there again."""
    rs, re_ = doc.raw_span(m.start(), m.end())
    return _HARAKAT.sub("", doc.raw[rs:re_])


def as_listed(doc: Doc, m: re.Match[str], form: str) -> bool:
    """Is the text word ``m`` (matched to the listed ``form``) written as the list writes it? A form whose final
    ة the normalization folded into ه needs a ة in the text (بلده "his country" is not بلدة "town")."""
    return form not in doc.lex.ta_marbuta or written(doc, m).endswith("ة")


def paragraph_end(doc: Doc, pos: int) -> int:
    nl = doc.t.find("\n", pos)
    return len(doc.t) if nl < 0 else nl


def quotations(doc: Doc) -> Iterator[tuple[int, int]]:
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
        end = t.find(close, m.end(), paragraph_end(doc, m.start()))
        if end < 0:
            pos = m.end()
            continue
        yield m.start(), end
        pos = end + 1


_CLAUSE_PUNCT = re.compile(r"[،,.;؛:!؟?]")


def is_name_quote(doc: Doc, o: int, c: int) -> bool:
    """A quotation that names something: starts with a name head (at most `max_name_words` words, no clause
    punctuation), follows a name trigger, or is a mention."""
    lex, t = doc.lex, doc.t
    s, e = doc.trim(o + 1, c)
    words = WORD.findall(t, s, e)
    if not words:
        return False
    prev_words = list(WORD.finditer(t, max(0, o - 30), o))
    prev = doc.strip_proclitic(prev_words[-1].group(), lex.name_triggers) if prev_words else ""
    if words[0] in lex.name_heads and len(words) <= lex.max_name_words and not _CLAUSE_PUNCT.search(t, s, e):
        return True  # "قوات التحالف موجودة على الجبهات وفي الخطوط الأولى ...": a sentence, not a name
    if prev in lex.name_triggers and as_listed(doc, prev_words[-1], prev):
        return True
    if len(prev_words) > 1 and not t[prev_words[-2].end():prev_words[-1].start()].strip():
        # a naming phrase of two words: أطلق عليها "غصن الزيتون", يطلق عليه "…"
        pair = doc.strip_proclitic(prev_words[-2].group(), lex.name_triggers) + " " + prev_words[-1].group()
        if pair in lex.name_triggers or prev_words[-2].group() + " " + prev_words[-1].group() in lex.name_triggers:
            return True
    i = bisect.bisect_right(doc.mention_starts, s) - 1
    while i >= 0 and doc.mentions[i].start > s - 40:
        m = doc.mentions[i]
        if m.start <= s and m.end >= e:
            return True  # an actor's name, alone in the quotation
        i -= 1
    return False


def excluded(doc: Doc, h: Hit, entry: Entry) -> bool:
    """An exclusion context of the entry around the hit (a word before or after; the raw spelling): the word is
    another sense there, no cue and no reporting frame."""
    if not entry.exclusions:
        return False
    before = WORD.findall(doc.t, max(0, h.word_start - 40), h.word_start)
    prev = before[-1] if before else ""
    after = " ".join(WORD.findall(doc.t, h.end, min(len(doc.t), h.end + 60))[:4])
    rs, re_ = doc.raw_span(h.start, h.end)
    written = doc.raw[rs:re_]
    for x in entry.exclusions:
        if prev and prev in x.before:
            return True
        if any(after == a or after.startswith(a + " ") for a in x.after):
            return True
        if written in x.written:
            return True
        if x.unless_before and prev not in x.unless_before:
            return True  # يتردد "hesitates, echoes" unless after ما ("what is rumoured")
        if x.unless_after and not any(after == a or after.startswith(a + " ") for a in x.unless_after):
            return True  # وصفت "she described" unless بأنها follows at once ("was described as")
    return False
