"""Comparisons across groups of documents, on small tables written for the test: counts and rates by hand,
groupings by outlet, month and week, naming shares and tests, voices, filters, per-group networks and
byte-identical re-runs."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import comparisons, network
from analysis.association import contingency_test
from analysis.cli import main
from analysis.comparisons import (
    UNKNOWN,
    ComparisonSettings,
    compare,
    document_groups,
    edge_comparison,
    load_inputs,
    mention_comparison,
    naming_comparison,
    naming_tests,
    voice_comparison,
)
from analysis.pipeline import RunOptions
from analysis.schema import table

DOCUMENTS = [
    # doc_id, outlet, date, n_tokens
    ("a1", "A", "2018-05-04", 100),
    ("a2", "A", "Fri, 11 May 2018 18:19:13 +0400", 200),
    ("a3", "A", "2018-06-02", 300),
    ("b1", "B", "2018-06-10", 150),
    ("b2", "B", "", 250),
    ("u1", "", "2018-05-20", 50),
]
MENTIONS = [
    # doc_id, actor, alias, surface, kind
    ("a1", "ISIS", "داعش", "داعش", "name"),
    ("a1", "ISIS", "داعش", "داعش", "name"),
    ("a1", "SDF", "قوات سوريا الديمقراطية", "قسد", "name"),
    ("a2", "ISIS", "داعش", "داعش", "name"),
    ("a2", "ISIS", "تنظيم الدولة الإسلامية", "تنظيم الدولة", "name"),
    ("a3", "ISIS", "تنظيم الدولة الإسلامية", "تنظيم الدولة", "name"),
    ("a3", "ISIS", "تنظيم الدولة الإسلامية", "تنظيم الدولة", "name"),
    ("a3", "ISIS", "تنظيم الدولة الإسلامية", "تنظيم الدولة", "name"),
    ("a3", "US", "الولايات المتحدة", "واشنطن", "metonym"),
    ("b1", "ISIS", "تنظيم الدولة الإسلامية", "الدولة الإسلامية", "name"),
    ("b1", "ISIS", "تنظيم الدولة الإسلامية", "تنظيم الدولة", "name"),
    ("b1", "SDF", "القوات الكردية", "الأكراد", "descriptor"),
    ("b2", "ISIS", "داعش", "داعش", "name"),
    ("b2", "ISIS", "داعش", "داعش", "name"),
    ("u1", "ISIS", "التنظيم", "التنظيم", "anaphor"),
]
STATEMENTS = [
    # doc_id, speaker_actor, quote_type, n_words
    ("a1", "SDF", "direct", 10),
    ("a2", "OUTLET", "indirect", 5),
    ("b1", "US", "indirect", 8),
    ("b1", "SDF", "direct", 4),
]
CUES = [
    # doc_id, category, subtype, speaker_actor
    ("a1", "reporting_verb", "neutral", "SDF"),
    ("a2", "reporting_verb", "distancing", "OUTLET"),
    ("a2", "reporting_verb", "neutral", "OUTLET"),
    ("b1", "reporting_verb", "neutral", "US"),
]


def write_tables(folder: Path, *, duplicate: str | None = None, boilerplate: int | None = None) -> Path:
    """The fixture's row tables in ``folder``; optionally a document flagged is_duplicate and a mention row
    flagged is_boilerplate."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = pd.DataFrame(DOCUMENTS, columns=["doc_id", "outlet", "date", "n_tokens"])
    if duplicate is not None:
        docs["is_duplicate"] = np.where(docs["doc_id"] == duplicate, "true", "false")
    docs.to_csv(folder / "documents.csv", index=False)
    ments = pd.DataFrame(MENTIONS, columns=["doc_id", "actor", "alias", "surface", "kind"])
    ments["start"] = ments.groupby("doc_id").cumcount() * 20
    ments["end"] = ments["start"] + 10
    ments["sentence_id"] = 0
    if boilerplate is not None:
        ments["is_boilerplate"] = np.where(ments.index == boilerplate, "true", "false")
    ments.to_csv(folder / "mentions.csv", index=False)
    sents = pd.DataFrame({"doc_id": docs["doc_id"], "sentence_id": 0, "paragraph_id": 0, "start": 0, "end": 400,
                          "is_headline": "false", "is_repeated": "false"})
    sents.to_csv(folder / "sentences.csv", index=False)
    pd.DataFrame(STATEMENTS, columns=["doc_id", "speaker_actor", "quote_type", "n_words"]).to_csv(folder / "statements.csv", index=False)
    pd.DataFrame(CUES, columns=["doc_id", "category", "subtype", "speaker_actor"]).to_csv(folder / "cues.csv", index=False)
    return folder


