"""``analysis bench``: how fast the full pipeline runs next to the practical limit, and how much memory.

On a generated corpus (:mod:`analysis.synth`, cached under ``.bench/`` for the same size, seed, lexicon and
templates) it measures, in one run:

(a) the full pipeline (``analysis run``: every analyzer, every table written) in MB/s;
(b) one pass of an Aho-Corasick automaton (pyahocorasick) over the same normalized text with every form
    the actor detector looks for: the practical limit of lexicon matching in Python;
(c) a naive baseline: one regular expression per form, run over each document (on a sample of
    ``--naive-mb`` MB, as it is slow);

plus the peak resident memory of the run (the process and all its children: pool workers, Dask
workers), and the detector's precision and recall against the generated gold mentions.

Every MB/s figure has the same numerator: MB (10^6 bytes) of UTF-8 article text as generated. (b) and (c)
time only the matching: reading, decoding and normalizing are done before the clock starts, so they are
the limit of the matching step alone, while (a) includes everything (reading, normalization,
segmentation, all analyzers, writing). The figures print as a table; with ``--json`` the last line is one
JSON object (see :data:`JSON_KEYS`).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from . import config
from .corpus import Document, iter_corpus
from .normalize import normalize
from .synth import SynthCorpus, SynthLexicon, ensure_corpus, load_synth_lexicon

log = logging.getLogger(__name__)

__all__ = ["RssSampler", "measure_pipeline", "measure_matching", "score_mentions", "bench", "JSON_KEYS", "detector_forms"]

#: Keys always present in the JSON line.
JSON_KEYS = ("pipeline_mb_s", "scan_mb_s", "naive_mb_s", "workers", "peak_rss_mb", "precision", "recall")
BENCH_DIR = config.PROJECT_ROOT / ".bench"


class RssSampler:
    """Peak resident memory of this process plus all its descendants, sampled in a background thread.

    ``ru_maxrss`` would miss the pool's workers (children report only the largest one, and only once
    they have exited); sampling the process tree every ``interval`` seconds sees their sum.
    """

    def __init__(self, interval: float = 0.05, pid: int | None = None):
        import psutil

        self._psutil = psutil
        self.pid = pid  # None: this process
        self.interval = interval
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)

    def sample(self) -> int:
        try:
            me = self._psutil.Process(self.pid)
            tree = [me, *me.children(recursive=True)]
        except self._psutil.NoSuchProcess:
            return 0
        total = 0
        for proc in tree:
            try:
                total += proc.memory_info().rss
            except (self._psutil.NoSuchProcess, self._psutil.AccessDenied):
                pass
        return total

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, self.sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> "RssSampler":
        self.peak_bytes = self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_bytes = max(self.peak_bytes, self.sample())

    @property
    def peak_mb(self) -> float:
        return self.peak_bytes / 1e6


# --- progress on a terminal -------------------------------------------------------------------------------
def _on_terminal() -> bool:
    from .progress import on_terminal

    return on_terminal()


def _stage(message: str) -> None:
    """Say which step the benchmark is on (on a terminal only: logs stay as they were)."""
    if _on_terminal():
        print(f"bench: {message}", file=sys.stderr, flush=True)


def _bar(total_bytes: int, desc: str) -> Any:
    """A progress bar over bytes of text (MB/s, time left) on a terminal; None otherwise."""
    from .progress import bar

    return bar(total=total_bytes, desc=desc)


# --- (a) the full pipeline --------------------------------------------------------------------------------


def measure_pipeline(
    corpus: SynthCorpus, out_dir: Path, *, workers: int = 1, engine: Literal["local", "dask"] = "local",
    fmt: Literal["csv", "parquet"] = "csv",
) -> dict[str, Any]:
    """Run ``analysis run`` on the corpus into ``out_dir`` as a separate process, as a user would.

    Its own process, so that the peak RSS is that of the run (with its pool or Dask workers) and not of
    the benchmark's generator and matchers; the wall time includes the interpreter's start-up.
    """
    import psutil

    if workers < 1:
        raise ValueError("workers must be at least 1")
    cmd = [
        sys.executable, "-m", "analysis", "run", "--raw", str(corpus.corpus_dir), "--out", str(out_dir),
        "--workers", str(workers), "--engine", engine, "--format", fmt,
    ]
    # On a terminal the run's stderr is the terminal, so its progress bar shows; otherwise it is kept for
    # the error message.
    on_terminal = _on_terminal()
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=None if on_terminal else subprocess.PIPE, text=True)
    with RssSampler(pid=proc.pid) as rss:
        stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        detail = (stderr or "").strip()[-2000:] or "its messages are above"
        raise RuntimeError(f"analysis run failed ({proc.returncode}): {detail}")
    paths = {p.stem: p for p in Path(out_dir).glob(f"*.{fmt}")}
    log.info("pipeline: %s", stdout.strip())
    return {"seconds": seconds, "mb_s": corpus.n_bytes / 1e6 / seconds, "peak_rss_mb": rss.peak_mb, "paths": paths}


# --- (b) and (c): matching alone --------------------------------------------------------------------------


def detector_forms(lexicon: SynthLexicon) -> list[str]:
    """Every normalized form the actor detector looks for: aliases, variants, generated descriptors and
    exclusions, as compiled by :func:`analysis.actors.load_lexicon` (before its proclitic expansion)."""
    return sorted({a.form for a in lexicon.aliases if a.form})


def _normalized_docs(corpus_dir: Path) -> Iterator[tuple[Document, str]]:
    for doc in iter_corpus(corpus_dir):
        if isinstance(doc, Document):
            yield doc, normalize(doc.text).text


def measure_matching(corpus: SynthCorpus, forms: list[str], *, naive_mb: float = 0.1) -> dict[str, Any]:
    """(b) one Aho-Corasick pass per document and (c) one regex per form per document, on normalized text.

    Only the matching is timed; the naive baseline stops after ``naive_mb`` MB of raw text (it is the
    slow one) and its MB/s is computed on the text it saw.
    """
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    # whole words only, as a real matcher would need: no letter right before or after
    regexes = [re.compile(rf"(?<!\w){re.escape(f)}(?!\w)") for f in forms]

    scan_s = naive_s = 0.0
    naive_bytes = scan_bytes = scan_hits = naive_hits = 0
    naive_limit = int(naive_mb * 1e6)
    clock = time.perf_counter
    bar = _bar(corpus.n_bytes, "matching")
    for doc, text in _normalized_docs(corpus.corpus_dir):
        size = len(doc.text.encode("utf-8"))
        if bar is not None:
            bar.update(size)
        t0 = clock()
        n = 0
        for _ in automaton.iter(text):
            n += 1
        scan_s += clock() - t0
        scan_hits += n
        scan_bytes += size
        if naive_bytes < naive_limit:
            t0 = clock()
            m = 0
            for rx in regexes:
                for _ in rx.finditer(text):
                    m += 1
            naive_s += clock() - t0
            naive_hits += m
            naive_bytes += size
    if bar is not None:
        bar.close()
    return {
        "scan_seconds": scan_s,
        "scan_mb_s": scan_bytes / 1e6 / scan_s if scan_s else float("nan"),
        "scan_hits": scan_hits,
        "naive_seconds": naive_s,
        "naive_mb_s": naive_bytes / 1e6 / naive_s if naive_s else float("nan"),
        "naive_sample_mb": naive_bytes / 1e6,
        "naive_hits": naive_hits,
        "n_forms": len(forms),
    }


# --- precision and recall ---------------------------------------------------------------------------------


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


# --- the command ------------------------------------------------------------------------------------------


def bench(
    *, size_mb: float, workers: int = 1, seed: int = 0, engine: Literal["local", "dask"] = "local",
    fmt: Literal["csv", "parquet"] = "csv", cache_dir: Path = BENCH_DIR, naive_mb: float = 0.1,
    speedup: bool = False, check_memory: bool = False, keep_output: Path | None = None,
) -> dict[str, Any]:
    """Generate (or reuse) the corpus and measure everything; returns the figures (see module docstring)."""
    if size_mb <= 0 or naive_mb < 0 or workers < 1:
        raise ValueError("size_mb must be > 0, naive_mb >= 0 and workers >= 1")
    started = time.perf_counter()
    lexicon = load_synth_lexicon()
    _stage(f"preparing a {size_mb:g} MB corpus (generated once, then reused from {cache_dir})")
    t0 = time.perf_counter()
    corpus = ensure_corpus(cache_dir, size_mb=size_mb, seed=seed, lexicon=lexicon, workers=workers)
    gen_s = time.perf_counter() - t0
    figures: dict[str, Any] = {
        "size_mb": round(corpus.n_bytes / 1e6, 3),
        "n_documents": corpus.n_docs,
        "n_gold_mentions": corpus.n_mentions,
        "seed": seed,
        "engine": engine,
        "format": fmt,
        "workers": workers,
        "generate_seconds": round(gen_s, 3),
    }
    runs_root = Path(cache_dir) / "runs"
    runs_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=runs_root) as tmp:
        out = Path(keep_output) if keep_output else Path(tmp) / "out"
        _stage(f"(a) full pipeline, {workers} worker(s)")
        run = measure_pipeline(corpus, out, workers=workers, engine=engine, fmt=fmt)
        figures.update(pipeline_seconds=round(run["seconds"], 3), pipeline_mb_s=round(run["mb_s"], 4), peak_rss_mb=round(run["peak_rss_mb"], 1))
        mentions = run["paths"].get("mentions")
        if mentions is None:
            log.warning("the pipeline wrote no mentions table (is analysis.actors installed?): no precision/recall")
            figures.update(precision=float("nan"), recall=float("nan"))
        else:
            score, examples = score_mentions(corpus.gold_path, Path(mentions))
            figures.update(precision=round(score.precision, 6), recall=round(score.recall, 6), tp=score.tp, fp=score.fp, fn=score.fn)
            for line in examples:
                log.info("mismatch: %s", line)
            figures["mismatch_examples"] = examples
        if speedup and workers > 1:
            _stage("(a) full pipeline again with 1 worker, for the speedup")
            serial = measure_pipeline(corpus, Path(tmp) / "serial", workers=1, engine="local", fmt=fmt)
            figures.update(serial_mb_s=round(serial["mb_s"], 4), serial_peak_rss_mb=round(serial["peak_rss_mb"], 1), speedup=round(run["mb_s"] / serial["mb_s"], 3))
            shutil.rmtree(Path(tmp) / "serial", ignore_errors=True)
    _stage("(b) Aho-Corasick scan and (c) naive regexes")
    matching = measure_matching(corpus, detector_forms(lexicon), naive_mb=naive_mb)
    figures.update(
        scan_mb_s=round(matching["scan_mb_s"], 4),
        naive_mb_s=round(matching["naive_mb_s"], 4),
        naive_sample_mb=round(matching["naive_sample_mb"], 3),
        n_forms=matching["n_forms"],
        pipeline_over_scan=round(figures["pipeline_mb_s"] / matching["scan_mb_s"], 4),
        pipeline_over_naive=round(figures["pipeline_mb_s"] / matching["naive_mb_s"], 4),
    )
    if check_memory:
        _stage("peak memory at 1/4, 1/2 and the full size")
        figures["memory_by_size"] = _memory_by_size(size_mb, workers=workers, seed=seed, cache_dir=cache_dir, lexicon=lexicon, fmt=fmt)
    figures["total_seconds"] = round(time.perf_counter() - started, 1)
    return figures


def _memory_by_size(size_mb: float, *, workers: int, seed: int, cache_dir: Path, lexicon: SynthLexicon, fmt: Literal["csv", "parquet"]) -> list[dict[str, float]]:
    """Peak RSS of the pipeline at a quarter, half and the full size: flat when it streams."""
    rows = []
    for fraction in (0.25, 0.5, 1.0):
        corpus = ensure_corpus(cache_dir, size_mb=round(size_mb * fraction, 3), seed=seed, lexicon=lexicon)
        with tempfile.TemporaryDirectory(dir=Path(cache_dir) / "runs") as tmp:
            run = measure_pipeline(corpus, Path(tmp), workers=workers, fmt=fmt)
        rows.append({"size_mb": round(corpus.n_bytes / 1e6, 3), "peak_rss_mb": round(run["peak_rss_mb"], 1)})
    return rows


def _table(figures: dict[str, Any]) -> str:
    def f(key: str, unit: str = "") -> str:
        value = figures.get(key)
        return "-" if value is None else f"{value}{unit}"

    lines = [
        f"corpus             {f('size_mb', ' MB')}, {f('n_documents')} documents, {f('n_gold_mentions')} gold mentions (seed {f('seed')})",
        f"(a) full pipeline  {f('pipeline_mb_s', ' MB/s')}  ({f('pipeline_seconds', ' s')}, {f('workers')} worker(s), engine {f('engine')}, {f('format')})",
        f"(b) AC scan        {f('scan_mb_s', ' MB/s')}  ({f('n_forms')} forms, matching only)",
        f"(c) naive regexes  {f('naive_mb_s', ' MB/s')}  (on {f('naive_sample_mb', ' MB')})",
        f"pipeline / scan    {f('pipeline_over_scan')}",
        f"pipeline / naive   {f('pipeline_over_naive')}",
        f"peak RSS           {f('peak_rss_mb', ' MB')} (process and children)",
        f"precision, recall  {f('precision')}, {f('recall')}  (tp {f('tp')}, fp {f('fp')}, fn {f('fn')})",
    ]
    if "speedup" in figures:
        lines.append(f"serial pipeline    {f('serial_mb_s', ' MB/s')}; speedup with {f('workers')} workers {f('speedup', 'x')}")
    for row in figures.get("memory_by_size", []):
        lines.append(f"memory vs size     {row['size_mb']} MB -> peak RSS {row['peak_rss_mb']} MB")
    if "total_seconds" in figures:
        lines.append(f"total time         {f('total_seconds', ' s')} (corpus, runs and matching)")
    return "\n".join(lines)


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--size-mb", type=float, default=20.0, help="corpus size in MB of UTF-8 text (default 20)")
    p.add_argument("--workers", type=int, default=1, help="processes for the pipeline (default 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="local process pool or Dask LocalCluster")
    p.add_argument("--format", dest="fmt", choices=["csv", "parquet"], default="csv", help="format of the row tables")
    p.add_argument("--seed", type=int, default=0, help="seed of the generated corpus (default 0)")
    p.add_argument("--cache", type=Path, default=BENCH_DIR, help="where generated corpora are kept (default .bench/)")
    p.add_argument("--naive-mb", type=float, default=0.1, help="MB of text for the naive baseline (default 0.1: it is slow)")
    p.add_argument("--speedup", action="store_true", help="also run with one worker and report the speedup")
    p.add_argument("--check-memory", action="store_true", help="also report peak RSS at 1/4 and 1/2 of the size")
    p.add_argument("--keep-output", type=Path, default=None, help="keep the pipeline's tables in this folder")
    p.add_argument("--json", action="store_true", help="end with one line of JSON holding every figure")


def handler(args: argparse.Namespace) -> int:
    if args.workers < 1 or args.size_mb <= 0 or args.naive_mb < 0:
        print("error: --workers must be >= 1, --size-mb > 0, --naive-mb >= 0", file=sys.stderr)
        return 2
    figures = bench(
        size_mb=args.size_mb, workers=args.workers, seed=args.seed, engine=args.engine, fmt=args.fmt,
        cache_dir=args.cache, naive_mb=args.naive_mb, speedup=args.speedup, check_memory=args.check_memory,
        keep_output=args.keep_output,
    )
    print(_table(figures))
    if args.json:
        clean = {k: (None if isinstance(v, float) and v != v else v) for k, v in figures.items()}  # NaN is not JSON
        print(json.dumps(clean, ensure_ascii=False, sort_keys=True))
    return 0
