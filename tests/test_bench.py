"""The bench's own parts: measuring a process, replicating pages, judging targets, a missing corpus."""
from __future__ import annotations

import gzip
import json
import re
import sys

from pipeline.bench import Run, bench, measure, replicate, scale_rows
from pipeline.page import page_id


def test_a_missing_corpus_is_a_usage_error(tmp_path, capsys):
    assert bench(tmp_path / "missing", tmp_path / "BENCHMARKS.md") == 2
    assert "labelled corpora" in capsys.readouterr().err
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
    assert targets["ours text x10, 1 worker"].startswith("10.0 ✗ (≥ 300)")
    assert targets["ours text x10, 2 workers"].startswith("2.000 ✓ (≥ 1.8)")
    assert targets["ours text x100, 1 worker"].startswith("1.300 ✗ (≤ 1.2)")


PARAGRAPH = ("The council voted on {topic} after a long debate that ran late into the evening, and members "
             "said the decision would shape the town's budget for years to come.")


def made_up_corpus(root):
    """dev/ and train-wcxb/ with six made-up article pages each (sites in several folds), every kind of input."""
    kinds = {"dev": ("html", "text-lynx", "text-inscriptis"),
             "train-wcxb": ("html", "text-lynx", "text-lynx80", "text-inscriptis")}
    for corpus, corpus_kinds in kinds.items():
        gold = []
        for i in range(6):
            page_id = f"{corpus[:3]}-{i}"
            headline = f"Town council decides on topic {i}"
            paragraphs = [PARAGRAPH.format(topic=f"topic {i} part {n}") for n in range(4)]
            gold.append({"id": page_id, "url": f"https://site{i}.example/news/{i}", "headline": headline,
                         "page_type": "article", "body": "\n\n".join(paragraphs)})
            html = (f"<html><head><title>{headline}</title></head><body><h1>{headline}</h1>"
                    + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>")
            text = "\n\n".join(["Home | News | Sport", headline, *paragraphs, "Back to top"]) + "\n"
            for kind in corpus_kinds:
                folder = root / corpus / kind
                folder.mkdir(parents=True, exist_ok=True)
                data, suffix = (html, ".html") if kind == "html" else (text, ".txt")
                if corpus == "train-wcxb":
                    (folder / f"{page_id}{suffix}.gz").write_bytes(gzip.compress(data.encode(), mtime=0))
                else:
                    (folder / f"{page_id}{suffix}").write_text(data, "utf-8")
        (root / corpus / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), "utf-8")


def test_bench_reports_in_sample_and_cross_validated_figures_on_the_labelled_corpora(tmp_path):
    made_up_corpus(tmp_path / "corpus")
    report = tmp_path / "BENCHMARKS.md"
    assert bench(tmp_path / "corpus", report, sizes=(), with_profile=False, kinds=("html", "text-lynx"), workers=1) == 0
    text = report.read_text("utf-8")
    row = re.search(r"^\| ours text-lynx \| (.+)$", text, re.M)[1].split(" | ")
    assert row[0].startswith("1.000 ✓ (≥ 0.92)")          # cross-validated, articles: made-up pages are easy
    assert re.search(r"^\| trafilatura html \| \d\.\d{3} ", text, re.M)
    assert re.search(r"^\| html \| (?:\d\.\d{3} \| ){4}\d\.\d{3} \|$", text, re.M)   # a figure for each fold
    assert re.search(r"^\| headline \| articles \(n=12\) \| ", text, re.M)
    assert re.search(r"^\| html \| 1\.000 ✓ \(≥ 0\.95\) \| 1\.000 ✓ \(≥ 0\.98\) \(n=12\) \| 6 of 6 ✗ \(≥ 320\) \|$", text, re.M)
    assert "Confusion, text-lynx (rows: gold type; columns: decided type):" in text
