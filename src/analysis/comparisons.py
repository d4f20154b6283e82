"""Comparisons across outlets and periods, with uncertainty: mentions, naming, voices, cues, networks.

Any column of the documents table can define the groups (``outlet``, ``ownership``, ``category``...), plus
``month`` (``YYYY-MM``) and ``week`` (ISO week, ``YYYY-Www``) derived from ``date_iso`` or, where that is
missing, from ``date`` when it is ISO (``YYYY-MM-DD...``) or an RFC 2822 string (the calendar date as the
outlet wrote it, not converted to UTC), and ``all`` (one group). A document whose group value is empty or
missing is in the group :data:`UNKNOWN`, which is kept and shown like any other.

Inputs are a run's tables (``documents``, ``mentions``, ``statements``, ``cues``, ``sentences``), read
with DuckDB, which aggregates them to one row per document × actor (× variant, × voice, ...) in a single
``GROUP BY`` whatever their size; the bootstrap then works on those per-document counts
(:mod:`analysis.bootstrap`) and the tests on their sums (:mod:`analysis.association`).

Filters, used only when the columns exist: documents with ``is_duplicate`` true (copies of an earlier
article) are left out, and so are mention, statement and cue rows with ``is_boilerplate`` true (page
furniture); ``include_duplicates`` / ``include_boilerplate`` keep them. With ``rollup_coalition`` the
lexicon's rollups apply (COALITION counted as US), as in the other summaries.

Tables (declared in :mod:`analysis.schema`, which says what every interval means): ``comparison_mentions``,
``comparison_naming``, ``comparison_naming_tests``, ``comparison_voices``, ``comparison_cues``,
``comparison_edges``. Each row starts with ``group_by`` (the grouping) and ``group`` (its value), so one
file holds every grouping of a run, stacked.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .bootstrap import DEFAULT_REPLICATES, DEFAULT_SEED
from .comparison_edges import edge_comparison
from .comparison_inputs import (
    DEFAULT_GROUP_BY,
    DEFAULT_PERMUTATIONS,
    UNKNOWN,
    ComparisonInputs,
    ComparisonSettings,
    _inputs,
    derive_dates,
    document_groups,
    load_inputs,
)
from .comparison_measures import cue_comparison, mention_comparison, naming_comparison, naming_tests, voice_comparison
from .lazy_modules import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

log = logging.getLogger(__name__)

__all__ = [
    "UNKNOWN",
    "DEFAULT_GROUP_BY",
    "DEFAULT_PERMUTATIONS",
    "ComparisonSettings",
    "ComparisonInputs",
    "load_inputs",
    "document_groups",
    "derive_dates",
    "mention_comparison",
    "naming_comparison",
    "naming_tests",
    "voice_comparison",
    "cue_comparison",
    "edge_comparison",
    "compare",
    "SUMMARY",
]

# --- everything at once, and the run's summary step ------------------------------------------------------

def compare(
    source: str | Path | Mapping[str, Path] | ComparisonInputs,
    *,
    settings: ComparisonSettings | None = None,
    actor_lexicon: str | Path | None = None,
    **overrides: Any,
) -> dict[str, pd.DataFrame]:
    """Every comparison table, by table name (``comparison_mentions`` ... ``comparison_edges``)."""
    inputs = _inputs(source, settings, overrides)
    return {
        "comparison_mentions": mention_comparison(inputs),
        "comparison_naming": naming_comparison(inputs),
        "comparison_naming_tests": naming_tests(inputs),
        "comparison_voices": voice_comparison(inputs),
        "comparison_cues": cue_comparison(inputs),
        "comparison_edges": edge_comparison(inputs, actor_lexicon=actor_lexicon),
    }


def settings_from_options(options: Any) -> ComparisonSettings:
    """The comparison settings of a run (``RunOptions``), defaults for what it does not say."""
    group_by = getattr(options, "group_by", None) or DEFAULT_GROUP_BY
    return ComparisonSettings(
        group_by=tuple(group_by) if not isinstance(group_by, str) else (group_by,),
        n_replicates=int(getattr(options, "bootstrap_replicates", None) or DEFAULT_REPLICATES),
        seed=int(getattr(options, "seed", DEFAULT_SEED) if getattr(options, "seed", None) is not None else DEFAULT_SEED),
        include_duplicates=bool(getattr(options, "keep_duplicates", False)),
        include_boilerplate=bool(getattr(options, "keep_boilerplate", False)),
        rollup_coalition=bool(getattr(options, "rollup_coalition", False)),
    )


def SUMMARY(options: Any, paths: Mapping[str, Path]) -> list[Path]:  # noqa: N802 (a summary step of analysis.pipeline)
    """Write the comparison tables of a run (groupings: ``options.group_by``, default outlet and month)."""
    from .tables import write_table

    if "documents" not in paths:
        return []
    settings = settings_from_options(options)
    tables = {k: v for k, v in paths.items() if k in ("documents", "mentions", "statements", "cues", "sentences")}
    inputs = load_inputs(tables, settings, actor_lexicon=getattr(options, "actor_lexicon", None),
                         stance_lexicon=getattr(options, "stance_lexicon", None))
    out = Path(options.out_dir)
    frames = compare(inputs, actor_lexicon=getattr(options, "actor_lexicon", None))
    written = [write_table(out / name, frame) for name, frame in frames.items()]
    log.info("comparisons by %s: %s", ", ".join(settings.group_by),
             ", ".join(f"{k} {len(v)} rows" for k, v in frames.items()))
    return written

