"""Figures that compare outlets (and months): naming choices, mention rates, voices and co-mention networks.

They draw the comparison tables (one row per group and actor, with an estimate and its interval); each
function's docstring states the columns it expects. Groups (outlets) keep one colour and marker each
(:func:`analysis.style.group_colours`, by sorted name), actors keep theirs; every string goes through
:func:`analysis.arabic.label`; legends sit outside the panels; panels are small multiples with shared scales,
so that outlets are compared at a glance.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import style
from .arabic import label
from .figure_kit import (
    LINESPACING,
    TOP,
    WIDTH,
    actor_ticklabels,
    check_choice,
    check_positive,
    circle_layout,
    draw_network_nodes,
    empty,
    label_lines,
    network_order,
    new_figure,
    number_of,
    percent_axis,
    require,
    spread_labels,
    title,
    top_with_other,
)

__all__ = ["naming_by_outlet", "mention_rates", "voice_by_outlet", "network_by_outlet"]

Unattributed = Literal["note", "bar"]


def _as_percent(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Shares as percentages: a table of proportions (every value <= 1) is multiplied by 100."""
    out = frame.copy()
    for col in columns:
        out[col] = pd.to_numeric(out[col], errors="coerce")
    if out[list(columns)].max().max() <= 1.0 + 1e-9:
        for col in columns:
            out[col] = out[col] * 100
    return out


def _errors(frame: pd.DataFrame, value: str) -> np.ndarray:
    """Asymmetric error bars (2 x n) from ci_low / ci_high around ``value``; a missing bound draws no bar."""
    low = (frame[value] - frame["ci_low"]).clip(lower=0).fillna(0).to_numpy(dtype=float)
    high = (frame["ci_high"] - frame[value]).clip(lower=0).fillna(0).to_numpy(dtype=float)
    return np.vstack([low, high])


def _group_legend(fig: Figure, groups: Sequence[str], title_text: str, *, line: bool = False) -> None:
    colours = style.group_colours(list(groups))
    handles = [Line2D([], [], color=colours[g][0], marker=colours[g][1], linestyle="-" if line else "none",
                      markersize=5, markeredgecolor="black", markeredgewidth=0.4, label=label(g)) for g in groups]
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(groups), 6), fontsize=7.5,
               title=label(title_text), title_fontsize=8)


def _grid(n: int, ncols: int) -> tuple[int, int]:
    ncols = max(1, min(ncols, n))
    return math.ceil(n / ncols), ncols


def _variant_text(variant: object) -> str:
    return style.wrap(str(variant).replace("_", " "), 22)


