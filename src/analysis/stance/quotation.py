"""Quotation marks in four kinds, each its own cue category, with who put the marks and whose words they hold.

- ``partial_quote``: the speaker's own words in marks inside reported (indirect) speech (قال إن الهجوم بدأ
  "لتطهير المناطق"): the outlet put the marks, the words are the speaker's;
- ``scare_quote``: the writer keeps a term at a distance (حملة "تحرير" in narration; a term after ما يسمى):
  marked by the outlet in narration, by the speaker inside a direct quotation; nobody's reproduced words.
  In narration a short quotation is someone's words when a speech or stance word comes earlier in its
  sentence (a partial quote of the nearest actor), a scare quote when it holds a contested label, and no
  cue otherwise (a colloquial or foreign word in marks);
- ``quoted_name``: marks around a name or title (عملية "غصن الزيتون", طراز "إس-400", a medium in the
  attribution, an actor's name);
- ``so_called``: ما يسمى / ما سماه / ما وصفه بـ / المزعومة, credited to whoever writes it (the voice it
  sits in); a quotation right after it is a scare quote in that voice.

A whole direct quotation (the content of a direct statement) is no cue: it is a statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .document import WORD, Doc, as_listed
from .frames import Frame
from .names import NameIndex, name_spans
from .records import OUTLET, UNKNOWN, Statement

_CLAUSE_PUNCT = re.compile(r"[،,.;؛:!؟?]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9٠-٩]")
_ADDRESS = re.compile(r"[^\W\d_]\.[^\W\d_]")  # a dot between letters, no space: a web address
_FIGURE = re.compile(r"[0-9٠-٩.,٫،\s]+")  # a number alone ("53" حافلة), not "2+2" or "إس-400"
_ADDRESS_DOT = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")
#: A quotation of this many words or more right after إن/أن holds a clause: the reported content itself, even
#: when an adverbial follows it (أعلنت من أن "خبراء اللجنة دخلوا دوما" بعد ...); a shorter one is a phrase the
#: unquoted content goes on from (من أنها "ستدفع الثمن غاليا" إذا هددت ...), a partial quotation.
_CLAUSE_WORDS = 4


@dataclass(frozen=True)
class QuoteCue:
    start: int  # normalized, marks included
    end: int
    category: str
    subtype: str
    voice: str
    marked_by: str
    words_of: str


def so_called_spans(doc: Doc) -> list[tuple[int, int]]:
    """Normalized spans of the so-called constructions (ما يسمى, المزعومة ...), not those followed by a naming noun
    (``so_called.naming_nouns``: ما يطلق عليه اسم)."""
    pattern = doc.lex.so_called_re
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(doc.t):
        nxt = WORD.findall(doc.t, m.end(), m.end() + 20)[:1]
        if nxt and nxt[0] in doc.lex.so_called_naming:
            continue  # ما يطلق عليه اسم "…": a name given, not a term disowned
        out.append(m.span("c") if m.groupdict().get("c") else m.span("a"))
    return out


def _innermost(statements: Sequence[Statement], pos: int) -> Statement | None:
    best = None
    for st in statements:
        if st.norm_start <= pos < st.norm_end and (best is None or st.norm_end - st.norm_start < best.norm_end - best.norm_start):
            best = st
    return best


def _direct_with_verb(st: Statement | None) -> bool:
    """A direct statement with a verb: marks inside it are the speaker's; a headline colon (لافروف: موسكو
    وواشنطن اتفقتا ...) paraphrases, so marks in it are the outlet's."""
    return st is not None and st.quote_type == "direct" and st.verb != ":"


def _title_before(doc: Doc, o: int) -> bool:
    """A title or model noun right before the quotation (فيلم "…", طراز "…", مجلة "…")."""
    prev = list(WORD.finditer(doc.t, max(0, o - 30), o))
    if not prev:
        return False
    word = doc.strip_proclitic(prev[-1].group(), doc.lex.title_nouns)
    return word in doc.lex.title_nouns and as_listed(doc, prev[-1], word)