@pytest.fixture()
def tables_dir(tmp_path: Path) -> Path:
    return write_tables(tmp_path / "tables")


def _one(frame: pd.DataFrame, **keys: object) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for k, v in keys.items():
        mask &= frame[k] == v
    (i,) = frame.index[mask]
    return frame.loc[i]


def test_mentions_per_1000_words_by_hand(tables_dir: Path) -> None:
    result = mention_comparison(tables_dir, group_by="outlet", n_replicates=200)
    a = _one(result, group="A", actor="ISIS")
    # outlet A: 2 + 2 + 3 ISIS mentions in 100 + 200 + 300 words
    assert (a["n_documents"], a["n_words"], a["n_documents_mentioning"], a["n_mentions"]) == (3, 600, 3, 7)
    assert a["mentions_per_1000_words"] == pytest.approx(1000 * 7 / 600)
    b = _one(result, group="B", actor="ISIS")
    assert b["mentions_per_1000_words"] == pytest.approx(1000 * 4 / 400)
    # the document without an outlet is its own, labelled group
    u = _one(result, group=UNKNOWN, actor="ISIS")
    assert (u["n_documents"], u["n_mentions"], u["mentions_per_1000_words"]) == (1, 1, pytest.approx(20.0))
    # every actor gets a row in every group: the US is mentioned only by A
    us_b = _one(result, group="B", actor="US")
    assert us_b["n_mentions"] == 0 and us_b["mentions_per_1000_words"] == 0 and us_b["share_documents"] == 0
    assert _one(result, group="A", actor="SDF")["share_documents"] == pytest.approx(1 / 3)


def test_intervals_contain_the_estimate(tables_dir: Path) -> None:
    frames = compare(tables_dir, n_replicates=300)
    checked = 0
    for name, frame in frames.items():
        for stat in [c[: -len("_low")] for c in frame.columns if c.endswith("_low")]:
            finite = frame[frame[stat].notna()]
            assert (finite[f"{stat}_low"] <= finite[stat] + 1e-12).all(), (name, stat)
            assert (finite[stat] <= finite[f"{stat}_high"] + 1e-12).all(), (name, stat)
            checked += len(finite)
    assert checked > 50
    a = _one(frames["comparison_mentions"], group_by="outlet", group="A", actor="ISIS")
    assert a["mentions_per_1000_words_low"] < a["mentions_per_1000_words_high"]


def test_grouping_by_month_and_week(tables_dir: Path) -> None:
    docs = load_inputs(tables_dir).documents
    months = document_groups(docs, "month")
    # an RFC 2822 date gives the calendar date as written; an empty date is unknown
    assert months.to_dict() == {"a1": "2018-05", "a2": "2018-05", "a3": "2018-06", "b1": "2018-06", "b2": UNKNOWN,
                                "u1": "2018-05"}
    weeks = document_groups(docs, "week")
    assert weeks["a1"] == "2018-W18" and weeks["a2"] == "2018-W19" and weeks["b1"] == "2018-W23"
    result = mention_comparison(tables_dir, group_by="month", n_replicates=100)
    may = _one(result, group="2018-05", actor="ISIS")
    # May: a1 (2 in 100 words), a2 (2 in 200), u1 (1 in 50)
    assert (may["n_documents"], may["n_words"], may["n_mentions"]) == (3, 350, 5)
    assert may["mentions_per_1000_words"] == pytest.approx(1000 * 5 / 350)
    assert set(result["group"]) == {"2018-05", "2018-06", UNKNOWN}


def test_date_iso_is_preferred_to_date() -> None:
    docs = pd.DataFrame({"doc_id": ["x", "y"], "date": ["2017-01-01", "garbage"], "date_iso": ["2018-03-04", ""]})
    assert document_groups(docs, "month").to_dict() == {"x": "2018-03", "y": UNKNOWN}
    with pytest.raises(ValueError, match="ownership"):
        document_groups(docs, "ownership")


