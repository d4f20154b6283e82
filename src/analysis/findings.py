"""Findings stated in words, computed from a run's tables: what the notebooks and the README say.

No number or claim about the data is typed into a notebook's prose: each "what this shows" passage is a
function here that reads the tables and words what it finds, so the same notebook run on another corpus
states that corpus's findings (and says so when a table is empty). Each function returns a list of
:class:`Finding`; :func:`as_markdown` turns them into a bulleted Markdown passage in which every Arabic run
is direction-isolated (``<bdi>``), so that inline Arabic keeps its order inside English prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .tables import read_run_table

__all__ = [
    "Finding",
    "as_markdown",
    "corpus_findings",
    "mention_findings",
    "naming_findings",
    "voice_findings",
    "cue_findings",
    "network_findings",
    "validation_findings",
    "all_findings",
    "isolate_arabic",
    "findings_markdown",
    "show",
    "write_into",
    "START_MARKER",
    "END_MARKER",
]

#: A run of Arabic letters with the spaces, marks and digits inside it (not at its edges).
_ARABIC_RUN = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
                         r"(?:[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\s\u200c\u200d\d«»\"]*"
                         r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff])?")
NO_OUTLET = "(no outlet)"


@dataclass(frozen=True)
class Finding:
    """One statement about the data: its topic (for tables of findings) and its wording."""

    topic: str
    text: str


def isolate_arabic(text: str) -> str:
    """Wrap every Arabic run in ``<bdi dir="rtl" lang="ar">`` so it keeps its order inside English prose."""
    return _ARABIC_RUN.sub(lambda m: f'<bdi dir="rtl" lang="ar">{m.group(0)}</bdi>', text)


def as_markdown(findings: Iterable[Finding]) -> str:
    """A bulleted Markdown passage, Arabic runs isolated."""
    lines = [f"* {isolate_arabic(f.text)}" for f in findings]
    return "\n".join(lines) if lines else "* The tables hold nothing to report."


def _n(value: float | int) -> str:
    return f"{int(value):,}"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


def _list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _outlets(documents: pd.DataFrame | None) -> pd.Series:
    """Each document's outlet: the canonical name where the corpus reader found one, else as written."""
    if documents is None or "outlet" not in documents:
        return pd.Series(dtype=object)
    column = "outlet_name" if "outlet_name" in documents and documents["outlet_name"].notna().any() else "outlet"
    return documents.set_index("doc_id")[column].fillna("").replace("", NO_OUTLET)


def _interval(share: float, low: float, high: float) -> str:
    return f"{100 * share:.0f}% [{100 * low:.0f}–{100 * high:.0f}]"


def corpus_findings(tables_dir: Path) -> list[Finding]:
    """How many documents from which outlets and dates, and what could not be read."""
    documents = read_run_table(tables_dir, "documents")
    if documents is None or documents.empty:
        return [Finding("corpus", "No document was read.")]
    out = []
    outlets = _outlets(documents).value_counts()
    by_outlet = _list([f"{name} {_n(k)}" for name, k in outlets.items()])
    out.append(Finding("corpus", f"{_n(len(documents))} document(s) from {_n(len(outlets))} outlet(s): {by_outlet}."))
    dates = documents.get("date_iso", documents.get("date"))
    if dates is not None and dates.notna().any():
        known = dates.dropna().astype(str)
        out.append(Finding("dates", f"Dated from {known.min()} to {known.max()} "
                                    f"({_n(len(known))} of {_n(len(documents))} documents carry a date)."))
    if "is_duplicate" in documents:
        dup = int(documents["is_duplicate"].fillna(False).astype(bool).sum())
        out.append(Finding("duplicates", f"{_n(dup)} document(s) ({_pct(dup, len(documents))}) are copies of an "
                                         "earlier article and are left out of the counts."))
    words = int(documents["n_tokens"].sum()) if "n_tokens" in documents else 0
    if words:
        out.append(Finding("size", f"{_n(words)} word and number tokens in all."))
    errors = read_run_table(tables_dir, "errors")
    if errors is not None and len(errors):
        out.append(Finding("errors", f"{_n(len(errors))} input(s) could not be read (listed in errors.csv)."))
    return out


