"""Exact and near-duplicate articles across the whole corpus, each copy tied to the one copy that is kept.

Scraped corpora repeat articles: the same page filed under two categories (exact copies) and agency wire
copy reprinted by several outlets with small edits (near copies). Counting both copies counts one text
twice. What is compared, for every document:

* its *words*: the text outside boilerplate spans (``analysis.boilerplate``: a CNN dateline or a BBC app
  promotion does not make two copies different), case-folded, Arabic letter variants and diacritics folded
  (أ/إ/آ -> ا, ى -> ي, ة -> ه), cut into word and number tokens;
* **exact duplicates**: the same word sequence (SHA-1 of the words joined by spaces);
* **near duplicates**: MinHash signatures (``datasketch``, :data:`NUM_PERM` permutations, seed 1) of the
  set of word :data:`SHINGLE`-grams, candidate pairs from MinHash LSH (banded for ``threshold - 0.2``), kept when the estimated Jaccard
  similarity of the shingle sets is at least :data:`NEAR_THRESHOLD` (0.8; the measurement behind that choice
  is in docs/data-dictionary.md). Documents of fewer than :data:`SHINGLE` words are compared exactly only.

Copies are joined transitively (union-find) into clusters. In every cluster one copy is kept: the earliest
(``timestamp_utc``, else ``date_iso`` at midnight UTC; documents without a date come last), ties broken by
``doc_id`` order. Every document gets ``dup_cluster`` (the kept copy's doc_id; its own for a document with
no copy), ``is_duplicate`` (it is not the kept copy), ``duplicate_of`` (the kept copy's doc_id, empty for
the kept one) and ``dup_kind`` (``exact`` when its words equal the kept copy's, ``near`` otherwise).

Memory: a signature is NUM_PERM 64-bit integers (1 KB) per document. Signatures are appended to a temporary
file as documents arrive, not kept in memory, and the LSH bands are formed one band at a time from that file
(:meth:`DuplicateFinder.near_pairs`), so the finder holds, per document, only its doc_id, its date key and its
word hash (about 0.3 KB): about 30 MB for 100,000 articles, and one band's values (56 bytes a document)
while clustering. Texts are not kept.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from typing import IO

import numpy as np

from . import schema
from .segment import TOKEN_RE

__all__ = ["DuplicateFinder", "DuplicateInfo", "DUPLICATE_COLUMNS", "NEAR_THRESHOLD", "NUM_PERM", "SHINGLE",
           "words", "shingles", "jaccard"]

NEAR_THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE = 5
#: LSH candidates are gathered at ``threshold - LSH_MARGIN`` and checked against the threshold.
LSH_MARGIN = 0.2
DUPLICATE_COLUMNS = schema.DUPLICATE_COLUMNS

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_MARKS = re.compile(r"[\u064b-\u065f\u0670]")


def words(text: str, skip: list[tuple[int, int]] | None = None) -> list[str]:
    """The compared words of a text: tokens outside the ``skip`` spans, folded (see the module docstring)."""
    if skip:
        parts, at = [], 0
        for start, end in sorted(skip):
            if start > at:
                parts.append(text[at:start])
            at = max(at, end)
        parts.append(text[at:])
        text = "\n".join(parts)
    folded = _MARKS.sub("", unicodedata.normalize("NFKC", text).casefold()).translate(_FOLD)
    return TOKEN_RE.findall(folded)


def shingles(tokens: list[str], size: int = SHINGLE) -> set[str]:
    """Word ``size``-grams, joined by spaces."""
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (for checks and tests; the run uses MinHash)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class DuplicateInfo:
    dup_cluster: str
    is_duplicate: bool
    duplicate_of: str
    dup_kind: str  # "exact", "near" or "" (the kept copy, or no copy)

    def columns(self) -> dict[str, object]:
        return {"dup_cluster": self.dup_cluster, "is_duplicate": self.is_duplicate,
                "duplicate_of": self.duplicate_of, "dup_kind": self.dup_kind}


@dataclass
class _Entry:
    doc_id: str
    order: tuple[int, str, str]  # (no date?, moment, doc_id): the smallest is the kept copy
    exact: str
    signature: np.ndarray | None


@dataclass
class DuplicateFinder:
    """Collects documents one at a time (:meth:`add`), then finds the clusters (:meth:`clusters`)."""

    threshold: float = NEAR_THRESHOLD
    num_perm: int = NUM_PERM
    shingle: int = SHINGLE
    _doc_ids: list[str] = field(default_factory=list)
    _orders: list[tuple[int, str, str]] = field(default_factory=list)
    _exacts: list[str] = field(default_factory=list)
    _signed: list[int] = field(default_factory=list)  # indices of the documents with a signature, in order
    _signatures: IO[bytes] | None = None  # their signatures, one row of num_perm uint64 each, in that order
    _template: object = None

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {self.threshold!r}")

    def _minhash(self, hashvalues: np.ndarray | None = None):  # noqa: ANN202 (datasketch.MinHash)
        """A MinHash sharing one set of permutations (building them is most of a MinHash's cost)."""
        from datasketch import MinHash

        if self._template is None:
            self._template = MinHash(num_perm=self.num_perm, seed=1)
        t = self._template
        return MinHash(num_perm=self.num_perm, seed=1, permutations=t.permutations, scheme=t.scheme,
                       hashvalues=hashvalues)

    def add(self, doc_id: str, text: str, *, when: str = "", skip: list[tuple[int, int]] | None = None) -> None:
        """One document: its text, the ISO moment it was published (``...Z`` or ``YYYY-MM-DD``; empty when
        unknown) and the spans not to compare (boilerplate)."""
        self.add_entry(self.entry(doc_id, text, when=when, skip=skip))

    def entry(self, doc_id: str, text: str, *, when: str = "", skip: list[tuple[int, int]] | None = None) -> _Entry:
        """What :meth:`add` keeps of a document, without keeping it: a pool worker computes it next to the
        document's analysis and the process that finds the clusters adds it (:meth:`add_entry`) in order."""
        tokens = words(text, skip)
        exact = hashlib.sha1(" ".join(tokens).encode("utf-8")).hexdigest()
        signature = None
        grams = shingles(tokens, self.shingle)
        if grams:
            minhash = self._minhash()
            minhash.update_batch([g.encode("utf-8") for g in sorted(grams)])
            signature = minhash.hashvalues.copy()
        moment = when if "T" in when else (f"{when}T00:00:00Z" if when else "")
        return _Entry(doc_id, (0 if moment else 1, moment, doc_id), exact, signature)

    def add_entry(self, entry: _Entry) -> None:
        """Keep a document's :meth:`entry` (documents must come in corpus order, as with :meth:`add`)."""
        if entry.signature is not None:
            signature = np.asarray(entry.signature, dtype=np.uint64)
            if signature.shape != (self.num_perm,):
                raise ValueError(f"{entry.doc_id}: a signature of {signature.shape} values, not ({self.num_perm},)")
            if self._signatures is None:
                self._signatures = tempfile.TemporaryFile(prefix="analysis-minhash-")
            self._signatures.write(signature.astype("<u8", copy=False).tobytes())
            self._signed.append(len(self._doc_ids))
        self._doc_ids.append(entry.doc_id)
        self._orders.append(entry.order)
        self._exacts.append(entry.exact)

    def __len__(self) -> int:
        return len(self._doc_ids)

    #: Signature rows read at a time when the bands are formed.
    _READ_ROWS = 8192

    def _read_rows(self, first: int, count: int) -> np.ndarray:
        """Signature rows ``first .. first + count`` (in :attr:`_signed` order), read from the file."""
        assert self._signatures is not None
        width = self.num_perm * 8
        data = os.pread(self._signatures.fileno(), count * width, first * width)
        return np.frombuffer(data, dtype="<u8").reshape(count, self.num_perm)

    def _band(self, start: int, stop: int) -> np.ndarray:
        """Values ``start:stop`` of every signature: one band, read through the file in blocks of rows."""
        n = len(self._signed)
        out = np.empty((n, stop - start), dtype="<u8")
        if self._signatures is not None:
            self._signatures.flush()
        for first in range(0, n, self._READ_ROWS):
            count = min(self._READ_ROWS, n - first)
            out[first:first + count] = self._read_rows(first, count)[:, start:stop]
        return out

    def _signature_rows(self, which: np.ndarray) -> np.ndarray:
        """The signatures of rows ``which`` (sorted, distinct), one read per row."""
        return np.stack([self._read_rows(int(i), 1)[0] for i in which]) if len(which) else \
            np.zeros((0, self.num_perm), dtype="<u8")

    def _bands(self) -> tuple[int, int]:
        """(bands, rows per band) of the LSH at ``threshold - LSH_MARGIN``: datasketch's choice for MinHashLSH
        (equal weights of false positives and negatives), so the candidates are those its index gives."""
        from datasketch import MinHashLSH

        index = MinHashLSH(threshold=max(0.3, self.threshold - LSH_MARGIN), num_perm=self.num_perm)
        return index.b, index.r

    def near_pairs(self) -> list[tuple[int, int, float]]:
        """(i, j, estimated Jaccard) of the near pairs, i < j, sorted (indices in :meth:`add` order).

        Candidates are the documents that agree on every value of at least one band of their signatures
        (banded MinHash LSH: what ``datasketch.MinHashLSH`` would return, grouped here one band at a time by
        sorting, so no index of every document is held); each candidate pair is then kept when the share of
        equal signature values, the estimated Jaccard similarity, reaches the threshold. A looser band setting
        than the threshold itself gathers them: LSH tuned at the threshold misses a share of the pairs just
        above it.
        """
        n = len(self._signed)
        if n < 2:
            return []
        bands, width = self._bands()
        candidates: set[tuple[int, int]] = set()
        for b in range(bands):
            band = self._band(b * width, (b + 1) * width)
            keys = band.view(np.dtype((np.void, band.dtype.itemsize * width))).ravel()
            order = np.argsort(keys, kind="stable")
            ordered = keys[order]
            same = ordered[1:] == ordered[:-1]
            if not same.any():
                continue
            # runs of equal band values: every pair inside a run is a candidate
            starts = np.flatnonzero(np.concatenate(([True], ~same)))
            ends = np.concatenate((starts[1:], [n]))
            for a, e in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
                members = np.sort(order[a:e])
                for x in range(len(members) - 1):
                    i = int(members[x])
                    candidates.update((i, int(j)) for j in members[x + 1:])
        if not candidates:
            return []
        pairs_rows = np.array(sorted(candidates), dtype=np.int64)
        del candidates
        which = np.unique(pairs_rows)
        rows = self._signature_rows(which)  # only the documents with a candidate
        local = np.searchsorted(which, pairs_rows)
        pairs = []
        for chunk in range(0, len(local), 65536):
            part = local[chunk:chunk + 65536]
            estimates = np.mean(rows[part[:, 0]] == rows[part[:, 1]], axis=1)
            for (i, j), estimate in zip(pairs_rows[chunk:chunk + 65536].tolist(), estimates.tolist()):
                if estimate >= self.threshold:
                    pairs.append((self._signed[i], self._signed[j], float(estimate)))
        return sorted(pairs)

    def clusters(self) -> dict[str, DuplicateInfo]:
        """Every document added, by doc_id: its cluster and whether it is the kept copy."""
        parent = list(range(len(self._doc_ids)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i: int, j: int) -> None:
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)

        first_of: dict[str, int] = {}
        for i, exact in enumerate(self._exacts):
            if exact in first_of:
                union(first_of[exact], i)
            else:
                first_of[exact] = i
        del first_of
        for i, j, _ in self.near_pairs():
            union(i, j)
        members: dict[int, list[int]] = {}
        for i in range(len(self._doc_ids)):
            members.setdefault(find(i), []).append(i)
        out: dict[str, DuplicateInfo] = {}
        for group in members.values():
            kept = min(group, key=lambda i: self._orders[i])
            keeper = self._doc_ids[kept]
            for i in group:
                if i == kept:
                    out[keeper] = DuplicateInfo(keeper, False, "", "")
                else:
                    kind = "exact" if self._exacts[i] == self._exacts[kept] else "near"
                    out[self._doc_ids[i]] = DuplicateInfo(keeper, True, keeper, kind)
        return out
