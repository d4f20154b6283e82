"""Typed models of the lexicon files: what each YAML file may hold, key by key.

Every model is frozen and forbids unknown keys, so a misspelt key (``atribution:``) is an error instead
of a silently ignored section. The models check shape and types (and closed vocabularies such as an
alias's ``kind``); what needs the whole file (an actor code that must exist, one form for one actor) is
checked where the lexicon is compiled. The JSON Schemas under ``lexicons/schema/`` are generated from
these models (``analysis lexicon schema KIND``).
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

__all__ = [
    "ActorLexiconModel", "StanceLexiconModel", "RelationLexiconModel", "SynthTemplatesModel",
    "Actor", "Alias", "Descriptor", "Component", "Exclusion", "MODELS", "KINDS",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _one_or_many(value: Any) -> Any:
    """A single string stands for a list of one (``heads: القوات``); null for an empty list."""
    if value is None:
        return []
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return [str(value)]
    return value


def _as_text(value: Any) -> Any:
    """YAML reads ``from: 2016`` as a number and ``from: 2016-05-24`` as a date: both are meant as text."""
    if isinstance(value, (int, _dt.date)) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, _dt.date) else str(value)
    return value


#: A non-empty word or phrase (blank is a mistake).
Text = Annotated[str, StringConstraints(pattern=r"\S")]
#: A list of non-empty words or phrases; a single one may be written without brackets.
Texts = Annotated[list[Text], BeforeValidator(_one_or_many)]
#: A list of affixes or words where the empty string is meaningful ("" = no affix).
Affixes = Annotated[list[str], BeforeValidator(_one_or_many)]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Date = Annotated[str, BeforeValidator(_as_text), StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
Note = Annotated[str, BeforeValidator(_as_text)]
ActorKind = Literal["name", "descriptor", "metonym", "person", "anaphor"]


# --- actors.yaml ----------------------------------------------------------------------------------------

class Component(_Model):
    """A part of an actor kept in the ``component`` column (YPG within the SDF)."""

    code: Code
    label_ar: str = ""
    label_en: str = ""
    note: Note | None = None


class Alias(_Model):
    """One listed entry of an actor: a name, descriptor, metonym, person or anaphor, and its spellings."""

    form: Text
    kind: ActorKind
    variants: Texts = []
    component: Code | None = None
    place: bool = False
    needs_antecedent: bool | None = Field(None, description="default: true for an anaphor, false otherwise")
    licensed_by: Texts | None = Field(None, description="actor codes or exclude tags; default: this actor")
    licensed_in_sentence_by: Texts | None = None
    licensed_in_document_by: Texts | None = Field(
        None, description="actor codes that license the anaphor when named anywhere in the document, no rival named")
    licensed_ahead: bool = Field(
        False, description="also licensed by the next licensing name a few sentences on, when no rival comes first")
    rivals: Texts | None = None
    enclitics: bool = False
    role: Note | None = None
    date_from: Date | None = Field(None, alias="from")
    date_until: Date | None = Field(None, alias="until")
    note: Note | None = None


class Descriptor(_Model):
    """A generator: every head (``heads`` and the named ``head_sets``) x every form of each nisba stem."""

    nisba: Annotated[list[Text], BeforeValidator(_one_or_many), Field(min_length=1)]
    broken: Texts = []
    heads: Texts = []
    head_sets: Texts = []
    component: Code | None = None
    standalone: bool = False
    needs_antecedent: bool = False
    licensed_by: Texts | None = None
    licensed_in_sentence_by: Texts | None = None
    rivals: Texts | None = None
    rivals_since_own: bool = Field(
        False, description="a rival drops the form only when named after this actor's last mention")
    note: Note | None = None


class Actor(_Model):
    code: Code
    label_ar: Text
    label_en: Text
    colour: Colour | None = Field(None, description="#RRGGBB (Okabe-Ito); actors without one are drawn grey")
    rollup: Code | None = Field(None, description="the actor code it is counted as with --rollup-coalition")
    components: list[Component] = []
    aliases: list[Alias] = []
    descriptors: list[Descriptor] = []
    note: Note | None = None


class Exclusion(_Model):
    """A phrase that contains an alias but is not a mention (واشنطن بوست)."""

    form: Text
    variants: Texts = []
    tag: str | None = Field(None, description="names the non-actor, so anaphora can treat it as a rival")
    note: Note | None = None


class ActorLexiconModel(_Model):
    """``actors.yaml``: the actors, their aliases and descriptors, and the listed non-mentions."""

    version: Literal[1] = 1
    actors: Annotated[list[Actor], Field(min_length=1)]
    spelling_variants: list[Annotated[list[Text], Field(min_length=2)]] = []
    head_sets: dict[str, Texts] = {}
    non_actor_heads: Texts = []
    exclude: list[Exclusion] = []
    place_cues: Texts = []


# --- stance.yaml ----------------------------------------------------------------------------------------

Commitment = Literal["neutral", "assertive", "evaluative", "distancing"]


class Paradigm(_Model):
    prefixes: Affixes = [""]
    suffixes: Affixes = [""]
    article: bool = False


class Proclitics(_Model):
    verb: Affixes = [""]
    noun: Affixes = [""]


class ObjectPronouns(_Model):
    """Object pronouns a finite verb takes (وصفها، تبلغهم): suffixes, and the verb endings that change before
    them (قالوا -> قالوه: the plural's alef is dropped)."""

    suffixes: Affixes = []
    before_pronoun: dict[str, str] = {}


class Morphology(_Model):
    proclitics: Proclitics = Proclitics()
    article: str = "ال"
    paradigms: dict[str, Paradigm] = {}
    object_pronouns: ObjectPronouns = ObjectPronouns()


class CueExclusion(_Model):
    """A context that cancels a cue: words right before or after it, or the word as written.

    ``before`` / ``after``: words or phrases (normalized like the text) that, when they directly precede
    or follow the cue's word, make it another sense (بالتأكيد على: the noun "affirmation"); ``unless_before``:
    the only words before it that keep the sense (ما يتردد: "what is rumoured"); ``unless_after``: the only words
    after it that keep the sense (وصفت بأنها: "was described as"); ``written``:
    surface forms compared on the raw text before normalization, where spelling tells a sense apart
    (يدعى with alef maqsura "is named" against يدعي "claims")."""

    before: Texts = []
    after: Texts = []
    written: Texts = []
    unless_before: Texts = Field([], description="the cue counts only right after one of these words (ما يتردد عن: "
                                                  "'what is rumoured'; لم يتردد في: 'did not hesitate')")
    unless_after: Texts = Field([], description="the cue counts only right before one of these words or phrases "
                                                 "(وصفت بأنها: the agentless passive 'was described as'; with a subject "
                                                 "or object after it, وصفت الوزارة الهجوم بأنه, it is the active verb)")
    note: Note | None = None


class ReportingVerb(_Model):
    lemma: Text
    commitment: Commitment
    perfect: Affixes = []
    imperfect: Affixes = []
    participle: Affixes = []
    impersonal: Affixes = []
    masdar: Affixes = Field([], description="verbal nouns after ب, as written, that frame speech like a participle: "
                            "the clause's subject speaks (رد بالقول إن، ختم بقوله:)")
    preposition: str = ""
    source: str = ""
    source_first: bool = Field(False, description="a statement only with the source word right after the verb "
                               "(جاء في البيان أن): otherwise the verb is not one of saying (جاء المؤتمر بعد)")
    exclusions: list[CueExclusion] = []
    noun_object: bool = Field(False, description="a distancing verb that counts with a noun object too (تزعم إسقاط)")
    max_object_words: int | None = Field(None, description="at most this many words between the verb's preposition "
                                         "and the complement (أعرب عن أمله في أن): a longer object is a feeling "
                                         "expressed, no statement")
    marked: bool = Field(False, description="counted only where the text writes its shadda (عبّر): written without "
                         "it, the word is another one (عبر, via; معبر, a crossing)")
    object_pronoun: bool = Field(False, description="its finite forms also take an object pronoun (ووصفها بأنها, "
                                 "تبلغهم أن): morphology.object_pronouns")
    object_required: bool = Field(False, description="a verb of telling or accusing whose noun object comes before "
                                  "the complement (اتهم X بأنه, أبلغ X أن): a gap that is one actor mention alone is "
                                  "that object, not the subject")
    clause_only: bool = Field(False, description="a statement only with an إن/أن clause or a colon: a quotation after "
                              "it is the term of its noun object (اتهم X بـ\"...\", توعد \"الخوارج\"), no speech")
    examples: Texts = []
    counterexamples: Texts = []
    rationale: Note | None = None


class StanceCue(_Model):
    category: Literal["hedge", "booster", "evaluative", "reporting_verb"]
    subtype: str = ""
    surface: Text | None = None
    stem: Text | None = None
    paradigm: str | None = Field(None, description="a paradigm of morphology.paradigms (default: noun)")
    forms: Affixes = []
    target: Code | None = Field(None, description="the actor the term stands for (خلافة: ISIS)")
    exclusions: list[CueExclusion] = []
    examples: Texts = Field([], description="texts holding this cue (the tests find it in each)")
    counterexamples: Texts = Field([], description="texts where this entry's word is no cue (the tests find none)")
    rationale: Note | None = None


class NameEntry(_Model):
    """An organisation, title or name of a thing (not necessarily an actor) inside which no cue counts."""

    form: Text
    note: Note | None = None


class SoCalled(_Model):
    """"So-called" constructions: the writer of the words disowns the term that follows."""

    before: Texts = Field([], description="words before the term (ما يسمى, ما وصفه ب): span = these words")
    after: Texts = Field([], description="adjectives after the term (المزعوم, المزعومة)")
    naming_nouns: Texts = Field([], description="a noun right after the words that makes them name, not disown (ما يطلق "
                                                "عليه اسم \"...\"): no so-called cue, the quotation is a name")
    proclitics: Texts = Field([], description="a conjunction or a preposition fused with the relative ما / من before "
                                              "the words (وما يسمى, عما يسمى, لما وصفه, ممن وصفهم): not spanned")
    rationale: Note | None = None


class EvaluativeTargets(_Model):
    """Constructions that tie an evaluative term to the actor it judges (``analysis.stance.targets``)."""

    pronoun_suffixes: Affixes = Field([], description="attached pronouns (ه, ها, هم) that stand for an earlier actor")
    consider_verbs: Affixes = Field([], description="verbs of judging (عد, اعتبر, وصف) whose object the term "
                                                    "that follows predicates: عدته انتهاكا")
    control_verbs: Affixes = Field([], description="verbs whose object is the agent of their complement (حث, حمل, "
                                                   "دعا): حمل النظام على التوقف عن البطش")
    control_prepositions: Affixes = Field([], description="the particle after the control verb's object (على, إلى)")
    max_control_words: int = 6
    genitive_breakers: Affixes = Field([], description="words that end a genitive link between a term and a later "
                                                       "mention: prepositions and conjunctions (الإرهاب في سوريا, "
                                                       "الإرهاب ضد داعش, الإرهاب وداعش)")
    modifier_paradigms: list[str] = Field([], description="cue paradigms of adjectives: such a term modifies the "
                                                          "noun right before it (أساليبه الوحشية)")
    free_relatives: Affixes = Field([], description="the relatives ما / من, alone or with a fused preposition (مما, "
                                                    "ممن, لما): a verb of judging after one has its pronoun stand for "
                                                    "the relative (من وصفهم بالإرهابيين), never for an earlier actor")
    relative_pronouns: Affixes = Field([], description="relative pronouns (الذي, التي): a verb of judging right after one "
                                                       "has its pronoun stand for the relative's head, the mention right "
                                                       "before it (وحدات حماية الشعب التي تعتبرها أنقرة منظمة إرهابية)")
    agent_markers: Texts = Field([], description="phrases that introduce the agent of an act (من جانب, من قبل, على "
                                                 "يد): a mention right after one, a few words after the term, is the "
                                                 "actor the term judges (عدوان من جانب إيران)")
    max_agent_words: int = 3
    stem_final_ha: Affixes = Field([], description="words whose final ه belongs to the stem (تجاه, باتجاه, مياه): "
                                                   "no attached pronoun, no possessor")
    judging_participles: Affixes = Field([], description="passive participles of judging (المصنف, الموصوف) right "
                                                         "before the term: the noun they follow is the judged actor "
                                                         "(حزب العمال الكردستاني المصنف إرهابيا), an agent phrase after "
                                                         "the term names the judge, never the target")
    victim_terms: Affixes = Field([], description="terms whose agent phrase names the killer, not the judged side "
                                                  "(الشهداء على يد قوات النظام: the martyrs are not the regime's)")
    affiliation_words: Affixes = Field([], description="adjectives of affiliation (الموالية, المدعومة, المرتبطة): "
                                                       "after the term, the actor their preposition governs is the "
                                                       "term's (الميليشيات المدعومة من إيران)")
    rationale: Note | None = None


class QadHedge(_Model):
    particle: str = "قد"
    category: str = "hedge"
    subtype: str = "epistemic"
    imperfect_prefixes: Affixes = ["ي", "ت"]
    perfect_exceptions: Affixes = []
    auxiliaries: Affixes = Field([], description="كان قد + verb is a pluperfect (كان ترامب قد توعد): an auxiliary at "
                                                 "most three words before قد cancels the hedge")
    morphology: bool = Field(True, description="ask the morphological analyser (qalsadi) whether the word "
                                               "after قد can be a 3rd-person imperfect; off: prefixes only")
    rationale: Note | None = None


class Attribution(_Model):
    complementizers: Affixes = ["أن", "إن"]
    complementizer_suffixes: Affixes = [""]
    direct_markers: Affixes = []
    clause_openers: Affixes = []
    outlet_voice: Affixes = []
    colon_labels_not_speakers: Affixes = []
    colon_max_speaker_tokens: int = 4
    colon_min_content_tokens: int = 3
    colon_speech_nouns: Affixes = Field([], description="a longer colon label is a speaker when an actor mention opens "
                                                       "it and one of these follows (\"بوتين في أول تصريح بعد إعادة "
                                                       "انتخابه: ...\")")
    colon_occasion_prepositions: Affixes = Field([], description="the word right after the actor mention of a long "
                                                                "colon label that opens the occasion (في أول تصريح)")
    colon_max_occasion_tokens: int = 10
    subordinators: Affixes = []
    channel_prepositions: Affixes = []
    channel_nouns: Affixes = []
    channel_suffixes: Affixes = [""]
    addressee_nouns: Texts = []
    speech_nouns: Affixes = []
    long_subject_verbs: Affixes = Field([], description="lemmas of verbs of saying that take no noun object (قال, "
                                                        "أضاف): their subject may run past max_speaker_tokens, up to "
                                                        "long_subject_max_tokens, when a comma sets off its apposition")
    long_subject_max_tokens: int = 0
    rationale: Note | None = None


class Marker(_Model):
    form: Text
    particle: str = ""
    ma: bool = False
    #: only after the clause it attributes, after a comma, with a reporting verb that frames nothing of its own
    #: ("شنت القوات هجوما، كما قال مسؤول"): elsewhere the word is an ordinary conjunction ("كما قال الوزير إن")
    postposed: bool = False
    #: for a postposed marker: the lemmas of the saying verbs it takes ("كما قال"; not "كما نفى", "also denied")
    verbs: Texts = []


class AccordingTo(_Model):
    markers: Annotated[list[Marker], Field(min_length=1)]
    ma: str = "ما"
    source_heads: Texts = []
    pronoun_sources: Affixes = []
    source_stop: Affixes = []
    pronoun_verb_endings: Affixes = []
    issuer_verbs: Affixes = Field([], description="a statement noun then one of these verbs with its pronoun (\"بحسب بيان "
                                                 "نشرته\"): the statement of the clause's own subject")
    max_source_tokens: int = 12
    commitment: Commitment = "neutral"
    rationale: Note | None = None


class Quotes(_Model):
    pairs: list[tuple[str, str]] = [('"', '"')]
    name_heads: Affixes = []
    governing_prepositions: Affixes = []
    name_triggers: Affixes = []
    title_nouns: Affixes = Field([], description="a quotation right after one of these is a title or model name "
                                                 "(فيلم, طراز, شركة, مجلة), never speech or distancing")
    max_name_words: int = 8
    kunya_prefixes: Affixes = Field([], description="the first word of a kunya (أبو, written apart or joined: \"أبو "
                                                    "محمد\", \"أبومحمد\"): a quotation of at most three words opening "
                                                    "with one is a person's name or nom de guerre, a quoted name")
    medium_names: Texts = Field([], description="names of media and platforms (تويتر, فيسبوك): a quotation that is one "
                                                "of them, whole, is a quoted name")
    addressee_verbs: Affixes = Field([], description="telling verbs whose ل-object is the addressee (قال لـ\"سكاي نيوز\"): "
                                                     "a quotation after their ل is the medium's name, not speech")
    describing_verbs: Affixes = Field([], description="verbs of describing (وصف): their بأن clause in marks is the "
                                                      "describer's label, a partial quote, not a reported clause")
    speech_context: Affixes = Field([], description="words (stems of speech and stance verbs and nouns) that, earlier "
                                                    "in the sentence, make a quotation in narration someone's words")
    speech_object_prepositions: Affixes = Field([], description="prepositions after which a quotation a direct frame "
                                                                "takes is the speaker's words in the outlet's clause "
                                                                "(شدد على \"...\", أشار إلى \"...\"), a partial quote")
    speech_context_suffixes: Affixes = Field([], description="endings a speech word may carry beyond its listed form "
                                                             "(object pronouns, plural person endings: تصنفه, يعتبرون); "
                                                             "the word counts when what remains is listed")
    speech_context_bare: Affixes = Field([], description="speech nouns that count only as written, with no ending "
                                                         "(اتهام الدوحة بدعم \"الإرهاب\": the accusers' words; "
                                                         "اتهامه is 'his being accused', a subject in the content)")
    contested_terms: Affixes = Field([], description="words that make a short quotation in narration the writer's "
                                                     "distancing (معارضة, معتدلة, ثوار): a scare quote")
    first_person: Affixes = Field([], description="first-person words (نحن, لدينا, إننا): a clause in marks holding "
                                                  "one, with no complementizer before it, is the speaker's direct speech")
    direct_openers: Affixes = Field([], description="words that open a main clause (لقد, فقد, إن, هل, ليس): a "
                                                    "quotation opening with one, with no complementizer before it, "
                                                    "is the speaker's direct speech")
    rationale: Note | None = None


class NamingVariant(_Model):
    variant: Text
    forms: Affixes = []
    rationale: Note | None = None


class Speakers(_Model):
    """How a speaker span gets its actor when it holds no actor mention (``analysis.speakers``)."""

    classes: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z_]*$")], Texts] = {}
    heads: Texts = []
    max_nisba_gap: int = 3
    anaphors: Texts = []
    anaphor_modifiers: Texts = []
    anaphors_of_previous: Texts = []
    role_nouns: Texts = []
    spokesman_links: Texts = []
    not_names: Texts = []
    name_particles: Texts = []
    max_name_words: int = 3
    time_words: Texts = []
    circumstantial_prepositions: Texts = []
    not_subjects: Texts = []
    relative_pronouns: Texts = []
    latter: Texts = []
    name_compounds: Texts = []  # الدين: joins the name word before it (علاء الدين, نور الدين)
    max_role_modifiers: int = 0  # a role's modifiers before the actor mention ending them (رئيس لجنة ... في مجلس الشورى الإيراني)
    statement_nouns: Texts = []  # بيان, تقرير: the statement itself as a speaker refers to its issuer
    counterpart_words: Texts = []
    topic_prepositions: Texts = []  # عن: among the counterpart words, one that counts only right after the speaker
    verb_homographs: Texts = []  # words that match a reporting verb's forms but are names (فرات: ف + رأت)
    auxiliaries: Texts = []  # كان opening a sentence before its subject: "وكان X، Y، قد أعلن"
    state_names: dict[str, Texts] = {}  # actor -> country names that are places, not mentions, but speak as its state
    masdar_before: Texts = []  # عدم, دون: a reporting-verb form right after them is a masdar (عدم ذكر اسمه)
    topic_markers: Texts = []  # أما: "أما TOPIC فـVERB", the topic is the subject of the comment's verb
    identity_objects: Texts = []  # اسمه, هويته: "لم يكشف عن هويته" withholds a name, it reports no speech
    ranks: Texts = []  # الجنرال, اللفتنانت: a titled officer with no actor of his own speaks for the previous speaker
    relay_markers: Texts = []  # عن, على لسان: after a medium the source of a relay ("وكالة ... على لسان روحاني")
    relay_words: Texts = []  # نقلا: "نقلا عن X", X is the source
    institution_heads: Texts = []  # مجلس, هيئة: with an actor's nisba ("مجلس الأمن القومي التركي") that actor speaks
    nisba_places: Texts = []  # مدينة, محافظة: a nisba after a place noun describes the place, not the speaker
    resumptive: Texts = []  # فيه, فيها: "في الوقت الذي أكد فيه الرئيس أن": the verb's subject follows the pronoun
    rationale: Note | None = None