def mention_findings(tables_dir: Path) -> list[Finding]:
    """Which actors are mentioned most, how they are referred to, and which actor leads in each outlet."""
    counts = read_run_table(tables_dir, "mention_counts")
    if counts is None or counts.empty:
        return [Finding("mentions", "No actor mention was found.")]
    counts = counts.sort_values(["n_excl_repeated", "actor"], ascending=[False, True])
    total = int(counts["n_excl_repeated"].sum())
    top = counts.head(3)
    ranked = _list([f"{a} {_n(n)} ({_pct(n, total)})" for a, n in zip(top["actor"], top["n_excl_repeated"])])
    out = [Finding("ranking", f"{_n(total)} actor mentions outside repeated lines; the most mentioned actors are {ranked}.")]
    lead = counts.iloc[0]
    kinds = {k: int(lead[f"n_{k}"]) for k in ("name", "descriptor", "metonym", "person", "anaphor")}
    main_kind = max(kinds, key=lambda k: (kinds[k], k))
    out.append(Finding("kinds", f"{lead['actor']} is referred to most often by {main_kind} "
                                f"({_n(kinds[main_kind])} of its {_n(lead['n_mentions'])} mentions)."))
    by_doc = read_run_table(tables_dir, "mention_counts_by_document")
    outlets = _outlets(read_run_table(tables_dir, "documents"))
    if by_doc is not None and len(outlets) and outlets.nunique() > 1:
        frame = by_doc.assign(outlet=by_doc["doc_id"].map(outlets).fillna(NO_OUTLET))
        per = frame.groupby(["outlet", "actor"], as_index=False)["n_excl_repeated"].sum()
        per = per.sort_values(["outlet", "n_excl_repeated", "actor"], ascending=[True, False, True])
        leaders = per.groupby("outlet").head(1)
        words = _list([f"{o}: {a}" for o, a in zip(leaders["outlet"], leaders["actor"])])
        out.append(Finding("outlets", f"The most mentioned actor per outlet: {words}."))
    return out


def naming_findings(tables_dir: Path, actors: Sequence[str] = ("ISIS", "SDF")) -> list[Finding]:
    """Which name each actor is given most, overall and per outlet."""
    naming = read_run_table(tables_dir, "naming")
    if naming is None or naming.empty:
        return [Finding("naming", "No naming choice was recorded.")]
    naming = naming.assign(form=naming["variant"].fillna("").where(naming["variant"].fillna("") != "", naming["alias"]))
    out = []
    for actor in actors:
        rows = naming[naming["actor"] == actor]
        if rows.empty:
            out.append(Finding(f"naming {actor}", f"{actor} is not mentioned."))
            continue
        forms = rows.groupby("form")["n_mentions"].sum().sort_values(ascending=False)
        top = _list([f'"{f}" {_n(n)} ({_pct(n, forms.sum())})' for f, n in forms.head(3).items()])
        out.append(Finding(f"naming {actor}", f"{actor} is named {top} of its {_n(forms.sum())} mentions."))
        compared = read_run_table(tables_dir, "comparison_naming")
        if compared is not None and len(compared):
            per = compared[(compared["group_by"] == "outlet") & (compared["actor"] == actor) & (compared["n_mentions"] > 0)]
            shares = []
            for outlet, g in per.groupby("group"):
                top = g.sort_values(["share", "variant"], ascending=[False, True]).iloc[0]
                shares.append(f'{outlet} "{top["variant"]}" {_interval(top["share"], top["share_low"], top["share_high"])}')
            if len(shares) > 1:
                out.append(Finding(f"naming {actor} by outlet", f"{actor}'s most used name per outlet, share of its "
                                   f"mentions in a declared variant with a 95% interval over documents: {_list(shares)}."))
            tests = read_run_table(tables_dir, "comparison_naming_tests")
            if tests is not None:
                row = tests[(tests["group_by"] == "outlet") & (tests["actor"] == actor)]
                if len(row) and pd.notna(row.iloc[0]["cramers_v"]):
                    t = row.iloc[0]
                    verdict = ("The outlets name {a} differently" if t["p_permutation"] < 0.05
                               else "The outlets' naming of {a} does not differ clearly").format(a=actor)
                    out.append(Finding(f"naming {actor} test", f"{verdict}: Cramér's V {t['cramers_v']:.2f}, document "
                                       f"permutation p = {t['p_permutation']:.3f} ({_n(t['n_permutations'])} permutations)."))
    return out


def voice_findings(tables_dir: Path) -> list[Finding]:
    """Whose statements are reported, how often in their own words, and how many speakers stay unknown."""
    voices = read_run_table(tables_dir, "voice_share")
    if voices is None or voices.empty:
        return [Finding("voices", "No reported statement was found.")]
    per = voices.groupby("speaker_actor")[["n_statements", "n_direct", "n_words"]].sum()
    per = per.sort_values(["n_statements"], ascending=False, kind="stable")
    total = int(per["n_statements"].sum())
    known = per.drop(index=[a for a in ("UNKNOWN",) if a in per.index])
    top = known.head(3)
    voices_text = _list([f"{a} {_n(n)} ({_pct(n, total)})" for a, n in zip(top.index, top["n_statements"])])
    out = [Finding("voices", f"{_n(total)} reported statements; the most reported speakers are {voices_text}.")]
    unknown = int(per["n_statements"].get("UNKNOWN", 0))
    out.append(Finding("unknown", f"{_n(unknown)} statement(s) ({_pct(unknown, total)}) have a speaker the tool "
                                  "could not tie to an actor."))
    direct = int(per["n_direct"].sum())
    out.append(Finding("direct", f"{_n(direct)} of them ({_pct(direct, total)}) quote the speaker's words directly."))
    return out


