"""Engines: one worker, two workers and Ray leave byte-identical output folders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from warc_pages import article_html, sample_warc

from pipeline.engines import chunked, make_engine
from pipeline.runner import Settings, run


def output_files(folder: Path) -> dict[str, bytes]:
    """Every file a run leaves, by name, less the cache (it records timings of its own)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and "_cache" not in p.parts}


@pytest.fixture(scope="module")
def mixed_input(root, tmp_path_factory) -> Path:
    """Text dumps, HTML articles, a page that cannot be cleaned and a WARC file."""
    pages = tmp_path_factory.mktemp("mixed")
    for copy in range(4):
        for page in sorted((root / "raw").glob("*.txt")):
            shutil.copy(page, pages / f"{page.stem}-{copy}.txt")
    for n in range(12):
        (pages / f"story-{n}.html").write_bytes(article_html(n))
    (pages / "blank.txt").write_text("  \n", "utf-8")
    sample_warc(pages / "crawl.warc.gz")
    return pages


def test_chunks_keep_order_and_size():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark")


def test_two_workers_write_what_one_writes(mixed_input, tmp_path):
    one = run(mixed_input, tmp_path / "one", Settings(workers=1), progress=False)
    two = run(mixed_input, tmp_path / "two", Settings(workers=2), progress=False)
    assert (one["pages"], one["records"], one["rejected"]) == (27, 26, 1)
    assert output_files(tmp_path / "one") == output_files(tmp_path / "two")
    assert two["records"] == one["records"]


def test_two_workers_write_the_same_jsonl(mixed_input, tmp_path):
    run(mixed_input, tmp_path / "one", Settings(workers=1, output_format="jsonl", shard_size=5), progress=False)
    run(mixed_input, tmp_path / "two", Settings(workers=2, output_format="jsonl", shard_size=5), progress=False)
    written = output_files(tmp_path / "one")
    assert sum(name.startswith("records-") for name in written) == 6  # 26 records, 5 a shard
    assert written == output_files(tmp_path / "two")


def dev_slice(corpus: Path, into: Path) -> Path:
    """The first pages of each kind of the dev corpus, in one folder."""
    into.mkdir()
    for kind, count in (("html", 12), ("text-lynx", 24), ("text-inscriptis", 24)):
        for page in sorted((corpus / kind).iterdir())[:count]:
            shutil.copy(page, into / f"{kind}-{page.name}")
    return into


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray", reason="the ray engine is an optional extra: pip install 'newsclean[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_ray_writes_what_the_local_engine_writes(local_ray, mixed_input, tmp_path):
    run(mixed_input, tmp_path / "local", Settings(workers=2), progress=False)
    run(mixed_input, tmp_path / "ray", Settings(workers=2, engine="ray"), progress=False)
    assert output_files(tmp_path / "ray") == output_files(tmp_path / "local")


def test_ray_gives_up_a_task_past_the_time_limit(local_ray):
    # fn and give_up may be any importable callables: exec runs a loop of Python code, `slice` keeps all three
    with make_engine("ray", workers=2, timeout=1.0) as engine:
        results = list(engine.map(exec, slice, [("pass",), ("while True: pass",), ("pass",)]))
    assert results == [None, slice(("while True: pass",), "timeout", "took more than 1 s of CPU time"), None]


def test_ray_on_a_slice_of_the_dev_corpus(corpus_dir, local_ray, tmp_path):
    pages = dev_slice(corpus_dir, tmp_path / "in")
    summary = run(pages, tmp_path / "local", Settings(workers=2), progress=False)
    run(pages, tmp_path / "ray", Settings(workers=2, engine="ray"), progress=False)
    assert summary["records"] > 40
    assert output_files(tmp_path / "ray") == output_files(tmp_path / "local")
