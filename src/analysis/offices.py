"""Offices named with a possessive pronoun: "أعلنت روسيا على لسان وزير خارجيتها", "ترامب أبلغ وزير دفاعه".

The office ("its foreign minister", "its ambassador") is an official of the actor the pronoun refers to,
a `person` mention like "المتحدث باسم الكرملين" (docs/annotation-guideline.md, People). A pronoun on a bare
noun is still no mention ("قواتها"): only the offices listed in ``possessed_offices``
(``lexicons/actor_rules.yaml``) are read, and only with the possessor named just before, in the same
sentence: the nearest actor mention at most :data:`WINDOW` characters back, with no sentence end between.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any

from . import morphology
from .actor_rules import SENTENCE_END, rules_for, synthetic_entry, view_tokens

Kept = tuple[int, int, Any]  # (norm start, norm end, Entry)
#: How far back (normalized characters) the possessor may be named.
WINDOW = 120


@lru_cache(maxsize=8)
def _endings(offices: frozenset[str]) -> frozenset[str] | None:
    """The last three letters of every office's first word: a word that ends otherwise cannot begin an
    office whatever its proclitic (a proclitic only adds letters in front). None when a first word is
    shorter than that (no filter then)."""
    firsts = {office.split(" ", 1)[0] for office in offices}
    if any(len(w) < 3 for w in firsts):
        return None
    return frozenset(w[-3:] for w in firsts)


def _office_at(tokens: list[tuple[int, int, str]], n: int, offices: frozenset[str]) -> tuple[int, int] | None:
    """Norm span of a listed office (one or two words, with its pronoun) starting at token ``n``."""
    ts, te, word = tokens[n]
    for p in ("", *morphology.NOUN_PROCLITICS_LONGEST_FIRST):
        if p and not word.startswith(p):
            continue
        w = word[len(p):]
        if w in offices:
            return ts + len(p), te
        if n + 1 < len(tokens) and tokens[n + 1][0] == te + 1 and f"{w} {tokens[n + 1][2]}" in offices:
            return ts + len(p), tokens[n + 1][1]
    return None


def _possessor(ordered: list[Kept], end_pos: list[int], norm_text: str, start: int, feminine: bool) -> Any:
    """The entry of the possessor: the nearest name or metonym before ``start`` in the same sentence (a
    person only for a masculine pronoun: "ترامب ... وزير دفاعه"), else the nearest descriptor ("الرئيس
    الروسي ... وزير خارجيته"); so "هددت موسكو بإسقاط الصواريخ الأميركية على لسان سفيرها" is Moscow's."""
    fallback = None
    j = bisect.bisect_right(end_pos, start) - 1
    while j >= 0:
        _, ke, entry = ordered[j]
        if start - ke > WINDOW or SENTENCE_END.search(norm_text, ke, start):
            break
        if entry.actor:
            if entry.kind in ("name", "metonym") or (entry.kind == "person" and not feminine):
                return entry
            if fallback is None and entry.kind == "descriptor":
                fallback = entry
        j -= 1
    return fallback


def possessed(lexicon: Any, norm_text: str, view: str, keep: list[Kept]) -> list[Kept]:
    """Add a `person` mention for each listed office with a pronoun whose possessor was just named."""
    rules = rules_for(lexicon)
    if not rules.possessed_offices or not keep:
        return keep
    tokens = view_tokens(view)
    ordered = sorted(keep, key=lambda k: k[1])
    end_pos = [k[1] for k in ordered]
    added: list[Kept] = []
    endings = _endings(rules.possessed_offices)
    for n in range(len(tokens)):
        if endings is not None and tokens[n][2][-3:] not in endings:
            continue
        span = _office_at(tokens, n, rules.possessed_offices)
        if span is None:
            continue
        start, end = span
        if any(k[0] < end and start < k[1] for k in keep):
            continue  # already a mention
        entry = _possessor(ordered, end_pos, norm_text, start, norm_text[start:end].endswith("ها"))
        if entry is None:
            continue
        idx = synthetic_entry(lexicon, actor=entry.actor, alias=norm_text[start:end], kind="person",
                              source="office with a possessive pronoun")
        added.append((start, end, lexicon.entries[idx]))
    if not added:
        return keep
    return sorted(keep + added, key=lambda k: (k[0], k[1]))