def _looks_like_a_name(text: str) -> bool:
    """Latin letters, or digits in at most three words: a model, a code name or a dated event (S 300, إس-400,
    إف 15, سيناء 2018); "أكثر من 100 عائلة" is a phrase. A web address (العربية.نت) is a site's name."""
    return bool(_LATIN.search(text)) or (bool(_DIGIT.search(text)) and len(WORD.findall(text)) <= 3) or bool(
        _ADDRESS.search(text))


def _source_name(doc: Doc, words: Sequence[str]) -> bool:
    """The quotation is, whole, the name of a non-actor source of the speaker classes (بحسب "فرانس برس",
    "الخوذ البيضاء"): a medium or an organisation named, not its words."""
    first = doc.strip_proclitic(words[0], frozenset(p[0] for _, p in doc.rules.classes if p))
    named = (first, *words[1:])
    return any(phrase == named for _, phrase in doc.rules.classes)


def _named_elsewhere(doc: Doc) -> frozenset[tuple[str, ...]]:
    """The words of the quotations the document marks as names somewhere (after a name trigger or a title noun,
    or opening with a name head): the same words in marks elsewhere in it name the same thing (قوات "مشايخ
    الكرامة" ... معلومات عن "مشايخ الكرامة"; a headline's لـ"أونروا" and the body's وكالة "أونروا")."""
    out = set()
    for o, c in doc.quotes:
        if o in doc.name_quotes or _title_before(doc, o):
            s, e = doc.trim(o + 1, c)
            words = tuple(WORD.findall(doc.t, s, e))
            if words and len(words) <= doc.lex.max_name_words and not _CLAUSE_PUNCT.search(doc.t[s:e]):
                out.add(words)
    return frozenset(out)


def _kunya(doc: Doc, words: Sequence[str]) -> bool:
    """At most three words opening with a kunya (``quotes.kunya_prefixes``: "أبو محمد", "أبومحمد" joined): a person's
    name or nom de guerre, not a term or someone's words."""
    prefixes = doc.lex.kunya_prefixes
    if not prefixes or len(words) > 3:
        return False
    first = words[0]
    return any((first == p and len(words) > 1) or (first.startswith(p) and len(first) >= len(p) + 3) for p in prefixes)


def _according_source(doc: Doc, o: int) -> bool:
    """The marks open right after an according-to marker and its particle (نقلا عن "الشرق الأوسط", بحسب "…"): the
    source named, not its words (the source's words follow the marker's phrase, they do not fill it)."""
    according = doc.lex.according
    if according is None:
        return False
    prev = list(WORD.finditer(doc.t, max(0, o - 30), o))
    if not prev or doc.t[prev[-1].end():o].strip():
        return False
    last = prev[-1].group()
    if according.is_marker(last):
        word = last[1:] if last not in according.markers else last
        return according.markers[word][0] == ""
    if len(prev) < 2 or not according.is_marker(prev[-2].group()):
        return False
    marker = prev[-2].group()
    particle = according.markers[marker if marker in according.markers else marker[1:]][0]
    return bool(particle) and last == particle


def _medium_name(doc: Doc, words: Sequence[str]) -> bool:
    """The quotation is, whole, a platform's or medium's name (في حسابه على "تويتر")."""
    return tuple(words) in doc.lex.medium_names


def _addressee(doc: Doc, o: int) -> bool:
    """The quotation is joined to a ل that a telling verb (``quotes.addressee_verbs``) or a channel noun governs,
    in the same clause with no complementizer between: the medium spoken to (أكدت مصادر عسكرية لـ"سكاي نيوز عربية",
    في تصريح لـ"الشرق الأوسط"), a name, not the speaker's words."""
    t, lex = doc.t, doc.lex
    prev = list(WORD.finditer(t, max(0, o - 4), o))
    joined = prev[-1] if prev else None
    if joined is None or joined.end() != o or joined.group() not in ("ل", "ول"):
        return False
    si = doc.sentence_index(o)
    lo = doc.sent_starts[si]
    clause = [m.end() for m in _CLAUSE_PUNCT.finditer(t, lo, joined.start())]
    before = list(WORD.finditer(t, clause[-1] if clause else lo, joined.start()))
    if before and before[-1].group() in lex.channel_nouns:
        return True  # في تصريح لـ"…", في مقابلة لـ"…"
    for w in reversed(before[-(lex.settings["max_speaker_tokens"] + 1):]):
        if _is_complementizer(doc, w.group()):
            return False
        if _speech_word(doc, w.group(), lex.addressee_verbs):
            return True
    return False


