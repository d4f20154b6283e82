"""Cleaning a corpus without touching its text: the per-document columns and tables, and what counts leave out.

Per document (in the analyzer chain, before any detector): the ISO date (``analysis.dates``), the canonical
outlet (``analysis.outlets``), every other metadata field as JSON, the boilerplate spans and the digest
flag (``analysis.boilerplate``), and the warnings a user should see (unparseable date, unknown outlet).

Corpus-wide (in ``analysis.pipeline.run``): duplicate clusters (``analysis.duplicates``) are written into the
documents table once every document has been read, and the count tables and networks are built from
*counted* copies of the row tables: rows of duplicate copies (``is_duplicate``; kept with
``--keep-duplicates``) and rows inside boilerplate (``is_boilerplate``; kept with ``--keep-boilerplate``)
left out. The row tables themselves keep every row. ``cleaning_summary.csv`` says, per outlet, how much
was left out.
"""

from __future__ import annotations

import csv
import json
import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import schema
from .boilerplate import Span, detect_digest, find_boilerplate, load_rules, overlaps
from .dates import parse_date
from .duplicates import DUPLICATE_COLUMNS, DuplicateFinder, DuplicateInfo
from .outlets import load_outlets
from .tables import TableWriter

log = logging.getLogger(__name__)

__all__ = ["DOCUMENT_COLUMNS", "WARNING_COLUMNS", "BOILERPLATE_COLUMNS", "FLAGGED_TABLES", "document_cleaning",
           "flag_boilerplate", "annotate_documents", "counted_tables", "write_cleaning_summary",
           "CLEANING_SUMMARY_COLUMNS", "duplicate_finder", "add_to_finder"]

#: Columns this module adds to the documents table, after the reading columns, in file order.
DOCUMENT_COLUMNS = schema.CLEANING_COLUMNS
WARNING_COLUMNS = schema.WARNINGS.columns
BOILERPLATE_COLUMNS = schema.BOILERPLATE.columns
#: Row tables whose rows get ``is_boilerplate`` (their ``start``/``end`` overlap a boilerplate span).
FLAGGED_TABLES = ("mentions", "statements", "cues", "relations")
CLEANING_SUMMARY_COLUMNS = schema.CLEANING_SUMMARY.columns


def _outlets(resources: Any) -> Any:
    path = getattr(resources.options, "outlet_lexicon", None)
    return resources.get(f"cleaning.outlets:{path or ''}", lambda: load_outlets(path))


def _rules(resources: Any) -> Any:
    path = getattr(resources.options, "boilerplate_lexicon", None)
    return resources.get(f"cleaning.boilerplate:{path or ''}", lambda: load_rules(path))


def _spans(doc: Any, resources: Any) -> tuple[dict[str, str], list[Span]]:
    outlet, _ = _outlets(resources).columns(doc.metadata.get("outlet", ""))
    return outlet, find_boilerplate(doc.text, outlet["outlet_id"], _rules(resources))


def document_cleaning(doc: Any, resources: Any) -> tuple[dict[str, Any], list[Span], dict[str, list[dict[str, Any]]]]:
    """(documents-table columns, boilerplate spans, rows of the boilerplate and warnings tables) of one document."""
    options = resources.options
    outlet, spans = _spans(doc, resources)
    rows: dict[str, list[dict[str, Any]]] = {"boilerplate": [], "warnings": []}
    written_outlet = doc.metadata.get("outlet", "")
    if written_outlet and not outlet["outlet_id"]:
        rows["warnings"].append({"doc_id": doc.doc_id, "path": doc.path, "field": "outlet", "value": written_outlet,
                                 "reason": "unknown outlet: kept as written (add it to lexicons/outlets.yaml)"})
    parsed = parse_date(doc.metadata.get("date", ""), slash_dates=getattr(options, "slash_dates", "undeclared"))
    if parsed.error:
        rows["warnings"].append({"doc_id": doc.doc_id, "path": doc.path, "field": "date",
                                 "value": doc.metadata.get("date", ""), "reason": parsed.error})
    is_digest, reason = detect_digest(doc.text, spans, _rules(resources))
    rows["boilerplate"] = [
        {"doc_id": doc.doc_id, "start": s.start, "end": s.end, "rule": s.rule, "kind": s.kind,
         "outlet": outlet["outlet_id"], "text": doc.text[s.start : s.end]}
        for s in spans
    ]
    extra = getattr(doc, "extra_metadata", None) or {}
    columns = {
        "date_iso": parsed.iso,
        **outlet,
        "extra_metadata": json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else "",
        "is_digest": is_digest,
        "digest_reason": reason,
        "n_boilerplate_spans": len(spans),
        # a document alone is its own cluster; analysis.pipeline.run fills in the corpus-wide clusters
        **DuplicateInfo(doc.doc_id, False, "", "").columns(),
    }
    return columns, spans, rows


