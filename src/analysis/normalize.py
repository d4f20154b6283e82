"""Arabic normalization that never loses its way back to the raw text.

Matching (actors, stance cues) runs on normalized text, but every number the project reports must be
auditable in the raw article. Every step here is a per-character rewrite, so the whole pipeline compiles
into one lookup table: normalizing a document is a vectorised table look-up plus a short loop over the
rare characters that expand (lam-alef ligatures and other presentation forms). The result carries an
offset map from each normalized character back to the raw character it came from.

Steps (each switchable in :class:`NormalizeConfig`, applied in this order to each character):

``presentation_forms``  Arabic Presentation Forms A/B (U+FB50-FDFF, U+FE70-FEFF), as in text copied out
                        of PDFs, to their base letters by NFKC; a lam-alef ligature becomes two letters;
                        fragments with no letter behind them (U+FE73 tail fragment) are dropped.
``controls``            zero-width (ZWSP, ZWNJ, ZWJ, word joiner, BOM) and bidi controls (LRM, RLM, ALM,
                        embeddings, overrides, isolates) removed.
``spaces``              NO-BREAK SPACE and the other Unicode space separators to U+0020.
``underscores``         ``_`` to a space, so hashtags (#قوات_سوريا_الديمقراطية) match multiword aliases.
``hashtags``            ``#`` removed, so a hashtag (فلاديمير #بوتين) is a word of its phrase: a name, an
                        argument of a relation, a speaker, like the same word without the mark.
``diacritics``          tashkeel (fathatan..sukun, superscript alef, Quranic marks) removed.
``tatweel``             kashida U+0640 removed.
``alef``                أ إ آ ٱ to ا.
``alef_maqsura``        ى to ي.
``ta_marbuta``          ة to ه.
``hamza_carriers``      ؤ to و and ئ to ي (off by default: the carriers are rarely misspelt in news).
``persian_letters``     Persian/Urdu ی ک ۀ ە to Arabic ي ك ه ه.
``digits``              Arabic-Indic and Eastern Arabic-Indic digits to ASCII 0-9.
``punctuation``         Arabic comma, semicolon, question mark and percent left as they are (segmentation
                        relies on them); kept here only as documentation, there is no step.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np

__all__ = ["NormalizeConfig", "Normalized", "normalize", "normalize_text", "STEPS"]

STEPS = (
    "presentation_forms",
    "controls",
    "spaces",
    "underscores",
    "hashtags",
    "diacritics",
    "tatweel",
    "alef",
    "alef_maqsura",
    "ta_marbuta",
    "hamza_carriers",
    "persian_letters",
    "digits",
)


@dataclass(frozen=True)
class NormalizeConfig:
    """Which normalization steps run. Frozen so it can key the compiled lookup table."""

    presentation_forms: bool = True
    controls: bool = True
    spaces: bool = True
    underscores: bool = True
    hashtags: bool = True
    diacritics: bool = True
    tatweel: bool = True
    alef: bool = True
    alef_maqsura: bool = True
    ta_marbuta: bool = True
    hamza_carriers: bool = False
    persian_letters: bool = True
    digits: bool = True

    @classmethod
    def from_dict(cls, options: dict[str, bool] | None) -> "NormalizeConfig":
        options = dict(options or {})
        known = {f.name for f in fields(cls)}
        unknown = set(options) - known
        if unknown:
            raise ValueError(f"unknown normalization step(s): {sorted(unknown)}; known: {sorted(known)}")
        return cls(**options)


_CONTROL_CHARS = set(
    "\u200b\u200c\u200d\u2060\ufeff"  # zero width space / non-joiner / joiner, word joiner, BOM
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
    "\u00ad"  # soft hyphen
)
_ALEF = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627", "\u0672": "\u0627", "\u0673": "\u0627"}
_PERSIAN = {"\u06cc": "\u064a", "\u06d2": "\u064a", "\u06a9": "\u0643", "\u06af": "\u0643", "\u06c0": "\u0647", "\u06d5": "\u0647", "\u06c1": "\u0647"}
_HAMZA_CARRIERS = {"\u0624": "\u0648", "\u0626": "\u064a"}


def _is_presentation_form(ch: str) -> bool:
    cp = ord(ch)
    return 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF and cp != 0xFEFF


def _is_diacritic(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x064B <= cp <= 0x065F  # harakat, shadda, sukun, hamza above/below marks
        or cp == 0x0670  # superscript alef
        or 0x0610 <= cp <= 0x061A  # honorifics and Quranic small signs
        or 0x06D6 <= cp <= 0x06ED  # Quranic annotation marks
        or 0x08D3 <= cp <= 0x08FF  # extended Arabic marks
    )


def _is_space(ch: str) -> bool:
    return ch != " " and (unicodedata.category(ch) == "Zs" or ch in "\u0085")


def _digit(ch: str) -> str | None:
    cp = ord(ch)
    if 0x0660 <= cp <= 0x0669:
        return chr(cp - 0x0660 + 0x30)
    if 0x06F0 <= cp <= 0x06F9:
        return chr(cp - 0x06F0 + 0x30)
    return None


def _step(name: str, ch: str) -> str:
    """Apply one named step to one character; returns the replacement (possibly empty or longer)."""
    if name == "presentation_forms":
        if not _is_presentation_form(ch):
            return ch
        base = unicodedata.normalize("NFKC", ch)
        return "" if base == ch else base  # a glyph fragment with no letter behind it (U+FE73) is dropped
    if name == "controls":
        return "" if ch in _CONTROL_CHARS else ch
    if name == "spaces":
        return " " if _is_space(ch) else ch
    if name == "underscores":
        return " " if ch == "_" else ch
    if name == "hashtags":
        return "" if ch in "#\uff03" else ch
    if name == "diacritics":
        return "" if _is_diacritic(ch) else ch
    if name == "tatweel":
        return "" if ch == "\u0640" else ch
    if name == "alef":
        return _ALEF.get(ch, ch)
    if name == "alef_maqsura":
        return "\u064a" if ch == "\u0649" else ch
    if name == "ta_marbuta":
        return "\u0647" if ch == "\u0629" else ch
    if name == "hamza_carriers":
        return _HAMZA_CARRIERS.get(ch, ch)
    if name == "persian_letters":
        return _PERSIAN.get(ch, ch)
    if name == "digits":
        return _digit(ch) or ch
    raise ValueError(f"unknown normalization step {name!r}")


def _apply_steps(config: NormalizeConfig, ch: str) -> str:
    out = ch
    for name in STEPS:
        if getattr(config, name):
            out = "".join(_step(name, c) for c in out)
    return out


def _fixpoint(config: NormalizeConfig, ch: str) -> str:
    """Apply the steps until nothing changes, so that normalization is idempotent by construction."""
    out = _apply_steps(config, ch)
    for _ in range(5):
        again = "".join(_apply_steps(config, c) for c in out)
        if again == out:
            return out
        out = again
    return out


_TABLE_SIZE = 0x10000  # every character any step touches is in the BMP; others map to themselves


@dataclass(frozen=True)
class _Table:
    single: np.ndarray  # uint32 code point each BMP character maps to (when it maps to one character)
    length: np.ndarray  # int8 number of output characters (0 = deleted, 1, or >1 = expansion)
    attach: np.ndarray  # bool: a deleted mark that belongs to the character before it (diacritic, tatweel)
    expansions: dict[int, str]


@lru_cache(maxsize=16)
def _table(config: NormalizeConfig) -> _Table:
    """The table of ``config``: built once per machine (it walks some 3,000 characters through every step,
    about 50 ms), then read from the compiled-lexicon cache (:mod:`analysis.lexicon.disk_cache`)."""
    from .lexicon.disk_cache import built

    return built("normalization", _build_table, config)


def _build_table(config: NormalizeConfig) -> _Table:
    single = np.arange(_TABLE_SIZE, dtype=np.uint32)
    length = np.ones(_TABLE_SIZE, dtype=np.int8)
    attach = np.zeros(_TABLE_SIZE, dtype=bool)
    expansions: dict[int, str] = {}
    candidates = (
        list(range(0x00A0, 0x00AE))
        + [0x0085, ord("_"), ord("#"), 0xFF03]
        + list(range(0x0600, 0x0700))
        + list(range(0x08A0, 0x0900))
        + list(range(0x2000, 0x2070))
        + [0x3000, 0x1680]
        + list(range(0xFB50, 0xFE00))
        + list(range(0xFE70, 0xFF00))
    )
    for cp in candidates:
        ch = chr(cp)
        out = _fixpoint(config, ch)
        if out == ch:
            continue
        length[cp] = len(out)
        if len(out) == 1:
            single[cp] = ord(out)
        elif len(out) == 0:
            attach[cp] = _is_diacritic(ch) or ch == "\u0640"
        else:
            expansions[cp] = out
    return _Table(single, length, attach, expansions)


@dataclass(frozen=True)
class Normalized:
    """Normalized text with its way back: ``raw[raw_start(i)]`` is where normalized character ``i`` came from."""

    text: str
    raw: str
    starts: np.ndarray  # int64, len(text): raw index of each normalized character
    ends: np.ndarray  # int64, len(text): raw index just after it, trailing deleted marks included

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span [start, end) to the raw span that produced it."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside normalized text of length {len(self.text)}")
        return int(self.starts[start]), int(self.ends[end - 1])

    def raw_spans(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised :meth:`raw_span` for many spans at once."""
        return self.starts[np.asarray(starts)], self.ends[np.asarray(ends) - 1]

    def norm_index(self, raw_index: int) -> int:
        """First normalized position at or after a raw position (for mapping raw boundaries forward)."""
        return int(np.searchsorted(self.starts, raw_index, side="left"))


