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
from pipeline.textbody.hand import CLOCK_TIME, IMAGE_FILE, NUMBERED, HandRegion, is_stamped, is_teaser, title_cased
from pipeline.textutil import (SENTENCE_END, char_classes, is_date_only, is_doubled, is_link_header, is_listing_row,
                               is_site_notice, word_count)

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


def clipped(values: np.ndarray) -> np.ndarray:
    """clip() for a whole column."""
    return np.clip(values, -REACH, REACH).astype(np.float64)


def shape(text: str) -> tuple[float, float, float]:
    """Shares of digits and of capitals among letters, punctuation marks per word."""
    classes, others = char_classes(text)
    other_letters = [char for char in others if char.isalpha()]
    digits = classes.count(b"d") + sum(map(str.isdigit, others))
    upper = classes.count(b"u") + sum(map(str.isupper, other_letters))
    letters = classes.count(b"u") + classes.count(b"l") + len(other_letters)
    punctuation = classes.count(b"p")
    return digits / len(text), upper / letters if letters else 0.0, punctuation / max(1, len(text.split()))


def shifted(values: np.ndarray, by: int) -> np.ndarray:
    """values[i - by] at i (a line's neighbour `by` lines above; below when negative), 0 where there is none."""
    result = np.zeros(len(values), dtype=np.float64)
    if by > 0:
        result[by:] = values[:-by]
    else:
        result[:by] = values[-by:]
    return result


def own_columns(page: Page, hand: HandRegion, words: list[int]) -> dict[str, object]:
    """The LINE_FEATURES of every line, one column each."""
    lines = page.lines
    texts = [line.text for line in lines]
    n = len(lines)
    index = np.arange(n)
    indents = np.array([line.indent for line in lines])
    bullets = np.array([line.bullet for line in lines], dtype=bool)
    at_indent = (indents == hand.indent) & ~bullets
    counts = Counter(texts)
    shapes = np.array([shape(text) for text in texts], dtype=np.float64).reshape(n, 3)
    return {
        "words": np.minimum(words, 300), "chars": list(map(math.log1p, map(len, texts))), "prose": hand.prose,
        "at_indent": at_indent,
        "indent_gap": clipped(indents - hand.indent) if hand.indent is not None else np.full(n, NONE),
        "indent": np.minimum(indents, REACH), "bullet": bullets, "blank_before": [line.blank_before for line in lines],
        "hand_score": hand.scores, "in_hand_run": (hand.start <= index) & (index < hand.end),
        "to_run_start": clipped(index - hand.start), "to_run_end": clipped(index - hand.end),
        "to_first_paragraph": clipped(index - hand.first),
        "to_headline": clipped(index - hand.headline) if hand.headline is not None else np.full(n, NONE),
        "position": index / n, "from_end": clipped(n - index),
        "link_header": [is_link_header(line, i) for i, line in enumerate(lines)],
        "listing_row": list(map(is_listing_row, texts)),
        "image_file": [IMAGE_FILE.match(text) is not None for text in texts],
        "clock_time": [CLOCK_TIME.match(text) is not None for text in texts],
        "stamped": list(map(is_stamped, texts)), "title_like": list(map(title_like, texts)),
        "title_cased": list(map(title_cased, texts)), "date_only": list(map(is_date_only, texts)),
        "sentence_end": [SENTENCE_END.search(text) is not None for text in texts],
        "ends_colon": [text.endswith(":") for text in texts],
        "digit_share": shapes[:, 0], "upper_share": shapes[:, 1], "punctuation_per_word": shapes[:, 2],
        "has_url": ["://" in text or "www." in text for text in texts],
        "bracketed": [text.startswith("[") for text in texts], "pipes": [text.count("|") for text in texts],
        "listed": hand.listed, "teaser": [i > 0 and is_teaser(lines, hand.prose, hand.indent, i) for i in range(n)],
        "doubled": list(map(is_doubled, texts)), "site_notice": list(map(is_site_notice, texts)),
        "repeats": [min(counts[text], 5) for text in texts], "in_thread": index >= hand.thread,
        "numbered": [NUMBERED.match(text) is not None for text in texts],
    }


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


def context_columns(page: Page, hand: HandRegion, words: list[int]) -> dict[str, object]:
    """The CONTEXT_FEATURES and PAGE_FEATURES of every line, one column each."""
    lines = page.lines
    n = len(lines)
    index = np.arange(n)
    prose = np.array(hand.prose, dtype=np.float64)
    capped_words = np.minimum(words, 300).astype(np.float64)
    cumulative = np.concatenate(([0.0], np.cumsum(prose * words)))   # prose words before each line
    prose_count = np.concatenate(([0.0], np.cumsum(prose)))
    total = cumulative[-1]
    at_body = [p and ln.indent == hand.indent and not ln.bullet for ln, p in zip(lines, hand.prose)]
    body_above, body_below = distances(at_body)
    indents = np.array([ln.indent for ln in lines])
    same_indent = indents[1:] == indents[:-1]
    low, high = np.maximum(0, index - NEAR), np.minimum(n, index + NEAR + 1)
    wide_low, wide_high = np.maximum(0, index - WIDE), np.minimum(n, index + WIDE + 1)
    glued = blocks(lines, words, hand.prose)
    return {
        "prose_above": shifted(prose, 1), "prose_below": shifted(prose, -1),
        "prose_above_2": shifted(prose, 2), "prose_below_2": shifted(prose, -2),
        "words_above": shifted(capped_words, 1), "words_below": shifted(capped_words, -1),
        "near_prose_share": (prose_count[high] - prose_count[low]) / (high - low),
        "near_prose_words": list(map(math.log1p, (cumulative[high] - cumulative[low]).tolist())),
        "wide_prose_words": list(map(math.log1p, (cumulative[wide_high] - cumulative[wide_low]).tolist())),
        "same_indent_above": np.concatenate(([False], same_indent)),
        "same_indent_below": np.concatenate((same_indent, [False])),
        "prose_before_share": cumulative[:n] / total if total else np.zeros(n),
        "to_prose_above": body_above, "to_prose_below": body_below,
        "block_lines": [math.log1p(size) for size, _, _, _ in glued],
        "in_block": [min(place, REACH) for _, place, _, _ in glued],
        "block_prose_share": [share for _, _, share, _ in glued], "block_dated": [dated for _, _, _, dated in glued],
        "page_lines": np.full(n, math.log1p(n)), "page_prose_words": np.full(n, math.log1p(total)),
        "run_prose_share": np.full(n, (cumulative[hand.end] - cumulative[hand.start]) / total if total else 0.0),
        "run_lines": np.full(n, math.log1p(hand.end - hand.start)),
    }


def line_features(page: Page, hand: HandRegion) -> np.ndarray:
    """One row of FEATURES for every line of the page."""
    words = [word_count(ln.text) for ln in page.lines]
    columns = own_columns(page, hand, words) | context_columns(page, hand, words)
    return np.column_stack([columns[name] for name in FEATURES]).astype(np.float64)
