"""Chi-square, G² and Cramér's V against a 2 × 3 table worked by hand; the document permutation test."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.association import chi_square, contingency_test, cramers_v, g_square, permutation_test
from analysis.bootstrap import rng_for

# Two outlets (rows) naming one actor in three variants (columns). Row totals 60 and 50, column totals
# 30, 40, 40, n = 110, so the expected counts E = row · column / n are
#   180/11  240/11  240/11
#   150/11  200/11  200/11
TABLE = [[10, 20, 30], [20, 20, 10]]
# chi-square = Σ (O − E)² / E, cell by cell:
#   (110−180)²/(11·180) + (220−240)²/(11·240) + (330−240)²/(11·240)
# + (220−150)²/(11·150) + (220−200)²/(11·200) + (110−200)²/(11·200)  = 451/36
CHI2 = 451 / 36
G2 = 2 * (10 * math.log(110 / 180) + 20 * math.log(220 / 240) + 30 * math.log(330 / 240)
          + 20 * math.log(220 / 150) + 20 * math.log(220 / 200) + 10 * math.log(110 / 200))
# with df = (2 − 1)(3 − 1) = 2 the chi-square survival function is exp(−x / 2)
P_CHI2 = math.exp(-CHI2 / 2)
P_G2 = math.exp(-G2 / 2)
V = math.sqrt(CHI2 / (110 * (2 - 1)))


def test_chi_square_g_square_and_cramers_v_by_hand() -> None:
    test = contingency_test(np.array(TABLE))
    assert test.n == 110 and test.df == 2 and (test.n_rows, test.n_cols) == (2, 3)
    assert test.chi2 == pytest.approx(CHI2, rel=1e-12)
    assert chi_square(np.array(TABLE)) == pytest.approx(12.527777777777779, rel=1e-12)
    assert test.g2 == pytest.approx(G2, rel=1e-12)
    assert g_square(np.array(TABLE)) == pytest.approx(12.952596352875817, rel=1e-12)
    assert test.p_chi2 == pytest.approx(P_CHI2, rel=1e-9)
    assert test.p_g2 == pytest.approx(P_G2, rel=1e-9)
    assert test.cramers_v == pytest.approx(V, rel=1e-12) == pytest.approx(0.33747427885, rel=1e-9)
    assert test.min_expected == pytest.approx(150 / 11)


def test_empty_rows_and_columns_are_dropped_and_a_single_group_has_no_test() -> None:
    padded = np.array([[10, 0, 20, 30], [0, 0, 0, 0], [20, 0, 20, 10]])
    assert contingency_test(padded).chi2 == pytest.approx(CHI2)
    single = contingency_test(np.array([[3, 4, 0]]))
    assert single.df == 0 and math.isnan(single.chi2) and math.isnan(single.cramers_v)
    assert cramers_v(CHI2, 110, 2, 3) == pytest.approx(V)
    with pytest.raises(ValueError):
        contingency_test(np.array([[1, -1], [2, 2]]))


def test_identical_proportions_give_zero_association() -> None:
    test = contingency_test(np.array([[2, 4, 6], [1, 2, 3]]))
    assert test.chi2 == pytest.approx(0.0, abs=1e-12) and test.cramers_v == pytest.approx(0.0, abs=1e-6)
    assert test.p_chi2 == pytest.approx(1.0)


def test_permutation_test_keeps_documents_whole_and_is_seeded() -> None:
    # six documents per outlet; outlet 0 always writes variant 0, outlet 1 variant 2
    docs = np.array([[3, 0, 0]] * 6 + [[0, 0, 2]] * 6, dtype=float)
    labels = np.array([0] * 6 + [1] * 6)
    p = permutation_test(docs, labels, n_permutations=199, rng=rng_for(1, "t"))
    assert p == permutation_test(docs, labels, n_permutations=199, rng=rng_for(1, "t"))
    assert 1 / 200 <= p < 0.05
    # no difference at all: every shuffle is as extreme as the observed table
    same = np.array([[1, 1, 0]] * 8, dtype=float)
    assert permutation_test(same, np.array([0, 1] * 4), n_permutations=50, rng=rng_for(1, "u")) == 1.0
