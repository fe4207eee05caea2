"""Record ids: unique over nested folders (a crawl mirror), the same as before in a flat folder, reversible."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

from warc_pages import article_html

from pipeline.page import record_id
from pipeline.runner import Settings, run

MIRROR = [  # as `wget -r` lays out two sites: many pages share a name
    "site0.example/index.html", "site0.example/about.html", "site0.example/news/index.html",
    "site0.example/news/03/story/index.html", "site0.example/news/03/other-story/index.html",
    "site0.example/news/04/story/index.html", "site0.example/news/04/story/page2.html.gz",
    "site1.example/index.html", "site1.example/news/index.html", "site1.example/news/03/story/index.html",
    "site1.example/world/03/story/index.htm", "site1.example/world/03/notes/index.txt",
]


def test_every_page_of_a_crawl_mirror_is_a_record_with_an_id_that_gives_its_path_back(tmp_path):
    pages = tmp_path / "mirror"
    for n, rel in enumerate(MIRROR):
        (pages / rel).parent.mkdir(parents=True, exist_ok=True)
        (pages / rel).write_bytes(article_html(n))
    summary = run(pages, tmp_path / "out", Settings(workers=2), progress=False)
    assert (summary["records"], summary["rejected"]) == (len(MIRROR), 0), summary["rejections_by_reason"]
    records = {p.stem: json.loads(p.read_text("utf-8")) for p in (tmp_path / "out").glob("[!_]*.json")}
    assert {record["source"]["path"] for record in records.values()} == set(MIRROR)
    for page_id, record in records.items():
        assert record["id"] == page_id
        assert unquote(page_id) == record["source"]["path"].removesuffix(".gz").rsplit(".", 1)[0]
    assert "site0.example%2Fnews%2F03%2Fstory%2Findex" in records


def test_a_flat_folder_keeps_its_ids_and_every_id_is_a_file_name():
    assert record_id("pl-abcnews.go.com.html") == "pl-abcnews.go.com"
    assert record_id("story.txt.gz") == "story"
    assert record_id("crawl.warc.gz#17") == "crawl-17"
    assert record_id("caf%C3%A9.html") == "caf%C3%A9"  # a name as wget escapes it: left as it is
    assert record_id("crawls/2024/crawl.warc.gz#17") == "crawls%2F2024%2Fcrawl-17"
    # a top-level name that looks like an encoded path is encoded itself, so that no two pages share an id
    assert record_id("a%2Fb.html") == "a%252Fb" != record_id("a/b.html") == "a%2Fb"
    assert unquote(record_id("a%2Fb.html")) == "a%2Fb"
    # names whose id would be a run file's or a folder's keep their extension
    assert [record_id(name) for name in ("_run.html", "_rejected.txt", "..txt")] == ["_run.html", "_rejected.txt", "..txt"]


def test_a_page_named_like_a_run_file_or_a_dot_folder_becomes_a_record(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    for n, name in enumerate(("..html", "_run.html", "story.html")):
        (pages / name).write_bytes(article_html(n))
    summary = run(pages, tmp_path / "out", progress=False)
    assert (summary["records"], summary["rejected"]) == (3, 0)
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["..html.json", "_run.html.json", "_run.json",
                                                                           "story.json"]
