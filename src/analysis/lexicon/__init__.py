"""Lexicon files as validated models: reading with line numbers, models, compiled-lexicon cache, rollup.

``source``   a YAML file with the line of every key (for one-line error messages)
``models``   the pydantic models of actors.yaml, stance.yaml, relations.yaml, synth_templates.yaml
``loading``  validation into a model, the content-hash cache of compiled lexicons, kinds and schemas
``rollup``   the one rollup map of a run
``check``    ``analysis lexicon check`` and the check of a run's lexicons before anything is written

The names below are imported from their modules when first used: a warm start, which finds every
compiled lexicon in the disk cache, never imports pydantic or builds the models.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["DEFAULT_PATHS", "KINDS", "MODELS", "clear_cache", "compiled", "infer_kind", "json_schema", "load_model",
           "declared_rollup", "rollup_map", "run_rollup"]

#: Exported name -> the module of this package that defines it.
_HOMES = {
    "DEFAULT_PATHS": "loading", "KINDS": "loading", "clear_cache": "loading", "compiled": "loading",
    "infer_kind": "loading", "json_schema": "loading", "load_model": "loading",
    "MODELS": "models",
    "declared_rollup": "rollup", "rollup_map": "rollup", "run_rollup": "rollup",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
