"""Copies of tables for spreadsheets: CSV that Excel, LibreOffice or Google Sheets open as text, never as formulas.

The tables a run writes (``data/processed``) and ``analysis kwic --csv`` are exact and machine-readable:
every cell is the text as it is, so that ``text[start:end]`` and joins on ``doc_id`` keep working. Opened
in a spreadsheet, though, a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return)
is read as a formula, and corpus text can start with anything: a context column holding
``=HYPERLINK("http://...")`` would become a live link, and ``-`` before an Arabic word an error cell.

So the choice here is a *separate* spreadsheet copy, asked for explicitly (``analysis kwic --spreadsheet
PATH``, ``analysis spreadsheet TABLE.csv COPY.csv``, :func:`write_spreadsheet_csv`):

* a text cell starting with one of :data:`FORMULA_STARTS` gets a leading apostrophe ``'``, which
  spreadsheets take as "this cell is text" (and do not show in the cell); a cell that is a plain number
  (``-0.24``) is left alone, since a spreadsheet reads it as that number and not as a formula;
* the file is UTF-8 with a byte-order mark, so that Excel shows Arabic instead of mojibake.

The copy is for reading by people; never feed it back to the pipeline or the notebooks.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import sys
from pathlib import Path
from typing import Any

import pandas as pd


__all__ = ["FORMULA_STARTS", "spreadsheet_cell", "spreadsheet_safe", "write_spreadsheet_csv", "copy_for_spreadsheet"]

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        value = float(text)
    except ValueError:
        return False
    return math.isfinite(value) and text.strip() == text


def spreadsheet_cell(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: an apostrophe before a formula-like start."""
    if value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_cell(value)
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and headers cannot run as formulas (numbers unchanged)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column].dtype):
            safe[column] = safe[column].map(_cell)
    safe.columns = [spreadsheet_cell(str(c)) for c in safe.columns]
    return safe


def _write(path: Path, rows: list[list[Any]]) -> Path:
    from .tables import atomic_write_bytes

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # what spreadsheets write
    writer.writerows(rows)
    atomic_write_bytes(Path(path), buffer.getvalue().encode("utf-8-sig"))
    return Path(path)


def write_spreadsheet_csv(path: str | Path, frame: pd.DataFrame) -> Path:
    """Write ``frame`` as a spreadsheet copy (see the module docstring); returns the path."""
    header = [spreadsheet_cell(str(c)) for c in frame.columns]
    rows = [[_cell(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    return _write(Path(path), [header, *rows])


def copy_for_spreadsheet(table: str | Path, copy: str | Path) -> Path:
    """Copy a CSV table written by the pipeline, cell for cell, into a spreadsheet copy."""
    with Path(table).open(encoding="utf-8-sig", newline="") as fh:
        rows = [[spreadsheet_cell(cell) for cell in row] for row in csv.reader(fh)]
    return _write(Path(copy), rows)


def _add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("table", type=Path, help="a CSV table (e.g. data/processed/sentences.csv)")
    p.add_argument("copy", type=Path, help="the spreadsheet copy to write (UTF-8 with BOM, formulas disarmed)")


def _handler(args: argparse.Namespace) -> int:
    from .errors import ConfigurationError

    if not args.table.is_file():
        raise ConfigurationError(f"table not found: {args.table} (relative paths are relative to the current folder)")
    if args.copy.resolve() == args.table.resolve():
        raise ConfigurationError(f"{args.copy}: the copy must not replace the table (the table stays exact)")
    path = copy_for_spreadsheet(args.table, args.copy)
    print(f"spreadsheet copy of {args.table} in {path}", file=sys.stderr)
    return 0
