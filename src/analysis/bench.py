"""``analysis bench``: how fast the full pipeline runs next to the practical limit, and how much memory.

On a generated corpus (:mod:`analysis.synth`, cached under ``.bench/`` for the same size, seed, lexicon and
templates) it measures, in one run:

(a) the full pipeline (``analysis run``: every analyzer, every table written) in MB/s;
(b) one pass of an Aho-Corasick automaton (pyahocorasick) over the same normalized text with every form
    the actor detector looks for: the practical limit of lexicon matching in Python;
(c) a naive baseline: one regular expression per form, run over each document (on a sample of
    ``--naive-mb`` MB, as it is slow);
(d) the mention path, in this process: reading, normalization, segmentation, the actor detector and its
    rows written to a ``mentions.csv`` (the lexicon is compiled before the clock starts), the part of the
    pipeline that the scan (b) is the limit of;
(e) start-up: a fresh interpreter importing the pipeline and compiling every lexicon, with an empty and
    then a warm lexicon cache (:mod:`analysis.lexicon.disk_cache`);

plus the peak resident memory of the run (the process and all its children: pool workers, Dask
workers), and the detector's precision and recall against the generated gold mentions.

Every MB/s figure has the same numerator: MB (10^6 bytes) of UTF-8 article text as generated. (b) and (c)
time only the matching: reading, decoding and normalizing are done before the clock starts, so they are
the limit of the matching step alone, (d) includes reading and writing, and (a) includes everything
(start-up, reading, normalization, segmentation, all analyzers, writing, summaries).

``--corpus PATH`` measures (a), (b) and (d) on a real corpus too (a folder such as ``data/raw``, or one
JSON Lines file), with the same forms; ``--repeat N`` runs every timed figure N times and reports the
median, with min/median/max in ``spread``. The figures print as a table; with ``--json`` the last line is
one JSON object (see :data:`JSON_KEYS`): the synthetic corpus's figures at the top level, the real
corpus's under ``corpus`` (null without ``--corpus``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

from . import config, schema
from .corpus import Document, iter_corpus
from .errors import EXIT_INPUT_PROBLEMS, EXIT_OK
from .normalize import normalize
from .synth import SynthLexicon, ensure_corpus, load_synth_lexicon
from .process_memory import RssSampler
from .synth_scoring import Score, score_mentions

log = logging.getLogger(__name__)

try:  # POSIX only: the CPU time the kernel counts for every child a process waited for
    import resource as _resource
except ImportError:  # Windows: the tree's CPU time is then summed from the memory sampler's samples
    _resource = None

__all__ = ["RssSampler", "measure_pipeline", "measure_matching", "measure_mention_path", "score_mentions", "bench",
           "JSON_KEYS", "CORPUS_KEYS", "detector_forms", "CorpusText", "real_corpus"]

#: Keys always present in the JSON line.
JSON_KEYS = ("pipeline_mb_s", "scan_mb_s", "naive_mb_s", "workers", "peak_rss_mb", "peak_pss_mb", "precision",
             "recall", "mention_path_mb_s", "corpus", "startup_cold_s", "startup_warm_s", "cpu_s", "parent_cpu_s",
             "load_average")
#: Keys of the real corpus's figures (``corpus`` in the JSON line).
CORPUS_KEYS = ("path", "size_mb", "n_documents", "pipeline_mb_s", "scan_mb_s", "mention_path_mb_s",
               "pipeline_over_scan", "mention_path_over_scan", "peak_rss_mb", "peak_pss_mb", "spread", "cpu_s",
               "parent_cpu_s")
#: Figures timed ``--repeat`` times (their min/median/max go into ``spread``).
TIMED = ("pipeline_mb_s", "scan_mb_s", "mention_path_mb_s")
BENCH_DIR = config.PROJECT_ROOT / ".bench"


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


# --- the corpora measured ---------------------------------------------------------------------------------


class Measured(Protocol):
    """What a measurement needs of a corpus: where ``analysis run --raw`` reads it and its size."""

    corpus_dir: Path
    n_bytes: int  # UTF-8 bytes of article text (the numerator of every MB/s figure)
    n_docs: int


@dataclass(frozen=True)
class CorpusText:
    """A real corpus given with ``--corpus``: a folder, or one JSON Lines file seen through a folder."""

    path: Path  # as given
    corpus_dir: Path
    n_bytes: int
    n_docs: int


def real_corpus(path: Path, workdir: Path) -> CorpusText:
    """The corpus at ``path`` (a folder, or a ``.jsonl`` file linked into a folder under ``workdir``), with
    its size in UTF-8 bytes of article text, counted as the pipeline reads it."""
    path = Path(path)
    if path.is_file():
        if path.suffix.lower() != ".jsonl":
            raise ValueError(f"--corpus takes a folder or a .jsonl file, not {path}")
        folder = Path(workdir) / "corpus"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / path.name).symlink_to(path.resolve())
    elif path.is_dir():
        folder = path
    else:
        raise FileNotFoundError(f"corpus not found: {path}")
    n_bytes = n_docs = 0
    for doc in iter_corpus(folder):
        if isinstance(doc, Document):
            n_bytes += len(doc.text.encode("utf-8"))
            n_docs += 1
    if n_docs == 0:
        raise ValueError(f"no document could be read in {path}")
    return CorpusText(path=path, corpus_dir=folder, n_bytes=n_bytes, n_docs=n_docs)


# --- (a) the full pipeline --------------------------------------------------------------------------------


def measure_pipeline(
    corpus: Measured, out_dir: Path, *, workers: int = 1, engine: Literal["local", "dask"] = "local",
    fmt: Literal["csv", "parquet"] = "csv",
) -> dict[str, Any]:
    """Run ``analysis run`` on the corpus into ``out_dir`` as a separate process, as a user would.

    Its own process, so that the peak RSS is that of the run (with its pool or Dask workers) and not of
    the benchmark's generator and matchers; the wall time includes the interpreter's start-up.
    ``cpu_s`` is the CPU time (user + system) of the whole tree, counted by the kernel for every process
    the run waited for (its pool or local Dask workers), or, without the ``resource`` module (Windows),
    summed from the sampled tree; ``parent_cpu_s`` is that of the run's own process.
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
    before = children_cpu_s()
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=None if on_terminal else subprocess.PIPE, text=True)
    with RssSampler(pid=proc.pid) as rss:
        stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - t0
    after = children_cpu_s()
    cpu_s = rss.tree_cpu_s if before is None or after is None else after - before
    # 1: some inputs could not be read (listed in errors.csv), as in a real corpus; the others were processed
    if proc.returncode not in (EXIT_OK, EXIT_INPUT_PROBLEMS):
        detail = (stderr or "").strip()[-2000:] or "its messages are above"
        raise RuntimeError(f"analysis run failed ({proc.returncode}): {detail}")
    paths = {p.stem: p for p in Path(out_dir).glob(f"*.{fmt}")}
    log.info("pipeline: %s", stdout.strip())
    return {"seconds": seconds, "mb_s": corpus.n_bytes / 1e6 / seconds, "peak_rss_mb": rss.peak_mb,
            "peak_pss_mb": rss.peak_pss_mb, "cpu_s": cpu_s, "parent_cpu_s": min(rss.root_cpu_s, cpu_s), "paths": paths}


