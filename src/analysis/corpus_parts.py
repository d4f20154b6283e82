"""Partitions of a corpus folder, so that each worker of a cluster reads its own part of the corpus.

A partition is a description, not data: a list of corpus files (:class:`FileList`), or a byte range of one
JSON Lines file split at line boundaries (:class:`LineRange`). Whoever reads a partition reads it through
the corpus reader (:func:`analysis.corpus.read_file`, :func:`analysis.corpus.iter_jsonl`), so documents,
their ids, encodings and the read errors are those of :func:`analysis.corpus.iter_corpus`, and the
partitions of :func:`plan`, read one after the other, give exactly its items in its order (the metadata
rows matching no document aside: that question needs every document, see
:class:`analysis.corpus.MetadataMatch`).

Two things a range cannot know on its own are supplied by whoever reads it: the number of its first line
(from :func:`count_lines` of the ranges before it: error paths and id-less records use line numbers),
and the doc_ids that earlier lines of the file already gave (a repeated id is a read error).
"""

from __future__ import annotations

import codecs
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .corpus import JSONL_SUFFIXES, Document, ReadError, _corpus_files, iter_jsonl, read_file

__all__ = ["FileList", "LineRange", "Partition", "plan", "line_ranges", "count_lines", "read_partition"]

#: Bytes read at a time when counting lines.
_COUNT_BLOCK = 1 << 20


@dataclass(frozen=True)
class FileList:
    """Whole corpus files, paths relative to the corpus folder with ``/``, in corpus order."""

    paths: tuple[str, ...]
    n_bytes: int


@dataclass(frozen=True)
class LineRange:
    """Bytes ``start:end`` of one JSON Lines file: whole lines, the ``index``-th range of the file."""

    path: str
    start: int
    end: int
    index: int = 0

    @property
    def n_bytes(self) -> int:
        return self.end - self.start


Partition = FileList | LineRange


def _splittable(path: Path) -> bool:
    """Whether a JSON Lines file is read line by line (UTF-8): one with a UTF-16/32 byte-order mark is
    decoded whole, and an empty or binary one is a single read error, so those stay whole."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError:
        return False
    if not head or b"\x00" in head:
        return False
    return not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))


def line_ranges(path: Path, parts: int) -> list[tuple[int, int]]:
    """At most ``parts`` byte ranges ``(start, end)`` covering the file, each starting at a line start and
    ending just after a ``\\n`` (the last at the end of the file): each line lies in exactly one range.
    A range ends at the first line end at or after its share of the bytes, so a long line makes fewer."""
    if parts < 1:
        raise ValueError(f"parts must be at least 1, not {parts}")
    size = path.stat().st_size
    if size == 0:
        return [(0, 0)]
    step = max(1, math.ceil(size / parts))
    ranges: list[tuple[int, int]] = []
    with path.open("rb") as fh:
        start = 0
        while start < size:
            target = start + step
            if target >= size:
                end = size
            else:
                fh.seek(target - 1)
                end = target - 1 + len(fh.readline())  # just after the first b"\n" at or after target - 1
            ranges.append((start, end))
            start = end
    return ranges


def count_lines(raw_dir: Path, part: LineRange) -> int:
    """The ``\\n`` bytes of a range: the next range's first line is one more than the sum of these so far."""
    n = 0
    with (Path(raw_dir) / part.path).open("rb") as fh:
        fh.seek(part.start)
        left = part.n_bytes
        while left > 0:
            block = fh.read(min(_COUNT_BLOCK, left))
            if not block:
                break
            n += block.count(b"\n")
            left -= len(block)
    return n


def plan(raw_dir: str | Path, *, target_bytes: int, max_files: int) -> Iterator[Partition]:
    """The corpus as partitions, in corpus order: runs of whole files of at most ``max_files`` files and
    about ``target_bytes`` bytes, and each JSON Lines file larger than ``target_bytes`` as ranges of about
    ``target_bytes`` bytes. Reads only file sizes and a few bytes around each range boundary."""
    if target_bytes < 1 or max_files < 1:
        raise ValueError("target_bytes and max_files must be at least 1")
    raw_dir = Path(raw_dir)
    run: list[str] = []
    run_bytes = 0
    for path in _corpus_files(raw_dir):
        rel = path.relative_to(raw_dir).as_posix()
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if path.suffix.lower() in JSONL_SUFFIXES and size > target_bytes and _splittable(path):
            if run:
                yield FileList(tuple(run), run_bytes)
                run, run_bytes = [], 0
            for index, (start, end) in enumerate(line_ranges(path, math.ceil(size / target_bytes))):
                yield LineRange(rel, start, end, index)
            continue
        run.append(rel)
        run_bytes += size
        if len(run) >= max_files or run_bytes >= target_bytes:
            yield FileList(tuple(run), run_bytes)
            run, run_bytes = [], 0
    if run:
        yield FileList(tuple(run), run_bytes)


def read_partition(raw_dir: str | Path, part: Partition, metadata: dict[str, dict[str, str]], *,
                   first_line: int = 1, taken: frozenset[str] = frozenset()) -> Iterator[Document | ReadError]:
    """The documents and read errors of a partition, as :func:`analysis.corpus.iter_corpus` gives them
    (``first_line`` and ``taken`` concern a :class:`LineRange` only; see the module's docstring)."""
    raw_dir = Path(raw_dir)
    if isinstance(part, FileList):
        for rel in part.paths:
            yield from read_file(raw_dir, rel, metadata)
        return
    yield from iter_jsonl(raw_dir / part.path, Path(part.path), metadata, start=part.start, end=part.end,
                          first_line=first_line, taken=taken)
