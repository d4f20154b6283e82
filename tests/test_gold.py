"""The gold loader: columns checked, offsets as integers, rows restricted to the corpus being scored."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from analysis import config, gold

DOC = "aljazeera/2016-05-24_sdf-offensive-north-raqqa"


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_project_gold_loads_with_integer_offsets_that_point_into_the_text(first_article_text: str) -> None:
    for name in ("mentions", "cues", "statements", "relations"):
        frame = gold.load_gold(name)
        assert len(frame) and set(gold.GOLD_COLUMNS[name]) <= set(frame.columns)
        assert frame["start"].dtype.kind == "i" and frame["end"].dtype.kind == "i"
        assert not frame.isna().any().any(), f"{name}: empty cells must be '' not NaN"
        rows = frame[frame["doc_id"] == DOC]
        assert all(first_article_text[s:e] == t for s, e, t in zip(rows["start"], rows["end"], rows["surface"]))


def test_doc_ids_keep_only_the_documents_of_the_corpus(tmp_path: Path) -> None:
    _write(tmp_path, "mentions", "doc_id,start,end,surface,actor,component,kind\n"
                                 "a/1,0,3,قسد,SDF,,name\nb/2,4,9,موسكو,RUSSIA,,metonym\n")
    assert gold.load_gold("mentions", gold_dir=tmp_path, doc_ids=["b/2", "c/3"])["doc_id"].tolist() == ["b/2"]
    assert gold.load_gold("mentions", gold_dir=tmp_path, doc_ids=[]).empty
    assert gold.covered_documents(["b/2", "c/3"], gold_dir=tmp_path) == ["b/2"]
    assert gold.covered_documents(["c/3"], gold_dir=tmp_path) == []


def test_a_missing_file_loads_empty_with_its_columns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    tmp_path.joinpath("x").mkdir()
    with caplog.at_level(logging.WARNING, logger="analysis.gold"):
        frame = gold.load_gold("relations", gold_dir=tmp_path / "x")
    assert frame.empty and list(frame.columns) == gold.GOLD_COLUMNS["relations"]
    assert "relations.csv" in caplog.text


def test_bad_gold_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "cues", "doc_id,start,end,surface,category\na,0,3,قال,reporting_verb\n")
    with pytest.raises(ValueError, match="lacks column"):
        gold.load_gold("cues", gold_dir=tmp_path)
    _write(tmp_path, "cues", "doc_id,start,end,surface,category,subtype,speaker_actor\na,x,3,قال,reporting_verb,neutral,OUTLET\n")
    with pytest.raises(ValueError, match="integers"):
        gold.load_gold("cues", gold_dir=tmp_path)
    _write(tmp_path, "cues", "doc_id,start,end,surface,category,subtype,speaker_actor\na,5,3,قال,reporting_verb,neutral,OUTLET\n")
    with pytest.raises(ValueError, match="start >= end"):
        gold.load_gold("cues", gold_dir=tmp_path)
    with pytest.raises(ValueError, match="name"):
        gold.load_gold("quotes", gold_dir=tmp_path)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        gold.load_gold("cues", gold_dir=tmp_path / "absent")


def test_default_folder_is_the_projects() -> None:
    assert gold.gold_path("mentions") == config.GOLD_DIR / "mentions.csv"
