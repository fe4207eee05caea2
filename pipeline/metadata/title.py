"""The title line of a text dump: the best title-like line a little above the body's first paragraph.

A heading (lynx draws them at the left margin; the first one that speaks of the body's subject is
the story's, later ones are its standfirst or a video's), a line whose words the body uses, a line
the page repeats (link header, breadcrumb, share card), near the body. Lines that name the site or
a person, UI labels, bylines and lines a catalog pattern drops are not titles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline.metadata.headline import squashed_names, strip_site_name, title_case_share, title_variants, upper_share
from pipeline.metadata.outlet import folded_outlet_names
from pipeline.metadata.ranking import Option, best_option
from pipeline.metadata.textdump import masthead_names, names_site_or_person
from pipeline.page import Line, Page
from pipeline.rules import Rule, catalog
from pipeline.textutil import TEXTS_REMEMBERED, fold, is_date_only, is_link_header

MODEL = "headline_text"
HEADLINE_LOOKBACK = 25       # the hand-written score's reach above the run
WINDOW_ABOVE = 80            # the lines the model weighs: from this far above the run's start ...
WINDOW_BELOW = 12           # ... to this far below its first paragraph
MAX_REPEATS = 5
BYLINE_NEAR = re.compile(r"^(?:by\b|von\b|par\b|por\b)|\b(?:published|updated|posted)\b", re.I)
BYLINE_REACH = 3   # lines under a title where its byline would be
FURNITURE_PRIOR_COST = 100.0   # the hand-written ranking never takes a line a catalog pattern drops
NO_INDENT = -99.0
FEATURES = ("hand_score", "hand_rank", "to_body", "above_run", "heading", "first_heading", "words", "chars",
            "indent_gap", "overlap", "repeats", "furniture", "site_or_person", "upper_share", "blank_before",
            "options", "cut_site", "cut_date", "cut_parts", "byline_below", "title_case", "site_part")
MASTHEAD_OR_BYLINE_COST = 3.0
HEADING_BONUS = 2.0
FIRST_HEADING_BONUS = 1.0
OVERLAP_WEIGHT = 2.0        # a title speaks of what the body speaks of
STORY_OVERLAP = 0.3
OVERLAP_MIN_WORDS = 3
BODY_SAMPLE_LINES = 60
REPEAT_GAP = 3
BODY_LINE_WORDS = 10         # the body's paragraphs, not the menus and forms after a short body
PICTURE_ALT = re.compile(r"\b(?:logo|wordmark|avatar|headshot|profile (?:image|picture|photo))\b", re.I)   # alt text
PICTURE_ALT_MAX_WORDS = 6
CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
BYLINE = re.compile(r"^by\b|^(?:published|updated|posted)\b", re.I)
ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+$")   # '... Underneath N.Y.C.', '... in the U.S.'
CONTROL = re.compile(r"^\W*(?:\(BUTTON\)|\[|IFRAME:|skip to|share|menu|search|close|sign in|log ?in|subscribe)|_{4}|^\( \)|^\(\*\)", re.I)
CODE = re.compile(r"[;{}]$|\($|\s=\s|\w\(\S")                     # 'var a = 1;', 'with x AS (', 'File.read("x")'
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\d時\d|\d{4}年\d{1,2}月\d{1,2}日")   # a timestamp ...
TIMESTAMP_MAX_WORDS = 6                                             # ... in a short line: a byline's, not a title
MENU = re.compile(r"(?:\s(?:[·•|»>]|>>)\s.*){3}")                   # 'US · UK · France · Italy', 'Home >> News >> ...'


@lru_cache(maxsize=TEXTS_REMEMBERED)
def title_like(text: str) -> bool:
    words = len(text.split())
    ends_like_sentence = text.endswith((".", ",", ":", "。")) and not text.endswith("...") and not ABBREVIATION_END.search(text)
    return (1 <= words <= 30 and len(text) <= 250 and not ends_like_sentence
            and not is_date_only(text) and not BYLINE.search(text) and not CONTROL.search(text)
            and not CODE.search(text) and not MENU.search(text)
            and not (words <= TIMESTAMP_MAX_WORDS and CLOCK.search(text)))


@dataclass
class Surroundings:
    """What a title line is judged against: where the body's first paragraph is, its indentation, its words,
    the names the site's masthead gives."""

    stop: int
    indent: int | None
    everything: str
    body_words: frozenset[str]
    site_names: list[str]


def content_words(text: str) -> set[str]:
    return set(CONTENT_WORD.findall(fold(text)))


def body_overlap(text: str, body_words: frozenset[str]) -> float | None:
    """Share of the line's content words the body uses, counted over at least OVERLAP_MIN_WORDS so that
    a one-word label the body happens to use ('Markets') is no sure title (None when the line has no
    content words, e.g. CJK)."""
    words = content_words(text)
    return len(words & body_words) / max(len(words), OVERLAP_MIN_WORDS) if words else None


def headline_score(page: Page, i: int, around: Surroundings) -> float:
    """How much line i looks like the headline of the body that `around` describes."""
    line = page.lines[i]
    title = line.text.casefold()
    score = 1.0 - (around.stop - i) / (HEADLINE_LOOKBACK + 1)
    if line.words >= 3:
        score += 1.0
    if is_heading(line, around.indent):
        score += HEADING_BONUS           # lynx draws headings at the left margin
    if around.indent is not None and line.indent > around.indent + 20:
        score += 1.0
    if len(title) >= 12 and around.everything.count(title) > 1:
        score += 2.0
    overlap = body_overlap(line.text, around.body_words)
    if overlap is not None:
        score += OVERLAP_WEIGHT * overlap
    if names_site_or_person(line.text, around.site_names) or names_outlet(line.text):
        score -= MASTHEAD_OR_BYLINE_COST   # the site's name or the author's, not the story's title
    return score


