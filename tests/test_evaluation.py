"""Evaluation: the one gold loader, one-to-one span matching, the P/R/F1 convention, error listings, and the
scores of the detectors on the first article."""

from __future__ import annotations

import logging
import math
from pathlib import Path

import pandas as pd
import pytest

from analysis import config, evaluation
from analysis.actors import KINDS
from analysis.evaluation import OVERALL, SCORE_COLUMNS, evaluate, evaluation_errors, label_accuracy, load_gold

FIRST_ID = "aljazeera/2016-05-24_sdf-offensive-north-raqqa"


def _spans(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "actor"])


GOLD = _spans(("d1", 0, 5, "SDF"), ("d1", 10, 15, "US"), ("d1", 20, 25, "SDF"), ("d2", 0, 4, "ISIS"))


def _row(table: pd.DataFrame, group: str) -> pd.Series:
    return table.set_index("group").loc[group]


# --- matching and the P/R/F1 convention ---------------------------------------------------------------------

def test_perfect_prediction_scores_one_per_label_and_overall():
    table = evaluate("mentions", GOLD, GOLD)
    assert list(table.columns) == SCORE_COLUMNS
    assert list(table["group"]) == ["ISIS", "SDF", "US", OVERALL]
    assert set(table["layer"]) == {"mentions"} and set(table["by"]) == {"actor"}
    assert (table[["precision", "recall", "f1"]] == 1).all().all()
    assert _row(table, OVERALL)["n_gold"] == 4 and _row(table, OVERALL)["tp"] == 4


def test_overlap_counts_partial_spans_but_exact_does_not():
    pred = _spans(("d1", 2, 8, "SDF"), ("d1", 10, 15, "US"))
    overlap = evaluate("mentions", pred, GOLD, match="overlap")
    exact = evaluate("mentions", pred, GOLD, match="exact")
    assert _row(overlap, "SDF")["tp"] == 1 and _row(exact, "SDF")["tp"] == 0
    assert _row(overlap, "SDF")["recall"] == pytest.approx(0.5)  # the second SDF gold span is missed
    assert _row(exact, "US")["f1"] == 1


def test_touching_spans_do_not_overlap():
    assert _row(evaluate("mentions", _spans(("d1", 5, 10, "SDF")), GOLD), "SDF")["tp"] == 0


def test_label_and_document_must_agree():
    pred = _spans(("d1", 0, 5, "US"), ("d2", 10, 15, "US"))
    table = evaluate("mentions", pred, GOLD)
    assert _row(table, "US")["tp"] == 0  # right offsets of the wrong actor, wrong place in another document
    assert _row(table, "US")["precision"] == 0 and _row(table, "US")["recall"] == 0
    sdf = _row(table, "SDF")
    assert sdf["recall"] == 0 and sdf["n_predicted"] == 0 and math.isnan(sdf["precision"]) and sdf["f1"] == 0


def test_matching_is_one_to_one_by_largest_overlap():
    gold = _spans(("d", 0, 10, "X"))
    split = _spans(("d", 0, 3, "X"), ("d", 3, 10, "X"))  # one gold span found as two: one right, one wrong
    row = _row(evaluate("mentions", split, gold, by="actor"), "X")
    assert (row["tp"], row["precision"], row["recall"]) == (1, 0.5, 1.0)
    errors = evaluation_errors("mentions", split, gold)
    assert errors[["error", "start", "end"]].values.tolist() == [["false_positive", 0, 3]]  # the larger overlap won
    # a predicted span overlapping two gold spans takes the one it overlaps most; the other stays missed
    gold2 = _spans(("d", 0, 4, "X"), ("d", 5, 20, "X"))
    pred2 = _spans(("d", 2, 12, "X"))
    errors = evaluation_errors("mentions", pred2, gold2)
    assert errors[["error", "start"]].values.tolist() == [["false_negative", 0]]


def test_greedy_matching_does_not_steal_a_better_pair():
    gold = _spans(("d", 0, 10, "X"), ("d", 10, 20, "X"))
    pred = _spans(("d", 0, 10, "X"), ("d", 8, 19, "X"))
    assert _row(evaluate("mentions", pred, gold), OVERALL)["tp"] == 2


def test_nested_gold_spans_match_inside_the_long_one():
    gold = _spans(("d", 0, 100, "X"), ("d", 10, 12, "X"))
    assert _row(evaluate("mentions", _spans(("d", 50, 55, "X")), gold), "X")["tp"] == 1


def test_micro_average_and_f1_formula():
    pred = _spans(("d1", 0, 5, "SDF"), ("d1", 30, 35, "SDF"), ("d1", 10, 15, "US"))
    overall = _row(evaluate("mentions", pred, GOLD), OVERALL)
    p, r = 2 / 3, 2 / 4
    assert overall["precision"] == pytest.approx(p) and overall["recall"] == pytest.approx(r)
    assert overall["f1"] == pytest.approx(2 * p * r / (p + r))


