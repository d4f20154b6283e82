"""Composing one synthetic article: templates filled with aliases in the forms real text has (proclitics,
the fused لل, quotation marks, orthographic noise that normalization undoes), every placed alias recorded
with its raw offsets, and no alias matched where none was placed (:func:`stray_matches`). Document ``i``
depends only on ``(seed, i)``, the bank and the lexicon; chunks of documents can be composed in a pool.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .morphology import PROCLITIC_LETTERS
from .normalize import normalize, normalize_text
from .phrases import SubstringSet, view_of
from .synth_bank import (
    _SLOT_RE,
    _VARIANT_KEYS,
    PERSON_KIND,
    PLACED_KINDS,
    GoldMention,
    SynthDoc,
    SynthLexicon,
    TemplateBank,
    load_bank,
)



_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_NON_JOINING = set("اأإآدذرزوؤةءى")
_HARAKAT = "\u064e\u064f\u0650\u0651"  # fatha, damma, kasra, shadda
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# --- rendering -------------------------------------------------------------------------------------------


def _variant(text: str, rng: random.Random, p: dict[str, float]) -> str:
    """Orthographic noise on one alias; every change is one that normalization undoes."""
    words = text.split(" ")
    out = []
    for w in words:
        if w[:1] in "أإآ" and rng.random() < p.get("bare_alef", 0):
            w = "ا" + w[1:]
        if w.endswith("ة") and rng.random() < p.get("ha_for_ta_marbuta", 0):
            w = w[:-1] + "ه"
        if w.endswith("ي") and rng.random() < p.get("alef_maqsura", 0):
            w = w[:-1] + "ى"
        if len(w) >= 3 and rng.random() < p.get("tatweel", 0):
            spots = [i for i in range(1, len(w) - 1) if w[i] not in _NON_JOINING and _ARABIC_LETTER.match(w[i]) and _ARABIC_LETTER.match(w[i + 1])]
            if spots:
                i = rng.choice(spots)
                w = w[: i + 1] + "\u0640" + w[i + 1 :]
        if rng.random() < p.get("harakat", 0):
            first = 2 if w.startswith("ال") else 0  # not on the article, nor on alef/ta marbuta/alef maqsura
            spots = [i for i in range(first, len(w)) if _ARABIC_LETTER.match(w[i]) and w[i] not in "اأإآةى"]
            if spots:
                i = rng.choice(spots)
                w = w[: i + 1] + rng.choice(_HARAKAT) + w[i + 1 :]
        out.append(w)
    sep = "\u00a0" if len(out) > 1 and rng.random() < p.get("nbsp", 0) else " "
    return sep.join(out)


class _Renderer:
    """Fills templates for one document, recording the raw offsets of every alias it writes."""

    def __init__(self, bank: TemplateBank, pools: "_Pools", rng: random.Random):
        self.bank, self.pools, self.rng = bank, pools, rng
        self.quote = rng.choice(bank.quote_marks)
        self.used: set[str] = set()  # actors already placed in the current sentence

    def number(self) -> str:
        n = str(self.rng.choice((self.rng.randint(2, 9), self.rng.randint(10, 99), self.rng.randint(100, 5000))))
        return n.translate(_INDIC) if self.rng.random() < self.bank.variants.get("indic_digits", 0) else n

    def alias(self, kind: str, mod: str | None, parts: list[str], pos: int, gold: list[tuple]) -> int:
        # The detector reads a place name after a place cue (في موسكو) or with ب (بموسكو) as a location:
        # there, only aliases that are not place names are placed.
        no_place = mod in self.bank.place_clitics or self._after_place_cue(parts)
        if kind == PERSON_KIND:
            entry = self.rng.choice(self.pools.person)
        else:  # a different actor for each slot of a sentence, as long as there are actors left
            fresh = [a for a in self.pools.actors if a not in self.used] or self.pools.actors
            actor = self.rng.choice(fresh)
            self.used.add(actor)
            kinds = self.pools.by_actor[actor]
            choices = kinds[self.rng.choice(sorted(kinds))]
            if no_place:
                choices = [a for a in choices if not a.place] or [a for k in sorted(kinds) for a in kinds[k] if not a.place]
            entry = self.rng.choice(choices)
        written = _variant(entry.text, self.rng, self.bank.variants)
        prefix = suffix = ""
        if mod == "quoted":
            prefix, suffix = self.quote
        elif mod is not None:
            before_article, other = self.bank.clitics[mod]
            if written.startswith("ال") and before_article.endswith("ل"):
                # the clitic absorbs the article's alef (لل) or keeps it (وال): the span is the alias as
                # written after the proclitic letters, i.e. from the article's lam (لل) or alef (وال)
                keep = len(before_article) - (1 if before_article.endswith("لل") else 2)
                prefix = before_article[:keep]
                written = before_article[keep:] + written[2:]
            else:
                prefix = other
        parts.append(prefix)
        start = pos + len(prefix)
        parts.append(written)
        gold.append((start, start + len(written), written, entry))
        parts.append(suffix)
        return start + len(written) + len(suffix)

    def _after_place_cue(self, parts: list[str]) -> bool:
        words = view_of("".join(parts[-6:])[-40:]).split()
        return bool(words) and self.pools.normalized(words[-1]) in self.pools.place_cues

    def fill(self, template: str, parts: list[str], pos: int, gold: list[tuple]) -> int:
        last = 0
        for m in _SLOT_RE.finditer(template):
            lit = template[last : m.start()]
            parts.append(lit)
            pos += len(lit)
            slot, mod = m.group(1), m.group(2)
            if slot in ("actor", "person"):
                pos = self.alias(slot if slot == "person" else "actor", mod, parts, pos, gold)
            elif slot == "quote":
                parts.append(self.quote[0])
                pos = self.fill(self.rng.choice(self.bank.quotes), parts, pos + len(self.quote[0]), gold)
                parts.append(self.quote[1])
                pos += len(self.quote[1])
            else:
                value = self.number() if slot == "number" else self.rng.choice(self.bank.fillers[slot])
                parts.append(value)
                pos += len(value)
            last = m.end()
        lit = template[last:]
        parts.append(lit)
        return pos + len(lit)


@dataclass
class _Pools:
    actors: list[str]
    by_actor: dict[str, dict[str, list[SynthAlias]]]  # actor -> kind -> placeable aliases
    person: list[SynthAlias]
    automaton: SubstringSet  # every match form, for stray_matches
    place_cues: frozenset[str]
    _cache: dict[str, str] = field(default_factory=dict)

    def normalized(self, written: str) -> str:
        out = self._cache.get(written)
        if out is None:
            out = self._cache[written] = normalize_text(written)
        return out


def _check_variants() -> None:
    """Every noise rule must be undone by normalization, or the gold would name forms the lexicon lacks."""
    rng = random.Random(0)
    every = dict.fromkeys(_VARIANT_KEYS, 1.0)
    for word in ("أميركية الإسلامية", "إيران", "آلدار خليل", "موسى القوي", "قوات سوريا الديمقراطية"):
        for _ in range(20):
            written = _variant(word, rng, every)
            if normalize_text(written) != normalize_text(word):
                raise ValueError(f"orthographic variant {written!r} of {word!r} does not normalize back")


def _pools(lexicon: SynthLexicon) -> _Pools:
    _check_variants()

    by_actor: dict[str, dict[str, list[SynthAlias]]] = {}
    person: list[SynthAlias] = []
    ordered = sorted(set(lexicon.aliases), key=lambda a: (a.actor, a.kind, a.text, a.component, a.alias, a.form))
    for a in ordered:
        if not a.placeable:
            continue
        if a.kind == PERSON_KIND:
            person.append(a)
        elif a.kind in PLACED_KINDS:
            by_actor.setdefault(a.actor, {}).setdefault(a.kind, []).append(a)
    if not by_actor or not person:
        raise ValueError("the lexicon needs aliases of kind name/descriptor/metonym and of kind person")
    automaton = SubstringSet(a.form or view_of(normalize_text(a.text)).strip() for a in ordered)
    return _Pools(sorted(by_actor), by_actor, person, automaton, lexicon.place_cues)


def stray_matches(text: str, spans: Sequence[tuple[int, int]], automaton: SubstringSet) -> list[tuple[int, int, str]]:
    """Lexicon forms found in ``text`` outside the given raw spans (widened to their word).

    A stray is a whole-word occurrence (optionally after proclitic letters) of any lexicon form in the
    normalized text that no placed alias covers: a template whose fixed text names an actor, or an alias
    that forms a longer alias with the words around it. The generator resamples such sentences, so the
    gold is complete; the test suite checks the template bank has none.
    """
    norm = normalize(text)
    covered = []
    for s, e in spans:
        ws = s
        while ws > 0 and _ARABIC_LETTER.match(text[ws - 1]):
            ws -= 1
        covered.append((norm.norm_index(ws), norm.norm_index(e)))
    out = []
    t = view_of(norm.text)
    for start, stop, form in automaton.occurrences(t):
        after_ok = stop >= len(t) or t[stop] == " "
        ws = start
        while ws > 0 and t[ws - 1] != " ":
            ws -= 1
        before_ok = ws == start or all(ch in PROCLITIC_LETTERS for ch in t[ws:start])
        if not (after_ok and before_ok):
            continue
        if any(cs <= start and stop <= ce for cs, ce in covered):
            continue
        raw_s, raw_e = norm.raw_span(start, stop)
        out.append((raw_s, raw_e, form))
    return out


def _line(renderer: _Renderer, template_choices: Sequence[str], sentences: int = 1) -> tuple[str, list[tuple]]:
    """One line of ``sentences`` templates and its gold (offsets into the line)."""
    parts: list[str] = []
    line_gold: list[tuple] = []
    p = 0
    for k in range(sentences):
        if k:
            parts.append(" ")
            p += 1
        renderer.used.clear()
        p = renderer.fill(renderer.rng.choice(template_choices), parts, p, line_gold)
    return "".join(parts), line_gold


#: A document with a stray lexicon form (outside every slot) is composed again with the next attempt's
#: random stream; the template bank is checked by the tests so that this is rare.
MAX_ATTEMPTS = 20


def _document(index: int, *, seed: int, bank: TemplateBank, pools: _Pools) -> tuple[str, str, tuple[GoldMention, ...]]:
    """Text, date and gold mentions of document ``index`` of the corpus of ``seed`` (independent of every
    other document)."""
    for attempt in range(MAX_ATTEMPTS):
        rng = random.Random(f"synth:{seed}:{index}:{attempt}")
        text, gold = _compose(rng, bank, pools)
        if not stray_matches(text, [(s, e) for s, e, *_ in gold], pools.automaton):
            break
    else:
        raise ValueError(f"document {index}: every attempt has an actor form outside a slot; check the template bank")
    date = f"{2014 + index % 6}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
    mentions = tuple(
        GoldMention(s, e, w, entry.actor, entry.component, entry.alias, entry.kind)
        for s, e, w, entry in sorted(gold, key=lambda g: g[0])
    )
    return text, date, mentions


def _compose(rng: random.Random, bank: TemplateBank, pools: _Pools) -> tuple[str, list[tuple]]:
    renderer = _Renderer(bank, pools, rng)
    gold: list[tuple] = []
    lines: list[str] = []
    pos = 0

    def add(line: tuple[str, list[tuple]]) -> None:
        nonlocal pos
        text, line_gold = line
        lines.append(text)
        gold.extend((pos + s, pos + e, w, entry) for s, e, w, entry in line_gold)
        pos += len(text) + 1  # the newline

    add(_line(renderer, bank.headlines))
    n_par = rng.randint(*bank.paragraphs)
    caption_at = rng.randint(1, n_par - 1) if bank.captions and n_par > 1 and rng.random() < 0.5 else -1
    for i in range(n_par):
        if i == caption_at:
            caption = _line(renderer, bank.captions)
            add(caption)
            if rng.random() < 0.3:  # scraped pages repeat captions
                add(caption)
        add(_line(renderer, bank.sentences, sentences=rng.randint(*bank.sentences_per_paragraph)))
    add((f"المصدر: {rng.choice(bank.fillers['source'])}", []))
    return "\n".join(lines), gold


def iter_documents(
    *, seed: int, lexicon: SynthLexicon, bank: TemplateBank | None = None, n_bytes: int | None = None,
    n_docs: int | None = None, shard_bytes: int = 8_000_000, workers: int = 1,
) -> Iterator[SynthDoc]:
    """Documents 0, 1, ... until ``n_bytes`` of UTF-8 text or ``n_docs`` documents (whichever is given).

    Documents go to shard ``part-NNNNN`` until it holds ``shard_bytes`` of text; the shard is part of the
    doc_id (``part-00000/00000012``) because the pipeline names JSON Lines records by file and id.
    With ``workers > 1`` documents are composed in a process pool (same bytes: each depends only on its
    index), a bounded number of chunks ahead.
    """
    if (n_bytes is None) == (n_docs is None):
        raise ValueError("give exactly one of n_bytes and n_docs")
    if shard_bytes < 1 or workers < 1:
        raise ValueError("shard_bytes and workers must be positive")
    bank = bank or load_bank()
    total = shard_fill = shard = index = 0
    for text, date, mentions in _composed(seed, lexicon, bank, workers):
        if (n_docs is not None and index >= n_docs) or (n_bytes is not None and total >= n_bytes):
            return
        if shard_fill >= shard_bytes:
            shard, shard_fill = shard + 1, 0
        size = len(text.encode("utf-8"))
        total += size
        shard_fill += size
        yield SynthDoc(index, f"part-{shard:05d}/{index:08d}", text, date, mentions)
        index += 1


_CHUNK = 64
_GEN_STATE: tuple | None = None


def _init_generator(seed: int, lexicon: SynthLexicon, bank: TemplateBank) -> None:
    global _GEN_STATE
    _GEN_STATE = (seed, _pools(lexicon), bank)


def _compose_chunk(first: int) -> list[tuple[str, str, tuple[GoldMention, ...]]]:
    assert _GEN_STATE is not None
    seed, pools, bank = _GEN_STATE
    return [_document(i, seed=seed, bank=bank, pools=pools) for i in range(first, first + _CHUNK)]


def _composed(seed: int, lexicon: SynthLexicon, bank: TemplateBank, workers: int) -> Iterator[tuple]:
    """(text, date, mentions) of documents 0, 1, 2, ... (endless; the caller stops)."""
    if workers <= 1:
        pools = _pools(lexicon)
        for i in itertools.count():
            yield _document(i, seed=seed, bank=bank, pools=pools)
    import multiprocessing as mp
    from collections import deque

    with mp.get_context("spawn").Pool(workers, initializer=_init_generator, initargs=(seed, lexicon, bank)) as pool:
        pending: deque = deque()
        starts = itertools.count(0, _CHUNK)
        for _ in range(workers * 4):
            pending.append(pool.apply_async(_compose_chunk, (next(starts),)))
        while True:
            chunk = pending.popleft().get()
            pending.append(pool.apply_async(_compose_chunk, (next(starts),)))
            yield from chunk
