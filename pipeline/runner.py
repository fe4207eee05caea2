"""Run the pipeline over a folder: find the pages, clean each one, write, sum up.

    discover (WARC files open into their pages, pipeline.sources) -> claim ids -> reuse what the cache has
             -> clean the rest (clean_one, mapped by an engine: pipeline.engines)
             -> settle (commit a batch of outcomes to the cache, then write their records: pipeline.sinks)
             -> remove records of pages gone -> group duplicate stories (pipeline.duplicates) -> summary

Every page found ends as a record or as a rejection with a reason, and `_run.json` says so:
pages = records + rejected. Pages are cleaned in worker processes under a time limit (see
pipeline.pool); `clean_one` is pure and picklable, so any engine can map it over the pages.
The output depends only on the input, the code and the settings: a run killed at any moment and
run again, or a re-run over unchanged input, leaves the same bytes (see pipeline.cache).
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Callable, Iterable, Iterator

from tqdm import tqdm

from pipeline.cache import Cache, code_fingerprint
from pipeline.duplicates import find_groups, signature
from pipeline.engines import make_engine
from pipeline.page import Page, Rejected, record_id
from pipeline.pool import DEFAULT_TIMEOUT
from pipeline.read import DEFAULT_MAX_BYTES
from pipeline.sinks import PER_SHARD, make_sink
from pipeline.sources import WarcRecord, count_pages, expand_warcs, place, stored_sha256
from pipeline.stages import STAGES, process
from pipeline.warmup import warm_up
from pipeline.write import RESERVED_IDS, remove_record, write_duplicates, write_rejections, write_summary

NAME_MAX = 255  # bytes in a file name on common file systems
SETTLE_BATCH = 32  # outcomes committed to the cache together, before their records are written


@dataclass
class Outcome:
    """What became of one input page: a record (its JSON text) or a rejection with its reason."""

    id: str
    path: str
    record_json: str | None = None
    reason: str | None = None
    detail: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    sha256: str = ""  # of the page's bytes as stored, when they were read
    signature: bytes | None = None  # of the record's body (pipeline.duplicates)
    reused: bool = False  # settled by an earlier run (its record, if any, is in the cache or OUTPUT)

    def rejection(self) -> dict:
        return {"id": self.id, "path": self.path, "reasons": [self.reason], "detail": self.detail}

    def entry(self) -> dict:
        """The outcome as the cache keeps it (the record itself stays in its file)."""
        record_sha256 = hashlib.sha256(self.record_json.encode()).hexdigest() if self.record_json else None
        return {"path": self.path, "id": self.id, "sha256": self.sha256, "record_sha256": record_sha256,
                "reason": self.reason, "detail": self.detail, "counts": self.counts}

    @classmethod
    def from_entry(cls, entry: dict) -> Outcome:
        return cls(entry["id"], entry["path"], reason=entry["reason"], detail=entry["detail"],
                   counts=entry["counts"], sha256=entry["sha256"], reused=True)


@dataclass(frozen=True)
class Reused:
    """In place of a page's location: the page is unchanged since an earlier run, whose outcome this is."""

    entry: dict


@dataclass(frozen=True)
class Settings:
    max_bytes: int = DEFAULT_MAX_BYTES  # per page, as stored and after gunzip
    timeout: float = DEFAULT_TIMEOUT    # CPU seconds per page
    workers: int = 1
    engine: str = "local"               # local | ray (pipeline.engines)
    address: str | None = None          # the Ray cluster to join (ray engine; None: a local Ray)
    output_format: str = "json"         # json: OUTPUT/<id>.json | jsonl, parquet: shards (pipeline.sinks)
    shard_size: int = PER_SHARD         # records per shard
    all_types: bool = False             # every page type becomes a record, not articles only

    def key(self) -> str:
        """What a cached outcome depends on besides the page: the code, the rules, the limits, the types kept."""
        settings = f"{code_fingerprint()} {self.max_bytes} {self.timeout}" + (" all-types" if self.all_types else "")
        return hashlib.sha256(settings.encode()).hexdigest()[:16]


def discover(root: Path, skip: Path | None = None) -> Iterator[tuple[str, str | None, Rejected | None]]:
    """(relative path, file to read, or why it cannot be read) for every entry under root, sorted;
    for a root that is a file, that file alone (its path: its name).

    Symlinks are never followed out of the input folder (nor into folders); anything that is not a
    regular file is listed with the reason it is skipped, so that every entry is accounted for.
    `skip` is a folder left out of the walk (the output folder, when it lies inside the input).
    """
    root = root.resolve()
    if root.is_file():  # INPUT is one page, or one WARC file
        yield root.name, str(root), None
        return
    yield from _walk(str(root), "", root, skip and str(skip))