def test_empty_sides_follow_the_documented_convention():
    empty = _spans()
    no_pred = _row(evaluate("mentions", empty, GOLD), OVERALL)
    assert no_pred["n_predicted"] == 0 and math.isnan(no_pred["precision"]) and no_pred["recall"] == 0
    assert no_pred["f1"] == 0
    neither = _row(evaluate("mentions", empty, empty), OVERALL)
    assert math.isnan(neither["precision"]) and math.isnan(neither["recall"]) and math.isnan(neither["f1"])
    no_gold = _row(evaluate("mentions", GOLD, empty, doc_ids=["d1", "d2"]), OVERALL)
    assert no_gold["precision"] == 0 and math.isnan(no_gold["recall"]) and no_gold["f1"] == 0
    assert _row(evaluate("mentions", None, GOLD), OVERALL)["n_gold"] == 4  # None: nothing predicted


def test_only_annotated_documents_are_scored():
    pred = pd.concat([GOLD, _spans(("elsewhere", 0, 3, "US"))])
    assert _row(evaluate("mentions", pred, GOLD), OVERALL)["precision"] == 1
    assert _row(evaluate("mentions", pred, GOLD, doc_ids=["d1", "d2", "elsewhere"]), OVERALL)["n_predicted"] == 5


def test_unlabelled_scoring_and_dataclass_input():
    from dataclasses import dataclass

    @dataclass
    class Span:
        doc_id: str
        start: int
        end: int

    table = evaluate("mentions", [Span("d1", 0, 3)], [{"doc_id": "d1", "start": 1, "end": 4}], by=None)
    assert list(table["group"]) == [OVERALL] and table["by"].iloc[0] == "" and table["f1"].iloc[0] == 1


def test_relations_need_source_type_and_target_and_are_scored_on_the_trigger():
    gold = pd.DataFrame([("d", 10, 15, "SDF", "attack", "ISIS", "pos"), ("d", 40, 44, "US", "support", "SDF", "pos"),
                         ("d", 70, 75, "US", "attack", "SDF", "neg")],
                        columns=["doc_id", "start", "end", "source_actor", "relation", "target_actor", "polarity"])
    pred = pd.DataFrame([
        # evidence span is the clause, trigger inside the gold trigger: right
        ("d", 0, 30, "SDF", "attack", "ISIS", 10, 15, "pos"),
        # right trigger, wrong target
        ("d", 35, 60, "US", "support", "ISIS", 40, 44, "pos"),
        # a denied relation is scored like any other (its polarity is label_accuracy's business)
        ("d", 65, 80, "US", "attack", "SDF", 70, 75, "pos"),
        # a type the gold does not annotate: not scored
        ("d", 35, 60, "US", "statement_about", "SDF", 40, 40, "pos"),
    ], columns=["doc_id", "start", "end", "source_actor", "relation", "target_actor", "verb_start", "verb_end",
                "polarity"])
    table = evaluate("relations", pred, gold)
    assert list(table["group"]) == ["attack", "support", OVERALL]
    assert _row(table, "attack")["f1"] == 1 and _row(table, "support")["tp"] == 0
    errors = evaluation_errors("relations", pred, gold, texts={"d": "x" * 80})
    assert sorted(errors["label"]) == ["US>support>ISIS", "US>support>SDF"]
    polarity = label_accuracy("relations", pred, gold, "polarity").iloc[0]
    assert (polarity["tp"], polarity["n_agree"]) == (2, 1)  # the denied attack was read as an event
    by_polarity = evaluate("relations", pred, gold, by="polarity").set_index("group")
    assert by_polarity.loc["pos", "tp"] == 1 and by_polarity.loc["neg", "tp"] == 0


def test_label_accuracy_counts_agreement_among_matched_spans():
    gold = pd.DataFrame([("d", 0, 10, "US", "direct"), ("d", 20, 30, "SDF", "indirect"), ("d", 40, 50, "US", "indirect")],
                        columns=["doc_id", "start", "end", "speaker_actor", "quote_type"])
    pred = pd.DataFrame([("d", 2, 9, "RUSSIA", "direct"), ("d", 20, 30, "SDF", "direct")],
                        columns=["doc_id", "start", "end", "speaker_actor", "quote_type"])
    row = label_accuracy("statements", pred, gold, "quote_type").iloc[0]
    assert (row["tp"], row["n_agree"], row["accuracy"], row["by"]) == (2, 1, 0.5, "quote_type")
    assert math.isnan(label_accuracy("statements", pred.iloc[:0], gold, "quote_type")["accuracy"].iloc[0])


