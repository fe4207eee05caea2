"""Metadata: gather candidates for date, outlet and authors, then choose each value with its origin."""
from __future__ import annotations

from pipeline.metadata.authors import choose_authors
from pipeline.metadata.date import choose_date
from pipeline.metadata.outlet import choose_outlet
from pipeline.metadata.textdump import add_text_candidates
from pipeline.page import Page


def find_metadata(page: Page) -> None:
    if page.format == "text":
        add_text_candidates(page)
    choose_date(page)
    choose_outlet(page)
    choose_authors(page)
    for field_name in ("dateline", "language"):
        choose_best(page, field_name)
    for field_name in ("date", "outlet", "authors"):
        if page.values.get(field_name):
            page.count(f"metadata:{field_name}")


def choose_best(page: Page, field_name: str) -> None:
    """The most trusted candidate as it stands (fields that need no parsing)."""
    ranked = sorted(page.candidates_for(field_name), key=lambda c: -c.weight)
    page.values[field_name] = str(ranked[0].value).strip() if ranked else None
    if ranked:
        page.origins[field_name] = ranked[0].origin
