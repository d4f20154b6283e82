"""Stance cues on real constructions: names before cues, exclusion contexts, word sense, four quotation kinds,
distancing nouns and the actor an evaluative term evaluates; every example of the lexicon, both ways."""

from __future__ import annotations

import pytest
import yaml

from analysis.stance import DEFAULT_LEXICON, OUTLET, find_cues, load_lexicon
from analysis.stance.sense import only_perfect, verb_tenses

from .mentions import Mention


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def of(cues, category):
    return [c for c in cues if c.category == category]


def _entries():
    data = yaml.safe_load(DEFAULT_LEXICON.read_text(encoding="utf-8"))
    for section in ("reporting_verbs", "cues"):
        for entry in data[section]:
            category = entry.get("category", "reporting_verb")
            subtype = entry.get("subtype") or entry.get("commitment")
            lemma = entry.get("lemma") or entry.get("surface") or entry.get("stem")
            for i, text in enumerate(entry.get("examples", [])):
                yield pytest.param(category, subtype, text, True, id=f"{section}:{lemma}:example{i}")
            for i, text in enumerate(entry.get("counterexamples", [])):
                yield pytest.param(category, subtype, text, False, id=f"{section}:{lemma}:counterexample{i}")


@pytest.mark.parametrize(("category", "subtype", "text", "positive"), list(_entries()))
def test_every_lexicon_example_and_counterexample(category, subtype, text, positive):
    """Each entry's examples hold a cue of its category and subtype, its counterexamples (written to hold
    no other such cue) none; with the actor detector's mentions, as in a run."""
    cues = [c for c in find_cues(text) if c.category == category and c.subtype == subtype]
    assert bool(cues) == positive, (text, [(c.surface, c.category) for c in find_cues(text)])


def test_the_lexicon_ships_examples_for_the_entries_that_need_a_context():
    data = yaml.safe_load(DEFAULT_LEXICON.read_text(encoding="utf-8"))
    with_exclusions = [e for s in ("reporting_verbs", "cues") for e in data[s] if e.get("exclusions")]
    assert with_exclusions and all(e.get("counterexamples") for e in with_exclusions)


def test_no_cue_inside_a_name_of_the_lexicon_or_an_actor_mention(lex):
    text = "وقال رئيس تحرير الصحيفة إن منظمة التحرير الفلسطينية أيدت قانون مكافحة الإرهاب، وإن الإرهاب خطر."
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "evaluative")] == ["الإرهاب"]  # only the last, outside any name


def test_caliphate_is_not_disagreements_and_stands_for_isis(lex):
    cues = find_cues("وتصاعدت الخلافات بين الطرفين. وأعلن التنظيم قيام دولة الخلافة.", mentions=[], lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(cues, "evaluative")] == [("الخلافة", "ISIS")]


def test_qalsadi_tells_a_perfect_from_an_imperfect_after_qad():
    assert only_perfect("توقفت") and only_perfect("تمكنت")
    assert not only_perfect("تكون") and not only_perfect("يحاول")
    assert verb_tenses("تتراجع") == frozenset({"imperfect"})


def test_qad_before_a_perfect_is_no_hedge(lex):
    text = "وقد توقفت المعارك أمس. وكان ترامب قد توعد بالرد. وقد تكون هناك مفاوضات قريبا."
    assert [c.surface for c in of(find_cues(text, mentions=[], lexicon=lex), "hedge")] == ["قد تكون"]


def test_four_kinds_of_quotation_with_who_marked_and_whose_words(lex):
    text = ('وقال المتحدث إن الهجوم بدأ "لتطهير المناطق الشمالية". وتواصل القوات "تطهير" المنطقة. '
            'وعرضت القناة فيلم "الخوذ البيضاء" وصواريخ من طراز "إس-400". وانتشرت قوات في ما يسمى بـ"المنطقة الآمنة".')
    cues = find_cues(text, mentions=[], lexicon=lex)
    partial, = of(cues, "partial_quote")
    assert (partial.surface, partial.marked_by, partial.words_of) == ('"لتطهير المناطق الشمالية"', OUTLET, partial.speaker_actor)
    assert [(c.surface, c.marked_by, c.words_of) for c in of(cues, "scare_quote")] == [
        ('"تطهير"', OUTLET, ""), ('"المنطقة الآمنة"', OUTLET, "")]
    assert [c.surface for c in of(cues, "quoted_name")] == ['"الخوذ البيضاء"', '"إس-400"']
    assert [(c.surface, c.speaker_actor) for c in of(cues, "so_called")] == [("ما يسمى", OUTLET)]


def test_so_called_is_credited_to_whoever_writes_it(lex):
    text = "وقال الوزير إن ما يسمى بالمعارضة المعتدلة انهارت. وانسحبت القوات من المنطقة الآمنة المزعومة."
    cues = find_cues(text, mentions=[], lexicon=lex)
    voices = [(c.surface, c.speaker_actor == OUTLET) for c in of(cues, "so_called")]
    assert voices == [("ما يسمى", False), ("المزعومة", True)]  # the minister's, then the outlet's
    assert of(find_cues("وقال بحسب ما وصفه المتحدث إن القوات انسحبت.", mentions=[], lexicon=lex), "so_called") == []


def test_distancing_verbs_with_a_noun_object_and_not_named_or_prosecutor(lex):
    cues = find_cues("سوريا تزعم إسقاط طائرة. واعتقل شاب يدعى أبو علي، وقال المدعي العام إن التحقيق جار.",
                     mentions=[], lexicon=lex)
    assert [c.surface for c in cues if c.subtype == "distancing"] == ["تزعم"]


