"""Outlet: the site or agency that published the story (og:site_name, JSON-LD, credits, known names)."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import yaml

from pipeline.page import Page

KNOWN = Path(__file__).with_name("outlets.yaml")


@cache
def known_outlets() -> dict:
    return yaml.safe_load(KNOWN.read_text("utf-8"))


def canonical_outlet(name: str) -> str:
    """Agency short forms as their usual names ('AP' -> 'Associated Press'); others unchanged."""
    return known_outlets()["agencies"].get(name.strip(), name.strip())


def outlet_from_url(url: str | None) -> str | None:
    host = (urlparse(url or "").hostname or "").removeprefix("www.")
    domains = known_outlets()["domains"]
    while host:
        if host in domains:
            return domains[host]
        host = host.partition(".")[2]
    return None


def choose_outlet(page: Page) -> None:
    from_url = outlet_from_url(page.url)
    if from_url:
        page.add("outlet", from_url, "known domain", 3.5)
    ranked = sorted(page.candidates_for("outlet"), key=lambda c: -c.weight)
    for candidate in ranked:
        name = " ".join(str(candidate.value).split())
        if name and not name.startswith(("@", "http")) and "." not in name.split()[-1]:
            page.values["outlet"] = canonical_outlet(name)
            page.origins["outlet"] = candidate.origin
            return
    page.values["outlet"] = None
    page.origins["outlet"] = "no outlet named"
