"""Quality floors, cross-validated by site: a change that loses quality on unseen sites fails here.

The slice is every 3rd labelled page of dev + train-wcxb (in corpus and id order: about 560 pages of
every type). Each page is cleaned in this process, as `pipeline run` cleans it, by the models of its
fold: those trained without its site's pages (`pipeline.learn.scoring_fold`). So every figure here
is out of sample by site, like the cross-validated columns of BENCHMARKS.md (`make bench` gives them
on every page). Each floor sits a little under the figure of the commit that last set it; raise them
as quality improves.
"""
from __future__ import annotations

import json

import pytest

from pipeline.bench import judge
from pipeline.learn import scoring_fold
from pipeline.learn.corpus import ARTICLE, CorpusMissing, LabelledPage, corpus_root, labelled_pages
from pipeline.runner import Settings, clean_one

STEP = 3
SETTINGS = Settings(timeout=60)
FLOORS = {  # kind -> figure -> the least acceptable value on the slice (body4 and metadata: its articles)
    "html": {"body4": 0.92, "headline": 0.81, "date_tz": 0.86, "authors": 0.81, "article_vs_other": 0.86},
    "text-lynx": {"body4": 0.895, "headline": 0.71, "date_tz": 0.69, "authors": 0.57, "article_vs_other": 0.71},
    "text-lynx80": {"body4": 0.895, "headline": 0.74, "date_tz": 0.68, "authors": 0.56, "article_vs_other": 0.66},
    "text-inscriptis": {"body4": 0.915, "headline": 0.665, "date_tz": 0.70, "authors": 0.57, "article_vs_other": 0.72},
}
WRONG_BLOCK_CEILING = {"text-lynx": 0.07, "text-lynx80": 0.07, "text-inscriptis": 0.07}


@pytest.fixture(scope="module")
def slice_pages(shared_dir) -> list[LabelledPage]:
    try:
        pages = labelled_pages(corpus_root(shared_dir / "corpus"))
    except CorpusMissing as missing:
        pytest.skip(str(missing))
    return sorted(pages, key=lambda page: (page.corpus, page.id))[::STEP]


def cross_validated_run(pages: list[LabelledPage], kind: str) -> tuple[dict[str, dict], set[str]]:
    """id -> record of every page of that kind, and the ids rejected as not_article, each page cleaned by
    its fold's models."""
    records, not_articles = {}, set()
    for page in pages:
        path = page.path(kind)
        if path is None:
            continue
        with scoring_fold(page.fold):
            outcome = clean_one(path.name, str(path), SETTINGS)
        if outcome.record_json:
            records[page.id] = json.loads(outcome.record_json)
        elif outcome.reason == "not_article":
            not_articles.add(page.id)
    return records, not_articles


@pytest.fixture(scope="module")
def figures(slice_pages) -> dict:
    """kind -> figure -> value, cross-validated, over the slice's pages of that kind."""
    found = {}
    for kind in FLOORS:
        typed = [page for page in slice_pages if page.path(kind) is not None]
        records, not_articles = cross_validated_run(typed, kind)
        judged = judge(typed, records, kind)
        values = {figure: judged["articles"][figure]["acc"] for figure in ("headline", "date_tz", "authors")}
        values["body4"] = judged["articles"]["body4"]["f1"]
        values["wrong_block"] = judged["wrong_block"]
        values["article_vs_other"] = sum((page.page_type == ARTICLE) == (page.id not in not_articles)
                                         for page in typed) / len(typed)
        found[kind] = values
    return found


def test_the_slice_is_fixed_large_and_mixed(slice_pages):
    assert len(slice_pages) >= 250
    assert {page.corpus for page in slice_pages} == {"dev", "wcxb"}
    assert len({page.page_type for page in slice_pages}) >= 6
    assert {page.fold for page in slice_pages} == set(range(5))


@pytest.mark.parametrize("kind,figure", [(kind, figure) for kind, floors in FLOORS.items() for figure in floors])
def test_quality_stays_above_its_floor(figures, kind, figure):
    value = figures[kind][figure]
    assert value >= FLOORS[kind][figure], f"{kind} {figure} fell to {value:.3f} (floor {FLOORS[kind][figure]})"


@pytest.mark.parametrize("kind", sorted(WRONG_BLOCK_CEILING))
def test_wrong_blocks_stay_rare(figures, kind):
    value = figures[kind]["wrong_block"]
    assert value <= WRONG_BLOCK_CEILING[kind], f"{kind}: {value:.3f} of articles got the wrong block"
