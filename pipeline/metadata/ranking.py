"""Choosing a metadata value among its options with a learned model.

Each field that is learned (headline, date, authors) turns its evidence into Options: one per distinct
value the field could take, with named features (which sources give it, how they agree, its shape,
how it sits with the body and the URL). The field's model (pipeline/learn/tasks.py, trained on dev and
train-wcxb) scores every option: the probability that it is the page's value; the best one is taken.
The same function computes the features when a page is cleaned and when the model is trained.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from pipeline.learn.model import Model, load
from pipeline.page import Page


@dataclass
class Option:
    """A value a field could take, where it comes from (its most trusted source), and what speaks for it."""

    value: object
    origin: str
    features: dict[str, float] = field(default_factory=dict)
    line: int | None = None     # text dumps: the index of the line it comes from
    prior: float = 0.0          # the hand-written ranking (a source's trust): only while training rows are built
    detail: object = None       # what else the value carries (a date's full timestamp)


HAND_RANKING = {"on": False}


@contextmanager
def hand_ranking():
    """While the training rows are built, no model is asked: each field takes its option of highest prior. So the
    rows never depend on a model that is being trained (or is missing, or stale after a change of features)."""
    HAND_RANKING["on"] = True
    try:
        yield
    finally:
        HAND_RANKING["on"] = False


def line_distance(page: Page, lines: list[int | None]) -> float:
    """Text dumps: how many lines the nearest of `lines` is from the headline (or the article's start); -1 for none."""
    anchor = page.headline_line if page.headline_line is not None else page.region[0]
    found = [abs(line - anchor) for line in lines if line is not None]
    return float(min(found)) if found else -1.0


def feature_rows(options: list[Option], names: tuple[str, ...]) -> np.ndarray:
    """One row of the named features per option (a feature an option lacks is 0)."""
    return np.array([[option.features.get(name, 0.0) for name in names] for option in options], dtype=np.float64
                    ).reshape(len(options), len(names))


def field_model(name: str, names: tuple[str, ...]) -> Model:
    model = load(name)
    if model.features != names:
        raise RuntimeError(f"model {name} was trained on other features than the code computes (run `make train`)")
    return model


def best_option(page: Page, field_name: str, model_name: str, options: list[Option],
                names: tuple[str, ...]) -> tuple[Option, float] | None:
    """The option the model scores highest, and its score; the decision is kept for `explain` (page.decisions)."""
    if not options:
        return None
    if HAND_RANKING["on"]:
        return max(options, key=lambda option: option.prior), 0.0
    model = field_model(model_name, names)
    rows = feature_rows(options, names)
    scores = model.predict(rows)
    best = int(np.argmax(scores))
    page.decisions[field_name] = (model, rows[best], float(scores[best]))
    return options[best], float(scores[best])