def flag_boilerplate(rows: dict[str, list[dict[str, Any]]], spans: list[Span]) -> None:
    """Set ``is_boilerplate`` on every row of the FLAGGED_TABLES (in place)."""
    for table in FLAGGED_TABLES:
        for row in rows.get(table, ()):
            row["is_boilerplate"] = bool(spans) and overlaps(spans, int(row["start"]), int(row["end"]))


# --- corpus-wide duplicates ----------------------------------------------------------------------------

def duplicate_finder(options: Any) -> DuplicateFinder:
    from .duplicates import NEAR_THRESHOLD

    return DuplicateFinder(threshold=getattr(options, "near_duplicate_threshold", NEAR_THRESHOLD))


def add_to_finder(finder: DuplicateFinder, doc: Any, resources: Any) -> None:
    """Give a document (its words outside boilerplate, its publication moment) to the duplicate finder."""
    finder.add_entry(finder_entry(finder, doc, resources))


def finder_entry(finder: DuplicateFinder, doc: Any, resources: Any) -> Any:
    """What :func:`add_to_finder` gives the finder, computed on its own (in a pool worker, beside the
    document's analysis, rather than in the process that writes the tables)."""
    _, spans = _spans(doc, resources)
    parsed = parse_date(doc.metadata.get("date", ""), slash_dates=getattr(resources.options, "slash_dates", "undeclared"))
    return finder.entry(doc.doc_id, doc.text, when=parsed.timestamp_utc or parsed.iso, skip=[(s.start, s.end) for s in spans])


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def annotate_documents(path: Path, clusters: dict[str, DuplicateInfo], fmt: str = "csv") -> Path:
    """Rewrite the documents table with the corpus-wide duplicate columns (atomically, same columns)."""
    path = Path(path)
    if fmt == "parquet":
        import pandas as pd

        frame = pd.read_parquet(path)
        for column in DUPLICATE_COLUMNS:
            frame[column] = [getattr(clusters[d], column) if d in clusters else v
                             for d, v in zip(frame["doc_id"], frame[column])]
        writer = TableWriter(path, list(frame.columns), "parquet")
        writer.write(frame.to_dict("records"))
        return writer.close()
    with path.open(encoding="utf-8", newline="") as fh:
        columns = next(csv.reader(fh))
    writer = TableWriter(path, columns, "csv")
    try:
        for row in _csv_rows(path):
            info = clusters.get(row["doc_id"])
            if info is not None:
                row.update(info.columns())
            writer.write([row])
    except BaseException:
        writer.abort()
        raise
    return writer.close()


# --- what the counts see ---------------------------------------------------------------------------------