def test_an_evaluative_term_records_the_actor_it_evaluates(lex):
    text = "وقصفت ميليشيات حزب الله القرية. وقال إن الإرهاب خطر على الجميع."
    start = text.index("حزب الله")
    cues = find_cues(text, mentions=[Mention(start, start + len("حزب الله"), "HEZBOLLAH")], lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(cues, "evaluative")] == [("ميليشيات", "HEZBOLLAH"), ("الإرهاب", "")]


def test_a_quotation_in_narration_is_someones_words_a_contested_label_or_no_cue(lex):
    text = ('ودعت الحكومة البريطانية إلى "الانخراط بشكل صحيح" في التحقيق. وأرسل الأسد وفد "معارضة" إلى الأكراد. '
            'وكان "الفان" يمر مسرعا. وعرضت منظومة "S 300" في الساحة.')
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [(c.surface, c.words_of) for c in of(cues, "partial_quote")] == [('"الانخراط بشكل صحيح"', "UNKNOWN")]
    assert [c.surface for c in of(cues, "scare_quote")] == ['"معارضة"']
    assert [c.surface for c in of(cues, "quoted_name")] == ['"S 300"']  # "الفان": a colloquial word, no cue
    hezbollah = 'وقال ناشطون إن القائد ينتمي "لحزب الله" منذ سنوات.'
    start = hezbollah.index("حزب الله")

    mention = Mention(start, start + len("حزب الله"), "HEZBOLLAH")
    named = find_cues(hezbollah, mentions=[mention], lexicon=lex)
    assert [c.surface for c in of(named, "quoted_name")] == ['"لحزب الله"'] and not of(named, "partial_quote")


def test_marks_opening_right_after_a_complementizer_hold_the_whole_content_not_a_partial_quote(lex):
    # the reporting frame ("أعلنته ... من أن") need not be recognized: a clause in marks right after أن is speech
    text = ('وذكرت الوكالة الرسمية ما أعلنته في وقت سابق من أن "خبراء لجنة الأسلحة الكيميائية دخلوا دوما" '
            'بعد ثلاثة أيام. وقال الوزير إن "الحكومة تتعاون بشكل وثيق مع حكومة ليبيا".')
    assert of(find_cues(text, mentions=[], lexicon=lex), "partial_quote") == []
    # unquoted words of the content before the marks: a partial quotation
    text = 'وقال الوزير إن الحكومة "تبذل كل ما بوسعها" لإنقاذ الرهائن.'
    assert [c.surface for c in of(find_cues(text, mentions=[], lexicon=lex), "partial_quote")] == ['"تبذل كل ما بوسعها"']


def test_a_figure_or_wrongly_paired_marks_are_no_quotation_cue(lex):
    text = ('وأشارت الوكالة إلى إخراج "53" حافلة من المدينة. وبحسب التقرير، فإن "جماعة نصرة الإسلام" (والتي تلقب '
            'نفسها بـ"الفرع الرسمي للقاعدة في مالي) و"تنظيم الدولة في الصحراء" تبنتا هجمات.')
    cues = [c for c in find_cues(text, mentions=[], lexicon=lex) if c.category in QUOTATION_KINDS]
    assert [(c.surface, c.category) for c in cues] == [('"جماعة نصرة الإسلام"', "quoted_name")]


QUOTATION_KINDS = ("partial_quote", "scare_quote", "quoted_name")


def test_a_quoted_source_or_web_address_is_a_name_not_speech(lex):
    text = 'وأكد في كلمته أن القلق كبير، بحسب "فرانس برس". وقالت إن الصورة وجدتها "العربية.نت" في مواقع كثيرة.'
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "quoted_name")] == ['"فرانس برس"', '"العربية.نت"']
    assert of(cues, "partial_quote") == []


def test_a_name_trigger_with_a_folded_ta_marbuta_needs_it_written(lex):
    # بلده "his country" normalizes like بلدة "town": the quotation after it is the speaker's words, no name
    said = find_cues('وقال رئيس الوزراء إن بلده "لم يعد يتحمل اقتصاديا" في هذه المرحلة.', mentions=[], lexicon=lex)
    assert [c.category for c in said if c.category in QUOTATION_KINDS] == ["partial_quote"]
    town = find_cues('وسيطرت القوات على بلدة "كفر نبودة" في الريف.', mentions=[], lexicon=lex)
    assert [c.category for c in town if c.category in QUOTATION_KINDS] == ["quoted_name"]


def test_so_called_of_people_and_a_long_stretch_after_it(lex):
    text = ('وهددت بضرب الجنود إذا ارتدوا زي من وصفتهم بـ"الإرهابيين". واتهمت روسيا الولايات المتحدة بالترويج '
            'لهذه الأخبار من خلال ما وصفها بـ"شخصيات غير معروفة مقيمة في أمريكا".')
    cues = find_cues(text, lexicon=lex)
    assert [c.surface for c in of(cues, "so_called")] == ["من وصفتهم", "ما وصفها"]
    assert [c.surface for c in of(cues, "scare_quote")] == ['"الإرهابيين"']  # a short label
    long, = of(cues, "partial_quote")  # the describer's own words
    assert (long.surface, long.words_of) == ('"شخصيات غير معروفة مقيمة في أمريكا"', "RUSSIA")


def test_a_designation_or_a_pretext_quotes_the_actors_words(lex):
    text = ('وتصنف الحكومة المصرية الجماعة بأنها "إرهابية". والعملية التي تشنها أنقرة بذريعة طرد "إرهابيين أكراد" '
            'مستمرة. وأرسل الأسد وفد "معارضة" إلى الأكراد.')
    cues = find_cues(text, lexicon=lex)
    assert [(c.surface, c.words_of) for c in of(cues, "partial_quote")] == [
        ('"إرهابية"', "EGYPT"), ('"إرهابيين أكراد"', "TURKEY")]
    assert [c.surface for c in of(cues, "scare_quote")] == ['"معارضة"']  # no speech word: the outlet's distance