_DEFAULT = NormalizeConfig()


def normalize(raw: str, config: NormalizeConfig | None = None) -> Normalized:
    """Normalize ``raw`` and keep the offset map."""
    table = _table(config or _DEFAULT)
    n = len(raw)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Normalized("", raw, empty, empty)
    codes = np.frombuffer(raw.encode("utf-32-le"), dtype=np.uint32)
    if int(codes.max()) < _TABLE_SIZE:  # the usual case: no astral characters, plain table look-ups
        lengths = table.length[codes].astype(np.int64)
        mapped = table.single[codes]
        attach = table.attach[codes]
    else:
        in_bmp = codes < _TABLE_SIZE
        idx = np.where(in_bmp, codes, 0)
        lengths = np.where(in_bmp, table.length[idx], 1).astype(np.int64)
        mapped = np.where(in_bmp, table.single[idx], codes)
        attach = np.where(in_bmp, table.attach[idx], False)

    # Raw end of each raw character: itself plus any directly following deleted marks (harakat, tatweel),
    # so that a span's raw text keeps the vowels written on its last letter.
    positions = np.arange(n, dtype=np.int64)
    if attach.any():
        # next_stop[i] = smallest j > i with attach[j] False (or n)
        stops = np.empty(n + 1, dtype=np.int64)
        stops[:n] = np.where(attach, n, positions)
        stops[n] = n
        raw_ends = np.minimum.accumulate(stops[::-1])[::-1][1:]
    else:
        raw_ends = positions + 1

    if (lengths == 1).all():
        text = mapped.astype("<u4").tobytes().decode("utf-32-le")
        return Normalized(text, raw, positions, raw_ends)

    starts = np.repeat(positions, lengths)
    ends = np.repeat(raw_ends, lengths)
    out_codes = np.repeat(mapped, lengths).astype(np.uint32)
    if table.expansions:
        expand_at = np.nonzero(lengths > 1)[0]
        if len(expand_at):
            offsets = np.cumsum(lengths) - lengths
            for i in expand_at:
                piece = table.expansions[int(codes[i])]
                out_codes[offsets[i] : offsets[i] + len(piece)] = [ord(c) for c in piece]
    text = out_codes.astype("<u4").tobytes().decode("utf-32-le")
    return Normalized(text, raw, starts, ends)


@lru_cache(maxsize=16)
def _translation(config: NormalizeConfig) -> dict[int, int | str | None]:
    """The compiled table as a ``str.translate`` map: deleted -> None, one character -> its code point,
    expansions -> their string; characters that map to themselves are left out."""
    table = _table(config)
    changed = np.nonzero((table.length != 1) | (table.single != np.arange(_TABLE_SIZE, dtype=np.uint32)))[0]
    mapping: dict[int, int | str | None] = {}
    for cp in changed.tolist():
        n = int(table.length[cp])
        mapping[cp] = None if n == 0 else int(table.single[cp]) if n == 1 else table.expansions[cp]
    return mapping


def normalize_text(raw: str, config: NormalizeConfig | None = None) -> str:
    """Normalized text only (for lexicon entries and queries, where no offsets are needed).

    Equal to ``normalize(raw, config).text`` (every step is a per-character rewrite), but one
    ``str.translate`` call instead of the numpy offset map: it runs per line, sentence and mention.
    """
    return raw.translate(_translation(config or _DEFAULT))
