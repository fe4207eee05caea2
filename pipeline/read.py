"""Read a page's bytes: plain or gzip-compressed, within a size limit, never more than the limit; a page saved
as one MHTML file (a browser's "Save as: web page, single file") gives its HTML and its address; a page
saved with the HTTP response's headers before it (`curl -i`, `wget --save-headers`) gives the body."""
from __future__ import annotations

import email
import hashlib
import os
import re
import stat
import zlib

from pipeline.page import Rejected

GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
CHUNK = 1024 * 1024
HTTP_STATUS = re.compile(rb"HTTP/\d(?:\.\d)? (\d{3})[^\r\n]*\r?\n")   # 'HTTP/1.1 200 OK'
HEADERS_END = re.compile(rb"\r?\n\r?\n")
CONTENT_TYPE = re.compile(rb"^content-type:[ \t]*([^\r\n;]+)", re.I | re.M)
MHTML_HEADERS = 4096   # an MHTML file's own headers, which name it multipart/related, come first
MHTML = re.compile(rb"\A(?:[A-Za-z][\w-]*:[^\n]*\n|[ \t][^\n]*\n)*?content-type:[ \t]*multipart/related", re.I)


def open_page(path) -> int:
    """A read-only descriptor for a regular file; a symlink or a FIFO swapped in after discovery is refused."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise Rejected("unreadable", exc.strerror or str(exc)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise Rejected("not_a_file", "not a regular file")
    return fd


def chunks(path, max_bytes: int):
    """The file's bytes in pieces; Rejected when larger than max_bytes (checked before reading)."""
    fd = open_page(path)
    try:
        if os.fstat(fd).st_size > max_bytes:
            raise Rejected("too_large", f"more than {max_bytes} bytes")
        total = 0
        while piece := _read(fd, CHUNK):
            total += len(piece)
            if total > max_bytes:  # the file grew while we read it
                raise Rejected("too_large", f"more than {max_bytes} bytes")
            yield piece
    finally:
        os.close(fd)


def _read(fd: int, size: int) -> bytes:
    try:
        return os.read(fd, size)
    except OSError as exc:
        raise Rejected("unreadable", exc.strerror or str(exc)) from None


def read_file(path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes as stored; Rejected when unreadable, not a regular file or larger than max_bytes."""
    return b"".join(chunks(path, max_bytes))


def file_sha256(path, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """sha256 of the stored bytes, read in pieces; None when the file cannot be a page."""
    digest = hashlib.sha256()
    try:
        for piece in chunks(path, max_bytes):
            digest.update(piece)
    except Rejected:
        return None
    return digest.hexdigest()


def unwrap(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The page inside: gunzipped when the bytes are gzip (whatever the file name says)."""
    return gunzip(data, max_bytes) if data.startswith(GZIP_MAGIC) else data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data (every member), refusing to expand past max_bytes: a gzip bomb stops early."""
    out = bytearray()
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(data, max_bytes + 1 - len(out))
        except zlib.error as exc:
            raise Rejected("corrupt_gzip", str(exc)) from None
        if len(out) > max_bytes or inflater.unconsumed_tail:
            raise Rejected("too_large", f"expands to more than {max_bytes} bytes")
        if not inflater.eof:
            raise Rejected("corrupt_gzip", "truncated gzip stream")
        data = inflater.unused_data.lstrip(b"\x00")  # the next member; some tools pad with NULs
    return bytes(out)


def is_mhtml(data: bytes) -> bool:
    """Whether the bytes are an MHTML file: MIME headers that name a multipart/related message."""
    return MHTML.match(data[:MHTML_HEADERS].replace(b"\r\n", b"\n")) is not None


def mhtml_page(data: bytes) -> tuple[bytes, str | None]:
    """The HTML of an MHTML file (its first text/html part, transfer encoding undone, in its declared charset turned
    into UTF-8) and the page's address (the part's Content-Location, else the file's Snapshot-Content-Location);
    Rejected when the file holds no HTML."""
    message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            html = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and charset.lower().replace("-", "") != "utf8":
                try:
                    html = html.decode(charset).encode("utf-8")
                except (LookupError, UnicodeDecodeError):
                    pass   # left to the decode stage, which reads the page's own declaration
            url = part.get("Content-Location") or message.get("Snapshot-Content-Location")
            return html, str(url).strip() if url else None
    raise Rejected("no_text", "an MHTML file without an HTML part")


def http_body(data: bytes) -> tuple[bytes, str | None]:
    """The body of a saved HTTP response and its content type (lower case; None when not given), past every
    status line and header block (`curl -iL` saves one for each redirect); Rejected when the last status is an error."""
    content_type, code = None, 200
    while (status := HTTP_STATUS.match(data)) is not None:
        end = HEADERS_END.search(data, status.end() - 2)
        headers, data = (data[:end.start()], data[end.end():]) if end else (data, b"")
        declared = CONTENT_TYPE.search(headers)
        content_type = declared[1].strip().lower().decode("ascii", "replace") if declared else None
        code = int(status[1])
    if code >= 400:
        raise Rejected("http_error", f"the saved response is HTTP {code}")
    return data, content_type
