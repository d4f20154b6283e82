"""The six figures, drawn from the tables of ``analysis run``; ``analysis figures`` writes them all.

Every figure function takes tidy tables (pandas DataFrames, as read by :func:`analysis.tables.read_table`),
options as keywords, an optional ``ax`` (or ``axes`` for two-panel figures) to draw into, and returns the
``Figure``; none calls ``plt.show()``. Every string that reaches matplotlib goes through
:func:`analysis.arabic.label` (shaped exactly once, right-to-left lines right-aligned, ``$`` escaped), actors
keep their colour, hatch and marker from :mod:`analysis.style` in every figure, and :func:`save_figure` writes
PNG (300 dpi) and SVG that are byte-identical from one run to the next.

Figures scale from one article to a corpus: counts are aggregated over documents, and the position figure
switches from the sentence-by-sentence strip of one article to the distribution over relative positions.
"""

from __future__ import annotations

import argparse
import io
import logging
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from . import config, style
from .arabic import label
from .tables import atomic_write_bytes, read_table

log = logging.getLogger(__name__)

__all__ = [
    "actor_mentions",
    "actor_positions",
    "voice_share",
    "stance_cues",
    "actor_network",
    "naming_choices",
    "save_figure",
    "build_all",
    "FIGURES",
]

Repeated = Literal["exclude", "include"]
#: Line styles of relation types in the relations graph (in sorted order of the type names).
RELATION_STYLES = ("solid", (0, (5, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2)), (0, (3, 1, 1, 1, 1, 1)))
Scope = Literal["auto", "document", "corpus"]
Normalize = Literal["count", "share"]

WIDTH = 7.5  # inches: a page width
ROW = 0.55  # inches per bar of a bilingual (two-line) label
#: Line spacing of multi-line labels: Arabic fonts have tall ascenders and descenders, so matplotlib's
#: default (1.2 x the font's line height) leaves gaps as wide as a line.
LINESPACING = 0.95
_WORD = re.compile(r"\w+")


