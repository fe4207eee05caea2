"""Context rules: boilerplate that a single line's text cannot show, only its place in the page.

Each function takes the Page and returns the indices of the lines it removes; `catalog.yaml` names
the function in the rule's `check` and carries its id and doc.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from pipeline.page import Line, Page
from pipeline.textutil import COMMENT_BYLINE, ENUMERATOR, SENTENCE_END, fold, is_date_only, is_doubled, is_listing_row, is_prose, is_site_notice

LIST_MARKER = re.compile(
    r"^\W{0,3}(?:most (?:popular|read|viewed|shared|emailed)(?: (?:in|on|from|this) .{0,40}| [\w-]+(?: [\w-]+)? (?:stories|articles|news|posts))?|next up(?: in .{0,30})?|we recommend|about the author|sources|references|footnotes|notes|external links|further reading|bibliography|more (?:by|from) (?:this|the) author|previous (?:article|post|story)|next (?:article|post|story)|related(?: (?:stories|articles|posts|news|content|coverage|links|reading))?"
    r"|more (?:stories|news|articles|from|on|in)\b.{0,40}|you (?:may|might) (?:also )?(?:like|enjoy)|recommended(?: for you| stories| reading)?"
    r"|trending(?: now| stories)?|popular (?:stories|posts|now|articles)|top stories|latest (?:news|stories|headlines)|read (?:more|next|this next)"
    r"|what to read next|editor'?s? picks?|around the web|from (?:our|the) (?:partners|web)|sponsored (?:stories|links|content)|promoted stories"
    r"|art[íi]culos relacionados|noticias relacionadas|m[áa]s sobre .{1,40}|lea tambi[ée]n|leia tamb[ée]m|mat[ée]rias relacionadas|[àa] lire aussi|lire aussi"
    r"|articles? (?:li[ée]s|similaires)|mehr zum thema|weitere artikel|das k[öo]nnte sie auch interessieren|leggi anche|articoli correlati"
    r"|související(?: články)?|читайте также|вам также может быть интересно|関連記事|関連ニュース|相关(?:阅读|新闻|文章)|推荐阅读|관련 ?기사|많이 본 \w+)\W{0,3}$",
    re.I,
)
COMMENTS_LABEL = re.compile(
    r"^\W{0,3}(?:(?:\d+ )?comments?|leave a (?:comment|reply)|join the (?:discussion|conversation)|add (?:a|your) comment)\W{0,3}$",
    re.I)
NAV_WORDS_MAX = 4
PARAGRAPH_WORDS = 25
BOX_LINKS_MAX = 1          # a box inside the article ('Read also: ...') links to one other story
SPACED_RATIO = 4            # blank-separated prose words per glued one for a page to count as spaced
FOOTER_TAIL_SHARE = 0.34    # a footer notice has less than a third of the body's prose after it
NOTICE_WORDS_MAX = 20
LENGTH_SLACK = 10           # folding (NFKC, quotes, spaces) changes a line's length by little
BREADCRUMB_CHARS_MAX = 60
REPEAT_WINDOW = 3
REPEAT_WORDS_MAX = 80
NAV_CHARS_MAX = 40
HEADING_RUN_MIN = 5         # headings in a row with no text between them: a list of other stories
LISTING_LINES_MIN = 3       # a glued block this long with code or a table row in it is a listing
WRAP_SLACK = 40             # a dump's hard-wrapped lines end within this many characters of its longest line
WRAP_WIDTH_MIN = 500        # dumps wrapped narrower set every paragraph's lines glued: BP025 is off there anyway
CLAUSE_END = re.compile(r"[.!?:;,\"”]$")   # a link's text does not end like a clause


def outside_article(page: Page) -> list[int]:
    start, end = page.region
    return [i for i in range(len(page.lines)) if not start <= i < end]


def headline_text(page: Page) -> str:
    return fold(str(page.values.get("headline") or ""))


def lines_near_length(page: Page, size: int, longer_by: int) -> list[int]:
    """Indices of lines whose length is within [size - slack, size + longer_by]: cheap before folding."""
    low, high = size - LENGTH_SLACK, size + longer_by
    return [i for i, ln in enumerate(page.lines) if low <= len(ln.text) <= high and i != page.headline_line]


def repeated_headline(page: Page) -> list[int]:
    title = headline_text(page)
    if not title:
        return []
    return [i for i in lines_near_length(page, len(title), LENGTH_SLACK) if fold(page.lines[i].text) == title]


def breadcrumb_glued_to_headline(page: Page) -> list[int]:
    """'HomeWorldUS rejected ...': navigation words run straight into the headline's text."""
    title = headline_text(page)
    hits = []
    for i in lines_near_length(page, len(title), BREADCRUMB_CHARS_MAX) if title else []:
        text = page.lines[i].text
        folded = fold(text)
        if folded != title and folded.endswith(title):
            prefix = text[: len(text) - len(title)].strip()
            if 0 < len(prefix) <= BREADCRUMB_CHARS_MAX and len(prefix.split()) <= 6:
                hits.append(i)
    return hits


