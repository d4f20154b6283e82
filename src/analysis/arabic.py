"""The one way to put text into a figure: :func:`label`, whatever matplotlib version draws it.

matplotlib >= 3.11 shapes text itself (libraqm: HarfBuzz + the Unicode bidi algorithm), so the logical
string must be handed over unchanged; the classic ``get_display(reshape(s))`` recipe then shapes a second
time and draws Arabic reversed and broken (matplotlib issue #32262). Older matplotlib draws code points left
to right with no shaping at all, so there the string is pre-shaped with arabic-reshaper and put into visual
order with python-bidi, once, line by line, with python-bidi's pure-Python algorithm (its Rust
``get_display`` skips rules L3/L4: no bracket mirroring, mangled multi-line strings).

Every figure label goes through :func:`label`. It also:

- makes a right-to-left line lay out right to left even when it starts with Latin text (a U+200F RIGHT-TO-LEFT
  MARK in front; matplotlib takes the paragraph direction from the first strong character), and the mirror
  case with U+200E for a Latin line that starts with an Arabic word;
- escapes ``$`` so that two dollar signs never turn a label into mathtext (which is never shaped);
- refuses, on >= 3.11, a string that is already shaped (presentation forms and no basic Arabic letter): that
  is the double-shaping bug, and drawing it would show reversed text. Stray presentation forms inside
  otherwise logical text (text copied out of PDFs) are folded back to their letters by NFKC.

:func:`text_kwargs` gives the alignment that goes with a label (right for right-to-left text, for single
and multi-line labels alike).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from typing import Literal

import matplotlib

log = logging.getLogger(__name__)

__all__ = [
    "NATIVE_SHAPING",
    "Direction",
    "label",
    "is_rtl",
    "line_direction",
    "text_kwargs",
    "has_presentation_forms",
    "is_pre_shaped",
]

Direction = Literal["auto", "rtl", "ltr"]


def _version_tuple(version: str) -> tuple[int, int]:
    major, minor = version.split(".")[:2]
    return int(major), int("".join(ch for ch in minor if ch.isdigit()) or 0)


#: True when matplotlib shapes and reorders text itself (>= 3.11, libraqm layout).
NATIVE_SHAPING: bool = _version_tuple(matplotlib.__version__) >= (3, 11)

RLM = "\u200f"
LRM = "\u200e"
_RTL_CLASSES = frozenset({"R", "AL"})
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


def has_presentation_forms(text: str) -> bool:
    """True when ``text`` holds Arabic Presentation Forms A/B (the output of a reshaper)."""
    return any(0xFB50 <= ord(ch) <= 0xFDFF or (0xFE70 <= ord(ch) <= 0xFEFE) for ch in text)


def _is_basic_arabic_letter(ch: str) -> bool:
    cp = ord(ch)
    in_block = 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF
    return in_block and unicodedata.category(ch) == "Lo"


def is_pre_shaped(text: str) -> bool:
    """True for a string that has already been shaped: presentation forms and no basic Arabic letter."""
    return has_presentation_forms(text) and not any(_is_basic_arabic_letter(ch) for ch in text)


def line_direction(line: str) -> Literal["rtl", "ltr"]:
    """The direction one line of a label reads in: the majority of its strong characters.

    A bilingual line such as ``"SDF: قوات سوريا الديمقراطية"`` is right to left, ``"US-led coalition (التحالف)"``
    left to right; a tie goes to the first strong character, a line with none (digits only) is left to right.
    """
    rtl = ltr = 0
    first = None
    for ch in line:
        cls = unicodedata.bidirectional(ch)
        if cls in _RTL_CLASSES:
            rtl += 1
            first = first or "rtl"
        elif cls == "L":
            ltr += 1
            first = first or "ltr"
    if rtl != ltr:
        return "rtl" if rtl > ltr else "ltr"
    return first or "ltr"  # type: ignore[return-value]


def is_rtl(text: str) -> bool:
    """True when any line of ``text`` reads right to left (the label is then right-aligned)."""
    return any(line_direction(line) == "rtl" for line in str(text).split("\n"))


def _first_strong(line: str) -> Literal["rtl", "ltr"] | None:
    for ch in line:
        cls = unicodedata.bidirectional(ch)
        if cls in _RTL_CLASSES:
            return "rtl"
        if cls == "L":
            return "ltr"
    return None


def _fold_stray_presentation_forms(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFE:
            out.append(unicodedata.normalize("NFKC", ch).strip())
        else:
            out.append(ch)
    return "".join(out)


def _native_line(line: str, direction: Literal["rtl", "ltr"]) -> str:
    first = _first_strong(line)
    if direction == "rtl" and first == "ltr":
        return RLM + line
    if direction == "ltr" and first == "rtl":
        return LRM + line
    return line


@lru_cache(maxsize=1)
def _reshaper():
    import arabic_reshaper

    # Keep harakat (a label must show what the data says); only the mandatory lam-alef ligatures, which
    # every Arabic font has, so shaping does not depend on optional ligatures a font may lack.
    config = {"delete_harakat": False, "shift_harakat_position": False, "support_ligatures": True}
    for name in arabic_reshaper.reshaper_config.default_config:
        if name.startswith("ARABIC LIGATURE") or name == "RIAL SIGN":
            config[name] = name.startswith("ARABIC LIGATURE LAM WITH ALEF")
    return arabic_reshaper.ArabicReshaper(configuration=config)


def _strip_format_controls(text: str) -> str:
    """Drop bidi and zero-width controls: after reordering they have done their work, and fonts lack them."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _fallback_line(line: str, direction: Literal["rtl", "ltr"]) -> str:
    from bidi.algorithm import get_display  # the pure-Python algorithm (rules L3/L4 included)

    if is_pre_shaped(line):
        return line  # already shaped: shaping happens exactly once
    shaped = _reshaper().reshape(line)
    visual = get_display(shaped, base_dir="R" if direction == "rtl" else "L")
    return _strip_format_controls(visual)


@lru_cache(maxsize=65536)
def _label(text: str, direction: Direction, native: bool) -> str:
    if native and is_pre_shaped(text):
        raise ValueError(
            "label() takes the logical string; this one is already shaped (presentation forms, no Arabic "
            f"letters): {text!r}. matplotlib >= 3.11 shapes text itself; shaping twice draws it reversed."
        )
    if has_presentation_forms(text) and not is_pre_shaped(text):
        text = _fold_stray_presentation_forms(text)
    lines = []
    for line in text.split("\n"):
        line_dir = line_direction(line) if direction == "auto" else direction
        lines.append(_native_line(line, line_dir) if native else _fallback_line(line, line_dir))
    return _UNESCAPED_DOLLAR.sub(r"\\$", "\n".join(lines))


def label(text: object, *, direction: Direction = "auto", native: bool | None = None) -> str:
    """The string to hand to matplotlib for ``text`` (logical-order Unicode), shaped exactly once.

    ``direction``: ``"auto"`` decides per line (majority of strong characters); ``"rtl"``/``"ltr"`` force it.
    ``native``: which path to take; ``None`` (the default) follows the installed matplotlib. Only tests pass it.
    """
    if direction not in ("auto", "rtl", "ltr"):
        raise ValueError(f"direction must be 'auto', 'rtl' or 'ltr', not {direction!r}")
    if text is None:
        return ""
    return _label(str(text), direction, NATIVE_SHAPING if native is None else bool(native))


def text_kwargs(text: object) -> dict[str, str]:
    """Alignment for a label: right (also line by line) for right-to-left text, left otherwise."""
    side = "right" if is_rtl(str(text)) else "left"
    return {"ha": side, "multialignment": side}
