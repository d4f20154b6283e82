"""What a user sees for every input and every mistake (message, exit status), and what is kept.

Each case checks the words on stderr/stdout, the exit status (see ``analysis.errors``), that every good
document is still processed and written, and that a failed run leaves an existing output folder as it was.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import pipeline
from analysis.cli import main
from analysis.errors import ConfigurationError
from analysis.tables import read_table

from .test_corpus import ARTICLE, PARAGRAPH

OTHER = "نقلت وكالة سانا أن الجيش السوري استعاد السيطرة على قرى في ريف حلب.\nوأضافت أن الاشتباكات مستمرة."


def _digest(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _write_corpus(raw: Path) -> Path:
    _write(raw / "aljazeera/a.txt", ARTICLE.encode("utf-8"))
    _write(raw / "sana/b.txt", OTHER.encode("cp1256"))
    _write(raw / "metadata.csv", b"doc_id,outlet,date\naljazeera/a,Al Jazeera,2016-05-24\nsana/b,SANA,2018-02-01\n")
    return raw


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return _write_corpus(tmp_path / "corpus")


@pytest.fixture(scope="module")
def good_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tables of a good run on the corpus's documents, written once for the module (never modified:
    each test gets a copy)."""
    root = tmp_path_factory.mktemp("good-run")
    out = root / "out"
    assert main(["run", "--raw", str(_write_corpus(root / "corpus")), "--out", str(out)]) == 0
    return out


