"""Who speaks for whom: the actor of a statement's speaker when the speaker span holds no actor mention.

``analysis.stance`` finds each reporting frame and its speaker span (the subject of the reporting verb, the
source after بحسب); this module gives that span its actor, in this order:

1. a **non-actor speaker class** (``NGO``: monitors, aid and rights groups; ``MEDIA``: news agencies and
   outlets quoted as sources) when one of its phrases comes before any actor mention in the span;
2. the **actor mention** in the span (a person mention first), leaving out mentions after a counterpart or
   meeting word (``قبيل محادثات مع نظيره الروسي``: someone else);
3. a **name introduced with a role**: ``المتحدثة باسم البيت الأبيض سارة ساندرز`` registers ساندرز as speaking
   for the US, so a later ``وقالت ساندرز`` is the US; names before ``، ROLE ... ACTOR`` likewise;
4. an **institution anaphor** (``الوزارة``, ``البيان``, ``المصدر نفسه``): the latest earlier speaker or actor
   mention with the same head noun, or (for statement nouns) the previous statement's speaker;
5. a **speaker head with an actor's nisba** (``مصادر روسية``, ``مسؤولون أميركيون``): the nisba words are those
   the actor lexicon generates, so actors added there are found here too;
6. otherwise ``UNKNOWN`` (the span is kept).

A relay inside a span (``وكالة رويترز نقلا عن مسؤول أمريكي``) is resolved on the innermost source, after
``عن``. The word lists are the ``speakers`` section of ``lexicons/stance.yaml`` (reviewed data).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import morphology
from .lexicon.frozen import FrozenDict
from .lexicon.loading import compiled
from .normalize import NormalizeConfig, normalize_text

if TYPE_CHECKING:
    from .lexicon.source import LexiconSource

log = logging.getLogger(__name__)

__all__ = ["SpeakerRules", "load_rules", "clear_cache", "Resolver", "CLASSES"]

UNKNOWN = "UNKNOWN"
OUTLET = "OUTLET"
CLASSES = ("NGO", "MEDIA")
_WORD = re.compile(r"\w+")
_ANAPHOR_REACH = 2500  # characters back in which an institution anaphor looks for its antecedent
_SOURCE_NOUNS = frozenset({"مصدر", "مصادر"})  # unnamed sources: named again in passing ("بحسب المصادر نفسها")


@dataclass(frozen=True)
class SpeakerRules:
    """The compiled ``speakers`` section, plus the nisba words of the actor lexicon."""

    classes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (code, phrase words), longest phrases first
    heads: frozenset[str] = frozenset()
    max_nisba_gap: int = 3
    anaphors: frozenset[str] = frozenset()
    anaphor_modifiers: frozenset[str] = frozenset()
    anaphors_of_previous: frozenset[str] = frozenset()
    role_nouns: frozenset[str] = frozenset()
    spokesman_links: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    max_name_words: int = 3
    time_words: frozenset[str] = frozenset()
    circumstantial: frozenset[str] = frozenset()
    counterpart: frozenset[str] = frozenset()
    not_subjects: frozenset[str] = frozenset()
    relative: frozenset[str] = frozenset()
    topic_prepositions: frozenset[str] = frozenset()  # عن: a topic only right after the speaker's mention
    latter: frozenset[str] = frozenset()
    statement_nouns: frozenset[str] = frozenset()
    name_compounds: frozenset[str] = frozenset()  # الدين: the second word of a given name (علاء الدين)
    max_role_modifiers: int = 0  # words a role's modifiers may run before the mention that ends them
    verb_homographs: frozenset[str] = frozenset()  # words that look like a reporting verb but are names
    state_names: Mapping[str, str] = field(default_factory=FrozenDict, hash=False, compare=False)  # سوريا -> SYRIAN_GOV
    auxiliaries: frozenset[str] = frozenset()  # كان opening a sentence before its subject and verb
    masdar_before: frozenset[str] = frozenset()  # عدم, دون: a reporting-verb form right after them is a masdar
    topic_markers: frozenset[str] = frozenset()  # أما: "أما TOPIC فـVERB", the topic is the verb's subject
    identity_objects: frozenset[str] = frozenset()  # اسمه, هويته: "لم يكشف عن هويته" reports no speech
    ranks: frozenset[str] = frozenset()  # الجنرال, اللفتنانت: military ranks before a name
    relay_markers: tuple[tuple[str, ...], ...] = ()  # عن, على لسان (as word tuples): the source of a relay follows
    relay_words: frozenset[str] = frozenset()  # نقلا: "نقلا عن X"
    institution_heads: frozenset[str] = frozenset()  # مجلس, هيئة: an institution named with an actor's nisba
    nisba_places: frozenset[str] = frozenset()  # مدينة, محافظة: a nisba after them describes the place
    resumptive: frozenset[str] = frozenset()  # فيه, فيها: a relative clause's pronoun before the verb's subject
    nisba: Mapping[str, str] = field(default_factory=FrozenDict, hash=False, compare=False)  # nisba word -> actor

    def no_subject(self, words: Sequence[str]) -> bool:
        """Is a verb-subject gap no subject: only time words, or a circumstantial preposition first (after
        time words: "وقال الجمعة في مقر الحلف الأطلسي": the place where the speaker spoke)?"""
        if not words:
            return False
        i = 0
        while i < len(words) and words[i] in self.time_words:
            i += 1
        return i == len(words) or words[i] in self.circumstantial

    def particles_only(self, words: Sequence[str]) -> bool:
        """Is a phrase before the verb only particles and auxiliaries (إذ, فقد, وكان ... قد)?"""
        return bool(words) and all(w in self.not_subjects or w in self.time_words for w in words)


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, int)):
        return [str(value)]
    if not isinstance(value, list):
        raise ValueError(f"speakers: expected a list, got {type(value).__name__}")
    return [str(v) for v in value]


def load_rules(path: str, normalization: NormalizeConfig | None = None, actor_lexicon: str | None = None) -> SpeakerRules:
    """The ``speakers`` section of a stance lexicon (empty rules when it has none), with the nisba table of
    the actor lexicon (``actor_lexicon``: a path, or None for the packaged one).

    Compiled like the lexicons (:func:`analysis.lexicon.loading.compiled`) and cached by the content of
    both files (not only their paths), so an edited file is read afresh; a warm start finds the compiled
    rules on disk instead of reading the stance file and the actor lexicon's forms again."""
    from .actors import DEFAULT_LEXICON as DEFAULT_ACTOR_LEXICON

    try:
        actor_digest = hashlib.sha256(Path(actor_lexicon or DEFAULT_ACTOR_LEXICON).read_bytes()).hexdigest()
    except OSError:
        actor_digest = "missing"  # compiling names the problem
    return compiled("stance", path, _load_rules, normalization or NormalizeConfig(), actor_lexicon, actor_digest,
                    product="speakers")


