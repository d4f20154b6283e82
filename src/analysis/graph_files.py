"""Graphs as files, byte-reproducibly: GraphML and GEXF of the co-mention graph (no timestamps), and the
directed relation graph (who does what to whom), built in memory or streamed edge by edge into GraphML
exactly as networkx would print it.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .actor_catalog import _node_attributes, actor_catalog, rollup_map
from .lazy_modules import lazy_module
from .table_chunks import _chunks
from .tables import atomic_write_bytes

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
else:
    nx = lazy_module("networkx")
    pd = lazy_module("pandas")

log = logging.getLogger(__name__)


def relation_graph(
    relations: Any,
    *,
    include_uncounted: bool = False,
    rollup_coalition: bool = False,
    rollup: Mapping[str, str] | None = None,
    catalog: Mapping[str, Mapping[str, str]] | None = None,
) -> nx.MultiDiGraph:
    """A directed, typed multigraph: one edge per relation (source -> target), ``key`` = ``doc_id#start#i``,
    attributes ``relation``, ``verb``, ``doc_id``, ``start``, ``end``, ``sentence_id``, ``polarity``,
    ``modality``, ``claim_of``, ``rule``. Only counted relations (``polarity`` ``pos`` and ``modality``
    ``real``) are edges unless ``include_uncounted``: a denied attack ("لم تشن هجوما") or an offer to
    coordinate ("مستعدة للتنسيق") is no event between the two."""
    catalog = actor_catalog() if catalog is None else catalog
    mapping = (dict(rollup) if rollup is not None else rollup_map()) if rollup_coalition else {}
    if isinstance(relations, (str, Path)):
        frames = list(_chunks(relations, ["doc_id", "start", "end", "source_actor", "relation", "target_actor"],
                              _RELATION_OPTIONAL))
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    elif isinstance(relations, pd.DataFrame):
        frame = relations
    else:
        frame = pd.DataFrame([r if isinstance(r, Mapping) else vars(r) for r in relations])
    graph = nx.MultiDiGraph(include_uncounted=include_uncounted,
                            rollup=";".join(f"{a}>{b}" for a, b in sorted(mapping.items())))
    if frame is None or frame.empty:
        return graph
    if "doc_id" not in frame.columns:
        frame = frame.assign(doc_id="")
    frame = frame.assign(**{c: _labels(frame, c, d) for c, d in _RELATION_LABELS.items()})
    if not include_uncounted:
        frame = frame[(frame["polarity"] == "pos") & (frame["modality"] == "real")]
    frame = frame.assign(source_actor=frame["source_actor"].astype(str).map(lambda a: mapping.get(a, a)),
                         target_actor=frame["target_actor"].astype(str).map(lambda a: mapping.get(a, a)))
    frame = frame[frame["source_actor"] != frame["target_actor"]]
    for actor in sorted(set(frame["source_actor"]) | set(frame["target_actor"])):
        graph.add_node(actor, **_node_attributes(actor, catalog))
    frame = frame.sort_values(["doc_id", "start", "end", "relation", "source_actor", "target_actor"], kind="stable")
    counter: Counter[tuple[str, int]] = Counter()
    for row in frame.to_dict("records"):
        base = (str(row["doc_id"]), int(row["start"]))
        key = f"{base[0]}#{base[1]}#{counter[base]}"
        counter[base] += 1
        graph.add_edge(row["source_actor"], row["target_actor"], key=key, relation=str(row["relation"]),
                       verb=str(row.get("verb", "") or ""), doc_id=base[0], start=base[1], end=int(row["end"]),
                       sentence_id=_int_or(row.get("sentence_id"), -1),
                       polarity=row["polarity"], modality=row["modality"], claim_of=row["claim_of"],
                       rule=str(row.get("rule", "") or ""))
    return graph


def _int_or(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


_RELATION_COLS = ["doc_id", "start", "end", "source_actor", "relation", "target_actor"]
_RELATION_OPTIONAL = ("verb", "sentence_id", "polarity", "modality", "claim_of", "rule")
#: label columns of a relation and their value when a table lacks the column (an older run: all counted)
_RELATION_LABELS = {"polarity": "pos", "modality": "real", "claim_of": ""}


def _labels(frame: pd.DataFrame, column: str, default: str) -> pd.Series:
    """A relation label column as text, ``default`` where missing or empty."""
    if column not in frame.columns:
        return pd.Series([default] * len(frame), index=frame.index, dtype=object)
    values = frame[column]
    text = values.astype(str)
    return text.where(values.notna() & (text != ""), default)


def _relation_records(relations: Any, include_uncounted: bool, mapping: Mapping[str, str]
                      ) -> Iterator[tuple[str, int, int, str, str, str, str, int, str, str, str, str]]:
    """The relations the graph keeps, chunk by chunk, as (doc_id, start, end, relation, source, target, verb,
    sentence_id, polarity, modality, claim_of, rule), converted cell by cell exactly as :func:`relation_graph`
    converts them."""
    for chunk in _chunks(relations, _RELATION_COLS, _RELATION_OPTIONAL):
        n = len(chunk)
        if not n:
            continue
        polarity, modality, claim_of = (_labels(chunk, c, d).tolist() for c, d in _RELATION_LABELS.items())
        sources = [mapping.get(a, a) for a in chunk["source_actor"].astype(str).tolist()]
        targets = [mapping.get(a, a) for a in chunk["target_actor"].astype(str).tolist()]
        missing = [None] * n
        columns = zip(chunk["doc_id"].tolist(), chunk["start"].tolist(), chunk["end"].tolist(),
                      chunk["relation"].tolist(), sources, targets, polarity, modality, claim_of,
                      chunk["verb"].tolist() if "verb" in chunk.columns else missing,
                      chunk["sentence_id"].tolist() if "sentence_id" in chunk.columns else missing,
                      chunk["rule"].tolist() if "rule" in chunk.columns else missing)
        for doc_id, start, end, relation, source, target, pol, mod, claim, verb, sid, rule in columns:
            if (not include_uncounted and (pol != "pos" or mod != "real")) or source == target:
                continue
            yield (str(doc_id), int(start), int(end), str(relation), source, target, str(verb or ""),
                   _int_or(sid, -1), pol, mod, claim, str(rule or ""))


def _escape_attribute(text: str) -> str:
    """As ElementTree escapes an attribute value (GraphML output must match networkx byte for byte)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_EDGE_FIELDS = ("relation", "verb", "doc_id", "start", "end", "sentence_id", "polarity", "modality", "claim_of",
                "rule")


