"""Command line: ``analysis run``, ``analysis kwic``, ``analysis figures``, ``analysis bench``.

Exit statuses (listed in ``--help``; see :mod:`analysis.errors`): 0 when every input was read; 1 when
some inputs could not be read or matched (they are listed in ``errors.csv`` and on stderr, and every
other document was processed and written); 2 for a usage or configuration error (one line on stderr,
nothing written); 3 when no document could be read; 4 when another run is writing into the same output
folder; 130 when interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from . import config
from .errors import (
    EXIT_BUSY,
    EXIT_CONFIGURATION,
    EXIT_INTERRUPTED,
    EXIT_STATUS_HELP,
    ConfigurationError,
    OutputFolderBusy,
)

__all__ = ["main", "build_parser", "COMMANDS"]

#: Sub-command registry: name -> (add_arguments, handler). Modules of later features register here.
COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]] = {}


def _run_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--raw", type=Path, default=config.RAW_DIR, help="corpus folder (default: data/raw)")
    p.add_argument("--out", type=Path, default=config.PROCESSED_DIR, help="output folder (default: data/processed)")
    p.add_argument("--format", dest="fmt", choices=["csv", "parquet"], default="csv", help="format of the row tables")
    p.add_argument("--workers", type=positive_int, default=1, help="processes on this machine (default 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="local process pool or Dask")
    p.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler (with --engine dask)")
    p.add_argument("--paragraphs", choices=["line", "blank_line"], default="line", help="what makes a paragraph")
    p.add_argument("--semicolon-ends", action="store_true", help="treat the Arabic semicolon ؛ as a sentence end")
    p.add_argument("--actor-lexicon", type=Path, default=None, help="actor lexicon YAML (default: the packaged one)")
    p.add_argument("--stance-lexicon", type=Path, default=None, help="stance cue lexicon YAML (default: packaged)")
    p.add_argument("--relation-lexicon", type=Path, default=None, help="relation pattern lexicon YAML")
    p.add_argument("--rollup-coalition", action="store_true", help="count COALITION as US in summaries and networks")


def positive_int(text: str) -> int:
    """An option value that must be a whole number of at least 1 (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value}")
    return value


def _check_file_options(args: argparse.Namespace, names: tuple[str, ...]) -> None:
    """Files given as options must exist (a path is relative to the current folder)."""
    for name in names:
        value = getattr(args, name, None)
        if value is not None and not Path(value).is_file():
            option = "--" + name.replace("_", "-")
            raise ConfigurationError(f"{option}: file not found: {value} (relative paths are relative to the "
                                     f"current folder, {Path.cwd()})")


def _run(args: argparse.Namespace) -> int:
    from .corpus import READ_ERROR_KINDS
    from .pipeline import RunOptions, run

    if not args.raw.is_dir():
        raise ConfigurationError(f"--raw: corpus folder not found: {args.raw} (relative paths are relative to the "
                                 f"current folder, {Path.cwd()})")
    if args.out.exists() and not args.out.is_dir():
        raise ConfigurationError(f"--out: {args.out} is a file; expected a folder for the tables")
    _check_file_options(args, ("actor_lexicon", "stance_lexicon", "relation_lexicon"))
    options = RunOptions(
        raw_dir=args.raw,
        out_dir=args.out,
        fmt=args.fmt,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        paragraphs=args.paragraphs,
        semicolon_ends=args.semicolon_ends,
        actor_lexicon=args.actor_lexicon,
        stance_lexicon=args.stance_lexicon,
        relation_lexicon=args.relation_lexicon,
        rollup_coalition=args.rollup_coalition,
    )
    summary = run(options)
    for err in summary.errors:
        label = "skipped" if err.kind == "unsupported" else "warning" if err.kind == "no-metadata" else "error"
        print(f"{label}: {err.path}: {err.reason}", file=sys.stderr)
    counts = summary.counts()
    problems = ", ".join(f"{counts[kind]} {label}" for kind, label in READ_ERROR_KINDS.items() if kind in counts)
    if summary.n_documents == 0:
        print(
            f"error: no document read from {args.raw} ({problems or 'no .txt or .jsonl file found'}); "
            f"nothing written, existing tables in {args.out} left as they were",
            file=sys.stderr,
        )
        return summary.exit_code
    print(
        f"{summary.n_documents} document(s) processed in {summary.seconds:.1f} s, "
        f"{problems or '0 unreadable input(s)'}{' (listed in errors.csv)' if problems else ''}; tables in {args.out}"
    )
    return summary.exit_code


COMMANDS["run"] = (_run_args, _run, "analyse a corpus folder and write the tables")


def _register_commands() -> None:
    """Import the modules that add sub-commands (each registers itself in COMMANDS)."""
    for name in ("kwic", "figures", "bench", "exports"):
        try:
            __import__(f"analysis.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"analysis.{name}":
                raise


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (which option, what is expected) and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_CONFIGURATION, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    _register_commands()
    parser = _Parser(prog="analysis", description="Discourse analysis of Arabic news about the Syrian war.",
                     epilog=EXIT_STATUS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, (add_args, handler, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=EXIT_STATUS_HELP,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        add_args(p)
        p.set_defaults(handler=handler)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a sub-command; a configuration mistake is one line on stderr and exit status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args) or 0)
    except ConfigurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIGURATION
    except OutputFolderBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except KeyboardInterrupt:
        print("interrupted: tables already in place are left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
