"""A seeded generator of Arabic news-like articles whose actor mentions are known exactly.

Real corpora are neither shareable at benchmark sizes nor annotated. The benchmark (``analysis bench``)
therefore composes articles from the sentence templates of ``lexicons/synth_templates.yaml``, filling
their actor slots with aliases of the actor lexicon (through :mod:`analysis.actors`' public loader) in
the forms real text has: with proclitics (و ف ب ل ك, the fused لل), between quotation marks, and with
orthographic noise that normalization undoes (bare alef, ه for ة, ى for ي, tatweel, short vowels, no-break
spaces). Every alias placed is recorded with its raw offsets, so the detector's precision and recall on
the generated text can be measured, and the same text serves to time the pipeline.

Determinism: document ``i`` depends only on ``(seed, i)``, the template bank and the lexicon, so the same
seed gives the same bytes, and a smaller corpus is a prefix of a larger one.

Output (a *corpus folder* the pipeline reads, plus gold beside it)::

    <dir>/corpus/part-00000.jsonl   JSON Lines shards of about ``shard_mb`` MB: {"id", "text", "outlet", "date"}
    <dir>/gold_mentions.csv         one row per generated mention (see GOLD_COLUMNS)
    <dir>/synth.json                manifest: seed, size, counts, hashes of lexicon and templates

JSON Lines rather than one file per article: a gigabyte of 2-3 kB files is slow to write, list and read
on many file systems; shards keep the reader's memory bounded (``iter_corpus`` reads a shard whole).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from . import schema
from .synth_bank import (
    TEMPLATES_PATH,
    GoldMention,
    SynthAlias,
    SynthDoc,
    SynthLexicon,
    TemplateBank,
    load_bank,
    load_synth_lexicon,
)
from .synth_render import iter_documents, stray_matches

log = logging.getLogger(__name__)

__all__ = [
    "SynthAlias",
    "GoldMention",
    "SynthDoc",
    "TemplateBank",
    "SynthCorpus",
    "load_bank",
    "SynthLexicon",
    "load_synth_lexicon",
    "iter_documents",
    "write_corpus",
    "ensure_corpus",
    "stray_matches",
    "GOLD_COLUMNS",
    "TEMPLATES_PATH",
]

GENERATOR_VERSION = 1
#: Columns of gold_mentions.csv: doc_id, raw start/end (text[start:end] == surface), the surface as
#: written (proclitic excluded), the actor code, component, alias (lexicon entry) and kind.
GOLD_COLUMNS = schema.SYNTHETIC_GOLD_MENTIONS.columns


@dataclass(frozen=True)
class SynthCorpus:
    """A generated corpus on disk and what it holds."""

    root: Path
    corpus_dir: Path  # what `analysis run --raw` reads
    gold_path: Path
    seed: int
    size_mb: float
    n_docs: int
    n_bytes: int  # UTF-8 bytes of article text (the denominator of every MB/s figure)
    n_mentions: int
    lexicon_sha256: str
    templates_sha256: str
    generator_version: int = GENERATOR_VERSION


def write_corpus(
    root: str | Path, *, size_mb: float, seed: int = 0, lexicon: SynthLexicon | None = None,
    bank: TemplateBank | None = None, shard_mb: float = 8.0, workers: int = 1,
) -> SynthCorpus:
    """Generate about ``size_mb`` MB (10^6 bytes of UTF-8 text) into ``root`` (replaced if it exists)."""
    if size_mb <= 0:
        raise ValueError("size_mb must be positive")
    lexicon = lexicon or load_synth_lexicon()
    bank = bank or load_bank()
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    tmp = root.with_name(f".{root.name}.partial")
    if tmp.exists():
        shutil.rmtree(tmp)
    corpus_dir = tmp / "corpus"
    corpus_dir.mkdir(parents=True)
    n_docs = n_bytes = n_mentions = 0
    shard_name, shard_fh = None, None
    with (tmp / "gold_mentions.csv").open("w", encoding="utf-8", newline="") as gold_fh:
        gold = csv.writer(gold_fh, lineterminator="\n")
        gold.writerow(GOLD_COLUMNS)
        for doc in iter_documents(seed=seed, lexicon=lexicon, bank=bank, n_bytes=int(size_mb * 1e6), shard_bytes=int(shard_mb * 1e6), workers=workers):
            name, rec_id = doc.doc_id.split("/")
            if name != shard_name:
                if shard_fh:
                    shard_fh.close()
                shard_name, shard_fh = name, (corpus_dir / f"{name}.jsonl").open("w", encoding="utf-8", newline="\n")
            record = {"id": rec_id, "text": doc.text, "outlet": "synth", "date": doc.date}
            shard_fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            for m in doc.mentions:
                gold.writerow([doc.doc_id, m.start, m.end, m.surface, m.actor, m.component, m.alias, m.kind])
            n_docs += 1
            n_bytes += len(doc.text.encode("utf-8"))
            n_mentions += len(doc.mentions)
    if shard_fh:
        shard_fh.close()
    corpus = SynthCorpus(
        root, root / "corpus", root / "gold_mentions.csv", seed, size_mb, n_docs, n_bytes, n_mentions,
        lexicon.sha256, bank.sha256,
    )
    manifest = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(corpus).items() if k not in ("root", "corpus_dir", "gold_path")}
    (tmp / "synth.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, root)
    log.info("generated %d documents, %.1f MB, %d gold mentions in %s", n_docs, n_bytes / 1e6, n_mentions, root)
    return corpus


def ensure_corpus(
    cache_dir: str | Path, *, size_mb: float, seed: int = 0, lexicon: SynthLexicon | None = None,
    bank: TemplateBank | None = None, workers: int = 1,
) -> SynthCorpus:
    """The corpus for (size, seed, lexicon, templates) under ``cache_dir``, generated only when missing."""
    lexicon = lexicon or load_synth_lexicon()
    bank = bank or load_bank()
    lex_sha = lexicon.sha256
    key = hashlib.sha256(f"{GENERATOR_VERSION}:{lex_sha}:{bank.sha256}".encode()).hexdigest()[:10]
    root = Path(cache_dir) / f"synth-{size_mb:g}mb-seed{seed}-{key}"
    manifest_path = root / "synth.json"
    if manifest_path.exists():
        m = json.loads(manifest_path.read_text(encoding="utf-8"))
        if m.get("lexicon_sha256") == lex_sha and m.get("templates_sha256") == bank.sha256 and m.get("generator_version") == GENERATOR_VERSION:
            log.info("reusing the generated corpus in %s", root)
            return SynthCorpus(
                root, root / "corpus", root / "gold_mentions.csv", m["seed"], m["size_mb"], m["n_docs"], m["n_bytes"],
                m["n_mentions"], m["lexicon_sha256"], m["templates_sha256"], m["generator_version"],
            )
    return write_corpus(root, size_mb=size_mb, seed=seed, lexicon=lexicon, bank=bank, workers=workers)
