"""Progress of long commands: a bar on a terminal, nothing extra in logs, a last line with the time taken."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .terminal import run_on_terminal


@pytest.fixture(scope="module")
def bench_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One generated corpus for the module's benchmarks."""
    return tmp_path_factory.mktemp("bench")


@pytest.mark.slow  # runs the benchmark end to end on a terminal (make test-slow)
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_bench_shows_its_steps_and_bars_on_a_terminal(bench_cache: Path) -> None:
    code, out, shown = run_on_terminal([sys.executable, "-m", "analysis", "bench", "--size-mb", "0.05", "--cache",
                                        str(bench_cache), "--naive-mb", "0.02"])
    assert code == 0, shown
    for step in ("bench: preparing a 0.05 MB corpus", "bench: synthetic: (a) full pipeline, 1 worker(s)",
                 "bench: synthetic: (d) mention path", "bench: synthetic: (b) Aho-Corasick scan and (c) naive regexes",
                 "bench: (e) start-up"):
        assert step in shown, shown
    assert "analysing" in shown, "the pipeline's own bar shows through"
    assert "B/s" in shown
    assert "total time" in out.splitlines()[-1]
