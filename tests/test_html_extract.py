"""HTML extraction: what the pruning before trafilatura removes or keeps, and how blocks are marked."""
from __future__ import annotations

import pytest

from pipeline.page import Page, Rejected
from pipeline.stages import STAGES, process

EXTRACT = [s for s in STAGES if s.name in ("read", "decode", "extract")]
PARAGRAPHS = [
    "The council voted on Tuesday to extend the downtown program for another year, officials said after a long meeting.",
    "Residents who spoke at the hearing were divided, and several asked for an independent review of the costs involved.",
    "The mayor said the city would publish the full budget for the program before the end of the month, with last year's figures.",
    "Business owners on Main Street said the program had brought more visitors, though parking had become harder to find.",
]


def page_of(body: str, head: str = "<title>Council extends the downtown program</title>", charset: bool = True) -> Page:
    meta = '<meta charset="utf-8">' if charset else ""
    html = f"<html><head>{meta}{head}</head><body><article><h1>Council extends the downtown program</h1>{body}</article></body></html>"
    page = Page(id="case", path="case.html", raw=html.encode("utf-8"))
    return process(page, EXTRACT)


def texts(page: Page) -> list[str]:
    return [line.text for line in page.lines]


def article(*extra: str) -> str:
    return "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "".join(extra)


def test_page_without_charset_is_read_as_utf8():
    page = page_of(article("<p>The delegation flew on from Москва to 서울 on Wednesday for the second round of the talks.</p>"), charset=False)
    assert any("from Москва to 서울" in t for t in texts(page))


PRUNED_WRAPPERS = ['<div style="display: none">{}</div>', '<div hidden>{}</div>', '<div class="inline-gallery">{}</div>',
                   '<div class="slideshow">{}</div>']


@pytest.mark.parametrize("wrapper", PRUNED_WRAPPERS)
def test_hidden_elements_and_galleries_are_dropped(wrapper):
    inner = ('<ul><li><h2>1/12 Harbour at dawn</h2><p>Fishing boats leave the harbour at dawn on Friday, before the '
             'storm that was forecast for the weekend reached the coast.</p></li></ul>')
    page = page_of(article(wrapper.format(inner)))
    assert not any("Fishing boats" in t for t in texts(page))
    assert PARAGRAPHS[0] in texts(page) and PARAGRAPHS[2] in texts(page)


@pytest.mark.parametrize("wrapper", PRUNED_WRAPPERS)
def test_a_hidden_block_or_gallery_holding_nearly_all_the_text_stays(wrapper):
    page = page_of(wrapper.format(article()) + "<p>Short visible line of the page here.</p>")
    assert PARAGRAPHS[1] in texts(page)


def test_story_card_lists_are_dropped():
    cards = "".join(f'<li><h3><a href="/n/{i}">Other story number {i} about the city budget</a></h3><p>Teaser text for story {i}.</p></li>'
                    for i in range(3))
    page = page_of(article(f"<ul>{cards}</ul>"))
    assert not any("Other story number" in t or "Teaser text" in t for t in texts(page))


def test_story_cards_holding_nearly_all_the_text_stay():
    cards = "".join(f'<li><h3><a href="/n/{i}">Other story number {i} about the city budget</a></h3><p>{p}</p></li>'
                    for i, p in enumerate(PARAGRAPHS))
    page = page_of(f"<ul>{cards}</ul>")
    assert any(PARAGRAPHS[2] in t for t in texts(page))


def test_a_pop_up_card_inside_a_paragraph_is_dropped():
    card = ('<p>Mayor <span class="person"><a href="/people/jane-doe">Jane Doe</a><span class="card"><img src="doe.jpg">'
            '<a href="/people/jane-doe">Jane Q. Doe</a><a href="/news/1">Mayor opens the new bridge</a>'
            '<a href="/people/jane-doe">MORE</a></span></span> said the council would review the costs of the program.</p>')
    page = page_of(article(card))
    assert "Mayor Jane Doe said the council would review the costs of the program." in texts(page)


def test_a_paragraph_that_is_all_one_span_with_a_picture_and_links_stays():
    whole = ('<p><span>The <a href="/council">council</a> <img class="emoji" src="smile.png"> voted to extend the program, '
             'the <a href="/mayor">mayor</a> said on Tuesday.</span></p>')
    page = page_of(article(whole))
    assert any("voted to extend the program" in t for t in texts(page))


