"""Wrapped text dumps (`lynx -dump` at its default 80 columns, or any width) get their paragraphs back:
wrapped lines are joined again, and a dump that is not wrapped comes out as it went in."""
from __future__ import annotations

import textwrap

import pytest

from harbour_story import PARAGRAPHS

from pipeline.extract.text import extract_text, fill_width, text_lines, unwrap
from pipeline.explain import explain
from pipeline.page import Page

ITEMS = [
    "A new concrete deck on steel piles, wide enough for two lorries to pass each other at the landing steps.",
    "Lighting along the whole length of the pier, so that boats can unload safely before dawn in winter.",
]


def lynx_like(width: int, paragraphs: list[str] = PARAGRAPHS) -> str:
    """A made-up dump the way lynx lays a page out at `width` columns: paragraphs indented 3 and filled to
    6 columns short of the width, list items marked '*' at 5 with their wrapped lines under their text."""
    fill = width - 6
    out = ["Harbour board to rebuild the north pier", ""]
    for paragraph in paragraphs:
        out += textwrap.wrap(paragraph, fill, initial_indent="   ", subsequent_indent="   ", break_on_hyphens=False)
        out.append("")
    for item in ITEMS:
        out += textwrap.wrap(item, fill, initial_indent="     * ", subsequent_indent="       ", break_on_hyphens=False)
    return "\n".join(out) + "\n"


def unwrapped() -> str:
    """The same page dumped without wrapping (`lynx -dump -width=10000`)."""
    out = ["Harbour board to rebuild the north pier", ""]
    for paragraph in PARAGRAPHS:
        out += ["   " + paragraph, ""]
    out += ["     * " + item for item in ITEMS]
    return "\n".join(out) + "\n"


def layout(text: str) -> list[tuple[str, int, bool, bool]]:
    return [(line.text, line.indent, line.bullet, line.blank_before) for line in text_lines(text)]


@pytest.mark.parametrize("width", [80, 60, 100])
def test_the_fill_column_is_found_at_any_width(width):
    assert fill_width(lynx_like(width).splitlines()) == width - 6


@pytest.mark.parametrize("width", [80, 60, 100])
def test_a_wrapped_dump_has_the_paragraphs_and_list_items_of_the_unwrapped_one(width):
    assert layout(lynx_like(width)) == layout(unwrapped())


def test_a_wrapped_list_item_is_one_bulleted_line():
    items = [line for line in text_lines(lynx_like(80)) if line.bullet]
    assert [line.text for line in items] == ITEMS


def test_a_joined_line_keeps_the_number_of_its_first_line():
    dump = lynx_like(80)
    for line in text_lines(dump):
        first = dump.splitlines()[line.no - 1].strip().removeprefix("* ")
        assert line.text.startswith(first) and len(line.text) >= len(first)
    assert [line.no for line in text_lines(dump)][:3] == [1, 3, 7]


def test_a_dump_that_is_not_wrapped_comes_out_as_it_went_in():
    lines = unwrapped().split("\n") + ["   Share this story", "   Read more", "     * Weather", "     * Sport"]
    assert fill_width(lines) is None
    assert unwrap(lines) == list(enumerate(lines, start=1))


def test_lines_of_the_same_block_that_the_next_word_would_have_fitted_on_stay_apart():
    caption = ["   Photo: the north pier after the second storm, with its railings torn away by the waves.",
               "   Tuesday 4 March",   # 'Tuesday' would have fitted on the caption's line: a line of its own
               "   Harbour reporter"]
    dump = lynx_like(80) + "\n" + "\n".join(textwrap.wrap(caption[0], 74, subsequent_indent="   ") + caption[1:]) + "\n"
    texts = [line.text for line in text_lines(dump)]
    assert texts[-3:] == [caption[0].strip(), "Tuesday 4 March", "Harbour reporter"]


def test_a_heading_stays_apart_from_the_paragraph_below_it():
    dump = lynx_like(80).replace("\n\n   Engineers", "\nWhat the engineers found\n\n   Engineers")
    texts = [line.text for line in text_lines(dump)]
    assert texts[2:4] == ["What the engineers found", PARAGRAPHS[1]]


def test_a_word_longer_than_a_line_is_joined_back_without_a_space():
    link = "https://harbour.example/board/minutes/" + "north-pier-rebuilding-decision-" * 3 + "final.pdf"
    sentence = link + " is where the minutes of the meeting are kept."
    cut = ["   " + sentence[:71]] + textwrap.wrap(sentence[71:], 74, initial_indent="   ", subsequent_indent="   ")
    texts = [line.text for line in text_lines(lynx_like(80) + "\n" + "\n".join(cut) + "\n")]
    assert texts[-1] == sentence


def test_a_preformatted_line_cut_at_the_full_width_is_joined_back_as_it_was():
    code = "    total = sum(fee for boat in moorings for fee in boat.fees_due(since=last_invoice, until=today))"
    dump = lynx_like(80) + "\n" + code[:80] + "\n" + code[80:] + "\n"
    assert [line.text for line in text_lines(dump)][-1] == code.strip()


