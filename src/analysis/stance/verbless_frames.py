"""Reporting frames without a reporting verb: headline colons (``لافروف: ...``) and according-to markers
(``بحسب المرصد``, ``وفقا لـ``, ``نقلا عن``)."""

from __future__ import annotations

import bisect
import re

import numpy as np

from .document import WORD, Doc, Hit
from .frames import Frame, speaker_span, unquote

_COLON_LINE = re.compile(r"[^\n:]{1,80}?:")
_HEADLINE_BREAK = re.compile(r"\.\.+|…| [-–—|] ")  # a headline's two parts: "خبر.. وفلان: ..."
_CREDIT = re.compile(r"\s*\([^()\n]{1,40}\)\s*$")  # a photo credit closing a caption: (الأوروبية)


def colon_frames(doc: Doc) -> list[Frame]:
    """Headline-style attribution at a line start: ``لافروف: موسكو وواشنطن اتفقتا ...``."""
    lex, t = doc.lex, doc.t
    out = []
    # every paragraph bound mapped at once (Normalized.norm_index, vectorised)
    bounds = np.searchsorted(doc.norm.starts, np.array(doc.seg.paragraphs, dtype=np.int64).reshape(-1, 2), side="left")
    for s, e in bounds.tolist():
        m = _COLON_LINE.match(t, s, e)
        if m is None:
            continue
        sp = doc.trim(s, m.end() - 1)
        cut = max((x.end() for x in _HEADLINE_BREAK.finditer(t, *sp)), default=-1)
        if cut >= 0:  # "مقتل 7 في تفجير مسجد.. وداعش: ..." -- the label is the part after the headline's break
            sp = doc.trim(cut, sp[1])
            if t[sp[0]] in "وف" and any(mm.start == sp[0] + 1 for mm in doc.mentions_in(*sp)):
                sp = (sp[0] + 1, sp[1])  # the conjunction joining the two parts is no part of the speaker
        words = WORD.findall(t, *sp)
        label = " ".join(words)
        if not words or label in lex.colon_stop or words[0] in lex.colon_stop:
            continue
        if len(words) > lex.colon_max_speaker:
            sp = _speaker_of_occasion(doc, sp, words)  # "بوتين في أول تصريح بعد إعادة انتخابه:"
            if sp is None:
                continue
        if not doc.mentions_in(*sp):
            continue  # only a known actor or person makes a label a speaker ("سوريا:" is a topic)
        credit = _CREDIT.search(t, m.end(), e)
        cs, ce = doc.trim(m.end(), credit.start() if credit else e)
        if len(WORD.findall(t, cs, ce)) < lex.colon_min_content:
            continue
        out.append(Frame(sp[0], sp[1], sp[0], cs, ce, True, "direct", None, sp, "span", doc.sentence_index(cs)))
    return out


def _plain_saying_after(doc: Doc, m: re.Match[str], hit: Hit | None, framed_verbs: set[int]) -> bool:
    """Is a postposed marker (كما) right after a comma and before a saying verb that takes no object and
    frames nothing of its own ("، كما قال مسؤول في التحالف.")?"""
    if hit is None or hit.word_start in framed_verbs or m.start() != m.start("m"):
        return False
    if doc.t[:m.start()].rstrip()[-1:] not in ("،", ","):
        return False
    entry = doc.lex.entries[hit.entries[0]]
    return entry.lemma in doc.lex.according.postposed_verbs and not (
        entry.preposition or entry.source or entry.object_required or entry.clause_only)


def _issuer_of_own_statement(doc: Doc, src_words: list[re.Match[str]], cs: int, ce: int) -> tuple[int, int] | None:
    """A source that is a statement the clause's subject issued ("بيان نشرته", "تقرير أصدره": a statement noun
    and a verb of issuing with its pronoun): the subject mention right after the clause's verb, else None."""
    acc = doc.lex.according
    if len(src_words) < 2 or _canonical_noun(doc, src_words[0].group()) not in doc.rules.statement_nouns \
            or src_words[1].group() not in acc.issuer_verbs:
        return None
    words = list(WORD.finditer(doc.t, cs, ce))[:4]
    for w in words[1:3]:
        found = [m for m in doc.mentions_in(w.start(), ce) if m.start == w.start()
                 and m.kind in ("name", "descriptor", "metonym", "person")]
        if found:
            return (found[0].start, found[0].end)
    return None


