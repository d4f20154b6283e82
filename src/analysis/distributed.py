"""The Dask engine of ``analysis run``: the same per-document work, on a cluster.

One machine's process pool is enough for most corpora; when it is not, ``--engine dask`` sends the very
same analyzer chain (:func:`analysis.pipeline.analyze_document`) to Dask workers: a local cluster of
processes by default, or an existing cluster with ``--scheduler ADDRESS``. Documents are sent in small
batches and at most a bounded number of batches is in flight, so memory on the client stays flat whatever
the corpus size; results come back in input order, so the tables are byte-identical to a serial run.

Dask is an optional extra (``pip install 'analysis[dask]'``): it is imported only when this engine runs.
Every worker must be able to import ``analysis`` (same version) and read the lexicon files the options
point to; the corpus itself is read by the client and shipped with the tasks.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only, keeps the import graph acyclic
    from .corpus import Document
    from .pipeline import Resources, Rows, RunOptions

log = logging.getLogger(__name__)

__all__ = ["dask_results", "DASK_MISSING"]

DASK_MISSING = "the dask engine needs the optional extra: pip install 'analysis[dask]'"

#: A batch closes at this many documents or this many characters, whichever comes first: large enough
#: that scheduling overhead (a few ms per task) is small next to the work, small enough to keep memory flat.
BATCH_DOCS = 64
BATCH_CHARS = 1_000_000

# One Resources per worker process, rebuilt only when the options change (compiled lexicons are costly).
_WORKER_RESOURCES: dict[Any, "Resources"] = {}


def _analyze_batch(batch: list["Document"], options: "RunOptions") -> list["Rows"]:
    """Runs on a Dask worker: the analyzer chain on each document of a batch, in order."""
    from .pipeline import Resources, analyze_document

    resources = _WORKER_RESOURCES.get(options)
    if resources is None:
        _WORKER_RESOURCES.clear()
        resources = _WORKER_RESOURCES[options] = Resources(options)
    return [analyze_document(doc, resources) for doc in batch]


def _batches(docs: Iterable["Document"], *, max_docs: int, max_chars: int) -> Iterator[list["Document"]]:
    batch: list[Document] = []
    chars = 0
    for doc in docs:
        batch.append(doc)
        chars += len(doc.text)
        if len(batch) >= max_docs or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _import_dask() -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # the extra is not installed
        raise ImportError(DASK_MISSING) from exc
    return Client, LocalCluster


def dask_results(
    docs: Iterable["Document"],
    options: "RunOptions",
    *,
    max_docs: int = BATCH_DOCS,
    max_chars: int = BATCH_CHARS,
    in_flight_per_worker: int = 3,
) -> Iterator["Rows"]:
    """Rows per document, in input order, computed on Dask.

    Connects to ``options.scheduler`` when given, else starts a ``LocalCluster`` of ``options.workers``
    single-threaded worker processes (the analyzers are pure Python: threads would share one GIL). At most
    ``in_flight_per_worker`` batches per worker are submitted ahead of the one being collected.
    """
    if max_docs < 1 or max_chars < 1 or in_flight_per_worker < 1:
        raise ValueError("max_docs, max_chars and in_flight_per_worker must be at least 1")
    Client, LocalCluster = _import_dask()
    # distributed sets its loggers to INFO, and they propagate to the root handler of ``analysis``'s CLI:
    # keep its chatter (worker start/stop) at WARNING for the duration of the run.
    dask_logger = logging.getLogger("distributed")
    old_level = dask_logger.level
    dask_logger.setLevel(max(logging.WARNING, old_level))
    cluster = client = None
    pending: deque[Any] = deque()
    try:
        if options.scheduler:
            client = Client(options.scheduler)
        else:
            cluster = LocalCluster(
                n_workers=max(1, options.workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.WARNING,
            )
            client = Client(cluster)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = n_workers * in_flight_per_worker
        log.info("dask engine: %d worker(s) at %s, %d batch(es) in flight", n_workers, client.scheduler.address, limit)
        for batch in _batches(docs, max_docs=max_docs, max_chars=max_chars):
            pending.append(client.submit(_analyze_batch, batch, options, pure=False))
            while len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:  # only left over when the consumer stopped early or a task failed
            future.cancel()
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        dask_logger.setLevel(old_level)
