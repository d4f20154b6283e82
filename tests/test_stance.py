"""Stance cues and attribution: speakers, continuations, quotations, hedges, inflections, tables, agreement."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import schema, stance, stance_summaries
from analysis.pipeline import RunOptions
from analysis.stance import OUTLET, UNKNOWN, find_cues, find_statements, load_lexicon

from .mentions import Mention as M

FIRST = "aljazeera/2016-05-24_sdf-offensive-north-raqqa"


def mention(text: str, surface: str, actor: str, kind: str = "name", nth: int = 0, alias: str = "") -> M:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return M(start, start + len(surface), actor, kind, alias or surface)


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def spans(text: str, items, category: str | None = None) -> list[str]:
    return [text[c.start : c.end] for c in items if category is None or c.category == category]


# --- quotations: names, speech, scare quotes -----------------------------------------------------------

def test_quoted_names_and_direct_speech_are_not_scare_quotes(lex):
    text = ('قال الناطق باسم "جيش الثوار" أبو علي إن حملة "تحرير" المدينة بدأت، وأضاف: "لن نتراجع عن هدفنا". '
            'ووصلت القوات إلى قرية "الحمرا" صباحا.')
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert spans(text, cues, "scare_quote") == []
    assert spans(text, cues, "partial_quote") == ['"تحرير"']  # the spokesman's word inside his إن clause
    assert spans(text, cues, "quoted_name") == ['"جيش الثوار"', '"الحمرا"']
    statements = find_statements(text, mentions=[], lexicon=lex)
    direct = [s for s in statements if s.quote_type == "direct"]
    assert [text[s.start : s.end] for s in direct] == ["لن نتراجع عن هدفنا"]
    assert direct[0].verb == "أضاف"  # the proclitic و is not part of the verb


def test_a_quoted_actor_name_is_a_name_even_without_a_name_head(lex):
    text = 'وأعلن "داعش" مسؤوليته عن الهجوم، فيما ندد البيان بالعمل "الجبان".'
    isis = mention(text, "داعش", "ISIS", alias="داعش")
    cues = find_cues(text, mentions=[isis], lexicon=lex)
    assert spans(text, cues, "scare_quote") == []
    assert spans(text, cues, "partial_quote") == ['"الجبان"']  # ندد البيان: the statement's word, not the outlet's
    naming = [c for c in cues if c.category == "naming"]
    assert [(c.surface, c.subtype) for c in naming] == [("داعش", "pejorative_acronym")]


def test_a_quote_right_after_the_complementizer_is_speech_not_a_scare_quote(lex):
    text = 'وقال القائد إن "النصر قريب" وإن المعركة مستمرة.'
    assert spans(text, find_cues(text, mentions=[], lexicon=lex), "scare_quote") == []


def test_scare_quote_outside_statements_is_in_the_outlets_voice(lex):
    text = 'وتواصل القوات "تطهير" المنطقة من المسلحين.'
    cues = find_cues(text, mentions=[], lexicon=lex)
    quotes = [c for c in cues if c.category == "scare_quote"]
    assert [(c.surface, c.speaker_actor) for c in quotes] == [('"تطهير"', OUTLET)]
    evaluative = [c for c in cues if c.category == "evaluative"]
    assert [(c.surface, c.subtype) for c in evaluative] == [("تطهير", "legitimizing")]


# --- speakers and continuations ------------------------------------------------------------------------

def test_continuations_keep_the_previous_speaker(lex):
    text = ('قال المتحدث باسم الجيش الأميركي جون سميث إن الهجوم بدأ فجرا.\n'
            'وأضاف أن الطائرات تشارك في القصف، مشيرا إلى أن المعركة ستكون طويلة.')
    us = mention(text, "الجيش الأميركي", "US", "descriptor")
    statements = find_statements(text, mentions=[us], lexicon=lex)
    assert [s.verb for s in statements] == ["قال", "أضاف", "مشيرا"]
    assert {s.speaker_actor for s in statements} == {"US"}
    assert len({(s.speaker_start, s.speaker_end) for s in statements}) == 1
    assert text[statements[0].speaker_start : statements[0].speaker_end] == "المتحدث باسم الجيش الأميركي جون سميث"
    assert text[statements[2].start : statements[2].end] == "أن المعركة ستكون طويلة"
    assert text[statements[1].start : statements[1].end] == "أن الطائرات تشارك في القصف"


def test_a_new_speaker_ends_the_continuation(lex):
    text = ('قال وزير الخارجية الروسي إن موسكو مستعدة للتنسيق، في حين أكدت القوات الكردية أنها لم تتقدم بعد، '
            'مضيفة أن القتال عنيف.')
    ru = mention(text, "وزير الخارجية الروسي", "RUSSIA", "descriptor")
    sdf = mention(text, "القوات الكردية", "SDF", "descriptor")
    moscow = mention(text, "موسكو", "RUSSIA", "metonym")
    statements = find_statements(text, mentions=[ru, sdf, moscow], lexicon=lex)
    assert [(s.verb, s.speaker_actor) for s in statements] == [("قال", "RUSSIA"), ("أكدت", "SDF"), ("مضيفة", "SDF")]
    assert text[statements[0].start : statements[0].end] == "إن موسكو مستعدة للتنسيق"  # ends before في حين
    assert statements[1].targets == ()  # no actor is named inside "أنها لم تتقدم بعد"
    assert statements[0].targets == ("RUSSIA",)


def test_statements_without_an_actor_speaker(lex):
    text = 'قال شاهد عيان إن القصف استمر طوال الليل. يذكر أن المدينة محاصرة منذ أشهر.'
    statements = find_statements(text, mentions=[], lexicon=lex)
    assert [(s.verb, s.speaker_actor) for s in statements] == [("قال", UNKNOWN), ("يذكر", OUTLET)]
    assert text[statements[0].speaker_start : statements[0].speaker_end] == "شاهد عيان"
    assert statements[1].speaker_start is None  # the impersonal passive has no speaker span
    lone = 'وأضاف أن الهدنة صامدة.'
    only = find_statements(lone, mentions=[], lexicon=lex)
    assert [(s.speaker_actor, s.speaker_start) for s in only] == [(UNKNOWN, None)]


def test_reporter_is_the_outlets_voice_and_relayed_sources_speak_for_their_actor(lex):
    text = ('وقال مراسل الجزيرة إن الاشتباكات تجددت. '
            'ونقل المراسل عن مصادر ميدانية في قوات سوريا الديمقراطية أنها سيطرت على قريتين.')
    sdf = mention(text, "قوات سوريا الديمقراطية", "SDF")
    statements = find_statements(text, mentions=[sdf], lexicon=lex)
    assert [(s.verb, s.speaker_actor) for s in statements] == [("قال", OUTLET), ("نقل", "SDF")]
    assert text[statements[1].speaker_start : statements[1].speaker_end].startswith("مصادر ميدانية")


def test_svo_subject_before_the_verb_and_postposed_direct_speech(lex):
    text = 'لكن مسؤولا روسيا قال إن الضربات دقيقة. "سنواصل القتال"، قال القائد الميداني.'
    ru = mention(text, "مسؤولا روسيا", "RUSSIA", "descriptor")
    statements = find_statements(text, mentions=[ru], lexicon=lex)
    assert [(s.speaker_actor, s.quote_type) for s in statements] == [("RUSSIA", "indirect"), (UNKNOWN, "direct")]
    assert text[statements[0].speaker_start : statements[0].speaker_end] == "مسؤولا روسيا"
    assert text[statements[1].start : statements[1].end] == "سنواصل القتال"
    assert text[statements[1].speaker_start : statements[1].speaker_end] == "القائد الميداني"


# --- reporting verbs: participles, inflections, commitment ---------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "verb", "commitment"),
    [
        ("وقالت الوزارة إن الوضع هادئ.", "قالت", "neutral"),
        ("ويقولون إن الوضع هادئ.", "يقولون", "neutral"),
        ("وأكدوا أن الوضع هادئ.", "أكدوا", "assertive"),
        ("وشددت على أن الوضع هادئ.", "شددت", "assertive"),
        ("مؤكدة أن الوضع هادئ.", "مؤكدة", "assertive"),
        ("واعتبرت أن الوضع هادئ.", "اعتبرت", "evaluative"),
        ("معتبرين أن الوضع هادئ.", "معتبرين", "evaluative"),
        ("وزعمت الجماعة أن الوضع هادئ.", "زعمت", "distancing"),
        ("وادعى أن الوضع هادئ.", "ادعى", "distancing"),
        ("ولفتت إلى أن الوضع هادئ.", "لفتت", "neutral"),
    ],
)
def test_reporting_verb_forms_are_generated_from_the_lexicon(lex, sentence, verb, commitment):
    statements = find_statements(sentence, mentions=[], lexicon=lex)
    assert [(s.verb, s.commitment) for s in statements] == [(verb, commitment)]
    assert sentence[statements[0].start : statements[0].end] == "أن الوضع هادئ" if "أن" in sentence else True
    cues = [c for c in find_cues(sentence, mentions=[], lexicon=lex) if c.category == "reporting_verb"]
    assert [(c.surface, c.subtype) for c in cues] == [(verb, commitment)]


def test_qad_with_imperfect_is_a_hedge_with_perfect_it_is_not(lex):
    text = 'قد يكون الهجوم وشيكا. وقد زار الوفد المدينة. وقد تم الاتفاق. وقد تشهد المنطقة معارك.'
    hedges = spans(text, find_cues(text, mentions=[], lexicon=lex), "hedge")
    assert hedges == ["قد يكون", "قد تشهد"]


def test_clitics_inflections_and_diacritics_keep_raw_offsets(lex):
    text = 'وقَالَ إنّ التحالف المناهض للإرهـــاب يقصف معاقلهم، وبالتأكيد ستنتهي خلافتهم، ومن غير الواضح متى.'
    cues = find_cues(text, mentions=[], lexicon=lex)
    for c in cues:
        assert text[c.start : c.end] == c.surface
    got = {(c.surface, c.category) for c in cues}
    assert ("لإرهـــاب", "evaluative") in got  # ل of لل is a proclitic; the tatweel stays in the raw span
    assert ("معاقلهم", "evaluative") in got
    assert ("خلافتهم", "evaluative") in got
    assert ("بالتأكيد", "booster") in got  # the و proclitic is not part of the cue
    assert ("من غير الواضح", "hedge") in got
    assert ("قَالَ", "reporting_verb") in got
    assert not any(c.category == "booster" and "الواضح" in c.surface for c in cues)  # the longer hedge wins


def test_a_reporting_verb_without_complement_is_not_a_statement(lex):
    text = 'قالت مصادر محلية كلاما كثيرا عن الذكرى.'
    assert find_statements(text, mentions=[], lexicon=lex) == []


def test_colon_attribution_needs_an_actor_and_skips_source_lines(lex):
    text = 'لافروف: موسكو مستعدة للتنسيق مع واشنطن\nالمصدر : الجزيرة + وكالات'
    lavrov = mention(text, "لافروف", "RUSSIA", "person")
    statements = find_statements(text, mentions=[lavrov], lexicon=lex)
    assert [(s.verb, s.quote_type, s.speaker_actor) for s in statements] == [(":", "direct", "RUSSIA")]
    assert find_statements(text, mentions=[], lexicon=lex) == []


# --- the lexicon is data ----------------------------------------------------------------------------------

def test_a_user_lexicon_is_honoured_and_bad_entries_are_rejected(tmp_path: Path):
    base = (stance.DEFAULT_LEXICON).read_text(encoding="utf-8")
    extra = base.replace(
        "reporting_verbs:\n",
        "reporting_verbs:\n  - {lemma: همس, commitment: neutral, perfect: [همس], imperfect: [همس], participle: [هامس]}\n",
        1,
    )
    path = tmp_path / "stance.yaml"
    path.write_text(extra, encoding="utf-8")
    text = "وهمست الممرضة أن الجرحى كثيرون."
    assert find_statements(text, mentions=[], lexicon=load_lexicon()) == []
    assert [s.verb for s in find_statements(text, mentions=[], lexicon=load_lexicon(path))] == ["همست"]
    path.write_text(base.replace("commitment: distancing", "commitment: sceptical", 1), encoding="utf-8")
    with pytest.raises(ValueError, match="commitment"):
        load_lexicon(path)


# --- summaries ---------------------------------------------------------------------------------------------

def test_voice_share_and_cue_counts_roll_up_the_coalition(tmp_path: Path):
    pd.DataFrame({"doc_id": ["d1", "d2"], "outlet": ["A", "A"]}).to_csv(tmp_path / "documents.csv", index=False)
    pd.DataFrame({
        "doc_id": ["d1", "d1", "d2"], "speaker_actor": ["US", "COALITION", "SDF"],
        "quote_type": ["direct", "indirect", "indirect"], "n_words": [10, 5, 5],
    }).to_csv(tmp_path / "statements.csv", index=False)
    pd.DataFrame({
        "doc_id": ["d1", "d2"], "category": ["hedge", "hedge"], "subtype": ["epistemic", "epistemic"],
        "speaker_actor": ["COALITION", "US"],
    }).to_csv(tmp_path / "cues.csv", index=False)
    paths = {n: tmp_path / f"{n}.csv" for n in ("documents", "statements", "cues")}
    plain = stance_summaries.voice_share(paths)
    assert set(plain["speaker_actor"]) == {"US", "COALITION", "SDF"}
    assert plain["share_statements"].sum() == pytest.approx(1.0)
    rolled = stance_summaries.voice_share(paths, rollup_coalition=True).set_index("speaker_actor")
    assert rolled.loc["US", "n_statements"] == 2 and rolled.loc["US", "n_words"] == 15
    assert rolled.loc["US", "share_words"] == pytest.approx(0.75)
    counts = stance_summaries.cue_counts(paths, rollup_coalition=True)
    assert counts[["speaker_actor", "n_cues"]].values.tolist() == [["US", 2]]


def test_a_cue_row_is_the_cue_with_its_document_in_table_order(lex):
    from dataclasses import asdict

    text = "وقال المسؤول إن التنظيم ربما انسحب من معاقله."
    (cue, *_) = find_cues(text, mentions=[], lexicon=lex)
    row = stance._cue_row("d1", cue)
    # is_boilerplate, the last column, is set by the pipeline from the document's boilerplate spans
    assert [*row, "is_boilerplate"] == stance.ROW_TABLES["cues"]
    assert row == {"doc_id": "d1", **asdict(cue)}


def _mentions_csv(path: Path, rows: list[tuple[str, str, str, str, str]]) -> None:
    pd.DataFrame(rows, columns=["doc_id", "actor", "alias", "kind", "surface"]).assign(start=0, end=1).to_csv(path, index=False)


# written in corpus order, not doc_id order: b before a, and document c in two separate runs of rows
_NAMING_ROWS = [
    ("b", "ISIS", "تنظيم الدولة الإسلامية", "name", "داعش"),
    ("b", "ISIS", "تنظيم الدولة الإسلامية", "name", "تنظيم الدولة"),
    ("b", "SDF", "قوات سوريا الديمقراطية", "name", "قسد"),
    ("a", "ISIS", "تنظيم الدولة الإسلامية", "name", "داعش"),
    ("a", "ISIS", "تنظيم الدولة الإسلامية", "name", "داعش"),
    ("a", "ISIS", "تنظيم الدولة الإسلامية", "name", "لتنظيم الدولة"),
    ("a", "TURKEY", "تركيا", "name", "تركيا"),
    ("c", "COALITION", "التحالف الدولي", "name", "التحالف الدولي"),
    ("d", "SDF", "قوات سوريا الديمقراطية", "name", "الوحدات الكردية"),
    ("c", "US", "الولايات المتحدة", "name", "واشنطن"),
    ("c", "COALITION", "التحالف الدولي", "name", "التحالف الأمريكي"),
]


@pytest.mark.parametrize("rollup", [False, True])
def test_naming_tables_equal_one_sorted_count(tmp_path: Path, lex, rollup):
    from collections import Counter

    _mentions_csv(tmp_path / "mentions.csv", _NAMING_ROWS)
    counts = Counter()
    for doc_id, actor, alias, kind, surface in _NAMING_ROWS:  # the definition: one Counter over the corpus, sorted
        variant = stance._variant_of(lex, actor, alias, surface)
        counts[(doc_id, "US" if rollup and actor == "COALITION" else actor, alias, kind, variant)] += 1
    expected = [(*k, n) for k, n in sorted(counts.items())]
    paths = {"mentions": tmp_path / "mentions.csv"}
    naming = stance_summaries.naming_table(paths, lex, rollup_coalition=rollup)
    assert [tuple(r) for r in naming.itertuples(index=False)] == expected
    out = tmp_path / "out"
    options = RunOptions(raw_dir=tmp_path, out_dir=out, rollup_coalition=rollup)
    written = stance_summaries.SUMMARY(options, paths)
    assert [p.name for p in written][-2:] == ["naming.csv", "naming_choice.csv"]
    assert (out / "naming.csv").read_text(encoding="utf-8").splitlines()[1:] == [",".join(map(str, r)) for r in expected]
    choice = pd.read_csv(out / "naming_choice.csv", dtype=str, keep_default_na=False)
    assert choice.astype(str).values.tolist() == stance_summaries.naming_choice(naming).astype(str).values.tolist()
    by_doc = {(d, a): (c, v) for d, a, c, _, v in choice.values.tolist()}
    assert by_doc[("a", "ISIS")] == ("pejorative_acronym", "organisation_short:1|pejorative_acronym:2")
    assert by_doc[("b", "ISIS")][0] == "mixed"  # one of each: a tie
    assert ("a", "TURKEY") not in by_doc  # no declared variants
    assert not list(tmp_path.glob(".summaries.*"))  # the engine's spill folder is gone


def test_naming_tables_of_an_empty_mentions_table_have_their_columns(tmp_path: Path, lex):
    _mentions_csv(tmp_path / "mentions.csv", [])
    out = tmp_path / "out"
    stance_summaries.SUMMARY(RunOptions(raw_dir=tmp_path, out_dir=out), {"mentions": tmp_path / "mentions.csv"})
    assert (out / "naming.csv").read_text(encoding="utf-8") == ",".join(schema.NAMING.columns) + "\n"
    assert (out / "naming_choice.csv").read_text(encoding="utf-8") == ",".join(schema.NAMING_CHOICE.columns) + "\n"


# --- the first article: pipeline tables and agreement with the hand annotation ---------------------------

def test_row_tables_have_their_columns_and_raw_offsets(tables, first_article_text):
    statements, cues = tables["statements"], tables["cues"]
    assert list(statements.columns) == stance.ROW_TABLES["statements"]
    assert list(cues.columns) == stance.ROW_TABLES["cues"]
    first = cues[cues["doc_id"] == FIRST]
    assert len(first) > 0
    for start, end, surface in first[["start", "end", "surface"]].itertuples(index=False):
        assert first_article_text[start:end] == surface
    targets = statements["targets"].fillna("")
    assert all(t == "|".join(sorted(set(t.split("|")))) for t in targets if t)


def test_naming_variant_follows_the_written_form_not_the_canonical_alias(lex):
    text = "هاجمت القوات مواقع لتنظيم الدولة ثم مواقع داعش."
    short = mention(text, "تنظيم الدولة", "ISIS", alias="تنظيم الدولة الإسلامية")
    acronym = mention(text, "داعش", "ISIS", alias="تنظيم الدولة الإسلامية")
    naming = [(c.surface, c.subtype) for c in find_cues(text, mentions=[short, acronym], lexicon=lex) if c.category == "naming"]
    assert naming == [("تنظيم الدولة", "organisation_short"), ("داعش", "pejorative_acronym")]


# --- outlets other than the sample: announcements, channels, addressees, "according to" ------------------
# (texts written for these tests in the styles of Syrian opposition, state and wire outlets)

def _said(text: str, statements) -> list[tuple[str, str, str, str | None, str]]:
    return [(s.verb, s.quote_type, s.speaker_actor,
             text[s.speaker_start : s.speaker_end] if s.speaker_start is not None else None,
             text[s.start : s.end]) for s in statements]


def test_an_announced_act_is_not_a_statement_but_a_quoted_subject_speaks(lex):
    headline = '"قسد" تعلن بدء المرحلة الأخيرة من معركة الباغوز'
    sdf = mention(headline, "قسد", "SDF")
    assert find_statements(headline, mentions=[sdf], lexicon=lex) == []  # no أن/إن, quote or colon
    # no verb cue; the quoted actor name is a quoted_name
    assert [c.category for c in find_cues(headline, mentions=[sdf], lexicon=lex)] == ["quoted_name", "naming"]
    svo = '"قسد" تعلن أن المعركة انتهت'
    sdf = mention(svo, "قسد", "SDF")
    assert _said(svo, find_statements(svo, mentions=[sdf], lexicon=lex)) == [
        ("تعلن", "indirect", "SDF", "قسد", "أن المعركة انتهت")]
    adverbial = "أعلنت قسد بدء الهجوم بعد أن أنهت إجلاء المدنيين، ودون أن تحدد موعدا."
    assert find_statements(adverbial, mentions=[mention(adverbial, "قسد", "SDF")], lexicon=lex) == []


def test_the_subject_of_an_announcement_is_continued_but_not_from_inside_speech(lex):
    text = "أعلن البنتاغون مقتل قيادي في التنظيم.\nوقال للجزيرة إن العملية نجحت."
    pentagon = mention(text, "البنتاغون", "US", "metonym")
    assert _said(text, find_statements(text, mentions=[pentagon], lexicon=lex)) == [
        ("قال", "indirect", "US", "البنتاغون", "إن العملية نجحت")]
    nested = "قال وزير الدفاع الروسي إن قسد أعلنت الانسحاب من القرية. وأضاف أن الهدنة صامدة."
    ms = [mention(nested, "وزير الدفاع الروسي", "RUSSIA", "descriptor"), mention(nested, "قسد", "SDF")]
    assert [s.speaker_actor for s in find_statements(nested, mentions=ms, lexicon=lex)] == ["RUSSIA", "RUSSIA"]


def test_quoted_names_in_the_speaker_and_channel_do_not_make_speech_direct(lex):
    text = 'وقال مدير المكتب الإعلامي لـ"قسد"، شيار علي، عبر حسابه في "تويتر"، إن الاشتباكات مستمرة في محيط البلدة.'
    sdf = mention(text, "قسد", "SDF")
    statements = find_statements(text, mentions=[sdf], lexicon=lex)
    assert _said(text, statements) == [
        ("قال", "indirect", "SDF", 'مدير المكتب الإعلامي لـ"قسد"، شيار علي', "إن الاشتباكات مستمرة في محيط البلدة")]
    assert spans(text, find_cues(text, mentions=[sdf], lexicon=lex), "scare_quote") == []  # names, not distancing
    obj = 'وأعلنت الإدارة عن "المرحلة الثانية" من الخطة.'
    assert find_statements(obj, mentions=[], lexicon=lex) == []  # عن "…": the object of the verb, not speech
    partial = 'وشدد الوزير على "ضرورة الحل السياسي في سوريا".'  # the verb's own preposition: a partial quotation
    assert _said(partial, find_statements(partial, mentions=[], lexicon=lex)) == [
        ("شدد", "direct", UNKNOWN, "الوزير", "ضرورة الحل السياسي في سوريا")]
    addressed = 'وقال لـ"عنب بلدي": "نحن مستعدون للحوار مع الجميع".'
    assert _said(addressed, find_statements(addressed, mentions=[], lexicon=lex)) == [
        ("قال", "direct", UNKNOWN, None, "نحن مستعدون للحوار مع الجميع")]


@pytest.mark.parametrize(("text", "speaker"), [
    ("قال مسؤول أمريكي لرويترز إن القوات ستبقى في سوريا.", "مسؤول أمريكي"),
    ("قالت وزارة الدفاع الروسية في بيان إن الطائرات عادت إلى قاعدتها.", "وزارة الدفاع الروسية"),
    ('قال قائد مجلس منبج العسكري في تصريح لـ"عنب بلدي" إن المدينة آمنة.', "قائد مجلس منبج العسكري"),
    ("وقال المتحدث باسم الخارجية التركية للصحفيين إن أنقرة لن تقبل بذلك.", "المتحدث باسم الخارجية التركية"),
    ("ونقلت الوكالة عن مسؤول أمريكي قوله إن الانسحاب سيكتمل.", "مسؤول أمريكي"),
    ("القائد الميداني قال لوكالة فرانس برس إن الهجوم بدأ.", "القائد الميداني"),
])
def test_an_addressee_or_channel_after_the_verb_is_not_the_speaker(lex, text, speaker):
    (statement,) = find_statements(text, mentions=[], lexicon=lex)
    assert text[statement.speaker_start : statement.speaker_end] == speaker
    assert statement.quote_type == "indirect"
    assert spans(text, find_cues(text, mentions=[], lexicon=lex), "scare_quote") == []


def test_a_channel_alone_leaves_the_previous_speaker(lex):
    text = ("قال المتحدث باسم الجيش الأميركي إن الغارات مستمرة.\n"
            "وقال في مؤتمر صحفي إن التنسيق قائم. كما قال للجزيرة إن الوضع هادئ.")
    us = mention(text, "الجيش الأميركي", "US", "descriptor")
    statements = find_statements(text, mentions=[us], lexicon=lex)
    assert [(s.speaker_actor, text[s.speaker_start : s.speaker_end]) for s in statements] == [
        ("US", "المتحدث باسم الجيش الأميركي")] * 3


@pytest.mark.parametrize(("text", "verb", "speaker", "content", "actor"), [
    ("وقتل 20 مدنيا في غارات على الرقة، بحسب المرصد السوري لحقوق الإنسان.", "بحسب",
     "المرصد السوري لحقوق الإنسان", "وقتل 20 مدنيا في غارات على الرقة", "NGO"),
    ("وبحسب المرصد السوري لحقوق الإنسان، فإن 20 مدنيا قتلوا.", "بحسب",
     "المرصد السوري لحقوق الإنسان", "فإن 20 مدنيا قتلوا", "NGO"),
    ("وتقدمت القوات ثلاثة كيلومترات حسب مصادر محلية.", "حسب", "مصادر محلية", "وتقدمت القوات ثلاثة كيلومترات", UNKNOWN),
    ('وقتل 20 مدنيا وفقا لـ"الدفاع المدني".', "وفقا", "الدفاع المدني", "وقتل 20 مدنيا", "NGO"),
    ("ونزح آلاف السكان، وفقا للأمم المتحدة.", "وفقا", "لأمم المتحدة", "ونزح آلاف السكان", UNKNOWN),
    ("وانسحب المقاتلون من البلدة، نقلا عن ناشطين في المدينة.", "نقلا", "ناشطين في المدينة", "وانسحب المقاتلون من البلدة", UNKNOWN),
    ("وقتل خمسة عناصر، بحسب ما أفادت مصادر ميدانية.", "بحسب", "مصادر ميدانية", "وقتل خمسة عناصر", UNKNOWN),
])
def test_according_to_attribution_is_an_indirect_statement(lex, text, verb, speaker, content, actor):
    statements = find_statements(text, mentions=[], lexicon=lex)
    assert _said(text, statements) == [(verb, "indirect", actor, speaker, content)]
    assert statements[0].commitment == "neutral"
    # the marker is not a verb: no reporting_verb cue
    assert [c for c in find_cues(text, mentions=[], lexicon=lex) if c.category == "reporting_verb"] == []


def test_according_to_takes_the_actor_of_its_source_and_needs_a_source(lex):
    text = "وقتل خمسة عناصر، بحسب ما نقلت وكالة رويترز عن مسؤول أمريكي."
    us = mention(text, "مسؤول أمريكي", "US", "descriptor")
    assert _said(text, find_statements(text, mentions=[us], lexicon=lex)) == [
        ("بحسب", "indirect", "US", "مسؤول أمريكي", "وقتل خمسة عناصر")]
    two = 'وقتل 20 مدنيا وفقا لـ"الدفاع المدني"، وجرح 10 آخرون حسب مصادر محلية.'
    assert [text_ for *_, text_ in _said(two, find_statements(two, mentions=[], lexicon=lex))] == [
        "وقتل 20 مدنيا", "وجرح 10 آخرون"]
    for not_a_source in ("وسيطرت القوات على القرية وفقا للخطة المرسومة.", "وتوزعت المساعدات حسب الحاجة.",
                         "وانسحبت القوات بحسب ما يبدو من الصور."):
        assert find_statements(not_a_source, mentions=[], lexicon=lex) == []
    inside = "وقال المسؤول إن 20 شخصا قتلوا، بحسب حصيلة أولية."
    assert [s.verb for s in find_statements(inside, mentions=[], lexicon=lex)] == ["قال"]  # the speaker's own sourcing
    opened = "قالت مصادر محلية إن الطيران قصف البلدة، بينما قتل 5 مدنيين بحسب المرصد."
    assert [text_ for *_, text_ in _said(opened, find_statements(opened, mentions=[], lexicon=lex))] == [
        "إن الطيران قصف البلدة", "قتل 5 مدنيين"]  # a clause opener separates the outlet's sourcing
    pronoun = "قال المتحدث باسم قسد إن المعركة مستمرة.\nوقتل 20 عنصرا من التنظيم حسب قوله."
    sdf = mention(pronoun, "قسد", "SDF")
    assert [(s.verb, s.speaker_actor) for s in find_statements(pronoun, mentions=[sdf], lexicon=lex)] == [
        ("قال", "SDF"), ("حسب", "SDF")]


def test_verb_prepositions_and_institutions_of_other_outlets(lex):
    text = "وحذر من أن المعركة ستطول."
    assert _said(text, find_statements(text, mentions=[], lexicon=lex)) == [
        ("حذر", "indirect", UNKNOWN, None, "أن المعركة ستطول")]
    # with the actor module: institutions named by state media are their state's voice
    sana = "وأكدت وزارة الخارجية والمغتربين أن وجود القوات الأمريكية والتركية على الأراضي السورية غير شرعي."
    (st,) = find_statements(sana, lexicon=lex)
    assert (st.speaker_actor, st.targets) == ("SYRIAN_GOV", ("TURKEY", "US"))
    enab = 'وقال مدير المركز الإعلامي لـ"قسد"، مصطفى بالي، إن المقاتلين تقدموا.'
    (st,) = find_statements(enab, lexicon=lex)
    assert (st.speaker_actor, st.quote_type) == ("SDF", "indirect")
