"""Reading real multi-outlet corpora and cleaning them without touching the text: titles as headlines, dates,
outlets, duplicates, boilerplate spans and digest pages, and what the counts leave out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.boilerplate import detect_digest, find_boilerplate, load_rules
from analysis.corpus import Document, iter_corpus
from analysis.dates import parse_date
from analysis.duplicates import DuplicateFinder, jaccard, shingles, words
from analysis.outlets import fold_outlet_name, load_outlets
from analysis.pipeline import RunOptions, context_for, run
from analysis.tables import read_table

# --- fixtures: articles written for these tests ------------------------------------------------------------

LEAD = ("قالت وزارة الدفاع الروسية اليوم الخميس إن وحدات من الجيش السوري سيطرت على بلدة في ريف حماة الشمالي "
        "بعد معارك استمرت ثلاثة أيام مع فصائل المعارضة المسلحة.")
BODY = [
    "وأضافت الوزارة في بيان أن الطيران الروسي نفذ عشرات الغارات على مواقع المسلحين في المنطقة خلال الليل.",
    "ونقلت وكالة الأنباء الرسمية عن مصدر عسكري أن وحدات الهندسة بدأت تفكيك الألغام التي زرعت في الطرق.",
    "في المقابل قال ناطق باسم فصيل معارض إن مقاتليه انسحبوا إلى مواقع خلفية لتجنب سقوط مزيد من الضحايا.",
    "وأفاد المرصد السوري لحقوق الإنسان بأن المعارك أسفرت عن مقتل أكثر من أربعين مقاتلا من الطرفين.",
    "وتأتي هذه التطورات بعد أسابيع من التصعيد في شمال غرب البلاد حيث تنتشر نقاط مراقبة تركية.",
    "ودعت الأمم المتحدة جميع الأطراف إلى حماية المدنيين والسماح بدخول المساعدات الإنسانية دون عوائق.",
]
ARTICLE = "\n".join([LEAD, *BODY])
# the same wire copy as another outlet prints it: a word dropped, a sentence added at the end
WIRE_COPY = ARTICLE.replace("اليوم الخميس", "الخميس") + "\nوكانت البلدة خرجت عن سيطرة الحكومة منذ عام 2012."
OTHER_STORY = "\n".join([
    "أعلن الرئيس التركي رجب طيب أردوغان أن بلاده ستواصل عملياتها العسكرية شرق نهر الفرات حتى طرد المقاتلين الأكراد.",
    "وقال أردوغان في كلمة أمام أنصاره في أنقرة إن تركيا لن تسمح بقيام ممر إرهابي على حدودها الجنوبية.",
    "وانتقد الرئيس التركي الدعم الأمريكي لوحدات حماية الشعب الكردية التي تعدها أنقرة امتدادا لحزب العمال الكردستاني.",
    BODY[5],  # the same closing background paragraph: a follow-up, not a copy
])


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# --- title as headline -------------------------------------------------------------------------------------

def test_jsonl_title_is_the_headline_and_offsets_point_into_title_plus_body(tmp_path: Path) -> None:
    title = "الجيش السوري يسيطر على بلدة في ريف حماة"
    _write_jsonl(tmp_path / "feed.jsonl", [
        {"id": "a", "outlet": "BBC", "date": "Wed, 14 Feb 2018 11:29:19 GMT", "title": title, "text": ARTICLE,
         "category": "middleEast", "source_path": "BBC/middleEast/a.txt", "url": "https://example.org/a"},
        {"id": "b", "outlet": "BBC", "text": ARTICLE},  # no title: the text is the body alone
    ])
    docs = list(iter_corpus(tmp_path))
    assert all(isinstance(d, Document) for d in docs)
    first, second = docs
    assert first.text == title + "\n" + ARTICLE
    assert first.metadata["title"] == title
    assert first.extra_metadata == {"category": "middleEast", "source_path": "BBC/middleEast/a.txt"}
    assert second.text == ARTICLE
    ctx, rows = context_for(first)
    headline = [s for s in ctx.seg.sentences if s.is_headline]
    assert [first.text[s.start : s.end] for s in headline] == [title]
    assert any(m.in_headline and m.actor for m in ctx.mentions)  # the title's own words are analysed
    doc_row = rows["documents"][0]
    assert json.loads(doc_row["extra_metadata"]) == {"category": "middleEast", "source_path": "BBC/middleEast/a.txt"}
    assert doc_row["date_iso"] == "2018-02-14"


def test_title_line_breaks_become_spaces(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "f.jsonl", [{"id": "a", "title": "سطر أول\nسطر ثان", "text": "متن الخبر."}])
    (doc,) = iter_corpus(tmp_path)
    assert doc.text == "سطر أول سطر ثان\nمتن الخبر."


def test_txt_first_line_is_still_the_headline(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("عنوان الخبر\n" + ARTICLE, encoding="utf-8")
    (doc,) = iter_corpus(tmp_path)
    assert doc.text.startswith("عنوان الخبر\n")
    ctx, _ = context_for(doc)
    assert doc.text[ctx.seg.sentences[0].start : ctx.seg.sentences[0].end] == "عنوان الخبر"


# --- dates -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "iso", "form"),
    [
        ("Wed, 14 Feb 2018 11:29:19 GMT", "2018-02-14", "rfc2822"),
        ("Thu, 08 Mar 2018 11:02:10 +0000", "2018-03-08", "rfc2822"),
        ("Fri, 04 May 2018 23:30:00 +0400", "2018-05-04", "rfc2822"),  # the day as published, not UTC
        ("2018-02-14T11:29:19Z", "2018-02-14", "iso8601"),
        ("2018-02-14 11:29:19+03:00", "2018-02-14", "iso8601"),
        ("2016-05-24", "2016-05-24", "iso8601"),
        ("2018/02/14", "2018-02-14", "year_first"),
    ],
)
def test_date_forms_of_real_corpora(value: str, iso: str, form: str) -> None:
    parsed = parse_date(value)
    assert (parsed.iso, parsed.form, parsed.error) == (iso, form, "")


def test_rfc2822_gives_the_utc_moment_for_ordering_copies() -> None:
    assert parse_date("Fri, 04 May 2018 23:30:00 +0400").timestamp_utc == "2018-05-04T19:30:00Z"
    assert parse_date("2018-05-04").timestamp_utc == ""


def test_day_month_order_is_read_only_where_declared() -> None:
    assert parse_date("03/04/2018").iso == ""
    assert "not declared" in parse_date("03/04/2018").error
    assert parse_date("03/04/2018", slash_dates="day_first").iso == "2018-04-03"
    assert parse_date("03/04/2018", slash_dates="month_first").iso == "2018-03-04"
    assert "not a calendar date" in parse_date("31/02/2018", slash_dates="day_first").error


@pytest.mark.parametrize("value", ["yesterday", "Mon, 45 Feb 2018 11:00:00 GMT", "14 شباط 2018"])
def test_unparseable_dates_are_reported_not_guessed(value: str) -> None:
    parsed = parse_date(value)
    assert parsed.iso == "" and parsed.error


def test_empty_date_is_no_error() -> None:
    assert parse_date("") == parse_date(None)
    assert not parse_date("").error


# --- outlets -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("spellings", "outlet_id", "ownership"),
    [
        (["BBC", "bbc arabic", "BBC Arabic", "بي بي سي عربي"], "bbc-arabic", "public broadcaster"),
        (["CNN", "CNN Arabic", "CNN بالعربية"], "cnn-arabic", "private"),
        (["alarabia", "Al Arabiya", "العربية"], "al-arabiya", "private"),
        (["france24", "France 24", "فرانس 24"], "france24-arabic", "public broadcaster"),
        (["skynews", "Sky News Arabia", "سكاي نيوز عربية"], "sky-news-arabia", "private"),
        (["Al Jazeera", "Al Jazeera Arabic (aljazeera.net)", "الجزيرة"], "al-jazeera-arabic", "state-owned"),
        (["RT Arabic", "روسيا اليوم"], "rt-arabic", "state-owned"),
        (["SANA", "سانا"], "sana", "state-owned"),
        (["Enab Baladi", "عنب بلدي"], "enab-baladi", "private"),
        (["Asharq Al-Awsat", "الشرق الأوسط"], "asharq-al-awsat", "private"),
        (["Anadolu Agency", "الأناضول"], "anadolu-arabic", "state-owned"),
        (["Reuters", "رويترز"], "reuters-arabic", "private"),
        (["AFP", "فرانس برس"], "afp-arabic", "public broadcaster"),
    ],
)
def test_outlet_spellings_map_to_one_outlet(spellings: list[str], outlet_id: str, ownership: str) -> None:
    catalog = load_outlets()
    found = {catalog.lookup(s).id for s in spellings}
    assert found == {outlet_id}
    assert catalog.lookup(spellings[0]).ownership == ownership
    assert catalog.lookup(spellings[0]).country


def test_every_outlet_names_its_source() -> None:
    assert all(o.source and o.country and o.ownership for o in load_outlets().outlets)


def test_unknown_outlet_is_kept_as_written() -> None:
    columns, known = load_outlets().columns("  Daily  Example ")
    assert not known
    assert columns["outlet_id"] == "" and columns["outlet_name"] == "Daily Example"


def test_folding_ignores_case_space_and_arabic_letter_variants() -> None:
    assert fold_outlet_name("BBC  Arabic") == fold_outlet_name("bbc-arabic")
    assert fold_outlet_name("الإخبارية") == fold_outlet_name("الاخباريه")


# --- duplicates --------------------------------------------------------------------------------------------

def test_exact_near_and_distinct_documents() -> None:
    finder = DuplicateFinder()
    finder.add("sky/1", "عنوان\n" + ARTICLE, when="2018-03-02T10:00:00Z")
    finder.add("f24/1", "عنوان آخر\n" + WIRE_COPY, when="2018-03-02T09:00:00Z")  # earlier: it is kept
    finder.add("sky/2", "عنوان\n" + ARTICLE.replace("\n", "\n\n") + "  ", when="2018-03-02T11:00:00Z")
    finder.add("sky/3", "عنوان ثالث\n" + OTHER_STORY, when="2018-03-01")
    clusters = finder.clusters()
    assert clusters["f24/1"].is_duplicate is False and clusters["f24/1"].dup_cluster == "f24/1"
    assert (clusters["sky/1"].is_duplicate, clusters["sky/1"].duplicate_of, clusters["sky/1"].dup_kind) == (True, "f24/1", "near")
    assert clusters["sky/2"].dup_cluster == "f24/1"
    assert clusters["sky/3"] .is_duplicate is False and clusters["sky/3"].dup_cluster == "sky/3"


def test_exact_copies_keep_the_earliest_then_doc_id_order() -> None:
    finder = DuplicateFinder()
    for doc_id in ("b", "a", "c"):
        finder.add(doc_id, "عنوان\n" + ARTICLE, when="2018-03-02")
    finder.add("d", "عنوان\n" + ARTICLE)  # no date: never the kept copy
    clusters = finder.clusters()
    assert [clusters[d].is_duplicate for d in "abcd"] == [False, True, True, True]
    assert {clusters[d].dup_kind for d in "bcd"} == {"exact"}


def test_near_copy_pair_is_above_and_follow_up_below_the_threshold() -> None:
    base = shingles(words(ARTICLE))
    assert jaccard(base, shingles(words(WIRE_COPY))) >= 0.8
    assert jaccard(base, shingles(words(OTHER_STORY))) < 0.3


def _datasketch_near_pairs(finder: DuplicateFinder, signatures: list) -> list[tuple[int, int, float]]:
    """The near pairs as datasketch's own MinHashLSH index gives them (the finder bands the signatures
    itself, one band at a time, without an index of every document)."""
    import numpy as np
    from datasketch import MinHashLSH

    from analysis.duplicates import LSH_MARGIN

    lsh = MinHashLSH(threshold=max(0.3, finder.threshold - LSH_MARGIN), num_perm=finder.num_perm)
    hashes = {i: finder._minhash(sig) for i, sig in enumerate(signatures) if sig is not None}
    for i, minhash in hashes.items():
        lsh.insert(i, minhash, check_duplication=False)
    pairs = []
    for i, minhash in hashes.items():
        for j in lsh.query(minhash):
            estimate = float(np.mean(signatures[i] == signatures[j]))
            if j > i and estimate >= finder.threshold:
                pairs.append((i, j, estimate))
    return sorted(pairs)


def test_near_pairs_are_those_of_a_datasketch_index() -> None:
    import random

    rng = random.Random(11)
    vocabulary = [f"كلمة{i}" for i in range(400)]
    stories = [[rng.choice(vocabulary) for _ in range(rng.randint(30, 120))] for _ in range(25)]
    finder = DuplicateFinder()
    signatures = []
    for n in range(160):
        story = list(stories[n % len(stories)])
        for _ in range(rng.choice([0, 1, 2, 4, 8, 15, 30])):  # edits: from a copy to another story
            story[rng.randrange(len(story))] = rng.choice(vocabulary)
        text = " ".join(story[: rng.choice([len(story), 4])])  # a few documents too short to shingle
        entry = finder.entry(f"d/{n}", text, when="2018-01-01")
        finder.add_entry(entry)
        signatures.append(entry.signature)
    pairs = finder.near_pairs()
    assert pairs == _datasketch_near_pairs(finder, signatures)
    assert len(pairs) > 50 and any(e < 1.0 for _, _, e in pairs)  # near copies, not only exact ones


def test_the_finder_keeps_signatures_out_of_memory() -> None:
    finder = DuplicateFinder()
    finder.add("a", "عنوان\n" + ARTICLE, when="2018-03-02")
    finder.add("short", "كلمتان فقط")
    finder.add("b", "عنوان\n" + WIRE_COPY, when="2018-03-01")
    assert finder._signed == [0, 2] and len(finder) == 3
    assert finder._band(0, finder.num_perm).shape == (2, finder.num_perm)
    assert [p[:2] for p in finder.near_pairs()] == [(0, 2)]


def test_boilerplate_does_not_make_copies_differ() -> None:
    finder = DuplicateFinder()
    dated = "أتلانتا، الولايات المتحدة الأمريكية (CNN)-- " + ARTICLE
    finder.add("cnn/1", "عنوان\n" + dated, when="2018-03-03", skip=[(6, 6 + len("أتلانتا، الولايات المتحدة الأمريكية (CNN)-- "))])
    finder.add("x/1", "عنوان\n" + ARTICLE, when="2018-03-02")
    assert finder.clusters()["cnn/1"].dup_kind == "exact"


# --- boilerplate ---------------------------------------------------------------------------------------------

def test_every_rule_marks_its_own_examples() -> None:
    rules = load_rules()
    for rule in rules.rules:
        outlet = sorted(rule.outlets)[0] if rule.outlets else ""
        assert rule.examples, rule.name
        for example in rule.examples:
            text = "عنوان الخبر\n" + example
            spans = find_boilerplate(text, outlet, rules)
            assert any(s.rule == rule.name or (s.start <= 12 and s.end >= len(text.rstrip()) - 1) for s in spans), (rule.name, example)


@pytest.mark.parametrize(
    ("outlet", "line", "kind"),
    [
        ("cnn-arabic", "أتلانتا، الولايات المتحدة الأمريكية (CNN)-- ", "dateline"),
        ("", "بقلم: عبد الباري عطوان", "byline"),
        ("cnn-arabic", "قد يهمك.. الخزانة الأمريكية تفرض عقوبات ضد 13 شخصاً", "related_link"),
        ("bbc-arabic", "اقرأ أيضا: قافلة مساعدات إنسانية تدخل الغوطة الشرقية", "related_link"),
        ("", "مصدر الصورة Getty Images", "photo_credit"),
        ("", "التعليق على الصورة قوات سوريا الديمقراطية في الرقة", "caption"),
        ("al-jazeera-arabic", "المصدر : الجزيرة + وكالات", "sign_off"),
        ("france24-arabic", "فرانس24/ أ ف ب", "sign_off"),
        ("al-arabiya", "** جميع المقالات المنشورة تمثل رأي كتابها فقط.", "disclaimer"),
        ("bbc-arabic", "يمكنكم تسلم إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.", "app_promo"),
        ("bbc-arabic", "---------------------------------------", "separator"),
    ],
)
def test_each_kind_of_boilerplate_is_marked(outlet: str, line: str, kind: str) -> None:
    text = "عنوان الخبر\n" + line + ("" if kind == "dateline" else "\n") + LEAD
    spans = find_boilerplate(text, outlet)
    assert [s.kind for s in spans] == [kind]
    assert LEAD not in text[spans[0].start : spans[0].end]


def test_cnn_dateline_only_opens_the_body_and_only_for_cnn() -> None:
    dateline = "واشنطن، الولايات المتحدة الأمريكية (CNN)-- "
    text = "عنوان\n" + dateline + LEAD
    (span,) = find_boilerplate(text, "cnn-arabic")
    assert text[span.start : span.end] == dateline.strip()
    assert find_boilerplate(text, "bbc-arabic") == []
    late = "عنوان\n" + LEAD + "\n" + LEAD + "\n" + LEAD + "\n" + dateline + LEAD
    assert not [s for s in find_boilerplate(late, "cnn-arabic") if s.kind == "dateline"]


def test_read_also_block_takes_the_linked_headlines_and_stops_at_text() -> None:
    block = "اقرأ أيضاً:\nحقائق عن إقليم كردستان العراق\nمن هم الأكراد؟\n"
    text = "عنوان\n" + LEAD + "\n" + block + BODY[0]
    (span,) = find_boilerplate(text, "bbc-arabic")
    assert text[span.start : span.end] == block.strip()


def test_caption_text_stays_only_its_credit_is_marked() -> None:
    caption = 'لافروف: موسكو وواشنطن اتفقتا على التنسيق في سوريا (الأوروبية)'
    text = "عنوان\n" + LEAD + "\n" + caption
    (span,) = find_boilerplate(text, "al-jazeera-arabic")
    assert text[span.start : span.end] == "(الأوروبية)"


def test_headline_is_never_boilerplate() -> None:
    assert find_boilerplate("شاهد.. الطفلة بانا لقادة العالم\n" + LEAD, "cnn-arabic") == []


# --- digest pages --------------------------------------------------------------------------------------------

def test_press_review_and_this_day_pages_are_digests() -> None:
    assert detect_digest("إسرائيل تمر إلى السرعة القصوى\nفي الصحف اليوم: تقديم نتنياهو لوثائق.\n" + LEAD, []) == (True, "title:press_review")
    assert detect_digest("حدث في 1 سبتمبر.. بدء الحرب العالمية الثانية\n" + LEAD, [])[0]


def test_a_page_of_other_stories_headlines_is_a_digest_and_an_article_is_not() -> None:
    headlines = [
        "تحذيرات دولية بشأن معاناة الأطفال النازحين من الغوطة الشرقية",
        "تواصل فرار آلاف السوريين مع تصاعد القتال في عفرين",
        "لمحة عن منطقة عفرين السورية التي تتعرض لغارات تركية",
        "أردوغان يتعهد بالسيطرة على تل رفعت في سوريا قريبا",
        "الجيش السوري يدعو المدنيين في الغوطة الشرقية إلى الرحيل",
    ]
    digest = "عنوان\n" + LEAD + "\n" + "\n".join(headlines)
    assert detect_digest(digest, []) == (True, "headline_lines:5")
    article = "عنوان\n" + ARTICLE + "\nتأكيد أميركي\n" + BODY[0]  # a two-word subheading is not a headline
    assert detect_digest(article, []) == (False, "")
    numbered = "عنوان\n" + LEAD + "\n" + "\n".join(f"{i}- {h}" for i, h in enumerate(headlines, 1))
    assert detect_digest(numbered, []) == (False, "")  # one story's numbered points


# --- the run -------------------------------------------------------------------------------------------------

@pytest.fixture()
def two_outlet_corpus(tmp_path: Path) -> Path:
    dateline = "أتلانتا، الولايات المتحدة الأمريكية (CNN)-- "
    raw = tmp_path / "raw"
    _write_jsonl(raw / "feed.jsonl", [
        {"id": "cnn-1", "outlet": "CNN", "date": "Thu, 08 Mar 2018 11:02:10 +0000", "title": "غارات على ريف حماة",
         "category": "middleEast", "text": dateline + LEAD + "\n" + "\n".join(BODY) + "\nقد يهمك.. واشنطن تفرض عقوبات على روسيا"},
        {"id": "cnn-1-copy", "outlet": "cnn arabic", "date": "Thu, 08 Mar 2018 11:02:10 +0000", "title": "غارات على ريف حماة",
         "category": "internationalNews", "text": dateline + LEAD + "\n" + "\n".join(BODY) + "\nقد يهمك.. واشنطن تفرض عقوبات على روسيا"},
        {"id": "f24-1", "outlet": "france24", "date": "Thu, 08 Mar 2018 12:00:00 +0000", "title": "سيطرة على بلدة",
         "category": "middleEast", "text": WIRE_COPY + "\nفرانس24/ أ ف ب"},
        {"id": "other", "outlet": "Daily Example", "date": "08/03/2018", "title": "أردوغان يتوعد", "text": OTHER_STORY},
    ])
    return raw


def test_run_marks_cleans_and_counts_without_copies_and_boilerplate(two_outlet_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run(RunOptions(raw_dir=two_outlet_corpus, out_dir=out))
    assert summary.exit_code == 0
    docs = read_table(out / "documents.csv").set_index("doc_id")
    assert docs.loc["feed/cnn-1-copy", "is_duplicate"] and docs.loc["feed/cnn-1-copy", "dup_kind"] == "exact"
    assert docs.loc["feed/cnn-1-copy", "duplicate_of"] == "feed/cnn-1"
    assert docs.loc["feed/f24-1", "is_duplicate"] and docs.loc["feed/f24-1", "dup_kind"] == "near"
    assert not docs.loc["feed/cnn-1", "is_duplicate"] and docs.loc["feed/cnn-1", "dup_cluster"] == "feed/cnn-1"
    assert docs.loc["feed/cnn-1", "outlet_name"] == docs.loc["feed/cnn-1-copy", "outlet_name"] == "CNN Arabic"
    assert docs.loc["feed/cnn-1", "date_iso"] == "2018-03-08"
    assert json.loads(docs.loc["feed/cnn-1", "extra_metadata"]) == {"category": "middleEast"}
    warnings = read_table(out / "warnings.csv")
    assert set(zip(warnings["doc_id"], warnings["field"])) == {("feed/other", "outlet"), ("feed/other", "date")}
    boilerplate = read_table(out / "boilerplate.csv")
    assert set(boilerplate.loc[boilerplate["doc_id"] == "feed/cnn-1", "kind"]) == {"dateline", "related_link"}
    mentions = read_table(out / "mentions.csv")
    in_boilerplate = mentions[mentions["is_boilerplate"]]
    assert len(in_boilerplate) and set(in_boilerplate["doc_id"]) <= {"feed/cnn-1", "feed/cnn-1-copy"}
    # the counts see the kept copies outside boilerplate only
    counted = mentions[~mentions["is_boilerplate"] & mentions["doc_id"].isin(["feed/cnn-1", "feed/other"])]
    by_doc = read_table(out / "mention_counts_by_document.csv")
    assert set(by_doc["doc_id"]) <= {"feed/cnn-1", "feed/other"}
    assert int(by_doc["n_mentions"].sum()) == len(counted)
    cleaning = read_table(out / "cleaning_summary.csv").set_index("outlet")
    assert cleaning.loc["CNN Arabic", "documents"] == 2 and cleaning.loc["CNN Arabic", "exact_duplicates"] == 1
    assert cleaning.loc["France 24 Arabic", "near_duplicates"] == 1
    assert cleaning.loc["CNN Arabic", "mentions_in_boilerplate"] == len(in_boilerplate)
    assert cleaning.loc["CNN Arabic", "boilerplate_spans"] == 4


def test_keep_duplicates_counts_the_copies(two_outlet_corpus: Path, tmp_path: Path) -> None:
    run(RunOptions(raw_dir=two_outlet_corpus, out_dir=tmp_path / "a"))
    run(RunOptions(raw_dir=two_outlet_corpus, out_dir=tmp_path / "b", keep_duplicates=True, keep_boilerplate=True))
    dropped = read_table(tmp_path / "a" / "mention_counts.csv")["n_mentions"].sum()
    kept = read_table(tmp_path / "b" / "mention_counts.csv")["n_mentions"].sum()
    assert kept == len(read_table(tmp_path / "b" / "mentions.csv")) > dropped
    assert set(read_table(tmp_path / "b" / "mention_counts_by_document.csv")["doc_id"]) >= {"feed/cnn-1-copy", "feed/f24-1"}


def test_cli_keep_duplicates_and_slash_dates(two_outlet_corpus: Path, tmp_path: Path) -> None:
    from analysis.cli import main

    assert main(["run", "--raw", str(two_outlet_corpus), "--out", str(tmp_path / "o"), "--keep-duplicates",
                 "--slash-dates", "day_first"]) == 0
    docs = read_table(tmp_path / "o" / "documents.csv").set_index("doc_id")
    assert docs.loc["feed/other", "date_iso"] == "2018-03-08"
    assert "feed/f24-1" in set(read_table(tmp_path / "o" / "mention_counts_by_document.csv")["doc_id"])
