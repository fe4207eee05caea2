"""Publication date: parse every candidate with dateutil, prefer the most trusted; never a clock or a guess."""
from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlparse

from dateutil import parser as dateutil_parser

from pipeline.metadata.ranking import Option, best_option, line_distance
from pipeline.page import Candidate, Page
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
FOREIGN_BY_NUMBER = dict(enumerate(MONTH_NAMES, start=1))
FOREIGN_DATE = rf"\d{{1,2}}\.?\s+(?:de\s+)?(?:{'|'.join(FOREIGN_MONTH)})\s+(?:de\s+)?\d{{4}}"   # 30 avril 2015, 3. März 2019
FOREIGN_PARTS = re.compile(rf"(\d{{1,2}})\.?\s+(?:de\s+)?({'|'.join(FOREIGN_MONTH)})\s+(?:de\s+)?(\d{{4}})", re.I)
GLUED_AFTER_WORD = r"(?<=[^\W\d_])(?=\d{4}[-/]\d)"   # a year-first date a text browser ran into the label before it
NOT_IN_A_NUMBER = r"(?!\d|/\d)"   # nor in a path: '2025/Wellness' ends a date, '2019/04/11/' is an address's
DATE_IN_TEXT = re.compile(   # (?=[...]) holds the phrases' first characters: most places are passed over at once
    rf"(?=[\dadfjmnostw])(?:(?:(?<![\w/.])|{GLUED_AFTER_WORD}){DATE_PHRASE}{NOT_IN_A_NUMBER}|{CJK_DATE}"
    rf"|(?<![\w/.])(?:{SHORT_DATES}){NOT_IN_A_NUMBER}|(?<![\w/.]){FOREIGN_DATE}{NOT_IN_A_NUMBER})", re.I)
TIME_IN_TEXT = re.compile(rf"(?=\d)(?:(?<![\w:.]){TIME})", re.I)   # every clock time starts with a digit
PUBLISHED_MARK = re.compile(r"\b(?:first )?published\b", re.I)
DOTTED_CLOCK = re.compile(r"\b(\d{1,2})\.(\d{2})(?=\s*(?:[ap]\.?m\b|[A-Z]{2,4}\b|$))", re.I)
DOTTED_DAY_FIRST = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")   # 15.05.2020: day first wherever dots are used
DOTTED_ISO = re.compile(r"\b(\d{4})\.(\d{1,2})\.(\d{1,2})\b")
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_-]|\.html?|$)")
URL_WEIGHT = 1.2   # a date in the story's address: above trafilatura's guess, below the page's own marks
MODEL = "date"
MIDDAY = 12
LABEL_REACH = 40   # characters before a printed date that may label it ('Last updated: ')
UPDATE_LABEL = re.compile(r"\b(?:last )?(?:updated|modified|revised)\b", re.I)
PUBLISHED_LABEL = re.compile(r"\b(?:published|posted)\b", re.I)
MAX_DAYS = 400
MONTH_NAMES_EN = (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
                  ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
                  ("october", "oct"), ("november", "nov"), ("december", "dec"))
ORIGIN_KINDS = (("JSON-LD", "jsonld"), ("meta article:published_time", "og"), ("meta og:", "og"), ("meta ", "meta"),
                ("itemprop", "itemprop"), ("<time", "time"), ("date element", "element"),
                ("date by the headline", "by_headline"), ("date in the URL", "url"), ("trafilatura date", "htmldate"),
                ("byline line", "byline"), ("'published on' line", "published_on"),
                ("date in the title line", "title_line"), ("date line", "wide"))
SOURCE_KINDS = ("jsonld", "og", "meta", "itemprop", "time", "element", "by_headline", "url", "htmldate", "byline",
                "published_on", "title_line", "wide", "other")
FEATURES = (*(f"from_{kind}" for kind in SOURCE_KINDS), "weight", "weight_rank", "sources", "kinds", "has_time",
            "utc_only", "zoned", "first_of_month", "days_to_latest", "days_to_earliest", "options", "url_gap", "text",
            "distance")
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
            parsed = parse_text(cleaned, datetime(1, 1, 1))
            if parsed.date() != parse_text(cleaned, datetime(1, 2, 2)).date():
                return None   # no day or no month in it ('2021', 'March 2021'): no publication day
    except (ValueError, OverflowError, TypeError):
        return None
    now = now or datetime.now(timezone.utc)
    aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    if parsed.year < EARLIEST_YEAR or aware > now + timedelta(days=1):
        return None
    day = parsed.date().isoformat()
    with_time = "T" in value or HAS_TIME.search(DATE_IN_TEXT.sub(" ", value))
    return day, parsed.isoformat() if with_time else None


