"""A read-only dict for compiled lexicons.

A compiled lexicon is cached and shared by every caller in the process (see :mod:`.loading`); a rule that
changed one of its tables in place would change what every later text, test or generated corpus sees. Its
tables are therefore built once and then frozen: a ``FrozenDict`` reads like a dict and raises on any
change. Unlike ``types.MappingProxyType`` it pickles (worker processes and the dask engine receive
lexicons by pickle) and compares equal to a dict with the same items.
"""

from __future__ import annotations

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
