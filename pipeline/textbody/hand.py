"""The hand-written reading of a text dump: the run of lines that holds the body, and the headline line.

Every line gets a score (prose lines earn by their length, short lines cost a little when they sit at
the body's indentation and more elsewhere) and the body is the run with the largest sum. The body's
indentation is the one that holds the most prose words: inscriptis indents by HTML nesting, so the
article's paragraphs share one level; lynx puts menus and lists deeper.
A run worth little (an article told in lists: release notes, product roundups, how-tos) grows over the
lists around it whose items read as entries rather than a menu's links or other stories' headlines, never
across a long menu; when there are none (an article told in short lines: a features page), it goes on
below while that adds, headings costing little there.
A strong run goes on over an article's list under a subheading right below it, and a numbered list it
holds an item of goes on to its last item.
Readers' comments, teasers stamped with a clock time and captions printed twice (a gallery) are no prose
of the article; a picture's placeholder line costs nothing; a run made largely of title-and-summary teasers
has their summaries discounted, so it does not outweigh the article.
The headline is the best title-like line a little above that run: a heading (lynx draws them at
the left margin), a line whose text the page repeats (link header, breadcrumb, share card), near.
All of this is what the text_lines model reads (pipeline.textbody.features), and where it starts from.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from pipeline.metadata.title import headline_index, title_like
from pipeline.page import Line, Page
from pipeline.textutil import (COMMENT_BYLINE, SENTENCE_END, TEXTS_REMEMBERED, is_doubled, is_link_header, is_listing_row,
                               is_prose, is_site_notice, word_count)

SHORT_LINE_COST = 2.0       # a short line away from the body's indentation (menus, link lists)
INNER_LINE_COST = 0.5       # a short line at the body's indentation (subheading, list item, caption)
OFF_INDENT_SHARE = 0.5      # what a prose line away from the body's indentation is worth
NESTED_GAP_CAP = 4.0
LONE_PARAGRAPH_SHARE = 0.4  # what a prose line with no prose line at its indentation above or below adds to that indentation
CLOCK_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s|$)", re.I)
STAMPED = re.compile(r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\)?$", re.I)   # '... BUSINESS INSIDER JAPAN 3/4(土) 20:10': a teaser's or byline's time
STAMP_CHARS = 16            # the stamp's longest form ('12:45 p.m.)') with room for spaces: only a line's end is searched
IMAGE_FILE = re.compile(r"^\[[^\[\]]*\.(?:jpe?g|png|gif|webp|svg)\]$", re.I)   # '[baz.png]'
NUMBERED = re.compile(r"^(\d{1,3})[.)]\s")   # '9) Batteria Elettronica ...': an item of a numbered list
INSERTED = "[INS:"      # lynx's mark of an <ins> element: the words of an ad's teaser, each wrapped
TEASER_WORDS = 40          # a teaser's summary is shorter than this ...
TEASER_MIN = 4             # ... and a list of them has a few
TEASER_SHARE = 0.5         # what a teaser's summary earns in a run that is a third or more teasers
COMMENT_BYLINE_ENDS = ("said", "says", "wrote", "said:", "says:", "wrote:")   # a cheap test before the pattern
THREAD_MIN_BYLINES = 2
WEAK_RUN = 25.0            # a run worth less than this holds little prose: the article may be told in lists
LIST_MIN_ITEMS = 3          # an article's list has a few items ...
ITEM_WORDS = 3              # ... of a few words each on average (a menu's links have one or two)
TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")   # a word of four letters or more: title case capitalizes it
LIST_GAP_LINES = 8          # other lines between the run and a list, or between two lists (a product's picture, name, price and shop)


def body_indent(lines: list[Line], prose: list[bool]) -> int | None:
    """The indentation that holds the most prose words (bulleted lines left out), a lone paragraph's words discounted.

    A paragraph is lone when no prose line at its indentation sits right above or below it: an article's
    paragraphs follow one another, while teaser lists, live tickers and comment threads put names, times
    and dates between theirs.
    """
    paragraph = [is_prose_line and not ln.bullet for ln, is_prose_line in zip(lines, prose)]
    words: Counter[int] = Counter()
    for i, ln in enumerate(lines):
        if paragraph[i]:
            in_run = any(0 <= j < len(lines) and paragraph[j] and lines[j].indent == ln.indent for j in (i - 1, i + 1))
            words[ln.indent] += word_count(ln.text) * (1 if in_run else LONE_PARAGRAPH_SHARE)
    return words.most_common(1)[0][0] if words else None


@lru_cache(maxsize=TEXTS_REMEMBERED)
def is_stamped(text: str) -> bool:
    """A line that ends in a clock time: a teaser's or a byline's stamp."""
    return STAMPED.search(text[-STAMP_CHARS:]) is not None


def continues(prev: Line, line: Line) -> bool:
    """A line that carries on the sentence above it (a paragraph broken by <br>), not a new block."""
    return (line.indent == prev.indent and not line.bullet and line.text[:1].islower()
            and not SENTENCE_END.search(prev.text))


def thread_start(lines: list[Line]) -> int:
    """Where a comment thread begins: its first commenter's byline, when there are several (len(lines) when none)."""
    bylines = [i for i, ln in enumerate(lines)
               if ln.text[-6:].lower().endswith(COMMENT_BYLINE_ENDS) and COMMENT_BYLINE.match(ln.text)]
    return bylines[0] if len(bylines) >= THREAD_MIN_BYLINES else len(lines)


