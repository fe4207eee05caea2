"""Text dumps: every non-blank line becomes a Line with the layout the dump kept.

A dump wrapped at a width (`lynx -dump page.html > page.txt` wraps at 80 columns) has its paragraphs
broken over several lines. Those lines are joined again first (`unwrap`), so that a Line is the
paragraph, list item or heading it was in the page however the page was dumped.

Some dumps print more than the page's text, and that goes once the lines are joined (`Markup`):
- lynx without -nolist numbers every link in the text ('By [16]Ann Lee') and lists their URLs after a
  'References' line at the end. The list is no part of the page and the numbers are no part of its
  text: both go (`link_list`, `without_link_numbers`), so that such a dump reads as the same page
  dumped with -nolist.
- A Markdown dump (html2text and the like) has its links' URLs, pictures' sources and marks of emphasis
  removed (pipeline.extract.markdown).
A dump that prints no blank line at all (the text of each element on a line of its own, as
BeautifulSoup's get_text("\n") gives it) marks no block: each line is a block of its own, and the text
of a link or an emphasis inside a sentence goes back on the sentence's line (`rejoined_inline`).
A dump made by taking the text of minified HTML as it is runs whole pages into one line: such a line
(GLUED_LINE characters or more) is read piece by piece, cut where one sentence ends glued to the next
(`unglued`); the pieces keep the line's number.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from pipeline.extract.markdown import is_markdown, joined_lines, plain_line
from pipeline.page import Line, Page
from pipeline.textutil import SENTENCE_END

BULLET = re.compile(r"^(?:[•·▪◦‣∙*+]|-(?=\s)|o(?=\s{2}))\s*")
NESTED_BULLET = re.compile(r"^o\s+(?=\S)")   # lynx marks a third-level list item "o Item"
NESTED_INDENT = 5
LYNX_APOSTROPHE = "\u02bc"   # lynx draws the typographic apostrophe (U+2019) as the modifier letter U+02BC
MAX_LINE = 20_000  # longer lines are cut: no article paragraph is this long, and rules stay fast
LINES_NAMED = 3    # cut lines named in the warning
ELEMENT_LINES = 10  # a dump of this many lines or more without a blank line prints each element's text on a line
SENTENCE_GOES_ON = re.compile(r"[^.!?:;\"\u201d\u2019)\]]\Z")      # a line that stops mid-sentence ...
CONTINUATION = re.compile(r"[a-z,.;:)!?'\u2019\u201d%]")          # ... and one that takes the sentence up again
GLUED_LINE = 1000  # characters: a line this long may be the text of many elements run together (a dump made
                   # by taking the text of minified HTML, where no white space parts the elements)
GLUED_SENTENCES = re.compile(r"(?<=\w\w[.!?])(?=[A-Z])|(?<=\w[.!?][\"\u201d\u2019)])(?=[A-Z])")
# where a sentence ends with the next glued to it: 'said.The', 'on."The'

# Wrapping. A wrapper ends a line where the next word does not fit; a word longer than a whole line
# is cut where the line is full. lynx fills text to 6 columns short of its width (74 of 80, 94 of
# 100), lets headings run a little further, and cuts preformatted lines at the width itself.
WRAP_MARGIN = 6
MIN_WRAPS = 8        # line breaks a width must explain before a dump is taken as wrapped at it
SENTENCE_TAIL = 4    # a sentence's end and the quotes and brackets after it
LONG_WORD = 20       # longer words are rare in prose (a URL, a run of CJK text)
WIDEST_WRAP = 400    # wider is no reading width: lynx -width=10000 still breaks lines near 1,000 characters
ITEM_MARKER = re.compile(r"(?:[•·▪◦‣∙*+#@o-]|\d{1,3}[.)]|[a-zA-Z][.)]|[ivxlcdmIVXLCDM]{1,6}[.)])\s")   # a list item's continuation lines start under its text
RULE_LINE = re.compile(r"_+")   # lynx draws a horizontal rule as a row of underscores

# lynx's link list: a 'References' line, then ' 12. https://...' a link a line (a URL may hold line breaks), under
# 'Visible links:' and 'Hidden links:' when the page has links that show no text (those have no number in the text).
LINK_LIST = "\nReferences\n"
LISTED_LINK = re.compile(r"\s*(\d+)\. [a-zA-Z][\w+.-]*:")   # a number, then a URL's scheme
VISIBLE_LINKS, HIDDEN_LINKS = "Visible links:", "Hidden links:"
LINK_NUMBER = re.compile(r"\[(\d+)\]")


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def first_word_length(line: str) -> int:
    """Length of the first word of a line that starts with it."""
    space = line.find(" ")
    return space if space >= 0 else len(line)


def cut_at_width(line: str) -> bool:
    """Whether `line` may be the rest of a preformatted line cut at the width: it goes on from the first column
    (or after the one space the cut fell on)."""
    return line[:2] != "  "


def fill_width(lines: list[str]) -> int | None:
    """The column a wrapped dump fills its lines to (74 for lynx at 80 columns), or None when the dump is not wrapped.

    No line of a wrapped dump passes the fill column by more than the margin, so it lies within the
    margin of the longest line. It is the column that explains the most line breaks: a line that
    reaches it, or stops short of it by less than the next line's first word (a word of common length:
    a long one, like a run of CJK text, would go down from any line and tells nothing), or a line
    cut at the full width (fill column + margin). Lines that end a sentence are left out: a wrapper
    breaks lines wherever the width falls, an unwrapped dump mostly where sentences end.
    """
    longest = max(map(len, lines), default=0)
    if longest > WIDEST_WRAP:
        return None
    narrowest = max(longest - WRAP_MARGIN, 1)
    changes = [0] * (longest + LONG_WORD + 2)   # support[width] is the sum of changes[:width + 1]
    for prev, line in zip(lines, lines[1:]):
        end = len(prev)
        if end < narrowest - LONG_WORD or not line:
            continue
        if end - WRAP_MARGIN >= narrowest and cut_at_width(line):
            changes[end - WRAP_MARGIN] += 1
            changes[end - WRAP_MARGIN + 1] -= 1
        if not SENTENCE_END.search(prev, end - SENTENCE_TAIL):
            changes[end] += 1
            changes[end + 1 + min(first_word_length(line.lstrip()), LONG_WORD)] -= 1
    support = list(accumulate(changes))
    width = max(range(narrowest, longest + 1), key=lambda w: (support[w], w), default=0)
    return width if support[width] >= MIN_WRAPS else None


def continues_under(head: str, line: str, start: int) -> bool:
    """Whether `line`, starting at column `start`, starts where the wrapped lines of a line starting with `head`
    start: under a list item's text (lynx puts them under its list's text column, which a long number
    or a marker followed by spaces passes), under the line itself otherwise. A marker may be the
    text's own ('3. Check the ...'), so a line under the marker continues it too, unless it starts an
    item itself."""
    indent = indent_of(head)
    marker = ITEM_MARKER.match(head, indent)
    if start == indent:
        return marker is None or ITEM_MARKER.match(line, start) is None
    return marker is not None and indent < start <= marker.end()


def is_rule(line: str) -> bool:
    return line.endswith("_") and RULE_LINE.fullmatch(line.lstrip()) is not None


def continuation(head: str, prev: str, line: str, width: int) -> str | None:
    """What `line` adds to the line that `head` started and `prev` (its last piece) wrapped, with the space
    the wrapper took if it took one; None when it starts a line of its own."""
    end = len(prev)
    if end == width + WRAP_MARGIN and cut_at_width(line):   # the rest of a preformatted line, as it was
        return line
    text = line.lstrip()
    word = first_word_length(text)
    if end + 1 + word <= width:   # the word would have fitted on the line above
        return None
    start = len(line) - len(text)
    if not continues_under(head, line, start) or is_rule(prev) or is_rule(text):
        return None
    cut = end >= width and end - prev.rfind(" ") - 1 >= width - start   # a word longer than a line
    return text if cut else " " + text


def unwrap(lines: list[str]) -> list[tuple[int, str]]:
    """(number of its first line, line) for each line of the dump, wrapped lines joined again."""
    lines = [line.rstrip() for line in lines]
    width = fill_width(lines)
    if width is None:
        return list(enumerate(lines, start=1))
    joined: list[tuple[int, list[str]]] = []   # a line's number and its pieces
    prev = ""
    for no, line in enumerate(lines, start=1):
        rest = continuation(joined[-1][1][0], prev, line, width) if prev and line else None
        if rest is None:
            joined.append((no, [line]))
        else:
            joined[-1][1].append(rest)
        prev = line
    return [(no, "".join(pieces)) for no, pieces in joined]


def link_list(text: str) -> tuple[int, int] | None:
    """Where lynx's list of links starts (the offset of its 'References' line) when the dump ends with one, and how
    many links it numbered in the text (the visible ones)."""
    start = text.rfind(LINK_LIST)
    if start < 0:
        return None
    listed = [line.strip() for line in text[start + len(LINK_LIST):].split("\n")]
    listed = [line for line in listed if line]
    if listed and listed[0] == VISIBLE_LINKS:
        listed = listed[1:]
    first = LISTED_LINK.match(listed[0]) if listed else None
    if first is None or first[1] != "1":
        return None
    numbered = 0
    for line in listed:
        if line == HIDDEN_LINKS:
            break
        link = LISTED_LINK.match(line)
        numbered = int(link[1]) if link else numbered
    return start + 1, numbered


def without_link_numbers(texts: Iterable[str], numbered: int) -> tuple[list[str], int]:
    """The texts without lynx's link numbers: '[1]', '[2]' ... up to `numbered`, each the next one in order, so that a
    footnote mark '[1]' after link 40 stays; and how many numbers went."""
    expected = 1

    def number(match: re.Match) -> str:
        nonlocal expected
        if expected > numbered or int(match[1]) != expected:
            return match[0]
        expected += 1
        return ""

    return [LINK_NUMBER.sub(number, text) if "[" in text else text for text in texts], expected - 1


@dataclass(frozen=True)
class Markup:
    """What a dump prints besides the page's text: lynx's link numbers (how many links it numbered), or Markdown."""

    link_numbers: int = 0
    markdown: bool = False

    def plain(self, texts: list[str]) -> list[str]:
        """The texts (lines of the dump, joined or not) without it."""
        if self.link_numbers:
            return without_link_numbers(texts, self.link_numbers)[0]
        return [plain_line(text) for text in texts] if self.markdown else texts

    def describe(self) -> str:
        if self.link_numbers:
            return f"lynx's list of links dropped, and its {self.link_numbers} link numbers in the text"
        return "read as Markdown: links' URLs, pictures' sources, marks of emphasis and drawing lines dropped"


def dump_lines(text: str) -> tuple[list[str], Markup | None]:
    """The dump's lines up to lynx's list of links when it ends with one, and what it prints besides the page's text
    (None: nothing). The list is lynx's when every link it numbers has its number in the text, in order."""
    found = link_list(text)
    lines = text.replace(LYNX_APOSTROPHE, "\u2019").split("\n")
    if found is not None:
        start, numbered = found
        listed = lines[:text.count("\n", 0, start)]
        if without_link_numbers(listed, numbered)[1] == numbered:
            return listed, Markup(link_numbers=numbered)
    if is_markdown(text, lines):
        return lines, Markup(markdown=True)
    return lines, None


