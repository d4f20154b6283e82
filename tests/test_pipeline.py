"""`analysis run` end to end: tables, errors, exit status, atomic and reproducible outputs."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import pipeline
from analysis.cli import main
from analysis.tables import PartWriter, TableWriter, read_part, read_table, render_csv

from .conftest import FIRST_ARTICLE_ID
from .test_cleaning import two_outlet_corpus  # noqa: F401  (fixture)
from .test_corpus import messy_corpus  # noqa: F401  (fixture)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_first_article_tables(tables, first_article_text: str) -> None:
    docs = tables["documents"]
    row = docs.set_index("doc_id").loc[FIRST_ARTICLE_ID]
    assert row["encoding"] == "utf-8"
    assert row["n_chars"] == len(first_article_text)
    assert row["outlet"].startswith("Al Jazeera")
    assert row["date"] == "2016-05-24"
    sents = tables["sentences"]
    assert (sents["doc_id"] == FIRST_ARTICLE_ID).all()
    assert sents["is_headline"].sum() == 1
    assert sents["is_repeated"].sum() == 1
    for s in sents.itertuples():
        assert first_article_text[s.start : s.end] == s.text
    assert list(tables["errors"].columns) == ["path", "reason"] and tables["errors"].empty


def test_cli_on_messy_corpus(messy_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    before = _digest(messy_corpus)
    out = tmp_path / "out"
    code = main(["run", "--raw", str(messy_corpus), "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 1, "unreadable inputs give exit status 1"
    assert "error: empty.txt: empty file" in captured.err
    assert "error: image.txt: binary file" in captured.err
    assert "skipped: notes.md: unsupported file type '.md'" in captured.err
    assert "6 document(s) processed in " in captured.out
    assert "4 unreadable input(s), 1 file(s) of an unsupported type (listed in errors.csv)" in captured.out
    assert captured.err.count("empty.txt") == 1, "each problem is said once"
    errors = read_table(out / "errors.csv")
    assert sorted(errors["path"]) == ["empty.txt", "feeds/crawl.jsonl:2", "feeds/crawl.jsonl:3", "image.txt", "notes.md"]
    docs = read_table(out / "documents.csv")
    assert len(docs) == 6 and set(docs["encoding"]) == {"utf-8", "utf-8-sig", "utf-16", "cp1256"}
    assert _digest(messy_corpus) == before, "raw files are never modified"
    first = _digest(out)
    assert main(["run", "--raw", str(messy_corpus), "--out", str(out)]) == 1
    assert _digest(out) == first, "a re-run is byte-identical"
    assert not list(out.glob(".*.tmp")), "no temporary files left behind"


def test_missing_corpus_folder_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--raw", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    assert "corpus folder not found" in capsys.readouterr().err


def test_crash_leaves_previous_tables_intact(messy_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    out = tmp_path / "out"
    main(["run", "--raw", str(messy_corpus), "--out", str(out)])
    before = _digest(out)

    def explode(doc, resources):
        if doc.doc_id == "legacy":
            raise RuntimeError("simulated crash")
        return {}

    crash = pipeline.Component("crash", explode, requires=(), assigns=(), tables=())
    monkeypatch.setattr(pipeline, "COMPONENTS", (*pipeline.COMPONENTS, crash))
    with pytest.raises(RuntimeError, match="simulated crash"):
        pipeline.run(pipeline.RunOptions(raw_dir=messy_corpus, out_dir=out))
    assert _digest(out) == before
    assert not list(out.glob(".*.tmp"))


def test_python_dash_m_and_help() -> None:
    result = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True, text=True, check=True)
    assert "run" in result.stdout
    result = subprocess.run([sys.executable, "-m", "analysis", "run", "--help"], capture_output=True, text=True, check=True)
    for option in ("--raw", "--out", "--format", "--workers"):
        assert option in result.stdout


def test_two_workers_write_what_one_writes_also_with_spawn(messy_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """The pool path (lexicons built before the fork, rows rendered in workers, summaries side by side)
    and the spawn path (each worker builds its own) write the serial run's bytes."""
    serial = pipeline.run(pipeline.RunOptions(raw_dir=messy_corpus, out_dir=tmp_path / "serial"))
    forked = pipeline.run(pipeline.RunOptions(raw_dir=messy_corpus, out_dir=tmp_path / "fork", workers=2))
    assert forked.n_documents == serial.n_documents == 6 and len(forked.errors) == 5
    assert set(forked.paths) == set(serial.paths)
    assert _digest(tmp_path / "fork") == _digest(tmp_path / "serial")
    import multiprocessing as mp

    monkeypatch.setattr(mp, "get_start_method", lambda allow_none=False: "spawn")
    pipeline.run(pipeline.RunOptions(raw_dir=messy_corpus, out_dir=tmp_path / "spawn", workers=2))
    assert _digest(tmp_path / "spawn") == _digest(tmp_path / "serial")


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_pool_workers_find_the_duplicates_a_serial_run_finds(two_outlet_corpus: Path, tmp_path: Path,  # noqa: F811
                                                            monkeypatch: pytest.MonkeyPatch, start: str) -> None:
    """The workers compute each document's duplicate-finder entry, the parent adds them in corpus order:
    copies in other batches (one document per batch here) are found as in the serial run."""
    import multiprocessing as mp

    serial = pipeline.run(pipeline.RunOptions(raw_dir=two_outlet_corpus, out_dir=tmp_path / "serial"))
    monkeypatch.setattr(pipeline, "CHUNKSIZE", 1)
    if start == "spawn":
        monkeypatch.setattr(mp, "get_start_method", lambda allow_none=False: "spawn")
    pooled = pipeline.run(pipeline.RunOptions(raw_dir=two_outlet_corpus, out_dir=tmp_path / "pooled", workers=2))
    assert pooled.n_documents == serial.n_documents == 4
    docs = read_table(tmp_path / "pooled" / "documents.csv").set_index("doc_id")
    assert docs.loc["feed/cnn-1-copy", "dup_kind"] == "exact" and docs.loc["feed/f24-1", "dup_kind"] == "near"
    assert _digest(tmp_path / "pooled") == _digest(tmp_path / "serial")