def prose_lines(lines: list[Line], thread: int | None = None) -> list[bool]:
    """Whether each line belongs to the article's prose, judged on its whole paragraph when <br> broke it into lines.

    Readers' comments are no prose of the article: a thread's paragraphs (from `thread`, the thread_start of
    the lines when not given) count as short lines.
    """
    flags = [False] * len(lines)
    start = 0
    for i in range(1, len(lines) + 1):
        if i < len(lines) and continues(lines[i - 1], lines[i]):
            continue
        text = lines[start].text if i - start == 1 else " ".join(ln.text for ln in lines[start:i])
        if (is_prose(text) and not is_site_notice(text) and not is_doubled(text) and not is_stamped(text)
                and not text.startswith(INSERTED)):
            flags[start:i] = [True] * (i - start)
        start = i
    thread = thread_start(lines) if thread is None else thread
    if any(flags[:thread]):
        flags[thread:] = [False] * (len(lines) - thread)
    return flags


def line_score(line: Line, prose: bool, indent: int | None) -> float:
    at_body = line.indent == indent and not line.bullet
    if prose:
        earned = min(word_count(line.text), 80) / 10 + 1
        return earned if at_body else earned * OFF_INDENT_SHARE
    if is_listing_row(line.text):
        return 0.0          # a line of a code listing: menus and link lists never read like this
    if IMAGE_FILE.match(line.text):
        return 0.0          # a picture of the article (lynx draws it as its file name in brackets)
    if CLOCK_TIME.match(line.text):
        return -SHORT_LINE_COST     # a ticker's time stamp (live blog, news feed), wherever it sits
    return -INNER_LINE_COST if at_body else -SHORT_LINE_COST


def cap_nested_gaps(lines: list[Line], prose: list[bool], indent: int | None, scores: list[float]) -> None:
    """A run of short lines nested deeper than the body (a chart, a table, an embed) costs at most NESTED_GAP_CAP."""
    if indent is None:
        return
    spent = 0.0
    for i, line in enumerate(lines):
        if prose[i] or line.bullet or line.indent <= indent:
            spent = 0.0
            continue
        spent -= scores[i]
        if spent > NESTED_GAP_CAP:
            scores[i] = 0.0


def opens_bracket(text: str) -> bool:
    """'WITH stats AS (' ... ')': a line of a query or call spread over lines."""
    return text.endswith("(") or text.startswith(")")


