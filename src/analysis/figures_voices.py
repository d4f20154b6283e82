"""Figures of who speaks and how: voice share (statements and reported words by speaker), stance cues by
category and speaker, and the naming choices made for each actor.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Normalize as LinearNorm
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from . import style
from .arabic import label
from .figure_kit import (
    LINESPACING,
    TOP,
    WIDTH,
    actor_ticklabels,
    check_choice,
    check_positive,
    count_axis,
    counted,
    drop_crowded,
    empty,
    figure_and_axes,
    group_other,
    new_figure,
    other_note,
    require,
    subtitle,
    thousands,
    title,
    top_with_other,
)
from .figures_mentions import _ordered, _row_height


Normalize = Literal["count", "share"]
Unattributed = Literal["note", "bar"]
_WORD = re.compile(r"\w+")

#: How each quote type is drawn in a speaker's bar (tint of the actor's colour, hatch), in bar order: every
#: statement is in one of them, so a bar's length is the speaker's count.
QUOTE_TYPE_STYLE = {"direct": (0.0, ""), "mixed": (0.3, ".."), "indirect": (0.55, "//")}
QUOTE_TYPE_LABELS = {"direct": "direct quotation", "mixed": "mixed (quoted words in reported speech)",
                     "indirect": "indirect (reported) speech"}

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
            for qtype, (tint, hatch) in QUOTE_TYPE_STYLE.items():
                part = data[data["quote_type"] == qtype]
                values = (part.groupby("speaker_actor")[column].sum() if column else part.groupby("speaker_actor").size())
                values = values.reindex(order, fill_value=0).to_numpy(dtype=float)
                for r, actor in enumerate(order):
                    if values[r] == 0:
                        continue
                    colour = style.tint(style.actor_style(actor).color, tint)
                    ax.barh(r, values[r], left=left[r], height=0.7, color=colour, hatch=hatch,
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
        handles = [Patch(facecolor=style.tint("#777777", tint), edgecolor="black" if hatch else "white", hatch=hatch,
                         linewidth=0.4, label=label(QUOTE_TYPE_LABELS[qtype]))
                   for qtype, (tint, hatch) in QUOTE_TYPE_STYLE.items()]
        if own:
            fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize=8)
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
