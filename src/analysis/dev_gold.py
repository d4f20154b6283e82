"""Development gold on real articles: annotators' files to gold tables, agreement, adjudication, scores.

Annotators write one row per mention or statement by *line* and *surface* (the lines of the document
text, 1-based; ``occurrence`` = which occurrence of the surface on that line), never by offset:

``mentions.csv``
    ``doc_id,line,surface,occurrence,actor,kind,note``
``statements.csv``
    ``doc_id,line,speaker_surface,speaker_occurrence,speaker_actor,verb,content,quote_type,quoted_fragments,note``
    (``quoted_fragments``: the speaker's own words in quotation marks inside the content, ``|``-separated)

:func:`read_annotations` resolves them to offsets into the document text as the corpus reader gives it
and checks ``text[start:end] == surface`` for every span; :func:`annotator_agreement` scores one annotator
against the other with :func:`analysis.evaluation.evaluate`; :func:`disagreements` lists for a person
what the two annotators did not annotate identically, and :func:`merge_adjudicated` builds the final
tables from the identical rows plus that person's keep/drop decisions; :func:`score_dev_gold` scores the
detectors against the result, per half of the draw. The procedure is in ``data/gold/README.md``.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pandas as pd

from . import config, schema
from .actors import KINDS
from .evaluation import SCORE_COLUMNS, _typed, corpus_texts, evaluate, label_accuracy, load_gold, match_spans

log = logging.getLogger(__name__)

__all__ = [
    "DEV_GOLD_DIR",
    "DEV_EXTENSION_DIR",
    "CORE_ACTORS",
    "QUOTE_TYPES",
    "ANNOTATION_COLUMNS",
    "DEV_GOLD_COLUMNS",
    "DECISION_COLUMNS",
    "Annotations",
    "load_sample",
    "read_annotations",
    "quoted_fragments",
    "annotator_agreement",
    "disagreements",
    "merge_adjudicated",
    "write_dev_gold",
    "score_dev_gold",
    "read_batch",
    "main",
]

DEV_GOLD_DIR = config.GOLD_DIR / "dev"
#: A tune-only extension of the development gold (one annotator, not adjudicated; its data card says why).
DEV_EXTENSION_DIR = config.GOLD_DIR / "dev-extension"
#: The actors the development gold annotates mentions of.
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


# --- agreement -------------------------------------------------------------------------------------------

AGREEMENT_COLUMNS = ["reference", "compared", *SCORE_COLUMNS, "n_agree", "accuracy"]


def _docs(first: Annotations, second: Annotations, doc_ids: Iterable[str] | None) -> set[str]:
    if doc_ids is not None:
        return {str(d) for d in doc_ids}
    return {d for a in (first, second) for layer in _DEV_LAYERS for d in a.layer(layer)["doc_id"]}


def _pair_agreement(first: Annotations, second: Annotations, docs: set[str], reference: str, compared: str
                    ) -> list[pd.DataFrame]:
    parts = []
    for layer, label, attribute in (("mentions", "actor", "kind"), ("statements", "speaker_actor", "quote_type")):
        a, b = first.layer(layer), second.layer(layer)
        parts.append(evaluate(layer, b, a, by=label, match="overlap", doc_ids=docs))
        parts.append(label_accuracy(layer, b, a, attribute, match="overlap", doc_ids=docs))
    for part in parts:
        part.insert(0, "compared", compared)
        part.insert(0, "reference", reference)
    return parts


def annotator_agreement(
    pairs: Sequence[tuple[Annotations, Annotations]],
    *,
    doc_ids: Mapping[tuple[str, str], Iterable[str]] | None = None,
) -> pd.DataFrame:
    """Inter-annotator agreement per layer and actor, for each pair of annotators and pooled over pairs.

    For a pair (A, B), B is scored against A with :func:`analysis.evaluation.evaluate` (overlap matching,
    one-to-one): mentions with the same actor, statements whose contents overlap with the same speaker
    actor. ``n_gold`` counts A's rows, ``n_predicted`` B's, and F1 is symmetric (swapping A and B swaps
    precision and recall). Rows with ``by`` = ``kind`` / ``quote_type`` give the agreement on that label
    among the spans matched regardless of label (``n_agree``, ``accuracy``). Pooled rows (``reference`` and
    ``compared`` = ``*``) score every pair's documents at once. ``doc_ids``: the documents each pair
    annotated, keyed by ``(A.annotator, B.annotator)`` (default: the documents with rows of either).
    """
    parts: list[pd.DataFrame] = []
    pooled_a: dict[str, list[pd.DataFrame]] = {layer: [] for layer in _DEV_LAYERS}
    pooled_b: dict[str, list[pd.DataFrame]] = {layer: [] for layer in _DEV_LAYERS}
    all_docs: set[str] = set()
    for first, second in pairs:
        docs = _docs(first, second, (doc_ids or {}).get((first.annotator, second.annotator)))
        all_docs |= docs
        parts += _pair_agreement(first, second, docs, first.annotator, second.annotator)
        for layer in _DEV_LAYERS:
            pooled_a[layer].append(first.layer(layer))
            pooled_b[layer].append(second.layer(layer))
    if len(pairs) > 1:
        def pooled(tables: dict[str, list[pd.DataFrame]]) -> Annotations:
            frames = {layer: pd.concat(tables[layer], ignore_index=True) for layer in _DEV_LAYERS}
            return Annotations("*", frames["mentions"], frames["statements"], pd.DataFrame())
        parts += _pair_agreement(pooled(pooled_a), pooled(pooled_b), all_docs, "*", "*")
    if not parts:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    return pd.concat(parts, ignore_index=True)[AGREEMENT_COLUMNS]


# --- adjudication ----------------------------------------------------------------------------------------

DISAGREEMENT_COLUMNS = ["doc_id", "layer", "annotator", "line", "occurrence", "surface", "start", "end", "label",
                        "detail", "other_annotator", "other_surface", "other_label", "context", "decision", "reason"]


def _key_frame(frame: pd.DataFrame, layer: str) -> pd.Series:
    cols = _IDENTITY[layer]
    keys = ["\x1f".join("" if pd.isna(v) else str(v) for v in row) for row in frame[cols].itertuples(index=False)]
    return pd.Series(keys, index=frame.index, dtype=object)


def _split(first: Annotations, second: Annotations, layer: str, docs: set[str]
           ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(rows both annotated identically, first's other rows, second's other rows) of one layer."""
    a = first.layer(layer)
    b = second.layer(layer)
    for annotations, frame in ((first, a), (second, b)):
        outside = int((~frame["doc_id"].isin(docs)).sum())
        if outside:
            log.warning("%s: %d %s row(s) of documents outside the pair's batch are left out",
                        annotations.annotator, outside, layer)
    a = a[a["doc_id"].isin(docs)].reset_index(drop=True)
    b = b[b["doc_id"].isin(docs)].reset_index(drop=True)
    ka, kb = _key_frame(a, layer), _key_frame(b, layer)
    agreed_a = ka.isin(set(kb)) if len(a) else pd.Series(dtype=bool)
    agreed_b = kb.isin(set(ka)) if len(b) else pd.Series(dtype=bool)
    return a[agreed_a], a[~agreed_a], b[~agreed_b]


