"""What newsclean learns from labelled pages, in plain sight.

    corpus.py   the labelled pages (../shared/corpus: dev/ and train-wcxb/), their sites and folds
    model.py    a trained model: loaded once per process, scores rows, names its decision
    train.py    `make train`: every task's features -> site-grouped folds -> model files and cards
    tasks.py    the list of tasks (one per learned decision), in one place

A page's fold is a function of its site, so the five models trained without a fold never saw a page
of that fold's sites; `make bench` runs each fold's pages with its fold's models (NEWSCLEAN_FOLD),
which makes every cross-validated figure out of sample by site.
"""
from __future__ import annotations

import os
from contextlib import contextmanager

FOLD_ENV = "NEWSCLEAN_FOLD"


def active_fold() -> int | None:
    """The fold whose pages this process scores (NEWSCLEAN_FOLD), or None for the models trained on everything."""
    value = os.environ.get(FOLD_ENV, "").strip()
    return int(value) if value else None


@contextmanager
def scoring_fold(fold: int | None):
    """Score with fold `fold`'s models (those trained without its sites) inside the block; None: leave it as set."""
    before = os.environ.get(FOLD_ENV)
    if fold is not None:
        os.environ[FOLD_ENV] = str(fold)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(FOLD_ENV, None)
        else:
            os.environ[FOLD_ENV] = before
