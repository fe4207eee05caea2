"""What earlier runs did, so that a re-run cleans only new and changed pages and resumes a killed run.

OUTPUT/_cache/ holds
- `pages.sqlite`: a row per page a run settled, committed a batch of pages at a time (a killed run
  loses at most the batch it had not committed, whose pages the next run cleans again): its path
  and id, the sha256 of its bytes, the key of the code and settings that cleaned it, its outcome
  (record hash, or reason) and counts, and the number of the last run that settled or reused it;
  for output that rewrites its shards on every run (JSON Lines, Parquet), the record itself too; and
  the MinHash signature of its body (pipeline.duplicates). The run's own bookkeeping (ids claimed,
  rejections) lives in temporary tables beside it. Everything is looked up on disk, so memory stays
  flat however many pages a run has; `meta` holds the input folder of the last run (for `report`);
- `bands.sqlite`: scratch, the signatures' LSH bands while the run's duplicate groups are sought;
- `lock`: held while a run writes to OUTPUT, so two runs cannot interleave.
A page is reused when its bytes, the key, and (for a record) the record file, or the kept record,
are all unchanged, and its outcome did not come from the machine rather than the page: a `timeout`
or a `worker_died` (killed for memory, a lost Ray task) is tried again on the next run.
The folder is the runner's private state: delete it and the next run cleans every page again.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import sqlite3
from importlib import metadata
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.learn import active_fold
from pipeline.sources import stored_sha256
from pipeline.write import record_path, remove_temp_files

CACHE_DIR = "_cache"
DATABASE = "pages.sqlite"
BANDS_DATABASE = "bands.sqlite"  # scratch, while a run's duplicate groups are sought
PACKAGES = [Path(__file__).parent, Path(__file__).parent.parent / "schemas"]
TOOLS = {"pipeline/bench.py", "pipeline/evaluate.py", "pipeline/learn/train.py", "pipeline/learn/tasks.py"}
# never run during `run`: editing them keeps the cache
FINGERPRINTED = (".py", ".yaml", ".txt", ".gz", ".json")   # code, rules, models and their cards
LIBRARIES = ("trafilatura", "lxml", "pydantic", "lightgbm", "datasketch")
LAYOUT = 2  # of the database's tables (PRAGMA user_version): a database of another layout is started afresh
SCHEMA = f"""
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA temp_store = FILE;
PRAGMA user_version = {LAYOUT};
CREATE TABLE IF NOT EXISTS pages (
    path TEXT PRIMARY KEY, id TEXT NOT NULL, run INTEGER NOT NULL, key TEXT NOT NULL, sha256 TEXT NOT NULL,
    record_sha256 TEXT, reason TEXT, detail TEXT NOT NULL, counts TEXT NOT NULL, record TEXT, signature BLOB);
CREATE INDEX IF NOT EXISTS pages_by_id ON pages (id);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TEMP TABLE claimed (id TEXT PRIMARY KEY, path TEXT NOT NULL);
CREATE TEMP TABLE rejected (id TEXT NOT NULL, path TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL);
"""
RETRIED = {"timeout", "worker_died"}  # outcomes never reused: the next run tries the page again
ENTRY_FIELDS = ("path", "id", "sha256", "record_sha256", "reason", "detail", "counts")  # of runner.Outcome.entry
REMEMBER = (f"INSERT OR REPLACE INTO pages (key, run, record, signature, {', '.join(ENTRY_FIELDS)}) "
            f"VALUES (:key, :run, :record, :signature, {', '.join(':' + name for name in ENTRY_FIELDS)})")


def layout(db: sqlite3.Connection) -> int | None:
    """The layout of an existing database (its user_version), or None for a new one."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'pages'").fetchone() is None:
        return None
    return db.execute("PRAGMA user_version").fetchone()[0]


def run_input(output: Path) -> Path | None:
    """The input folder of the last run into output, as its cache remembers it (None when unknown)."""
    path = output / CACHE_DIR / DATABASE
    if not path.is_file():
        return None
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM meta WHERE name = 'input'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    finally:
        db.close()
    return Path(row[0]) if row else None


