"""The only code that touches the output folder: records, rejections, duplicates, the run summary. All atomic.

Every file is written to a temporary `.tmp-<pid>-<n>.part` beside it and renamed over it, so a reader
(or a run killed at any moment) never sees half a file; a later run sweeps leftover temporaries away.
The temporary names come from the process id and a counter, not from random letters: no two live
processes share them, and a file that a dead process left under the same name is simply skipped
(O_EXCL). Records skip fsync (it would cost more than cleaning a page); the cache keeps each
record's hash, so a record damaged by a power cut is noticed and written again on the next run.
"""
from __future__ import annotations

import json
import os
from contextlib import suppress
from fnmatch import fnmatchcase
from itertools import count
from pathlib import Path
from typing import Iterable, Iterator

RUN_FILE = "_run.json"
REJECTED_FILE = "_rejected.jsonl"
DUPLICATES_FILE = "_duplicates.jsonl"
RESERVED_IDS = {"_run", "_rejected", "_duplicates"}
UNUSABLE_IDS = RESERVED_IDS | {"", ".", ".."}  # no record file can have these ids
TEMP_PREFIX, TEMP_SUFFIX = ".tmp-", ".part"
_temp_numbers = count()


def create_temp(folder: Path | str) -> tuple[int, str]:
    """A new temporary file in folder, open for writing: (descriptor, path). Its mode is what open()
    gives a new file (0o666 less the umask)."""
    while True:
        temp = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{next(_temp_numbers)}{TEMP_SUFFIX}")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), temp
        except FileExistsError:  # left by a dead process that had our pid
            continue


def write_atomic(path: Path | str, text: str | Iterable[str], sync: bool = True) -> None:
    """Write `text` (or its pieces, in turn) as UTF-8 to a temporary file beside `path`, then rename
    over it: readers never see half a file."""
    fd, temp = create_temp(os.path.dirname(path))
    try:
        try:
            for piece in [text] if isinstance(text, str) else text:
                write_all(fd, piece.encode())
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is written (a write may take only part)."""
    while data:
        data = data[os.write(fd, data):]


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


def record_path(output: Path | str, page_id: str) -> str:
    """OUTPUT/<id>.json; ValueError for an id that would name a file elsewhere or a run file."""
    if page_id in UNUSABLE_IDS or "/" in page_id:
        raise ValueError(f"record id {page_id!r} cannot be a file name in the output folder")
    return os.path.join(output, f"{page_id}.json")


def write_record(output: Path, page_id: str, record_json: str) -> None:
    write_atomic(record_path(output, page_id), record_json, sync=False)


def remove_record(output: Path, page_id: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(record_path(output, page_id))


def write_rejections(output: Path, rejections: Iterable[dict]) -> None:
    """`_rejected.jsonl`: a line per rejection, in the order given (the cache gives them sorted by id and path)."""
    write_atomic(output / REJECTED_FILE, (json.dumps(r, ensure_ascii=False) + "\n" for r in rejections))


def write_duplicates(output: Path, groups: Iterable[dict]) -> None:
    """`_duplicates.jsonl`: a line per group of near-duplicate records, `{"ids": [...], "similarity": ...}`."""
    write_atomic(output / DUPLICATES_FILE, (json.dumps(g, ensure_ascii=False) + "\n" for g in groups))


def write_summary(output: Path, summary: dict) -> None:
    write_atomic(output / RUN_FILE, json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
