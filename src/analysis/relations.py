"""Who does what to whom: directed, typed relations between actors from verb patterns in one clause.

Co-mention says two actors share a sentence; a relation says one *acts on* the other. Event coders
(PETRARCH, CAMEO) do this for English with full parsers; here a transparent pattern lexicon
(``lexicons/relations.yaml``) is matched on normalized text, token by token, and the arguments are
taken from the actor mentions of the same clause by a few positional rules (docs/network.md):

* verb trigger (استهدفت, تهاجم, يتعاون): source = nearest actor before it in the clause (SVO), or the
  antecedent of a relative clause just closed ("قوات X التي ...، هاجمت ..."), else the first actor after
  it (VSO, "استهدفت مقاتلات التحالف مواقع التنظيم"), target = the next actor after.
* noun trigger (هجوما, بدعم, الغطاء الجوي, للتنسيق): agent after من ("بدعم من طيران التحالف": the
  coalition supports the clause's subject); a relative clause right after the noun ("الغطاء الجوي الذي
  يقدمه التحالف للقوات الكردية"); else the SVO rule (light verbs: "شنت قوات X هجوما على Y").
* ``statement_about``: from the stance module's statements, speaker -> each target.

Negated events ("لا تهاجم", "لم تشن هجوما") are kept, flagged ``negated=true``; the graphs leave them
out by default. Matching is one dictionary look-up per token: no loop over patterns.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import ahocorasick

from . import config
from .lexicon.loading import compiled
from .lexicon.models import RelationLexiconModel
from .lexicon.source import LexiconSource
from .normalize import Normalized, NormalizeConfig, normalize, normalize_text
from .segment import TOKEN_RE, Segmentation, segment

log = logging.getLogger(__name__)

__all__ = [
    "Relation",
    "RelationLexicon",
    "load_lexicon",
    "extract_relations",
    "find_relations",
    "relation_rows",
    "ROW_TABLES",
    "ANALYZER",
    "RELATION_TYPES",
    "DEFAULT_LEXICON",
]

DEFAULT_LEXICON = config.LEXICON_DIR / "relations.yaml"
#: The relation derived from the stance module's statements (speaker -> targets), not from the lexicon.
STATEMENT_ABOUT = "statement_about"
#: Speakers that are not actors: their statements make no relation.
_NON_ACTOR_SPEAKERS = frozenset({"", "OUTLET", "UNKNOWN"})

Kind = Literal["verb", "noun"]


@dataclass(frozen=True)
class Trigger:
    relation: str
    kind: Kind
    lemma: str  # the lexicon entry (normalized) it was generated from
    words: tuple[str, ...]  # normalized tokens of the surface form


@dataclass(frozen=True)
class RelationSpec:
    symmetric: bool
    target_prepositions: frozenset[str]


@dataclass(frozen=True)
class RelationLexicon:
    """The compiled lexicon: every inflected form keyed by its first token."""

    triggers: dict[str, tuple[Trigger, ...]]  # first token -> candidates, longest first
    specs: dict[str, RelationSpec]
    punctuation: frozenset[str]
    connectives: dict[str, tuple[tuple[str, ...], ...]]  # first token -> phrases (longest first)
    relative_pronouns: frozenset[str]
    negators: frozenset[str]
    negation_window: int
    agent_prepositions: frozenset[str]
    attachment_words: frozenset[str]
    max_before: int
    max_after: int

    @property
    def relation_types(self) -> tuple[str, ...]:
        return tuple(sorted(self.specs))


#: Relation types of the packaged lexicon plus statement_about (documentation and validation).
RELATION_TYPES = ("attack", "support", "coordinate", STATEMENT_ABOUT)


# --- lexicon: forms generated from stems and affixes -------------------------------------------------

def _ta_marbuta_stem(raw_form: str, norm_form: str) -> str:
    """A final ة is written ت before a suffix (غارة + ها -> غارتها)."""
    return norm_form[:-1] + "ت" if raw_form.endswith("ة") else norm_form


def _verb_forms(entry: dict[str, Any], para: dict[str, Any], norm: Any) -> set[str]:
    out: set[str] = set()
    enclitics = [norm(e) for e in para.get("enclitics", [""])]
    bases: list[tuple[str, list[str]]] = []  # (form, proclitics allowed)
    procl = [norm(p) for p in para.get("proclitics", [""])]
    if entry.get("perfect"):
        stem = norm(entry["perfect"])
        for suf in para.get("perfect_suffixes", [""]):
            bases.append((stem + norm(suf), procl))
    if entry.get("imperfect"):
        stem = norm(entry["imperfect"])
        iprocl = sorted({a + b for a in procl for b in [norm(p) for p in para.get("imperfect_proclitics", [""])]
                         if not (a and b and b[0] in "وف")})
        for pre in para.get("imperfect_prefixes", []):
            for suf in para.get("imperfect_suffixes", [""]):
                bases.append((norm(pre) + stem + norm(suf), iprocl))
    for form, proclitics in bases:
        for p in proclitics:
            for e in enclitics:
                if e and form.endswith("وا"):  # هاجموا + ها -> هاجموها
                    out.add(p + form[:-1] + e)
                else:
                    out.add(p + form + e)
    return out


def _noun_forms(entry: dict[str, Any], para: dict[str, Any], norm: Any) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    article = norm(para.get("article", "ال"))
    procl = [norm(p) for p in para.get("proclitics", [""])]
    enclitics = [norm(e) for e in para.get("enclitics", [""])]
    then = [norm(w) for w in entry.get("then", [])]
    endings = [norm(e) for e in para.get("modifier_endings", [""])]
    for raw_form in entry["forms"]:
        form = norm(raw_form)
        for p in procl:
            # with the article (ل + ال is written لل)
            art_prefix = (p[:-1] + "لل") if p.endswith("ل") else p + article
            heads = [(art_prefix + form, True)]
            heads += [(p + form, False)]
            heads += [(p + _ta_marbuta_stem(raw_form, form) + e, False) for e in enclitics if e]
            for head, definite in heads:
                if not then:
                    out.add((head,))
                    continue
                if definite:
                    out.add((head, *[article + w for w in then]))
                else:
                    for ending in endings:
                        out.add((head, *[w + ending if w and not (ending == "ة" and w.endswith("ه")) else w
                                         for w in then]))
    return out


def _phrase_index(phrases: Iterable[tuple[tuple[str, ...], Any]]) -> dict[str, tuple[Any, ...]]:
    index: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
    for words, payload in phrases:
        index.setdefault(words[0], []).append((words, payload))
    return {k: tuple(p for _, p in sorted(v, key=lambda wp: (-len(wp[0]), wp[0]))) for k, v in index.items()}


def load_lexicon(path: str | Path | None = None, *, normalization: NormalizeConfig | None = None) -> RelationLexicon:
    """Read, validate and compile a relation lexicon (default: the packaged one); see the YAML's header for
    the format. The file is checked against :class:`analysis.lexicon.models.RelationLexiconModel` (a
    mistake is a ConfigurationError naming the file and the line); the compiled lexicon is cached by the
    SHA-256 of the file's bytes."""
    return compiled("relations", path if path is not None else DEFAULT_LEXICON, _compile,
                    normalization or NormalizeConfig())


