"""Proclitics, the fused article, attached pronouns and nisba paradigms, as every matcher attaches them."""

from __future__ import annotations

import pytest

from analysis import morphology
from analysis.morphology import (
    NOUN_PROCLITICS,
    nisba_forms,
    nisba_stem,
    split_definite,
    strip_proclitic,
    with_enclitics,
    with_proclitics,
)


def test_an_indefinite_word_takes_every_proclitic_as_written():
    forms = with_proclitics("روسيا")
    assert [w for w, _, _ in forms] == [p + "روسيا" for p in NOUN_PROCLITICS]
    assert all(w[pl:pl + bl] == "روسيا" for w, pl, bl in forms)


def test_the_article_fuses_with_lam_and_the_body_starts_at_the_articles_lam():
    forms = {w: (pl, bl) for w, pl, bl in with_proclitics("الحرب", definite=True)}
    assert forms["للحرب"] == (1, 4) and forms["وللحرب"] == (2, 4) and forms["فللحرب"] == (2, 4)
    assert forms["بالحرب"] == (1, 5) and "لالحرب" not in forms
    both = {w for w, _, _ in with_proclitics("الحرب", definite=True, keep_unfused=True)}
    assert {"لالحرب", "للحرب", "الحرب"} <= both


def test_a_word_not_marked_definite_never_fuses():
    assert "للغى" not in {w for w, _, _ in with_proclitics("الغى", ("", "ل"), definite=False)}


def test_attached_pronouns_are_outside_the_body():
    forms = with_enclitics("حليف", ("", "و"))
    assert ("وحليفها", 1, 4) in forms and all(w[pl:pl + bl] == "حليف" for w, pl, bl in forms)


@pytest.mark.parametrize("word, keep, expected", [
    ("وروسيا", {"روسيا"}, "روسيا"),
    ("وبروسيا", {"روسيا"}, "روسيا"),
    ("ورد", {"رد"}, "رد"),
    ("وردة", {"رد"}, "وردة"),  # what remains must be a known word
    ("روسيا", {"روسيا"}, "روسيا"),
])
def test_strip_proclitic_only_strips_towards_a_known_word(word, keep, expected):
    assert strip_proclitic(word, keep) == expected


def test_a_lexicon_may_bring_its_own_proclitics():
    assert strip_proclitic("سيقول", {"يقول"}, ("س",)) == "يقول"
    assert strip_proclitic("سيقول", {"يقول"}) == "سيقول"


@pytest.mark.parametrize("word, expected", [
    ("للقوات", ("القوات", 1)),
    ("وللقوات", ("القوات", 2)),
    ("بالقوات", ("القوات", 1)),
    ("والقوات", ("القوات", 1)),
    ("القوات", ("القوات", 0)),
    ("لبنان", ("لبنان", 0)),  # not definite
])
def test_split_definite(word, expected):
    assert split_definite(word) == expected


def test_nisba_paradigm_from_a_stem_and_its_broken_plurals():
    indef, definite, plural, def_plural = nisba_forms("كردي", ["أكراد"])
    assert {"كردي", "كردية", "كرديون", "كرديين", "أكراد"} <= set(indef)
    assert definite == ["ال" + f for f in indef]
    assert plural == ["كرديون", "كرديين", "أكراد"] and def_plural[-1] == "الأكراد"


@pytest.mark.parametrize("word", ["الكرديه", "كرديين", "كردي", "الكرديتين", "كرديا"])
def test_a_nisba_family_shares_one_stem(word):
    assert nisba_stem(word) == "كرد"


def test_the_nisba_like_endings_leave_country_names_out():
    assert not any("روسيا".endswith(e) for e in morphology.NISBA_LIKE_ENDINGS)
    assert "سوريه".endswith(morphology.NISBA_LIKE_ENDINGS)  # a nisba-like word is only a candidate


@pytest.mark.parametrize("raw,pronoun", [("تدعمها", "ها"), ("يدعمهم", "هم"), ("حمته", "ه"), ("يدعمهما", None),
                                         ("يدعم", None)])
def test_the_object_pronoun_of_a_raw_word_leaves_out_the_dual(raw, pronoun):
    assert morphology.object_pronoun(raw) == pronoun


def test_an_object_pronoun_agrees_with_the_head_it_can_stand_for():
    assert morphology.pronoun_agrees("ها", "القوات") and morphology.pronoun_agrees("ها", "«الحكومة»")
    assert morphology.pronoun_agrees("ها", "روسيا", name=True) and not morphology.pronoun_agrees("ها", "النظام")
    assert morphology.pronoun_agrees("هم", "المقاتلين") and not morphology.pronoun_agrees("هم", "القوات")
    assert morphology.pronoun_agrees("ه", "النظام") and not morphology.pronoun_agrees("ه", "الحكومة")
    assert morphology.pronoun_agrees("ه", "بوتين", person=True)
    # a name ending as a human plural is no state
    assert not morphology.pronoun_agrees("ها", "الحوثيين", name=True)
