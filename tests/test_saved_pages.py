"""Pages saved with more than their HTML read as their HTML: one MHTML file (a browser's "web page, single file"),
with its address; an HTTP response saved with its headers (`curl -i`, `wget --save-headers`)."""
from __future__ import annotations

import gzip
import json
from email.charset import QP, Charset
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from warc_pages import article_html

from pipeline.read import is_mhtml
from pipeline.runner import run

URL = "https://daily.example/news/2024/03/bridge-reopens"


def mhtml(html: bytes | None, charset: str = "utf-8") -> bytes:
    """An MHTML file as browsers save one: MIME headers, the HTML part (quoted-printable), a picture."""
    message = MIMEMultipart("related", type="text/html")
    message["From"] = "<Saved by a browser>"
    message["Snapshot-Content-Location"] = URL
    message["Subject"] = "Bridge reopens"
    if html is not None:
        encoding = Charset(charset)
        encoding.body_encoding = QP
        page = MIMEText(html.decode("utf-8").replace('<meta charset="utf-8">', ""), "html", encoding)
        page["Content-Location"] = URL
        message.attach(page)
    picture = MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif")
    picture["Content-Location"] = "https://daily.example/img/bridge.gif"
    message.attach(picture)
    return message.as_bytes()


def test_an_mhtml_file_is_known_by_its_headers_not_its_name():
    assert is_mhtml(mhtml(article_html(1)))
    assert not is_mhtml(article_html(1))
    assert not is_mhtml(b"Notes\n\nContent-Type: multipart/related is how MHTML files start.\n")


def test_a_saved_page_becomes_the_record_of_its_html_with_its_address(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "bridge.mhtml").write_bytes(mhtml(article_html(3)))
    (pages / "bridge-latin1.mht").write_bytes(mhtml(article_html(4).replace(b"bridge", "br\u00efdge".encode()),
                                                    charset="iso-8859-1"))
    summary = run(pages, tmp_path / "out", progress=False)
    assert (summary["records"], summary["rejected"]) == (2, 0)
    record = json.loads((tmp_path / "out" / "bridge.json").read_text())
    assert record["source"]["format"] == "html" and record["source"]["url"] == URL
    assert "bridge reopens after repairs, part 3" in record["headline"]
    assert "corroded bolts" in record["body"] and "Content-Type" not in record["body"]
    latin1 = json.loads((tmp_path / "out" / "bridge-latin1.json").read_text())
    assert "br\u00efdge reopened" in latin1["body"]


def test_an_mhtml_file_without_html_is_rejected_with_its_reason(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "pictures.mhtml").write_bytes(mhtml(None))
    run(pages, tmp_path / "out", progress=False)
    rejected = [json.loads(line) for line in (tmp_path / "out" / "_rejected.jsonl").read_text().splitlines()]
    assert [(r["id"], r["reasons"], r["detail"]) for r in rejected] == [
        ("pictures", ["no_text"], "an MHTML file without an HTML part")]


def response(status: str, body: bytes, *headers: str) -> bytes:
    return "\r\n".join([f"HTTP/1.1 {status}", "Server: example", *headers, "", ""]).encode() + body


def test_a_response_saved_with_its_headers_reads_as_its_body(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    html = "Content-Type: text/html; charset=utf-8"
    (pages / "curl-i.txt").write_bytes(response("200 OK", article_html(5), html))
    (pages / "redirected").write_bytes(response("301 Moved Permanently", b"", "Location: /story")
                                       + response("200 OK", article_html(6), html))
    (pages / "gzip-encoded.html").write_bytes(response("200 OK", gzip.compress(article_html(7)), html,
                                                       "Content-Encoding: gzip"))
    (pages / "missing.html").write_bytes(response("404 Not Found", b"<html><body>Not found</body></html>", html))
    summary = run(pages, tmp_path / "out", progress=False)
    assert (summary["records"], summary["rejected"]) == (3, 1)
    for name, n in (("curl-i", 5), ("redirected", 6), ("gzip-encoded", 7)):
        record = json.loads((tmp_path / "out" / f"{name}.json").read_text())
        assert record["source"]["format"] == "html" and f"part {n}" in record["headline"]
        assert "HTTP/1.1" not in record["body"] and "Server: example" not in record["body"]
    rejected = [json.loads(line) for line in (tmp_path / "out" / "_rejected.jsonl").read_text().splitlines()]
    assert [(r["id"], r["reasons"], r["detail"]) for r in rejected] == [
        ("missing", ["http_error"], "the saved response is HTTP 404")]
