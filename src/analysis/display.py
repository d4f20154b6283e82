"""Showing Arabic in notebooks and HTML reports: right-to-left blocks and tables, never reshaped.

Browsers (and JupyterLab, nbconvert's HTML, code hosts' notebook viewers) shape Arabic themselves, but they
do not choose the paragraph direction: an Arabic table or paragraph shown without ``dir="rtl"`` runs left
to right, with punctuation and numbers at the wrong end. Every helper here therefore wraps its Arabic in an
element carrying ``dir="rtl" lang="ar"`` (JupyterLab's sanitizer keeps these attributes but drops
``<style>`` blocks, so direction never depends on CSS). Text is passed through in logical order and HTML
escaped; it is never pre-shaped with arabic-reshaper or reordered with python-bidi, which would show it
broken and reversed in a browser.

Tables are pandas ``Styler`` objects whose id is derived from their content, so an executed notebook is
byte-identical from one run to the next (pandas otherwise draws a random id per table).
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

import pandas as pd

log = logging.getLogger(__name__)

__all__ = [
    "RTL_ATTRIBUTES",
    "rtl_table",
    "rtl_html",
    "rtl_markdown",
    "rtl_kwic",
    "side_by_side",
    "figure_image",
    "relative_label",
]

#: The attributes that make a block right-to-left Arabic.
RTL_ATTRIBUTES = 'dir="rtl" lang="ar"'

Align = Literal["start", "end"]
Sample = Literal["head", "spread"]
Direction = Literal["auto", "rtl", "ltr"]
#: Arabic letters (basic block, supplement, extended-A, presentation forms).
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _stable_uuid(frame: pd.DataFrame, salt: str = "") -> str:
    """An id derived from the table's content, so re-executing a notebook writes the same HTML."""
    digest = hashlib.sha1(salt.encode("utf-8"))
    digest.update(frame.to_csv().encode("utf-8"))
    return "rtl" + digest.hexdigest()[:10]


def _has_arabic(frame: pd.DataFrame, caption: str | None) -> bool:
    """Does any header, text cell or the caption hold an Arabic letter?"""
    if _ARABIC.search(caption or "") or any(_ARABIC.search(str(c)) for c in frame.columns):
        return True
    for column in frame.columns:
        values = frame[column]
        if values.dtype.kind in "biufcmM":  # numbers, booleans, dates: no letters
            continue
        if values.dropna().astype(str).str.contains(_ARABIC).any():
            return True
    return False


def _number_formatter(precision: int):
    """Numbers for a right-to-left table: a negative number isolated left to right, or the bidi algorithm
    moves its minus sign to the far end ("0.24-")."""

    def number(value: object) -> str:
        if isinstance(value, float) and value != value:
            return ""
        text = f"{value:.{precision}f}" if isinstance(value, float) else str(value)
        return f'<bdi dir="ltr">{text}</bdi>' if text.startswith("-") else text

    return number


