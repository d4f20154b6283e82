"""Annotators' files of the development gold resolved to offsets into the document texts.

Annotators write one row per mention or statement by *line* and *surface* (1-based lines of the text as the
corpus reader gives it; ``occurrence`` = which occurrence of the surface on that line), never by offset:
:func:`read_annotations` finds each span and checks ``text[start:end] == surface``, listing the rows it
cannot resolve. The file formats are described in :mod:`analysis.dev_gold`.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from . import config, schema
from .actors import KINDS
from .evaluation import _typed, corpus_texts

log = logging.getLogger("analysis.dev_gold")  # the name its records have always had

DEV_GOLD_DIR = config.GOLD_DIR / "dev"
#: A tune-only extension of the development gold (one annotator, not adjudicated; its data card says why).
DEV_EXTENSION_DIR = config.GOLD_DIR / "dev-extension"
#: A second held-out set, drawn and annotated (two annotators, adjudicated) after the rules had been tuned
#: on the first: never tuned on, a fresh out-of-sample check of every rule written since.
DEV_HOLDOUT_DIR = config.GOLD_DIR / "dev-holdout"
#: The actors whose mentions the development gold annotates (docs/annotation-guideline.md, section 6).
CORE_ACTORS = ("SDF", "US", "RUSSIA", "ISIS", "COALITION")
#: Quote types of the development gold (``mixed``: an إن/أن clause holding the speaker's own quoted words).
QUOTE_TYPES = ("direct", "indirect", "mixed")
#: Columns of the annotators' files.
ANNOTATION_COLUMNS = {
    "mentions": ["doc_id", "line", "surface", "occurrence", "actor", "kind", "note"],
    "statements": ["doc_id", "line", "speaker_surface", "speaker_occurrence", "speaker_actor", "verb", "content",
                   "quote_type", "quoted_fragments", "note"],
}
#: Columns of the final development gold files (``data/gold/dev/mentions.csv`` and ``statements.csv``).
DEV_GOLD_COLUMNS = {
    "mentions": schema.GOLD_MENTIONS.columns,
    "statements": [*schema.GOLD_STATEMENTS.columns, "quoted_fragments"],  # fragments: offsets of mixed speech
}
#: Columns the adjudication decisions file must have (``decision``: keep or drop).
DECISION_COLUMNS = ["doc_id", "layer", "annotator", "line", "surface", "decision", "reason"]
#: What makes two annotators' rows identical (agreed without adjudication).
_IDENTITY = {
    "mentions": ["doc_id", "start", "end", "actor", "kind"],
    "statements": ["doc_id", "start", "end", "speaker_actor", "speaker_start", "speaker_end", "verb", "quote_type",
                   "quoted_fragments"],
}
#: The label that must agree for two rows to count as the same annotation in agreement scores.
_AGREEMENT_LABEL = {"mentions": "actor", "statements": "speaker_actor"}
_DEV_LAYERS = ("mentions", "statements")
_PROBLEM_COLUMNS = ["annotator", "file", "row", "doc_id", "line", "reason"]
_EXTRA = {"mentions": ["line", "occurrence", "note", "annotator"],
          "statements": ["line", "speaker_occurrence", "note", "annotator"]}


class Annotations(NamedTuple):
    """One annotator's files resolved to offsets: gold-shaped tables plus the rows that could not be."""

    annotator: str
    mentions: pd.DataFrame
    statements: pd.DataFrame
    problems: pd.DataFrame

    def layer(self, name: str) -> pd.DataFrame:
        return self.mentions if name == "mentions" else self.statements


# --- the draw --------------------------------------------------------------------------------------------

def load_sample(path: str | Path | None = None) -> pd.DataFrame:
    """The draw (``data/gold/dev/sample.csv``): ``doc_id``, ``outlet``, ``words`` (int), ``half`` (tune|test)."""
    path = Path(path) if path is not None else DEV_GOLD_DIR / "sample.csv"
    sample = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    missing = [c for c in ("doc_id", "half") if c not in sample.columns]
    if missing:
        raise ValueError(f"{path}: sample lacks column(s) {missing}")
    if "words" in sample.columns:
        sample["words"] = sample["words"].astype("int64")
    bad = sorted(set(sample["half"]) - {"tune", "test"})
    if bad:
        raise ValueError(f"{path}: half must be tune or test, found {bad}")
    return sample


def _id_map(sample: pd.DataFrame | None) -> dict[str, str] | None:
    """Annotators may write the article id alone: map it (and the full id) to the draw's doc_id."""
    if sample is None:
        return None
    mapping: dict[str, str] = {}
    for doc_id in sample["doc_id"]:
        mapping[doc_id] = doc_id
        mapping.setdefault(doc_id.rsplit("/", 1)[-1], doc_id)
    return mapping


