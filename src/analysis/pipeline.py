"""``analysis run``: read a corpus, analyse each document, stream the row tables, then build summaries.

Each document goes through the chain of *components* declared here (:data:`COMPONENTS`): each reads
layers of a typed :class:`~analysis.doc.Doc`, assigns the span layers it declares for the components after
it (mentions before stance cues, statements before relations) and returns rows of the row tables it
declares; the order is checked when this module is imported. The chain is pure per document, which is what makes the run
streamable and parallel: documents are processed in sorted order, in a process pool when ``workers > 1``,
and rows are written in that same order, so outputs are byte-identical whatever the number of workers.
Summary tables are built afterwards from the row tables by the declared summary steps (:data:`SUMMARY_STEPS`).

Cleaning leaves the text untouched (``analysis.cleaning``): boilerplate is marked as spans, rows inside
them are flagged ``is_boilerplate``; duplicate copies are found across the corpus as documents are read
and written into the documents table at the end. Summaries count *counted* copies of the row tables,
without duplicate copies and boilerplate unless ``keep_duplicates`` / ``keep_boilerplate`` say otherwise.
"""

from __future__ import annotations

import gc
import logging
import os
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import actors, cleaning, comparisons, network, relations, run_manifest, schema, stance, stance_summaries, summaries
from .corpus import Document, ReadError, iter_corpus, read_metadata
from .doc import Doc
from .errors import EXIT_INPUT_PROBLEMS, EXIT_NOTHING_READ, EXIT_OK, OutputFolderBusy
from .normalize import NormalizeConfig, normalize
from .pipeline_steps import (
    Component,
    Resources,
    Rows,
    SummaryStep,
    _documents_and_sentences,
    check_components,
    check_summary_steps,
)
from .segment import segment
from .tables import Format, PartSlice, PartWriter, TableWriter, read_part

log = logging.getLogger(__name__)

__all__ = ["RunOptions", "RunSummary", "Doc", "Component", "SummaryStep", "COMPONENTS", "SUMMARY_STEPS",
           "check_components", "check_summary_steps", "analyze_document", "context_for", "run", "summarize",
           "row_tables", "ROW_TABLES", "output_lock"]


@dataclass(frozen=True)
class RunOptions:
    """Everything a run depends on; frozen and picklable so workers rebuild the same resources."""

    raw_dir: Path
    out_dir: Path
    fmt: Format = "csv"
    workers: int = 1
    engine: str = "local"  # "local" (serial or process pool) or "dask"
    scheduler: str | None = None  # address of an existing Dask scheduler
    normalization: NormalizeConfig = field(default_factory=NormalizeConfig)
    paragraphs: str = "line"
    semicolon_ends: bool = False
    actor_lexicon: Path | None = None  # None: the packaged lexicon
    stance_lexicon: Path | None = None
    relation_lexicon: Path | None = None
    rollup_coalition: bool = False  # count the US-led coalition as US in summary tables and networks
    outlet_lexicon: Path | None = None  # None: the packaged lexicons/outlets.yaml
    boilerplate_lexicon: Path | None = None  # None: the packaged lexicons/boilerplate.yaml
    slash_dates: str = "undeclared"  # order of DD/MM/YYYY-style dates: "day_first", "month_first" or undeclared
    near_duplicate_threshold: float = 0.8  # estimated Jaccard of word 5-gram sets (analysis.duplicates)
    keep_duplicates: bool = False  # count duplicate copies in summaries and networks
    keep_boilerplate: bool = False  # count rows inside boilerplate spans in summaries and networks
    # comparison tables (analysis.comparisons): groupings, bootstrap, and whether to keep flagged rows
    group_by: tuple[str, ...] = ("outlet", "month", "outlet_month")
    bootstrap_replicates: int = 1000
    seed: int = 2018


# --- the chain of this run and its summary steps ------------------------------------------------------

#: The per-document chain, in order: each component reads only layers assigned before it.
COMPONENTS: tuple[Component, ...] = check_components((
    Component("documents", _documents_and_sentences, requires=("text", "segmentation"), assigns=("boilerplate",),
              tables=("documents", "sentences", "boilerplate", "warnings")),
    Component("actors", actors.ANALYZER, requires=("normalization", "segmentation"), assigns=("mentions",),
              tables=("mentions",)),
    Component("stance", stance.ANALYZER,
              requires=("text", "normalization", "segmentation", "boilerplate", "mentions"),
              assigns=("statements", "cues"), tables=("statements", "cues")),
    Component("relations", relations.ANALYZER,
              requires=("text", "normalization", "segmentation", "boilerplate", "mentions", "statements"),
              assigns=("relations",), tables=("relations",)),
))

