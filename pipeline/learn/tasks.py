"""Every learned decision of the pipeline, in the order `make train` builds them."""
from __future__ import annotations

from pipeline.learn.train import Task
from pipeline.pagetype.training import tasks as page_type_tasks

TASKS: list[Task] = [*page_type_tasks()]
