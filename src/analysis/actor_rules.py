"""Shared support for the context rules of actor mentions (nisba, people, context_rules).

The word lists live in ``lexicons/actor_rules.yaml`` (reviewed data, documented in docs/actors.md,
"Context rules"); this module loads them once per lexicon and normalization, tokenizes the match view,
and gives the rules a way to create the entries their mentions stand for (a rule's mention has no
listed form, but every mention carries an entry: actor, alias, kind).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import config

RULES_FILE = config.LEXICON_DIR / "actor_rules.yaml"
#: Proclitic strings a word may carry, longest first (as the matcher's PROCLITICS).
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
#: Nisba endings in normalized spelling (ة is ه).
NISBA_LIKE = ("يه", "يين", "يون", "يات", "يتين", "يتان", "يان", "ي")
TOKEN_RE = re.compile(r"\S+")

_lock = threading.Lock()


def key(word: str, cfg: Any) -> str:
    """A word or phrase normalized as the match view spells it."""
    from .actors import _key_form

    return _key_form(word, cfg)


def strip_proclitic(word: str) -> tuple[str, int]:
    """(word without a proclitic, length stripped) for a definite word (و+ال, ب+ال, لل...); else as is."""
    if word.startswith("لل") and len(word) > 3:
        return "ا" + word[1:], 1  # ل + ال fused: the span starts at the article's ل
    for c in ("ولل", "فلل"):
        if word.startswith(c) and len(word) > 4:
            return "ا" + word[2:], 2
    for p in PROCLITICS:
        if word.startswith(p + "ال") and len(word) > len(p) + 3:
            return word[len(p):], len(p)
    return word, 0


def is_definite(word: str) -> bool:
    return strip_proclitic(word)[0].startswith("ال")


def bare(word: str) -> str:
    """The word without proclitic and article (for class look-ups)."""
    w, _ = strip_proclitic(word)
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def nisba_like(word: str) -> bool:
    w = bare(word)
    return len(w) >= 4 and w.endswith(NISBA_LIKE)


@dataclass
class Rules:
    """The compiled word lists (normalized) and the lexicon's nisba families."""

    nisba: dict[str, tuple[str, bool, str]] = field(default_factory=dict)  # word -> (actor, definite, ending)
    open_actors: frozenset[str] = frozenset()
    non_actor: dict[str, str] = field(default_factory=dict)  # bare noun (or phrase) -> class
    adjectives: frozenset[str] = frozenset()
    origin_words: frozenset[str] = frozenset()
    not_heads: frozenset[str] = frozenset()
    party_before_min: tuple[str, ...] = ()
    party_before_ila: tuple[str, ...] = ()
    dateline_sources: tuple[str, ...] = ()
    alliance_heads: frozenset[str] = frozenset()
    alliance_led_by: tuple[str, ...] = ()
    alliance_other_words: tuple[str, ...] = ()
    coalition_actor: str = ""
    coalition_leader: str = ""
    role_nouns: frozenset[str] = frozenset()
    name_stoppers: frozenset[str] = frozenset()
    official_nouns: frozenset[str] = frozenset()
    official_links: frozenset[str] = frozenset()
    institution_anaphors: frozenset[str] = frozenset()
    same_source: tuple[str, ...] = ()
    name_titles: frozenset[str] = frozenset()
    visit_verbs: frozenset[str] = frozenset()
    construct_nouns: frozenset[str] = frozenset()
    party_before_b: tuple[str, ...] = ()


def rules_for(lexicon: Any) -> Rules:
    """The rules compiled for this lexicon (cached on the lexicon object)."""
    cached = getattr(lexicon, "_context_rules", None)
    if cached is None:
        with _lock:
            cached = getattr(lexicon, "_context_rules", None)
            if cached is None:
                cached = _compile(lexicon.path, lexicon.normalization, frozenset(lexicon.actors))
                lexicon._context_rules = cached
    return cached


