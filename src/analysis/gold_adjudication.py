"""Agreement between the two annotators of the development gold, the listing of what they did not annotate
identically, and the adjudicated merge into the final gold tables.

:func:`annotator_agreement` scores one annotator against the other with
:func:`analysis.evaluation.evaluate`; :func:`disagreements` lists for a person what the two did not
annotate identically, and :func:`merge_adjudicated` builds the final tables from the identical rows plus
that person's keep/drop decisions (procedure in ``data/gold/README.md``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .evaluation import SCORE_COLUMNS, _typed, evaluate, label_accuracy, match_spans

from .gold_annotations import (
    _AGREEMENT_LABEL,
    _DEV_LAYERS,
    _IDENTITY,
    DECISION_COLUMNS,
    DEV_GOLD_COLUMNS,
    DEV_GOLD_DIR,
    Annotations,
    _text_of,
    _texts,
)

log = logging.getLogger("analysis.dev_gold")  # the name its records have always had

# --- agreement -------------------------------------------------------------------------------------------

AGREEMENT_COLUMNS = ["reference", "compared", *SCORE_COLUMNS, "n_agree", "accuracy"]


def _docs(first: Annotations, second: Annotations, doc_ids: Iterable[str] | None) -> set[str]:
    if doc_ids is not None:
        return {str(d) for d in doc_ids}
    return {d for a in (first, second) for layer in _DEV_LAYERS for d in a.layer(layer)["doc_id"]}


def _pair_agreement(first: Annotations, second: Annotations, docs: set[str], reference: str, compared: str
                    ) -> list[pd.DataFrame]:
    parts = []
    for layer, label, attribute in (("mentions", "actor", "kind"), ("statements", "speaker_actor", "quote_type")):
        a, b = first.layer(layer), second.layer(layer)
        parts.append(evaluate(layer, b, a, by=label, match="overlap", doc_ids=docs))
        parts.append(label_accuracy(layer, b, a, attribute, match="overlap", doc_ids=docs))
    for part in parts:
        part.insert(0, "compared", compared)
        part.insert(0, "reference", reference)
    return parts


def annotator_agreement(
    pairs: Sequence[tuple[Annotations, Annotations]],
    *,
    doc_ids: Mapping[tuple[str, str], Iterable[str]] | None = None,
) -> pd.DataFrame:
    """Inter-annotator agreement per layer and actor, for each pair of annotators and pooled over pairs.

    For a pair (A, B), B is scored against A with :func:`analysis.evaluation.evaluate` (overlap matching,
    one-to-one): mentions with the same actor, statements whose contents overlap with the same speaker
    actor. ``n_gold`` counts A's rows, ``n_predicted`` B's, and F1 is symmetric (swapping A and B swaps
    precision and recall). Rows with ``by`` = ``kind`` / ``quote_type`` give the agreement on that label
    among the spans matched regardless of label (``n_agree``, ``accuracy``). Pooled rows (``reference`` and
    ``compared`` = ``*``) score every pair's documents at once. ``doc_ids``: the documents each pair
    annotated, keyed by ``(A.annotator, B.annotator)`` (default: the documents with rows of either).
    """
    parts: list[pd.DataFrame] = []
    pooled_a: dict[str, list[pd.DataFrame]] = {layer: [] for layer in _DEV_LAYERS}
    pooled_b: dict[str, list[pd.DataFrame]] = {layer: [] for layer in _DEV_LAYERS}
    all_docs: set[str] = set()
    for first, second in pairs:
        docs = _docs(first, second, (doc_ids or {}).get((first.annotator, second.annotator)))
        all_docs |= docs
        parts += _pair_agreement(first, second, docs, first.annotator, second.annotator)
        for layer in _DEV_LAYERS:
            pooled_a[layer].append(first.layer(layer))
            pooled_b[layer].append(second.layer(layer))
    if len(pairs) > 1:
        def pooled(tables: dict[str, list[pd.DataFrame]]) -> Annotations:
            frames = {layer: pd.concat(tables[layer], ignore_index=True) for layer in _DEV_LAYERS}
            return Annotations("*", frames["mentions"], frames["statements"], pd.DataFrame())
        parts += _pair_agreement(pooled(pooled_a), pooled(pooled_b), all_docs, "*", "*")
    if not parts:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    return pd.concat(parts, ignore_index=True)[AGREEMENT_COLUMNS]


# --- adjudication ----------------------------------------------------------------------------------------

DISAGREEMENT_COLUMNS = ["doc_id", "layer", "annotator", "line", "occurrence", "surface", "start", "end", "label",
                        "detail", "other_annotator", "other_surface", "other_label", "context", "decision", "reason"]


def _key_frame(frame: pd.DataFrame, layer: str) -> pd.Series:
    cols = _IDENTITY[layer]
    keys = ["\x1f".join("" if pd.isna(v) else str(v) for v in row) for row in frame[cols].itertuples(index=False)]
    return pd.Series(keys, index=frame.index, dtype=object)


def _split(first: Annotations, second: Annotations, layer: str, docs: set[str]
           ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(rows both annotated identically, first's other rows, second's other rows) of one layer."""
    a = first.layer(layer)
    b = second.layer(layer)
    for annotations, frame in ((first, a), (second, b)):
        outside = int((~frame["doc_id"].isin(docs)).sum())
        if outside:
            log.warning("%s: %d %s row(s) of documents outside the pair's batch are left out",
                        annotations.annotator, outside, layer)
    a = a[a["doc_id"].isin(docs)].reset_index(drop=True)
    b = b[b["doc_id"].isin(docs)].reset_index(drop=True)
    ka, kb = _key_frame(a, layer), _key_frame(b, layer)
    agreed_a = ka.isin(set(kb)) if len(a) else pd.Series(dtype=bool)
    agreed_b = kb.isin(set(ka)) if len(b) else pd.Series(dtype=bool)
    return a[agreed_a], a[~agreed_a], b[~agreed_b]