def _coordinated_name(doc: Doc, out: Sequence[QuoteCue], o: int) -> bool:
    """The quotation is joined by a conjunction to a quoted name right before it: one more item of the list of
    names (روايات منها "ساعة بغداد" و"زهور تأكلها النار", مدمرات "دونالد كوك" و"بورتر"); a comma alone may go
    on to other words (تنظيم "الدولة الإسلامية"، "بوسائل قليلة")."""
    if not out or out[-1].category != "quoted_name" or not 0 <= o - out[-1].end <= 4:
        return False
    gap = doc.t[out[-1].end:o].replace("،", " ").replace(",", " ").split()
    return len(gap) == 1 and gap[0] in doc.lex.noun_proclitics and len(gap[0]) == 1


def _mispaired(doc: Doc, words: Sequence[str]) -> bool:
    """Marks that pair wrongly: the content ends on a lone proclitic letter (بـ"الفرع الرسمي للقاعدة) و"تنظيم"),
    the closing mark being the opening of the next quotation. Nobody's words: no cue."""
    return len(words) > 1 and len(words[-1]) == 1 and words[-1] in doc.lex.noun_proclitics


def _descriptor_only(doc: Doc, s: int, e: int, o: int) -> bool:
    """Only descriptor mentions cover the quotation (no name head, trigger or title noun before it)."""
    covering = [m for m in doc.mentions_in(max(0, s - 40), e + 1) if m.start <= s + 2 and m.end >= e]
    words = WORD.findall(doc.t, s, e)
    return bool(covering) and all(m.kind == "descriptor" for m in covering) and not _title_before(doc, o) and not (
        words and words[0] in doc.lex.name_heads)


def _descriptor_word(doc: Doc, s: int, e: int) -> bool:
    """The one-word quotation ends a descriptor mention (an actor's nisba, صاروخين "إسرائيليين", or alone)."""
    covering = [m for m in doc.mentions_in(max(0, s - 40), e + 1) if m.start <= s + 2 and m.end >= e]
    return bool(covering) and all(m.kind == "descriptor" for m in covering)


def _mention_alone(doc: Doc, s: int, e: int) -> bool:
    """An actor mention fills the quotation after a proclitic ("لحزب الله")."""
    first = WORD.match(doc.t, s)
    limit = first.end() if first else s
    return any(s < m.start < limit and m.end >= e for m in doc.mentions_in(s, e + 1))


def _evaluative_inside(doc: Doc, s: int, e: int, names: NameIndex | None = None) -> bool:
    """An evaluative term lies inside s..e (outside the spans of ``names``, when given)."""
    return any(s <= h.start and h.end <= e and not (names is not None and names.covers(h.start, h.end))
               and any(doc.lex.entries[r].category == "evaluative" for r in h.entries)
               for h in doc.hits if h.start < e and h.end > s)


def _labelled_noun(doc: Doc, s: int, e: int, words: Sequence[str]) -> bool:
    """An indefinite noun and an evaluative adjective ("جماعة إرهابية", "منظمة متطرفة"): a label, not a name
    ("تحرير الشام", "دولة الخلافة" are names: the evaluative word heads them or is a noun)."""
    article = doc.lex.targets.article
    if len(words) != 2 or (article and words[0].startswith(article)):
        return False
    second = list(WORD.finditer(doc.t, s, e))[1]
    return any(h.start >= second.start() and h.end <= e and any(
        doc.lex.entries[r].category == "evaluative" and doc.lex.entries[r].paradigm in doc.lex.targets.modifier_paradigms
        for r in h.entries) for h in doc.hits if h.start < e and h.end > second.start())


