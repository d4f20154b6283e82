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

Memory: a signature is NUM_PERM 64-bit integers (1 KB) per document, so a corpus of 100,000 articles needs
about 100 MB; texts are not kept.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

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
    _entries: list[_Entry] = field(default_factory=list)
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
        self._entries.append(self.entry(doc_id, text, when=when, skip=skip))

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
        self._entries.append(entry)

    def __len__(self) -> int:
        return len(self._entries)

    def near_pairs(self) -> list[tuple[int, int, float]]:
        """(i, j, estimated Jaccard) of the near pairs, i < j, sorted (indices in :meth:`add` order)."""
        from datasketch import MinHashLSH

        # candidates from a looser LSH band setting, then the estimate decides: LSH tuned at the threshold
        # itself misses a share of the pairs just above it
        lsh = MinHashLSH(threshold=max(0.3, self.threshold - LSH_MARGIN), num_perm=self.num_perm)
        hashes = {}
        for i, entry in enumerate(self._entries):
            if entry.signature is None:
                continue
            hashes[i] = self._minhash(entry.signature)
            lsh.insert(i, hashes[i], check_duplication=False)
        pairs = []
        for i, minhash in hashes.items():
            for j in lsh.query(minhash):
                if j <= i:
                    continue
                estimate = float(np.mean(self._entries[i].signature == self._entries[j].signature))
                if estimate >= self.threshold:
                    pairs.append((i, j, estimate))
        return sorted(pairs)

    def clusters(self) -> dict[str, DuplicateInfo]:
        """Every document added, by doc_id: its cluster and whether it is the kept copy."""
        parent = list(range(len(self._entries)))

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
        for i, entry in enumerate(self._entries):
            if entry.exact in first_of:
                union(first_of[entry.exact], i)
            else:
                first_of[entry.exact] = i
        for i, j, _ in self.near_pairs():
            union(i, j)
        members: dict[int, list[int]] = {}
        for i in range(len(self._entries)):
            members.setdefault(find(i), []).append(i)
        out: dict[str, DuplicateInfo] = {}
        for group in members.values():
            kept = min(group, key=lambda i: self._entries[i].order)
            keeper = self._entries[kept]
            for i in group:
                entry = self._entries[i]
                if i == kept:
                    out[entry.doc_id] = DuplicateInfo(keeper.doc_id, False, "", "")
                else:
                    kind = "exact" if entry.exact == keeper.exact else "near"
                    out[entry.doc_id] = DuplicateInfo(keeper.doc_id, True, keeper.doc_id, kind)
        return out
