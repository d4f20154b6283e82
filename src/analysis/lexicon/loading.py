"""Reading a lexicon file into its model, and compiling it once per content.

* :func:`load_model` reads a file, validates it against its model (:mod:`.models`) and turns the first
  mistake into a one-line :class:`~analysis.errors.ConfigurationError`: ``FILE:LINE: KEY: what is wrong;
  what is allowed``.
* :func:`compiled` is how every module builds its compiled lexicon (matchers, automata, labels): the
  result is cached in memory by the SHA-256 of the file's bytes (with the kind, the normalization and the
  path it is reported under), so an edited file is compiled afresh and everything built from one content
  (labels, colours, rollup and matchers) comes from the same bytes. Across processes the compiled object
  is kept on disk (:mod:`.disk_cache`), keyed by every input of the build.
"""

from __future__ import annotations

import difflib
import hashlib
import typing
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .. import config
from ..errors import ConfigurationError
from . import disk_cache
from .source import LexiconSource, read_source

if TYPE_CHECKING:  # pydantic and the models are imported when a file is validated, not by a warm start
    from pydantic import BaseModel, ValidationError

__all__ = ["DEFAULT_PATHS", "KINDS", "load_model", "compiled", "infer_kind", "json_schema", "clear_cache",
           "validation_error"]

T = TypeVar("T")

#: The kinds of lexicon file, in the order ``analysis lexicon`` lists them (each has its model in
#: :data:`.models.MODELS`). Named here so that finding a compiled lexicon in the cache needs no model.
KINDS: tuple[str, ...] = ("actors", "stance", "relations", "synth_templates")
#: Lexicon kind -> the packaged file.
DEFAULT_PATHS: dict[str, Path] = {kind: config.LEXICON_DIR / f"{kind}.yaml" for kind in KINDS}
_WHAT = {"actors": "actor lexicon", "stance": "stance lexicon", "relations": "relation lexicon",
         "synth_templates": "template file"}
_MAX_MODELS = 16
_MAX_COMPILED = 16
_MODELS: OrderedDict[tuple[str, str], BaseModel] = OrderedDict()
_COMPILED: OrderedDict[tuple[Any, ...], Any] = OrderedDict()


def clear_cache() -> None:
    """Forget every validated model and compiled lexicon (the next load reads and compiles again)."""
    _MODELS.clear()
    _COMPILED.clear()


def _path(path: str | Path | None, kind: str) -> str:
    if kind not in KINDS:
        raise ConfigurationError(f"unknown lexicon kind {kind!r}; one of: {', '.join(KINDS)}")
    return str(Path(path) if path is not None else DEFAULT_PATHS[kind])


def load_model(path: str | Path | None, kind: str) -> tuple[BaseModel, LexiconSource]:
    """The validated model of a lexicon file (the packaged one of ``kind`` by default) and its source."""
    source = read_source(_path(path, kind), _WHAT[kind])
    return _validated(source, kind), source


def _validated(source: LexiconSource, kind: str) -> BaseModel:
    key = (kind, source.sha256)
    model = _MODELS.get(key)
    if model is not None:
        _MODELS.move_to_end(key)
        return model
    if not isinstance(source.data, dict):
        shape = "empty" if source.data is None else f"a {type(source.data).__name__}"
        raise source.error((), f"a {_WHAT[kind]} is a YAML mapping of keys (version: 1, ...), but this file is {shape}")
    from pydantic import ValidationError

    from .models import MODELS

    try:
        model = MODELS[kind].model_validate(source.data)
    except ValidationError as exc:
        raise validation_error(exc, source, MODELS[kind]) from None
    _MODELS[key] = model
    while len(_MODELS) > _MAX_MODELS:
        _MODELS.popitem(last=False)
    return model


def compiled(kind: str, path: str | Path | None, build: Callable[..., T], *options: Any, product: str | None = None) -> T:
    """``build(model, source, *options)`` for the lexicon file, cached by its content hash (and ``options``).

    ``product`` names what is built when it is not the lexicon itself (the speaker rules of a stance
    file): its disk entries are kept apart from the lexicon's."""
    shown = _path(path, kind)
    what = product or kind
    try:
        raw = Path(shown).read_bytes()
    except OSError:
        raw = None  # read_source below names the problem
    if raw is not None:
        sha256 = hashlib.sha256(raw).hexdigest()
        key = (what, sha256, shown, *options)
        hit = _COMPILED.get(key)
        if hit is not None:
            _COMPILED.move_to_end(key)
            return hit
        # another process may have compiled these very inputs: its pickle is on disk (see .disk_cache)
        entry = disk_cache.entry_path(kind, sha256, shown, build, options, product=product)
        if entry is not None:
            result = disk_cache.load_or_build(entry, lambda: build(*load_model(shown, kind), *options))
            _remember(key, result)
            return result
    model, source = load_model(shown, kind)
    result = build(model, source, *options)
    _remember((what, source.sha256, shown, *options), result)
    return result


def _remember(key: tuple[Any, ...], result: Any) -> None:
    _COMPILED[key] = result
    while len(_COMPILED) > _MAX_COMPILED:
        _COMPILED.popitem(last=False)


# --- one line per mistake ----------------------------------------------------------------------------------

