"""Small inputs made on the spot for the WARC, JSON Lines and engine tests: article pages and WARC files."""
from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

TOWNS = ["Aberton", "Brookfield", "Carrow", "Dunmore", "Elsworth", "Fairhaven", "Glenmoor", "Harwick"]


def article_html(n: int) -> bytes:
    """An HTML news article, different for every n, that the pipeline turns into a record."""
    town = TOWNS[n % len(TOWNS)]
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{town} bridge reopens after repairs, part {n} - The Daily Example</title>
<meta property="og:site_name" content="The Daily Example"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-{1 + n % 28:02d}T09:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>
<h1>{town} bridge reopens after repairs, part {n}</h1>
<p>The {town} bridge reopened to traffic on Friday morning after {n + 2} months of repairs to its steel deck and cables, the council said.</p>
<p>Engineers replaced more than {200 + n} corroded bolts and repainted the main span, work that ran three weeks past its schedule.</p>
<p>Commuters who had faced long detours through the old town welcomed the news, although cyclists said the lanes were narrow.</p>
</article><footer>Copyright 2024 The Daily Example</footer></body></html>""".encode()


def write_warc(path: Path, responses: list[tuple[str, str, str, bytes]], compress: bool = True) -> None:
    """A WARC file: a warcinfo record, a request record, then (url, status, content type, body) responses.

    A body given gzip-compressed is sent with `Content-Encoding: gzip`, as a server would.
    """
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsclean tests"}))
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://news.example/", "request", http_headers=request))
        for n, (url, status, content_type, body) in enumerate(responses):
            headers = [("Content-Type", content_type)]
            if body.startswith(b"\x1f\x8b"):
                headers.append(("Content-Encoding", "gzip"))
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            warc_headers = {"WARC-Date": f"2024-03-0{1 + n % 9}T10:00:00Z"}
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http, warc_headers_dict=warc_headers))


def sample_warc(path: Path) -> None:
    """Records 0 warcinfo, 1 request, 2 article, 3 a 404, 4 an image, 5 a gzip-encoded article."""
    write_warc(path, [
        ("https://news.example/a", "200 OK", "text/html; charset=utf-8", article_html(1)),
        ("https://news.example/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>"),
        ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://news.example/b", "200 OK", "text/html", gzip.compress(article_html(2))),
    ])
