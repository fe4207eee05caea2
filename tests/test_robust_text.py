"""Random and adversarial text through the text stages and the rule engine: they never raise (a page
is a record or a Rejected), every kept line comes from the input, and no rule's pattern backtracks
for long on long lines of punctuation and spaces."""
from __future__ import annotations

import textwrap
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.page import Line, Page, Rejected
from pipeline.rules import apply_rules, catalog
from pipeline.stages import process

PIECES = [".", " ", ". ", "-", ",", "!", "?", "|", ":", "/", "*", "\u2022", "\u00a9", "\u2014", "\t", "\n", "\n\n",
          "a", "Word ", "The ", "By ", "Photo: ", "Getty", "http://", "2019", "January 5, 2020 ", "Mr. ", "\u00a0",
          "  \u2022 ", "Share", "Advertisement", "\u65e5\u672c", "(AP)", "\u200b", "\ufffd"]
adversarial = st.lists(st.tuples(st.sampled_from(PIECES), st.integers(1, 400)), max_size=12).map(
    lambda runs: "".join(piece * n for piece, n in runs))
texts = st.one_of(st.text(max_size=3000), adversarial, st.lists(st.one_of(st.text(max_size=200), adversarial),
                                                                 max_size=8).map("\n".join))
wrapped = st.tuples(st.lists(st.one_of(st.text(max_size=400), adversarial), max_size=8), st.integers(8, 140)).map(
    lambda pieces_width: "\n\n".join(textwrap.fill(p, pieces_width[1]) for p in pieces_width[0]))
FAST = settings(max_examples=120, deadline=3000, suppress_health_check=[HealthCheck.too_slow])


def is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


def assert_kept_lines_come_from(page: Page, source: str) -> None:
    """Every kept line is text of the page: a line of it, or lines of it joined again after wrapping."""
    unbroken = "".join(source.split())
    for line in page.lines:
        if line.kept and line.text:
            assert line.original in source or "".join(line.original.split()) in unbroken, line.original[:80]
            assert is_subsequence(line.text, line.original), (line.text[:80], line.original[:80])


@FAST
@given(st.one_of(texts, wrapped))
def test_a_text_page_never_raises_and_keeps_only_its_own_lines(text):
    page = Page(id="x", path="x.txt", raw=text.encode("utf-8", errors="surrogatepass"))
    try:
        process(page)
    except Rejected as rejected:
        assert rejected.reason
    assert_kept_lines_come_from(page, page.text)
    if page.record is not None:
        for paragraph in page.record.body.split("\n\n"):
            assert any(paragraph in " ".join(ln.text.split()) for ln in page.kept_lines()), paragraph[:80]


@FAST
@given(st.lists(st.one_of(adversarial, st.text(max_size=300)), min_size=1, max_size=30))
def test_the_rule_engine_never_raises_and_only_removes_or_trims(lines):
    page = Page(id="x", path="x.txt", format="text", text="\n".join(lines))
    page.lines = [Line(no=i, text=t.strip()) for i, t in enumerate(lines, start=1) if t.strip()]
    page.region = (0, len(page.lines))
    before = [ln.text for ln in page.lines]
    apply_rules(page)
    assert [ln.original for ln in page.lines] == before
    assert_kept_lines_come_from(page, page.text)


LONG = 20_000  # the longest line the text extractor keeps
HOSTILE_LINES = ([ch * LONG for ch in ".-,!?|:/ *\u2022\u00a9\u2014"]
                 + [". " * (LONG // 2), " ," * (LONG // 2) + "x", "a " * (LONG // 2) + "!", "1" * LONG + "x",
                    "A" * LONG + "a", "By " * (LONG // 3), "http://" + "a/" * (LONG // 2), "a." * (LONG // 2),
                    "Mr. " * (LONG // 4), "January 1, " * (LONG // 11), " " * LONG + "x", "aa " * (LONG // 3) + "|"])


@pytest.mark.parametrize("rule", catalog(), ids=lambda r: r.id)
def test_no_pattern_backtracks_on_long_hostile_lines(rule):
    started = time.perf_counter()
    for line in HOSTILE_LINES:
        for pattern in rule.patterns:
            pattern.search(line)
    assert time.perf_counter() - started < 1.0, f"{rule.id} is slow on long lines: check for nested or overlapping repeats"


TAGS = ["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<title>", "</title>", "<script>", "<!--", "-->", "<br>",
        "<meta charset=\"shift_jis\">", "<![CDATA[", "<!DOCTYPE html>", "&amp;", "&#0;", "&#xD800;", "&bogus;", "<a href=x>"]
html_like = st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=80)), max_size=40).map("".join)


@FAST
@given(st.one_of(st.binary(max_size=2000), html_like.map(lambda s: s.encode("utf-8", errors="surrogatepass"))))
def test_any_bytes_as_html_end_as_a_record_or_a_rejection(data):
    page = Page(id="x", path="x.html", raw=data)
    try:
        process(page)
    except Rejected as rejected:
        assert rejected.reason
