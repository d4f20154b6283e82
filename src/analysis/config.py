"""Project paths, built once from the project root so that notebooks never assemble paths themselves.

The project root is found the way cookiecutter-data-science does it, in this order:

1. the environment variable ``ANALYSIS_PROJECT_ROOT``, when set;
2. the checkout the package is imported from, when it is installed in editable mode (``pip install -e .``:
   the package lives in ``<root>/src/analysis`` beside the project's ``pyproject.toml``);
3. the current directory, or the nearest parent of it, that holds the project's ``pyproject.toml``;
4. otherwise the current directory itself (a plain ``pip install`` used from a folder of one's own).

So after a non-editable install the default paths point into the folder a user works in, never into
site-packages. Packaged data (the lexicons) always comes from the package itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = [
    "ROOT_ENV",
    "PACKAGE_DIR",
    "LEXICON_DIR",
    "find_project_root",
    "PROJECT_ROOT",
    "RAW_DIR",
    "PROCESSED_DIR",
    "GOLD_DIR",
    "FIGURES_DIR",
    "REPORTS_DIR",
    "NOTEBOOKS_DIR",
    "same_folder",
    "is_project_corpus",
    "tables_dir_for",
    "figures_dir_for",
]

#: Environment variable naming the project root explicitly.
ROOT_ENV = "ANALYSIS_PROJECT_ROOT"
PACKAGE_DIR = Path(__file__).resolve().parent
LEXICON_DIR = PACKAGE_DIR / "lexicons"
_PROJECT_NAME = re.compile(r'^\s*name\s*=\s*"analysis"\s*$', re.M)


def _is_project_root(folder: Path) -> bool:
    pyproject = folder / "pyproject.toml"
    try:
        return pyproject.is_file() and bool(_PROJECT_NAME.search(pyproject.read_text(encoding="utf-8")))
    except OSError:
        return False


def find_project_root(cwd: Path | None = None, environ: dict[str, str] | None = None) -> Path:
    """The project root by the rules of the module docstring."""
    environ = os.environ if environ is None else environ
    if environ.get(ROOT_ENV):
        return Path(environ[ROOT_ENV]).expanduser().resolve()
    checkout = PACKAGE_DIR.parents[1]
    if PACKAGE_DIR.parent.name == "src" and _is_project_root(checkout):
        return checkout
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_project_root(folder):
            return folder
    return here


PROJECT_ROOT = find_project_root()
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
GOLD_DIR = PROJECT_ROOT / "data" / "gold"
FIGURES_DIR = PROJECT_ROOT / "figures"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"


def same_folder(a: Path, b: Path) -> bool:
    """Whether two paths name the same folder (after resolving links and relative parts)."""
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def is_project_corpus(corpus_dir: Path) -> bool:
    """Whether ``corpus_dir`` is the project's own corpus folder (``data/raw``)."""
    return same_folder(corpus_dir, RAW_DIR)


def tables_dir_for(corpus_dir: Path) -> Path:
    """Where a corpus's tables go by default: ``data/processed`` for the project's corpus, else a folder
    ``<corpus>-processed`` beside the corpus, so another corpus's tables never land on the project's."""
    if is_project_corpus(corpus_dir):
        return PROCESSED_DIR
    resolved = Path(corpus_dir).resolve()
    return resolved.parent / f"{resolved.name}-processed"


def figures_dir_for(tables_dir: Path) -> Path:
    """Where the figures of a tables folder go by default: ``figures/`` for the project's tables, else a
    ``figures`` folder inside the tables folder."""
    return FIGURES_DIR if same_folder(tables_dir, PROCESSED_DIR) else Path(tables_dir) / "figures"
