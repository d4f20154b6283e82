"""A stand-in for actor mentions in stance and speaker tests: all stance reads of a mention."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """What stance needs of an actor mention: raw offsets, actor, kind and alias."""

    start: int
    end: int
    actor: str
    kind: str = "name"
    alias: str = ""