# --- helpers ----------------------------------------------------------------------------------------------
def _new_figure(ax: Axes | None, height: float, width: float = WIDTH) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax  # type: ignore[return-value]
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _require(frame: pd.DataFrame, columns: Sequence[str], table: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{table} lacks column(s) {missing}")


def _check_choice(name: str, value: object, choices: Sequence[object]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}, not {value!r}")


def _truthy(series: pd.Series) -> pd.Series:
    """Booleans as read from CSV (``True``/``False`` or ``true``/``false`` strings); missing is False."""
    if series.dtype == bool:
        return series
    return series.map(lambda v: v is True or str(v).lower() == "true")


def _drop_repeated(frame: pd.DataFrame, repeated: Repeated) -> pd.DataFrame:
    _check_choice("repeated", repeated, ("exclude", "include"))
    if repeated == "exclude" and "is_repeated" in frame.columns:
        return frame[~_truthy(frame["is_repeated"])]
    return frame


def _actor_ticklabels(ax: Axes, codes: Sequence[str], *, axis: Literal["x", "y"] = "y") -> None:
    """Bilingual actor labels on an axis, shaped once, right-to-left lines right-aligned."""
    texts = [style.actor_label(c) for c in codes]
    positions = range(len(codes))
    if axis == "y":
        ax.set_yticks(positions, [label(t) for t in texts])
        for tick in ax.get_yticklabels():
            tick.set_multialignment("right")
            tick.set_linespacing(LINESPACING)
    else:
        ax.set_xticks(positions, [label(t) for t in texts])
        for tick in ax.get_xticklabels():
            tick.set_multialignment("center")
            tick.set_linespacing(LINESPACING)


def _title(ax: Axes, title: str, subtitle: str = "") -> None:
    ax.set_title(label(title + (f"\n{subtitle}" if subtitle else "")), loc="left", fontsize=10,
                 linespacing=LINESPACING)


def _n_docs(*frames: pd.DataFrame | None) -> int:
    ids: set[str] = set()
    for frame in frames:
        if frame is not None and "doc_id" in frame.columns:
            ids.update(frame["doc_id"].astype(str).unique())
    return len(ids)


def _docs_phrase(n: int) -> str:
    return "1 document" if n == 1 else f"{n:,} documents"


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, label(message), ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_axis_off()


# --- 1. actor mentions by kind --------------------------------------------------------------------------------
def actor_mentions(mentions: pd.DataFrame, *, repeated: Repeated = "exclude", ax: Axes | None = None) -> Figure:
    """Mentions per actor, stacked by kind of reference (name, descriptor, metonym, person, anaphor).

    Each actor's bar is in its colour; kinds are told apart by tint and hatch (legible in greyscale).
    Repeated passages (a caption printed twice) are left out unless ``repeated="include"``.
    """
    _require(mentions, ["actor", "kind"], "mentions")
    with style.context():
        data = _drop_repeated(mentions, repeated)
        counts = pd.crosstab(data["actor"], data["kind"]) if len(data) else pd.DataFrame()
        kinds = [k for k in style.KIND_ORDER if k in counts.columns] + sorted(
            k for k in counts.columns if k not in style.KIND_ORDER
        )
        fig, ax = _new_figure(ax, 1.9 + ROW * max(len(counts), 2))
        if counts.empty:
            _empty(ax, "No actor mentions")
            return fig
        counts = counts[kinds]
        order = counts.sum(axis=1).sort_values(ascending=False, kind="stable")
        counts = counts.loc[sorted(order.index, key=lambda a: (-order[a], a))]
        y = np.arange(len(counts))
        left = np.zeros(len(counts))
        for k_i, kind in enumerate(kinds):
            values = counts[kind].to_numpy()
            for row, (actor, value) in enumerate(zip(counts.index, values)):
                if value == 0:
                    continue
                colour = style.tint(style.actor_style(actor).color, min(0.15 * k_i, 0.75))
                ax.barh(
                    y[row], value, left=left[row], color=colour, height=0.7,
                    hatch=style.HATCHES[k_i % len(style.HATCHES)], edgecolor=style.text_colour_on(colour), linewidth=0.4,
                )
            left += values
        for row, total in enumerate(left):
            ax.text(total, y[row], f" {int(total)}", va="center", ha="left", fontsize=8)
        _actor_ticklabels(ax, list(counts.index))
        ax.invert_yaxis()
        ax.set_xlim(0, left.max() * 1.12)
        ax.set_xlabel(label("mentions"))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        handles = [
            Patch(facecolor=style.tint("#777777", min(0.15 * i, 0.75)), edgecolor="black", linewidth=0.4,
                  hatch=style.HATCHES[i % len(style.HATCHES)], label=label(style.KIND_LABELS.get(k, k)))
            for i, k in enumerate(kinds)
        ]
        ax.legend(handles=handles, title=label("kind of reference"), loc="upper center", bbox_to_anchor=(0.45, -0.22),
                  ncols=len(handles), fontsize=8, title_fontsize=8)
        note = "repeated passages excluded" if repeated == "exclude" else "repeated passages included"
        _title(ax, "Actor mentions by kind of reference", f"{_docs_phrase(_n_docs(mentions))}; {note}")
    return fig


# --- 2. where in the article ----------------------------------------------------------------------------------
POSITION_BINS = 10


def actor_positions(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    scope: Scope = "auto",
    doc_id: str | None = None,
    repeated: Repeated = "exclude",
    ax: Axes | None = None,
) -> Figure:
    """Where each actor is mentioned along the text.

    ``scope="document"`` (the default for a single article, or with ``doc_id``): one row per actor, a marker
    per sentence that mentions it (larger for several mentions), headline sentences shaded. ``"corpus"``
    (the default for several documents): the share of each actor's mentions in the headline and in each tenth
    of the article (sentence position relative to the article's length).
    """
    _require(mentions, ["doc_id", "actor", "sentence_id"], "mentions")
    _require(sentences, ["doc_id", "sentence_id"], "sentences")
    _check_choice("scope", scope, ("auto", "document", "corpus"))
    with style.context():
        data = _drop_repeated(mentions, repeated)
        if doc_id is not None:
            data = data[data["doc_id"] == doc_id]
            sentences = sentences[sentences["doc_id"] == doc_id]
            if sentences.empty:
                raise ValueError(f"no sentences for doc_id {doc_id!r}")
        n_docs = sentences["doc_id"].nunique()
        if scope == "auto":
            scope = "document" if n_docs == 1 else "corpus"
        if scope == "document":
            if n_docs != 1:
                raise ValueError(f"scope='document' needs one document (pass doc_id); got {n_docs}")
            return _positions_document(data, sentences, ax)
        return _positions_corpus(data, sentences, ax, n_docs)


def _actor_order(data: pd.DataFrame, key: str = "sentence_id") -> list[str]:
    first = data.groupby("actor")[key].min()
    total = data.groupby("actor").size()
    return sorted(first.index, key=lambda a: (first[a], -total[a], a))


def _positions_document(data: pd.DataFrame, sentences: pd.DataFrame, ax: Axes | None) -> Figure:
    actors = _actor_order(data) if len(data) else []
    fig, ax = _new_figure(ax, 1.6 + ROW * max(len(actors), 2))
    n_sent = int(sentences["sentence_id"].max()) + 1
    if "is_headline" in sentences.columns:
        for sid in sentences.loc[_truthy(sentences["is_headline"]), "sentence_id"]:
            ax.axvspan(sid - 0.5, sid + 0.5, color="#DDDDDD", zorder=0, linewidth=0)
            ax.text(sid, 0.01, label("headline"), transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                    fontsize=7, color="0.3", rotation=90)
    if "is_repeated" in sentences.columns:
        for sid in sentences.loc[_truthy(sentences["is_repeated"]), "sentence_id"]:
            ax.axvspan(sid - 0.5, sid + 0.5, facecolor="none", hatch="///", edgecolor="#BBBBBB", zorder=0, linewidth=0)
    if not actors:
        _title(ax, "Where actors appear", "no actor mentions")
        ax.set_xlim(-0.5, n_sent - 0.5)
        return fig
    per_sentence = data.groupby(["actor", "sentence_id"]).size()
    for row, actor in enumerate(actors):
        st = style.actor_style(actor)
        points = per_sentence.loc[actor]
        ax.axhline(row, color="#EEEEEE", linewidth=0.8, zorder=1)
        ax.scatter(points.index, [row] * len(points), s=22 + 18 * (points.to_numpy() - 1), marker=st.marker,
                   color=st.color, edgecolor="black", linewidth=0.4, zorder=3)
    _actor_ticklabels(ax, actors)
    ax.set_ylim(len(actors) - 0.5, -0.7)
    ax.set_xlim(-0.5, n_sent - 0.5)
    step = max(1, math.ceil(n_sent / 20))
    ax.set_xticks(range(0, n_sent, step))
    ax.set_xlabel(label("sentence (from the headline to the end of the article)"))
    doc = str(sentences["doc_id"].iloc[0])
    _title(ax, "Where each actor appears, sentence by sentence",
           f"{doc}\nmarker size: mentions in the sentence; grey: headline; hatched: repeated passage")
    return fig


def _positions_corpus(data: pd.DataFrame, sentences: pd.DataFrame, ax: Axes | None, n_docs: int) -> Figure:
    fig, ax = _new_figure(ax, 4.2)
    if data.empty:
        _empty(ax, "No actor mentions")
        return fig
    sent = sentences.copy()
    headline = _truthy(sent["is_headline"]) if "is_headline" in sent.columns else pd.Series(False, index=sent.index)
    body = sent[~headline]
    first_body = body.groupby("doc_id")["sentence_id"].min()
    last_body = body.groupby("doc_id")["sentence_id"].max()
    head_ids = set(zip(sent.loc[headline, "doc_id"], sent.loc[headline, "sentence_id"]))
    frame = data[["doc_id", "actor", "sentence_id"]].copy()
    is_head = [(d, s) in head_ids for d, s in zip(frame["doc_id"], frame["sentence_id"])]
    lo = frame["doc_id"].map(first_body).fillna(0).to_numpy(dtype=float)
    hi = frame["doc_id"].map(last_body).fillna(0).to_numpy(dtype=float)
    rel = np.where(hi > lo, (frame["sentence_id"].to_numpy(dtype=float) - lo) / np.maximum(hi - lo, 1), 0.0)
    bins = np.clip((rel * POSITION_BINS).astype(int), 0, POSITION_BINS - 1) + 1
    frame["bin"] = np.where(is_head, 0, bins)
    share = pd.crosstab(frame["actor"], frame["bin"], normalize="index").reindex(columns=range(POSITION_BINS + 1),
                                                                                    fill_value=0.0)
    totals = frame.groupby("actor").size()
    actors = sorted(share.index, key=lambda a: (-totals[a], a))
    x = np.arange(POSITION_BINS + 1)
    for actor in actors:
        st = style.actor_style(actor)
        ax.plot(x, share.loc[actor].to_numpy() * 100, marker=st.marker, color=st.color, linewidth=1.4,
                markeredgecolor="black", markeredgewidth=0.4, markersize=5,
                label=label(st.label))
    ax.axvspan(-0.5, 0.5, color="#DDDDDD", zorder=0, linewidth=0)
    ax.set_xticks(x, ["headline"] + [f"{10 * i}–{10 * (i + 1)}%" for i in range(POSITION_BINS)], fontsize=7)
    ax.set_xlim(-0.5, POSITION_BINS + 0.5)
    ax.set_ylabel(label("share of the actor's mentions (%)"))
    ax.set_xlabel(label("position in the article body (tenths of its sentences)"))
    ax.legend(fontsize=7, loc="upper right", ncols=2)
    _title(ax, "Where actors appear in the article", _docs_phrase(n_docs))
    return fig


# --- 3. voice share ---------------------------------------------------------------------------------------------
def reported_words(statements: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """Words of reported content per statement (index aligned with ``statements``), read from the sentences."""
    _require(sentences, ["doc_id", "start", "end", "text"], "sentences")
    words = pd.Series(0, index=statements.index, dtype=int)
    by_doc = {doc: grp.sort_values("start") for doc, grp in sentences.groupby("doc_id", sort=False)}
    for idx, doc, start, end in zip(statements.index, statements["doc_id"], statements["start"], statements["end"]):
        sents = by_doc.get(doc)
        if sents is None:
            continue
        n = 0
        for s_start, s_end, text in zip(sents["start"], sents["end"], sents["text"]):
            if s_end <= start or s_start >= end:
                continue
            piece = str(text)[max(start, s_start) - s_start : min(end, s_end) - s_start]
            n += len(_WORD.findall(piece))
        words[idx] = n
    return words


def voice_share(
    statements: pd.DataFrame, *, sentences: pd.DataFrame | None = None, axes: Sequence[Axes] | None = None
) -> Figure:
    """Who speaks: statements and words of reported speech per speaking actor, direct vs indirect.

    Words come from the ``n_words`` column when the table has it, else from ``sentences`` (the reported
    text is read from them); with neither, only the statements panel is drawn. OUTLET is the outlet's own voice, UNKNOWN unattributed speech.
    """
    _require(statements, ["speaker_actor", "quote_type"], "statements")
    with style.context():
        data = statements.copy()
        data["speaker_actor"] = data["speaker_actor"].fillna("UNKNOWN").replace("", "UNKNOWN")
        panels = [("statements", None)]
        if "n_words" in data.columns:  # written by the stance module
            data["words"] = data["n_words"].fillna(0).astype(int)
            panels.append(("words of reported speech", "words"))
        elif sentences is not None and len(data):
            data["words"] = reported_words(data, sentences)
            panels.append(("words of reported speech", "words"))
        speakers = data.groupby("speaker_actor").size()
        order = sorted(speakers.index, key=lambda a: (-speakers[a], a))
        height = 1.7 + ROW * max(len(order), 2)
        if axes is None:
            fig = Figure(figsize=(WIDTH, height), layout="constrained")
            axs = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
        else:
            axs = list(axes)
            fig = axs[0].figure
        if data.empty:
            _empty(axs[0], "No statements")
            return fig
        for p, (ax, (title, column)) in enumerate(zip(axs, panels)):
            left = np.zeros(len(order))
            for q, qtype in enumerate(("direct", "indirect")):
                part = data[data["quote_type"] == qtype]
                values = (part.groupby("speaker_actor")[column].sum() if column else part.groupby("speaker_actor").size())
                values = values.reindex(order, fill_value=0).to_numpy(dtype=float)
                for row, actor in enumerate(order):
                    if values[row] == 0:
                        continue
                    colour = style.tint(style.actor_style(actor).color, 0.55 * q)
                    ax.barh(row, values[row], left=left[row], height=0.7, color=colour, hatch="" if q == 0 else "//",
                            edgecolor=style.text_colour_on(colour), linewidth=0.4)
                left += values
            for row, total in enumerate(left):
                ax.text(total, row, f" {int(total)}", va="center", ha="left", fontsize=8)
            ax.set_xlim(0, max(left.max(), 1) * 1.15)
            ax.set_xlabel(label(title))
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            if p == 0:
                _actor_ticklabels(ax, order)
                ax.invert_yaxis()
        handles = [Patch(facecolor="#777777", edgecolor="white", label=label("direct quotation")),
                   Patch(facecolor=style.tint("#777777", 0.55), edgecolor="black", hatch="//", linewidth=0.4,
                         label=label("indirect (reported) speech"))]
        fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8)
        _title(axs[0], "Voice: who is quoted, and how much", _docs_phrase(_n_docs(statements)))
    return fig


# --- 4. stance cues -------------------------------------------------------------------------------------------
def stance_cues(cues: pd.DataFrame, *, normalize: Normalize = "count", ax: Axes | None = None) -> Figure:
    """Stance cues by speaking actor (rows) and category (columns), counts written in the cells.

    ``normalize="share"`` colours each row by its share of the speaker's cues (counts still written), which
    compares speakers of very different volume across a corpus. Cues outside reported speech belong to the
    outlet (OUTLET).
    """
    _require(cues, ["category"], "cues")
    _check_choice("normalize", normalize, ("count", "share"))
    with style.context():
        data = cues.copy()
        speaker = data["speaker_actor"] if "speaker_actor" in data.columns else pd.Series("", index=data.index)
        data["speaker_actor"] = speaker.fillna("OUTLET").replace("", "OUTLET")
        table = pd.crosstab(data["speaker_actor"], data["category"]) if len(data) else pd.DataFrame()
        fig, ax = _new_figure(ax, 2.0 + ROW * max(len(table), 2))
        if table.empty:
            _empty(ax, "No stance cues")
            return fig
        cats = [c for c in style.CATEGORY_ORDER if c in table.columns] + sorted(
            c for c in table.columns if c not in style.CATEGORY_ORDER)
        table = table[cats]
        totals = table.sum(axis=1)
        table = table.loc[sorted(table.index, key=lambda a: (-totals[a], a))]
        values = table.to_numpy(dtype=float)
        shade = values / np.maximum(values.sum(axis=1, keepdims=True), 1) if normalize == "share" else values
        image = ax.imshow(shade, cmap="cividis", aspect="auto", vmin=0, interpolation="nearest")
        norm = image.norm
        cmap = image.get_cmap()
        for (r, c), v in np.ndenumerate(values):
            ax.text(c, r, f"{int(v)}", ha="center", va="center", fontsize=8,
                    color=style.text_colour_on(cmap(norm(shade[r, c]))))
        ax.set_xticks(range(len(cats)), [label(style.CATEGORY_LABELS.get(c, c)) for c in cats], fontsize=8,
                      linespacing=LINESPACING)
        ax.xaxis.tick_top()
        _actor_ticklabels(ax, list(table.index))
        for row, actor in enumerate(table.index):  # the actor's colour swatch, left of the grid
            st = style.actor_style(actor)
            ax.add_patch(Rectangle(
                (-0.5 - 0.3, row - 0.4), 0.18, 0.8, facecolor=st.color, hatch=st.hatch,
                edgecolor=style.text_colour_on(st.color), linewidth=0.4, clip_on=False,
                transform=ax.transData))
        ax.tick_params(axis="y", pad=32, length=0)
        ax.tick_params(axis="x", length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
        bar.set_label(label("share of the speaker's cues" if normalize == "share" else "cues"))
        _title(ax, "Stance cues by speaker and category", _docs_phrase(_n_docs(cues)))
    return fig


# --- 5. networks ----------------------------------------------------------------------------------------------
def _circle_layout(nodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Nodes on a circle, first at the top, clockwise: deterministic and the same in both panels."""
    n = len(nodes)
    return {node: (math.sin(2 * math.pi * i / n), math.cos(2 * math.pi * i / n)) if n > 1 else (0.0, 0.0)
            for i, node in enumerate(nodes)}


def _draw_nodes(ax: Axes, pos: dict[str, tuple[float, float]], sizes: dict[str, float]) -> None:
    for node, (x, y) in pos.items():
        st = style.actor_style(node)
        ax.scatter([x], [y], s=sizes.get(node, 200), color=st.color, marker="o", edgecolor="black",
                   linewidth=0.6, zorder=4, hatch=st.hatch)
        text = style.actor_label(node)
        dx, dy = x * 0.2, y * 0.2
        ha = "center" if abs(x) < 0.3 else ("left" if x > 0 else "right")
        va = "bottom" if y > 0.3 else ("top" if y < -0.3 else "center")
        ax.text(x + dx, y + dy, label(text), ha=ha, va=va, multialignment="center", fontsize=8, zorder=5,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    ax.set_xlim(-1.85, 1.85)
    ax.set_ylim(-1.6, 1.6)
    ax.set_aspect("equal")
    ax.set_axis_off()


def actor_network(
    edges: pd.DataFrame,
    relations: pd.DataFrame | None = None,
    *,
    min_weight: float = 1,
    axes: Sequence[Axes] | None = None,
) -> Figure:
    """Co-mention network (edge width by weight) beside the relations graph (who attacks/supports whom).

    Nodes sit on one circle in the same places in both panels. Relations are counted over documents;
    negated relations ("did not attack") and repeated passages are left out.
    """
    _require(edges, ["source", "target", "weight"], "edges")
    if min_weight < 0:
        raise ValueError("min_weight must be >= 0")
    with style.context():
        co = edges[edges["weight"].astype(float) >= min_weight]
        co = co[co["source"] != co["target"]]
        rel = pd.DataFrame(columns=["source_actor", "relation", "target_actor"])
        if relations is not None and len(relations):
            _require(relations, ["source_actor", "relation", "target_actor"], "relations")
            rel = relations
            if "negated" in rel.columns:
                rel = rel[~_truthy(rel["negated"])]
            rel = _drop_repeated(rel, "exclude")
        nodes_all = set(co["source"]) | set(co["target"]) | set(rel["source_actor"]) | set(rel["target_actor"])
        known = list(style.actor_styles())
        nodes = sorted(nodes_all, key=lambda a: (known.index(a) if a in known else len(known), a))
        pos = _circle_layout(nodes)
        if axes is None:
            fig = Figure(figsize=(WIDTH * 1.6, WIDTH * 0.75), layout="constrained")
            axs = fig.subplots(1, 2)
        else:
            axs = list(axes)
            fig = axs[0].figure
        if not nodes:
            _empty(axs[0], "No co-mentions")
            _empty(axs[1], "No relations")
            return fig
        # co-mentions
        strength: dict[str, float] = {n: 0.0 for n in nodes}
        wmax = float(co["weight"].max()) if len(co) else 1.0
        for s, t, w in sorted(zip(co["source"], co["target"], co["weight"].astype(float))):
            (x1, y1), (x2, y2) = pos[s], pos[t]
            axs[0].plot([x1, x2], [y1, y2], color="#555555", linewidth=0.6 + 7.4 * w / wmax, alpha=0.7, zorder=2,
                        solid_capstyle="round")
            if len(co) <= 20:
                axs[0].text((x1 + x2) / 2, (y1 + y2) / 2, f"{w:g}", fontsize=7, ha="center", va="center", zorder=3,
                            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none"})
            strength[s] += w
            strength[t] += w
        smax = max(strength.values()) or 1.0
        _draw_nodes(axs[0], pos, {n: 120 + 500 * strength[n] / smax for n in nodes})
        _title(axs[0], "Co-mentions", "line width: co-mention weight; node size: weighted degree")
        # relations: one arrow per (source, target, relation), the relation told by line style (actors keep
        # the colours), width by count; arcs of different relations between one pair bend differently.
        counts = rel.groupby(["source_actor", "target_actor", "relation"]).size() if len(rel) else pd.Series(dtype=int)
        kinds = sorted({r for _, _, r in counts.index}) if len(counts) else []
        if len(kinds) > len(RELATION_STYLES):
            log.warning("more relation types than line styles: %s", kinds)
        rstyle = {r: RELATION_STYLES[i % len(RELATION_STYLES)] for i, r in enumerate(kinds)}
        cmax = float(counts.max()) if len(counts) else 1.0
        for (s_, t, r), n in sorted(counts.items()):
            if s_ == t:
                continue
            (x1, y1), (x2, y2) = pos[s_], pos[t]
            rad = 0.12 + 0.14 * kinds.index(r)
            axs[1].add_patch(FancyArrowPatch(
                (x1, y1), (x2, y2), connectionstyle=f"arc3,rad={rad:.2f}", arrowstyle="-|>", mutation_scale=11,
                linewidth=0.8 + 3.2 * n / cmax, linestyle=rstyle[r], color="#333333", shrinkA=12, shrinkB=12,
                zorder=2))
            if n > 1:
                # the count, at the arc's midpoint (arc3: control point offset by rad x the chord, rotated)
                mx = (x1 + x2) / 2 + rad * (y2 - y1) / 2
                my = (y1 + y2) / 2 - rad * (x2 - x1) / 2
                axs[1].text(mx, my, f"{int(n)}", fontsize=7, ha="center", va="center", zorder=3,
                            bbox={"boxstyle": "circle,pad=0.15", "facecolor": "white", "edgecolor": "#999999",
                                  "linewidth": 0.4})
        if kinds:
            from matplotlib.lines import Line2D

            axs[1].legend(handles=[Line2D([], [], color="#333333", linestyle=rstyle[r], linewidth=1.6,
                                          label=label(r.replace("_", " "))) for r in kinds],
                          loc="lower center", bbox_to_anchor=(0.5, -0.08), ncols=min(len(kinds), 4), fontsize=8)
        _draw_nodes(axs[1], pos, {n: 200 for n in nodes})
        _title(axs[1], "Relations: who acts on whom", "arrow: source → target; width and number: relations")
        if not len(counts):
            axs[1].text(0, 0, label("no relations found"), ha="center", va="center", color="0.4")
        fig.suptitle(label(_docs_phrase(max(_n_docs(relations), 1) if relations is not None else 1)), x=0.99,
                     ha="right", fontsize=8, color="0.3")
    return fig


# --- 6. naming choices -----------------------------------------------------------------------------------------
_COUNT_COLUMNS = ("count", "n", "n_mentions", "mentions")


def naming_counts(naming: pd.DataFrame) -> pd.DataFrame:
    """actor, alias, count: from ``naming.csv`` (doc x actor x alias counts) or from ``mentions.csv``."""
    _require(naming, ["actor", "alias"], "naming")
    count_col = next((c for c in _COUNT_COLUMNS if c in naming.columns), None)
    if count_col is None:  # a mentions table: one row per mention
        grouped = naming.groupby(["actor", "alias"]).size()
    else:
        grouped = naming.groupby(["actor", "alias"])[count_col].sum()
    return grouped.rename("count").reset_index()


def naming_choices(naming: pd.DataFrame, *, top: int = 6, kinds: Sequence[str] | None = None) -> Figure:
    """Which names each actor is given: the share of each alias among the actor's mentions, one panel per actor.

    ``naming`` is ``naming.csv`` or ``mentions.csv`` (then ``kinds`` can restrict it, e.g. to names and
    descriptors). The ``top`` aliases are shown, the rest summed as "other".
    """
    if top < 1:
        raise ValueError("top must be at least 1")
    if kinds is not None and "kind" in naming.columns:
        naming = naming[naming["kind"].isin(kinds)]
    with style.context():
        counts = naming_counts(naming)
        counts = counts[counts["count"] > 0]
        totals = counts.groupby("actor")["count"].sum()
        actors = sorted(totals.index, key=lambda a: (-totals[a], a))
        if not actors:
            fig, ax = _new_figure(None, 2)
            _empty(ax, "No names")
            return fig
        ncols = 2 if len(actors) > 1 else 1
        nrows = math.ceil(len(actors) / ncols)
        rows_per = [min(top + 1, (counts["actor"] == a).sum()) for a in actors]
        fig = Figure(figsize=(WIDTH, 0.8 + nrows * (0.8 + 0.3 * max(rows_per))), layout="constrained")
        axs = fig.subplots(nrows, ncols, squeeze=False).ravel()
        for ax, actor in zip(axs, actors):
            st = style.actor_style(actor)
            sub = counts[counts["actor"] == actor].sort_values(["count", "alias"], ascending=[False, True])
            shown = sub.head(top)
            labels_, values = list(shown["alias"]), list(shown["count"])
            if len(sub) > top:
                labels_.append("أسماء أخرى")  # "other names"
                values.append(int(sub["count"].iloc[top:].sum()))
            share = np.array(values, dtype=float) / totals[actor] * 100
            y = np.arange(len(values))
            ax.barh(y, share, color=st.color, hatch=st.hatch, edgecolor=style.text_colour_on(st.color),
                    linewidth=0.4, height=0.7)
            for row, (v, sh) in enumerate(zip(values, share)):
                ax.text(sh, row, f" {int(v)} ({sh:.0f}%)", va="center", ha="left", fontsize=7)
            ax.set_yticks(y, [label(t) for t in labels_], fontsize=8)
            for tick in ax.get_yticklabels():
                tick.set_multialignment("right")
            ax.invert_yaxis()
            ax.set_xlim(0, 135)
            ax.set_xticks([0, 25, 50, 75, 100])
            # One direction per line: bidi bracket pairing differs between layout engines.
            ax.set_title(label(f"{st.label}; n = {int(totals[actor])}"), fontsize=9, loc="right")
        for ax in axs[len(actors):]:
            ax.set_axis_off()
        fig.supxlabel(label("share of the actor's mentions (%)"), fontsize=8)
        fig.suptitle(label("Naming choices: which names each actor is given\n"
                           + _docs_phrase(_n_docs(naming)) + "; every mention, repeated passages included"),
                     x=0.01, ha="left", fontsize=10)
    return fig


# --- saving and building ----------------------------------------------------------------------------------------
def save_figure(fig: Figure, name: str, out_dir: Path | str = config.FIGURES_DIR) -> list[Path]:
    """Write ``name.png`` (300 dpi) and ``name.svg``, byte-identical on re-run (no dates, no random ids)."""
    if not re.fullmatch(r"[A-Za-z0-9_\-]+", name):
        raise ValueError(f"figure name must be letters, digits, _ or -, not {name!r}")
    out = Path(out_dir)
    paths = []
    with style.context():
        for fmt, metadata in (
            ("png", {"Software": None}),
            ("svg", {"Date": None, "Creator": "analysis (matplotlib)"}),
        ):
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=300, metadata=metadata, facecolor="white")
            path = out / f"{name}.{fmt}"
            atomic_write_bytes(path, buf.getvalue())
            paths.append(path)
    return paths


def _load(tables_dir: Path, name: str) -> pd.DataFrame | None:
    for suffix in (".csv", ".parquet"):
        path = tables_dir / f"{name}{suffix}"
        if path.exists():
            return read_table(path)
    return None


#: name -> (tables it needs, tables it can use, builder)
FIGURES: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[..., Figure]]] = {
    "actor_mentions": (("mentions",), (), lambda t: actor_mentions(t["mentions"])),
    "actor_positions": (("mentions", "sentences"), (), lambda t: actor_positions(t["mentions"], t["sentences"])),
    "voice_share": (("statements",), ("sentences",), lambda t: voice_share(t["statements"], sentences=t.get("sentences"))),
    "stance_cues": (("cues",), (), lambda t: stance_cues(t["cues"])),
    "actor_network": (("edges",), ("relations",), lambda t: actor_network(t["edges"], t.get("relations"))),
    "naming_choices": (("naming",), (), lambda t: naming_choices(t["naming"])),
}


def build_all(tables_dir: Path | str = config.PROCESSED_DIR, out_dir: Path | str = config.FIGURES_DIR) -> dict[str, list[Path]]:
    """Draw every figure whose tables exist; a figure whose table is missing is skipped with a warning."""
    tables_dir = Path(tables_dir)
    cache: dict[str, pd.DataFrame | None] = {}

    def get(name: str) -> pd.DataFrame | None:
        if name not in cache:
            cache[name] = _load(tables_dir, name)
        return cache[name]

    written: dict[str, list[Path]] = {}
    for name, (needs, uses, build) in FIGURES.items():
        missing = [t for t in needs if get(t) is None]
        if name == "naming_choices" and missing and get("mentions") is not None:
            cache["naming"] = get("mentions")  # naming counts can be taken from the mentions themselves
            missing = []
        if missing:
            log.warning("figure %s skipped: table(s) %s not found in %s", name, ", ".join(missing), tables_dir)
            continue
        tables = {t: get(t) for t in (*needs, *uses) if get(t) is not None}
        fig = build(tables)
        written[name] = save_figure(fig, name, out_dir)
        log.info("figure %s written", name)
    return written


def _add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tables", type=Path, default=config.PROCESSED_DIR, help="tables folder (default: data/processed)")
    p.add_argument("--out", type=Path, default=config.FIGURES_DIR, help="output folder (default: figures/)")


def _handler(args: argparse.Namespace) -> int:
    if not args.tables.is_dir():
        log.error("tables folder not found: %s", args.tables)
        return 2
    written = build_all(args.tables, args.out)
    n_files = sum(len(v) for v in written.values())
    log.info("%d figure(s), %d file(s) in %s", len(written), n_files, args.out)
    return 0


def _register() -> None:
    from .cli import COMMANDS

    COMMANDS["figures"] = (_add_args, _handler, "draw every figure")


_register()
