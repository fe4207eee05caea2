"""Publication date: parse every candidate with dateutil, prefer the most trusted; never a clock or a guess."""
from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from urllib.parse import urlparse

from dateutil import parser as dateutil_parser

from pipeline.page import Page
from pipeline.textutil import DATE_PHRASE, DIGIT, TEXTS_REMEMBERED, TIME

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$")
CJK_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
CJK_PARTS = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
SHORT_DATES = r"\d{4}\.\d{1,2}\.\d{1,2}|\d{1,2}/\d{1,2}/\d{2}"   # 2019.04.21, 12/16/16
MONTH_NAMES = (   # French, German, Spanish, Italian, Portuguese month names, January first
    ("janvier", "januar", "enero", "gennaio", "janeiro"), ("février", "februar", "febrero", "febbraio", "fevereiro"),
    ("mars", "märz", "marzo", "março"), ("avril", "april", "abril", "aprile"), ("mai", "mayo", "maggio", "maio"),
    ("juin", "juni", "junio", "giugno", "junho"), ("juillet", "juli", "julio", "luglio", "julho"),
    ("août", "august", "agosto"), ("septembre", "september", "septiembre", "settembre", "setembro"),
    ("octobre", "oktober", "octubre", "ottobre", "outubro"), ("novembre", "november", "noviembre", "novembro"),
    ("décembre", "dezember", "diciembre", "dicembre", "dezembro"))
FOREIGN_MONTH = {name: number for number, names in enumerate(MONTH_NAMES, start=1) for name in names}
FOREIGN_DATE = rf"\d{{1,2}}\.?\s+(?:de\s+)?(?:{'|'.join(FOREIGN_MONTH)})\s+(?:de\s+)?\d{{4}}"   # 30 avril 2015, 3. März 2019
FOREIGN_PARTS = re.compile(rf"(\d{{1,2}})\.?\s+(?:de\s+)?({'|'.join(FOREIGN_MONTH)})\s+(?:de\s+)?(\d{{4}})", re.I)
DATE_IN_TEXT = re.compile(   # (?=[...]) holds the phrases' first characters: most places are passed over at once
    rf"(?=[\dadfjmnostw])(?:(?<![\w/.]){DATE_PHRASE}(?![\d/])|{CJK_DATE}|(?<![\w/.])(?:{SHORT_DATES})(?![\d/])"
    rf"|(?<![\w/.]){FOREIGN_DATE}(?![\d/]))", re.I)
TIME_IN_TEXT = re.compile(rf"(?=\d)(?:(?<![\w:.]){TIME})", re.I)   # every clock time starts with a digit
PUBLISHED_MARK = re.compile(r"\b(?:first )?published\b", re.I)
DOTTED_CLOCK = re.compile(r"\b(\d{1,2})\.(\d{2})(?=\s*(?:[ap]\.?m\b|[A-Z]{2,4}\b|$))", re.I)
DOTTED_DAY_FIRST = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")   # 15.05.2020: day first wherever dots are used
DOTTED_ISO = re.compile(r"\b(\d{4})\.(\d{1,2})\.(\d{1,2})\b")
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_-]|\.html?|$)")
URL_WEIGHT = 1.2   # a date in the story's address: above trafilatura's guess, below the page's own marks
EARLIEST_YEAR = 1990
MAX_DATE_CHARS = 60
HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}|\d\s*[ap]\.?m\b", re.I)
HOURS = {"UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5,
         "HKT": 8, "SGT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "EST": -5, "EDT": -4, "ET": -5,
         "CST": -6, "CDT": -5, "CT": -6, "MST": -7, "MDT": -6, "MT": -7, "PST": -8, "PDT": -7, "PT": -8}
ZONES = {name: timezone(timedelta(hours=h)) for name, h in HOURS.items()}


def parse_date(value: str, now: datetime | None = None) -> tuple[str, str | None] | None:
    """(YYYY-MM-DD, full timestamp or None) for a date string, or None when it is no plausible date."""
    value = CJK_PARTS.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", value.strip())
    value = DOTTED_ISO.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", value)
    value = FOREIGN_PARTS.sub(lambda m: f"{m[3]}-{FOREIGN_MONTH[m[2].lower()]:02d}-{int(m[1]):02d}", value)
    if len(value) > MAX_DATE_CHARS:   # a sentence or a whole tag: parse only the date phrase in it
        value = date_in_text(value) or ""
    if not value:
        return None
    try:
        if ISO.match(value):
            parsed = datetime.fromisoformat(value.replace(" ", "T", 1).replace("Z", "+00:00"))
        else:
            cleaned = DOTTED_CLOCK.sub(r"\1:\2", re.sub(r"\b([ap])\.\s?m\.?", r"\1m", value, flags=re.I))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed = dateutil_parser.parse(cleaned, fuzzy=True, default=datetime(1, 1, 1), tzinfos=ZONES,
                                               dayfirst=bool(DOTTED_DAY_FIRST.search(cleaned)))
    except (ValueError, OverflowError, TypeError):
        return None
    now = now or datetime.now(timezone.utc)
    aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    if parsed.year < EARLIEST_YEAR or aware > now + timedelta(days=1):
        return None
    day = parsed.date().isoformat()
    with_time = "T" in value or HAS_TIME.search(DATE_IN_TEXT.sub(" ", value))
    return day, parsed.isoformat() if with_time else None


def find_date(text: str) -> re.Match | None:
    """The first date phrase in the text; every one holds a digit, which is quick to look for."""
    return DATE_IN_TEXT.search(text) if DIGIT.search(text) else None


@lru_cache(maxsize=TEXTS_REMEMBERED)
def has_date(text: str) -> bool:
    """Whether a date phrase is in the text (asked of each byline line and of its neighbours)."""
    return find_date(text) is not None


def date_in_text(text: str, next_line: str = "") -> str | None:
    """The first date phrase in a line, with the clock time that follows it (on the line, or alone on the next)."""
    published = PUBLISHED_MARK.search(text)
    found = (published and DATE_IN_TEXT.search(text, published.end())) or find_date(text)
    if not found:
        return None
    clock = TIME_IN_TEXT.search(text, found.end())
    if clock and clock.start() - found.end() <= 12:
        return f"{found.group(0)} {clock.group(0)}"
    clock = None if has_date(next_line) else TIME_IN_TEXT.search(next_line)
    return f"{found.group(0)} {clock.group(0)}" if clock else found.group(0)


def add_url_date(page: Page) -> None:
    found = URL_DATE.search(urlparse(page.url or "").path)
    if found:
        page.add("published", "-".join(found.groups()), "date in the URL", URL_WEIGHT)


def choose_date(page: Page) -> None:
    ranked = sorted(page.candidates_for("published"), key=lambda c: -c.weight)
    for candidate in ranked:
        parsed = parse_date(str(candidate.value))
        if parsed:
            page.values["date"], page.values["published"] = parsed
            page.origins["date"] = f"{candidate.origin}: {str(candidate.value)[:60]!r}"
            page.origins["published"] = page.origins["date"] if page.values["published"] else "the source gives no time"
            return
    page.values["date"] = page.values["published"] = None
    page.origins["date"] = "no publication date found" if not ranked else "no candidate parsed as a date"
