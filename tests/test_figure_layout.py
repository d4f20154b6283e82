"""Every figure is laid out cleanly at every scale: no text on other text, no text off the canvas.

Each figure is drawn from three table sets: the first article (``data/processed``), a small corpus made here
(3 documents, 4 actors, 2 outlets), and a synthetic corpus made here in memory (3,000 documents, 20 actors,
6 outlets, tens of thousands of rows, duplicate documents and boilerplate lines flagged). The boxes of the
texts are those matplotlib itself measures while drawing (``Text.get_window_extent`` with the canvas's
renderer, for every text actually drawn: tick labels, titles, legend texts, annotations); the SVG files are
then checked again by the shared ``svg_text_layout.py`` tool, from the glyph outlines alone.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis import config, figures, style  # noqa: E402
from analysis.figure_kit import drawn_texts  # noqa: E402
from analysis.tables import read_table  # noqa: E402

SVG_TOOL = Path("/work/shared/tools/svg_text_layout.py")
OUTLETS = ("الجزيرة", "العربية", "BBC Arabic", "CNN Arabic", "France 24", "Sky News Arabia")
EXTRA_ACTORS = ("WAGNER", "JAISH_AL_ISLAM", "AHRAR_AL_SHAM", "ISRAEL", "SAUDI_ARABIA", "UAE")
KINDS = ("name", "descriptor", "metonym", "person", "anaphor")
CATEGORIES = ("reporting_verb", "hedge", "booster", "evaluative", "scare_quote", "naming")
RELATIONS = ("attack", "support", "coordinate", "statement_about")
TOLERANCE = 0.5  # pixels at 100 dpi


# --- table sets -------------------------------------------------------------------------------------------------
def synthetic_tables(n_docs: int, n_actors: int, n_outlets: int, *, seed: int = 7) -> dict[str, pd.DataFrame]:
    """A corpus of ``n_docs`` documents as the pipeline's tables (plus the comparison tables), built in memory.

    Actors are the lexicon's (then actors it does not know), mentioned with a long-tailed frequency;
    2 % of documents are duplicates, 1 % of rows boilerplate, 1 % in repeated passages.
    """
    rng = np.random.default_rng(seed)
    actors = (list(style.actor_styles())[: max(n_actors - len(EXTRA_ACTORS), 1)]
              + list(EXTRA_ACTORS))[:n_actors]
    actors = [a for a in actors if a not in ("OUTLET", "UNKNOWN", "OTHER")][:n_actors]
    weights = 1.0 / np.arange(1, len(actors) + 1) ** 1.1
    weights /= weights.sum()
    outlets = list(OUTLETS[:n_outlets])
    doc_ids = [f"synthetic/{i:05d}" for i in range(n_docs)]
    months = [f"2018-{m:02d}" for m in range(1, 13)]
    documents = pd.DataFrame({
        "doc_id": doc_ids,
        "outlet": [outlets[i % len(outlets)] for i in range(n_docs)],
        "date": [f"{months[i % 12]}-15" for i in range(n_docs)],
        "n_tokens": rng.integers(150, 1200, n_docs),
        "is_duplicate": rng.random(n_docs) < 0.02,
    })
    n_sent = 12
    sentences = pd.DataFrame({
        "doc_id": np.repeat(doc_ids, n_sent),
        "sentence_id": np.tile(np.arange(n_sent), n_docs),
        "paragraph_id": np.tile(np.arange(n_sent), n_docs),
        "start": np.tile(np.arange(n_sent) * 100, n_docs),
        "end": np.tile(np.arange(n_sent) * 100 + 98, n_docs),
        "is_headline": np.tile(np.arange(n_sent) == 0, n_docs),
        "is_repeated": rng.random(n_docs * n_sent) < 0.01,
        "text": "قالت المصادر إن القوات تقدمت نحو المدينة",
    })
    n_m = 12 * n_docs
    m_actor = rng.choice(actors, n_m, p=weights)
    aliases = {a: [style.actor_style(a).label_ar or a] + [f"اسم آخر {k}" for k in range(1, 9)] for a in actors}
    mentions = pd.DataFrame({
        "doc_id": rng.choice(doc_ids, n_m),
        "start": 0, "end": 1,
        "actor": m_actor,
        "alias": [aliases[a][min(int(k), 8)] for a, k in zip(m_actor, rng.geometric(0.35, n_m) - 1)],
        "kind": rng.choice(KINDS, n_m, p=[0.45, 0.25, 0.1, 0.15, 0.05]),
        "sentence_id": rng.integers(0, n_sent, n_m),
        "is_repeated": rng.random(n_m) < 0.01,
        "is_boilerplate": rng.random(n_m) < 0.01,
    })
    speakers = ["UNKNOWN", "OUTLET"] + actors
    sp_w = np.concatenate([[0.7, 0.03], 0.27 * weights])
    n_s = 6 * n_docs
    statements = pd.DataFrame({
        "doc_id": rng.choice(doc_ids, n_s),
        "start": 0, "end": 50,
        "speaker_actor": rng.choice(speakers, n_s, p=sp_w / sp_w.sum()),
        "quote_type": rng.choice(["direct", "indirect"], n_s, p=[0.2, 0.8]),
        "n_words": rng.integers(3, 60, n_s),
        "sentence_id": rng.integers(0, n_sent, n_s),
    })
    n_c = 10 * n_docs
    cue_w = np.concatenate([[0.75, 0.1], 0.15 * weights])
    cues = pd.DataFrame({
        "doc_id": rng.choice(doc_ids, n_c),
        "start": 0, "end": 4,
        "surface": "قال",
        "category": rng.choice(CATEGORIES, n_c, p=[0.5, 0.05, 0.01, 0.14, 0.15, 0.15]),
        "speaker_actor": rng.choice(["OUTLET", "UNKNOWN"] + actors, n_c, p=cue_w / cue_w.sum()),
        "sentence_id": rng.integers(0, n_sent, n_c),
    })
    pairs = list(itertools.combinations(actors, 2))
    edges = pd.DataFrame({
        "source": [p[0] for p in pairs], "target": [p[1] for p in pairs],
        "weight": [float(max(1, round(n_docs * weights[actors.index(a)] * weights[actors.index(b)] * 8
                                      * rng.random()))) for a, b in pairs],
    })
    n_r = n_docs
    relations = pd.DataFrame({
        "doc_id": rng.choice(doc_ids, n_r),
        "source_actor": rng.choice(actors, n_r, p=weights),
        "relation": rng.choice(RELATIONS, n_r),
        "target_actor": rng.choice(actors, n_r, p=weights),
        "polarity": np.where(rng.random(n_r) < 0.02, "neg", "pos"),
        "is_repeated": rng.random(n_r) < 0.01,
        "sentence_id": rng.integers(0, n_sent, n_r),
    })
    relations = relations[relations["source_actor"] != relations["target_actor"]]
    variants = ("official_name", "ethnic_descriptor", "pejorative_acronym", "terrorist_label", "metonym", "other")
    naming_by_outlet = pd.DataFrame([
        (o, a, v, s, max(s - 0.08, 0), min(s + 0.08, 1), int(200 * weights[actors.index(a)] * len(actors)))
        for o in outlets for a in actors[:8]
        for v, s in zip(variants, rng.dirichlet(np.ones(len(variants))))
    ], columns=["group", "actor", "variant", "share", "ci_low", "ci_high", "n"])
    mention_rates = pd.DataFrame([
        (o, m, a, r, r * 0.8, r * 1.2) for o in outlets for m in months for a in actors
        for r in [float(round(40 * weights[actors.index(a)] * rng.uniform(0.5, 1.5), 3))]
    ], columns=["outlet", "month", "actor", "rate_per_1000", "ci_low", "ci_high"])
    voice_by_outlet = pd.DataFrame([
        (o, s, sh, max(sh - 0.03, 0), min(sh + 0.03, 1))
        for o in outlets for s, sh in zip(speakers, rng.dirichlet(sp_w * 50))
    ], columns=["outlet", "speaker_actor", "share", "ci_low", "ci_high"])
    edges_by_outlet = pd.concat([edges.assign(group=o, weight=np.maximum(1, np.round(
        edges["weight"] / len(outlets) * rng.uniform(0.3, 1.7, len(edges))))) for o in outlets])
    return {"documents": documents, "sentences": sentences, "mentions": mentions, "statements": statements,
            "cues": cues, "edges": edges, "relations": relations, "naming_by_outlet": naming_by_outlet,
            "mention_rates": mention_rates, "voice_by_outlet": voice_by_outlet, "edges_by_outlet": edges_by_outlet}


def run_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """A run's tables, with the comparison tables in the shapes the comparison figures take."""
    tables = {}
    for name in ("documents", "sentences", "mentions", "statements", "cues", "edges", "relations",
                 "comparison_naming", "comparison_mentions", "comparison_voices", "comparison_edges"):
        path = Path(folder) / f"{name}.csv"
        if path.exists():
            tables[name] = read_table(path)
    if "comparison_naming" in tables:
        from analysis.figures import _monthly_rates, _naming_shares, _outlet_edges, _voice_shares

        tables.update(naming_by_outlet=_naming_shares(tables), mention_rates=_monthly_rates(tables),
                      voice_by_outlet=_voice_shares(tables), edges_by_outlet=_outlet_edges(tables))
    return tables


