"""The declared components and summary steps of a run: their order is checked, they cover the schema's
row tables, and each assigns exactly the layers it declares."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from analysis import pipeline, schema
from analysis.corpus import Document
from analysis.doc import SPAN_LAYERS, Doc, LayerNotAssigned
from analysis.errors import ConfigurationError
from analysis.normalize import normalize
from analysis.pipeline import COMPONENTS, SUMMARY_STEPS, Component, Resources, RunOptions, SummaryStep
from analysis.segment import segment

from .conftest import FIRST_ARTICLE_ID


def _by_name(name: str) -> Component:
    return next(c for c in COMPONENTS if c.name == name)


def test_the_declared_order_is_accepted() -> None:
    assert pipeline.check_components(COMPONENTS) == COMPONENTS
    assert [c.name for c in COMPONENTS] == ["documents", "actors", "stance", "relations"]


def test_a_component_before_the_one_assigning_its_layer_is_rejected_naming_both() -> None:
    misordered = (_by_name("documents"), _by_name("stance"), _by_name("actors"), _by_name("relations"))
    with pytest.raises(ConfigurationError) as caught:
        pipeline.check_components(misordered)
    message = str(caught.value)
    assert "'stance'" in message and "'mentions'" in message and "'actors'" in message
    assert "comes after it" in message


def test_a_layer_nobody_assigns_is_rejected() -> None:
    without_actors = tuple(c for c in COMPONENTS if c.name != "actors")
    with pytest.raises(ConfigurationError, match="'stance' requires the 'mentions' layer.*no component assigns it"):
        pipeline.check_components(without_actors)


def test_unknown_layers_two_assigners_and_undeclared_tables_are_rejected() -> None:
    actors = _by_name("actors")
    with pytest.raises(ConfigurationError, match="not a layer"):
        pipeline.check_components((replace(actors, requires=("tokens",)),))
    with pytest.raises(ConfigurationError, match="'actors' and 'people' both assign the 'mentions' layer"):
        pipeline.check_components((actors, replace(actors, name="people", tables=())))
    with pytest.raises(ConfigurationError, match="'mention_counts', which is not a row table"):
        pipeline.check_components((replace(actors, tables=("mention_counts",)),))
    with pytest.raises(ConfigurationError, match="both write the 'mentions' table"):
        pipeline.check_components((actors, replace(actors, name="again", assigns=())))


def test_the_components_write_every_row_table_of_the_schema() -> None:
    """Every row table but ``errors`` (inputs that could not be read: written by the run itself)."""
    declared = {t.name for t in schema.TABLES.values() if t.kind == "row"}
    written = [name for c in COMPONENTS for name in c.tables]
    assert len(written) == len(set(written))
    assert set(written) | {"errors"} == declared
    assert dict(pipeline.ROW_TABLES) == {name: schema.table(name).columns for name in written}


def test_the_summary_steps_write_every_summary_table_of_the_schema() -> None:
    """Every summary table but ``cleaning_summary`` (written by the run from the documents it counted)."""
    declared = {t.name for t in schema.TABLES.values() if t.kind == "summary"}
    written = [name for s in SUMMARY_STEPS for name in s.writes]
    assert len(written) == len(set(written))
    assert set(written) | {"cleaning_summary"} == declared
    assert pipeline.SUMMARIES == tuple(s.run for s in SUMMARY_STEPS)


def test_a_summary_step_reading_a_table_nobody_writes_is_rejected() -> None:
    step = SummaryStep("quotes", SUMMARY_STEPS[0].run, reads=("quotes",), writes=())
    with pytest.raises(ConfigurationError, match="'quotes' reads the 'quotes' table, which no component writes"):
        pipeline.check_summary_steps((step,), COMPONENTS)
    step = SummaryStep("counts", SUMMARY_STEPS[0].run, reads=("mentions",), writes=("mentions",))
    with pytest.raises(ConfigurationError, match="not a summary table"):
        pipeline.check_summary_steps((step,), COMPONENTS)


def test_each_component_assigns_exactly_its_layers_and_writes_only_its_tables(first_article_text: str) -> None:
    document = Document(FIRST_ARTICLE_ID, f"{FIRST_ARTICLE_ID}.txt", first_article_text, "utf-8")
    doc = Doc(document, normalize(document.text), segment(document.text))
    resources = Resources(RunOptions(raw_dir=Path("."), out_dir=Path(".")))
    for component in COMPONENTS:
        before = {layer for layer in SPAN_LAYERS if doc.has(layer)}
        rows = component.run(doc, resources)
        after = {layer for layer in SPAN_LAYERS if doc.has(layer)}
        assert after - before == set(component.assigns), component.name
        assert set(rows) <= set(component.tables), component.name
    assert doc.mentions and doc.statements and doc.cues  # the first article has all three
    assert all(doc.text[m.start : m.end] == m.surface for m in doc.mentions)


def test_reading_a_layer_before_it_is_assigned_fails_and_an_empty_one_does_not() -> None:
    text = "قال المتحدث إن القوات تقدمت."
    doc = Doc(Document("d", "d.txt", text, "utf-8"), normalize(text), segment(text), mentions=[])
    assert doc.mentions == [] and doc.has("mentions") and not doc.has("statements")
    with pytest.raises(LayerNotAssigned, match="'statements' layer has not been assigned"):
        doc.statements  # noqa: B018
    with pytest.raises(ValueError, match="no layer 'tokens'"):
        doc.has("tokens")
    assert doc.text == text and doc.doc_id == "d"
