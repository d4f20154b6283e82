"""Development gold of stance cues and relations on real articles: annotators' files to gold, agreement, merge.

Annotators locate each row by *line*, *surface* and *occurrence* (``docs/cue-relation-guideline.md``):

``cues.csv``
    ``doc_id,line,surface,occurrence,category,subtype,speaker_actor,target_actor,marked_by,words_of,note``
``relations.csv``
    ``doc_id,line,surface,occurrence,source_actor,relation,target_actor,polarity,modality,claim_of,note``

:func:`read_annotations` resolves them to offsets (the same resolver as the mention gold, so a row whose
surface is not on its line is a problem, never a guess); :func:`agreement` scores one annotator against
the other with :func:`analysis.evaluation.evaluate`; :func:`disagreements` lists the rows the two did
not annotate identically for an adjudicator, and :func:`merge_adjudicated` keeps the identical rows plus
the adjudicator's ``keep`` decisions. The result is ``data/gold/dev/cues-relations/{cues,relations}.csv``.
A set with one annotator (the tune-only ``data/gold/cues-relations-extension/``) is built by
:func:`single_annotator`: that annotator's rows as they are, with nothing to adjudicate.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from . import evaluation, schema
from .dev_gold import DEV_GOLD_DIR, _find, _int, _text_of, load_sample
from .evaluation import corpus_texts, evaluate, label_accuracy, match_spans

__all__ = ["GOLD_DIR", "EXTENSION_DIR", "ANNOTATION_COLUMNS", "GOLD_COLUMNS", "SCORE_COLUMNS", "Annotations", "read_annotations",
           "agreement", "disagreements", "merge_adjudicated", "single_annotator", "load_gold", "score", "main"]

GOLD_DIR = DEV_GOLD_DIR / "cues-relations"
#: The tune-only extension: one annotator, not adjudicated (``data/gold/README.md``).
EXTENSION_DIR = DEV_GOLD_DIR.parent / "cues-relations-extension"
LAYERS = ("cues", "relations")
#: Label columns of each layer, in file order (the span columns come first).
_GOLD_TABLES = {"cues": schema.GOLD_CUES, "relations": schema.GOLD_RELATIONS}
GOLD_COLUMNS = {layer: table.columns for layer, table in _GOLD_TABLES.items()}
_LABELS = {layer: [c for c in columns if c not in ("doc_id", "start", "end", "surface", "note")]
           for layer, columns in GOLD_COLUMNS.items()}
#: The annotators' files locate a span by line, surface and occurrence instead of offsets.
ANNOTATION_COLUMNS = {layer: ["doc_id", "line", "surface", "occurrence", *labels, "note"]
                      for layer, labels in _LABELS.items()}
#: The label agreement is scored on, and the attributes whose agreement is reported among matched rows.
#: Subtypes a category always has, filled in when an annotator leaves them empty.
_IMPLIED_SUBTYPE = {"scare_quote": "distancing"}
_AGREEMENT = {"cues": ("category", ("subtype", "speaker_actor")),
              "relations": ("relation", ("polarity", "modality", "claim_of"))}


class Annotations(NamedTuple):
    """One annotator's files resolved to offsets, plus the rows that could not be."""

    annotator: str
    cues: pd.DataFrame
    relations: pd.DataFrame
    problems: list[str]

    def layer(self, name: str) -> pd.DataFrame:
        return self.cues if name == "cues" else self.relations


def _frame(layer: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[*GOLD_COLUMNS[layer], "line", "occurrence"])
    for column in ("start", "end", "line", "occurrence"):
        frame[column] = frame[column].astype("int64")
    return frame.sort_values(["doc_id", "start", "end", *_LABELS[layer]], kind="stable").reset_index(drop=True)


