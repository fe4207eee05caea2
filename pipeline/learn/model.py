"""A trained model: a LightGBM booster over named features, with the constants fitted beside it.

Each model lives in `pipeline/models/<name>/`: `model.txt` (LightGBM's own text format, trained on
every labelled page), `card.json` (features, classes, fitted settings, data, CV figures),
`README.md` (the card for people) and `folds/fold-K.txt.gz` (the same model trained without fold K's
sites). A process loads each model once. With NEWSCLEAN_FOLD=K set (as `make bench` does for the
pages of fold K), every model is its fold-K version: nothing that scores a page has seen its site.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import lightgbm
import numpy as np

from pipeline.learn import active_fold

MODELS = Path(__file__).resolve().parent.parent / "models"


class ModelMissing(LookupError):
    """A model file that the code asks for is not there (run `make train`)."""


def model_file(name: str, fold: int | None) -> Path:
    folder = MODELS / name
    return folder / "model.txt" if fold is None else folder / "folds" / f"fold-{fold}.txt.gz"


@dataclass(frozen=True)
class Model:
    name: str
    features: tuple[str, ...]
    classes: tuple[str, ...]     # binary models: (negative, positive); predict gives the positive's probability
    settings: dict               # constants fitted with this booster (e.g. a decoding threshold)
    booster: lightgbm.Booster
    fold: int | None

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """Probabilities: one per row for a binary model, one per row and class otherwise."""
        if len(rows) == 0:
            return np.zeros((0,) if len(self.classes) == 2 else (0, len(self.classes)))
        return self.booster.predict(np.asarray(rows, dtype=np.float64), num_threads=1)

    def top_features(self, row, top: int = 3, chosen: str | None = None) -> list[tuple[str, float]]:
        """The features that pushed this row's score most (SHAP contributions, in log-odds), biggest first.
        For a multi-class model, the contributions to class `chosen` (default: the most probable)."""
        contributions = self.booster.predict(np.asarray([row], dtype=np.float64), pred_contrib=True, num_threads=1)[0]
        width = len(self.features) + 1
        if len(self.classes) > 2:
            index = (self.classes.index(chosen) if chosen is not None
                     else int(np.argmax(self.predict(np.asarray([row]))[0])))
            contributions = contributions[index * width:(index + 1) * width]
        named = sorted(zip(self.features, contributions[:-1]), key=lambda item: -abs(item[1]))
        return [(name, float(value)) for name, value in named[:top]]

    def describe(self, row, score: float, top: int = 3, chosen: str | None = None) -> str:
        """How `explain` names the decision: 'model text_lines 0.12 (link_share -0.80, ...)'; for a multi-class
        model, the features that weighed for class `chosen` (default: the most probable)."""
        reasons = ", ".join(f"{name} {value:+.2f}" for name, value in self.top_features(row, top, chosen))
        return f"model {self.name} {score:.2f} ({reasons})"


def present() -> list[str]:
    """The names of the models in pipeline/models (each a folder with its card), sorted."""
    return sorted(card.parent.name for card in MODELS.glob("*/card.json"))


def read_card(name: str) -> dict:
    path = MODELS / name / "card.json"
    if not path.is_file():
        raise ModelMissing(f"no model '{name}' in {MODELS} (run `make train`)")
    return json.loads(path.read_text("utf-8"))


def load(name: str) -> Model:
    """The named model for the fold being scored (see active_fold)."""
    return load_fold(name, active_fold())


@cache
def load_fold(name: str, fold: int | None) -> Model:
    """The named model trained without fold `fold`'s sites (None: on every page), loaded once a process."""
    card = read_card(name)
    path = model_file(name, fold)
    if not path.is_file():
        raise ModelMissing(f"model file {path.relative_to(MODELS.parent)} is missing (run `make train`)")
    text = gzip.decompress(path.read_bytes()).decode("utf-8") if path.suffix == ".gz" else path.read_text("utf-8")
    settings = card["settings"] if fold is None else card["fold_settings"][str(fold)]
    return Model(name, tuple(card["features"]), tuple(card["classes"]), settings,
                 lightgbm.Booster(model_str=text), fold)
