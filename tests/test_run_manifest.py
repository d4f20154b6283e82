"""The run manifest: what a run's tables depend on, by content, reproducible byte for byte."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from analysis import actor_rules, boilerplate, config, outlets, pipeline, run_manifest
from analysis.actor_lexicon import DEFAULT_LEXICON as ACTORS_DEFAULT
from analysis.cli import main
from analysis.pipeline import RunOptions
from analysis.relation_lexicon import DEFAULT_LEXICON as RELATIONS_DEFAULT
from analysis.stance.lexicon import DEFAULT_LEXICON as STANCE_DEFAULT

ONE = "قوات سوريا الديمقراطية\nقال مسؤول أمريكي إن قوات سوريا الديمقراطية تقدمت نحو الرقة.\n"
TWO = "روسيا وتركيا\nأعلنت وزارة الدفاع الروسية أن تنظيم الدولة انسحب من المدينة.\n"


def write_corpus(folder: Path) -> Path:
    """Two short articles written for the tests, in two outlets' folders, with a metadata file."""
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    (folder / "a" / "one.txt").write_text(ONE, encoding="utf-8")
    (folder / "b" / "two.txt").write_text(TWO, encoding="utf-8")
    (folder / "metadata.csv").write_text("doc_id,outlet,date\na/one,Al Jazeera,2018-05-01\nb/two,BBC Arabic,2018-05-02\n",
                                         encoding="utf-8")
    return folder


def manifest_of(corpus: Path, **options) -> dict:
    return run_manifest.current_manifest(RunOptions(raw_dir=corpus, out_dir=corpus.parent / "out", **options))


def _age(path: Path, seconds: float) -> None:
    """Move a file's dates by ``seconds`` without touching its bytes (what a clone or ``touch`` does)."""
    st = path.stat()
    os.utime(path, (st.st_atime + seconds, st.st_mtime + seconds))


def test_file_digest_is_blake2b_of_the_bytes_over_several_chunks(tmp_path: Path) -> None:
    data = os.urandom(2 * (1 << 20) + 12345)  # crosses two chunk boundaries
    (tmp_path / "big.jsonl").write_bytes(data)
    assert run_manifest.file_digest(tmp_path / "big.jsonl") == hashlib.blake2b(data, digest_size=16).hexdigest()
    (tmp_path / "big.jsonl").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit of the last chunk
    assert run_manifest.file_digest(tmp_path / "big.jsonl") != hashlib.blake2b(data, digest_size=16).hexdigest()


def test_manifest_is_the_same_bytes_wherever_the_corpus_is_and_whatever_its_dates(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "here")
    text = run_manifest.manifest_text(manifest_of(first))
    clone = tmp_path / "elsewhere" / "clone"
    shutil.copytree(first, clone)  # new dates, another folder: what a fresh clone is
    for path in clone.rglob("*"):
        if path.is_file():
            _age(path, 3600)
    assert run_manifest.manifest_text(manifest_of(clone)) == text
    assert str(tmp_path) not in text and "here" not in text, "no machine path in the manifest"
    loaded = json.loads(text)
    assert sorted(loaded["corpus"]) == ["a/one.txt", "b/two.txt", "metadata.csv"]
    assert loaded["corpus"]["a/one.txt"] == {"bytes": len(ONE.encode()), "blake2b": run_manifest.file_digest(first / "a/one.txt")}
    written = run_manifest.write_manifest(tmp_path, loaded)
    assert written.read_text(encoding="utf-8") == text and run_manifest.read_manifest(tmp_path) == loaded
    assert not list(tmp_path.glob(".*.tmp"))


