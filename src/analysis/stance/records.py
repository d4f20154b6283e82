"""What stance finds: reported statements, stance cues, and the two voices that are no actor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

OUTLET = "OUTLET"
UNKNOWN = "UNKNOWN"
CATEGORIES = ("reporting_verb", "hedge", "booster", "evaluative", "partial_quote", "scare_quote", "so_called",
              "quoted_name", "naming")
#: The quotation cues: who put the marks (``marked_by``) and whose words they hold (``words_of``) differ.
QUOTATION_CATEGORIES = ("partial_quote", "scare_quote", "quoted_name")
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
    """One stance cue (raw span) and the voice it is in.

    ``target_actor``: the actor an evaluative term evaluates ("" when none); ``marked_by``: who put the
    quotation marks (OUTLET, or the speaker inside a direct quotation); ``words_of``: whose words the marks
    hold (the speaker of a partial quotation; "" for scare quotes and names)."""

    start: int
    end: int
    surface: str
    category: str
    subtype: str
    speaker_actor: str
    sentence_id: int
    target_actor: str = ""
    marked_by: str = ""
    words_of: str = ""