class StanceLexiconModel(_Model):
    """``stance.yaml``: reporting verbs, hedges, boosters, evaluative terms, attribution and naming."""

    version: Literal[1] = 1
    settings: dict[Literal["max_speaker_tokens", "max_scare_quote_words", "continuation_paragraphs",
                           "speech_after_complement_words"], int] = {}
    morphology: Morphology = Morphology()
    reporting_verbs: list[ReportingVerb] = []
    cues: list[StanceCue] = []
    names: list[NameEntry] = []
    so_called: SoCalled = SoCalled()
    evaluative_targets: EvaluativeTargets = EvaluativeTargets()
    qad_hedge: QadHedge = QadHedge()
    attribution: Attribution = Attribution()
    according_to: AccordingTo | None = None
    quotes: Quotes = Quotes()
    naming: dict[str, list[NamingVariant]] = {}
    speakers: Speakers = Speakers()


# --- relations.yaml -------------------------------------------------------------------------------------

class VerbParadigm(_Model):
    perfect_suffixes: Affixes = [""]
    imperfect_prefixes: Affixes = []
    imperfect_suffixes: Affixes = [""]
    proclitics: Affixes = [""]
    imperfect_proclitics: Affixes = [""]
    enclitics: Affixes = [""]


class NounParadigm(_Model):
    proclitics: Affixes = [""]
    article: str = "ال"
    enclitics: Affixes = [""]
    modifier_endings: Affixes = [""]


