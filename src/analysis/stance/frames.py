"""Reporting frames of reporting verbs: the verb, its complement (إن/أن, a quotation, a colon, قائلا) and
the speaker span between them (VSO), the clause's noun phrase before it (SVO), or a quotation closing
right before it (postposed ``"...", قال فلان``)."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Literal

from .document import WORD, Doc, Hit, excluded, paragraph_end, word_before, word_right_before
from .lexicon import Entry
from .records import QuoteType


@dataclass
class Frame:
    verb_start: int  # normalized, body
    verb_end: int
    frame_start: int  # where the frame begins (clause opener, subject, or the verb)
    content_start: int
    content_end: int  # provisional: sentence end or closing quote
    closed: bool  # content end fixed (a quotation), not cut at the next frame
    quote_type: QuoteType
    entry: Entry | None
    speaker: tuple[int, int] | None  # normalized span
    speaker_kind: Literal["span", "continuation", "impersonal"]
    sent: int
    attribution: tuple[int, int] | None = None  # verb/marker to complement (speaker, channel): no scare quotes here


def announcement(doc: Doc, h: Hit, entry: Entry, si: int, max_tok: int, participle_at: int | None = None) -> Frame | None:
    """A reporting verb without complement whose subject is an actor mention: VSO (the mention right after
    the verb) or SVO (an unprefixed verb after the clause's noun phrase). Not a statement.

    ``participle_at``: where the next reporting-verb word starts when it is a participle. A mid-clause word
    is taken for a masdar, except when its mention is followed right away by that participle ("غرد الرئيس
    الأمريكي دونالد ترامب قائلا إن"): a noun's genitive is never the subject of a circumstantial participle."""
    if entry.form != "finite" or excluded(doc, h, entry):
        return None
    t = doc.t
    j = h.end
    while j < len(t) and t[j] in " \"«“":
        j += 1
    k = bisect.bisect_left(doc.mention_starts, j)
    clause_s = _clause_start(doc, h.word_start, doc.sent_starts[si])
    if k < len(doc.mentions) and doc.mentions[k].start == j:
        m = doc.mentions[k]
        end = m.end  # "الرئيس الأمريكي دونالد ترامب": a role and its name are one subject
        while k + 1 < len(doc.mentions) and doc.mentions[k + 1].start > end and not t[end:doc.mentions[k + 1].start].strip(" ،,"):
            k += 1
            end = doc.mentions[k].end
        opening = WORD.findall(t, *doc.trim(clause_s, h.word_start))
        if opening and not doc.rules.particles_only(opening) and not doc.rules.no_subject(opening) \
                and not _participle_follows(doc, end, participle_at):
            return None  # "انتقد المتحدث ... وصف الرئيس الأمريكي": mid-clause, the word is a noun (masdar), no verb
        return Frame(h.start, h.end, h.word_start, h.end, h.end, True, "indirect", entry, (m.start, m.end), "span", si)
    if h.word_start == h.start:
        before = unquote(doc, *doc.trim(clause_s, h.word_start))
        if before[0] < before[1] and len(WORD.findall(t, *before)) <= max_tok and doc.mentions_in(*before):
            return Frame(h.start, h.end, h.word_start, h.end, h.end, True, "indirect", entry, before, "span", si)
    return None


def _participle_follows(doc: Doc, pos: int, participle_at: int | None) -> bool:
    """Does a participle reporting verb start at ``pos``, after spaces, quote marks or a comma only?"""
    return participle_at is not None and participle_at >= pos and not doc.t[pos:participle_at].strip(" \"«»“”،,")


def frame_for(doc: Doc, h: Hit, entry: Entry, si: int, s_end: int, next_verb: int, max_tok: int) -> Frame | None:
    lex, t = doc.lex, doc.t
    if excluded(doc, h, entry) or _in_so_called(doc, h):
        return None  # "يبلغ من العمر", "المدعي العام": an exclusion context makes the word another sense, no frame;
        # "لما وصفه \"بالسيناريوهات\"": the verb of a so-called construction labels, it reports no speech
    limit = min(s_end, next_verb)
    # the complement: إن/أن, a quotation mark, a colon or قائلا, whichever comes first
    comp = None
    for m in lex.complementizer_re.finditer(t, h.end, limit):
        if not _subordinated(doc, m.start()) and not _inside_name(doc, m.start(), h.end):
            comp = m  # not بعد أن / دون أن ...: an adverbial clause is no reported content
            break
    colon = _first_of(t, (":",), h.end, limit)
    quote_at = colon
    # a verb of accusing or threatening frames a clause only: a quotation after it is its object's term
    quotes_after = [] if entry.clause_only else doc.quotes[bisect.bisect_left(doc.quote_opens, h.end):]
    for o, c in quotes_after:  # quotations opening after the verb
        if o >= limit:
            break
        if o < h.end or o in doc.name_quotes or _governed_quote(doc, o, entry):
            continue
        if _short_quote(doc, o, c) and ((comp is not None and comp.start() > c) or (colon is not None and colon > c)):
            continue  # a short quotation before the complement is part of the speaker (عبر حسابه في "تويتر"، إن)
        if _short_quote(doc, o, c) and _speech_follows(doc, c, limit):
            continue  # على تطبيق "تلغرام" السبت "نفذت ...": a name in the channel, then the speech
        quote_at = o if quote_at is None else min(quote_at, o)
        break
    marker = _marker_re(lex.direct_markers).search(t, h.end, limit)  # the first word that is قائلا, قائلة ...
    candidates = []
    if comp is not None:
        candidates.append((comp.start(), "comp"))
    if quote_at is not None:
        candidates.append((quote_at, "quote"))
    if marker is not None:
        candidates.append((marker.start(), "marker"))
    if not candidates and entry.clause_only:
        return None
    if not candidates:
        k = bisect.bisect_left(doc.unpaired, h.end)
        if k < len(doc.unpaired) and doc.unpaired[k] < limit and t[doc.unpaired[k]] in lex.quote_pairs:
            candidates.append((doc.unpaired[k], "open"))  # وأضاف "... : a quotation never closed runs to the sentence end
    if not candidates:
        return _postposed(doc, h, entry, si, s_end)
    pos, kind = min(candidates)
    gap_s, gap_e = doc.trim(h.end, pos)
    gap_words = WORD.findall(t, gap_s, gap_e)
    if (len(gap_words) > max_tok and not _long_subject(doc, entry, gap_s, gap_e, len(gap_words))
            and not _subject_and_channel(doc, gap_s, gap_e, len(gap_words), max_tok)) \
            or lex.boundary_re.search(t, gap_s, gap_e):
        return None  # a subject never spans a new clause (فيما, لكن, في حين ...)
    if entry.preposition and gap_words and gap_words[0].startswith(entry.preposition) and gap_words[0] != entry.preposition \
            and len(gap_words[0]) <= len(entry.preposition) + 2:
        return None  # ما خلص إليه الفريق: the preposition's pronoun is a relative clause's object, not a complement
    if entry.preposition and gap_words and gap_words[-1] == entry.preposition:
        gap_e = doc.trim(gap_s, gap_e - len(entry.preposition))[1]
        gap_words = gap_words[:-1]
    elif entry.preposition and entry.preposition in gap_words:
        # "أعرب نتنياهو عن أمله في أن": the speaker ends at the verb's own preposition (its last one: "المسؤول عن
        # الملف عن قلقه"), the words after it are the object that holds the complement ("معربا عن أمله في أن":
        # no speaker of its own)
        cut = [m for m in WORD.finditer(t, gap_s, gap_e) if m.group() == entry.preposition][-1]
        if entry.max_object_words is not None and len(WORD.findall(t, cut.end(), gap_e)) > entry.max_object_words:
            return None  # "أعربت الوزارة عن أملها في عدم وقوع حوادث بين ...": a feeling expressed, no statement
        gap_e = doc.trim(gap_s, cut.start())[1]
        gap_words = WORD.findall(t, gap_s, gap_e)
    src = None
    if entry.source:
        src = re.search(rf"(?<!\w){re.escape(entry.source)}(?!\w)", t[gap_s:gap_e])
        if entry.source_first and (src is None or src.start() != 0):
            return None  # جاء المؤتمر بعد إعلان ... أن: the verb of coming, no statement
        if src is not None:
            gap_s = doc.trim(gap_s + src.end(), gap_e)[0]
    if kind == "marker":
        gap_e = doc.trim(gap_s, marker.start())[1]
        after = _first_of(t, tuple(lex.quote_pairs) + (":",), marker.end(), s_end)
        pos, kind = (after, "quote") if after is not None else (marker.end(), "colon_rest")
    gap_s, gap_e = speaker_span(doc, gap_s, gap_e)
    told = entry.object_required and not entry.with_object and (
        (cut := _before_addressee(doc, gap_s, gap_e)) < gap_e or (cut := _subject_before_object(doc, gap_s, gap_e)) < gap_e)
    if told:
        gap_e = cut  # "وأبلغ مصدر مخابراتي رويترز بأن", "واتهمت روسيا الولايات المتحدة بأنها": the subject, then the told
    gap_s = _after_resumptive(doc, gap_s, gap_e)
    circumstantial_gap = doc.rules.no_subject(WORD.findall(t, gap_s, gap_e)) or (
        doc.trim(h.end, gap_e)[0] == gap_s and _addressee_only(doc, gap_s, gap_e))  # right after the verb only
    if circumstantial_gap:
        gap_s = gap_e  # قال، الأربعاء، إن / قال في أنقرة قبيل ... إن: a circumstantial, the subject is elsewhere
    elif entry.object_required and not entry.with_object and not told and _object_only(doc, gap_s, gap_e):
        gap_s = gap_e  # "واتهم الولايات المتحدة بأنها", "وأبلغ الصحافيين أن": the object of accusing or telling, no
        # subject; the subject is the clause's or the previous speaker
    if kind == "comp":
        content_start, content_end, closed, qtype = comp.start("c"), s_end, False, "indirect"
    elif kind == "open":
        content_start, content_end = doc.trim(pos + 1, s_end)
        closed, qtype = False, "direct"
    else:
        content_start, content_end, closed = _quoted_content(doc, pos, s_end)
        qtype = "direct"
        if closed and kind == "quote" and _quoted_term(doc, content_start, content_end, s_end,
                                                       any_short=circumstantial_gap):
            return None
    if content_start >= content_end:
        return None
    # the speaker
    if entry.form == "participle" and src is None and not _opens_according(doc, gap_s, gap_e):
        gap_s = gap_e  # "معتبرا هذا التطور \"...\"", "واصفة إياها بأنها": a participle's words are its object; its
        # subject is the clause's (ناقلا عن مسؤول: the source after عن is the speaker)
    if entry.form == "impersonal" and gap_s >= gap_e:
        speaker, speaker_kind = None, "impersonal"
    elif gap_s < gap_e:
        speaker, speaker_kind = (gap_s, gap_e), "span"
    else:
        speaker, speaker_kind = None, "continuation"
    frame_start = h.word_start
    clause_s = _clause_start(doc, h.word_start, doc.sent_starts[si])
    before = doc.trim(clause_s, h.word_start)
    if speaker_kind == "continuation" and entry.form == "finite" and h.word_start == h.start and before[0] < before[1]:
        before_words = WORD.findall(t, *before)
        if len(before_words) <= max_tok and not _holds_speech(doc, *before) and not doc.rules.particles_only(before_words):
            # SVO: the clause's noun phrase before an unprefixed verb ("قسد" تعلن أن ...)
            speaker, speaker_kind = _without_auxiliaries(doc, *unquote(doc, *before)), "span"
            frame_start = _opener_before(doc, before[0], clause_s)
    if gap_s < gap_e and entry.form == "finite" and h.word_start == h.start and before[0] < before[1] \
            and not entry.with_object \
            and (named := _actor_subject_before(doc, *before)) is not None \
            and (not doc.mentions_in(gap_s, gap_e) or _actor_object(doc, gap_s, gap_e)):
        # "وذكر البيان أن الولايات المتحدة تدعو جميع الدول إلى أن": an actor right before the unprefixed verb is
        # its subject (SVO); the words after the verb are its object (an actor too: "ترامب يتوعد روسيا:", "بغداد
        # تحذر أنقرة:", "الجعفري يؤكد لمجلس الأمن:"), not a second subject, and a quotation
        # after that object is a term in it ("روسيا تعلن تسليم منظومة "اس-300""), no speech
        if kind != "comp":
            return None
        speaker, speaker_kind = named, "span"
        frame_start = _opener_before(doc, named[0], clause_s)
    if speaker_kind == "continuation" and entry.form == "finite" and h.word_start == h.start \
            and (appos := _apposition_subject(doc, h, si, clause_s, max_tok)) is not None:
        # "لكن وزير الخارجية الأمريكي، مايك بومبيو، قال إن": the apposition's commas cut the subject from its verb
        speaker, speaker_kind = appos, "span"
    if speaker_kind == "continuation" and entry.form == "finite" and h.word_start < h.start \
            and (role := _opening_role_subject(doc, h, si)) is not None:
        # "انتقد أمين سر اللجنة ... صائب عريقات، القرار، ووصفه بأنه": a verb joined by و to its sentence's opening
        # clause shares that clause's subject, a role named right after the opening verb, not the previous speaker
        speaker, speaker_kind = role, "span"
    if speaker_kind == "continuation" and entry.form == "finite" and (topic := _topic_subject(doc, h, si)) is not None:
        speaker, speaker_kind = topic, "span"  # أما وزير الخارجية ...، فقد أكد أن: the topic is the subject
    elif entry.form == "finite" and (held := _auxiliary_subject(doc, h, si, max_tok)) is not None \
            and (speaker_kind == "continuation" or (doc.mentions_in(*held) and not entry.with_object)):
        # وكان رئيس الوزراء، حيدر العبادي، قد أعلن: the subject after كان; with an actor there, the words after
        # the verb are its object ("وكانت الولايات المتحدة حذرت سوريا الأسبوع الماضي من أنها"), unless the verb
        # carries its object pronoun ("الذي تصفه تركيا بأنه": the words after it are the subject)
        speaker, speaker_kind = held, "span"
    if frame_start == h.word_start:
        frame_start = _opener_before(doc, h.word_start, clause_s)
    attribution = (h.end, pos) if pos > h.end else None
    return Frame(h.start, h.end, frame_start, content_start, content_end, closed, qtype, entry, speaker, speaker_kind, si,
                  attribution)


def _speech_follows(doc: Doc, c: int, limit: int) -> bool:
    """Does a quotation that is speech (longer than a term, or with clause punctuation) open after ``c`` and before
    ``limit``, with at most a few words (a day, a place) between? Then the short quotation before it names a channel
    or a source in the attribution."""
    k = bisect.bisect_right(doc.quote_opens, c)
    if k >= len(doc.quotes):
        return False
    o2, c2 = doc.quotes[k]
    return o2 < limit and not _short_quote(doc, o2, c2) \
        and len(WORD.findall(doc.t, c + 1, o2)) <= doc.lex.settings["max_scare_quote_words"]


def _in_so_called(doc: Doc, h: Hit) -> bool:
    """Is the verb part of a so-called construction (ما وصفه، من وصفهم، ما يسمى)? Then it labels a term."""
    pattern = doc.lex.so_called_re
    if pattern is None:
        return False
    lo = max(0, h.word_start - 30)
    return any(m.start() <= h.word_start and h.start < m.end() for m in pattern.finditer(doc.t, lo, min(len(doc.t), h.end + 30)))


def _opening_role_subject(doc: Doc, h: Hit, si: int) -> tuple[int, int] | None:
    """The subject of the sentence's opening clause when it is a role right after a verb that reports no speech
    ("في المقابل، انتقد أمين سر اللجنة التنفيذية ... صائب عريقات، قرار ..."): from the role noun to the first
    comma (or the end of its first actor mention). A definite role that refers back ("وناشد المتحدث") gives none:
    the previous speaker goes on."""
    t, rules = doc.t, doc.rules
    lo = doc.sent_starts[si]
    head = list(WORD.finditer(t, lo, h.word_start))[:6]
    comma = t.find("،", lo, head[-1].end() if head else lo)
    circ = rules.circumstantial
    if head and comma > 0 and doc.strip_proclitic(head[0].group(), circ) in circ:
        lo = comma + 1  # "في المقابل، انتقد": a leading circumstance
    words = list(WORD.finditer(t, lo, h.word_start))[: doc.lex.settings["max_speaker_tokens"] + 1]
    preps = doc.lex.governing_preps | circ
    if len(words) < 3 or doc.strip_proclitic(words[0].group(), preps) in preps:
        return None
    if any(x.word_start == words[0].start() for x in doc.hits if doc.lex.entries[x.entries[0]].category == "reporting_verb"):
        return None  # the opening verb reports speech: its own frame says who speaks
    role = words[1].group()
    if role not in rules.role_nouns or "،" in t[words[0].end():words[1].start()] \
            or (role.startswith("ال") and role in rules.anaphors):
        return None
    return role_phrase(doc, words)


def role_phrase(doc: Doc, words: list[re.Match[str]]) -> tuple[int, int]:
    """The subject a role noun (``words[1]``, after a clause's opening verb) names: to the first punctuation, or
    to the end of its first actor mention ("وبعث رئيس مفوضية الاتحاد الأوروبي رسالة تهنئة لبوتين": the subject ends
    at its first actor)."""
    end = words[1].end()
    for w in words[2:]:
        if any(ch in "،,.:؛\n" for ch in doc.t[end:w.start()]):
            break
        end = w.end()
    named = doc.mentions_in(words[1].start(), end)
    if named:
        end = named[0].end
    return words[1].start(), end


def _before_addressee(doc: Doc, s: int, e: int) -> int:
    """Where the subject of a verb of telling ends: before its object when that is an addressee noun ("وأبلغ مصدر
    مخابراتي رويترز بأن": the told, without ل), else ``e``."""
    words = list(WORD.finditer(doc.t, s, e))
    for w in words[1:]:
        if w.group() in doc.lex.addressees:
            return doc.trim(s, w.start())[1]
    return e


def _addressee_only(doc: Doc, s: int, e: int) -> bool:
    """Is the gap an actor with the preposition ل and nothing else ("وأكد لمجلس الأمن أن", "يؤكد للأمم المتحدة
    أن")? That is whom the words are said to, never who says them."""
    s, e = unquote(doc, s, e)
    if s >= e or doc.t[s] != "ل":
        return False
    first = next((m for m in doc.mentions_in(s, e) if m.start in (s + 1, s + 2)), None)
    return first is not None and _actor_subject_before(doc, first.start, e) is not None


def _actor_object(doc: Doc, s: int, e: int) -> bool:
    """Is the gap after an SVO verb an actor alone, or an actor with the preposition ل (the addressee)? After a
    preverbal actor subject that actor is the verb's object or addressee, never a second subject."""
    return _actor_subject_before(doc, *unquote(doc, s, e)) is not None or _addressee_only(doc, s, e)


def _subject_before_object(doc: Doc, s: int, e: int) -> int:
    """Where the subject of a verb of telling or accusing ends when the gap is actors side by side ("واتهمت
    روسيا الولايات المتحدة بأنها", "وأبلغ وزير الخارجية الأمريكي نظيره الروسي أن", "واتهم المتحدث باسم
    البنتاغون روسيا بأنها"): Arabic puts the subject before the object, so the first actor (a role and its name
    are one actor, actors joined by و one subject, a spokesman's role phrase opens it) is the subject and the next
    actor, after a space only, is the told or the accused. The gap must be those mentions and nothing else. Else
    ``e``."""
    s, e = unquote(doc, s, e)
    found = doc.mentions_in(s, e)
    if len(found) < 2 or found[-1].end != e:
        return e
    if found[0].start != s:
        prefix = list(WORD.finditer(doc.t, s, found[0].start))
        if not (1 < len(prefix) <= 4 and prefix[0].group() in doc.rules.role_nouns
                and prefix[-1].group() in doc.rules.spokesman_links
                and not any(ch in doc.t[s:found[0].start] for ch in "،,:")):
            return e  # "المتحدث باسم البنتاغون": a spokesman's role phrase
    cut = None
    for prev, m in zip(found, found[1:]):
        between = doc.t[prev.end:m.start].strip()
        if between in ("و", "،", ",") or doc.t[m.start] == "و" or m.actor == prev.actor:
            continue  # "روسيا وإيران", "وزير الخارجية الروسي سيرغي لافروف": still the subject
        if between:
            return e  # other words between the actors: not two noun phrases side by side
        if cut is None:
            cut = prev.end
    return doc.trim(s, cut)[1] if cut is not None else e


def _object_only(doc: Doc, s: int, e: int) -> bool:
    """Is the gap after a verb of accusing or telling its object alone: one actor mention (a run of them, a role
    and its name) and nothing else, or an addressee noun first ("الصحافيين في نيويورك")? Such a verb takes its
    object before the complement, so a lone actor is the accused or the told, never the speaker."""
    if s >= e:
        return False
    first = WORD.match(doc.t, s)
    return _actor_subject_before(doc, s, e) is not None or (first is not None and first.group() in doc.lex.addressees)


def _after_resumptive(doc: Doc, s: int, e: int) -> int:
    """Where the subject starts in a gap opened by a relative clause's resumptive pronoun ("في الوقت الذي أكد فيه
    الرئيس الأمريكي أن", "مؤتمرا قال فيه وزير الخارجية إن"): after the pronoun, when words follow it that are a
    subject (not a time or a circumstantial: "قال فيه، الأحد، إن" has none); else ``s``."""
    rules = doc.rules
    if not rules.resumptive:
        return s
    words = list(WORD.finditer(doc.t, s, e))
    if len(words) < 2 or words[0].group() not in rules.resumptive or any(ch in "،,:" for ch in doc.t[words[0].end():words[1].start()]):
        return s
    rest = [w.group() for w in words[1:]]
    if rules.no_subject(rest) or any(w in ("ب", "بـ") for w in rest) or any(q in doc.t[words[1].start():e] for q in doc.lex.quote_pairs):
        return s  # "تغريدة نشرها ترامب، وصف فيها الرئيس السوري بـ\"...\"": an object and its label, not a subject
    return words[1].start()


def _opens_according(doc: Doc, s: int, e: int) -> bool:
    """Does s..e open with an according-to marker ("وتابع قائلا وفقا لما نشرته البعثة:"): the source of the words
    that follow, which a participle keeps as its speaker."""
    acc = doc.lex.according
    first = WORD.match(doc.t, s) if s < e else None
    if acc is None or first is None:
        return False
    return acc.is_marker(first.group())


def _long_subject(doc: Doc, entry: Entry, s: int, e: int, n_words: int) -> bool:
    """May a gap longer than ``max_speaker_tokens`` be the subject? Only after a verb of saying that takes no
    noun object (قال, أضاف, أوضح: the lexicon's ``long_subject_verbs``), when a comma sets off an apposition or a
    relative clause in it ("وقال سجاد مالك، الذي يرأس عمليات المفوضية من دمشق، لمراسلة صحيفة في بيروت، إن"),
    up to ``long_subject_max_tokens`` words. A verb with a noun object ("أكد الرئيس دعم القاهرة للجيش ... أن") keeps
    the short limit: its long gap holds the object, not a subject."""
    lex = doc.lex
    return entry.lemma in lex.long_subject_verbs and n_words <= lex.long_subject_max and any(ch in "،," for ch in doc.t[s:e])


def _topic_subject(doc: Doc, h: Hit, si: int) -> tuple[int, int] | None:
    """The topic of "أما TOPIC، فـVERB" when the verb's clause is its comment: the verb takes ف (فقال) or
    follows فقد/فإنه only. The topic runs from after أما to the comma or ف before the verb (at most the
    speaker length): "أما مستشار الأمن القومي الأميركي، الجنرال هربرت مكماستر، فقد أكد أن" is the adviser's."""
    t, rules = doc.t, doc.rules
    markers = rules.topic_markers
    if not markers:
        return None
    lo = doc.sent_starts[si]
    words = list(WORD.finditer(t, lo, h.word_start))
    if not words or words[0].group() not in markers:
        return None
    body = words[1:]
    # the comment: ف on the verb itself, or only ف-particles (فقد, فإنه) between the topic and the verb
    k = len(body)
    while k > 0 and body[k - 1].group().startswith("ف") and body[k - 1].group() in rules.not_subjects:
        k -= 1
    fused = t[h.word_start:h.start].startswith("ف")
    if not (fused or k < len(body)):
        return None
    topic = body[:k]
    if not topic or len(topic) > doc.lex.settings["max_speaker_tokens"]:
        return None
    preps = doc.lex.governing_preps | rules.circumstantial
    if topic[0].group() in preps or doc.strip_proclitic(topic[0].group(), preps) in preps:
        return None  # "أما في الشمال، فقد أكد": a place or a time is the topic, the speaker is the previous one
    s, e = doc.trim(topic[0].start(), topic[-1].end())
    return (s, e) if s < e else None


def _actor_subject_before(doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    """The clause's words before a verb when they are one actor mention (or a run of them joined by spaces, a
    role and its name), nothing else: an explicit SVO subject ("أن الولايات المتحدة تدعو")."""
    s, e = unquote(doc, s, e)
    found = doc.mentions_in(s, e)
    if not found or found[0].start != s or found[-1].end != e:
        return None
    for a, b in zip(found, found[1:]):
        if doc.t[a.end:b.start].strip(" "):
            return None
    return s, e


def _apposition_subject(doc: Doc, h: Hit, si: int, clause_s: int, max_tok: int) -> tuple[int, int] | None:
    """The subject of an unprefixed verb that a name in apposition, set off by two commas, separates from its
    head noun phrase: "لكن وزير الخارجية الأمريكي، مايك بومبيو، قال إن", "بأن المبعوث الأمريكي، كينيث وورد،
    قال إن". The apposition is a short name (a person mention, or words without the article other than a title);
    the head opens with a role noun, a speaker head or an actor mention. From the head to the name's end."""
    t, rules = doc.t, doc.rules
    sent_start = doc.sent_starts[si]
    c1 = clause_s - 1
    if c1 <= sent_start or t[c1] not in "،," or doc.trim(clause_s, h.word_start)[0] < h.word_start:
        return None
    seg_lo = _clause_start(doc, c1, sent_start)
    c2 = seg_lo - 1
    if c2 <= sent_start or t[c2] not in "،,":
        return None
    seg = doc.trim(seg_lo, c1)
    names = list(WORD.finditer(t, *seg))
    if not 1 <= len(names) <= 4 or any(ch.isdigit() for ch in t[seg[0]:seg[1]]):
        return None
    if not any(m.kind == "person" for m in doc.mentions_in(*seg)):
        for w in names:
            word = w.group()
            if word in rules.time_words or word in rules.circumstantial or word in rules.not_names \
                    or (word.startswith("ال") and word not in rules.role_nouns) or len(word) < 2:
                return None
    head_lo = _clause_start(doc, c2, sent_start)
    for m in doc.lex.complementizer_re.finditer(t, head_lo, c2):  # "بأن المبعوث ...": the clause after بأن
        head_lo = m.end()
    hs, he = doc.trim(head_lo, c2)
    if hs >= he or _holds_speech(doc, hs, he):
        return None
    hs, he = _without_auxiliaries(doc, hs, he)
    head = list(WORD.finditer(t, hs, he))
    if not head or len(head) + len(names) > max_tok or rules.particles_only([w.group() for w in head]):
        return None
    first = head[0].group()
    keep = rules.role_nouns | rules.heads
    opens_role = first in keep or doc.strip_proclitic(first, keep) in keep
    opens_mention = any(m.start <= head[0].start() < m.end for m in doc.mentions_in(hs, he))
    if not (opens_role or opens_mention):
        return None
    return hs, seg[1]


def _auxiliary_subject(doc: Doc, h: Hit, si: int, max_tok: int) -> tuple[int, int] | None:
    """The subject between a sentence-opening كان and its unprefixed verb when commas of an apposition cut
    the clause ("وكان محافظ كركوك راكان الجبوري، قد أعلن"، "وكان رئيس وزراء العراق، حيدر العبادي، كشف،
    الثلاثاء، أن"): from after كان to the verb, without a trailing قد. Not when a clause opener, a
    complementizer or a quotation comes between (the words are then another clause, not a subject)."""
    t, rules = doc.t, doc.rules
    if h.word_start != h.start or not rules.auxiliaries:
        return None
    lo = doc.sent_starts[si]
    words = list(WORD.finditer(t, lo, h.word_start))
    if len(words) < 2 or words[0].group() not in rules.auxiliaries:
        return None
    body = words[1:]
    while body and body[-1].group() in rules.not_subjects:
        body = body[:-1]
    if not body or len(body) > max_tok:
        return None
    s, e = body[0].start(), body[-1].end()
    if doc.lex.boundary_re.search(t, s, e) or doc.lex.complementizer_re.search(t, s, e) or _holds_speech(doc, s, e) \
            or any(ch in t[s:e] for ch in ".:؛"):
        return None
    s, e = doc.trim(s, e)
    return unquote(doc, s, e) if s < e else None


def _without_auxiliaries(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """An SVO subject without the auxiliaries around it: "وكانت المصادر في البداية قد قالت" -> "المصادر في
    البداية" (كان before the subject, قد after it are no part of the speaker)."""
    words = list(WORD.finditer(doc.t, s, e))
    i, j = 0, len(words)
    while i < j - 1 and words[i].group() in doc.rules.not_subjects:
        i += 1
    while j - 1 > i and words[j - 1].group() in doc.rules.not_subjects:
        j -= 1
    return (words[i].start(), words[j - 1].end()) if words else (s, e)


def _quoted_term(doc: Doc, cs: int, ce: int, s_end: int, any_short: bool = False) -> bool:
    """Is a one-word quotation after the verb a quoted term inside the outlet's own clause rather than
    speech: the clause goes on after it ("تكشف \"خطوات\" مواجهة النظام", "أكدت الوزارة \"نجاح\" الضربات",
    "أشار المرصد إلى \"انفجارات\" في جنوب ...")? A word quoted at the end of its sentence may be speech.
    ``any_short``: after a circumstantial phrase and its object ("أعلن في العام 2014 إقامة
    \"الخلافة الإسلامية\" على مناطق"), any short quotation (a term's words, no clause punctuation) is the
    genitive of that word."""
    t = doc.t
    n_words = len(WORD.findall(t, cs, ce))
    if n_words != 1 and not (any_short and n_words <= doc.lex.settings["max_scare_quote_words"]
                             and not re.search(r"[،,.;؛:!؟?]", t[cs:ce])):
        return False
    j = ce
    while j < s_end and (t[j] in " " or t[j] in doc.lex.quote_pairs.values()):
        j += 1
    return j < s_end and bool(WORD.match(t, j))


def _holds_speech(doc: Doc, s: int, e: int) -> bool:
    """Does s..e open a quotation that is not a name (وأوضحت "أقوم بذلك لأنني اعتبر): then it is speech, no subject."""
    t = doc.t
    closes = {c for o, c in doc.quotes if s <= c < e}
    for i in range(s, e):
        if t[i] in doc.lex.quote_pairs and i not in closes:
            k = bisect.bisect_left(doc.quote_opens, i)
            if not (k < len(doc.quote_opens) and doc.quote_opens[k] == i and (i in doc.name_quotes or doc.quotes[k][1] < e)):
                return True
    return False


@functools.lru_cache(maxsize=8)
def _marker_re(markers: frozenset[str]) -> re.Pattern[str]:
    """One search for the first whole word that is a direct-speech marker (a word is a maximal run of \\w)."""
    words = sorted((w for w in markers if re.fullmatch(r"\w+", w)), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _inside_name(doc: Doc, pos: int, after: int) -> bool:
    """Is ``pos`` inside a quoted name or a short parenthesis opened after ``after`` (the verb)? An إن there
    is a letter of a name (قناة "سي إن بي سي", قناة (إن.تي.في)), no complementizer."""
    k = bisect.bisect_right(doc.quote_opens, pos) - 1
    if k >= 0:
        o, c = doc.quotes[k]
        if after <= o < pos < c and (o in doc.name_quotes or _short_quote(doc, o, c)):
            return True
    t = doc.t
    o = t.rfind("(", max(after, pos - 20), pos)
    c = t.find(")", pos, pos + 20)
    return o >= 0 and c >= 0 and ")" not in t[o:pos] and len(WORD.findall(t, o, c)) <= doc.lex.settings["max_scare_quote_words"]


def _subordinated(doc: Doc, pos: int) -> bool:
    """Is the أن/إن at ``pos`` introduced by a subordinator (بعد أن, دون أن, بالرغم من أن)?"""
    subs = doc.lex.subordinators
    if not subs:
        return False
    prev = word_before(doc, pos)
    if doc.strip_proclitic(prev, subs) in subs:
        return True
    return prev == "من" and doc.strip_proclitic(word_before(doc, pos, 2), subs | {"الرغم"}) in subs | {"الرغم"}


def _governed_quote(doc: Doc, o: int, entry: Entry) -> bool:
    """A quotation right after a preposition (أعلن عن "…", في "تويتر") is its object, not speech; after the
    verb's own preposition (شدد على "…", أشار إلى "…") it is the verb's complement, a partial quotation."""
    preps = doc.lex.governing_preps - {entry.preposition}
    return bool(preps) and word_right_before(doc, o) in preps


def _short_quote(doc: Doc, o: int, c: int) -> bool:
    """At most ``max_scare_quote_words`` words and no clause punctuation: a name or a term, not a speech."""
    s, e = doc.trim(o + 1, c)
    words = WORD.findall(doc.t, s, e)
    return 0 < len(words) <= doc.lex.settings["max_scare_quote_words"] and not re.search(r"[،,.;؛:!؟?]", doc.t[s:e])


def unquote(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """A span that is one quotation ("قسد") without its marks."""
    t = doc.t
    while e - s >= 2 and t[s] in doc.lex.quote_pairs and t[e - 1] == doc.lex.quote_pairs[t[s]] and \
            t.find(doc.lex.quote_pairs[t[s]], s + 1, e - 1) < 0:
        s, e = doc.trim(s + 1, e - 1)
    return s, e


def _subject_and_channel(doc: Doc, s: int, e: int, n_words: int, max_tok: int) -> bool:
    """May a gap longer than ``max_speaker_tokens`` be a subject and then its channel or addressee? When the words
    before the channel are at most ``max_speaker_tokens`` and the whole gap at most ``long_subject_max_tokens``: the
    channel's own phrase is long ("ذكرت السفيرة الأميركية نيكي هيلي في مقابلة مع برنامج واجه الأمة الذي تبثه شبكة
    سي بي إس أن"), the subject is not; the speaker span is cut at the channel (``speaker_span``)."""
    if n_words > doc.lex.long_subject_max:
        return False
    cut = _channel_start(doc, s, e)
    return s < cut < e and 0 < len(WORD.findall(doc.t, s, cut)) <= max_tok


def _channel_start(doc: Doc, s: int, e: int) -> int:
    """Where a channel (في بيان, عبر حسابه) or an addressee (لرويترز, للجزيرة, لـ"عنب بلدي") starts in s..e."""
    lex, t = doc.lex, doc.t
    words = list(WORD.finditer(t, s, e))
    for i, w in enumerate(words):
        word = w.group()
        nxt = words[i + 1].group() if i + 1 < len(words) else ""
        if word in lex.channel_preps and nxt in lex.channel_nouns:
            return w.start()
        if word.startswith("ل") and len(word) > 2:
            rest = {word[1:]} | ({"ال" + word[2:]} if word.startswith("لل") else set())
            if rest & lex.addressees:
                return w.start()
        if word == "ل" and i + 1 < len(words):
            named = [m for m in doc.mentions_in(words[i + 1].start(), e) if m.start == words[i + 1].start()]
            if not named:
                return w.start()  # a detached لـ + a name that is not an actor: the addressee
    return e


def speaker_span(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """The speaker part of the words between a verb and its complement: no channel, addressee or قوله."""
    if s >= e:
        return s, e
    cut = _channel_start(doc, s, e)
    if cut < e:
        e = doc.trim(s, cut)[1]
    words = list(WORD.finditer(doc.t, s, e))
    said = [w for w in words if w.group() in doc.lex.speech_nouns]
    if said:  # عن مسؤول قوله إن / عن ليبرمان قوله لشويغو إن: the speaker ends before "his saying"
        e = doc.trim(s, said[0].start())[1]
    if s >= e:
        return e, e
    return unquote(doc, s, e)


def _first_of(t: str, chars: tuple[str, ...], start: int, end: int) -> int | None:
    best = None
    for ch in chars:
        i = t.find(ch, start, end)
        if i >= 0 and (best is None or i < best):
            best = i
    return best


def _quoted_content(doc: Doc, pos: int, s_end: int) -> tuple[int, int, bool]:
    """Content after a quote mark or a colon at ``pos``: inside the quotation, or the rest of the sentence."""
    t = doc.t
    if t[pos] == ":":
        nxt = pos + 1
        while nxt < s_end and t[nxt] == " ":
            nxt += 1
        if nxt < s_end and t[nxt] in doc.lex.quote_pairs:
            pos = nxt
        else:
            s, e = doc.trim(pos + 1, s_end)
            return s, e, False
    close = doc.lex.quote_pairs.get(t[pos], t[pos])
    end = t.find(close, pos + 1, paragraph_end(doc, pos))
    if end < 0:
        s, e = doc.trim(pos + 1, s_end)
        return s, e, False
    s, e = doc.trim(pos + 1, end)
    return s, e, True


def _clause_start(doc: Doc, pos: int, sent_start: int) -> int:
    """End of the last clause boundary (punctuation, opener, complementizer) before ``pos`` in the sentence."""
    lo = max(sent_start, pos - 400)
    last = lo
    for m in doc.lex.opener_re.finditer(doc.t, lo, pos):
        last = m.end()
    return last


def _opener_before(doc: Doc, verb_word_start: int, clause_s: int) -> int:
    """Frame start: a clause opener right before the verb (في حين أكدت) belongs to the frame."""
    s, e = doc.trim(clause_s, verb_word_start)
    if s < e:
        return verb_word_start
    for m in doc.lex.opener_re.finditer(doc.t, max(0, clause_s - 30), clause_s):
        if m.end() == clause_s and not doc.t[m.start()] in "،,;؛:":
            return m.start()
    return verb_word_start


def _postposed(doc: Doc, h: Hit, entry: Entry, si: int, s_end: int) -> Frame | None:
    """``"...", قال فلان``: a quotation closing right before the verb is its content. Only a finite verb
    (قال فلان) comes after its quotation; a participle after one (``"..."، مؤكدا قدرة``) continues the speaker."""
    if entry.form != "finite":
        return None
    t = doc.t
    j = h.word_start
    while j > 0 and t[j - 1] in " ،,":
        j -= 1
    if j == 0 or t[j - 1] not in doc.lex.quote_pairs.values():
        return None
    close = t[j - 1]
    openers = [o for o, c in doc.lex.quote_pairs.items() if c == close]
    para_start = t.rfind("\n", 0, j - 1) + 1
    o = max(t.rfind(op, para_start, j - 1) for op in openers)
    if o < 0 or o in doc.name_quotes:
        return None  # "قسد" تعلن بدء ...: a quoted name before the verb is its subject, not speech
    cs, ce = doc.trim(o + 1, j - 1)
    # the subject ends at a comma, and before a colon, a quotation or قائلا that open the next speech
    # ("..."، وأضاف قائلا: "...": no subject, the previous speaker)
    marker = _marker_re(doc.lex.direct_markers).search(t, h.end, s_end)
    ends = [t.find(ch, h.end, s_end) for ch in ("،", ",", ":", *doc.lex.quote_pairs)] + [marker.start() if marker else -1]
    stop = min([x for x in ends if x >= 0] or [s_end])
    sp = speaker_span(doc, *doc.trim(h.end, stop))
    first = WORD.match(t, sp[0]) if sp[0] < sp[1] else None
    if entry.preposition and first is not None and first.group() == entry.preposition:
        return None  # "..."، وأعربت عن أسفها لأن: the verb's own object follows, the quotation is not its content
    speaker, kind = (sp, "span") if sp[0] < sp[1] else (None, "continuation")
    if cs >= ce:
        return None
    return Frame(h.start, h.end, h.word_start, cs, ce, True, "direct", entry, speaker, kind, si, (h.end, stop))