# --- naming choices by outlet ---------------------------------------------------------------------------------------
def naming_by_outlet(
    shares: pd.DataFrame,
    *,
    actors: Sequence[str] | None = None,
    top_actors: int = 6,
    top_variants: int = 5,
) -> Figure:
    """Which name each outlet gives an actor: the share of each naming variant, with its interval, per outlet.

    ``shares``: one row per group (outlet), actor and naming variant, with columns ``group``, ``actor``,
    ``variant`` (a variant code such as ``pejorative_acronym`` or an alias), ``share`` (of the actor's mentions
    in that group: a proportion 0-1 or a percentage), ``ci_low``, ``ci_high`` (its interval, same unit) and
    ``n`` (the actor's mentions in the group: the denominator). One panel per actor (``actors``, or the
    ``top_actors`` most mentioned), the ``top_variants`` commonest variants on its rows, one marker per outlet
    with its interval as error bar.
    """
    require(shares, ["group", "actor", "variant", "share", "ci_low", "ci_high", "n"], "naming shares")
    check_positive("top_actors", top_actors)
    check_positive("top_variants", top_variants)
    with style.context():
        data = _as_percent(shares, ["share", "ci_low", "ci_high"])
        data["n"] = pd.to_numeric(data["n"], errors="coerce").fillna(0)
        per_actor = data.drop_duplicates(["group", "actor"]).groupby("actor")["n"].sum()
        chosen = list(actors) if actors is not None else top_with_other(per_actor, top_actors)[0][:top_actors]
        groups = sorted(data["group"].astype(str).unique())
        heading = "Naming choices by outlet: the share of each name among an actor's mentions"
        if not chosen or data.empty:
            fig = new_figure(WIDTH, 2.2)
            empty(fig.add_subplot(), "No naming shares")
            return fig
        colours = style.group_colours(groups)
        nrows, ncols = _grid(len(chosen), 2)
        slot = 0.8 / max(len(groups), 1)
        fig = new_figure(WIDTH, 1.6 + nrows * (0.7 + 0.32 * top_variants * max(1, len(groups) / 4)))
        axs = fig.subplots(nrows, ncols, squeeze=False, sharex=True).ravel()
        for ax, actor in zip(axs, chosen):
            sub = data[data["actor"] == actor]
            variants = sub.groupby("variant")["share"].mean().sort_values(ascending=False).index[:top_variants]
            for g_i, group in enumerate(groups):
                rows = sub[(sub["group"].astype(str) == group)].set_index("variant").reindex(variants).dropna(
                    subset=["share"])
                if rows.empty:
                    continue
                y = np.array([list(variants).index(v) for v in rows.index]) - 0.4 + slot * (g_i + 0.5)
                colour, marker = colours[group]
                ax.errorbar(rows["share"], y, xerr=_errors(rows, "share"), fmt=marker, color=colour, markersize=4,
                            markeredgecolor="black", markeredgewidth=0.3, elinewidth=0.9, capsize=1.5)
            ax.set_yticks(range(len(variants)), [label(_variant_text(v)) for v in variants], fontsize=7)
            for tick in ax.get_yticklabels():
                tick.set_multialignment("right")
                tick.set_linespacing(LINESPACING)
            ax.set_ylim(len(variants) - 0.5, -0.5)
            ax.set_xlim(0, 100)
            percent_axis(ax.xaxis, nbins=4)
            ax.tick_params(axis="x", labelsize=7)
            ax.grid(axis="x", color="#EEEEEE", linewidth=0.6)
            n_actor = int(per_actor.get(actor, 0))
            ax.set_title(label(style.actor_short_label(actor, width=30) + f"\nn = {n_actor:,}"), fontsize=8,
                         loc="right", linespacing=LINESPACING)
        for ax in axs[len(chosen):]:
            ax.set_axis_off()
        _group_legend(fig, groups, "outlet")
        total = int(data.drop_duplicates(["group", "actor"])["n"].sum())
        title(fig, axs[0], True, heading,
              f"{number_of(len(groups), 'outlet')}; {number_of(total, 'mention')} of {number_of(data['actor'].nunique(), 'actor')} in the table, "
              f"{len(chosen)} actors drawn; markers: share of the actor's mentions in the outlet, bars: its interval "
              "(ci_low to ci_high); n: the actor's mentions over all outlets")
    return fig


