"""The learning set-up: site-grouped folds, deterministic training, fold models loaded for cross-validation."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.learn import FOLD_ENV, corpus, model, train
from pipeline.learn.train import Dataset, Task


def toy_dataset() -> Dataset:
    """Rows whose label follows the first feature (with noise), pages of ten rows, five folds of pages."""
    generator = np.random.default_rng(3)
    rows = generator.normal(size=(600, 3))
    labels = (rows[:, 0] + 0.3 * generator.normal(size=600) > 0).astype(int)
    pages = np.arange(600) // 10
    return Dataset(("signal", "noise_a", "noise_b"), rows, labels, pages % corpus.FOLDS, pages,
                   [f"p{i}" for i in range(60)], notes={"rows": "made up"})


def toy_task(**changes) -> Task:
    def threshold(data, mask, predictions):
        return {"threshold": round(float(np.median(predictions[mask])), 6), "rows": int(mask.sum())}
    return Task(**{"name": "toy", "doc": "a made-up decision", "classes": ("no", "yes"), "build": toy_dataset,
                   "rounds": 20, "fit_settings": threshold, **changes})


@pytest.fixture
def models_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(model, "MODELS", tmp_path)
    model.load_fold.cache_clear()
    yield tmp_path
    model.load_fold.cache_clear()


def test_site_is_registered_domain_and_fold_follows_site():
    assert corpus.site_of({"id": "a", "url": "https://www.bbc.co.uk/news/1"}) == "bbc.co.uk"
    assert corpus.site_of({"id": "a", "url": "https://news.bbc.co.uk/x"}) == "bbc.co.uk"
    assert corpus.site_of({"id": "rd-3", "url": None}) == "page:rd-3"
    assert corpus.fold_of("bbc.co.uk") == corpus.fold_of("bbc.co.uk")
    assert {corpus.fold_of(f"site{i}.example") for i in range(50)} == set(range(corpus.FOLDS))


def test_training_is_deterministic_and_writes_every_file(models_dir):
    card = train.train_task(toy_task())
    first = {p.relative_to(models_dir): p.read_bytes() for p in models_dir.rglob("*") if p.is_file()}
    train.train_task(toy_task())
    second = {p.relative_to(models_dir): p.read_bytes() for p in models_dir.rglob("*") if p.is_file()}
    assert first == second
    assert sorted(map(str, first)) == sorted(["toy/model.txt", "toy/card.json", "toy/README.md"]
                                             + [f"toy/folds/fold-{k}.txt.gz" for k in range(corpus.FOLDS)])
    assert card["cross_validated"]["auc"] > 0.9        # the signal is learned, judged out of fold
    assert card["top_features_by_gain"][0][0] == "signal"
    assert card["settings"]["rows"] == 600 and card["fold_settings"]["2"]["rows"] == 480


def test_fold_models_are_the_ones_trained_without_the_fold(models_dir, monkeypatch):
    train.train_task(toy_task())
    rows = toy_dataset().rows[:5]
    final = model.load("toy")
    assert final.fold is None and final.settings["rows"] == 600
    monkeypatch.setenv(FOLD_ENV, "3")
    model.load_fold.cache_clear()
    held_out = model.load("toy")
    assert held_out.fold == 3 and held_out.settings["rows"] == 480
    assert not np.allclose(final.predict(rows), held_out.predict(rows))
    described = held_out.describe(rows[0], float(held_out.predict(rows[:1])[0]))
    assert described.startswith("model toy ") and "signal" in described


def test_missing_model_says_how_to_make_it(models_dir):
    with pytest.raises(model.ModelMissing, match="make train"):
        model.load("nothing")


def test_auc_matches_pair_counting():
    labels = np.array([0, 1, 0, 1, 1, 0])
    scores = np.array([0.1, 0.4, 0.4, 0.8, 0.2, 0.3])
    pairs = [(p, n) for p in scores[labels == 1] for n in scores[labels == 0]]
    expected = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p, n in pairs) / len(pairs)
    assert train.auc(labels, scores) == pytest.approx(expected)
