"""One place for how figures look: actor colours, hatches and markers, labels, and the rcParams.

An actor keeps the same colour in every figure. Colours come from the actor lexicon (``colour``, Okabe-Ito:
colour-blind safe); an actor without one (a user's own addition) gets a stable colour from a second
colour-blind-safe palette (Paul Tol's "muted"), chosen by a hash of its code, so it never changes when other
actors are added. Every actor also has a hatch and a marker, so figures stay readable in greyscale prints.
Actor labels are bilingual: Arabic on the first line, English on the second.
"""

from __future__ import annotations

import colorsys
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from pathlib import Path

import matplotlib as mpl
from matplotlib.colors import to_rgb

from . import fonts

log = logging.getLogger(__name__)

__all__ = [
    "ActorStyle",
    "OKABE_ITO",
    "TOL_MUTED",
    "RC_PARAMS",
    "actor_style",
    "actor_styles",
    "actor_label",
    "context",
    "KIND_ORDER",
    "KIND_LABELS",
    "CATEGORY_ORDER",
    "CATEGORY_LABELS",
    "text_colour_on",
]

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
HATCHES = ("", "//", "..", "xx", "\\\\", "oo", "++", "--")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

#: Speakers that are not actors of the lexicon: the outlet's own voice and unattributed speech.
SPECIAL_ACTORS = {
    "OUTLET": ("الوسيلة الإعلامية", "Outlet (own voice)", "#595959"),
    "UNKNOWN": ("غير محدد", "Unattributed", "#BBBBBB"),
}

KIND_ORDER = ("name", "descriptor", "metonym", "person", "anaphor")
KIND_LABELS = {
    "name": "name",
    "descriptor": "descriptor",
    "metonym": "metonym (capital city)",
    "person": "person",
    "anaphor": "anaphor",
}
CATEGORY_ORDER = ("reporting_verb", "hedge", "booster", "evaluative", "scare_quote", "naming")
CATEGORY_LABELS = {
    "reporting_verb": "reporting\nverb",
    "hedge": "hedge",
    "booster": "booster",
    "evaluative": "evaluative",
    "scare_quote": "scare\nquotes",
    "naming": "naming",
}

#: rcParams for every figure: Arabic fonts first, deterministic SVG output, text kept as paths (the tests
#: read the glyphs back from the SVG), no mathtext formatter.
RC_PARAMS: dict[str, object] = {
    "font.family": fonts.FAMILY_LIST,
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "normal",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.formatter.use_mathtext": False,
    "svg.fonttype": "path",
    "svg.hashsalt": "analysis-figures",
    "hatch.linewidth": 0.6,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 300,
}


@dataclass(frozen=True)
class ActorStyle:
    code: str
    label_ar: str
    label_en: str
    color: str
    hatch: str
    marker: str

    @property
    def label(self) -> str:
        """Bilingual label: Arabic, then English on a second line (each line keeps its own direction)."""
        if self.label_ar and self.label_en and self.label_ar != self.label_en:
            return f"{self.label_ar}\n{self.label_en}"
        return self.label_ar or self.label_en or self.code


def _lexicon_actors(path: Path | None) -> tuple[dict, ...]:
    """The actors of the lexicon's validated model (cached by the file's content hash, like the matcher)."""
    from .lexicon.loading import compiled

    return compiled("actors", path, _actor_rows, "style")


def _actor_rows(model: Any, source: Any, _what: str) -> tuple[dict, ...]:
    return tuple({"code": a.code, "label_ar": a.label_ar, "label_en": a.label_en, "colour": a.colour or ""}
                 for a in model.actors)


def _stable_index(code: str, n: int, salt: str) -> int:
    return zlib.crc32(f"{salt}:{code}".encode("utf-8")) % n


def actor_styles(lexicon: Path | None = None) -> dict[str, ActorStyle]:
    """Styles of every actor in the lexicon (and of the OUTLET/UNKNOWN speakers), by code.

    Actors with a lexicon colour get hatches and markers in lexicon order (the core actors are thus all
    different); the others get colour, hatch and marker by a hash of their code (stable across lexicons).
    """
    styles: dict[str, ActorStyle] = {}
    for i, entry in enumerate(_lexicon_actors(lexicon)):
        code = str(entry["code"])
        if entry.get("colour"):
            color, hatch, marker = str(entry["colour"]), HATCHES[i % len(HATCHES)], MARKERS[i % len(MARKERS)]
        else:
            color, hatch, marker = _hashed(code)
        styles[code] = ActorStyle(code, str(entry.get("label_ar", "")), str(entry.get("label_en", "")), color, hatch, marker)
    for code, (ar, en, color) in SPECIAL_ACTORS.items():
        styles.setdefault(code, ActorStyle(code, ar, en, color, "", "x"))
    return styles


def _hashed(code: str) -> tuple[str, str, str]:
    return (
        TOL_MUTED[_stable_index(code, len(TOL_MUTED), "colour")],
        HATCHES[1 + _stable_index(code, len(HATCHES) - 1, "hatch")],
        MARKERS[_stable_index(code, len(MARKERS), "marker")],
    )


def actor_style(code: str, *, lexicon: Path | None = None) -> ActorStyle:
    """The style of one actor; an actor missing from the lexicon gets a stable hashed style, labelled by code."""
    styles = actor_styles(lexicon)
    if code in styles:
        return styles[code]
    color, hatch, marker = _hashed(code)
    return ActorStyle(code, "", code, color, hatch, marker)


def actor_label(code: str, *, lexicon: Path | None = None) -> str:
    """Bilingual label of an actor (logical order; pass it through :func:`analysis.arabic.label`)."""
    return actor_style(code, lexicon=lexicon).label


def tint(color: str, amount: float) -> tuple[float, float, float]:
    """``color`` mixed with white (``amount`` 0: unchanged, 1: white); black becomes grey."""
    r, g, b = to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def text_colour_on(color: object) -> str:
    """Black or white, whichever reads better on ``color`` (relative luminance)."""
    r, g, b = to_rgb(color)  # type: ignore[arg-type]
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if lum > 0.45 else "white"


def lightness(color: str) -> float:
    return colorsys.rgb_to_hls(*to_rgb(color))[1]


@contextmanager
def context() -> Iterator[None]:
    """rcParams of every figure (also around saving: the SVG settings are read then)."""
    with mpl.rc_context(RC_PARAMS):
        yield