def text_lines(text: str, cut: list[tuple[int, int]] | None = None) -> list[Line]:
    """The dump's lines; a line longer than MAX_LINE is cut to that length, and (its number, its length) noted in `cut`."""
    return read_lines(*dump_lines(text), cut)


def read_lines(raw_lines: list[str], markup: Markup | None, cut: list[tuple[int, int]] | None = None) -> list[Line]:
    """The Lines of a dump's lines (as dump_lines gives them, with what it prints besides the page's text)."""
    lines: list[Line] = []
    blank = True
    line_a_block = markup is None and prints_no_blank_line(raw_lines)
    if line_a_block:   # no wrapper made it: its lines are as long as the elements' texts
        joined = rejoined_inline(list(enumerate(raw_lines, start=1)))
    else:   # joined with the markup: a wrapper counted it in the width
        joined = joined_lines(raw_lines) if markup and markup.markdown else unwrap(raw_lines)
    if markup is not None:
        joined = list(zip([no for no, _ in joined], markup.plain([line for _, line in joined])))
    for no, raw in joined:
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
        for piece in unglued(content):
            if len(piece) > MAX_LINE and cut is not None:
                cut.append((no, len(piece)))
            lines.append(Line(no=no, text=piece[:MAX_LINE], indent=indent, bullet=bool(bullet), blank_before=blank))
            blank = line_a_block
    return lines