def _truthy(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1")


def excluded_documents(paths: dict[str, Path], options: Any) -> set[str]:
    """doc_ids whose rows the counts leave out: duplicate copies, unless ``keep_duplicates``."""
    if getattr(options, "keep_duplicates", False) or "documents" not in paths:
        return set()
    path = Path(paths["documents"])
    if path.suffix == ".parquet":
        import pandas as pd

        frame = pd.read_parquet(path, columns=["doc_id", "is_duplicate"])
        return set(frame.loc[frame["is_duplicate"].map(_truthy), "doc_id"].astype(str))
    return {row["doc_id"] for row in _csv_rows(path) if _truthy(row.get("is_duplicate", ""))}


def _filter_table(source: Path, target: Path, excluded: set[str], drop_boilerplate: bool) -> tuple[Path, int]:
    """Copy a row table without the rows of excluded documents (and boilerplate rows); returns (path, dropped)."""
    dropped = 0
    if source.suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(source)
        frame = table.to_pandas()
        keep = ~frame["doc_id"].astype(str).isin(excluded)
        if drop_boilerplate and "is_boilerplate" in frame.columns:
            keep &= ~frame["is_boilerplate"].map(_truthy)
        dropped = int((~keep).sum())
        target = target.with_suffix(".parquet")
        pq.write_table(table.filter(keep.to_numpy()), target)
        return target, dropped
    with source.open(encoding="utf-8", newline="") as fin, target.open("w", encoding="utf-8", newline="") as fout:
        reader = csv.reader(fin)
        writer = csv.writer(fout, lineterminator="\n")
        header = next(reader, None)
        if header is None:
            return target, 0
        writer.writerow(header)
        doc_col = header.index("doc_id") if "doc_id" in header else None
        bp_col = header.index("is_boilerplate") if drop_boilerplate and "is_boilerplate" in header else None
        for row in reader:
            if (doc_col is not None and row[doc_col] in excluded) or (bp_col is not None and row[bp_col] == "true"):
                dropped += 1
                continue
            writer.writerow(row)
    return target, dropped


def counted_tables(options: Any, paths: dict[str, Path], folder: Path) -> dict[str, Path]:
    """The row tables the summaries count: copies under ``folder`` without duplicate copies' rows and
    boilerplate rows (as the options say); a table with nothing to leave out is passed as it is."""
    excluded = excluded_documents(paths, options)
    drop_boilerplate = not getattr(options, "keep_boilerplate", False)
    out = dict(paths)
    for name in ("mentions", "statements", "cues", "relations", "sentences"):
        source = paths.get(name)
        if source is None or not Path(source).exists():
            continue
        if not excluded and not (drop_boilerplate and name in FLAGGED_TABLES):
            continue
        target, dropped = _filter_table(Path(source), Path(folder) / Path(source).name, excluded,
                                        drop_boilerplate and name in FLAGGED_TABLES)
        if dropped:
            out[name] = target
            log.info("%s: %d row(s) of duplicate copies or boilerplate left out of the counts", name, dropped)
        else:
            target.unlink(missing_ok=True)
    return out


# --- the per-outlet report -------------------------------------------------------------------------------

def _rows(path: Path, columns: list[str]) -> Iterator[dict[str, Any]]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(columns=columns):
            yield from batch.to_pylist()
        return
    yield from _csv_rows(path)


def write_cleaning_summary(options: Any, paths: dict[str, Path]) -> Path:
    """``cleaning_summary.csv``: per outlet (canonical name), documents read and what the counts leave out."""
    outlet_of: dict[str, str] = {}
    counts: dict[str, Counter] = {}
    if "documents" in paths:
        for row in _rows(Path(paths["documents"]), ["doc_id", "outlet_name", "dup_kind", "is_duplicate", "is_digest",
                                                     "n_boilerplate_spans"]):
            outlet = str(row.get("outlet_name") or "")
            outlet_of[str(row["doc_id"])] = outlet
            c = counts.setdefault(outlet, Counter())
            c["documents"] += 1
            if _truthy(row.get("is_duplicate")):
                c["exact_duplicates" if row.get("dup_kind") == "exact" else "near_duplicates"] += 1
            c["digest_pages"] += int(_truthy(row.get("is_digest")))
            c["boilerplate_spans"] += int(row.get("n_boilerplate_spans") or 0)
    if "mentions" in paths and Path(paths["mentions"]).exists():
        for row in _rows(Path(paths["mentions"]), ["doc_id", "is_boilerplate"]):
            if _truthy(row.get("is_boilerplate")):
                counts.setdefault(outlet_of.get(str(row["doc_id"]), ""), Counter())["mentions_in_boilerplate"] += 1
    writer = TableWriter(Path(options.out_dir) / "cleaning_summary", CLEANING_SUMMARY_COLUMNS, "csv")
    writer.write([{"outlet": o, **{c: counts[o][c] for c in CLEANING_SUMMARY_COLUMNS[1:]}} for o in sorted(counts)])
    return writer.close()