class RelationParadigms(_Model):
    verb: VerbParadigm = VerbParadigm()
    noun: NounParadigm = NounParadigm()


class RelationVerb(_Model):
    perfect: str | None = None
    imperfect: str | None = None
    #: later words of a verb phrase, written as they follow the verb (وقف إلى جانب: "stood by")
    then: Affixes = []
    #: overrides of the relation block's settings for this entry (اشتبك: a symmetric attack, partner after مع)
    symmetric: bool | None = None
    target_prepositions: Affixes | None = None
    #: read only inside a relative clause, with the object pronoun standing for the antecedent: "التحالف
    #: الذي تقوده واشنطن" (Washington leads the coalition, like بقيادة); elsewhere (قاد المفاوضات) no relation
    relative_object_only: bool = False
    #: words one of which must follow the verb in its clause for it to be a trigger (حمّل ... المسؤولية "held
    #: responsible"; حمّل alone is "carried")
    requires: Affixes = []
    #: the relation the verb states when its agent is a person (a name, or a title of ``person_heads``): a
    #: leader "attacking" another state does it in words (هاجم الرئيس السوري الدول الغربية: oppose)
    person_relation: str | None = None
    #: sentences whose relation this entry must give (the tests check each), and sentences where its
    #: word is no relation of this type
    examples: list[Text] = []
    counterexamples: list[Text] = []