def _label(row: Any, layer: str) -> str:
    if layer == "mentions":
        return f"{row.actor}/{row.kind}"
    return f"{row.speaker_actor}/{row.quote_type}"


def _detail(row: Any, layer: str) -> str:
    if layer == "mentions":
        return str(row.note or "")
    parts = [f"verb={row.verb}", f"speaker={row.speaker_surface or '-'}"]
    if row.quoted_fragments:
        parts.append(f"fragments={row.quoted_fragments}")
    if row.note:
        parts.append(f"note={row.note}")
    return "; ".join(parts)


def _listing(own: pd.DataFrame, other: pd.DataFrame, other_name: str, layer: str,
             texts: Mapping[str, str], window: int) -> list[dict[str, Any]]:
    if not len(own):
        return []
    # the other annotator's closest row over the same text (any label), to show what they decided instead
    to_other, _ = match_spans(own, other, [], "overlap")
    rows = []
    for i, row in enumerate(own.itertuples(index=False)):
        j = int(to_other[i])
        partner = other.iloc[j] if j >= 0 else None
        text = _text_of(texts, row.doc_id)
        context = ""
        if text is not None:
            s, e = int(row.start), int(row.end)
            context = f"{text[max(0, s - window):s]}[{text[s:e]}]{text[e:e + window]}".replace("\n", " ")
        rows.append({
            "doc_id": row.doc_id, "layer": layer, "annotator": row.annotator, "line": int(row.line),
            "occurrence": int(row.occurrence) if layer == "mentions" else "", "surface": row.surface,
            "start": int(row.start), "end": int(row.end), "label": _label(row, layer), "detail": _detail(row, layer),
            "other_annotator": other_name,
            "other_surface": partner["surface"] if partner is not None else "",
            "other_label": _label(partner, layer) if partner is not None else "",
            "context": context, "decision": "", "reason": "",
        })
    return rows


