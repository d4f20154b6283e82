"""Scoring predicted spans against hand-annotated gold spans.

Generic on purpose: actor mentions, stance cues and reported statements are all spans
``(doc_id, start, end)`` with a label column, so one scorer serves them all. Precision counts the
*predicted* spans that match some gold span of the same label; recall counts the *gold* spans matched by
some predicted span of the same label. With ``match="overlap"`` two spans match when they share at least
one character (the issue's definition: boundaries of Arabic spans are debatable, the actor is not); with
``match="exact"`` they must have the same offsets. Matching is not one-to-one: a gold span split into two
predicted spans counts both predictions right, which is what a reader auditing counts wants to know
(the split is visible in the error listing only if it is wrong).
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import config

log = logging.getLogger(__name__)

__all__ = ["score_spans", "span_errors", "validate_mentions", "load_gold", "OVERALL", "SCORE_COLUMNS"]

Match = Literal["overlap", "exact"]
#: Label of the row that pools every label (micro-average).
OVERALL = "ALL"
#: Columns of the score table after the label column.
SCORE_COLUMNS = ["n_predicted", "n_gold", "tp_predicted", "tp_gold", "precision", "recall", "f1"]
_SPAN_COLUMNS = ["doc_id", "start", "end"]


def _frame(spans: Any, name: str, by: str | None) -> pd.DataFrame:
    """Accept a DataFrame, or an iterable of dicts / dataclasses (e.g. ``Mention``); check the columns."""
    if isinstance(spans, pd.DataFrame):
        frame = spans
    else:
        records = [asdict(s) if is_dataclass(s) else dict(s) for s in spans]  # type: ignore[arg-type]
        frame = pd.DataFrame.from_records(records)
    needed = _SPAN_COLUMNS + ([by] if by else [])
    if frame.empty and not len(frame.columns):
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("doc_id", by) else "int64") for c in needed})
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} spans lack column(s) {missing}; they have {list(frame.columns)}")
    bad = frame[frame["start"] >= frame["end"]]
    if len(bad):
        raise ValueError(f"{name} spans with start >= end, first: {bad.iloc[0].to_dict()}")
    out = frame.copy()
    out["doc_id"] = out["doc_id"].astype(str)
    out["start"] = out["start"].astype("int64")
    out["end"] = out["end"].astype("int64")
    if by:
        out[by] = out[by].fillna("").astype(str)
    return out.reset_index(drop=True)


def _matched(spans: pd.DataFrame, others: pd.DataFrame, keys: list[str], match: Match) -> np.ndarray:
    """Boolean per row of ``spans``: does it match some row of ``others`` with the same keys?"""
    hit = np.zeros(len(spans), dtype=bool)
    if not len(spans) or not len(others):
        return hit
    groups = {k: g for k, g in others.groupby(keys, sort=False)}
    for key, rows in spans.groupby(keys, sort=False):
        other = groups.get(key)
        if other is None:
            continue
        idx = rows.index.to_numpy()
        if match == "exact":
            pairs = set(zip(other["start"].tolist(), other["end"].tolist()))
            hit[idx] = [(s, e) in pairs for s, e in zip(rows["start"].tolist(), rows["end"].tolist())]
            continue
        # overlap: some other span with start < e and end > s. Sort others by start; the largest end among
        # those starting before e decides (prefix maximum), so each lookup is one binary search.
        order = np.argsort(other["start"].to_numpy(), kind="stable")
        starts = other["start"].to_numpy()[order].tolist()
        max_end = np.maximum.accumulate(other["end"].to_numpy()[order])
        for i, s, e in zip(idx, rows["start"].tolist(), rows["end"].tolist()):
            k = bisect_left(starts, e)  # others[:k] start before e
            hit[i] = k > 0 and max_end[k - 1] > s
    return hit


def _validate_options(by: str | None, match: str) -> None:
    if match not in ("overlap", "exact"):
        raise ValueError(f"match must be 'overlap' or 'exact', not {match!r}")
    if by is not None and (not isinstance(by, str) or not by or by in _SPAN_COLUMNS):
        raise ValueError(f"by must be a label column name (not one of {_SPAN_COLUMNS}) or None, not {by!r}")


def _prepared(predicted: Any, gold: Any, by: str | None, match: Match) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    _validate_options(by, match)
    label = by or "label"
    pred = _frame(predicted, "predicted", by)
    ref = _frame(gold, "gold", by)
    if by is None:
        pred[label] = OVERALL
        ref[label] = OVERALL
    keys = ["doc_id", label]
    pred["_hit"] = _matched(pred, ref, keys, match)
    ref["_hit"] = _matched(ref, pred, keys, match)
    return pred, ref, label


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def _score_row(label: str, pred: pd.DataFrame, ref: pd.DataFrame) -> dict[str, Any]:
    n_pred, n_gold = len(pred), len(ref)
    tp_pred, tp_gold = int(pred["_hit"].sum()), int(ref["_hit"].sum())
    precision = _ratio(tp_pred, n_pred)
    recall = _ratio(tp_gold, n_gold)
    if n_pred == 0 and n_gold == 0:
        f1 = float("nan")
    elif precision != precision or recall != recall or precision + recall == 0:
        f1 = 0.0  # predicted nothing where gold has spans, or found nothing right
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {"_label": label, "n_predicted": n_pred, "n_gold": n_gold, "tp_predicted": tp_pred,
            "tp_gold": tp_gold, "precision": precision, "recall": recall, "f1": f1}


def score_spans(
    predicted: Any,
    gold: Any,
    *,
    by: str | None = "actor",
    match: Match = "overlap",
) -> pd.DataFrame:
    """Precision, recall and F1 per label, plus an overall (micro-averaged) row labelled ``ALL``.

    ``predicted`` and ``gold``: DataFrames or iterables of dicts/dataclasses with ``doc_id``, ``start``,
    ``end`` and the ``by`` column (``by=None`` scores spans without labels). Only documents that appear in
    ``gold`` should be passed as predictions: a document absent from gold counts as having no spans.
    Returns one row per label present in either side (sorted), then ``ALL``; the label column is named
    after ``by`` (``label`` when ``by`` is None). Precision is NaN when nothing was predicted for a label,
    recall NaN when gold has none.
    """
    pred, ref, label = _prepared(predicted, gold, by, match)
    labels = sorted(set(pred[label]) | set(ref[label]))
    rows = [_score_row(lab, pred[pred[label] == lab], ref[ref[label] == lab]) for lab in labels if lab != OVERALL]
    rows.append(_score_row(OVERALL, pred, ref))
    table = pd.DataFrame(rows, columns=["_label", *SCORE_COLUMNS]).rename(columns={"_label": label})
    return table


def span_errors(
    predicted: Any,
    gold: Any,
    *,
    by: str | None = "actor",
    match: Match = "overlap",
    texts: Mapping[str, str] | None = None,
    window: int = 30,
) -> pd.DataFrame:
    """The spans that cost precision or recall: false positives then false negatives, by document and offset.

    Columns: ``error`` (``false_positive`` / ``false_negative``), ``doc_id``, ``start``, ``end``, the label
    column, ``surface`` (``text[start:end]`` when ``texts`` maps doc ids to raw texts, else the spans'
    own ``surface`` column if any) and ``context`` (``window`` characters either side, when texts are given).
    """
    if window < 0:
        raise ValueError(f"window must be >= 0, not {window}")
    pred, ref, label = _prepared(predicted, gold, by, match)
    parts = []
    for kind, frame in (("false_positive", pred[~pred["_hit"]]), ("false_negative", ref[~ref["_hit"]])):
        part = frame.copy()
        part.insert(0, "error", kind)
        parts.append(part)
    errors = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    columns = ["error", "doc_id", "start", "end", label, "surface", "context"]
    if errors.empty:
        return pd.DataFrame(columns=columns)
    if "surface" not in errors.columns:
        errors["surface"] = ""
    errors["context"] = ""
    if texts is not None:
        surfaces, contexts = [], []
        for doc_id, s, e, old in zip(errors["doc_id"], errors["start"], errors["end"], errors["surface"]):
            text = texts.get(doc_id)
            if text is None:
                surfaces.append(old)
                contexts.append("")
                continue
            surfaces.append(text[s:e])
            contexts.append(f"{text[max(0, s - window):s]}[{text[s:e]}]{text[e:e + window]}".replace("\n", " "))
        errors["surface"] = surfaces
        errors["context"] = contexts
    errors["surface"] = errors["surface"].fillna("")
    errors = errors.sort_values(["error", "doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    return errors[columns]


GOLD_COLUMNS = ["doc_id", "start", "end", "surface", "actor", "component", "kind"]


def load_gold(path: str | Path | None = None) -> pd.DataFrame:
    """The gold mention annotations (``data/gold/mentions.csv`` by default), columns checked."""
    path = Path(path) if path is not None else config.GOLD_DIR / "mentions.csv"
    gold = pd.read_csv(path, encoding="utf-8", keep_default_na=False, dtype={"doc_id": str, "surface": str,
                                                                           "actor": str, "component": str,
                                                                           "kind": str})
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise ValueError(f"{path}: gold file lacks column(s) {missing}")
    return gold


def validate_mentions(
    mentions: Any = None,
    *,
    gold: Any = None,
    raw_dir: str | Path | None = None,
    by: Literal["actor", "kind", "component"] | None = "actor",
    match: Match = "overlap",
) -> pd.DataFrame:
    """Score detected mentions against the gold file, on the documents the gold covers.

    ``mentions``: a mentions table (DataFrame or list of ``Mention``/dicts with ``doc_id``); when None the
    detector is run here on the gold documents read from ``raw_dir`` (default ``data/raw``). ``gold``: a
    DataFrame or a path (default ``data/gold/mentions.csv``).
    """
    if by not in ("actor", "kind", "component", None):
        raise ValueError(f"by must be 'actor', 'kind', 'component' or None, not {by!r}")
    gold_frame = gold if isinstance(gold, pd.DataFrame) else load_gold(gold)
    doc_ids = sorted(set(gold_frame["doc_id"].astype(str)))
    if mentions is None:
        mentions = _detect(doc_ids, Path(raw_dir) if raw_dir is not None else config.RAW_DIR)
    pred = _frame(mentions, "predicted", by)
    pred = pred[pred["doc_id"].isin(doc_ids)]
    return score_spans(pred, gold_frame, by=by, match=match)


def _detect(doc_ids: Iterable[str], raw_dir: Path) -> pd.DataFrame:
    from .actors import find_mentions

    rows = []
    for doc_id in doc_ids:
        path = raw_dir / f"{doc_id}.txt"
        text = path.read_text(encoding="utf-8-sig")
        for m in find_mentions(text):
            row = asdict(m)
            row["doc_id"] = doc_id
            rows.append(row)
    return pd.DataFrame(rows)
