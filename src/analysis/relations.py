"""Who does what to whom: directed, typed relations between actors, with their polarity, modality and
the speaker whose claim they are.

Co-mention says two actors share a sentence; a relation says one *acts on* the other. Event coders
(PETRARCH, CAMEO) do this for English with full parsers; here a transparent pattern lexicon
(``lexicons/relations.yaml``: verbs, verbal nouns and participles, with their paradigms) is matched on
normalized text, token by token, and the arguments are taken from the actor mentions of the same clause
by a few positional rules (docs/network.md). The work is split by concern:

* :mod:`analysis.relation_lexicon`: the lexicon compiled (trigger forms, markers, non-argument words);
* :mod:`analysis.relation_clauses`: one sentence's tokens, clauses and the mentions that may be arguments;
* :mod:`analysis.relation_arguments`: the argument rules (svo, vso, agent, passive, genitive, between ...);
* :mod:`analysis.relation_speakers`: words of a statement that stand for its speaker (إن بلاده ...);
* :mod:`analysis.relation_markers`: polarity (``neg``: negation, denial, refusal, withdrawal, stopping),
  modality (``hyp``: conditions, offers, readiness, threats, futures, calls, questions) and claims;
* this module: the extractor over a document, ``statement_about`` from the stance statements, the rows of
  ``relations.csv`` and the pipeline plug-in.

Relations that are denied, stopped or only hypothetical are kept as rows (``polarity``, ``modality``);
the graphs and summaries count ``pos`` + ``real`` relations by default. Matching is one dictionary
look-up per token: no loop over patterns.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema
from .lazy_modules import lazy_module
from .normalize import Normalized, NormalizeConfig, normalize
from .relation_arguments import sentence_relations
from .relation_clauses import MentionTuple, Sentence, matchers, may_hold_trigger
from .relation_lexicon import DEFAULT_LEXICON, STATEMENT_ABOUT, RelationLexicon, load_lexicon
from .relation_markers import claim_at, claims_index, marks
from .relation_speakers import speaker_references
from .segment import Segmentation, segment

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

log = logging.getLogger(__name__)

__all__ = [
    "Relation",
    "RelationLexicon",
    "load_lexicon",
    "extract_relations",
    "find_relations",
    "relation_rows",
    "counted",
    "counted_rows",
    "ROW_TABLES",
    "ANALYZER",
    "RELATION_TYPES",
    "POLARITIES",
    "MODALITIES",
    "DEFAULT_LEXICON",
]

#: Speakers that are not actors: their statements make no relation.
_NON_ACTOR_SPEAKERS = frozenset({"", "OUTLET", "UNKNOWN"})

#: Relation types of the packaged lexicon plus statement_about (documentation and validation).
RELATION_TYPES = ("attack", "support", "coordinate", "oppose", STATEMENT_ABOUT)
POLARITIES = ("pos", "neg")
MODALITIES = ("real", "hyp")


@dataclass(frozen=True)
class Relation:
    """One directed, typed relation, with every span in raw offsets."""

    start: int  # the evidence: from the first of source/verb/target to the last
    end: int
    source_actor: str
    relation: str
    target_actor: str
    verb: str  # the trigger as written (raw)
    verb_start: int
    verb_end: int
    source_start: int
    source_end: int
    target_start: int | None
    target_end: int | None
    polarity: str  # pos / neg
    modality: str  # real / hyp
    markers: str  # the marker groups that set polarity and modality (`polarity:denial|modality:call`)
    claim_of: str  # speaker actor of the statement holding the trigger; empty in narration
    statement_start: int | None  # start of that statement's content
    rule: str  # which argument rule fired: svo, vso, antecedent, agent, passive, genitive, between, ...
    sentence_id: int


def counted(relation: Any) -> bool:
    """Is a relation (object, row dict or namedtuple) one the graphs count by default: a positive, real
    event (``polarity == "pos"`` and ``modality == "real"``)?"""
    get = relation.get if isinstance(relation, dict) else (lambda k, d=None: getattr(relation, k, d))
    return str(get("polarity", "pos") or "pos") == "pos" and str(get("modality", "real") or "real") == "real"


def counted_rows(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The rows of a relations table that the graphs and summaries count (``pos`` + ``real``), and how many
    were left out; a table without the columns (an older run) counts every row."""
    keep = pd.Series(True, index=frame.index)
    for column, value in (("polarity", "pos"), ("modality", "real")):
        if column in frame.columns:
            keep &= frame[column].fillna(value).astype(str).isin([value, ""])
    return frame[keep], int((~keep).sum())


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def _mention_tuples(mentions: Iterable[Any], norm: Normalized,
                    excluded: list[tuple[int, int]] = ()) -> list[MentionTuple]:  # type: ignore[assignment]
    """(actor, raw start, raw end, norm start, norm end, kind) of each mention outside ``excluded`` spans."""
    out = []
    for m in mentions:
        if isinstance(m, dict):
            start, end, ns, ne, actor = (int(m.get("start")), int(m.get("end")), m.get("norm_start"),  # type: ignore[arg-type]
                                         m.get("norm_end"), m.get("actor"))
            kind = m.get("kind", "")
        else:  # one getattr each, not _get's isinstance per field: this runs for every mention
            start, end = int(getattr(m, "start", None)), int(getattr(m, "end", None))  # type: ignore[arg-type]
            ns, ne, actor = getattr(m, "norm_start", None), getattr(m, "norm_end", None), getattr(m, "actor", None)
            kind = getattr(m, "kind", "")
        if any(s < end and start < e for s, e in excluded):
            continue  # the place of a dateline ("دمشق، سوريا (CNN)--") is no party to anything
        if ns is None or ne is None:
            ns, ne = norm.norm_index(start), norm.norm_index(end)
        if ne <= ns:
            continue
        out.append((str(actor), start, end, int(ns), int(ne), str(kind or "")))
    return sorted(out, key=lambda t: (t[1], t[2]))


