"""Second test environment: the Arabic label tests on matplotlib < 3.11 (the pre-shaping fallback path).

``nox -s fallback`` (``make test-fallback``, run by CI) builds a virtualenv with matplotlib 3.10.8 and every
other package at the version pinned in requirements.lock, installs the package without its dependencies (the
package admits matplotlib >= 3.8, so this environment is one a user can have), and runs the tests marked
``fallback``.
pytest exits 5 when no test ran; nox treats that as a failure, so a session where everything was skipped or
deselected fails too.
"""

from __future__ import annotations

from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
FALLBACK_MATPLOTLIB = "matplotlib==3.10.8"
#: What the label helper, the figures and their tests import (the rest comes from their dependencies).
FALLBACK_PACKAGES = [
    FALLBACK_MATPLOTLIB,
    "numpy",
    "pandas",
    "networkx",
    "pyyaml",
    "charset-normalizer",
    "pyahocorasick",
    "arabic-reshaper",
    "python-bidi",
    "fontpkg-amiri",
    "fontpkg-noto-sans-arabic",
    "fonttools",
    "uharfbuzz",
    "pyarrow",
    "pydantic",
    "duckdb",
    "filelock",
    "tqdm",
    "jinja2",
    "psutil",
    "pytest",
    "hypothesis",
]

nox.options.sessions = ["fallback"]
nox.options.reuse_existing_virtualenvs = True


def _constraints(session: nox.Session) -> str:
    """requirements.lock without its matplotlib pin, as a pip constraints file in the session's folder."""
    lines = [
        line
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and not line.lower().startswith("matplotlib==")
    ]
    path = Path(session.create_tmp()) / "constraints.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@nox.session
def fallback(session: nox.Session) -> None:
    """Run ``pytest -m fallback`` on matplotlib 3.10.8 (no native text shaping)."""
    session.install("-c", _constraints(session), *FALLBACK_PACKAGES)
    session.install("--no-deps", "-e", str(ROOT))
    session.run(
        "python", "-c",
        "import matplotlib, sys; sys.exit(tuple(map(int, matplotlib.__version__.split('.')[:2])) >= (3, 11))",
    )
    session.run(
        "python", "-m", "pytest", "-m", "fallback", "-p", "no:cacheprovider",
        "tests/test_arabic.py", "tests/test_figures.py", *session.posargs,
    )