def rtl_table(
    frame: pd.DataFrame,
    *,
    caption: str | None = None,
    index: bool = False,
    max_rows: int | None = None,
    sample: Sample = "head",
    precision: int = 3,
    direction: Direction = "auto",
) -> "pd.io.formats.style.Styler":
    """A ``Styler`` for a table with Arabic cells, right to left: first column on the right.

    ``direction="auto"`` lays a table out right to left only when a header, a text cell or the caption
    holds Arabic; a table of actor codes and scores stays left to right (reversing it helps no reader).
    In a right-to-left table negative numbers are isolated left to right, so "-0.24" does not show as
    "0.24-". Missing values (NaN: undefined ratios) show as empty cells.

    ``index=False`` hides the row index (tidy tables carry their keys as columns). ``max_rows`` cuts the
    display (not the data) and says so in the caption, so a notebook never dumps thousands of rows:
    ``sample="head"`` shows the first rows, ``"spread"`` rows evenly spaced from first to last (a sample
    across the whole corpus that is the same on every run, unlike a random one). An empty table says
    "(no rows)" in its caption, so that "no errors" is read as such and not as a broken cell.
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"rtl_table needs a DataFrame, not {type(frame).__name__}")
    if max_rows is not None and max_rows < 1:
        raise ValueError(f"max_rows must be at least 1, not {max_rows}")
    if sample not in ("head", "spread"):
        raise ValueError(f"sample must be 'head' or 'spread', not {sample!r}")
    if direction not in ("auto", "rtl", "ltr"):
        raise ValueError(f"direction must be 'auto', 'rtl' or 'ltr', not {direction!r}")
    if precision < 0:
        raise ValueError(f"precision must be >= 0, not {precision}")
    shown = frame
    note = " (no rows)" if frame.empty else ""
    if max_rows is not None and len(frame) > max_rows:
        if sample == "head":
            shown = frame.head(max_rows)
            note = f" (first {max_rows} of {len(frame)} rows)"
        else:
            shown = frame.iloc[_spread(len(frame), max_rows)]
            note = f" ({max_rows} of {len(frame)} rows, evenly spaced)"
    rtl = direction == "rtl" or (direction == "auto" and _has_arabic(shown, caption))  # rows shown only: cheap
    styler = shown.style.set_uuid(_stable_uuid(shown, caption or ""))
    # Every cell, header and index label is HTML-escaped: corpus text holding "<script>" or "<img onerror=...>"
    # shows as text in a notebook and in the reports, never as markup.
    styler = styler.format(precision=precision, escape="html", na_rep="")
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    if rtl:
        numeric = [c for c in shown.columns if shown[c].dtype.kind in "iuf"]
        if numeric:
            styler = styler.format(_number_formatter(precision), subset=numeric, escape="html", na_rep="")
        styler = styler.set_table_attributes(RTL_ATTRIBUTES)
    if caption is not None or note:
        styler = styler.set_caption(html.escape((caption or "") + note))
    if not index:
        styler = styler.hide(axis="index")
    if rtl:
        # Cell text starts at the right edge, as Arabic readers expect (CSS is a nicety: dir does the work).
        styler = styler.set_table_styles(
            [{"selector": "td, th", "props": [("text-align", "right")]}],
            overwrite=False,
        )
    return styler


def _spread(n: int, k: int) -> list[int]:
    """``k`` row positions evenly spaced over ``n`` rows, first and last included (k <= n)."""
    if k == 1:
        return [0]
    return [round(i * (n - 1) / (k - 1)) for i in range(k)]


def rtl_html(text: str, *, tag: Literal["div", "p", "span", "blockquote"] = "div") -> str:
    """``text`` (plain, logical order) escaped and wrapped in a right-to-left Arabic element."""
    if not isinstance(text, str):
        raise ValueError(f"rtl_html needs a string, not {type(text).__name__}")
    body = html.escape(text, quote=False).replace("\n", "<br>\n")
    return f"<{tag} {RTL_ATTRIBUTES}>{body}</{tag}>"


def rtl_markdown(text: str) -> "object":
    """An IPython display object showing Arabic prose right to left (for a notebook output cell)."""
    from IPython.display import HTML

    return HTML(rtl_html(text))


def rtl_kwic(
    frame: pd.DataFrame,
    *,
    before: str = "left",
    keyword: str = "keyword",
    after: str = "right",
    extra: Sequence[str] = (),
    caption: str | None = None,
    max_rows: int | None = None,
    sample: Sample = "head",
) -> "pd.io.formats.style.Styler":
    """Keyword-in-context lines laid out for Arabic: preceding text on the right, following on the left.

    In a right-to-left table the first column is the rightmost, so the column order
    ``extra..., before, keyword, after`` reads naturally; the text before the keyword is aligned towards
    the keyword (left edge of its cell), the text after it starts at the keyword (right edge). The frame of
    ``analysis.kwic.kwic`` is shown with ``keyword="match"``; ``max_rows``/``sample`` as in :func:`rtl_table`.
    The context columns are headed ``before`` and ``after``: a column named "left" shown on the right of
    a right-to-left table (as the kwic module's ``left``, the preceding text, is) misleads the reader.
    """
    missing = [c for c in (*extra, before, keyword, after) if c not in frame.columns]
    if missing:
        raise ValueError(f"kwic table lacks column(s) {missing}; it has {list(frame.columns)}")
    clash = {"before", "after"} & set(extra)
    if clash:
        raise ValueError(f"extra column(s) {sorted(clash)} would clash with the context headings")
    table = frame[[*extra, before, keyword, after]].rename(columns={before: "before", after: "after"})
    styler = rtl_table(table, caption=caption, max_rows=max_rows, sample=sample, direction="rtl")
    # !important: the table-wide "text-align: right" of rtl_table has the higher CSS specificity.
    return (
        styler.set_properties(subset=["before"], **{"text-align": "left !important", "white-space": "nowrap"})
        .set_properties(subset=["after"], **{"text-align": "right !important", "white-space": "nowrap"})
        .set_properties(subset=[keyword], **{"font-weight": "bold", "text-align": "center !important", "white-space": "nowrap"})
    )


def side_by_side(
    tables: Mapping[str, pd.DataFrame],
    *,
    on: Sequence[str],
    value: str,
    fill: float | None = None,
) -> pd.DataFrame:
    """One column of ``value`` per named table, rows matched on the key columns ``on``.

    For comparing the same measure under different definitions (an edge's weight under each co-mention
    context, an actor's betweenness in each network): columns are named after the tables, in the mapping's
    order; keys missing from a table get ``fill`` (None: left empty, i.e. "not in this table"). Rows are
    sorted by the keys.
    """
    on = list(on)
    if not on:
        raise ValueError("on must name at least one key column")
    if not tables:
        raise ValueError("side_by_side needs at least one table")
    columns = []
    for name, frame in tables.items():
        missing = [c for c in (*on, value) if c not in frame.columns]
        if missing:
            raise ValueError(f"table {name!r} lacks column(s) {missing}")
        if frame.duplicated(on).any():
            raise ValueError(f"table {name!r} has repeated keys {on}: one row per key is needed")
        columns.append(frame.set_index(on)[value].rename(name))
    joined = pd.concat(columns, axis=1, join="outer").sort_index()
    if fill is not None:
        joined = joined.fillna(fill)
        for column in columns:  # integer counts stay integers when the fill is a whole number
            if pd.api.types.is_integer_dtype(column.dtype) and float(fill).is_integer():
                joined[column.name] = joined[column.name].astype(column.dtype)
    joined.index.names = on
    return joined.reset_index()


def figure_image(path: str | Path, *, width: int | None = None, alt: str | None = None) -> "object":
    """A PNG file shown as an embedded image (its bytes as written, so outputs are byte-stable).

    ``alt`` is the text a screen reader (and a report whose image fails) shows: by default the figure's
    name ("figure: actor mentions").
    """
    from IPython.display import Image

    path = Path(path)
    if path.suffix.lower() != ".png":
        raise ValueError(f"figure_image shows PNG files, not {path.name}")
    if not path.is_file():
        raise FileNotFoundError(f"figure not found: {path} (run `make figures` or analysis figures)")
    alt = alt if alt is not None else "figure: " + path.stem.replace("_", " ")
    return Image(data=_embedded_png(path, width), format="png", width=width, alt=alt)


def _embedded_png(path: Path, width: int | None) -> bytes:
    """The PNG as embedded: scaled down to twice the width it is shown at (sharp on high-density screens)
    when the file is larger, so executed notebooks and reports stay small; the same bytes on every run."""
    data = path.read_bytes()
    if width is None:
        return data
    import io

    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as img:
        target = 2 * int(width)
        if img.width <= target:
            return data
        scaled = img.convert("RGB").resize((target, round(img.height * target / img.width)), PILImage.LANCZOS)
        out = io.BytesIO()
        scaled.save(out, format="PNG", optimize=True)
        return out.getvalue()


def relative_label(path: str | Path, *, root: str | Path | None = None) -> str:
    """A path for display: relative to the project root (or ``root``) where possible, so outputs never
    carry a machine's absolute paths; otherwise just the last two parts."""
    from . import config

    path = Path(path).resolve()
    base = Path(root).resolve() if root is not None else config.PROJECT_ROOT.resolve()
    try:
        return path.relative_to(base).as_posix() or "."
    except ValueError:
        return Path(*path.parts[-2:]).as_posix()
