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
"""

from __future__ import annotations

import bisect
import logging
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from .segment import tokens
from .tables import TableWriter, atomic_write_bytes, write_table

if TYPE_CHECKING:
    import networkx as nx

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
    "EDGE_COLUMNS",
    "CONTEXT_COLUMNS",
    "CENTRALITY_COLUMNS",
    "SUMMARY",
]

Context = Literal["sentence", "paragraph", "window", "document"]
Count = Literal["boolean", "frequency"]
_CONTEXTS = ("sentence", "paragraph", "window", "document")
_COUNTS = ("boolean", "frequency")

#: Columns of edges.csv, in file order.
EDGE_COLUMNS = ["source", "target", "weight", "n_contexts", "n_mention_pairs", "source_contexts",
                "target_contexts", "n_units", "npmi", "jaccard"]
#: Columns of edge_contexts.csv.
CONTEXT_COLUMNS = ["source", "target", "doc_id", "context_id", "start", "end"]
#: Columns of centrality.csv.
CENTRALITY_COLUMNS = ["actor", "label_en", "mentions", "degree", "weighted_degree", "degree_centrality",
                      "betweenness", "weighted_betweenness"]
#: Contexts kept per edge in the graph attribute (edge_contexts.csv always has them all).
MAX_GRAPH_CONTEXTS = 500
_GREY = "#999999"
_CHUNK_ROWS = 20_000


# --- options ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Options:
    context: str
    window: int
    count: str
    include_headline: bool
    include_repeated: bool
    rollup: tuple[tuple[str, str], ...]  # actor -> actor it is counted as (empty: no rollup)

    def as_attributes(self) -> dict[str, Any]:
        return {"context": self.context, "window": self.window if self.context == "window" else 0,
                "count": self.count, "include_headline": self.include_headline,
                "include_repeated": self.include_repeated, "rollup": ";".join(f"{a}>{b}" for a, b in self.rollup)}


def _options(context: str, window: int, count: str, include_headline: bool, include_repeated: bool,
             rollup_coalition: bool, rollup: Mapping[str, str] | None) -> _Options:
    if context not in _CONTEXTS:
        raise ValueError(f"context must be one of {_CONTEXTS}, not {context!r}")
    if count not in _COUNTS:
        raise ValueError(f"count must be one of {_COUNTS}, not {count!r}")
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a positive integer (tokens), not {window!r}")
    mapping: dict[str, str] = {}
    if rollup_coalition:
        mapping = dict(rollup) if rollup is not None else rollup_map()
    return _Options(context, window, count, bool(include_headline), bool(include_repeated),
                    tuple(sorted(mapping.items())))


# --- the actor lexicon: labels, colours, rollup ------------------------------------------------------

def actor_catalog(path: str | Path | None = None) -> dict[str, dict[str, str]]:
    """Code -> ``label_ar``, ``label_en``, ``colour``, ``rollup`` from the actor lexicon (packaged by default).

    Read from the lexicon's validated model (cached by the file's content hash, like the compiled
    matcher), so labels, colours and rollup always come from the same bytes as the mentions; an actor the
    lexicon does not know is labelled with its code and drawn grey. A missing or broken lexicon is a
    ConfigurationError."""
    from .lexicon.loading import compiled

    return dict(compiled("actors", path, _catalog, "catalog"))


def _catalog(model: Any, source: Any, _what: str) -> dict[str, dict[str, str]]:
    return {actor.code: {"label_ar": actor.label_ar, "label_en": actor.label_en, "colour": actor.colour or _GREY,
                         "rollup": actor.rollup or ""} for actor in model.actors}


def rollup_map(path: str | Path | None = None) -> dict[str, str]:
    """Actor -> the actor it is counted as with ``--rollup-coalition``: the lexicon's ``rollup`` keys
    (:func:`analysis.lexicon.rollup.rollup_map`; a ConfigurationError when the lexicon declares none)."""
    from .lexicon.rollup import rollup_map as lexicon_rollup

    return lexicon_rollup(path)


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


# --- counting -------------------------------------------------------------------------------------------

@dataclass
class _Edge:
    n_contexts: int = 0
    n_pairs: int = 0
    contexts: list[str] = field(default_factory=list)
    truncated: bool = False


@dataclass
class CoMentionNetwork:
    """A co-mention network as tables: ``edges`` (EDGE_COLUMNS + ``contexts``), ``nodes`` and options."""

    edges: pd.DataFrame
    nodes: pd.DataFrame  # actor, mentions, contexts (units holding the actor)
    n_units: int
    options: dict[str, Any]


class _Accumulator:
    """Token-window co-mentions, counted one document at a time (tokens come from each sentence's text, so
    this context stays in Python); only per-actor and per-pair totals are kept between documents."""

    def __init__(self, opts: _Options, sink: Callable[[list[dict[str, Any]]], None] | None,
                 max_graph_contexts: int):
        self.opts = opts
        self.rollup = dict(opts.rollup)
        self.sink = sink
        self.max_graph_contexts = max_graph_contexts
        self.n_units = 0
        self.unit_counts: Counter[str] = Counter()
        self.mention_counts: Counter[str] = Counter()
        self.edges: dict[tuple[str, str], _Edge] = defaultdict(_Edge)

    def _record(self, a: str, b: str, doc_id: str, context_id: int, start: int, end: int, rows: list[dict[str, Any]]) -> None:
        edge = self.edges[(a, b)]
        if len(edge.contexts) < self.max_graph_contexts:
            ref = f"{doc_id}#{context_id}"
            if not edge.contexts or edge.contexts[-1] != ref:
                edge.contexts.append(ref)
        else:
            edge.truncated = True
        rows.append({"source": a, "target": b, "doc_id": doc_id, "context_id": context_id, "start": start, "end": end})

    def add(self, doc_id: str, sents: Columns, ments: Columns) -> None:
        opts = self.opts
        raw_ids = sents["sentence_id"]
        order = sorted(range(len(raw_ids)), key=raw_ids.__getitem__)  # stable, as sort_values(kind="stable")
        s_ids = [int(raw_ids[i]) for i in order]
        s_starts = [int(sents["start"][i]) for i in order]
        s_ends = [int(sents["end"][i]) for i in order]
        keep = [True] * len(order)
        for flag, switch in (("is_headline", opts.include_headline), ("is_repeated", opts.include_repeated)):
            if not switch:
                column = sents[flag]
                keep = [k and not _truthy(column[i]) for k, i in zip(keep, order)]
        if not any(keep):
            return
        kept_ids = {sid for sid, k in zip(s_ids, keep) if k}
        # mention -> sentence: its sentence_id column when present, else the sentence holding its start
        rows: list[tuple[int, int, int, str]] = []  # (sentence_id, start, end, actor)
        if ments["actor"]:
            m_starts = [int(x) for x in ments["start"]]
            m_ends = [int(x) for x in ments["end"]]
            rollup = self.rollup
            actors = [rollup.get(a, a) for a in map(str, ments["actor"])]
            if "sentence_id" in ments:
                sids = [int(x) for x in ments["sentence_id"]]
            else:
                sids = []
                for st in m_starts:
                    k = bisect.bisect_right(s_starts, st) - 1
                    sids.append(s_ids[k] if k >= 0 and st < s_ends[k] else -1)
            rows = sorted((sid, st, en, ac) for sid, st, en, ac in zip(sids, m_starts, m_ends, actors)
                          if sid in kept_ids and ac)
        for _, _, _, actor in rows:
            self.mention_counts[actor] += 1
        out: list[dict[str, Any]] = []
        texts = sents["text"]
        self._window(doc_id, [(s_starts[j], _text(texts[i])) for j, i in enumerate(order)], rows, out)
        if self.sink is not None and out:
            self.sink(out)

    def _window(self, doc_id: str, sents: list[tuple[int, str]], rows: list[tuple[int, int, int, str]],
                out: list[dict[str, Any]]) -> None:
        self.n_units += 1  # the document is the unit of the window's boolean count and of the marginals
        present = sorted({actor for *_, actor in rows})
        self.unit_counts.update(present)
        if len(present) < 2:
            return
        # token starts of the whole document, from each sentence's text shifted by the sentence start
        tok_starts: list[int] = []
        tok_ends: list[int] = []
        for st, text in sents:
            for a, b in tokens(text):
                tok_starts.append(st + a)
                tok_ends.append(st + b)
        located = []
        for sid, st, en, actor in rows:
            first = max(bisect.bisect_right(tok_starts, st) - 1, 0)
            if first < len(tok_ends) and tok_ends[first] <= st:
                first += 1  # the mention starts between tokens (e.g. on a quote mark)
            last = max(bisect.bisect_left(tok_starts, en) - 1, first)
            located.append((first, last, st, en, actor, sid))
        located.sort()
        window = self.opts.window
        seen_pairs: set[tuple[str, str]] = set()
        for i, (f1, l1, s1, e1, a1, sid1) in enumerate(located):
            for f2, l2, s2, e2, a2, _ in located[i + 1:]:
                if f2 - l1 > window:
                    break
                if a1 == a2:
                    continue
                a, b = (a1, a2) if a1 < a2 else (a2, a1)
                edge = self.edges[(a, b)]
                edge.n_pairs += 1
                if (a, b) not in seen_pairs:
                    seen_pairs.add((a, b))
                    edge.n_contexts += 1
                self._record(a, b, doc_id, sid1, min(s1, s2), max(e1, e2), out)

    def result(self) -> CoMentionNetwork:
        n = self.n_units
        rows = []
        for (a, b), edge in sorted(self.edges.items()):
            if not edge.n_contexts:
                continue
            na, nb, nab = self.unit_counts[a], self.unit_counts[b], edge.n_contexts
            rows.append({
                "source": a, "target": b,
                "weight": edge.n_contexts if self.opts.count == "boolean" else edge.n_pairs,
                "n_contexts": nab, "n_mention_pairs": edge.n_pairs, "source_contexts": na, "target_contexts": nb,
                "n_units": n, "npmi": npmi(nab, na, nb, n), "jaccard": jaccard(nab, na, nb),
                "contexts": ";".join(edge.contexts) + (";..." if edge.truncated else ""),
            })
        edges = pd.DataFrame(rows, columns=[*EDGE_COLUMNS, "contexts"])
        actors = sorted(set(self.mention_counts) | set(self.unit_counts))
        nodes = pd.DataFrame({"actor": actors, "mentions": [self.mention_counts[a] for a in actors],
                              "contexts": [self.unit_counts[a] for a in actors]})
        return CoMentionNetwork(edges, nodes, n, self.opts.as_attributes())


def npmi(n_ab: int, n_a: int, n_b: int, n: int) -> float:
    """Normalized PMI of two actors over ``n`` contexts: log(p_ab / (p_a p_b)) / -log(p_ab), in [-1, 1].

    1 when the actors only ever occur together; 0 when independent; undefined (NaN) without co-occurrence."""
    if n_ab <= 0 or n_a <= 0 or n_b <= 0 or n <= 0:
        return float("nan")
    p_ab = n_ab / n
    if p_ab >= 1.0:
        return 1.0
    return math.log(p_ab / ((n_a / n) * (n_b / n))) / -math.log(p_ab)


def jaccard(n_ab: int, n_a: int, n_b: int) -> float:
    """Contexts with both actors over contexts with either: n_ab / (n_a + n_b - n_ab)."""
    union = n_a + n_b - n_ab
    return n_ab / union if union > 0 else float("nan")


def co_mention_network(
    mentions: Any,
    sentences: Any,
    *,
    context: Context = "sentence",
    window: int = 10,
    count: Count = "boolean",
    include_headline: bool = True,
    include_repeated: bool = False,
    rollup_coalition: bool = False,
    rollup: Mapping[str, str] | None = None,
    max_graph_contexts: int = MAX_GRAPH_CONTEXTS,
    context_sink: Callable[[list[dict[str, Any]]], None] | None = None,
) -> CoMentionNetwork:
    """Edges, node counts and options of the co-mention network (see the module docstring).

    ``mentions``/``sentences``: DataFrames, lists of rows, or paths of ``mentions.csv``/``sentences.csv``
    (read in chunks). ``context_sink`` receives the rows of ``edge_contexts`` document by document (used
    to stream them to a file); ``rollup`` overrides the lexicon's rollup map when ``rollup_coalition``.
    """
    opts = _options(context, window, count, include_headline, include_repeated, rollup_coalition, rollup)
    if max_graph_contexts < 0:
        raise ValueError(f"max_graph_contexts must be >= 0, not {max_graph_contexts}")
    if opts.context != "window":
        return _units_network(mentions, sentences, opts, max_graph_contexts, context_sink)
    acc = _Accumulator(opts, context_sink, max_graph_contexts)
    n_docs = 0
    for doc_id, sents, ments in _documents(mentions, sentences, need_text=True):
        acc.add(doc_id, sents, ments)
        n_docs += 1
    log.info("co-mentions (%s, %s): %d documents, %d units, %d edges", opts.context, opts.count, n_docs,
             acc.n_units, len(acc.edges))
    return acc.result()


def _query_source(source: Any, columns: list[str], optional: tuple[str, ...] = ()) -> "Path | pd.DataFrame":
    """A row table as the query engine reads it: a file in place, or a frame with typed flags."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.suffix != ".parquet":
            head = pd.read_csv(path, nrows=0, encoding="utf-8").columns
            missing = [c for c in columns if c not in head]
            if missing:
                raise ValueError(f"{path}: lacks column(s) {missing}")
        return path
    frame = source if isinstance(source, pd.DataFrame) else pd.DataFrame.from_records(
        [r if isinstance(r, Mapping) else vars(r) for r in source])
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"table lacks column(s) {missing}; it has {list(frame.columns)}")
    frame = frame[columns + [c for c in optional if c in frame.columns]].copy()
    for flag in ("is_headline", "is_repeated"):
        if flag in frame:
            frame[flag] = _as_bool(frame[flag])
    for col in ("start", "end", "sentence_id", "paragraph_id"):
        if col in frame:
            frame[col] = pd.to_numeric(frame[col]).astype("int64")
    frame["doc_id"] = frame["doc_id"].astype(str)
    if "actor" in frame:
        frame["actor"] = frame["actor"].fillna("").astype(str)
    return frame


