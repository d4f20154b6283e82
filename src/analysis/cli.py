"""Command line: ``analysis run``, ``analysis kwic``, ``analysis figures``, ``analysis bench``,
``analysis lexicon check|schema``.

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
from typing import Any

from . import config
from .errors import (
    EXIT_BUSY,
    EXIT_CONFIGURATION,
    EXIT_INTERRUPTED,
    EXIT_FAILED,
    EXIT_STATUS_HELP,
    ConfigurationError,
    OutputFolderBusy,
)

__all__ = ["main", "build_parser", "COMMANDS", "MODULE_COMMANDS"]

#: The sub-commands declared here: name -> (add_arguments, handler, help). Those whose options and handler
#: live beside their domain code are in :data:`MODULE_COMMANDS`; no module adds commands of its own.
COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]] = {}
#: Sub-commands whose options and handler live in a domain module: name -> (module, options function,
#: handler, help). The module (``analysis.figures`` brings in matplotlib, ``analysis.kwic`` pandas) is
#: imported only when its sub-command is the one given, or its help is asked for.
MODULE_COMMANDS: dict[str, tuple[str, str, str, str]] = {
    "kwic": ("kwic", "_add_args", "_handler", "keyword in context for an actor code or a pattern"),
    "figures": ("figures", "_add_args", "_handler", "draw every figure"),
    "bench": ("bench", "add_args", "handler", "benchmark the pipeline on a generated corpus (throughput, memory, P/R)"),
    "notebooks": ("notebooks", "_add_args", "_handler",
                  "execute the notebooks in place and/or render them to HTML in reports/"),
    "spreadsheet": ("exports", "_add_args", "_handler", "copy a CSV table for a spreadsheet (cells never run as formulas)"),
}


def _run_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--raw", type=Path, default=config.RAW_DIR, help="corpus folder (default: data/raw)")
    p.add_argument("--out", type=Path, default=None,
                   help="output folder (default: data/processed for the project's data/raw, else <corpus>-processed "
                        "beside the corpus; another corpus's tables never go into data/processed)")
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
    p.add_argument("--keep-duplicates", action="store_true",
                   help="count duplicate copies of articles in summaries and networks (default: the kept copy only)")
    p.add_argument("--keep-boilerplate", action="store_true",
                   help="count mentions, statements and cues inside boilerplate spans (default: left out)")
    p.add_argument("--near-duplicate-threshold", type=float, default=0.8,
                   help="estimated Jaccard similarity of word 5-grams from which two articles are copies (default 0.8)")
    p.add_argument("--slash-dates", choices=["undeclared", "day_first", "month_first"], default="undeclared",
                   help="order of day and month in dates like 03/04/2018 (default: such dates are reported, not read)")
    p.add_argument("--outlet-lexicon", type=Path, default=None, help="outlet catalogue YAML (default: packaged)")
    p.add_argument("--boilerplate-lexicon", type=Path, default=None, help="boilerplate rules YAML (default: packaged)")
    p.add_argument("--group-by", default="outlet,month,outlet_month",
                   help="groupings of the comparison tables, comma-separated: outlet, month, week, outlet_month, "
                        "ownership, category, all, or any documents column (default: outlet,month,outlet_month)")
    p.add_argument("--bootstrap-replicates", type=int, default=1000, help="bootstrap replicates per interval (default 1000)")
    p.add_argument("--seed", type=int, default=2018, help="seed of the bootstrap and permutation tests (default 2018)")


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
    if args.out is None:
        args.out = config.tables_dir_for(args.raw)
    elif not config.is_project_corpus(args.raw) and config.same_folder(args.out, config.PROCESSED_DIR):
        raise ConfigurationError(f"--out: {args.out} holds the project's own tables (of data/raw); give another folder "
                                 f"for the tables of {args.raw}, or leave --out out to write them beside the corpus")
    if args.out.exists() and not args.out.is_dir():
        raise ConfigurationError(f"--out: {args.out} is a file; expected a folder for the tables")
    _check_file_options(args, ("actor_lexicon", "stance_lexicon", "relation_lexicon", "outlet_lexicon",
                               "boilerplate_lexicon"))
    if not 0.0 < args.near_duplicate_threshold <= 1.0:
        raise ConfigurationError(f"--near-duplicate-threshold: expected a number in (0, 1], not {args.near_duplicate_threshold}")
    group_by = tuple(g.strip() for g in args.group_by.split(",") if g.strip())
    if not group_by:
        raise ConfigurationError(f"--group-by: expected one or more groupings separated by commas, not {args.group_by!r}")
    if args.bootstrap_replicates < 1 or args.seed < 0:
        raise ConfigurationError("--bootstrap-replicates: expected a whole number of at least 1; --seed: a whole "
                                 f"number of at least 0 (got {args.bootstrap_replicates}, {args.seed})")
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
        keep_duplicates=args.keep_duplicates,
        keep_boilerplate=args.keep_boilerplate,
        near_duplicate_threshold=args.near_duplicate_threshold,
        slash_dates=args.slash_dates,
        outlet_lexicon=args.outlet_lexicon,
        boilerplate_lexicon=args.boilerplate_lexicon,
        group_by=group_by,
        bootstrap_replicates=args.bootstrap_replicates,
        seed=args.seed,
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

_LEXICON_KINDS = ("actors", "stance", "relations", "synth_templates")


def _lexicon_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="lexicon_command", metavar="{check,schema}", required=True)
    check = sub.add_parser("check", help="validate a lexicon file (your copy) as a run would read it",
                           description="Validate a lexicon file as `analysis run` would read it: prints "
                                       "`ok: FILE (...)`, or one line naming the file, the line and the key "
                                       "(exit status 2).")
    check.add_argument("file", type=Path, help="the lexicon YAML file")
    check.add_argument("--kind", choices=_LEXICON_KINDS, default=None,
                       help="kind of lexicon (default: inferred from its top-level keys or its name)")
    schema = sub.add_parser("schema", help="print the JSON Schema of a kind of lexicon",
                            description="Print the JSON Schema of a kind of lexicon (the files under "
                                        "src/analysis/lexicons/schema/ hold the same text).")
    schema.add_argument("kind", choices=_LEXICON_KINDS)


def _lexicon(args: argparse.Namespace) -> int:
    from .lexicon.check import check_file, schema_text

    if args.lexicon_command == "schema":
        sys.stdout.write(schema_text(args.kind))
        return 0
    print(check_file(args.file, args.kind))
    return 0


COMMANDS["lexicon"] = (_lexicon_args, _lexicon, "validate a lexicon file, or print the JSON Schema of its kind")


def _tables_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", nargs="?", default=None, help="one table (default: every declared table)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the schema as JSON")
    fmt.add_argument("--markdown", action="store_true", help="print the data dictionary (docs/data-dictionary.md)")


def _tables(args: argparse.Namespace) -> int:
    from . import schema

    if args.markdown:
        sys.stdout.write(schema.data_dictionary())
        return 0
    if args.name is not None and args.name not in schema.TABLES:
        print(f"error: no table {args.name!r}; declared tables: {', '.join(schema.TABLES)}", file=sys.stderr)
        return 2
    entries = [e for e in schema.iter_schema() if args.name in (None, e["name"])]
    if args.json:
        import json

        print(json.dumps(entries if args.name is None else entries[0], ensure_ascii=False, indent=2))
        return 0
    for entry in entries:
        print(f"{entry['name']} ({entry['kind']}): {entry['description']}")
        for col in entry["columns"]:
            null = "" if not col["nullable"] else ", may be empty"
            print(f"  {col['name']:<22} {col['arrow_type']}{null}")
    return 0


COMMANDS["tables"] = (_tables_args, _tables, "print the declared tables and their columns (the schema)")


def _findings_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tables", type=Path, default=config.PROCESSED_DIR, help="a run's tables (default: data/processed)")
    p.add_argument("--readme", type=Path, default=None,
                   help="write the findings into this Markdown file, between its findings markers (default: print)")


def _findings(args: argparse.Namespace) -> int:
    from . import findings

    if not (args.tables / "documents.csv").exists():
        raise ConfigurationError(f"--tables: no documents.csv in {args.tables}; run `analysis run` first")
    if args.readme is None:
        sys.stdout.write(findings.findings_markdown(args.tables))
        return 0
    findings.write_into(args.readme, findings.findings_markdown(args.tables))
    return 0


COMMANDS["findings"] = (_findings_args, _findings, "state a run's findings in words (the README's findings section)")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (which option, what is expected) and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_CONFIGURATION, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class _CommandParser(_Parser):
    """The parser of one sub-command, whose options are added when it is first used: when the command
    line names this sub-command (argparse then parses the rest with it) or its help or usage is shown.
    So ``analysis run`` never imports the modules of ``figures`` or ``kwic`` to build the parser."""

    _add_options: Callable[[argparse.ArgumentParser], None] | None = None

    def _complete(self) -> None:
        add_options, self._add_options = self._add_options, None
        if add_options is not None:
            add_options(self)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        self._complete()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self._complete()
        return super().format_help()

    def format_usage(self) -> str:
        self._complete()
        return super().format_usage()


def _options_of(add_args: Callable[[argparse.ArgumentParser], None],
                handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.ArgumentParser], None]:
    """Adds a sub-command's options, ``-v`` after it, and its handler (a command declared here)."""

    def add_options(p: argparse.ArgumentParser) -> None:
        add_args(p)
        _finish(p, handler)

    return add_options