def _label(row: Any, layer: str) -> str:
    if layer == "mentions":
        return f"{row.actor}/{row.kind}"
    return f"{row.speaker_actor}/{row.quote_type}"


def _detail(row: Any, layer: str) -> str:
    if layer == "mentions":
        return str(row.note or "")
    parts = [f"verb={row.verb}", f"speaker={row.speaker_surface or '-'}"]
    if row.quoted_fragments:
        parts.append(f"fragments={row.quoted_fragments}")
    if row.note:
        parts.append(f"note={row.note}")
    return "; ".join(parts)


def _listing(own: pd.DataFrame, other: pd.DataFrame, other_name: str, layer: str,
             texts: Mapping[str, str], window: int) -> list[dict[str, Any]]:
    if not len(own):
        return []
    # the other annotator's closest row over the same text (any label), to show what they decided instead
    to_other, _ = match_spans(own, other, [], "overlap")
    rows = []
    for i, row in enumerate(own.itertuples(index=False)):
        j = int(to_other[i])
        partner = other.iloc[j] if j >= 0 else None
        text = _text_of(texts, row.doc_id)
        context = ""
        if text is not None:
            s, e = int(row.start), int(row.end)
            context = f"{text[max(0, s - window):s]}[{text[s:e]}]{text[e:e + window]}".replace("\n", " ")
        rows.append({
            "doc_id": row.doc_id, "layer": layer, "annotator": row.annotator, "line": int(row.line),
            "occurrence": int(row.occurrence) if layer == "mentions" else "", "surface": row.surface,
            "start": int(row.start), "end": int(row.end), "label": _label(row, layer), "detail": _detail(row, layer),
            "other_annotator": other_name,
            "other_surface": partner["surface"] if partner is not None else "",
            "other_label": _label(partner, layer) if partner is not None else "",
            "context": context, "decision": "", "reason": "",
        })
    return rows


