"""Decoding: the text browsers' apostrophe becomes a real apostrophe (words stay words); mojibake is repaired; HTML or text."""
from pipeline.decode import decode
from pipeline.page import Page
from pipeline.stages import decode_page

STYLE_FIRST = ("<style type=\"text/css\">\n" + "".join(f".box-{n} {{ margin: {n}px; padding: 0 {n}px; }}\n" for n in range(300))
               + "</style>\n<script>google_ad_client = \"pub-0000\";</script>\n<div class=\"story\"><p>The story.</p></div>\n")


def test_modifier_letter_apostrophe_becomes_an_apostrophe():
    text, _, fmt = decode("Putinʼs grudge\n".encode("utf-8"), "text")
    assert (text, fmt) == ("Putin’s grudge\n", "text")


def test_text_dump_quoting_a_tag_stays_text_and_xml_prolog_html_is_html():
    dump = "<div><img src=x></div>\n" + "".join(f"Menu item {i}\n" for i in range(30)) + "<p>a</p><p>b</p><p>c</p>\n"
    assert decode(dump.encode(), "")[2] == "text"
    page = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html><body><p>x</p></body></html>'
    assert decode(page.encode(), "text")[2] == "html"
    assert decode(b"<div><p>one</p><p>two</p><p>three</p><a>4</a><span>5</span></div>", "text")[2] == "html"


def test_a_page_said_to_be_html_is_html_even_when_a_long_style_block_comes_first():
    assert len(STYLE_FIRST) > 4096 and not STYLE_FIRST.startswith(("<!", "<html"))
    assert decode(STYLE_FIRST.encode(), "html")[2] == "html"
    page = Page(id="crawl-3", path="crawls/crawl.warc.gz#3", raw=STYLE_FIRST.encode())  # a WARC's HTML response
    decode_page(page)
    assert page.format == "html"


def test_a_text_dump_under_an_html_name_stays_text():
    dump = "Harbour committee agrees on the new quay\n\n   The committee met on Tuesday.\n\n   [1]Home [2]Local\n"
    assert decode(dump.encode(), "html")[2] == "text"


def test_mojibake_is_repaired_and_accented_text_is_left_alone():
    """UTF-8 once read as cp1252 ('isnâ€™t') or as Latin-1 (with C1 controls) reads as written; real accents,
    curly quotes and other scripts stay as they are."""
    broken = "The new rates arenâ€™t final.\nYour price isnâ\x80\x99t set by chance.\nThe cafÃ© opens at nine."
    fine = "The café’s owner said “not yet”.\nÇa va, naïve Straße, 東京の天気 — Ωmega ±2 °C."
    text, _, _ = decode(f"{broken}\n{fine}".encode("utf-8"), "text")
    assert text == ("The new rates aren’t final.\nYour price isn’t set by chance.\nThe café opens at nine.\n" + fine)
