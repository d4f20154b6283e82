"""Score actor mentions against the development gold (data/gold/dev), one half at a time.

Gold: the first annotator of each batch (ann1, ann3) plus the adjudicator's decisions on the second
annotator's rows (keep adds the row, drop removes it). Predicted: `analysis run` over a folder holding the
half's texts as .txt files (doc_id = file stem). Matching: span overlap with the same actor, one-to-one,
per core actor and overall. `--errors` lists misses and false alarms (use it on the tune half only).

    .venv/bin/python scripts/score_dev_mentions.py --half tune [--errors]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "data" / "gold" / "dev"
TEXTS = Path("/work/annot/texts")
CORE = ("SDF", "US", "RUSSIA", "ISIS", "COALITION")
FIRST = {"ann1": "ann2", "ann3": "ann4"}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def half_docs(half: str) -> list[str]:
    return [r["doc_id"].split("/", 1)[1] for r in read_csv(DEV / "sample.csv") if half in ("all", r["half"])]


def locate(text: str, line: int, surface: str, occurrence: int) -> tuple[int, int]:
    lines = text.split("\n")
    base = sum(len(x) + 1 for x in lines[: line - 1])
    pos = -1
    for _ in range(occurrence):
        pos = lines[line - 1].find(surface, pos + 1)
        if pos < 0:
            raise ValueError(f"{surface!r} occurrence {occurrence} not on line {line}")
    return base + pos, base + pos + len(surface)


def gold(docs: list[str]) -> list[tuple[str, int, int, str, str]]:
    adj = [r for r in read_csv(DEV / "adjudication.csv") if r["layer"] == "mentions"]
    out = []
    for first, second in FIRST.items():
        rows = read_csv(DEV / "annotations" / first / "mentions.csv")
        seconds = read_csv(DEV / "annotations" / second / "mentions.csv")
        decided = {(r["doc_id"], r["line"], r["surface"]): r["decision"] for r in adj if r["annotator"] in (first, second)}
        chosen = [r for r in rows if decided.get((r["doc_id"], r["line"], r["surface"])) != "drop"]
        chosen += [r for r in seconds if decided.get((r["doc_id"], r["line"], r["surface"])) == "keep"
                   and not any(c["doc_id"] == r["doc_id"] and c["line"] == r["line"] and c["surface"] == r["surface"]
                               and c["occurrence"] == r["occurrence"] for c in rows)]
        for r in chosen:
            if r["doc_id"] not in docs or r["actor"] not in CORE:
                continue
            text = (TEXTS / f"{r['doc_id']}.txt").read_text(encoding="utf-8")
            s, e = locate(text, int(r["line"]), r["surface"], int(r["occurrence"]))
            out.append((r["doc_id"], s, e, r["actor"], r["surface"]))
    return out


def predicted(docs: list[str]) -> list[tuple[str, int, int, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp, "raw"), Path(tmp, "out")
        raw.mkdir()
        for d in docs:
            shutil.copy(TEXTS / f"{d}.txt", raw / f"{d}.txt")
        subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "analysis", "run", "--raw", str(raw), "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        rows = read_csv(out / "mentions.csv")
    return [(r["doc_id"], int(r["start"]), int(r["end"]), r["actor"], r["surface"]) for r in rows if r["actor"] in CORE]


def score(g, p):
    used = set()
    tp_g = set()
    by_doc = defaultdict(list)
    for j, x in enumerate(p):
        by_doc[(x[0], x[3])].append(j)
    for i, (d, s, e, a, _) in enumerate(g):
        for j in by_doc[(d, a)]:
            if j not in used and p[j][1] < e and s < p[j][2]:
                used.add(j)
                tp_g.add(i)
                break
    return tp_g, used


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", choices=("tune", "test", "all"), required=True)
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    if args.errors and args.half != "tune":
        sys.exit("errors are listed for the tune half only")
    docs = half_docs(args.half)
    g, p = gold(docs), predicted(docs)
    tp_g, tp_p = score(g, p)
    print(f"half={args.half} docs={len(docs)}")
    print(f"{'actor':10} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for actor in (*CORE, "ALL"):
        gi = [i for i, x in enumerate(g) if actor in ("ALL", x[3])]
        pj = [j for j, x in enumerate(p) if actor in ("ALL", x[3])]
        tg = sum(i in tp_g for i in gi)
        tq = sum(j in tp_p for j in pj)
        P = tq / len(pj) if pj else float("nan")
        R = tg / len(gi) if gi else float("nan")
        F = 2 * P * R / (P + R) if pj and gi and P + R else 0.0
        print(f"{actor:10} {len(gi):5d} {len(pj):5d} {P:6.3f} {R:6.3f} {F:6.3f}")
    if args.errors:
        for i, x in enumerate(g):
            if i not in tp_g:
                text = (TEXTS / f"{x[0]}.txt").read_text(encoding="utf-8")
                print("MISS", x[0], x[3], x[4], "|", text[max(0, x[1] - 40): x[2] + 40].replace("\n", " / "))
        for j, x in enumerate(p):
            if j not in tp_p:
                text = (TEXTS / f"{x[0]}.txt").read_text(encoding="utf-8")
                print("FP  ", x[0], x[3], x[4], "|", text[max(0, x[1] - 40): x[2] + 40].replace("\n", " / "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
