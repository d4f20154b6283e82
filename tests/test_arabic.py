"""The label helper on both paths, checked against what matplotlib really draws and against HarfBuzz.

On matplotlib >= 3.11 the figure is saved as SVG (text as paths): each text line is written as an XML comment
holding the string matplotlib was given, followed by ``<use xlink:href="#<PostScriptName>-<hex glyph id>">``
elements in drawing order. The glyph ids drawn must equal HarfBuzz's shaping of the logical string with the
same font file (run by run in bidi order for mixed lines). On matplotlib < 3.11 (``nox -s fallback``) the string
handed over must be pre-shaped (no basic Arabic letter), every code point must be in the font, and its visual
order must be HarfBuzz's. The helpers here are shared with tests/test_figures.py.
"""

from __future__ import annotations

import io
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib import cbook, font_manager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from analysis import arabic, fonts  # noqa: E402
from analysis.arabic import NATIVE_SHAPING, label, line_direction, text_kwargs  # noqa: E402

hb = pytest.importorskip("uharfbuzz")

native_only = pytest.mark.skipif(not NATIVE_SHAPING, reason="matplotlib < 3.11 does not shape text")

XLINK = "{http://www.w3.org/1999/xlink}href"
BAD_FONTS = ("LastResort",)

# Test strings written for these tests: Arabic only, lam-alef ligatures, harakat and shadda, numbers,
# brackets, Latin first, Arabic-Indic digits.
PURE_ARABIC = [
    "قوات سوريا الديمقراطية",
    "تنظيم الدولة الإسلامية",
    "الولايات المتحدة",
    "مُسلَّحون",
    "روسيا ترحّب بالهجوم",
    "لا إله",
]
MIXED = [
    "SDF: قوات سوريا الديمقراطية",
    "قال فوتيل إن 250 جنديا وصلوا",
    "التحالف (الدولي)",
    "عام ٢٠١٦",
]
ALL_STRINGS = PURE_ARABIC + MIXED


# --- reading an SVG back ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DrawnLine:
    """One line of text as matplotlib wrote it into the SVG."""

    text: str  # the string matplotlib was handed (the XML comment)
    #: (PostScript font name, number) in drawing order: the glyph id on matplotlib >= 3.11, the character
    #: code on older versions (which name glyphs by character).
    glyphs: tuple[tuple[str, int], ...]


def svg_lines(svg: str) -> list[DrawnLine]:
    """Every text line of an SVG saved with ``svg.fonttype: path``."""
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    root = ET.fromstring(svg, parser=parser)
    lines: list[DrawnLine] = []
    for parent in root.iter():
        children = list(parent)
        for i, child in enumerate(children):
            if child.tag is not ET.Comment or i + 1 >= len(children):
                continue
            glyphs = []
            for use in children[i + 1].iter("{http://www.w3.org/2000/svg}use"):
                ref = use.get(XLINK, "").lstrip("#")
                font, _, gid = ref.rpartition("-")
                glyphs.append((font, int(gid, 16)))
            text = child.text or ""  # matplotlib writes "<!-- " + string + " -->"
            text = text[1:] if text.startswith(" ") else text
            text = text[:-1] if text.endswith(" ") else text
            lines.append(DrawnLine(text, tuple(glyphs)))
    return lines


def render_svg(fig: matplotlib.figure.Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue().decode("utf-8")


@lru_cache(maxsize=None)
def postscript_fonts() -> dict[str, Path]:
    """PostScript name -> font file, for every font matplotlib knows."""
    found: dict[str, Path] = {}
    for entry in font_manager.fontManager.ttflist:
        try:
            found.setdefault(FT2Font(entry.fname).postscript_name, Path(entry.fname))
        except (OSError, RuntimeError):
            continue
    return found


# --- HarfBuzz reference ---------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def hb_font(path: Path):
    return hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))


def hb_shape(text: str, path: Path, rtl: bool) -> list[hb.GlyphInfo]:
    """HarfBuzz glyphs for one directional run, in visual (left-to-right) order."""
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(hb_font(path), buf, {})
    return list(buf.glyph_infos)


