"""Markdown dumps (html2text and the like) read as the page's text: no URLs, no marks, paragraphs whole."""
from __future__ import annotations

import textwrap

import pytest
from harbour_story import PARAGRAPHS

from pipeline.explain import explain
from pipeline.extract.markdown import is_markdown, joined_lines, plain_line
from pipeline.extract.text import text_lines



@pytest.mark.parametrize("markdown, plain", [
    ("Read the [full survey](https://harbour.example/survey-2019 \"Survey\") first.", "   Read the full survey first."),
    ("![The north pier at dawn](/img/pier.jpg)", "   [The north pier at dawn]"),
    ("[![](/img/logo.png)](/)", "   "),
    ("[![Harbour Board logo](/img/logo.png) Home](/)", "   [Harbour Board logo] Home"),
    ("## What happens next ##", "What happens next"),
    ("The **board** met on _Monday_ in the *old* hall", "   The board met on Monday in the old hall"),
    ("Set tide_gauge_offset in `pier.cfg` first", "   Set tide_gauge_offset in pier.cfg first"),
    ("| Pier | Length |", "   Pier   Length"),
    ("|---|:---:|", ""),
    ("```python", ""),
    ("[1]: https://harbour.example/minutes", ""),
    ("* * *", ""),
    ("=======", ""),
    ("Costs rose 5\\% \\(see below\\)", "   Costs rose 5% (see below)"),
    ("> The pier is the town's front door.", "   The pier is the town's front door."),
    ("  * [Tide tables](/tides)", "     * Tide tables"),
    ("See <https://harbour.example/plans>", "   See https://harbour.example/plans"),
])
def test_a_markdown_line_reads_as_its_words(markdown, plain):
    assert plain_line(markdown) == plain


def test_lines_join_as_markdown_joins_them():
    lines = ["A paragraph wrapped", "over two lines.", "", "  * an item", "  * another item", "", "Hard break  ",
             "after it", "", "[a link](https://harbour.example/a-very-long-", "address) goes on", "```", "code line one",
             "code line two", "```", "### A heading a wrapper", "broke in two",
             "", "Underlined heading", "=================="]
    assert [text for _, text in joined_lines(lines)] == [
        "A paragraph wrapped over two lines.", "", "  * an item", "  * another item", "", "Hard break  ", "after it", "",
        "[a link](https://harbour.example/a-very-long-address) goes on", "```", "code line one", "code line two", "```",
        "### A heading a wrapper broke in two", "", "Underlined heading", "=================="]
    assert [no for no, _ in joined_lines(lines)][:3] == [1, 3, 4]


def markdown_page(width: int | None) -> str:
    """A made-up article as html2text writes one (wrapped at `width` columns, or not at all)."""
    wrap = (lambda text: textwrap.wrap(text, width, break_on_hyphens=False)) if width else (lambda text: [text])
    out = ["[![Harbour Board](/img/logo.png)](/)", "", "  * [News](/news)", "  * [Tides](/tides)", "",
           "# Harbour board to rebuild the north pier", ""]
    for paragraph in PARAGRAPHS:
        linked = paragraph.replace("north pier", "[north pier](https://harbour.example/places/the-north-pier-and-slipway)")
        out += wrap(linked.replace("Engineers", "**Engineers**")) + [""]
    out += ["![The pier after the storm](https://harbour.example/img/storm.jpg)", ""]
    return "\n".join(out)


@pytest.mark.parametrize("width", [None, 78])
def test_a_markdown_dump_has_the_paragraphs_of_the_page(width):
    texts = [line.text for line in text_lines(markdown_page(width))]
    assert texts == ["[Harbour Board]", "News", "Tides", "Harbour board to rebuild the north pier", *PARAGRAPHS, "[The pier after the storm]"]


def test_a_dump_that_quotes_some_markdown_is_no_markdown_dump():
    quoting = "\n".join(["   " + paragraph for paragraph in PARAGRAPHS * 12]
                        + ["   Write links as [text](https://example.org) in the form:", "   [a](b) [c](d)"])
    assert not is_markdown(quoting, quoting.splitlines())
    assert "[text](https://example.org)" in [line.text for line in text_lines(quoting)][-2]
    assert is_markdown(markdown_page(78), markdown_page(78).splitlines())


def test_explain_says_the_dump_was_read_as_markdown(tmp_path):
    path = tmp_path / "pier.md.txt"
    path.write_text(markdown_page(78), encoding="utf-8")
    text, _ = explain(path)
    assert "# read as Markdown" in text and "harbour.example" not in text