def test_quoted_words_in_narration_are_the_speech_words_subject(lex):
    text = 'السعودية تعلن "تعطيل التواصل" مع قطر بسبب "تحريفها الحقائق"\nوأعلن الجيش الإسرائيلي اعتقال 11 "مطلوبا" في الضفة.'
    cues = find_cues(text, lexicon=lex)
    assert [(c.surface, c.words_of) for c in of(cues, "partial_quote")] == [
        ('"تحريفها الحقائق"', "SAUDI_ARABIA"), ('"مطلوبا"', "ISRAEL")]  # not قطر, the nearest mention


def test_the_target_of_an_evaluative_term_through_control_judging_and_pronouns(lex):
    text = ('وقال المتحدث "نحث روسيا على التوقف عن اختلاق أمور غرضها الإلهاء وحمل نظام الأسد على التوقف عن البطش بالمدنيين". '
            'وأضاف أن روسيا مسؤولة عن تمكين نظام الأسد من ممارسة أساليبه الوحشية. '
            'وأعربت الخارجية الروسية عن أسفها لقرار ترمب الذي عدته انتهاكا للقانون الدولي. '
            'ودعا إلى محاسبة نظام الأسد على انتهاكاته.')
    cues = of(find_cues(text, lexicon=lex), "evaluative")
    assert [(c.surface, c.target_actor) for c in cues] == [
        ("اختلاق", "RUSSIA"), ("البطش", "SYRIAN_GOV"), ("الوحشية", "SYRIAN_GOV"), ("انتهاكا", "US"),
        ("انتهاكاته", "SYRIAN_GOV")]


def test_no_target_from_a_folded_ta_marbuta_or_past_a_definite_term(lex):
    # الجماعة ends in a folded ة, no pronoun; a definite term heads no genitive (تنفيذا لأوامر العبادي is no possessor)
    text = 'وقالت وزارة الدفاع الروسية إن الجماعة الإرهابية قصفت القرية. وأعدم العراق 12 مدانا بالإرهاب تنفيذا لأوامر العبادي.'
    cues = of(find_cues(text, lexicon=lex), "evaluative")
    assert [(c.surface, c.target_actor) for c in cues] == [("الإرهابية", ""), ("الإرهاب", "")]


def test_a_quotation_joined_to_a_quoted_name_is_one_more_name(lex):
    named = find_cues('وعرضت القناة فيلم "الخوذ البيضاء" و"عودة" في المهرجان.', mentions=[], lexicon=lex)
    assert [c.surface for c in of(named, "quoted_name")] == ['"الخوذ البيضاء"', '"عودة"']
    labels = find_cues('وكانت "الحكومة" و"المعارضة" تتفاوضان.', mentions=[], lexicon=lex)
    assert of(labels, "quoted_name") == [] and [c.surface for c in of(labels, "scare_quote")] == ['"المعارضة"']


def test_quoted_words_of_a_sentence_whose_subject_is_not_next_to_the_speech_word(lex):
    cues = find_cues('طالبت كل من بريطانيا وفرنسا وألمانيا بإجراء "تحقيق موثوق" بشأن اختفاء الصحفي.', lexicon=lex)
    assert [(c.surface, c.words_of) for c in of(cues, "partial_quote")] == [('"تحقيق موثوق"', "UK")]  # not the nearest


def test_a_demonstrative_or_a_verbs_object_pronoun_is_no_possessor_and_adjectives_agree(lex):
    # هذه is no هذ + ه; الإرهاب after a masdar with a pronoun is its object, not an adjective of it; a definite
    # adjective carries the genitive on (المعقل الأخير لداعش)
    text = ('وقال الوزير الإسرائيلي "قصفنا مواقع هذه المليشيات". وقال إن قطر تحاول وقف دعمها للإرهاب. '
            'وتعد المنطقة المعقل الأخير لداعش في البلاد.')
    cues = of(find_cues(text, lexicon=lex), "evaluative")
    assert [(c.surface, c.target_actor) for c in cues] == [("المليشيات", ""), ("لإرهاب", ""), ("المعقل", "ISIS")]


def test_a_pronoun_skips_a_prepositions_object_for_its_antecedent(lex):
    text = 'وقال الحريري إن إسرائيل "تبقى التهديد الرئيسي للبنان، وانتهاكاتها اليومية لسيادتنا يجب أن تتوقف".'
    assert [(c.surface, c.target_actor) for c in of(find_cues(text, lexicon=lex), "evaluative")] == [
        ("انتهاكاتها", "ISRAEL")]  # not لبنان, the latest mention, object of ل
    only = 'وطالب بالتحقيق مع روسيا في انتهاكاتها اليومية.'  # no other candidate: the preposition's object it is
    assert [c.target_actor for c in of(find_cues(only, lexicon=lex), "evaluative")] == ["RUSSIA"]


def test_a_label_a_comma_and_a_figure_with_a_sign_are_not_taken_for_names_or_numbers(lex):
    text = ('وتعتبر أنقرة وحدات حماية الشعب "جماعة إرهابية". وقال الحريري إن اللبنانيين حرروا أرضهم من تنظيم '
            '"الدولة الإسلامية"، "بوسائل قليلة"، مشيدا بالجيش.\nمباحثات "2+2" بين القاهرة وموسكو\n'
            'ويقتصر تواجد هيئة "تحرير الشام" في الغوطة.')
    cues = find_cues(text, lexicon=lex)
    assert [c.surface for c in of(cues, "partial_quote")] == ['"جماعة إرهابية"', '"بوسائل قليلة"']
    assert [c.surface for c in of(cues, "quoted_name")] == ['"الدولة الإسلامية"', '"2+2"', '"تحرير الشام"']


