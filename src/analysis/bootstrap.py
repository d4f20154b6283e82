"""Seeded bootstrap over documents: percentile confidence intervals for ratios of sums.

Every comparison statistic of :mod:`analysis.comparisons` is a ratio of two sums over the documents of a
group: mentions / words, mentions of one variant / mentions in any declared variant, statements of one
speaker / all statements. The document, not the mention, is the unit of resampling: mentions, statements
and cues of one article are not independent (an article keeps its own naming choice, quotes its speaker
several times, repeats its lead), so resampling documents with replacement keeps that dependence inside
each replicate, and the interval reflects the variation between articles.

Method (nonparametric bootstrap, percentile interval):

1. draw ``n`` document indices uniformly with replacement from the ``n`` documents of the group (this
   is done as a matrix of per-document draw counts, one row per replicate);
2. compute the statistic on that replicate (the ratio of the resampled sums);
3. repeat ``n_replicates`` times (default :data:`DEFAULT_REPLICATES`); the interval is the
   ``(1 − confidence) / 2`` and ``(1 + confidence) / 2`` quantiles of the replicate statistics
   (numpy's default ``linear`` quantile, Hyndman and Fan's type 7). Replicates whose denominator is 0
   (every drawn document has an empty denominator) are left out of the quantiles.

What it assumes: documents of a group are an independent draw from the population of such documents
(the outlet's or month's articles); the interval covers sampling variation between documents only, not
detector errors; with few documents (say under 20) percentile intervals are too narrow, and with one
document the interval collapses to the estimate.

Reproducibility: each interval has its own generator, seeded from the run's seed and a key naming the
table, the grouping, the group and (where resampled separately) the actor (:func:`rng_for`), so an
interval does not change when other groups or actors are added, and a re-run gives identical bytes.
Draw counts and the summed counts are integers, so the sums are exact whatever the BLAS threading.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np

__all__ = [
    "DEFAULT_REPLICATES",
    "DEFAULT_SEED",
    "DEFAULT_CONFIDENCE",
    "Interval",
    "rng_for",
    "replicate_weights",
    "bootstrap_ratio",
    "bootstrap_ratios",
    "percentile_interval",
]

#: Bootstrap replicates per interval.
DEFAULT_REPLICATES = 1000
#: Seed of every comparison run unless one is given.
DEFAULT_SEED = 2018
#: Coverage of every interval unless one is given.
DEFAULT_CONFIDENCE = 0.95
#: Upper bound on the cells of one block of replicate draw counts (replicates x documents).
_BLOCK_CELLS = 4_000_000


class Interval(NamedTuple):
    """Point estimates and the bounds of their percentile intervals, one value per statistic."""

    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray


def rng_for(seed: int, *key: object) -> np.random.Generator:
    """A generator seeded from ``seed`` and a key (e.g. ``"naming", "outlet", "BBC", "ISIS"``).

    The key is hashed (SHA-256), so the stream depends only on the seed and the key's text, not on the
    order in which intervals are computed.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, not {seed!r}")
    digest = hashlib.sha256("\x1f".join(str(k) for k in key).encode("utf-8")).digest()
    words = np.frombuffer(digest[:16], dtype="<u4").tolist()
    return np.random.default_rng(np.random.SeedSequence([int(seed), *words]))


def replicate_weights(n_units: int, n_replicates: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Blocks of draw counts: row ``r`` of a block says how often each unit was drawn in replicate ``r``.

    Each replicate draws ``n_units`` indices uniformly with replacement (``rng.integers``); the blocks
    together hold ``n_replicates`` rows. Block sizes depend only on ``n_units``, so the draws do too.
    """
    if n_units < 1 or n_replicates < 1:
        return
    block = max(1, min(n_replicates, _BLOCK_CELLS // n_units))
    done = 0
    while done < n_replicates:
        b = min(block, n_replicates - done)
        idx = rng.integers(0, n_units, size=(b, n_units))
        flat = (idx + (np.arange(b, dtype=np.int64) * n_units)[:, None]).ravel()
        yield np.bincount(flat, minlength=b * n_units).reshape(b, n_units).astype(np.float64)
        done += b


def percentile_interval(replicates: np.ndarray, confidence: float = DEFAULT_CONFIDENCE) -> tuple[np.ndarray, np.ndarray]:
    """Per column, the ``(1 ± confidence) / 2`` quantiles of the finite replicate values (NaN when none)."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), not {confidence!r}")
    reps = np.asarray(replicates, dtype=np.float64)
    if reps.ndim == 1:
        reps = reps[:, None]
    alpha = (1.0 - confidence) / 2.0
    finite = np.isfinite(reps)
    n = finite.sum(axis=0)
    k = reps.shape[1]
    low = np.full(k, np.nan)
    high = np.full(k, np.nan)
    some = np.flatnonzero(n > 0)
    if some.size:
        # every column at once: sorted with the non-finite values last, then numpy's linear (type 7) rule
        # computed as np.quantile computes it for one column, so each bound equals np.quantile's bit for bit
        ordered = np.sort(np.where(finite[:, some], reps[:, some], np.inf), axis=0)
        low[some] = _linear_quantile(ordered, n[some], alpha)
        high[some] = _linear_quantile(ordered, n[some], 1.0 - alpha)
    return low, high


