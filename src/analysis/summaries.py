"""Mention count tables: per document x actor and per actor, with and without headline and repeated lines.

Why four counts: a headline repeats the article's lead, and scraped pages repeat captions; a researcher
comparing outlets must be able to see whether an actor's share comes from the body text or from those
repeats. ``n_mentions`` counts everything; ``n_excl_headline`` drops mentions in the headline;
``n_excl_repeated`` drops mentions on lines that repeat an earlier line; ``n_excl_both`` drops both.
Counts by kind (``n_name`` ... ``n_anaphor``) split ``n_mentions``.

What is counted at all: in a run, :data:`SUMMARY` reads the *counted* mentions table of
``analysis.cleaning.counted_tables``, without duplicate copies of articles and without mentions inside
boilerplate (CNN datelines, "قد يهمك" links), unless ``--keep-duplicates`` / ``--keep-boilerplate``.

The mentions table can be far larger than memory: the counts are one query (:mod:`analysis.queries`)
that DuckDB runs out of core, the same for a run's files and for a notebook's frames.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import queries, schema
from .lazy_modules import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

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

KINDS = queries.MENTION_KINDS
KIND_COLUMNS = [f"n_{k}" for k in KINDS]
#: The count columns of the mention count tables that are not counts of one kind.
COUNT_COLUMNS = [c for c in schema.MENTION_COUNTS.columns if c.startswith("n_") and c not in ("n_documents", *KIND_COLUMNS)]
_NEEDED = ["doc_id", "actor", "kind", "in_headline", "is_repeated"]


def rollup_actors(mentions: pd.DataFrame, rollup: Mapping[str, str] | None) -> pd.DataFrame:
    """A copy with ``actor`` replaced by its rollup target (e.g. COALITION -> US) where one is given."""
    if not rollup:
        return mentions
    out = mentions.copy()
    out["actor"] = out["actor"].map(lambda a: rollup.get(a, a))
    return out


def _typed(frame: pd.DataFrame, table: schema.Table) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if table[c].type == "str" else "int64") for c in table.columns})
    return frame.astype({c: "int64" for c in table.columns if table[c].type == "int"})


def counts_by_document(mentions: pd.DataFrame, *, rollup: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per document x actor with at least one mention (sorted by doc_id, actor).

    Columns: doc_id, actor, n_mentions, n_excl_headline, n_excl_repeated, n_excl_both, n_name,
    n_descriptor, n_metonym, n_person, n_anaphor. ``rollup`` maps actor codes to the code they are counted
    as (see :func:`actor_rollup`). The same query as a run's ``mention_counts_by_document`` table.
    """
    missing = [c for c in _NEEDED if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions lack column(s) {missing}; they have {list(mentions.columns)}")
    frame = mentions[_NEEDED].astype({"in_headline": bool, "is_repeated": bool, "doc_id": str, "actor": str, "kind": str})
    with queries.row_tables({"mentions": frame}, rollup) as con:
        unknown = queries.unknown_kinds(con)
        if unknown:
            raise ValueError(f"mentions have unknown kind(s) {unknown}; known: {list(KINDS)}")
        by_document, _ = queries.mention_counts_sql()
        return _typed(con.sql(by_document).df(), schema.MENTION_COUNTS_BY_DOCUMENT)


def counts_by_actor(by_document: pd.DataFrame) -> pd.DataFrame:
    """Per actor totals from :func:`counts_by_document`, plus ``n_documents`` (documents mentioning it).

    Also accepts a mentions table (detected by its ``start`` column) and counts it first.
    """
    if "start" in by_document.columns:
        by_document = counts_by_document(by_document)
    with queries.row_tables({"by_document": by_document}) as con:
        _, by_actor = queries.mention_counts_sql()
        return _typed(con.sql(by_actor).df(), schema.MENTION_COUNTS)


def actor_rollup(options: Any) -> dict[str, str]:
    """The rollup map of a run (:func:`analysis.lexicon.rollup.run_rollup`, shared by every summary): the
    run's actor lexicon's declared rollups when ``rollup_coalition`` is set, else {}."""
    from .lexicon.rollup import run_rollup

    return run_rollup(options)


def SUMMARY(options: Any, paths: dict[str, Path]) -> list[Path]:  # noqa: N802 (a summary step of analysis.pipeline)
    """Write ``mention_counts_by_document.csv`` and ``mention_counts.csv``: a query over the mentions table
    (DuckDB groups and sorts out of core, so memory stays flat whatever the corpus size)."""
    path = paths.get("mentions")
    if path is None:
        log.warning("no mentions table in this run: mention counts not written")
        return []
    out = Path(options.out_dir)
    with queries.row_tables({"mentions": Path(path)}, actor_rollup(options)) as con:
        unknown = queries.unknown_kinds(con)
        if unknown:
            raise ValueError(f"mentions have unknown kind(s) {unknown}; known: {list(queries.MENTION_KINDS)}")
        by_document, by_actor = queries.mention_counts_sql()
        con.execute(f"CREATE TEMP TABLE by_document AS {by_document}")
        written = [
            queries.write_query(con, "SELECT * FROM by_document", out, schema.MENTION_COUNTS_BY_DOCUMENT),
            queries.write_query(con, by_actor, out, schema.MENTION_COUNTS),
        ]
    log.info("mention counts written from %s", path)
    return written
