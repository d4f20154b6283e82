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

__all__ = ["ACTOR_KEYWORDS", "CORE_ACTOR_KEYWORDS", "actors_named", "document_text", "draw_dev_sample"]

#: Keywords that make an article eligible: the five core actors' most common names (any spelling).
ACTOR_KEYWORDS: dict[str, re.Pattern[str]] = {
    "SDF": re.compile(r"قسد|سوريا الديمقراطية|سوريا الديموقراطية|وحدات حماية الشعب"),
    "ISIS": re.compile(r"داعش|تنظيم الدولة|الدولة الإسلامية"),
    "US": re.compile(r"الولايات المتحدة|واشنطن|أمريكي|أميركي"),
    "RUSSIA": re.compile(r"روسيا|روسي|موسكو"),
    "COALITION": re.compile(r"التحالف الدولي"),
}
CORE_ACTOR_KEYWORDS = re.compile("|".join(p.pattern for p in ACTOR_KEYWORDS.values()))


def actors_named(text: str) -> int:
    """How many of the core actors the text names by a plain keyword (relations need two)."""
    return sum(1 for pattern in ACTOR_KEYWORDS.values() if pattern.search(text))


def document_text(record: dict) -> str:
    """The text offsets point into for a JSON Lines article: the title as the first line, then the body."""
    title = (record.get("title") or "").strip()
    body = record.get("text") or ""
    return f"{title}\n{body}" if title else body


def draw_dev_sample(
    corpus: Path, *, per_outlet: int = 7, seed: int = 20261201, min_words: int = 60, max_words: int = 450,
    min_actors: int = 1, exclude: frozenset[str] = frozenset(), naming: tuple[str, ...] = (),
) -> list[dict]:
    """Rows ``doc_id, outlet, words, half`` of the drawn articles, in draw order per outlet.

    ``exclude`` keeps articles of an earlier gold set out, so that two sets never share a text;
    ``min_actors`` asks for articles naming at least that many core actors (relations need two);
    ``naming`` (actor codes of :data:`ACTOR_KEYWORDS`) asks for articles naming at least one of them, to
    draw tuning material for actors that a first draw holds too rarely.
    """
    unknown = [code for code in naming if code not in ACTOR_KEYWORDS]
    if unknown:
        raise ValueError(f"naming: not core actors: {unknown}")
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
            doc_id = f"{stem}/{record['id']}"
            if not (min_words <= words <= max_words) or doc_id in exclude or actors_named(text) < min_actors:
                continue
            if naming and not any(ACTOR_KEYWORDS[code].search(text) for code in naming):
                continue
            eligible[record["outlet"]].append({"doc_id": doc_id, "outlet": record["outlet"], "words": words})
    rng = random.Random(seed)
    rows: list[dict] = []
    for outlet in sorted(eligible):
        pool = sorted(eligible[outlet], key=lambda r: r["doc_id"])
        rows.extend(rng.sample(pool, min(per_outlet, len(pool))))
    halves = rng.sample(range(len(rows)), len(rows) // 2)
    for i, row in enumerate(rows):
        row["half"] = "tune" if i in halves else "test"
    return rows
