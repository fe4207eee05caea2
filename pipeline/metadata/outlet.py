"""Outlet: the site or agency that published the story (og:site_name, JSON-LD, credits, known names)."""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import yaml

from pipeline.page import Page
from pipeline.textutil import fold

KNOWN = Path(__file__).with_name("outlets.yaml")
NOT_A_NAME = re.compile(r"^(?:@|https?:|www\.)|^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")  # handles, URLs, bare host names
TAGLINE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|:|·)\s+")
COMPANY_SUFFIX = re.compile(r",?\s+(?:Inc|LLC|Ltd|Limited|GmbH|Corp|Corporation|S\.A|AG|PLC|Pty|Pvt|Pte)\.?$", re.I)
KNOWN_DOMAIN_WEIGHT = 4.2   # a known publisher's name: over the page's own site-name tags (a section's 'U.S.'),
                            # under an agency's credit in the story
UNCLOSED_BRACKET = re.compile(r"\s*[(\[{][^)\]}]*$")       # 'Deutsche Welle (www.dw.com' -> 'Deutsche Welle'
HOST_ASIDE = re.compile(r"\s*[(\[](?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?[)\]]")   # 'Site (site.com)' -> 'Site'


@cache
def known_outlets() -> dict:
    return yaml.safe_load(KNOWN.read_text("utf-8"))


@cache
def known_outlet_names() -> frozenset[str]:
    """Every name outlets.yaml knows: agency short forms, their full names, the domains' outlets."""
    data = known_outlets()
    return frozenset([*data["agencies"], *data["agencies"].values(), *data["domains"].values()])


@cache
def folded_outlet_names() -> dict[str, str]:
    """Every known outlet name by its folded form, for comparing a line with them. Sorted, so that names
    folding alike ('DPA', 'dpa') give the same one on every run, whatever the string hash seed."""
    return {fold(name): name for name in sorted(known_outlet_names())}


def canonical_outlet(name: str) -> str:
    """Agency short forms as their usual names ('AP' -> 'Associated Press'); others unchanged."""
    return known_outlets()["agencies"].get(name.strip(), name.strip())


def host_of(url: str | None) -> str:
    return (urlparse(url or "").hostname or "").removeprefix("www.")


def outlet_from_url(url: str | None) -> str | None:
    host = host_of(url)
    domains = known_outlets()["domains"]
    while host:
        if host in domains:
            return domains[host]
        host = host.partition(".")[2]
    return None


def ascii_squash(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


def clean_outlet(name: str, host: str) -> str | None:
    """A usable outlet name: no handle or bare URL, no host name in brackets or unclosed bracket, no tagline after
    the name, no company suffix."""
    name = UNCLOSED_BRACKET.sub("", HOST_ASIDE.sub("", " ".join(name.split()))).strip()
    if not name or NOT_A_NAME.search(name):
        return None
    parts = TAGLINE_SEPARATOR.split(name)
    labels = {ascii_squash(label) for label in host.split(".") if len(label) > 3}
    matching = [p for p in parts if labels & {ascii_squash(p), ascii_squash(p.split(".")[0])}]
    if len(parts) > 1 and matching:
        name = matching[0]
    return COMPANY_SUFFIX.sub("", name).strip() or None


def add_known_domain(page: Page) -> None:
    page.add("outlet", outlet_from_url(page.url), "known domain", KNOWN_DOMAIN_WEIGHT)


def choose_outlet(page: Page) -> None:
    ranked = sorted(page.candidates_for("outlet"), key=lambda c: -c.weight)
    for candidate in ranked:
        name = clean_outlet(str(candidate.value), host_of(page.url))
        if name:
            page.values["outlet"] = canonical_outlet(name)
            page.origins["outlet"] = f"{candidate.origin}: {str(candidate.value)[:60]!r}"
            return
    page.values["outlet"] = None
    page.origins["outlet"] = "no outlet named"
