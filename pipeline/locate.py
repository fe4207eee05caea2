"""Locate the article in a page: the run of lines that holds the body, and the headline line.

Text dumps: the body is the best-scoring run of prose lines (a maximum-sum segment where prose
lines score by their length and short lines cost a little); the headline is the title-like line
nearest above that run. HTML: trafilatura already chose the body blocks; the headline comes from
the page's candidates (see metadata.headline).
"""
from __future__ import annotations

import re

from pipeline.metadata.headline import choose_headline
from pipeline.page import Page
from pipeline.textutil import is_date_only, is_prose

SHORT_LINE_COST = 2.0
HEADLINE_LOOKBACK = 12
BYLINE = re.compile(r"^by\b|^(?:published|updated|posted)\b", re.I)


def line_score(text: str) -> float:
    words = len(text.split())
    if is_prose(text):
        return min(words, 80) / 10 + 1
    return -SHORT_LINE_COST


def best_run(scores: list[float]) -> tuple[int, int]:
    """[start, end) of the contiguous run with the largest sum (Kadane)."""
    best, best_span = float("-inf"), (0, 0)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def title_like(text: str) -> bool:
    words = len(text.split())
    ends_like_sentence = text.endswith((".", ",", ":")) and not text.endswith("...")
    return (3 <= words <= 30 and len(text) <= 250 and not ends_like_sentence
            and not is_date_only(text) and not BYLINE.search(text))


def headline_index(page: Page, start: int) -> int | None:
    for i in range(start - 1, max(-1, start - 1 - HEADLINE_LOOKBACK), -1):
        line = page.lines[i]
        if not line.bullet and title_like(line.text) and not is_prose_paragraph(line.text):
            return i
    return None


def is_prose_paragraph(text: str) -> bool:
    return len(text.split()) > 30


def locate_text(page: Page) -> None:
    start, end = best_run([line_score(ln.text) for ln in page.lines])
    page.headline_line = headline_index(page, start)
    if page.headline_line is None and start < end and title_like(page.lines[start].text):
        page.headline_line, start = start, start + 1
    page.region = (start, end)
    if page.headline_line is not None:
        page.add("headline", page.lines[page.headline_line].text, f"title line {page.lines[page.headline_line].no}", 5.0)


def locate(page: Page) -> None:
    if page.format == "text":
        locate_text(page)
    else:
        page.region = (0, len(page.lines))
    choose_headline(page)