def _walk(folder: str, prefix: str, root: Path, skip: str | None) -> Iterator[tuple[str, str | None, Rejected | None]]:
    """A folder's files (and links to folders), then each sub-folder's, all by name; `prefix`: the
    folder's relative path with a slash. The kind of every entry comes with the listing (no stat). Of a
    regular file only its name is held while the folder is walked: a folder of many pages costs little memory."""
    files, odd, links, folders = [], {}, [], []   # odd: file names that are links or no regular file
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                if _is_folder(entry):
                    (links if entry.is_symlink() else folders).append(entry)
                    continue
                files.append(entry.name)
                if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
                    odd[entry.name] = entry
    except OSError as error:  # accounted as one rejection
        yield prefix[:-1] or ".", None, Rejected("unreadable", f"a folder that cannot be listed: {error.strerror}")
        return
    files.sort()
    for name in files:
        yield prefix + name, *(locate(odd[name], root) if name in odd else (os.path.join(folder, name), None))
    by_name = attrgetter("name")
    for entry in sorted(links, key=by_name):
        yield prefix + entry.name, *locate(entry, root)
    for entry in sorted(folders, key=by_name):
        if entry.path != skip:
            yield from _walk(entry.path, f"{prefix}{entry.name}/", root, skip)


def _is_folder(entry: os.DirEntry) -> bool:
    """A folder, or a link to one (as os.walk tells them)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def locate(entry: os.DirEntry, root: Path) -> tuple[str | None, Rejected | None]:
    """The regular file to read for a walked entry (a symlink's target inside root), or why there is none."""
    if not entry.is_symlink():
        if entry.is_file(follow_symlinks=False):
            return entry.path, None
        return None, Rejected("not_a_file", "not a regular file")
    target = Path(entry.path).resolve()
    if not target.is_relative_to(root):
        return None, Rejected("symlink_outside_input", "links outside the input folder; not followed")
    if not target.is_file():
        return None, Rejected("not_a_file", "not a regular file")
    return str(target), None


def claim_ids(found: Iterable[tuple[str, str | None, Rejected | None]], claim: Callable[[str, str], str | None]):
    """(id, rel, location, problem): the first page (in walk order) with an id owns it; a later one is rejected.

    `claim(id, rel)` gives the id to rel, or returns the path that already has it.
    """
    for rel, location, problem in found:
        if not is_utf8(rel):
            rel = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            problem = problem or Rejected("bad_name", "the file name is not UTF-8")
        pid = record_id(rel)
        if problem is None:
            if pid in RESERVED_IDS:
                problem = Rejected("reserved_id", f"{pid}.json would overwrite a run file")
            elif len(f"{pid}.json".encode()) > NAME_MAX:
                problem = Rejected("bad_name", "the file name is too long for a record name")
            elif owner := claim(pid, rel):
                problem = Rejected("duplicate_id", f"{owner} has the same id")
        yield pid, rel, location, problem


def is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def clean_one(rel: str, location: str | WarcRecord | Reused, settings: Settings) -> Outcome:
    """One page from file to record JSON or rejection (or its earlier outcome, when Reused); never raises."""
    if isinstance(location, Reused):
        return Outcome.from_entry(location.entry)
    page = Page(id=record_id(rel), path=rel, max_bytes=settings.max_bytes, all_types=settings.all_types)
    place(page, location)  # a file, or a WARC record's payload
    try:
        process(page)
        return Outcome(page.id, rel, record_json=page.record.to_json(), counts=page.counts, sha256=page.sha256,
                       signature=signature(page.body))
    except Rejected as exc:
        return Outcome(page.id, rel, reason=exc.reason, detail=exc.detail, counts=page.counts, sha256=page.sha256)
    except RecursionError:
        return Outcome(page.id, rel, reason="too_deep", detail="structure nested too deeply", sha256=page.sha256)
    except MemoryError:
        return Outcome(page.id, rel, reason="too_large", detail="ran out of memory", sha256=page.sha256)
    except Exception as exc:  # a bug must cost one page, never the run
        detail = f"{type(exc).__name__}: {exc}"
        return Outcome(page.id, rel, reason="internal_error", detail=detail, counts=page.counts, sha256=page.sha256)


def given_up(task: tuple[str, str | WarcRecord | Reused, Settings], reason: str, detail: str) -> Outcome:
    """The outcome of a page the pool gave up on (timeout, dead worker); how far it got is not counted."""
    rel, location, settings = task
    if isinstance(location, Reused):
        return Outcome.from_entry(location.entry)
    sha256 = stored_sha256(location, settings.max_bytes) or ""
    return Outcome(record_id(rel), rel, reason=reason, detail=detail, sha256=sha256)


def run(input_dir: Path, output_dir: Path, settings: Settings = Settings(), progress: bool | None = None) -> dict:
    """Clean every page under input_dir (a folder, or one file) into output_dir; returns the run summary."""
    started = time.perf_counter()
    output_dir.mkdir(parents=True, exist_ok=True)
    sink = make_sink(output_dir, settings.output_format, settings.shard_size)
    cache = Cache(output_dir, settings.key(), keep_records=not sink.keeps_records)
    try:
        cache.note_input(input_dir)
        tally, warc_skipped, cleaned, reused, refused = Tally(cache.reject), Counter(), 0, 0, 0
        found = expand_warcs(discover(input_dir, skip=output_dir.resolve()), settings.max_bytes, warc_skipped)
        show = sys.stderr.isatty() if progress is None else progress
        bar = tqdm(total=count_pages(input_dir) if show else None, unit=" pages", disable=not show, file=sys.stderr)

        def to_clean() -> Iterator[tuple]:
            """Pages drawn one by one as the engine asks; those rejected on sight are tallied. An unchanged
            page goes through the engine too (as Reused, costing a worker nothing), to keep its turn in
            the output order."""
            nonlocal cleaned, reused, refused
            for pid, rel, location, problem in claim_ids(found, cache.claim):
                if problem:
                    refused += 1
                    tally.add(Outcome(pid, rel, reason=problem.reason, detail=problem.detail))
                    bar.update()
                elif entry := cache.reuse(rel, location, settings.max_bytes):
                    reused += 1
                    yield rel, Reused(entry), settings
                else:
                    cleaned += 1
                    yield rel, location, settings

        with bar, make_engine(settings.engine, settings.workers, settings.timeout, settings.address) as engine, sink:
            batch: list[Outcome] = []
            for outcome in engine.map(clean_one, given_up, to_clean(), warm_up):
                tally.add(outcome)
                bar.update()
                batch.append(outcome)
                if len(batch) == SETTLE_BATCH:
                    settle(batch, sink, cache)
                    batch.clear()
            settle(batch, sink, cache)
        for gone in cache.gone_ids():
            remove_record(output_dir, gone)
        write_rejections(output_dir, cache.rejections())
        groups = find_groups(cache)
        write_duplicates(output_dir, (group.as_dict() for group in groups))
        summary = tally.summary()
        if warc_skipped:
            summary["warc_records_skipped"] = dict(sorted(warc_skipped.items()))
        summary["duplicates"] = {"groups": len(groups), "records": sum(len(group.ids) for group in groups)}
        write_summary(output_dir, summary)
        cache.finish()
    finally:
        cache.close()
    return {**summary, "cleaned": cleaned, "reused": reused, "refused": refused,
            "seconds": round(time.perf_counter() - started, 2)}


def settle(outcomes: list[Outcome], sink, cache: Cache) -> None:
    """Commit the outcomes to the cache, then write their records. A run killed before the commit
    cleans those pages again; one killed after it finds a record missing or not the one the cache
    hashed, and cleans that page again. So no record file is ever there that the cache does not
    name, and a record whose page is gone from the input is always removed by a later run.
    A reused record is written again only where the sink does not keep it (JSON Lines)."""
    for outcome in outcomes:
        if not outcome.reused:
            cache.remember(outcome.entry(), outcome.record_json, outcome.signature)
    cache.commit()
    for outcome in outcomes:
        if outcome.reason is None and not outcome.reused:
            sink.add(outcome.id, outcome.record_json)
        elif outcome.reason is None and not sink.keeps_records:
            sink.add(outcome.id, cache.record(outcome.path))


class Tally:
    """The run summary, added up page by page; records and rejections are not kept in memory."""

    def __init__(self, keep_rejection: Callable[[dict], None]):
        self.keep_rejection = keep_rejection
        self.totals: Counter = Counter()
        self.pages = self.records = 0
        self.rejected: Counter = Counter()  # reason -> pages

    def add(self, outcome: Outcome) -> None:
        self.pages += 1
        self.totals.update(outcome.counts)
        if outcome.reason:
            self.rejected[outcome.reason] += 1
            self.keep_rejection(outcome.rejection())
        else:
            self.records += 1

    def summary(self) -> dict:
        totals = self.totals

        def prefixed(prefix: str) -> dict:
            return {k.split(":", 1)[1]: v for k, v in sorted(totals.items()) if k.startswith(prefix)}

        return {
            "pages": self.pages,
            "records": self.records,
            "rejected": sum(self.rejected.values()),
            "rejections_by_reason": dict(sorted(self.rejected.items())),
            "rules_fired": {k: v for k, v in sorted(totals.items()) if k.startswith("BP")},
            "formats": prefixed("format:"),
            "encodings": prefixed("encoding:"),
            "page_types": prefixed("page_type:"),
            "metadata_found": prefixed("metadata:"),
            "warnings": prefixed("warning:"),
            "stages_completed": {s.name: totals[f"stage:{s.name}"] for s in STAGES if totals[f"stage:{s.name}"]},
            "lines": totals.get("lines", 0),
            "lines_removed": totals.get("lines_removed", 0),
        }
