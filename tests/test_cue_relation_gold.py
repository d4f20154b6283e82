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


def test_one_annotator_is_the_gold_as_written_and_a_row_written_twice_is_refused(tmp_path: Path) -> None:
    from analysis.cue_relation_gold import single_annotator

    relation = ["d1", "1", "قصفت", "1", "RUSSIA", "attack", "ISIS", "pos", "real", "", ""]
    only = read_annotations(_folder(tmp_path, "a", [_cue("ربما", "hedge", subtype="epistemic")], [relation]),
                            {"c/d1": TEXT}, sample=SAMPLE)
    gold = single_annotator(only)
    assert list(gold["cues"].columns) == GOLD_COLUMNS["cues"] and gold["cues"]["surface"].tolist() == ["ربما"]
    assert gold["relations"][["source_actor", "target_actor"]].values.tolist() == [["RUSSIA", "ISIS"]]
    twice = read_annotations(_folder(tmp_path, "b", [_cue("ربما", "hedge", subtype="epistemic")] * 2, []),
                             {"c/d1": TEXT}, sample=SAMPLE)
    with pytest.raises(ValueError, match="written twice"):
        single_annotator(twice)
    broken = read_annotations(_folder(tmp_path, "c", [_cue("ربما", "hedge", line="1")], []), {"c/d1": TEXT},
                              sample=SAMPLE)
    with pytest.raises(ValueError, match="do not resolve"):
        single_annotator(broken)


def test_the_command_line_builds_a_single_annotator_set_and_refuses_a_second_for_it(tmp_path: Path) -> None:
    from analysis.cue_relation_gold import main

    corpus, gold = tmp_path / "raw", tmp_path / "gold"
    (corpus / "c").mkdir(parents=True)
    gold.mkdir()
    (corpus / "c" / "d1.txt").write_text(TEXT, encoding="utf-8")  # doc_id c/d1, as in SAMPLE
    SAMPLE.to_csv(gold / "sample.csv", index=False)
    folder = _folder(tmp_path, "a", [_cue("ربما", "hedge", subtype="epistemic")], [])
    assert main(["build", "--first", str(folder), "--texts", str(corpus), "--gold", str(gold)]) == 0
    assert pd.read_csv(gold / "cues.csv")["surface"].tolist() == ["ربما"]
    with pytest.raises(SystemExit):
        main(["build", "--first", str(folder), "--second", str(folder), "--texts", str(corpus), "--gold", str(gold)])
    with pytest.raises(SystemExit):
        main(["merge", "--first", str(folder), "--texts", str(corpus), "--gold", str(gold)])


@pytest.fixture(scope="module")
def project_texts() -> dict[str, str]:
    from analysis import config
    from analysis.cue_relation_gold import EXTENSION_DIR, GOLD_DIR
    from analysis.dev_gold import load_sample
    from analysis.evaluation import corpus_texts

    ids = [d for folder in (GOLD_DIR, EXTENSION_DIR) for d in load_sample(folder / "sample.csv")["doc_id"]]
    return corpus_texts(config.PROJECT_ROOT / "data" / "raw", doc_ids=ids)


@pytest.mark.parametrize("set_name", ["dev/cues-relations", "cues-relations-extension"])
def test_every_project_gold_row_points_at_its_surface(project_texts: dict[str, str], set_name: str) -> None:
    from analysis import config
    from analysis.cue_relation_gold import load_gold
    from analysis.dev_gold import load_sample

    folder = config.PROJECT_ROOT / "data" / "gold" / set_name
    drawn = set(load_sample(folder / "sample.csv")["doc_id"])
    for layer in ("cues", "relations"):
        frame = load_gold(layer, folder)
        assert len(frame) and set(frame["doc_id"]) <= drawn
        wrong = [(d, s, e, t) for d, s, e, t in frame[["doc_id", "start", "end", "surface"]].itertuples(index=False)
                 if project_texts[d][s:e] != t]
        assert not wrong, f"{set_name} {layer}: {wrong[:3]}"


def test_the_extension_gold_is_its_annotators_files_built_and_scores_as_one_tune_half(
        project_texts: dict[str, str]) -> None:
    from analysis.cue_relation_gold import EXTENSION_DIR, load_gold, single_annotator
    from analysis.dev_gold import load_sample

    sample = load_sample(EXTENSION_DIR / "sample.csv")
    assert len(sample) == 10 and set(sample["half"]) == {"tune"}
    built = single_annotator(read_annotations(EXTENSION_DIR / "annotations" / "annC", project_texts, sample=sample))
    for layer, frame in built.items():
        committed = load_gold(layer, EXTENSION_DIR)
        assert frame.astype(str).values.tolist() == committed.astype(str).values.tolist(), layer
    gold = {layer: load_gold(layer, EXTENSION_DIR) for layer in ("cues", "relations")}
    table = score(gold, EXTENSION_DIR, half="all").set_index(["layer", "by", "group"])
    for layer, label in (("cues", "category"), ("relations", "relation")):
        pooled = table.loc[(layer, label, "ALL")]
        assert pooled["n_gold"] == len(gold[layer]) and pooled["recall"] == 1.0 and pooled["precision"] == 1.0
