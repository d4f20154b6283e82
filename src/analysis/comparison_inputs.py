"""What the comparisons compare: the settings (groupings, bootstrap, tests, filters), the groups of
documents (any documents column, ``month``, ``week``, ``outlet_month``, ``all``; an empty value is the group
``(unknown)``) and a run's tables read with DuckDB into per-document counts, with duplicates and
boilerplate left out unless asked (see :mod:`analysis.comparisons`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .bootstrap import DEFAULT_CONFIDENCE, DEFAULT_REPLICATES, DEFAULT_SEED
from .lazy_modules import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

log = logging.getLogger(__name__)


#: Label of the group of documents whose value is empty or missing.
UNKNOWN = "(unknown)"
#: Groupings written by ``analysis run`` unless ``--group-by`` says otherwise.
DEFAULT_GROUP_BY = ("outlet", "month", "outlet_month")
#: Label permutations of the document-level naming test.
DEFAULT_PERMUTATIONS = 999
#: Derived groupings (not columns of the documents table).
DERIVED = ("month", "week", "all", "outlet_month")
#: Columns tried, in order, for a grouping: the canonical outlet and its attributes where the documents
#: table has them (``analysis.outlets``), else the column of that name.
COLUMN_CANDIDATES: Mapping[str, tuple[str, ...]] = {
    "outlet": ("outlet_name", "outlet"),
    "ownership": ("outlet_ownership", "ownership"),
    "country": ("outlet_country", "country"),
    "language_service": ("outlet_language_service", "language_service"),
}

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_TRUE = ("true", "1", "yes")


@dataclass(frozen=True)
class ComparisonSettings:
    """How comparisons are computed: groupings, bootstrap, test and filters."""

    group_by: tuple[str, ...] = DEFAULT_GROUP_BY
    n_replicates: int = DEFAULT_REPLICATES
    seed: int = DEFAULT_SEED
    confidence: float = DEFAULT_CONFIDENCE
    n_permutations: int = DEFAULT_PERMUTATIONS
    include_duplicates: bool = False
    include_boilerplate: bool = False
    rollup_coalition: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.group_by, str):
            object.__setattr__(self, "group_by", (self.group_by,))
        if not self.group_by or any(not g or not isinstance(g, str) for g in self.group_by):
            raise ValueError(f"group_by must name at least one grouping, not {self.group_by!r}")
        if isinstance(self.n_replicates, bool) or not isinstance(self.n_replicates, int) or self.n_replicates < 1:
            raise ValueError(f"n_replicates must be a positive integer, not {self.n_replicates!r}")
        if isinstance(self.n_permutations, bool) or not isinstance(self.n_permutations, int) or self.n_permutations < 1:
            raise ValueError(f"n_permutations must be a positive integer, not {self.n_permutations!r}")
        if not 0 < self.confidence < 1:
            raise ValueError(f"confidence must be in (0, 1), not {self.confidence!r}")


# --- dates and groups -------------------------------------------------------------------------------------

def _day(value: Any) -> dt.date | None:
    """The calendar date of an ISO (``2018-05-04...``) or RFC 2822 (``Fri, 04 May 2018 ...``) string."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if not text:
        return None
    m = _ISO_DAY.match(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed.date() if parsed is not None else None


def derive_dates(documents: pd.DataFrame) -> pd.DataFrame:
    """A copy with ``month`` (``YYYY-MM``) and ``week`` (ISO ``YYYY-Www``) from ``date_iso``, else ``date``."""
    out = documents.copy()
    iso = out["date_iso"] if "date_iso" in out.columns else pd.Series("", index=out.index)
    raw = out["date"] if "date" in out.columns else pd.Series("", index=out.index)
    days = [_day(a) or _day(b) for a, b in zip(iso.tolist(), raw.tolist())]
    out["month"] = [f"{d.year:04d}-{d.month:02d}" if d else "" for d in days]
    out["week"] = [f"{d.isocalendar()[0]:04d}-W{d.isocalendar()[1]:02d}" if d else "" for d in days]
    out["all"] = "all"
    return out


def _group_column(documents: pd.DataFrame, grouping: str) -> str | None:
    if grouping == "outlet_month":  # derived from two groupings: there when both are
        return grouping if _group_column(documents, "outlet") and _group_column(documents, "month") else None
    for column in COLUMN_CANDIDATES.get(grouping, (grouping,)):
        if column in documents.columns and (column == grouping or documents[column].fillna("").astype(str).str.strip().ne("").any()):
            return column
    return None


def document_groups(documents: pd.DataFrame, group_by: str) -> pd.Series:
    """Each document's group (indexed by ``doc_id``): the column's value, :data:`UNKNOWN` where empty.

    ``month``/``week`` are derived (:func:`derive_dates`) when the frame lacks them; ``outlet`` is the
    canonical outlet column where there is one. Raises ValueError for a grouping with no column.
    """
    if group_by == "outlet_month":
        outlet, month = document_groups(documents, "outlet"), document_groups(documents, "month")
        return pd.Series((outlet + " / " + month).tolist(), index=outlet.index, name=group_by)
    docs = documents if {"month", "week", "all"} <= set(documents.columns) else derive_dates(documents)
    column = _group_column(docs, group_by)
    if column is None and "extra_metadata" in docs.columns:
        # a field the corpus supplies beyond the typed columns (the ANT corpus's ``category``)
        extra = docs["extra_metadata"].fillna("").astype(str).map(lambda j: json.loads(j) if j.strip() else {})
        values = extra.map(lambda d: d.get(group_by, "") if isinstance(d, dict) else "")
        if values.astype(str).str.strip().ne("").any():
            docs = docs.assign(**{f"extra:{group_by}": values.astype(str)})
            column = f"extra:{group_by}"
    if column is None:
        columns = [str(c) for c in documents.columns if c not in DERIVED]
        raise ValueError(f"cannot group by {group_by!r}: the documents table has no such column "
                         f"(it has {', '.join(columns)}; derived: {', '.join(DERIVED)})")
    values = docs[column].fillna("").astype(str).str.strip()
    return pd.Series(values.where(values != "", UNKNOWN).tolist(), index=docs["doc_id"].astype(str).tolist(), name=group_by)


# --- reading the run's tables -----------------------------------------------------------------------------

def _sql_source(path: Path) -> str:
    quoted = str(path).replace("'", "''")
    if path.suffix == ".parquet":
        return f"read_parquet('{quoted}')"
    return f"read_csv('{quoted}', header=true, all_varchar=true)"


def _table_paths(tables: str | Path | Mapping[str, Path]) -> dict[str, Path]:
    if isinstance(tables, Mapping):
        return {k: Path(v) for k, v in tables.items()}
    folder = Path(tables)
    if not folder.is_dir():
        raise ValueError(f"tables folder not found: {folder}")
    out: dict[str, Path] = {}
    for name in ("documents", "mentions", "statements", "cues", "sentences"):
        for suffix in (".parquet", ".csv"):
            if (folder / f"{name}{suffix}").exists():
                out[name] = folder / f"{name}{suffix}"
                break
    return out


def _is_true(column: str) -> str:
    return f"coalesce(lower(trim(CAST({column} AS VARCHAR))) IN {_TRUE!r}, false)"


@dataclass
class ComparisonInputs:
    """Per document counts (after the filters) from which every comparison table is computed."""

    documents: pd.DataFrame  # doc_id, n_tokens, metadata, month, week, all (kept documents only)
    mentions: pd.DataFrame  # doc_id, actor, n_mentions
    naming: pd.DataFrame  # doc_id, actor, variant, n_mentions (declared variants only)
    statements: pd.DataFrame  # doc_id, speaker_actor, n_statements, n_direct, n_words
    cues: pd.DataFrame  # doc_id, speaker_actor, category, subtype, n_cues
    variants: dict[str, list[str]]  # actor -> declared naming variants, in lexicon order
    paths: dict[str, Path] = field(default_factory=dict)
    excluded_documents: frozenset[str] = frozenset()
    settings: ComparisonSettings = field(default_factory=ComparisonSettings)
    filtered_boilerplate: dict[str, int] = field(default_factory=dict)  # table -> rows left out


def _rollup_map(settings: ComparisonSettings, actor_lexicon: Path | None) -> dict[str, str]:
    if not settings.rollup_coalition:
        return {}
    from .actors import load_lexicon

    return dict(load_lexicon(actor_lexicon).rollup)


def load_inputs(
    tables: str | Path | Mapping[str, Path],
    settings: ComparisonSettings | None = None,
    *,
    actor_lexicon: str | Path | None = None,
    stance_lexicon: str | Path | None = None,
) -> ComparisonInputs:
    """Read a run's tables (a folder or ``{name: path}``) into per document counts, filters applied."""
    from .queries import bounded_connection
    from .stance import _variant_of
    from .stance import load_lexicon as load_stance_lexicon

    settings = settings or ComparisonSettings()
    paths = _table_paths(tables)
    if "documents" not in paths:
        raise ValueError("comparisons need the documents table")
    rollup = _rollup_map(settings, Path(actor_lexicon) if actor_lexicon else None)
    lex = load_stance_lexicon(stance_lexicon)
    variants = {actor: [v for v, _ in forms] for actor, forms in lex.naming.items() if forms}
    with bounded_connection(Path(paths["documents"]).parent, threads=4) as con:

        def columns(name: str) -> list[str]:
            return [d[0] for d in con.execute(f"SELECT * FROM {_sql_source(paths[name])} LIMIT 0").description]

        def query(name: str, select: str, group: str, needed: Sequence[str], also: str = "") -> tuple[pd.DataFrame, int]:
            if name not in paths:
                return pd.DataFrame(columns=[*needed]), 0
            cols = columns(name)
            src = _sql_source(paths[name])
            where = "true"
            dropped = 0
            if not settings.include_boilerplate and "is_boilerplate" in cols:
                where = f"NOT {_is_true('is_boilerplate')}"
                dropped = int(con.execute(f"SELECT count(*) FROM {src} WHERE NOT ({where})").fetchone()[0])
            if also:
                where = f"({where}) AND ({also})"
            frame = con.execute(f"SELECT {select} FROM {src} WHERE {where} GROUP BY {group}").df()
            return frame, dropped

        doc_cols = columns("documents")
        documents = con.execute(f"SELECT * FROM {_sql_source(paths['documents'])}").df()
        documents = documents.astype(object).where(documents.notna(), "")
        documents["doc_id"] = documents["doc_id"].astype(str)
        documents["n_tokens"] = pd.to_numeric(documents.get("n_tokens", 0), errors="coerce").fillna(0).astype("int64")
        excluded: frozenset[str] = frozenset()
        if "is_duplicate" in doc_cols and not settings.include_duplicates:
            dup = documents["is_duplicate"].astype(str).str.strip().str.lower().isin(_TRUE)
            excluded = frozenset(documents.loc[dup, "doc_id"])
            documents = documents[~dup]
        documents = derive_dates(documents).sort_values("doc_id", kind="stable").reset_index(drop=True)

        mentions, dropped_m = query("mentions", "doc_id, actor, count(*) AS n_mentions", "doc_id, actor",
                                    ["doc_id", "actor", "n_mentions"])
        named = sorted(variants)
        if "mentions" in paths and named:
            actors_sql = ", ".join("'" + a.replace("'", "''") + "'" for a in named)
            forms, _ = query("mentions", "doc_id, actor, coalesce(alias, '') AS alias, coalesce(surface, '') AS surface, "
                             "count(*) AS n_mentions", "doc_id, actor, alias, surface", [],
                             also=f"actor IN ({actors_sql})")
        else:
            forms = pd.DataFrame(columns=["doc_id", "actor", "alias", "surface", "n_mentions"])
        statements, dropped_s = query(
            "statements",
            "doc_id, speaker_actor, count(*) AS n_statements, "
            "sum(CASE WHEN quote_type = 'direct' THEN 1 ELSE 0 END) AS n_direct, "
            "sum(coalesce(TRY_CAST(n_words AS BIGINT), 0)) AS n_words",
            "doc_id, speaker_actor", ["doc_id", "speaker_actor", "n_statements", "n_direct", "n_words"])
        cues, dropped_c = query("cues", "doc_id, speaker_actor, category, coalesce(subtype, '') AS subtype, count(*) AS n_cues",
                                "doc_id, speaker_actor, category, subtype",
                                ["doc_id", "speaker_actor", "category", "subtype", "n_cues"])

    kept = set(documents["doc_id"])
    available = tuple(g for g in settings.group_by if _group_column(documents, g) is not None)
    if available != settings.group_by:
        missing = [g for g in settings.group_by if g not in available]
        log.warning("comparisons: no grouping by %s: the documents table has no such column (it has %s; derived: %s)",
                    ", ".join(missing), ", ".join(c for c in doc_cols), ", ".join(DERIVED))
        settings = replace(settings, group_by=available or settings.group_by)

    def finish(frame: pd.DataFrame, keys: list[str], values: list[str], actor_cols: Sequence[str]) -> pd.DataFrame:
        frame = frame.copy()
        for c in keys:
            frame[c] = frame[c].astype(object).where(frame[c].notna(), "").astype(str)
        for c in actor_cols:
            frame[c] = frame[c].map(lambda a: rollup.get(a, a))
        frame = frame[frame["doc_id"].isin(kept)]
        for c in values:
            frame[c] = pd.to_numeric(frame[c]).astype("int64")
        return frame.groupby(keys, as_index=False, sort=True)[values].sum()

    variant_of = functools.lru_cache(maxsize=1 << 14)(functools.partial(_variant_of, lex))
    if len(forms):
        forms = forms.assign(variant=[variant_of(a, al, s) for a, al, s in
                                      zip(forms["actor"].astype(str), forms["alias"].astype(str), forms["surface"].astype(str))])
        forms = forms[forms["variant"] != ""]
    else:
        forms = forms.assign(variant=pd.Series(dtype=str))
    naming_frame = finish(forms[["doc_id", "actor", "variant", "n_mentions"]] if len(forms) else
                          pd.DataFrame(columns=["doc_id", "actor", "variant", "n_mentions"]),
                          ["doc_id", "actor", "variant"], ["n_mentions"], ["actor"])
    # a rollup may merge variant lists (COALITION's under US): keep every variant of every merged actor
    merged: dict[str, list[str]] = {}
    for actor, vs in variants.items():
        target = merged.setdefault(rollup.get(actor, actor), [])
        target.extend(v for v in vs if v not in target)
    return ComparisonInputs(
        documents=documents,
        mentions=finish(mentions, ["doc_id", "actor"], ["n_mentions"], ["actor"]),
        naming=naming_frame,
        statements=finish(statements, ["doc_id", "speaker_actor"], ["n_statements", "n_direct", "n_words"], ["speaker_actor"]),
        cues=finish(cues, ["doc_id", "speaker_actor", "category", "subtype"], ["n_cues"], ["speaker_actor"]),
        variants=merged,
        paths=paths,
        excluded_documents=excluded,
        settings=settings,
        filtered_boilerplate={"mentions": dropped_m, "statements": dropped_s, "cues": dropped_c},
    )


# --- helpers ----------------------------------------------------------------------------------------------

def _inputs(source: ComparisonInputs | str | Path | Mapping[str, Path], settings: ComparisonSettings | None,
            overrides: Mapping[str, Any]) -> ComparisonInputs:
    if isinstance(source, ComparisonInputs):
        if settings is not None or overrides:
            base = settings or source.settings
            new = replace(base, **overrides)
            if (new.include_duplicates, new.include_boilerplate, new.rollup_coalition) != (
                    source.settings.include_duplicates, source.settings.include_boilerplate, source.settings.rollup_coalition):
                return load_inputs(source.paths, new)
            source = replace(source, settings=new)
        return source
    base = settings or ComparisonSettings()
    return load_inputs(source, replace(base, **overrides) if overrides else base)


def _groupings(inputs: ComparisonInputs, group_by: str | Sequence[str] | None) -> list[tuple[str, pd.Series]]:
    names = inputs.settings.group_by if group_by is None else ((group_by,) if isinstance(group_by, str) else tuple(group_by))
    out = []
    for name in names:
        try:
            out.append((name, document_groups(inputs.documents, name)))
        except ValueError as exc:
            if group_by is not None:
                raise
            log.warning("%s: skipped", exc)
    return out


def _members(groups: pd.Series) -> list[tuple[str, list[str]]]:
    """(group, its doc_ids sorted) in sorted group order."""
    frame = pd.DataFrame({"doc_id": groups.index, "group": groups.to_numpy()})
    return [(str(g), sorted(part["doc_id"].tolist())) for g, part in frame.groupby("group", sort=True)]


def _rows_by_group(frame: pd.DataFrame, groups: pd.Series) -> dict[str, pd.DataFrame]:
    """The rows of ``frame`` per group of their document (rows of documents outside ``groups`` dropped), in
    their order: one pass over the rows however many groups there are (weeks of a long corpus: hundreds)."""
    labels = frame["doc_id"].map(groups)
    keep = labels.notna()
    return {str(g): part for g, part in frame[keep].groupby(labels[keep].astype(str), sort=False)}


def _matrix(frame: pd.DataFrame, docs: list[str], column: str, keys: list[str], value: str) -> np.ndarray:
    """Per document (rows, in ``docs`` order) × key (columns, in ``keys`` order) sums of ``value``."""
    out = np.zeros((len(docs), len(keys)))
    if not len(frame) or not docs or not keys:
        return out
    pos = {d: i for i, d in enumerate(docs)}
    kpos = {k: j for j, k in enumerate(keys)}
    part = frame[frame["doc_id"].isin(pos) & frame[column].isin(kpos)]
    np.add.at(out, (part["doc_id"].map(pos).to_numpy(int), part[column].map(kpos).to_numpy(int)), part[value].to_numpy(float))
    return out


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
