"""Normalization: each step, idempotence, and the offset map back to the raw text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.normalize import STEPS, NormalizeConfig, normalize, normalize_text

# Characters that exercise every step: letters and their variants, marks, controls, spaces, digits,
# presentation forms (including lam-alef ligatures), Latin, punctuation, line breaks, astral characters.
_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    "أإآٱىةؤئءی ک"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "\u200b\u200c\u200d\u200e\u200f\u202b\u202c\u2066\u2069\ufeff"
    "\u00a0\u2009\u3000 _"
    "٠١٢٣٤٥٦٧٨٩۰۱۲"
    "\ufefb\ufef5\ufe8d\ufe91\ufb8e\ufdf2\ufe87"
    "abcXYZ0123.,!?؟،؛\"«»()\n\r\t"
    "😀𝑨"
)
texts = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80)


@given(texts)
@settings(max_examples=400, deadline=None)
def test_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


@given(texts)
@settings(max_examples=400, deadline=None)
def test_offset_map_is_monotone_and_in_range(raw: str) -> None:
    norm = normalize(raw)
    assert len(norm.starts) == len(norm.text) == len(norm.ends)
    assert all(0 <= s < e <= len(raw) for s, e in zip(norm.starts, norm.ends))
    assert list(norm.starts) == sorted(norm.starts)


@given(texts, st.data())
@settings(max_examples=400, deadline=None)
def test_every_span_round_trips(raw: str, data: st.DataObject) -> None:
    """A normalized span maps to a raw span whose own normalization is that span again."""
    norm = normalize(raw)
    if not norm.text:
        return
    start = data.draw(st.integers(0, len(norm.text) - 1))
    end = data.draw(st.integers(start + 1, len(norm.text)))
    # expansions (one raw character -> two normalized) are mapped whole: widen to their boundaries
    while start > 0 and norm.starts[start - 1] == norm.starts[start]:
        start -= 1
    while end < len(norm.text) and norm.starts[end] == norm.starts[end - 1]:
        end += 1
    rs, re_ = norm.raw_span(start, end)
    assert normalize_text(raw[rs:re_]) == norm.text[start:end]


_CONFIGS = st.builds(NormalizeConfig, **{name: st.booleans() for name in STEPS})


# Nearly every example draws a configuration not seen before (4,096 of them), whose lookup table is built
# afresh (tens of ms): fewer examples than the other properties; every single-step configuration is checked
# exhaustively on every table character by the next test.
@given(texts, _CONFIGS)
@settings(max_examples=120, deadline=None)
def test_fast_text_path_equals_the_offset_map_text(raw: str, config: NormalizeConfig) -> None:
    """normalize_text (str.translate) and normalize (numpy, with offsets) give the same text."""
    assert normalize_text(raw, config) == normalize(raw, config).text
    assert normalize_text(raw) == normalize(raw).text


def test_fast_text_path_on_every_table_character() -> None:
    """Every character the table rewrites, alone and between letters, under every single-step config."""
    candidates = "".join(chr(c) for c in [*range(0x00A0, 0x00AE), 0x0085, *range(0x0600, 0x0700), *range(0x08A0, 0x0900),
                                          *range(0x2000, 0x2070), 0x3000, 0x1680, *range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)])
    configs = [NormalizeConfig(), *(NormalizeConfig(**{n: n == step for n in STEPS}) for step in STEPS)]
    for config in configs:
        assert normalize_text(candidates, config) == normalize(candidates, config).text
        for ch in candidates:
            assert normalize_text(f"ب{ch}ت", config) == normalize(f"ب{ch}ت", config).text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أإآٱ", "اااا"),
        ("مستشفى", "مستشفي"),
        ("الديمقراطية", "الديمقراطيه"),
        ("قُوّاتُ", "قوات"),
        ("الـــرقة", "الرقه"),
        ("ﻻ", "لا"),  # lam-alef ligature: one raw character becomes two
        ("ﺍﻟﺮﻗﺔ", "الرقه"),  # presentation forms as copied out of a PDF
        ("٣٫٥ و۱۲", "3٫5 و12"),
        ("قوات\u00a0سوريا", "قوات سوريا"),
        ("قوات\u200fسوريا\u200c", "قواتسوريا"),
        ("#قوات_سوريا", "قوات سوريا"),
        ("فلاديمير #بوتين", "فلاديمير بوتين"),
        ("کردی", "كردي"),
    ],
)
def test_steps(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_steps_are_switchable() -> None:
    assert normalize_text("مدرسة", NormalizeConfig(ta_marbuta=False)) == "مدرسة"
    assert normalize_text("مسؤول", NormalizeConfig(hamza_carriers=True)) == "مسوول"
    assert normalize_text("مسؤول") == "مسؤول"
    assert normalize_text("قُوّات", NormalizeConfig(diacritics=False)) == "قُوّات"
    with pytest.raises(ValueError, match="unknown normalization step"):
        NormalizeConfig.from_dict({"not_a_step": True})
    assert set(STEPS) == {f for f in NormalizeConfig.__dataclass_fields__}


def test_span_keeps_vowels_of_its_last_letter() -> None:
    raw = "هاجمت القوّاتُ الكرديّةُ مواقعَ"
    norm = normalize(raw)
    i = norm.text.index("القوات الكرديه")
    rs, re_ = norm.raw_span(i, i + len("القوات الكرديه"))
    assert raw[rs:re_] == "القوّاتُ الكرديّةُ"


def test_ligature_maps_both_letters_to_one_raw_character() -> None:
    raw = "ﻻ"
    norm = normalize(raw)
    assert norm.text == "لا"
    assert norm.raw_span(0, 1) == (0, 1) == norm.raw_span(1, 2)


def test_no_presentation_forms_survive() -> None:
    raw = "".join(chr(c) for c in range(0xFE70, 0xFEFD) if unicodedata.name(chr(c), ""))
    out = normalize_text(raw)
    assert not any(0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF for c in out)


def test_a_hashtag_mark_is_removed_and_the_word_after_it_maps_back_to_its_own_letters():
    raw = "الرئيس فلاديمير #بوتين قال"
    n = normalize(raw)
    assert n.text == "الرئيس فلاديمير بوتين قال"
    s = n.text.index("بوتين")
    assert raw[slice(*n.raw_span(s, s + len("بوتين")))] == "بوتين"
    assert normalize(raw, NormalizeConfig(hashtags=False)).text == raw