def _linear_quantile(ordered: np.ndarray, n: np.ndarray, q: float) -> np.ndarray:
    """Per column, the ``q`` quantile of its first ``n`` (sorted) values: numpy's ``linear`` method."""
    index = (n - 1) * q
    below = np.floor(index).astype(np.int64)
    above = np.minimum(below + 1, n - 1)
    gamma = index - below
    columns = np.arange(ordered.shape[1])
    a, b = ordered[below, columns], ordered[above, columns]
    diff = b - a
    return np.where(gamma >= 0.5, b - diff * (1 - gamma), a + diff * gamma)


def bootstrap_ratio(
    numerator: np.ndarray,
    denominator: np.ndarray,
    *,
    n_replicates: int = DEFAULT_REPLICATES,
    rng: np.random.Generator,
    confidence: float = DEFAULT_CONFIDENCE,
    scale: float = 1.0,
) -> Interval:
    """``scale · Σ numerator / Σ denominator`` per column, with a percentile bootstrap interval.

    ``numerator``: per document values, shape ``(n,)`` or ``(n, k)`` (k statistics, e.g. one per actor);
    ``denominator``: shape ``(n,)`` (shared by the k columns) or ``(n, k)``. Rows are documents, resampled
    with replacement as wholes (see the module docstring). NaN where the denominator sums to 0.
    """
    return bootstrap_ratios([(numerator, denominator, scale)], n_replicates=n_replicates, rng=rng,
                            confidence=confidence)[0]


def bootstrap_ratios(
    ratios: Sequence[tuple[np.ndarray, np.ndarray, float]],
    *,
    n_replicates: int = DEFAULT_REPLICATES,
    rng: np.random.Generator,
    confidence: float = DEFAULT_CONFIDENCE,
) -> list[Interval]:
    """Several ratios of sums over the same documents, ``(numerator, denominator, scale)`` each as in
    :func:`bootstrap_ratio`, on one set of replicate draws: a rate and a share of one group's cues
    resample the same documents, so their intervals come from the same replicates (and the draws, the
    costly part, are made once)."""
    if isinstance(n_replicates, bool) or not isinstance(n_replicates, (int, np.integer)) or n_replicates < 1:
        raise ValueError(f"n_replicates must be a positive integer, not {n_replicates!r}")
    prepared = []
    for numerator, denominator, scale in ratios:
        num = np.asarray(numerator, dtype=np.float64)
        den = np.asarray(denominator, dtype=np.float64)
        if num.ndim == 1:
            num = num[:, None]
        if den.ndim == 1:
            den = den[:, None]
        if num.shape[0] != den.shape[0] or den.shape[1] not in (1, num.shape[1]):
            raise ValueError(f"numerator {num.shape} and denominator {den.shape} do not match")
        prepared.append((num, den, scale))
    if not prepared:
        return []
    n = prepared[0][0].shape[0]
    if any(num.shape[0] != n for num, _, _ in prepared):
        raise ValueError("every ratio must have one row per document of the same documents")
    estimates = []
    for num, den, scale in prepared:
        total = np.broadcast_to(den.sum(axis=0), (num.shape[1],))
        with np.errstate(divide="ignore", invalid="ignore"):
            estimates.append(np.where(total > 0, num.sum(axis=0) / np.where(total > 0, total, 1.0), np.nan) * scale)
    if n == 0:
        return [Interval(e, np.full(e.shape, np.nan), np.full(e.shape, np.nan)) for e in estimates]
    reps = [np.empty((n_replicates, num.shape[1])) for num, _, _ in prepared]
    row = 0
    for weights in replicate_weights(n, n_replicates, rng):
        for (num, den, scale), out in zip(prepared, reps):
            d = weights @ den
            s = weights @ num
            with np.errstate(divide="ignore", invalid="ignore"):
                out[row : row + len(weights)] = np.where(d > 0, s / np.where(d > 0, d, 1.0), np.nan) * scale
        row += len(weights)
    intervals = []
    for estimate, replicates in zip(estimates, reps):
        low, high = percentile_interval(replicates, confidence)
        undefined = ~np.isfinite(estimate)
        low[undefined] = np.nan
        high[undefined] = np.nan
        intervals.append(Interval(estimate, low, high))
    return intervals
