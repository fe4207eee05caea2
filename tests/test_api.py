"""The library API: pipeline.clean for one page in memory, pipeline.load_records over a run's output."""
from __future__ import annotations

import gzip
import json
import shutil

import pytest

import pipeline
from pipeline.evaluate import load_records as records_by_id
from pipeline.runner import Settings, run

SEED = "001_96f73f12d8d1799f"


@pytest.fixture(scope="module")
def seed_run(root, tmp_path_factory):
    """A run over raw/ in each output format: format -> output folder."""
    outputs = {}
    for fmt in ("json", "jsonl", "parquet"):
        outputs[fmt] = tmp_path_factory.mktemp(fmt)
        run(root / "raw", outputs[fmt], Settings(output_format=fmt, shard_size=2), progress=False)
    return outputs


def test_clean_gives_the_record_a_run_gives(root, seed_run):
    data = (root / "raw" / f"{SEED}.txt").read_bytes()
    article = pipeline.clean(data, id=SEED)
    from_run = json.loads((seed_run["json"] / f"{SEED}.json").read_text("utf-8"))
    assert isinstance(article, pipeline.Article)
    assert article.model_dump(mode="json") == {**from_run, "source": {**from_run["source"], "path": ""}}
    assert pipeline.clean(gzip.compress(data)).body == article.body  # bytes as stored: gzip undone
    assert pipeline.clean(data.decode("utf-8")).body == article.body  # or text
    assert len(pipeline.clean(data).id) == 16  # by default, from the page's sha256


def test_clean_takes_a_url_and_a_format():
    html = ("<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
            + "<p>The bridge over the river reopened on Monday after two years of repairs, the council said.</p>" * 3
            + "</article></body></html>")
    article = pipeline.clean(html, url="https://news.example.com/bridge")
    assert article.source.format == "html" and article.source.url == "https://news.example.com/bridge"
    assert pipeline.clean(html, format="text").source.format == "text"
    with pytest.raises(ValueError):
        pipeline.clean(html, format="pdf")


def test_a_page_that_cannot_be_an_article_raises_rejected():
    with pytest.raises(pipeline.Rejected) as rejected:
        pipeline.clean(b"   \n ")
    assert rejected.value.reason == "empty" and rejected.value.detail


@pytest.mark.parametrize("fmt", ["json", "jsonl", "parquet"])
def test_load_records_reads_every_format_the_same(seed_run, fmt):
    articles = list(pipeline.load_records(seed_run[fmt]))
    assert [a.id for a in articles] == sorted(p.stem for p in seed_run["json"].glob("[!_]*.json"))
    assert all(isinstance(a, pipeline.Article) for a in articles)
    expected = [json.loads(p.read_text("utf-8")) for p in sorted(seed_run["json"].glob("[!_]*.json"))]
    assert [a.model_dump(mode="json") for a in articles] == expected
    assert records_by_id(seed_run[fmt]) == {record["id"]: record for record in expected}  # the bench's reader


def test_load_records_reads_one_file_and_skips_the_runs_own_files(seed_run, tmp_path):
    shard = seed_run["parquet"] / "records-00001.parquet"
    assert [a.id for a in pipeline.load_records(shard)] == ["002_7b5a9782f59135aa"]
    output = tmp_path / "out"
    shutil.copytree(seed_run["json"], output)
    for name in ("_rejected.jsonl", "_duplicates.jsonl", "_run.json"):
        assert (output / name).is_file()
    assert len(list(pipeline.load_records(output))) == 3
    with pytest.raises(FileNotFoundError):
        list(pipeline.load_records(tmp_path / "missing"))
