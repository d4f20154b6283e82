"""The relation lexicon compiled: every inflected trigger form, the polarity and modality markers, the
words that make a mention no argument (``lexicons/relations.yaml``, validated by
:class:`analysis.lexicon.models.RelationLexiconModel`).

Forms are generated from stems and affix lists declared as data (perfect suffixes, imperfect prefixes,
proclitics, the article and its لل contraction, enclitics, ة→ت before an enclitic), so matching stays one
dictionary look-up per token.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import config, morphology
from .lexicon.frozen import CompactPickle, FrozenDict
from .lexicon.loading import compiled
from .lexicon.packed import PackedTable
from .lexicon.source import LexiconSource
from .normalize import NormalizeConfig, normalize_text

if TYPE_CHECKING:
    from .lexicon.models import MarkerGroup, RelationLexiconModel

log = logging.getLogger(__name__)

__all__ = ["Trigger", "Marker", "RelationSpec", "RelationLexicon", "load_lexicon", "DEFAULT_LEXICON",
           "STATEMENT_ABOUT"]

DEFAULT_LEXICON = config.LEXICON_DIR / "relations.yaml"
#: The relation derived from the stance module's statements (speaker -> targets), not from the lexicon.
STATEMENT_ABOUT = "statement_about"

Kind = Literal["verb", "noun", "passive"]
Axis = Literal["polarity", "modality"]


@dataclass(frozen=True)
class Trigger(CompactPickle):
    relation: str
    kind: Kind
    lemma: str  # the lexicon entry (normalized) it was generated from
    words: tuple[str, ...]  # normalized tokens of the surface form
    symmetric: bool = False
    target_prepositions: frozenset[str] = frozenset()
    future: bool = False  # written with a proclitic of the future (ستدعم)
    agent_phrase: bool = True  # من after the noun introduces its agent
    genitive_agent: bool = False  # an actor right after the noun is its agent even without a target after
    genitive_object: bool = False  # a bare genitive after the noun is its object (هزيمة التنظيم)
    relative_object_only: bool = False  # a verb read only as "X الذي تقوده Y" (Y the source, X the target)
    qualifies: bool = False  # an adjective or apposition of the actor right before it (إيران الحليفة للأسد)
    circumstantial: bool = False  # a participle whose agent is the main verb's subject (محذرا من)
    enclitic: bool | None = None  # a verb form written with an object pronoun (تدعمها); None for nouns
    requires: frozenset[str] = frozenset()  # words one of which must follow in the clause (حمل ... المسؤولية)
    person_relation: str | None = None  # the relation when the agent is a person (هاجم الرئيس: oppose)


@dataclass(frozen=True)
class Marker(CompactPickle):
    """A polarity or modality marker: ``axis`` gets the value ``neg`` / ``hyp`` from group ``group``."""

    axis: Axis
    group: str
    words: tuple[str, ...]
    window: int
    before_imperfect: bool
    in_trigger: bool = False


@dataclass(frozen=True)
class RelationSpec:
    symmetric: bool
    target_prepositions: frozenset[str]


@dataclass(frozen=True)
class RelationLexicon:
    """The compiled lexicon: every inflected form keyed by its first token."""

    #: first token -> candidates, longest first (a PackedTable: a token's candidates are unpickled at its first look-up)
    triggers: Mapping[str, tuple[Trigger, ...]]
    noun_readings: Mapping[tuple[str, ...], Trigger]  # surfaces read as verbs that are also nouns (دعم) -> the noun
    specs: Mapping[str, RelationSpec]
    punctuation: frozenset[str]
    connectives: Mapping[str, tuple[tuple[str, ...], ...]]  # first token -> phrases (longest first)
    relative_pronouns: frozenset[str]
    parentheticals: frozenset[str]
    markers: Mapping[str, tuple[Marker, ...]]  # first token -> markers (longest first; a PackedTable too)
    imperfect_prefixes: tuple[str, ...]
    imperfect_exceptions: frozenset[str]
    question_marks: frozenset[str]
    agent_prepositions: frozenset[str]
    partitive_words: frozenset[str]
    unjoined_words: tuple[str, ...]
    person_heads: frozenset[str]
    attribution_words: frozenset[str]
    subordinators: frozenset[str]
    between_prepositions: frozenset[str]
    light_verbs: frozenset[str]
    attachment_words: frozenset[str]
    comitative_prepositions: frozenset[str]
    target_proclitics: tuple[str, ...]
    comitative_types: frozenset[str]
    reception_verbs: frozenset[str]
    instrumental_types: frozenset[str]
    content_words: frozenset[str]
    judging_verbs: frozenset[str]
    causative_verbs: frozenset[str]  # أثار، يثير: "أثار دعم واشنطن للأكراد غضب أنقرة"
    target_heads: frozenset[str]
    pronoun_subject_suffixes: tuple[str, ...]
    dual_subject_suffixes: tuple[str, ...]
    verb_enclitics: tuple[str, ...]
    aim_prepositions: frozenset[str]
    area_nouns: frozenset[str]
    control_phrases: Mapping[str, tuple[tuple[str, ...], ...]]  # first token -> phrases (longest first)
    control_types: frozenset[str]
    passive_auxiliaries: frozenset[str]
    prepositions: frozenset[str]
    genitive_blocking_proclitics: tuple[str, ...]
    nisba_endings: tuple[str, ...]
    place_words: frozenset[str]
    place_kinds: frozenset[str]
    place_nouns: frozenset[str]
    addressee_phrases: Mapping[str, tuple[tuple[str, ...], ...]]
    call_words: frozenset[str]
    addressee_prepositions: frozenset[str]
    boilerplate_kinds: frozenset[str]
    speaker_words: frozenset[str]
    speaker_pronouns: frozenset[str]
    first_person_forms: frozenset[str]  # trigger verbs and nouns written in the first person (دعمنا، نتعاون)
    max_before: int
    max_after: int

    @property
    def relation_types(self) -> tuple[str, ...]:
        return tuple(sorted(self.specs))


# --- forms generated from stems and affixes ---------------------------------------------------------

def _ta_marbuta_stem(raw_form: str, norm_form: str) -> str:
    """A final ة is written ت before a suffix (غارة + ها -> غارتها)."""
    return norm_form[:-1] + "ت" if raw_form.endswith("ة") else norm_form


def verb_forms(entry: dict[str, Any], para: dict[str, Any], norm: Any,
               future: frozenset[str] = frozenset(), enclitic: set[str] | None = None) -> dict[str, bool]:
    """Every form of a verb entry -> whether it is written with a proclitic of the future; ``enclitic``, when
    given, receives the forms written only with an object pronoun (استهدفها، يدعمهم; not اتهم)."""
    out: dict[str, bool] = {}
    enclitics = [norm(e) for e in para.get("enclitics", [""])]
    bases: list[tuple[str, list[str]]] = []  # (form, proclitics allowed)
    procl = [norm(p) for p in para.get("proclitics", [""])]
    if entry.get("perfect"):
        stem = norm(entry["perfect"])
        for suf in para.get("perfect_suffixes", [""]):
            bases.append((stem + norm(suf), procl))
    if entry.get("imperfect"):
        stem = norm(entry["imperfect"])
        iprocl = sorted({a + b for a in procl for b in [norm(p) for p in para.get("imperfect_proclitics", [""])]
                         if not (a and b and b[0] in "وف")})
        for pre in para.get("imperfect_prefixes", []):
            for suf in para.get("imperfect_suffixes", [""]):
                bases.append((norm(pre) + stem + norm(suf), iprocl))
    plain: set[str] = set()
    for form, proclitics in bases:
        for p in proclitics:
            for e in enclitics:
                word = p + form[:-1] + e if e and form.endswith("وا") else p + form + e  # هاجموا + ها -> هاجموها
                out[word] = out.get(word, False) or p in future
                if enclitic is not None:
                    (enclitic if e else plain).add(word)
    if enclitic is not None:
        enclitic -= plain
    return out


def noun_forms(entry: dict[str, Any], para: dict[str, Any], norm: Any) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    article = norm(para.get("article", "ال"))
    procl = [norm(p) for p in para.get("proclitics", [""])]
    enclitics = [norm(e) for e in para.get("enclitics", [""])]
    then = [norm(w) for w in entry.get("then", [])]
    endings = [norm(e) for e in para.get("modifier_endings", [""])]
    for raw_form in entry["forms"]:
        form = norm(raw_form)
        for p in procl:
            art_prefix = (p[:-1] + "لل") if p.endswith("ل") else p + article  # ل + ال is written لل
            heads = [(art_prefix + form, True), (p + form, False)]
            heads += [(p + _ta_marbuta_stem(raw_form, form) + e, False) for e in enclitics if e]
            for head, definite in heads:
                if then and not entry.get("then_agrees", True):
                    out.add((head, *then))  # "القتال إلى جانب": a prepositional phrase, no agreement
                elif not then:
                    out.add((head,))
                elif definite:
                    out.add((head, *[article + w for w in then]))
                else:
                    for ending in endings:
                        out.add((head, *[w + ending if w and not (ending == "ة" and w.endswith("ه")) else w
                                         for w in then]))
    return out


def _phrase_index(phrases: Iterable[tuple[tuple[str, ...], Any]]) -> dict[str, tuple[Any, ...]]:
    index: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
    for words, payload in phrases:
        index.setdefault(words[0], []).append((words, payload))
    return {k: tuple(p for _, p in sorted(v, key=lambda wp: (-len(wp[0]), str(wp[0])))) for k, v in index.items()}


def load_lexicon(path: str | Path | None = None, *, normalization: NormalizeConfig | None = None) -> RelationLexicon:
    """Read, validate and compile a relation lexicon (default: the packaged one); see the YAML's header for
    the format. A mistake is a ConfigurationError naming the file and the line; the compiled lexicon is
    cached by the SHA-256 of the file's bytes."""
    return compiled("relations", path if path is not None else DEFAULT_LEXICON, _compile,
                    normalization or NormalizeConfig())


