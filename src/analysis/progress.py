"""Progress on a terminal: one tqdm bar on stderr, and nothing at all when stderr is not a terminal.

``analysis run``, ``analysis bench`` and the notebook runner show how far they are (documents or notebooks,
MB/s, time left) while they work, then print a one-line summary with the time taken. In CI logs, where
stderr is a file or a pipe, no bar is drawn, so the logs hold only the summary and the problems.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable
from typing import Any

__all__ = ["on_terminal", "bar"]


def on_terminal() -> bool:
    """Is stderr a terminal (where a progress bar is wanted)?"""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stream
        return False


def bar(iterable: Iterable[Any] | None = None, *, total: float | None = None, desc: str, unit: str = "B",
        enabled: bool | None = None) -> Any:
    """A tqdm bar on stderr (``unit="B"``: bytes shown as kB/MB and MB/s), or None when not ``enabled``
    (default: when stderr is a terminal). The width is the terminal's, or 100 columns when it reports none."""
    if enabled is None:
        enabled = on_terminal()
    if not enabled:
        return None
    from tqdm import tqdm

    scale = {"unit_scale": True, "unit_divisor": 1000} if unit == "B" else {}
    # The size is given, not left to tqdm: a terminal that reports 0 x 0 (some pseudo-terminals) would
    # otherwise hide the bar altogether.
    size = shutil.get_terminal_size((100, 24))
    return tqdm(iterable, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False, mininterval=0.5,
                ncols=size.columns, nrows=size.lines, **scale)
