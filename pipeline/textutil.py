"""Small text predicates shared by the rules, the locator and the metadata finders."""
from __future__ import annotations

import re
import unicodedata

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-"})
MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"
TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?|\d{1,2}\s*[ap]\.?m\.?(?:\s*[A-Z]{2,5})?"
DATE_PHRASE = (
    rf"(?:{WEEKDAY},?\s+)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}/\d{{1,2}}/\d{{1,2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})"
)
DATE_ONLY = re.compile(
    rf"^(?:(?:published|updated|posted|last updated|first published|date)\s*:?\s*)?(?:on\s+)?{DATE_PHRASE}"
    rf"(?:\s*(?:,|at|-|\||/)?\s*(?:{TIME}))?\W{{0,3}}$", re.I)
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def fold(text: str) -> str:
    """Text for comparisons: NFKC, casefolded, straight quotes and dashes, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).casefold()
    return " ".join(text.split())


def is_date_only(text: str) -> bool:
    return len(text) <= 80 and DATE_ONLY.match(text.strip()) is not None


def is_prose(text: str) -> bool:
    """Reads as a sentence of an article: enough words, ending like a sentence or long anyway."""
    words = len(text.split())
    return words >= 15 or (words >= 6 and SENTENCE_END.search(text) is not None)


def is_link_header(line, index: int) -> bool:
    """Lynx's first line '#alternate Feed ...' lists the page's <link> titles: not text of the page."""
    return index == 0 and line.text.startswith("#")
