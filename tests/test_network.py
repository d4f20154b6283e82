"""Co-mention networks: edge weights recomputed independently for every context and count, switches,
rollup, streaming, association measures, graph exports readable and byte-identical, relation graph."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pandas as pd
import pytest

from analysis import config, graph_files, network, table_chunks
from analysis.network import (
    build_graph,
    centrality,
    co_mention_network,
    co_mentions,
    edge_contexts,
    relation_graph,
    write_gexf,
    write_graphml,
    write_relation_graphml,
)
from analysis.segment import segment, tokens
from analysis.tables import read_table

# Three small documents written for the test: a headline, a repeated caption, two-sentence paragraphs,
# the same actor twice in one sentence, COALITION beside US (rollup), and a document without mentions.
DOCS = {
    "a": (
        "القوات الكردية تهاجم تنظيم الدولة\n"
        "قال التحالف إن روسيا لا تشارك. وأضاف أن واشنطن والتحالف يدعمان القوات الكردية ضد تنظيم الدولة.\n"
        "موسكو ترحب. موسكو تنتقد واشنطن وموسكو تتهم التحالف.\n"
        "صورة لمقاتلين من القوات الكردية قرب مواقع تنظيم الدولة\n"
        "صورة لمقاتلين من القوات الكردية قرب مواقع تنظيم الدولة\n"
    ),
    "b": "الرقة اليوم\nلا شيء عن أحد هنا.\n",
    "c": (
        "عنوان بلا فاعلين\n"
        "قصفت روسيا مواقع في إدلب وكلمات كثيرة تفصل بين هذا وذاك قبل أن يرد تنظيم الدولة على القصف.\n"
    ),
}
ACTORS = {"القوات الكردية": "SDF", "تنظيم الدولة": "ISIS", "التحالف": "COALITION", "روسيا": "RUSSIA",
          "واشنطن": "US", "موسكو": "RUSSIA"}


def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    sent_rows, ment_rows = [], []
    for doc_id, text in DOCS.items():
        seg = segment(text)
        for s in seg.sentences:
            sent_rows.append({"doc_id": doc_id, "sentence_id": s.sentence_id, "paragraph_id": s.paragraph_id,
                              "start": s.start, "end": s.end, "is_headline": s.is_headline,
                              "is_repeated": s.is_repeated, "text": text[s.start:s.end]})
        found = []
        for surface, actor in ACTORS.items():
            pos = text.find(surface)
            while pos >= 0:
                found.append((pos, pos + len(surface), surface, actor))
                pos = text.find(surface, pos + 1)
        for start, end, surface, actor in sorted(found):
            s = seg.sentence_at(start)
            ment_rows.append({"doc_id": doc_id, "start": start, "end": end, "surface": surface, "actor": actor,
                              "sentence_id": s.sentence_id, "paragraph_id": s.paragraph_id})
    return pd.DataFrame(ment_rows), pd.DataFrame(sent_rows)


MENTIONS, SENTENCES = _tables()


def _expected(mentions: pd.DataFrame, sentences: pd.DataFrame, *, context: str, count: str, window: int = 10,
              include_headline: bool = True, include_repeated: bool = False,
              rollup: dict[str, str] | None = None) -> dict[tuple[str, str], int]:
    """A deliberately naive recomputation: brute force over every pair of mentions of each document."""
    rollup = rollup or {}
    weights: Counter[tuple[str, str]] = Counter()
    for doc_id, sents in sentences.groupby("doc_id"):
        keep = {int(r.sentence_id) for r in sents.itertuples()
                if (include_headline or not r.is_headline) and (include_repeated or not r.is_repeated)}
        para = {int(r.sentence_id): int(r.paragraph_id) for r in sents.itertuples()}
        ms = [m for m in mentions[mentions["doc_id"] == doc_id].itertuples() if int(m.sentence_id) in keep]
        if context == "window":
            toks = []
            for r in sents.sort_values("sentence_id").itertuples():
                toks += [(r.start + a, r.start + b) for a, b in tokens(r.text)]

            def first_tok(m):
                return next(i for i, (a, b) in enumerate(toks) if b > m.start)

            def last_tok(m):
                return max(i for i, (a, b) in enumerate(toks) if a < m.end)

            pairs = Counter()
            for m1, m2 in itertools.combinations(ms, 2):
                a1, a2 = rollup.get(m1.actor, m1.actor), rollup.get(m2.actor, m2.actor)
                if a1 == a2:
                    continue
                x, y = sorted([m1, m2], key=lambda m: (first_tok(m), m.start))
                if first_tok(y) - last_tok(x) <= window:
                    pairs[tuple(sorted((a1, a2)))] += 1
            for key, n in pairs.items():
                weights[key] += n if count == "frequency" else 1
            continue
        unit_of = {"sentence": lambda sid: sid, "paragraph": lambda sid: para[sid], "document": lambda sid: 0}[context]
        units: dict[int, Counter[str]] = {}
        for m in ms:
            units.setdefault(unit_of(int(m.sentence_id)), Counter())[rollup.get(m.actor, m.actor)] += 1
        for counts in units.values():
            for a, b in itertools.combinations(sorted(counts), 2):
                weights[(a, b)] += counts[a] * counts[b] if count == "frequency" else 1
    return dict(weights)


def _weights(edges: pd.DataFrame) -> dict[tuple[str, str], int]:
    return {(r.source, r.target): int(r.weight) for r in edges.itertuples()}


@pytest.mark.parametrize("context", ["sentence", "paragraph", "document", "window"])
@pytest.mark.parametrize("count", ["boolean", "frequency"])
@pytest.mark.parametrize("include_headline,include_repeated", [(True, False), (False, False), (True, True)])
def test_edge_weights_recomputed_independently(context, count, include_headline, include_repeated):
    opts = dict(context=context, count=count, include_headline=include_headline, include_repeated=include_repeated)
    got = _weights(co_mentions(MENTIONS, SENTENCES, **opts))
    assert got == _expected(MENTIONS, SENTENCES, **opts)
    assert got  # the fixture has edges in every setting


@pytest.mark.parametrize("window", [1, 3, 12])
def test_window_size_matters_and_is_recomputed(window):
    got = _weights(co_mentions(MENTIONS, SENTENCES, context="window", window=window, count="frequency"))
    assert got == _expected(MENTIONS, SENTENCES, context="window", window=window, count="frequency")


def test_window_grows_with_its_size():
    small = co_mentions(MENTIONS, SENTENCES, context="window", window=2, count="frequency")["weight"].sum()
    large = co_mentions(MENTIONS, SENTENCES, context="window", window=30, count="frequency")["weight"].sum()
    assert large > small


def test_switches_change_the_counts():
    base = _weights(co_mentions(MENTIONS, SENTENCES))
    no_head = _weights(co_mentions(MENTIONS, SENTENCES, include_headline=False))
    with_rep = _weights(co_mentions(MENTIONS, SENTENCES, include_repeated=True))
    assert base[("ISIS", "SDF")] == no_head[("ISIS", "SDF")] + 1  # the headline pairs them
    assert with_rep[("ISIS", "SDF")] == base[("ISIS", "SDF")] + 1  # the repeated caption pairs them again


def test_rollup_merges_coalition_into_us():
    plain = co_mention_network(MENTIONS, SENTENCES)
    rolled = co_mention_network(MENTIONS, SENTENCES, rollup_coalition=True, rollup={"COALITION": "US"})
    assert ("COALITION", "US") in _weights(plain.edges)
    assert "COALITION" not in set(rolled.edges["source"]) | set(rolled.edges["target"])
    assert not (rolled.edges["source"] == rolled.edges["target"]).any()
    nodes = plain.nodes.set_index("actor")["mentions"]
    assert rolled.nodes.set_index("actor").loc["US", "mentions"] == nodes["US"] + nodes["COALITION"]
    assert _weights(rolled.edges) == _expected(MENTIONS, SENTENCES, context="sentence", count="boolean",
                                               rollup={"COALITION": "US"})


def test_default_rollup_comes_from_the_actor_lexicon():
    assert network.rollup_map().get("COALITION") == "US"


def test_measures_follow_their_formulas():
    net = co_mention_network(MENTIONS, SENTENCES)
    included = SENTENCES[~SENTENCES["is_repeated"]]
    assert net.n_units == len(included)
    for r in net.edges.itertuples():
        n, na, nb, nab = r.n_units, r.source_contexts, r.target_contexts, r.n_contexts
        assert r.jaccard == pytest.approx(nab / (na + nb - nab))
        pab = nab / n
        expected = 1.0 if pab == 1 else math.log(pab / ((na / n) * (nb / n))) / -math.log(pab)
        assert r.npmi == pytest.approx(expected)
        assert -1 <= r.npmi <= 1


def test_every_context_leads_back_to_text_holding_both_actors():
    contexts = edge_contexts(MENTIONS, SENTENCES)
    edges = co_mentions(MENTIONS, SENTENCES)
    assert len(contexts) == edges["n_contexts"].sum()
    surfaces = {a: [s for s, c in ACTORS.items() if c == a] for a in set(ACTORS.values())}
    for r in contexts.itertuples():
        span = DOCS[r.doc_id][r.start:r.end]
        assert any(s in span for s in surfaces[r.source]) and any(s in span for s in surfaces[r.target])
    listed = edges.set_index(["source", "target"])["contexts"]
    assert listed[("ISIS", "SDF")].startswith("a#0;")


def test_streaming_from_csv_in_small_chunks_equals_in_memory(tmp_path: Path, monkeypatch):
    MENTIONS.to_csv(tmp_path / "mentions.csv", index=False)
    SENTENCES.assign(is_headline=SENTENCES["is_headline"].map({True: "true", False: "false"}),
                     is_repeated=SENTENCES["is_repeated"].map({True: "true", False: "false"})).to_csv(
        tmp_path / "sentences.csv", index=False)
    monkeypatch.setattr(table_chunks, "_CHUNK_ROWS", 2)  # documents straddle chunk boundaries
    for context in ("sentence", "paragraph", "document", "window"):
        streamed = co_mentions(tmp_path / "mentions.csv", tmp_path / "sentences.csv", context=context)
        memory = co_mentions(MENTIONS, SENTENCES, context=context)
        pd.testing.assert_frame_equal(streamed, memory)


def test_tables_in_any_order_give_the_same_unit_network_and_the_window_refuses_them(tmp_path: Path):
    """Sentence, paragraph and document contexts are queries: row order does not matter. The token window
    is counted document by document from files in document order, and says so when they are not."""
    MENTIONS.to_csv(tmp_path / "m.csv", index=False)
    SENTENCES.iloc[::-1].to_csv(tmp_path / "s.csv", index=False)
    for context in ("sentence", "paragraph", "document"):
        got = co_mentions(tmp_path / "m.csv", tmp_path / "s.csv", context=context)
        assert _weights(got) == _weights(co_mentions(MENTIONS, SENTENCES, context=context))
    with pytest.raises(ValueError, match="order"):
        co_mentions(tmp_path / "m.csv", tmp_path / "s.csv", context="window")


def test_mentions_of_a_document_without_sentences_are_refused():
    stray = pd.concat([MENTIONS, MENTIONS.head(1).assign(doc_id="zz")])
    with pytest.raises(ValueError, match="absent from the sentences"):
        co_mentions(stray, SENTENCES)


@pytest.mark.parametrize("bad", [dict(context="clause"), dict(count="weighted"), dict(window=0), dict(window=2.5)])
def test_bad_parameters_raise(bad):
    with pytest.raises(ValueError):
        co_mentions(MENTIONS, SENTENCES, **bad)


def test_graph_attributes_and_centrality():
    graph = build_graph(co_mention_network(MENTIONS, SENTENCES))
    assert list(graph.nodes) == sorted(graph.nodes)
    assert graph.nodes["SDF"]["label_ar"] == "قوات سوريا الديمقراطية" and graph.nodes["SDF"]["colour"].startswith("#")
    assert graph.edges["ISIS", "SDF"]["weight"] == _weights(co_mentions(MENTIONS, SENTENCES))[("ISIS", "SDF")]
    table = centrality(graph).set_index("actor")
    for actor in graph.nodes:
        assert table.loc[actor, "degree"] == graph.degree(actor)
        assert table.loc[actor, "weighted_degree"] == sum(d["weight"] for *_, d in graph.edges(actor, data=True))


def test_betweenness_of_a_star_centre():
    star = nx.Graph()
    star.add_edge("A", "B", weight=1)
    star.add_edge("A", "C", weight=2)
    star.add_edge("A", "D", weight=3)
    table = centrality(star).set_index("actor")
    assert table.loc["A", "betweenness"] == pytest.approx(1.0)
    assert table.loc["B", "betweenness"] == 0


def test_graphml_and_gexf_are_readable_and_byte_identical(tmp_path: Path):
    graph = build_graph(co_mention_network(MENTIONS, SENTENCES))
    for writer, reader, name in ((write_graphml, nx.read_graphml, "g.graphml"), (write_gexf, nx.read_gexf, "g.gexf")):
        first = writer(graph, tmp_path / name).read_bytes()
        again = writer(build_graph(co_mention_network(MENTIONS, SENTENCES)), tmp_path / ("2" + name)).read_bytes()
        assert first == again
        back = reader(tmp_path / name)
        assert set(back.nodes) == set(graph.nodes)
        assert back.number_of_edges() == graph.number_of_edges()
        edge = back.edges["ISIS", "SDF"]
        assert float(edge["weight"]) == graph.edges["ISIS", "SDF"]["weight"]
        assert edge["contexts"] == graph.edges["ISIS", "SDF"]["contexts"]
    assert b"lastmodifieddate" not in (tmp_path / "g.gexf").read_bytes()


def test_relation_graph_is_typed_directed_and_counts_only_positive_real_relations():
    rows = pd.DataFrame([
        {"doc_id": "a", "start": 0, "end": 9, "source_actor": "SDF", "relation": "attack", "target_actor": "ISIS",
         "verb": "تهاجم", "sentence_id": 0, "polarity": "pos", "modality": "real", "rule": "svo"},
        {"doc_id": "a", "start": 20, "end": 40, "source_actor": "COALITION", "relation": "support",
         "target_actor": "SDF", "verb": "يدعم", "sentence_id": 1, "polarity": "pos", "modality": "real", "rule": "svo"},
        {"doc_id": "a", "start": 50, "end": 60, "source_actor": "US", "relation": "attack", "target_actor": "SDF",
         "verb": "تهاجم", "sentence_id": 2, "polarity": "neg", "modality": "real", "rule": "svo"},
        {"doc_id": "a", "start": 70, "end": 80, "source_actor": "COALITION", "relation": "coordinate",
         "target_actor": "US", "verb": "نسق", "sentence_id": 3, "polarity": "pos", "modality": "real", "rule": "vso"},
        {"doc_id": "a", "start": 90, "end": 99, "source_actor": "RUSSIA", "relation": "coordinate",
         "target_actor": "COALITION", "verb": "لتنسيق", "sentence_id": 4, "polarity": "pos", "modality": "hyp",
         "rule": "svo"},
    ])
    graph = relation_graph(rows)
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.has_edge("SDF", "ISIS") and not graph.has_edge("ISIS", "SDF")
    assert not graph.has_edge("US", "SDF")  # polarity neg
    assert not graph.has_edge("RUSSIA", "COALITION")  # modality hyp: ready to coordinate is no coordination
    everything = relation_graph(rows, include_uncounted=True)
    assert everything.has_edge("US", "SDF") and everything.has_edge("RUSSIA", "COALITION")
    assert everything.edges["RUSSIA", "COALITION", "a#90#0"]["modality"] == "hyp"
    assert relation_graph(rows.drop(columns=["polarity", "modality"])).has_edge("US", "SDF")  # older run: all count
    rolled = relation_graph(rows, rollup_coalition=True, rollup={"COALITION": "US"})
    assert rolled.has_edge("US", "SDF") and not rolled.has_edge("US", "US")
    assert [d["relation"] for *_, d in rolled.out_edges("US", data=True)] == ["support"]  # coordinate became a loop
    assert sorted(d["relation"] for *_, d in graph.edges(data=True)) == ["attack", "coordinate", "support"]


def test_summary_writes_every_output_reproducibly(tmp_path: Path):
    MENTIONS.to_csv(tmp_path / "mentions.csv", index=False)
    SENTENCES.to_csv(tmp_path / "sentences.csv", index=False)
    digests = []
    for out in ("one", "two"):
        options = SimpleNamespace(out_dir=tmp_path / out, rollup_coalition=True, actor_lexicon=None)
        paths = network.SUMMARY(options, {"mentions": tmp_path / "mentions.csv",
                                          "sentences": tmp_path / "sentences.csv"})
        assert sorted(p.name for p in paths) == ["centrality.csv", "edge_contexts.csv", "edges.csv",
                                                 "network.gexf", "network.graphml"]
        digests.append({p.name: p.read_bytes() for p in paths})
    assert digests[0] == digests[1]
    edges = read_table(tmp_path / "one" / "edges.csv")
    assert list(edges.columns) == network.EDGE_COLUMNS
    assert "COALITION" not in set(edges["source"]) | set(edges["target"])  # options.rollup_coalition honoured


def test_recomputed_from_the_pipeline_tables(tables):
    """On the real run: edges.csv equals the naive recount from mentions.csv + sentences.csv."""
    mentions, sentences = tables["mentions"], tables["sentences"]
    expected = _expected(mentions, sentences, context="sentence", count="boolean")
    assert _weights(tables["edges"]) == expected
    assert len(tables["edge_contexts"]) == tables["edges"]["n_contexts"].sum()
    for context in ("paragraph", "document", "window"):
        got = _weights(co_mentions(mentions, sentences, context=context, count="frequency"))
        assert got == _expected(mentions, sentences, context=context, count="frequency")


def test_gold_mentions_give_the_sentence_network_of_the_first_article():
    gold = pd.read_csv(config.GOLD_DIR / "mentions.csv")
    text = (config.RAW_DIR / "aljazeera/2016-05-24_sdf-offensive-north-raqqa.txt").read_text(encoding="utf-8")
    seg = segment(text)
    sentences = pd.DataFrame([{"doc_id": gold["doc_id"].iloc[0], "sentence_id": s.sentence_id,
                               "paragraph_id": s.paragraph_id, "start": s.start, "end": s.end,
                               "is_headline": s.is_headline, "is_repeated": s.is_repeated,
                               "text": text[s.start:s.end]} for s in seg.sentences])
    mentions = gold.assign(sentence_id=[seg.sentence_at(s).sentence_id for s in gold["start"]])
    for context in ("sentence", "window"):
        assert _weights(co_mentions(gold, sentences, context=context)) == _expected(
            mentions, sentences, context=context, count="boolean")


# Relations for the streamed GraphML writer: documents out of doc_id order ("x-2" sorts after "x" but its
# file "x-2.txt" comes first), a doc_id in two separate runs, several relations at one start, loops after
# rollup, denied and hypothetical rows, claims, missing cells read back from CSV, an empty verb, and characters XML must escape (quotes, &, <, >, line breaks).
TRICKY_RELATIONS = pd.DataFrame([
    {"doc_id": "x-2", "start": 5, "end": 9, "source_actor": "SDF", "relation": "attack", "target_actor": "ISIS",
     "verb": "هاجمت", "sentence_id": 0, "polarity": "pos", "modality": "real", "claim_of": "", "rule": "svo"},
    {"doc_id": "x-2", "start": 5, "end": 9, "source_actor": "SDF", "relation": "attack", "target_actor": "ISIS",
     "verb": 'قال "هاجمت" & <b>', "sentence_id": 0, "polarity": "pos", "modality": "real", "claim_of": "", "rule": "svo"},
    {"doc_id": "x-2", "start": 5, "end": 7, "source_actor": "COALITION", "relation": "support", "target_actor": "SDF",
     "verb": "", "sentence_id": 0, "polarity": "pos", "modality": "real", "claim_of": "", "rule": ""},
    {"doc_id": "x", "start": 30, "end": 44, "source_actor": "US", "relation": "attack", "target_actor": "SDF",
     "verb": "تهاجم\nسطر\r\tآخر", "sentence_id": 2, "polarity": "neg", "modality": "real", "claim_of": "", "rule": "vso"},
    {"doc_id": "x", "start": 1, "end": 4, "source_actor": "COALITION", "relation": "coordinate", "target_actor": "US",
     "verb": "نسق", "sentence_id": 0, "polarity": "pos", "modality": "hyp", "claim_of": "RUSSIA", "rule": "symmetric"},
    {"doc_id": "a&b", "start": 3, "end": 8, "source_actor": "RUSSIA", "relation": "support", "target_actor": "SYRIAN_GOV",
     "verb": "تدعم", "sentence_id": 1, "polarity": "pos", "modality": "real", "claim_of": "", "rule": "svo"},
    {"doc_id": "x-2", "start": 5, "end": 9, "source_actor": "RUSSIA", "relation": "attack", "target_actor": "ISIS",
     "verb": "قصفت", "sentence_id": 0, "polarity": "pos", "modality": "real", "claim_of": "", "rule": "svo"},
    {"doc_id": "x", "start": 1, "end": 4, "source_actor": "ISIS", "relation": "attack", "target_actor": "US",
     "verb": "هاجم", "sentence_id": 0, "polarity": "pos", "modality": "real", "claim_of": "SDF", "rule": "antecedent"},
    {"doc_id": "x", "start": 1, "end": 4, "source_actor": "US", "relation": "attack", "target_actor": "ISIS",
     "verb": "ضربت", "sentence_id": 0, "polarity": "pos", "modality": "real", "claim_of": "", "rule": "vso"},
])


@pytest.mark.parametrize("include_uncounted", [False, True])
@pytest.mark.parametrize("rollup_coalition", [False, True])
def test_streamed_relation_graphml_equals_the_in_memory_graph(tmp_path: Path, monkeypatch, include_uncounted,
                                                               rollup_coalition):
    TRICKY_RELATIONS.to_csv(tmp_path / "relations.csv", index=False)
    monkeypatch.setattr(table_chunks, "_CHUNK_ROWS", 2)  # documents straddle chunk boundaries
    options = dict(include_uncounted=include_uncounted, rollup_coalition=rollup_coalition, rollup={"COALITION": "US"})
    for source in (tmp_path / "relations.csv", TRICKY_RELATIONS):
        expected = write_graphml(relation_graph(source, **options), tmp_path / "memory.graphml").read_bytes()
        streamed = write_relation_graphml(source, tmp_path / "streamed.graphml", **options).read_bytes()
        assert streamed == expected
        assert nx.read_graphml(tmp_path / "streamed.graphml", force_multigraph=True).number_of_edges() == \
            relation_graph(source, **options).number_of_edges()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


@pytest.mark.parametrize("rows", [TRICKY_RELATIONS.iloc[0:0], TRICKY_RELATIONS.iloc[[3]]])  # empty; all denied
def test_streamed_relation_graphml_without_edges(tmp_path: Path, rows):
    rows.to_csv(tmp_path / "relations.csv", index=False)
    expected = write_graphml(relation_graph(tmp_path / "relations.csv"), tmp_path / "memory.graphml").read_bytes()
    assert write_relation_graphml(tmp_path / "relations.csv", tmp_path / "s.graphml").read_bytes() == expected


def test_relation_graphml_falls_back_to_the_in_memory_graph_when_the_format_differs(tmp_path: Path, monkeypatch):
    expected = write_graphml(relation_graph(TRICKY_RELATIONS), tmp_path / "memory.graphml").read_bytes()
    monkeypatch.setattr(graph_files, "_graphml_edge", lambda *args: "<edge/>")
    assert write_relation_graphml(TRICKY_RELATIONS, tmp_path / "s.graphml").read_bytes() == expected


def test_summary_streams_the_relation_graph(tmp_path: Path, monkeypatch):
    """The pipeline's summary never builds the whole relation graph in memory."""
    MENTIONS.to_csv(tmp_path / "mentions.csv", index=False)
    SENTENCES.to_csv(tmp_path / "sentences.csv", index=False)
    TRICKY_RELATIONS.to_csv(tmp_path / "relations.csv", index=False)
    expected = write_graphml(relation_graph(tmp_path / "relations.csv"), tmp_path / "memory.graphml").read_bytes()

    def refuse(*args, **kwargs):
        raise AssertionError("relation_graph called by the summary")

    monkeypatch.setattr(graph_files, "relation_graph", refuse)
    options = SimpleNamespace(out_dir=tmp_path / "out", rollup_coalition=False, actor_lexicon=None)
    paths = network.SUMMARY(options, {"mentions": tmp_path / "mentions.csv", "sentences": tmp_path / "sentences.csv",
                                      "relations": tmp_path / "relations.csv"})
    assert (tmp_path / "out" / "relations.graphml") in paths
    assert (tmp_path / "out" / "relations.graphml").read_bytes() == expected


def test_documents_interleaved_in_memory_or_with_unsorted_sentences_count_alike():
    """In-memory tables are grouped by document wherever their rows are; sentences are taken in id order."""
    shuffled = SENTENCES.sample(frac=1.0, random_state=3)
    mixed = MENTIONS.sample(frac=1.0, random_state=4)
    for context in ("sentence", "paragraph", "document", "window"):
        pd.testing.assert_frame_equal(co_mentions(mixed, shuffled, context=context),
                                      co_mentions(MENTIONS, SENTENCES, context=context))
