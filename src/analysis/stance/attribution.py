"""Statements from frames: content ends, speakers (a span, a continuation, the previous subject),
and the speaker's own words quoted inside an indirect clause (``mixed``)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from .. import morphology, speakers
from ..segment import TOKEN_RE
from .document import WORD, Doc, Mention, word_before, word_right_before
from .frames import Frame, announcement, frame_for, role_phrase
from .records import OUTLET, UNKNOWN, Statement
from .verbless_frames import according_frames, colon_frames


def furniture_spans(doc: Doc, spans: Iterable[Any]) -> list[tuple[int, int]]:
    """Page furniture (boilerplate spans with raw ``start``/``end``: link lines, captions) in normalized
    offsets, sorted: what is said there is flagged, and it continues no one's speech."""
    raw = [(int(sp.start), int(sp.end)) for sp in spans]
    if not raw:
        return []
    bounds = np.searchsorted(doc.norm.starts, np.array(raw, dtype=np.int64).reshape(-1, 2), side="left")
    return sorted((int(a), int(b)) for a, b in bounds.tolist())


def _after_furniture(doc: Doc, cs: int, ce: int) -> tuple[int, int]:
    """Content that opens inside page furniture and goes on past it (a dateline before the lead's
    according-to clause: "واشنطن (CNN) – نفى المتحدث ...، وفقا لما قاله") starts after the furniture."""
    spans = getattr(doc, "furniture", None) or []
    k = bisect.bisect_right(spans, (cs, len(doc.t) + 1)) - 1
    if k >= 0 and spans[k][0] <= cs < spans[k][1] < ce:
        return doc.trim(spans[k][1], ce)
    return cs, ce