def disagreements(
    pairs: Sequence[tuple[Annotations, Annotations]],
    texts: Mapping[str, str] | str | Path | None = None,
    *,
    doc_ids: Mapping[tuple[str, str], Iterable[str]] | None = None,
    window: int = 40,
) -> pd.DataFrame:
    """Every row that one annotator of a pair has and the other has not annotated identically.

    Identical means the same span and attributes: for mentions start, end, actor and kind; for statements
    the content span, speaker actor and span, verb, quote type and quoted fragments. Each listed row
    names its annotator, its ``line`` and ``surface`` (and ``occurrence`` for mentions), ``label``
    (actor/kind or speaker actor/quote type), ``detail`` (verb, speaker, fragments, note), the other
    annotator's overlapping row if any (``other_surface``, ``other_label``) and ``context`` (``window``
    characters either side, span in [brackets], when ``texts`` are given). ``decision`` and ``reason``
    are left empty for the adjudicator: save the listing with them filled (``keep`` or ``drop``) as
    ``data/gold/dev/adjudication.csv`` and pass it to :func:`merge_adjudicated`.
    """
    pairs = list(pairs)
    wanted = {d for a, b in pairs for layer in _DEV_LAYERS for d in pd.concat([a.layer(layer), b.layer(layer)])["doc_id"]}
    text_map: Mapping[str, str] = _texts(texts, wanted) if texts is not None else {}
    rows: list[dict[str, Any]] = []
    for first, second in pairs:
        docs = _docs(first, second, (doc_ids or {}).get((first.annotator, second.annotator)))
        for layer in _DEV_LAYERS:
            _, only_a, only_b = _split(first, second, layer, docs)
            other_b = second.layer(layer)[second.layer(layer)["doc_id"].isin(docs)].reset_index(drop=True)
            other_a = first.layer(layer)[first.layer(layer)["doc_id"].isin(docs)].reset_index(drop=True)
            rows += _listing(only_a.reset_index(drop=True), other_b, second.annotator, layer, text_map, window)
            rows += _listing(only_b.reset_index(drop=True), other_a, first.annotator, layer, text_map, window)
    table = pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)
    return table.sort_values(["doc_id", "line", "start", "layer", "annotator"], kind="stable").reset_index(drop=True)