def test_a_link_in_capitals_between_paragraphs_is_dropped():
    link = '<p><strong><a href="/news/bridge">BRIDGE REPAIRS TO CLOSE TWO LANES NEXT WEEK</a></strong></p>'
    page = page_of(article(link, f"<p>{PARAGRAPHS[3]}</p>"))
    assert not any("BRIDGE REPAIRS" in t for t in texts(page))


def test_a_link_in_capitals_above_the_first_paragraph_stays():
    page = page_of('<p><a href="/results.html">CLICK FOR THE FULL ELECTION RESULTS</a></p>' + article())
    assert "CLICK FOR THE FULL ELECTION RESULTS" in texts(page)


def test_a_link_card_between_paragraphs_is_dropped():
    card = ('<a class="read-more" href="/news/bridge"><span><span>Also on example.com</span>'
            '<span>Bridge repairs to close two lanes next week as the council weighs the costs</span></span></a>')
    page = page_of(f"<p>{PARAGRAPHS[0]}</p>{card}" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]))
    assert not any("Bridge repairs" in t for t in texts(page))
    assert PARAGRAPHS[1] in texts(page)


def test_prose_loose_after_a_block_becomes_a_paragraph():
    loose = ('<div class="photo"><img src="bridge.jpg"><p class="legend">Jane Doe</p></div>The bridge will close for '
             'repairs in June, the <a href="/dot">transport department</a> said, and traffic will move to the old road '
             'for three weeks.<p></p>')
    page = page_of(article(loose, f"<p>{PARAGRAPHS[3]}</p>"))
    assert ("The bridge will close for repairs in June, the transport department said, and traffic will move to the "
            "old road for three weeks.") in texts(page)


def test_quoted_social_post_is_kept():
    post = ('<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The vote tonight was a win for every small '
            'business on Main Street, and we thank the council for it.</p>— Main Street Shops (@mainstreet) '
            '<a href="https://twitter.com/x/status/1">November 18, 2019</a></blockquote><script src="widgets.js"></script></div>')
    page = page_of(article(post))
    assert any("a win for every small business" in t for t in texts(page))


def test_a_paragraph_printed_twice_stays_twice():
    page = page_of(article(f"<p>{PARAGRAPHS[3]}</p>"))
    assert texts(page).count(PARAGRAPHS[3]) == 2


def test_blocks_that_are_a_link_text_are_marked():
    links = '<p><a href="/news/bridge">Bridge repairs to close two lanes next week</a><br><a href="/news/school">School board names a new superintendent</a></p>'
    page = page_of(article(links))
    marked = {line.text: line.link for line in page.lines}
    assert marked["School board names a new superintendent"] is True
    assert marked[PARAGRAPHS[0]] is False


def test_standfirst_blocks_are_dropped():
    dek = '<p class="article-dek">Officials agreed to keep the downtown program running for one more year after a long night.</p>'
    page = page_of(dek + article())
    assert not any("Officials agreed" in t for t in texts(page))
    assert PARAGRAPHS[0] in texts(page)


def test_a_newsletter_sign_up_box_is_dropped():
    box = ('<section class="Newsletter-container"><h3>Morning Briefing</h3><p>Get the day\'s top stories about the city and '
           'the council in one email.</p></section>')
    page = page_of(article(box))
    assert not any("Morning Briefing" in t or "top stories" in t for t in texts(page))
    assert PARAGRAPHS[3] in texts(page)


def test_a_subheading_named_block_between_paragraphs_stays_as_a_heading():
    subhead = '<div class="story_subheadline">Who pays for the program?</div>'
    page = page_of("".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + subhead + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]))
    lines = texts(page)
    assert lines[lines.index(PARAGRAPHS[1]) + 1:][:2] == ["Who pays for the program?", PARAGRAPHS[2]]


def test_subheadings_in_the_article_header_are_dropped():
    header = ('<header><h1>Council extends the downtown program</h1>'
              '<h2>The vote keeps the program running for a year while an independent review looks at its costs</h2></header>')
    page = page_of(header + article())
    assert not any("independent review looks" in t for t in texts(page))
    assert PARAGRAPHS[0] in texts(page)


def test_subheadings_beside_the_title_in_a_header_block_are_dropped():
    head = ('<div class="entry-head"><h1>Council extends the downtown program</h1><h2>The vote keeps the program running '
            'for a year while an independent review looks at its costs</h2></div>')
    html = (f'<html><head><title>Council extends the downtown program</title></head><body><div class="post">{head}'
            f'<div class="entry-content">{article()}</div></div></body></html>')
    page = process(Page(id="case", path="case.html", raw=html.encode("utf-8")), EXTRACT)
    assert not any("independent review looks" in t for t in texts(page))
    assert PARAGRAPHS[0] in texts(page)


