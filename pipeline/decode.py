"""Turn bytes into clean text and decide whether the page is HTML or a text dump."""
from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy

from pipeline.page import Rejected

BINARY_MAGIC = {
    b"\x89PNG": "PNG image", b"%PDF": "PDF document", b"PK\x03\x04": "ZIP archive",
    b"GIF8": "GIF image", b"\xff\xd8\xff": "JPEG image", b"\x7fELF": "executable",
    b"RIFF": "RIFF media", b"BZh": "bzip2 archive", b"\xfd7zXZ": "xz archive",
}
BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
DECLARED_CHARSET = re.compile(rb"""(?:<meta[^>]{0,200}?charset|<\?xml[^>]{0,100}?encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
HTML_TAGS = re.compile(r"<(?:p|div|a|span|script|h[1-6]|article|br)\b[^>]*>", re.I)
MARKUP = re.compile(r"</?(?:html|head|body|meta|title|link|style|script|noscript|p|div|span|a|img|br|h[1-6]|article"
                    r"|section|main|header|footer|nav|table|tr|td|ul|ol|li|dl|dt|dd|pre|blockquote|b|i|em|strong|font|center"
                    r"|form|iframe)\b[^<>]*>", re.I)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
ZERO_WIDTH = "\u200b\u2060\ufeff"
ODD_SPACE_OR_ZERO_WIDTH = re.compile(f"[{ODD_SPACES}{ZERO_WIDTH}]")
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")
MOJIBAKE = re.compile(   # a lead byte of UTF-8 read as cp1252 or Latin-1, then a continuation byte read the same way
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152"
    "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]")
WHATWG_ALIASES = {"ascii": "cp1252", "iso8859-1": "cp1252"}  # as browsers read them


def decode(data: bytes, hint: str = "") -> tuple[str, str, str]:
    """(text, encoding, format) for raw page bytes; `hint` is the format the file name suggests."""
    if not data.strip():
        raise Rejected("empty", "no content")
    kind = next((name for magic, name in BINARY_MAGIC.items() if data.startswith(magic)), None)
    if kind:
        raise Rejected("binary", kind)
    text, encoding = to_unicode(data)
    text = normalise(text)
    if len(CONTROL.findall(text[:4096])) > 0.05 * min(len(text), 4096) or "\ufffd" * 8 in text[:4096]:
        raise Rejected("binary", "mostly control characters")
    if not text.strip():
        raise Rejected("empty", "only white space")
    return text, encoding, sniff_format(text, hint)


def to_unicode(data: bytes) -> tuple[str, str]:
    """BOM, UTF-16 by its NUL bytes, strict UTF-8, the declared legacy charset, then UTF-8 with
    stray bytes read as cp1252 (a page that declares the wrong charset, or mixes two); never fails."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec.replace("-sig", "")
    head = data[:4096]
    if head.count(0) > 0.1 * len(head):
        codec = utf16_by_nul_bytes(head)
        if codec is None:
            raise Rejected("binary", "NUL bytes throughout")
        return data.decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = DECLARED_CHARSET.search(data[:8192])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
            codec = WHATWG_ALIASES.get(codec, codec)
            if not codec.startswith("utf"):
                return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass
    encoding = "utf-8" if UTF8_SEQUENCE.search(data) else "cp1252"
    return data.decode("utf-8", errors=STRAY_BYTES), encoding


def utf16_by_nul_bytes(head: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL beside nearly every ASCII letter, all on one side."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) / 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def read_stray_bytes_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode error handler: bytes that are not UTF-8 are read as cp1252 (its five holes as latin-1)."""
    stray = error.object[error.start:error.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in stray), error.end


STRAY_BYTES = "newsclean-cp1252"
codecs.register_error(STRAY_BYTES, read_stray_bytes_as_cp1252)


def normalise(text: str) -> str:
    """Unix newlines, mojibake repaired, NFC, no-break and odd spaces as plain spaces, apostrophes as apostrophes,
    no NULs, no trailing blanks. (Mojibake: UTF-8 text that was once read as cp1252 or Latin-1, 'isnâ€™t' for
    "isn’t", which pages and dumps carry over from their own sources; ftfy undoes it only where its signs show.
    Text browsers write the apostrophe as U+02BC, a modifier letter, which glues "Putinʼs" into one word.)"""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text.isascii():
        if MOJIBAKE.search(text):
            text = "\n".join(ftfy.fix_encoding(line) if MOJIBAKE.search(line) else line for line in text.split("\n"))
        text = unicodedata.normalize("NFC", text.replace("\u02bc", "\u2019"))
        text = ODD_SPACE_OR_ZERO_WIDTH.sub(plain_space_or_nothing, text)
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        text = "\n".join([line.rstrip(" \t") for line in text.split("\n")])  # a [ \t]+$ regex is quadratic on long indents
    return text


def plain_space_or_nothing(match: re.Match) -> str:
    return "" if match.group() in ZERO_WIDTH else " "


def sniff_format(text: str, hint: str) -> str:
    """'html' or 'text'. HTML starts with a doctype or <html>/<head>/<body>. A page said to be HTML
    (`hint`: its name, or a WARC record's content type) is, unless it holds no HTML tag at all (a
    text dump under an .html name); one that starts with a long <style> block and no doctype is
    HTML. Otherwise the content decides: HTML is mostly lines of markup, and a text dump that
    merely quotes a few tags stays text.
    """
    head = text[:4096]
    if HTML_START.match(head):
        return "html"
    if hint == "html":
        return "html" if MARKUP.search(text) else "text"
    if not HTML_TAGS.search(head):
        return "text"
    lines = [ln for ln in head.split("\n") if ln.strip()]
    markup = sum(1 for ln in lines if ln.lstrip().startswith("<"))
    return "html" if len(HTML_TAGS.findall(head)) >= 5 and markup * 2 >= len(lines) else "text"
