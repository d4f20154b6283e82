"""Paragraphs, sentences, tokens and repeated lines, all as raw offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.normalize import normalize, normalize_text
from analysis.segment import _NormalizedSlices, segment, tokens


def _texts(text: str, **kw) -> list[str]:
    return [text[s.start : s.end] for s in segment(text, **kw).sentences]


def test_sentences_end_at_arabic_and_latin_marks_not_inside_numbers() -> None:
    text = "ارتفع العدد إلى 3.5 آلاف. هل انتهت المعركة؟ لا! قال: \"انتهت.\" ثم غادر"
    assert _texts(text) == ["ارتفع العدد إلى 3.5 آلاف.", "هل انتهت المعركة؟", "لا!", 'قال: "انتهت."', "ثم غادر"]


def test_semicolon_is_configurable() -> None:
    text = "هاجمت القوات القرية؛ وانسحب التنظيم."
    assert len(_texts(text)) == 1
    assert _texts(text, semicolon_ends=True) == ["هاجمت القوات القرية؛", "وانسحب التنظيم."]


def test_headline_paragraphs_and_crlf_offsets() -> None:
    text = "عنوان الخبر\r\n\r\nالفقرة الأولى. جملة ثانية.\r\nتأكيد أميركي\r\nالفقرة الثالثة"
    seg = segment(text)
    assert [text[s:e] for s, e in seg.paragraphs] == ["عنوان الخبر", "الفقرة الأولى. جملة ثانية.", "تأكيد أميركي", "الفقرة الثالثة"]
    first = seg.sentences[0]
    assert first.is_headline and text[first.start : first.end] == "عنوان الخبر"
    assert not any(s.is_headline for s in seg.sentences[1:])
    assert [s.paragraph_id for s in seg.sentences] == [0, 1, 1, 2, 3]
    assert all("\r" not in text[s.start : s.end] for s in seg.sentences)


def test_blank_line_paragraphs() -> None:
    text = "العنوان\n\nسطر أول\nسطر ثان\n\nفقرة أخرى"
    seg = segment(text, paragraphs="blank_line")
    assert [text[s:e] for s, e in seg.paragraphs] == ["العنوان", "سطر أول\nسطر ثان", "فقرة أخرى"]
    with pytest.raises(ValueError):
        segment(text, paragraphs="sections")


def test_repeated_caption_cut_short_then_with_credit() -> None:
    caption = "لافروف: موسكو وواشنطن اتفقتا على الشروع في التنسيق الفعلي لعمليات"
    text = f"عنوان\n{caption}\n{caption} \"محاربة الإرهاب\" في سوريا (الأوروبية)\nنص آخر\n{caption}"
    flags = [s.is_repeated for s in segment(text).sentences]
    # the cut-short first copy is flagged, the full copy with the credit is kept, the later copy flagged
    assert flags == [False, True, False, False, True]


def test_short_equal_lines_only_repeat_when_identical() -> None:
    text = "عنوان\nتأكيد أميركي\nتأكيد روسي\nتأكيد أميركي"
    assert [s.is_repeated for s in segment(text).sentences] == [False, False, False, True]


def test_tokens_keep_numbers_and_marks() -> None:
    text = "قُتل 3.5 آلاف، و250 مقاتلا"
    assert [text[s:e] for s, e in tokens(text)] == ["قُتل", "3.5", "آلاف", "و", "250", "مقاتلا"]


def test_first_article(first_article_text: str) -> None:
    seg = segment(first_article_text)
    lines = [l for l in first_article_text.split("\n") if l.strip()]
    assert len(seg.paragraphs) == len(lines)
    assert seg.sentences[0].is_headline
    repeated = [first_article_text[s.start : s.end] for s in seg.sentences if s.is_repeated]
    assert len(repeated) == 1 and repeated[0].endswith("لعمليات")  # the copy cut short


# --- repeat keys from one normalization of the document ----------------------------------------------------

_ALPHABET = "ابتثجح أةىﻻ\u064e\u0651\u0640\u200f\u00a0_٣3.,؟!«»()\n\r\u2028\x0b"


@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=120), st.data())
@settings(max_examples=300, deadline=None)
def test_slices_of_the_document_normalization_equal_each_span_normalized(text: str, data: st.DataObject) -> None:
    """Repeat keys are cut from one normalization of the document: each must be its span normalized alone."""
    bounds = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=12)))
    spans = list(zip(bounds[::2], bounds[1::2]))
    assert _NormalizedSlices(normalize(text)).many(spans) == [normalize_text(text[s:e]) for s, e in spans]


@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=160))
@settings(max_examples=300, deadline=None)
def test_token_count_is_the_sum_over_lines(text: str) -> None:
    seg = segment(text)
    per_line = sum(len(tokens(text, s, e)) for s, e in seg.paragraphs)
    assert seg.n_tokens == per_line


def test_repeats_are_found_through_normalization_and_a_given_normalization_is_checked() -> None:
    line = "قوات سوريا الديمقراطية تتقدم نحو الرقة"
    noisy = "قُوّات سوريا الديمقراطيّة تتقدّم نحو الرقّة"
    text = f"عنوان\n{line}\n{noisy}"
    assert [s.is_repeated for s in segment(text).sentences] == [False, False, True]
    assert segment(text, normalized=normalize(text)) == segment(text)
    with pytest.raises(ValueError, match="normalization of text"):
        segment(text, normalized=normalize(text + "."))
