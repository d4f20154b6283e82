"""The Dask engine of ``analysis run``: workers read their own partitions of the corpus.

One machine's process pool is enough for most corpora; when it is not, ``--engine dask`` runs the very
same analyzer chain on Dask workers: a local cluster of processes by default, or an existing cluster with
``--scheduler ADDRESS``. The client reads no article: it plans partitions (:mod:`analysis.corpus_parts`:
runs of whole files, and byte ranges of large JSON Lines files split at line boundaries) and sends only
their descriptions. Each task reads its partition through the corpus reader, runs the components, writes
the rows into a part file in the output folder and hands back where each table's slice lies, with the
documents' duplicate-finder entries and the partition's read errors; the client copies the parts into
the tables in partition order, as it does for the local pool, so the tables are byte-identical to a
serial run. At most a bounded number of partitions is in flight, so memory stays flat.

What needs every document stays with the client: the duplicate finder (it adds the workers' entries in
corpus order), the rows of ``metadata.csv`` matching no document (workers say which rows they matched),
and ids repeated across the ranges of one JSON Lines file (a range whose ids an earlier range already
gave is read again, told those ids, so the repeat is the same read error as in a serial run). A range's
first line number comes from counting the lines of the ranges before it, in small tasks run first.

So the corpus folder and the output folder must be on storage every worker sees at the same path (a
local cluster shares the machine's); the run checks this before it starts. Dask is an optional extra
(``pip install 'analysis[dask]'``), imported only when this engine runs; every worker must import the
same version of ``analysis`` and read the lexicon files the options name.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .corpus_parts import LineRange, Partition, count_lines, plan

if TYPE_CHECKING:  # pragma: no cover - typing only, keeps the import graph acyclic
    from .pipeline import ChunkResult, Resources, RunOptions

log = logging.getLogger(__name__)

__all__ = ["dask_chunks", "PartitionResult", "partition_bytes", "DASK_MISSING", "PARTITION_BYTES", "PARTITION_FILES"]

DASK_MISSING = "the dask engine needs the optional extra: pip install 'analysis[dask]'"

#: A partition is about this many bytes of corpus (a run of files, or a range of a JSON Lines file), or at
#: most this many files: large enough that scheduling (a few ms a task) is small next to the analysis,
#: small enough that a task's rows sit in memory.
PARTITION_BYTES = 1_000_000
PARTITION_FILES = 64
#: A smaller corpus is cut into this many partitions per worker (so that every worker has work until the
#: end), but none smaller than MIN_PARTITION_BYTES.
PARTITIONS_PER_WORKER = 4
MIN_PARTITION_BYTES = 50_000


def partition_bytes(corpus_bytes: int, n_workers: int) -> int:
    """The partition size of a run: :data:`PARTITION_BYTES`, less for a corpus that would otherwise give
    the workers fewer than :data:`PARTITIONS_PER_WORKER` partitions each."""
    share = corpus_bytes // max(1, n_workers * PARTITIONS_PER_WORKER)
    return max(1, min(PARTITION_BYTES, max(MIN_PARTITION_BYTES, share)))

# Per worker process: the Resources and duplicate finder of the current options (compiled lexicons are
# costly), and the metadata of the scattered metadata.csv rows (the same object for every task).
_WORKER_STATE: dict[Any, tuple["Resources", Any]] = {}
_WORKER_METADATA: list[Any] = [None, {}]


@dataclass(frozen=True)
class PartitionResult:
    """What a task hands back: its part file and errors (``chunk``), the doc_ids of a JSON Lines range
    (for ids repeated across ranges), and which ``metadata.csv`` rows it matched or missed."""

    chunk: "ChunkResult"
    doc_ids: tuple[str, ...]
    matched: tuple[str, ...]
    without_row: tuple[tuple[str, str], ...]


def _worker_state(options: "RunOptions") -> tuple["Resources", Any]:
    from . import cleaning
    from .pipeline import Resources

    state = _WORKER_STATE.get(options)
    if state is None:
        _WORKER_STATE.clear()
        state = _WORKER_STATE[options] = (Resources(options), cleaning.duplicate_finder(options))
    return state


def _sees_storage(raw_dir: str, parts: str) -> str | None:
    """Runs on every worker: what it cannot see of the corpus and output folders (None: both)."""
    if not Path(raw_dir).is_dir():
        return f"corpus folder {raw_dir}"
    if not Path(parts).is_dir():
        return f"output folder {Path(parts).parent}"
    return None


def _read_and_analyze(part: Partition, first_line: int, taken: frozenset[str], rows: Any,
                      options: "RunOptions", parts: str, index: int) -> PartitionResult:
    """Runs on a Dask worker: read one partition of the corpus, analyse its documents in order, write their
    rows into a part file of its own in ``parts``."""
    from .corpus import MetadataMatch, ReadError
    from .corpus_parts import read_partition
    from .pipeline import analyze_into_part

    missing = _sees_storage(str(options.raw_dir), parts)
    if missing is not None:  # a worker that joined after the check, on other storage
        raise FileNotFoundError(f"this Dask worker cannot see the {missing}: {_SHARED}")
    resources, finder = _worker_state(options)
    if _WORKER_METADATA[0] is not rows:
        _WORKER_METADATA[:] = [rows, MetadataMatch(rows).metadata]
    match = MetadataMatch(rows, _WORKER_METADATA[1])
    errors: list[ReadError] = []
    doc_ids: list[str] = []

    def documents() -> Iterator[Any]:
        for item in read_partition(options.raw_dir, part, match.metadata, first_line=first_line, taken=taken):
            match.see(item)
            if isinstance(item, ReadError):
                errors.append(item)
            else:
                doc_ids.append(item.doc_id)
                yield item

    fd, path = tempfile.mkstemp(prefix=f"{index:07d}-", suffix=".part", dir=parts)
    os.close(fd)
    chunk = analyze_into_part(documents(), resources, finder, Path(path))
    if chunk.n_documents == 0:
        Path(path).unlink(missing_ok=True)
        chunk = dataclasses.replace(chunk, part=None, slices=())
    chunk = dataclasses.replace(chunk, errors=tuple(errors), n_bytes=part.n_bytes)
    return PartitionResult(chunk, tuple(doc_ids) if isinstance(part, LineRange) else (),
                           tuple(sorted(match.matched)), tuple(match.without_row))


_SHARED = ("the dask engine needs the corpus and output folders on storage every worker sees at the same "
           "path (or run with the local engine, --engine local)")


def _import_dask() -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # the extra is not installed
        raise ImportError(DASK_MISSING) from exc
    return Client, LocalCluster


def _absolute(options: "RunOptions") -> "RunOptions":
    """The options as workers get them: every path absolute (a remote worker has another current folder)."""
    paths = {f.name: Path(getattr(options, f.name)).resolve() for f in dataclasses.fields(options)
             if f.name in ("raw_dir", "out_dir") or (f.name.endswith("_lexicon") and getattr(options, f.name))}
    return dataclasses.replace(options, **paths)


def _discard(chunk: "ChunkResult") -> None:
    if chunk.part is not None:
        Path(chunk.part).unlink(missing_ok=True)


def dask_chunks(options: "RunOptions", out: Path, *, in_flight_per_worker: int = 3) -> Iterator["ChunkResult"]:
    """Every partition's rows (part files in ``out``), read errors and duplicate-finder entries, in corpus
    order, computed on Dask; the last item carries the ``metadata.csv`` mismatches (no rows).

    Connects to ``options.scheduler`` when given, else starts a ``LocalCluster`` of ``options.workers``
    single-threaded worker processes (the analyzers are pure Python: threads would share one GIL). At most
    ``in_flight_per_worker`` partitions per worker are submitted ahead of the one being collected.
    """
    from .corpus import MetadataMatch

    if in_flight_per_worker < 1:
        raise ValueError("in_flight_per_worker must be at least 1")
    Client, LocalCluster = _import_dask()
    worker_options = _absolute(options)
    raw_dir = worker_options.raw_dir
    match = MetadataMatch.of(raw_dir)
    # distributed sets its loggers to INFO, and they propagate to the root handler of ``analysis``'s CLI:
    # keep its chatter (worker start/stop) at WARNING for the duration of the run.
    dask_logger = logging.getLogger("distributed")
    old_level = dask_logger.level
    dask_logger.setLevel(max(logging.WARNING, old_level))
    try:
        with tempfile.TemporaryDirectory(prefix=".parts.", dir=Path(out).resolve()) as parts:
            yield from _on_cluster(Client, LocalCluster, options, worker_options, match, parts,
                                   in_flight_per_worker)
    finally:
        dask_logger.setLevel(old_level)


def _on_cluster(Client: Any, LocalCluster: Any, options: "RunOptions", worker_options: "RunOptions",
                match: Any, parts: str, in_flight_per_worker: int) -> Iterator["ChunkResult"]:
    from .corpus import corpus_size
    from .errors import ConfigurationError
    from .pipeline import ChunkResult

    raw_dir = worker_options.raw_dir
    cluster = client = None
    pending: deque[tuple[int, int, Any]] = deque()  # (partition index, first line, future)
    try:
        if options.scheduler:
            client = Client(options.scheduler)
        else:
            cluster = LocalCluster(n_workers=max(1, options.workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.WARNING)
            client = Client(cluster)
        blind = {w: what for w, what in client.run(_sees_storage, str(raw_dir), parts).items() if what}
        if blind:
            worker, what = sorted(blind.items())[0]
            raise ConfigurationError(f"Dask worker {worker} cannot see the {what}: {_SHARED}")
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = n_workers * in_flight_per_worker
        target = partition_bytes(corpus_size(raw_dir), n_workers)
        partitions = list(plan(raw_dir, target_bytes=target, max_files=PARTITION_FILES))
        log.info("dask engine: %d worker(s) at %s, %d partition(s) of about %d bytes, %d in flight", n_workers,
                 client.scheduler.address, len(partitions), target, limit)
        [rows] = client.scatter([match.rows], broadcast=True, hash=False)
        # ranges of a JSON Lines file are consecutive partitions; a range's first line number is one more
        # than the lines of the ranges before it, counted first (high priority: they are quick)
        follows = {i for i, p in enumerate(partitions) if isinstance(p, LineRange) and p.index > 0}
        counts = {i - 1: client.submit(count_lines, raw_dir, partitions[i - 1], priority=10, pure=False)
                  for i in sorted(follows)}
        line_at: dict[str, int] = {}
        seen_ids: dict[str, set[str]] = {}  # doc_ids given so far by the JSON Lines file read in ranges

        def submit(i: int, first_line: int, taken: frozenset[str] = frozenset()) -> Any:
            return client.submit(_read_and_analyze, partitions[i], first_line, taken, rows, worker_options,
                                 parts, i, pure=False)

        def collect(i: int, first_line: int, future: Any) -> ChunkResult:
            result: PartitionResult = future.result()
            part = partitions[i]
            if isinstance(part, LineRange):
                ids = seen_ids.setdefault(part.path, set())
                repeated = ids.intersection(result.doc_ids)
                if repeated:  # ids an earlier range of the file gave: read it again, told of them
                    _discard(result.chunk)
                    result = submit(i, first_line, frozenset(repeated)).result()
                ids.update(result.doc_ids)
                if i + 1 not in follows:  # the file's last range
                    del seen_ids[part.path]
            match.matched.update(result.matched)
            match.without_row.extend(result.without_row)
            return result.chunk

        for i, part in enumerate(partitions):
            first_line = 1
            if isinstance(part, LineRange):
                first_line = 1 if part.index == 0 else line_at[part.path] + counts.pop(i - 1).result()
                line_at[part.path] = first_line
            pending.append((i, first_line, submit(i, first_line)))
            while len(pending) >= limit:
                yield collect(*pending.popleft())
        while pending:
            yield collect(*pending.popleft())
        mismatches = tuple(match.mismatches())
        if mismatches:
            yield ChunkResult(0, None, (), (), errors=mismatches)
    finally:
        for _, _, future in pending:  # only left over when the consumer stopped early or a task failed
            future.cancel()
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
