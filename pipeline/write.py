"""The only code that touches the output folder: records, rejections, the run summary. All atomic."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

RUN_FILE = "_run.json"
REJECTED_FILE = "_rejected.jsonl"
RESERVED_IDS = {"_run", "_rejected"}


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename over it: readers never see half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_record(output: Path, page_id: str, record_json: str) -> None:
    target = output / f"{page_id}.json"
    if target.parent != output:
        raise ValueError(f"record id {page_id!r} would leave the output folder")
    write_atomic(target, record_json)


def write_rejections(output: Path, rejections: list[dict]) -> None:
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in sorted(rejections, key=lambda r: r["id"])]
    write_atomic(output / REJECTED_FILE, "".join(lines))


def write_summary(output: Path, summary: dict) -> None:
    write_atomic(output / RUN_FILE, json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