def test_naming_shares_and_test_by_hand(tables_dir: Path) -> None:
    shares = naming_comparison(tables_dir, group_by="outlet", n_replicates=200)
    isis_a = shares[(shares["group"] == "A") & (shares["actor"] == "ISIS")].set_index("variant")
    assert list(isis_a.index) == ["pejorative_acronym", "organisation_short", "organisation_full", "self_designation"]
    assert isis_a["n_mentions"].tolist() == [3, 4, 0, 0]
    assert (isis_a["n_variant_mentions"] == 7).all() and (isis_a["n_documents"] == 3).all()
    assert isis_a.loc["pejorative_acronym", "share"] == pytest.approx(3 / 7)
    assert isis_a.loc["organisation_full", ["share", "share_low", "share_high"]].tolist() == [0, 0, 0]
    # the anaphor التنظيم is no naming variant: the unknown outlet has no ISIS naming rows
    assert shares[(shares["group"] == UNKNOWN) & (shares["actor"] == "ISIS")].empty
    assert _one(shares, group="B", actor="SDF", variant="ethnic_descriptor")["share"] == 1.0
    tests = naming_tests(tables_dir, group_by="outlet", n_permutations=99)
    isis = _one(tests, actor="ISIS")
    # A: داعش 3, تنظيم الدولة 4; B: داعش 2, تنظيم الدولة 1, الدولة الإسلامية 1
    expected = contingency_test(np.array([[3, 4, 0], [2, 1, 1]]))
    assert (isis["n_groups"], isis["n_variants"], isis["df"], isis["n_mentions"]) == (2, 3, 2, 11)
    assert isis["chi2"] == pytest.approx(expected.chi2) and isis["cramers_v"] == pytest.approx(expected.cramers_v)
    assert isis["p_chi2"] == pytest.approx(math.exp(-expected.chi2 / 2))
    assert 0 < isis["p_permutation"] <= 1 and isis["n_permutations"] == 99


def test_voice_shares_by_hand(tables_dir: Path) -> None:
    voices = voice_comparison(tables_dir, group_by="outlet", n_replicates=100)
    us_b = _one(voices, group="B", speaker_actor="US")
    assert (us_b["n_documents"], us_b["n_group_statements"], us_b["n_statements"]) == (1, 2, 1)
    assert us_b["share_statements"] == 0.5 and us_b["share_words"] == pytest.approx(8 / 12)
    assert _one(voices, group="A", speaker_actor="US")["share_statements"] == 0  # heard only in B
    assert _one(voices, group="A", speaker_actor="SDF")["n_direct"] == 1
    assert UNKNOWN not in set(voices["group"])  # no statements in the unknown outlet's document


def test_cue_rates_and_shares(tables_dir: Path) -> None:
    cues = comparisons.cue_comparison(tables_dir, group_by="outlet", n_replicates=100)
    row = _one(cues, group="A", speaker_actor="OUTLET", category="reporting_verb", subtype="distancing")
    assert row["n_cues"] == 1 and row["n_category_cues"] == 2 and row["share_in_category"] == 0.5
    assert row["cues_per_1000_words"] == pytest.approx(1000 / 600)


def test_duplicates_and_boilerplate_are_left_out_unless_kept(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "flagged", duplicate="a3", boilerplate=0)  # row 0: a1's first داعش
    result = mention_comparison(folder, group_by="outlet", n_replicates=50)
    a = _one(result, group="A", actor="ISIS")
    assert (a["n_documents"], a["n_words"], a["n_mentions"]) == (2, 300, 3)
    kept = mention_comparison(folder, group_by="outlet", n_replicates=50, include_duplicates=True,
                              include_boilerplate=True)
    assert _one(kept, group="A", actor="ISIS")["n_mentions"] == 7
    edges = edge_comparison(folder, group_by="outlet")
    assert set(edges.loc[edges["group"] == "A", "n_documents"]) == {2}


def test_per_group_edges_equal_the_network_of_the_group(tables_dir: Path) -> None:
    edges = edge_comparison(tables_dir, group_by="outlet")
    mentions = pd.read_csv(tables_dir / "mentions.csv", dtype={"doc_id": str})
    sentences = pd.read_csv(tables_dir / "sentences.csv", dtype={"doc_id": str})
    for group, docs in (("A", {"a1", "a2", "a3"}), ("B", {"b1", "b2"})):
        expected = network.co_mentions(mentions[mentions["doc_id"].isin(docs)], sentences[sentences["doc_id"].isin(docs)])
        got = edges[edges["group"] == group]
        assert got[["source", "target", "weight", "n_units"]].to_dict("records") == \
            expected[["source", "target", "weight", "n_units"]].to_dict("records")
    assert _one(edges, group="A", source="ISIS", target="SDF")["weight"] == 1


def _summary(tables_dir: Path, out: Path, seed: int) -> dict[str, bytes]:
    paths = {p.stem: p for p in tables_dir.glob("*.csv")}
    options = RunOptions(raw_dir=tables_dir, out_dir=out, seed=seed, bootstrap_replicates=200,
                         group_by=("outlet", "month"))
    written = comparisons.SUMMARY(options, paths)
    return {p.name: p.read_bytes() for p in written}


