"""Writing tables: UTF-8 CSV (and Parquet) with fixed columns, streamed, atomic and byte-reproducible.

Rows are appended as documents finish, so memory does not grow with the corpus; each file is written under
a temporary name in the output folder and renamed into place only when complete, so a crash never leaves
a half-written table where a finished one was.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .schema import Table, find_table

if TYPE_CHECKING:  # pandas is imported where a table is read or a frame written, not by the row writers
    import pandas as pd

__all__ = ["TableWriter", "CsvChunk", "render_csv", "PartWriter", "PartSlice", "read_part", "write_table", "atomic_write_bytes", "read_table", "read_run_table",
           "Format"]

Format = Literal["csv", "parquet"]


#: Cell types written as they are (exact types: bool is an int, but is written true/false).
_PLAIN = frozenset({str, int})


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6)) if value == value else ""
    return value


class _RowCells:
    """A row's CSV cells in column order; a row's keys are checked once per key tuple (rows of one
    analyzer are built alike), not once per row."""

    def __init__(self, name: str, columns: Sequence[str]):
        self.name = name
        self.columns = list(columns)
        self._columns_key = tuple(self.columns)
        self._known: dict[tuple[str, ...], bool] = {}  # key tuple -> True when it is the columns in order

    def __call__(self, row: Mapping[str, Any]) -> list[Any]:
        keys = tuple(row)
        in_order = self._known.get(keys)
        if in_order is None:
            extra = set(keys) - set(self.columns)
            if extra:
                raise KeyError(f"{self.name}: unexpected column(s) {sorted(extra)}")
            in_order = keys == self._columns_key
            if len(self._known) < 1024:  # rows are built by code, so few key tuples; bound it anyway
                self._known[keys] = in_order
        values = row.values() if in_order else [row.get(c) for c in self.columns]
        return [v if type(v) in _PLAIN else _cell(v) for v in values]


@dataclass(frozen=True)
class CsvChunk:
    """Rows of one table rendered as CSV text (no header), ready to append: lets pool workers do the
    formatting so the process that writes only copies text."""

    columns: tuple[str, ...]
    text: str
    n_rows: int


def render_csv(name: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> CsvChunk:
    """Render rows exactly as :meth:`TableWriter.write` writes them to a CSV table called ``name``."""
    cells = _RENDERERS.get((name, tuple(columns)))
    if cells is None:
        cells = _RENDERERS[(name, tuple(columns))] = _RowCells(f"{name}.csv", columns)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    n_rows = 0
    for row in rows:
        writer.writerow(cells(row))
        n_rows += 1
    return CsvChunk(tuple(columns), buffer.getvalue(), n_rows)


_RENDERERS: dict[tuple[str, tuple[str, ...]], _RowCells] = {}


# --- part files: rows a pool worker wrote for the parent to copy ------------------------------------------


@dataclass(frozen=True)
class PartSlice:
    """One table's rows of a batch of documents inside a worker's part file: CSV bytes (no header), or an
    Arrow IPC stream for a Parquet table. The parent copies them into the table without formatting a cell."""

    table: str
    columns: tuple[str, ...]
    kind: Literal["csv", "arrow"]
    offset: int
    length: int
    n_rows: int


class PartWriter:
    """Writes one batch's rows, table after table, into one part file (in a worker process).

    The rows are rendered exactly as :meth:`TableWriter.write` would (CSV cells, or Arrow arrays of the
    declared types, as the Parquet writer builds them), so the copied bytes are the serial run's."""

    def __init__(self, path: Path, fmt: Format):
        self.path = Path(path)
        self.fmt = fmt
        self._fh = self.path.open("wb")
        self.slices: list[PartSlice] = []

    def add(self, name: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> None:
        declared = find_table(name)
        if self.fmt == "csv" or declared is None:
            chunk = render_csv(name, columns, rows)
            data = chunk.text.encode("utf-8")
            kind: Literal["csv", "arrow"] = "csv"
        else:
            data = _arrow_stream(name, columns, rows, declared)
            kind = "arrow"
        offset = self._fh.tell()
        self._fh.write(data)
        self.slices.append(PartSlice(name, tuple(columns), kind, offset, len(data), len(rows)))

    def close(self) -> list[PartSlice]:
        self._fh.close()
        return self.slices


def _arrow_stream(name: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]], declared: Table) -> bytes:
    import pyarrow as pa

    cells = _RENDERERS.get((name, tuple(columns)))
    if cells is None:
        cells = _RENDERERS[(name, tuple(columns))] = _RowCells(f"{name}.parquet", columns)
    for row in rows:
        cells(row)  # validates the keys, as TableWriter.write does
    schema = pa.schema([declared[c].arrow() for c in columns])
    table = pa.Table.from_pylist([dict(r) for r in rows], schema=schema)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema) as stream:
        stream.write_table(table)
    return sink.getvalue().to_pybytes()


