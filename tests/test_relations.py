"""Relations: word orders, nominal and passive patterns, negation, clause limits, offsets, the lexicon,
the pipeline plug-in (scored against the hand-checked relations in test_evaluation.py)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from analysis import config
from analysis.corpus import Document
from analysis.doc import Doc
from analysis.normalize import normalize, normalize_text
from analysis.pipeline import Resources, RunOptions
from analysis.relations import ANALYZER, find_relations, load_lexicon
from analysis.segment import segment


def _mentions(text: str, actors: dict[str, str]) -> list[dict]:
    """Mentions at every occurrence of the given surfaces (the actor detector is tested elsewhere)."""
    out = []
    for surface, actor in actors.items():
        pos = text.find(surface)
        while pos >= 0:
            out.append({"start": pos, "end": pos + len(surface), "actor": actor})
            pos = text.find(surface, pos + 1)
    return out


def _triples(text: str, actors: dict[str, str], **kw) -> list[tuple[str, str, str]]:
    return [(r.source_actor, r.relation, r.target_actor)
            for r in find_relations(text, mentions=_mentions(text, actors), **kw)]


def test_vso_verb_first():
    text = "استهدفت طائرات التحالف مواقع تنظيم الدولة قرب دير الزور."
    rels = find_relations(text, mentions=_mentions(text, {"التحالف": "COALITION", "تنظيم الدولة": "ISIS"}))
    assert [(r.source_actor, r.relation, r.target_actor, r.rule) for r in rels] == [
        ("COALITION", "attack", "ISIS", "vso")]


def test_svo_subject_first_and_embedded_after_an_inna():
    text = "أكد مسؤول أن القوات الروسية تقصف مواقع تنظيم الدولة في تدمر."
    assert _triples(text, {"القوات الروسية": "RUSSIA", "تنظيم الدولة": "ISIS"}) == [("RUSSIA", "attack", "ISIS")]


def test_light_verb_with_noun_trigger_and_target_after_ala():
    text = "شنت القوات التركية هجوما واسعا على وحدات حماية الشعب في عفرين."
    assert _triples(text, {"القوات التركية": "TURKEY", "وحدات حماية الشعب": "SDF"}) == [("TURKEY", "attack", "SDF")]


def test_passive_agent_bida3m_min_supports_the_clause_subject():
    text = "تقدمت قوات سوريا الديمقراطية نحو منبج بدعم من طائرات التحالف."
    rels = find_relations(text, mentions=_mentions(text, {"قوات سوريا الديمقراطية": "SDF", "التحالف": "COALITION"}))
    assert [(r.source_actor, r.relation, r.target_actor, r.rule) for r in rels] == [
        ("COALITION", "support", "SDF", "agent")]


def test_relative_clause_on_a_noun_gives_its_agent_and_beneficiary():
    text = "وصلت تعزيزات إلى الحدود في إطار الدعم الذي تقدمه تركيا لفصائل المعارضة."
    rels = find_relations(text, mentions=_mentions(text, {"تركيا": "TURKEY", "فصائل المعارضة": "OPPOSITION"}))
    assert [(r.source_actor, r.target_actor, r.rule) for r in rels] == [("TURKEY", "OPPOSITION", "relative")]


def test_subject_inherited_across_a_relative_clause_and_resumptive_object():
    text = "وقالت المصادر إن قوات النظام، التي تدعمها روسيا، شنت هجوما على فصائل المعارضة."
    got = _triples(text, {"قوات النظام": "SYRIAN_GOV", "روسيا": "RUSSIA", "فصائل المعارضة": "OPPOSITION"})
    assert got == [("RUSSIA", "support", "SYRIAN_GOV"), ("SYRIAN_GOV", "attack", "OPPOSITION")]


def test_negated_events_are_kept_with_polarity_neg():
    text = "وقال المتحدث إن القوات الأمريكية لا تهاجم مواقع الجيش السوري، ولم تشن قوات النظام هجوما على الأكراد."
    rels = find_relations(text, mentions=_mentions(text, {"القوات الأمريكية": "US", "الجيش السوري": "SYRIAN_GOV",
                                                          "قوات النظام": "SYRIAN_GOV", "الأكراد": "SDF"}))
    assert [(r.source_actor, r.target_actor, r.polarity, r.modality) for r in rels] == [
        ("US", "SYRIAN_GOV", "neg", "real"), ("SYRIAN_GOV", "SDF", "neg", "real")]
    plain = "وقال المتحدث إن القوات الأمريكية تهاجم مواقع الجيش السوري."
    [rel] = find_relations(plain, mentions=_mentions(plain, {"القوات الأمريكية": "US", "الجيش السوري": "SYRIAN_GOV"}))
    assert (rel.polarity, rel.modality, rel.markers) == ("pos", "real", "")


def test_two_relations_in_one_sentence_split_by_a_connective():
    text = "هاجمت القوات التركية مواقع وحدات حماية الشعب، في حين نسقت روسيا مع النظام السوري."
    got = _triples(text, {"القوات التركية": "TURKEY", "وحدات حماية الشعب": "SDF", "روسيا": "RUSSIA",
                          "النظام السوري": "SYRIAN_GOV"})
    assert got == [("TURKEY", "attack", "SDF"), ("RUSSIA", "coordinate", "SYRIAN_GOV")]


def test_coordination_needs_ma3_and_takes_every_conjoined_partner():
    text = "أبدت أنقرة استعدادها للتنسيق مع واشنطن ومع موسكو في الشمال."
    assert _triples(text, {"أنقرة": "TURKEY", "واشنطن": "US", "موسكو": "RUSSIA"}) == [
        ("TURKEY", "coordinate", "US"), ("TURKEY", "coordinate", "RUSSIA")]
    text = "اتفقت أنقرة وموسكو على وقف إطلاق النار."
    assert _triples(text, {"أنقرة": "TURKEY", "موسكو": "RUSSIA"}) == [("TURKEY", "coordinate", "RUSSIA")]


def test_no_relation_across_sentences_or_without_two_actors():
    text = "أعلنت واشنطن دعمها الكامل. وتتقدم القوات الكردية نحو الرقة."
    assert _triples(text, {"واشنطن": "US", "القوات الكردية": "SDF"}) == []
    text = "قصفت الطائرات الروسية مدينة حلب."
    assert _triples(text, {"الطائرات الروسية": "RUSSIA"}) == []


def test_no_relation_across_clauses_without_a_subject():
    text = "وصل وفد من واشنطن إلى أربيل، وشهدت المدينة هجوما على مقر الأكراد."
    assert _triples(text, {"واشنطن": "US", "الأكراد": "SDF"}) == []


def test_offsets_point_into_raw_text_with_diacritics_and_tatweel():
    text = "قَصَفَـــت الطائراتُ الروسية مواقعَ تنظيم الدولة."
    mentions = _mentions(text, {"الطائراتُ الروسية": "RUSSIA", "تنظيم الدولة": "ISIS"})
    [rel] = find_relations(text, mentions=mentions)
    assert text[rel.verb_start:rel.verb_end] == rel.verb == "قَصَفَـــت"
    assert text[rel.source_start:rel.source_end] == "الطائراتُ الروسية"
    assert text[rel.target_start:rel.target_end] == "تنظيم الدولة"
    assert rel.start == rel.verb_start and rel.end == rel.target_end


def test_inflected_and_cliticised_forms_are_generated_from_stems():
    lex = load_lexicon()
    for form in ("هاجموا", "يستهدفون", "وقصفت", "فيدعمهم", "بالتنسيق", "وللتنسيق", "غارتها", "هجماتهم"):
        assert normalize_text(form) in lex.triggers, form
    assert ("الغطاء", "الجوي") in {t.words for t in lex.triggers[normalize_text("الغطاء")]}
    assert "غطاء" not in {w for t in lex.triggers.get("غطاء", ()) for w in t.words if len(t.words) == 1}


def test_statements_become_statement_about_relations():
    text = "قال لافروف إن واشنطن تدعم الأكراد."
    statements = [SimpleNamespace(start=11, end=len(text) - 1, speaker_actor="RUSSIA", speaker_start=4,
                                  speaker_end=10, verb="قال", targets=("US", "SDF", "RUSSIA"), sentence_id=0),
                  {"start": 0, "end": 5, "speaker_actor": "OUTLET", "speaker_start": None, "speaker_end": None,
                   "verb": "قال", "targets": "US|SDF", "sentence_id": 0}]
    rels = find_relations(text, mentions=_mentions(text, {"لافروف": "RUSSIA", "واشنطن": "US", "الأكراد": "SDF"}),
                          statements=statements)
    about = [(r.source_actor, r.target_actor) for r in rels if r.relation == "statement_about"]
    assert sorted(about) == [("RUSSIA", "SDF"), ("RUSSIA", "US")]  # not the speaker itself, not the outlet's voice
    assert ("US", "support", "SDF") in [(r.source_actor, r.relation, r.target_actor) for r in rels]


def _custom_lexicon(tmp_path: Path) -> Path:
    path = tmp_path / "relations.yaml"
    source = (config.LEXICON_DIR / "relations.yaml").read_text(encoding="utf-8")
    path.write_text(source.replace("relations:\n  attack:", "relations:\n  withdraw:\n    symmetric: false\n"
                                   "    target_prepositions: []\n    verbs:\n      - {perfect: انسحب, imperfect: نسحب}\n"
                                   "  attack:", 1), encoding="utf-8")
    return path


def test_a_user_lexicon_is_honoured_by_the_analyzer(tmp_path: Path):
    path = _custom_lexicon(tmp_path)
    text = "انسحبت القوات الأمريكية أمام الأكراد قرب منبج."
    doc = Document("d", "d.txt", text, "utf-8")
    mentions = _mentions(text, {"القوات الأمريكية": "US", "الأكراد": "SDF"})
    rows_default = ANALYZER(Doc(doc, normalize(text), segment(text), mentions=mentions, statements=[], boilerplate=[]),
                            Resources(RunOptions(Path("."), Path("."))))["relations"]
    rows_custom = ANALYZER(Doc(doc, normalize(text), segment(text), mentions=mentions, statements=[], boilerplate=[]),
                           Resources(RunOptions(Path("."), Path("."), relation_lexicon=path)))["relations"]
    assert rows_default == []
    assert [(r["source_actor"], r["relation"], r["target_actor"]) for r in rows_custom] == [("US", "withdraw", "SDF")]
    assert find_relations("انسحبت القوات الأمريكية من منبج.", mentions=[], lexicon=path) == []


def test_bad_lexicon_raises(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("relations:\n  attack:\n    verbs:\n      - {perfect: null, imperfect: null}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="stem"):
        load_lexicon(bad)
    bad.write_text("relatons: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown key"):
        load_lexicon(bad)


def test_relation_rows_of_the_pipeline(tables, first_article_text: str):
    rel = tables["relations"]
    assert len(rel) and set(rel["relation"]) <= {"attack", "support", "coordinate", "oppose", "statement_about"}
    assert set(rel["polarity"]) <= {"pos", "neg"} and set(rel["modality"]) <= {"real", "hyp"}
    for r in rel.itertuples():
        assert r.start <= r.verb_start <= r.end and first_article_text[r.source_start:r.source_end]
        if r.relation != "statement_about":
            assert first_article_text[r.verb_start:r.verb_end] == r.verb
    sentences = tables["sentences"].set_index("sentence_id")
    assert all(sentences.loc[r.sentence_id, "text"] == r.sentence for r in rel.itertuples())


def test_an_actor_attached_by_biqiyadat_is_not_a_target_but_leads_the_force():
    text = "وقصف التحالف الدولي بقيادة واشنطن مواقع لتنظيم الدولة قرب البوكمال."
    assert sorted(_triples(text, {"التحالف الدولي": "COALITION", "واشنطن": "US", "تنظيم الدولة": "ISIS"})) == [
        ("COALITION", "attack", "ISIS"), ("US", "coordinate", "COALITION")]


# The trigger gate: sentences are tokenized only when their normalized text holds a trigger's first word.
GATE_TEXTS = [
    # no trigger at all, two actors: skipped before tokenization
    ("زار وفد من واشنطن مسؤولين في موسكو أمس.", {"واشنطن": "US", "موسكو": "RUSSIA"}, 0),
    # a trigger with proclitic and diacritics/tatweel (normalized away), an agent phrase, a relative clause
    ("وَاستهدفـت طائرات التحالف مواقع تنظيم الدولة. تقدمت القوات الكردية بدعم من التحالف. "
     "قوات النظام، التي تدعمها روسيا، شنت هجوما على فصائل المعارضة.",
     {"التحالف": "COALITION", "تنظيم الدولة": "ISIS", "القوات الكردية": "SDF", "قوات النظام": "SYRIAN_GOV",
      "روسيا": "RUSSIA", "فصائل المعارضة": "OPPOSITION"}, 4),
    # a trigger word only inside a longer word: the gate lets the sentence through, the tokens find nothing
    ("استعرضت روسيا مع الأكراد أساليبهم الهجومية.", {"روسيا": "RUSSIA", "الأكراد": "SDF"}, 0),
]


@pytest.mark.parametrize("text,actors,n", GATE_TEXTS)
def test_the_trigger_gate_changes_no_relation(monkeypatch, text, actors, n):
    from analysis import relations

    mentions = _mentions(text, actors)
    gated = find_relations(text, mentions=mentions)
    lexicon = relations.load_lexicon()
    token_re, automaton = relations.matchers(lexicon)
    norm = normalize(text)
    passed = [relations.may_hold_trigger(automaton, norm.text, norm.norm_index(s.start), norm.norm_index(s.end))
              for s in segment(text).sentences]
    if "الهجومية" in text:
        assert passed == [True]  # الهجوم inside a longer word: through the gate, yet no trigger token
    monkeypatch.setattr(relations, "may_hold_trigger", lambda *args: True)  # every sentence tokenized
    assert find_relations(text, mentions=mentions) == gated
    assert len([r for r in gated if r.relation != "statement_about"]) == n


def test_sentences_without_a_trigger_word_are_not_tokenized(monkeypatch):
    from analysis import relations

    built = []
    original = relations.Sentence

    def spy(*args, **kwargs):
        built.append(args[1:3])
        return original(*args, **kwargs)

    monkeypatch.setattr(relations, "Sentence", spy)
    text = "زار وفد من واشنطن مسؤولين في موسكو. واستهدفت طائرات التحالف مواقع تنظيم الدولة."
    rels = find_relations(text, mentions=_mentions(text, {"واشنطن": "US", "موسكو": "RUSSIA", "التحالف": "COALITION",
                                                          "تنظيم الدولة": "ISIS"}))
    assert [(r.source_actor, r.target_actor) for r in rels] == [("COALITION", "ISIS")]
    assert len(built) == 1  # only the second sentence holds a trigger word


def test_a_lexicon_without_triggers_finds_no_relation(tmp_path: Path):
    path = tmp_path / "empty.yaml"
    path.write_text("relations:\n  attack:\n    symmetric: false\n", encoding="utf-8")
    text = "استهدفت طائرات التحالف مواقع تنظيم الدولة."
    assert find_relations(text, mentions=_mentions(text, {"التحالف": "COALITION", "تنظيم الدولة": "ISIS"}),
                          lexicon=path) == []


def test_mentions_as_objects_or_dicts_with_or_without_normalized_offsets_agree():
    text = "وَاستهدفـت طائرات التحالف مواقع تنظيم الدولة قرب الرقة."
    dicts = _mentions(text, {"التحالف": "COALITION", "تنظيم الدولة": "ISIS"})
    norm = normalize(text)
    with_norm = [{**m, "norm_start": norm.norm_index(m["start"]), "norm_end": norm.norm_index(m["end"])}
                 for m in dicts]
    objects = [SimpleNamespace(**m) for m in dicts]
    expected = find_relations(text, mentions=dicts)
    assert [(r.source_actor, r.target_actor) for r in expected] == [("COALITION", "ISIS")]
    assert find_relations(text, mentions=with_norm) == expected
    assert find_relations(text, mentions=objects) == expected


# --- verbal nouns, participles, one role for و, polarity, modality, claims, non-arguments ----------------

def _rows(text: str, **kw) -> list[tuple[str, str, str, str, str]]:
    """Relations with the actor detector's own mentions: (source, type, target, polarity, modality)."""
    return [(r.source_actor, r.relation, r.target_actor, r.polarity, r.modality) for r in find_relations(text, **kw)
            if r.relation != "statement_about"]


