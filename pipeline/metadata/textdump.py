"""Metadata candidates from a text dump: the byline block under the headline, and agency credits."""
from __future__ import annotations

import re

from pipeline.metadata.outlet import known_outlets
from pipeline.page import Page
from pipeline.textutil import DATE_PHRASE, TIME

BYLINE_BLOCK_MAX = 10
DATE_IN_LINE = re.compile(rf"\b{DATE_PHRASE}", re.I)
TIME_IN_LINE = re.compile(rf"(?<![\w:]){TIME}", re.I)
BY_LINE = re.compile(r"^by:?\s+(.{2,150})$", re.I)
OUTLET_WORDS = r"(?:News(?: Agency| Service)?|Press|Agency|Times|Post|Herald|Journal|Tribune|Wire|Gazette|Daily|Telegraph|Chronicle)"
OUTLET_NAME = re.compile(rf"^(?:The )?[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){{0,3}} {OUTLET_WORDS}$")
DATELINE = re.compile(r"^([A-Z][A-Z .,'-]{1,40}?)(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?\s*(?:\(([A-Za-z][\w ]{1,30})\))?\s*(?:—|–|--?)\s")
END_CREDIT = re.compile(r"(?<=[.!?\"”])\s*\(([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3}|[A-Z]{2,6})\)$")
TAIL_CREDIT = re.compile(r"^(?:--|—|–)\s*([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})$")


def byline_block(page: Page) -> range:
    """Lines between the headline and the body's first prose line (a few more when they are adjacent)."""
    start = (page.headline_line + 1) if page.headline_line is not None else max(0, page.region[0] - 3)
    end = min(max(page.region[0], start), start + BYLINE_BLOCK_MAX)
    return range(start, end)


def known_outlet_names() -> set[str]:
    data = known_outlets()
    return set(data["agencies"]) | set(data["agencies"].values()) | set(data["domains"].values())


def add_byline_candidates(page: Page, block: range) -> None:
    known = known_outlet_names()
    date_seen = False
    for i in block:
        line = page.lines[i]
        where = f"byline line {line.no}"
        found = DATE_IN_LINE.search(line.text)
        if found and not date_seen:
            date_seen = True
            clock = TIME_IN_LINE.search(line.text[found.end():]) or next(
                (m for j in block if j > i for m in [TIME_IN_LINE.search(page.lines[j].text)] if m), None)
            page.add("published", f"{found.group(0)} {clock.group(0)}" if clock else found.group(0), where, 4.0)
        by = BY_LINE.match(line.text)
        if by:
            page.add("authors", by.group(1), where, 4.0)
        for part in re.split(r"\s*[,|·•]\s*", line.text):
            part = part.strip()
            if part in known or OUTLET_NAME.match(part):
                page.add("outlet", part, where, 4.0)


def add_credit_candidates(page: Page) -> None:
    body = [ln for ln in page.lines[page.region[0]:page.region[1]] if ln.original]
    if not body:
        return
    first, last = body[0], body[-1]
    dateline = DATELINE.match(first.text)
    if dateline:
        page.add("dateline", dateline.group(1).strip(" ,"), f"dateline line {first.no}", 3.0)
        if dateline.group(2):
            page.add("outlet", dateline.group(2), f"agency credit in dateline line {first.no}", 5.0)
    credit = END_CREDIT.search(last.original) or TAIL_CREDIT.match(last.original)
    if credit:
        page.add("outlet", credit.group(1), f"agency credit line {last.no}", 4.5)


def add_text_candidates(page: Page) -> None:
    if page.lines:
        add_byline_candidates(page, byline_block(page))
        add_credit_candidates(page)