def extract_relations(
    text: str,
    norm: Normalized,
    seg: Segmentation,
    mentions: Iterable[Any],
    statements: Iterable[Any] = (),
    lexicon: RelationLexicon | None = None,
    boilerplate: Iterable[Any] = (),
) -> list[Relation]:
    """Relations of one document, sorted by start. ``mentions``: objects or dicts with ``start``, ``end``,
    ``actor`` (raw offsets; ``norm_start``/``norm_end`` used when present; ``kind`` tells places);
    ``statements``: the stance module's statements (``speaker_actor``, ``targets``, ``start``, ``end``,
    ``verb``, speaker span); ``boilerplate``: the document's boilerplate spans (``start``, ``end``,
    ``kind``): mentions in those of the lexicon's ``boilerplate_kinds`` (datelines) are no arguments."""
    lexicon = lexicon or load_lexicon()
    statements = list(statements)
    token_re, automaton = matchers(lexicon)
    excluded = [(int(_get(b, "start")), int(_get(b, "end"))) for b in boilerplate
                if str(_get(b, "kind", "")) in lexicon.boilerplate_kinds]
    claims = claims_index(statements)
    tuples = sorted(_mention_tuples(mentions, norm, excluded) + speaker_references(norm, claims, lexicon),
                    key=lambda t: (t[1], t[2]))
    mstarts = [t[1] for t in tuples]
    out: list[Relation] = []
    for s in seg.sentences:
        lo, hi = bisect.bisect_left(mstarts, s.start), bisect.bisect_left(mstarts, s.end)
        if hi - lo < 2:
            continue  # a relation needs two actors in the sentence
        nstart, nend = norm.norm_index(s.start), norm.norm_index(s.end)
        if not may_hold_trigger(automaton, norm.text, nstart, nend):
            continue  # no trigger word: tokens, clauses and argument rules would find nothing
        sent = Sentence(norm, nstart, nend, tuples[lo:hi], lexicon, token_re)
        for f in sentence_relations(sent, lexicon):
            m = marks(sent, f, lexicon)
            first = f.trig_first if m.trigger_from is None else m.trigger_from
            vs, ve = norm.raw_span(sent.tokens[first].nstart, sent.tokens[f.trig_last].nend)
            claim = claim_at(claims, vs)
            out.append(Relation(
                start=min(vs, f.source.start, f.target.start), end=max(ve, f.source.end, f.target.end),
                source_actor=f.source.actor, relation=f.relation, target_actor=f.target.actor,
                verb=text[vs:ve], verb_start=vs, verb_end=ve, source_start=f.source.start, source_end=f.source.end,
                target_start=f.target.start, target_end=f.target.end, polarity=m.polarity, modality=m.modality,
                markers=m.markers, claim_of=claim.speaker if claim else "",
                statement_start=claim.start if claim else None, rule=f.rule,
                sentence_id=s.sentence_id,
            ))
    out.extend(_statement_relations(statements, seg))
    out.sort(key=lambda r: (r.start, r.end, r.verb_start, r.source_start, r.relation, r.target_actor))
    return out