def children_cpu_s() -> float | None:
    """CPU time (user + system) of every child process this one has waited for, as the kernel counts it
    (it includes the children's own waited-for children: a run's pool workers); None where the
    ``resource`` module does not exist (Windows), and the caller falls back to the sampled tree."""
    if _resource is None:
        return None
    usage = _resource.getrusage(_resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- (b) and (c): matching alone --------------------------------------------------------------------------


def detector_forms(lexicon: SynthLexicon) -> list[str]:
    """Every normalized form the actor detector looks for: aliases, variants, generated descriptors and
    exclusions, as compiled by :func:`analysis.actors.load_lexicon` (before its proclitic expansion)."""
    return sorted({a.form for a in lexicon.aliases if a.form})


def _normalized_docs(corpus_dir: Path) -> Iterator[tuple[Document, str]]:
    for doc in iter_corpus(corpus_dir):
        if isinstance(doc, Document):
            yield doc, normalize(doc.text).text


def measure_matching(corpus: Measured, forms: list[str], *, naive_mb: float = 0.1) -> dict[str, Any]:
    """(b) one Aho-Corasick pass per document and (c) one regex per form per document, on normalized text.

    Only the matching is timed; the naive baseline stops after ``naive_mb`` MB of raw text (it is the
    slow one) and its MB/s is computed on the text it saw.
    """
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    naive_limit = int(naive_mb * 1e6)
    regexes = _naive_regexes(tuple(forms)) if naive_limit > 0 else ()

    scan_s = naive_s = 0.0
    naive_bytes = scan_bytes = scan_hits = naive_hits = 0
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


@lru_cache(maxsize=1)
def _naive_regexes(forms: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """One whole-word regex per form (no letter right before or after, as a real matcher needs); tens of
    thousands take seconds to compile, so once per process, not per corpus and ``--repeat``."""
    return tuple(re.compile(rf"(?<!\w){re.escape(f)}(?!\w)") for f in forms)


# --- (d) the mention path ---------------------------------------------------------------------------------


def measure_mention_path(corpus: Measured, out_dir: Path) -> dict[str, Any]:
    """Read, normalize, segment, find the actor mentions and write their rows, as ``analysis run`` does
    with its default options; the clock starts once the actor lexicon is compiled (that is start-up)."""
    from . import actors
    from .doc import Doc
    from .pipeline import Resources, RunOptions
    from .segment import segment
    from .tables import TableWriter

    options = RunOptions(raw_dir=corpus.corpus_dir, out_dir=Path(out_dir))
    resources = Resources(options)
    actors._resource_lexicon(resources)  # compiled outside the clock
    cfg = options.normalization
    t0 = time.perf_counter()
    writer = TableWriter(Path(out_dir) / "mentions", schema.MENTIONS.columns, "csv")
    n_rows = 0
    try:
        for doc in iter_corpus(corpus.corpus_dir):
            if not isinstance(doc, Document):
                continue
            norm = normalize(doc.text, cfg)
            seg = segment(doc.text, paragraphs=options.paragraphs, semicolon_ends=options.semicolon_ends, normalized=norm)
            rows = actors.ANALYZER(Doc(doc, norm, seg), resources)["mentions"]
            writer.write(rows)
            n_rows += len(rows)
    except BaseException:
        writer.abort()
        raise
    path = writer.close()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "mb_s": corpus.n_bytes / 1e6 / seconds, "n_rows": n_rows, "path": path}


def _spread(values: list[float]) -> dict[str, float]:
    ordered = sorted(v for v in values if v == v)
    if not ordered:
        return {"min": float("nan"), "median": float("nan"), "max": float("nan")}
    return {"min": _sig(ordered[0]), "median": _sig(statistics.median(ordered)), "max": _sig(ordered[-1])}


def _sig(value: float) -> float:
    """Four significant digits: a tiny corpus's MB/s does not round to zero."""
    return float(f"{value:.4g}")


def _measure_corpus(
    corpus: Measured, forms: list[str], workdir: Path, *, repeat: int, workers: int, engine: Literal["local", "dask"],
    fmt: Literal["csv", "parquet"], naive_mb: float, speedup: bool, keep_output: Path | None, label: str,
) -> tuple[dict[str, Any], dict[str, Path]]:
    """(a), (b), (c) once and (d) on one corpus, ``repeat`` times each; the figures are the medians.

    Returns the figures and the tables of the last pipeline run (for precision and recall)."""
    runs: dict[str, list[float]] = {key: [] for key in TIMED}
    rss: list[float] = []
    pss: list[float | None] = []
    serial: list[float] = []
    serial_rss: list[float] = []
    cpu: list[float] = []
    parent_cpu: list[float] = []
    serial_cpu: list[float] = []
    paths: dict[str, Path] = {}
    figures: dict[str, Any] = {}
    for i in range(repeat):
        turn = f" (run {i + 1} of {repeat})" if repeat > 1 else ""
        last = i == repeat - 1
        out = Path(keep_output) if keep_output and last else workdir / f"out-{i}"
        _stage(f"{label}: (a) full pipeline, {workers} worker(s){turn}")
        run = measure_pipeline(corpus, out, workers=workers, engine=engine, fmt=fmt)
        runs["pipeline_mb_s"].append(run["mb_s"])
        rss.append(run["peak_rss_mb"])
        pss.append(run["peak_pss_mb"])
        cpu.append(run["cpu_s"])
        parent_cpu.append(run["parent_cpu_s"])
        if last:
            paths = run["paths"]
            figures["pipeline_seconds"] = round(run["seconds"], 3)
        else:
            shutil.rmtree(out, ignore_errors=True)
        if speedup and workers > 1:
            _stage(f"{label}: (a) full pipeline again with 1 worker, for the speedup{turn}")
            one = measure_pipeline(corpus, workdir / "serial", workers=1, engine="local", fmt=fmt)
            serial.append(one["mb_s"])
            serial_rss.append(one["peak_rss_mb"])
            serial_cpu.append(one["cpu_s"])
            shutil.rmtree(workdir / "serial", ignore_errors=True)
        _stage(f"{label}: (d) mention path{turn}")
        mention = measure_mention_path(corpus, workdir / "mention-path")
        runs["mention_path_mb_s"].append(mention["mb_s"])
        shutil.rmtree(workdir / "mention-path", ignore_errors=True)
        _stage(f"{label}: (b) Aho-Corasick scan" + (" and (c) naive regexes" if i == 0 else "") + turn)
        matching = measure_matching(corpus, forms, naive_mb=naive_mb if i == 0 else 0.0)
        runs["scan_mb_s"].append(matching["scan_mb_s"])
        if i == 0:
            figures.update(naive_mb_s=round(matching["naive_mb_s"], 4), naive_sample_mb=round(matching["naive_sample_mb"], 3),
                           n_forms=matching["n_forms"])
    spread = {key: _spread(values) for key, values in runs.items()}
    for key in TIMED:
        figures[key] = spread[key]["median"]
    figures["peak_rss_mb"] = round(max(rss), 1)
    figures["peak_pss_mb"] = None if None in pss else round(max(p for p in pss if p is not None), 1)
    figures["repeat"] = repeat
    figures["cpu_s"] = round(statistics.median(cpu), 2)
    figures["parent_cpu_s"] = round(statistics.median(parent_cpu), 2)
    if serial:
        spread["serial_mb_s"] = _spread(serial)
        figures.update(serial_mb_s=spread["serial_mb_s"]["median"], serial_peak_rss_mb=round(max(serial_rss), 1),
                       speedup=round(figures["pipeline_mb_s"] / spread["serial_mb_s"]["median"], 3),
                       serial_cpu_s=round(statistics.median(serial_cpu), 2))
        figures["free_core_speedup"] = free_core_speedup(figures["serial_cpu_s"], figures["cpu_s"],
                                                         figures["parent_cpu_s"], workers)
    figures["spread"] = spread
    scan = figures["scan_mb_s"]
    figures["pipeline_over_scan"] = _sig(figures["pipeline_mb_s"] / scan) if scan else float("nan")
    figures["mention_path_over_scan"] = _sig(figures["mention_path_mb_s"] / scan) if scan else float("nan")
    naive = figures.get("naive_mb_s")
    figures["pipeline_over_naive"] = _sig(figures["pipeline_mb_s"] / naive) if naive and naive == naive else float("nan")
    return figures, paths


def free_core_speedup(serial_cpu_s: float, cpu_s: float, parent_cpu_s: float, workers: int) -> float:
    """The speedup ``workers`` idle cores would give, estimated from CPU times rather than the wall clock.

    On a machine shared with other jobs a second worker rarely finds a free core, so the wall-clock
    speedup measures the load as much as the pipeline. CPU times do not depend on the load: a one-worker
    run costs ``serial_cpu_s``; the parallel run costs ``cpu_s`` in all, of which ``parent_cpu_s`` is the
    parent's (start-up, reading, copying parts, duplicate clustering; the summaries too with the Dask
    engine, while a local pool runs them side by side), which no worker shares.
    With idle cores the run takes at most the parent's time plus the workers' share divided among them
    (the parent overlapping none of it), so the estimate errs low, unless the work is badly balanced.
    """
    if workers < 1 or cpu_s <= 0:
        return float("nan")
    parent = min(max(parent_cpu_s, 0.0), cpu_s)
    return _sig(serial_cpu_s / (parent + (cpu_s - parent) / workers))


# --- (e) start-up -----------------------------------------------------------------------------------------

#: What a run does before its first document: import the package and its analyzers, compile the lexicons.
#: It prints the wall and CPU seconds of each step: on a machine whose cores other jobs share, the CPU time
#: is what the start-up costs, the wall time what the machine gave it.
_STARTUP = (
    "import time; t0 = time.perf_counter(); c0 = time.process_time()\n"
    "from pathlib import Path\n"
    "from analysis.pipeline import RunOptions, row_tables\n"
    "from analysis.lexicon.check import check_run_lexicons\n"
    "row_tables(); t1 = time.perf_counter(); c1 = time.process_time()\n"
    "check_run_lexicons(RunOptions(Path('.'), Path('.'))); t2 = time.perf_counter(); c2 = time.process_time()\n"
    "print(t1 - t0, t2 - t1, c1 - c0, c2 - c1)\n"
)


def measure_startup(cache: Path) -> dict[str, float]:
    """Start-up of a fresh interpreter (imports, then lexicons), cold (an empty lexicon cache at ``cache``)
    and warm (the same cache, filled by the cold run); the interpreter's own start is left out."""
    import os

    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache)}
    figures: dict[str, float] = {}
    for label in ("cold", "warm"):
        done = subprocess.run([sys.executable, "-c", _STARTUP], env=env, capture_output=True, text=True, check=True)
        imports, lexicons, imports_cpu, lexicons_cpu = map(float, done.stdout.split())
        figures.update({f"startup_{label}_s": _sig(imports + lexicons), f"startup_{label}_imports_s": _sig(imports),
                        f"startup_{label}_lexicons_s": _sig(lexicons),
                        f"startup_{label}_cpu_s": _sig(imports_cpu + lexicons_cpu),
                        f"startup_{label}_imports_cpu_s": _sig(imports_cpu),
                        f"startup_{label}_lexicons_cpu_s": _sig(lexicons_cpu)})
    shutil.rmtree(cache, ignore_errors=True)
    return figures


