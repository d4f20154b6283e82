"""Right-to-left display helpers: direction attributes, escaping, stable ids, never reshaped text."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.display import figure_image, relative_label, rtl_html, rtl_kwic, rtl_table

ARABIC = "قالت موسكو إن \"التحالف\" <لم> يتقدم"


def _has_presentation_forms(text: str) -> bool:
    return any("\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" for c in text)


def test_rtl_html_wraps_escapes_and_keeps_logical_order() -> None:
    out = rtl_html(ARABIC + "\nسطر ثان")
    assert out.startswith('<div dir="rtl" lang="ar">') and out.endswith("</div>")
    assert "&lt;لم&gt;" in out and "<br>" in out
    assert "قالت موسكو" in out and not _has_presentation_forms(out)
    assert rtl_html("نص", tag="p").startswith('<p dir="rtl"')
    with pytest.raises(ValueError):
        rtl_html(3)  # type: ignore[arg-type]


def test_rtl_table_is_rtl_escaped_and_stable_across_calls() -> None:
    frame = pd.DataFrame({"actor": ["SDF", "RUS"], "surface": ["قسد", ARABIC], "n": [2, 1]})
    html_a = rtl_table(frame, caption="مثال").to_html()
    html_b = rtl_table(frame.copy(), caption="مثال").to_html()
    assert html_a == html_b  # the id is derived from the content, not random
    assert 'dir="rtl" lang="ar"' in html_a
    assert "&lt;لم&gt;" in html_a and not _has_presentation_forms(html_a)
    other = rtl_table(frame.assign(n=[3, 1])).to_html()
    assert other.split('id="', 1)[1][:16] != html_a.split('id="', 1)[1][:16]


def test_rtl_table_cuts_long_tables_and_says_so() -> None:
    frame = pd.DataFrame({"n": range(30)})
    html = rtl_table(frame, max_rows=5).to_html()
    assert "first 5 of 30 rows" in html and ">29<" not in html
    with pytest.raises(ValueError):
        rtl_table(frame, max_rows=0)
    with pytest.raises(ValueError):
        rtl_table([1, 2])  # type: ignore[arg-type]


def test_rtl_kwic_orders_context_columns_for_right_to_left_reading() -> None:
    frame = pd.DataFrame({"right": ["إنها مستعدة"], "keyword": ["موسكو"], "left": ["قالت"], "doc_id": ["d"]})
    html = rtl_kwic(frame, extra=["doc_id"]).to_html()
    assert html.index(">doc_id<") < html.index(">left<") < html.index(">keyword<") < html.index(">right<")
    with pytest.raises(ValueError, match="lacks"):
        rtl_kwic(frame.drop(columns="keyword"))


def test_figure_image_embeds_the_file_bytes(tmp_path) -> None:
    png = tmp_path / "f.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    assert figure_image(png).data == png.read_bytes()
    with pytest.raises(FileNotFoundError):
        figure_image(tmp_path / "missing.png")
    with pytest.raises(ValueError):
        figure_image(tmp_path / "f.svg")


def test_relative_label_hides_machine_paths(tmp_path) -> None:
    from analysis import config

    assert relative_label(config.RAW_DIR) == "data/raw"
    assert relative_label(tmp_path / "x" / "y") == "x/y"
