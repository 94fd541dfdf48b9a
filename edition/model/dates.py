"""ISO 8601 dates at year, month or day precision, and ranges of them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def human(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"


@dataclass(frozen=True)
class DateSpan:
    """A single date (end is None) or a closed range."""

    start: PartialDate
    end: PartialDate | None = None

    def iso(self) -> str:
        return self.start.iso() if self.end is None else f"{self.start.iso()}/{self.end.iso()}"

    def sort_key(self) -> tuple:
        return (self.start.sort_key(), self.end.sort_key() if self.end else (0, 0, 0))

    def human(self) -> str:
        if self.end is None:
            return self.start.human()
        s, e = self.start, self.end
        if s.year == e.year and s.month and e.month and s.day and e.day:
            if s.month == e.month:
                return f"{s.day}–{e.day} {MONTHS[s.month - 1]} {s.year}"
            return f"{s.day} {MONTHS[s.month - 1]} – {e.human()}"
        if s.year == e.year and s.month and e.month and not s.day and not e.day:
            return f"{MONTHS[s.month - 1]}–{MONTHS[e.month - 1]} {s.year}"
        return f"{s.human()} – {e.human()}"


def parse_partial(text: str) -> PartialDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; ValueError says what is wrong."""
    match = _PART.match(text)
    if not match:
        raise ValueError(f"{text!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r} has no month {month}")
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{text!r} is impossible: {MONTHS[month - 1]} {year} has {last} days")
    return PartialDate(year, month, day)


def parse_span(text: str) -> DateSpan:
    """Parse a date or an ISO 8601 range `start/end` whose end is not before its start."""
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a date string; quote it")
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = parse_partial(first.strip()), parse_partial(last.strip())
        if end.sort_key() < start.sort_key():
            raise ValueError(f"range {text!r} ends before it starts")
        return DateSpan(start, end)
    return DateSpan(parse_partial(text.strip()))
