"""Speaker resolution on real-text patterns: continuations, names introduced with a role, institution
anaphors, according-to chains, nisba and genitive speakers, NGO/MEDIA speakers, and mixed quotations.

Every text is written for the test (none is taken from a corpus article)."""

from __future__ import annotations

import pytest

from analysis import speakers, stance
from analysis.stance import UNKNOWN, find_statements, load_lexicon

from .mentions import Mention as M


def mention(text: str, surface: str, actor: str, kind: str = "descriptor", nth: int = 0) -> M:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return M(start, start + len(surface), actor, kind, surface)


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def actors(text: str, found) -> list[tuple[str, str]]:
    return [(s.verb, s.speaker_actor) for s in found]


# --- continuations -----------------------------------------------------------------------------------------

def test_continuation_verbs_take_the_speaker_they_continue(lex):
    text = ("قال وزير الدفاع التركي إن العملية مستمرة. وتابع أن القوات تتقدم، مشيرا إلى أن الخسائر محدودة.\n"
            "وأضاف أن المرحلة المقبلة ستبدأ قريبا.")
    tr = mention(text, "وزير الدفاع التركي", "TURKEY")
    assert actors(text, find_statements(text, mentions=[tr], lexicon=lex)) == [
        ("قال", "TURKEY"), ("تابع", "TURKEY"), ("مشيرا", "TURKEY"), ("أضاف", "TURKEY")]


def test_a_continuation_after_another_speaker_or_too_far_is_not_the_first_speaker(lex):
    text = "قال وزير الدفاع التركي إن العملية مستمرة. وقال شهود عيان إن القصف عنيف. وأضاف أن المنازل دمرت."
    tr = mention(text, "وزير الدفاع التركي", "TURKEY")
    assert [a for _, a in actors(text, find_statements(text, mentions=[tr], lexicon=lex))] == ["TURKEY", UNKNOWN, UNKNOWN]
    far = "قال وزير الدفاع التركي إن العملية مستمرة.\nسطر.\nسطر آخر.\nسطر ثالث.\nوأضاف أن القوات تتقدم."
    tr = mention(far, "وزير الدفاع التركي", "TURKEY")
    assert [a for _, a in actors(far, find_statements(far, mentions=[tr], lexicon=lex))] == ["TURKEY", UNKNOWN]


def test_a_time_word_between_verb_and_complement_is_no_subject(lex):
    text = "وكان الجيش الروسي قد ذكر، الأربعاء، أنه يتوقع انتهاء الإجلاء. وأشار إلى أن الحافلات وصلت."
    ru = mention(text, "الجيش الروسي", "RUSSIA")
    assert actors(text, find_statements(text, mentions=[ru], lexicon=lex)) == [("ذكر", "RUSSIA"), ("أشار", "RUSSIA")]
    # a real subject after the verb is still the subject
    named = "وذكر الجيش الروسي الأربعاء أنه يتوقع انتهاء الإجلاء."
    ru = mention(named, "الجيش الروسي", "RUSSIA")
    assert actors(named, find_statements(named, mentions=[ru], lexicon=lex)) == [("ذكر", "RUSSIA")]


def test_a_counterpart_in_the_speaker_span_is_not_the_speaker(lex):
    text = "وقال وزير الخارجية التركي في أنقرة قبيل محادثات مع نظيره الروسي إن الحل سياسي."
    ms = [mention(text, "وزير الخارجية التركي", "TURKEY"), mention(text, "نظيره الروسي", "RUSSIA")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("قال", "TURKEY")]
    alone = "والتقى وزير الخارجية التركي الصحفيين. وقال في أنقرة قبيل محادثات مع نظيره الروسي إن الحل سياسي."
    ms = [mention(alone, "وزير الخارجية التركي", "TURKEY"), mention(alone, "نظيره الروسي", "RUSSIA")]
    assert [a for _, a in actors(alone, find_statements(alone, mentions=ms, lexicon=lex))] != ["RUSSIA"]


# --- names introduced with a role ----------------------------------------------------------------------------