def _new_clause_after(doc: Doc, pos: int, s_end: int) -> bool:
    """Does a new clause open at ``pos`` (its first word joined by و), or the sentence end there?"""
    w = WORD.search(doc.t, pos, s_end)
    return w is None or w.group().startswith("و")


def _speaker_of_occasion(doc: Doc, sp: tuple[int, int], words: list[str]) -> tuple[int, int] | None:
    """The actor mention opening a long colon label that goes on with the occasion of speaking (a speech noun
    after a preposition): the speaker span; else None, the label is a topic."""
    lex = doc.lex
    if len(words) > lex.colon_max_occasion:
        return None
    opening = [m for m in doc.mentions_in(*sp) if m.start == sp[0]]
    if not opening:
        return None
    rest = WORD.findall(doc.t, opening[0].end, sp[1])
    if len(rest) < 2 or rest[0] not in lex.colon_occasion_prepositions:
        return None
    if not any(w in lex.colon_speech_nouns or _strip_al(w) in lex.colon_speech_nouns for w in rest[1:3]):
        return None
    return (opening[0].start, opening[0].end)


def _strip_al(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


_SOURCE_BREAK = re.compile(r"[،,.;؛:!؟?()\[\]\n]")


def according_frames(doc: Doc, frames: list[Frame], verb_hits: list[Hit]) -> list[Frame]:
    """``وقتل 20 مدنيا، بحسب المرصد السوري`` / ``وبحسب المرصد، فإن ...``: attribution without a verb.

    The phrase after the marker (and its particle: وفقا لـ, نقلا عن) is the source when it holds an actor
    mention or starts with a source head; ``حسب قوله`` continues the previous speaker. The content is the
    clause before the marker in its sentence, or, when the marker opens the clause, the rest of the
    sentence after the source. A marker inside another statement's content is part of that speech.
    """
    acc, lex, t = doc.lex.according, doc.lex, doc.t
    if acc is None:
        return []
    verb_at = {h.word_start: h for h in verb_hits}
    out: list[Frame] = []
    last_source_end: dict[int, int] = {}  # sentence -> end of the last source phrase (قتل 5 بحسب س، وجرح 10 بحسب ص)
    attributions = sorted(f.attribution for f in frames if f.attribution)
    framed_verbs = {f.verb_start for f in frames}
    for m in acc.marker_re.finditer(t):
        k = bisect.bisect_right(attributions, (m.start(), len(t))) - 1
        if m.start("m") in framed_verbs or (k >= 0 and attributions[k][0] <= m.start() < attributions[k][1]):
            continue  # ذكرت وكالة نقلا عن مسؤول أن: the relay belongs to a reporting frame, no second statement
        particle, fused_ma = acc.markers.get(m.group("m"), ("", True))  # a postposed marker: كما + its verb
        si = doc.sentence_index(m.start())
        s_start, s_end = doc.sent_starts[si], min(doc.sent_ends[si], len(t))
        if not s_start <= m.start() < s_end:
            continue
        words = list(WORD.finditer(t, m.end(), s_end))
        i, src_start = 0, None
        if particle and len(words) >= 2 and words[0].group() == particle + acc.ma and len(words[1].group()) > 3 \
                and words[1].group().endswith(acc.pronoun_verb_endings) \
                and (len(words) == 2 or words[2].group().startswith("ل") or _SOURCE_BREAK.search(t, words[1].end(), words[2].start())):
            # "وفقا لما قاله لـCNN": the verb after ما carries its speaker as a pronoun; the speaker goes on
            src_start = -1
            src_words = [words[1]]
        elif fused_ma or (words and words[0].group() == acc.ma and not particle):
            i = 0 if fused_ma else 1
            if i >= len(words):
                continue
            hit = verb_at.get(words[i].start())
            if m.group("m") in acc.postposed and (not _plain_saying_after(doc, m, hit, framed_verbs) or i + 1 >= len(words)
                                                  or _SOURCE_BREAK.search(t, words[i].end(), words[i + 1].start())):
                continue  # "كما قال الوزير إن", "كما شدد على": a conjunction before a verb with its own frame;
                # "...، كما قال، ويرضي": as he said, no source named
            i += 1  # the verb after ما (أفادت, قاله ...)
            if i + 1 < len(words) and words[i].group() in doc.rules.resumptive:
                i += 1  # "بحسب ما كشف عنه متحدثان": the pronoun of ما before the source
            if hit is not None and lex.entries[hit.entries[0]].source:
                particle_at = [k for k in range(i, len(words)) if words[k].group() == lex.entries[hit.entries[0]].source]
                if particle_at:
                    i = particle_at[0] + 1  # بحسب ما نقلت وكالة عن مسؤول: the source is the official
        elif particle and len(words) >= 3 and words[0].group() == particle + acc.ma \
                and (words[1].start() in verb_at or words[1].group().endswith(acc.pronoun_verb_endings)):
            # "وفقا لما نقلته وكالة الأناضول": ل + ما, a reporting verb with the news as its object, then the source
            i = 2
            hit = verb_at.get(words[1].start())
            if hit is not None and lex.entries[hit.entries[0]].source:
                particle_at = [k for k in range(i, len(words)) if words[k].group() == lex.entries[hit.entries[0]].source]
                if particle_at:
                    i = particle_at[0] + 1
        elif particle:
            if not words:
                continue
            first = words[0].group()
            if first == particle:
                i = 1
            elif first.startswith(particle) and len(first) > len(particle) + 1:
                src_start = words[0].start() + len(particle)  # وفقا للمرصد: the ل is the particle
            else:
                continue
        if i >= len(words) and src_start is None:
            continue
        pronoun_verb = src_start == -1
        src_s = words[1].start() if pronoun_verb else (src_start if src_start is not None else words[i].start())
        if not pronoun_verb:
            src_words = []
        prev_end = src_s
        for w in ([] if pronoun_verb else words[i:]):
            if src_words and _SOURCE_BREAK.search(t, prev_end, w.start()):
                break
            if w.group() in acc.source_stop or w.start() in verb_at or lex.boundary_re.match(t, w.start()) \
                    or lex.complementizer_re.fullmatch(w.group()) or (src_words and w.group() in doc.rules.relative):
                break  # "وفق عبد الله التي أوضحت": the relative clause describes the source
            src_words.append(w)
            prev_end = w.end()
            if len(src_words) >= acc.max_source_tokens:
                break
        while len(src_words) > 1 and src_words[-1].group() in doc.rules.time_words \
                and not _SOURCE_BREAK.search(t, src_words[-2].end(), src_words[-1].start()):
            src_words.pop()  # "كما ذكرت وسائل إعلام محلية الخميس": the day is no part of the source
        if not src_words:
            continue
        src_e = src_words[-1].end()
        if m.group("m") in acc.postposed:
            stop = _SOURCE_BREAK.search(t, src_e, s_end)
            if any(w not in doc.rules.time_words for w in WORD.findall(t, src_e, stop.start() if stop else s_end)) or (
                    stop is not None and t[stop.start()] in "،," and not _new_clause_after(doc, stop.end(), s_end)):
                continue  # "، كما تشير تقارير لوجود قواعد": the verb goes on with an object, it sources nothing;
                # "ويحتجز التنظيم، كما تفيد تقارير، أكثر من": the clause goes on after the source
        after_src = src_e
        while after_src < s_end and t[after_src] in doc.lex.quote_pairs.values():
            after_src += 1  # وفقا لـ"الدفاع المدني"، ...: the closing mark belongs to the source
        first_words = [t[src_s:src_words[0].end()]] + [w.group() for w in src_words[1:]]
        if src_start is not None and src_start >= 0 and particle == "ل" and src_words[0].group().startswith("لل"):
            first_words[0] = "ال" + src_words[0].group()[2:]  # وفقا للأمم المتحدة: ل + الأمم
        else:
            first_words[0] = _canonical_noun(doc, first_words[0])
        if pronoun_verb or first_words[0] in acc.pronoun_sources:
            speaker, speaker_kind = None, "continuation"
        elif doc.mentions_in(src_s, src_e) or any(tuple(first_words[: len(h)]) == h for h in acc.source_heads) \
                or first_words[0] in doc.rules.heads or _role_or_class_source(doc, first_words):
            # a speaker head is a source too ("وفق الشرطة", "وفق ما أعلنت السلطات الأوكرانية")
            speaker, speaker_kind = speaker_span(doc, *unquote(doc, src_s, src_e)), "span"
            if speaker[0] >= speaker[1]:
                speaker = unquote(doc, src_s, src_e)
        else:
            continue  # حسب الخطة, وفقا للاتفاق: according to a thing, not a source
        # the content: the clause before the marker, or the rest of the sentence after a fronted source
        marker_start = m.start()
        if si in last_source_end and not WORD.search(t, last_source_end[si], marker_start):
            last_source_end[si] = after_src
            continue  # وفقا لمسؤولين أميركيين، بحسب أسوشيتد برس: a relay of the source just named, which spoke
        clause_s, opener_s = max(s_start, last_source_end.get(si, s_start)), None
        last_source_end[si] = after_src
        for b in lex.boundary_re.finditer(t, clause_s, marker_start):
            clause_s, opener_s = b.end(), b.start()
        owner = [f for f in frames if f.sent == si and f.content_start < marker_start and f.verb_start < marker_start]
        if owner and (opener_s is None or max(f.content_start for f in owner) > opener_s):
            continue  # inside reported speech: the speaker's own sourcing
        before = doc.trim(clause_s, marker_start)
        if before[0] < before[1] and len(WORD.findall(t, *before)) > 0:
            cs, ce, closed = before[0], before[1], True
            frame_start = opener_s if opener_s is not None else before[0]
        else:
            cs, ce = doc.trim(after_src, s_end)
            closed = False
            frame_start = opener_s if opener_s is not None else marker_start
        if cs >= ce:
            continue
        if speaker_kind == "span" and closed and not doc.mentions_in(src_s, src_e) \
                and (issuer := _issuer_of_own_statement(doc, src_words, cs, ce)) is not None:
            speaker = issuer  # "نفذت قوات سوريا الديمقراطية عملية، بحسب بيان نشرته": its own statement
        # "كما قال": the marker and its verb are the frame's verb, so the row shows the reporting verb
        verb_end = words[0].end() if m.group("m") in acc.postposed else m.end("m")
        out.append(Frame(m.start("m"), verb_end, frame_start, cs, ce, closed, "indirect", acc.entry,
                          speaker, speaker_kind, si, (m.end("m"), after_src)))
    return out


def _role_or_class_source(doc: Doc, first_words: list[str]) -> bool:
    """Does a source phrase open with a person's role ("وفق ما ذكر مدير المرصد رامي عبد الرحمن") or a speaker
    class's phrase ("وفقا لما نقلته وكالة الأناضول")? Then it is someone speaking, not a plan or an agreement."""
    rules = doc.rules
    if not first_words:
        return False
    if first_words[0] in rules.role_nouns:
        return True
    return any(tuple(first_words[: len(phrase)]) == phrase for _, phrase in rules.classes)


def _canonical_noun(doc: Doc, word: str) -> str:
    """A source's first word without its proclitic (لمصادر -> مصادر, للمرصد -> المرصد)."""
    if word.startswith("لل"):
        return "ال" + word[2:]
    for p in doc.lex.noun_proclitics:
        if word.startswith(p) and len(word) > len(p) + 2:
            rest = word[len(p):]
            if any(h[0] == rest for h in doc.lex.according.source_heads) or rest in doc.lex.according.pronoun_sources:
                return rest
    return word