def _units_network(mentions: Any, sentences: Any, opts: _Options, max_graph_contexts: int,
                   sink: Callable[[list[dict[str, Any]]], None] | None) -> CoMentionNetwork:
    """Sentence, paragraph and document contexts: the counting is SQL (:func:`queries.co_mention_tables`)."""
    from . import queries

    tables = {"mentions": _query_source(mentions, _MENTION_COLS, ("sentence_id",)),
              "sentences": _query_source(sentences, _SENT_COLS)}
    with queries.row_tables(tables, dict(opts.rollup)) as con:
        unknown = con.execute("SELECT DISTINCT doc_id FROM mentions EXCEPT SELECT doc_id FROM sentences "
                              "ORDER BY 1 LIMIT 1").fetchall()
        if unknown:
            raise ValueError(f"mentions of document {unknown[0][0]!r} are absent from the sentences")
        queries.co_mention_tables(con, context=opts.context, include_headline=opts.include_headline,
                                  include_repeated=opts.include_repeated)
        n_units = int(con.execute("SELECT count(*) FROM units").fetchall()[0][0])
        if sink is not None:
            for batch in con.sql(queries.EDGE_CONTEXTS_SQL).to_arrow_reader(20_000):
                rows = batch.to_pylist()
                if rows:
                    sink(rows)
        edge_rows = con.sql(queries.co_mention_edges_sql(max_graph_contexts)).fetchall()
        nodes = con.sql(queries.CO_MENTION_NODES_SQL).df()
    rows = []
    for a, b, nab, n_pairs, na, nb, contexts in edge_rows:
        rows.append({
            "source": a, "target": b, "weight": nab if opts.count == "boolean" else int(n_pairs),
            "n_contexts": int(nab), "n_mention_pairs": int(n_pairs), "source_contexts": int(na),
            "target_contexts": int(nb), "n_units": n_units, "npmi": npmi(nab, na, nb, n_units),
            "jaccard": jaccard(nab, na, nb), "contexts": contexts if max_graph_contexts else ("..." if contexts else ""),
        })
    edges = pd.DataFrame(rows, columns=[*EDGE_COLUMNS, "contexts"])
    nodes = nodes.astype({"mentions": "int64", "contexts": "int64"}) if len(nodes) else pd.DataFrame(
        {"actor": pd.Series(dtype=object), "mentions": pd.Series(dtype="int64"), "contexts": pd.Series(dtype="int64")})
    log.info("co-mentions (%s, %s): %d units, %d edges", opts.context, opts.count, n_units, len(edges))
    return CoMentionNetwork(edges, nodes, n_units, opts.as_attributes())


