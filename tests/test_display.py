"""Right-to-left display helpers: direction attributes, escaping, stable ids, never reshaped text."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.display import figure_image, relative_label, rtl_html, rtl_kwic, rtl_table, side_by_side

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


def test_tables_without_arabic_stay_left_to_right() -> None:
    scores = pd.DataFrame({"actor": ["SDF", "ALL"], "precision": [1.0, float("nan")], "npmi": [-0.24, 0.5]})
    html = rtl_table(scores, caption="mentions by actor").to_html()
    assert 'dir="rtl"' not in html and "text-align: right" not in html
    assert "-0.240" in html and "<bdi" not in html
    assert 'dir="rtl"' in rtl_table(scores, direction="rtl").to_html()
    assert 'dir="rtl"' in rtl_table(scores, caption="تسميات").to_html()  # Arabic caption: right to left
    with pytest.raises(ValueError, match="direction"):
        rtl_table(scores, direction="up")  # type: ignore[arg-type]


def test_negative_numbers_keep_their_sign_in_front_in_right_to_left_tables() -> None:
    frame = pd.DataFrame({"source": ["قسد", "موسكو"], "npmi": [-0.2435, 0.39], "n": [-2, 3], "f1": [float("nan"), 1.0]})
    html = rtl_table(frame, precision=2).to_html()
    assert '<bdi dir="ltr">-0.24</bdi>' in html and '<bdi dir="ltr">-2</bdi>' in html
    assert ">0.39<" in html and ">3<" in html  # positive numbers need no isolation
    assert ">nan<" not in html.lower()  # undefined values are empty cells


def test_rtl_table_cuts_long_tables_and_says_so() -> None:
    frame = pd.DataFrame({"n": range(30)})
    html = rtl_table(frame, max_rows=5).to_html()
    assert "first 5 of 30 rows" in html and ">29<" not in html
    with pytest.raises(ValueError):
        rtl_table(frame, max_rows=0)
    with pytest.raises(ValueError):
        rtl_table([1, 2])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="sample"):
        rtl_table(frame, max_rows=5, sample="random")  # type: ignore[arg-type]


def test_rtl_table_spread_sample_covers_first_to_last_row_and_says_so() -> None:
    frame = pd.DataFrame({"n": range(100)})
    html = rtl_table(frame, max_rows=5, sample="spread").to_html()
    shown = [int(v) for v in pd.read_html(__import__("io").StringIO(html))[0]["n"]]
    assert shown[0] == 0 and shown[-1] == 99 and len(shown) == 5
    assert shown == sorted(shown) and len(set(shown)) == 5
    assert "5 of 100 rows, evenly spaced" in html
    assert rtl_table(frame, max_rows=5, sample="spread").to_html() == html  # the same rows every time
    assert ">0<" in rtl_table(frame.head(3), max_rows=5, sample="spread").to_html()  # short tables whole


def test_rtl_table_says_when_a_table_is_empty() -> None:
    empty = pd.DataFrame({"error": pd.Series(dtype=str), "surface": pd.Series(dtype=str)})
    assert "errors (no rows)" in rtl_table(empty, caption="errors").to_html()
    assert "no rows" not in rtl_table(pd.DataFrame({"n": [1]}), caption="errors").to_html()


def test_rtl_kwic_orders_context_columns_for_right_to_left_reading() -> None:
    frame = pd.DataFrame({"right": ["إنها مستعدة"], "keyword": ["موسكو"], "left": ["قالت"], "doc_id": ["d"]})
    html = rtl_kwic(frame, extra=["doc_id"]).to_html()
    assert html.index(">doc_id<") < html.index(">before<") < html.index(">keyword<") < html.index(">after<")
    assert html.index(">قالت<") < html.index(">موسكو<") < html.index(">إنها مستعدة<")
    assert ">left<" not in html and ">right<" not in html  # "left" would sit on the right in an RTL table
    assert "text-align: left !important" in html  # the preceding text leans on the keyword
    with pytest.raises(ValueError, match="lacks"):
        rtl_kwic(frame.drop(columns="keyword"))
    with pytest.raises(ValueError, match="clash"):
        rtl_kwic(frame.assign(before=1), extra=["before"])


def test_rtl_kwic_shows_the_kwic_module_frame_with_a_spread_sample() -> None:
    lines = pd.DataFrame({"doc_id": [f"d{i}" for i in range(10)], "start": range(10), "end": range(1, 11),
                          "left": ["قال"] * 10, "match": ["موسكو"] * 10, "right": ["إن"] * 10})
    html = rtl_kwic(lines, keyword="match", extra=["doc_id"], max_rows=3, sample="spread").to_html()
    assert ">d0<" in html and ">d9<" in html and ">d1<" not in html
    assert "3 of 10 rows, evenly spaced" in html


def test_side_by_side_aligns_one_measure_across_tables() -> None:
    sentence = pd.DataFrame({"source": ["ISIS", "RUSSIA"], "target": ["SDF", "US"], "weight": [6, 4]})
    document = pd.DataFrame({"source": ["ISIS", "ISIS", "RUSSIA"], "target": ["SDF", "US", "US"], "weight": [1, 1, 1]})
    joined = side_by_side({"sentence": sentence, "document": document}, on=["source", "target"], value="weight", fill=0)
    assert list(joined.columns) == ["source", "target", "sentence", "document"]
    assert joined.set_index(["source", "target"]).loc[("ISIS", "US")].tolist() == [0, 1]
    assert joined["sentence"].dtype.kind == "i"  # counts stay integers
    gaps = side_by_side({"sentence": sentence, "document": document}, on=["source", "target"], value="weight")
    assert gaps["sentence"].isna().sum() == 1  # without a fill, "absent" stays visible
    with pytest.raises(ValueError, match="lacks"):
        side_by_side({"s": sentence}, on=["source", "target"], value="npmi")
    with pytest.raises(ValueError, match="repeated keys"):
        side_by_side({"s": pd.concat([sentence, sentence])}, on=["source", "target"], value="weight")
    with pytest.raises(ValueError):
        side_by_side({}, on=["source"], value="weight")


def test_figure_image_embeds_the_file_bytes(tmp_path) -> None:
    png = tmp_path / "f.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    assert figure_image(png).data == png.read_bytes()
    _, metadata = figure_image(png, alt="Bar chart: mentions")._repr_png_()
    assert metadata["alt"] == "Bar chart: mentions"  # what nbformat stores as the output's image/png metadata
    assert figure_image(png)._repr_png_()[1]["alt"]  # never without alternative text
    with pytest.raises(FileNotFoundError):
        figure_image(tmp_path / "missing.png")
    with pytest.raises(ValueError):
        figure_image(tmp_path / "f.svg")


def test_relative_label_hides_machine_paths(tmp_path) -> None:
    from analysis import config

    assert relative_label(config.RAW_DIR) == "data/raw"
    assert relative_label(tmp_path / "x" / "y") == "x/y"


#: An article that carries markup, as scraped pages sometimes do.
HOSTILE = 'قالت قسد <script>window.__injected = 1</script> إن <img src=x onerror="window.__injected = 2"> داعش انسحب'


def test_corpus_text_with_markup_is_escaped_in_cells_headers_index_and_captions() -> None:
    frame = pd.DataFrame({"text": [HOSTILE], HOSTILE[:30]: [1]}, index=[HOSTILE[10:50]])
    html = rtl_table(frame, caption=HOSTILE, index=True).to_html()
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    kwic_frame = pd.DataFrame({"doc_id": ["a"], "left": [HOSTILE[:40]], "match": ["<b>قسد</b>"], "right": [HOSTILE[40:]]})
    html = rtl_kwic(kwic_frame, keyword="match", extra=["doc_id"]).to_html()
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "<script" not in rtl_html(HOSTILE) and "<img" not in rtl_html(HOSTILE)
