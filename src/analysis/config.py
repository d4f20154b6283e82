"""Project paths, built once from the project root so that notebooks never assemble paths themselves."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The repository root when the package is installed in editable mode from a checkout.
PROJECT_ROOT = PACKAGE_DIR.parents[1]
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
GOLD_DIR = PROJECT_ROOT / "data" / "gold"
FIGURES_DIR = PROJECT_ROOT / "figures"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
LEXICON_DIR = PACKAGE_DIR / "lexicons"
