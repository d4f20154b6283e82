"""The actor an evaluative term judges (its ``target_actor``), from the construction it stands in.

In order: a mention the term heads or that follows it (construct, nisba: ميليشيات حزب الله, الاحتلال الأمريكي),
a mention through a short genitive (صورا وحشية لعنف تنظيم داعش), a mention right before it (an adjective after
its noun: داعش الإرهابي); then the constructions of ``evaluative_targets``: the object of a control verb whose
complement holds the term (حمل نظام الأسد على التوقف عن البطش), the object of a verb of judging (عدته انتهاكا)
and an attached pronoun of the term or of the noun it modifies (أساليبه الوحشية), each pronoun standing for the
latest actor mention before it; else the actor the lexicon says the term stands for (خلافة: ISIS), or none.
"""

from __future__ import annotations

import bisect
import re

from .document import WORD, Doc, Hit, Mention, written
from .lexicon import Entry

_CLAUSE = re.compile(r"[،,.;؛:!؟?\n()]")  # a parenthesis opens or closes an aside (الإرهاب (السعودية ...))
#: A pronoun antecedent is looked for this many characters back at most.
_PRONOUN_REACH = 400


def _definite(doc: Doc, word: str) -> bool:
    """The word carries the article, after a proclitic or fused with ل (الإرهاب, بالإرهاب, للإرهاب)."""
    article = doc.lex.targets.article
    if not article:
        return False
    if word.startswith(article) or (word.startswith("ل" + article[-1]) and article[0] != "ل"):
        return True
    return any(word.startswith(p + article) for p in doc.lex.noun_proclitics)


def _genitive_chain(doc: Doc, term: str, words: list[str]) -> bool:
    """Can ``words`` (between the term and a mention) carry a genitive from the term to the mention? A definite
    noun heads no construct: after one, the chain goes on only through لـ or a definite adjective agreeing with
    it (الإرهاب تنفيذا لأوامر العبادي: the order-giver is no possessor of the terrorism; صورا وحشية لعنف تنظيم
    داعش: through لعنف; المعقل الأخير لداعش)."""
    chain = [term, *words]
    return not any(_definite(doc, a) and not b.startswith("ل") and not _definite(doc, b) for a, b in zip(chain, chain[1:]))


def _adjacent(doc: Doc, h: Hit, entry: Entry) -> str | None:
    """A mention that holds the term, follows it, reaches it through a genitive, or stands right before it."""
    t = doc.t
    i = bisect.bisect_right(doc.mention_starts, h.end) - 1
    while i >= 0 and doc.mentions[i].start > h.start - 80:
        m = doc.mentions[i]
        if m.start in (h.word_start, h.start) and m.end >= h.end:
            return m.actor  # the term heads the mention (الميليشيات الإيرانية; not التحالف المناهض للإرهاب)
        if m.start < h.word_start and m.end == h.end and h.word_start == h.start and _modifier(doc, h):
            return m.actor  # the term closes the mention as its adjective (تنظيم داعش الإرهابي)
        i -= 1
    k = bisect.bisect_left(doc.mention_starts, h.end)
    if k < len(doc.mentions):
        m = doc.mentions[k]
        gap = t[h.end:m.start]
        if len(WORD.findall(gap)) == 0 and not _CLAUSE.search(gap):
            return m.actor
    term = t[h.word_start:h.end]
    while k < len(doc.mentions) and doc.mentions[k].start < h.end + 40:
        m = doc.mentions[k]  # through a genitive or مثل: صورا وحشية لعنف تنظيم داعش, متطرفين مثل داعش
        gap = t[h.end:m.start]
        words = WORD.findall(gap)
        if _CLAUSE.search(gap) or len(words) > 2 or any(w in doc.lex.targets.genitive_breakers for w in words):
            break
        first = WORD.findall(t, m.start, m.end)[:1]
        if not _genitive_chain(doc, term, words + first):
            break
        if m.kind not in ("metonym", "anaphor"):
            return m.actor
        k += 1
    j = bisect.bisect_left(doc.mention_starts, h.word_start) - 1
    if j >= 0:
        m = doc.mentions[j]
        gap = t[m.end:h.word_start]
        if m.end <= h.word_start and not WORD.findall(gap) and not _CLAUSE.search(gap) and not _judging_subject(doc, m):
            return m.actor  # not the subject of a verb of judging (تعتبرها أنقرة "إرهابية": see _judged_object)
    return None


def _judging_subject(doc: Doc, m: Mention) -> bool:
    """The mention is the subject right after a verb of judging (تعتبرها أنقرة, وتعتبر أنقرة المليشيا): the term after
    it is what the verb predicates of its object, not a modifier of the subject."""
    word = _word_right_before(doc, m.start)
    if word is None:
        return False
    verbs = doc.lex.targets.consider_verbs
    return doc.strip_proclitic(word.group(), verbs) in verbs or _pronoun(doc, word, verbs)


