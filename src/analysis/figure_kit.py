"""What every figure shares: which rows are counted and how the subtitle says so, titles, actor labels,
the top-N grouping, number formats, and the removal of annotations that would overlap other text.

Counting is the same in every figure (:func:`counted`): rows of duplicate documents (``is_duplicate`` in the
documents table, or on the rows), boilerplate lines (``is_boilerplate`` on the rows or their sentences) and
repeated passages (``is_repeated`` on the rows or their sentences) are left out, and :func:`subtitle` states
the corpus size, how many rows were counted in how many of its documents, and what was left out.
"""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import style
from .arabic import label

log = logging.getLogger(__name__)

Repeated = Literal["exclude", "include"]

WIDTH = 7.5  # inches: a page width
ROW = 0.5  # inches per bar of a bilingual (two-line) label
#: Line spacing of multi-line labels: Arabic fonts have tall ascenders and descenders, so matplotlib's
#: default (1.2 x the font's line height) leaves gaps as wide as a line; 0.8 keeps the lines of one label
#: closer to each other than to the next label.
LINESPACING = 0.8
#: Characters of 8-9 pt text per inch of figure width (Noto Sans, conservatively).
CHARS_PER_INCH = 13
#: Actors shown by name in a figure; the others are summed as "other actors".
TOP = 12


# --- figures and canvases -------------------------------------------------------------------------------------
def new_figure(width: float, height: float, **kwargs) -> Figure:
    """A constrained-layout figure with an Agg canvas (so text extents can be measured while drawing)."""
    fig = Figure(figsize=(width, height), layout="constrained", **kwargs)
    FigureCanvasAgg(fig)
    return fig


def figure_and_axes(ax: Axes | None, height: float, width: float = WIDTH) -> tuple[Figure, Axes, bool]:
    """The figure and axes to draw into; the flag says whether the figure is ours (titles go on top of it)."""
    if ax is not None:
        return ax.figure, ax, False  # type: ignore[return-value]
    fig = new_figure(width, height)
    return fig, fig.add_subplot(), True


def renderer_of(fig: Figure):
    """A renderer with the layout done: constrained layout is applied before anything is measured."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    return fig.canvas.get_renderer()


# --- checks -----------------------------------------------------------------------------------------------------
def require(frame: pd.DataFrame, columns: Sequence[str], table: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{table} lacks column(s) {missing}")


def check_choice(name: str, value: object, choices: Sequence[object]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}, not {value!r}")


def check_positive(name: str, value: int) -> None:
    if int(value) < 1:
        raise ValueError(f"{name} must be at least 1")


def truthy(series: pd.Series) -> pd.Series:
    """Booleans as read from CSV (``True``/``False`` or ``true``/``false`` strings); missing is False."""
    if series.dtype == bool:
        return series
    return series.map(lambda v: v is True or str(v).lower() == "true")


# --- what is counted ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Counted:
    """The rows a figure counts, and how they were chosen."""

    rows: pd.DataFrame
    n_documents: int  # documents of the corpus (duplicates left out) or, without a documents table, seen
    n_with_rows: int  # documents with at least one counted row
    corpus_known: bool  # n_documents comes from the documents or sentences table
    left_out: tuple[str, ...] = field(default_factory=tuple)
    included: tuple[str, ...] = field(default_factory=tuple)


def _sentence_flag(rows: pd.DataFrame, sentences: pd.DataFrame | None, column: str) -> pd.Series | None:
    """``column`` of each row's sentence (by doc_id and sentence_id), when the sentences table has it."""
    if sentences is None or column not in sentences.columns or not {"doc_id", "sentence_id"} <= set(rows.columns):
        return None
    flagged = sentences.loc[truthy(sentences[column]), ["doc_id", "sentence_id"]]
    keys = set(zip(flagged["doc_id"].astype(str), pd.to_numeric(flagged["sentence_id"], errors="coerce")))
    ids = pd.to_numeric(rows["sentence_id"], errors="coerce")
    return pd.Series([(d, s) in keys for d, s in zip(rows["doc_id"].astype(str), ids)], index=rows.index)


