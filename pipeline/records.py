"""Reading a run's records back, whichever format the run wrote (see pipeline.sinks).

    for article in load_records("clean"):          # a run's OUTPUT folder, or one record file or shard
        print(article.id, article.headline)

A folder gives its `<id>.json` records by name, then its shards (`records-NNNNN.jsonl` or `.parquet`)
in order; the run's own files (`_run.json`, `_rejected.jsonl`, `_duplicates.jsonl`, `_cache/`,
`_report/`) are skipped. Records are read one file (or one Parquet row group) at a time.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

from pipeline.sinks import shard_number
from pipeline.write import RESERVED_IDS
from schemas import Article


def load_records(path: str | os.PathLike) -> Iterator[Article]:
    """The records under `path` (a run's output folder, or one `.json`, `.jsonl` or `.parquet` file), validated."""
    for record in record_dicts(path):
        yield Article.model_validate(record)


def record_dicts(path: str | os.PathLike) -> Iterator[dict]:
    """The records under `path` as plain dicts, as they are stored (see load_records)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such folder or file: {path}")
    for file in record_files(path) if path.is_dir() else [path]:
        yield from read_file(file)


def record_files(folder: Path) -> list[Path]:
    """The record files and shards of an output folder: `<id>.json` by name, then shards by number."""
    singles, shards = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            if not entry.is_file():
                continue
            if entry.name.endswith(".json") and entry.name[:-5] not in RESERVED_IDS:
                singles.append(entry.name)
            elif (number := shard_number(entry.name)) is not None:
                shards.append((number, entry.name))
    return [folder / name for name in sorted(singles)] + [folder / name for _, name in sorted(shards)]


def read_file(file: Path) -> Iterator[dict]:
    """The records of one file: a record (`.json`), a JSON Lines shard, or a Parquet file."""
    if file.suffix == ".parquet":
        yield from read_parquet(file)
    elif file.suffix == ".jsonl":
        with open(file, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)
    else:
        yield json.loads(file.read_text("utf-8"))


def read_parquet(file: Path) -> Iterator[dict]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError("reading Parquet records needs pyarrow: pip install 'newsclean[parquet]'") from None
    for batch in pq.ParquetFile(file).iter_batches():
        yield from batch.to_pylist()
