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
by outlet and period are in :mod:`analysis.figures_compare`, the others in :mod:`analysis.figures_mentions`
(mentions by kind, positions), :mod:`analysis.figures_voices` (voice share, stance cues, naming) and
:mod:`analysis.figures_network` (the actor network); this module re-exports them, saves figures and builds
them all.
"""

from __future__ import annotations

import argparse
import io
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from . import config, style
from .figure_kit import TOP, check_positive, require, subtitle, thousands, title, truthy
from .figures_compare import mention_rates, naming_by_outlet, network_by_outlet, voice_by_outlet
from .figures_mentions import POSITION_BINS, actor_mentions, actor_positions
from .figures_network import RELATION_STYLES, actor_network
from .figures_voices import naming_choices, naming_counts, reported_words, stance_cues, voice_share
from .tables import atomic_write_bytes, read_run_table

log = logging.getLogger(__name__)

__all__ = [
    "actor_mentions",
    "actor_positions",
    "voice_share",
    "stance_cues",
    "actor_network",
    "naming_choices",
    "naming_counts",
    "reported_words",
    "POSITION_BINS",
    "RELATION_STYLES",
    "naming_by_outlet",
    "mention_rates",
    "voice_by_outlet",
    "network_by_outlet",
    "save_figure",
    "build_all",
    "FIGURES",
]

#: Line styles of relation types in the relations graph (in sorted order of the type names).

# kept for code that imported the private helpers
_require = require
_truthy = truthy


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
