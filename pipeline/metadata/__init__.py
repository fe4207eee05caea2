"""Metadata: gather candidates for every field, then choose each value with its origin.

Headline: chosen where the article is located (pipeline.locate calls pipeline.metadata.headline and, for
text dumps, pipeline.metadata.title). Date, authors: learned models over their options (see
pipeline.metadata.ranking); outlet, dateline, language: hand-written rules over their candidates.
"""
from __future__ import annotations

from pipeline.metadata.authors import choose_authors
from pipeline.metadata.date import add_url_date, choose_date
from pipeline.metadata.language import choose_language
from pipeline.metadata.outlet import add_known_domain, choose_outlet
from pipeline.metadata.textdump import add_credit_candidates, add_text_candidates
from pipeline.page import Page


def gather_evidence(page: Page) -> None:
    """The candidates that need the located article (a text dump's byline block, a body's dateline) or the URL."""
    if page.format == "text":
        add_text_candidates(page)
    else:
        add_credit_candidates(page)
    add_url_date(page)
    add_known_domain(page)


def find_metadata(page: Page) -> None:
    gather_evidence(page)
    choose_date(page)
    choose_outlet(page)
    choose_authors(page)
    choose_best(page, "dateline")
    choose_language(page, "\n".join(line.text for line in page.kept_lines()))
    for field_name in ("date", "outlet", "authors"):
        if page.values.get(field_name):
            page.count(f"metadata:{field_name}")


def choose_best(page: Page, field_name: str) -> None:
    """The most trusted candidate as it stands (fields that need no parsing)."""
    ranked = sorted(page.candidates_for(field_name), key=lambda c: -c.weight)
    page.values[field_name] = str(ranked[0].value).strip() if ranked else None
    if ranked:
        page.origins[field_name] = ranked[0].origin
