"""Actor mentions: one Aho-Corasick pass over normalized text, with offsets back into the raw text.

The lexicon (``lexicons/actors.yaml``, format in docs/actors.md) is compiled once per process into a
single automaton whose keys already carry what the matcher needs to know, so the per-document work is one
C-level pass plus a little Python per hit:

* **Word boundaries**: the text is matched through a *view* of the normalized text in which every
  non-word character is a space (and Latin letters are lower-cased), padded with a space at each end;
  every key starts and ends with a space, so a key can only match whole words.
* **Proclitics**: each form is inserted with the proclitic strings Arabic news attaches to a noun
  (و ف, then ب ل ك, alone or combined: وب, فل...), and forms starting with ال also in the fused
  ل + ال = لل spelling (للقوات). The reported span never includes the proclitic (for لل it starts at the
  second ل, the article's). Attached pronouns are added only for entries marked ``enclitics: true``.
* **Longest match**: overlapping candidates are resolved leftmost-longest; an *exclude* entry (Washington
  Post, Lake Assad) can win and then yields nothing, which is how listed non-mentions silence aliases.
* **Places**: an alias marked ``place: true`` (capitals, country names) is not an actor mention after a
  place cue (في موسكو, ريف دمشق) or with the ب proclitic (بموسكو).
* **Coordinated nisbas**: "الطيران الحربي السوري والروسي" names two actors with one head; a second nisba
  attached with و right after a head + nisba descriptor, agreeing with the first, is a mention of its own
  actor when the lexicon generates the head with that nisba too (span on the nisba word).
* **Anaphora**: entries with ``needs_antecedent`` (التنظيم, التحالف, الأكراد) count only when licensed:
  an earlier named mention of a licensing actor in the document (or, where declared, one in the same
  sentence), and no rival actor or excluded tag mentioned more recently than it. Entries that need no
  antecedent but declare ``rivals`` are dropped when a rival was named earlier in the document.

The lexicon is compiled in :mod:`analysis.actor_lexicon`, matched in :mod:`analysis.actor_matching`; this
module is the pipeline component and keeps every name importable from here.
"""

from __future__ import annotations

from typing import Any

from . import schema
from .actor_lexicon import (  # noqa: F401 (re-exported: importers use analysis.actors)
    Kind,
    KINDS,
    DEFAULT_LEXICON,
    PROCLITICS,
    ENCLITICS,
    NISBA_ENDINGS,
    NISBA_PLURAL_ENDINGS,
    PRONOUN_MARK,
    Mention,
    Actor,
    Entry,
    Lexicon,
    load_lexicon,
    lexicon_forms,
)
from .actor_matching import mentions_in, find_mentions  # noqa: F401 (re-exported)

__all__ = [
    "Mention",
    "Actor",
    "Entry",
    "Lexicon",
    "KINDS",
    "DEFAULT_LEXICON",
    "load_lexicon",
    "find_mentions",
    "mentions_in",
    "lexicon_forms",
    "ROW_TABLES",
    "ANALYZER",
]

# --- pipeline plug-in ---------------------------------------------------------------------------------

MENTION_COLUMNS = schema.MENTIONS.columns
ROW_TABLES: dict[str, list[str]] = {"mentions": MENTION_COLUMNS}


def _resource_lexicon(resources: Any) -> Lexicon:
    options = resources.options
    path = getattr(options, "actor_lexicon", None)
    return resources.get(
        f"actors.lexicon:{path or ''}",
        lambda: load_lexicon(path, normalization=options.normalization),
    )


def ANALYZER(doc: Any, resources: Any) -> dict[str, list[dict]]:  # noqa: N802 (pipeline component)
    """Find the mentions of ``doc`` (an :class:`analysis.doc.Doc`); assign its ``mentions`` layer; return the rows."""
    mentions = mentions_in(doc.norm, doc.seg, _resource_lexicon(resources))
    doc.mentions = mentions
    doc_id = doc.doc_id
    return {"mentions": [
        {"doc_id": doc_id, "start": m.start, "end": m.end, "surface": m.surface, "actor": m.actor,
         "component": m.component, "alias": m.alias, "kind": m.kind, "sentence_id": m.sentence_id,
         "paragraph_id": m.paragraph_id, "in_headline": m.in_headline, "in_quotes": m.in_quotes,
         "is_repeated": m.is_repeated}
        for m in mentions
    ]}