def _judging_verb_before(doc: Doc, pos: int) -> re.Match[str] | None:
    """The word right before ``pos`` when it is a verb of judging with an object pronoun (تعتبرها, تصنفه)."""
    word = _word_right_before(doc, pos)
    return word if word is not None and _pronoun(doc, word, doc.lex.targets.consider_verbs) else None


def _word_right_before(doc: Doc, pos: int) -> re.Match[str] | None:
    """The word ending right before ``pos`` (only spaces between), within 30 characters."""
    prev = list(WORD.finditer(doc.t, max(0, pos - 30), pos))
    return prev[-1] if prev and not doc.t[prev[-1].end():pos].strip() else None


def _governed(doc: Doc, m: Mention) -> bool:
    """Is the mention the object of a preposition, attached (للبنان, بإسرائيل) or written before it (في سوريا)?"""
    preps = doc.lex.governing_preps
    word = list(WORD.finditer(doc.t, max(0, m.start - 30), m.start + 1))
    if word and word[-1].start() < m.start:  # a proclitic on the mention's first word
        prefix = doc.t[word[-1].start():m.start]
        return any(prefix.endswith(p) for p in preps if len(p) == 1)
    before = WORD.findall(doc.t, max(0, m.start - 30), m.start)
    return bool(before) and before[-1] in preps


def _antecedent(doc: Doc, pos: int) -> Mention | None:
    """An attached pronoun's antecedent: the latest actor mention ending before ``pos`` within reach that is no
    preposition's object (إن إسرائيل "تبقى التهديد الرئيسي للبنان، وانتهاكاتها": Israel's), else the latest."""
    k = bisect.bisect_left(doc.mention_starts, pos) - 1
    latest = None
    while k >= 0 and doc.mentions[k].start >= pos - _PRONOUN_REACH:
        m = doc.mentions[k]
        if m.end <= pos:
            if not _governed(doc, m):
                return m
            latest = latest or m
        k -= 1
    return latest


def _pronoun(doc: Doc, m: re.Match[str], stems: frozenset[str] | None = None) -> bool:
    """Does the word ``m`` end in an attached pronoun (on one of ``stems`` when given)? A final ه that is a
    folded ة (الجماعة) is none, nor is a definite word (no article before a possessive)."""
    word = m.group()
    if doc.strip_proclitic(word, doc.lex.targets.stem_final_ha) in doc.lex.targets.stem_final_ha:
        return False  # باتجاه, مياه: the ه is the stem's
    for suffix in doc.lex.targets.pronoun_suffixes:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue  # a stem of three letters at least: هذه is a demonstrative, no هذ + ه
        if stems is not None and doc.strip_proclitic(word[: -len(suffix)], stems) not in stems:
            continue
        if stems is None and _definite(doc, word):
            return False
        if suffix == "ه" and not written(doc, m).endswith("ه"):
            continue  # a ta marbuta folded into ه
        return True
    return False


def _control_object(doc: Doc, h: Hit) -> str | None:
    """The object of a control verb whose complement holds the term, in its clause: حث روسيا على التوقف عن
    اختلاق (RUSSIA), حمل نظام الأسد على التوقف عن البطش (SYRIAN_GOV)."""
    tw = doc.lex.targets
    if not tw.control_verbs:
        return None
    si = doc.sentence_index(h.word_start)
    lo = doc.sent_starts[si]
    clause = [c.end() for c in _CLAUSE.finditer(doc.t, lo, h.word_start)]
    lo = clause[-1] if clause else lo
    words = list(WORD.finditer(doc.t, lo, h.word_start))
    for i in range(len(words) - 1, max(-1, len(words) - 1 - tw.max_control_words - 2), -1):
        if doc.strip_proclitic(words[i].group(), tw.control_verbs) not in tw.control_verbs:
            continue
        k = bisect.bisect_left(doc.mention_starts, words[i].end())
        if k >= len(doc.mentions):
            return None
        m = doc.mentions[k]
        if doc.t[words[i].end():m.start].strip() or m.end > h.word_start:
            return None
        after = WORD.findall(doc.t, m.end, h.word_start)
        if not after or len(after) > tw.max_control_words:
            return None
        linked = after[0] in tw.control_prepositions or any(
            len(p) == 1 and after[0].startswith(p) and len(after[0]) > 2 for p in tw.control_prepositions)
        return m.actor if linked else None
    return None