def _contested(doc: Doc, s: int, e: int, names: NameIndex) -> bool:
    """The quotation holds a contested label: an evaluative term or one of ``quotes.contested_terms``, outside a
    name (the الدولة of "محاولة تنظيم الدولة استعادتها" is part of an actor's name, no label of the writer's)."""
    terms = doc.lex.contested_terms
    if _evaluative_inside(doc, s, e, names):
        return True
    return any(doc.strip_proclitic(w.group(), terms) in terms and not names.covers(w.start(), w.end())
               for w in WORD.finditer(doc.t, s, e))


def _content_goes_on(doc: Doc, c: int) -> bool:
    """The reported clause goes on, unquoted, right after the closing mark (حذر طهران من أنها "ستدفع الثمن غاليا"
    إذا هددت ...): a short quotation (below ``_CLAUSE_WORDS``) then holds part of the content, the speaker's words
    inside it, a partial quotation. Not
    when a speech word, an according-to marker, a channel, a subordinator or a clause opener follows (إن "…" بحسب
    الوكالة, أن "…" في بيان, أن "…" مضيفا, أن "…" بعدما, أنه "…" لكن): those close the content."""
    t, lex = doc.t, doc.lex
    gap = t[c + 1:c + 3]
    nxt = WORD.match(t, c + 1 + (len(gap) - len(gap.lstrip(" "))))
    if nxt is None or nxt.start() > c + 3 or t[c + 1:nxt.start()].strip():
        return False  # punctuation or the end of the line after the marks
    word = nxt.group()
    if word in lex.direct_markers or _speech_word(doc, word, frozenset(lex.speech_context), lex.speech_context_bare) or any(
            h.word_start == nxt.start() and any(lex.entries[r].category == "reporting_verb" for r in h.entries)
            for h in doc.hits if h.word_start <= nxt.start() < h.end):
        return False  # مضيفا أن, وأضاف: the next frame opens
    if lex.according is not None and lex.according.is_marker(word):
        return False
    if lex.boundary_re.match(t, nxt.start()) or word in lex.subordinators or any(
            word == sub + ma for sub in lex.subordinators for ma in ("ما", "أن")):
        return False  # أن "المهمة أنجزت" بعدما نفذت ...: the outlet's adverbial or a new clause, the content closed
    after = WORD.findall(t, nxt.start(), nxt.start() + 40)[:2]
    return not (len(after) == 2 and after[0] in lex.channel_preps and after[1] in lex.channel_nouns)


def _described_as(doc: Doc, o: int) -> bool:
    """The marks open right after بأن (with its pronoun: بأنه, بأنها) that a verb of describing governs in the same
    clause (وصف الوزير القرار بأنه "…"): the describer's label, a partial quote (``quotes.describing_verbs``)."""
    t, lex = doc.t, doc.lex
    prev = list(WORD.finditer(t, max(0, o - 120), o))
    if not prev or t[prev[-1].end():o].strip() or not prev[-1].group().startswith("ب") or not _is_complementizer(
            doc, prev[-1].group()):
        return False
    si = doc.sentence_index(o)
    lo = max(doc.sent_starts[si], max((m.end() for m in _CLAUSE_PUNCT.finditer(t, doc.sent_starts[si], o)), default=0))
    words = [w for w in prev[:-1] if w.start() >= lo][-lex.settings["max_speaker_tokens"]:]
    return any(_speech_word(doc, w.group(), lex.describing_verbs) for w in words)


def _whole_indirect_content(doc: Doc, indirect: Sequence[Frame], o: int) -> bool:
    """The quotation opens right after an إن/أن complementizer (at most ``speech_after_complement_words``)."""
    after = doc.lex.settings["speech_after_complement_words"]
    for f in indirect:
        if f.content_start <= o < f.content_start + 80:
            m = WORD.match(doc.t, f.content_start)
            comp_end = m.end() if m else f.content_start
            if comp_end <= o and len(WORD.findall(doc.t, comp_end, o)) <= after:
                return True
    return False


