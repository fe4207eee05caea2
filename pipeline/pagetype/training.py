"""`make train` for the page types: the rows of the two models, their article threshold, their figures.

Rows: every labelled page (dev: all articles; train-wcxb: WCXB's page types) read and decoded as `run`
does, its features computed by pipeline.pagetype.features: `page_type_html` from the HTML files,
`page_type_text` from every text dump the corpora hold (lynx, lynx at 80 columns, inscriptis), so that
one text model serves dumps of any of these tools. A dump that is empty (which `run` rejects before
typing) gives no row.

The article threshold: the booster's probability of `article` must reach it. It is fitted on the
booster's own training pages only, by an inner cross-validation over their folds (a booster scores
its own training pages too well to fit a threshold on): the threshold keeps TARGET_RECALL of the
articles there. The figures take each page's decision with its fold's threshold: articles kept,
pages of each other type kept (as articles), article-vs-other accuracy, per input kind.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.extract.html import parse_html
from pipeline.extract.text import text_lines
from pipeline.learn.corpus import TEXT_KINDS, labelled_pages
from pipeline.learn.train import Dataset, Task, fit, predict
from pipeline.page import Page, Rejected
from pipeline.pagetype import ARTICLE, MODEL_TYPES, MODELS, decide_index
from pipeline.pagetype.features import HTML_FEATURES, TEXT_FEATURES, html_features, text_features
from pipeline.stages import decode_page, read

TARGET_RECALL = 0.99      # of the articles in the inner cross-validation, kept by the fitted threshold
HTML_KINDS = ("html",)
PARAMS = {"num_leaves": 7, "min_data_in_leaf": 20, "feature_fraction": 0.8, "extra_trees": True, "learning_rate": 0.1}
ROUNDS = 200


@dataclass
class PageRows(Dataset):
    """A page-type dataset, with each row's input kind and corpus (for the figures)."""

    kinds: np.ndarray | None = None
    corpora: np.ndarray | None = None


def page_features(path, kind: str) -> dict[str, float] | None:
    """A labelled file's features as `run` computes them, or None when `run` would not type it (an empty dump, a
    file whose bytes say the other format)."""
    page = Page(id=path.name, path=path.name, location=str(path))
    try:
        read(page)
        decode_page(page)
    except Rejected:
        return None
    if (page.format == "html") != (kind == "html"):
        return None
    return (html_features(parse_html(page.text)) if page.format == "html" else text_features(text_lines(page.text)))[0]


def build_rows(kinds: tuple[str, ...], names: tuple[str, ...]) -> PageRows:
    pages = labelled_pages()
    rows, labels, folds, page_index, row_kinds, corpora = [], [], [], [], [], []
    for index, page in enumerate(pages):
        for kind in kinds:
            path = page.path(kind)
            features = page_features(path, kind) if path is not None else None
            if features is None:
                continue
            rows.append([features.get(name, np.nan) for name in names])
            labels.append(MODEL_TYPES.index(page.page_type))
            folds.append(page.fold)
            page_index.append(index)
            row_kinds.append(kind)
            corpora.append(page.corpus)
    labels = np.array(labels)
    notes = {"corpora": "dev (every page an article) + train-wcxb (page types)", "kinds": ", ".join(kinds),
             "rows by type": {kind: int((labels == i).sum()) for i, kind in enumerate(MODEL_TYPES)}}
    return PageRows(names, np.array(rows, dtype=np.float64), labels, np.array(folds), np.array(page_index),
                    [page.id for page in pages], notes=notes, kinds=np.array(row_kinds), corpora=np.array(corpora))


class ArticleThreshold:
    """The tasks' fit_settings: the article threshold of a booster, fitted by inner cross-validation over the folds
    it was trained on; remembers each held-out fold's threshold for the figures."""

    def __init__(self):
        self.task: Task | None = None
        self.by_fold: dict[int | None, float] = {}

    def __call__(self, data: Dataset, mask: np.ndarray, predictions: np.ndarray) -> dict:
        inner = np.zeros(len(data.rows))
        for fold in np.unique(data.folds[mask]):
            scored = mask & (data.folds == fold)
            booster = fit(self.task, data, mask & (data.folds != fold))
            inner[scored] = predict(booster, data.rows[scored])[:, MODEL_TYPES.index(ARTICLE)]
        articles = inner[mask & (data.labels == MODEL_TYPES.index(ARTICLE))]
        threshold = float(np.quantile(articles, 1 - TARGET_RECALL))
        held_out = set(np.unique(data.folds)) - set(np.unique(data.folds[mask]))
        self.by_fold[held_out.pop() if held_out else None] = threshold
        return {"article_threshold": round(threshold, 6), "target_recall": TARGET_RECALL}

    def figures(self, data: PageRows, oof: np.ndarray) -> dict:
        """Out-of-fold decisions, each page with its fold's threshold: overall and per input kind."""
        thresholds = np.array([self.by_fold[int(fold)] for fold in data.folds])
        decided = np.array([decide_index(probabilities, threshold) for probabilities, threshold in zip(oof, thresholds)])
        figures = {"with the fitted threshold": decision_figures(data.labels, decided)}
        if len(np.unique(data.kinds)) > 1:
            figures["by kind"] = {kind: decision_figures(data.labels[data.kinds == kind], decided[data.kinds == kind])
                                  for kind in np.unique(data.kinds)}
        dev = data.corpora == "dev"
        figures["dev articles kept"] = f"{int((decided[dev] == 0).sum())} of {int(dev.sum())}"
        return figures


def decision_figures(labels: np.ndarray, decided: np.ndarray) -> dict:
    """Article-vs-other accuracy, the share of articles kept, the share of each other type kept as an article,
    and the confusion (gold type -> decided type -> pages)."""
    article = MODEL_TYPES.index(ARTICLE)
    kept = decided == article
    return {
        "article_vs_other_accuracy": round(float((kept == (labels == article)).mean()), 4),
        "articles_kept": round(float(kept[labels == article].mean()), 4),
        "kept_as_article": {kind: round(float(kept[labels == i].mean()), 4)
                            for i, kind in enumerate(MODEL_TYPES) if i != article and (labels == i).any()},
        "confusion": {gold: {kind: int(((labels == g) & (decided == d)).sum()) for d, kind in enumerate(MODEL_TYPES)}
                      for g, gold in enumerate(MODEL_TYPES)},
    }


def page_type_task(fmt: str, kinds: tuple[str, ...], names: tuple[str, ...]) -> Task:
    threshold = ArticleThreshold()
    task = Task(name=MODELS[fmt], doc=f"The page's type ({', '.join(MODEL_TYPES)}) from the features of "
                f"{'its HTML' if fmt == 'html' else 'a text dump of it'}; an article when P(article) reaches "
                "the fitted article_threshold.",
                classes=MODEL_TYPES, build=lambda: build_rows(kinds, names), rounds=ROUNDS, params=PARAMS,
                fit_settings=threshold, figures=threshold.figures)
    threshold.task = task
    return task


def tasks() -> list[Task]:
    return [page_type_task("html", HTML_KINDS, HTML_FEATURES), page_type_task("text", TEXT_KINDS, TEXT_FEATURES)]