def co_mentions(
    mentions: Any,
    sentences: Any,
    *,
    context: Context = "sentence",
    window: int = 10,
    count: Count = "boolean",
    include_headline: bool = True,
    include_repeated: bool = False,
    rollup_coalition: bool = False,
) -> pd.DataFrame:
    """The edge table: one row per actor pair (``source`` < ``target``), EDGE_COLUMNS plus ``contexts``."""
    return co_mention_network(mentions, sentences, context=context, window=window, count=count,
                              include_headline=include_headline, include_repeated=include_repeated,
                              rollup_coalition=rollup_coalition).edges


def edge_contexts(mentions: Any, sentences: Any, **options: Any) -> pd.DataFrame:
    """Every context behind every edge (CONTEXT_COLUMNS), for the same options as :func:`co_mentions`:
    ``context_id`` is the sentence id, the paragraph id, 0 for the document, or for ``window`` the sentence
    id of the pair's first mention; ``start``/``end`` the raw span of the context (window: of the pair)."""
    rows: list[dict[str, Any]] = []
    co_mention_network(mentions, sentences, context_sink=rows.extend, **options)
    return pd.DataFrame(rows, columns=CONTEXT_COLUMNS)


# --- graphs -------------------------------------------------------------------------------------------

def _node_attributes(actor: str, catalog: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    info = catalog.get(actor, {})
    return {"code": actor, "label": info.get("label_en", actor), "label_ar": info.get("label_ar", actor),
            "label_en": info.get("label_en", actor), "colour": info.get("colour", _GREY)}


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


def relation_graph(
    relations: Any,
    *,
    include_negated: bool = False,
    rollup_coalition: bool = False,
    rollup: Mapping[str, str] | None = None,
    catalog: Mapping[str, Mapping[str, str]] | None = None,
) -> nx.MultiDiGraph:
    """A directed, typed multigraph: one edge per relation (source -> target), ``key`` = ``doc_id#start#i``,
    attributes ``relation``, ``verb``, ``doc_id``, ``start``, ``end``, ``sentence_id``, ``negated``,
    ``rule``. Negated relations ("لا تهاجم") are left out unless ``include_negated``."""
    import networkx as nx  # imported when a graph is built: a run's start-up does without it
    catalog = actor_catalog() if catalog is None else catalog
    mapping = (dict(rollup) if rollup is not None else rollup_map()) if rollup_coalition else {}
    if isinstance(relations, (str, Path)):
        frames = list(_chunks(relations, ["doc_id", "start", "end", "source_actor", "relation", "target_actor"],
                              ("verb", "sentence_id", "negated", "rule")))
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    elif isinstance(relations, pd.DataFrame):
        frame = relations
    else:
        frame = pd.DataFrame([r if isinstance(r, Mapping) else vars(r) for r in relations])
    graph = nx.MultiDiGraph(include_negated=include_negated,
                            rollup=";".join(f"{a}>{b}" for a, b in sorted(mapping.items())))
    if frame is None or frame.empty:
        return graph
    if "doc_id" not in frame.columns:
        frame = frame.assign(doc_id="")
    if "negated" in frame.columns:
        frame = frame.assign(negated=_as_bool(frame["negated"]))
        if not include_negated:
            frame = frame[~frame["negated"]]
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
                       negated=bool(row.get("negated", False)), rule=str(row.get("rule", "") or ""))
    return graph


