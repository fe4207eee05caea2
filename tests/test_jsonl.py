"""JSON Lines output: records in shards of N, one compact record a line, in input order; no stale files."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from warc_pages import article_html

from pipeline.sinks import FileSink, make_sink


def record(n: int) -> str:
    return json.dumps({"id": f"page-{n}", "body": f"Paragraph {n}.\n\nÜber {n}."}, ensure_ascii=False, indent=2) + "\n"


def test_records_fill_shards_in_order(tmp_path):
    (tmp_path / "records-00007.jsonl").write_text("left by a longer run\n")
    (tmp_path / "page-1.json").write_text("left by a run with one file per record\n")
    with make_sink(tmp_path, "jsonl", per_shard=2) as sink:
        for n in range(5):
            sink.add(f"page-{n}", record(n))
    shards = sorted(p.name for p in tmp_path.iterdir())
    assert shards == ["records-00000.jsonl", "records-00001.jsonl", "records-00002.jsonl"]
    lines = [line for name in shards for line in (tmp_path / name).read_text("utf-8").splitlines()]
    assert [json.loads(line) for line in lines] == [json.loads(record(n)) for n in range(5)]
    assert lines[1] == '{"id": "page-1", "body": "Paragraph 1.\\n\\nÜber 1."}'


def test_a_failed_run_leaves_no_half_shard(tmp_path):
    with pytest.raises(RuntimeError), make_sink(tmp_path, "jsonl", per_shard=10) as sink:
        sink.add("page-0", record(0))
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_one_file_per_record_removes_old_shards(tmp_path):
    (tmp_path / "records-00000.jsonl").write_text("{}\n")
    with make_sink(tmp_path, "json") as sink:
        assert isinstance(sink, FileSink)
        sink.add("page-3", record(3))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page-3.json"]


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "run", "-q", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_jsonl_run_holds_the_same_records_as_a_file_run(root, tmp_path):
    pages = tmp_path / "in"
    shutil.copytree(root / "raw", pages)
    for n in range(3):
        (pages / f"story-{n}.html").write_bytes(article_html(n))
    files, lines = tmp_path / "files", tmp_path / "lines"
    assert run_cli(pages, files, "-j", "1").returncode == 0
    done = run_cli(pages, lines, "-j", "1", "--format", "jsonl", "--shard-size", "4")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in lines.glob("[!_]*")) == ["records-00000.jsonl", "records-00001.jsonl"]
    in_lines = [json.loads(line) for shard in sorted(lines.glob("records-*.jsonl"))
                for line in shard.read_text("utf-8").splitlines()]
    in_files = [json.loads(p.read_text("utf-8")) for p in sorted(files.glob("[!_]*.json"))]
    assert in_lines == in_files  # walk order is name order
    for name in ("_run.json", "_rejected.jsonl"):
        assert (lines / name).read_bytes() == (files / name).read_bytes()


def shards(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("records-*.jsonl"))}


def test_jsonl_reruns_clean_only_changed_pages_and_keep_the_order(root, tmp_path):
    from pipeline.runner import Settings, run

    pages = tmp_path / "in"
    shutil.copytree(root / "raw", pages)
    for n in range(4):
        (pages / f"story-{n}.html").write_bytes(article_html(n))
    settings = Settings(output_format="jsonl", shard_size=3)
    out = tmp_path / "out"
    assert run(pages, out, Settings(), progress=False)["cleaned"] == 7  # one file per record first
    switched = run(pages, out, settings, progress=False)
    assert (switched["cleaned"], switched["reused"]) == (7, 0)  # record files are not kept records
    again = run(pages, out, settings, progress=False)
    assert (again["cleaned"], again["reused"]) == (0, 7)
    (pages / "story-1.html").write_bytes(article_html(9))
    changed = run(pages, out, settings, progress=False)
    assert (changed["cleaned"], changed["reused"]) == (1, 6)
    fresh = tmp_path / "fresh"
    run(pages, fresh, settings, progress=False)
    assert shards(out) == shards(fresh) and len(shards(out)) == 3
    assert (out / "_run.json").read_bytes() == (fresh / "_run.json").read_bytes()