@pytest.fixture(scope="session")
def default_corpus_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default corpus's tables: data/processed after `make data`, else a run into a temporary folder."""
    if (config.PROCESSED_DIR / "mentions.csv").exists() and (config.PROCESSED_DIR / "sentences.csv").exists():
        return config.PROCESSED_DIR
    from analysis.pipeline import RunOptions, run

    out = tmp_path_factory.mktemp("default-corpus")
    run(RunOptions(raw_dir=config.RAW_DIR, out_dir=out, workers=2))
    return out


def draw_all(t: dict[str, pd.DataFrame]) -> dict[str, Figure]:
    ctx = {"documents": t.get("documents"), "sentences": t.get("sentences")}
    drawn = {
        "actor_mentions": figures.actor_mentions(t["mentions"], **ctx),
        "actor_positions": figures.actor_positions(t["mentions"], t["sentences"], documents=t.get("documents")),
        "voice_share": figures.voice_share(t["statements"], **ctx),
        "stance_cues": figures.stance_cues(t["cues"], **ctx),
        "stance_cues_count": figures.stance_cues(t["cues"], normalize="count", **ctx),
        "actor_network": figures.actor_network(t["edges"], t.get("relations"), **ctx),
        "naming_choices": figures.naming_choices(t["mentions"], **ctx),
    }
    if "naming_by_outlet" in t:
        drawn.update({
            "naming_by_outlet": figures.naming_by_outlet(t["naming_by_outlet"]),
            "mention_rates": figures.mention_rates(t["mention_rates"]),
            "voice_by_outlet": figures.voice_by_outlet(t["voice_by_outlet"]),
            "network_by_outlet": figures.network_by_outlet(t["edges_by_outlet"]),
        })
    return drawn


