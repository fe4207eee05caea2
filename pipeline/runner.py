"""Run the pipeline over a folder: find pages, clean each (in worker processes), write, summarise."""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from tqdm import tqdm

from pipeline.page import Page, Rejected, page_id
from pipeline.stages import process
from pipeline.write import RESERVED_IDS, write_record, write_rejections, write_summary


@dataclass
class Outcome:
    """What became of one input page: a record (its JSON text) or a rejection with its reasons."""

    id: str
    path: str
    record_json: str | None = None
    reason: str | None = None
    detail: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    def rejection(self) -> dict:
        return {"id": self.id, "path": self.path, "reasons": [self.reason], "detail": self.detail}


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 20 * 1024 * 1024
    workers: int = 1


def discover(root: Path) -> list[tuple[str, Path | None, str | None]]:
    """(relative path, file to read or None, reason it cannot be read) for every entry under root, sorted.

    Symlinks are never followed out of the input folder; anything that is not a regular file is
    listed with the reason it is skipped, so that every entry is accounted for.
    """
    found = []
    root = root.resolve()
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(files) + sorted(d for d in dirs if (Path(folder) / d).is_symlink()):
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    found.append((rel, None, "symlink_outside_input"))
                    continue
                if not target.is_file():
                    found.append((rel, None, "not_a_file"))
                    continue
            elif not path.is_file():
                found.append((rel, None, "not_a_file"))
                continue
            found.append((rel, path, None))
    return found


def clean_one(rel: str, location: Path, settings: Settings) -> Outcome:
    """One page from file to record JSON or rejection; never raises."""
    page = Page(id=page_id(Path(rel)), path=rel, location=str(location), max_bytes=settings.max_bytes)
    try:
        process(page)
        return Outcome(page.id, rel, record_json=page.record.to_json(), counts=page.counts)
    except Rejected as exc:
        return Outcome(page.id, rel, reason=exc.reason, detail=exc.detail, counts=page.counts)
    except RecursionError:
        return Outcome(page.id, rel, reason="too_deep", detail="structure nested too deeply", counts=page.counts)
    except MemoryError:
        return Outcome(page.id, rel, reason="too_large", detail="ran out of memory", counts=page.counts)
    except Exception as exc:  # a bug must cost one page, never the run
        return Outcome(page.id, rel, reason="internal_error", detail=f"{type(exc).__name__}: {exc}", counts=page.counts)


def _clean_task(args) -> Outcome:
    return clean_one(*args)


def run(input_dir: Path, output_dir: Path, settings: Settings = Settings(), progress: bool | None = None) -> dict:
    """Clean every page under input_dir into output_dir; returns the run summary."""
    started = time.perf_counter()
    output_dir.mkdir(parents=True, exist_ok=True)
    entries = discover(input_dir)
    outcomes: list[Outcome] = []
    tasks = []
    for rel, location, problem in entries:
        if problem:
            outcomes.append(Outcome(page_id(Path(rel)), rel, reason=problem))
        else:
            tasks.append((rel, location, settings))
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(tasks), unit="page", disable=not show, file=sys.stderr)
    seen: set[str] = set()
    with get_context("spawn").Pool(settings.workers) if settings.workers > 1 else _Inline() as pool:
        for outcome in pool.imap(_clean_task, tasks, chunksize=4):
            outcomes.append(settle(outcome, seen, output_dir))
            bar.update()
    bar.close()
    summary = summarise(outcomes)
    write_rejections(output_dir, [o.rejection() for o in outcomes if o.reason])
    write_summary(output_dir, summary)
    summary["seconds"] = round(time.perf_counter() - started, 2)
    return summary


def settle(outcome: Outcome, seen: set[str], output_dir: Path) -> Outcome:
    """Write a record, or turn it into a rejection when its id is reserved or already taken."""
    if outcome.record_json is not None:
        if outcome.id in RESERVED_IDS:
            outcome.record_json, outcome.reason, outcome.detail = None, "reserved_id", "id names a run file"
        elif outcome.id in seen:
            outcome.record_json, outcome.reason, outcome.detail = None, "duplicate_id", "an earlier page has this id"
        else:
            write_record(output_dir, outcome.id, outcome.record_json)
    seen.add(outcome.id)
    return outcome


class _Inline:
    """The pool interface, run in this process (one worker: no start-up cost, easy to debug)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @staticmethod
    def imap(fn, items, chunksize=1):
        return map(fn, items)


def summarise(outcomes: list[Outcome]) -> dict:
    totals: Counter = Counter()
    for o in outcomes:
        totals.update(o.counts)
    rejections = Counter(o.reason for o in outcomes if o.reason)
    return {
        "pages": len(outcomes),
        "records": sum(1 for o in outcomes if o.reason is None),
        "rejected": sum(rejections.values()),
        "rejections_by_reason": dict(sorted(rejections.items())),
        "rules_fired": {k: v for k, v in sorted(totals.items()) if k.startswith("BP")},
        "formats": {k.split(":", 1)[1]: v for k, v in sorted(totals.items()) if k.startswith("format:")},
        "encodings": {k.split(":", 1)[1]: v for k, v in sorted(totals.items()) if k.startswith("encoding:")},
        "metadata_found": {k.split(":", 1)[1]: v for k, v in sorted(totals.items()) if k.startswith("metadata:")},
        "stages_completed": {k.split(":", 1)[1]: v for k, v in totals.items() if k.startswith("stage:")},
        "lines": totals.get("lines", 0),
        "lines_removed": totals.get("lines_removed", 0),
    }
