"""Headline: the best-weighted candidate, with site-name prefixes and suffixes removed."""
from __future__ import annotations

import re
from urllib.parse import urlparse

from pipeline.page import Page
from pipeline.textutil import fold

SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|«|·|•|/)\s+")


def strip_site_name(title: str, site_names: set[str]) -> str:
    """Drop a leading or trailing part that names the site ('Story | eHow' -> 'Story')."""
    parts = SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    folded = [fold(p) for p in parts]
    if folded[-1] in site_names or any(s and s in folded[-1].replace(" ", "") for s in site_names):
        return title[: title.rfind(parts[-1])].rstrip(" |-–—:»«·•/")
    if folded[0] in site_names:
        return title[len(parts[0]):].lstrip(" |-–—:»«·•/")
    return title


def site_names(page: Page) -> set[str]:
    names = {fold(str(c.value)) for c in page.candidates_for("outlet")}
    host = urlparse(page.url or "").hostname or ""
    if host:
        names.add(fold(host.removeprefix("www.").split(".")[0]))
    return {n for n in names if n}


def choose_headline(page: Page) -> None:
    candidates = page.candidates_for("headline")
    if not candidates:
        return
    support: dict[str, float] = {}
    for c in candidates:
        key = fold(str(c.value))
        support[key] = support.get(key, 0.0) + c.weight
    best = max(candidates, key=lambda c: (support[fold(str(c.value))], c.weight))
    title = " ".join(str(best.value).split())
    cleaned = strip_site_name(title, site_names(page)) if page.format == "html" else title
    page.values["headline"] = cleaned or title
    page.origins["headline"] = best.origin + (" (site name removed)" if cleaned != title else "")
