"""Every table the project writes or reads, declared once: columns, Arrow types, nullability, meaning.

Writers (CSV and Parquet) take their columns and Parquet schema from here, :func:`analysis.tables.read_table`
restores the declared types whatever the format, ``docs/data-dictionary.md`` is generated from here
(:func:`data_dictionary`), and ``analysis tables`` prints it. A column that is not declared here cannot be
written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from .lazy_modules import lazy_module

if TYPE_CHECKING:
    import pyarrow as pa
else:
    pa = lazy_module("pyarrow")  # only Parquet files and the printed schema need Arrow types

__all__ = [
    "Field",
    "Table",
    "TABLES",
    "table",
    "find_table",
    "data_dictionary",
    "schema_json",
    "ARROW_TYPES",
    "RUN_MANIFEST",
    "RUN_FILES",
]

Kind = Literal["row", "summary", "gold", "frame"]
TypeName = Literal["str", "int", "float", "bool"]


@lru_cache(maxsize=1)
def _arrow_types() -> Mapping[str, pa.DataType]:
    """Arrow type of each declared type name (built when first asked for: it imports pyarrow)."""
    return {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


def __getattr__(name: str) -> Any:
    """``ARROW_TYPES``, the Arrow type of each declared type name, built on first use."""
    if name == "ARROW_TYPES":
        return _arrow_types()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: pandas dtype of each declared type name (nullable extension types, so an empty cell stays missing).
PANDAS_DTYPES: Mapping[str, str] = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}


@dataclass(frozen=True)
class Field:
    """One column: its name, type, whether it may be empty, and what it means."""

    name: str
    type: TypeName
    description: str
    nullable: bool = False

    def arrow(self) -> pa.Field:
        return pa.field(self.name, _arrow_types()[self.type], nullable=self.nullable)


@dataclass(frozen=True)
class Table:
    """A table: name (the file stem), kind, what a row is, the sort key and the fields in column order."""

    name: str
    kind: Kind
    description: str
    fields: tuple[Field, ...]
    sort_key: tuple[str, ...] = ()
    module: str = ""
    notes: str = ""
    #: columns a file of this table may lack (a gold file without the annotator's notes); read as empty
    optional: tuple[str, ...] = ()
    _index: dict[str, Field] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"table {self.name}: duplicate column names")
        unknown = [k for k in (*self.sort_key, *self.optional) if k not in names]
        if unknown:
            raise ValueError(f"table {self.name}: sort key or optional column {unknown} is not a column")
        self._index.update({f.name: f for f in self.fields})

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def required(self) -> list[str]:
        """The columns every file of the table has (all but :attr:`optional`)."""
        return [f.name for f in self.fields if f.name not in self.optional]

    def __getitem__(self, name: str) -> Field:
        return self._index[name]

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([f.arrow() for f in self.fields])

    def pandas_dtypes(self) -> dict[str, str]:
        return {f.name: PANDAS_DTYPES[f.type] for f in self.fields}

    def row(self, **values: object) -> dict[str, object]:
        """A row in column order; a missing nullable column is empty, a missing required one is an error."""
        extra = set(values) - set(self._index)
        if extra:
            raise KeyError(f"{self.name}: unexpected column(s) {sorted(extra)}")
        missing = [f.name for f in self.fields if f.name not in values and not f.nullable]
        if missing:
            raise KeyError(f"{self.name}: missing column(s) {missing}")
        return {f.name: values.get(f.name) for f in self.fields}


def _f(name: str, type: TypeName, description: str, nullable: bool = False) -> Field:
    return Field(name, type, description, nullable)


# Fields shared by several tables.
_DOC = _f("doc_id", "str", "document identifier (see conventions)")
_START = _f("start", "int", "start offset in the raw text")
_END = _f("end", "int", "end offset (exclusive); `text[start:end]` is the span")
_SENT = _f("sentence_id", "int", "sentence holding the span (as in `sentences`)")
_COUNTS = (
    _f("n_mentions", "int", "all mentions"),
    _f("n_excl_headline", "int", "mentions outside the headline"),
    _f("n_excl_repeated", "int", "mentions not on repeated lines"),
    _f("n_excl_both", "int", "mentions outside the headline and not on repeated lines"),
    _f("n_name", "int", "`n_mentions` of kind `name`"),
    _f("n_descriptor", "int", "`n_mentions` of kind `descriptor`"),
    _f("n_metonym", "int", "`n_mentions` of kind `metonym`"),
    _f("n_person", "int", "`n_mentions` of kind `person`"),
    _f("n_anaphor", "int", "`n_mentions` of kind `anaphor` (the kinds sum to `n_mentions`)"),
)

# The documents table's columns come in groups filled by different modules (corpus metadata, the outlet
# catalogue, duplicates); each group is declared here once and named by the modules that fill it.
_METADATA_FIELDS = (
    _f("outlet", "str", "outlet from `metadata.csv` or the JSON Lines record; empty where unknown", True),
    _f("date", "str", "date as given by the metadata; empty where unknown", True),
    _f("title", "str", "title from the metadata; empty where unknown", True),
    _f("language", "str", "language from the metadata; empty where unknown", True),
    _f("url", "str", "address of the article from the metadata; empty where unknown", True),
)
_OUTLET_FIELDS = (
    _f("outlet_id", "str", "canonical outlet (`lexicons/outlets.yaml`, e.g. `bbc-arabic`) of the `outlet` "
       "spelling; empty when unknown (then a row in `warnings`)", True),
    _f("outlet_name", "str", "the canonical outlet's name (`BBC Arabic`); for an unknown outlet, `outlet` as "
       "written (spaces collapsed)", True),
    _f("outlet_country", "str", "ISO country code of the canonical outlet; empty when unknown", True),
    _f("outlet_ownership", "str", "`public broadcaster`, `state-owned` or `private`; empty when unknown", True),
    _f("outlet_language_service", "str", "the outlet's language service; empty when unknown", True),
)
_DUPLICATE_FIELDS = (
    _f("dup_cluster", "str", "doc_id of the kept copy of this document's duplicate cluster (its own doc_id when "
       "it has no copy)"),
    _f("is_duplicate", "bool", "the document is a copy of another one and not the kept copy; counts and networks "
       "leave it out unless `--keep-duplicates`"),
    _f("duplicate_of", "str", "the kept copy's doc_id; empty for a kept copy", True),
    _f("dup_kind", "str", "`exact` (same words as the kept copy), `near` (MinHash near copy) or empty (kept copy)", True),
)
_CLEANING_FIELDS = (
    _f("date_iso", "str", "`date` read as `YYYY-MM-DD` (`analysis.dates`): RFC 2822, ISO 8601, `YYYY-MM-DD`, "
       "`YYYY/MM/DD`; `DD/MM/YYYY` only with `--slash-dates`. The day as published, in the string's own time "
       "zone. Empty when there is no date or it cannot be read (then a row in `warnings`)", True),
    *_OUTLET_FIELDS,
    _f("extra_metadata", "str", "every other field the corpus supplies (JSON Lines record fields other than `id`, "
       "the text field and the typed columns; extra `metadata.csv` columns), as a JSON object with sorted keys; "
       "empty when none", True),
    _f("is_digest", "bool", "the page joins several stories (press review, on-this-day list, a story followed "
       "by other stories' headlines): see `analysis.boilerplate`"),
    _f("digest_reason", "str", "`title:<pattern>` (a `digest_titles` pattern of `boilerplate.yaml`) or "
       "`headline_lines:<n>` (at least 5 headline-like body lines outside boilerplate); empty when not a digest", True),
    _f("n_boilerplate_spans", "int", "rows of this document in `boilerplate`"),
    *_DUPLICATE_FIELDS,
)
#: Metadata columns of the documents table (typed fields of ``metadata.csv`` and JSON Lines records).
METADATA_COLUMNS: tuple[str, ...] = tuple(f.name for f in _METADATA_FIELDS)
#: Columns of the documents table from the outlet catalogue (``analysis.outlets``).
OUTLET_COLUMNS: tuple[str, ...] = tuple(f.name for f in _OUTLET_FIELDS)
#: Columns of the documents table filled once the whole corpus is read (``analysis.duplicates``).
DUPLICATE_COLUMNS: tuple[str, ...] = tuple(f.name for f in _DUPLICATE_FIELDS)
#: Columns of the documents table from cleaning (``analysis.cleaning``), after the reading columns.
CLEANING_COLUMNS: tuple[str, ...] = tuple(f.name for f in _CLEANING_FIELDS)

DOCUMENTS = Table(
    "documents", "row", "one row per document read", (
        _DOC,
        _f("path", "str", "file path relative to the corpus folder; for JSON Lines `file.jsonl:LINE`"),
        _f("encoding", "str", "encoding as detected: `utf-8`, `utf-8-sig` (UTF-8 with BOM), `utf-16`, `utf-32`, `cp1256`, ..."),
        _f("n_chars", "int", "length of the decoded text in characters"),
        _f("n_paragraphs", "int", "non-empty lines (or blank-line blocks with `--paragraphs blank_line`)"),
        _f("n_sentences", "int", "sentences (see `sentences`)"),
        _f("n_tokens", "int", "word and number tokens"),
        *_METADATA_FIELDS,
        _f("sha256", "str", "SHA-256 of the decoded text as UTF-8: the same article in two encodings has one hash"),
        *_CLEANING_FIELDS,
    ), ("doc_id",), "analysis.pipeline",
    notes="Duplicates (`analysis.duplicates`) are found across the whole corpus, on each document's words outside "
          "its boilerplate spans (case, Arabic letter variants and diacritics folded). Exact copies have the same "
          "word sequence. Near copies: MinHash (128 permutations) of the set of word 5-grams; a pair is a copy when "
          "the estimated Jaccard similarity is at least 0.8 (`--near-duplicate-threshold`). Copies are joined "
          "transitively into clusters; the kept copy is the earliest (`date` as a UTC moment, a date-only value at "
          "midnight UTC, undated documents last), ties broken by `doc_id` order.",
)

BOILERPLATE = Table(
    "boilerplate", "row", "one row per boilerplate span (page furniture, marked, never deleted)", (
        _DOC,
        _f("start", "int", "raw start of the span, trailing spaces excluded; spans never overlap (the longer wins) "
           "and never touch the headline"),
        _f("end", "int", "raw end of the span (`text[start:end]`)"),
        _f("rule", "str", "rule name in `lexicons/boilerplate.yaml` (`cnn_dateline`, `read_also_line`, "
           "`source_sign_off`, ...)"),
        _f("kind", "str", "`dateline`, `byline`, `related_link`, `photo_credit`, `caption`, `sign_off`, `disclaimer`, "
           "`app_promo`, `separator`"),
        _f("outlet", "str", "the document's `outlet_id`", True),
        _f("text", "str", "`text[start:end]`"),
    ), ("doc_id", "start"), "analysis.boilerplate",
    notes="Rows of `mentions`, `statements`, `cues` and `relations` whose `[start, end)` overlaps a span have "
          "`is_boilerplate` true and are left out of every summary unless `--keep-boilerplate`. A photo caption is "
          "text of the outlet's own: only its credit in parentheses is marked, captions only where the page labels them.",
)

WARNINGS = Table(
    "warnings", "row", "documents read with a metadata value that could not be used (header only when none)", (
        _DOC,
        _f("path", "str", "the document's path"),
        _f("field", "str", "`date` or `outlet`"),
        _f("value", "str", "the value as written", True),
        _f("reason", "str", "e.g. `unknown date form (...)`, `day/month order not declared (...)`, `unknown outlet: "
           "kept as written (...)`"),
    ), (), "analysis.cleaning",
)

ERRORS = Table(
    "errors", "row", "one row per input that could not be read (header only when none)", (
        _f("path", "str", "file path relative to the corpus folder; for a JSON Lines record `file.jsonl:LINE`"),
        _f("reason", "str", "plain reason: `empty file (0 bytes)`, `binary file (contains NUL bytes ...)`, "
           "`undecodable: ...`, `invalid JSON: ...`, `no text field ...`"),
    ), (), "analysis.pipeline",
)

SENTENCES = Table(
    "sentences", "row", "one row per sentence", (
        _DOC,
        _f("sentence_id", "int", "position in the document"),
        _f("paragraph_id", "int", "paragraph holding the sentence"),
        _f("start", "int", "raw offset where the sentence starts (surrounding spaces excluded)"),
        _f("end", "int", "raw offset where it ends"),
        _f("is_headline", "bool", "the sentence is (in) the first non-empty line"),
        _f("is_repeated", "bool", "its line is a copy of another line of the same document (equal after "
           "normalization, or one a prefix of the other, photo credit in parentheses ignored), or the sentence "
           "repeats an earlier one. Of a set of copies the first fullest stays unflagged: a caption printed cut "
           "short and then in full has its cut copy flagged, so leaving repeated lines out loses nothing"),
        _f("text", "str", "the sentence as written (`text[start:end]`)"),
    ), ("doc_id", "sentence_id"), "analysis.pipeline",
)

MENTIONS = Table(
    "mentions", "row", "one row per actor mention; mentions never overlap", (
        _DOC, _START, _END,
        _f("surface", "str", "the mention as written in the raw text (diacritics on its last letter included; "
           "proclitics و ف ب ل ك excluded; for the fused لل it starts at the article's ل)"),
        _f("actor", "str", "actor code (`SDF`, `US`, `RUSSIA`, `ISIS`, `COALITION`, ... from the lexicon); never rolled up here"),
        _f("component", "str", "component code (`YPG`, `YPJ`, `PYD`, `IRGC`, `PESHMERGA`...) or empty", True),
        _f("alias", "str", "the lexicon entry's canonical form (spelling variants share their entry's alias; "
           "generated descriptors report their own form, e.g. `القوات الأميركية`)"),
        _f("kind", "str", "`name`, `descriptor`, `metonym`, `person`, `anaphor`"),
        _SENT,
        _f("paragraph_id", "int", "paragraph holding the mention"),
        _f("in_headline", "bool", "the mention is in the headline (first non-empty line)"),
        _f("in_quotes", "bool", "the mention lies inside a pair of quotation marks on its line (`\"…\"`, `«…»`, "
           "`“…”`, `„…“`): quoted names and direct speech alike"),
        _f("is_repeated", "bool", "its sentence is on a line that repeats an earlier line (scraped captions), or is "
           "itself a repeated sentence (see `analysis.segment`)"),
        _f("is_boilerplate", "bool", "the mention (a CNN dateline, a related-link line) overlaps a boilerplate span (`boilerplate`); left out of the summaries unless `--keep-boilerplate`"),
    ), ("doc_id", "start"), "analysis.actors",
    notes="In memory the same mentions are `analysis.actors.Mention` objects, which also carry "
          "`norm_start`/`norm_end` (offsets into the normalized text).",
)

MENTION_COUNTS_BY_DOCUMENT = Table(
    "mention_counts_by_document", "summary", "one row per document × actor with at least one mention",
    (_DOC, _f("actor", "str", "actor code (after rollup when asked)"), *_COUNTS),
    ("doc_id", "actor"), "analysis.summaries",
    notes="With `--rollup-coalition`, COALITION rows are counted under US.",
)

MENTION_COUNTS = Table(
    "mention_counts", "summary", "one row per actor: the count columns summed over documents", (
        _f("actor", "str", "actor code (after rollup when asked)"),
        _f("n_documents", "int", "documents with at least one mention of the actor"),
        *_COUNTS,
    ), ("actor",), "analysis.summaries",
)

STATEMENTS = Table(
    "statements", "row", "one row per reported statement (reporting frame with its content)", (
        _DOC,
        _f("start", "int", "start of the reported content (raw offset)"),
        _f("end", "int", "end of the reported content (`text[start:end]`)"),
        _f("speaker_actor", "str", "actor code of the speaker; `OUTLET` (reporter, `يذكر أن`); `UNKNOWN` (speaker "
           "without actor, or none found)"),
        _f("speaker_start", "int", "start of the speaker's words (raw); a continuation repeats its antecedent's "
           "span; empty when there is none", True),
        _f("speaker_end", "int", "end of the speaker's words; empty when there is none", True),
        _f("verb", "str", "reporting verb as written without proclitics (`أكدت`, `مضيفا`); `:` for a colon "
           "attribution; for an according-to attribution the marker (`بحسب`, `حسب`, `وفقا`, `نقلا`, ...)"),
        _f("quote_type", "str", "`direct` (quoted words, colon) / `indirect` (إن/أن clause) / `mixed` (an إن/أن "
           "clause holding the speaker's own words in quotation marks)"),
        _f("targets", "str", "actor codes mentioned in the content, sorted, unique, joined by `|`", True),
        _f("sentence_id", "int", "sentence of the verb (of the content for colon attributions)"),
        _f("commitment", "str", "the verb's commitment: `neutral`, `assertive`, `evaluative`, `distancing`; "
           "empty for `:`", True),
        _f("n_words", "int", "tokens in the content (words of reported speech)"),
        _f("quoted_spans", "str", "for `mixed`: the quoted fragments inside the clause as raw `start-end` offsets "
           "(marks excluded), joined by `|`; empty otherwise", True),
        _f("is_boilerplate", "bool", "the content overlaps a boilerplate span (`boilerplate`); left out of the summaries unless `--keep-boilerplate`"),
    ), ("doc_id", "start"), "analysis.stance",
)

CUES = Table(
    "cues", "row", "one row per stance cue", (
        _DOC,
        _f("start", "int", "raw offset of the cue without proclitics; quotation cues include their marks"),
        _END,
        _f("surface", "str", "`text[start:end]`"),
        _f("category", "str", "`reporting_verb`, `hedge`, `booster`, `evaluative`, `partial_quote` (the speaker's "
           "words in marks inside reported speech), `scare_quote` (the writer's distancing marks), `so_called` "
           "(ما يسمى / المزعومة), `quoted_name` (marks around a name or title), `naming`"),
        _f("subtype", "str", "commitment (verbs and distancing nouns), `epistemic`/`evidential` (hedges), `certainty` "
           "(boosters), `legitimizing`/`delegitimizing`/`self_designation` (evaluative), `distancing` (scare quotes, "
           "so-called), the naming variant (naming); empty for partial quotes and quoted names", True),
        _f("speaker_actor", "str", "whose voice: the speaker of the statement the cue is in, `OUTLET` outside statements"),
        _f("target_actor", "str", "evaluative terms: the actor evaluated (a mention holding the term or written right "
           "before or after it, or the actor the lexicon says the term stands for); empty when none and for other "
           "categories", True),
        _f("marked_by", "str", "quotation cues: who put the marks (`OUTLET`, or the speaker inside a direct quotation)",
           True),
        _f("words_of", "str", "partial quotes: whose words the marks hold (the speaker); empty otherwise", True),
        _f("sentence_id", "int", "sentence of the cue"),
        _f("is_boilerplate", "bool", "the cue overlaps a boilerplate span (`boilerplate`); left out of the summaries unless `--keep-boilerplate`"),
    ), ("doc_id", "start"), "analysis.stance",
)

VOICE_SHARE = Table(
    "voice_share", "summary", "one row per outlet × speaking actor", (
        _f("outlet", "str", "outlet from the documents table (metadata)", True),
        _f("speaker_actor", "str", "as in `statements`"),
        _f("n_statements", "int", "statements by this speaker"),
        _f("n_direct", "int", "direct statements"),
        _f("n_indirect", "int", "indirect statements"),
        _f("n_mixed", "int", "mixed statements (indirect clauses with quoted fragments)"),
        _f("n_words", "int", "words of reported content"),
        _f("share_statements", "float", "share of the outlet's statements (sums to 1 per outlet)"),
        _f("share_words", "float", "share of the outlet's words of reported content (sums to 1 per outlet)"),
    ), ("outlet", "speaker_actor"), "analysis.stance",
    notes="With `--rollup-coalition`, `COALITION` is counted as `US` in every stance summary.",
)

CUE_COUNTS = Table(
    "cue_counts", "summary", "one row per outlet × voice × cue category, subtype and evaluated actor", (
        _f("outlet", "str", "outlet from the documents table", True),
        _f("speaker_actor", "str", "whose voice, as in `cues`"),
        _f("category", "str", "cue category"),
        _f("subtype", "str", "cue subtype", True),
        _f("target_actor", "str", "the actor an evaluative term evaluates, as in `cues` (empty: none, or another "
           "category)", True),
        _f("n_cues", "int", "number of cues in that voice"),
    ), ("outlet", "speaker_actor", "category", "subtype", "target_actor"), "analysis.stance",
)

NAMING = Table(
    "naming", "summary", "one row per document × actor × alias × kind × variant", (
        _DOC,
        _f("actor", "str", "actor code (after rollup when asked)"),
        _f("alias", "str", "the actor lexicon's canonical form"),
        _f("kind", "str", "mention kind"),
        _f("variant", "str", "the stance lexicon's naming variant of the form actually written, e.g. "
           "`تنظيم الدولة` → `organisation_short` even when the alias is `تنظيم الدولة الإسلامية`; empty when the "
           "form is not a declared variant", True),
        _f("n_mentions", "int", "mentions"),
    ), ("doc_id", "actor", "alias", "kind", "variant"), "analysis.stance",
)

NAMING_CHOICE = Table(
    "naming_choice", "summary", "one row per document × actor with declared naming variants", (
        _DOC,
        _f("actor", "str", "actor code"),
        _f("naming_choice", "str", "the variant used most; `mixed` on a tie"),
        _f("n_variant_mentions", "int", "mentions written in a declared variant"),
        _f("variants", "str", "`variant:count` joined by `|`"),
    ), ("doc_id", "actor"), "analysis.stance",
)

RELATIONS = Table(
    "relations", "row", "one row per directed, typed relation", (
        _DOC,
        _f("start", "int", "start of the evidence span: the first of source / trigger / target (statement_about: "
           "the statement's content)"),
        _f("end", "int", "end of the evidence span"),
        _f("source_actor", "str", "actor code of the agent (raw code; rollup is applied only in graphs)"),
        _f("relation", "str", "`attack` (military force), `support` (backing), `coordinate` (agreements, joint "
           "operations, talks, leading a joint force), `oppose` (condemning, accusing, threatening, sanctioning, "
           "warning, rejecting: not fighting) from the lexicon, or `statement_about` (stance statements)"),
        _f("target_actor", "str", "actor code of the patient / partner / statement target"),
        _f("verb", "str", "the trigger as written (raw), e.g. `واستهدفت`, `بدعم`, `الغطاء الجوي`; statement_about: "
           "the reporting verb"),
        _f("verb_start", "int", "raw offset of the trigger; statement_about: `start`"),
        _f("verb_end", "int", "raw end of the trigger (`text[verb_start:verb_end] == verb`); statement_about: `start`"),
        _f("source_start", "int", "raw start of the source mention (statement_about: the speaker)"),
        _f("source_end", "int", "raw end of the source mention"),
        _f("target_start", "int", "raw start of the target mention; empty for statement_about", True),
        _f("target_end", "int", "raw end of the target mention; empty for statement_about", True),
        _f("polarity", "str", "`pos`, or `neg` when negated, denied, refused, withdrawn from or stopped (`لم تشن ... "
           "هجوما`, `نفت ... إبرام اتفاق`, `الانسحاب من الاتفاق`); graphs and summaries count `pos` + `real` only"),
        _f("modality", "str", "`real`, or `hyp` for conditions, offers, readiness, threats, futures, calls and "
           "demands, possibility, questions (`مستعدة للتنسيق`, `ستدعم`, `دعا إلى`); graphs count `real` only"),
        _f("markers", "str", "the marker groups that set polarity and modality, `polarity:denial|modality:future` "
           "(empty when none)"),
        _f("claim_of", "str", "speaker actor of the reported statement holding the trigger (the relation is that "
           "speaker's claim); empty in the outlet's narration"),
        _f("statement_start", "int", "start of that statement's content (`statements.start`); empty in narration",
           True),
        _f("rule", "str", "argument rule that fired: `svo`, `vso`, `antecedent`, `agent`, `passive`, `genitive`, "
           "`between`, `relative`, `relative_object`, `symmetric`, `statement` (docs/network.md)"),
        _f("sentence_id", "int", "sentence holding the trigger"),
        _f("in_headline", "bool", "the sentence is the headline"),
        _f("is_repeated", "bool", "the sentence is on a repeated line"),
        _f("sentence", "str", "the sentence text"),
        _f("is_boilerplate", "bool", "the evidence span overlaps a boilerplate span (`boilerplate`); left out of the summaries unless `--keep-boilerplate`"),
    ), ("doc_id", "start"), "analysis.relations",
)

EDGES = Table(
    "edges", "summary", "one row per co-mentioned actor pair (default context); `source < target`", (
        _f("source", "str", "actor code"),
        _f("target", "str", "actor code"),
        _f("weight", "int", "the count of the chosen mode: contexts holding both (`boolean`) or mention pairs (`frequency`)"),
        _f("n_contexts", "int", "contexts holding both actors (the boolean count)"),
        _f("n_mention_pairs", "int", "mention pairs: `Σ n_a·n_b` over contexts (window: pairs within range)"),
        _f("source_contexts", "int", "contexts holding the source actor"),
        _f("target_contexts", "int", "contexts holding the target actor"),
        _f("n_units", "int", "contexts in the corpus (included sentences / paragraphs / documents)"),
        _f("npmi", "float", "normalized PMI on contexts, in [−1, 1]"),
        _f("jaccard", "float", "`n_contexts / (source_contexts + target_contexts − n_contexts)`"),
    ), ("source", "target"), "analysis.network",
    notes="Default definition: `context=sentence`, `count=boolean`, headline included, repeated lines "
          "excluded, `--rollup-coalition` honoured.",
)

EDGE_CONTEXTS = Table(
    "edge_contexts", "summary", "every context behind every edge, in document order, then by context", (
        _f("source", "str", "the edge's source actor"),
        _f("target", "str", "the edge's target actor"),
        _DOC,
        _f("context_id", "int", "sentence id (sentence), paragraph id (paragraph), 0 (document), sentence id of "
           "the pair's first mention (window)"),
        _f("start", "int", "raw start of the context (window: the first mention's start)"),
        _f("end", "int", "raw end of the context (window: the second mention's end)"),
    ), (), "analysis.network",
)

CENTRALITY = Table(
    "centrality", "summary", "one row per actor of the co-mention graph", (
        _f("actor", "str", "actor code"),
        _f("label_en", "str", "English label from the actor lexicon (the code when unknown)"),
        _f("mentions", "int", "mentions counted in the network (same switches)"),
        _f("degree", "int", "number of co-mentioned actors"),
        _f("weighted_degree", "int", "sum of the weights of its edges"),
        _f("degree_centrality", "float", "degree / (number of actors − 1)"),
        _f("betweenness", "float", "normalized betweenness, unweighted"),
        _f("weighted_betweenness", "float", "normalized betweenness with distance = 1 / weight"),
    ), ("actor",), "analysis.network",
    notes="Graph files: `network.graphml`, `network.gexf` (Gephi) hold the co-mention graph (graph attributes: "
          "the options `context`, `window`, `count`, `include_headline`, `include_repeated`, `rollup`, `n_units`; "
          "GraphML only; nodes: `code`, `label`, `label_ar`, `label_en`, `colour`, `mentions`, `contexts`; edges: "
          "the `edges` columns plus `contexts`, `doc_id#context_id;...`, at most 500, `...` when cut). "
          "`relations.graphml`: directed multigraph, one edge per counted relation (`polarity` `pos` and `modality` "
          "`real`; `relations.csv` keeps every row), key `doc_id#start#i`, attributes `relation`, `verb`, `doc_id`, "
          "`start`, `end`, `sentence_id`, `polarity`, `modality`, `claim_of`, `rule`; rollup honoured.",
)

CLEANING_SUMMARY = Table(
    "cleaning_summary", "summary", "one row per outlet: documents read and what the counts leave out", (
        _f("outlet", "str", "canonical outlet name (`outlet_name`)", True),
        _f("documents", "int", "documents read"),
        _f("exact_duplicates", "int", "documents that are exact copies of a kept one"),
        _f("near_duplicates", "int", "documents that are near copies of a kept one"),
        _f("boilerplate_spans", "int", "rows of `boilerplate`"),
        _f("mentions_in_boilerplate", "int", "mentions with `is_boilerplate`"),
        _f("digest_pages", "int", "documents with `is_digest`"),
    ), ("outlet",), "analysis.cleaning",
    notes="Every summary table and network is built from the row tables without the rows of duplicate copies "
          "(`is_duplicate`; kept with `analysis run --keep-duplicates`) and without mentions, statements, cues and "
          "relations inside boilerplate (`is_boilerplate`; kept with `--keep-boilerplate`). The row tables keep every "
          "row. Digest pages are flagged, not left out.",
)

KWIC = Table(
    "kwic", "frame", "keyword in context (`analysis.kwic.kwic(...)`, `analysis kwic PATTERN_OR_ACTOR`)", (
        _DOC, _f("start", "int", "raw start of the match"), _f("end", "int", "raw end of the match"),
        _f("left", "str", "up to `window` raw characters before the match (line breaks as spaces)"),
        _f("match", "str", "the raw text of the match"),
        _f("right", "str", "up to `window` raw characters after it"),
    ), ("doc_id", "start"), "analysis.kwic",
    notes="An actor code selects that actor's mentions (from a run's `mentions` table with `--tables`, or "
          "detected on the fly); any other string is matched in the normalized texts, with the lexicon's "
          "spelling groups tried both ways (أمريكي finds أميركي).",
)

GOLD_MENTIONS = Table(
    "gold_mentions", "gold", "hand-annotated actor mentions (`data/gold/mentions.csv`)", (
        _DOC, _START, _END,
        _f("surface", "str", "the span as written (proclitics outside; for لل the span starts at the second ل)"),
        _f("actor", "str", "actor code"),
        _f("component", "str", "component code or empty", True),
        _f("kind", "str", "`name`, `descriptor`, `metonym`, `person`, `anaphor`"),
    ), ("doc_id", "start"), "analysis.gold",
)

GOLD_STATEMENTS = Table(
    "gold_statements", "gold", "hand-annotated statements (`data/gold/statements.csv`)", (
        _DOC,
        _f("start", "int", "start of the reported content"),
        _f("end", "int", "end of the reported content"),
        _f("surface", "str", "the reported content as written"),
        _f("speaker_actor", "str", "actor code of the speaker, `OUTLET` or `UNKNOWN`"),
        _f("speaker_start", "int", "start of the speaker span", True),
        _f("speaker_end", "int", "end of the speaker span", True),
        _f("speaker_surface", "str", "the speaker span as written", True),
        _f("verb", "str", "the reporting verb as written"),
        _f("quote_type", "str", "`direct`, `indirect` or `mixed`"),
    ), ("doc_id", "start"), "analysis.gold",
)

GOLD_CUES = Table(
    "gold_cues", "gold", "hand-annotated stance cues (`data/gold/cues.csv`)", (
        _DOC, _START, _END,
        _f("surface", "str", "the cue as written"),
        _f("category", "str", "cue category"),
        _f("subtype", "str", "cue subtype", True),
        _f("speaker_actor", "str", "whose voice"),
        _f("target_actor", "str", "evaluative terms: the actor evaluated (empty: none)", True),
        _f("marked_by", "str", "quotation cues: who put the marks", True),
        _f("words_of", "str", "partial quotes: whose words", True),
        _f("note", "str", "annotator's note", True),
    ), ("doc_id", "start"), "analysis.gold", optional=("target_actor", "marked_by", "words_of", "note"),
)

GOLD_RELATIONS = Table(
    "gold_relations", "gold", "hand-annotated relations (`data/gold/relations.csv`)", (
        _DOC, _START, _END,
        _f("surface", "str", "the evidence span as written"),
        _f("source_actor", "str", "actor code of the agent"),
        _f("relation", "str", "relation type"),
        _f("target_actor", "str", "actor code of the patient or partner"),
        _f("polarity", "str", "`pos` or `neg` (denied, refused, withdrawn from, stopped, negated)"),
        _f("modality", "str", "`real` or `hyp` (condition, offer, readiness, threat, future, call, question)"),
        _f("claim_of", "str", "speaker actor of the reported statement holding the relation; empty in narration",
           True),
        _f("note", "str", "annotator's note", True),
    ), ("doc_id", "start"), "analysis.gold", optional=("note",),
)

SYNTHETIC_GOLD_MENTIONS = Table(
    "synthetic_gold_mentions", "gold", "the mentions a synthetic corpus was generated with (`analysis bench`, "
    "`analysis.synth`: `gold_mentions.csv` beside the corpus)", (
        _DOC, _START, _END,
        _f("surface", "str", "the mention as generated into the text"),
        _f("actor", "str", "actor code"),
        _f("component", "str", "component code or empty", True),
        _f("alias", "str", "the lexicon entry the mention was generated from"),
        _f("kind", "str", "`name`, `descriptor`, `metonym`, `person`, `anaphor`"),
    ), (), "analysis.synth",
    notes="Rows in document order, then in the order they were generated (by start offset within a document).",
)

_SCORE_FIELDS = (
    _f("layer", "str", "`mentions`, `statements`, `cues` or `relations`"),
    _f("by", "str", "the label column scored and required to agree (`actor`, `speaker_actor`, ...); empty when "
       "spans are scored regardless of label", True),
    _f("group", "str", "the label's value, or `ALL` for the row pooling every label (micro-average)"),
    _f("n_gold", "int", "gold spans"),
    _f("n_predicted", "int", "predicted spans"),
    _f("tp", "int", "predicted spans matched one-to-one to a gold span"),
    _f("precision", "float", "tp / n_predicted; empty (NaN) when nothing was predicted", True),
    _f("recall", "float", "tp / n_gold; empty (NaN) when the gold has no span", True),
    _f("f1", "float", "2PR / (P + R); 0 when only one side has spans or tp is 0; empty (NaN) when neither side "
       "has any", True),
)

SCORES = Table(
    "scores", "frame", "precision, recall and F1 of one layer against its gold (`analysis.evaluation.evaluate`)",
    _SCORE_FIELDS, (), "analysis.evaluation",
    notes="One row per label present on either side (sorted), then the `ALL` row. See `analysis.evaluation` for "
          "the span matching (overlap or exact, one-to-one).",
)

LABEL_ACCURACY = Table(
    "label_accuracy", "frame", "how often matched spans agree on a label (`analysis.evaluation.label_accuracy`)", (
        *_SCORE_FIELDS,
        _f("n_agree", "int", "matched pairs with the same label"),
        _f("accuracy", "float", "n_agree / tp; empty when nothing matched", True),
    ), (), "analysis.evaluation",
)

EVALUATION_ERRORS = Table(
    "evaluation_errors", "frame", "the spans that cost precision or recall "
    "(`analysis.evaluation.evaluation_errors`)", (
        _f("layer", "str", "`mentions`, `statements`, `cues` or `relations`"),
        _f("by", "str", "the label column scored, as in `scores`", True),
        _f("error", "str", "`false_positive` (predicted, unmatched) or `false_negative` (gold, unmatched)"),
        _DOC, _START, _END,
        _f("label", "str", "the value of the label columns (for relations `source>relation>target`)", True),
        _f("surface", "str", "`text[start:end]` when the texts are given, else the span's own surface", True),
        _f("context", "str", "characters either side with the span in [brackets]; empty without the texts", True),
    ), ("error", "doc_id", "start", "end"), "analysis.evaluation",
)

# --- comparisons across groups of documents (analysis.comparisons) --------------------------------------
_CMP_NOTES = (
    "Intervals: 95% percentile bootstrap over documents (1,000 replicates by default, `--bootstrap-replicates`; "
    "seeded from `--seed`, default 2018, and the row's table, grouping, group and actor, so re-runs give the same "
    "bytes). Each replicate draws the group's documents with replacement, as many as there are, and recomputes the "
    "statistic as a ratio of sums; the bounds are the 2.5% and 97.5% quantiles of the replicates (numpy `linear`). "
    "The document is the unit of resampling because mentions, statements and cues of one article are not independent "
    "(an article keeps its naming choice, quotes one speaker several times): the interval reflects variation between "
    "articles, not between mentions. It assumes the group's documents are an independent draw from the outlet's or "
    "period's articles, covers sampling variation only (not detector error), is too narrow with few documents (see "
    "`n_documents`), and collapses to the estimate with one document. Documents with `is_duplicate` and rows with "
    "`is_boilerplate` are left out when those columns exist (`--keep-duplicates`, `--keep-boilerplate`); "
    "`--rollup-coalition` is honoured. Groupings (`--group-by`, default `outlet,month,outlet_month`): any documents column "
    "(`outlet` is the canonical outlet where the table has one), `month` (`YYYY-MM`) and `week` (ISO `YYYY-Www`) "
    "from `date_iso`, else from an ISO or RFC 2822 `date` (the date as the outlet wrote it), and `all`. "
    "Documents with an empty value form the group `(unknown)`. Groupings come in the order given to `--group-by`; "
    "within a grouping rows are sorted by the other key columns."
)
_GROUP_BY = _f("group_by", "str", "the grouping: `outlet`, `month`, `week`, `ownership`, `category`, `all`, or another documents column")
_GROUP = _f("group", "str", "the group's value (outlet name, `2018-05`, `2018-W18`...); `(unknown)` where the document has none")


def _ci(stat: str, what: str) -> tuple[Field, Field]:
    return (_f(f"{stat}_low", "float", f"lower bound of the 95% bootstrap interval of `{stat}` ({what}); empty when undefined", True),
            _f(f"{stat}_high", "float", "upper bound of that interval; empty when undefined", True))


COMPARISON_MENTIONS = Table(
    "comparison_mentions", "summary", "one row per grouping × group × actor", (
        _GROUP_BY, _GROUP,
        _f("actor", "str", "actor code (after rollup when asked); every actor mentioned under the grouping has a row in "
           "each of its groups, 0 where unmentioned"),
        _f("n_documents", "int", "documents in the group (the units resampled)"),
        _f("n_words", "int", "words of those documents (`documents.n_tokens` summed)"),
        _f("n_documents_mentioning", "int", "documents with at least one mention of the actor"),
        _f("share_documents", "float", "`n_documents_mentioning / n_documents`"),
        *_ci("share_documents", "resampling the group's documents"),
        _f("n_mentions", "int", "mentions of the actor in the group (boilerplate rows left out)"),
        _f("mentions_per_1000_words", "float", "`1000 · n_mentions / n_words`: the ratio of sums, so long articles weigh more"),
        *_ci("mentions_per_1000_words", "resampling the group's documents"),
    ), ("group_by", "group", "actor"), "analysis.comparisons", notes=_CMP_NOTES,
)

COMPARISON_NAMING = Table(
    "comparison_naming", "summary", "one row per grouping × group × actor × declared naming variant", (
        _GROUP_BY, _GROUP,
        _f("actor", "str", "actor code with naming variants in the stance lexicon"),
        _f("variant", "str", "naming variant (as in `naming.variant`, e.g. ISIS `pejorative_acronym` داعش, "
           "`organisation_short` تنظيم الدولة, `self_designation` الدولة الإسلامية; SDF `official_name` (with قسد), "
           "`ethnic_descriptor`, `component_name`); each declared variant has a row, share 0 when unused"),
        _f("n_documents", "int", "documents of the group naming the actor in a declared variant (the units resampled)"),
        _f("n_variant_mentions", "int", "the actor's mentions written in any declared variant (the denominator; "
           "anaphors, persons and undeclared forms are not counted)"),
        _f("n_mentions", "int", "mentions written in this variant"),
        _f("share", "float", "`n_mentions / n_variant_mentions`: the variant's share of the group's naming of the actor, "
           "pooled over mentions (an article naming the actor often weighs more)"),
        *_ci("share", "resampling the documents that name the actor in a declared variant"),
    ), ("group_by", "group", "actor", "variant"), "analysis.comparisons", notes=_CMP_NOTES,
)

COMPARISON_NAMING_TESTS = Table(
    "comparison_naming_tests", "summary", "one row per grouping × actor: do the groups name the actor differently?", (
        _GROUP_BY,
        _f("actor", "str", "actor code"),
        _f("n_groups", "int", "groups naming the actor in a declared variant (rows of the groups × variants table)"),
        _f("n_variants", "int", "variants used by at least one group (columns of the table)"),
        _f("n_documents", "int", "documents naming the actor in a declared variant"),
        _f("n_mentions", "int", "mentions in the table"),
        _f("df", "int", "degrees of freedom `(n_groups − 1)(n_variants − 1)`; 0 when there is nothing to compare"),
        _f("chi2", "float", "Pearson's chi-square `Σ (O − E)² / E` of the groups × variants table of mentions", True),
        _f("p_chi2", "float", "asymptotic p-value of `chi2` (chi-square distribution, `df`): assumes independent mentions "
           "and expected counts not small (see `min_expected`); mentions cluster within articles, so it is too small", True),
        _f("g2", "float", "likelihood-ratio statistic `2 Σ O ln(O / E)`", True),
        _f("p_g2", "float", "asymptotic p-value of `g2` (same assumptions as `p_chi2`)", True),
        _f("cramers_v", "float", "effect size `sqrt(chi2 / (n_mentions · (min(n_groups, n_variants) − 1)))`, 0 (same "
           "proportions) to 1 (each group its own variants); descriptive, on mentions", True),
        _f("min_expected", "float", "smallest expected count `E`; under 5 the asymptotic p-values are unreliable", True),
        _f("p_permutation", "float", "document-level permutation p-value: the share of label shuffles (whole documents "
           "swap groups, keeping their own counts) whose chi-square is at least the observed one, `(1 + hits) / (1 + "
           "n_permutations)`; assumes only that documents are exchangeable between groups when groups do not differ, "
           "so it respects dependence within documents: the p-value to report", True),
        _f("n_permutations", "int", "label shuffles (999 by default; 0 when `df` is 0)"),
    ), ("group_by", "actor"), "analysis.comparisons", notes=_CMP_NOTES,
)

COMPARISON_VOICES = Table(
    "comparison_voices", "summary", "one row per grouping × group × speaking actor", (
        _GROUP_BY, _GROUP,
        _f("speaker_actor", "str", "as in `statements` (`OUTLET`, `UNKNOWN` included); every speaker heard under the "
           "grouping has a row in each group with statements"),
        _f("n_documents", "int", "documents of the group with at least one statement (the units resampled)"),
        _f("n_group_statements", "int", "statements in the group"),
        _f("n_statements", "int", "statements by this speaker"),
        _f("n_direct", "int", "of which direct"),
        _f("share_statements", "float", "`n_statements / n_group_statements`"),
        *_ci("share_statements", "resampling the documents with statements"),
        _f("n_group_words", "int", "words of reported content in the group"),
        _f("n_words", "int", "words of reported content by this speaker"),
        _f("share_words", "float", "`n_words / n_group_words`"),
        *_ci("share_words", "resampling the documents with statements"),
    ), ("group_by", "group", "speaker_actor"), "analysis.comparisons", notes=_CMP_NOTES,
)

COMPARISON_CUES = Table(
    "comparison_cues", "summary", "one row per grouping × group × voice × cue category × subtype seen in the group", (
        _GROUP_BY, _GROUP,
        _f("speaker_actor", "str", "whose voice, as in `cues` (`OUTLET` outside statements)"),
        _f("category", "str", "cue category"),
        _f("subtype", "str", "cue subtype (empty where the cue has none)", True),
        _f("n_documents", "int", "documents in the group"),
        _f("n_words", "int", "words of those documents"),
        _f("n_cues", "int", "cues of this voice, category and subtype"),
        _f("cues_per_1000_words", "float", "`1000 · n_cues / n_words` (words of the whole documents)"),
        *_ci("cues_per_1000_words", "resampling the group's documents"),
        _f("n_category_cues", "int", "cues of this voice and category, any subtype"),
        _f("share_in_category", "float", "`n_cues / n_category_cues`, e.g. the distancing share of a speaker's reporting verbs"),
        *_ci("share_in_category", "resampling the group's documents; replicates without a cue of this voice and "
             "category are left out"),
    ), ("group_by", "group", "speaker_actor", "category", "subtype"), "analysis.comparisons", notes=_CMP_NOTES,
)

COMPARISON_EDGES = Table(
    "comparison_edges", "summary", "one row per grouping × group × co-mentioned actor pair; `source < target`", (
        _GROUP_BY, _GROUP,
        _f("source", "str", "actor code"),
        _f("target", "str", "actor code"),
        _f("n_documents", "int", "documents of the group"),
        _f("weight", "int", "as in `edges`, within the group's documents"),
        _f("n_contexts", "int", "contexts of the group holding both actors"),
        _f("n_mention_pairs", "int", "mention pairs (as in `edges`)"),
        _f("source_contexts", "int", "contexts of the group holding the source actor"),
        _f("target_contexts", "int", "contexts of the group holding the target actor"),
        _f("n_units", "int", "contexts in the group"),
        _f("npmi", "float", "normalized PMI on the group's contexts, in [−1, 1]"),
        _f("jaccard", "float", "`n_contexts / (source_contexts + target_contexts − n_contexts)`"),
    ), ("group_by", "group", "source", "target"), "analysis.comparisons",
    notes="The context definition of `edges` (sentence contexts, boolean count, headline included, repeated lines "
          "excluded, `--rollup-coalition` honoured), applied to each group's documents separately, so outlets' or "
          "months' networks can be set side by side; duplicates and boilerplate mentions are left out as in the other "
          "comparison tables. No intervals: an edge's count is descriptive. Groupings come in the order given to "
          "`--group-by`; within a grouping rows are sorted by group, source, target.",
)

#: Every declared table by name, in the order of the data dictionary.
TABLES: Mapping[str, Table] = {
    t.name: t
    for t in (
        DOCUMENTS, ERRORS, WARNINGS, SENTENCES, BOILERPLATE, MENTIONS, MENTION_COUNTS_BY_DOCUMENT, MENTION_COUNTS,
        STATEMENTS, CUES, VOICE_SHARE, CUE_COUNTS, NAMING, NAMING_CHOICE, RELATIONS, EDGES, EDGE_CONTEXTS, CENTRALITY,
        CLEANING_SUMMARY, COMPARISON_MENTIONS, COMPARISON_NAMING, COMPARISON_NAMING_TESTS, COMPARISON_VOICES,
        COMPARISON_CUES, COMPARISON_EDGES, KWIC, SCORES, LABEL_ACCURACY, EVALUATION_ERRORS, GOLD_MENTIONS,
        GOLD_STATEMENTS, GOLD_CUES, GOLD_RELATIONS, SYNTHETIC_GOLD_MENTIONS,
    )
}


#: The run manifest: every run writes it beside its tables (:mod:`analysis.run_manifest`).
RUN_MANIFEST = "run_manifest.json"

#: Files a run writes into its output folder besides the tables: name -> what it holds.
RUN_FILES: Mapping[str, str] = {
    RUN_MANIFEST: (
        "what the tables depend on, by content: every corpus file read (path relative to the corpus folder, "
        "`bytes`, `blake2b`), every lexicon file used (`file` name, `packaged` or the user's, `blake2b`), the run "
        "options that change the tables, and the package `version` with a hash of its code. Written last, "
        "after every table; no dates and no absolute paths, so the same inputs give the same bytes. "
        "`prepare_corpus(rerun=\"auto\")` re-runs the pipeline when it differs from the inputs as they are now"
    ),
}


def table(name: str) -> Table:
    """The declared table called ``name`` (a file stem such as ``mentions``)."""
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"no table {name!r}; declared tables: {', '.join(TABLES)}") from None


def find_table(stem: str) -> Table | None:
    """The declared table for a file stem, or None for files that are not tables of the project."""
    return TABLES.get(stem)


_KIND_TITLES = {
    "row": "Row tables (written as documents are processed, one row per document, sentence, span)",
    "summary": "Summary tables (built from the row tables at the end of a run)",
    "frame": "Frames returned by functions (not written by `analysis run`)",
    "gold": "Gold tables (hand annotations in `data/gold/`)",
}

_PREAMBLE = """\
# Data dictionary