def counted(
    rows: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    repeated: Repeated = "exclude",
    unit: str = "rows",
    weight: str | None = None,
) -> Counted:
    """The rows a figure counts: duplicates, boilerplate and (unless ``repeated="include"``) repeated passages out.

    Flags are read from the rows themselves when they carry them (``is_duplicate``, ``is_boilerplate``,
    ``is_repeated``), else from the row's document (``documents.is_duplicate``) or sentence (``sentences``).
    ``weight`` names a count column (a table of counts rather than of rows) for the numbers left out.
    """
    check_choice("repeated", repeated, ("exclude", "include"))
    data = rows
    left_out: list[str] = []
    included: list[str] = []

    def amount(frame: pd.DataFrame) -> int:
        return int(frame[weight].sum()) if weight and weight in frame.columns else len(frame)

    has_doc = "doc_id" in data.columns
    dup_ids: set[str] = set()
    if documents is not None and "is_duplicate" in documents.columns:
        dup_ids = set(documents.loc[truthy(documents["is_duplicate"]), "doc_id"].astype(str))
    if "is_duplicate" in data.columns and has_doc:
        dup_ids |= set(data.loc[truthy(data["is_duplicate"]), "doc_id"].astype(str))
    dup_known = (documents is not None and "is_duplicate" in documents.columns) or "is_duplicate" in data.columns
    if dup_known:
        mask = data["doc_id"].astype(str).isin(dup_ids) if has_doc else pd.Series(False, index=data.index)
        if dup_ids:  # only what was left out is said: a line of zeros would crowd the subtitle
            left_out.append(f"{len(dup_ids):,} duplicate documents ({amount(data[mask]):,} {unit})")
        data = data[~mask]

    boiler = truthy(data["is_boilerplate"]) if "is_boilerplate" in data.columns else _sentence_flag(
        data, sentences, "is_boilerplate")
    if boiler is not None and boiler.any():
        left_out.append(f"boilerplate lines ({amount(data[boiler]):,})")
        data = data[~boiler]

    rep = truthy(data["is_repeated"]) if "is_repeated" in data.columns else _sentence_flag(
        data, sentences, "is_repeated")
    if rep is not None:
        if repeated == "exclude":
            left_out.append(f"repeated passages ({amount(data[rep]):,})")
            data = data[~rep]
        else:
            included.append(f"repeated passages included ({amount(data[rep]):,})")

    corpus_known = True
    if documents is not None and "doc_id" in documents.columns:
        ids = set(documents["doc_id"].astype(str)) - dup_ids
    elif sentences is not None and "doc_id" in sentences.columns:
        ids = set(sentences["doc_id"].astype(str)) - dup_ids
    else:
        corpus_known = False
        ids = set(rows["doc_id"].astype(str)) - dup_ids if has_doc else set()
    n_with = data["doc_id"].astype(str).nunique() if has_doc else 0
    return Counted(data, len(ids), n_with, corpus_known, tuple(left_out), tuple(included))


def number_of(n: int, noun: str) -> str:
    """``n`` and the noun in the number it takes ("1 outlet", "2 outlets"): subtitles count what was drawn."""
    return f"1 {noun}" if n == 1 else f"{n:,} {noun}s"


def documents_phrase(n: int) -> str:
    return number_of(n, "document")


def subtitle(c: Counted, unit: str, n_counted: int | None = None, *, extra: str = "") -> str:
    """One statement of what a figure counts, the same in every figure.

    "3,891 documents; 44,210 mentions counted, in 3,650 of them; left out: 12 duplicate documents (310
    mentions), boilerplate lines (95), repeated passages (1,234)". Without a documents (or sentences) table,
    the documents are those with rows ("in 3,650 documents with mentions").
    """
    n = len(c.rows) if n_counted is None else int(n_counted)
    if c.corpus_known:
        head = f"{documents_phrase(c.n_documents)}; {n:,} {unit} counted"
        if c.n_with_rows != c.n_documents:
            head += f", in {c.n_with_rows:,} of them"
    else:
        head = f"{n:,} {unit} counted in {documents_phrase(c.n_with_rows)}"
    parts = [head]
    if c.left_out:
        parts.append("left out: " + ", ".join(c.left_out))
    parts.extend(c.included)
    if extra:
        parts.append(extra)
    return "; ".join(parts)


