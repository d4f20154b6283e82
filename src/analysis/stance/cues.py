"""Stance cues: reporting verbs, lexicon cues, قد hedges, scare quotes and naming variants, each in the
voice of the statement it sits in (the outlet outside statements)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..normalize import normalize_text
from .document import WORD, Doc, Mention, quotations
from .frames import Frame
from .lexicon import StanceLexicon
from .records import OUTLET, Cue, Statement


def _voice(statements: Sequence[Statement], pos: int) -> str:
    """The speaker of the innermost statement whose content holds ``pos``; the outlet outside statements."""
    best = None
    for st in statements:
        if st.norm_start <= pos < st.norm_end and (best is None or st.norm_end - st.norm_start < best.norm_end - best.norm_start):
            best = st
    return best.speaker_actor if best is not None else OUTLET


def _scare_quotes(doc: Doc, frames: list[Frame]) -> list[tuple[int, int]]:
    """Quotations that are neither names nor speech (spans include the marks)."""
    lex, t = doc.lex, doc.t
    max_words = lex.settings["max_scare_quote_words"]
    after_comp = lex.settings["speech_after_complement_words"]
    speech_starts = {f.content_start for f in frames if f.quote_type == "direct"}
    indirect = sorted((f for f in frames if f.quote_type == "indirect" and not (f.entry and f.entry.form == "according_to")),
                      key=lambda f: f.content_start)
    indirect_starts = [f.content_start for f in indirect]
    out = []
    for o, c in quotations(doc):
        s, e = doc.trim(o + 1, c)
        if s >= e:
            continue
        words = WORD.findall(t, s, e)
        if not words or len(words) > max_words or re.search(r"[،,.;؛:!؟?]", t[s:e]):
            continue  # speech spanning a clause
        if s in speech_starts:
            continue  # the content of a direct statement
        k = bisect.bisect_right(indirect_starts, o) - 1
        if k >= 0 and o - indirect_starts[k] < 80 and len(WORD.findall(t, _comp_end(doc, indirect[k]), o)) <= after_comp:
            continue  # quoted right after إن/أن: the speech itself
        if o in doc.name_quotes:
            continue
        if any(f.attribution and f.attribution[0] <= o and c < f.attribution[1] for f in frames):
            continue  # a name in the attribution itself (عبر حسابه في "تويتر", لـ"عنب بلدي"), not distancing
        out.append((o, c + 1))
    return out


def _comp_end(doc: Doc, f: Frame) -> int:
    m = WORD.match(doc.t, f.content_start)
    return m.end() if m else f.content_start


def _qad_hedges(doc: Doc) -> list[tuple[int, int]]:
    q = doc.lex.qad
    pat = re.compile(rf"(?<!\w)[وف]?(?P<q>{re.escape(q['particle'])}) (?P<v>\w+)")
    out = []
    for m in pat.finditer(doc.t):
        v = m.group("v")
        if v.startswith(q["prefixes"]) and v not in q["exceptions"] and len(v) >= 3:
            out.append((m.start("q"), m.end("v")))
    return out


def naming_variant(lex: StanceLexicon, m: Mention, text: str) -> str:
    variants = lex.naming.get(m.actor)
    if not variants:
        return ""
    # the form written decides (the alias is the lexicon's canonical name, the same for every variant)
    surface = " ".join(WORD.findall(text, m.start, m.end))
    for variant, forms in variants:
        if surface in forms:
            return variant
    for variant, forms in variants:  # a proclitic on the surface (لتنظيم الدولة)
        for form in forms:
            if surface.endswith(form) and surface[: -len(form)] in lex.noun_proclitics:
                return variant
    alias = " ".join(m.alias.split())
    for variant, forms in variants:
        if alias in forms:
            return variant
    return ""


def cues_of(doc: Doc, statements: list[Statement], frames: list[Frame]) -> list[Cue]:
    lex = doc.lex
    items: list[tuple[int, int, str, str]] = []  # normalized start, end, category, subtype
    for f in frames:
        if f.entry is not None and f.entry.form != "according_to":  # بحسب is not a verb: no reporting_verb cue
            items.append((f.verb_start, f.verb_end, "reporting_verb", f.entry.subtype))
    for h in doc.hits:
        for ref in h.entries:
            e = lex.entries[ref]
            if e.category != "reporting_verb":
                items.append((h.start, h.end, e.category, e.subtype))
    for s, e in _qad_hedges(doc):
        items.append((s, e, lex.qad["category"], lex.qad["subtype"]))
    for s, e in _scare_quotes(doc, frames):
        items.append((s, e, "scare_quote", "distancing"))
    for m in doc.mentions:
        variant = naming_variant(lex, m, doc.t)
        if variant:
            items.append((m.start, m.end, "naming", variant))
    items.sort()
    out = []
    seen = set()
    for s, e, cat, sub in items:
        if (s, e, cat) in seen:
            continue
        seen.add((s, e, cat))
        rs, re_ = doc.raw_span(s, e)
        si = doc.sentence_index(s)
        out.append(Cue(rs, re_, doc.raw[rs:re_], cat, sub, _voice(statements, s), doc.sid[si] if doc.sid else 0))
    return out


def _variant_of(lex: StanceLexicon, actor: str, alias: str, surface: str) -> str:
    if not lex.naming.get(actor):
        return ""  # no declared variants: nothing to normalize
    m = Mention(0, len(surface), actor, "", normalize_text(alias or ""), 0, 0)
    return naming_variant(lex, m, normalize_text(surface or ""))
