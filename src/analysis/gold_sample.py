"""The seeded, outlet-stratified draw of development-gold articles from a JSON Lines corpus.

The draw is made before any rule is tuned and is reproducible from the corpus file alone: articles are
eligible when their text names one of the core actors by a plain keyword (independent of the detectors
being measured), is not an exact copy of an earlier article, and is of a length a person can annotate
in one sitting. Each drawn article is assigned to the tuning half or the held-back half by a second
seeded draw.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import defaultdict
from pathlib import Path

__all__ = ["CORE_ACTOR_KEYWORDS", "document_text", "draw_dev_sample"]

#: Keywords that make an article eligible: the five core actors' most common names (any spelling).
CORE_ACTOR_KEYWORDS = re.compile(
    r"قسد|سوريا الديمقراطية|سوريا الديموقراطية|وحدات حماية الشعب|داعش|تنظيم الدولة|الدولة الإسلامية"
    r"|الولايات المتحدة|واشنطن|أمريكي|أميركي|الأمريكي|روسيا|روسي|موسكو|التحالف الدولي"
)


def document_text(record: dict) -> str:
    """The text offsets point into for a JSON Lines article: the title as the first line, then the body."""
    title = (record.get("title") or "").strip()
    body = record.get("text") or ""
    return f"{title}\n{body}" if title else body


def draw_dev_sample(
    corpus: Path, *, per_outlet: int = 7, seed: int = 20261201, min_words: int = 60, max_words: int = 450
) -> list[dict]:
    """Rows ``doc_id, outlet, words, half`` of the drawn articles, in draw order per outlet."""
    eligible: dict[str, list[dict]] = defaultdict(list)
    seen: set[str] = set()
    stem = corpus.stem
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = document_text(record)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            words = len(text.split())
            if not (min_words <= words <= max_words) or not CORE_ACTOR_KEYWORDS.search(text):
                continue
            eligible[record["outlet"]].append({"doc_id": f"{stem}/{record['id']}", "outlet": record["outlet"], "words": words})
    rng = random.Random(seed)
    rows: list[dict] = []
    for outlet in sorted(eligible):
        pool = sorted(eligible[outlet], key=lambda r: r["doc_id"])
        rows.extend(rng.sample(pool, min(per_outlet, len(pool))))
    halves = rng.sample(range(len(rows)), len(rows) // 2)
    for i, row in enumerate(rows):
        row["half"] = "tune" if i in halves else "test"
    return rows
