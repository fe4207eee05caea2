"""Hostile input: whatever a scraper saved, every page ends as a record or a rejection with a reason.

The corpus is generated here in tmp_path (nothing big is committed): empty and binary files, broken
encodings, a 50 MB page and a gzip bomb (neither is ever read whole), deep HTML, odd file names, a
symlink out of the input, a FIFO, an XXE page... plus the three seed pages, which must come out
exactly as they do alone.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ARTICLE = [
    "Harbour town opens its first tidal power station",
    "",
    "The small harbour town of Eastwick switched on its first tidal power station on Tuesday, "
    "after eleven years of planning, two public inquiries and a long fight over the local fishing grounds.",
    "",
    "Engineers said the four turbines, anchored to the sea bed beyond the old breakwater, would supply "
    "about a third of the town's electricity when the tides run strongest in spring and autumn.",
    "",
    "\u201cIt is a good day for the town,\u201d the mayor said, standing on the quay beside the crews \u2014 "
    "some of whom had opposed the scheme \u2014 as the first current reached the grid late in the afternoon.",
    "",
]
ARTICLE_TEXT = "\n".join(ARTICLE)
BODY_HTML = "".join(f"<p>{line}</p>" for line in ARTICLE[2:] if line)
HTML = (f"<!DOCTYPE html><html lang=en><head><meta charset=\"utf-8\"><title>{ARTICLE[0]}</title></head>"
        f"<body><article><h1>{ARTICLE[0]}</h1>{BODY_HTML}</article></body></html>")
BOILERPLATE = "\n\n".join(["Home", "News | Sport | Weather", "Subscribe to our newsletter", "Advertisement",
                            "Share on Facebook", "Sign in", "Cookie policy", "Copyright 2024 Example Media. All rights reserved."])
SEEDS = ("000_066ee241e32c7a89.txt", "001_96f73f12d8d1799f.txt", "002_7b5a9782f59135aa.txt")
NOT_AN_ARTICLE = {"no_text", "no_body", "no_headline", "no_article", "not_article", "invalid_record"}


def gzip_bomb(path: Path, gigabytes: int = 4) -> None:
    """A ~4 MB file that gunzips to `gigabytes` GB: one member of 16 MB of zeros, repeated."""
    member = gzip.compress(b"\0" * (16 << 20), compresslevel=9)
    with open(path, "wb") as fh:
        for _ in range(gigabytes * 64):
            fh.write(member)


def sparse_page(path: Path, size: int) -> None:
    """A page of `size` bytes that takes no disk space: an HTML start, then a hole."""
    with open(path, "wb") as fh:
        fh.write(HTML.encode()[:200])
        fh.truncate(size)


def build_hostile(folder: Path, outside: Path) -> dict[str, set[str] | str]:
    """Write the hostile pages; returns {relative path: the reason (or set of reasons) it must get, or "record"}."""
    folder.mkdir(parents=True)
    expect: dict[str, set[str] | str] = {}

    def page(name: str, data: bytes | str, outcome) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        expect[name] = outcome
        return path

    page("empty.txt", b"", "empty")
    page("blank.html", " \n\t\r\n   \n", "empty")
    page("image.html", b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "binary")
    page("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + os.urandom(2000), "binary")
    page("archive.html", b"PK\x03\x04" + os.urandom(2000), "binary")
    page("random-bytes.txt", bytes(range(256)) * 20, "binary")
    page("nul-bytes.txt", ARTICLE_TEXT.replace(" the ", " the\0 ").encode(), "record")
    page("invalid-utf8.txt", ARTICLE_TEXT.encode().replace(b"town", b"t\xffown", 1), "record")
    page("utf16-bom.txt", ARTICLE_TEXT.encode("utf-16"), "record")
    page("utf16-no-bom.txt", ARTICLE_TEXT.encode("utf-16-le"), "record")
    page("cp1252-declared-utf8.html", HTML.encode("cp1252"), "record")
    page("cp1252-declared-latin1.html", HTML.replace("utf-8", "iso-8859-1").encode("cp1252"), "record")
    page("only-boilerplate.txt", BOILERPLATE, NOT_AN_ARTICLE)
    page("truncated.html", HTML[: HTML.index("</p>", len(HTML) // 2)], "record")
    sparse_page(folder / "huge.html", 50 << 20)
    expect["huge.html"] = "too_large"
    page("deep.html", "<html><body>" + "<div>" * 100_000 + BODY_HTML + "</div>" * 100_000 + "</body></html>",
         NOT_AN_ARTICLE | {"too_deep", "parser_limit"})
    page("corrupt.txt.gz", gzip.compress(ARTICLE_TEXT.encode())[:40] + b"\x00garbage" * 8, "corrupt_gzip")
    page("cut-short.html.gz", gzip.compress(HTML.encode())[:-30], "corrupt_gzip")
    gzip_bomb(folder / "bomb.html.gz")
    expect["bomb.html.gz"] = "too_large"
    page("zipped.txt.gz", gzip.compress(ARTICLE_TEXT.encode()), "record")
    page("punctuation.txt", ARTICLE[0] + "\n\n" + "\n".join(
        [". " * 10_000, "-" * 20_000, " ," * 10_000 + "x", "!?" * 10_000 + "a", "| " * 10_000, "... " * 5_000]
        + ARTICLE[2:]), NOT_AN_ARTICLE | {"record"})
    page("xxe.html", '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY leak SYSTEM "file:///etc/passwd">]>\n'
         + HTML.replace("<p>The small", "<p>&leak; The small"), NOT_AN_ARTICLE | {"record"})
    page("with space.txt", ARTICLE_TEXT, "record")
    page("ünïcödé-頁.txt", ARTICLE_TEXT, "record")
    page("-leading-dash.txt", ARTICLE_TEXT, "record")
    page("--output=..%2F..%2Fescape.txt", ARTICLE_TEXT, "record")
    page("sub/folder/nested.html", HTML, "record")
    page("sub/with space.txt", ARTICLE_TEXT, "record")  # its id is its path: no clash with "with space.txt"
    page("_run.html", HTML, "record")  # its id keeps the extension: no clash with _run.json
    page("locked.txt", ARTICLE_TEXT, "unreadable" if os.geteuid() != 0 else "record")
    (folder / "locked.txt").chmod(0)
    (outside / "secret.html").write_text(HTML, "utf-8")
    (folder / "escape.html").symlink_to(outside / "secret.html")
    expect["escape.html"] = "symlink_outside_input"
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    expect["passwd.txt"] = "symlink_outside_input"
    (folder / "outside-dir").symlink_to(outside, target_is_directory=True)
    expect["outside-dir"] = "symlink_outside_input"
    (folder / "inside-link.txt").symlink_to(folder / "with space.txt")
    expect["inside-link.txt"] = "record"
    os.mkfifo(folder / "pipe.html")
    expect["pipe.html"] = "not_a_file"
    bad_name = os.fsencode(folder) + b"/bad-\xff-name.txt"
    with open(bad_name, "wb") as fh:
        fh.write(ARTICLE_TEXT.encode())
    expect["bad-\ufffd-name.txt"] = "bad_name"
    return expect


def cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def hostile(root, tmp_path_factory):
    """The hostile corpus plus the seed pages, run once through the CLI with two workers."""
    base = tmp_path_factory.mktemp("hostile")
    (base / "outside").mkdir()
    expect = build_hostile(base / "in", base / "outside")
    for seed in SEEDS:
        shutil.copy(root / "raw" / seed, base / "in" / seed)
        expect[seed] = "record"
    done = cli("run", "-q", "-j", "2", base / "in", base / "out")
    return expect, base, done


def outcomes(out: Path) -> dict[str, str]:
    """{path: "record" or the rejection reason} from a run's output."""
    found = {json.loads(p.read_text("utf-8"))["source"]["path"]: "record" for p in out.glob("*.json") if p.name != "_run.json"}
    for line in (out / "_rejected.jsonl").read_text("utf-8").splitlines():
        rejection = json.loads(line)
        found[rejection["path"]] = rejection["reasons"][0]
        assert rejection["detail"], rejection  # every rejection says why
    return found


