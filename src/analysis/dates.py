"""Publication dates as real corpora write them, parsed into one ISO column; what cannot be parsed is said.

Accepted forms, tried in this order:

* RFC 2822, as RSS feeds and the ANT corpus write them: ``Wed, 14 Feb 2018 11:29:19 GMT``,
  ``Thu, 08 Mar 2018 11:02:10 +0000`` (``email.utils.parsedate_to_datetime``);
* ISO 8601 dates and date-times: ``2018-02-14``, ``2018-02-14T11:29:19Z``, ``2018-02-14 11:29:19+03:00``
  (``datetime.fromisoformat``);
* ``YYYY/MM/DD`` and ``YYYY.MM.DD`` (year first is never ambiguous);
* ``DD/MM/YYYY`` (also with ``-`` or ``.``) only when the corpus declares the order, with
  ``slash_dates="day_first"`` (``analysis run --slash-dates day_first``) or ``"month_first"``: 03/04/2018 is
  the 3rd of April in Arabic and French usage and March 4th in American usage, so it is never guessed.

``date_iso`` is the calendar date *as published*, in the time zone the string gives (``Fri, 04 May 2018
23:30:00 +0400`` is 2018-05-04, not converted to UTC), because that is the day the outlet's readers saw.
``timestamp_utc`` (for ordering copies of an article) is the moment in UTC when a time is given.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Literal

__all__ = ["ParsedDate", "parse_date", "SlashDates", "SLASH_DATES"]

SlashDates = Literal["undeclared", "day_first", "month_first"]
SLASH_DATES: tuple[str, ...] = ("undeclared", "day_first", "month_first")

_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_RFC2822_HINT = re.compile(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}|\d{1,2}\s+[A-Za-z]{3}\s+\d{4}")


@dataclass(frozen=True)
class ParsedDate:
    """A date string read: ``iso`` (YYYY-MM-DD) or, when it could not be read, ``error`` (the reason)."""

    iso: str = ""
    timestamp_utc: str = ""  # ISO 8601 in UTC ('...Z') when the string gives a time, else ""
    form: str = ""  # 'rfc2822', 'iso8601', 'year_first', 'day_first', 'month_first'; '' when empty/failed
    error: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.iso)


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        return ""  # a time without a zone is not a moment: it orders nothing across outlets
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _checked(year: int, month: int, day: int, form: str, value: str) -> ParsedDate:
    try:
        return ParsedDate(date(year, month, day).isoformat(), "", form)
    except ValueError as exc:
        return ParsedDate(error=f"not a calendar date ({exc}): {value!r}")


def parse_date(value: object, *, slash_dates: SlashDates = "undeclared") -> ParsedDate:
    """Read one date string; never guesses: an ambiguous or unknown form gives ``ParsedDate(error=...)``.

    An empty value gives ``ParsedDate()`` (no date, no error: a missing date is not a parsing failure).
    """
    if slash_dates not in SLASH_DATES:
        raise ValueError(f"slash_dates must be one of {SLASH_DATES}, not {slash_dates!r}")
    if value is None:
        return ParsedDate()
    text = " ".join(str(value).split())
    if not text:
        return ParsedDate()
    if _RFC2822_HINT.match(text):
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError) as exc:
            return ParsedDate(error=f"looks like RFC 2822 but cannot be read ({exc}): {text!r}")
        return ParsedDate(moment.date().isoformat(), _utc(moment), "rfc2822")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        has_time = not re.fullmatch(r"\d{4}-?\d{2}-?\d{2}", text)
        return ParsedDate(moment.date().isoformat(), _utc(moment) if has_time else "", "iso8601")
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _checked(year, month, day, "year_first", text)
    match = _YEAR_LAST.fullmatch(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        if slash_dates == "undeclared":
            return ParsedDate(error=f"day/month order not declared (use --slash-dates day_first or month_first): {text!r}")
        day, month = (first, second) if slash_dates == "day_first" else (second, first)
        return _checked(year, month, day, slash_dates, text)
    return ParsedDate(error=f"unknown date form (expected RFC 2822, ISO 8601 or YYYY-MM-DD): {text!r}")