# --- titles and labels ------------------------------------------------------------------------------------------
def title(fig: Figure, ax: Axes, own: bool, heading: str, sub: str = "") -> None:
    """Title and subtitle, wrapped to the figure's width, on top of the figure (or of ``ax`` when it is not ours)."""
    width_in = fig.get_figwidth() if own else max(ax.get_position().width * fig.get_figwidth(), 2.5)
    chars = max(int(width_in * CHARS_PER_INCH) - 2, 30)
    text = textwrap.fill(heading, chars)
    if sub:
        text += "\n" + "\n".join(textwrap.wrap(sub, int(chars * 1.1)))
    if own:
        fig.suptitle(label(text), x=0.01, ha="left", fontsize=9, linespacing=1.1)
    else:
        ax.set_title(label(text), loc="left", fontsize=9, linespacing=1.1)


def actor_text(code: str, *, width: int = 24) -> str:
    """The compact bilingual label of an actor, as handed to matplotlib."""
    return label(style.actor_short_label(code, width=width))


def actor_ticklabels(ax: Axes, codes: Sequence[str], *, axis: Literal["x", "y"] = "y", fontsize: float = 8,
                     width: int = 24) -> None:
    """Bilingual actor labels on an axis, shaped once, right-to-left lines right-aligned."""
    texts = [actor_text(c, width=width) for c in codes]
    positions = range(len(codes))
    if axis == "y":
        ax.set_yticks(positions, texts, fontsize=fontsize)
        for tick in ax.get_yticklabels():
            tick.set_multialignment("right")
            tick.set_linespacing(LINESPACING)
    else:
        ax.set_xticks(positions, texts, fontsize=fontsize)
        for tick in ax.get_xticklabels():
            tick.set_multialignment("center")
            tick.set_linespacing(LINESPACING)


def label_lines(codes: Iterable[str], width: int = 24) -> int:
    """The largest number of lines of the actors' labels (for the height of a bar)."""
    return max((style.actor_short_label(c, width=width).count("\n") + 1 for c in codes), default=2)


def empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, label(message), ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_axis_off()


# --- top N --------------------------------------------------------------------------------------------------------
def top_with_other(totals: pd.Series, top: int, *, keep: Sequence[str] = ()) -> tuple[list[str], list[str]]:
    """The ``top`` largest keys (ties by name) and the rest, which figures sum as "other actors"."""
    order = sorted(totals.index, key=lambda a: (-float(totals[a]), str(a)))
    shown = [a for a in order if a in keep] + [a for a in order if a not in keep]
    if len(shown) <= top + 1:  # grouping a single actor as "other" hides its name for nothing
        return order, []
    head = shown[:top]
    return [a for a in order if a in head], [a for a in order if a not in head]


def group_other(frame: pd.DataFrame, column: str, rest: Sequence[str]) -> pd.DataFrame:
    """``frame`` with the actors in ``rest`` renamed to the "other actors" group."""
    if not rest:
        return frame
    out = frame.copy()
    out[column] = out[column].where(~out[column].isin(rest), style.OTHER)
    return out


def other_note(rest: Sequence[str]) -> str:
    return f"{len(rest)} smaller actors summed as \"other actors\"" if rest else ""


# --- numbers ----------------------------------------------------------------------------------------------------
def thousands(x: float, _pos: int | None = None) -> str:
    """12,500 not 12500; integers without decimals; small fractions with one decimal."""
    if abs(x - round(x)) < 1e-9:
        return f"{int(round(x)):,}"
    return f"{x:,.1f}"


def count_axis(axis, *, nbins: int = 5, integer: bool = True) -> None:
    """A count axis: few ticks (MaxNLocator) written with thousands separators."""
    axis.set_major_locator(MaxNLocator(nbins=nbins, integer=integer, min_n_ticks=2))
    axis.set_major_formatter(FuncFormatter(thousands))