def _marker_forms(group: MarkerGroup, vpara: dict[str, Any], npara: dict[str, Any], norm: Any) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for word in group.words:
        words = tuple(norm(word).split())
        if words:
            out.update({words, ("و" + words[0], *words[1:]), ("ف" + words[0], *words[1:])})
    for verb in group.verbs:
        out.update((f,) for f in verb_forms(verb.model_dump(), vpara, norm))
    for noun in group.nouns:
        out.update(noun_forms(noun.model_dump(), npara, norm))
    return out


def _compile(model: RelationLexiconModel, source: LexiconSource, cfg: NormalizeConfig) -> RelationLexicon:
    """The compiled lexicon from the validated model (its defaults are those documented in the YAML)."""

    def norm(s: str) -> str:
        return normalize_text(str(s), cfg).strip()

    vpara, npara = model.paradigms.verb.model_dump(), model.paradigms.noun.model_dump()
    future = frozenset(norm(p) for p in model.modality.future_proclitics)
    triggers: list[tuple[tuple[str, ...], Trigger]] = []
    feminine_nouns: set[tuple[str, ...]] = set()
    specs: dict[str, RelationSpec] = {}
    for relation, block in model.relations.items():
        if relation == STATEMENT_ABOUT:
            raise source.error(("relations", relation), f"{STATEMENT_ABOUT!r} comes from the stance statements, not "
                                                        "the lexicon: choose another relation name")
        preps = frozenset(norm(p) for p in block.target_prepositions)
        specs[relation] = RelationSpec(block.symmetric, preps)

        def settings(entry: Any) -> tuple[bool, frozenset[str]]:
            sym = block.symmetric if entry.symmetric is None else entry.symmetric
            tp = preps if entry.target_prepositions is None else frozenset(norm(p) for p in entry.target_prepositions)
            return sym, tp

        for j, verb in enumerate(block.verbs):
            lemma = norm(verb.perfect or verb.imperfect or "")
            if not lemma:
                raise source.error(("relations", relation, "verbs", j), "a verb needs a perfect or an imperfect stem")
            sym, tp = settings(verb)
            if verb.person_relation is not None and verb.person_relation not in model.relations:
                raise source.error(("relations", relation, "verbs", j, "person_relation"),
                                   f"unknown relation {verb.person_relation!r}")
            then = tuple(norm(w) for w in verb.then)
            with_pronoun: set[str] = set()
            requires = frozenset(p + a + norm(w) for w in verb.requires for p in ("", "و", "ب", "ل")
                                 for a in ("", "ال"))
            forms = verb_forms(verb.model_dump(), vpara, norm, future, enclitic=with_pronoun)
            triggers += [((f, *then), Trigger(relation, "verb", lemma, (f, *then), sym, tp, fut,
                                              relative_object_only=verb.relative_object_only,
                                              enclitic=f in with_pronoun, requires=requires,
                                              person_relation=verb.person_relation))
                         for f, fut in forms.items()]
        for noun in block.nouns:
            # surfaces that end in a form's ة (ضربة -> ضربه), not in a possessive pronoun (دعمه "his support")
            endings = tuple(norm(f) for f in noun.forms if f.endswith(morphology.TA_MARBUTA_RAW_ENDINGS))
            feminine_nouns |= {w for w in noun_forms(noun.model_dump(), npara, norm) if endings and w[-1].endswith(endings)}
            lemma = " ".join([norm(noun.forms[0]), *[norm(w) for w in noun.then]])
            sym, tp = settings(noun)
            kind: Kind = "passive" if noun.passive else "noun"
            triggers += [(w, Trigger(relation, kind, lemma, w, sym, tp, agent_phrase=block.noun_agents,
                                               genitive_agent=block.genitive_agents,
                                               genitive_object=noun.genitive_object, qualifies=noun.qualifies,
                                               circumstantial=noun.circumstantial,
                                               requires=frozenset(p + norm(w) for w in noun.requires
                                                                  for p in ("", "و"))))
                         for w in noun_forms(noun.model_dump(), npara, norm)]
    # One surface, two readings (دعم: "he supported" / "support"): the verb reading wins, since its
    # argument rules (SVO, then VSO) subsume the noun's default rule. Not a verb written with its object
    # pronoun ه against a noun ending in ة, which normalizes to the same letter (ضربه "he struck him" /
    # ضربة "a strike"): the noun is the reading news text means.
    best: dict[tuple[str, ...], Trigger] = {}
    noun_readings: dict[tuple[str, ...], Trigger] = {}
    triggers = [(words, trig) for words, trig in triggers
                if not (trig.kind == "verb" and trig.enclitic and words in feminine_nouns)]
    for words, trig in sorted(triggers, key=lambda wt: (wt[0], wt[1].kind != "verb", wt[1].relation, wt[1].lemma)):
        kept = best.setdefault(words, trig)
        if kept.kind == "verb" and trig.kind == "noun" and trig.relation == kept.relation:
            noun_readings.setdefault(words, trig)  # دعم "he supported" / "support": the noun where the context says so
    for word in model.not_triggers:
        form = norm(word)
        for p in ("", "و", "ف", "ب", "ل", "وب", "ول"):
            best.pop((p + form,), None)
    markers: list[tuple[tuple[str, ...], Marker]] = []
    for axis, block in (("polarity", model.polarity), ("modality", model.modality)):
        for name, group in block.groups.items():
            window = group.window if group.window is not None else block.window
            markers += [(w, Marker(axis, name, w, window, group.before_imperfect, group.in_trigger))  # type: ignore[arg-type]
                        for w in _marker_forms(group, vpara, npara, norm)]
    clauses, na = model.clauses, model.non_arguments
    connectives = [tuple(norm(c).split()) for c in clauses.connectives]
    call_words = {norm(w) for w in na.call_words}
    for verb in na.call_verbs:
        call_words.update(verb_forms(verb.model_dump(), vpara, norm))
    addressee_phrases = [tuple(norm(p).split()) for p in na.addressee_phrases]
    light: set[str] = set()
    for verb in model.light_verbs:  # only forms with an object pronoun: the pronoun is the noun
        light.update(f for f in verb_forms(verb.model_dump(), vpara, norm) if f.endswith(("ه", "ها", "هم")))
    sr = model.speaker_references
    first_person: set[str] = set()
    if sr.first_person_perfect_suffixes or sr.first_person_imperfect_prefixes:
        fpara = dict(vpara, perfect_suffixes=list(sr.first_person_perfect_suffixes),
                     imperfect_prefixes=list(sr.first_person_imperfect_prefixes), imperfect_suffixes=[""])
        for block in model.relations.values():
            for verb in block.verbs:
                entry = verb.model_dump()
                if not sr.first_person_perfect_suffixes:
                    entry["perfect"] = None
                first_person.update(verb_forms(entry, fpara, norm))
    if sr.first_person_enclitics:
        for block in model.relations.values():
            for noun in block.nouns:
                if noun.then or noun.passive or noun.qualifies or noun.circumstantial:
                    continue
                entry = noun.model_dump()
                plain = noun_forms(entry, dict(npara, enclitics=[""]), norm)
                both = noun_forms(entry, dict(npara, enclitics=["", *sr.first_person_enclitics]), norm)
                first_person.update(w[0] for w in both - plain)
    lexicon = RelationLexicon(
        triggers=PackedTable(_phrase_index((w, t) for w, t in best.items())),
        noun_readings=FrozenDict({w: t for w, t in noun_readings.items() if w in best}),
        specs=FrozenDict(specs),
        punctuation=frozenset(clauses.punctuation),
        connectives=FrozenDict(_phrase_index((c, c) for c in connectives if c)),
        relative_pronouns=frozenset(norm(r) for r in clauses.relative_pronouns),
        parentheticals=frozenset(norm(r) for r in clauses.parentheticals),
        markers=PackedTable(_phrase_index(markers)),
        imperfect_prefixes=tuple(norm(p) for p in vpara.get("imperfect_prefixes", [])),
        imperfect_exceptions=frozenset(norm(w) for w in model.modality.imperfect_exceptions),
        question_marks=frozenset(model.modality.question_marks),
        agent_prepositions=frozenset(norm(p) for p in model.agent_prepositions),
        subordinators=frozenset(p + norm(w) for w in model.subordinators for p in ("", "و", "ف")),
        attribution_words=frozenset(norm(w) for w in model.attribution_words),
        person_heads=frozenset(p + norm(w) for w in model.person_heads for p in ("", "و", "ف")),
        partitive_words=frozenset(p + norm(w) for w in model.partitive_words for p in ("", "و", "ب", "ل")),
        unjoined_words=tuple(norm(w) for w in model.unjoined_words),
        between_prepositions=frozenset(norm(p) for p in model.between_prepositions),
        light_verbs=frozenset(light),
        attachment_words=frozenset(norm(p) for p in model.attachment_words),
        comitative_prepositions=frozenset(norm(p) for p in model.comitative_prepositions),
        target_proclitics=tuple(norm(p) for p in model.target_proclitics),
        comitative_types=frozenset(model.comitative_types),
        reception_verbs=frozenset(f for verb in model.reception_verbs
                                  for f in verb_forms(verb.model_dump(), vpara, norm)),
        instrumental_types=frozenset(model.instrumental_types),
        content_words=frozenset({f for verb in model.content_verbs for f in verb_forms(verb.model_dump(), vpara, norm)}
                                | {w[0] for noun in model.content_nouns
                                   for w in noun_forms(noun.model_dump(), npara, norm)}),
        pronoun_subject_suffixes=tuple(norm(x) for x in model.pronoun_subject_suffixes),
        dual_subject_suffixes=tuple(norm(x) for x in model.dual_subject_suffixes),
        verb_enclitics=tuple(norm(x) for x in vpara.get("enclitics", [""])),
        target_heads=frozenset(p + a + norm(w) for w in model.target_heads for p in ("", "و", "ف", "ب", "ل")
                               for a in ("", "ال")),
        judging_verbs=frozenset(f for verb in model.judging_verbs
                                for f in verb_forms(verb.model_dump(), vpara, norm)),
        causative_verbs=frozenset(f for verb in model.causative_verbs
                                  for f in verb_forms(verb.model_dump(), vpara, norm)),
        aim_prepositions=frozenset(norm(p) for p in model.aim_prepositions),
        area_nouns=frozenset(p + a + norm(w) for w in model.area_nouns for p in ("", "و", "ب", "ل")
                             for a in ("", "ال")),
        control_phrases=FrozenDict(_phrase_index((c, c) for c in (tuple(norm(x).split()) for x in model.control_phrases)
                                                 if c)),
        control_types=frozenset(model.control_types),
        passive_auxiliaries=frozenset(p + norm(w) for w in model.passive_auxiliaries for p in ("", "و", "ف")),
        prepositions=frozenset(norm(p) for p in model.prepositions),
        genitive_blocking_proclitics=tuple(norm(p) for p in model.preposition_proclitics),
        nisba_endings=tuple(norm(e) for e in model.nisba_endings),
        place_words=frozenset(norm(p) for p in na.place_words),
        place_kinds=frozenset(na.place_kinds),
        place_nouns=frozenset(norm(p) for p in na.place_nouns),
        addressee_phrases=FrozenDict(_phrase_index((p, p) for p in addressee_phrases if p)),
        call_words=frozenset(call_words),
        addressee_prepositions=frozenset(norm(p) for p in na.addressee_prepositions),
        boilerplate_kinds=frozenset(na.boilerplate_kinds),
        speaker_words=frozenset(p + norm(w) for w in model.speaker_references.words for p in ("", "و", "ف", "ب", "ل")),
        speaker_pronouns=frozenset(p + norm(w) for w in model.speaker_references.pronouns for p in ("", "و", "ب")),
        first_person_forms=frozenset(f for f in first_person if (f,) in best),
        max_before=model.max_tokens_before,
        max_after=model.max_tokens_after,
    )
    log.info("relation lexicon %s: %d trigger forms, %d relation types", source.path, len(best), len(specs))
    return lexicon
