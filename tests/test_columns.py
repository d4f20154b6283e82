"""Columns are declared once, in analysis.schema: no other module copies a table's column list, and every
table a run writes has exactly the declared columns."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest

import analysis
from analysis import schema
from analysis.tables import TableWriter

PACKAGE = Path(analysis.__file__).parent


def _column_lists(path: Path) -> list[tuple[int, str]]:
    """(line, table) of every list or tuple literal in a module that holds all the columns of a declared table."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, (ast.List, ast.Tuple)) or len(node.elts) < 3:
            continue
        if not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            continue
        names = {e.value for e in node.elts}  # type: ignore[attr-defined]
        for table in schema.TABLES.values():
            if len(table.fields) >= 3 and set(table.columns) <= names:
                found.append((node.lineno, table.name))
                break
    return found


def test_the_scan_finds_a_copied_column_list(tmp_path: Path) -> None:
    module = tmp_path / "copy.py"
    module.write_text(f"COLUMNS = {schema.WARNINGS.columns!r}\nNEEDED = ['doc_id', 'start', 'end']\n", encoding="utf-8")
    assert _column_lists(module) == [(1, "warnings")]


def test_no_module_but_the_schema_lists_a_table_s_columns() -> None:
    offenders = {
        f"{path.relative_to(PACKAGE)}:{line} ({table})"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "schema.py"
        for line, table in _column_lists(path)
    }
    assert not offenders, f"column lists outside analysis.schema (derive them from the table): {sorted(offenders)}"


def test_every_table_of_a_run_has_exactly_its_declared_columns(run_dir: Path) -> None:
    written = sorted(run_dir.glob("*.csv"))
    assert len(written) >= 20
    for path in written:
        declared = schema.find_table(path.stem)
        assert declared is not None, f"{path.name} is not declared in analysis.schema"
        with path.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == declared.columns, path.name


def test_a_writer_refuses_a_column_the_schema_does_not_declare(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\['speaker'\] are not declared for table 'mentions'"):
        TableWriter(tmp_path / "mentions", [*schema.MENTIONS.columns, "speaker"])
    with pytest.raises(ValueError, match="no table 'quotes' is declared"):
        TableWriter(tmp_path / "quotes")