def _opens_content(doc: Doc, o: int, n_words: int) -> bool:
    """The marks open right after a complementizer (أن، إن، بأن، من أن) and hold a clause (at least four
    words): the quotation is the whole reported content ("أعلنت من أن "خبراء اللجنة دخلوا دوما" بعد ..."),
    a statement, whether or not its reporting frame was recognized; not a partial quotation. A shorter
    stretch is a phrase the unquoted content goes on from (بأن "هدف الحكومة التالي" هو إدلب)."""
    if n_words < _CLAUSE_WORDS:
        return False
    prev = list(WORD.finditer(doc.t, max(0, o - 20), o))
    if not prev or doc.t[prev[-1].end():o].strip():
        return False
    word = prev[-1].group()
    if len(word) == 1 and word in doc.lex.noun_proclitics and len(prev) > 1:
        # a conjunction joined to the mark after the complementizer (قال إنه و"بسبب …"): the content opens there
        if doc.t[prev[-2].end():prev[-1].start()].strip():
            return False
        word = prev[-2].group()
    return _is_complementizer(doc, word)  # a resumptive ف too: بحسب البيان فإن "…"


def _is_complementizer(doc: Doc, word: str) -> bool:
    """إن/أن with a pronoun suffix or a ب/و proclitic, or after a resumptive ف (فإن)."""
    comp = doc.lex.complementizer_re
    return comp.fullmatch(word) is not None or (word[:1] == "ف" and comp.fullmatch(word[1:]) is not None)


def _speech_word(doc: Doc, word: str, keep: frozenset[str], bare: frozenset[str] = frozenset()) -> bool:
    """A speech or stance word of ``quotes.speech_context``, after a proclitic and with one of the endings of
    ``quotes.speech_context_suffixes`` (تصنفه, وتتهمهم, يعتبرون): the listed form is what remains."""
    if doc.strip_proclitic(word, keep) in keep:
        return True
    if bare and doc.strip_proclitic(word, bare) in bare:
        return True  # اتهام الدوحة بدعم "…" (with no ending: اتهامه is a subject in the content)
    for suffix in doc.lex.speech_context_suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and doc.strip_proclitic(word[: -len(suffix)], keep) in keep:
            return True
    return False


def _direct_after_speech(doc: Doc, o: int, c: int, words: Sequence[str]) -> bool:
    """A clause in marks that speaks in the first person (``quotes.first_person``: نحن, لدينا, نشكر), opens
    with a main-clause word (``quotes.direct_openers``: لقد, فقد, إن, هل) or asks a question (it ends on ؟),
    that closes its sentence and follows a speech word, a reporting verb or an
    according-to marker with no إن/أن between them and the marks, and no conjunction or preposition joined
    to the opening mark: direct speech whose colon or frame is missing (وقالت الشرطة في بيان "ليس لدينا أي
    دليل"، بيان جاء فيه "نشكر كل من ساعد"), a statement, not a partial quotation. Indirect speech turns the
    speaker's "we" into the third person, so a first-person clause with no complementizer is his own words
    whole. Objects and complements stay partial quotations (دعا إلى "…", و"…", قال إن الحكومة "…"). At least
    three words: a clause ("لا أستبعد شيئا"), not a word the speaker is quoted on."""
    if len(words) < 3:
        return False
    t = doc.t
    if o > 0 and t[o - 1] in doc.lex.noun_proclitics:
        return False
    first = doc.lex.first_person
    if not (any(doc.strip_proclitic(w, first) in first for w in words) or words[0] in doc.lex.direct_openers
            or t[o + 1:c].rstrip().endswith(("؟", "?"))):
        return False
    si = doc.sentence_index(o)
    start, end = doc.sent_starts[si], doc.sent_ends[si]
    if t[c + 1:end].strip(" \t.،,؛;!؟?\u00bb\u201d\"'"):
        return False  # unquoted words after the marks: the quotation is part of a clause
    prev = WORD.findall(t, max(start, o - 20), o)
    if prev and doc.strip_proclitic(prev[-1], doc.lex.governing_preps) in doc.lex.governing_preps:
        return False
    keep = frozenset(doc.lex.speech_context)
    spoken = [w.end() for w in WORD.finditer(t, start, o) if _speech_word(doc, w.group(), keep, doc.lex.speech_context_bare)]
    spoken += [h.end for h in doc.hits
               if start <= h.start < o and any(doc.lex.entries[r].category == "reporting_verb" for r in h.entries)]
    if not spoken:
        return False
    return not any(_is_complementizer(doc, w) for w in WORD.findall(t, max(spoken), o))