def test_actors_joined_by_wa_are_one_role_never_source_and_target_of_each_other():
    got = _rows("قصفت طائرات حربية سورية وروسية مواقع لفصائل المعارضة في إدلب.")
    assert got == [("SYRIAN_GOV", "attack", "OPPOSITION", "pos", "real"), ("RUSSIA", "attack", "OPPOSITION", "pos", "real")]
    assert ("SYRIAN_GOV", "attack", "RUSSIA", "pos", "real") not in got
    assert [r[:3] for r in _rows("وشنت روسيا وإيران هجوما على فصائل المعارضة.")] == [
        ("RUSSIA", "attack", "OPPOSITION"), ("IRAN", "attack", "OPPOSITION")]


def test_participles_and_agent_phrases_qualify_the_noun_before_them():
    # the participle's agent belongs to its phrase: the verb's object is the actor after it
    assert _rows("وتقاتل قوات سوريا الديمقراطية المدعومة من الولايات المتحدة تنظيم الدولة في دير الزور.") == [
        ("SDF", "attack", "ISIS", "pos", "real"), ("US", "support", "SDF", "pos", "real")]
    assert _rows("وهاجمت فصائل المعارضة المدعومة من قبل تركيا مواقع وحدات حماية الشعب.") == [
        ("OPPOSITION", "attack", "SDF", "pos", "real"), ("TURKEY", "support", "OPPOSITION", "pos", "real")]
    text = "وتقول التقارير إن هيئة تحرير الشام حاربت جماعات المعارضة السورية، المدعومة من التحالف الدولي، في إدلب."
    assert ("COALITION", "support", "OPPOSITION", "pos", "real") in _rows(text)  # across the comma
    assert ("COALITION", "support", "HTS", "pos", "real") not in _rows(text)


def test_clashes_between_give_one_row_per_pair_first_written_as_source():
    assert _rows("واندلعت اشتباكات بين قوات النظام السوري وقوات سوريا الديمقراطية في الحسكة.") == [
        ("SYRIAN_GOV", "attack", "SDF", "pos", "real")]


def test_the_genitive_or_nisba_after_a_noun_is_its_agent():
    assert _rows("وتواصلت غارات التحالف على تنظيم الدولة في الرقة.") == [("COALITION", "attack", "ISIS", "pos", "real")]
    assert ("US", "support", "SDF", "pos", "real") in _rows("أدانت تركيا الدعم الأمريكي لوحدات حماية الشعب.")
    # a joint strike: the nisba adjectives are one agent, never attacker and target of each other
    text = "وبلغت تكلفة الصواريخ التي استخدمت في الضربة الأمريكية الفرنسية البريطانية 133 مليون يورو."
    assert _triples(text, {"الضربة الأمريكية": "US", "الفرنسية": "FRANCE", "البريطانية": "UK"}) == []


def test_oppose_is_verbal_hostility():
    assert ("TURKEY", "oppose", "US", "pos", "real") in _rows("أدانت تركيا الدعم الأمريكي لوحدات حماية الشعب.")
    lex = load_lexicon()
    for form in ("اتهمت", "يندد", "العقوبات", "بإدانة", "تحذيرات"):
        assert {t.relation for t in lex.triggers[normalize_text(form)]} == {"oppose"}, form