#: Summary builders, in order; each reads only the (counted) row tables, so they may run side by side.
SUMMARY_STEPS: tuple[SummaryStep, ...] = check_summary_steps((
    SummaryStep("mention_counts", summaries.SUMMARY, reads=("mentions",),
                writes=("mention_counts_by_document", "mention_counts")),
    SummaryStep("voices_and_naming", stance_summaries.SUMMARY, reads=("mentions", "statements", "cues"),
                writes=("voice_share", "cue_counts", "naming", "naming_choice")),
    SummaryStep("network", network.SUMMARY, reads=("mentions", "sentences", "relations"),
                writes=("edge_contexts", "edges", "centrality")),
    SummaryStep("comparisons", comparisons.SUMMARY,
                reads=("documents", "mentions", "statements", "cues", "sentences"),
                writes=("comparison_mentions", "comparison_naming", "comparison_naming_tests", "comparison_voices",
                        "comparison_cues", "comparison_edges")),
), COMPONENTS)

#: The summary builders' functions, in SUMMARY_STEPS order (what the summary pool runs).
SUMMARIES: tuple[Callable[[RunOptions, dict[str, Path]], list[Path]], ...] = tuple(s.run for s in SUMMARY_STEPS)


def _row_tables(components: Sequence[Component]) -> Mapping[str, list[str]]:
    return MappingProxyType({name: schema.table(name).columns for c in components for name in c.tables})


#: Columns of every row table the components write, in file order (from :mod:`analysis.schema`).
ROW_TABLES: Mapping[str, list[str]] = _row_tables(COMPONENTS)


def row_tables() -> dict[str, list[str]]:
    """Every row table a run writes, with its columns."""
    return dict(ROW_TABLES)


_DEFAULT_NORMALIZATION = NormalizeConfig()


def _analyze(document: Document, resources: Resources) -> tuple[Doc, Rows]:
    options = resources.options
    norm = normalize(document.text, options.normalization)
    # segmentation compares repeated lines with the default steps: reuse the run's normalization if it is that
    seg_norm = norm if options.normalization == _DEFAULT_NORMALIZATION else None
    doc = Doc(
        document,
        norm,
        segment(document.text, paragraphs=options.paragraphs, semicolon_ends=options.semicolon_ends,
                normalized=seg_norm),
    )
    rows: Rows = {}
    for component in COMPONENTS:
        for table, table_rows in component.run(doc, resources).items():
            rows.setdefault(table, []).extend(table_rows)
    cleaning.flag_boilerplate(rows, doc.boilerplate if doc.has("boilerplate") else [])
    return doc, rows


def analyze_document(document: Document, resources: Resources) -> Rows:
    """Run the component chain on one document; returns rows per table."""
    return _analyze(document, resources)[1]


def context_for(document: Document, options: RunOptions | None = None) -> tuple[Doc, Rows]:
    """Analyse one document in memory (for notebooks and tests); returns the :class:`Doc` and its rows."""
    return _analyze(document, Resources(options or RunOptions(Path("."), Path("."))))


@dataclass
class RunSummary:
    n_documents: int = 0
    errors: list[ReadError] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0  # wall time of the run

    def counts(self) -> dict[str, int]:
        """Number of errors.csv rows of each kind (see ``corpus.READ_ERROR_KINDS``), kinds present only."""
        counts: dict[str, int] = {}
        for error in self.errors:
            counts[error.kind] = counts.get(error.kind, 0) + 1
        return counts

    @property
    def exit_code(self) -> int:
        """0: every input was read and matched; 1: some inputs are listed in errors.csv (all others were
        processed); 3: no document was read (nothing was written)."""
        if self.n_documents == 0:
            return EXIT_NOTHING_READ
        return EXIT_INPUT_PROBLEMS if self.errors else EXIT_OK


# --- process-pool plumbing: one Resources per worker process -------------------------------------------
#: Documents per pool task: large enough that queueing and the part file are small next to the analysis.
CHUNKSIZE = 16
_WORKER_RESOURCES: Resources | None = None
_WORKER_PARTS: Path | None = None  # where this worker writes its part files
_WORKER_FINDER: Any = None  # computes duplicate-finder entries (the parent collects them)
_WORKER_SEQ = 0


