"""Limits: what a limit cuts off a page is said in the record's warnings and counted in _run.json; a page
that cannot be cleaned after a limit cut it is rejected for that limit, not as if it held no article."""
from __future__ import annotations

import json

import pytest

from pipeline.extract.text import MAX_LINE
from pipeline.runner import Settings, run

HEADLINE = "Harbour committee agrees on the new quay"
PARAGRAPHS = [
    "The harbour committee agreed on Tuesday evening to build the new quay beside the old fish market, after "
    "a long debate about the cost of dredging the channel and the loss of moorings for small boats.",
    "Members asked the engineers for a second estimate before the work is put out to tender in the spring, and "
    "said the public would be able to see the plans in the library for a month.",
    "The chairman said the quay would be finished within two years if the second estimate came in under budget.",
]

LONG_LINE = " ".join(PARAGRAPHS[1:] * 80)   # sentences with their spaces: nowhere glued, one line over the limit


def article_text(long_paragraph: str = "") -> str:
    return "\n\n".join([HEADLINE, PARAGRAPHS[0], long_paragraph or PARAGRAPHS[1], PARAGRAPHS[2]]) + "\n"


def deep_html() -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return (f"<!doctype html><html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>{body}"
            + "<div>" * 300 + "<p>Deep inside the page.</p>" + "</div>" * 300 + "</article></body></html>")


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """A run over a page of one 5 MB line, an article with a line over the limit, and a page nested too deep."""
    pages = tmp_path_factory.mktemp("limits")
    (pages / "one-line.txt").write_text("data:" + "0123456789abcdef" * 312_500, "utf-8")
    (pages / "long-line.txt").write_text(article_text(LONG_LINE), "utf-8")
    (pages / "deep.html").write_text(deep_html(), "utf-8")
    out = pages / "out"
    return run(pages, out, Settings(workers=1), progress=False), out


def test_a_page_lost_to_a_limit_is_rejected_for_the_limit(limited):
    _, out = limited
    rejection = json.loads((out / "_rejected.jsonl").read_text("utf-8"))
    assert (rejection["path"], rejection["reasons"]) == ("one-line.txt", ["line_too_long"])  # was no_body
    assert rejection["detail"] == (f"line 1 (5000005 characters) cut to the {MAX_LINE}-character limit; "
                                   "then no_body: every line was boilerplate")


def test_a_record_says_what_a_limit_cut_off_it(limited):
    _, out = limited
    long_line = json.loads((out / "long-line.json").read_text("utf-8"))
    assert long_line["warnings"] == [f"line_too_long: line 5 ({len(LONG_LINE)} characters) "
                                     f"cut to the {MAX_LINE}-character limit"]
    deep = json.loads((out / "deep.json").read_text("utf-8"))
    assert [warning.split(":")[0] for warning in deep["warnings"]] == ["parser_limit"]
    assert "Excessive depth" in deep["warnings"][0] and "Deep inside" not in deep["body"]


def test_the_run_summary_counts_the_warnings(limited):
    summary, out = limited
    assert summary["warnings"] == {"line_too_long": 2, "parser_limit": 1}  # rejected pages' warnings count too
    assert json.loads((out / "_run.json").read_text("utf-8"))["warnings"] == summary["warnings"]
