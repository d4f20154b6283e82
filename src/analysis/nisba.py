"""The open nisba rule: any noun + a state's nisba adjective is a mention of that state.

"القرار الأمريكي", "ضربات جوية أمريكية", "النفوذ الروسي", "تصريحات روسية", "السفيرة الأمريكية": a noun
qualified by the nisba of an actor stands for the state's acts, stance, forces or officials (guideline
§6), unless the noun belongs to a non-actor class (citizens, companies, products, media, universities,
places, currencies, languages...: ``non_actor_classes`` in ``lexicons/actor_rules.yaml``). The listed
descriptors of actors.yaml (head sets x nisbas) keep working as before; this rule adds the heads no list
can foresee, for the actors listed in ``open_nisba_actors``.

The rule, on the words of the match view, for a nisba word not already inside a candidate:

1. Walk back over words that chain: another actor's nisba ("مباحثات روسية إيرانية": both count), an
   adjective (a word with a nisba ending or a listed adjective: "ضربات جوية أمريكية"), at most two
   adjectives; no punctuation or line break in between.
2. The word reached is the head. It must agree in definiteness with the nisba (القرار الأمريكي, قرار
   أمريكي; "الطائرة روسية" is a predicate) and must not be a function word or verb of ``not_heads``
   ("كانت سورية أو روسية"). When it fails, the nearest skipped adjective that agrees is tried as the
   head ("في القنصلية الأمريكية").
3. Neither the head nor a skipped word may be of a non-actor class; a following origin word ("روسية
   الصنع") makes it a make, not the state.
4. Span: from the head (without proclitic) to the nisba, kind ``descriptor``; a chained second nisba
   spans the nisba word alone.

Two vetoes apply to listed descriptors too: a standalone plural (الأمريكيين, الروس, الأكراد) right after
a non-actor noun ("أرواح الأمريكيين", "النازحين الأكراد", "مناطق الأكراد") is the people, not the actor;
and a dual nisba (الروسيتين) after a singular head agrees with an earlier dual head, so a non-actor
noun before it decides ("القاعدتين الجوية والبحرية الروسيتين" is not "البحرية الروسيتين", the navy).
"""

from __future__ import annotations

import bisect
from typing import Any

from .actor_rules import (bare, is_definite, nisba_like, non_actor_class, rules_for, strip_proclitic,
                          synthetic_entry, view_tokens)

Candidate = tuple[int, int, int, bool, int]  # (norm start, norm end, entry index, via ب, key start)
_DUAL = ("يان", "يتان", "يتين")  # not يين: also the sound plural
_DASHES = ("-", "–", "—")


def _covering(found: list[Candidate], starts: list[int], pos: int) -> int:
    k = bisect.bisect_right(starts, pos) - 1
    return k if k >= 0 and found[k][1] > pos else -1


def apply(lexicon: Any, norm_text: str, view: str, found: list[Candidate]) -> list[Candidate]:
    """Vetoes on listed candidates, then the open rule's new candidates; sorted by start."""
    from .actor_matching import _BAD_SEPARATOR

    rules = rules_for(lexicon)
    tokens = view_tokens(view)
    if not tokens:
        return found
    tok_starts = [t[0] for t in tokens]
    entries = lexicon.entries

    def prev_word(pos: int) -> tuple[int, int, str] | None:
        j = bisect.bisect_right(tok_starts, pos) - 1  # the word holding pos (after a proclitic)...
        j -= 1  # ...and the word before it
        if j < 0:
            return None
        t = tokens[j]
        if _BAD_SEPARATOR.search(norm_text, t[1], pos) or "\n" in norm_text[t[1]:pos]:
            return None
        return t

    kept: list[Candidate] = []
    for c in found:
        e = entries[c[2]]
        if e.actor and e.kind == "descriptor":
            words = e.form.split()
            if len(words) == 1 and rules.nisba.get(words[0]):
                p = prev_word(c[0])
                if p is not None and non_actor_class(rules, [p[2]]):
                    continue  # "أرواح الأمريكيين", "النازحين الأكراد"
            elif (len(words) >= 2 and words[-1].endswith(_DUAL) and rules.nisba.get(words[-1])
                  and not bare(words[-2]).endswith(("ين", "ان"))):
                pos, drop = c[0], False
                for _ in range(3):  # the dual head the nisba agrees with, over the coordinated adjectives
                    p = prev_word(pos)
                    if p is None:
                        break
                    if bare(p[2]).endswith(("ين", "ان")):
                        drop = bool(non_actor_class(rules, [p[2]]))
                        break
                    pos = p[0]
                if drop:
                    continue  # "القاعدتين الجوية والبحرية الروسيتين": the dual agrees with the bases
        kept.append(c)
    found = kept
    if not rules.open_actors:
        return found
    starts = [c[0] for c in found]
    added: list[Candidate] = []
    n = len(tokens)
    for k, (ts, te, word) in enumerate(tokens):
        coord = False
        info = rules.nisba.get(word)
        if info is None and word.startswith("و") and len(word) > 3:
            info, coord = rules.nisba.get(word[1:]), True
        if info is None or info[0] not in rules.open_actors:
            continue
        if _covering(found, starts, ts) >= 0:
            continue
        actor, definite, ending = info
        if k + 1 < n and tokens[k + 1][2] in rules.origin_words:
            continue
        head = _head(rules, tokens, k, definite, norm_text, found, starts, entries)
        if head is None:
            continue
        j, prefix, chained = head
        ns = ts + (1 if coord else 0) if chained else tokens[j][0] + prefix
        if ending in ("ان", "تان", "تين") and not chained:
            if not bare(tokens[j][2]).endswith(("ين", "ان")):
                continue
        if ending == "ا" and not chained and not bare(tokens[j][2]).endswith(_ACCUSATIVE_HEAD):
            continue  # "جنرالا أمريكيا", "اعتداء إيرانيا": the head agrees; "يلتزم لبنانيا", "سيحدث أميركيا" are adverbs
        alias = norm_text[ns:te] if not chained else word[1:] if coord else word
        idx = synthetic_entry(lexicon, actor=actor, alias=alias, kind="descriptor", source="open nisba rule")
        added.append((ns, te, idx, False, ns))
    if not added:
        return found
    out = sorted(found + added)
    # the open rule never overlaps a listed candidate (checked above) nor another added one
    clean: list[Candidate] = []
    last = -1
    for c in out:
        if c[0] >= last:
            clean.append(c)
            last = c[1]
    return clean