def _speech_speaker(doc: Doc, o: int, c: int) -> str | None:
    """Someone speaks in the quotation's sentence: a speech or stance word or a reporting verb before it, or
    an according-to marker right after it (… "تنفيذا لتوجيهات العبادي"، حسبما جاء في بيان). The speaker is the
    subject of the latest such word that has an actor mention right after it (أعلن الجيش الإسرائيلي اعتقال
    "مطلوبين") or right before it (السعودية تعلن "تعطيل التواصل" مع قطر), else the sentence's first actor
    mention before that word (ماكرون يتباحث مع ميركل داعيا إلى "نزع فتيله") or after it (طالبت كل من بريطانيا
    وفرنسا بإجراء "تحقيق موثوق"), else the nearest before the quotation (UNKNOWN when none); None when nobody
    speaks."""
    si = doc.sentence_index(o)
    start, end = doc.sent_starts[si], doc.sent_ends[si]
    keep = frozenset(doc.lex.speech_context)
    bare = doc.lex.speech_context_bare
    spoken = [(w.start(), w.end()) for w in WORD.finditer(doc.t, start, o) if _speech_word(doc, w.group(), keep, bare)]
    spoken += [(h.word_start, h.end) for h in doc.hits
               if start <= h.start < o and any(doc.lex.entries[r].category == "reporting_verb" for r in h.entries)]
    following = WORD.findall(doc.t, c, min(end, c + 30))[:1]
    according = doc.lex.according
    if not spoken and not (following and according is not None and according.marker_re.fullmatch(following[0])):
        return None
    before = [m for m in doc.mentions if start <= m.start and m.end <= o]
    for ws, we in sorted(spoken, reverse=True):  # the latest speech word with a subject named next to it
        for m in before:
            if (m.start >= we and not doc.t[we:m.start].strip()) or (m.end <= ws and not doc.t[m.end:ws].strip()):
                return m.actor  # the subject: right after the word (VSO) or right before it (SVO)
    if spoken:  # else the sentence's first actor before the speech word (its subject), or the first after it
        ws = max(spoken)[0]
        first = [m for m in before if m.end <= ws] or [m for m in before if m.start >= ws]
        if first:
            return first[0].actor
    return before[-1].actor if before else UNKNOWN


def _embedded(doc: Doc, o: int, c: int, words: Sequence[str]) -> bool:
    """A short quotation (at most ``max_scare_quote_words``, no clause punctuation, no first-person word or
    main-clause opener) that the unquoted clause goes on from right after its closing mark: a phrase of the
    reporter's sentence (نفى مسؤول "بشكل قاطع" تورط بلاده, حذرت من أي "تصعيد إضافي" بعد القصف), not a sentence the
    speaker said; marks right after the verb or قائلا, or a channel after them (قال "لن نتراجع" في مؤتمر صحفي),
    leave it direct speech."""
    t, lex = doc.t, doc.lex
    if len(words) > lex.settings["max_scare_quote_words"] or _CLAUSE_PUNCT.search(t[o + 1:c]):
        return False
    if words[0] in lex.direct_openers or any(doc.strip_proclitic(w, lex.first_person) in lex.first_person for w in words):
        return False
    prev = list(WORD.finditer(t, max(0, o - 20), o))[-1:]
    if prev and (doc.strip_proclitic(prev[0].group(), lex.direct_markers) in lex.direct_markers or any(
            h.end == prev[0].end() and any(lex.entries[r].category == "reporting_verb" for r in h.entries) for h in doc.hits)):
        return False  # صرخ قائلا "الله أكبر" قبل ...: the marks open right after the frame, direct speech
    gap = t[c + 1:c + 3]
    nxt = WORD.match(t, c + 1 + (len(gap) - len(gap.lstrip(" "))))
    if nxt is None or nxt.start() > c + 3 or "\n" in t[c + 1:nxt.start()]:
        return False  # punctuation or the end of the line after the marks
    after = WORD.findall(t, nxt.start(), nxt.start() + 40)[:2]
    return not (len(after) == 2 and after[0] in lex.channel_preps and after[1] in lex.channel_nouns)


