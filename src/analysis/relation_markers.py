"""Polarity, modality and claims of a relation: is it denied or stopped, is it only threatened, offered,
called for or conditional, and is it a speaker's claim rather than the outlet's narration?

Polarity and modality come from the marker groups of ``lexicons/relations.yaml``: a marker counts within
its window of tokens before the trigger, in the trigger's clause, or before a subject standing between
marker and trigger ("لم تشن قوات النظام هجوما", "نفت وحدات حماية الشعب إبرام اتفاق"). A trigger written
with a proclitic of the future (ستدعم) and a question (a question mark after the trigger) are
hypothetical. Claims come from the stance module's statements: a trigger inside a statement's content is
its speaker's claim.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .relation_arguments import Found
from .relation_clauses import Sentence, phrase_at
from .relation_lexicon import Marker, RelationLexicon

__all__ = ["Marks", "marks", "Claim", "claims_index", "claim_at", "NON_CLAIM_SPEAKERS"]

#: The outlet's own voice is narration, not a claim.
NON_CLAIM_SPEAKERS = frozenset({"", "OUTLET"})


@dataclass(frozen=True)
class Marks:
    polarity: str  # pos / neg
    modality: str  # real / hyp
    markers: str  # the groups that fired, `axis:group` joined by `|` (empty when none)
    trigger_from: int | None = None  # token where the trigger phrase starts when a marker is part of it


def _imperfect_next(sent: Sentence, i: int, lexicon: RelationLexicon) -> bool:
    if i >= len(sent.tokens) or sent.tokens[i].punct:
        return False
    text = sent.tokens[i].text
    return text.startswith(lexicon.imperfect_prefixes) and text not in lexicon.imperfect_exceptions and len(text) > 2


def _markers_before(sent: Sentence, lo: int, hi: int, anchor: int, lexicon: RelationLexicon
                    ) -> list[tuple[int, Marker]]:
    """Markers (with their first token) in tokens ``lo``..``hi - 1`` ending within their window of ``anchor``."""
    out: list[tuple[int, Marker]] = []
    for i in range(lo, hi):
        tok = sent.tokens[i]
        if tok.punct:
            continue  # a marker may head a descriptor mention: "الانسحاب الأميركي من الاتفاق"
        cands = lexicon.markers.get(tok.text)
        marker = phrase_at(sent.tokens, i, cands) if cands else None
        if marker is None:
            continue
        end = i + len(marker.words) - 1
        if end >= hi or anchor - end > marker.window:
            continue
        if marker.before_imperfect and not _imperfect_next(sent, end + 1, lexicon):
            continue
        out.append((i, marker))
    return out


def marks(sent: Sentence, found: Found, lexicon: RelationLexicon) -> Marks:
    """Polarity and modality of one relation found in ``sent``."""
    first = found.trig_first
    clause = sent.clauses[sent.tokens[first].clause]
    lo = clause.first
    fired = _markers_before(sent, lo, first, first, lexicon)
    src = found.source
    if src.tok_last < first and sent.tokens[src.tok_first].clause == sent.tokens[first].clause:
        fired += _markers_before(sent, lo, src.tok_first, src.tok_first, lexicon)
    groups = [f"{m.axis}:{m.group}" for _, m in fired]
    starts = [i for i, m in fired if m.in_trigger and i < first]
    if found.trigger.future:
        groups.append("modality:future")
    if _asks(sent, first, lexicon):
        groups.append("modality:question")
    groups = list(dict.fromkeys(groups))
    return Marks("neg" if any(g.startswith("polarity:") for g in groups) else "pos",
                 "hyp" if any(g.startswith("modality:") for g in groups) else "real",
                 "|".join(groups), min(starts) if starts else None)


def _asks(sent: Sentence, first: int, lexicon: RelationLexicon) -> bool:
    """A question mark after the trigger in the sentence's text."""
    if not lexicon.question_marks:
        return False
    tail = sent.norm_text[sent.tokens[first].nstart : sent.nend]
    return any(q in tail for q in lexicon.question_marks)


@dataclass(frozen=True)
class Claim:
    start: int  # the statement's content (raw)
    end: int
    speaker: str


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def claims_index(statements: Iterable[Any]) -> list[Claim]:
    """The statements whose content is a speaker's claim (not the outlet's voice), innermost first."""
    out = []
    for st in statements:
        speaker = str(_get(st, "speaker_actor", "") or "")
        if speaker in NON_CLAIM_SPEAKERS:
            continue
        out.append(Claim(int(_get(st, "start")), int(_get(st, "end")), speaker))
    return sorted(out, key=lambda c: (c.end - c.start, c.start))


def claim_at(claims: list[Claim], offset: int) -> Claim | None:
    """The innermost statement holding raw ``offset`` (a trigger's start), if any."""
    for c in claims:
        if c.start <= offset < c.end:
            return c
    return None