def clear_cache() -> None:
    """Forget the compiled speaker rules, with every compiled lexicon (one cache holds them all): the
    next load reads the files again."""
    from .lexicon.loading import clear_cache as clear_compiled

    clear_compiled()


def _load_rules(model: Any, source: LexiconSource, cfg: NormalizeConfig, actor_lexicon: str | None,
                actor_digest: str) -> SpeakerRules:
    """The rules of a validated stance file; ``actor_digest`` (the actor lexicon's SHA-256) is part of the
    cache key only."""
    data = source.data or {}
    path = source.path
    section = data.get("speakers") if isinstance(data, dict) else None
    nisba = FrozenDict(_nisba_actors(actor_lexicon, cfg))
    if not section:
        return SpeakerRules(nisba=nisba)
    if not isinstance(section, dict):
        raise ValueError(f"{path}: speakers must be a mapping")

    def n(s: str) -> str:
        return " ".join(normalize_text(s, cfg).split())

    def words(key: str) -> frozenset[str]:
        return frozenset(w for item in _list(section.get(key)) for w in n(item).split())

    def items(key: str) -> frozenset[str]:
        return frozenset(n(item) for item in _list(section.get(key)))

    classes = section.get("classes") or {}
    if not isinstance(classes, dict):
        raise ValueError(f"{path}: speakers.classes maps a class code to its phrases")
    phrases = sorted(((str(code), tuple(n(p).split())) for code, ps in classes.items() for p in _list(ps)),
                     key=lambda cp: -len(cp[1]))
    return SpeakerRules(
        classes=tuple(phrases),
        heads=frozenset(n(h).split()[0] for h in _list(section.get("heads"))),
        max_nisba_gap=int(section.get("max_nisba_gap", 3)),
        anaphors=items("anaphors"),
        anaphor_modifiers=items("anaphor_modifiers"),
        anaphors_of_previous=items("anaphors_of_previous"),
        role_nouns=words("role_nouns"),
        spokesman_links=items("spokesman_links"),
        not_names=items("not_names"),
        name_particles=items("name_particles"),
        max_name_words=int(section.get("max_name_words", 3)),
        time_words=words("time_words"),
        circumstantial=items("circumstantial_prepositions"),
        counterpart=items("counterpart_words"),
        not_subjects=items("not_subjects"),
        relative=items("relative_pronouns"),
        topic_prepositions=items("topic_prepositions"),
        latter=items("latter"),
        statement_nouns=words("statement_nouns"),
        name_compounds=items("name_compounds"),
        max_role_modifiers=int(section.get("max_role_modifiers") or 0),
        verb_homographs=items("verb_homographs"),
        topic_markers=items("topic_markers"),
        masdar_before=items("masdar_before"),
        identity_objects=items("identity_objects"),
        ranks=items("ranks"),
        relay_markers=tuple(sorted({tuple(n(m).split()) for m in _list(section.get("relay_markers"))}, key=len, reverse=True)),
        relay_words=items("relay_words"),
        resumptive=items("resumptive"),
        institution_heads=items("institution_heads"),
        nisba_places=items("nisba_places"),
        auxiliaries=items("auxiliaries"),
        state_names=FrozenDict({n(name): str(code) for code, names in (section.get("state_names") or {}).items()
                                for name in _list(names)}),
        nisba=nisba,
    )


def _nisba_actors(actor_lexicon: str | None, cfg: NormalizeConfig) -> dict[str, str]:
    """Normalized nisba word -> actor, from the descriptors the actor lexicon generates (one actor only)."""
    try:
        from .actors import load_lexicon as load_actor_lexicon
    except ImportError:  # pragma: no cover - the actor module is part of the package
        return {}
    try:
        lex = load_actor_lexicon(actor_lexicon, normalization=cfg)
    except (ValueError, OSError) as exc:
        log.warning("speakers: no nisba table (%s)", exc)
        return {}
    nisba_words = set(getattr(lex, "nisba_class", {}) or {})
    found: dict[str, set[str]] = defaultdict(set)
    for e in lex.entries:
        if not e.actor or ".descriptors[" not in (e.source or ""):
            continue  # generated descriptors only: a listed alias (المعارضة السورية) is not a nisba use
        parts = e.form.split()
        if len(parts) >= 2 and parts[-1] in nisba_words:
            found[parts[-1]].add(e.actor)
    # every form of a nisba family whose generated forms name one actor (الكردي as well as الكردية)
    by_stem: dict[str, set[str]] = defaultdict(set)
    for w, a in found.items():
        by_stem[morphology.nisba_stem(w)] |= a
    for w in nisba_words:
        found[w] |= by_stem.get(morphology.nisba_stem(w), set())
    return {w: next(iter(a)) for w, a in found.items() if len(a) == 1}


