"""The title line of a text dump: the best title-like line a little above the body's first paragraph.

A heading (lynx draws them at the left margin), a line whose text the page repeats (link header,
breadcrumb, share card), near the body. Lines that name the site or a person, UI labels, bylines
and lines a catalog pattern drops are not titles.
"""
from __future__ import annotations

import re
from functools import cache

from pipeline.metadata.textdump import names_site_or_person
from pipeline.page import Page
from pipeline.rules import Rule, catalog
from pipeline.textutil import is_date_only, is_link_header

HEADLINE_LOOKBACK = 25
MASTHEAD_OR_BYLINE_COST = 3.0
BYLINE = re.compile(r"^by\b|^(?:published|updated|posted)\b", re.I)
CONTROL = re.compile(r"^\W*(?:\(BUTTON\)|\[|IFRAME:|skip to|share|menu|search|close|sign in|log in|subscribe)", re.I)


def title_like(text: str) -> bool:
    words = len(text.split())
    ends_like_sentence = text.endswith((".", ",", ":")) and not text.endswith("...")
    return (1 <= words <= 30 and len(text) <= 250 and not ends_like_sentence
            and not is_date_only(text) and not BYLINE.search(text) and not CONTROL.search(text))


def headline_score(page: Page, i: int, start: int, indent: int | None, everything: str) -> float:
    """How much line i looks like the headline of a body that starts at line `start`."""
    line = page.lines[i]
    title = line.text.casefold()
    score = 1.0 - (start - i) / (HEADLINE_LOOKBACK + 1)
    if line.words >= 3:
        score += 1.0
    if indent is not None and line.indent < indent:
        score += 1.0            # a heading drawn left of (or centred far right of) the body
    if indent is not None and line.indent > indent + 20:
        score += 1.0
    if len(title) >= 12 and everything.count(title) > 1:
        score += 2.0
    if names_site_or_person(page, line.text):
        score -= MASTHEAD_OR_BYLINE_COST   # the site's name or the author's, not the story's title
    return score


def headline_index(page: Page, start: int, stop: int, indent: int | None) -> int | None:
    """The best title-like line from a little above the run's start down to its first body paragraph."""
    everything = page.text.casefold()
    options = [i for i in range(max(0, start - HEADLINE_LOOKBACK), stop)
               if not page.lines[i].bullet and title_like(page.lines[i].text)
               and not is_link_header(page.lines[i], i) and not is_furniture(page.lines[i].text)]
    if not options:
        return None
    return max(options, key=lambda i: (headline_score(page, i, stop, indent, everything), i))


def is_furniture(text: str) -> bool:
    """A line one of the catalog's line patterns drops (a label, a credit, a byline) is no headline."""
    return any(rule.action == "drop" and rule.matches(text) for rule in line_rules())


@cache
def line_rules() -> tuple[Rule, ...]:
    return tuple(rule for rule in catalog() if rule.patterns and rule.site is None and "text" in rule.formats)