def _decisions(decisions: pd.DataFrame | str | Path) -> pd.DataFrame:
    if not isinstance(decisions, pd.DataFrame):
        decisions = pd.read_csv(decisions, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    missing = [c for c in DECISION_COLUMNS if c not in decisions.columns]
    if missing:
        raise ValueError(f"decisions lack column(s) {missing}; they have {list(decisions.columns)}")
    out = decisions.copy().fillna("")
    for column in out.columns:
        out[column] = out[column].astype(str).str.strip()
    out = out[out["decision"] != ""]  # not decided yet: reported as undecided by the merge
    bad = out[~out["decision"].isin(["keep", "drop"])]
    if len(bad):
        raise ValueError(f"decision must be keep or drop, row: {bad.iloc[0][DECISION_COLUMNS].to_dict()}")
    if "occurrence" not in out.columns:
        out["occurrence"] = ""
    out["line"] = out["line"].astype(int).astype(str)
    return out.reset_index(drop=True)


def merge_adjudicated(
    pairs: Sequence[tuple[Annotations, Annotations]],
    decisions: pd.DataFrame | str | Path,
    *,
    doc_ids: Mapping[tuple[str, str], Iterable[str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """The final development gold: rows both annotators made identically, plus the rows an adjudicator kept.

    ``decisions`` (a DataFrame or ``data/gold/dev/adjudication.csv``): columns ``doc_id, layer, annotator,
    line, surface, decision, reason`` (more columns, e.g. the rest of :func:`disagreements`' listing, are
    ignored; an ``occurrence`` column, when filled, tells apart two mentions of one surface on a line).
    A decision applies to every listed row with the same doc_id, layer, annotator, line and surface
    (and occurrence). Every row of :func:`disagreements` needs exactly one decision; a decision that
    matches no listed row, or two different decisions for one row, are errors (ValueError); rows with an
    empty ``decision`` count as undecided, so a half-filled listing says what remains.

    Returns ``{"mentions": ..., "statements": ...}`` with :data:`DEV_GOLD_COLUMNS`, sorted by document and
    offset. Two kept rows of the same label that overlap are logged (both annotators' versions kept).
    """
    table = _decisions(decisions)
    table["_used"] = False
    agreed: dict[str, list[pd.DataFrame]] = {layer: [] for layer in _DEV_LAYERS}
    undecided: list[str] = []
    for first, second in pairs:
        docs = _docs(first, second, (doc_ids or {}).get((first.annotator, second.annotator)))
        for layer in _DEV_LAYERS:
            same, only_a, only_b = _split(first, second, layer, docs)
            agreed[layer].append(same)
            for row in pd.concat([only_a, only_b]).itertuples(index=False):
                hit = ((table["doc_id"] == row.doc_id) & (table["layer"] == layer)
                       & (table["annotator"] == row.annotator) & (table["line"] == str(int(row.line)))
                       & (table["surface"] == row.surface))
                if layer == "mentions":
                    hit &= (table["occurrence"] == "") | (table["occurrence"] == str(int(row.occurrence)))
                found = table[hit]
                where = f"{row.annotator} {layer} {row.doc_id} line {int(row.line)} {row.surface!r}"
                if found.empty:
                    undecided.append(where)
                    continue
                if found["decision"].nunique() > 1:
                    raise ValueError(f"conflicting decisions for {where}")
                table.loc[found.index, "_used"] = True
                if found["decision"].iloc[0] == "keep":
                    agreed[layer].append(pd.DataFrame([row._asdict()]))
    if undecided:
        raise ValueError(f"{len(undecided)} disagreement(s) without a decision:\n  " + "\n  ".join(undecided))
    stale = table[~table["_used"]]
    if len(stale):
        raise ValueError(f"{len(stale)} decision(s) match no disagreement, first: "
                         f"{stale.iloc[0][DECISION_COLUMNS].to_dict()}")
    result = {}
    for layer in _DEV_LAYERS:
        frames = [f for f in agreed[layer] if len(f)]
        merged = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=DEV_GOLD_COLUMNS[layer])
        merged = _typed(merged[DEV_GOLD_COLUMNS[layer]], layer, f"merged {layer}")
        merged = merged.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
        label = _AGREEMENT_LABEL[layer]
        twins = _overlapping(merged, label)
        if twins:
            log.warning("%s: %d kept row(s) overlap another with the same %s", layer, twins, label)
        result[layer] = merged
    return result


def _overlapping(frame: pd.DataFrame, label: str) -> int:
    """How many rows overlap an earlier row of the same document and label (sorted by start)."""
    count = 0
    for _, group in frame.groupby(["doc_id", label], sort=False):
        ends = group.sort_values("start", kind="stable")[["start", "end"]].to_numpy()
        reach = -1
        for start, end in ends:
            count += int(start < reach)
            reach = max(reach, int(end))
    return count


def write_dev_gold(tables: Mapping[str, pd.DataFrame], out_dir: str | Path | None = None) -> list[Path]:
    """Write ``mentions.csv`` and ``statements.csv`` (UTF-8, the columns of :data:`DEV_GOLD_COLUMNS`)."""
    folder = Path(out_dir) if out_dir is not None else DEV_GOLD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for layer in _DEV_LAYERS:
        path = folder / f"{layer}.csv"
        tables[layer][DEV_GOLD_COLUMNS[layer]].to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        written.append(path)
    return written
