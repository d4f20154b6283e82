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
from collections.abc import Sequence
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
    "figure_image",
    "relative_label",
]

#: The attributes that make a block right-to-left Arabic.
RTL_ATTRIBUTES = 'dir="rtl" lang="ar"'

Align = Literal["start", "end"]


def _stable_uuid(frame: pd.DataFrame, salt: str = "") -> str:
    """An id derived from the table's content, so re-executing a notebook writes the same HTML."""
    digest = hashlib.sha1(salt.encode("utf-8"))
    digest.update(frame.to_csv().encode("utf-8"))
    return "rtl" + digest.hexdigest()[:10]


def rtl_table(
    frame: pd.DataFrame,
    *,
    caption: str | None = None,
    index: bool = False,
    max_rows: int | None = None,
    precision: int = 3,
) -> "pd.io.formats.style.Styler":
    """A right-to-left ``Styler`` for a table with Arabic cells: first column on the right.

    ``index=False`` hides the row index (tidy tables carry their keys as columns). ``max_rows`` cuts the
    display (not the data) and says so in the caption, so a notebook never dumps thousands of rows.
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"rtl_table needs a DataFrame, not {type(frame).__name__}")
    if max_rows is not None and max_rows < 1:
        raise ValueError(f"max_rows must be at least 1, not {max_rows}")
    if precision < 0:
        raise ValueError(f"precision must be >= 0, not {precision}")
    shown = frame
    note = ""
    if max_rows is not None and len(frame) > max_rows:
        shown = frame.head(max_rows)
        note = f" (first {max_rows} of {len(frame)} rows)"
    styler = shown.style.set_uuid(_stable_uuid(shown, caption or "")).set_table_attributes(RTL_ATTRIBUTES)
    styler = styler.format(precision=precision, escape="html")
    if caption is not None or note:
        styler = styler.set_caption(html.escape((caption or "") + note))
    if not index:
        styler = styler.hide(axis="index")
    # Cell text starts at the right edge, as Arabic readers expect (CSS is a nicety: dir does the work).
    styler = styler.set_table_styles(
        [{"selector": "td, th", "props": [("text-align", "right")]}],
        overwrite=False,
    )
    return styler


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
) -> "pd.io.formats.style.Styler":
    """Keyword-in-context lines laid out for Arabic: preceding text on the right, following on the left.

    In a right-to-left table the first column is the rightmost, so the column order
    ``extra..., before, keyword, after`` reads naturally; the text before the keyword is aligned towards
    the keyword (left edge of its cell), the text after it starts at the keyword (right edge).
    """
    missing = [c for c in (*extra, before, keyword, after) if c not in frame.columns]
    if missing:
        raise ValueError(f"kwic table lacks column(s) {missing}; it has {list(frame.columns)}")
    table = frame[[*extra, before, keyword, after]]
    styler = rtl_table(table, caption=caption, max_rows=max_rows)
    return (
        styler.set_properties(subset=[before], **{"text-align": "left", "white-space": "nowrap"})
        .set_properties(subset=[after], **{"text-align": "right", "white-space": "nowrap"})
        .set_properties(subset=[keyword], **{"font-weight": "bold", "text-align": "center"})
    )


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
    return Image(data=path.read_bytes(), format="png", width=width, alt=alt)


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