def test_rendered_rows_are_the_bytes_the_writer_writes(tmp_path: Path) -> None:
    columns = ["doc_id", "start", "flag", "score", "note"]
    rows = [
        {"doc_id": "a/1", "start": 3, "flag": True, "score": 0.1234567, "note": None},
        {"note": 'قال "نعم"\nثم', "doc_id": "a/2", "start": 0, "flag": False, "score": float("nan")},  # other key order
        {"doc_id": "a/3", "start": 7},  # missing columns are empty
    ]
    direct = TableWriter(tmp_path / "direct", columns)
    direct.write(rows)
    rendered = TableWriter(tmp_path / "rendered", columns)
    chunk = render_csv("rendered", columns, rows)
    assert chunk.n_rows == 3
    rendered.write_rendered(chunk)
    assert rendered.n_rows == direct.n_rows == 3
    assert direct.close().read_bytes() == rendered.close().read_bytes()
    text = (tmp_path / "direct.csv").read_text(encoding="utf-8")
    assert "a/1,3,true,0.123457,\n" in text and "a/2,0,false,,\"قال" in text and "a/3,7,,,\n" in text
    other = TableWriter(tmp_path / "other", ["doc_id"])
    with pytest.raises(ValueError, match="other columns"):
        other.write_rendered(chunk)
    other.abort()


