"""The stance lexicon: reading, validating and compiling ``lexicons/stance.yaml`` into one automaton.

Every inflection and clitic form is generated from the YAML's paradigms; keys carry their word boundaries
(a space each side), matched on a copy of the text where every non-word character is a space."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any


from .. import config, morphology
from ..lexicon.frozen import FrozenDict
from ..lexicon.loading import compiled
from ..lexicon.source import LexiconSource
from ..normalize import NormalizeConfig, normalize_text
from ..phrases import PhraseMatcher

if TYPE_CHECKING:
    from ..lexicon.models import AccordingTo, StanceLexiconModel

DEFAULT_LEXICON = config.LEXICON_DIR / "stance.yaml"
#: The entry category of distancing nouns (مزاعم، بدعوى): counted as ``reporting_verb`` cues, not frame verbs.
DISTANCING_NOUN = "distancing_noun"


@dataclass(frozen=True)
class Exclusion:
    """Contexts that cancel a cue (normalized words right before / after it; raw spellings of the word)."""

    before: frozenset[str] = frozenset()
    after: tuple[str, ...] = ()  # phrases, matched on the words that follow
    written: frozenset[str] = frozenset()
    unless_before: frozenset[str] = frozenset()  # the sense holds only after one of these (ما يتردد)
    unless_after: tuple[str, ...] = ()  # the sense holds only before one of these phrases (وصفت بأنها)


@dataclass(frozen=True)
class Entry:
    category: str  # reporting_verb | hedge | booster | evaluative
    subtype: str  # commitment for verbs
    lemma: str
    form: str = ""  # finite | participle | impersonal | noun (distancing nouns: مزاعم) | "" (not a verb)
    preposition: str = ""
    source: str = ""
    source_first: bool = False  # a statement only with the source word right after the verb (جاء في)
    target: str = ""  # the actor an evaluative term stands for (خلافة: ISIS)
    exclusions: tuple[Exclusion, ...] = ()
    noun_object: bool = False  # a distancing verb that is a cue with a noun object too (تزعم إسقاط)
    max_object_words: int | None = None  # أعرب عن أمله في أن: at most this many words after the preposition
    marked: bool = False  # عبّر: a verb only where the text writes its shadda (unmarked عبر is "via")
    object_required: bool = False  # اتهم X بأنه: a lone actor mention after the verb is its object, not its subject
    with_object: bool = False  # the form carries its object pronoun (اتهمه): the words after it are the subject
    clause_only: bool = False  # اتهم X بـ"...": only an إن/أن clause or a colon is its content, never a quotation
    paradigm: str = ""  # the paradigm a cue's stem is inflected by (adjective, noun ...)


@dataclass(frozen=True)
class According:
    """Attribution without a reporting verb (بحسب المرصد): markers and what makes the next phrase a source."""

    marker_re: re.Pattern[str]
    markers: dict[str, tuple[str, bool]]  # normalized marker -> (particle, fused ما)
    ma: str
    source_heads: tuple[tuple[str, ...], ...]
    pronoun_sources: frozenset[str]
    source_stop: frozenset[str]
    max_source_tokens: int
    entry: Entry
    pronoun_verb_endings: tuple[str, ...] = ()  # قاله, ذكرته: a reporting verb with its object pronoun after لما
    postposed: frozenset[str] = frozenset()  # markers that attribute only the clause before them (، كما قال X)
    postposed_verbs: frozenset[str] = frozenset()  # the saying verbs' lemmas after such a marker
    issuer_verbs: frozenset[str] = frozenset()  # نشرته, أصدرته: "بحسب بيان نشرته", the clause's subject issued it

    def is_marker(self, word: str) -> bool:
        """The word is a marker, alone or after the conjunction و (وبحسب, ووفقا)."""
        return word in self.markers or (word.startswith("و") and word[1:] in self.markers)


@dataclass(frozen=True)
class TargetWords:
    """The ``evaluative_targets`` section, normalized: what ties an evaluative term to the actor it judges."""

    pronoun_suffixes: tuple[str, ...] = ()  # longest first
    consider_verbs: frozenset[str] = frozenset()
    control_verbs: frozenset[str] = frozenset()
    control_prepositions: frozenset[str] = frozenset()
    max_control_words: int = 6
    genitive_breakers: frozenset[str] = frozenset()  # words that end a genitive link (في, ضد, و)
    article: str = ""  # the definite article, normalized (a definite noun heads no construct)
    modifier_paradigms: frozenset[str] = frozenset()  # cue paradigms of adjectives (they modify the noun before)
    free_relatives: frozenset[str] = frozenset()  # ما / من (+ a fused preposition): a judging verb's pronoun stands for it
    relative_pronouns: frozenset[str] = frozenset()  # الذي, التي: a judging verb's pronoun stands for the relative's head
    agent_markers: tuple[tuple[str, ...], ...] = ()  # من جانب, على يد: the agent of the act follows
    max_agent_words: int = 3
    stem_final_ha: frozenset[str] = frozenset()  # تجاه, مياه: a final ه of the stem, no pronoun
    judging_participles: frozenset[str] = frozenset()  # المصنف: the noun before it is judged, the agent judges
    victim_terms: frozenset[str] = frozenset()  # شهيد: the agent phrase names the killer, not the judged side
    affiliation_words: frozenset[str] = frozenset()  # الموالية, المدعومة: their preposition's actor is the term's


@dataclass
class StanceLexicon:
    """The compiled lexicon: one automaton over every generated form, plus the attribution word lists."""

    automaton: PhraseMatcher
    entries: tuple[Entry, ...]
    settings: Mapping[str, int]
    qad: Mapping[str, Any]
    complementizer_re: re.Pattern[str]
    opener_re: re.Pattern[str]
    boundary_re: re.Pattern[str]  # clause openers only (no punctuation): a speaker span never crosses one
    outlet_voice: frozenset[str]
    colon_stop: frozenset[str]
    colon_max_speaker: int
    colon_min_content: int
    direct_markers: frozenset[str]
    quote_pairs: Mapping[str, str]
    name_heads: frozenset[str]
    name_triggers: frozenset[str]
    noun_proclitics: tuple[str, ...]
    naming: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]]  # actor -> ((variant, normalized forms), ...)
    n_keys: int = 0
    subordinators: frozenset[str] = frozenset()  # بعد أن: an adverbial أن, not a complement
    channel_preps: frozenset[str] = frozenset()  # في بيان, عبر حسابه: a channel, not the speaker
    channel_nouns: frozenset[str] = frozenset()
    addressees: frozenset[str] = frozenset()  # لرويترز, للجزيرة: an addressee, not the speaker
    speech_nouns: frozenset[str] = frozenset()  # عن مسؤول قوله إن: trimmed from the speaker span
    long_subject_verbs: frozenset[str] = frozenset()  # قال, أضاف: a subject with an apposition may run longer
    long_subject_max: int = 0
    governing_preps: frozenset[str] = frozenset()  # عن "…" / في "…": a quotation that is an object, not speech
    according: According | None = None
    names: PhraseMatcher | None = None  # the phrases of organisation and title names (no cue inside a name)
    so_called_re: re.Pattern[str] | None = None
    so_called_naming: frozenset[str] = frozenset()  # ما يطلق عليه اسم "…": naming, not disowning
    title_nouns: frozenset[str] = frozenset()
    max_name_words: int = 8
    kunya_prefixes: tuple[str, ...] = ()  # أبو: a kunya opens a person's name ("أبو محمد", "أبومحمد")
    medium_names: frozenset[tuple[str, ...]] = frozenset()  # تويتر, فيس بوك: whole quotations that are a medium's name
    addressee_verbs: frozenset[str] = frozenset()  # قال لـ"…": the ل-object of these is the addressee
    describing_verbs: frozenset[str] = frozenset()  # وصفه بأنه "…": the describer's label
    speech_context: tuple[str, ...] = ()  # word prefixes (stems): دعا يدعو -> "دع" is too short; stems are listed
    speech_object_preps: frozenset[str] = frozenset()  # شدد على "…": the object of the frame's preposition
    speech_context_suffixes: tuple[str, ...] = ()  # longest first: تصنفه -> تصنف, يعتبرون -> يعتبر
    speech_context_bare: frozenset[str] = frozenset()  # اتهام: a speech word only without an ending (not اتهامه)
    contested_terms: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    direct_openers: frozenset[str] = frozenset()
    # name triggers and title nouns written with a final ة that the normalization folds (بلدة -> بلده): a text
    # word matches them only when it is written with ة too (بلده "his country" is no بلدة "town")
    ta_marbuta: frozenset[str] = frozenset()
    targets: TargetWords = field(default_factory=lambda: TargetWords())
    colon_speech_nouns: frozenset[str] = frozenset()  # a long colon label: actor + occasion of speaking
    colon_occasion_prepositions: frozenset[str] = frozenset()  # في, خلال: the occasion's first word
    colon_max_occasion: int = 10


def _exclusions(items: Sequence[Any], n: Any) -> tuple[Exclusion, ...]:
    return tuple(Exclusion(before=frozenset(n(w) for w in x.before), after=tuple(n(w) for w in x.after),
                           written=frozenset(" ".join(str(w).split()) for w in x.written),
                           unless_before=frozenset(n(w) for w in x.unless_before),
                           unless_after=tuple(n(w) for w in x.unless_after)) for x in items)


def _so_called_re(section: Any, n: Any) -> re.Pattern[str] | None:
    """ما يسمى / ما وصفه ب / ... المزعومة: the span is the construction; a trailing ب is required, not spanned."""
    alts = []
    for phrase in section.before:
        words = n(phrase).split()
        if words and words[-1] == "ب":  # the ب may open the quotation: لما وصفه "بالسيناريوهات الغربية"
            alts.append(re.escape(" ".join(words[:-1])) + r"(?=\s+(?:\w+\s+){0,3}[\"«“]?ب)")
        else:
            alts.append(re.escape(" ".join(words)) + r"(?!\w)")
    before = "|".join(sorted(alts, key=len, reverse=True))
    after = "|".join(sorted((re.escape(n(word)) + r"(?!\w)" for word in section.after), key=len, reverse=True))
    if not before and not after:
        return None
    # the relative ما / من takes a proclitic or a fused preposition (وما يسمى, عما يسمى, لما وصفه, ممن وصفهم): the
    # construction (group c) starts after it
    clitic = "|".join(re.escape(n(p)) for p in sorted(section.proclitics, key=len, reverse=True))
    parts = []
    if before:
        parts.append(rf"(?<!\w)(?:{clitic})?(?P<c>{before})" if clitic else rf"(?<!\w)(?P<c>{before})")
    if after:
        parts.append(rf"(?<!\w)(?P<a>{after})")
    return re.compile("|".join(parts))


def _forms(stem: str, paradigm: dict[str, Any], article: str) -> set[tuple[str, bool]]:
    """(form, definite) pairs of one stem through one paradigm (prefixes x stem x suffixes [x article])."""
    out = set()
    for pre in paradigm.get("prefixes", [""]) or [""]:
        for suf in paradigm.get("suffixes", [""]) or [""]:
            out.add((f"{pre}{stem}{suf}", False))
            # ة is normalized to ه with the default NormalizeConfig: both spellings take the article (الخلافة)
            if paradigm.get("article") and not pre and suf in ("", "ة", "ه", "ات", "ون", "ين", "ان", "تان", "تين"):
                out.add((f"{article}{pre}{stem}{suf}", True))
    return out


def _with_object_pronouns(form: str, suffixes: Sequence[str], before_pronoun: dict[str, str]) -> set[str]:
    """A finite verb form with each object pronoun (وصف -> وصفها, تبلغ -> تبلغهم), its ending changed first where
    the morphology says so (وصفوا -> وصفوها)."""
    stem = form
    for ending, replacement in sorted(before_pronoun.items(), key=lambda kv: -len(kv[0])):
        if ending and form.endswith(ending):
            stem = form[: -len(ending)] + replacement
            break
    return {f"{stem}{suf}" for suf in suffixes}


def load_lexicon(path: str | Path | None = None, *, normalization: NormalizeConfig | None = None) -> StanceLexicon:
    """Read, validate and compile the stance lexicon (default: the packaged ``lexicons/stance.yaml``).

    The file is checked against :class:`analysis.lexicon.models.StanceLexiconModel` first (unknown keys,
    wrong types, misspelt categories and commitments are a ConfigurationError naming the file and the
    line); the compiled lexicon is cached by the SHA-256 of the file's bytes.
    """
    cfg = normalization or NormalizeConfig()
    return compiled("stance", path if path is not None else DEFAULT_LEXICON, _compile, cfg)


def _compile(model: StanceLexiconModel, source: LexiconSource, cfg: NormalizeConfig) -> StanceLexicon:
    """The compiled lexicon from the validated model (its defaults are those documented in the YAML)."""

    def n(s: Any) -> str:
        return " ".join(normalize_text(str(s), cfg).split())

    morph = model.morphology
    verb_procl = tuple(n(p) for p in morph.proclitics.verb)
    noun_procl = tuple(n(p) for p in morph.proclitics.noun)
    article = n(morph.article)
    normed_paradigms = {
        name: {"prefixes": [n(x) for x in p.prefixes], "suffixes": [n(x) for x in p.suffixes], "article": p.article}
        for name, p in morph.paradigms.items()
    }

    object_suffixes = [n(x) for x in morph.object_pronouns.suffixes if x]
    before_pronoun = {n(k): n(v) for k, v in morph.object_pronouns.before_pronoun.items()}
    entries: list[Entry] = []
    keys: dict[str, tuple[list[int], int, int]] = {}

    def add(body: str, entry_idx: int, proclitics: Sequence[str], definite: bool) -> None:
        for written, pl, bl in morphology.with_proclitics(body, proclitics, definite=definite, article=article):
            refs = keys.setdefault(written, ([], pl, bl))[0]
            if entry_idx not in refs:
                refs.append(entry_idx)

    for i, verb in enumerate(model.reporting_verbs):
        impersonal = {n(x) for x in verb.impersonal}
        common = dict(category="reporting_verb", subtype=verb.commitment, lemma=n(verb.lemma),
                      preposition=n(verb.preposition), source=n(verb.source), source_first=verb.source_first,
                      exclusions=_exclusions(verb.exclusions, n), noun_object=verb.noun_object,
                      max_object_words=verb.max_object_words, marked=verb.marked, object_required=verb.object_required,
                      clause_only=verb.clause_only)
        idx = {}
        for form in ("finite", "participle", "impersonal"):
            idx[form] = len(entries)
            entries.append(Entry(form=form, **common))
        idx["with_object"] = len(entries)
        entries.append(Entry(form="finite", with_object=True, **common))
        for kind in ("perfect", "imperfect", "participle"):
            if kind not in normed_paradigms:
                raise source.error(("morphology", "paradigms"), f"morphology.paradigms lacks {kind!r} (reporting verbs "
                                                                "need perfect, imperfect and participle)")
            for stem in getattr(verb, kind):
                for form, _ in _forms(n(stem), normed_paradigms[kind], article):
                    which = "participle" if kind == "participle" else "impersonal" if form in impersonal else "finite"
                    add(form, idx[which], verb_procl, False)
                    if verb.object_pronoun and which == "finite":
                        for with_object in _with_object_pronouns(form, object_suffixes, before_pronoun):
                            add(with_object, idx["with_object"], verb_procl, False)
        for form in impersonal:
            add(form, idx["impersonal"], verb_procl, False)
        for form in verb.masdar:  # رد بالقول إن: the verbal noun frames like a participle
            add(n(form), idx["participle"], verb_procl, False)

    for i, cue in enumerate(model.cues):
        if cue.surface is None and cue.stem is None:
            raise source.error(("cues", i), "a cue needs a surface or a stem")
        idx = len(entries)
        # a distancing noun (مزاعم) is a reporting_verb cue but never the verb of a statement frame: its own
        # internal category keeps it out of the frame search
        category = DISTANCING_NOUN if cue.category == "reporting_verb" else cue.category
        entries.append(Entry(category=category, subtype=cue.subtype, lemma=n(cue.surface or cue.stem or ""),
                             form="noun" if cue.category == "reporting_verb" else "", target=cue.target or "",
                             exclusions=_exclusions(cue.exclusions, n), paradigm=cue.paradigm or ""))
        if cue.surface is not None:
            add(n(cue.surface), idx, noun_procl, False)
        name = cue.paradigm or "noun"
        if cue.stem is not None:
            if name not in normed_paradigms:
                raise source.error(("cues", i, "paradigm"), f"unknown paradigm {name!r}; declared in "
                                                            f"morphology.paradigms: {', '.join(normed_paradigms)}")
            for form, definite in _forms(n(cue.stem), normed_paradigms[name], article):
                add(form, idx, noun_procl, definite)
        for form in cue.forms:  # irregular forms (broken plurals) take the same suffixes
            for generated, definite in _forms(n(form), normed_paradigms[name] if cue.stem is not None else {"article": True}, article):
                add(generated, idx, noun_procl, definite)

    automaton = PhraseMatcher()
    for written, (refs, pl, bl) in keys.items():
        automaton.add(written, (tuple(refs), pl, bl))
    automaton.finish()
    names = PhraseMatcher()
    for item in model.names:
        for written, pl, bl in morphology.with_proclitics(n(item.form), noun_procl, definite=True, article=article):
            names.add(written, (pl, bl))
    names.finish()

    attr = model.attribution
    comps = "|".join(sorted({n(c) for c in attr.complementizers}, key=len, reverse=True))
    sufs = "|".join(sorted({n(s) for s in attr.complementizer_suffixes if s}, key=len, reverse=True))
    complementizer_re = re.compile(rf"(?<!\w)(?:ب|و)?(?P<c>(?:{comps})(?:{sufs})?)(?!\w)")
    openers = sorted({n(o) for o in attr.clause_openers}, key=len, reverse=True)
    opener_re = re.compile(
        r"[،,;؛:]|(?<!\w)(?:" + "|".join(re.escape(o) for o in openers + [comps]) + rf")(?:{sufs})?(?!\w)"
    )
    boundary_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(o) for o in openers) + r")(?!\w)")
    quotes = model.quotes
    pairs: dict[str, str] = {}
    for open_mark, close_mark in quotes.pairs:
        pairs.setdefault(open_mark, close_mark)
    naming = {str(actor): [(v.variant, tuple(n(f) for f in v.forms)) for v in variants]
              for actor, variants in model.naming.items()}
    qad = model.qad_hedge
    suffixes = [n(x) for x in attr.channel_suffixes] or [""]
    channel_nouns = frozenset(f"{n(w)}{x}" for w in attr.channel_nouns for x in suffixes)
    according = _load_according(model.according_to, n)
    settings = {"max_speaker_tokens": 16, "max_scare_quote_words": 4, "continuation_paragraphs": 2,
                "speech_after_complement_words": 0, **model.settings}
    return StanceLexicon(  # read-only tables: one compiled lexicon serves every text of the process
        automaton=automaton,
        entries=tuple(entries),
        settings=FrozenDict({k: int(v) for k, v in settings.items()}),
        qad=FrozenDict({
            "particle": n(qad.particle),
            "prefixes": tuple(n(p) for p in qad.imperfect_prefixes),
            "exceptions": frozenset(n(x) for x in qad.perfect_exceptions),
            "category": qad.category,
            "subtype": qad.subtype,
            "morphology": qad.morphology,
            "auxiliaries": frozenset(n(x) for x in qad.auxiliaries),
        }),
        complementizer_re=complementizer_re,
        opener_re=opener_re,
        boundary_re=boundary_re,
        outlet_voice=frozenset(n(x) for x in attr.outlet_voice),
        colon_stop=frozenset(n(x) for x in attr.colon_labels_not_speakers),
        colon_max_speaker=attr.colon_max_speaker_tokens,
        colon_min_content=attr.colon_min_content_tokens,
        colon_speech_nouns=frozenset(n(x) for x in attr.colon_speech_nouns),
        colon_max_occasion=attr.colon_max_occasion_tokens,
        colon_occasion_prepositions=frozenset(n(x) for x in attr.colon_occasion_prepositions),
        direct_markers=frozenset(n(x) for x in attr.direct_markers),
        quote_pairs=FrozenDict(pairs),
        name_heads=frozenset(n(x) for x in quotes.name_heads),
        name_triggers=frozenset(n(x) for x in quotes.name_triggers),
        noun_proclitics=tuple(sorted((p for p in noun_procl if p), key=len, reverse=True)),
        naming=FrozenDict({actor: tuple(variants) for actor, variants in naming.items()}),
        n_keys=len(keys),
        subordinators=frozenset(n(x) for x in attr.subordinators),
        channel_preps=frozenset(n(x) for x in attr.channel_prepositions),
        channel_nouns=channel_nouns,
        addressees=frozenset(n(x).split()[0] for x in attr.addressee_nouns),
        speech_nouns=frozenset(n(x) for x in attr.speech_nouns),
        long_subject_verbs=frozenset(n(x) for x in attr.long_subject_verbs),
        long_subject_max=attr.long_subject_max_tokens,
        governing_preps=frozenset(n(x) for x in quotes.governing_prepositions),
        according=according,
        names=names if model.names else None,
        so_called_re=_so_called_re(model.so_called, n),
        so_called_naming=frozenset(n(x) for x in model.so_called.naming_nouns),
        title_nouns=frozenset(n(x) for x in quotes.title_nouns),
        max_name_words=quotes.max_name_words,
        medium_names=frozenset(tuple(n(x).split()) for x in quotes.medium_names),
        kunya_prefixes=tuple(n(x) for x in quotes.kunya_prefixes),
        addressee_verbs=frozenset(n(x) for x in quotes.addressee_verbs),
        describing_verbs=frozenset(n(x) for x in quotes.describing_verbs),
        speech_context=tuple(sorted({n(x) for x in quotes.speech_context}, key=len, reverse=True)),
        speech_object_preps=frozenset(n(x) for x in quotes.speech_object_prepositions),
        speech_context_suffixes=tuple(sorted({n(x) for x in quotes.speech_context_suffixes if x}, key=len, reverse=True)),
        speech_context_bare=frozenset(n(x) for x in quotes.speech_context_bare),
        contested_terms=frozenset(n(x) for x in quotes.contested_terms),
        first_person=frozenset(n(x) for x in quotes.first_person),
        direct_openers=frozenset(n(x) for x in quotes.direct_openers),
        targets=TargetWords(
            pronoun_suffixes=tuple(sorted({n(x) for x in model.evaluative_targets.pronoun_suffixes}, key=len, reverse=True)),
            consider_verbs=frozenset(n(x) for x in model.evaluative_targets.consider_verbs),
            control_verbs=frozenset(n(x) for x in model.evaluative_targets.control_verbs),
            control_prepositions=frozenset(n(x) for x in model.evaluative_targets.control_prepositions),
            max_control_words=model.evaluative_targets.max_control_words, article=article,
            genitive_breakers=frozenset(n(x) for x in model.evaluative_targets.genitive_breakers),
            free_relatives=frozenset(n(x) for x in model.evaluative_targets.free_relatives),
            relative_pronouns=frozenset(n(x) for x in model.evaluative_targets.relative_pronouns),
            agent_markers=tuple(tuple(n(x).split()) for x in model.evaluative_targets.agent_markers),
            max_agent_words=model.evaluative_targets.max_agent_words,
            stem_final_ha=frozenset(n(x) for x in model.evaluative_targets.stem_final_ha),
            judging_participles=frozenset(n(x) for x in model.evaluative_targets.judging_participles),
            victim_terms=frozenset(n(x) for x in model.evaluative_targets.victim_terms),
            affiliation_words=frozenset(n(x) for x in model.evaluative_targets.affiliation_words),
            modifier_paradigms=frozenset(model.evaluative_targets.modifier_paradigms)),
        ta_marbuta=frozenset(n(x) for x in (*quotes.name_triggers, *quotes.title_nouns)
                             if str(x).endswith("ة") and not n(x).endswith("ة")),
    )


def _load_according(section: AccordingTo | None, n: Any) -> According | None:
    """The ``according_to`` section: None when absent (a user lexicon without it has no such statements)."""
    if section is None:
        return None
    # a postposed marker (كما) is a marker only where according_frames finds it after its clause: elsewhere (كما
    # لفت إلى, كما يقول) the word is a conjunction, so the markers the other rules consult leave it out
    every: dict[str, tuple[str, bool]] = {n(item.form): (n(item.particle), item.ma) for item in section.markers}
    postposed = frozenset(n(item.form) for item in section.markers if item.postposed)
    markers = {form: v for form, v in every.items() if form not in postposed}
    alternatives = "|".join(re.escape(m) for m in sorted(every, key=len, reverse=True))
    return According(
        marker_re=re.compile(rf"(?<!\w)[وف]?(?P<m>{alternatives})(?!\w)"),
        markers=markers,
        ma=n(section.ma),
        source_heads=tuple(tuple(n(h).split()) for h in section.source_heads),
        pronoun_sources=frozenset(n(x) for x in section.pronoun_sources),
        source_stop=frozenset(n(x) for x in section.source_stop),
        max_source_tokens=section.max_source_tokens,
        entry=Entry(category="reporting_verb", subtype=section.commitment, lemma="according_to", form="according_to"),
        pronoun_verb_endings=tuple(sorted({n(x) for x in section.pronoun_verb_endings}, key=len, reverse=True)),
        postposed=postposed,
        postposed_verbs=frozenset(n(v) for item in section.markers if item.postposed for v in item.verbs),
        issuer_verbs=frozenset(n(x) for x in section.issuer_verbs),
    )