@pytest.fixture()
def previous(good_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, dict[str, str]]:
    """An output folder holding a good run's tables (a copy of the module's), and their digest."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(good_run, out)
    capsys.readouterr()
    return out, _digest(out)


def _err_lines(captured: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in captured.readouterr().err.splitlines() if line.strip()]


# --- encodings ----------------------------------------------------------------------------------------------
def test_iso_8859_6_and_mac_arabic_files_are_read_and_analysed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    _write(raw / "iso.txt", PARAGRAPH.encode("iso8859_6"))
    _write(raw / "mac.txt", PARAGRAPH.encode("mac_arabic"))
    _write(raw / "utf8.txt", PARAGRAPH.encode("utf-8"))
    out = tmp_path / "out"
    assert main(["run", "--raw", str(raw), "--out", str(out)]) == 0
    docs = read_table(out / "documents.csv").set_index("doc_id")
    assert docs.loc["iso", "encoding"] == "iso8859_6" and docs.loc["mac", "encoding"] == "mac_arabic"
    assert docs.loc["iso", "sha256"] == docs.loc["utf8", "sha256"] == docs.loc["mac", "sha256"]
    mentions = read_table(out / "mentions.csv")
    counts = mentions.groupby("doc_id").size()
    assert counts["iso"] == counts["utf8"] == counts["mac"] > 0


def test_text_that_does_not_look_arabic_is_an_error_row_and_the_rest_is_written(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(corpus / "wire.txt", "Les forces démocratiques syriennes avancent vers Raqqa.".encode("cp1252"))
    out = tmp_path / "out2"
    assert main(["run", "--raw", str(corpus), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "error: wire.txt: not Arabic text in any supported encoding (tried utf-8, cp1256, iso8859_6, mac_arabic" in captured.err
    errors = read_table(out / "errors.csv")
    assert list(errors["path"]) == ["wire.txt"]
    assert sorted(read_table(out / "documents.csv")["doc_id"]) == ["aljazeera/a", "sana/b"]


# --- what is not read is said -------------------------------------------------------------------------------
def test_unsupported_files_are_listed_counted_and_give_status_1(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(corpus / "report.pdf", b"%PDF-1.4")
    _write(corpus / "page.html", b"<html></html>")
    out = tmp_path / "out2"
    assert main(["-v", "run", "--raw", str(corpus), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "skipped: report.pdf: unsupported file type '.pdf': only .txt (one article) and .jsonl" in captured.err
    assert captured.err.count("report.pdf") == 1, "said once, also with -v"
    assert "2 document(s) processed in " in captured.out
    assert "2 file(s) of an unsupported type (listed in errors.csv)" in captured.out
    errors = read_table(out / "errors.csv")
    assert sorted(errors["path"]) == ["page.html", "report.pdf"]
    assert len(read_table(out / "documents.csv")) == 2


@pytest.mark.parametrize("content", ["empty", "pdf-only", "unreadable-only"])
def test_a_run_that_reads_no_document_exits_3_and_leaves_the_tables(content: str, previous, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, before = previous
    raw = tmp_path / "nothing"
    raw.mkdir()
    if content == "pdf-only":
        _write(raw / "report.pdf", b"%PDF-1.4")
    elif content == "unreadable-only":
        _write(raw / "empty.txt", b"")
    assert main(["run", "--raw", str(raw), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert f"error: no document read from {raw}" in err
    assert f"nothing written, existing tables in {out} left as they were" in err
    if content == "pdf-only":
        assert "skipped: report.pdf: unsupported file type '.pdf'" in err and "1 file(s) of an unsupported type" in err
    if content == "empty":
        assert "no .txt or .jsonl file found" in err
    assert _digest(out) == before
    fresh = tmp_path / "fresh"
    assert main(["run", "--raw", str(raw), "--out", str(fresh)]) == 3
    assert not fresh.exists(), "a run that reads nothing creates no output folder"


def test_metadata_that_matches_no_document_is_reported_with_a_suggestion(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(corpus / "metadata.csv", b"doc_id,outlet,date\naljazeera/a.txt,Al Jazeera,2016-05-24\nsana/b,SANA,2018-02-01\n")
    out = tmp_path / "out2"
    assert main(["run", "--raw", str(corpus), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert ("error: metadata.csv:2: doc_id 'aljazeera/a.txt' matches no document; did you mean 'aljazeera/a' "
            "(differs by an extension, letter case or separators)?") in captured.err
    assert "warning: aljazeera/a.txt: no row in metadata.csv for doc_id 'aljazeera/a'" in captured.err
    assert "1 metadata row(s) matching no document, 1 document(s) without a metadata row" in captured.out
    docs = read_table(out / "documents.csv").set_index("doc_id")
    assert sorted(docs.index) == ["aljazeera/a", "sana/b"], "the document is still processed"
    assert docs.loc["sana/b", "outlet"] == "SANA"
    assert sorted(read_table(out / "errors.csv")["path"]) == ["aljazeera/a.txt", "metadata.csv:2"]


# --- configuration mistakes: one line, status 2, nothing written -------------------------------------------
def test_bad_metadata_header_is_one_line_status_2_and_nothing_written(corpus: Path, previous, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, before = previous
    _write(corpus / "metadata.csv", b"id,outlet\naljazeera/a,Al Jazeera\n")
    assert main(["run", "--raw", str(corpus), "--out", str(out)]) == 2
    lines = _err_lines(capsys)
    assert lines == [
        f"error: {corpus / 'metadata.csv'}, line 1: no 'doc_id' column (the header has 'id', 'outlet'); expected a "
        "header line with doc_id and any of outlet, date, title, language, url (other columns are kept as extra metadata)"
    ]
    assert _digest(out) == before
    fresh = tmp_path / "fresh"
    assert main(["run", "--raw", str(corpus), "--out", str(fresh)]) == 2
    assert not fresh.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--workers", "0"], "analysis run: error: argument --workers: expected a whole number of at least 1, not 0"),
        (["--workers", "two"], "analysis run: error: argument --workers: expected a whole number of at least 1, not 'two'"),
        (["--format", "xlsx"], "analysis run: error: argument --format: invalid choice: 'xlsx'"),
        (["--actor-lexicon", "no-such.yaml"], "error: --actor-lexicon: file not found: no-such.yaml (relative paths are relative to the current folder"),
    ],
    ids=["workers-0", "workers-text", "format", "lexicon-missing"],
)
def test_bad_option_values_are_one_line_and_status_2(argv: list[str], message: str, corpus: Path, previous, capsys: pytest.CaptureFixture[str]) -> None:
    out, before = previous
    try:
        code = main(["run", "--raw", str(corpus), "--out", str(out), *argv])
    except SystemExit as exc:  # argparse exits
        code = exc.code
    assert code == 2
    lines = _err_lines(capsys)
    assert len(lines) == 1 and lines[0].startswith(message), lines
    assert _digest(out) == before


def test_missing_corpus_folder_names_the_current_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--raw", "nowhere", "--out", str(tmp_path / "o")]) == 2
    (line,) = _err_lines(capsys)
    assert line == f"error: --raw: corpus folder not found: nowhere (relative paths are relative to the current folder, {Path.cwd()})"


def test_a_configuration_error_from_a_lexicon_loader_is_one_line_status_2(corpus: Path, previous, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The lexicon loaders raise ConfigurationError for a bad lexicon file: the CLI turns it into one line."""
    from analysis import actors

    out, before = previous

    def bad_lexicon(*args, **kwargs):
        raise ConfigurationError("alias list is empty", path="my-actors.yaml", line=12, expected="at least one alias")

    monkeypatch.setattr(actors, "load_lexicon", bad_lexicon)
    assert main(["run", "--raw", str(corpus), "--out", str(out)]) == 2
    assert _err_lines(capsys) == ["error: my-actors.yaml, line 12: alias list is empty; expected at least one alias"]
    assert _digest(out) == before, "nothing half-written"