def test_error_listing_names_false_positives_and_negatives_with_text():
    text = "قوات سوريا الديمقراطية وواشنطن"
    gold = _spans(("d", 0, 22, "SDF"), ("d", 24, 30, "US"))
    pred = _spans(("d", 0, 4, "SDF"), ("d", 5, 10, "RUSSIA"))
    errors = evaluation_errors("mentions", pred, gold, texts={"d": text}, window=5)
    assert list(errors.columns) == evaluation.ERROR_COLUMNS
    assert list(errors["error"]) == ["false_negative", "false_positive"]
    fn = errors.iloc[0]
    assert fn["surface"] == "واشنطن" and fn["label"] == "US" and "[واشنطن]" in fn["context"]
    assert errors.iloc[1]["surface"] == "سوريا"
    assert evaluation_errors("mentions", gold, gold).empty


def test_error_context_is_read_through_the_corpus_reader_in_any_encoding(tmp_path: Path):
    text = "قال المتحدث إن واشنطن تدعم قسد."
    (tmp_path / "outlet").mkdir()
    (tmp_path / "outlet" / "doc.txt").write_bytes(text.encode("cp1256"))  # a Windows-1256 document
    start = text.index("واشنطن")
    gold = _spans(("outlet/doc", start, start + 6, "US"))
    errors = evaluation_errors("mentions", _spans(), gold, corpus_dir=tmp_path, window=3)
    assert errors["surface"].tolist() == ["واشنطن"] and errors["context"].iloc[0] == "إن [واشنطن] تد"


def test_bad_parameters_raise():
    with pytest.raises(ValueError, match="match"):
        evaluate("mentions", GOLD, GOLD, match="fuzzy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lack column"):
        evaluate("mentions", GOLD.drop(columns="actor"), GOLD)
    with pytest.raises(ValueError, match="start >= end"):
        evaluate("mentions", _spans(("d", 5, 5, "X")), GOLD)
    with pytest.raises(ValueError, match="by"):
        evaluate("mentions", GOLD, GOLD, by="start")
    with pytest.raises(ValueError, match="by"):
        evaluate("statements", GOLD, GOLD, by="speaker")
    with pytest.raises(ValueError, match="layer"):
        evaluate("quotes", GOLD, GOLD)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="window"):
        evaluation_errors("mentions", GOLD, GOLD, window=-1)


# --- the gold loader ----------------------------------------------------------------------------------------

def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_project_gold_loads_typed_with_offsets_that_point_into_the_text(first_article_text: str) -> None:
    for layer in evaluation.LAYERS:
        frame = load_gold(layer)
        assert len(frame) and set(evaluation.GOLD_SCHEMA[layer]) <= set(frame.columns)
        assert frame["start"].dtype == "int64" and frame["end"].dtype == "int64"
        text_columns = [c for c in frame.columns if evaluation.GOLD_SCHEMA[layer].get(c, "str") == "str"]
        assert all(frame[c].map(type).eq(str).all() for c in text_columns), f"{layer}: empty cells must be '' not NaN"
        rows = frame[frame["doc_id"] == FIRST_ID]
        assert all(first_article_text[s:e] == t for s, e, t in zip(rows["start"], rows["end"], rows["surface"]))
    assert set(load_gold("mentions")["kind"]) <= set(KINDS)
    statements = load_gold("statements")
    assert str(statements["speaker_start"].dtype) == "Int64" and statements["speaker_start"].isna().sum() == 1
    for s, e, t in statements.dropna(subset=["speaker_start"])[["speaker_start", "speaker_end", "speaker_surface"]].itertuples(index=False):
        assert first_article_text[s:e] == t


def test_doc_ids_keep_only_the_documents_of_the_corpus(tmp_path: Path) -> None:
    _write(tmp_path, "mentions", "doc_id,start,end,surface,actor,component,kind\n"
                                 "a/1,0,3,قسد,SDF,,name\nb/2,4,9,موسكو,RUSSIA,,metonym\n")
    assert load_gold("mentions", tmp_path, doc_ids=["b/2", "c/3"])["doc_id"].tolist() == ["b/2"]
    assert load_gold("mentions", tmp_path, doc_ids=[]).empty
    assert evaluation.gold_documents(tmp_path, doc_ids=["b/2", "c/3"]) == ["b/2"]
    assert evaluation.gold_documents(tmp_path) == ["a/1", "b/2"]


def test_a_missing_layer_loads_empty_with_its_columns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    tmp_path.joinpath("x").mkdir()
    with caplog.at_level(logging.WARNING, logger="analysis.evaluation"):
        frame = load_gold("relations", tmp_path / "x")
    assert frame.empty and list(frame.columns) == list(evaluation.GOLD_SCHEMA["relations"])
    assert frame["start"].dtype == "int64"
    assert "relations.csv" in caplog.text


