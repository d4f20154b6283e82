"""Public entry points (one text, for notebooks and tests) and the pipeline plug-in (one document of a run)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import schema, speakers
from ..normalize import Normalized, NormalizeConfig, normalize
from ..segment import Segmentation, segment
from .attribution import find_frames, furniture_spans, statements_of
from .cues import cues_of
from .document import Doc
from .lexicon import DEFAULT_LEXICON, StanceLexicon, load_lexicon
from .records import Cue, Statement

log = logging.getLogger(__name__)


def _mentions_for(text: str, mentions: Iterable[Any] | None) -> list[Any]:
    if mentions is not None:
        return list(mentions)
    try:
        from ..actors import find_mentions  # type: ignore[attr-defined]
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
             rules: speakers.SpeakerRules | None = None, furniture: Iterable[Any] = ()) -> tuple[list[Statement], list[Cue]]:
    doc = Doc(text, norm, seg, mentions, lex, rules)
    doc.furniture = furniture_spans(doc, furniture)
    frames = find_frames(doc)
    statements = statements_of(doc, frames)
    return statements, cues_of(doc, statements, frames)


def find_statements(text: str, **kwargs: Any) -> list[Statement]:
    """Reported statements of one text; keyword options as :func:`analyze_text`."""
    return analyze_text(text, **kwargs)[0]


def find_cues(text: str, **kwargs: Any) -> list[Cue]:
    """Stance cues of one text; keyword options as :func:`analyze_text`."""
    return analyze_text(text, **kwargs)[1]


# --- the pipeline plug-in ------------------------------------------------------------------------------

#: The row tables this component writes, with their columns in file order (declared in analysis.schema;
#: ``is_boilerplate`` is set by the pipeline from the document's boilerplate spans).
ROW_TABLES: dict[str, list[str]] = {"statements": schema.STATEMENTS.columns, "cues": schema.CUES.columns}


def _statement_row(doc_id: str, st: Statement) -> dict[str, Any]:
    return {"doc_id": doc_id, "start": st.start, "end": st.end, "speaker_actor": st.speaker_actor,
            "speaker_start": st.speaker_start, "speaker_end": st.speaker_end, "verb": st.verb,
            "quote_type": st.quote_type, "targets": "|".join(st.targets), "sentence_id": st.sentence_id,
            "commitment": st.commitment, "n_words": st.n_words,
            "quoted_spans": "|".join(f"{a}-{b}" for a, b in st.quoted_spans)}


def _cue_row(doc_id: str, cue: Cue) -> dict[str, Any]:
    # a shallow copy: asdict() deep-copies every (immutable) cell and cost a fifth of the analyzer
    return {"doc_id": doc_id, "start": cue.start, "end": cue.end, "surface": cue.surface, "category": cue.category,
            "subtype": cue.subtype, "speaker_actor": cue.speaker_actor, "target_actor": cue.target_actor,
            "marked_by": cue.marked_by, "words_of": cue.words_of, "sentence_id": cue.sentence_id}


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
    statements, cues = _analyze(doc.text, doc.norm, doc.seg, list(doc.mentions), lex, rules,
                                furniture=doc.boilerplate)
    doc.statements = statements
    doc.cues = cues
    doc_id = doc.doc_id
    return {"statements": [_statement_row(doc_id, s) for s in statements], "cues": [_cue_row(doc_id, c) for c in cues]}
