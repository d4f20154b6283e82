"""Finding lexicon phrases in normalized text, the one way every matcher of the package does it.

Actor mentions, stance cues, organisation and title names, the relation triggers' gate, the synthetic
generator's check for stray forms and the benchmark's scan all go through this module:

1. the **match view** of a normalized text: each character that is not part of a word (a letter, a digit
   or a combining mark) becomes a space and ASCII letters are lower-cased, one character for one character,
   with one space added before and after, so that view index ``i + 1`` is normalized index ``i``;
2. a :class:`PhraseMatcher`: one Aho-Corasick automaton (pyahocorasick) whose keys are phrases spelt as the
   view spells them with a space on each side, so that a key matches whole words only;
3. :func:`leftmost_longest`: of overlapping hits, the one that starts first, and of those the longest.

How a word takes proclitics, the article and attached pronouns is :mod:`analysis.morphology`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

import ahocorasick
import numpy as np

T = TypeVar("T")

_LOWER = np.arange(0x10000, dtype=np.uint32)
_LOWER[ord("A"): ord("Z") + 1] += 32


@lru_cache(maxsize=1)
def word_table() -> np.ndarray:
    """BMP look-up: True for characters that belong to a word (letters, digits, combining marks)."""
    table = np.zeros(0x10000, dtype=bool)
    for cp in range(0x10000):
        ch = chr(cp)
        if ch.isalnum() or unicodedata.category(ch)[0] == "M":
            table[cp] = True
    table[ord("_")] = False
    return table


def match_view(text: str) -> str:
    """The normalized ``text`` as the matchers see it: non-word characters as spaces, ASCII lower-cased,
    one space before and after (so view index i + 1 is text index i)."""
    if not text:
        return "  "
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    in_bmp = codes < 0x10000
    idx = np.where(in_bmp, codes, 0)
    word = np.where(in_bmp, word_table()[idx], True)
    view = np.where(word, np.where(in_bmp, _LOWER[idx], codes), 32).astype("<u4")
    return " " + view.tobytes().decode("utf-32-le") + " "


def view_of(text: str) -> str:
    """The match view of ``text`` without the added spaces (same length as ``text``)."""
    return match_view(text)[1:-1]


def view_phrase(text: str) -> str:
    """A phrase as a key spells it: its match view with runs of spaces as one and no outer spaces."""
    return " ".join(view_of(text).split())


class PhraseMatcher:
    """Whole-word phrases of the match view, each with a value, in one Aho-Corasick automaton.

    Add phrases spelt as the view spells them (:func:`view_phrase`), then :meth:`finish`; :meth:`hits`
    gives every occurrence in a view as normalized (start, end) offsets. Adding a phrase again replaces
    its value; a caller that must keep the first asks :meth:`get` first.
    """

    __slots__ = ("_automaton", "_finished")

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._finished = False

    def add(self, phrase: str, value: Any) -> None:
        self._automaton.add_word(f" {phrase} ", (len(phrase), value))
        self._finished = False

    def get(self, phrase: str, default: Any = None) -> Any:
        found = self._automaton.get(f" {phrase} ", None)
        return default if found is None else found[1]

    def finish(self) -> "PhraseMatcher":
        if len(self._automaton):
            self._automaton.make_automaton()
        self._finished = True
        return self

    def __len__(self) -> int:
        return len(self._automaton)

    def items(self) -> Iterator[tuple[str, Any]]:
        """(phrase, value) pairs, to compare two compiled lexicons."""
        for key, (_, value) in self._automaton.items():
            yield key[1:-1], value

    def hits(self, view: str) -> list[tuple[int, int, Any]]:
        """Every occurrence of a phrase in ``view`` (a :func:`match_view`): (start, end, value), with
        start and end offsets into the normalized text, in the automaton's order (by end)."""
        if not self._finished or not len(self._automaton):
            return []
        # the key " phrase " ends at the view index ``end`` of its trailing space; its leading space is at
        # view index end - n - 1, which is the normalized index of the phrase's first character
        return [(end - n - 1, end - 1, value) for end, (n, value) in self._automaton.iter(view)]


