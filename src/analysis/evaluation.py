"""Evaluation against hand annotations: one gold loader and one scorer for every annotated layer.

Layers: ``mentions`` (actor mentions), ``statements`` (reported speech; the span is the reported
content), ``cues`` (stance cues) and ``relations`` (the span is the trigger). Every layer is a table of
spans ``(doc_id, start, end)`` with label columns; offsets index into the document text as the corpus
reader (:func:`analysis.corpus.iter_corpus`) decodes it.

Matching
    A predicted span and a gold span can match when they are in the same document, carry the same label
    (the value of the ``by`` column, and for relations always the same source, type and target) and, with
    ``match="overlap"``, share at least one character (touching spans do not overlap) or, with
    ``match="exact"``, have the same start and end. Matching is **one-to-one**: each gold span is matched
    to at most one predicted span and vice versa, greedily by the largest overlap in characters (ties:
    the pair whose boundaries differ least, then reading order). A gold span split into two predicted
    spans therefore gives one true positive and one false positive.

Precision, recall, F1
    ``tp`` = matched pairs; precision P = tp / n_predicted; recall R = tp / n_gold; F1 = 2PR / (P + R),
    and 0 when P + R = 0. With no predictions P is undefined and reported as NaN (``n_predicted`` 0),
    and F1 is 0 when gold is non-empty; with no gold R is NaN and F1 is 0 when something was predicted;
    with neither, P, R and F1 are all NaN. The ``ALL`` row pools every label (micro-average).

Scope
    Only the documents the gold covers are scored (``doc_ids``, by default the documents with at least one
    gold row of the layer): predictions elsewhere are not counted. Cues are scored on the categories the
    gold annotates, relations on the relation types it annotates, on the trigger span (``verb_start``/
    ``verb_end``) when the predicted table has it. Relations of every polarity and modality are scored
    (the gold annotates denied and hypothetical relations too); whether their ``polarity``, ``modality``
    and ``claim_of`` are right is :func:`label_accuracy` on the matched pairs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, is_dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import config, schema

log = logging.getLogger(__name__)

__all__ = [
    "Layer",
    "Match",
    "LAYERS",
    "OVERALL",
    "SCORE_COLUMNS",
    "ERROR_COLUMNS",
    "GOLD_SCHEMA",
    "load_gold",
    "gold_documents",
    "evaluate",
    "evaluation_errors",
    "label_accuracy",
    "match_spans",
    "corpus_texts",
]

Layer = Literal["mentions", "statements", "cues", "relations"]
Match = Literal["overlap", "exact"]
LAYERS: tuple[str, ...] = ("mentions", "statements", "cues", "relations")
#: Group of the row that pools every label (micro-average).
OVERALL = "ALL"
#: Columns of every score table returned by :func:`evaluate`.
SCORE_COLUMNS = schema.SCORES.columns
#: Columns of every error listing returned by :func:`evaluation_errors`.
ERROR_COLUMNS = schema.EVALUATION_ERRORS.columns

_TEXT = "str"
_OFFSET = "int64"
_OPTIONAL_OFFSET = "Int64"  # nullable: a statement of the subjectless passive (يذكر أن) has no speaker span

_GOLD_TABLES = {"mentions": schema.GOLD_MENTIONS, "cues": schema.GOLD_CUES, "statements": schema.GOLD_STATEMENTS,
                "relations": schema.GOLD_RELATIONS}


def _gold_type(f: schema.Field) -> str:
    if f.type == "int":
        return _OPTIONAL_OFFSET if f.nullable else _OFFSET
    return _TEXT


#: Required columns of each gold layer and their types, from the gold tables of :mod:`analysis.schema`.
#: Gold files may carry more columns (``note``, ``quoted_fragments``...), which are kept as text.
GOLD_SCHEMA: dict[str, dict[str, str]] = {
    layer: {f.name: _gold_type(f) for f in table.fields if f.name in table.required}
    for layer, table in _GOLD_TABLES.items()
}


@dataclass(frozen=True)
class _LayerSpec:
    default_by: str | None
    by_options: tuple[str, ...]
    keys: tuple[str, ...] = ()  # label columns that must agree whatever ``by`` is


_SPECS: dict[str, _LayerSpec] = {
    "mentions": _LayerSpec("actor", ("actor", "kind", "component")),
    "statements": _LayerSpec("speaker_actor", ("speaker_actor", "quote_type", "verb")),
    "cues": _LayerSpec("category", ("category", "subtype", "speaker_actor")),
    "relations": _LayerSpec("relation", ("relation", "source_actor", "target_actor", "polarity", "modality"),
                            keys=("source_actor", "relation", "target_actor")),
}

class _LayerDefault:
    """The ``by`` of :func:`evaluate` when not given: the layer's usual label (see ``_SPECS``)."""

    def __repr__(self) -> str:
        return "<the layer's label>"


