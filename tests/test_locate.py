"""Where the text locator puts the body: its indentation and its run of lines."""
from __future__ import annotations

import pytest

from pipeline.extract.text import text_lines
from pipeline.locate import locate
from pipeline.textbody.hand import body_indent, prose_lines
from pipeline.page import Page

ARTICLE = [
    "   The council voted on Tuesday to close the old bridge to cars from next spring, officials said.",
    "   Engineers found cracks in two of its piers last year and warned that repairs would take months.",
    "   Residents who cross it every day said they feared longer trips to work and to the town's schools.",
]
TEASERS = [line for n in range(4) for line in (
    f"       Reader {n}",
    "       Tuesday November 19, 2019",
    f"       Teaser number {n} tells in one long sentence what another story in the paper is about, to draw a click.",
)]


# Layouts the hand-written locator got right and the text_lines model (on real dumps the better of the two, cross-validated
# by site) gets wrong on these small made-up pages: kept as strict expected failures, so that a model that gets them
# right is noticed; listed as known errors in pipeline/textbody/__init__.py.
MODEL_MISSES = pytest.mark.xfail(strict=True, reason="known text_lines error on a small made-up layout")


def located(lines: list[str]) -> list[str]:
    page = Page(id="p", path="p.txt", format="text")
    page.lines = text_lines("\n".join(["Bridge to close", ""] + lines))
    locate(page)
    start, end = page.region
    return [ln.text for ln in page.lines[start:end]]


@MODEL_MISSES
def test_paragraphs_that_follow_one_another_outweigh_more_words_in_lone_teasers():
    lines = text_lines("\n".join(ARTICLE + TEASERS))
    assert body_indent(lines, prose_lines(lines)) == 3
    assert located(ARTICLE + TEASERS) == [line.strip() for line in ARTICLE]


def test_lone_paragraphs_still_count_when_the_page_has_no_run():
    lines = text_lines("\n".join(TEASERS))
    assert body_indent(lines, prose_lines(lines)) == 7


QUERY = ["WITH stats AS (", "   SELECT", "       status_code,", "       AVG(entries) AS mean_entries,",
         "       STDDEV(entries) AS stddev_entries", "   FROM", "       server_log", "   GROUP BY", "       status_code", ")",
         "SELECT", "   status_code", "FROM", "   stats"]


@pytest.mark.parametrize("listing", [
    ["// hello.c", "#include <stdio.h>", "#include <stdlib.h>", "#include <string.h>", "#define SIZE 10",
     "EXPORT_SYMBOL", "int main() {", '  printf("hello, world!");', "  return 0;", "}"],
    QUERY,
], ids=["c", "sql"])
def test_a_code_listing_between_paragraphs_does_not_cut_the_body(listing):
    body = located([ARTICLE[0], ""] + listing + [""] + ARTICLE[1:])
    assert body[0] == ARTICLE[0].strip() and body[-1] == ARTICLE[-1].strip()


def test_a_comment_thread_under_a_short_article_is_not_taken_for_the_body():
    thread = [line for n in range(3) for line in (
        f"     * Reader {n} on September {12 + n}, 2018 at 4:47 pm said:",
        f"       Comment {n} asks in one long sentence whether the council has thought about the cyclists who use the bridge.",
        "       It goes on in a second long sentence about the traffic on the ring road and the buses that would be needed.",
    )]
    assert located(ARTICLE[:2] + ["", "Comments"] + thread) == [line.strip() for line in ARTICLE[:2]]


@MODEL_MISSES
def test_an_article_told_in_a_list_keeps_its_items_but_not_the_menu_under_it():
    items = [f"     * Added item number {n} with a short note" for n in range(8)]
    menu = ["     * Home", "     * News", "     * Sport", "     * Contact"]
    body = located(["   The update brings these changes to the game."] + items + ["", "Links"] + menu)
    assert body[0] == "The update brings these changes to the game." and body[-1] == "Added item number 7 with a short note"


