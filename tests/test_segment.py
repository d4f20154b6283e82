"""Paragraphs, sentences, tokens and repeated lines, all as raw offsets."""

from __future__ import annotations

import pytest

from analysis.segment import segment, tokens


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
