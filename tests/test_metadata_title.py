"""The title line of a text dump (pipeline.metadata.title) on tricky lynx-like layouts."""
from __future__ import annotations

import pytest

from pipeline.extract.text import text_lines
from pipeline.locate import locate
from pipeline.metadata.title import body_overlap, names_outlet, title_like
from pipeline.page import Page

BODY = ("   The city council voted on Monday to rebuild the old harbour bridge, which has been closed to traffic\n"
        "   since the storm in March, and to pay for the work with a new toll on the harbour bridge.\n"
        "   Engineers said the harbour bridge could reopen next spring if the council approves the toll plan.\n")


def headline_of(text: str) -> str | None:
    page = Page(id="t", path="t.txt", format="text", text=text)
    page.lines = text_lines(text)
    locate(page)
    return page.values.get("headline")


def test_the_first_heading_is_the_title_and_the_next_one_its_standfirst():
    text = ("     * News\n     * Sport\n"
            "Council votes to rebuild the harbour bridge\n"
            "Toll plan splits the harbour city as the bridge stays closed\n"
            "   By Jane Doe\n" + BODY)
    assert headline_of(text) == "Council votes to rebuild the harbour bridge"


def test_a_section_heading_far_above_loses_to_the_heading_about_the_story():
    text = ("Give us your feedback today\n"
            "     * Popular\n     * Latest\n     * Sign In\n     * Newsletters\n     * Podcasts\n"
            "   Politics\n"
            "Council votes to rebuild the harbour bridge\n"
            "   The toll is the first in the city.\n" + BODY)
    assert headline_of(text) == "Council votes to rebuild the harbour bridge"


def test_a_heading_beats_a_closer_video_title_at_the_body_indentation():
    text = ("Council votes to rebuild the harbour bridge\n"
            "   Published Tue 20 Dec 2016\n"
            "   WATCH LIVE\n"
            "   Mayor on the bridge toll\n" + BODY)
    assert headline_of(text) == "Council votes to rebuild the harbour bridge"


def test_outlet_names_and_logo_lines_are_not_titles():
    assert names_outlet("Reuters")
    assert names_outlet("Daily Planet Logo - Home")
    assert names_outlet("Ann Lee's avatar") and names_outlet("Harbour Health wordmark")
    assert names_outlet("Ann Lee Profile Image") and names_outlet("Headshot of Ann Lee")
    assert not names_outlet("Avatars of the harbour: the new statues unveiled")
    assert not names_outlet("Council votes to rebuild the harbour bridge")


def test_a_title_may_end_in_an_abbreviation_but_not_in_a_full_stop():
    assert title_like("How Winter Wreaks Havoc on What’s Underneath N.Y.C.")
    assert not title_like("The council voted on Monday.")
    assert not title_like("市議会は橋の再建を決めた。")
    assert not title_like("Username * ____________________") and not title_like("Login using your social network")


@pytest.mark.parametrize("line", [
    'var content = "Hello World";', "with previous_alert AS (", 'File.read("really large file")',  # code
    "Jane Doe 2019年04月13日 09時00分", "2017-03-10 09:58 Source: Harbour Times", "31:50 Now playing",  # timestamps
    "US · UK · Australia · France · Deutschland", "Home >> Education >> News >> Story",  # menus, breadcrumbs
])
def test_code_short_timestamp_lines_and_menus_are_not_titles(line):
    assert not title_like(line)


@pytest.mark.parametrize("line", [
    "Black Friday 2019: Grab the Best Early Deals Here", "Council to vote on bridge at 7:30 tonight, mayor says",
    "Fed lifts rates (again) as inflation cools", "Alice · Bob: a love story in letters",
])
def test_titles_with_years_times_brackets_or_a_dot_stay_titles(line):
    assert title_like(line)


def test_body_overlap_counts_content_words_and_says_nothing_for_cjk():
    body_words = frozenset({"harbour", "bridge", "council"})
    assert body_overlap("Council rebuilds the harbour bridge", body_words) == 0.75
    assert body_overlap("Markets", frozenset({"markets"})) == 1 / 3   # one word the body uses is a weak sign
    assert body_overlap("市議会", body_words) is None
