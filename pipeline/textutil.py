"""Small text predicates shared by the rules, the locator and the metadata finders."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
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
DIGIT = re.compile(r"\d")   # every date phrase has one, and it is quick to look for
SITE_NOTICE = re.compile(   # (?=[...]) holds the phrases' first letters: most words are passed over at once
    r"\b(?=[acdejlnoprstuy])(?:cookies?|privacy (?:policy|overview|settings)|terms (?:of (?:use|service)|and conditions|& conditions)"
    r"|all rights reserved|registered trademarks?|this (?:web)?site|our (?:web)?site|ad ?blocker"
    r"|(?:enable|turn on|activate|requires?|needs?|disabled?|support) (?:\w+ ){0,2}javascript|javascript (?:is |must be )?(?:required|disabled|enabled|turned off)"
    r"|your browser (?:does(?:n't| not)|is (?:out of date|outdated|not supported|unsupported|too old))|(?:update|upgrade) your browser"
    r"|(?:news|notifications|alerts) (?:in|on|to) your browser"
    r"|newsletter|unsubscribe|sign up|log ?in to|create an account|customer service)\b", re.I)
CODE_LINE = re.compile(r"[{};(]\s*$|^[{})]|^//|=>|\bfunction\s*\(|[│┼]")   # a line of a listing ('WITH s AS (' ... ')'), or a box-drawn table
CODE_CHARS = re.compile(r"[{};()/=│┼]")   # every CODE_LINE match holds one: a fast scan spares most lines the full search
TABLE_ROW = re.compile(r"\S(?: {2,}|\t)\S(?:.*\S)?(?: {2,}|\t)\S")   # three or more columns set apart by runs of spaces
COMMENT_BYLINE = re.compile(r"^.{1,60}\bon \w.{0,30}\d{4}\b.{0,25}\b(?:said|says|wrote):?$", re.I)  # 'Ann on May 2, 2018 at 4:47 pm said:'
CONTACT_LABEL = re.compile(r"\b(?:fax|e-?mail|tel(?:ephone)?)\s*:", re.I)
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』]*$")
DOUBLED_PHRASE_MAX = 150   # titles and captions; a paragraph that says a sentence twice is left alone
ENUMERATOR = re.compile(r"^\d{1,3}[.)]\s+")
PUNCTUATION = re.compile(r"[.,;:!?，。、！？]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
CJK_CHARS_PER_WORD = 2
UNSPACED_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")   # kana and Han: no spaces between words
WORD_RUN = re.compile(r"\w+")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
SHAPE_MARKS = ".,;:!?"     # punctuation as the line features count it
ASCII_CLASSES = bytes(ord("d" if char.isdigit() else "u" if char.isupper() else "l" if char.islower()
                          else "p" if char in SHAPE_MARKS else " ") for char in map(chr, range(128))
                      ).ljust(256)   # bytes.translate takes a table of 256; only ASCII is looked up
TEXTS_REMEMBERED = 1024   # the stages ask the same questions of the same lines: answers kept for the latest texts


def char_classes(text: str) -> tuple[bytes, list[str]]:
    """The class of each ASCII character of the text, to be counted at C speed with bytes.count: d a digit,
    u an upper-case letter, l a lower-case one, p a SHAPE_MARKS mark (ASCII_CLASSES, by str.isdigit, isupper
    and islower); and its other characters, to be judged one by one."""
    ascii_part = text.encode("ascii", "ignore")
    others = NON_ASCII.findall(text) if len(ascii_part) < len(text) else []
    return ascii_part.translate(ASCII_CLASSES), others


@lru_cache(maxsize=TEXTS_REMEMBERED)
def fold(text: str) -> str:
    """Text for comparisons: NFKC, casefolded, straight quotes and dashes, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    for curly, straight in QUOTES.items():   # str.replace scans fast; str.translate looks up every character
        text = text.replace(curly, straight)
    return " ".join(text.casefold().split())


@lru_cache(maxsize=TEXTS_REMEMBERED)
def is_date_only(text: str) -> bool:
    return len(text) <= 80 and DIGIT.search(text) is not None and DATE_ONLY.match(text.strip()) is not None


@lru_cache(maxsize=TEXTS_REMEMBERED)
def spaced_words(text: str) -> int:
    """Words separated by spaces (a line's length as the rules measure it)."""
    return len(text.split())


@lru_cache(maxsize=TEXTS_REMEMBERED)
def word_count(text: str) -> int:
    """Words separated by spaces; Chinese, Japanese and Korean text counts two characters a word."""
    words = spaced_words(text)
    if text.isascii():
        return words
    return words + len(CJK.findall(text)) // CJK_CHARS_PER_WORD


def body_word_count(text: str) -> int:
    """The record's word_count: runs of letters and digits, each Chinese or Japanese character (Han, kana) a word
    of its own, since those scripts put no spaces between words (Korean does: its words are runs)."""
    unspaced = len(UNSPACED_CHAR.findall(text))
    return len(WORD_RUN.findall(UNSPACED_CHAR.sub(" ", text) if unspaced else text)) + unspaced


@lru_cache(maxsize=TEXTS_REMEMBERED)
def is_prose(text: str) -> bool:
    """Reads as a sentence of an article: enough words, ending like a sentence or long and punctuated anyway."""
    words = word_count(text)
    if words >= 15:
        return PUNCTUATION.search(text) is not None   # a long run of words with no stop is a tag cloud or menu
    return words >= 6 and SENTENCE_END.search(text) is not None


@lru_cache(maxsize=TEXTS_REMEMBERED)
def is_doubled(text: str) -> bool:
    """'Title Title' or '1. Title Title Title': one phrase said two or three times over (a link drawn with its alt text)."""
    enumerated = ENUMERATOR.match(text)
    text = text[enumerated.end():] if enumerated else text
    for times in (2, 3):
        size = (len(text) - (times - 1)) // times
        if 8 <= size <= DOUBLED_PHRASE_MAX and text[size] == " " and " ".join([text[:size]] * times) == text:
            return True
    return False


@lru_cache(maxsize=TEXTS_REMEMBERED)
def is_site_notice(text: str) -> bool:
    """Prose about the site rather than the story: cookie and privacy notices, legal lines, sign-up pitches, contact labels."""
    return SITE_NOTICE.search(text) is not None or (":" in text and CONTACT_LABEL.search(text) is not None)


def is_link_header(line, index: int) -> bool:
    """Lynx's first line '#alternate Feed ...' lists the page's <link> titles: not text of the page."""
    return index == 0 and line.text.startswith("#")


@lru_cache(maxsize=TEXTS_REMEMBERED)
def is_listing_row(text: str) -> bool:
    """A line of code ('x = f(y);', '}') or a table row (three or more columns set apart by runs of spaces, or '│')."""
    return ((CODE_CHARS.search(text) is not None and CODE_LINE.search(text) is not None)
            or (("  " in text or "\t" in text) and TABLE_ROW.search(text) is not None))


def undoubled(name: str) -> str:
    """'Confreaks Confreaks' -> 'Confreaks': two links or images with one title, side by side."""
    words = name.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half and len(words) % 2 == 0 and words[:half] == words[half:] else name
