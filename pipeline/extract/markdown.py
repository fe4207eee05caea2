"""Markdown dumps (html2text, markdownify and the readers that turn pages into Markdown) read as plain text.

A page saved as Markdown keeps its links' URLs ('[Ann Lee](/author/ann-lee)'), its pictures'
('![Harbour at dawn](/img/1.jpg)') and its marks of emphasis, headings and tables. None of that is
the page's text: each line keeps its words, the way a text browser would print it (a picture as
'[its alt text]', as lynx prints a picture that has no caption), and lines that only draw (a table's
rule, a code fence, a horizontal rule, a link's reference definition) go.

Lines are joined as Markdown joins them, not by the width they were wrapped at (a wrapper leaves long
URLs whole, so no width explains the breaks): a line goes on the paragraph, list item or heading above
it (html2text wraps headings too) unless a blank line, a hard break (two spaces or a backslash at the
end), or a line that starts a block of its own (heading, list item, quote, table row, code fence)
parts them. The lines take lynx's layout, which the text_lines model reads: headings at the margin,
the rest 3 columns in (list items with their own indentation on top).

A dump is read as Markdown when links, pictures and '#' headings make at least one line in ten of it
(a link or picture among them): a lynx or inscriptis dump of a page that quotes some Markdown stays
as it is.
"""
from __future__ import annotations

import re

MIN_MARKS = 3
TEXT_INDENT = "   "   # lynx prints text 3 columns in, headings at the margin
MARKS_PER_LINE = 0.1
INLINE_TARGET = r"\(\s*<?[^)\s>]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"   # (url "title")
LINK_OR_PICTURE = re.compile(r"\]" + INLINE_TARGET)
HEADING_LINE = re.compile(r"(?m)^ {0,3}#{1,6} \S.*\n[ \t]*$")   # with a blank line under it: a shell comment has none
PICTURE = re.compile(r"!\[([^\]]*)\]" + INLINE_TARGET)
LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]" + INLINE_TARGET)   # its text may hold a picture's
REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
STRONG = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1")
EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![\w*])"
                      r"|(?<![\w\\])_(?=[^\s_])([^_]+?)(?<=\S)_(?!\w)")
CODE = re.compile(r"`+([^`]+)`+")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")   # any ASCII punctuation may be escaped
BLOCK_START = re.compile(r"\s*(?:#{1,6}\s|[*+-]\s|\d{1,9}[.)]\s|>|\||```|~~~|(?:={3,}|-{3,})\s*$)|.*\s\|\s")
# a line that starts a block, or underlines a heading ('Title' over '=====')
FENCE = re.compile(r"\s*(?:```|~~~)")
HEADING = re.compile(r"^(\s*)#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
QUOTE = re.compile(r"^(\s*)(?:>\s?)+")
# a line that only draws: a code fence, a heading's underline, a reference definition, a table's rule, a horizontal rule
DRAWING = re.compile(r"\s*(?:(?:```|~~~).*|={3,}\s*|\[[^\]]+\]:\s*\S+.*"
                     r"|\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?|([-*_])(?:\s*\1){2,}\s*)")
TABLE_CELLS = re.compile(r"\s*\|\s*")


def is_markdown(text: str, lines: list[str]) -> bool:
    """Whether a dump (its text and its lines) is Markdown: links, pictures and '#' headings (over a blank line) make
    one line in ten, a link or picture among them."""
    links = len(LINK_OR_PICTURE.findall(text))
    if not links:
        return False
    marks = links + len(HEADING_LINE.findall(text))
    return marks >= MIN_MARKS and marks >= MARKS_PER_LINE * sum(1 for line in lines if line.strip())


def joined_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(number of its first line, line) for each line of a Markdown dump, the lines of a paragraph or list item
    joined."""
    joined: list[tuple[int, str]] = []
    open_block = in_code = False   # the last line may take the next one; inside a fenced code block
    for no, line in enumerate(lines, start=1):
        fence = FENCE.match(line) is not None
        in_code ^= fence
        if open_block and line.strip() and not BLOCK_START.match(line) and not in_code:
            head = joined[-1][1].rstrip()
            space = "" if head.rfind("](") > head.rfind(")") else " "   # a wrapper breaks a long URL where it likes
            joined[-1] = (joined[-1][0], head + space + line.strip())
        else:
            joined.append((no, line))
        stripped = line.rstrip()
        open_block = (bool(stripped) and not in_code and not fence and not line.endswith("  ")
                      and not stripped.endswith("\\") and not DRAWING.fullmatch(line))
    return joined


def plain_line(line: str) -> str:
    """One Markdown line as its words: '' for a line that only draws; the indentation and a list's marker kept."""
    if DRAWING.fullmatch(line):
        return ""
    heading = HEADING.match(line)
    line = heading[2] if heading else TEXT_INDENT + QUOTE.sub(r"\1", line)
    line = PICTURE.sub(lambda m: f"[{m[1].strip()}]" if m[1].strip() else "", line)
    line = LINK.sub(r"\1", line)
    line = REFERENCE_LINK.sub(r"\1", line)
    line = AUTOLINK.sub(r"\1", line)
    line = STRONG.sub(r"\2", line)
    line = EMPHASIS.sub(lambda m: m[1] or m[2], line)
    line = CODE.sub(r"\1", line)
    if line.count("|") >= 2:   # a table row: its cells apart, as a text browser spaces the columns
        cells = (cell for cell in TABLE_CELLS.split(line.strip()) if cell)
        line = line[:len(line) - len(line.lstrip())] + "   ".join(cells)
    return ESCAPED.sub(r"\1", line)
