"""A read-only table whose values stay pickled until they are looked up.

The relation lexicon maps 81,000 first tokens to their trigger forms (and 38,000 to their markers): tens
of thousands of small frozen records that unpickling the compiled lexicon rebuilt at every start (0.2 s
of CPU, a third of a warm start), though a run looks up only the tokens its texts hold. A
:class:`PackedTable` keeps its values in small pickles of :data:`BUCKET` consecutive keys each and
unpickles a bucket at the first look-up of one of its keys (then keeps its values); the keys are plain, so
``in``, ``len`` and iteration cost nothing. Within a bucket, objects its values share (their classes, the
field names of a record, a relation's preposition set) are pickled once, as in any pickle.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

__all__ = ["PackedTable", "BUCKET"]

K = TypeVar("K")
V = TypeVar("V")

#: Keys per pickle: small enough that a look-up unpickles little beside its own value, large enough that
#: what a bucket's values share (a record's class and field names) is stored once for several of them.
BUCKET = 16
_MISSING = object()


class PackedTable(Mapping[K, V]):
    """A read-only mapping built from ``items``; a value is unpickled (with its bucket) at its first look-up."""

    __slots__ = ("_bucket_of", "_buckets", "_values")

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        keys = list(items or {})
        self._bucket_of: dict[K, int] = {}
        buckets = []
        for number, start in enumerate(range(0, len(keys), BUCKET)):
            chunk = {key: items[key] for key in keys[start:start + BUCKET]}  # type: ignore[index]
            buckets.append(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL))
            self._bucket_of.update(dict.fromkeys(chunk, number))
        self._buckets: tuple[bytes, ...] = tuple(buckets)
        self._values: dict[K, V] = {}

    @classmethod
    def _restored(cls, bucket_of: dict[K, int], buckets: tuple[bytes, ...]) -> "PackedTable[K, V]":
        table = cls.__new__(cls)
        table._bucket_of, table._buckets, table._values = bucket_of, buckets, {}
        return table

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self)._restored, (self._bucket_of, self._buckets))

    def __getitem__(self, key: K) -> V:
        value = self._values.get(key, _MISSING)
        if value is _MISSING:
            value = self._load(key)  # KeyError for a key the table does not hold
        return value  # type: ignore[return-value]

    def get(self, key: K, default: Any = None) -> Any:
        value = self._values.get(key, _MISSING)
        if value is not _MISSING:
            return value
        return self._load(key) if key in self._bucket_of else default

    def _load(self, key: K) -> V:
        self._values.update(pickle.loads(self._buckets[self._bucket_of[key]]))
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._bucket_of

    def __iter__(self) -> Iterator[K]:
        return iter(self._bucket_of)

    def __len__(self) -> int:
        return len(self._bucket_of)

    def __repr__(self) -> str:
        return f"PackedTable({len(self)} keys, {len(self._values)} unpacked)"
