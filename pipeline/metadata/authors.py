"""Authors: names from the most trusted source that names a person, split, cleaned of roles and junk.

A source that only names the outlet ("AP"), a profile URL or a date names no person, and the next
most trusted source is asked instead.
"""
from __future__ import annotations

import re

from pipeline.metadata.outlet import folded_outlet_names
from pipeline.page import Page
from pipeline.textutil import MONTH, WEEKDAY, fold

SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\||/|·|•|\bund\b|\bet\b|\by\b)\s*", re.I)
BY = re.compile(r"^\s*(?:by|written by|words by|von|par|por)\s*:?\s+", re.I)
JUNK = re.compile(
    r"^(?:email the author|view (?:all )?(?:posts|articles|author archive)|follow(?: on \w+)?|more by.*|staff|"
    r"staff writer|contributor|editor|reporter|correspondent|admin|administrator|guest|anonymous|unknown|"
    rf"by|username|user|the|a|an|{MONTH}|{WEEKDAY}|\W*|.*\d.*|.*@.*|https?:.*|www\..*)$",
    re.I)
ROLE = re.compile(r",?\s*(?:\b(?:is an?|is the)\b.*|(?:staff writer|senior (?:writer|editor|reporter)|contributing "
                  r"(?:writer|editor)|special correspondent|correspondent|reporter|editor|columnist|contributor|"
                  r"photographer)\b.*)$", re.I)
TRAILING_DATE = re.compile(rf"(?:^|\s+)(?:(?:(?:last )?updated|published|posted|on)\b.*|(?:{WEEKDAY}|{MONTH})(?:\s+\d.*)?)$", re.I)
LOWERCASE_TAIL = re.compile(r"(?:\s+[a-zà-ÿ][\w'’-]*)+$")   # 'Aleš Vávra před' ('ago'), 'Authority control'
PARTICLES = {"de", "da", "del", "der", "van", "von", "la", "le", "bin", "al", "y", "di", "du", "dos"}
URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)
PROFILE_URL = re.compile(r"/(?:author|authors|profile|people|staff|editors|writers|contributors?)/([a-z]+(?:-[a-z]+){1,3})/?$")
COMPANY = re.compile(r"\b(?:Inc|LLC|Ltd|GmbH|Corp)\b\.?", re.I)
AGENCY_CODE = re.compile(r"^[A-Z]{2,5}$")
MAX_NAME_WORDS = 5


def without_trailing_outlet(name: str, outlets: set[str]) -> str:
    """'Joe Davidson Washington Post' -> 'Joe Davidson': a credit glued after the name."""
    words = name.split()
    for k in range(2, len(words) - 1):
        tail = fold(" ".join(words[k:]))
        if tail in outlets or f"the {tail}" in outlets:
            return " ".join(words[:k])
    return name


def clean_name(part: str) -> str:
    name = BY.sub("", part).strip(" .,:-–—()[]")
    if len(name.split()) > 2:
        name = TRAILING_DATE.sub("", name).strip(" .,:-–—")
    tail = LOWERCASE_TAIL.search(name)
    if tail and not set(tail.group(0).split()) <= PARTICLES:
        name = name[:tail.start()] if len(name[:tail.start()].split()) >= 2 else ""
    return undoubled(name)


def undoubled(name: str) -> str:
    """'Confreaks Confreaks' -> 'Confreaks': two links or images with one title, side by side."""
    words = name.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half and len(words) % 2 == 0 and words[:half] == words[half:] else name


def name_from_profile_url(url: str) -> str:
    """'https://site/profile/julia-carrie-wong' -> 'Julia Carrie Wong'."""
    return PROFILE_URL.search(url.strip()).group(1).replace("-", " ").title()


def clean_names(raw: str, outlets: set[str]) -> list[str]:
    """Person names in a byline value; roles, dates, outlets and agency codes dropped."""
    if URL.match(raw.split(",")[0]):
        return [name_from_profile_url(url) for url in raw.split(",") if PROFILE_URL.search(url.strip())]
    names: list[str] = []
    for part in SPLIT.split(ROLE.sub("", BY.sub("", raw.strip()))):
        name = without_trailing_outlet(clean_name(part), outlets)
        if (not name or JUNK.match(name) or len(name.split()) > MAX_NAME_WORDS or fold(name) in outlets
                or AGENCY_CODE.match(name) or COMPANY.search(name) or not re.search(r"\w", name)):
            continue
        if fold(name) not in map(fold, names):
            names.append(name)
    return names


def choose_authors(page: Page) -> None:
    outlets = {fold(str(c.value)) for c in page.candidates_for("outlet")} | folded_outlet_names().keys()
    if page.values.get("outlet"):
        outlets.add(fold(str(page.values["outlet"])))
    candidates = page.candidates_for("authors")
    page.values["authors"], page.origins["authors"] = [], "no author named"
    for weight in sorted({c.weight for c in candidates}, reverse=True):
        tier = [c for c in candidates if c.weight == weight]
        names: list[str] = []
        for c in tier:
            names += [n for n in clean_names(str(c.value), outlets) if fold(n) not in map(fold, names)]
        if names:
            page.values["authors"] = names
            page.origins["authors"] = f"{tier[0].origin}: {str(tier[0].value)[:60]!r}"
            return
    if candidates:
        page.origins["authors"] = "no candidate named a person: " + ", ".join(sorted({c.origin for c in candidates}))
