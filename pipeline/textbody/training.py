"""`make train` for text_lines: every line of every labelled article dump, labelled by the gold body.

Rows: the article pages of dev and train-wcxb, as every text dump the corpora hold (lynx, lynx wrapped
at 80 columns, inscriptis: one model serves them all), read as `run` reads them up to the hand-written
reading (pipeline.textbody.hand, with the hand-written headline ranking: no row depends on a model).
A line is labelled body when its words are the gold body's: four of its runs of four words in the gold
text out of every eight (a line of three words or fewer: its words in a row there). Rows are weighted
by the square root of the line's words, since the body metric counts words.

Fitted constants (on the booster's own training pages): the decoding's `threshold`, `reach` and `drop_below`,
chosen on a grid for the best body F1 counted in words over those pages (precision over the words kept,
recall over the gold body's words).
"""
from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import product

import numpy as np

from pipeline.evaluate import TOKEN, normalise
from pipeline.extract.text import extract_text
from pipeline.learn.corpus import ARTICLE, FOLDS, TEXT_KINDS, LabelledPage, labelled_pages
from pipeline.learn.train import Dataset, Task
from pipeline.metadata.ranking import hand_ranking
from pipeline.page import Page, Rejected
from pipeline.read import DEFAULT_MAX_BYTES
from pipeline.stages import decode_page, read
from pipeline.textbody import MODEL, decode, line_words
from pipeline.textbody.features import FEATURES, line_features
from pipeline.textbody.hand import hand_region

SHINGLE = 4
BODY_SHARE = 0.5
THRESHOLDS = tuple(np.round(np.arange(0.2, 0.71, 0.05), 2))
DROPS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
REACHES = (0, 2, 4, 8)
WORKERS = 2
PARAMS = {"num_leaves": 31, "min_data_in_leaf": 50, "feature_fraction": 0.8, "learning_rate": 0.1}
ROUNDS = 200


@dataclass
class LineRows(Dataset):
    """The line dataset, with what the decoding is fitted on: each row's words and gold words, each page's
    gold words and input kind."""

    words: np.ndarray | None = None          # (rows,) the line's words
    page_gold_words: np.ndarray | None = None  # (pages,) the gold body's words
    kinds: list[str] | None = None           # (pages,)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(normalise(text))


def gold_runs(gold_tokens: list[str]) -> tuple[set, set]:
    """The gold body's runs of SHINGLE words, and its runs of one to SHINGLE - 1 words."""
    runs = {tuple(gold_tokens[i:i + SHINGLE]) for i in range(len(gold_tokens) - SHINGLE + 1)}
    short = {tuple(gold_tokens[i:i + size]) for size in range(1, SHINGLE) for i in range(len(gold_tokens) - size + 1)}
    return runs, short


def is_body(line_tokens: list[str], runs: set, short: set) -> bool:
    if not line_tokens:
        return False
    if len(line_tokens) < SHINGLE:
        return tuple(line_tokens) in short
    found = sum(tuple(line_tokens[i:i + SHINGLE]) in runs for i in range(len(line_tokens) - SHINGLE + 1))
    return found >= BODY_SHARE * (len(line_tokens) - SHINGLE + 1)


