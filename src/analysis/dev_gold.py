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

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from .evaluation import SCORE_COLUMNS, evaluate, label_accuracy, load_gold

log = logging.getLogger(__name__)

from .gold_annotations import (  # noqa: F401 (re-exported: importers use analysis.dev_gold)
    DEV_GOLD_DIR,
    DEV_EXTENSION_DIR,
    DEV_HOLDOUT_DIR,
    CORE_ACTORS,
    QUOTE_TYPES,
    ANNOTATION_COLUMNS,
    DEV_GOLD_COLUMNS,
    DECISION_COLUMNS,
    _IDENTITY,
    _AGREEMENT_LABEL,
    _DEV_LAYERS,
    _PROBLEM_COLUMNS,
    _EXTRA,
    Annotations,
    load_sample,
    _id_map,
    _texts,
    _text_of,
    _line_start,
    _find,
    _int,
    _read_rows,
    _resolve_mention,
    _resolve_statement,
    _frame,
    read_annotations,
    quoted_fragments,
)
from .gold_adjudication import (  # noqa: F401 (re-exported: importers use analysis.dev_gold)
    AGREEMENT_COLUMNS,
    _docs,
    _pair_agreement,
    annotator_agreement,
    DISAGREEMENT_COLUMNS,
    _key_frame,
    _split,
    _label,
    _detail,
    _listing,
    disagreements,
    _decisions,
    merge_adjudicated,
    _overlapping,
    write_dev_gold,
)

__all__ = [
    "DEV_GOLD_DIR",
    "DEV_EXTENSION_DIR",
    "DEV_HOLDOUT_DIR",
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
