"""Span scoring: counts, overlap vs exact matching, labels kept apart, error listing, bad input."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.validation import OVERALL, score_spans, span_errors


def _spans(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "actor"])


GOLD = _spans(("d1", 0, 5, "SDF"), ("d1", 10, 15, "US"), ("d1", 20, 25, "SDF"), ("d2", 0, 4, "ISIS"))


def _row(table: pd.DataFrame, label: str) -> pd.Series:
    return table.set_index(table.columns[0]).loc[label]


def test_perfect_prediction_scores_one_per_label_and_overall():
    table = score_spans(GOLD, GOLD)
    assert list(table["actor"]) == ["ISIS", "SDF", "US", OVERALL]
    assert (table["precision"] == 1).all() and (table["recall"] == 1).all() and (table["f1"] == 1).all()
    assert _row(table, OVERALL)["n_gold"] == 4


def test_overlap_counts_partial_spans_but_exact_does_not():
    pred = _spans(("d1", 2, 8, "SDF"), ("d1", 10, 15, "US"))
    overlap = score_spans(pred, GOLD, match="overlap")
    exact = score_spans(pred, GOLD, match="exact")
    assert _row(overlap, "SDF")["tp_predicted"] == 1
    assert _row(exact, "SDF")["tp_predicted"] == 0
    assert _row(overlap, "SDF")["recall"] == pytest.approx(0.5)  # the second SDF gold span is missed
    assert _row(exact, "US")["f1"] == 1


def test_touching_spans_do_not_overlap():
    pred = _spans(("d1", 5, 10, "SDF"))  # ends where the gold span starts, starts where one ends
    table = score_spans(pred, GOLD)
    assert _row(table, "SDF")["tp_predicted"] == 0


def test_label_and_document_must_agree():
    pred = _spans(("d1", 0, 5, "US"), ("d2", 10, 15, "US"))
    table = score_spans(pred, GOLD)
    assert _row(table, "US")["tp_predicted"] == 0  # right offsets of the wrong actor, wrong document
    assert _row(table, "US")["precision"] == 0
    assert _row(table, "US")["recall"] == 0
    assert _row(table, "SDF")["recall"] == 0
    assert math.isnan(_row(table, "SDF")["precision"])  # nothing predicted for SDF


def test_nested_gold_spans_found_by_prefix_maximum():
    gold = _spans(("d", 0, 100, "X"), ("d", 10, 12, "X"))
    pred = _spans(("d", 50, 55, "X"))  # inside the long span only, after the short one
    assert _row(score_spans(pred, gold), "X")["tp_predicted"] == 1


def test_micro_average_and_f1_formula():
    pred = _spans(("d1", 0, 5, "SDF"), ("d1", 30, 35, "SDF"), ("d1", 10, 15, "US"))
    table = score_spans(pred, GOLD)
    overall = _row(table, OVERALL)
    p, r = 2 / 3, 2 / 4
    assert overall["precision"] == pytest.approx(p)
    assert overall["recall"] == pytest.approx(r)
    assert overall["f1"] == pytest.approx(2 * p * r / (p + r))


def test_unlabelled_scoring_and_dataclass_input():
    from dataclasses import dataclass

    @dataclass
    class Span:
        doc_id: str
        start: int
        end: int

    table = score_spans([Span("d1", 0, 3)], [{"doc_id": "d1", "start": 1, "end": 4}], by=None)
    assert list(table.columns)[0] == "label"
    assert _row(table, OVERALL)["f1"] == 1


def test_error_listing_names_false_positives_and_negatives_with_text():
    text = "قوات سوريا الديمقراطية وواشنطن"
    gold = _spans(("d", 0, 22, "SDF"), ("d", 24, 30, "US"))
    pred = _spans(("d", 0, 4, "SDF"), ("d", 5, 10, "RUSSIA"))
    errors = span_errors(pred, gold, texts={"d": text}, window=5)
    assert list(errors["error"]) == ["false_negative", "false_positive"]
    fn = errors.iloc[0]
    assert fn["surface"] == "واشنطن" and fn["actor"] == "US"
    assert "[واشنطن]" in fn["context"]
    assert errors.iloc[1]["surface"] == "سوريا"


def test_bad_parameters_raise():
    with pytest.raises(ValueError, match="match"):
        score_spans(GOLD, GOLD, match="fuzzy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lack column"):
        score_spans(GOLD.drop(columns="actor"), GOLD)
    with pytest.raises(ValueError, match="start >= end"):
        score_spans(_spans(("d", 5, 5, "X")), GOLD)
    with pytest.raises(ValueError, match="by"):
        score_spans(GOLD, GOLD, by="start")
