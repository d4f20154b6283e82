"""Compiled lexicons kept on disk between runs, keyed by everything they are built from.

Compiling the actor, stance and relation lexicons (spelling variants, nisba forms, automata) takes about a
second, paid again by every ``analysis run``, notebook and command. The compiled object is pickled under a
user cache folder (so are the speaker rules of a stance file and the normalization table), named by a
SHA-256 over every input of the build:

* the lexicon file's bytes and the path it is reported under, the lexicon kind, the build options
  (normalization steps, the product asked for);
* every packaged lexicon file (rule files such as ``actor_rules.yaml`` are read by the compilers too);
* the package's version and the bytes of its Python sources (a changed compiler is a changed input);
* the Python version and the versions of the libraries whose objects are pickled (pyahocorasick, numpy).

So a cached object is only ever found for exactly the inputs it was built from, and labels, rollup and
matchers built from one content cannot disagree after an edit. An entry that cannot be read back (torn,
corrupt, from an incompatible library) is built again and overwritten, never an error.

Where: ``$ANALYSIS_CACHE_DIR`` when set (``off``, ``0`` or an empty value turn the disk cache off), else
``$XDG_CACHE_HOME/analysis``, else ``~/.cache/analysis``; entries live in its ``lexicons/`` folder (the newest
few per kind are kept) and can be deleted at any time. Pickles are loaded only from this folder, which belongs to the user running the tool.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["cache_dir", "entry_path", "load_or_build", "built", "ENV_VAR"]

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Environment variable that moves the cache (a folder) or turns it off (``off``, ``0``, empty).
ENV_VAR = "ANALYSIS_CACHE_DIR"
_OFF = {"", "0", "off", "no", "false", "none"}
#: Bumped when the layout of entries changes.
_FORMAT = 1
#: Entries kept per lexicon kind (the newest): each edit of a lexicon or of the code makes a new one.
KEEP_PER_KIND = 4
#: Entries of at least this many bytes are frozen out of the garbage collector's reach once loaded.
_FREEZE_BYTES = 1_000_000


def cache_dir() -> Path | None:
    """The folder of compiled lexicons, or None when the disk cache is turned off."""
    value = os.environ.get(ENV_VAR)
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value).expanduser() / "lexicons"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "analysis" / "lexicons"


@lru_cache(maxsize=1)
def _environment_digest() -> str:
    """What every entry depends on besides its own lexicon: sources, packaged lexicons, versions."""
    from .. import __version__, config

    digest = hashlib.sha256()
    digest.update(f"format {_FORMAT}\0analysis {__version__}\0python {sys.version}\0".encode())
    for module in ("ahocorasick", "numpy", "pydantic", "yaml"):
        digest.update(f"{module} {_version_of(module)}\0".encode())
    package = Path(__file__).resolve().parent.parent
    for folder, pattern in ((package, "*.py"), (Path(config.LEXICON_DIR), "*.yaml")):
        for path in sorted(Path(folder).rglob(pattern)):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _version_of(module: str) -> str:
    from importlib import metadata

    names = {"ahocorasick": "pyahocorasick", "yaml": "PyYAML"}
    try:
        return metadata.version(names.get(module, module))
    except metadata.PackageNotFoundError:
        return "absent"


def entry_path(kind: str, content_sha256: str, shown: str, build: Callable[..., Any], options: tuple[Any, ...],
               *, product: str | None = None) -> Path | None:
    """Where the compiled lexicon of these inputs is kept (None when the cache is off); ``product`` names
    the entry when what is built from the file is not the lexicon itself (``speakers-...``)."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256()
    for part in (kind, content_sha256, shown, f"{build.__module__}.{build.__qualname__}", repr(options),
                 _environment_digest()):
        digest.update(str(part).encode("utf-8") + b"\0")
    return folder / f"{product or kind}-{digest.hexdigest()[:32]}.pickle"


def built(product: str, build: Callable[..., T], *options: Any) -> T:
    """``build(*options)`` kept on disk like a compiled lexicon, for a table made from the package's code
    and the Python version alone (no lexicon file: the normalization table, say); same key, same folder."""
    return load_or_build(entry_path(product, "", "", build, options), lambda: build(*options))


def load_or_build(path: Path | None, build: Callable[[], T]) -> T:
    """The object cached at ``path``; else ``build()``, stored there for the next process."""
    if path is not None and path.exists():
        try:
            return _unpickled(path)
        except Exception as exc:  # a torn or stale entry: build it again
            log.warning("compiled lexicon cache entry %s is unreadable (%s); building it again", path.name, exc)
    result = build()
    if path is not None:
        _store(path, result)
    return result


def _unpickled(path: Path) -> Any:
    """The pickled object at ``path``, read with the cyclic garbage collector paused, then frozen.

    A compiled lexicon is hundreds of thousands of small objects (forms, triggers, tuples) that live as
    long as the process and hold no cycles to collect. With the collector running, each batch of new
    objects set off a collection that walked all of them again (loading the relation lexicon took three
    times as long as reading it), and once it ran again the next collections walked them all once more.
    ``gc.freeze()`` moves every object tracked so far out of the collector's reach (as a run does before
    forking its workers); objects made afterwards are collected as usual. Small entries (the speaker
    rules, the normalization table) are not worth freezing the rest of the process for.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as fh:
            value = pickle.load(fh)
            large = fh.tell() >= _FREEZE_BYTES
        if large:
            gc.freeze()
        return value
    finally:
        if enabled:
            gc.enable()


def _store(path: Path, value: Any) -> None:
    """Write the entry through a temporary file and a rename, so a reader never sees half of one."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an object that cannot be pickled is simply not cached
        log.debug("compiled lexicon not cached (%s)", exc)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:  # a read-only or full disk: run without the cache
        log.debug("compiled lexicon not cached at %s (%s)", path, exc)
        return
    _prune(path)


def _prune(written: Path) -> None:
    """Delete the older entries of the same kind beyond :data:`KEEP_PER_KIND` (an actor entry is ~50 MB)."""
    kind = written.name.rsplit("-", 1)[0]
    entries = []
    for entry in written.parent.glob(f"{kind}-*.pickle"):
        if entry.name.rsplit("-", 1)[0] != kind:
            continue
        try:
            entries.append((entry.stat().st_mtime_ns, entry))
        except OSError:
            pass
    for _, entry in sorted(entries, reverse=True)[KEEP_PER_KIND:]:
        if entry != written:
            entry.unlink(missing_ok=True)