def bidi_runs(text: str) -> list[tuple[int, str]]:
    """(embedding level, text) runs of one line, in logical order (python-bidi's pure-Python algorithm)."""
    from bidi import algorithm as ba

    storage = ba.get_empty_storage()
    storage["base_level"] = ba.get_base_level(text)
    storage["base_dir"] = ("L", "R")[storage["base_level"]]
    ba.get_embedding_levels(text, storage)
    ba.explicit_embed_and_overrides(storage)
    ba.resolve_weak_types(storage)
    ba.resolve_neutral_types(storage, False)
    ba.resolve_implicit_levels(storage, False)
    runs: list[tuple[int, str]] = []
    for ch in storage["chars"]:
        if runs and runs[-1][0] == ch["level"]:
            runs[-1] = (ch["level"], runs[-1][1] + ch["ch"])
        else:
            runs.append((ch["level"], ch["ch"]))
    return runs


def visual_runs(text: str) -> list[tuple[int, str]]:
    """Runs reordered by rule L2 (reverse every sequence at or above each odd level, highest first)."""
    runs = bidi_runs(text)
    if not runs:
        return runs
    top = max(level for level, _ in runs)
    lowest_odd = min(level for level, _ in runs if level % 2) if any(lv % 2 for lv, _ in runs) else top + 1
    for level in range(top, lowest_odd - 1, -1):
        out, i = [], 0
        while i < len(runs):
            if runs[i][0] >= level:
                j = i
                while j < len(runs) and runs[j][0] >= level:
                    j += 1
                out.extend(reversed(runs[i:j]))
                i = j
            else:
                out.append(runs[i])
                i += 1
        runs = out
    return runs


def reference_glyphs(text: str, path: Path) -> list[int]:
    """HarfBuzz glyph ids of a logical line, left to right, shaping each bidi run in its direction."""
    return [g.codepoint for level, run in visual_runs(text) for g in hb_shape(run, path, bool(level % 2))]


def reference_visual_text(text: str, path: Path) -> str:
    """The characters of a logical line in HarfBuzz's visual order (cluster by cluster, each in logical order)."""
    out = []
    for level, run in visual_runs(text):
        infos = hb_shape(run, path, bool(level % 2))
        starts = sorted({g.cluster for g in infos})
        bounds = {s: (starts[k + 1] if k + 1 < len(starts) else len(run)) for k, s in enumerate(starts)}
        seen = []
        for g in infos:
            if not seen or seen[-1] != g.cluster:
                seen.append(g.cluster)
        rtl = bool(level % 2)
        out.extend(run[c : bounds[c]][::-1] if rtl else run[c : bounds[c]] for c in seen)
    return "".join(out)


def comparable(text: str) -> str:
    """Visual-order characters, comparable across paths: presentation forms to letters (a ligature's letters
    right to left), mirrored brackets to one form; marks and bidi/zero-width controls dropped (marks are
    compared as a multiset by :func:`marks`: where a zero-width mark sits relative to its base is a drawing
    convention, not an order)."""
    from bidi.mirror import MIRRORED

    out = []
    for ch in text:
        expanded = unicodedata.normalize("NFKC", ch).strip() or ch
        if len(expanded) > 1 and unicodedata.bidirectional(ch) in ("R", "AL"):
            expanded = expanded[::-1]
        for c in expanded:
            if unicodedata.category(c) in ("Cf", "Mn"):
                continue
            out.append(min(c, MIRRORED.get(c, c)))
    return "".join(out)


def marks(text: str) -> list[str]:
    return sorted(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) == "Mn")


@lru_cache(maxsize=None)
def cmap(path: Path) -> dict[int, str]:
    from fontTools.ttLib import TTFont

    return TTFont(path).getBestCmap()


# --- checks shared with test_figures ---------------------------------------------------------------------------
def check_drawn_line(line: DrawnLine) -> None:
    """No missing glyph; on >= 3.11 the glyphs equal HarfBuzz's; on < 3.11 they are the string's own code points."""
    fonts_used = postscript_fonts()
    for font, number in line.glyphs:
        assert not font.startswith(BAD_FONTS), f"{line.text!r}: a glyph came from {font} (a missing character)"
        assert font in fonts_used, f"{line.text!r}: unknown font {font}"
        if NATIVE_SHAPING:
            assert number != 0, f"{line.text!r}: .notdef drawn from {font}"
        else:
            assert number in cmap(fonts_used[font]), f"{line.text!r}: {chr(number)!r} not in {font}"
    if not line.glyphs or cbook.is_math_text(line.text):
        return
    families = {font for font, _ in line.glyphs}
    if len(families) != 1:
        return  # per-glyph font fallback (a symbol from DejaVu): no single-font reference
    path = fonts_used[families.pop()]
    drawn = [gid for _, gid in line.glyphs]
    if NATIVE_SHAPING:
        assert not arabic.has_presentation_forms(line.text), f"{line.text!r} was handed over pre-shaped"
        assert drawn == reference_glyphs(line.text, path), f"{line.text!r}: glyphs differ from HarfBuzz"
    else:
        check_fallback_string(line.text, path=path)


