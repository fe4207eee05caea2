"""The library API: clean one page in memory (see also pipeline.records.load_records).

    import pipeline

    article = pipeline.clean(html_bytes, url="https://example.com/story")
    print(article.headline, article.date, article.body[:80])
"""
from __future__ import annotations

import hashlib
from typing import Literal

from pipeline.page import Page
from pipeline.read import DEFAULT_MAX_BYTES
from schemas import Article


def clean(data: bytes | str, *, url: str | None = None, format: Literal["html", "text"] | None = None,
          id: str | None = None, all_types: bool = False) -> Article:
    """The article record of one page, through the same stages as `python -m pipeline run`.

    `data`: the page's bytes as fetched or stored (gzip is undone; the encoding is detected), or text.
    `url`: the page's address, when known (site rules and the outlet use it). `format`: 'html' or
    'text' (a text-browser dump) to say what the page is; by default its content decides.
    `id`: the record's id; by default the first 16 hex digits of the page's sha256.
    `all_types`: a page that is no article (a product page, a forum thread...) becomes a record too, with its
    `page_type`, as with `run --all-types`; by default it is rejected as `not_article`.
    Raises pipeline.Rejected (with `.reason` and `.detail`) when the page cannot become an article.
    There is no time limit: a run gives each page one (`--timeout`), a caller of this function sets its own.
    """
    from pipeline.stages import process  # the stages load the models and trafilatura: not on `import pipeline`

    if format not in (None, "html", "text"):
        raise ValueError(f"format must be 'html', 'text' or None, not {format!r}")
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    page = Page(id=id or hashlib.sha256(raw).hexdigest()[:16], path="", raw=raw, max_bytes=DEFAULT_MAX_BYTES,
                url=url, format=format or "", all_types=all_types)
    return process(page).record
