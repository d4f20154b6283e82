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
import textwrap
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
    "actor_short_label",
    "wrap",
    "group_colours",
    "OTHER",
]

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
HATCHES = ("", "//", "..", "xx", "\\\\", "oo", "++", "--")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

#: Speakers that are not actors of the lexicon: the outlet's own voice, unattributed speech, and the
#: non-actor speaker classes of the stance lexicon (other media quoted as sources; monitors and NGOs).
SPECIAL_ACTORS = {
    "OUTLET": ("الوسيلة الإعلامية", "Outlet (own voice)", "#595959"),
    "UNKNOWN": ("غير محدد", "Unattributed", "#BBBBBB"),
    "MEDIA": ("وسائل إعلام أخرى", "Other media (as sources)", "#7F7F7F"),
    "NGO": ("منظمات ومراصد", "NGOs and monitors", "#A5A5A5"),
    "OTHER": ("أطراف أخرى", "other actors", "#DDDDDD"),
}
#: Code of the group that sums the actors outside a figure's top N.
OTHER = "OTHER"
#: Colours of outlets (or any other comparison group), in sorted order of the group names: Paul Tol's
#: colour-blind-safe "bright" palette, then "muted"; a marker each, so groups stay apart in greyscale.
GROUP_COLOURS = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB") + TOL_MUTED
GROUP_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

KIND_ORDER = ("name", "descriptor", "metonym", "person", "anaphor")
KIND_LABELS = {
    "name": "name",
    "descriptor": "descriptor",
    "metonym": "metonym (capital city)",
    "person": "person",
    "anaphor": "anaphor",
}
CATEGORY_ORDER = ("reporting_verb", "hedge", "booster", "evaluative", "partial_quote", "scare_quote", "so_called",
                  "quoted_name", "naming")
CATEGORY_LABELS = {
    "reporting_verb": "reporting\nverb",
    "hedge": "hedge",
    "booster": "booster",
    "evaluative": "evaluative",
    "partial_quote": "partial\nquotes",
    "scare_quote": "scare\nquotes",
    "so_called": "so-\ncalled",
    "quoted_name": "quoted\nnames",
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


def wrap(text: str, width: int) -> str:
    """``text`` wrapped at word boundaries into lines of at most ``width`` characters (one word may exceed it)."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def _shorten(text: str, width: int) -> str:
    """An English actor name cut to its head when it is long: before " (", " / ", " and " or " against ".

    The longest head that fits ``width`` wins; when none fits, the shortest is wrapped.
    """
    if len(text) <= width:
        return text
    heads = {text.split(sep)[0] for sep in (" (", " / ", " and its ", " and ", " against ") if sep in text}
    heads = {h for h in heads if len(h) >= 3}
    fitting = [h for h in heads if len(h) <= width]
    if fitting:
        return max(fitting, key=len)
    return wrap(min(heads, key=len) if heads else text, width)


def actor_short_label(code: str, *, width: int = 24, lexicon: Path | None = None) -> str:
    """A compact bilingual label: the Arabic name and a short English name, each wrapped at ``width``.

    Long English names keep their head ("Syrian armed opposition (FSA, ...) and its political bodies" becomes
    "Syrian armed opposition"); a label never grows wider than about ``width`` characters.
    """
    st = actor_style(code, lexicon=lexicon)
    ar = wrap(st.label_ar, width) if st.label_ar else ""
    en = _shorten(st.label_en, width) if st.label_en else ""
    if ar and en and st.label_ar != st.label_en:
        return f"{ar}\n{en}"
    return ar or en or wrap(code, width)


def group_colours(groups: "list[str] | tuple[str, ...]") -> dict[str, tuple[str, str]]:
    """Colour and marker of each comparison group (outlet), by sorted name: the same groups, the same colours."""
    ordered = sorted({str(g) for g in groups})
    return {g: (GROUP_COLOURS[i % len(GROUP_COLOURS)], GROUP_MARKERS[i % len(GROUP_MARKERS)])
            for i, g in enumerate(ordered)}


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