def test_the_title_above_the_first_paragraph_is_removed():
    page = page_of(article(), head="<title>Council extends downtown program | The Daily Example</title>")
    removed = [line for line in page.lines if not line.kept]
    assert [line.text for line in removed] == ["Council extends the downtown program"]
    assert all(line.kept for line in page.lines if line.text in PARAGRAPHS)


def test_a_heading_unlike_the_pages_title_stays():
    page = page_of(article(), head="<title>Weekend weather and events</title>")
    assert all(line.kept for line in page.lines)


def test_an_article_laid_out_in_a_table_comes_out_as_paragraphs():
    cell = f'<h1>Council extends the downtown program</h1><div class="date">May 4, 2021</div>{article()}'
    html = (f"<html><head><title>Council extends the downtown program</title></head><body><table><tr><td>{cell}</td>"
            "<td><a href='/'>Home</a></td></tr></table></body></html>")
    page = process(Page(id="case", path="case.html", raw=html.encode("utf-8")), EXTRACT)
    assert PARAGRAPHS[0] in texts(page) and PARAGRAPHS[3] in texts(page)


def page_from(html: str) -> Page:
    return process(Page(id="case", path="case.html", raw=html.encode("utf-8")), EXTRACT)


def test_a_header_wrapping_the_whole_article_keeps_its_headings():
    sections = "".join(f"<h2>Part {no} of the council's plan</h2><p>{p}</p>" for no, p in enumerate(PARAGRAPHS, 1))
    page = page_of(f"<header><h1>Council extends the downtown program</h1>{sections}</header>")
    assert "Part 2 of the council's plan" in texts(page) and PARAGRAPHS[1] in texts(page)


def test_sections_hidden_until_clicked_stay_when_they_hold_the_article():
    sections = "".join(f'<div class="tab-panel" hidden><h2>Step {no}</h2><p>{p}</p></div>'
                       for no, p in enumerate(PARAGRAPHS, 1))
    page = page_of(f"<p>Short visible line.</p>{sections}")
    assert all(p in texts(page) for p in PARAGRAPHS)


def test_a_key_points_box_named_summary_stays():
    box = ('<div class="summary"><p>The bottom line: the program runs for one more year and its costs will be '
           'reviewed.</p></div>')
    page = page_of(article(box))
    assert any(t.startswith("The bottom line") for t in texts(page))


JOB_PAGE = """<html><head><meta charset="utf-8"><title>Night shift nurse wanted - Careers</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/jobs">Jobs</a></li><li><a href="/about">About us</a></li></ul></nav>
<div class="job-teaser"><h1>Night shift nurse wanted</h1>
<p>The clinic on Harbour Street is looking for a nurse for its night shifts, four nights a week, from March.</p>
<p>Applicants need two years of ward experience; the clinic pays for further training in emergency care.</p></div>
<footer><p>Harbour Clinic</p></footer></body></html>"""


def test_when_pruning_leaves_only_a_menu_the_unpruned_page_gives_the_text():
    page = page_from(JOB_PAGE)
    assert texts(page)[-2:] == [
        "The clinic on Harbour Street is looking for a nurse for its night shifts, four nights a week, from March.",
        "Applicants need two years of ward experience; the clinic pays for further training in emergency care."]
    assert "Jobs" not in texts(page)
    assert page.warnings == ["fallback: the pruned page gave little text, the unpruned page's was used"]


def test_when_the_fast_pass_finds_nothing_the_full_pass_is_taken(monkeypatch):
    from pipeline.extract import html

    passes = []

    def fast_pass_finds_nothing(tree, url, fast):
        passes.append("fast" if fast else "full")
        return "" if fast else "\n".join(PARAGRAPHS * 3)   # enough prose for the pruned page's text to stand

    monkeypatch.setattr(html, "trafilatura_text", fast_pass_finds_nothing)
    page = page_of(article())
    assert passes == ["fast", "full"]
    assert texts(page) == PARAGRAPHS * 3
    assert page.warnings == ["fallback: trafilatura's fast pass found no text; its full pass did"]


def test_a_page_without_text_pruned_or_not_is_no_article():
    with pytest.raises(Rejected, match="no_article"):
        page_from("<html><head><title>Gallery</title></head><body><div><img src='a.jpg'></div></body></html>")
