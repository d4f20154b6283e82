"""Boilerplate spans and digest pages: page furniture marked where it is, the text left untouched.

Rules are data (``src/analysis/lexicons/boilerplate.yaml``: per outlet and generic, each a name, a kind, a
regular expression and real examples). :func:`find_boilerplate` returns the spans they mark in a
document's raw text; nothing is deleted, so every offset of every table stays valid, and rows of the
mention, statement, cue and relation tables that overlap a span are flagged ``is_boilerplate``.

Digest pages (one page joining several stories: press reviews, "on this day" lists, a story followed by
the leads of the next ones) are flagged per document by :func:`detect_digest`, with the reason:

* ``title:<rule>``: the headline or the first body line matches one of the ``digest_titles`` patterns;
* ``headline_lines:<n>``: the body has at least :data:`DIGEST_MIN_HEADLINE_LINES` headline-like lines:
  lines outside boilerplate spans of :data:`DIGEST_HEADLINE_WORDS` words that end without sentence
  punctuation and are not numbered list items (a story's subheadings are shorter, its paragraphs end
  with a full stop, its numbered points are one story's; a list of other stories' headlines is none of
  these).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import schema
from .segment import TOKEN_RE

#: libyaml's loader when PyYAML has it (the same data, several times faster), else PyYAML's own.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["BoilerplateRule", "BoilerplateRules", "Span", "load_rules", "find_boilerplate", "detect_digest",
           "overlaps", "BOILERPLATE_COLUMNS", "KINDS", "DEFAULT_RULES", "DIGEST_MIN_HEADLINE_LINES",
           "DIGEST_HEADLINE_WORDS"]

DEFAULT_RULES = Path(__file__).parent / "lexicons" / "boilerplate.yaml"
KINDS = ("dateline", "byline", "related_link", "photo_credit", "caption", "sign_off", "disclaimer", "app_promo",
         "separator")
BOILERPLATE_COLUMNS = schema.BOILERPLATE.columns
DIGEST_MIN_HEADLINE_LINES = 5
DIGEST_HEADLINE_WORDS = (5, 16)
_SENTENCE_END = tuple(".!?؟…:؛\"'»”)")
_LINE_RE = re.compile(r"[^\r\n]+")
#: a numbered list item ("2-عملية تسليم الأسلحة ..."): the points of one story, not other stories' headlines
_LIST_ITEM = re.compile(r"^[\d٠-٩]+\s*[-.)–]")


@dataclass(frozen=True)
class BoilerplateRule:
    name: str
    kind: str
    pattern: re.Pattern[str]
    outlets: frozenset[str] | None  # None: every outlet
    max_line: int | None
    examples: tuple[str, ...]

    def applies_to(self, outlet_id: str) -> bool:
        return self.outlets is None or outlet_id in self.outlets


@dataclass(frozen=True)
class DigestTitle:
    name: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class BoilerplateRules:
    rules: tuple[BoilerplateRule, ...]
    digest_titles: tuple[DigestTitle, ...]


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    rule: str
    kind: str


def _compile(pattern: object, where: str) -> re.Pattern[str]:
    try:
        return re.compile(str(pattern), re.MULTILINE)
    except re.error as exc:
        raise ValueError(f"{where}: bad pattern: {exc}") from None


def _parse(data: object, where: str) -> BoilerplateRules:
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ValueError(f"{where}: expected a mapping with a list under 'rules'")
    rules, names = [], set()
    for i, entry in enumerate(data["rules"]):
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("pattern"):
            raise ValueError(f"{where}: rule #{i + 1} needs a 'name' and a 'pattern'")
        name = str(entry["name"])
        if name in names:
            raise ValueError(f"{where}: rule name {name!r} is used twice")
        names.add(name)
        kind = str(entry.get("kind") or "")
        if kind not in KINDS:
            raise ValueError(f"{where}: rule {name!r}: kind {kind!r} is not one of {KINDS}")
        outlets = entry.get("outlets")
        max_line = entry.get("max_line")
        rules.append(BoilerplateRule(name, kind, _compile(entry["pattern"], f"{where}: rule {name!r}"),
                                     frozenset(str(o) for o in outlets) if outlets else None,
                                     int(max_line) if max_line is not None else None,
                                     tuple(str(e) for e in entry.get("examples") or ())))
    titles = []
    for i, entry in enumerate(data.get("digest_titles") or []):
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("pattern"):
            raise ValueError(f"{where}: digest title #{i + 1} needs a 'name' and a 'pattern'")
        titles.append(DigestTitle(str(entry["name"]), _compile(entry["pattern"], f"{where}: digest {entry['name']!r}"),
                                  tuple(str(e) for e in entry.get("examples") or ())))
    return BoilerplateRules(tuple(rules), tuple(titles))


@lru_cache(maxsize=4)
def load_rules(path: str | Path | None = None) -> BoilerplateRules:
    """Boilerplate rules and digest title patterns from YAML (default: the packaged ``boilerplate.yaml``)."""
    path = Path(path) if path is not None else DEFAULT_RULES
    with path.open(encoding="utf-8") as fh:
        return _parse(yaml.load(fh, Loader=_YAML_LOADER), str(path))


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LINE_RE.finditer(text) if m.group().strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def find_boilerplate(text: str, outlet_id: str = "", rules: BoilerplateRules | None = None) -> list[Span]:
    """Boilerplate spans of a document (raw offsets), sorted by start; none overlap (the longer wins).

    The headline (first non-empty line) is never marked. ``outlet_id``: the canonical outlet
    (``analysis.outlets``); outlet-specific rules apply only to their outlets.
    """
    rules = rules or load_rules()
    lines = _lines(text)
    if not lines:
        return []
    body_from = lines[0][1]
    line_starts = [s for s, _ in lines]
    found: list[Span] = []
    for rule in rules.rules:
        if not rule.applies_to(outlet_id):
            continue
        for match in rule.pattern.finditer(text, body_from):
            group = "span" if "span" in rule.pattern.groupindex else 0
            start, end = _trim(text, match.start(group), match.end(group))
            if start >= end or start < body_from:
                continue
            if rule.max_line is not None:
                # index of the line holding start, 0 being the headline
                line_no = _line_index(line_starts, start)
                if line_no > rule.max_line:
                    continue
            found.append(Span(start, end, rule.name, rule.kind))
    # the first longest span wins, as spaCy's filter_spans
    kept: list[Span] = []
    for span in sorted(found, key=lambda s: (-(s.end - s.start), s.start, s.rule)):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept)


def _line_index(line_starts: list[int], offset: int) -> int:
    lo, hi = 0, len(line_starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if line_starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def overlaps(spans: list[Span] | list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps any of the (sorted) spans."""
    for span in spans:
        s, e = (span.start, span.end) if isinstance(span, Span) else span
        if s >= end:
            return False
        if e > start:
            return True
    return False


def detect_digest(text: str, spans: list[Span], rules: BoilerplateRules | None = None) -> tuple[bool, str]:
    """(is_digest, reason) of a document; see the module docstring for the heuristic."""
    rules = rules or load_rules()
    lines = _lines(text)
    if not lines:
        return False, ""
    for s, e in lines[:2]:
        line = text[s:e]
        for title in rules.digest_titles:
            if title.pattern.search(line):
                return True, f"title:{title.name}"
    low, high = DIGEST_HEADLINE_WORDS
    n_headlines = 0
    for s, e in lines[1:]:
        s, e = _trim(text, s, e)
        if overlaps(spans, s, e):
            continue
        line = text[s:e]
        if line.endswith(_SENTENCE_END) or _LIST_ITEM.match(line):
            continue
        if low <= len(TOKEN_RE.findall(line)) <= high:
            n_headlines += 1
    if n_headlines >= DIGEST_MIN_HEADLINE_LINES:
        return True, f"headline_lines:{n_headlines}"
    return False, ""
