"""Heavy libraries bound at module level but imported on first use.

pandas, duckdb, pyarrow and networkx take most of a second to import together, and only the summary
tables, Parquet files and graph files need them: the per-document analysis (actors, stance, relations)
does without. A module that uses one of them in some of its functions binds it with :func:`lazy_module`
and keeps its type hints through ``TYPE_CHECKING``::

    if TYPE_CHECKING:
        import pandas as pd
    else:
        pd = lazy_module("pandas")

so ``import analysis.pipeline`` (every ``analysis run``, worker and notebook) leaves them out, and the
first ``pd.DataFrame`` imports pandas. Nothing is put in :data:`sys.modules` before that first use (a
library that looks there to see whether pandas is loaded, as pyarrow does, is not misled).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

__all__ = ["LazyModule", "lazy_module"]


class LazyModule:
    """Stands for the module ``name``: the first attribute looked up imports it; every look-up is the
    module's own attribute (nothing is copied, so a patched attribute is seen)."""

    __slots__ = ("_lazy_name",)

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "_lazy_name", name)

    def __getattr__(self, attr: str) -> Any:
        name = object.__getattribute__(self, "_lazy_name")
        module = sys.modules.get(name)
        if module is None:
            module = importlib.import_module(name)
        return getattr(module, attr)

    def __setattr__(self, attr: str, value: Any) -> None:
        raise AttributeError(f"set {attr!r} on the module {self._lazy_name} itself, not on its lazy stand-in")

    def __repr__(self) -> str:
        name = object.__getattribute__(self, "_lazy_name")
        return f"<lazy module {name!r} ({'imported' if name in sys.modules else 'not imported yet'})>"


def lazy_module(name: str) -> Any:
    """A stand-in for the module ``name`` that imports it when one of its attributes is first used."""
    return LazyModule(name)