class RelationNoun(_Model):
    forms: Annotated[list[Text], BeforeValidator(_one_or_many), Field(min_length=1)]
    then: Affixes = []
    #: do the later words agree with the head in definiteness (adjectives: الغطاء الجوي، غطاء جويا)? Not a
    #: prepositional phrase (القتال إلى جانب، قتال إلى جانب): its words are written as given
    then_agrees: bool = True
    symmetric: bool | None = None
    target_prepositions: Affixes | None = None
    #: a passive participle or agent phrase qualifying the noun before it: "X المدعومة من Y", "X بقيادة Y"
    #: (Y, after an optional agent preposition, is the source; X, the actor just before, the target)
    passive: bool = False
    #: the verbal noun of a transitive verb, whose bare genitive is its object (هزيمة التنظيم "defeating
    #: ISIS", استهداف المدنيين): without a target after a preposition, the genitive is the target and the
    #: source is the actor before the noun (not the genitive agent of an event noun: غارات التحالف)
    genitive_object: bool = False
    #: an adjective or participle qualifying the actor right before it, or in apposition to it after a
    #: comma ("إيران الحليفة للأسد", "روسيا، حليفة دمشق،"): that actor is the source, even as a preposition's
    #: object, and the actor after the word the target
    qualifies: bool = False
    #: a circumstantial participle (محذرا، متهما، منددا): its agent is the subject of the sentence's main verb
    #: ("وشبه بن سلمان خامنئي بهتلر، محذرا من نوايا إيران"), its target the actor after it in its clause
    circumstantial: bool = False
    #: words one of which must follow the noun in its clause for it to be a trigger (عملية ... ضد: an
    #: operation against someone, with a name or an adjective between; عملية alone is too general)
    requires: Affixes = []
    examples: list[Text] = []
    counterexamples: list[Text] = []