_PART_ROWS = [
    {"doc_id": f"d/{i}", "start": i, "end": i + 3, "surface": "الجيش" if i % 2 else 'قال "نعم"\nثم', "actor": "SAA",
     "in_headline": i % 3 == 0, "sentence_id": i // 4}
    for i in range(23)
]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_rows_copied_from_part_files_are_the_bytes_of_rows_written_one_by_one(tmp_path: Path, fmt: str) -> None:
    """Pool workers write batches of rows into part files, the parent copies them in: with rows also
    written directly before and after, and Parquet row groups falling inside the batches, the table is
    the one written row by row."""
    columns = ["doc_id", "start", "end", "surface", "actor", "in_headline", "sentence_id"]
    direct = TableWriter(tmp_path / "a" / "mentions", columns, fmt, batch_rows=5)
    direct.write(_PART_ROWS)
    mixed = TableWriter(tmp_path / "b" / "mentions", columns, fmt, batch_rows=5)
    mixed.write(_PART_ROWS[:3])  # the parent's first document
    for n, (lo, hi) in enumerate([(3, 10), (10, 11), (11, 19)]):
        part = PartWriter(tmp_path / f"{n}.part", fmt)
        part.add("sentences", ["doc_id"], [{"doc_id": "x"}])  # another table in the same part file
        part.add("mentions", columns, _PART_ROWS[lo:hi])
        (piece,) = [p for p in part.close() if p.table == "mentions"]
        data = read_part(tmp_path / f"{n}.part")
        assert piece.kind == ("csv" if fmt == "csv" else "arrow") and piece.n_rows == hi - lo
        mixed.write_part(piece, data)
    mixed.write(_PART_ROWS[19:])
    assert mixed.n_rows == direct.n_rows == len(_PART_ROWS)
    assert mixed.close().read_bytes() == direct.close().read_bytes()
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.ParquetFile(tmp_path / "b" / "mentions.parquet").metadata.num_row_groups == 5


def test_part_rows_for_other_columns_or_with_unknown_keys_are_refused(tmp_path: Path) -> None:
    part = PartWriter(tmp_path / "p.part", "csv")
    part.add("mentions", ["doc_id"], [{"doc_id": "a"}])
    (piece,) = part.close()
    other = TableWriter(tmp_path / "mentions", ["doc_id", "start"])
    with pytest.raises(ValueError, match="other columns"):
        other.write_part(piece, read_part(tmp_path / "p.part"))
    other.abort()
    with pytest.raises(KeyError, match="unexpected column"):
        PartWriter(tmp_path / "q.part", "parquet").add("mentions", ["doc_id"], [{"doc_id": "a", "zzz": 1}])


def test_unexpected_column_is_caught_after_a_good_row_of_other_keys(tmp_path: Path) -> None:
    """Keys are checked once per key tuple: a new tuple is checked again, whatever came before."""
    writer = TableWriter(tmp_path / "t", ["a", "b"])
    writer.write([{"a": 1, "b": 2}, {"b": 2, "a": 1}])
    with pytest.raises(KeyError, match="unexpected column"):
        writer.write([{"a": 1, "c": 3}])
    with pytest.raises(KeyError, match="unexpected column"):
        render_csv("t", ["a", "b"], [{"a": 1}, {"a": 1, "b": 2, "z": 0}])
    writer.abort()


def test_a_run_that_fails_is_not_reported_as_unread_inputs(tmp_path, monkeypatch, capsys):
    """A failure past the inputs (here the summaries running out of memory) is exit status 5, never 1
    ("some inputs were not read"), and leaves no run manifest, so a notebook's check runs it again."""
    from analysis import pipeline
    from analysis.cli import main
    from analysis.errors import EXIT_FAILED, EXIT_INPUT_PROBLEMS

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "one.txt").write_text("قالت وزارة الدفاع الروسية إن الطائرات قصفت مواقع لتنظيم الدولة.\n", encoding="utf-8")

    def out_of_memory(options, paths):
        raise MemoryError("could not allocate block")

    monkeypatch.setattr(pipeline, "summarize", out_of_memory)
    code = main(["run", "--raw", str(raw), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert code == EXIT_FAILED != EXIT_INPUT_PROBLEMS
    err = capsys.readouterr().err
    assert "run failed: MemoryError: could not allocate block" in err and "Traceback" in err
    assert not (tmp_path / "out" / "run_manifest.json").exists()
