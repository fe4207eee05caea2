"""`make train` (`python -m pipeline train [NAME ...]`): rebuild every model from the labelled corpora.

For each task (pipeline/learn/tasks.py): its rows of features are computed once; five boosters are
trained, each without one fold's sites, and score that fold (out-of-fold predictions: the
cross-validated figures); a sixth is trained on everything (the model `run` uses). Fitted constants
(the task's `settings`) are fitted the same way, on the training rows of each booster only. Files
are written to pipeline/models/<name>/ (see pipeline.learn.model). Training is deterministic: fixed
seeds, one thread, rows in corpus order, so the same corpora and code give the same files.
"""
from __future__ import annotations

import gzip
import json
import sys
import time
from dataclasses import dataclass, field
from typing import Callable

import lightgbm
import numpy as np

from pipeline.learn.corpus import FOLDS
from pipeline.learn.model import model_file

BASE_PARAMS = {
    "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 20, "lambda_l2": 1.0,
    "feature_fraction": 1.0, "bagging_fraction": 1.0, "max_bin": 255,
    "num_threads": 1, "deterministic": True, "force_row_wise": True, "seed": 7, "verbosity": -1,
}
CREDITS = [
    "train-wcxb: WCXB web content extraction benchmark, dev split (Foley 2026), CC-BY-4.0, attribution Murrough Foley, "
    "github.com/Murrough-Foley/web-content-extraction-benchmark (commit c039d5ee)",
    "dev aeb-: scrapinghub/article-extraction-benchmark (MIT)",
    "dev pl-: postlight/parser test fixtures (MIT / Apache-2.0)",
    "dev rd-: mozilla/readability test pages (Apache-2.0)",
]
GZIP_MTIME = 0   # fold files carry no time stamp, so that a retrain gives the same bytes


@dataclass
class Dataset:
    """A task's rows: features, labels (class indices), each row's fold and the page it comes from."""

    features: tuple[str, ...]
    rows: np.ndarray              # (n, len(features)) float
    labels: np.ndarray            # (n,) int: index into the task's classes
    folds: np.ndarray             # (n,) int: the fold of the row's page (by its site)
    pages: np.ndarray             # (n,) int: index of the row's page in `page_ids`
    page_ids: list[str]
    weights: np.ndarray | None = None
    notes: dict = field(default_factory=dict)   # what the rows are, for the card (corpora, kinds, counts)


@dataclass
class Task:
    """One learned decision: its data, its model settings, and how its figures are taken."""

    name: str
    doc: str                                  # what the model decides, one line
    classes: tuple[str, ...]                  # binary: (negative, positive)
    build: Callable[[], Dataset]              # the rows, from the corpora
    rounds: int = 200
    params: dict = field(default_factory=dict)            # over BASE_PARAMS
    fit_settings: Callable[[Dataset, np.ndarray, np.ndarray], dict] | None = None
    # (dataset, rows the booster was trained on (bool mask), its predictions on every row) -> constants
    figures: Callable[[Dataset, np.ndarray], dict] | None = None   # task figures from out-of-fold predictions


def fit(task: Task, data: Dataset, mask: np.ndarray) -> lightgbm.Booster:
    params = {**BASE_PARAMS, **task.params}
    if len(task.classes) == 2:
        params["objective"] = "binary"
    else:
        params.update(objective="multiclass", num_class=len(task.classes))
    train = lightgbm.Dataset(data.rows[mask], data.labels[mask], feature_name=list(data.features),
                             weight=None if data.weights is None else data.weights[mask], free_raw_data=True)
    return lightgbm.train(params, train, num_boost_round=task.rounds)


def predict(booster: lightgbm.Booster, rows: np.ndarray) -> np.ndarray:
    return booster.predict(rows, num_threads=1)


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (ties counted half), by ranks."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    start = 0
    for end in range(1, len(scores) + 1):
        if end == len(scores) or sorted_scores[end] != sorted_scores[start]:
            ranks[order[start:end]] = (start + end + 1) / 2
            start = end
    positives = labels == 1
    n_pos, n_neg = positives.sum(), (~positives).sum()
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def row_figures(task: Task, data: Dataset, oof: np.ndarray) -> dict:
    """Row-level cross-validated figures: AUC and accuracy (binary), accuracy and confusion (multi-class)."""
    if len(task.classes) == 2:
        return {"rows": int(len(oof)), "auc": round(auc(data.labels, oof), 4),
                "accuracy_at_0.5": round(float(((oof >= 0.5) == (data.labels == 1)).mean()), 4)}
    chosen = oof.argmax(axis=1)
    confusion = {gold: {pred: int(((data.labels == g) & (chosen == p)).sum()) for p, pred in enumerate(task.classes)}
                 for g, gold in enumerate(task.classes)}
    return {"rows": int(len(oof)), "accuracy": round(float((chosen == data.labels).mean()), 4), "confusion": confusion}