def headline_index(page: Page, start: int, stop: int, indent: int | None) -> int | None:
    """The title line the `headline_text` model scores best among the title-like lines from well above the
    run's start down to its first body paragraph; it gives the headline (that line, or its part that does
    not name the site). The options are kept on the page (page.options)."""
    options = title_line_options(page, start, stop, indent)
    page.options["headline"] = options
    chosen = best_option(page, "headline", MODEL, options, FEATURES)
    if chosen is None:
        return None
    option, score = chosen
    page.values["headline"] = str(option.value)
    page.origins["headline"] = f"{option.origin} (model {MODEL} {score:.2f})"
    return option.line


def title_line_options(page: Page, start: int, stop: int, indent: int | None) -> list[Option]:
    """Every title-like line of the window (and, when a part of it names the site, the line without that
    part), with the hand-written score of a title line and what it is made of as features."""
    titles = [i for i in range(max(0, start - WINDOW_ABOVE), min(len(page.lines), stop + WINDOW_BELOW))
              if not page.lines[i].bullet and title_like(page.lines[i].text) and not is_link_header(page.lines[i], i)]
    if not titles:
        return []
    body = " ".join(ln.text for ln in page.lines[stop:stop + BODY_SAMPLE_LINES] if ln.words >= BODY_LINE_WORDS)
    around = Surroundings(stop, indent, page.text.casefold(), frozenset(content_words(body)),
                          [name for name, _ in masthead_names(page)])
    first_heading = next((i for i in titles if opens_story(page.lines[i], around) and not is_furniture(page.lines[i].text)),
                         None)
    scores = {i: headline_score(page, i, around) + (FIRST_HEADING_BONUS if i == first_heading else 0.0) for i in titles}
    ranks = {i: rank for rank, i in enumerate(sorted(titles, key=lambda i: (scores[i], i), reverse=True))}
    site = squashed_names(around.site_names) | known_site_names()
    options = []
    for i in titles:
        line = page.lines[i]
        overlap = body_overlap(line.text, around.body_words)
        features = {
            "hand_score": scores[i], "hand_rank": float(ranks[i]), "to_body": float(stop - i),
            "above_run": float(i < start), "heading": float(is_heading(line, indent)),
            "first_heading": float(i == first_heading), "words": float(line.words), "chars": float(len(line.text)),
            "indent_gap": float(line.indent - indent) if indent is not None else NO_INDENT,
            "overlap": overlap if overlap is not None else -1.0, "repeats": float(min(
                around.everything.count(line.text.casefold()), MAX_REPEATS)) if len(line.text) >= 12 else 0.0,
            "furniture": float(is_furniture(line.text)),
            "site_or_person": float(names_site_or_person(line.text, around.site_names) or names_outlet(line.text)),
            "upper_share": upper_share(line.text), "blank_before": float(line.blank_before),
            "options": float(len(titles)), "byline_below": float(any(
                BYLINE_NEAR.search(ln.text) or is_date_only(ln.text) for ln in page.lines[i + 1:i + 1 + BYLINE_REACH])),
            "title_case": title_case_share(line.text),
            "site_part": float(strip_site_name(line.text, site) != line.text),   # the model weighs the cut against it
        }
        outside = i < start - HEADLINE_LOOKBACK or i >= stop   # the hand-written rule looks no further
        prior = scores[i] + i / 1000 - FURNITURE_PRIOR_COST * (features["furniture"] + outside)
        for value, how in title_variants(line.text, site):
            options.append(Option(value, f"title line {line.no}" + (" (cut)" if how else ""), {**features, **how},
                                  line=i, prior=prior - bool(how)))
    return options


def opens_story(line: Line, around: Surroundings) -> bool:
    """A heading of a few words that speaks of what the body speaks of (not a section's label)."""
    overlap = body_overlap(line.text, around.body_words)
    return (is_heading(line, around.indent) and line.words >= 3
            and (overlap is None or overlap >= STORY_OVERLAP))


def names_outlet(text: str) -> bool:
    """A well-known outlet's name ('The Washington Post'), the site's logo ('Site Logo - Home') or a person's picture
    ("Ann Lee's avatar", 'Ann Lee Profile Image') as text browsers print its alt text."""
    return fold(text) in folded_outlet_names() or (len(text.split()) <= PICTURE_ALT_MAX_WORDS
                                                    and bool(PICTURE_ALT.search(text)))


def is_heading(line: Line, indent: int | None) -> bool:
    """Lynx draws headings at the left margin, left of the body's paragraphs."""
    return indent is not None and line.indent < indent


def is_furniture(text: str) -> bool:
    """A line one of the catalog's line patterns drops (a label, a credit, a byline) is no headline."""
    return any(rule.action == "drop" and rule.matches(text) for rule in line_rules())


@cache
def known_site_names() -> frozenset[str]:
    return squashed_names(folded_outlet_names())


@cache
def line_rules() -> tuple[Rule, ...]:
    return tuple(rule for rule in catalog() if rule.patterns and rule.site is None and "text" in rule.formats)