def _judged_object(doc: Doc, h: Hit) -> str | None:
    """The term right after a verb of judging with an object pronoun (الذي عدته انتهاكا, وصفها بالإرهابية), or
    after the verb's subject (التي تعتبرها أنقرة "إرهابية", الذي تصنفه الولايات المتحدة إرهابيا): the pronoun's
    antecedent, not the subject. After a free relative (ممن وصفهم بالإرهابيين) the pronoun stands for ما / من: none."""
    tw = doc.lex.targets
    start = h.word_start
    prev = list(WORD.finditer(doc.t, max(0, start - 30), start))
    noun = None  # an indefinite noun the adjective term modifies, between the verb (or its subject) and the term
    if _modifier(doc, h) and prev and not doc.t[prev[-1].end():start].strip(' "«“') and not _definite(
            doc, prev[-1].group()) and not _pronoun(doc, prev[-1], tw.consider_verbs) and not _that(doc, prev[-1]):
        noun, start = prev[-1], prev[-1].start()  # تعتبرها أنقرة منظمة "إرهابية", تصنفه كـ"منظمة إرهابية"
    that = _word_right_before(doc, start)
    if that is not None and _that(doc, that):
        start = that.start()  # التي تصفها أنقرة بأنها جماعة إرهابية, وصفته بأنه إرهابي: the verb's بأن clause
    verb = _judging_verb_before(doc, start)
    subject_after = verb is None
    if verb is None:
        j = bisect.bisect_left(doc.mention_starts, start) - 1
        m = doc.mentions[j] if j >= 0 else None
        gap = doc.t[m.end:start] if m is not None and m.end <= start else "x"
        if m is None or WORD.findall(gap) or _CLAUSE.search(gap):
            return None
        verb = _judging_verb_before(doc, m.start)  # the subject between the verb and the term
        if verb is None:
            return None
    before = list(WORD.finditer(doc.t, max(0, verb.start() - 20), verb.start()))
    if before and before[-1].group() in tw.free_relatives:
        return None
    if before and before[-1].group() in tw.relative_pronouns:
        j = bisect.bisect_left(doc.mention_starts, before[-1].start()) - 1
        head = doc.mentions[j] if j >= 0 else None
        if head is None or head.end > before[-1].start() or doc.t[head.end:before[-1].start()].strip(" ،,"):
            return None  # the relative's head is no actor mention
        return head.actor
    if noun is not None:
        return None  # without a relative, the pronoun before a noun may stand for anyone (إذ تعتبرها منظمة إرهابية)
    m = _antecedent(doc, verb.start())
    if m is not None and not subject_after and _opens_sentence(doc, m, verb.start()):
        return None  # والدوحة نفسها، كما أسلفنا، صنفته إرهابيا: the fronted subject judges, the pronoun is someone else
    return m.actor if m else None


def _opens_sentence(doc: Doc, m: Mention, pos: int) -> bool:
    """The mention opens the sentence that ``pos`` is in (a conjunction before it at most): with no subject after
    the verb at ``pos``, it is the verb's fronted subject, never its object (the subject is never the target)."""
    si = doc.sentence_index(pos)
    lo = doc.sent_starts[si]
    if m.start < lo:
        return False
    before = WORD.findall(doc.t, lo, m.start)
    return not before or (len(before) == 1 and before[0] in doc.lex.noun_proclitics and len(before[0]) == 1)


def _that(doc: Doc, word: re.Match[str]) -> bool:
    """The word is بأن with its pronoun (بأنه, بأنها): the clause a verb of judging predicates of its object."""
    comp = doc.lex.complementizer_re
    return word.group().startswith("ب") and comp is not None and comp.fullmatch(word.group()) is not None


def _modifier(doc: Doc, h: Hit) -> bool:
    """The term is an adjective (its entry's paradigm modifies the noun before it)."""
    return any(doc.lex.entries[r].paradigm in doc.lex.targets.modifier_paradigms for r in h.entries)


def _possessor(doc: Doc, h: Hit, entry: Entry) -> str | None:
    """An attached pronoun on the term (عدوانهم) or on the noun right before it that the term modifies
    (أساليبه الوحشية): the pronoun's antecedent."""
    word = WORD.match(doc.t, h.word_start)
    if word and _pronoun(doc, word):
        m = _antecedent(doc, word.start())
        return m.actor if m else None
    if entry.paradigm not in doc.lex.targets.modifier_paradigms or h.word_start != h.start or not _definite(
            doc, doc.t[h.start:h.end]):
        return None  # only a definite adjective, without a preposition, modifies the noun before it
    prev = list(WORD.finditer(doc.t, max(0, h.word_start - 30), h.word_start))
    if prev and not doc.t[prev[-1].end():h.word_start].strip() and _pronoun(doc, prev[-1]):
        m = _antecedent(doc, prev[-1].start())
        return m.actor if m else None
    return None


