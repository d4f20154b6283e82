"""One sentence made ready for the argument rules: tokens of the normalized text, clauses, and the actor
mentions that may be arguments.

A mention is no argument when it is a place ("في دمشق": a name or metonym after a place word), lies in a
dateline (a boilerplate span of a declared kind), is attached to the actor before it ("التحالف بقيادة
واشنطن": only the passive rule of بقيادة uses it), or is addressed ("رسالة إلى واشنطن", "دعت روسيا
واشنطن إلى ..."): places and datelines are left out of the sentence, addressees keep their position (so
that no other actor slides into their role) but are never a source or target.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .phrases import SubstringSet

from .normalize import Normalized
from .relation_lexicon import RelationLexicon
from .segment import TOKEN_RE

__all__ = ["Mention", "Token", "Clause", "Sentence", "matchers", "may_hold_trigger", "phrase_at", "conjoined"]

#: (actor, raw start, raw end, norm start, norm end, kind)
MentionTuple = tuple[str, int, int, int, int, str]


@dataclass(eq=False)
class Mention:
    actor: str
    start: int  # raw
    end: int
    tok_first: int  # token indices (sentence-local token list)
    tok_last: int
    kind: str = ""
    nstart: int = 0  # normalized start (a proclitic before it belongs to the token, not the mention)
    attached: bool = False  # after an attachment word (بقيادة واشنطن)
    addressee: bool = False  # addressed by a call or a message: never an argument


@dataclass(slots=True)
class Token:
    text: str
    nstart: int
    nend: int
    punct: bool
    clause: int = 0


@dataclass
class Clause:
    first: int
    last: int
    relative: bool
    mentions: list[Mention] = field(default_factory=list)


def _token_re(lexicon: RelationLexicon) -> re.Pattern[str]:
    punct = "".join(re.escape(p) for p in sorted(lexicon.punctuation))
    return re.compile(f"(?:{TOKEN_RE.pattern})" + (f"|(?P<p>[{punct}])" if punct else ""), re.UNICODE)


#: id(lexicon) -> (lexicon, token pattern, automaton of trigger first words or None): built once per lexicon.
_MATCHERS: dict[int, tuple[RelationLexicon, re.Pattern[str], Any]] = {}


def matchers(lexicon: RelationLexicon) -> tuple[re.Pattern[str], Any]:
    """The token pattern and an Aho-Corasick automaton of every trigger's first word.

    The automaton is a cheap, conservative gate: a sentence can only yield a relation when one of its
    tokens is a trigger's first word, so a sentence whose normalized text does not even contain one as a
    substring is skipped before it is tokenized (most sentences with two actors hold no trigger)."""
    hit = _MATCHERS.get(id(lexicon))
    if hit is None or hit[0] is not lexicon:
        automaton = SubstringSet(lexicon.triggers) if lexicon.triggers else None
        if len(_MATCHERS) >= 16:
            _MATCHERS.clear()
        hit = (lexicon, _token_re(lexicon), automaton)
        _MATCHERS[id(lexicon)] = hit
    return hit[1], hit[2]


def may_hold_trigger(automaton: Any, text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` contain a trigger's first word as a substring (a necessary condition)?"""
    return automaton is not None and automaton.any_in(text, start, end)


def phrase_at(tokens: Sequence[Token], i: int, phrases: Sequence[Any]) -> Any:
    """The longest phrase (tuple of words, or a payload's ``words``) starting at token i, if any."""
    for payload in phrases:
        words = payload if isinstance(payload, tuple) else payload.words
        n = len(words)
        if i + n <= len(tokens) and all(not tokens[i + k].punct and tokens[i + k].text == words[k] for k in range(n)):
            return payload
    return None


