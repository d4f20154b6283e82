"""Mention count tables: per document x actor and per actor, with and without headline and repeated lines.

Why four counts: a headline repeats the article's lead, and scraped pages repeat captions; a researcher
comparing outlets must be able to see whether an actor's share comes from the body text or from those
repeats. ``n_mentions`` counts everything; ``n_excl_headline`` drops mentions in the headline;
``n_excl_repeated`` drops mentions on lines that repeat an earlier line; ``n_excl_both`` drops both.
Counts by kind (``n_name`` ... ``n_anaphor``) split ``n_mentions``.

What is counted at all: in a run, :data:`SUMMARY` reads the *counted* mentions table of
``analysis.cleaning.counted_tables``, without duplicate copies of articles and without mentions inside
boilerplate (CNN datelines, "قد يهمك" links), unless ``--keep-duplicates`` / ``--keep-boilerplate``.

The mentions table can be far larger than memory, so :data:`SUMMARY` reads it in chunks, writes each
chunk's counts as a sorted run to a temporary folder and merges the runs while writing: the document x
actor table grows with the corpus, so it is never held whole.
"""

from __future__ import annotations

import csv
import heapq
import logging
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .tables import TableWriter, write_table

log = logging.getLogger(__name__)

__all__ = [
    "COUNT_COLUMNS",
    "KIND_COLUMNS",
    "counts_by_document",
    "counts_by_actor",
    "rollup_actors",
    "actor_rollup",
    "SUMMARY",
]

KINDS = ("name", "descriptor", "metonym", "person", "anaphor")
COUNT_COLUMNS = ["n_mentions", "n_excl_headline", "n_excl_repeated", "n_excl_both"]
KIND_COLUMNS = [f"n_{k}" for k in KINDS]
_NEEDED = ["doc_id", "actor", "kind", "in_headline", "is_repeated"]
CHUNK_ROWS = 50_000


def _bool(series: pd.Series) -> pd.Series:
    if series.dtype == bool:
        return series
    return series.astype(str).str.lower().isin(("true", "1"))


def rollup_actors(mentions: pd.DataFrame, rollup: Mapping[str, str] | None) -> pd.DataFrame:
    """A copy with ``actor`` replaced by its rollup target (e.g. COALITION -> US) where one is given."""
    if not rollup:
        return mentions
    out = mentions.copy()
    out["actor"] = out["actor"].map(lambda a: rollup.get(a, a))
    return out


def _partial(mentions: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in _NEEDED if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions lack column(s) {missing}; they have {list(mentions.columns)}")
    head = _bool(mentions["in_headline"])
    rep = _bool(mentions["is_repeated"])
    frame = pd.DataFrame({
        "doc_id": mentions["doc_id"].astype(str),
        "actor": mentions["actor"].astype(str),
        "n_mentions": 1,
        "n_excl_headline": (~head).astype("int64"),
        "n_excl_repeated": (~rep).astype("int64"),
        "n_excl_both": (~head & ~rep).astype("int64"),
    })
    kinds = mentions["kind"].astype(str)
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise ValueError(f"mentions have unknown kind(s) {unknown}; known: {list(KINDS)}")
    for kind, col in zip(KINDS, KIND_COLUMNS):
        frame[col] = (kinds == kind).astype("int64")
    return frame.groupby(["doc_id", "actor"], sort=False).sum()


def _finish(parts: list[pd.DataFrame]) -> pd.DataFrame:
    columns = ["doc_id", "actor", *COUNT_COLUMNS, *KIND_COLUMNS]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("doc_id", "actor") else "int64") for c in columns})
    table = pd.concat(parts).groupby(level=["doc_id", "actor"], sort=True).sum().reset_index()
    return table[columns].astype({c: "int64" for c in columns[2:]})


