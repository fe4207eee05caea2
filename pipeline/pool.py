"""Worker processes with a time limit per task that nothing can escape.

Tasks go to each worker in small batches (one message for many pages keeps IPC cheap) and every
result comes back as soon as it is ready. Inside a worker, SIGALRM interrupts a task that runs past
the limit, which stops Python code and regular expressions. A task stuck where signals cannot reach
(a loop in C) stops reporting: the parent kills that worker after a grace period, gives the task
up, and sends the rest of its batch to a fresh worker. A worker that dies (a crash in C, the OOM
killer) costs only the task it was on. Results come out in task order, whatever finished first.
"""
from __future__ import annotations

import selectors
import signal
import time
from collections import deque
from contextlib import suppress
from itertools import count
from multiprocessing import get_context
from typing import Callable, Iterable, Iterator

DEFAULT_TIMEOUT = 10.0          # seconds a page may take (the slowest dev page: ~3 s on a loaded machine)
BATCH = 8                       # tasks per message; a worker has at most two batches in hand
PRELOAD = ["pipeline.stages", "pipeline.duplicates"]  # imported once by the fork server: a fresh worker starts in milliseconds


class TaskTimeout(BaseException):
    """Raised in a worker by SIGALRM; a BaseException, so no `except Exception` in a library swallows it."""


def _alarm(signum, frame):
    raise TaskTimeout()


def _worker(conn, fn: Callable, give_up: Callable, timeout: float) -> None:
    signal.signal(signal.SIGALRM, _alarm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        while (batch := conn.recv()) is not None:
            for task in batch:
                conn.send(_run_within(fn, give_up, task, timeout))
    except (EOFError, OSError):  # the parent is gone
        pass


def _run_within(fn: Callable, give_up: Callable, task: tuple, timeout: float):
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return fn(*task)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except TaskTimeout:
        return give_up(task, "timeout", f"took more than {timeout:g} s")


class _Worker:
    """One worker process, and the numbered tasks it was sent whose results are not back yet."""

    def __init__(self, ctx, fn: Callable, give_up: Callable, timeout: float):
        self.conn, child_end = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child_end, fn, give_up, timeout), daemon=True)
        self.process.start()
        child_end.close()
        self.pending: deque[tuple[int, tuple]] = deque()
        self.since = time.monotonic()  # when the task at the head of `pending` started

    def send(self, batch: list[tuple[int, tuple]]) -> None:
        if not self.pending:
            self.since = time.monotonic()
        self.pending.extend(batch)
        self.conn.send([task for _, task in batch])

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
                 workers: int = 1, timeout: float = DEFAULT_TIMEOUT) -> Iterator:
    """fn(*task) for every task, in worker processes; results in the order of the tasks.

    A task that takes longer than `timeout` seconds gives give_up(task, "timeout", detail) instead;
    the task a worker was on when it died gives give_up(task, "worker_died", detail). Both functions must be picklable (module level). Tasks are
    drawn lazily, a few batches ahead of the results.
    """
    grace = max(2.0, timeout)
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
                        pool.append(_Worker(ctx, fn, give_up, timeout))
                        ready.register(pool[slot].conn, selectors.EVENT_READ, pool[slot])
                    pool[slot].send(batch)
            busy = [w for w in pool if w.pending]
            if not busy:
                break
            deadline = min(w.since for w in busy) + timeout + grace
            for key, _ in ready.select(max(0.0, deadline - time.monotonic())):
                worker = key.data  # a result, or the end of the pipe of a worker that died (busy or idle)
                try:
                    result = worker.conn.recv()
                except (EOFError, OSError):
                    replace(worker, "worker_died", "the worker process died on it (a crash in C code, or out of memory)")
                    continue
                done[worker.pending.popleft()[0]] = result
                worker.since = time.monotonic()
            for worker in [w for w in pool if w.pending and time.monotonic() - w.since > timeout + grace]:
                replace(worker, "timeout", f"no result after {timeout + grace:g} s; its worker was killed")
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for worker in pool:
            worker.stop()
        ready.close()
