"""Metadata of whole made-up pages: headline fallbacks, dates in the publisher's day and never a copyright year,
people as authors, outlets, datelines, language and the CJK word count."""
from __future__ import annotations

import pytest

from pipeline.metadata.authors import clean_names
from pipeline.metadata.language import iso_code
from pipeline.metadata.outlet import clean_outlet
from pipeline.page import Page
from pipeline.stages import process
from pipeline.textutil import body_word_count

PARAGRAPHS = ("<p>The city council voted on Monday to rebuild the old harbour bridge, which has been closed to traffic "
              "since the storm in March, and to pay for the work with a new toll.</p>"
              "<p>Engineers said the bridge could reopen next spring if the council approves the toll plan this "
              "winter, and the mayor said the vote was the most important of her term.</p>"
              "<p>Residents who cross the harbour every day said they would welcome the bridge back, even with "
              "a toll, after months of long detours through the city centre.</p>")


def record(head: str, body: str, name: str = "page.html"):
    page = Page(id="page", path=name, raw=f"<html><head>{head}</head><body>{body}</body></html>".encode())
    return process(page)


# headline: never rejected for it; fallbacks before null (issue 12)

def test_a_page_without_title_tags_takes_its_headline_from_the_first_heading():
    page = record("", f"<article><h3>Council votes to rebuild the harbour bridge</h3>{PARAGRAPHS}</article>")
    assert page.record.headline == "Council votes to rebuild the harbour bridge"
    assert not page.warnings


def test_a_page_without_any_title_takes_its_headline_from_the_url_slug():
    page = record('<link rel="canonical" href="https://news.example/2021/05/council-votes-to-rebuild-bridge.html">',
                  f"<article>{PARAGRAPHS}</article>")
    assert page.record.headline == "Council votes to rebuild bridge"


def test_a_page_with_no_title_anywhere_is_a_record_with_a_null_headline_and_a_warning():
    page = record("", f"<article>{PARAGRAPHS}</article>")
    assert page.record.headline is None
    assert page.record.warnings and page.record.warnings[0].startswith("no_headline:")


# dates: the publisher's day; never a copyright line, a year alone or a 'last updated' footer (issue 12)

def test_a_copyright_year_is_never_the_publication_date():
    page = record("<title>Council votes to rebuild the harbour bridge</title>",
                  f"<article>{PARAGRAPHS}</article><footer><p>© 2021 Harbour News. All rights reserved.</p></footer>")
    assert page.record.date is None


def test_a_year_or_a_month_alone_is_never_the_publication_date():
    page = record('<title>Council votes</title><meta name="date" content="2021">'
                  '<meta name="dc.date" content="March 2021">', f"<article>{PARAGRAPHS}</article>")
    assert page.record.date is None


def test_a_last_updated_footer_is_never_the_publication_date():
    page = record("<title>Council votes to rebuild the harbour bridge</title>",
                  f"<article>{PARAGRAPHS}</article>"
                  '<footer><div class="site-date">Last updated: March 3, 2021</div></footer>')
    assert page.record.date is None


@pytest.mark.parametrize("evidence", [
    '<link rel="canonical" href="https://news.example/2023/11/08/council-votes/">',   # the URL's day: the day before
    '<meta property="article:modified_time" content="2023-11-09T10:00:00-05:00">',   # the zone, from another stamp
])
def test_a_utc_timestamp_gives_the_publishers_day(evidence):
    page = record(f'{evidence}<meta property="article:published_time" content="2023-11-09T03:28:35Z">'
                  "<title>Council votes</title>", f"<article>{PARAGRAPHS}</article>")
    assert page.record.date == "2023-11-08"
    assert page.record.published == "2023-11-09T03:28:35+00:00"


# authors, outlet, dateline

def test_authors_are_people_in_their_natural_case_without_labels_or_credits():
    assert clean_names("MEG KINNARD, Associated Press", {"associated press"}) == ["Meg Kinnard"]
    assert clean_names("Текст Венера Ерофеева", set()) == ["Венера Ерофеева"]
    assert clean_names("作者： * Diogo Carleto", set()) == ["Diogo Carleto"]
    assert clean_names("Photograph: Jane Doe/Getty Images", set()) == []
    assert clean_names("J.R. SMITH", set()) == ["J.R. Smith"]