def percent_axis(axis, *, nbins: int = 5) -> None:
    axis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda x, _p: f"{x:g}%"))


# --- text that would overlap --------------------------------------------------------------------------------------
def _overlap(a, b, pad: float = 0.5) -> bool:
    return a.x0 < b.x1 - pad and b.x0 < a.x1 - pad and a.y0 < b.y1 - pad and b.y0 < a.y1 - pad


def drawn_texts(fig: Figure) -> list[tuple[Text, object]]:
    """Every text artist the figure actually draws, with its box in display units (pixels at ``fig.dpi``).

    Recorded while drawing, so only what reaches the canvas counts: tick labels of ticks outside the view, hidden
    or empty texts are not in the list; tick labels, titles, legend texts and annotations all are.
    """
    records: list[tuple[Text, object]] = []
    original = Text.draw

    def recording(self: Text, renderer) -> None:
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            records.append((self, self.get_window_extent(renderer)))

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    Text.draw = recording  # type: ignore[method-assign]
    try:
        fig.draw_without_rendering()  # every artist's draw runs (layout included), nothing is rasterized
    finally:
        Text.draw = original  # type: ignore[method-assign]
    return records


def drop_crowded(fig: Figure, texts: Sequence[Text], *, inside: Sequence | None = None,
                 markers: Sequence[tuple[Axes, float, float, float]] = ()) -> int:
    """Hide the annotations in ``texts`` (in priority order) that would overlap other text or each other.

    ``inside``: for each text, the rectangle it must fit in, as ``(ax, x0, y0, x1, y1)`` in data coordinates (a
    heatmap cell), or ``None``; measured after the layout is done. ``markers``: ``(ax, x, y, diameter in
    points)`` of round markers (network nodes) no annotation may cover. A text's box includes its bbox patch
    (the white disc of a count badge). Returns how many were hidden.
    """
    from matplotlib.transforms import Bbox

    if not texts:
        return 0
    records = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    candidates = {id(t) for t in texts}
    fixed = [box for t, box in records if id(t) not in candidates]
    for ax, x, y, diameter in markers:
        cx, cy = ax.transData.transform((x, y))
        r = diameter / 2 * fig.dpi / 72
        fixed.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
    boxes = {}
    for t, box in records:
        if id(t) in candidates:
            patch = t.get_bbox_patch()
            if patch is not None:
                t.update_bbox_position_size(renderer)
                box = Bbox.union([box, patch.get_window_extent(renderer)])
            boxes[id(t)] = box
    fig_box = fig.bbox
    kept: list = []
    hidden = 0
    for i, text in enumerate(texts):
        box = boxes.get(id(text))
        if box is None:
            continue
        cell = data_box(*inside[i]) if inside is not None and inside[i] is not None else None
        fits = cell is None or (box.width <= cell.width - 2 and box.height <= cell.height - 1)
        in_fig = box.x0 >= fig_box.x0 and box.x1 <= fig_box.x1 and box.y0 >= fig_box.y0 and box.y1 <= fig_box.y1
        if not fits or not in_fig or any(_overlap(box, b) for b in fixed) or any(_overlap(box, b) for b in kept):
            text.set_visible(False)
            hidden += 1
        else:
            kept.append(box)
    return hidden


def data_box(ax: Axes, x0: float, y0: float, x1: float, y1: float):
    """The display box of a rectangle given in data coordinates."""
    from matplotlib.transforms import Bbox

    (a, b), (c, d) = ax.transData.transform([(x0, y0), (x1, y1)])
    return Bbox.from_extents(min(a, c), min(b, d), max(a, c), max(b, d))


def colour_of(values: np.ndarray, cmap, norm) -> list:
    return [cmap(norm(v)) for v in values]


