"""Training rows for the metadata models, from the labelled pages of dev and train-wcxb.

Every labelled page of a kind runs through the stages before `metadata` and has its metadata evidence
gathered, with the hand-written ranking standing in for every metadata model (ranking.hand_ranking), so
that no row depends on a model of this kind (being trained, missing, or stale after a change of features);
the models before `metadata` (text_lines, the page types) are those of the page's fold, which never saw its site,
so that the rows show the regions and types the models give on pages they were not fitted on.
Then a field's options, computed by the same function as when a page is cleaned, are each labelled
right or wrong against the page's gold value. Pages are the articles whose gold has the field.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from functools import cache
from typing import Callable

import numpy as np

from pipeline.evaluate import author_set, local_days, normalise, parse_day
from pipeline.learn import scoring_fold
from pipeline.learn.corpus import ARTICLE, LabelledPage, labelled_pages
from pipeline.learn.train import Dataset
from pipeline.metadata.ranking import Option, feature_rows, hand_ranking
from pipeline.page import Page, Rejected
from pipeline.read import DEFAULT_MAX_BYTES

TRAIN_WORKERS = 2


def prepare(labelled: LabelledPage, kind: str) -> Page | None:
    """The page after the stages before `metadata` and the gathering of its metadata evidence (None: rejected)."""
    from pipeline.metadata import gather_evidence
    from pipeline.stages import STAGES

    path = labelled.path(kind)
    page = Page(id=labelled.id, path=path.name, location=str(path), max_bytes=DEFAULT_MAX_BYTES,
                all_types=True)   # every labelled article trains, whatever the page-type model says of it
    with hand_ranking(), scoring_fold(labelled.fold):   # the models upstream (text_lines) have not seen its site
        try:
            for stage in STAGES[:[s.name for s in STAGES].index("metadata")]:
                stage(page)
            gather_evidence(page)
        except Rejected:
            return None
    page.raw, page.decisions = b"", {}
    return page


def prepare_one(job: tuple[LabelledPage, str]) -> Page | None:
    return prepare(*job)


@cache
def prepared(kind: str) -> tuple[tuple[LabelledPage, Page], ...]:
    """(labelled page, prepared page) for every labelled article of a kind, in corpus order (made once a process)."""
    articles = [page for page in labelled_pages() if page.page_type == ARTICLE and page.path(kind) is not None]
    with ProcessPoolExecutor(TRAIN_WORKERS) as pool:
        pages = list(pool.map(prepare_one, [(labelled, kind) for labelled in articles], chunksize=8))
    return tuple((labelled, page) for labelled, page in zip(articles, pages) if page is not None)


def same_headline(gold: dict, value) -> bool | None:
    return normalise(gold["headline"]) == normalise(value) if gold.get("headline") else None


def same_day(gold: dict, value) -> bool | None:
    """The option's day is the gold day (for a gold instant, a day it falls on somewhere: UTC-12..UTC+14)."""
    gold_day = parse_day(gold.get("date"))
    if gold_day is None:
        return None
    day = parse_day(value)
    return day is not None and day in local_days(gold.get("date_raw"), gold_day)


def gold_authors(gold: dict) -> list | None:
    """The gold authors: dev's list ([] = the page names no author, null = not annotated); a WCXB page has a list
    where the benchmark names an author and none where it does not (its page_type tells a WCXB page)."""
    if gold.get("authors") is None and "page_type" in gold:
        return []
    return gold.get("authors")


def same_authors(gold: dict, value) -> bool | None:
    """The option names the gold authors (the empty option: the gold names nobody)."""
    names = gold_authors(gold)
    if names is None:
        return None
    return author_set(names) == author_set(value) if value is not None else False


def option_dataset(kinds: tuple[str, ...], field_name: str, options_of: Callable[[Page], list[Option]],
                   is_right: Callable[[dict, object], bool | None], names: tuple[str, ...]) -> Dataset:
    """A row per option of every labelled article (of each kind) whose gold has the field; label 1: the gold value."""
    blocks, labels, folds, pages, page_ids = [], [], [], [], []
    for kind in kinds:
        for labelled, page in prepared(kind):
            if is_right(labelled.gold, None) is None:
                continue
            options = options_of(page)
            if not options:
                continue
            blocks.append(feature_rows(options, names))
            labels += [int(bool(is_right(labelled.gold, option.value))) for option in options]
            folds += [labelled.fold] * len(options)
            pages += [len(page_ids)] * len(options)
            page_ids.append(f"{kind}:{labelled.id}")
    notes = {"corpora": "dev + train-wcxb, articles whose gold has the field", "kinds": ", ".join(kinds),
             "field": field_name, "options (rows)": len(labels), "right options": int(sum(labels))}
    return Dataset(names, np.vstack(blocks) if blocks else np.zeros((0, len(names))), np.array(labels),
                   np.array(folds), np.array(pages), page_ids, notes=notes)


def choice_figures(data: Dataset, oof: np.ndarray) -> dict:
    """Per page, out of fold: how often the option scored best is right, and how often any option is (the ceiling)."""
    best: dict[int, tuple[float, int]] = {}
    any_right: dict[int, bool] = {}
    for score, label, page in zip(oof, data.labels, data.pages):
        if page not in best or score > best[page][0]:
            best[page] = (float(score), int(label))
        any_right[page] = any_right.get(page, False) or bool(label)
    n = len(best)
    figures = {"pages": n, "best_option_right": round(sum(label for _, label in best.values()) / n, 4) if n else 0.0,
               "some_option_right (ceiling)": round(sum(any_right.values()) / n, 4) if n else 0.0}
    for kind in sorted({page_id.split(":")[0] for page_id in data.page_ids}):
        mine = [page for page in best if data.page_ids[page].startswith(kind + ":")]
        if mine:
            figures[f"best_option_right {kind}"] = round(sum(best[page][1] for page in mine) / len(mine), 4)
    return figures
