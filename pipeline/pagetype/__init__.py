"""Page types: every page is an article, forum, product, collection, listing, documentation, service or other page.

    features.py  the numbers a page is judged by, one function per input kind (HTML, text dump), shared by
                 `run` and `make train`
    other.py     login, error, search-results and paywall-stub pages (`other`): rules of general knowledge
    training.py  the two models' rows, the fitted article threshold and the figures (`make train`)

The first six types are WCXB's taxonomy (besides article); two models learn them from the labelled
corpora: `page_type_html` from HTML features, `page_type_text` from text-dump features (lynx, lynx at
80 columns, inscriptis pages alike). A page is an article when the model's probability of `article` reaches
the fitted threshold `article_threshold` (set low: losing an article costs far more than keeping a
product page); otherwise it is the most probable of the other types. The rules for `other` come first.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import get_args

import numpy as np

from pipeline.extract.html import parse_html
from pipeline.extract.text import extract_text
from pipeline.learn.model import Model, load
from pipeline.page import Page, Rejected
from pipeline.pagetype.features import html_features, text_features
from pipeline.pagetype.other import other_reason
from schemas.article import PageType

PAGE_TYPES = get_args(PageType)   # the record's page_type values
ARTICLE, OTHER = PAGE_TYPES[0], PAGE_TYPES[-1]
MODEL_TYPES = PAGE_TYPES[:-1]     # what the models learn: WCXB's types; `other` comes from rules
MODELS = {"html": "page_type_html", "text": "page_type_text"}   # page format -> model name


@dataclass(frozen=True)
class Decision:
    """A page's type, how sure the decision is (the model's probability of that type; 1 for a rule), and why
    (`detail` starts with the type: 'product 0.91 (article 0.04, threshold 0.17)', 'other (login: ...)')."""

    type: str
    score: float
    detail: str
    row: list[float] | None = None   # the model's features, for `explain`
    model: Model | None = None


def model_row(model: Model, features: dict[str, float]) -> list[float]:
    """The features in the model's order; a feature the page does not have (a URL's, when it has none) is NaN."""
    return [features.get(name, math.nan) for name in model.features]


def decide_index(probabilities: np.ndarray, threshold: float) -> int:
    """Index into MODEL_TYPES: article (0) when its probability reaches the threshold, else the most probable
    other type."""
    if probabilities[0] >= threshold:
        return 0
    return int(np.argmax(probabilities[1:])) + 1


def classify(page: Page) -> Decision:
    """The type of a decoded page. What it reads is kept for the extract stage: the parsed tree (HTML), the lines
    (text dumps)."""
    if page.format == "html":
        page.tree = parse_html(page.text, page)
        features, facts = html_features(page.tree, page.url)
    else:
        extract_text(page)
        features, facts = text_features(page.lines)
    reason = other_reason(facts)
    if reason:
        return Decision(OTHER, 1.0, f"{OTHER} ({reason})")
    model = load(MODELS[page.format])
    row = model_row(model, features)
    probabilities = model.predict(np.asarray([row]))[0]
    threshold = model.settings["article_threshold"]
    index = decide_index(probabilities, threshold)
    kind, score = model.classes[index], float(probabilities[index])
    detail = f"{kind} {score:.2f} (article {probabilities[0]:.2f}, threshold {threshold:.2f})"
    return Decision(kind, score, detail, row, model)


def type_page(page: Page) -> None:
    """Sets page.page_type; a page that is no article is rejected (`not_article`) unless page.all_types."""
    decision = classify(page)
    page.page_type, page.type_decision = decision.type, decision
    page.count(f"page_type:{decision.type}")
    if decision.type != ARTICLE and not page.all_types:
        raise Rejected("not_article", decision.detail)
