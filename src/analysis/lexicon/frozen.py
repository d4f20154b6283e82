"""A read-only dict for compiled lexicons.

A compiled lexicon is cached and shared by every caller in the process (see :mod:`.loading`); a rule that
changed one of its tables in place would change what every later text, test or generated corpus sees. Its
tables are therefore built once and then frozen: a ``FrozenDict`` reads like a dict and raises on any
change. Unlike ``types.MappingProxyType`` it pickles (worker processes and the dask engine receive
lexicons by pickle) and compares equal to a dict with the same items.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, NoReturn, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict that cannot be changed after it is built."""

    __slots__ = ()

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("a compiled lexicon is read-only; build a new one instead")

    __setitem__ = __delitem__ = __ior__ = _read_only  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __copy__(self) -> "FrozenDict[K, V]":
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> "FrozenDict[K, V]":
        return self

    def __repr__(self) -> str:
        return f"FrozenDict({dict.__repr__(self)})"


def _restored(cls: type, names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    obj = object.__new__(cls)
    obj.__dict__.update(zip(names, values))
    return obj


class CompactPickle:
    """Pickles a frozen dataclass as its class, its field names and a tuple of values.

    A compiled lexicon holds tens of thousands of small frozen records (a relation trigger per inflected
    form). Pickled the default way each carries a dict of field names to values and is rebuilt through
    ``__setstate__``; as a tuple beside one shared tuple of names (pickle stores it once and refers to it),
    the entry is a quarter smaller and unpickled in about 40 % less time, which is start-up time of every run
    and of every worker. The record is rebuilt without calling ``__init__``, as unpickling always does.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        names = _field_names(type(self))
        state = self.__dict__
        return (_restored, (type(self), names, tuple(state[name] for name in names)))


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))
