"""Checking lexicon files: one file (``analysis lexicon check``), or every lexicon a run reads.

A check compiles the file exactly as a run would (model, then the whole-file rules of the compiler), so
a file that passes here is one ``analysis run`` accepts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .loading import DEFAULT_PATHS, KINDS, infer_kind, json_schema
from .rollup import run_rollup

__all__ = ["check_file", "check_run_lexicons", "schema_text", "write_schemas", "SCHEMA_DIR"]

#: Where the committed JSON Schemas live (one per kind, generated from the models).
SCHEMA_DIR = DEFAULT_PATHS["actors"].parent / "schema"


def check_file(path: str | Path, kind: str | None = None, *, normalization: Any = None) -> str:
    """Compile ``path`` as a lexicon of ``kind`` (inferred when None); the ``ok: ...`` line on success.

    Raises ConfigurationError (one line: file, line, key, what is allowed) on any mistake.
    """
    kind = kind or infer_kind(path)
    if kind == "actors":
        from ..actors import load_lexicon

        lex = load_lexicon(path, normalization=normalization)
        counts = f"{len(lex.actors)} actors, {len(lex.entries)} forms"
    elif kind == "stance":
        from ..stance import load_lexicon as load_stance

        stance = load_stance(path, normalization=normalization)
        verbs = len({e.lemma for e in stance.entries if e.category == "reporting_verb"})
        cues = sum(e.category != "reporting_verb" for e in stance.entries)
        counts = f"{verbs} reporting verbs, {cues} cues, {stance.n_keys} forms"
    elif kind == "relations":
        from ..relations import load_lexicon as load_relations

        rel = load_relations(path, normalization=normalization)
        n_forms = sum(len(t) for t in rel.triggers.values())
        counts = f"{len(rel.specs)} relation types, {n_forms} forms"
    else:
        from ..synth import load_bank

        bank = load_bank(path)
        counts = f"{len(bank.templates())} templates"
    return f"ok: {path} ({counts})"


def check_run_lexicons(options: Any) -> None:
    """Compile every lexicon a run reads (with the speaker rules of its stance lexicon), and its rollup,
    before any output file is opened.

    The compiled lexicons are cached (by content, in memory and on disk), so the analyzers reuse them; a
    mistake is a ConfigurationError raised here, with nothing written yet.
    """
    from ..actors import load_lexicon as load_actors
    from ..relations import load_lexicon as load_relations
    from ..speakers import load_rules as load_speaker_rules
    from ..stance import load_lexicon as load_stance

    cfg = getattr(options, "normalization", None)
    actor_lexicon = getattr(options, "actor_lexicon", None)
    stance_lexicon = getattr(options, "stance_lexicon", None)
    load_actors(actor_lexicon, normalization=cfg)
    load_stance(stance_lexicon, normalization=cfg)
    # the same arguments as the stance analyzer's, so it finds these rules in the cache
    load_speaker_rules(str(stance_lexicon or DEFAULT_PATHS["stance"]), cfg, str(actor_lexicon) if actor_lexicon else None)
    load_relations(getattr(options, "relation_lexicon", None), normalization=cfg)
    run_rollup(options)


def schema_text(kind: str) -> str:
    """The JSON Schema of ``kind`` as committed under ``lexicons/schema/`` (sorted, indented, final newline)."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: str | Path = SCHEMA_DIR) -> list[Path]:
    """Write every kind's schema into ``folder`` (``<kind>.schema.json``); returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        paths.append(path)
    return paths