def header_clock(page: Page) -> list[int]:
    """A bare date (or date and time) above the headline: the site's clock, not the story's date."""
    if page.headline_line is None:
        return []
    return [i for i in range(page.headline_line) if is_date_only(page.lines[i].text)]


def link_list_runs(page: Page, min_run: int = 3) -> list[int]:
    """Three or more short lines in a row that read as links (menus, topic lists), not prose."""
    listing = listing_lines(page)
    return long_runs(((i, i != page.headline_line and i not in listing and looks_like_link(ln.text))
                      for i, ln in enumerate(page.lines)), min_run)


def long_runs(flags: Iterable[tuple[int, bool]], min_run: int) -> list[int]:
    """The indices of every run of at least `min_run` flagged (index, flag) pairs in a row."""
    hits: list[int] = []
    run: list[int] = []
    for i, flagged in flags:
        if flagged:
            run.append(i)
            continue
        if len(run) >= min_run:
            hits += run
        run = []
    return hits + run if len(run) >= min_run else hits


def looks_like_link(text: str) -> bool:
    return (len(text) <= NAV_CHARS_MAX and len(text.split()) <= NAV_WORDS_MAX
            and not CLAUSE_END.search(text) and not is_prose(text))


def after_list_marker(page: Page) -> list[int]:
    """'Related Stories', 'Read more', 'Comments' after the body has begun start a list of other pages.

    A comment by someone ends the article: it and everything after it go. So does a comments marker,
    unless a long paragraph sits right under it and more prose follows than came before (the '12
    comments' link of a share bar), and a list marker with less prose after it than before and no long
    paragraph right under it. Otherwise the marker is a box inside the article: it and the short lines
    under it go, and the article resumes at the next prose line.
    """
    start, end = page.region
    prose_words = [ln.words if ln.removed_by is None and is_prose(ln.text) else 0 for ln in page.lines[start:end]]
    before, after = 0, sum(prose_words)
    hits: list[int] = []
    i = start
    while i < end:
        text = page.lines[i].text
        after -= prose_words[i - start]
        listed, comments = LIST_MARKER.match(text), COMMENTS_LABEL.match(text)
        prose_under = bool(listed or comments) and opens_paragraph(page, i + 1, end)
        ends_article = (comments and (after < before or not prose_under)) or (listed and after < before and not prose_under)
        if before and (COMMENT_BYLINE.match(text) or ends_article):
            return hits + list(range(i, end))
        if before and (listed or comments):
            hits.append(i)
            while i + 1 < end and not is_prose(page.lines[i + 1].text):
                i += 1
                hits.append(i)
        before += prose_words[i - start]
        i += 1
    return hits


def after_site_notice(page: Page) -> list[int]:
    """A newsletter, cookie or legal notice near the end of the body starts the page footer: it and what follows go."""
    start, end = page.region
    prose_words = [ln.words if is_prose(ln.text) else 0 for ln in page.lines[start:end]]
    before, after = 0, sum(prose_words)
    for i in range(start, end):
        after -= prose_words[i - start]
        text = page.lines[i].text
        if before and after < before * FOOTER_TAIL_SHARE and len(text.split()) <= NOTICE_WORDS_MAX and is_site_notice(text):
            return list(range(i, end))
        before += prose_words[i - start]
    return []


def unspaced_lines(page: Page) -> list[int]:
    """Where the body's paragraphs are set apart by blank lines, a line glued under another is a caption or widget."""
    start, end = page.region
    spaced = unspaced = 0
    for ln in page.lines[start:end]:
        if is_prose(ln.text):
            if ln.blank_before:
                spaced += ln.words
            else:
                unspaced += ln.words
    if spaced < unspaced * SPACED_RATIO:
        return []
    listing = listing_lines(page)
    wrap_width = max((width(ln) for ln in page.lines), default=0)
    return [i for i in range(start + 1, end)
            if not page.lines[i].blank_before and not page.lines[i].bullet and not ENUMERATOR.match(page.lines[i].text)
            and i not in listing and not continues_sentence(page.lines[i - 1].text, page.lines[i].text)
            and not (wrap_width >= WRAP_WIDTH_MIN and width(page.lines[i - 1]) >= wrap_width - WRAP_SLACK)]