# --- mention rates by month and outlet --------------------------------------------------------------------------------
def mention_rates(
    rates: pd.DataFrame,
    *,
    actors: Sequence[str] | None = None,
    top: int = 6,
) -> Figure:
    """Mentions per 1,000 words of each actor, month by month, one line per outlet with its interval as a band.

    ``rates``: one row per outlet, month and actor, with columns ``outlet``, ``month`` (``YYYY-MM``, or a date),
    ``actor``, ``rate_per_1000`` (mentions per 1,000 words of the outlet's articles that month), ``ci_low`` and
    ``ci_high``. One panel per actor (``actors``, or the ``top`` with the highest mean rate), same months on
    every panel.
    """
    require(rates, ["outlet", "month", "actor", "rate_per_1000", "ci_low", "ci_high"], "mention rates")
    check_positive("top", top)
    with style.context():
        data = rates.copy()
        for col in ("rate_per_1000", "ci_low", "ci_high"):
            data[col] = pd.to_numeric(data[col], errors="coerce")
        data["month"] = data["month"].map(lambda m: str(m)[:7])
        months = sorted(data["month"].unique())
        outlets = sorted(data["outlet"].astype(str).unique())
        mean_rate = data.groupby("actor")["rate_per_1000"].mean()
        chosen = list(actors) if actors is not None else top_with_other(mean_rate, top)[0][:top]
        heading = "Mentions per 1,000 words, by month and outlet"
        if not chosen or data.empty:
            fig = new_figure(WIDTH, 2.2)
            empty(fig.add_subplot(), "No mention rates")
            return fig
        colours = style.group_colours(outlets)
        nrows, ncols = _grid(len(chosen), 2)
        fig = new_figure(WIDTH, 1.8 + nrows * 1.9)
        axs = fig.subplots(nrows, ncols, squeeze=False, sharex=True).ravel()
        index = {m: i for i, m in enumerate(months)}
        for ax, actor in zip(axs, chosen):
            sub = data[data["actor"] == actor]
            for outlet in outlets:
                rows = sub[sub["outlet"].astype(str) == outlet].sort_values("month")
                if rows.empty:
                    continue
                x = rows["month"].map(index).to_numpy(dtype=float)
                colour, marker = colours[outlet]
                ax.fill_between(x, rows["ci_low"], rows["ci_high"], color=colour, alpha=0.15, linewidth=0)
                ax.plot(x, rows["rate_per_1000"], color=colour, marker=marker, markersize=3, linewidth=1.1,
                        markeredgecolor="black", markeredgewidth=0.3)
            ax.set_ylim(bottom=0)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
            ax.tick_params(labelsize=7)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            ax.xaxis.set_major_formatter(FuncFormatter(
                lambda v, _p: months[int(round(v))][5:] + "\n" + months[int(round(v))][:4]
                if 0 <= round(v) < len(months) and abs(v - round(v)) < 1e-6 else ""))
            ax.grid(axis="y", color="#EEEEEE", linewidth=0.6)
            ax.set_title(label(style.actor_short_label(actor, width=30)), fontsize=8, loc="right",
                         linespacing=LINESPACING)
        axs[0].set_xlim(-0.7, max(len(months) - 1, 1) + 0.7)
        for ax in axs[len(chosen):]:
            ax.set_axis_off()
        _group_legend(fig, outlets, "outlet", line=True)
        title(fig, axs[0], True, heading,
              f"y: mentions per 1,000 words; x: month (MM, year); {number_of(len(outlets), 'outlet')}, {number_of(len(months), 'month')} ({months[0]} to {months[-1]}); {len(chosen)} of "
              f"{data['actor'].nunique()} actors drawn; bands: interval (ci_low to ci_high)")
    return fig