@dataclass(frozen=True)
class ChunkResult:
    """What a pool worker hands back for a batch of documents: where it wrote their rows (one part file,
    one slice per table), so the parent copies bytes into the tables and formats no cell itself."""

    n_documents: int
    part: str | None  # None: no rows (a Dask partition of unreadable inputs only)
    slices: tuple[PartSlice, ...]
    duplicate_entries: tuple[Any, ...]  # the documents' entries for the corpus-wide duplicate finder, in order
    errors: tuple[ReadError, ...] = ()  # inputs of the batch not read, in corpus order (Dask workers read theirs)
    n_bytes: int = 0  # corpus bytes the batch stands for (progress), when the worker read them itself


def _init_worker(options: RunOptions, parts: Path | None = None) -> None:
    """Keep the Resources inherited from the parent (fork) when they fit; build them lazily otherwise (spawn)."""
    global _WORKER_RESOURCES, _WORKER_PARTS, _WORKER_FINDER
    if _WORKER_RESOURCES is None or _WORKER_RESOURCES.options != options:
        _WORKER_RESOURCES = Resources(options)
    _WORKER_PARTS = parts
    _WORKER_FINDER = cleaning.duplicate_finder(options)


def _work(docs: list[Document]) -> ChunkResult:
    """Analyse a batch of documents in a pool worker into a part file of its own."""
    global _WORKER_SEQ
    assert _WORKER_RESOURCES is not None and _WORKER_PARTS is not None
    _WORKER_SEQ += 1
    return analyze_into_part(docs, _WORKER_RESOURCES, _WORKER_FINDER, _WORKER_PARTS / f"{os.getpid()}-{_WORKER_SEQ}.part")


def analyze_into_part(docs: Iterable[Document], resources: Resources, finder: Any, path: Path) -> ChunkResult:
    """Analyse documents and write their rows, table by table in document order, into the part file
    ``path`` (CSV bytes, or Arrow streams for Parquet tables), with their duplicate-finder entries."""
    by_table: dict[str, list[dict[str, Any]]] = {}
    entries = []
    for doc in docs:
        entries.append(cleaning.finder_entry(finder, doc, resources))
        for table, table_rows in analyze_document(doc, resources).items():
            by_table.setdefault(table, []).extend(table_rows)
    part = PartWriter(path, resources.options.fmt)
    try:
        for table, table_rows in by_table.items():
            part.add(table, ROW_TABLES[table], table_rows)
    finally:
        slices = part.close()
    return ChunkResult(len(entries), str(path), tuple(slices), tuple(entries))


def _pool_context() -> Any:
    import multiprocessing as mp

    return mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "fork")


