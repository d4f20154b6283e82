"""The notebooks' side of a corpus: which corpus a notebook reads and where its tables go
(:func:`prepare_corpus` runs ``analysis run`` when the tables are missing or their run manifest no longer
matches the corpus, lexicons, options or package code), one document's tables and figures for a close
reading (:func:`case_study`), and the corpus texts by document.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import config

if TYPE_CHECKING:  # imported when a run is needed: reading a corpus's texts does not load the pipeline
    from .pipeline import RunOptions

log = logging.getLogger(__name__)

#: When :func:`prepare_corpus` runs the pipeline: when the tables are missing or stale (by content), always, never.
Rerun = Literal["auto", "always", "never"]


# --- the notebook side: which corpus, which output folder ------------------------------------------------
@dataclass(frozen=True)
class CorpusPaths:
    """Where a notebook's corpus and its derived products are."""

    corpus_dir: Path
    tables_dir: Path
    figures_dir: Path
    is_project_corpus: bool


def output_dir_for(corpus_dir: str | Path) -> Path:
    """The tables folder of a corpus: ``data/processed`` for the project's ``data/raw``, otherwise a
    folder ``<corpus>-processed`` next to the corpus (the corpus folder itself is never written)."""
    return config.tables_dir_for(Path(corpus_dir))


def _missing_tables(tables_dir: Path, fmt: str) -> list[str]:
    """The files of a run's output that are not in ``tables_dir`` (row tables in the run's format)."""
    from .pipeline import row_tables

    wanted = [f"{name}.{fmt}" for name in row_tables()] + ["errors.csv"]
    return [name for name in wanted if not (tables_dir / name).exists()]


def _why_run(options: RunOptions, tables_dir: Path) -> str | None:
    """Why the tables of ``tables_dir`` are not those a run with ``options`` would write now (None: they are).

    By content, never by file dates: the tables are missing, or the folder's run manifest differs from the
    corpus files, lexicon files, options and package code as they are now (:mod:`analysis.run_manifest`).
    """
    from . import run_manifest

    missing = _missing_tables(tables_dir, options.fmt)
    if missing:
        return f"{len(missing)} table(s) missing ({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''})"
    differences = run_manifest.changes(run_manifest.read_manifest(tables_dir), run_manifest.current_manifest(options))
    return "; ".join(differences) if differences else None


def _run_options(corpus: Path, tables: Path, run_options: Mapping[str, Any] | None) -> RunOptions:
    from .pipeline import RunOptions

    given = dict(run_options or {})
    fields = {f.name for f in dataclasses.fields(RunOptions)} - {"raw_dir", "out_dir"}
    unknown = sorted(set(given) - fields)
    if unknown:
        raise ValueError(f"run_options: unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(fields))}")
    return RunOptions(raw_dir=corpus, out_dir=tables, **given)


def prepare_corpus(
    corpus_dir: str | Path,
    *,
    out_dir: str | Path | None = None,
    rerun: Rerun = "auto",
    run_options: Mapping[str, Any] | None = None,
) -> CorpusPaths:
    """Make sure the tables of ``corpus_dir`` exist (running ``analysis run`` when needed); say where.

    ``rerun="auto"`` runs the pipeline when a table is missing or the tables' run manifest does not match
    the inputs as they are now: a corpus file's content, a lexicon file's content (packaged or given), a run
    option or the package code differs (one log line says what). File dates are not looked at, so a fresh
    clone or a copied corpus does not run again. ``"always"`` runs it, ``"never"`` only checks the tables are
    there. The run uses the default options (packaged lexicons) unless ``run_options`` names others, as
    :class:`~analysis.pipeline.RunOptions` fields (``{"actor_lexicon": "my-actors.yaml"}``).
    Figures of the project corpus are those of ``make figures`` (``figures/``); any other corpus gets a
    ``figures`` folder inside its tables folder.
    """
    if rerun not in ("auto", "always", "never"):
        raise ValueError(f"rerun must be 'auto', 'always' or 'never', not {rerun!r}")
    corpus = Path(corpus_dir)
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus}")
    tables = Path(out_dir) if out_dir else output_dir_for(corpus)
    project = config.is_project_corpus(corpus) and config.same_folder(tables, config.PROCESSED_DIR)
    options = _run_options(corpus, tables, run_options)
    reason = "rerun='always'" if rerun == "always" else _why_run(options, tables) if rerun == "auto" else None
    if reason is not None:
        from .pipeline import run

        log.info("running the pipeline on %s into %s: %s", corpus, tables, reason)
        summary = run(options)
        for error in summary.errors:
            log.warning("%s: %s", error.path, error.reason)
        if summary.n_documents == 0:
            raise ValueError(f"no document read from {corpus} ({len(summary.errors)} input(s) not read, listed above); "
                             f"nothing written to {tables}")
    elif not (tables / f"documents.{options.fmt}").exists():
        raise FileNotFoundError(f"no tables in {tables}: run `analysis run` first or use rerun='auto'")
    else:
        log.debug("the tables in %s are up to date with %s", tables, corpus)
    figures = config.FIGURES_DIR if project else tables / "figures"
    return CorpusPaths(corpus_dir=corpus, tables_dir=tables, figures_dir=figures, is_project_corpus=project)