# --- voice share by outlet -----------------------------------------------------------------------------------------
def voice_by_outlet(
    voice: pd.DataFrame,
    *,
    top: int = 8,
    unattributed: Unattributed = "note",
    ncols: int = 3,
) -> Figure:
    """Who speaks in each outlet: each speaker's share of the outlet's statements, with its interval.

    ``voice``: one row per outlet and speaker, with columns ``outlet``, ``speaker_actor`` (an actor code, OUTLET
    for the outlet's own voice, UNKNOWN for unattributed speech), ``share`` (of the outlet's statements: a
    proportion 0-1 or a percentage), ``ci_low`` and ``ci_high``. One panel per outlet, the same ``top``
    speakers (by mean share) in the same order on every panel, the same scale. Unattributed speech is left out
    of the bars by default and its range of shares stated in the subtitle (``unattributed="bar"`` draws it).
    """
    require(voice, ["outlet", "speaker_actor", "share", "ci_low", "ci_high"], "voice shares")
    check_positive("top", top)
    check_positive("ncols", ncols)
    check_choice("unattributed", unattributed, ("note", "bar"))
    with style.context():
        data = _as_percent(voice, ["share", "ci_low", "ci_high"])
        data["speaker_actor"] = data["speaker_actor"].fillna("UNKNOWN").replace("", "UNKNOWN")
        note = ""
        unknown = data["speaker_actor"] == "UNKNOWN"
        if unattributed == "note" and unknown.any():
            lo, hi = data.loc[unknown, "share"].min(), data.loc[unknown, "share"].max()
            note = f"; unattributed speech not drawn: {lo:.0f}% to {hi:.0f}% of an outlet's statements"
            data = data[~unknown]
        outlets = sorted(data["outlet"].astype(str).unique())
        mean_share = data.groupby("speaker_actor")["share"].mean()
        speakers = top_with_other(mean_share, top)[0][:top]
        heading = "Voice by outlet: each speaker's share of the outlet's statements"
        if not speakers:
            fig = new_figure(WIDTH, 2.2)
            empty(fig.add_subplot(), "No voice shares")
            return fig
        nrows, ncols = _grid(len(outlets), ncols)
        lines = label_lines(speakers)
        fig = new_figure(WIDTH, 1.4 + nrows * (0.5 + len(speakers) * (0.18 * lines + 0.08)))
        axs = fig.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True).ravel()
        xmax = float(np.nanmax(data[data["speaker_actor"].isin(speakers)]["ci_high"].fillna(0)
                               .combine(data["share"], max)))
        for i, (ax, outlet) in enumerate(zip(axs, outlets)):
            sub = data[data["outlet"].astype(str) == outlet].set_index("speaker_actor").reindex(speakers)
            colours = [style.actor_style(s).color for s in speakers]
            y = np.arange(len(speakers))
            present = sub["share"].notna().to_numpy()
            ax.barh(y[present], sub["share"].to_numpy()[present], color=np.array(colours, dtype=object)[present],
                    height=0.7, edgecolor="black", linewidth=0.3)
            ax.errorbar(sub["share"].to_numpy()[present], y[present], xerr=_errors(sub[present], "share"),
                        fmt="none", ecolor="black", elinewidth=0.8, capsize=1.5)
            ax.set_title(label(outlet), fontsize=8, loc="left")
            ax.set_xlim(0, max(xmax * 1.08, 1))
            percent_axis(ax.xaxis, nbins=3)
            ax.tick_params(axis="x", labelsize=7)
            if i % ncols == 0:
                actor_ticklabels(ax, speakers, fontsize=7)
            else:
                ax.tick_params(axis="y", labelleft=False)
        axs[0].set_ylim(len(speakers) - 0.5, -0.5)
        for ax in axs[len(outlets):]:
            ax.set_axis_off()
        title(fig, axs[0], True, heading,
              f"bars: share of the outlet's statements, with its interval; {number_of(len(outlets), 'outlet')}; the {number_of(len(speakers), 'speaker')} with the highest mean share of "
              f"{mean_share.size} drawn{note}")
    return fig


