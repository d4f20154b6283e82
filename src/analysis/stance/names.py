"""Names before cues: spans of organisation and title names, inside which no word is a stance cue.

"تحرير" in هيئة تحرير الشام, منظمة التحرير or رئيس تحرير, and "الإرهاب" in قانون مكافحة الإرهاب, are
parts of a name, not the writer's evaluation. Names come from two sources: the reviewed ``names`` section of
the stance lexicon (names of any organisation, title or law, actor or not) and the actor mentions of kind
``name`` or ``person`` (a descriptor such as "الميليشيات الإيرانية" is a naming choice and keeps its cue).
An evaluative word at the edge of an actor's name is the writer's epithet, not part of the name: the الإرهابي
of "تنظيم داعش الإرهابي" and the عصابات of "عصابات داعش" stay cues (the actor lexicon lists such forms to find
the actor, not to make the label a name).
"""

from __future__ import annotations

import bisect

from .document import Doc

_NAME_KINDS = frozenset({"name", "person"})


def name_spans(doc: Doc) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) normalized spans of names in the document."""
    spans: list[tuple[int, int]] = []
    names = doc.lex.names
    if names is not None:
        spans.extend((ws + pl, ws + pl + bl) for ws, _, (pl, bl) in names.hits(doc.view))
    spans.extend(_without_epithets(doc, m.start, m.end) for m in doc.mentions if m.kind in _NAME_KINDS)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _without_epithets(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """The mention's span without the evaluative words that open or close it (عصابات داعش الإرهابية → داعش)."""
    edges = [h for h in doc.hits if s <= h.word_start and h.end <= e and _evaluative(doc, h.entries)]
    for h in sorted(edges, key=lambda h: h.word_start):
        if h.word_start <= s and doc.t[h.end:e].strip():
            s = h.end  # an evaluative noun heading the mention, the name after it
    for h in sorted(edges, key=lambda h: -h.end):
        if h.end >= e and h.word_start > s:
            e = h.word_start  # an evaluative adjective closing it
    return s, e


def _evaluative(doc: Doc, refs: tuple[int, ...]) -> bool:
    return any(doc.lex.entries[r].category == "evaluative" for r in refs)


class NameIndex:
    """Answers "does this span sit inside a name?" for one document."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def covers(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.starts, s) - 1
        return i >= 0 and self.spans[i][1] >= e
