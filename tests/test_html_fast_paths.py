"""The HTML path's shortcuts give what the longer way gives: the text normalisation's skipped scans,
the Python filters that replaced EXSLT XPaths, the full-pass test."""
from __future__ import annotations

import pytest

from pipeline.decode import normalise
from pipeline.extract.html import is_prose, parse_html, prune
from pipeline.metadata.html_evidence import add_byline_fallback, add_date_elements, add_dates_by_the_headline
from pipeline.page import Page

PAGE = """<html><head><title>Storm closes the coast road - Harbour Gazette</title>
<meta name="author" content="Ann Lee"><link rel="canonical" href="https://gazette.example/news/storm"></head>
<body><div class="comment-list"><a href="/author/troll">Troll</a><p>By Someone Else</p></div>
<div class="Post-Meta"><span>Filed 3 March 2021, 10:15</span></div><a rel="author" href="/people/ann-lee">Ann Lee</a>
<article><p>The coast road was closed on Wednesday after the storm brought down trees along a two mile stretch.</p></article>
</body></html>"""


def empty_page() -> Page:
    return Page(id="case", path="case.html", raw=b"")


@pytest.mark.parametrize("text, expected", [
    ("plain ascii  \nno trailing\t\n", "plain ascii\nno trailing\n"),
    ("crlf line \r\nold mac\rend", "crlf line\nold mac\nend"),
    ("nul\x00byte", "nulbyte"),
    ("no\u00a0break\u2003em \u200b\nzero\u200bwidth\ufeff", "no break em\nzerowidth"),
    ("Putin\u02bcs e\u0301", "Putin\u2019s \u00e9"),
    ("", ""),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_date_element_class_is_matched_in_any_case():
    page = empty_page()
    add_date_elements(page, parse_html(PAGE))
    assert [(c.value, c.origin) for c in page.candidates_for("published")] == [
        ("3 March 2021 10:15", "date element <div class=Post-Meta>")]


def test_byline_fallback_skips_the_comments():
    page = empty_page()
    add_byline_fallback(page, parse_html(PAGE))
    assert [c.value for c in page.candidates_for("authors")] == ["Ann Lee"]


def test_a_long_line_of_japanese_is_prose_and_a_menu_is_not():
    assert is_prose("東京都は水曜日、沿岸の道路を閉鎖したと発表した。嵐で倒れた木が約三キロにわたって道をふさいだという。")
    assert not is_prose("ホーム ニュース スポーツ")
    assert not is_prose("Home News Sport Weather")
    assert is_prose("The coast road was closed on Wednesday after the storm brought down trees.")


@pytest.mark.parametrize("byline, name", [
    ("<p>by <a href='/u/kit'>Kit Marlow</a></p>", "Kit Marlow"),
    ("<p class='meta'>Written by <a href='/u/kit'>Kit Marlow</a></p>", "Kit Marlow"),
    ("<div class='meta'><div>By</div><div>Kit Marlow</div><div>6 min read</div></div>", "Kit Marlow"),
    ("<p><span class='icon'></span>BY KIT MARLOW</p>", "KIT MARLOW"),
    ("<div><h3>Author</h3><p>Kit Marlow</p></div>", "Kit Marlow"),
    ("<div><span>Written by:</span><picture><img src='k.jpg' alt=''></picture><span>Kit Marlow</span></div>", "Kit Marlow"),
    ("<div class='tags'><strong>Contributors:</strong> Kit Marlow</div>", "Kit Marlow"),
    ("<nav><a href='/browse'>by topic</a></nav><p>By <a href='/u/kit'>Kit Marlow</a></p>", "Kit Marlow"),
    ("<p>By <a href='/u/kit'>Kit Marlow</a> <a href='/print'>Read the print edition of this issue</a></p>",
     "Kit Marlow"),
])
def test_a_byline_element_in_any_case_or_with_its_label_apart_is_found(byline, name):
    page = empty_page()
    add_byline_fallback(page, parse_html(f"<html><body><h1>Storm closes the coast road</h1>{byline}"
                                         "<p>Bypass roads stay open, by order of the council, until the storm ends.</p>"
                                         "</body></html>"))
    [candidate] = page.candidates_for("authors")
    assert name in candidate.value and candidate.origin.startswith("'By' element")


@pytest.mark.parametrize("body, origin", [
    ("<a href='/authors/kit-marlow'><img src='k.jpg' alt=''></a><a href='/authors/kit-marlow'>Kit Marlow</a>",
     "author link <a>"),   # a link without text gives way to the next one
    ("<h1>Storm closes the coast road</h1><a href='/magazine/contributor/kit_marlow'>Kit Marlow</a>", "author link <a>"),
    ("<h1>Storm closes the coast road</h1><p>Story text.</p><div class='author-box'><img src='k.jpg' alt=''>"
     "<h4 class='author-box__name'>Kit Marlow</h4><div class='author-box__bio'>Former coast guard</div></div>",
     "author element <h4>"),   # an author box gives the name it marks, without the bio
    ("<h1>Storm closes the coast road</h1><p class='wp-block-post-author__name'>Kit Marlow</p><p>Story text.</p>"
     "<div class='comment-author vcard'>Sam Troll</div>", "author element <p>"),   # a commenter's is no byline
])
def test_an_author_link_or_an_element_whose_class_names_the_author_gives_the_name(body, origin):
    page = empty_page()
    add_byline_fallback(page, parse_html(f"<html><body>{body}</body></html>"))
    assert [(c.value, c.origin) for c in page.candidates_for("authors")] == [("Kit Marlow", origin)]


@pytest.mark.parametrize("html, dates", [
    ("<nav>Menu</nav><h1>Storm closes the coast road</h1><p><a href='/u/kit'>Kit Marlow</a> <span>Mar 5, 2021</span></p>"
     "<p>The coast road was closed on Wednesday.</p>", [("Mar 5, 2021", "date by the headline (below)", 1.2)]),
    ("<h5>January 23, 2021</h5><h1>Storm closes the coast road</h1><div>Last updated:</div><div>Dec 12, 2021</div>",
     [("January 23, 2021", "date by the headline (above)", 1.2),
      ("Dec 12, 2021", "date by the headline (below, an update)", 0.6)]),
    ("<h1>Storm closes the coast road</h1><script>var shown = 'May 2, 2020';</script><p>The road was closed.</p>", []),
    ("<h1>Storm closes the coast road</h1><p>The road was closed.</p><footer>Last updated: May 2, 2021</footer>", []),
])
def test_a_date_printed_by_the_headline_is_a_candidate(html, dates):
    page = empty_page()
    add_dates_by_the_headline(page, parse_html(f"<html><body>{html}</body></html>"))
    assert [(c.value, c.origin, c.weight) for c in page.candidates_for("published")] == dates