def test_interrupted_run_leaves_the_tables(corpus: Path, previous, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    out, before = previous

    def interrupt(doc, resources):
        raise KeyboardInterrupt

    stop = pipeline.Component("interrupt", interrupt, requires=(), assigns=(), tables=())
    monkeypatch.setattr(pipeline, "COMPONENTS", (*pipeline.COMPONENTS, stop))
    assert main(["run", "--raw", str(corpus), "--out", str(out)]) == 130
    assert _err_lines(capsys) == ["interrupted: tables already in place are left as they were"]
    assert _digest(out) == before


def test_help_lists_the_exit_statuses(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """In this process (``python -m analysis --help`` itself is run by test_pipeline.test_python_dash_m_and_help)."""
    monkeypatch.setenv("COLUMNS", "80")  # the width of a help page off a terminal
    for argv in (["--help"], ["run", "--help"], ["kwic", "--help"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 0
        stdout = capsys.readouterr().out
        assert "exit status:" in stdout
        for status in ("0 ", "1 ", "2 ", "3 ", "4 ", "130 "):
            assert f"\n  {status}" in stdout


# --- one run per output folder ------------------------------------------------------------------------------
def test_second_run_into_a_locked_folder_is_refused_and_writes_nothing(corpus: Path, previous, capsys: pytest.CaptureFixture[str]) -> None:
    out, before = previous
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from filelock import FileLock; l = FileLock(sys.argv[1]); l.acquire(); print('held', flush=True); time.sleep(60)",
         str(out / pipeline.LOCK_NAME)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert main(["run", "--raw", str(corpus), "--out", str(out)]) == 4
        (line,) = _err_lines(capsys)
        assert line.startswith(f"error: another run is writing into {out} (it holds {out / pipeline.LOCK_NAME}); wait for it")
        assert _digest(out) == before
        assert not list(out.glob(".*.tmp"))
    finally:
        holder.kill()
        holder.wait()
    assert main(["run", "--raw", str(corpus), "--out", str(out)]) == 0, "the lock goes with the process"


def test_two_runs_started_together_never_leave_a_partial_table(corpus: Path, tmp_path: Path) -> None:
    for i in range(6):
        _write(corpus / f"more/{i}.txt", (ARTICLE + f"\nفقرة {i}").encode("utf-8"))
        with (corpus / "metadata.csv").open("a") as fh:
            fh.write(f"more/{i},X,2018-01-0{i + 1}\n")
    reference = tmp_path / "reference"
    assert main(["run", "--raw", str(corpus), "--out", str(reference)]) == 0
    out = tmp_path / "shared"
    cmd = [sys.executable, "-m", "analysis", "run", "--raw", str(corpus), "--out", str(out)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 4]), results
    for code, err in results:
        assert "Traceback" not in err
        if code == 4:
            assert "another run is writing into" in err
    assert _digest(out) == _digest(reference)
    assert not list(out.glob(".*.tmp"))


# --- paths ---------------------------------------------------------------------------------------------------
def test_relative_paths_are_relative_to_the_current_folder(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run", "--raw", "corpus", "--out", "rel-out"]) == 0
    assert (tmp_path / "rel-out" / "documents.csv").is_file()


# --- progress -----------------------------------------------------------------------------------------------
def test_no_progress_bar_when_stderr_is_not_a_terminal(corpus: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "analysis", "run", "--raw", str(corpus), "--out", str(tmp_path / "o")],
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stderr == "", "CI logs get nothing but problems"
    (line,) = result.stdout.splitlines()
    assert line.startswith("2 document(s) processed in ") and " s, 0 unreadable input(s); tables in " in line


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal(corpus: Path, tmp_path: Path) -> None:
    from .terminal import run_on_terminal

    status, out, text = run_on_terminal(
        [sys.executable, "-m", "analysis", "run", "--raw", str(corpus), "--out", str(tmp_path / "o")], timeout=120,
        env={**os.environ, "COLUMNS": "120"})
    assert status == 0
    assert "analysing" in text and "B/s" in text and "docs" in text, text
    assert "<" in text, "the bar shows the time left (elapsed<left)"
    assert out.startswith("2 document(s) processed in ")


def test_progress_can_be_asked_for_in_python(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = pipeline.run(pipeline.RunOptions(raw_dir=corpus, out_dir=tmp_path / "o"), progress=True)
    assert summary.n_documents == 2 and summary.seconds > 0
    err = capsys.readouterr().err
    assert "analysing" in err and "2 docs" in err


def test_another_corpus_never_lands_on_the_projects_outputs(tmp_path, capsys):
    """Tables and figures of another corpus go beside it, and the project's own folders are refused."""
    from analysis import config
    from analysis.cli import main

    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "a.txt").write_text("قوات سوريا الديمقراطية تهاجم داعش\nوقال المتحدث إن الهجوم بدأ.\n", encoding="utf-8")
    before = {p.name: p.stat().st_mtime_ns for p in config.PROCESSED_DIR.glob("*.csv")}
    assert main(["run", "--raw", str(corpus), "--out", str(config.PROCESSED_DIR)]) == 2
    assert "holds the project's own tables" in capsys.readouterr().err
    assert main(["run", "--raw", str(corpus)]) == 0
    assert (tmp_path / "mine-processed" / "mentions.csv").exists()
    assert main(["figures", "--tables", str(tmp_path / "mine-processed"), "--out", str(config.FIGURES_DIR)]) == 2
    assert "holds the project's own figures" in capsys.readouterr().err
    assert main(["figures", "--tables", str(tmp_path / "mine-processed")]) == 0
    assert (tmp_path / "mine-processed" / "figures" / "actor_mentions.png").exists()
    assert {p.name: p.stat().st_mtime_ns for p in config.PROCESSED_DIR.glob("*.csv")} == before


def test_every_sub_command_is_declared_in_the_cli_and_no_library_module_imports_it() -> None:
    import ast

    from analysis import cli, config
    from analysis.cli import build_parser

    before = dict(cli.COMMANDS)
    import analysis.figures  # noqa: F401  (importing a module must not change the command table)
    import analysis.kwic  # noqa: F401

    assert cli.COMMANDS == before
    for path in sorted((config.PACKAGE_DIR).rglob("*.py")):
        if path.name in ("cli.py", "__main__.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module not in ("cli", "analysis.cli"), f"{path.name} imports the command line"
    parser = build_parser()
    names = set(parser._subparsers._group_actions[0].choices)
    assert {"run", "kwic", "figures", "bench", "notebooks", "tables", "lexicon", "findings", "spreadsheet"} <= names
    assert parser.parse_args(["notebooks", "--render", "-v", "01-corpus"]).verbose is True
    assert parser.parse_args(["tables", "-v"]).verbose is True
    assert parser.parse_args(["-v", "tables"]).verbose is True
    assert parser.parse_args(["tables"]).verbose is False