def test_a_complementizer_with_a_pronoun_and_a_conjunction_or_a_resumptive_fa_opens_the_whole_content(lex):
    text = ('وقال المتحدث إنه و"بسبب الأحوال الجوية السيئة يجب تأجيل الرحلات كلها". '
            'وبحسب بيان الوزارة فإن "الطرق المؤدية إلى المدينة أغلقت منذ الصباح".')
    assert of(find_cues(text, mentions=[], lexicon=lex), "partial_quote") == []
    # a conjunction before the marks with unquoted content before it: the quotation goes on from the content
    text = 'وقال المتحدث إن المدينة هادئة و"الطرق مفتوحة أمام الجميع" منذ الصباح.'
    assert [c.surface for c in of(find_cues(text, mentions=[], lexicon=lex), "partial_quote")] == [
        '"الطرق مفتوحة أمام الجميع"']


def test_a_clause_in_marks_closing_a_sentence_after_a_speech_word_without_a_complementizer_is_direct_speech(lex):
    text = ('وقال الوزير في مقابلة مع برنامج إذاعي مسائي "لا أستبعد أي خيار في هذه المرحلة". '
            'وأصدر المجلس بيانا جاء فيه "نشكر كل من ساعد الأهالي في المدينة".')
    assert of(find_cues(text, mentions=[], lexicon=lex), "partial_quote") == []
    # the object of a preposition, a conjunction joined to the mark, or words after the marks: partial quotes
    text = ('ودعا الوزير إلى "وقف فوري لكل العمليات العسكرية". '
            'وطالب الحزب بوقف القتال و"عدم تلقي الأوامر من أي طرف خارجي". '
            'وقال الوزير "لا أستبعد أي خيار" في رده على الصحفيين.')
    got = [c.surface for c in of(find_cues(text, mentions=[], lexicon=lex), "partial_quote")]
    assert got[:2] == ['"وقف فوري لكل العمليات العسكرية"', '"عدم تلقي الأوامر من أي طرف خارجي"']


def test_a_nickname_or_a_social_network_in_marks_is_a_quoted_name(lex):
    text = ('وكان الرجل جزءا من خلية أطلق عليها الرهائن لقب "الرباعي الصغير" بسبب لهجتهم. '
            'وقال ناشطون إن الصور نشرت على مواقع التواصل الاجتماعي "فيسبوك" أمس.')
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "quoted_name")] == ['"الرباعي الصغير"', '"فيسبوك"']
    assert of(cues, "partial_quote") == []


def test_a_quotation_opening_with_a_main_clause_word_after_a_speech_word_is_direct_speech(lex):
    text = ('ووفقا لمصادر محلية "فقد أغلقت السلطات المعابر كلها منذ الفجر". '
            'وقال المسؤول في حديث مع الصحفيين "هل يعقل أن تبقى المدينة بلا ماء".')
    assert of(find_cues(text, mentions=[], lexicon=lex), "partial_quote") == []
    # after a complementizer with unquoted words, or a preposition: the same words are a partial quotation
    text = ('وقال الوزير إن الحكومة "لن تتراجع عن قرارها أبدا". '
            'ودعا الحزب إلى "لن نقبل بأي تأجيل جديد".')
    assert [c.surface for c in of(find_cues(text, mentions=[], lexicon=lex), "partial_quote")] == [
        '"لن تتراجع عن قرارها أبدا"', '"لن نقبل بأي تأجيل جديد"']


def test_speaking_of_asking_for_or_ruling_out_makes_a_quotation_in_narration_someones_words(lex):
    text = ('وتحدث الوزير عن خطة "طويلة الأمد" للمدينة. ولم يستبعد القاضي أن تستمر الجلسة "ساعات طويلة". '
            'وطلبت الأسرة المساعدة في "كشف الحقيقة" كاملة.')
    assert [c.surface for c in of(find_cues(text, mentions=[], lexicon=lex), "partial_quote")] == [
        '"طويلة الأمد"', '"ساعات طويلة"', '"كشف الحقيقة"']
    # no speech word in the sentence: a quoted phrase of nobody in particular, no partial quote
    text = 'ومرت في الشارع خطة "طويلة الأمد" للمدينة.'
    assert of(find_cues(text, mentions=[], lexicon=lex), "partial_quote") == []


def test_a_base_a_feast_or_a_network_named_in_marks_is_a_quoted_name(lex):
    text = ('وقصفت الطائرات قاعدة "الوادي الأخضر" العسكرية. واحتفل السكان بعيد "الربيع" أمس. '
            'وقال الوزير لشبكة "صوت المدينة" إن الوضع هادئ. ودعت افتتاحية "الغد الجديد" إلى التهدئة.')
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "quoted_name")] == ['"الوادي الأخضر"', '"الربيع"', '"صوت المدينة"',
                                                            '"الغد الجديد"']
    # no naming word before the marks, an expecting verb earlier in the sentence: someone's words
    text = 'وتوقع محللون أن تكون المدينة "المستفيد الأكبر" من الاتفاق.'
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "partial_quote")] == ['"المستفيد الأكبر"'] and not of(cues, "quoted_name")


def test_a_naming_phrase_of_two_words_before_the_marks_makes_a_quoted_name(lex):
    text = 'وبدأ الجيش عملية واسعة أطلق عليها "فجر الوادي" منذ أسبوع.'
    assert [c.surface for c in of(find_cues(text, mentions=[], lexicon=lex), "quoted_name")] == ['"فجر الوادي"']
    # the same pronoun after another verb names nothing: a speech word makes the quotation someone's words
    text = 'وقال الوزير إن الحكومة ردت عليها "بحزم شديد" أمس.'
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert not of(cues, "quoted_name") and [c.surface for c in of(cues, "partial_quote")] == ['"بحزم شديد"']


