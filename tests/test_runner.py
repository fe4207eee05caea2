"""The runner's guarantees: nothing hangs the run, a killed run resumes to the same bytes, re-runs
do no work for unchanged pages, and pages gone from the input take their records with them."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cache import Busy, Cache
from pipeline.pool import run_isolated
from pipeline.runner import Settings, run

SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("raw").glob("*.txt"))


# --- the pool: tasks are module-level so workers can import them -----------------------------------

def echo(n: int, pause: float = 0.0):
    time.sleep(pause)
    return n


def spin(n: int):
    while True:  # Python code: SIGALRM stops it
        pass


def stuck(n: int):
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGPROF})  # as a wait in C code would be
    time.sleep(60)


def stuck_spinning(n: int):
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGPROF})  # as a loop in C code would be
    while True:
        pass


class SpinsWhenDeleted:
    def __del__(self):
        end = time.process_time() + 5
        while time.process_time() < end:  # the time limit strikes in here, where Python swallows what it raises
            pass


def times_out_in_a_destructor(n: int, log: str):
    """Past its time limit inside a destructor; what the worker prints meanwhile goes to `log`."""
    real, sys.stderr = sys.stderr, open(log, "w")
    try:
        SpinsWhenDeleted()
        return n
    finally:
        sys.stderr.close()
        sys.stderr = real


def crash(n: int):
    os.kill(os.getpid(), signal.SIGSEGV)


def gave_up(task: tuple, reason: str, detail: str):
    return (task[0], reason)


def test_results_come_in_task_order_whatever_finishes_first():
    tasks = [(n, 0.02 if n % 3 == 0 else 0.0) for n in range(40)]
    assert list(run_isolated(echo, tasks, gave_up, workers=2, timeout=5)) == list(range(40))


def test_a_python_loop_is_stopped_by_the_time_limit():
    started = time.monotonic()
    got = list(run_isolated(spin, [(1,)], gave_up, timeout=0.2))
    assert got == [(1, "timeout")] and time.monotonic() - started < 2


def test_a_task_deaf_to_signals_costs_its_worker_and_only_itself():
    started = time.monotonic()
    got = list(run_isolated(dispatch, [(echo, 0), (stuck, 1), (echo, 2)], gave_up_dispatch, timeout=0.1))
    assert got == [0, (1, "timeout"), 2] and time.monotonic() - started < 10  # the clock's backstop: 10 x 0.1 s + 2 s


def test_a_task_spinning_deaf_to_signals_is_killed_for_its_cpu_time():
    got = list(run_isolated(dispatch, [(echo, 0), (stuck_spinning, 1), (echo, 2)], gave_up_dispatch, timeout=0.1))
    assert got == [0, (1, "timeout"), 2]  # killed after 0.1 + 2 s of CPU time (read from /proc)


def test_a_worker_that_waits_is_not_killed_before_it_has_used_its_cpu_time():
    """Waiting stands in for a worker starved of CPU by a busy machine: the parent killed it after 2.3 s by
    the clock (the limit and its grace); now only CPU time counts, with a backstop at ten times the limit."""
    assert list(run_isolated(echo, [(1, 2.5)], gave_up, timeout=0.3)) == [1]


def test_a_timeout_swallowed_by_a_destructor_still_ends_the_task_and_prints_nothing(tmp_path):
    log = tmp_path / "stderr.txt"
    assert list(run_isolated(times_out_in_a_destructor, [(1, str(log))], gave_up, timeout=0.1)) == [(1, "timeout")]
    assert log.read_text() == ""


def test_a_crashing_task_costs_only_itself():
    got = list(run_isolated(dispatch, [(echo, 0), (crash, 1), (echo, 2)], gave_up_dispatch, workers=1, timeout=5))
    assert got == [0, (1, "worker_died"), 2]


def dispatch(fn, n):
    return fn(n)


def gave_up_dispatch(task: tuple, reason: str, detail: str):
    return (task[1], reason)


# --- runs over a folder ----------------------------------------------------------------------------

def make_input(folder: Path, copies: int = 1) -> Path:
    """The seed pages, `copies` times each under different names, a page that is rejected, a sub-folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for seed in SEEDS:
            shutil.copy(seed, folder / f"{seed.stem}-{i}.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "sub").mkdir(exist_ok=True)
    shutil.copy(SEEDS[0], folder / "sub" / "nested.txt")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every output file under folder and its bytes (not the runner's private `_cache` database)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "_cache" not in p.relative_to(folder).parts}


def test_a_second_run_does_no_work_and_changes_no_byte(tmp_path):
    pages = make_input(tmp_path / "in")
    first = run(pages, tmp_path / "out", progress=False)
    before = snapshot(tmp_path / "out")
    second = run(pages, tmp_path / "out", progress=False)
    assert (first["cleaned"], second["cleaned"], second["reused"]) == (5, 0, 5)
    assert snapshot(tmp_path / "out") == before
    assert {k: v for k, v in first.items() if k not in ("cleaned", "reused", "seconds")} == \
           {k: v for k, v in second.items() if k not in ("cleaned", "reused", "seconds")}


def test_changed_pages_are_cleaned_again_and_removed_pages_lose_their_record(tmp_path):
    pages = make_input(tmp_path / "in")
    out = tmp_path / "out"
    run(pages, out, progress=False)
    shutil.copy(SEEDS[1], pages / "sub" / "nested.txt")           # changed
    (pages / f"{SEEDS[2].stem}-0.txt").unlink()                     # removed
    (out / f"{SEEDS[0].stem}-0.json").write_text("damaged", "utf-8")  # a record spoiled in OUTPUT
    again = run(pages, out, progress=False)
    assert (again["cleaned"], again["reused"]) == (2, 2)  # cleaned: the changed and the spoiled
    assert not (out / f"{SEEDS[2].stem}-0.json").exists()
    fresh = tmp_path / "fresh"
    run(pages, fresh, progress=False)
    assert snapshot(out) == snapshot(fresh)


def test_a_damaged_cache_costs_only_the_reuse(tmp_path):
    pages = make_input(tmp_path / "in")
    out = tmp_path / "out"
    run(pages, out, progress=False)
    before = snapshot(out)
    for part in (out / "_cache").glob("pages.sqlite*"):
        part.write_bytes(b"not a database" * 100)
    again = run(pages, out, progress=False)
    assert (again["cleaned"], again["reused"]) == (5, 0)
    assert snapshot(out) == before
    assert run(pages, out, progress=False)["reused"] == 5


def test_a_timeout_is_tried_again_on_the_next_run(tmp_path):
    pages = make_input(tmp_path / "in")
    (pages / "long.txt").write_text(SEEDS[0].read_text("utf-8") * 2000, "utf-8")  # 5 MB: well over 0.05 s of CPU
    settings = Settings(timeout=0.05)
    first = run(pages, tmp_path / "out", settings, progress=False)
    again = run(pages, tmp_path / "out", settings, progress=False)
    assert first["rejections_by_reason"] == again["rejections_by_reason"] == {"empty": 1, "timeout": 1}
    assert (again["cleaned"], again["reused"]) == (1, 5)


def test_no_page_pays_for_the_set_up_of_the_libraries(tmp_path):
    """dateparser sets itself up (about 3 s of CPU) the first time htmldate hands it a date phrase that no
    locale reads: the workers are set up before their first page, so this page stays within 1 s."""
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "minutes.html").write_text(
        "<html><head><title>Parish council minutes</title></head><body><article><h1>Parish council minutes</h1>"
        "<p>The parish council met in the village hall and agreed to repair the bus shelter before winter.</p>"
        "<p>Minutes of the meeting (2021年03月02日 )</p></article></body></html>", "utf-8")
    summary = run(pages, tmp_path / "out", Settings(timeout=1.0), progress=False)
    assert summary["records"] == 1, summary["rejections_by_reason"]


def test_new_code_or_settings_clean_everything_again(tmp_path):
    pages = make_input(tmp_path / "in")
    run(pages, tmp_path / "out", progress=False)
    again = run(pages, tmp_path / "out", Settings(timeout=7.0), progress=False)
    assert again["reused"] == 0


def test_output_inside_input_is_not_read_as_input(tmp_path):
    pages = make_input(tmp_path / "in")
    first = run(pages, pages / "clean", progress=False)
    second = run(pages, pages / "clean", progress=False)
    assert first["pages"] == second["pages"] == 5 and second["cleaned"] == 0


def test_two_runs_cannot_write_to_one_output(tmp_path):
    holder = Cache(tmp_path, "key")
    try:
        with pytest.raises(Busy):
            Cache(tmp_path, "key")
    finally:
        holder.close()


def test_output_equal_to_input_is_a_usage_error(tmp_path):
    pages = make_input(tmp_path / "in")
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(pages), str(pages)], capture_output=True, text=True)
    assert done.returncode == 2 and "must not be the INPUT" in done.stderr