class Busy(Exception):
    """Another run holds the output folder."""


def code_fingerprint() -> str:
    """sha256 of the pipeline's source, rules, models and schema files, of the libraries it leans on, and of the
    model fold it runs with (NEWSCLEAN_FOLD, see pipeline.learn.model)."""
    digest = hashlib.sha256(f"fold={active_fold()}\0".encode())
    for package in PACKAGES:
        for path in sorted(p for p in package.rglob("*") if p.suffix in FINGERPRINTED and p.is_file()):
            name = path.relative_to(package.parent).as_posix()
            if name not in TOOLS:
                digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        digest.update(f"{name}={metadata.version(name)}\0".encode())
    return digest.hexdigest()


class Cache:
    """The pages of earlier runs and the bookkeeping of this one, on disk, and the lock on OUTPUT."""

    def __init__(self, output: Path, key: str, keep_records: bool = False):
        """`keep_records`: keep each record in the database (for output that does not keep it between runs)."""
        self.output, self.key, self.keep_records = output, key, keep_records
        self.folder = output / CACHE_DIR
        self.folder.mkdir(exist_ok=True)
        self.lock = open(self.folder / "lock", "a")
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.lock.close()
            raise Busy(f"another run is writing to {output}") from None
        remove_temp_files(output)
        self.db = self._open()
        self.run = self.db.execute("SELECT coalesce(max(run), 0) + 1 FROM pages").fetchone()[0]

    def _open(self) -> sqlite3.Connection:
        """The database, started afresh when it is damaged (its pages are then simply cleaned again)."""
        path = self.folder / DATABASE
        for attempt in (1, 2):
            db = sqlite3.connect(path)  # a transaction opens at the first change and lasts until commit()
            try:
                if layout(db) not in (None, LAYOUT):
                    raise sqlite3.DatabaseError("written by another version of newsclean")
                db.executescript(SCHEMA)
                return db
            except sqlite3.DatabaseError:
                db.close()
                if attempt == 2:
                    raise
                for damaged in self.folder.glob(DATABASE + "*"):
                    damaged.unlink()

    def claim(self, page_id: str, rel: str) -> str | None:
        """Give `page_id` to the page at `rel`; when an earlier page of this run has it, that page's path."""
        if self.db.execute("INSERT INTO claimed VALUES (?, ?) ON CONFLICT DO NOTHING", (page_id, rel)).rowcount:
            return None
        return self.db.execute("SELECT path FROM claimed WHERE id = ?", (page_id,)).fetchone()[0]

    def reuse(self, rel: str, location, max_bytes: int) -> dict | None:
        """The earlier outcome of this page when nothing it depends on changed, else None."""
        row = self.db.execute(f"SELECT key, record, {', '.join(ENTRY_FIELDS)} FROM pages WHERE path = ?",
                              (rel,)).fetchone()
        if row is None or row[0] != self.key:
            return None
        entry = dict(zip(ENTRY_FIELDS, row[2:]), counts=json.loads(row[-1]))
        if entry["reason"] in RETRIED:
            return None
        if entry["sha256"] != stored_sha256(location, max_bytes):
            return None
        if entry["record_sha256"] and entry["record_sha256"] != self._record_sha256(entry["id"], row[1]):
            return None
        self.db.execute("UPDATE pages SET run = ? WHERE path = ?", (self.run, rel))
        return entry

    def _record_sha256(self, page_id: str, kept: str | None) -> str | None:
        """The hash of the record as it is now: the kept one, or else its file."""
        if self.keep_records:
            return hashlib.sha256(kept.encode()).hexdigest() if kept is not None else None
        try:
            with open(record_path(self.output, page_id), "rb") as record:
                return hashlib.sha256(record.read()).hexdigest()
        except (OSError, ValueError):
            return None

    def record(self, rel: str) -> str:
        """The kept record of a page (see `keep_records`)."""
        return self.db.execute("SELECT record FROM pages WHERE path = ?", (rel,)).fetchone()[0]

    def remember(self, entry: dict, record_json: str | None, signature: bytes | None = None) -> None:
        """Note a page settled by this run (committed by the next commit(), before its record is written),
        with its body's signature; pages without a sha256 are not kept."""
        if entry["sha256"]:
            self.db.execute(REMEMBER, {**entry, "key": self.key, "run": self.run, "signature": signature,
                                       "record": record_json if self.keep_records else None,
                                       "counts": json.dumps(entry["counts"], sort_keys=True)})

    def note_input(self, folder: Path) -> None:
        """Remember where this run's input is (see run_input)."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('input', ?)", (str(folder.resolve()),))

    def signed_pages(self) -> Iterator[tuple[int, bytes]]:
        """(number, signature) of every record of this run (see pipeline.duplicates)."""
        yield from self.db.execute("SELECT rowid, signature FROM pages WHERE run = ? AND record_sha256 IS NOT NULL "
                                   "AND signature IS NOT NULL", (self.run,))

    def add_bands(self, rows: Iterable[tuple[int, int]]) -> None:
        """Fill a scratch table (in its own file beside the database, see forget_bands) with (band key, page number) rows."""
        scratch = self.folder / BANDS_DATABASE
        scratch.unlink(missing_ok=True)
        self.db.commit()
        self.db.execute("ATTACH DATABASE ? AS scratch", (str(scratch),))
        self.db.executescript("PRAGMA scratch.journal_mode = OFF; PRAGMA scratch.synchronous = OFF; "
                              "CREATE TABLE scratch.bands (key INTEGER NOT NULL, page INTEGER NOT NULL);")
        self.db.executemany("INSERT INTO scratch.bands VALUES (?, ?)", rows)

    def shared_bands(self) -> Iterator[list[int]]:
        """The page numbers of each band key that more than one page has, by key."""
        for (pages,) in self.db.execute("SELECT group_concat(page) FROM scratch.bands GROUP BY key "
                                        "HAVING count(*) > 1 ORDER BY key"):
            yield sorted(int(n) for n in pages.split(","))

    def forget_bands(self) -> None:
        """Drop the scratch table and its file."""
        self.db.commit()
        self.db.execute("DETACH DATABASE scratch")
        (self.folder / BANDS_DATABASE).unlink(missing_ok=True)

    def signed_page(self, number: int) -> tuple[str, bytes]:
        """The id and signature of a page by its number."""
        return self.db.execute("SELECT id, signature FROM pages WHERE rowid = ?", (number,)).fetchone()

    def reject(self, rejection: dict) -> None:
        """Keep one of this run's rejections (see `rejections`)."""
        self.db.execute("INSERT INTO rejected VALUES (?, ?, ?, ?)",
                        (rejection["id"], rejection["path"], rejection["reasons"][0], rejection["detail"]))

    def rejections(self) -> Iterator[dict]:
        """This run's rejections, sorted by id and path."""
        for page_id, path, reason, detail in self.db.execute("SELECT * FROM rejected ORDER BY id, path, reason, detail"):
            yield {"id": page_id, "path": path, "reasons": [reason], "detail": detail}

    def gone_ids(self) -> Iterator[str]:
        """Ids of records that earlier runs wrote and no page of this run has."""
        for (page_id,) in self.db.execute(
                "SELECT id FROM pages WHERE run < ?1 AND record_sha256 IS NOT NULL EXCEPT "
                "SELECT id FROM pages WHERE run = ?1 AND record_sha256 IS NOT NULL", (self.run,)):
            yield page_id

    def commit(self) -> None:
        """Make everything noted so far last: until then, a killed run loses it."""
        self.db.commit()

    def finish(self) -> None:
        """Forget the pages this run did not see (their records are gone by now)."""
        self.db.execute("DELETE FROM pages WHERE run < ?", (self.run,))
        self.db.commit()
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.db.close()
        self.lock.close()