def neutral_code_blocks(lines: list[Line], prose: list[bool], scores: list[float]) -> None:
    """Short lines glued together (a <pre> listing) with a line of code among them cost nothing, whatever the others hold."""
    start = 0
    for i in range(len(lines) + 1):
        if i < len(lines) and not prose[i] and (i == start or not lines[i].blank_before):
            continue
        if any(is_listing_row(lines[j].text) or opens_bracket(lines[j].text) for j in range(start, i)):
            scores[start:i] = [max(score, 0.0) for score in scores[start:i]]
        start = i + 1 if i < len(lines) and prose[i] else i


def soften_introduced_lists(lines: list[Line], indent: int | None, scores: list[float]) -> None:
    """Bullets and deeper lines (a quote, an embedded post) right under a line that ends in a colon
    ('What you'll need:', 'See tweets:') are the article's own."""
    intro = None    # the indentation of the line that introduces them
    for i, line in enumerate(lines):
        if intro is not None and (line.bullet or (intro == indent and line.indent > intro)):
            scores[i] = max(scores[i], -INNER_LINE_COST)
        elif not line.bullet:
            intro = line.indent if line.text.endswith(":") else None


def list_block(lines: list[Line], i: int) -> tuple[int, int, int]:
    """[start, end) of the list that bulleted line i is an item of (its items and the lines nested under them), and its item count."""
    indent = lines[i].indent

    def inside(j: int) -> bool:
        return lines[j].indent > indent or (lines[j].bullet and lines[j].indent == indent)
    start, end = i, i + 1
    while start > 0 and inside(start - 1):
        start -= 1
    while end < len(lines) and inside(end):
        end += 1
    return start, end, sum(1 for ln in lines[start:end] if ln.bullet and ln.indent == indent)


@lru_cache(maxsize=TEXTS_REMEMBERED)
def title_cased(text: str) -> bool:
    """'Stolen Beverly Hills Dog -- Hilary Duff & Celeb Posse Scour City': every longer word capitalized."""
    words = TITLE_WORD.findall(text)
    return len(text.split()) >= 2 and bool(words) and all(word[0].isupper() for word in words)


def article_list(lines: list[Line], i: int) -> tuple[int, int, bool]:
    """[start, end) of the list that bulleted line i is an item of, and whether it reads as the article's:
    LIST_MIN_ITEMS items or more, of ITEM_WORDS words or more on average, at most half of them title-cased
    or stamped with a clock time (other stories' headlines, a menu, a feed)."""
    start, end, items = list_block(lines, i)
    texts = [ln.text for ln in lines[start:end] if ln.bullet and ln.indent == lines[i].indent]
    words = sum(word_count(text) for text in texts)
    titles = sum(title_cased(text) or is_stamped(text) for text in texts)
    return start, end, items >= LIST_MIN_ITEMS and words >= ITEM_WORDS * items and 2 * titles <= items


def listed_lines(lines: list[Line]) -> list[bool]:
    """Whether each line belongs to a list that reads as the article's."""
    listed = [False] * len(lines)
    i = 0
    while i < len(lines):
        if not lines[i].bullet:
            i += 1
            continue
        start, end, is_article_list = article_list(lines, i)
        if is_article_list:
            listed[start:end] = [True] * (end - start)
            i = end
        else:   # a menu's links: the lists nested in it may still be the article's
            i = next((j for j in range(i + 1, end) if lines[j].indent > lines[i].indent), end)
    return listed


def is_subheading(line: Line, is_prose_line: bool) -> bool:
    """A short title-like line with words in it, no link: 'Clinching in November', not '1904213' or 'Website: http://...'."""
    return (not line.bullet and not is_prose_line and title_like(line.text) and "://" not in line.text
            and any(char.isalpha() for char in line.text))


def trailing_list(lines: list[Line], prose: list[bool], start: int, end: int) -> int:
    """The run's end carried over an article's list right under a subheading below it, when the run has
    subheadings of its own at that heading's indentation after its first paragraph ('Qualified teams' below
    'Clinching in November')."""
    if end + 1 >= len(lines) or not lines[end + 1].bullet or not is_subheading(lines[end], prose[end]):
        return end
    first = next((i for i in range(start, end) if prose[i]), end)
    if not any(lines[i].indent == lines[end].indent and is_subheading(lines[i], prose[i]) for i in range(first, end)):
        return end
    _, list_end, is_article_list = article_list(lines, end + 1)
    return list_end if is_article_list else end