def read_annotations(folder: str | Path, texts: Mapping[str, str] | str | Path, *,
                     sample: pd.DataFrame | str | Path | None = None) -> Annotations:
    """Resolve ``cues.csv`` and ``relations.csv`` of one annotator's folder to offsets."""
    folder = Path(folder)
    if not isinstance(sample, pd.DataFrame):
        sample = load_sample(sample or GOLD_DIR / "sample.csv")
    ids = {str(d).rsplit("/", 1)[-1]: str(d) for d in sample["doc_id"]}
    text_map = texts if isinstance(texts, Mapping) else corpus_texts(texts, doc_ids=list(ids.values()))
    problems: list[str] = []
    tables: dict[str, list[dict[str, Any]]] = {layer: [] for layer in LAYERS}
    for layer in LAYERS:
        path = folder / f"{layer}.csv"
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for number, row in enumerate(csv.DictReader(fh), start=2):
                row = {k: (v or "").strip() for k, v in row.items() if k is not None}
                if layer == "cues" and not row.get("subtype"):
                    row["subtype"] = _IMPLIED_SUBTYPE.get(row.get("category", ""), "")
                doc_id = ids.get(row.get("doc_id", "").rsplit("/", 1)[-1])
                text = _text_of(text_map, doc_id) if doc_id else None
                try:
                    if text is None:
                        raise ValueError(f"document {row.get('doc_id')!r} is not in the draw")
                    line, occurrence = _int(row.get("line", "")), _int(row.get("occurrence", ""), 1)
                    start, end = _find(text, text.split("\n"), line, row.get("surface", ""), occurrence)
                except ValueError as exc:
                    problems.append(f"{path}:{number}: {exc}")
                    continue
                tables[layer].append({"doc_id": doc_id, "start": start, "end": end, "surface": row["surface"],
                                      **{c: row.get(c, "") for c in _LABELS[layer]}, "note": row.get("note", ""),
                                      "line": line, "occurrence": occurrence})
    return Annotations(folder.name, _frame("cues", tables["cues"]), _frame("relations", tables["relations"]),
                       problems)


