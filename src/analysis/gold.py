"""The hand annotations (``data/gold/``) as tables, restricted to the documents of the corpus at hand.

Why one loader: the validators (``validation.validate_mentions``, ``stance.validate_statements`` and
``validate_cues``, ``relations.validate_relations``) accept gold DataFrames, but a notebook or script
scoring a corpus must not assemble gold paths or parse the CSV files itself, and must score only the
documents that are both annotated and in the corpus (gold rows of absent documents would all count as
missed). :func:`load_gold` reads one of the four files with its columns checked and offsets as integers;
a gold folder may hold only some of the files (the others load as empty tables, with a warning).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import pandas as pd

from . import config

log = logging.getLogger(__name__)

__all__ = ["GOLD_COLUMNS", "GoldName", "gold_path", "load_gold", "covered_documents"]

GoldName = Literal["mentions", "cues", "statements", "relations"]

#: Required columns of each gold file (a file may have more, e.g. ``note`` in relations.csv).
GOLD_COLUMNS: dict[str, list[str]] = {
    "mentions": ["doc_id", "start", "end", "surface", "actor", "component", "kind"],
    "cues": ["doc_id", "start", "end", "surface", "category", "subtype", "speaker_actor"],
    "statements": ["doc_id", "start", "end", "surface", "speaker_actor", "speaker_start", "speaker_end",
                   "speaker_surface", "verb", "quote_type"],
    "relations": ["doc_id", "start", "end", "surface", "source_actor", "relation", "target_actor"],
}


def _folder(gold_dir: str | Path | None) -> Path:
    folder = Path(gold_dir) if gold_dir is not None else config.GOLD_DIR
    if not folder.is_dir():
        raise FileNotFoundError(f"gold folder not found: {folder}")
    return folder


def gold_path(name: GoldName, *, gold_dir: str | Path | None = None) -> Path:
    """``<gold_dir>/<name>.csv`` (default folder ``data/gold``); the file need not exist."""
    if name not in GOLD_COLUMNS:
        raise ValueError(f"name must be one of {sorted(GOLD_COLUMNS)}, not {name!r}")
    return _folder(gold_dir) / f"{name}.csv"


def load_gold(
    name: GoldName,
    *,
    gold_dir: str | Path | None = None,
    doc_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One gold file as a table: text columns as ``str`` (empty, never NaN), ``start``/``end`` as int.

    ``doc_ids`` keeps only the rows of those documents (the corpus being scored). A file absent from
    ``gold_dir`` gives an empty table with the required columns (logged), so a partial gold folder works.
    """
    path = gold_path(name, gold_dir=gold_dir)
    columns = GOLD_COLUMNS[name]
    if not path.exists():
        log.warning("no gold file %s: %s are not scored", path.name, name)
        frame = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end") else object) for c in columns})
    else:
        frame = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"{path}: gold file lacks column(s) {missing}")
        try:
            frame = frame.astype({"start": "int64", "end": "int64"})
        except ValueError as exc:
            raise ValueError(f"{path}: start/end must be integers ({exc})") from None
        bad = frame[frame["start"] >= frame["end"]]
        if len(bad):
            raise ValueError(f"{path}: row with start >= end: {bad.iloc[0].to_dict()}")
    if doc_ids is not None:
        wanted = {str(d) for d in doc_ids}
        frame = frame[frame["doc_id"].isin(wanted)]
    return frame.reset_index(drop=True)


def covered_documents(doc_ids: Iterable[str], *, gold_dir: str | Path | None = None) -> list[str]:
    """The documents among ``doc_ids`` that have at least one row in some gold file (sorted)."""
    wanted = {str(d) for d in doc_ids}
    covered: set[str] = set()
    for name in GOLD_COLUMNS:
        path = gold_path(name, gold_dir=gold_dir)  # type: ignore[arg-type]
        if path.exists():
            ids = pd.read_csv(path, encoding="utf-8-sig", usecols=["doc_id"], dtype=str, keep_default_na=False)
            covered |= set(ids["doc_id"]) & wanted
    return sorted(covered)
