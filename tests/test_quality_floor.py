"""Quality floors on a fixed slice of the evaluation corpus: a change that loses quality fails here.

The slice is every 4th page id of the gold file in sorted order (82 pages), for the HTML pages and
both kinds of text dump. Each floor sits a little under what the pipeline reached when it was last
raised; raise them as quality improves (`make bench` gives the figures on the whole corpus).
"""
from __future__ import annotations

import shutil

import pytest

from pipeline.evaluate import load_gold, load_records, score
from pipeline.runner import Settings, run

STEP = 4
FLOORS = {  # kind -> figure -> the least acceptable value on the slice
    "html": {"body4": 0.965, "headline": 0.80, "date": 0.75, "date_tz": 0.88, "authors": 0.79, "outlet": 0.85},
    "text-lynx": {"body4": 0.93, "headline": 0.64, "date": 0.63, "date_tz": 0.72, "authors": 0.60, "outlet": 0.51},
    "text-inscriptis": {"body4": 0.95, "headline": 0.50, "date": 0.63, "date_tz": 0.76, "authors": 0.60, "outlet": 0.18},
}
EXTENSIONS = {"html": ".html", "text-lynx": ".txt", "text-inscriptis": ".txt"}


@pytest.fixture(scope="module")
def slice_gold(corpus_dir) -> list[dict]:
    gold = sorted(load_gold(corpus_dir / "gold.jsonl"), key=lambda truth: truth["id"])
    return gold[::STEP]


@pytest.fixture(scope="module")
def figures(corpus_dir, slice_gold, tmp_path_factory) -> dict:
    """kind -> the scores of a pipeline run over the slice of that kind."""
    found = {}
    for kind, extension in EXTENSIONS.items():
        pages = tmp_path_factory.mktemp(f"{kind}-pages")
        for truth in slice_gold:
            shutil.copy(corpus_dir / kind / f"{truth['id']}{extension}", pages)
        output = tmp_path_factory.mktemp(f"{kind}-records")
        run(pages, output, Settings(workers=1, timeout=60), progress=False)  # a busy CI machine must not lose pages
        found[kind] = score(slice_gold, load_records(output))
    return found


def test_the_slice_is_fixed_and_large_enough(slice_gold):
    assert len(slice_gold) >= 80
    assert all(truth["id"] < later["id"] for truth, later in zip(slice_gold, slice_gold[1:]))


@pytest.mark.parametrize("kind,figure", [(kind, figure) for kind, floors in FLOORS.items() for figure in floors])
def test_quality_stays_above_its_floor(figures, kind, figure):
    found = figures[kind][figure]
    value = found["f1"] if figure == "body4" else found["acc"]
    assert value >= FLOORS[kind][figure], f"{kind} {figure} fell to {value:.3f} (floor {FLOORS[kind][figure]})"
