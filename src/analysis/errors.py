"""What can go wrong, and how the command line answers it: error classes and exit statuses.

Mistakes in a configuration (a corpus' ``metadata.csv``, a lexicon file, an option value) raise
:class:`ConfigurationError`, whose message is one line naming the file, the line and what is expected;
the command line prints it as ``error: <message>`` on stderr and exits with status 2, before anything is
written. Problems with individual inputs are not exceptions: they are rows of ``errors.csv`` (see
:mod:`analysis.corpus`), and the run goes on with every other document.

Exit statuses of ``analysis`` (every sub-command; ``run`` uses all of them):

====  ===========================================================================================
0     every input was read (and, when there is a ``metadata.csv``, every document matched a row)
1     some inputs were not read or not matched: each is in ``errors.csv`` and on stderr; every other
      document was processed and written
2     a usage or configuration error (bad option value, missing folder, bad metadata header, bad
      lexicon file): one line on stderr, nothing written
3     no document could be read (empty folder, or only unreadable or unsupported files): existing
      tables are left as they were
4     another run is writing into the same output folder: nothing written by this one
130   interrupted (Ctrl-C): existing tables are left as they were
====  ===========================================================================================
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ConfigurationError",
    "OutputFolderBusy",
    "EXIT_OK",
    "EXIT_INPUT_PROBLEMS",
    "EXIT_CONFIGURATION",
    "EXIT_NOTHING_READ",
    "EXIT_BUSY",
    "EXIT_INTERRUPTED",
    "EXIT_FAILED",
    "EXIT_STATUS_HELP",
]

EXIT_OK = 0
EXIT_INPUT_PROBLEMS = 1
EXIT_CONFIGURATION = 2
EXIT_NOTHING_READ = 3
EXIT_BUSY = 4
EXIT_INTERRUPTED = 130
#: Anything else that stops a command (a bug, or a resource limit such as memory): not an input problem.
EXIT_FAILED = 5

#: The exit statuses as shown at the end of ``--help``.
EXIT_STATUS_HELP = """exit status:
  0    every input was read (and matched its metadata row, when there is a metadata.csv)
  1    some inputs were not read or not matched: listed in errors.csv and on stderr; all others written
  2    usage or configuration error (bad option, missing folder, bad metadata or lexicon file): nothing written
  3    no document could be read: existing tables left as they were
  4    another run is writing into the same output folder: nothing written
  5    the command failed (a bug or a resource limit such as memory; the traceback is on stderr): a run's
       tables may be incomplete, and its folder then has no run manifest, so a notebook runs it again
  130  interrupted: existing tables left as they were"""


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class ConfigurationError(ValueError):
    """A mistake in a configuration file or an option value, with a one-line message for the user.

    ``ConfigurationError("lexicon.yaml, line 12: alias list is empty; expected at least one alias")``, or
    with the parts given separately: ``ConfigurationError("alias list is empty", path=..., line=12,
    expected="at least one alias")``. The message never spans lines (newlines become spaces).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        expected: str | None = None,
    ):
        self.path = None if path is None else str(path)
        self.line = line
        self.expected = expected
        where = ""
        if self.path is not None:
            where = self.path + (f", line {line}" if line is not None else "") + ": "
        elif line is not None:
            where = f"line {line}: "
        text = where + _one_line(message) + (f"; expected {_one_line(expected)}" if expected else "")
        super().__init__(text)
        self.message = text


class OutputFolderBusy(RuntimeError):
    """Another run holds the lock of the output folder."""
