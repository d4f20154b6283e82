"""The Dask engine: workers read their own partitions of the corpus and write tables byte-identical to a
serial run, read errors and metadata reports included."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from analysis import distributed
from analysis.corpus_parts import FileList, LineRange
from analysis.pipeline import RunOptions, run

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
#: Few bootstrap replicates: the comparison tables are compared, not their intervals' precision.
BOOTSTRAP = 50


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
            and p.name != ".analysis-run.lock"}


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus (UTF-8 and Windows-1256 articles, an empty page, a metadata.csv with a row for
    each) and a JSON Lines crawl with a bad line, id-less records, an id given twice far apart and a
    record without a metadata row, plus a file of another type."""
    raw = tmp_path_factory.mktemp("dask") / "raw"
    shutil.copytree(FIXTURES, raw, ignore=shutil.ignore_patterns("README.md"))
    (raw / "notes.md").write_text("not an article", encoding="utf-8")
    paragraphs = [line.strip() for p in sorted(FIXTURES.glob("outlet-a/*.txt")) for line in
                  p.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 40]
    lines = []
    for i, text in enumerate(paragraphs * 3):
        record = {"id": f"c{i}", "title": text[:30], "text": text, "outlet": "Outlet C", "date": f"2018-02-{1 + i % 28:02d}"}
        if i % 5 == 3:
            record.pop("id")  # its line number is its id
        if i == len(paragraphs) * 3 - 2:
            record["id"] = "c0"  # the first record's id again, in the file's last range
        lines.append(json.dumps(record, ensure_ascii=False))
    lines.insert(4, '{"id": "broken", "text": ')
    lines.insert(9, json.dumps({"id": "nolabel", "text": paragraphs[0]}, ensure_ascii=False))  # no metadata row
    (raw / "feeds").mkdir()
    (raw / "feeds" / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return raw


@pytest.fixture(scope="module")
def serial_tables(mixed_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("serial")
    return out, run(RunOptions(raw_dir=mixed_corpus, out_dir=out, workers=1, bootstrap_replicates=BOOTSTRAP))


@pytest.fixture()
def small_partitions(monkeypatch: pytest.MonkeyPatch, mixed_corpus: Path) -> list:
    """Partitions of a few articles each, so that the crawl spans several ranges; the partitions."""
    monkeypatch.setattr(distributed, "PARTITION_BYTES", 2_000)
    monkeypatch.setattr(distributed, "PARTITION_FILES", 2)
    from analysis.corpus_parts import plan

    return list(plan(mixed_corpus, target_bytes=2_000, max_files=2))


#: The partitions the workers were given (the cluster's workers are threads of this process).
TASKS: list[tuple[object, int, frozenset]] = []
_ANALYZE = distributed._read_and_analyze


def _spy(part, first_line, taken, *args):
    TASKS.append((part, first_line, taken))
    return _ANALYZE(part, first_line, taken, *args)


@pytest.fixture(scope="module")
def cluster():
    distributed_ = pytest.importorskip("distributed")
    with distributed_.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        yield c


def test_workers_reading_their_partitions_write_the_serial_tables(
    mixed_corpus, serial_tables, small_partitions, cluster, tmp_path, monkeypatch
) -> None:
    serial_out, serial = serial_tables
    ranges = [p for p in small_partitions if isinstance(p, LineRange)]
    assert len(ranges) >= 4 and sum(isinstance(p, FileList) for p in small_partitions) >= 2
    TASKS.clear()
    monkeypatch.setattr(distributed, "_read_and_analyze", _spy)
    summary = run(RunOptions(raw_dir=mixed_corpus, out_dir=tmp_path, engine="dask", scheduler=cluster.scheduler_address,
                             bootstrap_replicates=BOOTSTRAP))
    assert _files(tmp_path) == _files(serial_out)
    assert summary.errors == serial.errors and summary.exit_code == serial.exit_code == 1
    assert summary.n_documents == serial.n_documents
    # what the run was made of: every partition read once by a worker (the client read no article), and
    # the range holding the repeated id read again, told of it
    assert sorted(repr(t[0]) for t in TASKS if not t[2]) == sorted(map(repr, small_partitions))
    assert [t[2] for t in TASKS if t[2]] == [frozenset({"feeds/crawl/c0"})]
    assert sorted({t[1] for t in TASKS if isinstance(t[0], LineRange)})[1] > 1
    # the corpus held what the test is about
    errors = {e.path: e.reason for e in serial.errors}
    assert "feeds/crawl.jsonl:5" in errors and any("duplicate id 'c0'" in r for r in errors.values())
    assert "outlet-b/empty-page.txt" in errors and "notes.md" in errors
    assert any(e.kind == "no-metadata" and e.path.startswith("feeds/crawl.jsonl:") for e in serial.errors)
    documents = (serial_out / "documents.csv").read_text(encoding="utf-8")
    assert ",cp1256," in documents
    assert not list(tmp_path.glob(".parts.*")), "the part files are removed"


def test_a_worker_that_cannot_see_the_corpus_stops_the_run(mixed_corpus, cluster, tmp_path, monkeypatch) -> None:
    from analysis.errors import ConfigurationError

    monkeypatch.setattr(distributed, "_sees_storage", lambda raw_dir, parts: f"corpus folder {raw_dir}")
    with pytest.raises(ConfigurationError, match="storage every worker sees"):
        run(RunOptions(raw_dir=mixed_corpus, out_dir=tmp_path / "out", engine="dask",
                       scheduler=cluster.scheduler_address))
    assert not (tmp_path / "out").exists()


def test_a_small_corpus_is_cut_finer_so_that_every_worker_has_work() -> None:
    assert distributed.partition_bytes(2_000_000, 2) == 250_000  # 8 partitions for 2 workers
    assert distributed.partition_bytes(200_000_000, 2) == distributed.PARTITION_BYTES
    assert distributed.partition_bytes(10_000, 8) == distributed.MIN_PARTITION_BYTES
    assert distributed.partition_bytes(0, 1) == distributed.MIN_PARTITION_BYTES


def test_dask_missing_gives_the_install_hint(monkeypatch, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(ImportError, match=re.escape("pip install 'analysis[dask]'")):
        list(distributed.dask_chunks(RunOptions(tmp_path, tmp_path, engine="dask"), tmp_path))