class RecordPhraseMatcher(PhraseMatcher):
    """A :class:`PhraseMatcher` whose values are records of ints and bools, kept as numpy columns.

    The actor lexicon's automaton has 347,000 keys; with a tuple for each key, unpickling it rebuilt
    700,000 tuples at every start (0.08 s, a sixth of a warm start), while a document hits about 25 keys.
    Here the automaton stores each key's row number, the rows are columns of numbers (read back from a
    pickle in a copy), and a row becomes its tuple at the key's first hit in the process (then kept):
    :meth:`hits`, :meth:`get` and :meth:`items` give the same values as a :class:`PhraseMatcher`.
    """

    __slots__ = ("_rows", "_columns", "_records")

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._finished = False
        self._rows: list[tuple[int, tuple[int | bool, ...]]] = []  # while adding: (phrase length, record)
        self._columns: tuple[np.ndarray, ...] = ()  # once finished: the phrase length, then each field
        self._records: _Records = _Records(self)

    def add(self, phrase: str, value: tuple[int | bool, ...]) -> None:
        if self._columns:
            raise TypeError("a finished matcher takes no more phrases")
        key = f" {phrase} "
        row = self._automaton.get(key, None)
        if row is None:
            row = len(self._rows)
            self._rows.append((len(phrase), tuple(value)))
            self._automaton.add_word(key, row)
        else:  # a phrase added again replaces its value, as in a PhraseMatcher
            self._rows[row] = (len(phrase), tuple(value))
        self._finished = False

    def get(self, phrase: str, default: Any = None) -> Any:
        row = self._automaton.get(f" {phrase} ", None)
        return default if row is None else self._record(row)[1]

    def finish(self) -> "RecordPhraseMatcher":
        if self._rows:
            widths = {len(value) for _, value in self._rows}
            if len(widths) != 1:
                raise ValueError("every record of a RecordPhraseMatcher has the same fields")
            columns = [np.array([n for n, _ in self._rows], dtype=np.int64)]
            for field in zip(*(value for _, value in self._rows)):
                is_flag = all(type(v) is bool for v in field)
                columns.append(np.array(field, dtype=bool if is_flag else np.int64))
            self._columns = tuple(columns)
            self._rows = []
            self._records = _Records(self)
        return super().finish()

    def _record(self, row: int) -> tuple[int, tuple[int | bool, ...]]:
        """(phrase length, record) of a row, as added."""
        if not self._columns:
            return self._rows[row]
        return self._records[row]

    def _decoded(self, row: int) -> tuple[int, tuple[int | bool, ...]]:
        n, *fields = (column[row].item() for column in self._columns)
        return n, tuple(fields)

    def items(self) -> Iterator[tuple[str, Any]]:
        for key, row in self._automaton.items():
            yield key[1:-1], self._record(row)[1]

    def hits(self, view: str) -> list[tuple[int, int, Any]]:
        if not self._finished or not len(self._automaton):
            return []
        records = self._records
        return [(end - n - 1, end - 1, value) for end, row in self._automaton.iter(view) for n, value in (records[row],)]

    def __getstate__(self) -> tuple[Any, ...]:
        return (self._automaton, self._finished, self._rows, self._columns)  # not the rows decoded so far

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._automaton, self._finished, self._rows, self._columns = state
        self._records = _Records(self)


class _Records(dict):  # type: ignore[type-arg]
    """Row -> (phrase length, record) of a :class:`RecordPhraseMatcher`, each decoded at its first look-up."""

    __slots__ = ("_matcher",)

    def __init__(self, matcher: RecordPhraseMatcher) -> None:
        super().__init__()
        self._matcher = matcher

    def __missing__(self, row: int) -> tuple[int, tuple[int | bool, ...]]:
        value = self[row] = self._matcher._decoded(row)
        return value


class SubstringSet:
    """Plain substrings (no word boundaries), for gates and checks that only ask "is one of them here?"."""

    __slots__ = ("_automaton",)

    def __init__(self, strings: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for s in strings:
            if s:
                self._automaton.add_word(s, s)
        if len(self._automaton):
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._automaton)

    def items(self) -> Iterator[tuple[str, str]]:
        return iter(self._automaton.items())

    def any_in(self, text: str, start: int = 0, end: int | None = None) -> bool:
        if not len(self._automaton):
            return False
        for _ in self._automaton.iter(text, start, len(text) if end is None else end):
            return True
        return False

    def occurrences(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, string) of every occurrence, overlapping ones included."""
        if not len(self._automaton):
            return
        for end, s in self._automaton.iter(text):
            yield end - len(s) + 1, end + 1, s


def leftmost_longest(hits: Iterable[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    """The non-overlapping hits a reader sees: at each free position the longest hit that starts there."""
    out: list[tuple[int, int, T]] = []
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h[0], h[0] - h[1])):
        if hit[0] >= last_end:
            out.append(hit)
            last_end = hit[1]
    return out