def _compile(model: RelationLexiconModel, source: LexiconSource, cfg: NormalizeConfig) -> RelationLexicon:
    """The compiled lexicon from the validated model (its defaults are those documented in the YAML)."""

    def norm(s: str) -> str:
        return normalize_text(str(s), cfg).strip()

    vpara, npara = model.paradigms.verb.model_dump(), model.paradigms.noun.model_dump()
    triggers: list[tuple[tuple[str, ...], Trigger]] = []
    specs: dict[str, RelationSpec] = {}
    for relation, block in model.relations.items():
        if relation == STATEMENT_ABOUT:
            raise source.error(("relations", relation), f"{STATEMENT_ABOUT!r} comes from the stance statements, not "
                                                        "the lexicon: choose another relation name")
        specs[relation] = RelationSpec(block.symmetric, frozenset(norm(p) for p in block.target_prepositions))
        for j, verb in enumerate(block.verbs):
            lemma = norm(verb.perfect or verb.imperfect or "")
            if not lemma:
                raise source.error(("relations", relation, "verbs", j), "a verb needs a perfect or an imperfect stem")
            triggers += [((f,), Trigger(relation, "verb", lemma, (f,))) for f in _verb_forms(verb.model_dump(), vpara, norm)]
        for noun in block.nouns:
            lemma = " ".join([norm(noun.forms[0]), *[norm(w) for w in noun.then]])
            triggers += [(w, Trigger(relation, "noun", lemma, w)) for w in _noun_forms(noun.model_dump(), npara, norm)]
    # One surface, two readings (دعم: "he supported" / "support"): the verb reading wins, since its
    # argument rules (SVO, then VSO) subsume the noun's default rule.
    best: dict[tuple[str, ...], Trigger] = {}
    for words, trig in sorted(triggers, key=lambda wt: (wt[0], wt[1].kind != "verb", wt[1].relation, wt[1].lemma)):
        best.setdefault(words, trig)
    clauses = model.clauses
    connectives = [tuple(norm(c).split()) for c in clauses.connectives]
    lexicon = RelationLexicon(
        triggers=_phrase_index((w, t) for w, t in best.items()),
        specs=specs,
        punctuation=frozenset(clauses.punctuation),
        connectives=_phrase_index((c, c) for c in connectives if c),
        relative_pronouns=frozenset(norm(r) for r in clauses.relative_pronouns),
        negators=frozenset(norm(n) for n in model.negators),
        negation_window=model.negation_window,
        agent_prepositions=frozenset(norm(p) for p in model.agent_prepositions),
        attachment_words=frozenset(norm(p) for p in model.attachment_words),
        max_before=model.max_tokens_before,
        max_after=model.max_tokens_after,
    )
    log.info("relation lexicon %s: %d trigger forms, %d relation types", source.path, len(best), len(specs))
    return lexicon


