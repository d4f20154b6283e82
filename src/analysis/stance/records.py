"""What stance finds: reported statements, stance cues, and the two voices that are no actor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

OUTLET = "OUTLET"
UNKNOWN = "UNKNOWN"
CATEGORIES = ("reporting_verb", "hedge", "booster", "evaluative", "scare_quote", "naming")
COMMITMENTS = ("neutral", "assertive", "evaluative", "distancing")
QuoteType = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True)
class Statement:
    """One reported statement: content span (raw), speaker, reporting verb, direct, indirect or mixed.

    ``mixed``: an indirect (إن/أن) clause holding the speaker's own words in quotation marks;
    ``quoted_spans`` are those words (raw offsets, marks excluded), empty for other statements.
    """

    start: int
    end: int
    speaker_actor: str
    speaker_start: int | None
    speaker_end: int | None
    verb: str
    quote_type: QuoteType
    targets: tuple[str, ...]
    sentence_id: int
    commitment: str = ""
    n_words: int = 0
    quoted_spans: tuple[tuple[int, int], ...] = ()
    norm_start: int = field(default=0, repr=False, compare=False)
    norm_end: int = field(default=0, repr=False, compare=False)


@dataclass(frozen=True)
class Cue:
    """One stance cue (raw span) and the voice it is in."""

    start: int
    end: int
    surface: str
    category: str
    subtype: str
    speaker_actor: str
    sentence_id: int
