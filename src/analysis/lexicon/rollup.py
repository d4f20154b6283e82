"""The rollup of a run: which actor is counted as which with ``--rollup-coalition``.

One function, over the run's actor lexicon, serves every summary (mention counts, networks, voice
share, cue counts, naming), so the tables of one run always agree. The map is what the lexicon
declares (``rollup: US`` under COALITION); a lexicon that declares none cannot be rolled up, and asking
for it is a configuration error naming the file, not a silent choice.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .loading import load_model

if TYPE_CHECKING:
    from .models import ActorLexiconModel

__all__ = ["declared_rollup", "rollup_map", "run_rollup"]


def declared_rollup(model: ActorLexiconModel) -> dict[str, str]:
    """Actor code -> the code it is counted as, for the actors that declare ``rollup:``."""
    return {actor.code: actor.rollup for actor in model.actors if actor.rollup}


def rollup_map(actor_lexicon: str | Path | None = None, *, rollup_coalition: bool = True) -> dict[str, str]:
    """The rollup to apply: {} without ``rollup_coalition``; else the lexicon's declared rollups.

    Raises ConfigurationError (naming the file and its ``actors:`` line) when rolling up is asked of a
    lexicon in which no actor declares a ``rollup``.
    """
    if not rollup_coalition:
        return {}
    model, source = load_model(actor_lexicon, "actors")
    mapping = declared_rollup(model)  # type: ignore[arg-type]
    if not mapping:
        raise source.error(("actors",), "--rollup-coalition needs an actor that declares `rollup:` (the packaged "
                                        "lexicon has `rollup: US` under COALITION); no actor here declares one")
    return mapping


def run_rollup(options: Any) -> dict[str, str]:
    """The rollup of a run, from its options (``rollup_coalition``, ``actor_lexicon``)."""
    return rollup_map(getattr(options, "actor_lexicon", None),
                      rollup_coalition=bool(getattr(options, "rollup_coalition", False)))
