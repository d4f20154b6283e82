"""The Arabic word shapes every matcher of the package shares: proclitics, the article fused with ل (لل),
attached pronouns and nisba paradigms.

These are closed classes of the language, not lexicon entries: a lexicon lists ``الولايات المتحدة`` once and
the matchers find ``وللولايات المتحدة`` because this module says how a noun takes و, ل and the article. The
stance lexicon declares its own proclitic sets for verbs and nouns in its ``morphology`` section; the
functions here take the set to use as an argument, so actors, stance cues, names, relations and the
synthetic generator attach and strip them the same way.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

#: The definite article as the normalized text writes it.
ARTICLE = "ال"
#: Proclitics a noun may carry: a conjunction (و/ف) then a preposition (ب/ل/ك), each optional; "" is none.
NOUN_PROCLITICS: tuple[str, ...] = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
#: The same, longest first and without the empty one: the order in which to try stripping them.
NOUN_PROCLITICS_LONGEST_FIRST: tuple[str, ...] = tuple(sorted((p for p in NOUN_PROCLITICS if p), key=len, reverse=True))
#: The letters a proclitic is made of (a word's leading run of them may be proclitics).
PROCLITIC_LETTERS = frozenset("وفبلك")
#: Alefs with a hamza: a raw word beginning with one of them and ل ("إليزابيث", "ألكسندر") is a name the
#: normalized text spells like a definite word (اليزابيث).
HAMZA_ALEFS = frozenset("أإ")
#: The conjunctions among them (و, ف): "وقالت", "فقد".
CONJUNCTION_LETTERS = frozenset("وف")
#: The feminine ending ة as the normalized text writes it (ه).
FEMININE_ENDING = "ه"
#: The sound plural endings: masculine (ون, ين; a plural nisba can head a person-like reading: "الأمريكيين"; a
#: head ending so, a human plural, is what هم stands for)
#: and feminine (ات).
SOUND_MASCULINE_PLURAL_ENDINGS: tuple[str, ...] = ("ون", "ين")
SOUND_FEMININE_PLURAL_ENDING = "ات"
#: Endings of a noun that takes a feminine verb (قالت الوزارة, أكدت القوات, حذرت أمريكا): ة in both spellings, the
#: sound feminine plural and a final alef (state names, broken plurals: قوى).
FEMININE_AGREEMENT_ENDINGS: tuple[str, ...] = ("ة", FEMININE_ENDING, SOUND_FEMININE_PLURAL_ENDING, "ا", "ى")
#: The ending of the perfect's third person feminine singular (قالت, أكدت).
FEMININE_PERFECT_ENDING = "ت"
#: The prefixes of the imperfect's third person (يقول, تنفي): after و/ف they open a coordinated clause.
THIRD_PERSON_IMPERFECT_PREFIXES = frozenset("يت")
#: Endings that mark a noun, never an imperfect verb ("وميليشيات", "وقيادة").
NOUN_ONLY_ENDINGS: tuple[str, ...] = (SOUND_FEMININE_PLURAL_ENDING, "ة")
#: Attached pronouns a noun may carry ("قواتها", "حلفائهم").
ENCLITICS: tuple[str, ...] = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "ي", "نا")
#: The third-person ones: an attached object pronoun that can stand for an actor named before ("تدعمها").
THIRD_PERSON_ENCLITICS: tuple[str, ...] = ("ه", "ها", "هم", "هما", "هن")

#: Raw endings of a feminine noun (ة) or a sound feminine plural (ات), as the raw text writes them: a head
#: ending so (a feminine noun, a non-human plural) is what the pronoun ها stands for ("القوات ... تدعمها").
FEMININE_RAW_ENDINGS: tuple[str, ...] = ("\u0629", "\u0627\u062a")
#: The raw ة with or without tanwin. Normalized, ة and the pronoun ه are one letter; the raw word tells them
#: apart: a word ending in one of these is feminine, its last letter no pronoun ("حليفة" is not "حليفه").
TA_MARBUTA_RAW_ENDINGS: tuple[str, ...] = ("\u0629", "\u0629\u064b", "\u0629\u064c", "\u0629\u064d")
#: The third-person object pronouns that stand for one actor named before, longest first, each with the head
#: it agrees with; the dual هما is left out (it stands for two).
OBJECT_PRONOUN_AGREEMENT: tuple[tuple[str, str], ...] = (("هم", "plural"), ("ها", "feminine"), ("ه", "masculine"))
DUAL_OBJECT_PRONOUN = "هما"
#: Quotation marks and brackets that may wrap a head word as written.
WORD_WRAPPERS = "\"'«»“”()"


def object_pronoun(raw_word: str) -> str | None:
    """The third-person object pronoun a raw word ends in (تدعمها -> ها), None for none or the dual هما."""
    if raw_word.endswith(DUAL_OBJECT_PRONOUN):
        return None
    return next((p for p, _ in OBJECT_PRONOUN_AGREEMENT if raw_word.endswith(p)), None)


def pronoun_agrees(pronoun: str, head: str, *, name: bool = False, person: bool = False) -> bool:
    """Can the object pronoun stand for a noun phrase headed by the raw word ``head``? ها: a feminine head (ة،
    ات) or a name (a state is feminine) that is no human plural; هم: a human plural (ين، ون); ه: a person or a
    head that is neither."""
    head = head.strip(WORD_WRAPPERS)
    plural = head.endswith(SOUND_MASCULINE_PLURAL_ENDINGS)
    feminine = head.endswith(FEMININE_RAW_ENDINGS) or (name and not plural)
    kind = dict(OBJECT_PRONOUN_AGREEMENT).get(pronoun)
    if kind == "feminine":
        return feminine
    if kind == "plural":
        return plural
    return kind == "masculine" and (person or not (feminine or plural))


#: Endings after the nisba's ي, as written: sg, acc. sg, fem, plurals, duals.
NISBA_ENDINGS: tuple[str, ...] = ("", "ا", "ة", "ون", "ين", "ان", "تان", "تين", "ات")
#: The plural nisba endings: the sound masculine ones.
NISBA_PLURAL_ENDINGS: tuple[str, ...] = SOUND_MASCULINE_PLURAL_ENDINGS
#: Normalized endings that make an unknown word look like a nisba (ة is ه). The accusative "يا" is left out
#: on purpose: it is the ending of most country names (سوريا، روسيا، تركيا), so it proves nothing.
NISBA_LIKE_ENDINGS: tuple[str, ...] = ("يه", "يين", "يون", "يات", "يتين", "يتان", "يان", "ي")
#: Endings stripped from a nisba word to find its family's stem, longest first (both spellings of ة, and
#: "يا": the stem is only compared with the stems of known nisbas, so a country name cannot pass for one).
NISBA_STEM_ENDINGS: tuple[str, ...] = ("يتين", "يتان", "يين", "يون", "يات", "يان", "ية", "يه", "يا", "ي")


def with_proclitics(
    body: str,
    proclitics: Sequence[str] = NOUN_PROCLITICS,
    *,
    definite: bool = False,
    keep_unfused: bool = False,
    article: str = ARTICLE,
) -> list[tuple[str, int, int]]:
    """Every way ``body`` is written after the proclitics: (written word, proclitic length, length of the
    body as written).

    A definite body after a proclitic ending in ل loses the article's alef (ل + الحرب = للحرب): the
    written body then starts at the article's ل and is one letter shorter. ``keep_unfused`` also keeps
    the unfused spelling (لالحرب), which some sources and OCR produce.
    """
    fuses = definite and body.startswith(article) and len(body) > len(article)
    if not fuses:
        return [(p + body, len(p), len(body)) for p in proclitics]
    fused = body[len(article) - 1:]
    if keep_unfused:
        out = [(p + body, len(p), len(body)) for p in proclitics]
        return out + [(p + fused, len(p), len(fused)) for p in proclitics if p.endswith("ل")]
    return [(p + fused, len(p), len(fused)) if p.endswith("ل") else (p + body, len(p), len(body)) for p in proclitics]


def with_enclitics(body: str, proclitics: Sequence[str] = NOUN_PROCLITICS) -> list[tuple[str, int, int]]:
    """``body`` after each proclitic and before each attached pronoun: (written word, proclitic length,
    body length); the pronoun is not part of the body."""
    return [(p + body + s, len(p), len(body)) for p in proclitics for s in ENCLITICS]


def strip_proclitic(word: str, keep: Container[str], proclitics: Sequence[str] = NOUN_PROCLITICS) -> str:
    """``word`` without the first proclitic that leaves a word of ``keep``; else ``word`` unchanged."""
    if word in keep:
        return word
    for p in proclitics:
        if p and word.startswith(p) and word[len(p):] in keep:
            return word[len(p):]
    return word


def split_definite(word: str) -> tuple[str, int]:
    """(the definite word without its proclitic, proclitic length) for و+ال, ب+ال, لل...; else (word, 0).

    For the fused لل the word returned is written with the article's alef restored (للقوات -> القوات)
    and the length counts only the proclitic ل, so a span can start at the article's ل.
    """
    if word.startswith("لل") and len(word) > 3:
        return "ا" + word[1:], 1
    for c in ("ولل", "فلل"):
        if word.startswith(c) and len(word) > 4:
            return "ا" + word[2:], 2
    for p in NOUN_PROCLITICS_LONGEST_FIRST:
        if word.startswith(p + ARTICLE) and len(word) > len(p) + 3:
            return word[len(p):], len(p)
    return word, 0


def nisba_forms(stem: str, broken: Sequence[str] = ()) -> tuple[list[str], list[str], list[str], list[str]]:
    """(indefinite, definite, indefinite plurals, definite plurals) written forms of a nisba family from its
    masculine singular ``stem`` (…ي) and its broken plurals."""
    base = stem[:-1] if stem.endswith("ي") else stem
    indef = [base + "ي" + e for e in NISBA_ENDINGS]
    plur = [base + "ي" + e for e in NISBA_PLURAL_ENDINGS] + list(broken)
    indef += list(broken)
    return indef, [ARTICLE + f for f in indef], plur, [ARTICLE + f for f in plur]


def nisba_stem(word: str) -> str:
    """The stem a normalized nisba word shares with its family (الكرديه, كرديين, كردي -> كرد); a word too
    short to carry an ending keeps it."""
    w = word[len(ARTICLE):] if word.startswith(ARTICLE) else word
    for ending in NISBA_STEM_ENDINGS:
        if w.endswith(ending) and len(w) > len(ending) + 1:
            return w[: -len(ending)]
    return w


def with_possessive(phrase: str, pronouns: Sequence[str] = THIRD_PERSON_ENCLITICS) -> list[str]:
    """The phrase with each attached pronoun on its last word, ة (or its normalized ه) written ت before it:
    "وزير خارجية" -> "وزير خارجيته", "وزير خارجيتها"...; "سفير" -> "سفيره", "سفيرها"."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith(("ة", "ه")):
        last = last[:-1] + "ت"
    return [f"{head} {last}{p}".strip() for p in pronouns]
