"""Co-mention counting: which actors share a context, how often, and with what association (NPMI, Jaccard).

The context definition (sentence, paragraph, document or a token window; boolean or frequency counts;
headline and repeated-line switches; rollup) is described in :mod:`analysis.network`. Sentence, paragraph
and document contexts are DuckDB queries over the row tables (:func:`analysis.queries.co_mention_tables`);
the token window is counted document by document.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import schema
from .actor_catalog import rollup_map
from .lazy_modules import lazy_module
from .segment import tokens
from .table_chunks import _MENTION_COLS, _SENT_COLS, _as_bool, _documents, _text, _truthy

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

log = logging.getLogger(__name__)


Context = Literal["sentence", "paragraph", "window", "document"]
Count = Literal["boolean", "frequency"]
_CONTEXTS = ("sentence", "paragraph", "window", "document")
_COUNTS = ("boolean", "frequency")
#: Columns of edges.csv, in file order.
EDGE_COLUMNS = schema.EDGES.columns
#: Columns of edge_contexts.csv.
CONTEXT_COLUMNS = schema.EDGE_CONTEXTS.columns
#: Contexts kept per edge in the graph attribute (edge_contexts.csv always has them all).
MAX_GRAPH_CONTEXTS = 500
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