def test_denials_withdrawals_and_futures_are_rows_with_polarity_and_modality():
    assert _rows("نفت وحدات حماية الشعب إبرام اتفاق مع النظام السوري.") == [
        ("SDF", "coordinate", "SYRIAN_GOV", "neg", "real")]
    assert _rows("أعلن ترامب انسحاب الولايات المتحدة من الاتفاق النووي مع إيران.") == [
        ("US", "coordinate", "IRAN", "neg", "real")]
    assert _rows("وقال إن روسيا ستدعم النظام السوري.") == [("RUSSIA", "support", "SYRIAN_GOV", "pos", "hyp")]
    assert _rows("وقال إن روسيا دعمت النظام السوري.") == [("RUSSIA", "support", "SYRIAN_GOV", "pos", "real")]
    # قد before a past verb is "has", before an imperfect "may"
    assert _rows("وقال إن روسيا قد دعمت النظام السوري.")[0][4] == "real"
    assert _rows("وقال إن روسيا قد تدعم النظام السوري.")[0][4] == "hyp"


def _marker_examples() -> list[tuple[str, str, str]]:
    import yaml

    data = yaml.safe_load((config.LEXICON_DIR / "relations.yaml").read_text(encoding="utf-8"))
    return [(axis, name, ex) for axis in ("polarity", "modality")
            for name, group in data[axis]["groups"].items() for ex in group.get("examples", [])]


@pytest.mark.parametrize("axis,group,example", _marker_examples())
def test_every_marker_example_of_the_lexicon_marks_its_relation(axis, group, example):
    rels = [r for r in find_relations(example) if r.relation != "statement_about"]
    assert rels, example
    value = {"polarity": "neg", "modality": "hyp"}[axis]
    assert any(getattr(r, axis) == value for r in rels), (example, [(r.relation, r.markers) for r in rels])


def test_a_relation_inside_a_reported_statement_is_the_speakers_claim():
    text = "قال لافروف إن واشنطن تدعم الأكراد. وقصفت القوات التركية مواقع الأكراد."
    statements = [SimpleNamespace(start=11, end=33, speaker_actor="RUSSIA", speaker_start=4, speaker_end=10,
                                  verb="قال", targets=("US", "SDF"), sentence_id=0)]
    mentions = _mentions(text, {"لافروف": "RUSSIA", "واشنطن": "US", "الأكراد": "SDF", "القوات التركية": "TURKEY"})
    rels = {(r.source_actor, r.relation): r for r in find_relations(text, mentions=mentions, statements=statements)}
    assert (rels["US", "support"].claim_of, rels["US", "support"].statement_start) == ("RUSSIA", 11)
    assert (rels["TURKEY", "attack"].claim_of, rels["TURKEY", "attack"].statement_start) == ("", None)
    outlet = [{**vars(statements[0]), "speaker_actor": "OUTLET"}]
    assert all(r.claim_of == "" for r in find_relations(text, mentions=mentions, statements=outlet))


def test_no_argument_from_a_place_a_dateline_or_an_addressee():
    text = "قصفت القوات التركية مواقع في دمشق."  # place: a metonym after في
    mentions = [{**m, "kind": "metonym"} for m in _mentions(text, {"دمشق": "SYRIAN_GOV"})]
    mentions += _mentions(text, {"القوات التركية": "TURKEY"})
    assert find_relations(text, mentions=mentions) == []
    # the same name as a party is kept
    party = "هاجمت القوات التركية دمشق."
    assert _triples(party, {"القوات التركية": "TURKEY", "دمشق": "SYRIAN_GOV"}) == [("TURKEY", "attack", "SYRIAN_GOV")]
    # the place of a dateline
    text = "موسكو (CNN)-- قصفت القوات التركية مواقع الأكراد."
    mentions = _mentions(text, {"موسكو": "RUSSIA", "القوات التركية": "TURKEY", "الأكراد": "SDF"})
    norm, seg = normalize(text), segment(text)
    from analysis.relations import extract_relations

    with_dateline = extract_relations(text, norm, seg, mentions, boilerplate=[{"start": 0, "end": 14, "kind": "dateline"}])
    assert [(r.source_actor, r.target_actor) for r in with_dateline] == [("TURKEY", "SDF")]
    # an addressee is never an attacker
    assert _rows("وجهت روسيا رسالة إلى واشنطن تطالبها فيها بوقف الغارات على النظام السوري.") == []
    called = _rows("دعت روسيا واشنطن إلى وقف الغارات على النظام السوري.")
    assert all("US" not in (r[0], r[2]) for r in called) and all(r[3:] == ("neg", "hyp") for r in called)


def test_a_nouns_genitive_agent_needs_a_target_after_a_preposition():
    assert _rows("أشار لافروف إلى إن الضربات الجوية الأمريكية على سوريا هذا الأسبوع تعفي روسيا من أي التزام.") == []
    assert _rows("وتواصلت الغارات الجوية الروسية على فصائل المعارضة.") == [
        ("RUSSIA", "attack", "OPPOSITION", "pos", "real")]


def test_a_marker_heading_a_descriptor_still_marks_the_relation():
    assert _rows("وناقشا بشكل خاص الانسحاب الأميركي من الاتفاق النووي مع إيران.") == [
        ("US", "coordinate", "IRAN", "neg", "real")]


def test_generated_forms_that_are_other_words_are_no_triggers():
    lex = load_lexicon()
    assert normalize_text("لأسلحة") not in lex.triggers and normalize_text("بالأسلحة") not in lex.triggers
    assert normalize_text("يسلح") in lex.triggers and normalize_text("تسليح") in lex.triggers
    assert _rows("وأعلنت روسيا نقل أسلحة إلى النظام السوري.") == []


def test_a_light_verb_after_the_noun_introduces_its_agent():
    assert _rows("حيث يتصدى المقاتلون لهجوم تشنه أنقرة على المقاتلين الأكراد في عفرين.") == [
        ("TURKEY", "attack", "SDF", "pos", "real")]
    # the victims before the noun are the target when none follows
    text = "قتل مسلحون من قوات النظام في هجمات شنها تنظيم الدولة في الريف الشرقي."
    assert _triples(text, {"قوات النظام": "SYRIAN_GOV", "تنظيم الدولة": "ISIS"}) == [("ISIS", "attack", "SYRIAN_GOV")]


def test_meetings_concern_and_a_verb_after_its_repeated_subject():
    assert _rows("وعقدت قمة بوتين وأردوغان في سوتشي.") == [("RUSSIA", "coordinate", "TURKEY", "pos", "real")]
    assert _rows("بوتين يعرب عن بالغ قلقه من قرار ترمب بشأن إيران.") == [("RUSSIA", "oppose", "US", "pos", "real")]
    assert ("US", "attack", "SYRIAN_GOV", "pos", "hyp") in _rows(
        "روسيا تهدد الولايات المتحدة برد عسكري إذا قصفت واشنطن دمشق.")
    [rel] = find_relations("أعلن ترامب انسحاب الولايات المتحدة من الاتفاق النووي مع إيران.")
    assert rel.verb == "انسحاب الولايات المتحدة من الاتفاق" and rel.polarity == "neg"


def test_an_attack_nouns_genitive_is_its_agent_a_support_nouns_its_object():
    text = "وأضاف أن الأنفاق كان يستخدمها عناصر تنظيم الدولة للاختباء من ضربات القوات العراقية والتحالف الدولي."
    assert _rows(text) == [("IRAQ", "attack", "ISIS", "pos", "real"), ("COALITION", "attack", "ISIS", "pos", "real")]
    assert _rows("وقررت واشنطن وقف دعم قوات سوريا الديمقراطية.") == [("US", "support", "SDF", "neg", "real")]


def test_an_actor_after_a_second_agent_phrase_is_not_the_first_agents_target():
    text = ("وتوجه اللاجئون إلى مناطق هزم فيها مقاتلو المعارضة على أيدي قوات الحكومة السورية بدعم حيوي من "
            "جماعة حزب الله اللبنانية المدعومة من إيران.")
    assert sorted(r[:3] for r in _rows(text)) == [("HEZBOLLAH", "support", "SYRIAN_GOV"), ("IRAN", "support", "HEZBOLLAH")]


def _entry_examples(key: str) -> list[tuple[str, str, str]]:
    import yaml

    data = yaml.safe_load((config.LEXICON_DIR / "relations.yaml").read_text(encoding="utf-8"))
    return [(relation, " ".join(str(x) for x in [e.get("perfect") or e.get("imperfect") or e.get("forms")]), text)
            for relation, block in data["relations"].items() for kind in ("verbs", "nouns")
            for e in block.get(kind, []) for text in e.get(key, [])]


def _with_statements(text: str) -> list:
    from analysis.stance.analyzer import find_statements

    return [r for r in find_relations(text, statements=find_statements(text)) if r.relation != "statement_about"]


@pytest.mark.parametrize("relation,entry,example", _entry_examples("examples"))
def test_every_trigger_example_of_the_lexicon_gives_its_relation(relation, entry, example):
    assert relation in {r.relation for r in _with_statements(example)}, (entry, example)


@pytest.mark.parametrize("relation,entry,example", _entry_examples("counterexamples"))
def test_no_trigger_counterexample_of_the_lexicon_gives_its_relation(relation, entry, example):
    assert relation not in {r.relation for r in _with_statements(example)}, (entry, example)


def test_the_lexicon_ships_trigger_examples_and_counterexamples():
    assert len(_entry_examples("examples")) >= 5 and len(_entry_examples("counterexamples")) >= 5


def test_a_verbal_nouns_bare_genitive_is_its_object_an_event_nouns_its_agent():
    text = "وقالت قوات الحشد الشعبي، التي لعبت دورا رئيسيا في هزيمة تنظيم الدولة، إنها مستعدة."
    assert ("IRAQ", "attack", "ISIS") in [(r.source_actor, r.relation, r.target_actor) for r in _with_statements(text)]
    assert ("ISIS", "attack", "IRAQ") not in [(r.source_actor, r.relation, r.target_actor) for r in _with_statements(text)]
    # the event noun's genitive stays its agent
    assert _rows("وتواصلت غارات التحالف على تنظيم الدولة في الرقة.") == [("COALITION", "attack", "ISIS", "pos", "real")]
    # a passive verbal noun names no agent: the speaker before it is none
    assert _with_statements("قال السفير التركي إنه تم استهداف فصائل المعارضة.") == []
    # a genitive followed by the noun's object (لمواقعه) is its agent, not its object
    assert _rows("حزب الله ينفي استهداف إسرائيل لمواقعه على حدود سوريا") == []


