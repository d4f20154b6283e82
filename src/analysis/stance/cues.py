"""Stance cues: reporting verbs, lexicon cues, قد hedges, quotations, so-called constructions and naming
variants, each in the voice of the statement it sits in (the outlet outside statements).

Names come first: no lexicon cue counts inside an organisation or title name (``names``); an entry's
exclusion contexts (the lexicon's ``exclusions``) cancel it; quotations are classified in ``quotation``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..normalize import normalize_text
from .document import WORD, Doc, Hit, Mention
from .frames import Frame
from .lexicon import DISTANCING_NOUN, Entry, StanceLexicon
from .names import NameIndex, name_spans
from .quotation import quotation_cues, so_called_spans
from .records import OUTLET, Cue, Statement
from .sense import only_perfect
from .targets import target_actor


def _voice(statements: Sequence[Statement], pos: int) -> str:
    """The speaker of the innermost statement whose content holds ``pos``; the outlet outside statements."""
    best = None
    for st in statements:
        if st.norm_start <= pos < st.norm_end and (best is None or st.norm_end - st.norm_start < best.norm_end - best.norm_start):
            best = st
    return best.speaker_actor if best is not None else OUTLET


def _qad_hedges(doc: Doc) -> list[tuple[int, int]]:
    """قد + a 3rd-person imperfect; a word that reads only as a perfect (قد توقفت) is no hedge (``sense``)."""
    q = doc.lex.qad
    pat = re.compile(rf"(?<!\w)[وف]?(?P<q>{re.escape(q['particle'])}) (?P<v>\w+)")
    out = []
    for m in pat.finditer(doc.t):
        v = m.group("v")
        if not (v.startswith(q["prefixes"]) and v not in q["exceptions"] and len(v) >= 3):
            continue
        window = re.split(r"[،,.;؛:!؟?\n]", doc.t[max(0, m.start() - 40):m.start()])[-1]
        if any(w in q.get("auxiliaries", ()) for w in WORD.findall(window)[-3:]):
            continue  # كان ترامب قد توعد: a pluperfect, not a possibility
        if q.get("morphology", True):
            rs, re_ = doc.raw_span(m.start("v"), m.end("v"))
            if only_perfect(doc.raw[rs:re_]):
                continue
        out.append((m.start("q"), m.end("v")))
    return out


def _excluded(doc: Doc, h: Hit, entry: Entry) -> bool:
    """An exclusion context of the entry around the hit (a word before or after; the raw spelling)."""
    if not entry.exclusions:
        return False
    before = WORD.findall(doc.t, max(0, h.word_start - 40), h.word_start)
    prev = before[-1] if before else ""
    after = " ".join(WORD.findall(doc.t, h.end, min(len(doc.t), h.end + 60))[:4])
    rs, re_ = doc.raw_span(h.start, h.end)
    written = doc.raw[rs:re_]
    for x in entry.exclusions:
        if prev and prev in x.before:
            return True
        if any(after == a or after.startswith(a + " ") for a in x.after):
            return True
        if written in x.written:
            return True
        if x.unless_before and prev not in x.unless_before:
            return True  # يتردد "hesitates, echoes" unless after ما ("what is rumoured")
        if x.unless_after and not any(after == a or after.startswith(a + " ") for a in x.unless_after):
            return True  # وصفت "she described" unless بأنها follows at once ("was described as")
    return False


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
    names = NameIndex(name_spans(doc))
    # normalized start, end, category, subtype, target_actor, marked_by, words_of, voice ("" = of the position)
    items: list[tuple[int, int, str, str, str, str, str, str]] = []
    framed = set()
    hit_at = {h.start: h for h in doc.hits}
    for f in frames:
        if f.entry is not None and f.entry.form != "according_to":  # بحسب is not a verb: no reporting_verb cue
            framed.add(f.verb_start)
            h = hit_at.get(f.verb_start)
            if h is not None and _excluded(doc, h, f.entry):
                continue  # المدعي العام إن ...: the prosecutor, not "alleged"
            items.append((f.verb_start, f.verb_end, "reporting_verb", f.entry.subtype, "", "", "", ""))
    for h in doc.hits:
        if names.covers(h.start, h.end):
            continue  # a word of a name (هيئة تحرير الشام, رئيس تحرير): no cue
        for ref in h.entries:
            e = lex.entries[ref]
            if _excluded(doc, h, e):
                continue
            if e.category == DISTANCING_NOUN:  # مزاعم, بدعوى: a distancing reporting cue without a frame
                items.append((h.start, h.end, "reporting_verb", e.subtype, "", "", "", ""))
                continue
            if e.category == "reporting_verb":
                # a distancing verb with a noun object (تزعم إسقاط)
                if e.noun_object and h.start not in framed and e.form in ("finite", "participle"):
                    items.append((h.start, h.end, "reporting_verb", e.subtype, "", "", "", ""))
                continue
            target = target_actor(doc, h, e) if e.category == "evaluative" else ""
            items.append((h.start, h.end, e.category, e.subtype, target, "", "", ""))
    for s, e in _qad_hedges(doc):
        items.append((s, e, lex.qad["category"], lex.qad["subtype"], "", "", "", ""))
    so_called = so_called_spans(doc)
    for s, e in so_called:
        items.append((s, e, "so_called", "distancing", "", "", "", ""))
    voice = lambda pos: _voice(statements, pos)  # noqa: E731
    for q in quotation_cues(doc, statements, frames, so_called, voice, names):
        items.append((q.start, q.end, q.category, q.subtype, "", q.marked_by, q.words_of, q.voice))
    for m in doc.mentions:
        variant = naming_variant(lex, m, doc.t)
        if variant:
            items.append((m.start, m.end, "naming", variant, "", "", "", ""))
    items.sort()
    out = []
    seen = set()
    for s, e, cat, sub, target, marked_by, words_of, who in items:
        if (s, e, cat) in seen:
            continue
        seen.add((s, e, cat))
        rs, re_ = doc.raw_span(s, e)
        si = doc.sentence_index(s)
        out.append(Cue(rs, re_, doc.raw[rs:re_], cat, sub, who or _voice(statements, s), doc.sid[si] if doc.sid else 0,
                       target, marked_by, words_of))
    return out


def _variant_of(lex: StanceLexicon, actor: str, alias: str, surface: str) -> str:
    if not lex.naming.get(actor):
        return ""  # no declared variants: nothing to normalize
    m = Mention(0, len(surface), actor, "", normalize_text(alias or ""), 0, 0)
    return naming_variant(lex, m, normalize_text(surface or ""))