#: The figures a case study draws (the comparison figures need more than one document).
CASE_STUDY_FIGURES = ("actor_mentions", "actor_network", "voice_share", "naming_choices")


def case_study(paths: CorpusPaths, doc_id: str | None = None, *, out_dir: str | Path | None = None) -> CorpusPaths:
    """The tables and figures of one document of a run, for reading it closely beside the corpus.

    Every row table of the run is cut down to ``doc_id`` (the first document when it is None or not in the
    corpus, which is logged), the run's summaries are computed over those rows (:func:`analysis.pipeline.
    summarize`, the same queries as for the corpus) and the figures drawn, into ``out_dir`` (default
    ``<tables>/case-study/<doc_id with / as ->``). Returns where they are.
    """
    from . import figures, queries, schema
    from .pipeline import RunOptions, summarize

    tables = Path(paths.tables_dir)
    with queries.row_tables({"documents": tables / "documents.csv"}) as con:
        ids = [r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()]
    if not ids:
        raise ValueError(f"{tables}: the documents table is empty")
    if doc_id not in ids:
        if doc_id is not None:
            log.warning("document %s is not in %s: the first document, %s, is shown", doc_id, tables, ids[0])
        doc_id = ids[0]
    out = Path(out_dir) if out_dir is not None else tables / "case-study" / doc_id.replace("/", "-")
    out.mkdir(parents=True, exist_ok=True)
    row_tables = [t for t in schema.TABLES.values() if t.kind == "row" and "doc_id" in t and (tables / f"{t.name}.csv").exists()]
    written: dict[str, Path] = {}
    with queries.row_tables({t.name: tables / f"{t.name}.csv" for t in row_tables}) as con:
        for t in row_tables:
            written[t.name] = queries.write_query(
                con, f"SELECT * FROM {t.name} WHERE doc_id = '{doc_id.replace(chr(39), chr(39) * 2)}'", out, t)
    written["errors"] = queries.write_empty(out, schema.ERRORS)
    summarize(RunOptions(raw_dir=paths.corpus_dir, out_dir=out), written)
    figures.build_all(out, out / "figures", only=CASE_STUDY_FIGURES)
    return CorpusPaths(corpus_dir=paths.corpus_dir, tables_dir=out, figures_dir=out / "figures", is_project_corpus=False)


def corpus_texts(corpus_dir: str | Path, *, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
    """The raw texts of a corpus by ``doc_id`` (only ``doc_ids`` when given), read once.

    For the cells that show text around spans (keyword in context, validation errors): offsets in every
    table index into exactly these strings. Unreadable inputs are skipped (they are listed in errors.csv).
    """
    from .corpus import Document, iter_corpus

    wanted = None if doc_ids is None else {str(d) for d in doc_ids}
    texts = {}
    for doc in iter_corpus(corpus_dir):
        if isinstance(doc, Document) and (wanted is None or doc.doc_id in wanted):
            texts[doc.doc_id] = doc.text
    return texts
