"""The bench's own parts: measuring a process, replicating pages, judging targets, a missing corpus."""
from __future__ import annotations

import sys

from pipeline.bench import Run, bench, measure, replicate, scale_rows
from pipeline.page import page_id


def test_a_missing_corpus_is_a_usage_error(tmp_path, capsys):
    assert bench(tmp_path / "missing", tmp_path / "BENCHMARKS.md") == 2
    assert "corpus folder not found" in capsys.readouterr().err
    assert not (tmp_path / "BENCHMARKS.md").exists()


def test_measure_sees_wall_time_and_peak_memory_of_a_child():
    seconds, cpu, peak_mb = measure([sys.executable, "-c", "import time; block = bytearray(80 * 2**20); time.sleep(0.6)"])
    assert seconds >= 0.6
    assert peak_mb >= 80
    assert 0 < cpu < seconds


def test_replicas_have_ids_of_their_own(tmp_path):
    sources = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for source in sources:
        source.write_text(f"page {source.stem}\n", "utf-8")
    folder = replicate(sources, 5, tmp_path / "copies")
    copies = sorted(folder.iterdir())
    assert len({page_id(path) for path in copies}) == 5
    assert [path.read_text("utf-8") for path in copies] == ["page a\n", "page b\n"] * 2 + ["page a\n"]


def test_scale_rows_judge_rate_speedup_and_memory_growth():
    scaled = {(10, 1): Run(10, 2.0, 2.0, 100.0, startup=1.0), (10, 2): Run(10, 1.5, 2.0, 150.0, startup=1.0),
              (100, 1): Run(100, 11.0, 10.0, 130.0, startup=1.0)}
    targets = {label: target for label, _, target in scale_rows(scaled)}
    assert targets["ours text x10, 1 worker"].startswith("10.0 ✗ (≥ 2,000)")
    assert targets["ours text x10, 2 workers"].startswith("2.000 ✓ (≥ 1.8)")
    assert targets["ours text x100, 1 worker"].startswith("1.300 ✗ (≤ 1.2)")
