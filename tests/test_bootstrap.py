"""The document bootstrap: seeded, exact on constant data, intervals around the estimate."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.bootstrap import bootstrap_ratio, percentile_interval, replicate_weights, rng_for


def test_replicate_weights_draw_n_units_per_replicate() -> None:
    blocks = list(replicate_weights(7, 25, rng_for(3, "w")))
    weights = np.vstack(blocks)
    assert weights.shape == (25, 7) and (weights.sum(axis=1) == 7).all()
    again = np.vstack(list(replicate_weights(7, 25, rng_for(3, "w"))))
    assert (weights == again).all()


def test_same_key_same_stream_other_key_other_stream() -> None:
    a = rng_for(2018, "naming", "outlet", "BBC", "ISIS").integers(0, 1 << 30, 5)
    b = rng_for(2018, "naming", "outlet", "BBC", "ISIS").integers(0, 1 << 30, 5)
    c = rng_for(2018, "naming", "outlet", "CNN", "ISIS").integers(0, 1 << 30, 5)
    d = rng_for(2019, "naming", "outlet", "BBC", "ISIS").integers(0, 1 << 30, 5)
    assert (a == b).all() and not (a == c).all() and not (a == d).all()
    with pytest.raises(ValueError):
        rng_for(-1, "x")


def test_ratio_of_sums_and_its_interval() -> None:
    mentions = np.array([1, 4, 0, 7, 2, 3, 5, 0, 1, 6], dtype=float)
    words = np.array([100, 250, 80, 400, 120, 300, 260, 90, 110, 290], dtype=float)
    result = bootstrap_ratio(mentions, words, n_replicates=500, rng=rng_for(5, "r"), scale=1000.0)
    assert result.estimate[0] == pytest.approx(1000 * 29 / 2000)
    assert result.low[0] <= result.estimate[0] <= result.high[0]
    assert result.low[0] < result.high[0]
    # the same seed gives the same interval, another seed another one
    again = bootstrap_ratio(mentions, words, n_replicates=500, rng=rng_for(5, "r"), scale=1000.0)
    other = bootstrap_ratio(mentions, words, n_replicates=500, rng=rng_for(6, "r"), scale=1000.0)
    assert (again.low == result.low).all() and (again.high == result.high).all()
    assert (other.low != result.low).any() or (other.high != result.high).any()


def test_constant_documents_and_single_documents_collapse_to_the_estimate() -> None:
    result = bootstrap_ratio(np.array([2.0, 2.0, 2.0]), np.array([4.0, 4.0, 4.0]), n_replicates=50, rng=rng_for(1))
    assert result.low[0] == result.high[0] == result.estimate[0] == 0.5
    one = bootstrap_ratio(np.array([[1.0, 3.0]]), np.array([4.0]), n_replicates=20, rng=rng_for(1))
    assert list(one.low) == list(one.estimate) == list(one.high) == [0.25, 0.75]


def test_zero_denominators_are_undefined_not_zero() -> None:
    result = bootstrap_ratio(np.zeros((3, 2)), np.zeros(3), n_replicates=10, rng=rng_for(1))
    assert np.isnan(result.estimate).all() and np.isnan(result.low).all() and np.isnan(result.high).all()
    low, high = percentile_interval(np.array([[np.nan, 1.0], [np.nan, 3.0]]))
    assert np.isnan(low[0]) and low[1] == pytest.approx(1.05) and high[1] == pytest.approx(2.95)


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValueError):
        bootstrap_ratio(np.ones(3), np.ones(3), n_replicates=0, rng=rng_for(1))
    with pytest.raises(ValueError):
        bootstrap_ratio(np.ones((3, 2)), np.ones((4, 1)), rng=rng_for(1))
    with pytest.raises(ValueError):
        percentile_interval(np.ones(3), confidence=1.5)


def test_percentile_interval_equals_numpy_quantile_of_each_columns_finite_values():
    """The bounds are computed for every column at once; each must be np.quantile of that column's finite
    replicates, bit for bit (the committed tables are compared byte for byte across runs)."""
    rng = np.random.default_rng(7)
    alpha = (1 - 0.9) / 2
    for trial in range(60):
        reps = rng.normal(size=(int(rng.integers(1, 800)), int(rng.integers(1, 25)))) * rng.integers(1, 500)
        reps[rng.random(reps.shape) < 0.04 * (trial % 3)] = np.nan
        reps[rng.random(reps.shape) < 0.01 * (trial % 2)] = np.inf
        if trial % 4 == 0:
            reps[:, 0] = np.nan
        low, high = percentile_interval(reps, confidence=0.9)
        for j in range(reps.shape[1]):
            column = reps[np.isfinite(reps[:, j]), j]
            want = np.quantile(column, [alpha, 1 - alpha]) if column.size else [np.nan, np.nan]
            assert np.array_equal([low[j], high[j]], want, equal_nan=True), (trial, j)


def test_ratios_on_one_set_of_draws_equal_separate_calls_with_the_same_seed():
    """A rate and a share computed together use the same replicate draws as two calls seeded alike."""
    from analysis.bootstrap import bootstrap_ratios

    rng = np.random.default_rng(3)
    counts = rng.poisson(2.0, size=(40, 6)).astype(float)
    words = rng.integers(50, 500, size=40).astype(float)
    totals = np.repeat(counts[:, :3].sum(axis=1, keepdims=True), 6, axis=1)
    together = bootstrap_ratios([(counts, words, 1000.0), (counts, totals, 1.0)], n_replicates=300,
                                rng=rng_for(5, "g"))
    alone = [bootstrap_ratio(counts, words, n_replicates=300, rng=rng_for(5, "g"), scale=1000.0),
             bootstrap_ratio(counts, totals, n_replicates=300, rng=rng_for(5, "g"))]
    for a, b in zip(together, alone):
        for x, y in zip(a, b):
            assert np.array_equal(x, y, equal_nan=True)
    assert not np.array_equal(together[0].low, together[1].low)
    with pytest.raises(ValueError):
        bootstrap_ratios([(counts, words, 1.0), (counts[:5], words[:5], 1.0)], rng=rng_for(1))