def test_a_name_introduced_with_a_role_speaks_for_its_actor_later(lex):
    text = ("أعلن المتحدث باسم البنتاغون جون سميث أن الغارات مستمرة.\n"
            "وفي وقت لاحق قال سميث إن الطائرات عادت إلى قواعدها.\n"
            "وقالت ماريا كوفالسكا، المتحدثة باسم الخارجية الروسية، إن موسكو ترفض ذلك. وأضافت كوفالسكا أن الحوار ممكن.")
    ms = [mention(text, "البنتاغون", "US", "metonym"), mention(text, "الخارجية الروسية", "RUSSIA")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [
        ("أعلن", "US"), ("قال", "US"), ("قالت", "RUSSIA"), ("أضافت", "RUSSIA")]


def test_a_name_without_a_role_is_not_registered(lex):
    text = "انتقدت الولايات المتحدة كارل جونسون بشدة.\nوقال جونسون إن الانتقاد ظالم. وقال براون إن الوضع صعب."
    us = mention(text, "الولايات المتحدة", "US", "name")
    assert actors(text, find_statements(text, mentions=[us], lexicon=lex)) == [("قال", UNKNOWN), ("قال", UNKNOWN)]


# --- institution anaphors ---------------------------------------------------------------------------------------

def test_an_institution_anaphor_takes_the_latest_institution_with_its_head(lex):
    text = ("أعلنت وزارة الدفاع الروسية أن الطائرات أصابت أهدافها. "
            "من جهتها، قالت وزارة الخارجية التركية إن أنقرة تتابع الوضع.\n"
            "وقالت الوزارة إن الاتصالات مستمرة. وذكر البيان أن وفدا سيزور موسكو.")
    ms = [mention(text, "وزارة الدفاع الروسية", "RUSSIA"), mention(text, "وزارة الخارجية التركية", "TURKEY")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == [
        "RUSSIA", "TURKEY", "TURKEY", "TURKEY"]


def test_the_same_source_again_and_an_anaphor_without_antecedent(lex):
    text = "قال مصدر دبلوماسي في الخارجية الروسية إن الاتصالات جارية.\nوأضاف المصدر نفسه أن الوفد جاهز."
    ru = mention(text, "الخارجية الروسية", "RUSSIA")
    assert [a for _, a in actors(text, find_statements(text, mentions=[ru], lexicon=lex))] == ["RUSSIA", "RUSSIA"]
    orphan = "وقالت الوزارة إن الاتصالات جارية."
    assert [a for _, a in actors(orphan, find_statements(orphan, mentions=[], lexicon=lex))] == [UNKNOWN]


# --- according-to chains ------------------------------------------------------------------------------------------

def test_an_according_to_chain_is_one_statement_of_the_innermost_source(lex):
    text = "وقتل 12 مقاتلا في الغارة، وفقا لثلاثة مسؤولين أميركيين، بحسب وكالة أسوشيتد برس."
    us = mention(text, "مسؤولين أميركيين", "US")
    found = find_statements(text, mentions=[us], lexicon=lex)
    assert [(s.verb, s.speaker_actor, text[s.start : s.end]) for s in found] == [("وفقا", "US", "وقتل 12 مقاتلا في الغارة")]
    agency = "وقتل 12 مقاتلا في الغارة، بحسب وكالة أسوشيتد برس."
    assert [s.speaker_actor for s in find_statements(agency, mentions=[], lexicon=lex)] == ["MEDIA"]


def test_a_relay_inside_the_speaker_is_resolved_on_its_source(lex):
    text = "وذكرت وكالة رويترز نقلا عن مسؤول أمريكي أن الطائرات عادت. وذكرت وكالة رويترز أن الطقس سيئ."
    us = mention(text, "مسؤول أمريكي", "US")
    assert [s.speaker_actor for s in find_statements(text, mentions=[us], lexicon=lex)] == ["US", "MEDIA"]


# --- nisba and genitive speaker noun phrases (actor lexicon) -----------------------------------------------------

@pytest.mark.parametrize(("text", "actor"), [
    ("وقالت مصادر روسية إن موسكو تدرس العرض.", "RUSSIA"),
    ("وقال مصدر في الخارجية الروسية إن موسكو تدرس العرض.", "RUSSIA"),
    ("وقال مسؤولون بالإدارة الأمريكية إن واشنطن تدرس العرض.", "US"),
    ("وقال دبلوماسي أميركي إن واشنطن تدرس العرض.", "US"),
    ("وقال مواطن روسي إن الأسعار ارتفعت.", UNKNOWN),  # a citizen is no speaker head: not the state
    ("وقالت صحيفة روسية إن موسكو تدرس العرض.", "MEDIA"),  # media with a nisba are media
    ("وقال شهود عيان إن القصف استمر.", UNKNOWN),
    ("وقال المسؤول الكردي البارز إن الاتفاق قريب.", "SDF"),  # a form of the nisba the lexicon does not generate
    ("وقال مسؤول كردي عراقي إن الاتفاق قريب.", UNKNOWN),  # two nisbas of two actors: no guess
])
def test_a_speaker_head_with_an_actors_nisba_or_genitive_speaks_for_it(lex, text, actor):
    pytest.importorskip("analysis.actors")
    assert [s.speaker_actor for s in find_statements(text, lexicon=lex)] == [actor]


def test_the_nisba_table_comes_from_the_actor_lexicon():
    rules = speakers.load_rules(str(stance.DEFAULT_LEXICON))
    assert rules.nisba.get("روسيه") == "RUSSIA" or rules.nisba.get("روسية") == "RUSSIA"
    assert "مواطن" not in rules.heads


# --- NGO and MEDIA speakers --------------------------------------------------------------------------------------

def test_monitors_and_agencies_are_ngo_and_media_speakers(lex):
    text = ("قال المرصد السوري لحقوق الإنسان إن 30 مدنيا قتلوا.\n"
            "وقال مدير المرصد رامي عبد الرحمن إن الحصيلة مرشحة للارتفاع. وأوضح عبد الرحمن أن المستشفيات ممتلئة.\n"
            "وذكرت وكالة الأنباء السورية الرسمية أن الجيش تقدم.")
    assert [s.speaker_actor for s in find_statements(text, mentions=[], lexicon=lex)] == ["NGO", "NGO", "NGO", "MEDIA"]


def test_an_actor_named_before_a_class_word_and_an_actors_own_agency(lex):
    text = "وقال مسؤول أمريكي لوكالة رويترز إن القوات باقية. وقالت وكالة أعماق إن التنظيم نفذ الهجوم."
    ms = [mention(text, "مسؤول أمريكي", "US"), mention(text, "وكالة أعماق", "ISIS")]
    assert [s.speaker_actor for s in find_statements(text, mentions=ms, lexicon=lex)] == ["US", "ISIS"]


# --- mixed quotations -------------------------------------------------------------------------------------------

def test_a_quoted_fragment_inside_an_indirect_clause_makes_it_mixed(lex):
    text = 'وقال القائد إن الهجوم بدأ "لتطهير المناطق الشمالية" من المسلحين، وإن القوات "لن تتوقف".'
    found = find_statements(text, mentions=[], lexicon=lex)
    assert [s.quote_type for s in found] == ["mixed"]
    assert [text[a:b] for a, b in found[0].quoted_spans] == ["لتطهير المناطق الشمالية", "لن تتوقف"]
    row = stance._statement_row("d", found[0])
    assert row["quoted_spans"] == "|".join(f"{a}-{b}" for a, b in found[0].quoted_spans)


def test_a_quoted_name_leaves_the_clause_indirect_and_direct_speech_stays_direct(lex):
    text = 'وقال القائد إن القوات دخلت قرية "الحمرا" صباحا ثم انسحبت من "الحمرا". وأضاف: "لن نتراجع عن هدفنا".'
    found = find_statements(text, mentions=[], lexicon=lex)
    assert [(s.quote_type, s.quoted_spans) for s in found] == [("indirect", ()), ("direct", ())]
    assert stance._statement_row("d", found[0])["quoted_spans"] == ""


def test_according_to_content_with_quotation_marks_is_not_mixed(lex):
    text = 'وتحدثت الأطراف عن هجوم "محتمل" على المدينة، بحسب المرصد السوري لحقوق الإنسان.'
    assert [s.quote_type for s in find_statements(text, mentions=[], lexicon=lex)] == ["indirect"]


def test_a_quotation_never_closed_is_direct_speech_to_the_sentence_end(lex):
    text = 'وأضاف الوزير "الحرب الباردة انتهت منذ زمن طويل'
    found = find_statements(text, mentions=[], lexicon=lex)
    assert [(s.quote_type, text[s.start : s.end]) for s in found] == [("direct", "الحرب الباردة انتهت منذ زمن طويل")]
    assert find_statements("وأضاف الوزير الحرب الباردة انتهت منذ زمن طويل", mentions=[], lexicon=lex) == []


def test_a_subjectless_verb_with_nothing_to_continue_takes_the_person_opening_the_sentence(lex):
    text = 'وفي المؤتمر سئل ترامب عن الاتفاق النووي.\nفأجاب "لا أعرف بعد".'
    us = mention(text, "ترامب", "US", "person")
    assert [s.speaker_actor for s in find_statements(text, mentions=[us], lexicon=lex)] == ["US"]
    late = 'ووصلت في وقت متأخر من الليل إلى المطار رسالة من ترامب.\nفأجاب "لا أعرف بعد".'
    us = mention(late, "ترامب", "US", "person")
    assert [s.speaker_actor for s in find_statements(late, mentions=[us], lexicon=lex)] == [UNKNOWN]


def test_a_repeated_definite_description_refers_back_to_the_fuller_mention(lex):
    text = ("وقال وزير الخارجية التركي إن الحوار مستمر.\nسطر.\nسطر.\nسطر.\n"
            "وقال وزير الخارجية إن الاتصالات جارية. وقالت مصادر في الخارجية إن الوفد جاهز.")
    tr = mention(text, "وزير الخارجية التركي", "TURKEY")
    assert [s.speaker_actor for s in find_statements(text, mentions=[tr], lexicon=lex)] == ["TURKEY"] * 3
    # an indefinite phrase describes no one in particular
    other = "وقال وزير الخارجية التركي إن الحوار مستمر.\nسطر.\nسطر.\nسطر.\nوقال مصدر عسكري إن الوفد جاهز."
    tr = mention(other, "وزير الخارجية التركي", "TURKEY")
    assert [s.speaker_actor for s in find_statements(other, mentions=[tr], lexicon=lex)] == ["TURKEY", UNKNOWN]


def test_the_nearest_antecedent_wins_even_without_an_actor(lex):
    text = ("قالت وزارة الدفاع الروسية إن الطائرات عادت.\nوقالت وزارة الدفاع البلجيكية إن طائراتها لم تشارك.\n"
            "وأضافت الوزارة في بيان أن التحقيق جار.")
    ru = mention(text, "وزارة الدفاع الروسية", "RUSSIA")
    assert [s.speaker_actor for s in find_statements(text, mentions=[ru], lexicon=lex)] == ["RUSSIA", UNKNOWN, UNKNOWN]


def test_the_genitive_of_an_indefinite_role_is_no_name(lex):
    text = ("قال المتحدث باسم البنتاغون جون فرنسا إن الغارات مستمرة.\nسطر.\nسطر.\nسطر.\n"
            "وقال ممثل فرنسا إن الحل سياسي. وقال فرنسا إن الغارات توقفت.")
    us = mention(text, "البنتاغون", "US", "metonym")
    assert [s.speaker_actor for s in find_statements(text, mentions=[us], lexicon=lex)] == ["US", UNKNOWN, "US"]


def test_a_name_in_apposition_after_a_feminine_role_is_registered(lex):
    text = ("وقالت السفيرة الأمريكية، نيكول هارتلي، إن واشنطن ستصوت ضد القرار.\n"
            "وأضافت هارتلي أن المشاورات مستمرة.\n"
            "وقال الجيش الأمريكي، الأربعاء، إن الغارات مستمرة. وقال الأربعاء إن القوات انسحبت.")
    us = [mention(text, "السفيرة الأمريكية", "US"), mention(text, "الجيش الأمريكي", "US")]
    found = find_statements(text, mentions=us, lexicon=lex)
    assert [s.speaker_actor for s in found][:3] == ["US", "US", "US"]
    resolver = speakers.Resolver(stance._Doc(text, *_prepared(text), us, lex, speakers.load_rules(str(stance.DEFAULT_LEXICON))),
                                 speakers.load_rules(str(stance.DEFAULT_LEXICON)))
    assert "هارتلي" in resolver.names and "الأربعاء" not in resolver.names


def _prepared(text):
    from analysis.normalize import normalize
    from analysis.segment import segment
    return normalize(text), segment(text)


def test_the_latter_is_the_person_named_last(lex):
    text = "التقى أردوغان بوتين في سوتشي، وقال الأخير إن المحادثات بناءة."
    ms = [mention(text, "أردوغان", "TURKEY", "person"), mention(text, "بوتين", "RUSSIA", "person")]
    assert [s.speaker_actor for s in find_statements(text, mentions=ms, lexicon=lex)] == ["RUSSIA"]
    none = "وقال الأخير إن المحادثات بناءة."
    assert [s.speaker_actor for s in find_statements(none, mentions=[], lexicon=lex)] == [UNKNOWN]


def test_a_new_sentence_with_its_own_subject_is_not_the_previous_speaker(lex):
    text = ('وقالت وكالة سانا إن القوات تقدمت. بالمقابل، أصدرت قوات سوريا الديمقراطية بيانا، أكدت فيه أن '
            'القوات استهدفت مواقعها.')
    ms = [mention(text, "قوات سوريا الديمقراطية", "SDF", "name")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("قالت", "MEDIA"), ("أكدت", "SDF")]


def test_an_actor_after_a_preposition_or_in_the_same_sentence_leaves_the_continuation_alone(lex):
    after_prep = "قال وزير الدفاع التركي إن العملية مستمرة. وردا على روسيا، أكد أن القوات باقية."
    ms = [mention(after_prep, "وزير الدفاع التركي", "TURKEY"), mention(after_prep, "روسيا", "RUSSIA", "name")]
    assert [a for _, a in actors(after_prep, find_statements(after_prep, mentions=ms, lexicon=lex))] == ["TURKEY", "TURKEY"]
    same = "قال وزير الدفاع التركي إن القوات الروسية انسحبت، مضيفا أن العملية مستمرة."
    ms = [mention(same, "وزير الدفاع التركي", "TURKEY"), mention(same, "القوات الروسية", "RUSSIA")]
    assert [a for _, a in actors(same, find_statements(same, mentions=ms, lexicon=lex))] == ["TURKEY", "TURKEY"]


def test_a_non_governmental_organisation_is_an_ngo_speaker(lex):
    text = 'وأعلنت منظمة "اير وورز" غير الحكومية أن ستة آلاف مدني قتلوا.'
    assert [s.speaker_actor for s in find_statements(text, mentions=[], lexicon=lex)] == ["NGO"]


def test_a_one_word_quotation_inside_the_outlets_clause_is_a_term_not_speech(lex):
    for text in ('الخارجية الأميركية تكشف "خطوات" مواجهة النظام الإيراني',
                 'وأشار المرصد إلى "انفجارات" في جنوب شرق صحراء تدمر.',
                 'وأكدت الوزارة "نجاح" الضربات التي شنتها المقاتلات.'):
        assert find_statements(text, mentions=[], lexicon=lex) == [], text
    ends = 'وقال الوزير "لا". ثم غادر القاعة.'
    assert [(s.quote_type, ends[s.start:s.end]) for s in find_statements(ends, mentions=[], lexicon=lex)] == [("direct", "لا")]
    longer = 'وقال الوزير "سنرد بقوة" في حال استمر القصف.'
    assert [s.quote_type for s in find_statements(longer, mentions=[], lexicon=lex)] == ["direct"]


def test_written_and_disclosed_statements_and_role_anaphors(lex):
    text = ('وكشف مسؤول أمريكي أن القوات ستنسحب. وكتب ترامب على تويتر "سنعود قريبا". وأورد البيان أن الغارات '
            'مستمرة.')
    ms = [mention(text, "مسؤول أمريكي", "US"), mention(text, "ترامب", "US", "person")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("كشف", "US"), ("كتب", "US"), ("أورد", "US")]
    assert find_statements("وكتب الصحفي مقالا عن الحرب. وكشف الهجوم عن ضعف الدفاعات.", mentions=[], lexicon=lex) == []
    chief = "وقال قائد قوات سوريا الديمقراطية إن المعركة ستطول. وقال القائد إن المقاتلين جاهزون."
    ms = [mention(chief, "قوات سوريا الديمقراطية", "SDF", "name")]
    assert [a for _, a in actors(chief, find_statements(chief, mentions=ms, lexicon=lex))] == ["SDF", "SDF"]


def test_a_person_made_the_subject_since_the_last_statement_is_continued(lex):
    text = ('وقال بوتين إن روسيا لم تتدخل.\nوفي مؤتمر صحفي بعد القمة، سئل ترامب عما إذا كان يصدق الاستخبارات.\n'
            'فأجاب "لا أرى أي مبرر لذلك".')
    ms = [mention(text, "بوتين", "RUSSIA", "person"), mention(text, "ترامب", "US", "person")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["RUSSIA", "US"]
    # an actor that is no person (a state acting) does not take over the continuation
    acted = "وقال بوتين إن روسيا لم تتدخل.\nوقصفت الولايات المتحدة مواقع في سوريا.\nوأضاف أن موسكو سترد."
    ms = [mention(acted, "بوتين", "RUSSIA", "person"), mention(acted, "الولايات المتحدة", "US", "name")]
    assert [a for _, a in actors(acted, find_statements(acted, mentions=ms, lexicon=lex))] == ["RUSSIA", "RUSSIA"]


def test_a_call_with_the_callers_quoted_words_is_a_statement(lex):
    text = 'ودعا وزير الخارجية الروسي "جميع القوات غير السورية إلى مغادرة الجنوب السوري".'
    ms = [mention(text, "وزير الخارجية الروسي", "RUSSIA")]
    assert [(s.verb, s.speaker_actor, s.quote_type) for s in find_statements(text, mentions=ms, lexicon=lex)] == [
        ("دعا", "RUSSIA", "direct")]
    assert find_statements("ودعا الوزير إلى وقف القتال في المدينة.", mentions=[], lexicon=lex) == []


def test_a_name_opening_or_ending_a_speaker_span_with_its_role_is_registered(lex):
    text = ("وقال جيا فرات قائد قوات سوريا الديمقراطية في دير الزور إن المعركة بدأت. وأضاف فرات أن المقاتلين تقدموا.\n"
            "وقال ريزان حدو المستشار الإعلامي لوحدات حماية الشعب إن الهجوم صد. وتابع حدو أن الحوار ممكن.")
    ms = [mention(text, "قوات سوريا الديمقراطية", "SDF", "name"), mention(text, "وحدات حماية الشعب", "SDF", "name")]
    found = find_statements(text, mentions=ms, lexicon=lex)
    assert [(text[s.speaker_start:s.speaker_end], s.speaker_actor) for s in found][1::2] == [("فرات", "SDF"), ("حدو", "SDF")]
    # "فرات" is a name here, not the verb رأت with a proclitic
    assert [s.verb for s in found] == ["قال", "أضاف", "قال", "تابع"]
    # a name that is the object of an actor's act is still not registered
    obj = "وانتقدت الولايات المتحدة كارل جونسون. وقال جونسون إن الانتقاد ظالم."
    ms = [mention(obj, "الولايات المتحدة", "US", "name")]
    assert [s.speaker_actor for s in find_statements(obj, mentions=ms, lexicon=lex)] == [UNKNOWN]


def test_a_headline_in_two_parts_has_its_colon_label_after_the_break(lex):
    text = "مقتل 7 في تفجير مسجد بأفغانستان.. وداعش: استهدفنا تجمعا للشيعة\nسقط 7 قتلى على الأقل."
    ms = [mention(text, "داعش", "ISIS", "name")]
    found = find_statements(text, mentions=ms, lexicon=lex)
    assert [(s.verb, s.speaker_actor, text[s.speaker_start:s.speaker_end]) for s in found] == [(":", "ISIS", "داعش")]
    # without an actor after the break the label is a topic, not a speaker
    topic = "مقتل 7 في تفجير مسجد بأفغانستان.. التفاصيل: سقط 7 قتلى على الأقل في الهجوم\nنص."
    assert find_statements(topic, mentions=[], lexicon=lex) == []


def test_an_institution_anaphor_with_an_actors_nisba_is_that_actor(lex):
    text = "وقالت المنظمة الأممية إن التعيين هو الأول من نوعه."
    assert [s.speaker_actor for s in find_statements(text, mentions=[], lexicon=lex)] == ["UN"]
    bare = "وقالت المنظمة إن التعيين هو الأول من نوعه."
    assert [s.speaker_actor for s in find_statements(bare, mentions=[], lexicon=lex)] == [UNKNOWN]


def test_a_link_line_is_continued_by_no_one(lex):
    from analysis.boilerplate import Span
    from analysis.normalize import normalize
    from analysis.segment import segment
    from analysis.stance.analyzer import _analyze

    text = ('وقال لافروف "نحن مهتمون بالتحقيق".\nللمزيد: ضربات جوية تستهدف مطار التيفور وواشنطن تنفي تنفيذها\n'
            'وتابع "لا يمكن أن نثق بنتائج تحقيقات تجري عن بعد".')
    ms = [mention(text, "لافروف", "RUSSIA", "person"), mention(text, "واشنطن", "US", "metonym")]
    start = text.index("للمزيد")
    link = Span(start, text.index("\n", start), "link", "link")
    rules = speakers.load_rules(str(stance.DEFAULT_LEXICON))

    def speakers_of(furniture):
        found, _ = _analyze(text, normalize(text), segment(text), ms, lex, rules, furniture=furniture)
        return [s.speaker_actor for s in found]

    assert speakers_of([link]) == ["RUSSIA", "RUSSIA"]
    assert speakers_of([]) == ["RUSSIA", "US"]  # read as text, the line's subject would be continued


def test_a_reporting_verb_in_mid_clause_is_a_noun_and_announces_nothing(lex):
    text = ('وأكد مصدر أنه لا تواصل. وانتقد المتحدث باسم الرئاسة الروسية وصف الرئيس الأمريكي للأسد، مؤكدا أن الأسد '
            'هو الرئيس الشرعي.')
    ms = [mention(text, "الرئاسة الروسية", "RUSSIA"), mention(text, "الرئيس الأمريكي", "US")]
    assert "US" not in [s.speaker_actor for s in find_statements(text, mentions=ms, lexicon=lex)]
    opening = 'وأعلن البنتاغون مقتل قيادي. وقال في بيان إن العملية نجحت.'
    ms = [mention(opening, "البنتاغون", "US", "metonym")]
    assert [s.speaker_actor for s in find_statements(opening, mentions=ms, lexicon=lex)] == ["US"]


def test_a_participle_after_a_quotation_continues_the_speaker(lex):
    text = 'وأضاف لافروف "ليتمكن المحققون من عملهم"، عليهم "التوجه إلى المكان"، مؤكدا قدرة القوات الروسية على حمايتهم.'
    ms = [mention(text, "لافروف", "RUSSIA", "person"), mention(text, "القوات الروسية", "RUSSIA")]
    found = find_statements(text, mentions=ms, lexicon=lex)
    assert [s.verb for s in found] == ["أضاف"]


def test_a_verb_joined_to_a_relative_clause_shares_its_subject(lex):
    text = ("ودعمت واشنطن وحدات حماية الشعب الكردية التي تعتبرها تركيا منظمة إرهابية وتقول إنها امتداد لحزب "
            "العمال الكردستاني.")
    ms = [mention(text, "واشنطن", "US", "metonym"), mention(text, "وحدات حماية الشعب الكردية", "SDF", "name"),
          mention(text, "تركيا", "TURKEY", "name")]
    assert [s.speaker_actor for s in find_statements(text, mentions=ms, lexicon=lex)] == ["TURKEY"]
    # inside another speaker's content the relative clause's subject is not the new speaker
    inner = "وقال وزير الخارجية الروسي إن القوات التي تدعمها واشنطن تنسحب وأضاف أن الحل سياسي."
    ms = [mention(inner, "وزير الخارجية الروسي", "RUSSIA"), mention(inner, "واشنطن", "US", "metonym")]
    assert [s.speaker_actor for s in find_statements(inner, mentions=ms, lexicon=lex)] == ["RUSSIA", "RUSSIA"]


def test_an_svo_subject_without_its_auxiliaries_and_circumstantials_refers_back(lex):
    text = "وأكد مسؤولون أمريكيون أن القوات باقية. وكان المسؤولون في البداية قد قالوا إن الانسحاب ممكن."
    ms = [mention(text, "مسؤولون أمريكيون", "US")]
    found = find_statements(text, mentions=ms, lexicon=lex)
    assert [(text[s.speaker_start:s.speaker_end], s.speaker_actor) for s in found] == [
        ("مسؤولون أمريكيون", "US"), ("المسؤولون في البداية", "US")]


def test_according_to_what_he_said_continues_the_speaker_named_in_its_clause(lex):
    text = "نفى المتحدث باسم الكرملين ديمتري بيسكوف وجود تواصل مع إسرائيل بشأن الهجوم، وفقا لما قاله لـCNN."
    ms = [mention(text, "الكرملين", "RUSSIA", "metonym"), mention(text, "ديمتري بيسكوف", "RUSSIA", "person")]
    assert [(s.verb, s.speaker_actor) for s in find_statements(text, mentions=ms, lexicon=lex)] == [("وفقا", "RUSSIA")]
    # the verb after لما with its object pronoun is skipped: the source phrase is the speaker
    named = "وقتل 20 مدنيا في القصف، وفقا لما قاله مسؤول روسي لوكالة تاس."
    ms = [mention(named, "مسؤول روسي", "RUSSIA")]
    assert [(named[s.speaker_start:s.speaker_end], s.speaker_actor)
            for s in find_statements(named, mentions=ms, lexicon=lex)] == [("مسؤول روسي", "RUSSIA")]
    assert find_statements("وسيجري التصويت وفقا لما ينص عليه القانون.", mentions=[], lexicon=lex) == []


def test_a_reporting_verb_inside_quoted_words_is_part_of_that_speech(lex):
    text = 'وقالت المتحدثة باسم الخارجية الأمريكية في بيان "راجعت الإدارة المسألة بحرص وخلصت إلى أن الولايات المتحدة لن تقدم مساهمات".'
    ms = [mention(text, "الخارجية الأمريكية", "US")]
    assert [(s.verb, s.quote_type) for s in find_statements(text, mentions=ms, lexicon=lex)] == [("قالت", "direct")]
    outside = 'وقالت المتحدثة "لن نقدم مساهمات". وخلصت الوزارة إلى أن الوكالة معيبة.'
    assert [s.verb for s in find_statements(outside, mentions=[], lexicon=lex)] == ["قالت", "خلصت"]


def test_a_class_phrase_is_found_after_a_proclitic_and_with_lil_for_al_but_not_inside_a_longer_word(lex):
    """Speaker-class phrases are looked up by their first word: as written, after a noun proclitic (بالتلفزيون),
    or with لل read as ال (للمرصد); a longer word that starts like a class word (المرصديون) is none."""
    cases = [("وقتل 20 مدنيا في غارات على الرقة، وفقا للمرصد السوري لحقوق الإنسان.", ["NGO"]),
             ("وذكرت بالتلفزيون الرسمي أن الجيش تقدم.", ["MEDIA"]),
             ("وقال مدير المرصد إن الحصيلة مرتفعة.", ["NGO"]),
             ("وقال المرصديون إن الجيش تقدم.", [UNKNOWN])]
    for text, expected in cases:
        assert [s.speaker_actor for s in find_statements(text, mentions=[], lexicon=lex)] == expected, text


# --- subjects between a statement and its continuation -------------------------------------------------------

def test_someone_named_by_a_role_since_the_last_statement_is_not_continued_as_that_speaker(lex):
    text = ("قال وزير الخارجية الأمريكي إن التمويل سيتوقف.\n"
            "في المقابل، انتقد أمين سر اللجنة التنفيذية صائب عريقات، القرار ووصفه بالمجحف.\n"
            'وقال في بيان "نرفض هذا القرار".')
    ms = [mention(text, "وزير الخارجية الأمريكي", "US")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["US", UNKNOWN]
    # the role's actor when the subject names one, up to its first actor ("... الاتحاد الأوروبي رسالة لبوتين")
    named = ("قال وزير الخارجية الأمريكي إن التمويل سيتوقف.\n"
             "وبعث رئيس مفوضية الاتحاد الأوروبي رسالة تهنئة لبوتين.\nوقال في الرسالة إن التعاون سيستمر.")
    ms = [mention(named, "وزير الخارجية الأمريكي", "US"), mention(named, "الاتحاد الأوروبي", "EU", "name"),
          mention(named, "بوتين", "RUSSIA", "person")]
    assert [a for _, a in actors(named, find_statements(named, mentions=ms, lexicon=lex))] == ["US", "EU"]


def test_a_definite_role_since_the_last_statement_refers_back_to_its_speaker(lex):
    text = ("قال متحدث باسم الجيش الإسرائيلي إن القوات في حالة تأهب.\n"
            "وناشد المتحدث سكان الجولان البقاء قرب الملاجئ.\nوأكد أن الجيش مستعد.")
    ms = [mention(text, "الجيش الإسرائيلي", "ISRAEL", "name")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["ISRAEL", "ISRAEL"]


def test_a_clause_opened_by_a_circumstantial_phrase_keeps_its_own_subject(lex):
    text = ("قال وزير الدفاع التركي إن العملية مستمرة.\n"
            "وفي وقت سابق، لمح وزير الخارجية الروسي سيرغي لافروف إلى ضرورة الانسحاب، مشيرا إلى أن القوات باقية.")
    ms = [mention(text, "وزير الدفاع التركي", "TURKEY"),
          mention(text, "وزير الخارجية الروسي سيرغي لافروف", "RUSSIA", "person")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["TURKEY", "RUSSIA"]
    # a circumstantial phrase without a subject after it leaves the continuation alone
    bare = "قال وزير الدفاع التركي إن العملية مستمرة.\nوفي وقت سابق، أكد أن القوات باقية."
    ms = [mention(bare, "وزير الدفاع التركي", "TURKEY")]
    assert [a for _, a in actors(bare, find_statements(bare, mentions=ms, lexicon=lex))] == ["TURKEY", "TURKEY"]


def test_an_anaphor_with_a_relative_clause_after_a_comma_refers_back(lex):
    text = ("قالت مصادر أمريكية إن الهجوم استخدم فيه غاز سام.\n"
            "وقالت المصادر، التي لم تصل إلى حد توجيه اتهام، إن التحقيق مستمر.")
    assert [a for _, a in actors(text, find_statements(text, mentions=[], lexicon=lex))] == ["US", "US"]
    alone = "وقالت المصادر، التي لم تصل إلى حد توجيه اتهام، إن التحقيق مستمر."
    assert [a for _, a in actors(alone, find_statements(alone, mentions=[], lexicon=lex))] == [UNKNOWN]


def test_a_nisba_after_a_comma_is_not_the_speaker_heads(lex):
    own = "وقال مصدر روسي لصحيفة محلية إن الاتفاق قريب."
    assert [a for _, a in actors(own, find_statements(own, mentions=[], lexicon=lex))] == ["RUSSIA"]
    other = "وقال مسؤول، متهما الجيش الروسي، إن الاتفاق انهار."
    assert [a for _, a in actors(other, find_statements(other, mentions=[], lexicon=lex))] == [UNKNOWN]


def test_the_quoted_source_of_an_according_to_clause_is_no_direct_speech(lex):
    text = 'واستبعد رئيس الوزراء الإسرائيلي أن تحد روسيا من العمليات، بحسب ما أوردت "رويترز".'
    ms = [mention(text, "رئيس الوزراء الإسرائيلي", "ISRAEL")]
    found = find_statements(text, mentions=ms, lexicon=lex)
    assert not [s for s in found if s.verb == "أوردت"]
    # a reporting verb with its own quoted words after ما is still speech ("كما قال: "...")
    speech = 'وقال ما نصه "إن القوات ستبقى في مواقعها حتى نهاية العام".'
    assert [s.quote_type for s in find_statements(speech, mentions=[], lexicon=lex)] == ["direct"]


def test_an_according_to_lead_starts_after_its_dateline(lex):
    from analysis.boilerplate import Span
    from analysis.normalize import normalize
    from analysis.segment import segment
    from analysis.stance.analyzer import _analyze

    text = ("موسكو، روسيا (CNN) – نفى المتحدث باسم الرئاسة الروسية، ديميتري بيسكوف، وجود أي اتصال مع إسرائيل، "
            "وفقا لما قاله لـCNN.")
    ms = [mention(text, "الرئاسة الروسية", "RUSSIA"), mention(text, "ديميتري بيسكوف", "RUSSIA", "person")]
    dateline = Span(0, text.index("–") + 1, "cnn_dateline", "dateline")
    rules = speakers.load_rules(str(stance.DEFAULT_LEXICON))

    def starts(furniture):
        found, _ = _analyze(text, normalize(text), segment(text), ms, lex, rules, furniture=furniture)
        return [(text[s.start:s.start + 3], s.speaker_actor) for s in found]

    assert starts([dateline]) == [("نفى", "RUSSIA")]
    # unknown as furniture, the dateline is read as the lead's first words: no subject opens the clause
    assert starts([]) == [("موس", UNKNOWN)]


def test_a_name_in_apposition_after_the_roles_modifiers_is_registered(lex):
    text = ("أكد المبعوث الأميركي الخاص لإيران، برايان هوك، الثلاثاء، في حديث لقناة محلية، أن العقوبات مستمرة.\n"
            "وقال شهود عيان إن القصف عنيف.\nوأضاف هوك أن الضغط سيزداد.")
    ms = [mention(text, "المبعوث الأميركي", "US")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["US", UNKNOWN, "US"]
    # a modifier without a name in apposition after it registers no one
    none = ("أكد المبعوث الأميركي الخاص لإيران أن العقوبات مستمرة.\n"
            "وقال شهود عيان إن القصف عنيف.\nوأضاف هوك أن الضغط سيزداد.")
    ms = [mention(none, "المبعوث الأميركي", "US")]
    assert [a for _, a in actors(none, find_statements(none, mentions=ms, lexicon=lex))] == ["US", UNKNOWN, UNKNOWN]


def test_a_relative_date_after_the_verb_is_no_subject(lex):
    text = "وكان وزير الخارجية الأمريكي قد قال الشهر الماضي إن القوات ستبقى."
    ms = [mention(text, "وزير الخارجية الأمريكي", "US")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["US"]
    # a subject after the date is still the subject
    named = "وقال الشهر الماضي وزير الخارجية الأمريكي إن القوات ستبقى."
    ms = [mention(named, "وزير الخارجية الأمريكي", "US")]
    found = find_statements(named, mentions=ms, lexicon=lex)
    assert [(named[s.speaker_start:s.speaker_end], s.speaker_actor) for s in found] == [
        ("الشهر الماضي وزير الخارجية الأمريكي", "US")]


def test_an_anaphor_followed_by_an_anonymity_clause_refers_back(lex):
    for clause in ("الذي طلب عدم نشر اسمه", "شريطة عدم الإفصاح عن هويته"):
        text = f"وقال مسؤول أمريكي إن الطائرة أسقطت.\nوقال المسؤول {clause} إن الجيش في حالة تأهب."
        assert [a for _, a in actors(text, find_statements(text, mentions=[], lexicon=lex))] == ["US", "US"]
        alone = f"وقال المسؤول {clause} إن الجيش في حالة تأهب."
        assert [a for _, a in actors(alone, find_statements(alone, mentions=[], lexicon=lex))] == [UNKNOWN]


# --- subjects found from the clause (participles, topics, كان, titles) -----------------------------------------

def test_a_participle_right_after_a_verbs_subject_continues_that_subject(lex):
    text = "فيما هددت موسكو بالرد غرد الرئيس الأمريكي دونالد ترامب قائلا إن الصواريخ قادمة."
    ms = [mention(text, "موسكو", "RUSSIA", "metonym"), mention(text, "الرئيس الأمريكي", "US"),
          mention(text, "دونالد ترامب", "US", "person")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("قائلا", "US")]
    # a mid-clause masdar whose genitive is not followed by the participle announces nothing
    noun = "انتقدت موسكو وصف الرئيس الأمريكي للهجوم، مؤكدة أن الرد قادم."
    ms = [mention(noun, "موسكو", "RUSSIA", "metonym"), mention(noun, "الرئيس الأمريكي", "US")]
    assert [a for _, a in actors(noun, find_statements(noun, mentions=ms, lexicon=lex))] != ["US"]


def test_a_time_word_then_a_place_after_the_verb_is_no_subject(lex):
    text = "قال وزير الخارجية الأمريكي إن الجولة بدأت. وقال الجمعة في مقر الحلف الأطلسي إن المعنويات عالية."
    ms = [mention(text, "وزير الخارجية الأمريكي", "US"), mention(text, "الحلف الأطلسي", "NATO", "name")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("قال", "US"), ("قال", "US")]
    named = "وقال الجمعة وزير الخارجية التركي إن المعنويات عالية."
    tr = mention(named, "وزير الخارجية التركي", "TURKEY")
    assert actors(named, find_statements(named, mentions=[tr], lexicon=lex)) == [("قال", "TURKEY")]


def test_a_person_made_the_subject_since_continues_them_when_the_statement_is_far(lex):
    text = ("قال بومبيو إن الجولة بدأت.\nسطر.\nسطر آخر.\nسطر ثالث.\n"
            "وحرص بومبيو على مباشرة العمل.\nلكنه وعد بلقاء الموظفين.\nوقال إن المعنويات عالية.")
    ms = [mention(text, "بومبيو", "US", "person"), mention(text, "بومبيو", "US", "person", nth=1)]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["US", "US"]


def test_a_topic_before_fa_is_the_subject_of_its_comment(lex):
    text = "أما مستشار الأمن القومي الأميركي، الجنرال هربرت مكماستر، فقد أكد أن إيران تنقل السلاح. وأضاف مكماستر أن الشحنات مستمرة."
    assert actors(text, find_statements(text, mentions=[], lexicon=lex)) == [("أكد", "US"), ("أضاف", "US")]
    # a place as the topic is no subject: the previous speaker goes on
    place = "قال المتحدث الروسي إن الهدنة صامدة. أما في الشمال، فقد أكد أن المعارك مستمرة."
    ru = mention(place, "المتحدث الروسي", "RUSSIA")
    assert actors(place, find_statements(place, mentions=[ru], lexicon=lex)) == [("قال", "RUSSIA"), ("أكد", "RUSSIA")]


def test_a_name_after_a_title_in_apposition_is_registered_only_for_a_known_actor(lex):
    text = "وقال مستشار الأمن القومي الأميركي، الجنرال هربرت مكماستر، إن إيران تنقل السلاح. وأضاف مكماستر أن الشحنات مستمرة."
    assert [a for _, a in actors(text, find_statements(text, mentions=[], lexicon=lex))] == ["US", "US"]
    unknown = "وقال المستشار السابق، الجنرال هربرت مكماستر، إن إيران تنقل السلاح. وأضاف مكماستر أن الشحنات مستمرة."
    assert [a for _, a in actors(unknown, find_statements(unknown, mentions=[], lexicon=lex))] == [UNKNOWN, UNKNOWN]


def test_a_subject_after_kana_cut_by_apposition_commas(lex):
    text = "وقال مراقبون إن النتائج ستعلن قريبا. وكان مسؤول عراقي بارز، قد أعلن، مساء السبت، أن الفرز سيعاد يدويا."
    assert actors(text, find_statements(text, mentions=[], lexicon=lex)) == [("قال", UNKNOWN), ("أعلن", "IRAQ")]
    # an actor after كان is the subject, the country after the verb its object
    obj = "وكانت الولايات المتحدة حذرت سوريا الأسبوع الماضي من أنها ستتخذ إجراءات صارمة."
    us = mention(obj, "الولايات المتحدة", "US", "name")
    assert actors(obj, find_statements(obj, mentions=[us], lexicon=lex)) == [("حذرت", "US")]
    # كان قد with no subject between continues the previous speaker
    cont = "قال المتحدث الروسي إن الهدنة صامدة. وكان قد أكد أن القوات انسحبت."
    ru = mention(cont, "المتحدث الروسي", "RUSSIA")
    assert actors(cont, find_statements(cont, mentions=[ru], lexicon=lex)) == [("قال", "RUSSIA"), ("أكد", "RUSSIA")]


def test_a_reporting_verb_form_after_a_noun_of_absence_is_a_masdar(lex):
    text = "وأضاف المسؤول الروسي الذي فضل عدم ذكر اسمه أن القوات انسحبت."
    ru = mention(text, "المسؤول الروسي", "RUSSIA")
    assert actors(text, find_statements(text, mentions=[ru], lexicon=lex)) == [("أضاف", "RUSSIA")]
    verb = "وغادر الوزير الروسي دون أن يذكر أن المحادثات فشلت."
    ru = mention(verb, "الوزير الروسي", "RUSSIA")
    assert "يذكر" in [v for v, _ in actors(verb, find_statements(verb, mentions=[ru], lexicon=lex))]


def test_a_country_name_left_as_a_place_speaks_for_its_state(lex):
    text = "ونفت سوريا أنها استعملت غاز الكلور في هجماتها."
    assert actors(text, find_statements(text, mentions=[], lexicon=lex)) == [("نفت", "SYRIAN_GOV")]
    place = "وقال مسؤول في سوريا إن الهجمات توقفت."
    assert actors(place, find_statements(place, mentions=[], lexicon=lex)) == [("قال", UNKNOWN)]


def test_an_anaphor_followed_by_a_time_word_refers_back(lex):
    text = "قالت منظمة حظر الأسلحة الكيميائية إن الفريق جاهز. وذكرت المنظمة الدولية الخميس أن الفريق توجه إلى سوريا."
    op = mention(text, "منظمة حظر الأسلحة الكيميائية", "OPCW", "name")
    assert [a for _, a in actors(text, find_statements(text, mentions=[op], lexicon=lex))] == ["OPCW", "OPCW"]
    alone = "وذكرت المنظمة الخميس أن الفريق توجه إلى سوريا."
    assert [a for _, a in actors(alone, find_statements(alone, mentions=[], lexicon=lex))] == [UNKNOWN]


def test_forces_with_an_adjective_before_their_nisba(lex):
    text = "وأوضحت القوات المشتركة العراقية أن العملية مستمرة."
    assert actors(text, find_statements(text, mentions=[], lexicon=lex)) == [("أوضحت", "IRAQ")]
    bare = "وأوضحت القوات المشتركة أن العملية مستمرة."
    assert actors(bare, find_statements(bare, mentions=[], lexicon=lex)) == [("أوضحت", UNKNOWN)]


def test_the_institution_after_bism_refers_back(lex):
    text = "قالت مفوضية الأمم المتحدة لشؤون اللاجئين إن العودة غير آمنة. ونفى الناطق باسم المفوضية في جنيف أن تكون تعرقل العودة."
    un = mention(text, "مفوضية الأمم المتحدة لشؤون اللاجئين", "UN", "name")
    assert [a for _, a in actors(text, find_statements(text, mentions=[un], lexicon=lex))] == ["UN", "UN"]
    alone = "ونفى الناطق باسم المفوضية في جنيف أن تكون تعرقل العودة."
    assert [a for _, a in actors(alone, find_statements(alone, mentions=[], lexicon=lex))] == [UNKNOWN]


def test_a_family_name_with_the_article_after_a_given_name_is_registered(lex):
    text = "نفى الأردن، على لسان المتحدث باسم الحكومة، محمد المومني، أن تكون الصواريخ انطلقت من أراضيه. وقال المومني إن الأخبار كاذبة."
    jo = mention(text, "الأردن", "JORDAN", "name")
    assert [a for _, a in actors(text, find_statements(text, mentions=[jo], lexicon=lex))] == ["JORDAN", "JORDAN"]
    alone = "وقال المومني إن الأخبار كاذبة."
    assert [a for _, a in actors(alone, find_statements(alone, mentions=[], lexicon=lex))] == [UNKNOWN]
    # a Latin word (an outlet's name) is never registered as a person's name
    cnn = "قال بيان لوزارة الداخلية الأردنية وصل لموقع CNN إن التحقيق جار. وقال محلل الشؤون العسكرية في شبكة CNN إن الوضع صعب."
    jo = mention(cnn, "وزارة الداخلية الأردنية", "JORDAN")
    assert [a for _, a in actors(cnn, find_statements(cnn, mentions=[jo], lexicon=lex))][-1] == UNKNOWN


def test_a_registered_name_opening_a_sentence_since_is_continued(lex):
    text = ("وقال منسق الأمم المتحدة الإقليمي، بانوس مومتزيس، الاثنين إن الوضع كارثي.\nسطر.\nسطر آخر.\n"
            "وحض مومتزيس كل الأطراف على حماية المدنيين.\nوأضاف \"من الملح إنهاء المعاناة\".")
    un = mention(text, "الأمم المتحدة", "UN", "name")
    assert [a for _, a in actors(text, find_statements(text, mentions=[un], lexicon=lex))] == ["UN", "UN"]
    # without the name since, the statement three paragraphs back is too far to continue
    far = ("وقال منسق الأمم المتحدة الإقليمي، بانوس مومتزيس، الاثنين إن الوضع كارثي.\nسطر.\nسطر آخر.\n"
           "وحض الصليب الأحمر كل الأطراف على حماية المدنيين.\nوأضاف \"من الملح إنهاء المعاناة\".")
    un = mention(far, "الأمم المتحدة", "UN", "name")
    assert [a for _, a in actors(far, find_statements(far, mentions=[un], lexicon=lex))] == ["UN", UNKNOWN]


def test_an_in_inside_a_quoted_or_bracketed_name_is_no_complementizer(lex):
    text = 'نقلت قناة "سي إن بي سي" الأميركية عن مسؤول أمريكي قوله إن واشنطن تدرس توجيه ضربة.'
    found = find_statements(text, mentions=[], lexicon=lex)
    assert [(s.speaker_actor, text[s.start:s.end].split()[1]) for s in found] == [("US", "واشنطن")]
    paren = "نقلت قناة (إن.تي.في) عن وزير الخارجية التركي قوله إن تركيا ستشرف على الانسحاب."
    tr = mention(paren, "وزير الخارجية التركي", "TURKEY")
    assert actors(paren, find_statements(paren, mentions=[tr], lexicon=lex)) == [("نقلت", "TURKEY")]
    # a complementizer opening a quotation is still the start of the speech
    quoted = 'وقال وزير الخارجية التركي "إن القوات انسحبت".'
    tr = mention(quoted, "وزير الخارجية التركي", "TURKEY")
    assert [(s.speaker_actor, s.quote_type) for s in find_statements(quoted, mentions=[tr], lexicon=lex)] == [("TURKEY", "direct")]


def test_a_postposed_verb_before_qailan_has_no_subject_of_its_own(lex):
    text = 'وقال ترامب في ولاية جورجيا: "لا أعلم ما سيقولونه"، وأضاف قائلا: "لا أحد يدري إذا كان التقرير رسميا".'
    tr = mention(text, "ترامب", "US", "person")
    assert {a for _, a in actors(text, find_statements(text, mentions=[tr], lexicon=lex))} == {"US"}
    # a postposed verb with its own subject keeps it
    named = '"لا أعلم ما سيقولونه"، قال وزير الخارجية التركي، مضيفا أن التقرير لم يصل.'
    ms = [mention(named, "وزير الخارجية التركي", "TURKEY")]
    assert actors(named, find_statements(named, mentions=ms, lexicon=lex))[0] == ("قال", "TURKEY")


def test_sources_named_since_the_last_speaker_are_the_antecedent_of_the_same_sources(lex):
    text = ("وقال ممثل الولايات المتحدة بحسب المصادر نفسها إن الاتهامات خاطئة. وقال ممثل فرنسا بحسب المصادر عينها "
            "إن هذا تضليل. كما عبر أعضاء آخرون في مجلس الأمن، بحسب المصادر نفسها، عن وجهة نظر مغايرة.")
    ms = [mention(text, "الولايات المتحدة", "US", "name"), mention(text, "فرنسا", "FRANCE", "name")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["US", "FRANCE", UNKNOWN]
    # with no sources named since, "المصدر نفسه" is the previous speaker
    prev = "قال مصدر عسكري روسي إن القوات انسحبت. وأضاف المصدر نفسه أن الهدنة صامدة."
    ru = mention(prev, "روسي", "RUSSIA")
    assert [a for _, a in actors(prev, find_statements(prev, mentions=[ru], lexicon=lex))] == ["RUSSIA", "RUSSIA"]


# --- subjects cut by an apposition, long subjects of verbs of saying ---------------------------------------------

def test_an_apposition_between_commas_does_not_cut_the_subject_from_its_verb(lex):
    text = "قال ناشطون إن القصف مستمر. لكن وزير الدفاع الأمريكي، جون سميث، قال إن الوضع معقد."
    us = mention(text, "وزير الدفاع الأمريكي", "US")
    found = find_statements(text, mentions=[us], lexicon=lex)
    assert actors(text, found) == [("قال", UNKNOWN), ("قال", "US")]
    assert text[found[1].speaker_start:found[1].speaker_end] == "وزير الدفاع الأمريكي، جون سميث"
    nested = "وأفادت تقارير بأن المبعوث الروسي، إيفان بتروف، قال إن الاتفاق قريب."
    ru = mention(nested, "المبعوث الروسي", "RUSSIA")
    assert actors(nested, find_statements(nested, mentions=[ru], lexicon=lex)) == [("أفادت", UNKNOWN), ("قال", "RUSSIA")]
    # a place or a time between the commas is no apposition: the verb continues the previous speaker
    place = "قال ناشطون إن القصف مستمر. وقصفت الطائرات مواقع المعارضة، في ريف المدينة، قال إن الوضع معقد."
    assert [a for _, a in actors(place, find_statements(place, mentions=[], lexicon=lex))] == [UNKNOWN, UNKNOWN]
    clause = "قال وزير الدفاع الأمريكي إن القصف مستمر. ودمرت الغارات منازل، الأربعاء، قال إن الوضع معقد."
    us = mention(clause, "وزير الدفاع الأمريكي", "US")
    found = find_statements(clause, mentions=[us], lexicon=lex)
    assert [s.speaker_actor for s in found] == ["US", "US"] and found[1].speaker_start == found[0].speaker_start


def test_a_verb_of_saying_takes_a_long_subject_with_an_apposition(lex):
    text = ("وقال مندوب روسيا لدى الأمم المتحدة فاسيلي نيبينزيا، الذي كان يتحدث بعد جلسة مغلقة لمجلس الأمن الدولي "
            "في نيويورك مساء الخميس، للصحفيين إن المشروع لن يمر.")
    ru = mention(text, "مندوب روسيا", "RUSSIA")
    assert actors(text, find_statements(text, mentions=[ru], lexicon=lex)) == [("قال", "RUSSIA")]
    # a verb with a noun object keeps the short limit: the long gap holds its object, not a subject
    obj = ("وأكد الرئيس الروسي دعم موسكو للحكومة في حربها على الجماعات المسلحة في الشمال والجنوب وفي كل المناطق "
           "الأخرى، وشدد على أن الحل سياسي.")
    ru = mention(obj, "الرئيس الروسي", "RUSSIA")
    assert [s.verb for s in find_statements(obj, mentions=[ru], lexicon=lex)] == ["شدد"]
    # without a comma the long gap is no subject either
    flat = ("وقال مندوب روسيا لدى الأمم المتحدة فاسيلي نيبينزيا بعد جلسة مغلقة لمجلس الأمن الدولي عقدت في نيويورك "
            "مساء الخميس بطلب من فرنسا إن المشروع لن يمر.")
    ru = mention(flat, "مندوب روسيا", "RUSSIA")
    assert find_statements(flat, mentions=[ru], lexicon=lex) == []


def test_a_name_after_a_role_with_a_prepositional_actor_modifier_is_registered(lex):
    text = "أكد المبعوث الأميركي الخاص لإيران، جون سميث، الثلاثاء، عزم واشنطن إخراج القوات.\nوشدد سميث على أن العقوبات مستمرة."
    ms = [mention(text, "المبعوث الأميركي", "US"), mention(text, "إيران", "IRAN"), mention(text, "واشنطن", "US")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("شدد", "US")]
    # a name in a new clause after the comma (the object of an act) speaks for no one
    other = "التقى المبعوث الأميركي الخاص لإيران، ثم زار كارل جونسون في منزله.\nوقال جونسون إن اللقاء كان مثمرا."
    ms = [mention(other, "المبعوث الأميركي", "US"), mention(other, "إيران", "IRAN")]
    assert actors(other, find_statements(other, mentions=ms, lexicon=lex)) == [("قال", UNKNOWN)]


def test_a_withheld_name_frames_no_statement_of_its_own(lex):
    text = "ونقلت رويترز عن المسؤول الأمريكي، الذي لم تعلن عن هويته، أن الجدول الزمني لم يحدد."
    us = mention(text, "المسؤول الأمريكي", "US")
    assert actors(text, find_statements(text, mentions=[us], lexicon=lex)) == [("نقلت", "US")]
    text = "وأكد مصدر أمريكي لم يكشف عن اسمه أن القوات باقية."
    us = mention(text, "مصدر أمريكي", "US")
    assert actors(text, find_statements(text, mentions=[us], lexicon=lex)) == [("أكد", "US")]
    # another object after عن: the verb is an act announced, the next verb reports the speech
    other = "وكشف المسؤول الأمريكي عن خطة جديدة، وقال إن القوات باقية."
    us = mention(other, "المسؤول الأمريكي", "US")
    assert actors(other, find_statements(other, mentions=[us], lexicon=lex)) == [("قال", "US")]


def test_an_anaphor_followed_by_a_new_name_refers_back_and_registers_the_name(lex):
    text = ("وقال متحدث باسم قوات سوريا الديمقراطية إن القوات قتلت اثنين.\n"
            "وقال المتحدث محمود سالم في مؤتمر صحفي \"شاركت القوات الخاصة في العملية\".\nسطر.\nسطر آخر.\nسطر ثالث.\n"
            "وتابع سالم إن القوات داهمت المنزلين.")
    sdf = mention(text, "قوات سوريا الديمقراطية", "SDF", "name")
    assert actors(text, find_statements(text, mentions=[sdf], lexicon=lex)) == [("قال", "SDF"), ("قال", "SDF"), ("تابع", "SDF")]
    # with nothing to refer back to, the named anaphor stays unknown (no guess from the name)
    alone = "قال ناشطون إن القصف مستمر.\nوقال المتحدث محمود سالم إن القوات داهمت المنزلين."
    assert [a for _, a in actors(alone, find_statements(alone, mentions=[], lexicon=lex))] == [UNKNOWN, UNKNOWN]


def test_an_according_to_source_may_open_with_a_role_or_a_speaker_class(lex):
    text = "وتتواجد عشرات العناصر في البلدة، وفق ما ذكر مدير المرصد رامي عبد الرحمن."
    assert actors(text, find_statements(text, mentions=[], lexicon=lex)) == [("وفق", "NGO")]
    agency = "وحسب رويترز، فإن القوات انسحبت من البلدة."
    assert actors(agency, find_statements(agency, mentions=[], lexicon=lex)) == [("حسب", "MEDIA")]
    white_house = "وناقش الزعيمان الأزمة، وفقا لما ذكر بيان صادر عن البيت الأبيض."
    us = mention(white_house, "البيت الأبيض", "US", "name")
    assert actors(white_house, find_statements(white_house, mentions=[us], lexicon=lex)) == [("وفقا", "US")]
    # a plan or an agreement is no source, with or without ما and a verb
    for plan in ("وانسحبت القوات وفقا للخطة التي أعلنها الرئيس.", "وتم ذلك وفقا لما نص عليه الاتفاق."):
        assert find_statements(plan, mentions=[], lexicon=lex) == []


def test_a_name_after_a_role_and_its_place_of_office_is_registered(lex):
    text = "وكررت المندوبة الأميركية في الأمم المتحدة، جين سميث، هذا التحذير الخميس.\nوقالت سميث: \"نريد أن ننتهز هذه الفرصة\"."
    ms = [mention(text, "المندوبة الأميركية", "US"), mention(text, "الأمم المتحدة", "UN", "name")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("قالت", "US")]
    # no comma before the name: the words after the place are another clause, no apposition
    other = "وانتقدت المندوبة الأميركية في الجلسة الطارئة، ثم غادر كارل جونسون القاعة.\nوقال جونسون إن اللقاء كان مثمرا."
    ms = [mention(other, "المندوبة الأميركية", "US")]
    assert actors(other, find_statements(other, mentions=ms, lexicon=lex)) == [("قال", UNKNOWN)]


def test_an_officer_named_by_rank_only_speaks_for_the_previous_speaker(lex):
    text = ("أعلن الجيش الروسي الأربعاء أن الشرطة العسكرية ستنتشر في المدينة.\n"
            "وقال الجنرال فيكتور سميث في مؤتمر صحافي إن \"الوحدة ستبدأ عملها\".\nسطر.\nسطر آخر.\nسطر ثالث.\n"
            "وأضاف سميث أن الأمن مستتب.")
    ru = mention(text, "الجيش الروسي", "RUSSIA")
    assert actors(text, find_statements(text, mentions=[ru], lexicon=lex)) == [
        ("أعلن", "RUSSIA"), ("قال", "RUSSIA"), ("أضاف", "RUSSIA")]
    # after a monitor, the officer is no one's
    monitor = "وقال المرصد إن الاشتباكات مستمرة.\nوقال العقيد أحمد سالم إن القوات تتقدم."
    assert actors(monitor, find_statements(monitor, mentions=[], lexicon=lex)) == [("قال", "NGO"), ("قال", UNKNOWN)]


def test_an_actor_before_its_verb_is_the_subject_and_the_words_after_are_its_object(lex):
    text = "وذكر البيان أن الولايات المتحدة تدعو جميع الدول إلى أن تتحمل مسؤولياتها."
    us = mention(text, "الولايات المتحدة", "US", "name")
    found = find_statements(text, mentions=[us], lexicon=lex)
    assert [(s.verb, s.speaker_actor) for s in found][-1] == ("تدعو", "US")
    assert text[found[-1].speaker_start:found[-1].speaker_end] == "الولايات المتحدة"
    # a quotation after the object is a term in it, no speech; right after the verb it is speech
    term = "روسيا تعلن تسليم منظومة الدفاع الجوي \"إس 300\""
    ru = mention(term, "روسيا", "RUSSIA", "name")
    assert find_statements(term, mentions=[ru], lexicon=lex) == []
    speech = "روسيا تحذر: \"أي ضربة ستقابل برد حاسم\""
    ru = mention(speech, "روسيا", "RUSSIA", "name")
    assert ("تحذر", "RUSSIA") in actors(speech, find_statements(speech, mentions=[ru], lexicon=lex))


def test_illa_anna_is_a_contrast_not_a_complement(lex):
    text = "ومع أن دمشق نفت هذه الاتهامات، إلا أن الوكالة الدولية أكدت وجود آثار."
    sy = mention(text, "دمشق", "SYRIAN_GOV", "metonym")
    assert find_statements(text, mentions=[sy], lexicon=lex) == []
    plain = "ونفت دمشق هذه الاتهامات، وأكدت أن الوكالة لم تجد أي آثار."
    sy = mention(plain, "دمشق", "SYRIAN_GOV", "metonym")
    assert actors(plain, find_statements(plain, mentions=[sy], lexicon=lex)) == [("أكدت", "SYRIAN_GOV")]


def test_a_surname_misspelled_by_one_letter_is_the_person_named_before(lex):
    text = "نفى المتحدث باسم الرئاسة الروسية، ديميتري بيسكوف، الإثنين، وجود تواصل.\nوأكد بيسوف أنه لم يكن هناك تواصل."
    ms = [mention(text, "الرئاسة الروسية", "RUSSIA"), mention(text, "ديميتري بيسكوف", "RUSSIA", "person")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("أكد", "RUSSIA")]
    # two letters apart is another person
    other = "نفى المتحدث باسم الرئاسة الروسية، ديميتري بيسكوف، الإثنين، وجود تواصل.\nوأكد بيرسون أنه لم يكن هناك تواصل."
    ms = [mention(other, "الرئاسة الروسية", "RUSSIA"), mention(other, "ديميتري بيسكوف", "RUSSIA", "person")]
    assert actors(other, find_statements(other, mentions=ms, lexicon=lex)) == [("أكد", UNKNOWN)]
    assert speakers._one_edit("بيسوف", "بيسكوف") and not speakers._one_edit("بيرسون", "بيسكوف")


def test_a_verb_with_a_prepositional_object_ends_its_speaker_at_the_preposition(lex):
    text = "وأعرب رئيس الوزراء الإسرائيلي عن أمله في أن تنتهي الحرب قريبا."
    il = mention(text, "رئيس الوزراء الإسرائيلي", "ISRAEL")
    found = find_statements(text, mentions=[il], lexicon=lex)
    assert actors(text, found) == [("أعرب", "ISRAEL")]
    assert text[found[0].speaker_start:found[0].speaker_end] == "رئيس الوزراء الإسرائيلي"
    quoted = "وأعرب المبعوث الروسي عن \"قلقه البالغ من التصعيد\" في الشمال."
    ru = mention(quoted, "المبعوث الروسي", "RUSSIA")
    assert [(s.verb, s.speaker_actor, s.quote_type) for s in find_statements(quoted, mentions=[ru], lexicon=lex)] == [
        ("أعرب", "RUSSIA", "direct")]
    # a long object before the complement is a feeling expressed, and a quotation before the verb is not its content
    for none in ("وأعربت الوزارة الروسية عن أملها في عدم وقوع حوادث بين الجيشين في المنطقة، وأن",
                 "وقالت المندوبة إن \"المشروع لن يمر أبدا\"، وأعربت عن أسفها لأن المجلس لا يتحرك."):
        assert [s.verb for s in find_statements(none, mentions=[], lexicon=lex)] in ([], ["قالت"])


def test_a_registered_name_misspelled_by_one_letter_is_that_speaker_but_a_proclitic_is_no_misspelling(lex):
    text = ("رحبت جين وايت، المتحدثة باسم وزارة الدفاع الأمريكية، بالقرار.\n"
            "جاء ذلك في بيان، حيث قالت وايس: \"الوزارة ترحب بالإعلان الصادر اليوم\".")
    us = mention(text, "وزارة الدفاع الأمريكية", "US", "name")
    assert actors(text, find_statements(text, mentions=[us], lexicon=lex))[-1] == ("قالت", "US")
    assert not speakers._one_edit("لماي", "ماي") and not speakers._one_edit("وبيسكوف", "بيسكوف")


def test_a_short_quotation_after_a_circumstantial_and_an_object_is_a_term(lex):
    text = "وبات التنظيم الذي أعلن في العام 2014 إقامة \"الخلافة الإسلامية\" على مناطق واسعة يتواجد في جيب صغير."
    assert find_statements(text, mentions=[], lexicon=lex) == []
    call = "وكان الأمين العام للمنظمة دعا الأربعاء إلى إنهاء فوري \"للأعمال الحربية\" في الغوطة الشرقية."
    assert find_statements(call, mentions=[], lexicon=lex) == []
    # a quotation after a channel is still speech, and so is a long one after a circumstantial
    channel = "قال وزير الدفاع الأمريكي إن القصف مستمر. وقال في مؤتمر صحفي \"لن نتراجع\" مضيفا أن الحل قريب."
    us = mention(channel, "وزير الدفاع الأمريكي", "US")
    assert [s.verb for s in find_statements(channel, mentions=[us], lexicon=lex)] == ["قال", "قال", "مضيفا"]
    long_quote = "وقال في أنقرة \"لن نتراجع عن العملية حتى تحقق أهدافها كلها\" أمام الصحفيين."
    assert [s.verb for s in find_statements(long_quote, mentions=[], lexicon=lex)] == ["قال"]


def test_a_long_quotation_opening_with_a_name_head_is_speech_not_a_name(lex):
    text = ("وقال القائد إن القوات باقية.\n"
            "وأضاف \"قوات التحالف الدولي موجودة بشكل أساسي على الجبهات وفي الخطوط الأولى وهي على رأس عملها\".")
    assert [(s.verb, s.quote_type) for s in find_statements(text, mentions=[], lexicon=lex)] == [
        ("قال", "indirect"), ("أضاف", "direct")]
    # a quoted name with a name head stays a name: the subject of the verb, no speech
    name = "وأعلنت \"قوات سوريا الديمقراطية\" أنها سيطرت على البلدة."
    sdf = mention(name, "قوات سوريا الديمقراطية", "SDF", "name")
    found = find_statements(name, mentions=[sdf], lexicon=lex)
    assert [(s.verb, s.speaker_actor, s.quote_type) for s in found] == [("أعلنت", "SDF", "indirect")]


def test_a_relative_clause_describes_the_speaker_its_mentions_count_only_after_a_bare_name(lex):
    text = ("وقال مسؤول عسكري عراقي إن القوات تقدمت.\n"
            "وأوضح الضابط، الذي طلب عدم كشف هويته للصحفيين خلال إعلانه القبض على قيادات التنظيم، أن زعيمه موجود.")
    ms = [mention(text, "مسؤول عسكري عراقي", "IRAQ"), mention(text, "التنظيم", "ISIS", "anaphor")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["IRAQ", "IRAQ"]
    named = "وقال جون سميث، الذي يرأس عمليات الأمم المتحدة في دمشق، إن الوضع مروع."
    un = mention(named, "الأمم المتحدة", "UN", "name")
    assert actors(named, find_statements(named, mentions=[un], lexicon=lex)) == [("قال", "UN")]


def test_a_sentence_opening_with_a_statement_names_its_issuer_after_it(lex):
    text = ("وقال نائب قائد الشرطة إن المهاجمين فجرا نفسيهما.\n"
            "وفي بيان نشرته وكالة أعماق، تبنى تنظيم داعش التفجير.\n"
            "وقال البيان \"هجوم يستهدف تجمعا في المدينة\".")
    ms = [mention(text, "وكالة أعماق", "ISIS", "name"), mention(text, "تنظيم داعش", "ISIS", "name")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == [UNKNOWN, "ISIS"]
    # a statement noun inside the sentence is not its opening: the actor after it is no issuer
    inside = ("وقال نائب قائد الشرطة إن المهاجمين فجرا نفسيهما.\n"
              "واعتقلت الشرطة مشتبها به بعد صدور بيان، ثم تبنى تنظيم داعش التفجير.\n"
              "وقال البيان \"هجوم يستهدف تجمعا في المدينة\".")
    ms = [mention(inside, "تنظيم داعش", "ISIS", "name")]
    assert [a for _, a in actors(inside, find_statements(inside, mentions=ms, lexicon=lex))] == [UNKNOWN, UNKNOWN]


def test_a_dual_anaphor_refers_back_to_the_speaker_head_and_its_institution(lex):
    text = "كشف مسؤولان في الحكومة الأمريكية لشبكة إخبارية عن عقد اجتماع مصغر.\nوكشف المسؤولان أن الاجتماع سيعقد الاثنين."
    us = mention(text, "الحكومة الأمريكية", "US")
    assert actors(text, find_statements(text, mentions=[us], lexicon=lex)) == [("كشف", "US")]
    # a circumstantial after the head is no institution: a place further on names no one
    other = "كشف مسؤولان خلال مؤتمر في موسكو عن عقد اجتماع مصغر.\nوكشف المسؤولان أن الاجتماع سيعقد الاثنين."
    ru = mention(other, "موسكو", "RUSSIA", "metonym")
    assert actors(other, find_statements(other, mentions=[ru], lexicon=lex)) == [("كشف", UNKNOWN)]


# --- the subject of a clause that a statement continues (audited on the default corpus) -----------------------

def test_a_participle_takes_its_clause_subject_not_its_object(lex):
    text = "رحب الرئيس الأمريكي بالاتفاق الجديد، معتبرا هذا التطور \"نبأ سارا جدا للعالم\"."
    us = mention(text, "الرئيس الأمريكي", "US")
    assert actors(text, find_statements(text, mentions=[us], lexicon=lex)) == [("معتبرا", "US")]
    pronoun = "ورفضت وزارة الدفاع الروسية الصور المنشورة، واصفة إياها بأنها \"تزييف آخر\"."
    ru = mention(pronoun, "وزارة الدفاع الروسية", "RUSSIA")
    assert actors(pronoun, find_statements(pronoun, mentions=[ru], lexicon=lex)) == [("واصفة", "RUSSIA")]
    # the source after عن of a relaying participle is still the speaker
    relay = "قال المرصد إن القصف مستمر. ونشرت وكالة محلية الخبر ناقلة عن مسؤول روسي أن القوات ستنسحب."
    ms = [mention(relay, "مسؤول روسي", "RUSSIA")]
    assert actors(relay, find_statements(relay, mentions=ms, lexicon=lex))[-1] == ("ناقلة", "RUSSIA")


def test_a_resumptive_pronoun_after_the_verb_comes_before_its_subject(lex):
    text = "وذكرت الصحيفة أن الاجتماع عقد سرا، في الوقت الذي أكد فيه وزير الدفاع الروسي أن المحادثات جرت."
    ru = mention(text, "وزير الدفاع الروسي", "RUSSIA")
    assert actors(text, find_statements(text, mentions=[ru], lexicon=lex)) == [("ذكرت", "MEDIA"), ("أكد", "RUSSIA")]
    # an object and its label after the pronoun are no subject: the tweet's author speaks
    label = ("نفى البنتاغون قصف القاعدة، الذي وقع بعد ساعات من تغريدة نشرها ترامب، وصف فيها الرئيس التركي "
             "بـ \"الصديق\" و أنه \"سيدفع ثمنا كبيرا\".")
    ms = [mention(label, "البنتاغون", "US", "metonym"), mention(label, "ترامب", "US", "person"),
          mention(label, "الرئيس التركي", "TURKEY")]
    assert [a for _, a in actors(label, find_statements(label, mentions=ms, lexicon=lex))] == ["US"]


def test_a_metonym_after_the_clause_verb_is_the_subject_of_a_coordinated_verb(lex):
    text = "قال المرصد إن القصف مستمر.\nفقد أبدت واشنطن قلقها من الخطوة، وقالت إن ذلك يشكل خطرا على قواتها."
    us = mention(text, "واشنطن", "US", "metonym")
    assert actors(text, find_statements(text, mentions=[us], lexicon=lex)) == [("قال", "NGO"), ("قالت", "US")]
    # a place inside a quoted name is no subject
    named = "قال المرصد إن القصف مستمر.\nمن جانبه، أكد \"مركز إعلام دمشق\" هذه الأنباء وأضاف أن الطائرات قصفت البلدة."
    sy = mention(named, "دمشق", "SYRIAN_GOV", "metonym")
    assert [a for _, a in actors(named, find_statements(named, mentions=[sy], lexicon=lex))] != ["NGO", "SYRIAN_GOV"]


def test_a_later_coordinated_clause_with_its_own_subject_speaks(lex):
    text = ("قال المرصد إن القصف مستمر.\n"
            "وتتهم موسكو الفصائل بخرق الهدنة، وتنفي الحكومة التركية ذلك وتقول إن الفصائل ملتزمة.")
    ms = [mention(text, "موسكو", "RUSSIA", "metonym"), mention(text, "الحكومة التركية", "TURKEY")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex))[-1] == ("تقول", "TURKEY")
    # a coordinated noun is no clause: the subject stays the first verb's
    noun = ("قال المرصد إن القصف مستمر.\n"
            "وفي وقت سابق، لمح وزير الخارجية الروسي إلى إبعاد القوات الإيرانية وميليشيات حزب الله عن الحدود، "
            "مشيرا إلى أن الوجود العسكري يجب أن يقتصر على الجيش.")
    ms = [mention(noun, "وزير الخارجية الروسي", "RUSSIA"), mention(noun, "القوات الإيرانية", "IRAN"),
          mention(noun, "حزب الله", "HEZBOLLAH", "name")]
    assert actors(noun, find_statements(noun, mentions=ms, lexicon=lex))[-1] == ("مشيرا", "RUSSIA")


def test_a_participle_after_a_registered_name_is_that_persons(lex):
    text = ("وقال المتحدث باسم الخارجية الإيرانية بهرام قاسمي إن الرد قادم.\n"
            "وقال وزير الخارجية الأمريكي إنه يريد منع صادرات النفط.\n"
            "وعلق قاسمي على تصريحات الوزير الأمريكي واصفا إياها بأنها \"محاولات يائسة\".")
    ms = [mention(text, "المتحدث باسم الخارجية الإيرانية", "IRAN"), mention(text, "وزير الخارجية الأمريكي", "US")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["IRAN", "US", "IRAN"]
    # an unregistered name there is no one known: the previous speaker is continued as before
    other = text.replace("بهرام قاسمي", "بهرام").replace("وعلق قاسمي", "وعلق سالم")
    ms = [mention(other, "المتحدث باسم الخارجية الإيرانية", "IRAN"), mention(other, "وزير الخارجية الأمريكي", "US")]
    assert [a for _, a in actors(other, find_statements(other, mentions=ms, lexicon=lex))][-1] != "IRAN"


def test_after_it_is_a_time_and_the_prosecutor_is_no_verb(lex):
    text = "قال المرصد إن القصف مستمر.\nوكانت إسرائيل قد أطلقت صواريخ على مواقع عدة وصرحت بعدها أن الضربات نجحت."
    il = mention(text, "إسرائيل", "ISRAEL", "name")
    assert actors(text, find_statements(text, mentions=[il], lexicon=lex))[-1] == ("صرحت", "ISRAEL")
    prosecutor = "وقال مدعي عام باريس جان مولان إن المرأة نفت التهمة."
    fr = mention(prosecutor, "باريس", "FRANCE", "metonym")
    assert actors(prosecutor, find_statements(prosecutor, mentions=[fr], lexicon=lex)) == [("قال", "FRANCE")]
    claim = "وقال المرصد إن القوات تقدمت، مدعيا أن الفصائل انسحبت."
    assert [v for v, _ in actors(claim, find_statements(claim, mentions=[], lexicon=lex))] == ["قال", "مدعيا"]


def test_an_unlisted_institution_with_an_actors_nisba_speaks_for_it(lex):
    text = ("وقال مجلس الأمن القومي التركي، الأربعاء، إن القوات ستتحرك.\n"
            "وفي رسالة واضحة للجيران، قال المجلس إنه يتوقع تعاونا كاملا.")
    found = find_statements(text, mentions=[], lexicon=lex)
    assert [a for _, a in actors(text, found)] == ["TURKEY", "TURKEY"]
    # an institution with no actor's nisba (or two of them) is no one's
    intl = "وقال مجلس الأمن الدولي في بيان إن الهدنة يجب أن تحترم."
    assert [a for _, a in actors(intl, find_statements(intl, mentions=[], lexicon=lex))] == [UNKNOWN]


def test_a_circumstantial_clause_or_an_adverb_after_the_verb_is_no_subject(lex):
    text = "قال وزير الدفاع التركي إن العملية مستمرة.\nوأضاف وهو يقف إلى جانب الجنود \"لن نتراجع أبدا\"."
    tr = mention(text, "وزير الدفاع التركي", "TURKEY")
    assert actors(text, find_statements(text, mentions=[tr], lexicon=lex)) == [("قال", "TURKEY"), ("أضاف", "TURKEY")]
    adverb = "قال وزير الدفاع التركي إن العملية مستمرة.\nكما أعلن مرارا أنه لن يقبل بأي تسوية."
    tr = mention(adverb, "وزير الدفاع التركي", "TURKEY")
    assert [a for _, a in actors(adverb, find_statements(adverb, mentions=[tr], lexicon=lex))] == ["TURKEY", "TURKEY"]
    # a subject after the verb is still the subject
    own = "قال وزير الدفاع التركي إن العملية مستمرة.\nوقال شاهد عيان إن القصف عنيف."
    tr = mention(own, "وزير الدفاع التركي", "TURKEY")
    assert [a for _, a in actors(own, find_statements(own, mentions=[tr], lexicon=lex))] == ["TURKEY", UNKNOWN]


def test_express_is_a_reporting_verb_only_with_its_shadda_written(lex):
    text = "وعبّر القائم بأعمال السفارة الأميركية عن \"خيبة أمله\" بعد صدور القرار."
    us = mention(text, "السفارة الأميركية", "US")
    assert actors(text, find_statements(text, mentions=[us], lexicon=lex)) == [("عبّر", "US")]
    plain = "وعبر القائم بأعمال السفارة الأميركية عن \"خيبة أمله\" بعد صدور القرار."
    us = mention(plain, "السفارة الأميركية", "US")
    assert find_statements(plain, mentions=[us], lexicon=lex) == []


def test_a_feminine_verb_continues_the_state_made_subject_not_a_masculine_speaker(lex):
    text = "قال المرصد إن القصف مستمر.\nودعت روسيا إلى اجتماع عاجل لمجلس الأمن.\nوقالت إن الوضع خطير."
    ms = [mention(text, "روسيا", "RUSSIA", "name"), mention(text, "مجلس الأمن", "UN", "name")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["NGO", "RUSSIA"]
    # a masculine verb still continues the monitor; a sentence with its own subject is left to it
    masc = text.replace("وقالت", "وقال")
    ms = [mention(masc, "روسيا", "RUSSIA", "name"), mention(masc, "مجلس الأمن", "UN", "name")]
    assert [a for _, a in actors(masc, find_statements(masc, mentions=ms, lexicon=lex))] == ["NGO", "NGO"]
    own = text.replace("وقالت إن", "ورفضت الحكومة المحلية الدعوة وقالت إن")
    ms = [mention(own, "روسيا", "RUSSIA", "name"), mention(own, "مجلس الأمن", "UN", "name")]
    assert [a for _, a in actors(own, find_statements(own, mentions=ms, lexicon=lex))][-1] != "RUSSIA"


def test_a_quoted_source_after_an_according_to_marker_makes_no_mixed_speech(lex):
    text = "وأضافت الوزارة في بيان أن ستة آلاف مدني غادروا المنطقة، وفق \"رويترز\"."
    ru = mention(text, "الوزارة", "RUSSIA", "anaphor")
    assert [s.quote_type for s in find_statements(text, mentions=[ru], lexicon=lex)] == ["indirect"]
    words = "وأضافت الوزارة في بيان أن المدنيين \"غادروا المنطقة بأمان\"."
    ru = mention(words, "الوزارة", "RUSSIA", "anaphor")
    assert [s.quote_type for s in find_statements(words, mentions=[ru], lexicon=lex)] == ["mixed"]


def test_an_officer_named_by_rank_before_a_relative_clause_speaks_for_the_previous_speaker(lex):
    text = ("قال جنرال روسي، الخميس، إن بلاده اختبرت أسلحة جديدة.\n"
            "وأضاف الجنرال فيكتور سميث الذي يترأس لجنة نيابية \"لقد اختبرنا أسلحة كثيرة\".\n"
            "وأضاف سميث، القائد السابق للمظليين، \"لقد أظهر ذلك فعالية أسلحتنا\".")
    ru = mention(text, "جنرال روسي", "RUSSIA")
    assert actors(text, find_statements(text, mentions=[ru], lexicon=lex)) == [
        ("قال", "RUSSIA"), ("أضاف", "RUSSIA"), ("أضاف", "RUSSIA")]
    # after a monitor the officer is no one's, with or without the relative clause
    monitor = "وقال المرصد إن الاشتباكات مستمرة.\nوقال العقيد أحمد سالم الذي يقود الفوج إن القوات تتقدم."
    assert actors(monitor, find_statements(monitor, mentions=[], lexicon=lex)) == [("قال", "NGO"), ("قال", UNKNOWN)]


def test_a_rank_opening_a_span_with_an_actor_leaves_the_name_registered(lex):
    text = ("وقال الجنرال فيكتور سميث قائد القوات الروسية في سوريا إن الهدنة صامدة.\n"
            "وقال المرصد إن القصف توقف.\nوأضاف سميث أن الدوريات مستمرة.")
    ru = mention(text, "القوات الروسية", "RUSSIA")
    assert actors(text, find_statements(text, mentions=[ru], lexicon=lex)) == [
        ("قال", "RUSSIA"), ("قال", "NGO"), ("أضاف", "RUSSIA")]


def test_a_pronoun_object_after_the_verb_comes_before_its_subject(lex):
    text = "كان المذيع مرشحا في الانتخابات.\nقال عنه الرئيس الأمريكي دونالد ترامب إن لديه سمعة رائعة."
    us = mention(text, "الرئيس الأمريكي دونالد ترامب", "US", "person")
    found = find_statements(text, mentions=[us], lexicon=lex)
    assert actors(text, found) == [("قال", "US")]
    assert text[found[0].speaker_start:found[0].speaker_end] == "الرئيس الأمريكي دونالد ترامب"
    # the pronoun alone, or before a time, is no subject: the previous speaker continues
    alone = "قال وزير الدفاع التركي إن العملية مستمرة.\nوقال عنها إنها ناجحة.\nوقال لها، الأحد، إن القوات تتقدم."
    tr = mention(alone, "وزير الدفاع التركي", "TURKEY")
    assert actors(alone, find_statements(alone, mentions=[tr], lexicon=lex)) == [
        ("قال", "TURKEY"), ("قال", "TURKEY"), ("قال", "TURKEY")]


def test_an_act_in_the_outlets_own_clause_has_its_subject(lex):
    text = ("قال المرصد إن القصف مستمر.\nويذكر أن دولا غربية تتوعد برد قوي، وحذر الرئيس الأمريكي دونالد ترامب "
            "الأربعاء روسيا، مؤكدا أن الصواريخ قادمة.")
    ms = [mention(text, "الرئيس الأمريكي دونالد ترامب", "US", "person"), mention(text, "روسيا", "RUSSIA", "name")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [
        ("قال", "NGO"), ("يذكر", "OUTLET"), ("مؤكدا", "US")]
    # inside a speaker's own words the act is that speaker's report: the participle continues the speaker
    said = ("قال المرصد إن دولا غربية تتوعد برد قوي، وحذر الرئيس الأمريكي دونالد ترامب الأربعاء روسيا، "
            "مؤكدا أن الصواريخ قادمة.")
    ms = [mention(said, "الرئيس الأمريكي دونالد ترامب", "US", "person"), mention(said, "روسيا", "RUSSIA", "name")]
    assert actors(said, find_statements(said, mentions=ms, lexicon=lex)) == [("قال", "NGO"), ("مؤكدا", "NGO")]


def test_a_long_channel_phrase_after_a_short_subject_keeps_the_frame(lex):
    text = ("ذكرت السفيرة الأميركية بالأمم المتحدة نيكي هيلي في مقابلة مع برنامج واجه الأمة الذي تبثه شبكة "
            "تلفزيونية كبرى أن الولايات المتحدة ستعلن عن عقوبات جديدة.")
    us = mention(text, "السفيرة الأميركية", "US")
    found = find_statements(text, mentions=[us], lexicon=lex)
    assert actors(text, found) == [("ذكرت", "US")]
    assert text[found[0].speaker_start:found[0].speaker_end] == "السفيرة الأميركية بالأمم المتحدة نيكي هيلي"
    # a long gap with no channel, or a channel after a long phrase, is no subject (a noun object, a new clause)
    long_object = ("أكد الرئيس الأمريكي دعم بلاده الكامل للحكومة العراقية في حربها على الإرهاب وفي جهودها لإعادة "
                   "إعمار المدن المدمرة في شمال البلاد وغربها في بيان أن القوات ستبقى.")
    us = mention(long_object, "الرئيس الأمريكي", "US")
    assert find_statements(long_object, mentions=[us], lexicon=lex) == []


def test_a_reporting_verb_form_that_is_a_name_frames_nothing(lex):
    # a finite form right after a finite verb is its subject ("راي" is also رأى once normalized)
    text = "قال مدير الوكالة الأمريكية إن التحقيقات مستمرة.\nوقال راي إن الخطر قائم."
    us = mention(text, "مدير الوكالة الأمريكية", "US")
    found = find_statements(text, mentions=[us], lexicon=lex)
    assert [s.verb for s in found] == ["قال", "قال"]
    assert text[found[1].speaker_start:found[1].speaker_end] == "راي"
    # the surname of a person mention ("إبراهيم قالن") is no verb either
    named = "رد المتحدث باسم الرئاسة التركية، إبراهيم قالن، عبر تويتر بأن الحزب إرهابي."
    ms = [mention(named, "الرئاسة التركية", "TURKEY", "name"), mention(named, "إبراهيم قالن", "TURKEY", "person")]
    assert [s.verb for s in find_statements(named, mentions=ms, lexicon=lex)] == []
    # a participle after a verb, and a verb after its subject's name, still frame speech
    kept = "قال وزير الدفاع التركي إن العملية مستمرة.\nوتابع قائلا إن القوات تتقدم.\nأردوغان قال إن الهجوم بدأ."
    ms = [mention(kept, "وزير الدفاع التركي", "TURKEY"), mention(kept, "أردوغان", "TURKEY", "person")]
    assert [s.verb for s in find_statements(kept, mentions=ms, lexicon=lex)] == ["قال", "قائلا", "قال"]


def test_a_nisba_after_the_place_of_office_is_the_speakers_but_not_after_a_place_noun(lex):
    text = "أعلن مسؤول عسكري في قاعدة حميميم الروسية أن الدفاعات الجوية أسقطت أهدافا مجهولة."
    assert actors(text, find_statements(text, mentions=[], lexicon=lex)) == [("أعلن", "RUSSIA")]
    place = "أفاد مسؤول محلي في مدينة الرقة السورية أنه تم العثور على عشرات الجثث."
    assert actors(place, find_statements(place, mentions=[], lexicon=lex)) == [("أفاد", UNKNOWN)]


def test_a_feminine_speaker_is_continued_by_a_feminine_verb(lex):
    # "الوزارة" (ة, written ه once normalized) agrees with "وقالت": the ministry goes on, not the state named since
    text = ("قالت وزارة الخارجية التركية إن العملية مستمرة.\nودعت روسيا إلى اجتماع عاجل لمجلس الأمن.\n"
            "وقالت إن القوات تتقدم.")
    ms = [mention(text, "وزارة الخارجية التركية", "TURKEY"), mention(text, "روسيا", "RUSSIA", "name")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [
        ("قالت", "TURKEY"), ("قالت", "TURKEY")]
    # a masculine speaker is not: the state made the subject since speaks
    masc = "قال المرصد إن القصف مستمر.\nودعت روسيا إلى اجتماع عاجل لمجلس الأمن.\nوقالت إن القوات تتقدم."
    ms = [mention(masc, "روسيا", "RUSSIA", "name")]
    assert actors(masc, find_statements(masc, mentions=ms, lexicon=lex)) == [("قال", "NGO"), ("قالت", "RUSSIA")]


def test_a_medium_relaying_a_source_by_its_tongue_gives_the_source(lex):
    text = ("ونقلت وكالة الأنباء الإيرانية الرسمية على لسان روحاني قوله: \"أنت تاجر\".\n"
            "وأضاف: \"عندما تعلن ذلك فإنها علامة\".")
    ir = mention(text, "روحاني", "IRAN", "person")
    assert actors(text, find_statements(text, mentions=[ir], lexicon=lex)) == [("نقلت", "IRAN"), ("أضاف", "IRAN")]
    # with no medium before it the speaker is the one who relays
    own = "وقال المتحدث باسم الكرملين على لسان الرئيس إن المحادثات جرت."
    ms = [mention(own, "الكرملين", "RUSSIA", "metonym")]
    assert actors(own, find_statements(own, mentions=ms, lexicon=lex)) == [("قال", "RUSSIA")]
    # and "عن" after a medium still gives its source
    relayed = "وذكرت وكالة رويترز عن مسؤول أمريكي أن القوات ستبقى."
    assert actors(relayed, find_statements(relayed, mentions=[], lexicon=lex)) == [("ذكرت", "US")]


def test_according_to_sources_with_a_head_or_an_object_pronoun_verb(lex):
    cases = [
        ("حاول الرجل الانتحار في زنزانته، لكن الحراس أدركوه، وفق الشرطة.", "وفق", UNKNOWN, "الشرطة"),
        ("أصدر الرئيس مرسوما بشأن الفارين من الخدمة، وفقا لما نقلته وكالة الأنباء الرسمية.", "وفقا", "MEDIA",
         "وكالة الأنباء الرسمية"),
        ("تقترب الفصائل من اتفاق بحسب ما كشف عنه متحدثان باسم الفصائل.", "بحسب", UNKNOWN, "متحدثان باسم الفصائل"),
    ]
    for text, verb, actor, speaker in cases:
        found = find_statements(text, mentions=[], lexicon=lex)
        assert [(s.verb, s.speaker_actor) for s in found] == [(verb, actor)], text
        assert text[found[0].speaker_start:found[0].speaker_end] == speaker
    # according to a thing is no statement
    assert find_statements("وتتم عملية التصويت وفقا للقانون الجديد.", mentions=[], lexicon=lex) == []


def test_a_participle_after_a_relayed_clause_is_the_clause_subjects(lex):
    text = ("وانتقد الوزير القطري، وفقا لما نقلته وكالة الأنباء القطرية الرسمية، مسألة عدم احترام قواعد الحرب "
            "قائلا إن \"الحرب لا تحترم أحدا\".")
    qa = mention(text, "الوزير القطري", "QATAR")
    assert actors(text, find_statements(text, mentions=[qa], lexicon=lex)) == [("وفقا", "MEDIA"), ("قائلا", "QATAR")]
    # with no actor subject in the clause the source goes on
    plain = "وقتل 12 مدنيا في القصف، بحسب المرصد، مشيرا إلى أن العدد مرشح للارتفاع."
    assert actors(plain, find_statements(plain, mentions=[], lexicon=lex)) == [("بحسب", "NGO"), ("مشيرا", "NGO")]


# --- verbs of telling, accusing and describing with their objects -----------------------------------------

def test_a_verb_with_its_object_pronoun_frames_a_clause_but_not_a_label(lex):
    text = 'وأشاد ترامب بالضربات، ووصفها بأنها "نفذت بشكل رائع".'
    ms = [mention(text, "ترامب", "US", "person")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("وصفها", "US")]
    label = "وأشاد ترامب بالضربات، ووصفها بالناجحة."
    assert find_statements(label, mentions=[mention(label, "ترامب", "US", "person")], lexicon=lex) == []
    # the verb of a so-called construction labels a term: no speech
    so_called = 'وتعهد الرئيس بالتصدي لما وصفه "بالسيناريوهات الغربية" في المنطقة.'
    assert find_statements(so_called, mentions=[], lexicon=lex) == []


def test_an_accusation_with_a_clause_is_a_statement_and_its_lone_object_is_not_the_speaker(lex):
    text = "وتتهم تركيا حزب الشعوب الديمقراطي بأنه واجهة سياسية لحزب العمال."
    ms = [mention(text, "تركيا", "TURKEY", "name")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("تتهم", "TURKEY")]
    act = "واتهمت تركيا حزب الشعوب الديمقراطي بدعم حزب العمال."
    assert find_statements(act, mentions=[mention(act, "تركيا", "TURKEY", "name")], lexicon=lex) == []
    cont = "وقال الوزير الإيراني إن الضربة فشلت. واتهم الولايات المتحدة بأنها تمارس حربا نفسية."
    ms = [mention(cont, "الوزير الإيراني", "IRAN"), mention(cont, "الولايات المتحدة", "US", "name")]
    assert actors(cont, find_statements(cont, mentions=ms, lexicon=lex)) == [("قال", "IRAN"), ("اتهم", "IRAN")]
    # with the object pronoun on the verb, the actor after it is the subject
    own = "واتهمه الوزير الإيراني بأنه يكذب."
    assert actors(own, find_statements(own, mentions=[mention(own, "الوزير الإيراني", "IRAN")], lexicon=lex)) == [
        ("اتهمه", "IRAN")]


def test_telling_someone_is_a_statement_and_reaching_an_age_is_not(lex):
    text = "وأبلغ الرئيس الأمريكي صحفيين أنه ينظر بجدية إلى الوضع."
    ms = [mention(text, "الرئيس الأمريكي", "US")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("أبلغ", "US")]
    told = "وقال المتحدث الروسي إن العينات نقلت. وأبلغ الصحافيين في موسكو أن التحليل سيستغرق أسبوعين."
    ms = [mention(told, "المتحدث الروسي", "RUSSIA")]
    assert actors(told, find_statements(told, mentions=ms, lexicon=lex)) == [("قال", "RUSSIA"), ("أبلغ", "RUSSIA")]
    age = 'ويبلغ من العمر 31 عاما، وهو متهم بهجوم "إرهابي" على الشرطة.'
    assert find_statements(age, mentions=[], lexicon=lex) == []


def test_a_verb_joined_to_its_sentences_opening_clause_shares_its_role_subject(lex):
    text = ("قال وزير الخارجية الأمريكي إن التمويل سيتوقف.\n"
            "في المقابل، انتقد أمين سر اللجنة التنفيذية صائب عريقات، القرار، ووصفه بأنه مخالف للقانون الدولي.\n"
            'وقال في بيان "نرفض هذا القرار".')
    ms = [mention(text, "وزير الخارجية الأمريكي", "US")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["US", UNKNOWN, UNKNOWN]
    # an opening verb that reports speech has its own frame: the continuation is that frame's speaker's
    said = "قال وزير الخارجية الأمريكي إن التمويل سيتوقف، ووصفه بأنه نهائي."
    ms = [mention(said, "وزير الخارجية الأمريكي", "US")]
    assert [a for _, a in actors(said, find_statements(said, mentions=ms, lexicon=lex))] == ["US", "US"]


def test_a_quotation_after_a_verb_of_accusing_is_its_objects_term_and_an_addressee_is_no_speaker(lex):
    quoted = 'واتهم الرئيس الأمريكي "وسائل إعلام إخبارية مزيفة" باستغلال اللفظ.'
    assert find_statements(quoted, mentions=[mention(quoted, "الرئيس الأمريكي", "US")], lexicon=lex) == []
    clause = 'واتهم الرئيس الأمريكي وسائل الإعلام بأنها "مزيفة".'
    assert actors(clause, find_statements(clause, mentions=[mention(clause, "الرئيس الأمريكي", "US")], lexicon=lex)) == [
        ("اتهم", "US")]
    told = "وأبلغ مصدر مخابراتي رويترز بأن نحو ألف مقاتل متشبثون بمواقعهم."
    [st] = find_statements(told, mentions=[], lexicon=lex)
    assert told[st.speaker_start:st.speaker_end] == "مصدر مخابراتي" and st.speaker_actor == UNKNOWN


def test_the_words_after_a_verb_with_its_object_pronoun_are_its_subject_also_after_kana(lex):
    text = 'وكان مسلم أحد رئيسي حزب الاتحاد الديمقراطي، الذي تصفه تركيا بأنه "يقود مجموعة إرهابية".'
    ms = [mention(text, "حزب الاتحاد الديمقراطي", "SDF", "name"), mention(text, "تركيا", "TURKEY", "name")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("تصفه", "TURKEY")]
    # without the pronoun, the actor after كان is the subject and the words after the verb its object
    held = "وكانت الولايات المتحدة حذرت سوريا الأسبوع الماضي من أنها ستدفع الثمن."
    ms = [mention(held, "الولايات المتحدة", "US", "name"), mention(held, "سوريا", "SYRIAN_GOV", "name")]
    assert actors(held, find_statements(held, mentions=ms, lexicon=lex)) == [("حذرت", "US")]


def test_bayda_anna_is_a_contrast_not_the_complement_of_a_threat(lex):
    text = "وكانت الولايات المتحدة قد هددت بالرد على الهجوم، بيد أنها نفت قيامها بقصف القاعدة."
    assert find_statements(text, mentions=[mention(text, "الولايات المتحدة", "US", "name")], lexicon=lex) == []
    said = "وكانت الولايات المتحدة قد هددت بأنها سترد على الهجوم."
    assert [a for _, a in actors(said, find_statements(said, mentions=[mention(said, "الولايات المتحدة", "US", "name")],
                                                       lexicon=lex))] == ["US"]

# --- statement nouns, relative pronouns, institution chains, role phrases (audited on a 400-article slice) ------

def test_the_statement_noun_refers_to_the_statement_of_the_previous_sentence(lex):
    text = ("وقالت منظمة الصحة العالمية إن فرقها وصلت إلى المدينة.\n"
            "وذكرت الوزارة الروسية في بيان \"تم ضمان سلامة الفرق\".\n"
            "وأضاف البيان \"سنواصل التعاون مع البعثة\".")
    ms = [mention(text, "منظمة الصحة العالمية", "UN", "name"), mention(text, "الوزارة الروسية", "RUSSIA")]
    assert [a for _, a in actors(text, find_statements(text, mentions=ms, lexicon=lex))] == ["UN", "RUSSIA", "RUSSIA"]
    # an earlier speaker headed by البيان with no actor does not keep it UNKNOWN
    earlier = ("وذكر البيان أن الاجتماع انتهى.\n"
               "وقالت الوزارة الروسية في بيان \"تم ضمان سلامة الفرق\".\n"
               "وأضاف البيان \"سنواصل التعاون\".")
    ru = mention(earlier, "الوزارة الروسية", "RUSSIA")
    assert [a for _, a in actors(earlier, find_statements(earlier, mentions=[ru], lexicon=lex))] == [
        UNKNOWN, "RUSSIA", "RUSSIA"]


def test_a_statement_in_construct_with_an_anaphor_is_its_issuers(lex):
    text = ("أعلنت منظمة حظر الأسلحة الكيميائية أن خبراءها دخلوا المدينة.\n"
            "وجاء في بيان المنظمة أن البعثة جمعت عينات.")
    opcw = mention(text, "منظمة حظر الأسلحة الكيميائية", "OPCW", "name")
    assert actors(text, find_statements(text, mentions=[opcw], lexicon=lex)) == [("أعلنت", "OPCW"), ("جاء", "OPCW")]
    # an issuer never named before stays unknown
    alone = "وجاء في بيان المنظمة أن البعثة جمعت عينات."
    assert actors(alone, find_statements(alone, mentions=[], lexicon=lex)) == [("جاء", UNKNOWN)]


def test_a_relative_pronoun_right_after_a_person_takes_that_person(lex):
    text = ("انتقد الرئيس الاتفاق المبرم مع إيران، وكان الاتفاق من الأسباب التي دعته لإقالة وزير الخارجية جون سميث، "
            "الذي اعتبر أن الاتفاق مقبول.")
    ms = [mention(text, "إيران", "IRAN", "name"), mention(text, "جون سميث", "US", "person")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("اعتبر", "US")]
    # a state's name before the pronoun may be another head's object: not taken for the speaker
    state = "وكان الرئيس التركي قد أشاد بالاتفاق مع إيران، الذي قال إنه مقبول."
    ms = [mention(state, "الرئيس التركي", "TURKEY"), mention(state, "إيران", "IRAN", "name")]
    assert actors(state, find_statements(state, mentions=ms, lexicon=lex)) != [("قال", "IRAN")]


def test_institution_nouns_in_construct_open_the_clause_subject_of_a_participle(lex):
    text = ("وقال مسؤول في المدينة إن الاشتباكات توقفت.\n"
            "من جهته أكد مكتب رئاسة الحكومة العراقية في بيان مقتل العميد، موضحا أن التحقيق بدأ.")
    iq = mention(text, "الحكومة العراقية", "IRAQ")
    assert actors(text, find_statements(text, mentions=[iq], lexicon=lex)) == [("قال", UNKNOWN), ("موضحا", "IRAQ")]
    # a word that is no institution noun before the mention keeps the old reading (the previous speaker)
    other = ("وقال مسؤول في المدينة إن الاشتباكات توقفت.\n"
             "من جهته أكد أنصار عديدون في الحكومة العراقية في بيان مقتل العميد، موضحا أن التحقيق بدأ.")
    iq = mention(other, "الحكومة العراقية", "IRAQ")
    assert actors(other, find_statements(other, mentions=[iq], lexicon=lex))[-1] != ("موضحا", "IRAQ")


def test_a_role_with_long_modifiers_before_its_actor_introduces_the_name_after_it(lex):
    text = ("التقى الرئيس برئيس لجنة الأمن القومي والسياسة الخارجية في البرلمان الإيراني، علاء الدين جعفري.\n"
            "وقال جعفري إن المحادثات مثمرة.")
    ir = mention(text, "البرلمان الإيراني", "IRAN")
    assert actors(text, find_statements(text, mentions=[ir], lexicon=lex)) == [("قال", "IRAN")]
    # another actor named between the role and the mention: the name is not that mention's
    other = ("وصل سفير فرنسا لدى الأمم المتحدة، فرانسوا دوبون، إلى دمشق.\n"
             "وقال دوبون إن الزيارة مهمة.")
    ms = [mention(other, "فرنسا", "FRANCE", "name"), mention(other, "الأمم المتحدة", "UN", "name")]
    assert actors(other, find_statements(other, mentions=ms, lexicon=lex)) == [("قال", "FRANCE")]


def test_a_second_role_in_apposition_does_not_hide_the_name(lex):
    text = ("نفى المتحدث باسم الحكومة التركية، نائب رئيس الوزراء بكر يلماز، الأنباء.\n"
            "وقال مراسل إن الوضع هادئ.\nوأعرب يلماز عن اعتقاده بأن الحل قريب.")
    tr = mention(text, "الحكومة التركية", "TURKEY")
    assert actors(text, find_statements(text, mentions=[tr], lexicon=lex))[-1] == ("أعرب", "TURKEY")
    # a word without the article after the second role is the name's end: no longer name is made up
    plain = ("نفى المتحدث باسم الحكومة التركية، نائب الوزير، الأنباء.\n"
             "وقال مراسل إن الوضع هادئ.\nوأعرب الوزير عن اعتقاده بأن الحل قريب.")
    tr = mention(plain, "الحكومة التركية", "TURKEY")
    found = find_statements(plain, mentions=[tr], lexicon=lex)
    assert actors(plain, found)[-1][0] == "أعرب"


def test_the_rank_of_lieutenant_general_before_a_name_speaks_for_the_previous_speaker(lex):
    text = ("أكد مدير هيئة الأركان في وزارة الدفاع الأمريكية أن السياسة لم تتغير.\n"
            "وقال الفريق جون سميث في بيان \"سنعدل مستوى وجودنا\".")
    us = mention(text, "وزارة الدفاع الأمريكية", "US")
    assert actors(text, find_statements(text, mentions=[us], lexicon=lex)) == [("أكد", "US"), ("قال", "US")]
    # with a role of his own after the name, he is not the previous speaker's officer
    own = ("أكد مدير هيئة الأركان في وزارة الدفاع الأمريكية أن السياسة لم تتغير.\n"
           "وقال الفريق خالد سالم، نائب رئيس شرطة المدينة، إن الاختراق مباح.")
    us = mention(own, "وزارة الدفاع الأمريكية", "US")
    assert actors(own, find_statements(own, mentions=[us], lexicon=lex)) == [("أكد", "US"), ("قال", UNKNOWN)]


def test_a_news_site_is_a_medium(lex):
    text = "ونقلت الصحيفة عن موقع فونتانكا الإخباري أن الشركة واجهة."
    assert actors(text, find_statements(text, mentions=[], lexicon=lex)) == [("نقلت", "MEDIA")]


def _said(text: str) -> list[tuple[str, str, str]]:
    """(speaker actor, speaker surface, content) of each statement, actors detected by the packaged lexicon."""
    return [(s.speaker_actor, text[s.speaker_start:s.speaker_end] if s.speaker_start is not None else "",
             text[s.start:s.end]) for s in find_statements(text)]


def test_a_verb_of_accusing_or_telling_takes_its_subject_first_and_the_next_actor_as_its_object():
    assert _said("واتهمت روسيا الولايات المتحدة بأنها تدعم الإرهابيين.") == [
        ("RUSSIA", "روسيا", "أنها تدعم الإرهابيين")]
    assert _said("وأبلغت الولايات المتحدة مسلحي المعارضة بأن عليهم ألا يتوقعوا دعما.")[0][:2] == (
        "US", "الولايات المتحدة")
    assert _said("واتهمت روسيا وإيران الولايات المتحدة بأنها تدعم الإرهابيين.")[0][:2] == ("RUSSIA", "روسيا وإيران")
    assert _said("واتهم المتحدث باسم البنتاغون روسيا بأنها تكذب.")[0][:2] == ("US", "المتحدث باسم البنتاغون")
    # a role and its name are one actor: no cut inside the subject
    assert _said("وأبلغ وزير الخارجية الأمريكي مايك بومبيو نظيره الروسي أن واشنطن لن تتراجع.")[0][:2] == (
        "US", "وزير الخارجية الأمريكي مايك بومبيو")
    # a lone actor after the verb stays its object: no subject, no speaker
    assert _said("واتهم الولايات المتحدة بأنها تدعم الإرهابيين.")[0][:2] == (UNKNOWN, "")


def test_an_actor_after_an_svo_verb_is_its_object_and_an_actor_after_li_its_addressee():
    assert _said("بغداد تحذر أنقرة: نرفض أي خرق لحدودنا") == [("IRAQ", "بغداد تحذر أنقرة", "نرفض أي خرق لحدودنا")]
    assert [a for a, _, _ in _said("ترامب يتوعد روسيا: استعدي الصواريخ قادمة لضرب سوريا")] == ["US"]
    assert _said("الولايات المتحدة تتهم روسيا بأنها تدعم الأسد.")[0][:2] == ("US", "الولايات المتحدة")
    text = "قال المتحدث باسم البنتاغون إن القوات انسحبت. وأكد لمجلس الأمن أن الانسحاب مستمر."
    assert [a for a, _, _ in _said(text)] == ["US", "US"]
    assert _said("وقال لافروف للأمم المتحدة إن الوضع خطير.")[0][0] == "RUSSIA"
    # ل after other words is no addressee of the verb: "بيان، نشر على موقع تابع للتنظيم،" keeps its words
    assert _said("وذكر بيان، نشر على موقع تابع للتنظيم، أن اثنين من عناصره كانا وراء الهجوم.")[0][1] == "للتنظيم"


def test_a_label_with_its_own_reporting_verb_is_one_statement_not_two():
    assert _said("وقال بوتين: يجب تعزيز البعد الإنساني في النزاع.") == [
        ("RUSSIA", "بوتين", "يجب تعزيز البعد الإنساني في النزاع")]
    assert _said("إسرائيل تحذر: سنواصل تحركنا ضد إيران في سوريا") == [
        ("ISRAEL", "إسرائيل", "سنواصل تحركنا ضد إيران في سوريا")]
    assert _said("لافروف: موسكو وواشنطن اتفقتا على الشروع في التنسيق") == [
        ("RUSSIA", "لافروف", "موسكو وواشنطن اتفقتا على الشروع في التنسيق")]


def test_a_quotation_between_two_reporting_verbs_is_one_statement_of_the_verb_before_it():
    text = 'وقال روحاني لدبلوماسيين " على أمريكا أن تعرف أن السلام مع إيران هو أم السلام"، ونقلت وكالة الأنباء الإيرانية الرسمية (إيرنا) تصريحاته.'
    assert [(a, c) for a, _, c in _said(text)] == [("IRAN", "على أمريكا أن تعرف أن السلام مع إيران هو أم السلام")]
    text = 'وقال ترامب خلال وجوده في ولاية جورجيا: "لا أعلم، علي أن أرى ما حدث"، وأضاف أنه سيتحدث مع الملك.'
    assert [(a, c) for a, _, c in _said(text)] == [("US", "لا أعلم، علي أن أرى ما حدث"), ("US", "أنه سيتحدث مع الملك")]
    # a quotation with no verb before it keeps the verb after it ("..."، وأضاف ترامب)
    text = 'قال ترامب إن القرار قريب. "نحن ندرس الوضع عن قرب"، أضاف ترامب.'
    assert [c for _, _, c in _said(text)] == ["إن القرار قريب", "نحن ندرس الوضع عن قرب"]


# --- an according-to clause that relays quoted words; the subject and object of accusing or telling -----------------

def test_a_continuation_after_an_according_to_relay_continues_the_quoted_speaker(lex):
    # the quotation spans a sentence end: the according-to clause relays its last sentence
    text = ('وصرح وزير الخارجية التركي في أنقرة: "العملية مستمرة. ولن نتوقف حتى تطهير المنطقة"، وفق وكالة الأناضول.\n'
            "وأضاف أن القوات تتقدم.")
    ms = [mention(text, "وزير الخارجية التركي", "TURKEY")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [
        ("صرح", "TURKEY"), ("وفق", "MEDIA"), ("أضاف", "TURKEY")]
    # an according-to clause over narration (no statement before it) is the source the next verb continues
    narration = "وقتل عشرة مدنيين في القصف، وفق وكالة الأناضول.\nوأضافت أن القصف مستمر."
    assert actors(narration, find_statements(narration, mentions=[], lexicon=lex)) == [("وفق", "MEDIA"), ("أضافت", "MEDIA")]


def test_a_verb_of_accusing_or_telling_takes_the_first_of_two_actors_as_its_subject(lex):
    text = "واتهمت روسيا الولايات المتحدة بأنها تعرقل الحل."
    ms = [mention(text, "روسيا", "RUSSIA", "name"), mention(text, "الولايات المتحدة", "US", "name")]
    found = find_statements(text, mentions=ms, lexicon=lex)
    assert [(s.verb, s.speaker_actor, text[s.speaker_start:s.speaker_end]) for s in found] == [("اتهمت", "RUSSIA", "روسيا")]
    told = "وأبلغ لافروف نظيره الأمريكي بأن موسكو لن تتراجع."
    ms = [mention(told, "لافروف", "RUSSIA", "person"), mention(told, "نظيره الأمريكي", "US"),
          mention(told, "موسكو", "RUSSIA", "metonym")]
    assert actors(told, find_statements(told, mentions=ms, lexicon=lex)) == [("أبلغ", "RUSSIA")]
    # one actor's mentions alone are the accused: the subject is the previous speaker's, not the object
    alone = "وقال لافروف إن موسكو لن تتراجع. واتهم وزير الخارجية الأمريكي مايك بومبيو بأنه يعرقل الحل."
    ms = [mention(alone, "لافروف", "RUSSIA", "person"), mention(alone, "موسكو", "RUSSIA", "metonym"),
          mention(alone, "وزير الخارجية الأمريكي", "US"), mention(alone, "مايك بومبيو", "US", "person")]
    assert actors(alone, find_statements(alone, mentions=ms, lexicon=lex)) == [("قال", "RUSSIA"), ("اتهم", "RUSSIA")]


def test_a_colon_label_holding_a_framed_reporting_verb_is_one_statement(lex):
    text = 'وقال ماتيس: "نحن نعلم جيدا أحد أنواع الغاز المستخدم في الهجوم".'
    ms = [mention(text, "ماتيس", "US", "person")]
    assert [(s.verb, s.speaker_actor, text[s.speaker_start:s.speaker_end])
            for s in find_statements(text, mentions=ms, lexicon=lex)] == [("قال", "US", "ماتيس")]
    # a headline with its subject before the verb (SVO): the verb's gap is the object, the label's subject speaks
    headline = "ترامب يحذر روسيا: الصواريخ قادمة لضرب سوريا"
    ms = [mention(headline, "ترامب", "US", "person"), mention(headline, "روسيا", "RUSSIA", "name")]
    assert [(s.verb, s.speaker_actor) for s in find_statements(headline, mentions=ms, lexicon=lex)] == [(":", "US")]
    # a label without a reporting verb stays the colon statement
    label = "لافروف: موسكو وواشنطن اتفقتا على مواصلة الاتصالات"
    ms = [mention(label, "لافروف", "RUSSIA", "person")]
    assert [(s.verb, s.speaker_actor) for s in find_statements(label, mentions=ms, lexicon=lex)] == [(":", "RUSSIA")]


def test_verbs_of_pointing_out_and_going_on_frame_statements():
    assert _said("ونوهت المتحدثة باسم البنتاغون إلى أن ماتيس لم يقل ذلك.") == [
        ("US", "المتحدثة باسم البنتاغون", "أن ماتيس لم يقل ذلك")]
    text = 'وقال المتحدث باسم البنتاغون إن القوات باقية. واستطرد قائلا: "لن نغادر قبل هزيمة التنظيم".'
    assert [a for a, _, _ in _said(text)] == ["US", "US"]


# --- attribution after the clause, relays by نسب, headlines with the occasion -------------------------------

def test_as_said_after_the_clause_attributes_it_and_also_said_does_not(lex):
    text = "وشنت القوات هجوما جديدا على البلدة، كما قال مسؤول في البنتاغون."
    us = mention(text, "البنتاغون", "US", "name")
    found = find_statements(text, mentions=[us], lexicon=lex)
    assert actors(text, found) == [("كما قال", "US")]
    assert text[found[0].start:found[0].end] == "وشنت القوات هجوما جديدا على البلدة"
    # كما opening a clause with its own complement is "also said": one statement, with its own verb
    also = "وقال الوزير إن الهجوم فشل. كما قال المتحدث باسم البنتاغون إن القوات انسحبت."
    us = mention(also, "البنتاغون", "US", "name")
    assert actors(also, find_statements(also, mentions=[us], lexicon=lex)) == [("قال", UNKNOWN), ("قال", "US")]
    # not a saying verb ("also denied"), a clause going on after the source, no source named: no statement
    for text in ("ونفت الوزارة الاتهامات، كما نفى متحدث باسم البنتاغون ذلك.",
                 "ويحتجز التنظيم، كما تفيد تقارير، أكثر من 30 امرأة.",
                 "وقرر الرئيس الانسحاب من الاتفاق، كما قال، ويرضي كذلك حلفاءه."):
        ms = [mention(text, "البنتاغون", "US", "name")] if "البنتاغون" in text else []
        assert [s.verb for s in find_statements(text, mentions=ms, lexicon=lex)] == [], text
    # a day after the source is no part of it
    day = "وأصدرت المحكمة مذكرة توقيف بحق رجل، كما ذكرت وسائل إعلام محلية الخميس."
    st = find_statements(day, mentions=[], lexicon=lex)
    assert [(s.speaker_actor, day[s.speaker_start:s.speaker_end]) for s in st] == [("MEDIA", "وسائل إعلام محلية")]


def test_attributing_words_to_someone_makes_them_the_speaker_only_with_a_clause(lex):
    text = "ونسبت وكالة إنترفاكس إلى لافروف قوله أمام طلاب في موسكو إن للحكومة كل الحق في ذلك."
    ru = mention(text, "لافروف", "RUSSIA", "person")
    found = find_statements(text, mentions=[ru], lexicon=lex)
    assert actors(text, found) == [("نسبت", "RUSSIA")]
    assert text[found[0].speaker_start:found[0].speaker_end] == "لافروف"
    # a deed credited to someone, with or without a quoted term, reports no words
    for deed in ("ونسبت الحكومة الهجوم إلى تنظيم داعش.", "ونسب إلى أجهزة الاستخبارات منع \"مذبحة لا يمكن تصورها\"."):
        assert find_statements(deed, mentions=[], lexicon=lex) == []


def test_a_headline_label_with_the_occasion_of_speaking_names_its_speaker(lex):
    text = "بوتين في أول تصريح بعد إعادة انتخابه: لن يكون هناك سباق تسلح\nنص الخبر."
    ru = mention(text, "بوتين", "RUSSIA", "person")
    found = find_statements(text, mentions=[ru], lexicon=lex)
    assert [(s.speaker_actor, text[s.speaker_start:s.speaker_end], s.quote_type) for s in found] == [
        ("RUSSIA", "بوتين", "direct")]
    # a long label with no speech noun is a topic
    topic = "روسيا بعد الضربة الأمريكية على سوريا الليلة الماضية: ردود فعل غاضبة ومتباينة\nنص."
    ms = [mention(topic, "روسيا", "RUSSIA", "name"), mention(topic, "الضربة الأمريكية", "US")]
    assert find_statements(topic, mentions=ms, lexicon=lex) == []


def test_a_lone_preposition_between_verb_and_complement_is_no_subject(lex):
    text = "وقال الوزير الروسي إن الحل قريب، وكشف عن أن محادثات تجري منذ فترة."
    ru = mention(text, "الوزير الروسي", "RUSSIA")
    assert actors(text, find_statements(text, mentions=[ru], lexicon=lex)) == [("قال", "RUSSIA"), ("كشف", "RUSSIA")]


def test_the_topic_after_the_speaker_is_not_the_speaker(lex):
    text = "وقال الرئيس الأمريكي عن الأسد إنه يجب أن يرحل."
    ms = [mention(text, "الرئيس الأمريكي", "US"), mention(text, "الأسد", "SYRIAN_GOV", "person")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("قال", "US")]


def test_a_coordinated_verb_continues_the_subject_not_a_name_in_the_object(lex):
    text = "وهاجمت الحكومة الأمريكية مواقع تنظيم داعش، وقالت إن الضحايا من المسلحين."
    ms = [mention(text, "الحكومة الأمريكية", "US"), mention(text, "تنظيم داعش", "ISIS", "name")]
    assert actors(text, find_statements(text, mentions=ms, lexicon=lex)) == [("قالت", "US")]
    # a name after a preposition is no subject either
    credited = "ونسبت الحكومة الهجوم إلى تنظيم داعش، وقالت إن الضحايا مدنيون."
    ms = [mention(credited, "تنظيم داعش", "ISIS", "name")]
    assert actors(credited, find_statements(credited, mentions=ms, lexicon=lex)) == [("قالت", UNKNOWN)]


def test_a_statement_the_clause_s_subject_issued_is_its_own(lex):
    text = "نفذت قوات سوريا الديمقراطية عملية عسكرية ضد مواقع الجيش التركي، بحسب بيان نشرته مساء السبت."
    sdf = mention(text, "قوات سوريا الديمقراطية", "SDF", "name")
    assert actors(text, find_statements(text, mentions=[sdf], lexicon=lex)) == [("بحسب", "SDF")]
    # the issuer named after the verb speaks; with no subject mention the statement stays unknown
    named = "قتل 5 مدنيين في غارات روسية، بحسب بيان نشرته وزارة الدفاع الروسية."
    ms = [mention(named, "غارات روسية", "RUSSIA"), mention(named, "وزارة الدفاع الروسية", "RUSSIA")]
    assert actors(named, find_statements(named, mentions=ms, lexicon=lex)) == [("بحسب", "RUSSIA")]
    bare = "قتل 5 مدنيين في غارات روسية، بحسب بيان نشرته مساء السبت."
    ms = [mention(bare, "غارات روسية", "RUSSIA")]
    assert actors(bare, find_statements(bare, mentions=ms, lexicon=lex)) == [("بحسب", UNKNOWN)]


def test_a_relative_pronoun_right_after_a_monitor_is_the_monitor(lex):
    text = "وأغارت طائرات روسية على المستشفى، حسب المرصد السوري، الذي أفاد بأن مستشفى آخر توقف عن العمل."
    ru = mention(text, "طائرات روسية", "RUSSIA")
    assert [a for _, a in actors(text, find_statements(text, mentions=[ru], lexicon=lex))] == ["NGO", "NGO"]
