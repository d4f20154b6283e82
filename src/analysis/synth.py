"""A seeded generator of Arabic news-like articles whose actor mentions are known exactly.

Real corpora are neither shareable at benchmark sizes nor annotated. The benchmark (``analysis bench``)
therefore composes articles from the sentence templates of ``lexicons/synth_templates.yaml``, filling
their actor slots with aliases of the actor lexicon (through :mod:`analysis.actors`' public loader) in
the forms real text has: with proclitics (و ف ب ل ك, the fused لل), between quotation marks, and with
orthographic noise that normalization undoes (bare alef, ه for ة, ى for ي, tatweel, short vowels, no-break
spaces). Every alias placed is recorded with its raw offsets, so the detector's precision and recall on
the generated text can be measured, and the same text serves to time the pipeline.

Determinism: document ``i`` depends only on ``(seed, i)``, the template bank and the lexicon, so the same
seed gives the same bytes, and a smaller corpus is a prefix of a larger one.

Output (a *corpus folder* the pipeline reads, plus gold beside it)::

    <dir>/corpus/part-00000.jsonl   JSON Lines shards of about ``shard_mb`` MB: {"id", "text", "outlet", "date"}
    <dir>/gold_mentions.csv         one row per generated mention (see GOLD_COLUMNS)
    <dir>/synth.json                manifest: seed, size, counts, hashes of lexicon and templates

JSON Lines rather than one file per article: a gigabyte of 2-3 kB files is slow to write, list and read
on many file systems; shards keep the reader's memory bounded (``iter_corpus`` reads a shard whole).
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import logging
import os
import random
import re
import shutil
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import config, schema
from .lexicon.loading import compiled
from .lexicon.models import SynthTemplatesModel
from .lexicon.source import LexiconSource
from .normalize import normalize, normalize_text

log = logging.getLogger(__name__)

__all__ = [
    "SynthAlias",
    "GoldMention",
    "SynthDoc",
    "TemplateBank",
    "SynthCorpus",
    "load_bank",
    "SynthLexicon",
    "load_synth_lexicon",
    "iter_documents",
    "write_corpus",
    "ensure_corpus",
    "stray_matches",
    "GOLD_COLUMNS",
    "TEMPLATES_PATH",
]

GENERATOR_VERSION = 1
TEMPLATES_PATH = config.LEXICON_DIR / "synth_templates.yaml"
#: Columns of gold_mentions.csv: doc_id, raw start/end (text[start:end] == surface), the surface as
#: written (proclitic excluded), the actor code, component, alias (lexicon entry) and kind.
GOLD_COLUMNS = schema.SYNTHETIC_GOLD_MENTIONS.columns
#: Kinds the generator places: anaphors ("التنظيم") need an antecedent and are left to the detector's
#: own tests.
PLACED_KINDS = ("name", "descriptor", "metonym")
PERSON_KIND = "person"

_SLOT_RE = re.compile(r"\{(\w+)(?::(\w+))?\}")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_NON_JOINING = set("اأإآدذرزوؤةءى")
_HARAKAT = "\u064e\u064f\u0650\u0651"  # fatha, damma, kasra, shadda
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


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
    names, descriptors, metonyms and people that need no antecedent are placed in slots.
    """
    from .actors import load_lexicon

    lexicon = load_lexicon(path)
    aliases = tuple(
        SynthAlias(
            text=e.alias, actor=e.actor, component=e.component, alias=e.alias, kind=e.kind, form=e.form,
            place=e.place,
            placeable=bool(e.actor) and e.kind in (*PLACED_KINDS, PERSON_KIND) and not e.needs_antecedent,
        )
        for e in lexicon.entries
    )
    return SynthLexicon(aliases, frozenset(lexicon.place_cues))


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
        words = _view("".join(parts[-6:])[-40:]).split()
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
    automaton: Any  # pyahocorasick automaton over every match form, for stray_matches
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
    import ahocorasick

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
    automaton = ahocorasick.Automaton()
    for a in ordered:
        form = a.form or _view(normalize_text(a.text)).strip()
        if form:
            automaton.add_word(form, form)
    automaton.make_automaton()
    return _Pools(sorted(by_actor), by_actor, person, automaton, lexicon.place_cues)


@lru_cache(maxsize=1)
def _view_table() -> dict[int, int]:
    table = {cp: 32 for cp in range(0x10000) if not (chr(cp).isalnum() or unicodedata.category(chr(cp))[0] == "M")}
    table.update({cp: cp + 32 for cp in range(ord("A"), ord("Z") + 1)})
    return table


def _view(normalized: str) -> str:
    """The normalized text as the detector's matcher sees it: non-word characters as spaces, ASCII
    lower-cased, one character for one character (so offsets are unchanged)."""
    return normalized.translate(_view_table())