def test_an_attack_aimed_at_a_place_takes_no_target_from_before_the_noun():
    text = "وعجز مجلس الأمن عن التحرك في ظل استمرار هجوم القوات الحكومية على الغوطة الشرقية."
    actors = {"مجلس الأمن": "UN", "القوات الحكومية": "SYRIAN_GOV"}
    assert _triples(text, actors) == []
    # with no target named after the agent, the actor before the noun is the target ("الاختباء من ضربات X")
    text = "واختبأ مقاتلو تنظيم الدولة من ضربات القوات العراقية."
    assert _triples(text, {"تنظيم الدولة": "ISIS", "القوات العراقية": "IRAQ"}) == [("IRAQ", "attack", "ISIS")]


def test_words_of_a_statement_that_stand_for_its_speaker_are_its_arguments():
    rows = [(r.source_actor, r.relation, r.target_actor) for r in
            _with_statements("قال السفير التركي إن بلاده قدمت الدعم لقطر في الأزمة.")]
    assert rows == [("TURKEY", "support", "QATAR")]
    rows = [(r.source_actor, r.relation, r.target_actor, r.claim_of) for r in
            _with_statements("وتقول قوات النظام السوري إنها تستهدف فصائل المعارضة.")]
    assert rows == [("SYRIAN_GOV", "attack", "OPPOSITION", "SYRIAN_GOV")]
    # outside a statement the same words refer to nobody
    assert _rows("وأكد مسؤول أن بلاده قدمت الدعم لقطر.") == []
    # the pronoun counts only right before a verb trigger
    assert _with_statements("وقال الوزير الروسي إنه يجب وقف استهداف المدنيين.") == []


def test_a_relative_clauses_antecedent_is_its_verbs_subject_without_a_resumptive_pronoun():
    text = "والتقى بوتين رئيس الوزراء الإسرائيلي بنيامين نتنياهو، الذي أيد قرار ترمب."
    got = _triples(text, {"بوتين": "RUSSIA", "بنيامين نتنياهو": "ISRAEL", "ترمب": "US"})
    assert ("ISRAEL", "support", "US") in got and ("US", "support", "ISRAEL") not in got
    # a verb far inside the relative clause has its own subject
    text = "وجاء التقرير بعد الضربات الأمريكية التي استهدفت مواقع في سوريا ردا على هجوم قرب دمشق اتهمت تركيا النظام بتنفيذه."
    got = _triples(text, {"الضربات الأمريكية": "US", "تركيا": "TURKEY", "النظام": "SYRIAN_GOV"})
    assert ("US", "oppose", "SYRIAN_GOV") not in got and ("TURKEY", "oppose", "SYRIAN_GOV") in got
    # with a resumptive pronoun the antecedent is the object
    text = "وتقدمت قوات النظام، التي تدعمها روسيا، نحو إدلب."
    assert _triples(text, {"قوات النظام": "SYRIAN_GOV", "روسيا": "RUSSIA"}) == [("RUSSIA", "support", "SYRIAN_GOV")]


def test_a_day_between_commas_cuts_no_clause():
    text = "أعرب الرئيس الروسي، الأربعاء، عن قلقه من قرار ترمب."
    assert _triples(text, {"الرئيس الروسي": "RUSSIA", "ترمب": "US"}) == [("RUSSIA", "oppose", "US")]
    # any other comma still ends the clause
    text = "أعرب الرئيس الروسي، وسط القاعة، عن قلقه من قرار ترمب."
    assert _triples(text, {"الرئيس الروسي": "RUSSIA", "ترمب": "US"}) == []


def test_an_actor_after_another_trigger_is_no_target_of_the_agent_phrase():
    text = "واستمر القصف من قبل القوات الروسية المؤيدة للنظام السوري في الغوطة."
    got = _triples(text, {"القوات الروسية": "RUSSIA", "للنظام السوري": "SYRIAN_GOV"})
    assert got == [("RUSSIA", "support", "SYRIAN_GOV")]


# --- verbal nouns and participles: where their arguments stand ------------------------------------


def test_a_leader_in_a_relative_clause_leads_the_antecedent():
    assert _rows("وقال التحالف الدولي الذي تقوده الولايات المتحدة إنه نفذ ضربة جوية.") == [
        ("US", "coordinate", "COALITION", "pos", "real")]
    # an event led by an actor is no joint force, and قاد outside a relative clause is no relation
    assert _rows("ولكن الهجوم الذي تقوده أنقرة ضد عفرين مستمر.") == []
    assert _rows("وقاد أردوغان وفد تركيا إلى موسكو.") == []


def test_a_leader_heads_only_the_force_right_before_it():
    assert _rows("وتعرضت المنطقة لقصف من قبل الطيران العراقي والتحالف الدولي بقيادة واشنطن.") == [
        ("US", "coordinate", "COALITION", "pos", "real")]


def test_a_preposition_object_is_no_subject():
    # "مواقع للنظام": the regime owns the positions struck; it strikes nothing
    got = _rows("لكنها سبق أن نفذت ضربات استهدفت مواقع للنظام السوري أو شحنات أسلحة قالت إن مصدرها إيران.")
    assert all(r[0] != "SYRIAN_GOV" for r in got), got
    assert _rows("واستهدفت قوات النظام السوري مواقع فصائل المعارضة.") == [
        ("SYRIAN_GOV", "attack", "OPPOSITION", "pos", "real")]
    text = "وقال إن روسيا تدعم النظام السوري في إشارة إلى اتهامات التي توجهها للسعودية بمنع الحجاج القطريين."
    assert ("SAUDI_ARABIA", "oppose", "QATAR") not in [r[:3] for r in _rows(text)]


def test_the_target_may_be_the_owner_of_what_a_preposition_introduces():
    assert _rows("وقتل عشرة مدنيين في الغارات الجوية الروسية على مواقع فصائل المعارضة.") == [
        ("RUSSIA", "attack", "OPPOSITION", "pos", "real")]


def test_a_possessor_with_lam_before_a_target_is_the_agent_of_an_indefinite_attack_noun():
    assert _rows("وأعلنت وزارة الدفاع غارات للتحالف الدولي على مواقع تنظيم الدولة.") == [
        ("COALITION", "attack", "ISIS", "pos", "real")]
    assert _rows("وأعلنت تركيا أن هجوما للجيش التركي على وحدات حماية الشعب بدأ.") == [
        ("TURKEY", "attack", "SDF", "pos", "real")]
    # without a preposition of aim after it, "ضربة لتنظيم الدولة" is a blow *to* the organisation
    assert all(r[0] != "ISIS" for r in _rows("ووجهت القوات العراقية ضربة قوية لتنظيم الدولة."))


def test_a_receiver_is_the_target_of_the_noun_after_a_verb_of_receiving():
    assert _rows("وتحظى القوات الكردية بدعم التحالف الدولي في سوريا.") == [
        ("COALITION", "support", "SDF", "pos", "real")]
    assert _rows("وقررت واشنطن وقف دعم قوات سوريا الديمقراطية.") == [("US", "support", "SDF", "neg", "real")]


def test_an_actor_after_a_comitative_is_a_partner_not_a_target():
    text = "وهذه هي المرة الأولى التي شارك فيها الجيش البريطاني في الضربات الجوية في سوريا مع التحالف الغربي."
    assert ("UK", "attack", "COALITION") not in [r[:3] for r in _rows(text)]


def test_a_time_of_two_words_between_commas_cuts_no_clause():
    text = "وقال المرصد إن الجيش الإسرائيلي شن، مساء الأربعاء، هجوما صاروخيا استهدف مواقع قوات النظام السوري."
    assert ("ISRAEL", "attack", "SYRIAN_GOV", "pos", "real") in _rows(text)


def test_a_name_beginning_with_waw_is_no_conjunct_and_a_threatened_act_is_the_threateners():
    assert _rows("وهددت تركيا وحدات حماية الشعب بهجوم عسكري.") == [
        ("TURKEY", "oppose", "SDF", "pos", "real"), ("TURKEY", "attack", "SDF", "pos", "hyp")]
    # an accusation is no threat: the accused is the agent of the act after ب
    assert _rows("واتهمت تركيا واشنطن بدعم وحدات حماية الشعب.") == [
        ("TURKEY", "oppose", "US", "pos", "real"), ("US", "support", "SDF", "pos", "real")]


def test_hyphenated_actors_are_a_pair():
    assert _rows("وعقدت قمة ترامب-بوتين في هلسنكي.") == [("US", "coordinate", "RUSSIA", "pos", "real")]


def test_a_symmetric_nouns_nisba_actor_is_the_partner_of_the_actor_before():
    assert _rows("أعلن ترامب انسحاب أمريكا من الاتفاق النووي الإيراني.") == [("US", "coordinate", "IRAN", "neg", "real")]
    assert _rows("أعلن ترامب انسحاب أمريكا من الاتفاق النووي.") == []


def test_an_agent_phrase_between_commas_cuts_no_clause_and_backs_the_subject():
    assert _rows("وهاجمت القوات العراقية، بدعم جوي من التحالف الدولي، مواقع تنظيم الدولة.") == [
        ("IRAQ", "attack", "ISIS", "pos", "real"), ("COALITION", "support", "IRAQ", "pos", "real")]
    # a clause between commas that is no agent phrase still cuts
    assert ("IRAQ", "attack", "ISIS") not in [r[:3] for r in _rows(
        "وهاجمت القوات العراقية، وقال مسؤول إن التحالف الدولي يراقب، مواقع تنظيم الدولة.")]


def test_a_symmetric_noun_with_a_nisba_actor_needs_an_ending_or_a_pair():
    # a stance on a deal makes no partner of the deal's nisba
    assert _rows("ماكرون موضحا موقف فرنسا من الاتفاق النووي الإيراني.") == []
    assert _rows("وتحدثت الصحف عن تداعيات الانسحاب الأمريكي من الاتفاق النووي الإيراني.") == [
        ("US", "coordinate", "IRAN", "neg", "real")]
    # two nisbas in a row are the pair
    assert _rows("في إشارة إلى اعتراض حلف الناتو على اتفاق تركي روسي لشراء منظومة صواريخ.") == [
        ("TURKEY", "coordinate", "RUSSIA", "pos", "real")]