def test_lists_under_headings_of_their_own_grow_the_article_over_a_short_list_of_names():
    section = ["Fixes", "     * Fixed a crash when the window was closed during an update",
               "     * Fixed the layout of the settings page on small screens", "     * Fixed slow start-up with many tabs open"]
    names = ["Contributors", "     * Ann Lee", "     * Bo Chen", "     * Cy Dorn"]
    body = located(["   The release brings these changes to everyone."] + section + names + section)
    assert body[-1] == "Fixed slow start-up with many tabs open" and "Ann Lee" in body


def test_a_page_told_in_short_lines_goes_on_below_its_first_paragraph():
    features = [line for name in ("Inspector", "Console", "Debugger", "Network") for line in (
        name, f"   The {name.lower()} shows what the page does as it runs.", f"   Learn more about the {name.lower()}")]
    body = located(["   Get to know the tools that come with the browser for building the web."] + features)
    assert body[-1] == "Learn more about the network" or body[-1] == "The network shows what the page does as it runs."


@MODEL_MISSES
def test_pictures_between_paragraphs_cost_nothing():
    pictures = ["   [bridge.jpg]", "   [pier.jpg]", "   [crack.png]", "   [river.jpg]", "   [map.png]"]
    body = located([ARTICLE[0]] + pictures + ["Repairs", ARTICLE[1]])
    assert body[0] == ARTICLE[0].strip() and body[-1] == ARTICLE[1].strip()


def test_a_short_article_does_not_grow_over_the_headlines_of_other_stories():
    related = ["See also", "     * Old Bridge -- Council Closes It To Lorries After Crack Found",
               "     * Ring Road Works -- Drivers Face Months Of Delays", "     * Town Schools Plan Earlier Start For Buses"]
    assert located(ARTICLE[:2] + related) == [line.strip() for line in ARTICLE[:2]]


def test_a_short_article_does_not_grow_across_a_long_menu_to_a_list_above_it():
    sections = [f"     * Local guides to the best places number {n}" for n in range(4)]
    menu = [f"     * Section{n}" for n in range(12)]
    assert located(sections + ["Sections"] + menu + ARTICLE[:2]) == [line.strip() for line in ARTICLE[:2]]


def test_teasers_that_end_in_their_time_stamp_are_no_prose():
    ranking = [f"    {n}. {n} A story that many readers opened today tells about the town's bridge and its traffic News {n}/9 18:{n}5"
               for n in range(1, 6)]
    assert located(ARTICLE + ["Most read"] + ranking) == [line.strip() for line in ARTICLE]


@MODEL_MISSES
def test_a_numbered_list_that_goes_on_below_the_run_is_taken_to_its_last_item():
    first = "   1) A set of bricks to build the bomber from the films, with its crew and a stand to show it off on a shelf."
    items = [line for n in range(2, 9) for line in (f"   {n}) Gift idea number {n}", f"   http://example.com/{n}")]
    body = located(ARTICLE[:2] + [first, "   http://example.com/1"] + items + ["Newsletter", "   Sign up"])
    assert body[-1] == "http://example.com/8" and "Newsletter" not in body


@pytest.mark.parametrize("subheading", [True, False])
def test_a_list_under_a_subheading_after_the_article_is_taken_when_the_article_has_subheadings(subheading):
    paragraph = "   " + " ".join(["The council heard from engineers and residents about the bridge."] * 9)
    article = [paragraph, "Repairs" if subheading else "   [pier.jpg]", paragraph, "", paragraph]
    teams = ["Firms bidding", "     * Smith and Sons: steel work since 1950", "     * Bridges Ltd: third bid this year",
             "     * River Works: two piers rebuilt in 2012"]
    body = located(article + teams + ["", "Newsletter"])
    assert (body[-1] == "River Works: two piers rebuilt in 2012") == subheading


@MODEL_MISSES
def test_a_gallery_of_captions_printed_twice_is_left_out_but_the_headline_above_it_is_found():
    gallery = [line for n in range(3) for line in (
        f"   Workers inspect pier number {n} of the old bridge from a boat on the river below, in the morning light.",
        f"   Workers inspect pier number {n} of the old bridge from a boat on the river below, in the morning light.",
        f"Video {n}: the bridge from above")]
    page = Page(id="p", path="p.txt", format="text")
    page.lines = text_lines("\n".join(["Bridge to close for good", ""] + gallery + ARTICLE))
    locate(page)
    start, end = page.region
    assert [ln.text for ln in page.lines[start:end]] == [line.strip() for line in ARTICLE]
    assert page.headline_line == 0


