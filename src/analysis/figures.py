"""The figures, drawn from the tables of ``analysis run``; ``analysis figures`` writes them all.

Every figure function takes tidy tables (pandas DataFrames, as read by :func:`analysis.tables.read_table`),
options as keywords, an optional ``ax`` (or ``axes`` for two-panel figures) to draw into, and returns the
``Figure``; none calls ``plt.show()``. Every string that reaches matplotlib goes through
:func:`analysis.arabic.label` (shaped exactly once, right-to-left lines right-aligned, ``$`` escaped), actors
keep their colour, hatch and marker from :mod:`analysis.style` in every figure, and :func:`save_figure` writes
PNG (300 dpi) and SVG that are byte-identical from one run to the next.

Figures scale from one article to tens of thousands and from two actors to twenty: the ``top`` actors are
drawn by name and the rest summed as "other actors", count axes have few ticks with thousands separators,
labels are compact bilingual names, legends sit outside the data, and annotations that would overlap other
text are left out. Every figure counts the same way (:func:`analysis.figure_kit.counted`: duplicate
documents, boilerplate lines and repeated passages left out) and says so in its subtitle. The comparisons
by outlet and period are in :mod:`analysis.figures_compare`.
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
from matplotlib.colors import Normalize as LinearNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.ticker import FuncFormatter

from . import config, style
from .arabic import label
from .figure_kit import (
    LINESPACING,
    ROW,
    TOP,
    WIDTH,
    Repeated,
    actor_ticklabels,
    check_choice,
    check_positive,
    circle_layout,
    draw_network_nodes,
    network_order,
    spread_labels,
    count_axis,
    counted,
    drop_crowded,
    empty,
    figure_and_axes,
    group_other,
    label_lines,
    new_figure,
    other_note,
    percent_axis,
    require,
    subtitle,
    thousands,
    title,
    top_with_other,
    truthy,
)
from .figures_compare import mention_rates, naming_by_outlet, network_by_outlet, voice_by_outlet
from .tables import atomic_write_bytes, read_run_table

log = logging.getLogger(__name__)

__all__ = [
    "actor_mentions",
    "actor_positions",
    "voice_share",
    "stance_cues",
    "actor_network",
    "naming_choices",
    "naming_by_outlet",
    "mention_rates",
    "voice_by_outlet",
    "network_by_outlet",
    "save_figure",
    "build_all",
    "FIGURES",
]

#: Line styles of relation types in the relations graph (in sorted order of the type names).
RELATION_STYLES = ("solid", (0, (5, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2)), (0, (3, 1, 1, 1, 1, 1)))
Scope = Literal["auto", "document", "corpus"]
Normalize = Literal["count", "share"]
Unattributed = Literal["note", "bar"]
_WORD = re.compile(r"\w+")

# kept for code that imported the private helpers
_require = require
_truthy = truthy


def _row_height(codes: Sequence[str], width: int = 24) -> float:
    """Inches per bar: enough for the actor's label lines at 8 pt."""
    return max(ROW, 0.2 * label_lines(codes, width) + 0.12)


def _ordered(totals: pd.Series) -> list[str]:
    """Actors by total, largest first (ties by code), "other actors" last."""
    order = sorted((a for a in totals.index if a != style.OTHER), key=lambda a: (-float(totals[a]), str(a)))
    return order + ([style.OTHER] if style.OTHER in totals.index else [])


# --- 1. actor mentions by kind --------------------------------------------------------------------------------
def actor_mentions(
    mentions: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    repeated: Repeated = "exclude",
    top: int = TOP,
    ax: Axes | None = None,
) -> Figure:
    """Mentions per actor, stacked by kind of reference (name, descriptor, metonym, person, anaphor).

    The ``top`` actors by mentions are drawn by name, the rest summed as "other actors". Each actor's bar is in
    its colour; kinds are told apart by tint and hatch (legible in greyscale). Duplicate documents,
    boilerplate and (unless ``repeated="include"``) repeated passages are left out.
    """
    require(mentions, ["actor", "kind"], "mentions")
    check_positive("top", top)
    with style.context():
        c = counted(mentions, documents=documents, sentences=sentences, repeated=repeated, unit="mentions")
        data = c.rows
        totals = data.groupby("actor").size() if len(data) else pd.Series(dtype=int)
        _shown, rest = top_with_other(totals, top)
        data = group_other(data, "actor", rest)
        counts = pd.crosstab(data["actor"], data["kind"]) if len(data) else pd.DataFrame()
        kinds = [k for k in style.KIND_ORDER if k in counts.columns] + sorted(
            k for k in counts.columns if k not in style.KIND_ORDER
        )
        order = _ordered(counts.sum(axis=1)) if len(counts) else []
        row = _row_height(order)
        fig, ax, own = figure_and_axes(ax, 1.9 + row * max(len(order), 2))
        if counts.empty:
            empty(ax, "No actor mentions")
            title(fig, ax, own, "Actor mentions by kind of reference", subtitle(c, "mentions"))
            return fig
        counts = counts.loc[order, kinds]
        y = np.arange(len(counts))
        left = np.zeros(len(counts))
        for k_i, kind in enumerate(kinds):
            values = counts[kind].to_numpy()
            for r, (actor, value) in enumerate(zip(counts.index, values)):
                if value == 0:
                    continue
                colour = style.tint(style.actor_style(actor).color, min(0.15 * k_i, 0.75))
                ax.barh(y[r], value, left=left[r], color=colour, height=0.7,
                        hatch=style.HATCHES[k_i % len(style.HATCHES)], edgecolor=style.text_colour_on(colour),
                        linewidth=0.4)
            left += values
        for r, total in enumerate(left):
            ax.text(total, y[r], f" {int(total):,}", va="center", ha="left", fontsize=7.5)
        actor_ticklabels(ax, list(counts.index))
        ax.set_ylim(len(counts) - 0.5, -0.5)
        ax.set_xlim(0, left.max() * 1.22)
        ax.set_xlabel(label("mentions"))
        count_axis(ax.xaxis, nbins=5)
        handles = [
            Patch(facecolor=style.tint("#777777", min(0.15 * i, 0.75)), edgecolor="black", linewidth=0.4,
                  hatch=style.HATCHES[i % len(style.HATCHES)], label=label(style.KIND_LABELS.get(k, k)))
            for i, k in enumerate(kinds)
        ]
        legend_kw = {"handles": handles, "title": label("kind of reference"), "fontsize": 7.5, "title_fontsize": 8,
                     "ncols": min(len(handles), 3)}
        if own:
            fig.legend(loc="outside lower center", **legend_kw)
        else:
            ax.legend(loc="lower right", **legend_kw)
        title(fig, ax, own, "Actor mentions by kind of reference", subtitle(c, "mentions", extra=other_note(rest)))
    return fig