def parse_text(text: str, default: datetime) -> datetime:
    """dateutil's reading of a date in free text; the parts it does not find come from `default`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dateutil_parser.parse(text, fuzzy=True, default=default, tzinfos=ZONES,
                                     dayfirst=bool(DOTTED_DAY_FIRST.search(text)))


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


@dataclass
class Dated:
    """A published candidate read as a date: its day, its instant when it has a time, and how its zone is known."""

    candidate: Candidate
    day: date
    instant: datetime | None
    zone: str          # 'offset' (a zone other than UTC is given), 'utc', 'local' (no zone given) or 'day' (no time)


def dated(candidate: Candidate) -> Dated | None:
    parsed = parse_date(str(candidate.value))
    if parsed is None:
        return None
    day, stamp = date.fromisoformat(parsed[0]), parsed[1]
    if stamp is None:
        return Dated(candidate, day, None, "day")
    instant = datetime.fromisoformat(stamp)
    if instant.tzinfo is None:
        return Dated(candidate, day, instant, "local")
    return Dated(candidate, day, instant, "utc" if instant.utcoffset() == timedelta(0) else "offset")


def page_zone(page: Page, found: list[Dated]) -> timezone | None:
    """The publisher's zone, when a timestamp of the page (published or modified) gives one other than UTC:
    the most frequent such offset (the earliest of those, on a tie)."""
    stamps = found + [d for d in map(dated, page.candidates_for("modified")) if d]
    offsets = Counter(d.instant.utcoffset() for d in stamps if d.zone == "offset")
    if not offsets:
        return None
    return timezone(min(offsets, key=lambda offset: (-offsets[offset], offset)))


def in_publishers_day(found: list[Dated], zone: timezone | None) -> None:
    """A UTC timestamp's day is the publisher's: in the page's zone when one is known; else the day that a date
    without a time (the URL's, a visible one) or a time without a zone (the page's local clock) gives, when it is
    the day before (a UTC morning) or after."""
    days = {d.day for d in found if d.zone in ("day", "local") and source_kind(d.candidate) != "htmldate"}   # htmldate
    # reads the same tags: its day is no evidence of its own
    for d in found:
        if d.zone != "utc":
            continue
        if zone is not None:
            d.day = d.instant.astimezone(zone).date()
            continue
        nearby = d.day + timedelta(days=-1 if d.instant.hour < MIDDAY else 1)
        if nearby in days and d.day not in days:
            d.day = nearby


def attested(day: date, found: list[Dated], page: Page) -> bool:
    """Whether htmldate's day (from its search of the text) is a publication day: a first of the month (its fallback
    for a copyright line, a year or a month alone) only when another source gives that day or the page prints it in
    full; never a day the page prints only as its last update."""
    printed = [page.text[max(0, m.start() - LABEL_REACH):m.start()] for m in day_pattern(day).finditer(page.text)]
    if printed and all(UPDATE_LABEL.search(before) and not PUBLISHED_LABEL.search(before) for before in printed):
        return False
    return day.day != 1 or bool(printed) or sum(1 for d in found if d.day == day) > 1


def day_pattern(day: date) -> re.Pattern:
    """The day as pages print it: 2021-03-01, 01.03.2021, 3/1/2021, March 1st, 2021, 1 March 2021, 2021年3月1日."""
    months = "|".join(MONTH_NAMES_EN[day.month - 1] + FOREIGN_BY_NUMBER.get(day.month, ()))
    y, m, d = day.year, day.month, day.day
    return re.compile(rf"{y}[-/.]0?{m}[-/.]0?{d}\b|\b0?{d}[-/.]0?{m}[-/.]{y}|\b0?{m}/0?{d}/{y}"
                      rf"|\b(?:{months})\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}"
                      rf"|\b0?{d}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:{months})\.?,?\s+{y}|{y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日",
                      re.I)


def source_kind(candidate: Candidate) -> str:
    """Which kind of source a date candidate is (see SOURCE_KINDS)."""
    origin = candidate.origin
    for prefix, kind in ORIGIN_KINDS:
        if origin.startswith(prefix):
            return kind
    return "other"


def date_options(page: Page) -> list[Option]:
    """Every day the page's sources give (in the publisher's day), with what speaks for it."""
    found = [d for d in map(dated, page.candidates_for("published")) if d]
    in_publishers_day(found, page_zone(page, found))
    found = [d for d in found if source_kind(d.candidate) != "htmldate" or attested(d.day, found, page)]
    by_day: dict[date, list[Dated]] = {}
    for d in sorted(found, key=lambda d: -d.candidate.weight):
        by_day.setdefault(d.day, []).append(d)
    if not by_day:
        return []
    latest, earliest = max(by_day), min(by_day)
    url_day = next((d.day for d in found if source_kind(d.candidate) == "url"), None)
    ranked = sorted(by_day, key=lambda day: -by_day[day][0].candidate.weight)
    options = []
    for day, backers in by_day.items():
        kinds = {source_kind(d.candidate) for d in backers}
        stamped = [d for d in backers if d.instant is not None]
        features = {f"from_{kind}": 1.0 for kind in kinds}
        features.update(
            weight=backers[0].candidate.weight, weight_rank=float(ranked.index(day)), sources=float(len(backers)),
            kinds=float(len(kinds)), has_time=float(bool(stamped)),
            utc_only=float(bool(stamped) and all(d.zone == "utc" for d in stamped)),
            zoned=float(any(d.zone == "offset" for d in stamped)), first_of_month=float(day.day == 1),
            days_to_latest=float(min((latest - day).days, MAX_DAYS)), days_to_earliest=float(min((day - earliest).days, MAX_DAYS)),
            options=float(len(by_day)), url_gap=float(min(abs((day - url_day).days), MAX_DAYS)) if url_day else -1.0,
            text=float(page.format == "text"), distance=line_distance(page, [d.candidate.line for d in backers]))
        best = backers[0]
        origin = f"{best.candidate.origin}: {str(best.candidate.value)[:60]!r}"
        options.append(Option(day.isoformat(), origin, features, prior=best.candidate.weight,
                              detail=stamped[0].instant.isoformat() if stamped else None))
    return options


def choose_date(page: Page) -> None:
    options = date_options(page)
    page.options["date"] = options
    chosen = best_option(page, "date", MODEL, options, FEATURES)
    if chosen is None:
        page.values["date"] = page.values["published"] = None
        page.origins["date"] = ("no publication date found" if not page.candidates_for("published")
                                else "no candidate parsed as a date")
        return
    option, score = chosen
    page.values["date"], page.values["published"] = option.value, option.detail
    page.origins["date"] = f"{option.origin} (model {MODEL} {score:.2f})"
    page.origins["published"] = page.origins["date"] if option.detail else "the source gives no time"
