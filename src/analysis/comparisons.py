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

import datetime as dt
import email.utils
import functools
import json
import logging
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import schema
from .association import contingency_test, permutation_test
from .bootstrap import DEFAULT_CONFIDENCE, DEFAULT_REPLICATES, DEFAULT_SEED, bootstrap_ratio, rng_for

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
    import duckdb

    from .stance import _variant_of
    from .stance import load_lexicon as load_stance_lexicon

    settings = settings or ComparisonSettings()
    paths = _table_paths(tables)
    if "documents" not in paths:
        raise ValueError("comparisons need the documents table")
    rollup = _rollup_map(settings, Path(actor_lexicon) if actor_lexicon else None)
    lex = load_stance_lexicon(stance_lexicon)
    variants = {actor: [v for v, _ in forms] for actor, forms in lex.naming.items() if forms}
    con = duckdb.connect()
    try:
        con.execute("SET threads TO 4")

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
    finally:
        con.close()

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


# --- mentions ---------------------------------------------------------------------------------------------

MENTION_COLUMNS = schema.COMPARISON_MENTIONS.columns


def mention_comparison(
    source: ComparisonInputs | str | Path | Mapping[str, Path],
    *,
    group_by: str | Sequence[str] | None = None,
    settings: ComparisonSettings | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """Per group × actor: documents, documents mentioning the actor, mentions, mentions per 1,000 words.

    ``source``: a run's table folder, ``{name: path}`` or :func:`load_inputs`' result; ``overrides``:
    fields of :class:`ComparisonSettings` (``n_replicates``, ``seed``, ``include_duplicates``...). Every
    actor mentioned anywhere under a grouping gets a row in each of its groups (0 where unmentioned).
    """
    inputs = _inputs(source, settings, overrides)
    s = inputs.settings
    words = dict(zip(inputs.documents["doc_id"], inputs.documents["n_tokens"]))
    rows = []
    for name, groups in _groupings(inputs, group_by):
        members = _members(groups)
        in_grouping = inputs.mentions[inputs.mentions["doc_id"].isin(groups.index)]
        actors = sorted(set(in_grouping["actor"]))
        if not actors:
            continue
        for group, docs in members:
            counts = _matrix(in_grouping, docs, "actor", actors, "n_mentions")
            w = np.array([words[d] for d in docs], dtype=float)
            rng = rng_for(s.seed, "mentions", name, group)
            rate = bootstrap_ratio(counts, w, n_replicates=s.n_replicates, rng=rng, confidence=s.confidence, scale=1000.0)
            rng = rng_for(s.seed, "mention_documents", name, group)
            share = bootstrap_ratio((counts > 0).astype(float), np.ones(len(docs)), n_replicates=s.n_replicates,
                                    rng=rng, confidence=s.confidence)
            for j, actor in enumerate(actors):
                rows.append({
                    "group_by": name, "group": group, "actor": actor, "n_documents": len(docs), "n_words": int(w.sum()),
                    "n_documents_mentioning": int((counts[:, j] > 0).sum()), "share_documents": share.estimate[j],
                    "share_documents_low": share.low[j], "share_documents_high": share.high[j],
                    "n_mentions": int(counts[:, j].sum()), "mentions_per_1000_words": rate.estimate[j],
                    "mentions_per_1000_words_low": rate.low[j], "mentions_per_1000_words_high": rate.high[j],
                })
    return pd.DataFrame(rows, columns=MENTION_COLUMNS) if rows else _empty(MENTION_COLUMNS)


# --- naming -----------------------------------------------------------------------------------------------

NAMING_COLUMNS = schema.COMPARISON_NAMING.columns
NAMING_TEST_COLUMNS = schema.COMPARISON_NAMING_TESTS.columns


def naming_comparison(
    source: ComparisonInputs | str | Path | Mapping[str, Path],
    *,
    group_by: str | Sequence[str] | None = None,
    settings: ComparisonSettings | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """Per group × actor × declared naming variant: the variant's share of the actor's variant mentions.

    Only mentions written in one of the stance lexicon's declared variants count (``n_variant_mentions``,
    the denominator); a group where the actor is never named in a variant has no rows for it. Each
    declared variant gets a row (share 0 when unused). Intervals resample the group's documents that name
    the actor in a declared variant.
    """
    inputs = _inputs(source, settings, overrides)
    s = inputs.settings
    rows = []
    for name, groups in _groupings(inputs, group_by):
        naming = inputs.naming[inputs.naming["doc_id"].isin(groups.index)]
        for group, docs in _members(groups):
            part = naming[naming["doc_id"].isin(set(docs))]
            for actor in sorted(set(part["actor"])):
                variants = inputs.variants.get(actor) or sorted(set(part.loc[part["actor"] == actor, "variant"]))
                own = part[part["actor"] == actor]
                named_docs = sorted(set(own["doc_id"]))
                counts = _matrix(own, named_docs, "variant", variants, "n_mentions")
                total = counts.sum(axis=1)
                rng = rng_for(s.seed, "naming", name, group, actor)
                share = bootstrap_ratio(counts, total, n_replicates=s.n_replicates, rng=rng, confidence=s.confidence)
                for j, variant in enumerate(variants):
                    rows.append({
                        "group_by": name, "group": group, "actor": actor, "variant": variant,
                        "n_documents": len(named_docs), "n_variant_mentions": int(total.sum()),
                        "n_mentions": int(counts[:, j].sum()), "share": share.estimate[j],
                        "share_low": share.low[j], "share_high": share.high[j],
                    })
    return pd.DataFrame(rows, columns=NAMING_COLUMNS) if rows else _empty(NAMING_COLUMNS)


def naming_tests(
    source: ComparisonInputs | str | Path | Mapping[str, Path],
    *,
    group_by: str | Sequence[str] | None = None,
    settings: ComparisonSettings | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """Per grouping × actor: do the groups differ in how they name the actor? Chi-square, G², Cramér's V
    on the groups × variants table of mentions, and a document-level permutation p-value."""
    inputs = _inputs(source, settings, overrides)
    s = inputs.settings
    rows = []
    for name, groups in _groupings(inputs, group_by):
        naming = inputs.naming[inputs.naming["doc_id"].isin(groups.index)]
        for actor in sorted(set(naming["actor"])):
            own = naming[naming["actor"] == actor]
            variants = inputs.variants.get(actor) or sorted(set(own["variant"]))
            docs = sorted(set(own["doc_id"]))
            counts = _matrix(own, docs, "variant", variants, "n_mentions")
            labels_text = groups.reindex(docs).to_numpy()
            names = sorted(set(labels_text))
            labels = np.array([names.index(g) for g in labels_text], dtype=np.int64)
            table = np.stack([counts[labels == i].sum(axis=0) for i in range(len(names))]) if names else np.zeros((0, len(variants)))
            test = contingency_test(table)
            p_perm = float("nan")
            if test.df > 0:
                p_perm = permutation_test(counts, labels, n_permutations=s.n_permutations,
                                          rng=rng_for(s.seed, "naming_tests", name, actor))
            rows.append({
                "group_by": name, "actor": actor, "n_groups": test.n_rows, "n_variants": test.n_cols,
                "n_documents": len(docs), "n_mentions": test.n, "df": test.df, "chi2": test.chi2,
                "p_chi2": test.p_chi2, "g2": test.g2, "p_g2": test.p_g2, "cramers_v": test.cramers_v,
                "min_expected": test.min_expected, "p_permutation": p_perm,
                "n_permutations": s.n_permutations if test.df > 0 else 0,
            })
    return pd.DataFrame(rows, columns=NAMING_TEST_COLUMNS) if rows else _empty(NAMING_TEST_COLUMNS)


# --- voices and cues --------------------------------------------------------------------------------------

VOICE_COLUMNS = schema.COMPARISON_VOICES.columns
CUE_COLUMNS = schema.COMPARISON_CUES.columns


def voice_comparison(
    source: ComparisonInputs | str | Path | Mapping[str, Path],
    *,
    group_by: str | Sequence[str] | None = None,
    settings: ComparisonSettings | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """Per group × speaking actor: its share of the group's statements and of their words, with intervals.

    Every speaker heard anywhere under a grouping gets a row in each group that has statements (0 when
    unheard there). Intervals resample the group's documents that hold at least one statement.
    """
    inputs = _inputs(source, settings, overrides)
    s = inputs.settings
    rows = []
    for name, groups in _groupings(inputs, group_by):
        st = inputs.statements[inputs.statements["doc_id"].isin(groups.index)]
        speakers = sorted(set(st["speaker_actor"]))
        for group, docs in _members(groups):
            with_statements = sorted(set(st.loc[st["doc_id"].isin(set(docs)), "doc_id"]))
            if not with_statements:
                continue
            n = _matrix(st, with_statements, "speaker_actor", speakers, "n_statements")
            direct = _matrix(st, with_statements, "speaker_actor", speakers, "n_direct")
            words = _matrix(st, with_statements, "speaker_actor", speakers, "n_words")
            rng = rng_for(s.seed, "voices", name, group)
            share_n = bootstrap_ratio(n, n.sum(axis=1), n_replicates=s.n_replicates, rng=rng, confidence=s.confidence)
            rng = rng_for(s.seed, "voice_words", name, group)
            share_w = bootstrap_ratio(words, words.sum(axis=1), n_replicates=s.n_replicates, rng=rng, confidence=s.confidence)
            for j, speaker in enumerate(speakers):
                rows.append({
                    "group_by": name, "group": group, "speaker_actor": speaker, "n_documents": len(with_statements),
                    "n_group_statements": int(n.sum()), "n_statements": int(n[:, j].sum()), "n_direct": int(direct[:, j].sum()),
                    "share_statements": share_n.estimate[j], "share_statements_low": share_n.low[j],
                    "share_statements_high": share_n.high[j], "n_group_words": int(words.sum()),
                    "n_words": int(words[:, j].sum()), "share_words": share_w.estimate[j],
                    "share_words_low": share_w.low[j], "share_words_high": share_w.high[j],
                })
    return pd.DataFrame(rows, columns=VOICE_COLUMNS) if rows else _empty(VOICE_COLUMNS)


def cue_comparison(
    source: ComparisonInputs | str | Path | Mapping[str, Path],
    *,
    group_by: str | Sequence[str] | None = None,
    settings: ComparisonSettings | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """Per group × voice × cue category and subtype: cues per 1,000 words of the group's documents, and the
    subtype's share of that voice's cues of the category (e.g. distancing among the SDF's reporting verbs).

    Only combinations seen in the group get a row. Both intervals resample all the group's documents (one
    set of replicates per group); for the share, replicates drawing no cue of that voice and category are
    left out.
    """
    inputs = _inputs(source, settings, overrides)
    s = inputs.settings
    words = dict(zip(inputs.documents["doc_id"], inputs.documents["n_tokens"]))
    rows = []
    for name, groups in _groupings(inputs, group_by):
        cues = inputs.cues[inputs.cues["doc_id"].isin(groups.index)]
        for group, docs in _members(groups):
            part = cues[cues["doc_id"].isin(set(docs))]
            if not len(part):
                continue
            keys = sorted(set(zip(part["speaker_actor"], part["category"], part["subtype"])))
            part = part.assign(key=list(zip(part["speaker_actor"], part["category"], part["subtype"])))
            counts = _matrix(part, docs, "key", keys, "n_cues")
            # each column's denominator for the share: the document's cues of the same voice and category
            cell_of = {}
            for j, (speaker, category, _) in enumerate(keys):
                cell_of.setdefault((speaker, category), []).append(j)
            category_totals = np.zeros_like(counts)
            for columns in cell_of.values():
                category_totals[:, columns] = counts[:, columns].sum(axis=1, keepdims=True)
            w = np.array([words[d] for d in docs], dtype=float)
            # one set of replicates per group (the same draws for the rate and the share)
            rate = bootstrap_ratio(counts, w, n_replicates=s.n_replicates, rng=rng_for(s.seed, "cues", name, group),
                                   confidence=s.confidence, scale=1000.0)
            share = bootstrap_ratio(counts, category_totals, n_replicates=s.n_replicates,
                                    rng=rng_for(s.seed, "cues", name, group), confidence=s.confidence)
            for j, (speaker, category, subtype) in enumerate(keys):
                rows.append({
                    "group_by": name, "group": group, "speaker_actor": speaker, "category": category,
                    "subtype": subtype, "n_documents": len(docs), "n_words": int(w.sum()),
                    "n_cues": int(counts[:, j].sum()), "cues_per_1000_words": rate.estimate[j],
                    "cues_per_1000_words_low": rate.low[j], "cues_per_1000_words_high": rate.high[j],
                    "n_category_cues": int(category_totals[:, j].sum()), "share_in_category": share.estimate[j],
                    "share_in_category_low": share.low[j], "share_in_category_high": share.high[j],
                })
    return pd.DataFrame(rows, columns=CUE_COLUMNS) if rows else _empty(CUE_COLUMNS)


# --- co-mention networks per group ------------------------------------------------------------------------

EDGE_COLUMNS = schema.COMPARISON_EDGES.columns


def edge_comparison(
    source: ComparisonInputs | str | Path | Mapping[str, Path],
    *,
    group_by: str | Sequence[str] | None = None,
    settings: ComparisonSettings | None = None,
    context: str = "sentence",
    window: int = 10,
    count: str = "boolean",
    include_headline: bool = True,
    include_repeated: bool = False,
    actor_lexicon: str | Path | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """Per group: the co-mention network's edges, with the context definition of :mod:`analysis.network`
    (defaults as ``edges.csv``: sentence contexts, boolean count, headline in, repeated lines out).

    One pass over the mentions and sentences, document by document, feeding each document to its group's
    network in every grouping, so memory holds only the per-group pair counts.
    """
    from . import network

    inputs = _inputs(source, settings, overrides)
    s = inputs.settings
    paths = inputs.paths
    if "mentions" not in paths or "sentences" not in paths:
        return _empty(EDGE_COLUMNS)
    rollup = _rollup_map(s, Path(actor_lexicon) if actor_lexicon else None) if s.rollup_coalition else None
    opts = network._options(context, window, count, include_headline, include_repeated, s.rollup_coalition, rollup)
    groupings = _groupings(inputs, group_by)
    with tempfile.TemporaryDirectory(prefix=".comparison-edges.") as tmp:
        mentions_path = _mentions_without_boilerplate(paths["mentions"], Path(tmp), s)
        if opts.context == "window":
            rows = _window_edges(network, opts, mentions_path, paths["sentences"], groupings)
        else:
            rows = _unit_edges(network, opts, mentions_path, paths["sentences"], groupings)
    return pd.DataFrame(rows, columns=EDGE_COLUMNS) if rows else _empty(EDGE_COLUMNS)


def _unit_edges(network: Any, opts: Any, mentions: Path, sentences: Path,
                groupings: list[tuple[str, pd.Series]]) -> list[dict[str, Any]]:
    """Per-group edges of sentence, paragraph or document contexts: the network's own queries
    (:func:`analysis.queries.co_mention_tables`) joined to each document's group."""
    from . import queries

    doc_groups = pd.DataFrame(
        [(name, i, str(doc_id), str(group)) for i, (name, groups) in enumerate(groupings) for doc_id, group in groups.items()],
        columns=["group_by", "grouping", "doc_id", "grp"],
    )
    with queries.row_tables({"mentions": mentions, "sentences": sentences, "doc_groups": doc_groups},
                            dict(opts.rollup)) as con:
        queries.co_mention_tables(con, context=opts.context, include_headline=opts.include_headline,
                                  include_repeated=opts.include_repeated)
        found = con.execute(queries.GROUP_EDGES_SQL).fetchall()
    rows = []
    for name, _, grp, a, b, n_docs, nab, n_pairs, na, nb, n_units in found:
        rows.append({"group_by": name, "group": grp, "source": a, "target": b, "n_documents": int(n_docs),
                     "weight": int(nab) if opts.count == "boolean" else int(n_pairs), "n_contexts": int(nab),
                     "n_mention_pairs": int(n_pairs), "source_contexts": int(na), "target_contexts": int(nb),
                     "n_units": int(n_units), "npmi": network.npmi(nab, na, nb, n_units),
                     "jaccard": network.jaccard(nab, na, nb)})
    return rows


def _window_edges(network: Any, opts: Any, mentions: Path, sentences: Path,
                  groupings: list[tuple[str, pd.Series]]) -> list[dict[str, Any]]:
    """Per-group edges of the token window: each document fed to its group's window count."""
    accumulators: dict[tuple[str, str], Any] = {}
    n_docs: dict[tuple[str, str], int] = {}
    lookup = [(name, groups.to_dict()) for name, groups in groupings]
    for doc_id, sents, ments in network._documents(mentions, sentences, need_text=True):
        for name, groups in lookup:
            group = groups.get(doc_id)
            if group is None:  # a duplicate left out, or a document absent from the documents table
                continue
            key = (name, group)
            acc = accumulators.get(key)
            if acc is None:
                acc = accumulators[key] = network._Accumulator(opts, None, 0)
            acc.add(doc_id, sents, ments)
            n_docs[key] = n_docs.get(key, 0) + 1
    rows = []
    order = {name: i for i, (name, _) in enumerate(groupings)}
    for (name, group), acc in sorted(accumulators.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        for edge in acc.result().edges[network.EDGE_COLUMNS].to_dict("records"):
            rows.append({"group_by": name, "group": group, "n_documents": n_docs[(name, group)], **edge})
    return rows


def _mentions_without_boilerplate(path: Path, folder: Path, settings: ComparisonSettings) -> Path:
    """The mentions table itself, or (when it flags page furniture) a copy without those rows, in order."""
    import duckdb

    if settings.include_boilerplate:
        return path
    con = duckdb.connect()
    try:
        src = _sql_source(path)
        cols = [d[0] for d in con.execute(f"SELECT * FROM {src} LIMIT 0").description]
        if "is_boilerplate" not in cols:
            return path
        keep = ", ".join(c for c in ("doc_id", "start", '"end"', "actor", "sentence_id") if c.strip('"') in cols)
        out = folder / "mentions.csv"
        con.execute("SET preserve_insertion_order = true")
        quoted = str(out).replace("'", "''")
        con.execute(f"COPY (SELECT {keep} FROM {src} WHERE NOT {_is_true('is_boilerplate')}) TO '{quoted}' (HEADER, DELIMITER ',')")
        return out
    finally:
        con.close()


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