def _mention_at(doc: Doc, pos: int) -> Mention | None:
    """The actor mention starting at ``pos`` or after a proclitic joined to it (لإيران)."""
    k = bisect.bisect_left(doc.mention_starts, pos)
    if k < len(doc.mentions) and doc.mentions[k].start - pos <= 2 and not doc.t[pos:doc.mentions[k].start].strip(
            "".join(doc.lex.noun_proclitics)):
        return doc.mentions[k]
    return None


def _after_words(doc: Doc, h: Hit, n: int) -> list[re.Match[str]]:
    """At most ``n`` words after the term, within its clause."""
    clause = _CLAUSE.search(doc.t, h.end, h.end + 120)
    end = clause.start() if clause else min(len(doc.t), h.end + 120)
    return list(WORD.finditer(doc.t, h.end, end))[:n]


def _agent(doc: Doc, h: Hit, entry: Entry) -> str | None:
    """The agent phrase of the act the term names (``agent_markers``: عدوان من جانب إيران, مجزرة على يد قوات النظام),
    a few words after it in its clause; not for a term whose agent is the killer (``victim_terms``: الشهداء), nor for
    a definite term governed by an indefinite noun before it (مكافحة الإرهاب من قبل التحالف: the fighting's agent)."""
    tw = doc.lex.targets
    if not tw.agent_markers or entry.lemma in tw.victim_terms:
        return None
    prev = _word_right_before(doc, h.word_start)
    if prev is not None and doc.strip_proclitic(prev.group(), tw.judging_participles) in tw.judging_participles:
        return None  # المصنف إرهابيا من قبل الحكومة التركية: the agent phrase names the judge
    if prev is not None and h.word_start == h.start and _definite(doc, doc.t[h.start:h.end]) and not _definite(
            doc, prev.group()) and prev.group() not in doc.lex.governing_preps and prev.group() not in doc.lex.noun_proclitics:
        return None  # مكافحة الإرهاب من قبل التحالف: the term is a construct's genitive, the agent is its head's
    words = _after_words(doc, h, tw.max_agent_words + 3)
    texts = [w.group() for w in words]
    for i in range(min(len(words), tw.max_agent_words + 1)):
        for marker in tw.agent_markers:
            if tuple(texts[i:i + len(marker)]) == marker and i + len(marker) <= len(words):
                end = words[i + len(marker) - 1].end()
                m = _mention_at(doc, end + 1) if doc.t[end:end + 1] == " " else None
                return m.actor if m is not None else None
    return None


def _designated(doc: Doc, h: Hit) -> str | None:
    """A passive participle of judging right before the term (``judging_participles``): the actor mention right
    before the participle, one adjective between at most (حزب العمال الكردستاني الانفصالي المصنف إرهابيا)."""
    tw = doc.lex.targets
    part = _word_right_before(doc, h.word_start)
    if part is None or doc.strip_proclitic(part.group(), tw.judging_participles) not in tw.judging_participles:
        return None
    j = bisect.bisect_left(doc.mention_starts, part.start()) - 1
    m = doc.mentions[j] if j >= 0 else None
    if m is None or m.end > part.start():
        return None
    gap = doc.t[m.end:part.start()]
    words = WORD.findall(gap)
    if _CLAUSE.search(gap) or len(words) > 1 or (words and not _definite(doc, words[0])):
        return None
    return m.actor


def _affiliated(doc: Doc, h: Hit) -> str | None:
    """An adjective of affiliation right after the term (``affiliation_words``), then ل / ب / من: the actor it
    governs (الميليشيات المدعومة من إيران, المرتبطة بإيران)."""
    tw = doc.lex.targets
    if not tw.affiliation_words:
        return None
    words = _after_words(doc, h, 3)
    if len(words) < 2 or words[0].group() not in tw.affiliation_words or doc.t[h.end:words[0].start()].strip():
        return None
    prep = words[1]
    if prep.group() in doc.lex.governing_preps:  # المدعومة من إيران
        m = _mention_at(doc, prep.end() + 1) if len(words) > 2 else None
        return m.actor if m is not None else None
    m = _mention_at(doc, prep.start())  # لإيران, بإيران; a pronoun (الموالية لها) is left alone: its antecedent
    return m.actor if m is not None else None  # needs gender and number, which the mentions do not carry


def target_actor(doc: Doc, h: Hit, entry: Entry) -> str:
    """The actor the evaluative term of ``h`` judges, or the entry's default (often none)."""
    for rule in (lambda: _adjacent(doc, h, entry), lambda: _designated(doc, h), lambda: _affiliated(doc, h),
                 lambda: _agent(doc, h, entry),
                 lambda: _control_object(doc, h), lambda: _judged_object(doc, h),
                 lambda: _possessor(doc, h, entry)):
        actor = rule()
        if actor:
            return actor
    return entry.target
