"""Development gold: annotators' line/surface rows to offsets, agreement between two annotators, the
adjudication listing and merge, and the detectors' scores per half, on the fixture in tests/fixtures/dev-gold
(two short articles written for the tests and two annotators who disagree on purpose)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import dev_gold
from analysis.evaluation import load_gold

FIXTURE = Path(__file__).parent / "fixtures" / "dev-gold"
TEXTS = FIXTURE / "texts"
SAMPLE = FIXTURE / "sample.csv"
HEADERS = {layer: ",".join(columns) + "\n" for layer, columns in dev_gold.ANNOTATION_COLUMNS.items()}


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    from analysis.evaluation import corpus_texts

    return {f"toy/{k}": v for k, v in corpus_texts(TEXTS).items()}


@pytest.fixture(scope="module")
def pair() -> tuple[dev_gold.Annotations, dev_gold.Annotations]:
    return (dev_gold.read_annotations(FIXTURE / "ann-a", TEXTS, sample=SAMPLE),
            dev_gold.read_annotations(FIXTURE / "ann-b", TEXTS, sample=SAMPLE))


def _row(table: pd.DataFrame, **where) -> pd.Series:
    hit = table
    for column, value in where.items():
        hit = hit[hit[column] == value]
    assert len(hit) == 1, hit
    return hit.iloc[0]


# --- the converter -----------------------------------------------------------------------------------------

def test_rows_resolve_to_offsets_that_point_at_their_surface(pair, texts):
    a, b = pair
    for annotations in pair:
        assert annotations.problems.empty
        for layer in ("mentions", "statements"):
            frame = annotations.layer(layer)
            assert list(frame.columns[: len(dev_gold.DEV_GOLD_COLUMNS[layer])]) == dev_gold.DEV_GOLD_COLUMNS[layer]
            assert set(frame["doc_id"]) == {"toy/t1", "toy/t2"}  # the article ids mapped to the draw's doc_id
            assert all(texts[d][s:e] == t for d, s, e, t in frame[["doc_id", "start", "end", "surface"]].itertuples(index=False))
        speakers = annotations.statements.dropna(subset=["speaker_start"])
        assert all(texts[d][s:e] == t for d, s, e, t in speakers[["doc_id", "speaker_start", "speaker_end", "speaker_surface"]].itertuples(index=False))
        impersonal = _row(annotations.statements, verb="يذكر")  # no speaker span: the outlet's own voice
        assert pd.isna(impersonal["speaker_start"]) and impersonal["speaker_surface"] == ""
    # the second occurrence of a surface on its line; the Windows-1256 article read through the corpus reader
    second = _row(a.mentions, doc_id="toy/t1", line=1, occurrence=2)
    assert second["start"] == texts["toy/t1"].index("الأكراد", 1)
    assert _row(a.mentions, doc_id="toy/t2", line=2)["surface"] == "تنظيم الدولة"
    assert _row(b.mentions, doc_id="toy/t2", line=2)["occurrence"] == 1  # empty occurrence: the first
    assert a.mentions["start"].dtype == "int64" and str(a.statements["speaker_start"].dtype) == "Int64"


def test_quoted_fragments_are_offset_pairs_inside_the_content(pair, texts):
    statements = pair[0].statements
    mixed = _row(statements, quote_type="mixed")
    assert mixed["quoted_fragments"].count(":") == 1
    fragments = dev_gold.quoted_fragments(statements, texts)
    assert fragments["surface"].tolist() == ["لن تتدخل"]
    frag = fragments.iloc[0]
    assert frag["statement_start"] <= frag["start"] < frag["end"] <= frag["statement_end"]


def test_texts_may_be_given_by_doc_id_or_article_id(pair, texts):
    by_full = dev_gold.read_annotations(FIXTURE / "ann-a", texts, sample=SAMPLE)
    by_short = dev_gold.read_annotations(FIXTURE / "ann-a", {k.split("/")[1]: v for k, v in texts.items()}, sample=SAMPLE)
    pd.testing.assert_frame_equal(by_full.mentions, pair[0].mentions)
    pd.testing.assert_frame_equal(by_short.statements, pair[0].statements)


def test_rows_that_cannot_be_resolved_are_reported(tmp_path: Path, texts):
    folder = tmp_path / "ann-x"
    folder.mkdir()
    (folder / "mentions.csv").write_text(HEADERS["mentions"] + "\n".join([
        "t1,1,واشنطن,1,US,metonym,",          # fine
        "t1,9,واشنطن,1,US,metonym,",          # no such line
        "t1,1,الأكراد,3,SDF,descriptor,",     # only two occurrences on the line
        "t1,1,واشنطن,1,USA,metonym,",         # not an actor code
        "t1,1,واشنطن,1,US,state,",            # not a kind
        "t9,1,واشنطن,1,US,metonym,",          # not in the draw
        "t1,1,واشنطن,1,US,metonym,again",     # the same mention twice
    ]) + "\n", encoding="utf-8")
    (folder / "statements.csv").write_text(HEADERS["statements"] + "\n".join([
        't1,3,لافروف,1,RUSSIA,أكد,"أن روسيا ""لن تتدخل"" في المعركة",mixed,,',   # mixed without fragments
        "t1,4,مسؤول أمريكي,1,,قال,نحن ندعم قسد,direct,,",                           # no speaker actor
        "t1,4,مسؤول أمريكي,1,US,قال,نحن ندعم قسد,quoted,,",                          # not a quote type
        "t1,4,مسؤول روسي,1,US,قال,نحن ندعم قسد,direct,,",                             # speaker not on the line
    ]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot be resolved") as raised:
        dev_gold.read_annotations(folder, texts, sample=SAMPLE)
    assert "line 9 out of range" in str(raised.value)
    result = dev_gold.read_annotations(folder, texts, sample=SAMPLE, strict=False)
    assert len(result.mentions) == 1 and result.statements.empty
    reasons = " | ".join(result.problems["reason"])
    for expected in ("out of range", "occurrence 3", "actor 'USA'", "kind 'state'", "not in the draw", "duplicate",
                     "mixed needs quoted_fragments", "speaker_actor empty", "quote_type 'quoted'", "مسؤول روسي"):
        assert expected in reasons, expected
    assert set(result.problems["annotator"]) == {"ann-x"} and len(result.problems) == 10


# --- agreement ---------------------------------------------------------------------------------------------

def test_agreement_per_layer_and_actor(pair):
    table = dev_gold.annotator_agreement([pair])
    assert list(table.columns) == dev_gold.AGREEMENT_COLUMNS
    assert set(table["reference"]) == {"ann-a"} and set(table["compared"]) == {"ann-b"}
    mentions = table[(table["layer"] == "mentions") & (table["by"] == "actor")].set_index("group")
    # ann-b misses one SDF mention, adds a pronoun for the US; the shorter COALITION span still overlaps
    assert mentions.loc["ALL", ["n_gold", "n_predicted", "tp"]].tolist() == [11, 11, 10]
    assert mentions.loc["ALL", "f1"] == pytest.approx(10 / 11)
    assert mentions.loc["SDF", "recall"] == pytest.approx(3 / 4) and mentions.loc["US", "precision"] == pytest.approx(2 / 3)
    assert mentions.loc["COALITION", "f1"] == 1
    kind = _row(table, layer="mentions", by="kind")
    assert (kind["tp"], kind["n_agree"], kind["accuracy"]) == (10, 8, 0.8)
    statements = table[(table["layer"] == "statements") & (table["by"] == "speaker_actor")].set_index("group")
    assert statements.loc["ALL", "f1"] == pytest.approx(0.8)  # one speaker actor of five differs
    assert statements.loc["US", "recall"] == 0 and math.isnan(statements.loc["US", "precision"])
    quote = _row(table, layer="statements", by="quote_type")
    assert (quote["tp"], quote["n_agree"], quote["accuracy"]) == (5, 4, 0.8)


def test_agreement_is_symmetric_in_f1_and_pools_pairs(pair):
    a, b = pair
    forward = dev_gold.annotator_agreement([(a, b)])
    backward = dev_gold.annotator_agreement([(b, a)])
    assert forward["f1"].tolist() == pytest.approx(backward["f1"].tolist(), nan_ok=True)
    pooled = dev_gold.annotator_agreement([(a, b), (a, b)])
    stars = pooled[pooled["reference"] == "*"]
    assert len(stars) == len(forward)
    assert _row(stars, layer="mentions", by="actor", group="ALL")["n_gold"] == 22


# --- adjudication ------------------------------------------------------------------------------------------

def test_disagreements_list_what_was_not_annotated_identically(pair):
    listing = dev_gold.disagreements([pair], TEXTS)
    assert list(listing.columns) == dev_gold.DISAGREEMENT_COLUMNS
    assert len(listing) == 10 and (listing["decision"] == "").all()
    counts = listing.groupby(["layer", "annotator"]).size().to_dict()
    assert counts == {("mentions", "ann-a"): 3, ("mentions", "ann-b"): 3, ("statements", "ann-a"): 2,
                      ("statements", "ann-b"): 2}
    missed = _row(listing, annotator="ann-a", layer="mentions", line=1)
    assert (missed["occurrence"], missed["other_surface"]) == (2, "")  # nothing of ann-b's overlaps it
    assert "[الأكراد]" in missed["context"]
    shorter = _row(listing, annotator="ann-b", layer="mentions", line=2)
    assert shorter["other_surface"] == "المتحدث باسم التحالف الدولي" and shorter["other_label"] == "COALITION/person"
    mixed = _row(listing, annotator="ann-a", layer="statements", line=3)
    assert mixed["label"] == "RUSSIA/mixed" and "fragments=" in mixed["detail"] and mixed["other_label"] == "RUSSIA/indirect"


def test_merge_keeps_identical_rows_and_the_decisions(pair, texts, tmp_path: Path):
    merged = dev_gold.merge_adjudicated([pair], FIXTURE / "adjudication.csv")
    a = pair[0]
    for layer in ("mentions", "statements"):
        assert list(merged[layer].columns) == dev_gold.DEV_GOLD_COLUMNS[layer]
        # the decisions side with ann-a everywhere: the final gold is ann-a's annotation
        expected = a.layer(layer)[dev_gold.DEV_GOLD_COLUMNS[layer]].reset_index(drop=True)
        pd.testing.assert_frame_equal(merged[layer], expected)
    written = dev_gold.write_dev_gold(merged, tmp_path)
    assert [p.name for p in written] == ["mentions.csv", "statements.csv"]
    reloaded = load_gold("statements", tmp_path)
    pd.testing.assert_frame_equal(reloaded, merged["statements"])
    mentions = load_gold("mentions", tmp_path)
    assert all(texts[d][s:e] == t for d, s, e, t in mentions[["doc_id", "start", "end", "surface"]].itertuples(index=False))


def test_merge_refuses_missing_stale_conflicting_and_bad_decisions(pair):
    decisions = pd.read_csv(FIXTURE / "adjudication.csv", dtype=str, keep_default_na=False)
    with pytest.raises(ValueError, match="1 disagreement"):
        dev_gold.merge_adjudicated([pair], decisions.iloc[1:])
    stale = pd.concat([decisions, decisions.iloc[[0]].assign(line="4")])
    with pytest.raises(ValueError, match="match no disagreement"):
        dev_gold.merge_adjudicated([pair], stale)
    conflicting = pd.concat([decisions, decisions.iloc[[1]].assign(decision="drop")])
    with pytest.raises(ValueError, match="conflicting"):
        dev_gold.merge_adjudicated([pair], conflicting)
    with pytest.raises(ValueError, match="keep or drop"):
        dev_gold.merge_adjudicated([pair], decisions.assign(decision="maybe"))
    with pytest.raises(ValueError, match="lack column"):
        dev_gold.merge_adjudicated([pair], decisions.drop(columns="reason"))


def test_rows_outside_the_batch_are_left_out_with_a_warning(pair, caplog: pytest.LogCaptureFixture):
    with caplog.at_level("WARNING", logger="analysis.dev_gold"):
        listing = dev_gold.disagreements([pair], doc_ids={("ann-a", "ann-b"): ["toy/t2"]})
    assert listing.empty  # the two annotators agree on toy/t2
    assert "outside the pair's batch" in caplog.text


def test_keeping_both_versions_is_logged(pair, caplog: pytest.LogCaptureFixture):
    decisions = pd.read_csv(FIXTURE / "adjudication.csv", dtype=str, keep_default_na=False)
    both = decisions.assign(decision=decisions["decision"].where(
        ~((decisions["annotator"] == "ann-b") & (decisions["surface"] == "التحالف الدولي")), "keep"))
    with caplog.at_level("WARNING", logger="analysis.dev_gold"):
        merged = dev_gold.merge_adjudicated([pair], both)
    assert len(merged["mentions"]) == 12 and "overlap another" in caplog.text


# --- scoring the detectors on the development gold ---------------------------------------------------------

def _gold_dir(tmp_path: Path, pair) -> Path:
    folder = tmp_path / "dev"
    dev_gold.write_dev_gold(dev_gold.merge_adjudicated([pair], FIXTURE / "adjudication.csv"), folder)
    shutil.copy(SAMPLE, folder / "sample.csv")
    return folder


def test_score_dev_gold_per_half_from_predicted_frames(tmp_path: Path, pair):
    folder = _gold_dir(tmp_path, pair)
    mentions = pd.DataFrame([
        ("toy/t1", 0, 7, "SDF", "descriptor"), ("toy/t1", 17, 23, "US", "name"),       # right; a kind wrong
        ("toy/t1", 109, 115, "US", "person"),                                           # wrong actor
        ("toy/t2", 0, 12, "ISIS", "name"), ("toy/t2", 38, 50, "ISIS", "name"),        # the test half, all right
        ("elsewhere/x", 0, 3, "US", "name"),                                           # not drawn: not scored
    ], columns=["doc_id", "start", "end", "actor", "kind"])
    statements = pd.DataFrame([
        ("toy/t1", 119, 146, "RUSSIA", "indirect"),   # gold mixed: right only when mixed is scored as indirect
        ("toy/t1", 168, 180, "US", "indirect"),       # right speaker, wrong quote type
        ("toy/t2", 35, 67, "MEDIA", "indirect"),
    ], columns=["doc_id", "start", "end", "speaker_actor", "quote_type"])
    table = dev_gold.score_dev_gold({"mentions": mentions, "statements": statements}, folder)
    assert list(table.columns) == dev_gold.DEV_SCORE_COLUMNS
    assert list(dict.fromkeys(table["half"])) == ["tune", "test", "all"]
    tune = _row(table, half="tune", layer="mentions", by="actor", group="ALL")
    assert tune[["n_gold", "n_predicted", "tp"]].tolist() == [9, 3, 2]
    assert _row(table, half="test", layer="mentions", by="actor", group="ALL")["f1"] == 1
    everything = _row(table, half="all", layer="mentions", by="actor", group="ALL")
    assert everything[["n_gold", "n_predicted", "tp"]].tolist() == [11, 5, 4]
    assert _row(table, half="all", layer="mentions", by="kind")["accuracy"] == pytest.approx(4 / 5)  # spans matched whatever the actor
    speakers = _row(table, half="tune", layer="statements", by="speaker_actor", group="ALL")
    assert speakers[["n_gold", "n_predicted", "tp"]].tolist() == [3, 2, 2]
    assert _row(table, half="tune", layer="statements", by="quote_type")["n_agree"] == 0  # mixed kept apart
    folded = dev_gold.score_dev_gold({"mentions": mentions, "statements": statements}, folder, "tune",
                                     mixed_as="indirect")
    assert set(folded["half"]) == {"tune"}
    quote = _row(folded, layer="statements", by="quote_type")
    assert (quote["n_agree"], quote["accuracy"]) == (1, 0.5)


def test_score_dev_gold_reads_a_tables_folder_and_is_empty_without_gold(tmp_path: Path, pair):
    tables = tmp_path / "tables"
    tables.mkdir()
    pd.DataFrame(columns=["doc_id", "start", "end", "actor", "kind"]).to_csv(tables / "mentions.csv", index=False)
    pd.DataFrame(columns=["doc_id", "start", "end", "speaker_actor", "quote_type"]).to_csv(tables / "statements.csv", index=False)
    table = dev_gold.score_dev_gold(tables, _gold_dir(tmp_path, pair), "test")
    overall = _row(table, layer="mentions", by="actor", group="ALL")
    assert overall["n_gold"] == 2 and overall["n_predicted"] == 0 and overall["f1"] == 0
    bare = tmp_path / "no-gold"
    bare.mkdir()
    shutil.copy(SAMPLE, bare / "sample.csv")
    assert dev_gold.score_dev_gold(tables, bare).empty
    with pytest.raises(ValueError, match="half"):
        dev_gold.score_dev_gold(tables, bare, "both")  # type: ignore[arg-type]


def test_the_project_draw_loads():
    sample = dev_gold.load_sample()
    assert len(sample) == 35 and set(sample["half"]) == {"tune", "test"}
    assert sample["doc_id"].str.startswith("ant-2018-syria/").all() and sample["words"].dtype == "int64"


# --- the command line --------------------------------------------------------------------------------------

def test_command_line_runs_the_procedure(tmp_path: Path, pair, capsys: pytest.CaptureFixture):
    batch = tmp_path / "batch.txt"
    batch.write_text("t1\nt2\n", encoding="utf-8")
    common = ["--annotations", str(FIXTURE), "--texts", str(TEXTS), "--pair", f"ann-a,ann-b,{batch}",
              "--sample", str(SAMPLE)]
    assert dev_gold.main(["check", *common]) == 0
    assert dev_gold.main(["agreement", *common, "--out", str(tmp_path / "agreement.csv")]) == 0
    agreement = pd.read_csv(tmp_path / "agreement.csv")
    assert list(agreement.columns) == dev_gold.AGREEMENT_COLUMNS
    assert dev_gold.main(["disagreements", *common, "--out", str(tmp_path / "listing.csv")]) == 0
    listing = pd.read_csv(tmp_path / "listing.csv", dtype=str, keep_default_na=False)
    assert len(listing) == 10
    assert dev_gold.main(["merge", *common, "--decisions", str(tmp_path / "listing.csv"), "--out", str(tmp_path)]) == 1
    assert "without a decision" in capsys.readouterr().out  # the listing as written has no decisions yet
    out = tmp_path / "dev"
    assert dev_gold.main(["merge", *common, "--decisions", str(FIXTURE / "adjudication.csv"), "--out", str(out)]) == 0
    expected = dev_gold.merge_adjudicated([pair], FIXTURE / "adjudication.csv")
    pd.testing.assert_frame_equal(load_gold("mentions", out), expected["mentions"])
    with pytest.raises(ValueError, match="not in the draw"):
        dev_gold.read_batch(batch.parent / "batch.txt", dev_gold.load_sample())


def test_score_dev_gold_leaves_out_rows_flagged_as_page_furniture(tmp_path: Path, pair):
    folder = _gold_dir(tmp_path, pair)
    gold = pd.read_csv(folder / "mentions.csv")
    kept = gold.assign(is_boilerplate=False)
    furniture = gold.assign(is_boilerplate=True, start=gold["start"] + 100000, end=gold["end"] + 100000)
    predicted = {"mentions": pd.concat([kept, furniture], ignore_index=True),
                 "statements": pd.read_csv(folder / "statements.csv").assign(is_boilerplate=False)}
    table = dev_gold.score_dev_gold(predicted, folder, "all")
    row = table[(table["layer"] == "mentions") & (table["by"] == "actor") & (table["group"] == "ALL")].iloc[0]
    assert row["n_predicted"] == len(gold) and row["precision"] == 1.0
