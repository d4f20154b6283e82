"""Per-group measures with bootstrap intervals over documents: actor mentions (share of documents, mentions
per 1,000 words), naming variants (shares and the association tests across groups), voices (share of
statements and of reported words) and stance cues (rate and share within their category).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from . import schema
from .association import contingency_test, permutation_test
from .bootstrap import bootstrap_ratio, bootstrap_ratios, rng_for
from .comparison_inputs import ComparisonInputs, ComparisonSettings, _empty, _groupings, _inputs, _matrix, _members, _rows_by_group
from .lazy_modules import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")


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
        by_group = _rows_by_group(inputs.mentions, groups)
        actors = sorted(set().union(*(set(part["actor"]) for part in by_group.values())))
        if not actors:
            continue
        for group, docs in members:
            counts = _matrix(by_group.get(group, inputs.mentions.iloc[:0]), docs, "actor", actors, "n_mentions")
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
        by_group = _rows_by_group(inputs.naming, groups)
        for group, docs in _members(groups):
            part = by_group.get(group, inputs.naming.iloc[:0])
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
        by_group = _rows_by_group(inputs.statements, groups)
        speakers = sorted(set().union(*(set(part["speaker_actor"]) for part in by_group.values())))
        for group, docs in _members(groups):
            st = by_group.get(group)
            if st is None:
                continue
            with_statements = sorted(set(st["doc_id"]))
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
        by_group = _rows_by_group(inputs.cues, groups)
        for group, docs in _members(groups):
            part = by_group.get(group)
            if part is None or not len(part):
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
            rate, share = bootstrap_ratios([(counts, w, 1000.0), (counts, category_totals, 1.0)],
                                           n_replicates=s.n_replicates, rng=rng_for(s.seed, "cues", name, group),
                                           confidence=s.confidence)
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