TABLE_SETS = {
    "first_article": lambda request: run_tables(request.getfixturevalue("run_dir")),
    "default_corpus": lambda request: run_tables(request.getfixturevalue("default_corpus_tables")),
    "small": lambda request: synthetic_tables(3, 4, 2, seed=3),
    "many": lambda request: synthetic_tables(3000, 20, 6, seed=7),
}


@pytest.fixture(scope="module", params=[
    "first_article", pytest.param("default_corpus", marks=pytest.mark.slow), "small", "many"])
def drawn(request) -> tuple[str, dict[str, Figure]]:
    tables = TABLE_SETS[request.param](request)
    assert "mentions" in tables, f"{request.param}: no mentions table"
    return request.param, draw_all(tables)


# --- the checks ---------------------------------------------------------------------------------------------------
def layout_problems(fig: Figure) -> list[str]:
    """Texts that overlap each other or leave the figure, from matplotlib's own measurements."""
    records = drawn_texts(fig)
    canvas = fig.bbox
    problems = []
    for text, box in records:
        if (box.x0 < canvas.x0 - TOLERANCE or box.y0 < canvas.y0 - TOLERANCE
                or box.x1 > canvas.x1 + TOLERANCE or box.y1 > canvas.y1 + TOLERANCE):
            problems.append(f"leaves the canvas: {text.get_text()[:40]!r} {box.extents.round(1)}")
    for (t1, a), (t2, b) in itertools.combinations(records, 2):
        dx = min(a.x1, b.x1) - max(a.x0, b.x0)
        dy = min(a.y1, b.y1) - max(a.y0, b.y0)
        if dx > TOLERANCE and dy > TOLERANCE:
            problems.append(f"overlap: {t1.get_text()[:30]!r} / {t2.get_text()[:30]!r}")
    return problems


def test_synthetic_corpus_is_at_scale():
    t = synthetic_tables(3000, 20, 6)
    assert t["documents"]["doc_id"].nunique() == 3000
    assert t["mentions"]["actor"].nunique() == 20
    assert t["documents"]["outlet"].nunique() == 6
    assert len(t["mentions"]) > 30_000


def test_no_text_overlaps_or_leaves_the_figure(drawn):
    table_set, figs = drawn
    report = {name: layout_problems(fig) for name, fig in figs.items()}
    bad = {name: probs[:5] for name, probs in report.items() if probs}
    assert not bad, f"{table_set}: {json.dumps(bad, ensure_ascii=False, indent=1)}"


def test_every_figure_says_what_it_counts(drawn):
    _table_set, figs = drawn
    for name in ("actor_mentions", "actor_positions", "voice_share", "stance_cues", "naming_choices"):
        heading = figs[name]._suptitle.get_text() if figs[name]._suptitle else ""
        assert "counted" in heading and "document" in heading, (name, heading)


def test_many_actors_are_grouped_and_duplicates_left_out():
    t = synthetic_tables(3000, 20, 6)
    fig = figures.actor_mentions(t["mentions"], documents=t["documents"], sentences=t["sentences"])
    heading = " ".join(fig._suptitle.get_text().split())
    n_dup = int(t["documents"]["is_duplicate"].sum())
    assert f"{3000 - n_dup:,} documents" in heading
    assert f"{n_dup:,} duplicate documents" in heading and "boilerplate" in heading
    assert "other actors" in heading
    ticks = [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    assert len(ticks) == figures.TOP + 1 and "other actors" in ticks[-1]


@pytest.mark.skipif(not SVG_TOOL.exists(), reason="the shared SVG layout tool is not on this machine")
def test_svg_text_layout_second_opinion(drawn, tmp_path):
    table_set, figs = drawn
    paths = []
    for name, fig in figs.items():
        path = tmp_path / f"{name}.svg"
        with style.context():  # the SVG settings save_figure uses (text as paths)
            fig.savefig(path, format="svg", metadata={"Date": None}, facecolor="white")
        paths.append(path)
    out = subprocess.run([sys.executable, str(SVG_TOOL), *map(str, paths)], capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout)
    assert result["texts"] > 0
    assert not result["problems"], f"{table_set}: {result['problems'][:10]}"
