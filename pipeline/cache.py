"""What earlier runs did, so that a re-run cleans only new and changed pages and resumes a killed run.

OUTPUT/_cache/ holds
- `manifest.jsonl`: one line per page of the last finished run, sorted by path: the page's sha256,
  the key of the code and settings that cleaned it, and its outcome (record hash, or reason);
- `journal.jsonl`: a line appended as each page is settled, so a killed run loses nothing it
  finished; it is folded into the manifest when a run finishes (a torn last line is ignored);
- `lock`: held while a run writes to OUTPUT, so two runs cannot interleave.
A page is reused when its bytes, the key, and (for a record) the record file are all unchanged.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

from pipeline.sources import stored_sha256
from pipeline.write import record_path, remove_temp_files, write_atomic

CACHE_DIR = "_cache"
PACKAGES = [Path(__file__).parent, Path(__file__).parent.parent / "schemas"]
TOOLS = {"pipeline/bench.py", "pipeline/evaluate.py"}  # never run during `run`: editing them keeps the cache
LIBRARIES = ("trafilatura", "lxml", "pydantic")


class Busy(Exception):
    """Another run holds the output folder."""


def code_fingerprint() -> str:
    """sha256 of the pipeline's source, rules and schema files and of the libraries it leans on."""
    digest = hashlib.sha256()
    for package in PACKAGES:
        for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml") and p.is_file()):
            name = path.relative_to(package.parent).as_posix()
            if name not in TOOLS:
                digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        digest.update(f"{name}={metadata.version(name)}\0".encode())
    return digest.hexdigest()


class Cache:
    """The manifest of earlier runs, the journal of this one, and the lock on OUTPUT."""

    def __init__(self, output: Path, key: str):
        self.output, self.key = output, key
        self.folder = output / CACHE_DIR
        self.folder.mkdir(exist_ok=True)
        self.lock = open(self.folder / "lock", "a")
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.lock.close()
            raise Busy(f"another run is writing to {output}") from None
        remove_temp_files(output)
        remove_temp_files(self.folder)
        self.earlier: dict[str, str] = {}      # path -> its latest manifest or journal line
        self.written_ids: set[str] = set()     # ids of every record an earlier run wrote
        for name in ("manifest.jsonl", "journal.jsonl"):
            self._load(self.folder / name)
        self.current: dict[str, str] = {}      # path -> line, for the pages of this run
        self.journal = open(self.folder / "journal.jsonl", "a", encoding="utf-8", buffering=1)
        if self.journal.tell():
            self.journal.write("\n")  # end a line a killed run may have torn

    def _load(self, path: Path) -> None:
        if not path.exists():
            return
        for line in path.read_text("utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(line)
                self.earlier[entry["path"]] = line
                if entry["record_sha256"]:
                    self.written_ids.add(entry["id"])
            except (ValueError, KeyError, TypeError):
                continue

    def reuse(self, rel: str, location, max_bytes: int) -> dict | None:
        """The earlier outcome of this page when nothing it depends on changed, else None."""
        line = self.earlier.get(rel)
        if line is None:
            return None
        entry = json.loads(line)
        if entry["key"] != self.key or entry["sha256"] != stored_sha256(location, max_bytes):
            return None
        if entry["record_sha256"] and entry["record_sha256"] != self._record_sha256(entry["id"]):
            return None
        self.current[rel] = line
        return entry

    def _record_sha256(self, page_id: str) -> str | None:
        try:
            return hashlib.sha256(record_path(self.output, page_id).read_bytes()).hexdigest()
        except (OSError, ValueError):
            return None

    def remember(self, entry: dict) -> None:
        """Note a settled page (its record already written); pages without a sha256 are not kept."""
        if not entry["sha256"]:
            return
        line = json.dumps({"key": self.key, **entry}, ensure_ascii=False, sort_keys=True)
        self.current[entry["path"]] = line
        self.journal.write(line + "\n")

    def finish(self) -> None:
        """The manifest becomes this run's pages; the journal is done with."""
        lines = [self.current[path] for path in sorted(self.current)]
        write_atomic(self.folder / "manifest.jsonl", "".join(line + "\n" for line in lines))
        self.journal.close()
        os.unlink(self.folder / "journal.jsonl")

    def close(self) -> None:
        if not self.journal.closed:
            self.journal.close()
        self.lock.close()
