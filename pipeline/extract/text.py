"""Text dumps: every non-blank line becomes a Line with the layout the dump kept."""
from __future__ import annotations

import re

from pipeline.page import Line, Page

BULLET = re.compile(r"^(?:[•·▪◦‣∙*+]|-(?=\s)|o(?=\s{2}))\s*")
NESTED_BULLET = re.compile(r"^o\s+(?=\S)")   # lynx marks a third-level list item "o Item"
NESTED_INDENT = 5
LYNX_APOSTROPHE = "\u02bc"   # lynx draws the typographic apostrophe (U+2019) as the modifier letter U+02BC
MAX_LINE = 20_000  # longer lines are cut: no article paragraph is this long, and rules stay fast


def text_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    blank = True
    for no, raw in enumerate(text.replace(LYNX_APOSTROPHE, "\u2019").split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        indent = len(raw) - len(raw.lstrip())
        bullet = BULLET.match(stripped) or (NESTED_BULLET.match(stripped) if indent >= NESTED_INDENT else None)
        content = stripped[bullet.end():] if bullet else stripped
        if not content:
            blank = True
            continue
        lines.append(Line(no=no, text=content[:MAX_LINE], indent=indent,
                          bullet=bool(bullet), blank_before=blank))
        blank = False
    return lines


def extract_text(page: Page) -> None:
    """The page's lines (already read by the page-type stage, when it ran)."""
    page.lines = page.lines or text_lines(page.text)