def cue_findings(tables_dir: Path) -> list[Finding]:
    """How the outlets commit to what they report: cue totals by category, and in whose voice."""
    cues = read_run_table(tables_dir, "cue_counts")
    if cues is None or cues.empty:
        return [Finding("cues", "No stance cue was found.")]
    by_cat = cues.groupby("category")["n_cues"].sum().sort_values(ascending=False)
    text = _list([f"{c} {_n(n)}" for c, n in by_cat.items()])
    out = [Finding("cues", f"Stance cues by category: {text}.")]
    outlet_voice = cues[cues["speaker_actor"] == "OUTLET"]
    for category in ("evaluative", "scare_quote", "so_called"):
        n_all = int(cues.loc[cues["category"] == category, "n_cues"].sum())
        if n_all:
            n_outlet = int(outlet_voice.loc[outlet_voice["category"] == category, "n_cues"].sum())
            out.append(Finding(f"{category} voice", f"{_n(n_outlet)} of the {_n(n_all)} {category.replace('_', ' ')} "
                                                    f"cues ({_pct(n_outlet, n_all)}) are in the outlet's own voice, "
                                                    "the rest inside reported statements."))
    return out


def network_findings(tables_dir: Path) -> list[Finding]:
    """Which actors are mentioned together most, which pairs are closest for their frequency, and the
    relations found between actors."""
    edges = read_run_table(tables_dir, "edges")
    out = []
    if edges is None or edges.empty:
        out.append(Finding("co-mentions", "No two actors are mentioned in the same sentence."))
    else:
        heavy = edges.sort_values(["weight", "source", "target"], ascending=[False, True, True]).iloc[0]
        out.append(Finding("co-mentions", f"{_n(len(edges))} actor pairs are mentioned in the same sentence; the most "
                                          f"frequent pair is {heavy['source']}–{heavy['target']} ({_n(heavy['weight'])} sentences)."))
        common = edges[edges["n_contexts"] >= 5] if (edges["n_contexts"] >= 5).any() else edges
        close = common.sort_values(["npmi", "source", "target"], ascending=[False, True, True]).iloc[0]
        out.append(Finding("association", f"Corrected for how often each actor appears (NPMI, pairs in at least "
                                          f"{_n(min(5, int(common['n_contexts'].min())))} sentences), the closest pair is "
                                          f"{close['source']}–{close['target']} ({close['npmi']:.2f})."))
    relations = read_run_table(tables_dir, "relations")
    if relations is not None and len(relations):
        from .relations import counted_rows

        kept, _ = counted_rows(relations)
        by_type = kept["relation"].value_counts()
        out.append(Finding("relations", "Relations between actors: " + _list([f"{r} {_n(n)}" for r, n in by_type.items()]) + "."))
    return out


def _half_score(half: str, n_gold: int, n_pred: int, tp: int) -> str:
    """Precision and recall of one half of a development gold, as the findings state them."""
    precision = f"{tp / n_pred:.2f}" if n_pred else "n/a"
    name = "second held-out set" if half == "holdout" else f"{half} half"
    if not n_gold:
        return f"{name} precision {precision}"
    return f"{name} precision {precision}, recall {tp / n_gold:.2f} ({_n(n_gold)} in the gold)"


