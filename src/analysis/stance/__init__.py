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
4. names come before cues (no cue inside an organisation or title name), exclusion contexts and word
   sense (qalsadi for قد + perfect) cancel homographs; quotations are partial quotes, scare quotes, quoted
   names or statements, so-called constructions their own cue; cues take the voice of the statement they
   sit in, evaluative terms the actor they evaluate.

Modules: ``records`` (Statement, Cue, the OUTLET and UNKNOWN voices), ``lexicon`` (the compiled lexicon),
``document`` (one document's normalized view), ``frames`` (reporting-verb frames), ``verbless_frames``
(headline colons, according-to markers), ``attribution`` (statements from frames), ``names`` (name spans),
``sense`` (morphology), ``quotation`` (the four kinds), ``cues`` and ``analyzer`` (entry points and the
pipeline plug-in). Everything is imported from ``analysis.stance``.
"""

from __future__ import annotations

from .analyzer import ANALYZER, ROW_TABLES, analyze_text, find_cues, find_statements
from .analyzer import _cue_row, _statement_row  # row builders the table tests check
from .cues import _variant_of  # the naming variant of a mention row (analysis.comparisons)
from .document import Doc as _Doc  # the document view the speaker tests build
from .lexicon import DEFAULT_LEXICON, StanceLexicon, load_lexicon
from .records import CATEGORIES, COMMITMENTS, OUTLET, UNKNOWN, Cue, QuoteType, Statement

__all__ = [
    "Cue", "Statement", "StanceLexicon", "load_lexicon", "find_cues", "find_statements", "analyze_text",
    "ROW_TABLES", "ANALYZER",
    "CATEGORIES", "OUTLET", "UNKNOWN", "DEFAULT_LEXICON",
]