class Relation(_Model):
    symmetric: bool = False
    target_prepositions: Affixes = []
    #: does من after a noun of this type introduce its agent (بدعم من X)? Not for oppose (قلقه من قرار X)
    noun_agents: bool = True
    #: is an actor right after a noun of this type its agent even without a target after it ("الاختباء من
    #: ضربات القوات العراقية": the target is then the actor before the noun)? attack: yes; support: no
    #: (وقف دعم الأكراد: the Kurds are supported)
    genitive_agents: bool = False
    verbs: list[RelationVerb] = []
    nouns: list[RelationNoun] = []


class Clauses(_Model):
    punctuation: Affixes = []
    connectives: Affixes = []
    relative_pronouns: Affixes = []
    #: time words written between two commas inside a clause ("أعرب بوتين، الأربعاء، عن قلقه"): no cut
    parentheticals: Affixes = []


class MarkerGroup(_Model):
    """Words that make a relation negative (polarity) or not a real event (modality); forms are generated
    like the triggers' (``words`` are written forms, which also get the conjunctions و and ف)."""

    words: Affixes = []
    verbs: list[RelationVerb] = []
    nouns: list[RelationNoun] = []
    window: int | None = None  # tokens before the trigger (or its subject); default: the axis's window
    before_imperfect: bool = False  # counts only right before an imperfect verb (قد يهاجم, not قد هاجم)
    #: the marker is part of the trigger phrase ("انسحاب بلاده من الاتفاق"): the trigger span starts at it
    in_trigger: bool = False
    rationale: Note = ""
    examples: list[Text] = []  # sentences (two actors, one trigger) whose relation the group marks