def _statement_relations(statements: Iterable[Any], seg: Segmentation) -> list[Relation]:
    out = []
    for st in statements:
        speaker = str(_get(st, "speaker_actor", "") or "")
        if speaker in _NON_ACTOR_SPEAKERS:
            continue
        targets = _get(st, "targets", ()) or ()
        if isinstance(targets, str):
            targets = [t for t in targets.split("|") if t]
        start, end = int(_get(st, "start")), int(_get(st, "end"))
        ss, se = _get(st, "speaker_start"), _get(st, "speaker_end")
        sentence = seg.sentence_at(start)
        for target in dict.fromkeys(targets):
            if target == speaker or target in _NON_ACTOR_SPEAKERS:
                continue
            out.append(Relation(
                start=start, end=end, source_actor=speaker, relation=STATEMENT_ABOUT, target_actor=str(target),
                verb=str(_get(st, "verb", "") or ""), verb_start=start, verb_end=start,
                source_start=int(ss) if ss is not None else start, source_end=int(se) if se is not None else start,
                target_start=None, target_end=None, polarity="pos", modality="real", markers="", claim_of="",
                statement_start=None, rule="statement",
                sentence_id=sentence.sentence_id if sentence else int(_get(st, "sentence_id", -1) or -1),
            ))
    return out


def find_relations(
    text: str,
    *,
    mentions: Iterable[Any] | None = None,
    statements: Iterable[Any] = (),
    lexicon: str | Path | RelationLexicon | None = None,
    normalization: NormalizeConfig | None = None,
) -> list[Relation]:
    """Relations in one raw text (notebooks and tests). Without ``mentions`` the actor detector runs here."""
    if isinstance(lexicon, RelationLexicon):
        lex = lexicon
    else:
        lex = load_lexicon(lexicon, normalization=normalization)
    norm = normalize(text, normalization)
    seg = segment(text)
    if mentions is None:
        from .actors import find_mentions

        mentions = find_mentions(text)
    return extract_relations(text, norm, seg, mentions, statements, lex)


# --- the pipeline plug-in ---------------------------------------------------------------------------

#: The row table this component writes, its columns in file order (declared in analysis.schema;
#: ``is_boilerplate`` is set by the pipeline from the document's boilerplate spans).
ROW_TABLES: dict[str, list[str]] = {"relations": schema.RELATIONS.columns}


def relation_rows(doc_id: str, text: str, seg: Segmentation, relations: Iterable[Relation]) -> list[dict[str, Any]]:
    """Rows of ``relations.csv`` for one document."""
    sentences = {s.sentence_id: s for s in seg.sentences}
    rows = []
    for r in relations:
        s = sentences.get(r.sentence_id)
        rows.append({
            "doc_id": doc_id, "start": r.start, "end": r.end, "source_actor": r.source_actor,
            "relation": r.relation, "target_actor": r.target_actor, "verb": r.verb, "verb_start": r.verb_start,
            "verb_end": r.verb_end, "source_start": r.source_start, "source_end": r.source_end,
            "target_start": r.target_start, "target_end": r.target_end, "polarity": r.polarity,
            "modality": r.modality, "markers": r.markers, "claim_of": r.claim_of,
            "statement_start": r.statement_start, "rule": r.rule,
            "sentence_id": r.sentence_id, "in_headline": bool(s and s.is_headline),
            "is_repeated": bool(s and s.is_repeated), "sentence": text[s.start : s.end] if s else "",
        })
    return rows


def ANALYZER(doc: Any, resources: Any) -> dict[str, list[dict[str, Any]]]:  # noqa: N802 (pipeline component)
    """Relations of one document (an :class:`analysis.doc.Doc`) from its ``mentions`` and ``statements``
    layers; assigns its ``relations`` layer."""
    options = resources.options
    path = options.relation_lexicon
    lexicon = resources.get(f"relation_lexicon:{path}",
                            lambda: load_lexicon(path, normalization=options.normalization))
    relations = extract_relations(doc.text, doc.norm, doc.seg, doc.mentions, doc.statements, lexicon,
                                  doc.boilerplate)
    doc.relations = relations
    return {"relations": relation_rows(doc.doc_id, doc.text, doc.seg, relations)}
