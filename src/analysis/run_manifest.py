"""What a run's tables depend on, by content: the run manifest written next to the tables.

Every ``analysis run`` writes ``run_manifest.json`` into its output folder: the corpus files it read (path
relative to the corpus folder, size and content hash), the lexicon files it used (the packaged ones or the
user's, by content hash), the run options that change the tables, and the package version with a hash of
its code. :func:`changes` compares a folder's manifest with what a run would depend on now, so a notebook
re-runs the pipeline exactly when the tables would differ: an edited lexicon or another one, an edited or
added corpus file, an upgraded package. File dates play no part: a fresh clone, a copy or ``touch`` gives
every file a new date and changes nothing.

The manifest is reproducible: no dates, no absolute paths, keys sorted, so the same inputs give the same
bytes on any machine and in any folder. Contents are hashed with BLAKE2b in 1 MiB chunks (memory stays
flat; a 300 MB corpus takes about half a second from the page cache).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, config, schema

if TYPE_CHECKING:  # the pipeline imports this module to write the manifest
    from .pipeline import RunOptions

__all__ = [
    "MANIFEST_NAME",
    "FORMAT",
    "LEXICON_OPTIONS",
    "ALWAYS_PACKAGED",
    "NOT_IN_OUTPUTS",
    "file_digest",
    "corpus_files",
    "lexicon_files",
    "output_options",
    "package_code_digest",
    "current_manifest",
    "manifest_text",
    "read_manifest",
    "write_manifest",
    "remove_manifest",
    "changes",
]

#: The manifest's file name in a tables folder (declared with the run's other files in :mod:`analysis.schema`).
MANIFEST_NAME = schema.RUN_MANIFEST
#: Bumped when the manifest's layout changes (a manifest of another format counts as stale).
FORMAT = 1
_CHUNK = 1 << 20

#: Run options naming a lexicon file -> (the manifest's name for the lexicon, the packaged file used when None).
LEXICON_OPTIONS: Mapping[str, tuple[str, str]] = {
    "actor_lexicon": ("actors", "actors.yaml"),
    "stance_lexicon": ("stance", "stance.yaml"),
    "relation_lexicon": ("relations", "relations.yaml"),
    "outlet_lexicon": ("outlets", "outlets.yaml"),
    "boilerplate_lexicon": ("boilerplate", "boilerplate.yaml"),
}
#: Lexicon files every run reads from the package, whatever the options (name -> packaged file).
ALWAYS_PACKAGED: Mapping[str, str] = {"actor_rules": "actor_rules.yaml"}
#: Run options that leave every table byte for byte as it is: where things are read and written, and how
#: the work is spread over processes.
NOT_IN_OUTPUTS: frozenset[str] = frozenset({"raw_dir", "out_dir", "workers", "engine", "scheduler"})


# --- what is hashed ------------------------------------------------------------------------------------
def file_digest(path: str | Path) -> str:
    """BLAKE2b (128-bit) of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.blake2b(digest_size=16)
    with Path(path).open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def corpus_files(raw_dir: str | Path) -> list[Path]:
    """Every file a run on ``raw_dir`` reads or lists: all files at any depth but those under a name that
    starts with ``.`` (as :func:`analysis.corpus.iter_corpus`), ``metadata.csv`` included; sorted by path."""
    root = Path(raw_dir)
    files = [p for p in root.rglob("*")
             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _file_entry(path: Path) -> dict[str, Any]:
    try:
        return {"bytes": path.stat().st_size, "blake2b": file_digest(path)}
    except OSError:  # unreadable: the run lists it in errors.csv; it counts as changed once readable
        return {"bytes": None, "blake2b": None}


def lexicon_files(options: RunOptions) -> dict[str, tuple[Path, bool]]:
    """The lexicon files a run with ``options`` reads: name -> (path, whether it is the packaged file)."""
    files: dict[str, tuple[Path, bool]] = {}
    for option, (name, packaged) in LEXICON_OPTIONS.items():
        given = getattr(options, option, None)
        files[name] = (Path(given), False) if given is not None else (config.LEXICON_DIR / packaged, True)
    for name, packaged in ALWAYS_PACKAGED.items():
        files[name] = (config.LEXICON_DIR / packaged, True)
    return files


def _jsonable(name: str, value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(f"{name}.{k}", v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, (tuple, list)):
        return [_jsonable(name, v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"run option {name} ({type(value).__name__}) has no place in the run manifest: a file "
                    f"belongs in LEXICON_OPTIONS, an option that leaves the tables as they are in NOT_IN_OUTPUTS")


def output_options(options: RunOptions) -> dict[str, Any]:
    """The run options that change the tables (every field of ``RunOptions`` but the lexicon files, which
    are hashed by content, and :data:`NOT_IN_OUTPUTS`), as JSON values."""
    return {f.name: _jsonable(f.name, getattr(options, f.name)) for f in dataclasses.fields(options)
            if f.name not in NOT_IN_OUTPUTS and f.name not in LEXICON_OPTIONS}


def package_code_digest(package_dir: str | Path | None = None) -> str:
    """BLAKE2b over the package's Python files (relative path and bytes of each, in path order); the
    installed package by default."""
    root = Path(package_dir if package_dir is not None else config.PACKAGE_DIR)
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(root.rglob("*.py"), key=lambda p: p.relative_to(root).as_posix()):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def current_manifest(options: RunOptions) -> dict[str, Any]:
    """The manifest of a run with ``options`` on its corpus as the files are now (nothing is written)."""
    raw_dir = Path(options.raw_dir)
    lexicons = {}
    for name, (path, packaged) in lexicon_files(options).items():
        lexicons[name] = {"file": path.name, "packaged": packaged, **_file_entry(path)}
    return {
        "format": FORMAT,
        "package": {"version": __version__, "code_blake2b": package_code_digest()},
        "options": output_options(options),
        "lexicons": lexicons,
        "corpus": {p.relative_to(raw_dir).as_posix(): _file_entry(p) for p in corpus_files(raw_dir)},
    }


# --- the file ------------------------------------------------------------------------------------------
def manifest_text(manifest: Mapping[str, Any]) -> str:
    """The manifest as written: JSON with sorted keys, two-space indent, UTF-8 names as they are, final newline."""
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def read_manifest(tables_dir: str | Path) -> dict[str, Any] | None:
    """The manifest of a tables folder; None when it has none or it cannot be read (tables of an older
    version, or a torn file)."""
    path = Path(tables_dir) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_manifest(tables_dir: str | Path, manifest: Mapping[str, Any]) -> Path:
    """Write the manifest into the tables folder (under a temporary name, then moved into place)."""
    path = Path(tables_dir) / MANIFEST_NAME
    tmp = path.with_name(f".{MANIFEST_NAME}.tmp")
    tmp.write_text(manifest_text(manifest), encoding="utf-8", newline="\n")
    os.replace(tmp, path)
    return path


def remove_manifest(tables_dir: str | Path) -> None:
    """Take the manifest away before a run replaces the tables: a run that dies half way leaves tables
    no manifest vouches for, so the next check runs again."""
    (Path(tables_dir) / MANIFEST_NAME).unlink(missing_ok=True)


def corpus_of_tables(tables_dir: str | Path) -> tuple[Path | None, str]:
    """The corpus folder a tables folder was written from, so a kwic or an audit reads the texts its offsets
    point into. Tried in turn: the folder the default naming gives (``data/raw`` for ``data/processed``,
    ``<corpus>`` for ``<corpus>-processed``), then the project's ``data/raw``; a folder is taken when it holds
    every file the run's manifest lists. Returns the folder (or None) and, when it is None or its files have
    changed size since the run, the reason in words."""
    tables = Path(tables_dir).resolve()
    manifest = read_manifest(tables)
    recorded = manifest.get("corpus") if manifest else None
    if not isinstance(recorded, dict):
        return None, f"{tables_dir} has no run manifest naming its corpus files"
    from .corpus import METADATA_FILE

    # the texts alone: a metadata file filtered or extended moves no offset
    recorded = {name: entry for name, entry in recorded.items() if Path(name).name != METADATA_FILE}
    candidates = []
    if config.same_folder(tables, config.PROCESSED_DIR):
        candidates.append(Path(config.RAW_DIR))
    elif tables.name.endswith("-processed") and len(tables.name) > len("-processed"):
        candidates.append(tables.with_name(tables.name[: -len("-processed")]))
    candidates.append(Path(config.RAW_DIR))
    for candidate in dict.fromkeys(candidates):
        if not candidate.is_dir():
            continue
        current = {p.relative_to(candidate).as_posix(): p for p in corpus_files(candidate)}
        if not recorded.keys() <= current.keys():
            continue
        changed = sorted(name for name, entry in recorded.items()
                         if isinstance(entry, dict) and entry.get("bytes") != current[name].stat().st_size)
        if changed:
            return candidate, f"files of {candidate} changed since the run (offsets may not match): {_names(changed)}"
        return candidate, ""
    tried = ", ".join(str(c) for c in dict.fromkeys(candidates))
    return None, f"no folder holds the {len(recorded)} text file(s) its run manifest lists; tried {tried}"


# --- comparing -----------------------------------------------------------------------------------------
def _names(paths: list[str], limit: int = 3) -> str:
    shown = ", ".join(paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


def _corpus_changes(recorded: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    out = []
    changed = sorted(p for p in recorded.keys() & current.keys() if recorded[p] != current[p])
    added = sorted(current.keys() - recorded.keys())
    removed = sorted(recorded.keys() - current.keys())
    for what, paths in (("changed", changed), ("added", added), ("removed", removed)):
        if paths:
            noun = "corpus file" if len(paths) == 1 else f"{len(paths)} corpus files"
            out.append(f"{noun} {what}: {_names(paths)}")
    return out


def _lexicon_label(entry: Mapping[str, Any]) -> str:
    return f"packaged {entry.get('file')}" if entry.get("packaged") else str(entry.get("file"))


def _lexicon_changes(recorded: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    out = []
    for name in sorted(recorded.keys() | current.keys()):
        before, now = recorded.get(name), current.get(name)
        if not isinstance(before, Mapping) or not isinstance(now, Mapping):
            out.append(f"{name} lexicon {'added' if before is None else 'removed' if now is None else 'changed'}")
        elif before.get("blake2b") != now.get("blake2b"):  # the same content under another name reads the same
            if (before.get("file"), before.get("packaged")) != (now.get("file"), now.get("packaged")):
                out.append(f"{name} lexicon is another file ({_lexicon_label(now)}; the tables used "
                           f"{_lexicon_label(before)})")
            else:
                out.append(f"{name} lexicon {now.get('file')} changed")
    return out


def changes(recorded: Mapping[str, Any] | None, current: Mapping[str, Any]) -> list[str]:
    """What differs between a tables folder's manifest (``recorded``, None when there is none) and the
    current inputs, in words; empty when the tables are those a run would write now."""
    if recorded is None:
        return [f"the tables have no {MANIFEST_NAME} (written by an older version, or a run that did not finish)"]
    if recorded.get("format") != current.get("format"):
        return [f"{MANIFEST_NAME} is of another format ({recorded.get('format')!r}, now {current.get('format')!r})"]
    out = _corpus_changes(recorded.get("corpus") or {}, current.get("corpus") or {})
    out += _lexicon_changes(recorded.get("lexicons") or {}, current.get("lexicons") or {})
    before_opts, now_opts = recorded.get("options") or {}, current.get("options") or {}
    for name in sorted(before_opts.keys() | now_opts.keys()):
        if before_opts.get(name) != now_opts.get(name):
            out.append(f"run option {name} differs (the tables: {json.dumps(before_opts.get(name))}, "
                       f"now: {json.dumps(now_opts.get(name))})")
    before_pkg, now_pkg = recorded.get("package") or {}, current.get("package") or {}
    if before_pkg.get("version") != now_pkg.get("version"):
        out.append(f"analysis package version differs (the tables: {before_pkg.get('version')}, now: {now_pkg.get('version')})")
    elif before_pkg.get("code_blake2b") != now_pkg.get("code_blake2b"):
        out.append("analysis package code changed")
    return out
