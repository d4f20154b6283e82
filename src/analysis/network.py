"""Co-mention networks and the who-does-what-to-whom relation graph.

Two actors are *co-mentioned* when mentions of both fall in the same context. The definition is explicit
and configurable, as in quanteda's ``fcm`` (docs/network.md has the formulas):

``context``   ``sentence`` (default), ``paragraph``, ``document``, or ``window``: two mentions at most
              ``window`` tokens apart (tokens of ``analysis.segment.tokens``), in the same document.
``count``     ``boolean`` (default): 1 per context holding both actors (for ``window``: per document
              with at least one pair within the window, quanteda's convention); ``frequency``: mention
              pairs (``n_a * n_b`` per context; for ``window`` the number of mention pairs in range).
switches      ``include_headline`` (default True: the headline is the outlet's framing),
              ``include_repeated`` (default False: a caption the page printed twice is one statement),
              ``rollup_coalition`` (COALITION counted as US: the actor lexicon's declared ``rollup``).

Beside the raw count, each edge carries NPMI and Jaccard computed on context counts, and the contexts
behind it (``edge_contexts.csv``; a compact ``doc_id#context_id`` list in the graph), so every edge leads
back to text. Everything is computed from the row tables alone (``mentions`` + ``sentences``): sentence,
paragraph and document contexts are queries run by DuckDB (:func:`analysis.queries.co_mention_tables`),
which works out of core; the token window, which needs each sentence's tokens, is counted document by
document from tables in document order. Memory stays flat whatever the corpus size.

This module builds the co-mention graph and its centrality and writes the run's network files; the
counting is in :mod:`analysis.co_mentions`, graph files and the relation graph in
:mod:`analysis.graph_files`, actor labels and colours in :mod:`analysis.actor_catalog`, chunked reading of
the row tables in :mod:`analysis.table_chunks`. Their public names are re-exported here.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema
from .actor_catalog import _node_attributes, actor_catalog, rollup_map
from .co_mentions import (
    CONTEXT_COLUMNS,
    EDGE_COLUMNS,
    MAX_GRAPH_CONTEXTS,
    CoMentionNetwork,
    Context,
    Count,
    co_mention_network,
    co_mentions,
    edge_contexts,
    jaccard,
    npmi,
)
from .graph_files import relation_graph, write_gexf, write_graphml, write_relation_graphml
from .lazy_modules import lazy_module
from .tables import TableWriter, write_table

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
else:
    pd = lazy_module("pandas")

log = logging.getLogger(__name__)

__all__ = [
    "Context",
    "Count",
    "CoMentionNetwork",
    "co_mentions",
    "co_mention_network",
    "edge_contexts",
    "build_graph",
    "centrality",
    "relation_graph",
    "write_graphml",
    "write_gexf",
    "write_relation_graphml",
    "actor_catalog",
    "rollup_map",
    "npmi",
    "jaccard",
    "MAX_GRAPH_CONTEXTS",
    "EDGE_COLUMNS",
    "CONTEXT_COLUMNS",
    "CENTRALITY_COLUMNS",
    "SUMMARY",
]

#: Columns of centrality.csv.
CENTRALITY_COLUMNS = schema.CENTRALITY.columns


# --- graphs -------------------------------------------------------------------------------------------

def build_graph(network: CoMentionNetwork, *, catalog: Mapping[str, Mapping[str, str]] | None = None) -> nx.Graph:
    """An undirected weighted ``networkx`` graph, nodes and edges inserted in sorted order.

    Nodes: ``code``, ``label``/``label_en``, ``label_ar``, ``colour`` (from the actor lexicon), ``mentions``,
    ``contexts``. Edges: ``weight`` and the other EDGE_COLUMNS, plus ``contexts`` (``doc_id#context_id;...``;
    a trailing ``...`` when more than MAX_GRAPH_CONTEXTS, see edge_contexts.csv for all)."""
    import networkx as nx  # imported when a graph is built: a run's start-up does without it
    catalog = actor_catalog() if catalog is None else catalog
    graph = nx.Graph(**{k: v for k, v in network.options.items()}, n_units=network.n_units)
    for row in network.nodes.sort_values("actor").itertuples(index=False):
        graph.add_node(row.actor, **_node_attributes(row.actor, catalog), mentions=int(row.mentions),
                       contexts=int(row.contexts))
    for row in network.edges.sort_values(["source", "target"]).to_dict("records"):
        attrs = {k: (_scalar(row[k])) for k in EDGE_COLUMNS[2:]}
        attrs["contexts"] = str(row.get("contexts", ""))
        graph.add_edge(row["source"], row["target"], **attrs)
    return graph


def _scalar(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6) if value == value else -2.0  # GraphML/GEXF have no NaN; -2 is outside NPMI's range
    if hasattr(value, "item"):
        return value.item()
    return value


def centrality(graph: nx.Graph) -> pd.DataFrame:
    """Per actor: degree (neighbours), weighted degree (sum of edge weights), degree centrality
    (degree / (n - 1)), betweenness (unweighted, normalized) and weighted betweenness (shortest paths
    with distance = 1 / weight: strong ties are short)."""
    import networkx as nx  # imported when a graph is built: a run's start-up does without it
    if graph.is_directed():
        raise ValueError("centrality expects the undirected co-mention graph")
    distance = {(u, v): 1.0 / d["weight"] for u, v, d in graph.edges(data=True) if d.get("weight", 0) > 0}
    nx.set_edge_attributes(graph, distance, "_distance")
    deg_c = nx.degree_centrality(graph) if len(graph) > 1 else {n: 0.0 for n in graph}
    btw = nx.betweenness_centrality(graph, normalized=True)
    wbtw = nx.betweenness_centrality(graph, normalized=True, weight="_distance")
    for _, _, d in graph.edges(data=True):
        d.pop("_distance", None)
    rows = [{
        "actor": n, "label_en": graph.nodes[n].get("label_en", n), "mentions": graph.nodes[n].get("mentions", 0),
        "degree": graph.degree(n), "weighted_degree": graph.degree(n, weight="weight"),
        "degree_centrality": deg_c[n], "betweenness": btw[n], "weighted_betweenness": wbtw[n],
    } for n in sorted(graph.nodes)]
    return pd.DataFrame(rows, columns=CENTRALITY_COLUMNS)


# --- the pipeline's summary -----------------------------------------------------------------------------

def SUMMARY(options: Any, paths: Mapping[str, Path]) -> list[Path]:
    """edges.csv, edge_contexts.csv, network.graphml, network.gexf, centrality.csv (default context:
    sentence, boolean, headline in, repeats out; ``options.rollup_coalition`` honoured) and
    relations.graphml, from the row tables, read in chunks: memory does not grow with the corpus (the
    relation graph is sorted in a temporary SQLite file and written edge by edge)."""
    if "mentions" not in paths or "sentences" not in paths:
        log.info("no mentions table: co-mention network skipped")
        return []
    out = Path(options.out_dir)
    from .lexicon.rollup import run_rollup

    catalog = actor_catalog(getattr(options, "actor_lexicon", None))
    rollup = run_rollup(options)  # the run's one rollup map, as in mention_counts and naming
    writer = TableWriter(out / "edge_contexts", CONTEXT_COLUMNS, "csv")
    try:
        network = co_mention_network(paths["mentions"], paths["sentences"],
                                     rollup_coalition=bool(rollup), rollup=rollup, context_sink=writer.write)
    except BaseException:
        writer.abort()
        raise
    written = [writer.close()]
    written.append(write_table(out / "edges", network.edges[EDGE_COLUMNS]))
    graph = build_graph(network, catalog=catalog)
    written.append(write_graphml(graph, out / "network.graphml"))
    written.append(write_gexf(graph, out / "network.gexf"))
    written.append(write_table(out / "centrality", centrality(graph)))
    if "relations" in paths:
        written.append(write_relation_graphml(paths["relations"], out / "relations.graphml",
                                              rollup_coalition=bool(rollup), rollup=rollup, catalog=catalog))
    return written
