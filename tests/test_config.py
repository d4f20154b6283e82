"""The project root is found from the environment, an editable checkout or the current directory."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from analysis import config

ROOT = Path(__file__).resolve().parents[1]


def test_environment_variable_wins(tmp_path):
    assert config.find_project_root(environ={config.ROOT_ENV: str(tmp_path)}) == tmp_path.resolve()


def test_editable_checkout_is_the_root():
    assert config.find_project_root(cwd=Path("/"), environ={}) == ROOT
    assert config.RAW_DIR == ROOT / "data" / "raw"


def test_lexicons_always_come_from_the_package():
    assert (config.LEXICON_DIR / "actors.yaml").is_file()
    assert config.LEXICON_DIR.parent == Path(config.__file__).resolve().parent


def _non_editable_env(tmp_path: Path) -> Path:
    """A fresh venv whose only copy of the package is a plain (non-editable) install; its dependencies come
    from the project's venv through a path entry (no download, no editable finder)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    Path(site, "project_deps.pth").write_text(deps + "\n", encoding="utf-8")
    wheel_dir = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(wheel_dir), str(ROOT)], check=True)
    wheel = next(wheel_dir.glob("analysis-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", site, str(wheel)],
                   check=True)
    return python


@pytest.mark.slow
def test_non_editable_install_uses_the_working_folder(tmp_path):
    python = _non_editable_env(tmp_path)
    work = tmp_path / "study"
    (work / "corpus").mkdir(parents=True)
    (work / "corpus" / "a.txt").write_text("قوات سوريا الديمقراطية تهاجم داعش\nقال المتحدث إن الهجوم بدأ.\n",
                                           encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != config.ROOT_ENV and k != "PYTHONPATH"}
    where = subprocess.run([python, "-c", "from analysis import config; print(config.PACKAGE_DIR); print(config.RAW_DIR)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout.split("\n")
    assert "site-packages" in where[0] and str(ROOT) not in where[0]
    assert where[1] == str(work.resolve() / "data" / "raw")
    run = subprocess.run([python, "-m", "analysis", "run", "--raw", "corpus", "--out", "tables"], cwd=work, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "SDF" in (work / "tables" / "mentions.csv").read_text(encoding="utf-8")