_DEFAULT: Any = _LayerDefault()


# --- gold -------------------------------------------------------------------------------------------------

def _check_layer(layer: str) -> _LayerSpec:
    if layer not in _SPECS:
        raise ValueError(f"layer must be one of {list(LAYERS)}, not {layer!r}")
    return _SPECS[layer]


def _empty_gold(layer: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object if t == _TEXT else t) for c, t in GOLD_SCHEMA[layer].items()})


def _typed(frame: pd.DataFrame, layer: str, where: str) -> pd.DataFrame:
    """Gold columns checked and typed: text as ``str`` (empty, never NaN), offsets as integers."""
    types = GOLD_SCHEMA[layer]
    missing = [c for c in types if c not in frame.columns]
    if missing:
        raise ValueError(f"{where}: gold {layer} lack column(s) {missing}; they have {list(frame.columns)}")
    out = frame.copy()
    for column in out.columns:
        kind = types.get(column, _TEXT)
        values = out[column]
        if kind == _TEXT:
            out[column] = values.where(values.notna(), "").astype(str)
            continue
        cleaned = values.replace("", None) if values.dtype == object else values
        try:
            numbers = pd.to_numeric(cleaned, errors="raise")
            if kind == _OFFSET and numbers.isna().any():
                raise ValueError("empty offset")
            out[column] = numbers.astype(kind)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{where}: {column} must be integers ({exc})") from None
    bad = out[out["start"] >= out["end"]]
    if len(bad):
        raise ValueError(f"{where}: row with start >= end: {bad.iloc[0].to_dict()}")
    return out.reset_index(drop=True)


def load_gold(
    layer: Layer,
    gold_dir: str | Path | None = None,
    *,
    doc_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The gold table of one layer (``<gold_dir>/<layer>.csv``, default folder ``data/gold``), typed.

    Text columns are ``str`` (empty cells ``""``), ``start``/``end`` ``int64``, statements'
    ``speaker_start``/``speaker_end`` nullable ``Int64``; extra columns are kept as text. ``doc_ids`` keeps
    only the rows of those documents. A layer without a file loads as an empty table with its columns
    (logged), so a gold folder may annotate only some layers.
    """
    _check_layer(layer)
    folder = Path(gold_dir) if gold_dir is not None else config.GOLD_DIR
    if not folder.is_dir():
        raise FileNotFoundError(f"gold folder not found: {folder}")
    path = folder / f"{layer}.csv"
    if not path.exists():
        log.warning("no gold file %s in %s: %s are not scored", path.name, folder, layer)
        frame = _empty_gold(layer)
    else:
        raw = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        frame = _typed(raw, layer, str(path))
    if doc_ids is not None:
        wanted = {str(d) for d in doc_ids}
        frame = frame[frame["doc_id"].isin(wanted)].reset_index(drop=True)
    return frame


def gold_documents(gold_dir: str | Path | None = None, *, doc_ids: Iterable[str] | None = None) -> list[str]:
    """The documents with at least one row in some gold layer of ``gold_dir`` (among ``doc_ids``), sorted."""
    folder = Path(gold_dir) if gold_dir is not None else config.GOLD_DIR
    covered: set[str] = set()
    for layer in LAYERS:
        path = folder / f"{layer}.csv"
        if path.exists():
            ids = pd.read_csv(path, encoding="utf-8-sig", usecols=["doc_id"], dtype=str, keep_default_na=False)
            covered |= set(ids["doc_id"])
    if doc_ids is not None:
        covered &= {str(d) for d in doc_ids}
    return sorted(covered)


def corpus_texts(corpus_dir: str | Path, *, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Texts by ``doc_id`` as the corpus reader decodes them (any encoding it handles), only ``doc_ids``."""
    from .corpus import Document, iter_corpus

    wanted = None if doc_ids is None else {str(d) for d in doc_ids}
    return {doc.doc_id: doc.text for doc in iter_corpus(corpus_dir)
            if isinstance(doc, Document) and (wanted is None or doc.doc_id in wanted)}


# --- preparing spans --------------------------------------------------------------------------------------

def _as_frame(spans: Any) -> pd.DataFrame:
    if spans is None:
        return pd.DataFrame()
    if isinstance(spans, pd.DataFrame):
        return spans.copy()
    records = [asdict(s) if is_dataclass(s) else dict(s) for s in spans]  # type: ignore[arg-type]
    return pd.DataFrame.from_records(records)


def _spans(spans: Any, name: str, label_columns: list[str]) -> pd.DataFrame:
    """doc_id/start/end typed, label columns as text; columns checked."""
    frame = _as_frame(spans)
    needed = ["doc_id", "start", "end", *label_columns]
    if frame.empty and not len(frame.columns):
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end") else object) for c in needed})
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} spans lack column(s) {missing}; they have {list(frame.columns)}")
    frame["doc_id"] = frame["doc_id"].astype(str)
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    for column in label_columns:
        frame[column] = frame[column].where(frame[column].notna(), "").astype(str)
    bad = frame[frame["start"] >= frame["end"]]
    if len(bad):
        raise ValueError(f"{name} spans with start >= end, first: {bad.iloc[0].to_dict()}")
    return frame.reset_index(drop=True)