def test_a_place_word_with_ba_makes_a_place():
    assert all("SYRIAN_GOV" not in r[:3] for r in _rows("في إشارة إلى اتهام موسكو بالضلوع في هجوم دوما بغوطة دمشق الشرقية."))


def test_an_aside_without_an_actor_agent_and_a_city_naming_a_deal_make_no_row():
    text = "وقال بوتين إن الولايات المتحدة قامت، بدعم من حلفائها، بقصف منشآت القوات المسلحة السورية."
    assert ("US", "support", "SYRIAN_GOV") not in [r[:3] for r in _rows(text)]
    assert _rows("بعد إعلان دونالد ترامب انسحاب بلاده من اتفاق باريس حول المناخ.") == []


def test_the_actor_after_a_prepositional_verb_phrase_is_its_object():
    assert _rows("وقال إن 12 مسلحا غير سوريين يقاتلون إلى جانب القوات السورية فجر الخميس في غارات التحالف.") == []
    assert ("HEZBOLLAH", "support", "SYRIAN_GOV", "pos", "real") in _rows(
        "وكانت موجهة إلى حزب الله الذي يقاتل إلى جانب قوات النظام السوري.")


def test_a_circumstance_with_ba_names_no_target_and_an_asides_agent_is_no_subject():
    assert _rows("وتقوم مساعدة وزير الخارجية الأمريكية بزيارة الأردن.") == []
    text = ("وبدأت تركيا تدخلها المباشر في شمال سوريا، بدعم من جماعات المعارضة السورية المسلحة، في هجوم "
            "عسكري لطرد تنظيم الدولة من حدودها.")
    assert ("OPPOSITION", "attack", "ISIS") not in [r[:3] for r in _rows(text)]


def test_an_actor_after_ma_is_the_opposed_of_a_warning():
    assert _rows("وكانت إسرائيل حذرت مرارا بأنها لن تتسامح مع وجود عسكري إيراني دائم في سوريا.") == [
        ("ISRAEL", "oppose", "IRAN", "pos", "real")]


def test_a_backing_noun_with_ba_and_its_actor_backs_the_clauses_subject():
    # the nisba or genitive of بدعم / بمساعدة is the backer of the clause's subject, and no subject itself
    assert set(_rows("وتشن قوات النظام بدعم روسي منذ أيام هجوما على مواقع تنظيم الدولة.")) == {
        ("RUSSIA", "support", "SYRIAN_GOV", "pos", "real"), ("SYRIAN_GOV", "attack", "ISIS", "pos", "real")}
    rows = _rows("وسيطر الجيش السوري على البلدة بمساعدة روسيا وإيران.")
    assert ("RUSSIA", "support", "SYRIAN_GOV", "pos", "real") in rows
    assert ("IRAN", "support", "SYRIAN_GOV", "pos", "real") in rows
    assert ("SYRIAN_GOV", "support", "RUSSIA") not in [r[:3] for r in rows]
    # the content of an accusation is no instrument: the accused backs the genitive
    rows = [r[:3] for r in _rows("واتهمت أنقرة واشنطن بدعم وحدات حماية الشعب.")]
    assert ("US", "support", "SDF") in rows and ("SDF", "support", "TURKEY") not in rows


def test_the_judge_of_a_noun_trigger_is_not_its_agent():
    assert _rows("وتعتبر دمشق العقوبات الأمريكية على إيران غير مشروعة.") == [("US", "oppose", "IRAN", "pos", "real")]
    assert _rows("وفرضت دمشق العقوبات على الأردن.") == [("SYRIAN_GOV", "oppose", "JORDAN", "pos", "real")]


def test_a_partner_may_be_the_owner_of_a_title_after_ma():
    assert _rows("واتفقت تركيا مع رئيس وزراء قطر على خطة.") == [("TURKEY", "coordinate", "QATAR", "pos", "real")]
    # two nouns between مع and the actor: no partner read through them
    assert _rows("واتفقت تركيا مع بعض وزراء مجلس قطر على خطة.") == []


def test_a_trigger_word_inside_a_name_heads_no_relation():
    assert ("NATO", "coordinate", "RUSSIA") not in [r[:3] for r in _rows("وانتقد حلف الناتو الخطوة الروسية.")]
    assert _rows("ووقعت السعودية وفرنسا اتفاقية شراكة.") == [("SAUDI_ARABIA", "coordinate", "FRANCE", "pos", "real")]


def test_a_prepositional_phrase_after_a_definite_noun_takes_no_article():
    assert _rows("وأرسلت قطر مقاتلين للقتال إلى جانب هيئة تحرير الشام.") == [("QATAR", "support", "HTS", "pos", "real")]
    assert ("QATAR", "attack", "HTS") in [r[:3] for r in _rows("وأرسلت قطر مقاتلين لقتال هيئة تحرير الشام.")]


def test_an_actor_in_apposition_between_commas_cuts_no_clause():
    assert _rows("ودعا الرئيس الأمريكي، دونالد ترامب، إلى التعاون مع روسيا.") == [("US", "coordinate", "RUSSIA", "pos", "hyp")]
    # a list of different actors between commas is no apposition
    assert ("TURKEY", "attack", "QATAR") not in [r[:3] for r in _rows("هاجمت الصحف تركيا، قطر، وإيران.")]


def test_an_ally_qualifies_the_actor_before_it_or_in_apposition():
    assert _rows("وأيدت روسيا، الحليف الرئيسي للنظام السوري، القرار.") == [("RUSSIA", "support", "SYRIAN_GOV", "pos", "real")]
    assert _rows("وقدمت الصين هدية لإيران الحليفة للأسد.") == [("IRAN", "support", "SYRIAN_GOV", "pos", "real")]
    # a possessed ally named after the word is the backer of its possessor
    assert _rows("واستقبل أمير قطر حليفها الرئيس التركي.") == [("TURKEY", "support", "QATAR", "pos", "real")]


def test_a_surface_both_verb_and_noun_is_the_noun_where_the_context_says_so():
    rows = _rows("وحذرت أنقرة من أي دعم قد تقدمه القوات الحكومية السورية لوحدات حماية الشعب.")
    assert ("SYRIAN_GOV", "support", "SDF", "pos", "hyp") in rows
    assert ("TURKEY", "support", "SYRIAN_GOV") not in [r[:3] for r in rows]
    assert _rows("وقالت الحكومة السورية، التي تتلقى دعما عسكريا من روسيا، إنها مستعدة.") == [
        ("RUSSIA", "support", "SYRIAN_GOV", "pos", "real")]
    # the verb reading stays without such a context
    assert _rows("ودعم الرئيس الروسي النظام السوري.") == [("RUSSIA", "support", "SYRIAN_GOV", "pos", "real")]


def test_an_adjective_may_stand_between_a_noun_and_its_relative_clause():
    assert ("IRAN", "support", "SYRIAN_GOV", "pos", "real") in _rows(
        "وتحدث التقرير عن الدعم العسكري الذي تقدمه إيران للحكومة السورية.")
    # an indefinite word is no adjective of a definite noun
    assert ("IRAN", "support", "SYRIAN_GOV") not in [r[:3] for r in _rows(
        "وتحدث التقرير عن الدعم مرارا الذي تقدمه إيران للحكومة السورية.")]


def test_a_pair_after_another_words_preposition_is_no_subject_of_a_symmetric_noun():
    assert _rows("واحتشد الناس قرب السياج الفاصل بين الجانبين السوري والإسرائيلي هربا من المعارك.") == []
    assert _rows("وتجري روسيا وتركيا محادثات حول إدلب.") == [("RUSSIA", "coordinate", "TURKEY", "pos", "real")]


def test_a_parenthesis_does_not_count_in_the_distance_and_firing_needs_an_aim():
    assert _rows("وأطلقت القوات الإيرانية في سوريا، ليل الأربعاء الخميس، نحو عشرين صاروخا باتجاه القوات "
                 "الإسرائيلية.") == [("IRAN", "attack", "ISRAEL", "pos", "real")]
    assert _rows("وأطلقت تركيا سراح القس الأمريكي.") == []


def test_tension_between_two_actors_is_opposition():
    assert _rows("وتوترت العلاقات بين أنقرة وواشنطن.") == [("TURKEY", "oppose", "US", "pos", "real")]
    assert _rows("وتوتر الوضع في دمشق بعد زيارة الوفد الروسي.") == []


def test_an_instrument_backs_a_subject_of_its_own_clause_that_is_no_prepositions_object():
    rows = _rows("واستعادت القوات الحكومية أجزاء من مقاتلي المعارضة بمساعدة القوة الجوية الروسية.")
    assert ("RUSSIA", "support", "SYRIAN_GOV", "pos", "real") in rows
    assert ("RUSSIA", "support", "OPPOSITION") not in [r[:3] for r in rows]
    # an instrument opening its own clause backs no actor of another clause
    assert not [r for r in _rows("وناقش ترامب وبن سلمان التهديد الذي يمثله الحوثيون، بمساعدة الحرس الثوري الإيراني.")
                if r[1] == "support"]


def test_a_possessed_ally_named_after_the_word_backs_the_possessor():
    assert _rows("وتحدث الوزير عن نظام الأسد وداعمه الأساسي النظام الإيراني.") == [
        ("IRAN", "support", "SYRIAN_GOV", "pos", "real")]
    # the feminine ending is no pronoun: the ally is the actor before
    assert _rows("وانتقدت تركيا الفصائل الكردية الداعمة لحزب العمال الكردستاني.")[-1][:3] == ("SDF", "support", "PKK")


def test_a_verb_with_an_object_pronoun_and_an_actor_after_it_is_verb_subject():
    rows = [r[:3] for r in _rows("وسيطرت القوات الحكومية على المدينة بعد معارك مع مقاتلين وجماعات تدعمها إيران.")]
    assert ("SYRIAN_GOV", "support", "IRAN") not in rows


