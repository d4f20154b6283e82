"""Lexicon files as validated models: reading with line numbers, models, compiled-lexicon cache, rollup.

``source``   a YAML file with the line of every key (for one-line error messages)
``models``   the pydantic models of actors.yaml, stance.yaml, relations.yaml, synth_templates.yaml
``loading``  validation into a model, the content-hash cache of compiled lexicons, kinds and schemas
``rollup``   the one rollup map of a run
``check``    ``analysis lexicon check`` and the check of a run's lexicons before anything is written
"""

from .loading import DEFAULT_PATHS, clear_cache, compiled, infer_kind, json_schema, load_model
from .models import KINDS, MODELS
from .rollup import declared_rollup, rollup_map, run_rollup

__all__ = ["DEFAULT_PATHS", "KINDS", "MODELS", "clear_cache", "compiled", "infer_kind", "json_schema", "load_model",
           "declared_rollup", "rollup_map", "run_rollup"]