def _options(layer: str, by: Any, match: str) -> tuple[_LayerSpec, str | None]:
    spec = _check_layer(layer)
    if match not in ("overlap", "exact"):
        raise ValueError(f"match must be 'overlap' or 'exact', not {match!r}")
    if by is _DEFAULT:
        by = spec.default_by
    if by is not None and by not in spec.by_options:
        raise ValueError(f"by must be one of {list(spec.by_options)} or None for {layer}, not {by!r}")
    return spec, by


def _prepared(layer: str, predicted: Any, gold: Any, by: str | None, doc_ids: Iterable[str] | None,
              spec: _LayerSpec) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Both sides restricted to the layer's scope, with the label columns that must agree."""
    keys = list(dict.fromkeys([*spec.keys, *([by] if by else [])]))
    pred_frame = _as_frame(predicted)
    gold_frame = _as_frame(gold)
    if layer == "relations" and len(pred_frame):
        if "verb_start" in pred_frame.columns:  # score the trigger, as the gold annotates it
            has = pred_frame["verb_start"].notna()
            pred_frame = pred_frame.assign(start=pred_frame["start"].where(~has, pred_frame["verb_start"]),
                                           end=pred_frame["end"].where(~has, pred_frame["verb_end"]))
    scope = {"cues": "category", "relations": "relation"}.get(layer)
    if scope and len(pred_frame) and scope in pred_frame.columns:
        scoped = set(gold_frame[scope].astype(str)) if scope in gold_frame.columns else set()
        pred_frame = pred_frame[pred_frame[scope].astype(str).isin(scoped)]
    ref = _spans(gold_frame, "gold", keys)
    pred = _spans(pred_frame, "predicted", keys)
    wanted = set(ref["doc_id"]) if doc_ids is None else {str(d) for d in doc_ids}
    pred = pred[pred["doc_id"].isin(wanted)].reset_index(drop=True)
    ref = ref[ref["doc_id"].isin(wanted)].reset_index(drop=True)
    return pred, ref, keys


# --- matching ---------------------------------------------------------------------------------------------

