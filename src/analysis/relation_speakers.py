"""Words in a reported statement that stand for its speaker: "قال السفير التركي إن بلاده قدمت الدعم
للدوحة" (بلاده "his country" is Turkey), "تقول قوات الأسد إنها تستهدف جماعات ..." (إنها is the forces).

An actor speaks; in the content of what he says, a country-of-the-speaker noun, or a pronoun on the
complementizer that opens the content right before a verb trigger, refers to him. Such words become
argument mentions of the speaker's actor (kind ``speaker_reference``), so the ordinary argument rules
find the source of "إن بلاده قدمت الدعم" as they find it in "إن تركيا قدمت الدعم". Nothing else in the
content (another actor's pronoun, an expletive "إنه تم") is read as the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .normalize import Normalized
from .relation_arguments import SPEAKER_REFERENCE
from .relation_clauses import MentionTuple
from .relation_lexicon import RelationLexicon
from .relation_markers import Claim

__all__ = ["SPEAKER_REFERENCE", "speaker_references"]

_WORD = re.compile(r"\w+")
#: Speakers that are no actor of the list: words standing for them make no argument.
lexicon_unknown_speakers = frozenset({"UNKNOWN", "MEDIA"})


def speaker_references(norm: Normalized, claims: Sequence[Claim], lexicon: RelationLexicon
                       ) -> list[MentionTuple]:
    """Mentions of each claim's speaker made of the words in its content that refer to him."""
    out: list[MentionTuple] = []
    seen: set[int] = set()
    text = norm.text
    for claim in claims:
        if claim.speaker in lexicon_unknown_speakers:
            continue  # an unnamed source is no actor: its "إنه" stands for nobody on the list
        ns, ne = norm.norm_index(claim.start), norm.norm_index(claim.end)
        words = list(_WORD.finditer(text, ns, ne))
        for k, w in enumerate(words):
            token = w.group()
            refers = token in lexicon.speaker_words or token in lexicon.first_person_forms
            if not refers and k <= 1 and token in lexicon.speaker_pronouns:
                # "إنها تستهدف": the pronoun of the complementizer opening the content, before a verb trigger
                nxt = words[k + 1].group() if k + 1 < len(words) else ""
                refers = any(t.kind == "verb" for t in lexicon.triggers.get(nxt, ()))
            if refers and w.start() not in seen:  # nested statements: the innermost speaker (claims come so)
                seen.add(w.start())
                rs, re_ = norm.raw_span(w.start(), w.end())
                out.append((claim.speaker, rs, re_, w.start(), w.end(), SPEAKER_REFERENCE))
    return out
