"""Fonts for Arabic figures, taken from PyPI font packages and registered with matplotlib at import.

No system font is assumed: the TTF files ship inside the ``fontpkg-noto-sans-arabic`` and
``fontpkg-amiri`` wheels (pinned like any other dependency), so a figure looks the same on every machine.
The Arabic families go FIRST in ``font.family``: matplotlib's default DejaVu Sans has a few Arabic glyphs
of its own and would otherwise win for those letters, mixing two designs in one word. matplotlib falls back
glyph by glyph to the later families (DejaVu Sans for arrows and other symbols the Arabic fonts lack).

Noto Sans Arabic comes first: a sans design that covers Arabic, Latin, digits and the Arabic Presentation
Forms (needed by the matplotlib < 3.11 path). Amiri (Naskh) is the second Arabic family, for anything Noto
lacks.
"""

from __future__ import annotations

import logging
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

log = logging.getLogger(__name__)

__all__ = ["ARABIC_FAMILIES", "FONT_FILES", "FAMILY_LIST", "register_fonts", "use_arabic_fonts", "font_file"]

#: Arabic families in order of preference, each with the fontpkg package that ships it.
ARABIC_FAMILIES: tuple[str, ...] = ("Noto Sans Arabic", "Amiri")
#: The whole ``font.family`` list used by the figures: Arabic families first, then matplotlib's sans-serif.
FAMILY_LIST: list[str] = [*ARABIC_FAMILIES, "DejaVu Sans"]

#: Every registered font file, by family name (regular face first).
FONT_FILES: dict[str, list[Path]] = {}


def register_fonts() -> dict[str, list[Path]]:
    """Add every face of the packaged Arabic families to matplotlib's font manager (idempotent)."""
    import fontpkg

    known = {Path(entry.fname).resolve() for entry in font_manager.fontManager.ttflist}
    for name in ARABIC_FAMILIES:
        family = fontpkg.family(name)
        files = [Path(f.path).resolve() for f in family.files]
        for path in files:
            if path not in known:
                font_manager.fontManager.addfont(str(path))
        FONT_FILES[name] = files
    return FONT_FILES


def use_arabic_fonts() -> None:
    """Put the Arabic families first in ``rcParams['font.family']``, keeping the user's others after them."""
    current = list(mpl.rcParams["font.family"])
    rest = [f for f in current if f not in ARABIC_FAMILIES]
    mpl.rcParams["font.family"] = [*ARABIC_FAMILIES, *rest]


def font_file(family: str = ARABIC_FAMILIES[0]) -> Path:
    """The regular face of a registered family (the file HarfBuzz needs to check what matplotlib drew)."""
    if family not in FONT_FILES:
        raise ValueError(f"family must be one of {sorted(FONT_FILES)}, not {family!r}")
    return FONT_FILES[family][0]


register_fonts()
use_arabic_fonts()