# --- extraction -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Relation:
    """One directed, typed relation, with every span in raw offsets."""

    start: int  # the evidence: from the first of source/verb/target to the last
    end: int
    source_actor: str
    relation: str
    target_actor: str
    verb: str  # the trigger as written (raw)
    verb_start: int
    verb_end: int
    source_start: int
    source_end: int
    target_start: int | None
    target_end: int | None
    negated: bool
    rule: str  # which argument rule fired: svo, vso, antecedent, agent, relative, symmetric, statement
    sentence_id: int


@dataclass
class _Mention:
    actor: str
    start: int  # raw
    end: int
    tok_first: int  # token indices (sentence-local token list)
    tok_last: int


@dataclass(slots=True)
class _Token:
    text: str
    nstart: int
    nend: int
    punct: bool
    clause: int = 0


@dataclass
class _Clause:
    first: int
    last: int
    relative: bool
    mentions: list[_Mention] = field(default_factory=list)


def _token_re(lexicon: RelationLexicon) -> re.Pattern[str]:
    punct = "".join(re.escape(p) for p in sorted(lexicon.punctuation))
    return re.compile(f"(?:{TOKEN_RE.pattern})" + (f"|(?P<p>[{punct}])" if punct else ""), re.UNICODE)


#: id(lexicon) -> (lexicon, token pattern, automaton of trigger first words or None): built once per lexicon.
_MATCHERS: dict[int, tuple[RelationLexicon, re.Pattern[str], Any]] = {}


def _matchers(lexicon: RelationLexicon) -> tuple[re.Pattern[str], Any]:
    """The token pattern and an Aho-Corasick automaton of every trigger's first word.

    The automaton is a cheap, conservative gate: a sentence can only yield a relation when one of its
    tokens is a trigger's first word, so a sentence whose normalized text does not even contain one as a
    substring is skipped before it is tokenized (most sentences with two actors hold no trigger)."""
    hit = _MATCHERS.get(id(lexicon))
    if hit is None or hit[0] is not lexicon:
        automaton = None
        if lexicon.triggers:
            automaton = ahocorasick.Automaton()
            for word in lexicon.triggers:
                automaton.add_word(word, None)
            automaton.make_automaton()
        if len(_MATCHERS) >= 16:
            _MATCHERS.clear()
        hit = (lexicon, _token_re(lexicon), automaton)
        _MATCHERS[id(lexicon)] = hit
    return hit[1], hit[2]


