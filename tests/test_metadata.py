"""Metadata finders on tricky inputs: headline, date, outlet, authors, and the text-dump byline block."""
from __future__ import annotations

import os
import subprocess
import sys

import lxml.html
import pytest

from pipeline.extract.text import text_lines
from pipeline.metadata import find_metadata
from pipeline.metadata.authors import author_options, clean_names
from pipeline.metadata.date import date_in_text, parse_date
from pipeline.metadata.headline import choose_headline, squashed_names, strip_site_name
from pipeline.metadata.html_evidence import add_html_evidence
from pipeline.metadata.outlet import clean_outlet
from pipeline.metadata.textdump import (byline_names, masthead_names, names_after_by, names_site_or_person, person_names,
                                         site_name_from_link_header, unglued)
from pipeline.page import Page


def html_page(head: str, body: str = "", url: str | None = None) -> Page:
    page = Page(id="t", path="t.html", format="html", url=url)
    add_html_evidence(page, lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>"))
    return page


# headline

def test_a_title_escaped_twice_reads_as_its_characters():
    page = html_page('<meta property="og:title" content="Tea &amp;#x26; Cake &amp;amp; More">')
    assert [c.value for c in page.candidates_for("headline")] == ["Tea & Cake & More"]


def test_site_name_suffix_and_prefix_are_removed():
    names = squashed_names({"ehow", "the new republic"})
    assert strip_site_name("How to Build a Terrarium | eHow", names) == "How to Build a Terrarium"
    assert strip_site_name("The New Republic - Fantastic Beasts", names) == "Fantastic Beasts"
    assert strip_site_name("Left - Right: a debate", names) == "Left - Right: a debate"


def test_title_backs_the_h1_it_contains_and_a_logo_h1_loses():
    page = html_page("<title>Lyft extends free rides | Engadget</title>",
                     "<h1>Engadget</h1><h1>Lyft extends free rides</h1>", url="https://www.engadget.com/x")
    choose_headline(page)
    assert page.values["headline"] == "Lyft extends free rides"
    assert "model headline_html" in page.origins["headline"]


def test_meta_value_attribute_and_space_separated_properties_count():
    page = html_page('<meta property="x:title dc:title" content="Preferred title">'
                     '<meta name="og:title" value="Other title"><title>Title Element</title>')
    choose_headline(page)
    assert page.values["headline"] == "Preferred title"


# date

@pytest.mark.parametrize("text, day", [
    ("February 14, 2019", "2019-02-14"), ("Feb. 14, 2019", "2019-02-14"), ("14 February 2019", "2019-02-14"),
    ("2019-02-14", "2019-02-14"), ("2019年4月21日", "2019-04-21"), ("12/16/16 12:21pm", "2016-12-16"),
])
def test_usual_date_formats_parse(text, day):
    assert parse_date(date_in_text(text))[0] == day


def test_month_names_of_other_languages_parse():
    assert parse_date(date_in_text("AFP 30 avril 2015 à 07:19 (Mis à jour : 30 avril 2015 à 07:38)")) == \
        ("2015-04-30", "2015-04-30T07:19:00")
    assert parse_date(date_in_text("Stand: 3. März 2019")) == ("2019-03-03", None)
    assert parse_date(date_in_text("12 de mayo de 2020")) == ("2020-05-12", None)
    assert date_in_text("Mai 2019") is None   # a month is no day


def test_offset_and_zone_abbreviation_are_kept_in_the_timestamp():
    assert parse_date("2016-12-22T10:43:37-08:00") == ("2016-12-22", "2016-12-22T10:43:37-08:00")
    assert parse_date("Nov 28, 2016 11:00 AM PT")[1] == "2016-11-28T11:00:00-08:00"
    assert parse_date("Tue 29 Nov 2016 07.46 EST")[1] == "2016-11-29T07:46:00-05:00"


def test_a_date_without_time_has_no_timestamp_and_the_future_is_refused():
    assert parse_date("March 3, 2017") == ("2017-03-03", None)
    assert parse_date("January 1, 2999") is None
    assert parse_date("Copyright 1889") is None


def test_the_published_date_wins_over_the_updated_one_in_a_line():
    line = "Updated Tue 29 Nov 2016 15.26 EST First published on Tue 29 Nov 2016 07.46 EST"
    assert parse_date(date_in_text(line))[1] == "2016-11-29T07:46:00-05:00"


@pytest.mark.parametrize("line, day", [
    ("March 12, 2013/Gardening/Roses", "2013-03-12"),   # a date run into its section links,
    ("schedule2011/07/04 18:30 Lee", "2011-07-04"), ("李明2012-10-02 08:15:44", "2012-10-02"),   # into a label or a name,
    ("Jun 3rd 20187 min read", "2018-06-03"), ("April 9, 202012 mins", "2020-04-09"),   # into the reading time
    ("By Kit MarlowMar 5, 2025 | 6 comments", "2025-03-05"), ("Kit MarlowNovember 3, 2024", "2024-11-03"),   # a name
])
def test_a_date_glued_to_its_neighbours_in_a_dump_is_read(line, day):
    assert parse_date(date_in_text(unglued(line)))[0] == day


@pytest.mark.parametrize("line", ["see example.org/archive/2011/07/04/storm", "build 20181203", "call 2016/07 now"])
def test_a_date_inside_an_address_or_a_number_is_none(line):
    assert date_in_text(unglued(line)) is None


def test_time_on_the_next_line_joins_the_date():
    assert date_in_text("February 14, 2019", ", Kyodo News , 11:34 p.m.") == "February 14, 2019 11:34 p.m."


# outlet

def test_outlet_names_lose_taglines_and_company_suffixes_but_not_their_dots():
    assert clean_outlet("Aktuálně.cz - Víte, co se právě děje", "sport.aktualne.cz") == "Aktuálně.cz"
    assert clean_outlet("Spiceworks Inc", "spiceworks.com") == "Spiceworks"
    assert clean_outlet("Le Monde.fr", "lemonde.fr") == "Le Monde.fr"
    assert clean_outlet("@lemondefr", "lemonde.fr") is None
    assert clean_outlet("en.wikipedia.org", "en.wikipedia.org") is None


@pytest.mark.parametrize("line, name", [
    ("#publisher The Seattle Times » Feed The Seattle Times » Comments Feed", "The Seattle Times"),
    ("#Kotaku - All stories", "Kotaku"),
    ("#Vox", "Vox"),
    ("#Medium alternate", "Medium"),
    ("#alternate alternate alternate CNET Search", "CNET"),
    ("#Subscribe to our RSS Feed", None),
    ("#alternate Vorige Meldung Naechste Meldung Startseite Copyright Suche Aktuelle News von Mac & i", None),
])
def test_site_name_from_the_link_header_lynx_prints(line, name):
    assert site_name_from_link_header(line) == name


# authors

def test_author_lists_split_and_lose_roles_dates_outlets_and_links():
    outlets = {"associated press", "cbc news"}
    assert clean_names("By Josh Haskell; DAVID CAPLAN; PATRICK REEVELL December", outlets) == [
        "Josh Haskell", "David Caplan", "Patrick Reevell"]
    assert clean_names("Anna Smith, Staff Writer", outlets) == ["Anna Smith"]
    assert clean_names("Pete Evans · CBC News", outlets) == ["Pete Evans"]
    assert clean_names("Associated Press", outlets) == []
    assert clean_names("AP", outlets) == []
    assert clean_names("https://www.facebook.com/someone", outlets) == []
    assert clean_names("https://www.theguardian.com/profile/julia-carrie-wong", outlets) == ["Julia Carrie Wong"]
    assert clean_names("Confreaks Confreaks", outlets) == ["Confreaks"]
    assert clean_names("Email the author", outlets) == []
    assert clean_names("Joe Davidson Washington Post", {"the washington post"}) == ["Joe Davidson"]
    assert clean_names("Mike Wuerthele; Malcolm Owen Monday; November", outlets) == ["Mike Wuerthele", "Malcolm Owen"]
    assert clean_names("Last Updated January 7", outlets) == clean_names("Username", outlets) == []
    assert clean_names("Aleš Vávra před", outlets) == ["Aleš Vávra"]
    assert clean_names("Ludwig van Beethoven", outlets) == ["Ludwig van Beethoven"]
    assert clean_names("Updated March", outlets) == clean_names("The Author", outlets) == []
    assert clean_names("Article by Ann Lee", outlets) == clean_names("Story by Ann Lee", outlets) == ["Ann Lee"]
    assert clean_names("https://example.org/authors/ann-k-lee", outlets) == ["Ann K. Lee"]   # a letter alone: an initial


def test_one_person_spelt_with_and_without_periods_is_one_option_as_printed():
    page = html_page('<meta name="author" content="Dr Ann K Lee">',
                     "<h1>Storm closes the coast road</h1><p>By Dr. Ann K. Lee</p>")
    assert [option.value for option in author_options(page) if option.value] == [["Dr. Ann K. Lee"]]


def test_names_in_byline_lines_of_a_dump():
    assert person_names("Saibal Dasgupta / TNN / Updated: Oct 9, 2019, 11:05 IST") == ["Saibal Dasgupta"]
    assert person_names("Tom DiChristopher@tdichristopher") == ["Tom DiChristopher"]
    assert person_names("Most Popular") == []
    assert names_after_by("Michael Larabel in Valve on 1 June 2019 at 08:34 PM EDT") == "Michael Larabel"
    assert names_after_by("Getty Images") == ""
    assert names_after_by("Jane Roe, Senior Editor") == names_after_by("Jane Roe, Journalist") == "Jane Roe"
    assert names_after_by("Jane Roe Last Updated: May 2, 2024") == names_after_by("Jane Roe In Gardening") == "Jane Roe"
    assert names_after_by("Jane Roe and Sam Rivers, Reporters") == "Jane Roe, Sam Rivers"


def test_a_name_glued_to_the_date_after_it_is_read_without_it():
    assert byline_names(unglued("ByKit MarlowMar 5, 2025 | 6 comments")) == "Kit Marlow"
    assert unglued("DiMarco May 5") == "DiMarco May 5"


def test_one_name_or_handle_where_by_opens_the_line():
    assert byline_names("Posted by jroe42 on Friday May 3, 2024 @08:00PM from the gardening dept.") == "jroe42"
    assert byline_names("By: Kiersten | May 3, 2024 | Categories: Baking") == "Kiersten"
    assert byline_names("May 3, 2024 by quietwriter") == byline_names("Written by quietwriter") == "quietwriter"
    assert byline_names("Powered by WordPress") == byline_names("Made with love by Krystyna") == ""
    assert byline_names("By Reuters") == byline_names("Sponsored by Acme") == ""


# the byline block of a text dump

def dump_page(text: str, headline_line: int, region: tuple[int, int]) -> Page:
    page = Page(id="t", path="t.txt", format="text", text=text)
    page.lines = text_lines(text)
    page.headline_line, page.region = headline_line, region
    find_metadata(page)
    return page


BODY = "The minister said on Monday that the talks would resume next week after a pause of two months."


def test_header_clock_above_the_headline_is_not_the_date():
    page = dump_page(f"Saturday, September 25, 2021\nHome\nTalks to resume, minister says\n{BODY}\n", 2, (3, 4))
    assert page.values["date"] is None


def test_kyodo_style_byline_gives_date_time_outlet_and_no_author():
    text = ("Talks to resume, minister says\nFebruary 14, 2019\n, Kyodo News , 11:34 p.m.\nEnglish Press\n"
            f"TOKYO — {BODY}\n")
    page = dump_page(text, 0, (4, 5))
    assert page.values["date"] == "2019-02-14"
    assert page.values["published"] == "2019-02-14T23:34:00"
    assert page.values["outlet"] == "Kyodo News"
    assert page.values["authors"] == []
    assert "byline line" in page.origins["date"]


def test_a_name_under_a_bare_author_label_is_the_author_and_a_video_credit_is_not():
    text = (f"Talks to resume, minister says\nAuthor:\nJane Doe\n{BODY}\n"
            f"Video shot/edited by John Roe.\n{BODY}\n")
    page = dump_page(text, 0, (3, 6))
    assert page.values["authors"] == ["Jane Doe"]
    assert all("John Roe" not in str(c.value) for c in page.candidates_for("authors"))


def test_an_authors_picture_names_the_author_and_other_pictures_do_not():
    text = (f"Talks to resume, minister says\n{BODY}\nImage of Mount Fuji\n{BODY}\nJane Roe's avatar\n"
            f"Author image\nSam Rivers\nPhoto of the new bridge at dusk\nPicture of Ana Lima\nAna Lima\n"
            f"Picture of Old Town\nA walk through the lanes\n")
    page = dump_page(text, 0, (1, 4))
    portraits = {c.value: c.origin for c in page.candidates_for("authors") if c.origin.startswith("portrait line")}
    assert portraits == {"Jane Roe": "portrait line 5", "Sam Rivers": "portrait line 6", "Ana Lima": "portrait line 9"}


def test_a_writer_who_is_also_the_sites_name_stays_an_author_option():
    text = (f"Jane Roe\nTalks to resume, minister says\nJane Roe's avatar\nJane Roe\n{BODY}\n{BODY}\n"
            f"© 2025 Jane Roe\n")
    page = dump_page(text, 1, (4, 6))
    assert "jane roe" in {str(c.value).lower() for c in page.candidates_for("outlet")}
    options = {tuple(option.value): option.features for option in page.options["authors"]}
    assert options[("Jane Roe",)]["names_page_outlet"] == 1.0


def test_a_name_said_twice_on_its_line_under_the_headline_is_a_byline():
    page = dump_page(f"Talks to resume, minister says\nJane Roe Jane Roe\n{BODY}\n{BODY}\n", 0, (2, 4))
    assert [c.value for c in page.candidates_for("authors")] == ["Jane Roe"]


@pytest.mark.parametrize("byline, group", [
    ("By Harbor Staff", "Harbor Staff"), ("by News Desk · May 2, 2019", "News Desk"),
    ("By The Lakeside Gazette Team", "The Lakeside Gazette Team"), ("Team Wanderlight", "Team Wanderlight"),
])
def test_a_newsrooms_group_byline_under_the_headline_is_an_author(byline, group):
    page = dump_page(f"Talks to resume, minister says\n{byline}\nMay 2, 2019\n{BODY}\n{BODY}\n", 0, (3, 5))
    assert group in [c.value for c in page.candidates_for("authors")]


@pytest.mark.parametrize("line", ["Staff picks for the weekend", "Meet the team behind the app", "Join Our Team"])
def test_a_line_about_staff_or_a_team_is_no_byline(line):
    page = dump_page(f"Talks to resume, minister says\n{line}\nMay 2, 2019\n{BODY}\n{BODY}\n", 0, (3, 5))
    assert line not in [c.value for c in page.candidates_for("authors")]


def test_an_author_label_names_the_author_on_its_line_or_the_next():
    body = "".join(f"{BODY} ({k})\n\n" for k in range(30))
    text = f"Talks to resume, minister says\n{body}Author: Jane Roe\nShare\nAuthor\nSam Rivers\n"
    page = dump_page(text, 0, (1, 31))   # after the article, beyond the byline block under the headline
    by_lines = {c.value for c in page.candidates_for("authors") if c.origin.startswith("'By' line")}
    assert by_lines == {"Jane Roe", "Sam Rivers"}


def test_dates_glued_to_a_clock_or_a_name_and_labels_on_the_line_above():
    page = dump_page(f"Talks to resume, minister says\nPublished Tue, Dec 20 201610:32 AM EST\n{BODY}\n", 0, (2, 3))
    assert page.values["date"] == "2016-12-20"
    page = dump_page(f"Will Leitch/November 18, 2016\nTalks to resume, minister says\n{BODY}\n", 1, (2, 3))
    assert page.values["date"] == "2016-11-18"
    text = f"Talks to resume, minister says\nUpdated:\nMar 6, 2018\nOriginal:\nDec 21, 2016\n{BODY}\n"
    assert dump_page(text, 0, (5, 6)).values["date"] == "2016-12-21"


def test_a_date_below_the_first_paragraph_is_a_caption_or_a_list_not_the_byline():
    text = (f"2019.03.08\nTalks to resume, minister says\n{BODY} {BODY}\n{BODY} {BODY}\nRelated news\n2022.08.10\n"
            f"Other talks begin\n")
    page = dump_page(text, 1, (2, 7))
    assert page.values["date"] == "2019-03-08"


def test_a_long_standfirst_does_not_start_the_body_and_publish_date_labels_count():
    text = (f"August 9, 2022\nTalks to resume, minister says\n{BODY} {BODY}\nAuthor:\nJane Doe\n"
            f"Publish date:\nJan 12, 2017\n{BODY} {BODY}\n")
    page = dump_page(text, 1, (2, 8))
    assert page.values["date"] == "2017-01-12"


def test_trailing_agency_credit_names_the_outlet():
    page = dump_page(f"Talks to resume, minister says\n{BODY}\n{BODY} (Yonhap)\n", 0, (1, 3))
    assert page.values["outlet"] == "Yonhap"


def test_copyright_footer_names_the_site_and_a_header_line_outranks_it():
    text = f"#Daily Planet » Feed\nTalks to resume, minister says\n{BODY}\n© Copyright 2017 The Planet, Inc.\n"
    page = dump_page(text, 1, (2, 3))
    assert page.values["outlet"] == "Daily Planet"
    assert [c.value for c in page.candidates_for("outlet") if "copyright" in c.origin] == ["The Planet"]


def test_a_company_that_owns_the_site_is_no_outlet():
    page = dump_page(f"Talks to resume, minister says\n{BODY}\n© 2017 Planet Media, Inc.\n", 0, (1, 2))
    assert page.values["outlet"] is None
    page = dump_page(f"Talks to resume, minister says\n{BODY}\n© 2017 The Daily Planet Company\n", 0, (1, 2))
    assert page.values["outlet"] == "The Daily Planet"


def test_a_masthead_or_a_name_alone_is_no_headline():
    page = Page(id="t", path="t.txt", format="text")
    page.lines = text_lines("#The Daily Planet » Feed\nThe Daily Planet home\nJane Doe\nTalks resume after a pause\n")
    site_names = [name for name, _ in masthead_names(page)]
    assert names_site_or_person("The Daily Planet home", site_names)
    assert names_site_or_person("Jane Doe", site_names)
    assert not names_site_or_person("Talks resume after a pause", site_names)


def test_dotted_dates_and_dates_in_the_url():
    assert parse_date("2019.03.08") == ("2019-03-08", None)
    assert parse_date("03.08.2019") == ("2019-08-03", None)
    page = html_page("<title>Story</title>", url="https://example.org/news/2016/12/15/story-title/")
    find_metadata(page)
    assert page.values["date"] == "2016-12-15"
    assert page.origins["date"].startswith("date in the URL")


def test_author_link_or_by_element_fills_in_when_no_tag_names_the_author():
    page = html_page("<title>Story</title>", '<div class="comments"><a href="/author/troll">Troll Name</a></div>'
                     '<div><span>By </span><a href="/profile/teresa-newsome-1910837">Teresa Newsome</a></div>')
    find_metadata(page)
    assert page.values["authors"] == ["Teresa Newsome"]
    page = html_page("<title>Story</title>", '<div>By <span>Yomi Kazeem</span></div>')
    find_metadata(page)
    assert page.values["authors"] == ["Yomi Kazeem"]


def test_long_or_hostile_date_values_parse_only_their_date_phrase():
    assert parse_date("x" * 100_000) is None
    assert parse_date("Story first seen in print, then online on February 14, 2019 at 11:34 p.m. (updated)")[0] == "2019-02-14"


def test_known_outlet_names_folding_alike_give_one_name_whatever_the_hash_seed():
    """'DPA' and 'dpa' fold alike: which one a line is matched to must not change from run to run."""
    script = "from pipeline.metadata.outlet import folded_outlet_names; print(folded_outlet_names()['dpa'])"
    names = {subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": str(seed)},
                            capture_output=True, text=True, check=True).stdout for seed in range(1, 7)}
    assert len(names) == 1, names


def test_a_title_line_with_a_part_naming_a_site_stays_an_option_beside_its_cut():
    """'Reuters Investigates: How ...' names a known outlet in its first part, yet may be the whole headline: both the
    line and its cut are options, and the model is told the line has a site's part."""
    from pipeline.metadata.title import title_line_options
    page = Page(id="p", path="p.txt", format="text")
    page.lines = text_lines("\n".join([
        "Reuters Investigates: How the old bridge came to close", "",
        "   The council voted on Tuesday to close the old bridge to cars from next spring, officials said.",
        "   Engineers found cracks in two of its piers last year and warned that repairs would take months."]))
    options = {option.value: option.features for option in title_line_options(page, 1, 1, 3)}
    assert options["Reuters Investigates: How the old bridge came to close"]["site_part"] == 1.0
    assert "How the old bridge came to close" in options