def prints_no_blank_line(lines: list[str]) -> bool:
    """Whether a dump of ELEMENT_LINES lines or more has no blank line between its first line and its last."""
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), -1)
    return last - first + 1 >= ELEMENT_LINES and all(line.strip() for line in lines[first:last + 1])


def rejoined_inline(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines of a dump that prints each element's text on a line, a line that takes up a sentence the line above
    left unfinished ('...a deal with' / 'Boeing' / "'s new jets") joined to it."""
    joined: list[tuple[int, str]] = []
    for no, line in lines:
        text = line.strip()
        if joined and text and CONTINUATION.match(text) and SENTENCE_GOES_ON.search(joined[-1][1]):
            space = " " if text[0].isalpha() else ""   # none before a comma or the "'s" a link's text had after it
            joined[-1] = (joined[-1][0], joined[-1][1] + space + text)
        else:
            joined.append((no, line))
    return joined


def unglued(text: str) -> list[str]:
    """A line as the pieces of text it glued together: a line of GLUED_LINE characters or more is cut where a
    sentence ends with the next one glued to it ('...the council said.The bridge'); a shorter line as it is."""
    if len(text) < GLUED_LINE:
        return [text]
    return [piece for piece in GLUED_SENTENCES.split(text) if piece.strip()]


def extract_text(page: Page) -> None:
    """The page's lines, once: the page-type stage reads them first (with this function), this stage finds them read."""
    if page.lines:
        return
    cut: list[tuple[int, int]] = []
    raw_lines, markup = dump_lines(page.text)
    page.lines = read_lines(raw_lines, markup, cut)
    if markup is not None:   # what reads the page's text reads it without the markup, as the lines are
        page.text = "\n".join(markup.plain(raw_lines))
        page.markup = markup
        page.count("lynx_link_numbers" if markup.link_numbers else "markdown_dumps", markup.link_numbers or 1)
    if cut:
        named = ", ".join(f"line {no} ({length} characters)" for no, length in cut[:LINES_NAMED])
        more = f" and {len(cut) - LINES_NAMED} more" if len(cut) > LINES_NAMED else ""
        page.warn("line_too_long", f"{named}{more} cut to the {MAX_LINE}-character limit", limit=True)