def test_bad_gold_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "cues", "doc_id,start,end,surface,category\na,0,3,قال,reporting_verb\n")
    with pytest.raises(ValueError, match="lack column"):
        load_gold("cues", tmp_path)
    header = "doc_id,start,end,surface,category,subtype,speaker_actor\n"
    _write(tmp_path, "cues", header + "a,x,3,قال,reporting_verb,neutral,OUTLET\n")
    with pytest.raises(ValueError, match="integers"):
        load_gold("cues", tmp_path)
    _write(tmp_path, "cues", header + "a,,3,قال,reporting_verb,neutral,OUTLET\n")
    with pytest.raises(ValueError, match="integers"):
        load_gold("cues", tmp_path)
    _write(tmp_path, "cues", header + "a,5,3,قال,reporting_verb,neutral,OUTLET\n")
    with pytest.raises(ValueError, match="start >= end"):
        load_gold("cues", tmp_path)
    with pytest.raises(ValueError, match="layer"):
        load_gold("quotes", tmp_path)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        load_gold("cues", tmp_path / "absent")


# --- the detectors on the first article (in-sample: an upper bound) -------------------------------------------

def test_mentions_of_the_first_article_score_as_published(tables, first_article_text):
    gold = load_gold("mentions")
    by_actor = evaluate("mentions", tables["mentions"], gold, by="actor").set_index("group")
    errors = evaluation_errors("mentions", tables["mentions"], gold, texts={FIRST_ID: first_article_text})
    for actor in sorted(set(gold["actor"])):
        assert by_actor.loc[actor, "f1"] >= 0.95, f"{actor}: {by_actor.loc[actor].to_dict()}\n{errors.to_string()}"
    assert by_actor.loc[OVERALL, "f1"] == 1.0 and by_actor.loc[OVERALL, "n_gold"] == len(gold) == 55
    by_kind = evaluate("mentions", tables["mentions"], gold, by="kind").set_index("group")
    assert by_kind.loc[OVERALL, "f1"] == pytest.approx(53 / 55)  # the two coalition aircraft: descriptor for name


def test_statements_of_the_first_article_score_as_published(tables):
    gold = load_gold("statements")
    by_speaker = evaluate("statements", tables["statements"], gold, by="speaker_actor").set_index("group")
    assert by_speaker.loc[OVERALL, "f1"] == 1.0 and by_speaker.loc[OVERALL, "n_gold"] == 18
    by_type = evaluate("statements", tables["statements"], gold, by="quote_type").set_index("group")
    assert by_type.loc[OVERALL, "f1"] == 1.0
    assert label_accuracy("statements", tables["statements"], gold, "quote_type")["accuracy"].iloc[0] == 1.0


def test_a_missed_statement_costs_recall_only():
    gold = load_gold("statements")
    overall = _row(evaluate("statements", gold.iloc[1:], gold, by=None), OVERALL)
    assert overall["precision"] == 1.0 and overall["recall"] == pytest.approx((len(gold) - 1) / len(gold))


def test_cues_of_the_first_article_score_as_published(tables):
    gold = load_gold("cues")
    scores = evaluate("cues", tables["cues"], gold, by="category").set_index("group")
    assert scores.loc["partial_quote", "f1"] == 1.0 and scores.loc["partial_quote", "n_gold"] == 7
    assert scores.loc["quoted_name", "f1"] == 1.0 and scores.loc["quoted_name", "n_gold"] == 4
    assert scores.loc[OVERALL, "f1"] == 1.0 and scores.loc[OVERALL, "n_gold"] == 37
    assert "naming" not in scores.index  # a category the cue gold does not annotate is not scored


def test_relations_of_the_first_article_score_as_published(tables):
    gold = load_gold("relations")
    scores = evaluate("relations", tables["relations"], gold).set_index("group")
    assert scores.loc[OVERALL, "f1"] == 1.0 and scores.loc[OVERALL, "n_gold"] == len(gold) == 16
    for label in ("polarity", "modality", "claim_of"):
        assert label_accuracy("relations", tables["relations"], gold, label)["accuracy"].iloc[0] == 1.0, label


def test_a_wrong_relation_target_is_one_false_positive_and_one_false_negative():
    gold = load_gold("relations")
    wrong = gold.copy()
    wrong.loc[0, "target_actor"] = "US"
    wrong = wrong.iloc[:-1]
    overall = _row(evaluate("relations", wrong, gold), OVERALL)
    assert overall["precision"] == pytest.approx((len(gold) - 2) / (len(gold) - 1))
    assert overall["recall"] == pytest.approx((len(gold) - 2) / len(gold))
    assert sorted(evaluation_errors("relations", wrong, gold)["error"]) == ["false_negative", "false_negative",
                                                                           "false_positive"]


def test_default_gold_folder_is_the_projects():
    assert evaluation.gold_documents() == [FIRST_ID]
    assert config.GOLD_DIR.joinpath("mentions.csv").exists()
