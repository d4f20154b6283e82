"""The six figures: drawn from small synthetic tables, every label checked as drawn, saved byte-identically.

The synthetic tables are written here for the tests (two short documents, Arabic aliases and sentences
of our own); the real tables of ``analysis run`` are used by the last tests once they exist.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from analysis import arabic, figures, style  # noqa: E402
from analysis.arabic import NATIVE_SHAPING  # noqa: E402
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the SVG/HarfBuzz checks live in test_arabic.py
from test_arabic import check_drawn_line, check_figure_labels, svg_lines  # noqa: E402

D1 = "test/2016-05-24_a"
D2 = "test/2017-06-06_b"

SENTENCES = pd.DataFrame(
    [
        (D1, 0, 0, 0, 30, True, False, "قوات سوريا الديمقراطية تتقدم نحو الرقة"),
        (D1, 1, 1, 32, 90, False, False, "وقال المتحدث باسم التحالف إن الطائرات الأميركية قصفت مواقع التنظيم"),
        (D1, 2, 2, 92, 140, False, False, "ورحبت موسكو بالهجوم وقالت إنها مستعدة للتنسيق مع واشنطن"),
        (D1, 3, 3, 142, 170, False, True, "الصورة: مقاتلون من القوات الكردية"),
        (D2, 0, 0, 0, 25, True, False, "تنظيم الدولة يخسر مواقع قرب الطبقة"),
        (D2, 1, 1, 27, 80, False, False, "وأكدت وزارة الدفاع الروسية أن الضربات استهدفت الإرهابيين"),
    ],
    columns=["doc_id", "sentence_id", "paragraph_id", "start", "end", "is_headline", "is_repeated", "text"],
)

_M = [
    # doc, sentence, actor, alias, kind, repeated
    (D1, 0, "SDF", "قوات سوريا الديمقراطية", "name", False),
    (D1, 1, "COALITION", "التحالف الدولي", "name", False),
    (D1, 1, "US", "الطائرات الأميركية", "descriptor", False),
    (D1, 1, "ISIS", "التنظيم", "anaphor", False),
    (D1, 2, "RUSSIA", "موسكو", "metonym", False),
    (D1, 2, "US", "واشنطن", "metonym", False),
    (D1, 3, "SDF", "القوات الكردية", "descriptor", True),
    (D2, 0, "ISIS", "تنظيم الدولة", "name", False),
    (D2, 1, "RUSSIA", "وزارة الدفاع الروسية", "descriptor", False),
    (D2, 1, "ISIS", "الإرهابيين", "descriptor", False),
    (D2, 1, "NEW_GROUP", "جماعة جديدة", "name", False),
]
MENTIONS = pd.DataFrame(
    [
        {"doc_id": d, "start": 0, "end": 1, "surface": alias, "actor": a, "component": "", "alias": alias, "kind": k,
         "sentence_id": s, "paragraph_id": s, "in_headline": s == 0, "in_quotes": False, "is_repeated": r}
        for d, s, a, alias, k, r in _M
    ]
)
STATEMENTS = pd.DataFrame(
    [
        (D1, 60, 90, "COALITION", 33, 50, "قال", "indirect", "ISIS"),
        (D1, 120, 140, "RUSSIA", 92, 100, "قالت", "direct", "US"),
        (D2, 40, 80, "RUSSIA", 27, 39, "أكدت", "indirect", "ISIS"),
        (D2, 10, 20, "OUTLET", 0, 0, "", "indirect", ""),
        (D2, 5, 15, "UNKNOWN", 0, 0, "", "direct", ""),
    ],
    columns=["doc_id", "start", "end", "speaker_actor", "speaker_start", "speaker_end", "verb", "quote_type", "targets"],
)
CUES = pd.DataFrame(
    [
        (D1, 33, 36, "قال", "reporting_verb", "neutral", "COALITION", 1),
        (D1, 120, 124, "مستعدة", "booster", "", "RUSSIA", 2),
        (D2, 70, 80, "الإرهابيين", "naming", "terrorist", "RUSSIA", 1),
        (D2, 70, 80, "الإرهابيين", "evaluative", "", "RUSSIA", 1),
        (D1, 60, 70, '"تحرير"', "scare_quote", "", "", 1),
        (D1, 80, 85, "ربما", "hedge", "", "OUTLET", 1),
    ],
    columns=["doc_id", "start", "end", "surface", "category", "subtype", "speaker_actor", "sentence_id"],
)
EDGES = pd.DataFrame(
    [("COALITION", "ISIS", 2.0), ("COALITION", "US", 1.0), ("RUSSIA", "US", 1.0), ("ISIS", "RUSSIA", 1.0),
     ("ISIS", "SDF", 3.0), ("NEW_GROUP", "RUSSIA", 1.0)],
    columns=["source", "target", "weight"],
)
RELATIONS = pd.DataFrame(
    [
        (D1, 60, 90, "US", "attack", "ISIS", "قصفت", "pos", "real", False, "..."),
        (D1, 120, 140, "RUSSIA", "coordinate", "US", "التنسيق", "pos", "real", False, "..."),
        (D2, 40, 80, "RUSSIA", "attack", "ISIS", "استهدفت", "pos", "real", False, "..."),
        (D2, 40, 80, "SDF", "attack", "ISIS", "هاجمت", "neg", "real", False, "..."),
        (D2, 40, 80, "SDF", "support", "US", "ستدعم", "pos", "hyp", False, "..."),
    ],
    columns=["doc_id", "start", "end", "source_actor", "relation", "target_actor", "verb", "polarity", "modality",
             "is_repeated", "sentence"],
)
NAMING = MENTIONS.groupby(["doc_id", "actor", "alias"]).size().rename("count").reset_index()

# The comparison tables by outlet and month, in the shape the comparison figures expect.
NAMING_BY_OUTLET = pd.DataFrame(
    [
        ("الجزيرة", "ISIS", "تنظيم الدولة", 0.62, 0.50, 0.73, 40),
        ("الجزيرة", "ISIS", "داعش", 0.20, 0.11, 0.33, 40),
        ("العربية", "ISIS", "داعش", 0.71, 0.60, 0.80, 55),
        ("العربية", "ISIS", "تنظيم الدولة", 0.18, 0.10, 0.30, 55),
        ("الجزيرة", "SDF", "pejorative_acronym", 0.05, 0.01, 0.15, 20),
        ("الجزيرة", "SDF", "official_name", 0.55, 0.34, 0.74, 20),
        ("العربية", "SDF", "official_name", 0.70, 0.52, 0.83, 30),
    ],
    columns=["group", "actor", "variant", "share", "ci_low", "ci_high", "n"],
)
MENTION_RATES = pd.DataFrame(
    [(o, m, a, r, r * 0.7, r * 1.3) for o, k in (("الجزيرة", 1.0), ("العربية", 1.4))
     for m, f in (("2018-01", 1.0), ("2018-02", 1.2), ("2018-03", 0.8))
     for a, r0 in (("ISIS", 3.0), ("SDF", 1.5), ("RUSSIA", 2.0)) for r in [round(r0 * k * f, 3)]],
    columns=["outlet", "month", "actor", "rate_per_1000", "ci_low", "ci_high"],
)
VOICE_BY_OUTLET = pd.DataFrame(
    [
        ("الجزيرة", "UNKNOWN", 0.55, 0.50, 0.60), ("الجزيرة", "US", 0.15, 0.11, 0.19),
        ("الجزيرة", "RUSSIA", 0.10, 0.07, 0.13), ("الجزيرة", "OUTLET", 0.05, 0.03, 0.08),
        ("العربية", "UNKNOWN", 0.70, 0.64, 0.75), ("العربية", "US", 0.08, 0.05, 0.12),
        ("العربية", "SDF", 0.06, 0.03, 0.09),
    ],
    columns=["outlet", "speaker_actor", "share", "ci_low", "ci_high"],
)
EDGES_BY_OUTLET = pd.concat([EDGES.assign(group="الجزيرة"), EDGES.iloc[:4].assign(group="العربية",
                                                                                   weight=[1.0, 4.0, 2.0, 1.0])])

ONE_DOC = {k: v[v["doc_id"] == D1] if "doc_id" in v.columns else v for k, v in {
    "mentions": MENTIONS, "sentences": SENTENCES}.items()}


#: The figures of :func:`all_figures`, by name: the parametrized checks below run on each (named here, so that
#: collecting the tests draws nothing; the first test checks that the list is the drawn set).
FIGURE_NAMES = ("actor_mentions", "actor_positions_document", "actor_positions_corpus", "voice_share", "stance_cues",
                "actor_network", "naming_choices", "naming_by_outlet", "mention_rates", "voice_by_outlet",
                "network_by_outlet")


def all_figures() -> dict[str, Figure]:
    return {
        "actor_mentions": figures.actor_mentions(MENTIONS),
        "actor_positions_document": figures.actor_positions(ONE_DOC["mentions"], ONE_DOC["sentences"]),
        "actor_positions_corpus": figures.actor_positions(MENTIONS, SENTENCES),
        "voice_share": figures.voice_share(STATEMENTS, sentences=SENTENCES),
        "stance_cues": figures.stance_cues(CUES),
        "actor_network": figures.actor_network(EDGES, RELATIONS),
        "naming_choices": figures.naming_choices(NAMING),
        "naming_by_outlet": figures.naming_by_outlet(NAMING_BY_OUTLET),
        "mention_rates": figures.mention_rates(MENTION_RATES),
        "voice_by_outlet": figures.voice_by_outlet(VOICE_BY_OUTLET),
        "network_by_outlet": figures.network_by_outlet(EDGES_BY_OUTLET),
    }


@pytest.fixture(scope="module")
def drawn() -> dict[str, Figure]:
    return all_figures()


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def _arabic_texts(fig: Figure) -> list[str]:
    return [t for t in _texts(fig) if any(0x0600 <= ord(c) <= 0x06FF or 0xFB50 <= ord(c) <= 0xFEFE for c in t)]


# --- both paths ------------------------------------------------------------------------------------------------
def test_every_figure_is_a_figure_with_arabic_labels(drawn):
    assert tuple(drawn) == FIGURE_NAMES, "the parametrized label checks run on FIGURE_NAMES"
    for name, fig in drawn.items():
        assert isinstance(fig, Figure), name
        assert _arabic_texts(fig), f"{name} has no Arabic label"


def test_actor_labels_are_bilingual_and_in_the_figure(drawn):
    ticks = _texts(drawn["actor_mentions"])
    for code in ("SDF", "US", "RUSSIA", "ISIS", "COALITION"):
        short = style.actor_short_label(code)
        assert arabic.label(short) in ticks, code
        assert style.actor_style(code).label_ar in short.split("\n")  # the Arabic name is whole on its own line
    assert arabic.label(style.actor_short_label("NEW_GROUP")) in ticks  # an actor the lexicon does not know


def test_short_labels_keep_long_english_names_compact():
    assert style.actor_short_label("COALITION").split("\n")[-1] == "US-led coalition"
    for code in style.actor_styles():
        for line in style.actor_short_label(code).split("\n"):
            assert len(line) <= 26 or " " not in line, (code, line)


def test_counts_drawn_are_the_counts_of_the_table(drawn):
    texts = [t.strip() for t in _texts(drawn["actor_mentions"])]
    kept = MENTIONS[~MENTIONS["is_repeated"]]
    for actor, n in kept.groupby("actor").size().items():
        assert str(n) in texts, actor
    assert "3" in [t.strip() for t in _texts(figures.actor_mentions(MENTIONS, repeated="include"))]  # ISIS/SDF


def test_reported_words_are_read_from_the_sentences():
    words = figures.reported_words(STATEMENTS.iloc[:1], SENTENCES)
    text = SENTENCES.iloc[1]["text"][60 - 32 : 90 - 32]
    assert words.iloc[0] == len(text.split())


def test_denied_and_hypothetical_relations_are_left_out():
    fig = figures.actor_network(EDGES, RELATIONS)
    texts = " ".join(_texts(fig))
    # US→ISIS and RUSSIA→ISIS attack once each, RUSSIA→US coordinate once; SDF "did not attack" ISIS and
    # "will support" the US: no arrow.
    assert "attack" in texts and "coordinate" in texts and "support" not in texts
    assert "denied or hypothetical relations left out (2)" in texts
    arrows = fig.axes[1].findobj(FancyArrowPatch)
    assert len(arrows) == 3


def test_actor_colours_are_stable_and_distinct():
    core = ["SDF", "US", "COALITION", "RUSSIA", "ISIS"]
    colours = [style.actor_style(a).color for a in core]
    assert len(set(colours)) == len(core)
    assert len({(style.actor_style(a).hatch, style.actor_style(a).marker) for a in core}) == len(core)
    assert style.actor_style("SOMEONE_NEW") == style.actor_style("SOMEONE_NEW")
    assert style.actor_style("SOMEONE_NEW").color in style.TOL_MUTED


def test_same_actor_same_colour_in_every_figure(drawn):
    from matplotlib.colors import to_hex

    base = style.actor_style("RUSSIA").color
    tints = {to_hex(style.tint(base, a / 100)) for a in range(0, 100, 5)}  # kinds are tints of the colour
    for name in ("actor_mentions", "voice_share", "naming_choices", "actor_positions_corpus"):
        colours = {to_hex(c) for artist in drawn[name].findobj(lambda a: hasattr(a, "get_facecolor"))
                   for c in ([artist.get_facecolor()] if artist.get_facecolor() is not None and
                             len(matplotlib.colors.to_rgba_array(artist.get_facecolor())) == 1 else [])}
        colours |= {to_hex(line.get_color()) for line in drawn[name].findobj(matplotlib.lines.Line2D)}
        assert tints & colours, name


def test_bad_options_are_value_errors():
    with pytest.raises(ValueError):
        figures.actor_mentions(MENTIONS, repeated="sometimes")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        figures.actor_positions(MENTIONS, SENTENCES, scope="document")
    with pytest.raises(ValueError):
        figures.stance_cues(CUES, normalize="percent")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        figures.naming_choices(NAMING, top=0)
    with pytest.raises(ValueError):
        figures.save_figure(Figure(), "../escape")


def test_figures_draw_into_a_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    assert figures.actor_mentions(MENTIONS, ax=ax) is fig
    assert figures.stance_cues(CUES, ax=ax) is fig


def test_empty_tables_draw_an_empty_figure_not_an_error():
    fig = figures.actor_mentions(MENTIONS.iloc[:0])
    assert isinstance(fig, Figure)


def test_save_is_byte_identical(tmp_path):
    def digest(paths):
        return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]

    first = figures.save_figure(figures.actor_network(EDGES, RELATIONS), "network", tmp_path / "a")
    second = figures.save_figure(figures.actor_network(EDGES, RELATIONS), "network", tmp_path / "b")
    assert [p.suffix for p in first] == [".png", ".svg"]
    assert digest(first) == digest(second)
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg


def test_build_all_skips_missing_tables_with_a_warning(tmp_path, caplog):
    tables = tmp_path / "tables"
    tables.mkdir()
    MENTIONS.to_csv(tables / "mentions.csv", index=False)
    with caplog.at_level(logging.WARNING, logger="analysis.figures"):
        written = figures.build_all(tables, tmp_path / "figs")
    assert set(written) == {"actor_mentions", "naming_choices"}
    assert "stance_cues skipped" in caplog.text
    assert (tmp_path / "figs" / "actor_mentions.png").exists()


def test_cli_figures_command(tmp_path):
    from analysis.cli import main

    tables = tmp_path / "tables"
    tables.mkdir()
    for name, frame in {"mentions": MENTIONS, "sentences": SENTENCES, "statements": STATEMENTS, "cues": CUES,
                        "edges": EDGES, "relations": RELATIONS, "naming": NAMING}.items():
        frame.to_csv(tables / f"{name}.csv", index=False)
    assert main(["figures", "--tables", str(tables), "--out", str(tmp_path / "out")]) == 0
    assert len(list((tmp_path / "out").glob("*.png"))) == 6
    assert len(list((tmp_path / "out").glob("*.svg"))) == 6


# --- every Arabic label of every figure, as drawn -----------------------------------------------------------------
@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_no_line_mixes_directions(name, drawn):
    """Bilingual labels put Arabic and English on separate lines: each line has one direction, so layout
    engines cannot disagree about it (bracket pairing in mixed lines differs between bidi implementations)."""
    import unicodedata

    for text in _texts(drawn[name]):
        for line in text.split("\n"):
            classes = {unicodedata.bidirectional(c) for c in line}
            assert not ({"R", "AL"} & classes and "L" in classes), f"{name}: {line!r}"


@pytest.mark.skipif(not NATIVE_SHAPING, reason="matplotlib < 3.11 does not shape text")
@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_label_is_shaped_by_matplotlib(name, drawn):
    fig = drawn[name]
    for text in _texts(fig):
        assert not arabic.has_presentation_forms(text), f"{name}: {text!r} handed over pre-shaped"
    lines = check_figure_labels(fig)
    assert any(any(0x0600 <= ord(c) <= 0x06FF for c in line.text) for line in lines)


@pytest.mark.fallback
@pytest.mark.skipif(NATIVE_SHAPING, reason="the fallback path runs only on matplotlib < 3.11 (nox -s fallback)")
@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_label_is_pre_shaped_on_old_matplotlib(name, drawn):
    fig = drawn[name]
    for text in _texts(fig):
        assert not any(arabic._is_basic_arabic_letter(c) for c in text), f"{name}: {text!r} not shaped"
    check_figure_labels(fig)


# --- the real tables --------------------------------------------------------------------------------------------
REAL_TABLES = ("mentions", "statements", "cues", "edges", "relations")


@pytest.mark.slow  # draws every figure twice, from the command line (make test-slow)
def test_analysis_figures_on_the_real_tables(run_dir, tmp_path):
    from analysis.cli import main

    present = [t for t in REAL_TABLES if (run_dir / f"{t}.csv").exists()]
    if not present:
        pytest.skip("analysis run writes none of the figure tables yet")
    out = tmp_path / "figures"
    assert main(["figures", "--tables", str(run_dir), "--out", str(out)]) == 0
    pngs = sorted(p.stem for p in out.glob("*.png"))
    assert pngs, "no figure written"
    for png in pngs:
        for line in svg_lines((out / f"{png}.svg").read_text(encoding="utf-8")):
            check_drawn_line(line)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["figures", "--tables", str(run_dir), "--out", str(out)]) == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first



def test_top_actors_by_name_and_the_rest_as_other_actors(tmp_path):
    from analysis.cli import main

    fig = figures.actor_mentions(MENTIONS, top=2)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(ticks) == 3 and ticks[-1] == arabic.label(style.actor_short_label(style.OTHER))
    assert "summed as \"other actors\"" in " ".join(fig._suptitle.get_text().split())
    tables = tmp_path / "tables"
    tables.mkdir()
    MENTIONS.to_csv(tables / "mentions.csv", index=False)
    assert main(["figures", "--tables", str(tables), "--out", str(tmp_path / "out"), "--top", "0"]) == 2
    assert main(["figures", "--tables", str(tables), "--out", str(tmp_path / "out"), "--top", "2"]) == 0


def test_voice_share_bars_hold_every_quote_type_mixed_included():
    import matplotlib.pyplot as plt

    statements = pd.concat([STATEMENTS, pd.DataFrame(
        [(D1, 100, 118, "RUSSIA", 92, 100, "قالت", "mixed", ""), (D2, 45, 60, "COALITION", 27, 39, "قال", "mixed", "")],
        columns=STATEMENTS.columns)], ignore_index=True)
    fig = figures.voice_share(statements, sentences=SENTENCES)
    try:
        ax = fig.axes[0]
        widths: dict[int, float] = {}
        for bar in ax.patches:
            widths[round(bar.get_y() + bar.get_height() / 2)] = widths.get(round(bar.get_y() + bar.get_height() / 2), 0) + bar.get_width()
        rows = [t.get_text() for t in ax.get_yticklabels()]
        assert len(rows) == len(widths)
        counted = statements[statements["speaker_actor"] != "UNKNOWN"]
        # RUSSIA: one direct, one indirect, one mixed; COALITION: one indirect, one mixed
        assert sorted(widths.values(), reverse=True)[:2] == [3.0, 2.0]
        assert sum(widths.values()) == len(counted)
        legend = [t.get_text() for t in fig.legends[0].get_texts()]
        assert any("mixed" in t for t in legend) and len(legend) == 3
    finally:
        plt.close(fig)


def test_comparison_subtitles_count_in_the_right_number():
    one = pd.DataFrame([("BBC", "US", 0.6, 0.5, 0.7), ("BBC", "RUSSIA", 0.4, 0.3, 0.5)],
                       columns=["outlet", "speaker_actor", "share", "ci_low", "ci_high"])
    two = pd.concat([one, one.assign(outlet="CNN")], ignore_index=True)
    texts = {n: " ".join(t.get_text() for t in figures.voice_by_outlet(frame).texts)
             for n, frame in (("one", one), ("two", two))}
    assert "; 1 outlet;" in texts["one"] and "1 outlets" not in texts["one"]
    assert "; 2 outlets;" in texts["two"] and "the 2 speakers with" in texts["two"]