def test_a_speech_word_with_an_object_pronoun_or_a_plural_ending_makes_the_quotation_someones_words(lex):
    cues = find_cues('وقصف الجيش مواقع الحزب الذي تصنفه تركيا كـ"تنظيم إرهابي" منذ سنوات.', lexicon=lex)
    assert [(c.surface, c.words_of) for c in of(cues, "partial_quote")] == [('"تنظيم إرهابي"', "TURKEY")]
    assert not of(cues, "scare_quote")  # Turkey's designation, not the outlet's distance
    cues = find_cues('وعرضت موسكو الخروج على المقاتلين الذين يعتبرون الأمر "تهجيرا" قسريا.', lexicon=lex)
    assert [c.surface for c in of(cues, "partial_quote")] == ['"تهجيرا"']
    # an ending on a word that is no speech word once stripped (المدنيون) makes nothing of a plain quotation
    cues = find_cues('ويقيم المدنيون في مخيمات "عشوائية" قرب الحدود.', mentions=[], lexicon=lex)
    assert not of(cues, "partial_quote")


def test_a_quotation_the_direct_frame_takes_is_a_partial_quote_when_governed_or_embedded_in_the_clause(lex):
    cues = find_cues('وألقى الوزير خطابا، مشيرا إلى "جهدها غير المسبوق للتأثير على الرأي العام".', mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "partial_quote")] == ['"جهدها غير المسبوق للتأثير على الرأي العام"']
    cues = find_cues('ونفى مسؤول سعودي رفيع "بشكل قاطع" تورط بلاده في الحادث.', lexicon=lex)
    assert [(c.surface, c.words_of) for c in of(cues, "partial_quote")] == [('"بشكل قاطع"', "SAUDI_ARABIA")]
    # direct speech stays a statement: a sentence closed by its marks, one after قائلا, one followed by a channel
    for text in ('وقال الوزير "الهجوم لن يتوقف".', 'وصرخ المهاجم قائلا "الله أكبر" قبل أن يطلق النار.',
                 'وقال الوزير "لن نتراجع" في مؤتمر صحفي.'):
        assert not [c for c in find_cues(text, mentions=[], lexicon=lex) if c.category in ("partial_quote", "scare_quote")], text


def test_so_called_after_a_fused_preposition_and_with_the_ba_inside_the_marks(lex):
    cues = find_cues('وتعهد الرئيس بالتصدي لما وصفه "بالسيناريوهات الغربية" في المنطقة.', mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "so_called")] == ["ما وصفه"]
    assert [c.surface for c in of(cues, "scare_quote")] == ['"بالسيناريوهات الغربية"']
    cues = find_cues('ونشرت الوكالة صورة نقلا عما يسمى "ولاية حمص" التابعة للتنظيم.', mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "so_called")] == ["ما يسمى"]  # the fused عن is no part of the span
    cues = find_cues('وهاجم الرئيس من وصفهم "بمتآمرين" يقيمون في الخارج.', mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "scare_quote")] == ['"بمتآمرين"']
    # كما ("as") is no fused relative of a so-called construction
    assert not of(find_cues("وتبقى المنطقة كما يسمى في القانون منطقة عازلة.", mentions=[], lexicon=lex), "so_called")


def test_the_target_of_a_term_after_the_subject_of_a_verb_of_judging_is_its_object(lex):
    cues = find_cues('وتقصف تركيا وحدات حماية الشعب الكردية التي تعتبرها أنقرة "إرهابية".', lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(cues, "evaluative")] == [("إرهابية", "SDF")]  # not TURKEY
    cues = find_cues("وفاز حزب الله الذي تصنفه الولايات المتحدة إرهابيا بالانتخابات.", lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(cues, "evaluative")] == [("إرهابيا", "HEZBOLLAH")]
    # the pronoun of a verb after a free relative stands for it: whoever was so described, no actor
    cues = find_cues("وقال إن القوات التركية ستطهر عفرين ممن وصفهم بالإرهابيين.", lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(cues, "evaluative")] == [("الإرهابيين", "")]
    cues = find_cues("وتعتبر أنقرة المليشيا امتدادا لحزب العمال.", lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(cues, "evaluative")] == [("المليشيا", "")]
    # an adjective right after its noun still judges it
    cues = find_cues("وهاجمت قوات النظام مواقع داعش الإرهابية في البادية.", lexicon=lex)
    assert [c.target_actor for c in of(cues, "evaluative")] == ["ISIS"]


def test_a_verb_of_judging_after_a_relative_pronoun_judges_the_relatives_head(lex):
    cues = find_cues('وبدأت تركيا هجوما ضد وحدات حماية الشعب الكردية التي تصنفها منظمة "إرهابية".', lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(cues, "evaluative")] == [("إرهابية", "SDF")]  # governed by ضد
    # a head that is no mention gives no target, not the latest actor before it
    cues = find_cues('وتطالب تركيا بسحب تلك القوات، التي تعتبرها أنقرة "إرهابية".', lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(cues, "evaluative")] == [("إرهابية", "")]
    # without a relative, a pronoun before a noun may stand for anyone
    cues = find_cues("وتركيا غاضبة من الدعم الأمريكي لوحدات حماية الشعب الكردية، إذ تعتبرها منظمة إرهابية.", lexicon=lex)
    assert [c.target_actor for c in of(cues, "evaluative")] == [""]


def test_a_naming_noun_after_a_so_called_construction_makes_it_a_name(lex):
    cues = find_cues('ويقع المقر في أنقرة، وهو ما يطلق عليه اسم "القصر الأبيض" في الصحافة.', mentions=[], lexicon=lex)
    assert not of(cues, "so_called") and not of(cues, "scare_quote")
    assert [c.surface for c in of(cues, "quoted_name")] == ['"القصر الأبيض"']
    cues = find_cues('وهاجم الجيش ما يطلق عليه "جيش الفتح" في إدلب.', mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "so_called")] == ["ما يطلق عليه"]


