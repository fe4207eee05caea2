"""The only code that touches the output folder: records, rejections, the run summary. All atomic.

Every file is written to a temporary `.tmp-*.part` beside it and renamed over it, so a reader (or a
run killed at any moment) never sees half a file; a later run sweeps leftover temporaries away.
Records skip fsync (it would cost more than cleaning a page); the cache keeps each record's hash,
so a record damaged by a power cut is noticed and written again on the next run.
"""
from __future__ import annotations

import json
import os
import tempfile
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Iterable, Iterator

RUN_FILE = "_run.json"
REJECTED_FILE = "_rejected.jsonl"
RESERVED_IDS = {"_run", "_rejected"}
TEMP_PREFIX, TEMP_SUFFIX = ".tmp-", ".part"
UMASK = os.umask(0o022)
os.umask(UMASK)


def write_atomic(path: Path, text: str | Iterable[str], sync: bool = True) -> None:
    """Write `text` (or its pieces, in turn) to a temporary file beside `path`, then rename over it:
    readers never see half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        os.fchmod(fd, 0o666 & ~UMASK)  # as open() would create it, not mkstemp's owner-only mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.writelines([text] if isinstance(text, str) else text)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def files_named(folder: Path, pattern: str) -> Iterator[Path]:
    """The files in folder whose names match a glob pattern, listed lazily (Path.glob lists the
    whole folder first: a big cost in an OUTPUT of a million records)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if fnmatchcase(entry.name, pattern):
                yield Path(entry.path)


def remove_temp_files(folder: Path) -> None:
    """Temporaries a killed run left behind."""
    for leftover in files_named(folder, f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        leftover.unlink(missing_ok=True)


def record_path(output: Path, page_id: str) -> Path:
    """OUTPUT/<id>.json; ValueError for an id that would name a file elsewhere or a run file."""
    target = output / f"{page_id}.json"
    if page_id in RESERVED_IDS or target.parent != output or page_id in ("", ".", ".."):
        raise ValueError(f"record id {page_id!r} cannot be a file name in the output folder")
    return target


def write_record(output: Path, page_id: str, record_json: str) -> None:
    write_atomic(record_path(output, page_id), record_json, sync=False)


def remove_record(output: Path, page_id: str) -> None:
    record_path(output, page_id).unlink(missing_ok=True)


def write_rejections(output: Path, rejections: Iterable[dict]) -> None:
    """`_rejected.jsonl`: a line per rejection, in the order given (the cache gives them sorted by id and path)."""
    write_atomic(output / REJECTED_FILE, (json.dumps(r, ensure_ascii=False) + "\n" for r in rejections))


def write_summary(output: Path, summary: dict) -> None:
    write_atomic(output / RUN_FILE, json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
