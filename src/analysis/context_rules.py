"""Context rules on actor candidates: datelines, parties after من/إلى, other alliances, quoted names.

* **Datelines**: a paragraph that opens with up to four place names separated by commas and then a
  source in brackets or after a dash ("أتلانتا، الولايات المتحدة الأمريكية (CNN)--", "بيروت - رويترز")
  names where the story was filed: no actor mention inside it.
* **Parties after من / إلى**: these prepositions are place cues ("عاد من موسكو", "وصل إلى واشنطن"), but
  after a construction of support, request, agency or address ("مدعومة من روسيا", "بدعم من موسكو", "كلا
  من روسيا وسوريا", "رسالة إلى روسيا") the name is a party: ``party_before_min``/``party_before_ila``.
* **Other alliances**: "التحالف" followed by another actor's nisba ("التحالف الإيراني الروسي", "التحالف
  الأمريكي-السعودي"), by "الذي تقوده"/"بقيادة" + an actor other than the US, or by a word of a new or
  proposed alliance ("التحالف الجديد") is not the US-led coalition, and is a rival (tag
  OTHER_COALITION) for a later "التحالف".
* **Quoted names**: a multiword name with quotation marks inside it (قوات "سوريا الديمقراطية") is
  matched on the text with the marks taken out; the span runs from the first word to the last.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

import numpy as np

from . import morphology
from .actor_rules import SENTENCE_END, bare, key, nisba_like, non_actor_class, rules_for, synthetic_entry, view_tokens

Candidate = tuple[int, int, int, bool, int]
OTHER_COALITION = "OTHER_COALITION"
_QUOTE_CHARS = "\"«»“”„'"
_QUOTE_CODES = np.array([ord(c) for c in _QUOTE_CHARS], dtype=np.uint32)
_LIST_CUES = frozenset({"في", "داخل", "خارج", "قرب", "حول", "نحو", "باتجاه", "عبر"})
_BAD = re.compile(r"[\n،,.:;!?()\"«»]")
_PLACE_CHUNK = r"[^\n،,()\-–—:\"«»]{1,40}?"


def _matches_stem(word: str, stems: tuple[str, ...]) -> bool:
    if word[:1] in "وف" and len(word) > 3 and not word.startswith(("وال", "فال")):
        if _matches_stem(word[1:], stems):  # a conjunction on the word: ورحب
            return True
    w = bare(word)
    for s in stems:
        s = bare(s)
        if w == s or (len(s) >= 4 and w.startswith(s)) or (len(s) == 3 and w.startswith(s) and len(w) <= 5):
            return True
    return False


def party_after_preposition(lexicon: Any, view: str, key_start: int) -> bool:
    """Is the place cue before this key من/إلى following a construction that makes the name a party?"""
    rules = rules_for(lexicon)
    words = view[max(0, key_start - 80): key_start].split()
    if len(words) < 2:
        return False
    cue = words[-1]
    if cue[:1] in "وف" and len(cue) > 2 and cue[1:] in ("من", "الي"):
        cue = cue[1:]
    if cue == "من":
        stems = rules.party_before_min
    elif cue == "الي":
        stems = rules.party_before_ila
    else:
        return False
    return _matches_stem(words[-2], stems) or (len(words) >= 3 and _matches_stem(words[-3], stems)
                                               and words[-3] not in rules.not_heads)


def dateline_spans(lexicon: Any, norm_text: str) -> list[tuple[int, int]]:
    """Norm spans of the place part of datelines (paragraph openings)."""
    rules = rules_for(lexicon)
    if not rules.dateline_sources:
        return []
    sources = "|".join(re.escape(s) for s in sorted(rules.dateline_sources, key=len, reverse=True))
    rx = _dateline_re(sources)
    out = []
    for m in rx.finditer(norm_text):
        out.append((m.start("places"), m.end("places")))
    return out


_DATELINE_CACHE: dict[str, re.Pattern[str]] = {}


def _dateline_re(sources: str) -> re.Pattern[str]:
    rx = _DATELINE_CACHE.get(sources)
    if rx is None:
        from .normalize import normalize_text

        norm_sources = normalize_text(sources)
        rx = re.compile(
            rf"(?m)^[ \t]*(?P<places>(?:{_PLACE_CHUNK}[،,][ \t]*){{0,3}}{_PLACE_CHUNK})[ \t]*"
            rf"(?:\([ \t]*(?:{norm_sources})[ \t]*\)|[-–—]+[ \t]*(?:{norm_sources})(?![^\W\d_]))",
            re.IGNORECASE,
        )
        _DATELINE_CACHE[sources] = rx
    return rx


def drop_datelines(lexicon: Any, norm_text: str, found: list[Candidate]) -> list[Candidate]:
    spans = dateline_spans(lexicon, norm_text)
    if not spans:
        return found
    entries = lexicon.entries
    out = []
    for c in found:
        if entries[c[2]].actor and any(s <= c[0] and c[1] <= e for s, e in spans):
            continue
        out.append(c)
    return out


def other_alliances(lexicon: Any, norm_text: str, view: str, found: list[Candidate]) -> list[Candidate]:
    """Turn "التحالف" of another alliance into a rival tag for later anaphors."""
    rules = rules_for(lexicon)
    if not rules.alliance_heads or not rules.coalition_actor:
        return found
    entries = lexicon.entries
    out = list(found)
    starts = [c[0] for c in found]
    for k, c in enumerate(found):
        e = entries[c[2]]
        if e.actor != rules.coalition_actor or not e.form or not rules.alliance_heads & set(e.form.split()):
            continue
        after = view[c[1] + 1: c[1] + 1 + 80]
        words = after.split()
        other = False
        nisbas = []
        for n_w, w in enumerate(words[:3]):
            # the first nisba attached directly ("التحالف الإيراني الروسي"); "والسعودية" right after the
            # name is "and Saudi Arabia", another party
            info = rules.nisba.get(w) or (rules.nisba.get(w[1:]) if w.startswith("و") and n_w else None)
            if info is None:
                break
            nisbas.append(info[0])
        if nisbas and any(a != rules.coalition_leader for a in nisbas):
            other = True
        text_after = " ".join(words[:4])
        if not other and any(text_after.startswith(w) for w in rules.alliance_other_words):
            other = True
        if not other:
            other = _names_another_alliance(lexicon, e.form, words)
        if not other:
            other = _backs_another_party(lexicon, c[1], words, found, starts)
        if not other and e.needs_antecedent:
            other = _in_electoral_sentence(rules, norm_text, view, c[0], c[1])
        if not other:
            for phrase in rules.alliance_led_by:
                if text_after.startswith(phrase + " ") or text_after == phrase:
                    pos = c[1] + 1 + after.find(phrase) + len(phrase)  # view index after the phrase
                    j = bisect.bisect_left(starts, pos - 1)
                    if j < len(found) and found[j][0] - (pos - 1) <= 3:
                        leader = entries[found[j][2]].actor
                        if leader and leader not in (rules.coalition_leader, rules.coalition_actor):
                            other = True
                    break
        if other:
            tag = other if isinstance(other, str) else OTHER_COALITION
            idx = synthetic_entry(lexicon, actor="", alias=e.form, kind="exclude", tag=tag,
                                  source="another alliance")
            out[k] = (c[0], c[1], idx, c[3], c[4])
    return out


def _in_electoral_sentence(rules: Any, norm_text: str, view: str, ns: int, ne: int) -> bool:
    """Does the sentence of an alliance anaphor ("التحالف", "هذا التحالف") speak of elections, seats or
    lists (``alliance_electoral_words``)? Then the alliance is an electoral one ("وتتواجد قوائم هذا التحالف
    في 18 محافظة"), not the coalition, and a rival for the anaphors after it."""
    if not rules.alliance_electoral_words:
        return False
    ends = [m.end() for m in SENTENCE_END.finditer(norm_text, 0, ns)]
    start = ends[-1] if ends else 0
    m = SENTENCE_END.search(norm_text, ne)
    end = m.start() if m else len(norm_text)
    for w in view[start + 1: end + 1].split():
        b = bare(w)
        if b in rules.alliance_electoral_words or (b[:1] in "وبلف" and b[1:] in rules.alliance_electoral_words):
            return True
    return False


def _names_another_alliance(lexicon: Any, form: str, words: list[str]) -> str:
    """The tag of a listed other alliance that a coalition descriptor runs into: "قيادة التحالف العربي"
    is the leadership of the Saudi-led coalition, though "قيادة التحالف" matched first (leftmost-longest)."""
    rules = rules_for(lexicon)
    last = form.rsplit(" ", 1)[-1]
    if " " not in form or last not in rules.alliance_heads:
        return ""
    for n in (1, 2, 3):
        j = lexicon.form_index.get(" ".join([last, *words[:n]]))
        if j is not None and not lexicon.entries[j].actor and lexicon.entries[j].tag:
            return lexicon.entries[j].tag
    return ""


def _backs_another_party(lexicon: Any, end: int, words: list[str], found: list[Candidate],
                         starts: list[int]) -> bool:
    """"التحالف (العسكري) الذي يدعم الرئيس بشار الأسد", "التحالف الداعم للنظام": an alliance backing a party
    the US-led coalition fights or opposes (``alliance_backs_others``) is another alliance. The coalition's
    own partners ("التحالف الداعم لقسد") leave it alone."""
    rules = rules_for(lexicon)
    if not rules.alliance_backing or not rules.alliance_backs_others:
        return False
    skip = 1 if words and nisba_like(words[0]) else 0  # one adjective: "التحالف العسكري الذي يدعم"
    text_after = " ".join(words[skip: skip + 4])
    for phrase in rules.alliance_backing:
        if not text_after.startswith(phrase + " "):
            continue
        before = len(" ".join(words[:skip])) + (1 if skip else 0) + len(phrase)
        j = bisect.bisect_left(starts, end + before)
        for k in range(j, min(j + 2, len(found))):
            if found[k][0] - (end + before) > 16:
                break
            actor = lexicon.entries[found[k][2]].actor
            if actor:
                return actor in rules.alliance_backs_others
        return False
    return False


def quoted_names(lexicon: Any, norm_text: str, found: list[Candidate]) -> list[Candidate]:
    """Multiword names with quotation marks inside (قوات "سوريا الديمقراطية")."""
    if not any(q in norm_text for q in _QUOTE_CHARS):
        return found
    from .actor_matching import _candidates
    from .phrases import match_view

    codes = np.frombuffer(norm_text.encode("utf-32-le"), dtype=np.uint32)
    keep = ~np.isin(codes, _QUOTE_CODES)
    pos = np.flatnonzero(keep)
    squeezed = codes[keep].astype("<u4").tobytes().decode("utf-32-le") if len(pos) else ""
    hits = _candidates(lexicon, squeezed, match_view(squeezed))
    if not hits:
        return found
    entries = lexicon.entries
    removed = np.flatnonzero(~keep)
    out = list(found)
    starts = [c[0] for c in found]
    changed = False
    for ns, ne, idx, via_b, ks in hits:
        if " " not in entries[idx].form:
            continue
        s, e = int(pos[ns]), int(pos[ne - 1]) + 1
        inside = removed[(removed > s) & (removed < e)]
        if not len(inside):
            continue  # no mark inside: the first pass saw it
        j0 = bisect.bisect_left(starts, s)
        lo = j0 - 1 if j0 > 0 and found[j0 - 1][1] > s else j0
        over = [j for j in range(lo, len(found)) if found[j][0] < e]
        if any(found[j][0] < s or found[j][1] > e for j in over):
            continue  # a candidate reaching outside: leave the first pass alone
        for j in over:
            out[j] = None  # type: ignore[call-overload]
        out.append((s, e, idx, via_b, s - (ns - ks)))
        changed = True
    if not changed:
        return found
    return sorted(c for c in out if c is not None)


def place_by_construction(lexicon: Any, norm_text: str, view: str, ns: int, key_start: int,
                          cues: frozenset[str]) -> bool:
    """A place name as the second item of a list after a place cue ("في الشرق الأوسط وأمريكا", "في
    طرطوس وحميميم"), or in apposition to a place noun ("في العاصمة الأمريكية، واشنطن")."""
    from .actor_rules import non_actor_class

    rules = rules_for(lexicon)
    before = norm_text[max(0, ns - 80): ns]
    stripped = before.rstrip()
    if stripped.endswith(("،", ",")):
        words = stripped[:-1].split()[-2:]
        if words and (non_actor_class(rules, words[:1]) == "places" or non_actor_class(rules, words) == "places"):
            return True
    vwords = view[max(0, key_start - 60): key_start].split()
    if len(vwords) >= 2 and vwords[-2] in rules.visit_verbs and not _BAD.search(before.split(vwords[-2])[-1] if vwords[-2] in before else ""):
        return True  # "زار الرئيس أنقرة"
    if vwords and (vwords[-1] in rules.visit_nouns
                   or (vwords[-1][:1] in "لوب" and vwords[-1][1:] in rules.visit_nouns)):
        return True  # "استغل المونديال لزيارة الكرملين", "خلال زيارته موسكو"
    proclitic = view[key_start + 1: ns + 1]
    if proclitic.startswith("و"):
        tail = before
        for sep in ("\n", "،", ",", ".", ":", "(", '"', "«"):
            tail = tail.rsplit(sep, 1)[-1]
        words = tail.split()[-4:]
        for w in words[:-1] if len(words) > 1 else []:
            w2 = w[1:] if w[:1] in "وف" and len(w) > 2 and w[1:] in cues else w
            if w2 in cues and w2 in _LIST_CUES:
                return True
    return False


def is_facility(lexicon: Any, entry: Any, written: str | None = None) -> bool:
    """A place-marked metonym whose first word (of its form, or of ``written``) is a noun of the places class
    ("قاعدة حميميم")."""
    words = (entry.form if written is None else key(written, lexicon.normalization)).split()
    return (entry.kind == "metonym" and bool(entry.place) and len(words) >= 2
            and non_actor_class(rules_for(lexicon), words[:1]) == "places")


def facility_as_place(lexicon: Any, entry: Any, view: str, key_start: int) -> bool:
    """A place-marked metonym naming a facility (:func:`is_facility`: "قاعدة حميميم") anywhere but as the subject
    of a speaking verb (a name such as "الجمهورية العربية السورية" is the state, not a facility). Written
    without its place noun ("حميميم") the name is the command that speaks from it, except as the object of
    an attack ("استهدفت حميميم", ``facility_target_verbs``)."""
    rules = rules_for(lexicon)
    before = view[max(0, key_start - 40): key_start + 1].split()
    verb = before[-1] if before else ""
    if not is_facility(lexicon, entry):
        if not (entry.alias and is_facility(lexicon, entry, entry.alias)):
            return False
        if verb not in rules.facility_target_verbs and verb[:1] in morphology.CONJUNCTION_LETTERS:
            verb = verb[1:]
        return verb in rules.facility_target_verbs
    if not before:
        return True
    if verb not in rules.facility_speaking_verbs and verb[:1] in morphology.CONJUNCTION_LETTERS:
        verb = verb[1:]
    return verb not in rules.facility_speaking_verbs


@functools.lru_cache(maxsize=64)
def _places_re(places: tuple[str, ...], prepositions: tuple[str, ...]) -> re.Pattern[str]:
    """A whole-word pattern of the places as written: with a noun's proclitics on the first word (the
    article fused after ل: "للطبقة"), or after a preposition word with an optional conjunction ("وفي عفرين")."""
    written: set[str] = set()
    for place in places:
        first, _, rest = place.partition(" ")
        tail = f" {rest}" if rest else ""
        for word, _, _ in morphology.with_proclitics(first, definite=True, keep_unfused=True):
            written.add(word + tail)
        for prep in prepositions:
            for conj in ("", *sorted(morphology.CONJUNCTION_LETTERS)):
                written.add(f"{conj}{prep} {place}")
    alternatives = "|".join(re.escape(w) for w in sorted(written, key=len, reverse=True))
    return re.compile(r"(?<= )(?:" + alternatives + r")(?= )")


def _sentence_names_place(lexicon: Any, norm_text: str, view: str, ns: int, ne: int,
                          places: tuple[str, ...]) -> bool:
    """Is one of ``places`` named in the sentence of ``norm_text[ns:ne]``?"""
    if not places:
        return False
    start = max((m.end() for m in SENTENCE_END.finditer(norm_text, 0, ns)), default=0)
    nxt = SENTENCE_END.search(norm_text, ne)
    end = nxt.start() if nxt else len(norm_text)
    # the view has a space before every word (offset + 1), so a place is " PLACE " there
    rx = _places_re(places, rules_for(lexicon).place_prepositions)
    return bool(rx.search(" " + view[start:end + 1].replace("\n", " ") + " "))


def licensed_by_place(lexicon: Any, norm_text: str, view: str, ns: int, ne: int, actor: str) -> bool:
    """Is a place the actor's forces hold (``place_licences``) named in the sentence of ``norm_text[ns:ne]``?"""
    return _sentence_names_place(lexicon, norm_text, view, ns, ne, rules_for(lexicon).place_licences.get(actor, ()))


def in_home_country(lexicon: Any, norm_text: str, view: str, ns: int, ne: int, actor: str) -> bool:
    """Does the sentence of ``norm_text[ns:ne]`` name the actor's own country (``home_places``)? Kurdish
    fighters "في شمال سوريا" are the SDF's even in an article on the PKK in Iraq."""
    return _sentence_names_place(lexicon, norm_text, view, ns, ne, rules_for(lexicon).home_places.get(actor, ()))


def visited_seat(lexicon: Any, entry: Any, norm_text: str, ns: int) -> bool:
    """Is this institution's building (``institution_seats``) the object of a verb of visiting a few words
    back in its clause ("تزور المستشارة الألمانية أنغيلا ميركل البيت الأبيض")? A building is visited as a
    place; a capital a few words after such a verb may be its subject's partner, so it keeps the one-word
    rule of :func:`place_by_construction`."""
    rules = rules_for(lexicon)
    if key(entry.alias or entry.form, lexicon.normalization) not in rules.institution_seats:
        return False
    clause = _BAD.split(norm_text[max(0, ns - 80): ns])[-1].split()
    return any(w in rules.visit_verbs or (w[:1] in "وف" and w[1:] in rules.visit_verbs)
               for w in clause[-SEAT_VISIT_WORDS:])


#: How many words back from an institution's building a verb of visiting makes it the place visited.
SEAT_VISIT_WORDS = 5


def official_at_seat(lexicon: Any, entry: Any, view: str, key_start: int) -> bool:
    """Is this institution's building (``institution_seats``) named after one of its officials and a link
    ("مسؤول في البيت الأبيض", "مصادر كبيرة بالكرملين")? Then it is the institution, not a location."""
    rules = rules_for(lexicon)
    if key(entry.alias or entry.form, lexicon.normalization) not in rules.institution_seats:
        return False
    words = view[max(0, key_start - 60): key_start + 1].split()
    proclitic = view[key_start + 1: key_start + 3]
    if proclitic.startswith("ب") and words:
        pass  # "مسؤولون بالبيت الأبيض": the link is the attached ب
    elif words and (words[-1] in rules.official_links
                    or (words[-1][:1] in "وف" and words[-1][1:] in rules.official_links)):
        words = words[:-1]
    else:
        return False
    for back in (1, 2, 3):  # the official, with an adjective or a complement ("مسؤول كبير في", "مستشار الأمن القومي ب")
        if len(words) >= back and bare(words[-back]) in rules.official_nouns:
            return True
    return False


def party_after_b(lexicon: Any, view: str, key_start: int) -> bool:
    """Is a name with the ب proclitic a party ("علاقات أنقرة بموسكو", "ندد بواشنطن")?"""
    rules = rules_for(lexicon)
    words = view[max(0, key_start - 80): key_start].split()
    return any(_matches_stem(w, rules.party_before_b) for w in words[-2:])


def led_coalitions(lexicon: Any, norm_text: str, view: str, found: list[Candidate]) -> list[Candidate]:
    """An indefinite alliance the US leads is the US-led coalition: "تحالف (دولي) بقيادة الولايات المتحدة",
    "تحالف تقوده واشنطن", "تقود الولايات المتحدة تحالفا عسكريا دوليا ضد ...". The span is the alliance
    noun with its adjectives (``alliance_adjectives``); the leader stays its own mention. Another leader
    ("تحالف تقوده السعودية") or a backer ("تحالف مدعوم من الولايات المتحدة": the SDF) makes nothing."""
    rules = rules_for(lexicon)
    if not rules.alliance_indefinite_heads or not rules.coalition_actor or not found:
        return found
    entries = lexicon.entries
    starts = [c[0] for c in found]
    tokens = view_tokens(view)
    added: list[Candidate] = []
    for n, (ts, te, word) in enumerate(tokens):
        head = word[1:] if word[:1] in "وبلف" and word[1:] in rules.alliance_indefinite_heads else word
        if head not in rules.alliance_indefinite_heads:
            continue
        hs = te - len(head)
        k = bisect.bisect_right(starts, hs) - 1
        if k >= 0 and found[k][1] > hs:
            continue  # already part of a candidate ("تحالف دعم الشرعية")
        last = n
        while last + 1 < len(tokens) and last - n < 2 and tokens[last + 1][2] in rules.alliance_adjectives \
                and not _BAD.search(norm_text, tokens[last][1], tokens[last + 1][0]):
            last += 1
        end = tokens[last][1]
        if _led_after(rules, entries, norm_text, tokens, last, found, starts) or \
                _led_before(rules, entries, norm_text, tokens, n, found, starts) or \
                _fights_the_enemy(rules, entries, norm_text, tokens, n, last, found, starts):
            idx = synthetic_entry(lexicon, actor=rules.coalition_actor, alias="التحالف الدولي",
                                  kind="descriptor", source="alliance led by the coalition's leader")
            added.append((hs, end, idx, False, ts))
    if not added:
        return found
    return sorted(found + added)


def _actor_at(entries: list[Any], found: list[Candidate], starts: list[int], pos: int) -> str:
    """The actor of the candidate starting at norm ``pos`` (a proclitic's width allowed), or ''."""
    j = bisect.bisect_left(starts, pos)
    if j < len(found) and found[j][0] - pos <= 2:
        return entries[found[j][2]].actor
    return ""


def _led_after(rules: Any, entries: list[Any], norm_text: str, tokens: list[tuple[int, int, str]], last: int,
               found: list[Candidate], starts: list[int]) -> bool:
    """"... بقيادة الولايات المتحدة", "... تقوده واشنطن": a led-by phrase right after, then the leader."""
    for phrase in rules.alliance_led_by:
        size = phrase.count(" ") + 1
        if last + size >= len(tokens):
            continue
        if " ".join(t[2] for t in tokens[last + 1: last + 1 + size]) != phrase:
            continue
        if _BAD.search(norm_text, tokens[last][1], tokens[last + size][1]):
            return False
        return _actor_at(entries, found, starts, tokens[last + size + 1][0]) == rules.coalition_leader
    return False


def _fights_the_enemy(rules: Any, entries: list[Any], norm_text: str, tokens: list[tuple[int, int, str]], n: int,
                      last: int, found: list[Candidate], starts: list[int]) -> bool:
    """"فريق تابع لتحالف يساهم في مكافحة تنظيم الدولة": an alliance defined by fighting the coalition's enemy
    (``alliance_against``, then the enemy's mention) is the coalition, unless it is being formed ("تشكيل
    تحالف ضد داعش": ``alliance_formation_words`` right before it), which is a proposed one."""
    if not rules.coalition_enemy or not rules.alliance_against:
        return False
    if n >= 1 and bare(tokens[n - 1][2]) in rules.alliance_formation_words:
        return False
    for phrase in rules.alliance_against:
        size = phrase.count(" ") + 1
        if last + size + 1 >= len(tokens):
            continue
        if " ".join(t[2] for t in tokens[last + 1: last + 1 + size]) != phrase:
            continue
        if _BAD.search(norm_text, tokens[last][1], tokens[last + size + 1][0]):
            return False
        return _actor_at(entries, found, starts, tokens[last + size + 1][0]) == rules.coalition_enemy
    return False


def _led_before(rules: Any, entries: list[Any], norm_text: str, tokens: list[tuple[int, int, str]], n: int,
                found: list[Candidate], starts: list[int]) -> bool:
    """"تقود الولايات المتحدة (منذ 2014) تحالفا": a lead verb, the leader as its subject, then the alliance
    within a few words of the same clause."""
    for v in range(max(0, n - 6), n):
        verb = tokens[v][2]
        verb = verb[1:] if verb[:1] in morphology.CONJUNCTION_LETTERS and verb[1:] in rules.alliance_lead_verbs else verb
        if verb not in rules.alliance_lead_verbs or _BAD.search(norm_text, tokens[v][1], tokens[n][0]):
            continue
        if v + 1 < n and _actor_at(entries, found, starts, tokens[v + 1][0]) == rules.coalition_leader:
            return True
    return False


def of_another_country(lexicon: Any, norm_text: str, view: str, ne: int, actor: str) -> bool:
    """Is the mention ending at norm ``ne`` followed at once by the nisba of another country (``foreign_nisbas``)?
    "مصدر كردي عراقي", "الأحزاب الكردية الإيرانية" are the Kurds of Iraq and Iran, not the SDF."""
    forms = rules_for(lexicon).foreign_nisbas.get(actor)
    if not forms:
        return False
    words = view[ne + 1: ne + 1 + 40].split(maxsplit=1)
    return bool(words) and words[0] in forms and not _BAD.search(norm_text, ne, ne + 2)