def _texts(texts: Mapping[str, str] | str | Path, wanted: set[str]) -> Mapping[str, str]:
    if isinstance(texts, (str, Path)):
        short = {d.rsplit("/", 1)[-1] for d in wanted}
        return corpus_texts(texts, doc_ids=wanted | short)
    return texts


def _text_of(texts: Mapping[str, str], doc_id: str) -> str | None:
    text = texts.get(doc_id)
    return text if text is not None else texts.get(doc_id.rsplit("/", 1)[-1])


# --- resolving annotators' files -------------------------------------------------------------------------

def _line_start(lines: list[str], line: int) -> int:
    return sum(len(x) + 1 for x in lines[: line - 1])


def _find(text: str, lines: list[str], line: int, surface: str, occurrence: int) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th ``surface`` on 1-based ``line``; ValueError with the reason."""
    if not surface:
        raise ValueError("empty surface")
    if not 1 <= line <= len(lines):
        raise ValueError(f"line {line} out of range (1..{len(lines)})")
    if occurrence < 1:
        raise ValueError(f"occurrence must be >= 1, not {occurrence}")
    pos = -1
    for _ in range(occurrence):
        pos = lines[line - 1].find(surface, pos + 1)
        if pos < 0:
            raise ValueError(f"occurrence {occurrence} of {surface!r} not on line {line}")
    start = _line_start(lines, line) + pos
    end = start + len(surface)
    if text[start:end] != surface:  # guards the arithmetic (e.g. a text split on other line breaks)
        raise ValueError(f"text[{start}:{end}] is {text[start:end]!r}, not {surface!r}")
    return start, end


def _int(value: str, default: int | None = None) -> int:
    value = (value or "").strip()
    if not value:
        if default is None:
            raise ValueError("empty number")
        return default
    return int(value)


def _read_rows(path: Path, layer: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        needed = [c for c in ANNOTATION_COLUMNS[layer] if c != "note"]
        missing = [c for c in needed if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: lacks column(s) {missing}")
        return [{k: (v or "").strip() if k != "note" else (v or "") for k, v in row.items() if k is not None}
                for row in reader]


def _resolve_mention(row: dict[str, str], text: str, lines: list[str]) -> dict[str, Any]:
    if row["actor"] not in CORE_ACTORS:
        raise ValueError(f"actor {row['actor']!r} not one of {list(CORE_ACTORS)}")
    if row["kind"] not in KINDS:
        raise ValueError(f"kind {row['kind']!r} not one of {list(KINDS)}")
    line, occurrence = _int(row["line"]), _int(row["occurrence"], 1)
    start, end = _find(text, lines, line, row["surface"], occurrence)
    return {"start": start, "end": end, "surface": row["surface"], "actor": row["actor"], "component": "",
            "kind": row["kind"], "line": line, "occurrence": occurrence, "note": row.get("note", "")}


def _resolve_statement(row: dict[str, str], text: str, lines: list[str]) -> dict[str, Any]:
    if row["quote_type"] not in QUOTE_TYPES:
        raise ValueError(f"quote_type {row['quote_type']!r} not one of {list(QUOTE_TYPES)}")
    if not row["speaker_actor"]:
        raise ValueError("speaker_actor empty")
    line = _int(row["line"])
    start, end = _find(text, lines, line, row["content"], 1)
    speaker_start = speaker_end = None
    speaker_occurrence = None
    if row["speaker_surface"]:
        speaker_occurrence = _int(row["speaker_occurrence"], 1)
        speaker_start, speaker_end = _find(text, lines, line, row["speaker_surface"], speaker_occurrence)
    fragments = []
    for fragment in filter(None, (f.strip() for f in row.get("quoted_fragments", "").split("|"))):
        inside = text.find(fragment, start, end)  # the fragment within the content first, else on the line
        if inside >= 0:
            fragments.append((inside, inside + len(fragment)))
        else:
            fragments.append(_find(text, lines, line, fragment, 1))
    if row["quote_type"] == "mixed" and not fragments:
        raise ValueError("quote_type mixed needs quoted_fragments")
    return {"start": start, "end": end, "surface": row["content"], "speaker_actor": row["speaker_actor"],
            "speaker_start": speaker_start, "speaker_end": speaker_end, "speaker_surface": row["speaker_surface"],
            "verb": row["verb"], "quote_type": row["quote_type"],
            "quoted_fragments": "|".join(f"{s}:{e}" for s, e in sorted(fragments)),
            "line": line, "speaker_occurrence": speaker_occurrence, "note": row.get("note", "")}


def _frame(layer: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = DEV_GOLD_COLUMNS[layer] + _EXTRA[layer]
    frame = pd.DataFrame(rows, columns=columns)
    frame = _typed(frame, layer, f"resolved {layer}")
    whole = {"line": "int64", "occurrence": "int64", "speaker_occurrence": "Int64"}
    for column, kind in whole.items():
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype(kind)
    return frame.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def read_annotations(
    annotator_dir: str | Path,
    texts: Mapping[str, str] | str | Path,
    *,
    sample: pd.DataFrame | str | Path | None = None,
    annotator: str | None = None,
    strict: bool = True,
) -> Annotations:
    """Resolve one annotator's ``mentions.csv`` and ``statements.csv`` to gold tables with offsets.

    ``texts``: document texts by doc_id (the draw's ``doc_id`` or the article id alone), or a corpus folder
    read with the corpus reader. ``sample``: the draw (default ``data/gold/dev/sample.csv``); annotators'
    doc ids are mapped to its ``doc_id`` and rows of other documents are problems. ``annotator``: its
    name (default: the folder's name). Mentions must be of the core actors with a known kind; statements
    need a speaker actor, a known quote type and, for ``mixed``, quoted fragments. The content is found
    as the first occurrence on its line, the speaker as its ``speaker_occurrence``-th, each quoted fragment
    inside the content (else first on the line); ``quoted_fragments`` holds their offsets as
    ``start:end|start:end``.

    Rows that cannot be resolved are collected in ``problems`` (annotator, file, row, doc_id, line, reason);
    with ``strict`` (default) any problem raises ValueError listing all of them.
    """
    folder = Path(annotator_dir)
    name = annotator or folder.name
    if not isinstance(sample, pd.DataFrame):
        sample = load_sample(sample)
    ids = _id_map(sample)
    found: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for layer in _DEV_LAYERS:
        path = folder / f"{layer}.csv"
        found[layer] = list(enumerate(_read_rows(path, layer), start=2)) if path.exists() else []
        if not path.exists():
            log.warning("%s: no %s", name, path.name)
    wanted = {ids.get(r["doc_id"], r["doc_id"]) if ids else r["doc_id"] for rows in found.values() for _, r in rows}
    text_map = _texts(texts, wanted)
    problems: list[dict[str, Any]] = []
    tables: dict[str, list[dict[str, Any]]] = {layer: [] for layer in _DEV_LAYERS}
    for layer, rows in found.items():
        resolve = _resolve_mention if layer == "mentions" else _resolve_statement
        for number, row in rows:
            doc_id = ids.get(row["doc_id"]) if ids is not None else row["doc_id"]
            try:
                if doc_id is None:
                    raise ValueError(f"document {row['doc_id']!r} is not in the draw")
                text = _text_of(text_map, doc_id)
                if text is None:
                    raise ValueError(f"no text for document {doc_id!r}")
                resolved = resolve(row, text, text.split("\n"))
            except ValueError as exc:
                problems.append({"annotator": name, "file": f"{layer}.csv", "row": number,
                                 "doc_id": row.get("doc_id", ""), "line": row.get("line", ""), "reason": str(exc)})
                continue
            tables[layer].append({"doc_id": doc_id, **resolved, "annotator": name})
    frames = {layer: _frame(layer, rows) for layer, rows in tables.items()}
    for layer, frame in frames.items():
        duplicated = frame[frame.duplicated(_IDENTITY[layer], keep="first")]
        for row in duplicated.itertuples(index=False):
            problems.append({"annotator": name, "file": f"{layer}.csv", "row": "", "doc_id": row.doc_id,
                             "line": row.line, "reason": f"duplicate row: {row.surface!r}"})
        frames[layer] = frame.drop(duplicated.index).reset_index(drop=True)
    problem_frame = pd.DataFrame(problems, columns=_PROBLEM_COLUMNS)
    if strict and len(problem_frame):
        listing = "\n".join(f"  {p.file}:{p.row} ({p.doc_id}, line {p.line}): {p.reason}"
                            for p in problem_frame.itertuples(index=False))
        raise ValueError(f"{name}: {len(problem_frame)} row(s) cannot be resolved:\n{listing}")
    return Annotations(name, frames["mentions"], frames["statements"], problem_frame)


def quoted_fragments(statements: pd.DataFrame, texts: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The quoted fragments of statements as a tidy table: one row per fragment.

    Columns ``doc_id``, ``statement_start``, ``statement_end`` (the content span it belongs to), ``start``,
    ``end`` and ``surface`` (``text[start:end]`` when ``texts`` are given, else empty).
    """
    rows = []
    for doc_id, s, e, value in statements[["doc_id", "start", "end", "quoted_fragments"]].itertuples(index=False):
        for pair in filter(None, str(value or "").split("|")):
            start, end = (int(x) for x in pair.split(":"))
            text = (texts or {}).get(doc_id)
            rows.append({"doc_id": doc_id, "statement_start": int(s), "statement_end": int(e), "start": start,
                         "end": end, "surface": text[start:end] if text is not None else ""})
    return pd.DataFrame(rows, columns=["doc_id", "statement_start", "statement_end", "start", "end", "surface"])