def check_fallback_string(shaped: str, *, logical: str | None = None, path: Path | None = None) -> None:
    """A fallback label: pre-shaped, every code point in the font, in HarfBuzz's visual order."""
    path = path or fonts.font_file()
    letters = [ch for ch in shaped if arabic._is_basic_arabic_letter(ch)]
    assert not letters, f"{shaped!r}: basic Arabic letters left unshaped: {letters}"
    font_cmap = cmap(path)
    missing = [hex(ord(ch)) for ch in shaped.replace("\n", "") if ord(ch) not in font_cmap]
    assert not missing, f"{shaped!r}: code points not in {path.name}: {missing}"
    if logical is not None:
        for got, want in zip(shaped.split("\n"), logical.split("\n"), strict=True):
            # Shape what matplotlib >= 3.11 is handed for this line (with its RLM, if any).
            expected = reference_visual_text(label(want, native=True).replace("\\$", "$"), path)
            got = got.replace("\\$", "$")
            assert comparable(got) == comparable(expected), (got, expected)
            assert marks(got) == marks(want), (got, want)


def check_figure_labels(fig: matplotlib.figure.Figure) -> list[DrawnLine]:
    """Render ``fig`` as SVG and check every text line in it; returns the lines (for further checks)."""
    lines = svg_lines(render_svg(fig))
    assert lines, "the figure has no text"
    for line in lines:
        check_drawn_line(line)
    return lines


def figure_with(texts: list[str]) -> matplotlib.figure.Figure:
    fig = plt.figure(figsize=(6, 0.5 * (len(texts) + 1)))
    for i, text in enumerate(texts):
        fig.text(0.95, 1 - (i + 1) / (len(texts) + 1), label(text), **text_kwargs(text))
    return fig


# --- both paths ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("قوات سوريا الديمقراطية", "rtl"),
        ("SDF: قوات سوريا الديمقراطية", "rtl"),
        ("US-led coalition (التحالف)", "ltr"),
        ("Syrian Democratic Forces", "ltr"),
        ("2016", "ltr"),
        ("", "ltr"),
    ],
)
def test_line_direction_is_the_majority_of_strong_characters(line, expected):
    assert line_direction(line) == expected


def test_alignment_is_right_for_right_to_left_labels():
    assert text_kwargs("قوات سوريا الديمقراطية\nSDF") == {"ha": "right", "multialignment": "right"}
    assert text_kwargs("Syrian Democratic Forces") == {"ha": "left", "multialignment": "left"}


@pytest.mark.parametrize("native", [True, False])
def test_dollar_signs_never_make_mathtext(native):
    text = "تكلفة $5 مليون و$6 مليون"
    out = label(text, native=native)
    assert not cbook.is_math_text(out)
    assert out.count("$") == text.count("$")


@pytest.mark.parametrize("native", [True, False])
def test_bad_direction_is_a_value_error(native):
    with pytest.raises(ValueError):
        label("قوات", direction="sideways", native=native)  # type: ignore[arg-type]


def test_pre_shaped_strings_are_recognised():
    shaped = label("قوات سوريا", native=False)
    assert arabic.is_pre_shaped(shaped)
    assert not arabic.is_pre_shaped("قوات سوريا")
    assert not arabic.is_pre_shaped("SDF")


def test_native_path_refuses_a_pre_shaped_string():
    with pytest.raises(ValueError, match="already shaped"):
        label(label("قوات سوريا الديمقراطية", native=False), native=True)


def test_fallback_path_never_shapes_twice():
    once = label("قوات سوريا الديمقراطية", native=False)
    assert label(once, native=False) == once


def test_native_path_hands_the_logical_string_over():
    for text in PURE_ARABIC:
        assert label(text, native=True) == text
    assert label("SDF: قوات", native=True) == arabic.RLM + "SDF: قوات"
    assert label("قوات\nSDF", native=True) == "قوات\nSDF"  # the Latin line stays left to right


