"""The actor lexicon as the networks draw it: each actor's labels, colour and rollup target, and the
attributes of an actor's node in a graph (an actor the lexicon does not know is labelled with its code
and drawn grey).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


_GREY = "#999999"
# --- the actor lexicon: labels, colours, rollup ------------------------------------------------------

def actor_catalog(path: str | Path | None = None) -> dict[str, dict[str, str]]:
    """Code -> ``label_ar``, ``label_en``, ``colour``, ``rollup`` from the actor lexicon (packaged by default).

    Read from the lexicon's validated model (cached by the file's content hash, like the compiled
    matcher), so labels, colours and rollup always come from the same bytes as the mentions; an actor the
    lexicon does not know is labelled with its code and drawn grey. A missing or broken lexicon is a
    ConfigurationError."""
    from .lexicon.loading import compiled

    return dict(compiled("actors", path, _catalog, "catalog"))


def _catalog(model: Any, source: Any, _what: str) -> dict[str, dict[str, str]]:
    return {actor.code: {"label_ar": actor.label_ar, "label_en": actor.label_en, "colour": actor.colour or _GREY,
                         "rollup": actor.rollup or ""} for actor in model.actors}


def rollup_map(path: str | Path | None = None) -> dict[str, str]:
    """Actor -> the actor it is counted as with ``--rollup-coalition``: the lexicon's ``rollup`` keys
    (:func:`analysis.lexicon.rollup.rollup_map`; a ConfigurationError when the lexicon declares none)."""
    from .lexicon.rollup import rollup_map as lexicon_rollup

    return lexicon_rollup(path)

def _node_attributes(actor: str, catalog: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    info = catalog.get(actor, {})
    return {"code": actor, "label": info.get("label_en", actor), "label_ar": info.get("label_ar", actor),
            "label_en": info.get("label_en", actor), "colour": info.get("colour", _GREY)}