def read_part(path: Path) -> memoryview:
    """A part file's bytes (the parent copies slices of them into the tables)."""
    return memoryview(Path(path).read_bytes())


def _umask_mode() -> int:
    """The mode a plain open() would give a new file (mkstemp makes files owner-only)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class TableWriter:
    """Append rows to a table with fixed columns; :meth:`close` moves it into place atomically.

    CSV cells: booleans as ``true``/``false``, missing values empty, floats rounded to 6 places, ``\\n``
    line endings. Parquet (``fmt="parquet"``) keeps the same columns, written in row groups.
    """

    def __init__(self, path: Path, columns: Sequence[str] | Table | None = None, fmt: Format = "csv",
                 batch_rows: int = 50_000):
        if fmt not in ("csv", "parquet"):
            raise ValueError(f"format must be 'csv' or 'parquet', not {fmt!r}")
        self.path = Path(path).with_suffix("." + fmt)
        declared = columns if isinstance(columns, Table) else find_table(self.path.stem)
        if columns is None or isinstance(columns, Table):
            if declared is None:
                raise ValueError(f"{self.path.name}: no table {self.path.stem!r} is declared in analysis.schema")
            columns = declared.columns
        elif declared is not None and not set(columns) <= set(declared.columns):
            undeclared = [c for c in columns if c not in declared]
            raise ValueError(f"{self.path.name}: column(s) {undeclared} are not declared for table {declared.name!r}")
        #: The declared table (its Arrow schema types the Parquet file); None for undeclared ad-hoc tables.
        self.table = declared
        self.columns = list(columns)
        self.fmt = fmt
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        self._tmp = Path(tmp)
        self._batch: list[Mapping[str, Any]] = []
        self._arrow: list[Any] = []  # Arrow tables from pool workers, not yet written (Parquet)
        self._arrow_rows = 0
        self._batch_rows = batch_rows
        self._parquet_writer = None
        self.n_rows = 0
        self._columns_key = tuple(self.columns)
        self._cells = _RowCells(self.path.name, self.columns)
        if fmt == "csv":
            self._fh = self._tmp.open("w", encoding="utf-8", newline="")
            self._csv = csv.writer(self._fh, lineterminator="\n")
            self._csv.writerow(self.columns)

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        if self.fmt == "csv":
            cells = self._cells
            for row in rows:
                self._csv.writerow(cells(row))
                self.n_rows += 1
            return
        for row in rows:
            self._cells(row)  # validates the keys
            self.n_rows += 1
            self._batch.append(row)
            if not self._arrow and len(self._batch) >= self._batch_rows:
                self._flush_parquet()
        if self._arrow and self._batch:  # behind rows from workers: they join the same queue
            self._arrow.append(self._batch_table(self._batch))
            self._arrow_rows += len(self._batch)
            self._batch = []
            while self._arrow_rows >= self._batch_rows:
                self._flush_arrow(self._batch_rows)

    def write_rendered(self, chunk: "CsvChunk") -> None:
        """Append rows already rendered by :func:`render_csv` (in a worker process) to a CSV table."""
        if self.fmt != "csv":
            raise ValueError(f"{self.path.name}: rendered CSV rows cannot go into a {self.fmt} table")
        if chunk.columns != self._columns_key:
            raise ValueError(f"{self.path.name}: rows rendered for other columns {list(chunk.columns)}")
        self._fh.write(chunk.text)
        self.n_rows += chunk.n_rows

    def write_part(self, part: "PartSlice", data: memoryview) -> None:
        """Append a worker's rows (``data`` is its part file): CSV bytes are copied as they are; an Arrow
        stream joins the rows waiting for a Parquet row group, which is cut at the same row counts as
        :meth:`write` cuts them, so the file is the one a serial run writes."""
        if part.columns != self._columns_key:
            raise ValueError(f"{self.path.name}: rows written for other columns {list(part.columns)}")
        piece = data[part.offset : part.offset + part.length]
        if part.kind == "csv":
            if self.fmt != "csv":
                raise ValueError(f"{self.path.name}: CSV rows cannot go into a {self.fmt} table")
            self._fh.flush()
            self._fh.buffer.write(piece)
            self.n_rows += part.n_rows
            return
        import pyarrow as pa

        if self.fmt != "parquet":
            raise ValueError(f"{self.path.name}: Arrow rows cannot go into a {self.fmt} table")
        if self._batch:  # rows written one by one before (the parent's first document): they come first
            self._arrow.append(self._batch_table(self._batch))
            self._arrow_rows += len(self._batch)
            self._batch = []
        table = pa.ipc.open_stream(pa.py_buffer(piece)).read_all()
        self._arrow.append(table)
        self._arrow_rows += table.num_rows
        self.n_rows += table.num_rows
        while self._arrow_rows >= self._batch_rows:
            self._flush_arrow(self._batch_rows)

    def _flush_arrow(self, n: int | None = None) -> None:
        """Write the first ``n`` waiting Arrow rows (all when None) as one row group."""
        import pyarrow as pa

        waiting = pa.concat_tables(self._arrow).combine_chunks()
        n = waiting.num_rows if n is None else n
        self._write_group(waiting.slice(0, n).combine_chunks())
        rest = waiting.slice(n)
        self._arrow = [rest] if rest.num_rows else []
        self._arrow_rows = rest.num_rows

    def _batch_table(self, batch: list[Mapping[str, Any]]) -> Any:
        import pyarrow as pa

        if self.table is not None:
            schema = pa.schema([self.table[c].arrow() for c in self.columns])
            return pa.Table.from_pylist([dict(r) for r in batch], schema=schema)
        import pandas as pd

        frame = pd.DataFrame(batch, columns=self.columns)
        return pa.Table.from_pandas(frame, preserve_index=False)

    def _write_group(self, table: Any) -> None:
        import pyarrow.parquet as pq

        if self._parquet_writer is None:
            self._parquet_writer = pq.ParquetWriter(self._tmp, table.schema)
        else:
            table = table.cast(self._parquet_writer.schema)
        self._parquet_writer.write_table(table)

    def _flush_parquet(self) -> None:
        self._write_group(self._batch_table(self._batch))
        self._batch = []

    def close(self) -> Path:
        if self.fmt == "csv":
            self._fh.close()
        else:
            if self._arrow:
                if self._batch:
                    self._arrow.append(self._batch_table(self._batch))
                    self._batch = []
                self._flush_arrow()
            if self._batch or self._parquet_writer is None:
                self._flush_parquet()
            self._parquet_writer.close()
        os.chmod(self._tmp, _umask_mode())
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        if self.fmt == "csv" and not self._fh.closed:
            self._fh.close()
        self._tmp.unlink(missing_ok=True)


def write_table(path: Path, frame: pd.DataFrame, fmt: Format = "csv") -> Path:
    """Write a whole (small, summary) table atomically, with the same cell rules as :class:`TableWriter`."""
    writer = TableWriter(path, list(frame.columns), fmt)
    try:
        writer.write(frame.to_dict("records"))
    except BaseException:
        writer.abort()
        raise
    return writer.close()


def _declared_types(frame: pd.DataFrame, declared: Table) -> pd.DataFrame:
    """Give each declared column its declared type: ``int`` as int64 (nullable ``Int64`` when a cell is
    empty), ``float`` as float64, ``bool`` as bool (nullable ``boolean`` when empty), ``str`` as object with
    missing cells as NaN, so that a CSV and a Parquet copy of a table read alike."""
    for name in frame.columns:
        if name not in declared:
            continue
        kind = declared[name].type
        col = frame[name]
        if kind == "bool":
            if col.dtype == object:
                col = col.map({"true": True, "false": False, True: True, False: False})
            frame[name] = col.astype("boolean") if col.isna().any() else col.astype(bool)
        elif kind == "int":
            frame[name] = col.astype("Int64") if col.isna().any() else col.astype("int64")
        elif kind == "float":
            frame[name] = col.astype("float64")
        elif kind == "str" and col.dtype != object:
            frame[name] = col.astype(object).where(col.notna(), None).map(lambda v: v if v is None else str(v))
    return frame


def read_table(path: str | Path, **kwargs: Any) -> pd.DataFrame:
    """Read a table written here with its declared column types (see :mod:`analysis.schema`); tables that
    are not declared get booleans and empty cells restored."""
    import pandas as pd

    path = Path(path)
    declared = find_table(path.stem)
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path, **kwargs)
        return _declared_types(frame, declared) if declared is not None else frame
    if declared is not None and "dtype" not in kwargs:
        kwargs["dtype"] = {f.name: str for f in declared.fields if f.type == "str"}
    frame = pd.read_csv(path, encoding="utf-8", keep_default_na=False, na_values=[""], **kwargs)
    if declared is not None:
        return _declared_types(frame, declared)
    for col in frame.columns:
        if frame[col].dtype == object:
            values = set(frame[col].dropna().unique())
            if values and values <= {"true", "false"}:
                frame[col] = frame[col].map({"true": True, "false": False})
    return frame


def read_run_table(tables_dir: str | Path, name: str) -> pd.DataFrame | None:
    """The table ``name`` of a run's folder, as CSV or Parquet (whichever the run wrote); None when absent."""
    for suffix in (".csv", ".parquet"):
        path = Path(tables_dir) / f"{name}{suffix}"
        if path.exists():
            return read_table(path)
    return None