# --- 2. where in the article ----------------------------------------------------------------------------------
POSITION_BINS = 10


def actor_positions(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    scope: Scope = "auto",
    doc_id: str | None = None,
    repeated: Repeated = "exclude",
    top: int = TOP,
    ax: Axes | None = None,
) -> Figure:
    """Where each actor is mentioned along the text.

    ``scope="document"`` (the default for a single article, or with ``doc_id``): one row per actor, a marker
    per sentence that mentions it (larger for several mentions), headline sentences shaded. ``"corpus"``
    (the default for several documents): small multiples, one panel per actor (the ``top`` actors, the rest
    summed as "other actors"), each the share of the actor's mentions in the headline and in each tenth of the
    article body, with the share of all actors' mentions as a grey reference line.
    """
    require(mentions, ["doc_id", "actor", "sentence_id"], "mentions")
    require(sentences, ["doc_id", "sentence_id"], "sentences")
    check_choice("scope", scope, ("auto", "document", "corpus"))
    check_positive("top", top)
    with style.context():
        if doc_id is not None:
            mentions = mentions[mentions["doc_id"] == doc_id]
            sentences = sentences[sentences["doc_id"] == doc_id]
            if documents is not None and "doc_id" in documents.columns:
                documents = documents[documents["doc_id"] == doc_id]
            if sentences.empty:
                raise ValueError(f"no sentences for doc_id {doc_id!r}")
        n_docs = sentences["doc_id"].nunique()
        if scope == "auto":
            scope = "document" if n_docs == 1 else "corpus"
        if scope == "document":
            if n_docs != 1:
                raise ValueError(f"scope='document' needs one document (pass doc_id); got {n_docs}")
            c = counted(mentions, documents=documents, sentences=sentences, repeated=repeated, unit="mentions")
            return _positions_document(c, sentences, ax)
        c = counted(mentions, documents=documents, sentences=sentences, repeated=repeated, unit="mentions")
        return _positions_corpus(c, sentences, top)


def _actor_order(data: pd.DataFrame, key: str = "sentence_id") -> list[str]:
    first = data.groupby("actor")[key].min()
    total = data.groupby("actor").size()
    return sorted(first.index, key=lambda a: (first[a], -total[a], a))


def _positions_document(c, sentences: pd.DataFrame, ax: Axes | None) -> Figure:
    data = c.rows
    actors = _actor_order(data) if len(data) else []
    fig, ax, own = figure_and_axes(ax, 1.9 + _row_height(actors) * max(len(actors), 2))
    n_sent = int(sentences["sentence_id"].max()) + 1
    if "is_headline" in sentences.columns:
        for sid in sentences.loc[truthy(sentences["is_headline"]), "sentence_id"]:
            ax.axvspan(sid - 0.5, sid + 0.5, color="#DDDDDD", zorder=0, linewidth=0)
    if "is_repeated" in sentences.columns:
        for sid in sentences.loc[truthy(sentences["is_repeated"]), "sentence_id"]:
            ax.axvspan(sid - 0.5, sid + 0.5, facecolor="none", hatch="///", edgecolor="#BBBBBB", zorder=0, linewidth=0)
    doc = str(sentences["doc_id"].iloc[0])
    heading = "Where each actor appears, sentence by sentence"
    note = "marker size: mentions in the sentence; grey: headline; hatched: repeated passage"
    if not actors:
        title(fig, ax, own, heading, f"{doc}; no actor mentions")
        ax.set_xlim(-0.5, n_sent - 0.5)
        return fig
    per_sentence = data.groupby(["actor", "sentence_id"]).size()
    for r, actor in enumerate(actors):
        st = style.actor_style(actor)
        points = per_sentence.loc[actor]
        ax.axhline(r, color="#EEEEEE", linewidth=0.8, zorder=1)
        ax.scatter(points.index, [r] * len(points), s=22 + 18 * (points.to_numpy() - 1), marker=st.marker,
                   color=st.color, edgecolor="black", linewidth=0.4, zorder=3)
    actor_ticklabels(ax, actors)
    ax.set_ylim(len(actors) - 0.5, -0.7)
    ax.set_xlim(-0.5, n_sent - 0.5)
    count_axis(ax.xaxis, nbins=12)
    ax.set_xlabel(label("sentence (0 is the headline)"))
    title(fig, ax, own, heading, f"{doc}: {subtitle(c, 'mentions')}; {note}")
    return fig


