"""Worker processes with a time limit per task that nothing can escape, and that a busy machine does not move.

Tasks go to each worker in small batches (one message for many pages keeps IPC cheap) and every
result comes back as soon as it is ready. The limit counts the task's own CPU time, not the clock:
on a machine busy with other work a task waits longer but uses the same CPU time, so it gets the same
outcome. A worker first sets itself up (`setup`: loading what every task needs) and says it is ready;
only then does its first task's clock start, so no task pays for another's set-up.

Inside a worker, a CPU-time timer (SIGPROF) interrupts a task past the limit, which stops Python code
and regular expressions; a wall-clock timer (SIGALRM) at BACKSTOP times the limit stops a task that
waits rather than computes. The timers fire again every REPEAT seconds until the task is over, so a
TaskTimeout that Python swallows (raised inside a destructor, where it is "ignored") cannot let the
task run on, and the task still ends as a timeout. A task stuck where signals cannot reach (a loop
in C) stops reporting: the parent reads the worker's CPU time from /proc and kills it past the limit
and a grace period (or past the wall-clock backstop and the grace: a worker merely starved of CPU is
left alone), gives the task up, and sends the rest of its batch to a fresh worker. A worker that dies
(a crash in C, the OOM killer) costs only the task it was on. Results come out in task order,
whatever finished first.
"""
from __future__ import annotations

import os
import selectors
import signal
import sys
import time
from collections import deque
from contextlib import suppress
from itertools import count
from multiprocessing import get_context
from typing import Callable, Iterable, Iterator

DEFAULT_TIMEOUT = 10.0   # CPU seconds a page may take (the slowest dev page takes under 3)
BACKSTOP = 10            # a task may take this many times the limit by the clock (waiting, or starved of CPU)
SET_UP_LIMIT = 120.0     # seconds by the clock a worker may take to get ready
REPEAT = 0.05            # seconds between the timers' signals once a task is past its limit
POLL = 0.5               # seconds between the parent's looks at its busy workers' CPU time
BATCH = 8                # tasks per message; a worker has at most two batches in hand
PRELOAD = ["pipeline.forkserver", "pipeline.duplicates"]  # imported once by the fork server: every worker starts
# set up, in milliseconds (datasketch imports scipy: seconds)
READY = "ready"          # a worker's first message: its set-up is done
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class TaskTimeout(BaseException):
    """Raised in a worker by its timers; a BaseException, so no `except Exception` in a library swallows it."""


_expired: int | None = None  # the signal that ended the running task, even if a destructor swallowed its TaskTimeout


def _alarm(signum, frame):
    global _expired
    _expired = signum
    raise TaskTimeout()


def _quiet_unraisable(unraisable) -> None:
    """A TaskTimeout that Python cannot raise (in a destructor) is not printed: `_expired` ends the task."""
    if not isinstance(unraisable.exc_value, TaskTimeout):
        sys.__unraisablehook__(unraisable)


_prepared = False


def prepare_worker(setup: Callable | None) -> None:
    """Once per process: the timers' handler, and the set-up (which must not raise)."""
    global _prepared
    if _prepared:
        return
    signal.signal(signal.SIGPROF, _alarm)
    signal.signal(signal.SIGALRM, _alarm)
    sys.unraisablehook = _quiet_unraisable
    if setup is not None:
        setup()
    _prepared = True


