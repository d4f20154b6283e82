"""Matching actor mentions: one pass of the compiled automaton over the view of a normalized text, then
leftmost-longest resolution, places after a place cue, coordinated nisbas, and the licensing of anaphora.

The rules are described in :mod:`analysis.actors`; the lexicon they match is :mod:`analysis.actor_lexicon`.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Literal

import numpy as np
from . import actor_rules, context_rules, nisba, offices, people, wings
from .normalize import Normalized, normalize
from .segment import Segmentation, segment
from .actor_lexicon import Entry, Lexicon, Mention, _agree, load_lexicon
from .phrases import leftmost_longest, match_view

# Inside a multiword match the words may not be split by a line break or by punctuation touching a space
# (". " "، " " (" ...): that is two phrases. Word-internal punctuation (ي.ب.ك, سوريا-الديمقراطية) is fine.
_PUNCT = r"[^\w\s\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
_BAD_SEPARATOR = re.compile(rf"[\n\r]|{_PUNCT}\s|\s{_PUNCT}")
_QUOTES_RE = re.compile(r'"[^"\n]*"|«[^»\n]*»|“[^”\n]*”|„[^“”\n]*[“”]')


def _candidates(lexicon: Lexicon, norm_text: str, view: str) -> list[tuple[int, int, int, bool, int]]:
    """Leftmost-longest, non-overlapping hits: (norm start, norm end, entry index, via ب, key start)."""
    matcher = lexicon.automaton
    if matcher is None or not len(matcher):
        return []
    hits = []
    for key_start, _, (idx, prefix, surface, multiword, via_b) in matcher.hits(view):
        ns = key_start + prefix  # the key's first character is at normalized index key_start
        ne = ns + surface
        if multiword and _BAD_SEPARATOR.search(norm_text, ns, ne):
            continue  # the words of the form are separated by punctuation or a line break in the text
        hits.append((ns, ne, (idx, via_b, key_start)))
    return [(ns, ne, idx, via_b, key_start) for ns, ne, (idx, via_b, key_start) in leftmost_longest(hits)]


_COORDINATED = re.compile(r"[ \t]+و(\w+)(?!\w)")


def _coordinated_nisbas(
    lexicon: Lexicon, norm_text: str, view: str, found: list[tuple[int, int, int, bool, int]]
) -> list[tuple[int, int, int, bool, int]]:
    """Add the second (third...) nisba of "HEAD NISBA1 وNISBA2": "القوات الأمريكية والتركية" is also TURKEY.

    Only after a descriptor whose last word is a nisba, only with و attached and nothing but spaces in
    between, only when NISBA2 agrees with NISBA1 (same ending and article) and the lexicon itself has
    "HEAD NISBA2" as a descriptor of another actor (so the head is one that actor's agents take). The new
    candidate spans the nisba word (without و) and stands for that generated descriptor entry. After a
    listed non-mention ("المواطنين السوريين والأتراك") the coordinated nisba shares the non-actor head, so a
    standalone plural there (الأتراك) is dropped.
    """
    if not lexicon.nisba_class or not found:
        return found
    entries = lexicon.entries
    starts = [c[0] for c in found]
    taken = {(c[0], c[1]) for c in found}
    added: list[tuple[int, int, int, bool, int]] = []
    dropped: set[int] = set()
    for ns, ne, idx, _via_b, _ks in found:
        e = entries[idx]
        if not e.actor and e.kind == "exclude" and " " in e.form:
            cls = lexicon.nisba_class.get(e.form.rsplit(" ", 1)[1])
            pos = ne
            while cls is not None:
                m = _COORDINATED.match(norm_text, pos)
                if m is None or not _agree(lexicon.nisba_class.get(view[m.start(1) + 1 : m.end(1) + 1]), cls):
                    break
                k = bisect.bisect_left(starts, m.start(1))
                if k < len(found) and found[k][0] == m.start(1) and found[k][1] == m.end(1):
                    dropped.add(k)
                pos = m.end(1)
            continue
        if not e.actor or e.kind not in ("descriptor", "name") or " " not in e.form:
            continue  # a name ending in a nisba shares its head too: "الحكومة السورية والروسية"
        head, first = e.form.rsplit(" ", 1)
        cls = lexicon.nisba_class.get(first)
        if cls is None:
            continue
        seen_actors = {e.actor}
        pos = ne
        while True:
            m = _COORDINATED.match(norm_text, pos)
            if m is None:
                break
            ws, we = m.start(1), m.end(1)
            word = view[ws + 1 : we + 1]  # the match view's spelling of the word (view index = norm + 1)
            if not _agree(lexicon.nisba_class.get(word), cls):
                break
            j = lexicon.form_index.get(f"{head} {word}")
            if j is None or not entries[j].actor or entries[j].kind != "descriptor":
                break
            k = bisect.bisect_right(starts, ws) - 1
            if (k >= 0 and found[k][1] > ws) or (ws, we) in taken:
                break  # the word is already part of another candidate
            if entries[j].actor not in seen_actors:
                added.append((ws, we, j, False, ws - 1))
                taken.add((ws, we))
                seen_actors.add(entries[j].actor)
            pos = we
    if dropped:
        found = [c for k, c in enumerate(found) if k not in dropped]
    if not added:
        return found
    return sorted(found + added)


def _after_place_cue(view: str, key_start: int, cues: frozenset[str]) -> bool:
    """Is the word before the key a place cue, itself possibly with a conjunction (وفي, ومن)?"""
    words = view[max(0, key_start - 40) : key_start].split()
    if not words:
        return False
    word = words[-1]
    return word in cues or (len(word) > 2 and word[0] in "وف" and word[1:] in cues)


def _quote_spans(text: str) -> tuple[np.ndarray, np.ndarray]:
    spans = [(m.start(), m.end()) for m in _QUOTES_RE.finditer(text)]
    if not spans:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    arr = np.asarray(spans, dtype=np.int64)
    return arr[:, 0], arr[:, 1]


#: How far ahead (normalized characters, two or three sentences) the next licensing name may be.
AHEAD_WINDOW = 600


def _licensed_ahead(entries: list[Entry], found: list[tuple[int, int, int, bool, int]], order: int,
                    e: Entry) -> bool:
    """Is the next named mention of a licensing actor or a rival, within :data:`AHEAD_WINDOW`, a licence?

    News leads often say "the Kurds" a sentence before naming the YPG; the reference is as clear as an
    antecedent when the next actor of the kind named is the licensing one and no rival comes first (the
    caller also requires that no rival was named before: "... الكردستاني الذي يقاتل من أجل استقلال
    الأكراد في تركيا" stays the people)."""
    end = found[order][1]
    for ns, _ne, idx, _b, _k in found[order + 1:]:
        if ns - end > AHEAD_WINDOW:
            return False
        nxt = entries[idx]
        if nxt.needs_antecedent:
            continue
        if (nxt.actor or nxt.tag) in e.rivals:
            return False
        if nxt.actor in e.licensed_by:
            return True
    return False


def _linked_rival(text: str, found: list[tuple[int, int, int, bool, int]], licence: int, rival: int,
                  anaphor_start: int) -> bool:
    """Is the rival named in the licensing mention's own sentence, after it, and the anaphor in a later one?

    A sentence that names the licensing actor and then a rival relates the two ("تعتبر أنقرة وحدات حماية
    الشعب امتدادا لحزب العمال الكردستاني"): the article is still about the licensing actor, so the rival does
    not take over the next sentence's anaphor. Within that sentence it does: "... الكردستاني الذي يقاتل من
    أجل استقلال الأكراد في تركيا" is the Kurds of Turkey."""
    between = text[found[licence][1]:found[rival][0]]
    after = text[found[rival][1]:anaphor_start]
    return not actor_rules.SENTENCE_END.search(between) and bool(actor_rules.SENTENCE_END.search(after))


def _rival_drops(lexicon: Lexicon, text: str, view: str, found: list[tuple[int, int, int, bool, int]],
                 last_seen: dict[str, int], e: Entry, ns: int, ne: int) -> bool:
    """Does a rival named before drop this form, which needs no antecedent?

    By default any rival named earlier in the document does ("طائرات التحالف" after the Saudi-led
    coalition). With ``rivals_since_own`` only a rival named after the actor's own last mention does, and
    not one its licensing sentence relates to it (:func:`_linked_rival`) nor when a place the actor's
    forces hold or its own country is in the sentence: "المقاتلين الأكراد" after the Peshmerga in an article
    on Iraq are the
    Iraqi Kurds, after the YPG and then the PKK in "تعتبر أنقرة الوحدات امتدادا لحزب العمال" they are the
    SDF's."""
    rival = max((last_seen.get(r, -1) for r in e.rivals), default=-1)
    if rival < 0:
        return False
    if not e.rivals_since_own:
        return True
    own = last_seen.get(e.actor, -1)
    if own > rival or (own >= 0 and _linked_rival(text, found, own, rival, ns)):
        return False
    return not (context_rules.licensed_by_place(lexicon, text, view, ns, ne, e.actor)
                or context_rules.in_home_country(lexicon, text, view, ns, ne, e.actor))


def mentions_in(norm: Normalized, seg: Segmentation, lexicon: Lexicon) -> list[Mention]:
    """Mentions in one document already normalized (with ``lexicon.normalization``) and segmented."""
    lexicon = actor_rules.TextLexicon(lexicon)  # the rules' own entries for this text, never the shared lexicon's
    view = match_view(norm.text)
    found = _candidates(lexicon, norm.text, view)
    found = context_rules.quoted_names(lexicon, norm.text, found)
    found = _coordinated_nisbas(lexicon, norm.text, view, found)
    found = nisba.apply(lexicon, norm.text, view, found)
    found = context_rules.drop_datelines(lexicon, norm.text, found)
    found = context_rules.other_alliances(lexicon, norm.text, view, found)
    found = context_rules.led_coalitions(lexicon, norm.text, view, found)
    if not found:
        return []
    entries = lexicon.entries
    cues = lexicon.place_cues
    # One pass in text order decides what counts; licences only look backwards, except the
    # same-sentence licence, checked at the end against the sentence's named actors.
    last_seen: dict[str, int] = {}  # actor code / exclusion tag -> order of its last named mention
    # The headline sums up the body: an anaphor there may be licensed by the body's names (below).
    headline_end = norm.text.find("\n")
    named_in_doc = {entries[c[2]].actor or entries[c[2]].tag for c in found if not entries[c[2]].needs_antecedent}
    keep: list[tuple[int, int, Entry]] = []  # (norm start, norm end, entry)
    maybe: list[int] = []  # positions in keep of antecedent-needing forms licensed only by their sentence
    for order, (ns, ne, idx, via_b, key_start) in enumerate(found):
        e = entries[idx]
        if not e.actor:
            if e.tag:
                last_seen[e.tag] = order
            continue
        if context_rules.of_another_country(lexicon, norm.text, view, ne, e.actor):
            continue  # "مصدر كردي عراقي": the Kurds of another country
        if e.place and not context_rules.official_at_seat(lexicon, e, view, key_start) and ((via_b and not context_rules.party_after_b(lexicon, view, key_start))
                        or (_after_place_cue(view, key_start, cues)
                                  and not context_rules.party_after_preposition(lexicon, view, key_start))
                        or context_rules.place_by_construction(lexicon, norm.text, view, ns, key_start, cues)
                        or context_rules.facility_as_place(lexicon, e, view, key_start)
                        or context_rules.visited_seat(lexicon, e, norm.text, ns)):
            continue
        if e.needs_antecedent:
            licence = max((last_seen.get(a, -1) for a in e.licensed_by), default=-1)
            rival = max((last_seen.get(r, -1) for r in e.rivals), default=-1)
            if 0 <= licence < rival and _linked_rival(norm.text, found, licence, rival, ns):
                rival = -1  # "وتعتبر أنقرة الوحدات امتدادا لحزب العمال الكردستاني. ويتهم الأكراد ..."
            if not (licence >= 0 and rival < licence):
                if (0 <= ns < headline_end and any(a in named_in_doc for a in e.licensed_by)
                        and not any(r in named_in_doc for r in e.rivals)):
                    pass  # a headline anaphor, licensed by the body and with no rival in the document
                elif (any(a in named_in_doc for a in e.licensed_in_document_by)
                        and not any(r in named_in_doc for r in e.rivals)):
                    pass  # "التحالف" in an article about ISIS or the SDF that names no other alliance
                elif e.licensed_ahead and rival < 0 and _licensed_ahead(entries, found, order, e):
                    pass  # "مساعدة الأكراد الذين يقاتلون ..." in the lead, the YPG named a sentence on
                elif rival < 0 and context_rules.licensed_by_place(lexicon, norm.text, view, ns, ne, e.actor):
                    pass  # "عملية ضد الأكراد في عفرين": the forces holding the place
                elif not e.licensed_in_sentence_by:
                    continue
                else:
                    maybe.append(len(keep))
        else:
            if e.rivals and _rival_drops(lexicon, norm.text, view, found, last_seen, e, ns, ne):
                continue  # e.g. "طائرات التحالف" after the Saudi-led coalition was named
            last_seen[e.actor] = order
        keep.append((ns, ne, e))
    if keep:
        maybe_ids = {id(keep[i]) for i in maybe}
        keep = offices.possessed(lexicon, norm.text, view, keep)
        keep = people.discover(lexicon, norm.text, view, keep, raw_of=lambda i: norm.raw[int(norm.starts[i])])
        keep = wings.apply(lexicon, norm.text, view, keep)
        maybe = [i for i, k in enumerate(keep) if id(k) in maybe_ids]
    if not keep:
        return []
    ns_arr = np.fromiter((k[0] for k in keep), dtype=np.int64, count=len(keep))
    ne_arr = np.fromiter((k[1] for k in keep), dtype=np.int64, count=len(keep))
    starts, ends = norm.raw_spans(ns_arr, ne_arr)
    sentences = seg.sentences
    if sentences:
        sent_starts = np.fromiter((x.start for x in sentences), dtype=np.int64, count=len(sentences))
        sids = (np.searchsorted(sent_starts, starts, side="right") - 1).tolist()
    else:
        sids = [-1] * len(keep)
    if maybe:
        named = {(sid, e.actor) for sid, (_, _, e) in zip(sids, keep) if not e.needs_antecedent}
        dropped = {i for i in maybe
                   if not any((sids[i], a) in named for a in keep[i][2].licensed_in_sentence_by)}
    else:
        dropped = set()
    q_starts, q_ends = _quote_spans(norm.raw)
    if len(q_starts):
        qi = np.searchsorted(q_starts, starts, side="right") - 1
        safe = np.maximum(qi, 0)
        quoted = ((qi >= 0) & (starts > q_starts[safe]) & (ends < q_ends[safe])).tolist()
    else:
        quoted = [False] * len(keep)
    raw = norm.raw
    out = []
    for i, ((ns, ne, e), start, end, sid, q) in enumerate(zip(keep, starts.tolist(), ends.tolist(), sids, quoted)):
        if i in dropped:
            continue
        sentence = sentences[sid] if sid >= 0 and start < sentences[sid].end else None
        out.append(Mention(
            start, end, ns, ne, raw[start:end], e.actor, e.component, e.alias, e.kind,
            sentence.sentence_id if sentence else -1, sentence.paragraph_id if sentence else -1,
            bool(sentence and sentence.is_headline), q, bool(sentence and sentence.is_repeated),
        ))
    return out


def find_mentions(
    text: str,
    *,
    lexicon: Lexicon | str | Path | None = None,
    paragraphs: Literal["line", "blank_line"] = "line",
) -> list[Mention]:
    """Actor mentions in one raw text (for notebooks and tests), sorted by start offset."""
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, not {type(text).__name__}")
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    return mentions_in(normalize(text, lex.normalization), segment(text, paragraphs=paragraphs), lex)