@MODEL_MISSES
def test_an_ads_teasers_in_inserted_text_marks_are_no_prose():
    ads = [line for n in range(6) for line in (
        "   " + " ".join(f"[INS: {word} :INS]" for word in f"Advert {n} says this one odd trick will cut your power bill in half".split()),
        "   Undo")]
    assert located(ARTICLE + ads) == [line.strip() for line in ARTICLE]


@MODEL_MISSES
def test_a_list_of_titles_and_summaries_does_not_outweigh_a_shorter_article():
    article = ["   " + " ".join([line.strip()] * 5) for line in ARTICLE]
    teasers = [line for n in range(12) for line in (
        f"   Other story number {n} about the town",
        f"   Story {n} tells in two sentences what happened in the town this week. It draws readers to click on it.")]
    menu = [f"     * Section {n}" for n in range(15)]
    assert located(article + menu + ["News"] + teasers) == [line.strip() for line in article]


def test_an_embedded_post_introduced_by_a_colon_belongs_to_a_short_article():
    tweets = ["   The council posted its decision:", "     Council resolves to:",
              "     Close the old bridge to cars from next spring, and build a new one beside it.",
              "     - Town Council (@towncouncil) May 2, 2018"]
    body = located(ARTICLE + tweets + ["Share this:", "Newsletter sign-up"])
    assert body[-1] == "Close the old bridge to cars from next spring, and build a new one beside it."


def test_a_numbered_list_stops_where_another_list_starts_its_numbering():
    first = "   1) A set of bricks to build the bomber from the films, with its crew and a stand to show it off on a shelf."
    sources = ["Sources", "   1) National archive record 20395", "   2) Town council minutes"]
    assert "2) Town council minutes" not in located(ARTICLE[:2] + [first] + sources)


def test_a_feed_of_time_stamped_items_under_a_heading_is_not_taken_as_the_articles_list():
    paragraph = "   " + " ".join(["The council heard from engineers and residents about the bridge."] * 9)
    feed = ["Latest stories"] + [f"     * posted on {n} March 2019, 09:1{n}" for n in range(1, 6)]
    body = located([paragraph, "Repairs", paragraph, "", paragraph] + feed)
    assert body[-1] == paragraph.strip()


def test_a_numbered_list_with_no_item_below_the_run_leaves_its_end_alone():
    items = [f"   {n}. Place number {n} is where people hid coins for generations, in jars under the floor boards." for n in (5, 7)]
    body = located(ARTICLE[:2] + [items[0], "   Photo: the barn", items[1], "   Sign up for the daily letter", "   Privacy"])
    assert body[-1] == items[-1].strip()


def test_the_title_over_the_models_region_is_the_headline_when_the_model_moves_the_article(monkeypatch):
    """The hand-written run is a later block (readers' letters, far below the story); the text_lines model puts the
    article at the story. The headline is the story's title, not the letters' heading over the hand's run."""
    letters = ["   A reader wrote that the school run would take her twenty minutes longer each morning without the bridge.",
               "   Another reader asked why the town had waited a year after the cracks were found before it said anything.",
               "   A third letter praised the engineers and said that safety had to come before convenience in every case."]
    menu = [f"     * Section {n}" for n in range(90)]
    page = Page(id="p", path="p.txt", format="text")
    page.lines = text_lines("\n".join(["Bridge to close after cracks found in two piers", ""] + ARTICLE + [""] + menu
                                      + ["", "Readers' letters on the school run", ""] + letters))
    heading = next(i for i, line in enumerate(page.lines) if line.text.startswith("Readers"))
    monkeypatch.setattr("pipeline.textbody.hand.best_run", lambda scores: (heading + 1, len(scores)))
    monkeypatch.setattr("pipeline.locate.body_region", lambda page, hand: (1, 1 + len(ARTICLE)))
    locate(page)
    assert (page.headline_line, page.values["headline"]) == (0, "Bridge to close after cracks found in two piers")
