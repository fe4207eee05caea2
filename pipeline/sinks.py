"""Where records go: one `OUTPUT/<id>.json` per record (the default), or sharded JSON Lines for big runs.

JSON Lines: `OUTPUT/records-00000.jsonl`, `records-00001.jsonl`, ... each holding `per_shard` records
(the last one fewer), one compact record a line, in input order. A shard appears whole (written
beside, then renamed). Each sink removes what the other format left from an earlier run: record
files for JSON Lines, all shards for files; and JSON Lines removes shards past its last one.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from pipeline.write import create_temp, files_named, remove_record, write_record

FORMATS = ("json", "jsonl")
SHARD_NAME = "records-{:05d}.jsonl"
SHARD_PATTERN = re.compile(r"records-(\d{5,})\.jsonl")
PER_SHARD = 10_000


def make_sink(output: Path, fmt: str = "json", per_shard: int = PER_SHARD):
    if fmt == "jsonl":
        return JsonlSink(output, per_shard)
    if fmt != "json":
        raise ValueError(f"unknown output format {fmt!r}; one of {', '.join(FORMATS)}")
    return FileSink(output)


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


class JsonlSink:
    """Records as JSON Lines shards of `per_shard` records each, in the order they are added."""

    keeps_records = False  # every run writes all shards anew, unchanged records included

    def __init__(self, output: Path, per_shard: int = PER_SHARD):
        if per_shard < 1:
            raise ValueError("per_shard must be at least 1")
        self.output = output
        self.per_shard = per_shard
        self.shard = 0       # index of the shard being written
        self.in_shard = 0    # records written to it
        self.handle = None
        self.temp = ""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        if exc_type is None:
            self._finish_shard()
            remove_shards(self.output, first=self.shard)
        elif self.handle:
            self.handle.close()
            Path(self.temp).unlink(missing_ok=True)
        return False

    def add(self, page_id: str, record_json: str) -> None:
        if self.handle is None:
            fd, self.temp = create_temp(self.output)
            self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        self.handle.write(json.dumps(json.loads(record_json), ensure_ascii=False) + "\n")
        remove_record(self.output, page_id)
        self.in_shard += 1
        if self.in_shard == self.per_shard:
            self._finish_shard()

    def _finish_shard(self) -> None:
        if self.handle is None:
            return
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.temp, self.output / SHARD_NAME.format(self.shard))
        self.handle, self.shard, self.in_shard = None, self.shard + 1, 0


def remove_shards(output: Path, first: int) -> None:
    """Delete the JSON Lines shards numbered `first` and up."""
    for path in files_named(output, "records-*.jsonl"):
        found = SHARD_PATTERN.fullmatch(path.name)
        if found and int(found.group(1)) >= first:
            path.unlink()
