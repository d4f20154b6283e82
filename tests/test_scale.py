"""Corpus scale: the generated corpus, identical outputs across workers/engines/formats, the bench command.

No timing is asserted anywhere: speed is reported by ``analysis bench``, not tested.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from pathlib import Path

import pytest

from analysis.corpus import Document, iter_corpus
from analysis.normalize import normalize_text
from analysis.phrases import view_of
from analysis.pipeline import RunOptions, run
from analysis.tables import read_table
from analysis import synth, synth_bank, synth_render
from analysis.synth import GOLD_COLUMNS, load_bank, stray_matches, write_corpus


SMALL_MB, SMALL_SHARD_MB = 0.1, 0.03


@pytest.fixture(scope="module")
def lexicon() -> synth.SynthLexicon:
    return synth.load_synth_lexicon()


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory, lexicon) -> synth.SynthCorpus:
    root = tmp_path_factory.mktemp("synth") / "corpus-a"
    # small shards so that the corpus spans several JSON Lines files, as a big one does; some forty
    # documents: three pool batches of CHUNKSIZE documents, so two workers share the run
    return write_corpus(root, size_mb=SMALL_MB, seed=7, lexicon=lexicon, shard_mb=SMALL_SHARD_MB)


@pytest.fixture(scope="module")
def serial_run(small_corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial")
    summary = run(RunOptions(raw_dir=small_corpus.corpus_dir, out_dir=out))
    assert summary.exit_code == 0 and summary.n_documents == small_corpus.n_docs
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the generator ----------------------------------------------------------------------------------------


def test_same_seed_same_bytes_and_other_seed_other_text(tmp_path, lexicon, small_corpus):
    # the second copy is composed in a process pool: the bytes must not depend on it
    again = write_corpus(tmp_path / "again", size_mb=SMALL_MB, seed=7, lexicon=lexicon, shard_mb=SMALL_SHARD_MB, workers=2)
    assert _files(again.root) == _files(small_corpus.root)
    assert len(list(small_corpus.corpus_dir.glob("*.jsonl"))) >= 3
    other = write_corpus(tmp_path / "other", size_mb=SMALL_MB, seed=8, lexicon=lexicon, shard_mb=SMALL_SHARD_MB)
    assert _files(other.corpus_dir) != _files(small_corpus.corpus_dir)


def test_smaller_corpus_is_a_prefix_of_a_larger_one(lexicon):
    small = list(synth.iter_documents(seed=3, lexicon=lexicon, n_docs=5))
    large = list(synth.iter_documents(seed=3, lexicon=lexicon, n_docs=12))
    assert [d.text for d in small] == [d.text for d in large[:5]]


def test_gold_offsets_point_at_the_surface_in_the_text_the_pipeline_reads(small_corpus, lexicon):
    texts = {d.doc_id: d.text for d in iter_corpus(small_corpus.corpus_dir) if isinstance(d, Document)}
    assert len(texts) == small_corpus.n_docs
    by_alias = {(a.alias, a.actor) for a in lexicon.aliases if a.placeable}
    normalized_forms = {a.form for a in lexicon.aliases if a.placeable}
    n = 0
    with small_corpus.gold_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == GOLD_COLUMNS
        for row in reader:
            text = texts[row["doc_id"]]
            start, end = int(row["start"]), int(row["end"])
            assert text[start:end] == row["surface"]
            assert (row["alias"], row["actor"]) in by_alias
            norm = " ".join(view_of(normalize_text(row["surface"])).split())
            # the fused لل (ل + ال) leaves "ل..." of an "ال..." alias: every other surface normalizes to a form
            assert norm in normalized_forms or ("ا" + norm) in normalized_forms, row
            n += 1
    assert n == small_corpus.n_mentions > small_corpus.n_docs * 5


def test_generated_text_has_the_variation_it_claims(small_corpus):
    raw = "".join(p.read_text(encoding="utf-8") for p in small_corpus.corpus_dir.glob("*.jsonl"))
    with small_corpus.gold_path.open(encoding="utf-8", newline="") as fh:
        surfaces = [r["surface"] for r in csv.DictReader(fh)]
    assert any("\u0640" in s for s in surfaces)  # tatweel
    assert any("\u00a0" in s for s in surfaces)  # no-break space
    assert any(re.search("[\u064e-\u0651]", s) for s in surfaces)  # short vowels
    assert re.search("[\u0660-\u0669]", raw)  # Arabic-Indic digits
    assert re.search(r"[«“\\\"](?:[^\s«»“”\\\"]+ ?){1,6}[»”\\\"]", raw)  # quotations
    for clitic in ("لل", "وال", "بال"):
        assert clitic in raw


def test_template_bank_never_names_an_actor_outside_a_slot(lexicon):
    bank = load_bank()
    pools = synth_render._pools(lexicon)
    for template in bank.templates():
        fixed = synth_bank._SLOT_RE.sub("، ", template)
        assert stray_matches(fixed, [], pools.automaton) == [], template
    for slot, values in bank.fillers.items():
        for value in values:
            assert stray_matches(value, [], pools.automaton) == [], (slot, value)


def test_stray_matches_finds_an_actor_in_fixed_text(lexicon):
    pools = synth_render._pools(lexicon)
    name = next(a for a in lexicon.aliases if a.kind == "name" and a.placeable and " " not in a.text and a.text.isalpha())
    text = f"قال مصدر إن {name.text} وصلت"
    found = stray_matches(text, [], pools.automaton)
    assert any(text[s:e] == name.text for s, e, _ in found)
    start = text.index(name.text)
    assert stray_matches(text, [(start, start + len(name.text))], pools.automaton) == []


def test_bad_template_bank_is_rejected(tmp_path, lexicon):
    source = synth.TEMPLATES_PATH.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    assert 'ريف {place}"' in source
    bad.write_text(source.replace('ريف {place}"', 'ريف {planet}"', 1), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown slot"):
        load_bank(bad)
    with pytest.raises(ValueError, match="unknown modifier"):
        bad.write_text(source.replace("{actor:li}", "{actor:zz}", 1), encoding="utf-8")
        load_bank(bad)
    with pytest.raises(ValueError, match="person"):  # a lexicon without people cannot fill {person}
        no_people = synth.SynthLexicon(tuple(a for a in lexicon.aliases if a.kind != "person"), lexicon.place_cues)
        list(synth.iter_documents(seed=0, lexicon=no_people, n_docs=1))
    with pytest.raises(ValueError):
        list(synth.iter_documents(seed=0, lexicon=lexicon, n_docs=1, n_bytes=10))


# --- identical outputs ------------------------------------------------------------------------------------


def test_two_workers_write_byte_identical_tables(small_corpus, serial_run, tmp_path):
    from analysis.pipeline import CHUNKSIZE

    assert small_corpus.n_docs > 2 * CHUNKSIZE, "more pool batches than workers"
    summary = run(RunOptions(raw_dir=small_corpus.corpus_dir, out_dir=tmp_path, workers=2))
    assert summary.n_documents == small_corpus.n_docs
    serial = _files(serial_run)
    assert "documents.csv" in serial and "mentions.csv" in serial
    assert _files(tmp_path) == serial
    assert not list(tmp_path.glob(".parts.*")), "the part files are removed"


def test_two_workers_write_byte_identical_parquet_tables(small_corpus, tmp_path, monkeypatch):
    """Workers hand Arrow streams to the parent, which cuts row groups where a serial run cuts them (a small
    row-group size here, so that groups end inside the workers' batches)."""
    from analysis import tables

    monkeypatch.setattr(tables.TableWriter.__init__, "__defaults__", (None, "csv", 350))
    serial = run(RunOptions(raw_dir=small_corpus.corpus_dir, out_dir=tmp_path / "serial", fmt="parquet"))
    pooled = run(RunOptions(raw_dir=small_corpus.corpus_dir, out_dir=tmp_path / "pooled", fmt="parquet", workers=2))
    assert pooled.n_documents == serial.n_documents == small_corpus.n_docs
    import pyarrow.parquet as pq

    assert pq.ParquetFile(tmp_path / "serial" / "sentences.parquet").metadata.num_row_groups > 2
    assert _files(tmp_path / "pooled") == _files(tmp_path / "serial")
    assert not list((tmp_path / "pooled").glob(".parts.*")), "the part files are removed"


def _canonical(frame) -> list[tuple[str, ...]]:
    def cell(v) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        return str(v)

    return [tuple(cell(v) for v in row) for row in frame.itertuples(index=False)]


def test_parquet_tables_have_the_columns_and_rows_of_the_csv_ones(small_corpus, serial_run, tmp_path):
    summary = run(RunOptions(raw_dir=small_corpus.corpus_dir, out_dir=tmp_path, fmt="parquet"))
    parquet = {p.stem: p for p in tmp_path.glob("*.parquet")}
    assert {"documents", "sentences", "mentions"} <= set(parquet)
    for name, path in parquet.items():
        pq_frame = read_table(path)
        csv_frame = read_table(serial_run / f"{name}.csv")
        assert list(pq_frame.columns) == list(csv_frame.columns), name
        assert _canonical(pq_frame) == _canonical(csv_frame), name
    assert summary.n_documents == small_corpus.n_docs


@pytest.mark.slow  # starts a local Dask cluster of worker processes (make test-slow)
def test_dask_engine_on_a_local_cluster_writes_identical_tables(small_corpus, serial_run, tmp_path, monkeypatch):
    """Worker processes read their own partitions: the shards split into byte ranges of a few articles."""
    pytest.importorskip("distributed")
    from analysis import distributed

    monkeypatch.setattr(distributed, "PARTITION_BYTES", 20_000)
    summary = run(RunOptions(raw_dir=small_corpus.corpus_dir, out_dir=tmp_path, engine="dask", workers=2))
    assert summary.n_documents == small_corpus.n_docs
    assert _files(tmp_path) == _files(serial_run)


# --- precision and recall, and the bench command ----------------------------------------------------------


def test_detector_finds_exactly_the_generated_mentions(small_corpus, serial_run):
    from analysis.bench import score_mentions

    score, examples = score_mentions(small_corpus.gold_path, serial_run / "mentions.csv")
    assert score.tp == small_corpus.n_mentions
    assert (score.precision, score.recall) == (1.0, 1.0), examples


def test_scorer_counts_misses_and_false_alarms(tmp_path):
    from analysis.bench import score_mentions

    gold = tmp_path / "gold.csv"
    gold.write_text("doc_id,start,end,surface,actor,component,alias,kind\na,0,3,x,US,,x,name\na,5,8,y,SDF,,y,name\nb,1,2,z,ISIS,,z,name\n", encoding="utf-8")
    pred = tmp_path / "mentions.csv"
    pred.write_text("doc_id,start,end,actor\na,0,3,US\na,5,8,RUSSIA\nc,4,6,US\n", encoding="utf-8")
    score, examples = score_mentions(gold, pred)
    assert (score.tp, score.fp, score.fn) == (1, 2, 2)
    assert score.precision == pytest.approx(1 / 3) and score.recall == pytest.approx(1 / 3)
    assert any(e.startswith("FP c") for e in examples)


@pytest.mark.slow  # runs the benchmark end to end (make test-slow)
def test_bench_command_prints_the_figures_as_json(tmp_path, capsys):
    from analysis.bench import JSON_KEYS
    from analysis.cli import main

    args = ["bench", "--size-mb", "0.05", "--cache", str(tmp_path), "--naive-mb", "0.02", "--json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.err == "", "off a terminal: no progress bars or step lines"
    first = captured.out.strip().splitlines()
    assert first[-2].startswith("total time "), "the table ends with the time taken"
    figures = json.loads(first[-1])
    for key in JSON_KEYS:
        assert key in figures, key
    assert figures["workers"] == 1 and figures["peak_rss_mb"] > 0
    assert figures["peak_pss_mb"] is None or 0 < figures["peak_pss_mb"] <= figures["peak_rss_mb"]
    assert figures["corpus"] is None, "no real corpus was given"
    assert figures["precision"] == 1.0 and figures["recall"] == 1.0
    generated = list(tmp_path.glob("synth-*"))
    assert len(generated) == 1
    stamp = (generated[0] / "synth.json").stat().st_mtime_ns
    assert main(args) == 0  # a second run reuses the generated corpus
    assert (generated[0] / "synth.json").stat().st_mtime_ns == stamp
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["size_mb"] == figures["size_mb"]


def test_bench_measures_the_mention_path_and_a_real_corpus_with_a_spread(tmp_path, capsys):
    from analysis.bench import CORPUS_KEYS, JSON_KEYS
    from analysis.cli import main

    real = tmp_path / "articles.jsonl"
    texts = ["قال مسؤول في وزارة الدفاع الروسية إن القوات الروسية قصفت مواقع في إدلب.",
             "أعلنت قوات سوريا الديمقراطية السيطرة على قرية شرق دير الزور.",
             "Not Arabic at all, but still a document."]
    real.write_text("".join(json.dumps({"id": f"a{i}", "text": t, "outlet": "x", "date": "2018-01-0" + str(i + 1)},
                                       ensure_ascii=False) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    args = ["bench", "--size-mb", "0.02", "--cache", str(tmp_path / "cache"), "--naive-mb", "0.01", "--json",
            "--corpus", str(real), "--repeat", "2"]
    assert main(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    figures = json.loads(lines[-1])
    assert set(JSON_KEYS) <= set(figures)
    assert {"mention_path_mb_s", "corpus"} <= set(figures)
    corpus = figures["corpus"]
    assert set(CORPUS_KEYS) <= set(corpus)
    # the English record is not read (as by analysis run, which lists it in errors.csv): it is not counted
    assert corpus["path"] == str(real) and corpus["n_documents"] == 2
    assert corpus["size_mb"] == round(sum(len(t.encode("utf-8")) for t in texts[:2]) / 1e6, 3)
    for measured in (figures, corpus):
        assert measured["repeat"] == 2
        for key in ("pipeline_mb_s", "scan_mb_s", "mention_path_mb_s"):
            low, mid, high = (measured["spread"][key][k] for k in ("min", "median", "max"))
            assert 0 < low <= mid <= high and measured[key] == mid, key
        assert measured["mention_path_over_scan"] == pytest.approx(measured["mention_path_mb_s"] / measured["scan_mb_s"], rel=1e-3)
    assert any(line.startswith("(d) mention path ") for line in lines)
    assert any(line.startswith("(e) start-up ") for line in lines)
    assert 0 < figures["startup_warm_s"] and 0 < figures["startup_cold_s"]
    assert any(line.startswith("real: (d) mention path ") for line in lines)
    assert figures["precision"] == 1.0, "the synthetic corpus is still scored"
    for measured in (figures, corpus):
        assert 0 < measured["parent_cpu_s"] <= measured["cpu_s"], "the run's own process is part of its tree"
    assert figures["load_average"] is None or figures["load_average"] >= 0
    assert any(line.startswith("CPU time ") for line in lines)


def test_bench_without_a_real_corpus_reports_null_and_refuses_a_missing_one(tmp_path, capsys):
    from analysis.cli import main

    assert main(["bench", "--size-mb", "0.05", "--cache", str(tmp_path), "--corpus", str(tmp_path / "absent"), "--json"]) == 2
    assert "corpus not found" in capsys.readouterr().err
    assert main(["bench", "--size-mb", "0.05", "--cache", str(tmp_path), "--repeat", "0"]) == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PSS is read from /proc")
def test_the_memory_sampler_divides_pages_a_forked_child_shares():
    """A child that shares 200 MB with its parent after a fork adds them to the RSS sum, not the PSS sum."""
    import multiprocessing as mp

    from analysis.bench import RssSampler

    block = bytearray(200_000_000)  # touched below, so resident in the parent
    block[::4096] = b"x" * len(block[::4096])
    ctx = mp.get_context("fork")
    ready, done = ctx.Event(), ctx.Event()

    def child() -> None:
        _ = sum(block[::4096])  # read every page: resident in the child too, still shared
        ready.set()
        done.wait(30)

    proc = ctx.Process(target=child)
    proc.start()
    try:
        assert ready.wait(30)
        sampler = RssSampler()
        sampler.peak_bytes = sampler.sample()
        assert sampler.peak_mb > 380, "both processes hold the block resident"
        assert sampler.peak_pss_mb is not None and sampler.peak_pss_mb < sampler.peak_mb - 150
    finally:
        done.set()
        proc.join(30)


def test_free_core_speedup_is_estimated_from_cpu_times_not_the_wall_clock():
    from analysis.bench import free_core_speedup

    # 20 s of CPU alone; in parallel 22 s in all, 2 of them the parent's: 2 + 20 / 2 = 12 s on idle cores
    assert free_core_speedup(20.0, 22.0, 2.0, 2) == pytest.approx(20 / 12, rel=1e-3)
    assert free_core_speedup(20.0, 20.0, 20.0, 2) == pytest.approx(1.0), "a parent doing everything gains nothing"
    assert free_core_speedup(20.0, 20.0, 0.0, 4) == pytest.approx(4.0)
    assert free_core_speedup(20.0, 20.0, 30.0, 2) == pytest.approx(1.0), "the parent's share is capped at the total"
    assert free_core_speedup(20.0, 0.0, 0.0, 2) != free_core_speedup(20.0, 0.0, 0.0, 2), "no CPU measured: NaN"


def test_a_pipeline_run_with_workers_reports_the_cpu_time_of_its_whole_tree(tmp_path):
    """The kernel counts the pool workers' CPU time for the run: the tree's total exceeds the parent's."""
    from analysis.bench import measure_pipeline, real_corpus

    corpus = tmp_path / "articles.jsonl"
    text = "قال مسؤول في وزارة الدفاع الروسية إن القوات الروسية قصفت مواقع في إدلب. " * 40
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "outlet": "x", "date": "2018-01-01"},
                                         ensure_ascii=False) + "\n" for i in range(80)), encoding="utf-8")
    measured = real_corpus(corpus, tmp_path / "input")
    run = measure_pipeline(measured, tmp_path / "out", workers=2)
    assert 0 < run["parent_cpu_s"] < run["cpu_s"], "the workers' CPU time is counted beside the parent's"


def test_the_benchmark_imports_and_counts_cpu_time_where_the_resource_module_does_not_exist(tmp_path, monkeypatch):
    """Windows has no ``resource``: the benchmark still imports, says it cannot ask the kernel, and the run's
    CPU time comes from the sampled process tree (its workers included)."""
    import subprocess

    import analysis.bench as bench

    probe = ("import sys; sys.modules['resource'] = None\n"  # makes `import resource` raise ImportError
             "import analysis.bench as b; print(b._resource is None, b.children_cpu_s())")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "None"]
    assert bench.children_cpu_s() is not None, "on this system the kernel's count is used"

    monkeypatch.setattr(bench, "_resource", None)
    corpus = tmp_path / "articles.jsonl"
    text = "قال مسؤول في وزارة الدفاع الروسية إن القوات الروسية قصفت مواقع في إدلب. " * 40
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "outlet": "x", "date": "2018-01-01"},
                                         ensure_ascii=False) + "\n" for i in range(80)), encoding="utf-8")
    run = bench.measure_pipeline(bench.real_corpus(corpus, tmp_path / "input"), tmp_path / "out", workers=2)
    assert 0 < run["parent_cpu_s"] < run["cpu_s"], "the sampled workers' CPU time is counted beside the parent's"


def test_the_memory_sampler_sums_the_cpu_time_of_every_process_it_saw():
    """A child that burns CPU and exits is still counted, at its last sample (at most one interval early)."""
    import multiprocessing as mp
    import time

    from analysis.bench import RssSampler

    def spin() -> None:  # 0.4 s of CPU, however busy the machine's cores are
        while time.process_time() < 0.4:
            pass

    proc = mp.get_context("fork").Process(target=spin)
    with RssSampler(interval=0.02) as sampler:
        proc.start()
        proc.join(60)
        time.sleep(0.05)
    assert sampler.tree_cpu_s >= sampler.root_cpu_s + 0.3, "the child's CPU time is in the sum after it exited"