def _may_hold_trigger(automaton: Any, text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` contain a trigger's first word as a substring (a necessary condition)?"""
    if automaton is None:
        return False
    for _ in automaton.iter(text, start, end):
        return True
    return False


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


class _Sentence:
    """One sentence's tokens, clauses and actor mentions (normalized text, token-indexed)."""

    def __init__(self, norm: Normalized, nstart: int, nend: int, mentions: list[tuple[str, int, int, int, int]],
                 lexicon: RelationLexicon, token_re: re.Pattern[str]):
        text = norm.text
        self.tokens = [_Token(m.group(), m.start(), m.end(), m.lastgroup == "p")
                       for m in token_re.finditer(text, nstart, nend)]
        starts = [t.nstart for t in self.tokens]
        self.mentions: list[_Mention] = []
        for actor, rs, re_, ns, ne in mentions:
            first = bisect.bisect_right(starts, ns) - 1
            last = bisect.bisect_left(starts, ne) - 1
            if first < 0 or last < first:
                first = max(first, 0)
                last = max(last, first)
            self.mentions.append(_Mention(actor, rs, re_, first, last))
        self.mentions.sort(key=lambda m: (m.tok_first, m.start))
        # "التحالف بقيادة واشنطن": a mention attached to the previous one is never an argument of its own
        self.mentions = [m for m in self.mentions if not (
            m.tok_first > 0 and self.tokens[m.tok_first - 1].text in lexicon.attachment_words)]
        self.mention_tokens: set[int] = set()
        for m in self.mentions:
            self.mention_tokens.update(range(m.tok_first, m.tok_last + 1))
        self.clauses = self._clauses(lexicon)
        for m in self.mentions:
            self.clauses[self.tokens[m.tok_first].clause].mentions.append(m)

    def _clauses(self, lexicon: RelationLexicon) -> list[_Clause]:
        clauses = [_Clause(0, -1, False)]
        toks = self.tokens
        i = 0
        while i < len(toks):
            tok = toks[i]
            opens: bool | None = None  # None: no new clause; else whether the new clause is relative
            if tok.punct:
                tok.clause = len(clauses) - 1
                clauses[-1].last = i
                clauses.append(_Clause(i + 1, i, False))
                i += 1
                continue
            if tok.text in lexicon.relative_pronouns:
                opens = True
            elif tok.text in lexicon.connectives and _phrase_at(toks, i, lexicon.connectives[tok.text]):
                opens = False
            if opens is not None and clauses[-1].last >= clauses[-1].first:
                clauses.append(_Clause(i, i - 1, opens))
            elif opens is not None:
                clauses[-1].relative = opens
            tok.clause = len(clauses) - 1
            clauses[-1].last = i
            i += 1
        return clauses

    def antecedent(self, clause: int) -> _Mention | None:
        """The subject a clause inherits when it follows a relative clause: the relative's antecedent."""
        k = clause - 1
        if k < 0 or not self.clauses[k].relative or self.clauses[clause].relative:
            return None
        while k >= 0 and self.clauses[k].relative:
            k -= 1
        if k < 0 or not self.clauses[k].mentions:
            return None
        return self.clauses[k].mentions[-1]


def _phrase_at(tokens: Sequence[_Token], i: int, phrases: Sequence[Any]) -> Any:
    """The longest phrase (tuple of words, or a Trigger's ``words``) starting at token i, if any."""
    for payload in phrases:
        words = payload.words if isinstance(payload, Trigger) else payload
        n = len(words)
        if i + n <= len(tokens) and all(not tokens[i + k].punct and tokens[i + k].text == words[k] for k in range(n)):
            return payload
    return None


@dataclass
class _Found:
    relation: str
    source: _Mention
    target: _Mention | None
    trig_first: int
    trig_last: int
    negated: bool
    rule: str


def _before(sent: _Sentence, clause: _Clause, tok: int, max_gap: int) -> list[_Mention]:
    """Mentions of the clause that end before token ``tok``, nearest first, within ``max_gap`` tokens."""
    return [m for m in reversed(clause.mentions) if m.tok_last < tok and tok - m.tok_last <= max_gap]


def _after(sent: _Sentence, clause: _Clause, tok: int, max_gap: int) -> list[_Mention]:
    return [m for m in clause.mentions if m.tok_first > tok and m.tok_first - tok <= max_gap]


def _preceded_by(sent: _Sentence, m: _Mention, words: frozenset[str]) -> bool:
    """Is the mention introduced by one of ``words`` (a separate token, conjunction و allowed: ومع)?"""
    if m.tok_first == 0:
        return False
    prev = sent.tokens[m.tok_first - 1]
    return not prev.punct and (prev.text in words or (prev.text[:1] in "وف" and prev.text[1:] in words))


def _conjoined(sent: _Sentence, a: _Mention, b: _Mention, norm_text: str) -> bool:
    """Are two mentions coordinated by و with nothing else between them ("موسكو وواشنطن")?"""
    if b.tok_first <= a.tok_last:
        return False
    gap = norm_text[sent.tokens[a.tok_last].nend : sent.tokens[b.tok_first].nstart]
    between = sent.tokens[a.tok_last + 1 : b.tok_first]
    if not between:  # "وواشنطن": the conjunction is fused with the second mention's first token
        head = sent.tokens[b.tok_first]
        return head.text.startswith("و") and gap.strip(" \"'«»") == ""
    return len(between) == 1 and between[0].text == "و"


def _targets_after(sent: _Sentence, clause: _Clause, tok: int, spec: RelationSpec, source: _Mention | None,
                   lexicon: RelationLexicon) -> list[_Mention]:
    cands = [m for m in _after(sent, clause, tok, lexicon.max_after) if source is None or m is not source]
    if spec.target_prepositions:
        # every actor introduced by a target preposition ("مع التحالف ... ومع الأكراد")
        return [m for m in clause.mentions if m.tok_first > tok and _preceded_by(sent, m, spec.target_prepositions)
                and (m.tok_first - tok <= lexicon.max_after or m in cands or _chain(sent, clause, m, tok, spec))]
    if cands and _preceded_by(sent, cands[0], lexicon.agent_prepositions):
        return []  # "هجوم ... من X": X is an agent, not a target
    return cands[:1]


def _chain(sent: _Sentence, clause: _Clause, m: _Mention, tok: int, spec: RelationSpec) -> bool:
    """A later target in a coordinated chain ("مع X بقيادة Y ومع Z"): allowed when an earlier one was near."""
    return any(o.tok_first > tok and o.tok_first < m.tok_first and _preceded_by(sent, o, spec.target_prepositions)
               for o in clause.mentions)


def _negated(sent: _Sentence, clause: _Clause, first: int, lexicon: RelationLexicon) -> bool:
    lo = max(clause.first, first - lexicon.negation_window)
    return any(sent.tokens[i].text in lexicon.negators for i in range(lo, first))


def _arguments(sent: _Sentence, trig: Trigger, first: int, last: int, lexicon: RelationLexicon, norm_text: str,
               found: list[_Found]) -> list[_Found]:
    """Apply the argument rules for one trigger occurrence (docs/network.md, "Argument rules")."""
    spec = lexicon.specs[trig.relation]
    ci = sent.tokens[first].clause
    clause = sent.clauses[ci]
    negated = _negated(sent, clause, first, lexicon)

    def make(source: _Mention, targets: list[_Mention], rule: str) -> list[_Found]:
        # the negator may stand before a subject placed between it and the trigger: "لم تشن قوات النظام هجوما"
        neg = negated or (source in clause.mentions and source.tok_last < first
                          and _negated(sent, clause, source.tok_first, lexicon)
                          and first - source.tok_last <= lexicon.negation_window)
        return [_Found(trig.relation, source, t, first, last, neg, rule) for t in targets if t.actor != source.actor]

    if trig.kind == "noun":
        # agent: "بدعم من طيران التحالف" -> the coalition supports the clause's subject
        k = last + 1
        while k < len(sent.tokens) and k <= last + 2 and not sent.tokens[k].punct:
            if sent.tokens[k].text in lexicon.agent_prepositions:
                agents = [m for m in sent.mentions if k < m.tok_first <= k + 2]
                if agents:
                    agent = agents[0]
                    after = [m for m in _after(sent, sent.clauses[sent.tokens[agent.tok_first].clause],
                                                agent.tok_last, lexicon.max_after) if m is not agent]
                    if after:
                        return make(agent, after[:1], "agent")
                    host = _host_subject(sent, clause, first, lexicon, found, exclude=agent)
                    return make(agent, [host], "agent") if host else []
                break
            k += 1
        # relative clause on the noun: "الغطاء الجوي الذي يقدمه التحالف للقوات الكردية"
        nxt = last + 1
        if nxt < len(sent.tokens) and sent.tokens[nxt].text in lexicon.relative_pronouns:
            rel = sent.clauses[sent.tokens[nxt].clause]
            inner = [m for m in rel.mentions if m.tok_first - nxt <= lexicon.max_after]
            if len(inner) >= 2:
                return make(inner[0], _targets_after(sent, rel, inner[0].tok_last, spec, inner[0], lexicon), "relative")
    before = _before(sent, clause, first, lexicon.max_before)
    if spec.symmetric and before:
        prev = [m for m in clause.mentions if m.tok_last < before[0].tok_first]
        if prev and _conjoined(sent, prev[-1], before[0], norm_text):
            pair = make(prev[-1], [before[0]], "symmetric")
            if pair:
                return pair + make(before[0], _targets_after(sent, clause, last, spec, before[0], lexicon), "svo")
    if before:
        return make(before[0], _targets_after(sent, clause, last, spec, before[0], lexicon), "svo")
    antecedent = sent.antecedent(ci) if not [m for m in clause.mentions if m.tok_last < first] else None
    if antecedent is not None:
        return make(antecedent, _targets_after(sent, clause, last, spec, antecedent, lexicon), "antecedent")
    if trig.kind == "verb":
        after = _after(sent, clause, last, lexicon.max_after)
        if after:
            source = after[0]
            if spec.symmetric and len(after) > 1 and _conjoined(sent, source, after[1], norm_text):
                return make(source, [after[1]], "symmetric")  # "اتفقت أنقرة وموسكو"
            targets = _targets_after(sent, clause, source.tok_last, spec, source, lexicon)
            if targets:
                return make(source, targets, "vso")
            # "قوات النظام، التي تدعمها روسيا": the relative's antecedent is the object (resumptive pronoun)
            if clause.relative and _has_enclitic(sent.tokens[last].text, trig):
                ante = _relative_antecedent(sent, ci)
                if ante is not None:
                    return make(source, [ante], "relative_object")
    return []


def _has_enclitic(token: str, trig: Trigger) -> bool:
    return token.endswith(("ه", "ها", "هم", "هما", "هن")) and not trig.lemma.endswith("ه")


def _relative_antecedent(sent: _Sentence, clause: int) -> _Mention | None:
    """The last mention before a relative clause (its antecedent), in the clause that the relative follows."""
    k = clause - 1
    while k >= 0 and sent.clauses[k].relative:
        k -= 1
    if k < 0 or not sent.clauses[k].mentions:
        return None
    return sent.clauses[k].mentions[-1]


def _host_subject(sent: _Sentence, clause: _Clause, first: int, lexicon: RelationLexicon, found: list[_Found],
                  exclude: _Mention) -> _Mention | None:
    """The subject of the event a "بدعم من X" phrase qualifies: the last relation's source in the sentence,
    else the nearest actor before in the clause, else the antecedent, else the sentence's first actor."""
    for f in reversed(found):
        if f.source is not exclude and f.rule != "agent":
            return f.source
    before = [m for m in _before(sent, clause, first, lexicon.max_before) if m is not exclude]
    if before:
        return before[0]
    ante = sent.antecedent(sent.tokens[first].clause)
    if ante is not None:
        return ante
    earlier = [m for m in sent.mentions if m.tok_last < first and m is not exclude]
    return earlier[0] if earlier else None


def _sentence_relations(sent: _Sentence, lexicon: RelationLexicon, norm_text: str) -> list[_Found]:
    found: list[_Found] = []
    seen: set[tuple[Any, ...]] = set()
    toks = sent.tokens
    i = 0
    while i < len(toks):
        cands = lexicon.triggers.get(toks[i].text)
        trig = _phrase_at(toks, i, cands) if cands and not toks[i].punct else None
        if trig is None or any(j in sent.mention_tokens for j in range(i, i + len(trig.words))):
            i += 1
            continue
        last = i + len(trig.words) - 1
        for f in _arguments(sent, trig, i, last, lexicon, norm_text, found):
            assert f.target is not None
            key = (f.relation, f.source.start, f.target.start)
            if key in seen:
                continue
            seen.add(key)
            found.append(f)
        i = last + 1
    return found


def _mention_tuples(mentions: Iterable[Any], norm: Normalized) -> list[tuple[str, int, int, int, int]]:
    out = []
    for m in mentions:
        if isinstance(m, dict):
            start, end, ns, ne, actor = (int(m.get("start")), int(m.get("end")), m.get("norm_start"),  # type: ignore[arg-type]
                                         m.get("norm_end"), m.get("actor"))
        else:  # one getattr each, not _get's isinstance per field: this runs for every mention
            start, end = int(getattr(m, "start", None)), int(getattr(m, "end", None))  # type: ignore[arg-type]
            ns, ne, actor = getattr(m, "norm_start", None), getattr(m, "norm_end", None), getattr(m, "actor", None)
        if ns is None or ne is None:
            ns, ne = norm.norm_index(start), norm.norm_index(end)
        if ne <= ns:
            continue
        out.append((str(actor), start, end, int(ns), int(ne)))
    return sorted(out, key=lambda t: (t[1], t[2]))


def extract_relations(
    text: str,
    norm: Normalized,
    seg: Segmentation,
    mentions: Iterable[Any],
    statements: Iterable[Any] = (),
    lexicon: RelationLexicon | None = None,
) -> list[Relation]:
    """Relations of one document, sorted by start. ``mentions``: objects or dicts with ``start``, ``end``,
    ``actor`` (raw offsets; ``norm_start``/``norm_end`` used when present); ``statements``: the stance
    module's statements (``speaker_actor``, ``targets``, ``start``, ``end``, ``verb``, speaker span)."""
    lexicon = lexicon or load_lexicon()
    token_re, automaton = _matchers(lexicon)
    tuples = _mention_tuples(mentions, norm)
    mstarts = [t[1] for t in tuples]
    out: list[Relation] = []
    for s in seg.sentences:
        lo, hi = bisect.bisect_left(mstarts, s.start), bisect.bisect_left(mstarts, s.end)
        if hi - lo < 2:
            continue  # a relation needs two actors in the sentence
        nstart, nend = norm.norm_index(s.start), norm.norm_index(s.end)
        if not _may_hold_trigger(automaton, norm.text, nstart, nend):
            continue  # no trigger word: tokens, clauses and argument rules would find nothing
        sent = _Sentence(norm, nstart, nend, tuples[lo:hi], lexicon, token_re)
        for f in _sentence_relations(sent, lexicon, norm.text):
            assert f.target is not None
            vs, ve = norm.raw_span(sent.tokens[f.trig_first].nstart, sent.tokens[f.trig_last].nend)
            out.append(Relation(
                start=min(vs, f.source.start, f.target.start), end=max(ve, f.source.end, f.target.end),
                source_actor=f.source.actor, relation=f.relation, target_actor=f.target.actor,
                verb=text[vs:ve], verb_start=vs, verb_end=ve, source_start=f.source.start, source_end=f.source.end,
                target_start=f.target.start, target_end=f.target.end, negated=f.negated, rule=f.rule,
                sentence_id=s.sentence_id,
            ))
    out.extend(_statement_relations(statements, seg))
    out.sort(key=lambda r: (r.start, r.end, r.verb_start, r.source_start, r.relation, r.target_actor))
    return out


def _statement_relations(statements: Iterable[Any], seg: Segmentation) -> list[Relation]:
    out = []
    for st in statements:
        speaker = str(_get(st, "speaker_actor", "") or "")
        if speaker in _NON_ACTOR_SPEAKERS:
            continue
        targets = _get(st, "targets", ()) or ()
        if isinstance(targets, str):
            targets = [t for t in targets.split("|") if t]
        start, end = int(_get(st, "start")), int(_get(st, "end"))
        ss, se = _get(st, "speaker_start"), _get(st, "speaker_end")
        sentence = seg.sentence_at(start)
        for target in dict.fromkeys(targets):
            if target == speaker or target in _NON_ACTOR_SPEAKERS:
                continue
            out.append(Relation(
                start=start, end=end, source_actor=speaker, relation=STATEMENT_ABOUT, target_actor=str(target),
                verb=str(_get(st, "verb", "") or ""), verb_start=start, verb_end=start,
                source_start=int(ss) if ss is not None else start, source_end=int(se) if se is not None else start,
                target_start=None, target_end=None, negated=False, rule="statement",
                sentence_id=sentence.sentence_id if sentence else int(_get(st, "sentence_id", -1) or -1),
            ))
    return out


def find_relations(
    text: str,
    *,
    mentions: Iterable[Any] | None = None,
    statements: Iterable[Any] = (),
    lexicon: str | Path | RelationLexicon | None = None,
    normalization: NormalizeConfig | None = None,
) -> list[Relation]:
    """Relations in one raw text (notebooks and tests). Without ``mentions`` the actor detector runs here."""
    if isinstance(lexicon, RelationLexicon):
        lex = lexicon
    else:
        lex = load_lexicon(lexicon, normalization=normalization)
    norm = normalize(text, normalization)
    seg = segment(text)
    if mentions is None:
        from .actors import find_mentions

        mentions = find_mentions(text)
    return extract_relations(text, norm, seg, mentions, statements, lex)


# --- the pipeline plug-in ---------------------------------------------------------------------------

ROW_TABLES: dict[str, list[str]] = {
    "relations": [
        "doc_id", "start", "end", "source_actor", "relation", "target_actor", "verb", "verb_start", "verb_end",
        "source_start", "source_end", "target_start", "target_end", "negated", "rule", "sentence_id",
        "in_headline", "is_repeated", "sentence",
        "is_boilerplate",  # set by the pipeline from the document's boilerplate spans (analysis.boilerplate)
    ],
}


def relation_rows(doc_id: str, text: str, seg: Segmentation, relations: Iterable[Relation]) -> list[dict[str, Any]]:
    """Rows of ``relations.csv`` for one document."""
    sentences = {s.sentence_id: s for s in seg.sentences}
    rows = []
    for r in relations:
        s = sentences.get(r.sentence_id)
        rows.append({
            "doc_id": doc_id, "start": r.start, "end": r.end, "source_actor": r.source_actor,
            "relation": r.relation, "target_actor": r.target_actor, "verb": r.verb, "verb_start": r.verb_start,
            "verb_end": r.verb_end, "source_start": r.source_start, "source_end": r.source_end,
            "target_start": r.target_start, "target_end": r.target_end, "negated": r.negated, "rule": r.rule,
            "sentence_id": r.sentence_id, "in_headline": bool(s and s.is_headline),
            "is_repeated": bool(s and s.is_repeated), "sentence": text[s.start : s.end] if s else "",
        })
    return rows


def ANALYZER(doc: Any, resources: Any) -> dict[str, list[dict[str, Any]]]:  # noqa: N802 (pipeline component)
    """Relations of one document (an :class:`analysis.doc.Doc`) from its ``mentions`` and ``statements``
    layers; assigns its ``relations`` layer."""
    options = resources.options
    path = options.relation_lexicon
    lexicon = resources.get(f"relation_lexicon:{path}",
                            lambda: load_lexicon(path, normalization=options.normalization))
    relations = extract_relations(doc.text, doc.norm, doc.seg, doc.mentions, doc.statements, lexicon)
    doc.relations = relations
    return {"relations": relation_rows(doc.doc_id, doc.text, doc.seg, relations)}
