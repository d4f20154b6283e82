"""Score statement attribution against the development gold (data/gold/dev/), by half.

Gold: ann1 (batch 1) and ann3 (batch 2), with the adjudication applied (rows dropped from the base
annotator, rows kept from the other annotator added). Predicted: ``analysis run`` over the gold texts.
A predicted statement matches a gold one when its content overlaps the gold content in the same document
and the speaker actor is the same. Reports P/R per core speaker actor and overall (pooled over the five
core actors), quote-type accuracy on matched statements, and the UNKNOWN share of predicted statements.

    python scripts/score_attribution_dev.py --texts /work/annot/texts [--half tune|test|all] [--errors]
                                            [--actor-lexicon FILE]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "data" / "gold" / "dev"
CORE = ("SDF", "US", "RUSSIA", "ISIS", "COALITION")
EXTRA: list[str] = []  # further options for `analysis run` (--actor-lexicon FILE)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_gold() -> list[dict[str, str]]:
    base = {"ann1": _rows(DEV / "annotations" / "ann1" / "statements.csv"),
            "ann3": _rows(DEV / "annotations" / "ann3" / "statements.csv")}
    other = {"ann2": "ann1", "ann4": "ann3"}
    others = {a: _rows(DEV / "annotations" / a / "statements.csv") for a in other}
    adj = [r for r in _rows(DEV / "adjudication.csv") if r["layer"] == "statements"]
    gold = []
    for ann, rows in base.items():
        drops = {(r["doc_id"], r["line"], r["surface"]) for r in adj if r["annotator"] == ann and r["decision"] == "drop"}
        gold += [r for r in rows if (r["doc_id"], r["line"], r["content"]) not in drops]
    for ann, rows in others.items():
        keeps = {(r["doc_id"], r["line"], r["surface"]) for r in adj if r["annotator"] == ann and r["decision"] == "keep"}
        have = {(r["doc_id"], r["line"], r["content"]) for r in gold}
        gold += [r for r in rows if (r["doc_id"], r["line"], r["content"]) in keeps
                 and (r["doc_id"], r["line"], r["content"]) not in have]
    return gold


def locate(gold: list[dict[str, str]], texts: Path) -> list[dict]:
    out, cache = [], {}
    for r in gold:
        doc = r["doc_id"]
        if doc not in cache:
            cache[doc] = (texts / f"{doc}.txt").read_text(encoding="utf-8-sig")
        text = cache[doc]
        lines = text.split("\n")
        ln = int(r["line"]) - 1
        line_start = sum(len(x) + 1 for x in lines[:ln])
        content = r["content"].strip()
        i = lines[ln].find(content) if ln < len(lines) else -1
        if i < 0:  # fall back to the first and last words of the content within the line
            words = content.split()
            a = lines[ln].find(" ".join(words[:3])) if ln < len(lines) else -1
            b = lines[ln].rfind(" ".join(words[-2:])) if ln < len(lines) else -1
            if a < 0:
                print(f"  gold content not found: {doc}:{r['line']} {content[:40]}", file=sys.stderr)
                continue
            s, e = line_start + a, line_start + (b + len(" ".join(words[-2:])) if b > a else len(lines[ln]))
        else:
            s, e = line_start + i, line_start + i + len(content)
        out.append({**r, "start": s, "end": e})
    return out


def predict(texts: Path, docs: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        for d in docs:
            (raw / f"{d}.txt").symlink_to(texts / f"{d}.txt")
        subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "analysis", "run", "--raw", str(raw), "--out", str(out), *EXTRA],
                       check=True, capture_output=True)
        rows = _rows(out / "statements.csv")
    for r in rows:
        r["start"], r["end"] = int(r["start"]), int(r["end"])
    return rows


def score(gold: list[dict], pred: list[dict], docs: set[str], show_errors: bool, texts: Path) -> None:
    gold = [g for g in gold if g["doc_id"] in docs]
    pred = [p for p in pred if p["doc_id"] in docs]
    by_doc = defaultdict(list)
    for p in pred:
        by_doc[p["doc_id"]].append(p)
    gdoc = defaultdict(list)
    for g in gold:
        gdoc[g["doc_id"]].append(g)

    def overlaps(a, b):
        return a["start"] < b["end"] and b["start"] < a["end"]

    print(f"{'actor':10} {'P':>6} {'R':>6}  tp_p/pred  tp_g/gold")
    tot = Counter()
    for actor in CORE:
        ps = [p for p in pred if p["speaker_actor"] == actor]
        gs = [g for g in gold if g["speaker_actor"] == actor]
        tp_p = sum(any(overlaps(p, g) and g["speaker_actor"] == actor for g in gdoc[p["doc_id"]]) for p in ps)
        tp_g = sum(any(overlaps(p, g) and p["speaker_actor"] == actor for p in by_doc[g["doc_id"]]) for g in gs)
        tot.update(pred=len(ps), gold=len(gs), tp_p=tp_p, tp_g=tp_g)
        P = tp_p / len(ps) if ps else float("nan")
        R = tp_g / len(gs) if gs else float("nan")
        print(f"{actor:10} {P:6.2f} {R:6.2f}  {tp_p:3}/{len(ps):<3}    {tp_g:3}/{len(gs):<3}")
    P = tot["tp_p"] / tot["pred"] if tot["pred"] else float("nan")
    R = tot["tp_g"] / tot["gold"] if tot["gold"] else float("nan")
    print(f"{'core':10} {P:6.2f} {R:6.2f}  {tot['tp_p']:3}/{tot['pred']:<3}    {tot['tp_g']:3}/{tot['gold']:<3}")
    # all speakers: quote type on matched, found by overlap with any speaker
    matched = [(g, p) for g in gold for p in by_doc[g["doc_id"]] if overlaps(p, g) and p["speaker_actor"] == g["speaker_actor"]]
    ok = sum(g["quote_type"] == p["quote_type"] for g, p in matched)
    found = sum(any(overlaps(p, g) for p in by_doc[g["doc_id"]]) for g in gold)
    print(f"all speakers: gold {len(gold)}, content found {found}, speaker right {len({id(g) for g, _ in matched})};"
          f" quote type right on matched {ok}/{len(matched)} = {ok / max(len(matched), 1):.2f}")
    qt = Counter((g["quote_type"], p["quote_type"]) for g, p in matched)
    print("  quote type (gold, predicted):", dict(qt))
    unk = sum(p["speaker_actor"] == "UNKNOWN" for p in pred)
    print(f"predicted statements {len(pred)}, UNKNOWN {unk} = {unk / max(len(pred), 1):.2%};"
          f" gold UNKNOWN {sum(g['speaker_actor'] == 'UNKNOWN' for g in gold) / max(len(gold), 1):.2%}")
    print("predicted speakers:", Counter(p["speaker_actor"] for p in pred).most_common())
    if show_errors:
        cache = {}
        for g in gold:
            if g["speaker_actor"] not in CORE and not any(overlaps(p, g) for p in by_doc[g["doc_id"]]):
                pass
            ps = [p for p in by_doc[g["doc_id"]] if overlaps(p, g)]
            if g["speaker_actor"] in CORE and not any(p["speaker_actor"] == g["speaker_actor"] for p in ps):
                print(f"FN {g['doc_id']}:{g['line']} gold={g['speaker_actor']} [{g['speaker_surface']}] {g['verb']} {g['content'][:60]}"
                      f" | pred={[p['speaker_actor'] for p in ps]}")
        for p in pred:
            if p["speaker_actor"] in CORE:
                gs = [g for g in gdoc[p["doc_id"]] if overlaps(p, g)]
                if not any(g["speaker_actor"] == p["speaker_actor"] for g in gs):
                    text = cache.setdefault(p["doc_id"], (texts / f"{p['doc_id']}.txt").read_text(encoding="utf-8-sig"))
                    sp = text[int(p["speaker_start"]):int(p["speaker_end"])] if p["speaker_start"] else ""
                    print(f"FP {p['doc_id']} pred={p['speaker_actor']} [{sp}] {p['verb']} {text[p['start']:p['end']][:60]}"
                          f" | gold={[g['speaker_actor'] for g in gs]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=Path, default=Path("/work/annot/texts"))
    ap.add_argument("--half", choices=["tune", "test", "all"], default="tune")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--actor-lexicon", type=Path, default=None, help="an actor lexicon other than the packaged one")
    args = ap.parse_args()
    if args.actor_lexicon is not None:
        EXTRA.extend(["--actor-lexicon", str(args.actor_lexicon)])
    sample = _rows(DEV / "sample.csv")
    halves = {r["doc_id"].split("/", 1)[1]: r["half"] for r in sample}
    gold = locate(load_gold(), args.texts)
    halves_run = ["tune", "test"] if args.half == "all" else [args.half]
    docs = sorted(d for d, h in halves.items() if h in halves_run)
    pred = predict(args.texts, docs)
    for h in halves_run:
        print(f"=== {h} half ===")
        score(gold, pred, {d for d in docs if halves[d] == h}, args.errors and h == "tune", args.texts)


if __name__ == "__main__":
    main()
