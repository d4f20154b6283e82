"""Paragraphs, sentences and tokens, all as offsets into the raw text.

Segmentation runs on the raw text (normalization never changes where lines and sentence punctuation are,
and raw offsets are what every table reports). Rules:

* A *paragraph* is a non-empty line (scraped news puts one paragraph per line; subheadings and captions
  are lines of their own). With ``paragraphs="blank_line"`` a paragraph is a block between blank lines.
* The *headline* is the first non-empty line.
* A *sentence* ends at ``.``, ``!``, ``?``, ``؟``, ``…`` (and ``؛`` when ``semicolon_ends=True``) followed
  by a space, closing quotes/brackets or the end of the paragraph; never inside a number (3.5, 3,000) and
  never across a line break. Closing quotes and brackets after the mark stay in the sentence.
* A line is *repeated* when, compared after normalization and with a trailing photo credit in
  parentheses removed, it equals another line of the document or one of the two is a prefix (of at least
  ``min_repeat_chars`` characters) of the other: scraped pages repeat captions, often cut short once.
  Of a set of copies one is kept unflagged: the first of the fullest (a later exact copy is flagged; a cut
  copy is flagged even when it comes first).
* *Tokens* are maximal runs of letters, digits and combining marks (numbers keep their decimal point).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .normalize import Normalized, normalize

__all__ = ["Sentence", "Segmentation", "segment", "TOKEN_RE", "tokens"]

TOKEN_RE = re.compile(r"\d+(?:[.,٫]\d+)*|[^\W\d_]+(?:[\u064b-\u065f\u0670\u0640]+[^\W\d_]*)*|\d+", re.UNICODE)
_LINE_RE = re.compile(r"[^\r\n]+")
_CREDIT_RE = re.compile(r"\s*[(（][^()]{1,40}[)）]\s*$")
_CLOSERS = "\"'”’»)]}›"


@dataclass(frozen=True)
class Sentence:
    sentence_id: int
    paragraph_id: int
    start: int
    end: int
    is_headline: bool
    is_repeated: bool


@dataclass(frozen=True)
class Segmentation:
    """A document cut into paragraphs and sentences (raw offsets)."""

    paragraphs: list[tuple[int, int]]
    sentences: list[Sentence]
    n_tokens: int

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding a raw offset (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None


@lru_cache(maxsize=2)
def _sentence_end_re(semicolon_ends: bool) -> re.Pattern[str]:
    marks = r"\.!?؟…" + ("؛" if semicolon_ends else "")
    # a run of terminal marks, then closing quotes/brackets, then a space or the end: "3.5" never splits
    return re.compile(rf"[{marks}]+[{re.escape(_CLOSERS)}]*(?=\s|$)")


def _repeat_key(normalized_line: str) -> str:
    text = _CREDIT_RE.sub("", normalized_line)
    return " ".join(text.split())


class _NormalizedSlices:
    """Normalized text of raw spans, cut from one normalization of the whole document.

    Every normalization step rewrites one character at a time, so the normalization of ``raw[s:e]`` is
    the run of normalized characters whose raw origin lies in ``[s, e)``: no line or sentence needs a
    normalization of its own.
    """

    def __init__(self, norm: Normalized):
        self._text = norm.text
        self._starts = norm.starts

    def many(self, spans: list[tuple[int, int]]) -> list[str]:
        if not spans:
            return []
        bounds = np.searchsorted(self._starts, np.asarray(spans, dtype=np.int64).ravel(), side="left").tolist()
        text = self._text
        return [text[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]


def _repeated_lines(keys: list[str], min_repeat_chars: int) -> list[bool]:
    """Flag every copy of a line but one; of a set of copies the first fullest copy is kept.

    Scraped pages often print a caption cut short and then in full: the cut copy is the one flagged,
    so that nothing said only in the fuller copy is lost when repeated lines are left out.
    """
    flagged = [False] * len(keys)
    for i, key in enumerate(keys):
        if not key or flagged[i]:
            continue
        for j in range(i):
            earlier = keys[j]
            if not earlier or flagged[j]:
                continue
            if key == earlier:
                flagged[i] = True
            elif min(len(key), len(earlier)) >= min_repeat_chars:
                if earlier.startswith(key):
                    flagged[i] = True  # a shorter copy of an earlier line
                elif key.startswith(earlier):
                    flagged[j] = True  # this line is the fuller copy of an earlier one
            if flagged[i]:
                break
    return flagged


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans in ``text[start:end]`` (offsets into ``text``)."""
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)]


def segment(
    text: str,
    *,
    paragraphs: str = "line",
    semicolon_ends: bool = False,
    min_repeat_chars: int = 20,
    normalized: Normalized | None = None,
) -> Segmentation:
    """Cut ``text`` into paragraphs and sentences; see the module docstring for the rules.

    ``normalized``: ``normalize(text)`` with the default steps, when the caller has it already (the
    pipeline does); repeated lines and sentences are compared on it. Computed here when omitted.
    """
    if paragraphs not in ("line", "blank_line"):
        raise ValueError(f"paragraphs must be 'line' or 'blank_line', not {paragraphs!r}")
    if normalized is None:
        normalized = normalize(text)
    elif normalized.raw is not text and normalized.raw != text:
        raise ValueError("normalized must be the normalization of text")
    slices = _NormalizedSlices(normalized)
    lines = [(m.start(), m.end()) for m in _LINE_RE.finditer(text) if text[m.start() : m.end()].strip()]
    lines = [_strip_span(text, s, e) for s, e in lines]
    repeated = _repeated_lines([_repeat_key(line) for line in slices.many(lines)], min_repeat_chars)
    if paragraphs == "line":
        paras = lines
        para_of_line = list(range(len(lines)))
    else:
        paras, para_of_line = [], []
        for i, (s, e) in enumerate(lines):
            gap = text[lines[i - 1][1] : s] if i else ""
            if i == 0 or gap.count("\n") >= 2:
                paras.append((s, e))
            else:
                paras[-1] = (paras[-1][0], e)
            para_of_line.append(len(paras) - 1)
    end_re = _sentence_end_re(semicolon_ends)
    spans: list[tuple[int, int]] = []
    line_of: list[int] = []
    # no token spans a line break or whitespace, so the tokens of the lines are those of the whole text
    n_tokens = len(TOKEN_RE.findall(text))
    for li, (ls, le) in enumerate(lines):
        start = ls
        for cut in [*(m.end() for m in end_re.finditer(text, ls, le)), le]:
            s, e = _strip_span(text, start, cut)
            start = cut
            if s < e:
                spans.append((s, e))
                line_of.append(li)
    sentences: list[Sentence] = []
    seen_sentences: set[str] = set()
    for (s, e), li, normalized_sentence in zip(spans, line_of, slices.many(spans)):
        key = " ".join(normalized_sentence.split())
        rep = repeated[li] or (len(key) >= min_repeat_chars and key in seen_sentences)
        seen_sentences.add(key)
        sentences.append(Sentence(len(sentences), para_of_line[li], s, e, li == 0, rep))
    return Segmentation(paras, sentences, n_tokens)


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
