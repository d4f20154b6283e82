"""Row tables read in chunks and regrouped by document: the co-mention window and the relation graph walk a
run's ``mentions``, ``sentences`` and ``relations`` tables (CSV, Parquet or a DataFrame) one document at
a time, so memory does not grow with the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .lazy_modules import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")


_CHUNK_ROWS = 20_000
# --- reading the row tables by document ---------------------------------------------------------------

_SENT_COLS = ["doc_id", "sentence_id", "paragraph_id", "start", "end", "is_headline", "is_repeated"]
_MENTION_COLS = ["doc_id", "start", "end", "actor"]

#: One document's rows of one table as plain column lists (column -> values, in table order). Plain
#: lists, not a DataFrame per document: building, sorting and casting small frames cost ~2.5 ms per
#: document, more than the counting itself.
Columns = dict[str, list[Any]]


def _truthy(value: Any) -> bool:
    """A cell of a boolean column: a bool as is, else its text (``true``/``1``, any case)."""
    return value if isinstance(value, bool) else str(value).strip().lower() in ("true", "1")


def _text(value: Any) -> str:
    """A text cell as ``fillna("").astype(str)`` gives it."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _as_bool(series: pd.Series) -> pd.Series:
    if series.dtype == bool:
        return series
    return series.map(_truthy).astype(bool)


def _chunks(source: Any, columns: list[str], optional: tuple[str, ...] = ()) -> Iterator[pd.DataFrame]:
    """A table as chunks of rows: a DataFrame, a list of dicts/objects, or a CSV/Parquet path."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            pf = pq.ParquetFile(path)
            names = set(pf.schema_arrow.names)
            cols = columns + [c for c in optional if c in names]
            for batch in pf.iter_batches(batch_size=_CHUNK_ROWS, columns=cols):
                yield batch.to_pandas()
            return
        head = pd.read_csv(path, nrows=0, encoding="utf-8").columns
        cols = columns + [c for c in optional if c in head]
        missing = [c for c in columns if c not in head]
        if missing:
            raise ValueError(f"{path}: lacks column(s) {missing}")
        yield from pd.read_csv(path, usecols=cols, chunksize=_CHUNK_ROWS, encoding="utf-8", keep_default_na=False,
                               dtype={"doc_id": str, "actor": str, "text": str})
        return
    if isinstance(source, pd.DataFrame):
        frame = source
    else:
        records = [r if isinstance(r, Mapping) else vars(r) for r in source]
        frame = pd.DataFrame.from_records(records)
    missing = [c for c in columns if c not in frame.columns]
    if missing and not frame.empty:
        raise ValueError(f"table lacks column(s) {missing}; it has {list(frame.columns)}")
    if frame.empty:
        return
    yield frame[columns + [c for c in optional if c in frame.columns]]


def _column_lists(frame: pd.DataFrame) -> tuple[list[str], Columns]:
    """A chunk's doc_ids (as str) and its other columns as Python lists."""
    ids = [str(d) for d in frame["doc_id"].tolist()]
    return ids, {c: frame[c].tolist() for c in frame.columns if c != "doc_id"}


def _by_document(chunks: Iterable[pd.DataFrame]) -> Iterator[tuple[str, Columns]]:
    """Consecutive rows of one document, across chunk boundaries (row tables are in document order)."""
    carry_id: str | None = None
    carry: Columns = {}
    for chunk in chunks:
        if chunk.empty:
            continue
        ids, cols = _column_lists(chunk)
        a = 0
        n = len(ids)
        while a < n:
            doc_id = ids[a]
            b = a + 1
            while b < n and ids[b] == doc_id:
                b += 1
            part = {c: v[a:b] for c, v in cols.items()}
            if carry_id is not None:
                if carry_id == doc_id:
                    part = {c: carry[c] + part[c] for c in part}
                else:
                    yield carry_id, carry
            carry_id, carry = doc_id, part
            a = b
    if carry_id is not None:
        yield carry_id, carry


def _grouped(frames: Iterable[pd.DataFrame]) -> dict[str, Columns]:
    """In-memory rows grouped by document, in order of first appearance, rows in table order (as
    ``groupby(sort=False)``)."""
    out: dict[str, Columns] = {}
    for frame in frames:
        if frame.empty:
            continue
        ids, cols = _column_lists(frame)
        index: dict[str, list[int]] = {}
        for i, d in enumerate(ids):
            index.setdefault(d, []).append(i)
        for d, rows in index.items():
            part = {c: [v[i] for i in rows] for c, v in cols.items()}
            if d in out:
                part = {c: out[d][c] + part[c] for c in part}
            out[d] = part
    return out


def _documents(mentions: Any, sentences: Any, need_text: bool) -> Iterator[tuple[str, Columns, Columns]]:
    """(doc_id, sentences, mentions) per document, merge-joined in document order."""
    sent_cols = _SENT_COLS + (["text"] if need_text else [])
    if isinstance(sentences, (str, Path)):
        sent_docs: Iterable[tuple[str, Columns]] = _by_document(_chunks(sentences, sent_cols))
    else:
        sent_docs = _grouped(_chunks(sentences, sent_cols)).items()
    empty: Columns = {c: [] for c in _MENTION_COLS if c != "doc_id"}
    in_memory = isinstance(mentions, pd.DataFrame) or not isinstance(mentions, (str, Path))
    if in_memory:
        groups = _grouped(_chunks(mentions, _MENTION_COLS, ("sentence_id",)))
        seen: set[str] = set()
        for doc_id, sents in sent_docs:
            seen.add(doc_id)
            yield doc_id, sents, groups.get(doc_id, empty)
        unknown = sorted(set(groups) - seen)
        if unknown:
            raise ValueError(f"mentions of {len(unknown)} document(s) absent from the sentences, e.g. {unknown[0]!r}")
        return
    ment_docs = _by_document(_chunks(mentions, _MENTION_COLS, ("sentence_id",)))
    pending = next(ment_docs, None)
    for doc_id, sents in sent_docs:
        if pending is not None and pending[0] == doc_id:
            yield doc_id, sents, pending[1]
            pending = next(ment_docs, None)
        else:
            yield doc_id, sents, empty
    if pending is not None:
        raise ValueError(f"mentions of document {pending[0]!r} are absent from the sentences or out of order: "
                         "both tables must be in document order, as `analysis run` writes them")