# --- co-mention networks by outlet ---------------------------------------------------------------------------------
def network_by_outlet(
    edges: pd.DataFrame,
    *,
    top: int = TOP,
    min_weight: float = 1,
    max_edges: int | None = None,
    ncols: int = 3,
) -> Figure:
    """Co-mention networks side by side, one per group (outlet), nodes in the same places in every panel.

    ``edges``: one row per group and actor pair, with columns ``group``, ``source``, ``target`` and ``weight``
    (co-mentions in that group's articles). Positions are computed once, on the union of the groups' graphs:
    the ``top`` actors by total weighted degree on one circle in lexicon order. The first panel is that union
    (all groups together) with the actors' names outside the circle; the group panels use the same places, the
    same colours and the same width scale, so a thicker line is a heavier edge whichever the panel. In each
    panel the ``max_edges`` heaviest edges of weight ``min_weight`` or more are drawn (default: two per node).
    """
    require(edges, ["group", "source", "target", "weight"], "edges by group")
    check_positive("top", top)
    check_positive("ncols", ncols)
    if min_weight < 0:
        raise ValueError("min_weight must be >= 0")
    with style.context():
        data = edges[edges["source"] != edges["target"]].copy()
        data["weight"] = pd.to_numeric(data["weight"], errors="coerce").fillna(0.0)
        data = data[data["weight"] >= min_weight]
        data["group"] = data["group"].astype(str)
        strength: dict[str, float] = {}
        for s, t, w in zip(data["source"], data["target"], data["weight"]):
            strength[s] = strength.get(s, 0.0) + w
            strength[t] = strength.get(t, 0.0) + w
        kept, dropped = top_with_other(pd.Series(strength, dtype=float), top)
        nodes = network_order(kept)
        data = data[data["source"].isin(nodes) & data["target"].isin(nodes)]
        groups = sorted(data["group"].unique())
        heading = "Co-mention networks by outlet (same places in every panel)"
        if not nodes:
            fig = new_figure(WIDTH, 2.2)
            empty(fig.add_subplot(), "No co-mentions")
            return fig
        pos = circle_layout(nodes)
        union = data.groupby(["source", "target"], as_index=False)["weight"].sum()
        panels = [("all outlets", union)] + [(g, data[data["group"] == g]) for g in groups]
        nrows, ncols = _grid(len(panels) - 1, ncols) if groups else (0, 1)
        panel_w = WIDTH / ncols
        key_h = 4.2
        fig = new_figure(WIDTH, 1.0 + key_h + nrows * panel_w * 1.05)
        grid = fig.add_gridspec(1 + nrows, ncols, height_ratios=[key_h] + [panel_w] * nrows)
        # the union, with the actors' names, spans the first row; the outlets follow in the same places
        axs = [fig.add_subplot(grid[0, :])] + [fig.add_subplot(grid[1 + i // ncols, i % ncols])
                                               for i in range(nrows * ncols)]
        limit = max_edges if max_edges is not None else 2 * len(nodes)
        labels = []
        for p, (ax, (name, frame)) in enumerate(zip(axs, panels)):
            frame = frame.sort_values(["weight", "source", "target"], ascending=[False, True, True]).head(limit)
            wmax = float(frame["weight"].max()) if len(frame) else 1.0
            if p > 0:  # one width scale for the group panels
                wmax = float(max((f["weight"].max() for _n, f in panels[1:] if len(f)), default=1.0))
            for s, t, w in sorted(zip(frame["source"], frame["target"], frame["weight"]), key=lambda e: e[2]):
                (x1, y1), (x2, y2) = pos[s], pos[t]
                ax.plot([x1, x2], [y1, y2], color="#555555", linewidth=0.3 + 4 * math.sqrt(w / wmax), alpha=0.6,
                        zorder=2, solid_capstyle="round")
            deg = {n: 0.0 for n in nodes}
            for s, t, w in zip(frame["source"], frame["target"], frame["weight"]):
                deg[s] += w
                deg[t] += w
            dmax = max(deg.values()) or 1.0
            sizes = {n: 15 + 120 * deg[n] / dmax for n in nodes}
            if p == 0:
                sizes = {n: 2.5 * v for n, v in sizes.items()}
                labels = draw_network_nodes(ax, pos, sizes, width=22, fontsize=7)
            else:
                draw_network_nodes(ax, pos, sizes, width=16, fontsize=6)
                for text in list(ax.texts):
                    text.remove()  # the places are those of the first panel, which names them
            n_weight = float(frame["weight"].sum())
            ax.set_title(label(f"{name}\n{len(frame):,} edges drawn, weight {n_weight:,.0f}"), fontsize=7.5,
                         loc="left", linespacing=1.05)
        for ax in axs[len(panels):]:
            ax.set_axis_off()
        extra = f"; {len(dropped)} smaller actors not drawn" if dropped else ""
        title(fig, axs[0], True, heading,
              f"{number_of(len(groups), 'outlet')}, {number_of(len(nodes), 'actor')}; in each panel the {limit} heaviest edges of weight "
              f"≥ {min_weight:g}; line width: co-mentions (one scale for the outlets), node size: weighted "
              f"degree in the panel{extra}")
        spread_labels(fig, labels)
    return fig