def test_an_operations_room_named_in_marks_is_a_quoted_name_a_clause_after_a_person_noun_is_not(lex):
    cues = find_cues('وقال الوزير إن آمر غرفة عمليات "عمر المختار" أعلن السيطرة على المواقع.', mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "quoted_name")] == ['"عمر المختار"'] and not of(cues, "partial_quote")
    cues = find_cues('وأضاف المدعي أن الفتاة "تظهر كل مؤشرات التطرف" منذ أشهر.', mentions=[], lexicon=lex)
    assert not of(cues, "quoted_name") and [c.surface for c in of(cues, "partial_quote")] == ['"تظهر كل مؤشرات التطرف"']


def test_a_contested_word_inside_an_actor_name_makes_no_scare_quote(lex):
    text = 'معارك عنيفة في البوكمال مع "محاولة تنظيم الدولة استعادتها"\nوأفاد نشطاء باحتدام القتال في المدينة.'
    assert not of(find_cues(text, lexicon=lex), "scare_quote")  # الدولة is part of تنظيم الدولة
    assert [c.surface for c in of(find_cues('ووصل وفد "معارضة" إلى جنيف.', lexicon=lex), "scare_quote")] == ['"معارضة"']


def test_an_evaluative_epithet_on_an_actors_name_is_a_cue_but_a_word_inside_a_name_is_not(lex):
    # the actor lexicon lists "تنظيم داعش الإرهابي" to find ISIS; the adjective is still the writer's label
    cues = of(find_cues("وأعلن تنظيم داعش الإرهابي مسؤوليته. وقاتلت عصابات داعش في القرية.", lexicon=lex), "evaluative")
    assert [(c.surface, c.target_actor) for c in cues] == [("الإرهابي", "ISIS"), ("عصابات", "ISIS")]
    assert of(find_cues("وسيطرت هيئة تحرير الشام على البلدة.", lexicon=lex), "evaluative") == []


def test_massacre_and_aggression_are_evaluative_but_an_altar_is_not(lex):
    cues = of(find_cues("وأدان العدوان الأمريكي على سوريا، وندد بالمجازر في الغوطة وبالسلوك العدواني.", lexicon=lex),
              "evaluative")
    assert [(c.surface, c.target_actor) for c in cues] == [("العدوان", "US"), ("المجازر", ""), ("العدواني", "")]
    assert of(find_cues("ووقف الكاهن عند المذبح في الكنيسة.", mentions=[], lexicon=lex), "evaluative") == []


def test_a_medium_spoken_to_or_a_platform_in_marks_is_a_name_not_the_speakers_words(lex):
    text = ('وكانت مصادر عسكرية قد أكدت لـ"سكاي نيوز عربية" في وقت سابق توصل الفصائل إلى اتفاق. '
            'وكتب الوزير في حسابه على "تويتر" أن الاتفاق صامد.')
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "quoted_name")] == ['"سكاي نيوز عربية"', '"تويتر"']
    assert of(cues, "partial_quote") == []
    # a call's ل-object is the act called for, the caller's words
    called = find_cues('ودعا الوزير لـ"وقف القتال فورا" في المدينة.', mentions=[], lexicon=lex)
    assert [c.category for c in called if c.category in QUOTATION_KINDS] == ["partial_quote"]


def test_a_medium_a_direct_frame_took_for_its_content_is_a_name(lex):
    text = 'وقال الأسد، وفق ما نشرت وكالة الأنباء الرسمية "سانا"، "هذا العدوان لن يزيد سوريا إلا تصميما".'
    assert [c.surface for c in of(find_cues(text, mentions=[], lexicon=lex), "quoted_name")] == ['"سانا"']


def test_a_short_quotation_after_a_complementizer_that_the_content_goes_on_from_is_partial(lex):
    goes_on = 'وحذر الرئيس طهران من أنها "ستدفع الثمن غاليا" إذا هددت الولايات المتحدة.'
    assert [c.surface for c in of(find_cues(goes_on, mentions=[], lexicon=lex), "partial_quote")] == ['"ستدفع الثمن غاليا"']
    closed = ('وقال الوزير إن "الحكومة ستدفع الثمن" بحسب الوكالة. واعتبر الرئيس أن "المهمة أنجزت" بعدما نفذت '
              'القوات الضربات. وقال الوزير إن "الحكومة ستدفع الثمن" مضيفا أن القوات انسحبت.')
    assert of(find_cues(closed, mentions=[], lexicon=lex), "partial_quote") == []


def test_al_qaeda_in_marks_is_a_name_and_an_attributed_cause_quotes_the_attributer(lex):
    text = 'ولا يمكن استئصال «القاعدة» في المنطقة. وأرجعت الشركة الأسباب إلى "تحذيرات أمنية جادة" من السلطات.'
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "quoted_name")] == ["«القاعدة»"]
    assert [c.surface for c in of(cues, "partial_quote")] == ['"تحذيرات أمنية جادة"']


def test_words_the_document_marks_as_a_name_once_are_a_name_elsewhere_too(lex):
    text = 'ردود على قرار وقف دعم أمريكا لـ"أونروا"\nوقررت واشنطن وقف تمويل وكالة "أونروا" نهائيا.'
    assert [c.category for c in find_cues(text, mentions=[], lexicon=lex)
            if c.category in QUOTATION_KINDS] == ["quoted_name", "quoted_name"]
    alone = find_cues('ردود على قرار وقف دعم أمريكا لـ"أونروا"\nوقررت واشنطن وقف التمويل نهائيا.', mentions=[], lexicon=lex)
    assert of(alone, "quoted_name") == []  # no name trigger anywhere: no name