# --- the command ------------------------------------------------------------------------------------------


def bench(
    *, size_mb: float, workers: int = 1, seed: int = 0, engine: Literal["local", "dask"] = "local",
    fmt: Literal["csv", "parquet"] = "csv", cache_dir: Path = BENCH_DIR, naive_mb: float = 0.1,
    speedup: bool = False, check_memory: bool = False, keep_output: Path | None = None,
    corpus: Path | None = None, repeat: int = 1,
) -> dict[str, Any]:
    """Generate (or reuse) the corpus and measure everything; returns the figures (see module docstring)."""
    if size_mb <= 0 or naive_mb < 0 or workers < 1 or repeat < 1:
        raise ValueError("size_mb must be > 0, naive_mb >= 0, workers >= 1 and repeat >= 1")
    started = time.perf_counter()
    load_average = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None  # before our own work
    lexicon = load_synth_lexicon()
    forms = detector_forms(lexicon)
    _stage(f"preparing a {size_mb:g} MB corpus (generated once, then reused from {cache_dir})")
    t0 = time.perf_counter()
    synthetic = ensure_corpus(cache_dir, size_mb=size_mb, seed=seed, lexicon=lexicon, workers=workers)
    gen_s = time.perf_counter() - t0
    figures: dict[str, Any] = {
        "size_mb": round(synthetic.n_bytes / 1e6, 3),
        "n_documents": synthetic.n_docs,
        "n_gold_mentions": synthetic.n_mentions,
        "seed": seed,
        "engine": engine,
        "format": fmt,
        "workers": workers,
        "generate_seconds": round(gen_s, 3),
        "corpus": None,
        "load_average": load_average,
    }
    runs_root = Path(cache_dir) / "runs"
    runs_root.mkdir(parents=True, exist_ok=True)
    common = dict(repeat=repeat, workers=workers, engine=engine, fmt=fmt, naive_mb=naive_mb, speedup=speedup)
    with tempfile.TemporaryDirectory(dir=runs_root) as tmp:
        measured, paths = _measure_corpus(synthetic, forms, Path(tmp) / "synthetic", keep_output=keep_output,
                                          label="synthetic", **common)
        figures.update(measured)
        mentions = paths.get("mentions")
        if mentions is None:
            log.warning("the pipeline wrote no mentions table (is analysis.actors installed?): no precision/recall")
            figures.update(precision=float("nan"), recall=float("nan"))
        else:
            score, examples = score_mentions(synthetic.gold_path, Path(mentions))
            figures.update(precision=round(score.precision, 6), recall=round(score.recall, 6), tp=score.tp, fp=score.fp, fn=score.fn)
            for line in examples:
                log.info("mismatch: %s", line)
            figures["mismatch_examples"] = examples
        _stage("(e) start-up, cold and warm lexicon cache")
        figures.update(measure_startup(Path(tmp) / "startup-cache"))
        if corpus is not None:
            real = real_corpus(Path(corpus), Path(tmp) / "real-input")
            measured, _ = _measure_corpus(real, forms, Path(tmp) / "real", keep_output=None, label=str(corpus), **common)
            figures["corpus"] = {"path": str(corpus), "size_mb": round(real.n_bytes / 1e6, 3), "n_documents": real.n_docs,
                                 **measured}
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


