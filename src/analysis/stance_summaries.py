"""Stance summary tables: whose voices each outlet carries, in whose voice each cue stands, how each
document names each actor. Each is a query over the row tables (:mod:`analysis.queries`), so the same
function serves a run's files and a notebook's frames, and every table applies the run's one rollup.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import queries, schema
from .lazy_modules import lazy_module
from .stance import StanceLexicon, _variant_of, load_lexicon

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa
else:
    pd = lazy_module("pandas")
    pa = lazy_module("pyarrow")

__all__ = ["voice_share", "cue_counts", "naming_table", "naming_choice", "SUMMARY"]

Tables = Mapping[str, "Path | pd.DataFrame"]


def _rollup(rollup_coalition: bool | Mapping[str, str], actor_lexicon: str | Path | None = None) -> Mapping[str, str]:
    """A rollup map as given, or the actor lexicon's declared rollups when ``rollup_coalition`` is true."""
    from .lexicon.rollup import rollup_map

    if isinstance(rollup_coalition, Mapping):
        return rollup_coalition
    return rollup_map(actor_lexicon, rollup_coalition=bool(rollup_coalition))


def _frame(con: Any, sql: str, table: schema.Table) -> pd.DataFrame:
    frame = con.sql(sql).df()
    return frame if len(frame.columns) else pd.DataFrame(columns=table.columns)


def voice_share(tables: Tables, *, rollup_coalition: bool | Mapping[str, str] = False) -> pd.DataFrame:
    """Per outlet and speaker actor: statements (direct/indirect), words of reported speech, and shares."""
    with queries.row_tables(tables, _rollup(rollup_coalition)) as con:
        if not queries.has_table(con, "statements"):
            return pd.DataFrame(columns=schema.VOICE_SHARE.columns)
        return _frame(con, queries.voice_share_sql(con), schema.VOICE_SHARE)


def cue_counts(tables: Tables, *, rollup_coalition: bool | Mapping[str, str] = False) -> pd.DataFrame:
    """Per outlet, speaker actor (whose voice), category and subtype: the number of cues."""
    with queries.row_tables(tables, _rollup(rollup_coalition)) as con:
        if not queries.has_table(con, "cues"):
            return pd.DataFrame(columns=schema.CUE_COUNTS.columns)
        return _frame(con, queries.cue_counts_sql(con), schema.CUE_COUNTS)


def naming_table(tables: Tables, lex: StanceLexicon, *,
                 rollup_coalition: bool | Mapping[str, str] = False) -> pd.DataFrame:
    """Per document, actor and alias: how often the outlet used that name, with its naming variant."""
    with queries.row_tables(tables, _rollup(rollup_coalition)) as con:
        if not queries.has_table(con, "mentions"):
            return pd.DataFrame(columns=schema.NAMING.columns)
        register_variants(con, lex)
        return _frame(con, queries.naming_sql(), schema.NAMING)


def naming_choice(naming: pd.DataFrame) -> pd.DataFrame:
    """Per document and actor with declared variants: the variant used most (``mixed`` on a tie)."""
    with queries.row_tables({"naming_rows": naming}) as con:
        return _frame(con, queries.NAMING_CHOICE_SQL, schema.NAMING_CHOICE)


def register_variants(con: Any, lex: StanceLexicon) -> None:
    """The table ``variants(actor, alias, surface, variant)``: the naming variant of every distinct form
    written for an actor with declared variants (the vocabulary of forms is held, not the mentions)."""
    named = sorted(actor for actor, variants in lex.naming.items() if variants)
    rows: dict[str, list[str]] = {"actor": [], "alias": [], "surface": [], "variant": []}
    if named:
        forms = con.execute(
            "SELECT DISTINCT actor, alias, surface FROM mentions WHERE actor IN (SELECT unnest(?::VARCHAR[]))", [named]
        ).fetchall()
        for actor, alias, surface in forms:
            variant = _variant_of(lex, actor, alias, surface)
            if variant:
                for key, value in zip(rows, (actor, alias, surface, variant)):
                    rows[key].append(value)
    con.register("variants_arrow", pa.table({k: pa.array(v, pa.string()) for k, v in rows.items()}))
    con.execute("CREATE TEMP TABLE variants AS SELECT * FROM variants_arrow")
    con.unregister("variants_arrow")


def SUMMARY(options: Any, paths: dict[str, Path]) -> list[Path]:  # noqa: N802 (a summary step of analysis.pipeline)
    """voice_share, cue_counts, naming and naming_choice tables of a run."""
    from .summaries import actor_rollup

    out = Path(options.out_dir)
    lex = load_lexicon(options.stance_lexicon, normalization=options.normalization)
    written: list[Path] = []
    with queries.row_tables(paths, actor_rollup(options)) as con:
        for name, table, sql in (("statements", schema.VOICE_SHARE, queries.voice_share_sql),
                                 ("cues", schema.CUE_COUNTS, queries.cue_counts_sql)):
            written.append(queries.write_query(con, sql(con), out, table) if queries.has_table(con, name)
                           else queries.write_empty(out, table))
        if not queries.has_table(con, "mentions"):
            return written + [queries.write_empty(out, schema.NAMING), queries.write_empty(out, schema.NAMING_CHOICE)]
        register_variants(con, lex)
        # the naming table is read back from its file: it is as long as the mentions, no table held in memory
        naming = queries.write_query(con, queries.naming_sql(), out, schema.NAMING)
        queries.add_view(con, "naming_rows", naming)
        written.append(naming)
        written.append(queries.write_query(con, queries.NAMING_CHOICE_SQL, out, schema.NAMING_CHOICE))
    return written
