"""WARC input: every HTML 200 response becomes a page with its URL and fetch date; other records are counted."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from warc_pages import article_html, sample_warc, write_warc

from pipeline.page import page_id, record_id
from pipeline.sources import WarcRecord, expand_warcs, stored_sha256


def expand(path: Path, max_bytes: int = 1_000_000) -> tuple[list[tuple], Counter]:
    skipped: Counter = Counter()
    return list(expand_warcs([(path.name, path, None)], max_bytes, skipped)), skipped


def test_html_responses_become_pages_and_the_other_records_are_counted(tmp_path):
    sample_warc(tmp_path / "crawl.warc.gz")
    pages, skipped = expand(tmp_path / "crawl.warc.gz")
    assert [rel for rel, _, _ in pages] == ["crawl.warc.gz#2", "crawl.warc.gz#5"]
    first, second = (location for _, location, _ in pages)
    assert (first.url, first.fetched) == ("https://news.example/a", "2024-03-01T10:00:00Z")
    assert first.raw == article_html(1)
    assert second.raw == article_html(2)  # its Content-Encoding: gzip undone
    assert all(problem is None for _, _, problem in pages)
    assert skipped == {"not_response": 2, "status_404": 1, "not_html": 1}


def test_plain_warc_and_other_files_pass_through(tmp_path):
    write_warc(tmp_path / "plain.warc", [("https://news.example/c", "200 OK", "application/xhtml+xml", article_html(3))],
               compress=False)
    page = tmp_path / "page.html"
    found = [("plain.warc", tmp_path / "plain.warc", None), ("page.html", page, None), ("odd", None, "not_a_file")]
    pages = list(expand_warcs(found, 1_000_000, Counter()))
    assert [(rel, type(location).__name__) for rel, location, _ in pages] == [
        ("plain.warc#2", "WarcRecord"), ("page.html", type(page).__name__), ("odd", "NoneType")]


def test_page_id_of_a_record_is_the_warc_name_and_position():
    assert page_id(Path("sub/crawl.warc.gz#17")) == "crawl-17"
    assert page_id(Path("2024-05.WARC#0")) == "2024-05-0"
    assert page_id(Path("story.html")) == "story"
    assert record_id("sub/crawl.warc.gz#17") == "sub%2Fcrawl-17"  # in a sub-folder: the path makes it unique


def test_a_record_over_the_size_limit_is_rejected_unread(tmp_path):
    sample_warc(tmp_path / "crawl.warc.gz")
    pages, _ = expand(tmp_path / "crawl.warc.gz", max_bytes=100)
    assert [(rel, location, problem.reason) for rel, location, problem in pages] == [
        ("crawl.warc.gz#2", None, "too_large"), ("crawl.warc.gz#5", None, "too_large")]


def test_a_record_cut_short_is_rejected_and_the_good_ones_kept(tmp_path):
    sample_warc(tmp_path / "whole.warc.gz")
    data = (tmp_path / "whole.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - 200])
    pages, _ = expand(tmp_path / "cut.warc.gz")
    assert [(rel, problem and problem.reason) for rel, _, problem in pages] == [
        ("cut.warc.gz#2", None), ("cut.warc.gz#5", "corrupt_warc")]


def test_a_file_that_is_no_warc_is_one_rejection(tmp_path):
    (tmp_path / "junk.warc.gz").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty.warc").write_bytes(b"")
    for name in ("junk.warc.gz", "empty.warc"):
        pages, _ = expand(tmp_path / name)
        assert [(rel, problem.reason) for rel, _, problem in pages] == [(f"{name}#0", "corrupt_warc")]


def test_stored_sha256_of_a_record_is_its_payload_hash():
    import hashlib

    assert stored_sha256(WarcRecord(b"<html>", None, None), 10) == hashlib.sha256(b"<html>").hexdigest()


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "run", "-q", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_run_over_a_folder_with_a_warc(root, tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    sample_warc(pages / "crawl.warc.gz")
    shutil.copy(root / "raw" / "000_066ee241e32c7a89.txt", pages)
    out = tmp_path / "out"
    done = run_cli(pages, out, "-j", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in out.glob("[!_]*.json")) == ["000_066ee241e32c7a89.json", "crawl-2.json", "crawl-5.json"]
    record = json.loads((out / "crawl-5.json").read_text("utf-8"))
    assert record["source"]["path"] == "crawl.warc.gz#5"
    assert (record["source"]["url"], record["source"]["fetched"]) == ("https://news.example/b", "2024-03-04T10:00:00Z")
    assert record["headline"] == "Carrow bridge reopens after repairs, part 2"
    summary = json.loads((out / "_run.json").read_text("utf-8"))
    assert (summary["pages"], summary["records"]) == (3, 3)
    assert summary["warc_records_skipped"] == {"not_html": 1, "not_response": 2, "status_404": 1}
    before = {p.name: p.read_bytes() for p in out.glob("*.json*")}
    again = run_cli(pages, out, "-j", "1")
    assert again.returncode == 0 and "unchanged since the last run 3" in again.stdout
    assert {p.name: p.read_bytes() for p in out.glob("*.json*")} == before


def test_one_warc_file_as_input(tmp_path):
    sample_warc(tmp_path / "crawl.warc.gz")
    out = tmp_path / "out"
    done = run_cli(tmp_path / "crawl.warc.gz", out, "-j", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in out.glob("[!_]*.json")) == ["crawl-2.json", "crawl-5.json"]
    assert json.loads((out / "crawl-2.json").read_text("utf-8"))["source"]["path"] == "crawl.warc.gz#2"


def explain_cli(page) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "explain", str(page)], capture_output=True, text=True,
                          timeout=300)


def test_explain_a_warc_record_by_its_source_path(tmp_path):
    sample_warc(tmp_path / "crawl.warc.gz")
    done = explain_cli(tmp_path / "crawl.warc.gz#5")
    assert done.returncode == 0, done.stderr
    assert "record crawl-5.json" in done.stdout and "Carrow bridge reopens after repairs, part 2" in done.stdout
    missing = explain_cli(tmp_path / "crawl.warc.gz#3")
    assert missing.returncode == 2 and "record 3" in missing.stderr and "pages at records: 2, 5" in missing.stderr