def disagreements(
    pairs: Sequence[tuple[Annotations, Annotations]],
    texts: Mapping[str, str] | str | Path | None = None,
    *,
    doc_ids: Mapping[tuple[str, str], Iterable[str]] | None = None,
    window: int = 40,
) -> pd.DataFrame:
    """Every row that one annotator of a pair has and the other has not annotated identically.

    Identical means the same span and attributes: for mentions start, end, actor and kind; for statements
    the content span, speaker actor and span, verb, quote type and quoted fragments. Each listed row
    names its annotator, its ``line`` and ``surface`` (and ``occurrence`` for mentions), ``label``
    (actor/kind or speaker actor/quote type), ``detail`` (verb, speaker, fragments, note), the other
    annotator's overlapping row if any (``other_surface``, ``other_label``) and ``context`` (``window``
    characters either side, span in [brackets], when ``texts`` are given). ``decision`` and ``reason``
    are left empty for the adjudicator: save the listing with them filled (``keep`` or ``drop``) as
    ``data/gold/dev/adjudication.csv`` and pass it to :func:`merge_adjudicated`.
    """
    pairs = list(pairs)
    wanted = {d for a, b in pairs for layer in _DEV_LAYERS for d in pd.concat([a.layer(layer), b.layer(layer)])["doc_id"]}
    text_map: Mapping[str, str] = _texts(texts, wanted) if texts is not None else {}
    rows: list[dict[str, Any]] = []
    for first, second in pairs:
        docs = _docs(first, second, (doc_ids or {}).get((first.annotator, second.annotator)))
        for layer in _DEV_LAYERS:
            _, only_a, only_b = _split(first, second, layer, docs)
            other_b = second.layer(layer)[second.layer(layer)["doc_id"].isin(docs)].reset_index(drop=True)
            other_a = first.layer(layer)[first.layer(layer)["doc_id"].isin(docs)].reset_index(drop=True)
            rows += _listing(only_a.reset_index(drop=True), other_b, second.annotator, layer, text_map, window)
            rows += _listing(only_b.reset_index(drop=True), other_a, first.annotator, layer, text_map, window)
    table = pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)
    return table.sort_values(["doc_id", "line", "start", "layer", "annotator"], kind="stable").reset_index(drop=True)


