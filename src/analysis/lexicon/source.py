"""A lexicon file as read from disk: its bytes, their SHA-256, the data, and the line of every key.

The data are built from the YAML node tree (``compose``), so each mapping key and each list item keeps
the line it was written on; a validation error's location (``("actors", 3, "aliases", 0, "kind")``)
then names a line of the file. Any mistake in reading (a missing file, broken YAML) is a
:class:`~analysis.errors.ConfigurationError` with a one-line message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigurationError

__all__ = ["LexiconSource", "read_source", "one_line"]

Loc = tuple[Any, ...]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def one_line(text: str, limit: int = 300) -> str:
    """``text`` with every run of whitespace (line breaks included) made one space, at most ``limit`` long."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class LexiconSource:
    """One lexicon file: where it is, its content hash, its data and the line (1-based) of each location."""

    path: str
    sha256: str
    data: Any
    lines: dict[Loc, int]

    def line_of(self, loc: Sequence[Any]) -> int:
        """The line of the longest prefix of ``loc`` that is a location in the file (1 for the top)."""
        loc = tuple(loc)
        for n in range(len(loc), 0, -1):
            line = self.lines.get(loc[:n])
            if line is not None:
                return line
        return self.lines.get((), 1)

    def error(self, loc: Sequence[Any], message: str) -> ConfigurationError:
        """``FILE:LINE: KEY: message`` as one line; KEY is the location (``actors[3].aliases[0].kind``)."""
        where = format_loc(loc, self.data)
        return ConfigurationError(one_line(f"{self.path}:{self.line_of(loc)}: {where + ': ' if where else ''}{message}"))


def format_loc(loc: Sequence[Any], data: Any = None) -> str:
    """``actors[3] (SDF).aliases[0] ('قسد').kind``: indices, and the code or form of the entry when known."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
            if isinstance(data, dict):
                name = next((data[k] for k in ("code", "form", "lemma", "surface", "stem", "variant")
                             if isinstance(data.get(k), str)), None)
                if name is not None:
                    out += f" ({name})" if "code" in data else f" ({name!r})"
        else:
            out += f".{part}" if out else str(part)
            data = data.get(part) if isinstance(data, dict) else None
    return out


def read_source(path: str | Path, what: str = "lexicon") -> LexiconSource:
    """Read ``path`` and record the line of every key and list item; raise ConfigurationError if unreadable."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigurationError(f"{shown}:1: {what} file not found") from None
    except IsADirectoryError:
        raise ConfigurationError(f"{shown}:1: a {what} must be a YAML file, not a folder") from None
    except OSError as exc:
        raise ConfigurationError(one_line(f"{shown}:1: {what} file cannot be read: {exc.strerror or exc}")) from None
    return parse_source(raw, shown)


def parse_source(raw: bytes, shown: str) -> LexiconSource:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigurationError(f"{shown}:{line}: not UTF-8 text (a lexicon is a UTF-8 YAML file)") from None
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        lines: dict[Loc, int] = {}
        if node is not None:
            _record(loader, node, (), lines)
    except _Duplicate as dup:
        loc, first, again = dup.args
        raise ConfigurationError(f"{shown}:{again}: {format_loc(loc, data)}: duplicate key (first written on line "
                                 f"{first}); a key may appear once in a mapping") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        line = max(1, min(line, len(text.splitlines()) or 1))  # an unexpected end is on the last line
        problem = exc.problem or exc.context or "not valid YAML"
        raise ConfigurationError(one_line(f"{shown}:{line}: not valid YAML: {problem} (check the indentation, "
                                          "quotes and brackets of this line and the one before)")) from None
    except yaml.YAMLError as exc:
        raise ConfigurationError(one_line(f"{shown}:1: not valid YAML: {exc}")) from None
    finally:
        loader.dispose()
    return LexiconSource(shown, hashlib.sha256(raw).hexdigest(), data, lines)


class _Duplicate(Exception):
    """(location, first line, repeated line) of a key written twice in one mapping."""


def _record(loader: Any, node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = loader.construct_object(key_node, deep=True)
            if (*loc, key) in lines:  # YAML would keep the last one silently
                raise _Duplicate((*loc, key), lines[(*loc, key)], key_node.start_mark.line + 1)
            lines[(*loc, key)] = key_node.start_mark.line + 1
            _record(loader, value_node, (*loc, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[(*loc, i)] = item.start_mark.line + 1
            _record(loader, item, (*loc, i), lines)
