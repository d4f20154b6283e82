"""Precision and recall of the actor detector against the gold mentions of a generated corpus.

The generator (:mod:`analysis.synth`) writes, for every placed mention, its document, raw offsets and actor;
``analysis bench`` compares a run's ``mentions`` table with them (exact match of the four), streaming both
in document order.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Score", "score_mentions"]




def _gold_rows(path: Path) -> Iterator[tuple[str, int, int, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield row["doc_id"], int(row["start"]), int(row["end"]), row["actor"]


def _mention_rows(path: Path) -> Iterator[tuple[str, int, int, str]]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(columns=["doc_id", "start", "end", "actor"], batch_size=65_536):
            cols = batch.to_pydict()
            yield from zip(cols["doc_id"], map(int, cols["start"]), map(int, cols["end"]), cols["actor"])
        return
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield row["doc_id"], int(row["start"]), int(row["end"]), row["actor"]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_mentions(gold_path: Path, mentions_path: Path, *, examples: int = 10) -> tuple[Score, list[str]]:
    """Exact-match precision and recall of (doc_id, start, end, actor) against the generated gold.

    Both files are in document order (the pipeline writes in corpus order, the generator wrote the gold
    in the same order), so they are merged per document in one streaming pass. Returns the score and a
    few mismatches (``FN``/``FP`` with the document and span) for a reader to look at.
    """
    score = Score()
    shown: list[str] = []
    gold_docs = itertools.groupby(_gold_rows(gold_path), key=lambda r: r[0])
    pred_docs = itertools.groupby(_mention_rows(mentions_path), key=lambda r: r[0])
    pending: dict[str, set] = {}

    def compare(doc_id: str, gold: set, pred: set) -> None:
        score.tp += len(gold & pred)
        score.fn += len(gold - pred)
        score.fp += len(pred - gold)
        for kind, items in (("FN", gold - pred), ("FP", pred - gold)):
            for item in sorted(items):
                if len(shown) < examples:
                    shown.append(f"{kind} {doc_id} {item}")

    pred_iter = iter(pred_docs)
    next_pred = next(pred_iter, None)
    for doc_id, rows in gold_docs:
        gold = {r[1:] for r in rows}
        pred: set = pending.pop(doc_id, set())
        while next_pred is not None:
            pid, prows = next_pred
            if pid == doc_id:
                pred |= {r[1:] for r in prows}
                next_pred = next(pred_iter, None)
                break
            # a document with predictions but no gold, or out of order: keep it for later
            pending[pid] = pending.get(pid, set()) | {r[1:] for r in prows}
            next_pred = next(pred_iter, None)
            if len(pending) > 10_000:
                raise RuntimeError("mentions and gold are not in the same document order")
        compare(doc_id, gold, pred)
    while next_pred is not None:
        pid, prows = next_pred
        pending[pid] = pending.get(pid, set()) | {r[1:] for r in prows}
        next_pred = next(pred_iter, None)
    for pid, pred in sorted(pending.items()):
        compare(pid, set(), pred)
    return score, shown