def _decisions(decisions: pd.DataFrame | str | Path) -> pd.DataFrame:
    if not isinstance(decisions, pd.DataFrame):
        decisions = pd.read_csv(decisions, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    missing = [c for c in DECISION_COLUMNS if c not in decisions.columns]
    if missing:
        raise ValueError(f"decisions lack column(s) {missing}; they have {list(decisions.columns)}")
    out = decisions.copy().fillna("")
    for column in out.columns:
        out[column] = out[column].astype(str).str.strip()
    out = out[out["decision"] != ""]  # not decided yet: reported as undecided by the merge
    bad = out[~out["decision"].isin(["keep", "drop"])]
    if len(bad):
        raise ValueError(f"decision must be keep or drop, row: {bad.iloc[0][DECISION_COLUMNS].to_dict()}")
    if "occurrence" not in out.columns:
        out["occurrence"] = ""
    out["line"] = out["line"].astype(int).astype(str)
    return out.reset_index(drop=True)


def merge_adjudicated(
    pairs: Sequence[tuple[Annotations, Annotations]],
    decisions: pd.DataFrame | str | Path,
    *,
    doc_ids: Mapping[tuple[str, str], Iterable[str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """The final development gold: rows both annotators made identically, plus the rows an adjudicator kept.

    ``decisions`` (a DataFrame or ``data/gold/dev/adjudication.csv``): columns ``doc_id, layer, annotator,
    line, surface, decision, reason`` (more columns, e.g. the rest of :func:`disagreements`' listing, are
    ignored; an ``occurrence`` column, when filled, tells apart two mentions of one surface on a line).
    A decision applies to every listed row with the same doc_id, layer, annotator, line and surface
    (and occurrence). Every row of :func:`disagreements` needs exactly one decision; a decision that
    matches no listed row, or two different decisions for one row, are errors (ValueError); rows with an
    empty ``decision`` count as undecided, so a half-filled listing says what remains.

    Returns ``{"mentions": ..., "statements": ...}`` with :data:`DEV_GOLD_COLUMNS`, sorted by document and
    offset. Two kept rows of the same label that overlap are logged (both annotators' versions kept).
    """
    table = _decisions(decisions)
    table["_used"] = False
    agreed: dict[str, list[pd.DataFrame]] = {layer: [] for layer in _DEV_LAYERS}
    undecided: list[str] = []
    for first, second in pairs:
        docs = _docs(first, second, (doc_ids or {}).get((first.annotator, second.annotator)))
        for layer in _DEV_LAYERS:
            same, only_a, only_b = _split(first, second, layer, docs)
            agreed[layer].append(same)
            for row in pd.concat([only_a, only_b]).itertuples(index=False):
                hit = ((table["doc_id"] == row.doc_id) & (table["layer"] == layer)
                       & (table["annotator"] == row.annotator) & (table["line"] == str(int(row.line)))
                       & (table["surface"] == row.surface))
                if layer == "mentions":
                    hit &= (table["occurrence"] == "") | (table["occurrence"] == str(int(row.occurrence)))
                found = table[hit]
                where = f"{row.annotator} {layer} {row.doc_id} line {int(row.line)} {row.surface!r}"
                if found.empty:
                    undecided.append(where)
                    continue
                if found["decision"].nunique() > 1:
                    raise ValueError(f"conflicting decisions for {where}")
                table.loc[found.index, "_used"] = True
                if found["decision"].iloc[0] == "keep":
                    agreed[layer].append(pd.DataFrame([row._asdict()]))
    if undecided:
        raise ValueError(f"{len(undecided)} disagreement(s) without a decision:\n  " + "\n  ".join(undecided))
    stale = table[~table["_used"]]
    if len(stale):
        raise ValueError(f"{len(stale)} decision(s) match no disagreement, first: "
                         f"{stale.iloc[0][DECISION_COLUMNS].to_dict()}")
    result = {}
    for layer in _DEV_LAYERS:
        frames = [f for f in agreed[layer] if len(f)]
        merged = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=DEV_GOLD_COLUMNS[layer])
        merged = _typed(merged[DEV_GOLD_COLUMNS[layer]], layer, f"merged {layer}")
        merged = merged.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
        label = _AGREEMENT_LABEL[layer]
        twins = _overlapping(merged, label)
        if twins:
            log.warning("%s: %d kept row(s) overlap another with the same %s", layer, twins, label)
        result[layer] = merged
    return result


def _overlapping(frame: pd.DataFrame, label: str) -> int:
    """How many rows overlap an earlier row of the same document and label (sorted by start)."""
    count = 0
    for _, group in frame.groupby(["doc_id", label], sort=False):
        ends = group.sort_values("start", kind="stable")[["start", "end"]].to_numpy()
        reach = -1
        for start, end in ends:
            count += int(start < reach)
            reach = max(reach, int(end))
    return count


def write_dev_gold(tables: Mapping[str, pd.DataFrame], out_dir: str | Path | None = None) -> list[Path]:
    """Write ``mentions.csv`` and ``statements.csv`` (UTF-8, the columns of :data:`DEV_GOLD_COLUMNS`)."""
    folder = Path(out_dir) if out_dir is not None else DEV_GOLD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for layer in _DEV_LAYERS:
        path = folder / f"{layer}.csv"
        tables[layer][DEV_GOLD_COLUMNS[layer]].to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        written.append(path)
    return written


# --- scoring the detectors -------------------------------------------------------------------------------

DEV_SCORE_COLUMNS = ["half", *SCORE_COLUMNS, "n_agree", "accuracy"]
Half = Literal["tune", "test", "all"]


def _predicted_tables(predicted: Mapping[str, pd.DataFrame] | str | Path) -> Mapping[str, pd.DataFrame]:
    if not isinstance(predicted, (str, Path)):
        return predicted
    from .tables import read_table

    folder = Path(predicted)
    tables = {}
    for layer in _DEV_LAYERS:
        for suffix in (".csv", ".parquet"):
            path = folder / f"{layer}{suffix}"
            if path.exists():
                tables[layer] = read_table(path)
                break
        else:
            raise FileNotFoundError(f"no {layer} table in {folder}")
    return tables


#: The actors whose mentions the development gold annotates (docs/annotation-guideline.md, section 6).
CORE_ACTORS = ("SDF", "US", "RUSSIA", "ISIS", "COALITION")


def score_dev_gold(
    predicted: Mapping[str, pd.DataFrame] | str | Path,
    gold_dir: str | Path | None = None,
    half: Half | None = None,
    *,
    sample: pd.DataFrame | str | Path | None = None,
    mixed_as: str | None = None,
) -> pd.DataFrame:
    """The detectors against the development gold, for the tune half, the test half and both.

    ``predicted``: a tables folder written by ``analysis run`` (``mentions`` and ``statements``) or the
    frames by layer. ``gold_dir``: the development gold (default ``data/gold/dev``); ``sample``: the draw
    (default ``<gold_dir>/sample.csv``); ``half``: ``tune``, ``test`` or ``all`` (default: the three).
    Rows (:data:`DEV_SCORE_COLUMNS`): mentions per actor, statements per speaker actor (evaluate, overlap
    matching), then the agreement on mentions' kind and statements' quote type among the matched spans
    (``n_agree``, ``accuracy``). The detectors tell three quote types apart (direct, indirect, mixed: an
    إن/أن clause with the speaker's quoted words); ``mixed_as="indirect"`` scores gold ``mixed`` statements
    as indirect, for detectors that know only two. Predictions are scored on the drawn documents only, rows
    flagged ``is_boilerplate`` left out (the gold leaves page furniture out). Without
    development gold yet (no ``mentions.csv``/``statements.csv``), the table is empty.
    """
    folder = Path(gold_dir) if gold_dir is not None else DEV_GOLD_DIR
    if half not in (None, "tune", "test", "all"):
        raise ValueError(f"half must be 'tune', 'test', 'all' or None, not {half!r}")
    if not isinstance(sample, pd.DataFrame):
        sample = load_sample(sample if sample is not None else folder / "sample.csv")
    present = [layer for layer in _DEV_LAYERS if (folder / f"{layer}.csv").exists()]
    if not present:
        log.info("no development gold in %s yet", folder.name)
        return pd.DataFrame(columns=DEV_SCORE_COLUMNS)
    tables = _predicted_tables(predicted)
    # page furniture ("اقرأ أيضا" link lines, captions) is neither gold nor counted by the tables: rows the
    # run flags as boilerplate are left out, as the summaries leave them out by default
    tables = {layer: (df[~df["is_boilerplate"].fillna(False).astype(bool)]
                      if df is not None and "is_boilerplate" in df.columns else df)
              for layer, df in tables.items()}
    gold = {layer: load_gold(layer, folder) for layer in present}  # type: ignore[arg-type]
    if tables.get("mentions") is not None:
        # the development gold annotates the core actors' mentions only: other actors' are not errors
        tables = {**tables, "mentions": tables["mentions"][tables["mentions"]["actor"].isin(CORE_ACTORS)]}
    if mixed_as is not None and "statements" in gold:
        gold["statements"] = gold["statements"].replace({"quote_type": {"mixed": mixed_as}})
    halves = [half] if half is not None else ["tune", "test", "all"]
    parts = []
    for name in halves:
        docs = set(sample["doc_id"] if name == "all" else sample.loc[sample["half"] == name, "doc_id"])
        for layer, label, attribute in (("mentions", "actor", "kind"), ("statements", "speaker_actor", "quote_type")):
            if layer not in gold:
                continue
            pred = tables.get(layer)
            for part in (evaluate(layer, pred, gold[layer], by=label, doc_ids=docs),  # type: ignore[arg-type]
                         label_accuracy(layer, pred, gold[layer], attribute, doc_ids=docs)):  # type: ignore[arg-type]
                parts.append(part.assign(half=name))
    return pd.concat(parts, ignore_index=True).reindex(columns=DEV_SCORE_COLUMNS)


# --- command line ----------------------------------------------------------------------------------------

def read_batch(path: str | Path, sample: pd.DataFrame | None = None) -> list[str]:
    """The documents of a batch file (one article id or doc_id per line), as the draw's doc_ids."""
    ids = _id_map(sample if sample is not None else load_sample())
    wanted = [line.strip() for line in Path(path).read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    unknown = [w for w in wanted if w not in (ids or {})]
    if unknown:
        raise ValueError(f"{path}: not in the draw: {unknown}")
    return [ids[w] for w in wanted]  # type: ignore[index]


def _parser() -> Any:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m analysis.dev_gold",
        description="Build the development gold from two annotators per batch (data/gold/README.md).")
    parser.add_argument("step", choices=["check", "agreement", "disagreements", "merge"],
                        help="check: resolve every file and list problems; agreement: F1 per layer and actor; "
                             "disagreements: the listing to adjudicate; merge: write the final gold")
    parser.add_argument("--annotations", required=True, help="folder holding one subfolder per annotator")
    parser.add_argument("--texts", required=True, help="corpus folder the texts are read from (corpus reader)")
    parser.add_argument("--pair", action="append", required=True, metavar="A,B[,BATCH]",
                        help="two annotators' folder names and optionally their batch file (one id a line)")
    parser.add_argument("--sample", default=None, help="the draw (default data/gold/dev/sample.csv)")
    parser.add_argument("--decisions", default=None, help="merge: the adjudication file "
                        "(default data/gold/dev/adjudication.csv)")
    parser.add_argument("--out", default=None, help="agreement/disagreements: CSV file (default: print); "
                        "merge: folder (default data/gold/dev)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command line over the procedure; exit 0 on success, 1 when rows or decisions need attention."""
    args = _parser().parse_args(argv)
    sample = load_sample(args.sample)
    root = Path(args.annotations)
    texts = _texts(args.texts, set(sample["doc_id"]))  # only the drawn documents are kept in memory
    pairs, batches = [], {}
    for spec in args.pair:
        parts = [p.strip() for p in spec.split(",")]
        if len(parts) not in (2, 3):
            raise SystemExit(f"--pair needs A,B or A,B,BATCH, not {spec!r}")
        try:
            first, second = (read_annotations(root / name, texts, sample=sample, strict=args.step != "check")
                             for name in parts[:2])
        except ValueError as exc:
            print(exc)
            return 1
        pairs.append((first, second))
        if len(parts) == 3:
            batches[(first.annotator, second.annotator)] = read_batch(parts[2], sample)
    if args.step == "check":
        problems = pd.concat([a.problems for pair in pairs for a in pair], ignore_index=True)
        print(problems.to_string(index=False) if len(problems) else "every row resolves")
        return 1 if len(problems) else 0
    if args.step == "merge":
        try:
            tables = merge_adjudicated(pairs, args.decisions or DEV_GOLD_DIR / "adjudication.csv", doc_ids=batches)
        except ValueError as exc:
            print(exc)
            return 1
        for path in write_dev_gold(tables, args.out):
            print(f"wrote {path}")
        return 0
    table = (annotator_agreement(pairs, doc_ids=batches) if args.step == "agreement"
             else disagreements(pairs, texts, doc_ids=batches))
    if args.out:
        table.to_csv(args.out, index=False, encoding="utf-8", lineterminator="\n")
        print(f"wrote {len(table)} rows to {args.out}")
    else:
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
