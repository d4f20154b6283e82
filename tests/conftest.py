"""Shared fixtures: the first article, and one pipeline run over data/raw per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import config
from analysis.pipeline import RunOptions, run
from analysis.tables import read_table

FIRST_ARTICLE_ID = "aljazeera/2016-05-24_sdf-offensive-north-raqqa"
FIRST_ARTICLE = config.RAW_DIR / f"{FIRST_ARTICLE_ID}.txt"


@pytest.fixture(scope="session")
def first_article_text() -> str:
    return FIRST_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pipeline's tables for data/raw, written once into a temporary folder."""
    out = tmp_path_factory.mktemp("processed")
    summary = run(RunOptions(raw_dir=config.RAW_DIR, out_dir=out))
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
