"""When a notebook's ``prepare_corpus(rerun="auto")`` runs the pipeline: by content, never by file dates."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from analysis import config, notebook_corpus, pipeline, run_manifest
from analysis.actor_lexicon import DEFAULT_LEXICON as ACTORS_DEFAULT
from analysis.tables import read_table

from .test_run_manifest import ONE, write_corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A tiny corpus, a copy of the packaged actor lexicon, and the tables of one real run with it."""
    root = tmp_path_factory.mktemp("built")
    corpus = write_corpus(root / "corpus")
    lexicon = root / "my-actors.yaml"
    shutil.copyfile(ACTORS_DEFAULT, lexicon)
    tables = root / "tables"
    notebook_corpus.prepare_corpus(corpus, out_dir=tables, run_options={"actor_lexicon": lexicon})
    assert (tables / run_manifest.MANIFEST_NAME).is_file()
    return corpus, lexicon, tables


@pytest.fixture
def clone(built: tuple[Path, Path, Path], tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of ``built`` in a folder of the test's own, every file with new dates (as after ``git clone``):
    the corpus and the lexicon an hour newer than the tables."""
    copies = []
    for source in built:
        target = tmp_path / source.name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, target)
        copies.append(target)
    corpus, lexicon, _ = copies
    for path in [lexicon, *corpus.rglob("*")]:
        if path.is_file():
            st = path.stat()
            os.utime(path, (st.st_atime + 3600, st.st_mtime + 3600))
    return corpus, lexicon, copies[2]


class Runs:
    """Stands in for ``analysis.pipeline.run``: records the options of each run it is asked for."""

    def __init__(self) -> None:
        self.options: list[pipeline.RunOptions] = []

    def __call__(self, options: pipeline.RunOptions, **_: object) -> pipeline.RunSummary:
        self.options.append(options)
        return pipeline.RunSummary(n_documents=2)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Runs:
    recorder = Runs()
    monkeypatch.setattr(pipeline, "run", recorder)
    return recorder


def prepare(clone: tuple[Path, Path, Path], **kwargs: object) -> notebook_corpus.CorpusPaths:
    corpus, lexicon, tables = clone
    options = {"actor_lexicon": lexicon, **kwargs.pop("run_options", {})}  # type: ignore[dict-item]
    return notebook_corpus.prepare_corpus(corpus, out_dir=tables, run_options=options, **kwargs)  # type: ignore[arg-type]


def reasons(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "analysis.notebook_corpus" and r.levelno == logging.INFO]


def test_new_dates_on_unchanged_files_do_not_run(clone, runs: Runs, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    paths = prepare(clone)
    assert runs.options == [] and reasons(caplog) == []
    assert paths.tables_dir == clone[2] and paths.figures_dir == clone[2] / "figures" and not paths.is_project_corpus


def test_a_changed_corpus_file_runs(clone, runs: Runs, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    corpus, _, tables = clone
    text = corpus / "b" / "two.txt"
    st = text.stat()
    text.write_text(text.read_text(encoding="utf-8").replace("روسيا", "إيران"), encoding="utf-8")
    os.utime(text, (st.st_atime, st.st_mtime))  # same size, same date: only the bytes say it changed
    prepare(clone)
    assert len(runs.options) == 1 and runs.options[0].raw_dir == corpus and runs.options[0].out_dir == tables
    assert reasons(caplog) == [f"running the pipeline on {corpus} into {tables}: corpus file changed: b/two.txt"]


def test_a_new_corpus_file_runs(clone, runs: Runs, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    (clone[0] / "a" / "three.txt").write_text(ONE, encoding="utf-8")
    prepare(clone)
    assert len(runs.options) == 1 and reasons(caplog)[0].endswith("corpus file added: a/three.txt")


def test_a_changed_lexicon_runs_and_a_touched_one_does_not(clone, runs: Runs, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    lexicon = clone[1]
    os.utime(lexicon, (lexicon.stat().st_atime + 60, lexicon.stat().st_mtime + 60))
    prepare(clone)
    assert runs.options == []
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "# one more comment\n", encoding="utf-8")
    prepare(clone)
    assert len(runs.options) == 1 and runs.options[0].actor_lexicon == lexicon
    assert reasons(caplog)[0].endswith("actors lexicon my-actors.yaml changed")


def test_another_lexicon_or_option_runs(clone, runs: Runs, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    corpus, _, tables = clone
    notebook_corpus.prepare_corpus(corpus, out_dir=tables)  # the packaged lexicon: the same bytes as the copy
    assert runs.options == []
    other = tables.parent / "other-stance.yaml"
    other.write_text(config.LEXICON_DIR.joinpath("stance.yaml").read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    prepare(clone, run_options={"stance_lexicon": other})
    prepare(clone, run_options={"keep_boilerplate": True})
    assert [o.stance_lexicon for o in runs.options] == [other, None]
    assert reasons(caplog)[0].endswith("stance lexicon is another file (other-stance.yaml; the tables used packaged stance.yaml)")
    assert reasons(caplog)[1].endswith("run option keep_boilerplate differs (the tables: false, now: true)")
    with pytest.raises(ValueError, match="unknown option"):
        prepare(clone, run_options={"keep_everything": True})


def test_missing_tables_run(clone, runs: Runs, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    (clone[2] / "mentions.csv").unlink()
    prepare(clone)
    assert len(runs.options) == 1 and reasons(caplog)[0].endswith("1 table(s) missing (mentions.csv)")


def test_tables_without_a_manifest_run(clone, runs: Runs, caplog: pytest.LogCaptureFixture) -> None:
    """A tables folder of an older version (no manifest) is run again, whatever the files' dates."""
    caplog.set_level(logging.INFO)
    (clone[2] / run_manifest.MANIFEST_NAME).unlink()
    for path in clone[2].iterdir():
        os.utime(path, (path.stat().st_atime + 7200, path.stat().st_mtime + 7200))  # newer than every input
    prepare(clone)
    assert len(runs.options) == 1 and "have no run_manifest.json" in reasons(caplog)[0]


def test_always_runs_and_never_does_not(clone, runs: Runs) -> None:
    prepare(clone, rerun="always")
    assert len(runs.options) == 1
    (clone[0] / "a" / "one.txt").write_text("تغير النص\n", encoding="utf-8")
    prepare(clone, rerun="never")
    assert len(runs.options) == 1, "never: stale tables are read as they are"
    (clone[2] / "documents.csv").unlink()
    with pytest.raises(FileNotFoundError, match="no tables"):
        prepare(clone, rerun="never")


def test_a_rerun_brings_the_tables_up_to_date(clone, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end with the real pipeline: the edited text is in the new tables, and the next call does not run."""
    caplog.set_level(logging.INFO)
    corpus, _, tables = clone
    edited = ONE + "وأضاف المسؤول أن المعارك ستستمر أسابيع.\n"
    (corpus / "a" / "one.txt").write_text(edited, encoding="utf-8")
    prepare(clone)
    assert reasons(caplog)[0].endswith("corpus file changed: a/one.txt")
    docs = read_table(tables / "documents.csv").set_index("doc_id")
    assert docs.loc["a/one", "n_chars"] == len(edited)
    runs = Runs()
    monkeypatch.setattr(pipeline, "run", runs)
    prepare(clone)
    assert runs.options == [], "the run's manifest matches the inputs it read"