def test_a_law_a_summit_and_an_appeal_in_marks(lex):
    text = ('قانون "تطوير المناطق" يرعب ملايين السوريين. وتستبق روسيا "قمة طهران" بغارات. '
            'وناشدت الأمم المتحدة تقديم إمدادات عاجلة "لوقف الوضع الكارثي" للسكان.')
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "quoted_name")] == ['"تطوير المناطق"', '"قمة طهران"']
    assert [c.surface for c in of(cues, "partial_quote")] == ['"لوقف الوضع الكارثي"']


def test_a_nisba_in_marks_after_a_title_noun_is_its_adjective_not_a_model_name(lex):
    nisba = find_cues('وأوردت الوكالة أن صاروخين "إسرائيليين" سقطا قرب المطار.', lexicon=lex)
    assert of(nisba, "quoted_name") == [] and [c.surface for c in of(nisba, "partial_quote")] == ['"إسرائيليين"']
    model = find_cues('وأسقطت مقاتلة بصاروخين "باتريوت" بعد اختراقها.', lexicon=lex)
    assert [c.surface for c in of(model, "quoted_name")] == ['"باتريوت"']


def test_a_label_in_marks_after_a_describing_verbs_banna_is_partial_however_long(lex):
    described = 'تصف الموسوعة لويس بأنه "أكثر مؤرخي الإسلام والشرق الأوسط تأثيرا بعد الحرب"، وكانت آراؤه أثيرة.'
    assert len(of(find_cues(described, mentions=[], lexicon=lex), "partial_quote")) == 1
    said = 'ووصف الوزير الاتفاق، وقال بأن "الحكومة لا يمكن أن تقبل هذا القرار".'  # another clause: the reported content
    assert of(find_cues(said, mentions=[], lexicon=lex), "partial_quote") == []


def test_barbaric_tyrannical_and_criminal_are_labels_but_a_procedure_is_not(lex):
    text = "وقال إن العدوان الغاشم جريمة همجية ارتكبتها العناصر الإجرامية."
    assert [c.surface for c in of(find_cues(text, mentions=[], lexicon=lex), "evaluative")] == [
        "العدوان", "الغاشم", "همجية", "الإجرامية"]
    assert of(find_cues("واتخذت الحكومة إجراءات جديدة وإجراء أمنيا.", mentions=[], lexicon=lex), "evaluative") == []


def test_a_question_in_marks_is_no_scare_quote_and_a_condemnation_quotes_the_condemner(lex):
    asked = find_cues('سفير بريطانيا يرد على سؤال "هل الإخوان إرهابية؟"\nوقال السفير إن بلاده صارمة.', mentions=[], lexicon=lex)
    assert of(asked, "scare_quote") == []
    term = find_cues('سفير بريطانيا يرد على سؤال عن "الإخوان الإرهابية"\nوقال السفير إن بلاده صارمة.', mentions=[], lexicon=lex)
    assert [c.surface for c in of(term, "scare_quote")] == ['"الإخوان الإرهابية"']  # a label, no question
    condemned = find_cues('تنديد بالاعتداء "الإرهابي الداعشي" على مرشح لبناني\nووصف الوزير الحادث بالخطير.', mentions=[],
                          lexicon=lex)
    assert of(condemned, "scare_quote") == [] and [c.surface for c in of(condemned, "partial_quote")] == [
        '"الإرهابي الداعشي"']


def test_a_fronted_subject_of_a_verb_of_judging_is_no_target_but_a_fronted_object_is(lex):
    subject = find_cues("والدوحة نفسها، كما أسلفنا، صنفته إرهابيا قبل مدة بسيطة.", lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(subject, "evaluative")] == [("إرهابيا", "")]  # not QATAR
    obj = find_cues("وحزب الله تصنفه الولايات المتحدة إرهابيا منذ سنوات.", lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(obj, "evaluative")] == [("إرهابيا", "HEZBOLLAH")]
    earlier = find_cues("وهاجمت قطر حزب الله، وقالت إنها صنفته إرهابيا.", lexicon=lex)
    assert [(c.surface, c.target_actor) for c in of(earlier, "evaluative")] == [("إرهابيا", "HEZBOLLAH")]


def test_the_accused_in_marks_in_narration_is_a_scare_quote_an_unmarked_accused_is_none(lex):
    marked = find_cues('ما هي الاستخبارات العسكرية "المتهمة" بمحاولة الاغتيال؟\nوأعلنت السلطات اسمي رجلين.', mentions=[],
                       lexicon=lex)
    assert [(c.surface, c.marked_by) for c in of(marked, "scare_quote")] == [('"المتهمة"', OUTLET)]
    plain = find_cues('ما هي الاستخبارات العسكرية "السرية" في موسكو؟\nوأعلنت السلطات اسمي رجلين.', mentions=[], lexicon=lex)
    assert of(plain, "scare_quote") == []  # a quoted word with no contested label: no cue


def test_a_charge_noun_in_the_content_before_a_first_person_quotation_keeps_it_partial(lex):
    text = ('واعتبر برونسون أن اتهامه بالعمل مع حركة غولن "إهانة لديانتي. أنا مسيحي، لن أنضم إلى حركة إسلامية"، وأكد '
            'أنه لم يقم بأي عمل ضد تركيا.')  # اتهامه is not a speech word: the quotation stays in the content
    assert len(of(find_cues(text, lexicon=lex), "partial_quote")) == 1


