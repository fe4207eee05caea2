"""The article's region in a text dump, chosen by the text_lines model.

    hand.py      the hand-written scores: a run of lines, the body's indentation, the title line
    features.py  every line's features (its own shape, its place, its neighbours, the hand-written reading)
    training.py  `make train`: the lines of every labelled dump, labelled by the gold body; the fitted decoding

The model gives each line the probability that it belongs to the article's body. Decoding: the region
is the run of lines whose probabilities, less the fitted `threshold` and weighted by the line's words,
add up to the most; inside it, a line under the fitted `drop_below` is removed (by `text_lines`, as a rule
would). Lines outside the region are removed by BP020 (outside-article), with the model's score noted.
"""
from __future__ import annotations

import numpy as np

from pipeline.learn.model import load
from pipeline.page import Page
from pipeline.textbody.features import line_features
from pipeline.textbody.hand import HandRegion
from pipeline.textutil import word_count

MODEL = "text_lines"
WORDS_CAP = 80      # a line's weight in the region grows with its words up to this many


def line_weights(words: np.ndarray) -> np.ndarray:
    """What a line's score counts for in the region: long paragraphs decide it, short lines less."""
    return 1.0 + np.minimum(words, WORDS_CAP) / 10.0


def best_run(scores: np.ndarray) -> tuple[int, int]:
    """[start, end) of the contiguous run of the largest sum (at least one line)."""
    if len(scores) == 0:
        return 0, 0
    sums = np.concatenate(([0.0], np.cumsum(scores)))
    lowest = np.minimum.accumulate(sums[:-1])
    end = int(np.argmax(sums[1:] - lowest)) + 1
    start = int(np.argmin(sums[:end]))
    return start, end


def decode(probabilities: np.ndarray, words: np.ndarray, threshold: float) -> tuple[int, int]:
    return best_run((probabilities - threshold) * line_weights(words))


def body_region(page: Page, hand: HandRegion) -> tuple[int, int]:
    """[start, end) of the article's lines; lines inside it that the model rejects are marked removed."""
    model = load(MODEL)
    probabilities = model.predict(line_features(page, hand))
    words = np.array([word_count(line.text) for line in page.lines], dtype=np.float64)
    start, end = decode(probabilities, words, model.settings["threshold"])
    drop_below = model.settings["drop_below"]
    for i, (line, probability) in enumerate(zip(page.lines, probabilities)):
        inside = start <= i < end
        if inside and probability < drop_below:
            line.removed_by = MODEL
        if not inside or probability < drop_below:
            line.note = f"model {MODEL} {probability:.2f}"
    page.count(f"{MODEL}:removed", sum(1 for line in page.lines[start:end] if line.removed_by == MODEL))
    return start, end
