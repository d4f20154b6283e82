"""Outlets: the many spellings of one news outlet mapped to one canonical outlet with its attributes.

The mapping is data, ``src/analysis/lexicons/outlets.yaml`` (format and sources at its top). ``BBC``,
``bbc arabic`` and ``BBC Arabic`` fold to one key and are one outlet, ``bbc-arabic``, with its country,
ownership class and language service, so analyses can group by outlet or by ownership. A spelling the
file does not know is kept as written (``outlet_name`` = the spelling, attributes empty) and reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import schema

#: libyaml's loader when PyYAML has it (the same data, several times faster), else PyYAML's own.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["Outlet", "OutletCatalog", "load_outlets", "fold_outlet_name", "OWNERSHIP_CLASSES", "OUTLET_COLUMNS",
           "DEFAULT_OUTLETS"]

DEFAULT_OUTLETS = Path(__file__).parent / "lexicons" / "outlets.yaml"
OWNERSHIP_CLASSES = ("public broadcaster", "state-owned", "private")
#: Columns the documents table gets from the catalogue, in file order.
OUTLET_COLUMNS = schema.OUTLET_COLUMNS

_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
_MARKS = re.compile(r"[\u064b-\u065f\u0670]")
_NOT_WORD = re.compile(r"[\W_]+")
_WWW = re.compile(r"^(?:https?://)?www\.")


def fold_outlet_name(name: str) -> str:
    """The comparison key of a spelling: case, spacing, punctuation and Arabic letter variants folded."""
    text = unicodedata.normalize("NFKC", str(name)).casefold().strip()
    text = _WWW.sub("", text)
    text = _MARKS.sub("", text).translate(_ARABIC_FOLD)
    return _NOT_WORD.sub("", text)


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    country: str = ""
    ownership: str = ""
    owner: str = ""
    language_service: str = ""
    source: str = ""

    def columns(self) -> dict[str, str]:
        return {"outlet_id": self.id, "outlet_name": self.name, "outlet_country": self.country,
                "outlet_ownership": self.ownership, "outlet_language_service": self.language_service}


class OutletCatalog:
    """Canonical outlets by folded spelling."""

    def __init__(self, outlets: list[Outlet], aliases: dict[str, Outlet]):
        self.outlets = outlets
        self._by_key = aliases

    def lookup(self, spelling: str) -> Outlet | None:
        """The canonical outlet of a spelling, or None when the catalogue does not know it (or it is empty)."""
        key = fold_outlet_name(spelling or "")
        return self._by_key.get(key) if key else None

    def columns(self, spelling: str) -> tuple[dict[str, str], bool]:
        """(outlet columns for the documents table, known?). Unknown: the name as written, no attributes."""
        outlet = self.lookup(spelling)
        if outlet is not None:
            return outlet.columns(), True
        written = " ".join(str(spelling or "").split())
        return {"outlet_id": "", "outlet_name": written, "outlet_country": "", "outlet_ownership": "",
                "outlet_language_service": ""}, not written


def _parse(data: object, where: str) -> OutletCatalog:
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
        raise ValueError(f"{where}: expected a mapping with a list under 'outlets'")
    outlets: list[Outlet] = []
    keys: dict[str, Outlet] = {}
    for i, entry in enumerate(data["outlets"]):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise ValueError(f"{where}: outlet #{i + 1} needs an 'id' and a 'name'")
        ownership = str(entry.get("ownership") or "")
        if ownership and ownership not in OWNERSHIP_CLASSES:
            raise ValueError(f"{where}: outlet {entry['id']!r}: ownership {ownership!r} is not one of {OWNERSHIP_CLASSES}")
        outlet = Outlet(str(entry["id"]), str(entry["name"]), str(entry.get("country") or ""), ownership,
                        str(entry.get("owner") or ""), str(entry.get("language_service") or ""),
                        str(entry.get("source") or ""))
        outlets.append(outlet)
        for alias in [outlet.id, outlet.name, *(entry.get("aliases") or [])]:
            key = fold_outlet_name(str(alias))
            if not key:
                continue
            other = keys.get(key)
            if other is not None and other.id != outlet.id:
                raise ValueError(f"{where}: spelling {alias!r} names both {other.id!r} and {outlet.id!r}")
            keys[key] = outlet
    return OutletCatalog(outlets, keys)


@lru_cache(maxsize=4)
def load_outlets(path: str | Path | None = None) -> OutletCatalog:
    """The outlet catalogue from a YAML file (default: the packaged ``lexicons/outlets.yaml``)."""
    path = Path(path) if path is not None else DEFAULT_OUTLETS
    with path.open(encoding="utf-8") as fh:
        return _parse(yaml.load(fh, Loader=_YAML_LOADER), str(path))
