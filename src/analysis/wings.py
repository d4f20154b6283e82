"""Wings of an actor named after it: "وحدات حماية الشعب، الجناح العسكري لحزب الاتحاد الديمقراطي", "مجلس
سوريا الديمقراطية، الجناح السياسي لقوات سوريا الديمقراطية".

A wing phrase (``wing_phrases`` in ``lexicons/actor_rules.yaml``: "الجناح العسكري", "الذراع العسكرية")
followed by the preposition ل (attached or written "لـ") and a mention of an actor names a part of that
actor: a `descriptor` of it (docs/annotation-guideline.md, hard cases: "الجناح العسكري" for the YPG is an
SDF descriptor). Run after the people rules, so that a licensed anaphor ("للحزب") is a mention already;
the wing of a party the lexicon does not list ("الجناح العسكري لحركة حماس") is nothing, and a media wing is
not listed (media are no mention).
"""

from __future__ import annotations

import bisect
from typing import Any

from .actor_rules import SENTENCE_END, rules_for, strip_proclitic, synthetic_entry, view_tokens

Kept = tuple[int, int, Any]  # (norm start, norm end, Entry)
#: Characters a mention may start after the ل-word's start: ل, لل or "لـ" with a quotation mark.
_AFTER_LAM = 3


def apply(lexicon: Any, norm_text: str, view: str, keep: list[Kept]) -> list[Kept]:
    """Add a descriptor for each wing phrase followed by ل + an actor mention."""
    rules = rules_for(lexicon)
    if not rules.wing_phrases or not keep:
        return keep
    tokens = view_tokens(view)
    ordered = sorted(keep, key=lambda k: k[0])
    starts = [k[0] for k in ordered]
    sizes = {p.count(" ") + 1 for p in rules.wing_phrases}
    added: list[Kept] = []
    for n, (ts, _te, word) in enumerate(tokens):
        first, pre = strip_proclitic(word)
        for size in sizes:
            last = n + size - 1
            if last + 1 >= len(tokens):
                continue
            phrase = " ".join([first] + [t[2] for t in tokens[n + 1: last + 1]])
            if phrase not in rules.wing_phrases:
                continue
            lam_start, _, lam_word = tokens[last + 1]
            if not lam_word.startswith("ل") or SENTENCE_END.search(norm_text, tokens[last][1], lam_start) \
                    or norm_text[tokens[last][1]:lam_start].strip():
                continue
            j = bisect.bisect_left(starts, lam_start + 1)
            if j >= len(ordered) or ordered[j][0] > lam_start + _AFTER_LAM or not ordered[j][2].actor:
                continue
            start, end = ts + pre, tokens[last][1]
            if any(k[0] < end and start < k[1] for k in keep):
                continue
            actor = ordered[j][2].actor
            idx = synthetic_entry(lexicon, actor=actor, alias=norm_text[start:end], kind="descriptor",
                                  source="wing of an actor")
            added.append((start, end, lexicon.entries[idx]))
    if not added:
        return keep
    return sorted(keep + added, key=lambda k: (k[0], k[1]))
