"""Shared support for the context rules of actor mentions (nisba, people, context_rules).

The word lists live in ``lexicons/actor_rules.yaml`` (reviewed data, documented in docs/actors.md,
"Context rules"); this module compiles them with each actor lexicon (read-only, like the lexicon), tokenizes the match
view, and gives the rules a way to create the entries their mentions stand for, in the text's own
:class:`TextLexicon` (a rule's mention has no listed form, but every mention carries an entry: actor,
alias, kind).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from . import config, morphology
from .lexicon.frozen import FrozenDict

RULES_FILE = config.LEXICON_DIR / "actor_rules.yaml"
#: Proclitic strings a word may carry, longest first, and the endings that make a word look like a nisba
#: (see analysis.morphology).
PROCLITICS = morphology.NOUN_PROCLITICS_LONGEST_FIRST
NISBA_LIKE = morphology.NISBA_LIKE_ENDINGS
TOKEN_RE = re.compile(r"\S+")
#: Where a sentence of the normalized text ends, for the rules that look within one sentence.
SENTENCE_END = re.compile(r"[.!?؟\n]")

def key(word: str, cfg: Any) -> str:
    """A word or phrase normalized as the match view spells it."""
    from .actor_lexicon import _key_form

    return _key_form(word, cfg)


def strip_proclitic(word: str) -> tuple[str, int]:
    """(word without a proclitic, length stripped) for a definite word (و+ال, ب+ال, لل...); else as is."""
    return morphology.split_definite(word)


def is_definite(word: str) -> bool:
    return strip_proclitic(word)[0].startswith("ال")


def bare(word: str) -> str:
    """The word without proclitic and article (for class look-ups)."""
    w, _ = strip_proclitic(word)
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def nisba_like(word: str) -> bool:
    w = bare(word)
    return len(w) >= 4 and w.endswith(NISBA_LIKE)


@dataclass(frozen=True)
class Rules:
    """The compiled word lists (normalized) and the lexicon's nisba families (read-only, shared)."""

    nisba: Mapping[str, tuple[str, bool, str]] = field(default_factory=FrozenDict)  # word -> (actor, definite, ending)
    open_actors: frozenset[str] = frozenset()
    non_actor: Mapping[str, str] = field(default_factory=FrozenDict)  # bare noun (or phrase) -> class
    adjectives: frozenset[str] = frozenset()
    origin_words: frozenset[str] = frozenset()
    not_heads: frozenset[str] = frozenset()
    party_before_min: tuple[str, ...] = ()
    party_before_ila: tuple[str, ...] = ()
    dateline_sources: tuple[str, ...] = ()
    alliance_heads: frozenset[str] = frozenset()
    alliance_led_by: tuple[str, ...] = ()
    alliance_other_words: tuple[str, ...] = ()
    alliance_backing: tuple[str, ...] = ()
    alliance_backs_others: frozenset[str] = frozenset()
    alliance_indefinite_heads: frozenset[str] = frozenset()
    alliance_adjectives: frozenset[str] = frozenset()
    alliance_lead_verbs: frozenset[str] = frozenset()
    possessed_offices: frozenset[str] = frozenset()  # the offices' spellings with each possessive pronoun
    coalition_actor: str = ""
    coalition_leader: str = ""
    coalition_enemy: str = ""
    alliance_against: tuple[str, ...] = ()  # longest phrases first
    alliance_formation_words: frozenset[str] = frozenset()
    alliance_electoral_words: frozenset[str] = frozenset()
    role_nouns: frozenset[str] = frozenset()
    name_stoppers: frozenset[str] = frozenset()
    official_nouns: frozenset[str] = frozenset()
    official_links: frozenset[str] = frozenset()
    institution_anaphors: frozenset[str] = frozenset()
    name_anaphors: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    demonstrative_heads: tuple[frozenset[str], ...] = ()  # groups of spellings of one head noun (bare)
    same_source: tuple[str, ...] = ()
    source_nouns: frozenset[str] = frozenset()
    name_titles: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    name_followers: frozenset[str] = frozenset()
    officer_ranks: frozenset[str] = frozenset()
    command_nouns: frozenset[str] = frozenset()
    post_prepositions: frozenset[str] = frozenset()
    visit_verbs: frozenset[str] = frozenset()
    visit_nouns: frozenset[str] = frozenset()
    construct_nouns: frozenset[str] = frozenset()
    party_before_b: tuple[str, ...] = ()
    place_licences: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenDict)  # actor -> places it holds
    place_prepositions: tuple[str, ...] = ()  # words a place of place_licences may follow ("في عفرين")
    home_places: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenDict)  # actor -> its country's names
    foreign_nisbas: Mapping[str, frozenset[str]] = field(default_factory=FrozenDict)  # actor -> nisba forms of other countries
    facility_speaking_verbs: frozenset[str] = frozenset()
    facility_target_verbs: frozenset[str] = frozenset()
    institution_seats: frozenset[str] = frozenset()  # aliases of buildings an institution sits in
    wing_phrases: frozenset[str] = frozenset()