def grow_over_lists(lines: list[Line], listed: list[bool], limit: int, start: int, end: int) -> tuple[int, int]:
    """The run grown over the article's lists above and below it, a few other lines (headings, intros) between
    allowed; never into a comment thread. Bullets of no such list (a short list, a list of names) neither join
    the run nor count as a gap, but more than LIST_GAP_LINES of them are a menu the run does not cross.
    `listed`: listed_lines of the lines; `limit`: their thread_start."""
    for step in (-1, 1):
        i = start - 1 if step < 0 else end
        gap = menu = 0     # other lines, bullets of no article list
        while 0 <= i < limit and gap <= LIST_GAP_LINES and menu <= LIST_GAP_LINES:
            if listed[i]:
                gap = menu = 0
                start, end = min(start, i), max(end, i + 1)
            elif not lines[i].bullet:
                gap += 1
            else:
                menu += 1
            i += step
    return start, end


def extend_run(scores: list[float], start: int, end: int) -> tuple[int, int]:
    """The run grown on each side by the stretch of lines that adds the most, when that is more than nothing."""
    gain, best, new_end = 0.0, 0.0, end
    for i in range(end, len(scores)):
        gain += scores[i]
        if gain > best:
            best, new_end = gain, i + 1
    gain, best, new_start = 0.0, 0.0, start
    for i in range(start - 1, -1, -1):
        gain += scores[i]
        if gain > best:
            best, new_start = gain, i
    return new_start, new_end


def finish_numbered_list(lines: list[Line], start: int, end: int) -> int:
    """The run's end carried over the items that go on numbering its last numbered line ('9) ...' in the run,
    '10) ...' below it, each within LIST_GAP_LINES of the one before), the last one's lines as many as its
    predecessor's; unchanged when no item follows."""
    last = next((i for i in range(end - 1, start - 1, -1) if NUMBERED.match(lines[i].text)), None)
    if last is None:
        return end
    count, previous = int(NUMBERED.match(lines[last].text)[1]), last
    i = end
    while i < len(lines) and i - last <= LIST_GAP_LINES:
        number = NUMBERED.match(lines[i].text)
        if number and lines[i].indent == lines[last].indent:
            if int(number[1]) != count + 1:
                break   # another list's numbering
            previous, last, count = last, i, count + 1
        i += 1
    return end if last < end else min(last + last - previous, len(lines))


def softened(lines: list[Line], scores: list[float], indent: int | None) -> list[float]:
    """The scores with the short lines left of the body's indentation (headings) costing what one at it does."""
    return [max(score, -INNER_LINE_COST) if indent is not None and ln.indent < indent and not ln.bullet
            and not is_link_header(ln, i) else score for i, (ln, score) in enumerate(zip(lines, scores))]


def uncount_doubled_captions(lines: list[Line], prose: list[bool], indent: int | None, scores: list[float]) -> bool:
    """A prose line printed twice in a row, glued (a picture's alt text and caption: a gallery, a video carousel),
    costs what a short line does. Whether there was one."""
    found = False
    for i in range(1, len(lines)):
        if prose[i] and not lines[i].blank_before and lines[i].text == lines[i - 1].text:
            scores[i - 1] = line_score(lines[i - 1], False, indent)
            scores[i] = line_score(lines[i], False, indent)
            found = True
    return found


def is_teaser(lines: list[Line], prose: list[bool], indent: int | None, i: int) -> bool:
    """A short paragraph alone under a title line at its indentation: a story's summary in a list of other stories."""
    line, above = lines[i], lines[i - 1]
    below = lines[i + 1] if i + 1 < len(lines) else None
    return (prose[i] and line.indent == indent and not line.bullet and word_count(line.text) < TEASER_WORDS
            and not prose[i - 1] and above.indent == indent and not above.bullet
            and not SENTENCE_END.search(above.text) and not above.text.endswith(":")
            and not (below is not None and prose[i + 1] and below.indent == indent))


