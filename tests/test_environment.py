"""The pip lock and environment.yml carry the same pins; the README gives the two set-up commands."""

from __future__ import annotations

import re

import yaml

from analysis import config


def _lock_pins() -> dict[str, str]:
    pins = {}
    for line in (config.PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_environment_yml_matches_lock() -> None:
    env = yaml.safe_load((config.PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda_pins = {}
    for spec in pip_section:
        name, version = spec.split("==")
        conda_pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    assert conda_pins == _lock_pins()
    assert "python=3.11" in env["dependencies"]


def test_lock_pins_exactly_and_has_matplotlib_3_11() -> None:
    pins = _lock_pins()
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", v) for v in pins.values())
    major, minor = (int(x) for x in pins["matplotlib"].split(".")[:2])
    assert (major, minor) >= (3, 11)
    for needed in ("pandas", "arabic-reshaper", "python-bidi", "networkx", "jupyterlab"):
        assert needed in pins


def test_readme_gives_the_two_commands() -> None:
    readme = (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make all" in readme and "make test" in readme
    ci = (config.PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_package_admits_the_matplotlib_of_the_fallback_path() -> None:
    """Users with an older matplotlib get the reshaper + bidi path: the requirement must let them install."""
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((config.PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spec = next(Requirement(r) for r in project["dependencies"] if Requirement(r).name == "matplotlib").specifier
    nox_pin = re.search(r'FALLBACK_MATPLOTLIB = "matplotlib==([\d.]+)"', (config.PROJECT_ROOT / "noxfile.py").read_text()).group(1)
    assert spec.contains(nox_pin) and spec.contains("3.11.2")