def test_tension_needs_its_pair_after_bayna():
    assert _rows("وأعلنت الولايات المتحدة نيتها ضرب النظام السوري وسط توتر غير مسبوق مع روسيا.") == [
        ("US", "attack", "SYRIAN_GOV", "pos", "hyp")]


def test_a_trigger_in_the_first_person_inside_a_statement_has_the_speaker_as_agent():
    rows = [(r.source_actor, r.relation, r.target_actor, r.claim_of) for r in
            _with_statements("وقال السفير التركي إننا دعمنا قطر في الأزمة.")]
    assert rows == [("TURKEY", "support", "QATAR", "TURKEY")]
    assert [(r.source_actor, r.relation, r.target_actor, r.modality) for r in
            _with_statements('وقال وزير الخارجية الروسي "سنتعاون مع تركيا في إدلب".')] == [
        ("RUSSIA", "coordinate", "TURKEY", "hyp")]
    # outside a statement the first person stands for nobody
    assert _with_statements("دعمنا قطر في الأزمة.") == []


def test_operations_and_war_against_an_actor_and_an_undergone_strike():
    assert _rows("وتواصل القوات التركية عملياتها ضد وحدات حماية الشعب في عفرين.") == [
        ("TURKEY", "attack", "SDF", "pos", "real")]
    assert _rows("وبدأت عملية الإخلاء من الغوطة بعد اتفاق بإشراف الأمم المتحدة.") == []
    assert _rows("وتعرضت مواقع المعارضة لقصف روسي عنيف.") == [("RUSSIA", "attack", "OPPOSITION", "pos", "real")]
    assert _rows("وتحدثت المعارضة عن القصف الروسي في إدلب.") == []


def test_a_list_of_actors_with_commas_and_wa_is_one_role():
    rows = [r[:3] for r in _rows("وفي يناير، اتفقت روسيا، وإيران، وتركيا على وقف جزئي لإطلاق النار.")]
    assert rows == [("RUSSIA", "coordinate", "IRAN"), ("RUSSIA", "coordinate", "TURKEY"),
                    ("IRAN", "coordinate", "TURKEY")]
    # without و the comma still cuts: no list, no pair across it
    assert ("TURKEY", "attack", "QATAR") not in [r[:3] for r in _rows("وهاجمت الصحف تركيا، قطر، وإيران.")]


def test_discussing_with_a_partner_is_coordination_and_a_dual_verb_takes_no_subject_after_it():
    assert _rows("وبحث وزير الخارجية الروسي مع نظيره التركي الوضع في إدلب.") == [
        ("RUSSIA", "coordinate", "TURKEY", "pos", "real")]
    assert _rows("وبحث البرلمان التركي قانون الانتخابات مع الخبراء.") == []
    assert _rows("وناقشا بشكل خاص الانسحاب الأميركي من الاتفاق النووي مع إيران.") == [
        ("US", "coordinate", "IRAN", "neg", "real")]


def test_military_escalation_between_two_actors_and_cancelling_stops_a_relation():
    assert _rows("وشهدت الأسابيع الماضية تصعيدا عسكريا غير مسبوق بين إسرائيل وإيران.") == [
        ("ISRAEL", "attack", "IRAN", "pos", "real")]
    assert _rows("وقال إن فرنسا ألغت عقوباتها على إيران.") == [("FRANCE", "oppose", "IRAN", "neg", "real")]


def test_a_verb_whose_stem_ends_like_a_pronoun_has_no_object_pronoun():
    # اتهم ends in هم: no resumptive pronoun, the relative's antecedent is the accuser
    assert _rows("وقال حزب الله الذي اتهم إسرائيل بالاغتيال إنه سيرد.") == [("HEZBOLLAH", "oppose", "ISRAEL", "pos", "real")]
    assert _rows("وتقدمت قوات النظام، التي تدعمها روسيا، نحو المدينة.") == [("RUSSIA", "support", "SYRIAN_GOV", "pos", "real")]


def test_an_attack_aimed_at_a_place_after_a_light_verb_takes_no_victim_from_another_event():
    assert _rows("وأعقب هجوما شنته القوات الحكومية على المنطقة اتفاق أبرمته روسيا.") == []


def test_a_circumstantial_participle_takes_the_main_verbs_subject_as_agent():
    assert _rows("وأعلن الرئيس التركي أن العملية مستمرة، متهما الولايات المتحدة بدعم الإرهابيين.")[-1] == (
        "TURKEY", "oppose", "US", "pos", "real")
    # its target is in its own clause
    assert _rows("وقال الرئيس الروسي محذرا: إن تركيا تتحمل المسؤولية.") == []


def test_a_symmetric_noun_in_a_relative_clause_relates_its_antecedent():
    assert _rows("ويلتقي ماكرون ونتانياهو اللذان يعقدان ثالث لقاء بينهما في باريس.")[-1] == (
        "FRANCE", "coordinate", "ISRAEL", "pos", "real")
    assert ("TURKEY", "coordinate", "RUSSIA") in [r[:3] for r in _rows(
        "وقال الرئيس التركي الذي أجرى محادثات مع بوتين إن الوضع صعب.")]
    # a relative clause on a noun that is no actor relates nobody
    assert _rows("وانتقدت روسيا الصحفيين الذين حضروا الاجتماع مع الأسد.") == []


def test_a_dual_symmetric_verb_relates_the_two_noun_phrases_of_its_subject():
    assert ("RUSSIA", "coordinate", "US") in [r[:3] for r in _rows(
        "وقال مسؤول إن رئيس هيئة الأركان للجيش الروسي ورئيس هيئة الأركان الأمريكية تحدثا هاتفيا اليوم.")]
    # two actors without و between them are no dual subject
    assert ("RUSSIA", "coordinate", "US") not in [r[:3] for r in _rows(
        "وقال الجيش الروسي إن الجنرالين من هيئة الأركان الأمريكية تحدثا هاتفيا اليوم.")]


def test_the_agent_of_a_backing_phrase_is_no_subject_of_a_verbal_noun_after_it():
    text = "ويتلقى التحالف مساعدة من الولايات المتحدة لقتال تنظيم الدولة."
    rows = [r[:3] for r in _rows(text)]
    assert ("US", "attack", "ISIS") not in rows
    assert ("IRAQ", "attack", "ISIS") in [r[:3] for r in _rows("وتقاتل القوات العراقية من أجل هزيمة تنظيم الدولة.")]


def test_a_verb_that_requires_a_word_later_in_its_clause():
    assert _rows("وحملت الخارجية الأمريكية روسيا مسؤولية الهجمات.") == [("US", "oppose", "RUSSIA", "pos", "real")]
    # the word in another clause does not count
    assert _rows("وحملت الخارجية الأمريكية روسيا، وقالت إن المسؤولية جماعية.") == []


def test_a_title_and_the_name_in_apposition_after_it_are_one_source():
    rows = [r[:3] for r in _rows("وحذر الرئيس الروسي فلاديمير بوتين نظيره الفرنسي إيمانويل ماكرون من أي عمل متهور.")]
    assert rows == [("RUSSIA", "oppose", "FRANCE")]
    # the name is no target of its own title, and nothing else is taken for one
    assert _rows("وحذر الرئيس الروسي فلاديمير بوتين من أي عمل متهور في المنطقة.") == []


def test_a_name_and_a_time_between_commas_in_a_row_cut_no_clause():
    rows = [r[:3] for r in _rows("وانتقد وزير الخارجية الألماني، هايكو ماس، الأحد، روسيا بسبب الهجمات.")]
    assert rows == [("GERMANY", "oppose", "RUSSIA")]
    assert [r[:3] for r in _rows("ونفذت بريطانيا وفرنسا، فجر السبت، ضربات على مواقع تابعة للحكومة السورية.")] == [
        ("UK", "attack", "SYRIAN_GOV"), ("FRANCE", "attack", "SYRIAN_GOV")]
    # words between commas that are neither a name in apposition nor a time still cut the clause
    assert _rows("وانتقد وزير الخارجية الألماني، في خطاب أمام البرلمان، روسيا بسبب الهجمات.") == []


def test_an_actor_after_min_of_a_quantity_is_part_of_the_object():
    assert [r[:3] for r in _rows("وقصف الجيش الإسرائيلي عشرات من الأهداف العسكرية الإيرانية في سوريا.")] == [
        ("ISRAEL", "attack", "IRAN")]
    # without a word of quantity, من after a noun trigger still introduces its agent
    assert ("TURKEY", "attack", "SDF") not in [r[:3] for r in _rows(
        "وأعلنت تركيا عن هجوم من وحدات حماية الشعب على حدودها.")]


def test_the_signatories_of_an_agreement_are_its_parties():
    assert [r[:3] for r in _rows("وينص اتفاق وقعته روسيا وتركيا على سحب الأسلحة الثقيلة.")] == [
        ("RUSSIA", "coordinate", "TURKEY")]
    assert [r[:3] for r in _rows("وينص الاتفاق الذي أبرمته روسيا وتركيا على سحب الأسلحة.")] == [
        ("RUSSIA", "coordinate", "TURKEY")]
    assert [r[:3] for r in _rows("وخرج المقاتلون بموجب اتفاق أبرمته روسيا مع الفصائل المعارضة.")] == [
        ("RUSSIA", "coordinate", "OPPOSITION")]
    # one signatory and no partner: no pair
    assert _rows("ونص اتفاق وقعته روسيا على سحب الأسلحة من إدلب.") == []


def test_an_attack_on_an_area_an_actor_holds_targets_that_actor():
    assert [r[:3] for r in _rows("وبدأت الحكومة السورية هجوما كبيرا على المناطق التي تسيطر عليها فصائل المعارضة.")] == [
        ("SYRIAN_GOV", "attack", "OPPOSITION")]
    assert [r[:3] for r in _rows("وقصفت الطائرات الروسية المناطق الخاضعة لسيطرة هيئة تحرير الشام.")] == [
        ("RUSSIA", "attack", "HTS")]
    # no attack, or an area that is not said to be held: no target
    assert _rows("وقال الجيش الروسي إن المناطق التي تسيطر عليها فصائل المعارضة آمنة.") == []
    assert _rows("وبدأت الحكومة السورية هجوما على المناطق التي زارها الرئيس التركي.") == []