def test_native_path_folds_stray_presentation_forms_in_logical_text():
    # Text copied out of a PDF: logical order, one lam-alef ligature (U+FEFB) among ordinary letters.
    assert label("قوات الإسلام \ufefb", native=True) == "قوات الإسلام لا"


@pytest.mark.parametrize("text", ALL_STRINGS)
def test_fallback_strings_are_shaped_once_in_the_font_and_in_visual_order(text):
    """The fallback transformation itself (pure Python, the same on every matplotlib)."""
    check_fallback_string(label(text, native=False), logical=text)


def test_fallback_keeps_harakat():
    shaped = label("مُسلَّحون", native=False)
    assert "\u064f" in shaped and "\u0651" in shaped


# --- matplotlib >= 3.11 ----------------------------------------------------------------------------------------
@native_only
def test_pure_arabic_glyphs_equal_harfbuzz_of_the_logical_string():
    lines = svg_lines(render_svg(figure_with(PURE_ARABIC)))
    drawn = {line.text: line for line in lines}
    path = fonts.font_file()
    for text in PURE_ARABIC:
        line = drawn[text]
        fonts_used = {font for font, _ in line.glyphs}
        assert fonts_used == {"NotoSansArabic-Regular"}, fonts_used
        expected = [g.codepoint for g in hb_shape(text, path, rtl=True)]
        assert [gid for _, gid in line.glyphs] == expected, text


@native_only
def test_every_test_string_draws_as_harfbuzz_shapes_it():
    texts = ALL_STRINGS + ["قوات سوريا الديمقراطية\nSyrian Democratic Forces"]
    lines = check_figure_labels(figure_with(texts))
    assert len(lines) == len(texts) + 1


@native_only
def test_the_classic_recipe_would_draw_something_else():
    """Guards the test itself: pre-shaped + reordered text does not pass for correctly shaped text."""
    text = PURE_ARABIC[0]
    double = arabic._fallback_line(text, "rtl")
    fig = plt.figure()
    fig.text(0.5, 0.5, double)
    (line,) = svg_lines(render_svg(fig))
    assert [gid for _, gid in line.glyphs] != reference_glyphs(text, fonts.font_file())


@native_only
def test_arabic_font_comes_first():
    assert list(matplotlib.rcParams["font.family"])[: len(fonts.ARABIC_FAMILIES)] == list(fonts.ARABIC_FAMILIES)


# --- matplotlib < 3.11 (nox -s fallback) -----------------------------------------------------------------------
@pytest.mark.parametrize("text", ALL_STRINGS)
@pytest.mark.fallback
@pytest.mark.skipif(NATIVE_SHAPING, reason="the fallback path runs only on matplotlib < 3.11 (nox -s fallback)")
def test_fallback_labels_as_drawn(text):
    """What matplotlib < 3.11 drew: the pre-shaped string, glyph by glyph from the font's cmap."""
    fig = figure_with([text])
    (line,) = svg_lines(render_svg(fig))
    check_fallback_string(line.text, logical=text)
    check_drawn_line(line)
    # Arabic from the first Arabic family (matplotlib 3.10 may take Latin from Amiri, the second one).
    arabic_fonts = {font for font, code in line.glyphs if unicodedata.bidirectional(chr(code)) == "AL"}
    assert arabic_fonts == {"NotoSansArabic-Regular"}
    assert {font for font, _ in line.glyphs} <= {"NotoSansArabic-Regular", "Amiri-Regular"}
    # Drawn character by character, in the order of the string handed over: nothing reshaped it again.
    assert [chr(code) for _, code in line.glyphs] == [ch for ch in line.text.replace("\\$", "$")]


@pytest.mark.fallback
@pytest.mark.skipif(NATIVE_SHAPING, reason="the fallback path runs only on matplotlib < 3.11 (nox -s fallback)")
def test_fallback_is_the_default_on_old_matplotlib():
    assert not arabic.NATIVE_SHAPING
    assert arabic.is_pre_shaped(label("قوات سوريا الديمقراطية"))


@pytest.mark.fallback
@pytest.mark.skipif(NATIVE_SHAPING, reason="the fallback path runs only on matplotlib < 3.11 (nox -s fallback)")
def test_fallback_multiline_is_reordered_line_by_line():
    text = "قوات سوريا الديمقراطية\nSyrian Democratic Forces"
    out = label(text)
    first, second = out.split("\n")
    assert second == "Syrian Democratic Forces"
    check_fallback_string(out, logical=text)
