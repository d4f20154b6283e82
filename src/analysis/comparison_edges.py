"""Co-mention networks per group: the run network's context definition applied to each group's documents
separately (sentence, paragraph and document contexts as DuckDB queries, the token window document by
document), so outlets' or months' networks can be set side by side.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import co_mentions, schema, table_chunks
from .comparison_inputs import (
    ComparisonInputs,
    ComparisonSettings,
    _empty,
    _groupings,
    _inputs,
    _is_true,
    _rollup_map,
    _sql_source,
)
from .lazy_modules import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")


# --- co-mention networks per group ------------------------------------------------------------------------

EDGE_COLUMNS = schema.COMPARISON_EDGES.columns


def edge_comparison(
    source: ComparisonInputs | str | Path | Mapping[str, Path],
    *,
    group_by: str | Sequence[str] | None = None,
    settings: ComparisonSettings | None = None,
    context: str = "sentence",
    window: int = 10,
    count: str = "boolean",
    include_headline: bool = True,
    include_repeated: bool = False,
    actor_lexicon: str | Path | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """Per group: the co-mention network's edges, with the context definition of :mod:`analysis.network`
    (defaults as ``edges.csv``: sentence contexts, boolean count, headline in, repeated lines out).

    One pass over the mentions and sentences, document by document, feeding each document to its group's
    network in every grouping, so memory holds only the per-group pair counts.
    """
    from . import network

    inputs = _inputs(source, settings, overrides)
    s = inputs.settings
    paths = inputs.paths
    if "mentions" not in paths or "sentences" not in paths:
        return _empty(EDGE_COLUMNS)
    rollup = _rollup_map(s, Path(actor_lexicon) if actor_lexicon else None) if s.rollup_coalition else None
    opts = co_mentions._options(context, window, count, include_headline, include_repeated, s.rollup_coalition, rollup)
    groupings = _groupings(inputs, group_by)
    with tempfile.TemporaryDirectory(prefix=".comparison-edges.") as tmp:
        mentions_path = _mentions_without_boilerplate(paths["mentions"], Path(tmp), s)
        if opts.context == "window":
            rows = _window_edges(network, opts, mentions_path, paths["sentences"], groupings)
        else:
            rows = _unit_edges(network, opts, mentions_path, paths["sentences"], groupings)
    return pd.DataFrame(rows, columns=EDGE_COLUMNS) if rows else _empty(EDGE_COLUMNS)


def _unit_edges(network: Any, opts: Any, mentions: Path, sentences: Path,
                groupings: list[tuple[str, pd.Series]]) -> list[dict[str, Any]]:
    """Per-group edges of sentence, paragraph or document contexts: the network's own queries
    (:func:`analysis.queries.co_mention_tables`) joined to each document's group."""
    from . import queries

    doc_groups = pd.DataFrame(
        [(name, i, str(doc_id), str(group)) for i, (name, groups) in enumerate(groupings) for doc_id, group in groups.items()],
        columns=["group_by", "grouping", "doc_id", "grp"],
    )
    with queries.row_tables({"mentions": mentions, "sentences": sentences, "doc_groups": doc_groups},
                            dict(opts.rollup)) as con:
        queries.co_mention_tables(con, context=opts.context, include_headline=opts.include_headline,
                                  include_repeated=opts.include_repeated)
        found = con.execute(queries.GROUP_EDGES_SQL).fetchall()
    rows = []
    for name, _, grp, a, b, n_docs, nab, n_pairs, na, nb, n_units in found:
        rows.append({"group_by": name, "group": grp, "source": a, "target": b, "n_documents": int(n_docs),
                     "weight": int(nab) if opts.count == "boolean" else int(n_pairs), "n_contexts": int(nab),
                     "n_mention_pairs": int(n_pairs), "source_contexts": int(na), "target_contexts": int(nb),
                     "n_units": int(n_units), "npmi": network.npmi(nab, na, nb, n_units),
                     "jaccard": network.jaccard(nab, na, nb)})
    return rows


def _window_edges(network: Any, opts: Any, mentions: Path, sentences: Path,
                  groupings: list[tuple[str, pd.Series]]) -> list[dict[str, Any]]:
    """Per-group edges of the token window: each document fed to its group's window count."""
    accumulators: dict[tuple[str, str], Any] = {}
    n_docs: dict[tuple[str, str], int] = {}
    lookup = [(name, groups.to_dict()) for name, groups in groupings]
    for doc_id, sents, ments in table_chunks._documents(mentions, sentences, need_text=True):
        for name, groups in lookup:
            group = groups.get(doc_id)
            if group is None:  # a duplicate left out, or a document absent from the documents table
                continue
            key = (name, group)
            acc = accumulators.get(key)
            if acc is None:
                acc = accumulators[key] = co_mentions._Accumulator(opts, None, 0)
            acc.add(doc_id, sents, ments)
            n_docs[key] = n_docs.get(key, 0) + 1
    rows = []
    order = {name: i for i, (name, _) in enumerate(groupings)}
    for (name, group), acc in sorted(accumulators.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        for edge in acc.result().edges[network.EDGE_COLUMNS].to_dict("records"):
            rows.append({"group_by": name, "group": group, "n_documents": n_docs[(name, group)], **edge})
    return rows


def _mentions_without_boilerplate(path: Path, folder: Path, settings: ComparisonSettings) -> Path:
    """The mentions table itself, or (when it flags page furniture) a copy without those rows, in order."""
    from .queries import bounded_connection

    if settings.include_boilerplate:
        return path
    with bounded_connection(folder) as con:
        src = _sql_source(path)
        cols = [d[0] for d in con.execute(f"SELECT * FROM {src} LIMIT 0").description]
        if "is_boilerplate" not in cols:
            return path
        keep = ", ".join(c for c in ("doc_id", "start", '"end"', "actor", "sentence_id") if c.strip('"') in cols)
        out = folder / "mentions.csv"
        con.execute("SET preserve_insertion_order = true")
        quoted = str(out).replace("'", "''")
        con.execute(f"COPY (SELECT {keep} FROM {src} WHERE NOT {_is_true('is_boilerplate')}) TO '{quoted}' (HEADER, DELIMITER ',')")
        return out