def test_same_seed_same_bytes_other_seed_other_intervals(tables_dir: Path, tmp_path: Path) -> None:
    first = _summary(tables_dir, tmp_path / "one", seed=7)
    second = _summary(tables_dir, tmp_path / "two", seed=7)
    assert sorted(first) == [f"comparison_{n}.csv" for n in ("cues", "edges", "mentions", "naming", "naming_tests", "voices")]
    assert first == second
    third = _summary(tables_dir, tmp_path / "three", seed=8)
    assert third["comparison_mentions.csv"] != first["comparison_mentions.csv"]
    one = pd.read_csv(tmp_path / "one" / "comparison_mentions.csv")
    other = pd.read_csv(tmp_path / "three" / "comparison_mentions.csv")
    assert one.drop(columns=[c for c in one if c.endswith(("_low", "_high"))]).equals(
        other.drop(columns=[c for c in other if c.endswith(("_low", "_high"))]))  # same estimates
    bounds = [c for c in one if c.endswith(("_low", "_high"))]
    assert not one[bounds].equals(other[bounds])  # other intervals
    for name in first:  # columns as declared
        assert pd.read_csv(tmp_path / "one" / name, nrows=0).columns.tolist() == table(name[:-4]).columns


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        ComparisonSettings(n_replicates=0)
    with pytest.raises(ValueError):
        ComparisonSettings(group_by=())
    assert ComparisonSettings(group_by="week").group_by == ("week",)


def test_analysis_run_writes_comparisons_by_the_chosen_groupings(tmp_path: Path, first_article_text: str) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    records = [
        {"id": "1", "outlet": "X", "date": "Wed, 14 Feb 2018 11:29:19 GMT", "text": first_article_text},
        {"id": "2", "outlet": "Y", "date": "2018-03-08", "text": first_article_text.replace("تنظيم الدولة", "داعش")},
    ]
    (raw / "c.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    # the second article is the first one edited: a near copy, kept here to have two groups
    assert main(["run", "--raw", str(raw), "--out", str(out), "--group-by", "outlet,week",
                 "--bootstrap-replicates", "50", "--keep-duplicates"]) == 0
    naming = pd.read_csv(out / "comparison_naming.csv", keep_default_na=False)
    assert set(naming["group_by"]) == {"outlet", "week"}
    assert set(naming.loc[naming["group_by"] == "week", "group"]) == {"2018-W07", "2018-W10"}
    isis_y = naming[(naming["group"] == "Y") & (naming["actor"] == "ISIS")].set_index("variant")
    assert isis_y.loc["pejorative_acronym", "share"] > 0.5
    tests = pd.read_csv(out / "comparison_naming_tests.csv")
    assert _one(tests, group_by="outlet", actor="ISIS")["df"] >= 1
    assert main(["run", "--raw", str(raw), "--out", str(out), "--group-by", ","]) == 2


def test_any_documents_column_groups_and_absent_groupings_are_skipped(tables_dir: Path, tmp_path: Path) -> None:
    assert load_inputs(tables_dir, ComparisonSettings(group_by=("outlet", "ownership"))).settings.group_by == ("outlet",)
    docs = pd.read_csv(tables_dir / "documents.csv", keep_default_na=False)
    docs["ownership"] = ["state", "state", "state", "private", "private", ""]
    docs["outlet_name"] = ["Outlet A", "Outlet A", "Outlet A", "Outlet B", "Outlet B", ""]
    docs.to_csv(tables_dir / "documents.csv", index=False)
    result = mention_comparison(tables_dir, group_by=["ownership", "outlet"], n_replicates=20)
    isis = result[result["actor"] == "ISIS"]
    assert isis[["group_by", "group", "n_mentions"]].values.tolist() == [
        ["ownership", UNKNOWN, 1], ["ownership", "private", 4], ["ownership", "state", 7],
        ["outlet", UNKNOWN, 1], ["outlet", "Outlet A", 7], ["outlet", "Outlet B", 4],  # the canonical outlet
    ]


def test_a_field_kept_in_extra_metadata_groups_like_a_column(tables_dir: Path) -> None:
    docs = pd.read_csv(tables_dir / "documents.csv", keep_default_na=False)
    docs["extra_metadata"] = [json.dumps({"category": c}) for c in ("middleEast", "middleEast", "world", "world", "world", "")]
    docs.to_csv(tables_dir / "documents.csv", index=False)
    groups = document_groups(pd.read_csv(tables_dir / "documents.csv", keep_default_na=False), "category")
    assert groups.tolist() == ["middleEast", "middleEast", "world", "world", "world", UNKNOWN]
    result = mention_comparison(tables_dir, group_by="category", n_replicates=20)
    assert set(result["group"]) == {"middleEast", "world", UNKNOWN}
