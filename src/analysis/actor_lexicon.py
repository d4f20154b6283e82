"""The compiled actor lexicon: ``lexicons/actors.yaml`` validated, expanded into every matchable form and
built into one Aho-Corasick automaton (format in docs/actors.md; matching is in :mod:`analysis.actor_matching`).

Each alias is inserted with the proclitics Arabic news attaches to a noun (و ف ب ل ك and their
combinations, ل + ال = لل), with attached pronouns for entries marked ``enclitics: true``, and with the
nisba forms generated from descriptor heads; every key starts and ends with a space so that it can only
match whole words of the matcher's view of the text.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import config, morphology
from .lexicon.frozen import CompactPickle, FrozenDict
from .lexicon.loading import clear_cache, compiled
from .lexicon.source import LexiconSource
from . import actor_rules
from .normalize import NormalizeConfig, normalize_text
from .phrases import PhraseMatcher, RecordPhraseMatcher, view_phrase

if TYPE_CHECKING:
    from .lexicon.models import ActorLexiconModel

log = logging.getLogger("analysis.actors")  # the name its records have always had

Kind = Literal["name", "descriptor", "metonym", "person", "anaphor"]
KINDS: tuple[str, ...] = ("name", "descriptor", "metonym", "person", "anaphor")
DEFAULT_LEXICON = config.LEXICON_DIR / "actors.yaml"

#: Proclitic strings tried before every form, attached pronouns for entries that declare
#: ``enclitics: true``, and the nisba endings generated from a descriptor's stem: see analysis.morphology.
PROCLITICS = morphology.NOUN_PROCLITICS
ENCLITICS = morphology.ENCLITICS
NISBA_ENDINGS = morphology.NISBA_ENDINGS
NISBA_PLURAL_ENDINGS = morphology.NISBA_PLURAL_ENDINGS

#: Priority of an entry's origin when two entries normalize to the same form (lower wins).
_EXPLICIT, _EXCLUDED, _GENERATED, _GENERATED_EXCLUDED = 0, 1, 2, 3


@dataclass(slots=True)
class Mention:
    """One actor mention; offsets into the raw text (``text[start:end] == surface``)."""

    start: int
    end: int
    norm_start: int
    norm_end: int
    surface: str
    actor: str
    component: str
    alias: str
    kind: str
    sentence_id: int = -1
    paragraph_id: int = -1
    in_headline: bool = False
    in_quotes: bool = False
    is_repeated: bool = False


@dataclass(frozen=True)
class Actor:
    code: str
    label_ar: str
    label_en: str
    colour: str = ""
    rollup: str = ""
    components: Mapping[str, tuple[str, str]] = field(default_factory=FrozenDict)  # code -> (label_ar, label_en)


@dataclass(frozen=True)
class Entry(CompactPickle):
    """One matchable form after expansion (an alias, a variant, a generated descriptor or an exclusion).

    Pickled compactly (25,000 of them are unpickled at every warm start)."""

    actor: str  # "" for an exclusion
    tag: str  # the actor code, or the exclusion's tag ("" when none)
    alias: str  # the entry's canonical written form, reported in the ``alias`` column
    form: str  # normalized form matched
    kind: str
    component: str = ""
    place: bool = False
    needs_antecedent: bool = False
    licensed_by: tuple[str, ...] = ()
    licensed_in_sentence_by: tuple[str, ...] = ()
    licensed_in_document_by: tuple[str, ...] = ()  # named anywhere in the document (no rival there either)
    licensed_ahead: bool = False  # or by the next licensing name within a few sentences, before any rival
    rivals: tuple[str, ...] = ()
    rivals_since_own: bool = False  # a rival counts only when named after this actor's last mention
    enclitics: bool = False
    role: str = ""
    date_from: str = ""
    date_until: str = ""
    source: str = ""  # where in the YAML it came from, for messages
    origin: int = _EXPLICIT
    written: str = ""  # this spelling as written (a variant's own spelling; = alias for the canonical form)


@dataclass(frozen=True)
class Lexicon:
    """A compiled actor lexicon: entries, actors, and the automaton built over them.

    Frozen, with read-only tables: one compiled lexicon is shared by every text of a process, so matching
    must never change it (the entries a context rule makes for one text live in that text's
    :class:`~analysis.actor_rules.TextLexicon`).
    """

    path: str
    actors: Mapping[str, Actor]
    entries: tuple[Entry, ...]
    place_cues: frozenset[str]
    normalization: NormalizeConfig
    spelling_variants: tuple[tuple[str, ...], ...] = ()  # groups of interchangeable written spellings
    automaton: PhraseMatcher | None = field(default=None, compare=False)  # built from ``entries``: equal entries, equal keys
    #: normalized form -> index in ``entries`` (to find "head + second nisba" of a coordination)
    form_index: Mapping[str, int] = field(default_factory=FrozenDict)
    #: normalized nisba word -> its agreement class (the ending, with "ال" when definite; "broken")
    nisba_class: Mapping[str, str] = field(default_factory=FrozenDict)
    #: the context rules' word lists (lexicons/actor_rules.yaml) compiled for this lexicon
    rules: Any = None

    @property
    def rollup(self) -> dict[str, str]:
        """Actor code -> code it is counted as when rolling up (only actors that declare one)."""
        return {code: a.rollup for code, a in self.actors.items() if a.rollup}

    def n_keys(self) -> int:
        return len(self.automaton) if self.automaton is not None else 0


# --- loading and validation ---------------------------------------------------------------------------
# The file's shape is checked by its model (analysis.lexicon.models.ActorLexiconModel); what needs the
# whole file (declared components and head sets, codes that exist, one form for one actor) is checked
# here, while compiling. Every mistake is a ConfigurationError naming the file, the line and the entry.


def _clean(values: Sequence[str]) -> list[str]:
    return [v.strip() for v in values]


def _key_form(written: str, cfg: NormalizeConfig) -> str:
    """Normalize an entry as the text is normalized, then as the match view sees it (words, one space)."""
    return " ".join(_key_word(word, cfg) for word in written.split())


@lru_cache(maxsize=65536)
def _key_word(word: str, cfg: NormalizeConfig) -> str:
    return view_phrase(normalize_text(word, cfg))


def _spellings(written: str, groups: Sequence[Sequence[str]], limit: int = 16) -> list[str]:
    """``written`` and its respellings under the spelling groups (أميركي/أمريكي...), at most ``limit``."""
    out = [written]
    for group in groups:
        for text in list(out):
            for member in group:
                if member in text:
                    out += [text.replace(member, other) for other in group if other != member]
    seen: list[str] = []
    for text in out:
        if text not in seen:
            seen.append(text)
    return seen[:limit]


PRONOUN_MARK = "+PRON"


def _expand_heads(heads: Sequence[str]) -> list[tuple[str, bool]]:
    """(written head, definite?) pairs. ``X+PRON`` stands for X with each attached pronoun (نظيره,
    نظيرها...), a definite noun; otherwise a head is definite when its last word has the article."""
    out = []
    for head in heads:
        if head.endswith(PRONOUN_MARK):
            stem = head[: -len(PRONOUN_MARK)].strip()
            out += [(stem + suffix, True) for suffix in ENCLITICS]
        else:
            out.append((head, head.split()[-1].startswith(("ال", "أل", "إل", "آل"))))
    return out


def load_lexicon(
    path: str | Path | None = None, *, normalization: NormalizeConfig | None = None, reload: bool = False
) -> Lexicon:
    """Read, validate and compile an actor lexicon (the packaged one by default).

    Compiled lexicons are cached in memory by the SHA-256 of the file's bytes and of the context rules'
    word lists (compiling takes about a second), so an edited file is compiled afresh on the next call;
    ``reload=True`` empties the cache. The result is shared: it is read-only.
    Raises :class:`~analysis.errors.ConfigurationError` (a ValueError) naming the file, the line and the
    entry on any mistake in the lexicon.
    """
    cfg = normalization or NormalizeConfig()
    if reload:
        clear_cache()
    return compiled("actors", path if path is not None else DEFAULT_LEXICON, _compile, cfg, actor_rules.rules_digest())


def _compile(model: ActorLexiconModel, source: LexiconSource, cfg: NormalizeConfig, rules_digest: str = "") -> Lexicon:
    """The compiled lexicon (``rules_digest``, the word lists' hash, is only part of the cache key)."""
    path = source.path
    groups: list[tuple[str, ...]] = [tuple(_clean(group)) for group in model.spelling_variants]
    head_sets: dict[str, list[str]] = {str(name): _clean(heads) for name, heads in model.head_sets.items()}

    actors: dict[str, Actor] = {}
    for i, item in enumerate(model.actors):
        code = item.code
        if code in actors:
            raise source.error(("actors", i, "code"), f"duplicate actor code {code!r}")
        components = FrozenDict({comp.code: (comp.label_ar, comp.label_en) for comp in item.components})
        actors[code] = Actor(code, item.label_ar.strip(), item.label_en.strip(), item.colour or "", item.rollup or "",
                             components)

    exclude_tags: set[str] = {ex.tag for ex in model.exclude if ex.tag}
    known_refs = set(actors) | exclude_tags
    for i, item in enumerate(model.actors):
        if item.rollup and item.rollup not in actors:
            raise source.error(("actors", i, "rollup"), f"rollup target {item.rollup!r} is not an actor code of this "
                                                        f"lexicon; actor codes: {', '.join(actors)}")

    entries: list[Entry] = []
    locs: dict[str, tuple[Any, ...]] = {}

    def add(entry: Entry) -> None:
        if not entry.form:
            raise source.error(locs.get(entry.source, ()), f"form {entry.alias!r} is empty after normalization")
        entries.append(entry)

    def refs(value: list[str] | None, loc: tuple[Any, ...], what: str, default: list[str]) -> tuple[str, ...]:
        out = _clean(value) if value is not None else default
        bad = [r for r in out if r not in known_refs]
        if bad:
            raise source.error((*loc, what), f"{what} refers to unknown actor code(s) or exclude tag(s) {bad}; "
                                             f"known: {', '.join(sorted(known_refs))}")
        return tuple(out)

    for i, item in enumerate(model.actors):
        code = item.code
        actor = actors[code]
        for j, al in enumerate(item.aliases):
            loc = ("actors", i, "aliases", j)
            form = al.form
            where = f"actors[{i}] ({code}).aliases[{j}] ({form!r})"
            locs[where] = loc
            kind = al.kind
            component = al.component or ""
            if component and component not in actor.components:
                raise source.error((*loc, "component"), f"component {component!r} is not declared in {code}.components"
                                                        f" (declared: {', '.join(actor.components) or 'none'})")
            needs = al.needs_antecedent if al.needs_antecedent is not None else kind == "anaphor"
            common = dict(
                actor=code, tag=code, kind=kind, component=component, place=al.place,
                needs_antecedent=needs,
                licensed_by=refs(al.licensed_by, loc, "licensed_by", [code]),
                licensed_in_sentence_by=refs(al.licensed_in_sentence_by, loc, "licensed_in_sentence_by", []),
                licensed_in_document_by=refs(al.licensed_in_document_by, loc, "licensed_in_document_by", []),
                licensed_ahead=al.licensed_ahead,
                rivals=refs(al.rivals, loc, "rivals", []),
                enclitics=al.enclitics, role=al.role or "",
                date_from=al.date_from or "", date_until=al.date_until or "", source=where,
            )
            canonical = form.strip()
            for listed in [canonical, *_clean(al.variants)]:
                for n, written in enumerate(_spellings(listed, groups)):
                    add(Entry(alias=canonical, written=written, form=_key_form(written, cfg),
                              origin=_EXPLICIT if n == 0 else _GENERATED, **common))

        for j, desc in enumerate(item.descriptors):
            loc = ("actors", i, "descriptors", j)
            where = f"actors[{i}] ({code}).descriptors[{j}]"
            locs[where] = loc
            stems = _clean(desc.nisba)
            heads = _clean(desc.heads)
            for set_name in _clean(desc.head_sets):
                if set_name not in head_sets:
                    raise source.error((*loc, "head_sets"), f"unknown head set {set_name!r}; declared: "
                                                            f"{', '.join(sorted(head_sets)) or 'none'}")
                heads += head_sets[set_name]
            component = desc.component or ""
            if component and component not in actor.components:
                raise source.error((*loc, "component"), f"component {component!r} is not declared in {code}.components"
                                                        f" (declared: {', '.join(actor.components) or 'none'})")
            common = dict(
                actor=code, tag=code, kind="descriptor", component=component, needs_antecedent=desc.needs_antecedent,
                licensed_by=refs(desc.licensed_by, loc, "licensed_by", [code]),
                licensed_in_sentence_by=refs(desc.licensed_in_sentence_by, loc, "licensed_in_sentence_by", []),
                rivals=refs(desc.rivals, loc, "rivals", []), rivals_since_own=desc.rivals_since_own,
                source=where, origin=_GENERATED,
            )
            broken = _clean(desc.broken)
            for stem in stems:
                indef, defin, _, def_plural = morphology.nisba_forms(stem, broken)
                for head, definite in _expand_heads(heads):
                    for nisba in (defin if definite else indef):
                        written = f"{head} {nisba}"
                        add(Entry(alias=written, written=written, form=_key_form(written, cfg), **common))
                if desc.standalone:
                    for written in def_plural:
                        add(Entry(alias=written, written=written, form=_key_form(written, cfg), **common))

    # Listed non-mentions: explicit phrases, and non-actor heads x the plural nisba forms of every family.
    for j, ex in enumerate(model.exclude):
        form = ex.form.strip()
        where = f"exclude[{j}] ({form!r})"
        locs[where] = ("exclude", j)
        for listed in [form, *_clean(ex.variants)]:
            for written in _spellings(listed, groups):
                add(Entry(actor="", tag=ex.tag or "", alias=form, written=written,
                          form=_key_form(written, cfg), kind="exclude", source=where, origin=_EXCLUDED))
    non_heads = _clean(model.non_actor_heads)
    families = set()
    for item in model.actors:
        for desc in item.descriptors:
            for stem in desc.nisba:
                families.add((stem, tuple(desc.broken)))
    for stem, broken in sorted(families):
        indef, defin, plur, def_plur = morphology.nisba_forms(stem, broken)
        for head, definite in _expand_heads(non_heads):
            for nisba in (defin if definite else indef):
                written = f"{head} {nisba}"
                where = f"non_actor_heads ({head!r})"
                locs.setdefault(where, ("non_actor_heads",))
                add(Entry(actor="", tag="", alias=written, written=written, form=_key_form(written, cfg), kind="exclude",
                          source=where, origin=_GENERATED_EXCLUDED))

    place_cues = frozenset(_key_form(c, cfg) for c in _clean(model.place_cues))
    resolved = tuple(_resolve(entries, source, locs))
    lexicon = Lexicon(
        path, FrozenDict(actors), resolved, place_cues, cfg, tuple(groups),
        automaton=_build_automaton(resolved),
        form_index=FrozenDict({e.form: i for i, e in enumerate(resolved)}),
        nisba_class=FrozenDict(_nisba_classes(families, cfg)),
        rules=actor_rules.compile_rules(source.data, cfg, frozenset(actors)),
    )
    log.info("actor lexicon %s: %d actors, %d forms, %d automaton keys", path, len(actors),
             len(lexicon.entries), len(lexicon.automaton))
    return lexicon


def _nisba_classes(families: set[tuple[str, tuple[str, ...]]], cfg: NormalizeConfig) -> dict[str, str]:
    """Normalized nisba word -> agreement class, for the coordination rule (docs/actors.md).

    The class is the ending (ية, يين ... as generated) with the article when definite; a broken plural
    (أكراد, روس) agrees with either sound plural (see ``_agree``). The indefinite accusative singular (روسيا, سوريا, تركيا) is left out: it is spelt like
    the country, so "مسؤولا أمريكيا وروسيا" is as likely "and Russia" as "and a Russian one"."""
    out: dict[str, str] = {}
    for stem, broken in families:
        base = stem[:-1] if stem.endswith("ي") else stem
        for ending in NISBA_ENDINGS:
            for article in ("", "ال"):
                if ending == "ا" and not article:
                    continue
                out.setdefault(_key_word(article + base + "ي" + ending, cfg), article + "ي" + ending)
        for form in broken:
            for article in ("", "ال"):
                out.setdefault(_key_word(article + form, cfg), article + "broken")
    return out


def _agree(a: str | None, b: str | None) -> bool:
    """Do two nisba classes agree (same ending and article; a broken plural agrees with a sound plural)?"""
    if a is None or b is None:
        return False
    if a == b:
        return True
    plural = ("يون", "يين", "broken")
    da, db = a.startswith("ال"), b.startswith("ال")
    ra, rb = (a[2:] if da else a), (b[2:] if db else b)
    return da == db and ra in plural and rb in plural and "broken" in (ra, rb)


def _resolve(entries: list[Entry], source: LexiconSource, locs: dict[str, tuple[Any, ...]]) -> list[Entry]:
    """One entry per normalized form: the higher-priority origin wins; a true conflict is an error."""
    by_form: dict[str, Entry] = {}
    for e in entries:
        old = by_form.get(e.form)
        if old is None or e.origin < old.origin:
            by_form[e.form] = e
            continue
        if e.origin == old.origin == _EXPLICIT and e.actor != old.actor:
            raise source.error(locs.get(e.source, ()), f"form {e.alias!r} is also listed for {old.actor or 'exclude'} "
                                                       f"at line {source.line_of(locs.get(old.source, ()))} "
                                                       f"({old.source}): one form, one actor")
        if e.actor != old.actor:
            log.debug("%s: %r kept for %s (%s), not %s (%s)", source.path, e.form, old.actor or "exclude",
                      old.source, e.actor or "exclude", e.source)
    return list(by_form.values())


def _build_automaton(entries: Sequence[Entry]) -> RecordPhraseMatcher:
    """Keys: proclitics + form (+ enclitic), whole words; values: (entry index, prefix, surface, multiword,
    via ب), kept as columns of numbers (:class:`~analysis.phrases.RecordPhraseMatcher`)."""
    matcher = RecordPhraseMatcher()
    for idx, e in enumerate(entries):
        multiword = " " in e.form
        variants = morphology.with_proclitics(e.form, PROCLITICS, definite=True, keep_unfused=True)
        if e.enclitics:
            variants += morphology.with_enclitics(e.form, PROCLITICS)
        for body, prefix, surface in variants:
            existing = matcher.get(body)
            # A key shared by two forms (a proclitic + one form spelling another form): keep the form
            # matched without a proclitic, which is the more literal reading.
            if existing is not None and existing[1] <= prefix:
                continue
            matcher.add(body, (idx, prefix, surface, multiword, body[:prefix].endswith("ب")))
    return matcher.finish()


# --- matching -----------------------------------------------------------------------------------------


def lexicon_forms(lexicon: Lexicon | str | Path | None = None) -> "Any":
    """Every matchable form as a DataFrame (actor, component, kind, alias, normalized form, origin...)."""
    import pandas as pd

    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    origin = {_EXPLICIT: "listed", _EXCLUDED: "excluded", _GENERATED: "generated", _GENERATED_EXCLUDED: "generated_excluded"}
    return pd.DataFrame([
        {"actor": e.actor, "component": e.component, "kind": e.kind, "alias": e.alias, "written": e.written,
         "form": e.form,
         "origin": origin[e.origin], "place": e.place, "needs_antecedent": e.needs_antecedent,
         "role": e.role, "from": e.date_from, "until": e.date_until, "source": e.source}
        for e in lex.entries
    ])