@lru_cache(maxsize=8)
def _compile(lexicon_path: str, cfg: Any, actor_codes: frozenset[str]) -> Rules:
    from .actors import NISBA_ENDINGS

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(RULES_FILE.read_text(encoding="utf-8"), Loader=loader) or {}
    lex = yaml.load(Path(lexicon_path).read_text(encoding="utf-8"), Loader=loader) or {}
    words = lambda name: [key(w, cfg) for w in (data.get(name) or [])]  # noqa: E731
    r = Rules()
    r.open_actors = frozenset(a for a in data.get("open_nisba_actors") or [] if a in actor_codes)
    for item in lex.get("actors") or []:
        for desc in item.get("descriptors") or []:
            broken = list(desc.get("broken") or [])
            for stem in desc.get("nisba") or []:
                base = stem[:-1] if stem.endswith("ي") else stem
                for ending in NISBA_ENDINGS:
                    for article in ("", "ال"):
                        if ending == "ا" and not article:
                            continue  # روسيا, سوريا, تركيا: spelt like the country
                        w = key(article + base + "ي" + ending, cfg)
                        r.nisba.setdefault(w, (item["code"], bool(article), ending))
                for b in broken:
                    for article in ("", "ال"):
                        r.nisba.setdefault(key(article + b, cfg), (item["code"], bool(article), "broken"))
    for cls, nouns in (data.get("non_actor_classes") or {}).items():
        for noun in nouns:
            r.non_actor.setdefault(bare_phrase(key(noun, cfg)), str(cls))
    r.adjectives = frozenset(bare(w) for w in words("adjectives"))
    r.origin_words = frozenset(words("origin_words"))
    r.not_heads = frozenset(words("not_heads"))
    r.party_before_min = tuple(words("party_before_min"))
    r.party_before_ila = tuple(words("party_before_ila"))
    r.dateline_sources = tuple(data.get("dateline_sources") or [])
    r.alliance_heads = frozenset(words("alliance_heads"))
    r.alliance_led_by = tuple(words("alliance_led_by"))
    r.alliance_other_words = tuple(words("alliance_other_words"))
    r.coalition_actor = str(data.get("coalition_actor") or "")
    r.coalition_leader = str(data.get("coalition_leader") or "")
    r.role_nouns = frozenset(words("role_nouns"))
    r.name_stoppers = frozenset(words("name_stoppers"))
    r.official_nouns = frozenset(words("official_nouns"))
    r.official_links = frozenset(words("official_links"))
    r.institution_anaphors = frozenset(words("institution_anaphors"))
    r.same_source = tuple(words("same_source"))
    r.name_titles = frozenset(words("name_titles"))
    r.visit_verbs = frozenset(words("visit_verbs"))
    r.construct_nouns = frozenset(words("construct_nouns"))
    r.party_before_b = tuple(words("party_before_b"))
    return r


def bare_phrase(phrase: str) -> str:
    return " ".join(bare(w) for w in phrase.split())


def non_actor_class(rules: Rules, words: list[str]) -> str:
    """The non-actor class of a head noun (last word, or last two words as a phrase), or ''."""
    if not words:
        return ""
    last = bare(words[-1])
    if last not in rules.non_actor and last[:1] in "وفبلك" and last[1:] in rules.non_actor:
        last = last[1:]  # an indefinite noun with a proclitic: ومواطنة
    if len(words) >= 2:
        two = bare(words[-2]) + " " + last
        if two in rules.non_actor:
            return rules.non_actor[two]
    return rules.non_actor.get(last, "")


def synthetic_entry(lexicon: Any, *, actor: str, alias: str, kind: str, tag: str | None = None,
                    source: str = "context rule") -> int:
    """Index in ``lexicon.entries`` of an entry a rule's mention stands for (created once, then reused)."""
    from .actors import Entry

    table = getattr(lexicon, "_synthetic_entries", None)
    if table is None:
        table = lexicon._synthetic_entries = {}
    k = (actor, alias, kind, tag)
    idx = table.get(k)
    if idx is None:
        with _lock:
            idx = table.get(k)
            if idx is None:
                lexicon.entries.append(Entry(actor=actor, tag=actor if tag is None else tag, alias=alias,
                                             form=alias, kind=kind, source=source, written=alias))
                idx = table[k] = len(lexicon.entries) - 1
    return idx


def view_tokens(view: str) -> list[tuple[int, int, str]]:
    """Words of the match view as (norm start, norm end, word) (view index = norm index + 1)."""
    return [(m.start() - 1, m.end() - 1, m.group()) for m in TOKEN_RE.finditer(view)]
