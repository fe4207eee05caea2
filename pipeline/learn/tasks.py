"""Every learned decision of the pipeline, in the order `make train` builds them."""
from __future__ import annotations

from pipeline.learn.train import Task

TASKS: list[Task] = []