def validation_findings(tables_dir: Path, gold_dir: Path | None = None, cue_gold_dir: Path | None = None
                        ) -> list[Finding]:
    """How far to trust the counts: the detectors against the development gold, tune and test halves."""
    from .dev_gold import CORE_ACTORS, DEV_HOLDOUT_DIR, score_dev_gold

    scores = score_dev_gold(Path(tables_dir), gold_dir)
    if gold_dir is None:  # the project's second held-out set, reported as its own "holdout" half
        holdout = score_dev_gold(Path(tables_dir), DEV_HOLDOUT_DIR, half="test")
        scores = pd.concat([scores, holdout.assign(half="holdout")], ignore_index=True) if len(holdout) else scores
    scores = scores[scores["n_gold"].notna()] if len(scores) else scores
    if scores.empty or not (scores["n_predicted"].fillna(0).sum() + scores["n_gold"].fillna(0).sum()):
        return [Finding("validation", "The development gold's articles are not in this corpus: no out-of-sample score.")]
    out = []
    for layer, by, what in (("mentions", "actor", "actor mentions of the five core actors"),
                            ("statements", "speaker_actor", "statements with a core actor as speaker")):
        parts = []
        for half in ("tune", "test", "holdout"):
            rows = scores[(scores["half"] == half) & (scores["layer"] == layer) & (scores["by"] == by)
                          & scores["group"].isin(CORE_ACTORS)]
            n_gold, n_pred, tp = (int(rows[c].sum()) for c in ("n_gold", "n_predicted", "tp"))
            if n_gold or n_pred:
                parts.append(_half_score(half, n_gold, n_pred, tp))
        if parts:
            out.append(Finding(f"validation {layer}", f"Out of sample, {what}: {'; '.join(parts)} (tuned on the tune "
                                                      "half only; notebook 05 has the per-actor tables)."))
    return (out + cue_relation_validation_findings(tables_dir, cue_gold_dir)) or [
        Finding("validation", "No development gold to score against.")]


def cue_relation_validation_findings(tables_dir: Path, gold_dir: Path | None = None) -> list[Finding]:
    """The cue and relation detectors against their development gold, per half: pooled precision and
    recall, and the cue category with the lowest precision (the one to read with most care)."""
    from .cue_relation_gold import score

    scores = score(Path(tables_dir), gold_dir)
    if scores.empty:
        return []
    out = []
    for layer, by, what in (("cues", "category", "stance cues (hedges, boosters, evaluative terms, quotation "
                                                 "kinds, distancing verbs)"),
                            ("relations", "relation", "relations between actors (attack, support, coordinate, "
                                                      "oppose)")):
        parts = []
        for half in ("tune", "test"):
            rows = scores[(scores["half"] == half) & (scores["layer"] == layer) & (scores["by"] == by)]
            pooled = rows[rows["group"] == "ALL"]
            if pooled.empty or not int(pooled["n_gold"].iloc[0]):
                continue
            text = _half_score(half, *(int(pooled[c].iloc[0]) for c in ("n_gold", "n_predicted", "tp")))
            labels = rows[(rows["group"] != "ALL") & (rows["n_predicted"] >= 5)]
            if len(labels):
                worst = labels.sort_values(["precision", "group"]).iloc[0]
                text += f", lowest precision {str(worst['group']).replace('_', ' ')} {worst['precision']:.2f}"
            parts.append(text)
        if parts:
            out.append(Finding(f"validation {layer}", f"Out of sample, {what}: {'; '.join(parts)} (tuned on the "
                                                      "tune half only; notebook 05 has the per-category tables)."))
    return out


def all_findings(tables_dir: Path) -> dict[str, list[Finding]]:
    """Every passage, by section, for the README's findings."""
    return {
        "The corpus": corpus_findings(tables_dir),
        "Who is mentioned": mention_findings(tables_dir),
        "How they are named": naming_findings(tables_dir),
        "Whose voices are heard": voice_findings(tables_dir),
        "How far the outlets commit": cue_findings(tables_dir),
        "Who is mentioned with whom": network_findings(tables_dir),
        "How far to trust the counts": validation_findings(tables_dir),
    }


#: The lines between which a Markdown file (the README) holds the generated findings.
START_MARKER = "<!-- findings: generated by `analysis findings --readme README.md`; do not edit by hand -->"
END_MARKER = "<!-- end of findings -->"


def findings_markdown(tables_dir: Path) -> str:
    """Every passage under its heading, as Markdown."""
    parts = []
    for heading, items in all_findings(Path(tables_dir)).items():
        parts.append(f"**{heading}.**\n\n{as_markdown(items)}\n")
    return "\n".join(parts)


def write_into(path: Path, markdown: str) -> bool:
    """Replace what stands between the findings markers of ``path`` (the markers must be there); True when
    the file changed. Written only when the text differs, so a rebuild leaves the file's bytes alone."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if START_MARKER not in text or END_MARKER not in text:
        from .errors import ConfigurationError

        raise ConfigurationError(f"{path}: no findings markers; expected a line {START_MARKER!r} and a line "
                                 f"{END_MARKER!r} around the generated findings")
    head, rest = text.split(START_MARKER, 1)
    _, tail = rest.split(END_MARKER, 1)
    new = f"{head}{START_MARKER}\n{markdown.rstrip()}\n{END_MARKER}{tail}"
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def show(*passages: list[Finding]) -> "object":
    """The passages as one Markdown block for a notebook cell (computed, so it states this corpus's findings)."""
    from IPython.display import Markdown

    return Markdown("\n".join(as_markdown(p) for p in passages))