@functools.lru_cache(maxsize=8)
def _classes_by_first(classes: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, tuple[tuple[int, str, tuple[str, ...]], ...]]:
    """The speaker-class phrases by their first word, each with its place in the rules' order: a span's words
    are looked up, not compared with every phrase."""
    index: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
    for order, (code, phrase) in enumerate(classes):
        if phrase:
            index.setdefault(phrase[0], []).append((order, code, phrase))
    return {first: tuple(entries) for first, entries in index.items()}


@functools.lru_cache(maxsize=8)
def _known_words(*word_sets: frozenset[str]) -> frozenset[str]:
    """The words the rules know, which a noun proclitic may be stripped to (one union per rule set)."""
    return frozenset().union(*word_sets)


def _one_edit(a: str, b: str) -> bool:
    """Are two different words of at least four letters one letter apart (one dropped, added or changed), not
    by a proclitic (لماي is ل + ماي, no misspelling)?"""
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4 or a[1:] == b or b[1:] == a:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


class Resolver:
    """Speaker actors of one document, in reading order (it remembers names and earlier speakers).

    ``doc`` is the stance module's document: normalized text ``t``, ``mentions`` (sorted, with normalized
    ``start``/``end``, ``actor``, ``kind``), ``mentions_in(s, e)``, ``strip_proclitic(word, keep)`` and the
    lexicon's noun proclitics; ``verb_starts`` are the normalized starts of reporting-verb words.
    """

    def __init__(self, doc: Any, rules: SpeakerRules, verb_starts: Sequence[int] = ()):
        self.doc, self.rules = doc, rules
        self.t: str = doc.t
        self.verb_starts = frozenset(verb_starts)
        self.names: dict[str, tuple[str, int]] = {}  # name word -> (actor, position registered)
        self.history: list[tuple[int, str, str]] = []  # (position, first word of a speaker span, actor)
        self._known = _known_words(rules.anaphors, rules.heads, rules.role_nouns, rules.circumstantial)
        self._register_role_phrases()

    # --- words ------------------------------------------------------------------------------------------
    def _bare(self, word: str) -> str:
        """A word without a noun proclitic when the rest is a word the rules know."""
        return self.doc.strip_proclitic(word, self._known)

    def _is_name_word(self, m: re.Match[str]) -> bool:
        w = m.group()
        r = self.rules
        if len(w) < 3 or any(ch.isdigit() or ch.isascii() for ch in w) or w.startswith("ال") or w in r.not_names \
                or w in r.role_nouns or w in r.anaphor_modifiers:  # "المصادر نفسها": نفسها is no name
            return False  # a Latin word (CNN) names an outlet, not a person
        if m.start() in self.verb_starts or self.doc.mentions_in(m.start(), m.end()):
            return False
        return not (w.startswith("لل") or (w[0] in "وفبل" and w[1:] in r.not_names | r.role_nouns))

    def _is_family_name(self, m: re.Match[str]) -> bool:
        """A word with the article that can be a family name after a given name ("محمد المومني", "حيدر
        العبادي"): no word the rules know (a role, an institution, a time, a nisba), no actor mention."""
        w, r = m.group(), self.rules
        if not w.startswith("ال") or len(w) < 5 or w in r.not_names or w in r.role_nouns or w in r.anaphors \
                or w in r.heads or w in r.time_words or w in r.nisba or w in r.anaphor_modifiers:
            return False
        return m.start() not in self.verb_starts and not self.doc.mentions_in(m.start(), m.end())

    def _name_run(self, words: list[re.Match[str]], i: int, step: int) -> list[str]:
        """Name words from ``words[i]`` on (step 1 forward, -1 backward), joined to their particles; backward,
        a family name with the article counts after a given name ("محمد المومني")."""
        out: list[str] = []
        r = self.rules
        if step == -1 and 1 <= i < len(words) and self._is_family_name(words[i]) and self._is_name_word(words[i - 1]) \
                and self._gap_is_space(words[i - 1].end(), words[i].start()):
            out.append(words[i].group())
            i -= 1
        while 0 <= i < len(words) and len(out) < r.max_name_words:
            w = words[i]
            if step == 1 and w.group() in r.name_particles and i + 1 < len(words) and self._gap_is_space(w.end(), words[i + 1].start()):
                out.append(f"{w.group()} {words[i + 1].group()}")
                i += 2
                continue
            if step == -1 and i - 1 >= 0 and words[i - 1].group() in r.name_particles and self._gap_is_space(words[i - 1].end(), w.start()):
                out.append(f"{words[i - 1].group()} {w.group()}")
                i -= 2
                continue
            if not self._is_name_word(w):
                break
            if step == 1 and i + 1 < len(words) and words[i + 1].group() in r.name_compounds \
                    and self._gap_is_space(w.end(), words[i + 1].start()):
                out.append(f"{w.group()} {words[i + 1].group()}")  # "علاء الدين بروجردي": one given name
                i += 2
                continue
            out.append(w.group())
            if i + step >= 0 and i + step < len(words):
                a, b = (w.end(), words[i + 1].start()) if step == 1 else (words[i - 1].end(), w.start())
                if not self._gap_is_space(a, b):
                    break
            i += step
        return out

    def _gap_is_space(self, a: int, b: int) -> bool:
        return all(ch in " \"«»“”'" for ch in self.t[a:b])

    def _register(self, names: list[str], actor: str, pos: int) -> None:
        if actor in ("", UNKNOWN, OUTLET):
            return
        for name in names:  # "عبد الرحمن" is one key: a particle never stands for the name alone
            self.names[name] = (actor, pos)

    # --- names introduced with a role ---------------------------------------------------------------------
    def _register_role_phrases(self) -> None:
        """"ROLE (باسم) ACTOR NAME" and "NAME، ROLE (باسم) ACTOR": NAME speaks for ACTOR."""
        t, r = self.t, self.rules
        for m in self.doc.mentions:
            before = list(_WORD.finditer(t, max(0, m.start - 40), m.start))
            first = _WORD.match(t, m.start)
            first_word = self._bare(first.group()) if first else ""
            prev = self._bare(before[-1].group()) if before else ""
            if prev in r.spokesman_links and len(before) >= 2:
                role_start = before[-2].start()
            elif first_word in r.role_nouns:
                role_start = m.start
            elif prev in r.role_nouns:
                role_start = before[-1].start()
            elif (found := self._role_of_modifiers(m)) is not None:
                role_start = found
            else:
                continue
            self._register_around(m.actor, role_start, m.end)

    def _role_of_modifiers(self, m: Any) -> int | None:
        """The start of a role noun a few modifiers before the mention that ends its phrase ("برئيس لجنة الأمن
        القومي والسياسة الخارجية في مجلس الشورى الإيراني، علاء الدين بروجردي"): no punctuation, reporting verb,
        counterpart word or other actor mention between them."""
        t, r = self.t, self.rules
        before = list(_WORD.finditer(t, max(0, m.start - 90), m.start))[-(r.max_role_modifiers + 1):]
        for k in range(len(before) - 1, -1, -1):
            w = before[k]
            gap_end = before[k + 1].start() if k + 1 < len(before) else m.start
            if any(ch in ".،,:؛!؟\n()\"«»" for ch in t[w.end():gap_end]) or w.start() in self.verb_starts \
                    or self._bare(w.group()) in r.counterpart \
                    or any(x.end > w.start() and x.start < m.start and x.actor != m.actor for x in self.doc.mentions):
                return None  # another actor's mention in the phrase ("المبعوث الأميركي الخاص لإيران"): its role, not this one's
            if self._bare(w.group()) in r.role_nouns and k < len(before) - 1:
                return w.start()
        return None

    def _register_around(self, actor: str, role_start: int, anchor_end: int, limit: int | None = None) -> None:
        t = self.t
        end = len(t) if limit is None else limit
        after = list(_WORD.finditer(t, anchor_end, min(end, anchor_end + 80)))
        skip = 0  # modifiers of the role before its name: "المبعوث الأميركي الخاص لإيران، برايان هوك", also
        # a place of office ("المندوبة الأميركية في الأمم المتحدة، نيكي هالي"): the name must follow a comma
        in_phrase = False  # inside a prepositional modifier, which may name another actor (the role's field)
        while skip < min(4, len(after) - 1) \
                and self._gap_is_space(after[skip - 1].end() if skip else anchor_end, after[skip].start()):
            word = after[skip].group()
            if word in self.rules.circumstantial:
                in_phrase = True
            elif not word.startswith(("ال", "ل")) or not (in_phrase or word.startswith("ل")
                                                         or not self.doc.mentions_in(after[skip].start(), after[skip].end())):
                break
            in_phrase = in_phrase or word.startswith("ل")
            skip += 1
        if skip and t[after[skip - 1].end():after[skip].start()].strip(" \"«»“”") in ("،", ","):
            anchor_end, after = after[skip - 1].end(), after[skip:]
        if after and self._gap_is_space(anchor_end, after[0].start()):
            self._register(self._name_run(after, 0, 1), actor, anchor_end)
        elif after and t[anchor_end:after[0].start()].strip(" \"«»“”") in ("،", ","):
            # an apposition between commas: "نائب وزير الخارجية الروسي، سيرغي ريابكوف، إن", also after a
            # rank or title ("مستشار الأمن القومي الأميركي، الجنرال هربرت مكماستر،")
            titles = 0
            # a second role in apposition with its genitive ("، نائب رئيس الوزراء بكر بوزداغ،"): the name follows it
            while titles < min(4, len(after) - 1) and (after[titles].group() in self.rules.role_nouns or (
                    titles and after[0].group() in self.rules.role_nouns and after[titles].group().startswith("ال")
                    and not self.doc.mentions_in(after[titles].start(), after[titles].end()))) \
                    and self._gap_is_space(after[titles].end(), after[titles + 1].start()):
                titles += 1
            after = after[titles:]
            names = self._name_run(after, 0, 1)
            covered = sum(len(n.split()) for n in names)  # "عبد الرحمن", "علاء الدين": one name, two words
            last = after[min(covered, len(after)) - 1] if names else None
            if last is not None and t[last.end():last.end() + 2].strip()[:1] in ("،", ",", ".", ":"):
                self._register(names, actor, anchor_end)
        j = role_start
        while j > 0 and t[j - 1] == " ":
            j -= 1
        if j > 0 and t[j - 1] in "،,":
            back = list(_WORD.finditer(t, max(0, j - 60), j - 1))
            if back and self._gap_is_space(back[-1].end(), j - 1):
                self._register(self._name_run(back, len(back) - 1, -1)[:2], actor, role_start)

    def _register_span_names(self, words: list[re.Match[str]], actor: str) -> None:
        """A speaker span that holds its actor's role also introduces the name it opens or ends with:
        "جيا فرات قائد قوات سوريا الديمقراطية" and "ممثل فرنسا ... الجنرال فريديريك باريزو" make a later
        "وأضاف فرات" / "وتابع باريزو" that actor's; a rank opening the span is no name ("الجنرال فلاديمير شامانوف
        الذي يترأس لجنة الدفاع في مجلس الدوما" makes "وأضاف شامانوف" Russia's). Names already registered keep their actor."""
        first = 0
        while first < min(2, len(words) - 1) and self._bare(words[first].group()) in self.rules.ranks \
                and self._gap_is_space(words[first].end(), words[first + 1].start()):
            first += 1
        lead = self._name_run(words, first, 1)
        last = len(words) - 1
        while last > 0 and words[last].group() in self.rules.time_words:
            last -= 1  # "بانوس مومتزيس، الاثنين": the day after the name
        trail = self._name_run(words, last, -1)[:2] if last > 0 else []
        for names in (lead, trail):
            if names and len(names) < len(words) - first:
                self._register([n for n in names if n not in self.names], actor, words[0].start())

    # --- one span -------------------------------------------------------------------------------------
    def speaker_class(self, s: int, e: int) -> tuple[str, int, int] | None:
        """(class code, start, end) of the first NGO/MEDIA phrase in s..e."""
        words = list(_WORD.finditer(self.t, s, e))
        if not words or not self.rules.classes:
            return None
        texts = [w.group() for w in words]
        by_first = _classes_by_first(self.rules.classes)
        proclitics = self.doc.lex.noun_proclitics
        for i, first in enumerate(texts):
            # the phrases whose first word this word is: as written, after a noun proclitic, or لل for ال
            heads = {first, *(first[len(p):] for p in proclitics if first.startswith(p))}
            if first.startswith("لل"):
                heads.add("ال" + first[2:])
            candidates = sorted(c for head in heads for c in by_first.get(head, ()))
            for _, code, phrase in candidates:  # in the rules' order (longest phrases first)
                k = len(phrase)
                if i + k > len(words):
                    continue
                if tuple(texts[i + 1 : i + k]) == phrase[1:]:
                    return code, words[i].start(), words[i + k - 1].end()
        return None

    def _innermost(self, s: int, e: int) -> int:
        """Start of the innermost source of a relay (وكالة رويترز نقلا عن مسؤول ...: the official)."""
        words = list(_WORD.finditer(self.t, s, e))
        cut = s
        for i, w in enumerate(words[:-1]):
            marker = next((m for m in self.rules.relay_markers
                           if i + len(m) < len(words) and tuple(x.group() for x in words[i:i + len(m)]) == m), None)
            if marker is None:
                continue
            relay = i > 0 and words[i - 1].group() in self.rules.relay_words
            cls = self.speaker_class(s, w.start())
            relay = relay or (cls is not None and cls[1] == words[0].start())  # وكالة رويترز عن ...
            rest = words[i + len(marker)]
            if relay and (self.doc.mentions_in(rest.start(), e) or self._bare(rest.group()) in self.rules.heads
                          or self.speaker_class(rest.start(), e) is not None):
                cut = rest.start()
        return cut

    def _mentions(self, s: int, e: int) -> list[Any]:
        """Actor mentions of the span, without those after a counterpart or meeting word."""
        found = self.doc.mentions_in(s, e)
        if not found:
            return found
        stop = e
        for w in _WORD.finditer(self.t, s, e):
            if w.start() > s and (w.group() in self.rules.counterpart or self._bare(w.group()) in self.rules.counterpart):
                if w.group() in self.rules.topic_prepositions and not any(
                        m.end <= w.start() and not self.t[m.end:w.start()].strip() for m in found):
                    continue  # "بيان صادر عن البيت الأبيض": عن after no speaker names the issuer, not a topic
                stop = w.start()
                break
        out = []
        for m in found:
            first = _WORD.match(self.t, m.start)
            if m.start >= stop or (first and first.group().startswith(("نظير", "نظراء"))):
                continue
            out.append(m)
        return out

    def actor(self, s: int, e: int, previous: str | None = None, previous_at: int | None = None) -> str:
        """The actor of the speaker span s..e (normalized); ``previous``: the previous statement's speaker,
        ``previous_at``: where that statement's verb is (a statement noun in its sentence is its statement)."""
        if previous_at is not None:
            self._previous_at = previous_at
        s = self._innermost(s, e)
        words = list(_WORD.finditer(self.t, s, e))
        if not words:
            return UNKNOWN
        cut = self._relative_cut(words)
        if cut is not None:
            # "الضابط، الذي طلب عدم كشف هويته ... القبض على قيادات التنظيم": the head speaks; the relative clause
            # describes it, and its mentions count only after a name that is no one's alone ("سجاد مالك، الذي
            # يرأس عمليات المفوضية"), never after a definite head, which refers back
            head_actor = self.actor(s, cut, previous)
            if head_actor != UNKNOWN or words[0].group().startswith("ال"):
                return head_actor  # a definite head ("الضابط") refers back, or is no one's
            self.history.pop()
        cls = self.speaker_class(s, e)
        mentions = self._mentions(s, e)
        if cls is not None and (not mentions or cls[1] <= mentions[0].start):
            actor = cls[0]
            self._register_around(actor, s, cls[2], e)
        elif mentions:
            people = [m for m in mentions if m.kind == "person"]
            actor = (people or mentions)[0].actor
            for m in mentions:
                self._register_around(m.actor, s if m is mentions[0] else m.start, m.end, e)
            self._register_span_names(words, actor)
        elif len(words) == 1 and words[0].group() in self.rules.relative:
            actor = self._antecedent_phrase(s) or UNKNOWN
        elif len(words) <= 2 and self._bare(words[0].group()) in self.rules.latter:
            people = [m for m in self.doc.mentions if m.end <= s and m.kind == "person" and s - m.start <= _ANAPHOR_REACH]
            actor = people[-1].actor if people else UNKNOWN  # "بينما رأى الأخير": the person named last
        elif len(words) > 1 and self._bare(words[0].group()) in self.rules.statement_nouns:
            # "جاء في بيان المنظمة أن", "وأضاف تقرير اللجنة": a statement in construct with its issuer is the issuer's
            actor = self.actor(words[1].start(), e, previous)
            self.history.pop()
        else:
            head = self._before_circumstantial(words)
            actor = self._by_name(words) or self._by_anaphor(head, s, previous)
            if actor is None:
                # a role named by its actor's description or nisba ("مستشار الأمن القومي الأميركي، الجنرال
                # هربرت مكماستر"): the name it ends with speaks for that actor later ("وأضاف مكماستر")
                actor = self._by_description(words, s) or self._by_nisba(words)
                if actor is not None:
                    self._register_span_names(words, actor)
            # the rank and name before a relative clause or a time ("الجنرال فيكتور سميث الذي يترأس لجنة")
            actor = actor or self._by_state_name(words) or self._by_rank(head, previous, words) \
                or self._by_misspelled_person(words, s) or UNKNOWN
        self.history.append((s, self._bare(words[0].group()), actor))
        return actor

    def _relative_cut(self, words: list[re.Match[str]]) -> int | None:
        """Where a relative clause set off by a comma starts in a speaker span ("X، الذي ..."): the end of the
        word before it, or None."""
        for i, w in enumerate(words[1:], 1):
            if w.group() in self.rules.relative and any(ch in "،," for ch in self.t[words[i - 1].end():w.start()]):
                return words[i - 1].end()
        return None

    def _before_circumstantial(self, words: list[re.Match[str]]) -> list[re.Match[str]]:
        """A span with no actor in it, cut before a circumstantial phrase, a time word, a relative clause or a
        comma: "المصادر في البداية", "المنظمة الدولية الخميس", "المسؤول الذي طلب عدم نشر اسمه", "المسؤول شريطة
        عدم الإفصاح عن هويته" and
        "المصادر، التي لم تصل إلى حد توجيه اتهام" refer back as "المصادر" does."""
        for i, w in enumerate(words[1:], 1):
            if (w.group() in self.rules.circumstantial or w.group() in self.rules.relative or w.group() in self.rules.time_words
                    or any(ch in "،," for ch in self.t[words[i - 1].end():w.start()])):
                return words[:i]
        return words

    def _phrase_actor(self, s: int, e: int) -> str | None:
        """Class or actor of a phrase without resolving names or anaphors (an antecedent)."""
        cls = self.speaker_class(s, e)
        mentions = self._mentions(s, e)
        if cls is not None and (not mentions or cls[1] <= mentions[0].start):
            return cls[0]
        if mentions:
            people = [m for m in mentions if m.kind == "person"]
            return (people or mentions)[0].actor
        words = list(_WORD.finditer(self.t, s, e))
        return self._by_nisba(words) if words else None

    def _antecedent_phrase(self, s: int) -> str | None:
        """The phrase a relative pronoun follows, in the same line: its last actor mention or class."""
        lo = max(self.t.rfind("\n", 0, s) + 1, s - 120)
        stop = max(self.t.rfind(ch, lo, s) for ch in ".؟!")
        lo = max(lo, stop + 1)
        # a person or a role the pronoun is written right after ("لإقالة وزير الخارجية ريكس تيلرسون، الذي اعتبر") is
        # its head, whatever counterpart or preposition came earlier in the sentence ("المبرمة مع إيران، ..."); a
        # state's name there may be a prepositional object of another head ("بالاتفاق مع إيران، الذي")
        adjacent = [m for m in self.doc.mentions_in(lo, s) if m.kind in ("person", "descriptor")
                    and not self.t[m.end:s].strip(" ،,\"«»“”")]
        if adjacent:
            return adjacent[-1].actor
        cls = self.speaker_class(lo, s)
        if cls and not self.t[cls[2]:s].strip(" ،,\"«»“”"):
            return cls[0]  # "حسب المرصد السوري، الذي أفاد": the monitor, not "طائرات روسية" earlier in the sentence
        mentions = self._mentions(lo, s)
        if mentions:
            return mentions[-1].actor
        cls = self.speaker_class(lo, s)
        return cls[0] if cls else None

    def _in_text(self, forms: set[str], s: int, statement: bool = False) -> str | None:
        """The latest earlier phrase in the text headed by one of ``forms`` (a noun without its article, as
        in "أصدرت وزارة الدفاع الروسية بيانا"): the actor or class of the few words from there on, or, for
        a bare noun (بيانا), the actor mentioned before it in its sentence (the issuer)."""
        t = self.t
        lo = max(0, s - _ANAPHOR_REACH)
        hits = [w for w in _WORD.finditer(t, lo, s) if self._bare(w.group()) in forms
                or self.doc.strip_proclitic(w.group(), frozenset(forms)) in forms]
        for w in reversed(hits[-1:]):  # the nearest occurrence only
            following = list(_WORD.finditer(t, w.end(), min(s, w.end() + 80)))[:6]
            head_phrase = w.group().startswith("ال") or w.group()[1:].startswith("ال")  # وزارة الدفاع ... / الوزارة
            genitive = bool(following) and self._gap_is_space(w.end(), following[0].start()) and (
                following[0].group().startswith(("ل", "ال")) or following[0].group() in ("صادر", "صادرا", "الصادر"))
            if not head_phrase or genitive:  # "وزارة الدفاع الروسية", "بيان لوزارة الخارجية", "بيان صادر عن الجيش"
                end = w.end()
                for k, f in enumerate(following):
                    if any(ch in ".،,؛:\n" for ch in t[end:f.start()]) or (
                            f.group() in self.rules.circumstantial
                            and not (k == 0 and self._bare(w.group()) in self.rules.heads)):
                        break  # the noun phrase ends at punctuation or a circumstantial ("تحالف سائرون ... بعد"), but
                        # a speaker head keeps its institution ("مسؤولان في الحكومة الأمريكية")
                    end = f.end()
                actor = self._phrase_actor(w.start(), end) if (genitive or self._bare(w.group()) not in ("بيان", "بيانا")) else None
                if actor:
                    return actor
            if not statement:
                return None
            # a bare "في بيان" / "بيانا": the issuer is the actor named before it in its clause
            clause = max(t.rfind("\n", 0, w.start()) + 1, *(t.rfind(ch, 0, w.start()) + 1 for ch in ".؟!،,"))
            before = self._mentions(clause, w.start())
            if before:
                return before[-1].actor
            sentence = max(t.rfind("\n", 0, w.start()) + 1, *(t.rfind(ch, 0, w.start()) + 1 for ch in ".؟!"))
            subject = self._mentions(sentence, w.start())  # دعا الاتحاد الأوروبي ...، وفقا لبيان: the sentence's actor
            if subject:
                return subject[0].actor
            # "وفي بيان نشرته وكالة أعماق، أعلن تنظيم داعش مسؤوليته": a sentence opening with the statement noun
            # names its issuer after it, the first actor of the sentence
            if not t[sentence:w.start()].strip(" \"«»“”") or not _WORD.findall(t, sentence, w.start())[1:]:
                ends = [i for i in (t.find(ch, w.end()) for ch in ".؟!\n") if i >= 0]
                after = self._mentions(w.end(), min(ends + [w.end() + 160]))
                if after:
                    return after[0].actor
        return None

    def _by_name(self, words: list[re.Match[str]]) -> str | None:
        if not self.names:
            return None
        keys: list[str] = []
        for i, w in enumerate(words):
            if i > 0 and words[i - 1].group() in self.rules.role_nouns and not words[i - 1].group().startswith("ال"):
                continue  # ممثل فرنسا, سفير السعودية: the genitive after an indefinite role is no name
            if w.group() in self.rules.name_particles and i + 1 < len(words):
                keys.append(f"{w.group()} {words[i + 1].group()}")
            elif self._is_name_word(w) or (w.group().startswith("ال") and w.group() in self.names):
                keys.append(w.group())  # a registered family name with the article ("وقال المومني")
        for key in reversed(keys):  # the surname, written last, first
            if key in self.names:
                return self.names[key][0]
        return None

    def _by_anaphor(self, words: list[re.Match[str]], s: int, previous: str | None) -> str | None:
        r = self.rules
        head = self._bare(words[0].group())
        if head not in r.anaphors:
            return None
        k = 1
        while k < len(words) and words[k].group() in r.anaphor_modifiers:
            k += 1
        named = self._name_run(words, k, 1) if 1 < len(words) and k < len(words) else []
        if named and sum(len(n.split()) for n in named) == len(words) - k:
            # "وقال المتحدث مهند إبراهيم": the anaphor now named refers back all the same, and its name is
            # registered for the actor it refers to ("وتابع إبراهيم")
            actor = self._by_anaphor(words[:k], s, previous)
            if actor is not None:
                self._register(named, actor, words[0].start())
            return actor
        if len(words) > 3 or k < len(words):
            return None
        for w in words[1:]:  # "المنظمة الأممية", "الوزارة الأمريكية": the modifier is an actor's nisba
            if w.group() in r.nisba:
                return r.nisba[w.group()]
        stem = head[2:] if head.startswith("ال") else head
        forms = {head, stem, stem + "ا"}
        if stem in r.statement_nouns:
            return self._statement_antecedent(forms | {stem + suffix for suffix in ("ه", "ها", "هم")}, s, previous)
        # the nearest antecedent wins, also when it has no actor (an unlisted ministry): then UNKNOWN,
        # never an older institution of another actor further back
        best: tuple[int, bool, str | None] | None = None
        for pos, first, actor in self.history:
            if first in forms and pos < s and s - pos <= _ANAPHOR_REACH:
                cand = (pos, actor != UNKNOWN, actor if actor != UNKNOWN else None)
                best = cand if best is None or cand[:2] > best[:2] else best
        for m in self.doc.mentions:
            if m.start >= s:
                break
            first = _WORD.match(self.t, m.start)
            if first and self._bare(first.group()) in forms and s - m.start <= _ANAPHOR_REACH:
                cand = (m.start, True, m.actor)
                best = cand if best is None or cand[:2] > best[:2] else best
        if best is not None:
            return best[2]
        if head in r.anaphors_of_previous and previous not in (None, UNKNOWN):
            if stem in _SOURCE_NOUNS and self._noun_since(forms, s):
                # "وقال ممثل فرنسا بحسب المصادر عينها ... بحسب المصادر نفسها": the sources named since the
                # last speaker are the antecedent, not that speaker
                return self._in_text(forms, s)
            return previous
        return self._in_text(forms | {stem + suffix for suffix in ("ه", "ها", "هم")}, s, statement=stem in r.statement_nouns)

    def _statement_antecedent(self, forms: set[str], s: int, previous: str | None) -> str | None:
        """"وأضاف البيان" refers to the nearest statement noun before it, not to an earlier speaker headed by the
        same noun: in the previous statement's sentence ("وأوردت الوزارة في بيان ..."), that statement's speaker;
        elsewhere, its issuer ("وفي بيان نشرته وكالة أعماق، تبنى تنظيم داعش"), else the previous speaker."""
        lo = max(0, s - _ANAPHOR_REACH)
        hits = [w for w in _WORD.finditer(self.t, lo, s) if self._bare(w.group()) in forms
                or self.doc.strip_proclitic(w.group(), frozenset(forms)) in forms]
        at = getattr(self, "_previous_at", None)
        if hits and at is not None and previous not in (None, UNKNOWN):
            sentence = max(self.t.rfind(ch, 0, at) for ch in ".؟!\n") + 1
            if hits[-1].start() >= sentence:
                return previous
        found = self._in_text(forms, s, statement=True)
        if found is not None:
            return found
        return previous if previous not in (None, UNKNOWN) else None

    def _noun_since(self, forms: set[str], s: int) -> bool:
        """Does a word headed by one of ``forms`` occur between the latest resolved speaker and ``s``?"""
        last = self.history[-1][0] if self.history else -1
        if last < 0:
            return False
        return any(self._bare(w.group()) in forms or self.doc.strip_proclitic(w.group(), frozenset(forms)) in forms
                   for w in _WORD.finditer(self.t, last + 1, s))

    def _by_description(self, words: list[re.Match[str]], s: int) -> str | None:
        """A definite description repeating the head of an earlier, fuller one: "وزير الخارجية" after
        "وزير الخارجية الأردني", "الشرطة" after "الشرطة الفرنسية", "المتحدث باسم الجيش" after "الجيش
        الإسرائيلي". The latest earlier actor mention that starts with the same words gives the actor."""
        texts = [w.group() for w in words]
        links = [i for i, w in enumerate(texts) if w in self.rules.spokesman_links]
        if links:  # المتحدث باسم الجيش: the institution after باسم
            texts = texts[links[0] + 1 :]
            institution = self._before_circumstantial(words[links[0] + 1 :])
            if institution:  # "الناطق باسم المفوضية في جنيف": the institution named before ("المفوضية")
                found = self._by_anaphor(institution, s, None)
                if found is not None:
                    return found
        elif len(texts) > 2 and self._bare(texts[0]) in self.rules.heads and texts[1] in ("في", "من", "لدى"):
            texts = texts[2:]  # مصادر في الخارجية: the institution after the preposition
        key: list[str] = []
        for w in texts[:4]:
            if key and not w.startswith("ال"):
                break  # a name or an indefinite word ends the description
            key.append(w)
        if not key:
            return None
        key[0] = self._bare(key[0])
        if not (key[0].startswith("ال") or (len(key) > 1 and key[1].startswith("ال"))):
            return None  # an indefinite phrase (مصدر عسكري) describes no one in particular
        if len(key) == 1 and key[0] not in self.rules.heads | self.rules.anaphors:
            return None
        n = len(key)
        for m in reversed(self.doc.mentions):
            if m.start >= s:
                continue
            mw = _WORD.findall(self.t, m.start, m.end)
            if any(mw[i : i + n] == key for i in range(len(mw) - n)):  # followed by its nisba or name
                return m.actor
        return None

    def _by_misspelled_person(self, words: list[re.Match[str]], s: int) -> str | None:
        """A one-word speaker that is the surname of a person named earlier in the document, or a name registered
        with a role, but for one letter (dropped, added or changed: "وأكد بيسوف" after "ديميتري بيسكوف", "قالت
        وايس" after "دانا وايت، المتحدثة باسم ..."), at least four letters long: a slip of the pen, that person. Two earlier people with such a surname of different actors: no guess."""
        if len(words) != 1 or not self._is_name_word(words[0]) or len(words[0].group()) < 4:
            return None
        word = words[0].group()
        found = {m.actor for m in self.doc.mentions
                 if m.start < s and m.kind == "person" and s - m.start <= 4 * _ANAPHOR_REACH
                 and (last := _WORD.findall(self.t, m.start, m.end)) and _one_edit(word, last[-1])}
        # and the names registered with a role ("دانا وايت، المتحدثة باسم وزارة الدفاع" ... "قالت وايس")
        found |= {actor for name, (actor, pos) in self.names.items()
                  if pos < s and " " not in name and len(name) >= 4 and _one_edit(word, name)}
        return next(iter(found)) if len(found) == 1 else None

    def _by_rank(self, words: list[re.Match[str]], previous: str | None,
                 span: list[re.Match[str]] | None = None) -> str | None:
        """An officer named by rank and name only ("وقال الجنرال فيكتور سميث في مؤتمر صحافي" after "أعلن الجيش
        الروسي أن"): no actor of his own, he speaks for the previous speaker's institution, when that is an actor
        (not a monitor, a medium or UNKNOWN); his name is registered for it."""
        r = self.rules
        if previous in (None, UNKNOWN, OUTLET, *CLASSES) or not r.ranks:
            return None
        if span is not None and len(span) > len(words) and self._bare(span[len(words)].group()) in r.role_nouns:
            return None  # "الفريق ضاحي خلفان، نائب رئيس شرطة دبي": a role of his own follows, he is no one's officer
        k = 0
        while k < min(2, len(words)) and (words[k].group() in r.ranks or self._bare(words[k].group()) in r.ranks):
            k += 1
        if not k or k == len(words):
            return None
        names = self._name_run(words, k, 1)
        if not names or sum(len(n.split()) for n in names) != len(words) - k:
            return None
        self._register(names, previous, words[0].start())
        return previous

    def _by_state_name(self, words: list[re.Match[str]]) -> str | None:
        """A country name that is no actor mention (the place) heading the speaker span: the state speaking
        ("ونفت سوريا أنها استعملت", "وتنفي سوريا باستمرار أن")."""
        return self.rules.state_names.get(self._bare(words[0].group())) if self.rules.state_names else None

    def _by_nisba(self, words: list[re.Match[str]]) -> str | None:
        r = self.rules
        if not r.nisba:
            return None
        first = words[0].group()
        if self._bare(first) not in r.heads and self.doc.strip_proclitic(first, r.institution_heads) not in r.institution_heads:
            return None  # a speaker head (مصادر روسية) or an institution (مجلس الأمن القومي التركي) with a nisba
        found = []
        for i, w in enumerate(words[1 : 1 + r.max_nisba_gap], 1):
            if any(ch in "،,.:؛" for ch in self.t[words[i - 1].end():w.start()]):
                break  # "مسؤول سابق، عمل مع الجيش الروسي": the head's phrase ends at punctuation
            if self.doc.strip_proclitic(w.group(), r.nisba_places) in r.nisba_places:
                break  # "مسؤول محلي في مدينة الرقة السورية": the nisba after a place noun is the place's
            actor = r.nisba.get(w.group()) or r.nisba.get(self.doc.strip_proclitic(w.group(), frozenset(r.nisba)))
            if actor:
                found.append(actor)
        return found[0] if found and len(set(found)) == 1 else None  # مسؤول كردي عراقي: two nisbas, no guess

    def remember(self, s: int, e: int, actor: str) -> None:
        """An earlier speaker whose actor is already known (a colon label, an announcement's subject)."""
        words = list(_WORD.finditer(self.t, s, e))
        if words:
            self.history.append((s, self._bare(words[0].group()), actor))