def agreement(first: Annotations, second: Annotations, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """The second annotator scored against the first, per layer and label, and attribute agreement."""
    parts = []
    for layer in LAYERS:
        label, attributes = _AGREEMENT[layer]
        a, b = first.layer(layer), second.layer(layer)
        parts.append(evaluate(layer, b, a, by=label, doc_ids=doc_ids))
        parts += [label_accuracy(layer, b, a, attribute, doc_ids=doc_ids) for attribute in attributes]
    return pd.concat(parts, ignore_index=True)


def _keys(frame: pd.DataFrame, layer: str) -> pd.Series:
    cols = ["doc_id", "start", "end", *_LABELS[layer]]
    return frame[cols].astype(str).agg("\x1f".join, axis=1) if len(frame) else pd.Series(dtype=object)


def disagreements(first: Annotations, second: Annotations, texts: Mapping[str, str], window: int = 50
                  ) -> pd.DataFrame:
    """Rows one annotator has and the other has not identically, with the other's nearest row and context."""
    rows = []
    for layer in LAYERS:
        a, b = first.layer(layer), second.layer(layer)
        ka, kb = _keys(a, layer), _keys(b, layer)
        for own, own_keys, other, other_keys, name, other_name in (
                (a, ka, b, kb, first.annotator, second.annotator), (b, kb, a, ka, second.annotator, first.annotator)):
            only = own[~own_keys.isin(set(other_keys))] if len(own) else own
            if not len(only):
                continue
            nearest, _ = match_spans(only.reset_index(drop=True), other.reset_index(drop=True), [], "overlap")
            for i, row in enumerate(only.itertuples(index=False)):
                partner = other.iloc[int(nearest[i])] if int(nearest[i]) >= 0 else None
                text = _text_of(texts, row.doc_id) or ""
                s, e = int(row.start), int(row.end)
                rows.append({
                    "doc_id": row.doc_id, "layer": layer, "annotator": name, "line": int(row.line),
                    "occurrence": int(row.occurrence), "surface": row.surface,
                    "label": "/".join(str(getattr(row, c)) for c in _LABELS[layer]), "note": row.note,
                    "other_annotator": other_name,
                    "other_surface": partner["surface"] if partner is not None else "",
                    "other_label": "/".join(str(partner[c]) for c in _LABELS[layer]) if partner is not None else "",
                    "context": f"{text[max(0, s - window):s]}[{text[s:e]}]{text[e:e + window]}".replace("\n", " "),
                    "decision": "", "reason": "",
                })
    return pd.DataFrame(rows, columns=["doc_id", "layer", "annotator", "line", "occurrence", "surface", "label",
                                       "note", "other_annotator", "other_surface", "other_label", "context",
                                       "decision", "reason"])


def merge_adjudicated(first: Annotations, second: Annotations, decisions: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Gold tables: rows both annotated identically, plus the listed rows an adjudicator decided to keep.

    Every listed row needs a decision (``keep`` or ``drop``); a kept row that another kept row duplicates
    (both annotators' versions kept) is a ValueError, as is a decision for a row nobody annotated.
    """
    undecided = decisions[~decisions["decision"].isin(["keep", "drop"])]
    if len(undecided):
        raise ValueError(f"{len(undecided)} disagreement(s) without a keep/drop decision, first: "
                         f"{undecided.iloc[0][['doc_id', 'line', 'surface']].tolist()}")
    out = {}
    for layer in LAYERS:
        a, b = first.layer(layer), second.layer(layer)
        agreed = a[_keys(a, layer).isin(set(_keys(b, layer)))] if len(a) else a
        kept = decisions[(decisions["layer"] == layer) & (decisions["decision"] == "keep")]
        extra = []
        for d in kept.itertuples(index=False):
            source = a if d.annotator == first.annotator else b
            hit = source[(source["doc_id"] == d.doc_id) & (source["line"] == int(d.line))
                         & (source["surface"] == d.surface) & (source["occurrence"] == int(d.occurrence))
                         & (source[_LABELS[layer]].astype(str).agg("/".join, axis=1) == d.label)]
            if not len(hit):
                raise ValueError(f"kept {layer} row not found for {d.annotator}: {d.doc_id} line {d.line} {d.surface!r}")
            extra.append(hit.iloc[:1])
        frame = pd.concat([agreed, *extra], ignore_index=True)
        spans = frame[["doc_id", "start", "end", *_LABELS[layer]]].astype(str).agg("\x1f".join, axis=1)
        if spans.duplicated().any():
            raise ValueError(f"{layer}: the same row kept twice: {frame[spans.duplicated()].iloc[0]['surface']!r}")
        out[layer] = _frame(layer, frame.to_dict("records"))[GOLD_COLUMNS[layer]]
    return out


def single_annotator(annotations: Annotations) -> dict[str, pd.DataFrame]:
    """Gold tables of a set with one annotator: the resolved rows as annotated, in the gold's columns.

    Nothing is adjudicated, so a row written twice (same span and labels) is a ValueError rather than a
    silent duplicate, as in :func:`merge_adjudicated`; rows that did not resolve must be fixed first.
    """
    if annotations.problems:
        raise ValueError(f"{len(annotations.problems)} row(s) do not resolve, first: {annotations.problems[0]}")
    out = {}
    for layer in LAYERS:
        frame = annotations.layer(layer)
        duplicated = _keys(frame, layer).duplicated() if len(frame) else pd.Series(dtype=bool)
        if duplicated.any():
            raise ValueError(f"{layer}: the same row written twice: {frame[duplicated.values].iloc[0]['surface']!r}")
        out[layer] = frame[GOLD_COLUMNS[layer]].reset_index(drop=True)
    return out


#: Columns of :func:`score`: the evaluation's score columns with the half and attribute agreement.
SCORE_COLUMNS = ["half", *schema.LABEL_ACCURACY.columns]
#: Reporting verbs are annotated in this gold only when distancing (the others are near-perfect).
_ANNOTATED_SUBTYPES = {"reporting_verb": {"distancing"}}


def load_gold(layer: str, folder: str | Path | None = None) -> pd.DataFrame:
    """One layer of the adjudicated gold, loaded by the evaluation's one gold loader (text columns as ``str``,
    empty never NaN; offsets as integers)."""
    return evaluation.load_gold(layer, Path(folder or GOLD_DIR))  # type: ignore[arg-type]


def _in_scope(cues: pd.DataFrame) -> pd.DataFrame:
    keep = pd.Series(True, index=cues.index)
    for category, subtypes in _ANNOTATED_SUBTYPES.items():
        keep &= (cues["category"] != category) | cues["subtype"].fillna("").isin(subtypes)
    return cues[keep]


def score(predicted: Mapping[str, pd.DataFrame] | str | Path, folder: str | Path | None = None,
          half: str | None = None) -> pd.DataFrame:
    """The cue and relation detectors against this gold, per half (``tune``, ``test``, ``all``; default all three).

    Cues are scored per category on the categories and subtypes the gold annotates, relations per type
    (same source, type and target, overlapping triggers) whatever their polarity and modality; the
    agreement on polarity and modality of the matched relations and on the speaker of matched cues is
    given as ``accuracy``. ``predicted``: a run's tables folder or frames by layer. Without gold yet the
    table is empty. With a ``documents`` table (always, for a tables folder), only the drawn articles that
    the run read are scored, so a notebook run on another corpus shows no false zeros.
    """
    folder = Path(folder or GOLD_DIR)
    if not all((folder / f"{layer}.csv").exists() for layer in LAYERS):
        return pd.DataFrame(columns=SCORE_COLUMNS)
    if isinstance(predicted, (str, Path)):
        from .tables import read_run_table

        predicted = {layer: read_run_table(Path(predicted), layer) for layer in (*LAYERS, "documents")}
    sample = load_sample(folder / "sample.csv")
    if predicted.get("documents") is not None:  # score only the drawn articles this corpus holds
        sample = sample[sample["doc_id"].isin(set(predicted["documents"]["doc_id"]))]
    gold = {layer: load_gold(layer, folder) for layer in LAYERS}
    tables = {"cues": _in_scope(predicted["cues"]), "relations": predicted["relations"]}
    parts = []
    for name in ([half] if half else ["tune", "test", "all"]):
        docs = list(sample["doc_id"] if name == "all" else sample.loc[sample["half"] == name, "doc_id"])
        for layer in LAYERS:
            label, attributes = _AGREEMENT[layer]
            if layer == "cues":
                attributes = ("speaker_actor",)
            parts.append(evaluate(layer, tables[layer], gold[layer], by=label, doc_ids=docs).assign(half=name))
            for attribute in attributes:
                if attribute in tables[layer].columns:
                    parts.append(label_accuracy(layer, tables[layer], gold[layer], attribute, doc_ids=docs)
                                 .assign(half=name))
    return pd.concat(parts, ignore_index=True).reindex(columns=SCORE_COLUMNS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.cue_relation_gold", description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=["check", "disagreements", "merge", "build"],
                        help="check/disagreements/merge: two annotators; build: one annotator's rows as the gold")
    parser.add_argument("--first", required=True, type=Path, help="first (or only) annotator's folder")
    parser.add_argument("--second", type=Path, help="second annotator's folder (all steps but build)")
    parser.add_argument("--texts", type=Path, default=Path("data/raw"), help="corpus folder (default data/raw)")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR,
                        help="the set's folder: its sample.csv, default decisions and output (default dev/cues-relations)")
    parser.add_argument("--decisions", type=Path, help="adjudication file (default GOLD/adjudication.csv)")
    parser.add_argument("--out", type=Path, help="folder the gold is written to (default GOLD)")
    args = parser.parse_args(argv)
    if (args.step == "build") == (args.second is not None):
        parser.error("build takes --first only; check, disagreements and merge need --second")
    out, decisions_path = args.out or args.gold, args.decisions or args.gold / "adjudication.csv"
    sample = load_sample(args.gold / "sample.csv")
    texts = corpus_texts(args.texts, doc_ids=list(sample["doc_id"]))
    folders = (args.first,) if args.second is None else (args.first, args.second)
    annotators = [read_annotations(p, texts, sample=sample) for p in folders]
    problems = [problem for a in annotators for problem in a.problems]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    if args.step == "build":
        tables = single_annotator(annotators[0])
    elif args.step == "check":
        print(agreement(*annotators).to_string(index=False))
        return 0
    elif args.step == "disagreements":
        disagreements(*annotators, texts).to_csv(decisions_path, index=False)
        print(f"wrote {decisions_path}")
        return 0
    else:
        decisions = pd.read_csv(decisions_path, dtype=str, keep_default_na=False)
        tables = merge_adjudicated(*annotators, decisions)
    for layer, frame in tables.items():
        frame.to_csv(out / f"{layer}.csv", index=False)
        print(f"{layer}: {len(frame)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