class PolarityMarkers(_Model):
    window: int = 4
    groups: dict[str, MarkerGroup] = {}


class ModalityMarkers(_Model):
    window: int = 4
    groups: dict[str, MarkerGroup] = {}
    #: proclitics of the future on a trigger itself (ستدعم, وسيهاجم): the relation is hypothetical
    future_proclitics: Affixes = []
    #: imperfect forms that are not imperfect verbs after a before_imperfect word (قد تم: realis)
    imperfect_exceptions: Affixes = []
    #: a sentence asking (ending in one of these after the trigger) is hypothetical
    question_marks: Affixes = []


class NonArguments(_Model):
    """Actor mentions that are never a relation's source or target."""

    #: a name or metonym right after one of these is a place, not the actor (في دمشق، قرب موسكو)
    place_words: Affixes = []
    place_kinds: list[ActorKind] = ["name", "metonym"]
    #: a mention of any kind right after one of these is a place (حدود الأردن، الأراضي السورية، الأجواء التركية)
    place_nouns: Affixes = []
    #: an actor right after one of these phrases is addressed (رسالة إلى واشنطن)
    addressee_phrases: Affixes = []
    #: verbs of calling and demanding: the actor right before إلى / ب after them is addressed (دعت روسيا واشنطن إلى)
    call_verbs: list[RelationVerb] = []
    call_words: Affixes = []
    addressee_prepositions: Affixes = []
    #: kinds of boilerplate span whose mentions are no arguments (the place of a dateline)
    boilerplate_kinds: Affixes = []
    examples: list[Text] = []  # sentences that must yield no relation