Generated from `src/analysis/schema.py` by `analysis tables --markdown` (a test fails when this file is
stale): edit the schema, not this file. Every table `analysis run` writes into its output folder (default
`data/processed/`), column by column, with its type (Arrow type in Parquet) and whether a cell may be empty.

## Conventions

- Every table is UTF-8 CSV with a header row, `\\n` line endings, booleans written `true`/`false`, missing
  values as empty cells, floats rounded to 6 places. With `analysis run --format parquet` the row tables are
  Parquet files with the same columns and the declared Arrow types.
- `doc_id`: the file's path relative to the corpus folder, without extension, with `/` separators
  (`aljazeera/2016-05-24_sdf-offensive-north-raqqa`); for a JSON Lines file, that path followed by `/` and the
  record's `id` (or its line number when it has none).
- `start`, `end`: Python string offsets into the document text as decoded (byte-order mark removed, line
  endings untouched), so that `text[start:end]` is exactly the span. Matching runs on normalized text
  (`docs/design.md`); offsets are always mapped back to the raw text.
- `sentence_id`, `paragraph_id`: 0-based positions within the document.
- Rows are in document order (sorted paths; JSON Lines records in line order), then by the sort key.
"""


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def data_dictionary() -> str:
    """The data dictionary as Markdown, one section per kind of table, one row per column."""
    parts = [_PREAMBLE]
    for kind, title in _KIND_TITLES.items():
        parts.append(f"\n## {title}\n")
        for t in TABLES.values():
            if t.kind != kind:
                continue
            parts.append(f"\n### `{t.name}`: {t.description}\n")
            meta = [f"module `{t.module}`"] if t.module else []
            if t.sort_key:
                meta.append("sorted by " + ", ".join(f"`{k}`" for k in t.sort_key))
            if meta:
                parts.append("\n" + "; ".join(meta) + ".\n")
            if t.notes:
                parts.append(f"\n{t.notes}\n")
            parts.append("\n| column | type | empty | meaning |\n| --- | --- | --- | --- |\n")
            for f in t.fields:
                parts.append(f"| `{f.name}` | {f.type} | {'yes' if f.nullable else 'no'} | {_md_cell(f.description)} |\n")
        if kind == "summary":  # the rest of a run's output folder, before the tables no run writes
            parts.append("\n## Other files of a run\n\n| file | what it holds |\n| --- | --- |\n")
            for name, description in RUN_FILES.items():
                parts.append(f"| `{name}` | {_md_cell(description)} |\n")
    return "".join(parts)


def iter_schema() -> Iterator[dict[str, object]]:
    """Each table as a plain dict (for ``analysis tables --json``)."""
    for t in TABLES.values():
        yield {
            "name": t.name,
            "kind": t.kind,
            "description": t.description,
            "module": t.module,
            "sort_key": list(t.sort_key),
            "columns": [
                {"name": f.name, "type": f.type, "arrow_type": str(_arrow_types()[f.type]), "nullable": f.nullable,
                 "description": f.description}
                for f in t.fields
            ],
        }


def schema_json() -> str:
    return json.dumps(list(iter_schema()), ensure_ascii=False, indent=2)