def _position_bins(data: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """doc_id, actor and bin of every mention: 0 for the headline, 1..10 for the tenths of the article body."""
    sent = sentences
    headline = truthy(sent["is_headline"]) if "is_headline" in sent.columns else pd.Series(False, index=sent.index)
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
    return frame


def _positions_corpus(c, sentences: pd.DataFrame, top: int) -> Figure:
    data = c.rows
    heading = "Where actors appear in the article"
    if data.empty:
        fig, ax, own = figure_and_axes(None, 2.5)
        empty(ax, "No actor mentions")
        title(fig, ax, own, heading, subtitle(c, "mentions"))
        return fig
    frame = _position_bins(data, sentences)
    totals = frame.groupby("actor").size()
    _shown, rest = top_with_other(totals, top)
    frame = group_other(frame, "actor", rest)
    share = pd.crosstab(frame["actor"], frame["bin"], normalize="index").reindex(
        columns=range(POSITION_BINS + 1), fill_value=0.0) * 100
    pooled = frame["bin"].value_counts(normalize=True).reindex(range(POSITION_BINS + 1), fill_value=0.0) * 100
    actors = _ordered(frame.groupby("actor").size())
    n_actor = frame.groupby("actor").size()
    ncols = min(4, len(actors))
    nrows = math.ceil(len(actors) / ncols)
    lines = label_lines(actors)
    fig = new_figure(WIDTH, 1.5 + nrows * (1.25 + 0.14 * lines))
    axs = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
    # the headline bar stands apart from the ten tenths of the body
    x = np.array([-1.0] + [i + 0.5 for i in range(POSITION_BINS)])
    ymax = float(max(share.to_numpy().max(), pooled.max()))
    for i, actor in enumerate(actors):
        ax = axs.flat[i]
        st = style.actor_style(actor)
        ax.bar(x, share.loc[actor].to_numpy(), width=0.85, color=st.color, hatch=st.hatch,
               edgecolor=style.text_colour_on(st.color), linewidth=0.3)
        ax.plot(x[1:], pooled.to_numpy()[1:], color="0.35", linewidth=0.9, linestyle=(0, (2, 1)))
        ax.plot([x[0] - 0.45, x[0] + 0.45], [pooled.iloc[0]] * 2, color="0.35", linewidth=0.9, linestyle=(0, (2, 1)))
        ax.set_title(label(style.actor_short_label(actor, width=24) + f"\nn = {int(n_actor[actor]):,}"),
                     fontsize=7.5, loc="right", linespacing=LINESPACING)
        ax.set_xticks([-1, 0, 5, 10], ["H", "0", "50", "100%"], fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
        percent_axis(ax.yaxis, nbins=3)
    for ax in axs.flat[len(actors):]:
        ax.set_axis_off()
    axs.flat[0].set_xlim(-2, POSITION_BINS + 0.2)
    axs.flat[0].set_ylim(0, ymax * 1.08)
    fig.supxlabel(label("bars: share of the actor's mentions; H: headline, then the article body from its first "
                        "sentence (0) to its last (100%); dashed: all actors together"), fontsize=7.5)
    title(fig, axs.flat[0], True, heading, subtitle(c, "mentions", extra=other_note(rest)))
    return fig


# --- 3. voice share ---------------------------------------------------------------------------------------------
def reported_words(statements: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """Words of reported content per statement (index aligned with ``statements``), read from the sentences."""
    require(sentences, ["doc_id", "start", "end", "text"], "sentences")
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
    statements: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    top: int = TOP,
    unattributed: Unattributed = "note",
    axes: Sequence[Axes] | None = None,
) -> Figure:
    """Who speaks: statements and words of reported speech per speaking actor, direct vs indirect.

    Words come from the ``n_words`` column when the table has it, else from ``sentences`` (the reported
    text is read from them); with neither, only the statements panel is drawn. OUTLET is the outlet's own
    voice. Unattributed speech (UNKNOWN) is, in a corpus, most of what is reported; by default
    (``unattributed="note"``) it is stated in the subtitle, with its share, rather than drawn as a bar that
    would flatten all others (``"bar"`` draws it). Each bar is labelled with its count and its share of all
    counted statements (or words). The ``top`` speakers are drawn by name, the rest summed as "other actors".
    """
    require(statements, ["speaker_actor", "quote_type"], "statements")
    check_choice("unattributed", unattributed, ("note", "bar"))
    check_positive("top", top)
    with style.context():
        c = counted(statements, documents=documents, sentences=sentences, unit="statements")
        data = c.rows.copy()
        data["speaker_actor"] = data["speaker_actor"].fillna("UNKNOWN").replace("", "UNKNOWN")
        panels = [("statements", None)]
        if "n_words" in data.columns:  # written by the stance module
            data["words"] = pd.to_numeric(data["n_words"], errors="coerce").fillna(0).astype(int)
            panels.append(("words of reported speech", "words"))
        elif sentences is not None and len(data):
            data["words"] = reported_words(data, sentences)
            panels.append(("words of reported speech", "words"))
        totals_all = {None: float(len(data))}
        if len(panels) > 1:
            totals_all["words"] = float(data["words"].sum())
        extra = []
        unknown = data["speaker_actor"] == "UNKNOWN"
        if unattributed == "note" and unknown.any():
            n_unk = int(unknown.sum())
            extra.append(f"unattributed speech not drawn: {n_unk:,} statements ({100 * n_unk / len(data):.0f}%)")
            data = data[~unknown]
        speakers = data.groupby("speaker_actor").size() if len(data) else pd.Series(dtype=int)
        _shown, rest = top_with_other(speakers, top)
        data = group_other(data, "speaker_actor", rest)
        order = _ordered(data.groupby("speaker_actor").size()) if len(data) else []
        if rest:
            extra.append(other_note(rest))
        height = 1.9 + _row_height(order) * max(len(order), 2)
        if axes is None:
            fig = new_figure(WIDTH, height)
            axs = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
            own = True
        else:
            axs = list(axes)
            fig = axs[0].figure
            own = False
        heading = "Voice: who is quoted, and how much"
        if data.empty:
            empty(axs[0], "No statements")
            title(fig, axs[0], own, heading, subtitle(c, "statements", extra="; ".join(extra)))
            return fig
        for p, (ax, (axis_title, column)) in enumerate(zip(axs, panels)):
            left = np.zeros(len(order))
            for q, qtype in enumerate(("direct", "indirect")):
                part = data[data["quote_type"] == qtype]
                values = (part.groupby("speaker_actor")[column].sum() if column else part.groupby("speaker_actor").size())
                values = values.reindex(order, fill_value=0).to_numpy(dtype=float)
                for r, actor in enumerate(order):
                    if values[r] == 0:
                        continue
                    colour = style.tint(style.actor_style(actor).color, 0.55 * q)
                    ax.barh(r, values[r], left=left[r], height=0.7, color=colour, hatch="" if q == 0 else "//",
                            edgecolor=style.text_colour_on(colour), linewidth=0.4)
                left += values
            whole = max(totals_all.get(column, 0.0), 1.0)
            for r, total in enumerate(left):
                ax.text(total, r, f" {int(total):,} ({100 * total / whole:.0f}%)", va="center", ha="left",
                        fontsize=7)
            ax.set_xlim(0, max(left.max(), 1) * 1.55)
            ax.set_xlabel(label(axis_title), fontsize=8)
            count_axis(ax.xaxis, nbins=3)
            ax.tick_params(axis="x", labelsize=7.5)
            if p == 0:
                actor_ticklabels(ax, order)
                ax.set_ylim(len(order) - 0.5, -0.5)
        handles = [Patch(facecolor="#777777", edgecolor="white", label=label("direct quotation")),
                   Patch(facecolor=style.tint("#777777", 0.55), edgecolor="black", hatch="//", linewidth=0.4,
                         label=label("indirect (reported) speech"))]
        if own:
            fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8)
        else:
            axs[-1].legend(handles=handles, loc="lower right", fontsize=7)
        title(fig, axs[0], own, heading, subtitle(c, "statements", extra="; ".join(extra)) +
              "; percentages: share of all counted statements (words)")
    return fig


# --- 4. stance cues -------------------------------------------------------------------------------------------
def stance_cues(
    cues: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    normalize: Normalize = "share",
    top: int = TOP,
    ax: Axes | None = None,
) -> Figure:
    """Stance cues by speaking actor (rows) and category (columns), counts written in the cells where they fit.

    ``normalize="share"`` (the default) colours each row by its share of the speaker's cues, which compares
    speakers of very different volume (the outlet's own voice holds most cues of a corpus); ``"count"``
    colours by count on a scale capped at the 95th percentile of the cells (the colour bar says so), so one
    large cell does not flatten the rest. Cues outside reported speech belong to the outlet (OUTLET). The
    ``top`` speakers are drawn by name, the rest summed as "other actors".
    """
    require(cues, ["category"], "cues")
    check_choice("normalize", normalize, ("count", "share"))
    check_positive("top", top)
    with style.context():
        c = counted(cues, documents=documents, sentences=sentences, unit="cues")
        data = c.rows.copy()
        speaker = data["speaker_actor"] if "speaker_actor" in data.columns else pd.Series("", index=data.index)
        data["speaker_actor"] = speaker.fillna("OUTLET").replace("", "OUTLET")
        totals = data.groupby("speaker_actor").size() if len(data) else pd.Series(dtype=int)
        _shown, rest = top_with_other(totals, top)
        data = group_other(data, "speaker_actor", rest)
        table = pd.crosstab(data["speaker_actor"], data["category"]) if len(data) else pd.DataFrame()
        order = _ordered(table.sum(axis=1)) if len(table) else []
        fig, ax, own = figure_and_axes(ax, 2.3 + _row_height(order) * max(len(order), 2))
        heading = "Stance cues by speaker and category"
        if table.empty:
            empty(ax, "No stance cues")
            title(fig, ax, own, heading, subtitle(c, "cues"))
            return fig
        cats = [k for k in style.CATEGORY_ORDER if k in table.columns] + sorted(
            k for k in table.columns if k not in style.CATEGORY_ORDER)
        table = table.loc[order, cats]
        values = table.to_numpy(dtype=float)
        if normalize == "share":
            shade = values / np.maximum(values.sum(axis=1, keepdims=True), 1) * 100
            norm = LinearNorm(vmin=0, vmax=100)
            bar_label, extend = "share of the speaker's cues", "neither"
        else:
            shade = values
            cap = float(np.percentile(values, 95)) if values.size else 1.0
            cap = max(cap, 1.0)
            norm = LinearNorm(vmin=0, vmax=cap)
            extend = "max" if values.max() > cap else "neither"
            bar_label = "cues (scale capped at the 95th percentile of the cells)" if extend == "max" else "cues"
        image = ax.imshow(shade, cmap="cividis", norm=norm, aspect="auto", interpolation="nearest")
        cmap = image.get_cmap()
        cell_texts = []
        for (r, k), v in np.ndenumerate(values):
            cell_texts.append(ax.text(k, r, thousands(v), ha="center", va="center", fontsize=7,
                                      color=style.text_colour_on(cmap(norm(shade[r, k])))))
        ax.set_xticks(range(len(cats)), [label(style.CATEGORY_LABELS.get(k, k)) for k in cats], fontsize=7.5,
                      linespacing=LINESPACING)
        ax.xaxis.tick_top()
        actor_ticklabels(ax, list(table.index), fontsize=7.5)
        ax.tick_params(axis="y", pad=3, length=7, width=7)
        for tick, actor in zip(ax.yaxis.get_major_ticks(), table.index):  # the actor's colour, left of the grid
            tick.tick1line.set_markeredgecolor(style.actor_style(actor).color)
        ax.tick_params(axis="x", length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02, extend=extend)
        bar.set_label(label(bar_label), fontsize=8)
        bar.ax.tick_params(labelsize=7)
        bar.ax.yaxis.set_major_formatter(FuncFormatter(
            (lambda x, _p: f"{x:g}%") if normalize == "share" else thousands))
        note = "colour: share of the row" if normalize == "share" else "colour: count"
        title(fig, ax, own, heading, subtitle(c, "cues", extra="; ".join(x for x in (other_note(rest), note) if x)) +
              "; numbers: cues (left out where they do not fit the cell)")
        drop_crowded(fig, cell_texts, inside=[(ax, k - 0.5, r - 0.5, k + 0.5, r + 0.5)
                                              for (r, k), _v in np.ndenumerate(values)])
    return fig


# --- 5. networks ----------------------------------------------------------------------------------------------
def actor_network(
    edges: pd.DataFrame,
    relations: pd.DataFrame | None = None,
    *,
    documents: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    min_weight: float = 1,
    top: int = TOP,
    max_edges: int | None = None,
    axes: Sequence[Axes] | None = None,
) -> Figure:
    """Co-mention network (edge width by weight) beside the relations graph (who attacks/supports whom).

    Nodes sit on one circle in the same places in both panels, labels outside it. The ``top`` actors by
    weighted degree are drawn (the rest left out, and said so); of the co-mention edges of weight
    ``min_weight`` or more, the ``max_edges`` heaviest (default: three per node; of the relation arrows, two per node and at least 24); weights and counts are
    written on the edges only where they fit. Relations are counted like every other row (duplicate
    documents, boilerplate and repeated passages left out); relations that are not events are left out too:
    polarity ``neg`` ("did not attack", "denied an agreement") and modality ``hyp`` ("ready to coordinate").
    """
    require(edges, ["source", "target", "weight"], "edges")
    if min_weight < 0:
        raise ValueError("min_weight must be >= 0")
    check_positive("top", top)
    if max_edges is not None:
        check_positive("max_edges", max_edges)
    with style.context():
        co = edges[pd.to_numeric(edges["weight"], errors="coerce") >= min_weight]
        co = co[co["source"] != co["target"]].copy()
        co["weight"] = co["weight"].astype(float)
        rel_rows = pd.DataFrame(columns=["doc_id", "source_actor", "relation", "target_actor"])
        n_uncounted = 0
        if relations is not None and len(relations):
            from .relations import counted_rows

            require(relations, ["source_actor", "relation", "target_actor"], "relations")
            rel_rows, n_uncounted = counted_rows(relations)
        c_rel = counted(rel_rows, documents=documents, sentences=sentences, unit="relations")
        rel = c_rel.rows
        strength: dict[str, float] = {}
        for s, t, w in zip(co["source"], co["target"], co["weight"]):
            strength[s] = strength.get(s, 0.0) + w
            strength[t] = strength.get(t, 0.0) + w
        for s, t in zip(rel["source_actor"], rel["target_actor"]):
            strength[s] = strength.get(s, 0.0) + 1
            strength[t] = strength.get(t, 0.0) + 1
        kept, dropped = top_with_other(pd.Series(strength, dtype=float), top)
        nodes = network_order(kept)
        co = co[co["source"].isin(nodes) & co["target"].isin(nodes)]
        rel = rel[rel["source_actor"].isin(nodes) & rel["target_actor"].isin(nodes)]
        limit = max_edges if max_edges is not None else 3 * max(len(nodes), 1)
        co_drawn = co.sort_values(["weight", "source", "target"], ascending=[False, True, True]).head(limit)
        pos = circle_layout(nodes)
        if axes is None:
            fig = new_figure(WIDTH * 1.5, WIDTH * 0.85)
            axs = list(fig.subplots(1, 2))
            own = True
        else:
            axs = list(axes)
            fig = axs[0].figure
            own = False
        heading = "Co-mentions and relations between actors"
        if not nodes:
            empty(axs[0], "No co-mentions")
            empty(axs[1], "No relations")
            title(fig, axs[0], own, heading, subtitle(c_rel, "relations"))
            return fig
        # co-mentions
        wmax = float(co_drawn["weight"].max()) if len(co_drawn) else 1.0
        badges = []
        for s, t, w in sorted(zip(co_drawn["source"], co_drawn["target"], co_drawn["weight"]), key=lambda e: e[2]):
            (x1, y1), (x2, y2) = pos[s], pos[t]
            axs[0].plot([x1, x2], [y1, y2], color="#555555", linewidth=0.4 + 6 * math.sqrt(w / wmax), alpha=0.6,
                        zorder=2, solid_capstyle="round")
            if len(co_drawn) <= 15:
                badges.append((w, axs[0].text((x1 + x2) / 2, (y1 + y2) / 2, thousands(w), fontsize=6.5, ha="center",
                                              va="center", zorder=3,
                                              bbox={"boxstyle": "round,pad=0.1", "facecolor": "white",
                                                    "edgecolor": "none"})))
        smax = max(strength[n] for n in nodes) or 1.0
        labels = draw_network_nodes(axs[0], pos, {n: 60 + 420 * strength[n] / smax for n in nodes}, width=22)
        axs[0].set_title(label("Co-mentions\nline width: co-mention weight; node size: weighted degree"),
                         fontsize=8, loc="left", linespacing=1.1)
        # relations: one arrow per (source, target, relation), the relation told by line style (actors keep
        # the colours), width by count; arcs of different relations between one pair bend differently.
        counts = rel.groupby(["source_actor", "target_actor", "relation"]).size() if len(rel) else pd.Series(dtype=int)
        kinds = sorted({r for _, _, r in counts.index}) if len(counts) else []
        if len(kinds) > len(RELATION_STYLES):
            log.warning("more relation types than line styles: %s", kinds)
        rstyle = {r: RELATION_STYLES[i % len(RELATION_STYLES)] for i, r in enumerate(kinds)}
        cmax = float(counts.max()) if len(counts) else 1.0
        n_arrows = 0
        rel_limit = max_edges if max_edges is not None else max(24, 2 * len(nodes))
        strongest = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:rel_limit]
        for (s_, t, r), n in strongest:  # the most frequent first: they get the count badges
            if s_ == t:
                continue
            (x1, y1), (x2, y2) = pos[s_], pos[t]
            rad = 0.12 + 0.14 * kinds.index(r)
            axs[1].add_patch(FancyArrowPatch(
                (x1, y1), (x2, y2), connectionstyle=f"arc3,rad={rad:.2f}", arrowstyle="-|>", mutation_scale=10,
                linewidth=0.6 + 3.0 * math.sqrt(n / cmax), linestyle=rstyle[r], color="#333333", alpha=0.8,
                shrinkA=9, shrinkB=9, zorder=2))
            n_arrows += 1
            if n > 1 and n_arrows <= 12:
                # the count, at the arc's midpoint (arc3: control point offset by rad x the chord, rotated)
                mx = (x1 + x2) / 2 + rad * (y2 - y1) / 2
                my = (y1 + y2) / 2 - rad * (x2 - x1) / 2
                badges.append((n, axs[1].text(mx, my, thousands(n), fontsize=6.5, ha="center", va="center",
                                              zorder=3, bbox={"boxstyle": "circle,pad=0.12", "facecolor": "white",
                                                              "edgecolor": "#999999", "linewidth": 0.4})))
        labels += draw_network_nodes(axs[1], pos, {n: 110 for n in nodes}, width=22)
        axs[1].set_title(label("Relations: who acts on whom\narrow: source → target; width and number: relations"),
                         fontsize=8, loc="left", linespacing=1.1)
        if not len(counts):
            axs[1].text(0, 0, label("no relations found"), ha="center", va="center", color="0.4")
        if kinds:
            handles = [Line2D([], [], color="#333333", linestyle=rstyle[r], linewidth=1.4,
                              label=label(r.replace("_", " "))) for r in kinds]
            if own:
                fig.legend(handles=handles, loc="outside lower right", ncols=min(len(kinds), 5), fontsize=7.5,
                           title=label("relation"), title_fontsize=7.5)
            else:
                axs[1].legend(handles=handles, loc="lower right", fontsize=7)
        co_note = (f"co-mentions: {len(co):,} actor pairs of weight ≥ {min_weight:g} in the edges table, "
                   f"the {len(co_drawn):,} heaviest drawn")
        rel_note = subtitle(c_rel, "relations", len(rel))
        if n_uncounted:
            rel_note += f"; denied or hypothetical relations left out ({n_uncounted:,})"
        if len(strongest) < len(counts):
            rel_note += f"; the {len(strongest):,} most frequent of {len(counts):,} arrows drawn"
        extra = f"{len(dropped)} smaller actors not drawn" if dropped else ""
        title(fig, axs[0], own, heading, "; ".join(x for x in (co_note, "relations: " + rel_note, extra) if x))
        spread_labels(fig, labels)
        node_marks = [(ax, *pos[n], math.sqrt(60 + 420 * strength[n] / smax) if ax is axs[0] else math.sqrt(110))
                      for ax in axs[:2] for n in nodes]
        drop_crowded(fig, [t for _w, t in sorted(badges, key=lambda b: -b[0])], markers=node_marks)
    return fig