# --- networks -----------------------------------------------------------------------------------------------------
def circle_layout(nodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Nodes on a circle, first at the top, clockwise: deterministic, the same in every panel that shares them."""
    import math

    n = len(nodes)
    return {node: (math.sin(2 * math.pi * i / n), math.cos(2 * math.pi * i / n)) if n > 1 else (0.0, 0.0)
            for i, node in enumerate(nodes)}


def network_order(nodes: Iterable[str]) -> list[str]:
    """Nodes in lexicon order (the core actors first), then by code: the circle's order."""
    known = list(style.actor_styles())
    return sorted(set(nodes), key=lambda a: (known.index(a) if a in known else len(known), a))


LABEL_RADIUS = 1.16
MAX_LABEL_RADIUS = 1.75


def draw_network_nodes(ax: Axes, pos: dict[str, tuple[float, float]], sizes: dict[str, float], *,
                       width: int = 18, fontsize: float = 7) -> list[Text]:
    """Nodes in their actor colours, labels outside the circle (radially, away from the node)."""
    import math

    texts = []
    for node, (x, y) in pos.items():
        st = style.actor_style(node)
        ax.scatter([x], [y], s=sizes.get(node, 120), color=st.color, marker="o", edgecolor="black",
                   linewidth=0.5, zorder=4, hatch=st.hatch)
        angle = math.atan2(y, x) if (x, y) != (0.0, 0.0) else -math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        ha = "center" if abs(cos) < 0.35 else ("left" if cos > 0 else "right")
        va = "bottom" if sin > 0.35 else ("top" if sin < -0.35 else "center")
        text = ax.text(LABEL_RADIUS * cos, LABEL_RADIUS * sin, actor_text(node, width=width), ha=ha, va=va,
                       multialignment="center", fontsize=fontsize, zorder=5, linespacing=LINESPACING)
        text._analysis_angle = angle  # type: ignore[attr-defined]
        texts.append(text)
    ax.set_xlim(-1.1, 1.1)
    ax.set_ylim(-1.1, 1.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return texts


def spread_labels(fig: Figure, labels: Sequence[Text], *, step: float = 0.07, rounds: int = 16) -> None:
    """Move node labels outward, a step at a time, until no two overlap (neighbours on a crowded circle), and
    widen the axes' limits so that every label lies inside its axes (titles and legends then never touch one).
    """
    for _ in range(rounds):
        moved = _spread_once(fig, labels, step)
        widened = _fit_limits_once(fig, labels)
        if not moved and not widened:
            return


def _spread_once(fig: Figure, labels: Sequence[Text], step: float) -> bool:
    import math

    boxes = {id(t): b for t, b in drawn_texts(fig)}
    movers: dict[int, Text] = {}
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if a.axes is not b.axes or id(a) not in boxes or id(b) not in boxes:
                continue
            if _overlap(boxes[id(a)], boxes[id(b)], pad=-1.5):
                # the label farther from the horizontal axis moves: that separates neighbours at the top
                mover = b if abs(math.sin(b._analysis_angle)) >= abs(math.sin(a._analysis_angle)) else a
                movers[id(mover)] = mover
    moved = False
    for mover in movers.values():
        x, y = mover.get_position()
        if math.hypot(x, y) + step > MAX_LABEL_RADIUS:
            continue  # pushed as far as it may go: the circle must not shrink to nothing for its labels
        angle = mover._analysis_angle
        mover.set_position((x + step * math.cos(angle), y + step * math.sin(angle)))
        moved = True
    return moved


def _fit_limits_once(fig: Figure, labels: Sequence[Text], margin: float = 0.03) -> bool:
    axes = {id(t.axes): t.axes for t in labels if t.axes is not None}
    boxes = {id(t): b for t, b in drawn_texts(fig)}
    changed = False
    for ax in axes.values():
        inv = ax.transData.inverted()
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        have = min(abs(x0), abs(x1), abs(y0), abs(y1))
        need = have
        for t in labels:
            if t.axes is ax and id(t) in boxes:
                (a, b), (c, d) = inv.transform([(boxes[id(t)].x0, boxes[id(t)].y0),
                                                (boxes[id(t)].x1, boxes[id(t)].y1)])
                need = max(need, abs(a), abs(b), abs(c), abs(d))
        if need > have + 1e-6:
            lim = need * (1 + margin)
            ax.set_xlim(-lim, lim)
            ax.set_ylim(-lim, lim)
            changed = True
    return changed
