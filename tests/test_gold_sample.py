"""The seeded draws of development-gold articles are reproducible and keep gold sets apart."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from analysis import config
from analysis.gold_sample import actors_named, draw_dev_sample

CORPUS = config.PROJECT_ROOT / "data" / "raw" / "ant-2018-syria.jsonl"
GOLD = config.PROJECT_ROOT / "data" / "gold" / "dev"


def _ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [row["doc_id"] for row in csv.DictReader(fh)]


def test_the_mention_gold_sample_is_the_seeded_draw() -> None:
    assert [r["doc_id"] for r in draw_dev_sample(CORPUS)] == _ids(GOLD / "sample.csv")


def test_the_cue_and_relation_sample_is_its_own_draw_and_shares_no_text() -> None:
    rows = draw_dev_sample(CORPUS, per_outlet=5, seed=20261202, min_actors=2,
                           exclude=frozenset(_ids(GOLD / "sample.csv")))
    assert [r["doc_id"] for r in rows] == _ids(GOLD / "cues-relations" / "sample.csv")
    assert not set(_ids(GOLD / "sample.csv")) & set(_ids(GOLD / "cues-relations" / "sample.csv"))


def test_min_actors_counts_distinct_actors_not_keywords(tmp_path: Path) -> None:
    assert actors_named("قصفت روسيا مواقع داعش") == 2
    assert actors_named("روسيا وموسكو والروسي") == 1
    body = " ".join(["كلمة"] * 70)
    records = [{"id": "a", "outlet": "X", "title": "روسيا", "text": body},
               {"id": "b", "outlet": "X", "title": "روسيا وداعش", "text": body}]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    assert [r["doc_id"] for r in draw_dev_sample(corpus, min_actors=2)] == ["c/b"]
    assert [r["doc_id"] for r in draw_dev_sample(corpus, exclude=frozenset({"c/b"}))] == ["c/a"]


def test_the_tune_only_extension_is_two_draws_of_articles_naming_the_sdf_the_coalition_or_russia() -> None:
    earlier = frozenset(_ids(GOLD / "sample.csv")) | frozenset(_ids(GOLD / "cues-relations" / "sample.csv"))
    rows = draw_dev_sample(CORPUS, per_outlet=2, seed=20261202, max_words=300, exclude=earlier,
                           naming=("SDF", "COALITION"))
    second = draw_dev_sample(CORPUS, per_outlet=2, seed=20261203, max_words=220,
                             exclude=earlier | {r["doc_id"] for r in rows}, naming=("SDF", "COALITION", "RUSSIA"))
    extension = GOLD.parent / "dev-extension" / "sample.csv"
    assert [r["doc_id"] for r in rows + second] == _ids(extension)
    assert not earlier & set(_ids(extension))
    with extension.open(encoding="utf-8") as fh:
        assert {row["half"] for row in csv.DictReader(fh)} == {"tune"}


def test_naming_keeps_only_articles_that_name_one_of_the_given_actors(tmp_path: Path) -> None:
    body = " ".join(["كلمة"] * 70)
    records = [{"id": "a", "outlet": "X", "title": "روسيا", "text": body},
               {"id": "b", "outlet": "X", "title": "قسد", "text": body}]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    assert [r["doc_id"] for r in draw_dev_sample(corpus, naming=("SDF",))] == ["c/b"]
    assert len(draw_dev_sample(corpus)) == 2
    try:
        draw_dev_sample(corpus, naming=("PKK",))
    except ValueError as exc:
        assert "PKK" in str(exc)
    else:  # pragma: no cover - the check must raise
        raise AssertionError("an unknown actor code must be refused")


def test_the_second_held_out_set_is_its_own_draw_of_articles_no_other_gold_set_holds() -> None:
    earlier = frozenset().union(*(_ids(path) for path in (GOLD / "sample.csv", GOLD / "cues-relations" / "sample.csv",
                                                          GOLD.parent / "dev-extension" / "sample.csv")))
    rows = draw_dev_sample(CORPUS, per_outlet=3, seed=20261205, max_words=350, min_actors=2, exclude=earlier)
    holdout = GOLD.parent / "dev-holdout" / "sample.csv"
    assert [r["doc_id"] for r in rows] == _ids(holdout)
    assert not earlier & set(_ids(holdout))
    with holdout.open(encoding="utf-8") as fh:
        assert {row["half"] for row in csv.DictReader(fh)} == {"test"}


def test_the_cue_and_relation_extension_is_its_own_tune_only_draw_of_articles_no_other_gold_set_holds() -> None:
    root = GOLD.parent
    earlier = frozenset().union(*(_ids(path) for path in root.glob("**/sample.csv")
                                  if path.parent.name != "cues-relations-extension"))
    rows = draw_dev_sample(CORPUS, per_outlet=2, seed=20261207, max_words=300, min_actors=2, exclude=earlier)
    extension = root / "cues-relations-extension" / "sample.csv"
    assert [r["doc_id"] for r in rows] == _ids(extension)
    assert not earlier & set(_ids(extension))
    with extension.open(encoding="utf-8") as fh:
        assert {row["half"] for row in csv.DictReader(fh)} == {"tune"}
