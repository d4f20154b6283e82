"""One document on its way through the pipeline's components: its text, normalization, segmentation and
typed span layers.

A :class:`Doc` starts with what every component may read (the corpus :class:`~analysis.corpus.Document`,
its :class:`~analysis.normalize.Normalized` text and its :class:`~analysis.segment.Segmentation`); each
component then assigns the span layers it declares (``analysis.pipeline.COMPONENTS``): boilerplate spans,
actor mentions, statements, stance cues, relations. The span types carry their own offsets: raw
``start``/``end`` into ``doc.text`` always, normalized offsets and sentence ids where they have them
(:class:`~analysis.actors.Mention` has ``norm_start``/``norm_end``; mentions, statements, cues and
relations have ``sentence_id``).

Reading a layer that no component has assigned yet raises :class:`LayerNotAssigned` instead of handing
back an empty list: an empty layer ("no mention in this document") and a missing one ("the mention finder
did not run before me") are different things, and the second is a mistake in the component order, which
the pipeline also checks when it starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Generic, TypeVar, overload

if TYPE_CHECKING:  # the span types live with their detectors, which do not import this module
    from .actors import Mention
    from .boilerplate import Span
    from .corpus import Document
    from .normalize import Normalized
    from .relations import Relation
    from .segment import Segmentation
    from .stance import Cue, Statement

__all__ = ["Doc", "LayerNotAssigned", "BASE_LAYERS", "SPAN_LAYERS", "LAYERS"]

#: What every document has before any component runs.
BASE_LAYERS: tuple[str, ...] = ("text", "normalization", "segmentation")
#: The span layers components assign, in the order of the pipeline.
SPAN_LAYERS: tuple[str, ...] = ("boilerplate", "mentions", "statements", "cues", "relations")
LAYERS: tuple[str, ...] = BASE_LAYERS + SPAN_LAYERS

T = TypeVar("T")


class LayerNotAssigned(AttributeError):
    """A span layer was read before any component assigned it."""


class _Layer(Generic[T]):
    """A span layer of :class:`Doc`: a list of spans of one type, read-only once read, unset until assigned."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.slot = "_" + name

    @overload
    def __get__(self, doc: None, owner: type) -> _Layer[T]: ...
    @overload
    def __get__(self, doc: Doc, owner: type) -> list[T]: ...

    def __get__(self, doc: Doc | None, owner: type) -> _Layer[T] | list[T]:
        if doc is None:
            return self
        value = getattr(doc, self.slot)
        if value is None:
            raise LayerNotAssigned(
                f"{doc.doc_id}: the {self.name!r} layer has not been assigned (no component before this one "
                f"assigns it)"
            )
        return value

    def __set__(self, doc: Doc, spans: Sequence[T]) -> None:
        setattr(doc, self.slot, list(spans))


class Doc:
    """A document with its normalization, segmentation and span layers (see the module docstring)."""

    __slots__ = ("document", "norm", "seg", "_boilerplate", "_mentions", "_statements", "_cues", "_relations")

    boilerplate: _Layer[Span] = _Layer()
    mentions: _Layer[Mention] = _Layer()
    statements: _Layer[Statement] = _Layer()
    cues: _Layer[Cue] = _Layer()
    relations: _Layer[Relation] = _Layer()

    def __init__(
        self,
        document: Document,
        norm: Normalized,
        seg: Segmentation,
        *,
        boilerplate: Sequence[Span] | None = None,
        mentions: Sequence[Mention] | None = None,
        statements: Sequence[Statement] | None = None,
        cues: Sequence[Cue] | None = None,
        relations: Sequence[Relation] | None = None,
    ):
        self.document = document
        self.norm = norm
        self.seg = seg
        self._boilerplate = None if boilerplate is None else list(boilerplate)
        self._mentions = None if mentions is None else list(mentions)
        self._statements = None if statements is None else list(statements)
        self._cues = None if cues is None else list(cues)
        self._relations = None if relations is None else list(relations)

    @property
    def text(self) -> str:
        """The raw text, as read: every span's ``start``/``end`` points into it."""
        return self.document.text

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    def has(self, layer: str) -> bool:
        """Whether ``layer`` (a name of :data:`LAYERS`) is there to be read."""
        if layer in BASE_LAYERS:
            return True
        if layer not in SPAN_LAYERS:
            raise ValueError(f"no layer {layer!r}; layers: {', '.join(LAYERS)}")
        return getattr(self, "_" + layer) is not None

    def __repr__(self) -> str:
        assigned = [name for name in SPAN_LAYERS if self.has(name)]
        return f"Doc({self.doc_id!r}, layers={assigned})"