def top_gain(booster: lightgbm.Booster, features: tuple[str, ...], top: int = 15) -> list[list]:
    gains = booster.feature_importance(importance_type="gain")
    total = gains.sum() or 1.0
    ranked = sorted(zip(features, gains), key=lambda item: -item[1])[:top]
    return [[name, round(float(gain / total), 4)] for name, gain in ranked]


def train_task(task: Task) -> dict:
    """Cross-validate, train the final model, write its files; the card."""
    started = time.perf_counter()
    data = task.build()
    shape = (len(data.rows),) if len(task.classes) == 2 else (len(data.rows), len(task.classes))
    oof = np.zeros(shape)
    fold_settings, fold_models = {}, {}
    for fold in range(FOLDS):
        held_out = data.folds == fold
        booster = fit(task, data, ~held_out)
        predictions = predict(booster, data.rows)
        oof[held_out] = predictions[held_out]
        fold_settings[str(fold)] = task.fit_settings(data, ~held_out, predictions) if task.fit_settings else {}
        fold_models[fold] = booster.model_to_string()
        progress(f"{task.name}: fold {fold} done ({time.perf_counter() - started:.0f} s)")
    everything = np.ones(len(data.rows), dtype=bool)
    final = fit(task, data, everything)
    settings = task.fit_settings(data, everything, predict(final, data.rows)) if task.fit_settings else {}
    card = {
        "name": task.name, "doc": task.doc, "classes": list(task.classes), "features": list(data.features),
        "settings": settings, "fold_settings": fold_settings,
        "training": {"rounds": task.rounds, "params": {**BASE_PARAMS, **task.params}, "folds": FOLDS,
                     "grouped_by": "site (registered domain of the page's URL)", "data": data.notes,
                     "pages": len(data.page_ids), "credits": CREDITS},
        "cross_validated": {**row_figures(task, data, oof), **(task.figures(data, oof) if task.figures else {})},
        "top_features_by_gain": top_gain(final, data.features),
    }
    write_model(task.name, final.model_to_string(), fold_models, card)
    progress(f"{task.name}: written to pipeline/models/{task.name}/ ({time.perf_counter() - started:.0f} s)")
    return card


def write_model(name: str, final: str, folds: dict[int, str], card: dict) -> None:
    folder = model_file(name, None).parent
    (folder / "folds").mkdir(parents=True, exist_ok=True)
    model_file(name, None).write_text(final, "utf-8")
    for fold, text in folds.items():
        model_file(name, fold).write_bytes(gzip.compress(text.encode("utf-8"), mtime=GZIP_MTIME))
    (folder / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", "utf-8")
    (folder / "README.md").write_text(card_text(card), "utf-8")


def card_text(card: dict) -> str:
    """The model card for people: what it decides, from what, how well (out of sample), how to rebuild it."""
    training = card["training"]
    lines = [f"# Model `{card['name']}`", "", card["doc"], "",
             "Rebuilt by `make train` (`python -m pipeline train " + card["name"] + "`); loaded by "
             "`pipeline.learn.model.load`. Generated file: do not edit.", "",
             "## Data", ""]
    lines += [f"- {key}: {value}" for key, value in training["data"].items()]
    lines += [f"- pages: {training['pages']}", "", "Credits:", ""] + [f"- {credit}" for credit in training["credits"]]
    lines += ["", "## Settings", "", f"- LightGBM, {training['rounds']} rounds, classes {card['classes']}",
              f"- parameters: `{json.dumps(training['params'], sort_keys=True)}`",
              f"- fitted constants (on all pages): `{json.dumps(card['settings'], sort_keys=True)}`", "",
              f"## Cross-validated figures ({training['folds']} folds grouped by {training['grouped_by']})", "",
              "Every figure comes from predictions by a model trained without the page's site.", "", "```",
              json.dumps(card["cross_validated"], indent=2, ensure_ascii=False), "```", "",
              "## Features", "", f"{len(card['features'])} features; the most used (share of gain):", ""]
    lines += [f"- `{name}` {gain:.3f}" for name, gain in card["top_features_by_gain"]]
    return "\n".join(lines) + "\n"


def progress(message: str) -> None:
    print(f"train: {message}", file=sys.stderr, flush=True)


def train(names: list[str] | None = None) -> int:
    from pipeline.learn.tasks import TASKS

    unknown = set(names or ()) - {task.name for task in TASKS}
    if unknown:
        print(f"newsclean train: no task named {', '.join(sorted(unknown))}; tasks: "
              f"{', '.join(task.name for task in TASKS)}", file=sys.stderr)
        return 2
    for task in TASKS:
        if not names or task.name in names:
            train_task(task)
    return 0