#: How an indefinite accusative head ends (normalized: the tanween is gone), so that a nisba with the accusative
#: alif agrees with it: ـا ("ردا"), ـاء/ـء ("اعتداء"), ـى written ي ("مسعى").
_ACCUSATIVE_HEAD = ("ا", "ء", "ي")


def _agree(a: str, b: str) -> bool:
    plural = ("ون", "ين", "broken")
    return a == b or (a in plural and b in plural and "broken" in (a, b))


def _head(rules, tokens, k, definite, norm_text, found, starts, entries):
    """(token index of the head, proclitic length, chained?) for the nisba at ``k``, or None."""
    from .actor_matching import _BAD_SEPARATOR

    j = k - 1
    chained = False
    skipped: list[int] = []
    while j >= 0:
        ps, pe, pw = tokens[j]
        between = norm_text[pe:tokens[j + 1][0]]
        # a dash may join a chain of nisbas ("مركز التنسيق الإيراني - الروسي - التركي"), never a head
        dash = between.strip() in _DASHES
        if not dash and (_BAD_SEPARATOR.search(norm_text, pe, tokens[j + 1][0]) or "\n" in between):
            break
        c = _covering(found, starts, ps)
        if c >= 0:
            ending = rules.nisba[tokens[k][2]][2] if tokens[k][2] in rules.nisba else rules.nisba[tokens[k][2][1:]][2]
            e = entries[found[c][2]]
            last = e.form.split()[-1] if e.form else ""
            if (e.actor and e.kind == "descriptor" and found[c][1] == pe and " " in e.form
                    and rules.nisba.get(last) and rules.nisba[last][1] == definite
                    and _agree(rules.nisba[last][2], ending)):
                return (j, 0, True)  # "القوات الروسية الإيرانية": chained to a listed descriptor
            return None
        info = rules.nisba.get(pw) or (rules.nisba.get(pw[1:]) if pw.startswith("و") else None)
        if info is not None and info[1] == definite:
            chained = True
            j -= 1
            continue
        if dash:
            if nisba_like(pw):
                j = -1  # "الحدود المكسيكية - الأمريكية": another nisba is no head across the dash
            break  # "الطرفان –الروسي والإسرائيلي-": a head before a parenthetical dash
        if (len(skipped) < 2 and is_definite(pw) == definite
                and (nisba_like(pw) or bare(pw) in rules.adjectives) and pw not in rules.not_heads):
            skipped.append(j)
            j -= 1
            continue
        break
    candidates = ([j] if j >= 0 else []) + skipped[::-1]
    for h in candidates:
        hw = tokens[h][2]
        if hw in rules.not_heads or bare(hw) in rules.not_heads or hw.isdigit() or len(bare(hw)) < 2:
            continue
        if is_definite(hw) != definite:
            continue
        span_words = [tokens[i][2] for i in range(h, k)]
        if any(non_actor_class(rules, span_words[: i + 1]) for i in range(len(span_words))):
            return None
        if h >= 1 and non_actor_class(rules, [tokens[h - 1][2], hw]):
            return None  # a two-word non-actor noun ("وسائل الإعلام")
        prefix = strip_proclitic(hw)[1] if definite else 0
        if definite and h >= 1 and not _BAD_SEPARATOR.search(norm_text, tokens[h - 1][1], tokens[h][0]):
            pw = tokens[h - 1][2]  # a construct noun before the head: "وزير الخارجية الفرنسي"
            for cut in (0, 1) if prefix == 0 else ():
                w = pw[cut:]
                if not w.startswith("ال") and (w in rules.role_nouns or w in rules.construct_nouns):
                    return (h - 1, cut, chained)
        return (h, prefix, chained)
    return None