def match_spans(predicted: pd.DataFrame, gold: pd.DataFrame, keys: list[str], match: Match = "overlap"
                ) -> tuple[np.ndarray, np.ndarray]:
    """One-to-one matching: for each predicted row the matched gold row position (or -1), and vice versa.

    Rows can match when ``doc_id`` and every column of ``keys`` agree and the spans overlap (``match=
    "overlap"``) or coincide (``"exact"``); pairs are taken greedily by the largest overlap, ties broken by
    the smallest boundary difference, then by gold and predicted position.
    """
    pred_to_gold = np.full(len(predicted), -1, dtype=np.int64)
    gold_to_pred = np.full(len(gold), -1, dtype=np.int64)
    if not len(predicted) or not len(gold):
        return pred_to_gold, gold_to_pred
    group_keys = ["doc_id", *keys]
    gold_groups = gold.groupby(group_keys, sort=False).indices
    for key, pred_idx in predicted.groupby(group_keys, sort=False).indices.items():
        gold_idx = gold_groups.get(key)
        if gold_idx is None:
            continue
        ps = predicted["start"].to_numpy()[pred_idx][:, None]
        pe = predicted["end"].to_numpy()[pred_idx][:, None]
        gs = gold["start"].to_numpy()[gold_idx][None, :]
        ge = gold["end"].to_numpy()[gold_idx][None, :]
        if match == "exact":
            overlap = np.where((ps == gs) & (pe == ge), pe - ps, 0)
        else:
            overlap = np.minimum(pe, ge) - np.maximum(ps, gs)
        pi, gi = np.nonzero(overlap > 0)
        if not len(pi):
            continue
        size = overlap[pi, gi]
        diff = np.abs(ps[pi, 0] - gs[0, gi]) + np.abs(pe[pi, 0] - ge[0, gi])
        order = np.lexsort((pi, gi, diff, -size))  # last key sorts first
        used_p: set[int] = set()
        used_g: set[int] = set()
        for k in order:
            p, g = int(pi[k]), int(gi[k])
            if p in used_p or g in used_g:
                continue
            used_p.add(p)
            used_g.add(g)
            pred_to_gold[pred_idx[p]] = gold_idx[g]
            gold_to_pred[gold_idx[g]] = pred_idx[p]
    return pred_to_gold, gold_to_pred


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def _score(layer: str, by: str | None, group: str, n_gold: int, n_pred: int, tp: int) -> dict[str, Any]:
    precision = _ratio(tp, n_pred)
    recall = _ratio(tp, n_gold)
    if n_pred == 0 and n_gold == 0:
        f1 = float("nan")
    elif n_pred == 0 or n_gold == 0 or tp == 0:
        f1 = 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {"layer": layer, "by": by or "", "group": group, "n_gold": n_gold, "n_predicted": n_pred, "tp": tp,
            "precision": precision, "recall": recall, "f1": f1}