class SpeakerReferences(_Model):
    """Words in a statement's content that stand for its speaker (relation_speakers)."""

    #: the speaker's country (بلاده "his country", بلادنا "our country"), with و ف ب ل written joined
    words: Affixes = []
    #: complementizers with a pronoun (إنها، أنه) opening the content right before a verb trigger
    pronouns: Affixes = []
    #: affixes of the first person: a trigger verb or noun written with them in the content of a statement
    #: (دعمنا الدوحة، سنتعاون مع، تعاوننا مع) has the speaker as its agent
    first_person_perfect_suffixes: Affixes = []
    first_person_imperfect_prefixes: Affixes = []
    first_person_enclitics: Affixes = []
    examples: list[Text] = []  # sentences with a statement whose relation has the speaker as source


class RelationLexiconModel(_Model):
    """``relations.yaml``: who-does-what verb and noun patterns, by relation type."""

    version: Literal[1] = 1
    paradigms: RelationParadigms = RelationParadigms()
    relations: dict[str, Relation] = {}
    #: generated forms that are other words, never triggers (لأسلحة "for weapons", not "that I arm him")
    not_triggers: Affixes = []
    clauses: Clauses = Clauses()
    polarity: PolarityMarkers = PolarityMarkers()
    modality: ModalityMarkers = ModalityMarkers()
    non_arguments: NonArguments = NonArguments()
    speaker_references: SpeakerReferences = SpeakerReferences()
    agent_prepositions: Affixes = []
    #: first words of mentions that name a person by a title (الرئيس، وزير، المتحدث): with the mentions of
    #: kind ``person`` they make an agent a person (a verb's ``person_relation``)
    person_heads: Affixes = []
    #: subordinators of time (عندما، بعدما): a verb trigger after one, with an actor right after it, has that
    #: actor as its subject ("حافظت واشنطن على صمتها عندما هاجم الأتراك عفرين")
    subordinators: Affixes = []
    #: participles of attribution (المنسوبة): the actor right after one is no target of a trigger before it
    attribution_words: Affixes = []
    #: words of quantity before من (عشرات من، عدد من): the actor after من is a part of the object, not an agent
    #: ("قصف الجيش عشرات من مواقع التنظيم")
    partitive_words: Affixes = []
    #: words whose first letters are their own, not a preposition written on them (بين, بعد, بسبب, and what
    #: begins with them: بينما, بعدما): the actor after one is not the genitive of a fused preposition
    unjoined_words: Affixes = []
    #: a light verb with an object pronoun right after a noun trigger introduces its agent ("هجمات شنها
    #: تنظيم الدولة", "هجوم تشنه أنقرة")
    light_verbs: list[RelationVerb] = []
    #: after a symmetric trigger, introduce its conjoined pair (اشتباكات بين X و Y)
    between_prepositions: Affixes = []
    attachment_words: Affixes = []
    #: prepositions of company (قاتل مع التحالف, شارك في الضربات مع التحالف): an actor after one is a partner,
    #: never the target of a type whose targets are not introduced by it
    comitative_prepositions: Affixes = []
    #: the relation types whose triggers take a partner, not a target, after a comitative (not oppose:
    #: "حذرت من أنها لن تتسامح مع وجود إيراني" names the opposed)
    comitative_types: list[str] = []
    #: proclitics that mark a target on the noun a genitive actor depends on (دعم الدوحة للاقتصاد التركي);
    #: not ب (مساعدة الوزير الأمريكي بزيارة الأردن: a circumstance)
    target_proclitics: Affixes = []
    #: verbs of receiving (تحظى X بدعم Y، تلقت X دعم Y): the subject before a noun trigger is its target and
    #: the noun's genitive its source
    reception_verbs: list[RelationVerb] = []
    #: relation types whose noun written with the preposition ب and an actor genitive or nisba after it is an
    #: instrument of the clause's event (استعاد الجيش المدينة بمساعدة روسيا، تشن قوات النظام بدعم روسي
    #: هجوما): the noun's actor is the source, the clause's subject the target
    instrumental_types: list[str] = []
    #: verbs and nouns whose ب-phrase is their content, not an instrument (اتهمت أنقرة واشنطن بدعم الوحدات،
    #: طالبت بدعم المعارضة، هددت بهجوم): no instrumental reading in their clause after them
    content_verbs: list[RelationVerb] = []
    content_nouns: list[RelationNoun] = []
    #: perfect suffixes that carry a dual or plural subject (ناقشا، هاجموا): a verb written with one has its
    #: subject in itself or before it, never an actor after it (VSO verbs agree in the singular)
    pronoun_subject_suffixes: Affixes = []
    #: those of a dual subject (تحدثا، اتفقتا): a symmetric verb written with one relates the two actors before
    #: it that its subject coordinates ("رئيس أركان الجيش الروسي ورئيس الأركان الأمريكية تحدثا هاتفيا")
    dual_subject_suffixes: Affixes = []
    #: nouns of what is aimed at (مواقع، أهداف): a descriptor they head right after an attack noun is its
    #: object, not its agent ("عن قصف مواقع عسكرية إيرانية"), whatever the noun's type says of its genitive
    target_heads: Affixes = []
    #: verbs of considering and judging (تعتبر دمشق العقوبات غير مشروعة): a noun trigger that is their object
    #: is judged by their subject, which is not its agent
    judging_verbs: list[RelationVerb] = []
    causative_verbs: list[RelationVerb] = []
    #: areas held by an actor (المناطق التي تسيطر عليها المعارضة، مناطق سيطرة النظام): after a trigger of
    #: ``control_types`` (its object, or after an aim preposition), an area noun, at most one adjective, then a
    #: control phrase make the actor after the phrase the target (the holder of what is attacked)
    area_nouns: Affixes = []
    control_phrases: Affixes = []
    control_types: list[str] = []
    #: auxiliaries of the passive before a verbal noun (تم استهداف، جرى قصف): the noun has no agent before it
    passive_auxiliaries: Affixes = []
    #: prepositions that name an attack's target (هجوم القوات الحكومية على الغوطة): when one follows a noun's
    #: agent and introduces no actor, the noun has a target that is no actor, and none is looked for before it
    aim_prepositions: Affixes = []
    #: separate and joined prepositions: an actor after one is not a noun trigger's genitive agent
    prepositions: Affixes = []
    preposition_proclitics: Affixes = []
    #: endings of an indefinite adjective between a noun and its agent (بدعم جوي من، غارات جوية روسية)
    nisba_endings: Affixes = []
    max_tokens_before: int = 10
    max_tokens_after: int = 8


# --- synth_templates.yaml -------------------------------------------------------------------------------

class Clitic(_Model):
    before_article: str
    other: str


class SynthTemplatesModel(_Model):
    """``synth_templates.yaml``: the sentence templates and fillers of the synthetic benchmark corpus."""

    version: Literal[1] = 1
    clitics: dict[str, Clitic]
    variants: dict[Literal["bare_alef", "ha_for_ta_marbuta", "alef_maqsura", "tatweel", "harakat", "nbsp",
                           "indic_digits"], float]
    quote_marks: list[tuple[str, str]]
    paragraphs: tuple[int, int]
    sentences_per_paragraph: tuple[int, int]
    headlines: list[str]
    sentences: list[str]
    captions: list[str] = []
    quotes: list[str] = []
    places: Texts
    days: Texts
    speakers: Texts
    sources: Texts
    verbs: Texts
    verbs_present: Texts


#: Lexicon kind -> its model, in the order ``analysis lexicon`` lists them.
MODELS: dict[str, type[_Model]] = {
    "actors": ActorLexiconModel,
    "stance": StanceLexiconModel,
    "relations": RelationLexiconModel,
    "synth_templates": SynthTemplatesModel,
}
KINDS: tuple[str, ...] = tuple(MODELS)
