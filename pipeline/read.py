"""Read a page's bytes: plain or gzip-compressed, within a size limit."""
from __future__ import annotations

import zlib

from pipeline.page import Rejected

GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_file(path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes as stored; Rejected when unreadable or larger than max_bytes."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise Rejected("unreadable", exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise Rejected("too_large", f"more than {max_bytes} bytes")
    return data


def unwrap(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The page inside: gunzipped when the bytes are gzip (whatever the file name says)."""
    return gunzip(data, max_bytes) if data.startswith(GZIP_MAGIC) else data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing to expand past max_bytes (a gzip bomb stops early)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise Rejected("corrupt_gzip", str(exc)) from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise Rejected("too_large", f"expands to more than {max_bytes} bytes")
    if not inflater.eof:
        raise Rejected("corrupt_gzip", "truncated gzip stream")
    return out