def page_rows(job: tuple[LabelledPage, str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int] | None:
    """(features, labels, words of each line, gold words) of one labelled dump; None when `run` would reject it first."""
    labelled, kind = job
    path = labelled.path(kind)
    page = Page(id=labelled.id, path=path.name, location=str(path), max_bytes=DEFAULT_MAX_BYTES)
    try:
        read(page)
        decode_page(page)
        if page.format != "text":
            return None
        extract_text(page)
    except Rejected:
        return None
    if not page.lines:
        return None
    with hand_ranking():
        hand = hand_region(page)
    gold_tokens = tokens(labelled.gold.get("body") or "")
    runs, short = gold_runs(gold_tokens)
    labels = np.array([is_body(tokens(line.text), runs, short) for line in page.lines], dtype=np.int64)
    return line_features(page, hand), labels, line_words(page), len(gold_tokens)


@cache
def dataset() -> LineRows:
    jobs = [(page, kind) for kind in TEXT_KINDS for page in labelled_pages()
            if page.page_type == ARTICLE and page.gold.get("body") and page.path(kind) is not None]
    with ProcessPoolExecutor(WORKERS) as pool:
        results = list(pool.map(page_rows, jobs, chunksize=8))
    blocks, labels, words, folds, pages, page_ids, gold_words, kinds = [], [], [], [], [], [], [], []
    for (labelled, kind), result in zip(jobs, results):
        if result is None:
            continue
        rows, line_labels, row_words, gold = result
        blocks.append(rows)
        labels.append(line_labels)
        words.append(row_words)
        folds.append(np.full(len(rows), labelled.fold))
        pages.append(np.full(len(rows), len(page_ids)))
        page_ids.append(f"{kind}:{labelled.id}")
        gold_words.append(gold)
        kinds.append(kind)
    labels_all, words_all = np.concatenate(labels), np.concatenate(words)
    notes = {"corpora": "dev + train-wcxb, article pages with a gold body", "kinds": ", ".join(TEXT_KINDS),
             "dumps (pages)": len(page_ids), "lines (rows)": int(len(labels_all)),
             "body lines": int(labels_all.sum()), "label": "a line is body when half its 4-word runs are in the gold body"}
    return LineRows(FEATURES, np.vstack(blocks), labels_all, np.concatenate(folds), np.concatenate(pages), page_ids,
                    weights=np.sqrt(1.0 + words_all), notes=notes, words=words_all,
                    page_gold_words=np.array(gold_words, dtype=np.float64), kinds=kinds)


def page_slices(data: LineRows) -> list[slice]:
    """Each page's rows (rows are in page order)."""
    bounds = np.flatnonzero(np.diff(data.pages)) + 1
    edges = [0, *bounds.tolist(), len(data.pages)]
    return [slice(a, b) for a, b in zip(edges, edges[1:])]


def drop_counts(data: LineRows, predictions: np.ndarray, rows: slice, threshold: float,
                reach: int) -> tuple[np.ndarray, np.ndarray]:
    """(words kept, gold words kept) on one page (its `rows`) for each of DROPS as drop_below."""
    p, words, labels = predictions[rows], data.words[rows], data.labels[rows]
    start, end = decode(p, words, threshold, reach)
    kept = p[start:end][None, :] >= np.array(DROPS)[:, None]
    return kept @ words[start:end], kept @ (words * labels)[start:end]


def word_f1s(data: LineRows, predictions: np.ndarray, pages: list[int], threshold: float, reach: int) -> np.ndarray:
    """F1 in words over `pages` for each of DROPS, as the body metric averages them (precision over pages that keep
    something, recall over all)."""
    slices = page_slices(data)
    counts = [drop_counts(data, predictions, slices[page], threshold, reach) for page in pages]
    kept = np.array([c[0] for c in counts])
    right = np.array([c[1] for c in counts])
    gold = data.page_gold_words[pages][:, None]
    keeps = kept > 0
    precision = np.where(keeps, right / np.where(keeps, kept, 1), 0).sum(axis=0) / np.maximum(keeps.sum(axis=0), 1)
    recall = np.where(gold > 0, np.minimum(1.0, right / np.where(gold > 0, gold, 1)), 0).mean(axis=0)
    return np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-12), 0)


def fit_decoding(data: LineRows, trained: np.ndarray, predictions: np.ndarray) -> dict:
    """The grid's threshold, reach and drop_below of the best word F1 over the booster's training pages."""
    pages = sorted({int(page) for page in data.pages[trained]})
    scored = []
    for threshold, reach in product(THRESHOLDS, REACHES):
        for drop, f1 in zip(DROPS, word_f1s(data, predictions, pages, threshold, reach)):
            scored.append((round(float(f1), 6), -threshold, -reach, -drop))
    f1, threshold, reach, drop = max(scored)
    return {"threshold": float(-threshold), "reach": int(-reach), "drop_below": float(-drop)}


def figures(data: LineRows, oof: np.ndarray) -> dict:
    """Word F1 of the decoded regions out of fold, per input kind; each fold's decoding fitted on the other folds'
    out-of-fold scores."""
    folds_of_page = {int(page): int(fold) for page, fold in zip(data.pages, data.folds)}
    fold_settings = {fold: fit_decoding(data, data.folds != fold, oof) for fold in range(FOLDS)}
    result = {}
    for kind in TEXT_KINDS:
        pages = [page for page, page_kind in enumerate(data.kinds) if page_kind == kind]
        totals = []
        for fold in range(FOLDS):
            mine = [page for page in pages if folds_of_page[page] == fold]
            if mine:
                settings = fold_settings[fold]
                f1s = word_f1s(data, oof, mine, settings["threshold"], settings["reach"])
                totals.append((len(mine), float(f1s[DROPS.index(settings["drop_below"])])))
        pages_total = sum(count for count, _ in totals)
        result[f"word_f1 {kind}"] = round(sum(count * f1 for count, f1 in totals) / pages_total, 4) if pages_total else 0.0
    return result


def task() -> Task:
    return Task(MODEL, "Text dumps: whether each line belongs to the article's body (a line per row; decoded into "
                "the article's region).", ("other", "body"), dataset, rounds=ROUNDS, params=PARAMS,
                fit_settings=fit_decoding, figures=figures)