def _int_or(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


_RELATION_COLS = ["doc_id", "start", "end", "source_actor", "relation", "target_actor"]
_RELATION_OPTIONAL = ("verb", "sentence_id", "negated", "rule")


def _relation_records(relations: Any, include_negated: bool,
                      mapping: Mapping[str, str]) -> Iterator[tuple[str, int, int, str, str, str, str, int, bool, str]]:
    """The relations the graph keeps, chunk by chunk, as (doc_id, start, end, relation, source, target, verb,
    sentence_id, negated, rule), converted cell by cell exactly as :func:`relation_graph` converts them."""
    for chunk in _chunks(relations, _RELATION_COLS, _RELATION_OPTIONAL):
        n = len(chunk)
        if not n:
            continue
        negated = _as_bool(chunk["negated"]).tolist() if "negated" in chunk.columns else [False] * n
        sources = [mapping.get(a, a) for a in chunk["source_actor"].astype(str).tolist()]
        targets = [mapping.get(a, a) for a in chunk["target_actor"].astype(str).tolist()]
        missing = [None] * n
        columns = zip(chunk["doc_id"].tolist(), chunk["start"].tolist(), chunk["end"].tolist(),
                      chunk["relation"].tolist(), sources, targets, negated,
                      chunk["verb"].tolist() if "verb" in chunk.columns else missing,
                      chunk["sentence_id"].tolist() if "sentence_id" in chunk.columns else missing,
                      chunk["rule"].tolist() if "rule" in chunk.columns else missing)
        for doc_id, start, end, relation, source, target, neg, verb, sid, rule in columns:
            if (neg and not include_negated) or source == target:
                continue
            yield (str(doc_id), int(start), int(end), str(relation), source, target, str(verb or ""),
                   _int_or(sid, -1), bool(neg), str(rule or ""))


def _escape_attribute(text: str) -> str:
    """As ElementTree escapes an attribute value (GraphML output must match networkx byte for byte)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_EDGE_FIELDS = ("relation", "verb", "doc_id", "start", "end", "sentence_id", "negated", "rule")


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
    include_negated: bool = False,
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
                       "relation TEXT, source TEXT, target TEXT, verb TEXT, sentence_id INTEGER, negated INTEGER, "
                       "rule TEXT)")
            db.executemany("INSERT INTO r (doc_id, start, end_, relation, source, target, verb, sentence_id, negated, "
                           "rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           _relation_records(relations, include_negated, mapping))
            actors = sorted({a for (a,) in db.execute("SELECT source FROM r UNION SELECT target FROM r")})
            ordered = db.execute(
                "WITH ranked AS (SELECT *, ROW_NUMBER() OVER (ORDER BY doc_id, start, end_, relation, source, target, "
                "seq) AS rk FROM r), keyed AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY doc_id, start ORDER BY rk) "
                "- 1 AS k, MIN(rk) OVER (PARTITION BY source, target) AS first_rk FROM ranked) "
                "SELECT source, target, doc_id || '#' || start || '#' || k, relation, verb, doc_id, start, end_, "
                "sentence_id, negated, rule FROM keyed ORDER BY source, first_rk, rk")
            try:
                _write_relation_edges(path, ordered, actors, include_negated, mapping, catalog)
            except _FormatChanged as exc:
                log.warning("networkx prints GraphML edges differently (%r vs %r): relations graph built in "
                            "memory", *exc.args)
                graph = relation_graph(relations, include_negated=include_negated,
                                       rollup_coalition=rollup_coalition, rollup=rollup, catalog=catalog)
                write_graphml(graph, path)
        finally:
            db.close()
    return path


def _relation_skeleton(actors: list[str], first: tuple[Any, ...] | None, include_negated: bool,
                       mapping: Mapping[str, str],
                       catalog: Mapping[str, Mapping[str, str]]) -> tuple[str, dict[str, str]]:
    """networkx's GraphML of the relation graph with every node and only the first edge, and the key id
    of every edge attribute."""
    import networkx as nx  # imported when a graph is built: a run's start-up does without it
    graph = nx.MultiDiGraph(include_negated=include_negated,
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
    relation, verb, doc_id, start, end, sentence_id, negated, rule = row
    return {"relation": relation, "verb": verb, "doc_id": doc_id, "start": int(start), "end": int(end),
            "sentence_id": int(sentence_id), "negated": bool(negated), "rule": rule}


def _write_relation_edges(path: Path, ordered: Iterable[tuple[Any, ...]], actors: list[str], include_negated: bool,
                          mapping: Mapping[str, str], catalog: Mapping[str, Mapping[str, str]]) -> None:
    rows = iter(ordered)
    first = next(rows, None)
    skeleton, key_ids = _relation_skeleton(actors, first, include_negated, mapping, catalog)
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
    import networkx as nx  # imported when a graph is built: a run's start-up does without it
    path = Path(path)
    data = "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)) + "\n"
    atomic_write_bytes(path, data.encode("utf-8"))
    return path


_GEXF_DATE = re.compile(r'\s+lastmodifieddate="[^"]*"')


def write_gexf(graph: nx.Graph, path: str | Path) -> Path:
    """GEXF for Gephi; networkx stamps today's date into ``<meta lastmodifieddate>``: it is removed (the
    attribute is optional in GEXF 1.2), so re-runs are byte-identical."""
    import networkx as nx  # imported when a graph is built: a run's start-up does without it
    path = Path(path)
    text = "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True)) + "\n"
    text = _GEXF_DATE.sub("", text, count=1)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


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
