"""A read-only table whose values stay pickled until they are looked up.

The relation lexicon maps 81,000 first tokens to their trigger forms (and 38,000 to their markers): tens
of thousands of small frozen records that unpickling the compiled lexicon rebuilt at every start (0.2 s
of CPU, a third of a warm start), though a run looks up only the tokens its texts hold. A
:class:`PackedTable` keeps each value as its own small pickle and unpickles it at its first look-up (then
keeps it); the keys are plain, so ``in``, ``len`` and iteration cost nothing. Objects that many values
share (their classes, the field names of a record, the same preposition sets) are pickled once beside
the values and referred to by number, so each value's pickle holds only what is its own, and a shared
object stays one object, as it was in the table the values came from.
"""

from __future__ import annotations

import io
import pickle
import types
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

__all__ = ["PackedTable"]

K = TypeVar("K")
V = TypeVar("V")

#: A tuple or frozenset found in at least this many values is pickled once beside them.
_SHARED_FROM = 2
_MISSING = object()


def _is_global(obj: Any) -> bool:
    return isinstance(obj, (type, types.FunctionType, types.BuiltinFunctionType))


def _container_key(obj: Any) -> tuple[type, Any] | None:
    """The equality key of a tuple or frozenset that could be shared (None for any other object)."""
    if type(obj) not in (tuple, frozenset):
        return None
    try:
        hash(obj)
    except TypeError:
        return None
    return (type(obj), obj)


class PackedTable(Mapping[K, V]):
    """A read-only mapping built from ``items``; each value is unpickled at its first look-up."""

    __slots__ = ("_packed", "_shared", "_values")

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        items = dict(items or {})
        counts: Counter[tuple[type, Any]] = Counter()
        for value in items.values():
            seen: set[tuple[type, Any]] = set()
            _dumps(value, lambda obj: _count(obj, seen))
            counts.update(seen)
        shared: list[Any] = []
        number: dict[Any, int] = {}

        def persistent_id(obj: Any) -> int | None:
            if _is_global(obj):
                key: Any = ("global", id(obj))
            else:
                key = _container_key(obj)
                if key is None or counts[key] < _SHARED_FROM:
                    return None
            if key not in number:
                number[key] = len(shared)
                shared.append(obj)
            return number[key]

        self._packed: dict[K, bytes] = {k: _dumps(v, persistent_id) for k, v in items.items()}
        self._shared: tuple[Any, ...] = tuple(shared)
        self._values: dict[K, V] = {}

    @classmethod
    def _restored(cls, packed: dict[K, bytes], shared: tuple[Any, ...]) -> "PackedTable[K, V]":
        table = cls.__new__(cls)
        table._packed, table._shared, table._values = packed, shared, {}
        return table

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self)._restored, (self._packed, self._shared))

    def __getitem__(self, key: K) -> V:
        value = self._values.get(key, _MISSING)
        if value is _MISSING:
            value = self._load(key)  # KeyError for a key the table does not hold
        return value  # type: ignore[return-value]

    def get(self, key: K, default: Any = None) -> Any:
        value = self._values.get(key, _MISSING)
        if value is not _MISSING:
            return value
        return self._load(key) if key in self._packed else default

    def _load(self, key: K) -> V:
        unpickler = pickle.Unpickler(io.BytesIO(self._packed[key]))
        unpickler.persistent_load = self._shared.__getitem__  # type: ignore[assignment]
        value = self._values[key] = unpickler.load()
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[K]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __repr__(self) -> str:
        return f"PackedTable({len(self)} keys, {len(self._values)} unpacked)"


def _count(obj: Any, seen: set[tuple[type, Any]]) -> None:
    key = _container_key(obj)
    if key is not None:
        seen.add(key)
    return None


def _dumps(value: Any, persistent_id: Any) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = persistent_id  # type: ignore[assignment]
    pickler.dump(value)
    return buffer.getvalue()
