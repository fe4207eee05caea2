"""Where pages come from: files found in the input folder, and the HTML responses inside WARC files.

A WARC file (`.warc`, `.warc.gz`) found in the walk becomes one page per HTTP `response` record with
status 200 and an HTML content type, read in file order, one record at a time. Such a page has
- path `<the WARC's relative path>#<n>` (`crawl.warc.gz#17`), n the record's 0-based position among
  all the records of the file (requests, metadata and skipped responses count too);
- id `<WARC name>-<n>` (`crawl-17`; in a sub-folder, with its path: see `pipeline.page.record_id`):
  stable for a given file and safe as a file name;
- url and fetched from the record's WARC-Target-URI and WARC-Date; sha256 of the HTTP payload (its
  transfer and content encodings undone), which is what the pipeline reads.
Other records are skipped and counted by reason (`not_response`, `not_html`, `status_404`, ...).
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from warcio.archiveiterator import ArchiveIterator

from pipeline.page import Page, Rejected
from pipeline.read import file_sha256

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class WarcRecord:
    """Where a page from a WARC file is: its payload, URL and fetch date (read in the main process)."""

    raw: bytes
    url: str | None
    fetched: str | None


def is_warc(path: Path | str) -> bool:
    return os.path.basename(path).lower().endswith(WARC_SUFFIXES)


def expand_warcs(found: Iterable[tuple], max_bytes: int, skipped: Counter) -> Iterator[tuple]:
    """The walk's (rel, location, problem) entries, each WARC file replaced by its HTML pages.

    Records that are not pages are counted in `skipped`. A record cut short is a `corrupt_warc`
    rejection; so is the position where a damaged WARC could not be read on, and the walk goes on.
    """
    for rel, location, problem in found:
        if location is None or not is_warc(location):
            yield rel, location, problem
            continue
        position = 0  # of the record being read
        try:
            with open(location, "rb") as stream:
                for record in ArchiveIterator(stream):
                    reason = skip_reason(record)
                    if reason:
                        skipped[reason] += 1
                    else:
                        yield f"{rel}#{position}", *read_record(record, max_bytes)
                    position += 1
            if position == 0:
                raise ValueError("no WARC record in the file")
        except Exception as exc:  # warcio raises many kinds on a damaged file; it costs one rejection
            yield f"{rel}#{position}", None, Rejected("corrupt_warc", f"{type(exc).__name__}: {exc}"[:300])


def skip_reason(record) -> str | None:
    """Why a WARC record is not a page to clean, or None when it is an HTML response with status 200."""
    if record.rec_type != "response" or record.http_headers is None:
        return "not_response"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return f"status_{status}"
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not any(kind in content_type for kind in HTML_TYPES):
        return "not_html"
    return None


def read_record(record, max_bytes: int) -> tuple[WarcRecord | None, Rejected | None]:
    """A response record's page, or why it cannot be one; never reads more than max_bytes + 1 bytes."""
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return None, Rejected("too_large", f"more than {max_bytes} bytes")
    if record.raw_stream.limit:  # the file ended before the record did
        return None, Rejected("corrupt_warc", "the record is cut short")
    headers = record.rec_headers
    return WarcRecord(payload, headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date")), None


def place(page: Page, location) -> None:
    """Tell a page where its bytes are: a file to read, or a WARC record's payload (with URL and date)."""
    if isinstance(location, WarcRecord):
        page.raw, page.url, page.fetched = location.raw, location.url, location.fetched
    else:
        page.location = str(location)


def stored_sha256(location, max_bytes: int) -> str | None:
    """sha256 of a page's stored bytes (a file, or a WARC record's payload); None when it cannot be a page."""
    if isinstance(location, WarcRecord):
        return hashlib.sha256(location.raw).hexdigest()
    return file_sha256(location, max_bytes)


def count_pages(root: Path) -> int | None:
    """How many pages the walk of root will find (for a progress bar); None when a WARC makes it unknown."""
    if root.is_file():
        return None if is_warc(root) else 1
    total = 0
    for _folder, _dirs, files in os.walk(root, followlinks=False):
        if any(name.lower().endswith(WARC_SUFFIXES) for name in files):
            return None
        total += len(files)
    return total