def rules_for(lexicon: Any) -> Rules:
    """The rules compiled with this lexicon (:func:`compile_rules`, at compile time)."""
    rules = getattr(lexicon, "rules", None)
    if rules is None:
        raise ValueError("this actor lexicon was compiled without its context rules; load it with load_lexicon")
    return rules


def rules_digest() -> str:
    """SHA-256 of the word lists' file: part of the compiled lexicon's cache key, so an edit is seen."""
    return hashlib.sha256(RULES_FILE.read_bytes()).hexdigest()


def compile_rules(lexicon_data: Any, cfg: Any, actor_codes: frozenset[str]) -> Rules:
    """The word lists of ``lexicons/actor_rules.yaml`` and the nisba families of the actor lexicon's data
    (its parsed YAML), normalized with ``cfg``; only actors of ``actor_codes`` are open to the nisba rule."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(RULES_FILE.read_text(encoding="utf-8"), Loader=loader) or {}
    lex = lexicon_data if isinstance(lexicon_data, dict) else {}
    words = lambda name: [key(w, cfg) for w in (data.get(name) or [])]  # noqa: E731
    nisba: dict[str, tuple[str, bool, str]] = {}
    # the lexicon's names, as written: an indefinite accusative nisba spelt like one (روسيا، تركيا، بريطانيا) is
    # that name, never the adjective; the others ("جنرالا أمريكيا", "دبلوماسيا فرنسيا") are adjectives
    names = {key(form, cfg) for item in lex.get("actors") or [] for alias in item.get("aliases") or []
             if isinstance(alias, dict) for form in [alias.get("form") or "", *(alias.get("variants") or [])]}
    for item in lex.get("actors") or []:
        for desc in item.get("descriptors") or []:
            broken = list(desc.get("broken") or [])
            for stem in desc.get("nisba") or []:
                base = stem[:-1] if stem.endswith("ي") else stem
                for ending in morphology.NISBA_ENDINGS:
                    for article in ("", "ال"):
                        w = key(article + base + "ي" + ending, cfg)
                        if ending == "ا" and not article and (w in names or key(base + "يا", cfg) in names):
                            continue  # روسيا, سوريا, تركيا: spelt like the country
                        nisba.setdefault(w, (item["code"], bool(article), ending))
                for b in broken:
                    for article in ("", "ال"):
                        nisba.setdefault(key(article + b, cfg), (item["code"], bool(article), "broken"))
    non_actor: dict[str, str] = {}
    for cls, nouns in (data.get("non_actor_classes") or {}).items():
        for noun in nouns:
            non_actor.setdefault(bare_phrase(key(noun, cfg)), str(cls))
    return Rules(
        nisba=FrozenDict(nisba),
        open_actors=frozenset(a for a in data.get("open_nisba_actors") or [] if a in actor_codes),
        non_actor=FrozenDict(non_actor),
        adjectives=frozenset(bare(w) for w in words("adjectives")),
        origin_words=frozenset(words("origin_words")),
        not_heads=frozenset(words("not_heads")),
        party_before_min=tuple(words("party_before_min")),
        party_before_ila=tuple(words("party_before_ila")),
        dateline_sources=tuple(data.get("dateline_sources") or []),
        alliance_heads=frozenset(words("alliance_heads")),
        alliance_led_by=tuple(words("alliance_led_by")),
        alliance_other_words=tuple(words("alliance_other_words")),
        alliance_backing=tuple(words("alliance_backing")),
        alliance_backs_others=frozenset(a for a in data.get("alliance_backs_others") or [] if a in actor_codes),
        alliance_indefinite_heads=frozenset(words("alliance_indefinite_heads")),
        alliance_adjectives=frozenset(words("alliance_adjectives")),
        alliance_lead_verbs=frozenset(words("alliance_lead_verbs")),
        # "مندوبه" would also be the normalized "مندوبة" (the feminine office, no pronoun): such spellings left out
        possessed_offices=frozenset(f for w in words("possessed_offices") for f in morphology.with_possessive(w)
                                    if f != key(w + "ة", cfg)),
        coalition_actor=str(data.get("coalition_actor") or ""),
        coalition_leader=str(data.get("coalition_leader") or ""),
        coalition_enemy=str(data.get("coalition_enemy") or ""),
        alliance_against=tuple(sorted(words("alliance_against"), key=lambda w: -w.count(" "))),
        alliance_formation_words=frozenset(bare(w) for w in words("alliance_formation_words")),
        alliance_electoral_words=frozenset(bare(w) for w in words("alliance_electoral_words")),
        role_nouns=frozenset(words("role_nouns")),
        name_stoppers=frozenset(words("name_stoppers")),
        official_nouns=frozenset(words("official_nouns")),
        official_links=frozenset(words("official_links")),
        institution_anaphors=frozenset(words("institution_anaphors")),
        name_anaphors=frozenset(words("name_anaphors")),
        demonstratives=frozenset(words("demonstratives")),
        demonstrative_heads=tuple(frozenset(bare(key(w, cfg)) for w in group)
                                  for group in data.get("demonstrative_heads") or []),
        same_source=tuple(words("same_source")),
        source_nouns=frozenset(words("source_nouns")),
        name_titles=frozenset(words("name_titles")),
        name_particles=frozenset(words("name_particles")),
        name_followers=frozenset(words("name_followers")),
        officer_ranks=frozenset(words("officer_ranks")),
        command_nouns=frozenset(words("command_nouns")),
        post_prepositions=frozenset(words("post_prepositions")),
        visit_verbs=frozenset(words("visit_verbs")),
        visit_nouns=frozenset(words("visit_nouns")),
        construct_nouns=frozenset(words("construct_nouns")),
        party_before_b=tuple(words("party_before_b")),
        facility_speaking_verbs=frozenset(words("facility_speaking_verbs")),
        facility_target_verbs=frozenset(words("facility_target_verbs")),
        institution_seats=frozenset(words("institution_seats")),
        wing_phrases=frozenset(words("wing_phrases")),
        place_licences=FrozenDict({a: tuple(key(w, cfg) for w in places)
                                   for a, places in (data.get("place_licences") or {}).items() if a in actor_codes}),
        place_prepositions=tuple(words("place_prepositions")),
        home_places=FrozenDict({a: tuple(key(w, cfg) for w in places)
                                for a, places in (data.get("home_places") or {}).items() if a in actor_codes}),
        foreign_nisbas=FrozenDict({a: frozenset(key(f, cfg) for stem in stems
                                                for forms in morphology.nisba_forms(stem)[:2] for f in forms)
                                   | frozenset(key(f, cfg) for w in (data.get("foreign_broken_plurals") or {}).get(a) or []
                                               for f in (w, morphology.ARTICLE + w))
                                   for a, stems in (data.get("foreign_nisbas") or {}).items() if a in actor_codes}),
    )


def bare_phrase(phrase: str) -> str:
    return " ".join(bare(w) for w in phrase.split())


def non_actor_class(rules: Rules, words: list[str]) -> str:
    """The non-actor class of a head noun (last word, or last two words as a phrase), or ''."""
    if not words:
        return ""
    last = bare(words[-1])
    if last not in rules.non_actor and last[:1] in "وفبلك" and last[1:] in rules.non_actor:
        last = last[1:]  # an indefinite noun with a proclitic: ومواطنة
    if last not in rules.non_actor and last.endswith("ا") and last[:-1] in rules.non_actor:
        last = last[:-1]  # the indefinite accusative: مواطنا، صحفيا
    if len(words) >= 2:
        two = bare(words[-2]) + " " + last
        if two in rules.non_actor:
            return rules.non_actor[two]
    return rules.non_actor.get(last, "")


class TextLexicon:
    """The compiled actor lexicon as the rules see it while matching one text.

    It reads through to the shared, read-only :class:`~analysis.actors.Lexicon`, but has its own
    ``entries``: the compiled ones followed by those the context rules make for this text (a rule's mention
    has no listed form, yet every candidate names an entry by index). So what one text finds never shows
    in the compiled lexicon, in another text, or in anything else built from the lexicon.
    """

    __slots__ = ("compiled", "entries", "_made")

    def __init__(self, lexicon: Any):
        self.compiled = lexicon.compiled if isinstance(lexicon, TextLexicon) else lexicon
        self.entries: list[Any] = list(self.compiled.entries)
        self._made: dict[tuple[str, str, str, str | None], int] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)


def synthetic_entry(lexicon: TextLexicon, *, actor: str, alias: str, kind: str, tag: str | None = None,
                    source: str = "context rule") -> int:
    """Index in ``lexicon.entries`` of an entry a rule's mention stands for (made once per text, then reused)."""
    from .actors import Entry

    if not isinstance(lexicon, TextLexicon):
        raise TypeError("context rules make their entries in a TextLexicon, never in the compiled lexicon")
    k = (actor, alias, kind, tag)
    idx = lexicon._made.get(k)
    if idx is None:
        lexicon.entries.append(Entry(actor=actor, tag=actor if tag is None else tag, alias=alias,
                                     form=alias, kind=kind, source=source, written=alias))
        idx = lexicon._made[k] = len(lexicon.entries) - 1
    return idx


def view_tokens(view: str) -> tuple[tuple[int, int, str], ...]:
    """Words of the match view as (norm start, norm end, word) (view index = norm index + 1).

    The people, nisba, office and coalition rules all read the same document's words: the last views'
    words are kept (an immutable tuple, shared by the callers), not cut again by each rule."""
    return _view_tokens(view)


@lru_cache(maxsize=4)
def _view_tokens(view: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start() - 1, m.end() - 1, m.group()) for m in TOKEN_RE.finditer(view))