def stray_matches(text: str, spans: Sequence[tuple[int, int]], automaton: Any) -> list[tuple[int, int, str]]:
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
    t = _view(norm.text)
    for end, form in automaton.iter(t):
        start = end - len(form) + 1
        after_ok = end + 1 >= len(t) or t[end + 1] == " "
        ws = start
        while ws > 0 and t[ws - 1] != " ":
            ws -= 1
        before_ok = ws == start or all(ch in "وفبلك" for ch in t[ws:start])
        if not (after_ok and before_ok):
            continue
        if any(cs <= start and end + 1 <= ce for cs, ce in covered):
            continue
        raw_s, raw_e = norm.raw_span(start, end + 1)
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


@dataclass(frozen=True)
class SynthCorpus:
    """A generated corpus on disk and what it holds."""

    root: Path
    corpus_dir: Path  # what `analysis run --raw` reads
    gold_path: Path
    seed: int
    size_mb: float
    n_docs: int
    n_bytes: int  # UTF-8 bytes of article text (the denominator of every MB/s figure)
    n_mentions: int
    lexicon_sha256: str
    templates_sha256: str
    generator_version: int = GENERATOR_VERSION


def write_corpus(
    root: str | Path, *, size_mb: float, seed: int = 0, lexicon: SynthLexicon | None = None,
    bank: TemplateBank | None = None, shard_mb: float = 8.0, workers: int = 1,
) -> SynthCorpus:
    """Generate about ``size_mb`` MB (10^6 bytes of UTF-8 text) into ``root`` (replaced if it exists)."""
    if size_mb <= 0:
        raise ValueError("size_mb must be positive")
    lexicon = lexicon or load_synth_lexicon()
    bank = bank or load_bank()
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    tmp = root.with_name(f".{root.name}.partial")
    if tmp.exists():
        shutil.rmtree(tmp)
    corpus_dir = tmp / "corpus"
    corpus_dir.mkdir(parents=True)
    n_docs = n_bytes = n_mentions = 0
    shard_name, shard_fh = None, None
    with (tmp / "gold_mentions.csv").open("w", encoding="utf-8", newline="") as gold_fh:
        gold = csv.writer(gold_fh, lineterminator="\n")
        gold.writerow(GOLD_COLUMNS)
        for doc in iter_documents(seed=seed, lexicon=lexicon, bank=bank, n_bytes=int(size_mb * 1e6), shard_bytes=int(shard_mb * 1e6), workers=workers):
            name, rec_id = doc.doc_id.split("/")
            if name != shard_name:
                if shard_fh:
                    shard_fh.close()
                shard_name, shard_fh = name, (corpus_dir / f"{name}.jsonl").open("w", encoding="utf-8", newline="\n")
            record = {"id": rec_id, "text": doc.text, "outlet": "synth", "date": doc.date}
            shard_fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            for m in doc.mentions:
                gold.writerow([doc.doc_id, m.start, m.end, m.surface, m.actor, m.component, m.alias, m.kind])
            n_docs += 1
            n_bytes += len(doc.text.encode("utf-8"))
            n_mentions += len(doc.mentions)
    if shard_fh:
        shard_fh.close()
    corpus = SynthCorpus(
        root, root / "corpus", root / "gold_mentions.csv", seed, size_mb, n_docs, n_bytes, n_mentions,
        lexicon.sha256, bank.sha256,
    )
    manifest = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(corpus).items() if k not in ("root", "corpus_dir", "gold_path")}
    (tmp / "synth.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, root)
    log.info("generated %d documents, %.1f MB, %d gold mentions in %s", n_docs, n_bytes / 1e6, n_mentions, root)
    return corpus


def ensure_corpus(
    cache_dir: str | Path, *, size_mb: float, seed: int = 0, lexicon: SynthLexicon | None = None,
    bank: TemplateBank | None = None, workers: int = 1,
) -> SynthCorpus:
    """The corpus for (size, seed, lexicon, templates) under ``cache_dir``, generated only when missing."""
    lexicon = lexicon or load_synth_lexicon()
    bank = bank or load_bank()
    lex_sha = lexicon.sha256
    key = hashlib.sha256(f"{GENERATOR_VERSION}:{lex_sha}:{bank.sha256}".encode()).hexdigest()[:10]
    root = Path(cache_dir) / f"synth-{size_mb:g}mb-seed{seed}-{key}"
    manifest_path = root / "synth.json"
    if manifest_path.exists():
        m = json.loads(manifest_path.read_text(encoding="utf-8"))
        if m.get("lexicon_sha256") == lex_sha and m.get("templates_sha256") == bank.sha256 and m.get("generator_version") == GENERATOR_VERSION:
            log.info("reusing the generated corpus in %s", root)
            return SynthCorpus(
                root, root / "corpus", root / "gold_mentions.csv", m["seed"], m["size_mb"], m["n_docs"], m["n_bytes"],
                m["n_mentions"], m["lexicon_sha256"], m["templates_sha256"], m["generator_version"],
            )
    return write_corpus(root, size_mb=size_mb, seed=seed, lexicon=lexicon, bank=bank, workers=workers)