def test_a_kunya_in_marks_is_a_persons_name_but_a_word_that_merely_begins_like_one_is_not(lex):
    text = 'وقال الخادم: هنالك جنود في جميع أنحاء المخيم، استيقظ "أبومحمد" ولبس بسرعة. وقتل "أبو عمر" في الغارة.'
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "quoted_name")] == ['"أبومحمد"', '"أبو عمر"'] and not of(cues, "scare_quote")
    cues = find_cues('وقال الوزير: إن قواتنا تحارب "أبواق الفتنة" في البلاد.', mentions=[], lexicon=lex)
    assert of(cues, "quoted_name") == [] and [c.surface for c in of(cues, "scare_quote")] == ['"أبواق الفتنة"']


def test_the_agent_phrase_of_an_act_or_an_affiliation_names_the_judged_actor(lex):
    def targets(text):
        return [(c.surface, c.target_actor) for c in of(find_cues(text, lexicon=lex), "evaluative")]
    assert targets("ويقوم النهج على مواجهة توسع إقليمي وعدوان من جانب إيران العدو اللدود.") == [("عدوان", "IRAN")]
    assert targets("ونددت الوزارة بالعدوان على سوريا من قبل الولايات المتحدة.") == [("العدوان", "US")]
    assert targets("وقتل العشرات في مجزرة على يد قوات النظام السوري.") == [("مجزرة", "SYRIAN_GOV")]
    assert targets("وقاتلت الميليشيات المدعومة من إيران في حلب.") == [("الميليشيات", "IRAN")]
    assert targets("وقاتلت الميليشيات المرتبطة بإيران في حلب.") == [("الميليشيات", "IRAN")]
    # near misses: the dead's killer, "before", the head noun's agent, an affiliation far from the term
    assert targets("وسقط الشهداء على يد قوات النظام السوري.") == [("الشهداء", "")]
    assert targets("وقال إن الإرهاب لم يضرب المدينة من قبل، وإن روسيا تحارب.") == [("الإرهاب", "")]
    assert targets("وتتواصل مكافحة الإرهاب من قبل التحالف الدولي.") == [("الإرهاب", "")]
    assert targets("وقاتلت الميليشيات الموالية في حلب لإيران.") == [("الميليشيات", "")]


def test_a_verb_of_judging_with_a_banna_clause_judges_its_object(lex):
    def targets(text):
        return [(c.surface, c.target_actor) for c in of(find_cues(text, lexicon=lex), "evaluative")]
    assert targets("وقصفت الطائرات مواقع وحدات حماية الشعب الكردية، التي تصفها أنقرة بأنها جماعة إرهابية.") == [
        ("إرهابية", "SDF")]
    assert targets("وهاجم الجيش حزب الله ووصفه بأنه إرهابي.") == [("إرهابي", "HEZBOLLAH")]
    # a بأن clause of a verb that judges nothing, and the describer as subject, give no target
    assert targets("وقالت أنقرة بأنها جماعة إرهابية.") == [("إرهابية", "")]


def test_a_bare_accusation_noun_quotes_the_accusers(lex):
    text = 'وقطعت الدول علاقاتها على خلفية اتهام الدوحة بدعم "الإرهاب" في المنطقة.'
    assert [c.surface for c in of(find_cues(text, lexicon=lex), "partial_quote")] == ['"الإرهاب"']
    other = 'وقطعت الدول علاقاتها على خلفية زيارة الدوحة ودعم "الإرهاب" في المنطقة.'
    assert of(find_cues(other, lexicon=lex), "partial_quote") == []


def test_a_passive_participle_of_judging_judges_the_actor_before_it_not_the_agent_after_it(lex):
    def targets(text):
        return [(c.surface, c.target_actor) for c in of(find_cues(text, lexicon=lex), "evaluative")]
    text = "وتعتبر أنقرة الوحدات امتدادا لحزب العمال الكردستاني الانفصالي المصنف إرهابيا من قبل الحكومة التركية."
    assert targets(text) == [("إرهابيا", "PKK")]
    # no actor right before the participle: none, and still not the judge
    assert targets("وحوكم الرجل المصنف إرهابيا من قبل الحكومة التركية.") == [("إرهابيا", "")]


def test_a_stem_final_ha_is_no_possessor_and_a_parenthesis_ends_the_genitive(lex):
    def targets(text):
        return [(c.surface, c.target_actor) for c in of(find_cues(text, lexicon=lex), "evaluative")]
    assert targets('وقالت زاخاروفا في حسابها على فيس بوك "على الصواريخ أن تصوب باتجاه الإرهابيين".') == [("الإرهابيين", "")]
    assert targets("وقال إن روسيا تحارب في أساليبه الوحشية.") == [("الوحشية", "RUSSIA")]  # a real pronoun still counts
    assert targets("والمدرجة على قائمة الدول الداعية لمكافحة الإرهاب (السعودية والإمارات).") == [("الإرهاب", "")]
    assert targets("وقاتل الجيش مرتزقة روسيا في البادية.") == [("مرتزقة", "RUSSIA")]


def test_a_quotation_filling_an_according_to_phrase_names_the_source(lex):
    text = 'كلام المقال.\n* نقلا عن "الشرق الأوسط"\nوقتل عشرة مدنيين، بحسب "المرصد السوري"، في الغارات.'
    cues = find_cues(text, mentions=[], lexicon=lex)
    assert [c.surface for c in of(cues, "quoted_name")] == ['"الشرق الأوسط"', '"المرصد السوري"']
    # the source's words after the phrase, a label, or a clause in the phrase are no name
    other = ('وقال مسؤول إن الهجوم "فشل تماما" نقلا عن الوكالة. وقتل عشرة، بحسب "الإرهابيين" في المدينة. وأضاف البيان '
             'أن القوات تقدمت، حسب "خطة عسكرية مرسومة سلفا لتحرير المنطقة".')
    assert of(find_cues(other, mentions=[], lexicon=lex), "quoted_name") == []
