"""What synthetic articles are made of: the sentence templates and fillers of ``lexicons/synth_templates.yaml``
(validated, compiled and cached by content hash) and the actor aliases the generator may place, taken from
the actor lexicon through :mod:`analysis.actors`' public loader.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import config
from .lexicon.loading import compiled
from .lexicon.models import SynthTemplatesModel
from .lexicon.source import LexiconSource


TEMPLATES_PATH = config.LEXICON_DIR / "synth_templates.yaml"
#: Kinds the generator places: anaphors ("التنظيم") need an antecedent and are left to the detector's
#: own tests.
PLACED_KINDS = ("name", "descriptor", "metonym")
PERSON_KIND = "person"
_SLOT_RE = re.compile(r"\{(\w+)(?::(\w+))?\}")
@dataclass(frozen=True)
class SynthAlias:
    """One form of the actor lexicon: written as the lexicon spells it, and as the detector matches it."""

    text: str  # written form (ordinary spelling)
    actor: str  # "" for a listed non-mention (exclusion)
    component: str
    alias: str  # what the detector reports in the ``alias`` column
    kind: str
    form: str = ""  # the detector's normalized match form ("" = normalize_text(text))
    place: bool = False  # also a place name: not a mention after a place cue or the ب proclitic
    placeable: bool = True  # False for anaphors, forms needing an antecedent, and exclusions


@dataclass(frozen=True)
class SynthLexicon:
    """What the generator needs from the actor lexicon: every form, and the place cues."""

    aliases: tuple[SynthAlias, ...]
    place_cues: frozenset[str]  # normalized words before which a place alias is a location

    @property
    def sha256(self) -> str:
        rows = sorted({(a.text, a.actor, a.component, a.alias, a.kind, a.form, a.place, a.placeable) for a in self.aliases})
        blob = json.dumps([rows, sorted(self.place_cues)], ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    surface: str
    actor: str
    component: str
    alias: str
    kind: str


@dataclass(frozen=True)
class SynthDoc:
    index: int
    doc_id: str
    text: str
    date: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True)
class TemplateBank:
    """The parsed template file (see its header for the format)."""

    headlines: tuple[str, ...]
    sentences: tuple[str, ...]
    captions: tuple[str, ...]
    quotes: tuple[str, ...]
    fillers: dict[str, tuple[str, ...]]  # slot name -> choices (place, day, speaker, source, verb, verb_present)
    clitics: dict[str, tuple[str, str]]  # key -> (before the article, before anything else)
    variants: dict[str, float]
    quote_marks: tuple[tuple[str, str], ...]
    paragraphs: tuple[int, int]
    sentences_per_paragraph: tuple[int, int]
    sha256: str

    @property
    def place_clitics(self) -> frozenset[str]:
        """Clitic keys ending in ب: with them a place name reads as a location (بموسكو = in Moscow)."""
        return frozenset(k for k, (_, other) in self.clitics.items() if other.endswith("ب"))

    def templates(self) -> tuple[str, ...]:
        return self.headlines + self.sentences + self.captions + self.quotes


_FILLER_LISTS = {"place": "places", "day": "days", "speaker": "speakers", "source": "sources", "verb": "verbs", "verb_present": "verbs_present"}
_VARIANT_KEYS = ("bare_alef", "ha_for_ta_marbuta", "alef_maqsura", "tatweel", "harakat", "nbsp", "indic_digits")


def load_bank(path: str | Path | None = None) -> TemplateBank:
    """Read and check a template file (model: :class:`analysis.lexicon.models.SynthTemplatesModel`); raises
    ConfigurationError (a ValueError) naming the file and the line on unknown keys, slots, clitics or
    variants. Cached by the SHA-256 of the file's bytes."""
    return compiled("synth_templates", path if path is not None else TEMPLATES_PATH, _compile_bank)


def _compile_bank(model: SynthTemplatesModel, source: LexiconSource) -> TemplateBank:
    clitics = {k: (v.before_article, v.other) for k, v in model.clitics.items()}
    bank = TemplateBank(
        headlines=tuple(model.headlines),
        sentences=tuple(model.sentences),
        captions=tuple(model.captions),
        quotes=tuple(model.quotes),
        fillers={slot: tuple(getattr(model, key)) for slot, key in _FILLER_LISTS.items()},
        clitics=clitics,
        variants={k: float(v) for k, v in model.variants.items()},
        quote_marks=tuple((a, b) for a, b in model.quote_marks),
        paragraphs=model.paragraphs,
        sentences_per_paragraph=model.sentences_per_paragraph,
        sha256=source.sha256,
    )
    known_slots = {"actor", "person", "number", "quote", *bank.fillers}
    for section in ("headlines", "sentences", "captions", "quotes"):
        for i, template in enumerate(getattr(model, section)):
            for m in _SLOT_RE.finditer(template):
                slot, mod = m.group(1), m.group(2)
                if slot not in known_slots:
                    raise source.error((section, i), f"unknown slot {{{slot}}} in {template!r}; slots: "
                                                     f"{', '.join(sorted(known_slots))}")
                if mod is not None and (slot != "actor" or (mod != "quoted" and mod not in clitics)):
                    raise source.error((section, i), f"unknown modifier {{{slot}:{mod}}} in {template!r}; modifiers "
                                                     f"of {{actor}}: quoted, {', '.join(clitics)}")
    return bank


def load_synth_lexicon(path: str | Path | None = None) -> SynthLexicon:
    """The actor lexicon (the packaged one by default) through :func:`analysis.actors.load_lexicon`.

    Every entry the detector knows is kept (the stray check needs them all, exclusions included); only
    names, descriptors, metonyms and people that need no antecedent are placed in slots (no facility
    metonym: it is the actor only as the subject of a speaking verb; no form a rival named before it takes
    over).
    """
    from .actors import load_lexicon
    from .context_rules import is_facility

    lexicon = load_lexicon(path)
    aliases = tuple(
        SynthAlias(
            text=e.alias, actor=e.actor, component=e.component, alias=e.alias, kind=e.kind, form=e.form,
            place=e.place,
            # a facility ("قاعدة حميميم") is the actor only as the subject of a speaking verb, which a slot
            # does not guarantee
            # nor a form that a rival named before it takes over ("المقاتلين الأكراد" after the PKK:
            # rivals_since_own), which a slot's neighbours do not control
            placeable=(bool(e.actor) and e.kind in (*PLACED_KINDS, PERSON_KIND) and not e.needs_antecedent
                       and not e.rivals_since_own and not is_facility(lexicon, e, e.alias)),
        )
        for e in lexicon.entries
    )
    return SynthLexicon(aliases, frozenset(lexicon.place_cues))