def teasers_discounted(lines: list[Line], prose: list[bool], indent: int | None, scores: list[float],
                       start: int, end: int) -> list[float] | None:
    """When a third or more of the run's prose lines are teasers (TEASER_MIN at least), the scores with each
    teaser earning TEASER_SHARE of its worth, to choose the run again: a list of titles and summaries must
    not outweigh an article (None when it does not)."""
    teasers = [i for i in range(max(start, 1), end) if is_teaser(lines, prose, indent, i)]
    if len(teasers) < TEASER_MIN or 3 * len(teasers) < sum(prose[start:end]):
        return None
    discounted = list(scores)
    for i in teasers:
        discounted[i] *= TEASER_SHARE
    return discounted


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


def first_paragraph(page: Page, prose: list[bool], start: int, end: int, indent: int | None,
                    any_indent: bool = False) -> int:
    """The first prose line at the body's indentation (at any: `any_indent`) in [start, end) (start when there is none)."""
    for i in range(start, end):
        line = page.lines[i]
        if prose[i] and (any_indent or line.indent == indent) and not line.bullet:
            return i
    return start


def block_scores(lines: list[Line], prose: list[bool], indent: int | None) -> list[float]:
    """Each line's worth to the article's run: what best_run adds up."""
    scores = [-SHORT_LINE_COST if is_link_header(ln, i) else line_score(ln, prose[i], indent)
              for i, ln in enumerate(lines)]
    cap_nested_gaps(lines, prose, indent, scores)
    soften_introduced_lists(lines, indent, scores)
    neutral_code_blocks(lines, prose, scores)
    return scores


@dataclass
class HandRegion:
    """What the hand-written scoring finds in a dump: the features the text_lines model starts from."""

    prose: list[bool]
    listed: list[bool]        # the lines of the article's lists (listed_lines)
    thread: int               # where a comment thread begins (thread_start)
    indent: int | None        # the body's indentation
    scores: list[float]       # each line's worth to the run (block_scores)
    start: int                # the run: [start, end)
    end: int
    first: int                # its first paragraph
    headline: int | None      # the title line (the headline_text model's choice above the first paragraph)


def hand_region(page: Page) -> HandRegion:
    """The run of lines the hand-written scores make the article, and its headline line (see the module doc)."""
    listed, thread = listed_lines(page.lines), thread_start(page.lines)
    prose = prose_lines(page.lines, thread)
    indent = body_indent(page.lines, prose)
    scores = block_scores(page.lines, prose, indent)
    start, end = best_run(scores)
    opening = start     # where the story opens with its pictures' captions: its headline is above them
    if uncount_doubled_captions(page.lines, prose, indent, scores):
        pictured = (start, end)
        start, end = best_run(scores)
        opening = pictured[0] if pictured[0] < start < pictured[1] else start
    discounted = teasers_discounted(page.lines, prose, indent, scores, start, end)
    if discounted is not None:
        chosen = best_run(discounted)
        opening = opening if chosen[0] == start else chosen[0]
        start, end = chosen
    if sum(scores[start:end]) < WEAK_RUN:
        grown = grow_over_lists(page.lines, listed, thread, start, end)
        if grown != (start, end):
            start, end = extend_run(scores, *grown)
        else:   # an article of short lines (features, announcements): it goes on below while it adds
            end = extend_run(softened(page.lines, scores, indent), start, end)[1]
    else:
        end = trailing_list(page.lines, prose, start, end)
    end = finish_numbered_list(page.lines, start, end)
    opening = min(opening, start)
    first = first_paragraph(page, prose, opening, end, indent)
    headline = headline_index(page, opening, first, indent)
    return HandRegion(prose, listed, thread, indent, scores, below_title(start, headline, first), end, first, headline)


def below_title(start: int, headline: int | None, first: int) -> int:
    """A run that starts at or above its title line starts below it; a title below the first paragraph cuts nothing."""
    return headline + 1 if headline is not None and start <= headline < first else start
