"""Shared fixtures: the first article, a corpus folder holding it alone, and one pipeline run over that
folder per test session (the project's default corpus is thousands of articles: `make data` runs on it,
the tests run on the case-study article, whose hand annotation they check)."""

from __future__ import annotations

from pathlib import Path

import atexit
import csv
import os
import shutil
import tempfile

import pytest

from analysis import config
from analysis.pipeline import RunOptions, run
from analysis.tables import read_table

# compiled lexicons of the test session (and of the runs it starts) go to a folder of its own, not the user's,
# removed when the session ends
if "ANALYSIS_CACHE_DIR" not in os.environ:
    os.environ["ANALYSIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="analysis-test-cache-")
    atexit.register(shutil.rmtree, os.environ["ANALYSIS_CACHE_DIR"], ignore_errors=True)

#: Modules of long tests (whole runs, process pools, the benchmark, figures at scale), run first. ``make test``
#: hands tests to its two workers in collection order: a long module near the end (``test_scale.py`` sorts late)
#: keeps one worker busy alone for a minute after the other has run out of tests; run first, the short tests
#: of the other modules fill in around them. Order within a module is kept; no test depends on another's.
RUN_FIRST = ("test_scale.py", "test_pipeline.py", "test_notebooks.py", "test_figure_layout.py", "test_cli_errors.py",
             "test_actors.py", "test_lexicon_models.py", "test_figures.py")


@pytest.hookimpl(trylast=True)  # after pytest grouped each module's tests by their fixtures' parameters
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(RUN_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(RUN_FIRST)))  # stable: the rest keep their order


FIRST_ARTICLE_ID = "aljazeera/2016-05-24_sdf-offensive-north-raqqa"
FIRST_ARTICLE = config.RAW_DIR / f"{FIRST_ARTICLE_ID}.txt"


@pytest.fixture(scope="session")
def first_article_text() -> str:
    return FIRST_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def first_article_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus folder with the first article alone, at its path under data/raw, with its metadata row."""
    folder = tmp_path_factory.mktemp("first-article")
    target = folder / f"{FIRST_ARTICLE_ID}.txt"
    target.parent.mkdir(parents=True)
    shutil.copyfile(FIRST_ARTICLE, target)
    with (config.RAW_DIR / "metadata.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["doc_id"] == FIRST_ARTICLE_ID]
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory: pytest.TempPathFactory, first_article_corpus: Path) -> Path:
    """The pipeline's tables for the first article, written once into a temporary folder."""
    out = tmp_path_factory.mktemp("processed")
    summary = run(RunOptions(raw_dir=first_article_corpus, out_dir=out))
    assert summary.exit_code == 0, summary.errors
    return out


@pytest.fixture(scope="session")
def tables(run_dir: Path) -> dict[str, "object"]:
    """Every CSV table of the session run, by name (read lazily on first access)."""

    class _Tables(dict):
        def __missing__(self, name: str):
            frame = read_table(run_dir / f"{name}.csv")
            self[name] = frame
            return frame

    return _Tables()
