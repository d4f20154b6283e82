"""Summary tables as SQL over the row tables, run by an embedded DuckDB.

Why an engine: the row tables of a large corpus do not fit in memory, and every summary is a ``GROUP BY``
(by document, actor, outlet, speaker...). DuckDB reads the CSV or Parquet row tables in place with the types
declared in :mod:`analysis.schema`, spills to disk by itself when a grouping is larger than memory, and
returns results in sorted batches that are written out as they come. The actor rollup (COALITION counted as
US when asked) is one table joined in every query, so every summary of a run agrees.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from . import schema
from .lazy_modules import lazy_module
from .tables import TableWriter

if TYPE_CHECKING:
    import duckdb
    import pandas as pd
else:
    duckdb = lazy_module("duckdb")
    pd = lazy_module("pandas")

log = logging.getLogger(__name__)

__all__ = ["row_tables", "add_view", "write_query", "MENTION_KINDS", "mention_counts_sql", "voice_share_sql", "cue_counts_sql"]

#: Mention kinds, each with its count column in the mention count tables.
MENTION_KINDS = ("name", "descriptor", "metonym", "person", "anaphor")
#: Memory DuckDB may use before it spills to its temporary folder.
MEMORY_LIMIT = "512MB"
#: The optimizer pass that swaps a hash join's sides by estimated size, turned off. A CSV scan is estimated
#: at a few dozen rows whatever its size, so that pass builds the hash table on ten million mentions
#: rather than on the lookup they are joined to (naming variants, rollup) and runs out of memory; every
#: query here joins a row table (left, probed) to a smaller table (right, built), as written.
KEPT_BUILD_SIDE = "build_side_probe_side"
_DUCK_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}


def _scan(path: Path) -> str:
    """A table function reading one row table with its declared column types."""
    if path.suffix == ".parquet":
        return f"read_parquet('{_quoted(path)}')"
    declared = schema.find_table(path.stem)
    with path.open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split(",")
    types = ", ".join(
        f"'{c}': '{_DUCK_TYPES[declared[c].type] if declared is not None and c in declared else 'VARCHAR'}'"
        for c in header
    )
    return (f"read_csv('{_quoted(path)}', header=true, columns={{{types}}}, nullstr='', quote='\"', "
            f"escape='\"', auto_detect=false, strict_mode=true)")


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


@contextmanager
def bounded_connection(near: Path, *, threads: int = 2) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB connection that spills past :data:`MEMORY_LIMIT` into a temporary folder in ``near``
    (removed afterwards). DuckDB's own default is most of the machine's memory, which a corpus of a
    gigabyte reaches."""
    with tempfile.TemporaryDirectory(prefix=".summaries.", dir=near) as spill:
        con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": spill, "threads": threads,
                                     "disabled_optimizers": KEPT_BUILD_SIDE})
        try:
            yield con
        finally:
            con.close()


