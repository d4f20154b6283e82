"""The actor network figure: co-mentions drawn on a circle (edge width by weight), with the relation graph's
typed, directed edges drawn over it when a run has relations.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from . import style
from .arabic import label
from .figure_kit import (
    TOP,
    WIDTH,
    check_positive,
    circle_layout,
    counted,
    draw_network_nodes,
    drop_crowded,
    empty,
    network_order,
    new_figure,
    require,
    spread_labels,
    subtitle,
    thousands,
    title,
    top_with_other,
)

log = logging.getLogger(__name__)


RELATION_STYLES = ("solid", (0, (5, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2)), (0, (3, 1, 1, 1, 1, 1)))
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
