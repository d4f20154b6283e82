"""Executing the notebooks reproducibly and rendering them to HTML reports.

``python -m analysis.notebooks --execute --render`` (``make notebooks``) runs every notebook in
``notebooks/`` in name order, with the working folder ``notebooks/``, saves each executed in place and
renders it to ``reports/<name>.html``. Notebooks are committed executed so that readers see the analysis on
a code host; for that to be honest, a re-run on a clean clone must leave ``git status`` clean. So:

* the kernel is the interpreter running this module (never whatever "python3" kernel a user has
  registered elsewhere), started with a fixed ``PYTHONHASHSEED``;
* execution timings are not recorded, and the notebook metadata keeps only what does not depend on the
  machine (no Python patch version);
* outputs are scrubbed of machine paths (project root, virtualenv, home, temporary folder) and of object
  memory addresses (``<... at 0x7f...>``);
* the HTML uses no external scripts (no require.js, MathJax or Mermaid from a CDN: reports open offline)
  and is written only when its bytes change.

A notebook is parametrised papermill-style: its cell tagged ``parameters`` holds the defaults, and
:func:`execute_notebook` inserts a cell tagged ``injected-parameters`` after it (``papermill -p`` does
the same). The notebooks call :func:`prepare_corpus` (from :mod:`analysis.notebook_corpus`, re-exported
here) to get the tables of the corpus named there.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import re
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from . import config
from .notebook_corpus import CASE_STUDY_FIGURES, CorpusPaths, case_study, corpus_texts, output_dir_for, prepare_corpus

log = logging.getLogger(__name__)

__all__ = [
    "CorpusPaths",
    "notebook_paths",
    "inject_parameters",
    "execute_notebook",
    "scrub_notebook",
    "render_html",
    "output_dir_for",
    "prepare_corpus",
    "case_study",
    "CASE_STUDY_FIGURES",
    "corpus_texts",
    "main",
]

#: Notebooks taking part in ``make notebooks``: numbered names, run in name order.
NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
KERNEL_NAME = "python3"
#: Metadata kept on an executed notebook (everything else is dropped as machine-specific).
_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME}
_LANGUAGE_INFO_KEYS = ("name", "codemirror_mode", "file_extension", "mimetype", "nbconvert_exporter", "pygments_lexer")
#: Cell metadata written by executors (nbclient timings, papermill, Jupyter extensions): never kept.
_VOLATILE_CELL_METADATA = ("execution", "papermill", "ExecuteTime", "collapsed", "scrolled")
_ADDRESS_RE = re.compile(r" at 0x[0-9a-fA-F]+(?=>|&gt;)")
_TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "text/latex", "application/javascript")


# --- executing ------------------------------------------------------------------------------------------
def notebook_paths(names: Sequence[str | Path] = (), *, folder: Path | None = None) -> list[Path]:
    """The notebooks to run: the given ones (names or paths), else every numbered notebook in order."""
    folder = folder or config.NOTEBOOKS_DIR
    if not names:
        return sorted(folder.glob(NOTEBOOK_PATTERN))
    paths = []
    for name in names:
        path = Path(name)
        if not path.exists() and (folder / path.name).exists():
            path = folder / path.name
        if not path.exists() and (folder / f"{path.name}.ipynb").exists():
            path = folder / f"{path.name}.ipynb"
        if not path.is_file():
            raise FileNotFoundError(f"notebook not found: {name}")
        paths.append(path)
    return paths


def inject_parameters(nb: Any, parameters: Mapping[str, Any]) -> Any:
    """Insert (or replace) a cell tagged ``injected-parameters`` right after the ``parameters`` cell.

    Values are written with ``repr``, so they must be Python literals (str, int, float, bool, None, lists
    and dicts of those); paths are passed as strings.
    """
    import nbformat

    for name, value in parameters.items():
        if not name.isidentifier():
            raise ValueError(f"parameter name {name!r} is not a Python identifier")
        if isinstance(value, Path):
            raise ValueError(f"parameter {name}: pass paths as str, not Path")
    cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    where = next((i for i, c in enumerate(cells) if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])), None)
    if where is None:
        raise ValueError("notebook has no cell tagged 'parameters'")
    source = "# Parameters injected for this run\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source=source.rstrip("\n"))
    cell.id = INJECTED_TAG
    cell.metadata["tags"] = [INJECTED_TAG]
    cells.insert(where + 1, cell)
    nb.cells = cells
    return nb


def _replacements(extra: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """Machine-specific strings and their placeholders, longest first (a venv lies inside the project)."""
    pairs = [
        (str(config.PROJECT_ROOT.resolve()), "<project>"),
        (str(config.PROJECT_ROOT), "<project>"),
        (sys.prefix, "<venv>"),
        (sys.base_prefix, "<python>"),
        (os.path.realpath(tempfile.gettempdir()), "<tmp>"),
        (tempfile.gettempdir(), "<tmp>"),
        (str(Path.home()), "~"),
        *extra,
    ]
    seen: dict[str, str] = {}
    for old, new in pairs:
        if old and old not in ("/", ".") and old not in seen:
            seen[old] = new
    return sorted(seen.items(), key=lambda kv: -len(kv[0]))


#: Embedded images (``data:image/png;base64,...``): never scrubbed, their text is no path, and a path
#: such as ``/tmp`` can occur in it by chance (replacing it there breaks the image).
_DATA_URI_RE = re.compile(r"(data:[\w.+-]+/[\w.+-]+;base64,[A-Za-z0-9+/=\s]*)")


@functools.lru_cache(maxsize=8)
def _path_pattern(olds: tuple[str, ...]) -> re.Pattern[str]:
    """Each path as a whole: not inside a longer word or path (``/mnt/tmp``, ``/tmpfoo``)."""
    alternatives = "|".join(re.escape(o) for o in olds)
    return re.compile(rf"(?<![\w+/])(?:{alternatives})(?![\w+-])")


def _scrub_text(text: str, replacements: list[tuple[str, str]], *, as_html: bool = False) -> str:
    """Replace machine paths by placeholders (HTML-escaped in HTML: ``<project>`` would be a tag); embedded
    images are left as they are."""
    import html

    if not replacements:
        return _ADDRESS_RE.sub("", text)
    table = {old: (html.escape(new) if as_html else new) for old, new in replacements}
    pattern = _path_pattern(tuple(old for old, _ in replacements))  # longest first: the alternation prefers it
    parts = _DATA_URI_RE.split(text)
    for i in range(0, len(parts), 2):  # the odd parts are the embedded images
        parts[i] = _ADDRESS_RE.sub("", pattern.sub(lambda m: table[m.group()], parts[i]))
    return "".join(parts)


def _scrub_value(value: Any, replacements: list[tuple[str, str]], *, as_html: bool = False) -> Any:
    if isinstance(value, str):
        return _scrub_text(value, replacements, as_html=as_html)
    if isinstance(value, list):
        return [_scrub_value(v, replacements, as_html=as_html) for v in value]
    return value


def scrub_notebook(nb: Any, *, extra_replacements: Sequence[tuple[str, str]] = ()) -> Any:
    """Remove what differs between runs and machines from an executed notebook (in place; returned)."""
    replacements = _replacements(extra_replacements)
    metadata = nb.metadata
    info = metadata.get("language_info", {})
    kept = {k: metadata[k] for k in ("title", "authors") if k in metadata}
    nb.metadata = type(metadata)(
        kernelspec=dict(_KERNELSPEC),
        language_info={k: info[k] for k in _LANGUAGE_INFO_KEYS if k in info} or {"name": "python"},
        **kept,
    )
    for cell in nb.cells:
        for key in _VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)
            if output.output_type == "stream":
                output.text = _scrub_value(output.text, replacements)
            elif output.output_type == "error":
                output.evalue = _scrub_value(output.evalue, replacements)
                output.traceback = _scrub_value(output.traceback, replacements)
            elif "data" in output:
                for mime in _TEXT_MIMES:
                    if mime in output.data:
                        output.data[mime] = _scrub_value(output.data[mime], replacements, as_html=mime == "text/html")
    return nb


def _kernel_manager(env: Mapping[str, str] | None = None) -> Any:
    """A kernel manager for *this* interpreter (the venv's), whatever kernels are registered elsewhere."""
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    kernel_env = {"PYTHONHASHSEED": "0", "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLBACKEND": "agg"}
    kernel_env.update(env or {})

    class ThisInterpreter(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:  # noqa: ARG002 - one kernel only
            spec = get_kernel_dict()
            return KernelSpec(resource_dir=RESOURCES, env=kernel_env, **spec)

    import zmq

    # Encrypt the kernel's local sockets when libzmq can (else ipykernel warns about plain TCP).
    encryption = "auto" if zmq.has("curve") else "disabled"
    return AsyncKernelManager(
        kernel_name=KERNEL_NAME, kernel_spec_manager=ThisInterpreter(), transport_encryption=encryption
    )


def execute_notebook(
    path: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    output: str | Path | None = None,
    cwd: str | Path | None = None,
    timeout: int = 1800,
    env: Mapping[str, str] | None = None,
) -> Any:
    """Execute one notebook top to bottom and return it scrubbed; write it to ``output`` when given.

    ``parameters`` are injected after the ``parameters`` cell (papermill-style). The kernel runs in
    ``cwd`` (default: the notebook's folder, so relative paths in a notebook mean the same as when a
    person opens it). Raises ``nbclient.exceptions.CellExecutionError`` on the first failing cell;
    the partly executed notebook is then written to ``output`` if given, so the error can be read.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    if timeout < 1:
        raise ValueError(f"timeout must be at least 1 second, not {timeout}")
    nb = nbformat.read(path, as_version=4)
    if parameters:
        inject_parameters(nb, parameters)
    workdir = Path(cwd) if cwd is not None else path.resolve().parent
    class Client(NotebookClient):
        """Starts (and, owning it, shuts down) a kernel of this interpreter."""

        def create_kernel_manager(self) -> Any:
            self.km = _kernel_manager(env)
            return self.km

    client = Client(
        nb,
        timeout=timeout,
        record_timing=False,
        coalesce_streams=True,
        allow_errors=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    log.info("executing %s", path.name)
    try:
        client.execute()
    except CellExecutionError:
        scrub_notebook(nb)
        if output is not None:
            _write_notebook(nb, Path(output))
        raise
    scrub_notebook(nb)
    nbformat.validate(nb)
    if output is not None:
        _write_notebook(nb, Path(output))
    return nb


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ (keeps mtimes, and make, quiet); True when written.

    Written through a temporary file and a rename, with ordinary permissions (0644 less the umask:
    temporary files are created 0600, and reports are meant to be read and served).
    """
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _write_notebook(nb: Any, path: Path) -> bool:
    import nbformat

    return _write_if_changed(path, nbformat.writes(nb).encode("utf-8") + b"\n")


# --- rendering ------------------------------------------------------------------------------------------
#: The lab template without its CDN scripts (the reports hold no JavaScript and must open offline), and
#: with the images' alternative text: nbconvert's lab template drops the ``alt`` that
#: ``IPython.display.Image(alt=...)`` (``display.figure_image``) stores in the output metadata, and the
#: exporter then writes a generic "No description has been provided" alt and warns "Alternative text is
#: missing on N image(s)". The image blocks below are the lab template's plus ``alt`` (output metadata,
#: else the cell's ``alt`` metadata).
_IMAGE_BLOCK = """
{% block data_MIME scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
{%- set alttext=(output | get_metadata('alt', 'image/MIME')) or (cell | get_metadata('alt')) -%}
{%- if 'image/MIME' in output.metadata.get('filenames', {}) %}
<img src="{{ output.metadata.filenames['image/MIME'] | posix_path | escape_html }}"
{%- else %}
<img src="data:image/MIME;base64,{{ output.data['image/MIME'] | escape_html }}"
{%- endif %}
{%- if alttext %}
alt="{{ alttext | escape_html }}"
{%- endif %}
{%- set width=output | get_metadata('width', 'image/MIME') -%}
{%- if width is not none %}
width={{ width | escape_html }}
{%- endif %}
{%- set height=output | get_metadata('height', 'image/MIME') -%}
{%- if height is not none %}
height={{ height | escape_html }}
{%- endif %}
class="
{%- if output | get_metadata('unconfined', 'image/MIME') %}
unconfined
{%- endif %}
{%- if output | get_metadata('needs_background', 'image/MIME') == 'light' %}
jp-needs-light-background
{%- endif %}
{%- if output | get_metadata('needs_background', 'image/MIME') == 'dark' %}
jp-needs-dark-background
{%- endif %}
"
>
</div>
{%- endblock data_MIME %}
"""
_REPORT_TEMPLATE = (
    """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
    + _IMAGE_BLOCK.replace("data_MIME", "data_png").replace("image/MIME", "image/png")
    + _IMAGE_BLOCK.replace("data_MIME", "data_jpg").replace("image/MIME", "image/jpeg")
)
#: The alt nbconvert writes on an image that has none (reports must never carry it).
NO_ALT_PLACEHOLDER = "No description has been provided for this image"


def _exporter() -> Any:
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    # Reports are for readers: code cells are left out (the executed notebooks beside them hold the code).
    return HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"analysis_report.html.j2": _REPORT_TEMPLATE})],
        template_file="analysis_report.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def render_html(path: str | Path, *, out_dir: str | Path | None = None) -> Path:
    """Render an executed notebook to ``<out_dir>/<name>.html`` (default ``reports/``); returns the path."""
    import nbformat

    path = Path(path)
    out = Path(out_dir) if out_dir is not None else config.REPORTS_DIR
    nb = nbformat.read(path, as_version=4)
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    body = _scrub_text(body, _replacements(), as_html=True)
    if NO_ALT_PLACEHOLDER in body:
        log.warning("%s: %d image(s) without alternative text (show figures with display.figure_image(alt=...))",
                    path.name, body.count(NO_ALT_PLACEHOLDER))
    target = out / f"{path.stem}.html"
    if _write_if_changed(target, body.encode("utf-8")):
        log.info("wrote %s", target.name)
    return target


# --- command line ---------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.notebooks",
        description="Execute the notebooks in place (in order) and/or render them to HTML in reports/.",
    )
    _add_args(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    return parser


def _add_args(parser: argparse.ArgumentParser) -> None:
    """The options of ``analysis notebooks`` (and ``python -m analysis.notebooks``)."""
    parser.add_argument("notebooks", nargs="*", help="notebooks to process (default: every notebooks/NN-*.ipynb)")
    parser.add_argument("--execute", action="store_true", help="execute each notebook and save it in place")
    parser.add_argument("--render", action="store_true", help="render each notebook to reports/<name>.html")
    parser.add_argument("--reports", type=Path, default=None,
                        help="folder for the HTML (default: reports/; with -p: OUTPUT/reports, never reports/)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="inject a parameter (a Python literal, else a string); needs --output")
    parser.add_argument("--output", type=Path, default=None, help="write executed notebooks here, not in place")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed per cell (default 1800)")


def _literal(value: str) -> Any:
    """A command-line parameter value: a Python literal (``10``, ``None``, ``True``) or else the string."""
    import ast

    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


#: Parameters whose names end so are paths: given on the command line, they are relative to the current
#: folder (the kernel runs in notebooks/, so they are made absolute before they are injected).
PATH_PARAMETER_SUFFIXES = ("_dir", "_path", "_file")
#: Path parameters that name outputs (they need not exist yet).
OUTPUT_PARAMETER_PREFIXES = ("out",)


def declared_parameters(path: str | Path) -> list[str]:
    """Names assigned in a notebook's ``parameters`` cell, in order."""
    import nbformat

    nb = nbformat.read(Path(path), as_version=4)
    names: list[str] = []
    for cell in nb.cells:
        if PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            for match in re.finditer(r"^([A-Za-z_]\w*)\s*=", cell.source, flags=re.MULTILINE):
                if match.group(1) not in names:
                    names.append(match.group(1))
    return names


def resolve_path_parameters(parameters: Mapping[str, Any], *, cwd: str | Path | None = None) -> dict[str, Any]:
    """Path parameters (see :data:`PATH_PARAMETER_SUFFIXES`) made absolute from ``cwd`` (default: the
    current folder); raises :class:`~analysis.errors.ConfigurationError` for an input path that does not
    exist, saying where it was looked for."""
    from .errors import ConfigurationError

    base = Path(cwd) if cwd is not None else Path.cwd()
    resolved: dict[str, Any] = {}
    for name, value in parameters.items():
        if isinstance(value, str) and value and name.endswith(PATH_PARAMETER_SUFFIXES):
            path = Path(value).expanduser()
            absolute = path if path.is_absolute() else base / path
            if not name.startswith(OUTPUT_PARAMETER_PREFIXES) and not absolute.exists():
                raise ConfigurationError(
                    f"-p {name}: not found: {value} (looked for {os.path.normpath(absolute)}; relative paths are "
                    f"relative to the current folder, {base})"
                )
            value = os.path.normpath(absolute)
        resolved[name] = value
    return resolved


def _progress(paths: Sequence[Path]) -> Any:
    """Notebooks with a progress bar on stderr when it is a terminal (otherwise just the paths)."""
    from .progress import bar

    shown = bar(paths, total=len(paths), desc="notebooks", unit="notebook")
    return paths if shown is None else shown


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return _handler(args)


def _handler(args: argparse.Namespace) -> int:
    """Execute and/or render the notebooks; exit status 2 for a usage mistake, 1 when a notebook failed."""
    import time

    from .errors import ConfigurationError

    if not (args.execute or args.render):
        print("nothing to do: pass --execute and/or --render", file=sys.stderr)
        return 2
    if args.parameter and args.output is None:
        print("error: -p needs --output (parametrised runs never overwrite the committed notebooks)", file=sys.stderr)
        return 2
    if args.timeout < 1:
        print(f"error: --timeout: expected at least 1 second, not {args.timeout}", file=sys.stderr)
        return 2
    if args.parameter and args.render:
        # a parametrised run is another corpus's: its reports go beside its notebooks, never over the project's
        if args.reports is None:
            args.reports = args.output / "reports"
        elif config.same_folder(args.reports, config.REPORTS_DIR):
            print(f"error: --reports: {args.reports} holds the project's own reports; give another folder for a "
                  f"parametrised run, or leave --reports out to write them into {args.output / 'reports'}", file=sys.stderr)
            return 2
    from nbclient.exceptions import CellExecutionError

    try:
        paths = notebook_paths(args.notebooks)
    except FileNotFoundError as exc:
        print(f"error: {exc} (relative paths are relative to the current folder, {Path.cwd()})", file=sys.stderr)
        return 2
    if not paths:
        print(f"error: no notebooks matching {NOTEBOOK_PATTERN} in {config.NOTEBOOKS_DIR}", file=sys.stderr)
        return 2
    parameters = {name: _literal(value) for name, value in args.parameter}
    try:
        declared = {name for path in paths for name in declared_parameters(path)}
        unknown = [name for name in parameters if name not in declared]
        if unknown:
            raise ConfigurationError(f"-p {unknown[0]}: no such parameter in the parameters cell of "
                                     f"{', '.join(p.name for p in paths)}; expected one of {', '.join(sorted(declared))}")
        parameters = resolve_path_parameters(parameters)
    except ConfigurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    status = 0
    started = time.perf_counter()
    executed = rendered = failed = 0
    for path in _progress(paths):
        target = path if args.output is None else args.output / path.name
        if args.execute:
            try:
                nb = execute_notebook(path, parameters=parameters or None, timeout=args.timeout)
            except CellExecutionError as exc:
                print(f"error: {path.name} failed (left unchanged):\n{exc}", file=sys.stderr)
                status = 1
                failed += 1
                continue
            changed = _write_notebook(nb, target)
            executed += 1
            print(f"{path.name}: executed{' (changed)' if changed else ' (unchanged)'}")
        if args.render:
            html_path = render_html(target, out_dir=args.reports)
            rendered += 1
            print(f"{path.name}: rendered {html_path.name}")
    parts = [f"{executed} notebook(s) executed"] if args.execute else []
    parts += [f"{rendered} rendered"] if args.render else []
    parts += [f"{failed} failed"] if failed else []
    print(f"{', '.join(parts)} in {time.perf_counter() - started:.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