def _figure_lines(figures: dict[str, Any], name: str) -> list[str]:
    def f(key: str, unit: str = "") -> str:
        value = figures.get(key)
        return "-" if value is None else f"{value}{unit}"

    def spread(key: str) -> str:
        s = figures.get("spread", {}).get(key)
        if not s or figures.get("repeat", 1) < 2:
            return ""
        return f" [min {s['min']}, max {s['max']} of {figures['repeat']}]"

    lines = [
        f"(a) full pipeline  {f('pipeline_mb_s', ' MB/s')}{spread('pipeline_mb_s')}  ({f('pipeline_seconds', ' s')}, {f('workers')} worker(s), engine {f('engine')}, {f('format')})",
        f"(b) AC scan        {f('scan_mb_s', ' MB/s')}{spread('scan_mb_s')}  ({f('n_forms')} forms, matching only)",
        f"(c) naive regexes  {f('naive_mb_s', ' MB/s')}  (on {f('naive_sample_mb', ' MB')})",
        f"(d) mention path   {f('mention_path_mb_s', ' MB/s')}{spread('mention_path_mb_s')}  (read, normalize, segment, mentions, rows written)",
        f"pipeline / scan    {f('pipeline_over_scan')}",
        f"mention path / scan {f('mention_path_over_scan')}",
        f"pipeline / naive   {f('pipeline_over_naive')}",
        f"peak RSS           {f('peak_rss_mb', ' MB')} (process and children, shared pages counted in each)",
        f"peak PSS           {f('peak_pss_mb', ' MB')} (process and children, shared pages divided among them)",
        f"CPU time           {f('cpu_s', ' s')} (process and children), of which the run's own process {f('parent_cpu_s', ' s')}",
    ]
    if "speedup" in figures:
        lines.append(f"serial pipeline    {f('serial_mb_s', ' MB/s')}{spread('serial_mb_s')}; speedup with {f('workers')} workers {f('speedup', 'x')}")
        lines.append(f"on idle cores      {f('free_core_speedup', 'x')} (from CPU times: serial {f('serial_cpu_s', ' s')}; "
                     f"wall-clock speedups depend on the machine's load, {f('load_average')} when the benchmark began)")
    return [f"{name}: {line}" if name else line for line in lines]


