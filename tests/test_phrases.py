"""The one phrase matcher: match view, whole-word keys, leftmost-longest, and that every matcher uses it."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, strategies as st

from analysis import phrases
from analysis.phrases import PhraseMatcher, SubstringSet, leftmost_longest, match_view, view_of, view_phrase

SRC = Path(phrases.__file__).parent


def test_the_view_keeps_offsets_and_turns_non_words_into_spaces():
    text = "قصف «التحالف»، وCNN_قالت: كلّ 12"
    view = match_view(text)
    assert len(view) == len(text) + 2 and view[0] == view[-1] == " "
    assert view[1:-1] == view_of(text)
    assert view_of(text) == "قصف  التحالف   وcnn قالت  كلّ 12"  # the shadda (a mark) stays inside its word
    assert match_view("") == "  "


def test_characters_outside_the_basic_plane_stay_word_characters():
    assert view_of("a𝐀b") == "a𝐀b"


def test_a_key_matches_whole_words_only_and_reports_normalized_offsets():
    m = PhraseMatcher()
    m.add("روسيا", "RUSSIA")
    m.add("قوات سوريا", "SDF")
    m.finish()
    text = "روسيات لا، بل روسيا و(قوات سوريا)"
    hits = m.hits(match_view(text))
    assert [(text[s:e], v) for s, e, v in hits] == [("روسيا", "RUSSIA"), ("قوات سوريا", "SDF")]


def test_an_empty_or_unfinished_matcher_finds_nothing():
    m = PhraseMatcher()
    assert m.hits(match_view("روسيا")) == []
    m.add("روسيا", 1)
    assert m.hits(match_view("روسيا")) == []  # not finished: no automaton built yet
    assert m.finish().hits(match_view("روسيا")) == [(0, 5, 1)]


def test_adding_a_phrase_again_replaces_its_value_and_get_tells_what_is_there():
    m = PhraseMatcher()
    m.add("الجيش", 1)
    assert m.get("الجيش") == 1 and m.get("الجيوش") is None
    m.add("الجيش", 2)
    assert dict(m.items()) == {"الجيش": 2}


def test_leftmost_longest_prefers_the_earlier_then_the_longer_hit():
    hits = [(5, 9, "b"), (0, 4, "short"), (0, 8, "long"), (9, 12, "c")]
    assert leftmost_longest(hits) == [(0, 8, "long"), (9, 12, "c")]


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6)), max_size=25))
def test_leftmost_longest_never_overlaps_and_leaves_no_free_hit_out(spans):
    hits = [(s, s + n, i) for i, (s, n) in enumerate(spans)]
    out = leftmost_longest(hits)
    assert all(a[1] <= b[0] for a, b in zip(out, out[1:]))
    for s, e, _ in hits:  # a hit left out overlaps a kept one that starts no later, or as early and longer
        if (s, e) not in {(a, b) for a, b, _ in out}:
            assert any(a <= s < b or (a == s and b >= e) for a, b, _ in out)


def test_a_substring_set_answers_within_a_range():
    gate = SubstringSet(["دعم", "قصف", ""])
    text = "بدعم من روسيا"
    assert gate.any_in(text) and not gate.any_in(text, 4)
    assert list(gate.occurrences(text)) == [(1, 4, "دعم")]
    assert not SubstringSet([]).any_in(text)


def test_view_phrase_spells_a_phrase_as_keys_do():
    assert view_phrase("  قوات  «سوريا» الديمقراطية ") == "قوات سوريا الديمقراطية"


def test_no_module_builds_its_own_automaton():
    """Every matcher goes through analysis.phrases; the benchmark's scan measures the library itself."""
    users = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                   if re.search(r"^\s*import ahocorasick|ahocorasick\.Automaton", p.read_text(encoding="utf-8"), re.M))
    assert users == ["bench.py", "phrases.py"]
