"""Decoding: the text browsers' apostrophe becomes a real apostrophe (words stay words)."""
from pipeline.decode import decode


def test_modifier_letter_apostrophe_becomes_an_apostrophe():
    text, _, fmt = decode("Putinʼs grudge\n".encode("utf-8"), "text")
    assert (text, fmt) == ("Putin’s grudge\n", "text")
