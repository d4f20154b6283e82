"""Tests of association for a groups × categories table of counts (e.g. outlets × naming variants).

:func:`contingency_test` gives Pearson's chi-square and the likelihood-ratio G² with their asymptotic
p-values (chi-square distribution with ``(r − 1)(c − 1)`` degrees of freedom) and Cramér's V as the
effect size: ``V = sqrt(χ² / (n · (min(r, c) − 1)))``, 0 when the groups use the categories in the same
proportions, 1 when each group uses categories no other group uses. Rows and columns that are all zero
are left out first (a group that never names the actor says nothing about how it names it).

Both asymptotic p-values assume that the counted items (mentions) are independent and that expected
counts are not small (the usual rule: all ``≥ 1`` and most ``≥ 5``; ``min_expected`` is reported). News
mentions are not independent: an article tends to keep one name for an actor throughout, so mentions
cluster within documents and the asymptotic p-values are too small. :func:`permutation_test` keeps the
document as the unit: it shuffles the group labels of whole documents (each document keeping its own
counts) and asks how often a shuffle gives a chi-square at least as large as the observed one. It assumes
only that, with no difference between groups, documents are exchangeable between them.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

__all__ = ["ContingencyTest", "contingency_test", "chi_square", "g_square", "cramers_v", "permutation_test"]


class ContingencyTest(NamedTuple):
    """Result of :func:`contingency_test` (NaN statistics when fewer than 2 rows or columns have counts)."""

    n: int  # total count
    n_rows: int  # rows with a count
    n_cols: int  # columns with a count
    df: int  # (n_rows - 1)(n_cols - 1)
    chi2: float
    p_chi2: float
    g2: float
    p_g2: float
    cramers_v: float
    min_expected: float


def _reduced(table: np.ndarray) -> np.ndarray:
    t = np.asarray(table, dtype=np.float64)
    if t.ndim != 2:
        raise ValueError(f"a contingency table is two-dimensional, not {t.ndim}-dimensional")
    if (t < 0).any():
        raise ValueError("a contingency table holds counts, not negative numbers")
    return t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]


def _expected(t: np.ndarray) -> np.ndarray:
    return np.outer(t.sum(axis=1), t.sum(axis=0)) / t.sum()


def chi_square(table: np.ndarray) -> float:
    """Pearson's ``Σ (O − E)² / E`` with ``E = row total · column total / n`` (empty rows/columns dropped)."""
    t = _reduced(table)
    if t.shape[0] < 2 or t.shape[1] < 2:
        return float("nan")
    e = _expected(t)
    return float(((t - e) ** 2 / e).sum())


def g_square(table: np.ndarray) -> float:
    """The likelihood-ratio statistic ``2 Σ O ln(O / E)`` over cells with ``O > 0``."""
    t = _reduced(table)
    if t.shape[0] < 2 or t.shape[1] < 2:
        return float("nan")
    e = _expected(t)
    nz = t > 0
    return float(2.0 * (t[nz] * np.log(t[nz] / e[nz])).sum())


def cramers_v(chi2: float, n: float, n_rows: int, n_cols: int) -> float:
    """``sqrt(χ² / (n · (min(r, c) − 1)))`` (no bias correction)."""
    k = min(n_rows, n_cols) - 1
    if k < 1 or n <= 0 or not math.isfinite(chi2):
        return float("nan")
    return math.sqrt(chi2 / (n * k))


def contingency_test(table: np.ndarray) -> ContingencyTest:
    """Chi-square, G², their asymptotic p-values and Cramér's V of a table of counts (rows: groups)."""
    t = _reduced(table)
    n = int(round(t.sum()))
    r, c = t.shape if t.size else (0, 0)
    if r < 2 or c < 2:
        nan = float("nan")
        return ContingencyTest(n, r, c, 0, nan, nan, nan, nan, nan, nan)
    from scipy import stats  # scipy.stats takes half a second to import: only when a test is computed

    df = (r - 1) * (c - 1)
    chi2 = chi_square(t)
    g2 = g_square(t)
    return ContingencyTest(
        n, r, c, df, chi2, float(stats.chi2.sf(chi2, df)), g2, float(stats.chi2.sf(g2, df)),
        cramers_v(chi2, n, r, c), float(_expected(t).min()),
    )


def permutation_test(unit_counts: np.ndarray, labels: np.ndarray, *, n_permutations: int,
                     rng: np.random.Generator) -> float:
    """p-value of the chi-square of ``groups × categories`` when whole units (documents) swap groups.

    ``unit_counts``: shape ``(n_units, n_categories)``, each unit's counts; ``labels``: each unit's group
    (integers ``0..G-1``). Returns ``(1 + #{χ²_perm ≥ χ²_obs}) / (1 + n_permutations)`` (Phipson and
    Smyth's estimate, never 0); NaN when the observed table has fewer than 2 groups or categories.
    """
    counts = np.asarray(unit_counts, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    if counts.ndim != 2 or len(labels) != counts.shape[0]:
        raise ValueError("unit_counts must be (n_units, n_categories) with one label per unit")
    if n_permutations < 1:
        raise ValueError(f"n_permutations must be positive, not {n_permutations!r}")
    if counts.shape[0] == 0:
        return float("nan")
    n_groups = int(labels.max()) + 1

    def table(lab: np.ndarray) -> np.ndarray:
        return np.stack([np.bincount(lab, weights=counts[:, j], minlength=n_groups) for j in range(counts.shape[1])], axis=1)

    observed = chi_square(table(labels))
    if not math.isfinite(observed):
        return float("nan")
    tolerance = 1e-9 * max(1.0, abs(observed))
    hits = 0
    for _ in range(n_permutations):
        value = chi_square(table(rng.permutation(labels)))
        if math.isfinite(value) and value >= observed - tolerance:
            hits += 1
    return (1 + hits) / (1 + n_permutations)