def test_a_person_who_attacks_another_actor_does_it_in_words():
    assert [r[:3] for r in _rows("وهاجم الرئيس السوري بشار الأسد الولايات المتحدة في خطابه.")] == [
        ("SYRIAN_GOV", "oppose", "US")]
    assert [r[:3] for r in _rows("وهاجم بومبيو القيادة الإيرانية في كلمته.")] == [("US", "oppose", "IRAN")]
    # forces attack by force
    assert [r[:3] for r in _rows("وهاجمت القوات التركية مواقع وحدات حماية الشعب قرب عفرين.")] == [
        ("TURKEY", "attack", "SDF")]


def test_a_backing_phrase_after_a_nearer_event_backs_that_events_agent():
    rows = [r[:3] for r in _rows(
        "وحذر الرئيس الأمريكي الرئيس السوري بشار الأسد من شن هجوم، بدعم من روسيا، على إدلب.")]
    assert ("RUSSIA", "support", "SYRIAN_GOV") in rows and ("RUSSIA", "support", "US") not in rows
    # with no event between, the phrase backs the last relation's source
    assert ("COALITION", "support", "SDF") in [r[:3] for r in _rows(
        "وشنت قوات سوريا الديمقراطية هجوما على تنظيم الدولة، وذلك بدعم من التحالف الدولي.")]


def test_an_aim_phrase_after_a_comma_belongs_to_the_event_before_it():
    assert [r[:3] for r in _rows("وشن تنظيم داعش أعنف هجوم منذ شهر، ضد قوات سوريا الديمقراطية في دير الزور.")] == [
        ("ISIS", "attack", "SDF")]
    # a comma before على that introduces no actor still cuts the clause
    assert _rows("وقالت تركيا، على لسان وزير خارجيتها، إن الهجوم على قوات سوريا الديمقراطية فشل.") == []


def test_the_genitive_of_a_noun_written_with_lam_is_no_subject():
    assert [r[:3] for r in _rows(
        "وأكد أن طائرات التحالف الدولي لمحاربة داعش آزرت مقاتلي قوات سوريا الديمقراطية في المعارك.")] == [
        ("COALITION", "support", "SDF")]
    assert _rows("انتقادات لتدخلات إيران ورفض لقرار ترامب بشأن القدس") == []


def test_the_agent_of_a_participle_is_no_subject_or_target_of_another_trigger():
    rows = [r[:3] for r in _rows("وقالت روسيا إن قوات النظام المدعومة من إيران هاجمت فصائل المعارضة.")]
    assert ("SYRIAN_GOV", "attack", "OPPOSITION") in rows and ("IRAN", "attack", "OPPOSITION") not in rows
    assert [r[:3] for r in _rows("وتعارض روسيا القرار مدعومة من إيران.")] == [("IRAN", "support", "RUSSIA")]


def test_a_supplied_genitive_before_bi_is_the_object():
    assert [r[:3] for r in _rows("وتواصل روسيا تزويد نظام الأسد بالمعدات والسلاح.")] == [
        ("RUSSIA", "support", "SYRIAN_GOV")]
    # an attack noun's genitive before بـ stays ambiguous: no row
    assert _rows("واستنكرت تركيا استهداف إسرائيل بالصواريخ.") == []
    # a connective that begins with the letter ل is no noun governing the actor
    assert [r[:3] for r in _rows("وتحدث نتنياهو عن إيران، لكن إسرائيل لم تنفذ أي غارة على إيران.")] == [
        ("ISRAEL", "attack", "IRAN")]


def test_a_time_clause_has_its_own_subject():
    assert [r[:3] for r in _rows("والتزمت الولايات المتحدة الصمت عندما هاجم الجيش التركي مواقع وحدات حماية الشعب.")] == [
        ("TURKEY", "attack", "SDF")]
    # without a subject of its own the verb after the subordinator keeps the one before
    assert [r[:3] for r in _rows("وقالت روسيا إنها ستنسحب عندما تتفق مع تركيا على إدلب.")] == [
        ("RUSSIA", "coordinate", "TURKEY")]


def test_an_actor_an_attack_is_attributed_to_is_no_target():
    rows = [r[:3] for r in _rows("وبحث الرئيسان الأمريكي والفرنسي الرد على الهجمات الكيميائية المنسوبة للنظام السوري.")]
    assert ("US", "attack", "SYRIAN_GOV") not in rows and ("FRANCE", "attack", "SYRIAN_GOV") not in rows
    # an actor whose positions are attacked still is the target
    assert ("US", "attack", "SYRIAN_GOV") in [r[:3] for r in _rows(
        "وشنت الولايات المتحدة هجمات على مواقع تابعة للنظام السوري.")]


def test_an_object_pronoun_stands_for_the_nearest_agreeing_actor_before_the_verb():
    assert [r[:3] for r in _rows("وأصبح دور إيران مباشرا في الأزمة، إذ تتهمها إسرائيل بإقامة قاعدة عسكرية.")] == [
        ("ISRAEL", "oppose", "IRAN")]
    assert [r[:3] for r in _rows("وتحدث الرئيس الروسي عن تركيا، وقال إن واشنطن تدعمها في سوريا.")] == [
        ("US", "support", "TURKEY")]
    # a noun right before the verb is what the pronoun stands for; a pronoun that does not agree finds no actor
    assert ("IRAN", "support", "TURKEY") not in [r[:3] for r in _rows("وقالت تركيا إن جماعات تدعمها إيران هاجمت المدينة.")]
    assert _rows("وتحدث الرئيس الروسي عن تركيا، وقال إن واشنطن تدعمهم في سوريا.") == []
    # not across a colon: the headline's speaker is no antecedent
    assert _rows("هايلي: الرئيس ضرب بالكيمياوي وروسيا حمته بالفيتو") == []


def test_sanctions_imposed_by_an_actor_and_anger_at_one():
    rows = [r[:3] for r in _rows(
        "وأعربت تركيا عن غضبها بعد عقوبات فرضتها الولايات المتحدة على وزيرين في حكومة الرئيس التركي.")]
    assert ("US", "oppose", "TURKEY") in rows and ("TURKEY", "oppose", "US") in rows
    # after a word of worry or anger من names the object, not an agent
    assert [r[:3] for r in _rows("وأعربت روسيا عن قلقها من الولايات المتحدة.")] == [("RUSSIA", "oppose", "US")]
    # a worry with nothing after من is no relation
    assert _rows("وأعربت روسيا عن قلقها من التطورات في المنطقة.") == []


def test_a_meeting_that_joins_two_leaders():
    assert [r[:3] for r in _rows("ويعقد مؤتمر صحفي يجمع الرئيس الفرنسي بولي العهد السعودي في باريس.")] == [
        ("FRANCE", "coordinate", "SAUDI_ARABIA")]
    assert [r[:3] for r in _rows("وتحدث عن الأرضية المشتركة التي تجمع بين السعودية وروسيا.")] == [
        ("SAUDI_ARABIA", "coordinate", "RUSSIA")]
    # أجمع (agreed unanimously) is another verb
    assert _rows("وقال إن زعماء بريطانيا وفرنسا أجمعوا على أن القرار مهم.") == []


def test_a_genitive_agent_and_a_lam_target_make_dam_the_noun():
    rows = [r[:3] for r in _rows("وعارضت أنقرة بشدة دعم الولايات المتحدة للمقاتلين الأكراد.")]
    assert ("US", "support", "SDF") in rows and ("TURKEY", "support", "US") not in rows
    # دعم followed by an actor without ل is the verb
    assert [r[:3] for r in _rows("ودعم الولايات المتحدة الأكراد في الحرب.")] == [("US", "support", "SDF")]


def test_a_word_whose_first_letter_is_its_own_carries_no_fused_preposition():
    """بسبب (because of) begins with the letter of ب but is no ب + noun: the actor after it is not joined to
    a meeting verb (unjoined_words in the relation lexicon)."""
    assert [r[:3] for r in _rows("ويجمع اللقاء ماكرون بأمير قطر.")] == [("FRANCE", "coordinate", "QATAR")]
    assert _rows("ويجمع اللقاء ماكرون بسبب قطر.") == []
    assert _rows("ويجمع اللقاء ماكرون بسبب الأمير القطري.") == []


def test_a_light_verb_after_an_adjective_and_no_victim_for_the_subject_of_a_bare_object():
    # one adjective may stand between the noun and its light verb
    assert [r[:3] for r in _rows("وتحدث المرصد عن ضربات جوية شنتها قوات التحالف على مواقع تنظيم الدولة.")] == [
        ("COALITION", "attack", "ISIS")]
    # the subject that asked for the strikes is no victim of them
    assert _rows("وطلبت القوات الأميركية على الأرض ضربات جوية نفذتها قوات التحالف لأكثر من 3 ساعات.") == []
    # a noun in a construct or after a preposition keeps the actor before it as the victim
    assert [r[:3] for r in _rows("أعلنت القوات العراقية، الجمعة، إحباط هجوم شنه مسلحو تنظيم داعش في نينوى.")] == [
        ("ISIS", "attack", "IRAQ")]


def test_an_agent_phrase_in_a_relative_clause_about_a_noun_backs_no_actor_outside_it():
    text = ("توصلت الولايات المتحدة وروسيا إلى تسوية للسماح بوصول المساعدات إلى المدن التي تعرضت للقصف الجوي "
            "من قبل النظام السوري.")
    assert [r[:3] for r in _rows(text)] == [("US", "coordinate", "RUSSIA")]
    # a relative clause about an actor: the antecedent is backed
    assert [r[:3] for r in _rows("وتقدمت قوات سوريا الديمقراطية، التي تقاتل بدعم من التحالف، نحو الرقة.")] == [
        ("COALITION", "support", "SDF")]