def _frame_of(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({c: "int64" for c in ("n_gold", "n_predicted", "tp") if c in columns})


def evaluate(
    layer: Layer,
    predicted: Any,
    gold: Any,
    *,
    by: str | None = _DEFAULT,
    match: Match = "overlap",
    doc_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Precision, recall and F1 of ``predicted`` against ``gold`` for one layer, per label and overall.

    ``predicted``/``gold``: DataFrames or iterables of dicts/dataclasses with ``doc_id``, ``start``,
    ``end`` and the label columns. ``by``: the label scored and required to agree (defaults: mentions
    ``actor``, statements ``speaker_actor``, cues ``category``, relations ``relation``; ``None`` scores
    spans regardless of label, except that relations always need source, type and target to agree).
    ``doc_ids``: the annotated documents (default: those with gold rows). See the module docstring for the
    matching and the P/R/F1 convention.

    Returns one row per label present on either side (sorted), then the ``ALL`` row, with the columns of
    :data:`SCORE_COLUMNS`: ``layer``, ``by`` (the label column, ``""`` for None), ``group`` (its value),
    ``n_gold``, ``n_predicted``, ``tp``, ``precision``, ``recall``, ``f1``.
    """
    spec, by = _options(layer, by, match)
    pred, ref, keys = _prepared(layer, predicted, gold, by, doc_ids, spec)
    pred_to_gold, _ = match_spans(pred, ref, keys, match)
    pred = pred.assign(_tp=pred_to_gold >= 0)
    rows = []
    if by:
        n_gold = ref.groupby(by).size()
        n_pred = pred.groupby(by).size()
        tp = pred.groupby(by)["_tp"].sum()
        for group in sorted(set(n_gold.index) | set(n_pred.index)):
            rows.append(_score(layer, by, str(group), int(n_gold.get(group, 0)), int(n_pred.get(group, 0)),
                               int(tp.get(group, 0))))
    rows.append(_score(layer, by, OVERALL, len(ref), len(pred), int(pred["_tp"].sum())))
    return _frame_of(rows, SCORE_COLUMNS)


def label_accuracy(
    layer: Layer,
    predicted: Any,
    gold: Any,
    label: str,
    *,
    match: Match = "overlap",
    doc_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """How often matched spans agree on ``label`` (e.g. statements' ``quote_type``, mentions' ``kind``).

    Spans are matched one-to-one regardless of ``label`` (as :func:`evaluate` with ``by=None``); the row
    has the columns of :data:`SCORE_COLUMNS` for that span matching (``by`` = ``label``, ``group`` =
    ``ALL``) plus ``n_agree`` (matched pairs with the same ``label``) and ``accuracy`` = n_agree / tp
    (NaN when nothing matched).
    """
    spec, _ = _options(layer, None, match)
    pred, ref, keys = _prepared(layer, predicted, gold, None, doc_ids, spec)
    for name, frame in (("predicted", pred), ("gold", ref)):
        if label not in frame.columns:
            if len(frame):
                raise ValueError(f"{name} spans lack the column {label!r}")
            frame[label] = pd.Series(dtype=object)
    pred_to_gold, _ = match_spans(pred, ref, keys, match)
    hit = pred_to_gold >= 0
    same = 0
    if hit.any():
        left = pred.loc[hit, label].fillna("").astype(str).to_numpy()
        right = ref[label].fillna("").astype(str).to_numpy()[pred_to_gold[hit]]
        same = int((left == right).sum())
    row = _score(layer, label, OVERALL, len(ref), len(pred), int(hit.sum()))
    row["n_agree"] = same
    row["accuracy"] = _ratio(same, int(hit.sum()))
    return _frame_of([row], schema.LABEL_ACCURACY.columns)


def evaluation_errors(
    layer: Layer,
    predicted: Any,
    gold: Any,
    *,
    by: str | None = _DEFAULT,
    match: Match = "overlap",
    doc_ids: Iterable[str] | None = None,
    texts: Mapping[str, str] | None = None,
    corpus_dir: str | Path | None = None,
    window: int = 30,
) -> pd.DataFrame:
    """The spans that cost precision or recall under :func:`evaluate`'s matching, with their context.

    Rows: false positives (predicted, unmatched), then false negatives (gold, unmatched), each by document
    and offset. ``label`` is the value of the label columns (for relations ``source>relation>target``);
    ``surface`` is ``text[start:end]`` and ``context`` ``window`` characters either side with the span in
    [brackets], when the texts are given (``texts`` by doc_id, or read from ``corpus_dir`` with the corpus
    reader); otherwise the spans' own ``surface`` column and an empty context.
    """
    if window < 0:
        raise ValueError(f"window must be >= 0, not {window}")
    spec, by = _options(layer, by, match)
    pred, ref, keys = _prepared(layer, predicted, gold, by, doc_ids, spec)
    pred_to_gold, gold_to_pred = match_spans(pred, ref, keys, match)
    parts = []
    for kind, frame in (("false_positive", pred[pred_to_gold < 0]), ("false_negative", ref[gold_to_pred < 0])):
        if len(frame):
            parts.append(frame.assign(error=kind))
    if not parts:
        return pd.DataFrame(columns=ERROR_COLUMNS)
    errors = pd.concat(parts, ignore_index=True)
    if texts is None and corpus_dir is not None:
        texts = corpus_texts(corpus_dir, doc_ids=set(errors["doc_id"]))
    texts = texts or {}
    own = errors["surface"].fillna("").astype(str) if "surface" in errors.columns else pd.Series("", index=errors.index)
    surfaces, contexts = [], []
    for doc_id, s, e, old in zip(errors["doc_id"], errors["start"], errors["end"], own):
        text = texts.get(doc_id)
        if text is None:
            surfaces.append(old)
            contexts.append("")
            continue
        surfaces.append(text[s:e])
        contexts.append(f"{text[max(0, s - window):s]}[{text[s:e]}]{text[e:e + window]}".replace("\n", " "))
    errors["surface"] = surfaces
    errors["context"] = contexts
    errors["label"] = errors[keys].astype(str).agg(">".join, axis=1) if keys else ""
    errors["layer"] = layer
    errors["by"] = by or ""
    errors = errors.sort_values(["error", "doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    return errors[ERROR_COLUMNS]
