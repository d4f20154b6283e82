"""Word sense from morphology: can the word after قد be a 3rd-person imperfect (a hedge) or only a perfect?

قد + imperfect (قد يكون) expresses possibility; قد + perfect (قد توقفت) asserts completion. The prefix
ي/ت alone cannot tell them apart for the perfects of the derived forms V and VI (توقف، تراجع، تمكنت),
which begin with ت too. The morphological analyser qalsadi (pure Python, its dictionaries ship in the
``arramooz-pysqlite`` wheel, nothing is downloaded at run time) lists every reading of a word; only the
readings of a 3rd person count in news. A word with a perfect reading and no imperfect one is a perfect.

qalsadi takes 5-10 ms a word, too slow for every word of a corpus, so it is asked only about the words that
follow قد, once per distinct word (cached). Without qalsadi installed the prefix rule alone decides.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

_THIRD_PERSON = frozenset({"هو", "هي", "هم", "هما", "هن"})


@lru_cache(maxsize=1)
def _analyser() -> Any:
    try:
        from qalsadi.analex import Analex  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - qalsadi is a declared dependency
        log.warning("qalsadi is not installed: قد + perfect is told from قد + imperfect by the prefix only")
        return None
    return Analex()


@lru_cache(maxsize=65536)
def verb_tenses(word: str) -> frozenset[str]:
    """``{"perfect", "imperfect"}`` readings of ``word`` as a 3rd-person verb (empty: none, or no analyser)."""
    analyser = _analyser()
    if analyser is None or not word:
        return frozenset()
    out = set()
    for reading in analyser.check_word(word):
        if not str(getattr(reading, "type", "")).startswith("Verb"):
            continue
        if getattr(reading, "pronoun", "") not in _THIRD_PERSON:
            continue
        tense = str(getattr(reading, "tense", ""))
        if tense.startswith("الماضي"):
            out.add("perfect")
        elif tense.startswith("المضارع"):
            out.add("imperfect")
    return frozenset(out)


def only_perfect(word: str) -> bool:
    """The word (as written, diacritics allowed) reads only as a 3rd-person perfect: قد توقفت, قد تمكنت."""
    return verb_tenses(word) == frozenset({"perfect"})
