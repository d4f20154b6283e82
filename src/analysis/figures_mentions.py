"""Figures of actor mentions: counts by kind (names, descriptors, metonyms, people, anaphors) and where in
the article each actor is mentioned (one article's sentences, or the corpus in tenths of the article).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from . import style
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
    count_axis,
    counted,
    empty,
    figure_and_axes,
    group_other,
    label_lines,
    new_figure,
    other_note,
    percent_axis,
    require,
    subtitle,
    title,
    top_with_other,
    truthy,
)


Scope = Literal["auto", "document", "corpus"]
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