@contextmanager
def row_tables(tables: Mapping[str, Path | pd.DataFrame],
               rollup: Mapping[str, str] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB connection with a view per row table and the table ``rollup(code, target)``.

    ``tables`` maps table names to written files (read in place, CSV or Parquet) or to DataFrames (a
    notebook's frames); ``rollup`` maps actor codes to the code they are counted as (empty: no rollup).
    Temporary spill files go to a folder beside the tables and are removed afterwards.
    """
    files = [Path(t) for t in tables.values() if not isinstance(t, pd.DataFrame)]
    spill_parent = files[0].parent if files else Path(tempfile.gettempdir())
    with bounded_connection(spill_parent) as con:
        for name, source in tables.items():
            if isinstance(source, pd.DataFrame):
                con.register(f"{name}_frame", source)
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM {name}_frame")
            elif Path(source).exists():
                add_view(con, name, Path(source))
        con.execute("CREATE TABLE rollup (code VARCHAR PRIMARY KEY, target VARCHAR NOT NULL)")
        if rollup:
            con.executemany("INSERT INTO rollup VALUES (?, ?)", sorted(rollup.items()))
        yield con


def add_view(con: duckdb.DuckDBPyConnection, name: str, path: Path) -> None:
    """The view ``name`` over a written table file (CSV or Parquet), read in place with its declared types."""
    con.execute(f"CREATE VIEW {name} AS SELECT * FROM {_scan(path)}")


def write_query(con: duckdb.DuckDBPyConnection, sql: str, out: Path, table: schema.Table,
                batch_rows: int = 50_000) -> Path:
    """Run ``sql`` and write its rows, batch by batch, to the declared ``table`` in ``out`` (CSV)."""
    writer = TableWriter(out / table.name, table)
    try:
        reader = con.sql(sql).to_arrow_reader(batch_rows)
        for batch in reader:
            if batch.schema.names != table.columns:
                raise ValueError(f"{table.name}: query gives columns {batch.schema.names}, declared {table.columns}")
            writer.write(batch.to_pylist())
    except BaseException:
        writer.abort()
        raise
    return writer.close()


def _rolled(alias: str, column: str) -> tuple[str, str]:
    """(expression, join): the actor code of ``alias.column`` after the run's rollup."""
    return f"coalesce(r.target, {alias}.{column})", f"LEFT JOIN rollup r ON r.code = {alias}.{column}"


def mention_counts_sql(keep: str = "TRUE") -> tuple[str, str]:
    """(per document × actor, per actor) count queries over ``mentions``; ``keep`` filters the rows counted."""
    kinds = ",\n  ".join(f"count(*) FILTER (WHERE kind = '{k}') AS n_{k}" for k in MENTION_KINDS)
    actor, join = _rolled("m", "actor")
    by_document = f"""
SELECT m.doc_id, {actor} AS actor,
  count(*) AS n_mentions,
  count(*) FILTER (WHERE NOT in_headline) AS n_excl_headline,
  count(*) FILTER (WHERE NOT is_repeated) AS n_excl_repeated,
  count(*) FILTER (WHERE NOT in_headline AND NOT is_repeated) AS n_excl_both,
  {kinds}
FROM mentions m {join} WHERE {keep}
GROUP BY ALL ORDER BY doc_id, actor"""
    sums = ",\n  ".join(
        f"sum({c})::BIGINT AS {c}"
        for c in ("n_mentions", "n_excl_headline", "n_excl_repeated", "n_excl_both", *(f"n_{k}" for k in MENTION_KINDS))
    )
    by_actor = f"""
SELECT actor, count(*) AS n_documents,
  {sums}
FROM by_document GROUP BY actor ORDER BY actor"""
    return by_document, by_actor


def unknown_kinds(con: duckdb.DuckDBPyConnection) -> list[str]:
    allowed = ", ".join(f"'{k}'" for k in MENTION_KINDS)
    return [r[0] for r in con.execute(f"SELECT DISTINCT kind FROM mentions WHERE kind NOT IN ({allowed}) ORDER BY 1").fetchall()]


def _outlet_join(con: duckdb.DuckDBPyConnection, alias: str) -> tuple[str, str]:
    """The outlet of each row's document: ('' when the run has no documents table or no outlet)."""
    if not has_table(con, "documents"):
        return "''", ""
    return "coalesce(d.outlet, '')", f"LEFT JOIN documents d ON d.doc_id = {alias}.doc_id"


def voice_share_sql(con: duckdb.DuckDBPyConnection) -> str:
    """Per outlet × speaker actor: statements, direct and indirect ones, words and shares within the outlet."""
    outlet, join = _outlet_join(con, "s")
    actor, rolled = _rolled("s", "speaker_actor")
    return f"""
WITH counts AS (
  SELECT {outlet} AS outlet, {actor} AS speaker_actor,
    count(*) AS n_statements,
    count(*) FILTER (WHERE s.quote_type = 'direct') AS n_direct,
    count(*) FILTER (WHERE s.quote_type = 'indirect') AS n_indirect,
    count(*) FILTER (WHERE s.quote_type = 'mixed') AS n_mixed,
    coalesce(sum(s.n_words), 0)::BIGINT AS n_words
  FROM statements s {join} {rolled}
  GROUP BY ALL
)
SELECT outlet, speaker_actor, n_statements, n_direct, n_indirect, n_mixed, n_words,
  coalesce(n_statements / nullif(sum(n_statements) OVER (PARTITION BY outlet), 0), 0.0) AS share_statements,
  coalesce(n_words / nullif(sum(n_words) OVER (PARTITION BY outlet), 0), 0.0) AS share_words
FROM counts ORDER BY outlet, speaker_actor"""


def cue_counts_sql(con: duckdb.DuckDBPyConnection) -> str:
    """Per outlet × voice × category × subtype × evaluated actor: the number of cues."""
    outlet, join = _outlet_join(con, "c")
    actor, rolled = _rolled("c", "speaker_actor")
    columns = {row[0] for row in con.execute("DESCRIBE cues").fetchall()}
    target = "coalesce(c.target_actor, '')" if "target_actor" in columns else "''"  # tables of older runs
    return f"""
SELECT {outlet} AS outlet, {actor} AS speaker_actor, c.category,
  coalesce(c.subtype, '') AS subtype, {target} AS target_actor, count(*) AS n_cues
FROM cues c {join} {rolled}
GROUP BY ALL ORDER BY outlet, speaker_actor, category, subtype, target_actor"""


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the run wrote the row table ``name`` (a view of this connection)."""
    return bool(con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchall()[0][0])


def write_empty(out: Path, table: schema.Table) -> Path:
    """The header-only table a summary writes when its row table is missing."""
    writer = TableWriter(out / table.name, table)
    return writer.close()


def naming_sql() -> str:
    """Per document × actor × alias × kind × naming variant: mentions. Needs the table
    ``variants(actor, alias, surface, variant)`` of the naming variant of each form written."""
    actor, join = _rolled("m", "actor")
    return f"""
SELECT m.doc_id, {actor} AS actor, m.alias, m.kind, coalesce(v.variant, '') AS variant, count(*) AS n_mentions
FROM mentions m {join}
LEFT JOIN variants v ON v.actor = m.actor AND v.alias = m.alias AND v.surface = m.surface
GROUP BY ALL ORDER BY doc_id, actor, alias, kind, variant"""


NAMING_CHOICE_SQL = """
WITH v AS (
  SELECT doc_id, actor, variant, sum(n_mentions)::BIGINT AS n FROM naming_rows WHERE variant <> '' GROUP BY ALL
), top AS (
  SELECT doc_id, actor, max(n) AS top FROM v GROUP BY ALL
)
SELECT v.doc_id, v.actor,
  CASE WHEN count(*) FILTER (WHERE v.n = top.top) = 1 THEN arg_max(v.variant, v.n) ELSE 'mixed' END AS naming_choice,
  sum(v.n)::BIGINT AS n_variant_mentions,
  string_agg(v.variant || ':' || v.n, '|' ORDER BY v.variant) AS variants
FROM v JOIN top ON top.doc_id = v.doc_id AND top.actor = v.actor
GROUP BY v.doc_id, v.actor ORDER BY v.doc_id, v.actor"""
"""Per document and actor with declared variants: the variant used most (``mixed`` on a tie), from the
table or view ``naming_rows`` holding the naming table."""


# --- co-mentions in sentence, paragraph and document contexts ------------------------------------------

def co_mention_tables(con: duckdb.DuckDBPyConnection, *, context: str, include_headline: bool,
                      include_repeated: bool) -> None:
    """Temporary tables of the co-mention network over the views ``mentions`` and ``sentences``:

    ``doc_order(doc_id, ord)``   documents in the order the sentences table gives them;
    ``units(doc_id, unit, start, end)``   contexts holding at least one included sentence, with their span;
    ``present(doc_id, unit, actor, n)``   mentions of each (rolled-up) actor per context;
    ``pairs(doc_id, ord, unit, source, target, n_pairs)``   actor pairs sharing a context, source < target.

    A mention belongs to its ``sentence_id`` when the mentions table has one, else to the sentence whose
    span holds its start. Sentences of the headline or on repeated lines are left out unless included.
    """
    unit = {"sentence": "s.sentence_id", "paragraph": "s.paragraph_id", "document": "0"}[context]
    keep = " AND ".join(
        cond for cond, switch in (("NOT s.is_headline", include_headline), ("NOT s.is_repeated", include_repeated))
        if not switch
    ) or "TRUE"
    # File order of the documents: one scan in one thread numbers the rows as they come.
    con.execute("SET threads = 1")
    con.execute("CREATE TEMP TABLE doc_order AS SELECT doc_id, min(rn) AS ord FROM "
                "(SELECT doc_id, row_number() OVER () AS rn FROM sentences) GROUP BY doc_id")
    con.execute("SET threads = 2")
    con.execute(f"""CREATE TEMP TABLE kept AS
        SELECT s.doc_id, s.sentence_id, {unit}::BIGINT AS unit, s.start, s."end" FROM sentences s WHERE {keep}""")
    con.execute("""CREATE TEMP TABLE units AS
        SELECT doc_id, unit, min(start) AS start, max("end") AS "end" FROM kept GROUP BY ALL""")
    columns = {r[0] for r in con.execute("SELECT column_name FROM (DESCRIBE mentions)").fetchall()}
    if "sentence_id" in columns:
        located = "JOIN kept k ON k.doc_id = m.doc_id AND k.sentence_id = m.sentence_id"
    else:
        located = ("JOIN (SELECT s.doc_id, s.sentence_id, s.start, s.\"end\" FROM sentences s) a "
                   "ON a.doc_id = m.doc_id AND m.start >= a.start AND m.start < a.\"end\" "
                   "JOIN kept k ON k.doc_id = a.doc_id AND k.sentence_id = a.sentence_id")
    actor, rolled = _rolled("m", "actor")
    con.execute(f"""CREATE TEMP TABLE present AS
        SELECT k.doc_id, k.unit, {actor} AS actor, count(*) AS n
        FROM mentions m {located} {rolled}
        WHERE m.actor IS NOT NULL AND m.actor <> ''
        GROUP BY ALL""")
    con.execute("""CREATE TEMP TABLE pairs AS
        SELECT a.doc_id, o.ord, a.unit, a.actor AS source, b.actor AS target, a.n * b.n AS n_pairs
        FROM present a JOIN present b ON a.doc_id = b.doc_id AND a.unit = b.unit AND a.actor < b.actor
        JOIN doc_order o ON o.doc_id = a.doc_id""")


def co_mention_edges_sql(max_contexts: int) -> str:
    """Per actor pair: contexts holding both, mention pairs, each actor's contexts, and the first
    ``max_contexts`` context references (``doc_id#unit`` in document order; ``;...`` when there are more)."""
    return f"""
WITH marginals AS (SELECT actor, count(*) AS n_contexts FROM present GROUP BY actor),
agg AS (
  SELECT source, target, count(*) AS n_contexts, sum(n_pairs)::BIGINT AS n_mention_pairs,
    list(doc_id || '#' || unit ORDER BY ord, unit) AS refs
  FROM pairs GROUP BY source, target
)
SELECT agg.source, agg.target, agg.n_contexts, agg.n_mention_pairs,
  ms.n_contexts AS source_contexts, mt.n_contexts AS target_contexts,
  array_to_string(list_slice(refs, 1, {int(max_contexts)}), ';')
    || CASE WHEN len(refs) > {int(max_contexts)} THEN ';...' ELSE '' END AS contexts
FROM agg JOIN marginals ms ON ms.actor = agg.source JOIN marginals mt ON mt.actor = agg.target
ORDER BY agg.source, agg.target"""


EDGE_CONTEXTS_SQL = """
SELECT p.source, p.target, p.doc_id, p.unit AS context_id, u.start, u."end"
FROM pairs p JOIN units u ON u.doc_id = p.doc_id AND u.unit = p.unit
ORDER BY p.ord, p.unit, p.source, p.target"""
"""Every context behind every edge, in document order, then by context and pair."""

CO_MENTION_NODES_SQL = """
SELECT actor, sum(n)::BIGINT AS mentions, count(*) AS contexts FROM present GROUP BY actor ORDER BY actor"""
"""Per actor: mentions counted in the network and contexts holding it."""


GROUP_EDGES_SQL = """
WITH g AS (SELECT group_by, grouping, doc_id, grp FROM doc_groups),
docs AS (SELECT g.group_by, g.grouping, g.grp, count(*) AS n_documents
         FROM g WHERE g.doc_id IN (SELECT doc_id FROM doc_order) GROUP BY ALL),
n_units AS (SELECT g.group_by, g.grouping, g.grp, count(*) AS n_units FROM units u JOIN g ON g.doc_id = u.doc_id GROUP BY ALL),
marginals AS (SELECT g.group_by, g.grouping, g.grp, p.actor, count(*) AS n_contexts
              FROM present p JOIN g ON g.doc_id = p.doc_id GROUP BY ALL),
agg AS (SELECT g.group_by, g.grouping, g.grp, p.source, p.target, count(*) AS n_contexts,
               sum(p.n_pairs)::BIGINT AS n_mention_pairs
        FROM pairs p JOIN g ON g.doc_id = p.doc_id GROUP BY ALL)
SELECT agg.group_by, agg.grouping, agg.grp, agg.source, agg.target, docs.n_documents, agg.n_contexts,
  agg.n_mention_pairs, ms.n_contexts, mt.n_contexts, n_units.n_units
FROM agg
JOIN docs USING (group_by, grouping, grp)
JOIN n_units USING (group_by, grouping, grp)
JOIN marginals ms ON ms.group_by = agg.group_by AND ms.grp = agg.grp AND ms.actor = agg.source
JOIN marginals mt ON mt.group_by = agg.group_by AND mt.grp = agg.grp AND mt.actor = agg.target
ORDER BY agg.grouping, agg.grp, agg.source, agg.target"""
"""Per grouping, group and actor pair: documents, contexts holding both, mention pairs, each actor's
contexts and the contexts of the group (needs ``doc_groups(group_by, grouping, doc_id, grp)``)."""