def _worker(conn, fn: Callable, give_up: Callable, timeout: float, setup: Callable | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        prepare_worker(setup)
        conn.send(READY)
        while (batch := conn.recv()) is not None:
            for task in batch:
                conn.send(run_within(fn, give_up, task, timeout))
    except (EOFError, OSError):  # the parent is gone
        pass


def run_within(fn: Callable, give_up: Callable, task: tuple, timeout: float):
    """fn(*task), or give_up(task, "timeout", detail) past `timeout` CPU seconds (or BACKSTOP times that
    by the clock). Needs prepare_worker first."""
    global _expired
    _expired = None
    try:
        signal.setitimer(signal.ITIMER_PROF, timeout, REPEAT)
        signal.setitimer(signal.ITIMER_REAL, BACKSTOP * timeout, REPEAT)
        try:
            result = fn(*task)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.setitimer(signal.ITIMER_REAL, 0)
        if _expired is None:
            return result
    except TaskTimeout:
        pass
    if _expired == signal.SIGALRM:
        return give_up(task, "timeout", f"took more than {BACKSTOP * timeout:g} s by the clock (waiting, not computing)")
    return give_up(task, "timeout", f"took more than {timeout:g} s of CPU time")


def cpu_seconds(pid: int) -> float | None:
    """The CPU time (user and system) a process has used; None where /proc does not tell (not Linux)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()  # after the command name, which may hold spaces
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class _Worker:
    """One worker process, and the numbered tasks it was sent whose results are not back yet."""

    def __init__(self, ctx, fn: Callable, give_up: Callable, timeout: float, setup: Callable | None):
        self.conn, child_end = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child_end, fn, give_up, timeout, setup), daemon=True)
        self.process.start()
        child_end.close()
        self.pending: deque[tuple[int, tuple]] = deque()
        self.ready = False
        self.since = time.monotonic()  # when the task at the head of `pending` started (or the worker, until ready)
        self.cpu_since = 0.0           # the worker's CPU time then

    def start_clock(self) -> None:
        self.since = time.monotonic()
        self.cpu_since = cpu_seconds(self.process.pid) or 0.0

    def send(self, batch: list[tuple[int, tuple]]) -> None:
        if not self.pending and self.ready:
            self.start_clock()
        self.pending.extend(batch)
        self.conn.send([task for _, task in batch])

    def overdue(self, cpu_limit: float, wall_limit: float) -> str | None:
        """Why the task at the head of `pending` is given up (its worker silent past a limit), or None.
        Before the worker is ready, its set-up is not held to the CPU limit."""
        if not self.pending:
            return None
        if not self.ready:
            wall_limit = max(wall_limit, SET_UP_LIMIT)
        if time.monotonic() - self.since > wall_limit:
            return f"no result after {wall_limit:g} s by the clock; its worker was killed"
        cpu = cpu_seconds(self.process.pid) if self.ready else None
        if cpu is not None and cpu - self.cpu_since > cpu_limit:
            return f"no result after {cpu_limit:g} s of CPU time; its worker was killed"
        return None

    def stop(self) -> None:
        """Let an idle worker finish; kill a busy one (or one that does not finish)."""
        if not self.pending:
            with suppress(OSError):
                self.conn.send(None)
                self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run_isolated(fn: Callable, tasks: Iterable[tuple], give_up: Callable[[tuple, str, str], object],
                 workers: int = 1, timeout: float = DEFAULT_TIMEOUT, setup: Callable | None = None) -> Iterator:
    """fn(*task) for every task, in worker processes; results in the order of the tasks.

    A task that takes more than `timeout` seconds of CPU time gives give_up(task, "timeout", detail)
    instead; the task a worker was on when it died gives give_up(task, "worker_died", detail). Each
    worker runs `setup()` once before its first task's clock starts. The three functions must be
    picklable (module level). Tasks are drawn lazily, a few batches ahead of the results.
    """
    grace = max(2.0, timeout)
    cpu_limit, wall_limit = timeout + grace, BACKSTOP * timeout + grace
    ctx = get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    fresh = zip(count(), tasks)
    retry: deque[tuple[int, tuple]] = deque()   # tasks of a killed worker's batch, to send again
    done: dict[int, object] = {}                # results waiting for an earlier one
    pool: list[_Worker] = []
    ready = selectors.DefaultSelector()         # the workers' pipes, each keyed to its worker
    next_out = 0

    def take(n: int) -> list[tuple[int, tuple]]:
        batch = [retry.popleft() for _ in range(min(n, len(retry)))]
        batch += [item for _, item in zip(range(n - len(batch)), fresh)]
        return batch

    def replace(worker: _Worker, reason: str, detail: str) -> None:
        """Stop a worker; the task it was on is given up, the rest of its batch goes to another."""
        ready.unregister(worker.conn)
        worker.stop()
        pool.remove(worker)
        if worker.pending:
            index, task = worker.pending.popleft()
            done[index] = give_up(task, reason, detail)
            retry.extendleft(reversed(worker.pending))

    try:
        while True:
            for depth in (BATCH, 2 * BATCH):  # a batch to every worker first, then one more each
                for slot in range(max(1, workers)):
                    if slot < len(pool) and len(pool[slot].pending) >= depth:
                        continue
                    batch = take(BATCH)
                    if not batch:
                        break
                    if slot == len(pool):
                        pool.append(_Worker(ctx, fn, give_up, timeout, setup))
                        ready.register(pool[slot].conn, selectors.EVENT_READ, pool[slot])
                    pool[slot].send(batch)
            if not any(w.pending for w in pool):
                break
            for key, _ in ready.select(POLL):
                worker = key.data  # a result, or the end of the pipe of a worker that died (busy or idle)
                try:
                    result = worker.conn.recv()
                except (EOFError, OSError):
                    replace(worker, "worker_died", "the worker process died on it (a crash in C code, or out of memory)")
                    continue
                if not worker.ready:  # its first message: READY
                    worker.ready = True
                else:
                    done[worker.pending.popleft()[0]] = result
                worker.start_clock()
            for worker in list(pool):
                if why := worker.overdue(cpu_limit, wall_limit):
                    replace(worker, "timeout", why)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for worker in pool:
            worker.stop()
        ready.close()