def test_every_hostile_page_ends_as_expected(hostile):
    expect, base, done = hostile
    assert done.returncode == 1, done.stderr  # finished, some pages rejected
    got = outcomes(base / "out")
    assert got.keys() == expect.keys()
    wrong = {path: got[path] for path, want in expect.items() if got[path] != want and got[path] not in want}
    assert not wrong, wrong


def test_every_page_is_accounted_for(hostile):
    expect, base, done = hostile
    summary = json.loads((base / "out" / "_run.json").read_text("utf-8"))
    records = sum(1 for want in expect.values() if want == "record")
    assert summary["pages"] == len(expect) == summary["records"] + summary["rejected"]
    assert summary["records"] >= records - 2  # the two pages that may go either way
    assert sum(summary["rejections_by_reason"].values()) == summary["rejected"]
    assert f"{summary['pages']} pages: {summary['records']} records, {summary['rejected']} rejected" in done.stdout


def test_seed_pages_come_out_as_they_do_alone(hostile, root, tmp_path):
    from pipeline.runner import run

    _, base, _ = hostile
    run(root / "raw", tmp_path, progress=False)
    for seed in SEEDS:
        name = seed.replace(".txt", ".json")
        assert (base / "out" / name).read_bytes() == (tmp_path / name).read_bytes()