def _graphml_edge(source: str, target: str, key: str, attrs: tuple[Any, ...], key_ids: tuple[str, ...]) -> str:
    """One ``<edge>`` element as networkx's GraphML writer prints it (prettyprint, us-ascii with character
    references, ``splitlines`` joined by ``\\n``)."""
    parts = [f'    <edge source="{_escape_attribute(source)}" target="{_escape_attribute(target)}" '
             f'id="{_escape_attribute(key)}">']
    for key_id, value in zip(key_ids, attrs):
        text = str(value)
        parts.append(f'      <data key="{key_id}">{_escape_text(text)}</data>' if text
                     else f'      <data key="{key_id}" />')
    parts.append("    </edge>")
    block = "\n".join(parts).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return "\n".join(block.splitlines())


def write_relation_graphml(
    relations: Any,
    path: str | Path,
    *,
    include_uncounted: bool = False,
    rollup_coalition: bool = False,
    rollup: Mapping[str, str] | None = None,
    catalog: Mapping[str, Mapping[str, str]] | None = None,
) -> Path:
    """``write_graphml(relation_graph(relations, ...), path)`` byte for byte, in memory flat in the number of
    relations: the table is read in chunks into a temporary SQLite file beside ``path``, which sorts the
    edges in the order the in-memory graph would print them (sources sorted; targets of a source by their
    first edge; edges by doc_id, start, end, relation, source, target, then table order); only the actors
    are kept in memory. The first edge is also printed by networkx and compared, so a change in networkx's
    format falls back to the in-memory graph instead of writing a different file."""
    import sqlite3
    import tempfile

    path = Path(path)
    catalog = actor_catalog() if catalog is None else catalog
    mapping = (dict(rollup) if rollup is not None else rollup_map()) if rollup_coalition else {}
    if not isinstance(relations, (str, Path)):
        frame = relations if isinstance(relations, pd.DataFrame) else pd.DataFrame(
            [r if isinstance(r, Mapping) else vars(r) for r in relations])
        relations = frame.assign(doc_id="") if "doc_id" not in frame.columns and not frame.empty else frame
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{path.name}.", dir=path.parent) as tmp:
        db = sqlite3.connect(Path(tmp) / "relations.sqlite")
        try:
            db.execute("PRAGMA temp_store = FILE")
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE r (seq INTEGER PRIMARY KEY, doc_id TEXT, start INTEGER, end_ INTEGER, "
                       "relation TEXT, source TEXT, target TEXT, verb TEXT, sentence_id INTEGER, polarity TEXT, "
                       "modality TEXT, claim_of TEXT, rule TEXT)")
            db.executemany("INSERT INTO r (doc_id, start, end_, relation, source, target, verb, sentence_id, polarity, "
                           "modality, claim_of, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           _relation_records(relations, include_uncounted, mapping))
            actors = sorted({a for (a,) in db.execute("SELECT source FROM r UNION SELECT target FROM r")})
            ordered = db.execute(
                "WITH ranked AS (SELECT *, ROW_NUMBER() OVER (ORDER BY doc_id, start, end_, relation, source, target, "
                "seq) AS rk FROM r), keyed AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY doc_id, start ORDER BY rk) "
                "- 1 AS k, MIN(rk) OVER (PARTITION BY source, target) AS first_rk FROM ranked) "
                "SELECT source, target, doc_id || '#' || start || '#' || k, relation, verb, doc_id, start, end_, "
                "sentence_id, polarity, modality, claim_of, rule FROM keyed ORDER BY source, first_rk, rk")
            try:
                _write_relation_edges(path, ordered, actors, include_uncounted, mapping, catalog)
            except _FormatChanged as exc:
                log.warning("networkx prints GraphML edges differently (%r vs %r): relations graph built in "
                            "memory", *exc.args)
                graph = relation_graph(relations, include_uncounted=include_uncounted,
                                       rollup_coalition=rollup_coalition, rollup=rollup, catalog=catalog)
                write_graphml(graph, path)
        finally:
            db.close()
    return path


def _relation_skeleton(actors: list[str], first: tuple[Any, ...] | None, include_uncounted: bool,
                       mapping: Mapping[str, str],
                       catalog: Mapping[str, Mapping[str, str]]) -> tuple[str, dict[str, str]]:
    """networkx's GraphML of the relation graph with every node and only the first edge, and the key id
    of every edge attribute."""
    graph = nx.MultiDiGraph(include_uncounted=include_uncounted,
                            rollup=";".join(f"{a}>{b}" for a, b in sorted(mapping.items())))
    for actor in actors:
        graph.add_node(actor, **_node_attributes(actor, catalog))
    if first is not None:
        graph.add_edge(first[0], first[1], key=first[2], **_edge_attributes(first[3:]))
    writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graph)
    key_ids = {name: key_id for (name, _, scope), key_id in writer.keys.items() if scope == "edge"}
    return "\n".join(str(writer).splitlines()), key_ids


