"""Turn bytes into clean text and decide whether the page is HTML or a text dump."""
from __future__ import annotations

import codecs
import re
import unicodedata

from pipeline.page import Rejected

BINARY_MAGIC = {
    b"\x89PNG": "PNG image", b"%PDF": "PDF document", b"PK\x03\x04": "ZIP archive",
    b"GIF8": "GIF image", b"\xff\xd8\xff": "JPEG image", b"\x7fELF": "executable",
    b"RIFF": "RIFF media", b"BZh": "bzip2 archive", b"\xfd7zXZ": "xz archive",
}
BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
HTML_TAGS = re.compile(r"<(?:p|div|a|span|script|h[1-6]|article|br)\b[^>]*>", re.I)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff]")
TRAILING = re.compile(r"[ \t]+$", re.M)


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
    """BOM, then strict UTF-8, then the charset the page declares, then cp1252; never fails."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec.replace("-sig", "")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = DECLARED_CHARSET.search(data[:8192])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    for codec in candidates + ["cp1252"]:
        try:
            if codecs.lookup(codec).name in ("utf-8", "utf-16", "utf-32"):
                continue
            return data.decode(codec), codecs.lookup(codec).name
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1"), "latin-1"


def normalise(text: str) -> str:
    """Unix newlines, NFC, no-break and odd spaces as plain spaces, no NULs, no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = unicodedata.normalize("NFC", text)
    text = ZERO_WIDTH.sub("", SPACES.sub(" ", text))
    return TRAILING.sub("", text)


def sniff_format(text: str, hint: str) -> str:
    """'html' or 'text': the content decides; the extension only breaks a tie."""
    head = text[:4096]
    if HTML_START.match(head):
        return "html"
    tags = len(HTML_TAGS.findall(head))
    if tags >= 5:
        return "html"
    if hint == "html" and tags >= 1:
        return "html"
    return "text"