def test_broken_encodings_are_read_right(hostile):
    _, base, _ = hostile
    quote = "\u201cIt is a good day for the town,\u201d the mayor said"
    for name in ("cp1252-declared-utf8", "cp1252-declared-latin1", "utf16-bom", "utf16-no-bom", "nul-bytes"):
        record = json.loads((base / "out" / f"{name}.json").read_text("utf-8"))
        assert record["headline"] == ARTICLE[0], name
        assert quote in record["body"] and "\0" not in record["body"], name


def test_nothing_leaks_or_lands_outside_output(hostile):
    _, base, _ = hostile
    written = [p for p in (base / "out").rglob("*") if p.is_file()]
    assert not [p for p in written if "root:x:0:0" in p.read_text("utf-8", errors="replace")]
    assert not [p for p in written if p.name.startswith(".tmp-")]
    assert sorted(p.name for p in base.iterdir()) == ["in", "out", "outside"]
    assert [p.name for p in (base / "outside").iterdir()] == ["secret.html"]
    assert (base / "in" / "ünïcödé-頁.txt").exists()  # input untouched


def test_unreadable_file_is_rejected_even_as_root(tmp_path, monkeypatch):
    """chmod 000 does not stop root, so the refusal is simulated where the pipeline opens files."""
    from pipeline import read
    from pipeline.runner import Settings, clean_one

    page = tmp_path / "locked.txt"
    page.write_text(ARTICLE_TEXT, "utf-8")
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path) == str(page):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(read.os, "open", refuse)
    outcome = clean_one("locked.txt", page, Settings())
    assert (outcome.reason, outcome.detail) == ("unreadable", "Permission denied")


def test_a_page_over_the_time_limit_is_rejected_and_the_run_goes_on(root, tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "long.txt").write_text((ARTICLE_TEXT + "\n") * 4000, "utf-8")  # about 2.5 MB of prose
    shutil.copy(root / "raw" / SEEDS[0], pages / SEEDS[0])
    done = cli("run", "-q", "-j", "1", "--timeout", "0.02", pages, tmp_path / "out")
    got = outcomes(tmp_path / "out")
    assert got["long.txt"] == "timeout", done.stdout + done.stderr
    assert set(got) == {"long.txt", SEEDS[0]}


def test_a_page_over_the_size_limit_is_rejected(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "page.txt").write_text(ARTICLE_TEXT, "utf-8")
    (pages / "page2.txt.gz").write_bytes(gzip.compress(ARTICLE_TEXT.encode() * 10))
    done = cli("run", "-q", "--max-bytes", "1000", pages, tmp_path / "out")
    assert done.returncode == 1
    assert outcomes(tmp_path / "out") == {"page.txt": "record", "page2.txt.gz": "too_large"}


def test_no_network_during_a_run(hostile, tmp_path):
    """Every Python process of the run (workers too) gets a socket module that refuses the network."""
    _, base, _ = hostile
    log = tmp_path / "attempts.log"
    (tmp_path / "sitecustomize.py").write_text(
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        f"    open({str(log)!r}, 'a').write(repr(args) + '\\n')\n"
        "    raise OSError('network access blocked by the test')\n"
        "class Guarded(socket.socket):  # local sockets (the worker pool's) still work\n"
        "    def connect(self, address):\n"
        "        self.family == socket.AF_UNIX or refuse(address)\n"
        "        return super().connect(address)\n"
        "    def connect_ex(self, address):\n"
        "        self.family == socket.AF_UNIX or refuse(address)\n"
        "        return super().connect_ex(address)\n"
        "    def sendto(self, data, *args):\n"
        "        self.family == socket.AF_UNIX or refuse(args)\n"
        "        return super().sendto(data, *args)\n"
        "socket.socket = Guarded\n"
        "socket.getaddrinfo = socket.gethostbyname = socket.create_connection = refuse\n", "utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('example.org', 80))"],
                           env=env, capture_output=True, text=True)
    assert "blocked by the test" in probe.stderr  # the guard is in force
    log.unlink()
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", "-q", "-j", "2", str(base / "in"), str(tmp_path / "out")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert not log.exists(), log.read_text()
    assert outcomes(tmp_path / "out") == outcomes(base / "out")
