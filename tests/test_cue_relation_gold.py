"""Annotators' cue and relation rows resolve to offsets; agreement and the adjudicated merge are exact."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.cue_relation_gold import (ANNOTATION_COLUMNS, GOLD_COLUMNS, agreement, disagreements,
                                         merge_adjudicated, read_annotations, score)

TEXT = 'قصفت روسيا مواقع "داعش"\nوقال المتحدث إن الهجوم ربما "يستمر طويلا"'
SAMPLE = pd.DataFrame({"doc_id": ["c/d1"], "outlet": ["X"], "words": [10], "half": ["tune"]})


def _folder(tmp: Path, name: str, cues: list[list[str]], relations: list[list[str]]) -> Path:
    folder = tmp / name
    folder.mkdir()
    for layer, rows in (("cues", cues), ("relations", relations)):
        pd.DataFrame(rows, columns=ANNOTATION_COLUMNS[layer]).to_csv(folder / f"{layer}.csv", index=False)
    return folder


def _cue(surface: str, category: str, line: str = "2", subtype: str = "") -> list[str]:
    return ["d1", line, surface, "1", category, subtype, "UNKNOWN", "", "OUTLET" if "quote" in category else "",
            "UNKNOWN" if category == "partial_quote" else "", ""]


def test_rows_resolve_to_offsets_and_disagreements_merge(tmp_path: Path) -> None:
    relation = ["d1", "1", "قصفت", "1", "RUSSIA", "attack", "ISIS", "pos", "real", "", ""]
    a = _folder(tmp_path, "a", [_cue("ربما", "hedge", subtype="epistemic"), _cue('"يستمر طويلا"', "partial_quote")],
                [relation])
    b = _folder(tmp_path, "b", [_cue("ربما", "hedge", subtype="epistemic"), _cue('"داعش"', "scare_quote", "1")],
                [relation[:7] + ["neg"] + relation[8:]])
    texts = {"c/d1": TEXT}
    first, second = (read_annotations(f, texts, sample=SAMPLE) for f in (a, b))
    assert not first.problems and not second.problems
    hedge = first.cues[first.cues["category"] == "hedge"].iloc[0]
    assert TEXT[hedge["start"]:hedge["end"]] == "ربما"
    assert second.cues[second.cues["category"] == "scare_quote"].iloc[0]["subtype"] == "distancing"
    scores = agreement(first, second)
    hedges = scores[(scores["layer"] == "cues") & (scores["group"] == "hedge")].iloc[0]
    assert (hedges["tp"], hedges["n_gold"], hedges["n_predicted"]) == (1, 1, 1)
    polarity = scores[(scores["layer"] == "relations") & (scores["by"] == "polarity")].iloc[0]
    assert polarity["accuracy"] == 0.0  # same relation, opposite polarity
    listing = disagreements(first, second, texts)
    assert sorted(listing["surface"]) == sorted(['"يستمر طويلا"', '"داعش"', "قصفت", "قصفت"])
    keep = {'"يستمر طويلا"': "keep", '"داعش"': "drop"}
    listing["decision"] = [keep.get(s, "keep" if a == "a" else "drop")
                           for s, a in zip(listing["surface"], listing["annotator"])]
    gold = merge_adjudicated(first, second, listing)
    assert sorted(gold["cues"]["category"]) == ["hedge", "partial_quote"]
    assert gold["relations"][["polarity"]].values.ravel().tolist() == ["pos"]
    listing.loc[0, "decision"] = ""
    with pytest.raises(ValueError, match="without a keep/drop decision"):
        merge_adjudicated(first, second, listing)


def test_a_surface_not_on_its_line_is_a_problem(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "a", [_cue("ربما", "hedge", line="1")], [])
    assert "not on line 1" in read_annotations(folder, {"c/d1": TEXT}, sample=SAMPLE).problems[0]


def test_score_counts_only_what_the_gold_annotates(tmp_path: Path) -> None:
    text = "وقال المتحدث إن الهجوم ربما بدأ، وزعم أن الطائرات انسحبت"
    SAMPLE.to_csv(tmp_path / "sample.csv", index=False)
    pd.DataFrame(columns=GOLD_COLUMNS["relations"]).to_csv(tmp_path / "relations.csv", index=False)
    hedge, said, claimed = (text.index(w) for w in ("ربما", "قال", "زعم"))
    pd.DataFrame([["c/d1", hedge, hedge + 4, "ربما", "hedge", "epistemic", "UNKNOWN", "", "", "", ""],
                  ["c/d1", claimed, claimed + 3, "زعم", "reporting_verb", "distancing", "OUTLET", "", "", "", ""]],
                 columns=GOLD_COLUMNS["cues"]).to_csv(tmp_path / "cues.csv", index=False)
    cues = pd.DataFrame({"doc_id": ["c/d1"] * 4, "start": [hedge, said, claimed, 5], "end": [hedge + 4, said + 3, claimed + 3, 9],
                         "category": ["hedge", "reporting_verb", "reporting_verb", "hedge"],
                         "subtype": ["epistemic", "neutral", "distancing", "epistemic"],
                         "speaker_actor": ["UNKNOWN", "OUTLET", "OUTLET", "UNKNOWN"]})
    relations = pd.DataFrame(columns=["doc_id", "start", "end", "source_actor", "relation", "target_actor"])
    table = score({"cues": cues, "relations": relations}, tmp_path, half="tune").set_index(["layer", "by", "group"])
    assert tuple(table.loc[("cues", "category", "hedge"), ["tp", "n_predicted", "n_gold"]]) == (1, 2, 1)
    # the neutral قال is outside what this gold annotates (distancing verbs only): not a false positive
    assert tuple(table.loc[("cues", "category", "reporting_verb"), ["tp", "n_predicted", "n_gold"]]) == (1, 1, 1)
    assert score({"cues": cues, "relations": relations}, tmp_path / "missing").empty


def test_the_readme_finding_states_the_scores_of_this_corpus(tmp_path: Path) -> None:
    from analysis.findings import cue_relation_validation_findings

    text = "وقال المتحدث إن الهجوم ربما بدأ"
    gold, tables = tmp_path / "gold", tmp_path / "tables"
    gold.mkdir()
    tables.mkdir()
    SAMPLE.to_csv(gold / "sample.csv", index=False)
    hedge = text.index("ربما")
    pd.DataFrame([["c/d1", hedge, hedge + 4, "ربما", "hedge", "epistemic", "UNKNOWN", "", "", "", ""]],
                 columns=GOLD_COLUMNS["cues"]).to_csv(gold / "cues.csv", index=False)
    pd.DataFrame(columns=GOLD_COLUMNS["relations"]).to_csv(gold / "relations.csv", index=False)
    pd.DataFrame({"doc_id": ["c/d1"]}).to_csv(tables / "documents.csv", index=False)
    pd.DataFrame({"doc_id": ["c/d1", "c/d1"], "start": [hedge, 0], "end": [hedge + 4, 4],
                  "category": ["hedge", "hedge"], "subtype": ["epistemic"] * 2, "speaker_actor": ["UNKNOWN"] * 2}
                 ).to_csv(tables / "cues.csv", index=False)
    pd.DataFrame(columns=["doc_id", "start", "end", "source_actor", "relation", "target_actor"]).to_csv(
        tables / "relations.csv", index=False)
    texts = [f.text for f in cue_relation_validation_findings(tables, gold)]
    assert len(texts) == 1 and "tune half precision 0.50, recall 1.00 (1 in the gold)" in texts[0]
    # another corpus, without the drawn articles, gets no cue/relation score at all (not a false zero)
    pd.DataFrame({"doc_id": ["other/x"]}).to_csv(tables / "documents.csv", index=False)
    assert cue_relation_validation_findings(tables, gold) == []
