"""People and other references an actor's named mentions introduce inside one document.

Run after the lexicon's mentions are decided (src/analysis/actors.py), on those mentions:

* **Names introduced by a role**: a role phrase of an actor ("المتحدث باسم البنتاغون", "المتحدثة باسم
  البيت الأبيض", "قائد قوات سوريا الديمقراطية", or a role descriptor such as "وزير الخارجية الأمريكي")
  followed by a name (two words, after an optional rank: "الكولونيل"), or preceded by one and a comma
  ("دانا وايت، المتحدثة باسم وزارة الدفاع الأمريكية"), makes that name a person of the actor for the
  document. Every occurrence of the full name, and of the surname alone, is then a `person` mention.
  When two introduced people of different actors share a surname, a surname alone goes to the one
  whose full name was written most recently before it (the rivals rule of the anaphora).
* **Unnamed officials and sources**: "مسؤول/مصدر/مسؤولون (ADJ)" + في/من/لدى/داخل or an attached ب + an
  actor mention ("مصدر دبلوماسي في الخارجية الروسية", "مسؤولون بالإدارة الأمريكية") is a person mention
  of that actor; "المصدر نفسه" refers back to the most recent one.
* **Institution anaphors**: a bare institution noun ("الوزارة", "الإدارة", "السفارة", "القنصلية"), or an
  institution named again without its nisba ("وزارة الدفاع" after "وزارة الدفاع الأمريكية"), refers back
  to the most recent mention of that institution (within about three paragraphs): an `anaphor`.
The word lists are in ``lexicons/actor_rules.yaml``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from . import morphology
from .actor_rules import PROCLITICS, bare, is_definite, nisba_like, non_actor_class, rules_for, strip_proclitic, synthetic_entry, view_tokens
from .context_rules import _matches_stem

Kept = tuple[int, int, Any]  # (norm start, norm end, Entry)
_WINDOW = 1500  # characters an institution anaphor may look back
_BAD_POST = re.compile(r"[\n،,.:;!?()\"«»]")  # punctuation no post phrase runs across


def _past_post(lexicon: Any, rules: Any, norm_text: str, tokens: Any, k: int) -> int:
    """The token after a post's place right after a role ("السفيرة الأميركية في لبنان", "المبعوث الأمريكي إلى
    سوريا", "السفير الروسي لدى الأمم المتحدة"): a ``post_prepositions`` word, then a place or organisation the
    lexicon lists (one to three words); else ``k`` unchanged, so that "الرئيس الروسي في مؤتمر صحفي" reads no
    name."""
    if k >= len(tokens) or tokens[k][2] not in rules.post_prepositions:
        return k
    for size in (3, 2, 1):
        end = k + 1 + size
        if end > len(tokens) or _BAD_POST.search(norm_text, tokens[k][1], tokens[end - 1][1]):
            continue
        j = lexicon.form_index.get(" ".join(t[2] for t in tokens[k + 1:end]))
        if j is not None and lexicon.entries[j].actor:
            return end
    return k


_ARTICLE_AFTER_PROCLITIC = ("لل", "بال", "وال", "فال", "كال")
_SURNAME_PROCLITICS = frozenset("لبو")  # "وفقا لغيدني", "بحسب بالي"... the bare surname after one letter


def _surname(rules: Any, words: tuple[str, ...]) -> tuple[str, ...]:
    """The words a person is repeated by: the last, or the last two when the surname is compound."""
    return words[-2:] if len(words) >= 3 and words[-2] in rules.name_particles else words[-1:]


def _past_titles(rules: Any, norm_text: str, tokens: Any, k: int,
                 raw_of: Callable[[int], str] | None = None) -> int:
    """The token after the titles before a name: ranks ("الميجور جنرال"), with the adjectives that stand next
    to them ("قائد التحالف الدولي الميجور جنرال البريطاني فيلكس غيدني": the command's "الدولي" before the rank,
    the officer's nationality after it). An adjective counts only beside a rank, so that "الرئيس الروسي
    الجديد" reads no name from its adjectives."""
    def adjective(i: int) -> bool:
        w = tokens[i][2]
        if raw_of is not None and raw_of(tokens[i][0]) in morphology.HAMZA_ALEFS:
            return False  # "أليكسي": a name whose hamza the normalization took, not the article
        return w in rules.nisba or (is_definite(w) and nisba_like(w))

    def joined(i: int) -> bool:  # no punctuation between token i and the next
        return i + 1 < len(tokens) and not _BAD_POST.search(norm_text, tokens[i][1], tokens[i + 1][0])

    start = k
    while k < len(tokens) and adjective(k) and joined(k) and k - start < 2:
        k += 1  # adjectives before a rank: kept only when a rank follows
    if k >= len(tokens) or tokens[k][2] not in rules.name_titles:
        k = start
    seen_title = False
    while k < len(tokens):
        if tokens[k][2] in rules.name_titles:
            seen_title = True
        elif not (seen_title and adjective(k) and joined(k - 1)):
            break
        k += 1
    return k


def discover(lexicon: Any, norm_text: str, view: str, keep: list[Kept],
             raw_of: Callable[[int], str] | None = None) -> list[Kept]:
    """The people, unnamed officials and institution anaphors the kept mentions introduce. ``raw_of`` gives
    the raw letter at a normalized position: a name written with a hamza on its alef ("إليزابيث", "ألكسندر")
    is normalized to a word beginning like the article, and only the raw letter tells it from "الخارجية"."""
    from .actor_matching import _BAD_SEPARATOR

    rules = rules_for(lexicon)
    tokens = view_tokens(view)
    if not tokens or not keep:
        return keep
    starts = [t[0] for t in tokens]
    cov = sorted((k[0], k[1]) for k in keep)
    cov_starts = [c[0] for c in cov]
    added: list[tuple[int, int, str, str, str]] = []  # (ns, ne, actor, alias, kind)

    def covered(s: int, e: int) -> bool:
        j = bisect.bisect_right(cov_starts, e - 1) - 1
        while j >= 0 and cov[j][1] > s:
            if cov[j][0] < e:
                return True
            j -= 1
        for a in added:
            if a[0] < e and s < a[1]:
                return True
        return False

    def sep(a: int, b: int) -> bool:  # punctuation or a line break between norm positions a and b
        return bool(_BAD_SEPARATOR.search(norm_text, a, b)) or "\n" in norm_text[a:b]

    def tok_at(pos: int) -> int:
        return bisect.bisect_left(starts, pos)

    def name_word(tok: tuple[int, int, str], first: bool) -> bool:
        w = tok[2]
        if w in rules.name_stoppers or w in rules.not_heads or w.isdigit() or len(w) < 2:
            return False
        if w[:1] == "و" and (w[1:] in rules.name_stoppers or w[1:] in rules.not_heads):
            return False  # a conjunction and a function word begin a clause, not a name: "، وحتى ..."
        if w in rules.nisba or w in rules.role_nouns or w in cues:
            return False
        if non_actor_class(rules, [w]) == "media":
            return False  # the outlet an official spoke to: "قال مسؤول أمريكي لشبكة CNN"
        if w.startswith(_ARTICLE_AFTER_PROCLITIC) and len(w) > 4:
            return False  # a preposition and the article begin the verb's complement: "غيدني للصحافيين"
        hamza_alef = raw_of is not None and raw_of(tok[0]) in morphology.HAMZA_ALEFS
        return not (first and w.startswith(morphology.ARTICLE) and not hamza_alef)

    def noun_and_adjective(a: str, b: str) -> bool:
        # two words ending in ة (ه once normalized) are a feminine noun and its adjective, not a first name
        # and a surname: "علاقة شخصية", "خطوة حازمة", "سخرية واضحة" after a role are its complement
        return (a.endswith(morphology.FEMININE_ENDING) and b.endswith(morphology.FEMININE_ENDING)
                and len(a) >= 3 and len(b) >= 4)

    def ended(k: int) -> bool:  # a name ends at punctuation, a line break, the end, or a reporting word
        if k >= len(tokens):
            return True
        return (sep(tokens[k - 1][1], tokens[k][0]) or tokens[k][2] in rules.name_stoppers
                or tokens[k][2] in rules.name_followers)

    cues = lexicon.place_cues

    # 1. role phrases and the names they introduce
    people: list[tuple[int, tuple[str, ...], str]] = []  # (position, name words, actor)
    for ns, ne, e in keep:
        if not e.actor or e.kind == "anaphor":
            continue
        j = tok_at(ns)  # token index of the mention's first word
        role_start = None
        needs_rank = False  # a command noun introduces only an officer named with a rank
        first_word = e.form.split()[0] if e.form else ""
        if e.kind == "descriptor" and first_word in rules.role_nouns:
            role_start = ns
        elif j >= 1 and bare(tokens[j - 1][2]) in ("باسم",) and j >= 2 and tokens[j - 2][2] in rules.role_nouns:
            role_start = tokens[j - 2][0]
        elif j >= 1 and strip_proclitic(tokens[j - 1][2])[0] in rules.role_nouns:
            role_start = tokens[j - 1][0] + strip_proclitic(tokens[j - 1][2])[1]
        elif j >= 1 and morphology.strip_proclitic(tokens[j - 1][2], rules.command_nouns, PROCLITICS) in rules.command_nouns:
            # "ممثل فرنسا في قيادة قوات التحالف الجنرال فريديريك باريزو": an officer of the command
            role_start = tokens[j - 1][0]
            needs_rank = True
        if role_start is None:
            continue
        # the name after the role; not after a comma when the role is itself in apposition after a comma
        # ("جون بولتن، مستشار الأمن القومي الأمريكي، تظهر ...": the name came first)
        k = bisect.bisect_left(starts, ne)
        r0 = bisect.bisect_left(starts, role_start)
        in_apposition = r0 >= 1 and norm_text[tokens[r0 - 1][1]:role_start].strip() in ("،", ",")
        gap = norm_text[ne:tokens[k][0]] if k < len(tokens) else ""
        after = gap.strip()
        # a name follows its role on the same line: a headline ending in a role is no introduction of the
        # next paragraph's first words ("... رئيس الوزراء التركي" / "وأكد مراسل محلي أن")
        if k < len(tokens) and "\n" not in gap and (after == "" or (after in ("،", ",") and not in_apposition)):
            if after == "":
                k = _past_post(lexicon, rules, norm_text, tokens, k)
            first_name = k
            k = _past_titles(rules, norm_text, tokens, k, raw_of)
            if needs_rank and (k == first_name or not rules.officer_ranks & {t[2] for t in tokens[first_name:k]}):
                continue
            if k + 1 < len(tokens) and name_word(tokens[k], True) and name_word(tokens[k + 1], True) \
                    and not noun_and_adjective(tokens[k][2], tokens[k + 1][2]) \
                    and not sep(tokens[k][1], tokens[k + 1][0]) and not covered(tokens[k][0], tokens[k + 1][1]):
                if ended(k + 2):
                    people.append((tokens[k][0], (tokens[k][2], tokens[k + 1][2]), e.actor))
                elif (k + 2 < len(tokens) and ended(k + 3)
                      # "عبد الكريم": after a name particle the article begins the surname's second word
                      and name_word(tokens[k + 2], tokens[k + 1][2] not in rules.name_particles)
                      and not noun_and_adjective(tokens[k + 1][2], tokens[k + 2][2])
                      and not sep(tokens[k + 1][1], tokens[k + 2][0]) and not covered(tokens[k + 2][0], tokens[k + 2][1])):
                    # a three-word name: the first and the last word make the full name matched later, or
                    # the whole name when its surname is compound ("نسرين عبد الله")
                    if tokens[k + 1][2] in rules.name_particles:
                        people.append((tokens[k][0], (tokens[k][2], tokens[k + 1][2], tokens[k + 2][2]), e.actor))
                    else:
                        people.append((tokens[k][0], (tokens[k][2], tokens[k + 2][2]), e.actor))
                    added.append((tokens[k][0], tokens[k + 2][1], e.actor,
                                  " ".join(t[2] for t in tokens[k:k + 3]), "person"))
        # the name before the role, with a comma
        r = bisect.bisect_left(starts, role_start)
        if r >= 2:
            between = norm_text[tokens[r - 1][1]:role_start]
            a, b = tokens[r - 2], tokens[r - 1]
            if "\n" not in between and between.strip() in ("،", ",") and name_word(a, True) and name_word(b, True) \
                    and not noun_and_adjective(a[2], b[2]) \
                    and not sep(a[1], b[0]) and not covered(a[0], b[1]):
                people.append((a[0], (a[2], b[2]), e.actor))
    # a listed person written with a full name also makes the surname alone that person in this document
    # ("مصطفى بالي ... وقال بالي"), where the lexicon cannot list the surname (a common word elsewhere)
    for ns, ne, e in keep:
        words = norm_text[ns:ne].split()
        if e.actor and e.kind == "person" and len(words) == 2 and " " in e.form:
            people.append((ns, (view[ns + 1:ne + 1].split()[0], view[ns + 1:ne + 1].split()[-1]), e.actor))
        elif e.actor and e.kind == "person" and len(words) == 3 and view[ns + 1:ne + 1].split()[1] in rules.name_particles:
            people.append((ns, tuple(view[ns + 1:ne + 1].split()), e.actor))  # "نسرين عبد الله": "عبد الله"
    if people:
        full: dict[tuple[str, ...], str] = {}
        by_surname: dict[tuple[str, ...], set[str]] = {}
        for _, words, actor in people:
            full.setdefault(words, actor)
            by_surname.setdefault(_surname(rules, words), set()).add(actor)
        full_hits: list[tuple[int, str]] = []
        for size in (3, 2):
            for i in range(len(tokens) - size + 1):
                words = tuple(t[2] for t in tokens[i:i + size])
                if words in full and not any(sep(tokens[i + m][1], tokens[i + m + 1][0]) for m in range(size - 1)) \
                        and not covered(tokens[i][0], tokens[i + size - 1][1]):
                    added.append((tokens[i][0], tokens[i + size - 1][1], full[words], " ".join(words), "person"))
                    full_hits.append((tokens[i][0], full[words]))
        full_hits.sort()
        for i, (ts, te, w) in enumerate(tokens):
            for size in (2, 1):
                if i + size > len(tokens) or (size == 2 and sep(te, tokens[i + 1][0])):
                    continue
                words = tuple(t[2] for t in tokens[i:i + size])
                pre = 0
                if words not in by_surname and words[0][:1] in _SURNAME_PROCLITICS \
                        and (words[0][1:],) + words[1:] in by_surname:
                    words, pre = (words[0][1:],) + words[1:], 1  # "وفقا لغيدني": a preposition on the surname
                if words not in by_surname or len("".join(words)) < 4 or words[0] in rules.name_stoppers:
                    continue
                end = tokens[i + size - 1][1]
                if covered(ts, end):
                    break
                actors = by_surname[words]
                if len(actors) == 1:
                    actor = next(iter(actors))
                else:
                    before = [a for p, a in full_hits if p < ts and a in actors]
                    if not before:
                        break
                    actor = before[-1]
                added.append((ts + pre, end, actor, " ".join(words), "person"))
                break
    # 3. institution anaphors and "المصدر نفسه"
    heads: list[tuple[int, tuple[str, ...], str]] = []  # (position, bare words of the form minus its nisba, actor)
    named = {bare(w) for w in rules.name_anaphors}
    inst = {bare(w) for w in rules.institution_anaphors} | named
    for ns, ne, e in keep:
        words = e.form.split() if e.actor and e.kind != "anaphor" else []
        if len(words) >= 2 and words[-1] in rules.nisba:
            heads.append((ns, tuple(bare(x) for x in words[:-1]), e.actor))
        elif len(words) >= 2 and e.kind == "name" and bare(words[0]) in named:
            heads.append((ns, (bare(words[0]),), e.actor))  # "مجلس سوريا الديمقراطية" ... "المجلس"
    if heads:
        head_words = {h[1][0] for h in heads}
        for i, (ts, te, w) in enumerate(tokens):
            if not (w.endswith("وزاره") or any(w.endswith(x) for x in head_words if x in inst or x == "وزاره")):
                continue
            stripped, pre = strip_proclitic(w)
            if not stripped.startswith("ال") and stripped != "وزاره":
                continue
            for n_words in (2, 1):
                if i + n_words > len(tokens):
                    continue
                seq = [stripped] + [tokens[i + m][2] for m in range(1, n_words)]
                key = tuple(bare(x) for x in seq)
                if n_words == 1 and key[0] not in inst:
                    continue
                if (n_words == 1 and nisba_like(stripped) and i >= 1 and is_definite(tokens[i - 1][2])
                        and not sep(tokens[i - 1][1], ts)):
                    break  # "السياسة الخارجية", "الشؤون الخارجية": the adjective of the noun before it
                if n_words == 2 and (key[0] not in inst and bare("وزاره") != key[0]):
                    continue
                e_end = tokens[i + n_words - 1][1]
                if covered(ts, e_end):
                    break
                nxt = i + n_words
                if nxt < len(tokens) and (tokens[nxt][2] in rules.nisba or (
                        key[0] in named and is_definite(tokens[nxt][2]) and nisba_like(tokens[nxt][2])
                        and not sep(e_end, tokens[nxt][0]))):
                    break  # "الوزارة الروسية", "المجلس الوطني الكردي", "الوحدات السكنية": another noun phrase
                # the same head noun ("الوزارة" / "وزارة الخارجية الروسية"), or the same institution
                # ("وزارة الخارجية" / "الخارجية الأمريكية", "الخارجية" / "وزارة الخارجية الروسية")
                cands = [h for h in heads if h[0] < ts and ts - h[0] <= _WINDOW
                         and (h[1] == key or key[-1] == h[1][-1] or (n_words == 1 and key[0] == h[1][0]))]
                if cands:
                    added.append((ts + pre, e_end, cands[-1][2], " ".join(seq), "anaphor"))
                    break
    # 3b. a demonstrative + a force noun ("هذه القوات") refers back to the last mention with that noun
    if rules.demonstratives and rules.demonstrative_heads:
        mention_words: list[tuple[int, frozenset[str], str]] = []  # (position, bare words, actor)
        for ns, ne, e in keep:
            if e.actor and e.kind != "person":
                mention_words.append((ns, frozenset(bare(x) for x in view[ns + 1:ne + 1].split()), e.actor))
        for ns, ne, actor, _alias, kind in added:
            if kind != "person":
                mention_words.append((ns, frozenset(bare(x) for x in view[ns + 1:ne + 1].split()), actor))
        mention_words.sort(key=lambda m: m[0])
        endings = tuple(rules.demonstratives)  # a demonstrative behind a proclitic ends the word
        for i, (ts, te, w) in enumerate(tokens[:-1]):
            if not w.endswith(endings):
                continue
            demonstrative = morphology.strip_proclitic(w, rules.demonstratives, PROCLITICS)
            if demonstrative not in rules.demonstratives:
                continue
            pre = len(w) - len(demonstrative)
            ns2, ne2, noun = tokens[i + 1]
            if sep(te, ns2) or not is_definite(noun) or strip_proclitic(noun)[1]:
                continue
            group = next((g for g in rules.demonstrative_heads if bare(noun) in g), None)
            if group is None or covered(ts, ne2):
                continue
            if i + 2 < len(tokens) and tokens[i + 2][2] in rules.nisba and not sep(ne2, tokens[i + 2][0]):
                continue  # "هذه القوات الأمريكية": the nisba names the actor
            before = [m for m in mention_words if m[0] < ts and ts - m[0] <= _WINDOW and m[1] & group]
            if before:
                added.append((ts + pre, ne2, before[-1][2], view[ts + pre + 1:ne2 + 1], "anaphor"))
    # 2. unnamed officials and sources
    inst_words = ({bare(w) for w in rules.institution_anaphors} | {"وزاره"}) - {"حكومه", "قياده"}
    for i, (ts, te, w) in enumerate(tokens):
        if w not in rules.official_nouns or covered(ts, te):
            continue
        end = te
        k = i + 1
        if k < len(tokens) and not sep(te, tokens[k][0]) and (
                bare(tokens[k][2]) in rules.adjectives or (tokens[k][2] not in rules.nisba and tokens[k][2].endswith(("ي", "يون", "يين")) and len(tokens[k][2]) > 4)):
            end = tokens[k][1]
            k += 1
        if k >= len(tokens) or sep(end, tokens[k][0]):
            continue
        target = None
        nxt = tokens[k]
        attached = False
        if nxt[2] in rules.official_links and k + 1 < len(tokens) and not sep(nxt[1], tokens[k + 1][0]):
            target = tokens[k + 1][0]
            offs = (0, 1, 2)
        elif nxt[2][:1] in ("ب", "ل") and not (i >= 1 and _matches_stem(tokens[i - 1][2], rules.party_before_b)):
            # "مسؤولون بالإدارة الأمريكية", "مسؤول بالتحالف"; not "رحب مصدر بالخارجية" (the verb's ب)
            target = nxt[0]
            offs = (1, 2)
            attached = bare(nxt[2][1:]) not in inst_words
        if target is None:
            continue
        # the lexicon's own mentions (a licensed anaphor too: "مسؤول في التحالف", "مصدر في التنظيم"), or an
        # institution anaphor of the rules after باسم; after an attached ب/ل an institution noun, or a
        # listed organisation ("مسؤول بالتحالف", "مصدر بالجيش السوري"), never a person ("التقى مسؤول بلافروف")
        for ns, actor, kind, listed in ([(k[0], k[2].actor, k[2].kind, True) for k in keep]
                                        + [(a[0], a[2], a[4], False) for a in added]):
            if not actor or ns - target not in offs:
                continue
            if attached and (not listed or kind == "person"):
                continue
            if kind != "anaphor" or listed or nxt[2] == "باسم":
                added.append((ts, end, actor, norm_text[ts:end], "person"))
                break
    persons = sorted([(k[0], k[2].actor) for k in keep if k[2].actor and k[2].kind == "person"]
                     + [(a[0], a[2]) for a in added if a[4] == "person"])

    # "المصدر نفسه" refers back to an unnamed source or official ("مصدر في الخارجية الروسية", "مسؤول
    # أمريكي"), never to a named person the text reports on ("بعد إعلان ترامب ... نقلا عن المصدر نفسه" is
    # the agency named before); "المتحدث نفسه" may be a named spokesman
    def unnamed(alias: str) -> bool:
        return bool(alias) and alias.split()[0] in rules.official_nouns

    sources_before = sorted([(k[0], k[2].actor) for k in keep
                             if k[2].actor and k[2].kind in ("person", "descriptor") and unnamed(k[2].form)]
                            + [(a[0], a[2]) for a in added if a[4] == "person" and unnamed(a[3])])
    for phrase in rules.same_source:
        start = 0
        while True:
            p = view.find(" " + phrase + " ", start)
            if p < 0:
                break
            start = p + 1
            ns, ne = p, p + len(phrase)
            pool = sources_before if phrase.split()[0][2:] in rules.source_nouns else persons
            before = [(pos, a) for pos, a in pool if pos < ns and ns - pos <= _WINDOW]
            if before and not covered(ns, ne):
                added.append((ns, ne, before[-1][1], phrase, "anaphor"))
    if not added:
        return keep
    out = list(keep)
    for ns, ne, actor, alias, kind in added:
        idx = synthetic_entry(lexicon, actor=actor, alias=alias, kind=kind, source="people rule")
        out.append((ns, ne, lexicon.entries[idx]))
    out.sort(key=lambda k: (k[0], k[1]))
    return out