def _edge_attributes(row: tuple[Any, ...]) -> dict[str, Any]:
    relation, verb, doc_id, start, end, sentence_id, polarity, modality, claim_of, rule = row
    return {"relation": relation, "verb": verb, "doc_id": doc_id, "start": int(start), "end": int(end),
            "sentence_id": int(sentence_id), "polarity": polarity, "modality": modality, "claim_of": claim_of,
            "rule": rule}


def _write_relation_edges(path: Path, ordered: Iterable[tuple[Any, ...]], actors: list[str], include_uncounted: bool,
                          mapping: Mapping[str, str], catalog: Mapping[str, Mapping[str, str]]) -> None:
    rows = iter(ordered)
    first = next(rows, None)
    skeleton, key_ids = _relation_skeleton(actors, first, include_uncounted, mapping, catalog)
    if first is None:
        atomic_write_bytes(path, (skeleton + "\n").encode("utf-8"))
        return
    ids = tuple(key_ids[name] for name in _EDGE_FIELDS)

    def edge(row: tuple[Any, ...]) -> str:
        return _graphml_edge(row[0], row[1], row[2], tuple(_edge_attributes(row[3:]).values()), ids)

    begin = skeleton.rindex("\n", 0, skeleton.index("<edge ")) + 1
    end = skeleton.index("</edge>") + len("</edge>")
    head = edge(first)
    if skeleton[begin:end] != head:
        raise _FormatChanged(skeleton[begin:end], head)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(skeleton[:begin])
            fh.write(head)
            for row in rows:
                fh.write("\n")
                fh.write(edge(row))
            fh.write(skeleton[end:])
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class _FormatChanged(RuntimeError):
    """networkx prints an edge differently from :func:`_graphml_edge` (another networkx/Python version)."""


# --- writing graphs, byte-reproducibly ------------------------------------------------------------------

def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    """GraphML with sorted nodes/edges as inserted; no timestamps, so re-runs are byte-identical."""
    path = Path(path)
    data = "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)) + "\n"
    atomic_write_bytes(path, data.encode("utf-8"))
    return path


_GEXF_DATE = re.compile(r'\s+lastmodifieddate="[^"]*"')


def write_gexf(graph: nx.Graph, path: str | Path) -> Path:
    """GEXF for Gephi; networkx stamps today's date into ``<meta lastmodifieddate>``: it is removed (the
    attribute is optional in GEXF 1.2), so re-runs are byte-identical."""
    path = Path(path)
    text = "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True)) + "\n"
    text = _GEXF_DATE.sub("", text, count=1)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
