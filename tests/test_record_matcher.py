"""RecordPhraseMatcher: the actor automaton's values kept as columns of numbers, decoded at a key's first hit,
give exactly what a PhraseMatcher with the same phrases gives."""

from __future__ import annotations

import pickle

import pytest

from analysis.phrases import PhraseMatcher, RecordPhraseMatcher, match_view


def _both() -> tuple[PhraseMatcher, RecordPhraseMatcher]:
    plain, packed = PhraseMatcher(), RecordPhraseMatcher()
    for phrase, value in (("قوات سوريا الديمقراطية", (7, 0, 22, True, False)), ("بالقوات", (3, 2, 5, False, True)),
                          ("القوات", (3, 0, 6, False, False)), ("قوات", (9, 0, 4, False, False))):
        plain.add(phrase, value)
        packed.add(phrase, value)
    packed.add("قوات", (4, 0, 4, False, False))  # added again: the value is replaced, as in a PhraseMatcher
    plain.add("قوات", (4, 0, 4, False, False))
    assert packed.get("قوات") == (4, 0, 4, False, False) and packed.get("جيش") is None, "readable while adding"
    return plain.finish(), packed.finish()


def test_hits_get_and_items_equal_a_plain_matcher_with_python_ints_and_bools():
    plain, packed = _both()
    view = match_view("قالت قوات سوريا الديمقراطية إن بالقوات والقوات التركية")
    assert packed.hits(view) == plain.hits(view) and len(plain.hits(view)) == 3
    value = packed.hits(view)[0][2]
    assert [type(v) for v in value] == [int, int, int, bool, bool], "numbers come back as Python ints and bools"
    assert sorted(packed.items()) == sorted(plain.items()) and len(packed) == len(plain) == 4
    assert packed.get("بالقوات") == (3, 2, 5, False, True) and packed.get("جيش", "none") == "none"
    with pytest.raises(TypeError):
        packed.add("جيش", (1, 0, 3, False, False))


def test_a_pickled_matcher_decodes_a_row_only_at_its_first_hit():
    plain, packed = _both()
    view = match_view("قوات سوريا الديمقراطية")
    packed.hits(view)
    assert len(packed._records) > 0
    back = pickle.loads(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL))
    assert len(back._records) == 0, "the rows decoded so far are not pickled"
    assert back.hits(view) == plain.hits(view) and len(back._records) == 2
    assert back.hits(view)[0][2] is back.hits(view)[0][2], "a row is decoded once, then kept"


def test_records_of_unequal_width_are_refused():
    matcher = RecordPhraseMatcher()
    matcher.add("قوات", (1, 2))
    matcher.add("جيش", (1,))
    with pytest.raises(ValueError):
        matcher.finish()


def test_the_actor_lexicon_uses_it_and_matches_as_before():
    from analysis.actors import load_lexicon
    from analysis.normalize import normalize_text

    lex = load_lexicon()
    assert isinstance(lex.automaton, RecordPhraseMatcher) and len(lex.automaton) > 100_000
    hits = lex.automaton.hits(match_view(normalize_text("وقالت قوات سوريا الديمقراطية")))
    entries = {lex.entries[value[0]].actor for _, _, value in hits}
    assert "SDF" in entries
