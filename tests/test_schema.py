"""The schema is the one source of every table's columns and types."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis import config, schema
from analysis.tables import TableWriter, read_table

ROOT = Path(__file__).resolve().parents[1]


def test_data_dictionary_is_generated_from_the_schema():
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == schema.data_dictionary(), "docs/data-dictionary.md is stale: run `make docs`"


def test_every_table_of_a_run_has_its_declared_columns_in_order(run_dir):
    tables = sorted(run_dir.glob("*.csv")) + sorted(config.PROCESSED_DIR.glob("*.csv"))
    assert tables, "no tables written"
    for path in tables:
        declared = schema.find_table(path.stem)
        assert declared is not None, f"{path} is written but not declared in analysis.schema"
        header = path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        assert header == declared.columns, path.name


def test_every_table_and_column_says_what_it_is():
    for t in schema.TABLES.values():
        assert t.description and all(f.description for f in t.fields), t.name


def test_a_sort_key_must_name_columns():
    with pytest.raises(ValueError, match="sort key"):
        schema.Table("t", "row", "a table", (schema.Field("a", "int", "a column"),), ("b",))


def test_parquet_schema_is_declared_not_guessed(tmp_path):
    """A nullable column empty in the first batch used to give Parquet a null type, and the next batch crashed."""
    writer = TableWriter(tmp_path / "statements", fmt="parquet", batch_rows=1)
    row = dict(doc_id="a", start=0, end=4, speaker_actor="US", speaker_start=None, speaker_end=None, verb="قال",
               quote_type="indirect", targets=None, sentence_id=0, commitment=None, n_words=3, is_boilerplate=False)
    writer.write([row])
    writer.write([{**row, "speaker_start": 10, "speaker_end": 14, "targets": "ISIS", "commitment": "neutral"}])
    path = writer.close()
    arrow = pq.read_schema(path)
    assert arrow.field("speaker_start").type == schema.ARROW_TYPES["int"]
    assert arrow.field("targets").type == schema.ARROW_TYPES["str"]
    frame = read_table(path)
    assert frame["speaker_start"].tolist()[1] == 10 and pd.isna(frame["speaker_start"].tolist()[0])


def test_csv_and_parquet_read_back_with_the_same_types(tmp_path):
    rows = [
        dict(doc_id="d", start=0, end=5, surface="داعش", actor="ISIS", component=None, alias="داعش", kind="name",
             sentence_id=0, paragraph_id=0, in_headline=True, in_quotes=False, is_repeated=False, is_boilerplate=False),
        dict(doc_id="d", start=9, end=14, surface="قسد", actor="SDF", component="YPG", alias="قسد", kind="name",
             sentence_id=1, paragraph_id=1, in_headline=False, in_quotes=True, is_repeated=False, is_boilerplate=False),
    ]
    frames = []
    for fmt in ("csv", "parquet"):
        writer = TableWriter(tmp_path / fmt / "mentions", fmt=fmt)
        writer.write(rows)
        frames.append(read_table(writer.close()))
    csv_frame, parquet_frame = frames
    assert list(csv_frame.dtypes.astype(str)) == list(parquet_frame.dtypes.astype(str))
    pd.testing.assert_frame_equal(csv_frame, parquet_frame)
    assert csv_frame["in_headline"].dtype == bool and csv_frame["start"].dtype == "int64"


def test_writer_rejects_undeclared_columns(tmp_path):
    with pytest.raises(ValueError, match="not declared"):
        TableWriter(tmp_path / "mentions", ["doc_id", "start", "colour"])
    with pytest.raises(KeyError, match="unexpected"):
        schema.MENTIONS.row(doc_id="d", colour="red")


def test_tables_command_prints_the_schema(capsys):
    from analysis.cli import main

    assert main(["tables", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["name"] for e in entries] == list(schema.TABLES)
    mentions = next(e for e in entries if e["name"] == "mentions")
    assert {"name": "start", "type": "int", "arrow_type": "int64", "nullable": False} .items() <= next(
        c for c in mentions["columns"] if c["name"] == "start").items()
    assert main(["tables", "mentionz"]) == 2
    assert "no table 'mentionz'" in capsys.readouterr().err
