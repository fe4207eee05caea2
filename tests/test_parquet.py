"""Parquet output: records-NNNNN.parquet shards, a row a record, the record's keys as columns."""
from __future__ import annotations

import json
import shutil
import sys

import pytest

from pipeline.runner import Settings, run
from pipeline.sinks import FormatUnavailable, make_sink
from schemas import Article

pa = pytest.importorskip("pyarrow", reason="the test extra installs pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def outputs(root, tmp_path_factory):
    """The same pages run as one file per record and as Parquet shards of two: (json folder, parquet folder)."""
    files, shards = tmp_path_factory.mktemp("json"), tmp_path_factory.mktemp("parquet")
    run(root / "raw", files, Settings(), progress=False)
    run(root / "raw", shards, Settings(output_format="parquet", shard_size=2), progress=False)
    return files, shards


def records_in(folder) -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("[!_]*.json"))]


def test_shards_hold_a_row_per_record_with_the_records_keys_as_columns(outputs):
    files, shards = outputs
    assert sorted(p.name for p in shards.glob("records-*")) == ["records-00000.parquet", "records-00001.parquet"]
    table = pa.concat_tables([pq.read_table(p) for p in sorted(shards.glob("records-*.parquet"))])
    assert table.column_names == list(Article.model_fields)
    assert table.to_pylist() == records_in(files)
    assert (files / "_run.json").read_bytes() == (shards / "_run.json").read_bytes()


def test_pandas_reads_the_shards(outputs):
    pandas = pytest.importorskip("pandas", reason="the test extra installs pandas")
    files, shards = outputs
    frame = pandas.concat([pandas.read_parquet(p) for p in sorted(shards.glob("records-*.parquet"))])
    expected = records_in(files)
    assert list(frame["id"]) == [r["id"] for r in expected] and list(frame["word_count"]) == [r["word_count"] for r in expected]
    assert [row["sha256"] for row in frame["source"]] == [r["source"]["sha256"] for r in expected]


def test_polars_reads_the_shards(outputs):
    polars = pytest.importorskip("polars", reason="polars is not in the test extra; pip install polars to run this")
    files, shards = outputs
    frame = polars.read_parquet(shards / "records-*.parquet")
    assert frame.to_dicts() == records_in(files)


def test_a_rerun_writes_the_same_bytes_and_a_format_change_leaves_no_other_shards(root, outputs, tmp_path):
    _, shards = outputs
    output = tmp_path / "out"
    shutil.copytree(shards, output)
    before = {p.name: p.read_bytes() for p in output.glob("records-*")}
    run(root / "raw", output, Settings(output_format="parquet", shard_size=2), progress=False)
    assert {p.name: p.read_bytes() for p in output.glob("records-*")} == before
    run(root / "raw", output, Settings(output_format="jsonl"), progress=False)
    assert sorted(p.name for p in output.glob("records-*")) == ["records-00000.jsonl"]
    run(root / "raw", output, Settings(output_format="parquet", shard_size=5), progress=False)
    assert sorted(p.name for p in output.glob("records-*")) == ["records-00000.parquet"]
    run(root / "raw", output, Settings(), progress=False)
    assert not list(output.glob("records-*")) and len(list(output.glob("[!_]*.json"))) == 3


def test_without_pyarrow_the_format_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(FormatUnavailable, match=r"newsclean\[parquet\]"):
        make_sink(tmp_path, "parquet")
