"""Locate the article in a page: the lines that hold the body, and the headline.

Text dumps: the hand-written scores find a run of lines and a title line (pipeline.textbody.hand), and
the text_lines model reads every line with them to choose the article's region (pipeline.textbody). When
the model moves the article away from the hand's run, the headline_text model chooses again among the
title lines over the model's region.
HTML: trafilatura already chose the body blocks; the headline comes from the page's candidates.
"""
from __future__ import annotations

import re

from pipeline.metadata.headline import choose_headline
from pipeline.metadata.title import headline_index
from pipeline.page import Page
from pipeline.textbody import body_region
from pipeline.textbody.hand import below_title, first_paragraph, hand_region

PARAGRAPHS_ABOVE_TITLE = 3   # the model's region starts this many prose lines above the hand's title: its own title is
                             # looked for (chosen by hand, once, over all five folds: not out of sample)
FIRST_SENTENCE = re.compile(r".+?[.!?…。！？](?=\s|$)")


def locate_text(page: Page) -> None:
    hand = hand_region(page)
    start, end = body_region(page, hand)
    first = first_paragraph(page, hand.prose, start, end, hand.indent)
    headline = hand.headline
    if first != hand.first or (headline is not None and sum(hand.prose[start:headline]) >= PARAGRAPHS_ABOVE_TITLE):
        # the model moved the article, or starts it paragraphs above the title line: its title is above them
        first = first_paragraph(page, hand.prose, start, end, hand.indent, any_indent=True)
        headline = headline_index(page, start, first, hand.indent)
    page.headline_line = headline
    page.region = (below_title(start, headline, first), end)
    if headline is not None:
        page.add("headline", page.lines[headline].text, f"title line {page.lines[headline].no}", 5.0)
    elif start < end:
        opening = page.lines[first]
        page.add("headline", first_sentence(opening.text), f"first sentence of line {opening.no} (no title line)", 0.5)


def first_sentence(text: str, max_words: int = 20) -> str:
    """The page's own opening words, to name an article whose dump has no title line (never made-up text)."""
    sentence = FIRST_SENTENCE.match(text)
    words = (sentence[0] if sentence else text).split()
    return " ".join(words[:max_words])


def locate(page: Page) -> None:
    if page.format == "text":
        locate_text(page)
    else:
        page.region = (0, len(page.lines))
    choose_headline(page)
