"""The parts a run is declared from: per-document *components* and *summary steps*, with their checks.

A :class:`Component` names the layers of a :class:`~analysis.doc.Doc` it reads and assigns and the row
tables it writes; :func:`check_components` refuses a chain in which a component reads a layer nobody before
it assigned, or two components assign one layer or write one table. A :class:`SummaryStep` reads row
tables and writes declared summary tables (:func:`check_summary_steps`). The chain itself (the documents
component first) is declared in :mod:`analysis.pipeline`, which runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cleaning, schema
from .corpus import METADATA_FIELDS
from .doc import BASE_LAYERS, LAYERS, SPAN_LAYERS, Doc
from .errors import ConfigurationError

if TYPE_CHECKING:
    from .pipeline import RunOptions

Rows = dict[str, list[dict[str, Any]]]


class Resources:
    """Compiled lexicons and matchers, built once per process (they are costly and read-only)."""

    def __init__(self, options: RunOptions):
        self.options = options
        self._cache: dict[str, Any] = {}

    def get(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]


def _documents_and_sentences(doc: Doc, resources: Resources) -> Rows:
    document, seg = doc.document, doc.seg
    cleaned, spans, cleaning_rows = cleaning.document_cleaning(document, resources)
    doc.boilerplate = spans
    row = {
        "doc_id": document.doc_id,
        "path": document.path,
        "encoding": document.encoding,
        "n_chars": len(document.text),
        "n_paragraphs": len(seg.paragraphs),
        "n_sentences": len(seg.sentences),
        "n_tokens": seg.n_tokens,
        **{k: document.metadata.get(k, "") for k in METADATA_FIELDS},
        "sha256": document.content_hash,
        **cleaned,
    }
    sentences = [
        {
            "doc_id": document.doc_id,
            "sentence_id": s.sentence_id,
            "paragraph_id": s.paragraph_id,
            "start": s.start,
            "end": s.end,
            "is_headline": s.is_headline,
            "is_repeated": s.is_repeated,
            "text": document.text[s.start : s.end],
        }
        for s in seg.sentences
    ]
    return {"documents": [row], "sentences": sentences, **cleaning_rows}


# --- the declared components and summary steps ---------------------------------------------------------

@dataclass(frozen=True)
class Component:
    """One step of the per-document chain: what it reads, what it adds to the :class:`Doc`, what it writes.

    ``run`` assigns the layers named in ``assigns`` on the document and returns its rows, keyed by the row
    tables named in ``tables`` (each declared in :mod:`analysis.schema`).
    """

    name: str
    run: Callable[[Doc, Resources], Rows]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    tables: tuple[str, ...]


@dataclass(frozen=True)
class SummaryStep:
    """One summary builder: it reads row tables of the run (``reads``) and writes summary tables and files.

    ``run(options, paths)`` gets the written (counted) row tables by name and returns the paths it wrote;
    ``writes`` names the declared tables among them (graph files are not tables)."""

    name: str
    run: Callable[[RunOptions, dict[str, Path]], list[Path]]
    reads: tuple[str, ...]
    writes: tuple[str, ...]


def check_components(components: Sequence[Component]) -> tuple[Component, ...]:
    """The components in order, or :class:`~analysis.errors.ConfigurationError` when one of them requires a
    layer that no component before it assigns (naming both), assigns a layer twice, or writes a table that
    is not a declared row table or that another component writes too."""
    available = {layer: "the pipeline" for layer in BASE_LAYERS}
    tables: dict[str, str] = {}
    for component in components:
        for layer in component.requires:
            if layer not in LAYERS:
                raise ConfigurationError(f"component {component.name!r} requires {layer!r}, which is not a layer "
                                         f"of a document (layers: {', '.join(LAYERS)})")
            if layer not in available:
                later = [c.name for c in components if layer in c.assigns]
                assigner = (f"it is assigned by {later[0]!r}, which comes after it" if later
                            else "no component assigns it")
                raise ConfigurationError(f"component {component.name!r} requires the {layer!r} layer, but no "
                                         f"component before it assigns that layer ({assigner})")
        for layer in component.assigns:
            if layer not in SPAN_LAYERS:
                raise ConfigurationError(f"component {component.name!r} assigns {layer!r}, which is not a span "
                                         f"layer (span layers: {', '.join(SPAN_LAYERS)})")
            if layer in available:
                raise ConfigurationError(f"components {available[layer]!r} and {component.name!r} both assign "
                                         f"the {layer!r} layer")
            available[layer] = component.name
        for name in component.tables:
            declared = schema.find_table(name)
            if declared is None or declared.kind != "row":
                raise ConfigurationError(f"component {component.name!r} writes {name!r}, which is not a row "
                                         f"table declared in analysis.schema")
            if name in tables:
                raise ConfigurationError(f"components {tables[name]!r} and {component.name!r} both write the "
                                         f"{name!r} table")
            tables[name] = component.name
    return tuple(components)


def check_summary_steps(steps: Sequence[SummaryStep], components: Sequence[Component]) -> tuple[SummaryStep, ...]:
    """The summary steps, or :class:`~analysis.errors.ConfigurationError` when one reads a table that no
    component writes or writes a table that is not a declared summary table."""
    written = {name for component in components for name in component.tables}
    for step in steps:
        for name in step.reads:
            if name not in written:
                raise ConfigurationError(f"summary step {step.name!r} reads the {name!r} table, which no "
                                         f"component writes")
        for name in step.writes:
            declared = schema.find_table(name)
            if declared is None or declared.kind != "summary":
                raise ConfigurationError(f"summary step {step.name!r} writes {name!r}, which is not a summary "
                                         f"table declared in analysis.schema")
    return tuple(steps)