def test_cjk_text_cut_where_the_line_is_full_is_joined_back_without_a_space():
    # lynx breaks text only at spaces: a run of CJK text is a word longer than a line, cut at the fill column
    sentence = "港口委员会周一同意重建北码头，该码头去年冬天两次被风暴损坏。" * 4
    cut = ["   " + sentence[i:i + 71] for i in range(0, len(sentence), 71)]
    assert len(cut) > 1 and len(cut[0]) == 74
    texts = [line.text for line in text_lines(lynx_like(80) + "\n" + "\n".join(cut) + "\n")]
    assert texts[-1] == sentence


def with_link_numbers(paragraphs: list[str]) -> tuple[list[str], int]:
    """The paragraphs as lynx without -nolist prints them: '[n]' before the text of every link (here the
    fourth and eleventh words of each paragraph), numbered in order; and how many links that makes."""
    numbered, n = [], 0
    for paragraph in paragraphs:
        words = paragraph.split()
        for at in (3, 10):
            n += 1
            words[at] = f"[{n}]{words[at]}"
        numbered.append(" ".join(words))
    return numbered, n


def lynx_with_link_list(width: int) -> str:
    """A made-up `lynx -dump` (no -nolist) at `width` columns: numbered links in the text, wrapped with their
    numbers, then the list of their URLs (one broken over two lines, as a URL holding a line break is),
    then the links that show no text."""
    paragraphs, links = with_link_numbers(PARAGRAPHS)
    out = lynx_like(width, paragraphs).splitlines()
    out += ["", "References", "", "   Visible links:"]
    out += [f"{n:4d}. https://harbour.example/news/{n}" for n in range(1, links + 1)]
    out[-3] += "?share=Harbour board to rebuild"
    out.insert(len(out) - 2, "the north pier")
    out += ["", "   Hidden links:", f"{links + 1:4d}. https://harbour.example/track"]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("width", [80, 10000])
def test_a_dump_with_lynx_link_numbers_reads_as_the_same_dump_without_them(width):
    dump = lynx_with_link_list(width)
    assert "[3]" in dump and "References" in dump
    assert layout(dump) == layout(unwrapped())


def test_a_footnote_mark_after_the_numbered_links_stays():
    dump = lynx_with_link_list(80).replace("Residents will", "Residents[1] will", 1)
    texts = [line.text for line in text_lines(dump)]
    assert any(text.startswith("Residents[1] will") for text in texts)
    assert not any("[2]" in text for text in texts)


def test_a_references_heading_over_a_bibliography_stays_in_the_text():
    bibliography = "References\n\n   1. Marsh, A. (2019). Timber piles in salt water. Harbour Works, 12, 40-51.\n"
    texts = [line.text for line in text_lines(unwrapped() + "\n" + bibliography)]
    assert texts[-2:] == ["References", "1. Marsh, A. (2019). Timber piles in salt water. Harbour Works, 12, 40-51."]


def test_the_page_text_read_by_the_metadata_has_no_link_list_or_numbers():
    page = Page(id="p", path="p.txt", text=lynx_with_link_list(80))
    extract_text(page)
    assert "https://harbour.example" not in page.text and "[1]" not in page.text
    assert page.counts["lynx_link_numbers"] == 14


def test_a_list_of_urls_whose_numbers_the_text_does_not_carry_is_no_link_list():
    urls = "References\n\n   1. https://harbour.example/survey-2019\n   2. https://harbour.example/tender\n"
    texts = [line.text for line in text_lines(unwrapped() + "\n" + urls)]
    assert texts[-3:] == ["References", "1. https://harbour.example/survey-2019", "2. https://harbour.example/tender"]


def test_explain_says_the_link_list_went(tmp_path):
    path = tmp_path / "pier.txt"
    path.write_text(lynx_with_link_list(80), encoding="utf-8")
    text, _ = explain(path)
    assert "# lynx's list of links dropped, and its 14 link numbers in the text" in text
    assert "harbour.example" not in text


def test_a_page_run_together_into_one_line_is_read_paragraph_by_paragraph():
    # the text of minified HTML taken as it is: no white space between one element's text and the next
    glued = "HomeNewsSports" + "".join(PARAGRAPHS)
    assert len(glued) >= 1000
    texts = [line.text for line in text_lines(glued + "\n")]
    assert texts == ["HomeNewsSports" + PARAGRAPHS[0], *PARAGRAPHS[1:]]


def test_a_shorter_line_with_a_glued_sentence_or_an_abbreviation_stays_whole():
    line = "The council said.The bridge reopens on Friday, the U.S.Army engineers said."
    assert [text.text for text in text_lines(line)] == [line]
    long_line = " ".join(["The U.S.Army engineers and the council met again on the north pier."] * 20)
    assert [text.text for text in text_lines(long_line)] == [long_line]


def test_a_dump_with_each_element_on_a_line_reads_as_blocks_with_whole_sentences():
    # BeautifulSoup's get_text("\n", strip=True): no blank line, and a link's text on a line of its own
    linked = []
    for paragraph in PARAGRAPHS:
        before, pier, after = paragraph.partition("north pier") if "north pier" in paragraph else (paragraph, "", "")
        linked += [piece.strip() for piece in (before, pier, after) if piece.strip()]
    dump = "\n".join(["Home", "News", "Harbour board to rebuild the north pier", *linked])
    lines = text_lines(dump)
    assert [line.text for line in lines] == ["Home", "News", "Harbour board to rebuild the north pier", *PARAGRAPHS]
    assert all(line.blank_before for line in lines)