def continues_sentence(above: str, text: str) -> bool:
    return text[:1].islower() and not SENTENCE_END.search(above)


def width(line: Line) -> int:
    """Columns the line took in the dump: a paragraph longer than the dump's width goes on, glued, on the next line."""
    return line.indent + len(line.original)


def listing_lines(page: Page) -> set[int]:
    """Lines of a glued block of three or more that holds a line of code or a table row: a <pre> listing or a table."""
    hits: set[int] = set()
    start = 0
    for i in range(1, len(page.lines) + 1):
        if i < len(page.lines) and not page.lines[i].blank_before:
            continue
        if i - start >= LISTING_LINES_MIN and any(is_listing_row(page.lines[j].text) for j in range(start, i)):
            hits.update(range(start, i))
        start = i
    return hits


def opens_paragraph(page: Page, i: int, end: int) -> bool:
    """One of the first BOX_LINKS_MAX + 1 lines from i on that are no list item and no line a rule removed yet (an
    'Advertisement' label) is a long paragraph: the marker above is a box inside the article ('Read more', 'Related'
    and a link), the article goes on."""
    for _ in range(BOX_LINKS_MAX + 1):
        while i < end and (page.lines[i].removed_by is not None or page.lines[i].bullet):
            i += 1
        if i < end and page.lines[i].words >= PARAGRAPH_WORDS and is_prose(page.lines[i].text):
            return True
        i += 1
    return False


def repeated_lines(page: Page) -> list[int]:
    """A line shown again within a few lines, or twice within itself (a caption under its alt text) is furniture.

    Two blank-separated paragraphs that say the same are left alone: some pages do repeat one. A line glued
    under its own copy goes however long it is (a long caption drawn under its alt text). Only the article's
    region and the lines within REPEAT_WINDOW of it are compared: outside-article (BP020) removed the others.
    """
    first = max(0, page.region[0] - REPEAT_WINDOW)
    lines = page.lines[first:page.region[1] + REPEAT_WINDOW]
    keys = [" ".join(ln.text.split()).casefold() for ln in lines]
    hits = {i for i, key in enumerate(keys) if is_doubled(key)}
    glued_copies = [i for i in range(1, len(keys)) if keys[i] == keys[i - 1] and not lines[i].blank_before]
    hits.update(glued_copies + [i - 1 for i in glued_copies])
    shown_again = [(i, i + gap) for gap in range(1, REPEAT_WINDOW + 1) for i, (key, later) in enumerate(zip(keys, keys[gap:]))
                   if later.startswith(key) and (later == key or len(key) >= 20)]
    for i, j in shown_again:
        if len(keys[i].split()) <= REPEAT_WORDS_MAX and not (own_paragraph(lines[i]) and own_paragraph(lines[j])):
            hits.update((i, j))
    return sorted({first + i for i in hits} - {page.headline_line})


def own_paragraph(line: Line) -> bool:
    return line.blank_before and is_prose(line.text)


def date_lines(page: Page) -> list[int]:
    return [i for i, ln in enumerate(page.lines) if is_date_only(ln.text)]


def trailing_link_lines(page: Page) -> list[int]:
    """HTML: the body's last blocks, as long as each is only the text of a link (a related-stories list)."""
    hits = []
    for i in range(len(page.lines) - 1, -1, -1):
        if page.lines[i].kept and not page.lines[i].link:
            break
        if page.lines[i].kept:
            hits.append(i)
    return hits


def own_address_lines(page: Page) -> list[int]:
    """HTML: a block that is only the page's own address (a permalink or share box printed as text)."""
    def bare(url: str) -> str:
        return re.sub(r"^https?://(?:www\.)?|[/#?]+$", "", url.strip()).casefold()
    own = {bare(str(c.value)) for c in page.candidates_for("url")} | ({bare(page.url)} if page.url else set())
    return [i for i, line in enumerate(page.lines) if " " not in line.text.strip() and bare(line.text) in own - {""}]


def heading_runs(page: Page) -> list[int]:
    """Five or more lines in a row set left of the body's paragraphs (headings, in a text browser's dump) with no
    text between them are the titles of other stories (a playlist, a teaser rail), not the article's subheadings."""
    start, end = page.region
    indents = Counter(ln.indent for ln in page.lines[start:end] if ln.kept and is_prose(ln.text))
    if not indents:
        return []
    body = indents.most_common(1)[0][0]
    kept = ((i, page.lines[i]) for i in range(start, end) if page.lines[i].kept)
    return long_runs(((i, i != page.headline_line and line.indent < body and not is_prose(line.text)
                       and not is_listing_row(line.text)) for i, line in kept), HEADING_RUN_MIN)