def _in_furniture(doc: Doc, pos: int) -> bool:
    spans = getattr(doc, "furniture", None) or []
    k = bisect.bisect_right(spans, (pos, len(doc.t) + 1)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


_NAME_REACH = 40  # characters: how far back a person's name may start before a word of it


def reporting_hits(doc: Doc) -> list[Any]:
    """The lexicon hits that are reporting verbs: not a name that looks like one (فرات; a finite form right after a
    finite reporting verb is its subject: "قال راي إن", Wray, not رأى), nor a masdar after a noun of absence
    ("المصدر الذي فضل عدم ذكر اسمه", "دون ذكر اسمه": the naming not done, no speech)."""
    lex, t, rules = doc.lex, doc.t, doc.rules
    out = []
    for h in doc.hits:
        entry = lex.entries[h.entries[0]]
        if entry.category != "reporting_verb" or t[h.word_start:h.end] in rules.verb_homographs:
            continue
        if out and h.word_start == h.start and entry.form == "finite" and lex.entries[out[-1].entries[0]].form == "finite" \
                and out[-1].end < h.word_start and not t[out[-1].end:h.word_start].strip():
            continue  # two verbs never follow each other unjoined: the second word is the first one's subject
        if any(m.kind == "person" and m.start < h.word_start < m.end
               for m in doc.mentions_in(max(0, h.word_start - _NAME_REACH), h.end)):
            continue  # the surname in a person's name ("كريستوفر راي"), no verb
        if h.word_start == h.start and word_before(doc, h.word_start) in rules.masdar_before \
                and not t[:h.word_start].rstrip().endswith(("،", ",", ".")):
            continue
        if rules.identity_objects and _withholds_identity(doc, h.end):
            continue  # "الذي لم تعلن عن هويته"، "لم يكشف عن اسمه": a name withheld, no speech reported
        out.append(h)
    return out


def _withholds_identity(doc: Doc, pos: int) -> bool:
    """Is the word after ``pos`` (after عن, when it comes first) the name or identity withheld (اسمه, هويته)?"""
    words = WORD.findall(doc.t, pos, min(len(doc.t), pos + 30))[:2]
    if words and words[0] == "عن":
        words = words[1:]
    return bool(words) and words[0] in doc.rules.identity_objects


def find_frames(doc: Doc) -> list[Frame]:
    """Reporting frames: each reporting verb with a complement, and colon attributions at line starts.

    Reporting verbs without a complement (أعلن البنتاغون مقتل قيادي: an act announced, not speech reported)
    make no frame; when an actor mention is their subject they are kept in ``doc.announcements`` so that a
    following subjectless ``وقال في بيان إن`` continues that speaker.
    """
    lex, t = doc.lex, doc.t
    max_tok = lex.settings["max_speaker_tokens"]
    verb_hits = reporting_hits(doc)
    verb_starts = [h.word_start for h in verb_hits]
    frames: list[Frame] = []
    silent: list[Frame] = []
    for k, h in enumerate(verb_hits):
        entry = lex.entries[h.entries[0]]
        si = doc.sentence_index(h.start)
        s_end = doc.sent_ends[si]
        nxt = verb_starts[k + 1] if k + 1 < len(verb_starts) else len(t)
        frame = frame_for(doc, h, entry, si, min(s_end, len(t)), nxt, max_tok)
        if frame is not None:
            frames.append(frame)
        else:
            following = verb_hits[k + 1] if k + 1 < len(verb_hits) else None
            participle_at = (following.word_start if following is not None
                             and lex.entries[following.entries[0]].form == "participle" else None)
            announced = announcement(doc, h, entry, si, max_tok, participle_at)
            if announced is not None and not _in_furniture(doc, h.start):  # a link line announces nothing
                silent.append(announced)
    # "وقال بوتين: ..." / "إسرائيل تحذر: ...": a label holding its own reporting verb is that verb's frame, which
    # already reports the words after the colon; the colon makes no second statement of them
    verb_frames = [(f.verb_start, f.content_start) for f in frames]
    frames.extend(c for c in colon_frames(doc)
                  if not any(c.speaker is not None and c.speaker[0] <= v < c.speaker[1] and abs(cs - c.content_start) <= 2
                             for v, cs in verb_frames))  # a quotation mark or a space apart: the same words
    frames.extend(according_frames(doc, frames, verb_hits))
    quoted = [(f.content_start, f.content_end) for f in frames if f.closed and f.quote_type == "direct" and f.entry is not None]
    # a reporting verb inside a speaker's quoted words ("راجعت الإدارة المسألة وخلصت إلى أن ...") is part of that speech
    frames = [f for f in frames if not any(a <= f.verb_start < b for a, b in quoted)]
    frames = [f for f in frames if not _source_after_according(doc, f)]
    frames = _one_frame_per_quotation(frames)
    frames.sort(key=lambda f: f.verb_start)
    doc.announcements = [
        a for a in silent
        if not any(f.sent == a.sent and f.speaker_kind != "impersonal"
                   and f.content_start <= a.verb_start < (f.content_end if f.closed else doc.sent_ends[f.sent])
                   for f in frames)  # a verb inside reported speech is the speaker's, not a new subject; the outlet's
        # own clause after يذكر أن is narration, whose acts have their subjects ("ويذكر أن ...، وحذر ترامب ...، مؤكدا أن")
    ]
    return frames


def _one_frame_per_quotation(frames: list[Frame]) -> list[Frame]:
    """One frame for one quotation: when a verb before it ("وقال ترامب: "..."") and a verb after it ("...، وتابع",
    "نقلت الوكالة تصريحاته") both take the same quoted words, the verb before them reports them, so the words
    are counted once, with that speaker."""
    by_quote: dict[tuple[int, int], list[Frame]] = {}
    for f in frames:
        if f.closed and f.quote_type == "direct":
            by_quote.setdefault((f.content_start, f.content_end), []).append(f)
    drop: set[int] = set()
    for same in by_quote.values():
        if len(same) < 2:
            continue
        before = [f for f in same if f.verb_start < f.content_start]
        keep = max(before, key=lambda f: f.verb_start) if before else min(same, key=lambda f: f.verb_start)
        drop.update(id(f) for f in same if f is not keep)
    return [f for f in frames if id(f) not in drop]


def _source_after_according(doc: Doc, f: Frame) -> bool:
    """``بحسب ما أوردت "رويترز"``, ``حسبما ذكرت "فرانس برس"``: the verb of an according-to relative clause
    with the quoted name of its source is the attribution of the clause before it, not direct speech."""
    if f.entry is None or f.quote_type != "direct" or len(WORD.findall(doc.t, f.content_start, f.content_end)) > 3:
        return False
    acc = doc.lex.according
    if acc is None:
        return False
    before = [w.group() for w in WORD.finditer(doc.t, max(0, f.verb_start - 24), f.verb_start)][-2:]
    if not before:
        return False
    last = before[-1]
    fused = acc.markers.get(last) or acc.markers.get(last[1:] if last.startswith("و") else "")
    if fused is not None and fused[1]:
        return True  # حسبما, بحسبما
    if last not in ("ما", "لما") or len(before) < 2:
        return False
    return acc.is_marker(before[0])


def statements_of(doc: Doc, frames: list[Frame]) -> list[Statement]:
    """Fix content ends (cut at the next frame), resolve speakers (continuations keep the previous one)."""
    out: list[Statement] = []
    prev: tuple[str, tuple[int, int] | None, int, int, int] | None = None  # actor, speaker span, paragraph, position, sentence
    max_back = doc.lex.settings["continuation_paragraphs"]
    announcements = list(getattr(doc, "announcements", []))
    verbs = [h.word_start for h in reporting_hits(doc)]
    resolver = speakers.Resolver(doc, doc.rules, verbs)
    # verbs that frame something (a statement or an announcement): a describing verb with a noun label ("ووصفه
    # بالمجحف") leaves its sentence narration
    framing = sorted(g.verb_start for g in [*frames, *announcements]
                     if g.entry is not None and g.entry.category == "reporting_verb" and g.entry.form != "according_to")
    prev_according = False  # is the previous statement an according-to one (بحسب ..., وفقا لما نقلته ...)?
    prev_content: tuple[int, int] | None = None  # the previous statement's content (normalized offsets)

    def actor_of(span: tuple[int, int]) -> str:
        if doc.speaker_actor(*span) == OUTLET:
            return OUTLET
        return resolver.actor(*span, previous=prev[0] if prev is not None else None,
                              previous_at=prev[3] if prev is not None else None)

    for k, f in enumerate(frames):
        while announcements and announcements[0].verb_start < f.verb_start:
            a = announcements.pop(0)
            if prev is None or a.verb_start > prev[3]:
                prev = (actor_of(a.speaker), a.speaker, doc.para_of_sent[a.sent] if doc.para_of_sent else 0,
                        a.verb_start, a.sent)
        ce = f.content_end
        if not f.closed:
            for g in frames[k + 1 :]:
                if g.frame_start >= ce:
                    break
                if g.frame_start > f.content_start and g.sent == f.sent:
                    ce = g.frame_start
                    break
        cs, ce = _after_furniture(doc, *doc.trim(f.content_start, ce))
        if cs >= ce:
            continue
        para = doc.para_of_sent[f.sent] if doc.para_of_sent else 0
        if f.speaker_kind == "impersonal":
            actor, speaker = OUTLET, None
        elif f.speaker_kind == "span" and f.speaker is not None:
            actor, speaker = actor_of(f.speaker), f.speaker
        elif (prev is None or prev[4] != f.sent) and (rel := _relative_clause_subject(doc, f)) is not None:
            # "الوحدات التي تعتبرها تركيا إرهابية وتقول إنها ...": the coordinated verb shares the clause's subject
            actor, speaker = rel.actor, (rel.start, rel.end)
        elif prev is not None and prev[4] != f.sent and (own := _sentence_subject(doc, f)) is not None:
            # a new sentence with its own subject: "بالمقابل، أصدرت قوات سوريا الديمقراطية بيانا، أكدت فيه أن"
            actor, speaker = own.actor, (own.start, own.end)
        elif f.entry is not None and f.entry.form == "participle" and (prev is None or prev[4] != f.sent) \
                and (named := _name_after_verb(doc, f, resolver.names)) is not None:
            # "وعلق قاسمي على تصريحات بومبيو واصفا إياها": the participle's subject is its clause's, a name registered
            # for an actor right after the clause's verb (not the person named in its object)
            actor, speaker = named.actor, (named.start, named.end)
        elif f.entry is not None and f.entry.form == "participle" and prev is not None and prev[4] == f.sent \
                and prev_according and (own := _sentence_subject(doc, f)) is not None:
            # "وانتقد الوزير القطري، وفقا لما نقلته الوكالة، مسألة ... قائلا": the according-to source relays the
            # clause; the participle's subject is the clause's, not the relaying source
            actor, speaker = own.actor, (own.start, own.end)
        elif prev is not None and (later := _person_since(doc, f, prev[4], resolver.names)) is not None \
                and (later.actor != prev[0] or para - prev[2] > max_back):
            # a person made the subject since ("سئل ترامب عما إذا ...\nفأجاب"): the bare verb continues them,
            # also when the last statement is too far back to be continued ("وحرص بومبيو ... لكنه وعد ...\nوقال")
            actor, speaker = later.actor, (later.start, later.end)
        elif prev is not None and (role := _role_subject_since(doc, f, prev[4], framing)) is not None \
                and (role_actor := actor_of(role)) != prev[0]:
            # someone else, named by a role, made the subject since ("انتقد أمين سر اللجنة ... قرار الإدارة.
            # وقال في بيان"): the bare verb is theirs, UNKNOWN when their actor is, never the earlier speaker
            actor, speaker = role_actor, role
        elif prev is not None and prev[4] != f.sent and _feminine_verb(doc, f) and not _feminine_span(doc, prev[1]) \
                and (state := _state_subject_since(doc, f, prev[4])) is not None and state.actor != prev[0]:
            # a feminine verb cannot continue a masculine speaker: the state made the subject since is its subject
            # ("قال المرصد إن ...\nودعت روسيا إلى اجتماع عاجل ...\nوقالت إن": Russia's)
            actor, speaker = state.actor, (state.start, state.end)
        elif prev is not None and para - prev[2] <= max_back:
            actor, speaker = prev[0], prev[1]
        else:
            # no statement to continue: the subject of the frame's own clause ("رد وفد قطر ...، واصفا"), else
            # the person opening its sentence or the previous one
            subject = (_sentence_subject(doc, f) if f.entry is not None and f.entry.form == "participle" else None) \
                or _previous_subject(doc, f)
            actor, speaker = (UNKNOWN, None) if subject is None else (subject.actor, (subject.start, subject.end))
        relays = f.entry is not None and f.entry.form == "according_to" and prev_content is not None \
            and prev is not None and prev[1] is not None and prev_content[0] <= cs < prev_content[1]
        if not _in_furniture(doc, f.verb_start) and not relays:  # a link line's headline is continued by no one
            prev = (actor, speaker, para, f.verb_start, f.sent)
            prev_according = f.entry is not None and f.entry.form == "according_to"
        elif relays:
            # "وصرح نتانياهو: "... فسندمر قواته"، وفق فرانس برس. وأضاف أن": the according-to clause names who relays
            # words already attributed (its content starts inside the previous statement's); the next subjectless verb
            # continues the one quoted, not the relaying source
            prev_according = True
        prev_content = (cs, ce)
        rs, re_ = doc.raw_span(cs, ce)
        if speaker is not None:
            ss, se = doc.raw_span(*speaker)
        else:
            ss = se = None
        if f.entry is None:
            verb, commitment = ":", ""
        else:
            verb = doc.raw[slice(*doc.raw_span(f.verb_start, f.verb_end))]
            commitment = f.entry.subtype
        targets = tuple(sorted({m.actor for m in doc.mentions_in(cs, ce)}))
        quote_type, quoted = f.quote_type, ()
        if quote_type == "indirect" and f.entry is not None and f.entry.form != "according_to":
            quoted = tuple(doc.raw_span(a, b) for a, b in _quoted_fragments(doc, cs, ce))
            if quoted:
                quote_type = "mixed"
        out.append(Statement(rs, re_, actor, ss, se, verb, quote_type, targets, doc.sid[f.sent] if doc.sid else 0,
                             commitment, len(TOKEN_RE.findall(doc.raw, rs, re_)), quoted, cs, ce))
    return out


def _opening_person(doc: Doc, lo: int, hi: int, names: Mapping[str, tuple[str, int]] | None = None) -> Mention | None:
    """The person that opens the clause lo..hi as its subject (in its first six words, after a leading
    circumstantial phrase closed by a comma: "وفي مؤتمر صحفي بعد القمة، سئل ترامب"), or a name registered
    for an actor right after the clause's verb ("وحض مومتزيس كل الأطراف" after "منسق الأمم المتحدة ...،
    بانوس مومتزيس،")."""
    words = list(WORD.finditer(doc.t, lo, hi))
    comma = doc.t.find("،", lo, hi)
    if words and comma > 0 and doc.strip_proclitic(words[0].group(), doc.rules.circumstantial) in doc.rules.circumstantial:
        lo = comma + 1
        words = list(WORD.finditer(doc.t, lo, hi))
    words = words[:6]
    found = [m for m in doc.mentions_in(lo, hi) if words and m.start <= words[-1].start() and m.kind == "person"]
    if found:
        return found[0]
    if names and len(words) >= 2 and words[1].group() in names and not doc.mentions_in(words[0].start(), words[1].start()):
        w = words[1]
        return Mention(w.start(), w.end(), names[w.group()][0], "person", w.group(), w.start(), w.end())
    return None


def _feminine_verb(doc: Doc, f: Frame) -> bool:
    """Is the frame's verb a perfect with the feminine ending (قالت, أضافت, أكدت: the lemma and ت)?"""
    if f.entry is None or f.entry.form != "finite":
        return False
    w = doc.t[f.verb_start:f.verb_end]
    ending = morphology.FEMININE_PERFECT_ENDING
    return w.endswith(ending) and w[:-len(ending)] == f.entry.lemma


def _feminine_span(doc: Doc, span: tuple[int, int] | None) -> bool:
    """Can a speaker span be the subject of a feminine verb: a head ending in ة (الوزارة, المتحدثة), a plural or a
    state (a name or metonym mention opening it)? Unknown spans count as feminine (no agreement claimed)."""
    if span is None:
        return True
    first = WORD.match(doc.t, span[0])
    if first is None:
        return True
    head = first.group()
    if head.endswith(morphology.FEMININE_AGREEMENT_ENDINGS) \
            or head in doc.rules.heads and head.endswith(morphology.SOUND_MASCULINE_PLURAL_ENDINGS):
        return True
    opening = [m for m in doc.mentions_in(span[0], span[1]) if m.start <= first.end()]
    return any(m.kind in ("name", "metonym") for m in opening)


def _state_subject_since(doc: Doc, f: Frame, prev_sent: int) -> Mention | None:
    """A state (a name or metonym mention) right after the opening verb of one of the two sentences between the
    previous statement's and the frame's ("ودعت روسيا إلى ...", "وكانت واشنطن قد ..."), the latest sentence first."""
    preps = doc.lex.governing_preps | doc.rules.circumstantial
    own = WORD.findall(doc.t, _after_opening_circumstance(doc, doc.sent_starts[f.sent], f.frame_start), f.frame_start)
    if len(own) >= 2:
        return None  # "ورفضت الجزائر الانتقاد وقالت": the frame's own sentence has its subject, known or not
    for k in range(f.sent - 1, max(prev_sent, f.sent - 3), -1):
        lo = _after_opening_circumstance(doc, doc.sent_starts[k], doc.sent_ends[k])
        words = list(WORD.finditer(doc.t, lo, doc.sent_ends[k]))[:3]
        if len(words) < 2 or words[0].group() in preps or doc.strip_proclitic(words[0].group(), preps) in preps:
            continue
        i = 2 if words[0].group() in doc.rules.not_subjects and len(words) > 2 else 1
        found = [m for m in doc.mentions_in(words[i].start(), doc.sent_ends[k]) if m.start == words[i].start()]
        if found and found[0].kind in ("name", "metonym") \
                and not doc.t[words[i - 1].end():words[i].start()].strip():
            return found[0]
    return None


def _name_after_verb(doc: Doc, f: Frame, names: Mapping[str, tuple[str, int]]) -> Mention | None:
    """The word right after the verb opening a frame's sentence (after a leading circumstantial and its comma),
    when it is a person mention or a name registered for an actor, before the frame."""
    lo = _after_opening_circumstance(doc, doc.sent_starts[f.sent], f.frame_start)
    words = list(WORD.finditer(doc.t, lo, f.frame_start))[:2]
    if len(words) < 2 or doc.t[words[0].end():words[1].start()].strip():
        return None
    w = words[1]
    found = [m for m in doc.mentions_in(w.start(), f.frame_start) if m.start == w.start()]
    if found:
        return found[0] if found[0].kind == "person" else None
    if w.group() in names and names[w.group()][1] < w.start():
        return Mention(w.start(), w.end(), names[w.group()][0], "person", w.group(), w.start(), w.end())
    return None


def _person_since(doc: Doc, f: Frame, prev_sent: int, names: Mapping[str, tuple[str, int]] | None = None) -> Mention | None:
    """A person opening one of the two sentences between the previous statement's and a subjectless frame's."""
    for k in range(f.sent - 1, max(prev_sent, f.sent - 3), -1):
        found = _opening_person(doc, doc.sent_starts[k], doc.sent_ends[k], names)
        if found is not None:
            return found
    return None


def _after_opening_circumstance(doc: Doc, lo: int, hi: int) -> int:
    """Where a clause's verb and subject start: after a leading circumstantial phrase closed by a comma
    ("وفي وقت سابق، لمح وزير الخارجية", "في المقابل، انتقد"), else ``lo``."""
    lo = _after_furniture(doc, lo, hi)[0]
    words = list(WORD.finditer(doc.t, lo, hi))[:6]
    comma = doc.t.find("،", lo, words[-1].end() if words else lo)
    circ = doc.rules.circumstantial
    if words and comma > 0 and doc.strip_proclitic(words[0].group(), circ) in circ:
        return comma + 1
    return lo


def _role_subject_since(doc: Doc, f: Frame, prev_sent: int, verbs: list[int]) -> tuple[int, int] | None:
    """The subject named by a role noun right after the opening verb of a sentence between the previous
    statement's and a subjectless frame's ("في المقابل، انتقد أمين سر اللجنة التنفيذية ... عريقات، قرار
    ..."): the span from the role noun to the first comma or the sentence end (at most the speaker length)."""
    t, rules = doc.t, doc.rules
    preps = doc.lex.governing_preps | rules.circumstantial
    for k in range(f.sent - 1, max(prev_sent, f.sent - 3), -1):
        hi = doc.sent_ends[k]
        lo = _after_opening_circumstance(doc, doc.sent_starts[k], hi)
        words = list(WORD.finditer(t, lo, hi))[: doc.lex.settings["max_speaker_tokens"] + 1]
        if len(words) < 3 or words[0].group() in preps or doc.strip_proclitic(words[0].group(), preps) in preps:
            continue
        role = words[1].group()
        if role not in rules.role_nouns or "،" in t[words[0].end():words[1].start()]:
            continue
        if any(lo <= v < hi for v in verbs):
            continue  # a sentence with a reporting verb is speech: its frames say who speaks
        if role.startswith("ال") and role in rules.anaphors:
            return None  # "وناشد المتحدث سكان الجولان": the definite role refers back to the same speaker
        return role_phrase(doc, words)
    return None


def _previous_subject(doc: Doc, f: Frame) -> Mention | None:
    """A subjectless verb with no statement to continue: the person or actor opening its sentence or the
    previous one (``سئل ترامب عما إذا ... فأجاب "..."``), when that mention starts the clause's subject."""
    si = f.sent
    preps = doc.lex.governing_preps | doc.rules.circumstantial
    for k in (si, si - 1):
        if k < 0:
            continue
        own_end = f.verb_start if f.content_start < f.verb_start else f.frame_start  # "نفى بيسكوف ...، وفقا لما قاله"
        hi = own_end if k == si else doc.sent_ends[k]
        lo = _after_furniture(doc, doc.sent_starts[k], hi)[0]  # a dateline opens no clause
        words = list(WORD.finditer(doc.t, lo, hi))[:6]  # the verb and its subject open an Arabic sentence
        found = [m for m in doc.mentions_in(lo, hi) if words and m.start <= words[-1].start()]
        if k == si and found and found[0].kind in ("descriptor", "metonym") and len(words) >= 2 \
                and found[0].start == words[1].start():
            return found[0]  # "وهاجمت الحكومة الأمريكية مواقع تنظيم داعش، وقالت": the subject right after the
            # clause's verb, not a name in its object
        # "إلى تنظيم داعش": the object of a preposition (written apart from it) is no subject
        people = [m for m in found if m.kind in ("person", "name")
                  and not (doc.t[m.start - 1:m.start] == " " and word_right_before(doc, m.start) in preps)]
        if people:
            return people[0]
    return None


def _relative_clause_subject(doc: Doc, f: Frame) -> Mention | None:
    """The subject of a relative clause that a subjectless verb joined by و continues: RELATIVE + VERB +
    actor mention, then up to a few words, then و + the reporting verb ("التي تعتبرها تركيا منظمة إرهابية
    وتقول إنها ..."), with no punctuation between them."""
    t = doc.t
    if not t.startswith("و", f.frame_start) or f.frame_start != f.verb_start - 1:
        return None
    lo = max(doc.sent_starts[f.sent], f.frame_start - 120)
    words = list(WORD.finditer(t, lo, f.frame_start))
    for i in range(len(words) - 1, 1, -1):
        if f.frame_start - words[i].start() > 80 or any(ch in "،,.:؛" for ch in t[words[i].end():f.frame_start]):
            break
        if words[i - 2].group() in doc.rules.relative:
            found = [m for m in doc.mentions_in(words[i].start(), words[i].end()) if m.start == words[i].start()]
            if found and found[0].kind in ("name", "metonym", "person", "descriptor"):
                return found[0]
    return None


def _sentence_subject(doc: Doc, f: Frame) -> Mention | None:
    """The subject of the clause that opens a subjectless frame's own sentence, when it is an actor
    mention right after that clause's first verb (VSO) and before the frame: the issuer of a statement
    continued in the same sentence ("أصدرت قوات سوريا الديمقراطية بيانا، أكدت فيه أن"), who speaks rather
    than the previous sentence's speaker. A mention after a preposition ("ردا على روسيا، قال") or with a
    proclitic (a word that starts before it: "ولروسيا") is no subject."""
    lo = _after_opening_circumstance(doc, doc.sent_starts[f.sent], f.frame_start)
    words = list(WORD.finditer(doc.t, lo, f.frame_start))[:8]
    if len(words) < 2:
        return None
    preps = doc.lex.governing_preps | doc.rules.circumstantial
    heads = doc.rules.institution_heads
    for i, w in enumerate(words[1:], 1):
        found = [m for m in doc.mentions_in(w.start(), f.frame_start) if m.start == w.start()]
        # "أكد مكتب رئاسة الحكومة العراقية في بيان مقتل العميد، موضحا": institution nouns in construct before the
        # mention open the subject; the phrase counts from its first noun
        chain = 0
        while found and i - chain > 1 and words[i - chain - 1].group() in heads \
                and not doc.t[words[i - chain - 1].end():words[i - chain].start()].strip():
            chain += 1
        if found and chain:
            found = [replace(found[0], start=words[i - chain].start())]
            i -= chain
        if found:
            m = found[0]
            before = words[i - 1].group()
            # a metonym (واشنطن) is a subject right after the clause's verb only ("فقد أبدت واشنطن قلقها"), never
            # inside a name ("مركز إعلام دمشق")
            placed = m.kind != "metonym" or i == 1 or (i == 2 and words[0].group() in doc.rules.not_subjects)
            if m.kind in ("person", "name", "descriptor", "metonym") and placed and before not in preps and i <= 3 \
                    and "،" not in doc.t[words[i - 1].end():m.start]:
                return _coordinated_subject(doc, m, f.frame_start) or m
            return None
    return None


def _coordinated_subject(doc: Doc, subject: Mention, end: int) -> Mention | None:
    """The subject of a later coordinated clause of the same sentence, before ``end``: an actor mention of another
    actor right after a word joined by و or ف that is no mention ("وتتهم موسكو المعارضة ...، وتنفي المعارضة
    ذلك وتقول إن": the opposition's), the latest one; None when there is none."""
    t = doc.t
    latest = None
    for m in doc.mentions_in(subject.end, end):
        if m.actor == subject.actor or m.kind not in ("person", "name", "descriptor", "metonym"):
            continue
        prev = list(WORD.finditer(t, max(subject.end, m.start - 30), m.start))
        if not prev or t[prev[-1].end():m.start].strip() or prev[-1].end() > m.start:
            continue
        w = prev[-1].group()
        # an imperfect verb joined by و/ف (وتنفي, ويقول), not a coordinated noun ("وميليشيات حزب الله")
        if len(w) >= 5 and w[0] in morphology.CONJUNCTION_LETTERS and w[1] in morphology.THIRD_PERSON_IMPERFECT_PREFIXES \
                and not w.endswith(morphology.NOUN_ONLY_ENDINGS) \
                and not doc.mentions_in(prev[-1].start(), prev[-1].end()):
            latest = m
    return latest


def _after_according_marker(doc: Doc, pos: int) -> bool:
    """Does an according-to marker come right before ``pos`` (بحسب, وفق, حسب; وفقا لـ: the marker then its particle)?"""
    acc = doc.lex.according
    if acc is None:
        return False
    last = word_before(doc, pos)
    if last in ("ل", "لـ"):
        last = word_before(doc, pos, 2)
    return acc.is_marker(last)


def _quoted_fragments(doc: Doc, cs: int, ce: int) -> list[tuple[int, int]]:
    """The speaker's own words quoted inside an indirect clause cs..ce (normalized, marks excluded).

    Every quotation in the clause that is not a name (a place, an organisation, an actor; one quoted word
    quotation right after a preposition is taken for a name), and a quotation
    opened and never closed (to the clause end), is a fragment: ``قال إن الهجوم بدأ "لتطهير المناطق"``.
    """
    out = []
    k = bisect.bisect_left(doc.quote_opens, cs)
    while k < len(doc.quotes) and doc.quotes[k][0] < ce:
        o, c = doc.quotes[k]
        k += 1
        if c >= ce + 1 or o in doc.name_quotes:
            continue
        if len(WORD.findall(doc.t, o + 1, c)) == 1 and word_before(doc, o) in doc.lex.governing_preps:
            continue  # في "دوما", من "الرقة": one quoted word governed by a preposition is a place or a name
        if _after_according_marker(doc, o) and len(WORD.findall(doc.t, o + 1, c)) <= 3:
            continue  # بحسب "رويترز", وفقا لـ"سانا": the quoted name of a source, no words of the speaker
        s, e = doc.trim(o + 1, c)
        if s < e:
            out.append((s, e))
    u = bisect.bisect_left(doc.unpaired, cs)
    if u < len(doc.unpaired) and doc.unpaired[u] < ce and doc.t[doc.unpaired[u]] in doc.lex.quote_pairs:
        s, e = doc.trim(doc.unpaired[u] + 1, ce)
        if s < e and not any(a <= s < b for a, b in out):
            out.append((s, e))
    return sorted(out)
