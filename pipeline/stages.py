"""The pipeline: one ordered list of stages, and running one page through it.

    read -> decode -> page_type -> extract -> locate -> strip_boilerplate -> metadata -> assemble -> validate

Each stage is a named callable that changes the Page (or raises Rejected) and counts what it did
in `page.counts`; the run summary adds those counts up. Writing is the runner's last step
(`pipeline.write`), the only place that touches the output folder.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Callable

from pydantic import ValidationError

from pipeline.decode import decode
from pipeline.extract.html import extract_html
from pipeline.extract.text import extract_text
from pipeline.locate import locate
from pipeline.metadata import find_metadata
from pipeline.page import WARC_RECORD, Page, Rejected
from pipeline.pagetype import type_page
from pipeline.read import HTTP_STATUS, http_body, is_mhtml, mhtml_page, read_file, unwrap
from pipeline.rules import apply_rules
from pipeline.textbody import drop_rejected_lines
from pipeline.textutil import body_word_count
from schemas import Article, Source, error_text

FORMAT_HINTS = {".html": "html", ".htm": "html", ".txt": "text"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Page], None]
    doc: str

    def __call__(self, page: Page) -> None:
        self.run(page)
        page.count(f"stage:{self.name}")


def read(page: Page) -> None:
    stored = read_file(page.location, page.max_bytes) if page.location is not None else page.raw
    page.sha256 = hashlib.sha256(stored).hexdigest()
    page.raw = unwrap(stored, page.max_bytes)
    page.count("bytes", len(stored))
    if HTTP_STATUS.match(page.raw):
        body, content_type = http_body(page.raw)
        page.raw = unwrap(body, page.max_bytes)   # curl saves a gzip-encoded body as it came
        if content_type in HTML_TYPES:
            page.format = page.format or "html"
        page.count("http_headers")
    if is_mhtml(page.raw):
        page.raw, url = mhtml_page(page.raw)
        page.url = page.url or url
        page.format = page.format or "html"
        page.count("mhtml")


def decode_page(page: Page) -> None:
    """A page from a WARC file is an HTML response (pipeline.sources takes no other); a file's name hints."""
    if WARC_RECORD.fullmatch(PurePosixPath(page.path).name):
        hint = "html"
    else:
        hint = next((fmt for ext, fmt in FORMAT_HINTS.items() if ext in page.path.lower()), "")
    page.text, page.encoding, detected = decode(page.raw, hint)
    page.format = page.format or detected  # a format set beforehand (pipeline.clean's `format`) stands
    page.count(f"encoding:{page.encoding}")
    page.count(f"format:{page.format}")


def extract(page: Page) -> None:
    (extract_html if page.format == "html" else extract_text)(page)
    if not page.lines:
        raise Rejected("no_text", "no lines of text in the page")
    page.count("lines", len(page.lines))


def strip_boilerplate(page: Page) -> None:
    apply_rules(page)
    drop_rejected_lines(page)
    page.count("lines_removed", sum(1 for ln in page.lines if not ln.kept))


def assemble(page: Page) -> None:
    paragraphs = [" ".join(ln.text.split()) for ln in page.kept_lines()]
    page.body = "\n\n".join(p for p in paragraphs if p)
    if not page.body:
        raise Rejected("no_body", "every line was boilerplate")
    if not page.values.get("headline"):
        page.warn("no_headline", "the page shows no title line or title tag")


def validate(page: Page) -> None:
    values = page.values
    try:
        page.record = Article(
            id=page.id,
            source=Source(path=page.path, sha256=page.sha256, format=page.format,
                          url=page.url, fetched=page.fetched),
            page_type=page.page_type,
            headline=values.get("headline"), date=values.get("date"), published=values.get("published"),
            outlet=values.get("outlet"), authors=values.get("authors") or [],
            dateline=values.get("dateline"), language=values.get("language"),
            body=page.body, word_count=body_word_count(page.body),
            provenance={k: page.origins.get(k) for k in ("headline", "date", "outlet", "authors")},
            warnings=page.warnings,
        )
    except ValidationError as exc:
        raise Rejected("invalid_record", error_text(exc)) from None


STAGES: list[Stage] = [
    Stage("read", read, "the stored bytes, gunzipped when gzip, within the size limit"),
    Stage("decode", decode_page, "bytes -> text; format (html/text) and encoding detected"),
    Stage("page_type", type_page, "the page's type (article, forum, product...; pipeline.pagetype); "
          "a non-article is rejected as not_article unless every type is asked for"),
    Stage("extract", extract, "HTML: trafilatura body blocks + JSON-LD/meta candidates; text: lines with layout"),
    Stage("locate", locate, "the article's region of lines and its headline"),
    Stage("strip_boilerplate", strip_boilerplate, "boilerplate rules mark the lines they remove"),
    Stage("metadata", find_metadata, "date, outlet, authors, dateline chosen from candidates"),
    Stage("assemble", assemble, "kept lines -> body paragraphs"),
    Stage("validate", validate, "the record must pass the Pydantic model"),
]


def process(page: Page, stages: list[Stage] = STAGES) -> Page:
    """Run a page (with `location` or `raw` set) through the stages; raises Rejected when it cannot be an article.
    A page rejected after a limit cut text off it is rejected for that limit (the stage's reason follows)."""
    try:
        for stage in stages:
            stage(page)
    except Rejected as rejected:
        limit = page.cut_at_limit
        if limit is None:
            raise
        raise Rejected(limit.reason, f"{limit.detail}; then {rejected.reason}: {rejected.detail}") from None
    return page