def test_a_wire_writers_beat_and_a_bare_writer_title_are_no_names():
    assert clean_names("By Jane Roe, AP Sports Writer", set()) == ["Jane Roe"]
    assert clean_names("Sam Rivers and Ana Lima, Associated Press Writers", set()) == ["Sam Rivers", "Ana Lima"]
    assert clean_names("Ana Lima Writer", set()) == ["Ana Lima"]


def test_outlet_names_lose_an_unclosed_bracket_or_a_host_in_brackets():
    assert clean_outlet("Deutsche Welle (www.dw.com", "dw.com") == "Deutsche Welle"
    assert clean_outlet("Deutsche Welle (dw.com)", "dw.com") == "Deutsche Welle"
    assert clean_outlet("Radio (Free) Europe", "rferl.org") == "Radio (Free) Europe"


def test_a_known_publisher_beats_a_section_named_as_the_site():
    page = record('<meta property="og:site_name" content="U.S.">'
                  '<link rel="canonical" href="https://www.reuters.com/world/us/council-votes-2023-11-08/">'
                  "<title>Council votes</title>", f"<article>{PARAGRAPHS}</article>")
    assert page.record.outlet == "Reuters"


def test_an_html_body_opening_with_a_dateline_gives_it():
    page = record("<title>Council votes</title>",
                  "<article><p>COLUMBIA, S.C. (AP) — The city council voted on Monday to rebuild the old harbour "
                  f"bridge, which has been closed since the storm in March.</p>{PARAGRAPHS}</article>")
    assert page.record.dateline == "COLUMBIA, S.C."


# language and word count

@pytest.mark.parametrize("declared, code", [("en-US", "en"), ("en_us", "en"), ("ja-JP", "ja"), ("DE", "de"),
                                            ("zh-Hans-CN", "zh"), ("x-default", None), ("eng", None), ("", None)])
def test_declared_languages_become_iso_639_1(declared, code):
    assert iso_code(declared) == code


def test_a_page_that_declares_its_language_gets_it_normalised_and_one_that_does_not_gets_it_detected():
    assert record('<meta http-equiv="Content-Language" content="en-GB"><title>Council votes</title>',
                  f"<article>{PARAGRAPHS}</article>").record.language == "en"
    assert record("<title>Council votes</title>", f"<article>{PARAGRAPHS}</article>").record.language == "en"


def test_a_text_dump_gets_the_language_of_its_body():
    text = ("Der Stadtrat hat am Montag beschlossen, die alte Hafenbrücke wieder aufzubauen, die seit dem Sturm im "
            "März für den Verkehr gesperrt ist.\n\nDie Ingenieure sagten, die Brücke könne im nächsten Frühjahr "
            "wieder öffnen, wenn der Rat den Plan für die Maut in diesem Winter billigt.\n")
    page = process(Page(id="page", path="page.txt", raw=text.encode()))
    assert page.record.language == "de"


def test_chinese_and_japanese_characters_count_one_word_each():
    assert body_word_count("東京で新しい図書館が開館した。") == 14
    assert body_word_count("Apple は iPhone 15 を発売") == 7
    assert body_word_count("엘제이 류화영 진흙탕") == 3


def test_a_headline_cut_with_an_ellipsis_gives_way_to_the_whole_one():
    page = record('<meta property="og:title" content="Council votes to rebuild the harbour bridge after the storm">'
                  '<script type="application/ld+json">{"@type": "NewsArticle", '
                  '"headline": "Council votes to rebuild the harbour bridge..."}</script>',
                  f"<article>{PARAGRAPHS}</article>")
    assert page.record.headline == "Council votes to rebuild the harbour bridge after the storm"


def test_a_utc_timestamp_gives_the_day_of_the_pages_local_clock():
    page = record('<meta property="article:published_time" content="2016-12-23T00:47:31Z">'
                  '<meta name="sailthru.date" content="Thursday, December 22, 2016, 06:47 PM">'
                  "<title>Council votes</title>", f"<article>{PARAGRAPHS}</article>")
    assert page.record.date == "2016-12-22"