# --- 6. naming choices -----------------------------------------------------------------------------------------
_COUNT_COLUMNS = ("count", "n", "n_mentions", "mentions")


def naming_counts(naming: pd.DataFrame) -> pd.DataFrame:
    """actor, alias, count: from ``naming.csv`` (doc x actor x alias counts) or from ``mentions.csv``."""
    require(naming, ["actor", "alias"], "naming")
    count_col = next((c for c in _COUNT_COLUMNS if c in naming.columns), None)
    if count_col is None:  # a mentions table: one row per mention
        grouped = naming.groupby(["actor", "alias"]).size()
    else:
        grouped = naming.groupby(["actor", "alias"])[count_col].sum()
    return grouped.rename("count").reset_index()


def naming_choices(
    naming: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    top: int = 6,
    actors: int = TOP,
    kinds: Sequence[str] | None = None,
) -> Figure:
    """Which names each actor is given: the share of each alias among the actor's mentions, one panel per actor.

    ``naming`` is ``mentions.csv`` (then duplicate documents, boilerplate and repeated passages are left out
    like everywhere else, and ``kinds`` can restrict it, e.g. to names and descriptors) or ``naming.csv``
    (doc x actor x alias counts: only duplicate documents can be left out). The ``top`` aliases are shown, the
    rest summed as "other names"; the ``actors`` most mentioned actors get a panel.
    """
    check_positive("top", top)
    check_positive("actors", actors)
    if kinds is not None and "kind" in naming.columns:
        naming = naming[naming["kind"].isin(kinds)]
    with style.context():
        count_col = next((k for k in _COUNT_COLUMNS if k in naming.columns), None)
        c = counted(naming, documents=documents, sentences=sentences, unit="mentions", weight=count_col)
        counts = naming_counts(c.rows)
        counts = counts[counts["count"] > 0]
        n_total = int(counts["count"].sum())
        totals = counts.groupby("actor")["count"].sum()
        ranked = sorted(totals.index, key=lambda a: (-totals[a], a))
        shown_actors, rest = ranked[:actors], ranked[actors:]
        heading = "Naming choices: which names each actor is given"
        if not shown_actors:
            fig, ax, own = figure_and_axes(None, 2)
            empty(ax, "No names")
            title(fig, ax, own, heading, subtitle(c, "mentions", n_total))
            return fig
        ncols = 2 if len(shown_actors) > 1 else 1
        nrows = math.ceil(len(shown_actors) / ncols)
        rows_per = [min(top + 1, int((counts["actor"] == a).sum())) for a in shown_actors]
        alias_lines = max(style.wrap(str(a), 22).count("\n") + 1 for a in counts["alias"])
        fig = new_figure(WIDTH, 1.2 + nrows * (0.75 + (0.2 + 0.1 * alias_lines) * max(rows_per)))
        axs = fig.subplots(nrows, ncols, squeeze=False).ravel()
        for ax, actor in zip(axs, shown_actors):
            st = style.actor_style(actor)
            sub = counts[counts["actor"] == actor].sort_values(["count", "alias"], ascending=[False, True])
            shown = sub.head(top)
            labels_, values = [style.wrap(str(a), 22) for a in shown["alias"]], list(shown["count"])
            if len(sub) > top:
                labels_.append("أسماء أخرى")  # "other names"
                values.append(int(sub["count"].iloc[top:].sum()))
            share = np.array(values, dtype=float) / totals[actor] * 100
            y = np.arange(len(values))
            ax.barh(y, share, color=st.color, hatch=st.hatch, edgecolor=style.text_colour_on(st.color),
                    linewidth=0.4, height=0.7)
            for r, (v, sh) in enumerate(zip(values, share)):
                ax.text(sh, r, f" {int(v):,} ({sh:.0f}%)", va="center", ha="left", fontsize=6.5)
            ax.set_yticks(y, [label(t) for t in labels_], fontsize=7.5)
            for tick in ax.get_yticklabels():
                tick.set_multialignment("right")
                tick.set_linespacing(LINESPACING)
            ax.set_ylim(len(values) - 0.5, -0.5)
            ax.set_xlim(0, 145)
            ax.set_xticks([0, 50, 100])
            ax.tick_params(axis="x", labelsize=7)
            # One direction per line: bidi bracket pairing differs between layout engines.
            ax.set_title(label(style.actor_short_label(actor, width=30) + f"\nn = {int(totals[actor]):,}"),
                         fontsize=8, loc="right", linespacing=LINESPACING)
        for ax in axs[len(shown_actors):]:
            ax.set_axis_off()
        fig.supxlabel(label("share of the actor's mentions (%)"), fontsize=8)
        extra = f"{len(rest)} less mentioned actors without a panel" if rest else ""
        title(fig, axs[0], True, heading, subtitle(c, "mentions", n_total, extra=extra))
    return fig


