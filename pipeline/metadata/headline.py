"""Headline: the title the page's sources agree on, without the site's name before or after it.

HTML pages offer several titles (JSON-LD headline, og:title, <title>, <h1>, ...): each candidate is
cleaned of site-name parts, then scores its own weight plus the weight of every other candidate
that says the same (a "Story | Site" <title> backs an <h1> "Story"). Text dumps have one title
line, chosen by the locator.
"""
from __future__ import annotations

import re
from urllib.parse import urlparse

from pipeline.page import Candidate, Page
from pipeline.textutil import fold

SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::?|»|«|·|•|/|_|~)\s+|\s*[|｜_·•：]\s*|(?<!\d):(?!\d)\s*")
SITE_PART_MAX_WORDS = 6
SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "ne", "or", "go", "edu"}
MIN_SITE_LABEL = 4
TRUSTED_OUTLET = 2.0  # outlet candidates at least this trusted name the site (not trafilatura's guess)


def squash(text: str) -> str:
    return re.sub(r"\W", "", fold(text))


def names_site(part: str, site_names: set[str]) -> bool:
    """The title part is the site's name ('eHow', 'The New Republic', 'Engadget')."""
    squashed = squash(part)
    if not squashed or len(part.split()) > SITE_PART_MAX_WORDS:
        return False
    return any(squashed == squash(n) or (len(n) >= MIN_SITE_LABEL and squash(n) in squashed)
               or (len(squashed) >= MIN_SITE_LABEL + 2 and squashed in squash(n)) for n in site_names)


def strip_site_name(title: str, site_names: set[str]) -> str:
    """Drop leading and trailing parts that name the site ('Story | eHow' -> 'Story')."""
    seps = [m.span() for m in SEPARATOR.finditer(title)]
    parts = list(zip([0] + [end for _, end in seps], [start for start, _ in seps] + [len(title)]))
    while len(parts) > 1 and names_site(title[slice(*parts[-1])], site_names):
        parts.pop()
    while len(parts) > 1 and names_site(title[slice(*parts[0])], site_names):
        parts.pop(0)
    return title[parts[0][0]:parts[-1][1]].strip()


def site_names(page: Page) -> set[str]:
    """Names the site goes by: outlet candidates and the main label of its host name."""
    names = {fold(str(c.value)) for c in page.candidates_for("outlet")
             if c.weight >= TRUSTED_OUTLET and len(str(c.value).split()) <= SITE_PART_MAX_WORDS}
    labels = (urlparse(page.url or "").hostname or "").split(".")
    if len(labels) >= 2:
        main = labels[-3] if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else labels[-2]
        names.add(main)
    return {n for n in names if n}


def agrees(other: str, value: str) -> bool:
    """`other` says `value`: equal, or `value` is its leading or trailing run of title parts."""
    if fold(other) == fold(value):
        return True
    parts = SEPARATOR.split(other)
    target = squash(value)
    return any(squash(" ".join(parts[:k])) == target or squash(" ".join(parts[k:])) == target
               for k in range(1, len(parts)))


def source_kind(candidate: Candidate) -> str:
    """Candidates of one kind (all meta tags, all <h1>s) count once when they agree: one CMS field feeds them."""
    return "metadata" if candidate.origin.startswith(("meta ", "JSON-LD")) else candidate.origin


def rank_titles(candidates: list[Candidate], names: set[str]) -> list[tuple[float, float, str, Candidate]]:
    """(support, weight, cleaned title, candidate), best first; titles that only name the site are out."""
    ranked = []
    for c in candidates:
        cleaned = strip_site_name(" ".join(str(c.value).split()), names)
        if not cleaned or any(squash(cleaned) == squash(n) for n in names):
            continue
        backers: dict[str, float] = {}
        for o in candidates:
            if agrees(" ".join(str(o.value).split()), cleaned):
                backers[source_kind(o)] = max(backers.get(source_kind(o), 0.0), o.weight)
        support = sum(backers.values())
        ranked.append((support, c.weight, cleaned, c))
    return sorted(ranked, key=lambda r: (-r[0], -r[1]))


def choose_headline(page: Page) -> None:
    candidates = page.candidates_for("headline")
    if not candidates:
        return
    if page.format != "html":
        best = max(candidates, key=lambda c: c.weight)
        page.values["headline"] = " ".join(str(best.value).split())
        page.origins["headline"] = best.origin
        return
    ranked = rank_titles(candidates, site_names(page))
    if ranked:
        support, _, cleaned, best = ranked[0]
        removed = " (site name removed)" if cleaned != " ".join(str(best.value).split()) else ""
        page.values["headline"] = cleaned
        page.origins["headline"] = f"{best.origin}{removed}, backed by sources weighing {support:g}"