def _table(figures: dict[str, Any]) -> str:
    def f(key: str, unit: str = "") -> str:
        value = figures.get(key)
        return "-" if value is None else f"{value}{unit}"

    lines = [
        f"corpus             {f('size_mb', ' MB')}, {f('n_documents')} documents, {f('n_gold_mentions')} gold mentions (seed {f('seed')})",
        *_figure_lines(figures, ""),
        f"precision, recall  {f('precision')}, {f('recall')}  (tp {f('tp')}, fp {f('fp')}, fn {f('fn')})",
    ]
    real = figures.get("corpus")
    if real:
        lines.append(f"real corpus        {real['path']}: {real['size_mb']} MB, {real['n_documents']} documents")
        lines.extend(_figure_lines({**real, "workers": figures.get("workers"), "engine": figures.get("engine"),
                                    "format": figures.get("format"), "load_average": figures.get("load_average")}, "real"))
    if "startup_warm_s" in figures:
        lines.append(f"(e) start-up       cold {f('startup_cold_s', ' s')} (imports {f('startup_cold_imports_s', ' s')}, lexicons "
                     f"{f('startup_cold_lexicons_s', ' s')}); warm cache {f('startup_warm_s', ' s')} (lexicons {f('startup_warm_lexicons_s', ' s')})")
        lines.append(f"(e) start-up CPU   cold {f('startup_cold_cpu_s', ' s')}; warm cache {f('startup_warm_cpu_s', ' s')} (imports "
                     f"{f('startup_warm_imports_cpu_s', ' s')}, lexicons {f('startup_warm_lexicons_cpu_s', ' s')})")
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
    p.add_argument("--corpus", type=Path, default=None,
                   help="also measure a real corpus: a folder (such as data/raw) or one .jsonl file")
    p.add_argument("--repeat", type=int, default=1, help="time every figure this many times; report min/median/max")
    p.add_argument("--json", action="store_true", help="end with one line of JSON holding every figure")


def handler(args: argparse.Namespace) -> int:
    if args.workers < 1 or args.size_mb <= 0 or args.naive_mb < 0 or args.repeat < 1:
        print("error: --workers and --repeat must be >= 1, --size-mb > 0, --naive-mb >= 0", file=sys.stderr)
        return 2
    if args.corpus is not None and not args.corpus.exists():
        print(f"error: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    figures = bench(
        size_mb=args.size_mb, workers=args.workers, seed=args.seed, engine=args.engine, fmt=args.fmt,
        cache_dir=args.cache, naive_mb=args.naive_mb, speedup=args.speedup, check_memory=args.check_memory,
        keep_output=args.keep_output, corpus=args.corpus, repeat=args.repeat,
    )
    print(_table(figures))
    if args.json:
        print(json.dumps(_json_safe(figures), ensure_ascii=False, sort_keys=True))
    return 0


def _json_safe(value: Any) -> Any:
    """NaN is not JSON: null in its place, at any depth."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value
