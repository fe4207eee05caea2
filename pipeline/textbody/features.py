"""The text_lines model's features: numbers for every line of a dump, computed once, the same in `run` and `make train`.

A line is read by itself (length, shape, punctuation, links, clock times, the hand-written predicates),
where it sits (indentation against the body's, bullet, blank line above, place in the page, distance
to the hand-written run and to the title line), and among its neighbours (prose above and below, how
much prose is near, how much comes before and after it, and the block of lines it is glued to: the lines
with no blank line between them, such as a byline block of date, outlet and section label).
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

from pipeline.metadata.title import title_like
from pipeline.page import Line, Page
from pipeline.textbody.hand import (CLOCK_TIME, IMAGE_FILE, NUMBERED, HandRegion, is_stamped, is_teaser, listed_lines,
                                    thread_start, title_cased)
from pipeline.textutil import (SENTENCE_END, is_date_only, is_doubled, is_link_header, is_listing_row, is_site_notice,
                               word_count)

REACH = 60          # distances in lines are cut here: farther is far
NEAR = 5            # the neighbourhood whose prose is counted, on each side
WIDE = 15
NONE = -99.0        # a distance to something the page does not have

LINE_FEATURES = (
    "words", "chars", "prose", "at_indent", "indent_gap", "indent", "bullet", "blank_before", "hand_score",
    "in_hand_run", "to_run_start", "to_run_end", "to_first_paragraph", "to_headline", "position", "from_end",
    "link_header", "listing_row", "image_file", "clock_time", "stamped", "title_like", "title_cased", "date_only",
    "sentence_end", "ends_colon", "digit_share", "upper_share", "punctuation_per_word", "has_url", "bracketed",
    "pipes", "listed", "teaser", "doubled", "site_notice", "repeats", "in_thread", "numbered",
)
CONTEXT_FEATURES = (
    "prose_above", "prose_below", "prose_above_2", "prose_below_2", "words_above", "words_below",
    "near_prose_share", "near_prose_words", "wide_prose_words", "same_indent_above", "same_indent_below",
    "prose_before_share", "to_prose_above", "to_prose_below",
    "block_lines", "in_block", "block_prose_share", "block_dated",
)
PAGE_FEATURES = ("page_lines", "page_prose_words", "run_prose_share", "run_lines")
FEATURES = LINE_FEATURES + CONTEXT_FEATURES + PAGE_FEATURES


def clip(value: float) -> float:
    return float(max(-REACH, min(REACH, value)))


def shape(text: str) -> tuple[float, float, float]:
    """Shares of digits and of capitals among letters, punctuation marks per word."""
    digits = upper = letters = punctuation = 0
    for char in text:
        if char.isdigit():
            digits += 1
        elif char.isalpha():
            letters += 1
            upper += char.isupper()
        elif char in ".,;:!?":
            punctuation += 1
    return digits / len(text), upper / letters if letters else 0.0, punctuation / max(1, len(text.split()))


def own_features(page: Page, hand: HandRegion, i: int, line: Line, words: int, listed: bool, thread: int,
                 repeats: int) -> list[float]:
    text = line.text
    n = len(page.lines)
    digit_share, upper_share, punctuation = shape(text)
    return [
        float(min(words, 300)), math.log1p(len(text)), float(hand.prose[i]),
        float(line.indent == hand.indent and not line.bullet),
        clip(line.indent - hand.indent) if hand.indent is not None else NONE, float(min(line.indent, REACH)),
        float(line.bullet), float(line.blank_before), hand.scores[i],
        float(hand.start <= i < hand.end), clip(i - hand.start), clip(i - hand.end), clip(i - hand.first),
        clip(i - hand.headline) if hand.headline is not None else NONE, i / n, clip(n - i),
        float(is_link_header(line, i)), float(is_listing_row(text)), float(IMAGE_FILE.match(text) is not None),
        float(CLOCK_TIME.match(text) is not None), float(is_stamped(text)), float(title_like(text)),
        float(title_cased(text)), float(is_date_only(text)),
        float(SENTENCE_END.search(text) is not None), float(text.endswith(":")), digit_share, upper_share, punctuation,
        float("://" in text or "www." in text), float(text.startswith("[")), float(text.count("|")),
        float(listed), float(i > 0 and is_teaser(page.lines, hand.prose, hand.indent, i)), float(is_doubled(text)),
        float(is_site_notice(text)), float(min(repeats, 5)), float(i >= thread), float(NUMBERED.match(text) is not None),
    ]


def distances(flags: list[bool]) -> tuple[list[float], list[float]]:
    """For each index, how far the nearest flagged index above and below it is (NONE: there is none)."""
    above, below = [NONE] * len(flags), [NONE] * len(flags)
    last = None
    for i, flag in enumerate(flags):
        above[i] = clip(i - last) if last is not None else NONE
        if flag:
            last = i
    last = None
    for i in range(len(flags) - 1, -1, -1):
        below[i] = clip(last - i) if last is not None else NONE
        if flags[i]:
            last = i
    return above, below


def blocks(lines: list[Line], words: list[int], prose: list[bool]) -> list[tuple[int, int, float, bool]]:
    """For each line, its glued block (lines with no blank line between them): (its lines, the line's place in it,
    the share of its words in prose lines, whether a line of it is a date or ends in a clock time)."""
    found = []
    start = 0
    for end in range(1, len(lines) + 1):
        if end < len(lines) and not lines[end].blank_before:
            continue
        size = end - start
        total = sum(words[start:end])
        prose_share = sum(w for w, p in zip(words[start:end], prose[start:end]) if p) / total if total else 0.0
        dated = any(is_date_only(ln.text) or is_stamped(ln.text) for ln in lines[start:end])
        found += [(size, i - start, prose_share, dated) for i in range(start, end)]
        start = end
    return found


def line_features(page: Page, hand: HandRegion) -> np.ndarray:
    """One row of FEATURES for every line of the page."""
    lines = page.lines
    n = len(lines)
    words = [word_count(ln.text) for ln in lines]
    prose = hand.prose
    prose_words = np.array([w if p else 0 for w, p in zip(words, prose)], dtype=np.float64)
    cumulative = np.concatenate(([0.0], np.cumsum(prose_words)))
    prose_count = np.concatenate(([0.0], np.cumsum(np.array(prose, dtype=np.float64))))
    total = cumulative[-1]
    listed = listed_lines(lines)
    thread = thread_start(lines)
    counts = Counter(ln.text for ln in lines)
    at_body = [p and ln.indent == hand.indent and not ln.bullet for ln, p in zip(lines, prose)]
    body_above, body_below = distances(at_body)
    run = hand.end - hand.start
    glued = blocks(lines, words, prose)
    page_row = [math.log1p(n), math.log1p(total),
                (cumulative[hand.end] - cumulative[hand.start]) / total if total else 0.0, math.log1p(run)]
    rows = []
    for i, line in enumerate(lines):
        low, high = max(0, i - NEAR), min(n, i + NEAR + 1)
        context = [
            float(i > 0 and prose[i - 1]), float(i + 1 < n and prose[i + 1]),
            float(i > 1 and prose[i - 2]), float(i + 2 < n and prose[i + 2]),
            float(min(words[i - 1], 300)) if i > 0 else 0.0, float(min(words[i + 1], 300)) if i + 1 < n else 0.0,
            (prose_count[high] - prose_count[low]) / (high - low),
            math.log1p(cumulative[high] - cumulative[low]),
            math.log1p(cumulative[min(n, i + WIDE + 1)] - cumulative[max(0, i - WIDE)]),
            float(i > 0 and lines[i - 1].indent == line.indent), float(i + 1 < n and lines[i + 1].indent == line.indent),
            cumulative[i] / total if total else 0.0, body_above[i], body_below[i],
            math.log1p(glued[i][0]), float(min(glued[i][1], REACH)), glued[i][2], float(glued[i][3]),
        ]
        rows.append(own_features(page, hand, i, line, words[i], listed[i], thread, counts[line.text]) + context + page_row)
    return np.array(rows, dtype=np.float64).reshape(n, len(FEATURES))