def validation_error(exc: ValidationError, source: LexiconSource, root: type[BaseModel]) -> ConfigurationError:
    """The first mistake (by line) of a pydantic error as a one-line ConfigurationError."""
    errors = exc.errors(include_url=False)
    # a misspelt required key is both an unknown key and a missing one: one mistake, named by the unknown key
    misspelt = set()
    for e in errors:
        loc = _data_loc(e["loc"])
        if e["type"] == "extra_forbidden":
            for close in difflib.get_close_matches(str(loc[-1]), _allowed_keys(root, loc[:-1]), n=1):
                misspelt.add((*loc[:-1], close))
    errors = [e for e in errors if not (e["type"] == "missing" and _data_loc(e["loc"]) in misspelt)] or errors
    errors.sort(key=lambda e: (e["type"] == "missing", source.line_of(_data_loc(e["loc"]))))
    first = errors[0]
    loc = _data_loc(first["loc"])
    kind = first["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(root, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        message = "unknown key" + (f" (did you mean {close[0]!r}?)" if close else "")
        message += f"; allowed here: {', '.join(allowed)}" if allowed else ""
    elif kind == "missing":
        message = "required key missing"
    elif kind == "literal_error":
        message = f"must be one of {first['ctx']['expected']}, not {_shown(first.get('input'))}"
    elif kind == "too_short":
        n = first["ctx"]["min_length"]
        message = f"must hold at least {n} item{'s' if n > 1 else ''}, not {_shown(first.get('input'))}"
    elif kind == "string_pattern_mismatch" and first.get("ctx", {}).get("pattern") in _PATTERNS:
        message = f"{_PATTERNS[first['ctx']['pattern']]}, not {_shown(first.get('input'))}"
    else:
        message = f"{first['msg']}, not {_shown(first.get('input'))}"
    more = len(errors) - 1
    if more:
        message += f" (and {more} more mistake{'s' if more > 1 else ''} after this one)"
    return source.error(loc, message)


_PATTERNS = {
    r"^[A-Z][A-Z0-9_]*$": "must be an UPPER_SNAKE_CASE code (SDF, SYRIAN_GOV)",
    r"^#[0-9A-Fa-f]{6}$": "must be a colour written #RRGGBB",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "must be a date written YYYY, YYYY-MM or YYYY-MM-DD",
    r"\S": "must not be blank",
}


def _data_loc(loc: Sequence[Any]) -> tuple[Any, ...]:
    """A pydantic location without its schema-only parts (``[key]``, union member names)."""
    return tuple(p for p in loc if isinstance(p, int) or (isinstance(p, str) and not p.startswith(("[", "function-"))
                                                          and "[" not in p))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _allowed_keys(root: type[BaseModel], loc: Sequence[Any]) -> list[str]:
    """The keys the model at ``loc`` accepts (by their YAML names), or [] when there is no model there."""
    tp: Any = root
    for part in loc:
        tp = _step(tp, part)
        if tp is None:
            return []
    model = _model_of(tp)
    if model is None:
        return []
    return sorted((f.alias or name) for name, f in model.model_fields.items())


def _model_of(tp: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel

    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):
        found = _model_of(arg) if typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType", None),
                                                           typing.Annotated) else None
        if found is not None:
            return found
    return None


def _step(tp: Any, part: Any) -> Any:
    model = _model_of(tp)
    if model is not None:
        for name, f in model.model_fields.items():
            if part in (name, f.alias):
                return f.annotation
        return None
    while typing.get_origin(tp) is typing.Annotated or typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        tp = args[0]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list and isinstance(part, int):
        return args[0]
    if origin is dict and isinstance(part, str):
        return args[1]
    if origin is tuple and isinstance(part, int):
        return args[min(part, len(args) - 1)]
    return None


# --- kinds and schemas ------------------------------------------------------------------------------------

_KEYS_OF = {
    "actors": {"actors", "head_sets", "non_actor_heads", "exclude", "place_cues", "spelling_variants"},
    "stance": {"reporting_verbs", "cues", "attribution", "according_to", "qad_hedge", "quotes", "naming", "morphology"},
    "relations": {"relations", "clauses", "negators", "negation_window", "agent_prepositions", "attachment_words"},
    "synth_templates": {"headlines", "sentences", "captions", "clitics", "quote_marks", "verbs_present"},
}


def infer_kind(path: str | Path) -> str:
    """The kind of a lexicon file: from its top-level keys, else from its name (``my-actors.yaml``)."""
    source = read_source(path)
    if isinstance(source.data, dict):
        keys = set(source.data)
        scores = {kind: len(keys & marks) for kind, marks in _KEYS_OF.items()}
        best = max(scores.values())
        if best and list(scores.values()).count(best) == 1:
            return max(scores, key=scores.__getitem__)
    name = Path(path).name.lower()
    for kind, word in (("synth_templates", "template"), ("actors", "actor"), ("stance", "stance"), ("relations", "relation")):
        if word in name:
            return kind
    raise source.error((), f"cannot tell which kind of lexicon this is; pass --kind ({'|'.join(KINDS)})")


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a lexicon kind (what ``lexicons/schema/<kind>.schema.json`` holds)."""
    from .models import MODELS

    if kind not in MODELS:
        raise ConfigurationError(f"unknown lexicon kind {kind!r}; one of: {', '.join(KINDS)}")
    schema = MODELS[kind].model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"analysis/lexicons/schema/{kind}.schema.json"
    return schema