def test_one_worker_or_two_give_the_same_bytes(tmp_path):
    pages = make_input(tmp_path / "in", copies=3)
    run(pages, tmp_path / "one", Settings(workers=1), progress=False)
    run(pages, tmp_path / "two", Settings(workers=2), progress=False)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_killed_runs_resume_to_the_bytes_of_one_uninterrupted_run(tmp_path):
    """SIGKILL the run twice partway (after some records, then after more), run again to the end."""
    pages = make_input(tmp_path / "in", copies=40)
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "pipeline", "run", "-q", "-j", "1", str(pages), str(out)]
    for records_before_kill in (10, 60):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(list(out.glob("*.json"))) < records_before_kill and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert not (out / "_run.json").exists()
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr  # empty.txt is rejected
    clean = tmp_path / "clean"
    run(pages, clean, Settings(workers=1), progress=False)  # last: the same code as the rerun, even in a tree being edited
    assert snapshot(out) == snapshot(clean)


def test_a_folder_that_cannot_be_listed_is_accounted_for(tmp_path, monkeypatch):
    """chmod 000 does not stop root, so the refusal is simulated where the walk lists folders."""
    from pipeline import runner

    pages = make_input(tmp_path / "in")
    real_scandir = os.scandir

    def refuse(path="."):
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(runner.os, "scandir", refuse)
    found = {rel: problem for rel, _, problem in runner.discover(pages)}
    assert "sub/nested.txt" not in found
    assert (found["sub"].reason, found["sub"].detail) == ("unreadable", "a folder that cannot be listed: Permission denied")
    assert len(found) == 5