class Sentence:
    """One sentence's tokens, clauses and actor mentions (normalized text, token-indexed)."""

    def __init__(self, norm: Normalized, nstart: int, nend: int, mentions: list[MentionTuple],
                 lexicon: RelationLexicon, token_re: re.Pattern[str]):
        text = norm.text
        self.norm = norm
        self.norm_text = text
        self.nend = nend
        self.tokens = [Token(m.group(), m.start(), m.end(), m.lastgroup == "p")
                       for m in token_re.finditer(text, nstart, nend)]
        starts = [t.nstart for t in self.tokens]
        found: list[Mention] = []
        for actor, rs, re_, ns, ne, kind in mentions:
            first = bisect.bisect_right(starts, ns) - 1
            last = bisect.bisect_left(starts, ne) - 1
            if first < 0 or last < first:
                first = max(first, 0)
                last = max(last, first)
            found.append(Mention(actor, rs, re_, first, last, kind, ns))
        found.sort(key=lambda m: (m.tok_first, m.start))
        found = [m for m in found if not self._is_place(m, lexicon)]
        for m in found:
            m.attached = m.tok_first > 0 and self.tokens[m.tok_first - 1].text in lexicon.attachment_words
        self.all_mentions = found
        # "التحالف بقيادة واشنطن": a mention attached to the previous one is no argument of the plain rules
        self.mentions = [m for m in found if not m.attached]
        self.mention_tokens: set[int] = set()
        for m in found:
            self.mention_tokens.update(range(m.tok_first, m.tok_last + 1))
        #: tokens of agent phrases between commas (", بدعم من التحالف،"): inside the clause, but no distance
        self.aside_tokens: set[int] = set()
        #: tokens that do not count in the distance between a trigger and its argument (asides, parentheses)
        self.distance_free: set[int] = set()
        self.clauses = self._clauses(lexicon)
        for m in self.mentions:
            self.clauses[self.tokens[m.tok_first].clause].mentions.append(m)
        self._mark_addressees(lexicon)

    def _is_place(self, m: Mention, lexicon: RelationLexicon) -> bool:
        """"في دمشق", "قرب موسكو": a metonym right after a place word is where, not who; "حدود الأردن",
        "الأراضي السورية": any mention right after a place noun."""
        if m.tok_first == 0:
            return False
        prev = self.tokens[m.tok_first - 1]
        if prev.punct:
            return False
        word = prev.text[1:] if prev.text[:1] in "وفب" and prev.text[1:] in lexicon.place_nouns else prev.text
        if word in lexicon.place_nouns:
            return True
        if m.kind not in lexicon.place_kinds:
            return False
        # "بريف دمشق", "بغوطة دمشق": a place word may carry ب as well as a conjunction
        return prev.text in lexicon.place_words or (prev.text[:1] in "وفب" and prev.text[1:] in lexicon.place_words)

    def _mark_addressees(self, lexicon: RelationLexicon) -> None:
        toks = self.tokens
        for i, tok in enumerate(toks):
            if tok.punct:
                continue
            cands = lexicon.addressee_phrases.get(tok.text)
            phrase = phrase_at(toks, i, cands) if cands else None
            if phrase is not None:  # رسالة إلى X: the first mention after the phrase, within two tokens
                after = [m for m in self.mentions if i + len(phrase) <= m.tok_first <= i + len(phrase) + 1]
                if after:
                    after[0].addressee = True
                continue
            if tok.text in lexicon.call_words:
                # دعت روسيا واشنطن إلى ...: the mention right before إلى/ب in the call's clause is addressed
                clause = toks[i].clause
                for m in self.clauses[clause].mentions:
                    nxt = m.tok_last + 1
                    if (m.tok_first > i and nxt < len(toks) and not toks[nxt].punct
                            and (toks[nxt].text in lexicon.addressee_prepositions
                                 or any(toks[nxt].text.startswith(p) and len(p) == 1
                                        for p in lexicon.addressee_prepositions))):
                        m.addressee = True
                        break

    def _clauses(self, lexicon: RelationLexicon) -> list[Clause]:
        clauses = [Clause(0, -1, False)]
        toks = self.tokens
        i = 0
        while i < len(toks):
            tok = toks[i]
            opens: bool | None = None  # None: no new clause; else whether the new clause is relative
            span = self._parenthetical(i, lexicon) if tok.punct else 0
            aside = 0 if span or not tok.punct else self._agent_aside(i, lexicon)
            if aside:
                self.aside_tokens.update(range(i, i + aside))
                span = aside
            if span:
                # "أعرب بوتين، الأربعاء، عن قلقه", "شن، مساء الأربعاء، هجوما": a time between commas cuts nothing
                # and does not count in the distance to an argument
                self.distance_free.update(range(i, i + span))
                for k in range(i, i + span):
                    toks[k].clause = len(clauses) - 1
                clauses[-1].last = i + span - 1
                i += span
                continue
            if tok.punct and not self._list_comma(i) and not self._aim_comma(i, lexicon):
                tok.clause = len(clauses) - 1
                clauses[-1].last = i
                clauses.append(Clause(i + 1, i, False))
                i += 1
                continue
            if tok.text in lexicon.relative_pronouns:
                opens = True
            elif tok.text in lexicon.connectives and phrase_at(toks, i, lexicon.connectives[tok.text]):
                opens = False
            if opens is not None and clauses[-1].last >= clauses[-1].first:
                clauses.append(Clause(i, i - 1, opens))
            elif opens is not None:
                clauses[-1].relative = opens
            tok.clause = len(clauses) - 1
            clauses[-1].last = i
            i += 1
        return clauses

    def _parenthetical(self, i: int, lexicon: RelationLexicon) -> int:
        """The number of tokens (commas included) of one to three time words, or of an actor in apposition to
        the actor before the comma ("الرئيس الأمريكي، دونالد ترامب، إلى"; "أوزار، سفير تركيا في قطر، إن"),
        between two commas starting at token ``i`` (a comma), else 0; parentheses in a row share their commas
        ("حذر الرئيس الروسي، فلاديمير بوتين، الجمعة، نظيره": a name, then a time)."""
        span = self._one_parenthetical(i, lexicon)
        while span and i + span - 1 < len(self.tokens):
            more = self._one_parenthetical(i + span - 1, lexicon)
            if not more:
                break
            span += more - 1
        return span

    def _one_parenthetical(self, i: int, lexicon: RelationLexicon) -> int:
        toks = self.tokens
        if toks[i].text not in ("،", ","):
            return 0
        if i > 0 and self._actor_at(i - 1) is not None and self._actor_at(i - 1) == self._actor_at(i + 1):
            for end in range(i + 2, min(i + 8, len(toks))):
                if toks[end].punct:
                    return end - i + 1 if toks[end].text in ("،", ",") else 0
                if end not in self.mention_tokens and toks[end].text not in lexicon.place_words:
                    break
        for n in (1, 2, 3):
            end = i + n + 1
            if end < len(toks) and toks[end].text in ("،", ",") and all(
                    not toks[k].punct and toks[k].text in lexicon.parentheticals for k in range(i + 1, end)):
                return n + 2
        return 0

    def _list_comma(self, i: int) -> bool:
        """Is token ``i`` a comma of a list of actors whose next member is written with و ("اتفقت روسيا،
        وإيران، وتركيا")? It cuts no clause."""
        toks = self.tokens
        if toks[i].text not in ("،", ",") or i == 0 or i + 1 >= len(toks):
            return False
        nxt = toks[i + 1]
        return (self._actor_at(i - 1) is not None and nxt.text[:1] == "و" and any(
            m.tok_first == i + 1 and m.nstart > nxt.nstart for m in self.all_mentions))

    def _aim_comma(self, i: int, lexicon: RelationLexicon) -> bool:
        """Is token ``i`` a comma before a preposition of aim and the actor it introduces ("شن تنظيم داعش
        أعنف هجوم منذ شهر، ضد قوات سوريا الديمقراطية")? The phrase belongs to the event before it: no cut."""
        toks = self.tokens
        if toks[i].text not in ("،", ",") or i + 2 >= len(toks):
            return False
        return toks[i + 1].text in lexicon.aim_prepositions and any(
            m.tok_first == i + 2 for m in self.all_mentions)

    def _actor_at(self, k: int) -> str | None:
        """The actor of the mention covering token ``k``, if any."""
        for m in self.all_mentions:
            if m.tok_first <= k <= m.tok_last:
                return m.actor
        return None

    def _agent_aside(self, i: int, lexicon: RelationLexicon) -> int:
        """The number of tokens (commas included) of an agent phrase between two commas starting at token
        ``i`` ("هاجمت القوات العراقية، بدعم جوي من التحالف، مواقع التنظيم": the phrase qualifies the event
        and cuts no clause), else 0: a noun trigger, at most one adjective, an agent preposition, and at
        most four more words."""
        toks = self.tokens
        if toks[i].text not in ("،", ",") or i + 1 >= len(toks):
            return 0
        first = toks[i + 1].text
        if not any(t.kind in ("noun", "passive") for t in lexicon.triggers.get(first, ())):
            return 0
        for k in (i + 2, i + 3):
            if k < len(toks) and toks[k].text in lexicon.agent_prepositions:
                for end in range(k + 2, min(k + 6, len(toks))):
                    if toks[end].punct:
                        return end - i + 1 if toks[end].text in ("،", ",") else 0
                return 0
        return 0

    def antecedent(self, clause: int) -> Mention | None:
        """The subject a clause inherits when it follows a relative clause: the relative's antecedent."""
        k = clause - 1
        if k < 0 or not self.clauses[k].relative or self.clauses[clause].relative:
            return None
        while k >= 0 and self.clauses[k].relative:
            k -= 1
        if k < 0 or not self.clauses[k].mentions:
            return None
        return self.clauses[k].mentions[-1]

    def raw(self, k: int) -> str:
        """Token ``k`` as written in the raw text (before normalization: ة and ه told apart)."""
        rs, re_ = self.norm.raw_span(self.tokens[k].nstart, self.tokens[k].nend)
        return self.norm.raw[rs:re_]

    def proclitic(self, m: Mention) -> str:
        """What the mention's first token carries before the mention (للأكراد -> لل)."""
        return self.norm_text[self.tokens[m.tok_first].nstart : m.nstart]

    def conjuncts(self, m: Mention) -> list[Mention]:
        """The mention and every mention coordinated with it by و (before and after), in reading order:
        "طائرات حربية سورية وروسية", "روسيا وإيران" are one role."""
        clause = self.clauses[self.tokens[m.tok_first].clause].mentions if m in self.mentions else [m]
        k = clause.index(m) if m in clause else 0
        lo, hi = k, k
        while lo > 0 and conjoined(self, clause[lo - 1], clause[lo]):
            lo -= 1
        while hi + 1 < len(clause) and conjoined(self, clause[hi], clause[hi + 1]):
            hi += 1
        return clause[lo : hi + 1] if m in clause else [m]


def conjoined(sent: Sentence, a: Mention, b: Mention) -> bool:
    """Are two mentions coordinated by و with nothing else between them ("موسكو وواشنطن"), or paired by a
    hyphen ("قمة ترامب-بوتين")?"""
    if b.tok_first <= a.tok_last:
        return False
    gap = sent.norm_text[sent.tokens[a.tok_last].nend : sent.tokens[b.tok_first].nstart]
    between = sent.tokens[a.tok_last + 1 : b.tok_first]
    if not between and gap.strip() in ("-", "–", "—"):
        return True
    if not between:  # "وواشنطن": the conjunction is fused with the second mention's first token (not
        # a name that begins with the letter: "تركيا وحدات حماية الشعب" are subject and object)
        return sent.proclitic(b).startswith("و") and gap.strip(" \"'«»“”‘’") == ""
    if len(between) == 1 and between[0].text in ("،", ",") and sent.proclitic(b).startswith("و"):
        return True  # "روسيا، وإيران، وتركيا": a list whose members are written with و
    return len(between) == 1 and between[0].text == "و"
