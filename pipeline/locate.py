"""Locate the article in a page: the lines that hold the body, and the headline.

Text dumps: the hand-written scores find a run of lines and a title line (pipeline.textbody.hand), and
the text_lines model reads every line with them to choose the article's region (pipeline.textbody).
HTML: trafilatura already chose the body blocks; the headline comes from the page's candidates.
"""
from __future__ import annotations

import re

from pipeline.metadata.headline import choose_headline
from pipeline.page import Page
from pipeline.textbody import body_region
from pipeline.textbody.hand import below_title, first_paragraph, hand_region

FIRST_SENTENCE = re.compile(r".+?[.!?…。！？](?=\s|$)")


def locate_text(page: Page) -> None:
    hand = hand_region(page)
    start, end = body_region(page, hand)
    first = first_paragraph(page, hand.prose, start, end, hand.indent)
    page.headline_line = hand.headline
    page.region = (below_title(start, hand.headline, first), end)
    if hand.headline is not None:
        page.add("headline", page.lines[hand.headline].text, f"title line {page.lines[hand.headline].no}", 5.0)
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