def test_hidden_files_are_not_inputs(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c")
    before = manifest_of(corpus)
    (corpus / ".git").mkdir()
    (corpus / ".git" / "index").write_bytes(b"\0\1")
    (corpus / "a" / ".one.txt.swp").write_text("editor state", encoding="utf-8")
    assert run_manifest.changes(before, manifest_of(corpus)) == []


def test_corpus_changes_are_told_by_file_and_dates_alone_are_not_a_change(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c")
    recorded = manifest_of(corpus)
    _age(corpus / "a" / "one.txt", 7200)
    assert run_manifest.changes(recorded, manifest_of(corpus)) == [], "a touched file reads the same"
    (corpus / "a" / "one.txt").write_text(ONE.replace("الرقة", "منبج"), encoding="utf-8")
    (corpus / "c.txt").write_text(TWO, encoding="utf-8")
    (corpus / "b" / "two.txt").unlink()
    assert run_manifest.changes(recorded, manifest_of(corpus)) == [
        "corpus file changed: a/one.txt", "corpus file added: c.txt", "corpus file removed: b/two.txt"]
    for i in range(5):
        (corpus / f"new-{i}.txt").write_text(TWO + str(i), encoding="utf-8")
    assert "6 corpus files added: c.txt, new-0.txt, new-1.txt and 3 more" in run_manifest.changes(recorded, manifest_of(corpus))


def test_a_manifest_of_another_format_or_none_is_a_change(tmp_path: Path) -> None:
    current = manifest_of(write_corpus(tmp_path / "c"))
    assert "have no run_manifest.json" in run_manifest.changes(None, current)[0]
    assert "another format" in run_manifest.changes({**current, "format": 0}, current)[0]
    assert run_manifest.changes(json.loads(run_manifest.manifest_text(current)), current) == []


def test_every_run_option_has_its_place() -> None:
    """A run option either changes the tables (recorded), names a lexicon (hashed) or is declared not to."""
    fields = {f.name for f in dataclasses.fields(RunOptions)}
    assert run_manifest.NOT_IN_OUTPUTS <= fields and set(run_manifest.LEXICON_OPTIONS) <= fields
    recorded = set(run_manifest.output_options(RunOptions(Path("c"), Path("o"))))
    assert recorded == fields - run_manifest.NOT_IN_OUTPUTS - set(run_manifest.LEXICON_OPTIONS)
    assert {"keep_duplicates", "fmt", "normalization", "group_by", "seed"} <= recorded


def test_options_that_change_the_tables_are_a_change_and_the_others_are_not(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c")
    recorded = manifest_of(corpus)
    assert run_manifest.changes(recorded, manifest_of(corpus, workers=4, engine="dask")) == []
    assert run_manifest.changes(recorded, manifest_of(corpus, keep_duplicates=True)) == [
        "run option keep_duplicates differs (the tables: false, now: true)"]
    assert run_manifest.changes(recorded, manifest_of(corpus, group_by=("outlet", "week"))) == [
        'run option group_by differs (the tables: ["outlet", "month", "outlet_month"], now: ["outlet", "week"])']


def test_packaged_lexicons_are_the_ones_the_modules_read() -> None:
    packaged = {name: config.LEXICON_DIR / file for name, file in run_manifest.LEXICON_OPTIONS.values()}
    assert packaged == {"actors": ACTORS_DEFAULT, "stance": STANCE_DEFAULT, "relations": RELATIONS_DEFAULT,
                        "outlets": outlets.DEFAULT_OUTLETS.resolve(), "boilerplate": boilerplate.DEFAULT_RULES.resolve()}
    assert config.LEXICON_DIR / run_manifest.ALWAYS_PACKAGED["actor_rules"] == actor_rules.RULES_FILE


def test_lexicons_count_by_content(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c")
    recorded = manifest_of(corpus)
    mine = tmp_path / "my-actors.yaml"
    shutil.copyfile(ACTORS_DEFAULT, mine)
    assert run_manifest.changes(recorded, manifest_of(corpus, actor_lexicon=mine)) == [], \
        "a copy of the packaged lexicon reads the same"
    mine.write_text(ACTORS_DEFAULT.read_text(encoding="utf-8") + "# reviewed again\n", encoding="utf-8")
    assert run_manifest.changes(recorded, manifest_of(corpus, actor_lexicon=mine)) == [
        "actors lexicon is another file (my-actors.yaml; the tables used packaged actors.yaml)"]
    with_mine = manifest_of(corpus, actor_lexicon=mine)
    _age(mine, 600)
    assert run_manifest.changes(with_mine, manifest_of(corpus, actor_lexicon=mine)) == []
    mine.write_text(mine.read_text(encoding="utf-8") + "# and again\n", encoding="utf-8")
    assert run_manifest.changes(with_mine, manifest_of(corpus, actor_lexicon=mine)) == ["actors lexicon my-actors.yaml changed"]


def test_an_edited_packaged_lexicon_is_a_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "c")
    recorded = manifest_of(corpus)
    lexicons = tmp_path / "lexicons"
    shutil.copytree(config.LEXICON_DIR, lexicons)
    monkeypatch.setattr(config, "LEXICON_DIR", lexicons)
    assert run_manifest.changes(recorded, manifest_of(corpus)) == []
    rules = lexicons / "actor_rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert run_manifest.changes(recorded, manifest_of(corpus)) == ["actor_rules lexicon actor_rules.yaml changed"]


def test_package_code_and_version_are_a_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "analysis"
    shutil.copytree(config.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__", "lexicons"))
    digest = run_manifest.package_code_digest(package)
    assert digest == run_manifest.package_code_digest()
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"compiled")
    _age(package / "cli.py", 60)
    assert run_manifest.package_code_digest(package) == digest, "compiled files and dates are not the code"
    (package / "cli.py").write_text((package / "cli.py").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert run_manifest.package_code_digest(package) != digest

    corpus = write_corpus(tmp_path / "c")
    recorded = manifest_of(corpus)
    monkeypatch.setattr(config, "PACKAGE_DIR", package)
    assert run_manifest.changes(recorded, manifest_of(corpus)) == ["analysis package code changed"]
    monkeypatch.setattr(run_manifest, "__version__", "9.0.0")
    assert run_manifest.changes(recorded, manifest_of(corpus)) == [
        "analysis package version differs (the tables: 0.1.0, now: 9.0.0)"]


def test_the_command_lines_defaults_are_the_run_options_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables of a plain `analysis run` (what `make data` does) are up to date for a notebook's default run."""
    corpus = write_corpus(tmp_path / "c")
    seen: list[RunOptions] = []
    monkeypatch.setattr(pipeline, "run", lambda options, **_: seen.append(options) or pipeline.RunSummary())
    main(["run", "--raw", str(corpus), "--out", str(tmp_path / "out"), "--workers", "2"])
    assert run_manifest.changes(manifest_of(corpus), run_manifest.current_manifest(seen[0])) == []


def test_a_run_writes_its_manifest_last_and_a_failed_one_leaves_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "c")
    out = tmp_path / "out"
    options = RunOptions(raw_dir=corpus, out_dir=out)
    summary = pipeline.run(options)
    assert summary.paths["run_manifest"] == out / run_manifest.MANIFEST_NAME
    assert run_manifest.read_manifest(out) == manifest_of(corpus)
    assert (out / run_manifest.MANIFEST_NAME).stat().st_mtime_ns >= max(
        p.stat().st_mtime_ns for p in out.glob("*.csv")), "written after every table"

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    (corpus / "a" / "one.txt").write_text(ONE + "وأضاف أن المعارك مستمرة.\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "summarize", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        pipeline.run(options)
    assert run_manifest.read_manifest(out) is None, "tables a run did not finish are vouched for by no manifest"