def _batches(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _results(docs: Iterable[Document], options: RunOptions) -> Iterator[Rows | ChunkResult]:
    """Rows per document (or, from pool workers, batches of documents written to part files), in input order."""
    global _WORKER_RESOURCES
    if options.engine != "local":
        raise ValueError(f"engine must be 'local' or 'dask', not {options.engine!r}")
    resources = Resources(options)
    docs = iter(docs)
    if options.workers <= 1:
        for doc in docs:
            yield analyze_document(doc, resources)
        return
    ctx = _pool_context()
    if ctx.get_start_method() == "fork":
        # Analyse the first document here: that builds every lexicon and automaton once, in this process,
        # and the forked workers inherit them instead of each building its own.
        first = next(docs, None)
        if first is None:
            return
        yield analyze_document(first, resources)
        _WORKER_RESOURCES = resources
        gc.freeze()  # the inherited objects stay shared: the workers' collector does not touch their pages
    try:
        # part files in the output folder (same file system as the tables), removed once copied
        with tempfile.TemporaryDirectory(prefix=".parts.", dir=options.out_dir) as parts, \
                ctx.Pool(options.workers, initializer=_init_worker, initargs=(options, Path(parts))) as pool:
            yield from pool.imap(_work, _batches(docs, CHUNKSIZE), chunksize=1)
    finally:
        _WORKER_RESOURCES = None
        gc.unfreeze()


def _write_chunk(result: ChunkResult, writers: dict[str, TableWriter]) -> None:
    """Copy a worker's part file into the tables, slice by slice, and delete it."""
    if result.part is None:
        return
    try:
        data = read_part(Path(result.part))
        for piece in result.slices:
            writers[piece.table].write_part(piece, data)
    finally:
        Path(result.part).unlink(missing_ok=True)


def _run_summary(job: tuple[Any, RunOptions, dict[str, Path]]) -> list[Path]:
    """Run one summary builder in a pool process (given by its index in SUMMARIES under fork)."""
    build, options, paths = job
    if isinstance(build, int):
        build = SUMMARIES[build]
    return build(options, paths)


def _summaries(options: RunOptions, paths: dict[str, Path]) -> list[list[Path]]:
    """Every summary builder's written paths, in SUMMARIES order.

    Each builder reads only the row tables (``paths``), so with ``workers > 1`` they run side by side in
    a process pool instead of one after the other in this process.
    """
    if options.workers <= 1 or options.engine != "local" or len(SUMMARIES) <= 1:
        return [build(options, dict(paths)) for build in SUMMARIES]
    ctx = _pool_context()
    fork = ctx.get_start_method() == "fork"
    jobs = [(i if fork else build, options, dict(paths)) for i, build in enumerate(SUMMARIES)]
    with ctx.Pool(min(options.workers, len(jobs))) as pool:
        return pool.map(_run_summary, jobs, chunksize=1)


#: The lock file that keeps a second run out of an output folder while one is writing there.
LOCK_NAME = ".analysis-run.lock"


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the output folder's lock for the duration of a run; :class:`OutputFolderBusy` if another has it.

    The lock is an OS file lock (``filelock``), released even when the run dies; the empty lock file stays
    in the folder (removing it would race with a run that is just taking it).
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(out / LOCK_NAME), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise OutputFolderBusy(
            f"another run is writing into {out} (it holds {out / LOCK_NAME}); wait for it to finish, "
            f"or give another output folder"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _progress_bar(options: RunOptions, enabled: bool | None) -> Any:
    """A bar on stderr over the corpus bytes (documents, MB/s, time left); None off a terminal."""
    from . import progress
    from .corpus import corpus_size

    if enabled is None:
        enabled = progress.on_terminal()
    if not enabled:
        return None
    return progress.bar(total=corpus_size(options.raw_dir), desc="analysing", enabled=True)


def _doc_bytes(raw_dir: Path, doc: Document) -> int:
    """The bytes a document stands for in the corpus size: its file, or for a JSON Lines record its text."""
    if ":" not in doc.path:
        try:
            return (raw_dir / doc.path).stat().st_size
        except OSError:
            return 0
    return len(doc.text.encode("utf-8"))


def run(options: RunOptions, *, progress: bool | None = None) -> RunSummary:
    """Process the corpus and write every table into ``options.out_dir``.

    Nothing is written until the corpus folder and its ``metadata.csv`` check out (a malformed one raises
    :class:`~analysis.errors.ConfigurationError`) and the output folder's lock is taken (a second run into
    the same folder raises :class:`~analysis.errors.OutputFolderBusy`). Tables are written under temporary
    names and moved into place at the end, so a run that fails, is interrupted or reads no document at
    all leaves the folder's existing tables as they were. ``progress`` shows a bar on stderr (default:
    when stderr is a terminal). Every lexicon the run reads (and the rollup, with ``rollup_coalition``) is
    validated and compiled first: a mistake raises :class:`~analysis.errors.ConfigurationError` then too.
    The run manifest (:mod:`analysis.run_manifest`: what the tables depend on, taken before the corpus is
    read) is written last, after every table.
    """
    from .lexicon.check import check_run_lexicons

    started = time.perf_counter()
    raw_dir = Path(options.raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {raw_dir}")
    read_metadata(raw_dir)  # a malformed metadata.csv stops the run here, before anything is written
    check_run_lexicons(options)
    out = Path(options.out_dir)
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    try:
        with output_lock(out):
            summary = _run_locked(options, out, progress, run_manifest.current_manifest(options))
    except OutputFolderBusy:
        raise
    except BaseException:
        _remove_if_created(out, created)
        raise
    if summary.n_documents == 0:
        _remove_if_created(out, created)
    summary.seconds = time.perf_counter() - started
    return summary


def _remove_if_created(out: Path, created: bool) -> None:
    """Take away an output folder this run created and left empty (but for its lock file)."""
    if not created:
        return
    try:
        (out / LOCK_NAME).unlink(missing_ok=True)
        out.rmdir()
    except OSError:
        pass


def _run_locked(options: RunOptions, out: Path, progress: bool | None, manifest: dict[str, Any]) -> RunSummary:
    summary = RunSummary()
    raw_dir = Path(options.raw_dir)
    writers = {name: TableWriter(out / name, cols, options.fmt) for name, cols in ROW_TABLES.items()}
    errors = TableWriter(out / "errors", schema.ERRORS, "csv")
    bar = _progress_bar(options, progress)
    sizes: deque[int] = deque()
    finder = cleaning.duplicate_finder(options)
    resources = Resources(options)
    # with a local pool the workers compute the documents' duplicate-finder entries (the writing process
    # only collects them); the document analysed here before the fork is the one this process adds
    pooled = options.engine == "local" and options.workers > 1
    first: list[Document] = []

    def not_read(item: ReadError, *, progress: bool = True) -> None:
        summary.errors.append(item)
        errors.write([{"path": item.path, "reason": item.reason}])
        log.debug("not read: %s: %s", item.path, item.reason)  # the command line prints them
        if progress and bar is not None and item.kind in ("unreadable",) and ":" not in item.path:
            try:
                bar.update((raw_dir / item.path).stat().st_size)
            except OSError:
                pass

    def documents() -> Iterator[Document]:
        for item in iter_corpus(raw_dir):
            if isinstance(item, ReadError):
                not_read(item)
                continue
            if not pooled:
                cleaning.add_to_finder(finder, item, resources)  # duplicates are a corpus-wide question
            elif not first:
                first.append(item)
            if bar is not None:
                sizes.append(_doc_bytes(raw_dir, item))
            yield item

    if options.engine == "dask":  # the workers read their own partitions of the corpus (shared storage)
        from .distributed import dask_chunks

        results: Iterator[Rows | ChunkResult] = dask_chunks(options, out)
    else:
        results = _results(documents(), options)
    try:
        for rows in results:
            if isinstance(rows, ChunkResult):
                for error in rows.errors:
                    not_read(error, progress=False)  # rows.n_bytes counts them
                _write_chunk(rows, writers)
                for entry in rows.duplicate_entries:
                    finder.add_entry(entry)
                n_docs = rows.n_documents
            else:
                if pooled:  # the first document, analysed in this process before the pool forked
                    cleaning.add_to_finder(finder, first[0], resources)
                for table, table_rows in rows.items():
                    writers[table].write(table_rows)
                n_docs = 1
            summary.n_documents += n_docs
            if bar is not None:
                bar.update(rows.n_bytes if isinstance(rows, ChunkResult) and options.engine == "dask"
                           else sum(sizes.popleft() if sizes else 0 for _ in range(n_docs)))
                bar.set_postfix_str(f"{summary.n_documents} docs", refresh=False)
        if summary.n_documents == 0:
            raise _NothingRead
    except _NothingRead:
        for writer in (*writers.values(), errors):
            writer.abort()
        if bar is not None:
            bar.close()
        return summary
    except BaseException:
        for writer in (*writers.values(), errors):
            writer.abort()
        if bar is not None:
            bar.close()
        raise
    if bar is not None:
        bar.n = bar.total
        bar.set_description("summaries")
        bar.refresh()
    try:
        run_manifest.remove_manifest(out)  # the tables change from here on: the old manifest no longer holds
        for name, writer in writers.items():
            summary.paths[name] = writer.close()
        summary.paths["errors"] = errors.close()
        clusters = finder.clusters()
        del finder
        if "documents" in summary.paths:
            cleaning.annotate_documents(summary.paths["documents"], clusters, options.fmt)
        log.info("duplicates: %d copies of other documents", sum(c.is_duplicate for c in clusters.values()))
        del clusters
        summary.paths.update(summarize(options, summary.paths))
        summary.paths["run_manifest"] = run_manifest.write_manifest(out, manifest)
    finally:
        if bar is not None:
            bar.close()
    return summary


def summarize(options: RunOptions, paths: dict[str, Path]) -> dict[str, Path]:
    """Every summary table of a run from its row tables (``paths``), written into ``options.out_dir``.

    The summaries count the row tables without duplicate copies and boilerplate (as the options say); the
    same step serves a run and a subset of a run's rows (a case study of one document)."""
    out = Path(options.out_dir)
    written_paths: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix=".counted.", dir=out) as tmp:
        counted = cleaning.counted_tables(options, dict(paths), Path(tmp))
        for written in _summaries(options, counted):
            for path in written:
                written_paths[path.stem if path.suffix in (".csv", ".parquet") else path.name] = path
    written_paths["cleaning_summary"] = cleaning.write_cleaning_summary(options, {**paths, **written_paths})
    return written_paths


class _NothingRead(Exception):
    """No document was read: the run writes nothing."""