def counts_by_document(mentions: pd.DataFrame, *, rollup: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per document x actor with at least one mention (sorted by doc_id, actor).

    Columns: doc_id, actor, n_mentions, n_excl_headline, n_excl_repeated, n_excl_both, n_name,
    n_descriptor, n_metonym, n_person, n_anaphor. ``rollup`` maps actor codes to the code they are counted
    as (see :func:`actor_rollup`).
    """
    if mentions.empty:
        return _finish([])
    return _finish([_partial(rollup_actors(mentions, rollup))])


def counts_by_actor(by_document: pd.DataFrame) -> pd.DataFrame:
    """Per actor totals from :func:`counts_by_document`, plus ``n_documents`` (documents mentioning it).

    Also accepts a mentions table (detected by its ``start`` column) and counts it first.
    """
    if "start" in by_document.columns:
        by_document = counts_by_document(by_document)
    columns = ["actor", "n_documents", *COUNT_COLUMNS, *KIND_COLUMNS]
    if by_document.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "actor" else "int64") for c in columns})
    sums = by_document.groupby("actor", sort=True)[[*COUNT_COLUMNS, *KIND_COLUMNS]].sum()
    sums.insert(0, "n_documents", by_document.groupby("actor", sort=True)["doc_id"].nunique())
    return sums.reset_index()[columns]


def actor_rollup(options: Any) -> dict[str, str]:
    """The rollup map to apply for a run: the lexicon's declared rollups when ``rollup_coalition`` is set."""
    if not getattr(options, "rollup_coalition", False):
        return {}
    from .actors import load_lexicon

    lexicon = load_lexicon(getattr(options, "actor_lexicon", None), normalization=options.normalization)
    return lexicon.rollup


def _chunks(path: Path) -> Iterator[pd.DataFrame]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK_ROWS, columns=_NEEDED):
            yield batch.to_pandas()
        return
    yield from pd.read_csv(path, usecols=_NEEDED, dtype=str, keep_default_na=False, chunksize=CHUNK_ROWS,
                           encoding="utf-8")


def _sorted_runs(chunks: Iterator[pd.DataFrame], rollup: Mapping[str, str], folder: Path) -> list[Path]:
    """Per-chunk document x actor counts, each written sorted to its own temporary CSV run.

    Why runs on disk: the document x actor table grows with the corpus (one row per document and actor),
    so holding it, or a list of per-chunk parts, would make this summary's memory grow with the corpus.
    """
    runs = []
    for i, chunk in enumerate(chunks):
        if not len(chunk):
            continue
        part = _partial(rollup_actors(chunk, rollup)).sort_index()
        path = folder / f"run-{i:06d}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            for (doc_id, actor), *counts in part.itertuples(index=True, name=None):
                writer.writerow([doc_id, actor, *counts])
        runs.append(path)
        del part
    return runs


def _read_run(path: Path) -> Iterator[tuple[str, str, list[int]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            yield row[0], row[1], [int(v) for v in row[2:]]


def _merged(runs: list[Path]) -> Iterator[tuple[str, str, list[int]]]:
    """(doc_id, actor, counts) summed over the runs, in (doc_id, actor) order: a k-way merge."""
    key: tuple[str, str] | None = None
    total: list[int] = []
    for doc_id, actor, counts in heapq.merge(*(_read_run(r) for r in runs), key=lambda r: (r[0], r[1])):
        if key == (doc_id, actor):
            total = [a + b for a, b in zip(total, counts)]
            continue
        if key is not None:
            yield key[0], key[1], total
        key, total = (doc_id, actor), counts
    if key is not None:
        yield key[0], key[1], total


def SUMMARY(options: Any, paths: dict[str, Path]) -> list[Path]:  # noqa: N802 (pipeline plug-in name)
    """Write ``mention_counts_by_document.csv`` and ``mention_counts.csv`` from the mentions table.

    Streams: sorted runs of per-chunk counts go to a temporary folder and are merged row by row, so memory
    stays flat whatever the corpus size (only the per-actor totals are held).
    """
    path = paths.get("mentions")
    if path is None:
        log.warning("no mentions table in this run: mention counts not written")
        return []
    rollup = actor_rollup(options)
    out = Path(options.out_dir)
    value_columns = [*COUNT_COLUMNS, *KIND_COLUMNS]
    by_actor: dict[str, list[int]] = {}
    n_rows = 0
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".mention-counts.", dir=out) as tmp:
        runs = _sorted_runs(_chunks(Path(path)), rollup, Path(tmp))
        writer = TableWriter(out / "mention_counts_by_document.csv", ["doc_id", "actor", *value_columns], "csv")
        try:
            for doc_id, actor, counts in _merged(runs):
                writer.write([{"doc_id": doc_id, "actor": actor, **dict(zip(value_columns, counts))}])
                n_rows += 1
                totals = by_actor.get(actor)
                if totals is None:
                    by_actor[actor] = [1, *counts]  # n_documents: each (doc_id, actor) comes once
                else:
                    by_actor[actor] = [totals[0] + 1, *(a + b for a, b in zip(totals[1:], counts))]
        except BaseException:
            writer.abort()
            raise
        written = [writer.close()]
    actor_rows = [{"actor": a, **dict(zip(["n_documents", *value_columns], v))} for a, v in sorted(by_actor.items())]
    actor_writer = TableWriter(out / "mention_counts.csv", ["actor", "n_documents", *value_columns], "csv")
    actor_writer.write(actor_rows)
    written.append(actor_writer.close())
    log.info("mention counts: %d document x actor rows", n_rows)
    return written