def test_a_verb_object_past_another_event_belongs_to_that_event():
    got = [r[:3] for r in _rows("وتزايدت المخاوف منذ قال ترامب إن الصواريخ قادمة، وبعدما انتقد موسكو لدعمها الرئيس "
                                "السوري بشار الأسد.")]
    assert got == [("RUSSIA", "support", "SYRIAN_GOV")]
    # an object before the other event stays; a threat or an accusation keeps the actor of its content
    assert [r[:3] for r in _rows("وانتقد ترامب روسيا لدعمها الرئيس السوري بشار الأسد.")] == [
        ("US", "oppose", "RUSSIA"), ("RUSSIA", "support", "SYRIAN_GOV")]
    assert ("TURKEY", "oppose", "SDF") in [r[:3] for r in _rows("وهددت تركيا بشن هجوم على وحدات حماية الشعب في منبج.")]
    # an instrument between the subject and the aim is no event of its own
    assert [r[:3] for r in _rows("وتقاتل فصائل المعارضة بدعم من تركيا ضد وحدات حماية الشعب.")] == [
        ("OPPOSITION", "attack", "SDF"), ("TURKEY", "support", "OPPOSITION")]


def test_a_lam_possessor_after_an_indefinite_participle_is_the_agent():
    assert [r[:3] for r in _rows("وحذرت واشنطن من هجوم مرتقب للقوات الحكومية السورية على فصائل المعارضة في إدلب.")] == [
        ("SYRIAN_GOV", "attack", "OPPOSITION")]
    # the warner is not the attacker when the attack is aimed at a place
    assert _rows("وحذرت واشنطن من هجوم مرتقب للقوات الحكومية السورية على آخر معاقل المعارضة في إدلب.") == []


def test_an_attack_noun_takes_from_its_subject_only_a_target_its_aim_or_genitive_names():
    # the aim is a place, or no aim is named: a later actor is another word's argument
    assert _rows("وأشار ترامب إلى أن الضربات على سوريا ستستمر إلى حين ينتهي استخدام النظام السوري للأسلحة.") == []
    assert _rows("وقالت الولايات المتحدة إنها سترد على الهجوم الكيماوي سواء قام مجلس الأمن الدولي بتحرك أم لا.") == []
    # the phrase an aim preposition or an aimed-at noun opens holds the target
    assert [r[:3] for r in _rows("وقالت إسرائيل إنها شنت غارات جوية على مواقع سورية وإيرانية في سوريا.")][-1] == (
        "ISRAEL", "attack", "IRAN")
    assert [r[:3] for r in _rows("ووجهت إسرائيل ضربة قوية لحزب الله في سوريا.")] == [("ISRAEL", "attack", "HEZBOLLAH")]
    assert [r[:3] for r in _rows("وشنت قوات النظام هجوما واسعا على المناطق التي تسيطر عليها فصائل المعارضة.")] == [
        ("SYRIAN_GOV", "attack", "OPPOSITION")]


def test_a_prepositions_object_is_no_subject_of_a_verbal_noun():
    text = "وبعد شن عمليتين في الشمال السوري، الأولى ضد داعش والثانية لضرب المقاتلين الأكراد، ثبتت أنقرة وجودها."
    assert ("ISIS", "attack", "SDF") not in [r[:3] for r in _rows(text)]
    # the subject of the noun's clause is still its source
    assert [r[:3] for r in _rows("وقالت قوات الحشد الشعبي، التي لعبت دورا رئيسيا في هزيمة تنظيم الدولة، إنها مستعدة.")] == [
        ("IRAQ", "attack", "ISIS")]


def test_who_began_an_event_is_its_agent():
    text = "وجاء الإخلاء إثر حملة عسكرية بدأها النظام السوري ضد تنظيم الدولة في الحجر الأسود."
    assert [r[:3] for r in _rows(text)] == [("SYRIAN_GOV", "attack", "ISIS")]
    # a campaign begun by the regime aimed at a place has no actor target
    assert _rows("وجاء الإخلاء إثر حملة عسكرية بدأها النظام السوري على الحجر الأسود.") == []


def test_an_actor_past_a_time_subordinator_is_no_object_of_the_verb_before_it():
    text = "والراجح أن الجيش الأميركي لم يتحرك مؤخرا لمساعدة الفصائل المسلحة بعدما شن النظام هجوما على الجنوب."
    assert _rows(text) == []
    # before the subordinator the object stays
    assert [r[:3] for r in _rows("واتهمت تركيا الولايات المتحدة بدعم وحدات حماية الشعب عندما هاجمت روسيا إدلب.")] == [
        ("TURKEY", "oppose", "US"), ("US", "support", "SDF")]


def test_a_relative_pronoun_is_no_adjective_before_a_light_verb():
    text = "قال الجيش السوري، في بيان حول الضربات التي نفذتها إسرائيل ليلا على مواقع عسكرية في سوريا، إن الصواريخ قتلت 3 أشخاص."
    assert ("ISRAEL", "attack", "SYRIAN_GOV") not in [r[:3] for r in _rows(text)]


def test_the_killed_before_a_strike_named_by_its_nisba_are_its_target():
    text = "وقال المرصد إنه قتل 23 مقاتلا بينهم 5 من قوات النظام في الغارات الإسرائيلية في عدة مناطق."
    assert [r[:3] for r in _rows(text)] == [("ISRAEL", "attack", "SYRIAN_GOV")]
    # the welcomer of strikes is no victim of them
    assert _rows("ورحبت الخارجية التركية بالضربات الأمريكية.") == []


def test_a_verb_with_the_pronoun_ha_leaves_a_noun_in_ta_marbuta_to_the_noun():
    # ضربة and ضربه ("he struck him") normalize alike: the noun is meant
    text = "وقال قائد عسكري إن ضربة جوية إسرائيلية استهدفت موقعا للجيش السوري بمنطقة الكسوة."
    assert [(r.source_actor, r.target_actor, r.verb) for r in find_relations(text)
            if r.relation == "attack"] == [("ISRAEL", "SYRIAN_GOV", "ضربة")]
    # the verb keeps its other forms
    assert [r[:3] for r in _rows("وقال وزير الدفاع إن إسرائيل ضربت كل البنية التحتية الإيرانية.")] == [
        ("ISRAEL", "attack", "IRAN")]


def test_a_phrase_ending_in_its_aim_preposition_reaches_a_target_a_few_words_on():
    text = ("وقد أحكمت الميليشيات الكردية سيطرتها على مناطق واسعة بخوض الحرب ضد الفصائل \"الإسلامية\" وخاصة "
            "تنظيم الدولة الإسلامية.")
    assert ("SDF", "attack", "ISIS") in [r[:3] for r in _rows(text)]
    # not past another event
    text = "وتخوض القوات العراقية حربا ضد الفساد الذي دعمته طويلا إيران."
    assert ("IRAQ", "attack", "IRAN") not in [r[:3] for r in _rows(text)]


def test_a_verb_or_noun_with_a_pronoun_after_a_governing_word_is_the_noun():
    # "بمواصلة دعمها": the masdar's possessor is the subject before, the ل-actor its target
    assert ("US", "support", "SDF", "pos", "real") in _rows(
        "وأكدت الولايات المتحدة أهمية مواصلة دعمها لقوات سوريا الديمقراطية.")
    assert ("US", "support", "SDF", "pos", "real") in _rows("انتقدت تركيا واشنطن بسبب دعمها لوحدات حماية الشعب.")
    # after a relative pronoun the surface stays the verb with its object pronoun
    assert _rows("وتقدمت قوات النظام، التي دعمها الروس، نحو المدينة.") == [("RUSSIA", "support", "SYRIAN_GOV", "pos", "real")]


def test_a_feeling_caused_by_an_actors_act_is_the_feelers_hostility_to_the_agent():
    rows = _rows("كما أثار دعم الولايات المتحدة للقوات الكردية في سوريا غضب الرئيس إردوغان.")
    assert ("US", "support", "SDF", "pos", "real") in rows and ("TURKEY", "oppose", "US", "pos", "real") in rows
    assert ("RUSSIA", "oppose", "US", "pos", "real") in _rows("وأثار القرار الأمريكي غضب موسكو.")
    rows = _rows("ويثير التقارب والتعاون بين روسيا وتركيا حفيظة واشنطن.")
    assert ("US", "oppose", "RUSSIA", "pos", "real") in rows and ("US", "oppose", "TURKEY", "pos", "real") in rows
    # a cause that names no actor, a feeler that is no actor, a noun far after the verb with its own arguments
    assert _rows("وأثار القرار غضب المتظاهرين في إسطنبول.") == []
    assert _rows("وأثار القرار غضب سكان دمشق.") == []
    assert ("TURKEY", "oppose", "US", "pos", "real") in _rows("وأثارت تهديدات تركيا توترا بينها وبين حليفتها واشنطن.")
    assert _rows("وأثار إعلان الجيش الإسرائيلي مسؤوليته عن الغارة تساؤلات حول ما إذا كانت إسرائيل تريد توجيه "
                 "تحذير إلى إيران.") == [("ISRAEL", "oppose", "IRAN", "pos", "hyp")]


def test_a_pronoun_on_the_verbs_preposition_in_a_relative_clause_is_the_antecedent():
    assert _rows("وقال إن المسؤولين الروس الذين تنسق معهم واشنطن العمليات لم يكونوا على علم.") == [
        ("RUSSIA", "coordinate", "US", "pos", "real")]
    # a pronoun on a preposition that is no target preposition of the verb names no partner
    assert _rows("وقال إن المسؤولين الروس الذين تنسق لهم واشنطن رحلات لم يكونوا على علم.") == []


def test_a_hashtag_inside_a_phrase_leaves_its_relation_as_without_the_mark():
    plain = "حذر الرئيس الروسي، فلاديمير بوتين، الجمعة، نظيره الفرنسي إيمانويل ماكرون من أي عمل متهور."
    tagged = plain.replace("بوتين", "#بوتين").replace("ماكرون", "#ماكرون")
    expected = [("RUSSIA", "oppose", "FRANCE")]
    for text in (plain, tagged):
        assert [(r.source_actor, r.relation, r.target_actor) for r in find_relations(text)] == expected