# --- saving and building ----------------------------------------------------------------------------------------
_CLIP_ID = re.compile(rb'(?<=id=")p[0-9a-f]{10}(?=")|(?<=url\(#)p[0-9a-f]{10}(?=\))')


def _stable_clip_ids(svg: bytes) -> bytes:
    """Clip-path ids numbered in order of appearance: matplotlib hashes each clip box's coordinates at full
    float precision, which can differ in the last bits between two processes drawing the same figure."""
    names: dict[bytes, bytes] = {}
    return _CLIP_ID.sub(lambda m: names.setdefault(m.group(0), b"clip%d" % len(names)), svg)


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
            data = buf.getvalue()
            atomic_write_bytes(path, _stable_clip_ids(data) if fmt == "svg" else data)
            paths.append(path)
    return paths


def _context(t: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame | None]:
    """The tables every figure counts with: documents (duplicates) and sentences (boilerplate, repeats)."""
    return {"documents": t.get("documents"), "sentences": t.get("sentences")}


_CONTEXT = ("documents", "sentences")

#: name -> (tables it needs, tables it can use, builder)
FIGURES: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[..., Figure]]] = {
    "actor_mentions": (("mentions",), _CONTEXT, lambda t, n: actor_mentions(t["mentions"], top=n, **_context(t))),
    "actor_positions": (("mentions", "sentences"), ("documents",),
                        lambda t, n: actor_positions(t["mentions"], t["sentences"], documents=t.get("documents"),
                                                     top=n)),
    "voice_share": (("statements",), _CONTEXT, lambda t, n: voice_share(t["statements"], top=n, **_context(t))),
    "stance_cues": (("cues",), _CONTEXT, lambda t, n: stance_cues(t["cues"], top=n, **_context(t))),
    "actor_network": (("edges",), ("relations", *_CONTEXT),
                      lambda t, n: actor_network(t["edges"], t.get("relations"), top=n, **_context(t))),
    # names are counted from the mentions when there are any (repeats and boilerplate can then be left out)
    "naming_choices": (("naming",), _CONTEXT, lambda t, n: naming_choices(t["naming"], actors=n, **_context(t))),
}

