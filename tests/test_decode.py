"""Decoding: the text browsers' apostrophe becomes a real apostrophe (words stay words)."""
from pipeline.decode import decode


def test_modifier_letter_apostrophe_becomes_an_apostrophe():
    text, _, fmt = decode("Putinʼs grudge\n".encode("utf-8"), "text")
    assert (text, fmt) == ("Putin’s grudge\n", "text")


def test_text_dump_quoting_a_tag_stays_text_and_xml_prolog_html_is_html():
    dump = "<div><img src=x></div>\n" + "".join(f"Menu item {i}\n" for i in range(30)) + "<p>a</p><p>b</p><p>c</p>\n"
    assert decode(dump.encode(), "")[2] == "text"
    page = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html><body><p>x</p></body></html>'
    assert decode(page.encode(), "text")[2] == "html"
    assert decode(b"<div><p>one</p><p>two</p><p>three</p><a>4</a><span>5</span></div>", "text")[2] == "html"
