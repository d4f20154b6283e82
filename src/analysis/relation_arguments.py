"""The argument rules: for one trigger occurrence in a sentence, who is the source and who the target
(docs/network.md, "Argument rules"; the column ``rule`` names the rule that fired).

Actors coordinated by و share one role: both sources or both targets, never source and target of each
other; only a symmetric trigger (اتفق، اشتباكات بين) relates the members of a pair, once per pair, the
first written as source.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from . import morphology
from .relation_clauses import Clause, Mention, Sentence, conjoined, phrase_at
from .relation_lexicon import RelationLexicon, Trigger

#: The ``kind`` of a mention made from a word that refers to a statement's speaker (analysis.relation_speakers).
SPEAKER_REFERENCE = "speaker_reference"

__all__ = ["Found", "sentence_relations"]

#: Mention kinds a trigger inside them never heads as a description of the agent: a name holding a trigger
#: word ("حلف الناتو") and a person mention.
_NONHEAD_KINDS = frozenset({"name", "person"})
#: How many tokens after an aim preposition (على، ضد) or a noun of what is aimed at (أهداف) an actor may stand
#: and still be in the phrase it opens: a head noun, adjectives and a conjunct ("على أهداف عسكرية سورية وإيرانية").
_AIM_REACH = 5
_HEAD_REACH = 3


_COLONS = (":", "؛", ";")  # punctuation, not vocabulary: the marks no pronoun looks back across


@dataclass
class Found:
    relation: str
    source: Mention
    target: Mention
    trig_first: int
    trig_last: int
    rule: str
    trigger: Trigger


def _before(clause: Clause, tok: int, max_gap: int) -> list[Mention]:
    """Mentions of the clause that end before token ``tok``, nearest first, within ``max_gap`` tokens."""
    return [m for m in reversed(clause.mentions) if m.tok_last < tok and tok - m.tok_last <= max_gap]


def _after(clause: Clause, tok: int, max_gap: int, aside: set[int] = frozenset()) -> list[Mention]:  # type: ignore[assignment]
    """Mentions of the clause that start after token ``tok`` within ``max_gap`` tokens, not counting the
    tokens of an agent phrase between commas (``aside``) that stand between."""
    return [m for m in clause.mentions if m.tok_first > tok
            and m.tok_first - tok - sum(1 for t in aside if tok < t < m.tok_first) <= max_gap]


def _preceded_by(sent: Sentence, m: Mention, words: frozenset[str]) -> bool:
    """Is the mention introduced by one of ``words`` (a separate token, conjunction و allowed: ومع)?"""
    if m.tok_first == 0:
        return False
    prev = sent.tokens[m.tok_first - 1]
    return not prev.punct and (prev.text in words or (prev.text[:1] in "وف" and prev.text[1:] in words))


def _governed_by_preposition(sent: Sentence, m: Mention, lexicon: RelationLexicon) -> bool:
    """Is the mention the object of a preposition (a preposition word before it, or ل/ب/ك written on it:
    "قوات تابعة للنظام")? Such an actor is no subject of a verb or noun. Not after a partitive من
    ("مقاتلين من تنظيم داعش هاجموا") or إلى naming the accused or warned ("وجهت الاتهام إلى إسرائيل
    بتنفيذ هجمات"): those actors do act."""
    if any(c in sent.proclitic(m) for c in lexicon.genitive_blocking_proclitics):
        return True
    return _preceded_by(sent, m, lexicon.prepositions - lexicon.agent_prepositions - lexicon.addressee_prepositions)


def _introduced(sent: Sentence, m: Mention, lexicon: RelationLexicon) -> bool:
    """Is the mention a preposition's object, or the genitive or adjective of one ("على مواقع فصائل
    المعارضة", "للاقتصاد التركي": the target is the actor whose positions or economy are aimed at)?"""
    if any(c in sent.proclitic(m) for c in lexicon.genitive_blocking_proclitics) or _preceded_by(
            sent, m, lexicon.prepositions):
        return True
    k = m.tok_first - 1
    if k < 1 or k in sent.mention_tokens or sent.tokens[k].punct:
        return False
    head = sent.tokens[k].text
    if head in lexicon.prepositions or head in lexicon.relative_pronouns:
        return False
    if head.startswith(lexicon.target_proclitics) and head not in lexicon.triggers:
        return True  # "للاقتصاد التركي"
    prev = sent.tokens[k - 1]  # "على مواقع فصائل المعارضة"
    return not prev.punct and (prev.text in lexicon.prepositions
                               or (prev.text[:1] in "وف" and prev.text[1:] in lexicon.prepositions))


def _participle_agent(sent: Sentence, m: Mention, lexicon: RelationLexicon) -> bool:
    """Is the mention the agent of a participle or agent phrase ("الفصائل المدعومة من قبل تركيا")? It
    belongs to that phrase and is no target of another trigger."""
    for k in range(max(0, m.tok_first - 2), m.tok_first):
        if sent.tokens[k].text in lexicon.agent_prepositions and k > 0:
            # "المدعومة من X"; "بدعم من X", "بدعم جوي من X" (a noun, at most one word between)
            for j, kinds in ((k - 1, ("passive", "noun")), (k - 2, ("noun",))):
                if j >= 0 and any(t.kind in kinds and t.agent_phrase
                                  for t in lexicon.triggers.get(sent.tokens[j].text, ())):
                    return True
    return False


def _instrument_noun(sent: Sentence, k: int, lexicon: RelationLexicon) -> bool:
    """Is token ``k`` a noun of an instrumental type written with the preposition ب (بمساعدة، بدعم)?"""
    tok = sent.tokens[k]
    if tok.punct or not tok.text.startswith(("ب", "وب")):
        return False
    return any(t.kind == "noun" and len(t.words) == 1 and t.relation in lexicon.instrumental_types
               and not t.lemma.startswith("ب") for t in lexicon.triggers.get(tok.text, ()))


def _instrument_agent(sent: Sentence, m: Mention, lexicon: RelationLexicon, after: int = -1) -> bool:
    """Is the mention the actor of an instrumental noun standing after token ``after``: its genitive
    (بمساعدة روسيا) or a descriptor the noun heads (بدعم روسي)? Such an actor stands in a prepositional
    phrase: no subject or target of another trigger."""
    if m.tok_last > m.tok_first and m.tok_first > after and _instrument_noun(sent, m.tok_first, lexicon):
        return True
    return m.tok_first - 1 > after and _instrument_noun(sent, m.tok_first - 1, lexicon)


def _between_of_another_word(sent: Sentence, m: Mention, lexicon: RelationLexicon) -> bool:
    """Is the mention introduced by بين that follows a word that is no trigger ("الفاصل بين الجانبين")? Such a
    pair belongs to that word; after a trigger ("مفاوضات بين المعارضة وروسيا بشأن وقف المعارك") it is the
    pair of the events the sentence is about."""
    k = m.tok_first - 1
    if k < 1 or sent.tokens[k].text not in lexicon.between_prepositions:
        return False
    prev = sent.tokens[k - 1]
    return prev.punct or prev.text not in lexicon.triggers


def _pronoun_subject(token: str, trig: Trigger, lexicon: RelationLexicon,
                     suffixes: tuple[str, ...] | None = None) -> bool:
    """Is a perfect verb written with a suffix of a dual or plural subject ("وناقشا", "هاجموا"; ``suffixes``:
    others)? Its subject is that pronoun (or an actor before it), never an actor after it."""
    for p in ("", "و", "ف"):
        if token.startswith(p + trig.lemma):
            rest = token[len(p) + len(trig.lemma):]
            if any(rest.startswith(suf) and rest[len(suf):] in lexicon.verb_enclitics
                   for suf in (lexicon.pronoun_subject_suffixes if suffixes is None else suffixes)):
                return True
    return False


def _clause_of(sent: Sentence, m: Mention) -> Clause:
    return sent.clauses[sent.tokens[m.tok_first].clause]


def _targets_after(sent: Sentence, clause: Clause, tok: int, trig: Trigger, source: Mention | None,
                   lexicon: RelationLexicon) -> list[Mention]:
    group = sent.conjuncts(source) if source is not None else []
    if group and tok == group[-1].tok_last:
        group, tok = _with_apposition(sent, clause, group)
    cands = [m for m in _after(clause, tok, lexicon.max_after, sent.distance_free)
             if m not in group and not _participle_agent(sent, m, lexicon)
             and not _instrument_agent(sent, m, lexicon, after=tok)
             and not _participle_between(sent, tok, sent.conjuncts(m)[0].tok_first, lexicon)
             and not _preceded_by(sent, sent.conjuncts(m)[0], lexicon.attribution_words)
             and not _subordinate_between(sent, tok, m.tok_first, lexicon)]
    if trig.target_prepositions:
        # every actor introduced by a target preposition ("مع التحالف ... ومع الأكراد"), and its conjuncts
        heads = [m for m in clause.mentions if m.tok_first > tok and m not in group
                 and (_preceded_by(sent, m, trig.target_prepositions) or _owner_after(sent, m, trig.target_prepositions, lexicon)
                      or _joined_preposition(sent, m, trig.target_prepositions, lexicon))
                 and (m.tok_first - tok - sum(1 for t in sent.distance_free if tok < t < m.tok_first) <= lexicon.max_after
                      or m in cands or _chain(sent, clause, m, tok, trig))]
        return list(dict.fromkeys(c for h in heads for c in sent.conjuncts(h) if c not in group))
    if trig.relation in lexicon.control_types:
        held = _area_holder(sent, tok, lexicon)
        if held is not None and held not in group and (not cands or cands[0].tok_first >= held.tok_first):
            return [c for c in sent.conjuncts(held) if c not in group]
    if (cands and trig.agent_phrase and _preceded_by(sent, cands[0], lexicon.agent_prepositions)
            and not _partitive(sent, cands[0], lexicon)):
        return []  # "هجوم ... من X": X is an agent, not a target (not of a type whose من names the object: قلقها من)
    if (cands and not trig.symmetric and trig.relation in lexicon.comitative_types
            and _preceded_by(sent, cands[0], lexicon.comitative_prepositions)):
        return []  # "شارك في الضربات مع التحالف": a partner, not a target
    return sent.conjuncts(cands[0]) if cands else []


def _subordinate_between(sent: Sentence, after: int, before: int, lexicon: RelationLexicon) -> bool:
    """Does a time subordinator (عندما، بعدما) stand between tokens ``after`` and ``before``? An actor past it is
    in the time clause ("لم يتحرك الجيش الأميركي لمساعدة الفصائل بعدما شن النظام هجوما"), no object of the
    verb before it."""
    return any(not sent.tokens[t].punct and sent.tokens[t].text in lexicon.subordinators for t in range(after + 1, before))


def _with_apposition(sent: Sentence, clause: Clause, group: list[Mention]) -> tuple[list[Mention], int]:
    """The source group extended by the mentions of its own actors written right after it, in apposition
    ("حذر الرئيس الروسي فلاديمير بوتين نظيره الفرنسي", "انتقد وزير الخارجية الألماني، هايكو ماس، الأحد،
    روسيا": a title and its holder's name are one argument), and the token where the group then ends: the
    target is searched after the name, not taken to be it."""
    actors = {m.actor for m in group}
    group, end = list(group), group[-1].tok_last
    for m in clause.mentions:
        if m.tok_first <= end:
            continue
        between = range(end + 1, m.tok_first)
        if m.actor not in actors or any(not (sent.tokens[t].punct or t in sent.distance_free) for t in between):
            break
        group.append(m)
        end = m.tok_last
    return group, end


def _area_holder(sent: Sentence, tok: int, lexicon: RelationLexicon) -> Mention | None:
    """The actor holding the area an attack after token ``tok`` is aimed at: an area noun right after ``tok``
    or after an aim preposition (على، ضد), at most one adjective, a control phrase, then the actor
    ("هجوما كبيرا على المناطق التي تسيطر عليها المعارضة", "قصفت قوات النظام مناطق سيطرة الفصائل")."""
    toks = sent.tokens
    k, seen = tok + 1, 0
    while k < len(toks) and seen <= lexicon.max_after:
        if k in sent.distance_free:
            k += 1
            continue
        if toks[k].punct or k in sent.mention_tokens:
            return None
        seen += 1
        prev = k - 1
        while prev > tok and prev in sent.distance_free:
            prev -= 1
        if toks[k].text in lexicon.area_nouns and (prev == tok or toks[prev].text in lexicon.aim_prepositions):
            for j in (k + 1, k + 2):
                if j >= len(toks) or toks[j].punct or j in sent.mention_tokens:
                    return None
                phrase = phrase_at(toks, j, lexicon.control_phrases.get(toks[j].text, ()))
                if phrase is not None:
                    after = j + len(phrase)
                    return next((m for m in sent.mentions if m.tok_first == after), None)
            return None
        k += 1
    return None


def _personal(sent: Sentence, clause: Clause, m: Mention, lexicon: RelationLexicon) -> bool:
    """Is the mention (with the names in apposition after it) a person: a name of kind ``person`` or a title
    of ``person_heads`` ("الرئيس السوري بشار الأسد", "القيادي الكردي")?"""
    group = [m] if m not in clause.mentions else _with_apposition(sent, clause, [m])[0]
    return any(g.kind == "person" or sent.tokens[g.tok_first].text in lexicon.person_heads for g in group)


def _participle_between(sent: Sentence, after: int, before: int, lexicon: RelationLexicon) -> bool:
    """Does a participle trigger (مدعومة، بقيادة) stand between tokens ``after`` and ``before``? An actor
    after it is the participle's agent ("موسكو تعارض القرار مدعومة بدمشق"), no target of the trigger before."""
    return any(not sent.tokens[t].punct and any(tr.kind == "passive" for tr in lexicon.triggers.get(sent.tokens[t].text, ()))
               for t in range(max(after + 1, before - 2), before))


def _genitive_of_governed(sent: Sentence, m: Mention, lexicon: RelationLexicon) -> bool:
    """Is the mention the genitive of a noun written with ل ("التحالف الدولي لمحاربة داعش"، "انتقادات لتدخلات
    إيران"): an actor that is no subject of a trigger after it? (Not ب: "بمواقف قطر ووقوفها إلى جانب".)"""
    k = m.tok_first - 1
    if k < 1 or k in sent.mention_tokens or sent.tokens[k].punct:
        return False
    head = sent.tokens[k].text
    if head in lexicon.prepositions or head in lexicon.relative_pronouns or head in lexicon.triggers:
        return False
    if head in lexicon.connectives or head in lexicon.markers or len(head) < 4:
        return False  # "لكن إسرائيل", "لم": a connective or a particle, not a noun with ل
    return head.startswith(lexicon.target_proclitics)


def _agrees(sent: Sentence, m: Mention, pronoun: str) -> bool:
    """Can the pronoun (ه، ها، هم) stand for the mention? By the raw head word: ة or ات makes it feminine
    (or a non-human plural), ين or ون a human plural; a name is feminine (a state), a person masculine."""
    rs, _ = sent.norm.raw_span(sent.tokens[m.tok_first].nstart, sent.tokens[m.tok_first].nend)
    head = sent.norm.raw[max(rs, m.start):m.end].split()[0] if m.end > m.start else ""
    return morphology.pronoun_agrees(pronoun, head, name=m.kind == "name", person=m.kind == "person")


def _partitive(sent: Sentence, m: Mention, lexicon: RelationLexicon) -> bool:
    """Is the mention after من a part of a quantity ("عشرات من مواقع التنظيم", "عدد من مقاتلي المعارضة")?"""
    k = m.tok_first - 2
    while k >= 0 and k not in sent.mention_tokens and not sent.tokens[k].punct and sent.tokens[k].text not in lexicon.partitive_words:
        if m.tok_first - k > 3:
            return False
        k -= 1
    return k >= 0 and sent.tokens[k].text in lexicon.partitive_words


def _joined_preposition(sent: Sentence, m: Mention, words: frozenset[str], lexicon: RelationLexicon) -> bool:
    """Is a one-letter preposition of ``words`` written on the mention ("بالرئيس الروسي") or on the noun
    right before it whose genitive it is ("بولي العهد السعودي"; not one of ``unjoined_words``: بسبب)?"""
    letters = tuple(w for w in words if len(w) == 1)
    if not letters:
        return False
    if sent.proclitic(m).lstrip("و").startswith(letters):
        return True
    k = m.tok_first - 1
    if k < 0 or k in sent.mention_tokens or sent.tokens[k].punct:
        return False
    word = sent.tokens[k].text
    return len(word) > 3 and word.lstrip("و").startswith(letters) and not word.startswith(lexicon.unjoined_words)


def _owner_after(sent: Sentence, m: Mention, words: frozenset[str], lexicon: RelationLexicon) -> bool:
    """Is the mention the genitive of one or two nouns right after one of ``words`` ("مع أمير قطر", "مع رئيسة
    وزراء بريطانيا"): the partner is the actor the title belongs to?"""
    for k in (m.tok_first - 2, m.tok_first - 3):
        if k < 0 or any(t in sent.mention_tokens or sent.tokens[t].punct or sent.tokens[t].text in lexicon.markers
                        for t in range(k + 1, m.tok_first)):
            return False
        prev = sent.tokens[k].text
        if prev in words or (prev[:1] == "و" and prev[1:] in words):
            return True
    return False


def _chain(sent: Sentence, clause: Clause, m: Mention, tok: int, trig: Trigger) -> bool:
    """A later target in a coordinated chain ("مع X بقيادة Y ومع Z"): allowed when an earlier one was near."""
    return any(tok < o.tok_first < m.tok_first and _preceded_by(sent, o, trig.target_prepositions)
               for o in clause.mentions)


def _pairs(group: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Every pair of a coordinated group, the first written as source."""
    return [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]


def _has_enclitic(token: str, trig: Trigger) -> bool:
    """Is the trigger written with an object or possessive pronoun (تدعمها، استهدفه)? A verb form knows it
    from its generation (اتهم ends in هم without one)."""
    if trig.enclitic is not None and trig.words and token == trig.words[0]:
        return trig.enclitic
    return token.endswith(morphology.THIRD_PERSON_ENCLITICS) and not trig.lemma.endswith("ه")


def _resumptive_preposition(token: str, trig: Trigger, lexicon: RelationLexicon) -> bool:
    """Is the token one of the trigger's target prepositions written with a third-person pronoun (معهم،
    ضدها)? In a relative clause that pronoun stands for the antecedent."""
    return any(token.startswith(p) and token[len(p):] in lexicon.verb_enclitics and token != p
               for p in trig.target_prepositions)


def _across_colon(sent: Sentence, after: int, before: int) -> bool:
    """Does a colon or semicolon stand between two tokens (a headline's speaker, a new clause of its own)?"""
    return any(sent.tokens[t].text in _COLONS for t in range(after + 1, before))


def _relative_antecedent(sent: Sentence, clause: int) -> Mention | None:
    """The antecedent of a relative clause: the mention right before its relative pronoun (a comma may stand
    between: "قوات النظام، التي تدعمها روسيا"); none when another noun does ("المقاتلين الذين تدعمهم واشنطن")."""
    pronoun = sent.clauses[clause].first
    k = clause - 1
    while k >= 0 and sent.clauses[k].relative:
        k -= 1
    if k < 0 or not sent.clauses[k].mentions:
        return None
    m = sent.clauses[k].mentions[-1]
    gap = [t for t in range(m.tok_last + 1, pronoun) if not sent.tokens[t].punct]
    return m if not gap else None


def _host_subject(sent: Sentence, clause: Clause, first: int, lexicon: RelationLexicon, found: list[Found],
                  exclude: Mention) -> Mention | None:
    """The subject of the event a "بدعم من X" phrase qualifies: the last relation's source in the sentence,
    else the nearest actor before in the clause, else the antecedent of the relative clause it sits in or
    follows, else the sentence's first actor. A relative clause about a noun that is no actor ("المدن التي
    تعرضت للقصف من قبل النظام") has its subject inside it or none: the cities, not an actor outside."""
    ci = sent.tokens[first].clause
    own = _relative_antecedent(sent, ci) if sent.clauses[ci].relative else None
    for f in reversed(found):
        if _trigger_between(sent, f.trig_last, first, lexicon):
            break  # "حذر ترامب الأسد من شن هجوم، بدعم من روسيا": the phrase backs the nearer event's agent
        if sent.clauses[ci].relative and own is None and sent.tokens[f.trig_first].clause != ci:
            break
        if f.source is not exclude and f.rule not in ("agent", "passive"):
            return f.source
    before = [m for m in _before(clause, first, lexicon.max_before) if m is not exclude]
    if before:
        return before[0]
    if sent.clauses[ci].relative:  # "قوات الحشد، التي لعبت دورا في هزيمة التنظيم": the relative's antecedent
        return own if own is not exclude else None
    ante = sent.antecedent(ci)
    if ante is not None:
        return ante
    earlier = [m for m in sent.mentions if m.tok_last < first and m is not exclude]
    return earlier[0] if earlier else None


def _trigger_between(sent: Sentence, after: int, before: int, lexicon: RelationLexicon) -> bool:
    """Does a trigger word stand between tokens ``after`` and ``before`` (exclusive)?"""
    return any(not sent.tokens[t].punct and sent.tokens[t].text in lexicon.triggers for t in range(after + 1, before))


def _event_between(sent: Sentence, after: int, before: int, lexicon: RelationLexicon) -> bool:
    """Does a trigger of an event of its own stand between tokens ``after`` and ``before``? An instrument
    ("تقاتل فصائل المعارضة بدعم من تركيا ضد الوحدات") or a participle qualifying the subject ("التحالف
    بقيادة واشنطن") belongs to the subject's phrase, not to another event."""
    return any(not sent.tokens[k].punct and sent.tokens[k].text in lexicon.triggers
               and not _instrument_noun(sent, k, lexicon)
               and not any(t.kind == "passive" for t in lexicon.triggers[sent.tokens[k].text])
               for k in range(after + 1, before))


def _definite(word: str) -> bool:
    return word.startswith(("ال", "وال", "فال", "بال", "لل", "كال"))


def _adjective_of(word: str, noun: str, lexicon: RelationLexicon) -> bool:
    """Can ``word`` be an adjective of ``noun``: the same definiteness, and, without the article, a nisba
    ending (بدعم جوي من، غارات جوية روسية; not بتدريب مجموعات من: a partitive)?"""
    if _definite(word) != _definite(noun):
        return False
    return _definite(noun) or word.endswith(lexicon.nisba_endings)


def _governed(sent: Sentence, m: Mention, last: int, lexicon: RelationLexicon) -> bool:
    """Is a mention after a noun introduced by a preposition (على X، للأكراد) or separated from it by
    another mention, a relative pronoun or anything but one adjective agreeing with the noun in
    definiteness (الغارات الجوية الروسية), i.e. not the noun's genitive or nisba adjective?"""
    if any(c in sent.proclitic(m) for c in lexicon.genitive_blocking_proclitics):
        return True
    if m.tok_first - last > 2:
        return True  # "تسليح الكتيبة بأسلحة روسية": the nisba qualifies another noun
    if m.tok_first - last == 2 and not _adjective_of(sent.tokens[last + 1].text, sent.tokens[last].text, lexicon):
        return True
    for t in range(last + 1, m.tok_first):
        text = sent.tokens[t].text
        if (t in sent.mention_tokens or sent.tokens[t].punct or text in lexicon.prepositions
                or text in lexicon.relative_pronouns):
            return True
    return False


class _Rules:
    """The rules for one trigger occurrence (tokens ``first``..``last``)."""

    def __init__(self, sent: Sentence, trig: Trigger, first: int, last: int, lexicon: RelationLexicon,
                 found: list[Found]):
        self.sent, self.trig, self.first, self.last, self.lex, self.found = sent, trig, first, last, lexicon, found
        self.ci = sent.tokens[first].clause
        self.clause = sent.clauses[self.ci]

    def make(self, source: Mention, targets: list[Mention], rule: str, *, group: bool = True) -> list[Found]:
        sources = self.sent.conjuncts(source) if group else [source]
        out = []
        for s in sources:
            for t in targets:
                if t in sources or t.actor == s.actor or s.addressee or t.addressee:
                    continue
                out.append(Found(self.trig.relation, s, t, self.first, self.last, rule, self.trig))
        return out

    def pairs(self, group: list[Mention], rule: str) -> list[Found]:
        return [f for a, b in _pairs(group) for f in self.make(a, [b], rule, group=False)]

    def run(self) -> list[Found]:
        trig = self.trig
        if trig.relative_object_only:
            return self.relative_object()
        if trig.circumstantial:
            return self.circumstantial()
        if trig.kind == "passive":
            return self.passive()
        if trig.kind == "noun" and len(trig.words) > 1 and trig.words[-1] in self.lex.prepositions:
            pass  # "عملياتها ضد الأكراد": the phrase ends in its preposition, the actor after it is the target
        elif trig.kind == "noun":
            for rule in (self.caused, self.instrumental, self.between, self.partner_genitive, self.agent, self.relative,
                         self.light_verb, self.genitive):
                got = rule()
                if got is not None:
                    return got
        elif trig.symmetric:
            got = self.between()
            if got is not None:
                return got
        return self.positional()

    def caused(self) -> list[Found] | None:
        """"أثار دعم الولايات المتحدة للقوات الكردية غضب أنقرة": a feeling noun after a causative verb of its
        clause, with an actor as genitive: the genitive (the one who feels) is the source, the target the
        cause: the source of the last relation whose trigger stands between verb and noun, else the verb's
        subject ("أثار ترامب غضب الفلسطينيين"); nothing when the cause names no actor ("أثار القرار غضب")."""
        sent, lex, first = self.sent, self.lex, self.first
        verb = next((t for t in range(first - 1, self.clause.first - 1, -1) if sent.tokens[t].text in lex.causative_verbs),
                    None)
        if verb is None or self.trig.relation != "oppose":
            return None
        near = _after(self.clause, self.last, 2)
        if (not near or _governed_by_preposition(sent, near[0], lex)
                or any(sent.tokens[t].text not in lex.person_heads for t in range(self.last + 1, near[0].tok_first))):
            return None  # the genitive, or a title and its holder ("غضب الرئيس إردوغان"), not "غضب سكان دمشق"
        events = [f for f in self.found if verb < f.trig_first < first]
        if events:
            # the agent of the nearest event; both parties of a symmetric one ("التعاون بين روسيا وتركيا")
            last = [f for f in events if f.trig_first == events[-1].trig_first]
            cause = list(dict.fromkeys([m for f in last for m in
                                        ([f.source, f.target] if f.trigger.symmetric else [f.source])]))
        else:
            cause = [m for m in self.clause.mentions if verb < m.tok_first and m.tok_last < first
                     and not _governed_by_preposition(sent, m, lex)][:1]
        if not cause:
            return None  # "وأثارت تهديدات تركيا توترا": the noun is the verb's subject, its own rules apply
        return self.make(near[0], cause, "cause")

    def passive(self) -> list[Found]:
        """"X المدعومة من Y", "X بقيادة Y": Y (after an optional من) is the source, X (just before) the target."""
        sent, last = self.sent, self.last
        k = last + 1
        if k < len(sent.tokens) and sent.tokens[k].text in self.lex.agent_prepositions:
            k += 1
        agents = [m for m in sent.all_mentions if k <= m.tok_first <= k + 1]
        if not agents:
            return []
        agent = agents[0]
        # the qualified noun may stand before a comma ("جماعات المعارضة، المدعومة من التحالف")
        before = [m for m in reversed(sent.mentions) if m.tok_last < self.first and self.first - m.tok_last <= 3]
        host = before[0] if before else _host_subject(sent, self.clause, self.first, self.lex, self.found, agent)
        if host is None:
            return []
        # "الطيران العراقي والتحالف الدولي بقيادة واشنطن": a leader heads the one force named before it
        attached = sent.tokens[self.first].text in self.lex.attachment_words
        return self.make(agent, [host] if attached else sent.conjuncts(host), "passive")

    def relative_object(self) -> list[Found]:
        """"التحالف الذي تقوده الولايات المتحدة": in a relative clause, a verb with the object pronoun, its
        subject after it is the source, the relative's antecedent the target; no reading elsewhere."""
        sent, clause = self.sent, self.clause
        if not clause.relative or not _has_enclitic(sent.tokens[self.last].text, self.trig):
            return []
        if [m for m in clause.mentions if m.tok_last < self.first]:
            return []
        after = _after(clause, self.last, 2)
        ante = _relative_antecedent(sent, self.ci)
        if not after or ante is None or _governed_by_preposition(sent, after[0], self.lex):
            return []
        return self.make(after[0], [ante], "relative_object")

    def instrumental(self, agent: Mention | None = None) -> list[Found] | None:
        """"استعاد الجيش السوري المدينة بمساعدة روسيا", "تشن قوات النظام بدعم روسي هجوما": a noun of an
        instrumental type written with ب, its actor right after it (genitive or nisba, or the descriptor it
        heads: ``agent``) and no target after that actor, backs the subject of the clause; not as the content
        of an accusation, a threat or a demand before it in the clause ("اتهمت أنقرة واشنطن بدعم الوحدات")."""
        sent, lex = self.sent, self.lex
        if self.trig.symmetric or self.trig.relation not in lex.instrumental_types or not _instrument_noun(
                sent, self.first, lex):
            return None
        if agent is None:
            near = _after(self.clause, self.last, 2)
            if not near or _governed(sent, near[0], self.last, lex):
                return None
            group = sent.conjuncts(near[0])  # "بمساعدة روسيا وإيران"
            agent = near[0]
        else:
            group = self._adjacent(sent.conjuncts(agent))  # "بدعم روسي إيراني": nisbas in a row
        if [t for t in _targets_after(sent, self.clause, group[-1].tok_last, self.trig, agent, lex)
                if _introduced(sent, t, lex) and not _trigger_between(sent, group[-1].tok_last, t.tok_first, lex)]:
            return None  # "بدعم واشنطن للأكراد": the genitive rules (not the target of a later trigger)
        if any(sent.tokens[t].text in lex.content_words or sent.tokens[t].text in lex.call_words
               for t in range(self.clause.first, self.first)):
            return None
        # the subject: an actor before it in its clause that is no preposition's object ("استعادت القوات
        # الحكومية أجزاء من مقاتلي المعارضة بمساعدة القوة الجوية الروسية"), else the relative's antecedent
        subjects = [m for m in _before(self.clause, self.first, lex.max_before) if m not in group
                    and not _introduced(sent, m, lex) and not _instrument_agent(sent, m, lex)]
        if not subjects and self.clause.relative:
            own = _relative_antecedent(sent, self.ci)
            subjects = [own] if own is not None and own not in group else []
        if not subjects:
            return []
        return [f for a in group for f in self.make(a, sent.conjuncts(subjects[0]), "instrumental", group=False)]

    def between(self) -> list[Found] | None:
        """"اشتباكات بين X و Y", "الاتفاق بين موسكو وأنقرة", "قمة بوتين وأردوغان": one row per pair of the
        conjoined group (after بين, or the noun's genitive)."""
        if not self.trig.symmetric:
            return None
        sent, k = self.sent, self.last + 1
        near = _after(self.clause, self.last, 1)
        if self.trig.kind == "noun" and near and not _governed(sent, near[0], self.last, self.lex):
            group = self._adjacent(sent.conjuncts(near[0]))  # "اتفاق تركي روسي": two nisbas, a pair
            if len(group) > 1:
                return self.pairs(group, "between")
        while k < len(sent.tokens) and k <= self.last + 3 and not sent.tokens[k].punct:
            if sent.tokens[k].text in self.lex.between_prepositions:
                after = [m for m in self.clause.mentions if k < m.tok_first <= k + 3]
                if after:
                    group = sent.conjuncts(after[0])
                    return self.pairs(group, "between") if len(group) > 1 else []
                return None
            k += 1
        return None

    def partner_genitive(self) -> list[Found] | None:
        """"تعاون واشنطن مع الأكراد": a symmetric noun's lone genitive or nisba actor is its source towards
        the partners after مع; without them, the partner of the actor before the noun ("انسحاب أمريكا من
        الاتفاق النووي الإيراني")."""
        if not self.trig.symmetric:
            return None
        sent, lex = self.sent, self.lex
        near = _after(self.clause, self.last, 3)
        if not near or _governed(sent, near[0], self.last, lex):
            return None
        group = sent.conjuncts(near[0])
        if len(group) == 1 and group[0].kind in lex.place_kinds:
            return []  # "اتفاق باريس", "محادثات جنيف": a city naming the deal or the talks is their place
        partners = _targets_after(sent, self.clause, group[-1].tok_last, self.trig, near[0], lex)
        if partners and self.trig.target_prepositions:
            return [f for a in group for f in self.make(a, partners, "genitive", group=False)]
        partner = self._ending_party(group)
        return self.make(partner, group, "genitive") if partner is not None else None

    def agent(self) -> list[Found] | None:
        """"بدعم من طيران التحالف": the coalition supports the clause's subject (or the next actor)."""
        if not self.trig.agent_phrase:
            return None
        sent, k = self.sent, self.last + 1
        while k < len(sent.tokens) and k <= self.last + 2 and not sent.tokens[k].punct:
            if k == self.last + 2 and not _adjective_of(sent.tokens[k - 1].text, sent.tokens[self.last].text, self.lex):
                return None  # "بتدريب مجموعات من مقاتلي المعارضة": a partitive من after another noun
            if sent.tokens[k].text in self.lex.agent_prepositions:
                agents = [m for m in sent.mentions if k < m.tok_first <= k + 2]
                if not agents:
                    # "قامت الولايات المتحدة، بدعم من حلفائها، بقصف": an aside whose agent is no actor
                    return [] if self.first in sent.aside_tokens else None
                agent = agents[0]
                group = sent.conjuncts(agent)
                # "بدعم حيوي من حزب الله المدعومة من إيران": an actor after another agent phrase is no target
                # "القصف من قبل القوات الروسية المؤيدة للنظام": an actor after another trigger is its argument
                # "تقاتل فصائل المعارضة بدعم من تركيا ضد الوحدات": the actor after ضد/على is the event's target
                after = [m for m in _after(_clause_of(sent, agent), group[-1].tok_last, self.lex.max_after)
                         if m not in group and not _preceded_by(sent, m, self.lex.agent_prepositions)
                         and not (self.trig.relation in self.lex.instrumental_types
                                  and _preceded_by(sent, m, self.lex.aim_prepositions))
                         and not _trigger_between(sent, group[-1].tok_last, m.tok_first, self.lex)
                         and agent.tok_first not in sent.aside_tokens]  # an aside backs the event's subject
                if after:
                    return self.make(agent, sent.conjuncts(after[0]), "agent")
                host = _host_subject(sent, self.clause, self.first, self.lex, self.found, exclude=agent)
                return self.make(agent, sent.conjuncts(host), "agent") if host else []
            k += 1
        return None

    def relative(self) -> list[Found] | None:
        """"الغطاء الجوي الذي يقدمه التحالف للقوات الكردية": agent and beneficiary inside the relative clause."""
        sent, nxt = self.sent, self.last + 1
        if (nxt + 1 < len(sent.tokens) and nxt not in sent.mention_tokens and not sent.tokens[nxt].punct
                and sent.tokens[nxt + 1].text in self.lex.relative_pronouns
                and _definite(sent.tokens[nxt].text) and _adjective_of(sent.tokens[nxt].text, sent.tokens[self.last].text, self.lex)):
            nxt += 1  # "الدعم العسكري الذي تقدمه إيران للحكومة": an adjective before the relative pronoun
        if nxt < len(sent.tokens) and sent.tokens[nxt].text in self.lex.relative_pronouns:
            rel = sent.clauses[sent.tokens[nxt].clause]
            inner = [m for m in rel.mentions if m.tok_first - nxt <= self.lex.max_after]
            if len(inner) >= 2 and not _governed_by_preposition(sent, inner[0], self.lex):
                # "اتهامات التي توجهها للسعودية": an actor after a preposition is no agent
                got = self.make(inner[0], _targets_after(sent, rel, inner[0].tok_last, self.trig, inner[0], self.lex),
                                "relative")
                group = sent.conjuncts(inner[0])
                if not got and self.trig.symmetric and len(group) > 1:
                    return self.pairs(group, "relative")  # "الاتفاق الذي وقعته روسيا وتركيا": the parties
                return got
        return None

    def light_verb(self) -> list[Found] | None:
        """"هجمات شنها تنظيم الدولة على ...", "لهجوم تشنه أنقرة": the actor after the light verb is the
        agent; the target follows it (على، ضد) or, else, is the nearest actor before the noun (the victims:
        "قتل 45 مسلحا مواليا للنظام جراء هجمات شنها تنظيم الدولة")."""
        sent, nxt = self.sent, self.last + 1
        if (nxt + 1 < len(sent.tokens) and nxt not in sent.mention_tokens and not sent.tokens[nxt].punct
                and sent.tokens[nxt].text not in self.lex.relative_pronouns
                and sent.tokens[nxt + 1].text in self.lex.light_verbs
                and _adjective_of(sent.tokens[nxt].text, sent.tokens[self.last].text, self.lex)):
            nxt += 1  # "ضربات جوية نفذتها قوات التحالف": an adjective before the light verb
        if nxt + 1 < len(sent.tokens) and any(mk.before_imperfect for mk in self.lex.markers.get(sent.tokens[nxt].text, ())):
            nxt += 1  # "أي دعم قد تقدمه القوات الحكومية للفصائل": قد before the light verb
        if nxt >= len(sent.tokens) or sent.tokens[nxt].text not in self.lex.light_verbs:
            return None
        agents = [m for m in sent.mentions if nxt < m.tok_first <= nxt + 3]
        if not agents:
            return None
        agent = agents[0]
        group = sent.conjuncts(agent)
        targets = [t for t in _targets_after(sent, _clause_of(sent, agent), group[-1].tok_last, self.trig, agent,
                                             self.lex)
                   if not _trigger_between(sent, group[-1].tok_last, t.tok_first, self.lex)]  # another event's
        if not targets and self.trig.symmetric:
            # "اتفاق وقعته روسيا وتركيا": the coordinated agents are the parties
            return self.pairs(group, "light_verb") if len(group) > 1 else []
        if not targets and self._aimed_elsewhere(group):
            return []  # "هجوما شنته القوات الحكومية على المنطقة": aimed at a place, no victim before the noun
        if not targets:
            before = [m for m in reversed(sent.mentions) if m.tok_last < self.first
                      and self.first - m.tok_last <= self.lex.max_before and m not in group]
            # the victims stand before a noun written with a preposition or in a genitive ("قتل مسلحون من قوات
            # النظام في هجمات شنها", "يتصدى المقاتلون لهجوم"، "أعلنت القوات العراقية إحباط هجوم شنه"); the
            # subject of a verb whose bare object the noun is ("طلبت القوات الأميركية على الأرض ضربات جوية
            # نفذتها قوات التحالف": asked for it) is no victim
            if before and not (self._governed_noun() or _introduced(sent, before[0], self.lex)):
                before = []
            targets = sent.conjuncts(before[0]) if before else []
        return self.make(agent, targets, "light_verb")

    def _victims(self, group: list[Mention]) -> list[Found]:
        """"قتل 5 من قوات النظام في الغارات الإسرائيلية": an attack noun a preposition governs, whose agent is its
        nisba or genitive, targets the actor before it that a partitive من introduces (the killed "5 من قوات
        النظام", "عناصر من التنظيم"); not the subject of a verb ("رحبت تركيا بالضربات الأمريكية": the welcomer),
        not an actor after another preposition ("يقاتلون إلى جانب القوات السورية ... في غارات التحالف") and not
        when the noun's aim is named ("الغارات الإسرائيلية على دمشق")."""
        sent = self.sent
        if not self._governed_noun() or self._aimed_elsewhere(group):
            return []
        before = [m for m in _before(self.clause, self.first, self.lex.max_before) if m not in group]
        if not before or _participle_agent(sent, before[0], self.lex) or not self._partitive_of(before[0]):
            return []
        return [f for a in group for f in self.make(a, sent.conjuncts(before[0]), "genitive", group=False)]

    def _partitive_of(self, m: Mention) -> bool:
        """Is the mention introduced by من, right before it or before the noun whose genitive it is ("5 من قوات
        النظام", "من عناصر التنظيم")?"""
        sent = self.sent
        if _preceded_by(sent, m, self.lex.agent_prepositions):
            return True
        k = m.tok_first - 2
        return (k >= 0 and not sent.tokens[k].punct and not sent.tokens[k + 1].punct
                and k + 1 not in sent.mention_tokens and sent.tokens[k].text in self.lex.agent_prepositions)

    def _governed_noun(self) -> bool:
        """Is the trigger noun a preposition's object (a preposition word before it, or ل/ب/ك written on it)
        or the genitive of an indefinite noun before it (the construct "إحباط هجوم", "خلفية اتهامات")?"""
        sent, k = self.sent, self.first
        word = sent.tokens[k].text
        if word[:1] in morphology.CONJUNCTION_LETTERS and word[1:] in self.lex.triggers:
            word = word[1:]
        # a proclitic is written on it when the word without it is a form of a trigger too (للقصف -> القصف)
        if word[:1] in self.lex.genitive_blocking_proclitics and (
                word[1:] in self.lex.triggers or morphology.ARTICLE[0] + word[1:] in self.lex.triggers):
            return True
        if k == 0 or sent.tokens[k - 1].punct:
            return False
        prev = sent.tokens[k - 1].text
        if prev in self.lex.prepositions or (prev[:1] in morphology.CONJUNCTION_LETTERS
                                             and prev[1:] in self.lex.prepositions):
            return True
        return (not _definite(word) and k - 1 not in sent.mention_tokens and not _definite(prev)
                and prev not in self.lex.light_verbs and prev not in self.lex.triggers and prev not in self.lex.markers)

    def genitive(self) -> list[Found] | None:
        """"غارات التحالف على داعش", "الغارات الروسية على إدلب", "دعم واشنطن للأكراد": the actor right
        after the noun (its genitive or nisba adjective) is the agent when another actor follows as target."""
        if self.trig.symmetric or self.trig.target_prepositions:
            return None
        sent = self.sent
        near = _after(self.clause, self.last, 3)
        if near and self._lam_agent(near[0]):
            return self._joint(near[0])
        if not near or _governed(sent, near[0], self.last, self.lex):
            return None
        got = self._joint(near[0])
        if got:
            return got
        group = sent.conjuncts(near[0])
        # "عن قصف مواقع عسكرية إيرانية": a genitive headed by a noun of what is aimed at is the object
        aimed_at = self.trig.genitive_agent and sent.tokens[near[0].tok_first].text in self.lex.target_heads
        if self.trig.genitive_object or aimed_at:
            # "التي لعبت دورا رئيسيا في هزيمة التنظيم": the genitive is defeated; the source is the actor
            # before the noun (the relative's antecedent, the clause's subject)
            if self.first > 0 and sent.tokens[self.first - 1].text in self.lex.passive_auxiliaries:
                return []  # "تم استهداف مواقع المعارضة": a passive, its agent unnamed
            if self._aimed_elsewhere(group, proclitics=True):
                return []  # "استهداف إسرائيل لمواقعه": a genitive followed by the noun's object is its agent
            source = self._clause_subject(group)
            return self.make(source, group, "genitive_object") if source is not None else []
        if not self.trig.genitive_agent:
            return self._received(group)
        if self._aimed_elsewhere(group):
            return []  # "هجوم القوات الحكومية على الغوطة": the attack has a target, a place, not an actor
        # "الاختباء من ضربات القوات العراقية والتحالف": the agents are after the noun, the target before it
        before = [m for m in reversed(sent.mentions) if m.tok_last < self.first
                  and self.first - m.tok_last <= self.lex.max_before and m not in group]
        if not before:
            return []
        return [f for a in group for f in self.make(a, sent.conjuncts(before[0]), "genitive", group=False)]

    def _received(self, group: list[Mention]) -> list[Found] | None:
        """"وتحظى القوات الكردية بدعم التحالف": after a verb of receiving in the clause, the noun's
        genitive is the source and the actor before the noun (the receiver) the target."""
        sent = self.sent
        if not any(sent.tokens[t].text in self.lex.reception_verbs for t in range(self.clause.first, self.first)):
            return None
        before = [m for m in _before(self.clause, self.first, self.lex.max_before) if m not in group]
        if not before or _governed_by_preposition(sent, before[0], self.lex):
            return None
        return [f for a in group for f in self.make(a, sent.conjuncts(before[0]), "reception", group=False)]

    def _threatened(self, m: Mention) -> Found | None:
        """"هددت تركيا الوحدات الكردية بهجوم": a noun with ب right after the object of a threat is the
        threatened act, of the threat's source against its object (the object is not its agent)."""
        word = self.sent.tokens[self.first].text
        if not word.startswith(("ب", "وب")) or m.tok_last + 1 != self.first:
            return None
        for f in reversed(self.found):
            if f.target is m and any(mk.group == "threat" for mk in
                                     self.lex.markers.get(self.sent.tokens[f.trig_first].text, ())):
                return f
        return None

    def _lam_agent(self, m: Mention) -> bool:
        """"غارات للتحالف على مواقع التنظيم", "هجوما للجيش التركي على": an indefinite noun's possessor
        written with ل right after it (an adjective may stand between) is its agent when a preposition of aim
        follows the possessor."""
        sent, noun = self.sent, self.sent.tokens[self.last].text
        if _definite(noun) or self.trig.genitive_object or not self.trig.genitive_agent:
            return False
        if sent.proclitic(m) not in ("ل", "لل") or m.tok_first - self.last > 2:
            return False
        if m.tok_first - self.last == 2 and not self._indefinite_modifier(self.last + 1):
            return False
        k = sent.conjuncts(m)[-1].tok_last + 1
        while k < len(sent.tokens) and k in sent.mention_tokens:
            k += 1
        return k < len(sent.tokens) and sent.tokens[k].text in self.lex.aim_prepositions

    def _noun_targets(self, targets: list[Mention]) -> list[Mention]:
        """The targets an attack noun may take from a subject before it: its genitive ("ضربة قوية لحزب الله"),
        an actor a preposition introduces ("هجوما على فصائل المعارضة", "على مواقع فصائل المعارضة") or the
        holder of an area it is aimed at; not an actor later in the clause when the noun's aim is a place
        ("الضربات على سوريا ستستمر ... استخدام النظام السوري") or none is named ("سترد على الهجوم الكيماوي سواء
        قام مجلس الأمن"): that actor is another word's argument."""
        trig, sent, lex = self.trig, self.sent, self.lex
        if not targets or trig.kind != "noun" or trig.symmetric or not trig.genitive_agent or trig.target_prepositions:
            return targets
        if targets[0].tok_first - self.last <= 2 or _introduced(sent, targets[0], lex) or self._aimed_at(targets[0]):
            return targets
        held = _area_holder(sent, self.last, lex) if trig.relation in lex.control_types else None
        return targets if held is not None and targets[0] in sent.conjuncts(held) else []

    def _aimed_at(self, m: Mention) -> bool:
        """Does the noun phrase an aim preposition (على، ضد) or a noun of what is aimed at (أهداف، مواقع) opens
        after the trigger hold the mention, a few words on ("على أهداف عسكرية سورية وإيرانية", "ضد التنظيمات
        الإرهابية كالقاعدة وداعش", "عشرات الأهداف العسكرية الإيرانية"), with no punctuation or other event
        between?"""
        sent, lex = self.sent, self.lex
        if sent.tokens[m.tok_first].text in lex.target_heads and m.tok_first - self.last <= _AIM_REACH:
            return True  # the mention is the aimed-at descriptor itself ("الأهداف العسكرية الإيرانية")
        if self.trig.words[-1] in lex.aim_prepositions:
            # a phrase ending in its preposition ("الحرب ضد الفصائل "الإسلامية" وخاصة تنظيم الدولة")
            words = [t for t in range(self.last + 1, m.tok_first) if not sent.tokens[t].punct]
            return len(words) < _AIM_REACH and not any(sent.tokens[t].text in lex.triggers for t in words)
        for k in range(self.last + 1, m.tok_first):
            tok = sent.tokens[k]
            if tok.punct or (tok.text in lex.triggers and k > self.last):
                return False
            reach = _AIM_REACH if tok.text in lex.aim_prepositions else _HEAD_REACH if tok.text in lex.target_heads else 0
            if m.tok_first - k <= reach:
                return True
        return False

    def _indefinite_modifier(self, k: int) -> bool:
        """Can token ``k`` qualify the indefinite noun before it: an indefinite word that is no preposition,
        trigger, marker or mention ("هجوم مرتقب للقوات الحكومية", "غارات جوية للتحالف")?"""
        sent, lex = self.sent, self.lex
        tok = sent.tokens[k]
        return not (tok.punct or k in sent.mention_tokens or _definite(tok.text) or tok.text in lex.prepositions
                    or tok.text in lex.triggers or tok.text in lex.markers or tok.text in lex.relative_pronouns
                    or tok.text[:1] in lex.genitive_blocking_proclitics)

    def _clause_subject(self, exclude: list[Mention]) -> Mention | None:
        """The actor the trigger's clause is about: the nearest before it in the clause, else the antecedent
        of the relative clause it is in or follows (never an actor of another clause)."""
        # (not the agent of another noun's phrase: "يتلقى مساعدة من الولايات المتحدة لقتال التنظيم")
        # nor a preposition's object: "عمليتان، الأولى ضد داعش والثانية لضرب المقاتلين الأكراد"
        before = [m for m in _before(self.clause, self.first, self.lex.max_before) if m not in exclude
                  and not _participle_agent(self.sent, m, self.lex)
                  and not _governed_by_preposition(self.sent, m, self.lex)]
        if before:
            return before[0]
        own = _relative_antecedent(self.sent, self.ci) if self.clause.relative else None
        own = own or self.sent.antecedent(self.ci)
        return own if own is not None and own not in exclude else None

    def _aimed_elsewhere(self, group: list[Mention], proclitics: bool = False) -> bool:
        """A target preposition (على، ضد; with ``proclitics`` also a word written with ل/ب/ك) right after
        the noun's agent, introducing no actor: the noun's target is named, and it is no actor of the list
        (a place, civilians)."""
        sent = self.sent
        k = group[-1].tok_last + 1
        while k < len(sent.tokens) and k in sent.mention_tokens:
            k += 1  # nisba adjectives of the agent ("الغارات الروسية السورية على")
        if k >= len(sent.tokens) or sent.tokens[k].punct:
            return False
        word = sent.tokens[k].text
        # "لمواقعه"; an attack noun's genitive before بـ is its agent too ("استهداف إسرائيل بالصواريخ" is
        # ambiguous), but another noun's is its object ("تزويد نظام الأسد بالمعدات": supplied with something)
        marked = self.lex.genitive_blocking_proclitics if self.trig.genitive_agent else self.lex.target_proclitics
        if proclitics and word.startswith(marked) and k not in sent.mention_tokens:
            return True
        return word in self.lex.aim_prepositions and not any(m.tok_first == k + 1 for m in sent.mentions)

    def _adjacent(self, group: list[Mention]) -> list[Mention]:
        """The group extended by the mentions written right after it with no preposition on them (nisba
        adjectives in a row: "الضربة الأمريكية الفرنسية", "اتفاق تركي روسي")."""
        sent, group = self.sent, list(group)
        chain = [m for m in self.clause.mentions if m.tok_first > group[-1].tok_last]
        while (chain and chain[0].tok_first == group[-1].tok_last + 1
               and not any(c in sent.proclitic(chain[0]) for c in self.lex.genitive_blocking_proclitics)):
            group.append(chain.pop(0))
        return group

    def _joint(self, agent: Mention) -> list[Found]:
        """The agent of a noun, its conjuncts and the nisba adjectives right after it ("الضربة الأمريكية
        الفرنسية البريطانية": one joint agent), each the source towards the actors that follow."""
        sent = self.sent
        group = self._adjacent(sent.conjuncts(agent))
        # the target is introduced by a preposition (على داعش، ضد المعارضة، للأكراد): "الضربات الأمريكية على
        # سوريا تعفي روسيا" has no target
        targets = [t for t in _targets_after(sent, self.clause, group[-1].tok_last, self.trig, agent, self.lex)
                   if t not in group and _introduced(sent, t, self.lex)]
        return [f for a in group for f in self.make(a, targets, "genitive", group=False)]

    def headed(self, agent: Mention) -> list[Found]:
        """A trigger heading a descriptor: the descriptor's actor is the agent (غارات التحالف); of a
        symmetric noun without partners after it, the partner of the actor before ("انسحاب أمريكا من
        الاتفاق النووي الإيراني")."""
        got = self.instrumental(agent)
        if got is not None:
            return got
        got = self._joint(agent)
        if not got and not self.trig.symmetric:
            # "تعرضت مواقع المعارضة لقصف روسي": after a verb of receiving, the actor before is the target
            got = self._received(self._adjacent(self.sent.conjuncts(agent))) or []
        if not got and self.trig.genitive_agent and not self.trig.symmetric:
            got = self._victims(self._adjacent(self.sent.conjuncts(agent)))
        if got or not self.trig.symmetric:
            return got
        group = self._adjacent(self.sent.conjuncts(agent))
        if len(group) > 1:
            return self.pairs(group, "between")  # "اتفاق تركي روسي"
        partner = self._ending_party([agent])
        return self.make(partner, [agent], "genitive") if partner is not None else []

    def _ending_party(self, group: list[Mention]) -> Mention | None:
        """The actor before a symmetric noun that ends, denies or refuses the tie ("انسحاب أمريكا من
        الاتفاق النووي الإيراني", "الانسحاب الأمريكي من"): a polarity marker stands just before it or between
        it and the noun. A stance towards a deal ("موقف فرنسا من الاتفاق الإيراني", "انتقادات للاتفاق")
        makes no partner."""
        sent = self.sent
        before = [m for m in _before(self.clause, self.first, self.lex.max_before) if m not in group]
        if not before or _governed_by_preposition(sent, before[0], self.lex):
            return None
        m = before[0]
        if not any(mk.axis == "polarity" for t in range(max(0, m.tok_first - 2), self.first)
                   for mk in self.lex.markers.get(sent.tokens[t].text, ())):
            return None
        return m

    def circumstantial(self) -> list[Found]:
        """"وشبه بن سلمان خامنئي بهتلر، محذرا من نوايا إيران": the participle's agent is the subject of the
        main verb (the first actor of the sentence before it that is no preposition's object, not across
        another participle's clause), its target the first actor after it in its clause."""
        sent, lex = self.sent, self.lex
        subjects = [m for m in sent.mentions if m.tok_last < self.first and not _introduced(sent, m, lex)
                    and not m.addressee and not _instrument_agent(sent, m, lex)]
        after = [m for m in _after(self.clause, self.last, lex.max_after, sent.distance_free)
                 if not _participle_agent(sent, m, lex)]
        if not subjects or not after:
            return []
        return self.make(subjects[0], sent.conjuncts(after[0]), "circumstantial", group=False)

    def qualified(self) -> list[Found] | None:
        """"إيران الحليفة للأسد", "روسيا، حليفة دمشق،": a qualifying word's actor is the one right before it
        (or before the comma that opens its apposition), its target the actor after it."""
        sent, k = self.sent, self.first - 1
        if k >= 0 and sent.tokens[k].text in ("،", ","):
            k -= 1
        host = [m for m in sent.mentions if m.tok_last == k]
        raw = sent.raw(self.last)
        # ة and the pronoun ه are one letter once normalized: the raw word tells them apart
        if raw.endswith(morphology.THIRD_PERSON_ENCLITICS) and not raw.endswith(morphology.TA_MARBUTA_RAW_ENDINGS):
            # "قطر ... مع حليفها الأمريكي", "بشار الأسد وداعمه الأساسي النظام الإيراني": the possessor's ally,
            # named right after the word, acts for the possessor (the actor before, in the clause)
            before = host or [m for m in _before(self.clause, self.first, self.lex.max_before)
                              if not _instrument_agent(self.sent, m, self.lex)]
            after = [m for m in _after(self.clause, self.last, 2) if m not in before[:1]]
            if not before or not after:
                return []
            return self.make(after[0], [before[0]], "qualifies", group=False)
        if not host:
            return []
        targets = _targets_after(sent, self.clause, self.last, self.trig, host[0], self.lex)
        return self.make(host[0], targets, "qualifies")

    def positional(self) -> list[Found]:
        sent, trig, clause, first, last, lex = self.sent, self.trig, self.clause, self.first, self.last, self.lex
        if trig.qualifies:
            got = self.qualified()
            if got is not None:
                return got
        # "بدأت تركيا تدخلها، بدعم من جماعات المعارضة، في هجوم": an agent phrase's actor is no subject
        before = [m for m in _before(clause, first, lex.max_before)
                  if m.tok_first not in sent.aside_tokens and not _instrument_agent(sent, m, lex)
                  and not _participle_between(sent, -1, sent.conjuncts(m)[0].tok_first, lex)]
        if before and trig.kind == "noun" and not trig.symmetric and any(sent.tokens[t].text in lex.judging_verbs
                                                  for t in range(before[0].tok_last + 1, first)):
            return []  # "تعتبر دمشق العقوبات غير مشروعة": the judge of the noun is not its agent
        threat = self._threatened(before[0]) if before and trig.kind == "noun" else None
        if threat is not None:
            return self.make(threat.source, sent.conjuncts(before[0]), "threat")
        if before and _governed_by_preposition(sent, before[0], lex) and not trig.symmetric:
            return []  # "قوات تابعة للنظام منذ شارك في الضربات": the actor before is a preposition's object
        if (before and trig.kind == "verb" and any(sent.tokens[t].text in lex.subordinators
                                                   for t in range(before[0].tok_last + 1, first))
                and [m for m in _after(clause, last, 1) if not _governed_by_preposition(sent, m, lex)]):
            before = []  # "حافظت واشنطن على صمتها عندما هاجم الأتراك عفرين": the time clause's own subject
        if before and not trig.symmetric and _genitive_of_governed(sent, before[0], lex):
            # "طائرات التحالف الدولي لمحاربة داعش آزرت مقاتلي قسد": the subject is the actor before that phrase
            before = [m for m in before if not _genitive_of_governed(sent, m, lex)
                      and not _governed_by_preposition(sent, m, lex)][:1]
            if not before:
                return []
        if (before and trig.kind == "verb" and _has_enclitic(sent.tokens[last].text, trig) and first > 0
                and first - 1 not in sent.mention_tokens and not sent.tokens[first - 1].punct
                and _after(clause, last, 1)):
            return []  # "وجماعات تدعمها إيران": the actor after the verb is its subject, the pronoun the noun before
        if (trig.symmetric and trig.kind == "verb" and before and len(sent.conjuncts(before[0])) == 1
                and _pronoun_subject(sent.tokens[first].text, trig, lex, lex.dual_subject_suffixes)
                and not _targets_after(sent, clause, last, trig, before[0], lex)):
            # "رئيس أركان الجيش الروسي ورئيس الأركان الأمريكية تحدثا هاتفيا": a dual subject of two noun
            # phrases joined by و, each holding an actor
            pair = [m for m in before if m.actor != before[0].actor][:1]
            if pair and any(sent.tokens[t].text.startswith("و") and t not in sent.mention_tokens
                            for t in range(pair[0].tok_last + 1, before[0].tok_first)):
                return self.make(pair[0], [before[0]], "symmetric", group=False)
        if trig.symmetric and before:
            group = sent.conjuncts(before[0])
            if len(group) > 1 and trig.kind == "noun" and _between_of_another_word(sent, group[0], lex):
                return []  # "السياج الفاصل بين الجانبين السوري والإسرائيلي هربا من المعارك": another word's pair
            if len(group) > 1:
                # "موسكو وواشنطن اتفقتا": partners of each other; "ترامب وماكرون ... اتفاق مع إيران": one
                # role, both partners of the actor after مع
                partners = _targets_after(sent, clause, last, trig, before[0], lex)
                return self.make(before[0], partners, "svo") if partners else self.pairs(group, "symmetric")
        if before:
            got = self.make(before[0], self._noun_targets(_targets_after(sent, clause, last, trig, before[0], lex)),
                            "svo")
            if got or trig.kind != "verb":
                return got
            # "الولايات المتحدة ... إذا قصفت واشنطن دمشق": the actor after the verb is its own subject
            # (the one before, the same actor, was no source); read the verb as VSO
            after = _after(clause, last, 1)
            if not after:
                # "بشار ضرب بالكيمياوي وروسيا حمته": the object pronoun stands for an actor named before
                ante = self._pronoun_object(sent.conjuncts(before[0]))
                return self.make(before[0], [ante], "pronoun_object") if ante is not None else []
            group = sent.conjuncts(after[0])
            return self.make(after[0], _targets_after(sent, clause, group[-1].tok_last, trig, after[0], lex), "vso")
        nothing_before = not [m for m in clause.mentions if m.tok_last < first]
        if (nothing_before and clause.relative and trig.kind == "verb" and first - clause.first <= 2
                and not _has_enclitic(sent.tokens[last].text, trig)):
            # "نتنياهو، الذي أيد قرار ترمب": without a resumptive pronoun the antecedent is the subject
            own = _relative_antecedent(sent, self.ci)
            if own is not None:
                got = self.make(own, _targets_after(sent, clause, last, trig, own, lex), "relative_subject")
                if got:
                    return got
        if nothing_before and clause.relative and trig.symmetric and first - clause.first <= 4:
            # "ماكرون ونتانياهو اللذان يعقدان ثالث لقاء بينهما": the antecedent pair meets
            own = _relative_antecedent(sent, self.ci)
            group = sent.conjuncts(own) if own is not None else []
            partners = _targets_after(sent, clause, last, trig, own, lex) if own is not None else []
            if partners:
                return self.make(own, partners, "relative_subject")  # type: ignore[arg-type]
            if len(group) > 1:
                return self.pairs(group, "relative_subject")
        antecedent = sent.antecedent(self.ci) if nothing_before else None
        if antecedent is not None:
            return self.make(antecedent, _targets_after(sent, clause, last, trig, antecedent, lex), "antecedent")
        if trig.kind != "verb":
            return []
        after = _after(clause, last, lex.max_after)
        if not after or _pronoun_subject(sent.tokens[first].text, trig, lex):
            return []  # "وناقشا بشكل خاص الانسحاب الأمريكي": the dual verb's subject is no actor after it
        source = after[0]
        if _governed_by_preposition(sent, source, lex):
            return []  # "استهدفت مواقع للنظام": the object's possessor, not the subject
        if len(trig.words) > 1 and trig.words[1] in lex.prepositions and source.tok_first == last + 1:
            return []  # "يقاتلون إلى جانب القوات السورية": the phrase's object, not its subject
        group = sent.conjuncts(source)
        if trig.symmetric and len(group) > 1:
            return self.pairs(group, "symmetric")  # "اتفقت أنقرة وموسكو"
        enclitic = _has_enclitic(sent.tokens[last].text, trig)
        # "يدعمها التحالف ... الجهاديين": the object is the pronoun, not the next actor
        targets = _targets_after(sent, clause, group[-1].tok_last, trig, source, lex)
        if sent.tokens[first].text not in lex.content_words:
            # "وبعدما انتقد موسكو لدعمها الرئيس السوري": the actor past another trigger is its argument
            targets = [t for t in targets if not _event_between(sent, group[-1].tok_last, t.tok_first, lex)]
        if targets and (not enclitic or trig.target_prepositions):
            return self.make(source, targets, "vso")
        if (clause.relative and not targets and source.tok_first - last <= 2
                and _resumptive_preposition(sent.tokens[last + 1].text, trig, lex)):
            # "المسؤولين الروس الذين تنسق معهم واشنطن": the pronoun on the verb's preposition is the antecedent
            ante = _relative_antecedent(sent, self.ci)
            if ante is not None:
                if trig.symmetric:
                    return self.make(ante, [source], "relative_object", group=False)
                return self.make(source, sent.conjuncts(ante), "relative_object")
        # "قوات النظام، التي تدعمها روسيا": the relative's antecedent is the object (resumptive pronoun)
        if clause.relative and enclitic:
            ante = _relative_antecedent(sent, self.ci)
            if ante is not None:
                return self.make(source, sent.conjuncts(ante), "relative_object")
        if enclitic and not clause.relative and not targets and source.tok_first - last <= 2:
            # "دور إيران مباشر، إذ تتهمها إسرائيل بإقامة قاعدة": the pronoun stands for an actor named before
            ante = self._pronoun_object(group)
            if ante is not None:
                return self.make(source, [ante], "pronoun_object")
        return []

    def _pronoun_object(self, exclude: list[Mention]) -> Mention | None:
        """The actor a verb's object pronoun stands for: the nearest actor before the verb in the sentence
        that agrees with it (ها: a feminine noun or a name, ه: a person or a masculine noun, هم: a human
        plural), not of the actors of ``exclude`` and no addressee; none when the nearest does not agree, or
        when a noun stands right before the verb ("وجماعات تدعمها إيران": the pronoun is that noun)."""
        sent, first, lex = self.sent, self.first, self.lex
        if first > 0 and first - 1 not in sent.mention_tokens and not sent.tokens[first - 1].punct:
            prev = sent.tokens[first - 1].text
            if not (prev in lex.connectives or prev in lex.markers or prev in lex.subordinators):
                return None  # a noun right before the verb is what its pronoun stands for
        pronoun = morphology.object_pronoun(sent.raw(self.last))
        if pronoun is None:
            return None
        for m in reversed(sent.mentions):
            if m.tok_last >= first or m in exclude or m.addressee or m.actor in {e.actor for e in exclude}:
                continue
            if _across_colon(sent, m.tok_last, first):
                return None  # "هايلي: ... وروسيا حمته": not across a colon (the speaker of a headline)
            return m if _agrees(sent, m, pronoun) else None
        return None


def _noun_context(sent: Sentence, first: int, last: int, lexicon: RelationLexicon, verb: Trigger) -> bool:
    """Does the context make a surface that is both a verb and a noun (دعم، دعما) the noun: after a
    preposition, a marker word (أي دعم، وقف دعم), a verb of receiving (تتلقى دعما) or, written with a
    pronoun, any word that is no actor, connective, subordinator or relative (بمواصلة دعمها), before a light
    verb with its pronoun or a relative pronoun (دعم قد تقدمه، الدعم الذي), or before an actor followed
    right away by an actor written with ل (دعم الولايات المتحدة لتنظيم داعش)?"""
    toks = sent.tokens
    if first > 0 and not toks[first - 1].punct:
        prev = toks[first - 1].text
        if prev in lexicon.prepositions or prev in lexicon.markers or prev in lexicon.reception_verbs:
            return True
        if (first == last and first - 1 not in sent.mention_tokens and _has_enclitic(toks[first].text, verb)
                and not (prev in lexicon.connectives or prev in lexicon.subordinators
                         or prev in lexicon.relative_pronouns or prev in lexicon.light_verbs)):
            return True  # "بمواصلة دعمها للقوات", "بسبب دعمه": a word that governs it, not a subject, stands before
    ms = [m for m in sent.mentions if m.tok_first > last]
    if ms and ms[0].tok_first == last + 1 and len(ms) > 1 and ms[1].tok_first == ms[0].tok_last + 1 and (
            sent.proclitic(ms[1]).startswith(lexicon.target_proclitics)
            or (ms[1].tok_first > 0 and sent.tokens[ms[1].tok_first].text.startswith(lexicon.target_proclitics)
                and sent.tokens[ms[1].tok_first].nstart < ms[1].nstart)):
        return True  # "تظهر دعم الولايات المتحدة لتنظيم داعش": a genitive agent and a ل-target make it the noun
    k = last + 1
    if k < len(toks) and any(mk.before_imperfect for mk in lexicon.markers.get(toks[k].text, ())):
        k += 1
    return k < len(toks) and not toks[k].punct and (toks[k].text in lexicon.light_verbs
                                                    or toks[k].text in lexicon.relative_pronouns)


def sentence_relations(sent: Sentence, lexicon: RelationLexicon) -> list[Found]:
    """Every relation of one sentence, trigger by trigger, each (type, source, target mention) once."""
    found: list[Found] = []
    seen: set[tuple[Any, ...]] = set()
    toks = sent.tokens
    i = 0
    while i < len(toks):
        cands = lexicon.triggers.get(toks[i].text)
        trig = phrase_at(toks, i, cands) if cands and not toks[i].punct else None
        if trig is None:
            i += 1
            continue
        last = i + len(trig.words) - 1
        if trig.requires and not any(
                toks[k].text in trig.requires for k in range(last + 1, min(len(toks), last + 1 + lexicon.max_after))
                if toks[k].clause == toks[i].clause):
            i = last + 1  # "حملت القوات راية": the verb is no trigger without its word
            continue
        if trig.kind == "verb" and trig.words in lexicon.noun_readings and _noun_context(sent, i, last, lexicon, trig):
            trig = lexicon.noun_readings[trig.words]
        rules = _Rules(sent, trig, i, last, lexicon, found)
        speaker = [m for m in sent.mentions if m.kind == SPEAKER_REFERENCE and m.tok_first == i == m.tok_last]
        if speaker:
            # "دعمنا الدوحة", "سنتعاون مع تركيا", "تعاوننا مع": the trigger in the first person, its agent the speaker
            results = rules.make(speaker[0], _targets_after(sent, rules.clause, last, trig, speaker[0], lexicon),
                                 "first_person")
        elif any(j in sent.mention_tokens for j in range(i, last + 1)):
            # a trigger inside a mention counts only as the head of a descriptor naming the agent
            # ("غارات التحالف على داعش", "الدعم الأمريكي للأكراد"): that mention is the source
            # (not a name: "حلف الناتو"; nor a person: the trigger is then no head of an actor's description)
            head = [m for m in sent.mentions if m.tok_first == i and m.tok_last > last
                    and m.kind not in _NONHEAD_KINDS]
            results = rules.headed(head[0]) if head and trig.kind == "noun" else []
        else:
            results = rules.run()
        if trig.person_relation is not None and results:
            # "وهاجم الرئيس السوري بشار الأسد الدول الغربية": a person attacks in words
            results = [replace(f, relation=trig.person_relation) if _personal(sent, rules.clause, f.source, lexicon)
                       else f for f in results]
        for f in results:
            key = (f.relation, f.source.start, f.target.start)
            if key in seen:
                continue
            seen.add(key)
            found.append(f)
        i = last + 1
    return found


__all__ += ["conjoined"]