def _by(table: pd.DataFrame, grouping: str) -> pd.DataFrame:
    """The rows of one grouping of a comparison table (``group_by`` column of ``analysis.comparisons``)."""
    return table[table["group_by"].astype(str) == grouping]


def _naming_shares(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    c = _by(t["comparison_naming"], "outlet")
    return pd.DataFrame({"group": c["group"], "actor": c["actor"], "variant": c["variant"], "share": c["share"],
                         "ci_low": c["share_low"], "ci_high": c["share_high"], "n": c["n_variant_mentions"]})


def _monthly_rates(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rates per outlet and month need both in one grouping; with the default groupings (outlet, month
    apart) the figure draws each month over all outlets as one line."""
    c = t["comparison_mentions"]
    both = c[c["group_by"].astype(str) == "outlet_month"]
    if len(both):
        parts = both["group"].astype(str).str.split(" / ", n=1, expand=True)
        outlet, month = parts[0], parts[1]
    else:
        both = _by(c, "month")
        outlet, month = pd.Series(["all outlets"] * len(both), index=both.index), both["group"].astype(str)
    return pd.DataFrame({"outlet": outlet, "month": month, "actor": both["actor"],
                         "rate_per_1000": both["mentions_per_1000_words"], "ci_low": both["mentions_per_1000_words_low"],
                         "ci_high": both["mentions_per_1000_words_high"]})


def _voice_shares(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    c = _by(t["comparison_voices"], "outlet")
    return pd.DataFrame({"outlet": c["group"], "speaker_actor": c["speaker_actor"], "share": c["share_statements"],
                         "ci_low": c["share_statements_low"], "ci_high": c["share_statements_high"]})


def _outlet_edges(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    c = _by(t["comparison_edges"], "outlet")
    return pd.DataFrame({"group": c["group"], "source": c["source"], "target": c["target"], "weight": c["weight"]})


#: The comparisons by outlet and period, from the comparison tables of ``analysis run``: drawn when those
#: tables exist and hold the grouping, silently skipped otherwise.
COMPARISONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[..., Figure]]] = {
    "naming_by_outlet": (("comparison_naming",), (), lambda t, n: naming_by_outlet(_naming_shares(t))),
    "mention_rates": (("comparison_mentions",), (), lambda t, n: mention_rates(_monthly_rates(t))),
    "voice_by_outlet": (("comparison_voices",), (), lambda t, n: voice_by_outlet(_voice_shares(t))),
    "network_by_outlet": (("comparison_edges",), (), lambda t, n: network_by_outlet(_outlet_edges(t), top=n)),
}


def build_all(tables_dir: Path | str = config.PROCESSED_DIR, out_dir: Path | str = config.FIGURES_DIR, *,
              top: int = TOP, only: Sequence[str] | None = None) -> dict[str, list[Path]]:
    """Draw every figure whose tables exist; a figure whose table is missing is skipped with a warning.

    ``top``: actors drawn by name in each figure (the rest summed as "other actors" or left out, as each says);
    ``only``: the names of the figures to draw (default: all).
    """
    check_positive("top", top)
    tables_dir = Path(tables_dir)
    cache: dict[str, pd.DataFrame | None] = {}

    def get(name: str) -> pd.DataFrame | None:
        if name not in cache:
            cache[name] = read_run_table(tables_dir, name)
        return cache[name]

    if get("mentions") is not None and {"alias", "actor"} <= set(get("mentions").columns):  # type: ignore[union-attr]
        cache["naming"] = get("mentions")
    written: dict[str, list[Path]] = {}
    for registry, quiet in ((FIGURES, False), (COMPARISONS, True)):
        for name, (needs, uses, build) in registry.items():
            if only is not None and name not in only:
                continue
            missing = [t for t in needs if get(t) is None]
            if missing:
                (log.debug if quiet else log.warning)(
                    "figure %s skipped: table(s) %s not found in %s", name, ", ".join(missing), tables_dir)
                continue
            tables = {t: get(t) for t in (*needs, *uses) if get(t) is not None}
            fig = build(tables, top)
            written[name] = save_figure(fig, name, out_dir)
            log.info("figure %s written", name)
    return written


def _add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tables", type=Path, default=config.PROCESSED_DIR, help="tables folder (default: data/processed)")
    p.add_argument("--out", type=Path, default=None,
                   help="output folder (default: figures/ for the project's data/processed, else TABLES/figures; "
                        "another corpus's figures never go into figures/)")
    p.add_argument("--top", type=int, default=TOP, help=f"actors drawn by name in each figure (default {TOP})")


def _handler(args: argparse.Namespace) -> int:
    if not args.tables.is_dir():
        log.error("tables folder not found: %s", args.tables)
        return 2
    if args.top < 1:
        log.error("--top must be at least 1")
        return 2
    if args.out is None:
        args.out = config.figures_dir_for(args.tables)
    elif config.same_folder(args.out, config.FIGURES_DIR) and not config.same_folder(args.tables, config.PROCESSED_DIR):
        from .errors import ConfigurationError

        raise ConfigurationError(f"--out: {args.out} holds the project's own figures (of data/processed); give another "
                                 f"folder for the figures of {args.tables}, or leave --out out to write them there")
    written = build_all(args.tables, args.out, top=args.top)
    n_files = sum(len(v) for v in written.values())
    log.info("%d figure(s), %d file(s) in %s", len(written), n_files, args.out)
    return 0
