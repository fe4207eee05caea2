"""Where records go: one `OUTPUT/<id>.json` per record (the default), or shards for big runs.

Shards: `OUTPUT/records-00000.jsonl`, `records-00001.jsonl`, ... (JSON Lines: one compact record a
line) or `records-00000.parquet`, ... (Parquet: one row a record, the record's keys as columns),
each holding `per_shard` records (the last one fewer), in input order. A shard appears whole
(written beside, then renamed). Each sink removes what another format left from an earlier run:
record files and the other format's shards for shards, all shards for files; and a shard sink
removes its own format's shards past its last one.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import BinaryIO

from pipeline.write import create_temp, files_named, remove_record, write_record

FORMATS = ("json", "jsonl", "parquet")
SHARD_NAME = "records-{:05d}.{}"
SHARD_PATTERN = re.compile(r"records-(\d{5,})\.(jsonl|parquet)")
PER_SHARD = 10_000
PARQUET_ROW_GROUP = 1_000  # records held in memory before a Parquet shard writes them out


class FormatUnavailable(Exception):
    """The output format needs a library that is not installed."""


def make_sink(output: Path, fmt: str = "json", per_shard: int = PER_SHARD):
    if fmt == "json":
        return FileSink(output)
    if fmt == "jsonl":
        return ShardSink(output, JsonlShard, per_shard)
    if fmt == "parquet":
        return ShardSink(output, parquet_shard_type(), per_shard)
    raise ValueError(f"unknown output format {fmt!r}; one of {', '.join(FORMATS)}")


class FileSink:
    """One `<id>.json` file per record, written atomically."""

    keeps_records = True  # a record written by an earlier run stays in place

    def __init__(self, output: Path):
        self.output = output

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        if exc_type is None:
            remove_shards(self.output, first=0)
        return False

    def add(self, page_id: str, record_json: str) -> None:
        write_record(self.output, page_id, record_json)


class JsonlShard:
    """One JSON Lines shard being written: a compact record a line."""

    suffix = "jsonl"

    def __init__(self, handle: BinaryIO):
        self.handle = handle

    def write(self, record: dict) -> None:
        self.handle.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")

    def finish(self) -> None:
        pass


def parquet_shard_type() -> type:
    """ParquetShard, when pyarrow is installed."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise FormatUnavailable("--format parquet needs pyarrow: pip install 'newsclean[parquet]'") from None
    return ParquetShard


class ParquetShard:
    """One Parquet shard being written, its columns typed from the record's JSON Schema, in row groups."""

    suffix = "parquet"

    def __init__(self, handle: BinaryIO):
        import pyarrow.parquet as pq

        self.schema = arrow_schema()
        self.writer = pq.ParquetWriter(handle, self.schema, compression="zstd")
        self.rows: list[dict] = []

    def write(self, record: dict) -> None:
        self.rows.append(record)
        if len(self.rows) == PARQUET_ROW_GROUP:
            self._write_rows()

    def finish(self) -> None:
        self._write_rows()
        self.writer.close()

    def _write_rows(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []


def arrow_schema():
    """The Arrow schema of a record: a column per key of the Pydantic model, typed from its JSON Schema."""
    import pyarrow as pa

    from schemas import json_schema

    schema = json_schema()
    return pa.schema([pa.field(name, arrow_type(node, schema.get("$defs", {})))
                      for name, node in schema["properties"].items()])


def arrow_type(node: dict, defs: dict):
    """The Arrow type of a JSON Schema node (nullable: every Arrow field is)."""
    import pyarrow as pa

    if "$ref" in node:
        return arrow_type(defs[node["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in node:
        (kind,) = [option for option in node["anyOf"] if option.get("type") != "null"]
        return arrow_type(kind, defs)
    scalars = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    if node["type"] in scalars:
        return scalars[node["type"]]
    if node["type"] == "array":
        return pa.list_(arrow_type(node["items"], defs))
    return pa.struct([pa.field(name, arrow_type(child, defs)) for name, child in node["properties"].items()])


class ShardSink:
    """Records in shards of `per_shard` records each (JsonlShard or ParquetShard), in the order they are added."""

    keeps_records = False  # every run writes all shards anew, unchanged records included

    def __init__(self, output: Path, shard_type: type = JsonlShard, per_shard: int = PER_SHARD):
        if per_shard < 1:
            raise ValueError("per_shard must be at least 1")
        self.output = output
        self.shard_type = shard_type
        self.per_shard = per_shard
        self.shard = 0       # index of the shard being written
        self.in_shard = 0    # records written to it
        self.handle: BinaryIO | None = None
        self.writer = None
        self.temp = ""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        if exc_type is None:
            self._finish_shard()
            remove_shards(self.output, first=self.shard, keep=self.shard_type.suffix)
        elif self.handle:
            self.handle.close()
            Path(self.temp).unlink(missing_ok=True)
        return False

    def add(self, page_id: str, record_json: str) -> None:
        if self.handle is None:
            fd, self.temp = create_temp(self.output)
            self.handle = os.fdopen(fd, "wb")
            self.writer = self.shard_type(self.handle)
        self.writer.write(json.loads(record_json))
        remove_record(self.output, page_id)
        self.in_shard += 1
        if self.in_shard == self.per_shard:
            self._finish_shard()

    def _finish_shard(self) -> None:
        if self.handle is None:
            return
        self.writer.finish()
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.temp, self.output / SHARD_NAME.format(self.shard, self.shard_type.suffix))
        self.handle, self.writer, self.shard, self.in_shard = None, None, self.shard + 1, 0


def remove_shards(output: Path, first: int, keep: str | None = None) -> None:
    """Delete the shards of every format but `keep`, and those of `keep` numbered `first` and up."""
    for path in files_named(output, "records-*"):
        found = SHARD_PATTERN.fullmatch(path.name)
        if found and (found.group(2) != keep or int(found.group(1)) >= first):
            path.unlink()


def shard_number(name: str) -> int | None:
    """The number of a shard file's name, or None when it names no shard."""
    found = SHARD_PATTERN.fullmatch(name)
    return int(found.group(1)) if found else None
