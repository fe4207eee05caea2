"""How the cleaning function is mapped over the pages: local worker processes, or Ray.

    with make_engine("local", workers=4, timeout=30) as engine:
        for result in engine.map(fn, give_up, tasks, setup):  # fn(*task), or give_up(task, reason, detail)
            ...

Both engines yield the results in the order of the tasks, and draw the tasks (any iterable) lazily,
a few batches ahead of the results, so the output is byte-identical whatever the engine and the number of
workers, and memory stays flat on any input size. `fn`, `give_up` and `setup` (run once in each worker
process before its first task's clock starts) must be module-level functions. The time limit counts a
task's CPU time (see pipeline.pool).

- local: `pipeline.pool.run_isolated`, worker processes whose stuck tasks are given up and killed.
- ray (`pip install 'newsclean[ray]'`): chunks of tasks as Ray tasks, on a local Ray started for the
  run with `workers` CPUs, or on the running cluster at `address` (every node needs newsclean
  installed). The time limit interrupts Python code and regular expressions, as in a local worker
  (it counts the CPU time of the whole Ray worker process, Ray's own threads too); a task stuck in C
  holds its Ray worker.
"""
from __future__ import annotations

from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator

from pipeline import pool
from pipeline.pool import DEFAULT_TIMEOUT

ENGINES = ("local", "ray")
RAY_CHUNK = 16           # ray: tasks in one Ray task
RAY_CHUNKS_PER_CPU = 4   # ray: chunks in flight for each CPU of the cluster


class EngineUnavailable(Exception):
    """The engine cannot run here: Ray is not installed, or its cluster cannot be reached."""


def make_engine(name: str = "local", workers: int = 1, timeout: float = DEFAULT_TIMEOUT, address: str | None = None):
    if name == "local":
        return LocalEngine(workers, timeout)
    if name == "ray":
        return RayEngine(workers, timeout, address)
    raise ValueError(f"unknown engine {name!r}; one of {', '.join(ENGINES)}")


def chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class LocalEngine:
    """Worker processes on this machine, each task within the time limit (see `pipeline.pool`)."""

    def __init__(self, workers: int = 1, timeout: float = DEFAULT_TIMEOUT):
        self.workers = max(1, workers)
        self.timeout = timeout

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, fn: Callable, give_up: Callable, tasks: Iterable[tuple], setup: Callable | None = None) -> Iterator:
        return pool.run_isolated(fn, tasks, give_up, self.workers, self.timeout, setup)


def ray_chunk(fn: Callable, give_up: Callable, timeout: float, setup: Callable | None, chunk: list[tuple]) -> list:
    """One Ray task: every task of the chunk within the time limit, as a local worker runs them (the Ray
    worker process sets itself up once, before its first task's clock starts)."""
    pool.prepare_worker(setup)
    return [pool.run_within(fn, give_up, task, timeout) for task in chunk]


class RayEngine:
    """Ray tasks, on a local Ray with `workers` CPUs or on the cluster at `address`."""

    def __init__(self, workers: int = 1, timeout: float = DEFAULT_TIMEOUT, address: str | None = None):
        try:
            import ray
        except ImportError:
            raise EngineUnavailable("the ray engine needs Ray: pip install 'newsclean[ray]'") from None
        self.ray = ray
        self.workers = max(1, workers)
        self.timeout = timeout
        self.address = address
        self.started = False

    def __enter__(self):
        if not self.ray.is_initialized():
            try:
                if self.address:
                    self.ray.init(address=self.address, log_to_driver=False)
                else:
                    self.ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False)
            except ConnectionError as exc:
                raise EngineUnavailable(f"cannot reach the Ray cluster at {self.address}: {exc}") from None
            self.started = True
        return self

    def __exit__(self, *exc):
        if self.started:
            self.ray.shutdown()
        return False

    def map(self, fn: Callable, give_up: Callable, tasks: Iterable[tuple], setup: Callable | None = None) -> Iterator:
        """Chunks go out as Ray tasks, a bounded number at a time; results come back in order."""
        remote = self.ray.remote(ray_chunk)
        window = max(1, int(self.ray.cluster_resources().get("CPU", 1))) * RAY_CHUNKS_PER_CPU
        pending: deque = deque()
        for chunk in chunked(tasks, RAY_CHUNK):
            pending.append((chunk, remote.remote(fn, give_up, self.timeout, setup, chunk)))
            if len(pending) >= window:
                yield from self._results(give_up, *pending.popleft())
        while pending:
            yield from self._results(give_up, *pending.popleft())

    def _results(self, give_up: Callable, chunk: list[tuple], ref) -> list:
        """The chunk's results; every task of it given up when Ray could not run it (a worker or node died)."""
        try:
            return self.ray.get(ref)
        except self.ray.exceptions.RayError as exc:
            return [give_up(task, "worker_died", f"Ray lost the task: {type(exc).__name__}") for task in chunk]
