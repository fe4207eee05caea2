"""Publication date: parse every candidate, prefer the most trusted; never a clock or a guess."""
from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateutil_parser

from pipeline.page import Page

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$")
EARLIEST_YEAR = 1990
HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}|\d\s*[ap]\.?m\b", re.I)


def parse_date(value: str, now: datetime | None = None) -> tuple[str, str | None] | None:
    """(YYYY-MM-DD, full timestamp or None) for a date string, or None when it is no plausible date."""
    value = value.strip()
    if not value:
        return None
    try:
        if ISO.match(value):
            parsed = datetime.fromisoformat(value.replace(" ", "T", 1).replace("Z", "+00:00"))
        else:
            cleaned = re.sub(r"\b([ap])\.\s?m\.?", r"\1m", value, flags=re.I)
            parsed = dateutil_parser.parse(cleaned, fuzzy=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    now = now or datetime.now()
    if parsed.year < EARLIEST_YEAR or parsed.replace(tzinfo=None) > now:
        return None
    day = parsed.date().isoformat()
    with_time = "T" in value or HAS_TIME.search(value)
    return day, parsed.isoformat() if with_time else None


def choose_date(page: Page) -> None:
    ranked = sorted(page.candidates_for("published"), key=lambda c: -c.weight)
    for candidate in ranked:
        parsed = parse_date(str(candidate.value))
        if parsed:
            page.values["date"], page.values["published"] = parsed
            page.origins["date"] = candidate.origin
            return
    page.values["date"] = page.values["published"] = None
    page.origins["date"] = "no publication date found" if not ranked else "no candidate parsed as a date"