def _module_options_of(module: str, add_args: str, handler: str) -> Callable[[argparse.ArgumentParser], None]:
    """Imports ``analysis.<module>`` and adds its options, ``-v`` and its handler (a module command)."""

    def add_options(p: argparse.ArgumentParser) -> None:
        import importlib

        mod = importlib.import_module(f"analysis.{module}")
        getattr(mod, add_args)(p)
        _finish(p, getattr(mod, handler))

    return add_options


def _finish(p: argparse.ArgumentParser, handler: Callable[[argparse.Namespace], int]) -> None:
    if "--verbose" not in p._option_string_actions:  # also accepted after the sub-command
        p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log progress")
    p.set_defaults(handler=handler)


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser; each sub-command's options are added when that sub-command is used."""
    parser = _Parser(prog="analysis", description="Discourse analysis of Arabic news about the Syrian war.",
                     epilog=EXIT_STATUS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_CommandParser)
    declared = {name: (_options_of(add_args, handler), help_text) for name, (add_args, handler, help_text) in COMMANDS.items()}
    declared.update({name: (_module_options_of(module, add_args, handler), help_text)
                     for name, (module, add_args, handler, help_text) in MODULE_COMMANDS.items()})
    for name, (add_options, help_text) in declared.items():  # the order of ``analysis --help``
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=EXIT_STATUS_HELP,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p._add_options = add_options
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
    except Exception as exc:  # not exit status 1, which says that some inputs were not read
        import traceback

        traceback.print_exc(file=sys.stderr)
        print(f"error: {args.command if hasattr(args, 'command') else 'the command'} failed: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
