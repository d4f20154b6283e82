"""Names before cues: spans of organisation and title names, inside which no word is a stance cue.

"تحرير" in هيئة تحرير الشام, منظمة التحرير or رئيس تحرير, and "الإرهاب" in قانون مكافحة الإرهاب, are
parts of a name, not the writer's evaluation. Names come from two sources: the reviewed ``names`` section of
the stance lexicon (names of any organisation, title or law, actor or not) and the actor mentions of kind
``name`` or ``person`` (a descriptor such as "الميليشيات الإيرانية" is a naming choice and keeps its cue).
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
    spans.extend((m.start, m.end) for m in doc.mentions if m.kind in _NAME_KINDS)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


class NameIndex:
    """Answers "does this span sit inside a name?" for one document."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def covers(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.starts, s) - 1
        return i >= 0 and self.spans[i][1] >= e