def _follows(doc: Doc, end: int, o: int) -> bool:
    """The quotation at ``o`` is the term of the construction ending at ``end`` (ما يسمى ب"…", ما وصفه X بـ"…")."""
    if end > o or o - end > 40:
        return False
    between = WORD.findall(doc.t, end, o)
    return len(between) <= 3 and (not between or between[-1] == "ب")


def quotation_cues(doc: Doc, statements: Sequence[Statement], frames: Sequence[Frame],
                   so_called: Sequence[tuple[int, int]], voice: Callable[[int], str],
                   names: NameIndex | None = None) -> list[QuoteCue]:
    """Every quotation pair of the document that is a cue, classified into one of the three marked kinds."""
    lex, t = doc.lex, doc.t
    max_scare = lex.settings["max_scare_quote_words"]
    direct_starts = {f.content_start for f in frames if f.quote_type == "direct"}
    so_called_ends = [e for _, e in so_called]
    indirect = sorted((f for f in frames if f.quote_type != "direct" and not (f.entry and f.entry.form == "according_to")),
                      key=lambda f: f.content_start)
    out: list[QuoteCue] = []
    names = names if names is not None else NameIndex(name_spans(doc))  # the spans no contested label is read in
    named = _named_elsewhere(doc)
    for o, c in doc.quotes:
        s, e = doc.trim(o + 1, c)
        words = WORD.findall(t, s, e)
        if not words or _FIGURE.fullmatch(t[s:e]) or _mispaired(doc, words):
            continue  # a figure in marks ("53" حافلة) or marks that pair wrongly: no cue
        before = t[max(0, o - 3):o].rstrip()
        if before.endswith(":") and len(words) > 2:
            continue  # a quotation after a colon is direct speech (a statement), not a cue
        label = (len(words) == 1 and _evaluative_inside(doc, s, e)) or _labelled_noun(doc, s, e, words)
        if not label and len(words) <= lex.max_name_words and not _CLAUSE_PUNCT.search(t[s:e]) and (
                _medium_name(doc, words) or _addressee(doc, o) or _source_name(doc, words)):
            # a medium's name, even where a direct frame took it for its content (قال، وفق ما نشرت وكالة "سانا"، "…")
            st = _innermost(statements, o)
            out.append(QuoteCue(o, c + 1, "quoted_name", "", voice(o),
                                st.speaker_actor if _direct_with_verb(st) else OUTLET, ""))
            continue
        st = _innermost(statements, o)
        in_direct = _direct_with_verb(st)
        if s in direct_starts or (st is not None and st.quote_type == "direct" and st.norm_start >= o - 1):
            # the direct statement whose content the quotation is (its content starts inside the marks)
            own = next((x for x in statements if _direct_with_verb(x) and o <= x.norm_start <= s),
                       st if in_direct else None)
            prev = WORD.findall(t, max(0, o - 20), o)[-1:]
            governed = bool(prev) and doc.strip_proclitic(prev[0], lex.speech_object_preps) in lex.speech_object_preps
            elsewhere = not governed and bool(prev) and doc.strip_proclitic(prev[0], lex.governing_preps) in lex.governing_preps
            if own is None or elsewhere or not (governed or _embedded(doc, o, c, words)):
                # (elsewhere: after ل, في, مع: an addressee, a place or a medium, لـ"سكاي نيوز عربية")
                continue  # the content of a direct statement: a statement, not a cue
            # شدد على "ضرورة الحل" (the object of the verb's preposition), نفى "بشكل قاطع" تورط بلاده (a phrase the
            # reporter's clause goes on from): the speaker's words in the outlet's clause, unless a so-called
            # construction or a name (below) decides otherwise
            st, in_direct = own, False
        marker = st.speaker_actor if in_direct else OUTLET
        punct = bool(_CLAUSE_PUNCT.search(_ADDRESS_DOT.sub("", t[s:e])))  # a web address's dot ends no clause
        in_attribution = any(f.attribution and f.attribution[0] <= o and c < f.attribution[1] for f in frames)
        if any(_follows(doc, end, o) for end in so_called_ends):
            if len(words) <= max_scare and not punct:
                out.append(QuoteCue(o, c + 1, "scare_quote", "distancing", voice(o), marker, ""))
            elif not in_direct:  # ما وصفها بـ"شخصيات غير معروفة مقيمة في أمريكا": the describer's words, quoted
                who = voice(o) if voice(o) != OUTLET else (_speech_speaker(doc, o, c) or UNKNOWN)
                out.append(QuoteCue(o, c + 1, "partial_quote", "", who, OUTLET, who))
            continue
        label = (len(words) == 1 and _evaluative_inside(doc, s, e)) or _labelled_noun(doc, s, e, words)
        label = label or _descriptor_only(doc, s, e, o) or (len(words) == 1 and _descriptor_word(doc, s, e))
        # "الداعشية", "المحرقة التركية": a descriptor, no name; صاروخين "إسرائيليين": a nisba after a title noun is
        # its adjective, no model name
        if not label and (o in doc.name_quotes or _title_before(doc, o) or tuple(words) in named
                          or in_attribution or _looks_like_a_name(t[s:e])
                          or _mention_alone(doc, s, e) or _source_name(doc, words) or _coordinated_name(doc, out, o)
                          or _kunya(doc, words) or (len(words) <= _CLAUSE_WORDS and _according_source(doc, o))):
            if len(words) <= lex.max_name_words and not punct:
                out.append(QuoteCue(o, c + 1, "quoted_name", "", voice(o), marker, ""))
            continue
        whole = _opens_content(doc, o, len(words)) or (_whole_indirect_content(doc, indirect, o) and not (
            not in_direct and len(words) < _CLAUSE_WORDS and _content_goes_on(doc, c)))
        whole = whole and not (not in_direct and _described_as(doc, o))
        if whole or (not in_direct and _direct_after_speech(doc, o, c, words)):
            continue  # قال إن "…": the quotation is the reported clause itself, a statement, not a cue
        if st is not None and not in_direct:
            out.append(QuoteCue(o, c + 1, "partial_quote", "", st.speaker_actor, OUTLET, st.speaker_actor))
            continue
        speaker = None if in_direct else _speech_speaker(doc, o, c)
        if speaker is not None:  # narration that reports someone's words: دعت الحكومة إلى "التخلي عن ..."
            out.append(QuoteCue(o, c + 1, "partial_quote", "", speaker, OUTLET, speaker))
            continue
        if len(words) > max_scare or punct:
            continue  # speech, not a term
        if in_direct:  # marks inside a direct quotation: the speaker's own distancing
            out.append(QuoteCue(o, c + 1, "scare_quote", "distancing", voice(o), marker, ""))
        elif (o == 0 or t[o - 1] == "\n") and len(words) >= 3:
            pass  # a quotation opening a headline or subheading is someone's words, speaker unnamed: no cue
        elif t[o + 1:c].rstrip().endswith(("؟", "?")):
            pass  # a question in marks (يرد على سؤال "هل الإخوان إرهابية؟"): someone's question, not a term held off
        elif _contested(doc, s, e, names):  # a contested label the outlet holds at a distance: وفد "معارضة"
            out.append(QuoteCue(o, c + 1, "scare_quote", "distancing", OUTLET, OUTLET, ""))
        # else: a quoted term of nobody in particular (a colloquial or foreign word, a title without a
        # title noun): no stance cue
    return out
